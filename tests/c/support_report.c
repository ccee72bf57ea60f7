/*
 * support_report.c - a read report as the tests read it, through
 * flow_read_report_table (its own file of the support library).
 */
#include "support.h"

#include <libflow.h>

/* One part of the report; the caller frees it. */
static flow_table *part(const flow_read_report *r, int which)
{
    flow_table *t = NULL;
    assert_int_equal(flow_read_report_table(&t, r, which), FLOW_OK);
    return t;
}

static int64_t count(const flow_read_report *r, const char *name)
{
    if (r == NULL)
        return 0;
    flow_table *t = part(r, FLOW_REPORT_COUNTS);
    double value = -1.0;
    assert_int_equal(flow_table_scalar(t, name, &value), FLOW_OK);
    flow_table_free(t);
    return (int64_t)value;
}

int64_t flow_test_report_rows(const flow_read_report *r)
{
    return count(r, "rows");
}

int64_t flow_test_report_accepted(const flow_read_report *r)
{
    return count(r, "accepted");
}

int64_t flow_test_report_filtered(const flow_read_report *r)
{
    return count(r, "filtered");
}

int64_t flow_test_report_rejected(const flow_read_report *r)
{
    return count(r, "rejected");
}

int64_t flow_test_report_duplicates(const flow_read_report *r)
{
    return count(r, "duplicates");
}

int64_t flow_test_report_missing(const flow_read_report *r)
{
    return count(r, "missing");
}

const char *flow_test_report_unit(const flow_read_report *r)
{
    flow_table *t = part(r, FLOW_REPORT_COUNTS);
    const char *unit = flow_test_intern(flow_table_row_label(t, 0));
    flow_table_free(t);
    return unit;
}

static int64_t rows_of(const flow_read_report *r, int which)
{
    if (r == NULL)
        return 0;
    flow_table *t = part(r, which);
    int64_t rows = flow_table_rows(t);
    flow_table_free(t);
    return rows;
}

int64_t flow_test_report_reason_count(const flow_read_report *r)
{
    return rows_of(r, FLOW_REPORT_REASONS);
}

int64_t flow_test_report_kept_count(const flow_read_report *r)
{
    return rows_of(r, FLOW_REPORT_REJECTS);
}

int64_t flow_test_report_unknown_count(const flow_read_report *r)
{
    return rows_of(r, FLOW_REPORT_UNKNOWN);
}

/* Row i of a part: its label, group and cells (NULL outputs skipped). */
static int entry(const flow_read_report *r, int which, int64_t i, const char **label,
                 const char **group, double *cells, int ncells)
{
    if (r == NULL || i < 0 || i >= rows_of(r, which))
        return FLOW_ERR_INVALID_ARG;
    flow_table *t = part(r, which);
    if (label != NULL)
        *label = flow_test_intern(flow_table_row_label(t, i));
    if (group != NULL)
        *group = flow_test_intern(flow_table_row_group(t, i));
    for (int c = 0; c < ncells; c++)
        cells[c] = flow_table_values(t)[i * flow_table_cols(t) + c];
    flow_table_free(t);
    return FLOW_OK;
}

int flow_test_report_reason(const flow_read_report *r, int64_t i, const char **reason,
                            int64_t *count_out, int *kind)
{
    double cells[2] = {0.0, 0.0};
    int rc = entry(r, FLOW_REPORT_REASONS, i, reason, NULL, cells, 2);
    if (rc == FLOW_OK && count_out != NULL)
        *count_out = (int64_t)cells[0];
    if (rc == FLOW_OK && kind != NULL)
        *kind = cells[1] != 0.0 ? FLOW_REASON_REJECTED : FLOW_REASON_FILTERED;
    return rc;
}

int flow_test_report_kept(const flow_read_report *r, int64_t i, const char **message,
                          const char **file, int64_t *line, const char **column, const char **text)
{
    double cells[1] = {0.0};
    int rc = entry(r, FLOW_REPORT_REJECTS, i, message, file, cells, 1);
    if (rc == FLOW_OK)
        rc = entry(r, FLOW_REPORT_REJECT_FIELDS, i, text, column, NULL, 0);
    if (rc == FLOW_OK && line != NULL)
        *line = (int64_t)cells[0];
    return rc;
}

int flow_test_report_unknown(const flow_read_report *r, int64_t i, const char **code, int64_t *rows,
                             int64_t *first_line)
{
    double cells[2] = {0.0, 0.0};
    int rc = entry(r, FLOW_REPORT_UNKNOWN, i, code, NULL, cells, 2);
    if (rc == FLOW_OK && rows != NULL)
        *rows = (int64_t)cells[0];
    if (rc == FLOW_OK && first_line != NULL)
        *first_line = (int64_t)cells[1];
    return rc;
}
