/*
 * va_system.c - the dense system behind the value-added-trade analyses: A, B,
 * the local inverses, value-added coefficients, final demand by destination
 * and exports by destination; and the labels of their result tables.
 */
#include "va_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void flow_i_va_system_free(flow_i_va_system *s)
{
    free(s->a);
    free(s->b);
    free(s->local);
    free(s->vc);
    free(s->y);
    free(s->eint);
    free(s->e);
    free(s->etot);
    free(s->ydom);
    free(s->yexp);
    memset(s, 0, sizeof *s);
}

/* Final demand summed by owning region; every column must have an owner. */
static int final_demand_by_destination(flow_i_va_system *s, const flow_io_model *m)
{
    int64_t k = flow_i_io_final_demand_count(m), G = s->regions;
    const double *y = flow_i_io_final_demand(m);
    for (int64_t c = 0; c < k; c++) {
        int64_t owner = flow_i_io_final_demand_region(m, c);
        if (owner < 0)
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "final-demand column %lld (\"%s\") belongs to no region: value "
                               "added in trade needs the destination of every final use",
                               (long long)c, flow_i_io_final_demand_label(m, c));
        for (int64_t i = 0; i < s->n; i++)
            s->y[i * G + owner] += y[i * k + c];
    }
    return FLOW_OK;
}

static void exports_by_destination(flow_i_va_system *s, const flow_io_model *m)
{
    int64_t n = s->n, G = s->regions;
    const double *z = flow_i_io_intermediate(m);
    for (int64_t i = 0; i < n; i++) {
        int64_t own = flow_i_va_region(s, i);
        for (int64_t j = 0; j < n; j++)
            s->eint[i * G + flow_i_va_region(s, j)] += z[i * n + j];
        s->eint[i * G + own] = 0.0;
        s->ydom[i] = s->y[i * G + own];
        for (int64_t r = 0; r < G; r++) {
            s->e[i * G + r] = r == own ? 0.0 : s->eint[i * G + r] + s->y[i * G + r];
            s->etot[i] += s->e[i * G + r];
            s->yexp[i] += r == own ? 0.0 : s->y[i * G + r];
        }
    }
}

/* L_rr = (I - A_rr)^-1 for every region, inverted in place. */
static int local_inverses(flow_i_va_system *s, const flow_io_model *m)
{
    int64_t n = s->n, N = s->sectors;
    for (int64_t r = 0; r < s->regions; r++) {
        double *l = s->local + r * N * N;
        for (int64_t p = 0; p < N; p++)
            for (int64_t q = 0; q < N; q++)
                l[p * N + q] = (p == q) - s->a[(r * N + p) * n + r * N + q];
        int rc = flow_i_invert_in_place(l, N, N);
        if (rc != FLOW_OK) {
            char name[128];
            flow_i_va_region_name(m, r, name, sizeof name);
            return flow_i_fail(rc, "the domestic system (I - A_rr) of region %s: %s", name,
                               flow_last_error());
        }
    }
    return FLOW_OK;
}

int flow_i_va_system_new(flow_i_va_system *s, flow_io_model *m, int with_inverse)
{
    int rc;
    int64_t nn = 0, ng = 0;
    memset(s, 0, sizeof *s);
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    s->n = flow_i_io_order(m);
    s->regions = flow_i_io_region_count(m);
    s->sectors = flow_i_io_sector_count(m);
    if (s->regions < 2)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "value added in trade needs a multi-regional model (%lld region)",
                           (long long)s->regions);
    if ((rc = flow_i_mul_size(s->n, s->n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(s->n, s->regions, &ng)) != FLOW_OK)
        return rc;
    s->a = flow_i_malloc(nn, sizeof *s->a);
    s->b = with_inverse ? flow_i_malloc(nn, sizeof *s->b) : NULL;
    s->local = flow_i_malloc(s->n * s->sectors, sizeof *s->local);
    s->vc = flow_i_malloc(s->n, sizeof *s->vc);
    s->y = flow_i_calloc(ng, sizeof *s->y);
    s->eint = flow_i_calloc(ng, sizeof *s->eint);
    s->e = flow_i_calloc(ng, sizeof *s->e);
    s->etot = flow_i_calloc(s->n, sizeof *s->etot);
    s->ydom = flow_i_calloc(s->n, sizeof *s->ydom);
    s->yexp = flow_i_calloc(s->n, sizeof *s->yexp);
    if (!s->a || (with_inverse && !s->b) || !s->local || !s->vc || !s->y || !s->eint || !s->e ||
        !s->etot || !s->ydom || !s->yexp)
        return FLOW_ERR_NOMEM;
    if ((rc = final_demand_by_destination(s, m)) != FLOW_OK ||
        (rc = flow_i_io_copy_technical(m, s->a, nn, s->n)) != FLOW_OK ||
        (with_inverse && (rc = flow_i_io_leontief_inverse(m, s->b, nn, s->n)) != FLOW_OK) ||
        (rc = local_inverses(s, m)) != FLOW_OK)
        return rc;
    const double *x = flow_i_io_output(m), *v = flow_i_io_value_added(m);
    for (int64_t i = 0; i < s->n; i++)
        s->vc[i] = v[i] * flow_i_io_inverse_output(x[i]);
    exports_by_destination(s, m);
    return FLOW_OK;
}

void flow_i_va_region_name(const flow_io_model *m, int64_t r, char *buf, size_t cap)
{
    const char *code = flow_i_io_region_code(m, r);
    if (code != NULL && code[0] != '\0')
        snprintf(buf, cap, "%s", code);
    else
        snprintf(buf, cap, "region_%lld", (long long)r);
}

void flow_i_va_sector_name(const flow_io_model *m, int64_t s, char *buf, size_t cap)
{
    const char *code = flow_i_io_sector_code(m, s);
    if (code != NULL && code[0] != '\0')
        snprintf(buf, cap, "%s", code);
    else
        snprintf(buf, cap, "sector_%lld", (long long)s);
}

int flow_i_va_name_columns(flow_table *t, const char *const *names, int64_t cols)
{
    for (int64_t c = 0; c < cols; c++) {
        int rc = flow_table_set_col_label(t, c, names[c], NULL);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_i_va_label_nodes(flow_table *t, const flow_io_model *m)
{
    int64_t N = flow_i_io_sector_count(m), n = flow_i_io_order(m);
    char region[128], sector[128];
    for (int64_t i = 0; i < n; i++) {
        flow_i_va_region_name(m, i / N, region, sizeof region);
        flow_i_va_sector_name(m, i % N, sector, sizeof sector);
        int rc = flow_table_set_row_label(t, i, sector, region);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_i_va_label_regions(flow_table *t, const flow_io_model *m)
{
    char region[128];
    for (int64_t r = 0; r < flow_i_io_region_count(m); r++) {
        flow_i_va_region_name(m, r, region, sizeof region);
        int rc = flow_table_set_row_label(t, r, region, NULL);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}
