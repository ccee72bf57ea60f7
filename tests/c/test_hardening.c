/*
 * test_hardening.c - misuse gets an error, never a crash, a print or a read
 * outside the caller's memory: NULL out-pointers of constructors, empty
 * systems that must not reach LAPACK's error printer, sizes that overflow
 * before the caller's arrays are read, and messages that say what happened.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ NULL out */

static void test_constructors_refuse_null_out(void **state)
{
    (void)state;
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    flow_aggregation *agg = NULL;
    flow_table *table = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "CHN", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    assert_int_equal(flow_aggregation_new(&agg), FLOW_OK);
    assert_int_equal(flow_table_new(&table, 2, 2, NULL, 0), FLOW_OK);
    int64_t map[4];
    const char *path = flow_test_write_temp("table.csv", ",a\nr,1\n");

    assert_int_equal(flow_dataset_new(NULL, labels), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_new(NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_report_new(NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_labels_new(NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_labels_new_iso3166(NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_labels_clone(NULL, labels), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_aggregation_new(NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_table_new(NULL, 1, 1, NULL, 0), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_table_read_csv(NULL, path, NULL, NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_table_slice(NULL, table, 0, 1, 0, 1), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_dataset_aggregate(NULL, ds, agg), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_labels_aggregate(NULL, map, 4, labels, agg), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "out is NULL"));
    assert_int_equal(flow_table_find_row(table, "a", NULL, NULL), FLOW_ERR_INVALID_ARG);

    flow_table_free(table);
    flow_aggregation_free(agg);
    flow_dataset_free(ds);
    flow_labels_free(labels);
}

/* A failing constructor leaves *out NULL even when the failure is another argument. */
static void test_failed_constructors_clear_out(void **state)
{
    (void)state;
    flow_scenario *scenario = (flow_scenario *)&scenario;
    assert_int_equal(flow_scenario_parse(&scenario, NULL, NULL), FLOW_ERR_INVALID_ARG);
    assert_null(scenario);
    flow_table *regions = (flow_table *)&regions, *nodes = (flow_table *)&nodes;
    assert_int_equal(flow_shock_run(&regions, &nodes, NULL, NULL, NULL), FLOW_ERR_INVALID_ARG);
    assert_null(regions);
    assert_null(nodes);
    flow_table *economies = (flow_table *)&economies, *systems = (flow_table *)&systems;
    assert_int_equal(flow_shock_report_new(&economies, &systems, NULL, 2023, NULL, NULL),
                     FLOW_ERR_INVALID_ARG);
    assert_null(economies);
    assert_null(systems);
    flow_io_model *model = (flow_io_model *)&model;
    assert_int_equal(flow_io_model_new_from_tables(&model, NULL, NULL, NULL, NULL),
                     FLOW_ERR_INVALID_ARG);
    assert_null(model);
}

/* ------------------------------------------------------------ n = 0, no print */

/* Runs call with stdout sent to a temporary file; returns how many bytes it wrote. */
static long stdout_bytes_of(int (*call)(void), int *rc)
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    FILE *capture = tmpfile();
    assert_non_null(capture);
    dup2(fileno(capture), STDOUT_FILENO);
    *rc = call();
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    fseek(capture, 0, SEEK_END);
    long bytes = ftell(capture);
    fclose(capture);
    return bytes;
}

static int empty_inoperability(void)
{
    double a = 0, c = 0, q = 0;
    return flow_shock_inoperability(&q, 0, 0, &a, 0, &c, 1);
}

static int empty_look_through(void)
{
    double z = 0, x = 0;
    int64_t group = 0;
    flow_table *t = NULL;
    int rc = flow_exposure(&t, FLOW_EXPOSURE_LOOK_THROUGH, &z, 0, &x, &group, 0);
    flow_table_free(t);
    return rc;
}

static void test_empty_systems_do_not_reach_lapack(void **state)
{
    (void)state;
    int rc = 0;
    assert_int_equal(stdout_bytes_of(empty_inoperability, &rc), 0);
    assert_int_equal(rc, FLOW_OK);
    assert_int_equal(stdout_bytes_of(empty_look_through, &rc), 0);
    assert_int_equal(rc, FLOW_OK);
}

/* ------------------------------------------------------------ sizes before reads */

static void test_io_model_checks_sizes_before_reading(void **state)
{
    (void)state;
    double z[4] = {1, 2, 3, 4}, y[2] = {5, 6};
    flow_io_model *m = (flow_io_model *)&m;
    /* n^2 overflows int64_t: nothing of z may be read. */
    assert_int_equal(flow_io_model_new(&m, (int64_t)1 << 32, z, 1, y, NULL, NULL),
                     FLOW_ERR_OVERFLOW);
    assert_null(m);
    const char *codes[2] = {"A", "B"};
    double size[2] = {10, 10};
    assert_int_equal(flow_io_model_new_country(&m, 2, z, INT64_MAX, size, codes),
                     FLOW_ERR_OVERFLOW);
    assert_int_equal(
        flow_io_model_new_country(&m, (int64_t)1 << 32, z, (int64_t)1 << 32, size, codes),
        FLOW_ERR_OVERFLOW);
    assert_null(m);
}

static void test_solve_names_nrhs(void **state)
{
    (void)state;
    double z[4] = {1, 2, 3, 4}, y[2] = {5, 6}, x[2] = {0};
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, z, 1, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_leontief_solve(m, -1, y, 1, x, 2, 1), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "nrhs must be >= 1"));
    assert_int_equal(flow_io_model_ghosh_solve(m, 0, y, 1, x, 2, 1), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "nrhs must be >= 1"));
    assert_int_equal(flow_io_model_leontief_solve(m, 1, y, 1, x, 2, 1), FLOW_OK);
    flow_io_model_free(m);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* one test by name, e.g. against an older build */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constructors_refuse_null_out),
        cmocka_unit_test(test_failed_constructors_clear_out),
        cmocka_unit_test(test_empty_systems_do_not_reach_lapack),
        cmocka_unit_test(test_io_model_checks_sizes_before_reading),
        cmocka_unit_test(test_solve_names_nrhs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
