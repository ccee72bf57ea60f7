/*
 * test_parallel_ingest.c - reading with several threads gives what the serial
 * read gives, bit for bit, and what the test itself sums from the rows it
 * wrote: matrices, economy axis, every count of the report, the reasons, the
 * kept rejects with their line numbers, and the error of a strict read.
 *
 * The files are generated here, BACI-like (t,i,j,k,v,q with ISO numeric
 * codes), large enough to be split into several ranges (the parallel reader
 * needs 256 KiB per range), with bad rows spread over the file so that they
 * fall into different ranges. Variants: sorted (BACI's order), shuffled with
 * values whose sums are exact in any order, quoted product codes, quoted
 * notes holding line breaks (which the reader must not split inside), and
 * CRLF line ends (which the scanner feeds to libcsv line by line).
 */
#include "support.h"

#include <libflow.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NE       20  /* economies */
#define PRODUCTS 110 /* per pair: 20 * 19 * 110 = 41800 rows, about 1.3 MB */
#define CHAPTERS 11

static const char *const codes[NE] = {"4",   "8",   "12",  "36",  "76",  "124", "156",
                                      "250", "276", "344", "356", "364", "392", "398",
                                      "408", "410", "643", "784", "792", "840"};

/* ---------------------------------------------------------------- generator */

enum variant { SORTED, SHUFFLED_EXACT, QUOTED_CODES, QUOTED_NOTES, CRLF_LINES };

struct gen {
    struct flow_test_text out;
    /* expected sums (scale 1000) per HS-chapter group and per pair, file order */
    double chapter[CHAPTERS][NE][NE];
    double pair[NE][NE];
};

/* One data row; value text v as written. */
static void row(struct gen *g, enum variant variant, const char *i, const char *j, int product,
                const char *v)
{
    char line[256];
    const char *q = variant == QUOTED_CODES ? "\"" : "";
    int n = snprintf(line, sizeof line, "2022,%s,%s,%s%06d%s,%s,1.500", i, j, q, product, q, v);
    if (variant == QUOTED_NOTES) /* three line breaks inside quotes per row */
        snprintf(line + n, sizeof line - (size_t)n, ",\"note\non\nthree\nlines\"");
    flow_test_text_put(&g->out, line);
    flow_test_text_put(&g->out, variant == CRLF_LINES ? "\r\n" : "\n");
}

static int product_code(int p)
{
    return (1 + p % CHAPTERS) * 10000 + p; /* chapters 01..11 */
}

/*
 * Writes the rows in BACI order (exporter, importer, product), with bad rows
 * at fixed fractions of the file, and sums the good ones into g's expected
 * matrices in file order.
 */
static void generate(struct gen *g, enum variant variant)
{
    uint64_t rng = 99;
    memset(g, 0, sizeof *g);
    flow_test_text_put(&g->out, variant == QUOTED_NOTES ? "t,i,j,k,v,q,note\n"
                                : variant == CRLF_LINES ? "t,i,j,k,v,q\r\n"
                                                        : "t,i,j,k,v,q\n");
    const size_t total = NE * (NE - 1) * PRODUCTS;
    size_t written = 0;
    for (int i = 0; i < NE; i++) {
        for (int j = 0; j < NE; j++) {
            if (i == j)
                continue;
            for (int p = 0; p < PRODUCTS; p++, written++) {
                char v[64];
                uint64_t r = flow_test_next_u64(&rng);
                if (variant == SHUFFLED_EXACT) /* multiples of 1/8: exact sums in any order */
                    snprintf(v, sizeof v, "%llu.%03d", (unsigned long long)(r % 1000000),
                             (int)(125 * (r >> 40) % 8));
                else /* 1e-6 to 1e6 with 9 decimals: sums whose rounding depends on order */
                    snprintf(v, sizeof v, "%.9f",
                             pow(10.0, 12.0 * (double)(r >> 11) * 0x1p-53 - 6.0));
                double value = strtod(v, NULL) * 1000.0;
                row(g, variant, codes[i], codes[j], product_code(p), v);
                g->pair[i][j] += value;
                g->chapter[p % CHAPTERS][i][j] += value;
                /* Bad rows, each in a different part of the file. */
                if (written == total / 10) /* unknown codes, in three ranges */
                    row(g, variant, "999", codes[j], product_code(p), "1.000");
                if (written == total * 4 / 10)
                    row(g, variant, codes[i], "997", product_code(p), "2.000");
                if (written == total * 7 / 10)
                    row(g, variant, "998", codes[j], product_code(p), "3.000");
                if (written == total * 35 / 100)
                    row(g, variant, codes[i], codes[j], product_code(p), "abc");
                if (written == total / 2) { /* a duplicate of the row just written */
                    row(g, variant, codes[i], codes[j], product_code(p), v);
                    g->pair[i][j] += value;
                    g->chapter[p % CHAPTERS][i][j] += value;
                }
                if (written == total * 6 / 10) /* another product: not a duplicate */
                    row(g, variant, codes[i], codes[j], 990000, "NA");
                if (written == total * 85 / 100)
                    row(g, variant, codes[i], codes[j], product_code(p), "-5.000");
            }
        }
    }
}

/* Shuffles the data lines (header kept first), deterministically. */
static void shuffle(struct gen *g)
{
    char *body = strchr(g->out.s, '\n') + 1;
    size_t n = 0, cap = 1024;
    char **lines = malloc(cap * sizeof *lines);
    for (char *p = body; *p; p = strchr(p, '\n') + 1) {
        if (n == cap)
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = p;
    }
    uint64_t rng = 5;
    for (size_t k = n - 1; k > 0; k--) {
        size_t r = (size_t)(flow_test_next_u64(&rng) % (k + 1));
        char *t = lines[k];
        lines[k] = lines[r];
        lines[r] = t;
    }
    char *out = malloc(g->out.len + 1);
    size_t header = (size_t)(body - g->out.s), o = header;
    memcpy(out, g->out.s, header);
    for (size_t k = 0; k < n; k++) {
        size_t len = (size_t)(strchr(lines[k], '\n') - lines[k]) + 1;
        memcpy(out + o, lines[k], len);
        o += len;
    }
    out[o] = '\0';
    free(g->out.s);
    free(lines);
    g->out.s = out;
}

/* A freshly generated file body of the given variant; free with free_gen. */
static struct gen *new_gen(enum variant variant)
{
    struct gen *g = calloc(1, sizeof *g);
    assert_non_null(g);
    generate(g, variant);
    return g;
}

static void free_gen(struct gen *g)
{
    free(g->out.s);
    free(g);
}

static const char *write_file(const char *name, const struct gen *g)
{
    static char path[4096];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/flowtest-%ld-%s", dir ? dir : "/tmp", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(g->out.s, 1, g->out.len, f), g->out.len);
    fclose(f);
    return path;
}

/* ---------------------------------------------------------------- reading */

struct result {
    flow_dataset *ds;
    flow_read_report *report;
    int rc;
    char error[1024];
};

enum mode { NORMAL, STRICT, ADD_UNKNOWN, STRICT_ADD_UNKNOWN };

static void read_file(struct result *res, const char *path, int64_t threads, int digits,
                      enum mode mode)
{
    flow_read_options *opts = NULL;
    assert_int_equal(flow_dataset_new(&res->ds, NULL), FLOW_OK);
    if (digits > 0)
        assert_int_equal(flow_dataset_set_product_digits(res->ds, digits), FLOW_OK);
    assert_int_equal(flow_read_report_new(&res->report), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "strict", "%d",
                                        (mode == STRICT || mode == STRICT_ADD_UNKNOWN) != 0),
                     FLOW_OK);
    if (mode == ADD_UNKNOWN || mode == STRICT_ADD_UNKNOWN)
        assert_int_equal(flow_read_options_set(opts, "unknown_codes", "add"), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "threads", "%lld", (long long)(threads)), FLOW_OK);
    res->rc = flow_dataset_read_csv(res->ds, path, opts, res->report);
    snprintf(res->error, sizeof res->error, "%s", res->rc == FLOW_OK ? "" : flow_last_error());
    flow_read_options_free(opts);
}

static void free_result(struct result *res)
{
    flow_dataset_free(res->ds);
    flow_read_report_free(res->report);
}

static void assert_same_string(const char *a, const char *b)
{
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
}

static void assert_same_report(const flow_read_report *a, const flow_read_report *b)
{
    assert_int_equal(flow_test_report_rows(a), flow_test_report_rows(b));
    assert_int_equal(flow_test_report_accepted(a), flow_test_report_accepted(b));
    assert_int_equal(flow_test_report_filtered(a), flow_test_report_filtered(b));
    assert_int_equal(flow_test_report_rejected(a), flow_test_report_rejected(b));
    assert_int_equal(flow_test_report_duplicates(a), flow_test_report_duplicates(b));
    assert_int_equal(flow_test_report_missing(a), flow_test_report_missing(b));
    assert_int_equal(flow_test_report_reason_count(a), flow_test_report_reason_count(b));
    for (int64_t i = 0; i < flow_test_report_reason_count(a); i++) {
        const char *ra, *rb;
        int64_t ca, cb;
        int ka, kb;
        assert_int_equal(flow_test_report_reason(a, i, &ra, &ca, &ka), FLOW_OK);
        assert_int_equal(flow_test_report_reason(b, i, &rb, &cb, &kb), FLOW_OK);
        assert_same_string(ra, rb);
        assert_int_equal(ca, cb);
        assert_int_equal(ka, kb);
    }
    assert_int_equal(flow_test_report_kept_count(a), flow_test_report_kept_count(b));
    for (int64_t i = 0; i < flow_test_report_kept_count(a); i++) {
        const char *ma, *mb, *fa, *fb, *cola, *colb, *ta, *tb;
        int64_t la, lb;
        assert_int_equal(flow_test_report_kept(a, i, &ma, &fa, &la, &cola, &ta), FLOW_OK);
        assert_int_equal(flow_test_report_kept(b, i, &mb, &fb, &lb, &colb, &tb), FLOW_OK);
        assert_same_string(ma, mb);
        assert_int_equal(la, lb);
        assert_same_string(cola, colb);
        assert_same_string(ta, tb);
    }
    assert_int_equal(flow_test_report_unknown_count(a), flow_test_report_unknown_count(b));
    for (int64_t i = 0; i < flow_test_report_unknown_count(a); i++) {
        const char *ca, *cb;
        int64_t ra, rb, la, lb;
        assert_int_equal(flow_test_report_unknown(a, i, &ca, &ra, &la), FLOW_OK);
        assert_int_equal(flow_test_report_unknown(b, i, &cb, &rb, &lb), FLOW_OK);
        assert_same_string(ca, cb);
        assert_int_equal(ra, rb);
        assert_int_equal(la, lb);
    }
}

/* Same economy axis, same matrix keys in the same order, same bits in every cell. */
static void assert_same_dataset(const flow_dataset *a, const flow_dataset *b)
{
    int64_t n = flow_dataset_economy_count(a);
    assert_int_equal(n, flow_dataset_economy_count(b));
    for (int64_t e = 0; e < n; e++)
        assert_same_string(flow_labels_code(flow_dataset_economies(a), e),
                           flow_labels_code(flow_dataset_economies(b), e));
    assert_int_equal(flow_dataset_matrix_count(a), flow_dataset_matrix_count(b));
    for (int64_t m = 0; m < flow_dataset_matrix_count(a); m++) {
        const char *la, *lb, *pa, *pb;
        int64_t ya, yb, na, nb, sa, sb;
        const double *va, *vb;
        assert_int_equal(flow_dataset_matrix_key(a, m, &la, &ya, &pa), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_key(b, m, &lb, &yb, &pb), FLOW_OK);
        assert_same_string(la, lb);
        assert_int_equal(ya, yb);
        assert_same_string(pa, pb);
        assert_int_equal(flow_dataset_matrix_view(a, la, ya, pa, &va, &na, &sa), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(b, lb, yb, pb, &vb, &nb, &sb), FLOW_OK);
        assert_int_equal(na, nb);
        for (int64_t i = 0; i < na; i++)
            assert_memory_equal(va + i * sa, vb + i * sb, (size_t)na * sizeof *va);
    }
}

/* A failed read: same status, message, partial dataset and report both ways. */
static void assert_same_failure(const struct result *serial, const struct result *par)
{
    assert_int_equal(par->rc, serial->rc);
    assert_string_equal(par->error, serial->error);
    assert_same_dataset(serial->ds, par->ds);
    assert_same_report(serial->report, par->report);
}

/* The test's own sums, bit for bit, in the matrix of (trade, 2022, product). */
static void assert_expected(const flow_dataset *ds, const char *product, double (*sums)[NE])
{
    const double *v;
    int64_t n, stride;
    assert_int_equal(flow_dataset_matrix_view(ds, "trade", 2022, product, &v, &n, &stride),
                     FLOW_OK);
    const flow_labels *economies = flow_dataset_economies(ds);
    for (int i = 0; i < NE; i++) {
        int64_t r;
        assert_int_equal(flow_labels_find(economies, codes[i], &r), FLOW_OK);
        for (int j = 0; j < NE; j++) {
            int64_t c;
            assert_int_equal(flow_labels_find(economies, codes[j], &c), FLOW_OK);
            if (memcmp(&v[r * stride + c], &sums[i][j], sizeof(double)) != 0)
                fail_msg("cell %s -> %s of '%s': %.17g, expected %.17g", codes[i], codes[j],
                         product, v[r * stride + c], sums[i][j]);
        }
    }
}

/*
 * Reads path serially and with 2, 3 and 4 threads, by pair and by HS
 * chapter, and checks every parallel read against the serial one and both
 * against the generator's sums.
 */
static void check_file(const char *path, struct gen *g, enum variant variant)
{
    for (int digits = 0; digits <= 2; digits += 2) {
        struct result serial;
        read_file(&serial, path, 1, digits, NORMAL);
        assert_int_equal(serial.rc, FLOW_OK);
        /* 999, 997, 998, abc, -5 */
        assert_int_equal(flow_test_report_rejected(serial.report), 5);
        if (variant != SHUFFLED_EXACT) /* shuffling separates the duplicate from its twin */
            assert_int_equal(flow_test_report_duplicates(serial.report), 1);
        assert_int_equal(flow_test_report_missing(serial.report), 1);
        if (digits == 0) {
            assert_expected(serial.ds, "", g->pair);
        } else {
            for (int c = 0; c < CHAPTERS; c++) {
                char chapter[3];
                snprintf(chapter, sizeof chapter, "%02d", c + 1);
                assert_expected(serial.ds, chapter, g->chapter[c]);
            }
        }
        for (int64_t threads = 2; threads <= 4; threads++) {
            struct result par;
            read_file(&par, path, threads, digits, NORMAL);
            assert_int_equal(par.rc, FLOW_OK);
            assert_same_report(serial.report, par.report);
            assert_same_dataset(serial.ds, par.ds);
            free_result(&par);
        }
        free_result(&serial);
    }
}

static void run_variant(enum variant variant, const char *name)
{
    struct gen *g = new_gen(variant);
    if (variant == SHUFFLED_EXACT)
        shuffle(g);
    const char *path = write_file(name, g);
    check_file(path, g, variant);
    remove(path);
    free_gen(g);
}

static void test_sorted_file_matches_serial_bit_for_bit(void **state)
{
    (void)state;
    run_variant(SORTED, "par-sorted.csv");
}

static void test_shuffled_file_with_exact_values_matches(void **state)
{
    (void)state;
    run_variant(SHUFFLED_EXACT, "par-shuffled.csv");
}

static void test_quoted_fields_without_line_breaks_match(void **state)
{
    (void)state;
    run_variant(QUOTED_CODES, "par-quoted.csv");
}

static void test_line_breaks_inside_quotes_match(void **state)
{
    (void)state;
    /* Most line breaks are inside quotes: no safe cut, the serial reader runs. */
    run_variant(QUOTED_NOTES, "par-notes.csv");
}

static void test_crlf_lines_match(void **state)
{
    (void)state;
    /* No piece is plain: every range is fed line by line, lines still exact. */
    run_variant(CRLF_LINES, "par-crlf.csv");
}

static void test_strict_read_fails_like_the_serial_read(void **state)
{
    (void)state;
    struct gen *g = new_gen(SORTED);
    const char *path = write_file("par-strict.csv", g);
    struct result serial, par;
    read_file(&serial, path, 1, 0, STRICT);
    read_file(&par, path, 3, 0, STRICT);
    /* The first bad row (unknown code 999, a tenth into the file) stops both. */
    assert_int_equal(serial.rc, FLOW_ERR_UNKNOWN_LABEL);
    assert_non_null(strstr(serial.error, "999"));
    assert_same_failure(&serial, &par);
    free_result(&serial);
    free_result(&par);
    remove(path);
    free_gen(g);
}

static void test_strict_failure_in_a_later_range_matches(void **state)
{
    (void)state;
    struct gen *g = new_gen(SORTED);
    const char *path = write_file("par-strict-late.csv", g);
    struct result serial;
    /* Unknown codes are added, so the first bad row is "abc", 35 % into the
       file: in the second range of two, three or four. */
    read_file(&serial, path, 1, 0, STRICT_ADD_UNKNOWN);
    assert_int_equal(serial.rc, FLOW_ERR_VALUE);
    assert_non_null(strstr(serial.error, "'abc' is not a number"));
    for (int64_t threads = 2; threads <= 4; threads++) {
        struct result par;
        read_file(&par, path, threads, 0, STRICT_ADD_UNKNOWN);
        assert_same_failure(&serial, &par);
        free_result(&par);
    }
    free_result(&serial);
    remove(path);
    free_gen(g);
}

static void test_unknown_codes_are_added_in_file_order(void **state)
{
    (void)state;
    struct gen *g = new_gen(SORTED);
    const char *path = write_file("par-add.csv", g);
    struct result serial, par;
    read_file(&serial, path, 1, 0, ADD_UNKNOWN);
    read_file(&par, path, 4, 0, ADD_UNKNOWN);
    assert_int_equal(serial.rc, FLOW_OK);
    assert_int_equal(par.rc, FLOW_OK);
    /* The three codes the ISO axis lacks were appended in the order met. */
    const flow_labels *axis = flow_dataset_economies(serial.ds);
    int64_t n = flow_labels_count(axis);
    assert_string_equal(flow_labels_code(axis, n - 3), "999");
    assert_string_equal(flow_labels_code(axis, n - 2), "997");
    assert_string_equal(flow_labels_code(axis, n - 1), "998");
    assert_same_dataset(serial.ds, par.ds);
    assert_same_report(serial.report, par.report);
    free_result(&serial);
    free_result(&par);
    remove(path);
    free_gen(g);
}

/* What a progress callback saw: how often, and whether it only moved forward. */
struct progress_seen {
    int64_t calls, last, total;
    int backwards;
};

static int record_progress(void *userdata, int64_t done, int64_t total)
{
    struct progress_seen *p = userdata;
    p->backwards |= done < p->last;
    p->calls++;
    p->last = done;
    p->total = total;
    return 0;
}

static void test_threaded_read_reports_progress_up_to_the_file_size(void **state)
{
    (void)state;
    struct gen *g = new_gen(SORTED);
    const char *path = write_file("par-progress.csv", g);
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    struct progress_seen seen = {0, 0, 0, 0};
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "threads", "2"), FLOW_OK);
    assert_int_equal(flow_read_options_set_progress(opts, record_progress, &seen), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, opts, NULL), FLOW_OK);
    assert_true(seen.calls >= 2); /* one call per merged range at least */
    assert_false(seen.backwards);
    assert_int_equal(seen.last, (int64_t)g->out.len);
    assert_int_equal(seen.total, (int64_t)g->out.len);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
    remove(path);
    free_gen(g);
}

static void test_thread_count_is_checked(void **state)
{
    (void)state;
    flow_read_options *opts = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "threads", "-1"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(opts, "threads", "257"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(NULL, "threads", "2"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_read_options_set(opts, "threads", "0"), FLOW_OK); /* all processors */
    assert_int_equal(flow_read_options_set(opts, "threads", "256"), FLOW_OK);
    flow_read_options_free(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted_file_matches_serial_bit_for_bit),
        cmocka_unit_test(test_shuffled_file_with_exact_values_matches),
        cmocka_unit_test(test_quoted_fields_without_line_breaks_match),
        cmocka_unit_test(test_line_breaks_inside_quotes_match),
        cmocka_unit_test(test_crlf_lines_match),
        cmocka_unit_test(test_strict_read_fails_like_the_serial_read),
        cmocka_unit_test(test_strict_failure_in_a_later_range_matches),
        cmocka_unit_test(test_unknown_codes_are_added_in_file_order),
        cmocka_unit_test(test_threaded_read_reports_progress_up_to_the_file_size),
        cmocka_unit_test(test_thread_count_is_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
