/*
 * test_concurrent_calls.c - libflow.h's thread rule on one shared model:
 * const calls (and, once the model is factored, the "(factors)" solves, the
 * shock runs and the diagnostics) may run concurrently. Four threads make the
 * same calls on one model at once and each must get the single-threaded
 * answer. scripts/test.sh also runs this program built with ThreadSanitizer,
 * which reports any write to the shared model (an A cache once filled
 * through a const pointer was such a write; the model now keeps no A).
 */
#include "support.h"

#include <libflow.h>
#include <pthread.h>
#include <string.h>

enum { N = 12, REGIONS = 4, THREADS = 4, ROUNDS = 20 };

/* What one pass of calls returns: the values every thread must reproduce. */
struct answers {
    double technical[N * N];
    double trade[REGIONS * REGIONS];
    double xbar[N];
    double x[N];
    double demand_loss[REGIONS];
    double rho;
};

struct job {
    flow_io_model *model;
    const flow_scenario *scenario;
    pthread_barrier_t *gate;
    struct answers got;
    int rc;
};

static flow_io_model *build_model(void)
{
    unsigned seed = 11;
    double z[N * N], y[N * REGIONS];
    for (int i = 0; i < N * N; i++)
        z[i] = 10.0 * flow_test_uniform(&seed);
    for (int i = 0; i < N * REGIONS; i++)
        y[i] = 60.0 + 40.0 * flow_test_uniform(&seed);
    flow_io_model *m = NULL;
    const char *regions[REGIONS] = {"CHN", "RUS", "USA", "DEU"};
    const char *sectors[N / REGIONS] = {"agr", "man", "ser"};
    assert_int_equal(flow_io_model_new(&m, N, z, REGIONS, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, REGIONS, regions, sectors), FLOW_OK);
    return m;
}

static int one_pass(flow_io_model *m, const flow_scenario *s, struct answers *out)
{
    const int64_t first[1] = {1}, second[2] = {2, 3};
    double ones[N];
    for (int i = 0; i < N; i++)
        ones[i] = 1.0;
    flow_table *r = NULL;
    flow_table *d = NULL;
    /* The shock run and the diagnostics come first: BLAS calls take locks
     * that would order the threads' later accesses and hide a race. */
    int rc = flow_shock_run(&r, NULL, m, s, NULL);
    for (int i = 0; rc == FLOW_OK && i < REGIONS; i++)
        out->demand_loss[i] =
            flow_table_values(r)[i * flow_table_cols(r) + FLOW_SHOCK_DEMAND_TOTAL];
    if (rc == FLOW_OK)
        rc = flow_io_diagnostics(&d, m, 1e-9);
    if (rc == FLOW_OK)
        rc = flow_test_io_matrix(m, FLOW_IO_TECHNICAL, out->technical, N * N, N);
    flow_table *trade = NULL, *cut = NULL;
    if (rc == FLOW_OK && (rc = flow_io_bilateral_trade(&trade, m)) == FLOW_OK)
        memcpy(out->trade, flow_table_values(trade), sizeof out->trade);
    /* Column 0 of the link extraction is the new output xbar. */
    if (rc == FLOW_OK &&
        (rc = flow_io_extract_links(&cut, m, 1, first, 2, second, 0.5, 0)) == FLOW_OK)
        for (int i = 0; i < N; i++)
            out->xbar[i] = flow_table_values(cut)[i * 2];
    flow_table_free(trade);
    flow_table_free(cut);
    if (rc == FLOW_OK)
        rc = flow_io_model_leontief_solve(m, 1, ones, 1, out->x, N, 1);
    if (rc == FLOW_OK)
        rc = flow_table_scalar(d, "spectral_radius", &out->rho);
    flow_table_free(d);
    flow_table_free(r);
    return rc;
}

static void *run(void *arg)
{
    struct job *job = arg;
    pthread_barrier_wait(job->gate);
    for (int round = 0; round < ROUNDS && job->rc == FLOW_OK; round++)
        job->rc = one_pass(job->model, job->scenario, &job->got);
    return NULL;
}

static void test_shared_factored_model(void **state)
{
    (void)state;
    flow_io_model *m = build_model(), *reference = build_model();
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning USA DEU\ntarget RUS\ncut * * 0.8\n"
                                         "reroute * * 0.3\nvia CHN\n",
                                         NULL),
                     FLOW_OK);
    /* The answers come from a twin model, so that the threads meet the shared
     * one fresh from flow_io_model_factor, the only call that writes it: a
     * cache that some later call fills lazily would be filled by the threads
     * at once, which is what ThreadSanitizer must see. */
    struct answers expected;
    assert_int_equal(one_pass(reference, s, &expected), FLOW_OK);
    flow_io_model_free(reference);
    assert_int_equal(flow_io_model_factor(m), FLOW_OK);

    pthread_barrier_t gate;
    pthread_barrier_init(&gate, NULL, THREADS);
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (struct job){.model = m, .scenario = s, .gate = &gate, .rc = FLOW_OK};
        assert_int_equal(pthread_create(&threads[t], NULL, run, &jobs[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    pthread_barrier_destroy(&gate);
    for (int t = 0; t < THREADS; t++) {
        assert_int_equal(jobs[t].rc, FLOW_OK);
        /* The same code on the same data: bit-for-bit the same answer. */
        assert_memory_equal(&jobs[t].got, &expected, sizeof expected);
    }
    assert_true(expected.demand_loss[1] > 0.0); /* Russia loses: the cut was applied */
    flow_scenario_free(s);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_factored_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
