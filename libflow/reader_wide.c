/*
 * reader_wide.c - wide (matrix-shaped) CSV files into flow_table.
 *
 * Layout: label_rows leading records carry column labels, label_cols leading
 * fields of each row carry row labels; the options pick which of them are the
 * label and the group. Data rows accumulate into a growing row-major array
 * (the table is small next to the files long-format readers see).
 */
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct strings {
    char **items;
    int64_t count, cap;
};

struct wide_reader {
    const flow_read_options *opts;
    flow_read_report *report;
    const char *file;
    int64_t records; /* records seen, label rows included */
    int64_t width;   /* fields per record, fixed by the first record */
    int64_t ncols;
    struct strings col_labels, col_groups, row_labels, row_groups;
    double *values;
    int64_t rows, cap_rows;
    double *row; /* the data row being parsed */
};

static int push(struct strings *s, const char *text)
{
    if (s->count == s->cap) {
        int64_t cap = s->cap > 0 ? s->cap * 2 : 64;
        char **items = realloc(s->items, (size_t)cap * sizeof *items);
        if (items == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        s->items = items;
        s->cap = cap;
    }
    if ((s->items[s->count] = flow_i_strdup(text)) == NULL)
        return FLOW_ERR_NOMEM;
    s->count++;
    return FLOW_OK;
}

static void clear(struct strings *s)
{
    for (int64_t i = 0; i < s->count; i++)
        free(s->items[i]);
    free(s->items);
}

static int fix_width(struct wide_reader *w, const struct flow_i_record *rec)
{
    w->width = rec->nfields;
    w->ncols = w->width - w->opts->label_cols;
    if (w->ncols <= 0)
        return flow_i_fail(
            FLOW_ERR_EMPTY,
            "%s: line %lld: %lld fields leave no data column after %lld label columns", w->file,
            (long long)rec->line, (long long)rec->nfields, (long long)w->opts->label_cols);
    if ((w->row = flow_i_calloc(w->ncols, sizeof *w->row)) == NULL)
        return FLOW_ERR_NOMEM;
    return FLOW_OK;
}

static int label_record(struct wide_reader *w, const struct flow_i_record *rec, int64_t r)
{
    int rc = w->width == 0 ? fix_width(w, rec) : FLOW_OK;
    struct strings *into = r == w->opts->col_label_row   ? &w->col_labels
                           : r == w->opts->col_group_row ? &w->col_groups
                                                         : NULL;
    for (int64_t c = w->opts->label_cols; rc == FLOW_OK && into != NULL && c < w->width; c++)
        rc = push(into, c < rec->nfields ? rec->fields[c] : "");
    return rc;
}

/* Rejects a data row (strict: fails) with file, line, column and text. */
static int wide_reject(struct wide_reader *w, int status, const char *reason,
                       const struct flow_i_record *rec, int64_t field, const char *what)
{
    char message[512];
    char column[64] = "";
    const char *text = field >= 0 ? rec->fields[field] : "";
    size_t len = field >= 0 ? rec->lens[field] : 0;
    if (field >= 0) {
        int64_t c = field - w->opts->label_cols;
        if (c >= 0 && c < w->col_labels.count && w->col_labels.items[c][0] != '\0')
            snprintf(column, sizeof column, "%s", w->col_labels.items[c]);
        else
            snprintf(column, sizeof column, "%lld", (long long)field + 1);
        snprintf(message, sizeof message, "%s: line %lld, column \"%s\": '%.*s'%s", w->file,
                 (long long)rec->line, column, len > 200 ? 200 : (int)len, text, what);
    } else {
        snprintf(message, sizeof message, "%s: line %lld: %s", w->file, (long long)rec->line, what);
    }
    if (w->opts->strict)
        return flow_i_fail(status, "%s", message);
    return flow_i_report_reject(w->report, w->opts->max_rejects_kept, reason, w->file, rec->line,
                                column, text, len, message);
}

static int is_missing(const flow_read_options *o, const char *s)
{
    /* Called on every cell: the first byte settles nearly all before strcmp. */
    for (int64_t i = 0; i < o->missing_tokens.count; i++)
        if (o->missing_tokens.items[i][0] == s[0] && strcmp(o->missing_tokens.items[i], s) == 0)
            return 1;
    return 0;
}

/* Parses the cells of a data row into w->row; *ok = 0 when it was dropped. */
static int parse_cells(struct wide_reader *w, const struct flow_i_record *rec, int64_t *missing,
                       int *ok)
{
    const flow_read_options *o = w->opts;
    *ok = 0;
    *missing = 0;
    for (int64_t c = 0; c < w->ncols; c++) {
        int64_t f = c + o->label_cols;
        double v = 0.0;
        if (is_missing(o, rec->fields[f])) {
            if (o->missing_policy == FLOW_MISSING_SKIP)
                return flow_i_report_count(w->report, FLOW_REASON_FILTERED, "missing value", 1);
            if (o->missing_policy == FLOW_MISSING_REJECT)
                return wide_reject(w, FLOW_ERR_VALUE, "missing value", rec, f,
                                   " is a missing value");
            (*missing)++;
            w->row[c] = 0.0;
            continue;
        }
        int kind = flow_i_parse_double(rec->fields[f], rec->lens[f], o->thousands, o->decimal, &v);
        if (kind == FLOW_I_NUMBER_NOT_FINITE)
            return wide_reject(w, FLOW_ERR_VALUE, "NaN or infinite value", rec, f,
                               " is not a finite number");
        if (kind != FLOW_I_NUMBER_OK && rec->may_hold_nul &&
            memchr(rec->fields[f], '\0', rec->lens[f]) != NULL)
            return wide_reject(w, FLOW_ERR_PARSE, "NUL byte in a field", rec, f,
                               " holds a NUL byte");
        if (kind != FLOW_I_NUMBER_OK)
            return wide_reject(w, FLOW_ERR_VALUE, "not a number", rec, f, " is not a number");
        if (v < 0 && !o->allow_negative)
            return wide_reject(w, FLOW_ERR_VALUE, "negative value", rec, f,
                               " is negative (negative values are not allowed)");
        w->row[c] = v * o->scale;
    }
    *ok = 1;
    return FLOW_OK;
}

static int keep_row(struct wide_reader *w, const struct flow_i_record *rec)
{
    const flow_read_options *o = w->opts;
    if (w->rows == w->cap_rows) {
        int64_t cap = w->cap_rows > 0 ? w->cap_rows * 2 : 64;
        int64_t cells = 0;
        int rc = flow_i_mul_size(cap, w->ncols, &cells);
        if (rc != FLOW_OK)
            return rc;
        double *v = realloc(w->values, (size_t)cells * sizeof *v);
        if (v == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        w->values = v;
        w->cap_rows = cap;
    }
    memcpy(w->values + w->rows * w->ncols, w->row, (size_t)w->ncols * sizeof *w->row);
    w->rows++;
    int rc = push(&w->row_labels, o->row_label_col >= 0 ? rec->fields[o->row_label_col] : "");
    if (rc == FLOW_OK)
        rc = push(&w->row_groups, o->row_group_col >= 0 ? rec->fields[o->row_group_col] : "");
    return rc;
}

static int wide_record(void *userdata, const struct flow_i_record *rec)
{
    struct wide_reader *w = userdata;
    const flow_read_options *o = w->opts;
    int64_t r = w->records++;
    int64_t missing = 0;
    int ok = 0;
    if (r < o->label_rows)
        return label_record(w, rec, r);
    if (w->width == 0) {
        int rc = fix_width(w, rec);
        if (rc != FLOW_OK)
            return rc;
    }
    if (((r - o->label_rows) / o->wide_block) % o->wide_block_count != o->wide_block_index)
        return flow_i_report_count(w->report, FLOW_REASON_FILTERED, "row of another block", 1);
    if (rec->nfields != w->width) {
        char what[96];
        snprintf(what, sizeof what, "ragged row: %lld fields, the first row has %lld",
                 (long long)rec->nfields, (long long)w->width);
        return wide_reject(w, FLOW_ERR_PARSE, "ragged row", rec, -1, what);
    }
    if (o->wide_filter_value != NULL &&
        strcmp(rec->fields[o->wide_filter_col], o->wide_filter_value))
        return flow_i_report_count(w->report, FLOW_REASON_FILTERED, "row not selected", 1);
    int rc = parse_cells(w, rec, &missing, &ok);
    if (rc != FLOW_OK || !ok)
        return rc;
    flow_i_report_add_counts(w->report, 1, 1, 0, missing);
    return keep_row(w, rec);
}

/* The table of the rows read; it takes over w->values (a database table is most of the memory). */
static int build_table(flow_table **out, struct wide_reader *w)
{
    int rc = FLOW_OK;
    if (w->values == NULL) /* no data row */
        rc = flow_table_new(out, w->rows, w->ncols, NULL, w->ncols);
    else
        rc = flow_i_table_adopt(out, w->rows, w->ncols, &w->values);
    for (int64_t j = 0; rc == FLOW_OK && j < w->ncols; j++)
        rc =
            flow_table_set_col_label(*out, j, j < w->col_labels.count ? w->col_labels.items[j] : "",
                                     j < w->col_groups.count ? w->col_groups.items[j] : NULL);
    for (int64_t i = 0; rc == FLOW_OK && i < w->rows; i++)
        rc = flow_table_set_row_label(*out, i, w->row_labels.items[i], w->row_groups.items[i]);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_table_read_csv(flow_table **out, const char *path, const flow_read_options *opts,
                        flow_read_report *report)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_table_read_csv: out is NULL");
    return flow_i_table_read(out, path, NULL, 0, opts, report);
}

struct path_input {
    const char *path, *data;
    int64_t len;
    const flow_read_options *opts;
};

static int scan_path(void *ctx, flow_i_scanner *s)
{
    const struct path_input *in = ctx;
    return flow_i_scan_with(s, in->path, in->data, in->len, in->opts);
}

int flow_i_table_read(flow_table **out, const char *path, const char *data, int64_t len,
                      const flow_read_options *opts, flow_read_report *report)
{
    flow_read_options *defaults = NULL;
    if (out != NULL)
        *out = NULL;
    if (path == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_table_read_csv: NULL path");
    int rc = flow_i_options_or_default(&opts, &defaults);
    struct path_input in = {path, data, len, opts};
    if (rc == FLOW_OK)
        rc = flow_i_table_read_pump(out, path, opts, report, scan_path, &in);
    flow_read_options_free(defaults);
    return rc;
}

int flow_i_table_read_pump(flow_table **out, const char *name, const flow_read_options *opts,
                           flow_read_report *report, flow_i_pump_fn pump, void *ctx)
{
    flow_read_options *defaults = NULL;
    flow_i_scanner *s = NULL;
    int rc = FLOW_OK;
    *out = NULL;
    if ((rc = flow_i_options_or_default(&opts, &defaults)) != FLOW_OK)
        return rc;
    flow_i_report_reset(report);
    struct wide_reader w;
    memset(&w, 0, sizeof w);
    w.opts = opts;
    w.report = report;
    w.file = name;
    rc = flow_i_scanner_new(&s, name, opts->delimiter, opts->max_line, 1, 1, wide_record, &w);
    if (rc == FLOW_OK)
        rc = pump(ctx, s);
    if (rc == FLOW_OK && w.width == 0)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: empty file (no header)", name);
    if (rc == FLOW_OK)
        rc = build_table(out, &w);
    flow_i_scanner_free(s);
    clear(&w.col_labels);
    clear(&w.col_groups);
    clear(&w.row_labels);
    clear(&w.row_groups);
    free(w.values);
    free(w.row);
    flow_read_options_free(defaults);
    return rc;
}
