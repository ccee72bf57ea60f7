/*
 * mrio_source.c - the inputs of the MRIO readers: plain and gzip files
 * through zlib (gzread passes uncompressed files through unchanged), members
 * of zip archives through libzip, streamed into the CSV scanner a buffer at a
 * time.
 */
#include "mrio_internal.h"
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

#define SOURCE_BUFFER (1 << 20)

void flow_i_input_set(struct flow_i_input *in, const char *path, const char *member)
{
    in->path = path;
    in->member = member;
    if (member != NULL)
        snprintf(in->name, sizeof in->name, "%s:%s", path, member);
    else
        snprintf(in->name, sizeof in->name, "%s", path);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int zip_failure(const char *path, int code)
{
    zip_error_t err;
    zip_error_init_with_code(&err, code);
    int rc = flow_i_fail(FLOW_ERR_IO, "%s: cannot open the zip archive: %s", path,
                         zip_error_strerror(&err));
    zip_error_fini(&err);
    return rc;
}

static int open_zip(zip_t **out, const char *path)
{
    int code = 0;
    if ((*out = zip_open(path, ZIP_RDONLY, &code)) == NULL)
        return zip_failure(path, code);
    return FLOW_OK;
}

/* Feeds everything read_fn delivers; a stop request (status 1) from the scanner ends early. */
typedef int64_t (*read_fn)(void *src, char *buf, size_t cap);

static int pump_reads(flow_i_scanner *s, read_fn fn, void *src, const char *name)
{
    int rc = FLOW_OK;
    char *buf = flow_i_malloc(SOURCE_BUFFER, 1);
    if (buf == NULL)
        return FLOW_ERR_NOMEM;
    for (;;) {
        int64_t n = fn(src, buf, SOURCE_BUFFER);
        if (n < 0) {
            rc = flow_i_fail(FLOW_ERR_IO, "%s: read error (corrupt or truncated file)", name);
            break;
        }
        if (n == 0) {
            rc = flow_i_scanner_finish(s);
            break;
        }
        if ((rc = flow_i_scanner_feed(s, buf, (size_t)n)) != FLOW_OK)
            break;
    }
    free(buf);
    return rc;
}

static int64_t gz_read(void *src, char *buf, size_t cap)
{
    int n = gzread((gzFile)src, buf, (unsigned)cap);
    return n;
}

static int64_t zip_read(void *src, char *buf, size_t cap)
{
    return (int64_t)zip_fread((zip_file_t *)src, buf, cap);
}

static int pump_file(const struct flow_i_input *in, flow_i_scanner *s)
{
    gzFile gz = gzopen(in->path, "rb");
    if (gz == NULL)
        return flow_i_fail(FLOW_ERR_IO, "%s: cannot open", in->path);
    gzbuffer(gz, SOURCE_BUFFER);
    int rc = pump_reads(s, gz_read, gz, in->name);
    int closed = gzclose(gz);
    if (rc == FLOW_OK && closed != Z_OK)
        rc = flow_i_fail(FLOW_ERR_IO, "%s: corrupt or truncated gzip data", in->name);
    return rc;
}

static int pump_member(const struct flow_i_input *in, flow_i_scanner *s)
{
    zip_t *za = NULL;
    int rc = open_zip(&za, in->path);
    if (rc != FLOW_OK)
        return rc;
    zip_file_t *zf = zip_fopen(za, in->member, 0);
    if (zf == NULL) {
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND, "%s: no member '%s' (%s)", in->path, in->member,
                         zip_strerror(za));
    } else {
        if (ends_with(in->member, ".gz"))
            rc = flow_i_fail(FLOW_ERR_UNSUPPORTED,
                             "%s: gzip files inside zip archives are not read", in->name);
        else
            rc = pump_reads(s, zip_read, zf, in->name);
        zip_fclose(zf);
    }
    zip_discard(za);
    return rc;
}

static int pump_input(void *ctx, flow_i_scanner *s)
{
    const struct flow_i_input *in = ctx;
    return in->member != NULL ? pump_member(in, s) : pump_file(in, s);
}

int flow_i_mrio_table_options(flow_read_options **out, const struct flow_i_layout *layout)
{
    int rc = flow_read_options_new(out);
    if (rc != FLOW_OK)
        return rc;
    flow_read_options *o = *out;
    o->label_rows = layout->label_rows;
    o->label_cols = layout->label_cols;
    o->col_label_row = layout->col_label_row;
    o->col_group_row = layout->col_group_row;
    o->row_label_col = layout->row_label_col;
    o->row_group_col = layout->row_group_col;
    o->delimiter = layout->delimiter;
    o->allow_negative = 1;
    o->strict = 1;
    /* Databases mark nothing as missing but leave cells empty: one token to compare. */
    if ((rc = flow_read_options_set(o, "missing_tokens", ",")) != FLOW_OK) {
        flow_read_options_free(o);
        *out = NULL;
    }
    return rc;
}

int flow_i_mrio_read_table(flow_table **out, const struct flow_i_input *in,
                           const struct flow_i_layout *layout, flow_read_report *report)
{
    flow_read_options *opts = NULL;
    flow_read_report *own = NULL;
    int rc;
    *out = NULL;
    if ((rc = flow_i_mrio_table_options(&opts, layout)) != FLOW_OK ||
        (rc = flow_read_report_new(&own)) != FLOW_OK)
        goto done;
    rc = flow_i_table_read_pump(out, in->name, opts, own, pump_input, (void *)in);
    if (rc == FLOW_OK)
        rc = flow_i_report_merge(report, own, 20);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
done:
    flow_read_options_free(opts);
    flow_read_report_free(own);
    return rc;
}

/* ---------------------------------------------------------------- head records */

struct head_ctx {
    struct flow_i_head *head;
    int64_t max;
};

static int keep_head(void *userdata, const struct flow_i_record *rec)
{
    struct head_ctx *c = userdata;
    struct flow_i_head *h = c->head;
    int64_t r = h->nrec;
    if ((h->fields[r] = flow_i_calloc(rec->nfields, sizeof(char *))) == NULL)
        return FLOW_ERR_NOMEM;
    h->nfields[r] = rec->nfields;
    h->nrec++;
    for (int64_t f = 0; f < rec->nfields; f++)
        if ((h->fields[r][f] = flow_i_strdup(rec->fields[f])) == NULL)
            return FLOW_ERR_NOMEM;
    return h->nrec == c->max ? 1 : FLOW_OK; /* 1: enough records, stop */
}

int flow_i_mrio_read_head(struct flow_i_head *head, const struct flow_i_input *in, int delimiter)
{
    flow_i_scanner *s = NULL;
    struct head_ctx ctx = {head, 8};
    memset(head, 0, sizeof *head);
    int rc = flow_i_scanner_new(&s, in->name, delimiter, 1 << 30, 1, 1, keep_head, &ctx);
    if (rc == FLOW_OK)
        rc = pump_input((void *)in, s);
    flow_i_scanner_free(s);
    return rc == 1 ? FLOW_OK : rc;
}

void flow_i_mrio_free_head(struct flow_i_head *head)
{
    for (int64_t r = 0; r < head->nrec; r++) {
        for (int64_t f = 0; head->fields[r] != NULL && f < head->nfields[r]; f++)
            free(head->fields[r][f]);
        free(head->fields[r]);
    }
    memset(head, 0, sizeof *head);
}

int flow_i_zip_members(const char *path, char ***names, int64_t *count)
{
    zip_t *za = NULL;
    int rc = open_zip(&za, path);
    *names = NULL;
    *count = 0;
    if (rc != FLOW_OK)
        return rc;
    zip_int64_t n = zip_get_num_entries(za, 0);
    char **list = flow_i_calloc(n > 0 ? n : 0, sizeof *list);
    if (list == NULL) {
        zip_discard(za);
        return FLOW_ERR_NOMEM;
    }
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
        if ((list[i] = flow_i_strdup(name != NULL ? name : "")) == NULL) {
            rc = FLOW_ERR_NOMEM;
            break;
        }
    }
    zip_discard(za);
    if (rc != FLOW_OK) {
        for (zip_int64_t i = 0; i < n; i++)
            free(list[i]);
        free(list);
        return rc;
    }
    *names = list;
    *count = n;
    return FLOW_OK;
}
