/*
 * io_linkages.c - Rasmussen/Hirschman backward and forward linkages (direct
 * from A and B, total from L and G), key-sector classes, the local/foreign
 * split of multi-regional tables and the spillover matrices.
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

/* Linkage kinds: direct from A and B, total from L and G. */
enum linkage_kind { BACKWARD_DIRECT, FORWARD_DIRECT, BACKWARD_TOTAL, FORWARD_TOTAL };

/*
 * Linkage of every sector, restricted to partners in region `only` (-2: all
 * partners, -1: the sector's own region). Direct kinds read Z and 1/x; total
 * kinds take one solve whose right-hand sides select the partners.
 */
static int direct_linkages(const flow_io_model *m, int kind, int64_t only, double *out)
{
    int64_t n = flow_i_io_order(m);
    const double *z = flow_i_io_intermediate(m), *x = flow_i_io_output(m);
    const double *xinv = flow_i_io_inverse_outputs(m);
    memset(out, 0, (size_t)n * sizeof *out);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            /* Backward: sector j buys from i; forward: sector i sells to j. */
            int64_t self = kind == BACKWARD_DIRECT ? j : i;
            int64_t partner = kind == BACKWARD_DIRECT ? i : j;
            int64_t want = only == -1 ? flow_i_io_region_of(m, self) : only;
            if (only != -2 && flow_i_io_region_of(m, partner) != want)
                continue;
            if (kind == BACKWARD_DIRECT)
                out[j] += z[i * n + j] * xinv[j];
            else
                out[i] += z[i * n + j] * flow_i_io_inverse_output(x[i]);
        }
    return FLOW_OK;
}

int flow_i_io_region_column_sums(flow_io_model *m, double *out)
{
    const flow_i_lu *lu = NULL;
    int rc = flow_i_io_leontief_lu(m, &lu);
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t r = 0; r < regions; r++)
        for (int64_t i = 0; i < n; i++)
            out[r * n + i] = flow_i_io_region_of(m, i) == r ? 1.0 : 0.0;
    return flow_i_lu_solve(lu, 1, out, regions);
}

/*
 * Row sums of G over the partners of each region: column r of the result
 * (n x regions, contiguous vectors) is L (x restricted to r), divided by x_i.
 * Zero-output sectors are isolated: their row of G is e_i'.
 */
static int region_ghosh_row_sums(flow_io_model *m, double *out)
{
    const flow_i_lu *lu = NULL;
    int rc = flow_i_io_leontief_lu(m, &lu);
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m);
    const double *x = flow_i_io_output(m);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t r = 0; r < regions; r++)
        for (int64_t i = 0; i < n; i++)
            out[r * n + i] = flow_i_io_region_of(m, i) == r ? x[i] : 0.0;
    if ((rc = flow_i_lu_solve(lu, 0, out, regions)) != FLOW_OK)
        return rc;
    for (int64_t r = 0; r < regions; r++)
        for (int64_t i = 0; i < n; i++)
            out[r * n + i] =
                x[i] != 0.0 ? out[r * n + i] / x[i] : (double)(flow_i_io_region_of(m, i) == r);
    return FLOW_OK;
}

/* Total linkages by partner region: regions x n, row r = partners in region r. */
static int total_by_region(flow_io_model *m, int kind, double **out)
{
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m), size = 0;
    int rc = flow_i_mul_size(n, regions, &size);
    *out = NULL;
    if (rc != FLOW_OK)
        return rc;
    double *w = flow_i_malloc(size, sizeof *w);
    if (w == NULL)
        return FLOW_ERR_NOMEM;
    rc = kind == BACKWARD_TOTAL ? flow_i_io_region_column_sums(m, w) : region_ghosh_row_sums(m, w);
    if (rc != FLOW_OK) {
        free(w);
        return rc;
    }
    *out = w;
    return FLOW_OK;
}

static int raw_linkages(flow_io_model *m, int kind, double *out)
{
    int64_t n = flow_i_io_order(m);
    if (kind == BACKWARD_DIRECT || kind == FORWARD_DIRECT)
        return direct_linkages(m, kind, -2, out);
    if (kind == BACKWARD_TOTAL)
        return flow_i_io_output_multipliers(m, out);
    /* Forward total: G 1 = x^-1 L x (one solve). */
    const double *x = flow_i_io_output(m);
    int rc = flow_io_model_leontief_solve(m, 1, x, 1, out, n, 1);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++)
        out[i] = x[i] != 0.0 ? out[i] / x[i] : 1.0;
    return FLOW_OK;
}

/* Rasmussen's index n * u_j / sum(u) of u into dst. */
static void rasmussen_normalise(const double *u, double *dst, int64_t n)
{
    double sum = 0.0;
    for (int64_t i = 0; i < n; i++)
        sum += u[i];
    for (int64_t i = 0; i < n; i++)
        dst[i] = sum != 0.0 ? (double)n * u[i] / sum : 0.0;
}

/* Local part (partners in the sector's own region) of a linkage into local[0..n). */
static int local_linkages(flow_io_model *m, int kind, double *local)
{
    int64_t n = flow_i_io_order(m);
    double *by_region = NULL;
    if (kind == BACKWARD_DIRECT || kind == FORWARD_DIRECT)
        return direct_linkages(m, kind, -1, local);
    int rc = total_by_region(m, kind, &by_region);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        local[i] = by_region[flow_i_io_region_of(m, i) * n + i];
    free(by_region);
    return rc;
}

/* Columns of the linkage table, in the order flow_io_linkages documents. */
enum {
    COL_BACKWARD,
    COL_FORWARD,
    COL_BACKWARD_NORMALISED,
    COL_FORWARD_NORMALISED,
    COL_BACKWARD_LOCAL,
    COL_BACKWARD_FOREIGN,
    COL_FORWARD_LOCAL,
    COL_FORWARD_FOREIGN,
    COL_CLASS,
    COL_COUNT
};

int flow_io_linkages(flow_table **out, flow_io_model *m, int direct)
{
    static const char *const names[COL_COUNT] = {
        "backward",           "forward",         "backward_normalised",
        "forward_normalised", "backward_local",  "backward_foreign",
        "forward_local",      "forward_foreign", "class"};
    double *w = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m), size = 0;
    int rc = flow_i_mul_size(n, COL_COUNT, &size);
    if (rc != FLOW_OK)
        return rc;
    if ((w = flow_i_malloc(size, sizeof *w)) == NULL)
        return FLOW_ERR_NOMEM;
    /* w holds the columns as contiguous vectors: w + c * n is column c. */
    int backward = direct ? BACKWARD_DIRECT : BACKWARD_TOTAL;
    int forward = direct ? FORWARD_DIRECT : FORWARD_TOTAL;
    if ((rc = raw_linkages(m, backward, w + COL_BACKWARD * n)) == FLOW_OK &&
        (rc = raw_linkages(m, forward, w + COL_FORWARD * n)) == FLOW_OK &&
        (rc = local_linkages(m, backward, w + COL_BACKWARD_LOCAL * n)) == FLOW_OK &&
        (rc = local_linkages(m, forward, w + COL_FORWARD_LOCAL * n)) == FLOW_OK &&
        (rc = flow_i_io_node_table(out, m, COL_COUNT, names)) == FLOW_OK) {
        rasmussen_normalise(w + COL_BACKWARD * n, w + COL_BACKWARD_NORMALISED * n, n);
        rasmussen_normalise(w + COL_FORWARD * n, w + COL_FORWARD_NORMALISED * n, n);
        double *dst = flow_i_table_values(*out);
        for (int64_t j = 0; j < n; j++) {
            /* foreign = total - local */
            w[COL_BACKWARD_FOREIGN * n + j] =
                w[COL_BACKWARD * n + j] - w[COL_BACKWARD_LOCAL * n + j];
            w[COL_FORWARD_FOREIGN * n + j] = w[COL_FORWARD * n + j] - w[COL_FORWARD_LOCAL * n + j];
            w[COL_CLASS * n + j] =
                (w[COL_BACKWARD_NORMALISED * n + j] >= 1.0 ? FLOW_IO_SECTOR_BACKWARD : 0) |
                (w[COL_FORWARD_NORMALISED * n + j] >= 1.0 ? FLOW_IO_SECTOR_FORWARD : 0);
            for (int64_t c = 0; c < COL_COUNT; c++)
                dst[j * COL_COUNT + c] = w[c * n + j];
        }
    }
    free(w);
    return flow_i_io_result(out, rc);
}

/* The n x n spillover matrix: L with its diagonal region blocks zeroed. */
static int spillover_matrix(flow_table **out, flow_io_model *m)
{
    int64_t n = flow_i_io_order(m), sectors = flow_i_io_sector_count(m);
    int rc = flow_table_new(out, n, n, NULL, n);
    if (rc == FLOW_OK && (rc = flow_i_io_label_rows(*out, m)) == FLOW_OK &&
        (rc = flow_i_io_label_cols(*out, m)) == FLOW_OK)
        rc = flow_i_io_leontief_inverse(m, flow_i_table_values(*out), n * n, n);
    double *dst = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        int64_t start = flow_i_io_region_of(m, i) * sectors;
        memset(dst + i * n + start, 0, (size_t)sectors * sizeof *dst);
    }
    return flow_i_io_result(out, rc);
}

int flow_io_spillovers(flow_table **spill, flow_table **net, flow_table **matrix, flow_io_model *m)
{
    double *sums = NULL;
    flow_table **outs[] = {spill, net, matrix};
    for (int o = 0; o < 3; o++)
        if (outs[o] != NULL)
            *outs[o] = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_i_io_order(m), regions = flow_i_io_region_count(m);
    int64_t sectors = flow_i_io_sector_count(m);
    int rc = FLOW_OK;
    if (spill != NULL || net != NULL) {
        rc = total_by_region(m, BACKWARD_TOTAL, &sums);
        if (rc == FLOW_OK && spill != NULL)
            rc = flow_i_io_region_table(spill, m, regions, NULL);
        if (rc == FLOW_OK && net != NULL)
            rc = flow_i_io_region_table(net, m, regions, NULL);
    }
    /* sums[r][j] = sum_{i in r} l_ij; average over the sectors j of region s. */
    for (int64_t r = 0; rc == FLOW_OK && sums != NULL && r < regions; r++)
        for (int64_t s = 0; s < regions; s++) {
            double sr = 0.0, rs = 0.0;
            for (int64_t j = s * sectors; r != s && j < (s + 1) * sectors; j++)
                rs += sums[r * n + j];
            for (int64_t j = r * sectors; r != s && j < (r + 1) * sectors; j++)
                sr += sums[s * n + j];
            if (spill != NULL)
                flow_i_table_values(*spill)[r * regions + s] =
                    sectors > 0 ? rs / (double)sectors : 0.0;
            if (net != NULL)
                flow_i_table_values(*net)[r * regions + s] =
                    sectors > 0 ? (rs - sr) / (double)sectors : 0.0;
        }
    free(sums);
    if (rc == FLOW_OK && matrix != NULL)
        rc = spillover_matrix(matrix, m);
    for (int o = 0; rc != FLOW_OK && o < 3; o++)
        if (outs[o] != NULL)
            flow_i_io_result(outs[o], rc);
    return rc;
}
