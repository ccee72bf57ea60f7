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
 * A run writes its results as tables (flow_shock_run).
 */
#include "cut_plan.h"
#include "io_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What one run keeps until it is written into tables. */
typedef struct shock_result {
    flow_i_shock_frame frame;
    flow_i_shock_lens lens;
    flow_i_shock_cut cut;
    int solver;
    int64_t rank, n_sanctioning, n_target, skipped;
} shock_result;

const char *const flow_i_shock_quantity_names[FLOW_SHOCK_QUANTITY_COUNT] = {
    "output",
    "demand_total",
    "demand_direct",
    "demand_indirect",
    "supply_total",
    "supply_direct",
    "supply_indirect",
    "inoperability",
    "inoperability_unclipped",
    "inoperability_loss",
    "cut",
    "lost",
    "rerouted_via",
    "transit_rent",
    "markup_cost",
    "size",
    "distress_initial",
    "distress_final"};

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

/* lost plus node i's final-demand sales lost to the cut pairs of its region. */
static double final_demand_lost(const flow_i_shock_frame *f, const double *yr,
                                const flow_i_shock_cut *cut, int64_t i, double lost)
{
    int64_t s = f->region_of[i], nr = f->regions;
    if (cut->cut_y)
        for (int64_t p = cut->first_pair[s]; p < cut->first_pair[s + 1]; p++)
            lost += yr[i * nr + cut->pair_destination[p]] * cut->pair_phi[p];
    return lost;
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
        d[i] = final_demand_lost(f, sys->yr, cut, i, lost);
    }
}

void flow_i_shock_direct_final(const flow_i_shock_frame *f, const double *yr,
                               const flow_i_shock_cut *cut, double *d)
{
    for (int64_t i = 0; i < f->n; i++)
        d[i] = final_demand_lost(f, yr, cut, i, 0.0);
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

/* ------------------------------------------------------------ tables */

/* Fills column q of a rows x cols table from a vector of rows values. */
static int fill_column(flow_table *t, int64_t cols, int q, const double *v, int64_t rows)
{
    double *values = flow_i_table_values(t);
    for (int64_t r = 0; r < rows; r++)
        values[r * cols + q] = v[r];
    return FLOW_OK;
}

/* A table of one column per quantity [0, count) filled by values(). */
static int quantity_table(flow_table **out, int64_t rows, int count,
                          int (*values)(const flow_i_shock_frame *, const flow_i_shock_lens *,
                                        const flow_i_shock_cut *, int, double *, int64_t),
                          const flow_i_shock_frame *f, const flow_i_shock_lens *l,
                          const flow_i_shock_cut *cut)
{
    double *column = flow_i_malloc(rows, sizeof *column);
    int rc = column ? flow_i_table_new_columns(out, rows, count, flow_i_shock_quantity_names)
                    : FLOW_ERR_NOMEM;
    for (int q = 0; rc == FLOW_OK && q < count; q++)
        if ((rc = values(f, l, cut, q, column, rows)) == FLOW_OK)
            rc = fill_column(*out, count, q, column, rows);
    free(column);
    if (rc != FLOW_OK && *out != NULL) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_i_shock_tables(flow_table **regions, flow_table **nodes, const flow_i_shock_frame *f,
                        const flow_i_shock_lens *l, const flow_i_shock_cut *cut)
{
    *regions = NULL;
    if (nodes != NULL)
        *nodes = NULL;
    int rc = quantity_table(regions, f->regions, FLOW_I_SHOCK_REGION_QUANTITIES,
                            flow_i_shock_region_values, f, l, cut);
    for (int64_t r = 0; rc == FLOW_OK && r < f->regions; r++)
        rc = flow_table_set_row_label(*regions, r, f->codes[r], NULL);
    if (rc == FLOW_OK && nodes != NULL)
        rc = quantity_table(nodes, f->n, FLOW_I_SHOCK_NODE_QUANTITIES, flow_i_shock_node_values, f,
                            l, cut);
    if (rc != FLOW_OK) {
        flow_table_free(*regions);
        *regions = NULL;
    }
    return rc;
}

/* ------------------------------------------------------------ one run */

static void result_clear(shock_result *r)
{
    flow_i_shock_frame_clear(&r->frame);
    flow_i_shock_lens_clear(&r->lens);
    flow_i_shock_cut_clear(&r->cut);
}

/* The run's totals, solver and sets as scalars of the region table. */
static int write_scalars(flow_table *t, const shock_result *r)
{
    const struct {
        const char *name;
        double value;
    } scalars[] = {{"cut", r->cut.total_cut},       {"rerouted", r->cut.total_rerouted},
                   {"lost", r->cut.total_lost},     {"solver", r->solver},
                   {"rank", (double)r->rank},       {"sanctioning", (double)r->n_sanctioning},
                   {"target", (double)r->n_target}, {"skipped", (double)r->skipped}};
    int rc = FLOW_OK;
    for (size_t i = 0; rc == FLOW_OK && i < sizeof scalars / sizeof *scalars; i++)
        rc = flow_table_set_scalar(t, scalars[i].name, scalars[i].value);
    return rc;
}

/* Evaluates the plan's cut on the viewed system into r. */
static int run(shock_result *r, const flow_i_shock_system *sys, const flow_i_cut_plan *plan,
               const int64_t *axis_of, const flow_i_plan_block *block,
               const flow_shock_options *options)
{
    flow_i_shock_sets sets = {0};
    flow_i_shock_solver solver = {0};
    int rc;
    if ((rc = flow_i_cut_plan_sets(&sets, plan, axis_of, sys->frame.regions, -1)) != FLOW_OK)
        goto cleanup;
    /* Capacities are stated in the layer's unit; a priced system counts in money. */
    for (int64_t h = 0; h < sys->frame.regions; h++)
        sets.capacity[h] *= options->capacity_scale;
    if ((rc = flow_i_shock_cut_build(&r->cut, sys, &sets, plan, block, options)) != FLOW_OK ||
        (rc = flow_i_shock_solver_init(&solver, sys, &r->cut, &sets, options->solver)) != FLOW_OK ||
        (rc = flow_i_shock_lens_alloc(&r->lens, sys->frame.n)) != FLOW_OK ||
        (rc = flow_i_shock_lenses(&r->lens, sys, &r->cut, &solver)) != FLOW_OK ||
        (rc = flow_i_shock_frame_copy(&r->frame, &sys->frame)) != FLOW_OK)
        goto cleanup;
    r->solver = solver.kind;
    r->rank = solver.rank;
    r->n_sanctioning = sets.n_sanctioning;
    r->n_target = sets.n_target;
    r->skipped = sets.skipped;
cleanup:
    flow_i_shock_solver_clear(&solver);
    flow_i_shock_sets_clear(&sets);
    return rc;
}

/* The tables of a run on a plan; plan NULL: built from scenario against the model's regions. */
static int run_tables(flow_table **regions, flow_table **nodes, flow_io_model *model,
                      const flow_scenario *scenario, const flow_i_cut_plan *plan,
                      const int64_t *axis_of, const flow_i_plan_block *block,
                      const flow_shock_options *options)
{
    shock_result r = {0};
    flow_i_shock_system sys = {0};
    flow_i_cut_plan own = {0};
    int rc = flow_i_shock_system_init(&sys, model);
    if (rc == FLOW_OK && plan == NULL) {
        rc = flow_i_cut_plan_for_regions(&own, scenario, (const char *const *)sys.frame.codes,
                                         sys.frame.regions, options);
        plan = &own;
        block = own.blocks;
    }
    if (rc == FLOW_OK && (rc = run(&r, &sys, plan, axis_of, block, options)) == FLOW_OK &&
        (rc = flow_i_shock_tables(regions, nodes, &r.frame, &r.lens, &r.cut)) == FLOW_OK &&
        (rc = write_scalars(*regions, &r)) == FLOW_OK && nodes != NULL)
        rc = flow_i_io_label_rows(*nodes, model);
    if (rc != FLOW_OK) {
        flow_table_free(*regions);
        *regions = NULL;
        if (nodes != NULL) {
            flow_table_free(*nodes);
            *nodes = NULL;
        }
    }
    result_clear(&r);
    flow_i_cut_plan_clear(&own);
    flow_i_shock_system_clear(&sys);
    return rc;
}

int flow_i_shock_run_plan(flow_table **regions, flow_table **nodes, flow_io_model *model,
                          const flow_i_cut_plan *plan, const int64_t *axis_of,
                          const flow_i_plan_block *block, const flow_shock_options *o)
{
    *regions = NULL;
    if (nodes != NULL)
        *nodes = NULL;
    return run_tables(regions, nodes, model, NULL, plan, axis_of, block, o);
}

int flow_shock_run(flow_table **regions, flow_table **nodes, flow_io_model *model,
                   const flow_scenario *scenario, const flow_shock_options *options)
{
    if (regions != NULL)
        *regions = NULL;
    if (nodes != NULL)
        *nodes = NULL;
    if (regions == NULL || model == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_run: NULL argument");
    return run_tables(regions, nodes, model, scenario, NULL, NULL, NULL,
                      options ? options : flow_i_shock_default_options());
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
    if (rc != FLOW_OK || (rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_check_in_matrix(astar, n, n, astar_stride, "A*")) != FLOW_OK || n == 0)
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
