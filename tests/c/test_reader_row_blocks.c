/*
 * test_reader_row_blocks.c - the read options wide_row_block*: readers
 * that each keep their block-cyclic rows of a wide file together hold every
 * row exactly once, with the values and labels of a full read, and count the
 * other rows as filtered.
 */
#include "support.h"

#include <libflow.h>
#include <stdio.h>
#include <string.h>

/* 11 data rows: row i holds i, 10 i, -i (negative cells allowed below). */
static const char *write_table(void)
{
    static char text[2048];
    size_t len = (size_t)snprintf(text, sizeof text, "region,sector,a,b,c\n");
    for (int i = 0; i < 11; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "R%d,s%d,%d,%d,%d\n", i / 4, i, i,
                                10 * i, -i);
    return flow_test_write_temp("row_blocks.csv", text);
}

static flow_read_options *options(int64_t block, int64_t count, int64_t index)
{
    flow_read_options *o = NULL;
    assert_int_equal(flow_read_options_new(&o), FLOW_OK);
    assert_int_equal(flow_test_wide_layout(o, 1, 2, 0, -1, 1, 0), FLOW_OK);
    assert_int_equal(flow_read_options_set(o, "allow_negative", "1"), FLOW_OK);
    assert_int_equal(flow_test_read_set(o, "wide_row_block", "%lld", (long long)block), FLOW_OK);
    assert_int_equal(flow_test_read_set(o, "wide_row_block_count", "%lld", (long long)count),
                     FLOW_OK);
    assert_int_equal(flow_test_read_set(o, "wide_row_block_index", "%lld", (long long)index),
                     FLOW_OK);
    return o;
}

static void test_blocks_partition_the_rows(void **state)
{
    (void)state;
    const char *path = write_table();
    for (int64_t count = 1; count <= 4; count++)
        for (int64_t block = 1; block <= 3; block++) {
            int seen[11] = {0};
            for (int64_t index = 0; index < count; index++) {
                flow_read_options *o = options(block, count, index);
                flow_read_report *report = NULL;
                flow_table *t = NULL;
                assert_int_equal(flow_read_report_new(&report), FLOW_OK);
                int rc = flow_table_read_csv(&t, path, o, report);
                int64_t rows = rc == FLOW_OK ? flow_table_rows(t) : 0;
                if (rc != FLOW_OK)
                    assert_int_equal(rc, FLOW_ERR_EMPTY); /* a reader with no block */
                assert_int_equal(flow_test_report_filtered(report), 11 - rows);
                for (int64_t r = 0; r < rows; r++) {
                    int i = (int)flow_table_values(t)[r * 3];
                    /* Row i belongs to reader (i / block) % count, kept in file order. */
                    assert_int_equal((i / block) % count, index);
                    assert_true(r == 0 || flow_table_values(t)[(r - 1) * 3] < i);
                    assert_true(flow_table_values(t)[r * 3 + 1] == 10.0 * i);
                    char label[8];
                    snprintf(label, sizeof label, "s%d", i);
                    assert_string_equal(flow_table_row_label(t, r), label);
                    seen[i]++;
                }
                flow_table_free(t);
                flow_read_report_free(report);
                flow_read_options_free(o);
            }
            for (int i = 0; i < 11; i++)
                assert_int_equal(seen[i], 1);
        }
}

static void test_bad_blocks_are_rejected(void **state)
{
    (void)state;
    flow_read_options *o = NULL;
    flow_table *t = NULL;
    assert_int_equal(flow_read_options_new(&o), FLOW_OK);
    assert_int_equal(flow_read_options_set(o, "wide_row_block", "0"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(o, "wide_row_block_count", "0"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(o, "wide_row_block_index", "-1"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(NULL, "wide_row_block", "2"), FLOW_ERR_INVALID_ARG);
    /* An index beyond the count passes its key but stops the read, naming both keys. */
    assert_int_equal(flow_read_options_set(o, "wide_row_block_count", "3"), FLOW_OK);
    assert_int_equal(flow_read_options_set(o, "wide_row_block_index", "3"), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, write_table(), o, NULL), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_non_null(strstr(flow_last_error(), "wide_row_block_count"));
    flow_read_options_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_partition_the_rows),
        cmocka_unit_test(test_bad_blocks_are_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
