/*
 * io_results.c - the shapes of IO analysis results: tables whose rows are
 * the model's nodes (region x sector, or economies of a country system) or
 * whose rows and columns are its regions, labelled once here so that every
 * analysis names its rows the same way.
 */
#include "io_internal.h"

int flow_i_io_node_table(flow_table **out, const flow_io_model *m, int64_t cols,
                         const char *const *names)
{
    int rc = flow_i_table_new_columns(out, flow_i_io_order(m), cols, names);
    if (rc == FLOW_OK && (rc = flow_i_io_label_rows(*out, m)) != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_i_io_region_table(flow_table **out, const flow_io_model *m, int64_t cols,
                           const char *const *names)
{
    int64_t regions = flow_i_io_region_count(m);
    int rc = names != NULL ? flow_i_table_new_columns(out, regions, cols, names)
                           : flow_table_new(out, regions, regions, NULL, regions);
    for (int64_t r = 0; rc == FLOW_OK && r < regions; r++) {
        const char *code = flow_i_io_region_code(m, r);
        if ((rc = flow_table_set_row_label(*out, r, code, NULL)) == FLOW_OK && names == NULL)
            rc = flow_table_set_col_label(*out, r, code, NULL);
    }
    return flow_i_io_result(out, rc);
}

int flow_i_io_result(flow_table **out, int rc)
{
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
