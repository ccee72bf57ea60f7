/*
 * test_va_trade.c - gross-export decompositions through the C ABI: a
 * two-region economy worked by hand, the identities every method states on a
 * random three-region system, and the argument checks. (Term-by-term
 * comparisons with numpy are in bindings/python/tests/test_py_va_trade.py,
 * the published worked example in test_va_published.c.)
 */
#include "support.h"

#include "libflow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Two regions of one sector: Z = [[0, 10], [20, 0]], Y = [[60, 30], [10, 70]]
 * (column r = final demand of region r), x = [100, 100], so A = [[0, .1],
 * [.2, 0]], B = [[1, .1], [.2, 1]] / .98, v / x = [.8, .9].
 * Value added of region 0 absorbed in region 1: .8 (B Y_1)_0 =
 * .8 (30 + .1 * 70) / .98 = 29.6 / .98; gross exports 0 -> 1 = 10 + 30 = 40.
 */
static flow_io_model *two_regions(void)
{
    static const double z[4] = {0, 10, 20, 0}, y[4] = {60, 30, 10, 70};
    flow_io_model *m = NULL;
    const char *regions[2] = {"CHN", "RUS"};
    assert_int_equal(flow_io_model_new(&m, 2, z, 2, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, 2, regions, NULL), FLOW_OK);
    return m;
}

static void test_vax_by_hand(void **state)
{
    (void)state;
    flow_io_model *m = two_regions();
    flow_table *t = NULL;
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_VAX, FLOW_VA_BY_PAIR, -1), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 2);
    assert_string_equal(flow_table_row_group(t, 0), "CHN");
    assert_string_equal(flow_table_row_label(t, 0), "RUS");
    assert_string_equal(flow_table_col_label(t, 2), "vax_ratio");
    const double *v = flow_table_values(t);
    assert_close(v[0], 29.6 / 0.98, 1e-13);
    assert_close(v[1], 40.0, 1e-14);
    assert_close(v[2], 29.6 / 0.98 / 40.0, 1e-13);
    /* Region 1 to 0: .9 (B Y_0)_1 = .9 (.2 * 60 + 10) / .98; exports 20 + 10. */
    assert_close(v[3], 0.9 * 22.0 / 0.98, 1e-13);
    assert_close(v[4], 30.0, 1e-14);
    flow_table_free(t);
    flow_io_model_free(m);
}

/* Three regions of two sectors, random flows, balanced rows. */
static flow_io_model *random_system(void)
{
    enum { N = 6, K = 3 };
    double z[N * N], y[N * K];
    unsigned seed = 7;
    for (int i = 0; i < N * N; i++)
        z[i] = 10.0 * flow_test_uniform(&seed);
    for (int i = 0; i < N * K; i++)
        y[i] = 1.0 + 30.0 * flow_test_uniform(&seed);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, N, z, K, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, 3, NULL, NULL), FLOW_OK);
    return m;
}

static double row_sum(const flow_table *t, int64_t row, int64_t first, int64_t count)
{
    double acc = 0.0;
    for (int64_t c = first; c < first + count; c++)
        acc += flow_table_values(t)[row * flow_table_cols(t) + c];
    return acc;
}

static void test_terms_sum_to_exports(void **state)
{
    (void)state;
    flow_io_model *m = random_system();
    static const int methods[3] = {FLOW_VA_WWZ, FLOW_VA_BM_SOURCE, FLOW_VA_BM_SINK};
    for (int k = 0; k < 3; k++)
        for (int level = 0; level < FLOW_VA_LEVEL_COUNT; level++) {
            flow_table *t = NULL;
            assert_int_equal(flow_va_decompose(&t, m, methods[k], level, -1), FLOW_OK);
            int64_t cols = flow_table_cols(t);
            assert_string_equal(flow_table_col_label(t, cols - 1), "exports");
            for (int64_t i = 0; i < flow_table_rows(t); i++)
                assert_close(row_sum(t, i, 0, cols - 1), flow_table_values(t)[i * cols + cols - 1],
                             1e-12);
            flow_table_free(t);
        }
    flow_table *kww = NULL, *vax = NULL, *source = NULL, *sink = NULL;
    assert_int_equal(flow_va_decompose(&kww, m, FLOW_VA_KWW, FLOW_VA_BY_EXPORTER, -1), FLOW_OK);
    assert_int_equal(flow_va_decompose(&vax, m, FLOW_VA_VAX, FLOW_VA_BY_EXPORTER, -1), FLOW_OK);
    assert_int_equal(flow_va_decompose(&source, m, FLOW_VA_BM_SOURCE, FLOW_VA_BY_EXPORTER, -1),
                     FLOW_OK);
    assert_int_equal(flow_va_decompose(&sink, m, FLOW_VA_BM_SINK, FLOW_VA_BY_EXPORTER, -1),
                     FLOW_OK);
    assert_string_equal(flow_table_row_label(kww, 2), "region_2");
    for (int64_t s = 0; s < 3; s++) {
        /* KWW: nine terms = exports; the first three = value-added exports. */
        assert_close(row_sum(kww, s, 0, 9), flow_table_values(kww)[s * 10 + 9], 1e-12);
        assert_close(row_sum(kww, s, 0, 3), flow_table_values(vax)[s * 3], 1e-12);
        /* Borin & Mancini: source and sink views agree at the country level. */
        for (int64_t c = 0; c < 5; c++)
            assert_close(flow_table_values(source)[s * 5 + c], flow_table_values(sink)[s * 5 + c],
                         1e-12);
    }
    flow_table_free(kww);
    flow_table_free(vax);
    flow_table_free(source);
    flow_table_free(sink);
    flow_io_model_free(m);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    flow_io_model *m = two_regions();
    flow_table *t = (flow_table *)&t;
    assert_int_equal(flow_va_decompose(NULL, m, FLOW_VA_WWZ, 0, -1), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_va_decompose(&t, NULL, FLOW_VA_WWZ, 0, -1), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_METHOD_COUNT, 0, -1), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_WWZ, FLOW_VA_LEVEL_COUNT, -1),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_WWZ, 0, 2), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_KWW, FLOW_VA_BY_PAIR, -1),
                     FLOW_ERR_INVALID_ARG);
    int64_t owners[2] = {0, -1};
    assert_int_equal(flow_io_model_set_final_demand(m, NULL, owners), FLOW_OK);
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_WWZ, 0, -1), FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "belongs to no region"));
    assert_null(t);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vax_by_hand),
        cmocka_unit_test(test_terms_sum_to_exports),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
