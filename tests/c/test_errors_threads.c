/*
 * test_errors_threads.c - flow_last_error is per thread: two threads that
 * fail in a real public call at the same time (reading two different missing
 * files, then a non-numeric cell) each read back their own message.
 */
#include "support.h"

#include <libflow.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct job {
    const char *missing; /* a file that does not exist */
    const char *bad;     /* a file with a bad value */
    pthread_barrier_t *gate;
    int ok; /* every check passed */
};

static void *run(void *arg)
{
    struct job *job = arg;
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    job->ok = flow_dataset_new(&ds, NULL) == FLOW_OK && flow_read_options_new(&opts) == FLOW_OK &&
              flow_read_options_set(opts, "strict", "1") == FLOW_OK;
    for (int round = 0; round < 200 && job->ok; round++) {
        /* Both threads fail at once, then check after the other has failed too. */
        pthread_barrier_wait(job->gate);
        int rc = flow_dataset_read_csv(ds, round % 2 ? job->missing : job->bad, opts, NULL);
        pthread_barrier_wait(job->gate);
        const char *expect = round % 2 ? job->missing : job->bad;
        job->ok = (rc == (round % 2 ? FLOW_ERR_IO : FLOW_ERR_VALUE)) &&
                  strstr(flow_last_error(), expect) != NULL && flow_last_error_code() == rc;
    }
    flow_read_options_free(opts);
    flow_dataset_free(ds);
    return NULL;
}

static void test_two_threads_keep_their_own_messages(void **state)
{
    (void)state;
    char bad_a[4096], bad_b[4096];
    pthread_barrier_t gate;
    snprintf(bad_a, sizeof bad_a, "%s",
             flow_test_write_temp("thread_a.csv", "origin,destination,value\nCHN,USA,abc\n"));
    snprintf(bad_b, sizeof bad_b, "%s",
             flow_test_write_temp("thread_b.csv", "origin,destination,value\nRUS,CHN,xyz\n"));
    assert_int_equal(pthread_barrier_init(&gate, NULL, 2), 0);
    struct job a = {"/nonexistent/thread_a_missing.csv", bad_a, &gate, 0};
    struct job b = {"/nonexistent/thread_b_missing.csv", bad_b, &gate, 0};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, run, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, run, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    pthread_barrier_destroy(&gate);
    assert_true(a.ok);
    assert_true(b.ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_threads_keep_their_own_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
