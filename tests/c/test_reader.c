/*
 * test_reader.c - the long-format CSV reader and its row accounting: every
 * bad-input case of DESIGN section 9, delimiters and number formats, presets,
 * filters, and chunk-size invariance. Expected values are written out by hand
 * from the small inputs in each test.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A reader fixture: options, report and a dataset over ISO 3166-1. */
struct fx {
    flow_read_options *opts;
    flow_read_report *report;
    flow_dataset *ds;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (f == NULL || flow_read_options_new(&f->opts) != FLOW_OK ||
        flow_read_report_new(&f->report) != FLOW_OK || flow_dataset_new(&f->ds, NULL) != FLOW_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    flow_read_options_free(f->opts);
    flow_read_report_free(f->report);
    flow_dataset_free(f->ds);
    free(f);
    return 0;
}

static int read_text(struct fx *f, const char *name, const char *text)
{
    return flow_dataset_read_csv(f->ds, flow_test_write_temp(name, text), f->opts, f->report);
}

/* Value of origin -> destination in (layer, year, product). */
static double cell(const struct fx *f, const char *layer, int64_t year, const char *product,
                   const char *origin, const char *destination)
{
    const double *v = NULL;
    int64_t n = 0, stride = 0, o = 0, d = 0;
    assert_int_equal(flow_dataset_matrix_view(f->ds, layer, year, product, &v, &n, &stride),
                     FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(f->ds), origin, &o), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(f->ds), destination, &d), FLOW_OK);
    return v[o * stride + d];
}

static void assert_counts(const struct fx *f, int64_t rows, int64_t accepted, int64_t filtered,
                          int64_t rejected)
{
    assert_int_equal(flow_test_report_rows(f->report), rows);
    assert_int_equal(flow_test_report_accepted(f->report), accepted);
    assert_int_equal(flow_test_report_filtered(f->report), filtered);
    assert_int_equal(flow_test_report_rejected(f->report), rejected);
}

/* Count of one reason in the report (0 when absent). */
static int64_t reason(const struct fx *f, const char *text)
{
    for (int64_t i = 0; i < flow_test_report_reason_count(f->report); i++) {
        const char *r = NULL;
        int64_t count = 0;
        assert_int_equal(flow_test_report_reason(f->report, i, &r, &count, NULL), FLOW_OK);
        if (strcmp(r, text) == 0)
            return count;
    }
    return 0;
}

static const char *kept_message(const struct fx *f, int64_t i)
{
    const char *message = NULL;
    assert_int_equal(flow_test_report_kept(f->report, i, &message, NULL, NULL, NULL, NULL),
                     FLOW_OK);
    return message;
}

/* ---------------------------------------------------------------- basics */

static void test_basic_long_file(void **state)
{
    struct fx *f = *state;
    assert_int_equal(read_text(f, "basic.csv",
                               "origin,destination,value\nCHN,USA,1.5\nRUS,CHN,2\n156,USA,0.25\n"),
                     FLOW_OK);
    assert_counts(f, 3, 3, 0, 0);
    /* No year or layer column: the defaults (trade, 0). "156" is CHN. */
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 1.75, 0);
    assert_close(cell(f, "trade", 0, NULL, "RUS", "CHN"), 2.0, 0);
    assert_close(cell(f, "trade", 0, NULL, "USA", "CHN"), 0.0, 0);
    assert_int_equal(flow_dataset_matrix_count(f->ds), 1);
    /* Two rows in the same cell without product codes are duplicates. */
    assert_int_equal(flow_test_report_duplicates(f->report), 1);
}

static void test_unreadable_file(void **state)
{
    struct fx *f = *state;
    assert_int_equal(flow_dataset_read_csv(f->ds, "/nonexistent/dir/trade.csv", f->opts, f->report),
                     FLOW_ERR_IO);
    assert_non_null(strstr(flow_last_error(), "/nonexistent/dir/trade.csv"));
    assert_non_null(strstr(flow_last_error(), "No such file"));
    /* A directory opens but cannot be read. */
    assert_int_equal(flow_dataset_read_csv(f->ds, "/", f->opts, f->report), FLOW_ERR_IO);
}

static void test_empty_file_and_header_only(void **state)
{
    struct fx *f = *state;
    assert_int_equal(read_text(f, "empty.csv", ""), FLOW_ERR_EMPTY);
    assert_non_null(strstr(flow_last_error(), "empty.csv"));
    assert_int_equal(read_text(f, "blank.csv", "\n\r\n  \n"), FLOW_ERR_EMPTY);
    assert_int_equal(read_text(f, "header.csv", "origin,destination,value\n"), FLOW_OK);
    assert_counts(f, 0, 0, 0, 0);
    assert_int_equal(flow_dataset_matrix_count(f->ds), 0);
}

static void test_missing_column(void **state)
{
    struct fx *f = *state;
    assert_int_equal(read_text(f, "nocol.csv", "origin,destination,amount\nCHN,USA,1\n"),
                     FLOW_ERR_MISSING_COLUMN);
    assert_non_null(strstr(flow_last_error(), "nocol.csv: line 1"));
    assert_non_null(strstr(flow_last_error(), "\"value\""));
    assert_non_null(strstr(flow_last_error(), "origin,destination,amount"));
    /* The column names are configurable. */
    assert_int_equal(flow_read_options_set(f->opts, "value_column", "amount"), FLOW_OK);
    assert_int_equal(read_text(f, "nocol.csv", "origin,destination,amount\nCHN,USA,1\n"), FLOW_OK);
    assert_counts(f, 1, 1, 0, 0);
}

static void test_ragged_rows(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value\nCHN,USA,1\nCHN,USA\nRUS,CHN,2,9\nRUS,IND,3\n";
    const char *file = NULL, *column = NULL;
    int64_t line = 0;
    assert_int_equal(read_text(f, "ragged.csv", text), FLOW_OK);
    assert_counts(f, 4, 2, 0, 2);
    assert_int_equal(reason(f, "ragged row"), 2);
    assert_int_equal(flow_test_report_kept_count(f->report), 2);
    assert_int_equal(flow_test_report_kept(f->report, 0, NULL, &file, &line, &column, NULL),
                     FLOW_OK);
    assert_int_equal(line, 3);
    assert_string_equal(column, "");
    assert_non_null(strstr(file, "ragged.csv"));
    assert_non_null(strstr(kept_message(f, 0), "line 3: ragged row: 2 fields, header has 3"));
    assert_non_null(strstr(kept_message(f, 1), "line 4: ragged row: 4 fields"));
    assert_int_equal(flow_read_options_set(f->opts, "strict", "1"), FLOW_OK);
    assert_int_equal(read_text(f, "ragged.csv", text), FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "ragged.csv: line 3: ragged row"));
}

static void test_unterminated_quote(void **state)
{
    struct fx *f = *state;
    assert_int_equal(
        read_text(f, "quote.csv", "origin,destination,value\nCHN,USA,1\n\"RUS,CHN,2\nIND,CHN,3\n"),
        FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "quote.csv: line 3: unterminated quoted field"));
    /* Text after a closing quote is malformed too. */
    assert_int_equal(read_text(f, "quote2.csv", "origin,destination,value\n\"CHN\"x,USA,1\n"),
                     FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "line 2"));
}

static void test_non_numeric_value_message(void **state)
{
    struct fx *f = *state;
    const char *path = flow_test_write_temp("trade.csv", "i,j,v\n"
                                                         "CHN,USA,1\n"
                                                         "CHN,RUS,abc\n");
    char expected[4200];
    assert_int_equal(flow_read_options_set(f->opts, "origin_column", "i"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "destination_column", "j"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "value_column", "v"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(f->ds, path, f->opts, f->report), FLOW_OK);
    assert_counts(f, 2, 1, 0, 1);
    snprintf(expected, sizeof expected, "%s: line 3, column \"v\": 'abc' is not a number", path);
    assert_string_equal(kept_message(f, 0), expected);
    const char *column = NULL, *text = NULL;
    assert_int_equal(flow_test_report_kept(f->report, 0, NULL, NULL, NULL, &column, &text),
                     FLOW_OK);
    assert_string_equal(column, "v");
    assert_string_equal(text, "abc");
    /* Strict mode: the same message from flow_last_error. */
    assert_int_equal(flow_read_options_set(f->opts, "strict", "1"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(f->ds, path, f->opts, f->report), FLOW_ERR_VALUE);
    assert_string_equal(flow_last_error(), expected);
    assert_int_equal(flow_last_error_code(), FLOW_ERR_VALUE);
}

static void test_nan_inf_negative(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value\n"
                       "CHN,USA,nan\nCHN,USA,-Inf\nCHN,USA,1e999\nCHN,USA,-2\nCHN,USA,5\n";
    assert_int_equal(read_text(f, "nan.csv", text), FLOW_OK);
    assert_counts(f, 5, 1, 0, 4);
    assert_int_equal(reason(f, "NaN or infinite value"), 3);
    assert_int_equal(reason(f, "negative value"), 1);
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 5.0, 0);
    /* Negative flows pass when allowed (net positions). */
    assert_int_equal(flow_read_options_set(f->opts, "allow_negative", "1"), FLOW_OK);
    flow_dataset_free(f->ds);
    assert_int_equal(flow_dataset_new(&f->ds, NULL), FLOW_OK);
    assert_int_equal(read_text(f, "nan.csv", text), FLOW_OK);
    assert_counts(f, 5, 2, 0, 3);
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 3.0, 0);
}

static void test_unknown_codes_reported(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value\nCHN,USA,1\nXYZ,USA,2\nCHN,XYZ,3\nCHN,EU,4\n"
                       ",USA,5\n";
    const char *code = NULL;
    int64_t rows = 0, first = 0, index = 0;
    assert_int_equal(read_text(f, "unknown.csv", text), FLOW_OK);
    assert_counts(f, 5, 1, 0, 4);
    assert_int_equal(reason(f, "unknown economy code"), 3);
    assert_int_equal(reason(f, "missing economy code"), 1);
    assert_non_null(
        strstr(kept_message(f, 0), "line 3, column \"origin\": unknown economy code 'XYZ'"));
    assert_int_equal(flow_test_report_unknown_count(f->report), 2);
    assert_int_equal(flow_test_report_unknown(f->report, 0, &code, &rows, &first), FLOW_OK);
    assert_string_equal(code, "XYZ");
    assert_int_equal(rows, 2);
    assert_int_equal(first, 3);
    assert_int_equal(flow_test_report_unknown(f->report, 1, &code, &rows, &first), FLOW_OK);
    assert_string_equal(code, "EU");
    assert_int_equal(first, 5);
    /* Strict: fails on the first unknown code. */
    assert_int_equal(flow_read_options_set(f->opts, "strict", "1"), FLOW_OK);
    assert_int_equal(read_text(f, "unknown.csv", text), FLOW_ERR_UNKNOWN_LABEL);
    assert_non_null(strstr(flow_last_error(), "unknown economy code 'XYZ'"));
    /* The add policy turns unknown codes into new labels. */
    assert_int_equal(flow_read_options_set(f->opts, "strict", "0"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "unknown_codes", "add"), FLOW_OK);
    assert_int_equal(read_text(f, "unknown.csv", text), FLOW_OK);
    assert_counts(f, 5, 4, 0, 1);
    assert_int_equal(flow_labels_find(flow_dataset_economies(f->ds), "XYZ", &index), FLOW_OK);
    assert_int_equal(flow_dataset_economy_count(f->ds), 252); /* 250 (ISO and ROW), EU, XYZ */
    assert_close(cell(f, "trade", 0, NULL, "CHN", "EU"), 4.0, 0);
    /* 1 from each read: the failed strict read had accepted row 2 before failing. */
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 3.0, 0);
}

static void test_duplicates_summed_and_counted(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value,year,product\n"
                       "CHN,USA,1,2021,2709\n"
                       "CHN,USA,2,2021,2709\n"
                       "CHN,USA,4,2021,8542\n"
                       "CHN,USA,8,2021,2709\n"
                       "CHN,USA,16,2022,2709\n";
    assert_int_equal(read_text(f, "dup.csv", text), FLOW_OK);
    assert_counts(f, 5, 5, 0, 0);
    /* Row 2 repeats row 1's key; row 4 follows a different product in the cell. */
    assert_int_equal(flow_test_report_duplicates(f->report), 1);
    assert_close(cell(f, "trade", 2021, NULL, "CHN", "USA"), 15.0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "CHN", "USA"), 16.0, 0);
}

static void test_bom_crlf_quotes_and_blank_lines(void **state)
{
    struct fx *f = *state;
    const char *text = "\xEF\xBB\xBForigin,destination,value\r\n"
                       "\"CHN\",\"USA\",\"1,5\"\r\n"
                       "\r\n"
                       "RUS,\"C\"\"N\",2\r\n"
                       "  IND , CHN ,  3  \r\n"
                       "RUS,CHN,x\r\n";
    assert_int_equal(read_text(f, "bom.csv", text), FLOW_OK);
    assert_counts(f, 4, 1, 0, 3);
    /* "1,5" is not a number with the default '.' decimal separator. */
    assert_non_null(strstr(kept_message(f, 0), "line 2, column \"value\": '1,5' is not a number"));
    /* Quotes doubled inside a field; the blank line still counts as a line. */
    assert_non_null(
        strstr(kept_message(f, 1), "line 4, column \"destination\": unknown economy code 'C\"N'"));
    assert_non_null(strstr(kept_message(f, 2), "line 6,"));
    /* Blanks around unquoted fields are ignored. */
    assert_close(cell(f, "trade", 0, NULL, "IND", "CHN"), 3.0, 0);
}

static void test_line_numbers_after_multiline_field(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value,note\n"
                       "CHN,USA,1,\"two\nlines\"\n"
                       "CHN,USA,oops,x\n";
    int64_t line = 0;
    assert_int_equal(read_text(f, "multi.csv", text), FLOW_OK);
    assert_counts(f, 2, 1, 0, 1);
    assert_int_equal(flow_test_report_kept(f->report, 0, NULL, NULL, &line, NULL, NULL), FLOW_OK);
    assert_int_equal(line, 4);
}

static void test_semicolon_tab_and_number_formats(void **state)
{
    struct fx *f = *state;
    /* Semicolons detected; decimal comma and space thousands as in WIOD. */
    assert_int_equal(flow_read_options_set(f->opts, "thousands", " "), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "decimal", ","), FLOW_OK);
    assert_int_equal(
        read_text(f, "semi.csv", "origin;destination;value\nCHN;USA;1 234 567,5\nRUS;CHN;12 34\n"),
        FLOW_OK);
    assert_counts(f, 2, 1, 0, 1);
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 1234567.5, 0);
    /* Tabs detected; comma thousands inside quotes; a bad grouping is rejected. */
    assert_int_equal(flow_read_options_set(f->opts, "thousands", ","), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "decimal", "."), FLOW_OK);
    flow_dataset_free(f->ds);
    assert_int_equal(flow_dataset_new(&f->ds, NULL), FLOW_OK);
    assert_int_equal(read_text(f, "tab.csv",
                               "origin\tdestination\tvalue\nCHN\tUSA\t\"1,234.25\"\n"
                               "CHN\tRUS\t1,2345\nCHN\tIND\t-1e3\n"),
                     FLOW_OK);
    assert_counts(f, 3, 1, 0, 2);
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 1234.25, 0);
    /* A delimiter set explicitly wins over detection. */
    assert_int_equal(flow_read_options_set(f->opts, "delimiter", ";"), FLOW_OK);
    assert_int_equal(read_text(f, "tab.csv", "origin\tdestination\tvalue\nCHN\tUSA\t1\n"),
                     FLOW_ERR_MISSING_COLUMN);
    assert_int_equal(flow_read_options_set(f->opts, "delimiter", ""), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "thousands", ","), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "decimal", ","), FLOW_OK);
    assert_int_equal(read_text(f, "tab.csv", "origin\tdestination\tvalue\nCHN\tUSA\t1\n"),
                     FLOW_ERR_INVALID_ARG);
    assert_non_null(strstr(flow_last_error(), "'thousands' and 'decimal'"));
    assert_int_equal(flow_read_options_set(f->opts, "delimiter", "x"), FLOW_ERR_INVALID_ARG);
}

static void test_missing_value_policies(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value\nCHN,USA,NA\nCHN,USA,\nCHN,USA,..\nCHN,RUS,7\n";
    assert_int_equal(read_text(f, "missing.csv", text), FLOW_OK);
    assert_counts(f, 4, 4, 0, 0);
    assert_int_equal(flow_test_report_missing(f->report), 3);
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 0.0, 0);
    assert_int_equal(flow_read_options_set(f->opts, "missing", "skip"), FLOW_OK);
    assert_int_equal(read_text(f, "missing.csv", text), FLOW_OK);
    assert_counts(f, 4, 1, 3, 0);
    assert_int_equal(reason(f, "missing value"), 3);
    assert_int_equal(flow_read_options_set(f->opts, "missing", "reject"), FLOW_OK);
    assert_int_equal(read_text(f, "missing.csv", text), FLOW_OK);
    assert_counts(f, 4, 1, 0, 3);
    /* Tokens are configurable: without "NA" it is not a number. */
    assert_int_equal(flow_read_options_set(f->opts, "missing_tokens", ".."), FLOW_OK);
    assert_int_equal(read_text(f, "missing.csv", text), FLOW_OK);
    assert_int_equal(reason(f, "not a number"), 2); /* "NA" and "" */
    assert_int_equal(reason(f, "missing value"), 1);
}

static void test_enormous_line(void **state)
{
    struct fx *f = *state;
    size_t big = 5000;
    char *text = malloc(big + 64);
    assert_non_null(text);
    strcpy(text, "origin,destination,value\nCHN,USA,1\nCHN,USA,");
    size_t len = strlen(text);
    memset(text + len, '9', big);
    strcpy(text + len + big, "\nRUS,CHN,2\n");
    assert_int_equal(flow_read_options_set(f->opts, "max_line", "1024"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "buffer_size", "100"), FLOW_OK);
    assert_int_equal(read_text(f, "enormous.csv", text), FLOW_ERR_PARSE);
    assert_non_null(
        strstr(flow_last_error(), "enormous.csv: line 3: record longer than 1024 bytes"));
    /* Under the default limit the 5000-digit number is parsed (and finite). */
    assert_int_equal(flow_test_read_set(f->opts, "max_line", "%lld", (long long)(1 << 20)),
                     FLOW_OK);
    assert_int_equal(read_text(f, "enormous.csv", text), FLOW_OK);
    assert_counts(f, 3, 2, 0, 1);
    assert_int_equal(reason(f, "NaN or infinite value"), 1); /* 10^5000 overflows a double */
    free(text);
    assert_int_equal(flow_read_options_set(f->opts, "max_line", "4"), FLOW_ERR_INVALID_ARG);
}

static void test_integer_overflow(void **state)
{
    struct fx *f = *state;
    /* Years beyond int64 are rejected, not wrapped. */
    assert_int_equal(read_text(f, "year.csv",
                               "origin,destination,value,year\nCHN,USA,1,99999999999999999999\n"
                               "CHN,USA,1,-9223372036854775807\n"),
                     FLOW_OK);
    assert_counts(f, 2, 1, 0, 1);
    assert_int_equal(reason(f, "year is not an integer"), 1);
    /* Sizes that cannot be represented are refused up front. */
    assert_int_equal(flow_test_read_set(f->opts, "buffer_size", "%lld", (long long)(INT64_MAX)),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_test_read_set(f->opts, "max_line", "%lld", (long long)(INT64_MAX)),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(f->opts, "buffer_size", "0"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(f->opts, "max_rejects_kept", "-1"),
                     FLOW_ERR_INVALID_ARG);
}

static void test_filters_are_counted(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value,year,layer,product\n"
                       "RUS,CHN,1,2021,trade,270900\n"
                       "RUS,CHN,2,2022,trade,270900\n"
                       "RUS,CHN,4,2021,trade,854231\n"
                       "RUS,CHN,8,2021,energy,270900\n"
                       "RUS,CHN,16,2021,trade,271000\n";
    assert_int_equal(flow_read_options_set(f->opts, "years", "2021"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "layers", "trade"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "product_prefixes", "2709"), FLOW_OK);
    assert_int_equal(read_text(f, "filters.csv", text), FLOW_OK);
    assert_counts(f, 5, 1, 4, 0);
    assert_int_equal(reason(f, "year not selected"), 1);
    assert_int_equal(reason(f, "layer not selected"), 1);
    assert_int_equal(reason(f, "product not selected"), 2);
    assert_close(cell(f, "trade", 2021, NULL, "RUS", "CHN"), 1.0, 0);
    /* A two-digit prefix takes the whole chapter. */
    assert_int_equal(flow_read_options_set(f->opts, "years", ""), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "layers", ""), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "product_prefixes", "27"), FLOW_OK);
    flow_dataset_free(f->ds);
    assert_int_equal(flow_dataset_new(&f->ds, NULL), FLOW_OK);
    assert_int_equal(read_text(f, "filters.csv", text), FLOW_OK);
    assert_counts(f, 5, 4, 1, 0);
    assert_close(cell(f, "trade", 2021, NULL, "RUS", "CHN"), 17.0, 0);
    assert_close(cell(f, "energy", 2021, NULL, "RUS", "CHN"), 8.0, 0);
}

static void test_units_are_not_mixed(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value,product,unit\n"
                       "RUS,CHN,86.24,crude_oil,Mt\n"
                       "RUS,CHN,14.67,pipeline_gas,bcm\n"
                       "RUS,IND,37.02,crude_oil,\n";
    /* All products in one matrix: the bcm row clashes with the Mt row; an
       empty unit agrees with any. */
    assert_int_equal(read_text(f, "units.csv", text), FLOW_OK);
    assert_counts(f, 3, 2, 0, 1);
    assert_int_equal(reason(f, "unit differs from the matrix's"), 1);
    assert_string_equal(flow_dataset_matrix_unit(f->ds, "trade", 0, NULL), "Mt");
    /* Products kept apart: each matrix has its unit. */
    flow_dataset_free(f->ds);
    assert_int_equal(flow_dataset_new(&f->ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(f->ds, 100), FLOW_OK);
    assert_int_equal(read_text(f, "units.csv", text), FLOW_OK);
    assert_counts(f, 3, 3, 0, 0);
    assert_string_equal(flow_dataset_matrix_unit(f->ds, "trade", 0, "pipeline_gas"), "bcm");
    assert_close(cell(f, "trade", 0, "pipeline_gas", "RUS", "CHN"), 14.67, 0);
    /* An expected unit rejects the others. */
    assert_int_equal(flow_read_options_set(f->opts, "unit", "bcm"), FLOW_OK);
    assert_int_equal(read_text(f, "units.csv", text), FLOW_OK);
    assert_int_equal(reason(f, "unit not the expected one"), 1);
}

static void test_kept_rejects_are_bounded(void **state)
{
    struct fx *f = *state;
    assert_int_equal(flow_read_options_set(f->opts, "max_rejects_kept", "2"), FLOW_OK);
    assert_int_equal(
        read_text(f, "many.csv", "origin,destination,value\nA,B,1\nC,D,1\nE,F,1\nG,H,1\nI,J,1\n"),
        FLOW_OK);
    assert_counts(f, 5, 0, 0, 5);
    assert_int_equal(flow_test_report_kept_count(f->report), 2);
    assert_non_null(strstr(kept_message(f, 1), "line 3"));
    assert_int_equal(flow_test_report_kept(f->report, 2, NULL, NULL, NULL, NULL, NULL),
                     FLOW_ERR_INVALID_ARG);
}

/* ---------------------------------------------------------------- presets */

static void test_baci_preset(void **state)
{
    struct fx *f = *state;
    flow_dataset_free(f->ds);
    /* The axis: ISO plus BACI's own codes, read through the mapping file. */
    flow_labels *axis = NULL;
    assert_int_equal(flow_labels_new_iso3166(&axis), FLOW_OK);
    assert_int_equal(
        flow_labels_read_mapping_csv(axis, flow_test_data_file("baci_country_codes.csv"),
                                     "country_code", "country_iso3", "country_name", 1),
        FLOW_OK);
    assert_int_equal(flow_dataset_new(&f->ds, axis), FLOW_OK);
    flow_labels_free(axis);
    assert_int_equal(flow_read_options_set(f->opts, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "product_prefixes", "2709"), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(f->ds, flow_test_data_file("baci_sample.csv"), f->opts, f->report),
        FLOW_OK);
    /* 6 rows: 2 filtered by product (854231, 271000), 4 accepted; q = NA or empty is fine. */
    assert_counts(f, 6, 4, 2, 0);
    assert_string_equal(flow_test_report_unit(f->report), "USD");
    /* v is in thousand USD: 35420.5 -> 35,420,500 USD. */
    assert_close(cell(f, "trade", 2021, NULL, "RUS", "CHN"), 35420500.0, 1e-15);
    assert_close(cell(f, "trade", 2021, NULL, "RUS", "IND"), 12000000.0, 1e-15);
    assert_close(cell(f, "trade", 2021, NULL, "FRA", "USA"), 2000.0, 1e-15);
    assert_close(cell(f, "trade", 2020, NULL, "RUS", "CHN"), 99000.0, 1e-15);
    /* A scale set after the preset overrides it (values in thousands). */
    assert_int_equal(flow_read_options_set(f->opts, "scale", "1.0"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "scale", "0.0"), FLOW_ERR_INVALID_ARG);
}

static void test_comtrade_preset(void **state)
{
    struct fx *f = *state;
    assert_int_equal(flow_read_options_set(f->opts, "preset", "comtrade"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(f->ds, flow_test_data_file("comtrade_sample.csv"),
                                           f->opts, f->report),
                     FLOW_OK);
    /*
     * China reports importing 58 bn of crude (2709) from Russia, Russia
     * reports exporting 50 bn of it to China: one flow, two reports. By
     * default the importer's is kept and Russia's row is superseded.
     */
    assert_counts(f, 5, 2, 3, 0);
    assert_int_equal(reason(f, "world partner (aggregate)"), 1);
    assert_int_equal(reason(f, "flow code not M or X"), 1);
    assert_int_equal(reason(f, "superseded by the preferred report (mirror policy)"), 1);
    /* China's imports from Russia are Russia -> China; its exports China -> Russia. */
    assert_close(cell(f, "trade", 2022, NULL, "RUS", "CHN"), 58e9, 1e-15);
    assert_close(cell(f, "trade", 2022, NULL, "CHN", "RUS"), 9e9, 1e-15);
    assert_int_equal(flow_dataset_matrix_count(f->ds), 1); /* no reserved matrix left */
    assert_int_equal(flow_read_options_set(f->opts, "preset", "99"), FLOW_ERR_INVALID_ARG);
}

/* The other policies on the same sample, each on a fresh dataset. */
static void test_comtrade_mirror_policies(void **state)
{
    struct fx *f = *state;
    /* policy, RUS -> CHN, CHN -> RUS (China's car exports: only China reports them), accepted */
    const struct {
        const char *policy;
        double rus_chn, chn_rus;
        int64_t accepted;
    } cases[] = {
        {"exporter-first", 50e9, 9e9, 2}, {"importer", 58e9, 0.0, 1}, {"exporter", 50e9, 9e9, 2}};
    assert_int_equal(flow_read_options_set(f->opts, "preset", "comtrade"), FLOW_OK);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        flow_dataset_free(f->ds);
        f->ds = NULL;
        assert_int_equal(flow_dataset_new(&f->ds, NULL), FLOW_OK);
        assert_int_equal(flow_read_options_set(f->opts, "mirror_policy", cases[k].policy), FLOW_OK);
        assert_int_equal(flow_dataset_read_csv(f->ds, flow_test_data_file("comtrade_sample.csv"),
                                               f->opts, f->report),
                         FLOW_OK);
        assert_counts(f, 5, cases[k].accepted, 5 - cases[k].accepted, 0);
        assert_close(cell(f, "trade", 2022, NULL, "RUS", "CHN"), cases[k].rus_chn, 1e-15);
        assert_close(cell(f, "trade", 2022, NULL, "CHN", "RUS"), cases[k].chn_rus, 1e-15);
    }
    assert_int_equal(flow_read_options_set(f->opts, "mirror_policy", "both"), FLOW_ERR_INVALID_ARG);
}

/* Quantities follow the kept report: the two reports' weights are never summed. */
static void test_comtrade_quantities_of_the_kept_report(void **state)
{
    struct fx *f = *state;
    const char *path =
        flow_test_write_temp("q.csv", "refYear,reporterISO,flowCode,partnerISO,cmdCode,"
                                      "primaryValue,netWgt\n"
                                      "2022,CHN,M,RUS,2709,58000000000,100\n"
                                      "2022,RUS,X,CHN,2709,50000000000,90\n");
    assert_int_equal(flow_read_options_set(f->opts, "preset", "comtrade"), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "quantity_layer", "weight"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(f->ds, path, f->opts, f->report), FLOW_OK);
    assert_counts(f, 2, 1, 1, 0);
    assert_close(cell(f, "trade", 2022, NULL, "RUS", "CHN"), 58e9, 1e-15);
    assert_close(cell(f, "weight", 2022, NULL, "RUS", "CHN"), 100.0, 1e-15);
}

/* ---------------------------------------------------------------- invariance */

/* Serialises a read's outcome: accounting, kept messages, every matrix. */
static char *outcome(struct fx *f, const char *path, int64_t buffer)
{
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    flow_dataset *ds = NULL;
    assert_non_null(out);
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_test_read_set(f->opts, "buffer_size", "%lld", (long long)(buffer)),
                     FLOW_OK);
    int rc = flow_dataset_read_csv(ds, path, f->opts, f->report);
    len += (size_t)snprintf(out + len, cap - len, "%d %lld %lld %lld %lld %lld %lld\n", rc,
                            (long long)flow_test_report_rows(f->report),
                            (long long)flow_test_report_accepted(f->report),
                            (long long)flow_test_report_filtered(f->report),
                            (long long)flow_test_report_rejected(f->report),
                            (long long)flow_test_report_duplicates(f->report),
                            (long long)flow_test_report_missing(f->report));
    for (int64_t i = 0; i < flow_test_report_kept_count(f->report); i++)
        len += (size_t)snprintf(out + len, cap - len, "%s\n", kept_message(f, i));
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *layer = NULL, *product = NULL;
        const double *v = NULL;
        int64_t year = 0, n = 0, stride = 0;
        flow_dataset_matrix_key(ds, k, &layer, &year, &product);
        flow_dataset_matrix_view(ds, layer, year, product, &v, &n, &stride);
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                if (v[i * stride + j] != 0.0)
                    len += (size_t)snprintf(out + len, cap - len, "%s %lld %lld %lld %.17g\n",
                                            layer, (long long)year, (long long)i, (long long)j,
                                            v[i * stride + j]);
    }
    assert_true(len < cap - 1);
    flow_dataset_free(ds);
    return out;
}

/* Reads path with every buffer size from 1 to 80 bytes: each outcome must be reference. */
static void assert_outcome_for_every_buffer(struct fx *f, const char *path, const char *reference)
{
    for (int64_t size = 1; size <= 80; size++) {
        char *other = outcome(f, path, size);
        if (strcmp(reference, other) != 0)
            fail_msg("buffer of %lld bytes:\n%s\nexpected:\n%s", (long long)size, other, reference);
        free(other);
    }
}

static void test_chunk_size_invariance(void **state)
{
    struct fx *f = *state;
    /* Every awkward feature at once: BOM, CRLF, quotes with delimiters and
       line ends, blank lines, rejects of several kinds, duplicates. */
    const char *text = "\xEF\xBB\xBForigin;destination;value;year;note\r\n"
                       "CHN;USA;1 234,5;2021;\"a;b\"\r\n"
                       "RUS;CHN;2;2021;\"multi\r\nline\"\r\n"
                       "\r\n"
                       "RUS;CHN;2;2021;dup\r\n"
                       "XYZ;CHN;3;2021;unknown\r\n"
                       "IND;CHN;abc;2022;bad\r\n"
                       "IND;CHN;NA;2022;missing\r\n"
                       "IND;CHN;-1;2022;negative\r\n"
                       "IND;CHN;5;2022\r\n"
                       "KOR;JPN;0,125;2022;last-no-newline";
    const char *path = flow_test_write_temp("chunks.csv", text);
    assert_int_equal(flow_read_options_set(f->opts, "thousands", " "), FLOW_OK);
    assert_int_equal(flow_read_options_set(f->opts, "decimal", ","), FLOW_OK);
    char *reference = outcome(f, path, 1 << 20);
    /* The reference itself, written out from the text above. */
    /* 9 records: 5 accepted (one a duplicate, one a missing value), 4 rejected. */
    assert_non_null(strstr(reference, "0 9 5 0 4 1 1\n"));
    assert_non_null(strstr(reference, "line 7, column \"origin\": unknown economy code 'XYZ'"));
    assert_non_null(strstr(reference, "line 11: ragged row"));
    assert_outcome_for_every_buffer(f, path, reference);
    free(reference);
}

/*
 * LF-only text where most lines are plain (the scanner hands them to libcsv
 * in large pieces and counts lines by records) and some are not: a line break
 * inside quotes, blank lines (one holding only spaces), a line ending in
 * spaces, and a row of unquoted text right after a quoted line break. Every
 * buffer size cuts the text somewhere else; the line of every reject is
 * written out by hand below.
 */
static void test_line_numbers_with_any_buffer_size(void **state)
{
    struct fx *f = *state;
    const char *text = "origin,destination,value,note\n" /* line 1 */
                       "CHN,USA,1,a\n"                   /* 2 */
                       "XYA,USA,1,b\n"                   /* 3: unknown */
                       "CHN,USA,2,\"two\n"               /* 4-5 */
                       "lines\"\n"
                       "XYB,USA,1,c\n" /* 6: unknown */
                       "\n"            /* 7: blank */
                       "   \n"         /* 8: blank */
                       "CHN,USA,x,d\n" /* 9: not a number */
                       "CHN,USA,3,e  \n"
                       "XYC,USA,1,f\n" /* 11: unknown */
                       "CHN,USA\n"     /* 12: ragged */
                       "CHN,USA,4,g\n";
    const char *path = flow_test_write_temp("lines.csv", text);
    char *reference = outcome(f, path, 1 << 20);
    /* 9 records: 5 rejected, 4 accepted into one cell (no product column: all but the
       first are duplicates). */
    assert_non_null(strstr(reference, "0 9 4 0 5 3 0\n"));
    assert_non_null(strstr(reference, "line 3, column \"origin\": unknown economy code 'XYA'"));
    assert_non_null(strstr(reference, "line 6, column \"origin\": unknown economy code 'XYB'"));
    assert_non_null(strstr(reference, "line 9, column \"value\": 'x' is not a number"));
    assert_non_null(strstr(reference, "line 11, column \"origin\": unknown economy code 'XYC'"));
    assert_non_null(strstr(reference, "line 12: ragged row"));
    assert_outcome_for_every_buffer(f, path, reference);
    free(reference);
}

/*
 * A NUL byte inside a code rejects the row (codes are C strings from then
 * on), whatever the buffer size: the scanner tells the reader which records
 * may hold one, and the others are not searched.
 */
static void test_nul_byte_in_a_code_whatever_the_buffer(void **state)
{
    struct fx *f = *state;
    static const char text[] = "origin,destination,value\nCHN,USA,1\nC\0N,USA,2\nCHN,USA,3\n";
    for (int64_t size = 1; size <= 64; size++) {
        flow_dataset_free(f->ds);
        assert_int_equal(flow_dataset_new(&f->ds, NULL), FLOW_OK);
        assert_int_equal(flow_test_read_set(f->opts, "buffer_size", "%lld", (long long)(size)),
                         FLOW_OK);
        assert_int_equal(flow_dataset_read_buffer(f->ds, "nul.csv", text, (int64_t)sizeof text - 1,
                                                  f->opts, f->report),
                         FLOW_OK);
        assert_counts(f, 3, 2, 0, 1);
        assert_int_equal(reason(f, "NUL byte in a field"), 1);
        assert_non_null(strstr(kept_message(f, 0), "nul.csv: line 3, column \"origin\""));
        assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 4.0, 0);
    }
}

/*
 * Consecutive rows whose codes and years differ only in their last byte, or
 * are prefixes of one another (the reader compares short texts as masked
 * words and keeps the bytes of earlier fields behind them): every row must
 * land in its own cell. Codes added as they come; sums written out by hand.
 */
static void test_codes_differing_in_one_byte(void **state)
{
    struct fx *f = *state;
    static const char text[] = "origin,destination,value,year\n"
                               "ABCDEFGHIJKLMNO,XA,1,2022\n" /* 15 bytes: the longest slot text */
                               "ABCDEFGHIJKLMNP,XA,2,2022\n"
                               "ABCDEFGHIJKLMNO,XA,4,2021\n"
                               "ABCDEFGHIJKLMNOQ,XA,8,2022\n" /* 16 bytes: compared in full */
                               "ABCDEFGHIJKLMNOR,XA,16,2022\n"
                               "AB,XA,32,2022\n"
                               "ABC,XA,64,2022\n"
                               "AB,XAB,128,202\n"
                               "AC,XA,256,202\n";
    assert_int_equal(flow_read_options_set(f->opts, "unknown_codes", "add"), FLOW_OK);
    assert_int_equal(read_text(f, "bytes.csv", text), FLOW_OK);
    assert_counts(f, 9, 9, 0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "ABCDEFGHIJKLMNO", "XA"), 1.0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "ABCDEFGHIJKLMNP", "XA"), 2.0, 0);
    assert_close(cell(f, "trade", 2021, NULL, "ABCDEFGHIJKLMNO", "XA"), 4.0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "ABCDEFGHIJKLMNOQ", "XA"), 8.0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "ABCDEFGHIJKLMNOR", "XA"), 16.0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "AB", "XA"), 32.0, 0);
    assert_close(cell(f, "trade", 2022, NULL, "ABC", "XA"), 64.0, 0);
    assert_close(cell(f, "trade", 202, NULL, "AB", "XAB"), 128.0, 0);
    assert_close(cell(f, "trade", 202, NULL, "AC", "XA"), 256.0, 0);
    assert_close(cell(f, "trade", 202, NULL, "AB", "XA"), 0.0, 0);
}

/*
 * More matrix keys than the reader's key cache holds (1000 years, each
 * met twice, far apart): keys past the cache's capacity go the slow way, and
 * every row must still land in its own matrix. Expected sums written out:
 * odd years get 1 + 2 = 3 in CHN -> USA, even years 1 there and 2 in
 * USA -> CHN.
 */
static void test_many_matrix_keys(void **state)
{
    struct fx *f = *state;
    size_t cap = 1 << 17, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "origin,destination,value,year\n");
    for (int pass = 0; pass < 2; pass++)
        for (int y = 1000; y < 2000; y++)
            len += (size_t)snprintf(text + len, cap - len, "%s,%s,%d,%d\n",
                                    pass == 0 ? "CHN"
                                    : y % 2   ? "CHN"
                                              : "USA",
                                    pass == 0 ? "USA"
                                    : y % 2   ? "USA"
                                              : "CHN",
                                    pass + 1, y);
    assert_true(len < cap);
    assert_int_equal(read_text(f, "years.csv", text), FLOW_OK);
    free(text);
    assert_counts(f, 2000, 2000, 0, 0);
    assert_int_equal(flow_dataset_matrix_count(f->ds), 1000);
    for (int y = 1000; y < 2000; y++) {
        assert_close(cell(f, "trade", y, NULL, "CHN", "USA"), y % 2 ? 3.0 : 1.0, 0);
        assert_close(cell(f, "trade", y, NULL, "USA", "CHN"), y % 2 ? 0.0 : 2.0, 0);
    }
}

static void test_read_buffer(void **state)
{
    struct fx *f = *state;
    const char text[] = "origin,destination,value\nCHN,USA,2\n";
    assert_int_equal(
        flow_dataset_read_buffer(f->ds, "mem.csv", text, (int64_t)strlen(text), f->opts, f->report),
        FLOW_OK);
    assert_counts(f, 1, 1, 0, 0);
    assert_close(cell(f, "trade", 0, NULL, "CHN", "USA"), 2.0, 0);
    assert_int_equal(flow_dataset_read_buffer(f->ds, "mem.csv", text, 10, f->opts, f->report),
                     FLOW_ERR_MISSING_COLUMN);
    assert_non_null(strstr(flow_last_error(), "mem.csv"));
    assert_int_equal(flow_dataset_read_buffer(f->ds, NULL, NULL, 0, f->opts, f->report),
                     FLOW_ERR_INVALID_ARG);
    /* NULL options and report are allowed. */
    assert_int_equal(flow_dataset_read_buffer(f->ds, NULL, text, (int64_t)strlen(text), NULL, NULL),
                     FLOW_OK);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_basic_long_file),
        T(test_unreadable_file),
        T(test_empty_file_and_header_only),
        T(test_missing_column),
        T(test_ragged_rows),
        T(test_unterminated_quote),
        T(test_non_numeric_value_message),
        T(test_nan_inf_negative),
        T(test_unknown_codes_reported),
        T(test_duplicates_summed_and_counted),
        T(test_bom_crlf_quotes_and_blank_lines),
        T(test_line_numbers_after_multiline_field),
        T(test_semicolon_tab_and_number_formats),
        T(test_missing_value_policies),
        T(test_enormous_line),
        T(test_integer_overflow),
        T(test_filters_are_counted),
        T(test_units_are_not_mixed),
        T(test_kept_rejects_are_bounded),
        T(test_baci_preset),
        T(test_comtrade_preset),
        T(test_comtrade_mirror_policies),
        T(test_comtrade_quantities_of_the_kept_report),
        T(test_chunk_size_invariance),
        T(test_line_numbers_with_any_buffer_size),
        T(test_nul_byte_in_a_code_whatever_the_buffer),
        T(test_codes_differing_in_one_byte),
        T(test_many_matrix_keys),
        T(test_read_buffer),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
