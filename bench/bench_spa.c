/*
 * bench_spa.c - structural path analysis at EXIOBASE size, and the
 * gross-export decompositions on the same kind of system.
 *
 *   bench_spa --n N [--threshold-exp E] [--top K] [--va 1]
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
 *   va_<method> with --va 1: flow_va_decompose by exporter-importer pair
 *             for vax, wwz, bm_source and bm_sink (each forms B = L and
 *             the local inverses itself)          RESULT va_<method>.N
 * and INFO lines: paths visited, nodes expanded, the share of the total the
 * visited paths cover and what was pruned (covered + pruned = 1).
 */
#include "bench_common.h"

#include <libflow.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGIONS 49

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_spa: %s: %s (%s)\n", what, flow_strerror(rc), flow_last_error());
    exit(1);
}

/* A splitmix64 stream: deterministic uniforms on [0, 1). */
static double uniform(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

static flow_io_model *build(int64_t n)
{
    size_t nn = (size_t)n * (size_t)n;
    double *z = malloc(nn * sizeof *z), *x = malloc((size_t)n * sizeof *x),
           *y = malloc((size_t)n * REGIONS * sizeof *y),
           *colsum = calloc((size_t)n, sizeof *colsum);
    uint64_t state = 2024;
    int64_t per = n / REGIONS;
    if (!z || !x || !y || !colsum) {
        fputs("bench_spa: out of memory\n", stderr);
        exit(1);
    }
    for (int64_t k = 0; k < n; k++)
        for (int64_t j = 0; j < n; j++) {
            double u = uniform(&state), a = u * u * u * u * u * u;
            if (k / per == j / per)
                a *= 20.0;
            z[(size_t)k * (size_t)n + (size_t)j] = a;
            colsum[j] += a;
        }
    for (int64_t j = 0; j < n; j++) {
        x[j] = 1.0 + uniform(&state);
        colsum[j] = (0.3 + 0.4 * uniform(&state)) / colsum[j] * x[j];
    }
    for (int64_t k = 0; k < n; k++) {
        double row = 0.0;
        for (int64_t j = 0; j < n; j++) {
            z[(size_t)k * (size_t)n + (size_t)j] *= colsum[j];
            row += z[(size_t)k * (size_t)n + (size_t)j];
        }
        if (x[k] - row <= 0.0) {
            fprintf(stderr, "bench_spa: row %lld has no final demand\n", (long long)k);
            exit(1);
        }
        for (int r = 0; r < REGIONS; r++)
            y[k * REGIONS + r] = (x[k] - row) / REGIONS;
    }
    flow_io_model *model = NULL;
    int rc = flow_io_model_new(&model, n, z, REGIONS, y, NULL, NULL);
    free(z);
    free(x);
    free(y);
    free(colsum);
    if (rc != FLOW_OK)
        die("flow_io_model_new", rc);
    if ((rc = flow_io_model_set_regions(model, REGIONS, NULL, NULL)) != FLOW_OK)
        die("flow_io_model_set_regions", rc);
    return model;
}

int main(int argc, char **argv)
{
    int64_t n = 9800, exponent = 6, top = 1000, va = 0;
    if (bench_int_option(argc, argv, "--n", &n) < 0 ||
        bench_int_option(argc, argv, "--threshold-exp", &exponent) < 0 ||
        bench_int_option(argc, argv, "--top", &top) < 0 ||
        bench_int_option(argc, argv, "--va", &va) < 0 || n < REGIONS) {
        fputs("usage: bench_spa --n N [--threshold-exp E] [--top K] [--va 1]\n", stderr);
        return 2;
    }
    n -= n % REGIONS;
    flow_io_model *model = build(n);
    double *out = malloc((size_t)n * sizeof *out);
    char key[64];

    double t0 = bench_now();
    int rc = flow_io_model_factor(model);
    if (rc == FLOW_OK)
        rc = flow_io_model_leontief_solve(model, 1, flow_io_model_final_demand_total(model), 1, out,
                                          n, 1);
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
    static const char *const methods[] = {"vax", "wwz", "bm_source", "bm_sink"};
    static const int codes[] = {FLOW_VA_VAX, FLOW_VA_WWZ, FLOW_VA_BM_SOURCE, FLOW_VA_BM_SINK};
    for (int k = 0; va && k < 4; k++) {
        flow_table *t = NULL;
        t0 = bench_now();
        if ((rc = flow_va_decompose(&t, model, codes[k], FLOW_VA_BY_PAIR, -1)) != FLOW_OK)
            die("flow_va_decompose", rc);
        double took = bench_now() - t0;
        snprintf(key, sizeof key, "va_%s.%lld", methods[k], (long long)n);
        bench_result(key, took);
        printf("INFO va %s: ratio to baseline %.2f\n", methods[k], took / baseline);
        flow_table_free(t);
    }
    flow_io_model_free(model);
    free(out);
    return 0;
}
