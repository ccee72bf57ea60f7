/*
 * betweenness.c - weighted betweenness centrality of a flow network (Brandes
 * 2001): Dijkstra from every source on edge lengths 1 / flow, shortest-path
 * counts, then the dependencies accumulated in reverse order of distance.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct search {
    double *dist, *sigma, *delta;
    int64_t *order; /* nodes in the order Dijkstra settled them */
    unsigned char *done;
} search;

/* Equal path lengths, up to rounding (never true against an unreached node). */
static int tie(double a, double b)
{
    return isfinite(a) && isfinite(b) && fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

/* Shortest paths from s: dist, sigma (number of shortest paths), order. */
static int64_t dijkstra(const double *w, int64_t n, int64_t s, search *q)
{
    int64_t settled = 0;
    for (int64_t v = 0; v < n; v++) {
        q->dist[v] = INFINITY;
        q->sigma[v] = 0.0;
        q->done[v] = 0;
    }
    q->dist[s] = 0.0;
    q->sigma[s] = 1.0;
    for (;;) {
        int64_t u = -1;
        for (int64_t v = 0; v < n; v++)
            if (!q->done[v] && isfinite(q->dist[v]) && (u < 0 || q->dist[v] < q->dist[u]))
                u = v;
        if (u < 0)
            return settled;
        q->done[u] = 1;
        q->order[settled++] = u;
        for (int64_t v = 0; v < n; v++) {
            if (v == u || w[u * n + v] <= 0.0 || q->done[v])
                continue;
            double d = q->dist[u] + 1.0 / w[u * n + v];
            if (tie(d, q->dist[v])) {
                q->sigma[v] += q->sigma[u];
            } else if (d < q->dist[v]) {
                q->dist[v] = d;
                q->sigma[v] = q->sigma[u];
            }
        }
    }
}

/* Adds the dependencies of source s to b. */
static void accumulate(const double *w, int64_t n, int64_t s, int64_t settled, search *q, double *b)
{
    for (int64_t v = 0; v < n; v++)
        q->delta[v] = 0.0;
    for (int64_t k = settled - 1; k > 0; k--) {
        int64_t t = q->order[k];
        for (int64_t v = 0; v < n; v++)
            if (v != t && w[v * n + t] > 0.0 && isfinite(q->dist[v]) &&
                tie(q->dist[v] + 1.0 / w[v * n + t], q->dist[t]))
                q->delta[v] += q->sigma[v] / q->sigma[t] * (1.0 + q->delta[t]);
        if (t != s)
            b[t] += q->delta[t];
    }
}

static int check_flows(const flow_table *flows)
{
    if (flows == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flows table is NULL");
    int64_t n = flow_table_rows(flows);
    if (n != flow_table_cols(flows))
        return flow_i_fail(FLOW_ERR_DIMENSION, "flows table is %lld x %lld, not square",
                           (long long)n, (long long)flow_table_cols(flows));
    if (n == 0)
        return flow_i_fail(FLOW_ERR_EMPTY, "flows table is empty");
    const double *v = flow_table_values(flows);
    for (int64_t i = 0; i < n * n; i++)
        if (!isfinite(v[i]) || v[i] < 0.0)
            return flow_i_fail(FLOW_ERR_VALUE, "flow from \"%s\" to \"%s\" is %g, not >= 0",
                               flow_table_row_label(flows, i / n),
                               flow_table_col_label(flows, i % n), v[i]);
    return FLOW_OK;
}

int flow_betweenness(flow_table **out, const flow_table *flows, int normalised)
{
    int rc;
    search q;
    double *b = NULL;
    memset(&q, 0, sizeof q);
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if ((rc = check_flows(flows)) != FLOW_OK)
        return rc;
    int64_t n = flow_table_rows(flows);
    const double *w = flow_table_values(flows);
    q.dist = flow_i_malloc(n, sizeof *q.dist);
    q.sigma = flow_i_malloc(n, sizeof *q.sigma);
    q.delta = flow_i_malloc(n, sizeof *q.delta);
    q.order = flow_i_malloc(n, sizeof *q.order);
    q.done = flow_i_malloc(n, sizeof *q.done);
    b = flow_i_calloc(n, sizeof *b);
    if (!q.dist || !q.sigma || !q.delta || !q.order || !q.done || !b) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t s = 0; s < n; s++)
        accumulate(w, n, s, dijkstra(w, n, s, &q), &q, b);
    if (normalised && n > 2)
        for (int64_t v = 0; v < n; v++)
            b[v] /= (double)((n - 1) * (n - 2));
    if ((rc = flow_table_new(out, n, 1, b, 1)) == FLOW_OK &&
        (rc = flow_table_set_col_label(*out, 0, "betweenness", NULL)) == FLOW_OK)
        for (int64_t i = 0; i < n && rc == FLOW_OK; i++)
            rc = flow_table_set_row_label(*out, i, flow_table_row_label(flows, i),
                                          flow_table_row_group(flows, i));
done:
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    free(q.dist);
    free(q.sigma);
    free(q.delta);
    free(q.order);
    free(q.done);
    free(b);
    return rc;
}
