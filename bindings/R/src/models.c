/*
 * models.c - .Call glue of the stand-alone models: clearing, RAS and
 * maximum-entropy exposures (contagion.h), the inoperability family
 * (iim.h), and the mixed and price models (io_variants.h). Arguments are
 * checked (R errors) before any libflow table exists; the temporary input
 * tables are freed before a result or failure goes back to R.
 */
#include "flowr.h"

/* A checked R matrix, copied row-major, with its dimnames as C strings. */
typedef struct {
    const double *values;
    int64_t rows, cols;
    const char **row_names, **col_names;
} rmatrix;

static const char **dimnames_of(SEXP m, int axis, int64_t n)
{
    SEXP dn = Rf_getAttrib(m, R_DimNamesSymbol);
    if (Rf_isNull(dn) || Rf_isNull(VECTOR_ELT(dn, axis)))
        return NULL;
    return flowr_strings(VECTOR_ELT(dn, axis), "dimnames", n);
}

static rmatrix matrix_arg(SEXP m, const char *what, int square)
{
    rmatrix r;
    r.values = flowr_row_major(m, what, &r.rows, &r.cols);
    if (square && r.rows != r.cols)
        Rf_error("'%s' must be a square matrix", what);
    r.row_names = dimnames_of(m, 0, r.rows);
    r.col_names = dimnames_of(m, 1, r.cols);
    return r;
}

/* A double vector of length n (NULL allowed when optional). */
static const double *vector_arg(SEXP v, const char *what, int64_t n, int optional)
{
    int64_t len = 0;
    if (optional && Rf_isNull(v))
        return NULL;
    const double *d = flowr_doubles(v, what, &len);
    if (len != n)
        Rf_error("'%s' must have %lld values, not %lld", what, (long long)n, (long long)len);
    return d;
}

/* A flow_table of a checked matrix; FLOW_OK or a libflow status. */
static int table_of(const rmatrix *m, flow_table **out)
{
    int status = flow_table_new(out, m->rows, m->cols, m->values, m->cols);
    for (int64_t i = 0; status == FLOW_OK && m->row_names && i < m->rows; i++)
        status = flow_table_set_row_label(*out, i, m->row_names[i], NULL);
    for (int64_t j = 0; status == FLOW_OK && m->col_names && j < m->cols; j++)
        status = flow_table_set_col_label(*out, j, m->col_names[j], NULL);
    return status;
}

/* The R matrix of result (or the failure of status); frees result and inputs. */
static SEXP finish(int status, flow_table *result, flow_table *in1, flow_table *in2)
{
    SEXP out = R_NilValue;
    if (status == FLOW_OK)
        out = PROTECT(flowr_table_to_matrix(result));
    else
        out = PROTECT(flowr_failure(status));
    flow_table_free(result);
    flow_table_free(in1);
    flow_table_free(in2);
    UNPROTECT(1);
    return out;
}

SEXP flowr_clearing(SEXP liabilities, SEXP external_assets, SEXP alpha, SEXP beta)
{
    rmatrix l = matrix_arg(liabilities, "liabilities", 1);
    const double *e = vector_arg(external_assets, "external_assets", l.rows, 0);
    double a = Rf_asReal(alpha), b = Rf_asReal(beta);
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&l, &t);
    if (status == FLOW_OK)
        status = flow_clearing_vector(&r, t, e, a, b);
    return finish(status, r, t, NULL);
}

SEXP flowr_ras(SEXP prior, SEXP row_totals, SEXP col_totals, SEXP tolerance, SEXP max_iterations)
{
    rmatrix p = matrix_arg(prior, "prior", 0);
    const double *rt = vector_arg(row_totals, "row_totals", p.rows, 0);
    const double *ct = vector_arg(col_totals, "col_totals", p.cols, 0);
    int64_t iterations = flowr_int64(max_iterations, "max_iterations");
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&p, &t);
    if (status == FLOW_OK)
        status = flow_ras(&r, t, rt, ct, Rf_asReal(tolerance), iterations);
    return finish(status, r, t, NULL);
}

SEXP flowr_max_entropy(SEXP labels, SEXP assets, SEXP liabilities, SEXP tolerance,
                       SEXP max_iterations)
{
    int64_t n = 0;
    const double *a = flowr_doubles(assets, "assets", &n);
    const double *l = vector_arg(liabilities, "liabilities", n, 0);
    const char **names = Rf_isNull(labels) ? NULL : flowr_strings(labels, "labels", n);
    int64_t iterations = flowr_int64(max_iterations, "max_iterations");
    flow_table *r = NULL;
    int status = flow_exposures_max_entropy(&r, n, names, a, l, Rf_asReal(tolerance), iterations);
    return finish(status, r, NULL, NULL);
}

SEXP flowr_iim_matrix(SEXP transactions, SEXP output, SEXP side)
{
    rmatrix z = matrix_arg(transactions, "transactions", 1);
    const double *x = vector_arg(output, "output", z.rows, 0);
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&z, &t);
    if (status == FLOW_OK)
        status = flow_iim_matrix(&r, t, x, Rf_asInteger(side));
    return finish(status, r, t, NULL);
}

SEXP flowr_iim_static(SEXP interdependency, SEXP perturbation, SEXP output)
{
    rmatrix m = matrix_arg(interdependency, "interdependency", 1);
    const double *c = vector_arg(perturbation, "perturbation", m.rows, 0);
    const double *x = vector_arg(output, "output", m.rows, 1);
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&m, &t);
    if (status == FLOW_OK)
        status = flow_iim_static(&r, t, c, x);
    return finish(status, r, t, NULL);
}

SEXP flowr_iim_resilience(SEXP interdependency, SEXP q0, SEXP q_target, SEXP recovery_time)
{
    rmatrix m = matrix_arg(interdependency, "interdependency", 1);
    const double *a = vector_arg(q0, "q0", m.rows, 0);
    const double *b = vector_arg(q_target, "q_target", m.rows, 0);
    const double *t_rec = vector_arg(recovery_time, "recovery_time", m.rows, 0);
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&m, &t);
    if (status == FLOW_OK)
        status = flow_iim_resilience(&r, t, a, b, t_rec);
    return finish(status, r, t, NULL);
}

SEXP flowr_iim_dynamic(SEXP interdependency, SEXP resilience, SEXP q0, SEXP perturbation,
                       SEXP steps)
{
    rmatrix m = matrix_arg(interdependency, "interdependency", 1);
    const double *k = vector_arg(resilience, "resilience", m.rows, 0);
    const double *q = vector_arg(q0, "q0", m.rows, 0);
    const double *c = vector_arg(perturbation, "perturbation", m.rows, 1);
    int64_t n_steps = flowr_int64(steps, "steps");
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&m, &t);
    if (status == FLOW_OK)
        status = flow_iim_dynamic(&r, t, k, q, c, n_steps);
    return finish(status, r, t, NULL);
}

SEXP flowr_io_mixed(SEXP coefficients, SEXP final_demand, SEXP constrained_output, SEXP constrained)
{
    rmatrix a = matrix_arg(coefficients, "coefficients", 1);
    const double *f = vector_arg(final_demand, "final_demand", a.rows, 0);
    const double *xbar = vector_arg(constrained_output, "constrained_output", a.rows, 0);
    if (TYPEOF(constrained) != LGLSXP || XLENGTH(constrained) != a.rows)
        Rf_error("'constrained' must be a logical vector with one value per sector");
    int *flags = (int *)R_alloc((size_t)(a.rows > 0 ? a.rows : 1), sizeof(int));
    for (int64_t i = 0; i < a.rows; i++) {
        if (LOGICAL(constrained)[i] == NA_LOGICAL)
            Rf_error("'constrained' must not be NA");
        flags[i] = LOGICAL(constrained)[i];
    }
    flow_table *t = NULL, *r = NULL;
    int status = table_of(&a, &t);
    if (status == FLOW_OK)
        status = flow_io_mixed(&r, t, f, xbar, flags);
    return finish(status, r, t, NULL);
}

SEXP flowr_io_price(SEXP coefficients, SEXP imports, SEXP import_price_change,
                    SEXP value_added_change)
{
    rmatrix a = matrix_arg(coefficients, "coefficients", 1);
    rmatrix m = {0};
    const double *dpm = NULL;
    if (!Rf_isNull(imports)) {
        m = matrix_arg(imports, "import_coefficients", 0);
        dpm = vector_arg(import_price_change, "import_price_change", m.rows, 0);
    }
    const double *dv = vector_arg(value_added_change, "value_added_change", a.rows, 1);
    flow_table *ta = NULL, *tm = NULL, *r = NULL;
    int status = table_of(&a, &ta);
    if (status == FLOW_OK && !Rf_isNull(imports))
        status = table_of(&m, &tm);
    if (status == FLOW_OK)
        status = flow_io_price(&r, ta, tm, dpm, dv);
    return finish(status, r, ta, tm);
}
