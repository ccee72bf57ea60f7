/*
 * mrio.c - multi-regional databases (libflow/mrio.h): read in one call,
 * blocks and extensions as matrices with dimnames, footprint accounts,
 * aggregation through concordances, and a copy of the model for the io
 * functions.
 */
#include "flowr.h"

#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>

static void mrio_free(void *handle)
{
    flow_mrio_free(handle);
}

const flowr_kind flowr_kind_mrio = {"flow_mrio", mrio_free};

static flow_mrio *mrio_of(SEXP x)
{
    return flowr_handle_get(x, &flowr_kind_mrio);
}

static int set_mrio_option(void *opts, const char *name, const char *value)
{
    return flow_mrio_options_set(opts, name, value);
}

/* .Call entry: reads path in format (a name) into a new flow_mrio handle with
 * the options in settings (a named list of texts: the keys of
 * flow_mrio_options_set). */
SEXP flowr_mrio_read(SEXP path, SEXP format, SEXP settings)
{
    const char *p = flowr_string(path, "path"), *f = flowr_string(format, "format");
    int code = 0;
    int status = flow_mrio_format_from_name(f, &code);
    if (status != FLOW_OK)
        return flowr_failure(status);
    SEXP out = PROTECT(flowr_handle_new(&flowr_kind_mrio, R_NilValue));
    flow_mrio_options *opts = NULL;
    flow_mrio *mrio = NULL;
    status = flow_mrio_options_new(&opts);
    if (status == FLOW_OK)
        status = flowr_apply_options(opts, set_mrio_option, settings);
    if (status == FLOW_OK)
        status = flow_mrio_read(&mrio, p, code, opts);
    R_SetExternalPtrAddr(out, mrio);
    UNPROTECT(1);
    SEXP result = status == FLOW_OK ? out : flowr_failure(status);
    flow_mrio_options_free(opts);
    return result;
}

/* A table the library made, as an R matrix; frees it. */
static SEXP table_result(flow_table *t, int status)
{
    if (status != FLOW_OK)
        return flowr_failure(status);
    SEXP out = PROTECT(flowr_table_to_matrix(t));
    flow_table_free(t);
    UNPROTECT(1);
    return out;
}

/* .Call entry: block (0 Z, 1 Y, 2 output, 3 A) as a matrix. */
SEXP flowr_mrio_block(SEXP handle, SEXP block)
{
    flow_mrio *mrio = mrio_of(handle);
    flow_table *t = NULL;
    int status = flow_mrio_block_table(&t, mrio, Rf_asInteger(block));
    return table_result(t, status);
}

/* .Call entry: list(name = list(F = matrix, F_Y = matrix or NULL), ...). */
SEXP flowr_mrio_extensions(SEXP handle)
{
    flow_mrio *mrio = mrio_of(handle);
    int64_t count = flow_mrio_extension_count(mrio);
    SEXP out = PROTECT(Rf_allocVector(VECSXP, (R_xlen_t)count));
    SEXP names = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)count));
    for (int64_t e = 0; e < count; e++) {
        const char *name = NULL;
        const flow_table *f = NULL, *fy = NULL;
        flow_mrio_extension(mrio, e, &name, &f, &fy);
        SEXP pair = PROTECT(Rf_allocVector(VECSXP, 2));
        SEXP pair_names = PROTECT(Rf_allocVector(STRSXP, 2));
        SET_VECTOR_ELT(pair, 0, flowr_table_to_matrix(f));
        SET_VECTOR_ELT(pair, 1, fy != NULL ? flowr_table_to_matrix(fy) : R_NilValue);
        SET_STRING_ELT(pair_names, 0, Rf_mkChar("F"));
        SET_STRING_ELT(pair_names, 1, Rf_mkChar("F_Y"));
        Rf_setAttrib(pair, R_NamesSymbol, pair_names);
        SET_VECTOR_ELT(out, (R_xlen_t)e, pair);
        SET_STRING_ELT(names, (R_xlen_t)e, Rf_mkCharCE(name, CE_UTF8));
        UNPROTECT(2);
    }
    Rf_setAttrib(out, R_NamesSymbol, names);
    UNPROTECT(2);
    return out;
}

/* .Call entry: c(summary, rows read, rows accepted) as a character vector. */
SEXP flowr_mrio_summary(SEXP handle)
{
    flow_mrio *mrio = mrio_of(handle);
    flow_table *counts = NULL; /* one row: rows, accepted, filtered, rejected, ... */
    char rows[64] = "0", accepted[64] = "0";
    if (flow_read_report_table(&counts, flow_mrio_report(mrio), FLOW_REPORT_COUNTS) == FLOW_OK) {
        snprintf(rows, sizeof rows, "%.0f", flow_table_values(counts)[0]);
        snprintf(accepted, sizeof accepted, "%.0f", flow_table_values(counts)[1]);
    }
    flow_table_free(counts);
    SEXP out = PROTECT(Rf_allocVector(STRSXP, 3));
    SET_STRING_ELT(out, 0, Rf_mkCharCE(flow_mrio_summary(mrio), CE_UTF8));
    SET_STRING_ELT(out, 1, Rf_mkChar(rows));
    SET_STRING_ELT(out, 2, Rf_mkChar(accepted));
    UNPROTECT(1);
    return out;
}

/* .Call entry: account (0-based code) of extension (a name) as a matrix. */
SEXP flowr_mrio_account(SEXP handle, SEXP extension, SEXP account)
{
    flow_mrio *mrio = mrio_of(handle);
    const char *name = flowr_string(extension, "extension");
    int64_t e = -1;
    flow_table *t = NULL;
    int status = flow_mrio_find_extension(mrio, name, &e);
    if (status == FLOW_OK)
        status = flow_mrio_account_table(&t, mrio, e, Rf_asInteger(account));
    return table_result(t, status);
}

/* .Call entry: type I / II multipliers by household closure. */
SEXP flowr_mrio_type_ii(SEXP handle, SEXP category, SEXP income_row)
{
    flow_mrio *mrio = mrio_of(handle);
    const char *cat = flowr_string(category, "household_category");
    const char *row = Rf_isNull(income_row) ? NULL : flowr_string(income_row, "income_row");
    flow_table *t = NULL;
    int status = flow_mrio_type_ii_multipliers(&t, mrio, cat, row);
    return table_result(t, status);
}

/* .Call entry: a new handle aggregated through two concordances (codes, groups). */
SEXP flowr_mrio_aggregate(SEXP handle, SEXP region_codes, SEXP region_groups, SEXP sector_codes,
                          SEXP sector_groups)
{
    flow_mrio *mrio = mrio_of(handle);
    int64_t nr = XLENGTH(region_codes), ns = XLENGTH(sector_codes);
    const char **rc = flowr_strings(region_codes, "region codes", nr);
    const char **rg = flowr_strings(region_groups, "region groups", nr);
    const char **sc = flowr_strings(sector_codes, "sector codes", ns);
    const char **sg = flowr_strings(sector_groups, "sector groups", ns);
    SEXP out = PROTECT(flowr_handle_new(&flowr_kind_mrio, R_NilValue));
    flow_mrio *agg = NULL;
    int status = flow_mrio_aggregate(&agg, mrio, nr, rc, rg, ns, sc, sg);
    R_SetExternalPtrAddr(out, agg);
    UNPROTECT(1);
    return status == FLOW_OK ? out : flowr_failure(status);
}

/* .Call entry: an independent copy of the database's IO model (a flow_io_model handle). */
SEXP flowr_mrio_model(SEXP handle)
{
    flow_mrio *mrio = mrio_of(handle);
    flow_io_model *m = flow_mrio_model(mrio);
    flowr_io_shape shape;
    int read = flowr_io_shape_read(&shape, m);
    if (read != FLOW_OK)
        return flowr_failure(read);
    SEXP out = PROTECT(flowr_handle_new(&flowr_kind_io_model, R_NilValue));
    flow_io_model *copy = NULL;
    int status =
        flow_io_model_new(&copy, shape.n, flow_io_model_view(m, FLOW_IO_INTERMEDIATE, NULL, NULL),
                          shape.k, flow_io_model_view(m, FLOW_IO_FINAL_DEMAND, NULL, NULL),
                          flow_io_model_view(m, FLOW_IO_VALUE_ADDED, NULL, NULL),
                          flow_io_model_view(m, FLOW_IO_OUTPUT, NULL, NULL));
    R_SetExternalPtrAddr(out, copy);
    if (status == FLOW_OK)
        status =
            flow_io_model_set_regions(copy, shape.regions, shape.region_codes, shape.sector_codes);
    if (status == FLOW_OK)
        status = flow_io_model_set_final_demand(copy, shape.fd_labels, shape.fd_owner);
    UNPROTECT(1);
    return status == FLOW_OK ? out : flowr_failure(status);
}

/* .Call entry: a sanctions scenario (flow_scenario handle) on an MRIO or an IO model, block by
 * block. */
SEXP flowr_scenario_run_io(SEXP handle, SEXP is_mrio, SEXP scenario)
{
    flow_io_model *model = Rf_asLogical(is_mrio) == TRUE
                               ? flow_mrio_model(mrio_of(handle))
                               : flowr_handle_get(handle, &flowr_kind_io_model);
    const flow_scenario *s = flowr_handle_get(scenario, &flowr_kind_scenario);
    flow_table *result = NULL;
    int64_t skipped = 0;
    int status = flow_scenario_run_io(&result, s, model, &skipped);
    if (status == FLOW_OK)
        status = flow_table_set_scalar(result, "skipped", (double)skipped);
    return flowr_table_result(status, result);
}
