/*
 * test_scenario_io.c - sanctions scenarios on a multi-regional IO model
 * (flow_scenario_run_io): the shipped sector-specific embargo read as an
 * ordinary scenario file, the region-pair statements as blocks, and the
 * refusals (named layers, rerouting, sector cuts on region-pair systems).
 * The direct loss is checked against the sums of Z and Y it must equal;
 * numpy checks of every lens are in bindings/python/tests/test_py_scenario_io.py.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static flow_mrio *icio_small(void)
{
    flow_mrio *m = NULL;
    if (flow_mrio_read(&m, flow_test_data_file("mrio/icio2023_small.csv"), FLOW_MRIO_ICIO, NULL) !=
        FLOW_OK)
        fail_msg("%s", flow_last_error());
    return m;
}

static void example_path(char *path, size_t cap)
{
    snprintf(path, cap, "%s/data/scenarios/eu_g7_russian_energy.txt",
             getenv("FLOW_SOURCE_DIR") != NULL ? getenv("FLOW_SOURCE_DIR") : "..");
}

static flow_table *run_ok(const flow_scenario *s, const flow_io_model *model, int64_t *skipped)
{
    flow_table *t = NULL;
    if (flow_scenario_run_io(&t, s, model, skipped) != FLOW_OK)
        fail_msg("%s", flow_last_error());
    return t;
}

static void assert_same_table(const flow_table *a, const flow_table *b)
{
    assert_int_equal(flow_table_rows(a), flow_table_rows(b));
    assert_int_equal(flow_table_cols(a), flow_table_cols(b));
    for (int64_t k = 0; k < flow_table_rows(a) * flow_table_cols(a); k++)
        assert_true(flow_table_values(a)[k] == flow_table_values(b)[k]);
}

static int in_list(const char *const *list, int count, const char *code)
{
    for (int q = 0; q < count; q++)
        if (strcmp(list[q], code) == 0)
            return 1;
    return 0;
}

/* Sum over the rows of sellers x products of Z (and Y) at the columns of buyers. */
static double direct_loss(const flow_io_model *model, const char *const *sellers, int nsellers,
                          const char *const *products, int nproducts, const char *const *buyers,
                          int nbuyers)
{
    int64_t n = flow_test_io_order(model), s = flow_test_io_sector_count(model);
    int64_t k = flow_test_io_final_demand_count(model);
    /* a_ij x_j = z_ij: the lost intermediate flow is read from Z itself. */
    const double *z = flow_test_io_view(model, FLOW_IO_INTERMEDIATE);
    const double *x = flow_test_io_view(model, FLOW_IO_OUTPUT);
    const double *y = flow_test_io_view(model, FLOW_IO_FINAL_DEMAND);
    double total = 0.0;
    for (int64_t i = 0; i < n; i++) {
        const char *ri = flow_test_io_region_code(model, i / s);
        if (!in_list(sellers, nsellers, ri) ||
            !in_list(products, nproducts, flow_test_io_sector_code(model, i % s)))
            continue;
        for (int64_t j = 0; j < n; j++) {
            const char *rj = flow_test_io_region_code(model, j / s);
            if (strcmp(ri, rj) != 0 && in_list(buyers, nbuyers, rj))
                total += x[j] != 0.0 ? z[i * n + j] : 0.0;
        }
        for (int64_t c = 0; c < k; c++) {
            int64_t owner = flow_test_io_final_demand_region(model, c);
            const char *rc = flow_test_io_region_code(model, owner);
            if (strcmp(ri, rc) != 0 && in_list(buyers, nbuyers, rc))
                total += y[i * k + c];
        }
    }
    return total;
}

static double column_sum(const flow_table *t, const char *name)
{
    int64_t col = -1;
    double sum = 0.0;
    assert_int_equal(flow_table_find_col(t, name, NULL, &col), FLOW_OK);
    for (int64_t i = 0; i < flow_table_rows(t); i++)
        sum += flow_table_values(t)[i * flow_table_cols(t) + col];
    return sum;
}

/* The shipped file read as an ordinary scenario gives what the sector-cut reader gives. */
static void example_as_scenario(void **state)
{
    (void)state;
    flow_mrio *m = icio_small();
    const flow_io_model *model = flow_mrio_model(m);
    char path[4096];
    example_path(path, sizeof path);
    flow_scenario *s = NULL, *copy = NULL;
    flow_scenario *built = NULL;
    flow_table *direct = NULL;
    int64_t skipped = -1;
    assert_int_equal(flow_scenario_read(&s, path), FLOW_OK);
    assert_true(flow_test_plan_scalar(s, "sector_blocks") == 1.0);
    assert_string_equal(flow_scenario_name(s), "eu_g7_russian_energy");
    flow_table *t = run_ok(s, model, &skipped);
    assert_int_equal(skipped, 31); /* EU and G7 members the fixture lacks */
    double blocks = 0.0;
    assert_int_equal(flow_table_scalar(t, "blocks", &blocks), FLOW_OK);
    assert_true(blocks == 1.0);
    /* The same embargo through the setters: one way to state it, two spellings. */
    assert_int_equal(flow_scenario_new(&built), FLOW_OK);
    assert_int_equal(flow_scenario_add_group_member(built, "EU", "DEU"), FLOW_OK);
    assert_int_equal(flow_scenario_add_group_member(built, "G7", "USA"), FLOW_OK);
    assert_int_equal(flow_scenario_add_sector_group_member(built, "energy", "B05_06"), FLOW_OK);
    assert_int_equal(flow_scenario_add_sector_group_member(built, "energy", "C19"), FLOW_OK);
    assert_int_equal(
        flow_scenario_add_sector_cut(built, "RUS", "energy", "EU,G7", 1.0, FLOW_SECTOR_CUT_ALL),
        FLOW_OK);
    direct = run_ok(built, model, NULL);
    assert_same_table(t, direct);
    const char *rus[] = {"RUS"}, *energy[] = {"B05_06", "C19"}, *buyers[] = {"DEU", "USA"};
    double want = direct_loss(model, rus, 1, energy, 2, buyers, 2);
    assert_true(want > 0.0);
    assert_true(fabs(column_sum(t, "cut") - want) <= 1e-12 * want);
    /* A copy keeps the sector cuts. */
    assert_int_equal(flow_scenario_copy(&copy, s), FLOW_OK);
    assert_true(flow_test_plan_scalar(copy, "sector_blocks") == 1.0);
    flow_table *again = run_ok(copy, model, NULL);
    assert_same_table(t, again);
    /* Region-pair systems refuse a scenario whose sector cuts they cannot apply. */
    flow_table *regions = NULL;
    assert_int_equal(flow_shock_run(&regions, NULL, flow_mrio_model(m), s, NULL), FLOW_ERR_VALUE);
    assert_null(regions);
    assert_non_null(strstr(flow_last_error(), "has sector-specific cuts"));
    flow_table_free(again);
    flow_table_free(direct);
    flow_table_free(t);
    flow_scenario_free(built);
    flow_scenario_free(copy);
    flow_scenario_free(s);
    flow_mrio_free(m);
}

/* sanctioning / target / direction with "cut * <product> <severity>" are blocks too. */
static void region_pair_statements(void **state)
{
    (void)state;
    flow_mrio *m = icio_small();
    const flow_io_model *model = flow_mrio_model(m);
    flow_scenario *pairs = NULL, *blocks = NULL;
    assert_int_equal(flow_scenario_parse(&pairs,
                                         "name pairs\ngroup W DEU USA\nsanctioning W\ntarget RUS\n"
                                         "direction imports\nsectors energy B05_06 C19\n"
                                         "cut * energy 0.5\n",
                                         "pairs.txt"),
                     FLOW_OK);
    assert_int_equal(flow_scenario_parse(&blocks, "cut RUS B05_06,C19 DEU,USA 0.5\n", NULL),
                     FLOW_OK);
    flow_table *a = run_ok(pairs, model, NULL), *b = run_ok(blocks, model, NULL);
    assert_same_table(a, b);
    flow_table_free(a);
    flow_table_free(b);
    flow_scenario_free(pairs);
    flow_scenario_free(blocks);
    /* Both directions, every product ("*"), final demand only. */
    assert_int_equal(flow_scenario_parse(&pairs,
                                         "sanctioning CHN\ntarget RUS\ndirection both\n"
                                         "channels final\ncut * * 1\n",
                                         NULL),
                     FLOW_OK);
    a = run_ok(pairs, model, NULL);
    int64_t n = flow_test_io_order(model), k = flow_test_io_final_demand_count(model);
    int64_t s = flow_test_io_sector_count(model);
    const double *y = flow_test_io_view(model, FLOW_IO_FINAL_DEMAND);
    double want = 0.0;
    for (int64_t i = 0; i < n; i++)
        for (int64_t c = 0; c < k; c++) {
            const char *seller = flow_test_io_region_code(model, i / s);
            const char *buyer =
                flow_test_io_region_code(model, flow_test_io_final_demand_region(model, c));
            if ((strcmp(seller, "CHN") == 0 && strcmp(buyer, "RUS") == 0) ||
                (strcmp(seller, "RUS") == 0 && strcmp(buyer, "CHN") == 0))
                want += y[i * k + c];
        }
    assert_true(want > 0.0);
    assert_true(fabs(column_sum(a, "cut") - want) <= 1e-12 * want);
    flow_table_free(a);
    flow_scenario_free(pairs);
    flow_mrio_free(m);
}

static void refusals(void **state)
{
    (void)state;
    flow_mrio *m = icio_small();
    const flow_io_model *model = flow_mrio_model(m);
    flow_scenario *s = NULL;
    flow_table *t = NULL;
    assert_int_equal(
        flow_scenario_parse(&s, "sanctioning DEU\ntarget RUS\ncut energy * 1\n", "layer.txt"),
        FLOW_OK);
    assert_int_equal(flow_scenario_run_io(&t, s, model, NULL), FLOW_ERR_VALUE);
    assert_null(t);
    assert_non_null(strstr(flow_last_error(), "'cut energy *' names a layer"));
    flow_scenario_free(s);
    assert_int_equal(
        flow_scenario_parse(&s, "cut RUS C19 DEU 1\nreroute * * 0.5\nvia CHN\n", "reroute.txt"),
        FLOW_OK);
    assert_int_equal(flow_scenario_run_io(&t, s, model, NULL), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "rerouting is not modelled"));
    flow_scenario_free(s);
    assert_int_equal(flow_scenario_parse(&s, "name empty\n", NULL), FLOW_OK);
    assert_int_equal(flow_scenario_run_io(&t, s, model, NULL), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "scenario 'empty' cuts nothing"));
    flow_scenario_free(s);
    /* A scenario reads concordances from regular files only. */
    assert_int_equal(flow_scenario_parse(&s, "name x\nsectors_from /dev/null\n", "dev.txt"),
                     FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "dev.txt: line 2: sectors_from '/dev/null' is not "
                                              "a regular file"));
    /* Errors name the scenario file and line. */
    assert_int_equal(flow_scenario_parse(&s, "name x\n\ncut RUS C19 DEU 2\n", "bad.txt"),
                     FLOW_ERR_PARSE);
    assert_null(s);
    assert_non_null(strstr(flow_last_error(), "bad.txt: line 3: 2 is outside [0, 1]"));
    assert_int_equal(flow_scenario_parse(&s, "name x\ncut RUS C99 DEU 1\n", "bad.txt"), FLOW_OK);
    assert_int_equal(flow_scenario_run_io(&t, s, model, NULL), FLOW_ERR_UNKNOWN_LABEL);
    assert_non_null(strstr(flow_last_error(), "bad.txt: line 2: 'C99' is neither a sector"));
    flow_scenario_free(s);
    /* Setters build the same scenario as the text. */
    assert_int_equal(flow_scenario_new(&s), FLOW_OK);
    assert_int_equal(flow_scenario_add_sector_group_member(s, "oil", "C19"), FLOW_OK);
    assert_int_equal(flow_scenario_add_sector_cut(s, "RUS", "oil", "DEU", 1.0, 7),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(
        flow_scenario_add_sector_cut(s, "RUS", "oil", "DEU", 1.0, FLOW_SECTOR_CUT_INTERMEDIATE),
        FLOW_OK);
    t = run_ok(s, model, NULL);
    flow_scenario *text = NULL;
    assert_int_equal(flow_scenario_parse(&text, "cut RUS C19 DEU 1 intermediate\n", NULL), FLOW_OK);
    flow_table *u = run_ok(text, model, NULL);
    assert_same_table(t, u);
    flow_table_free(t);
    flow_table_free(u);
    flow_scenario_free(text);
    flow_scenario_free(s);
    flow_mrio_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(example_as_scenario),
        cmocka_unit_test(region_pair_statements),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
