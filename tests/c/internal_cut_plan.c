/*
 * internal_cut_plan.c - a scenario is resolved once into a cut plan, and
 * every run takes what it needs from the plan alone: a plan built once and
 * used after its scenario is freed gives, bit for bit, the tables of the
 * public functions (which build their own plan) - the shock report on the
 * demo data (flow and stock layers, rerouting, DebtRank), a run on a
 * five-region MRIO, DebtRank on its claims, and the sector-specific run of
 * flow_scenario_run_io. Under AddressSanitizer any use of the freed scenario
 * would stop the test.
 */
#include "support.h"

#include "cut_plan.h"
#include "io_internal.h"
#include "libflow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void assert_same_table(const flow_table *a, const flow_table *b)
{
    assert_int_equal(flow_table_rows(a), flow_table_rows(b));
    assert_int_equal(flow_table_cols(a), flow_table_cols(b));
    int64_t cells = flow_table_rows(a) * flow_table_cols(a);
    const double *va = flow_table_values(a), *vb = flow_table_values(b);
    for (int64_t i = 0; i < cells; i++)
        assert_true(memcmp(&va[i], &vb[i], sizeof va[i]) == 0 || (isnan(va[i]) && isnan(vb[i])));
    for (int64_t r = 0; r < flow_table_rows(a); r++) {
        const char *la = flow_table_row_label(a, r), *lb = flow_table_row_label(b, r);
        assert_true((la == NULL && lb == NULL) || strcmp(la, lb) == 0);
    }
    assert_int_equal(flow_table_scalar_count(a), flow_table_scalar_count(b));
    for (int64_t i = 0; i < flow_table_scalar_count(a); i++) {
        double x = NAN, y = NAN;
        assert_int_equal(flow_table_scalar(a, flow_table_scalar_name(a, i), &x), FLOW_OK);
        assert_int_equal(flow_table_scalar(b, flow_table_scalar_name(a, i), &y), FLOW_OK);
        assert_true(x == y || (isnan(x) && isnan(y)));
    }
}

static flow_dataset *demo_dataset(void)
{
    const char *source = getenv("FLOW_SOURCE_DIR");
    const char *files[] = {"energy.csv", "finance.csv"};
    char path[4096];
    flow_dataset *ds = NULL;
    if (source == NULL)
        return NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/data/%s", source, files[i]);
        assert_int_equal(flow_dataset_read_csv(ds, path, NULL, NULL), FLOW_OK);
    }
    snprintf(path, sizeof path, "%s/data/economies.csv", source);
    assert_int_equal(flow_dataset_read_attributes(ds, path, "code", 1), FLOW_OK);
    return ds;
}

/* The demo's rerouted G7/EU-Russia scenario: energy (flows) and finance (stocks). */
static void test_report_from_one_plan(void **state)
{
    (void)state;
    flow_dataset *ds = demo_dataset();
    if (ds == NULL)
        skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/data/scenarios/g7_eu_russia_rerouted.txt",
             getenv("FLOW_SOURCE_DIR"));
    flow_scenario *s = NULL;
    flow_shock_options *o = NULL;
    assert_int_equal(flow_scenario_read(&s, path), FLOW_OK);
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "size_attribute", "gdp_usd_bn_2022"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "capital_attribute", "bank_capital_usd_bn_2022"),
                     FLOW_OK);
    flow_table *economies = NULL, *systems = NULL;
    assert_int_equal(flow_shock_report_new(&economies, &systems, ds, 2022, s, o), FLOW_OK);

    flow_i_cut_plan plan;
    assert_int_equal(flow_i_cut_plan_for_dataset(&plan, s, ds, o), FLOW_OK);
    flow_scenario_free(s); /* from here on only the plan speaks for the scenario */
    /* The sets: G7 (7) + EU (27) members, RUS, six intermediaries, each resolved to an index. */
    int64_t in_sets = 0;
    for (int64_t i = 0; i < plan.nmentions; i++)
        in_sets += plan.mentions[i].set != 0;
    assert_int_equal(in_sets, 7 + 27 + 1 + 6);
    for (int64_t i = 0; i < plan.nmentions; i++)
        if (strcmp(plan.mentions[i].code, "RUS") == 0)
            assert_true(plan.mentions[i].set == FLOW_I_IN_T && plan.mentions[i].index >= 0);
    const flow_i_plan_block *finance = flow_i_cut_plan_block(&plan, "finance", "*");
    const flow_i_plan_block *energy = flow_i_cut_plan_block(&plan, "energy", "*");
    assert_non_null(finance);
    assert_non_null(energy);
    assert_true(finance->severity == 1.0 && finance->rho == 0.4);
    assert_int_equal(finance->kind, FLOW_LAYER_STOCK);
    assert_true(energy->severity == 1.0 && energy->rho == 0.6);
    assert_int_equal(energy->kind, FLOW_LAYER_FLOW);

    flow_table *e2 = NULL, *s2 = NULL;
    assert_int_equal(flow_i_shock_report_plan(&e2, &s2, ds, 2022, &plan, o), FLOW_OK);
    assert_same_table(economies, e2);
    assert_same_table(systems, s2);
    /* The same plan serves a second report without being resolved again. */
    flow_table *e3 = NULL, *s3 = NULL;
    assert_int_equal(flow_i_shock_report_plan(&e3, &s3, ds, 2022, &plan, o), FLOW_OK);
    assert_same_table(e2, e3);
    flow_table_free(e3);
    flow_table_free(s3);
    flow_table_free(e2);
    flow_table_free(s2);
    flow_i_cut_plan_clear(&plan);
    flow_table_free(economies);
    flow_table_free(systems);
    flow_shock_options_free(o);
    flow_dataset_free(ds);
}

static const char *const mrio_scenario = "group G2 USA JPN\n"
                                         "sanctioning G2\n"
                                         "target RUS\n"
                                         "cut * * 0.7\n";

/* A run, a batch member and DebtRank on a five-region MRIO from one plan each. */
static void test_mrio_runs_from_one_plan(void **state)
{
    (void)state;
    flow_io_model *m = flow_test_five_region_mrio(20, 5, 11);
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s,
                                         "group G2 USA JPN\nsanctioning G2\ntarget RUS\n"
                                         "cut * * 0.7\nreroute * * 0.5\nvia CHN TUR KAZ\n",
                                         NULL),
                     FLOW_OK);
    flow_table *regions = NULL, *nodes = NULL;
    assert_int_equal(flow_shock_run(&regions, &nodes, m, s, NULL), FLOW_OK);
    const char *codes[5];
    for (int r = 0; r < 5; r++)
        codes[r] = flow_i_io_region_code(m, r);
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    flow_i_cut_plan plan;
    assert_int_equal(flow_i_cut_plan_for_regions(&plan, s, codes, 5, o), FLOW_OK);
    /* Claims among the five regions: the region table of the run, rows labelled. */
    double claims[25], capital[5];
    for (int i = 0; i < 25; i++)
        claims[i] = i / 5 == i % 5 ? 0.0 : 1.0 + (double)((i * 7) % 11);
    for (int i = 0; i < 5; i++)
        capital[i] = 4.0 + i;
    flow_table *exposure = NULL, *dr = NULL;
    assert_int_equal(flow_table_new(&exposure, 5, 5, claims, 5), FLOW_OK);
    for (int r = 0; r < 5; r++)
        assert_int_equal(flow_table_set_row_label(exposure, r, codes[r], NULL), FLOW_OK);
    assert_int_equal(flow_debtrank_run_scenario(&dr, exposure, capital, NULL, s, o), FLOW_OK);
    flow_scenario_free(s);
    /* KAZ is not a region of the model: a candidate route counted as skipped, once. */
    int64_t absent = 0;
    for (int64_t i = 0; i < plan.nmentions; i++)
        absent += plan.mentions[i].set != 0 && plan.mentions[i].index < 0;
    assert_int_equal(absent, 1);

    flow_table *r2 = NULL, *n2 = NULL, *dr2 = NULL;
    assert_int_equal(flow_i_shock_run_plan(&r2, &n2, m, &plan, NULL, plan.blocks, o), FLOW_OK);
    assert_same_table(regions, r2);
    assert_same_table(nodes, n2);
    assert_int_equal(
        flow_i_debtrank_run_plan(&dr2, exposure, capital, NULL, &plan, NULL, plan.blocks, o),
        FLOW_OK);
    assert_same_table(dr, dr2);
    flow_table_free(r2);
    flow_table_free(n2);
    flow_table_free(dr2);
    flow_table_free(dr);
    flow_table_free(exposure);
    flow_i_cut_plan_clear(&plan);
    flow_table_free(regions);
    flow_table_free(nodes);
    flow_shock_options_free(o);
    flow_io_model_free(m);
}

/* flow_scenario_run_io from a plan resolved once against the region and sector codes. */
static void test_io_run_from_one_plan(void **state)
{
    (void)state;
    flow_io_model *m = flow_test_five_region_mrio(20, 5, 5);
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s, mrio_scenario, NULL), FLOW_OK);
    flow_table *direct = NULL, *again = NULL;
    int64_t skipped = -1;
    assert_int_equal(flow_scenario_run_io(&direct, s, m, &skipped), FLOW_OK);
    assert_int_equal(skipped, 0);
    flow_i_cut_plan plan;
    assert_int_equal(flow_i_cut_plan_for_io(&plan, s, m), FLOW_OK);
    flow_scenario_free(s);
    assert_int_equal(plan.nio, 2); /* exports and imports of the one region-pair cut */
    assert_int_equal(plan.io_regions, 5);
    assert_int_equal(flow_i_cut_plan_run_io(&again, &plan, m), FLOW_OK);
    assert_true(flow_table_set_scalar(again, "blocks", (double)plan.nio) == FLOW_OK);
    assert_same_table(direct, again);
    flow_table_free(again);
    flow_table_free(direct);
    flow_i_cut_plan_clear(&plan);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_from_one_plan),
        cmocka_unit_test(test_mrio_runs_from_one_plan),
        cmocka_unit_test(test_io_run_from_one_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
