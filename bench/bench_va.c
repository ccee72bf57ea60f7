/*
 * bench_va.c - the gross-export decompositions at EXIOBASE size.
 *
 *   bench_va --n N [--general 1]
 *
 * On the 49-region system of random_mrio.h (n = 9800: 200 sectors a region),
 * measured in this order on one model (wall clock, one run each):
 *   factor    flow_io_model_factor: one LU of I - A, the unit every ratio
 *             below is taken against               RESULT va_factor.N
 *   <method>  flow_va_decompose by exporter-importer pair (KWW: by exporter)
 *             as the library chooses: VAX and KWW by solves with 2G + 2
 *             right-hand sides, WWZ by solves with G^2 + 3G, Borin & Mancini
 *             forming B                              RESULT va_<method>.N
 *   <method>_general  with --general 1, VAX, KWW and WWZ again with B formed
 *             (the general path), and the largest difference between the two
 *             tables relative to the largest entry   RESULT va_<method>_general.N
 * The model keeps its factorisation, so the decompositions pay for it once
 * (in "factor"), not again.
 * Links the static library: the general path is an internal choice.
 */
#include "bench_common.h"

#include "random_mrio.h"
#include "va_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_va: %s: %s (%s)\n", what, flow_strerror(rc), flow_last_error());
    exit(1);
}

static double timed(flow_table **t, flow_io_model *m, int method, int path)
{
    int level = method == FLOW_VA_KWW ? FLOW_VA_BY_EXPORTER : FLOW_VA_BY_PAIR;
    double t0 = bench_now();
    int rc = flow_i_va_decompose(t, m, method, level, -1, path);
    if (rc != FLOW_OK)
        die("flow_va_decompose", rc);
    return bench_now() - t0;
}

/* max |a - b| / max |a| over the two tables. */
static double difference(const flow_table *a, const flow_table *b)
{
    int64_t count = flow_table_rows(a) * flow_table_cols(a);
    double scale = 0.0, worst = 0.0;
    for (int64_t i = 0; i < count; i++) {
        double x = flow_table_values(a)[i], y = flow_table_values(b)[i];
        if (isnan(x) && isnan(y))
            continue;
        scale = fmax(scale, fabs(x));
        worst = fmax(worst, fabs(x - y));
    }
    return scale > 0.0 ? worst / scale : worst;
}

int main(int argc, char **argv)
{
    int64_t n = 9800, general = 0;
    if (bench_int_option(argc, argv, "--n", &n) < 0 ||
        bench_int_option(argc, argv, "--general", &general) < 0 || n < BENCH_REGIONS) {
        fputs("usage: bench_va --n N [--general 1]\n", stderr);
        return 2;
    }
    n -= n % BENCH_REGIONS;
    flow_io_model *model = bench_random_mrio(n);
    char key[64];
    double t0 = bench_now();
    int rc = flow_io_model_factor(model);
    double factor = bench_now() - t0;
    if (rc != FLOW_OK)
        die("flow_io_model_factor", rc);
    snprintf(key, sizeof key, "va_factor.%lld", (long long)n);
    bench_result(key, factor);

    static const char *const names[] = {"wwz", "kww", "bm_source", "bm_sink", "vax"};
    static const int order[] = {FLOW_VA_VAX, FLOW_VA_KWW, FLOW_VA_WWZ, FLOW_VA_BM_SOURCE,
                                FLOW_VA_BM_SINK};
    for (int k = 0; k < 5; k++) {
        int method = order[k];
        flow_table *chosen = NULL, *formed = NULL;
        double took = timed(&chosen, model, method, FLOW_I_VA_AUTO);
        snprintf(key, sizeof key, "va_%s.%lld", names[method], (long long)n);
        bench_result(key, took);
        printf("INFO va %s n=%lld: %.2f factorisations\n", names[method], (long long)n,
               took / factor);
        if (general && method != FLOW_VA_BM_SOURCE && method != FLOW_VA_BM_SINK) {
            double slow = timed(&formed, model, method, FLOW_I_VA_INVERSE);
            snprintf(key, sizeof key, "va_%s_general.%lld", names[method], (long long)n);
            bench_result(key, slow);
            printf("INFO va %s general path (B formed): %.2f factorisations, %.2fx the chosen "
                   "path; tables differ by %.1e of their largest entry\n",
                   names[method], slow / factor, slow / took, difference(formed, chosen));
        }
        flow_table_free(chosen);
        flow_table_free(formed);
    }
    flow_io_model_free(model);
    return 0;
}
