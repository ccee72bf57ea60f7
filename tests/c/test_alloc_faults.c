/*
 * test_alloc_faults.c - out of memory at every allocation of a representative
 * workload, in turn: read the demo economies, energy and finance flows,
 * a mapping and an aggregation, parse a scenario with rerouting, run the
 * combined shock report (country systems, the lenses, DebtRank) and read a
 * wide table. Each run fails allocation k (k = 1, 2, ... until a run makes
 * fewer than k allocations) and must end with an error status and a message,
 * constructors' out-pointers NULL, and no allocation left behind.
 *
 * The program replaces malloc, calloc, realloc and free for the whole process
 * (the library's calls and libcsv's go through them), on top of glibc's own
 * __libc_* functions. Under AddressSanitizer, which replaces them itself,
 * the test is skipped.
 *
 * It also counts the reallocs of a read whose one field is 4 MiB long: the
 * CSV field buffer must grow geometrically (a few reallocs), not by a fixed
 * block (32,804 reallocs of 128 bytes before).
 */
#define _GNU_SOURCE /* dladdr */
#include "support.h"

#include <dlfcn.h>
#include <libflow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define FLOW_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLOW_TEST_ASAN 1
#endif
#endif

#ifndef FLOW_TEST_ASAN

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

/* Open-addressing set of the blocks allocated while armed (not thread-safe: one thread). */
enum { SLOTS = 1 << 18 };
static void *live[SLOTS];
static long live_count;
static int armed;
static long allocations, fail_at, reallocs;
static void *failed_caller; /* return address of the call that was failed */

static size_t slot_of(const void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * UINT64_C(0x9E3779B97F4A7C15) >> 46) & (SLOTS - 1);
}

static void track(void *p)
{
    size_t i = slot_of(p);
    while (live[i] != NULL)
        i = (i + 1) & (SLOTS - 1);
    live[i] = p;
    live_count++;
}

/* Removes p when tracked (blocks from before arming are not). */
static void untrack(void *p)
{
    size_t i = slot_of(p);
    while (live[i] != NULL && live[i] != p)
        i = (i + 1) & (SLOTS - 1);
    if (live[i] == NULL)
        return;
    live[i] = NULL;
    live_count--;
    /* Re-insert the rest of the cluster so that lookups still find them. */
    for (size_t j = (i + 1) & (SLOTS - 1); live[j] != NULL; j = (j + 1) & (SLOTS - 1)) {
        void *q = live[j];
        live[j] = NULL;
        live_count--;
        track(q);
    }
}

/* 1 when this allocation (made from caller) is the one to fail. */
static int inject(void *caller)
{
    if (!armed)
        return 0;
    allocations++;
    if (allocations != fail_at)
        return 0;
    failed_caller = caller;
    return 1;
}

void *malloc(size_t size)
{
    if (inject(__builtin_return_address(0)))
        return NULL;
    void *p = __libc_malloc(size);
    if (p != NULL && armed)
        track(p);
    return p;
}

void *calloc(size_t count, size_t size)
{
    if (inject(__builtin_return_address(0)))
        return NULL;
    void *p = __libc_calloc(count, size);
    if (p != NULL && armed)
        track(p);
    return p;
}

void *realloc(void *old, size_t size)
{
    reallocs++;
    if (inject(__builtin_return_address(0)))
        return NULL;
    void *p = __libc_realloc(old, size);
    if (p != NULL && armed) {
        if (old != NULL)
            untrack(old);
        track(p);
    }
    return p;
}

void free(void *p)
{
    if (p != NULL && armed)
        untrack(p);
    __libc_free(p);
}

static void arm(long at)
{
    memset(live, 0, sizeof live);
    live_count = 0;
    allocations = 0;
    fail_at = at;
    armed = 1;
}

/* ------------------------------------------------------------ the workload */

static char paths[6][512];

static const char *data_file(int i, const char *name)
{
    const char *dir = getenv("FLOW_SOURCE_DIR");
    snprintf(paths[i], sizeof paths[i], "%s/data/%s", dir != NULL ? dir : ".", name);
    return paths[i];
}

struct outcome {
    int rc;
    int out_left_set; /* a failed constructor left its out-pointer set */
};

static char sentinel;

#define STEP(call)                                                                                 \
    do {                                                                                           \
        if ((o.rc = (call)) != FLOW_OK)                                                            \
            goto done;                                                                             \
    } while (0)

/* A constructor call: on failure its out-pointer must be NULL (then it is not freed). */
#define STEP_NEW(var, call)                                                                        \
    do {                                                                                           \
        (var) = (void *)&sentinel;                                                                 \
        if ((o.rc = (call)) != FLOW_OK) {                                                          \
            o.out_left_set = (var) != NULL;                                                        \
            (var) = NULL;                                                                          \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

static struct outcome workload(void)
{
    struct outcome o = {FLOW_OK, 0};
    flow_dataset *ds = NULL, *agg_ds = NULL;
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    flow_scenario *scenario = NULL;
    flow_shock_options *options = NULL;
    flow_table *shock = NULL, *systems = NULL;
    flow_aggregation *agg = NULL;
    flow_table *table = NULL;
    flow_labels *labels = NULL;

    STEP_NEW(ds, flow_dataset_new(&ds, NULL));
    STEP_NEW(opts, flow_read_options_new(&opts));
    STEP_NEW(report, flow_read_report_new(&report));
    STEP(flow_dataset_read_attributes_csv(ds, data_file(0, "economies.csv"), "code", opts, report));
    STEP(flow_dataset_read_csv(ds, data_file(1, "energy.csv"), opts, report));
    STEP(flow_dataset_read_csv(ds, data_file(2, "finance.csv"), opts, report));
    STEP_NEW(labels, flow_labels_clone(&labels, flow_dataset_economies(ds)));
    STEP(flow_labels_read_mapping(labels, data_file(3, "mapping_eu.csv"), "code", "group", NULL,
                                  opts, report));
    STEP_NEW(agg, flow_aggregation_new(&agg));
    STEP(flow_aggregation_read_csv(agg, data_file(3, "mapping_eu.csv"), "code", "group"));
    STEP_NEW(agg_ds, flow_dataset_aggregate(&agg_ds, ds, agg));
    STEP_NEW(scenario,
             flow_scenario_read(&scenario, data_file(4, "scenarios/g7_eu_russia_rerouted.txt")));
    STEP_NEW(options, flow_shock_options_new(&options));
    STEP(flow_shock_options_set(options, "size_attribute", "gdp_usd_bn_2022"));
    STEP(flow_shock_options_set(options, "capital_attribute", "bank_capital_usd_bn_2022"));
    STEP_NEW(shock, flow_shock_report_new(&shock, &systems, ds, 2022, scenario, options));
    STEP(flow_test_wide_layout(opts, 1, 2, 0, -1, 1, 0));
    STEP(flow_read_options_set(opts, "allow_negative", "1"));
    STEP_NEW(table, flow_table_read_csv(&table, data_file(5, "io_demo.csv"), opts, report));
done:
    flow_table_free(table);
    flow_aggregation_free(agg);
    flow_dataset_free(agg_ds);
    flow_labels_free(labels);
    flow_table_free(shock);
    flow_table_free(systems);
    flow_shock_options_free(options);
    flow_scenario_free(scenario);
    flow_read_report_free(report);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
    return o;
}

static void test_every_allocation_fails_cleanly(void **state)
{
    (void)state;
    struct outcome first = workload(); /* warms up what libc and OpenBLAS set up once */
    if (first.rc != FLOW_OK)
        fail_msg("the workload fails without faults: %s", flow_last_error());
    arm(0);
    first = workload();
    armed = 0;
    long total = allocations;
    assert_int_equal(first.rc, FLOW_OK);
    assert_int_equal(live_count, 0);
    assert_true(total > 100);
    long nomem = 0, tolerated = 0;
    for (long k = 1; k <= total; k++) {
        arm(k);
        struct outcome o = workload();
        armed = 0;
        const char *message = flow_last_error();
        Dl_info where = {0};
        int in_library = dladdr(failed_caller, &where) != 0 && where.dli_fname != NULL &&
                         strstr(where.dli_fname, "libflow") != NULL;
        /* libc (stdio buffers) and libcsv may cope with a failed allocation themselves. */
        if (o.rc == FLOW_OK && in_library)
            fail_msg("allocation %ld of %ld (in %s) failed, yet the workload returned FLOW_OK", k,
                     total, where.dli_sname ? where.dli_sname : "?");
        if (o.rc == FLOW_OK) {
            tolerated++;
            continue;
        }
        if (message[0] == '\0')
            fail_msg("allocation %ld: status %d without a message", k, o.rc);
        if (o.out_left_set)
            fail_msg("allocation %ld: a failed constructor left its out-pointer set", k);
        if (live_count != 0)
            fail_msg("allocation %ld: %ld blocks leaked after status %d (%s)", k, live_count, o.rc,
                     message);
        nomem += o.rc == FLOW_ERR_NOMEM;
    }
    printf("fault injection: %ld allocations failed in turn: %ld gave FLOW_ERR_NOMEM, %ld another "
           "error naming the cause, %ld (outside libflow) were absorbed by their caller\n",
           total, nomem, total - nomem - tolerated, tolerated);
}

/* A field of 4 MiB: the field buffer grows geometrically. */
static void test_long_field_grows_geometrically(void **state)
{
    (void)state;
    size_t field = (size_t)4 << 20;
    const char *head = "origin,destination,value,note\nCHN,RUS,1,";
    size_t len = strlen(head) + field + 1;
    char *text = __libc_malloc(len + 1);
    assert_non_null(text);
    memcpy(text, head, strlen(head));
    memset(text + strlen(head), 'x', field);
    text[len - 1] = '\n';
    text[len] = '\0';
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "max_line", "%lld", (long long)((int64_t)8 << 20)),
                     FLOW_OK);
    reallocs = 0;
    assert_int_equal(flow_dataset_read_buffer(ds, "long.csv", text, (int64_t)len, opts, NULL),
                     FLOW_OK);
    printf("a 4 MiB field: %ld reallocs\n", reallocs);
    assert_true(reallocs < 100);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
    __libc_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_fails_cleanly),
        cmocka_unit_test(test_long_field_grows_geometrically),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#else

static void test_skipped_under_asan(void **state)
{
    (void)state;
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_skipped_under_asan)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif
