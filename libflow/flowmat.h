/*
 * flowmat.h - validated private copies of flow matrices (internal), shared by
 * the indices, concentration, exposure and network concerns.
 *
 * Every index in libflow treats the diagonal of a flow matrix (domestic or
 * self flows) as zero: bilateral measures are about flows between distinct
 * economies. The copies made here are contiguous (row stride n) with the
 * diagonal cleared, so the computations never look at strides or self flows.
 */
#ifndef LIBFLOW_FLOWMAT_H
#define LIBFLOW_FLOWMAT_H

#include <stdint.h>

/*
 * Copies count stacked n x n flow matrices from the caller's layout (matrix
 * k, row i, column j at flows[(k*n + i)*row_stride + j]) into a fresh
 * contiguous array of count*n*n doubles with zero diagonals (unless
 * keep_diagonal, for IO tables whose diagonal is domestic use), owned by the
 * caller (free()). Rejects a NULL pointer, n < 0, count < 0, row_stride < n
 * (FLOW_ERR_INVALID_ARG), sizes that overflow (FLOW_ERR_OVERFLOW) and
 * negative, NaN or infinite entries (FLOW_ERR_VALUE, naming the entry); what
 * names the argument in messages.
 */
int flow_i_flows_copy(double **out, const double *flows, int64_t count, int64_t n,
                      int64_t row_stride, int keep_diagonal, const char *what);

/* Row sums (sums[i] = sum_j m[i][j]) of a contiguous n x n matrix. */
void flow_i_row_sums(const double *m, int64_t n, double *sums);

/* Column sums (sums[j] = sum_i m[i][j]) of a contiguous n x n matrix. */
void flow_i_col_sums(const double *m, int64_t n, double *sums);

/* Checks that an output vector of len doubles can hold need (FLOW_ERR_BUFFER_TOO_SMALL). */
int flow_i_check_out_vector(const void *dst, int64_t dst_len, int64_t need, const char *what);

#endif /* LIBFLOW_FLOWMAT_H */
