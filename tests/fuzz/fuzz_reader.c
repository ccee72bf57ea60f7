/*
 * fuzz_reader.c - libFuzzer target for the CSV readers.
 *
 * The first input byte picks the options (delimiter, number format, missing
 * policy, unknown codes, strict mode, BACI preset); the rest is the CSV text.
 * Besides "no crash, no leak, no undefined behaviour", it checks properties
 * every input must satisfy:
 *   - rows = accepted + filtered + rejected;
 *   - reading with a 1 MiB buffer and with a 1..16-byte buffer gives the same
 *     status, matrices and accounting (chunk-size invariance);
 *   - when the text has no quotes, parsing it as two chunks split at a line
 *     end into private accumulators and merging them gives the serial result.
 * The wide reader reads the same text.
 */
#include "dataset_internal.h"
#include "reader_internal.h"
#include "fuzz_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

/* A read option whose value is an integer. */
static int set_int(flow_read_options *o, const char *name, int64_t value)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)value);
    return flow_read_options_set(o, name, text);
}

static flow_read_options *make_options(unsigned char knob, int64_t buffer)
{
    static const char *const delimiters[] = {"", ",", ";", "\t"};
    static const char *const missing[] = {"zero", "skip", "reject"};
    static const char *const unknown[] = {"reject", "add"};
    flow_read_options *o = NULL;
    CHECK(flow_read_options_new(&o) == FLOW_OK);
    if (knob & 0x80)
        CHECK(flow_read_options_set(o, "preset", "baci") == FLOW_OK);
    CHECK(flow_read_options_set(o, "delimiter", delimiters[knob & 3]) == FLOW_OK);
    if (knob & 4)
        CHECK(flow_read_options_set(o, "thousands", " ") == FLOW_OK &&
              flow_read_options_set(o, "decimal", ",") == FLOW_OK);
    CHECK(flow_read_options_set(o, "missing", missing[(knob >> 3) % 3]) == FLOW_OK);
    CHECK(flow_read_options_set(o, "unknown_codes", unknown[(knob >> 5) & 1]) == FLOW_OK);
    CHECK(set_int(o, "strict", (knob >> 6) & 1) == FLOW_OK);
    CHECK(set_int(o, "allow_negative", knob & 1) == FLOW_OK);
    CHECK(set_int(o, "buffer_size", buffer) == FLOW_OK);
    CHECK(flow_read_options_set(o, "max_line", "4096") == FLOW_OK);
    CHECK(flow_read_options_set(o, "max_rejects_kept", "3") == FLOW_OK);
    return o;
}

static void check_counts(const flow_read_report *r)
{
    CHECK(fuzz_report_count(r, "rows") == fuzz_report_count(r, "accepted") +
                                              fuzz_report_count(r, "filtered") +
                                              fuzz_report_count(r, "rejected"));
}

/*
 * The wide reader on the same text, with a label layout picked by a knob:
 * 0-3 label rows and columns, label and group taken from the first and last
 * of them. A table read through a tiny buffer and through a 1 MiB one agree.
 */
static void check_wide(unsigned char knob, const char *text, size_t len, flow_read_options *tiny)
{
    int64_t rows = knob & 3, cols = (knob >> 2) & 3;
    flow_table *a = NULL, *b = NULL;
    flow_read_report *ra = NULL, *rb = NULL;
    CHECK(set_int(tiny, "wide_label_rows", rows) == FLOW_OK &&
          set_int(tiny, "wide_label_cols", cols) == FLOW_OK &&
          set_int(tiny, "wide_col_label_row", rows ? 0 : -1) == FLOW_OK &&
          set_int(tiny, "wide_col_group_row", rows ? rows - 1 : -1) == FLOW_OK &&
          set_int(tiny, "wide_row_label_col", cols ? 0 : -1) == FLOW_OK &&
          set_int(tiny, "wide_row_group_col", cols ? cols - 1 : -1) == FLOW_OK);
    if (cols > 0 && (knob & 16))
        CHECK(set_int(tiny, "wide_row_filter_column", cols - 1) == FLOW_OK &&
              flow_read_options_set(tiny, "wide_row_filter_value", "2014") == FLOW_OK);
    CHECK(flow_read_report_new(&ra) == FLOW_OK && flow_read_report_new(&rb) == FLOW_OK);
    int sb = flow_i_table_read(&b, "fuzz.csv", text, (int64_t)len, tiny, rb);
    /* The same options with a large buffer (the tiny ones are not used again). */
    CHECK(flow_read_options_set(tiny, "buffer_size", "1048576") == FLOW_OK);
    int sa = flow_i_table_read(&a, "fuzz.csv", text, (int64_t)len, tiny, ra);
    CHECK(sa == sb);
    check_counts(ra);
    CHECK(fuzz_report_count(ra, "rows") == fuzz_report_count(rb, "rows"));
    CHECK(fuzz_report_count(ra, "rejected") == fuzz_report_count(rb, "rejected"));
    if (sa == FLOW_OK) {
        int64_t r = flow_table_rows(a), c = flow_table_cols(a);
        CHECK(r >= 0 && c > 0 && r == flow_table_rows(b) && c == flow_table_cols(b));
        CHECK(memcmp(flow_table_values(a), flow_table_values(b),
                     (size_t)(r * c) * sizeof(double)) == 0);
        for (int64_t i = 0; i < r; i++)
            CHECK(strcmp(flow_table_row_label(a, i), flow_table_row_label(b, i)) == 0);
        for (int64_t j = 0; j < c; j++)
            CHECK(strcmp(flow_table_col_group(a, j), flow_table_col_group(b, j)) == 0);
    }
    flow_table_free(a);
    flow_table_free(b);
    flow_read_report_free(ra);
    flow_read_report_free(rb);
}

/*
 * A small economy axis keeps the dense matrices tiny (16 x 16) so that the
 * fuzzer spends its time in the parser, not in zeroing 249 x 249 matrices.
 */
static flow_labels *small_axis(void)
{
    static const char *const codes[][2] = {{"CHN", "156"}, {"USA", "842"}, {"RUS", "643"},
                                           {"IND", "699"}, {"DEU", "276"}, {"EU", "EU"}};
    flow_labels *labels = NULL;
    CHECK(flow_labels_new(&labels) == FLOW_OK);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK(flow_labels_add(labels, codes[i][0], NULL, NULL) == FLOW_OK);
        CHECK(flow_labels_add_alias(labels, codes[i][1], codes[i][0]) == FLOW_OK);
    }
    return labels;
}

/*
 * Every matrix of a equals b's matrix of the same key, cell by cell (by
 * code): exactly when tol is 0, else within tol relative to the larger value.
 */
static void check_same(const flow_dataset *a, const flow_dataset *b, double tol)
{
    CHECK(flow_dataset_matrix_count(a) == flow_dataset_matrix_count(b));
    CHECK(flow_dataset_economy_count(a) == flow_dataset_economy_count(b));
    for (int64_t k = 0; k < flow_dataset_matrix_count(a); k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0, na = 0, nb = 0, sa = 0, sb = 0;
        const double *va = NULL, *vb = NULL;
        CHECK(flow_dataset_matrix_key(a, k, &layer, &year, &product) == FLOW_OK);
        CHECK(flow_dataset_matrix_view(a, layer, year, product, &va, &na, &sa) == FLOW_OK);
        CHECK(flow_dataset_matrix_view(b, layer, year, product, &vb, &nb, &sb) == FLOW_OK);
        for (int64_t i = 0; i < na; i++)
            for (int64_t j = 0; j < na; j++) {
                /* Economies may be numbered differently: compare through codes. */
                int64_t bi = 0, bj = 0;
                const flow_labels *la = flow_dataset_economies(a);
                CHECK(flow_labels_find(flow_dataset_economies(b), flow_labels_code(la, i), &bi) ==
                      FLOW_OK);
                CHECK(flow_labels_find(flow_dataset_economies(b), flow_labels_code(la, j), &bj) ==
                      FLOW_OK);
                double x = va[i * sa + j], y = vb[bi * sb + bj];
                double scale = fabs(x) > fabs(y) ? fabs(x) : fabs(y);
                CHECK(x == y || fabs(x - y) <= tol * scale);
            }
    }
}

struct header_catch {
    struct flow_i_colmap map;
    const flow_read_options *opts;
    int have;
};

static int catch_header(void *userdata, const struct flow_i_record *record)
{
    struct header_catch *h = userdata;
    if (h->have)
        return FLOW_OK;
    int rc = flow_i_colmap_from_header(&h->map, record, h->opts, "fuzz.csv");
    h->have = rc == FLOW_OK;
    return rc;
}

static int64_t count_lines(const char *p, const char *end)
{
    int64_t n = 0;
    for (; p < end; p++)
        n += *p == '\n';
    return n;
}

static int accum_record(void *userdata, const struct flow_i_record *record)
{
    return flow_i_accum_record(userdata, record);
}

/*
 * Parses [begin, end) into a private accumulator, as a thread of
 * parallel_read.c does (a scanner of the chunk feeding the accumulator), and
 * merges it into ds.
 */
static void parse_chunk(flow_dataset *ds, flow_read_report *report, const flow_read_options *opts,
                        const struct flow_i_colmap *map, const char *begin, const char *end,
                        int64_t first_line)
{
    flow_i_accum *acc = NULL;
    flow_i_scanner *s = NULL;
    int delimiter = map->delimiter != 0 ? map->delimiter : opts->delimiter;
    CHECK(flow_i_accum_new_private(&acc, ds, opts, "fuzz.csv", map) == FLOW_OK);
    CHECK(flow_i_scanner_new(&s, "fuzz.csv", delimiter, opts->max_line, first_line, 0, accum_record,
                             acc) == FLOW_OK);
    flow_i_scanner_keep(s, map->keep, map->nfields);
    CHECK(flow_i_scanner_feed(s, begin, (size_t)(end - begin)) == FLOW_OK);
    CHECK(flow_i_scanner_finish(s) == FLOW_OK);
    flow_i_scanner_free(s);
    CHECK(flow_i_accum_merge(ds, report, acc) == FLOW_OK);
    flow_i_accum_free(acc);
}

/*
 * The chunked path (header first, then two chunks split at a line end, parsed
 * privately and merged in order) must reproduce the serial read.
 */
static void check_chunks(const char *text, size_t len, const flow_read_options *opts,
                         const flow_dataset *serial, const flow_read_report *serial_report)
{
    const char *end = text + len;
    const char *nl = memchr(text, '\n', len);
    /* Quotes may hide line ends and a lone CR ends a record mid-line: either
       makes "split at a line end" not a record boundary, so such input is
       left to the other checks. */
    if (nl == NULL || memchr(text, '"', len) != NULL)
        return;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
            return;
    struct header_catch h;
    memset(&h, 0, sizeof h);
    h.opts = opts;
    flow_i_scanner *s = NULL;
    CHECK(flow_i_scanner_new(&s, "fuzz.csv", opts->delimiter, opts->max_line, 1, 1, catch_header,
                             &h) == FLOW_OK);
    int rc = flow_i_scanner_feed(s, text, (size_t)(nl + 1 - text));
    if (rc == FLOW_OK)
        rc = flow_i_scanner_finish(s);
    h.map.delimiter = flow_i_scanner_delimiter(s);
    flow_i_scanner_free(s);
    if (rc != FLOW_OK || !h.have) {
        if (h.have)
            flow_i_colmap_clear(&h.map);
        return;
    }
    /* Split the data at the line end nearest the middle. */
    const char *body = nl + 1;
    const char *mid = body + (size_t)(end - body) / 2;
    while (mid < end && mid > body && mid[-1] != '\n')
        mid++;
    flow_dataset *ds = NULL;
    flow_read_report *report = NULL;
    flow_labels *axis = small_axis();
    CHECK(flow_dataset_new(&ds, axis) == FLOW_OK);
    flow_labels_free(axis);
    CHECK(flow_read_report_new(&report) == FLOW_OK);
    parse_chunk(ds, report, opts, &h.map, body, mid, 2);
    parse_chunk(ds, report, opts, &h.map, mid, end, 1 + count_lines(text, mid));
    /* Chunks sum a cell's rows in another order: equal up to rounding. */
    check_same(serial, ds, 1e-12);
    check_same(ds, serial, 1e-12);
    CHECK(fuzz_report_count(report, "rows") == fuzz_report_count(serial_report, "rows"));
    CHECK(fuzz_report_count(report, "accepted") == fuzz_report_count(serial_report, "accepted"));
    CHECK(fuzz_report_count(report, "filtered") == fuzz_report_count(serial_report, "filtered"));
    CHECK(fuzz_report_count(report, "rejected") == fuzz_report_count(serial_report, "rejected"));
    CHECK(fuzz_report_count(report, "duplicates") ==
          fuzz_report_count(serial_report, "duplicates"));
    CHECK(fuzz_report_count(report, "missing") == fuzz_report_count(serial_report, "missing"));
    flow_i_colmap_clear(&h.map);
    flow_dataset_free(ds);
    flow_read_report_free(report);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned char knob = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    flow_read_options *big = make_options(knob, 1 << 20);
    flow_read_options *tiny = make_options(knob, 1 + (data[1] & 15));
    flow_dataset *a = NULL, *b = NULL;
    flow_read_report *ra = NULL, *rb = NULL;
    flow_labels *axis = small_axis();
    CHECK(flow_dataset_new(&a, axis) == FLOW_OK && flow_dataset_new(&b, axis) == FLOW_OK);
    CHECK(flow_read_report_new(&ra) == FLOW_OK && flow_read_report_new(&rb) == FLOW_OK);
    int sa = flow_dataset_read_buffer(a, "fuzz.csv", text, (int64_t)len, big, ra);
    int sb = flow_dataset_read_buffer(b, "fuzz.csv", text, (int64_t)len, tiny, rb);
    CHECK(sa == sb);
    check_counts(ra);
    check_counts(rb);
    CHECK(fuzz_report_count(ra, "rows") == fuzz_report_count(rb, "rows"));
    CHECK(fuzz_report_count(ra, "rejected") == fuzz_report_count(rb, "rejected"));
    CHECK(fuzz_report_count(ra, "duplicates") == fuzz_report_count(rb, "duplicates"));
    /* With negative values, a different summation order can cancel to
       anything: the chunk check needs non-negative flows. */
    if (sa == FLOW_OK)
        check_same(a, b, 0.0);
    if (sa == FLOW_OK && !(knob & 1))
        check_chunks(text, len, big, a, ra);
    check_wide((unsigned char)((data[1] >> 4) | (data[0] & 0x10)), text, len, tiny);
    flow_dataset_free(a);
    flow_dataset_free(b);
    flow_read_report_free(ra);
    flow_read_report_free(rb);
    flow_read_options_free(big);
    flow_read_options_free(tiny);
    flow_labels_free(axis);
    return 0;
}
