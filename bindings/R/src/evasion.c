/*
 * evasion.c - .Call glue of the evasion diagnostics and calibration.
 */
#include "flowr.h"
#include "kinds.h"

static int set_evasion_option(void *opts, const char *name, const char *value)
{
    return flow_evasion_options_set(opts, name, value);
}

/*
 * flowr_evasion(dataset, settings, which): settings a named list of texts
 * (the keys of flow_evasion_options_set: sources, targets, intermediaries,
 * years, layer, mirror, quantity, band, jump, bootstrap, seed), which a
 * diagnostic index or -1 for the calibration. Returns the result matrix.
 */
SEXP flowr_evasion(SEXP dataset, SEXP settings, SEXP which)
{
    const flow_dataset *ds = flowr_handle_get(dataset, &flowr_kind_dataset);
    int kind = Rf_asInteger(which);
    SEXP holder = PROTECT(flowr_handle_new(&flowr_kind_table, R_NilValue));
    flow_evasion_options *o = NULL;
    flow_table *result = NULL;
    int status = flow_evasion_options_new(&o);
    if (status == FLOW_OK)
        status = flowr_apply_options(o, set_evasion_option, settings);
    if (status == FLOW_OK)
        status = kind < 0 ? flow_evasion_calibrate(&result, ds, o)
                          : flow_evasion_diagnose(&result, ds, o, kind);
    R_SetExternalPtrAddr(holder, result);
    /* Freed before R allocates: an allocation failure must not leak it. */
    flow_evasion_options_free(o);
    SEXP out = PROTECT(status == FLOW_OK ? flowr_table_to_matrix(result) : flowr_failure(status));
    flowr_release(holder);
    UNPROTECT(2);
    return out;
}
