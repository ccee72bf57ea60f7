/*
 * libflow/io_structure.h - the structure of an input-output model: fields of
 * influence, the multiplier product matrix, the exact effect of changing one
 * technical coefficient, and structural path analysis.
 *
 * Notation of libflow/io.h: A, L = (I - A)^-1, region-major indices. Results
 * are new flow_tables (rows labelled region / sector, lower-case column
 * names) that the caller frees with flow_table_free; *out is NULL on failure.
 * Every function here (factors): see the threading note of libflow/io.h.
 */
#ifndef LIBFLOW_IO_STRUCTURE_H
#define LIBFLOW_IO_STRUCTURE_H

#include "libflow/common.h"
#include "libflow/io.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * (factors) First-order field of influence of coefficient a_ij (Sonis &
 * Hewings 1992): F(i, j) = L_.i L_j. (column i of L times row j of L), the
 * derivative dL / da_ij, n x n. Two solves and an outer product.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL, i or j out of range),
 * FLOW_ERR_NOMEM, FLOW_ERR_OVERFLOW and the factoring codes.
 */
FLOW_API int flow_io_field_of_influence(flow_table **out, flow_io_model *model, int64_t i,
                                        int64_t j);

/*
 * (factors) Multiplier product matrix (Sonis, Hewings & Guo 1997): MPM_ij =
 * f_i b_j / V with f = L 1 (row sums, forward), b = 1' L (column sums,
 * backward multipliers) and V = 1' L 1: the economic landscape of the
 * economy. V MPM_ji is the total of the field of influence F(i, j), so the
 * largest entries of MPM' mark the coefficients whose change moves L most.
 * n x n. Returns as flow_io_field_of_influence.
 */
FLOW_API int flow_io_multiplier_product(flow_table **out, flow_io_model *model);

/*
 * (factors) Exact effect of changing one coefficient, a_ij -> a_ij + delta,
 * without re-inverting (Sherman & Morrison 1950):
 *   L~ = L + delta / (1 - delta l_ji) L_.i L_j.
 * so, for the model's final demand y, x~ = x + delta (L_j. y) / (1 - delta
 * l_ji) L_.i. One row per sector: "output" (x = L y), "output_new" (x~) and
 * "change". FLOW_ERR_SINGULAR when 1 - delta l_ji = 0 (I - A~ is singular)
 * and FLOW_ERR_NOT_PRODUCTIVE when the new system has a negative output
 * multiplier (1 - delta l_ji < 0, for non-negative L: the change makes the
 * economy unproductive). Other returns as flow_io_field_of_influence.
 */
FLOW_API int flow_io_coefficient_change(flow_table **out, flow_io_model *model, int64_t i,
                                        int64_t j, double delta);

/* Most supply-chain steps flow_io_structural_paths follows on one path. */
#define FLOW_SPA_MAX_DEPTH 64

/*
 * (factors) Structural path analysis (Defourny & Thorbecke 1984; Lenzen &
 * Crawford 2009; Peters & Hertwich 2006). The footprint T = f' L y of a
 * satellite intensity f (per unit of output; NULL: value-added coefficients
 * v / x) and a final demand y (n entries; NULL: the model's total final
 * demand) is the sum over supply chains i0 -> i1 -> ... -> im of
 *   f_i0 a_i0i1 a_i1i2 ... a_i(m-1)im y_im
 * (i0 where the emission or value added occurs, im the product bought by
 * final users, m <= max_depth steps). The search starts at every sold
 * product and walks upstream; a node whose whole subtree m_k p (m = f' L,
 * p the product of the coefficients and y so far) is below threshold * T is
 * cut - its mass is counted, not lost - and coefficients that cannot pass the
 * threshold at any depth are dropped before the search.
 *
 * *paths: the top_k paths by value, largest first, one row each, labelled
 * "region/sector > ... > region/sector" from source to final product, with
 * columns value, share (of T), depth (steps m), source and sink (model
 * indices). *summary, one row "total": total (T), paths_value (sum of every
 * path visited, also beyond top_k), pruned (mass of the cut subtrees and of
 * the paths longer than max_depth), paths (number visited) and nodes
 * (expanded); paths_value + pruned = total up to rounding, always.
 *
 * Cost: one transposed solve (m), one pass over Z keeping, per column j, the
 * coefficients with m_k a_kj max(y) >= threshold T sorted by m_k a_kj
 * (O(n^2) reads, O(K log K) for the K kept), then O(E) for E scanned edges:
 * each expanded node reads its sorted list only until the first entry that
 * fails the threshold. Memory: the kept list (16 bytes an entry) and top_k
 * paths. Pruning compares magnitudes and is meant for non-negative A, f and
 * y (a negative entry still adds up, but may be cut early).
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL, top_k < 1, threshold
 * not in [0, 1), max_depth outside 0..FLOW_SPA_MAX_DEPTH, NaN in f or y),
 * FLOW_ERR_NOMEM and the factoring codes. Both outputs NULL on failure.
 */
FLOW_API int flow_io_structural_paths(flow_table **paths, flow_table **summary,
                                      flow_io_model *model, const double *f, const double *y,
                                      int64_t top_k, double threshold, int max_depth);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_IO_STRUCTURE_H */
