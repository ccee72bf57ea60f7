/*
 * evasion_panel.c - the panel view of a dataset for one evasion question:
 * the economies of each role resolved to indices, and for every product of
 * the value layer in y0 or y1 the matrices of each year and layer (value,
 * mirror, quantity), found in one pass over the dataset's keys.
 */
#include "evasion_internal.h"

#include <stdlib.h>
#include <string.h>

void flow_i_panel_close(flow_i_panel *p)
{
    free(p->sources);
    free(p->targets);
    free(p->hubs);
    free(p->products);
    free(p->views);
    free(p->reports[0]);
    free(p->reports[1]);
    memset(p, 0, sizeof *p);
}

const char *flow_i_panel_code(const flow_i_panel *p, int64_t i)
{
    return flow_labels_code(flow_dataset_economies(p->ds), i);
}

/* Indices of the codes of one role, without repeats; role marks them in `taken`. */
static int resolve(const flow_i_panel *p, const flow_i_codes *codes, unsigned char *taken,
                   unsigned char bit, int64_t **out, int64_t *count)
{
    *out = flow_i_malloc(codes->count > 0 ? codes->count : 1, sizeof **out);
    *count = 0;
    if (*out == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < codes->count; i++) {
        int64_t e = -1;
        if (flow_labels_find(flow_dataset_economies(p->ds), codes->items[i], &e) != FLOW_OK)
            return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL,
                               "evasion: '%s' is not an economy of the panel", codes->items[i]);
        if (taken[e] & bit)
            continue;
        taken[e] |= bit;
        (*out)[(*count)++] = e;
    }
    return FLOW_OK;
}

/* Intermediaries by default: every economy in neither S nor T. */
static int default_hubs(flow_i_panel *p, const unsigned char *taken)
{
    free(p->hubs);
    p->hubs = flow_i_malloc(p->n, sizeof *p->hubs);
    p->nhubs = 0;
    if (p->hubs == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t e = 0; e < p->n; e++)
        if (!(taken[e] & 3))
            p->hubs[p->nhubs++] = e;
    return FLOW_OK;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Kind of matrix (layer, year) in this question, or -1. */
static int kind_of(const flow_evasion_options *o, const char *layer, int64_t year)
{
    if (strcmp(layer, o->value) == 0)
        return year == o->y0 ? PANEL_V0 : year == o->y1 ? PANEL_V1 : year == o->y2 ? PANEL_V2 : -1;
    if (o->mirror && strcmp(layer, o->mirror) == 0)
        return year == o->y0 ? PANEL_M0 : year == o->y1 ? PANEL_M1 : -1;
    if (o->quantity && strcmp(layer, o->quantity) == 0)
        return year == o->y0 ? PANEL_Q0 : year == o->y1 ? PANEL_Q1 : -1;
    return -1;
}

/* The sorted products of the value layer in y0 and y1. */
static int collect_products(flow_i_panel *p)
{
    int64_t keys = flow_dataset_matrix_count(p->ds), count = 0;
    p->products = flow_i_malloc(keys > 0 ? keys : 1, sizeof *p->products);
    if (p->products == NULL)
        return FLOW_ERR_NOMEM;
    int seen0 = 0, seen1 = 0;
    for (int64_t i = 0; i < keys; i++) {
        const char *layer, *product;
        int64_t year;
        flow_dataset_matrix_key(p->ds, i, &layer, &year, &product);
        int kind = kind_of(p->o, layer, year);
        seen0 |= kind == PANEL_V0;
        seen1 |= kind == PANEL_V1;
        if (kind == PANEL_V0 || kind == PANEL_V1)
            p->products[count++] = product;
    }
    if (!seen0 || !seen1)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "evasion: layer '%s' has no flows in %s %lld",
                           p->o->value, seen0 ? "year" : "the first year",
                           (long long)(seen0 ? p->o->y1 : p->o->y0));
    qsort(p->products, (size_t)count, sizeof *p->products, compare_strings);
    int64_t unique = 0;
    for (int64_t i = 0; i < count; i++)
        if (unique == 0 || strcmp(p->products[unique - 1], p->products[i]) != 0)
            p->products[unique++] = p->products[i];
    p->nproducts = unique;
    return FLOW_OK;
}

static int find_views(flow_i_panel *p)
{
    int64_t keys = flow_dataset_matrix_count(p->ds);
    p->views = flow_i_calloc(p->nproducts * PANEL_KINDS, sizeof *p->views);
    if (p->views == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < keys; i++) {
        const char *layer, *product;
        int64_t year, n = 0;
        flow_dataset_matrix_key(p->ds, i, &layer, &year, &product);
        int kind = kind_of(p->o, layer, year);
        if (kind < 0)
            continue;
        const char **hit = bsearch(&product, p->products, (size_t)p->nproducts, sizeof *p->products,
                                   compare_strings);
        if (hit == NULL)
            continue; /* a product absent from the value layer in both years */
        flow_i_view *v = &p->views[(hit - p->products) * PANEL_KINDS + kind];
        int rc = flow_dataset_matrix_view(p->ds, layer, year, product, &v->values, &n, &v->stride);
        if (rc != FLOW_OK)
            return rc;
        p->has_mirror |= kind == PANEL_M0 || kind == PANEL_M1;
        p->has_quantity |= kind == PANEL_Q0 || kind == PANEL_Q1;
        p->has_y2 |= kind == PANEL_V2;
    }
    return FLOW_OK;
}

/*
 * Who reports what in y0 and y1 (flow_i_panel.reports): reporters publish
 * their exports and imports with every partner, so an economy that reports
 * nothing in a layer is not a reporter there, and its missing report of a
 * flow says nothing about goods lost in transit.
 */
static int find_reporters(flow_i_panel *p)
{
    for (int y = 0; y < 2; y++) {
        unsigned char *r = flow_i_calloc(p->n > 0 ? p->n : 1, 1);
        if (r == NULL)
            return FLOW_ERR_NOMEM;
        p->reports[y] = r;
        for (int64_t k = 0; k < p->nproducts; k++) {
            const flow_i_view *x = &p->views[k * PANEL_KINDS + (y ? PANEL_V1 : PANEL_V0)];
            const flow_i_view *m = &p->views[k * PANEL_KINDS + (y ? PANEL_M1 : PANEL_M0)];
            for (int64_t i = 0; i < p->n; i++)
                for (int64_t j = 0; j < p->n; j++) {
                    if (x->values != NULL && x->values[i * x->stride + j] != 0.0)
                        r[i] |= 1;
                    if (m->values != NULL && m->values[i * m->stride + j] != 0.0)
                        r[j] |= 2;
                }
        }
    }
    return FLOW_OK;
}

int flow_i_panel_mirrored(const flow_i_panel *p, int y, int64_t origin, int64_t destination)
{
    return p->reports[y] != NULL && (p->reports[y][origin] & 1) && (p->reports[y][destination] & 2);
}

int flow_i_panel_open(flow_i_panel *p, const flow_dataset *ds, const flow_evasion_options *o)
{
    memset(p, 0, sizeof *p);
    if (ds == NULL || o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "evasion: the panel and options are required");
    if (o->y0 == o->y1)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "evasion: set two distinct years first");
    if (o->roles[FLOW_EVASION_SOURCE].count == 0 || o->roles[FLOW_EVASION_TARGET].count == 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "evasion: at least one source and one target");
    p->ds = ds;
    p->o = o;
    p->n = flow_dataset_economy_count(ds);
    unsigned char *taken = flow_i_calloc(p->n > 0 ? p->n : 1, 1);
    int rc = taken ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = resolve(p, &o->roles[FLOW_EVASION_SOURCE], taken, 1, &p->sources, &p->nsources);
    if (rc == FLOW_OK)
        rc = resolve(p, &o->roles[FLOW_EVASION_TARGET], taken, 2, &p->targets, &p->ntargets);
    if (rc == FLOW_OK)
        rc = resolve(p, &o->roles[FLOW_EVASION_INTERMEDIARY], taken, 4, &p->hubs, &p->nhubs);
    if (rc == FLOW_OK && o->roles[FLOW_EVASION_INTERMEDIARY].count == 0)
        rc = default_hubs(p, taken);
    if (rc == FLOW_OK)
        rc = collect_products(p);
    if (rc == FLOW_OK)
        rc = find_views(p);
    if (rc == FLOW_OK && p->has_mirror)
        rc = find_reporters(p);
    free(taken);
    if (rc != FLOW_OK)
        flow_i_panel_close(p);
    return rc;
}

double flow_i_panel_flow(const flow_i_panel *p, int64_t k, int kind, int64_t origin,
                         int64_t destination)
{
    const flow_i_view *v = &p->views[k * PANEL_KINDS + kind];
    return v->values ? v->values[origin * v->stride + destination] : 0.0;
}

double flow_i_panel_sum(const flow_i_panel *p, int64_t k, int kind, const int64_t *from,
                        int64_t nfrom, const int64_t *to, int64_t nto)
{
    const flow_i_view *v = &p->views[k * PANEL_KINDS + kind];
    double sum = 0.0;
    if (v->values == NULL)
        return 0.0;
    for (int64_t a = 0; a < nfrom; a++)
        for (int64_t b = 0; b < nto; b++)
            sum += v->values[from[a] * v->stride + to[b]];
    return sum;
}
