/*
 * cmd_concentration.c - "flowtool concentration": supplier concentration of
 * importers and the EU / CEPII strategic-dependency flags.
 */
#include "util_indices.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_concentration[] =
    "supplier concentration (HHI) of importers; EU/CEPII strategic-dependency flags";

static const char usage[] = "flowtool concentration [options] FILE.csv [FILE.csv ...]";
static const char description[] =
    "In --layer/--year (default: trade, latest year; --product or all products):\n"
    "the --top importers with the most concentrated suppliers (Herfindahl-Hirschman\n"
    "index of import shares; 1/HHI is the effective number of suppliers) and their\n"
    "main supplier. ROW, the rest of the world, counts in every total but not as one\n"
    "supplier or exporter in the HHIs (it is many economies): they are lower bounds. Then the "
    "strategic-dependency flags of the layer, per importer\n"
    "and product (European Commission SWD(2021) 352, CEPII GeoDep 2024): import HHI\n"
    "above --import-hhi, world-export HHI above --export-hhi and imports/exports\n"
    "above --ratio; persistent when flagged in --min-years of the --window calendar\n"
    "years ending at --year (a year without data counts as not flagged). With --extra-bloc\n"
    "CODES (e.g. the EU members), the EU method's criterion as well: more than\n"
    "--extra-share (0.5) of the importer's imports come from outside the bloc. With --economy: "
    "that importer's flags for every product.";

struct thresholds {
    double import_hhi, export_hhi, ratio;
    int64_t min_years, window;
    const char *extra_bloc; /* --extra-bloc: comma-separated codes, or NULL */
    double extra_share;     /* --extra-share: threshold of the extra-bloc share */
};

/* Index of ROW, the rest of the world, on the axis; -1 when absent. */
static int64_t residual_of(const flow_dataset *ds)
{
    int64_t index = -1;
    return flow_labels_find(flow_dataset_economies(ds), "ROW", &index) == FLOW_OK ? index : -1;
}

/*
 * Supplier HHI of importer i from its import shares, ROW adding no square (it
 * is many suppliers, not one): a lower bound where ROW supplies much.
 */
static double supplier_hhi(const double *shares, int64_t n, int64_t residual)
{
    double sq = 0.0;
    for (int64_t j = 0; j < n; j++)
        sq += j == residual || isnan(shares[j]) ? 0.0 : shares[j] * shares[j];
    return sq > 0.0 ? sq : NAN;
}

/* The --top importers by supplier HHI in one matrix selection (product NULL: all). */
static int print_importers(const flow_dataset *ds, const struct flowtool_common *c,
                           const char *layer, int64_t year, const char *product)
{
    static const char *const headers[] = {"importer", "supplier_hhi", "effective_suppliers",
                                          "main_supplier", "main_share_%"};
    int64_t count = 0, n = flow_dataset_economy_count(ds);
    char title[160];
    snprintf(title, sizeof title, "Most concentrated importers, %s %lld, %s", layer,
             (long long)year, product ? product : "all products");
    double *hhi = calloc((size_t)n, sizeof *hhi);
    int64_t *order = calloc((size_t)c->top, sizeof *order);
    flowtool_dyads *d = NULL;
    flowtool_table *t = flowtool_table_new(title, 5, headers);
    int rc = hhi == NULL || order == NULL || t == NULL;
    if (rc == 0 && flowtool_dyads_new(&d, ds, layer, year, product) != 0)
        rc = flowtool_fail("concentration");
    for (int64_t i = 0; rc == 0 && i < n; i++)
        hhi[i] = i == residual_of(ds)
                     ? NAN
                     : supplier_hhi(flowtool_dyad_matrix(d, FLOW_DYAD_IMPORT_SHARE) + i * n, n,
                                    residual_of(ds));
    if (rc == 0 && flow_rank_vector(order, c->top, &count, hhi, n, 1) != FLOW_OK)
        rc = flowtool_fail("ranking");
    for (int64_t k = 0; rc == 0 && k < count; k++) {
        int64_t i = order[k], main = 0, one = 0;
        const double *shares = flowtool_dyad_matrix(d, FLOW_DYAD_IMPORT_SHARE) + i * n;
        flow_rank_vector(&main, 1, &one, shares, n, 1);
        rc = flowtool_table_text(t, flowtool_code(ds, i)) | flowtool_table_number(t, hhi[i]) |
             flowtool_table_number(t, 1.0 / hhi[i]) |
             flowtool_table_text(t, flowtool_code(ds, main)) |
             flowtool_table_number(t, 100.0 * shares[main]);
    }
    flowtool_table_finish(t, rc, c->format);
    flowtool_dyads_free(d);
    free(order);
    free(hhi);
    return rc != 0;
}

/*
 * The importer tables of --layer/--year: one for all products, or one per
 * product when the products have different units (and no --product).
 */
static int print_concentrated(const flow_dataset *ds, const struct flowtool_common *c)
{
    const char *layer = NULL, *product = NULL;
    int64_t year = 0;
    if (flowtool_pick_layer_year(ds, c, &layer, &year) != 0)
        return 1;
    if (c->product != NULL || !flowtool_mixed_units(ds, layer, year))
        return print_importers(ds, c, layer, year, c->product);
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &product);
        if (y == year && strcmp(l, layer) == 0 && print_importers(ds, c, layer, year, product))
            return 1;
    }
    return 0;
}

/* The flags table and its shape: row (year * products + product) * n + importer. */
struct flags {
    flow_table *table;
    int64_t years, products, n;
};

static int64_t shape_of(const flow_table *t, const char *name)
{
    double v = 0.0;
    flow_table_scalar(t, name, &v);
    return (int64_t)v;
}

/* One dependency-flag option from a number: the option's key takes its text. */
static int set_number(flow_depflag_options *o, const char *key, double value)
{
    char text[32];
    snprintf(text, sizeof text, "%.17g", value);
    return flow_depflag_options_set(o, key, text);
}

/* --extra-bloc CODES: the bloc's economy indices into the options. */
static int set_extra_bloc(flow_depflag_options *o, const flow_dataset *ds,
                          const struct thresholds *th)
{
    if (th->extra_bloc == NULL)
        return 0;
    size_t len = strlen(th->extra_bloc);
    char *codes = malloc(len + 1), *indices = malloc(len * 12 + 1);
    size_t used = 0;
    int rc = codes == NULL || indices == NULL;
    if (rc == 0) {
        memcpy(codes, th->extra_bloc, len + 1);
        indices[0] = '\0';
        for (char *code = strtok(codes, ","); rc == 0 && code != NULL; code = strtok(NULL, ",")) {
            int64_t member = -1;
            rc = flowtool_economy(ds, code, "--extra-bloc", &member);
            used += (size_t)snprintf(indices + used, len * 12 + 1 - used, "%s%lld", used ? "," : "",
                                     (long long)member);
        }
    }
    if (rc == 0 && (flow_depflag_options_set(o, "extra_share_members", indices) != FLOW_OK ||
                    set_number(o, "extra_share_threshold", th->extra_share) != FLOW_OK))
        rc = flowtool_fail("--extra-bloc/--extra-share");
    free(codes);
    free(indices);
    return rc;
}

static int make_flags(struct flags *f, const flow_dataset *ds, const char *layer,
                      const struct thresholds *th)
{
    flow_depflag_options *o = NULL;
    if (flow_depflag_options_new(&o) != FLOW_OK)
        return flowtool_fail("strategic-dependency flags");
    if (set_extra_bloc(o, ds, th) != 0) {
        flow_depflag_options_free(o);
        return 1;
    }
    char persistence[48];
    snprintf(persistence, sizeof persistence, "%lld,%lld", (long long)th->min_years,
             (long long)th->window);
    int rc = set_number(o, "residual", (double)residual_of(ds)) != FLOW_OK ||
             set_number(o, "import_hhi", th->import_hhi) != FLOW_OK ||
             set_number(o, "export_hhi", th->export_hhi) != FLOW_OK ||
             set_number(o, "import_export_ratio", th->ratio) != FLOW_OK ||
             flow_depflag_options_set(o, "persistence", persistence) != FLOW_OK ||
             flow_depflags_new_from_dataset(&f->table, o, ds, layer) != FLOW_OK;
    flow_depflag_options_free(o);
    if (rc)
        return flowtool_fail("strategic-dependency flags");
    f->years = shape_of(f->table, "year_count");
    f->products = shape_of(f->table, "product_count");
    f->n = shape_of(f->table, "economy_count");
    return 0;
}

/* Column col of importer i in product p at year index y. */
static double cell(const struct flags *f, int col, int64_t y, int64_t p, int64_t i)
{
    int64_t row = (y * f->products + p) * f->n + i;
    return flow_table_values(f->table)[row * FLOW_DEPFLAG_COLUMN_COUNT + col];
}

static int64_t year_of(const struct flags *f, int64_t y)
{
    return (int64_t)cell(f, FLOW_DEPFLAG_YEAR, y, 0, 0);
}

static const char *product_of(const struct flags *f, int64_t p)
{
    return flow_table_row_group(f->table, p * f->n);
}

/* Index of the calendar year in the flags, or the latest when year is absent. */
static int64_t year_slot(const struct flags *f, int64_t year)
{
    int64_t last = f->products > 0 && f->n > 0 ? f->years - 1 : -1;
    for (int64_t y = 0; year != FLOWTOOL_NO_YEAR && y <= last; y++)
        if (year_of(f, y) == year)
            return y;
    return year == FLOWTOOL_NO_YEAR ? last : -1;
}

/* World-export concentration of every product and how many importers it flags. */
static int print_products(const struct flags *f, const struct flowtool_common *c, int64_t y,
                          const char *title)
{
    static const char *const headers[] = {"product", "export_hhi", "effective_exporters",
                                          "importers_flagged"};
    flowtool_table *t = flowtool_table_new(title, 4, headers);
    int rc = t == NULL;
    for (int64_t p = 0; rc == 0 && p < f->products; p++) {
        double hhi = cell(f, FLOW_DEPFLAG_EXPORT_HHI, y, p, 0);
        int64_t flagged = 0;
        for (int64_t i = 0; i < f->n; i++)
            flagged += cell(f, FLOW_DEPFLAG_FLAG, y, p, i) > 0.0;
        rc = flowtool_table_text(t, product_of(f, p)) | flowtool_table_number(t, hhi) |
             flowtool_table_number(t, 1.0 / hhi) | flowtool_table_integer(t, flagged);
    }
    flowtool_table_finish(t, rc, c->format);
    return rc != 0;
}

/* One flag row: product p, importer i at year index y. */
static int flag_row(flowtool_table *t, const struct flags *f, const flow_dataset *ds, int64_t y,
                    int64_t p, int64_t i, int64_t window)
{
    int64_t year = year_of(f, y), years = 0;
    for (int64_t k = 0; k <= y; k++) /* flagged years of the window */
        years += year_of(f, k) > year - window && cell(f, FLOW_DEPFLAG_FLAG, k, p, i) > 0.0;
    return flowtool_table_text(t, product_of(f, p)) | flowtool_table_text(t, flowtool_code(ds, i)) |
           flowtool_table_number(t, cell(f, FLOW_DEPFLAG_IMPORT_HHI, y, p, i)) |
           flowtool_table_number(t, cell(f, FLOW_DEPFLAG_EXPORT_HHI, y, p, i)) |
           flowtool_table_number(t, cell(f, FLOW_DEPFLAG_IMPORT_EXPORT_RATIO, y, p, i)) |
           flowtool_table_integer(t, (int64_t)cell(f, FLOW_DEPFLAG_FLAG, y, p, i)) |
           flowtool_table_integer(t, years) |
           flowtool_table_integer(t, (int64_t)cell(f, FLOW_DEPFLAG_PERSISTENT, y, p, i));
}

/* Flag rows: every flagged or persistent (product, importer), or all of --economy's. */
static int print_flags(const flow_dataset *ds, const struct flowtool_common *c,
                       const struct thresholds *th)
{
    static const char *const headers[] = {"product",       "importer",      "import_hhi",
                                          "export_hhi",    "imp_exp_ratio", "flag",
                                          "years_flagged", "persistent"};
    const char *layer = c->layer != NULL ? c->layer : "trade";
    struct flags f = {NULL, 0, 0, 0};
    int64_t e = -1;
    if ((c->economy != NULL && flowtool_economy(ds, c->economy, "--economy", &e) != 0) ||
        make_flags(&f, ds, layer, th) != 0)
        return 1;
    int64_t y = year_slot(&f, c->year);
    if (y < 0) {
        fprintf(stderr, "flowtool: layer %s holds no year %lld\n", layer, (long long)c->year);
        flow_table_free(f.table);
        return 1;
    }
    int64_t year = year_of(&f, y);
    char title[480], extra[96] = "";
    if (th->extra_bloc != NULL)
        snprintf(extra, sizeof extra, ", imports from outside the bloc > %g %%",
                 th->extra_share * 100.0);
    snprintf(title, sizeof title, "World-export concentration by product, %s %lld", layer,
             (long long)year);
    if (print_products(&f, c, y, title) != 0) {
        flow_table_free(f.table);
        return 1;
    }
    snprintf(title, sizeof title,
             "Strategic dependencies, %s %lld (import HHI > %g, world-export HHI > %g, "
             "imports/exports > %g%s; persistent: flagged in %lld of the calendar years "
             "%lld-%lld, %lld of them with data)",
             layer, (long long)year, th->import_hhi, th->export_hhi, th->ratio, extra,
             (long long)th->min_years, (long long)(year - th->window + 1), (long long)year,
             (long long)cell(&f, FLOW_DEPFLAG_YEARS_SEEN, y, 0, 0));
    flowtool_table *t = flowtool_table_new(title, 8, headers);
    int rc = t == NULL;
    for (int64_t p = 0; rc == 0 && p < f.products; p++) {
        if (c->product != NULL && strcmp(c->product, product_of(&f, p)) != 0)
            continue;
        for (int64_t i = 0; rc == 0 && i < f.n; i++) {
            int shown = e >= 0 ? i == e
                               : cell(&f, FLOW_DEPFLAG_FLAG, y, p, i) > 0.0 ||
                                     cell(&f, FLOW_DEPFLAG_PERSISTENT, y, p, i) > 0.0;
            if (shown)
                rc = flag_row(t, &f, ds, y, p, i, th->window);
        }
    }
    flowtool_table_finish(t, rc, c->format);
    flow_table_free(f.table);
    return rc != 0;
}

int flowtool_cmd_concentration(int argc, char **argv)
{
    struct flowtool_common c;
    struct thresholds th = {0.4, 0.4, 1.0, 2, 3, NULL, 0.5};
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&c),
        {"import-hhi", FLOWTOOL_DOUBLE, &th.import_hhi, "X", "import HHI threshold (0.4)"},
        {"export-hhi", FLOWTOOL_DOUBLE, &th.export_hhi, "X", "world-export HHI threshold (0.4)"},
        {"ratio", FLOWTOOL_DOUBLE, &th.ratio, "X", "imports/exports threshold (1)"},
        {"min-years", FLOWTOOL_INT, &th.min_years, "N", "years flagged to persist (2)"},
        {"window", FLOWTOOL_INT, &th.window, "N", "last years considered (3)"},
        {"extra-bloc", FLOWTOOL_STRING, &th.extra_bloc, "CODES",
         "bloc of the extra-bloc share criterion (EU method), e.g. DEU,FRA,ITA"},
        {"extra-share", FLOWTOOL_DOUBLE, &th.extra_share, "X",
         "extra-bloc share of imports above which a flag holds (0.5)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_dataset *ds = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (c.top < 1) {
        fprintf(stderr, "flowtool: --top must be at least 1\n");
        goto done;
    }
    if ((status = flowtool_load(&ds, files, nfiles, &c, NULL)) != 0)
        goto done;
    status = print_concentrated(ds, &c) != 0 || print_flags(ds, &c, &th) != 0;
done:
    flow_dataset_free(ds);
    free(files);
    return status;
}
