/*
 * test_real_data.c - the readers on real third-party files in ../shared/data
 * (skipped when absent). References are the facts published with the data
 * (each folder's PROVENANCE.md) and accounting identities of the tables:
 *  - BACI crude oil 2021: RUS exports 112.7e9 USD to 43 partners, CHN imports
 *    207.9e9 from 50 partners, CAN->USA the largest flow (78.8e9), world
 *    total about 951e9 USD over 1,445 rows;
 *  - Energy Institute 2022 flows re-summed to the published totals file;
 *  - BIS consolidated claims: JP->US = 1,825,317;
 *  - WIOD China 2014: every domestic row of Z plus final use equals gross
 *    output (to the rounding of whole millions), and the GO row equals the GO
 *    column.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_baci_crude_oil_2021(void **state)
{
    (void)state;
    const char *path = flow_test_shared_file("baci-crude-oil-2021/crude_oil_hs270900_2021.csv");
    if (path == NULL)
        skip();
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    /* QuantEcon's extract: values already in USD, ISO3 codes. */
    assert_int_equal(flow_read_options_set(opts, "origin_column", "location_code"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "destination_column", "partner_code"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "value_column", "export_value"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "product_column", "product_id"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "product_prefixes", "2709"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, path, opts, report), FLOW_OK);
    assert_int_equal(flow_test_report_rows(report), 1445);
    /*
     * 20 rows have an empty exporter or importer: Namibia's ISO code "NA",
     * written by pandas as a missing value. They are reported, not dropped
     * silently, and hold about 2.5% of the world total.
     */
    assert_int_equal(flow_test_report_rejected(report), 20);
    assert_int_equal(flow_test_report_accepted(report), 1425);
    const char *message = NULL;
    assert_int_equal(flow_test_report_kept(report, 0, &message, NULL, NULL, NULL, NULL), FLOW_OK);
    assert_non_null(strstr(message, "line 86, column \"location_code\""));

    flow_table *top = NULL;
    double total = 0, nonzero = 0;
    assert_int_equal(
        flow_dataset_top_partners(&top, ds, "trade", 2021, NULL, "RUS", FLOW_EXPORTS, 3), FLOW_OK);
    flow_table_scalar(top, "total", &total);
    flow_table_scalar(top, "nonzero", &nonzero);
    assert_close(total, 112.7e9, 5e-4);
    assert_close(nonzero, 43, 0);
    assert_string_equal(flow_table_row_label(top, 0), "CHN");
    assert_close(flow_table_values(top)[0], 35.4e9, 2e-3);
    flow_table_free(top);
    assert_int_equal(
        flow_dataset_top_partners(&top, ds, "trade", 2021, NULL, "CHN", FLOW_IMPORTS, 3), FLOW_OK);
    flow_table_scalar(top, "total", &total);
    flow_table_scalar(top, "nonzero", &nonzero);
    assert_close(total, 207.9e9, 5e-4);
    assert_close(nonzero, 50, 0);
    flow_table_free(top);

    /* The largest flow of the matrix is CAN -> USA. */
    const double *v = NULL;
    int64_t n = 0, stride = 0, best_i = 0, best_j = 0;
    double sum = 0;
    assert_int_equal(flow_dataset_matrix_view(ds, "trade", 2021, NULL, &v, &n, &stride), FLOW_OK);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            sum += v[i * stride + j];
            if (v[i * stride + j] > v[best_i * stride + best_j]) {
                best_i = i;
                best_j = j;
            }
        }
    assert_string_equal(flow_labels_code(flow_dataset_economies(ds), best_i), "CAN");
    assert_string_equal(flow_labels_code(flow_dataset_economies(ds), best_j), "USA");
    assert_close(v[best_i * stride + best_j], 78.8e9, 1e-3);
    /* World total about 951e9, less the Namibian rows. */
    assert_true(sum < 951.0e9 && sum > 0.97 * 951.0e9);
    flow_read_report_free(report);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
}

/* One row of the EI published totals file. */
struct ei_total {
    char commodity[64], kind[32], entity[96];
    double value;
};

static struct ei_total *read_ei_totals(const char *path, int *count)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int n = 0;
    struct ei_total *t = calloc(256, sizeof *t);
    assert_non_null(f);
    assert_non_null(t);
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f) != NULL && n < 256) {
        /* year,commodity,unit,kind,entity,value: no quoted fields in this file. */
        char *fields[6];
        char *p = line;
        for (int k = 0; k < 6; k++) {
            fields[k] = p;
            p = strchr(p, ',');
            if (p != NULL)
                *p++ = '\0';
            else
                assert_int_equal(k, 5);
        }
        snprintf(t[n].commodity, sizeof t[n].commodity, "%s", fields[1]);
        snprintf(t[n].kind, sizeof t[n].kind, "%s", fields[3]);
        snprintf(t[n].entity, sizeof t[n].entity, "%s", fields[4]);
        t[n].value = strtod(fields[5], NULL);
        n++;
    }
    fclose(f);
    *count = n;
    return t;
}

static double ei_flow(const flow_dataset *ds, const char *commodity, const char *from,
                      const char *to)
{
    const double *v = NULL;
    int64_t n = 0, stride = 0, o = 0, d = 0;
    assert_int_equal(flow_dataset_matrix_view(ds, "energy", 2022, commodity, &v, &n, &stride),
                     FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), from, &o), FLOW_OK);
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), to, &d), FLOW_OK);
    return v[o * stride + d];
}

static void test_energy_institute_2022(void **state)
{
    (void)state;
    const char *flows =
        flow_test_shared_file("ei-energy-trade-2022/ei_bilateral_energy_flows_2022.csv");
    if (flows == NULL)
        skip();
    char flows_path[4096];
    snprintf(flows_path, sizeof flows_path, "%s", flows);
    const char *totals = flow_test_shared_file("ei-energy-trade-2022/ei_published_totals_2022.csv");
    assert_non_null(totals);
    int ntotals = 0;
    struct ei_total *published = read_ei_totals(totals, &ntotals);
    assert_int_equal(ntotals, 182);

    /* EI names are not ISO codes: start from an empty axis and accept them as labels. */
    flow_labels *names = NULL;
    flow_dataset *ds = NULL;
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    assert_int_equal(flow_labels_new(&names), FLOW_OK);
    assert_int_equal(flow_labels_add(names, "Russia", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add_alias(names, "Russian Federation", "Russia"), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, names), FLOW_OK);
    flow_labels_free(names);
    assert_int_equal(flow_dataset_set_product_digits(ds, 1000), FLOW_OK);
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "origin_column", "exporter"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "destination_column", "importer"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "product_column", "commodity"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "default_layer", "energy"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "unknown_codes", "add"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "strict", "1"), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, flows_path, opts, report), FLOW_OK);
    assert_int_equal(flow_test_report_rows(report), 1730);
    assert_int_equal(flow_test_report_accepted(report), 1730);
    assert_int_equal(flow_dataset_matrix_count(ds), 4);
    assert_string_equal(flow_dataset_matrix_unit(ds, "energy", 2022, "natural gas (LNG)"), "bcm");

    int64_t n = flow_dataset_economy_count(ds);
    double *ex = calloc((size_t)n, sizeof *ex), *im = calloc((size_t)n, sizeof *im);
    int checked = 0;
    for (int k = 0; k < ntotals; k++) {
        const struct ei_total *t = &published[k];
        double got = 0;
        int64_t index = 0;
        if (strcmp(t->kind, "imports_of_group") == 0)
            continue; /* regional subtotals of the source sheets, not flows */
        assert_int_equal(flow_dataset_totals(ds, "energy", 2022, t->commodity, ex, im, NULL, n),
                         FLOW_OK);
        if (strcmp(t->kind, "world") == 0) {
            for (int64_t i = 0; i < n; i++)
                got += ex[i];
        } else {
            if (flow_labels_find(flow_dataset_economies(ds), t->entity, &index) != FLOW_OK)
                fail_msg("published entity '%s' not in the flows", t->entity);
            got = strcmp(t->kind, "exports_of") == 0 ? ex[index] : im[index];
        }
        assert_close(got, t->value, 1e-9);
        checked++;
    }
    assert_int_equal(checked, 170);
    /* Facts quoted with the data (Mt and bcm). The oil sheets say "Russia", the gas
       sheets "Russian Federation": one alias makes them one economy. */
    assert_close(ei_flow(ds, "crude oil", "Russia", "China"), 86.24, 1e-4);
    assert_close(ei_flow(ds, "natural gas (pipeline)", "Russia", "EU"), 61.48, 1e-4);
    assert_close(ei_flow(ds, "natural gas (pipeline)", "Russian Federation", "China"), 14.67, 1e-3);
    assert_close(ei_flow(ds, "natural gas (pipeline)", "Russia", "Belarus"), 18.48, 1e-3);
    free(ex);
    free(im);
    free(published);
    flow_read_report_free(report);
    flow_read_options_free(opts);
    flow_dataset_free(ds);
}

static void test_bis_claims_wide(void **state)
{
    (void)state;
    const char *path =
        flow_test_shared_file("bis-cbs-claims-2022q4/bis_cbs_foreign_claims_2022q4.csv");
    if (path == NULL)
        skip();
    flow_table *t = NULL;
    int64_t jp = 0, us = 0;
    assert_int_equal(flow_table_read_csv(&t, path, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 16);
    assert_int_equal(flow_table_cols(t), 16);
    assert_int_equal(flow_table_find_row(t, "JP", NULL, &jp), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "US", NULL, &us), FLOW_OK);
    assert_close(flow_table_values(t)[jp * 16 + us], 1825317.0, 1e-6);
    /* Rows and columns carry the same 16 codes in the same order; the diagonal is 0. */
    for (int64_t i = 0; i < 16; i++) {
        assert_string_equal(flow_table_row_label(t, i), flow_table_col_label(t, i));
        assert_close(flow_table_values(t)[i * 16 + i], 0.0, 0);
    }
    flow_table_free(t);
}

static void test_wiod_china_2014(void **state)
{
    (void)state;
    const char *path = flow_test_shared_file("wiod-niot-2016/CHN_NIOT_nov16.csv");
    if (path == NULL)
        skip();
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    flow_table *t = NULL, *z = NULL, *y = NULL, *v = NULL;
    int64_t first = -1, last = -1, cons = -1, exp = -1, go_col = -1, va = -1, go_row = -1;
    assert_int_equal(flow_read_options_new(&opts), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    /* Year;Code;Description;Origin; then 56 industries, 6 final uses, GO. */
    assert_int_equal(flow_test_wide_layout(opts, 2, 4, 0, -1, 1, 3), FLOW_OK);
    assert_int_equal(flow_test_read_set(opts, "wide_row_filter_column", "%d", 0), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "wide_row_filter_value", "2014"), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "thousands", " "), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "decimal", "."), FLOW_OK);
    assert_int_equal(flow_read_options_set(opts, "allow_negative", "1"), FLOW_OK); /* INVEN */
    assert_int_equal(flow_read_options_set(opts, "strict", "1"), FLOW_OK);
    assert_int_equal(flow_table_read_csv(&t, path, opts, report), FLOW_OK);
    /* 15 years x 120 rows; 14 years filtered. */
    assert_int_equal(flow_table_rows(t), 120);
    assert_int_equal(flow_table_cols(t), 63);
    assert_int_equal(flow_test_report_filtered(report), 14 * 120);
    assert_int_equal(flow_table_find_row(t, "A01", "Domestic", &first), FLOW_OK);
    assert_int_equal(flow_table_find_row(t, "U", "Domestic", &last), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "CONS_h", NULL, &cons), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "EXP", NULL, &exp), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, "GO", NULL, &go_col), FLOW_OK);
    assert_int_equal(flow_table_find_row(t, "VA", "TOT", &va), FLOW_OK);
    assert_int_equal(flow_table_find_row(t, "GO", "TOT", &go_row), FLOW_OK);
    int64_t ns = last - first + 1;
    assert_int_equal(ns, 56);
    assert_int_equal(cons, 56);
    assert_int_equal(flow_table_slice(&z, t, first, ns, 0, ns), FLOW_OK);
    assert_int_equal(flow_table_slice(&y, t, first, ns, cons, exp - cons + 1), FLOW_OK);
    assert_int_equal(flow_table_slice(&v, t, va, 1, 0, ns), FLOW_OK);
    assert_string_equal(flow_table_col_label(z, 0), "A01");
    assert_string_equal(flow_table_col_label(z, 55), "U");
    assert_string_equal(flow_table_row_label(z, 3), "B");
    assert_int_equal(flow_table_cols(y), 6);
    /* GO of agriculture 2014 as printed in the file: "1 396 917". */
    const double *tv = flow_table_values(t);
    assert_close(tv[go_row * 63 + 0], 1396917.0, 0);
    assert_close(flow_table_values(v)[0], 839923.0, 0);
    /* Identities: Z row + final use = GO (cells rounded to whole millions:
       62 cells x 0.5); GO row = GO column exactly. */
    for (int64_t i = 0; i < ns; i++) {
        double sum = 0;
        for (int64_t j = 0; j < ns; j++)
            sum += flow_table_values(z)[i * ns + j];
        for (int64_t j = 0; j < 6; j++)
            sum += flow_table_values(y)[i * 6 + j];
        double go = tv[(first + i) * 63 + go_col];
        assert_true(fabs(sum - go) <= 31.0);
        assert_true(tv[go_row * 63 + i] == go);
    }
    flow_table_free(z);
    flow_table_free(y);
    flow_table_free(v);
    flow_table_free(t);
    flow_read_report_free(report);
    flow_read_options_free(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baci_crude_oil_2021),
        cmocka_unit_test(test_energy_institute_2022),
        cmocka_unit_test(test_bis_claims_wide),
        cmocka_unit_test(test_wiod_china_2014),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
