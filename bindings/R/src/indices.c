/*
 * indices.c - .Call glue of the dependence, asymmetry and concentration
 * indices (libflow/indices.h) and of network centrality (libflow/network.h).
 * These work on plain flow matrices; labels are attached in R.
 */
#include "flowr.h"

#include "kinds.h"

static void dyads_free(void *handle)
{
    flow_dyads_free(handle);
}

const flowr_kind flowr_kind_dyads = {"flow_dyads", dyads_free};

static void centrality_options_free(void *handle)
{
    flow_centrality_options_free(handle);
}

const flowr_kind flowr_kind_centrality_options = {"flow_centrality_options",
                                                  centrality_options_free};

/* A square flow matrix in row-major order; R error naming `what` otherwise. */
static const double *square(SEXP m, const char *what, int64_t *n)
{
    int64_t cols;
    const double *data = flowr_row_major(m, what, n, &cols);
    if (cols != *n)
        Rf_error("'%s' must be a square matrix", what);
    return data;
}

/* .Call entry: the FLOW_DYAD_MEASURE_COUNT measures of a flow matrix, in
 * flow_dyad_measure order, as a list of n x n matrices. */
SEXP flowr_dyads(SEXP flows, SEXP sizes)
{
    int64_t n, nsizes = 0;
    const double *data = square(flows, "flows", &n);
    const double *sz = Rf_isNull(sizes) ? NULL : flowr_doubles(sizes, "sizes", &nsizes);
    if (sz != NULL && nsizes != n)
        Rf_error("'sizes' must have one entry per economy");

    SEXP holder = PROTECT(flowr_handle_new(&flowr_kind_dyads, R_NilValue));
    flow_dyads *dyads = NULL;
    int status = flow_dyads_new(&dyads, data, n, n, sz);
    R_SetExternalPtrAddr(holder, dyads);
    if (status != FLOW_OK) {
        UNPROTECT(1);
        return flowr_failure(status);
    }
    SEXP out = PROTECT(Rf_allocVector(VECSXP, FLOW_DYAD_MEASURE_COUNT));
    for (int k = 0; k < FLOW_DYAD_MEASURE_COUNT && status == FLOW_OK; k++) {
        flow_table *t = NULL; /* one measure: an n x n table */
        if ((status = flow_dyads_table(&t, dyads, k)) == FLOW_OK)
            SET_VECTOR_ELT(out, k, flowr_matrix_from_row_major(flow_table_values(t), n, n, n));
        flow_table_free(t);
    }
    flowr_release(holder);
    UNPROTECT(2);
    return status == FLOW_OK ? out : flowr_failure(status);
}

/*
 * A stack of count n x n matrices from an R matrix (count 1) or an n x n x
 * count array, in libflow's layout: matrix k, row i at (k*n + i)*n. R keeps
 * element [i, j, k] at i + j*n + k*n*n.
 */
static const double *stack(SEXP a, int64_t *n, int64_t *count)
{
    SEXP dim = Rf_getAttrib(a, R_DimSymbol);
    if (TYPEOF(a) != REALSXP || TYPEOF(dim) != INTSXP || XLENGTH(dim) < 2 || XLENGTH(dim) > 3 ||
        INTEGER(dim)[0] != INTEGER(dim)[1])
        Rf_error("'flows' must be a square double matrix or an n x n x k array");
    const int64_t size = INTEGER(dim)[0];
    const int64_t k = XLENGTH(dim) == 3 ? INTEGER(dim)[2] : 1;
    const double *src = REAL(a);
    double *dst = flowr_scratch(k * size * size);
    for (int64_t m = 0; m < k; m++)
        for (int64_t i = 0; i < size; i++)
            for (int64_t j = 0; j < size; j++)
                dst[(m * size + i) * size + j] = src[i + j * size + m * size * size];
    *n = size;
    *count = k;
    return dst;
}

/* .Call entry: the supplier-HHI table of a stack (flowr_table_result: one
 * row per (matrix, importer), column "supplier_hhi"). */
SEXP flowr_supplier_hhi(SEXP flows)
{
    int64_t n, count;
    const double *data = stack(flows, &n, &count);
    flow_table *table = NULL;
    int status = flow_supplier_hhi(&table, data, count, n, n);
    return flowr_table_result(status, table);
}

/* .Call entry: the world-export HHI table of a stack (one row per matrix,
 * column "export_hhi"). */
SEXP flowr_export_hhi(SEXP flows)
{
    int64_t n, count;
    const double *data = stack(flows, &n, &count);
    flow_table *table = NULL;
    int status = flow_export_hhi(&table, data, count, n, n);
    return flowr_table_result(status, table);
}

/* .Call entry: the centrality table of a weight matrix (flowr_table_result:
 * one column per measure, convergence and iterations as scalars). */
SEXP flowr_centrality(SEXP weights, SEXP damping, SEXP tolerance, SEXP max_iterations)
{
    int64_t n;
    const double *data = square(weights, "weights", &n);
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_centrality_options, R_NilValue));
    flow_centrality_options *opts = NULL;
    flow_table *c = NULL;
    int status = flow_centrality_options_new(&opts);
    R_SetExternalPtrAddr(opts_holder, opts);
    if (status == FLOW_OK)
        status = flow_centrality_options_set_damping(opts, Rf_asReal(damping));
    if (status == FLOW_OK)
        status = flow_centrality_options_set_tolerance(opts, Rf_asReal(tolerance));
    if (status == FLOW_OK)
        status = flow_centrality_options_set_max_iterations(
            opts, flowr_int64(max_iterations, "max_iterations"));
    if (status == FLOW_OK)
        status = flow_centrality_new(&c, opts, data, n, n);
    flowr_release(opts_holder);
    UNPROTECT(1);
    return flowr_table_result(status, c);
}

/* .Call entry: the transit table (one column per rule) between s and t (0-based). */
SEXP flowr_transit(SEXP flows, SEXP s, SEXP t)
{
    int64_t n;
    const double *data = square(flows, "flows", &n);
    flow_table *table = NULL;
    int status = flow_transit(&table, data, n, n, Rf_asInteger(s), Rf_asInteger(t));
    return flowr_table_result(status, table);
}
