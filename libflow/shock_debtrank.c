/*
 * shock_debtrank.c - lens 4, financial contagion (Battiston, Puliga,
 * Kaushik, Tasca & Caldarelli 2012, "DebtRank: too central to fail?",
 * Sci. Rep. 2:541), with the increment variant of Bardoscia, Battiston,
 * Caccioli & Caldarelli 2015 (Sci. Rep. 5:10171) as the switch.
 */
#include "cut_plan.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { UNDISTRESSED = 0, DISTRESSED = 1, INACTIVE = 2 };

/*
 * In the increment variant distress can keep circulating in ever smaller
 * amounts around a cycle; increments below this (distress is in [0, 1]) are
 * not passed on, which ends the propagation.
 */
#define INCREMENT_TOLERANCE 1e-12

static int check_vector(const double *v, int64_t n, double hi, const char *what)
{
    for (int64_t i = 0; i < n; i++)
        if (!(v[i] >= 0.0 && v[i] <= hi))
            return flow_i_fail(FLOW_ERR_VALUE, "DebtRank: %s[%lld] = %g is outside [0, %g]", what,
                               (long long)i, v[i], hi);
    return FLOW_OK;
}

static int check_inputs(int64_t n, const double *exposure, int64_t stride, const double *capital,
                        const double *value)
{
    int rc;
    if (n < 0 || exposure == NULL || capital == NULL || stride < n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "DebtRank: NULL exposure or capital, n < 0 or stride < n");
    int64_t nn = 0;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_check_in_matrix(exposure, n, n, stride, "DebtRank exposure")) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++)
        if ((rc = check_vector(exposure + i * stride, n, DBL_MAX, "exposure row")) != FLOW_OK)
            return flow_i_fail(rc, "DebtRank: exposure[%lld][...] has a negative or NaN entry",
                               (long long)i);
    if ((rc = check_vector(capital, n, DBL_MAX, "capital")) != FLOW_OK)
        return rc;
    return value ? check_vector(value, n, DBL_MAX, "value") : FLOW_OK;
}

/*
 * Impact of j's distress on i: W[j * n + i] = min(1, (1 - recovery)
 * exposure_i->j / capital_i): a borrower in default repays the recovery
 * rate of the claim (Bardoscia, Battiston, Caccioli & Caldarelli 2016).
 */
static double *impact_matrix(int64_t n, const double *exposure, int64_t stride,
                             const double *capital, int keep_self_loops, double recovery)
{
    int64_t nn = 0;
    if (flow_i_mul_size(n, n, &nn) != FLOW_OK)
        return NULL;
    double *w = flow_i_calloc(nn, sizeof *w);
    if (w == NULL)
        return NULL;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            double loss = (1.0 - recovery) * exposure[i * stride + j];
            if (loss <= 0.0 || (i == j && !keep_self_loops))
                continue;
            w[j * n + i] = capital[i] > 0.0 ? fmin(1.0, loss / capital[i]) : 1.0;
        }
    return w;
}

/*
 * Battiston et al.: a node distressed in round t-1 passes on its whole
 * distress once, then is inactive. The increment variant: every node passes
 * on what its distress grew by since it last propagated.
 */
static int64_t propagate(int64_t n, const double *w, double *h, int single, int64_t max_rounds,
                         double *passed, double *next, unsigned char *state)
{
    int64_t rounds = 0;
    for (int64_t i = 0; i < n; i++) {
        state[i] = h[i] > 0.0 ? DISTRESSED : UNDISTRESSED;
        passed[i] = 0.0;
    }
    while (rounds < max_rounds) {
        int any = 0;
        memcpy(next, h, (size_t)n * sizeof *next);
        for (int64_t j = 0; j < n; j++) {
            double push = single ? (state[j] == DISTRESSED ? h[j] : 0.0) : h[j] - passed[j];
            if (!(push > (single ? 0.0 : INCREMENT_TOLERANCE)))
                continue;
            any = 1;
            for (int64_t i = 0; i < n; i++)
                next[i] += w[j * n + i] * push;
            passed[j] = h[j];
        }
        if (!any)
            break;
        rounds++;
        for (int64_t i = 0; i < n; i++) {
            next[i] = fmin(1.0, next[i]);
            if (state[i] == DISTRESSED)
                state[i] = INACTIVE;
            else if (state[i] == UNDISTRESSED && next[i] > 0.0)
                state[i] = DISTRESSED;
        }
        memcpy(h, next, (size_t)n * sizeof *h);
    }
    return rounds;
}

/* What a scenario did to the claims, for the result table (NULL in a plain run). */
typedef struct stock_shock {
    const double *claims_lost, *funding_lost; /* n each, in the exposures' unit */
    const double *via, *rent;                 /* n each: carried as intermediary, mark-up on it */
    double severity, cut, rerouted, lost, skipped;
    int mode; /* the flow_stock_cut applied: write-off or withdrawal */
} stock_shock;

static int set_scalars(flow_table *t, const stock_shock *shock)
{
    static const char *const names[] = {"severity", "cut",       "rerouted",
                                        "lost",     "stock_cut", "skipped"};
    double values[] = {shock->severity, shock->cut,          shock->rerouted,
                       shock->lost,     (double)shock->mode, shock->skipped};
    int rc = FLOW_OK;
    for (size_t k = 0; rc == FLOW_OK && k < sizeof names / sizeof *names; k++)
        rc = flow_table_set_scalar(t, names[k], values[k]);
    return rc;
}

/*
 * The result table: rows = nodes (labelled by codes when given), columns
 * distress_initial h(1) and distress_final h(T) (and, after a scenario,
 * claims_lost, funding_lost, rerouted_via and transit_rent); scalars rank, initial_impact,
 * final_impact and rounds (and the scenario's severity, cut, rerouted, lost, stock_cut and
 * skipped).
 */
static int write_table(flow_table **out, int64_t n, const char *const *codes, const double *h0,
                       const double *h, const double *weights, int64_t rounds,
                       const stock_shock *shock)
{
    static const char *const columns[] = {"distress_initial", "distress_final", "claims_lost",
                                          "funding_lost",     "rerouted_via",   "transit_rent"};
    int64_t nc = shock != NULL ? 6 : 2;
    double initial_impact = 0.0, final_impact = 0.0;
    for (int64_t i = 0; i < n; i++) {
        initial_impact += weights[i] * h0[i];
        final_impact += weights[i] * h[i];
    }
    int rc = flow_i_table_new_columns(out, n, nc, columns);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        double *row = flow_i_table_values(*out) + nc * i;
        row[0] = h0[i];
        row[1] = h[i];
        if (shock != NULL) {
            row[2] = shock->claims_lost[i];
            row[3] = shock->funding_lost[i];
            row[4] = shock->via[i];
            row[5] = shock->rent[i];
        }
        if (codes != NULL)
            rc = flow_table_set_row_label(*out, i, codes[i], NULL);
    }
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*out, "rank", final_impact - initial_impact);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*out, "initial_impact", initial_impact);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*out, "final_impact", final_impact);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*out, "rounds", (double)rounds);
    if (rc == FLOW_OK && shock != NULL)
        rc = set_scalars(*out, shock);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

/*
 * Propagates from initial on the exposures (n x n, row stride stride);
 * weights come from the baseline exposures (base, row stride base_stride), so that a
 * scenario and the plain run weigh nodes alike.
 */
static int run(flow_table **out, int64_t n, const double *exposure, int64_t stride,
               const double *base, int64_t base_stride, const double *capital,
               const double *initial, const double *value, const char *const *codes,
               const flow_shock_options *o, const stock_shock *shock)
{
    int rc = FLOW_OK;
    double *w = NULL, *weights = flow_i_malloc(n, sizeof *weights),
           *h = flow_i_malloc(n, sizeof *h);
    double *passed = flow_i_malloc(n, sizeof *passed), *next = flow_i_malloc(n, sizeof *next);
    unsigned char *state = flow_i_malloc(n, sizeof *state);
    if (weights == NULL || h == NULL || passed == NULL || next == NULL || state == NULL ||
        (w = impact_matrix(n, exposure, stride, capital, o->keep_self_loops, o->recovery)) ==
            NULL) {
        rc = flow_last_error_code() == FLOW_ERR_OVERFLOW ? FLOW_ERR_OVERFLOW : FLOW_ERR_NOMEM;
        goto cleanup;
    }
    /* Default node value: its share of all claims (equal shares when there are none). */
    double total = 0.0;
    for (int64_t i = 0; i < n; i++) {
        weights[i] = value ? value[i] : 0.0;
        for (int64_t j = 0; value == NULL && j < n; j++)
            weights[i] += base[i * base_stride + j];
        total += weights[i];
    }
    if (value == NULL)
        for (int64_t i = 0; i < n; i++)
            weights[i] = total > 0.0 ? weights[i] / total : 1.0 / (double)n;
    if (n > 0)
        memcpy(h, initial, (size_t)n * sizeof *h);
    int64_t rounds = propagate(n, w, h, o->single_propagation, o->max_rounds, passed, next, state);
    rc = write_table(out, n, codes, initial, h, weights, rounds, shock);
cleanup:
    free(w);
    free(weights);
    free(h);
    free(passed);
    free(next);
    free(state);
    return rc;
}

int flow_debtrank_run(flow_table **out, int64_t n, const double *exposure, int64_t exposure_stride,
                      const double *capital, const double *initial, const double *value,
                      const flow_shock_options *options)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_debtrank_run: out is NULL");
    *out = NULL;
    if ((rc = check_inputs(n, exposure, exposure_stride, capital, value)) != FLOW_OK)
        return rc;
    if (initial == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_debtrank_run: initial distress is NULL");
    if ((rc = check_vector(initial, n, 1.0, "initial distress")) != FLOW_OK)
        return rc;
    return run(out, n, exposure, exposure_stride, exposure, exposure_stride, capital, initial,
               value, NULL, options ? options : flow_i_shock_default_options(), NULL);
}

/* min(1, loss / capital), 0 without loss, 1 for a loss on no capital. */
static double distress_of(double loss, double capital)
{
    return loss <= 0.0 ? 0.0 : capital > 0.0 ? fmin(1.0, loss / capital) : 1.0;
}

/*
 * The claims after the cut and rerouting: the cut of flow_shock_run on the
 * exposure matrix seen as one channel (the scenario's channels do not apply
 * to positions), so that rerouted claims are held through the intermediaries
 * (the legs s -> h and h -> t grow) and only what no route takes is lost.
 */
static int cut_claims(flow_i_shock_cut *cut, double *after, int64_t n, const double *exposure,
                      int64_t stride, const flow_i_shock_sets *sets, const flow_i_cut_plan *plan,
                      const flow_i_plan_block *block, const flow_shock_options *o)
{
    double *zero = flow_i_calloc(n * n, sizeof *zero);
    if (zero == NULL && n > 0)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        memcpy(after + i * n, exposure + i * stride, (size_t)n * sizeof *after);
    int on_a = (plan->channels & FLOW_SHOCK_INTERMEDIATE) != 0;
    flow_i_shock_system sys = {0};
    sys.frame.regions = n;
    sys.pz = on_a ? after : zero;
    sys.py = on_a ? zero : after;
    int rc = flow_i_shock_cut_build(cut, &sys, sets, plan, block, o);
    for (int64_t p = 0; rc == FLOW_OK && p < cut->npairs; p++)
        after[cut->pair_origin[p] * n + cut->pair_destination[p]] *= 1.0 - cut->pair_phi[p];
    free(zero);
    return rc;
}

/*
 * Initial distress from the claims lost (row sums before - after: what each
 * lender no longer holds, net of what it now holds through intermediaries)
 * and the funding lost (column sums: what each borrower no longer owes).
 * A write-off costs the lender (1 - recovery) of the lost claims; a
 * withdrawal is repaid at par and costs the borrower the discount at which
 * it sells assets to repay the funding no intermediary replaced.
 */
static void initial_distress(double *h, double *claims, double *funding, int64_t n,
                             const double *exposure, int64_t stride, const double *after,
                             const double *capital, const flow_shock_options *o, int mode)
{
    for (int64_t i = 0; i < n; i++) {
        double held = 0.0, owed = 0.0;
        for (int64_t j = 0; j < n; j++) {
            held += exposure[i * stride + j] - after[i * n + j];
            owed += exposure[j * stride + i] - after[j * n + i];
        }
        claims[i] = fmax(0.0, held);
        funding[i] = fmax(0.0, owed);
        h[i] = mode == FLOW_STOCK_CUT_WRITE_OFF
                   ? distress_of((1.0 - o->recovery) * claims[i], capital[i])
                   : distress_of(o->funding_discount * funding[i], capital[i]);
    }
}

/* The row labels of a table as an array of n borrowed strings (NULL on NOMEM). */
static const char **row_codes(const flow_table *t, int64_t n)
{
    const char **codes = flow_i_malloc(n > 0 ? n : 1, sizeof *codes);
    for (int64_t i = 0; codes != NULL && i < n; i++)
        codes[i] = flow_table_row_label(t, i);
    return codes;
}

/*
 * The checks of a claims table and its row codes; *codes (borrowed labels)
 * is set on success.
 */
static int check_table(const flow_table *exposure_table, const double *capital, const double *value,
                       const char ***codes)
{
    int64_t n = flow_table_rows(exposure_table);
    const double *exposure = flow_table_values(exposure_table);
    int rc;
    *codes = NULL;
    if (flow_table_cols(exposure_table) != n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_debtrank_run_scenario: the exposure table is %lld x %lld, not "
                           "square",
                           (long long)n, (long long)flow_table_cols(exposure_table));
    if ((rc = check_inputs(n, exposure, n, capital, value)) != FLOW_OK)
        return rc;
    if ((*codes = row_codes(exposure_table, n)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        if ((*codes)[i] == NULL) {
            free(*codes);
            *codes = NULL;
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "flow_debtrank_run_scenario: row %lld of the exposure table has no "
                               "label",
                               (long long)i);
        }
    return FLOW_OK;
}

/* DebtRank of a plan's cut on a checked claims table (codes: its row labels). */
static int run_plan(flow_table **out, const flow_table *exposure_table, const double *capital,
                    const double *value, const char **codes, const flow_i_cut_plan *plan,
                    const int64_t *axis_of, const flow_i_plan_block *block,
                    const flow_shock_options *options)
{
    flow_i_shock_sets sets = {0};
    flow_i_shock_cut cut = {0};
    double *initial = NULL, *after = NULL, *claims_lost = NULL, *funding = NULL;
    int64_t nn = 0;
    int64_t n = flow_table_rows(exposure_table), exposure_stride = n;
    const double *exposure = flow_table_values(exposure_table);
    int rc;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_cut_plan_sets(&sets, plan, axis_of, n, -1)) != FLOW_OK)
        goto cleanup;
    initial = flow_i_calloc(n, sizeof *initial);
    claims_lost = flow_i_calloc(n, sizeof *claims_lost);
    funding = flow_i_calloc(n, sizeof *funding);
    after = flow_i_malloc(nn, sizeof *after);
    if ((n > 0 && (!initial || !claims_lost || !funding || !after)) ||
        (rc = cut_claims(&cut, after, n, exposure, exposure_stride, &sets, plan, block, options)) !=
            FLOW_OK) {
        rc = rc != FLOW_OK ? rc : FLOW_ERR_NOMEM;
        goto cleanup;
    }
    int mode = options->stock_cut != FLOW_STOCK_CUT_AUTO ? options->stock_cut
               : cut.severity >= 1.0                     ? FLOW_STOCK_CUT_WRITE_OFF
                                                         : FLOW_STOCK_CUT_WITHDRAW;
    initial_distress(initial, claims_lost, funding, n, exposure, exposure_stride, after, capital,
                     options, mode);
    stock_shock shock = {claims_lost,
                         funding,
                         cut.via,
                         cut.rent,
                         cut.severity,
                         cut.total_cut,
                         cut.total_rerouted,
                         cut.total_lost,
                         (double)sets.skipped,
                         mode};
    rc = run(out, n, after, n, exposure, exposure_stride, capital, initial, value, codes, options,
             &shock);
cleanup:
    free(initial);
    free(claims_lost);
    free(funding);
    free(after);
    flow_i_shock_cut_clear(&cut);
    flow_i_shock_sets_clear(&sets);
    return rc;
}

int flow_i_debtrank_run_plan(flow_table **out, const flow_table *exposure, const double *capital,
                             const double *value, const flow_i_cut_plan *plan,
                             const int64_t *axis_of, const flow_i_plan_block *block,
                             const flow_shock_options *o)
{
    const char **codes = NULL;
    *out = NULL;
    int rc = check_table(exposure, capital, value, &codes);
    if (rc == FLOW_OK)
        rc = run_plan(out, exposure, capital, value, codes, plan, axis_of, block, o);
    free(codes);
    return rc;
}

int flow_debtrank_run_scenario(flow_table **out, const flow_table *exposure_table,
                               const double *capital, const double *value,
                               const flow_scenario *scenario, const flow_shock_options *options)
{
    flow_i_cut_plan plan = {0};
    const char **codes = NULL;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || exposure_table == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_debtrank_run_scenario: NULL argument");
    if (options == NULL)
        options = flow_i_shock_default_options();
    int rc = check_table(exposure_table, capital, value, &codes);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_for_regions(&plan, scenario, codes, flow_table_rows(exposure_table),
                                         options);
    if (rc == FLOW_OK)
        rc =
            run_plan(out, exposure_table, capital, value, codes, &plan, NULL, plan.blocks, options);
    flow_i_cut_plan_clear(&plan);
    free(codes);
    return rc;
}
