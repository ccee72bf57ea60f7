/*
 * indices_dataset.c - the indices and centralities on the matrices of a
 * flow_dataset: one (layer, year, product) or all products summed, one dyad
 * across layers, and the strategic-dependency flags over every year and
 * product of a layer.
 */
#include "dataset_internal.h"
#include "indices_internal.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Adds the dataset matrix with key (layer, year, product) to the contiguous n x n sum. */
static int add_matrix(double *sum, int64_t n, const flow_dataset *ds, const char *layer,
                      int64_t year, const char *product)
{
    const double *v = NULL;
    int64_t order = 0, stride = 0;
    int rc = flow_dataset_matrix_view(ds, layer, year, product, &v, &order, &stride);
    if (rc != FLOW_OK)
        return rc;
    if (order != n)
        return flow_i_fail(FLOW_ERR_DIMENSION, "matrix (%s, %lld, '%s') has order %lld, not %lld",
                           layer, (long long)year, product, (long long)order, (long long)n);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            sum[i * n + j] += v[i * stride + j];
    return FLOW_OK;
}

/*
 * Contiguous copy (caller frees) of the matrix (layer, year, product), or
 * with product NULL the sum of every product group of (layer, year).
 */
static int dataset_matrix(double **out, int64_t *order, const flow_dataset *ds, const char *layer,
                          int64_t year, const char *product)
{
    int rc;
    int64_t n = flow_dataset_economy_count(ds), nn = 0, found = 0;
    const char *unit = NULL;
    *out = NULL;
    if (ds == NULL || layer == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "dataset or layer is NULL");
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    double *sum = flow_i_calloc(nn, sizeof *sum);
    if (sum == NULL)
        return flow_last_error_code();
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        if ((rc = flow_dataset_matrix_key(ds, k, &l, &y, &p)) != FLOW_OK)
            goto fail;
        if (strcmp(l, layer) != 0 || y != year || (product != NULL && strcmp(p, product) != 0))
            continue;
        /* tonnes and cubic metres are never summed */
        const char *u = flow_dataset_matrix_unit(ds, l, y, p);
        if (unit != NULL && u != NULL && strcmp(u, unit) != 0) {
            rc = flow_i_fail(FLOW_ERR_UNSUPPORTED,
                             "layer '%s', year %lld: products '%s' (%s) and others (%s) have "
                             "different units; select one product",
                             layer, (long long)year, p, u, unit);
            goto fail;
        }
        unit = unit != NULL ? unit : u;
        if ((rc = add_matrix(sum, n, ds, l, y, p)) != FLOW_OK)
            goto fail;
        found++;
    }
    if (found == 0) {
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND,
                         "the dataset holds no matrix for layer '%s', year "
                         "%lld, product %s%s%s",
                         layer, (long long)year, product ? "'" : "", product ? product : "(any)",
                         product ? "'" : "");
        goto fail;
    }
    *out = sum;
    *order = n;
    return FLOW_OK;
fail:
    free(sum);
    return rc;
}

/* The attribute as sizes in the flows' unit (caller frees), or NULL without attribute. */
static int dataset_sizes(double **out, const flow_dataset *ds, const char *attribute, double scale)
{
    int rc;
    int64_t n = flow_dataset_economy_count(ds);
    *out = NULL;
    if (attribute == NULL)
        return FLOW_OK;
    if (!(scale > 0.0) || isinf(scale))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "size scale %g is not positive and finite", scale);
    double *sizes = flow_i_malloc(n, sizeof *sizes);
    if (sizes == NULL)
        return flow_last_error_code();
    if ((rc = flow_i_dataset_attribute(ds, attribute, sizes, n)) != FLOW_OK)
        goto fail;
    for (int64_t i = 0; i < n; i++) {
        if (sizes[i] <= 0.0 || isinf(sizes[i])) {
            rc = flow_i_fail(FLOW_ERR_VALUE,
                             "attribute '%s' of %s is %g: sizes must be positive (empty when "
                             "unknown)",
                             attribute, flow_labels_code(flow_dataset_economies(ds), i), sizes[i]);
            goto fail;
        }
        sizes[i] *= scale;
    }
    *out = sizes;
    return FLOW_OK;
fail:
    free(sizes);
    return rc;
}

int flow_dyads_new_from_dataset(flow_dyads **out, const flow_dataset *ds, const char *layer,
                                int64_t year, const char *product, const char *size_attribute,
                                double size_scale)
{
    int rc;
    double *m = NULL, *sizes = NULL;
    int64_t n = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyads_new_from_dataset: out is NULL");
    *out = NULL;
    if ((rc = dataset_matrix(&m, &n, ds, layer, year, product)) == FLOW_OK &&
        (rc = dataset_sizes(&sizes, ds, size_attribute, size_scale)) == FLOW_OK)
        rc = flow_dyads_new(out, m, n, n, sizes);
    if (rc == FLOW_OK && (rc = flow_i_dyads_label(*out, flow_dataset_economies(ds))) != FLOW_OK) {
        flow_dyads_free(*out);
        *out = NULL;
    }
    free(m);
    free(sizes);
    return rc;
}

/*
 * The world-export HHI of the n x n matrix m, set as scalar "export_hhi" of t:
 * how concentrated the supply is that every importer of m draws on.
 */
static int set_export_hhi(flow_table *t, const double *m, int64_t n)
{
    flow_table *world = NULL;
    int rc = flow_export_hhi(&world, m, 1, n, n);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "export_hhi", flow_table_values(world)[0]);
    flow_table_free(world);
    return rc;
}

int flow_supplier_hhi_from_dataset(flow_table **out, const flow_dataset *ds, const char *layer,
                                   int64_t year, const char *product)
{
    double *m = NULL;
    int64_t n = 0;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_supplier_hhi_from_dataset: out is NULL");
    *out = NULL;
    if ((rc = dataset_matrix(&m, &n, ds, layer, year, product)) != FLOW_OK)
        return rc;
    if ((rc = flow_supplier_hhi(out, m, 1, n, n)) == FLOW_OK)
        rc = set_export_hhi(*out, m, n);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        rc = flow_table_set_row_label(*out, i, flow_labels_code(flow_dataset_economies(ds), i),
                                      NULL);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    free(m);
    return rc;
}

static int find_economy(int64_t *index, const flow_dataset *ds, const char *code)
{
    if (code == NULL || flow_labels_find(flow_dataset_economies(ds), code, index) != FLOW_OK)
        return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "unknown economy '%s'", code ? code : "(null)");
    return FLOW_OK;
}

static int compare_years(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Position of value in the first count entries of list, -1 when absent. */
static int64_t year_index(const int64_t *list, int64_t count, int64_t value)
{
    for (int64_t k = 0; k < count; k++)
        if (list[k] == value)
            return k;
    return -1;
}

static int64_t product_index(const char *const *list, int64_t count, const char *value)
{
    for (int64_t k = 0; k < count; k++)
        if (strcmp(list[k], value) == 0)
            return k;
    return -1;
}

/* Year and product of matrix k: 1 when it belongs to layer, 0 when not, or a status < 0. */
static int key_in_layer(const flow_dataset *ds, int64_t k, const char *layer, int64_t *year,
                        const char **product)
{
    const char *l = NULL;
    int rc = flow_dataset_matrix_key(ds, k, &l, year, product);
    return rc != FLOW_OK ? rc : strcmp(l, layer) == 0;
}

/* The layer's distinct years (sorted) and products (first-seen order), borrowed codes. */
static int layer_keys(const flow_dataset *ds, const char *layer, int64_t *years, int64_t *n_years,
                      const char **products, int64_t *n_products)
{
    *n_years = *n_products = 0;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *p = NULL;
        int64_t y = 0;
        int rc = key_in_layer(ds, k, layer, &y, &p);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        if (year_index(years, *n_years, y) < 0)
            years[(*n_years)++] = y;
        if (product_index(products, *n_products, p) < 0)
            products[(*n_products)++] = p;
    }
    if (*n_years == 0)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "the dataset holds no matrix for layer '%s'", layer);
    qsort(years, (size_t)*n_years, sizeof *years, compare_years);
    return FLOW_OK;
}

/* Sums every matrix of the layer into its (year, product) slot of the stack. */
static int fill_stack(double *stack, const flow_dataset *ds, const char *layer,
                      const int64_t *years, int64_t n_years, const char *const *products,
                      int64_t n_products, int64_t n)
{
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *p = NULL;
        int64_t y = 0;
        int rc = key_in_layer(ds, k, layer, &y, &p);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        int64_t slot =
            year_index(years, n_years, y) * n_products + product_index(products, n_products, p);
        if ((rc = add_matrix(stack + slot * n * n, n, ds, layer, y, p)) != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_depflags_new_from_dataset(flow_table **out, const flow_depflag_options *options,
                                   const flow_dataset *ds, const char *layer)
{
    int rc;
    int64_t count = flow_dataset_matrix_count(ds), n = flow_dataset_economy_count(ds);
    int64_t n_years = 0, n_products = 0, nn = 0, cells = 0, total = 0;
    int64_t *years = NULL;
    const char **products = NULL;
    double *stack = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_depflags_new_from_dataset: out is NULL");
    *out = NULL;
    if (ds == NULL || layer == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "dataset or layer is NULL");
    if ((years = flow_i_malloc(count, sizeof *years)) == NULL ||
        (products = flow_i_malloc(count, sizeof *products)) == NULL) {
        rc = flow_last_error_code();
        goto cleanup;
    }
    if ((rc = layer_keys(ds, layer, years, &n_years, products, &n_products)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(n_years, n_products, &cells)) != FLOW_OK ||
        (rc = flow_i_mul_size(cells, nn, &total)) != FLOW_OK)
        goto cleanup;
    if ((stack = flow_i_calloc(total, sizeof *stack)) == NULL) {
        rc = flow_last_error_code();
        goto cleanup;
    }
    const flow_i_depflag_labels labels = {years, products, flow_dataset_economies(ds)};
    if ((rc = fill_stack(stack, ds, layer, years, n_years, products, n_products, n)) == FLOW_OK)
        rc = flow_i_depflags_table(out, options, stack, n_years, n_products, n, n, &labels);
cleanup:
    free(years);
    free(products);
    free(stack);
    return rc;
}

int flow_centrality_new_from_dataset(flow_table **out, const flow_centrality_options *options,
                                     const flow_dataset *ds, const char *layer, int64_t year,
                                     const char *product, int network)
{
    int rc;
    double *m = NULL;
    int64_t n = 0;
    flow_dyads *d = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_centrality_new_from_dataset: out is NULL");
    *out = NULL;
    if (network != FLOW_NETWORK_FLOWS && network != FLOW_NETWORK_DEPENDENCE)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown network kind %d", network);
    if ((rc = dataset_matrix(&m, &n, ds, layer, year, product)) != FLOW_OK)
        return rc;
    if (network == FLOW_NETWORK_DEPENDENCE) {
        /* import shares, with "no imports" (NaN) as no out-edges */
        if ((rc = flow_dyads_new(&d, m, n, n, NULL)) != FLOW_OK)
            goto cleanup;
        const double *share = flow_i_dyads_matrix(d, FLOW_DYAD_IMPORT_SHARE);
        for (int64_t k = 0; k < n * n; k++)
            m[k] = isnan(share[k]) ? 0.0 : share[k];
    }
    rc = flow_centrality_new(out, options, m, n, n);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        rc = flow_table_set_row_label(*out, i, flow_labels_code(flow_dataset_economies(ds), i),
                                      NULL);
    if (rc != FLOW_OK && *out != NULL) {
        flow_table_free(*out);
        *out = NULL;
    }
cleanup:
    flow_dyads_free(d);
    free(m);
    return rc;
}

/*
 * FLOW_TRANSIT_HANDLED over all products: the sum of each product's handled
 * flow (h passes on only the goods it imports), replacing the "handled"
 * column of the summed matrix's table t.
 */
static int handled_by_product(flow_table *t, int64_t n, const flow_dataset *ds, const char *layer,
                              int64_t year, int64_t s, int64_t d)
{
    double *dst = flow_i_table_values(t);
    int rc = FLOW_OK;
    for (int64_t i = 0; i < n; i++)
        dst[i * FLOW_TRANSIT_RULE_COUNT + FLOW_TRANSIT_HANDLED] = 0.0;
    for (int64_t k = 0; rc == FLOW_OK && k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0, order = 0;
        double *m = NULL;
        flow_table *one = NULL;
        if ((rc = flow_dataset_matrix_key(ds, k, &l, &y, &p)) != FLOW_OK || strcmp(l, layer) != 0 ||
            y != year)
            continue;
        if ((rc = dataset_matrix(&m, &order, ds, layer, year, p)) == FLOW_OK &&
            (rc = flow_transit(&one, m, n, n, s, d)) == FLOW_OK)
            for (int64_t i = 0; i < n; i++)
                dst[i * FLOW_TRANSIT_RULE_COUNT + FLOW_TRANSIT_HANDLED] +=
                    flow_table_values(one)[i * FLOW_TRANSIT_RULE_COUNT + FLOW_TRANSIT_HANDLED];
        flow_table_free(one);
        free(m);
    }
    return rc;
}

int flow_transit_from_dataset(flow_table **out, const flow_dataset *ds, const char *layer,
                              int64_t year, const char *product, const char *origin,
                              const char *destination)
{
    double *m = NULL;
    int64_t n = 0, s = 0, t = 0;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if ((rc = dataset_matrix(&m, &n, ds, layer, year, product)) == FLOW_OK &&
        (rc = find_economy(&s, ds, origin)) == FLOW_OK &&
        (rc = find_economy(&t, ds, destination)) == FLOW_OK)
        rc = flow_transit(out, m, n, n, s, t);
    free(m);
    if (rc == FLOW_OK && product == NULL)
        rc = handled_by_product(*out, n, ds, layer, year, s, t);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        rc = flow_table_set_row_label(*out, i, flow_labels_code(flow_dataset_economies(ds), i),
                                      NULL);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
