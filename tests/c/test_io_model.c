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
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 1, mb_f, NULL, NULL), FLOW_OK);
    return m;
}

/* A named scalar of a diagnostics table. */
static double diag(const flow_table *d, const char *name)
{
    double value = NAN;
    assert_int_equal(flow_table_scalar(d, name, &value), FLOW_OK);
    return value;
}

static void test_miller_blair_coefficients_and_inverse(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    const double *x = flow_test_io_view(m, FLOW_IO_OUTPUT);
    assert_close(x[0], 1000.0, 1e-15);
    assert_close(x[1], 2000.0, 1e-15);
    double a[4];
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_TECHNICAL, a, 4, 2), FLOW_OK);
    const double a_printed[4] = {0.15, 0.25, 0.20, 0.05};
    for (int i = 0; i < 4; i++)
        assert_close(a[i], a_printed[i], 1e-15);
    /* Value added = x - column sums of Z: 1000 - 350, 2000 - 600. */
    assert_close(flow_test_io_view(m, FLOW_IO_VALUE_ADDED)[0], 650.0, 1e-15);
    assert_close(flow_test_io_view(m, FLOW_IO_VALUE_ADDED)[1], 1400.0, 1e-15);
    double l[6] = {0}; /* row stride 3 to exercise strides */
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, l, 6, 3), FLOW_OK);
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
     * (Section 2.3 prints x = [1247.52, 1841.58]). By hand, det(I - A) =
     * .85 * .95 - .25 * .2 = .7575, so x = [.95 * 600 + .25 * 1500,
     * .2 * 600 + .85 * 1500] / .7575 = [945, 1395] / .7575. */
    double y[4] = {350, 600, 1700, 1500}, x[4];
    assert_int_equal(flow_io_model_leontief_solve(m, 2, y, 2, x, 4, 2), FLOW_OK);
    assert_close(x[0], 1000.0, 1e-12);
    assert_close(x[2], 2000.0, 1e-12);
    assert_close(x[1], 945.0 / 0.7575, 1e-12);
    assert_close(x[3], 1395.0 / 0.7575, 1e-12);
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
    assert_int_equal(flow_io_model_new(&m, 6, de_z, 0, NULL, NULL, de_x), FLOW_OK);
    double l[36];
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, l, 36, 6), FLOW_OK);
    const double printed[6] = {1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782};
    for (int j = 0; j < 6; j++) {
        double sum = 0.0;
        for (int i = 0; i < 6; i++)
            sum += l[i * 6 + j];
        assert_true(fabs(sum - printed[j]) < 0.5e-4);
    }
    flow_io_model_free(m);
}

/* L (I - A) = I and G = x^-1 L x, element by element, on the Eurostat table. */
static void test_identities_on_eurostat_germany(void **state)
{
    (void)state;
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 6, de_z, 0, NULL, NULL, de_x), FLOW_OK);
    double l[36], g[36], a[36];
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_TECHNICAL, a, 36, 6), FLOW_OK);
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, l, 36, 6), FLOW_OK);
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_GHOSH, g, 36, 6), FLOW_OK);
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            double s = 0.0;
            for (int k = 0; k < 6; k++)
                s += l[i * 6 + k] * ((k == j) - a[k * 6 + j]);
            assert_true(fabs(s - (i == j)) < 1e-12);
            assert_close(g[i * 6 + j], l[i * 6 + j] * de_x[j] / de_x[i], 1e-12);
        }
    /* v'G = x' with v = x - colsums(Z) (no final demand given: v is all primary input). */
    double xs[6];
    assert_int_equal(
        flow_io_model_ghosh_solve(m, 1, flow_test_io_view(m, FLOW_IO_VALUE_ADDED), 1, xs, 6, 1),
        FLOW_OK);
    for (int j = 0; j < 6; j++)
        assert_close(xs[j], de_x[j], 1e-11);
    flow_io_model_free(m);
}

/* Two regions x two sectors from labelled tables; v given as two rows to sum. */
static void test_model_from_tables(void **state)
{
    (void)state;
    const double z[16] = {10, 2, 3, 1, 4, 20, 1, 2, 2, 1, 30, 5, 1, 3, 6, 40};
    const double y[8] = {50, 5, 30, 10, 8, 60, 4, 70};
    const double v[8] = {20, 30, 40, 50, 13, 10, 9, 6};
    const char *groups[4] = {"DE", "DE", "FR", "FR"}, *labels[4] = {"agri", "manu", "agri", "manu"};
    flow_table *tz = NULL, *ty = NULL, *tv = NULL;
    assert_int_equal(flow_table_new(&tz, 4, 4, z, 4), FLOW_OK);
    assert_int_equal(flow_table_new(&ty, 4, 2, y, 2), FLOW_OK);
    assert_int_equal(flow_table_new(&tv, 2, 4, v, 4), FLOW_OK);
    for (int i = 0; i < 4; i++)
        assert_int_equal(flow_table_set_row_label(tz, i, labels[i], groups[i]), FLOW_OK);
    assert_int_equal(flow_table_set_col_label(ty, 0, "hh", "FR"), FLOW_OK);
    assert_int_equal(flow_table_set_col_label(ty, 1, "hh", "DE"), FLOW_OK);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new_from_tables(&m, tz, ty, tv, NULL), FLOW_OK);
    assert_int_equal(flow_test_io_region_count(m), 2);
    assert_int_equal(flow_test_io_sector_count(m), 2);
    assert_string_equal(flow_test_io_region_code(m, 1), "FR");
    assert_string_equal(flow_test_io_sector_code(m, 1), "manu");
    assert_int_equal(flow_test_io_final_demand_region(m, 0), 1);
    assert_int_equal(flow_test_io_final_demand_region(m, 1), 0);
    assert_string_equal(flow_test_io_final_demand_label(m, 0), "hh");
    /* x = row sums: 16 + 55, 27 + 30, 38 + 68, 50 + 74; v = the summed rows. */
    assert_close(flow_test_io_view(m, FLOW_IO_OUTPUT)[0], 71.0, 1e-15);
    assert_close(flow_test_io_view(m, FLOW_IO_OUTPUT)[3], 124.0, 1e-15);
    assert_close(flow_test_io_view(m, FLOW_IO_VALUE_ADDED)[0], 33.0, 1e-15);
    assert_close(flow_test_io_view(m, FLOW_IO_VALUE_ADDED)[3], 56.0, 1e-15);
    flow_io_model_free(m);
    /* Sector order differing between regions is refused, naming the row. */
    assert_int_equal(flow_table_set_row_label(tz, 3, "serv", "FR"), FLOW_OK);
    m = (flow_io_model *)&m;
    assert_int_equal(flow_io_model_new_from_tables(&m, tz, ty, tv, NULL), FLOW_ERR_INVALID_ARG);
    assert_null(m);
    assert_non_null(strstr(flow_last_error(), "row 3"));
    /* Y with the wrong number of rows. */
    flow_table *short_y = NULL;
    assert_int_equal(flow_table_new(&short_y, 3, 2, y, 2), FLOW_OK);
    assert_int_equal(flow_io_model_new_from_tables(&m, tz, short_y, NULL, NULL),
                     FLOW_ERR_DIMENSION);
    flow_table_free(short_y);
    flow_table_free(tz);
    flow_table_free(ty);
    flow_table_free(tv);
}

static void test_bad_input_is_an_error(void **state)
{
    (void)state;
    flow_io_model *m = (flow_io_model *)&m;
    double bad[4] = {150, NAN, 200, 100};
    assert_int_equal(flow_io_model_new(&m, 2, bad, 1, mb_f, NULL, NULL), FLOW_ERR_VALUE);
    assert_null(m);
    assert_non_null(strstr(flow_last_error(), "Z[0][1]"));
    const double neg_x[2] = {1000, -5};
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 1, mb_f, NULL, neg_x), FLOW_ERR_VALUE);
    assert_int_equal(flow_io_model_new(&m, 2, NULL, 1, mb_f, NULL, NULL), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_model_new(&m, 0, mb_z, 0, NULL, NULL, NULL), FLOW_ERR_EMPTY);
    m = miller_blair();
    assert_int_equal(flow_io_model_set_regions(m, 3, NULL, NULL), FLOW_ERR_DIMENSION);
    double l[3];
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, l, 3, 2), FLOW_ERR_BUFFER_TOO_SMALL);
    flow_io_model_free(m);
    flow_io_model_free(NULL);
}

/*
 * A = [[.1, 1.2], [.1, .1]] (x = 10, 10): column 2 of A sums to 1.3, so column
 * dominance does not settle productivity and the solve must (rho(A) =
 * .1 + sqrt(.12) < 1). By hand: det(I - A) = .81 - .12 = .69 and
 * L = [[.9, 1.2], [.1, .9]] / .69. L is formed both ways: in the caller's
 * buffer with no factorisation, and from the cached factors.
 */
static void test_inverse_with_and_without_cached_factors(void **state)
{
    (void)state;
    const double z[4] = {1, 12, 1, 1}, x[2] = {10, 10};
    const double expected[4] = {.9 / .69, 1.2 / .69, .1 / .69, .9 / .69};
    flow_io_model *m = NULL;
    double fresh[4], cached[4];
    assert_int_equal(flow_io_model_new(&m, 2, z, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, fresh, 4, 2), FLOW_OK);
    assert_int_equal(flow_io_model_factor(m), FLOW_OK);
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, cached, 4, 2), FLOW_OK);
    for (int i = 0; i < 4; i++) {
        assert_close(fresh[i], expected[i], 1e-14);
        assert_close(cached[i], expected[i], 1e-14);
    }
    flow_io_model_free(m);
}

/* The non-productive A of the next test, refused when L is asked for first. */
static void test_inverse_of_a_non_productive_system_is_refused(void **state)
{
    (void)state;
    const double z[4] = {5, 7, 7, 5}, x[2] = {10, 10};
    flow_io_model *m = NULL;
    double l[4];
    assert_int_equal(flow_io_model_new(&m, 2, z, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, l, 4, 2), FLOW_ERR_NOT_PRODUCTIVE);
    assert_non_null(strstr(flow_last_error(), "not productive"));
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_GHOSH, l, 4, 2), FLOW_ERR_NOT_PRODUCTIVE);
    flow_io_model_free(m);
}

/* A = [[.5, .7], [.7, .5]]: rho = 1.2, I - A regular but (I - A)^-1 < 0. */
static void test_non_productive_and_singular_systems(void **state)
{
    (void)state;
    const double z[4] = {5, 7, 7, 5}, x[2] = {10, 10}, zs[4] = {5, 5, 5, 5};
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, z, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_io_model_factor(m), FLOW_ERR_NOT_PRODUCTIVE);
    assert_non_null(strstr(flow_last_error(), "not productive"));
    flow_table *out = (flow_table *)&out;
    assert_int_equal(flow_io_multipliers(&out, m, NULL), FLOW_ERR_NOT_PRODUCTIVE);
    assert_null(out);
    flow_io_model_free(m);
    /* A = [[.5, .5], [.5, .5]]: rho = 1, I - A singular. */
    assert_int_equal(flow_io_model_new(&m, 2, zs, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_io_model_factor(m), FLOW_ERR_SINGULAR);
    assert_non_null(strstr(flow_last_error(), "singular"));
    flow_table *d = NULL;
    assert_int_equal(flow_io_diagnostics(&d, m, 1e-6), FLOW_OK);
    assert_int_equal((int)diag(d, "status"), FLOW_ERR_SINGULAR);
    /* Column sums 1 and 1: rho(A) = 1 exactly, both bounds. */
    assert_close(diag(d, "spectral_radius"), 1.0, 1e-9);
    assert_close(diag(d, "max_column_sum"), 1.0, 1e-15);
    flow_table_free(d);
    flow_io_model_free(m);
}

/* Sector 1 produces nothing: zero coefficients, reported by label, solves still fine. */
static void test_zero_output_sector_is_reported(void **state)
{
    (void)state;
    const double z[9] = {10, 0, 20, 0, 0, 0, 30, 0, 10};
    const double y[3] = {70, 0, 60};
    const char *sectors[3] = {"coal", "tin", "rice"};
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 3, z, 1, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, 1, NULL, sectors), FLOW_OK);
    flow_table *d = NULL;
    assert_int_equal(flow_io_diagnostics(&d, m, 1e-6), FLOW_OK);
    assert_int_equal(diag(d, "zero_output_count"), 1);
    /* Row 1 is tin: labelled by its sector, flagged, with zero output. */
    assert_string_equal(flow_table_row_label(d, 1), "tin");
    assert_close(flow_table_values(d)[4 * 1 + 3], 1.0, 0);
    assert_close(flow_table_values(d)[4 * 0 + 3], 0.0, 0);
    assert_close(flow_table_values(d)[4 * 1], 0.0, 0);
    assert_int_equal((int)diag(d, "status"), FLOW_OK);
    assert_true(diag(d, "residual") < 1e-14);
    flow_table_free(d);
    double x[3];
    assert_int_equal(flow_io_model_leontief_solve(m, 1, y, 1, x, 3, 1), FLOW_OK);
    assert_close(x[0], 100.0, 1e-13);
    assert_close(x[1], 0.0, 1e-13);
    assert_close(x[2], 100.0, 1e-13);
    flow_io_model_free(m);
}

/* A = [[0, .5], [.5, 0]] is imprimitive (eigenvalues +-.5): the estimate still
 * converges to rho = .5, with a bracket around it; (I - A)^-1 has condition
 * number 3 in the 1-norm (||I - A|| = 1.5, ||(I - A)^-1|| = 2). */
static void test_spectral_radius_of_a_cyclic_system(void **state)
{
    (void)state;
    const double z[4] = {0, 5, 5, 0}, x[2] = {10, 10};
    flow_io_model *m = NULL;
    flow_table *d = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, z, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_io_diagnostics(&d, m, 1e-6), FLOW_OK);
    assert_close(diag(d, "spectral_radius"), 0.5, 1e-9);
    assert_true(diag(d, "spectral_radius_lower") <= 0.5 + 1e-15);
    assert_true(diag(d, "spectral_radius_upper") >= 0.5 - 1e-15);
    assert_close(diag(d, "rcond"), 1.0 / 3.0, 1e-12);
    flow_table_free(d);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_miller_blair_coefficients_and_inverse),
        cmocka_unit_test(test_miller_blair_solves),
        cmocka_unit_test(test_eurostat_germany_total_backward_linkages),
        cmocka_unit_test(test_identities_on_eurostat_germany),
        cmocka_unit_test(test_model_from_tables),
        cmocka_unit_test(test_bad_input_is_an_error),
        cmocka_unit_test(test_inverse_with_and_without_cached_factors),
        cmocka_unit_test(test_inverse_of_a_non_productive_system_is_refused),
        cmocka_unit_test(test_non_productive_and_singular_systems),
        cmocka_unit_test(test_zero_output_sector_is_reported),
        cmocka_unit_test(test_spectral_radius_of_a_cyclic_system),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
