/*
 * evasion_calibrate.c - the rerouting model fitted to an observed pair of
 * years by non-negative least squares, and its back-test on a later year
 * against the uncalibrated model, with bootstrap bands (method in
 * include/libflow/evasion.h).
 *
 * Cells are (source s, product k). In cell c the cut is c = max(0,
 * -dX(s -> T, k)) and for each intermediary h the observation is
 * y = dX(s -> h, k) = theta_h c + g X0(s -> h, k): theta_h >= 0 is h's share
 * of the cut, g the growth common to all of s's sales to intermediaries
 * (the trend rerouting must be told apart from; free in sign, so it enters
 * as two non-negative columns g+ and g-). The stacked design has one row per
 * (cell, h) and columns theta_1..theta_H, g+, g-.
 */
#include "evasion_internal.h"
#include "linalg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Per cell: its source, product, and cut in the fit (y0 -> y1) and the test (y0 -> y2). */
typedef struct cell {
    int64_t s, k;
    double cut1, cut2;
} cell;

typedef struct fit {
    double *theta; /* nhubs + 2: thetas, g+, g- */
    double r2, rmse_in;
} fit;

static double cut_of(const flow_i_panel *p, int64_t k, int64_t s, int later)
{
    double x0 = flow_i_panel_sum(p, k, PANEL_V0, &s, 1, p->targets, p->ntargets);
    double x1 = flow_i_panel_sum(p, k, later, &s, 1, p->targets, p->ntargets);
    return fmax(0.0, x0 - x1);
}

/* The cells with any flow between a source and the targets or intermediaries in y0. */
static int cells_build(const flow_i_panel *p, cell **out, int64_t *count)
{
    int64_t max = p->nsources * p->nproducts;
    *out = flow_i_malloc(max > 0 ? max : 1, sizeof **out);
    *count = 0;
    if (*out == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t a = 0; a < p->nsources; a++)
        for (int64_t k = 0; k < p->nproducts; k++) {
            int64_t s = p->sources[a];
            double base = flow_i_panel_sum(p, k, PANEL_V0, &s, 1, p->targets, p->ntargets) +
                          flow_i_panel_sum(p, k, PANEL_V0, &s, 1, p->hubs, p->nhubs);
            if (base > 0.0)
                (*out)[(*count)++] = (cell){s, k, cut_of(p, k, s, PANEL_V1),
                                            p->has_y2 ? cut_of(p, k, s, PANEL_V2) : NAN};
        }
    return FLOW_OK;
}

static double rise(const flow_i_panel *p, const cell *c, int64_t h, int later)
{
    return flow_i_panel_flow(p, c->k, later, c->s, h) -
           flow_i_panel_flow(p, c->k, PANEL_V0, c->s, h);
}

/* Calibrated prediction of dX(s -> h, k) for a cut. */
static double predict(const flow_i_panel *p, const double *theta, const cell *c, int64_t b,
                      double cut)
{
    double base = flow_i_panel_flow(p, c->k, PANEL_V0, c->s, p->hubs[b]);
    return theta[b] * cut + (theta[p->nhubs] - theta[p->nhubs + 1]) * base;
}

/* NNLS on the cells listed in pick (ncells of them, repeats allowed). */
static int fit_cells(const flow_i_panel *p, const cell *cells, const int64_t *pick, int64_t ncells,
                     fit *f)
{
    int64_t nh = p->nhubs, cols = nh + 2, m = ncells * nh, size = 0;
    int rc = flow_i_mul_size(m, cols, &size);
    if (rc != FLOW_OK)
        return rc;
    double *a = flow_i_calloc(size, sizeof *a), *y = flow_i_malloc(m, sizeof *y);
    if (a == NULL || y == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t i = 0; i < ncells; i++) {
        const cell *c = &cells[pick[i]];
        for (int64_t b = 0; b < nh; b++) {
            int64_t row = i * nh + b;
            double base = flow_i_panel_flow(p, c->k, PANEL_V0, c->s, p->hubs[b]);
            a[b * m + row] = c->cut1; /* column-major */
            a[nh * m + row] = base;
            a[(nh + 1) * m + row] = -base;
            y[row] = rise(p, c, p->hubs[b], PANEL_V1);
        }
    }
    if ((rc = flow_i_nnls(a, m, cols, y, f->theta)) != FLOW_OK)
        goto cleanup;
    double ss = 0.0, mean = 0.0, tot = 0.0;
    for (int64_t r = 0; r < m; r++)
        mean += y[r] / (double)m;
    for (int64_t i = 0; i < ncells; i++)
        for (int64_t b = 0; b < nh; b++) {
            double obs = y[i * nh + b],
                   e = obs - predict(p, f->theta, &cells[pick[i]], b, cells[pick[i]].cut1);
            ss += e * e;
            tot += (obs - mean) * (obs - mean);
        }
    f->r2 = tot > 0.0 ? 1.0 - ss / tot : NAN;
    f->rmse_in = sqrt(ss / (double)m);
cleanup:
    free(a);
    free(y);
    return rc;
}

/* Uncalibrated weights of h for a cell: path intensity of y0, else X(s -> h) alone. */
static double path_weight(const flow_i_panel *p, const cell *c, int64_t b, int has_out)
{
    int64_t h = p->hubs[b];
    double in = flow_i_panel_flow(p, c->k, PANEL_V0, c->s, h);
    return has_out ? in * flow_i_panel_sum(p, c->k, PANEL_V0, &h, 1, p->targets, p->ntargets) : in;
}

/* Out-of-sample RMSE over all cells; uncalibrated when theta is NULL (rho 0.7). */
static double test_rmse(const flow_i_panel *p, const cell *cells, int64_t ncells,
                        const double *theta, int has_out, double *by_hub)
{
    double ss = 0.0;
    int64_t nh = p->nhubs;
    for (int64_t i = 0; i < ncells; i++) {
        const cell *c = &cells[i];
        double wsum = 0.0;
        for (int64_t b = 0; theta == NULL && b < nh; b++)
            wsum += path_weight(p, c, b, has_out);
        for (int64_t b = 0; b < nh; b++) {
            double pred =
                theta ? predict(p, theta, c, b, c->cut2)
                      : (wsum > 0.0 ? 0.7 * c->cut2 * path_weight(p, c, b, has_out) / wsum : 0.0);
            double e = rise(p, c, p->hubs[b], PANEL_V2) - pred;
            ss += e * e;
            if (by_hub != NULL)
                by_hub[b] += pred;
        }
    }
    return ncells > 0 && nh > 0 ? sqrt(ss / (double)(ncells * nh)) : NAN;
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

/* A 64-bit linear congruential step (Knuth's MMIX constants): the draws are reproducible. */
static uint64_t next_random(uint64_t *state)
{
    *state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return *state >> 11;
}

/*
 * Bootstrap: draws x (nhubs + 2) values per draw, in order thetas, rho,
 * out-of-sample RMSE; bands[2 * j] and bands[2 * j + 1] the 5 % and 95 %
 * quantiles of column j.
 */
static int bootstrap(const flow_i_panel *p, const cell *cells, int64_t ncells, double *bands)
{
    int64_t nh = p->nhubs, per = nh + 2, draws = p->o->draws, size = 0;
    uint64_t state = (uint64_t)p->o->seed;
    int rc = flow_i_mul_size(draws, per, &size);
    if (rc != FLOW_OK)
        return rc;
    double *values = flow_i_malloc(size > 0 ? size : 1, sizeof *values);
    double *column = flow_i_malloc(draws > 0 ? draws : 1, sizeof *column);
    int64_t *pick = flow_i_malloc(ncells, sizeof *pick);
    fit f = {flow_i_malloc(nh + 2, sizeof(double)), 0, 0};
    if (!values || !column || !pick || !f.theta) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t d = 0; d < draws && rc == FLOW_OK; d++) {
        for (int64_t i = 0; i < ncells; i++)
            pick[i] = (int64_t)(next_random(&state) % (uint64_t)ncells);
        if ((rc = fit_cells(p, cells, pick, ncells, &f)) != FLOW_OK)
            break;
        double rho = 0.0;
        for (int64_t b = 0; b < nh; b++) {
            values[d * per + b] = f.theta[b];
            rho += f.theta[b];
        }
        values[d * per + nh] = rho;
        values[d * per + nh + 1] = p->has_y2 ? test_rmse(p, cells, ncells, f.theta, 0, NULL) : NAN;
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
    free(pick);
    free(f.theta);
    return rc;
}

/* Whether the panel has any intermediary -> target flow in y0 (for the uncalibrated weights). */
static int has_out_flows(const flow_i_panel *p)
{
    for (int64_t k = 0; k < p->nproducts; k++)
        if (flow_i_panel_sum(p, k, PANEL_V0, p->hubs, p->nhubs, p->targets, p->ntargets) > 0.0)
            return 1;
    return 0;
}

static int write_table(flow_table **out, const flow_i_panel *p, const fit *f, const double *bands,
                       const cell *cells, int64_t ncells)
{
    static const char *const names[] = {"theta",     "theta_lo", "theta_hi",    "weight",
                                        "predicted", "observed", "uncalibrated"};
    int64_t nh = p->nhubs;
    int out_flows = has_out_flows(p);
    double *pred = flow_i_calloc(nh, sizeof *pred), *unc = flow_i_calloc(nh, sizeof *unc);
    int rc = pred && unc ? flow_table_new(out, nh + 3, 7, NULL, 7) : FLOW_ERR_NOMEM;
    for (int64_t j = 0; rc == FLOW_OK && j < 7; j++)
        rc = flow_table_set_col_label(*out, j, names[j], NULL);
    for (int64_t i = 0; rc == FLOW_OK && i < nh + 3; i++)
        for (int64_t j = 0; j < 7; j++)
            flow_table_set(*out, i, j, NAN);
    if (rc != FLOW_OK)
        goto cleanup;
    double rho = 0.0, rmse = NAN, rmse_unc = NAN;
    for (int64_t b = 0; b < nh; b++)
        rho += f->theta[b];
    if (p->has_y2) {
        rmse = test_rmse(p, cells, ncells, f->theta, out_flows, pred);
        rmse_unc = test_rmse(p, cells, ncells, NULL, out_flows, unc);
    }
    for (int64_t b = 0; rc == FLOW_OK && b < nh; b++) {
        double observed = 0.0;
        for (int64_t i = 0; p->has_y2 && i < ncells; i++)
            observed += rise(p, &cells[i], p->hubs[b], PANEL_V2);
        double v[7] = {f->theta[b],
                       bands[2 * b],
                       bands[2 * b + 1],
                       rho > 0.0 ? f->theta[b] / rho : NAN,
                       p->has_y2 ? pred[b] : NAN,
                       p->has_y2 ? observed : NAN,
                       p->has_y2 ? unc[b] : NAN};
        for (int j = 0; j < 7; j++)
            flow_table_set(*out, b, j, v[j]);
        rc = flow_table_set_row_label(*out, b, flow_i_panel_code(p, p->hubs[b]), NULL);
    }
    double rows[3][7] = {{rho, bands[2 * nh], bands[2 * nh + 1], NAN, NAN, NAN, NAN},
                         {f->r2, NAN, NAN, NAN, f->rmse_in, (double)(ncells * nh), NAN},
                         {NAN, bands[2 * nh + 2], bands[2 * nh + 3], NAN, rmse,
                          p->has_y2 ? (double)(ncells * nh) : NAN, rmse_unc}};
    static const char *const labels[3] = {"rho", "fit", "backtest"};
    for (int r = 0; rc == FLOW_OK && r < 3; r++) {
        for (int j = 0; j < 7; j++)
            flow_table_set(*out, nh + r, j, rows[r][j]);
        rc = flow_table_set_row_label(*out, nh + r, labels[r], NULL);
    }
cleanup:
    free(pred);
    free(unc);
    return rc;
}

int flow_evasion_calibrate(flow_table **out, const flow_dataset *panel,
                           const flow_evasion_options *options)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_calibrate: out is NULL");
    *out = NULL;
    flow_i_panel p;
    cell *cells = NULL;
    int64_t ncells = 0, *all = NULL;
    double *bands = NULL;
    fit f = {NULL, 0, 0};
    int rc = flow_i_panel_open(&p, panel, options);
    if (rc != FLOW_OK)
        return rc;
    if ((rc = cells_build(&p, &cells, &ncells)) != FLOW_OK)
        goto cleanup;
    if (ncells == 0 || p.nhubs == 0) {
        rc = flow_i_fail(FLOW_ERR_NOT_FOUND,
                         "evasion: no source sells to the targets or intermediaries in %lld",
                         (long long)options->y0);
        goto cleanup;
    }
    all = flow_i_malloc(ncells, sizeof *all);
    f.theta = flow_i_malloc(p.nhubs + 2, sizeof *f.theta);
    bands = flow_i_malloc(2 * (p.nhubs + 2), sizeof *bands);
    if (!all || !f.theta || !bands) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t i = 0; i < ncells; i++)
        all[i] = i;
    for (int64_t j = 0; j < 2 * (p.nhubs + 2); j++)
        bands[j] = NAN;
    if ((rc = fit_cells(&p, cells, all, ncells, &f)) != FLOW_OK)
        goto cleanup;
    if (options->draws > 0 && (rc = bootstrap(&p, cells, ncells, bands)) != FLOW_OK)
        goto cleanup;
    rc = write_table(out, &p, &f, bands, cells, ncells);
cleanup:
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    free(cells);
    free(all);
    free(bands);
    free(f.theta);
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
