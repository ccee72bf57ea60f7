/*
 * exposure.c - direct (face-value) versus look-through exposure of economies
 * to the origins of their inputs on an IO system (Baldwin, Freeman &
 * Theodorakopoulos 2023). Look-through requirements come from solves with the
 * factored (I - A), one right-hand side per economy: L is never formed.
 */
#include "flowmat.h"
#include "internal.h"
#include "linalg.h"

#include <math.h>
#include <stdlib.h>

static int check_system(const double *x, const int64_t *group, int64_t n, int64_t n_groups)
{
    if (n_groups < 0 || (n > 0 && n_groups == 0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%lld economies for %lld sectors",
                           (long long)n_groups, (long long)n);
    if (n > 0 && (x == NULL || group == NULL))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "gross output or group vector is NULL");
    for (int64_t k = 0; k < n; k++) {
        if (!isfinite(x[k]) || x[k] < 0.0)
            return flow_i_fail(FLOW_ERR_VALUE,
                               "x[%lld] = %g: gross output must be finite and non-negative",
                               (long long)k, x[k]);
        if (group[k] < 0 || group[k] >= n_groups)
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "group[%lld] = %lld is outside 0..%lld",
                               (long long)k, (long long)group[k], (long long)n_groups - 1);
    }
    return FLOW_OK;
}

/* Face value: num[c][s] += Z_ik for i in s, k in c; zero-output sectors skipped. */
static void direct_requirements(double *num, const double *z, const double *x, const int64_t *group,
                                int64_t n, int64_t g)
{
    for (int64_t i = 0; i < n; i++)
        for (int64_t k = 0; k < n; k++)
            if (x[k] > 0.0)
                num[group[k] * g + group[i]] += z[i * n + k];
}

/*
 * Look-through: for each economy c, y = L x^c with x^c the outputs of c's
 * sectors (others 0); (y - x^c)_i = sum_{k in c} (L - I)_ik x_k. z is
 * overwritten by I - A and handed to the LU factorisation.
 */
static int total_requirements(double *num, double *z, const double *x, const int64_t *group,
                              int64_t n, int64_t g)
{
    int rc;
    int64_t cells = 0;
    double *rhs = NULL;
    flow_i_lu *lu = NULL;
    for (int64_t i = 0; i < n; i++)
        for (int64_t k = 0; k < n; k++)
            z[i * n + k] = (i == k) - (x[k] > 0.0 ? z[i * n + k] / x[k] : 0.0);
    if ((rc = flow_i_mul_size(g, n, &cells)) != FLOW_OK) {
        free(z);
        return rc;
    }
    if ((rc = flow_i_lu_factor(&lu, z, n)) != FLOW_OK)
        return rc;
    if ((rhs = flow_i_calloc(cells, sizeof *rhs)) == NULL) {
        rc = flow_last_error_code();
        goto cleanup;
    }
    for (int64_t k = 0; k < n; k++)
        rhs[group[k] * n + k] = x[k];
    if ((rc = flow_i_lu_solve(lu, 0, rhs, g)) != FLOW_OK)
        goto cleanup;
    for (int64_t c = 0; c < g; c++) {
        const double *y = rhs + c * n;
        double scale = 0.0;
        for (int64_t i = 0; i < n; i++)
            scale = fmax(scale, fabs(y[i]));
        for (int64_t i = 0; i < n; i++) {
            double own = group[i] == c ? x[i] : 0.0;
            double r = y[i] - own;
            /* L >= I holds exactly for a productive system; allow rounding. */
            if (r < -1e-9 * scale) {
                rc = flow_i_fail(FLOW_ERR_NOT_PRODUCTIVE,
                                 "total requirement of sector %lld for economy %lld is negative "
                                 "(%g): the system is not productive",
                                 (long long)i, (long long)c, r);
                goto cleanup;
            }
            num[c * g + group[i]] += fmax(r, 0.0);
        }
    }
    rc = FLOW_OK;
cleanup:
    free(rhs);
    flow_i_lu_free(lu);
    return rc;
}

/* Divides each row of the g x g matrix num by its sum (NaN rows when the sum is 0). */
static void row_shares(double *dst, int64_t stride, const double *num, int64_t g)
{
    for (int64_t c = 0; c < g; c++) {
        double sum = 0.0;
        for (int64_t s = 0; s < g; s++)
            sum += num[c * g + s];
        for (int64_t s = 0; s < g; s++)
            dst[c * stride + s] = sum > 0.0 ? num[c * g + s] / sum : NAN;
    }
}

int flow_exposure(flow_table **out, int kind, const double *z, int64_t n_sectors, const double *x,
                  const int64_t *group, int64_t n_groups)
{
    int rc;
    double *zc = NULL, *num = NULL;
    int64_t gg = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (kind != FLOW_EXPOSURE_DIRECT && kind != FLOW_EXPOSURE_LOOK_THROUGH)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown exposure kind %d", kind);
    if (n_groups < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "n_groups %lld is negative", (long long)n_groups);
    if ((rc = flow_i_flows_copy(&zc, z, 1, n_sectors, n_sectors, 1, "Z")) != FLOW_OK ||
        (rc = check_system(x, group, n_sectors, n_groups)) != FLOW_OK ||
        (rc = flow_i_mul_size(n_groups, n_groups, &gg)) != FLOW_OK)
        goto cleanup;
    if ((num = flow_i_calloc(gg, sizeof *num)) == NULL) {
        rc = flow_last_error_code();
        goto cleanup;
    }
    if (kind == FLOW_EXPOSURE_DIRECT) {
        direct_requirements(num, zc, x, group, n_sectors, n_groups);
    } else {
        rc = total_requirements(num, zc, x, group, n_sectors, n_groups);
        zc = NULL; /* owned (and freed) by the factorisation */
        if (rc != FLOW_OK)
            goto cleanup;
    }
    if ((rc = flow_table_new(out, n_groups, n_groups, NULL, n_groups)) == FLOW_OK)
        row_shares(flow_i_table_values(*out), n_groups, num, n_groups);
cleanup:
    free(zc);
    free(num);
    return rc;
}
