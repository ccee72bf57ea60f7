/*
 * test_hardening_attributes.c - the attributes and mapping readers account
 * for every row and cell: a bad cell is a rejected cell (line and column),
 * not a dropped column; duplicates are counted; strict mode fails on the
 * first; text columns are kept; codes that are not UTF-8 are refused; the
 * aggregation reader counts its rows the same way.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static flow_dataset *empty_dataset(void)
{
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "CHN", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "RUS", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    flow_labels_free(labels);
    return ds;
}

/* The strict reader fails on one bad cell, naming line and column. */
static void test_bad_cell_fails_strict_read(void **state)
{
    (void)state;
    static const char *bad[] = {"n/a", "NaN", "inf", "1e400", "\"1,5\"", "1 000"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char text[128];
        snprintf(text, sizeof text, "code,gdp\nCHN,1\nRUS,%s\n", bad[k]);
        flow_dataset *ds = empty_dataset();
        int rc = flow_dataset_read_attributes(ds, flow_test_write_temp("a.csv", text), "code", 0);
        if (rc != FLOW_ERR_VALUE)
            fail_msg("'%s': status %d (%s), expected FLOW_ERR_VALUE", bad[k], rc,
                     flow_last_error());
        assert_non_null(strstr(flow_last_error(), "line 3, column \"gdp\""));
        flow_dataset_free(ds);
    }
}

/* Lenient: the column stays, the bad cell is NaN and reported. */
static void test_bad_cell_is_a_rejected_cell(void **state)
{
    (void)state;
    flow_dataset *ds = empty_dataset();
    flow_read_report *report = NULL;
    double gdp[2] = {0};
    const char *message = NULL, *column = NULL, *text = NULL;
    int64_t line = 0;
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_attributes_csv(
            ds, flow_test_write_temp("a.csv", "code,gdp,name\nCHN,1,China\nRUS,n/a,Russia\n"),
            "code", NULL, report),
        FLOW_OK);
    assert_int_equal(flow_test_attribute(ds, "gdp", gdp, 2), FLOW_OK);
    assert_true(gdp[0] == 1.0 && isnan(gdp[1]));
    assert_int_equal(flow_test_report_rows(report), 2);
    assert_int_equal(flow_test_report_accepted(report), 2);
    assert_int_equal(flow_test_report_kept_count(report), 1);
    assert_int_equal(flow_test_report_kept(report, 0, &message, NULL, &line, &column, &text),
                     FLOW_OK);
    assert_int_equal(line, 3);
    assert_string_equal(column, "gdp");
    assert_string_equal(text, "n/a");
    assert_string_equal(flow_test_text_attribute(ds, "name", 1), "Russia");
    assert_null(flow_test_text_attribute(ds, "gdp", 1));
    flow_read_report_free(report);
    flow_dataset_free(ds);
}

static void test_duplicate_code_is_counted(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp("d.csv", "code,gdp\nCHN,1\nRUS,2\nCHN,3\n");
    flow_dataset *ds = empty_dataset();
    assert_int_equal(flow_dataset_read_attributes(ds, path, "code", 0), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "line 4"));
    assert_non_null(strstr(flow_last_error(), "duplicate economy 'CHN' (first on line 2)"));
    flow_read_report *report = NULL;
    double gdp[2] = {0};
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_dataset_read_attributes_csv(ds, path, "code", NULL, report), FLOW_OK);
    assert_int_equal(flow_test_report_duplicates(report), 1);
    assert_int_equal(flow_test_report_rejected(report), 1);
    assert_int_equal(flow_test_report_accepted(report), 2);
    assert_int_equal(flow_test_attribute(ds, "gdp", gdp, 2), FLOW_OK);
    assert_true(gdp[0] == 1.0 && gdp[1] == 2.0); /* the first row wins */
    flow_read_report_free(report);
    flow_dataset_free(ds);
}

/* Group lists are text attributes: long names, quoting and ';' lists intact. */
static void test_text_columns_are_kept(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp(
        "g.csv", "\xEF\xBB\xBF"
                 "code,group\nCHN,\"WESTERN_SANCTIONING_COALITION_35CHR;BRICS\"\nRUS,\n");
    flow_dataset *ds = empty_dataset();
    assert_int_equal(flow_dataset_read_attributes(ds, path, "code", 0), FLOW_OK);
    assert_int_equal(flow_test_text_attribute_count(ds), 1);
    assert_string_equal(flow_test_text_attribute_name(ds, 0), "group");
    assert_string_equal(flow_test_text_attribute(ds, "group", 0),
                        "WESTERN_SANCTIONING_COALITION_35CHR;BRICS");
    assert_string_equal(flow_test_text_attribute(ds, "group", 1), "");
    assert_null(flow_test_text_attribute(ds, "group", 2));
    assert_int_equal(flow_test_attribute_count(ds), 0);
    flow_dataset_free(ds);
}

static void test_invalid_utf8_code_is_not_a_label(void **state)
{
    (void)state;
    flow_dataset *ds = empty_dataset();
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "unknown_codes", "add"), FLOW_OK);
    static const char text[] = "origin,destination,value\nCHN,\xC3\x28X,1\nCHN,RUS,2\n";
    assert_int_equal(
        flow_dataset_read_buffer(ds, "u.csv", text, (int64_t)sizeof text - 1, opts, report),
        FLOW_OK);
    assert_int_equal(flow_dataset_economy_count(ds), 2);
    assert_int_equal(flow_test_report_rejected(report), 1);
    flow_labels *labels = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "\xFF", NULL, NULL), FLOW_ERR_VALUE);
    flow_labels_free(labels);
    flow_read_report_free(report);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
}

/* The mapping reader counts its rows instead of stopping at the first bad one. */
static void test_mapping_accounting(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp("m.csv", "alias,code\n"
                                                     "251,CHN\n"
                                                     "252,XXX\n"
                                                     "253\n"
                                                     ",CHN\n"
                                                     "254,RUS\n");
    flow_labels *labels = NULL;
    flow_read_report *report = NULL;
    int64_t index = -1;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "CHN", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "RUS", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_read_mapping_csv(labels, path, "alias", "code", NULL, 0),
                     FLOW_ERR_UNKNOWN_LABEL);
    assert_non_null(strstr(flow_last_error(), "line 3"));
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_labels_read_mapping(labels, path, "alias", "code", NULL, NULL, report),
                     FLOW_OK);
    assert_int_equal(flow_test_report_rows(report), 5);
    assert_int_equal(flow_test_report_accepted(report), 2);
    assert_int_equal(flow_test_report_filtered(report), 1);
    assert_int_equal(flow_test_report_rejected(report), 2);
    assert_int_equal(flow_test_report_unknown_count(report), 1);
    assert_int_equal(flow_labels_find(labels, "254", &index), FLOW_OK);
    assert_int_equal(index, 1);
    flow_read_report_free(report);
    flow_labels_free(labels);
}

/* The aggregation reader accounts for every row like the mapping reader. */
static void test_aggregation_accounting(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp("g.csv", "code,group\n"
                                                     "DEU,EU\n"
                                                     "FRA\n"
                                                     ",EU\n"
                                                     "DEU,EU\n"
                                                     "DEU,NATO\n"
                                                     "ITA,\xff\n"
                                                     "ITA,EU\n");
    flow_aggregation *agg = NULL;
    flow_read_report *report = NULL;
    const char *column = NULL;
    int64_t line = 0;
    assert_int_equal(flow_aggregation_new(&agg), FLOW_OK);
    /* The strict reader stops at the ragged row, naming its line. */
    assert_int_equal(flow_aggregation_read_csv(agg, path, "code", "group"), FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "line 3"));
    flow_aggregation_free(agg);
    assert_int_equal(flow_aggregation_new(&agg), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_aggregation_read(agg, path, "code", "group", NULL, report), FLOW_OK);
    assert_int_equal(flow_test_report_rows(report), 7);
    assert_int_equal(flow_test_report_accepted(report), 3);
    assert_int_equal(flow_test_report_duplicates(report), 1);
    assert_int_equal(flow_test_report_filtered(report), 1);
    assert_int_equal(flow_test_report_rejected(report), 3);
    assert_int_equal(flow_test_report_kept_count(report), 3);
    /* The conflicting group is kept with its line and column. */
    assert_int_equal(flow_test_report_kept(report, 1, NULL, NULL, &line, &column, NULL), FLOW_OK);
    assert_int_equal(line, 6);
    assert_string_equal(column, "group");
    assert_int_equal(flow_test_report_kept(report, 2, NULL, NULL, &line, &column, NULL), FLOW_OK);
    assert_int_equal(line, 7);
    /* DEU stays in EU; ITA came in on its good row. */
    flow_labels *labels = NULL, *grouped = NULL;
    int64_t map[3];
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "DEU", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "ITA", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "FRA", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_aggregate(&grouped, map, 3, labels, agg), FLOW_OK);
    assert_int_equal(flow_labels_count(grouped), 2);
    assert_string_equal(flow_labels_code(grouped, map[0]), "EU");
    assert_int_equal(map[0], map[1]);
    flow_labels_free(grouped);
    flow_labels_free(labels);
    flow_read_report_free(report);
    flow_aggregation_free(agg);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* one test by name, e.g. against an older build */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_cell_fails_strict_read),
        cmocka_unit_test(test_bad_cell_is_a_rejected_cell),
        cmocka_unit_test(test_duplicate_code_is_counted),
        cmocka_unit_test(test_text_columns_are_kept),
        cmocka_unit_test(test_invalid_utf8_code_is_not_a_label),
        cmocka_unit_test(test_mapping_accounting),
        cmocka_unit_test(test_aggregation_accounting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
