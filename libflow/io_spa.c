/*
 * io_spa.c - structural path analysis by a pruned depth-first search upstream
 * from every sold product (definitions and cost model in
 * include/libflow/io_structure.h).
 */
#include "va_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Upstream coefficients of one column, by decreasing bound m_k a_kj. */
typedef struct edge {
    int64_t k;
    double a, bound;
} edge;

typedef struct spa {
    int64_t n, top_k, kept; /* kept: paths held in the heap */
    int max_depth;
    const double *f;
    double *m;      /* f' L: total intensity of each output */
    int64_t *start; /* column j's edges are edges[start[j] .. start[j+1]) */
    edge *edges;
    double cut; /* threshold * T, absolute */
    double visited, pruned;
    int64_t n_paths, n_nodes;
    int64_t stack[FLOW_SPA_MAX_DEPTH + 1];
    /* min-heap of the top_k paths: value and nodes (sink first) */
    double *value;
    int *depth;
    int64_t *nodes; /* top_k x (FLOW_SPA_MAX_DEPTH + 1) */
} spa;

static int by_bound(const void *a, const void *b)
{
    double x = ((const edge *)a)->bound, y = ((const edge *)b)->bound;
    return (x < y) - (x > y);
}

/* The kept upstream coefficients of every column (two passes over Z). */
static int build_edges(spa *s, const flow_io_model *m, double floor)
{
    int64_t n = s->n, total = 0;
    const double *z = flow_i_io_intermediate(m), *inv = flow_i_io_inverse_outputs(m);
    if ((s->start = flow_i_calloc(n + 1, sizeof *s->start)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int pass = 0; pass < 2; pass++) {
        for (int64_t j = 0; j <= n; j++)
            s->start[j] = pass == 0 ? 0 : s->start[j];
        int64_t *fill = NULL;
        if (pass == 1 && ((s->edges = flow_i_malloc(total, sizeof *s->edges)) == NULL ||
                          (fill = flow_i_malloc(n, sizeof *fill)) == NULL))
            return FLOW_ERR_NOMEM;
        for (int64_t j = 0; pass == 1 && j < n; j++)
            fill[j] = s->start[j];
        for (int64_t k = 0; k < n; k++)
            for (int64_t j = 0; j < n; j++) {
                double a = z[k * n + j] * inv[j], bound = s->m[k] * a;
                if (!(bound >= floor) || bound <= 0.0)
                    continue;
                if (pass == 0)
                    s->start[j + 1]++;
                else
                    s->edges[fill[j]++] = (edge){k, a, bound};
            }
        if (pass == 0)
            for (int64_t j = 0; j < n; j++)
                s->start[j + 1] += s->start[j];
        total = s->start[n];
        free(fill);
    }
    for (int64_t j = 0; j < n; j++)
        qsort(s->edges + s->start[j], (size_t)(s->start[j + 1] - s->start[j]), sizeof *s->edges,
              by_bound);
    return FLOW_OK;
}

static void heap_swap(spa *s, int64_t a, int64_t b)
{
    int64_t w = FLOW_SPA_MAX_DEPTH + 1, t;
    double v = s->value[a];
    int d = s->depth[a];
    s->value[a] = s->value[b];
    s->value[b] = v;
    s->depth[a] = s->depth[b];
    s->depth[b] = d;
    for (int64_t i = 0; i < w; i++) {
        t = s->nodes[a * w + i];
        s->nodes[a * w + i] = s->nodes[b * w + i];
        s->nodes[b * w + i] = t;
    }
}

static void heap_down(spa *s, int64_t i)
{
    for (;;) {
        int64_t l = 2 * i + 1, r = l + 1, least = i;
        if (l < s->kept && s->value[l] < s->value[least])
            least = l;
        if (r < s->kept && s->value[r] < s->value[least])
            least = r;
        if (least == i)
            return;
        heap_swap(s, i, least);
        i = least;
    }
}

/* Offers the path on the stack (depth steps) with its value to the top-k heap. */
static void offer(spa *s, int depth, double value)
{
    int64_t slot, w = FLOW_SPA_MAX_DEPTH + 1;
    if (s->kept < s->top_k) {
        slot = s->kept++;
    } else if (value > s->value[0]) {
        slot = 0;
    } else {
        return;
    }
    s->value[slot] = value;
    s->depth[slot] = depth;
    memcpy(s->nodes + slot * w, s->stack, (size_t)(depth + 1) * sizeof *s->stack);
    if (slot == 0) {
        heap_down(s, 0);
        return;
    }
    for (int64_t i = slot; i > 0 && s->value[(i - 1) / 2] > s->value[i]; i = (i - 1) / 2)
        heap_swap(s, i, (i - 1) / 2);
}

/* Visits node stack[depth] reached with coefficient product p. */
static void visit(spa *s, int depth, double p)
{
    int64_t cur = s->stack[depth];
    double own = s->f[cur] * p, below = 0.0;
    s->n_nodes++;
    if (own != 0.0) {
        s->n_paths++;
        s->visited += own;
        offer(s, depth, own);
    }
    if (depth < s->max_depth)
        for (int64_t e = s->start[cur]; e < s->start[cur + 1]; e++) {
            const edge *x = s->edges + e;
            if (x->bound * p < s->cut)
                break;
            below += x->bound * p;
            s->stack[depth + 1] = x->k;
            visit(s, depth + 1, x->a * p);
        }
    /* what the subtree holds beyond this path and the children followed */
    s->pruned += s->m[cur] * p - own - below;
}

/* "region/sector > ... > region/sector", source first. */
static void describe(const flow_io_model *m, const int64_t *nodes, int depth, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int d = depth; d >= 0 && used + 1 < cap; d--) {
        char region[128], sector[128];
        int64_t N = flow_i_io_sector_count(m);
        flow_i_va_region_name(m, nodes[d] / N, region, sizeof region);
        flow_i_va_sector_name(m, nodes[d] % N, sector, sizeof sector);
        int wrote =
            snprintf(buf + used, cap - used, "%s%s/%s", d == depth ? "" : " > ", region, sector);
        used += wrote > 0 ? (size_t)wrote : 0;
    }
}

static int path_table(flow_table **out, const flow_io_model *m, spa *s, double total)
{
    static const char *const names[5] = {"value", "share", "depth", "source", "sink"};
    int64_t count = s->kept, w = FLOW_SPA_MAX_DEPTH + 1;
    /* heap sort: the smallest comes out first and goes to the end */
    for (int64_t end = count - 1; end > 0; end--) {
        heap_swap(s, 0, end);
        s->kept = end;
        heap_down(s, 0);
    }
    int rc = flow_table_new(out, count, 5, NULL, 5);
    char label[4096];
    for (int64_t r = 0; r < count && rc == FLOW_OK; r++) {
        const int64_t *nodes = s->nodes + r * w;
        double row[5] = {s->value[r], total != 0.0 ? s->value[r] / total : NAN, (double)s->depth[r],
                         (double)nodes[s->depth[r]], (double)nodes[0]};
        for (int c = 0; c < 5 && rc == FLOW_OK; c++)
            rc = flow_table_set(*out, r, c, row[c]);
        describe(m, nodes, s->depth[r], label, sizeof label);
        if (rc == FLOW_OK)
            rc = flow_table_set_row_label(*out, r, label, NULL);
    }
    return rc == FLOW_OK ? flow_i_va_name_columns(*out, names, 5) : rc;
}

static int summary_table(flow_table **out, const spa *s, double total)
{
    static const char *const names[5] = {"total", "paths_value", "pruned", "paths", "nodes"};
    double row[5] = {total, s->visited, s->pruned, (double)s->n_paths, (double)s->n_nodes};
    int rc = flow_table_new(out, 1, 5, row, 5);
    if (rc == FLOW_OK && (rc = flow_table_set_row_label(*out, 0, "total", NULL)) == FLOW_OK)
        rc = flow_i_va_name_columns(*out, names, 5);
    return rc;
}

static int check_arguments(const flow_io_model *m, const double *f, const double *y, int64_t top_k,
                           double threshold, int max_depth)
{
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (top_k < 1 || !(threshold >= 0.0 && threshold < 1.0) || max_depth < 0 ||
        max_depth > FLOW_SPA_MAX_DEPTH)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "structural paths need top_k >= 1 (%lld), a threshold in [0, 1) (%g) "
                           "and a depth in 0..%d (%d)",
                           (long long)top_k, threshold, FLOW_SPA_MAX_DEPTH, max_depth);
    for (int64_t i = 0; i < flow_i_io_order(m); i++)
        if ((f != NULL && !isfinite(f[i])) || (y != NULL && !isfinite(y[i])))
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "entry %lld of f or y is not finite",
                               (long long)i);
    return FLOW_OK;
}

/* Intensities (v / x when f is NULL) into own[0..n) and m = f' L. */
static int intensities(flow_io_model *m, const double *f, double *own, double *mult)
{
    const flow_i_lu *lu = NULL;
    int64_t n = flow_i_io_order(m);
    const double *x = flow_i_io_output(m), *v = flow_i_io_value_added(m);
    for (int64_t i = 0; i < n; i++)
        own[i] = f != NULL ? f[i] : v[i] * flow_i_io_inverse_output(x[i]);
    memcpy(mult, own, (size_t)n * sizeof *mult);
    int rc = flow_i_io_leontief_lu(m, &lu);
    return rc != FLOW_OK ? rc : flow_i_lu_solve(lu, 1, mult, 1);
}

static void spa_free(spa *s)
{
    free((void *)s->f);
    free(s->m);
    free(s->start);
    free(s->edges);
    free(s->value);
    free(s->depth);
    free(s->nodes);
}

int flow_io_structural_paths(flow_table **paths, flow_table **summary, flow_io_model *m,
                             const double *f, const double *y, int64_t top_k, double threshold,
                             int max_depth)
{
    int rc;
    spa s;
    memset(&s, 0, sizeof s);
    if (paths != NULL)
        *paths = NULL;
    if (summary != NULL)
        *summary = NULL;
    if (paths == NULL || summary == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_io_structural_paths: out is NULL");
    if ((rc = check_arguments(m, f, y, top_k, threshold, max_depth)) != FLOW_OK)
        return rc;
    s.n = flow_i_io_order(m);
    s.top_k = top_k;
    s.max_depth = max_depth;
    double *own = flow_i_malloc(s.n, sizeof *own);
    s.f = own;
    s.m = flow_i_malloc(s.n, sizeof *s.m);
    s.value = flow_i_malloc(top_k, sizeof *s.value);
    s.depth = flow_i_malloc(top_k, sizeof *s.depth);
    int64_t slots = 0;
    if ((rc = flow_i_mul_size(top_k, FLOW_SPA_MAX_DEPTH + 1, &slots)) != FLOW_OK)
        goto done;
    s.nodes = flow_i_malloc(slots, sizeof *s.nodes);
    if (!own || !s.m || !s.value || !s.depth || !s.nodes) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if (y == NULL)
        y = flow_i_io_final_demand_total(m);
    if ((rc = intensities(m, f, own, s.m)) != FLOW_OK)
        goto done;
    double total = 0.0, ymax = 0.0;
    for (int64_t j = 0; j < s.n; j++) {
        total += s.m[j] * y[j];
        ymax = fmax(ymax, fabs(y[j]));
    }
    s.cut = threshold * fabs(total);
    if ((rc = build_edges(&s, m, ymax > 0.0 ? s.cut / ymax : 0.0)) != FLOW_OK)
        goto done;
    for (int64_t j = 0; j < s.n; j++) {
        if (y[j] == 0.0)
            continue;
        if (fabs(s.m[j] * y[j]) < s.cut) {
            s.pruned += s.m[j] * y[j];
            continue;
        }
        s.stack[0] = j;
        visit(&s, 0, y[j]);
    }
    if ((rc = path_table(paths, m, &s, total)) == FLOW_OK)
        rc = summary_table(summary, &s, total);
done:
    if (rc != FLOW_OK) {
        flow_table_free(*paths);
        flow_table_free(*summary);
        *paths = *summary = NULL;
    }
    spa_free(&s);
    return rc;
}
