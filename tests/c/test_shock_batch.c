/*
 * test_shock_batch.c - batches of scenarios: the shared multi-right-hand-side
 * path and the per-scenario path agree with single runs, the generators
 * (each member, rho sweep, Monte-Carlo) build what they say, and percentile
 * bands follow the definition.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REG = 5, SEC = 2, N = REG * SEC, K = REG };

/* 5 regions x 2 sectors, one final-demand column per region. */
static flow_io_model *mrio(void)
{
    static const char *const regions[REG] = {"USA", "JPN", "RUS", "CHN", "TUR"};
    double z[N * N], y[N * K];
    unsigned seed = 2024u;
    for (int i = 0; i < N * N; i++)
        z[i] = 8.0 * flow_test_uniform(&seed);
    for (int i = 0; i < N * K; i++)
        y[i] = 10.0 + 30.0 * flow_test_uniform(&seed);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, N, z, K, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, REG, regions, NULL), FLOW_OK);
    return m;
}

static flow_scenario *g2_russia(int channels, double severity)
{
    flow_scenario *s = NULL;
    char text[256];
    snprintf(text, sizeof text,
             "group G2 USA JPN\nsanctioning G2\ntarget RUS\ncut * * %g\nchannels %s\n"
             "via CHN TUR\n",
             severity, channels == FLOW_SHOCK_FINAL ? "final" : "all");
    assert_int_equal(flow_scenario_parse(&s, text, "g2"), FLOW_OK);
    return s;
}

static void expect_same_as_single(flow_io_model *m, const flow_shock_batch *b, int64_t index,
                                  const flow_scenario *s)
{
    flow_table *regions = NULL, *nodes = NULL;
    double single[N], batched[N];
    assert_int_equal(flow_shock_run(&regions, &nodes, m, s, NULL), FLOW_OK);
    static const int quantities[] = {FLOW_SHOCK_DEMAND_TOTAL, FLOW_SHOCK_DEMAND_DIRECT,
                                     FLOW_SHOCK_SUPPLY_TOTAL, FLOW_SHOCK_INOPERABILITY};
    for (size_t q = 0; q < sizeof quantities / sizeof *quantities; q++) {
        for (int i = 0; i < N; i++) /* column q of the node table is quantity q */
            single[i] = flow_table_values(nodes)[i * flow_table_cols(nodes) + quantities[q]];
        assert_int_equal(flow_shock_batch_node_values(b, index, quantities[q], batched, N),
                         FLOW_OK);
        for (int i = 0; i < N; i++)
            assert_close(batched[i], single[i], 1e-11);
    }
    flow_table_free(regions);
    flow_table_free(nodes);
}

/*
 * A mixed batch: two final-demand-only scenarios (shared solve) and one that
 * cuts A (own solver). Each equals its single run; the work counters say one
 * shared solve and one Woodbury update or factorisation.
 */
static void test_mixed_batch_matches_single_runs(void **state)
{
    (void)state;
    flow_io_model *m = mrio();
    flow_scenario *s[3] = {g2_russia(FLOW_SHOCK_FINAL, 1.0),
                           g2_russia(FLOW_SHOCK_ALL_CHANNELS, 0.5),
                           g2_russia(FLOW_SHOCK_FINAL, 0.3)};
    flow_shock_batch *b = NULL;
    assert_int_equal(flow_shock_batch_run(&b, m, (const flow_scenario *const *)s, 3, NULL),
                     FLOW_OK);
    assert_int_equal(flow_shock_batch_count(b), 3);
    assert_int_equal(flow_shock_batch_nodes(b), N);
    assert_int_equal(flow_shock_batch_regions(b), REG);
    assert_string_equal(flow_shock_batch_region_code(b, 2), "RUS");
    for (int i = 0; i < 3; i++)
        expect_same_as_single(m, b, i, s[i]);
    int64_t fact = -1, wood = -1, base = -1;
    assert_int_equal(flow_shock_batch_work(b, &fact, &wood, &base), FLOW_OK);
    assert_int_equal(base, 1);
    assert_int_equal(fact + wood, 1);
    /* A final-demand-only cut is linear in the severity: scenario 2 = .3 x scenario 0. */
    double a[REG], c[REG];
    assert_int_equal(flow_shock_batch_region_values(b, 0, FLOW_SHOCK_DEMAND_TOTAL, a, REG),
                     FLOW_OK);
    assert_int_equal(flow_shock_batch_region_values(b, 2, FLOW_SHOCK_DEMAND_TOTAL, c, REG),
                     FLOW_OK);
    for (int r = 0; r < REG; r++)
        assert_close(c[r], 0.3 * a[r], 1e-12);
    assert_int_equal(flow_shock_batch_node_values(b, 3, FLOW_SHOCK_DEMAND_TOTAL, a, N),
                     FLOW_ERR_INVALID_ARG);
    flow_shock_batch_free(b);
    for (int i = 0; i < 3; i++)
        flow_scenario_free(s[i]);
    flow_io_model_free(m);
}

/* Each member alone: two scenarios, USA then JPN, each the single run with S = {member}. */
static void test_each_member(void **state)
{
    (void)state;
    flow_io_model *m = mrio();
    flow_scenario *s = g2_russia(FLOW_SHOCK_ALL_CHANNELS, 1.0);
    flow_shock_batch *b = NULL;
    assert_int_equal(flow_shock_batch_each_member(&b, m, s, NULL), FLOW_OK);
    assert_int_equal(flow_shock_batch_count(b), 2);
    int64_t member = -1;
    const char *names[2] = {"USA", "JPN"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(flow_shock_batch_label(b, i, &member, NULL, NULL), FLOW_OK);
        assert_int_equal(member, i);
        flow_scenario *alone = NULL;
        char text[128];
        snprintf(text, sizeof text, "sanctioning %s\ntarget RUS\ncut * * 1\n", names[i]);
        assert_int_equal(flow_scenario_parse(&alone, text, NULL), FLOW_OK);
        expect_same_as_single(m, b, i, alone);
        flow_scenario_free(alone);
    }
    flow_shock_batch_free(b);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

/*
 * A sweep of rho from 0 to 1 in 5 steps: the labels are 0, .25, ..., 1; the
 * loss of RUS falls (weakly) as more is rerouted, and rho = 0 equals the run
 * without rerouting.
 */
static void test_substitution_sweep(void **state)
{
    (void)state;
    flow_io_model *m = mrio();
    flow_scenario *s = g2_russia(FLOW_SHOCK_ALL_CHANNELS, 1.0);
    flow_shock_batch *b = NULL;
    assert_int_equal(flow_shock_batch_sweep_substitution(&b, m, s, 0.0, 1.0, 5, NULL), FLOW_OK);
    double previous = INFINITY, rho = -1, loss[REG];
    for (int i = 0; i < 5; i++) {
        assert_int_equal(flow_shock_batch_label(b, i, NULL, NULL, &rho), FLOW_OK);
        assert_close(rho, 0.25 * i, 1e-15);
        assert_int_equal(flow_shock_batch_region_values(b, i, FLOW_SHOCK_DEMAND_TOTAL, loss, REG),
                         FLOW_OK);
        assert_true(loss[2] <= previous + 1e-12);
        previous = loss[2];
    }
    expect_same_as_single(m, b, 0, s);
    double via[REG];
    assert_int_equal(flow_shock_batch_region_values(b, 4, FLOW_SHOCK_REROUTED_VIA, via, REG),
                     FLOW_OK);
    assert_true(via[3] > 0 && via[4] > 0 && via[0] == 0);
    flow_shock_batch_free(b);
    assert_int_equal(flow_shock_batch_sweep_substitution(&b, m, s, 0.0, 1.5, 5, NULL),
                     FLOW_ERR_VALUE);
    assert_null(b);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * Monte-Carlo: the same seed gives the same draws, another seed others; the
 * draws stay in their ranges; the percentile bands are the order statistics
 * interpolated as numpy does (checked on the sorted region values here).
 */
static void test_montecarlo_bands(void **state)
{
    (void)state;
    enum { DRAWS = 21 };
    flow_io_model *m = mrio();
    flow_scenario *s = g2_russia(FLOW_SHOCK_FINAL, 1.0);
    flow_shock_batch *a = NULL, *b = NULL, *c = NULL;
    assert_int_equal(flow_shock_batch_montecarlo(&a, m, s, DRAWS, 42, 0.5, 1.0, 0.0, 0.8, NULL),
                     FLOW_OK);
    assert_int_equal(flow_shock_batch_montecarlo(&b, m, s, DRAWS, 42, 0.5, 1.0, 0.0, 0.8, NULL),
                     FLOW_OK);
    assert_int_equal(flow_shock_batch_montecarlo(&c, m, s, DRAWS, 43, 0.5, 1.0, 0.0, 0.8, NULL),
                     FLOW_OK);
    double sev_a, rho_a, sev_b, rho_b, sev_c, rho_c;
    int differ = 0;
    double column[DRAWS], loss[REG];
    for (int i = 0; i < DRAWS; i++) {
        assert_int_equal(flow_shock_batch_label(a, i, NULL, &sev_a, &rho_a), FLOW_OK);
        assert_int_equal(flow_shock_batch_label(b, i, NULL, &sev_b, &rho_b), FLOW_OK);
        assert_int_equal(flow_shock_batch_label(c, i, NULL, &sev_c, &rho_c), FLOW_OK);
        assert_true(sev_a == sev_b && rho_a == rho_b);
        differ |= sev_a != sev_c;
        assert_true(sev_a >= 0.5 && sev_a <= 1.0 && rho_a >= 0.0 && rho_a <= 0.8);
        assert_int_equal(flow_shock_batch_region_values(a, i, FLOW_SHOCK_DEMAND_TOTAL, loss, REG),
                         FLOW_OK);
        column[i] = loss[2];
    }
    assert_true(differ);
    qsort(column, DRAWS, sizeof *column, cmp);
    /* With 21 draws, p = 5, 50, 95 sit at positions 1, 10, 19 exactly; 12.5 at 2.5. */
    const double p[4] = {5, 50, 95, 12.5};
    double bands[REG * 5];
    assert_int_equal(
        flow_shock_batch_percentiles(a, FLOW_SHOCK_DEMAND_TOTAL, p, 4, bands, REG * 5, 5), FLOW_OK);
    assert_close(bands[2 * 5 + 0], column[1], 1e-15);
    assert_close(bands[2 * 5 + 1], column[10], 1e-15);
    assert_close(bands[2 * 5 + 2], column[19], 1e-15);
    assert_close(bands[2 * 5 + 3], 0.5 * (column[2] + column[3]), 1e-14);
    const double badp[1] = {101};
    assert_int_equal(
        flow_shock_batch_percentiles(a, FLOW_SHOCK_DEMAND_TOTAL, badp, 1, bands, REG * 5, 5),
        FLOW_ERR_VALUE);
    assert_int_equal(flow_shock_batch_percentiles(a, FLOW_SHOCK_DEMAND_TOTAL, p, 4, bands, 20, 5),
                     FLOW_ERR_BUFFER_TOO_SMALL);
    flow_shock_batch_free(a);
    flow_shock_batch_free(b);
    flow_shock_batch_free(c);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_batch_matches_single_runs),
        cmocka_unit_test(test_each_member),
        cmocka_unit_test(test_substitution_sweep),
        cmocka_unit_test(test_montecarlo_bands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
