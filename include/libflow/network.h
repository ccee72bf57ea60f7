/*
 * libflow/network.h - centrality of economies in a flow network and the
 * intermediaries between two economies.
 *
 * A network is an n x n row-major matrix of non-negative edge weights with an
 * explicit row stride: weights[i*row_stride + j] is the weight of the edge
 * i -> j. The diagonal (self-loops) is ignored, as in every libflow index.
 * Which matrix to pass is the caller's choice and decides the meaning:
 *  - the flow matrix itself (origin -> destination): PageRank and eigenvector
 *    centrality then rank destinations (large buyers, borrowers);
 *  - the dependence matrix, e.g. FLOW_DYAD_IMPORT_SHARE of libflow/indices.h
 *    (row = importer, column = supplier, weight = share of the importer's
 *    supply): centrality then ranks the suppliers that the others depend on,
 *    weighted by how central the dependent economies are themselves.
 * Centralities are computed with BLAS (dgemv power iterations) and LAPACK
 * (dgesdd); results follow the definitions and normalisations of networkx
 * (Hagberg, Schult & Swart 2008), which the tests use as the reference.
 *
 * Thread-safety: reentrant; handles are immutable after construction.
 */
#ifndef LIBFLOW_NETWORK_H
#define LIBFLOW_NETWORK_H

#include "libflow/common.h"
#include "libflow/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The vectors computed by flow_centrality_new (each of length n). */
typedef enum flow_centrality_measure {
    /* Weighted in-degree: sum_i w_ij (column sums). */
    FLOW_CENTRALITY_IN_STRENGTH = 0,
    /* Weighted out-degree: sum_j w_ij (row sums). */
    FLOW_CENTRALITY_OUT_STRENGTH = 1,
    /* Eigenvector centrality over in-edges, x_j proportional to sum_i w_ij x_i
     * (the leading left eigenvector of W), by power iteration on (I + W') from
     * the uniform vector, Euclidean norm 1, as networkx.eigenvector_centrality.
     * On a network that is not strongly connected the result is the limit of
     * that iteration (mass collects in the dominant components). */
    FLOW_CENTRALITY_EIGENVECTOR = 2,
    /* PageRank (Brin & Page 1998) of the row-normalised W with damping d:
     * x = d (P' x + (sum of x over dangling nodes) / n) + (1 - d) / n, where a
     * dangling node (no out-weight) links uniformly to all nodes, as
     * networkx.pagerank without personalisation. Sums to 1. */
    FLOW_CENTRALITY_PAGERANK = 3,
    /* Hub score: the leading left singular vector of W, made non-negative and
     * scaled to sum 1 (HITS, Kleinberg 1999; networkx.hits). Undefined (NaN)
     * for a network without edges; not unique when the leading singular value
     * is repeated (e.g. two disconnected parts of equal weight), in which case
     * it is the vector LAPACK returns. */
    FLOW_CENTRALITY_HUB = 4,
    /* Authority score: the leading right singular vector of W, likewise. */
    FLOW_CENTRALITY_AUTHORITY = 5,
    FLOW_CENTRALITY_MEASURE_COUNT = 6
} flow_centrality_measure;

/*
 * Parameters of the power iterations. Defaults: damping 0.85, tolerance
 * 1e-10, at most 10000 iterations. An iteration stops when the 1-norm of the
 * change of the (normalised) vector falls below n * tolerance, the criterion
 * of networkx. Setters return FLOW_OK or FLOW_ERR_INVALID_ARG (NULL handle,
 * damping outside [0, 1), tolerance not > 0, max_iterations < 1).
 */
typedef struct flow_centrality_options flow_centrality_options;

/* New options with the defaults (FLOW_OK or FLOW_ERR_NOMEM; *out NULL on
 * failure); free with flow_centrality_options_free (NULL is a no-op). The
 * options are read during flow_centrality_new only. */
FLOW_API int flow_centrality_options_new(flow_centrality_options **out);
FLOW_API void flow_centrality_options_free(flow_centrality_options *options);
FLOW_API int flow_centrality_options_set_damping(flow_centrality_options *options, double damping);
FLOW_API int flow_centrality_options_set_tolerance(flow_centrality_options *options,
                                                   double tolerance);
FLOW_API int flow_centrality_options_set_max_iterations(flow_centrality_options *options,
                                                        int64_t max_iterations);

/*
 * Computes every flow_centrality_measure of the weight matrix (layout in the
 * file comment; weights finite and >= 0). options may be NULL (defaults).
 * The result is a new table (free with flow_table_free): one row per node
 * (unlabelled; row i = node i), one column per measure in
 * flow_centrality_measure order ("in_strength", "out_strength",
 * "eigenvector", "pagerank", "hub", "authority"), and the scalars
 * "eigenvector_iterations" and "pagerank_iterations" (power iterations run;
 * max_iterations when it did not converge) and "<measure>_converged" for
 * every measure (1 when defined, 0 when not: its column is then all NaN). A
 * power iteration that does not reach the tolerance within max_iterations
 * (eigenvector centrality on a network that is not strongly connected, e.g.
 * a chain, converges only like 1/k) is not a failure of the call: the other
 * measures stay usable; hubs and authorities of a network without edges are
 * undefined likewise. *out is NULL on failure. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE (a negative or non-finite weight,
 * named), FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM or FLOW_ERR_SINGULAR (the SVD did
 * not converge). n = 0 gives FLOW_OK and a table of no rows.
 */
FLOW_API int flow_centrality_new(flow_table **out, const flow_centrality_options *options,
                                 const double *weights, int64_t n, int64_t row_stride);

/* Which network of a dataset matrix flow_centrality_new_from_dataset ranks. */
typedef enum flow_network_kind {
    /* The flows themselves, origin -> destination. */
    FLOW_NETWORK_FLOWS = 0,
    /* Dependence: edge i -> j weighted by the share of i's imports that come
     * from j (FLOW_DYAD_IMPORT_SHARE; economies without imports have no
     * out-edges). Central economies are the suppliers others depend on. */
    FLOW_NETWORK_DEPENDENCE = 1,
    FLOW_NETWORK_KIND_COUNT = 2
} flow_network_kind;

/*
 * flow_centrality_new on the network (a flow_network_kind) of one matrix of a
 * dataset, selected as in flow_dyads_new_from_dataset (product NULL: all
 * products summed); rows labelled by the economy codes of the dataset.
 * Returns the codes of flow_centrality_new,
 * FLOW_ERR_NOT_FOUND (no such matrix) and FLOW_ERR_INVALID_ARG (unknown
 * network kind).
 */
FLOW_API int flow_centrality_new_from_dataset(flow_table **out,
                                              const flow_centrality_options *options,
                                              const flow_dataset *ds, const char *layer,
                                              int64_t year, const char *product, int network);

/* How flow_transit scores an intermediary h between s and t. */
typedef enum flow_transit_rule {
    /* T_s->h * T_h->t: the weights of the rerouting model (DESIGN §5, lens 6),
     * in units of flow squared; normalise to shares for weights. */
    FLOW_TRANSIT_PRODUCT = 0,
    /* min(T_s->h, T_h->t): the largest flow the two-step path can carry
     * without exceeding either leg. */
    FLOW_TRANSIT_BOTTLENECK = 1,
    /* T_s->h alone, and T_h->t alone: the legs, for tables beside the scores. */
    FLOW_TRANSIT_FIRST_LEG = 2,
    FLOW_TRANSIT_SECOND_LEG = 3,
    /* min(T_s->h, T_h->t * T_s->h / M_h), M_h = sum_i T_i->h (h's imports):
     * the part of h's sales to t that its imports from s can supply when h
     * passes its imports on in proportion to their origin; a flow, in the
     * flows' unit. On a dataset with all products (product NULL) it is summed
     * product by product, so that h's sales of goods it does not import from
     * s carry nothing. */
    FLOW_TRANSIT_HANDLED = 4,
    FLOW_TRANSIT_RULE_COUNT = 5
} flow_transit_rule;

/*
 * Transit (intermediary) scores of every economy h for the pair (s, t) of the
 * n x n flow matrix (row stride row_stride): *out receives a new n x
 * FLOW_TRANSIT_RULE_COUNT table (rows unlabelled, free with flow_table_free)
 * whose column r is the two-step flow s -> h -> t scored by rule r, named
 * "product", "bottleneck", "first_leg", "second_leg", "handled"; the rows of
 * h = s and h = t are 0. Rank a column with flow_rank_vector
 * (libflow/indices.h). Returns FLOW_OK, FLOW_ERR_INVALID_ARG (s or t out of
 * range or equal), FLOW_ERR_VALUE, FLOW_ERR_OVERFLOW or FLOW_ERR_NOMEM; *out
 * is NULL on failure. n = 0 is FLOW_ERR_INVALID_ARG (s and t cannot be in
 * range).
 */
FLOW_API int flow_transit(flow_table **out, const double *flows, int64_t n, int64_t row_stride,
                          int64_t s, int64_t t);

/*
 * flow_transit on one matrix of a dataset (product NULL: all products summed,
 * as in flow_centrality_new_from_dataset; the "handled" column is then the
 * sum of the scores of each product), for the economies with codes (or
 * aliases) origin and destination; rows labelled by economy code. Returns the
 * codes of flow_transit, FLOW_ERR_NOT_FOUND (no such matrix),
 * FLOW_ERR_UNSUPPORTED (products in different units) and
 * FLOW_ERR_UNKNOWN_LABEL.
 */
FLOW_API int flow_transit_from_dataset(flow_table **out, const flow_dataset *ds, const char *layer,
                                       int64_t year, const char *product, const char *origin,
                                       const char *destination);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_NETWORK_H */
