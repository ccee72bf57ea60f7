/*
 * random_mrio.c - the benchmarks' 49-region system (random_mrio.h).
 */
#include "random_mrio.h"

#include <stdio.h>
#include <stdlib.h>

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench: %s: %s (%s)\n", what, flow_strerror(rc), flow_last_error());
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

flow_io_model *bench_random_mrio(int64_t n)
{
    size_t nn = (size_t)n * (size_t)n;
    double *z = malloc(nn * sizeof *z), *x = malloc((size_t)n * sizeof *x),
           *y = malloc((size_t)n * BENCH_REGIONS * sizeof *y),
           *colsum = calloc((size_t)n, sizeof *colsum);
    uint64_t state = 2024;
    int64_t per = n / BENCH_REGIONS;
    if (!z || !x || !y || !colsum) {
        fputs("bench: out of memory\n", stderr);
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
            fprintf(stderr, "bench: row %lld has no final demand\n", (long long)k);
            exit(1);
        }
        for (int r = 0; r < BENCH_REGIONS; r++)
            y[k * BENCH_REGIONS + r] = (x[k] - row) / BENCH_REGIONS;
    }
    flow_io_model *model = NULL;
    int rc = flow_io_model_new(&model, n, z, BENCH_REGIONS, y, NULL, NULL);
    free(z);
    free(x);
    free(y);
    free(colsum);
    if (rc != FLOW_OK)
        die("flow_io_model_new", rc);
    if ((rc = flow_io_model_set_regions(model, BENCH_REGIONS, NULL, NULL)) != FLOW_OK)
        die("flow_io_model_set_regions", rc);
    return model;
}
