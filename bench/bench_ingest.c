/*
 * bench_ingest.c - reading a BACI file into libflow datasets.
 *
 *   bench_ingest FILE COUNTRY_CODES --by pairs|groups [--threads T] [--reps R]
 *
 * pairs   one country x country matrix (all products summed)
 *                                        RESULT ingest.flow.pairs.tT
 * groups  one matrix per HS chapter (product digits 2)
 *                                        RESULT ingest.flow.groups.tT
 *
 * The timed work is what a user does: the ISO economy axis plus BACI's
 * country-code file, a dataset, the BACI preset and the read. The best of R
 * runs is printed, with an INFO line (rows, accepted, matrices, sum of all
 * values in thousand USD, comparable with the baselines' total_v).
 */
#include "bench_common.h"

#include <libflow.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_ingest: %s: %s (%s)\n", what, flow_strerror(rc), flow_last_error());
    exit(1);
}

static void check(const char *what, int rc)
{
    if (rc != FLOW_OK) {
        die(what, rc);
    }
}

/* Sum of every matrix of the dataset, for the INFO line. */
static double dataset_total(const flow_dataset *ds)
{
    double total = 0.0;
    for (int64_t m = 0; m < flow_dataset_matrix_count(ds); m++) {
        const char *layer, *product;
        int64_t year, n, stride;
        const double *values;
        check("matrix key", flow_dataset_matrix_key(ds, m, &layer, &year, &product));
        check("matrix view",
              flow_dataset_matrix_view(ds, layer, year, product, &values, &n, &stride));
        for (int64_t i = 0; i < n; i++) {
            for (int64_t j = 0; j < n; j++) {
                total += values[i * stride + j];
            }
        }
    }
    return total;
}

int main(int argc, char **argv)
{
    int64_t threads = 1, reps = 3;
    const char *by = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--by") == 0) {
            by = argv[i + 1];
        }
    }
    if (argc < 3 || bench_int_option(argc, argv, "--threads", &threads) != 0 ||
        bench_int_option(argc, argv, "--reps", &reps) != 0 || threads < 1 || reps < 1 || !by ||
        (strcmp(by, "pairs") != 0 && strcmp(by, "groups") != 0)) {
        fputs("usage: bench_ingest FILE COUNTRY_CODES --by pairs|groups [--threads T] "
              "[--reps R]\n",
              stderr);
        return 2;
    }
    const char *path = argv[1], *codes = argv[2];
    int groups = strcmp(by, "groups") == 0;
    double best = 1e300;
    for (int64_t r = 0; r < reps; r++) {
        flow_labels *labels = NULL;
        flow_dataset *ds = NULL;
        flow_read_options *opts = NULL;
        flow_read_report *report = NULL;
        check("report", flow_read_report_new(&report));

        double t0 = bench_now();
        check("ISO labels", flow_labels_new_iso3166(&labels));
        check("country codes", flow_labels_read_mapping_csv(labels, codes, "country_code",
                                                            "country_iso3", "country_name", 1));
        check("dataset", flow_dataset_new(&ds, labels));
        if (groups) {
            check("product digits", flow_dataset_set_product_digits(ds, 2));
        }
        check("options", flow_read_options_new(&opts));
        check("preset", flow_read_options_set(opts, "preset", "baci"));
        char threads_text[24];
        snprintf(threads_text, sizeof threads_text, "%d", (int)threads);
        check("threads", flow_read_options_set(opts, "threads", threads_text));
        check("read", flow_dataset_read_csv(ds, path, opts, report));
        double t = bench_now() - t0;

        best = t < best ? t : best;
        if (r == reps - 1) {
            flow_table *counts = NULL; /* rows, accepted, filtered, rejected, ... */
            check("report", flow_read_report_table(&counts, report, FLOW_REPORT_COUNTS));
            const double *n = flow_table_values(counts);
            printf("INFO libflow rows=%.0f accepted=%.0f rejected=%.0f matrices=%lld "
                   "total_v=%.3f threads=%lld\n",
                   n[0], n[1], n[3], (long long)flow_dataset_matrix_count(ds),
                   dataset_total(ds) / 1000.0, (long long)threads);
            flow_table_free(counts);
        }
        flow_read_report_free(report);
        flow_read_options_free(opts);
        flow_dataset_free(ds);
        flow_labels_free(labels);
    }
    char key[64];
    snprintf(key, sizeof key, "ingest.flow.%s.t%lld", by, (long long)threads);
    bench_result(key, best);
    return 0;
}
