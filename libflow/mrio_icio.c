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

struct icio {
    flow_table **t; /* the file's rows in ntables consecutive tables (parallel reads) */
    int64_t ntables;
    int64_t start[FLOW_I_MAX_PARTS + 1]; /* first row of each table; start[ntables] = rows */
    int64_t rows, cols;
    int64_t *row_index, *col_index; /* model index, primary-input row or FD column; -1 none */
    enum role *row_role, *col_role;
    int64_t ninputs;
    char **region_of; /* industry rows' region codes (owned) */
};

/* Row i's table and its row in it. */
static const flow_table *table_of(const struct icio *c, int64_t i, int64_t *local)
{
    int64_t k = 0;
    while (i >= c->start[k + 1])
        k++;
    *local = i - c->start[k];
    return c->t[k];
}

static const char *row_label(const struct icio *c, int64_t i)
{
    int64_t local = 0;
    const flow_table *t = table_of(c, i, &local);
    return flow_table_row_label(t, local);
}

static const double *row_values(const struct icio *c, int64_t i)
{
    int64_t local = 0;
    const flow_table *t = table_of(c, i, &local);
    return flow_table_values(t) + local * c->cols;
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
        rc = flow_i_strmap_put(&cols, flow_table_col_label(c->t[0], j), j, &found);
    for (int64_t i = 0; rc == FLOW_OK && i < c->rows; i++) {
        const char *label = row_label(c, i), *sector = NULL;
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
            const char *label = row_label(c, i);
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
        const char *label = flow_table_col_label(c->t[0], j), *sector = NULL;
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
static void scatter_row(const struct icio *c, struct flow_i_parts *parts, int64_t i, double *fi,
                        double *fiy)
{
    int64_t n = parts->axis.nregions * parts->axis.nsectors, k = parts->k;
    const double *row = row_values(c, i);
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

/* Below this many cells one thread scatters faster than starting two. */
#define SCATTER_PARALLEL_MIN (1 << 18)

/*
 * Industry rows go to rows of Z and Y that several threads fill at once,
 * each the model rows [begin, end): a model row (CN1 and CN2 rows both feed
 * CHN's) is summed by one thread, from the file's rows in file order, as the
 * serial pass would. The pass is memory-bound (and touches Z's pages for
 * the first time), so it runs on as many threads as the BLAS would.
 */
struct scatter {
    const struct icio *c;
    struct flow_i_parts *parts;
};

static void scatter_industries(void *ctx, int part, int64_t begin, int64_t end)
{
    struct scatter *sc = ctx;
    (void)part;
    for (int64_t i = 0; i < sc->c->rows; i++)
        if (sc->c->row_role[i] == ROLE_INDUSTRY && sc->c->row_index[i] >= begin &&
            sc->c->row_index[i] < end)
            scatter_row(sc->c, sc->parts, i, NULL, NULL);
}

static void scatter_rows(const struct icio *c, struct flow_i_parts *parts, int64_t n, double *fi,
                         double *fiy)
{
    struct scatter sc = {c, parts};
    int threads = c->rows * c->cols >= SCATTER_PARALLEL_MIN ? flow_i_blas_threads() : 1;
    flow_i_split_rows(n, threads, scatter_industries, &sc);
    for (int64_t i = 0; i < c->rows; i++)
        if (c->row_role[i] != ROLE_INDUSTRY)
            scatter_row(c, parts, i, fi, fiy);
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
            const char *label = row_label(c, i);
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

int flow_i_mrio_read_icio(flow_mrio *m, struct flow_i_parts *parts, const char *path,
                          const flow_mrio_options *opts, int figaro)
{
    struct flow_i_input in;
    struct flow_i_layout layout = {1, 1, 0, -1, 0, -1, ','};
    flow_table **tables = NULL;
    double *fi = NULL, *fiy = NULL;
    struct icio c;
    memset(&c, 0, sizeof c);
    parts->axis.merge_splits = !figaro && !opts->keep_splits;
    parts->format_name = figaro ? "Eurostat FIGARO" : "OECD ICIO";
    snprintf(parts->files, sizeof parts->files, "%s", path);
    flow_i_input_set(&in, path, NULL);
    int rc = flow_i_mrio_read_tables(&tables, &c.ntables, &in, &layout, flow_i_mrio_report(m));
    if (rc != FLOW_OK)
        return rc;
    c.t = tables;
    c.cols = flow_table_cols(tables[0]);
    for (int64_t k = 0; k < c.ntables; k++) {
        c.start[k] = c.rows;
        c.rows += flow_table_rows(tables[k]);
    }
    c.start[c.ntables] = c.rows;
    c.row_index = flow_i_malloc(c.rows, sizeof *c.row_index);
    c.col_index = flow_i_malloc(c.cols, sizeof *c.col_index);
    c.row_role = flow_i_malloc(c.rows, sizeof *c.row_role);
    c.col_role = flow_i_malloc(c.cols, sizeof *c.col_role);
    c.region_of = flow_i_calloc(c.rows, sizeof *c.region_of);
    if (!c.row_index || !c.col_index || !c.row_role || !c.col_role || !c.region_of) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = find_industries(&c, parts, in.name)) != FLOW_OK ||
        (rc = classify_rows(&c, parts)) != FLOW_OK || (rc = classify_columns(&c, parts)) != FLOW_OK)
        goto done;
    int64_t n = parts->axis.nregions * parts->axis.nsectors;
    if ((rc = alloc_blocks(parts, n, c.ninputs, &fi, &fiy)) != FLOW_OK)
        goto done;
    scatter_rows(&c, parts, n, fi, fiy);
    rc = factor_inputs(m, &c, parts, fi, fiy);
    fi = fiy = NULL;
done:
    free(fi);
    free(fiy);
    icio_clear(&c);
    for (int64_t k = 0; k < c.ntables; k++)
        flow_table_free(tables[k]);
    free(tables);
    if (rc == FLOW_OK)
        rc = flow_i_mrio_finish(m, parts, opts);
    return rc;
}
