/*
 * mrio_aggregate.c - a whole MRIO handle aggregated through region and sector
 * concordances: the model through flow_io_model_aggregate, and every
 * extension, given output and label with the same maps.
 */
#include "io_internal.h"
#include "mrio_internal.h"
#include "reader_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct maps {
    int64_t regions, sectors, n, k; /* old sizes */
    int64_t nregions, nsectors, n2, k2;
    int64_t *region_map, *sector_map, *index_map, *col_map;
    char **region_names, **sector_names;
};

static void free_names(char **names, int64_t count)
{
    for (int64_t i = 0; names != NULL && i < count; i++)
        free(names[i]);
    free(names);
}

static void maps_clear(struct maps *m)
{
    free(m->region_map);
    free(m->sector_map);
    free(m->index_map);
    free(m->col_map);
    free_names(m->region_names, m->nregions);
    free_names(m->sector_names, m->nsectors);
}

static int map_axis(const flow_io_model *model, int regions, const struct flow_i_concordance *c,
                    int64_t **map, char ***names, int64_t *count)
{
    const char **codes = NULL;
    int64_t n = 0;
    int rc = flow_i_io_codes(model, regions, &codes, &n);
    if (rc == FLOW_OK && (*map = flow_i_malloc(n, sizeof **map)) == NULL)
        rc = FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = flow_i_concordance_map(c, n, codes, regions ? "region" : "sector", *map, names, count);
    free(codes);
    return rc;
}

/* Final-demand columns as flow_io_model_aggregate merges them: same new owner and label. */
static int column_map(struct maps *m, const flow_io_model *old, const flow_io_model *agg)
{
    if ((m->col_map = flow_i_malloc(m->k, sizeof *m->col_map)) == NULL)
        return FLOW_ERR_NOMEM;
    int64_t unowned = 0;
    for (int64_t c = 0; c < m->k; c++) {
        int64_t owner = flow_i_io_final_demand_region(old, c);
        int64_t target = owner >= 0 ? m->region_map[owner] : -1, seen = 0;
        const char *label = flow_i_io_final_demand_label(old, c);
        m->col_map[c] = -1;
        for (int64_t e = 0; e < m->k2 && m->col_map[c] < 0; e++) {
            int64_t eo = flow_i_io_final_demand_region(agg, e);
            if (eo != target || strcmp(flow_i_io_final_demand_label(agg, e), label) != 0)
                continue;
            if (target >= 0 || seen++ == unowned)
                m->col_map[c] = e;
        }
        unowned += target < 0;
        if (m->col_map[c] < 0)
            return flow_i_fail(FLOW_ERR_DIMENSION, "final-demand column %lld has no aggregate",
                               (long long)c);
    }
    return FLOW_OK;
}

static int aggregate_table(flow_table **out, const flow_table *t, const int64_t *map, int64_t cols2,
                           const flow_io_model *agg, int fd_columns)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    int64_t sectors = flow_i_io_sector_count(agg);
    int rc = flow_table_new(out, rows, cols2, NULL, cols2);
    if (rc != FLOW_OK)
        return rc;
    double *dst = flow_i_table_cells(*out);
    const double *src = flow_table_values(t);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            dst[i * cols2 + map[j]] += src[i * cols + j];
    for (int64_t i = 0; rc == FLOW_OK && i < rows; i++)
        rc = flow_table_set_row_label(*out, i, flow_table_row_label(t, i),
                                      flow_table_row_group(t, i));
    for (int64_t j = 0; rc == FLOW_OK && j < cols2; j++) {
        int64_t owner = fd_columns ? flow_i_io_final_demand_region(agg, j) : j / sectors;
        rc = flow_table_set_col_label(*out, j,
                                      fd_columns ? flow_i_io_final_demand_label(agg, j)
                                                 : flow_i_io_sector_code(agg, j % sectors),
                                      owner >= 0 ? flow_i_io_region_code(agg, owner) : "");
    }
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

static int extensions(flow_mrio *dst, const flow_mrio *src, const struct maps *m)
{
    int rc = FLOW_OK;
    for (int64_t e = 0; rc == FLOW_OK && e < src->next; e++) {
        flow_table *f = NULL, *fy = NULL;
        rc = aggregate_table(&f, src->ext[e].f, m->index_map, m->n2, dst->model, 0);
        if (rc == FLOW_OK && src->ext[e].f_y != NULL)
            rc = aggregate_table(&fy, src->ext[e].f_y, m->col_map, m->k2, dst->model, 1);
        if (rc == FLOW_OK)
            rc = flow_i_mrio_add_extension(dst, src->ext[e].name, f, fy);
        else
            flow_table_free(f);
    }
    return rc;
}

static int outputs(flow_mrio *dst, const flow_mrio *src, const struct maps *m)
{
    dst->given_x = flow_i_calloc(m->n2, sizeof *dst->given_x);
    dst->given_inputs = flow_i_calloc(m->n2, sizeof *dst->given_inputs);
    if (dst->given_x == NULL || dst->given_inputs == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < m->n; i++) {
        dst->given_x[m->index_map[i]] += src->given_x[i]; /* NaN (none given) stays NaN */
        dst->given_inputs[m->index_map[i]] += src->given_inputs[i];
    }
    return FLOW_OK;
}

static int summarise(flow_mrio *dst, const flow_mrio *src, const struct maps *m)
{
    const char *text = flow_mrio_summary(src);
    size_t cap = strlen(text) + 200;
    if ((dst->summary = flow_i_malloc((int64_t)cap, 1)) == NULL)
        return FLOW_ERR_NOMEM;
    snprintf(dst->summary, cap, "aggregated from %lld regions x %lld sectors to %lld x %lld\n%s",
             (long long)m->regions, (long long)m->sectors, (long long)m->nregions,
             (long long)m->nsectors, text);
    return FLOW_OK;
}

static int build(flow_mrio *dst, const flow_mrio *src, const struct flow_i_concordance *regions,
                 const struct flow_i_concordance *sc)
{
    struct maps m;
    int rc;
    memset(&m, 0, sizeof m);
    const flow_io_model *model = src->model;
    m.regions = flow_i_io_region_count(model);
    m.sectors = flow_i_io_sector_count(model);
    m.n = flow_i_io_order(model);
    m.k = flow_i_io_final_demand_count(model);
    if ((rc = map_axis(model, 1, regions, &m.region_map, &m.region_names, &m.nregions)) !=
            FLOW_OK ||
        (rc = map_axis(model, 0, sc, &m.sector_map, &m.sector_names, &m.nsectors)) != FLOW_OK)
        goto done;
    if ((rc = flow_io_model_aggregate(&dst->model, model, m.nregions, m.region_map,
                                      (const char *const *)m.region_names, m.nsectors, m.sector_map,
                                      (const char *const *)m.sector_names)) != FLOW_OK)
        goto done;
    m.n2 = flow_i_io_order(dst->model);
    m.k2 = flow_i_io_final_demand_count(dst->model);
    if ((m.index_map = flow_i_malloc(m.n, sizeof *m.index_map)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < m.n; i++)
        m.index_map[i] = m.region_map[i / m.sectors] * m.nsectors + m.sector_map[i % m.sectors];
    if ((rc = column_map(&m, model, dst->model)) != FLOW_OK ||
        (rc = extensions(dst, src, &m)) != FLOW_OK || (rc = outputs(dst, src, &m)) != FLOW_OK ||
        (rc = flow_i_report_merge(dst->report, src->report, 20)) != FLOW_OK)
        goto done;
    rc = summarise(dst, src, &m);
done:
    maps_clear(&m);
    return rc;
}

static int aggregate(flow_mrio **out, const flow_mrio *src,
                     const struct flow_i_concordance *regions,
                     const struct flow_i_concordance *sectors)
{
    flow_mrio *dst = flow_i_calloc(1, sizeof *dst);
    int rc = dst != NULL ? flow_read_report_new(&dst->report) : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = build(dst, src, regions, sectors);
    if (rc != FLOW_OK) {
        flow_mrio_free(dst);
        return rc;
    }
    *out = dst;
    return FLOW_OK;
}

int flow_mrio_aggregate(flow_mrio **out, const flow_mrio *mrio, int64_t region_pairs,
                        const char *const *region_codes, const char *const *region_groups,
                        int64_t sector_pairs, const char *const *sector_codes,
                        const char *const *sector_groups)
{
    struct flow_i_concordance regions, sectors;
    memset(&sectors, 0, sizeof sectors);
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (mrio == NULL || region_pairs < 0 || sector_pairs < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "aggregation needs a handle and pair counts >= 0");
    int rc = flow_i_concordance_from_arrays(&regions, region_pairs, region_codes, region_groups);
    if (rc == FLOW_OK)
        rc = flow_i_concordance_from_arrays(&sectors, sector_pairs, sector_codes, sector_groups);
    if (rc == FLOW_OK)
        rc = aggregate(out, mrio, &regions, &sectors);
    flow_i_concordance_clear(&regions);
    flow_i_concordance_clear(&sectors);
    return rc;
}

int flow_mrio_aggregate_csv(flow_mrio **out, const flow_mrio *mrio, const char *region_csv,
                            const char *sector_csv)
{
    struct flow_i_concordance regions, sectors;
    memset(&regions, 0, sizeof regions);
    memset(&sectors, 0, sizeof sectors);
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (mrio == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "aggregation needs a handle");
    int rc = region_csv != NULL ? flow_i_concordance_read(&regions, region_csv) : FLOW_OK;
    if (rc == FLOW_OK && sector_csv != NULL)
        rc = flow_i_concordance_read(&sectors, sector_csv);
    if (rc == FLOW_OK)
        rc = aggregate(out, mrio, &regions, &sectors);
    flow_i_concordance_clear(&regions);
    flow_i_concordance_clear(&sectors);
    return rc;
}
