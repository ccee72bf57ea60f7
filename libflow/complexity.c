/*
 * complexity.c - revealed comparative advantage, economic complexity (ECI,
 * PCI), product proximity and density of an economies x products export
 * table. Definitions in include/libflow/complexity.h.
 */
#include "internal.h"
#include "linalg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rejects a NULL, empty or negative / non-finite export table. */
static int check_exports(const flow_table *x)
{
    if (x == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "exports table is NULL");
    int64_t rows = flow_table_rows(x), cols = flow_table_cols(x);
    if (rows == 0 || cols == 0)
        return flow_i_fail(FLOW_ERR_EMPTY, "exports table has no rows or no columns");
    const double *v = flow_table_values(x);
    for (int64_t i = 0; i < rows * cols; i++)
        if (!isfinite(v[i]) || v[i] < 0.0)
            return flow_i_fail(FLOW_ERR_VALUE,
                               "exports row %lld (\"%s\"), column %lld (\"%s\"): %g is not a "
                               "non-negative number",
                               (long long)(i / cols), flow_table_row_label(x, i / cols),
                               (long long)(i % cols), flow_table_col_label(x, i % cols), v[i]);
    return FLOW_OK;
}

static int check_threshold(double threshold)
{
    if (!(threshold >= 0.0) || !isfinite(threshold))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "RCA threshold %g is not a number >= 0",
                           threshold);
    return FLOW_OK;
}

/* Copies the row (from_rows) or column labels of src onto the rows / columns of dst. */
static int copy_labels(flow_table *dst, int dst_rows, const flow_table *src, int from_rows)
{
    int64_t count = from_rows ? flow_table_rows(src) : flow_table_cols(src);
    for (int64_t i = 0; i < count; i++) {
        const char *label = from_rows ? flow_table_row_label(src, i) : flow_table_col_label(src, i);
        const char *group = from_rows ? flow_table_row_group(src, i) : flow_table_col_group(src, i);
        int rc = dst_rows ? flow_table_set_row_label(dst, i, label, group)
                          : flow_table_set_col_label(dst, i, label, group);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

/* Balassa RCA into rca (rows x cols); NaN for an all-zero row or column. */
static int balassa(const flow_table *x, double *rca)
{
    int64_t rows = flow_table_rows(x), cols = flow_table_cols(x);
    const double *v = flow_table_values(x);
    double *colsum = flow_i_calloc(cols, sizeof *colsum), total = 0.0;
    if (colsum == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            colsum[j] += v[i * cols + j];
    for (int64_t j = 0; j < cols; j++)
        total += colsum[j];
    for (int64_t i = 0; i < rows; i++) {
        double rowsum = 0.0;
        for (int64_t j = 0; j < cols; j++)
            rowsum += v[i * cols + j];
        for (int64_t j = 0; j < cols; j++)
            rca[i * cols + j] = rowsum > 0.0 && colsum[j] > 0.0
                                    ? (v[i * cols + j] / rowsum) / (colsum[j] / total)
                                    : NAN;
    }
    free(colsum);
    return FLOW_OK;
}

/* Presence matrix (0/1 doubles) of the export table at threshold. */
static int presence(const flow_table *x, double threshold, double **out)
{
    int rc;
    int64_t size = 0;
    *out = NULL;
    if ((rc = check_exports(x)) != FLOW_OK || (rc = check_threshold(threshold)) != FLOW_OK ||
        (rc = flow_i_mul_size(flow_table_rows(x), flow_table_cols(x), &size)) != FLOW_OK)
        return rc;
    double *m = flow_i_malloc(size, sizeof *m);
    if (m == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = balassa(x, m)) != FLOW_OK) {
        free(m);
        return rc;
    }
    for (int64_t i = 0; i < size; i++)
        m[i] = m[i] >= threshold ? 1.0 : 0.0; /* NaN compares false */
    *out = m;
    return FLOW_OK;
}

int flow_rca(flow_table **out, const flow_table *x, int kind)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (kind < 0 || kind >= FLOW_RCA_KIND_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown RCA kind %d", kind);
    int64_t size = 0, cols = x != NULL ? flow_table_cols(x) : 0;
    double *rca = NULL;
    if ((rc = check_exports(x)) != FLOW_OK ||
        (rc = flow_i_mul_size(flow_table_rows(x), cols, &size)) != FLOW_OK)
        return rc;
    if ((rca = flow_i_malloc(size, sizeof *rca)) == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = balassa(x, rca)) == FLOW_OK && kind == FLOW_RCA_SYMMETRIC)
        for (int64_t i = 0; i < size; i++)
            rca[i] = (rca[i] - 1.0) / (rca[i] + 1.0);
    if (rc == FLOW_OK &&
        (rc = flow_table_new(out, flow_table_rows(x), cols, rca, cols)) == FLOW_OK &&
        (rc = copy_labels(*out, 1, x, 1)) == FLOW_OK)
        rc = copy_labels(*out, 0, x, 0);
    free(rca);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

/* ------------------------------------------------------------------ ECI / PCI */

typedef struct participants {
    int64_t *c, *p; /* indices of economies / products that take part */
    int64_t nc, np;
    double *kc, *kp; /* diversity, ubiquity of all economies / products */
} participants;

static void participants_free(participants *q)
{
    free(q->c);
    free(q->p);
    free(q->kc);
    free(q->kp);
}

static int find_participants(participants *q, const double *m, int64_t rows, int64_t cols)
{
    memset(q, 0, sizeof *q);
    q->c = flow_i_malloc(rows, sizeof *q->c);
    q->p = flow_i_malloc(cols, sizeof *q->p);
    q->kc = flow_i_calloc(rows, sizeof *q->kc);
    q->kp = flow_i_calloc(cols, sizeof *q->kp);
    if (!q->c || !q->p || !q->kc || !q->kp)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++) {
            q->kc[i] += m[i * cols + j];
            q->kp[j] += m[i * cols + j];
        }
    for (int64_t i = 0; i < rows; i++)
        if (q->kc[i] > 0.0)
            q->c[q->nc++] = i;
    for (int64_t j = 0; j < cols; j++)
        if (q->kp[j] > 0.0)
            q->p[q->np++] = j;
    if (q->nc < 2 || q->np < 2)
        return flow_i_fail(FLOW_ERR_DIMENSION,
                           "economic complexity needs two economies and two products with a "
                           "revealed comparative advantage (%lld and %lld have one)",
                           (long long)q->nc, (long long)q->np);
    return FLOW_OK;
}

/* kc: the eigenvector of M~C for its second-largest eigenvalue (length nc). */
static int second_eigenvector(const participants *q, const double *m, int64_t cols, double *kc)
{
    int64_t nc = q->nc;
    double *s = flow_i_calloc(nc * nc, sizeof *s), *w = flow_i_malloc(nc, sizeof *w);
    int rc = FLOW_ERR_NOMEM;
    if (s == NULL || w == NULL)
        goto done;
    /* S = D_c^-1/2 M D_p^-1 M' D_c^-1/2 over the participants. */
    for (int64_t a = 0; a < nc; a++)
        for (int64_t b = a; b < nc; b++) {
            const double *ma = m + q->c[a] * cols, *mb = m + q->c[b] * cols;
            double acc = 0.0;
            for (int64_t k = 0; k < q->np; k++) {
                int64_t p = q->p[k];
                acc += ma[p] * mb[p] / q->kp[p];
            }
            acc /= sqrt(q->kc[q->c[a]] * q->kc[q->c[b]]);
            s[a * nc + b] = s[b * nc + a] = acc;
        }
    if ((rc = flow_i_symmetric_eigen(s, nc, w)) != FLOW_OK)
        goto done;
    for (int64_t a = 0; a < nc; a++)
        kc[a] = s[(nc - 2) * nc + a] / sqrt(q->kc[q->c[a]]);
done:
    free(s);
    free(w);
    return rc;
}

/* Sign of the Pearson correlation of two vectors: -1 when their covariance is
 * negative, +1 otherwise. */
static double correlation_sign(const double *a, const double *b, int64_t n)
{
    double ma = 0.0, mb = 0.0, cov = 0.0;
    for (int64_t i = 0; i < n; i++) {
        ma += a[i] / (double)n;
        mb += b[i] / (double)n;
    }
    for (int64_t i = 0; i < n; i++)
        cov += (a[i] - ma) * (b[i] - mb);
    return cov < 0.0 ? -1.0 : 1.0;
}

/* Fills eci (rows) and pci (cols) from kc, with NaN for non-participants;
 * work holds 2 nc doubles. */
static void standardise(const participants *q, const double *m, int64_t rows, int64_t cols,
                        const double *kc, double *work, double *eci, double *pci)
{
    int64_t nc = q->nc;
    double *kpv = pci, *k = work, *div = work + nc;
    for (int64_t j = 0; j < cols; j++)
        kpv[j] = NAN;
    for (int64_t t = 0; t < q->np; t++) {
        int64_t p = q->p[t];
        double acc = 0.0;
        for (int64_t a = 0; a < nc; a++)
            acc += m[q->c[a] * cols + p] * kc[a];
        kpv[p] = acc / q->kp[p];
    }
    for (int64_t a = 0; a < nc; a++) {
        double acc = 0.0;
        for (int64_t t = 0; t < q->np; t++)
            acc += m[q->c[a] * cols + q->p[t]] * kpv[q->p[t]];
        k[a] = acc / q->kc[q->c[a]];
        div[a] = q->kc[q->c[a]];
    }
    double sign = correlation_sign(k, div, nc), mean = 0.0, var = 0.0;
    for (int64_t a = 0; a < nc; a++)
        mean += k[a] / (double)nc;
    for (int64_t a = 0; a < nc; a++)
        var += (k[a] - mean) * (k[a] - mean) / (double)nc;
    double sd = sqrt(var) > 0.0 ? sqrt(var) : 1.0;
    for (int64_t j = 0; j < cols; j++)
        pci[j] = sign * (kpv[j] - mean) / sd;
    for (int64_t i = 0; i < rows; i++)
        eci[i] = NAN;
    for (int64_t a = 0; a < nc; a++)
        eci[q->c[a]] = sign * (k[a] - mean) / sd;
}

static int complexity_tables(flow_table **economies, flow_table **products, const flow_table *x,
                             const participants *q, const double *eci, const double *pci)
{
    int64_t rows = flow_table_rows(x), cols = flow_table_cols(x);
    static const char *const ec_names[2] = {"diversity", "eci"}, *const pr_names[2] = {"ubiquity",
                                                                                       "pci"};
    int rc = flow_table_new(economies, rows, 2, NULL, 2);
    if (rc == FLOW_OK)
        rc = flow_table_new(products, cols, 2, NULL, 2);
    for (int64_t i = 0; i < rows && rc == FLOW_OK; i++)
        if ((rc = flow_table_set(*economies, i, 0, q->kc[i])) == FLOW_OK)
            rc = flow_table_set(*economies, i, 1, eci[i]);
    for (int64_t j = 0; j < cols && rc == FLOW_OK; j++)
        if ((rc = flow_table_set(*products, j, 0, q->kp[j])) == FLOW_OK)
            rc = flow_table_set(*products, j, 1, pci[j]);
    for (int c = 0; c < 2 && rc == FLOW_OK; c++)
        if ((rc = flow_table_set_col_label(*economies, c, ec_names[c], NULL)) == FLOW_OK)
            rc = flow_table_set_col_label(*products, c, pr_names[c], NULL);
    if (rc == FLOW_OK && (rc = copy_labels(*economies, 1, x, 1)) == FLOW_OK)
        rc = copy_labels(*products, 1, x, 0);
    return rc;
}

int flow_complexity(flow_table **economies, flow_table **products, const flow_table *x,
                    double threshold)
{
    int rc;
    double *m = NULL, *kc = NULL, *eci = NULL, *pci = NULL;
    participants q;
    memset(&q, 0, sizeof q);
    if (economies != NULL)
        *economies = NULL;
    if (products != NULL)
        *products = NULL;
    if (economies == NULL || products == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_complexity: out is NULL");
    if ((rc = presence(x, threshold, &m)) != FLOW_OK)
        return rc;
    int64_t rows = flow_table_rows(x), cols = flow_table_cols(x);
    if ((rc = find_participants(&q, m, rows, cols)) != FLOW_OK)
        goto done;
    kc = flow_i_malloc(3 * q.nc, sizeof *kc);
    eci = flow_i_malloc(rows, sizeof *eci);
    pci = flow_i_malloc(cols, sizeof *pci);
    if (kc == NULL || eci == NULL || pci == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = second_eigenvector(&q, m, cols, kc)) != FLOW_OK)
        goto done;
    standardise(&q, m, rows, cols, kc, kc + q.nc, eci, pci);
    rc = complexity_tables(economies, products, x, &q, eci, pci);
done:
    if (rc != FLOW_OK) {
        flow_table_free(*economies);
        flow_table_free(*products);
        *economies = *products = NULL;
    }
    participants_free(&q);
    free(m);
    free(kc);
    free(eci);
    free(pci);
    return rc;
}

/* ------------------------------------------------------------------ product space */

/* phi (cols x cols) from the presence matrix. */
static int proximity(const double *m, int64_t rows, int64_t cols, double *phi)
{
    double *kp = flow_i_calloc(cols, sizeof *kp);
    if (kp == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            kp[j] += m[i * cols + j];
    memset(phi, 0, (size_t)(cols * cols) * sizeof *phi);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t p = 0; p < cols; p++)
            if (m[i * cols + p] != 0.0)
                for (int64_t r = 0; r < cols; r++)
                    phi[p * cols + r] += m[i * cols + r];
    for (int64_t p = 0; p < cols; p++)
        for (int64_t r = 0; r < cols; r++) {
            double most = kp[p] > kp[r] ? kp[p] : kp[r];
            phi[p * cols + r] = p != r && most > 0.0 ? phi[p * cols + r] / most : 0.0;
        }
    free(kp);
    return FLOW_OK;
}

/* The presence matrix and proximity of x, for the two product-space functions. */
static int product_space(const flow_table *x, double threshold, double **m, double **phi)
{
    int64_t cols = flow_table_cols(x), size = 0;
    int rc = presence(x, threshold, m);
    *phi = NULL;
    if (rc == FLOW_OK && (rc = flow_i_mul_size(cols, cols, &size)) == FLOW_OK &&
        (*phi = flow_i_malloc(size, sizeof **phi)) == NULL)
        rc = FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = proximity(*m, flow_table_rows(x), cols, *phi);
    return rc;
}

int flow_product_proximity(flow_table **out, const flow_table *x, double threshold)
{
    double *m = NULL, *phi = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    int rc = product_space(x, threshold, &m, &phi);
    int64_t cols = rc == FLOW_OK ? flow_table_cols(x) : 0;
    if (rc == FLOW_OK && (rc = flow_table_new(out, cols, cols, phi, cols)) == FLOW_OK &&
        (rc = copy_labels(*out, 1, x, 0)) == FLOW_OK)
        rc = copy_labels(*out, 0, x, 0);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    free(m);
    free(phi);
    return rc;
}

int flow_product_density(flow_table **out, const flow_table *x, double threshold)
{
    double *m = NULL, *phi = NULL, *colsum = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    int rc = product_space(x, threshold, &m, &phi);
    int64_t rows = rc == FLOW_OK ? flow_table_rows(x) : 0, cols = rows ? flow_table_cols(x) : 0;
    double *omega = NULL;
    if (rc == FLOW_OK && ((colsum = flow_i_calloc(cols, sizeof *colsum)) == NULL ||
                          (omega = flow_i_malloc(rows * cols, sizeof *omega)) == NULL))
        rc = FLOW_ERR_NOMEM;
    if (rc == FLOW_OK) {
        for (int64_t q = 0; q < cols; q++)
            for (int64_t p = 0; p < cols; p++)
                colsum[p] += phi[q * cols + p];
        for (int64_t c = 0; c < rows; c++)
            for (int64_t p = 0; p < cols; p++) {
                double acc = 0.0;
                for (int64_t q = 0; q < cols; q++)
                    acc += m[c * cols + q] * phi[q * cols + p];
                omega[c * cols + p] = colsum[p] > 0.0 ? acc / colsum[p] : 0.0;
            }
        if ((rc = flow_table_new(out, rows, cols, omega, cols)) == FLOW_OK &&
            (rc = copy_labels(*out, 1, x, 1)) == FLOW_OK)
            rc = copy_labels(*out, 0, x, 0);
    }
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    free(m);
    free(phi);
    free(colsum);
    free(omega);
    return rc;
}
