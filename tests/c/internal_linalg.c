/*
 * internal_linalg.c - the LU wrapper solves M x = b and M' x = b on row-major
 * input, checked against systems solved by hand.
 */
#include "support.h"

#include "internal.h"
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

static void test_solves_plain_and_transposed_systems(void **state)
{
    (void)state;
    /* M = [[2, 1], [0, 4]] row-major. M x = [3, 8] => x = [0.5, 2].
     * M' x = [2, 9] => [[2,0],[1,4]] x = [2,9] => x = [1, 2]. */
    const double m[4] = {2, 1, 0, 4};
    flow_i_lu *lu = NULL;
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 4), 2), FLOW_OK);
    double b[4] = {3, 8, 2, 9}; /* two right-hand sides, contiguous */
    assert_int_equal(flow_i_lu_solve(lu, 0, b, 1), FLOW_OK);
    assert_close(b[0], 0.5, 1e-15);
    assert_close(b[1], 2.0, 1e-15);
    assert_int_equal(flow_i_lu_solve(lu, 1, b + 2, 1), FLOW_OK);
    assert_close(b[2], 1.0, 1e-15);
    assert_close(b[3], 2.0, 1e-15);
    /* Infinity norm of M is 4, of M^-1 = [[.5, -.125], [0, .25]] is 0.625. */
    assert_close(flow_i_lu_rcond(lu, 4.0), 1.0 / (4.0 * 0.625), 1e-12);
    flow_i_lu_free(lu);
}

static void test_multiple_right_hand_sides(void **state)
{
    (void)state;
    const double m[9] = {4, 1, 0, 1, 3, 1, 0, 1, 2};
    double b[6] = {5, 5, 3, 4, 1, 0};
    flow_i_lu *lu = NULL;
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 9), 3), FLOW_OK);
    assert_int_equal(flow_i_lu_solve(lu, 0, b, 2), FLOW_OK);
    assert_close(b[0], 1.0, 1e-14); /* [4,1,0;1,3,1;0,1,2] [1,1,1] = [5,5,3] */
    assert_close(b[1], 1.0, 1e-14);
    assert_close(b[2], 1.0, 1e-14);
    assert_close(b[3], 1.0, 1e-14); /* [1,0,0] gives [4,1,0] */
    assert_close(b[4], 0.0, 1e-14);
    assert_close(b[5], 0.0, 1e-14);
    flow_i_lu_free(lu);
}

/* A NaN right-hand side is refused (in any column, with a stride), not solved into NaN. */
static void test_nan_right_hand_side_is_refused(void **state)
{
    (void)state;
    const double m[4] = {2, 1, 0, 4};
    flow_i_lu *lu = NULL;
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 4), 2), FLOW_OK);
    double b[6] = {3, 8, 0, 2, NAN, 0};
    assert_int_equal(flow_i_lu_solve(lu, 0, b, 1), FLOW_OK);
    assert_int_equal(flow_i_lu_solve_ld(lu, 0, b, 2, 3), FLOW_ERR_LAPACK);
    assert_non_null(strstr(flow_last_error(), "argument 8"));
    b[4] = 9;
    b[5] = NAN; /* beyond the order: not part of the system */
    assert_int_equal(flow_i_lu_solve_ld(lu, 1, b + 3, 1, 3), FLOW_OK);
    assert_close(b[3], 1.0, 1e-15);
    assert_close(b[4], 2.0, 1e-15);
    flow_i_lu_free(lu);
}

static void test_singular_matrix_is_an_error(void **state)
{
    (void)state;
    const double m[4] = {1, 2, 2, 4};
    flow_i_lu *lu = (flow_i_lu *)&lu;
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 4), 2), FLOW_ERR_SINGULAR);
    assert_null(lu);
    assert_non_null(strstr(flow_last_error(), "singular"));
}

/*
 * M = [[2, 1, 0], [1, 2, 1], [0, 1, 2]] has det 4 and, by cofactors,
 * M^-1 = [[3, -2, 1], [-2, 4, -2], [1, -2, 3]] / 4. Inverted in place with a
 * row stride of 4 (the padding column must stay untouched) and from factors.
 */
static void test_inverse_in_place_and_from_factors(void **state)
{
    (void)state;
    const double m[9] = {2, 1, 0, 1, 2, 1, 0, 1, 2};
    const double inv[9] = {.75, -.5, .25, -.5, 1, -.5, .25, -.5, .75};
    double padded[12], from_lu[12];
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++)
            padded[i * 4 + j] = m[i * 3 + j];
        padded[i * 4 + 3] = from_lu[i * 4 + 3] = -7.0;
    }
    assert_int_equal(flow_i_invert_in_place(padded, 3, 4), FLOW_OK);
    flow_i_lu *lu = NULL;
    assert_int_equal(flow_i_lu_factor(&lu, copy_of(m, 9), 3), FLOW_OK);
    assert_int_equal(flow_i_lu_inverse(lu, from_lu, 4), FLOW_OK);
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            assert_close(padded[i * 4 + j], inv[i * 3 + j], 1e-15);
            assert_close(from_lu[i * 4 + j], inv[i * 3 + j], 1e-15);
        }
        assert_true(padded[i * 4 + 3] == -7.0 && from_lu[i * 4 + 3] == -7.0);
    }
    assert_int_equal(flow_i_lu_inverse(lu, from_lu, 2), FLOW_ERR_INVALID_ARG);
    flow_i_lu_free(lu);
    const double singular[4] = {1, 2, 2, 4};
    double s2[4];
    memcpy(s2, singular, sizeof s2);
    assert_int_equal(flow_i_invert_in_place(s2, 2, 2), FLOW_ERR_SINGULAR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_solves_plain_and_transposed_systems),
        cmocka_unit_test(test_multiple_right_hand_sides),
        cmocka_unit_test(test_nan_right_hand_side_is_refused),
        cmocka_unit_test(test_singular_matrix_is_an_error),
        cmocka_unit_test(test_inverse_in_place_and_from_factors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
