/*
 * evasion_diagnostics.c - what a panel says about rerouting between two
 * years: observed substitution, co-movement of the two legs, mirror gaps
 * and goods lost in transit, unit-value jumps, and the ranked suspects
 * (formulas and references in include/libflow/evasion.h).
 */
#include "evasion_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new rows x cols table of NaN with the given column names. */
static int table_with_columns(flow_table **out, int64_t rows, const char *const *names,
                              int64_t cols)
{
    int rc = flow_table_new(out, rows, cols, NULL, cols);
    for (int64_t j = 0; rc == FLOW_OK && j < cols; j++)
        rc = flow_table_set_col_label(*out, j, names[j], NULL);
    for (int64_t i = 0; rc == FLOW_OK && i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            flow_table_set(*out, i, j, NAN);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

static void set_row(flow_table *t, int64_t row, const double *values, int64_t cols)
{
    for (int64_t j = 0; j < cols; j++)
        flow_table_set(t, row, j, values[j]);
}

static double ratio_or_nan(double num, double den)
{
    return den > 0.0 ? num / den : NAN;
}

/* ---------------------------------------------------------- substitution */

static int substitution(flow_table **out, const flow_i_panel *p)
{
    static const char *const names[] = {
        "target_y0",         "target_y1", "drop", "intermediaries_y0",
        "intermediaries_y1", "rise",      "ratio"};
    enum { COLS = 7 };
    double total[COLS] = {0};
    int rc = table_with_columns(out, p->nproducts + 1, names, COLS);
    for (int64_t k = 0; rc == FLOW_OK && k <= p->nproducts; k++) {
        double v[COLS];
        if (k < p->nproducts) {
            v[0] =
                flow_i_panel_sum(p, k, PANEL_V0, p->sources, p->nsources, p->targets, p->ntargets);
            v[1] =
                flow_i_panel_sum(p, k, PANEL_V1, p->sources, p->nsources, p->targets, p->ntargets);
            v[3] = flow_i_panel_sum(p, k, PANEL_V0, p->sources, p->nsources, p->hubs, p->nhubs);
            v[4] = flow_i_panel_sum(p, k, PANEL_V1, p->sources, p->nsources, p->hubs, p->nhubs);
            for (int j = 0; j < COLS; j++)
                total[j] += (j == 0 || j == 1 || j == 3 || j == 4) ? v[j] : 0.0;
        } else {
            memcpy(v, total, sizeof v);
        }
        v[2] = v[0] - v[1];
        v[5] = v[4] - v[3];
        v[6] = ratio_or_nan(v[5], v[2]);
        set_row(*out, k, v, COLS);
        /* A panel without product codes has one unnamed product: "*". */
        const char *label = k == p->nproducts ? "total" : p->products[k][0] ? p->products[k] : "*";
        rc = flow_table_set_row_label(*out, k, label, NULL);
    }
    return rc;
}

/* ----------------------------------------------------------- co-movement */

typedef struct leg_stats {
    double rise_in, rise_out, products, both_rise, correlation;
} leg_stats;

/* Co-movement of h's two legs across products. */
static leg_stats comovement_of(const flow_i_panel *p, int64_t h)
{
    leg_stats st = {0, 0, 0, 0, NAN};
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int64_t k = 0; k < p->nproducts; k++) {
        double in0 = flow_i_panel_sum(p, k, PANEL_V0, p->sources, p->nsources, &h, 1);
        double in1 = flow_i_panel_sum(p, k, PANEL_V1, p->sources, p->nsources, &h, 1);
        double out0 = flow_i_panel_sum(p, k, PANEL_V0, &h, 1, p->targets, p->ntargets);
        double out1 = flow_i_panel_sum(p, k, PANEL_V1, &h, 1, p->targets, p->ntargets);
        if (in0 == 0.0 && in1 == 0.0 && out0 == 0.0 && out1 == 0.0)
            continue;
        double x = in1 - in0, y = out1 - out0;
        st.rise_in += x;
        st.rise_out += y;
        st.products += 1;
        st.both_rise += x > 0.0 && y > 0.0;
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
    }
    double m = st.products;
    if (m >= 3) {
        double vx = sxx - sx * sx / m, vy = syy - sy * sy / m;
        if (vx > 0.0 && vy > 0.0)
            st.correlation = (sxy - sx * sy / m) / sqrt(vx * vy);
    }
    return st;
}

static int label_economy(flow_table *t, int64_t row, const flow_i_panel *p, int64_t e)
{
    return flow_table_set_row_label(t, row, flow_i_panel_code(p, e), NULL);
}

static int comovement(flow_table **out, const flow_i_panel *p)
{
    static const char *const names[] = {"rise_in", "rise_out", "products", "both_rise",
                                        "correlation"};
    int rc = table_with_columns(out, p->nhubs, names, 5);
    for (int64_t i = 0; rc == FLOW_OK && i < p->nhubs; i++) {
        leg_stats st = comovement_of(p, p->hubs[i]);
        double v[5] = {st.rise_in, st.rise_out, st.products, st.both_rise, st.correlation};
        set_row(*out, i, v, 5);
        rc = label_economy(*out, i, p, p->hubs[i]);
    }
    return rc;
}

/* --------------------------------------------------- flows of the routes */

/* One flow origin -> destination of product k, with its values per column. */
typedef struct flow_row {
    int64_t origin, destination, product;
    double v[9];
} flow_row;

typedef struct flow_rows {
    flow_row *items;
    int64_t count, cap;
} flow_rows;

static int rows_push(flow_rows *r, const flow_row *row)
{
    if (r->count == r->cap) {
        int64_t cap = r->cap ? 2 * r->cap : 64;
        flow_row *grown = flow_i_malloc(cap, sizeof *grown);
        if (grown == NULL)
            return FLOW_ERR_NOMEM;
        if (r->count > 0)
            memcpy(grown, r->items, (size_t)r->count * sizeof *grown);
        free(r->items);
        r->items = grown;
        r->cap = cap;
    }
    r->items[r->count++] = *row;
    return FLOW_OK;
}

/*
 * Mirror columns of one flow; 0 when neither report has it in either year,
 * or when in neither year both sides report (the exporter its exports, the
 * importer its imports: flow_i_panel_mirrored). In a year where one side
 * does not report, the ratio, the band test and the loss are NaN: a missing
 * report of a non-reporter is no evidence.
 */
static int mirror_row(const flow_i_panel *p, int64_t k, int64_t o, int64_t d, flow_row *row)
{
    double e0 = flow_i_panel_flow(p, k, PANEL_V0, o, d),
           m0 = flow_i_panel_flow(p, k, PANEL_M0, o, d);
    double e1 = flow_i_panel_flow(p, k, PANEL_V1, o, d),
           m1 = flow_i_panel_flow(p, k, PANEL_M1, o, d);
    int both0 = flow_i_panel_mirrored(p, 0, o, d), both1 = flow_i_panel_mirrored(p, 1, o, d);
    if ((e0 == 0.0 && m0 == 0.0 && e1 == 0.0 && m1 == 0.0) || (!both0 && !both1))
        return 0;
    double lo = p->o->band_lo, hi = p->o->band_hi, r1 = ratio_or_nan(m1, e1);
    double outside = !isnan(r1) ? (double)(r1 < lo || r1 > hi) : (double)(m1 > 0.0);
    *row = (flow_row){o,
                      d,
                      k,
                      {e0, m0, e1, m1, both0 ? ratio_or_nan(m0, e0) : NAN, both1 ? r1 : NAN,
                       both1 ? outside : NAN, both0 ? fmax(0.0, lo * e0 - m0) : NAN,
                       both1 ? fmax(0.0, lo * e1 - m1) : NAN}};
    return 1;
}

/* Unit-value columns of one flow; 0 without values and quantities in both years. */
static int unit_value_row(const flow_i_panel *p, int64_t k, int64_t o, int64_t d, flow_row *row)
{
    double v0 = flow_i_panel_flow(p, k, PANEL_V0, o, d),
           q0 = flow_i_panel_flow(p, k, PANEL_Q0, o, d);
    double v1 = flow_i_panel_flow(p, k, PANEL_V1, o, d),
           q1 = flow_i_panel_flow(p, k, PANEL_Q1, o, d);
    if (!(v0 > 0.0 && q0 > 0.0 && v1 > 0.0 && q1 > 0.0))
        return 0;
    double change = log((v1 / q1) / (v0 / q0));
    *row =
        (flow_row){o, d, k, {v0 / q0, v1 / q1, change, (double)(fabs(change) > log(p->o->jump))}};
    return 1;
}

typedef int (*row_fn)(const flow_i_panel *, int64_t, int64_t, int64_t, flow_row *);

/* Rows of every flow S -> h and h -> T (and S -> T when with_direct) for which fn has one. */
static int route_rows(const flow_i_panel *p, row_fn fn, int with_direct, flow_rows *rows)
{
    int rc = FLOW_OK;
    flow_row row;
    for (int64_t k = 0; rc == FLOW_OK && k < p->nproducts; k++)
        for (int64_t a = 0; rc == FLOW_OK && a < p->nsources; a++) {
            for (int64_t b = 0; rc == FLOW_OK && b < p->nhubs; b++)
                if (fn(p, k, p->sources[a], p->hubs[b], &row))
                    rc = rows_push(rows, &row);
            for (int64_t b = 0; with_direct && rc == FLOW_OK && b < p->ntargets; b++)
                if (fn(p, k, p->sources[a], p->targets[b], &row))
                    rc = rows_push(rows, &row);
        }
    for (int64_t k = 0; rc == FLOW_OK && k < p->nproducts; k++)
        for (int64_t a = 0; rc == FLOW_OK && a < p->nhubs; a++)
            for (int64_t b = 0; rc == FLOW_OK && b < p->ntargets; b++)
                if (fn(p, k, p->hubs[a], p->targets[b], &row))
                    rc = rows_push(rows, &row);
    return rc;
}

static int rows_table(flow_table **out, const flow_i_panel *p, const flow_rows *rows,
                      const char *const *names, int64_t cols)
{
    int rc = table_with_columns(out, rows->count, names, cols);
    for (int64_t i = 0; rc == FLOW_OK && i < rows->count; i++) {
        const flow_row *r = &rows->items[i];
        char label[128];
        snprintf(label, sizeof label, "%s>%s", flow_i_panel_code(p, r->origin),
                 flow_i_panel_code(p, r->destination));
        set_row(*out, i, r->v, cols);
        rc = flow_table_set_row_label(*out, i, label, p->products[r->product]);
    }
    return rc;
}

static int mirror(flow_table **out, const flow_i_panel *p)
{
    static const char *const names[] = {"exporter_y0", "importer_y0", "exporter_y1",
                                        "importer_y1", "ratio_y0",    "ratio_y1",
                                        "outside_y1",  "lost_y0",     "lost_y1"};
    flow_rows rows = {0};
    int rc = p->has_mirror ? route_rows(p, mirror_row, 0, &rows) : FLOW_OK;
    if (rc == FLOW_OK)
        rc = rows_table(out, p, &rows, names, 9);
    free(rows.items);
    return rc;
}

static int unit_values(flow_table **out, const flow_i_panel *p)
{
    static const char *const names[] = {"uv_y0", "uv_y1", "log_change", "jump"};
    flow_rows rows = {0};
    int rc = p->has_quantity ? route_rows(p, unit_value_row, 1, &rows) : FLOW_OK;
    if (rc == FLOW_OK)
        rc = rows_table(out, p, &rows, names, 4);
    free(rows.items);
    return rc;
}

/* --------------------------------------------------------------- suspects */

typedef struct suspect {
    int64_t hub;
    double v[9];
} suspect;

static int by_score(const void *a, const void *b)
{
    const suspect *x = a, *y = b;
    double sx = x->v[8], sy = y->v[8];
    if (isnan(sx) != isnan(sy))
        return isnan(sx) ? 1 : -1;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    return x->v[7] > y->v[7] ? -1 : x->v[7] < y->v[7] ? 1 : (x->hub > y->hub) - (x->hub < y->hub);
}

/* Evidence of h from the mirror and unit-value rows (NaN when the layer is absent). */
static void row_evidence(const flow_i_panel *p, const flow_rows *mirror_rows,
                         const flow_rows *uv_rows, int64_t h, double *lost, double *jumps)
{
    *lost = p->has_mirror ? 0.0 : NAN;
    *jumps = p->has_quantity ? 0.0 : NAN;
    for (int64_t i = 0; i < mirror_rows->count; i++) {
        const flow_row *r = &mirror_rows->items[i];
        if ((r->origin == h || r->destination == h) && !isnan(r->v[7]) && !isnan(r->v[8]))
            *lost += r->v[8] - r->v[7];
    }
    for (int64_t i = 0; i < uv_rows->count; i++) {
        const flow_row *r = &uv_rows->items[i];
        if (r->origin == h || r->destination == h)
            *jumps += r->v[3];
    }
}

static int suspects(flow_table **out, const flow_i_panel *p)
{
    static const char *const names[] = {"rise_in",          "growth_in",   "rise_out",
                                        "share_of_drop",    "correlation", "lost_in_transit",
                                        "unit_value_jumps", "evidence",    "score"};
    flow_rows mirror_rows = {0}, uv_rows = {0};
    suspect *list = flow_i_malloc(p->nhubs > 0 ? p->nhubs : 1, sizeof *list);
    int rc = list ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK && p->has_mirror)
        rc = route_rows(p, mirror_row, 0, &mirror_rows);
    if (rc == FLOW_OK && p->has_quantity)
        rc = route_rows(p, unit_value_row, 1, &uv_rows);
    double drop = 0.0;
    for (int64_t k = 0; k < p->nproducts; k++)
        drop += flow_i_panel_sum(p, k, PANEL_V0, p->sources, p->nsources, p->targets, p->ntargets) -
                flow_i_panel_sum(p, k, PANEL_V1, p->sources, p->nsources, p->targets, p->ntargets);
    for (int64_t i = 0; rc == FLOW_OK && i < p->nhubs; i++) {
        int64_t h = p->hubs[i];
        leg_stats st = comovement_of(p, h);
        double in0 = 0.0, lost, jumps;
        for (int64_t k = 0; k < p->nproducts; k++)
            in0 += flow_i_panel_sum(p, k, PANEL_V0, p->sources, p->nsources, &h, 1);
        row_evidence(p, &mirror_rows, &uv_rows, h, &lost, &jumps);
        double growth = ratio_or_nan(st.rise_in, in0), share = ratio_or_nan(st.rise_in, drop);
        double evidence = (growth > 0.5) + (st.rise_out > 0.0) + (st.correlation > 0.5) +
                          (lost > 0.0) + (jumps > 0.0);
        list[i] = (suspect){
            h,
            {st.rise_in, growth, st.rise_out, share, st.correlation, lost, jumps, evidence, share}};
    }
    if (rc == FLOW_OK) {
        qsort(list, (size_t)p->nhubs, sizeof *list, by_score);
        rc = table_with_columns(out, p->nhubs, names, 9);
    }
    for (int64_t i = 0; rc == FLOW_OK && i < p->nhubs; i++) {
        set_row(*out, i, list[i].v, 9);
        rc = label_economy(*out, i, p, list[i].hub);
    }
    free(list);
    free(mirror_rows.items);
    free(uv_rows.items);
    return rc;
}

int flow_evasion_diagnose(flow_table **out, const flow_dataset *panel,
                          const flow_evasion_options *options, int diagnostic)
{
    static int (*const run[FLOW_EVASION_DIAGNOSTIC_COUNT])(flow_table **, const flow_i_panel *) = {
        substitution, comovement, mirror, unit_values, suspects};
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_diagnose: out is NULL");
    *out = NULL;
    if (diagnostic < 0 || diagnostic >= FLOW_EVASION_DIAGNOSTIC_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_diagnose: diagnostic %d unknown",
                           diagnostic);
    flow_i_panel p;
    int rc = flow_i_panel_open(&p, panel, options);
    if (rc != FLOW_OK)
        return rc;
    rc = run[diagnostic](out, &p);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    flow_i_panel_close(&p);
    return rc;
}
