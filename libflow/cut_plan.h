/*
 * cut_plan.h - a scenario resolved once into a cut plan.
 *
 * A plan is built from a scenario against the economies of a dataset (the
 * region-pair systems of a shock report), against the regions of one model
 * (flow_shock_run, batches, DebtRank on a claims table) or against the region
 * and sector codes of a multi-regional IO model (flow_scenario_run_io). It
 * holds everything a run needs, so that the lenses, the rerouting, the
 * contagion, the report and the batches never consult the scenario handle:
 *   - the sets: every name of S, T and the intermediaries, groups expanded to
 *     their members, each resolved to an index of the axis (-1: absent), with
 *     the capacity and route weight of intermediaries (and, for the table,
 *     every group's definition);
 *   - the scalars: direction, channels, mark-up, throughput, minimum share;
 *   - one block per layer and product the run can meet, with its severity,
 *     substitution ratio and layer kind (the scenario's declaration, else the
 *     dataset's);
 *   - on an IO model, the sector-specific blocks resolved to region and
 *     sector masks with their severity and channels.
 * A region-pair system that covers part of the axis (a layer's economies
 * with flows) takes its sets from the plan by index (flow_i_cut_plan_sets):
 * no name is looked up again. The plan owns copies of every string it keeps.
 */
#ifndef LIBFLOW_CUT_PLAN_H
#define LIBFLOW_CUT_PLAN_H

#include "shock_internal.h"

/* One name of a set, resolved: a code named directly or a member of a named group. */
typedef struct flow_i_plan_mention {
    char *code;        /* the economy code (the member's, for a group) */
    char *group;       /* the group named in the set; NULL when named directly */
    int64_t index;     /* in the axis; -1 when the axis lacks it */
    unsigned char set; /* FLOW_I_IN_S, FLOW_I_IN_T, FLOW_I_VIA; 0: a group's definition */
    double capacity;   /* intermediaries: the name's capacity (INFINITY: none) */
    double weight;     /* intermediaries: calibrated route weight (NaN: none) */
} flow_i_plan_mention;

/* The rates of one layer and product ("*" = any), looked up once. */
typedef struct flow_i_plan_block {
    char *layer, *product;
    double severity, rho;
    int kind; /* flow_layer_kind; -1 when neither the scenario nor a dataset says */
} flow_i_plan_block;

/* A sector-specific block on an IO model, resolved to masks. */
typedef struct flow_i_plan_io_block {
    unsigned char *mask; /* sellers (regions), products (sectors), buyers (regions) */
    double severity;
    int channels; /* flow_sector_channel */
} flow_i_plan_io_block;

typedef struct flow_i_cut_plan {
    char *name;
    int direction, channels;
    double markup, throughput, min_share;
    int64_t axis; /* economies or regions resolved against */
    flow_i_plan_mention *mentions;
    int64_t nmentions;
    flow_i_plan_block *blocks;
    int64_t nblocks;
    int64_t sector_blocks; /* sector-specific blocks the scenario states */
    /* On an IO model (flow_i_cut_plan_for_io): */
    flow_i_plan_io_block *io;
    int64_t nio, io_regions, io_sectors, io_skipped;
} flow_i_cut_plan;

void flow_i_cut_plan_clear(flow_i_cut_plan *plan);

/*
 * Resolves the sets and scalars of s against the n codes of an axis (no
 * blocks yet). Never fails on a missing name: a direct member of S or T the
 * axis lacks is an error when sets are taken (flow_i_cut_plan_sets).
 */
int flow_i_cut_plan_resolve(flow_i_cut_plan *plan, const flow_scenario *s, const char *const *codes,
                            int64_t n);

/* Adds the block of (layer, product) (NULL or "" = "*") with kind, once per key. */
int flow_i_cut_plan_add_block(flow_i_cut_plan *plan, const flow_scenario *s, const char *layer,
                              const char *product, int kind);

/* The block of (layer, product), NULL when the plan has none. */
const flow_i_plan_block *flow_i_cut_plan_block(const flow_i_cut_plan *plan, const char *layer,
                                               const char *product);

/*
 * The plan of a region-pair run on one system whose regions have the given
 * codes: the sets, the block of the options' layer and product. Refuses a
 * scenario with sector-specific cuts (FLOW_ERR_VALUE).
 */
int flow_i_cut_plan_for_regions(flow_i_cut_plan *plan, const flow_scenario *s,
                                const char *const *codes, int64_t n, const flow_shock_options *o);

/*
 * The plan of a shock report: the sets against the dataset's economies, one
 * block per (layer, product) of the dataset's matrices and one for the
 * options' layer and product, each with its kind. Refuses sector-specific
 * cuts like flow_i_cut_plan_for_regions.
 */
int flow_i_cut_plan_for_dataset(flow_i_cut_plan *plan, const flow_scenario *s,
                                const flow_dataset *ds, const flow_shock_options *o);

/*
 * The sets of one system of `regions` regions: axis_of[r] is the axis index
 * of region r (NULL: the axis itself). only_s >= 0 replaces S by that one
 * region (a batch's "each member"). FLOW_ERR_UNKNOWN_LABEL for a member of S
 * or T named directly that the system lacks; members of groups and
 * intermediaries it lacks are counted in sets->skipped.
 */
int flow_i_cut_plan_sets(flow_i_shock_sets *sets, const flow_i_cut_plan *plan,
                         const int64_t *axis_of, int64_t regions, int64_t only_s);

/*
 * The plan of flow_scenario_run_io: the sector-specific blocks and the
 * region-pair cuts of s as blocks resolved against model's region and sector
 * codes (scenario_io.c).
 */
int flow_i_cut_plan_for_io(flow_i_cut_plan *plan, const flow_scenario *s,
                           const flow_io_model *model);

/* Runs an IO plan on model: the table of flow_scenario_run_io (sector_cut_run.c). */
int flow_i_cut_plan_run_io(flow_table **out, const flow_i_cut_plan *plan,
                           const flow_io_model *model);

/*
 * Region-pair runs on a plan (the public functions build the plan and call
 * these): flow_shock_run on a model whose regions map to the plan's axis by
 * axis_of (NULL: identity) with the rates of block; flow_debtrank_run_scenario
 * likewise on a claims table.
 */
int flow_i_shock_run_plan(flow_table **regions, flow_table **nodes, flow_io_model *model,
                          const flow_i_cut_plan *plan, const int64_t *axis_of,
                          const flow_i_plan_block *block, const flow_shock_options *o);
int flow_i_debtrank_run_plan(flow_table **out, const flow_table *exposure, const double *capital,
                             const double *value, const flow_i_cut_plan *plan,
                             const int64_t *axis_of, const flow_i_plan_block *block,
                             const flow_shock_options *o);

/* The two tables of flow_shock_report_new from a plan resolved against ds (shock_report.c). */
int flow_i_shock_report_plan(flow_table **economies, flow_table **systems, const flow_dataset *ds,
                             int64_t year, const flow_i_cut_plan *plan,
                             const flow_shock_options *options);

/* The plan as the labelled table of flow_scenario_plan (shock.h). */
int flow_i_cut_plan_table(flow_table **out, const flow_i_cut_plan *plan);

#endif /* LIBFLOW_CUT_PLAN_H */
