/*
 * test_unit_value_prices.c - flow_unit_value_prices on BACI's layout
 * (tests/data/baci_panel_sample.csv read with the BACI preset: v in thousand
 * USD, stored in USD; q in tonnes), worked out by hand from the file's lines:
 *
 *   2022, 847130: 276->398 900 for 30 t; 276->643 50 with q NA (unmatched);
 *                 398->643 300 for 25 t. Matched 1200 kUSD = 1.2 USD_m for
 *                 55 t: 1.2 / 55 USD_m per t, 21,818.18 USD_m per Mt
 *                 (= USD per tonne); unmatched 0.05 USD_m.
 *   2022, 854231: 276->51 200 for 0.01 t; 276->417 80 with q "abc" (a
 *                 rejected cell, value kept: unmatched); 276->643 100 for
 *                 0.01 t. Matched 0.3 USD_m for 0.02 t = 20 kg: 0.015 USD_m
 *                 per kg; unmatched 0.08 USD_m.
 *
 * The price column then drives a shock report's "prices" option.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static flow_dataset *baci_sample(void)
{
    flow_dataset *ds = NULL;
    flow_read_options *ro = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 6), FLOW_OK);
    assert_int_equal(flow_read_options_new(&ro), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "preset", "baci"), FLOW_OK);
    assert_int_equal(flow_read_options_set(ro, "quantity_layer", "trade_q"), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_data_file("baci_panel_sample.csv"), ro, NULL), FLOW_OK);
    flow_read_options_free(ro);
    return ds;
}

static double cell(const flow_table *t, const char *row, const char *col)
{
    int64_t i = -1, j = -1;
    assert_int_equal(flow_table_find_row(t, row, NULL, &i), FLOW_OK);
    assert_int_equal(flow_table_find_col(t, col, NULL, &j), FLOW_OK);
    return flow_table_values(t)[i * flow_table_cols(t) + j];
}

static void test_prices_by_hand(void **state)
{
    (void)state;
    flow_dataset *ds = baci_sample();
    flow_table *t = NULL;
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade_q", 2022, "Mt"), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 2);
    double year = 0.0;
    assert_int_equal(flow_table_scalar(t, "year", &year), FLOW_OK);
    assert_close(year, 2022.0, 0.0);
    assert_close(cell(t, "847130", "price"), 1.2 / 55e-6, 1e-12);
    assert_close(cell(t, "847130", "value"), 1.2, 1e-12);
    assert_close(cell(t, "847130", "quantity"), 55e-6, 1e-12);
    assert_close(cell(t, "847130", "unmatched_value"), 0.05, 1e-12);
    assert_close(cell(t, "847130", "cells"), 2.0, 0.0);
    assert_close(cell(t, "854231", "cells"), 2.0, 0.0);
    assert_close(cell(t, "854231", "unmatched_value"), 0.08, 1e-12);
    flow_table_free(t);

    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade_q", 2022, "kg"), FLOW_OK);
    assert_close(cell(t, "854231", "price"), 0.015, 1e-12);
    assert_close(cell(t, "854231", "quantity"), 20.0, 1e-12);
    flow_table_free(t);

    /* NULL: per the quantity layer's own unit, tonnes. */
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade_q", 2021, NULL), FLOW_OK);
    /* 2021, 847130: 100 + 500 + 20 kUSD for 10 + 50 + 2 t. */
    assert_close(cell(t, "847130", "price"), 0.62 / 62.0, 1e-12);
    assert_close(cell(t, "847130", "unmatched_value"), 0.0, 0.0);
    flow_table_free(t);
    flow_dataset_free(ds);
}

/* The price column joined as product=price is the shock option "prices". */
static void test_prices_feed_the_shock_option(void **state)
{
    (void)state;
    flow_dataset *ds = baci_sample();
    flow_table *t = NULL;
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade_q", 2022, "t"), FLOW_OK);
    char text[256] = "";
    size_t used = 0;
    for (int64_t r = 0; r < flow_table_rows(t); r++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s=%.17g", r ? "," : "",
                                 flow_table_row_label(t, r), flow_table_values(t)[r * 5]);
    flow_shock_options *so = NULL;
    assert_int_equal(flow_shock_options_new(&so), FLOW_OK);
    assert_int_equal(flow_shock_options_set(so, "prices", text), FLOW_OK);
    flow_shock_options_free(so);
    flow_table_free(t);
    flow_dataset_free(ds);
}

static void test_errors(void **state)
{
    (void)state;
    flow_dataset *ds = baci_sample();
    flow_table *t = (flow_table *)ds;
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade", 2022, NULL),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade_q", 1999, NULL),
                     FLOW_ERR_NOT_FOUND);
    assert_non_null(strstr(flow_last_error(), "trade_q"));
    /* tonnes are not cubic metres */
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade", "trade_q", 2022, "bcm"),
                     FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "bcm"));
    /* the quantity layer is not money */
    assert_int_equal(flow_unit_value_prices(&t, ds, "trade_q", "trade", 2022, NULL),
                     FLOW_ERR_VALUE);
    assert_non_null(strstr(flow_last_error(), "'t'"));
    assert_null(t);
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prices_by_hand),
        cmocka_unit_test(test_prices_feed_the_shock_option),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
