/*
 * libflow/contagion.h - financial contagion on stocks of claims: clearing
 * payments with default costs, and bilateral exposure matrices estimated from
 * their row and column totals.
 *
 * Units: every input is a stock (an amount owed or held at one date) in one
 * currency unit; results are in that unit. These functions never take flows.
 *
 * Threads: each call is independent and reentrant; inputs are only read, so
 * one input table may be shared by concurrent calls.
 */
#ifndef LIBFLOW_CONTAGION_H
#define LIBFLOW_CONTAGION_H

#include "libflow/common.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Clearing payment vector of Eisenberg & Noe (2001, "Systemic risk in
 * financial systems", Management Science 47(2)) with the default costs of
 * Rogers & Veraart (2013, "Failure and rescue in an interbank network",
 * Management Science 59(4)): the greatest p with
 *
 *   p_i = pbar_i                                 if e_i + sum_j Pi_ji p_j >= pbar_i
 *   p_i = alpha e_i + beta sum_j Pi_ji p_j       otherwise (bank i defaults),
 *
 * pbar_i = sum_j L_ij, Pi_ij = L_ij / pbar_i. It is found by Rogers &
 * Veraart's greatest-clearing-vector algorithm (at most n rounds, each one
 * linear solve on the defaulting banks). alpha = beta = 1 is Eisenberg–Noe.
 *
 * liabilities: n x n, L_ij >= 0 the nominal amount bank i owes bank j (a
 *   stock), zero diagonal; its row labels name the banks.
 * external_assets: e_i >= 0, n values, same unit.
 * alpha, beta: in (0, 1], the fractions of external and of interbank assets
 *   realised by a defaulting bank.
 *
 * *out (n rows labelled as liabilities' rows; free with flow_table_free):
 *   liabilities    pbar_i, what bank i owes
 *   payment        p_i, what it pays at clearing
 *   recovery_rate  p_i / pbar_i (1 when pbar_i = 0)
 *   default        1 if bank i defaults, else 0
 *   net_worth      e_i + sum_j Pi_ji p_j - pbar_i, before default costs
 *                  (negative exactly for defaulting banks)
 *   round          the round of the algorithm in which it defaulted (0 if it
 *                  does not): 1 = fundamental default, later = contagion
 *
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument), FLOW_ERR_DIMENSION
 * (not square), FLOW_ERR_VALUE (negative, non-finite or diagonal liability,
 * alpha or beta outside (0, 1]), FLOW_ERR_SINGULAR (alpha = beta = 1 and a
 * group of defaulting banks owes only to itself with no external assets: the
 * clearing vector is then not unique), FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_clearing_vector(flow_table **out, const flow_table *liabilities,
                                  const double *external_assets, double alpha, double beta);

/*
 * Biproportional balancing (RAS, iterative proportional fitting): the matrix
 * X = diag(r) P diag(s) closest to the prior P in the Kullback–Leibler sense
 * whose row sums are row_totals and column sums col_totals. Zeros of P stay
 * zero. Serves both the estimation of bilateral exposures from banks' total
 * interbank assets and liabilities and the updating of an input-output table
 * to new margins (Miller & Blair 2009, section 7.4).
 *
 * prior: rows x cols, entries >= 0; its labels are kept.
 * row_totals (rows values), col_totals (cols values): >= 0 with equal sums
 *   (relative difference at most 1e-9).
 * tolerance: largest relative gap between a margin and its target at the
 *   end (e.g. 1e-10); max_iterations: at most this many row-and-column rounds.
 *
 * *out: the balanced rows x cols table with the prior's labels.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE (negative entry,
 * unequal sums, a positive target on a row or column of zeros of the prior,
 * or no convergence within max_iterations: the margins cannot be met with
 * the prior's zero pattern), FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_ras(flow_table **out, const flow_table *prior, const double *row_totals,
                      const double *col_totals, double tolerance, int64_t max_iterations);

/*
 * Bilateral exposures of maximum entropy given each bank's total interbank
 * assets (row sums: what it has lent) and liabilities (column sums: what it
 * has borrowed), with no bank exposed to itself (Upper & Worms 2004, "Estimating
 * bilateral exposures in the German interbank market", European Economic
 * Review 48(4)): the prior a_i l_j / sum(a) with a zero diagonal, balanced
 * by RAS to the totals (tolerance and max_iterations as in flow_ras).
 *
 * labels: n bank names (copied onto rows and columns), or NULL.
 * *out: n x n table, X_ij = estimated claim of bank i on bank j.
 * Returns as flow_ras. *out is NULL on failure. n = 0 gives FLOW_OK and an
 * empty table.
 */
FLOW_API int flow_exposures_max_entropy(flow_table **out, int64_t n, const char *const *labels,
                                        const double *assets, const double *liabilities,
                                        double tolerance, int64_t max_iterations);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_CONTAGION_H */
