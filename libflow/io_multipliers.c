/*
 * io_multipliers.c - output, value-added and satellite multipliers and
 * consumption- vs production-based footprints, all by transposed solves with
 * the cached LU (s' L = ((I - A)'^-1 s)').
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

static int check_vector_out(const flow_io_model *m, const double *out, int64_t len)
{
    if (m == NULL || out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model or output buffer is NULL");
    if (len < flow_io_model_order(m))
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "result has %lld entries, buffer %lld",
                           (long long)flow_io_model_order(m), (long long)len);
    return FLOW_OK;
}

int flow_io_output_multipliers(flow_io_model *m, double *out, int64_t out_len)
{
    int rc;
    const flow_i_lu *lu = NULL;
    if ((rc = check_vector_out(m, out, out_len)) != FLOW_OK ||
        (rc = flow_i_io_leontief_lu(m, &lu)) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < flow_io_model_order(m); i++)
        out[i] = 1.0;
    return flow_i_lu_solve(lu, 1, out, 1);
}

int flow_io_satellite_multipliers(flow_io_model *m, int64_t nsat, const double *f, int64_t f_stride,
                                  double *out, int64_t out_len, int64_t out_stride)
{
    int rc;
    const flow_i_lu *lu = NULL;
    if (m == NULL || f == NULL || nsat < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model or satellite accounts missing");
    int64_t n = flow_io_model_order(m);
    if (f_stride < n || (f == out && f_stride != out_stride))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "satellite stride %lld is invalid for %lld "
                           "sectors",
                           (long long)f_stride, (long long)n);
    if ((rc = flow_i_check_in_matrix(f, nsat, n, f_stride, "satellite accounts")) != FLOW_OK ||
        (rc = flow_i_check_out_matrix(out, out_len, out_stride, nsat, n)) != FLOW_OK ||
        (rc = flow_i_io_leontief_lu(m, &lu)) != FLOW_OK)
        return rc;
    /* Each account is a row of the caller's buffer, i.e. a contiguous vector:
     * write the coefficients there and solve in place. */
    const double *x = flow_io_model_output(m);
    for (int64_t q = 0; q < nsat; q++)
        for (int64_t j = 0; j < n; j++)
            out[q * out_stride + j] = f[q * f_stride + j] * flow_i_io_inverse_output(x[j]);
    return flow_i_lu_solve_ld(lu, 1, out, nsat, out_stride);
}

int flow_io_value_added_multipliers(flow_io_model *m, double *out, int64_t out_len)
{
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    return flow_io_satellite_multipliers(m, 1, flow_io_model_value_added(m), flow_io_model_order(m),
                                         out, out_len, flow_io_model_order(m));
}

int flow_io_footprints(flow_io_model *m, const double *f, double *consumption, double *production,
                       int64_t len)
{
    int rc;
    double *w = NULL;
    if (m == NULL || f == NULL || consumption == NULL || production == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "footprints need a model, an account and outputs");
    int64_t n = flow_io_model_order(m), regions = flow_io_model_region_count(m),
            k = flow_io_model_final_demand_count(m);
    if (len < regions)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "footprints have %lld regions, buffer %lld",
                           (long long)regions, (long long)len);
    if ((w = flow_i_malloc(n, sizeof *w)) == NULL)
        return FLOW_ERR_NOMEM;
    /* w = L' s, the multipliers; then s' L Y = w' Y column by column. */
    if ((rc = flow_io_satellite_multipliers(m, 1, f, n, w, n, n)) != FLOW_OK)
        goto done;
    const double *y = flow_io_model_final_demand(m);
    memset(consumption, 0, (size_t)regions * sizeof *consumption);
    memset(production, 0, (size_t)regions * sizeof *production);
    for (int64_t i = 0; i < n; i++) {
        production[flow_i_io_region_of(m, i)] += f[i];
        for (int64_t c = 0; c < k; c++) {
            int64_t owner = flow_io_model_final_demand_region(m, c);
            if (owner >= 0)
                consumption[owner] += w[i] * y[i * k + c];
        }
    }
done:
    free(w);
    return rc;
}
