/*
 * libflow/evasion.h - evasion of sanctions read from a panel of flows:
 * diagnostics by product and pair of years, and the calibration and
 * back-test of the rerouting model.
 *
 * The panel is a flow_dataset holding several years of one layer (value,
 * exporter-reported or reconciled), optionally with a mirror layer (the same
 * flows as the importer reports them, oriented exporter -> importer: UN
 * Comtrade's M rows) and a quantity layer (BACI's q, for unit values). Its
 * products are the dataset's product groups (HS6 codes, or the groups of a
 * concordance given to the dataset). The question is always: sources S
 * (the sanctioning economies) stopped selling to targets T between year y0
 * and year y1; did their sales to intermediaries H rise instead, and do the
 * intermediaries' sales to T rise with them?
 *
 * Diagnostics (flow_evasion_diagnose; each a flow_table with lower-case
 * column names; rows as stated):
 *  - FLOW_EVASION_SUBSTITUTION: the observed substitution ratio by product,
 *    rise of X(S -> H) over the drop of X(S -> T), rho_obs = dX(S->H) /
 *    -dX(S->T) (Chupilkin, Javorcik & Plekhanov 2023, "The Eurasian
 *    roundabout", EBRD WP 281). Rows: products, then "total". Columns:
 *    target_y0, target_y1, drop, intermediaries_y0, intermediaries_y1, rise,
 *    ratio (NaN when nothing dropped).
 *  - FLOW_EVASION_COMOVEMENT: per intermediary h, whether its purchases from
 *    S and its sales to T move together across products: Pearson
 *    correlation over products of dX(S -> h, k) and dX(h -> T, k) (NaN with
 *    fewer than 3 products or no variation). Rows: intermediaries. Columns:
 *    rise_in, rise_out, products, both_rise, correlation.
 *  - FLOW_EVASION_MIRROR: mirror gaps (importer report over exporter report;
 *    outside the CIF/FOB band [lo, hi] is suspect) and goods "lost in
 *    transit", max(0, lo x exporter - importer): what the exporter declared
 *    for h beyond anything h recorded as arriving (Chupilkin, Javorcik &
 *    Plekhanov 2023). Rows: flows S -> h and h -> T by product, labelled
 *    "ORIGIN>DESTINATION" with the product as group. Columns: exporter_y0,
 *    importer_y0, exporter_y1, importer_y1, ratio_y0, ratio_y1, outside_y1,
 *    lost_y0, lost_y1. No rows without a mirror layer. A pair is compared in
 *    a year only when both sides report: the exporter has a non-zero flow
 *    in its row of the value layer and the importer in its column of the
 *    mirror layer that year (any product). Otherwise that year's ratio,
 *    outside and lost are NaN (a non-reporter's missing report is no loss),
 *    and a flow compared in neither year has no row.
 *  - FLOW_EVASION_UNIT_VALUES: unit values v / q of the flows S -> h, h -> T
 *    and S -> T by product in both years, and jumps: |log(uv1 / uv0)| >
 *    log(jump factor). Rows as for MIRROR (flows with q > 0 in both years).
 *    Columns: uv_y0, uv_y1, log_change, jump. No rows without a quantity layer.
 *  - FLOW_EVASION_SUSPECTS: intermediaries ranked by the share of the drop
 *    of S -> T they absorbed, with the evidence for each. Columns: rise_in,
 *    growth_in (X1 / X0 - 1 of S -> h), rise_out, share_of_drop,
 *    correlation, lost_in_transit (change of lost_y1 - lost_y0 over its
 *    flows; NaN without mirror), unit_value_jumps (NaN without quantities),
 *    evidence (count of: growth_in > 0.5, rise_out > 0, correlation > 0.5,
 *    lost_in_transit > 0, unit_value_jumps > 0), score (= share_of_drop).
 *
 * Units: the layer's (money for values; the quantity layer's own unit).
 * Threads: options are not modified concurrently; diagnose and calibrate
 * only read the dataset and options and may run concurrently.
 */
#ifndef LIBFLOW_EVASION_H
#define LIBFLOW_EVASION_H

#include "libflow/common.h"
#include "libflow/dataset.h"
#include "libflow/shock.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Roles of economies in an evasion question (options "sources", "targets",
 * "intermediaries"). */
typedef enum flow_evasion_role {
    FLOW_EVASION_SOURCE = 0,       /* S: the sanctioning economies, whose sales are cut */
    FLOW_EVASION_TARGET = 1,       /* T: the sanctioned economies */
    FLOW_EVASION_INTERMEDIARY = 2, /* H: candidate routes (none given: every other economy) */
    FLOW_EVASION_ROLE_COUNT = 3
} flow_evasion_role;

/* Diagnostics (flow_evasion_diagnose). */
typedef enum flow_evasion_diagnostic {
    FLOW_EVASION_SUBSTITUTION = 0,
    FLOW_EVASION_COMOVEMENT = 1,
    FLOW_EVASION_MIRROR = 2,
    FLOW_EVASION_UNIT_VALUES = 3,
    FLOW_EVASION_SUSPECTS = 4,
    FLOW_EVASION_DIAGNOSTIC_COUNT = 5
} flow_evasion_diagnostic;

typedef struct flow_evasion_options flow_evasion_options;

/*
 * Options with the defaults: no economies, years 0 and 0 (must be set),
 * value layer "trade", no mirror or quantity layer, CIF/FOB band [1, 1.2],
 * unit-value jump factor 2, 200 bootstrap draws with seed 1.
 * Returns FLOW_OK or FLOW_ERR_NOMEM; *out is NULL on failure. Free with
 * flow_evasion_options_free (NULL is a no-op).
 */
FLOW_API int flow_evasion_options_new(flow_evasion_options **out);
FLOW_API void flow_evasion_options_free(flow_evasion_options *options);

/*
 * Sets one option: name is a key of the table below, value its text. A list
 * value replaces the list; "" clears it. Read by flow_evasion_diagnose and
 * flow_evasion_calibrate.
 *   sources           comma list of economy codes (or aliases of the
 *                     dataset's axis, resolved when used): S, the sanctioning
 *                     economies, whose sales are cut (FLOW_EVASION_SOURCE;
 *                     default none, at least one needed).
 *   targets           T, the sanctioned economies (FLOW_EVASION_TARGET;
 *                     default none, at least one needed).
 *   intermediaries    H, candidate routes (FLOW_EVASION_INTERMEDIARY;
 *                     default none: every other economy).
 *   years             "Y0,Y1" or "Y0,Y1,Y2": the pair of years compared (Y0
 *                     before, Y1 after, Y0 != Y1), and for the back-test the
 *                     later year Y2 predicted out of sample (0 or absent:
 *                     none). Must be set (default 0 and 0).
 *   layer             the value layer (a name, not ""; default "trade").
 *   mirror            layer of the importers' reports ("" default: none).
 *   quantity          layer of the quantities ("" default: none).
 *   band              "LO,HI": CIF/FOB band of the ratio importer / exporter
 *                     report (0 < LO <= HI, finite; default "1,1.2").
 *   jump              unit-value jump factor (finite number > 1; default 2).
 *   bootstrap         bootstrap draws of flow_evasion_calibrate (integer
 *                     >= 0; default 200).
 *   seed              their seed (integer >= 0; default 1).
 * Returns FLOW_OK; FLOW_ERR_INVALID_ARG for NULL options, name or value, an
 * unknown name, or a value that does not parse or lies out of range, with
 * flow_last_error naming the key and the value ("evasion option 'jump': '1'
 * is not a finite number > 1"); FLOW_ERR_NOMEM. On failure the options are
 * unchanged.
 */
FLOW_API int flow_evasion_options_set(flow_evasion_options *options, const char *name,
                                      const char *value);

/*
 * Runs one diagnostic (flow_evasion_diagnostic) on the panel and returns it
 * as a new table (free with flow_table_free). Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG (NULL argument, diagnostic out of range, years not
 * set, no source or no target), FLOW_ERR_UNKNOWN_LABEL (a code the dataset
 * lacks, named), FLOW_ERR_NOT_FOUND (no matrix of the value layer in y0 or
 * y1), FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_evasion_diagnose(flow_table **out, const flow_dataset *panel,
                                   const flow_evasion_options *options, int diagnostic);

/*
 * Calibration of the rerouting model on the pair of years and back-test
 * (Lawson & Hanson 1974 non-negative least squares, on LAPACK's QR).
 *
 * Observations (in the layer's unit), with cut(s, k) = max(0, -dX(s -> T, k))
 * from y0 to y1:
 *  - out-leg, when the panel has intermediary -> target flows, per product
 *    and h: dX(h -> T, k) = theta_h sum_s cut(s, k) + g X0(h -> T, k)
 *    (rerouting shows in what h sells on to T; h's purchases from S also
 *    feed its own demand);
 *  - otherwise the in-leg, per source s, product k and intermediary h with
 *    trade: dX(s -> h, k) = theta_h cut(s, k) + g X0(s -> h, k).
 * theta_h >= 0 is the share of the cut that h carries; g is a growth rate
 * common to all intermediaries (the trend that rerouting must be told apart
 * from; free in sign). All are fitted at once by NNLS on the stacked design
 * (columns theta_1..theta_H, g+, g- of the in-leg, g+, g- of the out-leg). rho = sum_h theta_h is
 * the calibrated substitution ratio and w_h = theta_h / rho the route weights that
 * flow_evasion_scenario writes. Fit: R^2 and RMSE over all observations. Back-test: with y2, the
 * fit predicts the rises from y0 to y2; without, each unit (product when there are five or more,
 * else source) is predicted by the fit on the other units (leave one out). The uncalibrated model
 * predicts the same observations: rho 0.7 spread by the path intensity X(s -> h) X(h -> T) of y0
 * (by X(s -> h) alone when no h -> T flows are observed). Bootstrap over the same units (resampled
 * with replacement and refitted, draws and seed from the options) gives 5 % and 95 % bands of
 * theta_h, rho and, with y2, of the out-of-sample RMSE.
 *
 * Returns a table with one row per intermediary and then rows "rho",
 * "fit" and "backtest". Intermediary rows: theta, theta_lo, theta_hi,
 * weight, and summed over h's observations the out-of-sample predicted
 * rise, the observed rise and the uncalibrated prediction. Row "rho": theta = rho,
 * theta_lo/hi its band. Row "fit": theta = R^2, predicted = RMSE, observed =
 * number of observations. Row "backtest": predicted = out-of-sample RMSE of
 * the calibrated model (theta_lo/hi its band with y2), uncalibrated = RMSE
 * of the uncalibrated model, observed = number of observations, weight = 0
 * for a later year, 1 for leave-one-out. Other cells are NaN.
 * Returns the codes of flow_evasion_diagnose and FLOW_ERR_NOT_FOUND when no
 * source trades with an intermediary. *out is NULL on failure.
 */
FLOW_API int flow_evasion_calibrate(flow_table **out, const flow_dataset *panel,
                                    const flow_evasion_options *options);

/*
 * Writes a calibration into a scenario: the substitution ratio rho for
 * (layer, "*"), every intermediary with theta > 0 added with its weight
 * w_h. calibration is a table made by flow_evasion_calibrate. Returns
 * FLOW_OK, FLOW_ERR_INVALID_ARG (NULL, or a table without the rows and
 * columns of a calibration), the codes of the scenario setters.
 */
FLOW_API int flow_evasion_scenario(flow_scenario *scenario, const flow_table *calibration,
                                   const char *layer);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_EVASION_H */
