/*
 * test_shock_debtrank.c - DebtRank (Battiston et al. 2012) on networks small
 * enough to propagate by hand, both conventions (self-loops, inactive
 * nodes), and the scenario entry point.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

/*
 * A chain: bank 0 lends 5 to bank 1, bank 1 lends 4 to bank 2 (row = lender).
 * Capital [10, 8, 2]. Impacts W_ji = exposure_i->j / capital_i: 1 on 0 is
 * 5/10 = .5, 2 on 1 is 4/8 = .5. Bank 2 fails: h(1) = [0, 0, 1].
 *   round 1: 2 is distressed: h1 += .5 * 1 = .5; 2 becomes inactive
 *   round 2: 1 is distressed: h0 += .5 * .5 = .25; 1 inactive
 *   round 3: 0 is distressed and passes on to nobody; 0 inactive
 * h(T) = [.25, .5, 1]. With equal values 1/3: R = (.25 + .5 + 1)/3 - 1/3 = .25.
 * Default values are shares of claims [5, 4, 0] / 9:
 * R = 5/9 * .25 + 4/9 * .5 = 3.25 / 9.
 */
/* Column col of a DebtRank table (0: h(1), 1: h(T)) into h. */
static void column(const flow_table *t, int64_t col, double *h)
{
    for (int64_t i = 0; i < flow_table_rows(t); i++)
        h[i] = flow_table_values(t)[i * flow_table_cols(t) + col];
}

/* A named scalar of a DebtRank table. */
static double scalar(const flow_table *t, const char *name)
{
    double value = NAN;
    assert_int_equal(flow_table_scalar(t, name, &value), FLOW_OK);
    return value;
}

static void test_chain_by_hand(void **state)
{
    (void)state;
    const double e[9] = {0, 5, 0, 0, 0, 4, 0, 0, 0};
    const double capital[3] = {10, 8, 2}, h0[3] = {0, 0, 1};
    const double third[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    flow_table *r = NULL;
    double h[3];
    assert_int_equal(flow_debtrank_run(&r, 3, e, 3, capital, h0, third, NULL), FLOW_OK);
    assert_int_equal(flow_table_rows(r), 3);
    column(r, 1, h);
    assert_close(h[0], 0.25, 1e-15);
    assert_close(h[1], 0.5, 1e-15);
    assert_close(h[2], 1.0, 1e-15);
    assert_close(scalar(r, "rank"), 0.25, 1e-15);
    assert_close(scalar(r, "initial_impact"), 1.0 / 3, 1e-15);
    assert_int_equal(scalar(r, "rounds"), 3);
    column(r, 0, h);
    assert_true(h[0] == 0 && h[2] == 1);
    assert_string_equal(flow_table_col_label(r, 0), "distress_initial");
    assert_string_equal(flow_table_col_label(r, 1), "distress_final");
    flow_table_free(r);
    assert_int_equal(flow_debtrank_run(&r, 3, e, 3, capital, h0, NULL, NULL), FLOW_OK);
    assert_close(scalar(r, "rank"), 3.25 / 9, 1e-15);
    flow_table_free(r);
}

/*
 * Two banks lending 5 to each other, capital 10 each: W = .5 both ways.
 * h(1) = [.4, 0].
 * Single propagation: round 1: 0 passes .4: h1 = .2; round 2: 1 passes .2:
 * h0 = .5; then 0 is inactive: h(T) = [.5, .2].
 * Increments (Bardoscia et al.): .4 -> .2 -> .1 -> .05 ... a geometric series
 * with ratio .25 for each bank: h0 = .4 / (1 - .25) = 8/15, h1 = .5 h0 = 4/15.
 * Self-loops kept (bank 0 also lends 5 to itself): round 1 adds .5 * .4 to
 * bank 0 as well: h = [.6, .2]; round 2: h0 = .6 + .1 = .7.
 */
static void test_cycle_conventions(void **state)
{
    (void)state;
    const double e[4] = {0, 5, 5, 0}, loop[4] = {5, 5, 5, 0};
    const double capital[2] = {10, 10}, h0[2] = {0.4, 0};
    flow_table *r = NULL;
    flow_shock_options *o = NULL;
    double h[2];
    assert_int_equal(flow_debtrank_run(&r, 2, e, 2, capital, h0, NULL, NULL), FLOW_OK);
    column(r, 1, h);
    assert_close(h[0], 0.5, 1e-15);
    assert_close(h[1], 0.2, 1e-15);
    flow_table_free(r);

    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "single_propagation", "0"), FLOW_OK);
    assert_int_equal(flow_debtrank_run(&r, 2, e, 2, capital, h0, NULL, o), FLOW_OK);
    column(r, 1, h);
    assert_close(h[0], 8.0 / 15, 1e-10);
    assert_close(h[1], 4.0 / 15, 1e-10);
    assert_true(scalar(r, "rounds") < 100);
    flow_table_free(r);

    /* The self-loop is ignored by default ... */
    assert_int_equal(flow_debtrank_run(&r, 2, loop, 2, capital, h0, NULL, NULL), FLOW_OK);
    column(r, 1, h);
    assert_close(h[0], 0.5, 1e-15);
    flow_table_free(r);
    /* ... and counts when kept. */
    assert_int_equal(flow_shock_options_set(o, "keep_self_loops", "1"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "single_propagation", "1"), FLOW_OK);
    assert_int_equal(flow_debtrank_run(&r, 2, loop, 2, capital, h0, NULL, o), FLOW_OK);
    column(r, 1, h);
    assert_close(h[0], 0.7, 1e-15);
    assert_close(h[1], 0.2, 1e-15);
    flow_table_free(r);
    assert_int_equal(flow_shock_options_set(o, "max_rounds", "0"), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "shock option 'max_rounds': '0' is not"));
    flow_shock_options_free(o);
}

/*
 * Impact is capped at 1 and distress at 1: bank 0 lends 30 to bank 1 with
 * capital 10 (W = 1); bank 1 fails fully: h0 = min(1, 0 + 1 * 1) = 1.
 */
static void test_caps(void **state)
{
    (void)state;
    const double e[4] = {0, 30, 0, 0}, capital[2] = {10, 5}, h0[2] = {0.5, 1};
    flow_table *r = NULL;
    double h[2];
    assert_int_equal(flow_debtrank_run(&r, 2, e, 2, capital, h0, NULL, NULL), FLOW_OK);
    column(r, 1, h);
    assert_true(h[0] == 1.0 && h[1] == 1.0);
    flow_table_free(r);
}

static void test_bad_input(void **state)
{
    (void)state;
    const double e[4] = {0, -1, 0, 0}, good[4] = {0, 1, 0, 0}, capital[2] = {1, 1};
    const double h0[2] = {0, 1.5}, ok[2] = {0, 1};
    flow_table *r = (flow_table *)&r;
    assert_int_equal(flow_debtrank_run(&r, 2, e, 2, capital, ok, NULL, NULL), FLOW_ERR_VALUE);
    assert_null(r);
    assert_non_null(strstr(flow_last_error(), "exposure"));
    assert_int_equal(flow_debtrank_run(&r, 2, good, 2, capital, h0, NULL, NULL), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "initial distress[1]"));
    assert_int_equal(flow_debtrank_run(&r, 2, good, 1, capital, ok, NULL, NULL),
                     FLOW_ERR_INVALID_ARG);
}

/*
 * Scenario: USA and DEU (group WEST) cut finance with RUS at severity .5.
 * Claims (row = lender): USA on RUS 8, DEU on RUS 6, RUS on USA 4, CHN on
 * DEU 10; capital USA 20, DEU 12, RUS 10, CHN 50.
 * Written off: USA .5 * 8 = 4 -> h = .2; DEU 3 -> .25; RUS .5 * 4 = 2 -> .2;
 * CHN's claim on DEU is not cut: h(1) = [.2, .25, .2, 0].
 * Impacts: DEU on CHN = 10/50 = .2 (also USA on RUS .4, RUS on USA .4,
 * RUS on DEU .5).
 * Round 1 (all three distressed pass on their h(1)): USA += .4 * .2 (from
 * RUS) = .28; DEU += .5 * .2 = .35; RUS += .4 * .2 = .28; CHN += .2 * .25 = .05.
 * Round 2: only CHN is newly distressed and nobody is exposed to it.
 */
/*
 * A scenario on claims: USA -> RUS 8, DEU -> RUS 6, RUS -> USA 4, CHN -> DEU
 * 10 (row = lender), capital [20, 12, 10, 50]. WEST (USA, DEU; GBR is not in
 * the network) halves its links with RUS both ways: the claims left are
 * USA -> RUS 4, DEU -> RUS 3, RUS -> USA 2, CHN -> DEU 10; claims lost
 * (row sums) [4, 3, 2, 0], funding lost (column sums) [2, 0, 7, 0].
 * A partial cut is a withdrawal (AUTO): borrowers lose funding at the
 * discount .1: h(1) = [.1*2/20, 0, .1*7/10, 0] = [.01, 0, .07, 0]. Then on
 * the claims left (W_ji = E~_ij / capital_i):
 *   round 1: USA += 4/20 * .07 = .014; DEU += 3/12 * .07 = .0175;
 *            RUS += 2/10 * .01 = .002
 *   round 2: DEU passes .0175 on: CHN += 10/50 * .0175 = .0035
 * h(T) = [.024, .0175, .072, .0035].
 * As a write-off with recovery .4, lenders lose .6 of the claims lost:
 * h(1) = [.6*4/20, .6*3/12, .6*2/10, 0] = [.12, .15, .12, 0]; W = .6 E~/capital:
 *   round 1: USA += .6*4/20 * .12 = .0144; DEU += .6*3/12 * .12 = .018;
 *            RUS += .6*2/10 * .12 = .0144; CHN += .6*10/50 * .15 = .018
 * h(T) = [.1344, .168, .1344, .018].
 */
static void test_scenario_on_finance_layer(void **state)
{
    (void)state;
    const char *const codes[4] = {"USA", "DEU", "RUS", "CHN"};
    double e[16] = {0};
    e[0 * 4 + 2] = 8;
    e[1 * 4 + 2] = 6;
    e[2 * 4 + 0] = 4;
    e[3 * 4 + 1] = 10;
    const double capital[4] = {20, 12, 10, 50};
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s,
                                         "group WEST USA DEU GBR\n"
                                         "sanctioning WEST\n"
                                         "target RUS\n"
                                         "cut finance * 0.5\n",
                                         NULL),
                     FLOW_OK);
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "layer", "finance"), FLOW_OK);
    flow_table *r = NULL, *exposure = NULL;
    double h[4];
    assert_int_equal(flow_table_new(&exposure, 4, 4, e, 4), FLOW_OK);
    for (int64_t i = 0; i < 4; i++)
        assert_int_equal(flow_table_set_row_label(exposure, i, codes[i], NULL), FLOW_OK);
    assert_int_equal(flow_debtrank_run_scenario(&r, exposure, capital, NULL, s, o), FLOW_OK);
    for (int64_t i = 0; i < 4; i++) /* rows labelled by the codes */
        assert_string_equal(flow_table_row_label(r, i), codes[i]);
    assert_true(scalar(r, "stock_cut") == FLOW_STOCK_CUT_WITHDRAW);
    assert_close(scalar(r, "cut"), 9.0, 1e-15);
    assert_true(scalar(r, "skipped") == 1.0);
    const double h0[4] = {.01, 0, .07, 0}, h1[4] = {.024, .0175, .072, .0035};
    const double lost[4] = {4, 3, 2, 0}, funding[4] = {2, 0, 7, 0};
    column(r, 0, h);
    for (int i = 0; i < 4; i++)
        assert_close(h[i], h0[i], 1e-15);
    column(r, 1, h);
    for (int i = 0; i < 4; i++)
        assert_close(h[i], h1[i], 1e-15);
    column(r, 2, h);
    for (int i = 0; i < 4; i++)
        assert_close(h[i], lost[i], 1e-15);
    column(r, 3, h);
    for (int i = 0; i < 4; i++)
        assert_close(h[i], funding[i], 1e-15);
    flow_table_free(r);
    /* Frozen and written off, with recovery .4. */
    assert_int_equal(flow_shock_options_set(o, "recovery", "0.4"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "funding_discount", "0.1"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "stock_cut", "write_off"), FLOW_OK);
    assert_int_equal(flow_debtrank_run_scenario(&r, exposure, capital, NULL, s, o), FLOW_OK);
    const double w0[4] = {.12, .15, .12, 0}, w1[4] = {.1344, .168, .1344, .018};
    column(r, 0, h);
    for (int i = 0; i < 4; i++)
        assert_close(h[i], w0[i], 1e-15);
    column(r, 1, h);
    for (int i = 0; i < 4; i++)
        assert_close(h[i], w1[i], 1e-15);
    flow_table_free(r);
    /* A value out of range, an unknown word or key: refused, naming key and value. */
    assert_int_equal(flow_shock_options_set(o, "recovery", "1.5"), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "shock option 'recovery': '1.5' is not"));
    assert_int_equal(flow_shock_options_set(o, "stock_cut", "sideways"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_shock_options_set(o, "recovry", "0.5"), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "'recovry'"));
    assert_int_equal(flow_shock_options_set(o, NULL, "0.5"), FLOW_ERR_INVALID_ARG);
    /* The trade layer is not cut by this scenario: nothing happens. */
    assert_int_equal(flow_shock_options_set(o, "layer", "trade"), FLOW_OK);
    assert_int_equal(flow_debtrank_run_scenario(&r, exposure, capital, NULL, s, o), FLOW_OK);
    assert_true(scalar(r, "final_impact") == 0.0);
    flow_table_free(r);
    /* The exposure must be square: its rows name the economies of its columns. */
    flow_table *wide = NULL;
    assert_int_equal(flow_table_slice(&wide, exposure, 0, 4, 0, 3), FLOW_OK);
    r = (flow_table *)&r;
    assert_int_equal(flow_debtrank_run_scenario(&r, wide, capital, NULL, s, o),
                     FLOW_ERR_INVALID_ARG);
    assert_null(r);
    flow_table_free(wide);
    flow_table_free(exposure);
    flow_shock_options_free(o);
    flow_scenario_free(s);
}

/*
 * Rerouted claims reduce distress. A lends 10 to T and 10 to H, H lends 10 to
 * T; capital 100 each. A halves its claims on T (5 withdrawn): without
 * rerouting T loses 5 of funding, h_T(1) = .1 * 5 / 100 = .005. With rho 1
 * through H (legs A -> H and H -> T of 10 each carry 5 within the default
 * throughput bound) A holds 15 on H, H 15 on T: nobody loses funding or
 * claims, h(1) = 0, and rerouted = 5, lost = 0.
 */
static void test_rerouted_claims(void **state)
{
    (void)state;
    const char *const codes[3] = {"AAA", "TTT", "HHH"};
    const double e[9] = {0, 10, 10, /* A */ 0, 0, 0, /* T */ 0, 10, 0 /* H */};
    const double capital[3] = {100, 100, 100};
    flow_scenario *s = NULL;
    flow_table *r = NULL, *exposure = NULL;
    double h[3];
    assert_int_equal(flow_table_new(&exposure, 3, 3, e, 3), FLOW_OK);
    for (int64_t i = 0; i < 3; i++)
        assert_int_equal(flow_table_set_row_label(exposure, i, codes[i], NULL), FLOW_OK);
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning AAA\ntarget TTT\ndirection exports\n"
                                         "cut * * 0.5\n",
                                         NULL),
                     FLOW_OK);
    assert_int_equal(flow_debtrank_run_scenario(&r, exposure, capital, NULL, s, NULL), FLOW_OK);
    column(r, 0, h);
    assert_close(h[1], .005, 1e-15);
    assert_true(h[0] == 0.0 && h[2] == 0.0);
    flow_table_free(r);
    assert_int_equal(flow_scenario_set_substitution(s, NULL, NULL, 1.0), FLOW_OK);
    assert_int_equal(flow_scenario_add_intermediary(s, "HHH"), FLOW_OK);
    assert_int_equal(flow_debtrank_run_scenario(&r, exposure, capital, NULL, s, NULL), FLOW_OK);
    assert_close(scalar(r, "rerouted"), 5.0, 1e-12);
    assert_close(scalar(r, "lost"), 0.0, 1e-12);
    for (int col = 0; col < 4; col++) {
        column(r, col, h);
        for (int i = 0; i < 3; i++)
            assert_close(h[i], 0.0, 1e-12);
    }
    assert_close(scalar(r, "rank"), 0.0, 1e-15);
    flow_table_free(r);
    flow_table_free(exposure);
    flow_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain_by_hand),
        cmocka_unit_test(test_cycle_conventions),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_scenario_on_finance_layer),
        cmocka_unit_test(test_rerouted_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
