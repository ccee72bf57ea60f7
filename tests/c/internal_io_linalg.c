/*
 * internal_io_linalg.c - the linear-algebra wrappers the IO engine adds:
 * diagonal of an inverse from the LU factors (with row interchanges) and
 * strided in-place solves, against inverses worked out by hand; a NaN
 * coefficient is refused by the Leontief factorisation.
 */
#include "support.h"

#include "internal.h"
#include "io_internal.h"
#include "linalg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double *copy_of(const double *m, size_t n)
{
    double *c = malloc(n * sizeof *c);
    memcpy(c, m, n * sizeof *c);
    return c;
}

/*
 * M = [[1, 2, 0], [3, 1, 1], [0, 1, 4]], det M = 1*3 - 2*12 = -21; the
 * diagonal cofactors 3, 4 and -5 give diag(M^-1) = [-3/21, -4/21, 5/21].
 * Factoring needs interchanges (|3| > |1| in the first column).
 */
static void test_inverse_diagonal_with_pivoting(void **state)
{
    (void)state;
    const double m[9] = {1, 2, 0, 3, 1, 1, 0, 1, 4};
    flow_i_lu *lu = NULL;
    double d[3];
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 9), 3), FLOW_OK);
    assert_int_equal(flow_i_lu_inverse_diagonal(lu, d), FLOW_OK);
    assert_close(d[0], -3.0 / 21.0, 1e-14);
    assert_close(d[1], -4.0 / 21.0, 1e-14);
    assert_close(d[2], 5.0 / 21.0, 1e-14);
    flow_i_lu_free(lu);
    /* A permutation matrix: its inverse is its transpose, with a zero diagonal. */
    const double p[9] = {0, 1, 0, 0, 0, 1, 1, 0, 0};
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(p, 9), 3), FLOW_OK);
    assert_int_equal(flow_i_lu_inverse_diagonal(lu, d), FLOW_OK);
    for (int i = 0; i < 3; i++)
        assert_close(d[i], 0.0, 1e-15);
    flow_i_lu_free(lu);
}

/* M = [[2, 1], [0, 4]]: rows of M^-1 = [[.5, -.125], [0, .25]] solved in place, stride 3. */
static void test_strided_solve(void **state)
{
    (void)state;
    const double m[4] = {2, 1, 0, 4};
    flow_i_lu *lu = NULL;
    double b[6] = {1, 0, 99, 0, 1, 99};
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 4), 2), FLOW_OK);
    /* Vector k at b + 3k solves M' z = e_k: z is row k of M^-1. */
    assert_int_equal(flow_i_lu_solve_ld(lu, 1, b, 2, 3), FLOW_OK);
    assert_close(b[0], 0.5, 1e-15);
    assert_close(b[1], -0.125, 1e-15);
    assert_close(b[3], 0.0, 1e-15);
    assert_close(b[4], 0.25, 1e-15);
    assert_close(b[2], 99.0, 0.0); /* padding untouched */
    assert_int_equal(flow_i_lu_solve_ld(lu, 1, b, 2, 1), FLOW_ERR_INVALID_ARG);
    flow_i_lu_free(lu);
}

/*
 * The fill of I - A counts NaN entries so that LAPACKE's own scan can be
 * skipped; with one, the factorisation still refuses it (not NaN factors).
 */
static void test_nan_coefficient_is_refused(void **state)
{
    (void)state;
    double a[4] = {0.1, 0.2, NAN, 0.3};
    flow_i_lu *lu = NULL;
    assert_int_equal(flow_i_io_factor_unchecked(&lu, a, 2), FLOW_ERR_LAPACK);
    assert_null(lu);
    a[2] = 0.1; /* I - A = [[0.9, -0.2], [-0.1, 0.7]]: (I - A) [1, 1] = [0.7, 0.6] */
    assert_int_equal(flow_i_io_factor_unchecked(&lu, a, 2), FLOW_OK);
    double b[2] = {0.7, 0.6};
    assert_int_equal(flow_i_lu_solve(lu, 0, b, 1), FLOW_OK);
    assert_close(b[0], 1.0, 1e-15);
    assert_close(b[1], 1.0, 1e-15);
    flow_i_lu_free(lu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inverse_diagonal_with_pivoting),
        cmocka_unit_test(test_strided_solve),
        cmocka_unit_test(test_nan_coefficient_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
