/*
 * test_dataset.c - datasets: matrices by (layer, year, product group), caller
 * buffers and views, totals, top partners, CSV output, aggregation and
 * attributes. Every expected number is worked out by hand in the comments.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A 4-economy axis: CHN, RUS, USA, IND (indices 0..3) plus DEU, FRA. */
static flow_dataset *small(void)
{
    static const char *const codes[] = {"CHN", "RUS", "USA", "IND", "DEU", "FRA"};
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    for (int i = 0; i < 6; i++)
        assert_int_equal(flow_labels_add(labels, codes[i], NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    flow_labels_free(labels);
    return ds;
}

/*
 * Flows of 2021 trade:      CHN  RUS  USA  IND  DEU  FRA
 *                   CHN  [   0    5   50    8    2    0 ]
 *                   RUS  [  30    0    1   12    4    4 ]
 *                   USA  [  15    0    0    3    0    0 ]
 *                   IND  [   8    0    8    0    0    0 ]
 */
static flow_dataset *filled(void)
{
    flow_dataset *ds = small();
    static const struct {
        const char *o, *d;
        double v;
    } flows[] = {{"CHN", "RUS", 5},  {"CHN", "USA", 50}, {"CHN", "IND", 8},  {"CHN", "DEU", 2},
                 {"RUS", "CHN", 30}, {"RUS", "USA", 1},  {"RUS", "IND", 12}, {"RUS", "DEU", 4},
                 {"RUS", "FRA", 4},  {"USA", "CHN", 15}, {"USA", "IND", 3},  {"IND", "CHN", 8},
                 {"IND", "USA", 8}};
    for (size_t i = 0; i < sizeof flows / sizeof flows[0]; i++)
        assert_int_equal(
            flow_dataset_add_flow(ds, "trade", 2021, NULL, flows[i].o, flows[i].d, flows[i].v),
            FLOW_OK);
    return ds;
}

static void test_copy_with_row_stride_and_view(void **state)
{
    (void)state;
    flow_dataset *ds = filled();
    double buf[6 * 8];
    const double *view = NULL;
    int64_t n = 0, stride = 0;
    for (int i = 0; i < 48; i++)
        buf[i] = -1.0;
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, NULL, buf, 48, 8), FLOW_OK);
    assert_close(buf[0 * 8 + 2], 50.0, 0);
    assert_close(buf[1 * 8 + 0], 30.0, 0);
    assert_close(buf[3 * 8 + 2], 8.0, 0);
    assert_close(buf[5 * 8 + 5], 0.0, 0);
    /* The padding between rows is left alone. */
    assert_close(buf[0 * 8 + 6], -1.0, 0);
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, NULL, buf, 45, 8),
                     FLOW_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, NULL, buf, 48, 5),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_dataset_matrix_view(ds, "trade", 2021, "", &view, &n, &stride), FLOW_OK);
    assert_int_equal(n, 6);
    assert_true(stride >= 6);
    assert_close(view[1 * stride + 3], 12.0, 0);
    assert_int_equal(flow_dataset_matrix_view(ds, "trade", 2022, NULL, &view, &n, &stride),
                     FLOW_ERR_NOT_FOUND);
    assert_non_null(strstr(flow_last_error(), "layer 'trade', year 2022"));
    flow_dataset_free(ds);
}

static void test_totals(void **state)
{
    (void)state;
    flow_dataset *ds = filled();
    double ex[6], im[6], net[6];
    assert_int_equal(flow_dataset_totals(ds, "trade", 2021, NULL, ex, im, net, 6), FLOW_OK);
    /* Row sums: CHN 65, RUS 51, USA 18, IND 16; column sums: CHN 53, RUS 5, USA 59, IND 23. */
    const double e[6] = {65, 51, 18, 16, 0, 0}, m[6] = {53, 5, 59, 23, 6, 4};
    for (int i = 0; i < 6; i++) {
        assert_close(ex[i], e[i], 0);
        assert_close(im[i], m[i], 0);
        assert_close(net[i], e[i] - m[i], 0);
    }
    assert_int_equal(flow_dataset_totals(ds, "trade", 2021, NULL, ex, NULL, NULL, 5),
                     FLOW_ERR_BUFFER_TOO_SMALL);
    flow_dataset_free(ds);
}

/* Row r of a top-partners table: its label and value, with the share checked. */
static void check_partner(const flow_table *t, int64_t r, const char *code, double value)
{
    double total = 0.0;
    assert_int_equal(flow_table_scalar(t, "total", &total), FLOW_OK);
    assert_string_equal(flow_table_row_label(t, r), code);
    assert_close(flow_table_values(t)[2 * r], value, 0);
    assert_close(flow_table_values(t)[2 * r + 1], value / total, 1e-15);
}

static void test_top_partners(void **state)
{
    (void)state;
    flow_dataset *ds = filled();
    flow_table *t = NULL;
    double total = 0.0, nonzero = 0.0;
    /* RUS exports: CHN 30, IND 12, DEU 4, FRA 4, USA 1: ties go by index (DEU before FRA). */
    assert_int_equal(flow_dataset_top_partners(&t, ds, "trade", 2021, NULL, "RUS", FLOW_EXPORTS, 3),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    assert_string_equal(flow_table_col_label(t, 0), "value");
    assert_string_equal(flow_table_col_label(t, 1), "share");
    assert_int_equal(flow_table_scalar(t, "total", &total), FLOW_OK);
    assert_int_equal(flow_table_scalar(t, "nonzero", &nonzero), FLOW_OK);
    assert_close(total, 51, 0);
    assert_close(nonzero, 5, 0);
    check_partner(t, 0, "CHN", 30);
    check_partner(t, 1, "IND", 12);
    check_partner(t, 2, "DEU", 4);
    flow_table_free(t);
    /* CHN imports: RUS 30, USA 15, IND 8. */
    assert_int_equal(flow_dataset_top_partners(&t, ds, "trade", 2021, NULL, "CHN", FLOW_IMPORTS, 3),
                     FLOW_OK);
    check_partner(t, 0, "RUS", 30);
    check_partner(t, 1, "USA", 15);
    check_partner(t, 2, "IND", 8);
    assert_int_equal(flow_table_scalar(t, "total", &total), FLOW_OK);
    assert_close(total, 53, 0);
    flow_table_free(t);
    /* Fewer partners than asked: USA imports only from CHN (50), RUS (1), IND (8). */
    assert_int_equal(flow_dataset_top_partners(&t, ds, "trade", 2021, NULL, "USA", FLOW_IMPORTS, 6),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(t), 3);
    check_partner(t, 0, "CHN", 50);
    check_partner(t, 1, "IND", 8);
    check_partner(t, 2, "RUS", 1);
    flow_table_free(t);
    t = (flow_table *)&total; /* a failure must clear *out */
    assert_int_equal(flow_dataset_top_partners(&t, ds, "trade", 2021, NULL, "XYZ", FLOW_IMPORTS, 3),
                     FLOW_ERR_UNKNOWN_LABEL);
    assert_null(t);
    assert_int_equal(flow_dataset_top_partners(&t, ds, "trade", 2021, NULL, "CHN", 7, 3),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    flow_dataset_free(ds);
}

static void test_write_matrix_csv_round_trips(void **state)
{
    (void)state;
    flow_dataset *ds = filled();
    flow_table *t = NULL;
    const char *path = flow_test_write_temp("written.csv", "");
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, NULL, "IND", "FRA", 0.1), FLOW_OK);
    assert_int_equal(flow_dataset_write_matrix_csv(ds, "trade", 2021, NULL, path), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, path, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 6);
    assert_int_equal(flow_table_cols(t), 6);
    assert_string_equal(flow_table_col_label(t, 1), "RUS");
    assert_string_equal(flow_table_row_label(t, 3), "IND");
    /* 17 significant digits give back the same double. */
    assert_true(flow_table_values(t)[3 * 6 + 5] == 0.1);
    assert_true(flow_table_values(t)[0 * 6 + 2] == 50.0);
    flow_table_free(t);
    assert_int_equal(flow_dataset_write_matrix_csv(ds, "trade", 2021, NULL, "/nonexistent/x.csv"),
                     FLOW_ERR_IO);
    flow_dataset_free(ds);
}

static void test_product_groups(void **state)
{
    (void)state;
    flow_dataset *ds = small();
    const char *layer = NULL, *product = NULL;
    int64_t year = 0;
    double m[36];
    /* HS chapters: 270900 and 271000 share chapter 27; 854231 is chapter 85. */
    assert_int_equal(flow_dataset_set_product_digits(ds, 2), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, "270900", "RUS", "CHN", 10), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, "271000", "RUS", "CHN", 5), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, "854231", "CHN", "RUS", 7), FLOW_OK);
    assert_int_equal(flow_dataset_matrix_count(ds), 2);
    assert_int_equal(flow_dataset_matrix_key(ds, 1, &layer, &year, &product), FLOW_OK);
    assert_string_equal(product, "85");
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, "27", m, 36, 6), FLOW_OK);
    assert_close(m[1 * 6 + 0], 15, 0);
    /* Grouping is fixed once flows exist. */
    assert_int_equal(flow_dataset_add_product_group(ds, "27", "energy"), FLOW_ERR_STATE);
    flow_dataset_free(ds);
    /* Prefix groups: longest prefix wins, the rest is "other". */
    ds = small();
    assert_int_equal(flow_dataset_add_product_group(ds, "27", "fuels"), FLOW_OK);
    assert_int_equal(flow_dataset_add_product_group(ds, "2711", "gas"), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, "271111", "RUS", "CHN", 1), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, "270900", "RUS", "CHN", 2), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, "8703", "RUS", "CHN", 4), FLOW_OK);
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, "gas", m, 36, 6), FLOW_OK);
    assert_close(m[6], 1, 0);
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, "fuels", m, 36, 6), FLOW_OK);
    assert_close(m[6], 2, 0);
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, "other", m, 36, 6), FLOW_OK);
    assert_close(m[6], 4, 0);
    flow_dataset_free(ds);
}

static void test_economies_grow_with_matrices(void **state)
{
    (void)state;
    flow_dataset *ds = filled();
    double m[40 * 40];
    int64_t index = 0;
    /* Enough new economies to outgrow the initial capacity of 16. */
    for (int i = 0; i < 30; i++) {
        char code[8];
        snprintf(code, sizeof code, "X%02d", i);
        assert_int_equal(flow_dataset_add_economy(ds, code, NULL, &index), FLOW_OK);
    }
    assert_int_equal(flow_dataset_economy_count(ds), 36);
    assert_int_equal(index, 35);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, NULL, "X29", "CHN", 9), FLOW_OK);
    assert_int_equal(flow_dataset_matrix_copy(ds, "trade", 2021, NULL, m, 36 * 36, 36), FLOW_OK);
    assert_close(m[0 * 36 + 2], 50, 0); /* CHN -> USA kept */
    assert_close(m[1 * 36 + 5], 4, 0);  /* RUS -> FRA kept */
    assert_close(m[35 * 36 + 0], 9, 0);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, NULL, "CHN", "USA", NAN),
                     FLOW_ERR_VALUE);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, NULL, "ZZZ", "USA", 1),
                     FLOW_ERR_UNKNOWN_LABEL);
    flow_dataset_free(ds);
}

static void test_aggregate_eu(void **state)
{
    (void)state;
    flow_dataset *ds = filled();
    flow_dataset *agg_ds = NULL;
    flow_aggregation *agg = NULL;
    double m[25], ex[5], im[5];
    int64_t eu = 0;
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2021, NULL, "DEU", "FRA", 6), FLOW_OK);
    assert_int_equal(flow_aggregation_new(&agg), FLOW_OK);
    assert_int_equal(flow_aggregation_add(agg, "DEU", "EU"), FLOW_OK);
    assert_int_equal(flow_aggregation_add(agg, "FRA", "EU"), FLOW_OK);
    assert_int_equal(flow_dataset_aggregate(&agg_ds, ds, agg), FLOW_OK);
    assert_int_equal(flow_dataset_economy_count(agg_ds), 5);
    assert_int_equal(flow_labels_find(flow_dataset_economies(agg_ds), "EU", &eu), FLOW_OK);
    assert_int_equal(eu, 4);
    assert_int_equal(flow_dataset_matrix_copy(agg_ds, "trade", 2021, NULL, m, 25, 5), FLOW_OK);
    /* RUS -> EU = 4 + 4; CHN -> EU = 2; DEU -> FRA becomes EU's diagonal 6. */
    assert_close(m[1 * 5 + 4], 8, 0);
    assert_close(m[0 * 5 + 4], 2, 0);
    assert_close(m[4 * 5 + 4], 6, 0);
    /* Totals are preserved: row sums 65 + 51 + 18 + 16 + 6 (DEU) = 156. */
    assert_int_equal(flow_dataset_totals(agg_ds, "trade", 2021, NULL, ex, im, NULL, 5), FLOW_OK);
    double sum = 0;
    for (int i = 0; i < 5; i++)
        sum += ex[i];
    assert_close(sum, 156, 0);
    assert_close(im[4], 16, 0);
    flow_dataset_free(agg_ds);
    flow_aggregation_free(agg);
    flow_dataset_free(ds);
}

static void test_attributes(void **state)
{
    (void)state;
    flow_dataset *ds = NULL;
    double gdp[250], pop[250]; /* the default axis: ISO 3166-1 and ROW */
    int64_t chn = 0, rus = 0, deu = 0;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    const char *path = flow_test_data_file("attributes.csv");
    assert_int_equal(flow_dataset_read_attributes(ds, path, "code", 0), FLOW_OK);
    /* name and group hold text: only the two numeric columns become attributes. */
    assert_int_equal(flow_test_attribute_count(ds), 2);
    assert_string_equal(flow_test_attribute_name(ds, 0), "gdp_usd_bn");
    assert_int_equal(flow_test_attribute(ds, "gdp_usd_bn", gdp, 250), FLOW_OK);
    assert_int_equal(flow_test_attribute(ds, "population_m", pop, 250), FLOW_OK);
    flow_labels_find(flow_dataset_economies(ds), "CHN", &chn);
    flow_labels_find(flow_dataset_economies(ds), "RUS", &rus);
    flow_labels_find(flow_dataset_economies(ds), "DEU", &deu);
    assert_close(gdp[chn], 17900, 0);
    assert_close(gdp[rus], 2270, 0);
    assert_true(isnan(pop[rus])); /* empty field */
    assert_true(isnan(gdp[deu])); /* not in the file */
    assert_int_equal(flow_test_attribute(ds, "gdp", gdp, 250), FLOW_ERR_NOT_FOUND);
    assert_int_equal(flow_test_attribute(ds, "gdp_usd_bn", gdp, 10), FLOW_ERR_BUFFER_TOO_SMALL);
    const char *bad = flow_test_write_temp("attr.csv", "code,gdp\nCHN,1\nEUR,2\n");
    assert_int_equal(flow_dataset_read_attributes(ds, bad, "code", 0), FLOW_ERR_UNKNOWN_LABEL);
    assert_non_null(strstr(flow_last_error(), "line 3"));
    assert_non_null(strstr(flow_last_error(), "'EUR'"));
    assert_int_equal(flow_dataset_read_attributes(ds, bad, "iso", 0), FLOW_ERR_MISSING_COLUMN);
    bad = flow_test_write_temp("attr.csv", "code,gdp\nCHN,1\nEUR,2\n");
    assert_int_equal(flow_dataset_read_attributes(ds, bad, "code", 1), FLOW_OK);
    assert_int_equal(flow_dataset_economy_count(ds), 251); /* ISO 3166-1, ROW and EUR */
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_with_row_stride_and_view),
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_top_partners),
        cmocka_unit_test(test_write_matrix_csv_round_trips),
        cmocka_unit_test(test_product_groups),
        cmocka_unit_test(test_economies_grow_with_matrices),
        cmocka_unit_test(test_aggregate_eu),
        cmocka_unit_test(test_attributes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
