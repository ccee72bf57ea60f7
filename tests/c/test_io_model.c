/*
 * test_io_model.c - the IO model against published tables (Miller & Blair
 * 2009 Table 2.3; Eurostat manual, Beutel 2008, Table 15.4, Germany 1995) and
 * against identities that hold on any productive table.
 */
#include "support.h"

#include "libflow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Miller & Blair (2009) Table 2.3. */
static const double mb_z[4] = {150, 500, 200, 100};
static const double mb_f[2] = {350, 1700};

/* Eurostat manual Table 15.4 (Germany 1995, 6 sectors), x given. */
static const double de_z[36] = {1131,  25480,  1,     607,   710,   762,   7930,  304584, 64167,
                                41082, 11981,  30360, 426,   7334,  3875,  5296,  23457,  9155,
                                3559,  72717,  14190, 74399, 10835, 21008, 3637,  96115,  31027,
                                65755, 193176, 34223, 1552,  14986, 1747,  11225, 15058,  22070};
static const double de_x[6] = {43910, 1079446, 245606, 540063, 692487, 508918};

static flow_io_model *miller_blair(void)
{
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 2, 1, mb_f, 1, NULL, NULL), FLOW_OK);
    return m;
}

static void test_miller_blair_coefficients_and_inverse(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    const double *x = flow_io_model_output(m);
    assert_close(x[0], 1000.0, 1e-15);
    assert_close(x[1], 2000.0, 1e-15);
    const double *a = flow_io_model_technical(m);
    const double a_printed[4] = {0.15, 0.25, 0.20, 0.05};
    for (int i = 0; i < 4; i++)
        assert_close(a[i], a_printed[i], 1e-15);
    /* Value added = x - column sums of Z: 1000 - 350, 2000 - 600. */
    assert_close(flow_io_model_value_added(m)[0], 650.0, 1e-15);
    assert_close(flow_io_model_value_added(m)[1], 1400.0, 1e-15);
    double l[6] = {0}; /* row stride 3 to exercise strides */
    assert_int_equal(flow_io_model_leontief_inverse(m, l, 6, 3), FLOW_OK);
    assert_close(l[0], 1.2541254125, 1e-10);
    assert_close(l[1], 0.3300330033, 1e-10);
    assert_close(l[3], 0.2640264026, 1e-10);
    assert_close(l[4], 1.1221122112, 1e-10);
    flow_io_model_free(m);
}

static void test_miller_blair_solves(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    /* Two scenarios side by side: the original f and M&B's new demand [600, 1500]
     * (Section 2.3: x = [1247.52, 1841.58]). */
    double y[4] = {350, 600, 1700, 1500}, x[4];
    assert_int_equal(flow_io_model_leontief_solve(m, 2, y, 2, x, 4, 2), FLOW_OK);
    assert_close(x[0], 1000.0, 1e-12);
    assert_close(x[2], 2000.0, 1e-12);
    assert_close(x[1], 1247.52, 1e-5);
    assert_close(x[3], 1841.58, 1e-5);
    /* Ghosh: v'G = x'. */
    double v[2] = {650, 1400}, xs[2];
    assert_int_equal(flow_io_model_ghosh_solve(m, 1, v, 1, xs, 2, 1), FLOW_OK);
    assert_close(xs[0], 1000.0, 1e-12);
    assert_close(xs[1], 2000.0, 1e-12);
    flow_io_model_free(m);
}

static void test_eurostat_germany_total_backward_linkages(void **state)
{
    (void)state;
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 6, de_z, 6, 0, NULL, 0, NULL, de_x), FLOW_OK);
    double l[36];
    assert_int_equal(flow_io_model_leontief_inverse(m, l, 36, 6), FLOW_OK);
    const double printed[6] = {1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782};
    for (int j = 0; j < 6; j++) {
        double sum = 0.0;
        for (int i = 0; i < 6; i++)
            sum += l[i * 6 + j];
        assert_true(fabs(sum - printed[j]) < 0.5e-4);
    }
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_miller_blair_coefficients_and_inverse),
        cmocka_unit_test(test_miller_blair_solves),
        cmocka_unit_test(test_eurostat_germany_total_backward_linkages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
