/*
 * test_reader_wide.c - wide (matrix-shaped) CSVs into flow_table: label rows
 * and columns, groups, missing markers ("---" as in BEA tables), thousands
 * separators, tables without row labels (as ABS's), row filters, and the
 * rejects of bad cells. Expected values are read off the small inputs.
 */
#include "support.h"

#include <libflow.h>
#include <string.h>

static flow_read_options *options(void)
{
    flow_read_options *opts = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    return opts;
}

static void test_bea_style_labels_and_missing_markers(void **state)
{
    (void)state;
    flow_read_options *opts = options();
    flow_read_report *report = NULL;
    flow_table *t = NULL;
    int64_t index = -1;
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "thousands", ","), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "decimal", "."), FLOW_OK);
    assert_int_equal(
        flow_table_read_csv(&t, flow_test_data_file("wide_bea_style.csv"), opts, report), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    assert_int_equal(flow_table_cols(t), 3);
    assert_string_equal(flow_table_col_label(t, 0), "Mining");
    assert_string_equal(flow_table_col_label(t, 2), "Final demand");
    assert_string_equal(flow_table_row_label(t, 2), "Value Added");
    /* Row-major: Mining row = 2295, 82369 ("82,369"), 0 ("---"). */
    const double expected[9] = {2295, 82369, 0, 0, 414870, 631676, 206568, 333935, 0};
    for (int i = 0; i < 9; i++)
        assert_close(flow_table_values(t)[i], expected[i], 0);
    /* "---" twice and one empty cell were read as 0 and counted. */
    assert_int_equal(flow_test_report_missing(report), 3);
    assert_int_equal(flow_test_report_rows(report), 3);
    assert_int_equal(flow_test_report_accepted(report), 3);
    assert_int_equal(flow_table_find_row(t, "Value Added", NULL, &index), FLOW_OK);
    assert_int_equal(index, 2);
    flow_table_free(t);
    flow_read_report_free(report);
    flow_read_options_free(opts);
}

static void test_group_labels_and_negative_cells(void **state)
{
    (void)state;
    flow_read_options *opts = options();
    flow_read_report *report = NULL;
    flow_table *t = NULL;
    int64_t row = -1, col = -1;
    const char *path = flow_test_data_file("wide_groups.csv");
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_test_wide_layout(opts, 2, 2, 1, 0, 1, 0), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "thousands", " "), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "decimal", ","), FLOW_OK);
    /* Negative cells are rejected unless allowed: row CHN/MAN holds -4. */
    assert_int_equal(flow_table_read_csv(&t, path, opts, report), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 2);
    assert_int_equal(flow_test_report_rejected(report), 1);
    const char *message = NULL;
    assert_int_equal(flow_test_report_kept(report, 0, &message, NULL, NULL, NULL, NULL), FLOW_OK);
    assert_non_null(strstr(message, "wide_groups.csv: line 4, column \"PRI\": '-4' is negative"));
    flow_table_free(t);
    assert_int_equal(flow_read_options_set(opts, "allow_negative", "1"), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, path, opts, report), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    assert_int_equal(flow_table_cols(t), 3);
    assert_string_equal(flow_table_row_group(t, 2), "RUS");
    assert_string_equal(flow_table_col_group(t, 2), "RUS");
    assert_int_equal(flow_table_find_row(t, "PRI", "RUS", &row), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "MAN", "CHN", &col), FLOW_OK);
    assert_int_equal(row, 2);
    assert_int_equal(col, 1);
    const double expected[9] = {1234.5, 10, 0, 2, 3000, -4, 7, 8, 9};
    for (int i = 0; i < 9; i++)
        assert_close(flow_table_values(t)[i], expected[i], 0);
    flow_table_free(t);
    flow_read_report_free(report);
    flow_read_options_free(opts);
}

static void test_no_row_labels_and_row_filter(void **state)
{
    (void)state;
    flow_read_options *opts = options();
    flow_read_report *report = NULL;
    flow_table *t = NULL;
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    /* ABS style: a code row, then numbers only. */
    assert_int_equal(flow_test_wide_layout(opts, 1, 0, 0, -1, -1, -1), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t,
                                         flow_test_write_temp("abs.csv", "\xEF\xBB\xBF"
                                                                         "0101,0102\r\n"
                                                                         "1,2\r\n3,4\r\n"),
                                         opts, report),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(t), 2);
    assert_string_equal(flow_table_col_label(t, 0), "0101");
    assert_string_equal(flow_table_row_label(t, 1), "");
    assert_close(flow_table_values(t)[3], 4.0, 0);
    flow_table_free(t);
    /* WIOD style: keep the rows of one year. */
    assert_int_equal(flow_test_wide_layout(opts, 1, 2, 0, -1, 1, -1), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "wide_row_filter_column", "%d", 0), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "wide_row_filter_value", "2014"), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t,
                                         flow_test_write_temp("years.csv", "Year,Code,A,B\n"
                                                                           "2013,A,1,2\n"
                                                                           "2014,A,3,4\n"
                                                                           "2014,B,5,6\n"),
                                         opts, report),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(t), 2);
    assert_int_equal(flow_test_report_filtered(report), 1);
    assert_string_equal(flow_table_row_label(t, 1), "B");
    assert_close(flow_table_values(t)[0], 3.0, 0);
    flow_table_free(t);
    /* Keys that do not fit together stop the read, naming them. */
    assert_int_equal(flow_read_options_set(opts, "wide_row_filter_column", "5"), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, flow_test_write_temp("years.csv", "Year,A\n2014,1\n"),
                                         opts, report),
                     FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "wide_row_filter_column"));
    assert_int_equal(flow_read_options_set(opts, "wide_row_filter_value", ""), FLOW_OK);
    assert_int_equal(flow_test_wide_layout(opts, 1, 1, 1, -1, 0, -1), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, flow_test_write_temp("years.csv", "Year,A\n2014,1\n"),
                                         opts, report),
                     FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "wide_col_label_row"));
    assert_null(t);
    flow_read_report_free(report);
    flow_read_options_free(opts);
}

static void test_bad_cells_and_shapes(void **state)
{
    (void)state;
    flow_read_options *opts = options();
    flow_read_report *report = NULL;
    flow_table *t = NULL;
    const char *text = "x,A,B\nr1,1,oops\nr2,1\nr3,5,6\n";
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, flow_test_write_temp("bad.csv", text), opts, report),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(t), 1);
    assert_int_equal(flow_test_report_rejected(report), 2);
    const char *message = NULL;
    assert_int_equal(flow_test_report_kept(report, 0, &message, NULL, NULL, NULL, NULL), FLOW_OK);
    assert_non_null(strstr(message, "line 2, column \"B\": 'oops' is not a number"));
    assert_int_equal(flow_test_report_kept(report, 1, &message, NULL, NULL, NULL, NULL), FLOW_OK);
    assert_non_null(strstr(message, "line 3: ragged row: 2 fields, the first row has 3"));
    flow_table_free(t);
    assert_int_equal(flow_read_options_set(opts, "strict", "1"), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, flow_test_write_temp("bad.csv", text), opts, report),
                     FLOW_ERR_VALUE);
    assert_null(t);
    assert_non_null(strstr(flow_last_error(), "'oops' is not a number"));
    /* Label rows only: an empty table, as a header-only long file gives an empty dataset. */
    assert_int_equal(
        flow_table_read_csv(&t, flow_test_write_temp("labels.csv", "x,A,B\n"), opts, report),
        FLOW_OK);
    assert_int_equal(flow_table_rows(t), 0);
    assert_int_equal(flow_table_cols(t), 2);
    assert_string_equal(flow_table_col_label(t, 1), "B");
    assert_int_equal(flow_test_report_rows(report), 0);
    flow_table_free(t);
    assert_int_equal(flow_table_read_csv(&t, flow_test_write_temp("none.csv", ""), opts, report),
                     FLOW_ERR_EMPTY);
    assert_int_equal(
        flow_table_read_csv(&t, flow_test_write_temp("narrow.csv", "x\n1\n"), opts, report),
        FLOW_ERR_EMPTY);
    assert_int_equal(flow_table_read_csv(&t, "/nonexistent.csv", opts, report), FLOW_ERR_IO);
    flow_read_report_free(report);
    flow_read_options_free(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bea_style_labels_and_missing_markers),
        cmocka_unit_test(test_group_labels_and_negative_cells),
        cmocka_unit_test(test_no_row_labels_and_row_filter),
        cmocka_unit_test(test_bad_cells_and_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
