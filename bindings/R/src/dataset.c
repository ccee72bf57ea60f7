/*
 * dataset.c - .Call glue of datasets and the CSV readers (libflow/dataset.h,
 * libflow/reader.h): long files into datasets and wide files into labelled
 * matrices, with reader options, the row-accounting report, and layer
 * matrices out with their economy codes.
 */
#include "flowr.h"

#include "kinds.h"

#include <string.h>

static void dataset_free(void *handle)
{
    flow_dataset_free(handle);
}

const flowr_kind flowr_kind_dataset = {"flow_dataset", dataset_free};

static void labels_free(void *handle)
{
    flow_labels_free(handle);
}

const flowr_kind flowr_kind_labels = {"flow_labels", labels_free};

static void read_options_free(void *handle)
{
    flow_read_options_free(handle);
}

const flowr_kind flowr_kind_read_options = {"flow_read_options", read_options_free};

static void read_report_free(void *handle)
{
    flow_read_report_free(handle);
}

const flowr_kind flowr_kind_read_report = {"flow_read_report", read_report_free};

static flow_dataset *dataset_of(SEXP x)
{
    return flowr_handle_get(x, &flowr_kind_dataset);
}

/* .Call entry: an empty dataset on the ISO 3166-1 axis (codes NULL) or on
 * the given economy codes and names (names may be NULL), grouping products
 * by their first `digits` characters unless digits is NULL. */
SEXP flowr_dataset_new(SEXP codes, SEXP names, SEXP digits)
{
    const int64_t n = Rf_isNull(codes) ? 0 : (int64_t)XLENGTH(codes);
    const char **c = flowr_strings(codes, "economies", -1);
    const char **nm = flowr_strings(names, "names", n);
    SEXP labels_holder = PROTECT(flowr_handle_new(&flowr_kind_labels, R_NilValue));
    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_dataset, R_NilValue));
    flow_labels *labels = NULL;
    int status = FLOW_OK;
    if (c != NULL) {
        status = flow_labels_new(&labels);
        R_SetExternalPtrAddr(labels_holder, labels);
        for (int64_t i = 0; i < n && status == FLOW_OK; i++)
            status = flow_labels_add(labels, c[i], nm == NULL ? NULL : nm[i], NULL);
    }
    flow_dataset *ds = NULL;
    if (status == FLOW_OK) {
        status = flow_dataset_new(&ds, labels);
        R_SetExternalPtrAddr(handle, ds);
    }
    if (status == FLOW_OK && !Rf_isNull(digits))
        status = flow_dataset_set_product_digits(ds, flowr_int64(digits, "product_digits"));
    flowr_release(labels_holder);
    UNPROTECT(2);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/* ---------------------------------------------------------------- options */

/* Reader settings passed from R as a named list; absent entries keep
 * libflow's defaults. */
static SEXP field(SEXP list, const char *name)
{
    SEXP names = Rf_getAttrib(list, R_NamesSymbol);
    if (TYPEOF(list) != VECSXP || TYPEOF(names) != STRSXP)
        return R_NilValue;
    for (R_xlen_t i = 0; i < XLENGTH(list); i++)
        if (strcmp(CHAR(STRING_ELT(names, i)), name) == 0)
            return VECTOR_ELT(list, i);
    return R_NilValue;
}

static int set_read_option(void *opts, const char *name, const char *value)
{
    return flow_read_options_set(opts, name, value);
}

/* ---------------------------------------------------------------- report */

/* One part of the report (flow_read_report_table); NULL, read as empty, if it fails. */
static flow_table *report_part(const flow_read_report *r, int part)
{
    flow_table *t = NULL;
    flow_read_report_table(&t, r, part);
    return t;
}

static double cell(const flow_table *t, int64_t row, int64_t col)
{
    return flow_table_values(t)[row * flow_table_cols(t) + col];
}

static SEXP report_counts(const flow_table *counts)
{
    static const char *const names[] = {"rows",     "accepted",   "filtered",
                                        "rejected", "duplicates", "missing"};
    SEXP out = PROTECT(Rf_allocVector(REALSXP, 6));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, 6));
    for (int i = 0; i < 6; i++) {
        REAL(out)[i] = flow_table_rows(counts) > 0 ? cell(counts, 0, i) : 0.0;
        SET_STRING_ELT(nm, i, Rf_mkChar(names[i]));
    }
    Rf_setAttrib(out, R_NamesSymbol, nm);
    UNPROTECT(2);
    return out;
}

static SEXP utf8(const char *s)
{
    return Rf_mkCharCE(s == NULL ? "" : s, CE_UTF8);
}

static SEXP report_reasons(const flow_table *t)
{
    const int64_t n = flow_table_rows(t);
    static const char *const names[] = {"reason", "rows", "rejected"};
    SEXP out = PROTECT(flowr_list(3, names));
    SEXP reason = Rf_allocVector(STRSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 0, reason);
    SEXP rows = Rf_allocVector(REALSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 1, rows);
    SEXP rejected = Rf_allocVector(LGLSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 2, rejected);
    for (int64_t i = 0; i < n; i++) {
        SET_STRING_ELT(reason, (R_xlen_t)i, utf8(flow_table_row_label(t, i)));
        REAL(rows)[i] = cell(t, i, 0);
        LOGICAL(rejected)[i] = cell(t, i, 1) != 0.0;
    }
    UNPROTECT(1);
    return out;
}

/* The kept rejects: message and file from `rejects`, text and column from `fields`. */
static SEXP report_kept(const flow_table *rejects, const flow_table *fields)
{
    int64_t n = flow_table_rows(rejects);
    n = flow_table_rows(fields) < n ? flow_table_rows(fields) : n;
    static const char *const names[] = {"message", "file", "line", "column", "text"};
    SEXP out = PROTECT(flowr_list(5, names));
    for (int k = 0; k < 5; k++)
        SET_VECTOR_ELT(out, k, Rf_allocVector(k == 2 ? REALSXP : STRSXP, (R_xlen_t)n));
    for (int64_t i = 0; i < n; i++) {
        SET_STRING_ELT(VECTOR_ELT(out, 0), (R_xlen_t)i, utf8(flow_table_row_label(rejects, i)));
        SET_STRING_ELT(VECTOR_ELT(out, 1), (R_xlen_t)i, utf8(flow_table_row_group(rejects, i)));
        REAL(VECTOR_ELT(out, 2))[i] = cell(rejects, i, 0);
        SET_STRING_ELT(VECTOR_ELT(out, 3), (R_xlen_t)i, utf8(flow_table_row_group(fields, i)));
        SET_STRING_ELT(VECTOR_ELT(out, 4), (R_xlen_t)i, utf8(flow_table_row_label(fields, i)));
    }
    UNPROTECT(1);
    return out;
}

static SEXP report_unknown(const flow_table *t)
{
    const int64_t n = flow_table_rows(t);
    static const char *const names[] = {"code", "rows", "first_line"};
    SEXP out = PROTECT(flowr_list(3, names));
    SET_VECTOR_ELT(out, 0, Rf_allocVector(STRSXP, (R_xlen_t)n));
    SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, (R_xlen_t)n));
    SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (int64_t i = 0; i < n; i++) {
        SET_STRING_ELT(VECTOR_ELT(out, 0), (R_xlen_t)i, utf8(flow_table_row_label(t, i)));
        REAL(VECTOR_ELT(out, 1))[i] = cell(t, i, 0);
        REAL(VECTOR_ELT(out, 2))[i] = cell(t, i, 1);
    }
    UNPROTECT(1);
    return out;
}

static SEXP report_list(const flow_read_report *r)
{
    static const char *const names[] = {"counts", "reasons", "rejects", "unknown", "unit"};
    flow_table *parts[FLOW_REPORT_PART_COUNT];
    for (int p = 0; p < FLOW_REPORT_PART_COUNT; p++)
        parts[p] = report_part(r, p);
    const flow_table *counts = parts[FLOW_REPORT_COUNTS];
    SEXP out = PROTECT(flowr_list(5, names));
    SET_VECTOR_ELT(out, 0, report_counts(counts));
    SET_VECTOR_ELT(out, 1, report_reasons(parts[FLOW_REPORT_REASONS]));
    SET_VECTOR_ELT(out, 2,
                   report_kept(parts[FLOW_REPORT_REJECTS], parts[FLOW_REPORT_REJECT_FIELDS]));
    SET_VECTOR_ELT(out, 3, report_unknown(parts[FLOW_REPORT_UNKNOWN]));
    SET_VECTOR_ELT(
        out, 4,
        Rf_ScalarString(utf8(flow_table_rows(counts) > 0 ? flow_table_row_label(counts, 0) : "")));
    for (int p = 0; p < FLOW_REPORT_PART_COUNT; p++)
        flow_table_free(parts[p]);
    UNPROTECT(1);
    return out;
}

/*
 * New reader options set from `settings` and an empty report, each held by an
 * external pointer of the returned list (protect it; release both with
 * release_read() when done). The list also holds the store of `progress`,
 * which calls settings$progress (a function or absent) during the read.
 * *status is the first failure, if any.
 */
static SEXP read_handles(SEXP settings, int *status, flow_read_options **opts,
                         flow_read_report **report, flowr_progress *progress)
{
    if (TYPEOF(settings) != VECSXP)
        Rf_error("reader settings must be a list");
    progress->fn = field(settings, "progress"); /* protected as part of settings */
    if (!Rf_isNull(progress->fn) && !Rf_isFunction(progress->fn))
        Rf_error("'progress' must be a function");
    SEXP held = PROTECT(Rf_allocVector(VECSXP, 3));
    SET_VECTOR_ELT(held, 0, flowr_handle_new(&flowr_kind_read_options, R_NilValue));
    SET_VECTOR_ELT(held, 1, flowr_handle_new(&flowr_kind_read_report, R_NilValue));
    SET_VECTOR_ELT(held, 2, Rf_allocVector(VECSXP, 1));
    progress->store = VECTOR_ELT(held, 2);
    *opts = NULL;
    *report = NULL;
    *status = flow_read_options_new(opts);
    R_SetExternalPtrAddr(VECTOR_ELT(held, 0), *opts);
    if (*status == FLOW_OK) {
        *status = flow_read_report_new(report);
        R_SetExternalPtrAddr(VECTOR_ELT(held, 1), *report);
    }
    if (*status == FLOW_OK)
        *status = flowr_apply_options(*opts, set_read_option, settings);
    if (*status == FLOW_OK)
        *status = flowr_progress_attach(progress, *opts);
    UNPROTECT(1);
    return held;
}

static void release_read(SEXP held)
{
    flowr_release(VECTOR_ELT(held, 1));
    flowr_release(VECTOR_ELT(held, 0));
}

/* .Call entry: reads a long CSV file (text NULL) or the CSV text `text` (named
 * `path` in messages) into the dataset; returns the report as a list. */
SEXP flowr_dataset_read(SEXP handle, SEXP path, SEXP text, SEXP settings)
{
    flow_dataset *ds = dataset_of(handle);
    const char *name = flowr_string(path, "path");
    const char *data = Rf_isNull(text) ? NULL : flowr_string(text, "text");
    flow_read_options *opts;
    flow_read_report *report;
    flowr_progress progress;
    int status;
    SEXP held = PROTECT(read_handles(settings, &status, &opts, &report, &progress));
    if (status == FLOW_OK)
        status = data == NULL ? flow_dataset_read_csv(ds, name, opts, report)
                              : flow_dataset_read_buffer(ds, name, data, (int64_t)strlen(data),
                                                         opts, report);
    SEXP out = PROTECT(status == FLOW_OK ? report_list(report) : flowr_failure(status));
    release_read(held);
    out = flowr_progress_outcome(&progress, out);
    UNPROTECT(2);
    return out;
}

/* .Call entry: reads a wide matrix CSV laid out and filtered by the wide_*
 * keys of settings. Returns list(matrix, report). */
SEXP flowr_table_read(SEXP path, SEXP settings)
{
    const char *name = flowr_string(path, "path");
    flow_read_options *opts;
    flow_read_report *report;
    flowr_progress progress;
    int status;
    SEXP held = PROTECT(read_handles(settings, &status, &opts, &report, &progress));
    SEXP table_holder = PROTECT(flowr_handle_new(&flowr_kind_table, R_NilValue));
    flow_table *table = NULL;
    if (status == FLOW_OK) {
        status = flow_table_read_csv(&table, name, opts, report);
        R_SetExternalPtrAddr(table_holder, table);
    }
    SEXP out = R_NilValue;
    if (status == FLOW_OK) {
        static const char *const names[] = {"matrix", "report"};
        out = PROTECT(flowr_list(2, names));
        SET_VECTOR_ELT(out, 0, flowr_table_to_matrix(table));
        SET_VECTOR_ELT(out, 1, report_list(report));
    } else {
        out = PROTECT(flowr_failure(status));
    }
    flowr_release(table_holder);
    release_read(held);
    out = flowr_progress_outcome(&progress, out);
    UNPROTECT(3);
    return out;
}

/* ---------------------------------------------------------------- queries */

static const char *economy_code(const void *ds, int64_t i)
{
    return flow_labels_code(flow_dataset_economies(ds), i);
}

static const char *economy_name(const void *ds, int64_t i)
{
    return flow_labels_name(flow_dataset_economies(ds), i);
}

/* .Call entry: list(code, name) of the economy axis. */
SEXP flowr_dataset_economies(SEXP handle)
{
    const flow_dataset *ds = dataset_of(handle);
    const int64_t n = flow_dataset_economy_count(ds);
    static const char *const names[] = {"code", "name"};
    SEXP out = PROTECT(flowr_list(2, names));
    SET_VECTOR_ELT(out, 0, flowr_string_vector(ds, economy_code, n));
    SET_VECTOR_ELT(out, 1, flowr_string_vector(ds, economy_name, n));
    UNPROTECT(1);
    return out;
}

/* .Call entry: list(layer, year, product, unit) of every matrix. */
SEXP flowr_dataset_keys(SEXP handle)
{
    const flow_dataset *ds = dataset_of(handle);
    const int64_t n = flow_dataset_matrix_count(ds);
    static const char *const names[] = {"layer", "year", "product", "unit"};
    SEXP out = PROTECT(flowr_list(4, names));
    for (int k = 0; k < 4; k++)
        SET_VECTOR_ELT(out, k, Rf_allocVector(k == 1 ? REALSXP : STRSXP, (R_xlen_t)n));
    for (int64_t i = 0; i < n; i++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0;
        flow_dataset_matrix_key(ds, i, &layer, &year, &product);
        SET_STRING_ELT(VECTOR_ELT(out, 0), (R_xlen_t)i, utf8(layer));
        REAL(VECTOR_ELT(out, 1))[i] = (double)year;
        SET_STRING_ELT(VECTOR_ELT(out, 2), (R_xlen_t)i, utf8(product));
        SET_STRING_ELT(VECTOR_ELT(out, 3), (R_xlen_t)i,
                       utf8(flow_dataset_matrix_unit(ds, layer, year, product)));
    }
    UNPROTECT(1);
    return out;
}

/* .Call entry: the n x n matrix of (layer, year, product). */
SEXP flowr_dataset_matrix(SEXP handle, SEXP layer, SEXP year, SEXP product)
{
    const flow_dataset *ds = dataset_of(handle);
    const char *l = flowr_string(layer, "layer");
    const char *p = Rf_isNull(product) ? NULL : flowr_string(product, "product");
    const int64_t n = flow_dataset_economy_count(ds);
    double *dst = flowr_scratch(n * n);
    int status = flow_dataset_matrix_copy(ds, l, flowr_int64(year, "year"), p, dst, n * n, n);
    return status == FLOW_OK ? flowr_matrix_from_row_major(dst, n, n, n) : flowr_failure(status);
}

/* .Call entry: reads a per-economy attributes CSV into the dataset. */
SEXP flowr_dataset_read_product_groups(SEXP handle, SEXP path, SEXP code_column, SEXP group_column)
{
    flow_dataset *ds = dataset_of(handle);
    int status = flow_dataset_read_product_groups(ds, flowr_string(path, "file"),
                                                  flowr_string(code_column, "code_column"),
                                                  flowr_string(group_column, "group_column"));
    return status == FLOW_OK ? R_NilValue : flowr_failure(status);
}

SEXP flowr_dataset_read_attributes(SEXP handle, SEXP path, SEXP code_column, SEXP add_unknown)
{
    flow_dataset *ds = dataset_of(handle);
    int status = flow_dataset_read_attributes(ds, flowr_string(path, "path"),
                                              flowr_string(code_column, "code_column"),
                                              Rf_asLogical(add_unknown));
    return status == FLOW_OK ? R_NilValue : flowr_failure(status);
}

/* .Call entry: every attribute as a named list: numeric vectors, then text ones. */
SEXP flowr_dataset_attributes(SEXP handle)
{
    const flow_dataset *ds = dataset_of(handle);
    flow_table *numbers = NULL, *texts = NULL;
    int status = flow_dataset_attributes(&numbers, ds, FLOW_ATTRIBUTES_NUMERIC);
    if (status == FLOW_OK)
        status = flow_dataset_attributes(&texts, ds, FLOW_ATTRIBUTES_TEXT);
    if (status != FLOW_OK) {
        flow_table_free(numbers);
        return flowr_failure(status);
    }
    /* Numbers: one column per attribute; texts: n rows per attribute, grouped by name. */
    const int64_t n = flow_table_rows(numbers), count = flow_table_cols(numbers);
    const int64_t ntexts = n > 0 ? flow_table_rows(texts) / n : 0;
    SEXP out = PROTECT(Rf_allocVector(VECSXP, (R_xlen_t)(count + ntexts)));
    SEXP names = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)(count + ntexts)));
    for (int64_t k = 0; k < count; k++) {
        SEXP values = Rf_allocVector(REALSXP, (R_xlen_t)n);
        SET_VECTOR_ELT(out, (R_xlen_t)k, values);
        SET_STRING_ELT(names, (R_xlen_t)k, utf8(flow_table_col_label(numbers, k)));
        for (int64_t e = 0; e < n; e++)
            REAL(values)[e] = cell(numbers, e, k);
    }
    for (int64_t k = 0; k < ntexts; k++) {
        SEXP values = Rf_allocVector(STRSXP, (R_xlen_t)n);
        SET_VECTOR_ELT(out, (R_xlen_t)(count + k), values);
        SET_STRING_ELT(names, (R_xlen_t)(count + k), utf8(flow_table_row_group(texts, k * n)));
        for (int64_t e = 0; e < n; e++)
            SET_STRING_ELT(values, (R_xlen_t)e, utf8(flow_table_row_label(texts, k * n + e)));
    }
    Rf_setAttrib(out, R_NamesSymbol, names);
    flow_table_free(numbers);
    flow_table_free(texts);
    UNPROTECT(2);
    return out;
}

static void aggregation_free(void *handle)
{
    flow_aggregation_free(handle);
}

const flowr_kind flowr_kind_aggregation = {"flow_aggregation", aggregation_free};

/* .Call entry: a new dataset with the members summed into their groups. */
SEXP flowr_dataset_aggregate(SEXP handle, SEXP members, SEXP groups)
{
    const flow_dataset *ds = dataset_of(handle);
    const int64_t n = Rf_isNull(members) ? 0 : (int64_t)XLENGTH(members);
    const char **m = flowr_strings(members, "members", n);
    const char **g = flowr_strings(groups, "groups", n);
    SEXP agg_holder = PROTECT(flowr_handle_new(&flowr_kind_aggregation, R_NilValue));
    SEXP out = PROTECT(flowr_handle_new(&flowr_kind_dataset, R_NilValue));
    flow_aggregation *agg = NULL;
    int status = flow_aggregation_new(&agg);
    R_SetExternalPtrAddr(agg_holder, agg);
    for (int64_t i = 0; i < n && status == FLOW_OK; i++)
        status = flow_aggregation_add(agg, m[i], g[i]);
    flow_dataset *result = NULL;
    if (status == FLOW_OK) {
        status = flow_dataset_aggregate(&result, ds, agg);
        R_SetExternalPtrAddr(out, result);
    }
    flowr_release(agg_holder);
    UNPROTECT(2);
    return status == FLOW_OK ? out : flowr_failure(status);
}

static void depflag_options_free(void *handle)
{
    flow_depflag_options_free(handle);
}

const flowr_kind flowr_kind_depflag_options = {"flow_depflag_options", depflag_options_free};

static int set_depflag_option(void *opts, const char *name, const char *value)
{
    return flow_depflag_options_set(opts, name, value);
}

/* .Call entry: strategic-dependency flags of one layer of the dataset with
 * the options in settings (a named list of texts: the keys of
 * flow_depflag_options_set): the flags table (flowr_table_result: one row per
 * (year, product, importer), grouped by product; shape scalars). */
SEXP flowr_depflags(SEXP handle, SEXP layer, SEXP settings)
{
    const flow_dataset *ds = dataset_of(handle);
    const char *l = flowr_string(layer, "layer");
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_depflag_options, R_NilValue));
    flow_depflag_options *o = NULL;
    flow_table *table = NULL;
    int status = flow_depflag_options_new(&o);
    R_SetExternalPtrAddr(opts_holder, o);
    if (status == FLOW_OK)
        status = flowr_apply_options(o, set_depflag_option, settings);
    if (status == FLOW_OK)
        status = flow_depflags_new_from_dataset(&table, o, ds, l);
    SEXP out = PROTECT(flowr_table_result(status, table));
    flowr_release(opts_holder);
    UNPROTECT(2);
    return out;
}
