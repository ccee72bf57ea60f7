/*
 * test_scenario.c - the scenario handle and its text format: every keyword,
 * the (layer, product) fallbacks, copies, and errors that name the line.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

static const char *full_text = "# G7 and EU cut energy and finance with Russia\n"
                               "name demo   # trailing comment\n"
                               "group G7 USA JPN DEU\n"
                               "group G7 FRA\n"
                               "sanctioning G7 EU\n"
                               "target RUS\n"
                               "direction imports\n"
                               "channels intermediate\n"
                               "cut energy * 1\n"
                               "cut energy lng 0.25\n"
                               "cut * * 0.1\n"
                               "reroute energy * 0.6\n"
                               "via CHN IND capacity 50\n"
                               "capacity HKG 7.5\n"
                               "markup 0.15\n"
                               "\n";

static void test_parse_every_keyword(void **state)
{
    (void)state;
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s, full_text, "demo.txt"), FLOW_OK);
    assert_string_equal(flow_scenario_name(s), "demo");
    /* S: G7 expanded to its four members, and EU (no such group: named directly). */
    assert_int_equal(flow_test_plan_count(s, "sanctioning:G7"), 4);
    assert_int_equal(flow_test_plan_count(s, "sanctioning"), 1);
    assert_true(flow_test_plan_cell(s, "EU", "sanctioning", "index") == -1.0);
    assert_int_equal(flow_test_plan_count(s, "target"), 1);
    assert_true(flow_test_plan_cell(s, "RUS", "target", "index") == -1.0); /* no dataset */
    assert_true(flow_test_plan_scalar(s, "direction") == FLOW_IMPORTS);
    assert_true(flow_test_plan_scalar(s, "channels") == FLOW_SHOCK_INTERMEDIATE);
    /* Fallbacks: (layer, product), (layer, *), (*, product), (*, *). */
    assert_true(flow_test_plan_rate(s, "energy", "lng", "severity") == 0.25);
    assert_true(flow_test_plan_rate(s, "energy", "crude", "severity") == 1.0);
    assert_true(flow_test_plan_rate(s, "finance", NULL, "severity") == 0.1);
    assert_true(flow_test_plan_rate(s, "energy", "crude", "rho") == 0.6);
    assert_true(flow_test_plan_rate(s, "trade", "*", "rho") == 0.0);
    assert_int_equal(flow_test_plan_count(s, "intermediary"), 3);
    assert_true(flow_test_plan_cell(s, "CHN", "intermediary", "capacity") == 50.0);
    assert_true(flow_test_plan_cell(s, "HKG", "intermediary", "capacity") == 7.5);
    assert_true(isnan(flow_test_plan_cell(s, "ARE", "intermediary", "capacity"))); /* no row */
    assert_true(flow_test_plan_scalar(s, "markup") == 0.15);
    assert_int_equal(flow_test_plan_count(s, "group:G7"), 4);
    assert_int_equal(flow_test_plan_count(s, "group:EU"), 0);

    flow_scenario *c = NULL;
    assert_int_equal(flow_scenario_copy(&c, s), FLOW_OK);
    flow_scenario_free(s);
    assert_string_equal(flow_scenario_name(c), "demo");
    assert_true(flow_test_plan_rate(c, "energy", "lng", "severity") == 0.25);
    assert_true(flow_test_plan_cell(c, "IND", "intermediary", "capacity") == 50.0);
    flow_scenario_free(c);
}

static void test_read_from_file(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp("scenario.txt", full_text);
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_read(&s, path), FLOW_OK);
    assert_string_equal(flow_scenario_name(s), "demo");
    flow_scenario_free(s);
    assert_int_equal(flow_scenario_read(&s, "/nonexistent/scenario.txt"), FLOW_ERR_IO);
    assert_null(s);
    assert_non_null(strstr(flow_last_error(), "/nonexistent/scenario.txt"));
}

static void expect_error(const char *text, int status, const char *fragment)
{
    flow_scenario *s = (flow_scenario *)&s; /* must be reset to NULL */
    assert_int_equal(flow_scenario_parse(&s, text, "bad.txt"), status);
    assert_null(s);
    if (strstr(flow_last_error(), fragment) == NULL)
        fail_msg("message '%s' lacks '%s'", flow_last_error(), fragment);
}

static void test_errors_name_the_line(void **state)
{
    (void)state;
    expect_error("name x\nsanction G7\n", FLOW_ERR_PARSE,
                 "bad.txt: line 2, column 1: unknown keyword 'sanction'");
    expect_error("cut energy * 1.5\n", FLOW_ERR_VALUE, "line 1, column 14: 1.5 is outside [0, 1]");
    expect_error("\n\ncut energy * abc\n", FLOW_ERR_VALUE,
                 "line 3, column 14: 'abc' is not a number");
    expect_error("cut energy 1\n", FLOW_ERR_PARSE, "line 1, column 1: 'cut' expects");
    expect_error("direction sideways\n", FLOW_ERR_PARSE, "'sideways' is not a valid direction");
    expect_error("target\n", FLOW_ERR_PARSE, "'target' expects");
    expect_error("capacity HKG -1\n", FLOW_ERR_VALUE, "outside");
    expect_error("markup nan\n", FLOW_ERR_VALUE, "'nan' is not a number");
    expect_error("via capacity 3\n", FLOW_ERR_PARSE, "'via' expects");
}

static void test_setters_validate(void **state)
{
    (void)state;
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_new(&s), FLOW_OK);
    assert_string_equal(flow_scenario_name(s), "scenario");
    assert_true(flow_test_plan_scalar(s, "direction") == FLOW_BOTH);
    assert_true(flow_test_plan_scalar(s, "channels") == FLOW_SHOCK_ALL_CHANNELS);
    assert_true(flow_test_plan_rate(s, "energy", NULL, "severity") == 0.0);
    assert_int_equal(flow_scenario_set_severity(s, "energy", NULL, -0.1), FLOW_ERR_VALUE);
    assert_int_equal(flow_scenario_set_severity(s, "energy", NULL, NAN), FLOW_ERR_VALUE);
    assert_int_equal(flow_scenario_set_substitution(s, NULL, NULL, 2), FLOW_ERR_VALUE);
    assert_int_equal(flow_scenario_set_direction(s, 4), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_scenario_set_channels(s, 0), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_scenario_set_markup(s, INFINITY), FLOW_ERR_VALUE);
    assert_int_equal(flow_scenario_add_target(s, ""), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_scenario_add_target(s, NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_scenario_set_capacity(s, "HKG", -1), FLOW_ERR_VALUE);
    /* Setting a pair again replaces it; adding a name twice keeps one. */
    assert_int_equal(flow_scenario_set_severity(s, "energy", "*", 0.5), FLOW_OK);
    assert_int_equal(flow_scenario_set_severity(s, "energy", NULL, 0.7), FLOW_OK);
    assert_true(flow_test_plan_rate(s, "energy", "oil", "severity") == 0.7);
    assert_int_equal(flow_scenario_add_target(s, "RUS"), FLOW_OK);
    assert_int_equal(flow_scenario_add_target(s, "RUS"), FLOW_OK);
    assert_int_equal(flow_test_plan_count(s, "target"), 1);
    flow_scenario_free(s);
    flow_scenario_free(NULL);
    assert_null(flow_scenario_name(NULL));
    flow_table *t = NULL;
    assert_int_equal(flow_scenario_plan(&t, NULL, NULL, NULL), FLOW_ERR_INVALID_ARG);
    assert_null(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_every_keyword),
        cmocka_unit_test(test_read_from_file),
        cmocka_unit_test(test_errors_name_the_line),
        cmocka_unit_test(test_setters_validate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
