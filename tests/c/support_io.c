/*
 * support_io.c - the sizes, codes and matrices of an IO model as the tests
 * read them, through flow_io_model_labels, _view and _matrix (its own file
 * of the support library, as support_mrio.c).
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>

/* Value of a shape scalar of the model's node labels. */
static int64_t shape(const flow_io_model *m, const char *name)
{
    flow_table *t = NULL;
    double value = -1.0;
    assert_int_equal(flow_io_model_labels(&t, m, FLOW_IO_LABEL_NODES), FLOW_OK);
    assert_int_equal(flow_table_scalar(t, name, &value), FLOW_OK);
    flow_table_free(t);
    return (int64_t)value;
}

int64_t flow_test_io_order(const flow_io_model *m)
{
    return shape(m, "order");
}

int64_t flow_test_io_region_count(const flow_io_model *m)
{
    return shape(m, "regions");
}

int64_t flow_test_io_sector_count(const flow_io_model *m)
{
    return shape(m, "sectors");
}

int64_t flow_test_io_final_demand_count(const flow_io_model *m)
{
    return shape(m, "final_demand_columns");
}

/* A label (group when group is set) of row `row` of a label table, interned. */
static const char *label(const flow_io_model *m, int part, int64_t row, int group)
{
    flow_table *t = NULL;
    assert_int_equal(flow_io_model_labels(&t, m, part), FLOW_OK);
    const char *text = group ? flow_table_row_group(t, row) : flow_table_row_label(t, row);
    assert_non_null(text);
    text = flow_test_intern(text);
    flow_table_free(t);
    return text;
}

const char *flow_test_io_region_code(const flow_io_model *m, int64_t r)
{
    return label(m, FLOW_IO_LABEL_NODES, r * flow_test_io_sector_count(m), 1);
}

const char *flow_test_io_sector_code(const flow_io_model *m, int64_t s)
{
    return label(m, FLOW_IO_LABEL_NODES, s, 0);
}

const char *flow_test_io_final_demand_label(const flow_io_model *m, int64_t c)
{
    return label(m, FLOW_IO_LABEL_FINAL_DEMAND, c, 0);
}

int64_t flow_test_io_final_demand_region(const flow_io_model *m, int64_t c)
{
    flow_table *t = NULL;
    assert_int_equal(flow_io_model_labels(&t, m, FLOW_IO_LABEL_FINAL_DEMAND), FLOW_OK);
    int64_t owner = (int64_t)flow_table_values(t)[c];
    flow_table_free(t);
    return owner;
}

const double *flow_test_io_view(const flow_io_model *m, int part)
{
    return flow_io_model_view(m, part, NULL, NULL);
}

int flow_test_io_matrix(const flow_io_model *m, int which, double *dst, int64_t dst_len,
                        int64_t row_stride)
{
    flow_table *t = NULL;
    int rc = flow_io_model_matrix(&t, m, which);
    if (rc == FLOW_OK)
        rc = flow_table_copy_to(t, dst, dst_len, row_stride);
    flow_table_free(t);
    return rc;
}
