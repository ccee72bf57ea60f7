/*
 * reader_long.c - long-format flow files (one flow per row) into datasets:
 * the public entry points. A file large enough goes to the parallel reader
 * (parallel_read.c); otherwise the header gives the column map and every
 * following record goes through a direct accumulator (reader_accum.c).
 */
#include "dataset_internal.h"
#include "reader_internal.h"

#include <string.h>

/* ---------------------------------------------------------------- public entry */

/* The serial reader: header first, then every record into a direct accumulator. */
struct long_reader {
    flow_dataset *ds;
    flow_read_report *report;
    const flow_read_options *opts;
    const char *file;
    struct flow_i_colmap map;
    int have_map;
    flow_i_accum *acc;
    flow_i_scanner *scanner;
};

static int long_record(void *userdata, const struct flow_i_record *rec)
{
    struct long_reader *r = userdata;
    if (r->acc != NULL)
        return flow_i_accum_record(r->acc, rec);
    int rc = flow_i_colmap_from_header(&r->map, rec, r->opts, r->file);
    if (rc != FLOW_OK)
        return rc;
    r->have_map = 1;
    flow_i_scanner_keep(r->scanner, r->map.keep, r->map.nfields);
    return flow_i_accum_new_direct(&r->acc, r->ds, r->report, r->opts, r->file, &r->map);
}

static int read_long(flow_dataset *ds, const char *path, const char *data, int64_t len,
                     const flow_read_options *opts, flow_read_report *report)
{
    flow_read_options *defaults = NULL;
    int rc = FLOW_OK;
    if (ds == NULL || (data == NULL && path == NULL) || len < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "read: NULL dataset, path or data");
    if ((rc = flow_i_options_or_default(&opts, &defaults)) != FLOW_OK)
        return rc;
    flow_i_report_reset(report);
    struct long_reader r;
    memset(&r, 0, sizeof r);
    r.ds = ds;
    r.report = report;
    r.opts = opts;
    r.file = path;
    int parallel = 0; /* files only: see the read option "threads" */
    if (data == NULL)
        rc = flow_i_read_long_parallel(ds, path, opts, report, &parallel);
    if (!parallel && (rc = flow_i_scanner_new(&r.scanner, path, opts->delimiter, opts->max_line, 1,
                                              1, long_record, &r)) == FLOW_OK)
        rc = flow_i_scan_with(r.scanner, path, data, len, opts);
    if (rc == FLOW_OK && !parallel && r.acc == NULL)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: empty file (no header)", path);
    /* Fallback reports of flows fill what the preferred report left empty. */
    if (rc == FLOW_OK)
        rc = flow_i_dataset_resolve_mirrors(ds, report);
    flow_i_scanner_free(r.scanner);
    flow_i_accum_free(r.acc);
    if (r.have_map)
        flow_i_colmap_clear(&r.map);
    flow_read_options_free(defaults);
    return rc;
}

int flow_dataset_read_csv(flow_dataset *ds, const char *path, const flow_read_options *opts,
                          flow_read_report *report)
{
    return read_long(ds, path, NULL, 0, opts, report);
}

int flow_dataset_read_buffer(flow_dataset *ds, const char *name, const char *data, int64_t len,
                             const flow_read_options *opts, flow_read_report *report)
{
    if (data == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_read_buffer: NULL data");
    return read_long(ds, name != NULL ? name : "<buffer>", data, len, opts, report);
}
