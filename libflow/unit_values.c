/*
 * unit_values.c - value over quantity of one economy's flows, by partner and
 * year (include/libflow/unit_values.h). Built on the dataset's public views
 * only: a unit value is a ratio of two layers, not a new kind of matrix.
 */
#include "internal.h"
#include "libflow/unit_values.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const columns[] = {"year", "value", "quantity", "unit_value"};
enum { NCOLS = 4 };

/* One matrix of the pair: its entries along the economy's row or column. */
struct line {
    const double *base;
    int64_t step;
};

static int same_product(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* The row (exports) or column (imports) of economy e in (layer, year, product). */
static int line_of(struct line *out, const flow_dataset *ds, const char *layer, int64_t year,
                   const char *product, int64_t e, int direction)
{
    const double *values = NULL;
    int64_t n = 0, stride = 0;
    int rc = flow_dataset_matrix_view(ds, layer, year, product, &values, &n, &stride);
    if (rc != FLOW_OK)
        return rc;
    out->base = direction == FLOW_EXPORTS ? values + e * stride : values + e;
    out->step = direction == FLOW_EXPORTS ? 1 : stride;
    return FLOW_OK;
}

static int has_matrix(const flow_dataset *ds, const char *layer, int64_t year, const char *product)
{
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (y == year && strcmp(l, layer) == 0 && same_product(p, product))
            return 1;
    }
    return 0;
}

static int compare_years(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/*
 * Writes the years (ascending) in which both layers hold the product into
 * years (room for matrix_count entries) and returns their number.
 */
static int64_t common_years(const flow_dataset *ds, const char *value_layer,
                            const char *quantity_layer, const char *product, int64_t *years)
{
    int64_t count = 0;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (strcmp(l, value_layer) == 0 && same_product(p, product) &&
            has_matrix(ds, quantity_layer, y, product))
            years[count++] = y;
    }
    qsort(years, (size_t)count, sizeof *years, compare_years);
    return count;
}

/* Partners of one year with a non-zero value or quantity, by decreasing value. */
static int64_t partners_of(const struct line *value, const struct line *quantity, int64_t n,
                           int64_t *order)
{
    int64_t count = 0;
    for (int64_t j = 0; j < n; j++) {
        if (value->base[j * value->step] == 0.0 && quantity->base[j * quantity->step] == 0.0)
            continue;
        /* insertion keeps equal values in axis order */
        int64_t at = count++;
        while (at > 0 && value->base[order[at - 1] * value->step] < value->base[j * value->step]) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = j;
    }
    return count;
}

/* Appends the rows of one year to t from row *next on. */
static int fill_year(flow_table *t, int64_t *next, const flow_dataset *ds, int64_t year,
                     const struct line *value, const struct line *quantity, const int64_t *order,
                     int64_t count)
{
    char group[24];
    snprintf(group, sizeof group, "%lld", (long long)year);
    for (int64_t r = 0; r < count; r++) {
        int64_t j = order[r];
        double v = value->base[j * value->step], q = quantity->base[j * quantity->step];
        double *row = flow_i_table_values(t) + *next * NCOLS;
        row[0] = (double)year;
        row[1] = v;
        row[2] = q;
        row[3] = q != 0.0 ? v / q : NAN;
        int rc = flow_table_set_row_label(t, (*next)++,
                                          flow_labels_code(flow_dataset_economies(ds), j), group);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

/* Counts (fill == 0) or writes (fill == 1) the rows of every year. */
static int walk_years(flow_table *t, int64_t *rows, const flow_dataset *ds, const char *value_layer,
                      const char *quantity_layer, const char *product, int64_t e, int direction,
                      const int64_t *years, int64_t nyears, int64_t *order)
{
    int64_t n = flow_dataset_economy_count(ds);
    *rows = 0;
    for (int64_t y = 0; y < nyears; y++) {
        struct line value, quantity;
        int rc = line_of(&value, ds, value_layer, years[y], product, e, direction);
        if (rc == FLOW_OK)
            rc = line_of(&quantity, ds, quantity_layer, years[y], product, e, direction);
        if (rc != FLOW_OK)
            return rc;
        int64_t count = partners_of(&value, &quantity, n, order);
        if (t != NULL &&
            (rc = fill_year(t, rows, ds, years[y], &value, &quantity, order, count)) != FLOW_OK)
            return rc;
        if (t == NULL)
            *rows += count;
    }
    return FLOW_OK;
}

int flow_unit_values(flow_table **out, const flow_dataset *ds, const char *value_layer,
                     const char *quantity_layer, const char *product, const char *economy,
                     int direction)
{
    int64_t *years = NULL, *order = NULL, e = 0, rows = 0;
    flow_table *t = NULL;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || ds == NULL || value_layer == NULL || quantity_layer == NULL ||
        economy == NULL || (direction != FLOW_EXPORTS && direction != FLOW_IMPORTS) ||
        strcmp(value_layer, quantity_layer) == 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_unit_values: bad argument");
    if (flow_labels_find(flow_dataset_economies(ds), economy, &e) != FLOW_OK)
        return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "unknown economy code '%s'", economy);
    int64_t nmat = flow_dataset_matrix_count(ds), n = flow_dataset_economy_count(ds);
    years = flow_i_malloc(nmat > 0 ? nmat : 1, sizeof *years);
    order = flow_i_malloc(n > 0 ? n : 1, sizeof *order);
    int rc = years == NULL || order == NULL ? FLOW_ERR_NOMEM : FLOW_OK;
    int64_t nyears =
        rc == FLOW_OK ? common_years(ds, value_layer, quantity_layer, product, years) : 0;
    if (rc == FLOW_OK && nyears == 0)
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND,
                         "no year holds both layer '%s' and layer '%s' for product '%s'",
                         value_layer, quantity_layer, product != NULL ? product : "");
    if (rc == FLOW_OK)
        rc = walk_years(NULL, &rows, ds, value_layer, quantity_layer, product, e, direction, years,
                        nyears, order);
    if (rc == FLOW_OK)
        rc = flow_i_table_new_columns(&t, rows, NCOLS, columns);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "years", (double)nyears);
    if (rc == FLOW_OK)
        rc = walk_years(t, &rows, ds, value_layer, quantity_layer, product, e, direction, years,
                        nyears, order);
    free(years);
    free(order);
    if (rc != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    *out = t;
    return FLOW_OK;
}
