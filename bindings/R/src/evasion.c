/*
 * evasion.c - .Call glue of the evasion diagnostics and calibration.
 */
#include "flowr.h"
#include "kinds.h"

/*
 * flowr_evasion(dataset, codes, years, layers, thresholds, bootstrap, which):
 * codes a list of three character vectors (sources, targets, intermediaries),
 * years c(y0, y1, y2) (y2 0 for none), layers c(value, mirror, quantity) ("" for
 * none), thresholds c(band_lo, band_hi, jump), bootstrap c(draws, seed), which a
 * diagnostic index or -1 for the calibration. Returns the result matrix.
 */
SEXP flowr_evasion(SEXP dataset, SEXP codes, SEXP years, SEXP layers, SEXP thresholds,
                   SEXP bootstrap, SEXP which)
{
    const flow_dataset *ds = flowr_handle_get(dataset, &flowr_kind_dataset);
    if (TYPEOF(codes) != VECSXP || XLENGTH(codes) != 3 || XLENGTH(years) != 3 ||
        XLENGTH(thresholds) != 3 || XLENGTH(bootstrap) != 2)
        Rf_error("evasion: malformed arguments");
    const char **roles[3];
    int64_t counts[3];
    for (int r = 0; r < 3; r++) {
        SEXP v = VECTOR_ELT(codes, r);
        counts[r] = Rf_isNull(v) ? 0 : (int64_t)XLENGTH(v);
        roles[r] = flowr_strings(v, "economy codes", -1);
    }
    const char **layer = flowr_strings(layers, "layers", 3);
    int64_t y[3], b[2];
    for (int i = 0; i < 3; i++)
        y[i] = flowr_whole(REAL(years)[i], "years");
    for (int i = 0; i < 2; i++)
        b[i] = flowr_whole(REAL(bootstrap)[i], "bootstrap");
    const double *t = REAL(thresholds);
    int kind = Rf_asInteger(which);
    SEXP holder = PROTECT(flowr_handle_new(&flowr_kind_table, R_NilValue));
    flow_evasion_options *o = NULL;
    flow_table *result = NULL;
    int status = flow_evasion_options_new(&o);
    for (int r = 0; r < 3 && status == FLOW_OK; r++)
        for (int64_t i = 0; i < counts[r] && status == FLOW_OK; i++)
            status = flow_evasion_options_add(o, r, roles[r][i]);
    if (status == FLOW_OK)
        status = flow_evasion_options_set_years(o, y[0], y[1], y[2]);
    if (status == FLOW_OK)
        status = flow_evasion_options_set_layers(o, layer[0], layer[1], layer[2]);
    if (status == FLOW_OK)
        status = flow_evasion_options_set_thresholds(o, t[0], t[1], t[2]);
    if (status == FLOW_OK)
        status = flow_evasion_options_set_bootstrap(o, b[0], b[1]);
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
