/*
 * test_shock_prices.c - physical energy valued by prices per product in a
 * shock report: a priced system must give the report of the same flows
 * stated in money (price x volume, unit USD_m) in an independently written
 * dataset, and hand-computed sizes, cuts and reroutes.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Crude oil in Mt: RUS -> DEU 10, RUS -> CHN 20, DEU -> CHN 2, CHN -> DEU 4;
 * natural gas in bcm: RUS -> DEU 5. GDP (USD bn): RUS 2000, DEU 4000, CHN 18000.
 */
static const char *physical_csv = "origin,destination,value,year,layer,product,unit\n"
                                  "RUS,DEU,10,2022,energy,crude_oil,Mt\n"
                                  "RUS,CHN,20,2022,energy,crude_oil,Mt\n"
                                  "DEU,CHN,2,2022,energy,crude_oil,Mt\n"
                                  "CHN,DEU,4,2022,energy,crude_oil,Mt\n"
                                  "RUS,DEU,5,2022,energy,natural_gas,bcm\n";

/* The same flows at 520 USD/t (USD_m per Mt) and 250 USD per 1000 m3 (USD_m per bcm). */
static const char *money_csv = "origin,destination,value,year,layer,product,unit\n"
                               "RUS,DEU,5200,2022,energy,crude_oil,USD_m\n"
                               "RUS,CHN,10400,2022,energy,crude_oil,USD_m\n"
                               "DEU,CHN,1040,2022,energy,crude_oil,USD_m\n"
                               "CHN,DEU,2080,2022,energy,crude_oil,USD_m\n"
                               "RUS,DEU,1250,2022,energy,natural_gas,USD_m\n";

static const char *attributes_csv = "code,gdp\nRUS,2000\nDEU,4000\nCHN,18000\n";

static flow_dataset *dataset(const char *name, const char *csv)
{
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 100), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, flow_test_write_temp(name, csv), NULL, NULL),
                     FLOW_OK);
    assert_int_equal(flow_dataset_read_attributes(
                         ds, flow_test_write_temp("prices_gdp.csv", attributes_csv), "code", 0),
                     FLOW_OK);
    return ds;
}

typedef struct report {
    flow_table *economies, *systems;
} report;

static void run(report *r, const flow_dataset *ds, const char *scenario, const char *prices,
                int by_product)
{
    flow_scenario *s = NULL;
    flow_shock_options *o = NULL;
    assert_int_equal(flow_scenario_parse(&s, scenario, NULL), FLOW_OK);
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "size_attribute", "gdp"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "by_product", by_product ? "1" : "0"), FLOW_OK);
    if (prices != NULL)
        assert_int_equal(flow_shock_options_set(o, "prices", prices), FLOW_OK);
    assert_int_equal(flow_shock_report_new(&r->economies, &r->systems, ds, 2022, s, o), FLOW_OK);
    flow_shock_options_free(o);
    flow_scenario_free(s);
}

static void report_free(report *r)
{
    flow_table_free(r->economies);
    flow_table_free(r->systems);
}

static double cell(const flow_table *t, int64_t row, const char *column)
{
    int64_t col = -1;
    assert_int_equal(flow_table_find_col(t, column, NULL, &col), FLOW_OK);
    return flow_table_values(t)[row * flow_table_cols(t) + col];
}

/* Economy e's quantity in system 0 (the economies table holds one system here). */
static double economy(const report *r, const flow_dataset *ds, const char *code, const char *column)
{
    int64_t e = -1;
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), code, &e), FLOW_OK);
    return cell(r->economies, e, column);
}

/* Every value of a and b agrees (relative 1e-12; NaN where the other is NaN). */
static void assert_same_values(const flow_table *a, const flow_table *b, int64_t cols)
{
    assert_int_equal(flow_table_rows(a), flow_table_rows(b));
    for (int64_t i = 0; i < flow_table_rows(a); i++)
        for (int64_t q = 0; q < cols; q++) {
            double x = flow_table_values(a)[i * flow_table_cols(a) + q];
            double y = flow_table_values(b)[i * flow_table_cols(b) + q];
            if (isnan(x) || isnan(y)) {
                assert_true(isnan(x) && isnan(y));
                continue;
            }
            assert_true(fabs(x - y) <= 1e-12 * fmax(1.0, fabs(y)));
        }
}

static const char *const embargo = "sanctioning DEU\ntarget RUS\ndirection imports\n"
                                   "cut energy * 1\n";

/*
 * Priced, crude and gas join one USD_m system: RUS -> DEU 5200 + 1250 = 6450,
 * RUS -> CHN 10400, DEU -> CHN 1040, CHN -> DEU 2080. Sizes GDP (x 1000,
 * USD bn -> USD_m) + imports: RUS 2e6, DEU 4e6 + 8530, CHN 18e6 + 11440.
 * DEU stops buying from RUS: cut 6450; nobody sells to RUS, so its demand
 * loss is the cut itself.
 */
static void test_priced_equals_money(void **state)
{
    (void)state;
    flow_dataset *physical = dataset("prices_physical.csv", physical_csv);
    flow_dataset *money = dataset("prices_money.csv", money_csv);
    report p = {0}, m = {0};
    run(&p, physical, embargo, "crude_oil=520,natural_gas=250,coal=90", 0);
    run(&m, money, embargo, NULL, 0);
    assert_int_equal(flow_table_rows(p.systems), 1);
    assert_string_equal(flow_table_row_label(p.systems, 0), "energy:*");
    assert_string_equal(flow_table_row_group(p.systems, 0), "USD_m");
    assert_string_equal(flow_table_row_group(m.systems, 0), "USD_m");
    assert_close(cell(p.systems, 0, "cut"), 6450, 1e-15);
    assert_close(cell(p.systems, 0, "value_units"), 1, 0);
    assert_close(cell(p.systems, 0, "price"), (36.0 * 520 + 5 * 250) / 41.0, 1e-15);
    assert_true(isnan(cell(m.systems, 0, "price")));
    assert_close(economy(&p, physical, "RUS", "size"), 2e6, 1e-15);
    assert_close(economy(&p, physical, "DEU", "size"), 4e6 + 8530, 1e-15);
    assert_close(economy(&p, physical, "CHN", "size"), 18e6 + 11440, 1e-15);
    assert_close(economy(&p, physical, "RUS", "demand_total"), 6450, 1e-12);
    /* Every quantity of every economy, and the cut, rerouted and lost. */
    assert_same_values(p.economies, m.economies, flow_table_cols(m.economies));
    assert_same_values(p.systems, m.systems, 6);
    report_free(&p);
    /* Gas unpriced: it stays a bcm system of volumes beside the priced crude. */
    run(&p, physical, embargo, "crude_oil=520", 0);
    assert_int_equal(flow_table_rows(p.systems), 2);
    for (int64_t i = 0; i < 2; i++) {
        int gas = strcmp(flow_table_row_group(p.systems, i), "bcm") == 0;
        assert_string_equal(flow_table_row_group(p.systems, i), gas ? "bcm" : "USD_m");
        assert_close(cell(p.systems, i, "cut"), gas ? 5 : 5200, 1e-15);
        assert_close(cell(p.systems, i, "value_units"), gas ? 0 : 1, 0);
    }
    report_free(&p);
    report_free(&m);
    flow_dataset_free(physical);
    flow_dataset_free(money);
}

/*
 * Rerouting through CHN with a capacity of 3 Mt, crude alone (by product):
 * the route RUS -> CHN -> DEU could carry 4 (CHN -> DEU observed), the
 * capacity allows 3 Mt = 1560 USD_m at 520 USD/t. The money dataset states
 * that capacity in USD_m.
 */
static void test_priced_capacity(void **state)
{
    (void)state;
    flow_dataset *physical = dataset("prices_physical.csv", physical_csv);
    flow_dataset *money = dataset("prices_money.csv", money_csv);
    report p = {0}, m = {0}, u = {0};
    const char *mt = "sanctioning DEU\ntarget RUS\ndirection imports\ncut energy crude_oil 1\n"
                     "reroute energy crude_oil 1\nvia CHN capacity 3\n";
    const char *usd = "sanctioning DEU\ntarget RUS\ndirection imports\ncut energy crude_oil 1\n"
                      "reroute energy crude_oil 1\nvia CHN capacity 1560\n";
    run(&p, physical, mt, "crude_oil=520", 1);
    run(&m, money, usd, NULL, 1);
    run(&u, physical, mt, NULL, 1);
    assert_int_equal(flow_table_rows(p.systems), 1);
    assert_close(cell(p.systems, 0, "rerouted"), 1560, 1e-12);
    assert_close(cell(p.systems, 0, "lost"), 5200 - 1560, 1e-12);
    assert_same_values(p.economies, m.economies, flow_table_cols(m.economies));
    assert_same_values(p.systems, m.systems, 6);
    /* Unpriced: the same run in Mt, sized by traded volume, said to be physical. */
    assert_string_equal(flow_table_row_group(u.systems, 0), "Mt");
    assert_close(cell(u.systems, 0, "rerouted"), 3, 1e-12);
    assert_close(cell(u.systems, 0, "value_units"), 0, 0);
    assert_true(isnan(cell(u.systems, 0, "price")));
    assert_close(economy(&u, physical, "DEU", "size"), 10 + 4 + 2, 1e-15);
    report_free(&p);
    report_free(&m);
    report_free(&u);
    flow_dataset_free(physical);
    flow_dataset_free(money);
}

/* Bad price lists leave the options unchanged; a price on money is refused. */
static void test_price_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {"crude_oil", "crude_oil=-1", "crude_oil=0", "=5",   "a=1,a=2",
                                      "a=1,",      "a=nan",        "a=1x",        "a=inf"};
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(flow_shock_options_set(o, "prices", bad[i]), FLOW_ERR_INVALID_ARG);
        assert_non_null(strstr(flow_last_error(), "'prices'"));
    }
    assert_int_equal(flow_shock_options_set(o, "prices", "crude_oil=520"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "prices", ""), FLOW_OK);
    flow_shock_options_free(o);

    flow_dataset *money = dataset("prices_money.csv", money_csv);
    flow_scenario *s = NULL;
    flow_table *e = NULL, *sys = NULL;
    assert_int_equal(flow_scenario_parse(&s, embargo, NULL), FLOW_OK);
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "prices", "crude_oil=520"), FLOW_OK);
    assert_int_equal(flow_shock_report_new(&e, &sys, money, 2022, s, o), FLOW_ERR_VALUE);
    assert_null(e);
    assert_null(sys);
    assert_non_null(strstr(flow_last_error(), "already in money"));
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_dataset_free(money);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_priced_equals_money),
        cmocka_unit_test(test_priced_capacity),
        cmocka_unit_test(test_price_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
