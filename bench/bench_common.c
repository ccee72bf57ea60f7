/* bench_common.c - see bench_common.h. */
#include "bench_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* splitmix64: enough for test matrices, and the same on every machine. */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double next_unit(uint64_t *state)
{
    return (double)(next_u64(state) >> 11) * 0x1.0p-53;
}

void bench_random_technical(double *a, int64_t n, uint64_t seed)
{
    uint64_t state = seed;
    double *colsum = calloc((size_t)n, sizeof *colsum);
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < n; j++) {
            double x = next_unit(&state);
            a[i * n + j] = x * x; /* skewed, like real coefficients */
            colsum[j] += a[i * n + j];
        }
    }
    for (int64_t j = 0; j < n; j++) {
        double target = 0.3 + 0.4 * next_unit(&state);
        double scale = colsum[j] > 0.0 ? target / colsum[j] : 0.0;
        for (int64_t i = 0; i < n; i++) {
            a[i * n + j] *= scale;
        }
    }
    free(colsum);
}

void bench_random_positive(double *v, int64_t n, uint64_t seed)
{
    uint64_t state = seed;
    for (int64_t i = 0; i < n; i++) {
        v[i] = 1.0 + next_unit(&state);
    }
}

void bench_result(const char *key, double seconds)
{
    printf("RESULT %s %.6f\n", key, seconds);
    fflush(stdout);
}

int bench_int_option(int argc, char **argv, const char *name, int64_t *value)
{
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            char *end;
            long long v = strtoll(argv[i + 1], &end, 10);
            if (*end != '\0' || v < 0) {
                fprintf(stderr, "%s: bad value for %s: %s\n", argv[0], name, argv[i + 1]);
                return -1;
            }
            *value = (int64_t)v;
        }
    }
    return 0;
}
