/*
 * linalg.c - thin, checked wrappers over OpenBLAS (CBLAS) and LAPACKE.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE */
#include "linalg.h"
#include "internal.h"

#include <cblas.h>
#include <lapacke.h>
#include <stdint.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * OpenBLAS takes a work buffer per thread from mmap on its first level-3 (and
 * large level-2) call and keeps it; when that mmap fails it retries forever
 * (blas_memory_alloc), so a process under an address-space limit hangs
 * inside dgetrf instead of failing. The buffer size is fixed at OpenBLAS's
 * build (BUFFER_SIZE: 32 << 22 bytes on x86-64, plus alignment); it cannot be
 * queried. Before a call into OpenBLAS that may need buffers it does not yet
 * hold, a block of that size per thread is mapped and released again: if it
 * cannot be mapped, the call fails with FLOW_ERR_NOMEM instead. Once a call
 * has succeeded with t threads, OpenBLAS holds t buffers and later calls on
 * as many threads need no check. Not guarded: concurrent callers (each needs
 * a buffer of its own), another library's OpenBLAS calls in between, and
 * builds with a larger BUFFER_SIZE (see docs/robustness.md).
 */
#define BLAS_BUFFER_BYTES (((size_t)32 << 22) + ((size_t)4 << 20))
static atomic_int blas_threads_ready;

static int reserve_blas_buffers(void)
{
    int threads = flow_i_blas_threads();
    if (atomic_load(&blas_threads_ready) >= threads)
        return FLOW_OK;
    size_t bytes = BLAS_BUFFER_BYTES * (size_t)threads;
    void *probe = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (probe == MAP_FAILED)
        return flow_i_fail(FLOW_ERR_NOMEM,
                           "out of memory: no room for OpenBLAS's work buffers (%zu MiB of address "
                           "space for %d thread%s)",
                           bytes >> 20, threads, threads == 1 ? "" : "s");
    munmap(probe, bytes);
    return FLOW_OK;
}

/* Records that OpenBLAS now holds buffers for the current number of threads. */
static void blas_buffers_held(void)
{
    int threads = flow_i_blas_threads();
    int ready = atomic_load(&blas_threads_ready);
    while (ready < threads && !atomic_compare_exchange_weak(&blas_threads_ready, &ready, threads))
        ;
}

/*
 * The largest value of the backend's integer types: lapack_int and OpenBLAS's
 * blasint are 32 bits in the usual (LP64) builds and 64 bits in ILP64 ones.
 */
#define LAPACK_INT_MAX ((int64_t)(sizeof(lapack_int) >= 8 ? INT64_MAX : INT32_MAX))
#define BLAS_INT_MAX   ((int64_t)(sizeof(blasint) >= 8 ? INT64_MAX : INT32_MAX))

struct flow_i_lu {
    int64_t n;
    double *factors; /* column-major LU of M^T (the caller's row-major M, in place) */
    lapack_int *pivots;
    int borrowed; /* factors belong to the caller (flow_i_lu_factor_borrowed) */
};

int flow_i_la_check_order(int64_t n)
{
    if (n < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "negative matrix order %lld", (long long)n);
    if (n > LAPACK_INT_MAX)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "matrix order %lld exceeds LAPACK's integer range",
                           (long long)n);
    return FLOW_OK;
}

static int check_blas_size(int64_t v, const char *what)
{
    if (v < 0 || v > BLAS_INT_MAX)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "%s %lld is outside BLAS's integer range", what,
                           (long long)v);
    return FLOW_OK;
}

int flow_i_gemv(int transpose, int64_t rows, int64_t cols, double alpha, const double *m,
                int64_t ld, const double *x, double beta, double *y)
{
    int rc;
    if ((rc = check_blas_size(rows, "row count")) != FLOW_OK ||
        (rc = check_blas_size(cols, "column count")) != FLOW_OK ||
        (rc = check_blas_size(ld, "row stride")) != FLOW_OK)
        return rc;
    if (ld < cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "row stride %lld is below the column count %lld",
                           (long long)ld, (long long)cols);
    if (rows == 0 || cols == 0)
        return FLOW_OK;
    if ((rc = reserve_blas_buffers()) != FLOW_OK)
        return rc;
    cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, (blasint)rows, (blasint)cols,
                alpha, m, (blasint)ld, x, 1, beta, y, 1);
    blas_buffers_held();
    return FLOW_OK;
}

/*
 * dgetrf on the column-major n x n matrix m (leading dimension ld), in place.
 * nan_free: the caller knows m holds no NaN, so LAPACKE's scan for one (a
 * serial pass over the n x n matrix) is skipped.
 */
static int factor_in_place(double *m, int64_t n, int64_t ld, lapack_int *pivots, int nan_free)
{
    /* An empty matrix is factored as it is; LAPACK would reject its leading
     * dimension of 0 and print to stdout. */
    if (n == 0)
        return FLOW_OK;
    int rc = reserve_blas_buffers();
    if (rc != FLOW_OK)
        return rc;
    lapack_int info = nan_free ? LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n,
                                                     m, (lapack_int)ld, pivots)
                               : LAPACKE_dgetrf(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, m,
                                                (lapack_int)ld, pivots);
    blas_buffers_held();
    if (info < 0)
        return flow_i_fail(FLOW_ERR_LAPACK, "dgetrf rejected argument %d", (int)-info);
    if (info > 0)
        return flow_i_fail(FLOW_ERR_SINGULAR,
                           "matrix is singular: zero pivot at position %d of %lld", (int)info,
                           (long long)n);
    return FLOW_OK;
}

/* Factors m in place; the factorisation frees m later unless borrowed. */
static int lu_factor(flow_i_lu **out, double *m, int64_t n, int borrowed, int nan_free)
{
    int rc;
    flow_i_lu *lu = NULL;
    *out = NULL;
    if ((rc = flow_i_la_check_order(n)) != FLOW_OK)
        goto fail;
    lu = flow_i_calloc(1, sizeof *lu);
    if (lu == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto fail;
    }
    lu->n = n;
    lu->factors = m;
    lu->borrowed = borrowed;
    m = NULL;
    lu->pivots = flow_i_malloc(n, sizeof *lu->pivots);
    if (lu->pivots == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto fail;
    }
    if ((rc = factor_in_place(lu->factors, n, n, lu->pivots, nan_free)) != FLOW_OK)
        goto fail;
    *out = lu;
    return FLOW_OK;
fail:
    if (!borrowed)
        free(m);
    flow_i_lu_free(lu);
    return rc;
}

int flow_i_lu_factor(flow_i_lu **out, double *m, int64_t n)
{
    return lu_factor(out, m, n, 0, 0);
}

int flow_i_lu_factor_nan_free(flow_i_lu **out, double *m, int64_t n)
{
    return lu_factor(out, m, n, 0, 1);
}

int flow_i_lu_factor_borrowed(flow_i_lu **out, double *m, int64_t n)
{
    return lu_factor(out, m, n, 1, 0);
}

/*
 * dgetrs on nrhs >= 1 right-hand sides ldb apart. LAPACKE_dgetrs would scan
 * the n x n factors for NaN before every solve, which takes as long as the
 * solve itself when there are few right-hand sides (footprints, multipliers,
 * shocks) and finds nothing: the factors come from a matrix that passed the
 * same scan when it was factored. The right-hand sides are still scanned,
 * and a NaN among them is refused as LAPACKE refuses it (argument 8).
 */
static int solve_factored(const flow_i_lu *lu, int transpose, double *rhs, int64_t nrhs,
                          int64_t ldb)
{
    int rc = reserve_blas_buffers();
    if (rc != FLOW_OK)
        return rc;
    for (int64_t j = 0; j < nrhs; j++)
        for (int64_t i = 0; i < lu->n; i++)
            if (isnan(rhs[j * ldb + i]))
                return flow_i_fail(FLOW_ERR_LAPACK, "dgetrs rejected argument 8");
    /* LAPACK holds M^T: M x = b is the transposed solve, M' x = b the plain one. */
    char trans = transpose ? 'N' : 'T';
    lapack_int ln = (lapack_int)lu->n;
    lapack_int info = LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, trans, ln, (lapack_int)nrhs,
                                          lu->factors, ln, lu->pivots, rhs, (lapack_int)ldb);
    if (info < 0)
        return flow_i_fail(FLOW_ERR_LAPACK, "dgetrs rejected argument %d", (int)-info);
    return FLOW_OK;
}

int flow_i_lu_solve(const flow_i_lu *lu, int transpose, double *rhs, int64_t nrhs)
{
    if (nrhs < 0 || nrhs > LAPACK_INT_MAX)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "%lld right-hand sides exceed LAPACK's range",
                           (long long)nrhs);
    if (lu->n == 0 || nrhs == 0)
        return FLOW_OK;
    return solve_factored(lu, transpose, rhs, nrhs, lu->n);
}

double flow_i_lu_rcond(const flow_i_lu *lu, double inf_norm)
{
    /* Estimated on demand: dgecon costs several triangular solves, which every
     * factorisation would otherwise pay for a diagnostic few callers read. The
     * norm comes from the caller for the same reason: measuring it here would
     * mean one more pass over the matrix before every factorisation. LAPACK
     * holds M^T, whose 1-norm is the infinity norm of M. */
    if (lu->n == 0)
        return 0.0;
    double rcond = 0.0;
    lapack_int ln = (lapack_int)lu->n;
    lapack_int info = LAPACKE_dgecon(LAPACK_COL_MAJOR, '1', ln, lu->factors, ln, inf_norm, &rcond);
    return info == 0 ? rcond : NAN;
}

int64_t flow_i_lu_order(const flow_i_lu *lu)
{
    return lu->n;
}

void flow_i_lu_free(flow_i_lu *lu)
{
    if (lu == NULL)
        return;
    if (!lu->borrowed)
        free(lu->factors);
    free(lu->pivots);
    free(lu);
}

/* ---------------------------------------------------------------- io */

int flow_i_lu_solve_ld(const flow_i_lu *lu, int transpose, double *rhs, int64_t nrhs, int64_t ldb)
{
    if (nrhs < 0 || nrhs > LAPACK_INT_MAX || ldb > LAPACK_INT_MAX)
        return flow_i_fail(FLOW_ERR_OVERFLOW,
                           "%lld right-hand sides of stride %lld exceed LAPACK's range",
                           (long long)nrhs, (long long)ldb);
    if (ldb < lu->n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "right-hand side stride %lld is below the order %lld", (long long)ldb,
                           (long long)lu->n);
    if (lu->n == 0 || nrhs == 0)
        return FLOW_OK;
    return solve_factored(lu, transpose, rhs, nrhs, ldb);
}

/*
 * LAPACK holds F = M^T = P Lo U, and diag(M^-1) = diag(F^-1) with
 * F^-1 = U^-1 Lo^-1 P^T. Entry (j, j) is row j of U^-1 (non-zero from column
 * j on) times column pi(j) of Lo^-1 (non-zero from row pi(j) on, unit
 * diagonal), where P^T e_j = e_pi(j) follows from replaying the row swaps.
 */
/* A copy of the factors made by several threads: a memory-bound n x n pass. */
struct copy_columns {
    const double *src;
    double *dst;
    int64_t n;
};

static void copy_column_range(void *ctx, int part, int64_t begin, int64_t end)
{
    struct copy_columns *c = ctx;
    (void)part;
    memcpy(c->dst + begin * c->n, c->src + begin * c->n,
           (size_t)((end - begin) * c->n) * sizeof *c->dst);
}

/*
 * Inverts both LU factors held in w (column-major, leading dimension ld) in
 * place: U^-1 over the upper triangle, the unit lower Lo^-1 below it.
 */
static int invert_triangles(double *w, int64_t n, int64_t ld)
{
    lapack_int ln = (lapack_int)n, lld = (lapack_int)ld;
    int rc = reserve_blas_buffers();
    if (rc != FLOW_OK)
        return rc;
    lapack_int info = LAPACKE_dtrtri(LAPACK_COL_MAJOR, 'U', 'N', ln, w, lld);
    if (info == 0)
        info = LAPACKE_dtrtri(LAPACK_COL_MAJOR, 'L', 'U', ln, w, lld);
    if (info < 0)
        return flow_i_fail(FLOW_ERR_LAPACK, "dtrtri rejected argument %d", (int)-info);
    if (info > 0)
        return flow_i_fail(FLOW_ERR_SINGULAR, "matrix is singular: zero pivot at position %d",
                           (int)info);
    return FLOW_OK;
}

int flow_i_lu_inverse_diagonal(const flow_i_lu *lu, double *diag)
{
    int64_t n = lu->n;
    int rc = FLOW_OK;
    double *w = NULL;
    int64_t *position = NULL; /* position[p] = original index now at row p */
    int64_t *pi = NULL;
    if (n == 0)
        return FLOW_OK;
    w = flow_i_malloc(n * n, sizeof *w);
    position = flow_i_malloc(n, sizeof *position);
    pi = flow_i_malloc(n, sizeof *pi);
    if (w == NULL || position == NULL || pi == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    struct copy_columns copy = {lu->factors, w, n};
    flow_i_split_rows(n, flow_i_blas_threads(), copy_column_range, &copy);
    if ((rc = invert_triangles(w, n, n)) != FLOW_OK)
        goto done;
    for (int64_t p = 0; p < n; p++)
        position[p] = p;
    for (int64_t i = 0; i < n; i++) {
        int64_t swap = (int64_t)lu->pivots[i] - 1;
        int64_t t = position[i];
        position[i] = position[swap];
        position[swap] = t;
    }
    for (int64_t p = 0; p < n; p++)
        pi[position[p]] = p;
    for (int64_t j = 0; j < n; j++) {
        int64_t c = pi[j];
        double sum = 0.0;
        int64_t k = j > c ? j : c;
        if (k == c) { /* unit diagonal of Lo^-1 */
            sum = w[j + c * n];
            k++;
        }
        for (; k < n; k++)
            sum += w[j + k * n] * w[k + c * n];
        diag[j] = sum;
    }
done:
    free(w);
    free(position);
    free(pi);
    return rc;
}

/* Below this order the triangle product is done by plain loops. */
#define PRODUCT_BLOCK 64

/*
 * The in-place product U^-1 Lo^-1 of a column-major matrix holding U^-1 in its
 * upper triangle and the unit lower Lo^-1 below the diagonal. Splitting both
 * triangles in halves, the result's four blocks are
 *   11: U11 L11 + U12 L21   12: U12 L22   21: U22 L21   22: U22 L22,
 * computed in an order that reads every input block before it is
 * overwritten; all but the small diagonal blocks are one dgemm or dtrmm,
 * which OpenBLAS runs near its peak. LAPACK's dgetri works in n x 64 panels
 * instead: forming L at n = 8000 took twice as long with it.
 */
static void triangle_product(double *w, int64_t n, int64_t ld)
{
    if (n <= PRODUCT_BLOCK) {
        double tmp[PRODUCT_BLOCK * PRODUCT_BLOCK];
        for (int64_t j = 0; j < n; j++)
            for (int64_t i = 0; i < n; i++) {
                int64_t k = i > j ? i : j;
                double sum = k == j ? w[i + j * ld] : 0.0; /* unit diagonal of Lo^-1 */
                for (k += k == j; k < n; k++)
                    sum += w[i + k * ld] * w[k + j * ld];
                tmp[i + j * n] = sum;
            }
        for (int64_t j = 0; j < n; j++)
            memcpy(w + j * ld, tmp + j * n, (size_t)n * sizeof *w);
        return;
    }
    int64_t h = n / 2, r = n - h;
    blasint bh = (blasint)h, br = (blasint)r, bld = (blasint)ld;
    double *w12 = w + h * ld, *w21 = w + h, *w22 = w + h + h * ld;
    triangle_product(w, h, ld);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, bh, bh, br, 1.0, w12, bld, w21, bld, 1.0,
                w, bld);
    cblas_dtrmm(CblasColMajor, CblasRight, CblasLower, CblasNoTrans, CblasUnit, bh, br, 1.0, w22,
                bld, w12, bld);
    cblas_dtrmm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, br, bh, 1.0, w22,
                bld, w21, bld);
    triangle_product(w22, r, ld);
}

/*
 * Inverts the LU factors P Lo U held in dst (column-major, leading dimension
 * ld) in place: (P Lo U)^-1 = U^-1 Lo^-1 P^T, i.e. both triangles inverted
 * (dtrtri), multiplied in place, and the columns swapped back.
 */
static int invert_factors(double *dst, int64_t n, int64_t ld, const lapack_int *pivots)
{
    int rc = invert_triangles(dst, n, ld);
    if (rc != FLOW_OK)
        return rc;
    triangle_product(dst, n, ld);
    for (int64_t j = n - 2; j >= 0; j--) {
        int64_t p = (int64_t)pivots[j] - 1;
        if (p != j)
            cblas_dswap((blasint)n, dst + j * ld, 1, dst + p * ld, 1);
    }
    return FLOW_OK;
}

static int check_leading_dimension(int64_t n, int64_t ld)
{
    if (ld > LAPACK_INT_MAX)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "row stride %lld exceeds LAPACK's integer range",
                           (long long)ld);
    if (ld < n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "row stride %lld is below the order %lld",
                           (long long)ld, (long long)n);
    return FLOW_OK;
}

int flow_i_lu_inverse(const flow_i_lu *lu, double *dst, int64_t ld)
{
    int64_t n = lu->n;
    int rc = check_leading_dimension(n, ld);
    if (rc != FLOW_OK || n == 0)
        return rc;
    /* Row-major dst with stride ld is the column-major M^-T LAPACK computes. */
    for (int64_t j = 0; j < n; j++)
        memcpy(dst + j * ld, lu->factors + j * n, (size_t)n * sizeof *dst);
    return invert_factors(dst, n, ld, lu->pivots);
}

int flow_i_invert_in_place(double *m, int64_t n, int64_t ld)
{
    int rc;
    if ((rc = flow_i_la_check_order(n)) != FLOW_OK ||
        (rc = check_leading_dimension(n, ld)) != FLOW_OK || n == 0)
        return rc;
    lapack_int *pivots = flow_i_malloc(n, sizeof *pivots);
    if (pivots == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = factor_in_place(m, n, ld, pivots, 0)) == FLOW_OK)
        rc = invert_factors(m, n, ld, pivots);
    free(pivots);
    return rc;
}

int flow_i_blas_threads(void)
{
    int threads = openblas_get_num_threads();
    return threads > 0 ? threads : 1;
}

/* ------------------------------------------------------------ network */

int flow_i_svd_leading(const double *m, int64_t n, double *sigma, double *u, double *v)
{
    int rc;
    int64_t nn = 0;
    double *a = NULL, *s = NULL, *ua = NULL, *vta = NULL;
    if ((rc = flow_i_la_check_order(n)) != FLOW_OK || (rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    if (n == 0) {
        *sigma = 0.0;
        return FLOW_OK;
    }
    a = flow_i_malloc(nn, sizeof *a);
    s = flow_i_malloc(n, sizeof *s);
    ua = flow_i_malloc(nn, sizeof *ua);
    vta = flow_i_malloc(nn, sizeof *vta);
    if (a == NULL || s == NULL || ua == NULL || vta == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    memcpy(a, m, (size_t)nn * sizeof *a);
    /* LAPACK sees the row-major M as A = M' = Ua S Va', so M = Va S Ua': the
     * left singular vectors of M are the rows of Va', the right ones the
     * columns of Ua (both column-major). */
    lapack_int ln = (lapack_int)n;
    if ((rc = reserve_blas_buffers()) != FLOW_OK)
        goto cleanup;
    lapack_int info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'S', ln, ln, a, ln, s, ua, ln, vta, ln);
    if (info < 0) {
        rc = flow_i_fail(FLOW_ERR_LAPACK, "dgesdd rejected argument %d", (int)-info);
        goto cleanup;
    }
    if (info > 0) {
        rc = flow_i_fail(FLOW_ERR_SINGULAR, "dgesdd did not converge (%d superdiagonals)",
                         (int)info);
        goto cleanup;
    }
    *sigma = s[0];
    for (int64_t k = 0; k < n; k++) {
        u[k] = vta[k * n];
        v[k] = ua[k];
    }
    rc = FLOW_OK;
cleanup:
    free(a);
    free(s);
    free(ua);
    free(vta);
    return rc;
}

/* ---------------------------------------------------------------- shocks */

struct flow_i_lowrank {
    const flow_i_lu *base;
    int64_t n, r;
    double *u, *v; /* U as r vectors of length n; V row-major r x n */
    double *w;     /* M^-1 U, as r vectors of length n */
    flow_i_lu *c;  /* LU of the capacitance matrix C = I + V M^-1 U */
};

void flow_i_lowrank_free(flow_i_lowrank *lr)
{
    if (lr == NULL)
        return;
    free(lr->u);
    free(lr->v);
    free(lr->w);
    flow_i_lu_free(lr->c);
    free(lr);
}

int flow_i_lowrank_new(flow_i_lowrank **out, const flow_i_lu *base, double *u, double *v, int64_t r)
{
    int rc;
    double *c = NULL;
    flow_i_lowrank *lr = NULL;
    int64_t n = base->n, nr = 0;
    *out = NULL;
    if ((rc = flow_i_la_check_order(r)) != FLOW_OK || (rc = flow_i_mul_size(n, r, &nr)) != FLOW_OK)
        goto fail;
    if ((lr = flow_i_calloc(1, sizeof *lr)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto fail;
    }
    lr->base = base;
    lr->n = n;
    lr->r = r;
    lr->u = u;
    lr->v = v;
    u = v = NULL;
    lr->w = flow_i_malloc(nr, sizeof *lr->w);
    c = flow_i_calloc(r * r, sizeof *c);
    if (lr->w == NULL || c == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto fail;
    }
    if (nr > 0)
        memcpy(lr->w, lr->u, (size_t)nr * sizeof *lr->w);
    if ((rc = flow_i_lu_solve(base, 0, lr->w, r)) != FLOW_OK)
        goto fail;
    /* C = I + V W, with W's columns stored as the rows of an r x n matrix. */
    for (int64_t i = 0; i < r; i++)
        c[i * r + i] = 1.0;
    if (r > 0 && n > 0)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (blasint)r, (blasint)r, (blasint)n,
                    1.0, lr->v, (blasint)n, lr->w, (blasint)n, 1.0, c, (blasint)r);
    rc = flow_i_lu_factor(&lr->c, c, r);
    c = NULL;
    if (rc != FLOW_OK)
        goto fail;
    *out = lr;
    return FLOW_OK;
fail:
    free(u);
    free(v);
    free(c);
    flow_i_lowrank_free(lr);
    return rc;
}

/*
 * Plain: with z = M^-1 b, x = z - W C^-1 V z.
 * Transposed: M~' = M' + V'U'; with t = C'^-1 U' M'^-1 b, x = M'^-1 (b - V' t).
 */
int flow_i_lowrank_solve(const flow_i_lowrank *lr, int transpose, double *rhs, int64_t nrhs)
{
    int rc;
    int64_t n = lr->n, r = lr->r, nt = 0, nb = 0;
    double *t = NULL, *b = NULL;
    if ((rc = flow_i_la_check_order(nrhs)) != FLOW_OK)
        return rc;
    if (r == 0 || n == 0 || nrhs == 0)
        return flow_i_lu_solve(lr->base, transpose, rhs, nrhs);
    if ((rc = flow_i_mul_size(nrhs, r, &nt)) != FLOW_OK ||
        (rc = flow_i_mul_size(nrhs, n, &nb)) != FLOW_OK)
        return rc;
    t = flow_i_malloc(nt, sizeof *t);
    if (t == NULL)
        return FLOW_ERR_NOMEM;
    blasint bn = (blasint)n, br = (blasint)r, bk = (blasint)nrhs;
    if (!transpose) {
        if ((rc = flow_i_lu_solve(lr->base, 0, rhs, nrhs)) != FLOW_OK)
            goto cleanup;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, bk, br, bn, 1.0, rhs, bn, lr->v, bn,
                    0.0, t, br);
        if ((rc = flow_i_lu_solve(lr->c, 0, t, nrhs)) != FLOW_OK)
            goto cleanup;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, bk, bn, br, -1.0, t, br, lr->w, bn,
                    1.0, rhs, bn);
    } else {
        if ((b = flow_i_malloc(nb, sizeof *b)) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto cleanup;
        }
        memcpy(b, rhs, (size_t)nb * sizeof *b);
        if ((rc = flow_i_lu_solve(lr->base, 1, rhs, nrhs)) != FLOW_OK)
            goto cleanup;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, bk, br, bn, 1.0, rhs, bn, lr->u, bn,
                    0.0, t, br);
        if ((rc = flow_i_lu_solve(lr->c, 1, t, nrhs)) != FLOW_OK)
            goto cleanup;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, bk, bn, br, -1.0, t, br, lr->v, bn,
                    1.0, b, bn);
        memcpy(rhs, b, (size_t)nb * sizeof *b);
        rc = flow_i_lu_solve(lr->base, 1, rhs, nrhs);
    }
cleanup:
    free(t);
    free(b);
    return rc;
}

/* ------------------------------------------------------------ complexity */

int flow_i_symmetric_eigen(double *a, int64_t n, double *w)
{
    int rc = flow_i_la_check_order(n);
    if (rc != FLOW_OK || n == 0)
        return rc;
    /* A symmetric matrix is its own transpose: the row-major buffer is the
     * column-major matrix, and eigenvector k comes back as column k of the
     * column-major result, i.e. row k of the row-major buffer. */
    lapack_int info =
        LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'U', (lapack_int)n, a, (lapack_int)n, w);
    if (info < 0)
        return flow_i_fail(FLOW_ERR_LAPACK, "dsyevd rejected argument %d", (int)-info);
    if (info > 0)
        return flow_i_fail(FLOW_ERR_SINGULAR, "dsyevd did not converge (%d)", (int)info);
    return FLOW_OK;
}
