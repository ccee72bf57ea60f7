/*
 * network.c - strength, eigenvector centrality, PageRank (power iterations
 * with dgemv), hubs and authorities (leading singular pair from dgesdd), and
 * the two-step transit scores of intermediaries.
 */
#include "flowmat.h"
#include "internal.h"
#include "linalg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct flow_centrality_options {
    double damping, tolerance;
    int64_t max_iterations;
};

static const flow_centrality_options default_options = {
    .damping = 0.85, .tolerance = 1e-10, .max_iterations = 10000};

/* The centralities while they are computed; handed out as a table. */
typedef struct centrality {
    int64_t n;
    double *vectors; /* FLOW_CENTRALITY_MEASURE_COUNT contiguous vectors of n */
    int64_t iterations[FLOW_CENTRALITY_MEASURE_COUNT];
    int converged[FLOW_CENTRALITY_MEASURE_COUNT];
} centrality;

static const char *const measure_names[FLOW_CENTRALITY_MEASURE_COUNT] = {
    "in_strength", "out_strength", "eigenvector", "pagerank", "hub", "authority"};

int flow_centrality_options_new(flow_centrality_options **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_centrality_options_new: out is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    if (*out == NULL)
        return flow_last_error_code();
    **out = default_options;
    return FLOW_OK;
}

void flow_centrality_options_free(flow_centrality_options *options)
{
    free(options);
}

int flow_centrality_options_set_damping(flow_centrality_options *options, double damping)
{
    if (options == NULL || !(damping >= 0.0 && damping < 1.0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "damping %g is not in [0, 1) (or NULL handle)",
                           damping);
    options->damping = damping;
    return FLOW_OK;
}

int flow_centrality_options_set_tolerance(flow_centrality_options *options, double tolerance)
{
    if (options == NULL || !(tolerance > 0.0) || isinf(tolerance))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "tolerance %g is not positive and finite (or NULL handle)", tolerance);
    options->tolerance = tolerance;
    return FLOW_OK;
}

int flow_centrality_options_set_max_iterations(flow_centrality_options *options,
                                               int64_t max_iterations)
{
    if (options == NULL || max_iterations < 1)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "max_iterations %lld is below 1 (or NULL handle)",
                           (long long)max_iterations);
    options->max_iterations = max_iterations;
    return FLOW_OK;
}

static double l1_change(const double *a, const double *b, int64_t n)
{
    double d = 0.0;
    for (int64_t i = 0; i < n; i++)
        d += fabs(a[i] - b[i]);
    return d;
}

/* Marks a measure as undefined (an iteration that did not settle, or no edges). */
static void undefined(double *x, int64_t n, int *converged)
{
    for (int64_t i = 0; i < n; i++)
        x[i] = NAN;
    *converged = 0;
}

/* One step x = f(prev) of a power iteration; x holds a copy of prev on entry. */
typedef int (*power_step)(double *x, const double *prev, int64_t n, const void *ctx);

/*
 * Iterates step from the uniform vector until the L1 change of a step is below
 * n * tolerance; after max_iterations the measure is undefined (NaN).
 */
static int power_iterate(double *x, int64_t *iterations, int *converged, int64_t n,
                         const flow_centrality_options *o, double *prev, power_step step,
                         const void *ctx)
{
    int rc;
    for (int64_t i = 0; i < n; i++)
        x[i] = 1.0 / (double)n;
    for (int64_t it = 1; it <= o->max_iterations; it++) {
        memcpy(prev, x, (size_t)n * sizeof *x);
        if ((rc = step(x, prev, n, ctx)) != FLOW_OK)
            return rc;
        if (l1_change(x, prev, n) < (double)n * o->tolerance) {
            *iterations = it;
            return FLOW_OK;
        }
    }
    *iterations = o->max_iterations;
    undefined(x, n, converged);
    return FLOW_OK;
}

/* Eigenvector step: x <- (I + W') x, normalised to Euclidean norm 1. */
static int eigenvector_step(double *x, const double *prev, int64_t n, const void *ctx)
{
    int rc = flow_i_gemv(1, n, n, 1.0, (const double *)ctx, n, prev, 1.0, x);
    if (rc != FLOW_OK)
        return rc;
    double norm = 0.0;
    for (int64_t i = 0; i < n; i++)
        norm += x[i] * x[i];
    norm = norm > 0.0 ? sqrt(norm) : 1.0;
    for (int64_t i = 0; i < n; i++)
        x[i] /= norm;
    return FLOW_OK;
}

struct pagerank_ctx {
    const double *p, *out_strength; /* transition matrix, row sums of W */
    double damping;
};

/* PageRank step: x = d P' prev + (d * dangling + 1 - d) / n. */
static int pagerank_step(double *x, const double *prev, int64_t n, const void *ctx)
{
    const struct pagerank_ctx *c = ctx;
    double d = c->damping, dangling = 0.0;
    for (int64_t i = 0; i < n; i++)
        dangling += c->out_strength[i] > 0.0 ? 0.0 : prev[i];
    double base = (d * dangling + 1.0 - d) / (double)n;
    for (int64_t i = 0; i < n; i++)
        x[i] = base;
    return flow_i_gemv(1, n, n, d, c->p, n, prev, 1.0, x);
}

/*
 * PageRank by power iteration. p is overwritten with the row-normalised W
 * (the transition matrix); out_strength holds the row sums of W.
 */
static int pagerank(double *x, int64_t *iterations, int *converged, double *p,
                    const double *out_strength, int64_t n, const flow_centrality_options *o,
                    double *prev)
{
    for (int64_t i = 0; i < n; i++)
        if (out_strength[i] > 0.0)
            for (int64_t j = 0; j < n; j++)
                p[i * n + j] /= out_strength[i];
    struct pagerank_ctx ctx = {p, out_strength, o->damping};
    return power_iterate(x, iterations, converged, n, o, prev, pagerank_step, &ctx);
}

/* Scales v to sum 1 after fixing LAPACK's arbitrary sign (the Perron vector is >= 0). */
static void perron_normalise(double *v, int64_t n)
{
    double sum = 0.0;
    for (int64_t i = 0; i < n; i++)
        sum += v[i];
    if (sum == 0.0)
        return;
    for (int64_t i = 0; i < n; i++)
        v[i] /= sum;
}

static int compute(centrality *c, double *w, const flow_centrality_options *o)
{
    int rc;
    int64_t n = c->n;
    double sigma = 0.0, *prev = NULL;
    double *v[FLOW_CENTRALITY_MEASURE_COUNT];
    if (n == 0)
        return FLOW_OK;
    for (int m = 0; m < FLOW_CENTRALITY_MEASURE_COUNT; m++)
        v[m] = c->vectors + m * n;
    flow_i_col_sums(w, n, v[FLOW_CENTRALITY_IN_STRENGTH]);
    flow_i_row_sums(w, n, v[FLOW_CENTRALITY_OUT_STRENGTH]);
    if ((prev = flow_i_malloc(n, sizeof *prev)) == NULL)
        return flow_last_error_code();
    if ((rc = flow_i_svd_leading(w, n, &sigma, v[FLOW_CENTRALITY_HUB],
                                 v[FLOW_CENTRALITY_AUTHORITY])) != FLOW_OK ||
        (rc = power_iterate(v[FLOW_CENTRALITY_EIGENVECTOR],
                            &c->iterations[FLOW_CENTRALITY_EIGENVECTOR],
                            &c->converged[FLOW_CENTRALITY_EIGENVECTOR], n, o, prev,
                            eigenvector_step, w)) != FLOW_OK ||
        (rc = pagerank(v[FLOW_CENTRALITY_PAGERANK], &c->iterations[FLOW_CENTRALITY_PAGERANK],
                       &c->converged[FLOW_CENTRALITY_PAGERANK], w, v[FLOW_CENTRALITY_OUT_STRENGTH],
                       n, o, prev)) != FLOW_OK)
        goto cleanup;
    if (sigma > 0.0) {
        perron_normalise(v[FLOW_CENTRALITY_HUB], n);
        perron_normalise(v[FLOW_CENTRALITY_AUTHORITY], n);
    } else { /* no edges: every vector is singular, no score is defined */
        undefined(v[FLOW_CENTRALITY_HUB], n, &c->converged[FLOW_CENTRALITY_HUB]);
        undefined(v[FLOW_CENTRALITY_AUTHORITY], n, &c->converged[FLOW_CENTRALITY_AUTHORITY]);
    }
    rc = FLOW_OK;
cleanup:
    free(prev);
    return rc;
}

/*
 * The table of c: one column per measure, row i = node i; scalars
 * "<measure>_iterations" for the power iterations and "<measure>_converged"
 * (1 or 0) for every measure.
 */
static int centrality_table(flow_table **out, const centrality *c)
{
    int rc = flow_i_table_new_columns(out, c->n, FLOW_CENTRALITY_MEASURE_COUNT, measure_names);
    double *v = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int m = 0; rc == FLOW_OK && m < FLOW_CENTRALITY_MEASURE_COUNT; m++) {
        char name[64];
        for (int64_t i = 0; i < c->n; i++)
            v[i * FLOW_CENTRALITY_MEASURE_COUNT + m] = c->vectors[(int64_t)m * c->n + i];
        snprintf(name, sizeof name, "%s_converged", measure_names[m]);
        rc = flow_table_set_scalar(*out, name, (double)c->converged[m]);
        if (rc == FLOW_OK && (m == FLOW_CENTRALITY_EIGENVECTOR || m == FLOW_CENTRALITY_PAGERANK)) {
            snprintf(name, sizeof name, "%s_iterations", measure_names[m]);
            rc = flow_table_set_scalar(*out, name, (double)c->iterations[m]);
        }
    }
    return rc;
}

int flow_centrality_new(flow_table **out, const flow_centrality_options *options,
                        const double *weights, int64_t n, int64_t row_stride)
{
    int rc;
    double *w = NULL;
    centrality c = {0};
    int64_t cells = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_centrality_new: out is NULL");
    *out = NULL;
    if ((rc = flow_i_flows_copy(&w, weights, 1, n, row_stride, 0, "weights")) != FLOW_OK ||
        (rc = flow_i_la_check_order(n)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, FLOW_CENTRALITY_MEASURE_COUNT, &cells)) != FLOW_OK)
        goto cleanup;
    if ((c.vectors = flow_i_calloc(cells, sizeof *c.vectors)) == NULL) {
        rc = flow_last_error_code();
        goto cleanup;
    }
    c.n = n;
    for (int m = 0; m < FLOW_CENTRALITY_MEASURE_COUNT; m++)
        c.converged[m] = 1;
    if ((rc = compute(&c, w, options != NULL ? options : &default_options)) == FLOW_OK)
        rc = centrality_table(out, &c);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
cleanup:
    free(w);
    free(c.vectors);
    return rc;
}

/*
 * What h can pass on from s to t when its sales draw on its imports in
 * proportion to their origin: s's share of h's imports times h's sales to t,
 * at most what h gets from s. 0 when h imports nothing.
 */
static double handled(const double *f, int64_t n, int64_t h, double in, double onward)
{
    double imports = 0.0;
    for (int64_t i = 0; i < n; i++)
        imports += i == h ? 0.0 : f[i * n + h];
    return imports > 0.0 ? fmin(in, onward * in / imports) : 0.0;
}

/* Column names of a transit table, in flow_transit_rule order. */
static const char *const transit_columns[FLOW_TRANSIT_RULE_COUNT] = {
    "product", "bottleneck", "first_leg", "second_leg", "handled"};

int flow_transit(flow_table **out, const double *flows, int64_t n, int64_t row_stride, int64_t s,
                 int64_t t)
{
    double *f = NULL;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (s < 0 || s >= n || t < 0 || t >= n || s == t)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "transit pair (%lld, %lld) must be two distinct economies of %lld",
                           (long long)s, (long long)t, (long long)n);
    if ((rc = flow_i_flows_copy(&f, flows, 1, n, row_stride, 0, "flows")) != FLOW_OK ||
        (rc = flow_i_table_new_columns(out, n, FLOW_TRANSIT_RULE_COUNT, transit_columns)) !=
            FLOW_OK) {
        free(f);
        return rc;
    }
    double *dst = flow_i_table_values(*out);
    /* s -> s -> t and s -> t -> t are no detours: their rows stay zero. */
    for (int64_t h = 0; h < n; h++) {
        double in = f[s * n + h], onward = f[h * n + t], *row = dst + h * FLOW_TRANSIT_RULE_COUNT;
        if (h == s || h == t)
            continue;
        row[FLOW_TRANSIT_PRODUCT] = in * onward;
        row[FLOW_TRANSIT_BOTTLENECK] = fmin(in, onward);
        row[FLOW_TRANSIT_FIRST_LEG] = in;
        row[FLOW_TRANSIT_SECOND_LEG] = onward;
        row[FLOW_TRANSIT_HANDLED] = handled(f, n, h, in, onward);
    }
    free(f);
    return FLOW_OK;
}
