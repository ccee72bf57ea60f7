/*
 * shock_report.c - a scenario on every layer of a dataset it cuts: one
 * country-level system per layer (and unit), lenses 1-3 on each flow system,
 * contagion (DebtRank) on each stock system, all kept per economy of the
 * dataset's axis.
 *
 * The scenario is resolved once into a cut plan against the dataset's
 * economies (cut_plan.h); every system takes its sets and rates from it.
 *
 * Sizing: the systems are those of flow_io_model_new_from_dataset with the
 * default convention FLOW_SIZE_GDP_PLUS_IMPORTS (io_country.c), so a report,
 * a batch on flow_io_model_new_from_dataset's model and a direct run agree.
 */
#include "cut_plan.h"
#include "dataset_internal.h"
#include "io_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NQ = FLOW_SHOCK_QUANTITY_COUNT };

typedef struct report_system {
    char *layer, *product, *unit;
    int64_t economies, skipped, rank;
    int solver, has_debtrank, kind;
    double severity, rho, cut, rerouted, lost, impact0, impact, debtrank;
    double price;   /* money (FLOW_I_PRICE_UNIT) per physical unit; NaN when not priced */
    double *values; /* NQ x n: every quantity over the dataset's economies */
} report_system;

/* The report while it is built; flow_shock_report_new hands it out as two tables. */
typedef struct report {
    int64_t n, count;
    report_system *systems;
} report;

/* One system while it is built: the country system of io_country.c. */
typedef flow_i_country build;

static void build_clear(build *b)
{
    flow_i_country_clear(b);
}

static void report_clear(report *r)
{
    for (int64_t i = 0; i < r->count; i++) {
        report_system *s = &r->systems[i];
        free(s->layer);
        free(s->product);
        free(s->unit);
        free(s->values);
    }
    free(r->systems);
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

/*
 * The price of a physical matrix of product in unit (0: none, the matrix
 * keeps its unit). A price on a matrix already in money is refused: it would
 * multiply money by money.
 */
static int matrix_price(double *price, const flow_shock_options *o, const char *layer,
                        const char *product, const char *unit)
{
    *price = 0.0;
    if (!flow_i_shock_price(o, product, price))
        return FLOW_OK;
    if (value_unit(unit))
        return flow_i_fail(FLOW_ERR_VALUE,
                           "shock option 'prices': product '%s' of layer '%s' is already in "
                           "money (%s); prices value physical units only",
                           product, layer, unit);
    return FLOW_OK;
}

/* The unit a matrix counts in within the report: the money unit once priced. */
static const char *report_unit(const flow_shock_options *o, const char *product, const char *unit)
{
    double price = 0.0;
    return !value_unit(unit) && flow_i_shock_price(o, product, &price) ? FLOW_I_PRICE_UNIT : unit;
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
static int joins(const flow_dataset *ds, const flow_i_cut_plan *plan, const flow_shock_options *o,
                 int64_t first, int64_t k)
{
    const char *l1, *p1, *l2, *p2;
    int64_t y1, y2;
    if (k == first)
        return 1;
    flow_dataset_matrix_key(ds, first, &l1, &y1, &p1);
    flow_dataset_matrix_key(ds, k, &l2, &y2, &p2);
    return !o->by_product && y1 == y2 && strcmp(l1, l2) == 0 &&
           strcmp(report_unit(o, p1, flow_dataset_matrix_unit(ds, l1, y1, p1)),
                  report_unit(o, p2, flow_dataset_matrix_unit(ds, l2, y2, p2))) == 0 &&
           flow_i_cut_plan_block(plan, l1, p1)->severity ==
               flow_i_cut_plan_block(plan, l2, p2)->severity &&
           flow_i_cut_plan_block(plan, l1, p1)->rho == flow_i_cut_plan_block(plan, l2, p2)->rho;
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
                         const flow_i_cut_plan *plan, const flow_i_plan_block *block,
                         const flow_shock_options *o)
{
    flow_table *dr = NULL, *exposure = NULL;
    double *all = flow_i_malloc(n, sizeof *all), *cap = flow_i_malloc(b->m, sizeof *cap);
    int rc = all && cap ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        all[i] = NAN;
    if (rc == FLOW_OK)
        rc = flow_table_new(&exposure, b->m, b->m, b->flows, b->m);
    for (int64_t p = 0; rc == FLOW_OK && p < b->m; p++)
        rc = flow_table_set_row_label(exposure, p, b->codes[p], NULL);
    if (rc == FLOW_OK && o->capital_attribute != NULL)
        rc = flow_i_dataset_attribute(ds, o->capital_attribute, all, n);
    for (int64_t p = 0; rc == FLOW_OK && p < b->m; p++)
        cap[p] = all[b->index[p]] >= 0.0 ? all[b->index[p]] : 1e300;
    if (rc == FLOW_OK)
        rc = flow_i_debtrank_run_plan(&dr, exposure, cap, NULL, plan, b->index, block, o);
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
    flow_table_free(exposure);
    free(all);
    free(cap);
    return rc;
}

/*
 * A stock system: no lens of flows (NaN), size = gross position (claims held
 * plus claims owed, in the layer's unit), contagion only.
 */
static int run_stock_system(report_system *rs, int64_t n, const build *b, const flow_dataset *ds,
                            const flow_i_cut_plan *plan, const flow_i_plan_block *block,
                            flow_shock_options *o)
{
    rs->economies = b->m;
    rs->severity = block->severity;
    rs->rho = block->rho;
    for (int64_t q = 0; q < NQ; q++)
        for (int64_t i = 0; i < n; i++)
            rs->values[q * n + i] = q == FLOW_SHOCK_SIZE ? 0.0 : NAN;
    for (int64_t p = 0; p < b->m; p++)
        rs->values[FLOW_SHOCK_SIZE * n + b->index[p]] = b->size[p];
    return add_contagion(rs, n, b, ds, plan, block, o);
}

/* Runs the scenario on one built system and fills rs. */
static int run_system(report_system *rs, int64_t n, const build *b, const flow_dataset *ds,
                      const flow_i_cut_plan *plan, const flow_i_plan_block *block,
                      flow_shock_options *o)
{
    if (rs->kind == FLOW_LAYER_STOCK)
        return run_stock_system(rs, n, b, ds, plan, block, o);
    flow_io_model *model = NULL;
    flow_table *res = NULL;
    int rc = flow_io_model_new_country(&model, b->m, b->flows, b->m, b->size, b->codes);
    if (rc == FLOW_OK)
        rc = flow_i_shock_run_plan(&res, NULL, model, plan, b->index, block, o);
    if (rc == FLOW_OK) {
        rs->economies = b->m;
        rs->severity = block->severity;
        rs->rho = block->rho;
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

/*
 * Sums the matrices that join matrix k into all (n x n), each priced one
 * times its price, and marks them used. A priced system's price is its
 * average unit value (money over physical volume of its flows), which turns
 * capacities stated in the layer's unit into money.
 */
static int gather(const flow_dataset *ds, const flow_i_cut_plan *plan, const flow_shock_options *o,
                  int64_t year, int64_t k, unsigned char *used, double *all, int64_t n,
                  report_system *rs)
{
    int64_t nk = flow_dataset_matrix_count(ds), products = 0;
    const char *first = NULL;
    double volume = 0.0, money = 0.0;
    int rc = FLOW_OK;
    memset(all, 0, (size_t)(n * n) * sizeof *all);
    for (int64_t q = k; rc == FLOW_OK && q < nk; q++) {
        const char *l, *p;
        const double *v;
        double price = 0.0;
        int64_t y, order, stride;
        flow_dataset_matrix_key(ds, q, &l, &y, &p);
        if (used[q] || !selected(o, year, l, y, p) || !joins(ds, plan, o, k, q) ||
            flow_dataset_matrix_view(ds, l, y, p, &v, &order, &stride) != FLOW_OK)
            continue;
        if ((rc = matrix_price(&price, o, l, p, flow_dataset_matrix_unit(ds, l, y, p))) != FLOW_OK)
            break;
        double factor = price > 0.0 ? price : 1.0;
        for (int64_t i = 0; i < order; i++)
            for (int64_t j = 0; j < order; j++) {
                all[i * n + j] += factor * v[i * stride + j];
                volume += i != j ? v[i * stride + j] : 0.0;
                money += i != j ? factor * v[i * stride + j] : 0.0;
            }
        used[q] = 1;
        first = first ? first : p;
        products++;
    }
    if (rc != FLOW_OK)
        return rc;
    const char *layer, *p0;
    int64_t y0;
    flow_dataset_matrix_key(ds, k, &layer, &y0, &p0);
    const char *unit = flow_dataset_matrix_unit(ds, layer, y0, p0);
    rs->price = strcmp(report_unit(o, p0, unit), unit) != 0 ? money / volume : NAN;
    rs->layer = flow_i_strdup(layer);
    rs->product = flow_i_strdup(products > 1 ? "*" : first);
    rs->unit = flow_i_strdup(report_unit(o, p0, unit));
    return rs->layer && rs->product && rs->unit ? FLOW_OK : FLOW_ERR_NOMEM;
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
        (*out)->prices = NULL;
        (*out)->layer = flow_i_strdup(layer);
        (*out)->product = flow_i_strdup(product);
        if ((o->capital_attribute && !cap) || !(*out)->layer || !(*out)->product)
            rc = FLOW_ERR_NOMEM;
    }
    return rc;
}

static int add_system(report *r, const flow_dataset *ds, const flow_i_cut_plan *plan,
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
        rc = gather(ds, plan, o, year, k, used, all, n, rs);
    /* Rates and kind are those of the opening matrix: all joined ones share them. */
    const flow_i_plan_block *block = flow_i_cut_plan_block(plan, layer, product);
    rs->kind = block->kind;
    /* A stock is never sized by GDP (a flow): its size is the gross position. */
    if (rc == FLOW_OK)
        rc = build_finish(&b, ds, all, n, rs->kind == FLOW_LAYER_STOCK ? NULL : gdp,
                          flow_i_country_gdp_scale(rs->unit));
    if (rc == FLOW_OK)
        rc = system_options(&so, o, layer, product);
    if (rc == FLOW_OK) {
        so->value_units = value_unit(rs->unit);
        so->capacity_scale = rs->price > 0.0 ? rs->price : 1.0;
        rc = run_system(rs, n, &b, ds, plan, block, so);
    }
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

/* Builds every system of the report into r (cleared by the caller). */
static int build_report(report *r, const flow_dataset *ds, int64_t year,
                        const flow_i_cut_plan *plan, const flow_shock_options *o)
{
    double *all = NULL, *gdp = NULL;
    unsigned char *used = NULL;
    int64_t n = flow_dataset_economy_count(ds), nk = flow_dataset_matrix_count(ds), nn = 0;
    int rc = flow_i_mul_size(n, n, &nn);
    if (rc != FLOW_OK)
        return rc;
    r->n = n;
    used = flow_i_calloc(nk, 1);
    all = flow_i_malloc(nn, sizeof *all);
    r->systems = flow_i_calloc(nk, sizeof *r->systems);
    if (used == NULL || all == NULL || r->systems == NULL)
        rc = FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && o->size_attribute != NULL) {
        if ((gdp = flow_i_malloc(n, sizeof *gdp)) == NULL)
            rc = FLOW_ERR_NOMEM;
        else
            rc = flow_i_dataset_attribute(ds, o->size_attribute, gdp, n);
    }
    for (int64_t k = 0; rc == FLOW_OK && k < nk; k++) {
        const char *layer, *product;
        int64_t y;
        flow_dataset_matrix_key(ds, k, &layer, &y, &product);
        if (!used[k] && selected(o, year, layer, y, product) &&
            flow_i_cut_plan_block(plan, layer, product)->severity > 0.0)
            rc = add_system(r, ds, plan, o, year, k, used, all, gdp);
    }
    if (rc == FLOW_OK && r->count == 0)
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND,
                         "scenario '%s' cuts none of the selected matrices of year %lld",
                         plan->name, (long long)year);
    free(used);
    free(all);
    free(gdp);
    return rc;
}

/* The label of a system: "layer:product" (product "*" when several are summed). */
static int system_key(char **out, const report_system *s)
{
    size_t len = strlen(s->layer) + strlen(s->product) + 2;
    if ((*out = flow_i_malloc((int64_t)len, 1)) == NULL)
        return FLOW_ERR_NOMEM;
    snprintf(*out, len, "%s:%s", s->layer, s->product);
    return FLOW_OK;
}

/* One row per system and economy of the dataset's axis, one column per quantity. */
static int economies_table(flow_table **out, const report *r, const flow_labels *codes)
{
    int64_t rows = 0;
    int rc = flow_i_mul_size(r->count, r->n, &rows);
    if (rc == FLOW_OK)
        rc = flow_i_table_new_columns(out, rows, NQ, flow_i_shock_quantity_names);
    double *v = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t i = 0; rc == FLOW_OK && i < r->count; i++) {
        char *key = NULL;
        rc = system_key(&key, &r->systems[i]);
        for (int64_t e = 0; rc == FLOW_OK && e < r->n; e++) {
            int64_t row = i * r->n + e;
            for (int q = 0; q < NQ; q++)
                v[row * NQ + q] = r->systems[i].values[(int64_t)q * r->n + e];
            rc = flow_table_set_row_label(*out, row, flow_labels_code(codes, e), key);
        }
        free(key);
    }
    return rc;
}

enum {
    SYS_ECONOMIES,
    SYS_SEVERITY,
    SYS_RHO,
    SYS_CUT,
    SYS_REROUTED,
    SYS_LOST,
    SYS_SOLVER,
    SYS_RANK,
    SYS_SKIPPED,
    SYS_INITIAL_IMPACT,
    SYS_FINAL_IMPACT,
    SYS_DEBTRANK,
    SYS_KIND,
    SYS_VALUE_UNITS,
    SYS_PRICE,
    SYS_COLUMNS
};

static const char *const system_columns[SYS_COLUMNS] = {
    "economies",    "severity", "rho",  "cut",         "rerouted",
    "lost",         "solver",   "rank", "skipped",     "initial_impact",
    "final_impact", "debtrank", "kind", "value_units", "price"};

/* One row per system, labelled by its key, grouped by its unit. */
static int systems_table(flow_table **out, const report *r)
{
    int rc = flow_i_table_new_columns(out, r->count, SYS_COLUMNS, system_columns);
    double *v = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t i = 0; rc == FLOW_OK && i < r->count; i++) {
        const report_system *s = &r->systems[i];
        double *row = v + i * SYS_COLUMNS;
        row[SYS_ECONOMIES] = (double)s->economies;
        row[SYS_SEVERITY] = s->severity;
        row[SYS_RHO] = s->rho;
        row[SYS_CUT] = s->cut;
        row[SYS_REROUTED] = s->rerouted;
        row[SYS_LOST] = s->lost;
        row[SYS_SOLVER] = (double)s->solver;
        row[SYS_RANK] = (double)s->rank;
        row[SYS_SKIPPED] = (double)s->skipped;
        row[SYS_INITIAL_IMPACT] = s->has_debtrank ? s->impact0 : NAN;
        row[SYS_FINAL_IMPACT] = s->has_debtrank ? s->impact : NAN;
        row[SYS_DEBTRANK] = s->has_debtrank ? s->debtrank : NAN;
        row[SYS_KIND] = (double)s->kind;
        row[SYS_VALUE_UNITS] = (double)value_unit(s->unit);
        row[SYS_PRICE] = s->price;
        char *key = NULL;
        rc = system_key(&key, s);
        if (rc == FLOW_OK)
            rc = flow_table_set_row_label(*out, i, key, s->unit);
        free(key);
    }
    return rc;
}

int flow_i_shock_report_plan(flow_table **economies, flow_table **systems, const flow_dataset *ds,
                             int64_t year, const flow_i_cut_plan *plan,
                             const flow_shock_options *options)
{
    report r = {0};
    *economies = *systems = NULL;
    int rc = build_report(&r, ds, year, plan, options);
    if (rc == FLOW_OK)
        rc = economies_table(economies, &r, flow_dataset_economies(ds));
    if (rc == FLOW_OK)
        rc = systems_table(systems, &r);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*systems, "year", (double)year);
    if (rc != FLOW_OK) {
        flow_table_free(*economies);
        flow_table_free(*systems);
        *economies = *systems = NULL;
    }
    report_clear(&r);
    return rc;
}

int flow_shock_report_new(flow_table **economies, flow_table **systems, const flow_dataset *ds,
                          int64_t year, const flow_scenario *scenario,
                          const flow_shock_options *options)
{
    flow_i_cut_plan plan = {0};
    if (economies != NULL)
        *economies = NULL;
    if (systems != NULL)
        *systems = NULL;
    if (economies == NULL || systems == NULL || ds == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_report_new: NULL argument");
    if (options == NULL)
        options = flow_i_shock_default_options();
    int rc = flow_i_cut_plan_for_dataset(&plan, scenario, ds, options);
    if (rc == FLOW_OK)
        rc = flow_i_shock_report_plan(economies, systems, ds, year, &plan, options);
    flow_i_cut_plan_clear(&plan);
    return rc;
}
