/*
 * shock_internal.h - what the shock files (scenario.c, shock_*.c) share.
 *
 * The pipeline of one run: the model is viewed as a flow_i_shock_system
 * (shock_system.c), the scenario, resolved once into a cut plan
 * (cut_plan.h), gives the system its sets and rates, which become a region x
 * region matrix of lost shares phi after rerouting (shock_cut.c,
 * shock_reroute.c), the cut system is solved (shock_solve.c)
 * and the lenses are evaluated into a result (shock_lens.c). Batches
 * (shock_batch.c) reuse every step but the solve.
 */
#ifndef LIBFLOW_SHOCK_INTERNAL_H
#define LIBFLOW_SHOCK_INTERNAL_H

#include "internal.h"
#include "linalg.h"

/* A growable list of owned strings. */
typedef struct flow_i_names {
    char **items;
    int64_t count, cap;
} flow_i_names;

int flow_i_names_add(flow_i_names *names, const char *name);            /* no duplicates */
int64_t flow_i_names_find(const flow_i_names *names, const char *name); /* -1 when absent */
void flow_i_names_clear(flow_i_names *names);
int flow_i_names_copy(flow_i_names *dst, const flow_i_names *src);

/* A value for a (layer, product) pair; "*" means any. */
typedef struct flow_i_rate {
    char *layer, *product;
    double value;
} flow_i_rate;

typedef struct flow_i_group {
    char *name;
    flow_i_names members;
} flow_i_group;

struct flow_scenario {
    char *name;
    flow_i_names sanctioning, target, via;
    double *capacity; /* one per via entry; INFINITY when uncapped */
    double *weight;   /* one per via entry; calibrated route weight, NaN when not given */
    flow_i_group *groups;
    int64_t group_count;
    int direction, channels;
    flow_i_rate *severity, *substitution;
    int64_t severity_count, substitution_count;
    double markup;
    double throughput; /* path capacity factor on observed throughput; INFINITY = unbounded */
    double min_share;  /* paths below this share of a pair's weight carry nothing */
    struct flow_i_sector_cut
        *sector_cut; /* sector groups and sector-specific blocks (scenario_io.c) */
    flow_i_names stock_layers, flow_layers; /* layer kinds the scenario declares */
};

struct flow_shock_options {
    char *layer, *product;
    int solver;
    int keep_self_loops, single_propagation;
    int64_t max_rounds;
    char *size_attribute, *capital_attribute; /* report only; NULL when unset */
    int by_product;
    int value_units; /* 0 when the system's unit is a volume (Mt, bcm): no mark-up */
    double recovery, funding_discount; /* contagion on stocks */
    int stock_cut;                     /* a flow_stock_cut */
    double draws[4];                   /* Monte-Carlo ranges: severity lo, hi, rho lo, hi */
    char *prices;          /* report only: "product=price,..." (validated), NULL when unset */
    double capacity_scale; /* report only: money per physical unit of a priced system, else 1 */
};

/* The money unit of a priced physical system: prices are in USD_m per unit of the layer. */
#define FLOW_I_PRICE_UNIT "USD_m"

/* 1 and *price when the options price product, else 0. */
int flow_i_shock_price(const flow_shock_options *options, const char *product, double *price);

/* FLOW_OK, or FLOW_ERR_VALUE when the scenario has sector-specific cuts (scenario_io.c). */
int flow_i_scenario_refuse_sector_cuts(const flow_scenario *scenario);

/* FLOW_OK, or FLOW_ERR_VALUE when a Monte-Carlo range is not ordered (lo > hi). */
int flow_i_shock_check_draws(const flow_shock_options *options);

/* Options with defaults, for a NULL options pointer. */
const flow_shock_options *flow_i_shock_default_options(void);

/*
 * What results keep of a system (owned copies, so that results outlive the
 * model): n nodes in regions, baseline output x, the region of each node and
 * the region codes.
 */
typedef struct flow_i_shock_frame {
    int64_t n, regions;
    double *x;          /* n */
    int64_t *region_of; /* n */
    char **codes;       /* regions */
} flow_i_shock_frame;

int flow_i_shock_frame_copy(flow_i_shock_frame *dst, const flow_i_shock_frame *src);
void flow_i_shock_frame_clear(flow_i_shock_frame *frame);

/*
 * The view of a model the shock code works on: the frame, row-major Z
 * (n x n) and 1 / x (A_ij = z_ij / x_j, read through flow_i_shock_a: runs only read
 * the model, so they may share a factored model across threads), final demand Y (n x k) whose
 * columns belong to regions (fd_region -1: no region, never cut), and the cached LU of I - A
 * (borrowed from the model like Z and Y).
 */
typedef struct flow_i_shock_system {
    flow_i_shock_frame frame;
    int64_t k;
    const double *z, *xinv, *fd;
    int64_t *fd_region; /* k, owned */
    double *pz, *py;    /* regions x regions totals of Z and of Y, owned */
    double *yr;         /* n x regions: final demand of node i bought by region r, owned */
    const flow_i_lu *lu;
    const flow_io_model *model; /* for factorising cut systems with its messages */
} flow_i_shock_system;

/* A_ij of the system's model. */
static inline double flow_i_shock_a(const flow_i_shock_system *sys, int64_t i, int64_t j)
{
    return sys->z[i * sys->frame.n + j] * sys->xinv[j];
}

/* Views model (factoring it if needed: the model's cached LU is computed here). */
int flow_i_shock_system_init(flow_i_shock_system *sys, flow_io_model *model);
void flow_i_shock_system_clear(flow_i_shock_system *sys);

/*
 * A scenario resolved against a system's regions: region flags (bit 1 = in S,
 * bit 2 = in T, bit 4 = intermediary), the capacity and route weight of each
 * region as intermediary, and the count of group members the system lacks.
 */
typedef struct flow_i_shock_sets {
    int64_t regions;
    unsigned char *flags;
    double *capacity;
    double *weight; /* calibrated route weight per region, NaN when not given */
    int64_t n_sanctioning, n_target, skipped;
} flow_i_shock_sets;

enum { FLOW_I_IN_S = 1, FLOW_I_IN_T = 2, FLOW_I_VIA = 4 };

/* Sets come from a cut plan (flow_i_cut_plan_sets, cut_plan.h). */
void flow_i_shock_sets_clear(flow_i_shock_sets *sets);

/* 1 when the region pair s -> t is cut by the scenario's direction. */
int flow_i_shock_pair_cut(const flow_i_shock_sets *sets, int direction, int64_t s, int64_t t);

/*
 * The cut of one run: the cut region pairs (sorted by origin; the pairs of
 * origin s are first_pair[s] .. first_pair[s+1]-1) with the lost share phi
 * of each pair's flow after rerouting, the same as a dense regions x regions
 * matrix when A is cut (phi, NULL otherwise), whether A and/or Y are cut,
 * and the rerouting accounts.
 */
typedef struct flow_i_shock_cut {
    int64_t regions, npairs;
    int64_t *pair_origin, *pair_destination, *first_pair;
    double *pair_phi;
    double *phi;
    int cut_a, cut_y;
    double severity, rho;
    double *cut_by_origin, *lost_by_origin; /* regions */
    double *via, *rent, *markup_cost;       /* regions */
    double total_cut, total_rerouted, total_lost;
} flow_i_shock_cut;

struct flow_i_cut_plan;
struct flow_i_plan_block;
int flow_i_shock_cut_build(flow_i_shock_cut *cut, const flow_i_shock_system *sys,
                           const flow_i_shock_sets *sets, const struct flow_i_cut_plan *plan,
                           const struct flow_i_plan_block *block,
                           const flow_shock_options *options);
void flow_i_shock_cut_clear(flow_i_shock_cut *cut);

/* 1 when the cut changes A (some cut pair with phi > 0 and the intermediate channel). */
int flow_i_shock_cut_touches_a(const flow_i_shock_cut *cut);

/*
 * Rerouting (shock_reroute.c): the pairs (origin/destination region indices)
 * with the volume each seeks to reroute (demand); flow is the regions x
 * regions matrix of the cut channels' flows (path legs and their observed
 * throughput); weight (regions) the calibrated route weight of each region,
 * NaN for the path intensity. Adds the volume rerouted per pair
 * (rerouted[p]), carried per intermediary (via[h]) and per pair and
 * intermediary (legs, npairs x regions).
 */
typedef struct flow_i_reroute_in {
    const flow_i_shock_sets *sets;
    const double *flow, *weight;
    double throughput, min_share;
    int64_t npairs;
    const int64_t *origin, *destination;
    const double *demand;
} flow_i_reroute_in;

int flow_i_shock_reroute(const flow_i_reroute_in *in, double *rerouted, double *via, double *legs);

/*
 * Solver of the cut system I - A~ (shock_solve.c): base LU, Woodbury update of
 * it, or its own LU, chosen per options.
 */
typedef struct flow_i_shock_solver {
    int kind;
    int64_t rank;
    const flow_i_lu *base;
    flow_i_lu *own;
    flow_i_lowrank *update;
} flow_i_shock_solver;

int flow_i_shock_solver_init(flow_i_shock_solver *solver, const flow_i_shock_system *sys,
                             const flow_i_shock_cut *cut, const flow_i_shock_sets *sets,
                             int requested);
int flow_i_shock_solver_solve(const flow_i_shock_solver *solver, int transpose, double *rhs,
                              int64_t nrhs);
void flow_i_shock_solver_clear(flow_i_shock_solver *solver);

/*
 * Lens vectors of one scenario (n each): demand direct d and total dx, supply
 * direct ds and total dxs (NULL when A is not cut: then they are 0).
 * flow_i_shock_direct computes d and (when ds is not NULL) c_j = sum_i dA_ij
 * into ds; flow_i_shock_lenses does the solves too, for one scenario.
 */
typedef struct flow_i_shock_lens {
    double *d, *dx, *ds, *dxs;
} flow_i_shock_lens;

int flow_i_shock_lens_alloc(flow_i_shock_lens *lens, int64_t n);
void flow_i_shock_lens_clear(flow_i_shock_lens *lens);
void flow_i_shock_direct(const flow_i_shock_system *sys, const flow_i_shock_cut *cut, double *d,
                         double *ds);
int flow_i_shock_lenses(flow_i_shock_lens *lens, const flow_i_shock_system *sys,
                        const flow_i_shock_cut *cut, const flow_i_shock_solver *solver);

/*
 * Value of quantity for one node or region from the lens vectors and cut
 * accounts (shock_lens.c); FLOW_ERR_INVALID_ARG for an unknown quantity or a
 * region-only quantity asked per node.
 */
int flow_i_shock_node_values(const flow_i_shock_frame *frame, const flow_i_shock_lens *lens,
                             const flow_i_shock_cut *cut, int quantity, double *dst,
                             int64_t dst_len);
int flow_i_shock_region_values(const flow_i_shock_frame *frame, const flow_i_shock_lens *lens,
                               const flow_i_shock_cut *cut, int quantity, double *dst,
                               int64_t dst_len);

/*
 * The column name of every quantity (the lower-case tail of its
 * FLOW_SHOCK_* name: "output", "demand_total", ...), indexed by quantity.
 */
extern const char *const flow_i_shock_quantity_names[FLOW_SHOCK_QUANTITY_COUNT];

/* Quantities per node (FLOW_SHOCK_OUTPUT to _INOPERABILITY_LOSS) and per region (to _MARKUP_COST).
 */
enum {
    FLOW_I_SHOCK_NODE_QUANTITIES = FLOW_SHOCK_INOPERABILITY_LOSS + 1,
    FLOW_I_SHOCK_REGION_QUANTITIES = FLOW_SHOCK_MARKUP_COST + 1
};

/*
 * Writes one region-level table (rows = regions labelled by code, one column
 * per region quantity) and, when nodes is not NULL, one node-level table
 * (rows = nodes, unlabelled; one column per node quantity) of a scenario.
 * *regions / *nodes are NULL on failure.
 */
int flow_i_shock_tables(flow_table **regions, flow_table **nodes, const flow_i_shock_frame *frame,
                        const flow_i_shock_lens *lens, const flow_i_shock_cut *cut);

/* Looks up the value for (layer, product) with the documented fallbacks. */
double flow_i_rate_lookup(const flow_i_rate *rates, int64_t count, const char *layer,
                          const char *product);

/*
 * The span of m right-hand sides of n entries each, added one at a time
 * (shock_lowrank.c). While they span at most min(32, m / 4) directions, an
 * orthonormal basis q (rank x n) and the coefficients w (rank x m) of every
 * column are kept; flow_i_span_solve replaces q by (I - A)^-1 q, after which
 * flow_i_span_combine rebuilds the solution of column i. When they span more
 * (wide = 1; at once for m < 4), the span keeps nothing and the caller solves
 * the columns themselves.
 */
typedef struct flow_i_span {
    int64_t n, m, cap, rank, added;
    int wide;
    double *q, *w, *v; /* v: scratch of flow_i_span_add */
} flow_i_span;

int flow_i_span_init(flow_i_span *span, int64_t n, int64_t m);
void flow_i_span_add(flow_i_span *span, const double *column);
int flow_i_span_solve(flow_i_span *span, const flow_i_lu *lu);
void flow_i_span_combine(const flow_i_span *span, int64_t column, double *x);
void flow_i_span_clear(flow_i_span *span);

/*
 * The direct demand loss d of a cut that leaves A unchanged, from the frame,
 * the n x regions final demand by buying region (yr of the system) and the
 * cut's pairs alone: the same numbers as flow_i_shock_direct, so that a batch
 * can rebuild d when it is asked for instead of keeping it.
 */
void flow_i_shock_direct_final(const flow_i_shock_frame *frame, const double *yr,
                               const flow_i_shock_cut *cut, double *d);

#endif /* LIBFLOW_SHOCK_INTERNAL_H */
