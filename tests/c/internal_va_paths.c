/*
 * internal_va_paths.c - the two ways of applying B in the gross-export
 * decompositions: VAX, KWW and WWZ by blocked solves against the model's LU
 * give the tables of the general path that forms B, at every level and for
 * every importer, on random systems large enough to cross the solve block
 * (more right-hand sides than one block of 256).
 */
#include "support.h"

#include "libflow.h"
#include "va_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* G regions of N sectors, heavy-tailed random flows, two final uses per region. */
static flow_io_model *random_system(int64_t G, int64_t N, unsigned seed)
{
    int64_t n = G * N, k = 2 * G;
    double *z = malloc((size_t)(n * n) * sizeof *z), *y = malloc((size_t)(n * k) * sizeof *y);
    assert_non_null(z);
    assert_non_null(y);
    for (int64_t i = 0; i < n * n; i++) {
        double u = flow_test_uniform(&seed);
        z[i] = u * u * u * (i / n / N == i % n / N ? 8.0 : 1.0);
    }
    for (int64_t i = 0; i < n * k; i++)
        y[i] = 1.0 + 30.0 * flow_test_uniform(&seed);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, n, z, k, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, G, NULL, NULL), FLOW_OK);
    free(z);
    free(y);
    return m;
}

static void assert_same_table(const flow_table *a, const flow_table *b)
{
    assert_int_equal(flow_table_rows(a), flow_table_rows(b));
    assert_int_equal(flow_table_cols(a), flow_table_cols(b));
    int64_t count = flow_table_rows(a) * flow_table_cols(a);
    double scale = 0.0;
    for (int64_t i = 0; i < count; i++)
        scale = fmax(scale, fabs(flow_table_values(a)[i]));
    for (int64_t i = 0; i < count; i++) {
        double x = flow_table_values(a)[i], y = flow_table_values(b)[i];
        if (isnan(x) || isnan(y))
            assert_true(isnan(x) && isnan(y));
        else
            assert_true(fabs(x - y) <= 1e-11 * scale);
    }
    for (int64_t r = 0; r < flow_table_rows(a); r++)
        assert_string_equal(flow_table_row_label(a, r), flow_table_row_label(b, r));
}

static void compare_paths(flow_io_model *m, int method, int level, int64_t importer)
{
    flow_table *inverse = NULL, *solves = NULL;
    assert_int_equal(flow_i_va_decompose(&inverse, m, method, level, importer, FLOW_I_VA_INVERSE),
                     FLOW_OK);
    assert_int_equal(flow_i_va_decompose(&solves, m, method, level, importer, FLOW_I_VA_SOLVES),
                     FLOW_OK);
    assert_same_table(inverse, solves);
    flow_table_free(inverse);
    flow_table_free(solves);
}

static void check_system(int64_t G, int64_t N, unsigned seed)
{
    flow_io_model *m = random_system(G, N, seed);
    compare_paths(m, FLOW_VA_KWW, FLOW_VA_BY_EXPORTER, -1);
    for (int method = 0; method < FLOW_VA_METHOD_COUNT; method++) {
        if (method == FLOW_VA_KWW)
            continue;
        for (int level = 0; level < FLOW_VA_LEVEL_COUNT; level++)
            compare_paths(m, method, level, -1);
        compare_paths(m, method, FLOW_VA_BY_SECTOR, G - 1);
    }
    flow_io_model_free(m);
}

static void test_small_system(void **state)
{
    (void)state;
    check_system(4, 3, 11);
}

/* G^2 + 2 G = 288 right-hand sides: two solve blocks. */
static void test_system_across_solve_blocks(void **state)
{
    (void)state;
    check_system(16, 4, 5);
}

static void test_unknown_path_is_refused(void **state)
{
    (void)state;
    flow_io_model *m = random_system(2, 2, 3);
    flow_table *t = (flow_table *)m;
    assert_int_equal(flow_i_va_decompose(&t, m, FLOW_VA_VAX, FLOW_VA_BY_PAIR, -1, 7),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_system),
        cmocka_unit_test(test_system_across_solve_blocks),
        cmocka_unit_test(test_unknown_path_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
