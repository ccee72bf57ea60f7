/*
 * io_influence.c - fields of influence, the multiplier product matrix and
 * the Sherman-Morrison effect of one coefficient change (formulas in
 * include/libflow/io_structure.h). Only columns and rows of L are solved for;
 * L itself is never formed.
 */
#include "va_internal.h"

#include <stdlib.h>
#include <string.h>

static int check_cell(const flow_io_model *m, int64_t i, int64_t j)
{
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m);
    if (i < 0 || i >= n || j < 0 || j >= n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "coefficient (%lld, %lld) is outside 0..%lld",
                           (long long)i, (long long)j, (long long)n - 1);
    return FLOW_OK;
}

/* col = L e_i (column i of L), row = L' e_j (row j of L). */
static int column_and_row(flow_io_model *m, int64_t i, int64_t j, double *col, double *row)
{
    const flow_i_lu *lu = NULL;
    int64_t n = flow_i_io_order(m);
    int rc = flow_i_io_leontief_lu(m, &lu);
    if (rc != FLOW_OK)
        return rc;
    memset(col, 0, (size_t)n * sizeof *col);
    memset(row, 0, (size_t)n * sizeof *row);
    col[i] = 1.0;
    row[j] = 1.0;
    if ((rc = flow_i_lu_solve(lu, 0, col, 1)) != FLOW_OK)
        return rc;
    return flow_i_lu_solve(lu, 1, row, 1);
}

/* A labelled n x n table of scale * u v'. */
static int outer_table(flow_table **out, const flow_io_model *m, const double *u, const double *v,
                       double scale)
{
    int64_t n = flow_i_io_order(m), nn = 0;
    int rc = flow_i_mul_size(n, n, &nn);
    double *t = rc == FLOW_OK ? flow_i_malloc(nn, sizeof *t) : NULL;
    if (t == NULL)
        return rc != FLOW_OK ? rc : FLOW_ERR_NOMEM;
    for (int64_t p = 0; p < n; p++)
        for (int64_t q = 0; q < n; q++)
            t[p * n + q] = scale * u[p] * v[q];
    rc = flow_table_new(out, n, n, t, n);
    free(t);
    for (int64_t q = 0; q < n && rc == FLOW_OK; q++) {
        char region[128], sector[128];
        flow_i_va_region_name(m, q / flow_i_io_sector_count(m), region, sizeof region);
        flow_i_va_sector_name(m, q % flow_i_io_sector_count(m), sector, sizeof sector);
        rc = flow_table_set_col_label(*out, q, sector, region);
    }
    return rc == FLOW_OK ? flow_i_va_label_nodes(*out, m) : rc;
}

/* Frees *out and clears it when rc reports a failure; returns rc. */
static int settle(flow_table **out, int rc)
{
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_io_field_of_influence(flow_table **out, flow_io_model *m, int64_t i, int64_t j)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if ((rc = check_cell(m, i, j)) != FLOW_OK)
        return rc;
    int64_t n = flow_i_io_order(m);
    double *col = flow_i_malloc(2 * n, sizeof *col);
    if (col == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = column_and_row(m, i, j, col, col + n)) == FLOW_OK)
        rc = outer_table(out, m, col, col + n, 1.0);
    free(col);
    return settle(out, rc);
}

int flow_io_multiplier_product(flow_table **out, flow_io_model *m)
{
    int rc;
    const flow_i_lu *lu = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m);
    double *sums = flow_i_malloc(2 * n, sizeof *sums), total = 0.0;
    if (sums == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t k = 0; k < 2 * n; k++)
        sums[k] = 1.0;
    /* forward f = L 1 (first n), backward b = L' 1 (last n) */
    if ((rc = flow_i_io_leontief_lu(m, &lu)) == FLOW_OK &&
        (rc = flow_i_lu_solve(lu, 0, sums, 1)) == FLOW_OK &&
        (rc = flow_i_lu_solve(lu, 1, sums + n, 1)) == FLOW_OK) {
        for (int64_t k = 0; k < n; k++)
            total += sums[k];
        rc = total != 0.0 ? outer_table(out, m, sums, sums + n, 1.0 / total)
                          : flow_i_fail(FLOW_ERR_SINGULAR, "the Leontief inverse sums to 0");
    }
    free(sums);
    return settle(out, rc);
}

int flow_io_coefficient_change(flow_table **out, flow_io_model *m, int64_t i, int64_t j,
                               double delta)
{
    int rc;
    static const char *const names[3] = {"output", "output_new", "change"};
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if ((rc = check_cell(m, i, j)) != FLOW_OK)
        return rc;
    int64_t n = flow_i_io_order(m);
    double *col = flow_i_malloc(2 * n, sizeof *col), *t = flow_i_malloc(3 * n, sizeof *t);
    if (col == NULL || t == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = column_and_row(m, i, j, col, col + n)) != FLOW_OK)
        goto done;
    double pivot = 1.0 - delta * col[j], ly = 0.0;
    const double *y = flow_i_io_final_demand_total(m);
    if (pivot == 0.0) {
        rc = flow_i_fail(FLOW_ERR_SINGULAR, "a_ij + %g makes I - A singular (1 - delta l_ji = 0)",
                         delta);
        goto done;
    }
    if (pivot < 0.0) {
        rc = flow_i_fail(FLOW_ERR_NOT_PRODUCTIVE,
                         "a_ij + %g makes the system unproductive (1 - delta l_ji = %g < 0)", delta,
                         pivot);
        goto done;
    }
    /* x = L y, and L_j. y for the update. */
    for (int64_t k = 0; k < n; k++)
        ly += col[n + k] * y[k];
    memcpy(t, y, (size_t)n * sizeof *t);
    if ((rc = flow_io_model_leontief_solve(m, 1, t, 1, t, n, 1)) != FLOW_OK)
        goto done;
    /* Spread x from the end: t[3k..3k+2] lies past every t[k'] still unread. */
    for (int64_t k = n - 1; k >= 0; k--) {
        double x = t[k], change = delta * ly / pivot * col[k];
        t[3 * k] = x;
        t[3 * k + 1] = x + change;
        t[3 * k + 2] = change;
    }
    if ((rc = flow_table_new(out, n, 3, t, 3)) == FLOW_OK &&
        (rc = flow_i_va_label_nodes(*out, m)) == FLOW_OK)
        rc = flow_i_va_name_columns(*out, names, 3);
done:
    free(col);
    free(t);
    return settle(out, rc);
}
