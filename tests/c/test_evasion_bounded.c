/*
 * test_evasion_bounded.c - rerouting bounded by observed throughput: a tiny
 * route cannot carry a large cut, thin routes are dropped, the legs of a
 * route grow in every lens, and mark-ups exist only in money units.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The demo energy flows with one extra row appended (NULL: none). */
static flow_dataset *energy(const char *extra_row)
{
    char path[4096];
    const char *src = getenv("FLOW_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/data/energy.csv", src ? src : ".");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text - 256, f);
    fclose(f);
    text[len] = '\0';
    if (extra_row != NULL)
        strcat(text, extra_row);
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_set_product_digits(ds, 100), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_csv(ds, flow_test_write_temp("energy.csv", text), NULL, NULL), FLOW_OK);
    return ds;
}

/* Rerouted volume and the volume carried by TUR in the pipeline-gas system. */
static void gas_rerouting(const flow_dataset *ds, const flow_scenario *s, double *rerouted,
                          double *via_tur, double *loss_sum)
{
    flow_table *economies = NULL, *systems = NULL;
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "by_product", "1"), FLOW_OK);
    assert_int_equal(flow_shock_report_new(&economies, &systems, ds, 2022, s, o), FLOW_OK);
    int64_t gas = -1, col = -1, n = flow_dataset_economy_count(ds);
    int64_t cols = flow_table_cols(economies);
    assert_int_equal(flow_table_find_row(systems, "energy:pipeline_gas", NULL, &gas), FLOW_OK);
    assert_int_equal(flow_table_find_col(systems, "rerouted", NULL, &col), FLOW_OK);
    *rerouted = flow_table_values(systems)[gas * flow_table_cols(systems) + col];
    const double *v = flow_table_values(economies) + gas * n * cols; /* the gas system's rows */
    int64_t tur = -1;
    assert_int_equal(flow_table_find_row(economies, "TUR", "energy:pipeline_gas", &tur), FLOW_OK);
    *via_tur = flow_table_values(economies)[tur * cols + FLOW_SHOCK_REROUTED_VIA];
    *loss_sum = 0.0;
    for (int64_t e = 0; e < n; e++)
        *loss_sum += v[e * cols + FLOW_SHOCK_DEMAND_TOTAL];
    flow_table_free(economies);
    flow_table_free(systems);
    flow_shock_options_free(o);
}

/*
 * The measured failure of unbounded weights: a 0.001 bcm Turkiye -> Germany
 * gas row opened a route that took 13 bcm of the cut. Bounded by the route's
 * own throughput, the row moves the rerouted volume and what Turkiye carries
 * by no more than its own size (0.001 bcm), and the total demand-lens loss
 * by a few times it (two legs and the row, through multipliers). The
 * unbounded model (throughput none) is run too, to show the test can fail.
 */
static void test_tiny_route_moves_result_by_its_size(void **state)
{
    (void)state;
    flow_scenario *s = NULL;
    char path[4096];
    const char *src = getenv("FLOW_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/data/scenarios/g7_eu_russia_rerouted.txt", src ? src : ".");
    assert_int_equal(flow_scenario_read(&s, path), FLOW_OK);
    flow_dataset *base = energy(NULL);
    flow_dataset *tiny = energy("TUR,DEU,0.001,2022,energy,pipeline_gas,bcm\n");
    double r0, t0, l0, r1, t1, l1;
    gas_rerouting(base, s, &r0, &t0, &l0);
    gas_rerouting(tiny, s, &r1, &t1, &l1);
    printf("bounded: rerouted %.6f -> %.6f, via TUR %.6f -> %.6f, loss %.6f -> %.6f\n", r0, r1, t0,
           t1, l0, l1);
    assert_true(fabs(r1 - r0) <= 0.001 + 1e-12);
    assert_true(fabs(t1 - t0) <= 0.001 + 1e-12);
    /* The loss sees both legs of the 0.001 (and the new row itself) through multipliers. */
    assert_true(fabs(l1 - l0) <= 0.004);

    assert_int_equal(flow_scenario_set_throughput(s, INFINITY), FLOW_OK);
    assert_int_equal(flow_scenario_set_min_share(s, 0.0), FLOW_OK);
    gas_rerouting(base, s, &r0, &t0, &l0);
    gas_rerouting(tiny, s, &r1, &t1, &l1);
    printf("unbounded: rerouted %.6f -> %.6f, via TUR %.6f -> %.6f, loss %.6f -> %.6f\n", r0, r1,
           t0, t1, l0, l1);
    assert_true(t1 - t0 > 1.0); /* unbounded: the tiny row carries bcm */
    flow_dataset_free(base);
    flow_dataset_free(tiny);
    flow_scenario_free(s);
}

/*
 * Four economies of size 100: AAA sells 16 to BBB; routes AAA -> CCC (3),
 * CCC -> BBB (1), AAA -> DDD (1), DDD -> BBB (1): weights CCC 3, DDD 1;
 * rho = .5 => 8 seek a route. Legs carry at most their flow (factor 1):
 * round 1 offers 6 via CCC (leg CCC -> BBB accepts 1/6) and 2 via DDD (its
 * legs accept 1/2): 1 + 1 rerouted, and every used leg is full. The legs
 * then grow by 1 each: d = [16 - 2, 0, -1, -1], sum = cut - 2 x rerouted.
 * With a minimum share .3, DDD (share .25) carries nothing.
 * In volume units a mark-up has no meaning: rent and cost are NaN.
 */
/* Column q of a shock result table into dst (len entries). */
static void column(const flow_table *t, int q, double *dst, int64_t len)
{
    assert_int_equal(flow_table_rows(t), len);
    for (int64_t i = 0; i < len; i++)
        dst[i] = flow_table_values(t)[i * flow_table_cols(t) + q];
}

static double scalar(const flow_table *t, const char *name)
{
    double value = NAN;
    assert_int_equal(flow_table_scalar(t, name, &value), FLOW_OK);
    return value;
}

static void test_legs_bound_and_grow(void **state)
{
    (void)state;
    const char *const codes[4] = {"AAA", "BBB", "CCC", "DDD"};
    double f[16] = {0}, via[4], d[4], rent[4], rerouted, lost;
    const double size[4] = {100, 100, 100, 100};
    f[0 * 4 + 1] = 16;
    f[0 * 4 + 2] = 3;
    f[2 * 4 + 1] = 1;
    f[0 * 4 + 3] = 1;
    f[3 * 4 + 1] = 1;
    flow_io_model *m = NULL;
    flow_table *r = NULL, *nodes = NULL;
    flow_scenario *s = NULL;
    flow_shock_options *o = NULL;
    assert_int_equal(flow_io_model_new_country(&m, 4, f, 4, size, codes), FLOW_OK);
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning AAA\ntarget BBB\ndirection exports\n"
                                         "cut * * 1\nreroute * * 0.5\nvia CCC DDD\nmarkup 0.1\n",
                                         "legs"),
                     FLOW_OK);
    assert_close(flow_test_plan_scalar(s, "throughput"), 1.0, 0);
    assert_close(flow_test_plan_scalar(s, "min_share"), 0.01, 0);
    assert_int_equal(flow_shock_run(&r, &nodes, m, s, NULL), FLOW_OK);
    rerouted = scalar(r, "rerouted");
    lost = scalar(r, "lost");
    assert_close(rerouted, 2, 1e-12);
    assert_close(lost, 14, 1e-12);
    column(r, FLOW_SHOCK_REROUTED_VIA, via, 4);
    assert_close(via[2], 1, 1e-12);
    assert_close(via[3], 1, 1e-12);
    column(nodes, FLOW_SHOCK_DEMAND_DIRECT, d, 4);
    assert_close(d[0], 14, 1e-12);
    assert_close(d[1], 0, 1e-12);
    assert_close(d[2], -1, 1e-12);
    assert_close(d[3], -1, 1e-12);
    column(r, FLOW_SHOCK_TRANSIT_RENT, rent, 4);
    assert_close(rent[2], 0.1, 1e-12);
    flow_table_free(r);
    flow_table_free(nodes);

    assert_int_equal(flow_scenario_set_min_share(s, 0.3), FLOW_OK);
    assert_int_equal(flow_shock_run(&r, &nodes, m, s, NULL), FLOW_OK);
    column(r, FLOW_SHOCK_REROUTED_VIA, via, 4);
    assert_close(via[2], 1, 1e-12);
    assert_close(via[3], 0, 0);
    flow_table_free(r);
    flow_table_free(nodes);

    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "value_units", "0"), FLOW_OK);
    assert_int_equal(flow_shock_run(&r, &nodes, m, s, o), FLOW_OK);
    column(r, FLOW_SHOCK_TRANSIT_RENT, rent, 4);
    assert_true(isnan(rent[2]));
    flow_table_free(r);
    flow_table_free(nodes);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legs_bound_and_grow),
        cmocka_unit_test(test_tiny_route_moves_result_by_its_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
