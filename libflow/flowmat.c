/*
 * flowmat.c - validated private copies of flow matrices.
 */
#include "flowmat.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int flow_i_flows_copy(double **out, const double *flows, int64_t count, int64_t n,
                      int64_t row_stride, int keep_diagonal, const char *what)
{
    int rc;
    int64_t nn = 0, total = 0;
    *out = NULL;
    if (count < 0 || n < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: negative size (%lld matrices of order %lld)",
                           what, (long long)count, (long long)n);
    if (row_stride < n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: row stride %lld is smaller than order %lld",
                           what, (long long)row_stride, (long long)n);
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(count, nn, &total)) != FLOW_OK)
        return rc;
    /* Offsets into the caller's buffer reach count*n*row_stride: it must fit int64_t. */
    int64_t rows = 0, reach = 0;
    if ((rc = flow_i_mul_size(count, n, &rows)) != FLOW_OK ||
        (rc = flow_i_mul_size(rows, row_stride, &reach)) != FLOW_OK)
        return rc;
    if (total > 0 && flows == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s is NULL", what);
    double *copy = flow_i_malloc(total, sizeof *copy);
    if (copy == NULL)
        return flow_last_error_code();
    for (int64_t k = 0; k < count; k++) {
        for (int64_t i = 0; i < n; i++) {
            const double *src = flows + (k * n + i) * row_stride;
            double *dst = copy + k * nn + i * n;
            for (int64_t j = 0; j < n; j++) {
                double v = src[j];
                if (!isfinite(v) || v < 0.0) {
                    free(copy);
                    if (count > 1)
                        return flow_i_fail(FLOW_ERR_VALUE,
                                           "%s[%lld][%lld][%lld] = %g: flows must be finite and "
                                           "non-negative",
                                           what, (long long)k, (long long)i, (long long)j, v);
                    return flow_i_fail(FLOW_ERR_VALUE,
                                       "%s[%lld][%lld] = %g: flows must be finite and non-negative",
                                       what, (long long)i, (long long)j, v);
                }
                dst[j] = i == j && !keep_diagonal ? 0.0 : v;
            }
        }
    }
    *out = copy;
    return FLOW_OK;
}

void flow_i_row_sums(const double *m, int64_t n, double *sums)
{
    for (int64_t i = 0; i < n; i++) {
        double s = 0.0;
        for (int64_t j = 0; j < n; j++)
            s += m[i * n + j];
        sums[i] = s;
    }
}

void flow_i_col_sums(const double *m, int64_t n, double *sums)
{
    memset(sums, 0, (size_t)n * sizeof *sums);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            sums[j] += m[i * n + j];
}

int flow_i_check_out_vector(const void *dst, int64_t dst_len, int64_t need, const char *what)
{
    if (dst == NULL && need > 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s buffer is NULL", what);
    if (dst_len < need)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "%s buffer holds %lld elements, %lld needed",
                           what, (long long)dst_len, (long long)need);
    return FLOW_OK;
}
