/*
 * test_table.c - the labelled dense matrix: copies in and out with strides,
 * labels and groups, lookup, slicing, and the error paths.
 */
#include "support.h"

#include <libflow.h>
#include <string.h>

static void test_copies_input_with_stride(void **state)
{
    (void)state;
    /* 2 x 3 values inside rows of 4 (the last element of each row is padding). */
    double in[8] = {1, 2, 3, -1, 4, 5, 6, -1};
    flow_table *t = NULL;
    assert_int_equal(flow_table_new(&t, 2, 3, in, 4), FLOW_OK);
    in[0] = 99; /* the table holds its own copy */
    const double *v = flow_table_values(t);
    assert_true(v[0] == 1 && v[2] == 3 && v[3] == 4 && v[5] == 6);
    double out[10] = {0};
    assert_int_equal(flow_table_copy_to(t, out, 10, 5), FLOW_OK);
    assert_true(out[0] == 1 && out[2] == 3 && out[5] == 4 && out[7] == 6 && out[4] == 0);
    assert_int_equal(flow_table_copy_to(t, out, 7, 5), FLOW_ERR_BUFFER_TOO_SMALL);
    assert_non_null(strstr(flow_last_error(), "needs 8"));
    flow_table_free(t);
}

static void test_labels_groups_and_lookup(void **state)
{
    (void)state;
    flow_table *t = NULL;
    assert_int_equal(flow_table_new(&t, 4, 2, NULL, 0), FLOW_OK);
    assert_string_equal(flow_table_row_label(t, 0), "");
    assert_null(flow_table_row_label(t, 4));
    const char *regions[4] = {"CHN", "CHN", "RUS", "RUS"};
    const char *sectors[4] = {"energy", "manuf", "energy", "manuf"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(flow_table_set_row_label(t, i, sectors[i], regions[i]), FLOW_OK);
    int64_t index = -1;
    assert_int_equal(flow_table_find_row(t, "energy", "RUS", &index), FLOW_OK);
    assert_int_equal(index, 2);
    assert_int_equal(flow_table_find_row(t, "manuf", NULL, &index), FLOW_OK);
    assert_int_equal(index, 1);
    assert_int_equal(flow_table_find_row(t, "energy", "IRN", &index), FLOW_ERR_NOT_FOUND);
    assert_non_null(strstr(flow_last_error(), "'energy'"));
    assert_int_equal(flow_table_set_col_label(t, 2, "x", NULL), FLOW_ERR_INVALID_ARG);
    flow_table_free(t);
}

static void test_slice_keeps_values_and_labels(void **state)
{
    (void)state;
    const double in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    flow_table *t = NULL, *s = NULL;
    assert_int_equal(flow_table_new(&t, 3, 3, in, 3), FLOW_OK);
    assert_int_equal(flow_table_set_row_label(t, 2, "c", "g"), FLOW_OK);
    assert_int_equal(flow_table_set_col_label(t, 1, "b", NULL), FLOW_OK);
    assert_int_equal(flow_table_slice(&s, t, 1, 2, 1, 2), FLOW_OK);
    const double *v = flow_table_values(s);
    assert_true(v[0] == 5 && v[1] == 6 && v[2] == 8 && v[3] == 9);
    assert_string_equal(flow_table_row_label(s, 1), "c");
    assert_string_equal(flow_table_row_group(s, 1), "g");
    assert_string_equal(flow_table_col_label(s, 0), "b");
    flow_table_free(s);
    s = (flow_table *)t;
    assert_int_equal(flow_table_slice(&s, t, 2, 2, 0, 1), FLOW_ERR_INVALID_ARG);
    assert_null(s);
    flow_table_free(t);
}

static void test_invalid_sizes(void **state)
{
    (void)state;
    flow_table *t = (flow_table *)&t;
    const double one = 1;
    assert_int_equal(flow_table_new(&t, -1, 2, NULL, 0), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_table_new(&t, 1, 2, &one, 1), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_table_new(&t, INT64_MAX / 2, 4, NULL, 0), FLOW_ERR_OVERFLOW);
    flow_table_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copies_input_with_stride),
        cmocka_unit_test(test_labels_groups_and_lookup),
        cmocka_unit_test(test_slice_keeps_values_and_labels),
        cmocka_unit_test(test_invalid_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
