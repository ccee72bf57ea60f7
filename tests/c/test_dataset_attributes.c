/*
 * test_dataset_attributes.c - flow_dataset_attributes: the numeric
 * attributes as one labelled table (NaN where unknown), the text attributes
 * as (attribute, economy) rows, and the refusals.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

static flow_dataset *three_economies(void)
{
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            flow_labels_add(labels, (const char *[]){"CHN", "RUS", "IND"}[i], NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    flow_labels_free(labels);
    return ds;
}

static void test_numeric_and_text_tables(void **state)
{
    (void)state;
    /* IND has no row: NaN and "" for it; RUS's population is missing. */
    const char *path = flow_test_write_temp("attrs.csv", "code,gdp,name,population,group\n"
                                                         "RUS,2240,Russia,,BRICS;EAEU\n"
                                                         "CHN,17900,China,1410,BRICS\n");
    flow_dataset *ds = three_economies();
    flow_table *t = NULL;
    assert_int_equal(flow_dataset_read_attributes(ds, path, "code", 0), FLOW_OK);

    assert_int_equal(flow_dataset_attributes(&t, ds, FLOW_ATTRIBUTES_NUMERIC), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    assert_int_equal(flow_table_cols(t), 2);
    assert_string_equal(flow_table_col_label(t, 0), "gdp");
    assert_string_equal(flow_table_col_label(t, 1), "population");
    const char *codes[] = {"CHN", "RUS", "IND"};
    for (int e = 0; e < 3; e++)
        assert_string_equal(flow_table_row_label(t, e), codes[e]);
    const double *v = flow_table_values(t);
    assert_true(v[0] == 17900.0 && v[1] == 1410.0);
    assert_true(v[2] == 2240.0 && isnan(v[3]));
    assert_true(isnan(v[4]) && isnan(v[5]));
    double economies = 0.0;
    assert_int_equal(flow_table_scalar(t, "economies", &economies), FLOW_OK);
    assert_true(economies == 3.0);
    flow_table_free(t);

    assert_int_equal(flow_dataset_attributes(&t, ds, FLOW_ATTRIBUTES_TEXT), FLOW_OK);
    const char *groups[] = {"name", "name", "name", "group", "group", "group"};
    const char *texts[] = {"China", "Russia", "", "BRICS", "BRICS;EAEU", ""};
    assert_int_equal(flow_table_rows(t), 6);
    for (int i = 0; i < 6; i++) {
        assert_string_equal(flow_table_row_group(t, i), groups[i]);
        assert_string_equal(flow_table_row_label(t, i), texts[i]);
        assert_true(flow_table_values(t)[i] == (double)(i % 3));
    }
    flow_table_free(t);
    flow_dataset_free(ds);
}

static void test_empty_and_refused(void **state)
{
    (void)state;
    flow_dataset *ds = three_economies();
    flow_table *t = (flow_table *)&t;
    assert_int_equal(flow_dataset_attributes(&t, ds, FLOW_ATTRIBUTES_NUMERIC), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    assert_int_equal(flow_table_cols(t), 0);
    flow_table_free(t);
    t = (flow_table *)&t;
    assert_int_equal(flow_dataset_attributes(&t, ds, FLOW_ATTRIBUTE_PART_COUNT),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    t = (flow_table *)&t;
    assert_int_equal(flow_dataset_attributes(&t, NULL, FLOW_ATTRIBUTES_TEXT), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numeric_and_text_tables),
        cmocka_unit_test(test_empty_and_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
