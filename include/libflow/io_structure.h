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

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_IO_STRUCTURE_H */
