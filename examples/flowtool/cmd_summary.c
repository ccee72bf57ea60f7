/*
 * cmd_summary.c - "flowtool summary": load flow CSVs and show what they hold.
 *
 * Prints the row accounting of every file, the total of every matrix
 * (layer, year, product) with its unit and number of non-zero flows, and,
 * with --economy, that economy's largest partners in each matrix.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char flowtool_about_summary[] =
    "load flow CSVs; print row accounting, totals per layer and top partners";

static const char usage[] = "flowtool summary [options] FILE.csv [FILE.csv ...]";
static const char description[] =
    "Loads long-format flow files (origin,destination,value[,year,layer,product,unit])\n"
    "and prints: the row accounting of each file (rows read, accepted, filtered,\n"
    "rejected, duplicates summed; the first rejects go to stderr), the total and\n"
    "number of flows of every (layer, year, product) matrix, and with --economy the\n"
    "economy's top partners (exports and imports) in each selected matrix.";

/* Matrices selected by --layer, --year and --product. */
static int selected(const struct flowtool_common *c, const char *layer, int64_t year,
                    const char *product)
{
    return (c->layer == NULL || strcmp(c->layer, layer) == 0) &&
           (c->year == FLOWTOOL_NO_YEAR || c->year == year) &&
           (c->product == NULL || strcmp(c->product, product) == 0);
}

static int print_totals(const flow_dataset *ds, const struct flowtool_common *c)
{
    static const char *const headers[] = {"layer", "year", "product", "unit", "total", "flows"};
    flowtool_table *t = flowtool_table_new("Totals by product", 6, headers);
    int64_t n = flow_dataset_economy_count(ds);
    int rc = t == NULL ? -1 : 0;
    for (int64_t k = 0; rc == 0 && k < flow_dataset_matrix_count(ds); k++) {
        const char *layer = NULL, *product = NULL;
        const double *v = NULL;
        int64_t year = 0, order = 0, stride = 0, flows = 0;
        double total = 0.0;
        flow_dataset_matrix_key(ds, k, &layer, &year, &product);
        if (!selected(c, layer, year, product) ||
            flow_dataset_matrix_view(ds, layer, year, product, &v, &order, &stride) != FLOW_OK)
            continue;
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++) {
                total += v[i * stride + j];
                flows += v[i * stride + j] != 0.0;
            }
        rc = flowtool_table_text(t, layer) | flowtool_table_integer(t, year) |
             flowtool_table_text(t, product) |
             flowtool_table_text(t, flow_dataset_matrix_unit(ds, layer, year, product)) |
             flowtool_table_number(t, total) | flowtool_table_integer(t, flows);
    }
    flowtool_table_finish(t, rc, c->format);
    return rc;
}

/* Sum of one matrix (over all economies). */
static double matrix_total(const flow_dataset *ds, const char *layer, int64_t year,
                           const char *product)
{
    const double *v = NULL;
    int64_t order = 0, stride = 0;
    double total = 0.0;
    if (flow_dataset_matrix_view(ds, layer, year, product, &v, &order, &stride) != FLOW_OK)
        return 0.0;
    for (int64_t i = 0; i < order; i++)
        for (int64_t j = 0; j < order; j++)
            total += v[i * stride + j];
    return total;
}

/*
 * Per-layer totals: the matrices of one layer and year summed over products,
 * separately for each unit (tonnes and cubic metres do not add up).
 */
static int print_layer_totals(const flow_dataset *ds, const struct flowtool_common *c)
{
    static const char *const headers[] = {"layer", "year", "unit", "total", "products"};
    flowtool_table *t = flowtool_table_new("Layer totals", 5, headers);
    int64_t count = flow_dataset_matrix_count(ds);
    int rc = t == NULL ? -1 : 0;
    for (int64_t k = 0; rc == 0 && k < count; k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0, products = 0;
        double total = 0.0;
        flow_dataset_matrix_key(ds, k, &layer, &year, &product);
        const char *unit = flow_dataset_matrix_unit(ds, layer, year, product);
        int first = selected(c, layer, year, product);
        /* Each (layer, year, unit) is printed once, at its first matrix. */
        for (int64_t q = 0; first && q < k; q++) {
            const char *l = NULL, *p = NULL;
            int64_t y = 0;
            flow_dataset_matrix_key(ds, q, &l, &y, &p);
            first = !(selected(c, l, y, p) && y == year && strcmp(l, layer) == 0 &&
                      strcmp(flow_dataset_matrix_unit(ds, l, y, p), unit) == 0);
        }
        for (int64_t q = k; first && q < count; q++) {
            const char *l = NULL, *p = NULL;
            int64_t y = 0;
            flow_dataset_matrix_key(ds, q, &l, &y, &p);
            if (selected(c, l, y, p) && y == year && strcmp(l, layer) == 0 &&
                strcmp(flow_dataset_matrix_unit(ds, l, y, p), unit) == 0) {
                total += matrix_total(ds, l, y, p);
                products++;
            }
        }
        if (first)
            rc = flowtool_table_text(t, layer) | flowtool_table_integer(t, year) |
                 flowtool_table_text(t, unit) | flowtool_table_number(t, total) |
                 flowtool_table_integer(t, products);
    }
    flowtool_table_finish(t, rc, c->format);
    return rc;
}

/* Top partners of c->economy in one matrix, both directions, into t. */
static int add_partners(flowtool_table *t, const flow_dataset *ds, const struct flowtool_common *c,
                        const char *layer, int64_t year, const char *product)
{
    static const char *const direction_names[] = {"", "exports to", "imports from"};
    int rc = 0;
    for (int dir = FLOW_EXPORTS; rc == 0 && dir <= FLOW_IMPORTS; dir++) {
        flow_table *top = NULL;
        if (flow_dataset_top_partners(&top, ds, layer, year, product, c->economy, dir, c->top) !=
            FLOW_OK)
            return 1;
        const double *v = flow_table_values(top); /* columns: value, share */
        for (int64_t i = 0; rc == 0 && i < flow_table_rows(top); i++)
            rc = flowtool_table_text(t, layer) | flowtool_table_integer(t, year) |
                 flowtool_table_text(t, product) | flowtool_table_text(t, direction_names[dir]) |
                 flowtool_table_text(t, flow_table_row_label(top, i)) |
                 flowtool_table_number(t, v[2 * i]) |
                 flowtool_table_number(t, 100.0 * v[2 * i + 1]);
        flow_table_free(top);
    }
    return rc;
}

static int print_partners(const flow_dataset *ds, const struct flowtool_common *c)
{
    static const char *const headers[] = {"layer",   "year",  "product", "direction",
                                          "partner", "value", "share_%"};
    char title[128];
    int64_t index = 0;
    if (flow_labels_find(flow_dataset_economies(ds), c->economy, &index) != FLOW_OK)
        return flowtool_fail("--economy");
    snprintf(title, sizeof title, "Top %lld partners of %s", (long long)c->top, c->economy);
    flowtool_table *t = flowtool_table_new(title, 7, headers);
    int rc = t == NULL ? -1 : 0;
    for (int64_t k = 0; rc == 0 && k < flow_dataset_matrix_count(ds); k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0;
        flow_dataset_matrix_key(ds, k, &layer, &year, &product);
        if (selected(c, layer, year, product))
            rc = add_partners(t, ds, c, layer, year, product);
    }
    if (rc == 1)
        rc = flowtool_fail("top partners");
    else if (rc == 0)
        flowtool_table_print(t, stdout, c->format);
    flowtool_table_free(t);
    return rc;
}

int flowtool_cmd_summary(int argc, char **argv)
{
    struct flowtool_common c;
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {FLOWTOOL_COMMON_OPTIONS(&c),
                                              {NULL, 0, NULL, NULL, NULL}};
    static const char *const headers[] = {"file",     "rows",     "accepted",
                                          "filtered", "rejected", "duplicates"};
    char **files = NULL;
    int nfiles = 0;
    int status = 2;
    flow_dataset *ds = NULL;
    flowtool_table *accounting = flowtool_table_new("Row accounting", 6, headers);
    if (accounting == NULL) {
        fprintf(stderr, "flowtool: out of memory\n");
        status = 1;
        goto done;
    }
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (c.top < 1) {
        fprintf(stderr, "flowtool: --top must be at least 1\n");
        goto done;
    }
    if ((status = flowtool_load(&ds, files, nfiles, &c, accounting)) != 0)
        goto done;
    flowtool_table_print(accounting, stdout, c.format);
    status = print_layer_totals(ds, &c) != 0 || print_totals(ds, &c) != 0;
    if (status == 0 && c.economy != NULL)
        status = print_partners(ds, &c) != 0;
done:
    flow_dataset_free(ds);
    flowtool_table_free(accounting);
    free(files);
    return status;
}
