/*
 * shock_debtrank.c - lens 4, financial contagion (Battiston, Puliga,
 * Kaushik, Tasca & Caldarelli 2012, "DebtRank: too central to fail?",
 * Sci. Rep. 2:541), with the increment variant of Bardoscia, Battiston,
 * Caccioli & Caldarelli 2015 (Sci. Rep. 5:10171) as the switch.
 */
#include "shock_internal.h"

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

/* Impact of j's distress on i: W[j * n + i] = min(1, exposure_i->j / capital_i). */
static double *impact_matrix(int64_t n, const double *exposure, int64_t stride,
                             const double *capital, int keep_self_loops)
{
    int64_t nn = 0;
    if (flow_i_mul_size(n, n, &nn) != FLOW_OK)
        return NULL;
    double *w = flow_i_calloc(nn, sizeof *w);
    if (w == NULL)
        return NULL;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            double e = exposure[i * stride + j];
            if (e <= 0.0 || (i == j && !keep_self_loops))
                continue;
            w[j * n + i] = capital[i] > 0.0 ? fmin(1.0, e / capital[i]) : 1.0;
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

/*
 * The result table: rows = nodes (labelled by codes when given), columns
 * distress_initial h(1) and distress_final h(T); scalars rank, initial_impact,
 * final_impact and rounds.
 */
static int write_table(flow_table **out, int64_t n, const char *const *codes, const double *h0,
                       const double *h, const double *weights, int64_t rounds)
{
    static const char *const columns[] = {"distress_initial", "distress_final"};
    double initial_impact = 0.0, final_impact = 0.0;
    for (int64_t i = 0; i < n; i++) {
        initial_impact += weights[i] * h0[i];
        final_impact += weights[i] * h[i];
    }
    int rc = flow_i_table_new_columns(out, n, 2, columns);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        double *row = flow_i_table_values(*out) + 2 * i;
        row[0] = h0[i];
        row[1] = h[i];
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
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

static int run(flow_table **out, int64_t n, const double *exposure, int64_t stride,
               const double *capital, const double *initial, const double *value,
               const char *const *codes, const flow_shock_options *o)
{
    int rc = FLOW_OK;
    double *w = NULL, *weights = flow_i_malloc(n, sizeof *weights),
           *h = flow_i_malloc(n, sizeof *h);
    double *passed = flow_i_malloc(n, sizeof *passed), *next = flow_i_malloc(n, sizeof *next);
    unsigned char *state = flow_i_malloc(n, sizeof *state);
    if (weights == NULL || h == NULL || passed == NULL || next == NULL || state == NULL ||
        (w = impact_matrix(n, exposure, stride, capital, o->keep_self_loops)) == NULL) {
        rc = flow_last_error_code() == FLOW_ERR_OVERFLOW ? FLOW_ERR_OVERFLOW : FLOW_ERR_NOMEM;
        goto cleanup;
    }
    /* Default node value: its share of all claims (equal shares when there are none). */
    double total = 0.0;
    for (int64_t i = 0; i < n; i++) {
        weights[i] = value ? value[i] : 0.0;
        for (int64_t j = 0; value == NULL && j < n; j++)
            weights[i] += exposure[i * stride + j];
        total += weights[i];
    }
    if (value == NULL)
        for (int64_t i = 0; i < n; i++)
            weights[i] = total > 0.0 ? weights[i] / total : 1.0 / (double)n;
    if (n > 0)
        memcpy(h, initial, (size_t)n * sizeof *h);
    int64_t rounds = propagate(n, w, h, o->single_propagation, o->max_rounds, passed, next, state);
    rc = write_table(out, n, codes, initial, h, weights, rounds);
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
    return run(out, n, exposure, exposure_stride, capital, initial, value, NULL,
               options ? options : flow_i_shock_default_options());
}

/* The row labels of a table as an array of n borrowed strings (NULL on NOMEM). */
static const char **row_codes(const flow_table *t, int64_t n)
{
    const char **codes = flow_i_malloc(n > 0 ? n : 1, sizeof *codes);
    for (int64_t i = 0; codes != NULL && i < n; i++)
        codes[i] = flow_table_row_label(t, i);
    return codes;
}

int flow_debtrank_run_scenario(flow_table **out, const flow_table *exposure_table,
                               const double *capital, const double *value,
                               const flow_scenario *scenario, const flow_shock_options *options)
{
    flow_i_shock_sets sets = {0};
    double *initial = NULL;
    const char **codes = NULL;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || exposure_table == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_debtrank_run_scenario: NULL argument");
    int64_t n = flow_table_rows(exposure_table), exposure_stride = n;
    const double *exposure = flow_table_values(exposure_table);
    if (flow_table_cols(exposure_table) != n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_debtrank_run_scenario: the exposure table is %lld x %lld, not "
                           "square",
                           (long long)n, (long long)flow_table_cols(exposure_table));
    if (options == NULL)
        options = flow_i_shock_default_options();
    if ((rc = check_inputs(n, exposure, exposure_stride, capital, value)) != FLOW_OK)
        return rc;
    if ((codes = row_codes(exposure_table, n)) == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = flow_i_shock_sets_resolve(&sets, scenario, codes, n)) != FLOW_OK)
        goto cleanup;
    if ((initial = flow_i_calloc(n, sizeof *initial)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    /* Written-off claims of each lender on the borrowers it is cut from. */
    double severity = flow_i_rate_lookup(scenario->severity, scenario->severity_count,
                                         options->layer, options->product);
    for (int64_t i = 0; i < n; i++) {
        double lost = 0.0;
        for (int64_t j = 0; j < n; j++)
            if (flow_i_shock_pair_cut(&sets, scenario->direction, i, j))
                lost += severity * exposure[i * exposure_stride + j];
        initial[i] = lost <= 0.0 ? 0.0 : capital[i] > 0.0 ? fmin(1.0, lost / capital[i]) : 1.0;
    }
    rc = run(out, n, exposure, exposure_stride, capital, initial, value, codes, options);
cleanup:
    free(initial);
    free(codes);
    flow_i_shock_sets_clear(&sets);
    return rc;
}
