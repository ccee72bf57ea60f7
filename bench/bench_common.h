/*
 * bench_common.h - timing, test matrices and result lines shared by the
 * benchmark programs (not part of the library).
 *
 * Every program prints its measurements as lines
 *     RESULT <key> <seconds>
 * which bench/run.sh collects; peak memory is taken from the outside with
 * /usr/bin/time, so each program should measure one thing.
 */
#ifndef LIBFLOW_BENCH_COMMON_H
#define LIBFLOW_BENCH_COMMON_H

#include <stdint.h>

/* Monotonic wall-clock time in seconds. */
double bench_now(void);

/*
 * Fills the row-major n x n matrix a with a random productive technical
 * coefficient matrix (non-negative, column sums in [0.3, 0.7], so rho(A) < 1),
 * deterministic in seed. Dense, like a multi-regional IO table.
 */
void bench_random_technical(double *a, int64_t n, uint64_t seed);

/* Fills v[0..n) with positive values in [1, 2), deterministic in seed. */
void bench_random_positive(double *v, int64_t n, uint64_t seed);

/* Prints "RESULT key seconds" on stdout and flushes. */
void bench_result(const char *key, double seconds);

/* Parses "--n N" / "--reps R" style options shared by the programs; 0 or -1. */
int bench_int_option(int argc, char **argv, const char *name, int64_t *value);

#endif /* LIBFLOW_BENCH_COMMON_H */
