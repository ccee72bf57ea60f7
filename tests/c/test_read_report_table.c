/*
 * test_read_report_table.c - flow_read_report_table on a file whose rejects
 * sit at known lines and columns: every part's rows, labels, groups and
 * cells, the counts as scalars, and the refusals.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <string.h>

/* Line 3: unknown destination; line 4: not a number; line 6 repeats line 2's cell. */
static const char *const text = "origin,destination,value,year\n"
                                "DEU,FRA,10,2020\n"
                                "DEU,XYZ,5,2020\n"
                                "FRA,DEU,abc,2020\n"
                                "FRA,DEU,1,2020\n"
                                "DEU,FRA,2,2020\n"
                                "ITA,XYZ,3,2020\n";

static flow_table *part(const flow_read_report *r, int which)
{
    flow_table *t = NULL;
    assert_int_equal(flow_read_report_table(&t, r, which), FLOW_OK);
    assert_non_null(t);
    return t;
}

static double at(const flow_table *t, int64_t row, int64_t col)
{
    return flow_table_values(t)[row * flow_table_cols(t) + col];
}

static void test_parts_of_a_read_with_known_rejects(void **state)
{
    (void)state;
    flow_dataset *ds = NULL;
    flow_read_report *r = NULL;
    const char *path = flow_test_write_temp("report_parts.csv", text);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_report_new(&r), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, NULL, r), FLOW_OK);

    /* Counts: 6 rows = 3 accepted + 0 filtered + 3 rejected; one duplicate. */
    flow_table *counts = part(r, FLOW_REPORT_COUNTS);
    static const char *const names[] = {"rows",     "accepted",   "filtered",
                                        "rejected", "duplicates", "missing"};
    const double want[] = {6, 3, 0, 3, 1, 0};
    assert_int_equal(flow_table_rows(counts), 1);
    assert_int_equal(flow_table_cols(counts), 6);
    for (int c = 0; c < 6; c++) {
        double scalar = -1.0;
        assert_string_equal(flow_table_col_label(counts, c), names[c]);
        assert_true(at(counts, 0, c) == want[c]);
        assert_int_equal(flow_table_scalar(counts, names[c], &scalar), FLOW_OK);
        assert_true(scalar == want[c]);
    }
    assert_string_equal(flow_table_row_label(counts, 0), ""); /* no unit column or option */
    flow_table_free(counts);

    /* Reasons: two unknown codes, one non-number, both rejected. */
    flow_table *reasons = part(r, FLOW_REPORT_REASONS);
    assert_int_equal(flow_table_rows(reasons), 2);
    double unknown_rows = 0.0, nan_rows = 0.0;
    for (int64_t i = 0; i < 2; i++) {
        assert_string_equal(flow_table_row_group(reasons, i), "rejected");
        assert_true(at(reasons, i, 1) == 1.0);
        if (strcmp(flow_table_row_label(reasons, i), "unknown economy code") == 0)
            unknown_rows = at(reasons, i, 0);
        else if (strstr(flow_table_row_label(reasons, i), "number") != NULL)
            nan_rows = at(reasons, i, 0);
    }
    assert_true(unknown_rows == 2.0 && nan_rows == 1.0);
    flow_table_free(reasons);

    /* Kept rejects in file order: lines 3, 4, 7 with file, message, column and text. */
    flow_table *rejects = part(r, FLOW_REPORT_REJECTS);
    flow_table *fields = part(r, FLOW_REPORT_REJECT_FIELDS);
    const double lines[] = {3, 4, 7};
    const char *columns[] = {"destination", "value", "destination"};
    const char *texts[] = {"XYZ", "abc", "XYZ"};
    assert_int_equal(flow_table_rows(rejects), 3);
    assert_int_equal(flow_table_rows(fields), 3);
    for (int64_t i = 0; i < 3; i++) {
        char where[64];
        snprintf(where, sizeof where, "line %.0f, column \"%s\"", lines[i], columns[i]);
        assert_true(at(rejects, i, 0) == lines[i]);
        assert_true(at(fields, i, 0) == lines[i]);
        assert_string_equal(flow_table_row_group(rejects, i), path);
        assert_non_null(strstr(flow_table_row_label(rejects, i), where));
        assert_string_equal(flow_table_row_group(fields, i), columns[i]);
        assert_string_equal(flow_table_row_label(fields, i), texts[i]);
    }
    assert_non_null(strstr(flow_table_row_label(rejects, 1), "'abc' is not a number"));
    flow_table_free(rejects);
    flow_table_free(fields);

    /* The unknown code once: 2 rows, first on line 3. */
    flow_table *unknown = part(r, FLOW_REPORT_UNKNOWN);
    assert_int_equal(flow_table_rows(unknown), 1);
    assert_string_equal(flow_table_row_label(unknown, 0), "XYZ");
    assert_true(at(unknown, 0, 0) == 2.0 && at(unknown, 0, 1) == 3.0);
    flow_table_free(unknown);

    flow_read_report_free(r);
    flow_dataset_free(ds);
}

static void test_refusals(void **state)
{
    (void)state;
    flow_read_report *r = NULL;
    flow_table *t = (flow_table *)&t;
    assert_int_equal(flow_read_report_new(&r), FLOW_OK);
    assert_int_equal(flow_read_report_table(&t, r, FLOW_REPORT_PART_COUNT), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    t = (flow_table *)&t;
    assert_int_equal(flow_read_report_table(&t, NULL, FLOW_REPORT_COUNTS), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_read_report_table(NULL, r, FLOW_REPORT_COUNTS), FLOW_ERR_INVALID_ARG);
    /* An empty report: one row of zeros, empty parts. */
    flow_table *counts = part(r, FLOW_REPORT_COUNTS);
    for (int c = 0; c < 6; c++)
        assert_true(at(counts, 0, c) == 0.0);
    flow_table_free(counts);
    for (int p = FLOW_REPORT_REASONS; p < FLOW_REPORT_PART_COUNT; p++) {
        flow_table *empty = part(r, p);
        assert_int_equal(flow_table_rows(empty), 0);
        flow_table_free(empty);
    }
    flow_read_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_of_a_read_with_known_rejects),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
