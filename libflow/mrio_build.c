/*
 * mrio_build.c - from labelled tables to the MRIO handle: the (region,
 * sector) grid, final-demand columns, extensions in model order, the IO
 * model and the output checks.
 */
#include "io_internal.h"
#include "mrio_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- string map */

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

int flow_i_strmap_init(struct flow_i_strmap *map, int64_t expected)
{
    int64_t cap = 16;
    while (cap < 2 * expected)
        cap *= 2;
    map->keys = flow_i_calloc(cap, sizeof *map->keys);
    map->values = flow_i_calloc(cap, sizeof *map->values);
    map->cap = cap;
    map->count = 0;
    if (map->keys == NULL || map->values == NULL) {
        flow_i_strmap_clear(map);
        return FLOW_ERR_NOMEM;
    }
    return FLOW_OK;
}

static int64_t slot(const struct flow_i_strmap *map, const char *key)
{
    int64_t i = (int64_t)(hash(key) & (uint64_t)(map->cap - 1));
    while (map->keys[i] != NULL && strcmp(map->keys[i], key) != 0)
        i = (i + 1) & (map->cap - 1);
    return i;
}

int64_t flow_i_strmap_get(const struct flow_i_strmap *map, const char *key)
{
    int64_t i = slot(map, key);
    return map->keys[i] != NULL ? map->values[i] : -1;
}

static int grow_map(struct flow_i_strmap *map)
{
    struct flow_i_strmap bigger;
    int rc = flow_i_strmap_init(&bigger, map->cap);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < map->cap; i++)
        if (map->keys[i] != NULL) {
            int64_t j = slot(&bigger, map->keys[i]);
            bigger.keys[j] = map->keys[i];
            bigger.values[j] = map->values[i];
            bigger.count++;
        }
    flow_i_strmap_clear(map);
    *map = bigger;
    return FLOW_OK;
}

int flow_i_strmap_put(struct flow_i_strmap *map, const char *key, int64_t value, int64_t *found)
{
    int64_t i = slot(map, key);
    *found = map->keys[i] != NULL ? map->values[i] : -1;
    if (*found >= 0)
        return FLOW_OK;
    map->keys[i] = key;
    map->values[i] = value;
    map->count++;
    return 2 * map->count > map->cap ? grow_map(map) : FLOW_OK;
}

void flow_i_strmap_clear(struct flow_i_strmap *map)
{
    free(map->keys);
    free(map->values);
    map->keys = NULL;
    map->values = NULL;
    map->cap = map->count = 0;
}

/* ---------------------------------------------------------------- grid */

const char *flow_i_icio_alias(const char *region)
{
    if (strcmp(region, "CN1") == 0 || strcmp(region, "CN2") == 0)
        return "CHN";
    if (strcmp(region, "MX1") == 0 || strcmp(region, "MX2") == 0)
        return "MEX";
    return NULL;
}

static const char *merged(const struct flow_i_axis *axis, const char *region)
{
    const char *alias = axis->merge_splits ? flow_i_icio_alias(region) : NULL;
    return alias != NULL ? alias : region;
}

/* Adds code to a growing list with its map; *index its position. */
static int intern(char ***list, int64_t *count, struct flow_i_strmap *map, const char *code,
                  int64_t *index)
{
    int64_t found = flow_i_strmap_get(map, code);
    if (found >= 0) {
        *index = found;
        return FLOW_OK;
    }
    char **grown = realloc(*list, (size_t)(*count + 1) * sizeof **list);
    if (grown == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    *list = grown;
    if ((grown[*count] = flow_i_strdup(code)) == NULL)
        return FLOW_ERR_NOMEM;
    *index = (*count)++;
    return flow_i_strmap_put(map, grown[*index], *index, &found);
}

int flow_i_axis_build(struct flow_i_axis *axis, int64_t count, const char *const *regions,
                      const char *const *sectors, const char *file)
{
    int rc;
    int64_t *cells = NULL, *rix = NULL, *six = NULL;
    if ((rc = flow_i_strmap_init(&axis->region_map, 64)) != FLOW_OK ||
        (rc = flow_i_strmap_init(&axis->sector_map, 64)) != FLOW_OK)
        return rc;
    rix = flow_i_malloc(count, sizeof *rix);
    six = flow_i_malloc(count, sizeof *six);
    if (rix == NULL || six == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < count; i++)
        if ((rc = intern(&axis->regions, &axis->nregions, &axis->region_map,
                         merged(axis, regions[i]), &rix[i])) != FLOW_OK ||
            (rc = intern(&axis->sectors, &axis->nsectors, &axis->sector_map, sectors[i],
                         &six[i])) != FLOW_OK)
            goto done;
    int64_t n = 0;
    if ((rc = flow_i_mul_size(axis->nregions, axis->nsectors, &n)) != FLOW_OK ||
        (cells = flow_i_calloc(n, sizeof *cells)) == NULL) {
        rc = rc != FLOW_OK ? rc : FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < count; i++) {
        int64_t c = rix[i] * axis->nsectors + six[i];
        int split = strcmp(regions[i], axis->regions[rix[i]]) != 0;
        axis->merged += split;
        int twice = !split && (cells[c] & 1);
        cells[c] |= split ? 2 : 1;
        if (twice) {
            rc = flow_i_fail(FLOW_ERR_DIMENSION, "%s: industry %s/%s appears twice", file,
                             regions[i], sectors[i]);
            goto done;
        }
    }
    for (int64_t c = 0; c < n; c++)
        if (cells[c] == 0) {
            rc = flow_i_fail(FLOW_ERR_DIMENSION,
                             "%s: region %s has no sector %s (every region needs the same "
                             "sectors)",
                             file, axis->regions[c / axis->nsectors],
                             axis->sectors[c % axis->nsectors]);
            goto done;
        }
done:
    free(cells);
    free(rix);
    free(six);
    return rc;
}

int64_t flow_i_axis_region(const struct flow_i_axis *axis, const char *region)
{
    return flow_i_strmap_get(&axis->region_map, merged(axis, region));
}

int64_t flow_i_axis_index(const struct flow_i_axis *axis, const char *region, const char *sector)
{
    int64_t r = flow_i_axis_region(axis, region);
    int64_t s = flow_i_strmap_get(&axis->sector_map, sector);
    return r >= 0 && s >= 0 ? r * axis->nsectors + s : -1;
}

static void free_list(char **list, int64_t count)
{
    for (int64_t i = 0; list != NULL && i < count; i++)
        free(list[i]);
    free(list);
}

void flow_i_axis_clear(struct flow_i_axis *axis)
{
    free_list(axis->regions, axis->nregions);
    free_list(axis->sectors, axis->nsectors);
    flow_i_strmap_clear(&axis->region_map);
    flow_i_strmap_clear(&axis->sector_map);
    int merge = axis->merge_splits;
    memset(axis, 0, sizeof *axis);
    axis->merge_splits = merge;
}

/* ---------------------------------------------------------------- final demand */

int flow_i_mrio_fd_index(struct flow_i_parts *parts, const char *region, const char *category,
                         int64_t *index)
{
    int64_t owner = flow_i_axis_region(&parts->axis, region);
    char label[512];
    if (owner >= 0)
        snprintf(label, sizeof label, "%s", category);
    else
        snprintf(label, sizeof label, "%s%s%s", region, region[0] && category[0] ? "_" : "",
                 category);
    for (int64_t c = 0; c < parts->k; c++)
        if (parts->fd_owner[c] == owner && strcmp(parts->fd_labels[c], label) == 0) {
            *index = c;
            return FLOW_OK;
        }
    if (parts->k == parts->fd_cap) {
        int64_t cap = parts->fd_cap > 0 ? 2 * parts->fd_cap : 64;
        char **labels = realloc(parts->fd_labels, (size_t)cap * sizeof *labels);
        if (labels == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        parts->fd_labels = labels;
        int64_t *owners = realloc(parts->fd_owner, (size_t)cap * sizeof *owners);
        if (owners == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        parts->fd_owner = owners;
        parts->fd_cap = cap;
    }
    if ((parts->fd_labels[parts->k] = flow_i_strdup(label)) == NULL)
        return FLOW_ERR_NOMEM;
    parts->fd_owner[parts->k] = owner;
    *index = parts->k++;
    return FLOW_OK;
}

/* ---------------------------------------------------------------- extensions */

int flow_i_mrio_add_extension(flow_mrio *m, const char *name, flow_table *f, flow_table *f_y)
{
    if (m->next == m->ext_cap) {
        int64_t cap = m->ext_cap > 0 ? 2 * m->ext_cap : 4;
        struct flow_i_mrio_extension *grown = realloc(m->ext, (size_t)cap * sizeof *grown);
        if (grown == NULL) {
            flow_table_free(f);
            flow_table_free(f_y);
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        }
        m->ext = grown;
        m->ext_cap = cap;
    }
    char *copy = flow_i_strdup(name);
    if (copy == NULL) {
        flow_table_free(f);
        flow_table_free(f_y);
        return FLOW_ERR_NOMEM;
    }
    m->ext[m->next++] = (struct flow_i_mrio_extension){copy, f, f_y};
    return FLOW_OK;
}

static int label_model_columns(flow_table *t, const struct flow_i_axis *axis)
{
    int rc = FLOW_OK;
    for (int64_t j = 0; rc == FLOW_OK && j < flow_table_cols(t); j++)
        rc = flow_table_set_col_label(t, j, axis->sectors[j % axis->nsectors],
                                      axis->regions[j / axis->nsectors]);
    return rc;
}

static int copy_row_labels(flow_table *dst, const flow_table *src)
{
    int rc = FLOW_OK;
    for (int64_t i = 0; rc == FLOW_OK && i < flow_table_rows(src); i++)
        rc = flow_table_set_row_label(dst, i, flow_table_row_label(src, i),
                                      flow_table_row_group(src, i));
    return rc;
}

int flow_i_mrio_columns_to_model(flow_table **out, const flow_table *t,
                                 const struct flow_i_parts *parts, const char *file)
{
    const struct flow_i_axis *axis = &parts->axis;
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t),
            n = axis->nregions * axis->nsectors;
    int64_t *map = flow_i_malloc(cols, sizeof *map);
    flow_table *res = NULL;
    int rc = map == NULL ? FLOW_ERR_NOMEM : FLOW_OK;
    *out = NULL;
    for (int64_t j = 0; rc == FLOW_OK && j < cols; j++)
        if ((map[j] = flow_i_axis_index(axis, flow_table_col_group(t, j),
                                        flow_table_col_label(t, j))) < 0)
            rc = flow_i_fail(
                FLOW_ERR_DIMENSION, "%s: column %lld (%s/%s) is no industry of the table", file,
                (long long)j + 1, flow_table_col_group(t, j), flow_table_col_label(t, j));
    if (rc == FLOW_OK && (rc = flow_table_new(&res, rows, n, NULL, n)) == FLOW_OK) {
        const double *src = flow_table_values(t);
        double *dst = flow_i_table_cells(res);
        for (int64_t i = 0; i < rows; i++)
            for (int64_t j = 0; j < cols; j++)
                dst[i * n + map[j]] += src[i * cols + j];
        if ((rc = label_model_columns(res, axis)) == FLOW_OK)
            rc = copy_row_labels(res, t);
    }
    free(map);
    if (rc != FLOW_OK) {
        flow_table_free(res);
        return rc;
    }
    *out = res;
    return FLOW_OK;
}

/* ---------------------------------------------------------------- the model */

/* Largest relative gap |a - b| / max(|a|, |b|) over n entries where a is not NaN; *above counts
 * gaps over tol. */
static double largest_gap(const double *a, const double *b, int64_t n, double tol, int64_t *above,
                          int64_t *worst)
{
    double gap = 0.0;
    *above = 0;
    *worst = -1;
    for (int64_t i = 0; i < n; i++) {
        if (isnan(a[i]))
            continue;
        double scale = fmax(fabs(a[i]), fabs(b[i]));
        double g = scale > 0.0 ? fabs(a[i] - b[i]) / scale : 0.0;
        *above += g > tol;
        if (g > gap) {
            gap = g;
            *worst = i;
        }
    }
    return gap;
}

static int has_values(const double *v, int64_t n)
{
    for (int64_t i = 0; v != NULL && i < n; i++)
        if (!isnan(v[i]))
            return 1;
    return 0;
}

/* Appends printf text to a growing string. */
static int append(char **buf, size_t *len, const char *fmt, ...) FLOW_I_PRINTF(3, 4);
static int append(char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *grown = realloc(*buf, *len + (size_t)need + 1);
    if (grown == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    va_start(ap, fmt);
    vsnprintf(grown + *len, (size_t)need + 1, fmt, ap);
    va_end(ap);
    *buf = grown;
    *len += (size_t)need;
    return FLOW_OK;
}

static void describe(const struct flow_i_axis *axis, int64_t i, char *buf, size_t cap)
{
    if (i < 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%s/%s", axis->regions[i / axis->nsectors],
                 axis->sectors[i % axis->nsectors]);
}

static int write_summary(flow_mrio *m, const struct flow_i_parts *parts,
                         const flow_mrio_options *opts)
{
    const struct flow_i_axis *axis = &parts->axis;
    flow_io_model *model = m->model;
    int64_t n = flow_i_io_order(model), k = flow_i_io_final_demand_count(model);
    char *s = NULL;
    size_t len = 0;
    int rc = append(&s, &len,
                    "%s: %lld regions x %lld sectors, %lld final-demand columns, %lld "
                    "extensions\nfiles: %s\n",
                    parts->format_name, (long long)axis->nregions, (long long)axis->nsectors,
                    (long long)k, (long long)m->next, parts->files);
    if (rc == FLOW_OK && axis->merged > 0)
        rc = append(&s, &len,
                    "split regions merged: %lld industries (CN1/CN2 into CHN, MX1/MX2 into MEX)\n",
                    (long long)axis->merged);
    double *sums = flow_i_malloc(n, sizeof *sums);
    if (rc == FLOW_OK && sums == NULL)
        rc = FLOW_ERR_NOMEM;
    const double *z = flow_i_io_intermediate(model), *y = flow_i_io_final_demand(model);
    if (rc == FLOW_OK && has_values(m->given_x, n)) {
        /* Unless the given output was trusted, the model's x is these row sums already. */
        for (int64_t i = 0; i < n && !opts->trust_given; i++)
            sums[i] = flow_i_io_output(model)[i];
        for (int64_t i = 0; i < n && opts->trust_given; i++) {
            sums[i] = 0.0;
            for (int64_t j = 0; j < n; j++)
                sums[i] += z[i * n + j];
            for (int64_t c = 0; c < k; c++)
                sums[i] += y[i * k + c];
        }
        int64_t above, worst;
        char name[256];
        double gap = largest_gap(m->given_x, sums, n, opts->tolerance, &above, &worst);
        describe(axis, worst, name, sizeof name);
        rc = append(&s, &len,
                    "given output vs row sums Z1 + Y1: largest relative gap %.3g at %s, %lld "
                    "sectors above %g; the model uses %s\n",
                    gap, name, (long long)above, opts->tolerance,
                    opts->trust_given ? "the given output" : "the row sums");
    }
    if (rc == FLOW_OK && has_values(m->given_inputs, n)) {
        const double *v = flow_i_io_value_added(model);
        for (int64_t j = 0; j < n; j++)
            sums[j] = v[j];
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                sums[j] += z[i * n + j];
        int64_t above, worst;
        char name[256];
        double gap = largest_gap(m->given_inputs, sums, n, opts->tolerance, &above, &worst);
        describe(axis, worst, name, sizeof name);
        rc = append(&s, &len,
                    "given output row vs column sums Z'1 + v: largest relative gap %.3g at %s, "
                    "%lld sectors above %g\n",
                    gap, name, (long long)above, opts->tolerance);
    }
    free(sums);
    if (rc != FLOW_OK) {
        free(s);
        return rc;
    }
    m->summary = s;
    return FLOW_OK;
}

/* v as the column sums of the factor inputs, when the table has them. */
static int value_added(const flow_mrio *m, int64_t n, double **v)
{
    *v = NULL;
    for (int64_t e = 0; e < m->next; e++) {
        if (strcmp(m->ext[e].name, "factor_inputs") != 0)
            continue;
        const flow_table *f = m->ext[e].f;
        if ((*v = flow_i_calloc(n, sizeof **v)) == NULL)
            return FLOW_ERR_NOMEM;
        for (int64_t r = 0; r < flow_table_rows(f); r++)
            for (int64_t j = 0; j < n; j++)
                (*v)[j] += flow_table_values(f)[r * n + j];
    }
    return FLOW_OK;
}

static int nan_vector(double **v, int64_t n)
{
    if (*v != NULL)
        return FLOW_OK;
    if ((*v = flow_i_malloc(n, sizeof **v)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        (*v)[i] = NAN;
    return FLOW_OK;
}

int flow_i_mrio_finish(flow_mrio *m, struct flow_i_parts *parts, const flow_mrio_options *opts)
{
    struct flow_i_axis *axis = &parts->axis;
    int64_t n = axis->nregions * axis->nsectors;
    double *v = NULL;
    int rc;
    int use_given = opts->trust_given && has_values(parts->given_x, n);
    if ((rc = value_added(m, n, &v)) != FLOW_OK)
        return rc;
    /* The model takes the parsed Z and Y over: no n x n copy. */
    rc = flow_i_io_model_adopt(&m->model, n, &parts->z, parts->k, &parts->y, v,
                               use_given ? parts->given_x : NULL);
    free(v);
    if (rc != FLOW_OK ||
        (rc =
             flow_io_model_set_regions(m->model, axis->nregions, (const char *const *)axis->regions,
                                       (const char *const *)axis->sectors)) != FLOW_OK ||
        (rc = flow_io_model_set_final_demand(m->model, (const char *const *)parts->fd_labels,
                                             parts->fd_owner)) != FLOW_OK)
        return rc;
    m->given_x = parts->given_x;
    m->given_inputs = parts->given_inputs;
    parts->given_x = parts->given_inputs = NULL;
    if ((rc = nan_vector(&m->given_x, n)) != FLOW_OK ||
        (rc = nan_vector(&m->given_inputs, n)) != FLOW_OK)
        return rc;
    return write_summary(m, parts, opts);
}

void flow_i_mrio_parts_clear(struct flow_i_parts *parts)
{
    flow_i_axis_clear(&parts->axis);
    free(parts->z);
    free(parts->y);
    free_list(parts->fd_labels, parts->k);
    free(parts->fd_owner);
    free(parts->given_x);
    free(parts->given_inputs);
    parts->z = parts->y = parts->given_x = parts->given_inputs = NULL;
    parts->fd_labels = NULL;
    parts->fd_owner = NULL;
    parts->k = parts->fd_cap = 0;
}
