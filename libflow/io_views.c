/*
 * io_views.c - what a caller reads of an IO model: borrowed views of the
 * data it holds (Z, Y, x, v, y), its labels as tables, and the derived
 * matrices A, B, L, G as labelled tables (the shape of every IO result).
 */
#include "io_internal.h"

const double *flow_io_model_view(const flow_io_model *model, int part, int64_t *rows, int64_t *cols)
{
    int64_t r = 0, c = 0;
    const double *data = NULL;
    if (model == NULL)
        flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    else if (part < 0 || part >= FLOW_IO_PART_COUNT)
        flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown model part %d", part);
    else {
        r = flow_i_io_order(model);
        c = 1;
        switch (part) {
            case FLOW_IO_INTERMEDIATE:
                data = flow_i_io_intermediate(model), c = r;
                break;
            case FLOW_IO_FINAL_DEMAND:
                data = flow_i_io_final_demand(model), c = flow_i_io_final_demand_count(model);
                break;
            case FLOW_IO_OUTPUT:
                data = flow_i_io_output(model);
                break;
            case FLOW_IO_VALUE_ADDED:
                data = flow_i_io_value_added(model);
                break;
            default:
                data = flow_i_io_final_demand_total(model);
                break;
        }
    }
    if (rows != NULL)
        *rows = r;
    if (cols != NULL)
        *cols = c;
    return data;
}

/* The shape scalars both label tables carry. */
static int set_shape(flow_table *t, const flow_io_model *m)
{
    int rc = flow_table_set_scalar(t, "order", (double)flow_i_io_order(m));
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "regions", (double)flow_i_io_region_count(m));
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "sectors", (double)flow_i_io_sector_count(m));
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "final_demand_columns",
                                   (double)flow_i_io_final_demand_count(m));
    return rc;
}

static int node_labels(flow_table **out, const flow_io_model *m)
{
    static const char *const names[] = {"region", "sector"};
    int64_t n = flow_i_io_order(m), sectors = flow_i_io_sector_count(m);
    int rc = flow_i_table_new_columns(out, n, 2, names);
    double *cells = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        int64_t r = flow_i_io_region_of(m, i);
        cells[2 * i] = (double)r;
        cells[2 * i + 1] = (double)(i % sectors);
        rc = flow_table_set_row_label(*out, i, flow_i_io_sector_code(m, i % sectors),
                                      flow_i_io_region_code(m, r));
    }
    return rc;
}

static int final_demand_labels(flow_table **out, const flow_io_model *m)
{
    static const char *const names[] = {"region"};
    int64_t k = flow_i_io_final_demand_count(m);
    int rc = flow_i_table_new_columns(out, k, 1, names);
    double *cells = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t c = 0; rc == FLOW_OK && c < k; c++) {
        int64_t owner = flow_i_io_final_demand_region(m, c);
        cells[c] = (double)owner;
        rc = flow_table_set_row_label(*out, c, flow_i_io_final_demand_label(m, c),
                                      owner >= 0 ? flow_i_io_region_code(m, owner) : "");
    }
    return rc;
}

int flow_io_model_labels(flow_table **out, const flow_io_model *model, int part)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (part == FLOW_IO_LABEL_NODES)
        rc = node_labels(out, model);
    else if (part == FLOW_IO_LABEL_FINAL_DEMAND)
        rc = final_demand_labels(out, model);
    else
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown label part %d", part);
    if (rc == FLOW_OK)
        rc = set_shape(*out, model);
    return flow_i_io_result(out, rc);
}

int flow_io_model_matrix(flow_table **out, const flow_io_model *model, int which)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (which < 0 || which >= FLOW_IO_MATRIX_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown model matrix %d", which);
    int64_t n = flow_i_io_order(model);
    if ((rc = flow_table_new(out, n, n, NULL, n)) != FLOW_OK)
        return flow_i_io_result(out, rc);
    /* Formed directly in the table: no n x n temporary beside it. */
    double *dst = flow_i_table_values(*out);
    switch (which) {
        case FLOW_IO_TECHNICAL:
            rc = flow_i_io_copy_technical(model, dst, n * n, n);
            break;
        case FLOW_IO_ALLOCATION:
            rc = flow_i_io_copy_allocation(model, dst, n * n, n);
            break;
        case FLOW_IO_LEONTIEF:
            rc = flow_i_io_leontief_inverse(model, dst, n * n, n);
            break;
        default:
            rc = flow_i_io_ghosh_inverse(model, dst, n * n, n);
            break;
    }
    if (rc == FLOW_OK && (rc = flow_i_io_label_rows(*out, model)) == FLOW_OK)
        rc = flow_i_io_label_cols(*out, model);
    return flow_i_io_result(out, rc);
}
