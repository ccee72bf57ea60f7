/*
 * test_shock_report.c - the combined report of a scenario on a dataset:
 * systems per layer and unit, sizes from GDP, lenses checked against
 * systems solved by hand, DebtRank on the finance layer.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Trade (USD bn) in two products: USA -> RUS 10 (p1) and 5 (p2), RUS -> CHN 4
 * (p1). Finance (USD bn): USA lends 8 to RUS, CHN lends 5 to USA.
 * GDP USA 100, RUS 50, CHN 20; bank capital 16, 10, 5.
 */
static const char *flows_csv = "origin,destination,value,year,layer,product,unit\n"
                               "USA,RUS,10,2022,trade,p1,USD_bn\n"
                               "USA,RUS,5,2022,trade,p2,USD_bn\n"
                               "RUS,CHN,4,2022,trade,p1,USD_bn\n"
                               "USA,RUS,8,2022,finance,claims,USD_bn\n"
                               "CHN,USA,5,2022,finance,claims,USD_bn\n";
static const char *attributes_csv = "code,gdp,capital\nUSA,100,16\nRUS,50,10\nCHN,20,5\n";

static flow_dataset *dataset(void)
{
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 100), FLOW_OK); /* keep products apart */
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_write_temp("flows.csv", flows_csv), NULL, NULL),
        FLOW_OK);
    assert_int_equal(flow_dataset_read_attributes(
                         ds, flow_test_write_temp("attributes.csv", attributes_csv), "code", 0),
                     FLOW_OK);
    return ds;
}

static int64_t at(const flow_dataset *ds, const char *code)
{
    int64_t i = -1;
    assert_int_equal(flow_labels_find(flow_dataset_economies(ds), code, &i), FLOW_OK);
    return i;
}

/* The two tables of a report. */
typedef struct report {
    flow_table *economies, *systems;
} report;

static int report_new(report *r, const flow_dataset *ds, int64_t year, const flow_scenario *s,
                      const flow_shock_options *o)
{
    return flow_shock_report_new(&r->economies, &r->systems, ds, year, s, o);
}

static void report_free(report *r)
{
    flow_table_free(r->economies);
    flow_table_free(r->systems);
}

/* Quantity (its column index) of an economy (index of the dataset) in system i. */
static double value(const report *r, int64_t system, int quantity, int64_t economy)
{
    int64_t n = flow_table_rows(r->economies) / flow_table_rows(r->systems);
    int64_t row = system * n + economy, cols = flow_table_cols(r->economies);
    assert_string_equal(flow_table_row_group(r->economies, row),
                        flow_table_row_label(r->systems, system));
    return flow_table_values(r->economies)[row * cols + quantity];
}

/* A column of system i's row in the systems table. */
static double system_value(const report *r, int64_t system, const char *column)
{
    int64_t col = -1;
    assert_int_equal(flow_table_find_col(r->systems, column, NULL, &col), FLOW_OK);
    return flow_table_values(r->systems)[system * flow_table_cols(r->systems) + col];
}

/*
 * USA stops exporting to RUS (trade) and writes off half of its claims on RUS.
 * Trade system (p1 + p2 summed): x = GDP + imports = [100, 65, 24] for
 * USA, RUS, CHN (so value added x - colsums(Z) = [100, 50, 20] = GDP);
 * a_USA,RUS = 15/65 is cut, a_RUS,CHN = 4/24 = 1/6 stays.
 * Demand: d = [15, 0, 0] and nothing else depends on USA's sales, so
 * dx = [15, 0, 0], 15/100 of USA's size.
 * Supply: c = [0, 15/65, 0]; (I - A~)' z = c gives z = [0, 15/65, 15/65 / 6],
 * dx = x (.) z = [0, 15, 24 * 15/65 / 6].
 * Finance is a stock layer ("finance" by default): no lens, size = gross
 * position (claims held + owed) = [8 + 5, 8, 5]. Its partial cut (severity
 * .5) is a withdrawal: USA is repaid 4 at par, RUS loses 4 of funding at the
 * discount .1: h_RUS(1) = .1 * 4 / 10 = .04. On the claims left (USA 4 on
 * RUS, CHN 5 on USA): h_USA += 4/16 * .04 = .01, then h_CHN += 5/5 * .01 =
 * .01. Values are shares of claims [8, 0, 5] / 13: R = (8 + 5)/13 * .01 - 0.
 */
static void test_report_by_hand(void **state)
{
    (void)state;
    flow_dataset *ds = dataset();
    flow_scenario *s = NULL;
    flow_shock_options *o = NULL;
    report r = {0};
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning USA\ntarget RUS\ndirection exports\n"
                                         "cut trade * 1\ncut finance * 0.5\n",
                                         NULL),
                     FLOW_OK);
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "size_attribute", "gdp"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "capital_attribute", "capital"), FLOW_OK);
    assert_int_equal(report_new(&r, ds, 2022, s, o), FLOW_OK);
    assert_int_equal(flow_table_rows(r.systems), 2);
    assert_int_equal(flow_table_rows(r.economies), 2 * flow_dataset_economy_count(ds));
    assert_string_equal(flow_table_row_label(r.systems, 0), "trade:*");
    assert_string_equal(flow_table_row_group(r.systems, 0), "USD_bn");
    assert_string_equal(flow_table_row_label(r.systems, 1), "finance:claims");
    assert_true(system_value(&r, 0, "economies") == 3);
    double year = 0;
    assert_int_equal(flow_table_scalar(r.systems, "year", &year), FLOW_OK);
    assert_true(year == 2022);
    /* Columns are the quantities, in order and by name. */
    assert_int_equal(flow_table_cols(r.economies), FLOW_SHOCK_QUANTITY_COUNT);
    assert_string_equal(flow_table_col_label(r.economies, FLOW_SHOCK_SIZE), "size");
    assert_string_equal(flow_table_col_label(r.economies, FLOW_SHOCK_DEMAND_TOTAL), "demand_total");
    assert_string_equal(flow_table_row_label(r.economies, at(ds, "RUS")), "RUS");
    int64_t usa = at(ds, "USA"), rus = at(ds, "RUS"), chn = at(ds, "CHN");
    assert_close(value(&r, 0, FLOW_SHOCK_SIZE, usa), 100, 1e-15);
    assert_close(value(&r, 0, FLOW_SHOCK_SIZE, rus), 65, 1e-15);
    assert_close(value(&r, 0, FLOW_SHOCK_SIZE, chn), 24, 1e-15);
    assert_close(value(&r, 0, FLOW_SHOCK_DEMAND_TOTAL, usa), 15, 1e-12);
    assert_close(value(&r, 0, FLOW_SHOCK_DEMAND_TOTAL, rus), 0, 1e-12);
    assert_close(value(&r, 0, FLOW_SHOCK_SUPPLY_TOTAL, rus), 15, 1e-12);
    assert_close(value(&r, 0, FLOW_SHOCK_SUPPLY_TOTAL, chn), 24.0 * 15 / 65 / 6, 1e-12);
    assert_true(isnan(value(&r, 0, FLOW_SHOCK_DISTRESS_FINAL, usa)));
    assert_close(system_value(&r, 0, "cut"), 15, 1e-15);
    assert_close(system_value(&r, 0, "lost"), 15, 1e-15);
    assert_true(isnan(system_value(&r, 0, "debtrank")));
    assert_close(system_value(&r, 1, "debtrank"), 0.01, 1e-15);
    assert_close(value(&r, 1, FLOW_SHOCK_DISTRESS_INITIAL, rus), 0.04, 1e-15);
    assert_close(value(&r, 1, FLOW_SHOCK_DISTRESS_INITIAL, usa), 0.0, 1e-15);
    assert_close(value(&r, 1, FLOW_SHOCK_DISTRESS_FINAL, usa), 0.01, 1e-15);
    assert_close(value(&r, 1, FLOW_SHOCK_DISTRESS_FINAL, chn), 0.01, 1e-15);
    /* The kind column says which lenses apply: finance holds stocks. */
    assert_true(system_value(&r, 0, "kind") == FLOW_LAYER_FLOW);
    assert_true(system_value(&r, 1, "kind") == FLOW_LAYER_STOCK);
    assert_true(isnan(value(&r, 1, FLOW_SHOCK_DEMAND_TOTAL, usa)));
    assert_true(isnan(value(&r, 1, FLOW_SHOCK_SUPPLY_TOTAL, rus)));
    assert_true(isnan(value(&r, 1, FLOW_SHOCK_INOPERABILITY_LOSS, rus)));
    assert_close(value(&r, 1, FLOW_SHOCK_SIZE, usa), 13, 1e-15);
    assert_close(value(&r, 1, FLOW_SHOCK_SIZE, rus), 8, 1e-15);
    assert_close(value(&r, 1, FLOW_SHOCK_LOST, usa), 4, 1e-15);
    assert_close(system_value(&r, 1, "cut"), 4, 1e-15);
    {
        /* A stock system has no IO model of flows. */
        flow_io_model *none = NULL;
        assert_int_equal(
            flow_io_model_new_from_dataset(&none, ds, "finance", 2022, "*", NULL, FLOW_SIZE_TRADED),
            FLOW_ERR_VALUE);
        assert_null(none);
        assert_non_null(strstr(flow_last_error(), "stocks"));
    }

    /* The public builder gives the same system: value added is GDP. */
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new_from_dataset(&m, ds, "trade", 2022, "*", "gdp",
                                                    FLOW_SIZE_GDP_PLUS_IMPORTS),
                     FLOW_OK);
    assert_int_equal(flow_test_io_order(m), 3);
    const double gdp[3] = {100, 50, 20};
    for (int64_t i = 0; i < 3; i++) {
        int64_t e = at(ds, flow_test_io_region_code(m, i));
        assert_close(flow_test_io_view(m, FLOW_IO_VALUE_ADDED)[i],
                     gdp[e == usa   ? 0
                         : e == rus ? 1
                                    : 2],
                     1e-15);
        assert_close(flow_test_io_view(m, FLOW_IO_OUTPUT)[i], value(&r, 0, FLOW_SHOCK_SIZE, e),
                     1e-15);
    }
    flow_io_model_free(m);
    report_free(&r);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_dataset_free(ds);
}

/*
 * Different severities for p1 and p2 keep them apart; without GDP the trade
 * system is sized by traded volume: USA 10 (p1 only), RUS 10 + 4.
 */
static void test_products_apart_and_volume_sizes(void **state)
{
    (void)state;
    flow_dataset *ds = dataset();
    flow_scenario *s = NULL;
    report r = {0};
    flow_shock_options *o = NULL;
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning USA\ntarget RUS\n"
                                         "cut trade p1 1\ncut trade p2 0.5\n",
                                         NULL),
                     FLOW_OK);
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "layer", "trade"), FLOW_OK);
    assert_int_equal(report_new(&r, ds, 2022, s, o), FLOW_OK);
    assert_int_equal(flow_table_rows(r.systems), 2);
    assert_string_equal(flow_table_row_label(r.systems, 1), "trade:p2");
    assert_true(system_value(&r, 1, "severity") == 0.5);
    assert_close(value(&r, 0, FLOW_SHOCK_SIZE, at(ds, "USA")), 10, 1e-15);
    assert_close(value(&r, 0, FLOW_SHOCK_SIZE, at(ds, "RUS")), 14, 1e-15);
    report_free(&r);
    /* A year without data, or a layer the scenario does not cut: not found. */
    assert_int_equal(report_new(&r, ds, 2021, s, o), FLOW_ERR_NOT_FOUND);
    assert_null(r.economies);
    assert_null(r.systems);
    assert_int_equal(flow_shock_options_set(o, "size_attribute", "no_such_attribute"), FLOW_OK);
    assert_int_equal(report_new(&r, ds, 2022, s, o), FLOW_ERR_NOT_FOUND);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_dataset_free(ds);
}

/* Region value of one quantity for economy code in a result. */
static double result_value(const flow_table *res, int quantity, const char *code)
{
    int64_t row = -1, col = -1;
    assert_int_equal(flow_table_find_row(res, code, NULL, &row), FLOW_OK);
    assert_int_equal(flow_table_find_col(res, "demand_total", NULL, &col), FLOW_OK);
    assert_int_equal(col, quantity);
    return flow_table_values(res)[row * flow_table_cols(res) + col];
}

/*
 * The three ways to a country system that used to size it three ways (the
 * report: GDP + exports; the example: GDP; the CLI: an attribute) now share
 * flow_io_model_new_from_dataset: on the demo data the report, a direct run
 * and a batch on the builder's model give Russia one demand loss.
 */
static void test_one_country_system_everywhere(void **state)
{
    (void)state;
    const char *source = getenv("FLOW_SOURCE_DIR");
    char trade[4096], economies[4096];
    if (source == NULL)
        skip();
    snprintf(trade, sizeof trade, "%s/data/trade.csv", source);
    snprintf(economies, sizeof economies, "%s/data/economies.csv", source);
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_csv(ds, trade, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_read_attributes(ds, economies, "code", 1), FLOW_OK);
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s,
                                         "group G7 USA JPN DEU FRA GBR ITA CAN\n"
                                         "sanctioning G7\ntarget RUS\ncut trade * 1\n",
                                         NULL),
                     FLOW_OK);
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "size_attribute", "gdp_usd_bn_2023"), FLOW_OK);
    report r = {0};
    assert_int_equal(report_new(&r, ds, 2023, s, o), FLOW_OK);
    double from_report = value(&r, 0, FLOW_SHOCK_DEMAND_TOTAL, at(ds, "RUS"));

    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new_from_dataset(&m, ds, "trade", 2023, "*", "gdp_usd_bn_2023",
                                                    FLOW_SIZE_GDP_PLUS_IMPORTS),
                     FLOW_OK);
    flow_table *res = NULL;
    flow_shock_options *layer = NULL; /* the rates of the trade layer */
    assert_int_equal(flow_shock_options_new(&layer), FLOW_OK);
    assert_int_equal(flow_shock_options_set(layer, "layer", "trade"), FLOW_OK);
    assert_int_equal(flow_shock_run(&res, NULL, m, s, layer), FLOW_OK);
    double direct = result_value(res, FLOW_SHOCK_DEMAND_TOTAL, "RUS");
    flow_shock_batch *b = NULL;
    const flow_scenario *one[1] = {s};
    assert_int_equal(flow_shock_batch_run(&b, m, one, 1, layer), FLOW_OK);
    flow_table *batch = NULL;
    assert_int_equal(flow_shock_batch_table(&batch, b, FLOW_SHOCK_BATCH_REGIONS), FLOW_OK);
    int64_t rus = -1;
    assert_int_equal(flow_table_find_row(batch, "RUS", "0", &rus), FLOW_OK);
    assert_true(direct > 0.0);
    assert_close(from_report, direct, 1e-12);
    assert_close(flow_table_values(batch)[rus * flow_table_cols(batch) + FLOW_SHOCK_DEMAND_TOTAL],
                 direct, 1e-12);
    flow_table_free(batch);
    /* Value added of the system is GDP (USD bn -> USD_m, the flows' unit). */
    double gdp[400];
    assert_int_equal(flow_test_attribute(ds, "gdp_usd_bn_2023", gdp, 400), FLOW_OK);
    for (int64_t i = 0; i < flow_test_io_order(m); i++) {
        double g = gdp[at(ds, flow_test_io_region_code(m, i))];
        if (g > 0.0)
            assert_close(flow_test_io_view(m, FLOW_IO_VALUE_ADDED)[i], 1000.0 * g, 1e-12);
    }
    flow_shock_batch_free(b);
    flow_table_free(res);
    flow_shock_options_free(layer);
    flow_io_model_free(m);
    report_free(&r);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_dataset_free(ds);
}

/*
 * Layer kinds: "finance" is a stock unless declared otherwise; a dataset's
 * declaration is carried by drop_empty; a scenario's declaration wins over
 * the dataset's (here finance declared a flow gets the Leontief lens: USA's
 * sales of claims to RUS, 8 * .5 = 4, are its direct demand loss).
 */
static void test_layer_kinds(void **state)
{
    (void)state;
    flow_dataset *ds = dataset(), *small = NULL;
    assert_int_equal(flow_dataset_layer_kind(ds, "finance"), FLOW_LAYER_STOCK);
    assert_int_equal(flow_dataset_layer_kind(ds, "trade"), FLOW_LAYER_FLOW);
    assert_int_equal(flow_dataset_set_layer_kind(ds, "trade", FLOW_LAYER_STOCK), FLOW_OK);
    assert_int_equal(flow_dataset_set_layer_kind(ds, "trade", FLOW_LAYER_FLOW), FLOW_OK);
    assert_int_equal(flow_dataset_set_layer_kind(ds, "positions", FLOW_LAYER_STOCK), FLOW_OK);
    assert_int_equal(flow_dataset_set_layer_kind(ds, "x", FLOW_LAYER_KIND_COUNT),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_dataset_drop_empty(&small, ds), FLOW_OK);
    assert_int_equal(flow_dataset_layer_kind(small, "positions"), FLOW_LAYER_STOCK);
    assert_int_equal(flow_dataset_layer_kind(small, "trade"), FLOW_LAYER_FLOW);
    flow_dataset_free(small);

    flow_scenario *s = NULL;
    report r = {0};
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning USA\ntarget RUS\ndirection exports\n"
                                         "cut finance * 0.5\nkind finance flow\n",
                                         NULL),
                     FLOW_OK);
    assert_true(flow_test_plan_rate(s, "finance", NULL, "kind") == FLOW_LAYER_FLOW);
    assert_true(isnan(flow_test_plan_rate(s, "trade", NULL, "kind"))); /* not declared */
    assert_int_equal(report_new(&r, ds, 2022, s, NULL), FLOW_OK);
    assert_true(system_value(&r, 0, "kind") == FLOW_LAYER_FLOW);
    assert_close(value(&r, 0, FLOW_SHOCK_DEMAND_DIRECT, at(ds, "USA")), 4, 1e-12);
    report_free(&r);
    flow_scenario_free(s);
    assert_int_equal(flow_scenario_parse(&s, "kind finance bond\n", "k.txt"), FLOW_ERR_PARSE);
    assert_non_null(strstr(flow_last_error(), "k.txt: line 1"));
    assert_null(s);
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_by_hand),
        cmocka_unit_test(test_products_apart_and_volume_sizes),
        cmocka_unit_test(test_one_country_system_everywhere),
        cmocka_unit_test(test_layer_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
