/*
 * test_product_tag_overflow.c - duplicate rows counted exactly in a matrix
 * written by more products than its one-byte tag ids can name (254).
 *
 * A row is a duplicate when its cell was last written by the same product.
 * Every matrix names the first 254 products it meets by a one-byte id and
 * keeps the full tag of a cell written by any later product beside it, so
 * a matrix of HS chapter 84 with 600 products takes both paths. The counts
 * are checked against what the test counts itself from the rows it writes
 * (the last product code of each cell, compared as text), for a tiny file
 * whose count is known by hand, and for files large enough to be read in
 * several ranges: sorted by pair (the threads write the shared matrices),
 * shuffled (private copies, merged), read into a dataset that already holds
 * the cells (the tags of the first read decide the first rows of the
 * second), and into an axis that grows during the read (the matrices are
 * laid out again). Serial and threaded reads must also agree bit for bit.
 */
#include "support.h"

#include <libflow.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NE       16  /* economies */
#define PRODUCTS 600 /* of chapter 84, more than 254 */

static const char *const codes[NE] = {"4",   "8",   "12",  "36",  "76",  "124", "156", "250",
                                      "276", "344", "356", "364", "392", "398", "408", "410"};

/* ---------------------------------------------------------------- files */

static const char *write_text(const char *name, const struct flow_test_text *t)
{
    static char path[2][4096];
    static int which;
    const char *dir = getenv("TMPDIR");
    char *p = path[which ^= 1];
    snprintf(p, sizeof path[0], "%s/flowtest-%ld-%s", dir ? dir : "/tmp", (long)getpid(), name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(t->s, 1, t->len, f), t->len);
    fclose(f);
    return p;
}

/*
 * The reference: the last product of every (chapter, origin, destination)
 * cell written so far, and the duplicates among the rows added.
 */
struct reference {
    int last[2][NE][NE]; /* product number + 1; 0: not written */
    int64_t rows, duplicates;
    int previous[NE][NE]; /* the last product of each pair, for the generator (-1: none) */
};

/* Product p: 0 .. PRODUCTS-1 are chapter 84 codes, PRODUCTS .. +9 chapter 1 codes. */
static int chapter_of(int p)
{
    return p < PRODUCTS ? 0 : 1;
}

static void product_code(char *buf, size_t size, int p)
{
    if (p < PRODUCTS)
        snprintf(buf, size, "84%04d", 1000 + p * 13);
    else
        snprintf(buf, size, "10%d%d", 1 + (p - PRODUCTS) % 9, 1 + (p - PRODUCTS) % 7);
}

static void add_row(struct flow_test_text *t, struct reference *ref, int i, int j, int p, int value)
{
    char code[16], line[96];
    product_code(code, sizeof code, p);
    snprintf(line, sizeof line, "2022,%s,%s,%s,%d,1\n", codes[i], codes[j], code, value);
    flow_test_text_put(t, line);
    int *last = &ref->last[chapter_of(p)][i][j];
    ref->duplicates += *last == p + 1;
    ref->rows++;
    *last = p + 1;
    ref->previous[i][j] = p;
}

/* One row of a large file: a product of the pair, a third of the time the pair's last one. */
static int pick_product(uint64_t *state, int previous)
{
    uint64_t r = flow_test_next_u64(state);
    if (previous >= 0 && r % 3 == 0)
        return previous;
    return (r >> 8) % 10 == 0 ? PRODUCTS + (int)((r >> 16) % 10) : (int)((r >> 16) % PRODUCTS);
}

/*
 * About 40,000 rows (1 MB, several ranges): sorted by pair, each pair's rows
 * together, or in a shuffled order of pairs row by row. seed varies the
 * products.
 */
static void large_file(struct flow_test_text *t, struct reference *ref, uint64_t seed, int shuffled)
{
    enum { PER_PAIR = 170 };
    uint64_t state = seed;
    flow_test_text_put(t, "t,i,j,k,v,q\n");
    for (int64_t r = 0; r < (int64_t)NE * (NE - 1) * PER_PAIR; r++) {
        int64_t pair =
            shuffled ? (int64_t)(flow_test_next_u64(&state) % (NE * (NE - 1))) : r / PER_PAIR;
        int i = (int)(pair / (NE - 1)), j = (int)(pair % (NE - 1));
        j += j >= i;
        int p = pick_product(&state, ref->previous[i][j]);
        add_row(t, ref, i, j, p, 1 + (int)(flow_test_next_u64(&state) % 1000));
    }
}

/* ---------------------------------------------------------------- reading */

static void read_into(flow_dataset *ds, const char *path, int threads, flow_read_report **report)
{
    flow_read_options *opts = NULL;
    assert_int_equal(flow_read_report_new(report), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "threads", "%d", threads), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, opts, *report), FLOW_OK);
    flow_read_options_free(opts);
}

static flow_dataset *new_dataset(int present)
{
    flow_dataset *ds = NULL;
    flow_labels *iso = NULL;
    if (present) {
        assert_int_equal(flow_labels_new_iso3166(&iso), FLOW_OK);
        assert_int_equal(flow_dataset_new_present(&ds, iso), FLOW_OK);
        flow_labels_free(iso);
    } else {
        assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    }
    assert_int_equal(flow_dataset_set_product_digits(ds, 2), FLOW_OK);
    return ds;
}

/* Same economies, matrix keys and values, bit for bit. */
static void assert_same_dataset(const flow_dataset *a, const flow_dataset *b)
{
    assert_int_equal(flow_dataset_economy_count(a), flow_dataset_economy_count(b));
    for (int64_t e = 0; e < flow_dataset_economy_count(a); e++)
        assert_string_equal(flow_labels_code(flow_dataset_economies(a), e),
                            flow_labels_code(flow_dataset_economies(b), e));
    assert_int_equal(flow_dataset_matrix_count(a), flow_dataset_matrix_count(b));
    for (int64_t k = 0; k < flow_dataset_matrix_count(a); k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0, n = 0, sa = 0, sb = 0;
        const double *va = NULL, *vb = NULL;
        assert_int_equal(flow_dataset_matrix_key(a, k, &layer, &year, &product), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(a, layer, year, product, &va, &n, &sa), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(b, layer, year, product, &vb, &n, &sb), FLOW_OK);
        for (int64_t i = 0; i < n; i++)
            assert_memory_equal(va + i * sa, vb + i * sb, (size_t)n * sizeof *va);
    }
}

/*
 * Reads the files in turn into a serial and a two-thread dataset and checks
 * each read's rows and duplicates against the reference's.
 */
static void check_reads(const char *const *paths, const struct reference *refs, int nfiles,
                        int present)
{
    flow_dataset *serial = new_dataset(present), *threaded = new_dataset(present);
    int64_t rows_before = 0, dups_before = 0;
    for (int f = 0; f < nfiles; f++) {
        flow_read_report *rs = NULL, *rt = NULL;
        read_into(serial, paths[f], 1, &rs);
        read_into(threaded, paths[f], 2, &rt);
        int64_t rows = refs[f].rows - rows_before, dups = refs[f].duplicates - dups_before;
        assert_int_equal(flow_test_report_accepted(rs), rows);
        assert_int_equal(flow_test_report_accepted(rt), rows);
        assert_int_equal(flow_test_report_rejected(rt), 0);
        assert_int_equal(flow_test_report_duplicates(rs), dups);
        assert_int_equal(flow_test_report_duplicates(rt), dups);
        assert_same_dataset(serial, threaded);
        rows_before = refs[f].rows;
        dups_before = refs[f].duplicates;
        flow_read_report_free(rs);
        flow_read_report_free(rt);
    }
    flow_dataset_free(serial);
    flow_dataset_free(threaded);
}

/* ---------------------------------------------------------------- tests */

static void test_hand_counted_duplicates_past_254_products(void **state)
{
    (void)state;
    struct flow_test_text t = {0}, t2 = {0};
    struct reference ref = {0};
    flow_test_text_put(&t, "t,i,j,k,v,q\n");
    /* cell 4 -> 8: 300 products, so 46 of them without an id of their own */
    for (int p = 0; p < 300; p++)
        add_row(&t, &ref, 0, 1, p, 1);
    const int a[] = {299, 298, 298, 10, 10, 298, 299};
    const int b[] = {280, 280, 0, 280, 260, 261, 261};
    for (size_t k = 0; k < sizeof a / sizeof a[0]; k++)
        add_row(&t, &ref, 0, 1, a[k], 1);
    for (size_t k = 0; k < sizeof b / sizeof b[0]; k++)
        add_row(&t, &ref, 1, 0, b[k], 1);
    /* counted by hand: 299,299 | 298,298 | 10,10 | 280,280 | 261,261 */
    assert_int_equal(ref.duplicates, 5);
    const char *path = write_text("tags-hand.csv", &t);
    /* a second file into the same dataset: cells last written by 299 and 261 */
    flow_test_text_put(&t2, "t,i,j,k,v,q\n");
    add_row(&t2, &ref, 0, 1, 299, 1); /* duplicate of the first file's last row there */
    add_row(&t2, &ref, 1, 0, 261, 1); /* likewise */
    add_row(&t2, &ref, 1, 0, 260, 1);
    add_row(&t2, &ref, 0, 1, 298, 1);
    assert_int_equal(ref.duplicates, 7);
    const char *path2 = write_text("tags-hand-2.csv", &t2);

    flow_dataset *ds = new_dataset(0);
    flow_read_report *report = NULL;
    read_into(ds, path, 1, &report);
    assert_int_equal(flow_test_report_accepted(report), 314);
    assert_int_equal(flow_test_report_duplicates(report), 5);
    flow_read_report_free(report);
    read_into(ds, path2, 1, &report);
    assert_int_equal(flow_test_report_accepted(report), 4);
    assert_int_equal(flow_test_report_duplicates(report), 2);
    flow_read_report_free(report);
    flow_dataset_free(ds);
    unlink(path);
    unlink(path2);
    free(t.s);
    free(t2.s);
}

static void test_add_flow_counts_past_254_products(void **state)
{
    (void)state;
    flow_dataset *ds = new_dataset(0);
    char code[16];
    /* the same cell by 400 products, then again by the last: 400 cells' worth of tags */
    for (int p = 0; p < 400; p++) {
        product_code(code, sizeof code, p);
        assert_int_equal(flow_dataset_add_flow(ds, "trade", 2022, code, "USA", "CAN", 1.0),
                         FLOW_OK);
    }
    const double *v = NULL;
    int64_t n = 0, stride = 0, usa = 0, can = 0;
    assert_int_equal(flow_dataset_matrix_view(ds, "trade", 2022, "84", &v, &n, &stride), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), "USA", &usa), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), "CAN", &can), FLOW_OK);
    assert_true(v[usa * stride + can] == 400.0);
    flow_dataset_free(ds);
}

static void run_large(int shuffled, int present, uint64_t seed)
{
    struct flow_test_text t1 = {0}, t2 = {0};
    struct reference refs[2];
    memset(refs, 0, sizeof refs);
    memset(refs[0].previous, -1, sizeof refs[0].previous);
    large_file(&t1, &refs[0], seed, shuffled);
    refs[1] = refs[0]; /* the second file continues the first's cells: some of its first
                          rows repeat their cell's last product */
    large_file(&t2, &refs[1], seed + 1, shuffled);
    assert_true(t1.len > 600 * 1024); /* several ranges of 256 KiB */
    assert_true(refs[0].duplicates > 1000);
    const char *paths[2] = {write_text("tags-1.csv", &t1), write_text("tags-2.csv", &t2)};
    check_reads(paths, refs, 2, present);
    unlink(paths[0]);
    unlink(paths[1]);
    free(t1.s);
    free(t2.s);
}

static void test_threads_writing_shared_matrices_count_exactly(void **state)
{
    (void)state;
    run_large(0, 0, 18);
}

static void test_private_copies_merged_count_exactly(void **state)
{
    (void)state;
    run_large(1, 0, 1818);
}

static void test_axis_growing_during_the_read_counts_exactly(void **state)
{
    (void)state;
    run_large(1, 1, 181818);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_counted_duplicates_past_254_products),
        cmocka_unit_test(test_add_flow_counts_past_254_products),
        cmocka_unit_test(test_threads_writing_shared_matrices_count_exactly),
        cmocka_unit_test(test_private_copies_merged_count_exactly),
        cmocka_unit_test(test_axis_growing_during_the_read_counts_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
