/*
 * arrays.c - moving matrices between R's column-major layout and libflow's
 * row-major layout with an explicit row stride.
 *
 * Element (i, j) of an R matrix with n rows sits at [i + j*n]; libflow wants
 * it at [i*stride + j]. Every conversion is an explicit copy: passing R's
 * storage straight through would hand libflow the transpose.
 */
#include "flowr.h"

#include <math.h>
#include <stdint.h>

int64_t flowr_whole(double x, const char *what)
{
    if (!isfinite(x) || x != floor(x) || fabs(x) >= 9.2e18)
        Rf_error("'%s' must be a whole number", what);
    return (int64_t)x;
}

int64_t flowr_int64(SEXP v, const char *what)
{
    if (!Rf_isNumeric(v) || XLENGTH(v) != 1)
        Rf_error("'%s' must be one number", what);
    return flowr_whole(Rf_asReal(v), what);
}

double *flowr_scratch(int64_t n)
{
    if (n < 0 || (uint64_t)n > SIZE_MAX / sizeof(double))
        Rf_error("a buffer of %lld doubles is too large", (long long)n);
    return n == 0 ? NULL : (double *)R_alloc((size_t)n, sizeof(double));
}

const double *flowr_doubles(SEXP v, const char *what, int64_t *len)
{
    if (TYPEOF(v) != REALSXP)
        Rf_error("'%s' must be a double vector", what);
    *len = (int64_t)XLENGTH(v);
    return REAL(v);
}

const double *flowr_row_major(SEXP m, const char *what, int64_t *nrow, int64_t *ncol)
{
    if (TYPEOF(m) != REALSXP || !Rf_isMatrix(m))
        Rf_error("'%s' must be a double matrix", what);
    const int64_t rows = Rf_nrows(m), cols = Rf_ncols(m);
    const double *src = REAL(m);
    double *dst = flowr_scratch(rows * cols);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            dst[i * cols + j] = src[i + j * rows];
    *nrow = rows;
    *ncol = cols;
    return dst;
}

SEXP flowr_matrix_from_row_major(const double *src, int64_t nrow, int64_t ncol, int64_t row_stride)
{
    if (nrow > INT32_MAX || ncol > INT32_MAX)
        Rf_error("a %lld x %lld matrix does not fit an R matrix", (long long)nrow, (long long)ncol);
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)nrow, (int)ncol));
    double *dst = REAL(out);
    for (int64_t i = 0; i < nrow; i++)
        for (int64_t j = 0; j < ncol; j++)
            dst[i + j * nrow] = src[i * row_stride + j];
    UNPROTECT(1);
    return out;
}

SEXP flowr_vector(const double *src, int64_t n)
{
    SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)n);
    for (int64_t i = 0; i < n; i++)
        REAL(out)[i] = src[i];
    return out;
}

const char **flowr_strings(SEXP s, const char *what, int64_t n)
{
    if (Rf_isNull(s))
        return NULL;
    if (TYPEOF(s) != STRSXP || (n >= 0 && XLENGTH(s) != n))
        Rf_error("'%s' must be a character vector of length %lld", what, (long long)n);
    R_xlen_t len = XLENGTH(s);
    const char **out = (const char **)R_alloc((size_t)len + 1, sizeof *out);
    for (R_xlen_t i = 0; i < len; i++) {
        if (STRING_ELT(s, i) == NA_STRING)
            Rf_error("'%s' must not contain NA", what);
        out[i] = Rf_translateCharUTF8(STRING_ELT(s, i));
    }
    out[len] = NULL;
    return out;
}

const char *flowr_string(SEXP s, const char *what)
{
    if (TYPEOF(s) != STRSXP || XLENGTH(s) != 1 || STRING_ELT(s, 0) == NA_STRING)
        Rf_error("'%s' must be one string", what);
    return Rf_translateCharUTF8(STRING_ELT(s, 0));
}

SEXP flowr_string_vector(const void *handle, const char *(*get)(const void *, int64_t), int64_t n)
{
    SEXP out = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (int64_t i = 0; i < n; i++) {
        const char *text = get(handle, i);
        SET_STRING_ELT(out, (R_xlen_t)i, Rf_mkCharCE(text == NULL ? "" : text, CE_UTF8));
    }
    UNPROTECT(1);
    return out;
}

SEXP flowr_list(int n, const char *const *names)
{
    SEXP out = PROTECT(Rf_allocVector(VECSXP, n));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++)
        SET_STRING_ELT(nm, i, Rf_mkChar(names[i]));
    Rf_setAttrib(out, R_NamesSymbol, nm);
    UNPROTECT(2);
    return out;
}
