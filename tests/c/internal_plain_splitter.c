/*
 * internal_plain_splitter.c - the scanner's vectorised splitter of plain
 * lines against libcsv alone (flow_i_scanner_plain_splitter 0): the same
 * text, fed through every buffer size, must give the same records (lines,
 * field bytes, status and message) and the same long-format read (accounting,
 * reasons, kept rejects with their lines and columns, unknown codes, every
 * matrix bit for bit). The texts mix what the splitter takes (plain lines,
 * blanks around fields, empty fields, fields longer than 16 bytes, NUL bytes,
 * bad numbers, unknown codes) with what only libcsv may take (quotes, CRLF,
 * blank lines, a last line without a line break), so that pieces switch
 * between the two paths at every possible place.
 */
#include "support.h"

#include "split_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A growing text. */
struct text {
    char *p;
    size_t len, cap;
};

static void put(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = realloc(t->p, t->cap);
        assert_non_null(t->p);
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void puts_text(struct text *t, const char *s)
{
    put(t, s, strlen(s));
}

static unsigned next(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

/* make_text's flags: odd lines (quotes, CRLF, blank lines), and no blank to trim anywhere */
enum { TEXT_ODD = 1, TEXT_NO_BLANKS = 2 };

/*
 * rows data lines of origin,destination,value,year,product under a header;
 * flags TEXT_ODD adds the lines only libcsv may take, every few rows;
 * TEXT_NO_BLANKS leaves out every space and tab around fields.
 */
static void make_text(struct text *t, int64_t rows, char delimiter, int flags, unsigned seed)
{
    int odd = flags & TEXT_ODD, blanks = !(flags & TEXT_NO_BLANKS);
    static const char *const codes[] = {"CHN", "USA", "RUS", "IND", "DEU", "XYZ", ""};
    static const char *const values[] = {"1",
                                         "12.5",
                                         "  7.25",
                                         "3 ",
                                         "1e3",
                                         "12x",
                                         "NA",
                                         "",
                                         "-4",
                                         "0.0001",
                                         "99999999999999999999",
                                         "4.5"};
    unsigned state = seed;
    char d[2] = {delimiter, '\0'};
    char line[256];
    put(t, "", 0);
    snprintf(line, sizeof line, "origin%sdestination%svalue%syear%sproduct\n", d, d, d, d);
    puts_text(t, line);
    for (int64_t r = 0; r < rows; r++) {
        unsigned k = next(&state);
        const char *o = codes[k % 6], *dst = codes[(k / 6) % 7], *v = values[(k / 42) % 12];
        while (!blanks && v[0] != '\0' && (v[0] == ' ' || v[strlen(v) - 1] == ' '))
            v++; /* "  7.25" -> "7.25", "3 " -> "" */
        const char *product = (k / 504) % 9 == 0 ? "a-product-code-longer-than-16" : "27";
        snprintf(line, sizeof line, "%s%s%s%s%s%s%d%s%s\n", o, d, dst, d, v, d, 2020 + (int)(k % 3),
                 d, product);
        if (blanks && delimiter != '\t' && k % 11 == 0) /* blanks around fields, trimmed */
            snprintf(line, sizeof line, " %s\t%s %s%s\t%s %s%d %s%s\n", o, d, dst, d, v, d, 2021, d,
                     product);
        puts_text(t, line);
        unsigned w = next(&state) % 53;
        if (w == 0)
            put(t, "CHN,U\0A,5,2021,27\n", 18); /* a NUL byte inside a field */
        if (!odd)
            continue;
        if (w == 1)
            puts_text(t, "\"CHN\",\"U\"\"SA\",\"1,5\",2021,27\n"); /* quotes */
        else if (w == 2)
            puts_text(t, "RUS,CHN,2,2022,27\r\n"); /* CRLF */
        else if (w == 3)
            puts_text(t, "\n"); /* a blank line */
        else if (w == 4)
            puts_text(t, "   \n");
        else if (w == 5)
            puts_text(t, "\"IND\",\"CHN\",\"line\nbreak\",2022,27\n");
    }
    if (odd)
        puts_text(t, "CHN,RUS,8,2022,27"); /* no line break at the end */
}

/* Piece and buffer sizes for the long texts (every size from 1 up runs on the short ones). */
static const size_t big_sizes[] = {63, 64, 65, 1000, 4096, 65535, 65536, 65537, 1 << 20};

/* Buffer sizes around the scanner's two piece bounds, and one past the whole text. */
static const size_t bound_sizes[] = {FLOW_I_SCAN_PIECE - 1,
                                     FLOW_I_SCAN_PIECE,
                                     FLOW_I_SCAN_PIECE + 1,
                                     FLOW_I_SCAN_PIECE_MAX - 1,
                                     FLOW_I_SCAN_PIECE_MAX,
                                     FLOW_I_SCAN_PIECE_MAX + 1,
                                     SIZE_MAX};

/*
 * A numeric field of the wide texts: mostly short decimals as in database
 * tables, sometimes blanks around it, an empty field or a long digit string.
 */
static void put_wide_field(struct text *t, unsigned k)
{
    static const char *const fields[] = {"0.409643", "52.1513", "2.28879e-06",         "0", " 7.5",
                                         "3\t",      "",        "1234567.891011121314"};
    puts_text(t, fields[k % 8]);
}

/*
 * A header and lines of widths[i % count] numeric fields (lines of up to a
 * few MB: ICIO's 33 KB, lines around 64 KiB and 1 MiB and longer than any
 * piece); odd = 1 adds, every few lines, what only libcsv may take: a quoted
 * field (sometimes holding a line break), a CRLF, a blank line, a blank
 * before a line break.
 */
static void make_wide_text(struct text *t, int lines, const size_t *widths, size_t count, int odd,
                           unsigned seed)
{
    unsigned state = seed;
    put(t, "", 0);
    for (int line = 0; line <= lines; line++) {
        size_t width = widths[(size_t)line % count];
        puts_text(t, line == 0 ? "label" : "R001_S01");
        for (size_t f = 0; f < width; f++) {
            put(t, ",", 1);
            unsigned k = next(&state);
            if (odd && line > 0 && k % 4099 == 0)
                puts_text(t, k % 2 ? "\"1,5\"" : "\"a\nb\"");
            else if (!odd && f + 1 == width)
                puts_text(t, "1.5"); /* a blank before a line break makes a piece not plain */
            else
                put_wide_field(t, k);
        }
        unsigned w = next(&state) % 7;
        puts_text(t, odd && w == 0 ? "\r\n" : "\n");
        if (odd && w == 1)
            puts_text(t, "\n");
    }
}

static void compare_records_at(const struct text *t, int delimiter, size_t piece)
{
    const char *why = split_compare_records(t->p, t->len, delimiter, piece, 4096);
    if (why != NULL)
        fail_msg("piece %zu, delimiter %d: %s", piece, delimiter, why);
}

/* Every piece size from 1 to the whole length, on short texts of each delimiter. */
static void test_records_every_piece_size(void **state)
{
    (void)state;
    static const char delimiters[] = {',', ';', '\t', '|'};
    for (size_t d = 0; d < sizeof delimiters; d++)
        for (int odd = 0; odd <= 1; odd++) {
            struct text t = {0};
            make_text(&t, 24, delimiters[d], odd, 7u + (unsigned)d);
            for (size_t piece = 1; piece <= t.len; piece++)
                compare_records_at(&t, delimiters[d], piece);
            free(t.p);
        }
}

/* Texts of several 64 KiB pieces, so that the splitter takes most lines. */
static void test_records_large_texts(void **state)
{
    (void)state;
    /* plain texts with and without bytes to trim take the splitter's two paths */
    static const int flags[] = {0, TEXT_ODD, TEXT_NO_BLANKS};
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        struct text t = {0};
        make_text(&t, 4000, ',', flags[f], 11u);
        for (size_t i = 0; i < sizeof big_sizes / sizeof big_sizes[0]; i++)
            compare_records_at(&t, ',', big_sizes[i]);
        free(t.p);
    }
}

static void compare_wide_records(const struct text *t, size_t piece)
{
    const char *why = split_compare_records(t->p, t->len, ',', piece > t->len ? t->len : piece,
                                            (int64_t)64 << 20);
    if (why != NULL)
        fail_msg("wide text of %zu bytes, piece %zu: %s", t->len, piece, why);
}

/* Lines around both piece bounds and longer than the largest piece, plain and mixed. */
static void test_records_wide_lines(void **state)
{
    (void)state;
    /* fields of ~7.6 bytes: ~36 KB (ICIO), about 64 KiB and 1 MiB, 1.5 MB, and short */
    static const size_t widths[] = {4700, 8600, 8700, 137000, 139000, 200000, 12};
    for (int odd = 0; odd <= 1; odd++) {
        struct text t = {0};
        make_wide_text(&t, 7, widths, sizeof widths / sizeof widths[0], odd, 23u + (unsigned)odd);
        for (size_t i = 0; i < sizeof bound_sizes / sizeof bound_sizes[0]; i++)
            compare_wide_records(&t, bound_sizes[i]);
        compare_wide_records(&t, 65536 * 3 + 17);
        free(t.p);
    }
}

/* Short-line texts longer than the largest piece, fed around the piece bounds. */
static void test_records_around_piece_bounds(void **state)
{
    (void)state;
    for (int odd = 0; odd <= 1; odd++) {
        struct text t = {0};
        make_text(&t, 60000, ',', odd, 29u);
        for (size_t i = 0; i < sizeof bound_sizes / sizeof bound_sizes[0]; i++) {
            size_t piece = bound_sizes[i] > t.len ? t.len : bound_sizes[i];
            compare_records_at(&t, ',', piece);
        }
        free(t.p);
    }
}

/* The splitter does take plain lines (so that the comparisons compare two paths). */
static int count_record(void *userdata, const struct flow_i_record *record)
{
    (void)record;
    ++*(int64_t *)userdata;
    return FLOW_OK;
}

static void test_splitter_takes_plain_lines(void **state)
{
    (void)state;
    struct text t = {0};
    int64_t records = 0;
    flow_i_scanner *s = NULL;
    make_text(&t, 4000, ',', 0, 3u);
    assert_int_equal(flow_i_scanner_new(&s, "plain.csv", ',', 4096, 1, 1, count_record, &records),
                     FLOW_OK);
    assert_int_equal(flow_i_scanner_feed(s, t.p, t.len), FLOW_OK);
    assert_int_equal(flow_i_scanner_finish(s), FLOW_OK);
    int64_t lines = 0;
    for (size_t i = 0; i < t.len; i++)
        lines += t.p[i] == '\n';
    assert_int_equal(records, lines);
    /* all but the header line and the ends of the 64 KiB pieces */
    assert_true(flow_i_scanner_split_bytes(s) > (int64_t)t.len * 9 / 10);
    flow_i_scanner_free(s);
    free(t.p);
}

/*
 * Wide lines (ICIO's ~33 KB, and ~200 KB) fed in 1 MiB buffers, as the MRIO
 * reader feeds them, go nearly all through the splitter: pieces end on line
 * boundaries and grow to hold a line longer than the usual piece.
 */
static void test_splitter_takes_wide_lines(void **state)
{
    (void)state;
    static const size_t widths[][1] = {{4700}, {29000}};
    static const int lines[] = {120, 40};
    static const int64_t percent_split[] = {90, 66};
    for (size_t k = 0; k < 2; k++) {
        struct text t = {0};
        int64_t records = 0;
        flow_i_scanner *s = NULL;
        make_wide_text(&t, lines[k], widths[k], 1, 0, 31u);
        assert_int_equal(flow_i_scanner_new(&s, "wide.csv", ',', (int64_t)16 << 20, 1, 1,
                                            count_record, &records),
                         FLOW_OK);
        for (size_t done = 0; done < t.len; done += (size_t)1 << 20) {
            size_t n = t.len - done < ((size_t)1 << 20) ? t.len - done : (size_t)1 << 20;
            assert_int_equal(flow_i_scanner_feed(s, t.p + done, n), FLOW_OK);
        }
        assert_int_equal(flow_i_scanner_finish(s), FLOW_OK);
        assert_int_equal(records, lines[k] + 1);
        /* all but the header and about one line per 1 MiB buffer */
        assert_true(flow_i_scanner_split_bytes(s) > (int64_t)t.len * percent_split[k] / 100);
        flow_i_scanner_free(s);
        free(t.p);
    }
}

/* The economies of the texts (a small axis keeps thousands of reads cheap). */
static flow_labels *axis(void)
{
    static const char *const codes[] = {"CHN", "USA", "RUS", "IND", "DEU"};
    flow_labels *labels = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        assert_int_equal(flow_labels_add(labels, codes[i], NULL, NULL), FLOW_OK);
    return labels;
}

static void compare_reads_at(const struct text *t, flow_read_options *opts, size_t buffer)
{
    flow_labels *labels = axis();
    assert_int_equal(flow_test_read_set(opts, "buffer_size", "%lld", (long long)((int64_t)buffer)),
                     FLOW_OK);
    const char *why = split_compare_reads(t->p, t->len, opts, labels);
    flow_labels_free(labels);
    if (why != NULL)
        fail_msg("buffer %zu: %s", buffer, why);
}

static flow_read_options *reject_keeping_options(int strict)
{
    flow_read_options *opts = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "max_rejects_kept", "100000"), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "strict", "%d", (strict) != 0), FLOW_OK);
    return opts;
}

/* Long-format reads: every buffer size on a short text, chosen sizes on a long one. */
static void test_reads_every_buffer_size(void **state)
{
    (void)state;
    flow_read_options *opts = reject_keeping_options(0);
    for (int odd = 0; odd <= 1; odd++) {
        struct text t = {0};
        make_text(&t, 30, ',', odd, 5u);
        for (size_t buffer = 1; buffer <= t.len; buffer++)
            compare_reads_at(&t, opts, buffer);
        free(t.p);
    }
    for (int flags = 0; flags <= TEXT_NO_BLANKS; flags++) {
        struct text t = {0};
        make_text(&t, 4000, ',', flags, 13u);
        for (size_t i = 0; i < sizeof big_sizes / sizeof big_sizes[0]; i++)
            compare_reads_at(&t, opts, big_sizes[i]);
        free(t.p);
    }
    flow_read_options_free(opts);
}

/* Strict mode stops at the first bad row with the same message on both paths. */
static void test_strict_failure_same(void **state)
{
    (void)state;
    flow_read_options *opts = reject_keeping_options(1);
    struct text t = {0};
    make_text(&t, 4000, ',', 0, 17u);
    for (size_t i = 0; i < sizeof big_sizes / sizeof big_sizes[0]; i++)
        compare_reads_at(&t, opts, big_sizes[i]);
    free(t.p);
    flow_read_options_free(opts);
}

/* A file large enough for the parallel reader, read by two threads with both paths. */
static void test_parallel_read_same(void **state)
{
    (void)state;
    struct text t = {0};
    make_text(&t, 40000, ',', 1, 19u);
    char path[4096];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/flowtest-%ld-plain-splitter.csv", dir ? dir : "/tmp",
             (long)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(t.p, 1, t.len, f), t.len); /* the text holds NUL bytes */
    fclose(f);
    flow_read_options *opts = reject_keeping_options(0);
    assert_int_equal(flow_read_options_set(opts, "threads", "2"), FLOW_OK);
    flow_dataset *ds[2] = {NULL, NULL};
    flow_read_report *rep[2] = {NULL, NULL};
    char msg[2][512];
    int rc[2];
    flow_labels *labels = axis();
    for (int k = 0; k < 2; k++) {
        assert_int_equal(flow_dataset_new(&ds[k], labels), FLOW_OK);
        assert_int_equal(flow_read_report_new(&rep[k]), FLOW_OK);
        opts->libcsv_only = k;
        rc[k] = flow_dataset_read_csv(ds[k], path, opts, rep[k]);
        snprintf(msg[k], sizeof msg[k], "%s", rc[k] != FLOW_OK ? flow_last_error() : "");
    }
    const char *why = split_compare_reports(rc[0], msg[0], rep[0], rc[1], msg[1], rep[1]);
    if (why == NULL)
        why = split_compare_datasets(ds[0], ds[1]);
    if (why != NULL)
        fail_msg("two threads: %s", why);
    assert_true(flow_i_read_report_rejected(rep[0]) > 0 && flow_i_read_report_accepted(rep[0]) > 0);
    for (int k = 0; k < 2; k++) {
        flow_read_report_free(rep[k]);
        flow_dataset_free(ds[k]);
    }
    flow_labels_free(labels);
    flow_read_options_free(opts);
    remove(path);
    free(t.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_every_piece_size),
        cmocka_unit_test(test_records_large_texts),
        cmocka_unit_test(test_splitter_takes_plain_lines),
        cmocka_unit_test(test_records_wide_lines),
        cmocka_unit_test(test_records_around_piece_bounds),
        cmocka_unit_test(test_splitter_takes_wide_lines),
        cmocka_unit_test(test_reads_every_buffer_size),
        cmocka_unit_test(test_strict_failure_same),
        cmocka_unit_test(test_parallel_read_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
