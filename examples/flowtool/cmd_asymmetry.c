/*
 * cmd_asymmetry.c - "flowtool asymmetry": how unequal the dependence between
 * two economies is, layer by layer, and which dyads are the most unequal.
 */
#include "util_indices.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_asymmetry[] =
    "dependence and asymmetry of a dyad in every layer; most asymmetric dyads";

static const char usage[] =
    "flowtool asymmetry [options] --economy CODE [--partner CODE] FILE.csv [FILE.csv ...]";
static const char description[] =
    "For the dyad (--economy, --partner), one row per layer and year (per product\n"
    "where the products of a layer have different units): export shares, import\n"
    "shares (sensitivity, Keohane & Nye), shares in each other's total trade,\n"
    "their normalised asymmetry (TS_ep - TS_pe) / (TS_ep + TS_pe) in [-1, 1]\n"
    "(> 0: the economy depends more), imports from the partner as % of absorption\n"
    "(with --size GDP, for layers in money: GDP + imports - exports, the domestic\n"
    "use that imports supply; re-exports do not count as dependence), vulnerability\n"
    "(import share x HHI of the economy's other suppliers, i.e. import share /\n"
    "their effective number alt_suppliers),\n"
    "Barbieri salience and interdependence. Then, in --layer/--year (default:\n"
    "trade, latest year), the --top most asymmetric dyads and the economy's\n"
    "strongest dependencies. Percentages are of the flows in the layer's unit.";

struct sizes {
    const char *attribute; /* --size: per-economy attribute (e.g. GDP) or NULL */
    const char *unit;      /* --size-unit: money unit of that attribute */
};

/* Scale that puts the size attribute in the unit of the matrix; 0: no sizes. */
static double size_scale(const struct sizes *s, const char *flow_unit)
{
    double flow_usd = flowtool_usd_per_unit(flow_unit);
    if (s->attribute == NULL || flow_usd == 0.0)
        return 0.0;
    return flowtool_usd_per_unit(s->unit) / flow_usd;
}

/*
 * The measures of one matrix: the dyads (shares), and, when the layer is in
 * money and --size gives GDP, import dependence on absorption:
 * absorbed[i * n + j] = T_ji / (GDP_i + M_i - X_i), the share of i's domestic
 * use supplied by j. Dividing by GDP instead would count goods i only passes on
 * (Kyrgyzstan's imports from China are 1.4 times its GDP, most re-exported).
 */
struct pair {
    flowtool_dyads *plain;
    double *absorbed; /* NULL without sizes */
};

/* Contiguous n x n flows of (layer, year, product), or all products summed. */
static double *layer_flows(const flow_dataset *ds, const char *layer, int64_t year,
                           const char *product, int64_t n)
{
    double *f = calloc((size_t)(n * n), sizeof *f);
    for (int64_t k = 0; f != NULL && k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        const double *v = NULL;
        int64_t y = 0, order = 0, stride = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (strcmp(l, layer) != 0 || y != year || (product != NULL && strcmp(p, product) != 0) ||
            flow_dataset_matrix_view(ds, l, y, p, &v, &order, &stride) != FLOW_OK)
            continue;
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                f[i * n + j] += i == j ? 0.0 : v[i * stride + j];
    }
    return f;
}

static double *absorption_dependence(const flow_dataset *ds, const struct sizes *s,
                                     const char *layer, int64_t year, const char *product,
                                     double scale)
{
    int64_t n = flow_dataset_economy_count(ds);
    double *gdp = calloc((size_t)n, sizeof *gdp), *dep = calloc((size_t)(n * n), sizeof *dep);
    double *f = layer_flows(ds, layer, year, product, n);
    if (gdp == NULL || dep == NULL || f == NULL ||
        flowtool_attribute(ds, s->attribute, gdp, n) != FLOW_OK) {
        free(dep);
        dep = NULL;
    }
    for (int64_t i = 0; dep != NULL && i < n; i++) {
        double imports = 0.0, exports = 0.0;
        for (int64_t k = 0; k < n; k++) {
            imports += f[k * n + i];
            exports += f[i * n + k];
        }
        double absorption = gdp[i] * scale + imports - exports;
        for (int64_t j = 0; j < n; j++)
            dep[i * n + j] = absorption > 0.0 ? f[j * n + i] / absorption : NAN;
    }
    free(gdp);
    free(f);
    return dep;
}

static int pair_of(struct pair *d, const flow_dataset *ds, const struct sizes *s, const char *layer,
                   int64_t year, const char *product)
{
    double scale = size_scale(s, flowtool_unit_of(ds, layer, year, product));
    d->plain = NULL;
    d->absorbed = NULL;
    if (flowtool_dyads_new(&d->plain, ds, layer, year, product) != 0 ||
        (scale > 0.0 &&
         (d->absorbed = absorption_dependence(ds, s, layer, year, product, scale)) == NULL)) {
        flowtool_dyads_free(d->plain);
        return flowtool_fail("asymmetry");
    }
    return 0;
}

static void pair_free(struct pair *d)
{
    flowtool_dyads_free(d->plain);
    free(d->absorbed);
}

/* Import dependence of i on j in % of i's absorption; NaN without sizes. */
static double absorbed(const struct pair *d, int64_t i, int64_t j)
{
    return d->absorbed == NULL ? NAN : 100.0 * d->absorbed[i * d->plain->n + j];
}

/* Measure of dyad (i, j) times factor; NaN for a missing (sizeless) result. */
static double value(const flowtool_dyads *d, int measure, int64_t i, int64_t j, double factor)
{
    if (d == NULL)
        return NAN;
    return flowtool_dyad_matrix(d, measure)[i * d->n + j] * factor;
}

/* One row of the dyad table for one matrix selection. */
static int dyad_row(flowtool_table *t, const flow_dataset *ds, const struct sizes *s,
                    const char *layer, int64_t year, const char *product, int64_t e, int64_t p)
{
    struct pair d;
    if (pair_of(&d, ds, s, layer, year, product) != 0)
        return 1;
    int rc = flowtool_table_text(t, layer) | flowtool_table_integer(t, year) |
             flowtool_table_text(t, product ? product : "all") |
             flowtool_table_text(t, flowtool_unit_of(ds, layer, year, product)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_EXPORT_SHARE, e, p, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_EXPORT_SHARE, p, e, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_IMPORT_SHARE, e, p, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_IMPORT_SHARE, p, e, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_TRADE_SHARE, e, p, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_TRADE_SHARE, p, e, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_NORMALIZED_ASYMMETRY, e, p, 1)) |
             flowtool_table_number(t, absorbed(&d, e, p)) |
             flowtool_table_number(t, absorbed(&d, p, e)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_VULNERABILITY, e, p, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_VULNERABILITY, p, e, 100)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_SALIENCE, e, p, 1)) |
             flowtool_table_number(t, value(d.plain, FLOW_DYAD_INTERDEPENDENCE, e, p, 1));
    pair_free(&d);
    return rc != 0;
}

/* Was (layer, year) already seen among the first k matrix keys? */
static int seen_before(const flow_dataset *ds, int64_t k, const char *layer, int64_t year)
{
    for (int64_t q = 0; q < k; q++) {
        const char *l = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, q, &l, &y, NULL);
        if (y == year && strcmp(l, layer) == 0)
            return 1;
    }
    return 0;
}

/* The rows of one (layer, year): all products, or each product when units differ. */
static int layer_rows(flowtool_table *t, const flow_dataset *ds, const struct flowtool_common *c,
                      const struct sizes *s, const char *layer, int64_t year, int64_t e, int64_t p)
{
    if (c->product == NULL && !flowtool_mixed_units(ds, layer, year))
        return dyad_row(t, ds, s, layer, year, NULL, e, p);
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *prod = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &prod);
        if (y == year && strcmp(l, layer) == 0 &&
            (c->product == NULL || strcmp(prod, c->product) == 0) &&
            dyad_row(t, ds, s, layer, year, prod, e, p) != 0)
            return 1;
    }
    return 0;
}

static int print_dyad(const flow_dataset *ds, const struct flowtool_common *c,
                      const struct sizes *s, const char *partner)
{
    int64_t e = 0, p = 0;
    if (flowtool_economy(ds, c->economy, "--economy", &e) != 0 ||
        flowtool_economy(ds, partner, "--partner", &p) != 0)
        return 1;
    const char *E = c->economy, *P = partner;
    char h[10][48], title[128];
    snprintf(h[0], sizeof h[0], "%s_exp_to_%s_%%", E, P);
    snprintf(h[1], sizeof h[1], "%s_exp_to_%s_%%", P, E);
    snprintf(h[2], sizeof h[2], "%s_imp_from_%s_%%", E, P);
    snprintf(h[3], sizeof h[3], "%s_imp_from_%s_%%", P, E);
    snprintf(h[4], sizeof h[4], "%s_trade_share_%%", E);
    snprintf(h[5], sizeof h[5], "%s_trade_share_%%", P);
    snprintf(h[6], sizeof h[6], "%s_imp_%%abs", E);
    snprintf(h[7], sizeof h[7], "%s_imp_%%abs", P);
    snprintf(h[8], sizeof h[8], "%s_vuln_%%", E);
    snprintf(h[9], sizeof h[9], "%s_vuln_%%", P);
    const char *headers[] = {"layer", "year", "product", "unit",     h[0],        h[1],
                             h[2],    h[3],   h[4],      h[5],       "asym_norm", h[6],
                             h[7],    h[8],   h[9],      "salience", "interdep"};
    snprintf(title, sizeof title, "Dyad %s-%s by layer (asym_norm > 0: %s depends more)", E, P, E);
    flowtool_table *t = flowtool_table_new(title, 17, headers);
    int rc = t == NULL;
    for (int64_t k = 0; rc == 0 && k < flow_dataset_matrix_count(ds); k++) {
        const char *layer = NULL;
        int64_t year = 0;
        flow_dataset_matrix_key(ds, k, &layer, &year, NULL);
        if (seen_before(ds, k, layer, year) || (c->layer && strcmp(c->layer, layer) != 0) ||
            (c->year != FLOWTOOL_NO_YEAR && c->year != year))
            continue;
        rc = layer_rows(t, ds, c, s, layer, year, e, p);
    }
    flowtool_table_finish(t, rc, c->format);
    return rc;
}

/*
 * The --top most asymmetric dyads: by import dependence in points of
 * absorption when sizes are known, else by trade shares.
 */
static int print_asymmetric(const struct pair *d, const flow_dataset *ds,
                            const struct flowtool_common *c, const char *title)
{
    static const char *const headers[] = {"dependent",
                                          "partner",
                                          "dep_basis",
                                          "dependent_%",
                                          "partner_%",
                                          "asymmetry_pts",
                                          "asym_norm_trade_shares"};
    int64_t n = d->plain->n, count = 0;
    int64_t *rows = calloc((size_t)c->top, sizeof *rows),
            *cols = calloc((size_t)c->top, sizeof *cols);
    double *asym = calloc((size_t)(n * n), sizeof *asym);
    flowtool_table *t = flowtool_table_new(title, 7, headers);
    int rc = rows == NULL || cols == NULL || asym == NULL || t == NULL;
    const double *shares = flowtool_dyad_matrix(d->plain, FLOW_DYAD_DEPENDENCE);
    for (int64_t i = 0; rc == 0 && i < n; i++)
        for (int64_t j = 0; j < n; j++)
            asym[i * n + j] = d->absorbed != NULL ? absorbed(d, i, j) - absorbed(d, j, i)
                                                  : 100.0 * (shares[i * n + j] - shares[j * n + i]);
    if (rc == 0 && flow_rank_matrix(rows, cols, c->top, &count, asym, n, n, 1) != FLOW_OK)
        rc = flowtool_fail("ranking");
    for (int64_t k = 0; rc == 0 && k < count; k++) {
        int64_t i = rows[k], j = cols[k];
        double dep_ij = d->absorbed != NULL ? absorbed(d, i, j) : 100.0 * shares[i * n + j],
               dep_ji = d->absorbed != NULL ? absorbed(d, j, i) : 100.0 * shares[j * n + i];
        rc = flowtool_table_text(t, flowtool_code(ds, i)) |
             flowtool_table_text(t, flowtool_code(ds, j)) |
             flowtool_table_text(t, d->absorbed != NULL ? "%absorption" : "%trade") |
             flowtool_table_number(t, dep_ij) | flowtool_table_number(t, dep_ji) |
             flowtool_table_number(t, asym[i * n + j]) |
             flowtool_table_number(t, value(d->plain, FLOW_DYAD_NORMALIZED_ASYMMETRY, i, j, 1));
    }
    flowtool_table_finish(t, rc, c->format);
    free(asym);
    free(rows);
    free(cols);
    return rc != 0;
}

/* The economy's suppliers ranked by import share (sensitivity). */
static int print_dependencies(const flowtool_dyads *d, const flow_dataset *ds,
                              const struct flowtool_common *c, const char *title)
{
    static const char *const headers[] = {"supplier", "import_share_%", "vulnerability_%",
                                          "alt_suppliers", "export_share_%"};
    int64_t n = d->n, e = 0, count = 0;
    if (flowtool_economy(ds, c->economy, "--economy", &e) != 0)
        return 1;
    int64_t *order = calloc((size_t)c->top, sizeof *order);
    flowtool_table *t = flowtool_table_new(title, 5, headers);
    int rc = order == NULL || t == NULL;
    if (rc == 0 &&
        flow_rank_vector(order, c->top, &count,
                         flowtool_dyad_matrix(d, FLOW_DYAD_IMPORT_SHARE) + e * n, n, 1) != FLOW_OK)
        rc = flowtool_fail("ranking");
    for (int64_t k = 0; rc == 0 && k < count; k++) {
        int64_t j = order[k];
        rc = flowtool_table_text(t, flowtool_code(ds, j)) |
             flowtool_table_number(t, value(d, FLOW_DYAD_IMPORT_SHARE, e, j, 100)) |
             flowtool_table_number(t, value(d, FLOW_DYAD_VULNERABILITY, e, j, 100)) |
             flowtool_table_number(t, 1.0 / value(d, FLOW_DYAD_ALTERNATIVE_HHI, e, j, 1)) |
             flowtool_table_number(t, value(d, FLOW_DYAD_EXPORT_SHARE, e, j, 100));
    }
    flowtool_table_finish(t, rc, c->format);
    free(order);
    return rc != 0;
}

static int print_rankings(const flow_dataset *ds, const struct flowtool_common *c,
                          const struct sizes *s)
{
    const char *layer = NULL, *product = NULL;
    int64_t year = 0;
    struct pair d;
    char title[160];
    if (flowtool_pick_layer_year(ds, c, &layer, &year) != 0 ||
        flowtool_pick_product(ds, c, layer, year, &product) != 0 ||
        pair_of(&d, ds, s, layer, year, product) != 0)
        return 1;
    snprintf(title, sizeof title, "Most asymmetric dyads, %s %lld, %s (asymmetry in points)", layer,
             (long long)year, product ? product : "all products");
    int rc = print_asymmetric(&d, ds, c, title);
    if (rc == 0 && c->economy != NULL) {
        snprintf(title, sizeof title, "Strongest dependencies of %s, %s %lld, %s", c->economy,
                 layer, (long long)year, product ? product : "all products");
        rc = print_dependencies(d.plain, ds, c, title);
    }
    pair_free(&d);
    return rc;
}

int flowtool_cmd_asymmetry(int argc, char **argv)
{
    struct flowtool_common c;
    struct sizes s = {NULL, "USD_bn"};
    const char *partner = NULL;
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&c),
        {"partner", FLOWTOOL_STRING, &partner, "CODE", "partner of --economy in the dyad table"},
        {"size", FLOWTOOL_STRING, &s.attribute, "ATTR",
         "economy size attribute of --attributes, e.g. gdp_usd_bn_2023"},
        {"size-unit", FLOWTOOL_STRING, &s.unit, "UNIT",
         "money unit of --size: USD, USD_k, USD_m, USD_bn (default USD_bn)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_dataset *ds = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (c.top < 1 || (s.attribute != NULL && flowtool_usd_per_unit(s.unit) == 0.0)) {
        fprintf(stderr, "flowtool: --top must be >= 1 and --size-unit a money unit\n");
        goto done;
    }
    if ((status = flowtool_load(&ds, files, nfiles, &c, NULL)) != 0)
        goto done;
    status = (c.economy != NULL && partner != NULL && print_dyad(ds, &c, &s, partner) != 0) ||
             print_rankings(ds, &c, &s) != 0;
done:
    flow_dataset_free(ds);
    free(files);
    return status;
}
