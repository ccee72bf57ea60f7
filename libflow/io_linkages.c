/*
 * io_linkages.c - Rasmussen/Hirschman backward and forward linkages (direct
 * from A and B, total from L and G), key-sector classes, the local/foreign
 * split of multi-regional tables and the spillover matrices.
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * Linkage of every sector, restricted to partners in region `only` (-2: all
 * partners, -1: the sector's own region). Direct kinds read Z and 1/x; total
 * kinds take one solve whose right-hand sides select the partners.
 */
static int direct_linkages(const flow_io_model *m, int kind, int64_t only, double *out)
{
    int64_t n = flow_io_model_order(m);
    const double *z = flow_io_model_intermediate(m), *x = flow_io_model_output(m);
    const double *xinv = flow_i_io_inverse_outputs(m);
    memset(out, 0, (size_t)n * sizeof *out);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            /* Backward: sector j buys from i; forward: sector i sells to j. */
            int64_t self = kind == FLOW_IO_BACKWARD_DIRECT ? j : i;
            int64_t partner = kind == FLOW_IO_BACKWARD_DIRECT ? i : j;
            int64_t want = only == -1 ? flow_i_io_region_of(m, self) : only;
            if (only != -2 && flow_i_io_region_of(m, partner) != want)
                continue;
            if (kind == FLOW_IO_BACKWARD_DIRECT)
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
    int64_t n = flow_io_model_order(m), regions = flow_io_model_region_count(m);
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
    int64_t n = flow_io_model_order(m), regions = flow_io_model_region_count(m);
    const double *x = flow_io_model_output(m);
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
    int64_t n = flow_io_model_order(m), regions = flow_io_model_region_count(m), size = 0;
    int rc = flow_i_mul_size(n, regions, &size);
    *out = NULL;
    if (rc != FLOW_OK)
        return rc;
    double *w = flow_i_malloc(size, sizeof *w);
    if (w == NULL)
        return FLOW_ERR_NOMEM;
    rc = kind == FLOW_IO_BACKWARD_TOTAL ? flow_i_io_region_column_sums(m, w)
                                        : region_ghosh_row_sums(m, w);
    if (rc != FLOW_OK) {
        free(w);
        return rc;
    }
    *out = w;
    return FLOW_OK;
}

static int check_kind(const flow_io_model *m, int kind, const double *out, int64_t len)
{
    if (m == NULL || out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model or output buffer is NULL");
    if (kind < FLOW_IO_BACKWARD_DIRECT || kind > FLOW_IO_FORWARD_TOTAL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown linkage kind %d", kind);
    if (len < flow_io_model_order(m))
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "linkages have %lld entries, buffer %lld",
                           (long long)flow_io_model_order(m), (long long)len);
    return FLOW_OK;
}

static int raw_linkages(flow_io_model *m, int kind, double *out)
{
    int64_t n = flow_io_model_order(m);
    if (kind == FLOW_IO_BACKWARD_DIRECT || kind == FLOW_IO_FORWARD_DIRECT)
        return direct_linkages(m, kind, -2, out);
    if (kind == FLOW_IO_BACKWARD_TOTAL)
        return flow_io_output_multipliers(m, out, n);
    /* Forward total: G 1 = x^-1 L x (one solve). */
    const double *x = flow_io_model_output(m);
    int rc = flow_io_model_leontief_solve(m, 1, x, 1, out, n, 1);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++)
        out[i] = x[i] != 0.0 ? out[i] / x[i] : 1.0;
    return FLOW_OK;
}

static void rasmussen_normalise(double *u, int64_t n)
{
    double sum = 0.0;
    for (int64_t i = 0; i < n; i++)
        sum += u[i];
    for (int64_t i = 0; i < n; i++)
        u[i] = sum != 0.0 ? (double)n * u[i] / sum : 0.0;
}

int flow_io_linkages(flow_io_model *m, int kind, int normalised, double *out, int64_t out_len)
{
    int rc = check_kind(m, kind, out, out_len);
    if (rc != FLOW_OK || (rc = raw_linkages(m, kind, out)) != FLOW_OK)
        return rc;
    if (normalised)
        rasmussen_normalise(out, flow_io_model_order(m));
    return FLOW_OK;
}

int flow_io_linkages_split(flow_io_model *m, int kind, double *local, double *foreign, int64_t len)
{
    int rc = check_kind(m, kind, local, len);
    double *by_region = NULL;
    if (rc != FLOW_OK || (rc = check_kind(m, kind, foreign, len)) != FLOW_OK ||
        (rc = raw_linkages(m, kind, foreign)) != FLOW_OK)
        return rc;
    int64_t n = flow_io_model_order(m);
    if (kind == FLOW_IO_BACKWARD_DIRECT || kind == FLOW_IO_FORWARD_DIRECT) {
        rc = direct_linkages(m, kind, -1, local);
    } else if ((rc = total_by_region(m, kind, &by_region)) == FLOW_OK) {
        for (int64_t i = 0; i < n; i++)
            local[i] = by_region[flow_i_io_region_of(m, i) * n + i];
    }
    /* foreign = total - local */
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        foreign[i] -= local[i];
    free(by_region);
    return rc;
}

int flow_io_key_sectors(flow_io_model *m, int direct, int64_t *classes, int64_t len)
{
    int rc;
    double *bl = NULL, *fl = NULL;
    if (m == NULL || classes == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model or output buffer is NULL");
    int64_t n = flow_io_model_order(m);
    if (len < n)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "key sectors have %lld entries, buffer %lld",
                           (long long)n, (long long)len);
    bl = flow_i_malloc(n, sizeof *bl);
    fl = flow_i_malloc(n, sizeof *fl);
    if (bl == NULL || fl == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = flow_io_linkages(m, direct ? FLOW_IO_BACKWARD_DIRECT : FLOW_IO_BACKWARD_TOTAL, 1, bl,
                               n)) != FLOW_OK ||
        (rc = flow_io_linkages(m, direct ? FLOW_IO_FORWARD_DIRECT : FLOW_IO_FORWARD_TOTAL, 1, fl,
                               n)) != FLOW_OK)
        goto done;
    for (int64_t j = 0; j < n; j++)
        classes[j] = (bl[j] >= 1.0 ? FLOW_IO_SECTOR_BACKWARD : 0) |
                     (fl[j] >= 1.0 ? FLOW_IO_SECTOR_FORWARD : 0);
done:
    free(bl);
    free(fl);
    return rc;
}

int flow_io_spillovers(flow_io_model *m, double *spill, double *net, int64_t dst_len,
                       int64_t stride)
{
    int rc;
    double *sums = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    int64_t n = flow_io_model_order(m), regions = flow_io_model_region_count(m);
    int64_t sectors = flow_io_model_sector_count(m);
    if ((spill != NULL &&
         (rc = flow_i_check_out_matrix(spill, dst_len, stride, regions, regions)) != FLOW_OK) ||
        (net != NULL &&
         (rc = flow_i_check_out_matrix(net, dst_len, stride, regions, regions)) != FLOW_OK) ||
        (rc = total_by_region(m, FLOW_IO_BACKWARD_TOTAL, &sums)) != FLOW_OK)
        return rc;
    /* sums[r][j] = sum_{i in r} l_ij; average over the sectors j of region s. */
    for (int64_t r = 0; r < regions; r++)
        for (int64_t s = 0; s < regions; s++) {
            double sr = 0.0, rs = 0.0;
            for (int64_t j = s * sectors; r != s && j < (s + 1) * sectors; j++)
                rs += sums[r * n + j];
            for (int64_t j = r * sectors; r != s && j < (r + 1) * sectors; j++)
                sr += sums[s * n + j];
            if (spill != NULL)
                spill[r * stride + s] = sectors > 0 ? rs / (double)sectors : 0.0;
            if (net != NULL)
                net[r * stride + s] = sectors > 0 ? (rs - sr) / (double)sectors : 0.0;
        }
    free(sums);
    return FLOW_OK;
}

int flow_io_spillover_matrix(flow_io_model *m, double *dst, int64_t dst_len, int64_t row_stride)
{
    int rc = flow_io_model_leontief_inverse(m, dst, dst_len, row_stride);
    if (rc != FLOW_OK)
        return rc;
    int64_t n = flow_io_model_order(m), sectors = flow_io_model_sector_count(m);
    for (int64_t i = 0; i < n; i++) {
        int64_t start = flow_i_io_region_of(m, i) * sectors;
        memset(dst + i * row_stride + start, 0, (size_t)sectors * sizeof *dst);
    }
    return FLOW_OK;
}
