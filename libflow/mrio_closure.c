/*
 * mrio_closure.c - type II multipliers: each region's households closed into
 * the model (Miller & Blair 2009, sec. 6.1).
 *
 * The closed matrix is [[A, Hc], [hr, 0]] with Hc (n x regions) the household
 * consumption of each region per unit of its labour income and hr (regions x
 * n) the labour income per unit of output. Column sums over the industry rows
 * of its Leontief inverse solve ((I - A) - Hc hr)' z = 1 - a rank-regions
 * update of the cached LU of I - A (Woodbury), not a new factorisation.
 */
#include "io_internal.h"
#include "mrio_internal.h"

#include <stdlib.h>
#include <string.h>

/* Labour income per sector: row `income_row` of factor_inputs, or all its rows. */
static int labour_income(const flow_mrio *mrio, const char *income_row, double *w)
{
    int64_t e = -1, n = flow_i_io_order(mrio->model), row = -1;
    const flow_table *f = NULL;
    int whole = income_row == NULL || income_row[0] == '\0';
    if (flow_mrio_find_extension(mrio, "factor_inputs", &e) != FLOW_OK) {
        if (!whole)
            return flow_i_fail(FLOW_ERR_NOT_FOUND,
                               "the table has no factor inputs to find "
                               "labour income row '%s' in",
                               income_row);
        memcpy(w, flow_i_io_value_added(mrio->model), (size_t)n * sizeof *w);
        return FLOW_OK;
    }
    flow_mrio_extension(mrio, e, NULL, &f, NULL);
    if (!whole && flow_table_find_row(f, income_row, NULL, &row) != FLOW_OK)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "no factor-input row '%s'", income_row);
    memset(w, 0, (size_t)n * sizeof *w);
    for (int64_t i = 0; i < flow_table_rows(f); i++)
        for (int64_t j = 0; (whole || i == row) && j < n; j++)
            w[j] += flow_table_values(f)[i * n + j];
    return FLOW_OK;
}

/* U (regions vectors of n): region r's household consumption per unit of its labour income. */
static int household_columns(flow_io_model *model, const char *category, const double *w, double *u)
{
    int64_t n = flow_i_io_order(model), k = flow_i_io_final_demand_count(model),
            regions = flow_i_io_region_count(model), found = 0;
    const double *y = flow_i_io_final_demand(model);
    for (int64_t c = 0; c < k; c++) {
        int64_t r = flow_i_io_final_demand_region(model, c);
        if (r < 0 || strcmp(flow_i_io_final_demand_label(model, c), category) != 0)
            continue;
        found++;
        for (int64_t i = 0; i < n; i++)
            u[r * n + i] += y[i * k + c];
    }
    if (found == 0)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "no final-demand category '%s'", category);
    for (int64_t r = 0; r < regions; r++) {
        double income = 0.0;
        for (int64_t j = 0; j < n; j++)
            income += flow_i_io_region_of(model, j) == r ? w[j] : 0.0;
        for (int64_t i = 0; i < n; i++)
            u[r * n + i] = income > 0.0 ? u[r * n + i] / income : 0.0;
    }
    return FLOW_OK;
}

static int closed_multipliers(flow_mrio *mrio, const char *category, const char *income_row,
                              double *type_ii)
{
    flow_io_model *model = mrio->model;
    int64_t n = flow_i_io_order(model), regions = flow_i_io_region_count(model);
    const flow_i_lu *lu = NULL;
    flow_i_lowrank *lr = NULL;
    double *w = flow_i_malloc(n, sizeof *w), *u = flow_i_calloc(regions * n, sizeof *u),
           *v = flow_i_calloc(regions * n, sizeof *v);
    int rc = w != NULL && u != NULL && v != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && (rc = labour_income(mrio, income_row, w)) == FLOW_OK &&
        (rc = household_columns(model, category, w, u)) == FLOW_OK)
        rc = flow_i_io_leontief_lu(model, &lu);
    if (rc == FLOW_OK) {
        const double *xinv = flow_i_io_inverse_outputs(model);
        for (int64_t j = 0; j < n; j++)
            v[flow_i_io_region_of(model, j) * n + j] = -w[j] * xinv[j];
        rc = flow_i_lowrank_new(&lr, lu, u, v, regions); /* takes u and v */
        u = v = NULL;
    }
    for (int64_t j = 0; rc == FLOW_OK && j < n; j++)
        type_ii[j] = 1.0;
    if (rc == FLOW_OK)
        rc = flow_i_lowrank_solve(lr, 1, type_ii, 1);
    flow_i_lowrank_free(lr);
    free(w);
    free(u);
    free(v);
    return rc;
}

int flow_mrio_type_ii_multipliers(flow_table **out, flow_mrio *mrio, const char *household_category,
                                  const char *income_row)
{
    static const char *const names[] = {"type_i", "type_ii", "ratio"};
    flow_table *t = NULL;
    double *one = NULL, *two = NULL;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (mrio == NULL || household_category == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "type II multipliers need a handle and the "
                                                 "households' final-demand category");
    flow_io_model *model = mrio->model;
    int64_t n = flow_i_io_order(model), sectors = flow_i_io_sector_count(model);
    one = flow_i_malloc(n, sizeof *one);
    two = flow_i_malloc(n, sizeof *two);
    if (one == NULL || two == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = flow_i_io_output_multipliers(model, one)) != FLOW_OK ||
        (rc = closed_multipliers(mrio, household_category, income_row, two)) != FLOW_OK ||
        (rc = flow_table_new(&t, n, 3, NULL, 3)) != FLOW_OK)
        goto done;
    double *cells = flow_i_table_cells(t);
    for (int64_t j = 0; j < n; j++) {
        cells[j * 3] = one[j];
        cells[j * 3 + 1] = two[j];
        cells[j * 3 + 2] = one[j] != 0.0 ? two[j] / one[j] : 0.0;
    }
    for (int64_t c = 0; rc == FLOW_OK && c < 3; c++)
        rc = flow_table_set_col_label(t, c, names[c], NULL);
    for (int64_t j = 0; rc == FLOW_OK && j < n; j++)
        rc = flow_table_set_row_label(t, j, flow_i_io_sector_code(model, j % sectors),
                                      flow_i_io_region_code(model, j / sectors));
done:
    free(one);
    free(two);
    if (rc != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    *out = t;
    return FLOW_OK;
}
