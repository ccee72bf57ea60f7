/*
 * mrio_icio.c - tables with one label row and one label column of combined
 * codes REGION_SECTOR: OECD ICIO (2016-2023 releases) and Eurostat FIGARO.
 *
 * Industries are the labels found both among the rows and among the columns;
 * the other rows are primary inputs (TLS, VA, W2_D1, ...) or the output row
 * (OUT, OUTPUT), the other columns final demand (REGION_CATEGORY, or the 2016
 * release's CATEGORY_REGION) or the output column (OUT, OUTPUT, TOTAL).
 */
#include "linalg.h"
#include "mrio_internal.h"
#include "reader_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum role { ROLE_INDUSTRY, ROLE_FINAL, ROLE_INPUT, ROLE_TOTAL };

static int is_total(const char *label)
{
    return strcmp(label, "OUT") == 0 || strcmp(label, "OUTPUT") == 0 || strcmp(label, "TOTAL") == 0;
}

/* Splits "AUS_A01_02" at the first '_' into owned region and borrowed sector; 0 when no '_'. */
static int split_code(const char *label, char **region, const char **sector)
{
    const char *u = strchr(label, '_');
    *region = NULL;
    if (u == NULL || u == label || u[1] == '\0')
        return 0;
    size_t len = (size_t)(u - label);
    if ((*region = flow_i_malloc((int64_t)len + 1, 1)) == NULL)
        return -1;
    memcpy(*region, label, len);
    (*region)[len] = '\0';
    *sector = u + 1;
    return 1;
}

/*
 * The file's rows come from one of two sources: the general reader's tables,
 * or the file read in place (mrio_icio_text.c), whose rows are converted
 * when they are scattered.
 */
struct icio {
    flow_table **t; /* the file's rows in ntables consecutive tables (parallel reads) */
    int64_t ntables;
    int64_t start[FLOW_I_MAX_PARTS + 1];   /* first row of each table; start[ntables] = rows */
    const struct flow_i_icio_text *text;   /* or the file in place */
    const char **row_labels, **col_labels; /* borrowed from the source */
    int64_t rows, cols;
    int64_t *row_index, *col_index; /* model index, primary-input row or FD column; -1 none */
    enum role *row_role, *col_role;
    int64_t ninputs;
    char **region_of; /* industry rows' region codes (owned) */
};

/*
 * Row i's values: its row of the tables, or its line converted into buf
 * (cols doubles); NULL when the line is not a row of numbers.
 */
static const double *row_values(const struct icio *c, int64_t i, double *buf)
{
    if (c->text != NULL)
        return flow_i_icio_text_row(c->text, i, buf) ? buf : NULL;
    int64_t k = 0;
    while (i >= c->start[k + 1])
        k++;
    return flow_table_values(c->t[k]) + (i - c->start[k]) * c->cols;
}

static void icio_clear(struct icio *c)
{
    for (int64_t i = 0; c->region_of != NULL && i < c->rows; i++)
        free(c->region_of[i]);
    free(c->region_of);
    free(c->row_index);
    free(c->col_index);
    free(c->row_role);
    free(c->col_role);
    if (c->text == NULL) {
        free(c->row_labels);
        free(c->col_labels);
    }
}

/* Industry rows: labels that are also column labels and split into region and sector. */
static int find_industries(struct icio *c, struct flow_i_parts *parts, const char *file)
{
    struct flow_i_strmap cols;
    int rc = flow_i_strmap_init(&cols, c->cols);
    int64_t found, count = 0;
    const char **regions = flow_i_calloc(c->rows, sizeof *regions);
    const char **sectors = flow_i_calloc(c->rows, sizeof *sectors);
    if (rc == FLOW_OK && (regions == NULL || sectors == NULL))
        rc = FLOW_ERR_NOMEM;
    for (int64_t j = 0; rc == FLOW_OK && j < c->cols; j++)
        rc = flow_i_strmap_put(&cols, c->col_labels[j], j, &found);
    for (int64_t i = 0; rc == FLOW_OK && i < c->rows; i++) {
        const char *label = c->row_labels[i], *sector = NULL;
        c->row_role[i] = is_total(label) ? ROLE_TOTAL : ROLE_INPUT;
        if (c->row_role[i] == ROLE_TOTAL || flow_i_strmap_get(&cols, label) < 0)
            continue;
        int split = split_code(label, &c->region_of[i], &sector);
        if (split < 0)
            rc = FLOW_ERR_NOMEM;
        else if (split > 0) {
            c->row_role[i] = ROLE_INDUSTRY;
            regions[count] = c->region_of[i];
            sectors[count++] = sector;
        }
    }
    if (rc == FLOW_OK && count == 0)
        rc = flow_i_fail(FLOW_ERR_DIMENSION,
                         "%s: no industry rows (labels REGION_SECTOR found both as row and as "
                         "column labels)",
                         file);
    if (rc == FLOW_OK)
        rc = flow_i_axis_build(&parts->axis, count, regions, sectors, file);
    flow_i_strmap_clear(&cols);
    free(regions);
    free(sectors);
    return rc;
}

static int classify_rows(struct icio *c, const struct flow_i_parts *parts)
{
    for (int64_t i = 0; i < c->rows; i++) {
        if (c->row_role[i] == ROLE_INDUSTRY) {
            const char *label = c->row_labels[i];
            c->row_index[i] =
                flow_i_axis_index(&parts->axis, c->region_of[i], strchr(label, '_') + 1);
        } else {
            c->row_index[i] = c->row_role[i] == ROLE_INPUT ? c->ninputs++ : -1;
        }
    }
    return FLOW_OK;
}

/* A final-demand column: REGION_CATEGORY, or CATEGORY_REGION (2016), else unowned. */
static int final_column(struct flow_i_parts *parts, const char *label, int64_t *index)
{
    char *region = NULL;
    const char *rest = NULL;
    int split = split_code(label, &region, &rest);
    int rc = FLOW_OK;
    if (split < 0)
        return FLOW_ERR_NOMEM;
    if (split > 0 && flow_i_axis_region(&parts->axis, region) >= 0) {
        rc = flow_i_mrio_fd_index(parts, region, rest, index);
    } else {
        const char *u = strrchr(label, '_');
        if (u != NULL && flow_i_axis_region(&parts->axis, u + 1) >= 0) {
            char category[256];
            snprintf(category, sizeof category, "%.*s", (int)(u - label), label);
            rc = flow_i_mrio_fd_index(parts, u + 1, category, index);
        } else {
            rc = flow_i_mrio_fd_index(parts, "", label, index);
        }
    }
    free(region);
    return rc;
}

static int classify_columns(struct icio *c, struct flow_i_parts *parts)
{
    int rc = FLOW_OK;
    for (int64_t j = 0; rc == FLOW_OK && j < c->cols; j++) {
        const char *label = c->col_labels[j], *sector = NULL;
        char *region = NULL;
        int64_t idx = -1;
        if (is_total(label)) {
            c->col_role[j] = ROLE_TOTAL;
            c->col_index[j] = -1;
            continue;
        }
        int split = split_code(label, &region, &sector);
        if (split < 0)
            return FLOW_ERR_NOMEM;
        if (split > 0)
            idx = flow_i_axis_index(&parts->axis, region, sector);
        free(region);
        if (idx >= 0) {
            c->col_role[j] = ROLE_INDUSTRY;
            c->col_index[j] = idx;
        } else {
            c->col_role[j] = ROLE_FINAL;
            rc = final_column(parts, label, &c->col_index[j]);
        }
    }
    return rc;
}

static int alloc_blocks(struct flow_i_parts *parts, int64_t n, int64_t inputs, double **fi,
                        double **fiy)
{
    int64_t nn = 0, nk = 0, mn = 0, mk = 0;
    int rc;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, parts->k, &nk)) != FLOW_OK ||
        (rc = flow_i_mul_size(inputs, n, &mn)) != FLOW_OK ||
        (rc = flow_i_mul_size(inputs, parts->k, &mk)) != FLOW_OK)
        return rc;
    parts->z = flow_i_calloc(nn, sizeof *parts->z);
    parts->y = flow_i_calloc(nk, sizeof *parts->y);
    parts->given_x = flow_i_malloc(n, sizeof *parts->given_x);
    parts->given_inputs = flow_i_malloc(n, sizeof *parts->given_inputs);
    *fi = flow_i_calloc(mn, sizeof **fi);
    *fiy = flow_i_calloc(mk, sizeof **fiy);
    if (!parts->z || !parts->y || !parts->given_x || !parts->given_inputs || !*fi || !*fiy)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        parts->given_x[i] = parts->given_inputs[i] = NAN;
    return FLOW_OK;
}

/* Adds v into *cell, which starts as NaN ("no such total") until a value arrives. */
static void add_total(double *cell, double v)
{
    *cell = isnan(*cell) ? v : *cell + v;
}

/* One row of the table into the blocks its role and its columns' roles say. */
static void scatter_row(const struct icio *c, struct flow_i_parts *parts, int64_t i,
                        const double *row, double *fi, double *fiy)
{
    int64_t n = parts->axis.nregions * parts->axis.nsectors, k = parts->k;
    int64_t r = c->row_index[i];
    for (int64_t j = 0; j < c->cols; j++) {
        int64_t col = c->col_index[j];
        enum role cr = c->col_role[j];
        switch (c->row_role[i]) {
            case ROLE_INDUSTRY:
                if (cr == ROLE_INDUSTRY)
                    parts->z[r * n + col] += row[j];
                else if (cr == ROLE_FINAL)
                    parts->y[r * k + col] += row[j];
                else
                    add_total(&parts->given_x[r], row[j]);
                break;
            case ROLE_INPUT:
                if (cr == ROLE_INDUSTRY)
                    fi[r * n + col] += row[j];
                else if (cr == ROLE_FINAL)
                    fiy[r * k + col] += row[j];
                break;
            default:
                if (cr == ROLE_INDUSTRY)
                    add_total(&parts->given_inputs[col], row[j]);
                break;
        }
    }
}

/* fill_blocks: a file read in place holds a line the general reader must judge. */
#define FLOW_I_DECLINED 1 /* no FLOW_ERR_ code: those are negative */

/* Below this many cells one thread scatters faster than starting two. */
#define SCATTER_PARALLEL_MIN (1 << 18)

/*
 * Industry rows go to rows of Z and Y that several threads fill at once,
 * each the model rows [begin, end): a model row (CN1 and CN2 rows both feed
 * CHN's) is summed by one thread, from the file's rows in file order, as the
 * serial pass would. A file read in place is converted here too, each line
 * by the thread that owns its row. The pass touches Z's pages for the first
 * time, so it runs on as many threads as the BLAS would.
 */
struct scatter {
    const struct icio *c;
    struct flow_i_parts *parts;
    int failed[FLOW_I_MAX_PARTS]; /* a line that is not a row of numbers, or no buffer */
};

static void scatter_industries(void *ctx, int part, int64_t begin, int64_t end)
{
    struct scatter *sc = ctx;
    double *buf = sc->c->text != NULL ? malloc((size_t)sc->c->cols * sizeof *buf) : NULL;
    if (sc->c->text != NULL && buf == NULL) {
        sc->failed[part] = 1;
        return;
    }
    for (int64_t i = 0; i < sc->c->rows && !sc->failed[part]; i++) {
        if (sc->c->row_role[i] != ROLE_INDUSTRY || sc->c->row_index[i] < begin ||
            sc->c->row_index[i] >= end)
            continue;
        const double *row = row_values(sc->c, i, buf);
        if (row != NULL)
            scatter_row(sc->c, sc->parts, i, row, NULL, NULL);
        else
            sc->failed[part] = 1;
    }
    free(buf);
}

/* Every row into its blocks; 0 when a line of a file read in place is not a row of numbers. */
static int scatter_rows(const struct icio *c, struct flow_i_parts *parts, int64_t n, double *fi,
                        double *fiy)
{
    struct scatter sc;
    memset(&sc, 0, sizeof sc);
    sc.c = c;
    sc.parts = parts;
    int threads = c->rows * c->cols >= SCATTER_PARALLEL_MIN ? flow_i_blas_threads() : 1;
    flow_i_split_rows(n, threads, scatter_industries, &sc);
    for (int p = 0; p < FLOW_I_MAX_PARTS; p++)
        if (sc.failed[p])
            return 0;
    double *buf = c->text != NULL ? malloc((size_t)c->cols * sizeof *buf) : NULL;
    int ok = c->text == NULL || buf != NULL;
    for (int64_t i = 0; ok && i < c->rows; i++) {
        if (c->row_role[i] == ROLE_INDUSTRY)
            continue;
        const double *row = row_values(c, i, buf);
        if ((ok = row != NULL))
            scatter_row(c, parts, i, row, fi, fiy);
    }
    free(buf);
    return ok;
}

/* The primary-input rows as the extension "factor_inputs" (F and F_Y); takes fi and fiy. */
static int factor_inputs(flow_mrio *m, const struct icio *c, const struct flow_i_parts *parts,
                         double *fi, double *fiy)
{
    int64_t n = parts->axis.nregions * parts->axis.nsectors, k = parts->k;
    flow_table *f = NULL, *fy = NULL;
    int rc = flow_table_new(&f, c->ninputs, n, fi, n);
    if (rc == FLOW_OK)
        rc = flow_table_new(&fy, c->ninputs, k, fiy, k);
    for (int64_t i = 0; rc == FLOW_OK && i < c->rows; i++)
        if (c->row_role[i] == ROLE_INPUT) {
            const char *label = c->row_labels[i];
            if ((rc = flow_table_set_row_label(f, c->row_index[i], label, NULL)) == FLOW_OK)
                rc = flow_table_set_row_label(fy, c->row_index[i], label, NULL);
        }
    for (int64_t j = 0; rc == FLOW_OK && j < n; j++)
        rc = flow_table_set_col_label(f, j, parts->axis.sectors[j % parts->axis.nsectors],
                                      parts->axis.regions[j / parts->axis.nsectors]);
    for (int64_t j = 0; rc == FLOW_OK && j < k; j++)
        rc = flow_table_set_col_label(
            fy, j, parts->fd_labels[j],
            parts->fd_owner[j] >= 0 ? parts->axis.regions[parts->fd_owner[j]] : "");
    free(fi);
    free(fiy);
    if (rc != FLOW_OK) {
        flow_table_free(f);
        flow_table_free(fy);
        return rc;
    }
    return flow_i_mrio_add_extension(m, "factor_inputs", f, fy);
}

/*
 * Roles, blocks and the scatter of the rows of c (its source, rows, cols and
 * labels set): fills parts and, in *fi and *fiy (owned), the primary-input
 * rows. FLOW_I_DECLINED when a line of a file read in place is not a row of
 * numbers.
 */
static int fill_blocks(struct icio *c, struct flow_i_parts *parts, const char *file, double **fi,
                       double **fiy)
{
    c->row_index = flow_i_malloc(c->rows, sizeof *c->row_index);
    c->col_index = flow_i_malloc(c->cols, sizeof *c->col_index);
    c->row_role = flow_i_malloc(c->rows, sizeof *c->row_role);
    c->col_role = flow_i_malloc(c->cols, sizeof *c->col_role);
    c->region_of = flow_i_calloc(c->rows, sizeof *c->region_of);
    if (!c->row_index || !c->col_index || !c->row_role || !c->col_role || !c->region_of)
        return FLOW_ERR_NOMEM;
    int rc;
    if ((rc = find_industries(c, parts, file)) != FLOW_OK ||
        (rc = classify_rows(c, parts)) != FLOW_OK || (rc = classify_columns(c, parts)) != FLOW_OK)
        return rc;
    int64_t n = parts->axis.nregions * parts->axis.nsectors;
    if ((rc = alloc_blocks(parts, n, c->ninputs, fi, fiy)) != FLOW_OK)
        return rc;
    return scatter_rows(c, parts, n, *fi, *fiy) ? FLOW_OK : FLOW_I_DECLINED;
}

/* The blocks from the general reader's tables of the file. */
static int read_tables(flow_mrio *m, struct flow_i_parts *parts, const struct flow_i_input *in)
{
    struct icio c;
    flow_table **tables = NULL;
    double *fi = NULL, *fiy = NULL;
    struct flow_i_layout layout = {1, 1, 0, -1, 0, -1, ','};
    memset(&c, 0, sizeof c);
    int rc = flow_i_mrio_read_tables(&tables, &c.ntables, in, &layout, flow_i_mrio_report(m));
    if (rc != FLOW_OK)
        return rc;
    c.t = tables;
    c.cols = flow_table_cols(tables[0]);
    for (int64_t k = 0; k < c.ntables; k++) {
        c.start[k] = c.rows;
        c.rows += flow_table_rows(tables[k]);
    }
    c.start[c.ntables] = c.rows;
    c.row_labels = flow_i_malloc(c.rows, sizeof *c.row_labels);
    c.col_labels = flow_i_malloc(c.cols, sizeof *c.col_labels);
    if (c.row_labels == NULL || c.col_labels == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t k = 0; k < c.ntables; k++)
        for (int64_t i = c.start[k]; i < c.start[k + 1]; i++)
            c.row_labels[i] = flow_table_row_label(tables[k], i - c.start[k]);
    for (int64_t j = 0; j < c.cols; j++)
        c.col_labels[j] = flow_table_col_label(tables[0], j);
    if ((rc = fill_blocks(&c, parts, in->name, &fi, &fiy)) == FLOW_OK) {
        rc = factor_inputs(m, &c, parts, fi, fiy);
        fi = fiy = NULL;
    }
done:
    free(fi);
    free(fiy);
    icio_clear(&c);
    for (int64_t k = 0; k < c.ntables; k++)
        flow_table_free(tables[k]);
    free(tables);
    return rc;
}

/*
 * The blocks from the file read in place; *declined (and nothing kept, the
 * report untouched) when the general reader must read it instead.
 */
static int read_in_place(flow_mrio *m, struct flow_i_parts *parts, const struct flow_i_input *in,
                         int *declined)
{
    struct flow_i_icio_text text;
    struct icio c;
    double *fi = NULL, *fiy = NULL;
    int rc = FLOW_OK;
    *declined = 1;
    if (!flow_i_icio_text_open(&text, in->path))
        return FLOW_OK;
    memset(&c, 0, sizeof c);
    c.text = &text;
    c.rows = text.rows;
    c.cols = text.cols;
    c.row_labels = text.row_labels;
    c.col_labels = text.col_labels;
    /* Any failure before the blocks are complete is left for the general reader to report. */
    if (fill_blocks(&c, parts, in->name, &fi, &fiy) == FLOW_OK) {
        *declined = 0;
        flow_i_report_add_counts(flow_i_mrio_report(m), c.rows, c.rows, 0, 0);
        rc = factor_inputs(m, &c, parts, fi, fiy);
        fi = fiy = NULL;
    }
    free(fi);
    free(fiy);
    icio_clear(&c);
    flow_i_icio_text_close(&text);
    return rc;
}

static void start_parts(struct flow_i_parts *parts, const char *path, const flow_mrio_options *opts,
                        int figaro)
{
    parts->axis.merge_splits = !figaro && !opts->keep_splits;
    parts->format_name = figaro ? "Eurostat FIGARO" : "OECD ICIO";
    snprintf(parts->files, sizeof parts->files, "%s", path);
}

int flow_i_mrio_read_icio(flow_mrio *m, struct flow_i_parts *parts, const char *path,
                          const flow_mrio_options *opts, int figaro)
{
    struct flow_i_input in;
    int declined = 1, rc = FLOW_OK;
    start_parts(parts, path, opts, figaro);
    flow_i_input_set(&in, path, NULL);
    if (!opts->general_reader)
        rc = read_in_place(m, parts, &in, &declined);
    if (declined) {
        flow_i_mrio_parts_clear(parts);
        memset(parts, 0, sizeof *parts);
        start_parts(parts, path, opts, figaro);
        rc = read_tables(m, parts, &in);
    }
    if (rc == FLOW_OK)
        rc = flow_i_mrio_finish(m, parts, opts);
    return rc;
}
