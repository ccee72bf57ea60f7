/*
 * bench_io.c - libflow's input-output engine on a dense random MRIO system.
 *
 *   bench_io --n N --what lu|solve|L|sweep|sweep_total|shocks|footprints|
 *            solve_in_place|L_in_place [--reps R] [--scenarios S]
 *
 * The system has 40 regions of N/40 sectors, A dense with column sums in
 * [0.3, 0.7], one final-demand column per region, and x = Z 1 + Y 1. Every
 * measurement starts from a freshly built model (built outside the timer, its
 * inputs freed before the timer starts so that peak RSS is the model's own),
 * so each one pays for its factorisation except `sweep`:
 *   lu      flow_io_model_factor                       RESULT lu.flow.N
 *   solve   factor + x = L y for the total demand      RESULT solve.flow.N
 *   L       forming L in a caller buffer (which factors) RESULT L.flow.N
 *   sweep   single-sector extraction of every sector (backward, forward and
 *           total linkages) on a model already factored (the factorisation
 *           every other analysis of the model shares)  RESULT sweep.flow.N
 *   sweep_total  factor + the same sweep               RESULT sweep_total.flow.N
 *   shocks  factor + S Monte-Carlo demand scenarios (default 1000; final-demand
 *           cut of 7 regions against 1, severity uniform on [0, 1]) and their
 *           per-region p5/p50/p95 bands of the demand-lens output loss
 *                                 RESULT shocks.flow.N (shocks_S.flow.N if S != 1000)
 *   footprints  factor + consumption and production footprints of 10
 *           satellite accounts                         RESULT footprints.flow.N
 * The in-place modes build no model: Z and x only, and the caller gives Z up.
 *   solve_in_place  x = L y inside Z (flow_io_leontief_solve_in_place)
 *                                                      RESULT solve_in_place.flow.N
 *   L_in_place      L inside Z (flow_io_leontief_inverse_in_place)
 *                                                      RESULT L_in_place.flow.N
 * The best of R runs is printed, with an INFO line checking the answer
 * (x = L y reproduces the model's x, the batch made no extra factorisation).
 */
#include "bench_common.h"

#include <libflow.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGIONS    40
#define EXTENSIONS 10

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_io: %s: %s (%s)\n", what, flow_strerror(rc), flow_last_error());
    exit(1);
}

static void *xmalloc(size_t bytes)
{
    void *p = malloc(bytes);
    if (!p) {
        fputs("bench_io: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

/*
 * Builds the model: A from bench_random_technical, x in [1, 2), Z = A diag(x),
 * and Y (n x REGIONS) splitting x - Z 1 (positive here: row sums of Z stay
 * below 1 <= x) across regions, so that the model's x = Z 1 + Y 1 is x.
 */
static void build_system(int64_t n, double *z, double *y, double *x)
{
    bench_random_technical(z, n, 42);
    bench_random_positive(x, n, 43);
    for (int64_t i = 0; i < n; i++) {
        double row = 0.0;
        for (int64_t j = 0; j < n; j++) {
            z[i * n + j] *= x[j];
            row += z[i * n + j];
        }
        double final = x[i] - row;
        if (final <= 0.0) {
            fprintf(stderr, "bench_io: test system has no final demand in row %lld\n",
                    (long long)i);
            exit(1);
        }
        for (int r = 0; r < REGIONS; r++) {
            y[i * REGIONS + r] = final / REGIONS;
        }
    }
}

static flow_io_model *build_model(int64_t n, double *x_out)
{
    size_t nn = (size_t)n * (size_t)n;
    double *z = xmalloc(nn * sizeof *z), *y = xmalloc((size_t)n * REGIONS * sizeof *y);
    build_system(n, z, y, x_out);
    flow_io_model *model = NULL;
    int rc = flow_io_model_new(&model, n, z, REGIONS, y, NULL, NULL);
    free(z);
    free(y);
    if (rc != FLOW_OK) {
        die("flow_io_model_new", rc);
    }
    char codes[REGIONS][8];
    const char *code_ptrs[REGIONS];
    for (int r = 0; r < REGIONS; r++) {
        snprintf(codes[r], sizeof codes[r], "R%02d", r);
        code_ptrs[r] = codes[r];
    }
    if ((rc = flow_io_model_set_regions(model, REGIONS, code_ptrs, NULL)) != FLOW_OK) {
        die("flow_io_model_set_regions", rc);
    }
    /* Keep the model's own x (Z 1 + Y 1 in its summation order). */
    memcpy(x_out, flow_io_model_view(model, FLOW_IO_OUTPUT, NULL, NULL), (size_t)n * sizeof *x_out);
    return model;
}

static double run_solve(flow_io_model *model, int64_t n, const double *x)
{
    double *y = xmalloc((size_t)n * sizeof *y), *out = xmalloc((size_t)n * sizeof *out);
    memcpy(y, flow_io_model_view(model, FLOW_IO_FINAL_DEMAND_TOTAL, NULL, NULL),
           (size_t)n * sizeof *y);
    double t0 = bench_now();
    int rc = flow_io_model_leontief_solve(model, 1, y, 1, out, n, 1);
    double t = bench_now() - t0;
    if (rc != FLOW_OK) {
        die("flow_io_model_leontief_solve", rc);
    }
    double worst = 0.0;
    for (int64_t i = 0; i < n; i++) {
        worst = fmax(worst, fabs(out[i] - x[i]) / x[i]);
    }
    printf("INFO solve: max relative |L y - x| / x = %.2e\n", worst);
    free(y);
    free(out);
    return t;
}

static double run_inverse(flow_io_model *model, int64_t n)
{
    int64_t nn = n * n;
    flow_table *table = NULL;
    double t0 = bench_now();
    int rc = flow_io_model_matrix(&table, model, FLOW_IO_LEONTIEF);
    double t = bench_now() - t0;
    if (rc != FLOW_OK) {
        die("flow_io_model_matrix", rc);
    }
    const double *l = flow_table_values(table);
    printf("INFO L: l_00 = %.6f, l_(n-1)(n-1) = %.6f\n", l[0], l[nn - 1]);
    flow_table_free(table);
    return t;
}

static double run_sweep(flow_io_model *model)
{
    flow_table *sweep = NULL;
    double t0 = bench_now();
    int rc = flow_io_extraction_sweep(&sweep, model, 0);
    double t = bench_now() - t0;
    if (rc != FLOW_OK) {
        die("flow_io_extraction_sweep", rc);
    }
    /* Row 0: backward, forward, total. */
    const double *row = flow_table_values(sweep);
    printf("INFO sweep: backward[0] = %.6f, forward[0] = %.6f, total[0] = %.6f\n", row[0], row[1],
           row[2]);
    flow_table_free(sweep);
    return t;
}

static double run_shocks(flow_io_model *model, int64_t scenarios)
{
    flow_scenario *sc = NULL;
    int rc = flow_scenario_parse(&sc,
                                 "name bench_demand\n"
                                 "sanctioning R00 R01 R02 R03 R04 R05 R06\n"
                                 "target R10\n"
                                 "channels final\n"
                                 "cut * * 1.0\n",
                                 "bench");
    if (rc != FLOW_OK) {
        die("flow_scenario_parse", rc);
    }
    flow_shock_batch *batch = NULL;
    flow_shock_options *draws = NULL;
    if ((rc = flow_shock_options_new(&draws)) != FLOW_OK ||
        (rc = flow_shock_options_set(draws, "severity_lo", "0")) != FLOW_OK)
        die("flow_shock_options_set", rc);
    double t0 = bench_now();
    rc = flow_shock_batch_montecarlo(&batch, model, sc, scenarios, 1, draws);
    if (rc != FLOW_OK) {
        die("flow_shock_batch_montecarlo", rc);
    }
    static const double bands[3] = {5.0, 50.0, 95.0};
    flow_table *band = NULL; /* one row per region, columns p5, p50, p95 */
    rc = flow_shock_batch_percentiles(&band, batch, FLOW_SHOCK_DEMAND_TOTAL, bands, 3);
    double t = bench_now() - t0;
    if (rc != FLOW_OK) {
        die("flow_shock_batch_percentiles", rc);
    }
    const double *r10 = flow_table_values(band) + 10 * 3;
    printf("INFO bands: region R10 output loss p5 %.6g p50 %.6g p95 %.6g\n", r10[0], r10[1],
           r10[2]);
    flow_table_free(band);
    flow_table *work = NULL; /* the scenarios table carries the work counters */
    double factorisations = -1, woodbury = -1, solves = -1;
    if ((rc = flow_shock_batch_table(&work, batch, FLOW_SHOCK_BATCH_SCENARIOS)) != FLOW_OK)
        die("flow_shock_batch_table", rc);
    flow_table_scalar(work, "factorisations", &factorisations);
    flow_table_scalar(work, "woodbury", &woodbury);
    flow_table_scalar(work, "base_solves", &solves);
    printf("INFO shocks: %lld scenarios, %.0f extra factorisations, %.0f Woodbury updates, "
           "%.0f multi-RHS solves\n",
           (long long)flow_table_rows(work), factorisations, woodbury, solves);
    flow_table_free(work);
    flow_shock_options_free(draws);
    flow_shock_batch_free(batch);
    flow_scenario_free(sc);
    return t;
}

/* Footprints of EXTENSIONS satellite accounts (positive, deterministic), with the factorisation. */
static double run_footprints(flow_io_model *model, int64_t n)
{
    double *f = xmalloc((size_t)n * EXTENSIONS * sizeof *f);
    double world = 0.0;
    bench_random_positive(f, n * EXTENSIONS, 44);
    double t0 = bench_now();
    for (int e = 0; e < EXTENSIONS; e++) {
        flow_table *fp = NULL;
        int rc = flow_io_footprints(&fp, model, f + (size_t)e * (size_t)n);
        if (rc != FLOW_OK) {
            die("flow_io_footprints", rc);
        }
        int64_t col = -1;
        if (flow_table_find_col(fp, "consumption", NULL, &col) != FLOW_OK) {
            die("footprints table has no consumption column", FLOW_ERR_INVALID_ARG);
        }
        for (int64_t r = 0; r < flow_table_rows(fp); r++) {
            world += flow_table_values(fp)[r * flow_table_cols(fp) + col];
        }
        flow_table_free(fp);
    }
    double t = bench_now() - t0;
    printf("INFO footprints: %d extensions, sum of consumption footprints %.6g\n", EXTENSIONS,
           world);
    free(f);
    return t;
}

/* The in-place modes: Z and x only (built outside the timer), Z given up. */
static double run_in_place(int64_t n, int inverse)
{
    size_t nn = (size_t)n * (size_t)n;
    double *z = xmalloc(nn * sizeof *z), *y = xmalloc((size_t)n * REGIONS * sizeof *y);
    double *x = xmalloc((size_t)n * sizeof *x), *yt = xmalloc((size_t)n * sizeof *yt);
    build_system(n, z, y, x);
    for (int64_t i = 0; i < n; i++) {
        yt[i] = 0.0;
        for (int r = 0; r < REGIONS; r++) {
            yt[i] += y[i * REGIONS + r];
        }
    }
    free(y);
    double t0 = bench_now();
    int rc = inverse ? flow_io_leontief_inverse_in_place(n, z, n, x)
                     : flow_io_leontief_solve_in_place(n, z, x, 1, yt, 1);
    double t = bench_now() - t0;
    if (rc != FLOW_OK) {
        die(inverse ? "flow_io_leontief_inverse_in_place" : "flow_io_leontief_solve_in_place", rc);
    }
    if (inverse) {
        printf("INFO L_in_place: l_00 = %.6f, l_(n-1)(n-1) = %.6f\n", z[0], z[nn - 1]);
    } else {
        double worst = 0.0;
        for (int64_t i = 0; i < n; i++) {
            worst = fmax(worst, fabs(yt[i] - x[i]) / x[i]);
        }
        printf("INFO solve_in_place: max relative |L y - x| / x = %.2e\n", worst);
    }
    free(z);
    free(x);
    free(yt);
    return t;
}

int main(int argc, char **argv)
{
    int64_t n = 2000, reps = 3, scenarios = 1000;
    const char *what = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--what") == 0) {
            what = argv[i + 1];
        }
    }
    if (bench_int_option(argc, argv, "--n", &n) != 0 ||
        bench_int_option(argc, argv, "--reps", &reps) != 0 ||
        bench_int_option(argc, argv, "--scenarios", &scenarios) != 0 || n < REGIONS ||
        n % REGIONS != 0 || reps < 1 || scenarios < 1 || !what) {
        fputs("usage: bench_io --n N (a multiple of 40) --what "
              "lu|solve|L|sweep|sweep_total|shocks|footprints|solve_in_place|L_in_place "
              "[--reps R] [--scenarios S]\n",
              stderr);
        return 2;
    }
    double *x = xmalloc((size_t)n * sizeof *x);
    double best = 1e300;
    int in_place = strcmp(what, "solve_in_place") == 0 || strcmp(what, "L_in_place") == 0;
    for (int64_t r = 0; r < reps; r++) {
        flow_io_model *model = in_place ? NULL : build_model(n, x);
        double t;
        if (in_place) {
            t = run_in_place(n, strcmp(what, "L_in_place") == 0);
        } else if (strcmp(what, "lu") == 0) {
            double t0 = bench_now();
            int rc = flow_io_model_factor(model);
            t = bench_now() - t0;
            if (rc != FLOW_OK) {
                die("flow_io_model_factor", rc);
            }
        } else if (strcmp(what, "solve") == 0) {
            t = run_solve(model, n, x);
        } else if (strcmp(what, "L") == 0) {
            t = run_inverse(model, n);
        } else if (strcmp(what, "sweep") == 0) {
            int rc = flow_io_model_factor(model);
            if (rc != FLOW_OK) {
                die("flow_io_model_factor", rc);
            }
            t = run_sweep(model);
        } else if (strcmp(what, "sweep_total") == 0) {
            t = run_sweep(model);
        } else if (strcmp(what, "shocks") == 0) {
            t = run_shocks(model, scenarios);
        } else if (strcmp(what, "footprints") == 0) {
            t = run_footprints(model, n);
        } else {
            fprintf(stderr, "bench_io: unknown --what %s\n", what);
            return 2;
        }
        flow_io_model_free(model);
        best = t < best ? t : best;
    }
    char key[64];
    if (strcmp(what, "shocks") == 0 && scenarios != 1000) {
        snprintf(key, sizeof key, "shocks_%lld.flow.%lld", (long long)scenarios, (long long)n);
    } else {
        snprintf(key, sizeof key, "%s.flow.%lld", what, (long long)n);
    }
    bench_result(key, best);
    free(x);
    return 0;
}
