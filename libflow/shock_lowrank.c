/*
 * shock_lowrank.c - many right-hand sides that span few directions.
 *
 * Monte-Carlo draws of one final-demand cut differ only in severity and
 * substitution share, so their demand changes d_1 ... d_m lie in a space of a
 * few dimensions however many draws there are. Solving (I - A) x = d for all
 * m costs 2 n^2 m flops (for 10,000 draws at n = 4000, about 7.5
 * factorisations) and keeping every x costs n m doubles (320 MB there);
 * solving it for an orthonormal basis Q of their span (r columns) costs
 * 2 n^2 r, and what is kept is the r solved basis vectors and the r
 * coefficients of each draw, from which any draw's x is rebuilt on demand
 * (2 n r flops). The columns arrive one at a time (flow_i_span_add), so the
 * d_i never need to be held together either.
 *
 * The basis is built by Gram-Schmidt with one re-orthogonalisation ("twice
 * is enough"); a column whose remainder is below LOWRANK_TOL of its norm is
 * taken as the combination of the basis it projects to, which changes it by
 * that much relative, far below the solve's own error bound (condition
 * number times the unit roundoff). When the columns span more than
 * LOWRANK_MAX or m / 4 dimensions the span is "wide": the caller solves the
 * columns themselves with one multi-right-hand-side solve.
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

int flow_i_span_init(flow_i_span *s, int64_t n, int64_t m)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    s->m = m;
    s->cap = m / 4 < LOWRANK_MAX ? m / 4 : LOWRANK_MAX;
    if (s->cap < 1 || n < 1) {
        s->wide = 1;
        return FLOW_OK;
    }
    s->q = flow_i_malloc(s->cap * n, sizeof *s->q);
    s->w = flow_i_calloc(s->cap * m, sizeof *s->w);
    s->v = flow_i_malloc(n, sizeof *s->v);
    if (s->q == NULL || s->w == NULL || s->v == NULL) {
        flow_i_span_clear(s);
        return FLOW_ERR_NOMEM;
    }
    return FLOW_OK;
}

void flow_i_span_clear(flow_i_span *s)
{
    free(s->q);
    free(s->w);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Column i's coefficients go to column i of w (row k for basis vector k). */
void flow_i_span_add(flow_i_span *s, const double *d)
{
    int64_t n = s->n, m = s->m, i = s->added++, r = s->rank;
    if (s->wide)
        return;
    double *v = s->v, *q = s->q, *w = s->w, norm = sqrt(dot(d, d, n));
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
        return;
    if (r == s->cap) {
        /* Too wide to pay off: the caller solves the columns; drop the basis. */
        free(s->q);
        free(s->w);
        free(s->v);
        s->q = s->w = s->v = NULL;
        s->wide = 1;
        s->rank = 0;
        return;
    }
    for (int64_t j = 0; j < n; j++)
        q[r * n + j] = v[j] / rest;
    w[r * m + i] = rest;
    s->rank = r + 1;
}

int flow_i_span_solve(flow_i_span *s, const flow_i_lu *lu)
{
    free(s->v); /* the scratch of the additions */
    s->v = NULL;
    if (s->wide || s->rank == 0)
        return FLOW_OK;
    return flow_i_lu_solve(lu, 0, s->q, s->rank);
}

void flow_i_span_combine(const flow_i_span *s, int64_t i, double *x)
{
    int64_t n = s->n, m = s->m;
    memset(x, 0, (size_t)n * sizeof *x);
    for (int64_t k = 0; k < s->rank; k++)
        for (int64_t j = 0; j < n; j++)
            x[j] += s->w[k * m + i] * s->q[k * n + j];
}
