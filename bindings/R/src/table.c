/*
 * table.c - flow_table, libflow's labelled matrix, to and from R matrices
 * with dimnames (and the optional row/column group labels as attributes).
 */
#include "flowr.h"

#include "kinds.h"

static void table_free(void *handle)
{
    flow_table_free(handle);
}

const flowr_kind flowr_kind_table = {"flow_table", table_free};

typedef int (*label_setter)(flow_table *, int64_t, const char *, const char *);

/* Copies labels and groups (character vectors or NULL) onto one axis. */
static int set_labels(flow_table *table, label_setter set, SEXP labels, SEXP groups)
{
    R_xlen_t n = Rf_isNull(labels) ? XLENGTH(groups) : XLENGTH(labels);
    for (R_xlen_t i = 0; i < n; i++) {
        const char *label = Rf_isNull(labels) ? "" : Rf_translateCharUTF8(STRING_ELT(labels, i));
        const char *group = Rf_isNull(groups) ? NULL : Rf_translateCharUTF8(STRING_ELT(groups, i));
        int status = set(table, (int64_t)i, label, group);
        if (status != FLOW_OK)
            return status;
    }
    return FLOW_OK;
}

static void check_labels(SEXP labels, int64_t n, const char *what)
{
    if (!Rf_isNull(labels) && (TYPEOF(labels) != STRSXP || XLENGTH(labels) != n))
        Rf_error("'%s' must be NULL or a character vector of length %lld", what, (long long)n);
}

/* .Call entry: a flow_table holding the double matrix `values` and labels. */
SEXP flowr_table_new(SEXP values, SEXP row_labels, SEXP col_labels, SEXP row_groups,
                     SEXP col_groups)
{
    int64_t rows, cols;
    const double *data = flowr_row_major(values, "values", &rows, &cols);
    check_labels(row_labels, rows, "row_labels");
    check_labels(col_labels, cols, "col_labels");
    check_labels(row_groups, rows, "row_groups");
    check_labels(col_groups, cols, "col_groups");

    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_table, R_NilValue));
    flow_table *table = NULL;
    int status = flow_table_new(&table, rows, cols, data, cols);
    R_SetExternalPtrAddr(handle, table);
    if (status == FLOW_OK && (!Rf_isNull(row_labels) || !Rf_isNull(row_groups)))
        status = set_labels(table, flow_table_set_row_label, row_labels, row_groups);
    if (status == FLOW_OK && (!Rf_isNull(col_labels) || !Rf_isNull(col_groups)))
        status = set_labels(table, flow_table_set_col_label, col_labels, col_groups);
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

typedef const char *(*label_getter)(const flow_table *, int64_t);

/* The n labels get(table, i) as a character vector; NULL when all are "". */
static SEXP labels_of(const flow_table *table, label_getter get, int64_t n)
{
    SEXP out = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    int any = 0;
    for (int64_t i = 0; i < n; i++) {
        const char *label = get(table, i);
        any |= label[0] != '\0';
        SET_STRING_ELT(out, (R_xlen_t)i, Rf_mkCharCE(label, CE_UTF8));
    }
    UNPROTECT(1);
    return any ? out : R_NilValue;
}

/* Sets attribute `name` of x to value unless value is NULL. */
static void set_if_any(SEXP x, const char *name, SEXP value)
{
    if (!Rf_isNull(value))
        Rf_setAttrib(x, Rf_install(name), value);
}

SEXP flowr_table_to_matrix(const flow_table *table)
{
    const int64_t rows = flow_table_rows(table), cols = flow_table_cols(table);
    SEXP out = PROTECT(flowr_matrix_from_row_major(flow_table_values(table), rows, cols, cols));
    SEXP dimnames = PROTECT(Rf_allocVector(VECSXP, 2));
    SET_VECTOR_ELT(dimnames, 0, labels_of(table, flow_table_row_label, rows));
    SET_VECTOR_ELT(dimnames, 1, labels_of(table, flow_table_col_label, cols));
    if (!Rf_isNull(VECTOR_ELT(dimnames, 0)) || !Rf_isNull(VECTOR_ELT(dimnames, 1)))
        Rf_setAttrib(out, R_DimNamesSymbol, dimnames);
    set_if_any(out, "row_groups", PROTECT(labels_of(table, flow_table_row_group, rows)));
    set_if_any(out, "col_groups", PROTECT(labels_of(table, flow_table_col_group, cols)));
    UNPROTECT(4);
    return out;
}

SEXP flowr_table_result(int status, flow_table *table)
{
    if (status != FLOW_OK) {
        flow_table_free(table);
        return flowr_failure(status);
    }
    SEXP out = PROTECT(flowr_table_to_matrix(table));
    const int64_t count = flow_table_scalar_count(table);
    SEXP scalars = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)count));
    SEXP names = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)count));
    for (int64_t i = 0; i < count; i++) {
        const char *name = flow_table_scalar_name(table, i);
        flow_table_scalar(table, name, &REAL(scalars)[i]);
        SET_STRING_ELT(names, (R_xlen_t)i, Rf_mkCharCE(name, CE_UTF8));
    }
    Rf_setAttrib(scalars, R_NamesSymbol, names);
    if (count > 0)
        Rf_setAttrib(out, Rf_install("scalars"), scalars);
    flow_table_free(table);
    UNPROTECT(3);
    return out;
}

/* .Call entry: the R matrix (with dimnames and groups) of a flow_table. */
SEXP flowr_table_matrix(SEXP handle)
{
    return flowr_table_to_matrix(flowr_handle_get(handle, &flowr_kind_table));
}
