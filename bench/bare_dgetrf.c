/*
 * bare_dgetrf.c - the LAPACK baseline: one LU factorisation (dgetrf) of
 * I - A, called directly through LAPACKE with nothing around it.
 *
 *   bare_dgetrf --n N [--reps R]      prints RESULT lu.dgetrf.N <best seconds>
 *
 * The matrix is handed to LAPACK as column-major, i.e. the transpose of the
 * row-major buffer: the same no-copy layout libflow uses, and LU costs the
 * same on a matrix and its transpose. Only the dgetrf call is timed.
 */
#include "bench_common.h"

#include <lapacke.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int64_t n = 2000, reps = 3;
    if (bench_int_option(argc, argv, "--n", &n) != 0 ||
        bench_int_option(argc, argv, "--reps", &reps) != 0 || n < 1 || reps < 1) {
        fputs("usage: bare_dgetrf --n N [--reps R]\n", stderr);
        return 2;
    }
    size_t nn = (size_t)n * (size_t)n;
    double *m = malloc(nn * sizeof *m), *work = malloc(nn * sizeof *work);
    lapack_int *ipiv = malloc((size_t)n * sizeof *ipiv);
    if (!m || !work || !ipiv) {
        fputs("bare_dgetrf: out of memory\n", stderr);
        return 1;
    }
    bench_random_technical(m, n, 42);
    for (size_t i = 0; i < nn; i++) {
        m[i] = -m[i];
    }
    for (int64_t i = 0; i < n; i++) {
        m[i * n + i] += 1.0;
    }
    double best = 1e300;
    for (int64_t r = 0; r < reps; r++) {
        memcpy(work, m, nn * sizeof *m);
        double t0 = bench_now();
        lapack_int info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, work,
                                         (lapack_int)n, ipiv);
        double t = bench_now() - t0;
        if (info != 0) {
            fprintf(stderr, "bare_dgetrf: dgetrf info %d\n", (int)info);
            return 1;
        }
        best = t < best ? t : best;
    }
    char key[64];
    snprintf(key, sizeof key, "lu.dgetrf.%lld", (long long)n);
    bench_result(key, best);
    free(m);
    free(work);
    free(ipiv);
    return 0;
}
