/*
 * test_reader_quantity.c - quantities read in the same pass as values
 * (read option "quantity_layer"): BACI's q beside v, so that unit
 * values v / q come from one read.
 *
 * tests/data/baci_panel_sample.csv (BACI layout, v in thousand USD, q in
 * tonnes): DEU (276) -> KAZ (398) of 847130 goes from 100 for 10 t (2021)
 * to 900 for 30 t (2022); DEU -> RUS (643) has no 2022 quantity (NA);
 * DEU -> KGZ (417) has the quantity "abc" (line 10); the other rows have
 * both. Expected numbers are worked out by hand from those lines.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static flow_read_options *baci_options(void)
{
    flow_read_options *ro = NULL;
    assert_int_equal(flow_read_options_new(&ro), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_layer", "trade_q"), FLOW_OK);
    return ro;
}

static flow_dataset *hs6_dataset(void)
{
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 6), FLOW_OK);
    return ds;
}

static double at(const flow_dataset *ds, const char *layer, int64_t year, const char *product,
                 const char *o, const char *d)
{
    const double *m = NULL;
    int64_t n = 0, stride = 0, i = -1, j = -1;
    assert_int_equal(flow_dataset_matrix_view(ds, layer, year, product, &m, &n, &stride), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), o, &i), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), d, &j), FLOW_OK);
    return m[i * stride + j];
}

/* Count of a reason of the report (0 when absent). */
static int64_t reason_count(const flow_read_report *rep, const char *reason, int *kind)
{
    for (int64_t i = 0; i < flow_test_report_reason_count(rep); i++) {
        const char *text = NULL;
        int64_t count = 0;
        assert_int_equal(flow_test_report_reason(rep, i, &text, &count, kind), FLOW_OK);
        if (strcmp(text, reason) == 0)
            return count;
    }
    return 0;
}

/* One read fills both layers; units and accounting as documented. */
static void test_one_read_values_and_quantities(void **state)
{
    (void)state;
    flow_dataset *ds = hs6_dataset();
    flow_read_options *ro = baci_options();
    flow_read_report *rep = NULL;
    assert_int_equal(flow_read_report_new(&rep), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_data_file("baci_panel_sample.csv"), ro, rep), FLOW_OK);
    /* Every row is accepted by its value; the quantity cells are counted apart. */
    assert_int_equal(flow_test_report_rows(rep), 11);
    assert_int_equal(flow_test_report_accepted(rep), 11);
    assert_int_equal(flow_test_report_filtered(rep), 0);
    assert_int_equal(flow_test_report_rejected(rep), 0);
    int kind = -1;
    assert_int_equal(reason_count(rep, "quantity missing (value kept)", &kind), 1);
    assert_int_equal(kind, FLOW_REASON_FILTERED);
    assert_int_equal(reason_count(rep, "quantity not a number (value kept)", &kind), 1);
    assert_int_equal(kind, FLOW_REASON_REJECTED);
    assert_int_equal(flow_test_report_kept_count(rep), 1);
    const char *message = NULL, *column = NULL, *text = NULL;
    int64_t line = 0;
    assert_int_equal(flow_test_report_kept(rep, 0, &message, NULL, &line, &column, &text), FLOW_OK);
    assert_int_equal(line, 10);
    assert_string_equal(column, "q");
    assert_string_equal(text, "abc");
    assert_non_null(strstr(message, "baci_panel_sample.csv: line 10, column \"q\""));

    /* Values scaled to USD, quantities not scaled, each with its unit. */
    assert_close(at(ds, "trade", 2022, "847130", "DEU", "KAZ"), 900e3, 1e-15);
    assert_close(at(ds, "trade_q", 2022, "847130", "DEU", "KAZ"), 30.0, 1e-15);
    assert_close(at(ds, "trade", 2022, "854231", "DEU", "KGZ"), 80e3, 1e-15);
    assert_close(at(ds, "trade_q", 2022, "854231", "DEU", "KGZ"), 0.0, 0);
    assert_close(at(ds, "trade", 2022, "847130", "DEU", "RUS"), 50e3, 1e-15);
    assert_close(at(ds, "trade_q", 2022, "847130", "DEU", "RUS"), 0.0, 0);
    assert_string_equal(flow_dataset_matrix_unit(ds, "trade", 2022, "847130"), "USD");
    assert_string_equal(flow_dataset_matrix_unit(ds, "trade_q", 2022, "847130"), "t");

    /* Unit values from the one read: DEU -> KAZ 10,000 -> 30,000 USD/t. */
    flow_evasion_options *o = NULL;
    flow_table *t = NULL;
    assert_int_equal(flow_evasion_options_new(&o), FLOW_OK);
    assert_int_equal(flow_evasion_options_set(o, "sources", "DEU"), FLOW_OK);
    assert_int_equal(flow_evasion_options_set(o, "targets", "RUS"), FLOW_OK);
    assert_int_equal(flow_evasion_options_set(o, "intermediaries", "KAZ,ARM,KGZ"), FLOW_OK);
    assert_int_equal(flow_evasion_options_set(o, "years", "2021,2022"), FLOW_OK);
    assert_int_equal(flow_evasion_options_set(o, "quantity", "trade_q"), FLOW_OK);
    assert_int_equal(flow_evasion_diagnose(&t, ds, o, FLOW_EVASION_UNIT_VALUES), FLOW_OK);
    /* DEU>KAZ, DEU>ARM, DEU>RUS (854231), KAZ>RUS: DEU>KGZ and DEU>RUS of 847130 lack q. */
    assert_int_equal(flow_table_rows(t), 4);
    int64_t i = -1, j = -1;
    assert_int_equal(flow_table_find_row(t, "DEU>KAZ", "847130", &i), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "uv_y1", NULL, &j), FLOW_OK);
    assert_close(flow_table_values(t)[i * flow_table_cols(t) + j], 30000.0, 1e-12);
    assert_int_equal(flow_table_find_row(t, "DEU>ARM", "854231", &i), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "log_change", NULL, &j), FLOW_OK);
    assert_close(flow_table_values(t)[i * flow_table_cols(t) + j], log(2.0), 1e-12);
    assert_int_equal(flow_table_find_row(t, "KAZ>RUS", "847130", &i), FLOW_OK);
    assert_close(flow_table_values(t)[i * flow_table_cols(t) + j], log(12.0 / 10.0), 1e-12);
    flow_table_free(t);
    flow_evasion_options_free(o);
    flow_read_report_free(rep);
    flow_read_options_free(ro);
    flow_dataset_free(ds);
}

/* Strict mode fails on the bad quantity with file, line and column; without a layer q is unused. */
static void test_strict_and_off(void **state)
{
    (void)state;
    flow_dataset *ds = hs6_dataset();
    flow_read_options *ro = baci_options();
    assert_int_equal(flow_read_options_set(ro, "strict", "1"), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_data_file("baci_panel_sample.csv"), ro, NULL),
        FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "line 10, column \"q\": 'abc' is not a finite"));
    flow_dataset_free(ds);

    /* No quantity layer: the same file reads without looking at q. */
    ds = hs6_dataset();
    assert_int_equal(flow_read_options_set(ro, "quantity_layer", ""), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_data_file("baci_panel_sample.csv"), ro, NULL), FLOW_OK);
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *layer = NULL;
        assert_int_equal(flow_dataset_matrix_key(ds, k, &layer, NULL, NULL), FLOW_OK);
        assert_string_equal(layer, "trade");
    }
    flow_dataset_free(ds);

    /* A quantity layer needs its column. */
    ds = hs6_dataset();
    assert_int_equal(flow_read_options_set(ro, "quantity_layer", "trade_q"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_unit", "t"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_column", "tonnes"), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_data_file("baci_panel_sample.csv"), ro, NULL),
        FLOW_ERR_MISSING_COLUMN);
    assert_non_null(strstr(flow_last_error(), "quantity column \"tonnes\""));
    flow_dataset_free(ds);
    flow_read_options_free(ro);
}

/*
 * A parallel read gives the serial read's quantities and accounting: a
 * BACI-like file of 40,000 rows (about 1 MB, sorted by exporter and
 * importer as BACI is) with an NA every 7th quantity and a bad one every
 * 1000th, read with 1 and 4 threads.
 */
static void test_parallel_read_matches_serial(void **state)
{
    (void)state;
    static const char *const codes[] = {"276", "398", "643", "51", "417", "156", "840", "392"};
    enum { NC = 8, ROWS = 40000 };
    size_t cap = (size_t)ROWS * 48 + 64, used = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    used += (size_t)snprintf(csv + used, cap - used, "t,i,j,k,v,q\n");
    for (int r = 0; r < ROWS; r++) {
        int o = r / (ROWS / NC), d = (r / 97) % NC, k = r % 97;
        char q[32];
        if (r % 7 == 3)
            snprintf(q, sizeof q, "NA");
        else if (r % 1000 == 999)
            snprintf(q, sizeof q, "x%d", r);
        else
            snprintf(q, sizeof q, "%d.5", r % 113);
        used += (size_t)snprintf(csv + used, cap - used, "%d,%s,%s,8471%02d,%d.25,%s\n",
                                 2021 + r % 2, codes[o], codes[d], k, r % 311, q);
    }
    const char *path = flow_test_write_temp("baci_q_parallel.csv", csv);
    free(csv);
    flow_dataset *ds[2] = {NULL, NULL};
    flow_read_report *rep[2] = {NULL, NULL};
    for (int p = 0; p < 2; p++) {
        flow_read_options *ro = baci_options();
        assert_int_equal(flow_test_read_set(ro, "threads", "%lld", (long long)(p ? 4 : 1)),
                         FLOW_OK);
        ds[p] = hs6_dataset();
        assert_int_equal(flow_read_report_new(&rep[p]), FLOW_OK);
        assert_int_equal(flow_dataset_read_csv(ds[p], path, ro, rep[p]), FLOW_OK);
        flow_read_options_free(ro);
    }
    assert_int_equal(flow_test_report_rows(rep[1]), ROWS);
    assert_int_equal(flow_test_report_accepted(rep[1]), flow_test_report_accepted(rep[0]));
    assert_int_equal(flow_test_report_duplicates(rep[1]), flow_test_report_duplicates(rep[0]));
    int64_t na = 0, bad = 0;
    for (int r = 0; r < ROWS; r++) {
        na += r % 7 == 3;
        bad += r % 7 != 3 && r % 1000 == 999;
    }
    for (int p = 0; p < 2; p++) {
        printf("threads %d: %lld missing, %lld bad quantities\n", p ? 4 : 1,
               (long long)reason_count(rep[p], "quantity missing (value kept)", NULL),
               (long long)reason_count(rep[p], "quantity not a number (value kept)", NULL));
        assert_int_equal(reason_count(rep[p], "quantity missing (value kept)", NULL), na);
        assert_int_equal(reason_count(rep[p], "quantity not a number (value kept)", NULL), bad);
        assert_int_equal(flow_test_report_rejected(rep[p]), 0);
    }
    assert_int_equal(flow_dataset_matrix_count(ds[1]), flow_dataset_matrix_count(ds[0]));
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds[0]); k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0, n = 0, stride = 0, n1 = 0, stride1 = 0;
        const double *a = NULL, *b = NULL;
        assert_int_equal(flow_dataset_matrix_key(ds[0], k, &layer, &year, &product), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(ds[0], layer, year, product, &a, &n, &stride),
                         FLOW_OK);
        assert_int_equal(flow_dataset_matrix_view(ds[1], layer, year, product, &b, &n1, &stride1),
                         FLOW_OK);
        assert_int_equal(n, n1);
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                assert_true(a[i * stride + j] == b[i * stride1 + j]);
    }
    for (int p = 0; p < 2; p++) {
        flow_read_report_free(rep[p]);
        flow_dataset_free(ds[p]);
    }
}

/*
 * The BACI crude-oil file of 2021 (QuantEcon's extract: value in USD,
 * quantity in tonnes with leading blanks and NA): values and quantities in
 * one read, checked against sums of the file's lines computed here with
 * plain strtod, field by field (an independent reading).
 */
static void test_baci_crude_oil_2021(void **state)
{
    (void)state;
    const char *path = flow_test_shared_file("baci-crude-oil-2021/crude_oil_hs270900_2021.csv");
    if (path == NULL)
        skip();
    /* The reference: RUS -> CHN and world sums of value and of the numeric quantities. */
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    double ref_v = 0, ref_q = 0, rus_chn_v = 0, rus_chn_q = 0, world_v_with_q = 0;
    int64_t rows = 0, na = 0, no_code = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f) != NULL) {
        char *field[7] = {NULL}, *s = line;
        line[strcspn(line, "\r\n")] = '\0';
        for (int c = 0; c < 7 && s != NULL; c++) { /* empty fields kept */
            field[c] = s;
            s = strchr(s, ',');
            if (s != NULL)
                *s++ = '\0';
        }
        assert_non_null(field[6]);
        rows++;
        if (field[5][0] == '\0' || field[6][0] == '\0') { /* rejected: missing economy code */
            no_code++;
            continue;
        }
        double v = strtod(field[3], NULL);
        char *end = NULL;
        double q = strtod(field[4], &end);
        int has_q = end != field[4];
        na += !has_q;
        ref_v += v;
        ref_q += has_q ? q : 0.0;
        world_v_with_q += has_q ? v : 0.0;
        if (strcmp(field[5], "RUS") == 0 && strcmp(field[6], "CHN") == 0) {
            rus_chn_v += v;
            rus_chn_q += q;
        }
    }
    fclose(f);

    flow_dataset *ds = NULL;
    flow_read_options *ro = NULL;
    flow_read_report *rep = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_options_new(&ro), FLOW_OK);
    assert_int_equal(flow_read_report_new(&rep), FLOW_OK);
    static const char *const columns[][2] = {{"location_code", NULL},
                                             {"partner_code", NULL},
                                             {"export_value", NULL},
                                             {"year", NULL},
                                             {NULL, NULL},
                                             {"product_id", NULL},
                                             {NULL, NULL},
                                             {NULL, NULL},
                                             {"Quantity (in metric tons)", NULL},
                                             {NULL, NULL}};
    for (int r = 0; r < FLOW_COL_COUNT; r++)
        assert_int_equal(
            flow_read_options_set(ro, flow_test_column_keys[r], columns[r][0] ? columns[r][0] : ""),
            FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "unit", "USD"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_layer", "crude_t"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_unit", "t"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, ro, rep), FLOW_OK);
    printf("BACI crude 2021: %lld rows, %lld accepted, %lld rejected, %lld quantities missing\n",
           (long long)flow_test_report_rows(rep), (long long)flow_test_report_accepted(rep),
           (long long)flow_test_report_rejected(rep),
           (long long)reason_count(rep, "quantity missing (value kept)", NULL));
    assert_int_equal(flow_test_report_rows(rep), rows);
    assert_int_equal(reason_count(rep, "quantity missing (value kept)", NULL), na);

    int64_t n = flow_dataset_economy_count(ds);
    double *exports_v = calloc((size_t)n, sizeof *exports_v);
    double *exports_q = calloc((size_t)n, sizeof *exports_q);
    assert_non_null(exports_v);
    assert_non_null(exports_q);
    assert_int_equal(flow_dataset_totals(ds, "trade", 2021, "", exports_v, NULL, NULL, n), FLOW_OK);
    assert_int_equal(flow_dataset_totals(ds, "crude_t", 2021, "", exports_q, NULL, NULL, n),
                     FLOW_OK);
    double v = 0, q = 0;
    for (int64_t i = 0; i < n; i++) {
        v += exports_v[i];
        q += exports_q[i];
    }
    /* Rows without an exporter or importer code are rejected ("missing economy code"). */
    assert_int_equal(flow_test_report_rejected(rep), no_code);
    assert_close(v, ref_v, 1e-12);
    assert_close(q, ref_q, 1e-12);
    double uv = at(ds, "trade", 2021, "", "RUS", "CHN") / at(ds, "crude_t", 2021, "", "RUS", "CHN");
    printf("RUS -> CHN: %.4g USD for %.4g t: %.1f USD/t; world %.1f USD/t (%.4g Mt with q)\n",
           rus_chn_v, rus_chn_q, uv, world_v_with_q / ref_q, ref_q / 1e6);
    assert_close(uv, rus_chn_v / rus_chn_q, 1e-12);
    assert_string_equal(flow_dataset_matrix_unit(ds, "crude_t", 2021, ""), "t");
    free(exports_v);
    free(exports_q);
    flow_read_report_free(rep);
    flow_read_options_free(ro);
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_read_values_and_quantities),
        cmocka_unit_test(test_strict_and_off),
        cmocka_unit_test(test_parallel_read_matches_serial),
        cmocka_unit_test(test_baci_crude_oil_2021),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
