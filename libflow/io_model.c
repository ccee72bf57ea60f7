/*
 * io_model.c - the input-output model: construction, labels, the cached LU of
 * (I - A), Leontief and Ghosh solves, and forming L and G on request.
 */
#include "io_internal.h"
#include "io_productivity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct flow_io_model {
    int64_t n;
    int64_t k;
    double *z;           /* n x n, as given */
    double *xinv;        /* n, 1 / x (0 for a zero-output sector) */
    double *y;           /* n x k */
    double *y_total;     /* n, Y 1 */
    double *v;           /* n */
    double *x;           /* n */
    int64_t regions;     /* >= 1 */
    int64_t sectors;     /* n / regions */
    char **region_codes; /* regions entries, NULL meaning "" */
    char **sector_codes; /* sectors entries */
    char **fd_labels;    /* k entries */
    int64_t *fd_region;  /* k entries, -1 for none */
    flow_i_lu *lu;       /* cached factorisation of I - A, NULL until first use */
};

/* ------------------------------------------------------------------ labels */

static void free_codes(char **codes, int64_t count)
{
    if (codes == NULL)
        return;
    for (int64_t i = 0; i < count; i++)
        free(codes[i]);
    free(codes);
}

/* New array of count copies of src (NULL src: all unnamed). */
static int copy_codes(char ***out, int64_t count, const char *const *src)
{
    char **codes = flow_i_calloc(count, sizeof *codes);
    *out = NULL;
    if (codes == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; src != NULL && i < count; i++) {
        if (src[i] == NULL || src[i][0] == '\0')
            continue;
        codes[i] = flow_i_strdup(src[i]);
        if (codes[i] == NULL) {
            free_codes(codes, count);
            return FLOW_ERR_NOMEM;
        }
    }
    *out = codes;
    return FLOW_OK;
}

static const char *code_or_empty(char **codes, int64_t count, int64_t i)
{
    if (codes == NULL || i < 0 || i >= count)
        return NULL;
    return codes[i] != NULL ? codes[i] : "";
}

int flow_io_model_set_regions(flow_io_model *m, int64_t regions, const char *const *region_codes,
                              const char *const *sector_codes)
{
    int rc;
    char **rcodes = NULL, **scodes = NULL;
    if (m == NULL || regions <= 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a model needs a positive number of regions");
    if (m->n % regions != 0)
        return flow_i_fail(FLOW_ERR_DIMENSION, "%lld regions do not divide the %lld sectors",
                           (long long)regions, (long long)m->n);
    int64_t sectors = m->n / regions;
    if ((rc = copy_codes(&rcodes, regions, region_codes)) != FLOW_OK ||
        (rc = copy_codes(&scodes, sectors, sector_codes)) != FLOW_OK) {
        free_codes(rcodes, regions);
        return rc;
    }
    free_codes(m->region_codes, m->regions);
    free_codes(m->sector_codes, m->sectors);
    m->region_codes = rcodes;
    m->sector_codes = scodes;
    m->regions = regions;
    m->sectors = sectors;
    /* The usual MRIO layout: each region's final-demand categories side by side. */
    int64_t per_region = m->k % regions == 0 ? m->k / regions : 0;
    for (int64_t c = 0; c < m->k; c++)
        m->fd_region[c] = per_region > 0 ? c / per_region : -1;
    return FLOW_OK;
}

int flow_io_model_set_final_demand(flow_io_model *m, const char *const *labels,
                                   const int64_t *regions)
{
    int rc;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    for (int64_t c = 0; regions != NULL && c < m->k; c++)
        if (regions[c] < -1 || regions[c] >= m->regions)
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "final-demand column %lld: region %lld is not in [-1, %lld)",
                               (long long)c, (long long)regions[c], (long long)m->regions);
    if (labels != NULL) {
        char **copy = NULL;
        if ((rc = copy_codes(&copy, m->k, labels)) != FLOW_OK)
            return rc;
        free_codes(m->fd_labels, m->k);
        m->fd_labels = copy;
    }
    if (regions != NULL)
        memcpy(m->fd_region, regions, (size_t)m->k * sizeof *regions);
    return FLOW_OK;
}

/* ------------------------------------------------------------------ construction */

void flow_io_model_free(flow_io_model *m)
{
    if (m == NULL)
        return;
    free(m->z);
    free(m->y);
    free(m->y_total);
    free(m->v);
    free(m->x);
    free(m->xinv);
    free_codes(m->region_codes, m->regions);
    free_codes(m->sector_codes, m->sectors);
    free_codes(m->fd_labels, m->k);
    free(m->fd_region);
    flow_i_lu_free(m->lu);
    free(m);
}

static int alloc_model(flow_io_model **out, int64_t n, int64_t k)
{
    int64_t nn = 0, nk = 0;
    int rc;
    *out = NULL;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, k, &nk)) != FLOW_OK)
        return rc;
    flow_io_model *m = flow_i_calloc(1, sizeof *m);
    if (m == NULL)
        return FLOW_ERR_NOMEM;
    m->n = n;
    m->k = k;
    m->regions = 1;
    m->sectors = n;
    m->z = flow_i_malloc(nn, sizeof *m->z);
    m->y = flow_i_malloc(nk, sizeof *m->y);
    m->y_total = flow_i_calloc(n, sizeof *m->y_total);
    m->v = flow_i_malloc(n, sizeof *m->v);
    m->x = flow_i_malloc(n, sizeof *m->x);
    m->xinv = flow_i_malloc(n, sizeof *m->xinv);
    m->region_codes = flow_i_calloc(1, sizeof *m->region_codes);
    m->sector_codes = flow_i_calloc(n, sizeof *m->sector_codes);
    m->fd_labels = flow_i_calloc(k, sizeof *m->fd_labels);
    m->fd_region = flow_i_malloc(k, sizeof *m->fd_region);
    if (!m->z || !m->y || !m->y_total || !m->v || !m->x || !m->xinv || !m->region_codes ||
        !m->sector_codes || !m->fd_labels || !m->fd_region) {
        flow_io_model_free(m);
        return FLOW_ERR_NOMEM;
    }
    for (int64_t c = 0; c < k; c++)
        m->fd_region[c] = 0;
    *out = m;
    return FLOW_OK;
}

static int check_finite(const double *values, int64_t rows, int64_t cols, int64_t stride,
                        const char *what)
{
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            if (!isfinite(values[i * stride + j]))
                return flow_i_fail(FLOW_ERR_VALUE, "%s[%lld][%lld] is not a finite number", what,
                                   (long long)i, (long long)j);
    return FLOW_OK;
}

/*
 * Derives y, x (unless given), v (unless given) and 1/x from the stored Z and
 * Y. A is not stored: it is Z x^-1, formed where needed (the factorisation
 * builds I - A straight from Z), so a model holds one n x n matrix.
 */
static int derive(flow_io_model *m, int x_given, int v_given)
{
    int64_t n = m->n, k = m->k;
    for (int64_t i = 0; i < n; i++) {
        double fd = 0.0, inter = 0.0;
        for (int64_t c = 0; c < k; c++)
            fd += m->y[i * k + c];
        for (int64_t j = 0; j < n; j++)
            inter += m->z[i * n + j];
        m->y_total[i] = fd;
        if (!x_given)
            m->x[i] = inter + fd;
        if (m->x[i] < 0.0)
            return flow_i_fail(FLOW_ERR_VALUE, "gross output of sector %lld is negative (%g)%s",
                               (long long)i, m->x[i], x_given ? "" : " as the row sum of Z and Y");
    }
    if (!v_given) {
        memcpy(m->v, m->x, (size_t)n * sizeof *m->v);
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                m->v[j] -= m->z[i * n + j];
    }
    for (int64_t j = 0; j < n; j++)
        m->xinv[j] = flow_i_io_inverse_output(m->x[j]);
    return FLOW_OK;
}

/* The checks of flow_io_model_new's arguments, before anything of the caller's is read. */
static int check_arrays(int64_t n, const double *z, int64_t z_stride, int64_t k, const double *y,
                        int64_t y_stride, const double *v, const double *x)
{
    int rc;
    if (n == 0)
        return flow_i_fail(FLOW_ERR_EMPTY, "an input-output model needs at least one sector");
    if (n < 0 || k < 0 || z == NULL || z_stride < n || (k > 0 && (y == NULL || y_stride < k)))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "invalid IO arrays: n = %lld, k = %lld, Z stride %lld, Y stride %lld%s",
                           (long long)n, (long long)k, (long long)z_stride, (long long)y_stride,
                           z == NULL || (k > 0 && y == NULL) ? " (NULL array)" : "");
    /* Sizes first: nothing of the caller's is read before every offset fits. */
    int64_t nn = 0, nk = 0;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, k, &nk)) != FLOW_OK ||
        (rc = flow_i_check_in_matrix(z, n, n, z_stride, "Z")) != FLOW_OK ||
        (rc = flow_i_check_in_matrix(y, n, k, y_stride, "Y")) != FLOW_OK)
        return rc;
    if ((rc = check_finite(z, n, n, z_stride, "Z")) != FLOW_OK ||
        (k > 0 && (rc = check_finite(y, n, k, y_stride, "Y")) != FLOW_OK) ||
        (v != NULL && (rc = check_finite(v, 1, n, n, "v")) != FLOW_OK) ||
        (x != NULL && (rc = check_finite(x, 1, n, n, "x")) != FLOW_OK))
        return rc;
    return FLOW_OK;
}

/* v, x given or not, then the derived vectors; frees m on failure. */
static int finish_model(flow_io_model **out, flow_io_model *m, const double *v, const double *x)
{
    int rc;
    if (v != NULL)
        memcpy(m->v, v, (size_t)m->n * sizeof *v);
    if (x != NULL)
        memcpy(m->x, x, (size_t)m->n * sizeof *x);
    if ((rc = derive(m, x != NULL, v != NULL)) != FLOW_OK) {
        flow_io_model_free(m);
        return rc;
    }
    *out = m;
    return FLOW_OK;
}

/* flow_io_model_new over arrays with row strides (the country builder's flows have one). */
static int model_new_strided(flow_io_model **out, int64_t n, const double *z, int64_t z_stride,
                             int64_t k, const double *y, int64_t y_stride, const double *v,
                             const double *x)
{
    int rc;
    flow_io_model *m = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if ((rc = check_arrays(n, z, z_stride, k, y, y_stride, v, x)) != FLOW_OK ||
        (rc = alloc_model(&m, n, k)) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++) {
        memcpy(m->z + i * n, z + i * z_stride, (size_t)n * sizeof *z);
        if (k > 0)
            memcpy(m->y + i * k, y + i * y_stride, (size_t)k * sizeof *y);
    }
    return finish_model(out, m, v, x);
}

int flow_i_io_model_adopt(flow_io_model **out, int64_t n, double **z, int64_t k, double **y,
                          const double *v, const double *x)
{
    int rc;
    flow_io_model *m = NULL;
    *out = NULL;
    if ((rc = check_arrays(n, *z, n, k, *y, k, v, x)) != FLOW_OK ||
        (rc = alloc_model(&m, n, k)) != FLOW_OK) {
        free(*z);
        free(*y);
        *z = *y = NULL;
        return rc;
    }
    /* The allocations alloc_model made were never touched: no page of them was faulted in. */
    free(m->z);
    free(m->y);
    m->z = *z;
    m->y = *y;
    *z = *y = NULL;
    return finish_model(out, m, v, x);
}

int flow_io_model_new(flow_io_model **out, int64_t n, const double *z, int64_t k, const double *y,
                      const double *v, const double *x)
{
    return model_new_strided(out, n, z, n, k, y, k, v, x);
}

int flow_io_model_new_country(flow_io_model **out, int64_t n, const double *flows, int64_t stride,
                              const double *size, const char *const *codes)
{
    int rc;
    double *y = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (n == 0)
        return flow_i_fail(FLOW_ERR_EMPTY, "an input-output model needs at least one economy");
    if (n < 0 || flows == NULL || size == NULL || stride < n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "country system needs n > 0 economies, flows, sizes and stride >= n");
    int64_t nn = 0;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_check_in_matrix(flows, n, n, stride, "flows")) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++) {
        const char *name = codes != NULL && codes[i] != NULL ? codes[i] : "";
        if (!isfinite(size[i]) || size[i] <= 0.0)
            return flow_i_fail(FLOW_ERR_VALUE, "economy %lld (%s): size %g is not positive",
                               (long long)i, name, size[i]);
        for (int64_t j = 0; j < n; j++)
            if (!isfinite(flows[i * stride + j]) || flows[i * stride + j] < 0.0)
                return flow_i_fail(FLOW_ERR_VALUE, "flow from economy %lld (%s) to %lld is %g",
                                   (long long)i, name, (long long)j, flows[i * stride + j]);
    }
    y = flow_i_calloc(nn, sizeof *y);
    if (y == NULL)
        return FLOW_ERR_NOMEM;
    /* Final demand diag(x - Z 1): economy i's own final use of its size. */
    for (int64_t i = 0; i < n; i++) {
        double sent = 0.0;
        for (int64_t j = 0; j < n; j++)
            sent += flows[i * stride + j];
        y[i * n + i] = size[i] - sent;
    }
    rc = model_new_strided(out, n, flows, stride, n, y, n, NULL, size);
    free(y);
    if (rc == FLOW_OK && (rc = flow_io_model_set_regions(*out, n, codes, NULL)) != FLOW_OK) {
        flow_io_model_free(*out);
        *out = NULL;
    }
    return rc;
}

/* ------------------------------------------------------------------ from tables */

static const char *group_of(const flow_table *t, int64_t row)
{
    const char *g = flow_table_row_group(t, row);
    return g != NULL ? g : "";
}

/* Region blocks of Z's rows: contiguous, equal-sized, same sector codes in each. */
static int detect_regions(const flow_table *z, int64_t *regions, const char ***codes)
{
    int64_t n = flow_table_rows(z), count = 0, sectors = n;
    *codes = flow_i_calloc(n, sizeof **codes);
    if (*codes == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(group_of(z, i), group_of(z, i - 1)) == 0)
            continue;
        for (int64_t r = 0; r < count; r++)
            if (strcmp((*codes)[r], group_of(z, i)) == 0)
                return flow_i_fail(FLOW_ERR_INVALID_ARG,
                                   "Z row %lld: region '%s' appears in two separate blocks",
                                   (long long)i, group_of(z, i));
        if (count == 1)
            sectors = i;
        (*codes)[count++] = group_of(z, i);
    }
    for (int64_t i = 0; count > 1 && i < n; i++) {
        if (n % count != 0 || strcmp(group_of(z, i), (*codes)[i / sectors]) != 0)
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "Z row %lld: regions are not blocks of %lld sectors", (long long)i,
                               (long long)sectors);
        if (strcmp(flow_table_row_label(z, i), flow_table_row_label(z, i % sectors)) != 0)
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "Z row %lld: sector '%s' where region '%s' has '%s'", (long long)i,
                               flow_table_row_label(z, i), (*codes)[0],
                               flow_table_row_label(z, i % sectors));
    }
    *regions = count > 0 ? count : 1;
    return FLOW_OK;
}

/* Sums the rows of v (primary-input rows) and reads x from a row or column table. */
static int table_vectors(const flow_table *v, const flow_table *x, int64_t n, double **vout,
                         double **xout)
{
    if (v != NULL) {
        if (flow_table_cols(v) != n)
            return flow_i_fail(FLOW_ERR_DIMENSION, "value added has %lld columns, Z has %lld",
                               (long long)flow_table_cols(v), (long long)n);
        if ((*vout = flow_i_calloc(n, sizeof **vout)) == NULL)
            return FLOW_ERR_NOMEM;
        const double *vals = flow_table_values(v);
        for (int64_t r = 0; r < flow_table_rows(v); r++)
            for (int64_t j = 0; j < n; j++)
                (*vout)[j] += vals[r * n + j];
    }
    if (x != NULL) {
        if (flow_table_rows(x) * flow_table_cols(x) != n ||
            (flow_table_rows(x) != 1 && flow_table_cols(x) != 1))
            return flow_i_fail(
                FLOW_ERR_DIMENSION, "gross output is %lld x %lld, expected %lld values",
                (long long)flow_table_rows(x), (long long)flow_table_cols(x), (long long)n);
        if ((*xout = flow_i_malloc(n, sizeof **xout)) == NULL)
            return FLOW_ERR_NOMEM;
        memcpy(*xout, flow_table_values(x), (size_t)n * sizeof **xout);
    }
    return FLOW_OK;
}

static int label_final_demand(flow_io_model *m, const flow_table *y, const char **codes)
{
    int rc = FLOW_ERR_NOMEM;
    const char **labels = flow_i_calloc(m->k, sizeof *labels);
    int64_t *owner = flow_i_malloc(m->k, sizeof *owner);
    if (labels == NULL || owner == NULL)
        goto done;
    for (int64_t c = 0; c < m->k; c++) {
        const char *g = flow_table_col_group(y, c);
        labels[c] = flow_table_col_label(y, c);
        owner[c] = m->regions == 1 && (g == NULL || g[0] == '\0') ? 0 : -1;
        for (int64_t r = 0; g != NULL && r < m->regions; r++)
            if (strcmp(g, codes[r]) == 0)
                owner[c] = r;
    }
    rc = flow_io_model_set_final_demand(m, labels, owner);
done:
    free(labels);
    free(owner);
    return rc;
}

int flow_io_model_new_from_tables(flow_io_model **out, const flow_table *z, const flow_table *y,
                                  const flow_table *v, const flow_table *x)
{
    int rc;
    double *vv = NULL, *xv = NULL;
    const char **codes = NULL, **sectors = NULL;
    flow_io_model *m = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (z == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "Z table is NULL");
    int64_t n = flow_table_rows(z), k = y != NULL ? flow_table_cols(y) : 0;
    if (flow_table_cols(z) != n || (y != NULL && flow_table_rows(y) != n))
        return flow_i_fail(FLOW_ERR_DIMENSION,
                           "Z is %lld x %lld and Y has %lld rows: Z must be "
                           "square and Y must have its rows",
                           (long long)n, (long long)flow_table_cols(z),
                           (long long)flow_table_rows(y));
    int64_t regions = 1;
    if ((rc = table_vectors(v, x, n, &vv, &xv)) != FLOW_OK ||
        (rc = detect_regions(z, &regions, &codes)) != FLOW_OK)
        goto done;
    sectors = flow_i_calloc(n, sizeof *sectors);
    if (sectors == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < n / regions; i++)
        sectors[i] = flow_table_row_label(z, i);
    if ((rc = flow_io_model_new(&m, n, flow_table_values(z), k,
                                y != NULL ? flow_table_values(y) : NULL, vv, xv)) != FLOW_OK ||
        (rc = flow_io_model_set_regions(m, regions, codes, sectors)) != FLOW_OK ||
        (y != NULL && (rc = label_final_demand(m, y, codes)) != FLOW_OK))
        goto done;
    *out = m;
    m = NULL;
done:
    flow_io_model_free(m);
    free(vv);
    free(xv);
    free(codes);
    free(sectors);
    return rc;
}

/* ------------------------------------------------------------------ accessors */

int64_t flow_i_io_order(const flow_io_model *m)
{
    return m != NULL ? m->n : 0;
}

int64_t flow_i_io_final_demand_count(const flow_io_model *m)
{
    return m != NULL ? m->k : 0;
}

int64_t flow_i_io_region_count(const flow_io_model *m)
{
    return m != NULL ? m->regions : 0;
}

int64_t flow_i_io_sector_count(const flow_io_model *m)
{
    return m != NULL ? m->sectors : 0;
}

const char *flow_i_io_region_code(const flow_io_model *m, int64_t r)
{
    return m != NULL ? code_or_empty(m->region_codes, m->regions, r) : NULL;
}

const char *flow_i_io_sector_code(const flow_io_model *m, int64_t s)
{
    return m != NULL ? code_or_empty(m->sector_codes, m->sectors, s) : NULL;
}

int flow_i_io_codes(const flow_io_model *m, int regions, const char ***out, int64_t *count)
{
    *count = regions ? flow_i_io_region_count(m) : flow_i_io_sector_count(m);
    if ((*out = flow_i_calloc(*count > 0 ? *count : 1, sizeof **out)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < *count; i++)
        (*out)[i] = regions ? flow_i_io_region_code(m, i) : flow_i_io_sector_code(m, i);
    return FLOW_OK;
}

const char *flow_i_io_final_demand_label(const flow_io_model *m, int64_t c)
{
    return m != NULL ? code_or_empty(m->fd_labels, m->k, c) : NULL;
}

int64_t flow_i_io_final_demand_region(const flow_io_model *m, int64_t c)
{
    return m != NULL && c >= 0 && c < m->k ? m->fd_region[c] : -1;
}

const double *flow_i_io_output(const flow_io_model *m)
{
    return m != NULL ? m->x : NULL;
}

const double *flow_i_io_value_added(const flow_io_model *m)
{
    return m != NULL ? m->v : NULL;
}

const double *flow_i_io_final_demand_total(const flow_io_model *m)
{
    return m != NULL ? m->y_total : NULL;
}

/*
 * dst (row stride `stride`) = Z with every entry scaled by 1/x of its column
 * (A = Z x^-1) or, when by_row, of its row (B = x^-1 Z).
 */
static void write_scaled_intermediate(const flow_io_model *m, int by_row, double *dst,
                                      int64_t stride)
{
    for (int64_t i = 0; i < m->n; i++)
        for (int64_t j = 0; j < m->n; j++)
            dst[i * stride + j] = m->z[i * m->n + j] * m->xinv[by_row ? i : j];
}

const double *flow_i_io_inverse_outputs(const flow_io_model *m)
{
    return m->xinv;
}

const double *flow_i_io_intermediate(const flow_io_model *m)
{
    return m != NULL ? m->z : NULL;
}

const double *flow_i_io_final_demand(const flow_io_model *m)
{
    return m != NULL ? m->y : NULL;
}

int64_t flow_i_io_region_of(const flow_io_model *m, int64_t index)
{
    return m->sectors > 0 ? index / m->sectors : 0;
}

void flow_i_io_describe(const flow_io_model *m, int64_t i, char *buf, size_t cap)
{
    const char *region = m != NULL ? flow_i_io_region_code(m, flow_i_io_region_of(m, i)) : NULL;
    const char *sector = m != NULL ? flow_i_io_sector_code(m, i % m->sectors) : NULL;
    flow_i_describe_node(buf, cap, i, region, sector);
}

/* Labels entry i of one axis of t (rows or columns, by the setter given). */
static int label_axis(flow_table *t, const flow_io_model *m,
                      int (*set)(flow_table *, int64_t, const char *, const char *))
{
    int rc = FLOW_OK;
    for (int64_t i = 0; rc == FLOW_OK && i < m->n; i++) {
        const char *region = flow_i_io_region_code(m, flow_i_io_region_of(m, i));
        const char *sector = flow_i_io_sector_code(m, i % m->sectors);
        /* Country systems (one unnamed sector per region) are labelled by
         * region alone; tables by sector within region. */
        if (m->sectors == 1 && sector[0] == '\0')
            rc = set(t, i, region, NULL);
        else
            rc = set(t, i, sector, region);
    }
    return rc;
}

int flow_i_io_label_rows(flow_table *t, const flow_io_model *m)
{
    return label_axis(t, m, flow_table_set_row_label);
}

int flow_i_io_label_cols(flow_table *t, const flow_io_model *m)
{
    return label_axis(t, m, flow_table_set_col_label);
}

/* ------------------------------------------------------------------ factorisation */

/* Below this many entries one thread fills I - A faster than starting two. */
#define FILL_PARALLEL_MIN (1 << 18)

/*
 * One pass that writes M = I - S diag(c) (S row-major n x n, c a column scale:
 * 1/x to turn Z into A, or ones) into dst with row stride ld, and on the way
 * learns what decides productivity without a solve: whether some
 * off-diagonal a_ij is negative, and the column sums of A. The pass is
 * memory-bound, so it runs on as many threads as the BLAS would.
 */
struct leontief_fill {
    const double *src, *scale;
    double *dst;
    int64_t n, src_ld, ld;            /* dst may be src (then ld = src_ld) */
    double *colsum[FLOW_I_MAX_PARTS]; /* per part, n entries */
    int64_t negative[FLOW_I_MAX_PARTS];
    int64_t nans[FLOW_I_MAX_PARTS];
};

static void fill_rows(void *ctx, int part, int64_t begin, int64_t end)
{
    struct leontief_fill *f = ctx;
    int64_t n = f->n, negative = 0, nans = 0;
    double *colsum = f->colsum[part];
    for (int64_t i = begin; i < end; i++) {
        const double *s = f->src + i * f->src_ld;
        double *d = f->dst + i * f->ld;
        negative -= s[i] * f->scale[i] < 0.0; /* the diagonal may be negative; read before d */
        for (int64_t j = 0; j < n; j++) {
            double a = s[j] * f->scale[j];
            d[j] = -a;
            colsum[j] += a;
            negative += a < 0.0;
            nans += isnan(a) != 0;
        }
        d[i] += 1.0;
    }
    f->negative[part] = negative;
    f->nans[part] = nans;
}

/* What the fill proves about productivity (see the top of io.h). */
enum leontief_verdict {
    VERDICT_UNCHECKED,  /* negative off-diagonal entries: only singularity is checked */
    VERDICT_PRODUCTIVE, /* A >= 0 off the diagonal, every column sum of A < 1 */
    VERDICT_SOLVE       /* A >= 0 off the diagonal: (I - A) z = 1 must give z > 0 */
};

/* *nan_free (when not NULL): 1 when the filled matrix holds no NaN. */
static int fill_leontief(const double *src, int64_t src_ld, const double *scale, int64_t n,
                         double *dst, int64_t ld, enum leontief_verdict *verdict, int *nan_free)
{
    struct leontief_fill f = {
        .src = src, .scale = scale, .dst = dst, .n = n, .src_ld = src_ld, .ld = ld};
    int parts = n * n >= FILL_PARALLEL_MIN ? flow_i_blas_threads() : 1;
    parts = parts > FLOW_I_MAX_PARTS ? FLOW_I_MAX_PARTS : parts;
    int rc = FLOW_OK;
    for (int p = 0; p < parts; p++)
        if ((f.colsum[p] = flow_i_calloc(n, sizeof *f.colsum[p])) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto done;
        }
    flow_i_split_rows(n, parts, fill_rows, &f);
    int64_t negative = 0;
    double widest = -INFINITY;
    int64_t nans = 0;
    for (int p = 0; p < parts; p++) {
        negative += f.negative[p];
        nans += f.nans[p];
    }
    if (nan_free != NULL)
        *nan_free = nans == 0;
    for (int64_t j = 0; j < n; j++) {
        double sum = 0.0;
        for (int p = 0; p < parts; p++)
            sum += f.colsum[p][j];
        widest = fmax(widest, sum);
    }
    /*
     * A Z-matrix that is strictly diagonally dominant by columns
     * (1 - a_jj > sum_{i != j} a_ij, i.e. every column sum of A below 1) is a
     * non-singular M-matrix: productive with no solve. Real tables, with
     * positive value added, are always in this case.
     */
    *verdict = negative > 0 ? VERDICT_UNCHECKED
                            : (flow_i_productivity_needs_solve(0, widest) ? VERDICT_SOLVE
                                                                          : VERDICT_PRODUCTIVE);
done:
    for (int p = 0; p < parts; p++)
        free(f.colsum[p]);
    return rc;
}

/* z = (I - A)^-1 1 must be positive and finite; fails naming the first sector where it is not. */
static int require_positive_output(const double *z, int64_t n, const flow_io_model *names)
{
    int64_t i = flow_i_first_not_productive(z, n);
    if (i < 0)
        return FLOW_OK;
    char name[160];
    flow_i_io_describe(names, i, name, sizeof name);
    return flow_i_fail(FLOW_ERR_NOT_PRODUCTIVE, FLOW_I_NOT_PRODUCTIVE_MESSAGE, z[i], name);
}

/*
 * A Z-matrix M is a non-singular M-matrix (M^-1 >= 0, i.e. rho(A) < 1 for
 * M = I - A, A >= 0) iff M z = 1 has a solution z > 0: one solve decides it.
 */
static int check_productive(const flow_i_lu *lu, int64_t n, const flow_io_model *names)
{
    int rc = FLOW_OK;
    double *z = flow_i_malloc(n, sizeof *z);
    if (z == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        z[i] = 1.0;
    if ((rc = flow_i_lu_solve(lu, 0, z, 1)) == FLOW_OK)
        rc = require_positive_output(z, n, names);
    free(z);
    return rc;
}

/* Rewords linalg's FLOW_ERR_SINGULAR for I - A; other codes pass through. */
static int leontief_failure(int rc)
{
    if (rc != FLOW_ERR_SINGULAR)
        return rc;
    char detail[256];
    snprintf(detail, sizeof detail, "%s", flow_last_error());
    return flow_i_fail(FLOW_ERR_SINGULAR,
                       "I - A is singular, the Leontief inverse does not exist (%s)", detail);
}

/*
 * LU of I - S diag(scale); when `check`, also its productivity. names (may
 * be NULL) names sectors in messages.
 */
static int factor_leontief(flow_i_lu **out, const double *src, const double *scale, int64_t n,
                           int check, const flow_io_model *names)
{
    int rc;
    int64_t nn = 0;
    enum leontief_verdict verdict;
    int nan_free = 0;
    *out = NULL;
    if ((rc = flow_i_la_check_order(n)) != FLOW_OK || (rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    double *m = flow_i_malloc(nn, sizeof *m);
    if (m == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = fill_leontief(src, n, scale, n, m, n, &verdict, &nan_free)) != FLOW_OK) {
        free(m);
        return rc;
    }
    /* The fill has seen every entry: LAPACKE need not scan them again for NaN. */
    if ((rc = nan_free ? flow_i_lu_factor_nan_free(out, m, n) : flow_i_lu_factor(out, m, n)) !=
        FLOW_OK)
        return leontief_failure(rc);
    if (check && verdict == VERDICT_SOLVE && (rc = check_productive(*out, n, names)) != FLOW_OK) {
        flow_i_lu_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The A-matrix entry points: a column scale of ones. */
static int factor_coefficients(flow_i_lu **out, const double *a, int64_t n, int check,
                               const flow_io_model *names)
{
    double *ones = flow_i_malloc(n, sizeof *ones);
    *out = NULL;
    if (ones == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t j = 0; j < n; j++)
        ones[j] = 1.0;
    int rc = factor_leontief(out, a, ones, n, check, names);
    free(ones);
    return rc;
}

int flow_i_io_factor_unchecked(flow_i_lu **out, const double *a, int64_t n)
{
    return factor_coefficients(out, a, n, 0, NULL);
}

int flow_i_io_factor_coefficients(flow_i_lu **out, const double *a, int64_t n,
                                  const flow_io_model *names)
{
    return factor_coefficients(out, a, n, 1, names);
}

int flow_i_io_leontief_lu(flow_io_model *m, const flow_i_lu **out)
{
    int rc = FLOW_OK;
    if (m->lu == NULL)
        rc = factor_leontief(&m->lu, m->z, m->xinv, m->n, 1, m);
    *out = m->lu;
    return rc;
}

int flow_io_model_factor(flow_io_model *m)
{
    const flow_i_lu *lu = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    return flow_i_io_leontief_lu(m, &lu);
}

/* ------------------------------------------------------------------ solves */

int flow_i_io_solve_columns(flow_io_model *m, int transpose, const double *rhs, int64_t rhs_stride,
                            double *dst, int64_t dst_stride, int64_t nrhs)
{
    int rc;
    const flow_i_lu *lu = NULL;
    int64_t n = m->n, total = 0;
    if ((rc = flow_i_io_leontief_lu(m, &lu)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, nrhs, &total)) != FLOW_OK)
        return rc;
    double *w = flow_i_malloc(total, sizeof *w);
    if (w == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        for (int64_t c = 0; c < nrhs; c++)
            w[c * n + i] = rhs[i * rhs_stride + c];
    if ((rc = flow_i_lu_solve(lu, transpose, w, nrhs)) == FLOW_OK)
        for (int64_t i = 0; i < n; i++)
            for (int64_t c = 0; c < nrhs; c++)
                dst[i * dst_stride + c] = w[c * n + i];
    free(w);
    return rc;
}

static int check_solve_args(const flow_io_model *m, int64_t nrhs, const double *in,
                            int64_t in_stride, double *out, int64_t out_len, int64_t out_stride)
{
    int rc;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "solve: model is NULL");
    if (nrhs < 1)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "solve: nrhs must be >= 1 (got %lld)",
                           (long long)nrhs);
    if ((rc = flow_i_check_in_matrix(in, m->n, nrhs, in_stride, "right-hand sides")) != FLOW_OK)
        return rc;
    if (in == out && in_stride != out_stride)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "an in-place solve needs equal strides");
    return flow_i_check_out_matrix(out, out_len, out_stride, m->n, nrhs);
}

int flow_io_model_leontief_solve(flow_io_model *m, int64_t nrhs, const double *y, int64_t y_stride,
                                 double *x, int64_t x_len, int64_t x_stride)
{
    int rc = check_solve_args(m, nrhs, y, y_stride, x, x_len, x_stride);
    if (rc != FLOW_OK)
        return rc;
    return flow_i_io_solve_columns(m, 0, y, y_stride, x, x_stride, nrhs);
}

int flow_io_model_ghosh_solve(flow_io_model *m, int64_t nrhs, const double *v, int64_t v_stride,
                              double *x, int64_t x_len, int64_t x_stride)
{
    int rc = check_solve_args(m, nrhs, v, v_stride, x, x_len, x_stride);
    const flow_i_lu *lu = NULL;
    int64_t n, total = 0;
    if (rc != FLOW_OK || (rc = flow_i_io_leontief_lu(m, &lu)) != FLOW_OK)
        return rc;
    n = m->n;
    if ((rc = flow_i_mul_size(n, nrhs, &total)) != FLOW_OK)
        return rc;
    double *w = flow_i_malloc(total, sizeof *w);
    if (w == NULL)
        return FLOW_ERR_NOMEM;
    /* x' = v' x^-1 L x  <=>  x = diag(x) (I - A)'^-1 (v / x). */
    for (int64_t i = 0; i < n; i++)
        for (int64_t c = 0; c < nrhs; c++)
            w[c * n + i] = v[i * v_stride + c] * flow_i_io_inverse_output(m->x[i]);
    if ((rc = flow_i_lu_solve(lu, 1, w, nrhs)) == FLOW_OK)
        for (int64_t i = 0; i < n; i++)
            for (int64_t c = 0; c < nrhs; c++)
                x[i * x_stride + c] = m->x[i] != 0.0 ? m->x[i] * w[c * n + i] : v[i * v_stride + c];
    free(w);
    return rc;
}

/*
 * L without a cached factorisation: I - A is written into dst and inverted
 * there, so that forming L costs no n x n workspace beyond the caller's
 * buffer (the model keeps no factorisation from it). Productivity, when no
 * dominance argument settles it, is read off L 1 > 0.
 */
static int invert_leontief(const double *src, int64_t src_ld, const double *scale, int64_t n,
                           double *dst, int64_t row_stride, const flow_io_model *names)
{
    int rc;
    enum leontief_verdict verdict;
    if ((rc = flow_i_la_check_order(n)) != FLOW_OK ||
        (rc = fill_leontief(src, src_ld, scale, n, dst, row_stride, &verdict, NULL)) != FLOW_OK)
        return rc;
    if ((rc = flow_i_invert_in_place(dst, n, row_stride)) != FLOW_OK)
        return leontief_failure(rc);
    if (verdict != VERDICT_SOLVE)
        return FLOW_OK;
    double *z = flow_i_calloc(n, sizeof *z);
    if (z == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            z[i] += dst[i * row_stride + j];
    rc = require_positive_output(z, n, names);
    free(z);
    return rc;
}

static int invert_in_buffer(const flow_io_model *m, double *dst, int64_t row_stride)
{
    return invert_leontief(m->z, m->n, m->xinv, m->n, dst, row_stride, m);
}

int flow_i_io_leontief_inverse(const flow_io_model *m, double *dst, int64_t dst_len,
                               int64_t row_stride)
{
    int rc;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if ((rc = flow_i_check_out_matrix(dst, dst_len, row_stride, m->n, m->n)) != FLOW_OK)
        return rc;
    if (m->lu == NULL)
        return invert_in_buffer(m, dst, row_stride);
    return flow_i_lu_inverse(m->lu, dst, row_stride);
}

int flow_i_io_ghosh_inverse(const flow_io_model *m, double *dst, int64_t dst_len,
                            int64_t row_stride)
{
    int rc = flow_i_io_leontief_inverse(m, dst, dst_len, row_stride);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < m->n; i++) {
        double *row = dst + i * row_stride;
        double inv = flow_i_io_inverse_output(m->x[i]);
        for (int64_t j = 0; j < m->n; j++)
            row[j] = inv != 0.0 ? row[j] * m->x[j] * inv : (double)(i == j);
    }
    return FLOW_OK;
}

int flow_i_io_copy_technical(const flow_io_model *m, double *dst, int64_t dst_len,
                             int64_t row_stride)
{
    int rc;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if ((rc = flow_i_check_out_matrix(dst, dst_len, row_stride, m->n, m->n)) != FLOW_OK)
        return rc;
    write_scaled_intermediate(m, 0, dst, row_stride);
    return FLOW_OK;
}

int flow_i_io_copy_allocation(const flow_io_model *m, double *dst, int64_t dst_len,
                              int64_t row_stride)
{
    int rc;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if ((rc = flow_i_check_out_matrix(dst, dst_len, row_stride, m->n, m->n)) != FLOW_OK)
        return rc;
    write_scaled_intermediate(m, 1, dst, row_stride);
    return FLOW_OK;
}

/* ------------------------------------------------------------------ in place of Z */

/*
 * The checks of the in-place entry points: the caller's n x n Z (row stride
 * z_stride) and its n gross outputs are finite, outputs non-negative. On
 * success *scale holds 1/x (0 for a zero-output sector), which the caller frees.
 */
static int in_place_inputs(double **scale, int64_t n, const double *z, int64_t z_stride,
                           const double *x)
{
    int rc;
    *scale = NULL;
    if (n < 1 || x == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "in place: n must be >= 1 and x given");
    if ((rc = flow_i_check_in_matrix(z, n, n, z_stride, "Z")) != FLOW_OK ||
        (rc = check_finite(z, n, n, z_stride, "Z")) != FLOW_OK ||
        (rc = check_finite(x, 1, n, n, "x")) != FLOW_OK)
        return rc;
    for (int64_t j = 0; j < n; j++)
        if (x[j] < 0.0)
            return flow_i_fail(FLOW_ERR_VALUE, "gross output of sector %lld is negative (%g)",
                               (long long)j, x[j]);
    if ((*scale = flow_i_malloc(n, sizeof **scale)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t j = 0; j < n; j++)
        (*scale)[j] = flow_i_io_inverse_output(x[j]);
    return FLOW_OK;
}

int flow_io_leontief_inverse_in_place(int64_t n, double *z, int64_t z_stride, const double *x)
{
    double *scale = NULL;
    int rc = in_place_inputs(&scale, n, z, z_stride, x);
    if (rc == FLOW_OK)
        rc = invert_leontief(z, z_stride, scale, n, z, z_stride, NULL);
    free(scale);
    return rc;
}

int flow_io_leontief_solve_in_place(int64_t n, double *z, const double *x, int64_t nrhs, double *y,
                                    int64_t y_stride)
{
    enum leontief_verdict verdict;
    flow_i_lu *lu = NULL;
    double *scale = NULL, *w = NULL;
    int64_t total = 0;
    int rc = in_place_inputs(&scale, n, z, n, x);
    if (rc != FLOW_OK)
        return rc;
    if (nrhs < 1 || (rc = flow_i_check_in_matrix(y, n, nrhs, y_stride, "y")) != FLOW_OK) {
        rc = nrhs < 1 ? flow_i_fail(FLOW_ERR_INVALID_ARG, "solve: nrhs must be >= 1") : rc;
        goto done;
    }
    if ((rc = flow_i_mul_size(n, nrhs, &total)) != FLOW_OK ||
        (rc = fill_leontief(z, n, scale, n, z, n, &verdict, NULL)) != FLOW_OK)
        goto done;
    if ((rc = flow_i_lu_factor_borrowed(&lu, z, n)) != FLOW_OK) {
        rc = leontief_failure(rc);
        goto done;
    }
    if (verdict == VERDICT_SOLVE && (rc = check_productive(lu, n, NULL)) != FLOW_OK)
        goto done;
    if ((w = flow_i_malloc(total, sizeof *w)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < n; i++)
        for (int64_t c = 0; c < nrhs; c++)
            w[c * n + i] = y[i * y_stride + c];
    if ((rc = flow_i_lu_solve(lu, 0, w, nrhs)) == FLOW_OK)
        for (int64_t i = 0; i < n; i++)
            for (int64_t c = 0; c < nrhs; c++)
                y[i * y_stride + c] = w[c * n + i];
done:
    free(w);
    flow_i_lu_free(lu);
    free(scale);
    return rc;
}
