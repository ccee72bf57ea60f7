/*
 * io_aggregate.c - merging regions and sectors through mappings before
 * analysis: flows are summed and the coefficients recomputed from the sums.
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

static int check_map(const int64_t *map, int64_t count, int64_t target, const char *what)
{
    for (int64_t i = 0; map != NULL && i < count; i++)
        if (map[i] < 0 || map[i] >= target)
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s map entry %lld: %lld is not in [0, %lld)",
                               what, (long long)i, (long long)map[i], (long long)target);
    return FLOW_OK;
}

/* Old index -> new index for every sector of the region-major model. */
static void index_map(const flow_io_model *m, const int64_t *region_map, const int64_t *sector_map,
                      int64_t new_sectors, int64_t *out)
{
    int64_t n = flow_i_io_order(m), sectors = flow_i_io_sector_count(m);
    for (int64_t i = 0; i < n; i++) {
        int64_t r = flow_i_io_region_of(m, i), s = i % sectors;
        int64_t nr = region_map != NULL ? region_map[r] : r;
        int64_t ns = sector_map != NULL ? sector_map[s] : s;
        out[i] = nr * new_sectors + ns;
    }
}

/*
 * Final-demand columns after the merge: columns whose owners map to the same
 * new region and that carry the same label become one; unowned ones stay.
 * col_map[c] = new column, owners[new] = new owner, labels[new] = label.
 */
static int64_t column_map(const flow_io_model *m, const int64_t *region_map, int64_t *col_map,
                          int64_t *owners, const char **labels)
{
    int64_t k = flow_i_io_final_demand_count(m), count = 0;
    for (int64_t c = 0; c < k; c++) {
        int64_t old = flow_i_io_final_demand_region(m, c);
        int64_t owner = old < 0 ? -1 : (region_map != NULL ? region_map[old] : old);
        const char *label = flow_i_io_final_demand_label(m, c);
        col_map[c] = -1;
        for (int64_t e = 0; owner >= 0 && e < count; e++)
            if (owners[e] == owner && strcmp(labels[e], label) == 0)
                col_map[c] = e;
        if (col_map[c] < 0) {
            owners[count] = owner;
            labels[count] = label;
            col_map[c] = count++;
        }
    }
    return count;
}

int flow_io_model_aggregate(flow_io_model **out, const flow_io_model *m, int64_t new_regions,
                            const int64_t *region_map, const char *const *region_codes,
                            int64_t new_sectors, const int64_t *sector_map,
                            const char *const *sector_codes)
{
    int rc;
    int64_t *imap = NULL, *col_map = NULL, *owners = NULL, nn = 0, nk = 0;
    const char **labels = NULL;
    double *z = NULL, *y = NULL, *v = NULL, *x = NULL;
    flow_io_model *agg = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (m == NULL || new_regions <= 0 || new_sectors <= 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "aggregation needs a model and positive sizes");
    int64_t n = flow_i_io_order(m), k = flow_i_io_final_demand_count(m),
            regions = flow_i_io_region_count(m);
    int64_t sectors = flow_i_io_sector_count(m);
    const double *z0 = flow_i_io_intermediate(m), *y0 = flow_i_io_final_demand(m);
    if ((region_map == NULL && new_regions != regions) ||
        (sector_map == NULL && new_sectors != sectors))
        return flow_i_fail(FLOW_ERR_DIMENSION, "an identity map cannot change the number of "
                                               "regions or sectors");
    if ((rc = check_map(region_map, regions, new_regions, "region")) != FLOW_OK ||
        (rc = check_map(sector_map, sectors, new_sectors, "sector")) != FLOW_OK ||
        (rc = flow_i_mul_size(new_regions, new_sectors, &nn)) != FLOW_OK)
        return rc;
    int64_t n2 = nn;
    imap = flow_i_malloc(n, sizeof *imap);
    col_map = flow_i_malloc(k, sizeof *col_map);
    owners = flow_i_malloc(k, sizeof *owners);
    labels = flow_i_calloc(k, sizeof *labels);
    if (imap == NULL || col_map == NULL || owners == NULL || labels == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    index_map(m, region_map, sector_map, new_sectors, imap);
    int64_t k2 = column_map(m, region_map, col_map, owners, labels);
    if ((rc = flow_i_mul_size(n2, n2, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(n2, k2, &nk)) != FLOW_OK)
        goto done;
    z = flow_i_calloc(nn, sizeof *z);
    y = flow_i_calloc(nk, sizeof *y);
    v = flow_i_calloc(n2, sizeof *v);
    x = flow_i_calloc(n2, sizeof *x);
    if (z == NULL || y == NULL || v == NULL || x == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < n; j++)
            z[imap[i] * n2 + imap[j]] += z0[i * n + j];
        for (int64_t c = 0; c < k; c++)
            y[imap[i] * k2 + col_map[c]] += y0[i * k + c];
        v[imap[i]] += flow_i_io_value_added(m)[i];
        x[imap[i]] += flow_i_io_output(m)[i];
    }
    if ((rc = flow_io_model_new(&agg, n2, z, k2, y, v, x)) != FLOW_OK ||
        (rc = flow_io_model_set_regions(agg, new_regions, region_codes, sector_codes)) != FLOW_OK ||
        (rc = flow_io_model_set_final_demand(agg, labels, owners)) != FLOW_OK)
        goto done;
    *out = agg;
    agg = NULL;
done:
    flow_io_model_free(agg);
    free(imap);
    free(col_map);
    free(owners);
    free(labels);
    free(z);
    free(y);
    free(v);
    free(x);
    return rc;
}
