/*
 * test_mrio.c - MRIO databases in one call: OECD ICIO (2016-2023 layouts),
 * FIGARO, EXIOBASE 3 (folder and zip), pymrio's text layout; merged splits,
 * compressed input and error messages. Expected values of the pymrio ICIO
 * mocks are those its PROVENANCE lists (pymrio's own test assertions).
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static flow_mrio *read_ok(const char *path, int format, const flow_mrio_options *opts)
{
    flow_mrio *m = NULL;
    int rc = flow_mrio_read(&m, path, format, opts);
    if (rc != FLOW_OK)
        fail_msg("%s: %s", path, flow_last_error());
    return m;
}

/* Index of (region, sector) in the model, -1 when absent. */
static int64_t find(flow_io_model *model, const char *region, const char *sector)
{
    int64_t s = flow_test_io_sector_count(model);
    for (int64_t i = 0; i < flow_test_io_order(model); i++)
        if (strcmp(flow_test_io_region_code(model, i / s), region) == 0 &&
            strcmp(flow_test_io_sector_code(model, i % s), sector) == 0)
            return i;
    return -1;
}

static int64_t find_fd(flow_io_model *model, const char *region, const char *category)
{
    for (int64_t c = 0; c < flow_test_io_final_demand_count(model); c++) {
        int64_t r = flow_test_io_final_demand_region(model, c);
        if (r >= 0 && strcmp(flow_test_io_region_code(model, r), region) == 0 &&
            strcmp(flow_test_io_final_demand_label(model, c), category) == 0)
            return c;
    }
    return -1;
}

static double z_at(flow_io_model *m, const char *r1, const char *s1, const char *r2, const char *s2)
{
    int64_t i = find(m, r1, s1), j = find(m, r2, s2), n = flow_test_io_order(m);
    assert_true(i >= 0 && j >= 0);
    return flow_test_io_view(m, FLOW_IO_INTERMEDIATE)[i * n + j];
}

static double y_at(flow_io_model *m, const char *r1, const char *s1, const char *r2,
                   const char *cat)
{
    int64_t i = find(m, r1, s1), c = find_fd(m, r2, cat), k = flow_test_io_final_demand_count(m);
    assert_true(i >= 0 && c >= 0);
    return flow_test_io_view(m, FLOW_IO_FINAL_DEMAND)[i * k + c];
}

static double input_at(flow_mrio *mrio, const char *row, const char *region, const char *sector)
{
    int64_t e = -1, i = -1, j = -1;
    const flow_table *f = NULL;
    assert_int_equal(flow_mrio_find_extension(mrio, "factor_inputs", &e), FLOW_OK);
    assert_int_equal(flow_mrio_extension(mrio, e, NULL, &f, NULL), FLOW_OK);
    assert_int_equal(flow_table_find_row(f, row, NULL, &i), FLOW_OK);
    assert_int_equal(flow_table_find_col(f, sector, region, &j), FLOW_OK);
    return flow_table_values(f)[i * flow_table_cols(f) + j];
}

static void icio_2016_mock(void **state)
{
    (void)state;
    const char *path = flow_test_shared_file("pymrio-mock-layouts/oecd_mock/ICIO2016_2003.csv");
    if (path == NULL)
        skip();
    flow_mrio *mrio = read_ok(path, FLOW_MRIO_ICIO, NULL);
    flow_io_model *m = flow_mrio_model(mrio);
    assert_int_equal(flow_test_io_order(m), 32);
    assert_close(z_at(m, "CHN", "C01T05AGR", "AUS", "C15T16FOD"), 6932.1858, 1e-7);
    assert_close(z_at(m, "AUS", "C01T05AGR", "AUS", "C01T05AGR"), 23697.221, 1e-7);
    assert_close(z_at(m, "NZL", "C23PET", "AUS", "C20WOD"), 684.49784, 1e-7);
    assert_close(y_at(m, "CHN", "C23PET", "NZL", "HFCE"), 24074818, 1e-7);
    assert_close(y_at(m, "NZL", "C23PET", "PER", "DIRP"), 14822221, 1e-7);
    assert_close(input_at(mrio, "VA+TAXSUB", "CHN", "C20WOD"), 569612.84, 1e-7);
    flow_mrio_free(mrio);
}

static void icio_2018_mock(void **state)
{
    (void)state;
    const char *path = flow_test_shared_file("pymrio-mock-layouts/oecd_mock/ICIO2018_2010.CSV");
    if (path == NULL)
        skip();
    flow_mrio *mrio = read_ok(path, FLOW_MRIO_ICIO, NULL);
    flow_io_model *m = flow_mrio_model(mrio);
    assert_int_equal(flow_test_io_region_count(m), 5);
    assert_close(z_at(m, "BEL", "16", "AUS", "05T06"), 150.89421, 1e-7);
    assert_close(y_at(m, "BRA", "09", "COL", "GGFC"), 11211977, 1e-7);
    assert_close(input_at(mrio, "VALU", "MEX", "01T03"), 284552.21, 1e-7);
    assert_close(input_at(mrio, "MEX_TAXSUB", "BEL", "16"), 1.66161232097811, 1e-12);
    flow_mrio_free(mrio);
    /* Kept on request: MX1 is a region of its own. */
    flow_mrio_options *opts = NULL;
    assert_int_equal(flow_mrio_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_mrio_options_set(opts, "keep_splits", "1"), FLOW_OK);
    mrio = read_ok(path, FLOW_MRIO_ICIO, opts);
    assert_int_equal(flow_test_io_region_count(flow_mrio_model(mrio)), 6);
    assert_true(find(flow_mrio_model(mrio), "MX1", "01T03") >= 0);
    flow_mrio_free(mrio);
    flow_mrio_options_free(opts);
}

/* The 2021 layout: splits merged by default (CHN = CN1 + CN2), kept on request. */
static void icio_2021_splits(void **state)
{
    (void)state;
    const char *path = flow_test_data_file("mrio/icio2021_extended.csv");
    flow_mrio *merged = read_ok(path, FLOW_MRIO_ICIO, NULL);
    flow_mrio_options *opts = NULL;
    assert_int_equal(flow_mrio_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_mrio_options_set(opts, "keep_splits", "1"), FLOW_OK);
    flow_mrio *kept = read_ok(path, FLOW_MRIO_ICIO, opts);
    flow_io_model *a = flow_mrio_model(merged), *b = flow_mrio_model(kept);
    assert_int_equal(flow_test_io_region_count(a), 5);
    assert_int_equal(flow_test_io_region_count(b), 9);
    assert_int_equal(flow_test_io_final_demand_count(a), 30);
    double sum = z_at(b, "CN1", "19", "RUS", "05T06") + z_at(b, "CN2", "19", "RUS", "05T06") +
                 z_at(b, "CHN", "19", "RUS", "05T06");
    assert_close(z_at(a, "CHN", "19", "RUS", "05T06"), sum, 1e-13);
    double col = z_at(b, "RUS", "19", "MX1", "35") + z_at(b, "RUS", "19", "MX2", "35") +
                 z_at(b, "RUS", "19", "MEX", "35");
    assert_close(z_at(a, "RUS", "19", "MEX", "35"), col, 1e-13);
    /* Totals agree and the summary says so. */
    assert_non_null(strstr(flow_mrio_summary(merged), "split regions merged: 16"));
    assert_non_null(strstr(flow_mrio_summary(merged), "0 sectors above"));
    const flow_read_report *r = flow_mrio_report(merged);
    assert_int_equal(flow_test_report_rows(r), 39);
    assert_int_equal(flow_test_report_accepted(r), 39);
    flow_mrio_free(merged);
    flow_mrio_free(kept);
    flow_mrio_options_free(opts);
}

static void same_blocks(flow_mrio *a, flow_mrio *b)
{
    for (int block = 0; block < FLOW_MRIO_BLOCK_COUNT; block++) {
        flow_table *ta = NULL, *tb = NULL;
        assert_int_equal(flow_mrio_block_table(&ta, a, block), FLOW_OK);
        assert_int_equal(flow_mrio_block_table(&tb, b, block), FLOW_OK);
        int64_t cells = flow_table_rows(ta) * flow_table_cols(ta);
        assert_int_equal(cells, flow_table_rows(tb) * flow_table_cols(tb));
        for (int64_t i = 0; i < cells; i++) {
            double x = flow_table_values(ta)[i], y = flow_table_values(tb)[i];
            assert_true(x == y || (isnan(x) && isnan(y)));
        }
        flow_table_free(ta);
        flow_table_free(tb);
    }
}

static void compressed_inputs(void **state)
{
    (void)state;
    char plain[4096];
    snprintf(plain, sizeof plain, "%s", flow_test_data_file("mrio/icio2023_small.csv"));
    flow_mrio *a = read_ok(plain, FLOW_MRIO_ICIO, NULL);
    flow_mrio *b = read_ok(flow_test_data_file("mrio/icio2023_small.csv.gz"), FLOW_MRIO_ICIO, NULL);
    same_blocks(a, b);
    flow_mrio_free(a);
    flow_mrio_free(b);
    snprintf(plain, sizeof plain, "%s", flow_test_data_file("mrio/IOT_2022_ixi"));
    a = read_ok(plain, FLOW_MRIO_EXIOBASE, NULL);
    b = read_ok(flow_test_data_file("mrio/IOT_2022_ixi.zip"), FLOW_MRIO_EXIOBASE, NULL);
    same_blocks(a, b);
    assert_int_equal(flow_mrio_extension_count(b), 1);
    const char *name = NULL;
    const flow_table *f = NULL, *fy = NULL;
    assert_int_equal(flow_mrio_extension(b, 0, &name, &f, &fy), FLOW_OK);
    assert_string_equal(name, "satellite");
    assert_int_equal(flow_table_rows(f), 2);
    assert_int_equal(flow_table_cols(fy), 28);
    flow_mrio_free(a);
    flow_mrio_free(b);
}

static void figaro_and_pymrio(void **state)
{
    (void)state;
    flow_mrio *f =
        read_ok(flow_test_data_file("mrio/figaro_ind_by_ind.csv"), FLOW_MRIO_FIGARO, NULL);
    flow_io_model *m = flow_mrio_model(f);
    assert_int_equal(flow_test_io_region_count(m), 5);
    assert_string_equal(flow_test_io_region_code(m, 4), "FIGW1");
    assert_true(find_fd(m, "AT", "P3_S14") >= 0);
    assert_int_equal(flow_io_model_factor(m), FLOW_OK);
    flow_mrio_free(f);
    const char *path = flow_test_shared_file("pymrio-test-mrio/original");
    if (path == NULL)
        skip();
    flow_mrio *p = read_ok(path, FLOW_MRIO_PYMRIO, NULL);
    m = flow_mrio_model(p);
    assert_int_equal(flow_test_io_order(m), 48);
    assert_int_equal(flow_test_io_final_demand_count(m), 42);
    assert_close(z_at(m, "reg1", "food", "reg1", "food"), 23697.221, 1e-12);
    int64_t e = -1;
    assert_int_equal(flow_mrio_find_extension(p, "emissions", &e), FLOW_OK);
    flow_mrio_free(p);
}

static void errors_name_file_line_column(void **state)
{
    (void)state;
    const char *path = flow_test_write_temp(
        "bad_icio.csv", ",AUS_A01,AUS_C19,AUS_HFCE,OUT\nAUS_A01,1,2,3,6\nAUS_C19,1,abc,3,6\n");
    flow_mrio *m = (flow_mrio *)1;
    assert_int_equal(flow_mrio_read(&m, path, FLOW_MRIO_ICIO, NULL), FLOW_ERR_VALUE);
    assert_null(m);
    assert_non_null(strstr(flow_last_error(), "line 3, column \"AUS_C19\": 'abc'"));
    path = flow_test_write_temp("ragged.csv",
                                ",AUS_A01,DEU_A01,AUS_HFCE\nAUS_A01,1,2,3\nDEU_A01,1,2\n");
    assert_int_equal(flow_mrio_read(&m, path, FLOW_MRIO_ICIO, NULL), FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "line 3"));
    path =
        flow_test_write_temp("holes.csv", ",AUS_A01,DEU_B,AUS_HFCE\nAUS_A01,1,2,3\nDEU_B,1,2,3\n");
    assert_int_equal(flow_mrio_read(&m, path, FLOW_MRIO_ICIO, NULL), FLOW_ERR_DIMENSION);
    assert_non_null(strstr(flow_last_error(), "region AUS has no sector B"));
    assert_int_equal(flow_mrio_read(&m, "/nonexistent/icio.csv", FLOW_MRIO_ICIO, NULL),
                     FLOW_ERR_IO);
    assert_int_equal(flow_mrio_read(&m, "/nonexistent", FLOW_MRIO_EXIOBASE, NULL), FLOW_ERR_IO);
    int format = -1;
    assert_int_equal(flow_mrio_format_from_name("figaro", &format), FLOW_OK);
    assert_int_equal(format, FLOW_MRIO_FIGARO);
    assert_int_equal(flow_mrio_format_from_name("wiod", &format), FLOW_ERR_INVALID_ARG);
}

/* Aggregation through CSV concordances keeps totals; bad concordances name file and line. */
static void aggregation_from_csv(void **state)
{
    (void)state;
    flow_mrio *m = read_ok(flow_test_data_file("mrio/icio2023_small.csv"), FLOW_MRIO_ICIO, NULL);
    char sectors[4096];
    snprintf(sectors, sizeof sectors, "%s", flow_test_data_file("mrio/icio2023_sector_groups.csv"));
    const char *regions = flow_test_write_temp("regions.csv", "region,group\nDEU,EU\n*,OTHER\n");
    flow_mrio *agg = NULL;
    assert_int_equal(flow_mrio_aggregate_csv(&agg, m, regions, sectors), FLOW_OK);
    flow_io_model *a = flow_mrio_model(m), *b = flow_mrio_model(agg);
    assert_int_equal(flow_test_io_region_count(b), 2);
    assert_int_equal(flow_test_io_sector_count(b), 2);
    assert_string_equal(flow_test_io_region_code(b, 0), "OTHER");
    assert_string_equal(flow_test_io_sector_code(b, 1), "energy");
    double total_a = 0.0, total_b = 0.0;
    for (int64_t i = 0; i < flow_test_io_order(a); i++)
        total_a += flow_test_io_view(a, FLOW_IO_OUTPUT)[i];
    for (int64_t i = 0; i < flow_test_io_order(b); i++)
        total_b += flow_test_io_view(b, FLOW_IO_OUTPUT)[i];
    assert_close(total_b, total_a, 1e-13);
    /* DEU/energy = DEU/B05_06 + DEU/C19 + DEU/D, bought by DEU/agriculture. */
    double want = z_at(a, "DEU", "B05_06", "DEU", "A01_02") +
                  z_at(a, "DEU", "C19", "DEU", "A01_02") + z_at(a, "DEU", "D", "DEU", "A01_02");
    assert_close(z_at(b, "EU", "energy", "EU", "agriculture"), want, 1e-13);
    flow_mrio_free(agg);
    const char *bad = flow_test_write_temp("bad_regions.csv", "region,group\nDEU,EU\nFRA,EU\n");
    assert_int_equal(flow_mrio_aggregate_csv(&agg, m, bad, NULL), FLOW_ERR_UNKNOWN_LABEL);
    assert_null(agg);
    assert_non_null(strstr(flow_last_error(), "bad_regions.csv: line 3: region 'FRA' is not in"));
    flow_mrio_free(m);
}

/* The shipped embargo: only Russia's energy rows lose sales directly; messages name the line. */
static void sector_cut_example(void **state)
{
    (void)state;
    flow_mrio *m = read_ok(flow_test_data_file("mrio/icio2023_small.csv"), FLOW_MRIO_ICIO, NULL);
    char path[4096];
    snprintf(path, sizeof path, "%s/data/scenarios/eu_g7_russian_energy.txt",
             getenv("FLOW_SOURCE_DIR") != NULL ? getenv("FLOW_SOURCE_DIR") : "..");
    flow_scenario *cut = NULL;
    flow_table *t = NULL;
    int64_t skipped = -1;
    assert_int_equal(flow_scenario_read(&cut, path), FLOW_OK);
    assert_int_equal(flow_scenario_run_io(&t, cut, flow_mrio_model(m), &skipped), FLOW_OK);
    assert_int_equal(skipped, 31);
    int64_t cut_col = -1;
    assert_int_equal(flow_table_find_col(t, "cut", NULL, &cut_col), FLOW_OK);
    for (int64_t i = 0; i < flow_table_rows(t); i++) {
        int energy = strcmp(flow_table_row_group(t, i), "RUS") == 0 &&
                     (strcmp(flow_table_row_label(t, i), "B05_06") == 0 ||
                      strcmp(flow_table_row_label(t, i), "C19") == 0);
        double d = flow_table_values(t)[i * 5 + cut_col];
        assert_true(energy ? d > 0.0 : d == 0.0);
    }
    flow_table_free(t);
    flow_scenario_free(cut);
    assert_int_equal(flow_scenario_parse(&cut, "name x\ncut RUS C19 DEU 1 sideways\n", "s.txt"),
                     FLOW_ERR_PARSE);
    assert_null(cut);
    assert_non_null(strstr(flow_last_error(), "s.txt: line 2: 'sideways' is not"));
    assert_int_equal(flow_scenario_parse(&cut, "cut RUS C99 DEU 1\n", "s.txt"), FLOW_OK);
    assert_int_equal(flow_scenario_run_io(&t, cut, flow_mrio_model(m), NULL),
                     FLOW_ERR_UNKNOWN_LABEL);
    assert_non_null(strstr(flow_last_error(), "s.txt: line 1: 'C99' is neither a sector"));
    flow_scenario_free(cut);
    flow_mrio_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(icio_2016_mock),       cmocka_unit_test(icio_2018_mock),
        cmocka_unit_test(icio_2021_splits),     cmocka_unit_test(compressed_inputs),
        cmocka_unit_test(figaro_and_pymrio),    cmocka_unit_test(errors_name_file_line_column),
        cmocka_unit_test(aggregation_from_csv), cmocka_unit_test(sector_cut_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
