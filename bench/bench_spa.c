/*
 * bench_spa.c - structural path analysis at EXIOBASE size (the
 * decompositions on the same system: bench_va.c).
 *
 *   bench_spa --n N [--threshold-exp E] [--top K]
 *
 * The system has 49 regions of N/49 sectors (N = 9800 is EXIOBASE 3's
 * product-by-product size). Its coefficients are heavy-tailed like those of
 * real tables: a_kj proportional to u^6 (u uniform on [0, 1)), twenty times
 * heavier inside the buyer's own region, each column scaled to a sum in
 * [0.3, 0.7]; final demand is x - Z 1 with x in [1, 2), split evenly over the regions' final
 * users. The footprint is that
 * of value added (f = v / x), so every path's value is value added and the
 * total is the world's.
 *
 * Measured (wall clock, one run each, in this order on one model):
 *   baseline  flow_io_model_factor + one solve x = L y: what any analysis of
 *             the footprint pays first            RESULT spa_baseline.N
 *   spa       flow_io_structural_paths with top K paths, threshold 10^-E of
 *             the total, at most 12 steps (reuses the factorisation)
 *                                                  RESULT spa.N
 * and INFO lines: paths visited, nodes expanded, the share of the total the
 * visited paths cover and what was pruned (covered + pruned = 1).
 */
#include "bench_common.h"

#include "random_mrio.h"

#include <libflow.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_spa: %s: %s (%s)\n", what, flow_strerror(rc), flow_last_error());
    exit(1);
}

int main(int argc, char **argv)
{
    int64_t n = 9800, exponent = 6, top = 1000;
    if (bench_int_option(argc, argv, "--n", &n) < 0 ||
        bench_int_option(argc, argv, "--threshold-exp", &exponent) < 0 ||
        bench_int_option(argc, argv, "--top", &top) < 0 || n < BENCH_REGIONS) {
        fputs("usage: bench_spa --n N [--threshold-exp E] [--top K]\n", stderr);
        return 2;
    }
    n -= n % BENCH_REGIONS;
    flow_io_model *model = bench_random_mrio(n);
    double *out = malloc((size_t)n * sizeof *out);
    char key[64];

    double t0 = bench_now();
    int rc = flow_io_model_factor(model);
    if (rc == FLOW_OK)
        rc = flow_io_model_leontief_solve(
            model, 1, flow_io_model_view(model, FLOW_IO_FINAL_DEMAND_TOTAL, NULL, NULL), 1, out, n,
            1);
    double baseline = bench_now() - t0;
    if (rc != FLOW_OK)
        die("factor + solve", rc);
    snprintf(key, sizeof key, "spa_baseline.%lld", (long long)n);
    bench_result(key, baseline);

    flow_table *paths = NULL, *summary = NULL;
    t0 = bench_now();
    rc = flow_io_structural_paths(&paths, &summary, model, NULL, NULL, top,
                                  pow(10.0, -(double)exponent), 12);
    double spa = bench_now() - t0;
    if (rc != FLOW_OK)
        die("flow_io_structural_paths", rc);
    snprintf(key, sizeof key, "spa.%lld", (long long)n);
    bench_result(key, spa);
    const double *s = flow_table_values(summary);
    printf("INFO spa n=%lld threshold=1e-%lld top=%lld: %.0f paths visited, %.0f nodes expanded, "
           "paths cover %.4f of the total, pruned %.4f; ratio spa/baseline %.2f\n",
           (long long)n, (long long)exponent, (long long)top, s[3], s[4], s[1] / s[0], s[2] / s[0],
           spa / baseline);
    printf("INFO top path: %s (%.3g of the total)\n", flow_table_row_label(paths, 0),
           flow_table_values(paths)[1]);
    flow_table_free(paths);
    flow_table_free(summary);
    flow_io_model_free(model);
    free(out);
    return 0;
}
