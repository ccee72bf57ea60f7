/*
 * mrio.c - the MRIO handle: options, reading by format, accessors and the
 * blocks of the system as labelled tables.
 */
#include "io_internal.h"
#include "mrio_internal.h"
#include "options_table.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[FLOW_MRIO_FORMAT_COUNT] = {"icio", "exiobase", "figaro",
                                                                 "pymrio"};

int flow_mrio_format_from_name(const char *name, int *format)
{
    if (format == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "format output pointer is NULL");
    for (int f = 0; name != NULL && f < FLOW_MRIO_FORMAT_COUNT; f++)
        if (strcmp(name, format_names[f]) == 0) {
            *format = f;
            return FLOW_OK;
        }
    return flow_i_fail(FLOW_ERR_INVALID_ARG,
                       "unknown MRIO format '%s' (icio, exiobase, figaro or pymrio)",
                       name != NULL ? name : "(null)");
}

/* ---------------------------------------------------------------- options */

int flow_mrio_options_new(flow_mrio_options **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    if (*out == NULL)
        return FLOW_ERR_NOMEM;
    (*out)->tolerance = 1e-6;
    return FLOW_OK;
}

void flow_mrio_options_free(flow_mrio_options *opts)
{
    free(opts);
}

#define AT(field) offsetof(flow_mrio_options, field)

static const struct flow_i_option mrio_keys[] = {
    {"keep_splits", flow_i_apply_switch, AT(keep_splits), 0, 0, NULL},
    {"trust_given_output", flow_i_apply_switch, AT(trust_given), 0, 0, NULL},
    {"tolerance", flow_i_apply_double, AT(tolerance), 0, HUGE_VAL, NULL},
};

int flow_mrio_options_set(flow_mrio_options *opts, const char *name, const char *value)
{
    return flow_i_options_set(opts, "MRIO", mrio_keys, sizeof mrio_keys / sizeof mrio_keys[0], name,
                              value);
}

/* ---------------------------------------------------------------- handle */

void flow_mrio_free(flow_mrio *m)
{
    if (m == NULL)
        return;
    flow_io_model_free(m->model);
    for (int64_t e = 0; e < m->next; e++) {
        free(m->ext[e].name);
        flow_table_free(m->ext[e].f);
        flow_table_free(m->ext[e].f_y);
    }
    free(m->ext);
    flow_read_report_free(m->report);
    free(m->given_x);
    free(m->given_inputs);
    free(m->summary);
    free(m);
}

flow_read_report *flow_i_mrio_report(flow_mrio *m)
{
    return m->report;
}

int flow_mrio_read(flow_mrio **out, const char *path, int format, const flow_mrio_options *opts)
{
    flow_mrio_options defaults = {0, 0, 1e-6, 0};
    struct flow_i_parts parts;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (path == NULL || format < 0 || format >= FLOW_MRIO_FORMAT_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_mrio_read needs a path and a format in "
                                                 "[0, FLOW_MRIO_FORMAT_COUNT)");
    flow_mrio *m = flow_i_calloc(1, sizeof *m);
    if (m == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = flow_read_report_new(&m->report)) != FLOW_OK) {
        free(m);
        return rc;
    }
    memset(&parts, 0, sizeof parts);
    opts = opts != NULL ? opts : &defaults;
    if (format == FLOW_MRIO_ICIO || format == FLOW_MRIO_FIGARO)
        rc = flow_i_mrio_read_icio(m, &parts, path, opts, format == FLOW_MRIO_FIGARO);
    else
        rc = flow_i_mrio_read_text(m, &parts, path, opts, format == FLOW_MRIO_EXIOBASE);
    flow_i_mrio_parts_clear(&parts);
    if (rc != FLOW_OK) {
        flow_mrio_free(m);
        return rc;
    }
    *out = m;
    return FLOW_OK;
}

flow_io_model *flow_mrio_model(flow_mrio *m)
{
    return m != NULL ? m->model : NULL;
}

const flow_read_report *flow_mrio_report(const flow_mrio *m)
{
    return m != NULL ? m->report : NULL;
}

const char *flow_mrio_summary(const flow_mrio *m)
{
    return m != NULL && m->summary != NULL ? m->summary : "";
}

int64_t flow_mrio_extension_count(const flow_mrio *m)
{
    return m != NULL ? m->next : 0;
}

int flow_mrio_extension(const flow_mrio *m, int64_t i, const char **name, const flow_table **f,
                        const flow_table **f_y)
{
    if (m == NULL || i < 0 || i >= m->next)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "extension %lld does not exist", (long long)i);
    if (name != NULL)
        *name = m->ext[i].name;
    if (f != NULL)
        *f = m->ext[i].f;
    if (f_y != NULL)
        *f_y = m->ext[i].f_y;
    return FLOW_OK;
}

int flow_mrio_find_extension(const flow_mrio *m, const char *name, int64_t *index)
{
    if (m == NULL || name == NULL || index == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "handle, name or index pointer is NULL");
    for (int64_t e = 0; e < m->next; e++)
        if (strcmp(m->ext[e].name, name) == 0) {
            *index = e;
            return FLOW_OK;
        }
    return flow_i_fail(FLOW_ERR_NOT_FOUND, "no extension '%s'", name);
}

/* ---------------------------------------------------------------- blocks */

static int label_fd_cols(flow_table *t, const flow_io_model *model)
{
    int rc = FLOW_OK;
    for (int64_t c = 0; rc == FLOW_OK && c < flow_table_cols(t); c++) {
        int64_t owner = flow_i_io_final_demand_region(model, c);
        rc = flow_table_set_col_label(t, c, flow_i_io_final_demand_label(model, c),
                                      owner >= 0 ? flow_i_io_region_code(model, owner) : "");
    }
    return rc;
}

static int output_table(flow_table **out, const flow_mrio *m)
{
    static const char *const names[] = {"x", "given", "row_sums", "given_inputs", "col_sums"};
    const flow_io_model *model = m->model;
    int64_t n = flow_i_io_order(model), k = flow_i_io_final_demand_count(model);
    const double *z = flow_i_io_intermediate(model), *y = flow_i_io_final_demand(model),
                 *v = flow_i_io_value_added(model), *x = flow_i_io_output(model);
    int rc = flow_table_new(out, n, 5, NULL, 5);
    if (rc != FLOW_OK)
        return rc;
    double *t = flow_i_table_cells(*out);
    for (int64_t i = 0; i < n; i++) {
        t[i * 5 + 0] = x[i];
        t[i * 5 + 1] = m->given_x[i];
        t[i * 5 + 3] = m->given_inputs[i];
        t[i * 5 + 4] += v[i];
        for (int64_t j = 0; j < n; j++) {
            t[i * 5 + 2] += z[i * n + j];
            t[j * 5 + 4] += z[i * n + j];
        }
        for (int64_t c = 0; c < k; c++)
            t[i * 5 + 2] += y[i * k + c];
    }
    for (int64_t c = 0; rc == FLOW_OK && c < 5; c++)
        rc = flow_table_set_col_label(*out, c, names[c], NULL);
    return rc;
}

int flow_mrio_block_table(flow_table **out, const flow_mrio *m, int block)
{
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (m == NULL || block < 0 || block >= FLOW_MRIO_BLOCK_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "no MRIO block %d", block);
    const flow_io_model *model = m->model;
    int64_t n = flow_i_io_order(model), k = flow_i_io_final_demand_count(model);
    switch (block) {
        case FLOW_MRIO_BLOCK_Z:
            rc = flow_table_new(out, n, n, flow_i_io_intermediate(model), n);
            break;
        case FLOW_MRIO_BLOCK_Y:
            rc = flow_table_new(out, n, k, flow_i_io_final_demand(model), k);
            break;
        case FLOW_MRIO_BLOCK_A:
            if ((rc = flow_table_new(out, n, n, NULL, n)) == FLOW_OK)
                rc = flow_i_io_copy_technical(model, flow_i_table_cells(*out), n * n, n);
            break;
        default:
            rc = output_table(out, m);
            break;
    }
    if (rc == FLOW_OK)
        rc = flow_i_io_label_rows(*out, model);
    if (rc == FLOW_OK && (block == FLOW_MRIO_BLOCK_Z || block == FLOW_MRIO_BLOCK_A))
        rc = flow_i_io_label_cols(*out, model);
    if (rc == FLOW_OK && block == FLOW_MRIO_BLOCK_Y)
        rc = label_fd_cols(*out, model);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
