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
    return flow_test_five_region_mrio(N, K, 2024u);
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

/* Quantity q of row r (node or region) of scenario i in a part of a batch. */
static double stacked(const flow_shock_batch *b, int part, int64_t i, int64_t r, int q)
{
    flow_table *t = NULL;
    char group[24];
    int64_t per = part == FLOW_SHOCK_BATCH_NODES ? N : REG;
    assert_int_equal(flow_shock_batch_table(&t, b, part), FLOW_OK);
    snprintf(group, sizeof group, "%lld", (long long)i);
    assert_string_equal(flow_table_row_group(t, i * per + r), group);
    assert_true(q < flow_table_cols(t));
    double v = flow_table_values(t)[(i * per + r) * flow_table_cols(t) + q];
    flow_table_free(t);
    return v;
}

/* Column "member", "severity" or "rho" of scenario i. */
static double label(const flow_shock_batch *b, int64_t i, const char *column)
{
    flow_table *t = NULL;
    int64_t row = -1, col = -1;
    char name[24];
    snprintf(name, sizeof name, "%lld", (long long)i);
    assert_int_equal(flow_shock_batch_table(&t, b, FLOW_SHOCK_BATCH_SCENARIOS), FLOW_OK);
    assert_int_equal(flow_table_find_row(t, name, NULL, &row), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, column, NULL, &col), FLOW_OK);
    double v = flow_table_values(t)[row * flow_table_cols(t) + col];
    flow_table_free(t);
    return v;
}

static void expect_same_as_single(flow_io_model *m, const flow_shock_batch *b, int64_t index,
                                  const flow_scenario *s)
{
    flow_table *regions = NULL, *nodes = NULL;
    double single[N];
    assert_int_equal(flow_shock_run(&regions, &nodes, m, s, NULL), FLOW_OK);
    static const int quantities[] = {FLOW_SHOCK_DEMAND_TOTAL, FLOW_SHOCK_DEMAND_DIRECT,
                                     FLOW_SHOCK_SUPPLY_TOTAL, FLOW_SHOCK_INOPERABILITY};
    for (size_t q = 0; q < sizeof quantities / sizeof *quantities; q++) {
        for (int i = 0; i < N; i++) /* column q of the node table is quantity q */
            single[i] = flow_table_values(nodes)[i * flow_table_cols(nodes) + quantities[q]];
        for (int i = 0; i < N; i++)
            assert_close(stacked(b, FLOW_SHOCK_BATCH_NODES, index, i, quantities[q]), single[i],
                         1e-11);
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
    flow_table *t = NULL;
    assert_int_equal(flow_shock_batch_table(&t, b, FLOW_SHOCK_BATCH_SCENARIOS), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    flow_table_free(t);
    assert_int_equal(flow_shock_batch_table(&t, b, FLOW_SHOCK_BATCH_NODES), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3 * N);
    flow_table_free(t);
    assert_int_equal(flow_shock_batch_table(&t, b, FLOW_SHOCK_BATCH_REGIONS), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3 * REG);
    assert_string_equal(flow_table_row_label(t, REG + 2), "RUS");
    assert_string_equal(flow_table_row_group(t, REG + 2), "1");
    assert_string_equal(flow_table_col_label(t, FLOW_SHOCK_DEMAND_TOTAL), "demand_total");
    for (int i = 0; i < 3; i++)
        expect_same_as_single(m, b, i, s[i]);
    double fact = -1, wood = -1, base = -1;
    assert_int_equal(flow_table_scalar(t, "factorisations", &fact), FLOW_OK);
    assert_int_equal(flow_table_scalar(t, "woodbury", &wood), FLOW_OK);
    assert_int_equal(flow_table_scalar(t, "base_solves", &base), FLOW_OK);
    assert_true(base == 1);
    assert_true(fact + wood == 1);
    flow_table_free(t);
    /* A final-demand-only cut is linear in the severity: scenario 2 = .3 x scenario 0. */
    for (int r = 0; r < REG; r++)
        assert_close(stacked(b, FLOW_SHOCK_BATCH_REGIONS, 2, r, FLOW_SHOCK_DEMAND_TOTAL),
                     0.3 * stacked(b, FLOW_SHOCK_BATCH_REGIONS, 0, r, FLOW_SHOCK_DEMAND_TOTAL),
                     1e-12);
    assert_int_equal(flow_shock_batch_table(&t, b, FLOW_SHOCK_BATCH_PART_COUNT),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
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
    const char *names[2] = {"USA", "JPN"};
    for (int i = 0; i < 2; i++) {
        assert_true(label(b, i, "member") == i);
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
    double previous = INFINITY;
    for (int i = 0; i < 5; i++) {
        assert_close(label(b, i, "rho"), 0.25 * i, 1e-15);
        double loss = stacked(b, FLOW_SHOCK_BATCH_REGIONS, i, 2, FLOW_SHOCK_DEMAND_TOTAL);
        assert_true(loss <= previous + 1e-12);
        previous = loss;
    }
    expect_same_as_single(m, b, 0, s);
    assert_true(stacked(b, FLOW_SHOCK_BATCH_REGIONS, 4, 3, FLOW_SHOCK_REROUTED_VIA) > 0 &&
                stacked(b, FLOW_SHOCK_BATCH_REGIONS, 4, 4, FLOW_SHOCK_REROUTED_VIA) > 0 &&
                stacked(b, FLOW_SHOCK_BATCH_REGIONS, 4, 0, FLOW_SHOCK_REROUTED_VIA) == 0);
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
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "severity_lo", "0.5"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "severity_hi", "1"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "rho_lo", "0"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "rho_hi", "0.8"), FLOW_OK);
    assert_int_equal(flow_shock_batch_montecarlo(&a, m, s, DRAWS, 42, o), FLOW_OK);
    assert_int_equal(flow_shock_batch_montecarlo(&b, m, s, DRAWS, 42, o), FLOW_OK);
    assert_int_equal(flow_shock_batch_montecarlo(&c, m, s, DRAWS, 43, o), FLOW_OK);
    int differ = 0;
    double column[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
        double sev_a = label(a, i, "severity"), rho_a = label(a, i, "rho");
        assert_true(sev_a == label(b, i, "severity") && rho_a == label(b, i, "rho"));
        differ |= sev_a != label(c, i, "severity");
        assert_true(sev_a >= 0.5 && sev_a <= 1.0 && rho_a >= 0.0 && rho_a <= 0.8);
        column[i] = stacked(a, FLOW_SHOCK_BATCH_REGIONS, i, 2, FLOW_SHOCK_DEMAND_TOTAL);
    }
    assert_true(differ);
    qsort(column, DRAWS, sizeof *column, cmp);
    /* With 21 draws, p = 5, 50, 95 sit at positions 1, 10, 19 exactly; 12.5 at 2.5. */
    const double p[4] = {5, 50, 95, 12.5};
    flow_table *bands = NULL;
    assert_int_equal(flow_shock_batch_percentiles(&bands, a, FLOW_SHOCK_DEMAND_TOTAL, p, 4),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(bands), REG);
    assert_int_equal(flow_table_cols(bands), 4);
    assert_string_equal(flow_table_row_label(bands, 2), "RUS");
    assert_string_equal(flow_table_col_label(bands, 0), "p5");
    assert_string_equal(flow_table_col_label(bands, 3), "p12.5");
    const double *v = flow_table_values(bands);
    assert_close(v[2 * 4 + 0], column[1], 1e-15);
    assert_close(v[2 * 4 + 1], column[10], 1e-15);
    assert_close(v[2 * 4 + 2], column[19], 1e-15);
    assert_close(v[2 * 4 + 3], 0.5 * (column[2] + column[3]), 1e-14);
    flow_table_free(bands);
    const double badp[1] = {101};
    assert_int_equal(flow_shock_batch_percentiles(&bands, a, FLOW_SHOCK_DEMAND_TOTAL, badp, 1),
                     FLOW_ERR_VALUE);
    assert_null(bands);
    assert_int_equal(flow_shock_batch_percentiles(&bands, a, FLOW_SHOCK_SIZE, p, 4),
                     FLOW_ERR_INVALID_ARG);
    /* A bound outside [0, 1] is refused where it is set, an unordered range by the run. */
    assert_int_equal(flow_shock_options_set(o, "rho_hi", "1.2"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_shock_options_set(o, "severity_hi", "0.4"), FLOW_OK); /* lo is 0.5 */
    flow_shock_batch *unordered = NULL;
    assert_int_equal(flow_shock_batch_montecarlo(&unordered, m, s, DRAWS, 42, o), FLOW_ERR_VALUE);
    assert_null(unordered);
    flow_shock_options_free(o);
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
