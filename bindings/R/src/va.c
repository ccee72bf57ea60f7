/*
 * va.c - .Call glue of value added in trade (libflow/va_trade.h), the
 * structure of an IO model (libflow/io_structure.h) and trade-based structure
 * (libflow/complexity.h). Every result is a flow_table, returned as a matrix
 * with dimnames (and row_groups / col_groups attributes).
 */
#include "flowr.h"

#include "kinds.h"

/* The matrix of a new table (freed here), or the R error of a failed call. */
static SEXP table_result(int status, flow_table *table)
{
    if (status != FLOW_OK)
        return flowr_failure(status);
    SEXP out = PROTECT(flowr_table_to_matrix(table));
    flow_table_free(table);
    UNPROTECT(1);
    return out;
}

/* list(first, second) from two new tables. */
static SEXP pair_result(int status, flow_table *first, flow_table *second, const char *a,
                        const char *b)
{
    if (status != FLOW_OK)
        return flowr_failure(status);
    SEXP out = PROTECT(Rf_allocVector(VECSXP, 2)), names = PROTECT(Rf_allocVector(STRSXP, 2));
    SET_VECTOR_ELT(out, 0, table_result(FLOW_OK, first));
    SET_VECTOR_ELT(out, 1, table_result(FLOW_OK, second));
    SET_STRING_ELT(names, 0, Rf_mkChar(a));
    SET_STRING_ELT(names, 1, Rf_mkChar(b));
    Rf_setAttrib(out, R_NamesSymbol, names);
    UNPROTECT(2);
    return out;
}

static flow_io_model *model_of(SEXP x)
{
    return flowr_handle_get(x, &flowr_kind_io_model);
}

SEXP flowr_va_decompose(SEXP model, SEXP method, SEXP level, SEXP importer)
{
    flow_table *out = NULL;
    int status =
        flow_va_decompose(&out, model_of(model), (int)flowr_int64(method, "method"),
                          (int)flowr_int64(level, "level"), flowr_int64(importer, "importer"));
    return table_result(status, out);
}

SEXP flowr_look_through(SEXP model, SEXP origin)
{
    flow_table *inputs = NULL, *final = NULL;
    int status =
        flow_io_look_through(&inputs, &final, model_of(model), flowr_int64(origin, "origin"));
    return pair_result(status, inputs, final, "inputs", "final_demand");
}

/* which: 0 field of influence, 1 multiplier product, 2 coefficient change. */
SEXP flowr_io_structure(SEXP model, SEXP which, SEXP i, SEXP j, SEXP delta)
{
    flow_table *out = NULL;
    flow_io_model *m = model_of(model);
    int64_t kind = flowr_int64(which, "which");
    int status = kind == 0
                     ? flow_io_field_of_influence(&out, m, flowr_int64(i, "i"), flowr_int64(j, "j"))
                 : kind == 1 ? flow_io_multiplier_product(&out, m)
                             : flow_io_coefficient_change(&out, m, flowr_int64(i, "i"),
                                                          flowr_int64(j, "j"), Rf_asReal(delta));
    return table_result(status, out);
}

SEXP flowr_structural_paths(SEXP model, SEXP f, SEXP y, SEXP top_k, SEXP threshold, SEXP max_depth)
{
    flow_table *paths = NULL, *summary = NULL;
    flow_io_model *m = model_of(model);
    int64_t n = 0, len = 0;
    flow_io_model_view(m, FLOW_IO_INTERMEDIATE, &n, NULL);
    const double *fv = Rf_isNull(f) ? NULL : flowr_doubles(f, "f", &len);
    if (fv != NULL && len != n)
        Rf_error("'f' has %lld entries for %lld sectors", (long long)len, (long long)n);
    const double *yv = Rf_isNull(y) ? NULL : flowr_doubles(y, "y", &len);
    if (yv != NULL && len != n)
        Rf_error("'y' has %lld entries for %lld sectors", (long long)len, (long long)n);
    int status =
        flow_io_structural_paths(&paths, &summary, m, fv, yv, flowr_int64(top_k, "top_k"),
                                 Rf_asReal(threshold), (int)flowr_int64(max_depth, "max_depth"));
    return pair_result(status, paths, summary, "paths", "summary");
}

/* which: 0 RCA (arg = kind), 1 proximity, 2 density (arg = threshold),
 * 3 betweenness (arg = normalised). */
SEXP flowr_trade_structure(SEXP table, SEXP which, SEXP arg)
{
    flow_table *out = NULL;
    const flow_table *x = flowr_handle_get(table, &flowr_kind_table);
    int64_t kind = flowr_int64(which, "which");
    double value = Rf_asReal(arg);
    int status = kind == 0   ? flow_rca(&out, x, (int)value)
                 : kind == 1 ? flow_product_proximity(&out, x, value)
                 : kind == 2 ? flow_product_density(&out, x, value)
                             : flow_betweenness(&out, x, (int)value);
    return table_result(status, out);
}

SEXP flowr_complexity(SEXP table, SEXP threshold)
{
    flow_table *economies = NULL, *products = NULL;
    int status = flow_complexity(&economies, &products, flowr_handle_get(table, &flowr_kind_table),
                                 Rf_asReal(threshold));
    return pair_result(status, economies, products, "economies", "products");
}
