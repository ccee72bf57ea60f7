/*
 * indices_io.c - the bridge from an IO model to the indices: look-through
 * exposure between its regions and the gross bilateral trade it implies.
 */
#include "internal.h"

#include <stdlib.h>

/* Region of each of the model's n sectors (region-major blocks); caller frees. */
static int64_t *region_of_sectors(const flow_io_model *model)
{
    int64_t n = flow_io_model_order(model), per = flow_io_model_sector_count(model);
    int64_t *group = flow_i_malloc(n, sizeof *group);
    if (group == NULL)
        return NULL;
    for (int64_t k = 0; k < n; k++)
        group[k] = per > 0 ? k / per : 0;
    return group;
}

int flow_exposure_from_io_model(double *dst, int64_t dst_len, int64_t dst_row_stride, int kind,
                                const flow_io_model *model)
{
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_exposure_from_io_model: model is NULL");
    int64_t n = flow_io_model_order(model);
    int64_t *group = region_of_sectors(model);
    if (group == NULL)
        return flow_last_error_code();
    int rc =
        flow_exposure(dst, dst_len, dst_row_stride, kind, flow_io_model_intermediate(model), n, n,
                      flow_io_model_output(model), group, flow_io_model_region_count(model));
    free(group);
    return rc;
}

int flow_trade_from_io_model(double *dst, int64_t dst_len, int64_t dst_row_stride,
                             const flow_io_model *model)
{
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_trade_from_io_model: model is NULL");
    int64_t n = flow_io_model_order(model), k = flow_io_model_final_demand_count(model);
    int64_t g = flow_io_model_region_count(model);
    int rc = flow_i_check_out_matrix(dst, dst_len, dst_row_stride, g, g);
    if (rc != FLOW_OK)
        return rc;
    int64_t *group = region_of_sectors(model);
    if (group == NULL)
        return flow_last_error_code();
    const double *z = flow_io_model_intermediate(model), *y = flow_io_model_final_demand(model);
    for (int64_t r = 0; r < g; r++)
        for (int64_t s = 0; s < g; s++)
            dst[r * dst_row_stride + s] = 0.0;
    for (int64_t i = 0; i < n; i++) {
        double *row = dst + group[i] * dst_row_stride;
        for (int64_t j = 0; j < n; j++)
            row[group[j]] += z[i * n + j];
        for (int64_t c = 0; c < k; c++) {
            int64_t owner = flow_io_model_final_demand_region(model, c);
            if (owner >= 0)
                row[owner] += y[i * k + c];
        }
    }
    free(group);
    return FLOW_OK;
}
