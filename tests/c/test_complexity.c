/*
 * test_complexity.c - RCA, proximity, density and betweenness through the C
 * ABI on cases worked by hand, and the argument checks. (ECI / PCI against
 * the Stata ecomplexity ground truth and numpy, and betweenness against
 * networkx, are in bindings/python/tests/test_py_complexity.py.)
 */
#include "support.h"

#include "libflow.h"

#include <math.h>
#include <string.h>

static flow_table *table(int64_t rows, int64_t cols, const double *v)
{
    flow_table *t = NULL;
    assert_int_equal(flow_table_new(&t, rows, cols, v, cols), FLOW_OK);
    return t;
}

static void test_rca_by_hand(void **state)
{
    (void)state;
    /* Row sums 4, 2, column sums 4, 2, total 6: RCA_00 = (3/4) / (4/6). */
    static const double x[4] = {3, 1, 1, 1};
    flow_table *in = table(2, 2, x), *out = NULL;
    assert_int_equal(flow_table_set_row_label(in, 0, "RUS", NULL), FLOW_OK);
    assert_int_equal(flow_rca(&out, in, FLOW_RCA_BALASSA), FLOW_OK);
    const double *r = flow_table_values(out);
    assert_close(r[0], 1.125, 1e-15);
    assert_close(r[1], 0.75, 1e-15);
    assert_close(r[2], 0.75, 1e-15);
    assert_close(r[3], 1.5, 1e-15);
    assert_string_equal(flow_table_row_label(out, 0), "RUS");
    flow_table_free(out);
    assert_int_equal(flow_rca(&out, in, FLOW_RCA_SYMMETRIC), FLOW_OK);
    assert_close(flow_table_values(out)[0], 0.125 / 2.125, 1e-15);
    flow_table_free(out);
    assert_int_equal(flow_rca(&out, in, FLOW_RCA_KIND_COUNT), FLOW_ERR_INVALID_ARG);
    assert_null(out);
    assert_int_equal(flow_table_set(in, 1, 1, -2.0), FLOW_OK);
    assert_int_equal(flow_rca(&out, in, FLOW_RCA_BALASSA), FLOW_ERR_VALUE);
    flow_table_free(in);
}

static void test_product_space_by_hand(void **state)
{
    (void)state;
    /* Every non-zero RCA is (5/10) / (10/30) = 1.5: M = [[1,1,0],[1,0,1],[0,1,1]],
     * each product in two economies, each pair of products shared by one:
     * phi = 1/2 off the diagonal. Density of economy 0 around product 2:
     * (phi_02 + phi_12) / (phi_02 + phi_12) = 1; around product 0: phi_10 / 1. */
    static const double x[9] = {5, 5, 0, 5, 0, 5, 0, 5, 5};
    flow_table *in = table(3, 3, x), *phi = NULL, *omega = NULL;
    assert_int_equal(flow_product_proximity(&phi, in, 1.0), FLOW_OK);
    for (int i = 0; i < 9; i++)
        assert_close(flow_table_values(phi)[i], i % 4 == 0 ? 0.0 : 0.5, 1e-15);
    assert_int_equal(flow_product_density(&omega, in, 1.0), FLOW_OK);
    assert_close(flow_table_values(omega)[2], 1.0, 1e-15);
    assert_close(flow_table_values(omega)[0], 0.5, 1e-15);
    flow_table_free(phi);
    flow_table_free(omega);
    assert_int_equal(flow_product_density(&omega, in, NAN), FLOW_ERR_INVALID_ARG);
    flow_table *e = NULL, *p = NULL;
    /* Two economies with one product each: no second eigenvalue to speak of. */
    flow_table *tiny = table(1, 2, x);
    assert_int_equal(flow_complexity(&e, &p, tiny, 1.0), FLOW_ERR_DIMENSION);
    assert_null(e);
    assert_null(p);
    flow_table_free(tiny);
    flow_table_free(in);
}

static void test_betweenness_star(void **state)
{
    (void)state;
    /* A hub 0 linked both ways to 1, 2, 3: each of the 6 ordered pairs of
     * spokes has its only shortest path through the hub. A direct link
     * 1 -> 2 as strong as the spokes (length 1/5 < 2/5) takes one pair away. */
    double x[16] = {0, 5, 5, 5, 5, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0};
    flow_table *in = table(4, 4, x), *out = NULL;
    assert_int_equal(flow_betweenness(&out, in, 0), FLOW_OK);
    assert_close(flow_table_values(out)[0], 6.0, 1e-15);
    assert_close(flow_table_values(out)[1], 0.0, 1e-15);
    assert_string_equal(flow_table_col_label(out, 0), "betweenness");
    flow_table_free(out);
    assert_int_equal(flow_table_set(in, 1, 2, 5.0), FLOW_OK);
    assert_int_equal(flow_betweenness(&out, in, 1), FLOW_OK);
    assert_close(flow_table_values(out)[0], 5.0 / 6.0, 1e-15);
    flow_table_free(out);
    flow_table_free(in);
    flow_table *rect = table(1, 2, x);
    assert_int_equal(flow_betweenness(&out, rect, 1), FLOW_ERR_DIMENSION);
    assert_null(out);
    flow_table_free(rect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rca_by_hand),
        cmocka_unit_test(test_product_space_by_hand),
        cmocka_unit_test(test_betweenness_star),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
