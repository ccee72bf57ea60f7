/*
 * evasion_calibrate.c - the rerouting model fitted to an observed pair of
 * years by non-negative least squares, and its back-test against the
 * uncalibrated model, with bootstrap bands (method in
 * include/libflow/evasion.h).
 *
 * Observations, all in the layer's unit:
 *  - out-leg (when the panel has intermediary -> target flows), per
 *    product k and h: the rise of X(h -> T, k) = theta_h sum_s cut(s, k) +
 *    g_out X0(h -> T, k);
 *  - otherwise the in-leg, per source s, product k, intermediary h: the rise
 *    of X(s -> h, k) = theta_h cut(s, k) + g_in X0(s -> h, k).
 * cut(s, k) = max(0, -dX(s -> T, k)). theta_h >= 0 is h's share of the cut;
 * g_in and g_out are growth rates common to all intermediaries (the trend
 * rerouting is told apart from), free in sign, so each enters as two
 * non-negative columns. The stacked design has columns theta_1..theta_H,
 * g_in+, g_in-, g_out+, g_out-; rho = sum theta_h.
 * Resampling and hold-out units are products (five or more) or sources.
 */
#include "evasion_internal.h"
#include "linalg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { LEG_IN, LEG_OUT };
enum { EXTRA = 4 }; /* growth columns */

typedef struct obs {
    int leg;
    int64_t b, unit;
    double x[2];   /* regressor: the cut (in-leg) or the summed cut (out-leg), fit and test */
    double base;   /* X0 of the flow, for the growth term */
    double y[2];   /* observed rise, y0 -> y1 and y0 -> y2 (NaN without y2) */
    double unc[2]; /* uncalibrated prediction (rho .7 by path intensity), both periods */
} obs;

typedef struct model {
    const flow_i_panel *p;
    obs *o;
    int64_t count, cap, units, cols;
    int out_leg, by_product;
} model;

static int push(model *m, const obs *x)
{
    if (m->count == m->cap) {
        int64_t cap = m->cap ? 2 * m->cap : 256;
        obs *grown = flow_i_malloc(cap, sizeof *grown);
        if (grown == NULL)
            return FLOW_ERR_NOMEM;
        if (m->count > 0)
            memcpy(grown, m->o, (size_t)m->count * sizeof *grown);
        free(m->o);
        m->o = grown;
        m->cap = cap;
    }
    m->o[m->count++] = *x;
    return FLOW_OK;
}

static double cut_of(const flow_i_panel *p, int64_t k, int64_t s, int later)
{
    if (later == PANEL_V2 && !p->has_y2)
        return NAN;
    return fmax(0.0, flow_i_panel_sum(p, k, PANEL_V0, &s, 1, p->targets, p->ntargets) -
                         flow_i_panel_sum(p, k, later, &s, 1, p->targets, p->ntargets));
}

static double rise(const flow_i_panel *p, int64_t k, int later, const int64_t *from, int64_t nfrom,
                   const int64_t *to, int64_t nto)
{
    if (later == PANEL_V2 && !p->has_y2)
        return NAN;
    return flow_i_panel_sum(p, k, later, from, nfrom, to, nto) -
           flow_i_panel_sum(p, k, PANEL_V0, from, nfrom, to, nto);
}

/* Uncalibrated route weight of hub b for source s and product k (y0 path intensity). */
static double path_weight(const model *m, int64_t s, int64_t k, int64_t b)
{
    const flow_i_panel *p = m->p;
    int64_t h = p->hubs[b];
    double in = flow_i_panel_flow(p, k, PANEL_V0, s, h);
    return m->out_leg ? in * flow_i_panel_sum(p, k, PANEL_V0, &h, 1, p->targets, p->ntargets) : in;
}

/* The uncalibrated model's share of s's cut of product k that goes through hub b. */
static double path_share(const model *m, int64_t s, int64_t k, int64_t b)
{
    double sum = 0.0;
    for (int64_t j = 0; j < m->p->nhubs; j++)
        sum += path_weight(m, s, k, j);
    return sum > 0.0 ? 0.7 * path_weight(m, s, k, b) / sum : 0.0;
}

static int has_out_flows(const flow_i_panel *p)
{
    for (int64_t k = 0; k < p->nproducts; k++)
        if (flow_i_panel_sum(p, k, PANEL_V0, p->hubs, p->nhubs, p->targets, p->ntargets) > 0.0)
            return 1;
    return 0;
}

static int in_leg_rows(model *m)
{
    const flow_i_panel *p = m->p;
    int rc = FLOW_OK;
    for (int64_t a = 0; rc == FLOW_OK && a < p->nsources; a++)
        for (int64_t k = 0; rc == FLOW_OK && k < p->nproducts; k++) {
            int64_t s = p->sources[a];
            double c1 = cut_of(p, k, s, PANEL_V1), c2 = cut_of(p, k, s, PANEL_V2);
            for (int64_t b = 0; rc == FLOW_OK && b < p->nhubs; b++) {
                int64_t h = p->hubs[b];
                double base = flow_i_panel_flow(p, k, PANEL_V0, s, h),
                       share = path_share(m, s, k, b);
                if (base == 0.0 && c1 == 0.0 && flow_i_panel_flow(p, k, PANEL_V1, s, h) == 0.0)
                    continue; /* no trade on this leg in either year: no information */
                obs x = {LEG_IN,
                         b,
                         m->by_product ? k : a,
                         {c1, c2},
                         base,
                         {rise(p, k, PANEL_V1, &s, 1, &h, 1), rise(p, k, PANEL_V2, &s, 1, &h, 1)},
                         {share * c1, share * c2}};
                rc = push(m, &x);
            }
        }
    return rc;
}

static int out_leg_rows(model *m)
{
    const flow_i_panel *p = m->p;
    int rc = FLOW_OK;
    for (int64_t k = 0; rc == FLOW_OK && k < p->nproducts; k++)
        for (int64_t b = 0; rc == FLOW_OK && b < p->nhubs; b++) {
            int64_t h = p->hubs[b];
            obs x = {LEG_OUT, b, k, {0, 0}, 0, {0, 0}, {0, 0}};
            x.base = flow_i_panel_sum(p, k, PANEL_V0, &h, 1, p->targets, p->ntargets);
            for (int64_t a = 0; a < p->nsources; a++) {
                int64_t s = p->sources[a];
                double share = path_share(m, s, k, b);
                for (int t = 0; t < 2; t++) {
                    double c = cut_of(p, k, s, t == 0 ? PANEL_V1 : PANEL_V2);
                    x.x[t] += c;
                    x.unc[t] += share * c;
                }
            }
            x.y[0] = rise(p, k, PANEL_V1, &h, 1, p->targets, p->ntargets);
            x.y[1] = rise(p, k, PANEL_V2, &h, 1, p->targets, p->ntargets);
            if (x.base == 0.0 && x.x[0] == 0.0 && x.y[0] == 0.0)
                continue;
            rc = push(m, &x);
        }
    return rc;
}

static double predict(const model *m, const double *theta, const obs *x, int period)
{
    int64_t nh = m->p->nhubs, g = nh + (x->leg == LEG_IN ? 0 : 2);
    return theta[x->b] * x->x[period] + (theta[g] - theta[g + 1]) * x->base;
}

/*
 * NNLS on the observations whose unit is drawn (weight[u] times; NULL: every
 * unit once). Out-leg rows of a unit that is a source are always kept.
 */
static int fit(const model *m, const int64_t *weight, double *theta)
{
    int64_t nh = m->p->nhubs, rows = 0, size = 0;
    for (int64_t i = 0; i < m->count; i++)
        rows +=
            weight == NULL || (m->o[i].leg == LEG_OUT && !m->by_product) ? 1 : weight[m->o[i].unit];
    if (rows == 0) {
        for (int64_t j = 0; j < m->cols; j++)
            theta[j] = 0.0;
        return FLOW_OK;
    }
    int rc = flow_i_mul_size(rows, m->cols, &size);
    if (rc != FLOW_OK)
        return rc;
    double *a = flow_i_calloc(size, sizeof *a), *y = flow_i_malloc(rows, sizeof *y);
    if (a == NULL || y == NULL) {
        free(a);
        free(y);
        return FLOW_ERR_NOMEM;
    }
    int64_t r = 0;
    for (int64_t i = 0; i < m->count; i++) {
        const obs *x = &m->o[i];
        int64_t times =
            weight == NULL || (x->leg == LEG_OUT && !m->by_product) ? 1 : weight[x->unit];
        int64_t g = nh + (x->leg == LEG_IN ? 0 : 2);
        for (int64_t t = 0; t < times; t++, r++) {
            a[x->b * rows + r] = x->x[0]; /* column-major */
            a[g * rows + r] = x->base;
            a[(g + 1) * rows + r] = -x->base;
            y[r] = x->y[0];
        }
    }
    rc = flow_i_nnls(a, rows, m->cols, y, theta);
    free(a);
    free(y);
    return rc;
}

/* Fit statistics on period 0: R^2 and RMSE. */
static void fit_stats(const model *m, const double *theta, double *r2, double *rmse)
{
    double mean = 0.0, ss = 0.0, tot = 0.0;
    for (int64_t i = 0; i < m->count; i++)
        mean += m->o[i].y[0] / (double)m->count;
    for (int64_t i = 0; i < m->count; i++) {
        double e = m->o[i].y[0] - predict(m, theta, &m->o[i], 0);
        ss += e * e;
        tot += (m->o[i].y[0] - mean) * (m->o[i].y[0] - mean);
    }
    *r2 = tot > 0.0 ? 1.0 - ss / tot : NAN;
    *rmse = sqrt(ss / (double)m->count);
}

/*
 * Out-of-sample predictions: with y2, the fit of y0 -> y1 predicts y0 -> y2
 * (period 1); without, each unit is predicted (period 0) by the fit on the
 * other units (leave one out). pred gets the calibrated prediction of every
 * observation; returns FLOW_OK or an error.
 */
static int out_of_sample(const model *m, const double *theta, double *pred)
{
    if (m->p->has_y2) {
        for (int64_t i = 0; i < m->count; i++)
            pred[i] = predict(m, theta, &m->o[i], 1);
        return FLOW_OK;
    }
    int rc = FLOW_OK;
    int64_t *weight = flow_i_malloc(m->units, sizeof *weight);
    double *held = flow_i_malloc(m->cols, sizeof *held);
    if (weight == NULL || held == NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t u = 0; rc == FLOW_OK && u < m->units; u++) {
        for (int64_t v = 0; v < m->units; v++)
            weight[v] = v != u;
        if ((rc = fit(m, weight, held)) != FLOW_OK)
            break;
        for (int64_t i = 0; i < m->count; i++)
            if (m->o[i].unit == u && (m->by_product || m->o[i].leg == LEG_IN))
                pred[i] = predict(m, held, &m->o[i], 0);
    }
    /* Out-leg rows when units are sources: predicted by the full fit (not held out). */
    for (int64_t i = 0; rc == FLOW_OK && !m->by_product && i < m->count; i++)
        if (m->o[i].leg == LEG_OUT)
            pred[i] = predict(m, theta, &m->o[i], 0);
    free(weight);
    free(held);
    return rc;
}

/* RMSE of pred (or of the uncalibrated model when pred is NULL) against the test period. */
static double rmse_of(const model *m, const double *pred)
{
    int period = m->p->has_y2 ? 1 : 0;
    double ss = 0.0;
    for (int64_t i = 0; i < m->count; i++) {
        double e = m->o[i].y[period] - (pred ? pred[i] : m->o[i].unc[period]);
        ss += e * e;
    }
    return sqrt(ss / (double)m->count);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of v (n values; sorted in place), linear between order statistics. */
static double quantile(double *v, int64_t n, double q)
{
    if (n == 0)
        return NAN;
    qsort(v, (size_t)n, sizeof *v, compare_doubles);
    double at = q * (double)(n - 1);
    int64_t i = (int64_t)at;
    return i + 1 < n ? v[i] + (at - (double)i) * (v[i + 1] - v[i]) : v[i];
}

/* A 64-bit linear congruential step (Knuth's MMIX constants): reproducible draws. */
static uint64_t next_random(uint64_t *state)
{
    *state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return *state >> 11;
}

/*
 * Bootstrap over units: per draw the thetas, rho and the out-of-sample RMSE
 * with y2 (NaN otherwise); bands[2j], bands[2j+1] the 5 % and 95 % quantiles.
 */
static int bootstrap(const model *m, int64_t draws, uint64_t seed, double *bands)
{
    int64_t nh = m->p->nhubs, per = nh + 2, size = 0;
    int rc = flow_i_mul_size(draws, per, &size);
    if (rc != FLOW_OK)
        return rc;
    double *values = flow_i_malloc(size, sizeof *values),
           *column = flow_i_malloc(draws, sizeof *column);
    double *theta = flow_i_malloc(m->cols, sizeof *theta),
           *pred = flow_i_malloc(m->count, sizeof *pred);
    int64_t *weight = flow_i_malloc(m->units, sizeof *weight);
    if (!values || !column || !theta || !pred || !weight) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t d = 0; d < draws && rc == FLOW_OK; d++) {
        memset(weight, 0, (size_t)m->units * sizeof *weight);
        for (int64_t u = 0; u < m->units; u++)
            weight[next_random(&seed) % (uint64_t)m->units]++;
        if ((rc = fit(m, weight, theta)) != FLOW_OK)
            break;
        double rho = 0.0;
        for (int64_t b = 0; b < nh; b++) {
            values[d * per + b] = theta[b];
            rho += theta[b];
        }
        values[d * per + nh] = rho;
        values[d * per + nh + 1] = NAN;
        if (m->p->has_y2) {
            for (int64_t i = 0; i < m->count; i++)
                pred[i] = predict(m, theta, &m->o[i], 1);
            values[d * per + nh + 1] = rmse_of(m, pred);
        }
    }
    for (int64_t j = 0; rc == FLOW_OK && j < per; j++) {
        for (int64_t d = 0; d < draws; d++)
            column[d] = values[d * per + j];
        bands[2 * j] = quantile(column, draws, 0.05);
        bands[2 * j + 1] = quantile(column, draws, 0.95);
    }
cleanup:
    free(values);
    free(column);
    free(theta);
    free(pred);
    free(weight);
    return rc;
}

static int write_table(flow_table **out, const model *m, const double *theta, const double *bands,
                       const double *pred)
{
    static const char *const names[] = {"theta",     "theta_lo", "theta_hi",    "weight",
                                        "predicted", "observed", "uncalibrated"};
    const flow_i_panel *p = m->p;
    int64_t nh = p->nhubs;
    int period = p->has_y2 ? 1 : 0, leg = m->out_leg ? LEG_OUT : LEG_IN;
    int rc = flow_table_new(out, nh + 3, 7, NULL, 7);
    for (int64_t j = 0; rc == FLOW_OK && j < 7; j++)
        rc = flow_table_set_col_label(*out, j, names[j], NULL);
    for (int64_t i = 0; rc == FLOW_OK && i < nh + 3; i++)
        for (int64_t j = 0; j < 7; j++)
            flow_table_set(*out, i, j, NAN);
    double rho = 0.0, r2 = NAN, rmse_in = NAN;
    for (int64_t b = 0; b < nh; b++)
        rho += theta[b];
    fit_stats(m, theta, &r2, &rmse_in);
    for (int64_t b = 0; rc == FLOW_OK && b < nh; b++) {
        double v[7] = {
            theta[b], bands[2 * b], bands[2 * b + 1], rho > 0.0 ? theta[b] / rho : NAN, 0, 0, 0};
        for (int64_t i = 0; i < m->count; i++)
            if (m->o[i].b == b && m->o[i].leg == leg) {
                v[4] += pred[i];
                v[5] += m->o[i].y[period];
                v[6] += m->o[i].unc[period];
            }
        for (int j = 0; j < 7; j++)
            flow_table_set(*out, b, j, v[j]);
        rc = flow_table_set_row_label(*out, b, flow_i_panel_code(p, p->hubs[b]), NULL);
    }
    double rows[3][7] = {{rho, bands[2 * nh], bands[2 * nh + 1], NAN, NAN, NAN, NAN},
                         {r2, NAN, NAN, NAN, rmse_in, (double)m->count, NAN},
                         {NAN, bands[2 * nh + 2], bands[2 * nh + 3], p->has_y2 ? 0.0 : 1.0,
                          rmse_of(m, pred), (double)m->count, rmse_of(m, NULL)}};
    static const char *const labels[3] = {"rho", "fit", "backtest"};
    for (int r = 0; rc == FLOW_OK && r < 3; r++) {
        for (int j = 0; j < 7; j++)
            flow_table_set(*out, nh + r, j, rows[r][j]);
        rc = flow_table_set_row_label(*out, nh + r, labels[r], NULL);
    }
    return rc;
}

static int build(model *m, const flow_i_panel *p)
{
    memset(m, 0, sizeof *m);
    m->p = p;
    m->out_leg = has_out_flows(p);
    m->by_product = p->nproducts >= 5;
    m->units = m->by_product ? p->nproducts : p->nsources;
    m->cols = p->nhubs + EXTRA;
    /*
     * Rerouting shows in what h sells on to T; h's purchases from S also feed
     * its own demand. The in-leg stands in only when no h -> T flow is seen.
     */
    int rc = m->out_leg ? out_leg_rows(m) : in_leg_rows(m);
    if (rc == FLOW_OK && (m->count == 0 || p->nhubs == 0))
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND,
                         "evasion: no trade between the sources and the intermediaries in %lld "
                         "or %lld",
                         (long long)p->o->y0, (long long)p->o->y1);
    return rc;
}

int flow_evasion_calibrate(flow_table **out, const flow_dataset *panel,
                           const flow_evasion_options *options)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_calibrate: out is NULL");
    *out = NULL;
    flow_i_panel p;
    model m = {0};
    double *theta = NULL, *bands = NULL, *pred = NULL;
    int rc = flow_i_panel_open(&p, panel, options);
    if (rc != FLOW_OK)
        return rc;
    if ((rc = build(&m, &p)) != FLOW_OK)
        goto cleanup;
    theta = flow_i_malloc(m.cols, sizeof *theta);
    bands = flow_i_malloc(2 * (p.nhubs + 2), sizeof *bands);
    pred = flow_i_malloc(m.count, sizeof *pred);
    if (!theta || !bands || !pred) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t j = 0; j < 2 * (p.nhubs + 2); j++)
        bands[j] = NAN;
    if ((rc = fit(&m, NULL, theta)) != FLOW_OK || (rc = out_of_sample(&m, theta, pred)) != FLOW_OK)
        goto cleanup;
    if (options->draws > 0 &&
        (rc = bootstrap(&m, options->draws, (uint64_t)options->seed, bands)) != FLOW_OK)
        goto cleanup;
    rc = write_table(out, &m, theta, bands, pred);
cleanup:
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    free(m.o);
    free(theta);
    free(bands);
    free(pred);
    flow_i_panel_close(&p);
    return rc;
}

int flow_evasion_scenario(flow_scenario *scenario, const flow_table *calibration, const char *layer)
{
    int64_t rho_row = -1, theta_col = -1, weight_col = -1;
    if (scenario == NULL || calibration == NULL ||
        flow_table_find_row(calibration, "rho", NULL, &rho_row) != FLOW_OK ||
        flow_table_find_col(calibration, "theta", NULL, &theta_col) != FLOW_OK ||
        flow_table_find_col(calibration, "weight", NULL, &weight_col) != FLOW_OK)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_evasion_scenario: needs a scenario and a calibration table");
    const double *v = flow_table_values(calibration);
    int64_t cols = flow_table_cols(calibration);
    double rho = v[rho_row * cols + theta_col];
    int rc = flow_scenario_set_substitution(scenario, layer, "*", fmin(1.0, fmax(0.0, rho)));
    for (int64_t i = 0; rc == FLOW_OK && i < rho_row; i++) {
        double w = v[i * cols + weight_col];
        if (w > 0.0)
            rc = flow_scenario_set_weight(scenario, flow_table_row_label(calibration, i), w);
    }
    return rc;
}
