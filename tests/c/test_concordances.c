/*
 * test_concordances.c - the shipped 45 -> 10 ICIO concordance
 * (data/concordances/icio2023_a10.csv) through flow_mrio_aggregate_csv on the
 * 45-industry ICIO 2023 fixture: ten sectors in the order of the ISIC Rev.4
 * A*10 groups, and every aggregated Z cell the sum of the cells it merges
 * (the membership read here from the ICIO codes' section letters).
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The A*10 group of an ICIO 2023 industry, from its ISIC section letter. */
static const char *a10_of(const char *code)
{
    static const char *const groups[] = {"A",   "B-E", "B-E", "B-E", "B-E", "F",   "G-I",
                                         "G-I", "G-I", "J",   "K",   "L",   "M-N", "M-N",
                                         "O-Q", "O-Q", "O-Q", "R-U", "R-U", "R-U", "R-U"};
    return groups[code[0] - 'A'];
}

static void icio_45_into_a10(void **state)
{
    (void)state;
    flow_mrio *m = NULL, *agg = NULL;
    char conc[4096];
    snprintf(conc, sizeof conc, "%s/data/concordances/icio2023_a10.csv",
             getenv("FLOW_SOURCE_DIR") != NULL ? getenv("FLOW_SOURCE_DIR") : "..");
    assert_int_equal(flow_mrio_read(&m, flow_test_data_file("mrio/icio2023_45sectors.csv.gz"),
                                    FLOW_MRIO_ICIO, NULL),
                     FLOW_OK);
    assert_int_equal(flow_mrio_aggregate_csv(&agg, m, NULL, conc), FLOW_OK);
    flow_io_model *small = flow_mrio_model(agg), *big = flow_mrio_model(m);
    static const char *const want[] = {"A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"};
    assert_int_equal(flow_test_io_sector_count(small), 10);
    assert_int_equal(flow_test_io_region_count(small), 2);
    for (int s = 0; s < 10; s++)
        assert_string_equal(flow_test_io_sector_code(small, s), want[s]);
    flow_table *zb = NULL, *zs = NULL;
    assert_int_equal(flow_mrio_block_table(&zb, m, FLOW_MRIO_BLOCK_Z), FLOW_OK);
    assert_int_equal(flow_mrio_block_table(&zs, agg, FLOW_MRIO_BLOCK_Z), FLOW_OK);
    int64_t n = flow_test_io_order(big), k = flow_test_io_order(small);
    int64_t sb = flow_test_io_sector_count(big);
    double *sum = calloc((size_t)(k * k), sizeof *sum);
    assert_non_null(sum);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            int64_t gi = -1, gj = -1;
            for (int s = 0; s < 10; s++) {
                if (strcmp(want[s], a10_of(flow_test_io_sector_code(big, i % sb))) == 0)
                    gi = (i / sb) * 10 + s;
                if (strcmp(want[s], a10_of(flow_test_io_sector_code(big, j % sb))) == 0)
                    gj = (j / sb) * 10 + s;
            }
            sum[gi * k + gj] += flow_table_values(zb)[i * n + j];
        }
    for (int64_t c = 0; c < k * k; c++)
        assert_true(fabs(flow_table_values(zs)[c] - sum[c]) <= 1e-12 * fabs(sum[c]) + 1e-12);
    free(sum);
    flow_table_free(zb);
    flow_table_free(zs);
    flow_mrio_free(agg);
    flow_mrio_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(icio_45_into_a10)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
