/*
 * test_io_structure.c - field of influence, multiplier product matrix,
 * coefficient change and look-through through the C ABI, on Miller &
 * Blair's Table 2.3 economy worked by hand:
 * A = [[.15, .25], [.20, .05]], L = [[.95, .25], [.20, .85]] / .7575,
 * y = [350, 1700], x = [1000, 2000].
 */
#include "support.h"

#include "libflow.h"

#include <math.h>

static flow_io_model *miller_blair(void)
{
    static const double z[4] = {150, 500, 200, 100}, y[2] = {350, 1700};
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, z, 1, y, NULL, NULL), FLOW_OK);
    return m;
}

static void test_field_and_mpm(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    flow_table *t = NULL;
    const double d = 0.7575;
    /* F(0, 1) = L_.0 L_1. = [.95, .20]' [.20, .85] / d^2. */
    assert_int_equal(flow_io_field_of_influence(&t, m, 0, 1), FLOW_OK);
    assert_close(flow_table_values(t)[0], 0.95 * 0.20 / (d * d), 1e-13);
    assert_close(flow_table_values(t)[3], 0.20 * 0.85 / (d * d), 1e-13);
    flow_table_free(t);
    /* Row sums 1.2 / d, 1.05 / d; column sums 1.15 / d, 1.10 / d; total 2.25 / d. */
    assert_int_equal(flow_io_multiplier_product(&t, m), FLOW_OK);
    assert_close(flow_table_values(t)[1], 1.2 * 1.10 / (2.25 * d), 1e-13);
    flow_table_free(t);
    assert_int_equal(flow_io_field_of_influence(&t, m, 2, 0), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    flow_io_model_free(m);
}

static void test_coefficient_change(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    flow_table *t = NULL;
    /* a_00 .15 -> .20: det(I - A~) = .80 * .95 - .25 * .20 = .71, x~ =
     * [[.95, .25], [.20, .80]] y / .71 = [757.5, 1430] / .71. */
    assert_int_equal(flow_io_coefficient_change(&t, m, 0, 0, 0.05), FLOW_OK);
    assert_string_equal(flow_table_col_label(t, 1), "output_new");
    assert_close(flow_table_values(t)[0], 1000.0, 1e-13);
    assert_close(flow_table_values(t)[1], 757.5 / 0.71, 1e-13);
    assert_close(flow_table_values(t)[4], 1430.0 / 0.71, 1e-13);
    assert_close(flow_table_values(t)[5], 1430.0 / 0.71 - 2000.0, 1e-12);
    flow_table_free(t);
    /* 1 - delta l_00 = 0 at delta = d / .95. */
    assert_int_equal(flow_io_coefficient_change(&t, m, 0, 0, 0.7575 / 0.95), FLOW_ERR_SINGULAR);
    assert_int_equal(flow_io_coefficient_change(&t, m, 0, 0, 1.0), FLOW_ERR_NOT_PRODUCTIVE);
    assert_null(t);
    flow_io_model_free(m);
}

static void test_look_through_two_regions(void **state)
{
    (void)state;
    /* Regions of one sector: region 1 buys a_01 = 10/100 from region 0, whose
     * value added is .8 of its output and which buys .2 back: w_0 = .8 / .98
     * (L_00 = 1 / .98), w_1 = .8 * .1 / .98 = input_look_through of region 1. */
    static const double z[4] = {0, 10, 20, 0}, y[4] = {60, 30, 10, 70};
    flow_io_model *m = NULL;
    flow_table *in = NULL, *fd = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, z, 2, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, 2, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_look_through(&in, &fd, m, 0), FLOW_OK);
    const double *v = flow_table_values(in);
    assert_true(isnan(v[0]));
    assert_close(v[5], 0.1, 1e-14);
    assert_close(v[6], 0.08 / 0.98, 1e-13);
    assert_close(v[7], 0.08 / 0.98, 1e-13);
    /* Region 1's final demand: 30 bought from region 0 (face 30 / 100); look
     * through: (w_0 30 + w_1 70) / 100. */
    assert_close(flow_table_values(fd)[5], 0.3, 1e-14);
    assert_close(flow_table_values(fd)[6], (0.8 / 0.98 * 30 + 0.08 / 0.98 * 70) / 100, 1e-13);
    flow_table_free(in);
    flow_table_free(fd);
    assert_int_equal(flow_io_look_through(&in, NULL, m, 2), FLOW_ERR_INVALID_ARG);
    assert_null(in);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_field_and_mpm),
        cmocka_unit_test(test_coefficient_change),
        cmocka_unit_test(test_look_through_two_regions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
