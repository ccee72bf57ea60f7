/*
 * test_va_published.c - the gross-export decompositions of the published
 * "leather" example (tests/data/published/README.md) through the C ABI: the
 * table read with libflow's wide reader, every published WWZ, KWW and
 * Borin-Mancini number compared to half a unit of its last printed digit.
 */
#include "support.h"

#include "libflow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 9, REGIONS = 3, MAX_FIELDS = 24 };
static const char *const REGION_CODES[REGIONS] = {"Argentina", "Turkey", "Germany"};

/* The published table: rows of Z and Y, then the gross-output row "X". */
static flow_io_model *leather(void)
{
    flow_read_options *opts = NULL;
    flow_table *t = NULL, *z = NULL, *y = NULL, *x = NULL;
    flow_io_model *m = NULL;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_test_wide_layout(opts, 1, 2, 0, -1, 1, 0), FLOW_OK);
    assert_int_equal(
        flow_table_read_csv(&t, flow_test_data_file("published/leather_mrio.csv"), opts, NULL),
        FLOW_OK);
    assert_int_equal(flow_table_rows(t), N + 1);
    assert_int_equal(flow_table_slice(&z, t, 0, N, 0, N), FLOW_OK);
    assert_int_equal(flow_table_slice(&y, t, 0, N, N, REGIONS), FLOW_OK);
    assert_int_equal(flow_table_slice(&x, t, N, 1, 0, N), FLOW_OK);
    assert_int_equal(flow_io_model_new_from_tables(&m, z, y, NULL, x), FLOW_OK);
    static const int64_t owners[REGIONS] = {0, 1, 2};
    assert_int_equal(flow_io_model_set_final_demand(m, NULL, owners), FLOW_OK);
    for (int r = 0; r < REGIONS; r++)
        assert_string_equal(flow_test_io_region_code(m, r), REGION_CODES[r]);
    /* The published output is Z 1 + Y 1. */
    const double *out = flow_test_io_view(m, FLOW_IO_OUTPUT), *zv = flow_table_values(z),
                 *yv = flow_table_values(y);
    for (int i = 0; i < N; i++) {
        double sum = 0.0;
        for (int j = 0; j < N; j++)
            sum += zv[i * N + j];
        for (int c = 0; c < REGIONS; c++)
            sum += yv[i * REGIONS + c];
        assert_close(out[i], sum, 1e-12);
    }
    flow_read_options_free(opts);
    flow_table_free(t);
    flow_table_free(z);
    flow_table_free(y);
    flow_table_free(x);
    return m;
}

static int region_of(const char *code)
{
    for (int r = 0; r < REGIONS; r++)
        if (strcmp(code, REGION_CODES[r]) == 0)
            return r;
    fail_msg("unknown region %s", code);
    return -1;
}

/* Splits a CSV line in place (no quoting in these files). */
static int split(char *line, char **fields)
{
    int count = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; count < MAX_FIELDS; count++) {
        fields[count] = p;
        p = strchr(p, ',');
        if (p == NULL)
            return count + 1;
        *p++ = '\0';
    }
    return count;
}

/* Half a unit of the last printed digit of text. */
static double printed_tolerance(const char *text)
{
    const char *dot = strchr(text, '.');
    return 0.5 * pow(10.0, dot != NULL ? -(double)strlen(dot + 1) : 0.0) + 1e-12;
}

/*
 * Compares every value of a published file (its first keys columns name the
 * row) with the table of one decomposition: tables[importer or 0] holds rows
 * labelled sector (group = exporter) or exporter; returns the count checked.
 */
static int check_file(const char *relative, int keys, flow_table *const *tables)
{
    char line[2048], header[2048], *names[MAX_FIELDS], *fields[MAX_FIELDS];
    FILE *f = fopen(flow_test_data_file(relative), "r");
    assert_non_null(f);
    assert_non_null(fgets(header, sizeof header, f));
    int cols = split(header, names), checked = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        assert_int_equal(split(line, fields), cols);
        const flow_table *t = tables[keys == 3 ? region_of(fields[2]) : 0];
        int64_t row = -1, col = -1;
        if (keys == 1)
            assert_int_equal(flow_table_find_row(t, fields[0], NULL, &row), FLOW_OK);
        else
            assert_int_equal(flow_table_find_row(t, fields[1], fields[0], &row), FLOW_OK);
        for (int c = keys; c < cols; c++) {
            assert_int_equal(flow_table_find_col(t, names[c], NULL, &col), FLOW_OK);
            double got = flow_table_values(t)[row * flow_table_cols(t) + col];
            double want = strtod(fields[c], NULL), tol = printed_tolerance(fields[c]);
            if (fabs(got - want) > tol)
                fail_msg("%s: %s %s %s: %.10g, published %s", relative, fields[0], fields[1],
                         names[c], got, fields[c]);
            checked++;
        }
    }
    fclose(f);
    return checked;
}

static void decompose_by_importer(flow_io_model *m, int method, flow_table **tables)
{
    for (int r = 0; r < REGIONS; r++)
        assert_int_equal(flow_va_decompose(&tables[r], m, method, FLOW_VA_BY_SECTOR, r), FLOW_OK);
}

static void free_tables(flow_table **tables, int count)
{
    for (int i = 0; i < count; i++)
        flow_table_free(tables[i]);
}

static void test_wwz_all_published_terms(void **state)
{
    (void)state;
    flow_io_model *m = leather();
    flow_table *tables[REGIONS] = {NULL};
    decompose_by_importer(m, FLOW_VA_WWZ, tables);
    assert_int_equal(check_file("published/leather_wwz.csv", 3, tables), 18 * 17);
    free_tables(tables, REGIONS);
    flow_io_model_free(m);
}

static void test_kww_published_terms(void **state)
{
    (void)state;
    flow_io_model *m = leather();
    flow_table *t = NULL;
    assert_int_equal(flow_va_decompose(&t, m, FLOW_VA_KWW, FLOW_VA_BY_EXPORTER, -1), FLOW_OK);
    assert_int_equal(check_file("published/leather_kww.csv", 1, &t), 27);
    flow_table_free(t);
    flow_io_model_free(m);
}

static void test_borin_mancini_source_published_sectors(void **state)
{
    (void)state;
    flow_io_model *m = leather();
    flow_table *sector = NULL, *tables[REGIONS] = {NULL};
    assert_int_equal(flow_va_decompose(&sector, m, FLOW_VA_BM_SOURCE, FLOW_VA_BY_SECTOR, -1),
                     FLOW_OK);
    assert_int_equal(check_file("published/leather_bm_sector.csv", 2, &sector), 45);
    decompose_by_importer(m, FLOW_VA_BM_SOURCE, tables);
    assert_int_equal(check_file("published/leather_bm_bilateral.csv", 3, tables), 90);
    flow_table_free(sector);
    free_tables(tables, REGIONS);
    flow_io_model_free(m);
}

/* Country totals: source and sink (which agree there) and the VAX. */
static void test_country_totals_and_vax(void **state)
{
    (void)state;
    static const char *const published[REGIONS][3] = {
        /* exports, dva, vax: leather_bm_country.csv */
        {"64.3", "52.81756", "46.73209"},
        {"113.6", "89.82482", "77.34144"},
        {"147.6", "106.84240", "96.71914"}};
    flow_io_model *m = leather();
    flow_table *source = NULL, *sink = NULL, *vax = NULL;
    assert_int_equal(flow_va_decompose(&source, m, FLOW_VA_BM_SOURCE, FLOW_VA_BY_EXPORTER, -1),
                     FLOW_OK);
    assert_int_equal(flow_va_decompose(&sink, m, FLOW_VA_BM_SINK, FLOW_VA_BY_EXPORTER, -1),
                     FLOW_OK);
    assert_int_equal(flow_va_decompose(&vax, m, FLOW_VA_VAX, FLOW_VA_BY_EXPORTER, -1), FLOW_OK);
    for (int r = 0; r < REGIONS; r++) {
        const double *so = flow_table_values(source) + r * 5, *si = flow_table_values(sink) + r * 5;
        double exports = strtod(published[r][0], NULL), dva = strtod(published[r][1], NULL),
               va = strtod(published[r][2], NULL);
        assert_true(fabs(so[4] - exports) <= printed_tolerance(published[r][0]));
        assert_true(fabs(so[0] - dva) <= printed_tolerance(published[r][1]));
        assert_true(fabs(si[0] - dva) <= printed_tolerance(published[r][1]));
        for (int c = 0; c < 5; c++)
            assert_close(si[c], so[c], 1e-12);
        assert_true(fabs(flow_table_values(vax)[r * 3] - va) <= printed_tolerance(published[r][2]));
    }
    flow_table_free(source);
    flow_table_free(sink);
    flow_table_free(vax);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wwz_all_published_terms),
        cmocka_unit_test(test_kww_published_terms),
        cmocka_unit_test(test_borin_mancini_source_published_sectors),
        cmocka_unit_test(test_country_totals_and_vax),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
