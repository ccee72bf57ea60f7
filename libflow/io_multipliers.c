/*
 * io_multipliers.c - output, value-added and satellite multipliers and
 * consumption- vs production-based footprints, all by transposed solves with
 * the cached LU (s' L = ((I - A)'^-1 s)').
 */
#include "io_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int flow_i_io_output_multipliers(flow_io_model *m, double *out)
{
    const flow_i_lu *lu = NULL;
    int rc = flow_i_io_leontief_lu(m, &lu);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < flow_i_io_order(m); i++)
        out[i] = 1.0;
    return flow_i_lu_solve(lu, 1, out, 1);
}

int flow_i_io_satellite_multipliers(flow_io_model *m, int64_t nsat, const double *f,
                                    int64_t f_stride, double *out, int64_t out_stride)
{
    const flow_i_lu *lu = NULL;
    int rc = flow_i_io_leontief_lu(m, &lu);
    if (rc != FLOW_OK)
        return rc;
    /* Each account is a row of out, i.e. a contiguous vector: write the
     * coefficients there and solve in place. */
    int64_t n = flow_i_io_order(m);
    const double *x = flow_i_io_output(m);
    for (int64_t q = 0; q < nsat; q++)
        for (int64_t j = 0; j < n; j++)
            out[q * out_stride + j] = f[q * f_stride + j] * flow_i_io_inverse_output(x[j]);
    return flow_i_lu_solve_ld(lu, 1, out, nsat, out_stride);
}

/* Names the multiplier columns 2.. after the satellite rows ("satellite_q" when unlabelled). */
static int name_satellites(flow_table *t, const flow_table *satellites)
{
    int rc = FLOW_OK;
    char name[32];
    for (int64_t q = 0; rc == FLOW_OK && q < flow_table_rows(satellites); q++) {
        const char *label = flow_table_row_label(satellites, q);
        if (label[0] == '\0') {
            snprintf(name, sizeof name, "satellite_%lld", (long long)q);
            label = name;
        }
        rc = flow_table_set_col_label(t, 2 + q, label, NULL);
    }
    return rc;
}

/* Writes column `col` of the n x cols table t from a contiguous vector. */
static void put_column(flow_table *t, int64_t col, const double *v)
{
    double *dst = flow_i_table_values(t);
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    for (int64_t i = 0; i < rows; i++)
        dst[i * cols + col] = v[i];
}

int flow_io_multipliers(flow_table **out, flow_io_model *m, const flow_table *satellites)
{
    static const char *const names[] = {"output", "value_added"};
    double *w = NULL;
    int64_t size = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m);
    int64_t nsat = satellites != NULL ? flow_table_rows(satellites) : 0;
    if (satellites != NULL && flow_table_cols(satellites) != n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "satellite accounts have %lld columns for %lld sectors",
                           (long long)flow_table_cols(satellites), (long long)n);
    int rc = flow_i_mul_size(nsat + 2, n, &size);
    if (rc == FLOW_OK && nsat > 0)
        rc =
            flow_i_check_in_matrix(flow_table_values(satellites), nsat, n, n, "satellite accounts");
    if (rc != FLOW_OK)
        return rc;
    /* Row 0 of w: output multipliers; row 1: value added; rows 2..: satellites. */
    if ((w = flow_i_malloc(size, sizeof *w)) == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = flow_i_io_output_multipliers(m, w)) == FLOW_OK)
        rc = flow_i_io_satellite_multipliers(m, 1, flow_i_io_value_added(m), n, w + n, n);
    if (rc == FLOW_OK && nsat > 0)
        rc = flow_i_io_satellite_multipliers(m, nsat, flow_table_values(satellites), n, w + 2 * n,
                                             n);
    if (rc == FLOW_OK && (rc = flow_table_new(out, n, nsat + 2, NULL, nsat + 2)) == FLOW_OK) {
        rc = flow_i_io_label_rows(*out, m);
        for (int64_t c = 0; rc == FLOW_OK && c < 2; c++)
            rc = flow_table_set_col_label(*out, c, names[c], NULL);
        if (rc == FLOW_OK && satellites != NULL)
            rc = name_satellites(*out, satellites);
        for (int64_t c = 0; rc == FLOW_OK && c < nsat + 2; c++)
            put_column(*out, c, w + c * n);
    }
    free(w);
    return flow_i_io_result(out, rc);
}

int flow_io_footprints(flow_table **out, flow_io_model *m, const double *f)
{
    static const char *const names[] = {"consumption", "production"};
    double *w = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (m == NULL || f == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "footprints need a model and an account");
    int64_t n = flow_i_io_order(m), k = flow_i_io_final_demand_count(m);
    int rc = flow_i_io_region_table(out, m, 2, names);
    if (rc != FLOW_OK)
        return rc;
    if ((w = flow_i_malloc(n, sizeof *w)) == NULL)
        return flow_i_io_result(out, FLOW_ERR_NOMEM);
    /* w = L' s, the multipliers; then s' L Y = w' Y column by column. */
    if ((rc = flow_i_io_satellite_multipliers(m, 1, f, n, w, n)) == FLOW_OK) {
        const double *y = flow_i_io_final_demand(m);
        double *dst = flow_i_table_values(*out);
        for (int64_t i = 0; i < n; i++) {
            dst[flow_i_io_region_of(m, i) * 2 + 1] += f[i];
            for (int64_t c = 0; c < k; c++) {
                int64_t owner = flow_i_io_final_demand_region(m, c);
                if (owner >= 0)
                    dst[owner * 2] += w[i] * y[i * k + c];
            }
        }
    }
    free(w);
    return flow_i_io_result(out, rc);
}
