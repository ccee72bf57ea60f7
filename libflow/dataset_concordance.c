/*
 * dataset_concordance.c - product groups of a dataset from a concordance CSV
 * (product code -> group, e.g. HS6 -> a list of sanctioned items, or HS6 ->
 * BEC categories), so that panels at HS6 are read straight into groups.
 */
#include "reader_internal.h"

#include <string.h>

struct concordance_reader {
    flow_dataset *ds;
    const char *path, *columns[2]; /* code, group */
    int64_t index[2];
    int have_header;
};

static int concordance_record(void *userdata, const struct flow_i_record *rec)
{
    struct concordance_reader *c = userdata;
    if (!c->have_header) {
        for (int k = 0; k < 2; k++)
            if ((c->index[k] = flow_i_record_find(rec, c->columns[k])) < 0)
                return flow_i_fail(FLOW_ERR_MISSING_COLUMN, "%s: line %lld: no column \"%s\"",
                                   c->path, (long long)rec->line, c->columns[k]);
        c->have_header = 1;
        return FLOW_OK;
    }
    for (int k = 0; k < 2; k++)
        if (c->index[k] >= rec->nfields)
            return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: ragged row of %lld fields", c->path,
                               (long long)rec->line, (long long)rec->nfields);
    const char *code = rec->fields[c->index[0]], *group = rec->fields[c->index[1]];
    if (code[0] == '\0' || group[0] == '\0')
        return flow_i_fail(FLOW_ERR_VALUE, "%s: line %lld: empty product code or group", c->path,
                           (long long)rec->line);
    int rc = flow_dataset_add_product_group(c->ds, code, group);
    return rc == FLOW_OK ? FLOW_OK
                         : flow_i_fail(rc, "%s: line %lld: %s", c->path, (long long)rec->line,
                                       flow_last_error());
}

int flow_dataset_read_product_groups(flow_dataset *ds, const char *path, const char *code_column,
                                     const char *group_column)
{
    if (ds == NULL || path == NULL || code_column == NULL || group_column == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dataset_read_product_groups: NULL argument");
    struct concordance_reader c = {ds, path, {code_column, group_column}, {-1, -1}, 0};
    flow_read_options *opts = NULL;
    int rc = flow_i_default_options(&opts);
    if (rc == FLOW_OK)
        rc = flow_i_scan(path, NULL, 0, opts, concordance_record, &c);
    flow_read_options_free(opts);
    if (rc == FLOW_OK && !c.have_header)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: empty file (no header)", path);
    return rc;
}
