/*
 * io_extraction.c - hypothetical extraction: the single-sector sweep in closed
 * form from one factorisation, and the extraction of links between sets of
 * regions (the building block of the sanctions lenses).
 */
#include "io_internal.h"

#include <math.h>
#include <stdlib.h>

/* ------------------------------------------------------------------ single-sector sweep */

/*
 * The vectors the closed forms need: two solves with the cached LU (each
 * reads all of it, so right-hand sides that share a direction share a solve)
 * and the diagonal of L.
 */
struct sweep_terms {
    double *m;    /* [1'L | (v'G)']: two contiguous vectors of length n */
    double *xs;   /* = m + n */
    double *xd;   /* [L y | L x]: two contiguous vectors of length n */
    double *diag; /* diag(L) */
};

static void free_terms(struct sweep_terms *t)
{
    free(t->m);
    free(t->xd);
    free(t->diag);
}

static int compute_terms(flow_io_model *model, const flow_i_lu *lu, struct sweep_terms *t)
{
    int rc;
    int64_t n = flow_i_io_order(model);
    const double *x = flow_i_io_output(model), *y = flow_i_io_final_demand_total(model);
    const double *v = flow_i_io_value_added(model);
    t->m = flow_i_malloc(2 * n, sizeof *t->m);
    t->xd = flow_i_malloc(2 * n, sizeof *t->xd);
    t->diag = flow_i_malloc(n, sizeof *t->diag);
    if (!t->m || !t->xd || !t->diag)
        return FLOW_ERR_NOMEM;
    t->xs = t->m + n;
    for (int64_t i = 0; i < n; i++) {
        t->m[i] = 1.0;
        t->xd[i] = y[i];
        t->xd[n + i] = x[i];
        t->xs[i] = v[i] * flow_i_io_inverse_output(x[i]);
    }
    if ((rc = flow_i_lu_solve(lu, 1, t->m, 2)) != FLOW_OK ||
        (rc = flow_i_lu_solve(lu, 0, t->xd, 2)) != FLOW_OK ||
        (rc = flow_i_lu_inverse_diagonal(lu, t->diag)) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++)
        t->xs[i] = x[i] != 0.0 ? t->xs[i] * x[i] : v[i];
    return FLOW_OK;
}

int flow_io_extraction_sweep(flow_table **out, flow_io_model *model, int flags)
{
    static const char *const names[] = {"backward", "forward", "total"};
    const flow_i_lu *lu = NULL;
    struct sweep_terms t = {0};
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(model);
    int rc;
    if ((rc = flow_i_io_leontief_lu(model, &lu)) != FLOW_OK ||
        (rc = compute_terms(model, lu, &t)) != FLOW_OK ||
        (rc = flow_i_io_node_table(out, model, 3, names)) != FLOW_OK)
        goto done;
    const double *z = flow_i_io_intermediate(model), *x = flow_i_io_output(model);
    const double *xinv = flow_i_io_inverse_outputs(model);
    const double *y = flow_i_io_final_demand_total(model);
    const double *lx = t.xd + n;
    double *dst = flow_i_table_values(*out);
    int keep = !(flags & FLOW_IO_EXTRACT_DROP_DIAGONAL);
    for (int64_t j = 0; j < n; j++) {
        /* c_j: what sector j's own loop multiplies its remaining demand by. */
        double c = keep ? 1.0 / (1.0 - z[j * n + j] * xinv[j]) : 1.0;
        double ljj = t.diag[j];
        dst[j * 3] = (t.m[j] - c) * t.xd[j] / ljj;
        dst[j * 3 + 1] = x[j] != 0.0 ? (lx[j] / x[j] - c) * t.xs[j] / ljj : 0.0;
        dst[j * 3 + 2] = t.m[j] * t.xd[j] / ljj - c * y[j];
    }
done:
    free_terms(&t);
    return flow_i_io_result(out, rc);
}

/* ------------------------------------------------------------------ links between region sets */

int flow_i_io_region_mask(const flow_io_model *m, const int64_t *regions, int64_t count,
                          unsigned char *mask)
{
    int64_t nreg = flow_i_io_region_count(m);
    if (count < 0 || count > nreg || (count > 0 && regions == NULL))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "region set of %lld entries is invalid for %lld regions",
                           (long long)count, (long long)nreg);
    for (int64_t i = 0; i < count; i++) {
        if (regions[i] < 0 || regions[i] >= nreg)
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "region set entry %lld: region %lld is not in [0, %lld)",
                               (long long)i, (long long)regions[i], (long long)nreg);
        mask[regions[i]] = 1;
    }
    return FLOW_OK;
}

static int is_cut(const unsigned char *first, const unsigned char *second, int one_way,
                  int64_t from, int64_t to)
{
    return (first[from] && second[to]) || (!one_way && second[from] && first[to]);
}

int flow_i_io_cut_links(const flow_io_model *m, const unsigned char *in_first,
                        const unsigned char *in_second, double keep, int one_way,
                        int cut_final_demand, double **a_out, double **y_out)
{
    int64_t n = flow_i_io_order(m), k = flow_i_io_final_demand_count(m);
    const double *y = flow_i_io_final_demand(m);
    double *a = NULL, *yt = NULL;
    if (a_out != NULL) {
        *a_out = NULL;
        if ((a = flow_i_malloc(n * n, sizeof *a)) == NULL)
            return FLOW_ERR_NOMEM;
        (void)flow_i_io_copy_technical(m, a, n * n, n); /* sized for it: cannot fail */
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                if (is_cut(in_first, in_second, one_way, flow_i_io_region_of(m, i),
                           flow_i_io_region_of(m, j)))
                    a[i * n + j] *= keep;
    }
    if (y_out != NULL) {
        *y_out = NULL;
        if ((yt = flow_i_calloc(n, sizeof *yt)) == NULL) {
            free(a);
            return FLOW_ERR_NOMEM;
        }
        for (int64_t i = 0; i < n; i++)
            for (int64_t c = 0; c < k; c++) {
                int64_t owner = flow_i_io_final_demand_region(m, c);
                int cut = cut_final_demand && owner >= 0 &&
                          is_cut(in_first, in_second, one_way, flow_i_io_region_of(m, i), owner);
                yt[i] += cut ? keep * y[i * k + c] : y[i * k + c];
            }
        *y_out = yt;
    }
    if (a_out != NULL)
        *a_out = a;
    return FLOW_OK;
}

int flow_io_extract_links(flow_table **out, const flow_io_model *model, int64_t n_first,
                          const int64_t *first, int64_t n_second, const int64_t *second,
                          double severity, int flags)
{
    static const char *const names[] = {"output", "loss"};
    unsigned char *mask_first = NULL, *mask_second = NULL;
    double *a = NULL, *y = NULL;
    flow_i_lu *lu = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (!(severity >= 0.0 && severity <= 1.0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "severity %g is not in [0, 1]", severity);
    int64_t n = flow_i_io_order(model), regions = flow_i_io_region_count(model);
    int rc;
    mask_first = flow_i_calloc(regions, 1);
    mask_second = flow_i_calloc(regions, 1);
    if (mask_first == NULL || mask_second == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = flow_i_io_region_mask(model, first, n_first, mask_first)) != FLOW_OK ||
        (rc = flow_i_io_region_mask(model, second, n_second, mask_second)) != FLOW_OK ||
        (rc = flow_i_io_cut_links(model, mask_first, mask_second, 1.0 - severity,
                                  flags & FLOW_IO_EXTRACT_ONE_WAY,
                                  flags & FLOW_IO_EXTRACT_FINAL_DEMAND, &a, &y)) != FLOW_OK ||
        (rc = flow_i_io_factor_coefficients(&lu, a, n, model)) != FLOW_OK ||
        (rc = flow_i_lu_solve(lu, 0, y, 1)) != FLOW_OK ||
        (rc = flow_i_io_node_table(out, model, 2, names)) != FLOW_OK)
        goto done;
    const double *x = flow_i_io_output(model);
    double *dst = flow_i_table_values(*out), lost = 0.0;
    for (int64_t i = 0; i < n; i++) {
        dst[i * 2] = y[i];
        dst[i * 2 + 1] = x[i] - y[i];
        lost += x[i] - y[i];
    }
    rc = flow_table_set_scalar(*out, "loss_total", lost);
done:
    free(mask_first);
    free(mask_second);
    free(a);
    free(y);
    flow_i_lu_free(lu);
    return flow_i_io_result(out, rc);
}
