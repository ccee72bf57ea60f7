/*
 * mrio_compare.h - an ICIO or FIGARO file read twice, once as flow_mrio_read
 * reads it (in place when the file allows, mrio_icio_text.c) and once through
 * the general reader only, must give the same outcome: status and message, or
 * the same blocks (bit for bit, with labels), extensions, read accounting and
 * summary. Shared by tests/c/internal_icio_in_place.c and the fuzz_mrio
 * target (both link the library's internals).
 */
#ifndef MRIO_COMPARE_H
#define MRIO_COMPARE_H

#include "libflow.h"
#include "mrio_internal.h"

#include <stdio.h>
#include <string.h>

static char mrio_compare_why[1024];

static const char *mrio_compare_fail(const char *what, const char *detail)
{
    snprintf(mrio_compare_why, sizeof mrio_compare_why, "%s differs: %s", what, detail);
    return mrio_compare_why;
}

static int mrio_compare_same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* NULL when the tables are the same: shape, values bit for bit, labels and groups. */
static const char *mrio_compare_tables(const char *what, const flow_table *a, const flow_table *b)
{
    char detail[256];
    int64_t rows = flow_table_rows(a), cols = flow_table_cols(a);
    if (rows != flow_table_rows(b) || cols != flow_table_cols(b))
        return mrio_compare_fail(what, "shape");
    if (rows * cols > 0 &&
        memcmp(flow_table_values(a), flow_table_values(b), (size_t)(rows * cols) * sizeof(double)))
        return mrio_compare_fail(what, "values");
    for (int64_t i = 0; i < rows; i++)
        if (!mrio_compare_same_text(flow_table_row_label(a, i), flow_table_row_label(b, i)) ||
            !mrio_compare_same_text(flow_table_row_group(a, i), flow_table_row_group(b, i))) {
            snprintf(detail, sizeof detail, "row label %lld", (long long)i);
            return mrio_compare_fail(what, detail);
        }
    for (int64_t j = 0; j < cols; j++)
        if (!mrio_compare_same_text(flow_table_col_label(a, j), flow_table_col_label(b, j)) ||
            !mrio_compare_same_text(flow_table_col_group(a, j), flow_table_col_group(b, j))) {
            snprintf(detail, sizeof detail, "column label %lld", (long long)j);
            return mrio_compare_fail(what, detail);
        }
    return NULL;
}

/* NULL when both reads of the same file gave the same model, extensions, report and summary. */
static const char *mrio_compare_models(const flow_mrio *a, const flow_mrio *b)
{
    static const char *const counts[] = {"rows",     "accepted", "filtered",
                                         "rejected", "missing",  "duplicates"};
    const char *why = NULL;
    flow_table *ta = NULL, *tb = NULL;
    if (strcmp(flow_mrio_summary(a), flow_mrio_summary(b)) != 0)
        return mrio_compare_fail("summary", flow_mrio_summary(a));
    for (int block = 0; why == NULL && block < FLOW_MRIO_BLOCK_COUNT; block++) {
        int ra = flow_mrio_block_table(&ta, a, block), rb = flow_mrio_block_table(&tb, b, block);
        if (ra != rb)
            why = mrio_compare_fail("block status", "");
        else if (ra == FLOW_OK)
            why = mrio_compare_tables("block", ta, tb);
        flow_table_free(ta);
        flow_table_free(tb);
        ta = tb = NULL;
    }
    if (why == NULL && flow_mrio_extension_count(a) != flow_mrio_extension_count(b))
        why = mrio_compare_fail("extension count", "");
    for (int64_t e = 0; why == NULL && e < flow_mrio_extension_count(a); e++) {
        const char *na = NULL, *nb = NULL;
        const flow_table *fa = NULL, *fb = NULL, *fya = NULL, *fyb = NULL;
        if (flow_mrio_extension(a, e, &na, &fa, &fya) != FLOW_OK ||
            flow_mrio_extension(b, e, &nb, &fb, &fyb) != FLOW_OK || strcmp(na, nb) != 0)
            why = mrio_compare_fail("extension", "name");
        else if ((why = mrio_compare_tables("extension F", fa, fb)) == NULL &&
                 (fya != NULL) != (fyb != NULL))
            why = mrio_compare_fail("extension F_Y", "presence");
        else if (why == NULL && fya != NULL)
            why = mrio_compare_tables("extension F_Y", fya, fyb);
    }
    if (why == NULL &&
        (flow_read_report_table(&ta, flow_mrio_report(a), FLOW_REPORT_COUNTS) != FLOW_OK ||
         flow_read_report_table(&tb, flow_mrio_report(b), FLOW_REPORT_COUNTS) != FLOW_OK))
        why = mrio_compare_fail("report", "no counts");
    for (size_t c = 0; why == NULL && c < sizeof counts / sizeof counts[0]; c++) {
        double va = -1.0, vb = -2.0;
        flow_table_scalar(ta, counts[c], &va);
        flow_table_scalar(tb, counts[c], &vb);
        if (va != vb)
            why = mrio_compare_fail("report count", counts[c]);
    }
    flow_table_free(ta);
    flow_table_free(tb);
    return why;
}

/*
 * Reads path (format FLOW_MRIO_ICIO or FLOW_MRIO_FIGARO) both ways with the
 * options keep_splits and trust_given_output; NULL when the outcomes agree,
 * else what differs. *status (optional) is the read's status.
 */
static const char *mrio_compare_read(const char *path, int format, int keep_splits, int trust_given,
                                     int *status)
{
    flow_mrio_options *opts[2] = {NULL, NULL};
    flow_mrio *m[2] = {NULL, NULL};
    int rc[2] = {FLOW_OK, FLOW_OK};
    char message[2][1024];
    const char *why = NULL;
    for (int general = 0; general < 2; general++) {
        if (flow_mrio_options_new(&opts[general]) != FLOW_OK ||
            flow_mrio_options_set(opts[general], "keep_splits", keep_splits ? "1" : "0") !=
                FLOW_OK ||
            flow_mrio_options_set(opts[general], "trust_given_output", trust_given ? "1" : "0") !=
                FLOW_OK) {
            why = mrio_compare_fail("options", flow_last_error());
            break;
        }
        opts[general]->general_reader = general;
        rc[general] = flow_mrio_read(&m[general], path, format, opts[general]);
        snprintf(message[general], sizeof message[general], "%s",
                 rc[general] != FLOW_OK ? flow_last_error() : "");
    }
    if (why == NULL && (rc[0] != rc[1] || strcmp(message[0], message[1]) != 0)) {
        char detail[900];
        snprintf(detail, sizeof detail, "in place %d '%.400s', general %d '%.400s'", rc[0],
                 message[0], rc[1], message[1]);
        why = mrio_compare_fail("status", detail);
    }
    if (why == NULL && rc[0] == FLOW_OK)
        why = mrio_compare_models(m[0], m[1]);
    if (status != NULL)
        *status = rc[0];
    for (int general = 0; general < 2; general++) {
        flow_mrio_free(m[general]);
        flow_mrio_options_free(opts[general]);
    }
    return why;
}

#endif /* MRIO_COMPARE_H */
