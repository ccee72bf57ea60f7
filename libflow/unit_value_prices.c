/*
 * unit_value_prices.c - prices per product for the shock option "prices"
 * from a value and a quantity layer of the same flows (include/libflow/
 * unit_values.h): every flow of a product in a year, value over quantity,
 * converted to USD_m per physical unit of the matrices a shock will value.
 */
#include "internal.h"
#include "io_internal.h"
#include "libflow/unit_values.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const columns[] = {"price", "value", "quantity", "unmatched_value", "cells"};
enum { NCOLS = 5 };

/* A physical unit: its dimension (0 mass, 1 volume) and its size in t or m3. */
static int physical_unit(const char *unit, int *dimension, double *size)
{
    static const struct {
        const char *unit;
        int dimension;
        double size;
    } units[] = {{"kg", 0, 1e-3}, {"t", 0, 1.0},  {"kt", 0, 1e3},
                 {"Mt", 0, 1e6},  {"m3", 1, 1.0}, {"bcm", 1, 1e9}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(unit, units[i].unit) == 0) {
            *dimension = units[i].dimension;
            *size = units[i].size;
            return 1;
        }
    return 0;
}

/* Quantities in quantity_unit times this factor are in price_unit. */
static int quantity_factor(const char *quantity_unit, const char *price_unit, double *factor)
{
    int from_dim = 0, to_dim = 0;
    double from = 0.0, to = 0.0;
    if (price_unit == NULL || price_unit[0] == '\0' || strcmp(price_unit, quantity_unit) == 0) {
        *factor = 1.0;
        return FLOW_OK;
    }
    if (!physical_unit(quantity_unit, &from_dim, &from) ||
        !physical_unit(price_unit, &to_dim, &to) || from_dim != to_dim)
        return flow_i_fail(FLOW_ERR_VALUE,
                           "unit value prices: quantities in '%s' cannot be stated per '%s' "
                           "(units converted: kg, t, kt, Mt; m3, bcm)",
                           quantity_unit, price_unit);
    *factor = from / to;
    return FLOW_OK;
}

/* Values in value_unit times this factor are in USD_m. */
static int value_factor(const char *layer, const char *value_unit, double *factor)
{
    double per_bn = flow_i_country_gdp_scale(value_unit);
    if (!(per_bn > 0.0))
        return flow_i_fail(FLOW_ERR_VALUE,
                           "unit value prices: value layer '%s' is in '%s', not a money unit "
                           "(USD, USD_k, USD_thousand, USD_m, USD_bn)",
                           layer, value_unit);
    *factor = 1e3 / per_bn;
    return FLOW_OK;
}

/* Index of the matrix (layer, year, product) among the dataset's, or -1. */
static int64_t matrix_index(const flow_dataset *ds, const char *layer, int64_t year,
                            const char *product)
{
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (y == year && strcmp(l, layer) == 0 && p != NULL && product != NULL &&
            strcmp(p, product) == 0)
            return k;
    }
    return -1;
}

/* The products (non-empty) of value_layer in year that quantity_layer also holds. */
static int64_t priced_products(const flow_dataset *ds, const char *value_layer,
                               const char *quantity_layer, int64_t year, const char **products)
{
    int64_t count = 0;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (y == year && strcmp(l, value_layer) == 0 && p != NULL && p[0] != '\0' &&
            matrix_index(ds, quantity_layer, year, p) >= 0)
            products[count++] = p;
    }
    return count;
}

/*
 * One product's row: sums over the cells with a quantity > 0 (matched) and
 * the value of the others, converted by the two factors.
 */
static int product_row(double *row, const flow_dataset *ds, const char *value_layer,
                       const char *quantity_layer, int64_t year, const char *product,
                       const char *price_unit)
{
    const double *v = NULL, *q = NULL;
    int64_t n = 0, vs = 0, qs = 0;
    double vf = 0.0, qf = 0.0;
    const char *vu = flow_dataset_matrix_unit(ds, value_layer, year, product);
    const char *qu = flow_dataset_matrix_unit(ds, quantity_layer, year, product);
    int rc = flow_dataset_matrix_view(ds, value_layer, year, product, &v, &n, &vs);
    if (rc == FLOW_OK)
        rc = flow_dataset_matrix_view(ds, quantity_layer, year, product, &q, &n, &qs);
    if (rc == FLOW_OK)
        rc = value_factor(value_layer, vu != NULL ? vu : "", &vf);
    if (rc == FLOW_OK)
        rc = quantity_factor(qu != NULL ? qu : "", price_unit, &qf);
    if (rc != FLOW_OK)
        return rc;
    double value = 0.0, quantity = 0.0, unmatched = 0.0, cells = 0.0;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            double vij = v[i * vs + j], qij = q[i * qs + j];
            if (qij > 0.0) {
                value += vij;
                quantity += qij;
                cells += 1.0;
            } else {
                unmatched += vij;
            }
        }
    row[1] = value * vf;
    row[2] = quantity * qf;
    row[0] = row[2] > 0.0 && row[1] > 0.0 ? row[1] / row[2] : NAN;
    row[3] = unmatched * vf;
    row[4] = cells;
    return FLOW_OK;
}

static int fill(flow_table *t, const flow_dataset *ds, const char *value_layer,
                const char *quantity_layer, int64_t year, const char *const *products,
                int64_t count, const char *price_unit)
{
    int rc = flow_table_set_scalar(t, "year", (double)year);
    for (int64_t r = 0; r < count && rc == FLOW_OK; r++) {
        rc = product_row(flow_i_table_values(t) + r * NCOLS, ds, value_layer, quantity_layer, year,
                         products[r], price_unit);
        if (rc == FLOW_OK)
            rc = flow_table_set_row_label(t, r, products[r], NULL);
    }
    return rc;
}

int flow_unit_value_prices(flow_table **out, const flow_dataset *ds, const char *value_layer,
                           const char *quantity_layer, int64_t year, const char *price_unit)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || ds == NULL || value_layer == NULL || quantity_layer == NULL ||
        strcmp(value_layer, quantity_layer) == 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_unit_value_prices: bad argument");
    int64_t nmat = flow_dataset_matrix_count(ds);
    const char **products = flow_i_malloc(nmat > 0 ? nmat : 1, sizeof *products);
    if (products == NULL)
        return FLOW_ERR_NOMEM;
    flow_table *t = NULL;
    int64_t count = priced_products(ds, value_layer, quantity_layer, year, products);
    int rc = count > 0 ? flow_i_table_new_columns(&t, count, NCOLS, columns)
                       : flow_i_fail(FLOW_ERR_NOT_FOUND,
                                     "unit value prices: no product of year %lld is in both "
                                     "layer '%s' and layer '%s'",
                                     (long long)year, value_layer, quantity_layer);
    if (rc == FLOW_OK)
        rc = fill(t, ds, value_layer, quantity_layer, year, products, count, price_unit);
    free(products);
    if (rc != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    *out = t;
    return FLOW_OK;
}
