/*
 * test_io_analysis.c - multipliers, linkages, key sectors and hypothetical
 * extraction on Miller & Blair's Table 2.3 economy, every expected value
 * worked out by hand in the comments (exact fractions where they exist).
 *
 * Z = [[150, 500], [200, 100]], f = [350, 1700], x = [1000, 2000],
 * A = [[.15, .25], [.20, .05]], B = x^-1 Z = [[.15, .50], [.10, .05]],
 * v = [650, 1400], L = [[1.2541254, 0.3300330], [0.2640264, 1.1221122]]
 * (det(I - A) = .85 * .95 - .25 * .20 = .7575).
 */
#include "support.h"

#include "libflow.h"

#include <stdlib.h>
#include <string.h>

static const double mb_z[4] = {150, 500, 200, 100};
static const double mb_f[2] = {350, 1700};

static flow_io_model *miller_blair(void)
{
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 2, 1, mb_f, 1, NULL, NULL), FLOW_OK);
    return m;
}

static void test_multipliers(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    double out[2];
    /* Column sums of L: (.95 + .20) / .7575 and (.25 + .85) / .7575. */
    assert_int_equal(flow_io_output_multipliers(m, out, 2), FLOW_OK);
    assert_close(out[0], 1.15 / 0.7575, 1e-13);
    assert_close(out[1], 1.10 / 0.7575, 1e-13);
    /* v / x = 1' (I - A) for a balanced table, so (v / x)' L = 1'. */
    assert_int_equal(flow_io_value_added_multipliers(m, out, 2), FLOW_OK);
    assert_close(out[0], 1.0, 1e-14);
    assert_close(out[1], 1.0, 1e-14);
    /* Employment [10, 40] per x: s = [.01, .02]; s'L = [.01*1.2541+.02*.2640, .01*.3300+.02*1.1221]
     * = [(.01*.95 + .02*.20) / .7575, (.01*.25 + .02*.85) / .7575]. */
    const double jobs[2] = {10, 40};
    assert_int_equal(flow_io_satellite_multipliers(m, 1, jobs, 2, out, 2, 2), FLOW_OK);
    assert_close(out[0], 0.0135 / 0.7575, 1e-13);
    assert_close(out[1], 0.0195 / 0.7575, 1e-13);
    /* One region owning all final demand: consumption footprint = production = 50. */
    double cons, prod;
    assert_int_equal(flow_io_footprints(m, jobs, &cons, &prod, 1), FLOW_OK);
    assert_close(cons, 50.0, 1e-13);
    assert_close(prod, 50.0, 1e-15);
    flow_io_model_free(m);
}

static void test_linkages_and_key_sectors(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    double out[2];
    assert_int_equal(flow_io_linkages(m, FLOW_IO_BACKWARD_DIRECT, 0, out, 2), FLOW_OK);
    assert_close(out[0], 0.35, 1e-15);
    assert_close(out[1], 0.30, 1e-15);
    assert_int_equal(flow_io_linkages(m, FLOW_IO_FORWARD_DIRECT, 0, out, 2), FLOW_OK);
    assert_close(out[0], 0.65, 1e-15);
    assert_close(out[1], 0.15, 1e-15);
    /* Normalised total backward: 2 * 1.15 / 2.25 and 2 * 1.10 / 2.25. */
    assert_int_equal(flow_io_linkages(m, FLOW_IO_BACKWARD_TOTAL, 1, out, 2), FLOW_OK);
    assert_close(out[0], 2.3 / 2.25, 1e-13);
    assert_close(out[1], 2.2 / 2.25, 1e-13);
    /* G = x^-1 L x: rows [l00 + 2 l01, l10 / 2 + l11] = [1.45, .95] / .7575. */
    assert_int_equal(flow_io_linkages(m, FLOW_IO_FORWARD_TOTAL, 0, out, 2), FLOW_OK);
    assert_close(out[0], 1.45 / 0.7575, 1e-13);
    assert_close(out[1], 0.95 / 0.7575, 1e-13);
    /* Normalised forward: 2 * 1.45 / 2.4 = 1.2083 and 0.7917: sector 0 key, sector 1 weak. */
    int64_t classes[2];
    assert_int_equal(flow_io_key_sectors(m, 0, classes, 2), FLOW_OK);
    assert_int_equal(classes[0], FLOW_IO_SECTOR_KEY);
    assert_int_equal(classes[1], FLOW_IO_SECTOR_WEAK);
    assert_int_equal(flow_io_linkages(m, 7, 0, out, 2), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_linkages(m, FLOW_IO_BACKWARD_TOTAL, 0, out, 1),
                     FLOW_ERR_BUFFER_TOO_SMALL);
    flow_io_model_free(m);
}

/*
 * Extracting sector 0, re-solved by hand (total output 3000 before):
 *  backward, a00 dropped: x1 = 1700/.95 = 34000/19, x0 = 350 + .25 x1 = 15150/19,
 *    loss 57000/19 - 49150/19 = 7850/19;
 *  backward, a00 kept: x0 = (15150/19) / .85 = 303000/323, loss 969000/323 - 881000/323
 *    = 88000/323;
 *  forward (Ghosh, row 0 of B), b00 kept: x1 = 1400/.95 = 28000/19,
 *    x0 = (650 + .1 x1) / .85 = 303000/323, loss 190000/323; b00 dropped: x0 = 15150/19,
 *    loss 13850/19;
 *  total (row and column 0 of A), a00 kept: x = [350/.85, 1700/.95], loss 258000/323;
 *    a00 dropped: x0 = 350, loss 16350/19.
 */
static void test_extraction_sweep_against_hand_solutions(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    double bl[2], fl[2], tl[2];
    assert_int_equal(flow_io_extraction_sweep(m, 0, bl, fl, tl, 2), FLOW_OK);
    assert_close(bl[0], 88000.0 / 323.0, 1e-12);
    assert_close(fl[0], 190000.0 / 323.0, 1e-12);
    assert_close(tl[0], 258000.0 / 323.0, 1e-12);
    assert_int_equal(flow_io_extraction_sweep(m, FLOW_IO_EXTRACT_DROP_DIAGONAL, bl, fl, tl, 2),
                     FLOW_OK);
    assert_close(bl[0], 7850.0 / 19.0, 1e-12);
    assert_close(fl[0], 13850.0 / 19.0, 1e-12);
    assert_close(tl[0], 16350.0 / 19.0, 1e-12);
    /* Sector 1, a11 dropped, backward: x0 = 350/.85 = 7000/17, x1 = 1700 + .2 x0 = 30300/17,
     * loss 51000/17 - 37300/17 = 13700/17. */
    assert_close(bl[1], 13700.0 / 17.0, 1e-12);
    assert_int_equal(flow_io_extraction_sweep(m, 0, bl, NULL, NULL, 1), FLOW_ERR_BUFFER_TOO_SMALL);
    flow_io_model_free(m);
}

/*
 * Two regions of one sector each: extracting the links between them leaves
 * two isolated economies, x = [350 / .85, 1700 / .95]; at severity .5 the
 * coefficients .25 and .20 become .125 and .10: x = (I - A')^-1 f with
 * det = .85 * .95 - .0125 = .795, x0 = (.95 * 350 + .125 * 1700) / .795.
 */
static void test_extract_links_between_regions(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    const char *regions[2] = {"N", "S"};
    assert_int_equal(flow_io_model_set_regions(m, 2, regions, NULL), FLOW_OK);
    int64_t first = 0, second = 1;
    double xbar[2];
    assert_int_equal(flow_io_extract_links(m, 1, &first, 1, &second, 1.0, 0, xbar, 2), FLOW_OK);
    assert_close(xbar[0], 350.0 / 0.85, 1e-13);
    assert_close(xbar[1], 1700.0 / 0.95, 1e-13);
    assert_int_equal(flow_io_extract_links(m, 1, &first, 1, &second, 0.5, 0, xbar, 2), FLOW_OK);
    assert_close(xbar[0], (0.95 * 350 + 0.125 * 1700) / 0.795, 1e-13);
    assert_close(xbar[1], (0.10 * 350 + 0.85 * 1700) / 0.795, 1e-13);
    int64_t bad = 2;
    assert_int_equal(flow_io_extract_links(m, 1, &first, 1, &bad, 1.0, 0, xbar, 2),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_io_extract_links(m, 1, &first, 1, &second, 1.5, 0, xbar, 2),
                     FLOW_ERR_INVALID_ARG);
    flow_io_model_free(m);
}

/*
 * Value added of origin r in final demand of s, with each region owning its
 * own final demand (column r): VA = diag(v/x) L diag(f). v/x = [.65, .70]:
 * VA[0][1] = .65 * l01 * 1700 = .65 * (.25/.7575) * 1700.
 */
static void test_value_added_origin_and_trade(void **state)
{
    (void)state;
    const double y2[4] = {350, 0, 0, 1700};
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 2, 2, y2, 2, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, 2, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_final_demand_region(m, 1), 1);
    double va[4];
    assert_int_equal(flow_io_value_added_origin(m, 0, va, 4, 2), FLOW_OK);
    assert_close(va[0], 0.65 * (0.95 / 0.7575) * 350, 1e-13);
    assert_close(va[1], 0.65 * (0.25 / 0.7575) * 1700, 1e-13);
    assert_close(va[2], 0.70 * (0.20 / 0.7575) * 350, 1e-13);
    assert_close(va[3], 0.70 * (0.85 / 0.7575) * 1700, 1e-13);
    assert_close(va[0] + va[1] + va[2] + va[3], 2050.0, 1e-13); /* total value added */
    double trade[4];
    assert_int_equal(flow_io_bilateral_trade(m, trade, 4, 2), FLOW_OK);
    assert_close(trade[1], 500.0, 1e-15);
    assert_close(trade[2], 200.0, 1e-15);
    assert_close(trade[0], 0.0, 1e-15);
    flow_io_model_free(m);
}

/*
 * Merging Miller & Blair's two sectors into one: Z = 950, f = 2050, x = 3000,
 * a = 950/3000, L = 1 / (1 - a) = 3000/2050.
 */
static void test_aggregation(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair(), *agg = NULL;
    const int64_t sector_map[2] = {0, 0}, bad_map[2] = {0, 1};
    const char *name[1] = {"all"};
    assert_int_equal(flow_io_model_aggregate(&agg, m, 1, NULL, NULL, 1, sector_map, name), FLOW_OK);
    assert_int_equal(flow_io_model_order(agg), 1);
    assert_string_equal(flow_io_model_sector_code(agg, 0), "all");
    assert_close(flow_io_model_output(agg)[0], 3000.0, 1e-15);
    assert_close(flow_io_model_final_demand_total(agg)[0], 2050.0, 1e-15);
    double l = 0.0;
    assert_int_equal(flow_io_model_leontief_inverse(agg, &l, 1, 1), FLOW_OK);
    assert_close(l, 3000.0 / 2050.0, 1e-14);
    flow_io_model_free(agg);
    agg = (flow_io_model *)&agg;
    assert_int_equal(flow_io_model_aggregate(&agg, m, 1, NULL, NULL, 1, bad_map, NULL),
                     FLOW_ERR_INVALID_ARG);
    assert_null(agg);
    assert_non_null(strstr(flow_last_error(), "sector map entry 1"));
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_multipliers),
        cmocka_unit_test(test_linkages_and_key_sectors),
        cmocka_unit_test(test_extraction_sweep_against_hand_solutions),
        cmocka_unit_test(test_extract_links_between_regions),
        cmocka_unit_test(test_value_added_origin_and_trade),
        cmocka_unit_test(test_aggregation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
