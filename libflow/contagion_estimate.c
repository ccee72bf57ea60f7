/*
 * contagion_estimate.c - a matrix from its row and column totals: RAS
 * (biproportional fitting) on a prior, and the maximum-entropy interbank
 * exposure matrix, which is RAS on the prior a_i l_j with a zero diagonal.
 */
#include "libflow/contagion.h"

#include "model_args.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WHO "RAS"

/* Totals must agree to this relative precision before balancing starts. */
#define TOTALS_TOLERANCE 1e-9

static double sum_of(const double *v, int64_t n)
{
    double s = 0.0;
    for (int64_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

static int check_margins(const double *x, int64_t rows, int64_t cols, const double *rt,
                         const double *ct)
{
    int rc;
    if ((rc = flow_i_vector_in(rt, rows, 0.0, INFINITY, WHO, "row_totals")) != FLOW_OK ||
        (rc = flow_i_vector_in(ct, cols, 0.0, INFINITY, WHO, "col_totals")) != FLOW_OK)
        return rc;
    double sr = sum_of(rt, rows), sc = sum_of(ct, cols);
    if (fabs(sr - sc) > TOTALS_TOLERANCE * fmax(sr, sc))
        return flow_i_fail(FLOW_ERR_VALUE, WHO ": row totals sum to %.17g, column totals to %.17g",
                           sr, sc);
    for (int64_t i = 0; i < rows; i++)
        if (rt[i] > 0.0 && sum_of(x + i * cols, cols) == 0.0)
            return flow_i_fail(FLOW_ERR_VALUE, WHO ": row %lld has total %g but no non-zero entry",
                               (long long)i, rt[i]);
    for (int64_t j = 0; j < cols; j++) {
        double s = 0.0;
        for (int64_t i = 0; i < rows; i++)
            s += x[i * cols + j];
        if (ct[j] > 0.0 && s == 0.0)
            return flow_i_fail(FLOW_ERR_VALUE,
                               WHO ": column %lld has total %g but no non-zero entry", (long long)j,
                               ct[j]);
    }
    return FLOW_OK;
}

/* Scales each row of x to its target sum (rows of zeros stay zero). */
static void scale_rows(double *x, int64_t rows, int64_t cols, const double *target)
{
    for (int64_t i = 0; i < rows; i++) {
        double *row = x + i * cols, s = sum_of(row, cols);
        if (s == 0.0)
            continue;
        double f = target[i] / s;
        for (int64_t j = 0; j < cols; j++)
            row[j] *= f;
    }
}

/* Scales each column of x to its target sum; sums is cols doubles of workspace. */
static void scale_cols(double *x, int64_t rows, int64_t cols, const double *target, double *sums)
{
    memset(sums, 0, (size_t)cols * sizeof *sums);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            sums[j] += x[i * cols + j];
    for (int64_t j = 0; j < cols; j++)
        sums[j] = sums[j] > 0.0 ? target[j] / sums[j] : 0.0;
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            x[i * cols + j] *= sums[j];
}

/* Balances x in place; the margins are already checked. */
static int balance(double *x, int64_t rows, int64_t cols, const double *rt, const double *ct,
                   double tolerance, int64_t max_iterations)
{
    double *sums = flow_i_malloc(cols > 0 ? cols : 1, sizeof *sums);
    if (sums == NULL)
        return FLOW_ERR_NOMEM;
    double gap = INFINITY;
    for (int64_t it = 0; it < max_iterations && gap > tolerance; it++) {
        scale_rows(x, rows, cols, rt);
        scale_cols(x, rows, cols, ct, sums);
        /* Columns now match exactly; the rows' gap measures what is left. */
        gap = 0.0;
        for (int64_t i = 0; i < rows; i++) {
            double s = sum_of(x + i * cols, cols);
            gap = fmax(gap, fabs(s - rt[i]) / fmax(fmax(rt[i], s), 1e-300));
        }
    }
    free(sums);
    if (gap > tolerance)
        return flow_i_fail(FLOW_ERR_VALUE,
                           WHO ": no convergence in %lld rounds (largest row gap %.3g): the "
                               "totals cannot be met with the prior's zeros",
                           (long long)max_iterations, gap);
    return FLOW_OK;
}

static int balance_table(flow_table **out, flow_table *t, const double *rt, const double *ct,
                         double tolerance, int64_t max_iterations)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    /* t is this call's own fresh copy: balancing it in place mutates nothing of the caller's. */
    double *x = (double *)flow_table_values(t);
    int rc = FLOW_ERR_INVALID_ARG;
    if (!(tolerance > 0.0) || max_iterations < 1) {
        rc = flow_i_fail(rc, WHO ": tolerance %g must be > 0 and max_iterations %lld >= 1",
                         tolerance, (long long)max_iterations);
        goto fail;
    }
    if ((rc = check_margins(x, rows, cols, rt, ct)) != FLOW_OK ||
        (rc = balance(x, rows, cols, rt, ct, tolerance, max_iterations)) != FLOW_OK)
        goto fail;
    *out = t;
    return FLOW_OK;
fail:
    flow_table_free(t);
    return rc;
}

int flow_ras(flow_table **out, const flow_table *prior, const double *row_totals,
             const double *col_totals, double tolerance, int64_t max_iterations)
{
    flow_table *t = NULL;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || prior == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": out or prior is NULL");
    int64_t rows = flow_table_rows(prior), cols = flow_table_cols(prior);
    const double *p = flow_table_values(prior);
    for (int64_t k = 0; k < rows * cols; k++)
        if (!(isfinite(p[k]) && p[k] >= 0.0))
            return flow_i_fail(
                FLOW_ERR_VALUE, WHO ": prior[%s, %s] = %g is not a finite number >= 0",
                flow_table_row_label(prior, k / cols), flow_table_col_label(prior, k % cols), p[k]);
    int rc = flow_table_slice(&t, prior, 0, rows, 0, cols);
    if (rc != FLOW_OK)
        return rc;
    return balance_table(out, t, row_totals, col_totals, tolerance, max_iterations);
}

static int label_banks(flow_table *t, int64_t n, const char *const *labels)
{
    int rc = FLOW_OK;
    for (int64_t i = 0; rc == FLOW_OK && labels != NULL && i < n; i++) {
        if (labels[i] == NULL)
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "maximum entropy: labels[%lld] is NULL",
                               (long long)i);
        if ((rc = flow_table_set_row_label(t, i, labels[i], NULL)) == FLOW_OK)
            rc = flow_table_set_col_label(t, i, labels[i], NULL);
    }
    return rc;
}

int flow_exposures_max_entropy(flow_table **out, int64_t n, const char *const *labels,
                               const double *assets, const double *liabilities, double tolerance,
                               int64_t max_iterations)
{
    flow_table *t = NULL;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || n < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "maximum entropy: out is NULL or n < 0");
    int rc;
    /* The n x n table first: its size check refuses an n whose square
     * overflows before the caller's vectors are read. */
    if ((rc = flow_table_new(&t, n, n, NULL, n)) != FLOW_OK)
        return rc;
    if ((rc = flow_i_vector_in(assets, n, 0.0, INFINITY, "maximum entropy", "assets")) != FLOW_OK ||
        (rc = flow_i_vector_in(liabilities, n, 0.0, INFINITY, "maximum entropy", "liabilities")) !=
            FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    double total = sum_of(assets, n);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            if (i != j && total > 0.0)
                flow_table_set(t, i, j, assets[i] * liabilities[j] / total);
    if ((rc = label_banks(t, n, labels)) != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    return balance_table(out, t, assets, liabilities, tolerance, max_iterations);
}
