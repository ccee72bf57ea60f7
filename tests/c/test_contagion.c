/*
 * test_contagion.c - Eisenberg–Noe clearing with Rogers–Veraart default
 * costs, RAS and maximum-entropy exposures, against examples solved by hand
 * (the derivations are in the comments) and identities a wrong answer breaks.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

static const char *const banks[3] = {"A", "B", "C"};

/*
 * A owes B 10 and C 10, B owes C 10, C owes A 5; external assets 5, 2, 10.
 * Pi: A -> B 1/2, A -> C 1/2, B -> C 1, C -> A 1.
 */
static flow_table *three_banks(void)
{
    const double l[9] = {0, 10, 10, 0, 0, 10, 5, 0, 0};
    flow_table *t = NULL;
    assert_int_equal(flow_table_new(&t, 3, 3, l, 3), FLOW_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(flow_table_set_row_label(t, i, banks[i], NULL), FLOW_OK);
        assert_int_equal(flow_table_set_col_label(t, i, banks[i], NULL), FLOW_OK);
    }
    return t;
}

static double cell(const flow_table *t, int64_t row, const char *col)
{
    int64_t j = -1;
    assert_int_equal(flow_table_find_col(t, col, NULL, &j), FLOW_OK);
    return flow_table_values(t)[row * flow_table_cols(t) + j];
}

/*
 * Eisenberg–Noe (alpha = beta = 1), by hand with the fictitious-default
 * rounds: at full payment A has 5 + 5 = 10 < 20 and defaults (round 1);
 * then p_A = 5 + p_C = 10, so B has 2 + 10/2 = 7 < 10 and defaults (round 2);
 * then p_A = 5 + 5 = 10, p_B = 2 + 10/2 = 7; C has 10 + 5 + 7 = 22 >= 5.
 */
static void test_eisenberg_noe_by_hand(void **state)
{
    (void)state;
    flow_table *l = three_banks(), *r = NULL;
    const double e[3] = {5, 2, 10};
    assert_int_equal(flow_clearing_vector(&r, l, e, 1.0, 1.0), FLOW_OK);
    assert_string_equal(flow_table_row_label(r, 1), "B");
    const double payment[3] = {10, 7, 5}, round[3] = {1, 2, 0}, pbar[3] = {20, 10, 5};
    for (int i = 0; i < 3; i++) {
        assert_close(cell(r, i, "payment"), payment[i], 1e-12);
        assert_close(cell(r, i, "liabilities"), pbar[i], 1e-12);
        assert_close(cell(r, i, "round"), round[i], 0);
        assert_close(cell(r, i, "default"), round[i] > 0 ? 1 : 0, 0);
        assert_close(cell(r, i, "recovery_rate"), payment[i] / pbar[i], 1e-12);
    }
    /* net worth: A 5 + 5 - 20, B 2 + 5 - 10, C 10 + 5 + 7 - 5 */
    assert_close(cell(r, 0, "net_worth"), -10, 1e-12);
    assert_close(cell(r, 1, "net_worth"), -3, 1e-12);
    assert_close(cell(r, 2, "net_worth"), 17, 1e-12);
    flow_table_free(r);
    flow_table_free(l);
}

/*
 * Rogers–Veraart with alpha = beta = 1/2, by hand: round 1 A defaults
 * (10 < 20) and pays 5/2 + 5/2 = 5; B then has 2 + 5/2 = 4.5 < 10 (round 2);
 * p_A = 2.5 + 2.5 = 5, p_B = 1 + (5/2)/2 = 2.25; C has 10 + 2.5 + 2.25 >= 5.
 */
static void test_rogers_veraart_by_hand(void **state)
{
    (void)state;
    flow_table *l = three_banks(), *r = NULL;
    const double e[3] = {5, 2, 10};
    assert_int_equal(flow_clearing_vector(&r, l, e, 0.5, 0.5), FLOW_OK);
    assert_close(cell(r, 0, "payment"), 5, 1e-12);
    assert_close(cell(r, 1, "payment"), 2.25, 1e-12);
    assert_close(cell(r, 2, "payment"), 5, 1e-12);
    flow_table_free(r);
    flow_table_free(l);
}

/*
 * Default costs make a default that Eisenberg–Noe does not: e = (12, 2, 10).
 * EN: A has 12 + 5 = 17 < 20, pays 17; B has 2 + 8.5 = 10.5 >= 10, solvent.
 * RV with alpha = beta = 0.5: A pays 6 + 2.5 = 8.5; B has 2 + 4.25 < 10 and
 * defaults in round 2, paying 1 + 2.125 = 3.125.
 */
static void test_default_costs_spread_defaults(void **state)
{
    (void)state;
    flow_table *l = three_banks(), *en = NULL, *rv = NULL;
    const double e[3] = {12, 2, 10};
    assert_int_equal(flow_clearing_vector(&en, l, e, 1.0, 1.0), FLOW_OK);
    assert_close(cell(en, 0, "payment"), 17, 1e-12);
    assert_close(cell(en, 1, "default"), 0, 0);
    assert_int_equal(flow_clearing_vector(&rv, l, e, 0.5, 0.5), FLOW_OK);
    assert_close(cell(rv, 0, "payment"), 8.5, 1e-12);
    assert_close(cell(rv, 1, "payment"), 3.125, 1e-12);
    assert_close(cell(rv, 1, "round"), 2, 0);
    flow_table_free(en);
    flow_table_free(rv);
    flow_table_free(l);
}

static void test_clearing_rejects_bad_input(void **state)
{
    (void)state;
    flow_table *l = three_banks(), *r = (flow_table *)1;
    const double e[3] = {5, 2, 10}, bad_e[3] = {5, -1, 10};
    assert_int_equal(flow_clearing_vector(&r, l, e, 0.0, 1.0), FLOW_ERR_VALUE);
    assert_null(r);
    assert_int_equal(flow_clearing_vector(&r, l, bad_e, 1.0, 1.0), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "external_assets[1]"));
    assert_int_equal(flow_clearing_vector(&r, l, NULL, 1.0, 1.0), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_table_set(l, 1, 1, 3.0), FLOW_OK);
    assert_int_equal(flow_clearing_vector(&r, l, e, 1.0, 1.0), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "bank B owes itself"));
    flow_table_free(l);
}

/*
 * RAS on P = [[1, 2], [3, 1]] to rows (3, 3), columns (4, 2). The solution
 * keeps P's cross ratio x11 x22 / (x12 x21) = 1/6; with x11 = a the margins
 * give x12 = 3 - a, x21 = 4 - a, x22 = a - 1, so 6a(a - 1) = (3 - a)(4 - a),
 * 5a^2 + a - 12 = 0, a = (-1 + sqrt(241)) / 10.
 */
static void test_ras_by_hand(void **state)
{
    (void)state;
    const double p[4] = {1, 2, 3, 1}, rows[2] = {3, 3}, cols[2] = {4, 2};
    flow_table *prior = NULL, *x = NULL;
    assert_int_equal(flow_table_new(&prior, 2, 2, p, 2), FLOW_OK);
    assert_int_equal(flow_table_set_row_label(prior, 1, "mining", NULL), FLOW_OK);
    assert_int_equal(flow_ras(&x, prior, rows, cols, 1e-13, 1000), FLOW_OK);
    double a = (-1 + sqrt(241.0)) / 10;
    const double *v = flow_table_values(x);
    assert_close(v[0], a, 1e-10);
    assert_close(v[1], 3 - a, 1e-10);
    assert_close(v[2], 4 - a, 1e-10);
    assert_close(v[3], a - 1, 1e-10);
    assert_string_equal(flow_table_row_label(x, 1), "mining");
    flow_table_free(x);
    /* Unequal totals, and a target the zero pattern cannot meet. */
    const double cols_bad[2] = {4, 3};
    assert_int_equal(flow_ras(&x, prior, rows, cols_bad, 1e-12, 100), FLOW_ERR_VALUE);
    assert_null(x);
    const double q[4] = {1, 0, 1, 0}, rows2[2] = {1, 1}, cols2[2] = {1, 1};
    flow_table *zero_col = NULL;
    assert_int_equal(flow_table_new(&zero_col, 2, 2, q, 2), FLOW_OK);
    assert_int_equal(flow_ras(&x, zero_col, rows2, cols2, 1e-12, 100), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "column 1"));
    flow_table_free(zero_col);
    flow_table_free(prior);
}

/*
 * Maximum entropy for three banks with assets = liabilities = (1, 1, 1): by
 * symmetry every off-diagonal claim is 1/2.  With assets (2, 1, 1) and
 * liabilities (1, 1, 2) the margins and the zero diagonal are met and the
 * result is biproportional to the prior: x_ij = r_i s_j off the diagonal, so
 * x_01 x_12 x_20 = x_02 x_21 x_10 (both equal r0 r1 r2 s0 s1 s2).
 */
static void test_max_entropy(void **state)
{
    (void)state;
    const double ones[3] = {1, 1, 1};
    flow_table *x = NULL;
    assert_int_equal(flow_exposures_max_entropy(&x, 3, banks, ones, ones, 1e-13, 1000), FLOW_OK);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            assert_close(flow_table_values(x)[i * 3 + j], i == j ? 0.0 : 0.5, 1e-12);
    assert_string_equal(flow_table_col_label(x, 2), "C");
    flow_table_free(x);
    const double a[3] = {2, 1, 1}, l[3] = {1, 1, 2};
    assert_int_equal(flow_exposures_max_entropy(&x, 3, NULL, a, l, 1e-13, 10000), FLOW_OK);
    const double *v = flow_table_values(x);
    for (int i = 0; i < 3; i++) {
        assert_close(v[i * 3 + i], 0, 0);
        assert_close(v[i * 3] + v[i * 3 + 1] + v[i * 3 + 2], a[i], 1e-10);
        assert_close(v[i] + v[3 + i] + v[6 + i], l[i], 1e-10);
    }
    assert_close(v[1] * v[5] * v[6], v[2] * v[7] * v[3], 1e-10);
    flow_table_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eisenberg_noe_by_hand),
        cmocka_unit_test(test_rogers_veraart_by_hand),
        cmocka_unit_test(test_default_costs_spread_defaults),
        cmocka_unit_test(test_clearing_rejects_bad_input),
        cmocka_unit_test(test_ras_by_hand),
        cmocka_unit_test(test_max_entropy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
