/*
 * reader_report.c - the row accounting of a read (flow_read_report).
 */
#include "reader_internal.h"

#include <stdlib.h>
#include <string.h>

#define KEPT_TEXT_MAX 200

struct reason {
    char *text;
    int kind;
    int cells; /* 1: the count is of cells of kept rows, not of rows */
    int64_t count;
};

struct kept {
    char *message;
    char *file;
    char *column;
    char *text;
    int64_t line;
};

struct unknown {
    char *code;
    int64_t rows;
    int64_t first_line;
};

struct flow_read_report {
    int64_t rows, accepted, filtered, rejected, duplicates, missing;
    struct reason *reasons;
    int64_t nreasons;
    struct kept *kept;
    int64_t nkept;
    struct unknown *unknowns;
    int64_t nunknowns;
    char *unit;
};

int flow_read_report_new(flow_read_report **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_read_report_new: out is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    return *out == NULL ? FLOW_ERR_NOMEM : FLOW_OK;
}

void flow_i_report_reset(flow_read_report *r)
{
    if (r == NULL)
        return;
    for (int64_t i = 0; i < r->nreasons; i++)
        free(r->reasons[i].text);
    for (int64_t i = 0; i < r->nkept; i++) {
        free(r->kept[i].message);
        free(r->kept[i].file);
        free(r->kept[i].column);
        free(r->kept[i].text);
    }
    for (int64_t i = 0; i < r->nunknowns; i++)
        free(r->unknowns[i].code);
    free(r->reasons);
    free(r->kept);
    free(r->unknowns);
    free(r->unit);
    memset(r, 0, sizeof *r);
}

void flow_read_report_free(flow_read_report *r)
{
    flow_i_report_reset(r);
    free(r);
}

int64_t flow_i_read_report_rows(const flow_read_report *r)
{
    return r ? r->rows : 0;
}
int64_t flow_i_read_report_accepted(const flow_read_report *r)
{
    return r ? r->accepted : 0;
}
int64_t flow_i_read_report_filtered(const flow_read_report *r)
{
    return r ? r->filtered : 0;
}
int64_t flow_i_read_report_rejected(const flow_read_report *r)
{
    return r ? r->rejected : 0;
}
int64_t flow_i_read_report_duplicates(const flow_read_report *r)
{
    return r ? r->duplicates : 0;
}
int64_t flow_i_read_report_missing(const flow_read_report *r)
{
    return r ? r->missing : 0;
}
int64_t flow_i_read_report_reason_count(const flow_read_report *r)
{
    return r ? r->nreasons : 0;
}
int64_t flow_i_read_report_kept_count(const flow_read_report *r)
{
    return r ? r->nkept : 0;
}
int64_t flow_i_read_report_unknown_count(const flow_read_report *r)
{
    return r ? r->nunknowns : 0;
}
const char *flow_i_read_report_unit(const flow_read_report *r)
{
    return r != NULL && r->unit != NULL ? r->unit : "";
}

int flow_i_read_report_reason(const flow_read_report *r, int64_t i, const char **reason,
                              int64_t *count, int *kind)
{
    if (r == NULL || i < 0 || i >= r->nreasons)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "report reason %lld out of range", (long long)i);
    if (reason)
        *reason = r->reasons[i].text;
    if (count)
        *count = r->reasons[i].count;
    if (kind)
        *kind = r->reasons[i].kind;
    return FLOW_OK;
}

int flow_i_read_report_kept(const flow_read_report *r, int64_t i, const char **message,
                            const char **file, int64_t *line, const char **column,
                            const char **text)
{
    if (r == NULL || i < 0 || i >= r->nkept)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "kept reject %lld out of range", (long long)i);
    const struct kept *k = &r->kept[i];
    if (message)
        *message = k->message;
    if (file)
        *file = k->file;
    if (line)
        *line = k->line;
    if (column)
        *column = k->column;
    if (text)
        *text = k->text;
    return FLOW_OK;
}

int flow_i_read_report_unknown(const flow_read_report *r, int64_t i, const char **code,
                               int64_t *rows, int64_t *first_line)
{
    if (r == NULL || i < 0 || i >= r->nunknowns)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown code %lld out of range", (long long)i);
    if (code)
        *code = r->unknowns[i].code;
    if (rows)
        *rows = r->unknowns[i].rows;
    if (first_line)
        *first_line = r->unknowns[i].first_line;
    return FLOW_OK;
}

/* Grows an array by one element; *n is not changed. */
static int grow_one(void **array, int64_t n, size_t elem)
{
    void *p = realloc(*array, (size_t)(n + 1) * elem);
    if (p == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    *array = p;
    return FLOW_OK;
}

/* Adds count to reason (of kind, of rows or of cells), creating it when new. */
static int add_reason(flow_read_report *r, int kind, const char *reason, int64_t rows, int cells)
{
    for (int64_t i = 0; i < r->nreasons; i++)
        if (r->reasons[i].kind == kind && r->reasons[i].cells == cells &&
            strcmp(r->reasons[i].text, reason) == 0) {
            r->reasons[i].count += rows;
            return FLOW_OK;
        }
    int rc = grow_one((void **)&r->reasons, r->nreasons, sizeof *r->reasons);
    char *text = rc == FLOW_OK ? flow_i_strdup(reason) : NULL;
    if (text == NULL)
        return FLOW_ERR_NOMEM;
    r->reasons[r->nreasons++] = (struct reason){text, kind, cells, rows};
    return FLOW_OK;
}

int flow_i_report_count(flow_read_report *r, int kind, const char *reason, int64_t rows)
{
    if (r == NULL)
        return FLOW_OK;
    if (kind == FLOW_REASON_FILTERED)
        r->filtered += rows;
    else
        r->rejected += rows;
    r->rows += rows;
    return add_reason(r, kind, reason, rows, 0);
}

int flow_i_report_cells(flow_read_report *r, int kind, const char *reason, int64_t cells)
{
    return r != NULL ? add_reason(r, kind, reason, cells, 1) : FLOW_OK;
}

static char *strndup_checked(const char *s, size_t len)
{
    char *p = flow_i_malloc((int64_t)len + 1, 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Keeps the detail of a reject while fewer than max_kept are kept. */
static int keep_detail(flow_read_report *r, int64_t max_kept, const char *file, int64_t line,
                       const char *column, const char *text, size_t text_len, const char *message)
{
    int rc = FLOW_OK;
    if (r == NULL || r->nkept >= max_kept)
        return rc;
    if ((rc = grow_one((void **)&r->kept, r->nkept, sizeof *r->kept)) != FLOW_OK)
        return rc;
    struct kept k = {
        flow_i_strdup(message), flow_i_strdup(file), flow_i_strdup(column ? column : ""),
        strndup_checked(text ? text : "", text_len < KEPT_TEXT_MAX ? text_len : KEPT_TEXT_MAX),
        line};
    if (k.message == NULL || k.file == NULL || k.column == NULL || k.text == NULL) {
        free(k.message);
        free(k.file);
        free(k.column);
        free(k.text);
        return FLOW_ERR_NOMEM;
    }
    r->kept[r->nkept++] = k;
    return FLOW_OK;
}

int flow_i_report_reject(flow_read_report *r, int64_t max_kept, const char *reason,
                         const char *file, int64_t line, const char *column, const char *text,
                         size_t text_len, const char *message)
{
    int rc = flow_i_report_count(r, FLOW_REASON_REJECTED, reason, 1);
    if (rc != FLOW_OK)
        return rc;
    return keep_detail(r, max_kept, file, line, column, text, text_len, message);
}

int flow_i_report_cell(flow_read_report *r, int64_t max_kept, const char *reason, const char *file,
                       int64_t line, const char *column, const char *text, size_t text_len,
                       const char *message)
{
    int rc = flow_i_report_cells(r, FLOW_REASON_REJECTED, reason, 1);
    if (rc != FLOW_OK)
        return rc;
    return keep_detail(r, max_kept, file, line, column, text, text_len, message);
}

int flow_i_report_unknown(flow_read_report *r, const char *code, size_t len, int64_t rows,
                          int64_t first_line)
{
    if (r == NULL)
        return FLOW_OK;
    for (int64_t i = 0; i < r->nunknowns; i++)
        if (strlen(r->unknowns[i].code) == len && memcmp(r->unknowns[i].code, code, len) == 0) {
            r->unknowns[i].rows += rows;
            return FLOW_OK;
        }
    int rc = grow_one((void **)&r->unknowns, r->nunknowns, sizeof *r->unknowns);
    char *copy = rc == FLOW_OK ? strndup_checked(code, len) : NULL;
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    r->unknowns[r->nunknowns++] = (struct unknown){copy, rows, first_line};
    return FLOW_OK;
}

void flow_i_report_add_counts(flow_read_report *r, int64_t rows, int64_t accepted,
                              int64_t duplicates, int64_t missing)
{
    if (r == NULL)
        return;
    r->rows += rows;
    r->accepted += accepted;
    r->duplicates += duplicates;
    r->missing += missing;
}

int flow_i_report_set_unit(flow_read_report *r, const char *unit, size_t len)
{
    if (r == NULL)
        return FLOW_OK;
    char *copy = strndup_checked(unit, len);
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    free(r->unit);
    r->unit = copy;
    return FLOW_OK;
}

int flow_i_report_merge(flow_read_report *dst, const flow_read_report *src, int64_t max_kept)
{
    int rc = FLOW_OK;
    if (dst == NULL || src == NULL)
        return FLOW_OK;
    /* Reasons carry their own row counts: add them, then the accepted rows. */
    for (int64_t i = 0; i < src->nreasons && rc == FLOW_OK; i++)
        rc = src->reasons[i].cells
                 ? flow_i_report_cells(dst, src->reasons[i].kind, src->reasons[i].text,
                                       src->reasons[i].count)
                 : flow_i_report_count(dst, src->reasons[i].kind, src->reasons[i].text,
                                       src->reasons[i].count);
    flow_i_report_add_counts(dst, src->accepted, src->accepted, src->duplicates, src->missing);
    for (int64_t i = 0; i < src->nkept && rc == FLOW_OK && dst->nkept < max_kept; i++) {
        /* Re-keep without counting again: the reason counts were added above. */
        const struct kept *k = &src->kept[i];
        if ((rc = grow_one((void **)&dst->kept, dst->nkept, sizeof *dst->kept)) != FLOW_OK)
            break;
        struct kept c = {flow_i_strdup(k->message), flow_i_strdup(k->file),
                         flow_i_strdup(k->column), flow_i_strdup(k->text), k->line};
        if (c.message == NULL || c.file == NULL || c.column == NULL || c.text == NULL) {
            free(c.message);
            free(c.file);
            free(c.column);
            free(c.text);
            return FLOW_ERR_NOMEM;
        }
        dst->kept[dst->nkept++] = c;
    }
    for (int64_t i = 0; i < src->nunknowns && rc == FLOW_OK; i++)
        rc = flow_i_report_unknown(dst, src->unknowns[i].code, strlen(src->unknowns[i].code),
                                   src->unknowns[i].rows, src->unknowns[i].first_line);
    if (rc == FLOW_OK && src->unit != NULL && dst->unit == NULL)
        rc = flow_i_report_set_unit(dst, src->unit, strlen(src->unit));
    return rc;
}

/* ------------------------------------------------------------------ as tables */

static int counts_part(flow_table **out, const flow_read_report *r)
{
    static const char *const names[] = {"rows",     "accepted",   "filtered",
                                        "rejected", "duplicates", "missing"};
    const int64_t counts[] = {r->rows,     r->accepted,   r->filtered,
                              r->rejected, r->duplicates, r->missing};
    int rc = flow_i_table_new_columns(out, 1, 6, names);
    for (int c = 0; rc == FLOW_OK && c < 6; c++)
        flow_i_table_values(*out)[c] = (double)counts[c];
    if (rc == FLOW_OK)
        rc = flow_table_set_row_label(*out, 0, flow_i_read_report_unit(r), NULL);
    return rc;
}

static int reasons_part(flow_table **out, const flow_read_report *r)
{
    static const char *const names[] = {"rows", "rejected"};
    int rc = flow_i_table_new_columns(out, r->nreasons, 2, names);
    for (int64_t i = 0; rc == FLOW_OK && i < r->nreasons; i++) {
        const struct reason *reason = &r->reasons[i];
        int rejected = reason->kind == FLOW_REASON_REJECTED;
        flow_i_table_values(*out)[2 * i] = (double)reason->count;
        flow_i_table_values(*out)[2 * i + 1] = rejected;
        rc = flow_table_set_row_label(*out, i, reason->text, rejected ? "rejected" : "filtered");
    }
    return rc;
}

static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* Kept rejects: the message and file, or (fields) the text and column. */
static int rejects_part(flow_table **out, const flow_read_report *r, int fields)
{
    static const char *const names[] = {"line"};
    int rc = flow_i_table_new_columns(out, r->nkept, 1, names);
    for (int64_t i = 0; rc == FLOW_OK && i < r->nkept; i++) {
        const struct kept *k = &r->kept[i];
        flow_i_table_values(*out)[i] = (double)k->line;
        rc = fields ? flow_table_set_row_label(*out, i, or_empty(k->text), or_empty(k->column))
                    : flow_table_set_row_label(*out, i, or_empty(k->message), or_empty(k->file));
    }
    return rc;
}

static int unknown_part(flow_table **out, const flow_read_report *r)
{
    static const char *const names[] = {"rows", "first_line"};
    int rc = flow_i_table_new_columns(out, r->nunknowns, 2, names);
    for (int64_t i = 0; rc == FLOW_OK && i < r->nunknowns; i++) {
        flow_i_table_values(*out)[2 * i] = (double)r->unknowns[i].rows;
        flow_i_table_values(*out)[2 * i + 1] = (double)r->unknowns[i].first_line;
        rc = flow_table_set_row_label(*out, i, r->unknowns[i].code, NULL);
    }
    return rc;
}

static int set_count_scalars(flow_table *t, const flow_read_report *r)
{
    const struct {
        const char *name;
        int64_t value;
    } counts[] = {
        {"rows", r->rows},         {"accepted", r->accepted},     {"filtered", r->filtered},
        {"rejected", r->rejected}, {"duplicates", r->duplicates}, {"missing", r->missing}};
    int rc = FLOW_OK;
    for (size_t i = 0; rc == FLOW_OK && i < sizeof counts / sizeof counts[0]; i++)
        rc = flow_table_set_scalar(t, counts[i].name, (double)counts[i].value);
    return rc;
}

int flow_read_report_table(flow_table **out, const flow_read_report *report, int part)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_read_report_table: out is NULL");
    *out = NULL;
    if (report == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_read_report_table: report is NULL");
    switch (part) {
        case FLOW_REPORT_COUNTS:
            rc = counts_part(out, report);
            break;
        case FLOW_REPORT_REASONS:
            rc = reasons_part(out, report);
            break;
        case FLOW_REPORT_REJECTS:
        case FLOW_REPORT_REJECT_FIELDS:
            rc = rejects_part(out, report, part == FLOW_REPORT_REJECT_FIELDS);
            break;
        case FLOW_REPORT_UNKNOWN:
            rc = unknown_part(out, report);
            break;
        default:
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown report part %d", part);
    }
    if (rc == FLOW_OK)
        rc = set_count_scalars(*out, report);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
