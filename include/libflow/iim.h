/*
 * libflow/iim.h - the inoperability input-output model (IIM) family:
 * demand-side (Haimes & Jiang 2001, "Leontief-based model of risk in complex
 * interconnected infrastructures", J. Infrastructure Systems 7(1); Santos &
 * Haimes 2004, "Modeling the demand reduction input-output (I-O) inoperability
 * due to terrorism of interconnected infrastructures", Risk Analysis 24(6)),
 * supply-side (Leung, Haimes & Santos 2007, "Supply- and output-side
 * extensions to the inoperability input-output model for interdependent
 * infrastructures", J. Infrastructure Systems 13(4)) and dynamic with
 * resilience coefficients (Lian & Haimes 2006, "Managing the risk of terrorism
 * to interdependent infrastructure systems through the dynamic inoperability
 * input-output model", Systems Engineering 9(3)).
 *
 * Inoperability q_i is the fraction of sector i's as-planned output that is
 * lost (0 = fully operable, 1 = inoperable); it is dimensionless. The model
 * works on flows: an input-output table of one period, in one value unit.
 *
 *   demand side:  q = A* q + c*,  A* = diag(x)^-1 Z,  c*_i = (lost final demand)_i / x_i
 *   supply side:  q = A^s q + v*, A^s = diag(x)^-1 Z', v*_i = (lost primary input)_i / x_i
 *
 * (a*_ij = z_ij / x_i = a_ij x_j / x_i; a^s_ij = z_ji / x_i = a_ji: the demand
 * side is the Leontief model and the supply side the Ghosh model, both scaled
 * to fractions of output.) Both are solved as (I - M) q = c* by one LU
 * factorisation, never by an inverse.
 *
 * Threads: each call is independent and reentrant; inputs are only read.
 */
#ifndef LIBFLOW_IIM_H
#define LIBFLOW_IIM_H

#include "libflow/common.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum flow_iim_side {
    FLOW_IIM_DEMAND = 0, /* perturbations are lost final demand (Santos & Haimes 2004) */
    FLOW_IIM_SUPPLY = 1, /* perturbations are lost primary inputs (Leung et al. 2007) */
    FLOW_IIM_SIDE_COUNT = 2
} flow_iim_side;

/*
 * Interdependency matrix of one side from a transactions table Z (n x n
 * flows, z_ij = sales of sector i to sector j, rows labelled) and total
 * outputs x (n values > 0, same unit): demand A* = diag(x)^-1 Z, supply
 * A^s = diag(x)^-1 Z'. *out is n x n, rows and columns labelled with Z's row
 * labels. Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL, bad side),
 * FLOW_ERR_DIMENSION (Z not square), FLOW_ERR_VALUE (negative or non-finite
 * flow, output <= 0), FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_iim_matrix(flow_table **out, const flow_table *transactions, const double *output,
                             int side);

/*
 * Equilibrium inoperability q = (I - M)^-1 c* for an interdependency matrix M
 * (from flow_iim_matrix or published) and a perturbation c* (n fractions of
 * output, >= 0). output (n values, or NULL) adds the loss in value.
 *
 * *out (n rows labelled as M's rows):
 *   perturbation   c*_i
 *   inoperability  q_i (not clipped: q_i > 1 means the linear model asks
 *                  for more than the sector's whole output)
 *   output_loss    q_i x_i, in output's unit (only when output is given)
 *
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_DIMENSION, FLOW_ERR_VALUE,
 * FLOW_ERR_SINGULAR (I - M singular), FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_iim_static(flow_table **out, const flow_table *interdependency,
                             const double *perturbation, const double *output);

/*
 * Resilience coefficients of the dynamic IIM (Lian & Haimes 2006) from the
 * time each sector takes to recover: k_i = ln(q0_i / qT_i) / (T_i (1 - m_ii)),
 * where sector i recovers from inoperability q0_i to qT_i in T_i periods.
 * q0 > qT > 0, T > 0, m_ii < 1 for every sector.
 * *out: n x 1, column "resilience", rows labelled as M's rows.
 * Returns as flow_iim_static. *out is NULL on failure.
 */
FLOW_API int flow_iim_resilience(flow_table **out, const flow_table *interdependency,
                                 const double *q0, const double *q_target,
                                 const double *recovery_time);

/*
 * Recovery path of the dynamic IIM (Lian & Haimes 2006), in discrete periods:
 *
 *   q(t + 1) = q(t) + K (M q(t) + c* - q(t)),   K = diag(k),
 *
 * from q(0) = q0, for periods 0..steps. resilience: k_i in [0, 1] per period
 * (k_i = 0: sector i does not move by itself); perturbation: c* held fixed
 * over the path, or NULL for none (pure recovery, q -> 0). q0 in [0, 1].
 *
 * *out: (steps + 1) x n, row t labelled "t" (the period), columns labelled
 * with M's row labels; values are inoperabilities.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL, steps < 0), FLOW_ERR_DIMENSION,
 * FLOW_ERR_VALUE, FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_iim_dynamic(flow_table **out, const flow_table *interdependency,
                              const double *resilience, const double *q0,
                              const double *perturbation, int64_t steps);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_IIM_H */
