/*
 * shock_lowrank.c - many right-hand sides that span few directions.
 *
 * Monte-Carlo draws of one final-demand cut differ only in severity and
 * substitution share, so their demand changes d_1 ... d_m lie in a space of a
 * few dimensions however many draws there are. Solving (I - A) x = d for all
 * m costs 2 n^2 m flops (for 10,000 draws at n = 4000, about 7.5
 * factorisations); solving it for an orthonormal basis Q of their span (r
 * columns) and combining costs 2 n^2 r + about 6 n m r. The basis is built by
 * Gram-Schmidt with one re-orthogonalisation ("twice is enough"); a column
 * whose remainder is below LOWRANK_TOL of its norm is taken as the
 * combination of the basis it projects to, which changes it by that much
 * relative, far below the solve's own error bound (condition number times
 * the unit roundoff). When the columns span more than LOWRANK_MAX or m / 4
 * dimensions, the plain multi-right-hand-side solve is cheaper and is used.
 */
#include "shock_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LOWRANK_MAX 32
#define LOWRANK_TOL 1e-13

static double dot(const double *a, const double *b, int64_t n)
{
    double s = 0.0;
    for (int64_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/*
 * Coefficients of every column of block on an orthonormal basis q of their
 * span (cap columns at most, row k of w for basis vector k, column i for
 * block column i). *rank is the basis size, or -1 when the span is wider
 * than cap.
 */
static int span_basis(const double *block, int64_t n, int64_t m, int64_t cap, double *q, double *w,
                      int64_t *rank)
{
    double *v = flow_i_malloc(n, sizeof *v);
    int64_t r = 0;
    if (v == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < m && r >= 0; i++) {
        const double *d = block + i * n;
        double norm = sqrt(dot(d, d, n));
        memcpy(v, d, (size_t)n * sizeof *v);
        for (int pass = 0; pass < 2; pass++)
            for (int64_t k = 0; k < r; k++) {
                double c = dot(q + k * n, v, n);
                for (int64_t j = 0; j < n; j++)
                    v[j] -= c * q[k * n + j];
                w[k * m + i] += c;
            }
        double rest = sqrt(dot(v, v, n));
        if (rest <= LOWRANK_TOL * norm)
            continue;
        if (r == cap) {
            r = -1;
            break;
        }
        for (int64_t j = 0; j < n; j++)
            q[r * n + j] = v[j] / rest;
        w[r * m + i] = rest;
        r++;
    }
    free(v);
    *rank = r;
    return FLOW_OK;
}

int flow_i_shock_solve_columns(const flow_i_lu *lu, double *block, int64_t n, int64_t m)
{
    int64_t cap = m / 4 < LOWRANK_MAX ? m / 4 : LOWRANK_MAX, rank = -1;
    if (cap < 1 || n < 1)
        return flow_i_lu_solve(lu, 0, block, m);
    double *q = flow_i_malloc(cap * n, sizeof *q), *w = flow_i_calloc(cap * m, sizeof *w);
    int rc = q != NULL && w != NULL ? span_basis(block, n, m, cap, q, w, &rank) : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && rank < 0)
        rc = flow_i_lu_solve(lu, 0, block, m);
    else if (rc == FLOW_OK && (rc = flow_i_lu_solve(lu, 0, q, rank)) == FLOW_OK)
        for (int64_t i = 0; i < m; i++) {
            double *x = block + i * n;
            memset(x, 0, (size_t)n * sizeof *x);
            for (int64_t k = 0; k < rank; k++)
                for (int64_t j = 0; j < n; j++)
                    x[j] += w[k * m + i] * q[k * n + j];
        }
    free(q);
    free(w);
    return rc;
}
