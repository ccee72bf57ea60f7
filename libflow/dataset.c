/*
 * dataset.c - flow matrices by (layer, year, product group) over one economy
 * axis, per-economy attributes, and the queries on them.
 *
 * Every matrix is stored with row stride `cap` (>= number of economies), so
 * adding an economy only reallocates when cap is exceeded (growing by half). Beside
 * each matrix lives the product tag of the last row that wrote each cell, to
 * count duplicates, as one-byte ids of the matrix's dictionary
 * (product_tags.h); private accumulators also keep the first tag.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "dataset_internal.h"
#include "labels_internal.h"
#include "product_tags.h"
#include "reader_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct matrix {
    char *layer;
    int64_t year;
    char *group;
    char *unit; /* "" until a row with a unit arrives */
    double *values;
    struct flow_i_tag_dict *dict; /* ids of the product tags of last and first, in values' block */
    struct flow_i_tags *last;
    struct flow_i_tags *first; /* only in accumulators */
    /* rows added, of which duplicates and missing values read as 0: a merge
       that finds the unit differing takes these rows back out of the count */
    int64_t rows, duplicates, missing;
};

struct prefix_group {
    char *prefix;
    char *group;
};

struct attribute {
    char *name;
    double *values; /* cap entries */
};

struct text_attribute {
    char *name;
    char **values; /* cap entries, NULL where an economy has no value */
};

/* A layer's declared kind (FLOW_LAYER_FLOW or FLOW_LAYER_STOCK). */
struct layer_kind {
    char *layer;
    int kind;
};

struct flow_dataset {
    flow_labels *economies;
    flow_labels *reference; /* present-economies axis: the codes that may join it, else NULL */
    int64_t n;
    int64_t cap;
    struct matrix *matrices;
    int64_t nmatrices;
    int track_first;
    int64_t product_digits;
    struct prefix_group *groups;
    int64_t ngroups;
    struct attribute *attributes;
    int64_t nattributes;
    struct text_attribute *texts;
    int64_t ntexts;
    struct layer_kind *kinds; /* declared kinds of layers (flow_dataset_set_layer_kind) */
    int64_t nkinds;
};

/*
 * Matrix blocks. A block of MAPPED_BLOCK_BYTES or more is mapped on its own
 * (zero-filled, like calloc) and unmapped when freed, so the memory of a
 * dataset's matrices goes back to the system with them. Taken from the
 * allocator, blocks freed by one thread stayed in that thread's heap while
 * the next read's blocks came from another's: the peak of a by-chapter read
 * varied between 64 and 97 MB from one read to the next in one process, for
 * 64 MB of matrices. The size is kept in a header before the block, which
 * keeps the doubles 16-byte aligned.
 */
#define MAPPED_BLOCK_BYTES ((int64_t)128 << 10)
#define BLOCK_HEADER       ((int64_t)16)

static void *block_new(int64_t bytes)
{
    char *base;
    if (bytes > INT64_MAX - BLOCK_HEADER) {
        flow_i_fail(FLOW_ERR_OVERFLOW, "matrix block of %lld bytes too large", (long long)bytes);
        return NULL;
    }
    int64_t total = bytes + BLOCK_HEADER;
    if (total < MAPPED_BLOCK_BYTES) {
        base = flow_i_calloc(total, 1);
    } else {
        base =
            mmap(NULL, (size_t)total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base == MAP_FAILED) {
            flow_i_fail(FLOW_ERR_NOMEM, "out of memory mapping %lld bytes", (long long)total);
            base = NULL;
        }
    }
    if (base == NULL)
        return NULL;
    memcpy(base, &total, sizeof total);
    return base + BLOCK_HEADER;
}

static void block_free(void *block)
{
    if (block == NULL)
        return;
    char *base = (char *)block - BLOCK_HEADER;
    int64_t total = 0;
    memcpy(&total, base, sizeof total);
    if (total < MAPPED_BLOCK_BYTES)
        free(base);
    else
        munmap(base, (size_t)total);
}

static void free_matrix(struct matrix *m)
{
    free(m->layer);
    free(m->group);
    free(m->unit);
    block_free(m->values);
    flow_i_tags_free(m->last);
    flow_i_tags_free(m->first);
}

static void free_text_attribute(struct text_attribute *t, int64_t cap)
{
    for (int64_t i = 0; t->values != NULL && i < cap; i++)
        free(t->values[i]);
    free(t->values);
    free(t->name);
}

void flow_dataset_free(flow_dataset *ds)
{
    if (ds == NULL)
        return;
    flow_labels_free(ds->economies);
    flow_labels_free(ds->reference);
    for (int64_t i = 0; i < ds->nmatrices; i++)
        free_matrix(&ds->matrices[i]);
    for (int64_t i = 0; i < ds->ngroups; i++) {
        free(ds->groups[i].prefix);
        free(ds->groups[i].group);
    }
    for (int64_t i = 0; i < ds->nattributes; i++) {
        free(ds->attributes[i].name);
        free(ds->attributes[i].values);
    }
    for (int64_t i = 0; i < ds->ntexts; i++)
        free_text_attribute(&ds->texts[i], ds->cap);
    for (int64_t i = 0; i < ds->nkinds; i++)
        free(ds->kinds[i].layer);
    free(ds->kinds);
    free(ds->matrices);
    free(ds->groups);
    free(ds->attributes);
    free(ds->texts);
    free(ds);
}

/*
 * Capacity for n economies: at least 16, growing by half. Every matrix has
 * cap^2 cells, so a smaller step than doubling keeps an axis filled economy
 * by economy (flow_dataset_new_present) close to its final size (34
 * economies: 36, not 64), at the price of a few more re-layouts early on.
 */
static int64_t capacity_for(int64_t n, int64_t cap)
{
    int64_t c = cap;
    while (c < n)
        c = c < 16 ? 16 : c + c / 2;
    return c;
}

/*
 * Re-lays a cap x cap array (elem bytes per cell) with a new stride, in a
 * zeroed block with extra bytes per cell and tail bytes after the array.
 */
static void *restride(void *old, int64_t n, int64_t old_cap, int64_t new_cap, size_t elem,
                      size_t extra, size_t tail)
{
    int64_t cells = 0, bytes = 0;
    if (flow_i_mul_size(new_cap, new_cap, &cells) != FLOW_OK ||
        flow_i_mul_size(cells, (int64_t)(elem + extra), &bytes) != FLOW_OK)
        return NULL;
    if (bytes > INT64_MAX - (int64_t)tail) {
        flow_i_fail(FLOW_ERR_OVERFLOW, "matrix of %lld cells too large", (long long)cells);
        return NULL;
    }
    char *p = block_new(bytes + (int64_t)tail);
    if (p == NULL || old == NULL)
        return p;
    flow_i_relay(p, old, n, old_cap, new_cap, elem);
    return p;
}

/*
 * A matrix is one block: its values, the dictionary of its tag ids and the
 * ids of the tags that last wrote the values (product_tags.h), so that it
 * is one large allocation as it was before the ids. (Separate, the smaller
 * pieces made the peak of a second read into a new dataset vary between 63
 * and 99 MB by HS chapter, with the allocator's choices.)
 */
static int grow_matrix(struct matrix *m, int64_t n, int64_t old_cap, int64_t cap, int first)
{
    double *values =
        restride(m->values, n, old_cap, cap, sizeof *values, 1, sizeof(struct flow_i_tag_dict));
    struct flow_i_tag_dict *dict = values != NULL ? (void *)(values + cap * cap) : NULL;
    struct flow_i_tags *last = NULL, *fst = NULL;
    if (dict != NULL)
        flow_i_tag_dict_init(dict, m->dict);
    int rc = values != NULL
                 ? flow_i_tags_restride(&last, m->last, n, old_cap, cap, (uint8_t *)(dict + 1))
                 : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && first)
        rc = flow_i_tags_restride(&fst, m->first, n, old_cap, cap, NULL);
    if (rc != FLOW_OK) {
        block_free(values);
        flow_i_tags_free(last);
        flow_i_tags_free(fst);
        return flow_last_error_code() == FLOW_OK ? FLOW_ERR_NOMEM : flow_last_error_code();
    }
    block_free(m->values);
    flow_i_tags_free(m->last);
    flow_i_tags_free(m->first);
    m->values = values;
    m->dict = dict;
    m->last = last;
    m->first = fst;
    return FLOW_OK;
}

/* Makes room for n economies in every matrix and attribute. */
static int reserve(flow_dataset *ds, int64_t n)
{
    if (n <= ds->cap)
        return FLOW_OK;
    int64_t cap = capacity_for(n, ds->cap);
    int64_t cells = 0;
    int rc = flow_i_mul_size(cap, cap, &cells);
    for (int64_t i = 0; rc == FLOW_OK && i < ds->nmatrices; i++)
        rc = grow_matrix(&ds->matrices[i], ds->n, ds->cap, cap, ds->track_first);
    for (int64_t a = 0; rc == FLOW_OK && a < ds->nattributes; a++) {
        double *v = realloc(ds->attributes[a].values, (size_t)cap * sizeof *v);
        if (v == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        for (int64_t i = ds->cap; i < cap; i++)
            v[i] = NAN;
        ds->attributes[a].values = v;
    }
    for (int64_t a = 0; rc == FLOW_OK && a < ds->ntexts; a++) {
        char **v = realloc(ds->texts[a].values, (size_t)cap * sizeof *v);
        if (v == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        for (int64_t i = ds->cap; i < cap; i++)
            v[i] = NULL;
        ds->texts[a].values = v;
    }
    if (rc == FLOW_OK)
        ds->cap = cap;
    return rc;
}

/*
 * ISO 3166-1 plus ROW: multi-regional tables (WIOD, OECD ICIO) and any data
 * that close a layer with the rest of the world use that code, and every
 * interface should read such a file alike without being told about it.
 */
static int default_axis(flow_labels **axis)
{
    int rc = flow_labels_new_iso3166(axis);
    if (rc == FLOW_OK)
        rc = flow_labels_add(*axis, "ROW", "Rest of the world", NULL);
    return rc < 0 ? rc : FLOW_OK;
}

int flow_dataset_new(flow_dataset **out, const flow_labels *economies)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_new: out is NULL");
    int rc = FLOW_OK;
    flow_dataset *ds = flow_i_calloc(1, sizeof *ds);
    *out = NULL;
    if (ds == NULL)
        return FLOW_ERR_NOMEM;
    rc = economies != NULL ? flow_labels_clone(&ds->economies, economies)
                           : default_axis(&ds->economies);
    if (rc == FLOW_OK) {
        /* A known axis gets exactly its size (no matrix exists yet); growth doubles from it. */
        ds->n = ds->cap = flow_labels_count(ds->economies);
    }
    if (rc != FLOW_OK) {
        flow_dataset_free(ds);
        return rc;
    }
    *out = ds;
    return FLOW_OK;
}

int flow_dataset_new_present(flow_dataset **out, const flow_labels *reference)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_new_present: out is NULL");
    flow_dataset *ds = NULL;
    flow_labels *empty = NULL;
    int rc = flow_labels_new(&empty);
    if (rc == FLOW_OK)
        rc = flow_dataset_new(&ds, empty);
    if (rc == FLOW_OK)
        rc = reference != NULL ? flow_labels_clone(&ds->reference, reference)
                               : default_axis(&ds->reference);
    flow_labels_free(empty);
    if (rc != FLOW_OK) {
        flow_dataset_free(ds);
        ds = NULL;
    }
    *out = ds;
    return rc;
}

int flow_i_dataset_find_economy(flow_dataset *ds, const char *code, size_t len, int64_t *index)
{
    int64_t r = -1;
    if (flow_i_labels_lookup(ds->economies, code, len, index))
        return 1;
    if (ds->reference == NULL || !flow_i_labels_lookup(ds->reference, code, len, &r))
        return 0;
    /* Joins under the reference's code and name; an alias joins with it. */
    const char *canonical = flow_labels_code(ds->reference, r);
    int rc = flow_dataset_add_economy(ds, canonical, flow_labels_name(ds->reference, r), index);
    if (rc == FLOW_OK && (strlen(canonical) != len || memcmp(canonical, code, len) != 0)) {
        char *alias = flow_i_malloc((int64_t)len + 1, 1);
        if (alias == NULL)
            return FLOW_ERR_NOMEM;
        memcpy(alias, code, len);
        alias[len] = '\0';
        rc = flow_labels_add_alias(ds->economies, alias, canonical);
        free(alias);
    }
    return rc == FLOW_OK ? 1 : rc;
}

const flow_labels *flow_dataset_economies(const flow_dataset *ds)
{
    return ds ? ds->economies : NULL;
}

int64_t flow_dataset_economy_count(const flow_dataset *ds)
{
    return ds ? ds->n : 0;
}

int flow_dataset_add_economy(flow_dataset *ds, const char *code, const char *name, int64_t *index)
{
    if (ds == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_add_economy: NULL dataset");
    int rc = reserve(ds, ds->n + 1);
    if (rc == FLOW_OK)
        rc = flow_labels_add(ds->economies, code, name, index);
    if (rc == FLOW_OK)
        ds->n = flow_labels_count(ds->economies);
    return rc;
}

/* ---------------------------------------------------------------- products */

static int check_no_flows(const flow_dataset *ds)
{
    if (ds == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "NULL dataset");
    if (ds->nmatrices > 0)
        return flow_i_fail(FLOW_ERR_STATE, "product grouping must be set before flows are added");
    return FLOW_OK;
}

int flow_dataset_set_product_digits(flow_dataset *ds, int64_t digits)
{
    int rc = check_no_flows(ds);
    if (rc != FLOW_OK)
        return rc;
    if (digits < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "product digits %lld < 0", (long long)digits);
    ds->product_digits = digits;
    return FLOW_OK;
}

int flow_dataset_add_product_group(flow_dataset *ds, const char *prefix, const char *group)
{
    int rc = check_no_flows(ds);
    if (rc != FLOW_OK)
        return rc;
    if (prefix == NULL || group == NULL || group[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a product group needs a prefix and a name");
    struct prefix_group *g = realloc(ds->groups, (size_t)(ds->ngroups + 1) * sizeof *g);
    if (g == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    ds->groups = g;
    char *p = flow_i_strdup(prefix);
    char *n = flow_i_strdup(group);
    if (p == NULL || n == NULL) {
        free(p);
        free(n);
        return FLOW_ERR_NOMEM;
    }
    ds->groups[ds->ngroups++] = (struct prefix_group){p, n};
    return FLOW_OK;
}

/* The group of a product code as (pointer, length) into product or a group name. */
static void product_group(const flow_dataset *ds, const char *product, size_t len,
                          const char **group, size_t *group_len)
{
    if (ds->ngroups > 0) {
        size_t best = 0;
        const char *name = "other";
        int found = 0;
        for (int64_t i = 0; i < ds->ngroups; i++) {
            size_t plen = strlen(ds->groups[i].prefix);
            if (plen <= len && memcmp(product, ds->groups[i].prefix, plen) == 0 &&
                (!found || plen > best)) {
                best = plen;
                name = ds->groups[i].group;
                found = 1;
            }
        }
        *group = name;
        *group_len = strlen(name);
    } else if (ds->product_digits > 0) {
        *group = product;
        *group_len = len < (size_t)ds->product_digits ? len : (size_t)ds->product_digits;
    } else {
        *group = "";
        *group_len = 0;
    }
}

/* ---------------------------------------------------------------- matrices */

size_t flow_i_dataset_group_key_len(const flow_dataset *ds, size_t len)
{
    if (ds->ngroups > 0)
        return len;
    if (ds->product_digits > 0)
        return len < (size_t)ds->product_digits ? len : (size_t)ds->product_digits;
    return 0;
}

static int same(const char *s, const char *p, size_t len)
{
    return strlen(s) == len && memcmp(s, p, len) == 0;
}

/* Index of the matrix of a key, -1 if none; unit (when not NULL) is part of the key. */
static int64_t find_key(const flow_dataset *ds, const char *layer, size_t layer_len, int64_t year,
                        const char *group, size_t group_len, const char *unit, size_t unit_len)
{
    for (int64_t i = 0; i < ds->nmatrices; i++) {
        const struct matrix *m = &ds->matrices[i];
        if (m->year == year && same(m->layer, layer, layer_len) &&
            same(m->group, group, group_len) && (unit == NULL || same(m->unit, unit, unit_len)))
            return i;
    }
    return -1;
}

static char *copy_n(const char *s, size_t len)
{
    char *p = flow_i_malloc((int64_t)len + 1, 1);
    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

static int add_key(flow_dataset *ds, const char *layer, size_t layer_len, int64_t year,
                   const char *group, size_t group_len, const char *unit, size_t unit_len,
                   int64_t *index)
{
    struct matrix *ms = realloc(ds->matrices, (size_t)(ds->nmatrices + 1) * sizeof *ms);
    if (ms == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    ds->matrices = ms;
    struct matrix m = {copy_n(layer, layer_len),
                       year,
                       copy_n(group, group_len),
                       copy_n(unit, unit_len),
                       NULL,
                       NULL,
                       NULL,
                       NULL,
                       0,
                       0,
                       0};
    int rc = m.layer != NULL && m.group != NULL && m.unit != NULL
                 ? grow_matrix(&m, 0, 0, ds->cap, ds->track_first)
                 : FLOW_ERR_NOMEM;
    if (rc != FLOW_OK) {
        free_matrix(&m);
        return rc;
    }
    ds->matrices[ds->nmatrices] = m;
    *index = ds->nmatrices++;
    return FLOW_OK;
}

int flow_i_dataset_matrix(flow_dataset *ds, const char *layer, size_t layer_len, int64_t year,
                          const char *product, size_t product_len, const char *unit,
                          size_t unit_len, int64_t *matrix)
{
    const char *group = NULL;
    size_t group_len = 0;
    product_group(ds, product, product_len, &group, &group_len);
    /* Accumulators keep one matrix per unit: which unit wins is decided at the merge. */
    if (!ds->track_first) {
        unit = NULL;
        unit_len = 0;
    }
    *matrix = find_key(ds, layer, layer_len, year, group, group_len, unit, unit_len);
    if (*matrix >= 0)
        return FLOW_OK;
    return add_key(ds, layer, layer_len, year, group, group_len, unit != NULL ? unit : "", unit_len,
                   matrix);
}

int flow_i_dataset_add(flow_dataset *ds, int64_t matrix, int64_t origin, int64_t destination,
                       double value, uint32_t tag, int missing)
{
    struct matrix *m = &ds->matrices[matrix];
    int64_t cell = origin * ds->cap + destination;
    int duplicate = 0;
    unsigned id = 0;
    int rc = flow_i_tags_replace(m->dict, m->last, cell, tag, NULL, &duplicate, &id);
    if (rc == FLOW_OK && m->first != NULL && m->first->id[cell] == 0)
        rc = flow_i_tags_put(m->first, cell, id, tag, NULL);
    if (rc != FLOW_OK)
        return rc;
    m->rows++;
    m->duplicates += duplicate;
    m->missing += missing != 0;
    m->values[cell] += value;
    return duplicate;
}

int flow_i_dataset_unit(flow_dataset *ds, int64_t matrix, const char *unit, size_t len)
{
    struct matrix *m = &ds->matrices[matrix];
    /* An empty unit says nothing, so it agrees with any unit in any order. */
    if (len == 0)
        return 1;
    if (m->unit[0] == '\0') {
        char *copy = copy_n(unit, len);
        if (copy == NULL)
            return FLOW_ERR_NOMEM;
        free(m->unit);
        m->unit = copy;
        return 1;
    }
    return same(m->unit, unit, len);
}

int flow_dataset_add_flow(flow_dataset *ds, const char *layer, int64_t year, const char *product,
                          const char *origin, const char *destination, double value)
{
    int64_t o = 0;
    int64_t d = 0;
    int64_t m = 0;
    if (ds == NULL || layer == NULL || layer[0] == '\0' || origin == NULL || destination == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_add_flow: NULL argument");
    if (!isfinite(value))
        return flow_i_fail(FLOW_ERR_VALUE, "flow %s -> %s is not finite", origin, destination);
    int found = flow_i_dataset_find_economy(ds, origin, strlen(origin), &o);
    if (found < 0)
        return found;
    if (!found)
        return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "unknown economy code '%s'", origin);
    if ((found = flow_i_dataset_find_economy(ds, destination, strlen(destination), &d)) < 0)
        return found;
    if (!found)
        return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "unknown economy code '%s'", destination);
    if (product == NULL)
        product = "";
    int rc = flow_i_dataset_matrix(ds, layer, strlen(layer), year, product, strlen(product), NULL,
                                   0, &m);
    if (rc == FLOW_OK)
        rc =
            flow_i_dataset_add(ds, m, o, d, value, flow_i_product_tag(product, strlen(product)), 0);
    return rc < 0 ? rc : FLOW_OK;
}

int64_t flow_dataset_matrix_count(const flow_dataset *ds)
{
    return ds ? ds->nmatrices : 0;
}

int flow_dataset_matrix_key(const flow_dataset *ds, int64_t i, const char **layer, int64_t *year,
                            const char **product)
{
    if (ds == NULL || i < 0 || i >= ds->nmatrices)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "matrix %lld out of range", (long long)i);
    if (layer)
        *layer = ds->matrices[i].layer;
    if (year)
        *year = ds->matrices[i].year;
    if (product)
        *product = ds->matrices[i].group;
    return FLOW_OK;
}

static int lookup(const flow_dataset *ds, const char *layer, int64_t year, const char *product,
                  const struct matrix **out)
{
    if (ds == NULL || layer == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "NULL dataset or layer");
    if (product == NULL)
        product = "";
    int64_t i = find_key(ds, layer, strlen(layer), year, product, strlen(product), NULL, 0);
    if (i < 0)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "no matrix for layer '%s', year %lld%s%s%s", layer,
                           (long long)year, product[0] ? ", product group '" : "", product,
                           product[0] ? "'" : "");
    *out = &ds->matrices[i];
    return FLOW_OK;
}

const char *flow_dataset_matrix_unit(const flow_dataset *ds, const char *layer, int64_t year,
                                     const char *product)
{
    const struct matrix *m = NULL;
    return lookup(ds, layer, year, product, &m) == FLOW_OK ? m->unit : NULL;
}

int flow_dataset_matrix_view(const flow_dataset *ds, const char *layer, int64_t year,
                             const char *product, const double **values, int64_t *n,
                             int64_t *row_stride)
{
    const struct matrix *m = NULL;
    int rc = lookup(ds, layer, year, product, &m);
    if (rc != FLOW_OK)
        return rc;
    if (values == NULL || n == NULL || row_stride == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_matrix_view: NULL output");
    *values = m->values;
    *n = ds->n;
    *row_stride = ds->cap;
    return FLOW_OK;
}

int flow_dataset_matrix_copy(const flow_dataset *ds, const char *layer, int64_t year,
                             const char *product, double *dst, int64_t dst_len, int64_t row_stride)
{
    const struct matrix *m = NULL;
    int rc = lookup(ds, layer, year, product, &m);
    if (rc == FLOW_OK)
        rc = flow_i_check_out_matrix(dst, dst_len, row_stride, ds->n, ds->n);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < ds->n; i++)
        memcpy(dst + i * row_stride, m->values + i * ds->cap, (size_t)ds->n * sizeof *dst);
    return FLOW_OK;
}

int flow_dataset_totals(const flow_dataset *ds, const char *layer, int64_t year,
                        const char *product, double *exports, double *imports, double *net,
                        int64_t len)
{
    const struct matrix *m = NULL;
    int rc = lookup(ds, layer, year, product, &m);
    if (rc != FLOW_OK)
        return rc;
    if (len < ds->n)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "totals need %lld entries, buffer has %lld",
                           (long long)ds->n, (long long)len);
    for (int64_t i = 0; i < ds->n; i++) {
        double row = 0.0;
        double col = 0.0;
        for (int64_t j = 0; j < ds->n; j++) {
            row += m->values[i * ds->cap + j];
            col += m->values[j * ds->cap + i];
        }
        if (exports)
            exports[i] = row;
        if (imports)
            imports[i] = col;
        if (net)
            net[i] = row - col;
    }
    return FLOW_OK;
}

/*
 * Indices of the k largest non-zero entries of base[j * step] (j < n) into
 * top (decreasing, ties by index); returns how many were found.
 */
static int64_t largest_entries(const double *base, int64_t step, int64_t n, int64_t k, int64_t *top)
{
    int64_t count = 0;
    for (int64_t j = 0; j < n; j++) {
        double v = base[j * step];
        if (v == 0.0)
            continue;
        /* Insertion into the sorted top k: k is small (a screenful). */
        int64_t pos = count;
        while (pos > 0 && base[top[pos - 1] * step] < v)
            pos--;
        if (pos >= k)
            continue;
        int64_t last = count < k ? count : k - 1;
        for (int64_t q = last; q > pos; q--)
            top[q] = top[q - 1];
        top[pos] = j;
        if (count < k)
            count++;
    }
    return count;
}

int flow_dataset_top_partners(flow_table **out, const flow_dataset *ds, const char *layer,
                              int64_t year, const char *product, const char *economy, int direction,
                              int64_t k)
{
    static const char *const columns[] = {"value", "share"};
    const struct matrix *m = NULL;
    int64_t e = 0, *top = NULL;
    flow_table *t = NULL;
    if (out != NULL)
        *out = NULL;
    int rc = lookup(ds, layer, year, product, &m);
    if (rc != FLOW_OK)
        return rc;
    if (out == NULL || economy == NULL ||
        (direction != FLOW_EXPORTS && direction != FLOW_IMPORTS) || k < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_top_partners: bad argument");
    if (!flow_i_labels_lookup(ds->economies, economy, strlen(economy), &e))
        return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "unknown economy code '%s'", economy);
    /* Stride through the row (exports) or the column (imports) of e. */
    const double *base = direction == FLOW_EXPORTS ? m->values + e * ds->cap : m->values + e;
    int64_t step = direction == FLOW_EXPORTS ? 1 : ds->cap;
    double sum = 0.0;
    int64_t nonzero = 0;
    for (int64_t j = 0; j < ds->n; j++) {
        sum += base[j * step];
        nonzero += base[j * step] != 0.0;
    }
    if ((top = flow_i_malloc(k < ds->n ? k : ds->n, sizeof *top)) == NULL)
        return FLOW_ERR_NOMEM;
    int64_t count = largest_entries(base, step, ds->n, k, top);
    if ((rc = flow_i_table_new_columns(&t, count, 2, columns)) == FLOW_OK &&
        (rc = flow_table_set_scalar(t, "total", sum)) == FLOW_OK)
        rc = flow_table_set_scalar(t, "nonzero", (double)nonzero);
    for (int64_t r = 0; rc == FLOW_OK && r < count; r++) {
        double v = base[top[r] * step], *row = flow_i_table_values(t) + 2 * r;
        row[0] = v;
        row[1] = sum != 0.0 ? v / sum : NAN;
        rc = flow_table_set_row_label(t, r, flow_labels_code(ds->economies, top[r]), NULL);
    }
    free(top);
    if (rc != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    *out = t;
    return FLOW_OK;
}

/* Writes s as a CSV field, quoting it when it holds a delimiter, quote or line end. */
static void write_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int flow_dataset_write_matrix_csv(const flow_dataset *ds, const char *layer, int64_t year,
                                  const char *product, const char *path)
{
    const struct matrix *m = NULL;
    int rc = lookup(ds, layer, year, product, &m);
    if (rc != FLOW_OK)
        return rc;
    if (path == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_write_matrix_csv: NULL path");
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return flow_i_fail(FLOW_ERR_IO, "%s: cannot open for writing", path);
    fputs("origin", f);
    for (int64_t j = 0; j < ds->n; j++) {
        fputc(',', f);
        write_field(f, flow_labels_code(ds->economies, j));
    }
    fputc('\n', f);
    for (int64_t i = 0; i < ds->n; i++) {
        write_field(f, flow_labels_code(ds->economies, i));
        for (int64_t j = 0; j < ds->n; j++)
            fprintf(f, ",%.17g", m->values[i * ds->cap + j]);
        fputc('\n', f);
    }
    if (ferror(f) | (fclose(f) != 0))
        return flow_i_fail(FLOW_ERR_IO, "%s: write failed", path);
    return FLOW_OK;
}

/* ---------------------------------------------------------------- accumulators */

int flow_i_dataset_clone_empty(flow_dataset **out, const flow_dataset *ds)
{
    int rc = flow_dataset_new(out, ds->economies);
    if (rc == FLOW_OK && ds->reference != NULL)
        rc = flow_labels_clone(&(*out)->reference, ds->reference);
    for (int64_t i = 0; rc == FLOW_OK && i < ds->ngroups; i++)
        rc = flow_dataset_add_product_group(*out, ds->groups[i].prefix, ds->groups[i].group);
    if (rc != FLOW_OK) {
        flow_dataset_free(*out);
        *out = NULL;
        return rc;
    }
    (*out)->product_digits = ds->product_digits;
    (*out)->track_first = 1;
    return FLOW_OK;
}

int flow_i_dataset_shared_ok(const flow_dataset *ds)
{
    return ds->nmatrices == 0 && ds->reference == NULL;
}

int64_t flow_i_dataset_stride(const flow_dataset *ds)
{
    return ds->cap;
}

void flow_i_dataset_cells(flow_dataset *ds, int64_t matrix, double **values,
                          struct flow_i_tags **last, struct flow_i_tag_dict **dict)
{
    *values = ds->matrices[matrix].values;
    *last = ds->matrices[matrix].last;
    *dict = ds->matrices[matrix].dict;
}

void flow_i_dataset_count(flow_dataset *ds, int64_t matrix, int64_t rows, int64_t duplicates,
                          int64_t missing)
{
    struct matrix *m = &ds->matrices[matrix];
    m->rows += rows;
    m->duplicates += duplicates;
    m->missing += missing;
}

void flow_i_dataset_truncate(flow_dataset *ds, int64_t keep)
{
    while (ds->nmatrices > keep)
        free_matrix(&ds->matrices[--ds->nmatrices]);
}

/* Index in dst of every economy of src, adding those dst lacks. */
static int economy_map(flow_dataset *dst, const flow_labels *src, int64_t *map)
{
    for (int64_t i = 0; i < flow_labels_count(src); i++) {
        const char *code = flow_labels_code(src, i);
        if (flow_i_labels_lookup(dst->economies, code, strlen(code), &map[i]))
            continue;
        int rc = flow_dataset_add_economy(dst, code, flow_labels_name(src, i), &map[i]);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

/*
 * Adds matrix m of src (laid out with src->cap) into dst through map. When
 * dst's matrix already has another unit, nothing is added and the rows are
 * counted into *dropped instead, as a serial read would have rejected them.
 */
static int merge_matrix(flow_dataset *dst, const flow_dataset *src, const struct matrix *m,
                        const int64_t *map, const char *cell_layer,
                        struct flow_i_merge_counts *counts)
{
    /* Cells of kept rows (quantities): neither rows nor duplicates of their own. */
    int cells = cell_layer != NULL && strcmp(m->layer, cell_layer) == 0;
    int64_t t =
        find_key(dst, m->layer, strlen(m->layer), m->year, m->group, strlen(m->group), NULL, 0);
    if (t < 0) {
        int rc = add_key(dst, m->layer, strlen(m->layer), m->year, m->group, strlen(m->group), "",
                         0, &t);
        if (rc != FLOW_OK)
            return rc;
    }
    int same_unit = flow_i_dataset_unit(dst, t, m->unit, strlen(m->unit));
    if (same_unit < 0)
        return same_unit;
    if (same_unit == 0 && cells) {
        counts->unit_cells += m->rows;
        return FLOW_OK;
    }
    if (same_unit == 0) {
        counts->unit_rows += m->rows;
        counts->unit_duplicates += m->duplicates;
        counts->unit_missing += m->missing;
        return FLOW_OK;
    }
    struct matrix *d = &dst->matrices[t];
    d->rows += m->rows;
    d->duplicates += m->duplicates;
    d->missing += m->missing;
    int rc = FLOW_OK;
    for (int64_t i = 0; i < src->n && rc == FLOW_OK; i++)
        for (int64_t j = 0; j < src->n && rc == FLOW_OK; j++) {
            int64_t s = i * src->cap + j;
            if (m->last->id[s] == 0)
                continue;
            int64_t c = map[i] * dst->cap + map[j];
            uint32_t last = flow_i_tags_get(m->dict, m->last, s);
            uint32_t first = m->first != NULL ? flow_i_tags_get(m->dict, m->first, s) : last;
            int seam = flow_i_tags_get(d->dict, d->last, c) == first && !cells;
            counts->duplicates += seam;
            d->duplicates += seam;
            d->values[c] += m->values[s];
            if (d->first != NULL && d->first->id[c] == 0)
                rc = flow_i_tags_put(d->first, c, flow_i_tag_id(d->dict, first, NULL), first, NULL);
            if (rc == FLOW_OK)
                rc = flow_i_tags_put(d->last, c, flow_i_tag_id(d->dict, last, NULL), last, NULL);
        }
    return rc;
}

int flow_i_dataset_merge(flow_dataset *dst, const flow_dataset *src, const char *cell_layer,
                         struct flow_i_merge_counts *counts)
{
    int64_t *map = flow_i_calloc(src->n, sizeof *map);
    int rc = map != NULL ? economy_map(dst, src->economies, map) : FLOW_ERR_NOMEM;
    memset(counts, 0, sizeof *counts);
    for (int64_t i = 0; rc == FLOW_OK && i < src->nmatrices; i++)
        rc = merge_matrix(dst, src, &src->matrices[i], map, cell_layer, counts);
    free(map);
    return rc;
}

/* ---------------------------------------------------------------- aggregation */

/*
 * New dataset over labels whose economy i of ds is economy map[i] (several
 * may share one: their rows, columns and attributes are summed), or is left
 * out when map[i] < 0. Units, product grouping and attributes are carried.
 */
static int remap(flow_dataset **out, const flow_dataset *ds, const flow_labels *labels,
                 const int64_t *map)
{
    flow_dataset *res = NULL;
    int rc = flow_dataset_new(&res, labels);
    if (rc != FLOW_OK)
        return rc;
    res->product_digits = ds->product_digits;
    for (int64_t i = 0; rc == FLOW_OK && i < ds->ngroups; i++)
        rc = flow_dataset_add_product_group(res, ds->groups[i].prefix, ds->groups[i].group);
    for (int64_t k = 0; rc == FLOW_OK && k < ds->nmatrices; k++) {
        const struct matrix *m = &ds->matrices[k];
        int64_t t = 0;
        if ((rc = add_key(res, m->layer, strlen(m->layer), m->year, m->group, strlen(m->group), "",
                          0, &t)) != FLOW_OK)
            break;
        if ((rc = flow_i_dataset_unit(res, t, m->unit, strlen(m->unit))) < 0)
            break;
        rc = FLOW_OK;
        double *dv = res->matrices[t].values;
        for (int64_t i = 0; i < ds->n; i++)
            for (int64_t j = 0; map[i] >= 0 && j < ds->n; j++)
                if (map[j] >= 0)
                    dv[map[i] * res->cap + map[j]] += m->values[i * ds->cap + j];
    }
    for (int64_t i = 0; rc == FLOW_OK && i < ds->nkinds; i++)
        rc = flow_dataset_set_layer_kind(res, ds->kinds[i].layer, ds->kinds[i].kind);
    for (int64_t a = 0; rc == FLOW_OK && a < ds->nattributes; a++) {
        double *v = flow_i_calloc(res->cap, sizeof *v);
        struct attribute *attrs = NULL;
        if (v == NULL) {
            rc = FLOW_ERR_NOMEM;
            break;
        }
        for (int64_t i = res->n; i < res->cap; i++)
            v[i] = NAN;
        for (int64_t i = 0; i < ds->n; i++)
            if (map[i] >= 0)
                v[map[i]] += ds->attributes[a].values[i];
        attrs = realloc(res->attributes, (size_t)(res->nattributes + 1) * sizeof *attrs);
        char *name = flow_i_strdup(ds->attributes[a].name);
        if (attrs != NULL)
            res->attributes = attrs;
        if (attrs == NULL || name == NULL) {
            free(v);
            free(name);
            rc = flow_i_fail_status(FLOW_ERR_NOMEM);
            break;
        }
        res->attributes[res->nattributes++] = (struct attribute){name, v};
    }
    if (rc == FLOW_OK)
        *out = res;
    else
        flow_dataset_free(res);
    return rc;
}

int flow_dataset_aggregate(flow_dataset **out, const flow_dataset *ds, const flow_aggregation *agg)
{
    flow_labels *labels = NULL;
    int64_t *map = NULL;
    int rc = FLOW_OK;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_aggregate: out is NULL");
    *out = NULL;
    if (ds == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_aggregate: NULL dataset");
    if ((map = flow_i_calloc(ds->n, sizeof *map)) == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = flow_labels_aggregate(&labels, map, ds->n, ds->economies, agg)) == FLOW_OK)
        rc = remap(out, ds, labels, map);
    free(map);
    flow_labels_free(labels);
    return rc;
}

/* 1 when economy e has a non-zero flow, in or out, in any matrix. */
static int present(const flow_dataset *ds, int64_t e)
{
    for (int64_t k = 0; k < ds->nmatrices; k++) {
        const double *v = ds->matrices[k].values;
        for (int64_t j = 0; j < ds->n; j++)
            if (v[e * ds->cap + j] != 0.0 || v[j * ds->cap + e] != 0.0)
                return 1;
    }
    return 0;
}

/* Sorts economies by their place in the reference axis (ties cannot occur: codes differ). */
static int by_rank(const void *a, const void *b)
{
    const int64_t *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/*
 * The order drop_empty lists the axis in: the axis's own, or on a
 * present-economies axis (filled in order of first appearance) the
 * reference's, so that the result does not depend on the order of the rows.
 */
static int64_t *axis_order(const flow_dataset *ds)
{
    int64_t *pairs = flow_i_malloc(2 * (ds->n > 0 ? ds->n : 1), sizeof *pairs);
    int64_t *order = flow_i_malloc(ds->n > 0 ? ds->n : 1, sizeof *order);
    if (pairs == NULL || order == NULL) {
        free(pairs);
        free(order);
        return NULL;
    }
    for (int64_t i = 0; i < ds->n; i++) {
        const char *code = flow_labels_code(ds->economies, i);
        int64_t r = i;
        if (ds->reference != NULL && flow_i_labels_lookup(ds->reference, code, strlen(code), &r))
            r -= ds->n + flow_labels_count(ds->reference); /* before codes the reference lacks */
        pairs[2 * i] = r;
        pairs[2 * i + 1] = i;
    }
    qsort(pairs, (size_t)ds->n, 2 * sizeof *pairs, by_rank);
    for (int64_t i = 0; i < ds->n; i++)
        order[i] = pairs[2 * i + 1];
    free(pairs);
    return order;
}

int flow_dataset_drop_empty(flow_dataset **out, const flow_dataset *ds)
{
    flow_labels *labels = NULL;
    int64_t *map = NULL;
    int rc = FLOW_OK;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_drop_empty: NULL out");
    *out = NULL;
    if (ds == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_drop_empty: NULL dataset");
    if ((map = flow_i_calloc(ds->n > 0 ? ds->n : 1, sizeof *map)) == NULL)
        return FLOW_ERR_NOMEM;
    rc = flow_labels_new(&labels);
    int64_t *order = rc == FLOW_OK ? axis_order(ds) : NULL;
    if (rc == FLOW_OK && order == NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t k = 0; rc == FLOW_OK && k < ds->n; k++)
        map[k] = -1;
    for (int64_t k = 0; rc == FLOW_OK && k < ds->n; k++) {
        int64_t i = order[k];
        if (present(ds, i))
            rc = flow_labels_add(labels, flow_labels_code(ds->economies, i),
                                 flow_labels_name(ds->economies, i), &map[i]);
    }
    free(order);
    if (rc == FLOW_OK)
        rc = remap(out, ds, labels, map);
    free(map);
    flow_labels_free(labels);
    return rc;
}

/* ---------------------------------------------------------------- mirror reports */

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * Fills the empty cells of the matrix of (layer, year, group) from the
 * fallback matrix fb (rows: its row counts) and returns the rows superseded
 * in *superseded, or in *rejected when the units differ.
 */
static int resolve_one(flow_dataset *ds, int64_t fb, int64_t rows, int64_t *superseded,
                       int64_t *rejected)
{
    const char *layer = ds->matrices[fb].layer + strlen(FLOW_I_FALLBACK_PREFIX);
    const char *group = ds->matrices[fb].group, *unit = ds->matrices[fb].unit;
    int64_t year = ds->matrices[fb].year;
    int64_t k = find_key(ds, layer, strlen(layer), year, group, strlen(group), NULL, 0);
    int rc = k >= 0 ? FLOW_OK
                    : add_key(ds, layer, strlen(layer), year, group, strlen(group), unit,
                              strlen(unit), &k);
    if (rc != FLOW_OK)
        return rc;
    int same_unit = flow_i_dataset_unit(ds, k, unit, strlen(unit));
    if (same_unit < 0)
        return same_unit;
    struct matrix *dst = &ds->matrices[k];
    const struct matrix *src = &ds->matrices[fb];
    const double *count = rows >= 0 ? ds->matrices[rows].values : NULL;
    for (int64_t i = 0; i < ds->n; i++)
        for (int64_t j = 0; j < ds->n; j++) {
            int64_t cell = i * ds->cap + j;
            int64_t n = count != NULL ? (int64_t)count[cell] : src->values[cell] != 0.0;
            if (same_unit && dst->values[cell] == 0.0 && src->values[cell] != 0.0)
                dst->values[cell] = src->values[cell];
            else if (n > 0)
                *(same_unit ? superseded : rejected) += n;
        }
    if (same_unit)
        dst->rows += src->rows;
    return FLOW_OK;
}

int flow_i_dataset_resolve_mirrors(flow_dataset *ds, flow_read_report *report)
{
    int64_t superseded = 0, rejected = 0;
    int rc = FLOW_OK;
    for (int64_t k = 0; rc == FLOW_OK && k < ds->nmatrices; k++) {
        const struct matrix *m = &ds->matrices[k];
        if (!has_prefix(m->layer, FLOW_I_FALLBACK_PREFIX))
            continue;
        char rows_layer[512];
        snprintf(rows_layer, sizeof rows_layer, "%s%s", FLOW_I_ROWS_PREFIX,
                 m->layer + strlen(FLOW_I_FALLBACK_PREFIX));
        int64_t rows = find_key(ds, rows_layer, strlen(rows_layer), m->year, m->group,
                                strlen(m->group), NULL, 0);
        rc = resolve_one(ds, k, rows, &superseded, &rejected);
    }
    /* The reserved matrices go: keep the others in their order. */
    int64_t kept = 0;
    for (int64_t k = 0; k < ds->nmatrices; k++) {
        struct matrix *m = &ds->matrices[k];
        if (has_prefix(m->layer, FLOW_I_FALLBACK_PREFIX) ||
            has_prefix(m->layer, FLOW_I_ROWS_PREFIX))
            free_matrix(m);
        else
            ds->matrices[kept++] = *m;
    }
    ds->nmatrices = kept;
    if (rc != FLOW_OK)
        return rc;
    flow_i_report_add_counts(report, -(superseded + rejected), -(superseded + rejected), 0, 0);
    if (superseded > 0)
        rc = flow_i_report_count(report, FLOW_REASON_FILTERED,
                                 "superseded by the preferred report (mirror policy)", superseded);
    if (rc == FLOW_OK && rejected > 0)
        rc = flow_i_report_count(report, FLOW_REASON_REJECTED,
                                 "fallback report in another unit (mirror policy)", rejected);
    return rc;
}

/* ---------------------------------------------------------------- layer kinds */

int flow_dataset_set_layer_kind(flow_dataset *ds, const char *layer, int kind)
{
    if (ds == NULL || layer == NULL || layer[0] == '\0' || kind < 0 ||
        kind >= FLOW_LAYER_KIND_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_dataset_set_layer_kind: NULL dataset, empty layer or kind %d "
                           "outside [0, %d)",
                           kind, FLOW_LAYER_KIND_COUNT);
    for (int64_t i = 0; i < ds->nkinds; i++)
        if (strcmp(ds->kinds[i].layer, layer) == 0) {
            ds->kinds[i].kind = kind;
            return FLOW_OK;
        }
    struct layer_kind *grown = realloc(ds->kinds, (size_t)(ds->nkinds + 1) * sizeof *grown);
    if (grown == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    ds->kinds = grown;
    if ((grown[ds->nkinds].layer = flow_i_strdup(layer)) == NULL)
        return FLOW_ERR_NOMEM;
    grown[ds->nkinds++].kind = kind;
    return FLOW_OK;
}

int flow_i_dataset_declared_kind(const flow_dataset *ds, const char *layer)
{
    for (int64_t i = 0; i < ds->nkinds; i++)
        if (strcmp(ds->kinds[i].layer, layer) == 0)
            return ds->kinds[i].kind;
    return -1;
}

int flow_i_dataset_merge_kinds(flow_dataset *dst, const flow_dataset *src, const char *file)
{
    static const char *const names[FLOW_LAYER_KIND_COUNT] = {"flow", "stock"};
    int rc = FLOW_OK;
    for (int64_t i = 0; rc == FLOW_OK && i < src->nkinds; i++) {
        int before = flow_i_dataset_declared_kind(dst, src->kinds[i].layer);
        if (before >= 0 && before != src->kinds[i].kind)
            rc = flow_i_fail(FLOW_ERR_VALUE,
                             "%s: layer '%s' is declared %s by its kind column and %s before", file,
                             src->kinds[i].layer, names[src->kinds[i].kind], names[before]);
        else if (before < 0)
            rc = flow_dataset_set_layer_kind(dst, src->kinds[i].layer, src->kinds[i].kind);
    }
    return rc;
}

int flow_dataset_layer_kind(const flow_dataset *ds, const char *layer)
{
    if (ds == NULL || layer == NULL)
        return FLOW_LAYER_FLOW;
    int declared = flow_i_dataset_declared_kind(ds, layer);
    return declared >= 0 ? declared : flow_layer_default_kind(layer);
}

int flow_layer_default_kind(const char *layer)
{
    return layer != NULL && strcmp(layer, "finance") == 0 ? FLOW_LAYER_STOCK : FLOW_LAYER_FLOW;
}

/* ---------------------------------------------------------------- attributes */

static int64_t find_attribute(const flow_dataset *ds, const char *name)
{
    for (int64_t i = 0; i < ds->nattributes; i++)
        if (strcmp(ds->attributes[i].name, name) == 0)
            return i;
    return -1;
}

int flow_i_dataset_attribute(const flow_dataset *ds, const char *name, double *dst, int64_t len)
{
    if (ds == NULL || name == NULL || dst == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "dataset attribute: NULL argument");
    int64_t a = find_attribute(ds, name);
    if (a < 0)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "no attribute '%s'", name);
    if (len < ds->n)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL,
                           "attribute needs %lld entries, buffer has %lld", (long long)ds->n,
                           (long long)len);
    memcpy(dst, ds->attributes[a].values, (size_t)ds->n * sizeof *dst);
    return FLOW_OK;
}

int flow_i_dataset_numeric_slot(flow_dataset *ds, const char *name, double **values)
{
    int64_t a = find_attribute(ds, name);
    double *v = flow_i_malloc(ds->cap, sizeof *v);
    if (v == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < ds->cap; i++)
        v[i] = NAN;
    if (a >= 0) {
        free(ds->attributes[a].values);
        ds->attributes[a].values = v;
        *values = v;
        return FLOW_OK;
    }
    struct attribute *attrs =
        realloc(ds->attributes, (size_t)(ds->nattributes + 1) * sizeof *attrs);
    char *copy = flow_i_strdup(name);
    if (attrs != NULL)
        ds->attributes = attrs;
    if (attrs == NULL || copy == NULL) {
        free(v);
        free(copy);
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    }
    ds->attributes[ds->nattributes++] = (struct attribute){copy, v};
    *values = v;
    return FLOW_OK;
}

/* ---------------------------------------------------------------- text attributes */

static int64_t find_text(const flow_dataset *ds, const char *name)
{
    for (int64_t i = 0; i < ds->ntexts; i++)
        if (strcmp(ds->texts[i].name, name) == 0)
            return i;
    return -1;
}

int flow_i_dataset_text_slot(flow_dataset *ds, const char *name, char ***values)
{
    int64_t a = find_text(ds, name);
    char **v = flow_i_calloc(ds->cap, sizeof *v);
    if (v == NULL)
        return FLOW_ERR_NOMEM;
    if (a >= 0) {
        for (int64_t i = 0; i < ds->cap; i++)
            free(ds->texts[a].values[i]);
        free(ds->texts[a].values);
        ds->texts[a].values = v;
        *values = v;
        return FLOW_OK;
    }
    struct text_attribute *texts = realloc(ds->texts, (size_t)(ds->ntexts + 1) * sizeof *texts);
    char *copy = flow_i_strdup(name);
    if (texts != NULL)
        ds->texts = texts;
    if (texts == NULL || copy == NULL) {
        free(v);
        free(copy);
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    }
    ds->texts[ds->ntexts++] = (struct text_attribute){copy, v};
    *values = v;
    return FLOW_OK;
}

/* ---------------------------------------------------------------- attributes as tables */

/* One row per economy, one column per numeric attribute (NaN where unknown). */
static int numeric_attributes(flow_table **out, const flow_dataset *ds)
{
    int rc = flow_table_new(out, ds->n, ds->nattributes, NULL, ds->nattributes);
    double *cells = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t a = 0; rc == FLOW_OK && a < ds->nattributes; a++) {
        rc = flow_table_set_col_label(*out, a, ds->attributes[a].name, NULL);
        for (int64_t e = 0; e < ds->n; e++)
            cells[e * ds->nattributes + a] = ds->attributes[a].values[e];
    }
    for (int64_t e = 0; rc == FLOW_OK && e < ds->n; e++)
        rc = flow_table_set_row_label(*out, e, flow_labels_code(ds->economies, e), NULL);
    return rc;
}

/* One row per (text attribute, economy): the text, grouped by attribute; column economy. */
static int text_attributes(flow_table **out, const flow_dataset *ds)
{
    static const char *const names[] = {"economy"};
    int rc = flow_i_table_new_columns(out, ds->ntexts * ds->n, 1, names);
    double *cells = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t a = 0; rc == FLOW_OK && a < ds->ntexts; a++)
        for (int64_t e = 0; rc == FLOW_OK && e < ds->n; e++) {
            const char *text = ds->texts[a].values[e];
            cells[a * ds->n + e] = (double)e;
            rc = flow_table_set_row_label(*out, a * ds->n + e, text != NULL ? text : "",
                                          ds->texts[a].name);
        }
    return rc;
}

int flow_dataset_attributes(flow_table **out, const flow_dataset *ds, int part)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_attributes: out is NULL");
    *out = NULL;
    if (ds == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_attributes: dataset is NULL");
    if (part == FLOW_ATTRIBUTES_NUMERIC)
        rc = numeric_attributes(out, ds);
    else if (part == FLOW_ATTRIBUTES_TEXT)
        rc = text_attributes(out, ds);
    else
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown attribute part %d", part);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*out, "economies", (double)ds->n);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
