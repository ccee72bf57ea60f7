/*
 * util_table.c - printing labelled tables as text, CSV or JSON, so that the
 * whole output of a run is one document of its format (see util.h).
 */
#include "util.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The output of this run: which table is wanted and what has been printed. */
static struct {
    const char *select; /* --table NAME, or NULL */
    int printed;        /* tables printed */
    int json_open;      /* {"tables": [ written, ] } owed */
    char others[1024];  /* names of the tables not printed, for the messages */
} output;

struct cell {
    char *text; /* NULL for a number */
    double number;
    int integer;
};

struct flowtool_table {
    char *title;
    int ncols;
    char **headers;
    struct cell *cells;
    size_t ncells, cap;
};

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

flowtool_table *flowtool_table_new(const char *title, int ncols, const char *const *headers)
{
    flowtool_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->ncols = ncols;
    t->title = copy(title);
    t->headers = calloc((size_t)ncols, sizeof *t->headers);
    if (t->title == NULL || t->headers == NULL) {
        flowtool_table_free(t);
        return NULL;
    }
    for (int c = 0; c < ncols; c++)
        if ((t->headers[c] = copy(headers[c])) == NULL) {
            flowtool_table_free(t);
            return NULL;
        }
    return t;
}

void flowtool_table_free(flowtool_table *t)
{
    if (t == NULL)
        return;
    for (int c = 0; t->headers != NULL && c < t->ncols; c++)
        free(t->headers[c]);
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    free(t->headers);
    free(t->cells);
    free(t->title);
    free(t);
}

static int push(flowtool_table *t, struct cell c)
{
    if (t->ncells == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct cell *cells = realloc(t->cells, cap * sizeof *cells);
        if (cells == NULL) {
            free(c.text);
            return -1;
        }
        t->cells = cells;
        t->cap = cap;
    }
    t->cells[t->ncells++] = c;
    return 0;
}

int flowtool_table_text(flowtool_table *t, const char *text)
{
    struct cell c = {copy(text ? text : ""), 0.0, 0};
    return c.text == NULL ? -1 : push(t, c);
}

int flowtool_table_number(flowtool_table *t, double value)
{
    return push(t, (struct cell){NULL, value, 0});
}

int flowtool_table_integer(flowtool_table *t, int64_t value)
{
    return push(t, (struct cell){NULL, (double)value, 1});
}

/* The shortest of %.15g, %.16g and %.17g that reads back to the same double. */
static void shortest(double x, char *buf, size_t cap)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, cap, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

/* A cell as text: numbers with 6 significant digits (table) or exactly (csv, json). */
static void format_cell(const struct cell *c, int precise, char *buf, size_t cap)
{
    if (c->text != NULL)
        snprintf(buf, cap, "%s", c->text);
    else if (c->integer)
        snprintf(buf, cap, "%.0f", c->number);
    else if (!isfinite(c->number))
        snprintf(buf, cap, "%s", isnan(c->number) ? "NaN" : c->number > 0 ? "Inf" : "-Inf");
    else if (precise)
        shortest(c->number, buf, cap);
    else
        snprintf(buf, cap, "%.6g", c->number);
}

/* The table's name: its title up to ',', '(' or ':', lower case, '_' between words. */
static void table_name(const char *title, char *buf, size_t cap)
{
    size_t n = 0;
    int gap = 0;
    for (const char *p = title; *p && !strchr(",(:", *p) && n + 2 < cap; p++) {
        if (isalnum((unsigned char)*p)) {
            if (gap && n > 0)
                buf[n++] = '_';
            buf[n++] = (char)tolower((unsigned char)*p);
            gap = 0;
        } else {
            gap = 1;
        }
    }
    buf[n] = '\0';
}

/* Adds a name to the list of tables not printed. */
static void note_other(const char *name)
{
    size_t used = strlen(output.others);
    snprintf(output.others + used, sizeof output.others - used, "%s%s", used ? ", " : "", name);
}

void flowtool_output_select(const char *name)
{
    output.select = name;
}

int flowtool_output_finish(void)
{
    if (output.json_open) {
        fputs("]}\n", stdout);
        output.json_open = 0;
    }
    fflush(stdout);
    if (output.select != NULL && output.printed == 0) {
        fprintf(stderr, "flowtool: no table '%s' in this output (tables: %s)\n", output.select,
                output.others[0] ? output.others : "none");
        return 2;
    }
    if (output.select == NULL && output.others[0])
        fprintf(stderr,
                "flowtool: --format csv printed the first table; the others are: %s "
                "(select one with --table NAME)\n",
                output.others);
    return 0;
}

static void print_text(const flowtool_table *t, FILE *out)
{
    size_t *width = calloc((size_t)t->ncols, sizeof *width);
    char buf[512];
    if (width == NULL)
        return;
    for (int c = 0; c < t->ncols; c++)
        width[c] = strlen(t->headers[c]);
    for (size_t i = 0; i < t->ncells; i++) {
        format_cell(&t->cells[i], 0, buf, sizeof buf);
        size_t *w = &width[i % (size_t)t->ncols];
        if (strlen(buf) > *w)
            *w = strlen(buf);
    }
    fprintf(out, "%s\n", t->title);
    for (int c = 0; c < t->ncols; c++)
        fprintf(out, "%s%-*s", c ? "  " : "  ", (int)width[c], t->headers[c]);
    fputc('\n', out);
    for (size_t i = 0; i < t->ncells; i++) {
        const struct cell *cell = &t->cells[i];
        int c = (int)(i % (size_t)t->ncols);
        format_cell(cell, 0, buf, sizeof buf);
        /* Text left-aligned, numbers right-aligned. */
        fprintf(out, "  %*s", cell->text ? -(int)width[c] : (int)width[c], buf);
        if (c == t->ncols - 1)
            fputc('\n', out);
    }
    fputc('\n', out);
    free(width);
}

static void csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void print_csv(const flowtool_table *t, FILE *out)
{
    char buf[512];
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            fputc(',', out);
        csv_field(out, t->headers[c]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < t->ncells; i++) {
        int c = (int)(i % (size_t)t->ncols);
        format_cell(&t->cells[i], 1, buf, sizeof buf);
        if (c)
            fputc(',', out);
        csv_field(out, buf);
        if (c == t->ncols - 1)
            fputc('\n', out);
    }
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(out, "\\u%04x", ch);
        else
            fputc(ch, out);
    }
    fputc('"', out);
}

static void print_json(const flowtool_table *t, const char *name, FILE *out)
{
    char buf[512];
    fputs("{\"name\": ", out);
    json_string(out, name);
    fputs(", \"title\": ", out);
    json_string(out, t->title);
    fputs(", \"columns\": [", out);
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            fputs(", ", out);
        json_string(out, t->headers[c]);
    }
    fputs("], \"rows\": [", out);
    for (size_t i = 0; i < t->ncells; i++) {
        const struct cell *cell = &t->cells[i];
        int c = (int)(i % (size_t)t->ncols);
        fputs(c == 0 ? (i ? "}, {" : "{") : ", ", out);
        json_string(out, t->headers[c]);
        fputs(": ", out);
        if (cell->text != NULL) {
            json_string(out, cell->text);
        } else if (!isfinite(cell->number)) {
            fputs("null", out); /* JSON has no NaN or infinity */
        } else {
            format_cell(cell, 1, buf, sizeof buf);
            fputs(buf, out);
        }
    }
    fputs(t->ncells ? "}]}" : "]}", out);
}

void flowtool_table_print(const flowtool_table *t, FILE *out, int format)
{
    char name[128];
    table_name(t->title, name, sizeof name);
    int wanted = output.select != NULL ? strcmp(name, output.select) == 0 && output.printed == 0
                                       : format != FLOWTOOL_CSV || output.printed == 0;
    if (!wanted) {
        note_other(name);
        return;
    }
    if (format == FLOWTOOL_CSV) {
        print_csv(t, out);
    } else if (format == FLOWTOOL_JSON && output.select != NULL) {
        print_json(t, name, out);
        fputc('\n', out);
    } else if (format == FLOWTOOL_JSON) {
        fputs(output.json_open ? ",\n " : "{\"tables\": [", out);
        output.json_open = 1;
        print_json(t, name, out);
    } else {
        print_text(t, out);
    }
    output.printed++;
}

void flowtool_table_finish(flowtool_table *t, int rc, int format)
{
    if (rc == 0)
        flowtool_table_print(t, stdout, format);
    flowtool_table_free(t);
}

int flowtool_print_matrix(FILE *out, int format, const char *title, const double *values,
                          int64_t rows, int64_t cols, int64_t row_stride,
                          const char *const *row_labels, const char *const *col_labels)
{
    const char **headers = malloc((size_t)(cols + 1) * sizeof *headers);
    int rc = -1;
    if (headers == NULL)
        return -1;
    headers[0] = "";
    for (int64_t j = 0; j < cols; j++)
        headers[j + 1] = col_labels[j];
    flowtool_table *t = flowtool_table_new(title, (int)cols + 1, headers);
    for (int64_t i = 0; t != NULL && i < rows; i++) {
        if (flowtool_table_text(t, row_labels[i]) != 0)
            goto done;
        for (int64_t j = 0; j < cols; j++)
            if (flowtool_table_number(t, values[i * row_stride + j]) != 0)
                goto done;
    }
    if (t != NULL) {
        flowtool_table_print(t, out, format);
        rc = 0;
    }
done:
    flowtool_table_free(t);
    free(headers);
    return rc;
}

const char **flowtool_label_codes(const flow_labels *labels)
{
    int64_t n = flow_labels_count(labels);
    const char **codes = malloc((size_t)(n > 0 ? n : 1) * sizeof *codes);
    for (int64_t i = 0; codes != NULL && i < n; i++)
        codes[i] = flow_labels_code(labels, i);
    return codes;
}

/* Header of column c: "GROUP/LABEL" when the column has a group (a region),
 * so that equally named sectors of different regions stay apart. */
static char *column_header(const flow_table *t, int64_t c)
{
    const char *group = flow_table_col_group(t, c), *label = flow_table_col_label(t, c);
    size_t size = strlen(group) + strlen(label) + 2;
    char *header = malloc(size);
    if (header != NULL)
        snprintf(header, size, group[0] != '\0' ? "%s/%s" : "%s%s", group, label);
    return header;
}

int flowtool_print_result(const flow_table *t, const char *title, const char *group_header,
                          const char *label_header, const char *keep, int format)
{
    int64_t cols = flow_table_cols(t),
            grouped = flow_table_rows(t) > 0 && flow_table_row_group(t, 0)[0] != '\0';
    char **names = calloc((size_t)(cols > 0 ? cols : 1), sizeof *names);
    const char **headers = malloc((size_t)(cols + 2) * sizeof *headers);
    int rc = names != NULL && headers != NULL ? 0 : -1;
    for (int64_t c = 0; rc == 0 && c < cols; c++)
        rc = (names[c] = column_header(t, c)) != NULL ? 0 : -1;
    flowtool_table *out = NULL;
    if (rc == 0) {
        headers[0] = group_header;
        headers[1] = label_header;
        for (int64_t c = 0; c < cols; c++)
            headers[c + 2] = names[c];
        int shift = grouped ? 0 : 1;
        out = flowtool_table_new(title, (int)(cols + 2 - shift), headers + shift);
        rc = out == NULL ? -1 : 0;
    }
    for (int64_t i = 0; rc == 0 && i < flow_table_rows(t); i++) {
        const char *owner = grouped ? flow_table_row_group(t, i) : flow_table_row_label(t, i);
        if (keep != NULL && strcmp(owner, keep) != 0)
            continue;
        if (grouped)
            rc |= flowtool_table_text(out, flow_table_row_group(t, i));
        rc |= flowtool_table_text(out, flow_table_row_label(t, i));
        for (int64_t c = 0; rc == 0 && c < cols; c++)
            rc |= flowtool_table_number(out, flow_table_values(t)[i * cols + c]);
    }
    for (int64_t c = 0; names != NULL && c < cols; c++)
        free(names[c]);
    free(names);
    free(headers);
    flowtool_table_finish(out, rc, format);
    return rc == 0 ? 0 : 1;
}
