/*
 * test_hardening_parse.c - parsing slips that used to pass without a word:
 * keywords taken as economy codes, a byte order mark before the first
 * keyword, a column named twice in a header, codes that are not UTF-8.
 */
#include "support.h"

#include <libflow.h>
#include <string.h>

static void expect_parse_error(const char *text, const char *message)
{
    flow_scenario *s = NULL;
    int rc = flow_scenario_parse(&s, text, "slip.txt");
    if (rc != FLOW_ERR_PARSE || strstr(flow_last_error(), message) == NULL)
        fail_msg("scenario %s: status %d, message '%s', expected '%s'", text, rc, flow_last_error(),
                 message);
    assert_null(s);
}

static void test_keyword_is_not_a_code(void **state)
{
    (void)state;
    expect_parse_error("target RUS\nvia CHN capacity\n",
                       "line 2, column 9: 'capacity' is a keyword, not an economy or group code");
    expect_parse_error("sanctioning USA target\n", "line 1, column 17: 'target' is a keyword");
    expect_parse_error("group G7 USA via\n", "'via' is a keyword");
    /* The documented form still parses. */
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s, "via CHN KAZ capacity 5\n", NULL), FLOW_OK);
    assert_int_equal(flow_test_plan_count(s, "intermediary"), 2);
    flow_scenario_free(s);
}

static void test_bom_is_skipped(void **state)
{
    (void)state;
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s, "\xEF\xBB\xBFname bom\ntarget RUS\n", NULL), FLOW_OK);
    assert_int_equal(flow_test_plan_count(s, "target"), 1);
    flow_scenario_free(s);
}

static void test_invalid_utf8_code(void **state)
{
    (void)state;
    expect_parse_error("target R\xC3\n", "line 1, column 8: code is not valid UTF-8");
}

static void test_duplicate_header_column(void **state)
{
    (void)state;
    static const char text[] = "origin,origin,destination,value\nCHN,RUS,USA,1\n";
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_buffer(ds, "dup.csv", text, (int64_t)sizeof text - 1, NULL, NULL),
        FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(),
                           "dup.csv: line 1: column \"origin\" appears twice (columns 1 and 2)"));
    flow_dataset_free(ds);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* one test by name, e.g. against an older build */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyword_is_not_a_code),
        cmocka_unit_test(test_bom_is_skipped),
        cmocka_unit_test(test_invalid_utf8_code),
        cmocka_unit_test(test_duplicate_header_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
