/*
 * internal_error.c - the last-error record is per thread: two threads that
 * fail at the same moment each read back their own message and code.
 */
#include "support.h"

#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct thread_case {
    int status;
    const char *label;
    char seen[256];
    int seen_status;
};

static pthread_barrier_t barrier;

static void *fail_in_thread(void *arg)
{
    struct thread_case *c = arg;
    pthread_barrier_wait(&barrier); /* both threads record their failure ... */
    flow_i_fail(c->status, "%s.csv: line 17, column \"v\": 'abc' is not a number", c->label);
    pthread_barrier_wait(&barrier); /* ... before either reads it back */
    snprintf(c->seen, sizeof c->seen, "%s", flow_last_error());
    c->seen_status = flow_last_error_code();
    return NULL;
}

static void test_two_threads_read_their_own_error(void **state)
{
    (void)state;
    struct thread_case cases[2] = {{FLOW_ERR_VALUE, "trade", "", 0},
                                   {FLOW_ERR_PARSE, "energy", "", 0}};
    pthread_t threads[2];
    assert_int_equal(pthread_barrier_init(&barrier, NULL, 2), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, fail_in_thread, &cases[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    assert_string_equal(cases[0].seen, "trade.csv: line 17, column \"v\": 'abc' is not a number");
    assert_string_equal(cases[1].seen, "energy.csv: line 17, column \"v\": 'abc' is not a number");
    assert_int_equal(cases[0].seen_status, FLOW_ERR_VALUE);
    assert_int_equal(cases[1].seen_status, FLOW_ERR_PARSE);
    /* The main thread never failed. */
    assert_string_equal(flow_last_error(), "");
}

static void test_copy_out_truncates_and_reports_full_length(void **state)
{
    (void)state;
    char buf[8];
    flow_i_fail(FLOW_ERR_IO, "cannot open missing.csv");
    assert_int_equal(flow_last_error_copy(buf, (int64_t)sizeof buf), 23);
    assert_string_equal(buf, "cannot ");
    assert_int_equal(flow_last_error_copy(NULL, 0), 23);
}

static void test_checked_sizes(void **state)
{
    (void)state;
    int64_t product = 0;
    assert_int_equal(flow_i_mul_size(INT64_MAX / 2, 3, &product), FLOW_ERR_OVERFLOW);
    assert_int_equal(flow_i_mul_size(1000, 1000, &product), FLOW_OK);
    assert_int_equal(product, 1000000);
    assert_null(flow_i_calloc(-1, 8));
    assert_int_equal(flow_last_error_code(), FLOW_ERR_INVALID_ARG);
    assert_null(flow_i_malloc(INT64_MAX, 8));
    assert_int_equal(flow_last_error_code(), FLOW_ERR_OVERFLOW);
    double out[4];
    assert_int_equal(flow_i_check_out_matrix(out, 4, 2, 2, 3), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_i_check_out_matrix(out, 3, 2, 2, 2), FLOW_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(flow_i_check_out_matrix(out, 4, 2, 2, 2), FLOW_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_threads_read_their_own_error),
        cmocka_unit_test(test_copy_out_truncates_and_reports_full_length),
        cmocka_unit_test(test_checked_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
