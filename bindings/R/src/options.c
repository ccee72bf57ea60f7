/*
 * options.c - options handles set from R: a named list of texts, each given
 * to the family's one-key setter (flow_X_options_set) under its name, so that
 * the library's table of keys is the one list of what is accepted and a
 * misspelt name or a bad value fails with the library's message.
 */
#include "flowr.h"

#include <string.h>

int flowr_apply_options(void *opts, flowr_option_setter set, SEXP settings)
{
    SEXP names = Rf_getAttrib(settings, R_NamesSymbol);
    if (TYPEOF(settings) != VECSXP || (XLENGTH(settings) > 0 && TYPEOF(names) != STRSXP))
        Rf_error("options must be a named list");
    int status = FLOW_OK;
    for (R_xlen_t i = 0; i < XLENGTH(settings) && status == FLOW_OK; i++) {
        const char *name = CHAR(STRING_ELT(names, i));
        SEXP value = VECTOR_ELT(settings, i);
        if (strcmp(name, "progress") == 0) /* a function, attached by the reader glue */
            continue;
        status = set(opts, name, flowr_string(value, name));
    }
    return status;
}
