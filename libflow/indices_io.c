/*
 * indices_io.c - the bridge from an IO model to the indices: look-through
 * exposure between its regions (their gross bilateral trade is
 * flow_io_bilateral_trade).
 */
#include "io_internal.h"

#include <stdlib.h>

/* Region of each of the model's n sectors (region-major blocks); caller frees. */
static int64_t *region_of_sectors(const flow_io_model *model)
{
    int64_t n = flow_i_io_order(model), per = flow_i_io_sector_count(model);
    int64_t *group = flow_i_malloc(n, sizeof *group);
    if (group == NULL)
        return NULL;
    for (int64_t k = 0; k < n; k++)
        group[k] = per > 0 ? k / per : 0;
    return group;
}

int flow_exposure_from_io_model(flow_table **out, int kind, const flow_io_model *model)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_exposure_from_io_model: model is NULL");
    int64_t n = flow_i_io_order(model), regions = flow_i_io_region_count(model);
    int64_t *group = region_of_sectors(model);
    if (group == NULL)
        return flow_last_error_code();
    int rc = flow_exposure(out, kind, flow_i_io_intermediate(model), n, flow_i_io_output(model),
                           group, regions);
    free(group);
    for (int64_t r = 0; rc == FLOW_OK && r < regions; r++) {
        const char *code = flow_i_io_region_code(model, r);
        if ((rc = flow_table_set_row_label(*out, r, code, NULL)) == FLOW_OK)
            rc = flow_table_set_col_label(*out, r, code, NULL);
    }
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
