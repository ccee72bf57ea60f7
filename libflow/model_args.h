/*
 * model_args.h - argument checks and result tables shared by the stand-alone
 * models (inoperability, mixed and price models, clearing, matrix balancing)
 * that take labelled flow_tables and plain vectors and return flow_tables
 * (internal).
 */
#ifndef LIBFLOW_MODEL_ARGS_H
#define LIBFLOW_MODEL_ARGS_H

#include "internal.h"

/*
 * Checks that table is a non-NULL square table of finite values, at least
 * lo everywhere; sets *n. who names the model and what the argument in the
 * message. FLOW_ERR_INVALID_ARG, FLOW_ERR_DIMENSION or FLOW_ERR_VALUE.
 */
int flow_i_square_table(const flow_table *table, double lo, const char *who, const char *what,
                        int64_t *n);

/*
 * Checks that v is non-NULL and v[0..n) are finite and in [lo, hi].
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_VALUE naming the element.
 */
int flow_i_vector_in(const double *v, int64_t n, double lo, double hi, const char *who,
                     const char *what);

/*
 * New rows x cols table whose row labels (and groups) are those of the rows
 * of labels_from (NULL: unlabelled) and whose column labels are col_names[0..cols).
 * values is row-major with stride cols, or NULL for zeros.
 */
int flow_i_result_table(flow_table **out, const flow_table *labels_from, int64_t rows, int64_t cols,
                        const double *values, const char *const *col_names);

/* Copies the row labels and groups of from (n rows) onto the columns of to. */
int flow_i_rows_to_cols(flow_table *to, const flow_table *from, int64_t n);

/*
 * Solves (I - scale * M) x = b (transpose 0) or (I - scale * M)' x = b in
 * place of b, M the row-major n x n matrix m (stride ld): one LU
 * factorisation, never an inverse. FLOW_ERR_SINGULAR names who.
 */
int flow_i_solve_identity_minus(const double *m, int64_t n, int64_t ld, double scale, int transpose,
                                double *b, const char *who);

#endif /* LIBFLOW_MODEL_ARGS_H */
