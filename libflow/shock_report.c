/*
 * shock_report.c - a scenario on every layer of a dataset it cuts: one
 * country-level system per layer (and unit), lenses 1-3 on each, DebtRank on
 * the finance layer, all kept per economy of the dataset's axis.
 *
 * Sizing: the systems are those of flow_io_model_new_from_dataset with the
 * default convention FLOW_SIZE_GDP_PLUS_IMPORTS (io_country.c), so a report,
 * a batch on flow_io_model_new_from_dataset's model and a direct run agree.
 */
#include "io_internal.h"
#include "shock_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NQ = FLOW_SHOCK_QUANTITY_COUNT };

typedef struct report_system {
    char *layer, *product, *unit;
    char *rate_product;   /* the product whose severity and rho the system uses */
    int64_t m;            /* economies of the system, for flow_shock_report_model: */
    double *flows, *size; /* m x m flows and m sizes */
    char **codes;         /* m codes */
    int64_t economies, skipped, rank;
    int solver, has_debtrank, kind;
    double severity, rho, cut, rerouted, lost, impact0, impact, debtrank;
    double *values; /* NQ x n: every quantity over the dataset's economies */
} report_system;

struct flow_shock_report {
    int64_t n, count;
    report_system *systems;
    char *capital_attribute; /* kept for flow_shock_report_options */
    int keep_self_loops, single_propagation, solver;
    int64_t max_rounds;
};

/* One system while it is built: the country system of io_country.c. */
typedef flow_i_country build;

static void build_clear(build *b)
{
    flow_i_country_clear(b);
}

void flow_shock_report_free(flow_shock_report *r)
{
    if (r == NULL)
        return;
    for (int64_t i = 0; i < r->count; i++) {
        report_system *s = &r->systems[i];
        free(s->layer);
        free(s->product);
        free(s->unit);
        free(s->rate_product);
        free(s->values);
        free(s->flows);
        free(s->size);
        for (int64_t p = 0; s->codes != NULL && p < s->m; p++)
            free(s->codes[p]);
        free(s->codes);
    }
    free(r->capital_attribute);
    free(r->systems);
    free(r);
}

/* A unit that counts money (a currency code, alone or with a scale suffix). */
static int value_unit(const char *unit)
{
    static const char *const currencies[] = {"USD", "EUR", "GBP", "CNY", "JPY", "RUB"};
    for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++)
        if (strncmp(unit, currencies[i], 3) == 0 && (unit[3] == '\0' || unit[3] == '_'))
            return 1;
    return 0;
}

/* The economies with any flow to or from another, sized by the default convention. */
static int build_finish(build *b, const flow_dataset *ds, const double *all, int64_t n,
                        const double *gdp, double scale)
{
    return flow_i_country_build(b, flow_dataset_economies(ds), all, n, gdp, scale,
                                FLOW_SIZE_GDP_PLUS_IMPORTS);
}

/* Selected by the options' layer and product ("*" selects all) and the year. */
static int selected(const flow_shock_options *o, int64_t year, const char *layer, int64_t y,
                    const char *product)
{
    return y == year && (strcmp(o->layer, "*") == 0 || strcmp(o->layer, layer) == 0) &&
           (strcmp(o->product, "*") == 0 || strcmp(o->product, product) == 0);
}

/*
 * Matrix k joins the system opened by matrix first: same layer and unit,
 * grouping allowed, and the same severity and rho (so that one lookup serves
 * the summed system).
 */
static int joins(const flow_dataset *ds, const flow_scenario *s, const flow_shock_options *o,
                 int64_t first, int64_t k)
{
    const char *l1, *p1, *l2, *p2;
    int64_t y1, y2;
    if (k == first)
        return 1;
    flow_dataset_matrix_key(ds, first, &l1, &y1, &p1);
    flow_dataset_matrix_key(ds, k, &l2, &y2, &p2);
    return !o->by_product && y1 == y2 && strcmp(l1, l2) == 0 &&
           strcmp(flow_dataset_matrix_unit(ds, l1, y1, p1),
                  flow_dataset_matrix_unit(ds, l2, y2, p2)) == 0 &&
           flow_scenario_severity(s, l1, p1) == flow_scenario_severity(s, l2, p2) &&
           flow_scenario_substitution(s, l1, p1) == flow_scenario_substitution(s, l2, p2);
}

/* Copies every region quantity of a run's region table onto the dataset axis. */
static void scatter(report_system *rs, int64_t n, const build *b, const flow_table *regions)
{
    const double *v = flow_table_values(regions);
    int64_t cols = flow_table_cols(regions);
    for (int64_t q = 0; q < cols; q++)
        for (int64_t p = 0; p < b->m; p++)
            rs->values[q * n + b->index[p]] = v[p * cols + q];
}

/* A named scalar of a run's table as an integer. */
static int64_t scalar_int(const flow_table *t, const char *name)
{
    double value = 0.0;
    flow_table_scalar(t, name, &value);
    return (int64_t)value;
}

/*
 * Contagion on a stock system: the claims cut, rerouted and lost (LOST per
 * economy: the claims it no longer holds; REROUTED_VIA and TRANSIT_RENT as
 * for flows) and, with a capital attribute,
 * DebtRank (economies without capital data take no distress). Without one
 * the run only does the accounting (capital unbounded).
 */
static int add_contagion(report_system *rs, int64_t n, const build *b, const flow_dataset *ds,
                         const flow_scenario *s, const flow_shock_options *o)
{
    flow_table *dr = NULL;
    double *all = flow_i_malloc(n, sizeof *all), *cap = flow_i_malloc(b->m, sizeof *cap);
    int rc = all && cap ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        all[i] = NAN;
    if (rc == FLOW_OK && o->capital_attribute != NULL)
        rc = flow_dataset_attribute(ds, o->capital_attribute, all, n);
    for (int64_t p = 0; rc == FLOW_OK && p < b->m; p++)
        cap[p] = all[b->index[p]] >= 0.0 ? all[b->index[p]] : 1e300;
    if (rc == FLOW_OK)
        rc = flow_debtrank_run_scenario(&dr, b->m, b->flows, b->m, cap, NULL, b->codes, s, o);
    if (rc == FLOW_OK) {
        rs->has_debtrank = o->capital_attribute != NULL;
        flow_table_scalar(dr, "initial_impact", &rs->impact0);
        flow_table_scalar(dr, "final_impact", &rs->impact);
        flow_table_scalar(dr, "rank", &rs->debtrank);
        flow_table_scalar(dr, "cut", &rs->cut);
        flow_table_scalar(dr, "rerouted", &rs->rerouted);
        flow_table_scalar(dr, "lost", &rs->lost);
        rs->skipped = scalar_int(dr, "skipped");
        /* columns distress_initial, distress_final, claims_lost, funding_lost, rerouted_via,
           transit_rent */
        const double *h = flow_table_values(dr);
        for (int64_t p = 0; p < b->m; p++) {
            const double *row = h + 6 * p;
            int64_t e = b->index[p];
            rs->values[FLOW_SHOCK_LOST * n + e] = row[2];
            rs->values[FLOW_SHOCK_REROUTED_VIA * n + e] = row[4];
            rs->values[FLOW_SHOCK_TRANSIT_RENT * n + e] = row[5];
            if (rs->has_debtrank) {
                rs->values[FLOW_SHOCK_DISTRESS_INITIAL * n + e] = row[0];
                rs->values[FLOW_SHOCK_DISTRESS_FINAL * n + e] = row[1];
            }
        }
    }
    flow_table_free(dr);
    free(all);
    free(cap);
    return rc;
}

/*
 * A stock system: no lens of flows (NaN), size = gross position (claims held
 * plus claims owed, in the layer's unit), contagion only.
 */
static int run_stock_system(report_system *rs, int64_t n, const build *b, const flow_dataset *ds,
                            const flow_scenario *s, flow_shock_options *o)
{
    rs->economies = b->m;
    rs->severity = flow_scenario_severity(s, o->layer, o->product);
    rs->rho = flow_scenario_substitution(s, o->layer, o->product);
    for (int64_t q = 0; q < NQ; q++)
        for (int64_t i = 0; i < n; i++)
            rs->values[q * n + i] = q == FLOW_SHOCK_SIZE ? 0.0 : NAN;
    for (int64_t p = 0; p < b->m; p++)
        rs->values[FLOW_SHOCK_SIZE * n + b->index[p]] = b->size[p];
    return add_contagion(rs, n, b, ds, s, o);
}

/* Runs the scenario on one built system and fills rs. */
static int run_system(report_system *rs, int64_t n, const build *b, const flow_dataset *ds,
                      const flow_scenario *s, flow_shock_options *o)
{
    if (rs->kind == FLOW_LAYER_STOCK)
        return run_stock_system(rs, n, b, ds, s, o);
    flow_io_model *model = NULL;
    flow_table *res = NULL;
    int rc = flow_io_model_new_country(&model, b->m, b->flows, b->m, b->size, b->codes);
    if (rc == FLOW_OK)
        rc = flow_shock_run(&res, NULL, model, s, o);
    if (rc == FLOW_OK) {
        rs->economies = b->m;
        rs->severity = flow_scenario_severity(s, o->layer, o->product);
        rs->rho = flow_scenario_substitution(s, o->layer, o->product);
        flow_table_scalar(res, "cut", &rs->cut);
        flow_table_scalar(res, "rerouted", &rs->rerouted);
        flow_table_scalar(res, "lost", &rs->lost);
        rs->solver = (int)scalar_int(res, "solver");
        rs->rank = scalar_int(res, "rank");
        rs->skipped = scalar_int(res, "skipped");
        scatter(rs, n, b, res);
        for (int64_t p = 0; p < b->m; p++)
            rs->values[FLOW_SHOCK_SIZE * n + b->index[p]] = b->size[p];
    }
    for (int64_t i = 0; i < n; i++)
        rs->values[FLOW_SHOCK_DISTRESS_INITIAL * n + i] =
            rs->values[FLOW_SHOCK_DISTRESS_FINAL * n + i] = NAN;
    flow_table_free(res);
    flow_io_model_free(model);
    return rc;
}

/* Sums the matrices that join matrix k into all (n x n) and marks them used. */
static int gather(const flow_dataset *ds, const flow_scenario *s, const flow_shock_options *o,
                  int64_t year, int64_t k, unsigned char *used, double *all, int64_t n,
                  report_system *rs)
{
    int64_t nk = flow_dataset_matrix_count(ds), products = 0;
    const char *first = NULL;
    memset(all, 0, (size_t)(n * n) * sizeof *all);
    for (int64_t q = k; q < nk; q++) {
        const char *l, *p;
        const double *v;
        int64_t y, order, stride;
        flow_dataset_matrix_key(ds, q, &l, &y, &p);
        if (used[q] || !selected(o, year, l, y, p) || !joins(ds, s, o, k, q) ||
            flow_dataset_matrix_view(ds, l, y, p, &v, &order, &stride) != FLOW_OK)
            continue;
        for (int64_t i = 0; i < order; i++)
            for (int64_t j = 0; j < order; j++)
                all[i * n + j] += v[i * stride + j];
        used[q] = 1;
        first = first ? first : p;
        products++;
    }
    const char *layer, *p0;
    int64_t y0;
    flow_dataset_matrix_key(ds, k, &layer, &y0, &p0);
    rs->layer = flow_i_strdup(layer);
    rs->product = flow_i_strdup(products > 1 ? "*" : first);
    rs->unit = flow_i_strdup(flow_dataset_matrix_unit(ds, layer, y0, p0));
    return rs->layer && rs->product && rs->unit ? FLOW_OK : FLOW_ERR_NOMEM;
}

/* Keeps what flow_shock_report_model rebuilds the system from (codes copied). */
static int keep_inputs(report_system *rs, build *b, const char *rate_product)
{
    rs->m = b->m;
    rs->flows = b->flows;
    rs->size = b->size;
    b->flows = b->size = NULL;
    rs->rate_product = flow_i_strdup(rate_product);
    rs->codes = flow_i_calloc(b->m, sizeof *rs->codes);
    if (rs->rate_product == NULL || rs->codes == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t p = 0; p < b->m; p++)
        if ((rs->codes[p] = flow_i_strdup(b->codes[p])) == NULL)
            return FLOW_ERR_NOMEM;
    return FLOW_OK;
}

/* The options a system runs with: its layer and (first) product select the rates. */
static int system_options(flow_shock_options **out, const flow_shock_options *o, const char *layer,
                          const char *product)
{
    int rc = flow_shock_options_new(out);
    if (rc == FLOW_OK) {
        char *cap = o->capital_attribute ? flow_i_strdup(o->capital_attribute) : NULL;
        free((*out)->layer);
        free((*out)->product);
        **out = *o;
        (*out)->capital_attribute = cap;
        (*out)->size_attribute = NULL;
        (*out)->layer = flow_i_strdup(layer);
        (*out)->product = flow_i_strdup(product);
        if ((o->capital_attribute && !cap) || !(*out)->layer || !(*out)->product)
            rc = FLOW_ERR_NOMEM;
    }
    return rc;
}

static int add_system(flow_shock_report *r, const flow_dataset *ds, const flow_scenario *s,
                      const flow_shock_options *o, int64_t year, int64_t k, unsigned char *used,
                      double *all, const double *gdp)
{
    int64_t n = r->n, nv = 0;
    report_system *rs = &r->systems[r->count++];
    flow_shock_options *so = NULL;
    build b = {0};
    const char *layer, *product;
    int64_t y;
    flow_dataset_matrix_key(ds, k, &layer, &y, &product);
    int rc = flow_i_mul_size(NQ, n, &nv);
    if (rc == FLOW_OK && (rs->values = flow_i_calloc(nv, sizeof *rs->values)) == NULL)
        rc = FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = gather(ds, s, o, year, k, used, all, n, rs);
    /* The scenario's declaration of the layer's kind wins over the dataset's. */
    if (flow_scenario_layer_kind(s, layer, &rs->kind) != FLOW_OK)
        rs->kind = flow_dataset_layer_kind(ds, layer);
    /* A stock is never sized by GDP (a flow): its size is the gross position. */
    if (rc == FLOW_OK)
        rc = build_finish(&b, ds, all, n, rs->kind == FLOW_LAYER_STOCK ? NULL : gdp,
                          flow_i_country_gdp_scale(rs->unit));
    /* Rates are looked up with the opening matrix's product: all joined ones share them. */
    if (rc == FLOW_OK)
        rc = system_options(&so, o, layer, product);
    if (rc == FLOW_OK) {
        so->value_units = value_unit(rs->unit);
        rc = run_system(rs, n, &b, ds, s, so);
    }
    if (rc == FLOW_OK)
        rc = keep_inputs(rs, &b, product);
    if (rc != FLOW_OK) {
        char detail[512];
        snprintf(detail, sizeof detail, "%s", flow_last_error());
        rc = flow_i_fail(rc, "shock report: layer '%s', product '%s', year %lld: %s", layer,
                         product, (long long)year, detail);
    }
    flow_shock_options_free(so);
    build_clear(&b);
    return rc;
}

int flow_shock_report_new(flow_shock_report **out, const flow_dataset *ds, int64_t year,
                          const flow_scenario *scenario, const flow_shock_options *options)
{
    flow_shock_report *r = NULL;
    double *all = NULL, *gdp = NULL;
    unsigned char *used = NULL;
    int64_t nn = 0;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || ds == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_report_new: NULL argument");
    const flow_shock_options *o = options ? options : flow_i_shock_default_options();
    int64_t n = flow_dataset_economy_count(ds), nk = flow_dataset_matrix_count(ds);
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    r = flow_i_calloc(1, sizeof *r);
    used = flow_i_calloc(nk, 1);
    all = flow_i_malloc(nn, sizeof *all);
    if (r == NULL || used == NULL || all == NULL ||
        (r->systems = flow_i_calloc(nk, sizeof *r->systems)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    r->n = n;
    r->keep_self_loops = o->keep_self_loops;
    r->single_propagation = o->single_propagation;
    r->max_rounds = o->max_rounds;
    r->solver = o->solver;
    if (o->capital_attribute != NULL &&
        (r->capital_attribute = flow_i_strdup(o->capital_attribute)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    if (o->size_attribute != NULL) {
        if ((gdp = flow_i_malloc(n, sizeof *gdp)) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto cleanup;
        }
        if ((rc = flow_dataset_attribute(ds, o->size_attribute, gdp, n)) != FLOW_OK)
            goto cleanup;
    }
    for (int64_t k = 0; rc == FLOW_OK && k < nk; k++) {
        const char *layer, *product;
        int64_t y;
        flow_dataset_matrix_key(ds, k, &layer, &y, &product);
        if (!used[k] && selected(o, year, layer, y, product) &&
            flow_scenario_severity(scenario, layer, product) > 0.0)
            rc = add_system(r, ds, scenario, o, year, k, used, all, gdp);
    }
    if (rc == FLOW_OK && r->count == 0)
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND,
                         "scenario '%s' cuts none of the selected matrices of year %lld",
                         flow_scenario_name(scenario), (long long)year);
    if (rc == FLOW_OK) {
        *out = r;
        r = NULL;
    }
cleanup:
    free(used);
    free(all);
    free(gdp);
    flow_shock_report_free(r);
    return rc;
}

int64_t flow_shock_report_economies(const flow_shock_report *r)
{
    return r ? r->n : 0;
}

int64_t flow_shock_report_systems(const flow_shock_report *r)
{
    return r ? r->count : 0;
}

static int check_system(const flow_shock_report *r, int64_t i)
{
    if (r == NULL || i < 0 || i >= r->count)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "shock report system %lld is out of range [0, %lld)", (long long)i,
                           (long long)(r ? r->count : 0));
    return FLOW_OK;
}

int flow_shock_report_system(const flow_shock_report *r, int64_t i, const char **layer,
                             const char **product, const char **unit, int64_t *economies)
{
    int rc = check_system(r, i);
    if (rc != FLOW_OK)
        return rc;
    if (layer)
        *layer = r->systems[i].layer;
    if (product)
        *product = r->systems[i].product;
    if (unit)
        *unit = r->systems[i].unit;
    if (economies)
        *economies = r->systems[i].economies;
    return FLOW_OK;
}

int flow_shock_report_cut(const flow_shock_report *r, int64_t i, double *severity, double *rho,
                          double *cut, double *rerouted, double *lost)
{
    int rc = check_system(r, i);
    if (rc != FLOW_OK)
        return rc;
    const report_system *s = &r->systems[i];
    if (severity)
        *severity = s->severity;
    if (rho)
        *rho = s->rho;
    if (cut)
        *cut = s->cut;
    if (rerouted)
        *rerouted = s->rerouted;
    if (lost)
        *lost = s->lost;
    return FLOW_OK;
}

int flow_shock_report_solver(const flow_shock_report *r, int64_t i, int *solver, int64_t *rank,
                             int64_t *skipped)
{
    int rc = check_system(r, i);
    if (rc != FLOW_OK)
        return rc;
    if (solver)
        *solver = r->systems[i].solver;
    if (rank)
        *rank = r->systems[i].rank;
    if (skipped)
        *skipped = r->systems[i].skipped;
    return FLOW_OK;
}

int flow_shock_report_kind(const flow_shock_report *r, int64_t i, int *kind)
{
    int rc = check_system(r, i);
    if (rc == FLOW_OK && kind != NULL)
        *kind = r->systems[i].kind;
    return rc;
}

int flow_shock_report_debtrank(const flow_shock_report *r, int64_t i, double *initial,
                               double *final, double *rank)
{
    int rc = check_system(r, i);
    if (rc != FLOW_OK)
        return rc;
    const report_system *s = &r->systems[i];
    if (!s->has_debtrank)
        return flow_i_fail(FLOW_ERR_NOT_FOUND,
                           "no DebtRank for layer '%s' (a stock layer and a "
                           "capital attribute are needed)",
                           s->layer);
    if (initial)
        *initial = s->impact0;
    if (final)
        *final = s->impact;
    if (rank)
        *rank = s->debtrank;
    return FLOW_OK;
}

int flow_shock_report_values(const flow_shock_report *r, int64_t i, int quantity, double *dst,
                             int64_t dst_len)
{
    int rc = check_system(r, i);
    if (rc != FLOW_OK)
        return rc;
    if (quantity < FLOW_SHOCK_OUTPUT || quantity >= NQ)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown shock quantity %d", quantity);
    if ((rc = flow_i_check_out_matrix(dst, dst_len, r->n, 1, r->n)) != FLOW_OK)
        return rc;
    memcpy(dst, r->systems[i].values + (int64_t)quantity * r->n, (size_t)r->n * sizeof *dst);
    return FLOW_OK;
}

int flow_shock_report_model(flow_io_model **out, const flow_shock_report *r, int64_t i)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_report_model: out is NULL");
    *out = NULL;
    int rc = check_system(r, i);
    if (rc != FLOW_OK)
        return rc;
    const report_system *s = &r->systems[i];
    if (s->kind == FLOW_LAYER_STOCK)
        return flow_i_fail(FLOW_ERR_VALUE,
                           "system %lld (layer '%s') holds stocks: no IO model of flows is built "
                           "from it",
                           (long long)i, s->layer);
    return flow_io_model_new_country(out, s->m, s->flows, s->m, s->size,
                                     (const char *const *)s->codes);
}

int flow_shock_report_options(flow_shock_options **out, const flow_shock_report *r, int64_t i)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_report_options: out is NULL");
    *out = NULL;
    int rc = check_system(r, i);
    flow_shock_options *o = NULL;
    if (rc == FLOW_OK)
        rc = flow_shock_options_new(&o);
    if (rc == FLOW_OK)
        rc = flow_shock_options_set_layer(o, r->systems[i].layer, r->systems[i].rate_product);
    if (rc == FLOW_OK)
        rc = flow_shock_options_set_report(o, NULL, r->capital_attribute, 0);
    if (rc == FLOW_OK) {
        o->keep_self_loops = r->keep_self_loops;
        o->single_propagation = r->single_propagation;
        o->max_rounds = r->max_rounds;
        o->solver = r->solver;
        *out = o;
        return FLOW_OK;
    }
    flow_shock_options_free(o);
    return rc;
}
