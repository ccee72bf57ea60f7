/*
 * test_reader_progress.c - the progress callback of the CSV readers: when it
 * is called, with what byte counts, and what cancelling leaves behind. The
 * expected calls are worked out by hand from the input length and a 16-byte
 * read buffer.
 */
#include "support.h"

#include <libflow.h>
#include <stdlib.h>
#include <string.h>

/* 25-byte header and five 10-byte rows: 75 bytes. */
static const char text[] = "origin,destination,value\n"
                           "CHN,USA,2\n"
                           "RUS,CHN,3\n"
                           "IND,CHN,5\n"
                           "KOR,JPN,7\n"
                           "DEU,FRA,1\n";

#define MAX_CALLS 16

/* What the callback saw, and after how many bytes it cancels (-1: never). */
struct calls {
    int count;
    int64_t done[MAX_CALLS];
    int64_t total[MAX_CALLS];
    int64_t cancel_at;
};

static int record(void *userdata, int64_t bytes_done, int64_t bytes_total)
{
    struct calls *c = userdata;
    if (c->count < MAX_CALLS) {
        c->done[c->count] = bytes_done;
        c->total[c->count] = bytes_total;
    }
    c->count++;
    return c->cancel_at >= 0 && bytes_done >= c->cancel_at;
}

static flow_read_options *options(struct calls *c)
{
    flow_read_options *opts = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "buffer_size", "16"), FLOW_OK);
    assert_int_equal(flow_read_options_set_progress(opts, record, c), FLOW_OK);
    return opts;
}

static double cell(const flow_dataset *ds, const char *origin, const char *destination)
{
    const double *v = NULL;
    int64_t n = 0, stride = 0, o = 0, d = 0;
    assert_int_equal(flow_dataset_matrix_view(ds, "trade", 0, NULL, &v, &n, &stride), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), origin, &o), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), destination, &d), FLOW_OK);
    return v[o * stride + d];
}

/* After each full 16-byte buffer (16, 32, 48, 64) and once at the end (75). */
static void assert_whole_read(const struct calls *c, int64_t total)
{
    static const int64_t expected[] = {16, 32, 48, 64, 75};
    assert_int_equal(c->count, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(c->done[i], expected[i]);
        assert_int_equal(c->total[i], total);
    }
}

static void test_file_progress(void **state)
{
    (void)state;
    struct calls c = {.cancel_at = -1};
    flow_read_options *opts = options(&c);
    flow_dataset *ds = NULL;
    const char *path = flow_test_write_temp("progress.csv", text);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, opts, NULL), FLOW_OK);
    assert_whole_read(&c, 75);
    assert_true(cell(ds, "DEU", "FRA") == 1.0);
    flow_dataset_free(ds);
    flow_read_options_free(opts);
}

static void test_buffer_progress(void **state)
{
    (void)state;
    struct calls c = {.cancel_at = -1};
    flow_read_options *opts = options(&c);
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_buffer(ds, "mem.csv", text, 75, opts, NULL), FLOW_OK);
    assert_whole_read(&c, 75);
    flow_dataset_free(ds);
    flow_read_options_free(opts);
}

static void test_cancel_keeps_complete_rows(void **state)
{
    (void)state;
    /* Cancelled after 48 bytes: the header and the rows ending at bytes 35
       and 45 are parsed; the IND row is cut at byte 48 and never delivered. */
    struct calls c = {.cancel_at = 48};
    flow_read_options *opts = options(&c);
    flow_dataset *ds = NULL;
    const char *path = flow_test_write_temp("progress_cancel.csv", text);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, opts, NULL), FLOW_ERR_CANCELLED);
    assert_non_null(strstr(flow_last_error(), "progress_cancel.csv"));
    assert_non_null(strstr(flow_last_error(), "read cancelled by the progress callback"));
    assert_int_equal(c.count, 3);
    assert_true(cell(ds, "CHN", "USA") == 2.0);
    assert_true(cell(ds, "RUS", "CHN") == 3.0);
    assert_true(cell(ds, "IND", "CHN") == 0.0);
    flow_dataset_free(ds);
    flow_read_options_free(opts);
}

static void test_cancel_table_read(void **state)
{
    (void)state;
    struct calls c = {.cancel_at = 0};
    flow_read_options *opts = options(&c);
    flow_table *table = NULL;
    const char *path = flow_test_write_temp("progress_table.csv", ",A,B\nA,1,2\nB,3,4\n");
    assert_int_equal(flow_table_read_csv(&table, path, opts, NULL), FLOW_ERR_CANCELLED);
    assert_null(table);
    assert_int_equal(c.count, 1);
    /* Without cancelling, the 17-byte file gives one (final) call. */
    c.cancel_at = -1;
    c.count = 0;
    assert_int_equal(flow_test_read_set(opts, "buffer_size", "%lld", (long long)(1 << 20)),
                     FLOW_OK);
    assert_int_equal(flow_table_read_csv(&table, path, opts, NULL), FLOW_OK);
    assert_int_equal(c.count, 1);
    assert_int_equal(c.done[0], 17);
    assert_int_equal(c.total[0], 17);
    flow_table_free(table);
    flow_read_options_free(opts);
}

static void test_invalid_and_cleared(void **state)
{
    (void)state;
    struct calls c = {.cancel_at = 0};
    flow_read_options *opts = options(&c);
    flow_dataset *ds = NULL;
    assert_int_equal(flow_read_options_set_progress(NULL, record, &c), FLOW_ERR_INVALID_ARG);
    /* A cleared callback is not called: the read that would cancel succeeds. */
    assert_int_equal(flow_read_options_set_progress(opts, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_buffer(ds, "mem.csv", text, 75, opts, NULL), FLOW_OK);
    assert_int_equal(c.count, 0);
    flow_dataset_free(ds);
    flow_read_options_free(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_progress),
        cmocka_unit_test(test_buffer_progress),
        cmocka_unit_test(test_cancel_keeps_complete_rows),
        cmocka_unit_test(test_cancel_table_read),
        cmocka_unit_test(test_invalid_and_cleared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
