/*
 * libflow/io_variants.h - two input-output models beside the Leontief
 * quantity model: the mixed exogenous/endogenous model, in which the outputs
 * of constrained sectors are fixed (Miller & Blair 2009, Input-Output
 * Analysis, 2nd ed., section 13.1), and the Leontief price (cost-push) model
 * with imported inputs (Miller & Blair 2009, section 2.6).
 *
 * Both work on flows of one period: a technical-coefficient matrix A (n x n,
 * a_ij = input from sector i per unit of output of sector j, rows labelled).
 * Both solve with one LU factorisation, never an inverse.
 *
 * Threads: each call is independent and reentrant; inputs are only read.
 */
#ifndef LIBFLOW_IO_VARIANTS_H
#define LIBFLOW_IO_VARIANTS_H

#include "libflow/common.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The mixed model: sectors with constrained[i] != 0 have their output fixed
 * at constrained_output[i] (an embargo or capacity limit as a quantity); the
 * others have final demand final_demand[i] and endogenous output. With E the
 * endogenous and X the constrained sectors:
 *
 *   x_E = (I - A_EE)^-1 (f_E + A_EX x_X)
 *   f_X = (I - A_XX) x_X - A_XE x_E      (the final demand left for X)
 *
 * This is the quantity-consistent counterpart of a supply-driven (Ghosh)
 * shock. Entries of final_demand for X and of constrained_output for E are
 * ignored.
 *
 * *out (n rows labelled as A's rows):
 *   output        x_i, in the unit of final_demand
 *   final_demand  f_i (given for E, implied for X; may come out negative when
 *                 the constraint cannot even meet intermediate demand)
 *   constrained   1 for X, 0 for E
 *
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument), FLOW_ERR_DIMENSION,
 * FLOW_ERR_VALUE (negative or non-finite coefficient, demand or output),
 * FLOW_ERR_SINGULAR (I - A_EE singular), FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_io_mixed(flow_table **out, const flow_table *coefficients,
                           const double *final_demand, const double *constrained_output,
                           const int *constrained);

/*
 * The Leontief price model with imported inputs: unit prices (1 in the base
 * period) move with the primary-input cost per unit of output, domestic
 * value added v and imported inputs priced at pm:
 *
 *   p' = p' A + pm' M + v'   so   (I - A)' dp = dv + M' dpm,  dp' = (dv' + dpm' M) L
 *
 * coefficients: A, n x n; import_coefficients: M, m x n (m_kj = imports of
 * product k per unit of output of sector j, in the same value unit), or NULL
 * (then m = 0); import_price_change: dpm, m relative changes (0.2 = +20 %),
 * or NULL; value_added_change: dv, n changes of value added per unit of
 * output (a fraction of the sector's base price), or NULL.
 *
 * *out (n rows labelled as A's rows):
 *   cost_push     dv_j + sum_k m_kj dpm_k, the direct cost change per unit
 *   price_change  dp_j, relative change of sector j's price, all rounds
 *
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_DIMENSION (M's columns !=
 * n), FLOW_ERR_VALUE, FLOW_ERR_SINGULAR, FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_io_price(flow_table **out, const flow_table *coefficients,
                           const flow_table *import_coefficients, const double *import_price_change,
                           const double *value_added_change);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_IO_VARIANTS_H */
