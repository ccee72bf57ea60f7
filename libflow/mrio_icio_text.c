/*
 * mrio_icio_text.c - an ICIO or FIGARO CSV file read in place.
 *
 * The general path (a scanner, the wide reader's table, then a copy into Z)
 * touches every cell three times and holds the whole table beside Z. A
 * plain database file needs none of that: it is mapped, its lines and labels
 * are indexed in one pass, and each row is converted straight into the
 * caller's row buffer when the caller wants it (in mrio_icio.c, on the
 * thread that owns its rows of Z).
 *
 * Only text that the general reader would take in the one obvious way is
 * read here: a header line and data lines, each ending in '\n' or "\r\n"
 * (the last may end the file), comma-separated; labels without quotes,
 * carriage returns, spaces, tabs or NUL bytes; no byte-order mark, no gzip
 * data, no blank line; every data line with the header's number of fields,
 * every cell a finite number in the reader's format. Anything else is declined (0) before any
 * result is kept, and the general reader reads the file: every message, line and column is then the
 * general reader's own. The values are those of flow_i_parse_double, which the general reader
 * applies to the same field bytes.
 */
#include "bytes16.h"
#include "mrio_internal.h"
#include "numparse.h"
#include "reader_internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when label bytes p[0..len) are taken as they are by the general reader. */
static int plain_label(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] == '"' || p[i] == '\r' || p[i] == ' ' || p[i] == '\t' || p[i] == '\0')
            return 0;
    return 1;
}

struct label_spans {
    int64_t *offset, *len;
    int64_t count, cap;
    size_t bytes; /* label bytes with their NULs */
};

static int add_span(struct label_spans *s, int64_t offset, int64_t len)
{
    if (s->count == s->cap) {
        int64_t cap = s->cap > 0 ? 2 * s->cap : 1024;
        int64_t *o = realloc(s->offset, (size_t)cap * sizeof *o);
        if (o != NULL)
            s->offset = o;
        int64_t *l = o != NULL ? realloc(s->len, (size_t)cap * sizeof *l) : NULL;
        if (l == NULL)
            return 0;
        s->len = l;
        s->cap = cap;
    }
    s->offset[s->count] = offset;
    s->len[s->count++] = len;
    s->bytes += (size_t)len + 1;
    return 1;
}

/* The header's column labels (its fields after the first) as spans; 0 when not plain. */
static int header_spans(const char *data, size_t end, struct label_spans *cols)
{
    size_t field = 0;
    int first = 1;
    if (end == 0 || !plain_label(data, end))
        return 0;
    for (size_t i = 0; i <= end; i++) {
        if (i < end && data[i] != ',')
            continue;
        if (!first && !add_span(cols, (int64_t)field, (int64_t)(i - field)))
            return 0;
        first = 0;
        field = i + 1;
    }
    return cols->count > 0;
}

/* The end of the line [at, next): before its '\n' or "\r\n" (next is after it, or the end). */
static size_t line_end(const char *data, size_t at, size_t next)
{
    size_t end = next;
    if (end > at && data[end - 1] == '\n') {
        end--;
        if (end > at && data[end - 1] == '\r')
            end--;
    }
    return end;
}

/* Data lines from `from`: their ends, where their values start, their labels; 0 to decline. */
static int index_lines(struct flow_i_icio_text *t, size_t from, struct label_spans *rows)
{
    int64_t cap = 0;
    for (size_t at = from; at < t->size;) {
        const char *nl = memchr(t->data + at, '\n', t->size - at);
        size_t next = nl != NULL ? (size_t)(nl - t->data) + 1 : t->size;
        size_t end = line_end(t->data, at, next);
        const char *comma = memchr(t->data + at, ',', end - at);
        if (end == at || comma == NULL ||
            !plain_label(t->data + at, (size_t)(comma - t->data) - at))
            return 0; /* blank line, one field, or a label to trim or unquote */
        if (rows->count == cap) {
            cap = cap > 0 ? 2 * cap : 1024;
            int64_t *v = realloc(t->values, (size_t)cap * sizeof *v);
            if (v != NULL)
                t->values = v;
            int64_t *e = v != NULL ? realloc(t->ends, (size_t)cap * sizeof *e) : NULL;
            if (e == NULL)
                return 0;
            t->ends = e;
        }
        t->values[rows->count] = (int64_t)(comma - t->data) + 1;
        t->ends[rows->count] = (int64_t)end;
        if (!add_span(rows, (int64_t)at, (int64_t)(comma - t->data) - (int64_t)at))
            return 0;
        at = next;
    }
    return rows->count > 0;
}

/* Copies the spans' labels into *text, NUL-terminated, and points (*labels)[i] at them. */
static int keep_labels(struct flow_i_icio_text *t, const struct label_spans *s,
                       const char ***labels, char **text)
{
    *labels = malloc((size_t)s->count * sizeof **labels);
    *text = malloc(s->bytes);
    if (*labels == NULL || *text == NULL)
        return 0;
    char *to = *text;
    for (int64_t i = 0; i < s->count; i++) {
        memcpy(to, t->data + s->offset[i], (size_t)s->len[i]);
        to[s->len[i]] = '\0';
        (*labels)[i] = to;
        to += s->len[i] + 1;
    }
    return 1;
}

/* Maps path read-only; 0 when it is not a regular, non-empty file that maps. */
static int map_file(struct flow_i_icio_text *t, const char *path)
{
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= SIZE_MAX / 2) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            t->data = p;
            t->size = (size_t)st.st_size;
            (void)posix_madvise(p, t->size, POSIX_MADV_WILLNEED);
        }
    }
    close(fd);
    return t->data != NULL;
}

int flow_i_icio_text_open(struct flow_i_icio_text *t, const char *path)
{
    struct label_spans cols, rows;
    int ok = 0;
    memset(t, 0, sizeof *t);
    memset(&cols, 0, sizeof cols);
    memset(&rows, 0, sizeof rows);
    if (map_file(t, path)) {
        const char *nl = memchr(t->data, '\n', t->size);
        size_t next = nl != NULL ? (size_t)(nl - t->data) + 1 : t->size;
        /* gzip data (which the general reader inflates), or a byte-order mark: decline */
        int marked = (t->size >= 2 && memcmp(t->data, "\x1F\x8B", 2) == 0) ||
                     (t->size >= 3 && memcmp(t->data, "\xEF\xBB\xBF", 3) == 0);
        ok = nl != NULL && !marked && header_spans(t->data, line_end(t->data, 0, next), &cols) &&
             index_lines(t, next, &rows) && keep_labels(t, &cols, &t->col_labels, &t->col_text) &&
             keep_labels(t, &rows, &t->row_labels, &t->row_text);
        t->cols = cols.count;
        t->rows = rows.count;
    }
    free(cols.offset);
    free(cols.len);
    free(rows.offset);
    free(rows.len);
    if (!ok)
        flow_i_icio_text_close(t);
    return ok;
}

void flow_i_icio_text_close(struct flow_i_icio_text *t)
{
    if (t->data != NULL)
        munmap((void *)(uintptr_t)t->data, t->size);
    free(t->values);
    free(t->ends);
    free(t->row_labels);
    free(t->col_labels);
    free(t->row_text);
    free(t->col_text);
    memset(t, 0, sizeof *t);
}

/*
 * The length of the field at p, which ends at a ',' or at end, the end of its
 * line; padded: sixteen bytes can be read from p.
 */
static size_t field_length(const char *p, const char *end, int padded)
{
    if (padded) {
        flow_i_bytes16 v;
        memcpy(&v, p, sizeof v);
        uint32_t stop = flow_i_mask16((flow_i_bytes16)((v == ',') | (v == '\n')));
        if (stop != 0)
            return (size_t)__builtin_ctz(stop) < (size_t)(end - p) ? (size_t)__builtin_ctz(stop)
                                                                   : (size_t)(end - p);
    }
    const char *comma = memchr(p, ',', (size_t)(end - p));
    return (size_t)((comma != NULL ? comma : end) - p);
}

/* Converts the cols cells of p[0..end) into row; 0 on a ragged line or a cell that is no number. */
static int convert_cells(const char *p, const char *end, const char *readable, int64_t cols,
                         double *row)
{
    for (int64_t c = 0; c < cols; c++) {
        int padded = readable - p >= FLOW_I_NUMPARSE_PAD;
        size_t len = field_length(p, end, padded);
        int last = c == cols - 1;
        if (len == 0 || (last ? p + len != end : p + len == end))
            return 0; /* an empty cell (missing: the general reader counts it) or ragged */
        if (!(padded ? flow_i_numparse_padded(p, len, &row[c])
                     : flow_i_numparse_fast(p, len, &row[c])) &&
            flow_i_parse_double(p, len, 0, '.', &row[c]) != FLOW_I_NUMBER_OK)
            return 0;
        p += len + 1;
    }
    return 1;
}

int flow_i_icio_text_row(const struct flow_i_icio_text *t, int64_t i, double *row)
{
    const char *p = t->data + t->values[i], *end = t->data + t->ends[i];
    return convert_cells(p, end, t->data + t->size, t->cols, row);
}
