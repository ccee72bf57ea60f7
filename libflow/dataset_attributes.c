/*
 * dataset_attributes.c - the per-economy attributes CSV (code, name, GDP,
 * population, groups, ...): numeric columns become numeric attributes, the
 * others text attributes, with the row and cell accounting of the long reader.
 *
 * The file is small (one row per economy), so it is read whole before a
 * column's kind is decided: a column is numeric when it holds at least one
 * finite number and at least half of its non-missing fields read as numbers
 * (finite or not). In a numeric column every other field is a rejected cell
 * (its value NaN, reported with line and column), never a reason to drop
 * the column.
 */
#include "dataset_internal.h"
#include "labels_internal.h"
#include "reader_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct attribute_reader {
    flow_dataset *ds;
    const char *path;
    const char *code_column;
    const flow_read_options *opts;
    flow_read_report *report;
    int64_t code_index;
    int64_t ncols;
    char **names;
    char **cells;     /* rows x ncols copies; NULL for missing fields */
    int64_t *line;    /* per row */
    int64_t *economy; /* per row */
    int64_t *first;   /* per economy: line of the row that set it, 0 if none */
    int64_t nfirst;
    int64_t rows, cap;
};

static void reader_clear(struct attribute_reader *a)
{
    for (int64_t c = 0; a->names != NULL && c < a->ncols; c++)
        free(a->names[c]);
    for (int64_t k = 0; a->cells != NULL && k < a->rows * a->ncols; k++)
        free(a->cells[k]);
    free(a->names);
    free(a->cells);
    free(a->line);
    free(a->economy);
    free(a->first);
}

static int is_missing(const flow_read_options *opts, const char *s)
{
    if (s[0] == '\0')
        return 1;
    for (int64_t i = 0; i < opts->missing_tokens.count; i++)
        if (strcmp(opts->missing_tokens.items[i], s) == 0)
            return 1;
    return 0;
}

static int header(struct attribute_reader *a, const struct flow_i_record *rec)
{
    if ((a->code_index = flow_i_record_find(rec, a->code_column)) < 0)
        return flow_i_fail(FLOW_ERR_MISSING_COLUMN, "%s: line %lld: no column \"%s\"", a->path,
                           (long long)rec->line, a->code_column);
    a->ncols = rec->nfields;
    if ((a->names = flow_i_calloc(a->ncols, sizeof *a->names)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t c = 0; c < a->ncols; c++) {
        for (int64_t d = 0; d < c; d++)
            if (strcmp(a->names[d], rec->fields[c]) == 0)
                return flow_i_fail(FLOW_ERR_PARSE,
                                   "%s: line %lld: column \"%s\" appears twice (columns %lld "
                                   "and %lld)",
                                   a->path, (long long)rec->line, rec->fields[c], (long long)d + 1,
                                   (long long)c + 1);
        if ((a->names[c] = flow_i_strdup(rec->fields[c])) == NULL)
            return FLOW_ERR_NOMEM;
    }
    return FLOW_OK;
}

/* A rejected row (strict: the read fails with the message). */
static int reject_row(struct attribute_reader *a, int status, const char *reason, int64_t line,
                      const char *column, const char *text, const char *message)
{
    if (a->opts->strict)
        return flow_i_fail(status, "%s", message);
    return flow_i_report_reject(a->report, a->opts->max_rejects_kept, reason, a->path, line, column,
                                text, strlen(text), message);
}

static int grow_rows(struct attribute_reader *a)
{
    if (a->rows < a->cap)
        return FLOW_OK;
    int64_t cap = a->cap > 0 ? a->cap * 2 : 64, cells = 0;
    int rc = flow_i_mul_size(cap, a->ncols, &cells);
    if (rc != FLOW_OK)
        return rc;
    char **c = realloc(a->cells, (size_t)cells * sizeof *c);
    if (c != NULL)
        a->cells = c;
    int64_t *l = realloc(a->line, (size_t)cap * sizeof *l);
    if (l != NULL)
        a->line = l;
    int64_t *e = realloc(a->economy, (size_t)cap * sizeof *e);
    if (e != NULL)
        a->economy = e;
    if (c == NULL || l == NULL || e == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    a->cap = cap;
    return FLOW_OK;
}

/* Line of the row that already set economy e (0: none), remembering line for it. */
static int first_line_of(struct attribute_reader *a, int64_t e, int64_t line, int64_t *before)
{
    if (e >= a->nfirst) {
        int64_t n = e + 1 > 2 * a->nfirst ? e + 1 : 2 * a->nfirst;
        int64_t *f = realloc(a->first, (size_t)n * sizeof *f);
        if (f == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        for (int64_t i = a->nfirst; i < n; i++)
            f[i] = 0;
        a->first = f;
        a->nfirst = n;
    }
    *before = a->first[e];
    if (*before == 0)
        a->first[e] = line;
    return FLOW_OK;
}

/* The economy of a row's code: found, added, or the row is rejected (*e = -1). */
static int row_economy(struct attribute_reader *a, const struct flow_i_record *rec, int64_t *e)
{
    char message[512];
    const char *code = rec->fields[a->code_index];
    size_t len = rec->lens[a->code_index];
    *e = -1;
    int found = flow_i_dataset_find_economy(a->ds, code, len, e);
    if (found != 0)
        return found < 0 ? found : FLOW_OK;
    if (a->opts->unknown_policy == FLOW_UNKNOWN_ADD && len > 0 && flow_i_utf8_valid(code, len))
        return flow_dataset_add_economy(a->ds, code, NULL, e);
    *e = -1;
    snprintf(message, sizeof message, "%s: line %lld, column \"%s\": unknown economy code '%.200s'",
             a->path, (long long)rec->line, a->code_column, code);
    int rc = reject_row(a, FLOW_ERR_UNKNOWN_LABEL, "unknown economy code", rec->line,
                        a->code_column, code, message);
    if (rc == FLOW_OK)
        rc = flow_i_report_unknown(a->report, code, len, 1, rec->line);
    return rc;
}

static int record(void *userdata, const struct flow_i_record *rec)
{
    struct attribute_reader *a = userdata;
    char message[512];
    int64_t e = -1, before = 0;
    int rc;
    if (a->names == NULL)
        return header(a, rec);
    if (rec->nfields != a->ncols) {
        snprintf(message, sizeof message, "%s: line %lld: ragged row: %lld fields, header has %lld",
                 a->path, (long long)rec->line, (long long)rec->nfields, (long long)a->ncols);
        return reject_row(a, FLOW_ERR_PARSE, "ragged row", rec->line, "", "", message);
    }
    for (int64_t c = 0; rec->may_hold_nul && c < a->ncols; c++)
        if (strlen(rec->fields[c]) != rec->lens[c]) {
            snprintf(message, sizeof message, "%s: line %lld, column \"%s\": NUL byte in a field",
                     a->path, (long long)rec->line, a->names[c]);
            return reject_row(a, FLOW_ERR_PARSE, "NUL byte in a field", rec->line, a->names[c], "",
                              message);
        }
    if ((rc = row_economy(a, rec, &e)) != FLOW_OK || e < 0)
        return rc;
    if ((rc = first_line_of(a, e, rec->line, &before)) != FLOW_OK)
        return rc;
    if (before != 0) {
        const char *code = rec->fields[a->code_index];
        snprintf(message, sizeof message,
                 "%s: line %lld, column \"%s\": duplicate economy '%.200s' (first on line %lld)",
                 a->path, (long long)rec->line, a->code_column, code, (long long)before);
        if ((rc = reject_row(a, FLOW_ERR_VALUE, "duplicate economy", rec->line, a->code_column,
                             code, message)) == FLOW_OK)
            flow_i_report_add_counts(a->report, 0, 0, 1, 0);
        return rc;
    }
    if ((rc = grow_rows(a)) != FLOW_OK)
        return rc;
    int64_t missing = 0;
    char **cells = a->cells + a->rows * a->ncols;
    for (int64_t c = 0; c < a->ncols; c++)
        cells[c] = NULL;
    a->line[a->rows] = rec->line;
    a->economy[a->rows] = e;
    a->rows++; /* counted before the copies, so that a failed copy is freed */
    for (int64_t c = 0; c < a->ncols; c++) {
        if (c == a->code_index)
            continue;
        if (is_missing(a->opts, rec->fields[c])) {
            missing++;
            continue;
        }
        if ((cells[c] = flow_i_strdup(rec->fields[c])) == NULL)
            return FLOW_ERR_NOMEM;
    }
    flow_i_report_add_counts(a->report, 1, 1, 0, missing);
    return FLOW_OK;
}

static int parse(const struct attribute_reader *a, const char *s, double *v)
{
    return flow_i_parse_double(s, strlen(s), a->opts->thousands, a->opts->decimal, v);
}

static int is_numeric_column(const struct attribute_reader *a, int64_t c)
{
    int64_t present = 0, numeric = 0, finite = 0;
    double v = 0.0;
    for (int64_t r = 0; r < a->rows; r++) {
        const char *s = a->cells[r * a->ncols + c];
        if (s == NULL)
            continue;
        int kind = parse(a, s, &v);
        present++;
        numeric += kind != FLOW_I_NUMBER_INVALID;
        finite += kind == FLOW_I_NUMBER_OK;
    }
    return finite > 0 && 2 * numeric >= present;
}

/* A field of a numeric column that is not a finite number (strict: fails). */
static int reject_cell(struct attribute_reader *a, int64_t r, int64_t c, int kind)
{
    char message[512];
    const char *s = a->cells[r * a->ncols + c];
    const char *what =
        kind == FLOW_I_NUMBER_NOT_FINITE ? "is not a finite number" : "is not a number";
    snprintf(message, sizeof message, "%s: line %lld, column \"%s\": '%.200s' %s", a->path,
             (long long)a->line[r], a->names[c], s, what);
    if (a->opts->strict)
        return flow_i_fail(FLOW_ERR_VALUE, "%s", message);
    return flow_i_report_cell(a->report, a->opts->max_rejects_kept,
                              kind == FLOW_I_NUMBER_NOT_FINITE ? "NaN or infinite value"
                                                               : "not a number",
                              a->path, a->line[r], a->names[c], s, strlen(s), message);
}

static int store(struct attribute_reader *a)
{
    int rc = FLOW_OK;
    unsigned char *numeric = flow_i_calloc(a->ncols, 1);
    if (numeric == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t c = 0; c < a->ncols; c++)
        numeric[c] = c != a->code_index && is_numeric_column(a, c);
    /* Rejected cells in file order, so that strict mode fails on the first. */
    for (int64_t r = 0; rc == FLOW_OK && r < a->rows; r++)
        for (int64_t c = 0; rc == FLOW_OK && c < a->ncols; c++) {
            double v = 0.0;
            const char *s = a->cells[r * a->ncols + c];
            int kind = numeric[c] && s != NULL ? parse(a, s, &v) : FLOW_I_NUMBER_OK;
            if (kind != FLOW_I_NUMBER_OK)
                rc = reject_cell(a, r, c, kind);
        }
    for (int64_t c = 0; rc == FLOW_OK && c < a->ncols; c++) {
        if (c == a->code_index)
            continue;
        if (numeric[c]) {
            double *values = NULL;
            if ((rc = flow_i_dataset_numeric_slot(a->ds, a->names[c], &values)) != FLOW_OK)
                break;
            for (int64_t r = 0; r < a->rows; r++) {
                const char *s = a->cells[r * a->ncols + c];
                double v = NAN;
                if (s != NULL && parse(a, s, &v) != FLOW_I_NUMBER_OK)
                    v = NAN;
                values[a->economy[r]] = v;
            }
        } else {
            char **values = NULL;
            if ((rc = flow_i_dataset_text_slot(a->ds, a->names[c], &values)) != FLOW_OK)
                break;
            for (int64_t r = 0; r < a->rows; r++) {
                values[a->economy[r]] = a->cells[r * a->ncols + c];
                a->cells[r * a->ncols + c] = NULL; /* now the dataset's */
            }
        }
    }
    free(numeric);
    return rc;
}

int flow_dataset_read_attributes_csv(flow_dataset *ds, const char *path, const char *code_column,
                                     const flow_read_options *opts, flow_read_report *report)
{
    flow_read_options *defaults = NULL;
    int rc;
    if (ds == NULL || path == NULL || code_column == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_read_attributes: NULL argument");
    if ((rc = flow_i_options_or_default(&opts, &defaults)) != FLOW_OK)
        return rc;
    flow_i_report_reset(report);
    struct attribute_reader a;
    memset(&a, 0, sizeof a);
    a.ds = ds;
    a.path = path;
    a.code_column = code_column;
    a.opts = opts;
    a.report = report;
    a.code_index = -1;
    rc = flow_i_scan(path, NULL, 0, opts, record, &a);
    if (rc == FLOW_OK && a.names == NULL)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: empty file (no header)", path);
    if (rc == FLOW_OK)
        rc = store(&a);
    reader_clear(&a);
    flow_read_options_free(defaults);
    return rc;
}

int flow_dataset_read_attributes(flow_dataset *ds, const char *path, const char *code_column,
                                 int add_unknown)
{
    flow_read_options *opts = NULL;
    int rc = flow_i_strict_code_options(&opts, add_unknown);
    if (rc == FLOW_OK)
        rc = flow_dataset_read_attributes_csv(ds, path, code_column, opts, NULL);
    flow_read_options_free(opts);
    return rc;
}
