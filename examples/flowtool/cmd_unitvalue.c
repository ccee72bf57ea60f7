/*
 * cmd_unitvalue.c - "flowtool unitvalue": value per unit of quantity of one
 * economy's flows, partner by partner and year by year, and the discount of
 * that price against a benchmark (Russian crude against Brent).
 */
#include "util.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_unitvalue[] =
    "unit values (value / quantity) of one economy's flows and their discount to a benchmark";

static const char usage[] =
    "flowtool unitvalue --value-layer NAME --quantity-layer NAME --economy CODE [options] "
    "FILE.csv ...";
static const char description[] =
    "For every year in which the files hold both --value-layer and --quantity-layer\n"
    "for --product (the same flows measured in money and in quantity, from one source),\n"
    "the --top partners of --economy's exports (--imports: its imports) by value, with\n"
    "the value, the quantity and the unit value = value / quantity (USD_m / Mt = USD per\n"
    "tonne). --per X divides the unit value by X quantity units (7.33 barrels per tonne\n"
    "of crude oil: USD per barrel; --price-unit names it); --benchmark YEAR=PRICE,...\n"
    "adds the benchmark of each year in that unit and the discount = benchmark - price\n"
    "(positive: sold below the benchmark). A value without a quantity shows NaN.\n"
    "--shock-prices (with --year; no --economy) instead prints, per product, the unit\n"
    "value of all its flows of that year (sum of values / sum of quantities over the\n"
    "flows with a quantity) in USD_m per --shock-unit (default: the quantity unit; Mt\n"
    "gives USD per tonne) and the --price argument of flowtool shock built from it.\n"
    "With --preset baci or comtrade the quantity column (q, netWgt) of the value rows\n"
    "is read into --quantity-layer.";

#define MAX_BENCHMARKS 64

struct benchmarks {
    int64_t year[MAX_BENCHMARKS];
    double price[MAX_BENCHMARKS];
    int count;
};

/* Parses "YEAR=PRICE,YEAR=PRICE,..."; exits with status 2 on a malformed entry. */
static void parse_benchmarks(struct benchmarks *b, const char *text)
{
    const char *s = text;
    b->count = 0;
    while (text != NULL && *s != '\0') {
        char *end = NULL;
        long long year = strtoll(s, &end, 10);
        if (end == s || *end != '=' || b->count == MAX_BENCHMARKS)
            flowtool_usage_error("--benchmark needs YEAR=PRICE,... at", s);
        s = end + 1;
        double price = strtod(s, &end);
        if (end == s || !isfinite(price) || (*end != ',' && *end != '\0'))
            flowtool_usage_error("--benchmark needs YEAR=PRICE,... at", s);
        b->year[b->count] = (int64_t)year;
        b->price[b->count++] = price;
        s = *end == ',' ? end + 1 : end;
    }
}

static double benchmark_of(const struct benchmarks *b, int64_t year)
{
    for (int k = 0; k < b->count; k++)
        if (b->year[k] == year)
            return b->price[k];
    return NAN;
}

struct request {
    const char *value_layer, *quantity_layer, *price_unit, *benchmark_text, *shock_unit;
    double per;
    int imports, shock_prices;
    struct benchmarks benchmarks;
};

static flowtool_table *new_table(const flow_dataset *ds, const struct flowtool_common *c,
                                 const struct request *q, int64_t year)
{
    const char *vunit = flow_dataset_matrix_unit(ds, q->value_layer, year, c->product);
    const char *qunit = flow_dataset_matrix_unit(ds, q->quantity_layer, year, c->product);
    char title[320], price[64];
    snprintf(title, sizeof title,
             "Unit values of %s's %s, %s (%s in %s / %s in %s, by value; discount = benchmark - "
             "price)",
             c->economy, q->imports ? "imports" : "exports", c->product ? c->product : "all",
             q->value_layer, vunit ? vunit : "?", q->quantity_layer, qunit ? qunit : "?");
    snprintf(price, sizeof price, "%s", q->price_unit);
    const char *headers[] = {"year", "partner",   "value",    "quantity",  "unit_value",
                             price,  "benchmark", "discount", "discount_%"};
    return flowtool_table_new(title, q->benchmarks.count > 0 ? 9 : q->per != 1.0 ? 6 : 5, headers);
}

/* One printed row of the library's table. */
static int print_row(flowtool_table *t, const flow_table *u, int64_t r, const struct request *q)
{
    const double *row = flow_table_values(u) + r * flow_table_cols(u);
    double price = row[3] / q->per, mark = benchmark_of(&q->benchmarks, (int64_t)row[0]);
    int rc = flowtool_table_integer(t, (int64_t)row[0]) |
             flowtool_table_text(t, flow_table_row_label(u, r)) | flowtool_table_number(t, row[1]) |
             flowtool_table_number(t, row[2]) | flowtool_table_number(t, row[3]);
    if (q->per != 1.0 || q->benchmarks.count > 0)
        rc |= flowtool_table_number(t, price);
    if (q->benchmarks.count > 0)
        rc |= flowtool_table_number(t, mark) | flowtool_table_number(t, mark - price) |
              flowtool_table_number(t, 100.0 * (mark - price) / mark);
    return rc;
}

static int print_unit_values(const flow_dataset *ds, const struct flowtool_common *c,
                             const struct request *q)
{
    flow_table *u = NULL;
    if (flow_unit_values(&u, ds, q->value_layer, q->quantity_layer, c->product, c->economy,
                         q->imports ? FLOW_IMPORTS : FLOW_EXPORTS) != FLOW_OK)
        return flowtool_fail("unit values");
    int64_t rows = flow_table_rows(u), shown = 0;
    flowtool_table *t = rows > 0 ? new_table(ds, c, q, (int64_t)flow_table_values(u)[0]) : NULL;
    int rc = rows > 0 && t == NULL;
    for (int64_t r = 0; rc == 0 && r < rows; r++) {
        int first = r == 0 || strcmp(flow_table_row_group(u, r), flow_table_row_group(u, r - 1));
        shown = first ? 0 : shown;
        if (shown++ < c->top)
            rc = print_row(t, u, r, q);
    }
    if (t != NULL)
        flowtool_table_finish(t, rc, c->format);
    flow_table_free(u);
    return rc;
}

/* The --price argument of flowtool shock from the price column: product=price,... */
static void print_price_argument(const flow_table *p)
{
    const char *sep = "";
    printf("--price ");
    for (int64_t r = 0; r < flow_table_rows(p); r++) {
        double price = flow_table_values(p)[r * flow_table_cols(p)];
        if (isnan(price))
            continue;
        printf("%s%s=%.6g", sep, flow_table_row_label(p, r), price);
        sep = ",";
    }
    printf("\n");
}

/* --shock-prices: every product's unit value of the year, as shock prices. */
static int print_shock_prices(const flow_dataset *ds, const struct flowtool_common *c,
                              const struct request *q)
{
    flow_table *p = NULL;
    if (flow_unit_value_prices(&p, ds, q->value_layer, q->quantity_layer, c->year, q->shock_unit) !=
        FLOW_OK)
        return flowtool_fail("unit value prices");
    char title[320], unit[64];
    snprintf(title, sizeof title,
             "Prices for flowtool shock --price, %lld (%s / %s over the flows with a quantity; "
             "USD_m per %s)",
             (long long)c->year, q->value_layer, q->quantity_layer,
             q->shock_unit ? q->shock_unit : "quantity unit");
    snprintf(unit, sizeof unit, "quantity_%s", q->shock_unit ? q->shock_unit : "unit");
    const char *headers[] = {"product", "price", "value_usd_m", unit, "unmatched_usd_m", "flows"};
    flowtool_table *t = flowtool_table_new(title, 6, headers);
    int rc = t == NULL;
    for (int64_t r = 0; rc == 0 && r < flow_table_rows(p); r++) {
        const double *row = flow_table_values(p) + r * flow_table_cols(p);
        rc = flowtool_table_text(t, flow_table_row_label(p, r));
        for (int k = 0; rc == 0 && k < 4; k++)
            rc = flowtool_table_number(t, row[k]);
        if (rc == 0)
            rc = flowtool_table_integer(t, (int64_t)row[4]);
    }
    flowtool_table_finish(t, rc, c->format);
    if (rc == 0 && c->format == FLOWTOOL_TABLE) /* csv and json stay one table */
        print_price_argument(p);
    flow_table_free(p);
    return rc;
}

int flowtool_cmd_unitvalue(int argc, char **argv)
{
    struct flowtool_common c;
    struct request q = {NULL, NULL, "price", NULL, NULL, 1.0, 0, 0, {{0}, {0}, 0}};
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&c),
        {"value-layer", FLOWTOOL_STRING, &q.value_layer, "NAME", "layer of the values"},
        {"quantity-layer", FLOWTOOL_STRING, &q.quantity_layer, "NAME",
         "layer of the quantities of the same flows"},
        {"imports", FLOWTOOL_FLAG, &q.imports, NULL, "the economy's imports (default: exports)"},
        {"per", FLOWTOOL_DOUBLE, &q.per, "X", "quantity units per unit of price (7.33 bbl/t)"},
        {"price-unit", FLOWTOOL_STRING, &q.price_unit, "NAME", "name of the price column"},
        {"benchmark", FLOWTOOL_STRING, &q.benchmark_text, "Y=P,...",
         "benchmark price of each year, in the price unit"},
        {"shock-prices", FLOWTOOL_FLAG, &q.shock_prices, NULL,
         "per product, the year's unit value as flowtool shock --price"},
        {"shock-unit", FLOWTOOL_STRING, &q.shock_unit, "UNIT",
         "physical unit of --shock-prices (kg, t, kt, Mt; m3, bcm)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_dataset *ds = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (q.shock_prices &&
        (q.value_layer == NULL || q.quantity_layer == NULL || c.year == FLOWTOOL_NO_YEAR)) {
        fprintf(stderr, "flowtool: unitvalue --shock-prices needs --value-layer, "
                        "--quantity-layer and --year\n");
        goto done;
    }
    if (!q.shock_prices &&
        (q.value_layer == NULL || q.quantity_layer == NULL || c.economy == NULL)) {
        fprintf(stderr,
                "flowtool: unitvalue needs --value-layer, --quantity-layer and --economy\n");
        goto done;
    }
    if (q.per <= 0.0 || c.top < 1) {
        fprintf(stderr, "flowtool: --per must be positive and --top at least 1\n");
        goto done;
    }
    parse_benchmarks(&q.benchmarks, q.benchmark_text);
    /* BACI and Comtrade files carry the quantity in a column of the value rows:
     * read it into the quantity layer in the same pass. */
    if (c.preset != NULL && (strcmp(c.preset, "baci") == 0 || strcmp(c.preset, "comtrade") == 0))
        c.quantity_layer = q.quantity_layer;
    if ((status = flowtool_load(&ds, files, nfiles, &c, NULL)) != 0)
        goto done;
    status = q.shock_prices ? print_shock_prices(ds, &c, &q) : print_unit_values(ds, &c, &q);
done:
    flow_dataset_free(ds);
    free(files);
    return status;
}
