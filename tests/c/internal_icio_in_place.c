/*
 * internal_icio_in_place.c - ICIO and FIGARO files read in place
 * (mrio_icio_text.c) against the general reader (tests/c/mrio_compare.h):
 * the same status and message, or the same blocks bit for bit, extensions,
 * accounting and summary. The texts are the layout fixtures in tests/data and
 * generated ICIO tables whose cells take every number shape the conversion
 * distinguishes, plain and with each thing the in-place reader must leave to
 * the general one (CRLF, quotes, a blank line, an empty or bad cell, a ragged
 * line, blanks, a byte-order mark, a NUL byte, no final line break), placed
 * early and late; one table is large enough for the conversion to run on
 * several threads.
 */
#include "support.h"

#include "mrio_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void assert_same(const char *path, int format)
{
    for (int knobs = 0; knobs < 4; knobs++) {
        const char *why = mrio_compare_read(path, format, knobs & 1, knobs >> 1, NULL);
        if (why != NULL)
            fail_msg("%s (keep_splits %d, trust_given_output %d): %s", path, knobs & 1, knobs >> 1,
                     why);
    }
}

/* 1 when the in-place reader takes the file (it may still decline a line later). */
static int opens_in_place(const char *path)
{
    struct flow_i_icio_text t;
    int ok = flow_i_icio_text_open(&t, path);
    flow_i_icio_text_close(&t);
    return ok;
}

static void test_layout_fixtures(void **state)
{
    (void)state;
    static const char *const icio[] = {"mrio/icio2023_small.csv", "mrio/icio2021_extended.csv",
                                       "mrio/icio2023_small.csv.gz",
                                       "mrio/icio2023_45sectors.csv.gz"};
    for (size_t i = 0; i < sizeof icio / sizeof icio[0]; i++)
        assert_same(flow_test_data_file(icio[i]), FLOW_MRIO_ICIO);
    assert_same(flow_test_data_file("mrio/figaro_ind_by_ind.csv"), FLOW_MRIO_FIGARO);
    assert_true(opens_in_place(flow_test_data_file("mrio/icio2023_small.csv")));
    assert_false(opens_in_place(flow_test_data_file("mrio/icio2023_small.csv.gz")));
}

/* A cell of one of the shapes the conversion tells apart (see numparse.h). */
static void put_cell(struct flow_test_text *t, unsigned *rng)
{
    char cell[64];
    double u = flow_test_uniform(rng);
    int shape = (int)(flow_test_uniform(rng) * 12);
    switch (shape) {
        case 0:
            snprintf(cell, sizeof cell, "%d", (int)(u * 1000));
            break;
        case 1:
            snprintf(cell, sizeof cell, "-%.3f", u * 50);
            break;
        case 2:
            snprintf(cell, sizeof cell, "%.17g", u * 1e4); /* 17 digits: past 16 bytes */
            break;
        case 3:
            snprintf(cell, sizeof cell, "%.4e", u * 1e6); /* exponent */
            break;
        case 4:
            snprintf(cell, sizeof cell, "0.%09d", (int)(u * 1e9)); /* nine decimals */
            break;
        case 5:
            snprintf(cell, sizeof cell, "%.8f", u * 99999999.0); /* 8 + 8 digits, 17 bytes */
            break;
        case 6:
            snprintf(cell, sizeof cell, "%.7f", u * 99999999.0); /* 8 + 7 digits, 16 bytes */
            break;
        case 7:
            snprintf(cell, sizeof cell, "+%.2f", u * 10); /* a plus sign */
            break;
        case 8:
            snprintf(cell, sizeof cell, "%d.", (int)(u * 100)); /* point last */
            break;
        case 9:
            snprintf(cell, sizeof cell, ".%d", (int)(u * 100)); /* point first */
            break;
        default:
            snprintf(cell, sizeof cell, "%.6g", u * 500); /* the usual cell */
            break;
    }
    flow_test_text_put(t, cell);
}

/*
 * An ICIO table: regions r0..r(R-1) with CN1 and CN2 among them, S sectors,
 * two final-demand categories, TLS, VA and OUT rows and an OUT column.
 */
static char *icio_text(int regions, int sectors, unsigned seed, size_t *len)
{
    struct flow_test_text t = {0};
    unsigned rng = seed;
    char label[64];
    flow_test_text_put(&t, "V1");
    for (int pass = 0; pass < 2; pass++)
        for (int r = 0; r < regions; r++)
            for (int s = 0; s < (pass == 0 ? sectors : 2); s++) {
                const char *region = r == 0 ? "CN1" : r == 1 ? "CN2" : NULL;
                char code[16];
                snprintf(code, sizeof code, "R%02d", r);
                if (pass == 0)
                    snprintf(label, sizeof label, ",%s_S%02d", region ? region : code, s);
                else
                    snprintf(label, sizeof label, ",%s_%s", region ? region : code,
                             s == 0 ? "HFCE" : "GFCF");
                flow_test_text_put(&t, label);
            }
    flow_test_text_put(&t, ",OUT\n");
    int cols = regions * sectors + regions * 2 + 1;
    for (int i = 0; i < regions * sectors + 3; i++) {
        if (i < regions * sectors) {
            int r = i / sectors;
            char code[16];
            snprintf(code, sizeof code, "R%02d", r);
            snprintf(label, sizeof label, "%s_S%02d",
                     r == 0   ? "CN1"
                     : r == 1 ? "CN2"
                              : code,
                     i % sectors);
        } else {
            snprintf(label, sizeof label, "%s",
                     i == regions * sectors       ? "TLS"
                     : i == regions * sectors + 1 ? "VA"
                                                  : "OUT");
        }
        flow_test_text_put(&t, label);
        for (int c = 0; c < cols; c++) {
            flow_test_text_put(&t, ",");
            put_cell(&t, &rng);
        }
        flow_test_text_put(&t, "\n");
    }
    *len = t.len;
    return t.s;
}

static void write_file(const char *path, const char *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The text with bytes [at, at + cut) replaced by with (cut 0: inserted). */
static char *edit(const char *p, size_t len, size_t at, size_t cut, const char *with, size_t *out)
{
    size_t w = strlen(with);
    char *q = malloc(len - cut + w + 1);
    assert_non_null(q);
    memcpy(q, p, at);
    memcpy(q + at, with, w);
    memcpy(q + at + w, p + at + cut, len - at - cut);
    *out = len - cut + w;
    q[*out] = '\0';
    return q;
}

/* Offset of the start of the n-th cell (after n commas) of line `line` (0 = header). */
static size_t cell_at(const char *p, int line, int n)
{
    size_t at = 0;
    for (int l = 0; l < line; l++)
        at = (size_t)(strchr(p + at, '\n') - p) + 1;
    for (int k = 0; k < n; k++)
        at = (size_t)(strchr(p + at, ',') - p) + 1;
    return at;
}

static void compare_text(const char *path, const char *p, size_t len, const char *what)
{
    write_file(path, p, len);
    for (int knobs = 0; knobs < 4; knobs++) {
        const char *why = mrio_compare_read(path, FLOW_MRIO_ICIO, knobs & 1, knobs >> 1, NULL);
        if (why != NULL)
            fail_msg("%s (knobs %d): %s", what, knobs, why);
    }
}

static void test_generated_tables_and_their_irregular_twins(void **state)
{
    (void)state;
    char path[64];
    size_t len = 0, n = 0;
    snprintf(path, sizeof path, "/tmp/internal_icio_in_place_%ld.csv", (long)getpid());
    char *base = icio_text(4, 3, 11, &len);
    compare_text(path, base, len, "plain");
    assert_true(opens_in_place(path));
    struct {
        const char *what;
        int line, cell;   /* where: line (0 = header, -1 = last), cell after that many commas */
        const char *with; /* "?" with nul set: a NUL byte */
        int nul;
    } edits[] = {
        {"CRLF", 2, -1, "\r", 0},
        {"quoted label", 3, 0, "\"", 0},
        {"quoted cell", 5, 4, "\"1\",", 0},
        {"blank line", 4, 0, "\n", 0},
        {"empty cell", 6, 3, ",", 0},
        {"bad cell", 7, 2, "x", 0},
        {"nan cell", 8, 5, "nan,", 0},
        {"space before a cell", 9, 1, " ", 0},
        {"tab in a label", 10, 0, "\t", 0},
        {"NUL in a cell", 11, 2, "?", 1},
        {"extra cell", 12, -1, ",1", 0},
        {"byte-order mark", 0, 0, "\xEF\xBB\xBF", 0},
        {"space in the header", 0, 3, " ", 0},
        {"bad cell on the last line", -1, 6, "1e", 0},
        {"huge exponent", 5, 2, "1e999,", 0},
        {"long digits", 6, 2, "123456789012345678901234567890,", 0},
    };
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        int lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += base[i] == '\n';
        int line = edits[e].line >= 0 ? edits[e].line : lines - 1;
        size_t at = edits[e].cell >= 0 ? cell_at(base, line, edits[e].cell)
                                       : cell_at(base, line + 1, 0) - 1; /* before its '\n' */
        char *twin = edit(base, len, at, 0, edits[e].with, &n);
        if (edits[e].nul)
            twin[at] = '\0';
        compare_text(path, twin, n, edits[e].what);
        free(twin);
    }
    /* No final line break; a trailing blank line; the header alone; an empty file. */
    compare_text(path, base, len - 1, "no final line break");
    char *twin = edit(base, len, len, 0, "\n", &n);
    compare_text(path, twin, n, "trailing blank line");
    free(twin);
    compare_text(path, base, cell_at(base, 1, 0), "header only");
    compare_text(path, base, 0, "empty file");
    free(base);
    /* Other sizes and seeds, with the split regions kept or merged. */
    for (unsigned seed = 1; seed < 6; seed++) {
        base = icio_text(2 + (int)seed, 1 + (int)seed % 4, seed, &len);
        compare_text(path, base, len, "generated");
        free(base);
    }
    unlink(path);
}

static void test_large_table_on_threads(void **state)
{
    (void)state;
    /* 15 regions x 40 sectors: over 2^18 cells, so lines convert on the scatter's threads. */
    char path[64];
    size_t len = 0, n = 0;
    snprintf(path, sizeof path, "/tmp/internal_icio_in_place_big_%ld.csv", (long)getpid());
    char *base = icio_text(15, 40, 5, &len);
    compare_text(path, base, len, "large");
    /* A bad cell in the second half: a worker thread declines, the general reader reports it. */
    char *twin = edit(base, len, cell_at(base, 500, 7), 0, "?", &n);
    compare_text(path, twin, n, "large with a bad cell");
    int status = FLOW_OK;
    assert_null(mrio_compare_read(path, FLOW_MRIO_ICIO, 0, 0, &status));
    assert_int_equal(status, FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "line 501"));
    free(twin);
    free(base);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_fixtures),
        cmocka_unit_test(test_generated_tables_and_their_irregular_twins),
        cmocka_unit_test(test_large_table_on_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
