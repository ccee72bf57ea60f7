/*
 * test_iim.c - the inoperability family, the mixed model and the price
 * model on the two-sector table of Miller & Blair (2009, Input-Output
 * Analysis, 2nd ed., section 2.3.1): Z = [[150, 500], [200, 100]],
 * x = (1000, 2000), f = (350, 1700), A = [[.15, .25], [.20, .05]], so
 * det(I - A) = .85 * .95 - .25 * .20 = .7575 and
 * L = [[.95, .25], [.20, .85]] / .7575 = [[1.2541, .3300], [.2640, 1.1221]]
 * as printed there. Every expected value below is derived by hand from these.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

#define DET 0.7575

static const char *const sectors[2] = {"agriculture", "manufacturing"};
static const double x_mb[2] = {1000, 2000};

static flow_table *labelled(const double *v)
{
    flow_table *t = NULL;
    assert_int_equal(flow_table_new(&t, 2, 2, v, 2), FLOW_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(flow_table_set_row_label(t, i, sectors[i], NULL), FLOW_OK);
        assert_int_equal(flow_table_set_col_label(t, i, sectors[i], NULL), FLOW_OK);
    }
    return t;
}

static flow_table *z_mb(void)
{
    const double z[4] = {150, 500, 200, 100};
    return labelled(z);
}

static flow_table *a_mb(void)
{
    const double a[4] = {0.15, 0.25, 0.20, 0.05};
    return labelled(a);
}

static double col(const flow_table *t, int64_t row, const char *name)
{
    int64_t j = -1;
    assert_int_equal(flow_table_find_col(t, name, NULL, &j), FLOW_OK);
    return flow_table_values(t)[row * flow_table_cols(t) + j];
}

/*
 * Demand side: A* = diag(x)^-1 Z = [[.15, .5], [.1, .05]]. Losing 35 of
 * agriculture's final demand (c* = (.035, 0)) must give the Leontief loss
 * over output: dx = L (35, 0) = (.95, .20) 35 / .7575, q = dx / x.
 */
static void test_demand_side_is_leontief_in_fractions(void **state)
{
    (void)state;
    flow_table *z = z_mb(), *m = NULL, *r = NULL;
    assert_int_equal(flow_iim_matrix(&m, z, x_mb, FLOW_IIM_DEMAND), FLOW_OK);
    const double *v = flow_table_values(m);
    assert_close(v[0], 0.15, 1e-15);
    assert_close(v[1], 0.5, 1e-15);
    assert_close(v[2], 0.1, 1e-15);
    assert_close(v[3], 0.05, 1e-15);
    assert_string_equal(flow_table_col_label(m, 1), "manufacturing");
    const double c[2] = {0.035, 0};
    assert_int_equal(flow_iim_static(&r, m, c, x_mb), FLOW_OK);
    assert_close(col(r, 0, "inoperability"), 0.95 * 35 / DET / 1000, 1e-14);
    assert_close(col(r, 1, "inoperability"), 0.20 * 35 / DET / 2000, 1e-14);
    assert_close(col(r, 0, "output_loss"), 0.95 * 35 / DET, 1e-11);
    assert_close(col(r, 0, "perturbation"), 0.035, 0);
    assert_string_equal(flow_table_row_label(r, 1), "manufacturing");
    flow_table_free(r);
    flow_table_free(m);
    flow_table_free(z);
}

/*
 * Supply side: losing 140 of manufacturing's primary inputs. Ghosh:
 * B = diag(x)^-1 Z = [[.15, .5], [.1, .05]], (I - B)^-1 = [[.95, .5],
 * [.1, .85]] / .7575, dx' = (0, 140) (I - B)^-1 = (14, 119) / .7575 and
 * q = dx / x. The supply-side IIM must give the same.
 */
static void test_supply_side_is_ghosh_in_fractions(void **state)
{
    (void)state;
    flow_table *z = z_mb(), *m = NULL, *r = NULL;
    assert_int_equal(flow_iim_matrix(&m, z, x_mb, FLOW_IIM_SUPPLY), FLOW_OK);
    const double v_star[2] = {0, 140.0 / 2000};
    assert_int_equal(flow_iim_static(&r, m, v_star, NULL), FLOW_OK);
    assert_int_equal(flow_table_cols(r), 2);
    assert_close(col(r, 0, "inoperability"), 14 / DET / 1000, 1e-14);
    assert_close(col(r, 1, "inoperability"), 119 / DET / 2000, 1e-14);
    flow_table_free(r);
    flow_table_free(m);
    assert_int_equal(flow_iim_matrix(&m, z, x_mb, 7), FLOW_ERR_INVALID_ARG);
    const double zero_x[2] = {1000, 0};
    assert_int_equal(flow_iim_matrix(&m, z, zero_x, FLOW_IIM_DEMAND), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "manufacturing"));
    assert_null(m);
    flow_table_free(z);
}

/*
 * Dynamic IIM. One sector with a* = .2 and k = .5 recovering from q0 = .4:
 * q(t + 1) = q(t) (1 - .5 * .8) = .6 q(t), so q(3) = .4 * .216. Resilience
 * from "10 periods from .4 to .04": k = ln(10) / (10 * .8).
 */
static void test_dynamic_one_sector_by_hand(void **state)
{
    (void)state;
    const double a = 0.2, k = 0.5, q0 = 0.4;
    flow_table *m = NULL, *path = NULL, *kt = NULL;
    assert_int_equal(flow_table_new(&m, 1, 1, &a, 1), FLOW_OK);
    assert_int_equal(flow_table_set_row_label(m, 0, "power", NULL), FLOW_OK);
    assert_int_equal(flow_iim_dynamic(&path, m, &k, &q0, NULL, 3), FLOW_OK);
    assert_int_equal(flow_table_rows(path), 4);
    assert_string_equal(flow_table_row_label(path, 3), "3");
    assert_string_equal(flow_table_col_label(path, 0), "power");
    for (int t = 0; t <= 3; t++)
        assert_close(flow_table_values(path)[t], q0 * pow(0.6, t), 1e-15);
    const double q_target = 0.04, time = 10;
    assert_int_equal(flow_iim_resilience(&kt, m, &q0, &q_target, &time), FLOW_OK);
    assert_close(flow_table_values(kt)[0], log(10.0) / 8.0, 1e-15);
    assert_string_equal(flow_table_col_label(kt, 0), "resilience");
    flow_table_free(kt);
    assert_int_equal(flow_iim_resilience(&kt, m, &q_target, &q0, &time), FLOW_ERR_VALUE);
    flow_table_free(path);
    flow_table_free(m);
}

/* With a lasting perturbation the path settles at the static equilibrium. */
static void test_dynamic_settles_at_equilibrium(void **state)
{
    (void)state;
    flow_table *z = z_mb(), *m = NULL, *path = NULL, *eq = NULL;
    assert_int_equal(flow_iim_matrix(&m, z, x_mb, FLOW_IIM_DEMAND), FLOW_OK);
    const double k[2] = {0.3, 0.6}, q0[2] = {0.5, 0.1}, c[2] = {0.035, 0.01};
    assert_int_equal(flow_iim_dynamic(&path, m, k, q0, c, 400), FLOW_OK);
    assert_int_equal(flow_iim_static(&eq, m, c, NULL), FLOW_OK);
    const double *last = flow_table_values(path) + 400 * 2;
    assert_close(last[0], col(eq, 0, "inoperability"), 1e-12);
    assert_close(last[1], col(eq, 1, "inoperability"), 1e-12);
    flow_table_free(eq);
    flow_table_free(path);
    flow_table_free(m);
    flow_table_free(z);
}

/*
 * Mixed model: manufacturing held at 1800 (an embargo as a quantity), the
 * published agricultural final demand 350 kept. x1 = (350 + .25 * 1800) /
 * .85 = 800 / .85; f2 = .95 * 1800 - .2 * x1. With manufacturing held at its
 * published output 2000 the published table comes back: x1 = 1000, f2 = 1700.
 */
static void test_mixed_model_by_hand(void **state)
{
    (void)state;
    flow_table *a = a_mb(), *r = NULL;
    const double f[2] = {350, -1}; /* f2 is ignored for a constrained sector */
    const double xbar[2] = {-1, 1800};
    const int fixed[2] = {0, 1};
    assert_int_equal(flow_io_mixed(&r, a, f, xbar, fixed), FLOW_OK);
    double x1 = 800 / 0.85;
    assert_close(col(r, 0, "output"), x1, 1e-11);
    assert_close(col(r, 1, "output"), 1800, 0);
    assert_close(col(r, 1, "final_demand"), 0.95 * 1800 - 0.2 * x1, 1e-11);
    assert_close(col(r, 0, "final_demand"), 350, 0);
    assert_close(col(r, 1, "constrained"), 1, 0);
    flow_table_free(r);
    const double base[2] = {-1, 2000};
    assert_int_equal(flow_io_mixed(&r, a, f, base, fixed), FLOW_OK);
    assert_close(col(r, 0, "output"), 1000, 1e-10);
    assert_close(col(r, 1, "final_demand"), 1700, 1e-10);
    flow_table_free(r);
    const double bad_f[2] = {-350, 0};
    assert_int_equal(flow_io_mixed(&r, a, bad_f, xbar, fixed), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "final demand of agriculture"));
    flow_table_free(a);
}

/*
 * Price model. Base year: value added per unit (.65, .70) gives prices 1.
 * A 10 % rise in agriculture's value-added cost, dv = (.065, 0):
 * (I - A') dp = dv, (I - A')^-1 = [[.95, .20], [.25, .85]] / .7575.
 * An imported input (.05 and .10 per unit) whose price rises by 50 %:
 * cost push (.025, .05), dp = ((.95 * .025 + .2 * .05), (.25 * .025 + .85 * .05)) / .7575.
 */
static void test_price_model_by_hand(void **state)
{
    (void)state;
    flow_table *a = a_mb(), *r = NULL, *m = NULL;
    const double base_v[2] = {0.65, 0.70};
    assert_int_equal(flow_io_price(&r, a, NULL, NULL, base_v), FLOW_OK);
    assert_close(col(r, 0, "price_change"), 1, 1e-14);
    assert_close(col(r, 1, "price_change"), 1, 1e-14);
    flow_table_free(r);
    const double dv[2] = {0.065, 0};
    assert_int_equal(flow_io_price(&r, a, NULL, NULL, dv), FLOW_OK);
    assert_close(col(r, 0, "price_change"), 0.95 * 0.065 / DET, 1e-14);
    assert_close(col(r, 1, "price_change"), 0.25 * 0.065 / DET, 1e-14);
    flow_table_free(r);
    const double mc[2] = {0.05, 0.10}, dpm = 0.5;
    assert_int_equal(flow_table_new(&m, 1, 2, mc, 2), FLOW_OK);
    assert_int_equal(flow_io_price(&r, a, m, &dpm, NULL), FLOW_OK);
    assert_close(col(r, 0, "cost_push"), 0.025, 1e-15);
    assert_close(col(r, 0, "price_change"), (0.95 * 0.025 + 0.2 * 0.05) / DET, 1e-14);
    assert_close(col(r, 1, "price_change"), (0.25 * 0.025 + 0.85 * 0.05) / DET, 1e-14);
    assert_string_equal(flow_table_row_label(r, 0), "agriculture");
    flow_table_free(r);
    flow_table_free(m);
    assert_int_equal(flow_table_new(&m, 1, 3, NULL, 3), FLOW_OK);
    assert_int_equal(flow_io_price(&r, a, m, &dpm, NULL), FLOW_ERR_DIMENSION);
    assert_null(r);
    flow_table_free(m);
    flow_table_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demand_side_is_leontief_in_fractions),
        cmocka_unit_test(test_supply_side_is_ghosh_in_fractions),
        cmocka_unit_test(test_dynamic_one_sector_by_hand),
        cmocka_unit_test(test_dynamic_settles_at_equilibrium),
        cmocka_unit_test(test_mixed_model_by_hand),
        cmocka_unit_test(test_price_model_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
