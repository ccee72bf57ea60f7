/*
 * test_unit_values.c - flow_unit_values on a small dataset whose prices are
 * known: value and quantity layers of crude oil, two years, a partner with a
 * value but no quantity, and the importer's view.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <string.h>

static flow_dataset *oil_dataset(void)
{
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 16), FLOW_OK); /* codes apart */
    /* 2021: CHN pays 500 per tonne, IND 480; 2023: CHN 566, IND 525.6, and a
     * value to TUR that has no quantity. Another product and a third layer
     * that must not leak in. */
    static const struct {
        const char *layer, *origin, *destination, *product;
        int64_t year;
        double value;
    } flows[] = {
        {"value", "RUS", "CHN", "crude", 2021, 35000.0},
        {"quantity", "RUS", "CHN", "crude", 2021, 70.0},
        {"value", "RUS", "IND", "crude", 2021, 960.0},
        {"quantity", "RUS", "IND", "crude", 2021, 2.0},
        {"value", "RUS", "CHN", "crude", 2023, 60562.0},
        {"quantity", "RUS", "CHN", "crude", 2023, 107.0},
        {"value", "RUS", "IND", "crude", 2023, 36792.0},
        {"quantity", "RUS", "IND", "crude", 2023, 70.0},
        {"value", "RUS", "TUR", "crude", 2023, 5000.0},
        {"value", "IRQ", "IND", "crude", 2023, 33000.0},
        {"quantity", "IRQ", "IND", "crude", 2023, 55.0},
        {"value", "RUS", "CHN", "gas", 2023, 1.0},
        {"quantity", "RUS", "CHN", "gas", 2023, 1.0},
        {"value", "RUS", "CHN", "crude", 2022, 1.0},
        {"volume", "RUS", "CHN", "crude", 2022, 1.0},
    };
    for (size_t k = 0; k < sizeof flows / sizeof flows[0]; k++)
        assert_int_equal(flow_dataset_add_flow(ds, flows[k].layer, flows[k].year, flows[k].product,
                                               flows[k].origin, flows[k].destination,
                                               flows[k].value),
                         FLOW_OK);
    return ds;
}

static void test_exports_by_year_and_value(void **state)
{
    (void)state;
    flow_dataset *ds = oil_dataset();
    flow_table *t = NULL;
    assert_int_equal(flow_unit_values(&t, ds, "value", "quantity", "crude", "RUS", FLOW_EXPORTS),
                     FLOW_OK);
    /* 2022 has no quantity layer: two years, 2 + 3 rows. */
    assert_int_equal(flow_table_rows(t), 5);
    assert_int_equal(flow_table_cols(t), 4);
    double years = 0.0;
    assert_int_equal(flow_table_scalar(t, "years", &years), FLOW_OK);
    assert_close(years, 2.0, 0.0);
    static const char *const partner[] = {"CHN", "IND", "CHN", "IND", "TUR"};
    static const char *const group[] = {"2021", "2021", "2023", "2023", "2023"};
    static const double price[] = {500.0, 480.0, 566.0, 525.6, NAN};
    const double *v = flow_table_values(t);
    for (int64_t r = 0; r < 5; r++) {
        assert_string_equal(flow_table_row_label(t, r), partner[r]);
        assert_string_equal(flow_table_row_group(t, r), group[r]);
        assert_close(v[r * 4], r < 2 ? 2021.0 : 2023.0, 0.0);
        if (isnan(price[r]))
            assert_true(isnan(v[r * 4 + 3]) && v[r * 4 + 2] == 0.0 && v[r * 4 + 1] == 5000.0);
        else
            assert_close(v[r * 4 + 3], price[r], 1e-12);
    }
    assert_string_equal(flow_table_col_label(t, 3), "unit_value");
    flow_table_free(t);
    flow_dataset_free(ds);
}

static void test_imports_compare_suppliers_at_one_border(void **state)
{
    (void)state;
    flow_dataset *ds = oil_dataset();
    flow_table *t = NULL;
    assert_int_equal(flow_unit_values(&t, ds, "value", "quantity", "crude", "IND", FLOW_IMPORTS),
                     FLOW_OK);
    /* 2021: RUS; 2023: RUS (36,792) before IRQ (33,000). */
    assert_int_equal(flow_table_rows(t), 3);
    assert_string_equal(flow_table_row_label(t, 1), "RUS");
    assert_string_equal(flow_table_row_label(t, 2), "IRQ");
    assert_close(flow_table_values(t)[2 * 4 + 3], 600.0, 1e-12);
    flow_table_free(t);
    flow_dataset_free(ds);
}

static void test_errors(void **state)
{
    (void)state;
    flow_dataset *ds = oil_dataset();
    flow_table *t = (flow_table *)ds;
    assert_int_equal(flow_unit_values(&t, ds, "value", "value", "crude", "RUS", FLOW_EXPORTS),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_unit_values(&t, ds, "value", "quantity", "crude", "RUS", FLOW_BOTH),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_unit_values(&t, ds, "value", "quantity", "crude", "XXX", FLOW_EXPORTS),
                     FLOW_ERR_UNKNOWN_LABEL);
    assert_int_equal(flow_unit_values(&t, ds, "value", "volume", "gas", "RUS", FLOW_EXPORTS),
                     FLOW_ERR_NOT_FOUND);
    assert_non_null(strstr(flow_last_error(), "volume"));
    assert_null(t);
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exports_by_year_and_value),
        cmocka_unit_test(test_imports_compare_suppliers_at_one_border),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
