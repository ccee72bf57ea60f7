/*
 * errors.c - libflow failures handed back to R as values, and the .Call
 * entries of the core ABI (version, status texts).
 */
#include "flowr.h"

SEXP flowr_failure(int status)
{
    const char *message = flow_last_error();
    if (message[0] == '\0')
        message = flow_strerror(status);
    SEXP msg = PROTECT(Rf_mkCharCE(message, CE_UTF8));
    static const char *const names[] = {"status", "message"};
    SEXP out = PROTECT(flowr_list(2, names));
    SET_VECTOR_ELT(out, 0, Rf_ScalarInteger(status));
    SET_VECTOR_ELT(out, 1, Rf_ScalarString(msg));
    Rf_setAttrib(out, R_ClassSymbol, Rf_mkString("flowr_failure"));
    UNPROTECT(2);
    return out;
}

/* .Call entry: list(string, number, abi) of the loaded library. */
SEXP flowr_version(void)
{
    static const char *const names[] = {"string", "number", "abi"};
    SEXP out = PROTECT(flowr_list(3, names));
    SET_VECTOR_ELT(out, 0, Rf_mkString(flow_version_string()));
    SET_VECTOR_ELT(out, 1, Rf_ScalarInteger(flow_version_number()));
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(flow_abi_version()));
    UNPROTECT(1);
    return out;
}

/* .Call entry: FLOW_ABI_VERSION of the headers this package was built with. */
SEXP flowr_abi_compiled(void)
{
    return Rf_ScalarInteger(FLOW_ABI_VERSION);
}

/* .Call entry: flow_strerror() of each status code. */
SEXP flowr_strerror(SEXP status)
{
    SEXP codes = PROTECT(Rf_coerceVector(status, INTSXP));
    R_xlen_t n = XLENGTH(codes);
    SEXP out = PROTECT(Rf_allocVector(STRSXP, n));
    for (R_xlen_t i = 0; i < n; i++)
        SET_STRING_ELT(out, i, Rf_mkChar(flow_strerror(INTEGER(codes)[i])));
    UNPROTECT(2);
    return out;
}
