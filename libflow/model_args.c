/*
 * model_args.c - argument checks and result tables of the stand-alone
 * models (see model_args.h).
 */
#include "model_args.h"

#include "linalg.h"

#include <math.h>
#include <stdlib.h>

int flow_i_square_table(const flow_table *table, double lo, const char *who, const char *what,
                        int64_t *n)
{
    if (table == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: %s table is NULL", who, what);
    int64_t rows = flow_table_rows(table), cols = flow_table_cols(table);
    if (rows != cols)
        return flow_i_fail(FLOW_ERR_DIMENSION, "%s: %s table is %lld x %lld, not square", who, what,
                           (long long)rows, (long long)cols);
    const double *v = flow_table_values(table);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            if (!(isfinite(v[i * cols + j]) && v[i * cols + j] >= lo))
                return flow_i_fail(FLOW_ERR_VALUE,
                                   "%s: %s[%s, %s] = %g is not a finite number >= %g", who, what,
                                   flow_table_row_label(table, i), flow_table_col_label(table, j),
                                   v[i * cols + j], lo);
    *n = rows;
    return FLOW_OK;
}

int flow_i_vector_in(const double *v, int64_t n, double lo, double hi, const char *who,
                     const char *what)
{
    if (v == NULL && n > 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: %s is NULL", who, what);
    for (int64_t i = 0; i < n; i++)
        if (!(isfinite(v[i]) && v[i] >= lo && v[i] <= hi))
            return flow_i_fail(FLOW_ERR_VALUE, "%s: %s[%lld] = %g is outside [%g, %g]", who, what,
                               (long long)i, v[i], lo, hi);
    return FLOW_OK;
}

int flow_i_result_table(flow_table **out, const flow_table *labels_from, int64_t rows, int64_t cols,
                        const double *values, const char *const *col_names)
{
    flow_table *t = NULL;
    int rc = flow_table_new(&t, rows, cols, values, cols);
    for (int64_t j = 0; rc == FLOW_OK && j < cols; j++)
        rc = flow_table_set_col_label(t, j, col_names[j], NULL);
    for (int64_t i = 0; rc == FLOW_OK && labels_from != NULL && i < rows; i++)
        rc = flow_table_set_row_label(t, i, flow_table_row_label(labels_from, i),
                                      flow_table_row_group(labels_from, i));
    if (rc != FLOW_OK) {
        flow_table_free(t);
        t = NULL;
    }
    *out = t;
    return rc;
}

int flow_i_rows_to_cols(flow_table *to, const flow_table *from, int64_t n)
{
    int rc = FLOW_OK;
    for (int64_t j = 0; rc == FLOW_OK && j < n; j++)
        rc = flow_table_set_col_label(to, j, flow_table_row_label(from, j),
                                      flow_table_row_group(from, j));
    return rc;
}

int flow_i_solve_identity_minus(const double *m, int64_t n, int64_t ld, double scale, int transpose,
                                double *b, const char *who)
{
    flow_i_lu *lu = NULL;
    if (n == 0)
        return FLOW_OK;
    double *work = flow_i_malloc(n * n, sizeof *work);
    if (work == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            work[i * n + j] = (i == j ? 1.0 : 0.0) - scale * m[i * ld + j];
    int rc = flow_i_lu_factor(&lu, work, n);
    if (rc == FLOW_ERR_SINGULAR)
        return flow_i_fail(rc, "%s: I - M is singular (a closed block with no leakage)", who);
    if (rc == FLOW_OK)
        rc = flow_i_lu_solve(lu, transpose, b, 1);
    flow_i_lu_free(lu);
    return rc;
}
