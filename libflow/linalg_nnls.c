/*
 * linalg_nnls.c - non-negative least squares, min ||A x - b|| subject to
 * x >= 0, by the active-set method of Lawson & Hanson (1974, "Solving Least
 * Squares Problems", ch. 23, algorithm NNLS). Each unconstrained
 * subproblem on the passive set is a least-squares solve by LAPACK's QR
 * (dgels). Part of the linear-algebra door: it includes lapacke.h.
 */
#include "internal.h"
#include "linalg.h"

#include <lapacke.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Least squares on the columns of A in the passive set: z (length n, 0 outside P). */
static int solve_passive(const double *a, int64_t m, int64_t n, const double *b,
                         const unsigned char *passive, double *z, double *work_a, double *work_b)
{
    int64_t k = 0;
    for (int64_t j = 0; j < n; j++) {
        z[j] = 0.0;
        if (passive[j])
            memcpy(work_a + (k++) * m, a + j * m, (size_t)m * sizeof *a);
    }
    if (k == 0)
        return FLOW_OK;
    int64_t ldb = m > k ? m : k;
    memset(work_b, 0, (size_t)ldb * sizeof *work_b);
    memcpy(work_b, b, (size_t)m * sizeof *b);
    lapack_int info = LAPACKE_dgels(LAPACK_COL_MAJOR, 'N', (lapack_int)m, (lapack_int)k, 1, work_a,
                                    (lapack_int)m, work_b, (lapack_int)ldb);
    if (info < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "dgels rejected argument %d", (int)-info);
    if (info > 0) /* rank-deficient passive set: a column without information */
        return FLOW_ERR_SINGULAR;
    k = 0;
    for (int64_t j = 0; j < n; j++)
        if (passive[j])
            z[j] = work_b[k++];
    return FLOW_OK;
}

/* w = A' (b - A x): the negative gradient. */
static void gradient(const double *a, int64_t m, int64_t n, const double *b, const double *x,
                     double *r, double *w)
{
    for (int64_t i = 0; i < m; i++)
        r[i] = b[i];
    for (int64_t j = 0; j < n; j++)
        if (x[j] != 0.0)
            for (int64_t i = 0; i < m; i++)
                r[i] -= a[j * m + i] * x[j];
    for (int64_t j = 0; j < n; j++) {
        double s = 0.0;
        for (int64_t i = 0; i < m; i++)
            s += a[j * m + i] * r[i];
        w[j] = s;
    }
}

static int nnls_small(const double *a, int64_t m, int64_t n, const double *b, double *x);

/*
 * A tall problem (m > n) is first reduced by a QR factorisation (dgeqrf,
 * then Q' b by dormqr): ||A x - b||^2 = ||R x - (Q'b)_1:n||^2 + const, so
 * the active-set iterations work on the n x n triangle R.
 */
int flow_i_nnls(const double *a, int64_t m, int64_t n, const double *b, double *x)
{
    int64_t mn = 0;
    if (m <= 0 || n <= 0 || m > INT_MAX || n > INT_MAX || flow_i_mul_size(m, n, &mn) != FLOW_OK)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "NNLS of %lld x %lld does not fit LAPACK",
                           (long long)m, (long long)n);
    if (m <= n)
        return nnls_small(a, m, n, b, x);
    int rc = FLOW_OK;
    double *qr = flow_i_malloc(mn, sizeof *qr), *qb = flow_i_malloc(m, sizeof *qb);
    double *tau = flow_i_malloc(n, sizeof *tau), *r = flow_i_calloc(n * n, sizeof *r);
    if (!qr || !qb || !tau || !r) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    memcpy(qr, a, (size_t)mn * sizeof *qr);
    memcpy(qb, b, (size_t)m * sizeof *qb);
    lapack_int lm = (lapack_int)m, ln = (lapack_int)n;
    lapack_int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, lm, ln, qr, lm, tau);
    if (info == 0)
        info = LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', lm, 1, ln, qr, lm, tau, qb, lm);
    if (info != 0) {
        rc = flow_i_fail(FLOW_ERR_INVALID_ARG, "QR of the NNLS design failed (info %d)", (int)info);
        goto cleanup;
    }
    for (int64_t j = 0; j < n; j++)
        for (int64_t i = 0; i <= j; i++)
            r[j * n + i] = qr[j * m + i];
    rc = nnls_small(r, n, n, qb, x);
cleanup:
    free(qr);
    free(qb);
    free(tau);
    free(r);
    return rc;
}

static int nnls_small(const double *a, int64_t m, int64_t n, const double *b, double *x)
{
    int rc = FLOW_OK;
    int64_t ldb = m > n ? m : n, mn = m * n;
    unsigned char *passive = flow_i_calloc(n, 1), *dead = flow_i_calloc(n, 1);
    double *z = flow_i_malloc(n, sizeof *z), *w = flow_i_malloc(n, sizeof *w);
    double *r = flow_i_malloc(m, sizeof *r), *work_a = flow_i_malloc(mn, sizeof *work_a);
    double *work_b = flow_i_malloc(ldb, sizeof *work_b);
    if (!passive || !dead || !z || !w || !r || !work_a || !work_b) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    double scale = 0.0;
    for (int64_t i = 0; i < mn; i++)
        scale = fmax(scale, fabs(a[i]));
    for (int64_t i = 0; i < m; i++)
        scale = fmax(scale, fabs(b[i]));
    double tol = 1e-12 * (scale > 0.0 ? scale * scale : 1.0) * (double)m;
    for (int64_t j = 0; j < n; j++)
        x[j] = 0.0;
    for (int64_t outer = 0; outer < 3 * n + 3; outer++) {
        gradient(a, m, n, b, x, r, w);
        int64_t best = -1;
        for (int64_t j = 0; j < n; j++)
            if (!passive[j] && !dead[j] && w[j] > tol && (best < 0 || w[j] > w[best]))
                best = j;
        if (best < 0)
            break; /* Kuhn-Tucker conditions hold */
        passive[best] = 1;
        for (int64_t inner = 0; inner <= n; inner++) {
            rc = solve_passive(a, m, n, b, passive, z, work_a, work_b);
            if (rc == FLOW_ERR_SINGULAR) {
                /* The entering column adds nothing independent: keep it at zero. */
                passive[best] = 0;
                dead[best] = 1;
                rc = FLOW_OK;
                break;
            }
            if (rc != FLOW_OK)
                goto cleanup;
            double alpha = 1.0;
            int feasible = 1;
            for (int64_t j = 0; j < n; j++)
                if (passive[j] && z[j] <= 0.0) {
                    feasible = 0;
                    double step = x[j] / (x[j] - z[j]);
                    if (step < alpha)
                        alpha = step;
                }
            if (feasible) {
                memcpy(x, z, (size_t)n * sizeof *x);
                break;
            }
            /* Step toward z until a passive variable hits zero; move it back. */
            for (int64_t j = 0; j < n; j++) {
                if (!passive[j])
                    continue;
                x[j] += alpha * (z[j] - x[j]);
                if (x[j] <= 1e-15 * fabs(z[j]) || x[j] <= 0.0) {
                    x[j] = 0.0;
                    passive[j] = 0;
                }
            }
        }
    }
cleanup:
    free(passive);
    free(dead);
    free(z);
    free(w);
    free(r);
    free(work_a);
    free(work_b);
    return rc;
}
