/*
 * test_shock_lowrank.c - Monte-Carlo batches large enough for the shared
 * solve to go through a basis of the draws' span (shock_lowrank.c): every
 * draw must equal a single flow_shock_run of the scenario with that draw's
 * severity and rho, quantity by quantity, node by node; and a batch of
 * scenarios with unrelated cuts (a span too wide for a basis) as well.
 */
#include "support.h"

#include <libflow.h>

#include <stdio.h>
#include <stdlib.h>

#define N   20
#define K   5
#define REG 5

static flow_io_model *mrio(void)
{
    return flow_test_five_region_mrio(N, K, 99u);
}

static flow_scenario *scenario(const char *from, const char *to, double severity, double rho)
{
    flow_scenario *s = NULL;
    char text[256];
    snprintf(text, sizeof text,
             "sanctioning %s\ntarget %s\ncut * * %.17g\nreroute * * %.17g\nchannels final\n"
             "via CHN TUR\n",
             from, to, severity, rho);
    assert_int_equal(flow_scenario_parse(&s, text, "lowrank"), FLOW_OK);
    return s;
}

/* Column `name` of row `row` of a table. */
static double cell(const flow_table *t, int64_t row, const char *name)
{
    int64_t col = -1;
    assert_int_equal(flow_table_find_col(t, name, NULL, &col), FLOW_OK);
    return flow_table_values(t)[row * flow_table_cols(t) + col];
}

/* Scenario `index` of the batch's node table against a single run of s. */
static void expect_single(flow_io_model *m, const flow_table *batch_nodes, int64_t index,
                          const flow_scenario *s)
{
    static const int quantities[] = {FLOW_SHOCK_DEMAND_TOTAL, FLOW_SHOCK_DEMAND_DIRECT,
                                     FLOW_SHOCK_DEMAND_INDIRECT, FLOW_SHOCK_INOPERABILITY};
    flow_table *regions = NULL, *nodes = NULL;
    assert_int_equal(flow_shock_run(&regions, &nodes, m, s, NULL), FLOW_OK);
    int64_t cols = flow_table_cols(nodes);
    assert_int_equal(flow_table_cols(batch_nodes), cols);
    const double *batched = flow_table_values(batch_nodes) + index * N * cols;
    for (size_t q = 0; q < sizeof quantities / sizeof *quantities; q++)
        for (int i = 0; i < N; i++) {
            double single = flow_table_values(nodes)[i * cols + quantities[q]];
            assert_close(batched[i * cols + quantities[q]], single, 1e-11);
        }
    flow_table_free(regions);
    flow_table_free(nodes);
}

static void test_montecarlo_draws_equal_single_runs(void **state)
{
    (void)state;
    enum { DRAWS = 400 };
    flow_io_model *m = mrio();
    flow_scenario *s = scenario("USA JPN", "RUS", 1.0, 0.0);
    flow_shock_options *o = NULL;
    flow_shock_batch *b = NULL;
    flow_table *draws = NULL, *nodes = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "severity_lo", "0.2"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "severity_hi", "1"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "rho_lo", "0"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "rho_hi", "0.9"), FLOW_OK);
    assert_int_equal(flow_shock_batch_montecarlo(&b, m, s, DRAWS, 7, o), FLOW_OK);
    assert_int_equal(flow_shock_batch_table(&draws, b, FLOW_SHOCK_BATCH_SCENARIOS), FLOW_OK);
    assert_int_equal(flow_shock_batch_table(&nodes, b, FLOW_SHOCK_BATCH_NODES), FLOW_OK);
    assert_int_equal(flow_table_rows(nodes), DRAWS * N);
    for (int64_t i = 0; i < DRAWS; i += 37) {
        flow_scenario *one =
            scenario("USA JPN", "RUS", cell(draws, i, "severity"), cell(draws, i, "rho"));
        expect_single(m, nodes, i, one);
        flow_scenario_free(one);
    }
    flow_table_free(draws);
    flow_table_free(nodes);
    flow_shock_batch_free(b);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

/* Every ordered pair of regions, twice: 40 cuts spanning many directions. */
static void test_unrelated_cuts_equal_single_runs(void **state)
{
    (void)state;
    static const char *const codes[REG] = {"USA", "JPN", "RUS", "CHN", "TUR"};
    flow_io_model *m = mrio();
    flow_scenario *list[2 * REG * REG];
    int64_t count = 0;
    for (int rep = 0; rep < 2; rep++)
        for (int a = 0; a < REG; a++)
            for (int t = 0; t < REG; t++)
                if (a != t && !(a >= 3 || t >= 3))
                    list[count++] = scenario(codes[a], codes[t], 0.3 + 0.1 * rep + 0.05 * a, 0.0);
    flow_shock_batch *b = NULL;
    assert_int_equal(flow_shock_batch_run(&b, m, (const flow_scenario *const *)list, count, NULL),
                     FLOW_OK);
    flow_table *nodes = NULL;
    assert_int_equal(flow_shock_batch_table(&nodes, b, FLOW_SHOCK_BATCH_NODES), FLOW_OK);
    for (int64_t i = 0; i < count; i++)
        expect_single(m, nodes, i, list[i]);
    flow_table_free(nodes);
    flow_shock_batch_free(b);
    for (int64_t i = 0; i < count; i++)
        flow_scenario_free(list[i]);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_montecarlo_draws_equal_single_runs),
        cmocka_unit_test(test_unrelated_cuts_equal_single_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
