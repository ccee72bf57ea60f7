/*
 * io_origin.c - where final demand is made: value added (or any satellite
 * account) of origin region r embodied in the final demand of region s, and
 * the bilateral gross trade of a multi-regional table.
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

/* Final demand totalled by owning region: n x regions, contiguous columns. */
static int final_demand_by_region(const flow_io_model *m, double *out)
{
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m),
            k = flow_i_io_final_demand_count(m);
    const double *y = flow_i_io_final_demand(m);
    memset(out, 0, (size_t)(n * regions) * sizeof *out);
    for (int64_t i = 0; i < n; i++)
        for (int64_t c = 0; c < k; c++) {
            int64_t owner = flow_i_io_final_demand_region(m, c);
            if (owner >= 0)
                out[owner * n + i] += y[i * k + c];
        }
    return FLOW_OK;
}

int flow_io_origin_matrix(flow_table **out, flow_io_model *m, const double *f, int shares)
{
    const flow_i_lu *lu = NULL;
    double *w = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m), size = 0;
    const double *x = flow_i_io_output(m);
    if (f == NULL)
        f = flow_i_io_value_added(m);
    int rc;
    if ((rc = flow_i_mul_size(n, regions, &size)) != FLOW_OK ||
        (rc = flow_i_io_leontief_lu(m, &lu)) != FLOW_OK)
        return rc;
    if ((w = flow_i_malloc(size, sizeof *w)) == NULL)
        return FLOW_ERR_NOMEM;
    /* Column s of W = L Y_s (one solve, `regions` right-hand sides). */
    final_demand_by_region(m, w);
    if ((rc = flow_i_lu_solve(lu, 0, w, regions)) != FLOW_OK ||
        (rc = flow_i_io_region_table(out, m, regions, NULL)) != FLOW_OK)
        goto done;
    double *dst = flow_i_table_values(*out);
    for (int64_t s = 0; s < regions; s++)
        for (int64_t i = 0; i < n; i++)
            dst[flow_i_io_region_of(m, i) * regions + s] +=
                f[i] * flow_i_io_inverse_output(x[i]) * w[s * n + i];
    for (int64_t s = 0; shares && s < regions; s++) {
        double total = 0.0;
        for (int64_t r = 0; r < regions; r++)
            total += dst[r * regions + s];
        for (int64_t r = 0; r < regions; r++)
            dst[r * regions + s] = total != 0.0 ? dst[r * regions + s] / total : 0.0;
    }
done:
    free(w);
    return flow_i_io_result(out, rc);
}

int flow_io_bilateral_trade(flow_table **out, const flow_io_model *m)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m),
            k = flow_i_io_final_demand_count(m);
    const double *z = flow_i_io_intermediate(m), *y = flow_i_io_final_demand(m);
    int rc = flow_i_io_region_table(out, m, regions, NULL);
    if (rc != FLOW_OK)
        return rc;
    double *dst = flow_i_table_values(*out);
    for (int64_t i = 0; i < n; i++) {
        int64_t from = flow_i_io_region_of(m, i);
        for (int64_t j = 0; j < n; j++)
            dst[from * regions + flow_i_io_region_of(m, j)] += z[i * n + j];
        for (int64_t c = 0; c < k; c++)
            if (flow_i_io_final_demand_region(m, c) >= 0)
                dst[from * regions + flow_i_io_final_demand_region(m, c)] += y[i * k + c];
    }
    for (int64_t r = 0; r < regions; r++)
        dst[r * regions + r] = 0.0;
    return FLOW_OK;
}
