/*
 * split_compare.h - runs the same CSV text through the scanner's plain
 * splitter and through libcsv alone and says where the two differ. Shared by
 * tests/c/internal_plain_splitter.c (fixed texts, every buffer size) and
 * tests/fuzz/fuzz_splitter.c (random texts); both link the library's
 * internals.
 *
 * Two levels are compared:
 *   - records: every record the scanner hands out (its line, field count,
 *     each field's bytes and length), the scan's status and message, fed in
 *     pieces of a given size;
 *   - a long-format read into a dataset: status and message, the accounting
 *     (rows, accepted, filtered, rejected, duplicates, missing), reasons with
 *     their counts, kept rejects (message, line, column, text), unknown codes
 *     and every matrix bit for bit.
 * Each function returns NULL when the two paths agree, else a static text
 * naming the first difference.
 */
#ifndef FLOW_TEST_SPLIT_COMPARE_H
#define FLOW_TEST_SPLIT_COMPARE_H

#include "dataset_internal.h"
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing byte log of what a scan produced. */
struct split_log {
    char *bytes;
    size_t len, cap;
    int failed; /* out of memory while logging */
};

static void split_log_add(struct split_log *log, const void *p, size_t n)
{
    if (log->failed)
        return;
    if (log->len + n > log->cap) {
        size_t cap = log->cap ? log->cap : 4096;
        while (cap < log->len + n)
            cap *= 2;
        char *q = realloc(log->bytes, cap);
        if (q == NULL) {
            log->failed = 1;
            return;
        }
        log->bytes = q;
        log->cap = cap;
    }
    memcpy(log->bytes + log->len, p, n);
    log->len += n;
}

static int split_log_record(void *userdata, const struct flow_i_record *record)
{
    struct split_log *log = userdata;
    split_log_add(log, &record->line, sizeof record->line);
    split_log_add(log, &record->nfields, sizeof record->nfields);
    for (int64_t i = 0; i < record->nfields; i++) {
        split_log_add(log, &record->lens[i], sizeof record->lens[i]);
        /* the field and its terminating NUL */
        split_log_add(log, record->fields[i], record->lens[i] + 1);
    }
    return FLOW_OK;
}

/* Scans text in pieces of piece bytes; logs records, then status and message. */
static void split_scan(struct split_log *log, const char *text, size_t len, int delimiter,
                       size_t piece, int64_t max_line, int splitter)
{
    flow_i_scanner *s = NULL;
    int rc = flow_i_scanner_new(&s, "split.csv", delimiter, max_line, 1, 1, split_log_record, log);
    if (rc == FLOW_OK) {
        flow_i_scanner_plain_splitter(s, splitter);
        for (size_t done = 0; done < len && rc == FLOW_OK; done += piece)
            rc = flow_i_scanner_feed(s, text + done, len - done < piece ? len - done : piece);
        if (rc == FLOW_OK)
            rc = flow_i_scanner_finish(s);
    }
    split_log_add(log, &rc, sizeof rc);
    if (rc != FLOW_OK)
        split_log_add(log, flow_last_error(), strlen(flow_last_error()));
    flow_i_scanner_free(s);
}

/* Records of both paths, fed in pieces of piece bytes. */
static const char *split_compare_records(const char *text, size_t len, int delimiter, size_t piece,
                                         int64_t max_line)
{
    struct split_log a = {0}, b = {0};
    split_scan(&a, text, len, delimiter, piece, max_line, 1);
    split_scan(&b, text, len, delimiter, piece, max_line, 0);
    const char *why = NULL;
    if (a.failed || b.failed)
        why = "out of memory while logging records";
    else if (a.len != b.len || memcmp(a.bytes, b.bytes, a.len) != 0)
        why = "records differ (line, fields or status)";
    free(a.bytes);
    free(b.bytes);
    return why;
}

static int split_same_text(const char *x, const char *y)
{
    return (x == NULL && y == NULL) || (x != NULL && y != NULL && strcmp(x, y) == 0);
}

/* Status, message and report of two reads. */
static const char *split_compare_reports(int sa, const char *ma, const flow_read_report *a, int sb,
                                         const char *mb, const flow_read_report *b)
{
    if (sa != sb)
        return "status differs";
    if (sa != FLOW_OK && strcmp(ma, mb) != 0)
        return "error message differs";
    if (flow_i_read_report_rows(a) != flow_i_read_report_rows(b) ||
        flow_i_read_report_accepted(a) != flow_i_read_report_accepted(b) ||
        flow_i_read_report_filtered(a) != flow_i_read_report_filtered(b) ||
        flow_i_read_report_rejected(a) != flow_i_read_report_rejected(b) ||
        flow_i_read_report_duplicates(a) != flow_i_read_report_duplicates(b) ||
        flow_i_read_report_missing(a) != flow_i_read_report_missing(b))
        return "accounting differs";
    if (flow_i_read_report_reason_count(a) != flow_i_read_report_reason_count(b))
        return "reason count differs";
    for (int64_t i = 0; i < flow_i_read_report_reason_count(a); i++) {
        const char *ra = NULL, *rb = NULL;
        int64_t ca = 0, cb = 0;
        int ka = 0, kb = 0;
        flow_i_read_report_reason(a, i, &ra, &ca, &ka);
        flow_i_read_report_reason(b, i, &rb, &cb, &kb);
        if (!split_same_text(ra, rb) || ca != cb || ka != kb)
            return "reasons differ";
    }
    if (flow_i_read_report_kept_count(a) != flow_i_read_report_kept_count(b))
        return "kept reject count differs";
    for (int64_t i = 0; i < flow_i_read_report_kept_count(a); i++) {
        const char *msg[2], *file[2], *col[2], *txt[2];
        int64_t line[2];
        flow_i_read_report_kept(a, i, &msg[0], &file[0], &line[0], &col[0], &txt[0]);
        flow_i_read_report_kept(b, i, &msg[1], &file[1], &line[1], &col[1], &txt[1]);
        if (line[0] != line[1] || !split_same_text(msg[0], msg[1]) ||
            !split_same_text(col[0], col[1]) || !split_same_text(txt[0], txt[1]))
            return "kept rejects differ (line, column, text or message)";
    }
    if (flow_i_read_report_unknown_count(a) != flow_i_read_report_unknown_count(b))
        return "unknown code count differs";
    for (int64_t i = 0; i < flow_i_read_report_unknown_count(a); i++) {
        const char *ca = NULL, *cb = NULL;
        int64_t ra = 0, rb = 0, la = 0, lb = 0;
        flow_i_read_report_unknown(a, i, &ca, &ra, &la);
        flow_i_read_report_unknown(b, i, &cb, &rb, &lb);
        if (!split_same_text(ca, cb) || ra != rb || la != lb)
            return "unknown codes differ";
    }
    return NULL;
}

/* Every matrix of a and b: same keys in the same order, same economies, same bits. */
static const char *split_compare_datasets(const flow_dataset *a, const flow_dataset *b)
{
    if (flow_dataset_matrix_count(a) != flow_dataset_matrix_count(b))
        return "matrix count differs";
    if (flow_dataset_economy_count(a) != flow_dataset_economy_count(b))
        return "economy count differs";
    for (int64_t e = 0; e < flow_dataset_economy_count(a); e++)
        if (strcmp(flow_labels_code(flow_dataset_economies(a), e),
                   flow_labels_code(flow_dataset_economies(b), e)) != 0)
            return "economy axis differs";
    for (int64_t k = 0; k < flow_dataset_matrix_count(a); k++) {
        const char *la = NULL, *pa = NULL, *lb = NULL, *pb = NULL;
        int64_t ya = 0, yb = 0, na = 0, nb = 0, sa = 0, sb = 0;
        const double *va = NULL, *vb = NULL;
        if (flow_dataset_matrix_key(a, k, &la, &ya, &pa) != FLOW_OK ||
            flow_dataset_matrix_key(b, k, &lb, &yb, &pb) != FLOW_OK)
            return "matrix key fails";
        if (!split_same_text(la, lb) || ya != yb || !split_same_text(pa, pb))
            return "matrix keys differ";
        if (flow_dataset_matrix_view(a, la, ya, pa, &va, &na, &sa) != FLOW_OK ||
            flow_dataset_matrix_view(b, lb, yb, pb, &vb, &nb, &sb) != FLOW_OK || na != nb)
            return "matrix view fails or sizes differ";
        for (int64_t i = 0; i < na; i++)
            if (memcmp(va + i * sa, vb + i * sb, (size_t)na * sizeof *va) != 0)
                return "matrix values differ";
    }
    return NULL;
}

/* One long-format read of text (through a buffer of opts' size) with the splitter on or off. */
static int split_read(flow_dataset **ds, flow_read_report **report, char *message, size_t cap,
                      flow_labels *labels, const char *text, size_t len, flow_read_options *opts,
                      int splitter)
{
    int rc = flow_dataset_new(ds, labels);
    if (rc == FLOW_OK)
        rc = flow_read_report_new(report);
    if (rc != FLOW_OK)
        return rc;
    opts->libcsv_only = !splitter;
    rc = flow_dataset_read_buffer(*ds, "split.csv", text, (int64_t)len, opts, *report);
    snprintf(message, cap, "%s", rc != FLOW_OK ? flow_last_error() : "");
    return rc;
}

/*
 * Reads text with both paths (opts as given: its buffer size decides the
 * pieces; labels NULL for the default axis, else borrowed) and compares.
 */
static const char *split_compare_reads(const char *text, size_t len, flow_read_options *opts,
                                       flow_labels *labels)
{
    static char why[256];
    char ma[512], mb[512];
    flow_dataset *da = NULL, *db = NULL;
    flow_read_report *ra = NULL, *rb = NULL;
    const char *diff = NULL;
    int sa = split_read(&da, &ra, ma, sizeof ma, labels, text, len, opts, 1);
    int sb = split_read(&db, &rb, mb, sizeof mb, labels, text, len, opts, 0);
    opts->libcsv_only = 0;
    if (da == NULL || db == NULL || ra == NULL || rb == NULL)
        diff = "out of memory before the read";
    if (diff == NULL)
        diff = split_compare_reports(sa, ma, ra, sb, mb, rb);
    if (diff == NULL && sa == FLOW_OK)
        diff = split_compare_datasets(da, db);
    if (diff != NULL) {
        snprintf(why, sizeof why, "%s (splitter: %d '%.80s'; libcsv: %d '%.80s')", diff, sa, ma, sb,
                 mb);
        diff = why;
    }
    flow_read_report_free(ra);
    flow_read_report_free(rb);
    flow_dataset_free(da);
    flow_dataset_free(db);
    return diff;
}

#endif
