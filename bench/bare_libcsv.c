/*
 * bare_libcsv.c - the parsing floor: libcsv alone over the file, one thread,
 * with callbacks that only count fields and records.
 *
 *   bare_libcsv FILE [--reps R]     prints RESULT ingest.libcsv.t1 <best seconds>
 *
 * The file is streamed through csv_parse in 1 MiB pieces, as libflow's reader
 * does, so the figure is what any libcsv-based reader pays before it looks at
 * a single field: a two-thread read cannot go below half of it.
 */
#include "bench_common.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

#define PIECE (1 << 20)

struct counts {
    long long fields, records;
};

static void on_field(void *text, size_t len, void *data)
{
    (void)text;
    (void)len;
    ((struct counts *)data)->fields++;
}

static void on_record(int end, void *data)
{
    (void)end;
    ((struct counts *)data)->records++;
}

/* One pass over the file; returns its time or a negative number on failure. */
static double parse_once(const char *path, char *piece, struct counts *counts)
{
    struct csv_parser parser;
    FILE *f = fopen(path, "rb");
    if (f == NULL || csv_init(&parser, 0) != 0) {
        if (f != NULL)
            fclose(f);
        return -1.0;
    }
    double t0 = bench_now();
    size_t got;
    int ok = 1;
    while (ok && (got = fread(piece, 1, PIECE, f)) > 0)
        ok = csv_parse(&parser, piece, got, on_field, on_record, counts) == got;
    ok = ok && csv_fini(&parser, on_field, on_record, counts) == 0;
    double t = bench_now() - t0;
    csv_free(&parser);
    fclose(f);
    return ok ? t : -1.0;
}

int main(int argc, char **argv)
{
    int64_t reps = 3;
    if (argc < 2 || bench_int_option(argc, argv, "--reps", &reps) != 0 || reps < 1) {
        fputs("usage: bare_libcsv FILE [--reps R]\n", stderr);
        return 2;
    }
    char *piece = malloc(PIECE);
    if (piece == NULL) {
        fputs("bare_libcsv: out of memory\n", stderr);
        return 1;
    }
    double best = 1e300;
    struct counts counts = {0, 0};
    for (int64_t r = 0; r < reps; r++) {
        counts = (struct counts){0, 0};
        double t = parse_once(argv[1], piece, &counts);
        if (t < 0.0) {
            fprintf(stderr, "bare_libcsv: cannot parse %s\n", argv[1]);
            return 1;
        }
        best = t < best ? t : best;
    }
    printf("INFO libcsv: %lld records, %lld fields\n", counts.records, counts.fields);
    bench_result("ingest.libcsv.t1", best);
    free(piece);
    return 0;
}
