/*
 * libflow/shock.h - sanctions shocks: cuts between sets of economies, four
 * lenses, rerouting through third countries, batches.
 *
 * A flow_scenario says who cuts what with whom: a sanctioning set S, a target
 * set T (economy codes or group names), a direction (S's exports to T, S's
 * imports from T, or both), the input-output channels hit (intermediate use A,
 * final demand Y, or both), a severity in [0, 1] per layer and product group
 * (1 = full cut) and, optionally, rerouting: intermediaries H, a substitution
 * ratio rho per layer and product group, a capacity per intermediary and a
 * transit mark-up.
 *
 * A scenario is applied to a flow_io_model: a multi-regional IO model (region
 * x sector) or a country-level flow system built from one layer of a dataset
 * with flow_io_model_new_country (then every region has one sector). The cut
 * touches the blocks of A (and of final demand Y) between the regions of S
 * and of T; flows of a region with itself are never cut.
 *
 * Lenses (DESIGN.md section 5; all on the same cut):
 *  1. Demand (Leontief 1936): A~ = A with cut entries scaled by (1 - phi),
 *     y~ likewise; x~ = (I - A~)^-1 y~. Loss dx = x - x~ = (I - A~)^-1 d with
 *     the direct loss d = (A - A~) x + (y - y~) (sales lost at baseline
 *     activity); indirect = dx - d.
 *  2. Supply (Ghosh 1958): B~ = B with the same entries scaled;
 *     x~' = v'(I - B~)^-1. Loss dx' = d_s'(I - B~)^-1 with d_s,j = sum_i
 *     phi_ij z_ij (inputs that stop arriving). An EXPOSURE INDICATOR, not a
 *     forecast (Oosterhaven 1988, J. Regional Science 28(2)): the Ghosh model
 *     assumes buyers cannot substitute any input. Final-demand cuts do not
 *     enter it.
 *  3. Inoperability (Haimes & Jiang 2001; Santos & Haimes 2004):
 *     A* = x^-1 A~ x, c* = d / x, q = (I - A*)^-1 c* (= dx / x), clipped
 *     componentwise to [0, 1] after solving, as Haimes & Jiang publish it;
 *     the loss is x (.) q. Sectors with zero output have q = 0.
 *  4. Financial contagion: DebtRank (Battiston et al. 2012, Sci. Rep. 2:541)
 *     on an exposure matrix (the finance layer), see flow_debtrank_run.
 * Here phi_ij in [0, 1] is the lost share of flow i -> j: severity x
 * (1 - rerouted share) for cut pairs, 0 elsewhere.
 *
 * Rerouting (evasion; Chupilkin, Javorcik & Plekhanov 2023 for magnitudes):
 * for each cut region pair s -> t a share rho of the cut flow seeks a route
 * through the intermediaries h (not in S or T, h != s, t) with weights
 * proportional to the existing path intensity P_sh * P_ht (or to a
 * calibrated weight per intermediary), where P is the region x region total
 * of the flows in the cut channels. Routes need both legs observed, and a
 * route below the minimum share of its pair's weight is dropped. Bounds:
 * each leg carries at most the throughput factor times its observed flow
 * (an intermediary cannot re-export more than it already trades, by
 * default), and an intermediary's capacity bounds what it carries over all
 * pairs. They are enforced by water-filling: what a full leg or
 * intermediary cannot take goes to the other routes in proportion to their
 * weights, round after round; what no route can take is lost. Conservation
 * holds exactly: cut = rerouted + lost. The rerouted volume v travels s -> h
 * -> t: both legs grow by v (a negative phi on those pairs), so every lens
 * sees the intermediary's trade (its sales to t and purchases from s). The
 * mark-up mu is a price premium, defined only in money units: the buyer pays
 * (1 + mu) times the rerouted value, and mu x value is reported as transit
 * rent of the intermediary and as extra cost of the buyer's region.
 *
 * Solvers: a cut of final demand only leaves I - A unchanged and uses the
 * model's cached LU factorisation. A cut of A of rank r (the smaller cover of
 * the cut blocks by whole rows or columns of regions) uses a Woodbury update
 * of that factorisation when r <= n / 4 (r solves with the base LU and an
 * r x r factorisation), and a new LU factorisation of I - A~ otherwise.
 * Batches solve every final-demand-only scenario in one multi-right-hand-side
 * solve (FLOW_SHOCK_SOLVER_* below).
 *
 * Units: volumes are in the units of the model (money for IO tables, the
 * dataset's unit for country systems).
 *
 * Threads: no global state; a scenario, options, result, batch or report
 * handle must not be modified from two threads at once. Runs only read the
 * scenario and, once its factorisation is cached (flow_io_model_factor),
 * the model: several runs on one factored model may proceed concurrently.
 *
 * Scenario text format (flow_scenario_read / flow_scenario_parse), one
 * statement per line, '#' starts a comment, words separated by blanks:
 *
 *   name <word>                      scenario name (default "scenario")
 *   group <name> <code>...           define (or extend) a group of economies
 *   sanctioning <code|group>...      add to S (repeatable)
 *   target <code|group>...           add to T (repeatable)
 *   direction exports|imports|both   S's exports to T, S's imports from T
 *                                    or both (default both)
 *   channels intermediate|final|all  IO blocks cut: A, Y or both (default all)
 *   cut <layer|*> <product|*> <severity>     severity in [0, 1]
 *   reroute <layer|*> <product|*> <rho>       substitution ratio in [0, 1]
 *   via <code>... [capacity <volume>]        intermediaries (optionally all
 *                                    given the same capacity; default none)
 *   capacity <code> <volume>         capacity of one intermediary (>= 0)
 *   markup <mu>                      transit mark-up >= 0 (default 0; money units only)
 *   throughput <factor>|none         leg bound: factor x observed flow (default 1)
 *   min_share <share>                routes below this share carry nothing (default 0.01)
 *   weight <code> <w>                calibrated route weight of an intermediary
 *   kind <layer> flow|stock          the layer's kind for this scenario, over
 *                                    the dataset's (flow_dataset_layer_kind)
 *
 * Names are resolved when the scenario is applied: a name that is a group of
 * the scenario stands for its members (members the model lacks are skipped
 * and counted), otherwise it must be a region code of the model (an
 * intermediary the model lacks is skipped and counted instead: it is only a
 * candidate route). Lookups of severity and rho try (layer, product),
 * (layer, *), (*, product), (*, *) in that order; none found means 0.
 * Example (data/scenarios/ has more; docs/scenarios.md explains them):
 *
 *   name g7_energy_russia
 *   group G7 USA JPN DEU FRA GBR ITA CAN
 *   sanctioning G7
 *   target RUS
 *   cut energy * 1.0
 *   reroute energy * 0.6
 *   via CHN IND TUR ARE KAZ HKG
 *   capacity HKG 50
 */
#ifndef LIBFLOW_SHOCK_H
#define LIBFLOW_SHOCK_H

#include "libflow/common.h"
#include "libflow/dataset.h"
#include "libflow/io.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The direction of a cut is a flow_direction (dataset.h), seen from the
 * sanctioning set S: FLOW_EXPORTS = S's sales to T (rows S, columns T),
 * FLOW_IMPORTS = S's purchases from T (rows T, columns S), FLOW_BOTH.
 */

/* Input-output channels a cut touches (a bit set). */
typedef enum flow_shock_channels {
    FLOW_SHOCK_INTERMEDIATE = 1,  /* blocks of A (changes the system) */
    FLOW_SHOCK_FINAL = 2,         /* blocks of final demand Y (system unchanged) */
    FLOW_SHOCK_ALL_CHANNELS = 3,  /* both */
    FLOW_SHOCK_CHANNELS_COUNT = 4 /* bound of the values */
} flow_shock_channels;

/* How a run solves the cut system (the option "solver", and reported). */
typedef enum flow_shock_solver {
    FLOW_SHOCK_SOLVER_AUTO = 0,     /* option only: choose as described above */
    FLOW_SHOCK_SOLVER_BASE = 1,     /* system unchanged: the model's LU */
    FLOW_SHOCK_SOLVER_WOODBURY = 2, /* low-rank update of the model's LU */
    FLOW_SHOCK_SOLVER_REFACTOR = 3, /* new LU factorisation of I - A~ */
    FLOW_SHOCK_SOLVER_COUNT = 4
} flow_shock_solver;

/*
 * Quantities of a result, per node (region x sector) or per region. Volumes
 * are losses: positive = less output than the baseline.
 */
typedef enum flow_shock_quantity {
    FLOW_SHOCK_OUTPUT = 0,                  /* baseline gross output x */
    FLOW_SHOCK_DEMAND_TOTAL = 1,            /* lens 1: x - x~ */
    FLOW_SHOCK_DEMAND_DIRECT = 2,           /* lens 1: d = (A - A~) x + (y - y~) */
    FLOW_SHOCK_DEMAND_INDIRECT = 3,         /* lens 1: total - direct */
    FLOW_SHOCK_SUPPLY_TOTAL = 4,            /* lens 2 (Ghosh exposure): x - x~ */
    FLOW_SHOCK_SUPPLY_DIRECT = 5,           /* lens 2: inputs lost at baseline */
    FLOW_SHOCK_SUPPLY_INDIRECT = 6,         /* lens 2: total - direct */
    FLOW_SHOCK_INOPERABILITY = 7,           /* lens 3: q clipped to [0, 1] */
    FLOW_SHOCK_INOPERABILITY_UNCLIPPED = 8, /* lens 3: q before clipping */
    FLOW_SHOCK_INOPERABILITY_LOSS = 9,      /* lens 3: x (.) clipped q */
    FLOW_SHOCK_CUT = 10,                    /* flow cut, by origin region (region only) */
    FLOW_SHOCK_LOST = 11,                   /* cut flow not rerouted, by origin (region only) */
    FLOW_SHOCK_REROUTED_VIA = 12,           /* volume carried as intermediary (region only) */
    FLOW_SHOCK_TRANSIT_RENT = 13,           /* mark-up earned as intermediary (region only) */
    FLOW_SHOCK_MARKUP_COST = 14,            /* mark-up paid as buyer (region only) */
    FLOW_SHOCK_SIZE = 15,                   /* report only: the economy's size in the system */
    FLOW_SHOCK_DISTRESS_INITIAL = 16,       /* report only: DebtRank h(1) (NaN: none) */
    FLOW_SHOCK_DISTRESS_FINAL = 17,         /* report only: DebtRank h(T) (NaN: none) */
    FLOW_SHOCK_QUANTITY_COUNT = 18
} flow_shock_quantity;

/*
 * What a cut of a stock layer (claims, positions) does to the claims cut
 * (the option "stock_cut"). A flow stops; a claim outstanding is
 * either frozen or withdrawn:
 *   WRITE_OFF  the claims are frozen: the lender loses (1 - recovery) of the
 *              claims no intermediary took over (initial distress of the
 *              lender); the borrower loses nothing at once.
 *   WITHDRAW   the claims are repaid at par and not renewed (deleveraging):
 *              the lender loses nothing; the borrower loses the funding no
 *              intermediary replaced and sells assets at the funding
 *              discount to repay it (initial distress of the borrower).
 *   AUTO       (default) WRITE_OFF for a full cut (severity 1: a freeze),
 *              WITHDRAW for a partial one (severity < 1: halving links is
 *              deleveraging, not a default).
 */
typedef enum flow_stock_cut {
    FLOW_STOCK_CUT_AUTO = 0,
    FLOW_STOCK_CUT_WRITE_OFF = 1,
    FLOW_STOCK_CUT_WITHDRAW = 2,
    FLOW_STOCK_CUT_COUNT = 3
} flow_stock_cut;

typedef struct flow_scenario flow_scenario;
typedef struct flow_shock_options flow_shock_options;
typedef struct flow_shock_batch flow_shock_batch;

/* ------------------------------------------------------------------ scenario */

/*
 * Creates an empty scenario: no sets, direction both, all channels, no cuts
 * (every severity 0), no rerouting, mark-up 0, name "scenario".
 * Returns FLOW_OK or FLOW_ERR_NOMEM; *out is NULL on failure. Free with
 * flow_scenario_free.
 */
FLOW_API int flow_scenario_new(flow_scenario **out);

/* Frees a scenario. NULL is a no-op. */
FLOW_API void flow_scenario_free(flow_scenario *scenario);

/* Deep copy of a scenario. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM. */
FLOW_API int flow_scenario_copy(flow_scenario **out, const flow_scenario *scenario);

/*
 * Reads a scenario from a text file in the format described at the top of
 * this header. Errors name the file, line and offending word:
 * FLOW_ERR_IO (unreadable), FLOW_ERR_PARSE (unknown keyword, missing or extra
 * word), FLOW_ERR_VALUE (a number that is not one or is out of range),
 * FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_scenario_read(flow_scenario **out, const char *path);

/*
 * Parses scenario text (NUL-terminated) in the same format; source names the
 * text in error messages (NULL gives "<text>"). Same status codes.
 */
FLOW_API int flow_scenario_parse(flow_scenario **out, const char *text, const char *source);

/* Sets the name (copied). Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM. */
FLOW_API int flow_scenario_set_name(flow_scenario *scenario, const char *name);

/*
 * Adds an economy code or group name to S / T / the intermediaries (copied;
 * adding a name twice is harmless). Returns FLOW_OK, FLOW_ERR_INVALID_ARG
 * (NULL or empty name), FLOW_ERR_NOMEM.
 */
FLOW_API int flow_scenario_add_sanctioning(flow_scenario *scenario, const char *name);
FLOW_API int flow_scenario_add_target(flow_scenario *scenario, const char *name);
FLOW_API int flow_scenario_add_intermediary(flow_scenario *scenario, const char *name);

/*
 * Adds member (an economy code) to the group name, creating the group.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM.
 */
FLOW_API int flow_scenario_add_group_member(flow_scenario *scenario, const char *group,
                                            const char *member);

/* Sets the direction (FLOW_EXPORTS/IMPORTS/BOTH). FLOW_ERR_INVALID_ARG otherwise. */
FLOW_API int flow_scenario_set_direction(flow_scenario *scenario, int direction);

/* Sets the channels (FLOW_SHOCK_INTERMEDIATE/FINAL/ALL_CHANNELS). */
FLOW_API int flow_scenario_set_channels(flow_scenario *scenario, int channels);

/*
 * Sets the severity (in [0, 1]) of the cut of one layer and product group;
 * NULL or "*" for either means "any". Setting the same pair again replaces it.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE (out of [0, 1] or
 * NaN), FLOW_ERR_NOMEM.
 */
FLOW_API int flow_scenario_set_severity(flow_scenario *scenario, const char *layer,
                                        const char *product, double severity);

/*
 * Sets the substitution ratio rho in [0, 1] (share of a cut flow that seeks a
 * route) for a layer and product group, as flow_scenario_set_severity (same
 * return codes).
 */
FLOW_API int flow_scenario_set_substitution(flow_scenario *scenario, const char *layer,
                                            const char *product, double rho);

/*
 * Sets the capacity (volume >= 0, INFINITY for none) of an intermediary,
 * adding it to the intermediaries if needed. FLOW_ERR_VALUE for a negative or
 * NaN capacity.
 */
FLOW_API int flow_scenario_set_capacity(flow_scenario *scenario, const char *name, double capacity);

/* Sets the transit mark-up mu >= 0. FLOW_ERR_VALUE for negative, NaN or Inf. */
FLOW_API int flow_scenario_set_markup(flow_scenario *scenario, double markup);

/*
 * Bounds on rerouting from observed trade (defaults: factor 1, share 0.01).
 * Throughput: each leg s -> h and h -> t of a route carries at most factor
 * times its observed flow in the cut channels, over all pairs using it
 * (INFINITY: unbounded; 0 forbids rerouting). Minimum share: a route whose
 * weight is below this share of its pair's total carries nothing.
 * FLOW_ERR_VALUE for a negative or NaN factor, a share outside [0, 1].
 */
FLOW_API int flow_scenario_set_throughput(flow_scenario *scenario, double factor);
FLOW_API int flow_scenario_set_min_share(flow_scenario *scenario, double share);

/*
 * Sets a calibrated route weight (finite, >= 0) of an intermediary, adding it
 * if needed (see flow_evasion_calibrate). Once any intermediary has one,
 * route weights are the calibrated weights (0 for intermediaries without
 * one) instead of the path intensity P_sh P_ht, on every route whose two
 * legs exist.
 */
FLOW_API int flow_scenario_set_weight(flow_scenario *scenario, const char *name, double weight);

/*
 * Declares the kind (flow_layer_kind, dataset.h) of a layer for the runs of
 * this scenario; it takes precedence over the dataset's kind in a shock
 * report. Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL scenario, NULL or
 * empty layer, kind out of range), FLOW_ERR_NOMEM.
 */
FLOW_API int flow_scenario_set_layer_kind(flow_scenario *scenario, const char *layer, int kind);

/* Name of the scenario (borrowed; valid until it is changed or the scenario freed). */
FLOW_API const char *flow_scenario_name(const flow_scenario *scenario);

/*
 * The scenario's cut plan as a new table (free with flow_table_free): the
 * scenario resolved once, as every run resolves it (shock reports resolve it
 * against the dataset's economies, runs against the model's regions).
 * dataset may be NULL (names are then not resolved); options may be NULL
 * (defaults: layer and product "*"). Columns "index", "capacity", "weight",
 * "severity", "rho", "kind"; rows, in this order:
 *   - one per member of S, T and the intermediaries, labelled by the
 *     economy code, row group "sanctioning", "target" or "intermediary" for
 *     a code named directly and "sanctioning:G" (...) for a member of the
 *     group G named there: "index" is the economy's index in the dataset
 *     (-1 when the dataset lacks it or no dataset is given), "capacity" and
 *     "weight" those of an intermediary (INFINITY / NaN when not given; NaN
 *     for S and T);
 *   - one per member of every group of the scenario, row group "group:G",
 *     "index" as above;
 *   - one per layer and product, row group "layer", labelled
 *     "layer:product": with a dataset every (layer, product) of its matrices,
 *     else every pair the scenario states a rate or kind for, and in both
 *     cases the options' layer and product; "severity" and "rho" after the
 *     fallbacks (layer, product), (layer, *), (*, product), (*, *) (0 when
 *     none applies), "kind" the flow_layer_kind the scenario declares, else
 *     the dataset's, NaN when neither says.
 * Scalars: "direction" (flow_direction), "channels" (flow_shock_channels),
 * "markup", "throughput" (INFINITY: unbounded), "min_share", "economies"
 * (the dataset's economies; 0 without one), "skipped" (group members and
 * intermediaries the dataset lacks; NaN without one), "sector_blocks"
 * (sector-specific blocks, sector_cut.h). The set columns "severity" to
 * "kind" and the layer columns "index" to "weight" are NaN.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL out or scenario),
 * FLOW_ERR_OVERFLOW (a group name over 500 bytes), FLOW_ERR_NOMEM; *out is
 * NULL on failure. Only reads its arguments; the table borrows nothing.
 */
FLOW_API int flow_scenario_plan(flow_table **out, const flow_scenario *scenario,
                                const flow_dataset *dataset, const flow_shock_options *options);

/* ------------------------------------------------------------------ options */

/*
 * Run options: which layer and product group the model stands for (selects
 * the severity and rho of the scenario; default "*" and "*"), the solver
 * (FLOW_SHOCK_SOLVER_AUTO), and the DebtRank conventions (self-loops removed,
 * nodes inactive after propagating once, at most 1000 rounds); set each with
 * flow_shock_options_set.
 * Returns FLOW_OK or FLOW_ERR_NOMEM; free with flow_shock_options_free.
 */
FLOW_API int flow_shock_options_new(flow_shock_options **out);
FLOW_API void flow_shock_options_free(flow_shock_options *options);

/*
 * Sets one option from text: name is a key below, value its text as a user
 * would type it (copied). Booleans are "1"/"0" (also "true"/"false",
 * "yes"/"no"); words (booleans, solver, stock_cut) match in any case, '-'
 * and '_' alike; numbers are decimal.
 *
 *   key                 value                              default
 *   layer, product      the layer and product the model    "*", "*"
 *                       stands for: they select the
 *                       scenario's severity and rho ("" or
 *                       "*": any)
 *   solver              auto | woodbury | refactor: the    auto
 *                       solver of cuts of A (final-demand-
 *                       only cuts always use the base LU)
 *   value_units         boolean: the model's unit counts   1
 *                       money. A mark-up is a price: with
 *                       0 (Mt, bcm) and a mark-up > 0,
 *                       transit rent and mark-up cost are
 *                       NaN. Reports set it per layer unit.
 *   keep_self_loops     boolean: DebtRank keeps W_ii       0
 *   single_propagation  boolean: a node is inactive once   1
 *                       it has propagated (Battiston et
 *                       al. 2012); 0 passes on every new
 *                       increment (Bardoscia et al. 2015)
 *   max_rounds          integer >= 1: DebtRank rounds      1000
 *   recovery            [0, 1]: share of a claim on a      0
 *                       defaulted borrower that is repaid
 *                       (Battiston et al. 2012: none); it
 *                       scales every impact, W_ji = min(1,
 *                       (1 - recovery) exposure_ij /
 *                       capital_i), and a write-off
 *   funding_discount    [0, 1]: equity a borrower loses    0.1
 *                       per unit of funding withdrawn and
 *                       not replaced (a stylised fire-sale
 *                       discount: set it from market data)
 *   stock_cut           auto | write_off | withdraw        auto
 *                       (flow_stock_cut)
 *   severity_lo,        [0, 1]: the Monte-Carlo draws of   1, 1
 *   severity_hi         flow_shock_batch_montecarlo take
 *                       severity uniform on [lo, hi]
 *   rho_lo, rho_hi      [0, 1]: and rho on [lo, hi]        0, 0
 *                       (a range with lo > hi is refused
 *                       by the run: FLOW_ERR_VALUE)
 *   size_attribute      flow_shock_report_new: the GDP     unset
 *                       attribute of the dataset, in USD
 *                       bn ("": unset, every economy sized
 *                       by its traded volume)
 *   capital_attribute   flow_shock_report_new: the bank-   unset
 *                       capital attribute DebtRank uses on
 *                       stock layers ("": unset, the cut
 *                       accounts only, no DebtRank)
 *   by_product          boolean: a report keeps every      0
 *                       product in its own system
 *   prices              flow_shock_report_new: prices per  unset
 *                       product, "crude_oil=520,
 *                       natural_gas=250" (each > 0, each
 *                       product once; "": unset), in USD_m
 *                       per unit of the product's matrices
 *                       (520 USD/t is 520 USD_m per Mt, 250
 *                       USD per 1000 m3 is 250 USD_m per
 *                       bcm). A priced physical matrix is
 *                       valued (flows x price) and its
 *                       system counts in USD_m, sized like
 *                       money; products without a price
 *                       keep their unit; a price on a
 *                       matrix already in money is refused
 *                       by the report (FLOW_ERR_VALUE)
 *
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument, unknown key, or a
 * value that does not parse or is out of range; flow_last_error names the key
 * and the value, e.g. "shock option 'recovery': '1.5' is not a number in
 * [0, 1]", and for an unknown key lists the known ones), FLOW_ERR_NOMEM.
 * On failure the options are unchanged. Not thread-safe on one options
 * handle.
 */
FLOW_API int flow_shock_options_set(flow_shock_options *options, const char *name,
                                    const char *value);

/* ------------------------------------------------------------------ one run */

/*
 * Applies scenario to model, evaluates lenses 1-3 (and the rerouting) and
 * writes the results as new tables (free each with flow_table_free):
 *   *regions  one row per region (labelled by region code), one column per
 *             quantity FLOW_SHOCK_OUTPUT to FLOW_SHOCK_MARKUP_COST, named
 *             after it in lower case ("output", "demand_total",
 *             "demand_direct", "demand_indirect", "supply_total",
 *             "supply_direct", "supply_indirect", "inoperability",
 *             "inoperability_unclipped", "inoperability_loss", "cut",
 *             "lost", "rerouted_via", "transit_rent", "markup_cost"):
 *             volumes summed over the region's sectors, inoperabilities as
 *             the output-weighted mean (region loss / region output), the
 *             cut and rerouting accounts by region. Named scalars: "cut",
 *             "rerouted", "lost" (totals; cut = rerouted + lost),
 *             "solver" (FLOW_SHOCK_SOLVER_BASE/WOODBURY/REFACTOR), "rank"
 *             (of a Woodbury update, else 0), "sanctioning" and "target"
 *             (regions resolved in S and T) and "skipped" (group members
 *             the model lacks).
 *   *nodes    (may be NULL: not wanted) one row per node (region x sector,
 *             labelled as flow_io_diagnostics labels them) with the columns
 *             "output" to "inoperability_loss".
 * options may be NULL (defaults). (factors) The model's cached factorisation
 * of I - A is computed on first use (see io.h: do not run this concurrently
 * with other calls on the same model until flow_io_model_factor succeeded);
 * otherwise the model is only read.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL regions, model or scenario),
 * FLOW_ERR_UNKNOWN_LABEL (a name of the scenario is neither a group nor a
 * region of the model; the message names it), FLOW_ERR_SINGULAR (the cut
 * system is singular), FLOW_ERR_NOT_PRODUCTIVE (the model or the cut
 * system), FLOW_ERR_NOMEM, FLOW_ERR_OVERFLOW. *regions and *nodes are NULL
 * on failure. The tables do not borrow from the model.
 */
FLOW_API int flow_shock_run(flow_table **regions, flow_table **nodes, flow_io_model *model,
                            const flow_scenario *scenario, const flow_shock_options *options);

/*
 * Inoperability input-output model on explicit coefficients (Haimes & Jiang
 * 2001): solves (I - A*) q = c* for n sectors, A* row-major with row stride
 * astar_stride, and writes q into q_out (q_len >= n), clipped to [0, 1]
 * when clip != 0. n = 0 is an empty system: FLOW_OK, nothing written.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG,
 * FLOW_ERR_BUFFER_TOO_SMALL, FLOW_ERR_SINGULAR, FLOW_ERR_NOMEM.
 * Thread-safe. n = 0 gives FLOW_OK with nothing written.
 */
FLOW_API int flow_shock_inoperability(double *q_out, int64_t q_len, int64_t n, const double *astar,
                                      int64_t astar_stride, const double *cstar, int clip);

/* ------------------------------------------------------------------ report */

/*
 * The combined report of a scenario on a dataset: for the year given, every
 * layer (and product) matrix the scenario cuts (severity > 0 for its layer
 * and product; the options' layer and product, "*" by default, select which
 * matrices are considered) becomes a country-level system
 * (flow_io_model_new_country) over the economies with flows in it. Matrices
 * of one layer with the same unit and the same severity and rho are summed
 * into one system (product "*") unless by_product is set, so that a cut flow
 * can be rerouted as another product of the layer (crude out, oil products
 * back). Every system is flow_io_model_new_from_dataset's with the default
 * size convention FLOW_SIZE_GDP_PLUS_IMPORTS and size_attribute as the GDP
 * attribute (no size_attribute: traded volumes), so value added is GDP,
 * final demand is absorption and every system is productive. Each flow system gets lenses 1-3
 * and the rerouting accounts. A stock system (the scenario's kind for the layer, else
 * flow_dataset_layer_kind: "finance" by default) gets no lens of flows: its lens quantities are
 * NaN ("not applicable": its "kind" column says why), its "size" is the gross position (claims
 * held plus owed, in the layer's unit; never GDP, a flow), its "lost" the claims each economy no
 * longer holds ("rerouted_via" and "transit_rent" as for flows; the other region quantities NaN),
 * and the cut goes through flow_debtrank_run_scenario (with the options' recovery, funding
 * discount and stock cut): DebtRank when capital_attribute is set (economies without capital data
 * take no distress), the cut accounts in any case.
 *
 * Units. A system counts in its matrices' unit. Physical matrices (Mt, bcm,
 * ...) priced by the option "prices" are multiplied by their product's price
 * and count in USD_m (unit "USD_m" = USD_m per physical unit x physical
 * unit): priced products of a layer join one system like money, which is then
 * sized by GDP + imports (value added = GDP) with size_attribute, and whose
 * intermediaries' capacities (stated in the layer's unit) are converted at
 * the system's average unit value (its money over its physical volume; with
 * by_product, the product's price). Unpriced physical systems keep their
 * unit and are sized by their traded volume (sent + received): their losses
 * are volumes and only their shares of size are meaningful; the systems
 * table says which is which ("value_units", "price").
 *
 * The report is two new tables (free each with flow_table_free); a system is
 * labelled "layer:product" (product "*" when several are summed):
 *   *economies  one row per system and economy of the dataset's axis (label
 *               the economy code, row group the system), one column per
 *               flow_shock_quantity named as in flow_shock_run ("output" to
 *               "markup_cost", then "size", "distress_initial",
 *               "distress_final"). Economies outside a system get 0 (size 0;
 *               distress NaN; distress is NaN too in systems without
 *               DebtRank).
 *   *systems    one row per system (label the system, row group its unit),
 *               columns "economies", "severity", "rho", "cut", "rerouted",
 *               "lost", "solver" (FLOW_SHOCK_SOLVER_*), "rank" (Woodbury
 *               rank), "skipped" (group members the system lacked),
 *               "initial_impact", "final_impact" and "debtrank" (the
 *               value-weighted DebtRank distress h(1), h(T) and R; NaN
 *               without DebtRank), "kind" (the layer's flow_layer_kind),
 *               "value_units" (1: the system counts in money, natively or
 *               priced; 0: in physical units, shares only meaningful) and
 *               "price" (USD_m per physical unit applied, the average over
 *               summed products; NaN when not priced); the scalar "year".
 * A batch on one flow system runs on flow_io_model_new_from_dataset's model
 * of that layer, product and year with options naming the same layer and
 * product (a stock system has no IO model of flows). Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_NOT_FOUND (a named attribute is missing, or
 * the scenario cuts none of the matrices), the codes of flow_shock_run and
 * flow_debtrank_run_scenario (the message names the layer), FLOW_ERR_VALUE (a
 * price on a matrix already in money), FLOW_ERR_NOMEM.
 * Both outputs are NULL on failure. The tables do not borrow from the dataset
 * or the scenario.
 */
FLOW_API int flow_shock_report_new(flow_table **economies, flow_table **systems,
                                   const flow_dataset *dataset, int64_t year,
                                   const flow_scenario *scenario,
                                   const flow_shock_options *options);

/* ------------------------------------------------------------------ batches */

/*
 * Runs count scenarios on one model. Scenarios that cut final demand only are
 * solved together with one multi-right-hand-side solve on the model's
 * factorisation; the others each get a Woodbury update or a new factorisation
 * (as in flow_shock_run). scenarios is an array of count handles (only read).
 * Returns as flow_shock_run; the message names the failing scenario's index.
 * *out is NULL on failure; free with flow_shock_batch_free.
 * count = 0 gives FLOW_OK and an empty batch.
 */
FLOW_API int flow_shock_batch_run(flow_shock_batch **out, flow_io_model *model,
                                  const flow_scenario *const *scenarios, int64_t count,
                                  const flow_shock_options *options);

/*
 * One scenario per resolved member region of the sanctioning set of
 * scenario ("each G7 member alone"), in model region order; the member's
 * region index is the "member" column of the FLOW_SHOCK_BATCH_SCENARIOS
 * table. Returns as
 * flow_shock_batch_run; *out is NULL on failure.
 */
FLOW_API int flow_shock_batch_each_member(flow_shock_batch **out, flow_io_model *model,
                                          const flow_scenario *scenario,
                                          const flow_shock_options *options);

/*
 * steps >= 2 copies of scenario whose rho for the options' layer and product
 * (the entry those select, which takes precedence in the lookup) runs evenly
 * from rho_from to rho_to (both in [0, 1]; FLOW_ERR_VALUE otherwise). The
 * "rho" column of the FLOW_SHOCK_BATCH_SCENARIOS table gives the rho of each.
 */
FLOW_API int flow_shock_batch_sweep_substitution(flow_shock_batch **out, flow_io_model *model,
                                                 const flow_scenario *scenario, double rho_from,
                                                 double rho_to, int64_t steps,
                                                 const flow_shock_options *options);

/*
 * Monte-Carlo: draws copies of scenario whose severity and rho for the
 * options' layer and product are uniform on the options' ranges
 * (the options severity_lo/_hi and rho_lo/_hi; default severity [1, 1],
 * rho [0, 0]; FLOW_ERR_VALUE when a range is not ordered), one
 * draw of each per scenario, from a generator seeded with seed (xoshiro256**
 * seeded by splitmix64, state local to the call: the same seed gives the same
 * draws on every platform and thread). Draws that cut final demand only share
 * one solve; when their demand changes span few directions (as draws of one
 * cut do), the batch keeps each draw's cut accounts and its coefficients on a
 * solved basis of that span, not its n-vectors, and rebuilds a draw's values
 * when a table asks for them (10,000 draws at n = 4000: about 3 MB instead
 * of 640 MB). Use flow_shock_batch_percentiles for bands.
 * Returns as flow_shock_batch_run, FLOW_ERR_INVALID_ARG for draws < 1; *out
 * is NULL on failure.
 */
FLOW_API int flow_shock_batch_montecarlo(flow_shock_batch **out, flow_io_model *model,
                                         const flow_scenario *scenario, int64_t draws, int64_t seed,
                                         const flow_shock_options *options);

/* Frees a batch. NULL is a no-op. */
FLOW_API void flow_shock_batch_free(flow_shock_batch *batch);

/* The tables of a batch (flow_shock_batch_table). */
typedef enum flow_shock_batch_part {
    /* One row per scenario, labelled by its index ("0", "1", ...): columns
     * "member" (the member's region index for each_member, else -1),
     * "severity" and "rho" (for the options' layer and product). */
    FLOW_SHOCK_BATCH_SCENARIOS = 0,
    /* One row per scenario and region (row group the scenario's index, label
     * the region code), the region columns of flow_shock_run. */
    FLOW_SHOCK_BATCH_REGIONS = 1,
    /* One row per scenario and node (row group the scenario's index), the
     * node columns of flow_shock_run. */
    FLOW_SHOCK_BATCH_NODES = 2,
    FLOW_SHOCK_BATCH_PART_COUNT = 3
} flow_shock_batch_part;

/*
 * A new table of one part of a batch (free with flow_table_free). Every part
 * carries the work done as scalars: "factorisations" (LU factorisations of
 * n x n systems besides the model's cached one), "woodbury" (Woodbury
 * updates) and "base_solves" (multi-right-hand-side solves on the base
 * factorisation). Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument,
 * unknown part), FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM; *out is NULL on failure.
 */
FLOW_API int flow_shock_batch_table(flow_table **out, const flow_shock_batch *batch, int part);

/*
 * Percentile bands over the scenarios of a batch: a new table with one row
 * per region (labelled by its code) and one column per percentile p in
 * [0, 100] of percentiles (count np >= 1, named "p" and p as %g, e.g. "p5",
 * "p50", "p97.5"): the p-th percentile of the region's quantity (a region
 * quantity of flow_shock_quantity) across scenarios, linearly interpolated
 * between order statistics (numpy's default, found by selection and
 * interpolated as numpy does: numpy.percentile's numbers to the bit); NaN
 * for a region whose quantity is NaN in any scenario (e.g. markup_cost
 * without a mark-up), as numpy gives. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG (NULL argument, np < 1, empty batch, a quantity that
 * is not a region quantity), FLOW_ERR_VALUE (p outside [0, 100]),
 * FLOW_ERR_NOMEM; *out is NULL on failure.
 */
FLOW_API int flow_shock_batch_percentiles(flow_table **out, const flow_shock_batch *batch,
                                          int quantity, const double *percentiles, int64_t np);

/* ------------------------------------------------------------------ DebtRank */

/*
 * DebtRank (Battiston et al. 2012) on n institutions or economies.
 * exposure is n x n row-major (row stride exposure_stride): exposure[i][j] =
 * claims of lender i on borrower j (row = lender, DESIGN.md section 4), >= 0.
 * capital (n values, >= 0) are the loss-absorbing buffers. The impact of j's
 * distress on i is W_ji = min(1, (1 - recovery) exposure[i][j] / capital_i)
 * (0 when the exposure is 0; 1 when the capital is 0 and the exposure
 * positive; recovery from the option "recovery", default 0).
 * initial (n values in [0, 1]) is the distress h(1) at the start; value
 * (n values >= 0, or NULL for each node's share of total claims) weighs nodes
 * in R. Propagation:
 *   h_i(t) = min(1, h_i(t-1) + sum_{j active} W_ji h_j(t-1))
 * where, with single propagation (default), j is active in the round after it
 * became distressed and inactive afterwards; otherwise every node passes on
 * the increment of its distress since it last propagated. Stops when no node
 * is active (increments below 1e-12 are not passed on), or after max_rounds.
 * A round counts when some node passed distress on.
 * R = sum_i value_i h_i(T) - sum_i value_i h_i(1) (the distress the network
 * adds to the initial shock).
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_VALUE (negative or NaN
 * entry, distress outside [0, 1]; the message names the index),
 * FLOW_ERR_NOMEM. *out is NULL on failure.
 * The result is a new table (free with flow_table_free): one row per node
 * (unlabelled), columns "distress_initial" (h(1)) and "distress_final"
 * (h(T)), and the scalars "rank" (R), "initial_impact" and "final_impact"
 * (the value-weighted h(1) and h(T)) and "rounds" (propagation rounds run).
 * n = 0 gives FLOW_OK and an empty table.
 */
FLOW_API int flow_debtrank_run(flow_table **out, int64_t n, const double *exposure,
                               int64_t exposure_stride, const double *capital,
                               const double *initial, const double *value,
                               const flow_shock_options *options);

/*
 * DebtRank of a scenario on a stock layer (claims of lender i on borrower j).
 * exposure is a square table of claims (row = lender, only read) whose n row
 * labels are the economies' codes: they resolve the scenario's sets and label
 * the rows of the result. The scenario's cut (severity and rho of the
 * options' layer/product) is applied to the claims as flow_shock_run applies
 * it to flows: a share rho of every cut claim s -> t is rerouted through the
 * intermediaries (held as s -> h and h -> t, within the throughput and
 * capacity bounds), the rest is lost; the channels setting does not apply to
 * positions. With E the claims before and E~ after the cut, each economy's
 * claims lost are claims_lost_i = max(0, sum_j E_ij - E~_ij) and its funding
 * lost funding_lost_j = max(0, sum_i E_ij - E~_ij). By the options' stock cut
 * (flow_stock_cut; AUTO: a full cut is a freeze, a partial cut a withdrawal):
 *   write-off   h_i(1) = min(1, (1 - recovery) claims_lost_i / capital_i)
 *   withdrawal  h_j(1) = min(1, funding_discount funding_lost_j / capital_j)
 * Distress then propagates as in flow_debtrank_run on the claims left, E~
 * (node values: shares of the claims before the cut). The table has the
 * columns of flow_debtrank_run plus "claims_lost", "funding_lost" (in the
 * exposures' unit, whichever the mode), "rerouted_via" (claims carried as
 * intermediary) and "transit_rent" (the scenario's mark-up on them), and the
 * scalars of flow_debtrank_run plus "severity", "cut", "rerouted", "lost"
 * (cut = rerouted + lost), "stock_cut" (the flow_stock_cut applied) and
 * "skipped" (group members the economies lack).
 * Returns as flow_debtrank_run plus FLOW_ERR_UNKNOWN_LABEL, and
 * FLOW_ERR_INVALID_ARG for a table that is not square or has an unlabelled
 * row. A table of 0 rows is FLOW_ERR_UNKNOWN_LABEL (the scenario's codes name
 * no bank).
 */
FLOW_API int flow_debtrank_run_scenario(flow_table **out, const flow_table *exposure,
                                        const double *capital, const double *value,
                                        const flow_scenario *scenario,
                                        const flow_shock_options *options);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_SHOCK_H */
