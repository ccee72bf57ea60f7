/*
 * mrio_parallel.c - a big plain table file parsed in byte ranges on several
 * threads. Each range is fed, after a copy of the header line, through its
 * own scanner and wide reader into its own table; the tables keep the file's
 * row order. Cuts fall after a line break, which is a record boundary in
 * database CSVs (labels carry no line breaks); should a range fail anyway -
 * a bad cell, or a cut inside a quoted field - the file is read again
 * serially, so that every message and line number is the serial read's.
 */
#include "mrio_internal.h"
#include "reader_internal.h"
#include "linalg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RANGE_MIN    (4 << 20) /* bytes per thread below which one thread reads */
#define RANGE_BUFFER (1 << 20)

struct range {
    const struct flow_i_input *in;
    const flow_read_options *opts;
    const char *header;
    size_t header_len;
    int64_t begin, end;
    flow_table *table;
    flow_read_report *report;
    int status;
};

struct ranges {
    struct range part[FLOW_I_MAX_PARTS];
};

static int pump_range(void *ctx, flow_i_scanner *s)
{
    struct range *r = ctx;
    FILE *f = fopen(r->in->path, "rb");
    char *buf = malloc(RANGE_BUFFER);
    int rc = f != NULL && buf != NULL ? FLOW_OK : FLOW_ERR_IO;
    if (rc == FLOW_OK && fseek(f, (long)r->begin, SEEK_SET) != 0)
        rc = FLOW_ERR_IO;
    if (rc == FLOW_OK)
        rc = flow_i_scanner_feed(s, r->header, r->header_len);
    for (int64_t at = r->begin; rc == FLOW_OK && at < r->end;) {
        size_t want = (size_t)(r->end - at) < RANGE_BUFFER ? (size_t)(r->end - at) : RANGE_BUFFER;
        size_t got = fread(buf, 1, want, f);
        if (got == 0) {
            rc = FLOW_ERR_IO;
            break;
        }
        rc = flow_i_scanner_feed(s, buf, got);
        at += (int64_t)got;
    }
    if (rc == FLOW_OK)
        rc = flow_i_scanner_finish(s);
    free(buf);
    if (f != NULL)
        fclose(f);
    return rc;
}

static void read_ranges(void *ctx, int part, int64_t begin, int64_t end)
{
    struct ranges *all = ctx;
    (void)part;
    for (int64_t p = begin; p < end; p++) {
        struct range *r = &all->part[p];
        r->status = flow_read_report_new(&r->report);
        if (r->status == FLOW_OK)
            r->status =
                flow_i_table_read_pump(&r->table, r->in->name, r->opts, r->report, pump_range, r);
    }
}

/* The first line of f through its '\n' (at most 16 MiB), malloc'ed; NULL when there is none. */
static char *header_line(FILE *f, size_t *len)
{
    size_t cap = 1 << 16;
    char *h = malloc(cap);
    int c = 0;
    *len = 0;
    while (h != NULL && (c = fgetc(f)) != EOF) {
        if (*len + 1 >= cap) {
            char *grown = cap < (16u << 20) ? realloc(h, cap * 2) : NULL;
            if (grown == NULL)
                break;
            h = grown;
            cap *= 2;
        }
        h[(*len)++] = (char)c;
        if (c == '\n')
            return h;
    }
    free(h);
    return NULL;
}

/* Cut points after line breaks: cut[0] after the header, cut[parts] = size; 0 when unsuitable. */
static int find_cuts(FILE *f, int64_t size, int parts, int64_t *cut)
{
    for (int p = 1; p < parts; p++) {
        int64_t at = cut[0] + (size - cut[0]) * p / parts;
        int c = 0;
        if (at <= cut[p - 1] || fseek(f, (long)at, SEEK_SET) != 0)
            return 0;
        while ((c = fgetc(f)) != EOF && c != '\n')
            at++;
        cut[p] = at + 1; /* just after the '\n' */
        if (c == EOF || cut[p] >= size)
            return 0;
    }
    cut[parts] = size;
    return 1;
}

/* The header line and the cut points; 0 when the file is better read serially. */
static int plan(FILE *f, int64_t size, int parts, char **header, size_t *header_len, int64_t *cut)
{
    *header = header_line(f, header_len);
    if (*header == NULL)
        return 0;
    cut[0] = (int64_t)*header_len;
    if (find_cuts(f, size, parts, cut))
        return 1;
    free(*header);
    *header = NULL;
    return 0;
}

static int ends_with_gz(const char *s)
{
    size_t n = strlen(s);
    return n >= 3 && strcmp(s + n - 3, ".gz") == 0;
}

/*
 * Reads the ranges; 1 when it did (every range succeeded, tables and report
 * filled, or *status holds a failure to report), 0 when the file should be
 * read serially.
 */
static int parallel(flow_table ***tables, int64_t *count, const struct flow_i_input *in,
                    const struct flow_i_layout *layout, flow_read_report *report, int parts,
                    int *status)
{
    struct stat st;
    struct ranges all;
    flow_read_options *opts = NULL;
    char *header = NULL;
    size_t header_len = 0;
    int64_t cut[FLOW_I_MAX_PARTS + 1];
    int ok = 0;
    FILE *f = NULL;
    if (in->member != NULL || ends_with_gz(in->path) || stat(in->path, &st) != 0 ||
        (int64_t)st.st_size < 2 * (int64_t)RANGE_MIN)
        return 0;
    int64_t size = (int64_t)st.st_size;
    parts = (int)(size / RANGE_MIN) < parts ? (int)(size / RANGE_MIN) : parts;
    if ((f = fopen(in->path, "rb")) == NULL || !plan(f, size, parts, &header, &header_len, cut) ||
        flow_i_mrio_table_options(&opts, layout) != FLOW_OK) {
        if (f != NULL)
            fclose(f);
        free(header);
        return 0;
    }
    fclose(f);
    memset(&all, 0, sizeof all);
    for (int p = 0; p < parts; p++)
        all.part[p] =
            (struct range){in, opts, header, header_len, cut[p], cut[p + 1], NULL, NULL, FLOW_OK};
    flow_i_split_rows(parts, parts, read_ranges, &all);
    ok = 1;
    for (int p = 0; p < parts; p++)
        ok = ok && all.part[p].status == FLOW_OK;
    /* Merged only when every range succeeded: a fallback then counts the rows once. */
    if (ok && (*tables = flow_i_calloc(parts, sizeof **tables)) == NULL)
        *status = FLOW_ERR_NOMEM;
    for (int p = 0; ok && *status == FLOW_OK && p < parts; p++)
        *status = flow_i_report_merge(report, all.part[p].report, 20);
    for (int p = 0; p < parts; p++) {
        if (ok && *status == FLOW_OK)
            (*tables)[p] = all.part[p].table;
        else
            flow_table_free(all.part[p].table);
        flow_read_report_free(all.part[p].report);
    }
    if (*status != FLOW_OK) {
        free(*tables);
        *tables = NULL;
    }
    *count = ok && *status == FLOW_OK ? parts : 0;
    flow_read_options_free(opts);
    free(header);
    return ok || *status != FLOW_OK;
}

int flow_i_mrio_read_tables(flow_table ***tables, int64_t *count, const struct flow_i_input *in,
                            const struct flow_i_layout *layout, flow_read_report *report)
{
    int parts = flow_i_blas_threads(), status = FLOW_OK;
    *tables = NULL;
    *count = 0;
    parts = parts > FLOW_I_MAX_PARTS ? FLOW_I_MAX_PARTS : parts;
    if (parts > 1 && parallel(tables, count, in, layout, report, parts, &status))
        return status;
    if ((*tables = flow_i_calloc(1, sizeof **tables)) == NULL)
        return FLOW_ERR_NOMEM;
    int rc = flow_i_mrio_read_table(&(*tables)[0], in, layout, report);
    if (rc != FLOW_OK) {
        free(*tables);
        *tables = NULL;
        return rc;
    }
    *count = 1;
    return FLOW_OK;
}
