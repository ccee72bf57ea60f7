/*
 * shock_batch.c - many scenarios on one model.
 *
 * The model is viewed and factored once. Scenarios that leave A unchanged
 * (cuts of final demand only) differ only in their right-hand side d, so
 * they are all solved together on the model's factorisation: through a basis
 * of their span when it is narrow (Monte-Carlo draws of one cut;
 * shock_lowrank.c), else with one multi-right-hand-side dgetrs (BLAS-3).
 * Scenarios that cut A each get their own solver (Woodbury update of the
 * model's LU, or a new factorisation; see shock_solve.c). The generators
 * below build the usual families of scenarios: each member of S alone, a
 * sweep of rho, Monte-Carlo draws.
 *
 * What a batch keeps of a scenario that leaves A unchanged is its cut (the
 * region accounts and the cut pairs), not its n-vectors: d is rebuilt from
 * the cut pairs and the final demand by buying region when it is asked for
 * (O(n) per scenario), and dx from the basis coefficients (2 n r flops),
 * or, when the span is wide, read from the solved rows, the one case where
 * every scenario's output is kept. 10,000 draws at n = 4000 thus keep about
 * 3 MB of coefficients and basis instead of 640 MB of d and dx.
 */
#include "cut_plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct flow_shock_batch {
    flow_i_shock_frame frame;
    int64_t count;
    double *yr;             /* n x regions final demand by buying region (d is rebuilt from it) */
    flow_i_shock_lens *own; /* count: lens vectors of the scenarios that cut A, else zero */
    int64_t *shared;        /* count: index among the scenarios that leave A, -1 for the others */
    int64_t n_shared;
    flow_i_span span; /* dx of those: combinations of a solved basis, ... */
    double *dx_rows;  /* ... or, when their span is wide, n_shared rows of n */
    flow_i_shock_cut *cuts;
    int64_t *member;
    int64_t factorisations, woodbury, base_solves;
};

void flow_shock_batch_free(flow_shock_batch *b)
{
    if (b == NULL)
        return;
    flow_i_shock_frame_clear(&b->frame);
    free(b->yr);
    for (int64_t i = 0; i < b->count; i++) {
        if (b->own != NULL)
            flow_i_shock_lens_clear(&b->own[i]);
        if (b->cuts != NULL)
            flow_i_shock_cut_clear(&b->cuts[i]);
    }
    free(b->own);
    free(b->shared);
    flow_i_span_clear(&b->span);
    free(b->dx_rows);
    free(b->cuts);
    free(b->member);
    free(b);
}

static int batch_alloc(flow_shock_batch **out, const flow_i_shock_system *sys, int64_t count)
{
    int64_t n = sys->frame.n, nyr = 0;
    flow_shock_batch *b = flow_i_calloc(1, sizeof *b);
    *out = NULL;
    if (b == NULL)
        return FLOW_ERR_NOMEM;
    if (flow_i_mul_size(n, sys->frame.regions, &nyr) != FLOW_OK) {
        free(b);
        return FLOW_ERR_OVERFLOW;
    }
    b->yr = flow_i_malloc(nyr, sizeof *b->yr);
    b->own = flow_i_calloc(count, sizeof *b->own);
    b->shared = flow_i_malloc(count, sizeof *b->shared);
    b->member = flow_i_malloc(count, sizeof *b->member);
    b->cuts = flow_i_calloc(count, sizeof *b->cuts);
    b->count = count;
    int rc = b->yr && b->own && b->shared && b->member && b->cuts ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = flow_i_shock_frame_copy(&b->frame, &sys->frame);
    if (rc != FLOW_OK) {
        flow_shock_batch_free(b);
        return rc;
    }
    memcpy(b->yr, sys->yr, (size_t)nyr * sizeof *b->yr);
    for (int64_t i = 0; i < count; i++)
        b->member[i] = b->shared[i] = -1;
    *out = b;
    return FLOW_OK;
}

/* Scenario i that cuts A: its own solver, both lenses at once. */
static int solve_own(flow_shock_batch *b, int64_t i, const flow_i_shock_system *sys,
                     const flow_i_shock_sets *sets, const flow_shock_options *o)
{
    flow_i_shock_solver solver;
    flow_i_shock_lens lens = {0};
    int rc = flow_i_shock_lens_alloc(&lens, sys->frame.n);
    if (rc == FLOW_OK &&
        (rc = flow_i_shock_solver_init(&solver, sys, &b->cuts[i], sets, o->solver)) == FLOW_OK) {
        rc = flow_i_shock_lenses(&lens, sys, &b->cuts[i], &solver);
        b->factorisations += solver.kind == FLOW_SHOCK_SOLVER_REFACTOR;
        b->woodbury += solver.kind == FLOW_SHOCK_SOLVER_WOODBURY;
        flow_i_shock_solver_clear(&solver);
    }
    if (rc == FLOW_OK)
        b->own[i] = lens;
    else
        flow_i_shock_lens_clear(&lens);
    return rc;
}

/* A wide span: every shared scenario's d as a row, solved in one multi-right-hand-side call. */
static int solve_rows(flow_shock_batch *b, const flow_i_shock_system *sys)
{
    int64_t n = sys->frame.n;
    if ((b->dx_rows = flow_i_malloc(b->n_shared * n, sizeof *b->dx_rows)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < b->count; i++)
        if (b->shared[i] >= 0)
            flow_i_shock_direct_final(&b->frame, b->yr, &b->cuts[i], b->dx_rows + b->shared[i] * n);
    return flow_i_lu_solve(sys->lu, 0, b->dx_rows, b->n_shared);
}

/* All scenarios that leave A unchanged: their d, one at a time, into the span, then one solve. */
static int solve_shared(flow_shock_batch *b, const flow_i_shock_system *sys)
{
    int64_t n = sys->frame.n;
    if (b->n_shared == 0)
        return FLOW_OK;
    double *d = flow_i_malloc(n, sizeof *d);
    int rc = d ? flow_i_span_init(&b->span, n, b->n_shared) : FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < b->count && !b->span.wide; i++)
        if (b->shared[i] >= 0) {
            flow_i_shock_direct_final(&b->frame, b->yr, &b->cuts[i], d);
            flow_i_span_add(&b->span, d);
        }
    free(d);
    if (rc == FLOW_OK)
        rc = b->span.wide ? solve_rows(b, sys) : flow_i_span_solve(&b->span, sys->lu);
    b->base_solves++;
    return rc;
}

/*
 * One scenario of a batch: the plan it comes from, the rates it runs with
 * and, for "each member", the one region of S that cuts alone (-1: all of S).
 */
typedef struct batch_item {
    const flow_i_cut_plan *plan;
    flow_i_plan_block block; /* strings borrowed from the plan */
    int64_t member;
} batch_item;

/* The plans (resolved once each) and the items a generator makes of them. */
typedef struct batch_list {
    flow_i_cut_plan *plans;
    int64_t nplans;
    batch_item *items;
    int64_t count;
} batch_list;

static void list_clear(batch_list *list)
{
    for (int64_t i = 0; list->plans != NULL && i < list->nplans; i++)
        flow_i_cut_plan_clear(&list->plans[i]);
    free(list->plans);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* The message of a failing scenario names its index and name. */
static int scenario_failed(int rc, int64_t i, const char *name)
{
    char detail[512];
    snprintf(detail, sizeof detail, "%s", flow_last_error());
    return flow_i_fail(rc, "batch: scenario %lld ('%s'): %s", (long long)i, name, detail);
}

static int run_batch(flow_shock_batch **out, const flow_i_shock_system *sys, const batch_list *list,
                     const flow_shock_options *o)
{
    flow_shock_batch *b = NULL;
    flow_i_shock_sets sets = {0};
    int64_t count = list->count;
    int rc = batch_alloc(&b, sys, count);
    for (int64_t i = 0; rc == FLOW_OK && i < count; i++) {
        const batch_item *item = &list->items[i];
        rc = flow_i_cut_plan_sets(&sets, item->plan, NULL, sys->frame.regions, item->member);
        if (rc == FLOW_OK)
            rc = flow_i_shock_cut_build(&b->cuts[i], sys, &sets, item->plan, &item->block, o);
        if (rc == FLOW_OK) {
            if (flow_i_shock_cut_touches_a(&b->cuts[i]))
                rc = solve_own(b, i, sys, &sets, o);
            else
                b->shared[i] = b->n_shared++;
            /* The dense lost shares served the solve; the accessors need only the accounts. */
            free(b->cuts[i].phi);
            b->cuts[i].phi = NULL;
            b->member[i] = item->member;
        }
        flow_i_shock_sets_clear(&sets);
        if (rc != FLOW_OK)
            rc = scenario_failed(rc, i, item->plan->name);
    }
    if (rc == FLOW_OK)
        rc = solve_shared(b, sys);
    if (rc != FLOW_OK) {
        flow_shock_batch_free(b);
        return rc;
    }
    *out = b;
    return FLOW_OK;
}

/* Views the model, then lets make() resolve the plans and list the scenarios, and runs them. */
typedef int (*make_fn)(const flow_i_shock_system *sys, const void *ctx, const flow_shock_options *o,
                       batch_list *list);

static int run_made(flow_shock_batch **out, flow_io_model *model, const flow_shock_options *o,
                    make_fn make, const void *ctx)
{
    flow_i_shock_system sys;
    batch_list list = {0};
    if (out != NULL)
        *out = NULL;
    if (out == NULL || model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "batch: NULL out or model");
    if (o == NULL)
        o = flow_i_shock_default_options();
    int rc = flow_i_shock_system_init(&sys, model);
    if (rc != FLOW_OK)
        return rc;
    rc = make(&sys, ctx, o, &list);
    if (rc == FLOW_OK)
        rc = run_batch(out, &sys, &list, o);
    list_clear(&list);
    flow_i_shock_system_clear(&sys);
    return rc;
}

/* Room for nplans plans and count items. */
static int list_alloc(batch_list *list, int64_t nplans, int64_t count)
{
    list->plans = flow_i_calloc(nplans > 0 ? nplans : 1, sizeof *list->plans);
    list->items = flow_i_calloc(count > 0 ? count : 1, sizeof *list->items);
    list->count = count;
    return list->plans && list->items ? FLOW_OK : FLOW_ERR_NOMEM;
}

/* The plan of scenario s against the system's regions, as plan i of list. */
static int plan_of(batch_list *list, const flow_i_shock_system *sys, const flow_scenario *s,
                   const flow_shock_options *o)
{
    int rc =
        flow_i_cut_plan_for_regions(&list->plans[list->nplans], s,
                                    (const char *const *)sys->frame.codes, sys->frame.regions, o);
    list->nplans += rc == FLOW_OK;
    return rc;
}

/* ------------------------------------------------------------ generators */

/* Every public constructor clears *out first, so that it is NULL on any failure. */
static int reset_out(flow_shock_batch **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "batch: out is NULL");
    *out = NULL;
    return FLOW_OK;
}

typedef struct given_ctx {
    const flow_scenario *const *scenarios;
    int64_t count;
} given_ctx;

static int make_given(const flow_i_shock_system *sys, const void *ctx, const flow_shock_options *o,
                      batch_list *list)
{
    const given_ctx *g = ctx;
    int rc = list_alloc(list, g->count, g->count);
    for (int64_t i = 0; rc == FLOW_OK && i < g->count; i++) {
        if (g->scenarios[i] == NULL)
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "batch: scenario %lld is NULL", (long long)i);
        if ((rc = plan_of(list, sys, g->scenarios[i], o)) != FLOW_OK)
            return scenario_failed(rc, i, g->scenarios[i]->name);
        list->items[i] = (batch_item){&list->plans[i], list->plans[i].blocks[0], -1};
    }
    return rc;
}

int flow_shock_batch_run(flow_shock_batch **out, flow_io_model *model,
                         const flow_scenario *const *scenarios, int64_t count,
                         const flow_shock_options *options)
{
    if (reset_out(out) != FLOW_OK)
        return FLOW_ERR_INVALID_ARG;
    if (scenarios == NULL || count < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_batch_run: NULL scenarios or count < 0");
    given_ctx ctx = {scenarios, count};
    return run_made(out, model, options, make_given, &ctx);
}

typedef struct base_ctx {
    const flow_scenario *scenario;
    double from, to; /* rho sweep */
    int64_t steps;
    int64_t seed;
    double sev_lo, sev_hi, rho_lo, rho_hi;
} base_ctx;

/* The one plan of the base scenario, and count items on it with its rates. */
static int base_plan(batch_list *list, const flow_i_shock_system *sys, const base_ctx *c,
                     const flow_shock_options *o, int64_t count)
{
    int rc = list_alloc(list, 1, count);
    if (rc == FLOW_OK)
        rc = plan_of(list, sys, c->scenario, o);
    for (int64_t i = 0; rc == FLOW_OK && i < count; i++)
        list->items[i] = (batch_item){list->plans, list->plans->blocks[0], -1};
    return rc;
}

static int make_members(const flow_i_shock_system *sys, const void *ctx,
                        const flow_shock_options *o, batch_list *list)
{
    flow_i_shock_sets sets = {0};
    int rc = base_plan(list, sys, ctx, o, 0);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_sets(&sets, list->plans, NULL, sys->frame.regions, -1);
    if (rc != FLOW_OK)
        return rc;
    free(list->items);
    list->count = sets.n_sanctioning;
    if ((list->items = flow_i_calloc(list->count > 0 ? list->count : 1, sizeof *list->items)) ==
        NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t r = 0, k = 0; rc == FLOW_OK && r < sys->frame.regions; r++)
        if (sets.flags[r] & FLOW_I_IN_S)
            list->items[k++] = (batch_item){list->plans, list->plans->blocks[0], r};
    flow_i_shock_sets_clear(&sets);
    return rc;
}

int flow_shock_batch_each_member(flow_shock_batch **out, flow_io_model *model,
                                 const flow_scenario *scenario, const flow_shock_options *options)
{
    if (reset_out(out) != FLOW_OK)
        return FLOW_ERR_INVALID_ARG;
    if (scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_batch_each_member: scenario is NULL");
    base_ctx ctx = {.scenario = scenario};
    return run_made(out, model, options, make_members, &ctx);
}

static int make_sweep(const flow_i_shock_system *sys, const void *ctx, const flow_shock_options *o,
                      batch_list *list)
{
    const base_ctx *c = ctx;
    int rc = base_plan(list, sys, c, o, c->steps);
    for (int64_t i = 0; rc == FLOW_OK && i < c->steps; i++) {
        double t = (double)i / (double)(c->steps - 1);
        list->items[i].block.rho = i == c->steps - 1 ? c->to : c->from + (c->to - c->from) * t;
    }
    return rc;
}

int flow_shock_batch_sweep_substitution(flow_shock_batch **out, flow_io_model *model,
                                        const flow_scenario *scenario, double rho_from,
                                        double rho_to, int64_t steps,
                                        const flow_shock_options *options)
{
    if (reset_out(out) != FLOW_OK)
        return FLOW_ERR_INVALID_ARG;
    if (scenario == NULL || steps < 2)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_batch_sweep_substitution: NULL scenario or steps < 2");
    if (!(rho_from >= 0.0 && rho_from <= 1.0 && rho_to >= 0.0 && rho_to <= 1.0))
        return flow_i_fail(FLOW_ERR_VALUE, "substitution sweep %g to %g leaves [0, 1]", rho_from,
                           rho_to);
    base_ctx ctx = {.scenario = scenario, .from = rho_from, .to = rho_to, .steps = steps};
    return run_made(out, model, options, make_sweep, &ctx);
}

/*
 * The generator of the Monte-Carlo draws: xoshiro256** (Blackman & Vigna
 * 2018) seeded through splitmix64, state on the stack of the caller, so the
 * same seed gives the same draws anywhere and no global state exists.
 */
typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform on [lo, hi] from the top 53 bits. */
static double rng_uniform(rng *r, double lo, double hi)
{
    double u = (double)(rng_next(r) >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * u;
}

static int make_draws(const flow_i_shock_system *sys, const void *ctx, const flow_shock_options *o,
                      batch_list *list)
{
    const base_ctx *c = ctx;
    uint64_t x = (uint64_t)c->seed;
    rng r;
    for (int i = 0; i < 4; i++)
        r.s[i] = splitmix64(&x);
    int rc = base_plan(list, sys, c, o, c->steps);
    for (int64_t i = 0; rc == FLOW_OK && i < c->steps; i++) {
        list->items[i].block.severity = rng_uniform(&r, c->sev_lo, c->sev_hi);
        list->items[i].block.rho = rng_uniform(&r, c->rho_lo, c->rho_hi);
    }
    return rc;
}

int flow_shock_batch_montecarlo(flow_shock_batch **out, flow_io_model *model,
                                const flow_scenario *scenario, int64_t draws, int64_t seed,
                                const flow_shock_options *options)
{
    if (reset_out(out) != FLOW_OK)
        return FLOW_ERR_INVALID_ARG;
    if (scenario == NULL || draws < 1)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_batch_montecarlo: NULL scenario or draws < 1");
    const flow_shock_options *o = options ? options : flow_i_shock_default_options();
    if (flow_i_shock_check_draws(o) != FLOW_OK)
        return FLOW_ERR_VALUE;
    const double *range = o->draws;
    base_ctx ctx = {.scenario = scenario,
                    .steps = draws,
                    .seed = seed,
                    .sev_lo = range[0],
                    .sev_hi = range[1],
                    .rho_lo = range[2],
                    .rho_hi = range[3]};
    return run_made(out, model, options, make_draws, &ctx);
}

/* ------------------------------------------------------------ tables */

/* The work the batch did, as scalars of each of its tables. */
static int set_work(flow_table *t, const flow_shock_batch *b)
{
    int rc = flow_table_set_scalar(t, "factorisations", (double)b->factorisations);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "woodbury", (double)b->woodbury);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(t, "base_solves", (double)b->base_solves);
    return rc;
}

/*
 * The lens vectors of scenario i: borrowed when it cut A, else rebuilt into
 * the caller's scratch (two vectors of n): d from its cut, dx from the basis
 * coefficients or the solved rows.
 */
static flow_i_shock_lens lens_of(const flow_shock_batch *b, int64_t i, double *scratch)
{
    int64_t k = b->shared[i], n = b->frame.n;
    if (k < 0)
        return b->own[i];
    flow_i_shock_lens l = {scratch, scratch + n, NULL, NULL};
    flow_i_shock_direct_final(&b->frame, b->yr, &b->cuts[i], l.d);
    if (b->dx_rows != NULL)
        l.dx = b->dx_rows + k * n;
    else
        flow_i_span_combine(&b->span, k, l.dx);
    return l;
}

static const char *const scenario_columns[] = {"member", "severity", "rho"};

static int scenarios_table(flow_table **out, const flow_shock_batch *b)
{
    int rc = flow_i_table_new_columns(out, b->count, 3, scenario_columns);
    for (int64_t i = 0; rc == FLOW_OK && i < b->count; i++) {
        char label[24];
        snprintf(label, sizeof label, "%lld", (long long)i);
        rc = flow_table_set_row_label(*out, i, label, NULL);
        double *row = flow_i_table_values(*out) + i * 3;
        row[0] = (double)b->member[i];
        row[1] = b->cuts[i].severity;
        row[2] = b->cuts[i].rho;
    }
    return rc;
}

/*
 * Scenario after scenario, the rows (nodes or regions, per; labelled by
 * labels, or unlabelled when NULL) of each with one column per quantity
 * [0, count) filled by values().
 */
static int stacked_table(flow_table **out, const flow_shock_batch *b, int64_t per,
                         const char *const *labels, int count,
                         int (*values)(const flow_i_shock_frame *, const flow_i_shock_lens *,
                                       const flow_i_shock_cut *, int, double *, int64_t))
{
    int64_t rows = 0;
    double *column = flow_i_malloc(per > 0 ? per : 1, sizeof *column);
    double *scratch = flow_i_malloc(2 * b->frame.n + 1, sizeof *scratch);
    int rc = column && scratch ? flow_i_mul_size(b->count, per, &rows) : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK)
        rc = flow_i_table_new_columns(out, rows, count, flow_i_shock_quantity_names);
    for (int64_t i = 0; rc == FLOW_OK && i < b->count; i++) {
        flow_i_shock_lens l = lens_of(b, i, scratch);
        double *v = flow_i_table_values(*out) + i * per * count;
        for (int q = 0; rc == FLOW_OK && q < count; q++)
            if ((rc = values(&b->frame, &l, &b->cuts[i], q, column, per)) == FLOW_OK)
                for (int64_t r = 0; r < per; r++)
                    v[r * count + q] = column[r];
        char group[24];
        snprintf(group, sizeof group, "%lld", (long long)i);
        for (int64_t r = 0; rc == FLOW_OK && r < per; r++)
            rc = flow_table_set_row_label(*out, i * per + r, labels ? labels[r] : "", group);
    }
    free(column);
    free(scratch);
    return rc;
}

int flow_shock_batch_table(flow_table **out, const flow_shock_batch *b, int part)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_batch_table: out is NULL");
    *out = NULL;
    if (b == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_batch_table: batch is NULL");
    int rc;
    switch (part) {
        case FLOW_SHOCK_BATCH_SCENARIOS:
            rc = scenarios_table(out, b);
            break;
        case FLOW_SHOCK_BATCH_REGIONS:
            rc = stacked_table(out, b, b->frame.regions, (const char *const *)b->frame.codes,
                               FLOW_I_SHOCK_REGION_QUANTITIES, flow_i_shock_region_values);
            break;
        case FLOW_SHOCK_BATCH_NODES:
            rc = stacked_table(out, b, b->frame.n, NULL, FLOW_I_SHOCK_NODE_QUANTITIES,
                               flow_i_shock_node_values);
            break;
        default:
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown batch table part %d", part);
    }
    if (rc == FLOW_OK)
        rc = set_work(*out, b);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

static void swap_doubles(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/*
 * The k-th smallest of v[0..m) (no NaN), moved to v[k] with nothing larger
 * before it and nothing smaller after it (Hoare's selection with a
 * median-of-three pivot: expected O(m), no sort).
 */
static double select_kth(double *v, int64_t m, int64_t k)
{
    int64_t lo = 0, hi = m - 1;
    while (hi > lo) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap_doubles(&v[mid], &v[lo]);
        if (v[hi] < v[lo])
            swap_doubles(&v[hi], &v[lo]);
        if (v[hi] < v[mid])
            swap_doubles(&v[hi], &v[mid]);
        double pivot = v[mid];
        int64_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j)
                swap_doubles(&v[i++], &v[j--]);
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return v[k];
}

/*
 * numpy's default ("linear"): position p/100 * (m - 1) between the order
 * statistics around it, found by selection and interpolated as numpy does, so
 * that the result is numpy.percentile's to the bit. NaN when any value is NaN, as
 * numpy.percentile gives.
 */
static double percentile(double *v, int64_t m, double p)
{
    for (int64_t i = 0; i < m; i++)
        if (isnan(v[i]))
            return NAN;
    double pos = p / 100.0 * (double)(m - 1);
    int64_t lo = (int64_t)floor(pos);
    if (lo >= m - 1)
        return select_kth(v, m, m - 1);
    double below = select_kth(v, m, lo), above = v[lo + 1];
    for (int64_t i = lo + 2; i < m; i++) /* the next order statistic: the least above lo */
        above = v[i] < above ? v[i] : above;
    double frac = pos - (double)lo, diff = above - below;
    /* numpy's lerp: from the nearer end, so that the result is exact at both ends */
    return frac >= 0.5 ? above - diff * (1.0 - frac) : below + diff * frac;
}

/* Columns "p5", "p50", ... of the percentiles, checked to lie in [0, 100]. */
static int percentile_columns(flow_table *t, const double *percentiles, int64_t np)
{
    int rc = FLOW_OK;
    for (int64_t k = 0; rc == FLOW_OK && k < np; k++) {
        char name[40];
        if (!(percentiles[k] >= 0.0 && percentiles[k] <= 100.0))
            return flow_i_fail(FLOW_ERR_VALUE, "percentile %lld = %g is outside [0, 100]",
                               (long long)k, percentiles[k]);
        snprintf(name, sizeof name, "p%g", percentiles[k]);
        rc = flow_table_set_col_label(t, k, name, NULL);
    }
    return rc;
}

int flow_shock_batch_percentiles(flow_table **out, const flow_shock_batch *b, int quantity,
                                 const double *percentiles, int64_t np)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || b == NULL || percentiles == NULL || np < 1 || b->count == 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_batch_percentiles: NULL argument, "
                                                 "np < 1 or empty batch");
    if (quantity < 0 || quantity >= FLOW_I_SHOCK_REGION_QUANTITIES)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%d is not a region quantity of a batch",
                           quantity);
    int64_t nr = b->frame.regions, m = b->count, all = 0;
    double *values = NULL, *column = NULL, *scratch = NULL;
    int rc = flow_i_mul_size(m, nr, &all);
    if (rc == FLOW_OK)
        rc = flow_table_new(out, nr, np, NULL, np);
    if (rc == FLOW_OK)
        rc = percentile_columns(*out, percentiles, np);
    if (rc == FLOW_OK) {
        values = flow_i_malloc(all, sizeof *values);
        column = flow_i_malloc(m, sizeof *column);
        scratch = flow_i_malloc(2 * b->frame.n + 1, sizeof *scratch);
        rc = values && column && scratch ? FLOW_OK : FLOW_ERR_NOMEM;
    }
    for (int64_t i = 0; rc == FLOW_OK && i < m; i++) {
        flow_i_shock_lens l = lens_of(b, i, scratch);
        rc = flow_i_shock_region_values(&b->frame, &l, &b->cuts[i], quantity, values + i * nr, nr);
    }
    double *dst = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t r = 0; rc == FLOW_OK && r < nr; r++) {
        for (int64_t i = 0; i < m; i++)
            column[i] = values[i * nr + r];
        for (int64_t k = 0; k < np; k++)
            dst[r * np + k] = percentile(column, m, percentiles[k]);
        rc = flow_table_set_row_label(*out, r, b->frame.codes[r], NULL);
    }
    if (rc == FLOW_OK)
        rc = set_work(*out, b);
    free(values);
    free(column);
    free(scratch);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
