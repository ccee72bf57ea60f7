/*
 * test_hardening_reader.c - reads that meet a changing file, a directory, a
 * NUL byte or a file of headers only say what happened.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A long file of 10,000 rows (200,025 bytes, as in the report that found it). */
static const char *write_long_file(int64_t *bytes)
{
    static char path[256];
    snprintf(path, sizeof path, "%s", flow_test_write_temp("truncated.csv", ""));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("origin,destination,value,year\n", f);
    for (int i = 0; i < 10000; i++)
        fprintf(f, "CHN,USA,%d,2023\n", 10 + i % 90);
    *bytes = ftell(f);
    fclose(f);
    return path;
}

struct truncation {
    const char *path;
    int calls;
};

/* Cuts the file short the first time the reader reports progress. */
static int truncate_on_progress(void *userdata, int64_t done, int64_t total)
{
    struct truncation *t = userdata;
    (void)done;
    (void)total;
    if (t->calls++ == 0)
        assert_int_equal(truncate(t->path, 65555), 0);
    return 0;
}

static void test_file_truncated_while_read(void **state)
{
    (void)state;
    for (int strict = 0; strict <= 1; strict++) {
        int64_t bytes = 0;
        struct truncation t = {write_long_file(&bytes), 0};
        flow_read_options *opts = NULL;
        flow_dataset *ds = NULL;
        assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
        assert_int_equal(flow_test_read_set(opts, "strict", "%d", (strict) != 0), FLOW_OK);
        assert_int_equal(flow_read_options_set(opts, "buffer_size", "4096"), FLOW_OK);
        assert_int_equal(flow_read_options_set_progress(opts, truncate_on_progress, &t), FLOW_OK);
        assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
        assert_int_equal(flow_dataset_read_csv(ds, t.path, opts, NULL), FLOW_ERR_IO);
        assert_true(t.calls > 0);
        assert_non_null(strstr(flow_last_error(), "changed while it was read"));
        char expected[96];
        snprintf(expected, sizeof expected, "65555 bytes read, %lld at the start",
                 (long long)bytes);
        assert_non_null(strstr(flow_last_error(), expected));
        flow_dataset_free(ds);
        flow_read_options_free(opts);
        remove(t.path);
    }
}

/* The threaded reader cuts its ranges from the size at the start: a change is caught too. */
static void test_file_truncated_while_read_in_threads(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp("truncated_threads.csv", "");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("origin,destination,value,year\n", f);
    for (int i = 0; i < 40000; i++)
        fprintf(f, "CHN,USA,%d,2023\n", 10 + i % 90);
    fclose(f);
    struct truncation t = {path, 0};
    flow_read_options *opts = NULL;
    flow_dataset *ds = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "threads", "2"), FLOW_OK);
    assert_int_equal(flow_read_options_set_progress(opts, truncate_on_progress, &t), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, opts, NULL), FLOW_ERR_IO);
    assert_non_null(strstr(flow_last_error(), "changed while it was read"));
    flow_dataset_free(ds);
    flow_read_options_free(opts);
    remove(path);
}

static void test_directory_is_named(void **state)
{
    (void)state;
    flow_dataset *ds = NULL;
    flow_table *t = NULL;
    flow_labels *labels = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, "/tmp", NULL, NULL), FLOW_ERR_IO);
    assert_non_null(strstr(flow_last_error(), "/tmp: is a directory"));
    assert_int_equal(flow_table_read_csv(&t, "/tmp", NULL, NULL), FLOW_ERR_IO);
    assert_non_null(strstr(flow_last_error(), "is a directory"));
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_read_mapping_csv(labels, "/tmp", "alias", "code", NULL, 1),
                     FLOW_ERR_IO);
    assert_non_null(strstr(flow_last_error(), "is a directory"));
    flow_labels_free(labels);
    flow_dataset_free(ds);
}

static void test_nul_byte_is_named(void **state)
{
    (void)state;
    static const char long_text[] = "origin,destination,value\nCHN,USA,1\0002\n";
    flow_read_options *opts = NULL;
    flow_dataset *ds = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "strict", "1"), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_not_equal(flow_dataset_read_buffer(ds, "nul.csv", long_text,
                                                  (int64_t)sizeof long_text - 1, opts, NULL),
                         FLOW_OK);
    assert_non_null(strstr(flow_last_error(), "NUL byte"));
    assert_null(strstr(flow_last_error(), "is not a number"));

    const char *path = flow_test_write_temp("nul_wide.csv", "");
    FILE *f = fopen(path, "wb");
    static const char wide_text[] = "x,A,B\nA,1,2\0003\n";
    fwrite(wide_text, 1, sizeof wide_text - 1, f);
    fclose(f);
    flow_table *t = NULL;
    assert_int_not_equal(flow_table_read_csv(&t, path, opts, NULL), FLOW_OK);
    assert_non_null(strstr(flow_last_error(), "NUL byte"));
    flow_dataset_free(ds);
    flow_read_options_free(opts);
}

/* A header and no data: both readers give an empty result, counted in the report. */
static void test_header_only_alike(void **state)
{
    (void)state;
    flow_dataset *ds = NULL;
    flow_table *t = NULL;
    flow_read_report *report = NULL;
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_write_temp("h.csv", "origin,destination,value\n"), NULL,
                              report),
        FLOW_OK);
    assert_int_equal(flow_test_report_rows(report), 0);
    assert_int_equal(
        flow_table_read_csv(&t, flow_test_write_temp("hw.csv", "x,CHN,USA\n"), NULL, report),
        FLOW_OK);
    assert_int_equal(flow_test_report_rows(report), 0);
    assert_int_equal(flow_table_rows(t), 0);
    assert_int_equal(flow_table_cols(t), 2);
    flow_table_free(t);
    assert_int_equal(flow_dataset_read_csv(ds, flow_test_write_temp("e.csv", ""), NULL, report),
                     FLOW_ERR_EMPTY);
    assert_int_equal(flow_table_read_csv(&t, flow_test_write_temp("ew.csv", ""), NULL, report),
                     FLOW_ERR_EMPTY);
    flow_dataset_free(ds);
    flow_read_report_free(report);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* one test by name, e.g. against an older build */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_truncated_while_read),
        cmocka_unit_test(test_file_truncated_while_read_in_threads),
        cmocka_unit_test(test_directory_is_named),
        cmocka_unit_test(test_nul_byte_is_named),
        cmocka_unit_test(test_header_only_alike),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
