/*
 * shock_lens.c - lenses 1-3 of one scenario (demand, supply, inoperability)
 * and the result handle of flow_shock_run.
 *
 * With phi the lost shares, the direct demand loss is d = dA x + dy (sales
 * lost at baseline activity) and the total dx = (I - A~)^-1 d, since
 * x - x~ = A~ (x - x~) + (A - A~) x + (y - y~). The Ghosh loss solves
 * (I - B~)' dx = d_s with d_s,j = sum_i phi_ij z_ij; because
 * I - B~ = x^-1 (I - A~) x, that is (I - A~)' (dx / x) = c with
 * c_j = sum_i dA_ij: the same factorisation, transposed. The inoperability
 * q = (I - A*)^-1 c* with A* = x^-1 A~ x and c* = d / x equals dx / x.
 */
#include "shock_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct flow_shock_result {
    flow_i_shock_frame frame;
    flow_i_shock_lens lens;
    flow_i_shock_cut cut;
    int solver;
    int64_t rank, n_sanctioning, n_target, skipped;
};

int flow_i_shock_lens_alloc(flow_i_shock_lens *lens, int64_t n)
{
    lens->d = flow_i_calloc(n, sizeof *lens->d);
    lens->dx = flow_i_calloc(n, sizeof *lens->dx);
    lens->ds = flow_i_calloc(n, sizeof *lens->ds);
    lens->dxs = flow_i_calloc(n, sizeof *lens->dxs);
    if (!lens->d || !lens->dx || !lens->ds || !lens->dxs) {
        flow_i_shock_lens_clear(lens);
        return FLOW_ERR_NOMEM;
    }
    return FLOW_OK;
}

void flow_i_shock_lens_clear(flow_i_shock_lens *lens)
{
    free(lens->d);
    free(lens->dx);
    free(lens->ds);
    free(lens->dxs);
    memset(lens, 0, sizeof *lens);
}

void flow_i_shock_direct(const flow_i_shock_system *sys, const flow_i_shock_cut *cut, double *d,
                         double *ds)
{
    const flow_i_shock_frame *f = &sys->frame;
    int64_t n = f->n, nr = f->regions;
    if (ds != NULL)
        for (int64_t j = 0; j < n; j++)
            ds[j] = 0.0;
    for (int64_t i = 0; i < n; i++) {
        int64_t s = f->region_of[i], p0 = cut->first_pair[s], p1 = cut->first_pair[s + 1];
        double lost = 0.0;
        if (p0 < p1 && cut->cut_a && cut->phi != NULL) {
            const double *phi = cut->phi + s * nr;
            for (int64_t j = 0; j < n; j++) {
                double da = flow_i_shock_a(sys, i, j) * phi[f->region_of[j]];
                lost += da * f->x[j];
                if (ds != NULL)
                    ds[j] += da;
            }
        }
        if (cut->cut_y)
            for (int64_t p = p0; p < p1; p++)
                lost += sys->yr[i * nr + cut->pair_destination[p]] * cut->pair_phi[p];
        d[i] = lost;
    }
}

int flow_i_shock_lenses(flow_i_shock_lens *lens, const flow_i_shock_system *sys,
                        const flow_i_shock_cut *cut, const flow_i_shock_solver *solver)
{
    int64_t n = sys->frame.n;
    int rc;
    flow_i_shock_direct(sys, cut, lens->d, lens->ds);
    memcpy(lens->dx, lens->d, (size_t)n * sizeof *lens->dx);
    memcpy(lens->dxs, lens->ds, (size_t)n * sizeof *lens->dxs);
    if ((rc = flow_i_shock_solver_solve(solver, 0, lens->dx, 1)) != FLOW_OK ||
        (rc = flow_i_shock_solver_solve(solver, 1, lens->dxs, 1)) != FLOW_OK)
        return rc;
    /* Back from "per unit of output" to volumes. */
    for (int64_t j = 0; j < n; j++) {
        lens->ds[j] *= sys->frame.x[j];
        lens->dxs[j] *= sys->frame.x[j];
    }
    return FLOW_OK;
}

/* ------------------------------------------------------------ quantities */

static double ratio(double num, double den)
{
    return den != 0.0 ? num / den : 0.0;
}

static double clip01(double q)
{
    return q < 0.0 ? 0.0 : (q > 1.0 ? 1.0 : q);
}

/* Node value of a node-level quantity; ds/dxs may be NULL (no cut of A). */
static double node_value(const flow_i_shock_frame *f, const flow_i_shock_lens *l,
                         const flow_i_shock_cut *cut, int quantity, int64_t i)
{
    double x = f->x[i], ds = l->ds ? l->ds[i] : 0.0, dxs = l->dxs ? l->dxs[i] : 0.0;
    (void)cut;
    switch (quantity) {
        case FLOW_SHOCK_OUTPUT:
            return x;
        case FLOW_SHOCK_DEMAND_TOTAL:
            return l->dx[i];
        case FLOW_SHOCK_DEMAND_DIRECT:
            return l->d[i];
        case FLOW_SHOCK_DEMAND_INDIRECT:
            return l->dx[i] - l->d[i];
        case FLOW_SHOCK_SUPPLY_TOTAL:
            return dxs;
        case FLOW_SHOCK_SUPPLY_DIRECT:
            return ds;
        case FLOW_SHOCK_SUPPLY_INDIRECT:
            return dxs - ds;
        case FLOW_SHOCK_INOPERABILITY:
            return clip01(ratio(l->dx[i], x));
        case FLOW_SHOCK_INOPERABILITY_UNCLIPPED:
            return ratio(l->dx[i], x);
        case FLOW_SHOCK_INOPERABILITY_LOSS:
            return x * clip01(ratio(l->dx[i], x));
        default:
            return NAN;
    }
}

static int known_quantity(int q)
{
    return q >= FLOW_SHOCK_OUTPUT && q <= FLOW_SHOCK_MARKUP_COST;
}

/* The cut and rerouting accounts are kept per region, so they exist per region only. */
int flow_i_shock_node_values(const flow_i_shock_frame *f, const flow_i_shock_lens *l,
                             const flow_i_shock_cut *cut, int quantity, double *dst,
                             int64_t dst_len)
{
    if (!known_quantity(quantity) || quantity >= FLOW_SHOCK_CUT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "quantity %d is not available per node (region-level quantities are "
                           "%d to %d)",
                           quantity, FLOW_SHOCK_CUT, FLOW_SHOCK_MARKUP_COST);
    int rc = flow_i_check_out_matrix(dst, dst_len, f->n, 1, f->n);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < f->n; i++)
        dst[i] = node_value(f, l, cut, quantity, i);
    return FLOW_OK;
}

static const double *region_account(const flow_i_shock_cut *cut, int quantity)
{
    switch (quantity) {
        case FLOW_SHOCK_CUT:
            return cut->cut_by_origin;
        case FLOW_SHOCK_LOST:
            return cut->lost_by_origin;
        case FLOW_SHOCK_REROUTED_VIA:
            return cut->via;
        case FLOW_SHOCK_TRANSIT_RENT:
            return cut->rent;
        default:
            return cut->markup_cost;
    }
}

int flow_i_shock_region_values(const flow_i_shock_frame *f, const flow_i_shock_lens *l,
                               const flow_i_shock_cut *cut, int quantity, double *dst,
                               int64_t dst_len)
{
    if (!known_quantity(quantity))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown shock quantity %d", quantity);
    int rc = flow_i_check_out_matrix(dst, dst_len, f->regions, 1, f->regions);
    if (rc != FLOW_OK)
        return rc;
    if (quantity >= FLOW_SHOCK_CUT) {
        memcpy(dst, region_account(cut, quantity), (size_t)f->regions * sizeof *dst);
        return FLOW_OK;
    }
    /* Inoperabilities per region are loss / output: sum the losses first. */
    int inop =
        quantity == FLOW_SHOCK_INOPERABILITY || quantity == FLOW_SHOCK_INOPERABILITY_UNCLIPPED;
    int summed = quantity == FLOW_SHOCK_INOPERABILITY             ? FLOW_SHOCK_INOPERABILITY_LOSS
                 : quantity == FLOW_SHOCK_INOPERABILITY_UNCLIPPED ? FLOW_SHOCK_DEMAND_TOTAL
                                                                  : quantity;
    double *output = NULL;
    if (inop && (output = flow_i_calloc(f->regions, sizeof *output)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t r = 0; r < f->regions; r++)
        dst[r] = 0.0;
    for (int64_t i = 0; i < f->n; i++) {
        dst[f->region_of[i]] += node_value(f, l, cut, summed, i);
        if (inop)
            output[f->region_of[i]] += f->x[i];
    }
    if (inop)
        for (int64_t r = 0; r < f->regions; r++)
            dst[r] = ratio(dst[r], output[r]);
    free(output);
    return FLOW_OK;
}

/* ------------------------------------------------------------ one run */

void flow_shock_result_free(flow_shock_result *r)
{
    if (r == NULL)
        return;
    flow_i_shock_frame_clear(&r->frame);
    flow_i_shock_lens_clear(&r->lens);
    flow_i_shock_cut_clear(&r->cut);
    free(r);
}

int flow_shock_run(flow_shock_result **out, flow_io_model *model, const flow_scenario *scenario,
                   const flow_shock_options *options)
{
    flow_i_shock_system sys = {0};
    flow_i_shock_sets sets = {0};
    flow_i_shock_solver solver = {0};
    flow_shock_result *r = NULL;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || model == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_run: NULL argument");
    if (options == NULL)
        options = flow_i_shock_default_options();
    if ((rc = flow_i_shock_system_init(&sys, model)) != FLOW_OK)
        return rc;
    if ((r = flow_i_calloc(1, sizeof *r)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    if ((rc = flow_i_shock_sets_resolve(&sets, scenario, (const char *const *)sys.frame.codes,
                                        sys.frame.regions)) != FLOW_OK ||
        (rc = flow_i_shock_cut_build(&r->cut, &sys, &sets, scenario, options)) != FLOW_OK ||
        (rc = flow_i_shock_solver_init(&solver, &sys, &r->cut, &sets, options->solver)) !=
            FLOW_OK ||
        (rc = flow_i_shock_lens_alloc(&r->lens, sys.frame.n)) != FLOW_OK ||
        (rc = flow_i_shock_lenses(&r->lens, &sys, &r->cut, &solver)) != FLOW_OK ||
        (rc = flow_i_shock_frame_copy(&r->frame, &sys.frame)) != FLOW_OK)
        goto cleanup;
    r->solver = solver.kind;
    r->rank = solver.rank;
    r->n_sanctioning = sets.n_sanctioning;
    r->n_target = sets.n_target;
    r->skipped = sets.skipped;
    *out = r;
    r = NULL;
cleanup:
    flow_i_shock_solver_clear(&solver);
    flow_i_shock_sets_clear(&sets);
    flow_i_shock_system_clear(&sys);
    flow_shock_result_free(r);
    return rc;
}

int64_t flow_shock_result_nodes(const flow_shock_result *r)
{
    return r ? r->frame.n : 0;
}

int64_t flow_shock_result_regions(const flow_shock_result *r)
{
    return r ? r->frame.regions : 0;
}

const char *flow_shock_result_region_code(const flow_shock_result *r, int64_t region)
{
    return (r && region >= 0 && region < r->frame.regions) ? r->frame.codes[region] : NULL;
}

int flow_shock_result_node_values(const flow_shock_result *r, int quantity, double *dst,
                                  int64_t dst_len)
{
    if (r == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_result_node_values: result is NULL");
    return flow_i_shock_node_values(&r->frame, &r->lens, &r->cut, quantity, dst, dst_len);
}

int flow_shock_result_region_values(const flow_shock_result *r, int quantity, double *dst,
                                    int64_t dst_len)
{
    if (r == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_result_region_values: result is NULL");
    return flow_i_shock_region_values(&r->frame, &r->lens, &r->cut, quantity, dst, dst_len);
}

int flow_shock_result_totals(const flow_shock_result *r, double *cut, double *rerouted,
                             double *lost)
{
    if (r == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_result_totals: result is NULL");
    if (cut)
        *cut = r->cut.total_cut;
    if (rerouted)
        *rerouted = r->cut.total_rerouted;
    if (lost)
        *lost = r->cut.total_lost;
    return FLOW_OK;
}

int flow_shock_result_solver(const flow_shock_result *r, int *solver, int64_t *rank)
{
    if (r == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_result_solver: result is NULL");
    if (solver)
        *solver = r->solver;
    if (rank)
        *rank = r->rank;
    return FLOW_OK;
}

int flow_shock_result_sets(const flow_shock_result *r, int64_t *sanctioning, int64_t *target,
                           int64_t *skipped)
{
    if (r == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_result_sets: result is NULL");
    if (sanctioning)
        *sanctioning = r->n_sanctioning;
    if (target)
        *target = r->n_target;
    if (skipped)
        *skipped = r->skipped;
    return FLOW_OK;
}

/* ------------------------------------------------------------ explicit IIM */

int flow_shock_inoperability(double *q_out, int64_t q_len, int64_t n, const double *astar,
                             int64_t astar_stride, const double *cstar, int clip)
{
    int64_t nn = 0;
    flow_i_lu *lu = NULL;
    if (astar == NULL || cstar == NULL || n < 0 || astar_stride < n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_inoperability: NULL input, negative n or stride < n");
    int rc = flow_i_check_out_matrix(q_out, q_len, n, 1, n);
    if (rc != FLOW_OK || (rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    double *m = flow_i_malloc(nn, sizeof *m);
    if (m == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            m[i * n + j] = (i == j ? 1.0 : 0.0) - astar[i * astar_stride + j];
    if ((rc = flow_i_lu_factor(&lu, m, n)) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++)
        q_out[i] = cstar[i];
    rc = flow_i_lu_solve(lu, 0, q_out, 1);
    flow_i_lu_free(lu);
    if (rc == FLOW_OK && clip)
        for (int64_t i = 0; i < n; i++)
            q_out[i] = clip01(q_out[i]);
    return rc;
}
