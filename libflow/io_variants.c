/*
 * io_variants.c - the mixed exogenous/endogenous model and the Leontief
 * price model with imported inputs (see include/libflow/io_variants.h).
 */
#include "libflow/io_variants.h"

#include "model_args.h"

#include <math.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- mixed */

#define MIXED "mixed model"

static int check_mixed(const flow_table *a, const double *f, const double *xbar, const int *fixed,
                       int64_t *n)
{
    int rc = flow_i_square_table(a, 0.0, MIXED, "coefficients", n);
    if (rc != FLOW_OK)
        return rc;
    if (f == NULL || xbar == NULL || fixed == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, MIXED ": a NULL vector");
    for (int64_t i = 0; i < *n; i++) {
        double v = fixed[i] ? xbar[i] : f[i];
        if (!(isfinite(v) && v >= 0.0))
            return flow_i_fail(FLOW_ERR_VALUE, MIXED ": %s of %s is %g",
                               fixed[i] ? "constrained output" : "final demand",
                               flow_table_row_label(a, i), v);
    }
    return FLOW_OK;
}

/*
 * Endogenous outputs: (I - A_EE) x_E = f_E + A_EX x_X, with E listed in
 * endo[0..ne); x holds x_X on entry for X and receives x_E.
 */
static int solve_endogenous(const double *a, int64_t n, const int *fixed, const double *f,
                            double *x, const int64_t *endo, int64_t ne)
{
    double *aee = flow_i_malloc(ne > 0 ? ne * ne : 1, sizeof *aee);
    double *rhs = flow_i_malloc(ne > 0 ? ne : 1, sizeof *rhs);
    int rc = FLOW_ERR_NOMEM;
    if (aee == NULL || rhs == NULL)
        goto done;
    for (int64_t p = 0; p < ne; p++) {
        int64_t i = endo[p];
        rhs[p] = f[i];
        for (int64_t j = 0; j < n; j++)
            if (fixed[j])
                rhs[p] += a[i * n + j] * x[j];
        for (int64_t q = 0; q < ne; q++)
            aee[p * ne + q] = a[i * n + endo[q]];
    }
    rc = flow_i_solve_identity_minus(aee, ne, ne, 1.0, 0, rhs, MIXED);
    for (int64_t p = 0; rc == FLOW_OK && p < ne; p++)
        x[endo[p]] = rhs[p];
done:
    free(aee);
    free(rhs);
    return rc;
}

int flow_io_mixed(flow_table **out, const flow_table *coefficients, const double *final_demand,
                  const double *constrained_output, const int *constrained)
{
    static const char *const names[3] = {"output", "final_demand", "constrained"};
    int64_t n = 0, ne = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, MIXED ": out is NULL");
    *out = NULL;
    int rc = check_mixed(coefficients, final_demand, constrained_output, constrained, &n);
    if (rc != FLOW_OK)
        return rc;
    const double *a = flow_table_values(coefficients);
    double *x = flow_i_calloc(n > 0 ? n : 1, sizeof *x);
    int64_t *endo = flow_i_calloc(n > 0 ? n : 1, sizeof *endo);
    double *v = flow_i_calloc(n > 0 ? 3 * n : 1, sizeof *v);
    rc = FLOW_ERR_NOMEM;
    if (x == NULL || endo == NULL || v == NULL)
        goto done;
    for (int64_t i = 0; i < n; i++)
        if (constrained[i])
            x[i] = constrained_output[i];
        else
            endo[ne++] = i;
    if ((rc = solve_endogenous(a, n, constrained, final_demand, x, endo, ne)) != FLOW_OK)
        goto done;
    for (int64_t i = 0; i < n; i++) {
        double f = final_demand[i];
        if (constrained[i]) { /* f_i = x_i - sum_j a_ij x_j */
            f = x[i];
            for (int64_t j = 0; j < n; j++)
                f -= a[i * n + j] * x[j];
        }
        v[3 * i] = x[i];
        v[3 * i + 1] = f;
        v[3 * i + 2] = constrained[i] ? 1.0 : 0.0;
    }
    rc = flow_i_result_table(out, coefficients, n, 3, v, names);
done:
    free(x);
    free(endo);
    free(v);
    return rc;
}

/* ---------------------------------------------------------------- price */

#define PRICE "price model"

/* The direct cost change dv + M' dpm into cost[0..n). */
static int cost_push(const flow_table *imports, const double *dpm, const double *dv, int64_t n,
                     double *cost)
{
    int64_t m = imports ? flow_table_rows(imports) : 0;
    int rc;
    if (imports && flow_table_cols(imports) != n)
        return flow_i_fail(FLOW_ERR_DIMENSION,
                           PRICE ": import coefficients have %lld columns, "
                                 "the coefficient matrix %lld sectors",
                           (long long)flow_table_cols(imports), (long long)n);
    if (dv && (rc = flow_i_vector_in(dv, n, -INFINITY, INFINITY, PRICE, "value_added_change")))
        return rc;
    if (m > 0 && (rc = flow_i_vector_in(dpm, m, -INFINITY, INFINITY, PRICE, "import_price_change")))
        return rc;
    const double *mv = imports ? flow_table_values(imports) : NULL;
    for (int64_t k = 0; k < m * n; k++)
        if (!(isfinite(mv[k]) && mv[k] >= 0.0))
            return flow_i_fail(FLOW_ERR_VALUE, PRICE ": import coefficient [%s, %s] = %g",
                               flow_table_row_label(imports, k / n),
                               flow_table_col_label(imports, k % n), mv[k]);
    for (int64_t j = 0; j < n; j++) {
        cost[j] = dv ? dv[j] : 0.0;
        for (int64_t k = 0; k < m; k++)
            cost[j] += mv[k * n + j] * dpm[k];
    }
    return FLOW_OK;
}

int flow_io_price(flow_table **out, const flow_table *coefficients,
                  const flow_table *import_coefficients, const double *import_price_change,
                  const double *value_added_change)
{
    static const char *const names[2] = {"cost_push", "price_change"};
    int64_t n = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, PRICE ": out is NULL");
    *out = NULL;
    int rc = flow_i_square_table(coefficients, 0.0, PRICE, "coefficients", &n);
    if (rc != FLOW_OK)
        return rc;
    double *cost = flow_i_calloc(n > 0 ? n : 1, sizeof *cost);
    double *v = flow_i_calloc(n > 0 ? 2 * n : 1, sizeof *v);
    rc = FLOW_ERR_NOMEM;
    if (cost == NULL || v == NULL)
        goto done;
    if ((rc = cost_push(import_coefficients, import_price_change, value_added_change, n, cost)))
        goto done;
    for (int64_t j = 0; j < n; j++)
        v[2 * j] = v[2 * j + 1] = cost[j];
    double *dp = cost; /* solved in place: (I - A)' dp = cost */
    if ((rc = flow_i_solve_identity_minus(flow_table_values(coefficients), n, n, 1.0, 1, dp,
                                          PRICE)) != FLOW_OK)
        goto done;
    for (int64_t j = 0; j < n; j++)
        v[2 * j + 1] = dp[j];
    rc = flow_i_result_table(out, coefficients, n, 2, v, names);
done:
    free(cost);
    free(v);
    return rc;
}
