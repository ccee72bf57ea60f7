/*
 * dyad_profile.c - one dyad across several matrices of a dataset (trade 2023,
 * energy 2022, finance 2022, ...): the matrices are named in an options
 * handle, each with its own size scale, so that the call keeps a short
 * argument list.
 */
#include "indices_internal.h"
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct selection {
    char *layer, *product; /* product NULL: every product summed */
    int64_t year;
    double size_scale;
} selection;

struct flow_dyad_layers {
    char *size_attribute;
    selection *items;
    int64_t count, cap;
};

void flow_dyad_layers_free(flow_dyad_layers *layers)
{
    if (layers == NULL)
        return;
    for (int64_t k = 0; k < layers->count; k++) {
        free(layers->items[k].layer);
        free(layers->items[k].product);
    }
    free(layers->items);
    free(layers->size_attribute);
    free(layers);
}

int flow_dyad_layers_new(flow_dyad_layers **out, const char *size_attribute)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyad_layers_new: out is NULL");
    *out = NULL;
    flow_dyad_layers *l = flow_i_calloc(1, sizeof *l);
    if (l == NULL)
        return FLOW_ERR_NOMEM;
    if (size_attribute != NULL && (l->size_attribute = flow_i_strdup(size_attribute)) == NULL) {
        free(l);
        return FLOW_ERR_NOMEM;
    }
    *out = l;
    return FLOW_OK;
}

int flow_dyad_layers_add(flow_dyad_layers *layers, const char *layer, int64_t year,
                         const char *product, double size_scale)
{
    if (layers == NULL || layer == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyad_layers_add: NULL layers or layer");
    if (!(size_scale > 0.0 && size_scale < INFINITY))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "size scale %g of layer '%s' is not positive and finite", size_scale,
                           layer);
    if (layers->count == layers->cap) {
        int64_t cap = layers->cap ? 2 * layers->cap : 4;
        selection *grown = flow_i_malloc(cap, sizeof *grown);
        if (grown == NULL)
            return FLOW_ERR_NOMEM;
        if (layers->count > 0)
            memcpy(grown, layers->items, (size_t)layers->count * sizeof *grown);
        free(layers->items);
        layers->items = grown;
        layers->cap = cap;
    }
    selection *s = &layers->items[layers->count];
    s->layer = flow_i_strdup(layer);
    s->product = product ? flow_i_strdup(product) : NULL;
    s->year = year;
    s->size_scale = size_scale;
    if (s->layer == NULL || (product != NULL && s->product == NULL)) {
        free(s->layer);
        free(s->product);
        return FLOW_ERR_NOMEM;
    }
    layers->count++;
    return FLOW_OK;
}

/* "layer year" or "layer year product": the row label of a selection. */
static int label_row(flow_table *t, int64_t row, const selection *s)
{
    char label[512];
    snprintf(label, sizeof label, s->product ? "%s %lld %s" : "%s %lld", s->layer,
             (long long)s->year, s->product ? s->product : "");
    return flow_table_set_row_label(t, row, label, NULL);
}

static int find_code(int64_t *index, const flow_dataset *ds, const char *code)
{
    if (code == NULL || flow_labels_find(flow_dataset_economies(ds), code, index) != FLOW_OK)
        return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "unknown economy '%s'", code ? code : "(null)");
    return FLOW_OK;
}

int flow_dyad_profile_from_dataset(flow_table **out, const flow_dataset *ds,
                                   const flow_dyad_layers *layers, const char *economy,
                                   const char *partner)
{
    int64_t i = 0, j = 0;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || ds == NULL || layers == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyad_profile_from_dataset: NULL argument");
    if ((rc = find_code(&i, ds, economy)) != FLOW_OK ||
        (rc = find_code(&j, ds, partner)) != FLOW_OK)
        return rc;
    rc = flow_i_table_new_columns(out, layers->count, FLOW_DYAD_MEASURE_COUNT,
                                  flow_i_dyad_measure_names);
    for (int64_t l = 0; rc == FLOW_OK && l < layers->count; l++) {
        const selection *s = &layers->items[l];
        flow_dyads *d = NULL;
        rc = flow_dyads_new_from_dataset(&d, ds, s->layer, s->year, s->product,
                                         layers->size_attribute, s->size_scale);
        if (rc == FLOW_OK) {
            flow_i_dyad_profile_row(*out, l, d, i, j);
            rc = label_row(*out, l, s);
        }
        flow_dyads_free(d);
    }
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
