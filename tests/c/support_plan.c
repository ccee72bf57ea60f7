/*
 * support_plan.c - reading a scenario through its plan table
 * (flow_scenario_plan), for the tests that check what a scenario holds.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static flow_table *plan_of(const flow_scenario *s, const char *layer, const char *product)
{
    flow_shock_options *o = NULL;
    flow_table *t = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "layer", layer ? layer : ""), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "product", product ? product : ""), FLOW_OK);
    assert_int_equal(flow_scenario_plan(&t, s, NULL, o), FLOW_OK);
    flow_shock_options_free(o);
    return t;
}

double flow_test_plan_cell(const flow_scenario *s, const char *label, const char *group,
                           const char *column)
{
    flow_table *t = plan_of(s, NULL, NULL);
    int64_t row = -1, col = -1;
    double v = NAN;
    assert_int_equal(flow_table_find_col(t, column, NULL, &col), FLOW_OK);
    if (flow_table_find_row(t, label, group, &row) == FLOW_OK)
        v = flow_table_values(t)[row * flow_table_cols(t) + col];
    flow_table_free(t);
    return v;
}

double flow_test_plan_rate(const flow_scenario *s, const char *layer, const char *product,
                           const char *column)
{
    char key[256];
    flow_table *t = plan_of(s, layer, product);
    int64_t row = -1, col = -1;
    snprintf(key, sizeof key, "%s:%s", layer && *layer ? layer : "*",
             product && *product ? product : "*");
    assert_int_equal(flow_table_find_col(t, column, NULL, &col), FLOW_OK);
    assert_int_equal(flow_table_find_row(t, key, "layer", &row), FLOW_OK);
    double v = flow_table_values(t)[row * flow_table_cols(t) + col];
    flow_table_free(t);
    return v;
}

double flow_test_plan_scalar(const flow_scenario *s, const char *name)
{
    flow_table *t = plan_of(s, NULL, NULL);
    double v = NAN;
    assert_int_equal(flow_table_scalar(t, name, &v), FLOW_OK);
    flow_table_free(t);
    return v;
}

int64_t flow_test_plan_count(const flow_scenario *s, const char *group)
{
    flow_table *t = plan_of(s, NULL, NULL);
    int64_t count = 0;
    for (int64_t r = 0; r < flow_table_rows(t); r++)
        count += strcmp(flow_table_row_group(t, r), group) == 0;
    flow_table_free(t);
    return count;
}
