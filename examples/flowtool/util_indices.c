/*
 * util_indices.c - matrix selection and economy codes for the index subcommands.
 */
#include "util_indices.h"

#include <stdlib.h>
#include <string.h>

/* 1 when the dataset holds a matrix of (layer, year, product; NULL: any). */
static int has_matrix(const flow_dataset *ds, const char *layer, int64_t year, const char *product)
{
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (strcmp(l, layer) == 0 && y == year && (product == NULL || strcmp(p, product) == 0))
            return 1;
    }
    return 0;
}

/* Latest year of the layer; *found is 0 when the dataset holds no matrix of it. */
static int64_t latest_year(const flow_dataset *ds, const char *layer, int *found)
{
    int64_t latest = 0;
    *found = 0;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, NULL);
        if (strcmp(l, layer) == 0 && (!*found || y > latest)) {
            latest = y;
            *found = 1;
        }
    }
    return latest;
}

int flowtool_pick_layer_year(const flow_dataset *ds, const struct flowtool_common *c,
                             const char **layer, int64_t *year)
{
    int found = 0;
    *layer = c->layer != NULL ? c->layer : "trade";
    *year = latest_year(ds, *layer, &found);
    if (!found)
        flowtool_usage_error("--layer: the data hold no layer", *layer);
    if (c->year != FLOWTOOL_NO_YEAR) {
        *year = c->year;
        if (!has_matrix(ds, *layer, *year, NULL)) {
            char year_text[32];
            snprintf(year_text, sizeof year_text, "%lld", (long long)*year);
            flowtool_usage_error("--year: the layer holds no year", year_text);
        }
    }
    return 0;
}

const char *flowtool_unit_of(const flow_dataset *ds, const char *layer, int64_t year,
                             const char *product)
{
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (strcmp(l, layer) == 0 && y == year && (product == NULL || strcmp(p, product) == 0))
            return flow_dataset_matrix_unit(ds, l, y, p);
    }
    return "";
}

int flowtool_mixed_units(const flow_dataset *ds, const char *layer, int64_t year)
{
    const char *unit = flowtool_unit_of(ds, layer, year, NULL);
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (strcmp(l, layer) == 0 && y == year &&
            strcmp(flow_dataset_matrix_unit(ds, l, y, p), unit) != 0)
            return 1;
    }
    return 0;
}

int flowtool_pick_product(const flow_dataset *ds, const struct flowtool_common *c,
                          const char *layer, int64_t year, const char **product)
{
    *product = c->product;
    if (*product != NULL && !has_matrix(ds, layer, year, *product))
        flowtool_usage_error("--product: the layer and year hold no product group", *product);
    if (*product == NULL && flowtool_mixed_units(ds, layer, year)) {
        fprintf(stderr,
                "flowtool: the products of %s %lld have different units: choose one with "
                "--product\n",
                layer, (long long)year);
        return 1;
    }
    return 0;
}

double flowtool_usd_per_unit(const char *unit)
{
    static const struct {
        const char *unit;
        double usd;
    } money[] = {{"USD", 1.0}, {"USD_k", 1e3}, {"USD_m", 1e6}, {"USD_bn", 1e9}};
    for (size_t k = 0; k < sizeof money / sizeof money[0]; k++)
        if (unit != NULL && strcmp(unit, money[k].unit) == 0)
            return money[k].usd;
    return 0.0;
}

int flowtool_economy(const flow_dataset *ds, const char *code, const char *option, int64_t *index)
{
    if (code == NULL) {
        fprintf(stderr, "flowtool: %s CODE is required (see --help)\n", option);
        return 1;
    }
    if (flow_labels_find(flow_dataset_economies(ds), code, index) != FLOW_OK) {
        char message[96];
        snprintf(message, sizeof message, "%s: no flows in the data for economy", option);
        flowtool_usage_error(message, code);
    }
    return 0;
}

const char *flowtool_code(const flow_dataset *ds, int64_t i)
{
    return flow_labels_code(flow_dataset_economies(ds), i);
}

void flowtool_dyads_free(flowtool_dyads *d)
{
    for (int m = 0; d != NULL && m < FLOW_DYAD_MEASURE_COUNT; m++)
        flow_table_free(d->measure[m]);
    free(d);
}

int flowtool_dyads_new(flowtool_dyads **out, const flow_dataset *ds, const char *layer,
                       int64_t year, const char *product)
{
    flow_dyads *dyads = NULL;
    flowtool_dyads *d = calloc(1, sizeof *d);
    int rc = d == NULL ||
             flow_dyads_new_from_dataset(&dyads, ds, layer, year, product, NULL, 1.0) != FLOW_OK;
    for (int m = 0; rc == 0 && m < FLOW_DYAD_MEASURE_COUNT; m++)
        rc = flow_dyads_table(&d->measure[m], dyads, m) != FLOW_OK;
    flow_dyads_free(dyads);
    *out = NULL;
    if (rc != 0) {
        flowtool_dyads_free(d);
        return 1;
    }
    d->n = flow_table_rows(d->measure[0]);
    *out = d;
    return 0;
}

const double *flowtool_dyad_matrix(const flowtool_dyads *d, int measure)
{
    return flow_table_values(d->measure[measure]);
}
