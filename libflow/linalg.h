/*
 * linalg.h - libflow's only door to BLAS and LAPACK (internal).
 *
 * Only linalg.c includes cblas.h and lapacke.h, so the numerical backend stays
 * out of the ABI. The backend is OpenBLAS: linalg.c uses OpenBLAS's cblas.h
 * (blasint) and openblas_get_num_threads, and a build against another
 * CBLAS/LAPACKE needs those replaced here, in this one file. Every size is
 * checked against the integer type the backend was built with (lapack_int,
 * blasint: 32 or 64 bits) before a call. Matrices here are row-major, as at
 * the ABI.
 * A row-major n x n buffer is, byte for byte, the column-major transpose, so
 * LAPACK factors M^T in place and systems with M are solved as transposed
 * systems: no LAPACKE_*_work row-major copies, no hidden n x n temporaries.
 */
#ifndef LIBFLOW_LINALG_H
#define LIBFLOW_LINALG_H

#include <stdint.h>

/* An LU factorisation of a square matrix M (row-major as given by the caller). */
typedef struct flow_i_lu flow_i_lu;

/*
 * Factors the row-major n x n matrix m. Takes ownership of m (it is
 * overwritten by the factors and freed by flow_i_lu_free, also on failure).
 * Returns FLOW_ERR_SINGULAR for an exactly singular matrix, FLOW_ERR_OVERFLOW
 * when n does not fit lapack_int.
 */
int flow_i_lu_factor(flow_i_lu **out, double *m, int64_t n);

/*
 * As flow_i_lu_factor for an m the caller has just checked to hold no NaN
 * (a NaN would not be refused, it would spread into the factors).
 */
int flow_i_lu_factor_nan_free(flow_i_lu **out, double *m, int64_t n);

/* As flow_i_lu_factor, but m stays the caller's: flow_i_lu_free leaves it alone. */
int flow_i_lu_factor_borrowed(flow_i_lu **out, double *m, int64_t n);

/*
 * Solves in place for nrhs right-hand sides stored as nrhs contiguous vectors
 * of length n (vector k at rhs + k*n): M x = b when transpose is 0, M' x = b
 * otherwise. Thread-safe for concurrent calls on the same factorisation.
 */
int flow_i_lu_solve(const flow_i_lu *lu, int transpose, double *rhs, int64_t nrhs);

/*
 * Reciprocal condition number estimate (dgecon) of M in the infinity norm,
 * computed on each call (O(n^2)) from inf_norm = max_i sum_j |m_ij|, the norm
 * of the matrix that was factored (the factors no longer hold it). NaN only
 * if LAPACK rejects an argument. Thread-safe.
 */
double flow_i_lu_rcond(const flow_i_lu *lu, double inf_norm);

/* Number of threads OpenBLAS runs a level-3 call on (at least 1). */
int flow_i_blas_threads(void);

/* Order n of the factored matrix. */
int64_t flow_i_lu_order(const flow_i_lu *lu);

void flow_i_lu_free(flow_i_lu *lu);

/* Checks that n fits lapack_int; FLOW_ERR_OVERFLOW recorded otherwise. */
int flow_i_la_check_order(int64_t n);

/*
 * y = alpha * op(M) x + beta * y for the row-major rows x cols matrix m with
 * row stride ld; op(M) = M when transpose is 0, M' otherwise (x then has rows
 * elements and y cols). FLOW_ERR_OVERFLOW when a size does not fit the BLAS
 * integer, FLOW_ERR_INVALID_ARG when ld < cols (BLAS would print and skip).
 * As in BLAS, y is left untouched when rows or cols is 0.
 */
int flow_i_gemv(int transpose, int64_t rows, int64_t cols, double alpha, const double *m,
                int64_t ld, const double *x, double beta, double *y);

/* ---------------------------------------------------------------- io
 * Wrappers the input-output engine needs beyond factor/solve.
 */

/*
 * As flow_i_lu_solve with the right-hand sides ldb >= n elements apart
 * (vector k at rhs + k*ldb): lets a caller's row-major buffer with a row
 * stride be solved in place.
 */
int flow_i_lu_solve_ld(const flow_i_lu *lu, int transpose, double *rhs, int64_t nrhs, int64_t ldb);

/*
 * Diagonal of M^-1 into diag[0..n) from the factors, without forming M^-1:
 * inverts the two triangular factors of a copy (dtrtri, n^3/3 flops each) and
 * takes the n row-by-column products that give the diagonal. One n x n
 * workspace. FLOW_ERR_NOMEM, FLOW_ERR_LAPACK on failure.
 */
int flow_i_lu_inverse_diagonal(const flow_i_lu *lu, double *diag);

/*
 * M^-1 into the caller's row-major buffer dst (row stride ld >= n) from the
 * factors: the factors are copied into dst and inverted there (both
 * triangles by dtrtri, then their product in place), with no workspace.
 * FLOW_ERR_SINGULAR (an exactly zero pivot), FLOW_ERR_OVERFLOW,
 * FLOW_ERR_INVALID_ARG (ld < n), FLOW_ERR_LAPACK on failure.
 */
int flow_i_lu_inverse(const flow_i_lu *lu, double *dst, int64_t ld);

/*
 * Replaces the row-major n x n matrix in m (row stride ld >= n) by its
 * inverse, factoring it in place (dgetrf) and inverting the factors as
 * flow_i_lu_inverse does: for callers that want M^-1 and no factorisation
 * kept, at no n x n cost beyond m itself. Codes as flow_i_lu_inverse, and
 * FLOW_ERR_NOMEM; on failure m holds partial results.
 */
int flow_i_invert_in_place(double *m, int64_t n, int64_t ld);

/* ------------------------------------------------------------ network */

/*
 * Leading singular triplet of the row-major n x n matrix m (stride n, not
 * modified): sigma_1, its left singular vector u (length n) and right
 * singular vector v (length n), from LAPACK's dgesdd on a private copy. The
 * signs are LAPACK's; callers that need a non-negative vector fix them.
 */
int flow_i_svd_leading(const double *m, int64_t n, double *sigma, double *u, double *v);

/* ---------------------------------------------------------------- shocks */

/*
 * A low-rank update M~ = M + U V of a factored matrix M (Woodbury identity),
 * U n x r, V r x n. Solving with M~ costs two solves with M plus O(n r) work
 * per right-hand side, after r solves and an r x r factorisation up front,
 * instead of a new O(n^3) factorisation.
 */
typedef struct flow_i_lowrank flow_i_lowrank;

/*
 * Prepares the update. u holds the r columns of U as r contiguous vectors of
 * length n (column k at u + k*n); v is V row-major (r x n). Takes ownership
 * of u and v (freed by flow_i_lowrank_free, also on failure). base must
 * outlive the update. FLOW_ERR_SINGULAR when I + V M^-1 U is singular
 * (then M~ is).
 */
int flow_i_lowrank_new(flow_i_lowrank **out, const flow_i_lu *base, double *u, double *v,
                       int64_t r);

/* Solves M~ x = b (transpose 0) or M~' x = b in place, rhs as in flow_i_lu_solve. */
int flow_i_lowrank_solve(const flow_i_lowrank *lr, int transpose, double *rhs, int64_t nrhs);

void flow_i_lowrank_free(flow_i_lowrank *lr);

/* ------------------------------------------------------------ complexity */

/*
 * Eigenvalues (ascending, into w[0..n)) and eigenvectors of the symmetric
 * row-major n x n matrix a (LAPACK dsyevd); eigenvector k overwrites row k of
 * a (unit length, sign LAPACK's). FLOW_ERR_SINGULAR when dsyevd does not
 * converge.
 */
int flow_i_symmetric_eigen(double *a, int64_t n, double *w);

/*
 * Non-negative least squares (Lawson & Hanson 1974; linalg_nnls.c): x >= 0
 * (n) minimising ||A x - b|| for the column-major m x n matrix a and b (m).
 * A column that adds nothing independent to the passive set stays at 0.
 * Returns FLOW_OK, FLOW_ERR_OVERFLOW (sizes beyond LAPACK), FLOW_ERR_NOMEM.
 */
int flow_i_nnls(const double *a, int64_t m, int64_t n, const double *b, double *x);

#endif /* LIBFLOW_LINALG_H */
