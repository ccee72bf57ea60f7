/*
 * support_attributes.c - a dataset's attributes as the tests read them,
 * through flow_dataset_attributes (its own file of the support library).
 */
#include "support.h"

#include <libflow.h>
#include <string.h>

static flow_table *attributes(const flow_dataset *ds, int part)
{
    flow_table *t = NULL;
    assert_int_equal(flow_dataset_attributes(&t, ds, part), FLOW_OK);
    return t;
}

int64_t flow_test_attribute_count(const flow_dataset *ds)
{
    flow_table *t = attributes(ds, FLOW_ATTRIBUTES_NUMERIC);
    int64_t count = flow_table_cols(t);
    flow_table_free(t);
    return count;
}

const char *flow_test_attribute_name(const flow_dataset *ds, int64_t i)
{
    flow_table *t = attributes(ds, FLOW_ATTRIBUTES_NUMERIC);
    const char *name = flow_table_col_label(t, i);
    name = name != NULL ? flow_test_intern(name) : NULL;
    flow_table_free(t);
    return name;
}

int flow_test_attribute(const flow_dataset *ds, const char *name, double *dst, int64_t len)
{
    flow_table *t = attributes(ds, FLOW_ATTRIBUTES_NUMERIC);
    int64_t col = 0, n = flow_table_rows(t);
    int rc = flow_table_find_col(t, name, NULL, &col);
    if (rc == FLOW_OK && len < n)
        rc = FLOW_ERR_BUFFER_TOO_SMALL;
    for (int64_t e = 0; rc == FLOW_OK && e < n; e++)
        dst[e] = flow_table_values(t)[e * flow_table_cols(t) + col];
    flow_table_free(t);
    return rc;
}

/* Text attributes: the distinct row groups of the text table, in order. */
int64_t flow_test_text_attribute_count(const flow_dataset *ds)
{
    flow_table *t = attributes(ds, FLOW_ATTRIBUTES_TEXT);
    double n = 0.0;
    assert_int_equal(flow_table_scalar(t, "economies", &n), FLOW_OK);
    int64_t count = n > 0.0 ? flow_table_rows(t) / (int64_t)n : 0;
    flow_table_free(t);
    return count;
}

const char *flow_test_text_attribute_name(const flow_dataset *ds, int64_t i)
{
    flow_table *t = attributes(ds, FLOW_ATTRIBUTES_TEXT);
    double n = 0.0;
    assert_int_equal(flow_table_scalar(t, "economies", &n), FLOW_OK);
    const char *name = flow_table_row_group(t, i * (int64_t)n);
    name = name != NULL ? flow_test_intern(name) : NULL;
    flow_table_free(t);
    return name;
}

const char *flow_test_text_attribute(const flow_dataset *ds, const char *name, int64_t economy)
{
    flow_table *t = attributes(ds, FLOW_ATTRIBUTES_TEXT);
    double n = 0.0;
    const char *text = NULL;
    assert_int_equal(flow_table_scalar(t, "economies", &n), FLOW_OK);
    for (int64_t row = 0; economy >= 0 && economy < (int64_t)n && row < flow_table_rows(t);
         row += (int64_t)n)
        if (strcmp(flow_table_row_group(t, row), name) == 0) {
            text = flow_test_intern(flow_table_row_label(t, row + economy));
            break;
        }
    flow_table_free(t);
    return text;
}
