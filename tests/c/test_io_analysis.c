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
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 1, mb_f, NULL, NULL), FLOW_OK);
    return m;
}

/* The value at (row, column named col) of a result table. */
static double cell(const flow_table *t, int64_t row, const char *col)
{
    int64_t j = 0;
    assert_int_equal(flow_table_find_col(t, col, NULL, &j), FLOW_OK);
    return flow_table_values(t)[row * flow_table_cols(t) + j];
}

static void test_multipliers(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    flow_table *t = NULL, *jobs = NULL;
    /* Employment [10, 40] per x: s = [.01, .02]; s'L = [.01*1.2541+.02*.2640, .01*.3300+.02*1.1221]
     * = [(.01*.95 + .02*.20) / .7575, (.01*.25 + .02*.85) / .7575]. */
    const double jobs_per_sector[2] = {10, 40};
    assert_int_equal(flow_table_new(&jobs, 1, 2, jobs_per_sector, 2), FLOW_OK);
    assert_int_equal(flow_table_set_row_label(jobs, 0, "jobs", NULL), FLOW_OK);
    assert_int_equal(flow_io_multipliers(&t, m, jobs), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 2);
    assert_int_equal(flow_table_cols(t), 3);
    /* Column sums of L: (.95 + .20) / .7575 and (.25 + .85) / .7575. */
    assert_close(cell(t, 0, "output"), 1.15 / 0.7575, 1e-13);
    assert_close(cell(t, 1, "output"), 1.10 / 0.7575, 1e-13);
    /* v / x = 1' (I - A) for a balanced table, so (v / x)' L = 1'. */
    assert_close(cell(t, 0, "value_added"), 1.0, 1e-14);
    assert_close(cell(t, 1, "value_added"), 1.0, 1e-14);
    assert_close(cell(t, 0, "jobs"), 0.0135 / 0.7575, 1e-13);
    assert_close(cell(t, 1, "jobs"), 0.0195 / 0.7575, 1e-13);
    flow_table_free(t);
    /* A satellite table of the wrong width fails and leaves *out NULL. */
    flow_table *wide = NULL;
    assert_int_equal(flow_table_new(&wide, 1, 3, NULL, 3), FLOW_OK);
    t = (flow_table *)&t;
    assert_int_equal(flow_io_multipliers(&t, m, wide), FLOW_ERR_INVALID_ARG);
    assert_null(t);
    flow_table_free(wide);
    /* One region owning all final demand: consumption footprint = production = 50. */
    assert_int_equal(flow_io_footprints(&t, m, jobs_per_sector), FLOW_OK);
    assert_int_equal(flow_table_rows(t), 1);
    assert_close(cell(t, 0, "consumption"), 50.0, 1e-13);
    assert_close(cell(t, 0, "production"), 50.0, 1e-15);
    flow_table_free(t);
    flow_table_free(jobs);
    flow_io_model_free(m);
}

static void test_linkages_and_key_sectors(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    flow_table *t = NULL;
    assert_int_equal(flow_io_linkages(&t, m, 1), FLOW_OK);
    assert_close(cell(t, 0, "backward"), 0.35, 1e-15);
    assert_close(cell(t, 1, "backward"), 0.30, 1e-15);
    assert_close(cell(t, 0, "forward"), 0.65, 1e-15);
    assert_close(cell(t, 1, "forward"), 0.15, 1e-15);
    /* One region: every partner is local. */
    assert_close(cell(t, 0, "backward_local"), 0.35, 1e-15);
    assert_close(cell(t, 0, "backward_foreign"), 0.0, 1e-15);
    flow_table_free(t);
    assert_int_equal(flow_io_linkages(&t, m, 0), FLOW_OK);
    /* Normalised total backward: 2 * 1.15 / 2.25 and 2 * 1.10 / 2.25. */
    assert_close(cell(t, 0, "backward_normalised"), 2.3 / 2.25, 1e-13);
    assert_close(cell(t, 1, "backward_normalised"), 2.2 / 2.25, 1e-13);
    /* G = x^-1 L x: rows [l00 + 2 l01, l10 / 2 + l11] = [1.45, .95] / .7575. */
    assert_close(cell(t, 0, "forward"), 1.45 / 0.7575, 1e-13);
    assert_close(cell(t, 1, "forward"), 0.95 / 0.7575, 1e-13);
    /* Normalised forward: 2 * 1.45 / 2.4 = 1.2083 and 0.7917: sector 0 key, sector 1 weak. */
    assert_close(cell(t, 0, "class"), FLOW_IO_SECTOR_KEY, 0.0);
    assert_close(cell(t, 1, "class"), FLOW_IO_SECTOR_WEAK, 0.0);
    flow_table_free(t);
    /* Two regions of one sector each: L's diagonal is local, the rest foreign. */
    assert_int_equal(flow_io_model_set_regions(m, 2, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_linkages(&t, m, 0), FLOW_OK);
    assert_close(cell(t, 0, "backward_local"), 0.95 / 0.7575, 1e-13);
    assert_close(cell(t, 0, "backward_foreign"), 0.20 / 0.7575, 1e-13);
    flow_table_free(t);
    flow_io_model_free(m);
}

/*
 * Spillovers of two one-sector regions: the off-diagonal entries of L,
 * spill[0][1] = l01 = .25 / .7575, spill[1][0] = l10 = .20 / .7575.
 */
static void test_spillovers(void **state)
{
    (void)state;
    flow_io_model *m = miller_blair();
    const char *regions[2] = {"N", "S"};
    assert_int_equal(flow_io_model_set_regions(m, 2, regions, NULL), FLOW_OK);
    flow_table *spill = NULL, *net = NULL, *matrix = NULL;
    assert_int_equal(flow_io_spillovers(&spill, &net, &matrix, m), FLOW_OK);
    assert_string_equal(flow_table_row_label(spill, 1), "S");
    assert_string_equal(flow_table_col_label(net, 0), "N");
    assert_close(flow_table_values(spill)[1], 0.25 / 0.7575, 1e-13);
    assert_close(flow_table_values(spill)[2], 0.20 / 0.7575, 1e-13);
    assert_close(flow_table_values(spill)[0], 0.0, 0.0);
    assert_close(flow_table_values(net)[1], 0.05 / 0.7575, 1e-13);
    assert_close(flow_table_values(matrix)[0], 0.0, 0.0);
    assert_close(flow_table_values(matrix)[2], 0.20 / 0.7575, 1e-13);
    flow_table_free(spill);
    flow_table_free(net);
    flow_table_free(matrix);
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
    flow_table *t = NULL;
    assert_int_equal(flow_io_extraction_sweep(&t, m, 0), FLOW_OK);
    assert_close(cell(t, 0, "backward"), 88000.0 / 323.0, 1e-12);
    assert_close(cell(t, 0, "forward"), 190000.0 / 323.0, 1e-12);
    assert_close(cell(t, 0, "total"), 258000.0 / 323.0, 1e-12);
    flow_table_free(t);
    assert_int_equal(flow_io_extraction_sweep(&t, m, FLOW_IO_EXTRACT_DROP_DIAGONAL), FLOW_OK);
    assert_close(cell(t, 0, "backward"), 7850.0 / 19.0, 1e-12);
    assert_close(cell(t, 0, "forward"), 13850.0 / 19.0, 1e-12);
    assert_close(cell(t, 0, "total"), 16350.0 / 19.0, 1e-12);
    /* Sector 1, a11 dropped, backward: x0 = 350/.85 = 7000/17, x1 = 1700 + .2 x0 = 30300/17,
     * loss 51000/17 - 37300/17 = 13700/17. */
    assert_close(cell(t, 1, "backward"), 13700.0 / 17.0, 1e-12);
    flow_table_free(t);
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
    flow_table *t = NULL;
    double total = 0.0;
    assert_int_equal(flow_io_extract_links(&t, m, 1, &first, 1, &second, 1.0, 0), FLOW_OK);
    assert_string_equal(flow_table_row_label(t, 1), "S");
    assert_close(cell(t, 0, "output"), 350.0 / 0.85, 1e-13);
    assert_close(cell(t, 1, "output"), 1700.0 / 0.95, 1e-13);
    assert_close(cell(t, 0, "loss"), 1000.0 - 350.0 / 0.85, 1e-12);
    assert_int_equal(flow_table_scalar(t, "loss_total", &total), FLOW_OK);
    assert_close(total, 3000.0 - 350.0 / 0.85 - 1700.0 / 0.95, 1e-12);
    flow_table_free(t);
    assert_int_equal(flow_io_extract_links(&t, m, 1, &first, 1, &second, 0.5, 0), FLOW_OK);
    assert_close(cell(t, 0, "output"), (0.95 * 350 + 0.125 * 1700) / 0.795, 1e-13);
    assert_close(cell(t, 1, "output"), (0.10 * 350 + 0.85 * 1700) / 0.795, 1e-13);
    flow_table_free(t);
    int64_t bad = 2;
    t = (flow_table *)&t;
    assert_int_equal(flow_io_extract_links(&t, m, 1, &first, 1, &bad, 1.0, 0),
                     FLOW_ERR_INVALID_ARG);
    assert_null(t);
    assert_int_equal(flow_io_extract_links(&t, m, 1, &first, 1, &second, 1.5, 0),
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
    assert_int_equal(flow_io_model_new(&m, 2, mb_z, 2, y2, NULL, NULL), FLOW_OK);
    const char *regions[2] = {"N", "S"};
    assert_int_equal(flow_io_model_set_regions(m, 2, regions, NULL), FLOW_OK);
    assert_int_equal(flow_test_io_final_demand_region(m, 1), 1);
    flow_table *t = NULL;
    assert_int_equal(flow_io_origin_matrix(&t, m, NULL, 0), FLOW_OK);
    assert_string_equal(flow_table_col_label(t, 1), "S");
    const double *va = flow_table_values(t);
    assert_close(va[0], 0.65 * (0.95 / 0.7575) * 350, 1e-13);
    assert_close(va[1], 0.65 * (0.25 / 0.7575) * 1700, 1e-13);
    assert_close(va[2], 0.70 * (0.20 / 0.7575) * 350, 1e-13);
    assert_close(va[3], 0.70 * (0.85 / 0.7575) * 1700, 1e-13);
    assert_close(va[0] + va[1] + va[2] + va[3], 2050.0, 1e-13); /* total value added */
    flow_table_free(t);
    assert_int_equal(flow_io_origin_matrix(&t, m, NULL, 1), FLOW_OK);
    assert_close(flow_table_values(t)[0] + flow_table_values(t)[2], 1.0, 1e-14);
    flow_table_free(t);
    assert_int_equal(flow_io_bilateral_trade(&t, m), FLOW_OK);
    assert_string_equal(flow_table_row_label(t, 0), "N");
    assert_close(flow_table_values(t)[1], 500.0, 1e-15);
    assert_close(flow_table_values(t)[2], 200.0, 1e-15);
    assert_close(flow_table_values(t)[0], 0.0, 1e-15);
    flow_table_free(t);
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
    assert_int_equal(flow_test_io_order(agg), 1);
    assert_string_equal(flow_test_io_sector_code(agg, 0), "all");
    assert_close(flow_test_io_view(agg, FLOW_IO_OUTPUT)[0], 3000.0, 1e-15);
    assert_close(flow_test_io_view(agg, FLOW_IO_FINAL_DEMAND_TOTAL)[0], 2050.0, 1e-15);
    double l = 0.0;
    assert_int_equal(flow_test_io_matrix(agg, FLOW_IO_LEONTIEF, &l, 1, 1), FLOW_OK);
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
        cmocka_unit_test(test_spillovers),
        cmocka_unit_test(test_extraction_sweep_against_hand_solutions),
        cmocka_unit_test(test_extract_links_between_regions),
        cmocka_unit_test(test_value_added_origin_and_trade),
        cmocka_unit_test(test_aggregation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
