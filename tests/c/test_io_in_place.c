/*
 * test_io_in_place.c - the memory-saving mode that works inside the caller's
 * Z (flow_io_leontief_inverse_in_place, flow_io_leontief_solve_in_place)
 * against the normal path (a model of the same Z and x) and against the
 * defining identities (I - A) L = I and (I - A) x = y, with strides, and its
 * failures: not productive, negative output, NaN, bad arguments.
 */
#include "support.h"

#include <libflow.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N      60
#define STRIDE 64
#define NRHS   3

/* A productive system: column sums of A in [0.3, 0.7], x = Z 1 + y 1 with y > 0. */
static void make_system(double *z, int64_t stride, double *x, double *y)
{
    unsigned state = 42;
    double a[N][N];
    for (int j = 0; j < N; j++) {
        double sum = 0.0, target = 0.3 + 0.4 * flow_test_uniform(&state);
        for (int i = 0; i < N; i++)
            sum += a[i][j] = flow_test_uniform(&state);
        for (int i = 0; i < N; i++)
            a[i][j] *= target / sum;
    }
    for (int j = 0; j < N; j++)
        x[j] = 100.0 + 900.0 * flow_test_uniform(&state);
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            z[i * stride + j] = a[i][j] * x[j];
        for (int c = 0; c < NRHS; c++)
            y[i * NRHS + c] = 1.0 + flow_test_uniform(&state) * (c + 1);
    }
}

/* max |(I - A) m - I| over the n x n matrix m (stride ms). */
static double inverse_residual(const double *z, int64_t zs, const double *x, const double *m,
                               int64_t ms)
{
    double worst = 0.0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = m[i * ms + j];
            for (int k = 0; k < N; k++)
                s -= z[i * zs + k] / x[k] * m[k * ms + j];
            worst = fmax(worst, fabs(s - (i == j)));
        }
    return worst;
}

static void test_inverse_matches_model(void **state)
{
    (void)state;
    static double z[N * STRIDE], zin[N * STRIDE], zc[N * N], l[N * N];
    double x[N], y[N * NRHS];
    make_system(z, STRIDE, x, y);
    memcpy(zin, z, sizeof z);
    for (int i = 0; i < N; i++) /* the model takes Z contiguous */
        memcpy(zc + i * N, z + i * STRIDE, N * sizeof *z);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, N, zc, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_test_io_matrix(m, FLOW_IO_LEONTIEF, l, N * N, N), FLOW_OK);
    assert_int_equal(flow_io_leontief_inverse_in_place(N, zin, STRIDE, x), FLOW_OK);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            assert_close(zin[i * STRIDE + j], l[i * N + j], 1e-13);
    assert_true(inverse_residual(z, STRIDE, x, zin, STRIDE) < 1e-12);
    flow_io_model_free(m);
}

static void test_solve_matches_model(void **state)
{
    (void)state;
    static double z[N * STRIDE], zin[N * N];
    double x[N], y[N * NRHS], ym[N * NRHS], yin[N * NRHS];
    make_system(z, STRIDE, x, y);
    for (int i = 0; i < N; i++)
        memcpy(zin + i * N, z + i * STRIDE, N * sizeof *z);
    memcpy(yin, y, sizeof y);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, N, zin, 0, NULL, NULL, x), FLOW_OK);
    assert_int_equal(flow_io_model_leontief_solve(m, NRHS, y, NRHS, ym, N * NRHS, NRHS), FLOW_OK);
    assert_int_equal(flow_io_leontief_solve_in_place(N, zin, x, NRHS, yin, NRHS), FLOW_OK);
    for (int i = 0; i < N; i++)
        for (int c = 0; c < NRHS; c++) {
            assert_close(yin[i * NRHS + c], ym[i * NRHS + c], 1e-13);
            double r = yin[i * NRHS + c]; /* (I - A) x = y */
            for (int k = 0; k < N; k++)
                r -= z[i * STRIDE + k] / x[k] * yin[k * NRHS + c];
            assert_close(r, y[i * NRHS + c], 1e-12);
        }
    flow_io_model_free(m);
}

static void test_failures(void **state)
{
    (void)state;
    static double z[N * N], zs[N * STRIDE];
    double x[N], y[N * NRHS], y0[N * NRHS];
    make_system(zs, STRIDE, x, y);
    /* not productive: every column of A sums to 1.5 */
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            z[i * N + j] = 1.5 * x[j] / N;
    memcpy(y0, y, sizeof y);
    assert_int_equal(flow_io_leontief_solve_in_place(N, z, x, NRHS, y, NRHS),
                     FLOW_ERR_NOT_PRODUCTIVE);
    assert_memory_equal(y, y0, sizeof y); /* y untouched */
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            z[i * N + j] = 1.5 * x[j] / N;
    assert_int_equal(flow_io_leontief_inverse_in_place(N, z, N, x), FLOW_ERR_NOT_PRODUCTIVE);
    /* bad values and arguments are refused before z is touched */
    z[5] = NAN;
    assert_int_equal(flow_io_leontief_inverse_in_place(N, z, N, x), FLOW_ERR_VALUE);
    assert_true(isnan(z[5]));
    z[5] = 1.0;
    x[3] = -1.0;
    assert_int_equal(flow_io_leontief_solve_in_place(N, z, x, NRHS, y, NRHS), FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "sector 3"));
    x[3] = 1.0;
    assert_int_equal(flow_io_leontief_solve_in_place(N, z, x, 0, y, NRHS), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_leontief_solve_in_place(N, z, x, NRHS, y, NRHS - 1),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_leontief_inverse_in_place(N, z, N - 1, x), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_leontief_inverse_in_place(0, z, N, x), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_leontief_inverse_in_place(N, z, N, NULL), FLOW_ERR_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inverse_matches_model),
        cmocka_unit_test(test_solve_matches_model),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
