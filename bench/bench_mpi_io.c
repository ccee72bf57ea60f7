/*
 * bench_mpi_io.c - libflow_mpi against the single-process IO model, in one run.
 *
 *   mpirun -np P bench_mpi_io --n N [--block NB] [--scenarios S] [--baseline 0|1]
 *                             [--sweep 0|1]
 *
 * Rank 0 builds a dense random productive system of order N (A from
 * bench_random_technical, x in [1, 2), y = x - A x), then:
 *   scatter   distributing I - A over the P ranks      RESULT scatter.mpi.N.P
 *   baseline  flow_io_model_factor on rank 0 alone (LAPACK dgetrf, the
 *             other ranks wait)                        RESULT lu.single.N
 *             and S demand scenarios x = L y solved with it
 *                                                      RESULT batch.single.N
 *   lu        flow_mpi_io_model_factor (pdgetrf)       RESULT lu.mpi.N.P
 *   batch     S scenarios through flow_mpi_io_leontief_solve (scatter of the
 *             right-hand sides, pdgetrs, gather)       RESULT batch.mpi.N.P
 *   sweep     flow_mpi_io_extraction_sweep (two solves and diag(L) by
 *             pdgetri)                                 RESULT sweep.mpi.N.P
 * --baseline 0 and --sweep 0 leave those parts out (for the largest N, where
 * each costs minutes). An INFO line gives the largest difference between the distributed and the
 * single-process scenario results relative to the largest entry, and a MEM
 * line the peak resident memory (VmHWM) of rank 0 and of the largest other
 * rank, in MiB. Run with OPENBLAS_NUM_THREADS=1: one core per rank.
 */
#include "bench_common.h"

#include <libflow.h>
#include <libflow/mpi.h>

#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int rank, size;

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_mpi_io: rank %d: %s: %s (%s)\n", rank, what, flow_strerror(rc),
            flow_last_error());
    MPI_Abort(MPI_COMM_WORLD, 1);
}

static void *xmalloc(size_t bytes)
{
    void *p = malloc(bytes);
    if (p == NULL)
        die("malloc", FLOW_ERR_NOMEM);
    return p;
}

/* Z = A diag(x), y = x - Z 1: a model whose x = Z 1 + y is x. */
static flow_io_model *build_model(int64_t n)
{
    size_t nn = (size_t)n * (size_t)n;
    double *z = xmalloc(nn * sizeof *z), *x = xmalloc((size_t)n * sizeof *x);
    double *y = xmalloc((size_t)n * sizeof *y);
    flow_io_model *m = NULL;
    bench_random_technical(z, n, 42);
    bench_random_positive(x, n, 7);
    for (int64_t i = 0; i < n; i++) {
        double row = 0.0;
        for (int64_t j = 0; j < n; j++)
            row += (z[i * n + j] *= x[j]);
        y[i] = x[i] - row;
    }
    int rc = flow_io_model_new(&m, n, z, 1, y, NULL, NULL);
    if (rc != FLOW_OK)
        die("model", rc);
    free(z);
    free(x);
    free(y);
    return m;
}

/* Peak resident set of this process in MiB (VmHWM), -1 when unknown. */
static double peak_mib(void)
{
    char line[256];
    double kib = -1.0;
    FILE *f = fopen("/proc/self/status", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = atof(line + 6);
    if (f != NULL)
        fclose(f);
    return kib / 1024.0;
}

static void result(const char *what, int64_t n, int per_rank, double seconds)
{
    char key[96];
    if (rank != 0)
        return;
    if (per_rank)
        snprintf(key, sizeof key, "%s.mpi.%lld.%d", what, (long long)n, size);
    else
        snprintf(key, sizeof key, "%s.single.%lld", what, (long long)n);
    bench_result(key, seconds);
}

/*
 * A barrier that sleeps while it waits: the ranks idle during rank 0's
 * baseline must not spin on a core the baseline needs (MPI_Barrier polls).
 */
static void quiet_barrier(void)
{
    MPI_Request request;
    int done = 0;
    struct timespec pause = {0, 1000000};
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
    for (MPI_Test(&request, &done, MPI_STATUS_IGNORE); !done;
         MPI_Test(&request, &done, MPI_STATUS_IGNORE))
        nanosleep(&pause, NULL);
}

/* Times sections: barrier, clock, call, barrier. */
#define TIMED(seconds, call)                                                                       \
    do {                                                                                           \
        MPI_Barrier(MPI_COMM_WORLD);                                                               \
        double t0_ = bench_now();                                                                  \
        int rc_ = (call);                                                                          \
        MPI_Barrier(MPI_COMM_WORLD);                                                               \
        (seconds) = bench_now() - t0_;                                                             \
        if (rc_ != FLOW_OK)                                                                        \
            die(#call, rc_);                                                                       \
    } while (0)

int main(int argc, char **argv)
{
    int64_t n = 2000, block = 64, scenarios = 100, baseline = 1, do_sweep = 1;
    flow_mpi_comm *comm = NULL;
    flow_mpi_options *opts = NULL;
    flow_mpi_io_model *dm = NULL;
    flow_io_model *single = NULL;
    flow_table *batch = NULL, *sweep = NULL;
    double *y = NULL, *x_single = NULL, seconds = 0.0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (bench_int_option(argc, argv, "--n", &n) != 0 ||
        bench_int_option(argc, argv, "--block", &block) != 0 ||
        bench_int_option(argc, argv, "--scenarios", &scenarios) != 0 ||
        bench_int_option(argc, argv, "--baseline", &baseline) != 0 ||
        bench_int_option(argc, argv, "--sweep", &do_sweep) != 0) {
        fputs("usage: bench_mpi_io --n N [--block NB] [--scenarios S] [--baseline 0|1] "
              "[--sweep 0|1]\n",
              stderr);
        MPI_Abort(MPI_COMM_WORLD, 2);
    }
    int rc = flow_mpi_comm_new_world(&comm);
    if (rc == FLOW_OK && (rc = flow_mpi_options_new(&opts)) == FLOW_OK)
        rc = flow_mpi_options_set_block_size(opts, block);
    if (rc != FLOW_OK)
        die("set-up", rc);
    if (rank == 0) {
        single = build_model(n);
        y = xmalloc((size_t)(n * scenarios) * sizeof *y);
        x_single = xmalloc((size_t)(n * scenarios) * sizeof *x_single);
        bench_random_positive(y, n * scenarios, 3);
    }

    TIMED(seconds, flow_mpi_io_model_new(&dm, comm, 0, single, opts));
    result("scatter", n, 1, seconds);

    /* The baseline, on rank 0 alone, in the same run. */
    quiet_barrier();
    if (rank == 0 && baseline) {
        double t0 = bench_now();
        if ((rc = flow_io_model_factor(single)) != FLOW_OK)
            die("single factor", rc);
        result("lu", n, 0, bench_now() - t0);
        t0 = bench_now();
        rc = flow_io_model_leontief_solve(single, scenarios, y, scenarios, x_single, n * scenarios,
                                          scenarios);
        if (rc != FLOW_OK)
            die("single solve", rc);
        result("batch", n, 0, bench_now() - t0);
    }
    flow_io_model_free(single);
    quiet_barrier();

    TIMED(seconds, flow_mpi_io_model_factor(dm));
    result("lu", n, 1, seconds);
    TIMED(seconds, flow_mpi_io_leontief_solve(&batch, dm, 0, scenarios, y, scenarios, NULL));
    result("batch", n, 1, seconds);
    if (do_sweep) {
        TIMED(seconds, flow_mpi_io_extraction_sweep(&sweep, dm, 0, 0));
        result("sweep", n, 1, seconds);
    }

    if (rank == 0) {
        const double *got = flow_table_values(batch);
        double worst = baseline ? 0.0 : NAN, scale = baseline ? 0.0 : 1.0;
        for (int64_t i = 0; baseline && i < n * scenarios; i++) {
            worst = fmax(worst, fabs(got[i] - x_single[i]));
            scale = fmax(scale, fabs(x_single[i]));
        }
        printf("INFO n=%lld ranks=%d grid=%lldx%lld block=%lld scenarios=%lld "
               "max_rel_diff=%.3g local_doubles=%lld\n",
               (long long)n, size, (long long)flow_mpi_io_model_grid_rows(dm),
               (long long)flow_mpi_io_model_grid_cols(dm), (long long)block, (long long)scenarios,
               worst / scale, (long long)flow_mpi_io_model_local_size(dm));
    }
    double mine = peak_mib(), others = 0.0;
    double other = rank == 0 ? 0.0 : mine;
    MPI_Reduce(&other, &others, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    if (rank == 0)
        printf("MEM n=%lld ranks=%d rank0_mib=%.0f other_max_mib=%.0f\n", (long long)n, size, mine,
               others);
    fflush(stdout);
    flow_table_free(batch);
    flow_table_free(sweep);
    free(y);
    free(x_single);
    flow_mpi_io_model_free(dm);
    flow_mpi_options_free(opts);
    flow_mpi_comm_free(comm);
    MPI_Finalize();
    return 0;
}
