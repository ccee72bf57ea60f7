/*
 * cmd_complexity.c - "flowtool complexity": revealed comparative advantage,
 * economic complexity, the product space (proximity, density) and transit
 * hubs of a trade layer.
 */
#include "util_indices.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_complexity[] =
    "revealed comparative advantage, economic complexity (ECI/PCI), transit hubs";

static const char usage[] = "flowtool complexity [options] FILE.csv [FILE.csv ...]";
static const char description[] =
    "In --layer/--year (default: trade, latest year), builds the economies x products\n"
    "export matrix from the product groups of the layer and prints each economy's\n"
    "diversity and economic complexity index (ECI, eigenvector method, mean 0 and\n"
    "standard deviation 1 over the economies that export something with advantage),\n"
    "each product's ubiquity and complexity (PCI), and the --top economies by weighted\n"
    "betweenness on the flows of all products (edge length 1 / flow: the transit hubs\n"
    "of the strongest links). --economy CODE adds its Balassa RCA in every product.\n"
    "--threshold sets the RCA at which an economy counts as an exporter (1).\n"
    "--proximity adds the product space (Hidalgo, Klinger, Barabasi & Hausmann\n"
    "2007): phi(p, q) = sum_c M(c, p) M(c, q) / max(k_p, k_q), products x products,\n"
    "0 on the diagonal. --density adds each economy's density in every product,\n"
    "sum_q M(c, q) phi(q, p) / sum_q phi(q, p): how much of what is close to p the\n"
    "economy already exports with advantage.";

/* What run prints besides complexity and hubs. */
struct complexity_options {
    double threshold;
    int proximity, density;
};

/* The export table: economies with exports (rows) x products of the layer. */
static int export_table(const flow_dataset *ds, const char *layer, int64_t year, flow_table **out)
{
    int64_t n = flow_dataset_economy_count(ds), np = 0;
    const char **products = calloc((size_t)flow_dataset_matrix_count(ds) + 1, sizeof *products);
    double *ex = calloc((size_t)n, sizeof *ex), *total = calloc((size_t)n, sizeof *total);
    int rc = products && ex && total ? 0 : 1;
    for (int64_t i = 0; rc == 0 && i < flow_dataset_matrix_count(ds); i++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        if (flow_dataset_matrix_key(ds, i, &l, &y, &p) == FLOW_OK && strcmp(l, layer) == 0 &&
            y == year && p != NULL && p[0] != '\0')
            products[np++] = p;
    }
    double *values = rc == 0 ? calloc((size_t)(n * (np > 0 ? np : 1)), sizeof *values) : NULL;
    for (int64_t p = 0; values != NULL && p < np; p++) {
        if (flow_dataset_totals(ds, layer, year, products[p], ex, NULL, NULL, n) != FLOW_OK) {
            rc = flowtool_fail(products[p]);
            break;
        }
        for (int64_t i = 0; i < n; i++) {
            values[i * np + p] = ex[i];
            total[i] += ex[i];
        }
    }
    int64_t rows = 0;
    for (int64_t i = 0; values != NULL && rc == 0 && i < n; i++)
        if (total[i] > 0.0)
            memmove(values + rows++ * np, values + i * np, (size_t)np * sizeof *values);
    if (values == NULL || rc != 0 || flow_table_new(out, rows, np, values, np) != FLOW_OK)
        rc = rc != 0 ? rc : flowtool_fail("export table");
    for (int64_t i = 0, r = 0; rc == 0 && i < n; i++)
        if (total[i] > 0.0)
            flow_table_set_row_label(*out, r++, flowtool_code(ds, i), NULL);
    for (int64_t p = 0; rc == 0 && p < np; p++)
        flow_table_set_col_label(*out, p, products[p], NULL);
    free(products);
    free(ex);
    free(total);
    free(values);
    return rc;
}

/* Rows of t by decreasing last column (NaN last) into order[0..rows). */
static void rank_rows(const flow_table *t, int64_t *order)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    const double *v = flow_table_values(t);
    for (int64_t i = 0; i < rows; i++) {
        int64_t j = i;
        for (; j > 0; j--) {
            double above = v[order[j - 1] * cols + cols - 1], here = v[i * cols + cols - 1];
            if (!isnan(above) && !(above < here))
                break;
            if (isnan(above) && isnan(here))
                break;
            order[j] = order[j - 1];
        }
        order[j] = i;
    }
}

/* Prints the first top rows of t ranked by its last column: rank, label and
 * every column. */
static int print_ranked(const flow_table *t, const char *title, const char *name, int64_t top,
                        int format)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    int64_t *order = malloc((size_t)(rows > 0 ? rows : 1) * sizeof *order);
    const char **headers = malloc((size_t)(cols + 2) * sizeof *headers);
    if (order == NULL || headers == NULL) {
        free(order);
        free(headers);
        return 1;
    }
    rank_rows(t, order);
    headers[0] = "rank";
    headers[1] = name;
    for (int64_t c = 0; c < cols; c++)
        headers[c + 2] = flow_table_col_label(t, c);
    flowtool_table *out = flowtool_table_new(title, (int)cols + 2, headers);
    int rc = out == NULL ? -1 : 0;
    for (int64_t k = 0; rc == 0 && k < rows && k < top; k++) {
        rc |= flowtool_table_integer(out, k + 1) |
              flowtool_table_text(out, flow_table_row_label(t, order[k]));
        for (int64_t c = 0; c < cols; c++)
            rc |= flowtool_table_number(out, flow_table_values(t)[order[k] * cols + c]);
    }
    free(order);
    free(headers);
    flowtool_table_finish(out, rc, format);
    return rc == 0 ? 0 : 1;
}

static int print_rca(const flow_table *x, const char *economy, int format)
{
    flow_table *rca = NULL;
    int64_t row = 0;
    if (flow_table_find_row(x, economy, NULL, &row) != FLOW_OK)
        return flowtool_fail("--economy");
    if (flow_rca(&rca, x, FLOW_RCA_BALASSA) != FLOW_OK)
        return flowtool_fail("RCA");
    const char *headers[2] = {"product", "rca"};
    char title[96];
    snprintf(title, sizeof title, "Revealed comparative advantage of %s (Balassa)", economy);
    flowtool_table *out = flowtool_table_new(title, 2, headers);
    int rc = out == NULL ? -1 : 0;
    for (int64_t p = 0; rc == 0 && p < flow_table_cols(rca); p++)
        rc |= flowtool_table_text(out, flow_table_col_label(rca, p)) |
              flowtool_table_number(out, flow_table_values(rca)[row * flow_table_cols(rca) + p]);
    flow_table_free(rca);
    flowtool_table_finish(out, rc, format);
    return rc == 0 ? 0 : 1;
}

/* The flows of all products of (layer, year), summed into t (n x n, labelled). */
static int total_flows(const flow_dataset *ds, const char *layer, int64_t year, flow_table **t)
{
    int64_t n = flow_dataset_economy_count(ds);
    double *flows = calloc((size_t)(n * n), sizeof *flows);
    if (flows == NULL)
        return 1;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        const double *v = NULL;
        int64_t y = 0, order = 0, stride = 0;
        if (flow_dataset_matrix_key(ds, k, &l, &y, &p) != FLOW_OK || strcmp(l, layer) != 0 ||
            y != year || flow_dataset_matrix_view(ds, l, y, p, &v, &order, &stride) != FLOW_OK)
            continue;
        for (int64_t i = 0; i < order; i++)
            for (int64_t j = 0; j < order; j++)
                flows[i * n + j] += v[i * stride + j];
    }
    int rc = flow_table_new(t, n, n, flows, n) == FLOW_OK ? 0 : flowtool_fail("flows");
    for (int64_t i = 0; rc == 0 && i < n; i++)
        flow_table_set_row_label(*t, i, flowtool_code(ds, i), NULL);
    free(flows);
    return rc;
}

/* Betweenness on the flows of all products of (layer, year). */
static int print_hubs(const flow_dataset *ds, const char *layer, int64_t year,
                      const struct flowtool_common *c)
{
    flow_table *t = NULL, *b = NULL;
    int rc = total_flows(ds, layer, year, &t);
    if (rc == 0 && flow_betweenness(&b, t, 1) != FLOW_OK)
        rc = flowtool_fail("betweenness");
    if (rc == 0)
        rc = print_ranked(b, "Transit hubs: weighted betweenness (normalised)", "economy", c->top,
                          c->format);
    flow_table_free(t);
    flow_table_free(b);
    return rc;
}

/* The product-space table make builds from x (proximity or density), printed whole. */
static int print_space(const flow_table *x, double threshold,
                       int (*make)(flow_table **, const flow_table *, double), const char *title,
                       const char *row_header, int format)
{
    flow_table *t = NULL;
    if (make(&t, x, threshold) != FLOW_OK)
        return flowtool_fail(title);
    int rc = flowtool_print_result(t, title, "", row_header, NULL, format);
    flow_table_free(t);
    return rc;
}

static int run(const flow_dataset *ds, const struct flowtool_common *c,
               const struct complexity_options *o)
{
    const char *layer = NULL;
    int64_t year = 0;
    flow_table *x = NULL, *economies = NULL, *products = NULL;
    int rc = 1;
    if (flowtool_pick_layer_year(ds, c, &layer, &year) != 0 ||
        export_table(ds, layer, year, &x) != 0)
        goto done;
    if (flow_complexity(&economies, &products, x, o->threshold) != FLOW_OK) {
        rc = flowtool_fail("economic complexity");
        goto done;
    }
    rc = print_ranked(economies, "Economic complexity of economies", "economy", c->top, c->format) |
         print_ranked(products, "Product complexity", "product", flow_table_rows(products),
                      c->format) |
         print_hubs(ds, layer, year, c);
    if (rc == 0 && c->economy != NULL)
        rc = print_rca(x, c->economy, c->format);
    if (rc == 0 && o->proximity)
        rc = print_space(x, o->threshold, flow_product_proximity, "Product proximity (phi)",
                         "product", c->format);
    if (rc == 0 && o->density)
        rc = print_space(x, o->threshold, flow_product_density,
                         "Density of economies in products (omega)", "economy", c->format);
done:
    flow_table_free(x);
    flow_table_free(economies);
    flow_table_free(products);
    return rc;
}

int flowtool_cmd_complexity(int argc, char **argv)
{
    struct flowtool_common c;
    struct complexity_options o = {.threshold = 1.0};
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&c),
        {"threshold", FLOWTOOL_DOUBLE, &o.threshold, "RCA", "RCA counted as an export (1)"},
        {"proximity", FLOWTOOL_FLAG, &o.proximity, NULL, "product proximity, products x products"},
        {"density", FLOWTOOL_FLAG, &o.density, NULL, "density, economies x products"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_dataset *ds = NULL;
    if (flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status) &&
        (status = flowtool_load(&ds, files, nfiles, &c, NULL)) == 0)
        status = run(ds, &c, &o);
    flow_dataset_free(ds);
    free(files);
    return status;
}
