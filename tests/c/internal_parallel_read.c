/*
 * internal_parallel_read.c - when the parallel reader takes a file and when
 * it leaves it to the serial reader (which test_parallel_ingest cannot see
 * through the public API): it must take large plain files, files whose
 * quotes hold no line break at a cut, and files where a cut falls inside a
 * quoted field (it then reads on over the cut with the scanner before it),
 * reading every row; and leave alone small files and a single thread,
 * without touching the dataset or the report.
 */
#include "support.h"

#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Writes a BACI-like file of rows lines; each row's note field is written
 * as given after the five BACI fields (e.g. "x" or "\"a\nb\""). Sorted: by
 * economy pair, as BACI is (40 pairs); otherwise the exporter changes from
 * row to row.
 */
static const char *const iso[20] = {"4",   "8",   "12",  "36",  "76",  "124", "156",
                                    "250", "276", "344", "356", "364", "392", "398",
                                    "408", "410", "643", "784", "792", "840"};

static const char *write_rows(const char *name, int64_t rows, const char *note, int sorted)
{
    static char path[4096];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/flowtest-%ld-%s", dir ? dir : "/tmp", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("t,i,j,k,v,note\n", f);
    for (int64_t r = 0; r < rows; r++)
        if (sorted) /* 40 economy pairs of 1000 rows each */
            fprintf(f, "2022,%s,%s,%06d,%lld.250,%s\n", iso[r / 1000 % 40 / 10],
                    iso[10 + r / 1000 % 10], (int)(r % 1000), (long long)(r % 97), note);
        else
            fprintf(f, "2022,%d,%d,%06d,%lld.250,%s\n", r % 2 ? 156 : 643,
                    (int)(r / 1000 % 2) ? 4 : 8, (int)(r % 5000), (long long)(r % 97), note);
    fclose(f);
    return path;
}

/*
 * Runs the parallel reader alone; returns *handled (2: shared cells, 1:
 * private copies, 0: declined) and checks the outcome: all rows rows
 * accepted, or nothing read.
 */
static int try_parallel(const char *path, int64_t threads, int64_t rows)
{
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    int handled = -1;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "threads", "%lld", (long long)(threads)), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_i_read_long_parallel(ds, path, opts, report, &handled), FLOW_OK);
    if (handled) {
        assert_int_equal(flow_i_read_report_rows(report), rows);
        assert_int_equal(flow_i_read_report_accepted(report), rows);
    } else { /* declined: nothing read */
        assert_int_equal(flow_i_read_report_rows(report), 0);
        assert_int_equal(flow_dataset_matrix_count(ds), 0);
    }
    flow_read_report_free(report);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
    return handled;
}

static void test_takes_large_plain_files(void **state)
{
    (void)state;
    const char *path = write_rows("pr-plain.csv", 40000, "x", 0); /* about 1.1 MB */
    /* Every range meets every economy pair: the shared cells give way to private copies. */
    assert_int_equal(try_parallel(path, 2, 40000), 1);
    assert_int_equal(try_parallel(path, 4, 40000), 1);
    assert_int_equal(try_parallel(path, 1, 40000), 0);
    remove(path);
}

static void test_sorted_files_go_into_shared_cells(void **state)
{
    (void)state;
    const char *path = write_rows("pr-sorted.csv", 40000, "x", 1);
    assert_int_equal(try_parallel(path, 2, 40000), 2);
    assert_int_equal(try_parallel(path, 3, 40000), 2);
    remove(path);
}

static void test_takes_quotes_without_line_breaks(void **state)
{
    (void)state;
    const char *path = write_rows("pr-quoted.csv", 40000, "\"a, \"\"quoted\"\" note\"", 1);
    assert_int_equal(try_parallel(path, 3, 40000), 2);
    remove(path);
}

static void test_reads_on_over_cuts_inside_quotes(void **state)
{
    (void)state;
    /* 20 of every 21 line breaks are inside a quoted field: so are the cuts. */
    const char *path = write_rows("pr-breaks.csv", 40000,
                                  "\"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
                                  "16\n17\n18\n19\n20\n\"",
                                  1);
    /* Sorted, but a cut inside quotes reads a range again: private copies. */
    assert_int_equal(try_parallel(path, 2, 40000), 1);
    assert_int_equal(try_parallel(path, 3, 40000), 1);
    remove(path);
}

static void test_declines_small_files(void **state)
{
    (void)state;
    const char *path = write_rows("pr-small.csv", 1000, "x", 1);
    assert_int_equal(try_parallel(path, 2, 1000), 0);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_takes_large_plain_files),
        cmocka_unit_test(test_sorted_files_go_into_shared_cells),
        cmocka_unit_test(test_takes_quotes_without_line_breaks),
        cmocka_unit_test(test_reads_on_over_cuts_inside_quotes),
        cmocka_unit_test(test_declines_small_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
