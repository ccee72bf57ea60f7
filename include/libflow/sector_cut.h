/*
 * libflow/sector_cut.h - sector-specific sanctions in a scenario, run on a
 * multi-regional IO model: cuts that name the selling regions, the products
 * (sectors or sector groups) and the buying regions, with a severity per
 * block. They are part of the flow_scenario (shock.h): there is one way to
 * state a cut, its text format or its setters.
 *
 * A block (S, P, T, s) removes the share s of what the regions T buy of the
 * products P made in the regions S: entries a_ij of A with i a sector of P
 * in a region of S and j any sector of a region of T (intermediate channel),
 * and entries Y_ic with c a final-demand column owned by a region of T (final
 * channel). A region's purchases from itself are never cut. Where blocks
 * overlap the largest severity applies. Everything else stays as it is.
 *
 * Lenses, with Phi the lost shares, dA = Phi o A, A~ = A - dA and dy_i the
 * final demand lost on row i (as docs/scenarios.md describes for the
 * region-pair cuts of shock.h):
 *   cut            d = dA x + dy: sales lost at baseline activity
 *   demand_loss    dx = (I - A~)^-1 d (Leontief)
 *   supply_loss    the Ghosh loss: (I - A~)' (dx_s / x) = c, c_j = sum_i dA_ij
 *   inoperability  dx / x clipped to [0, 1] (Haimes & Jiang 2001)
 * one LU of I - A~, no inverse.
 *
 * The statements a scenario file (flow_scenario_read/parse) takes for them,
 * beside its own; words separated by blanks, lists by commas:
 *   group <name> <region>...            a group of regions (the scenario's groups)
 *   sectors <name> <sector>...          a group of sectors (repeatable)
 *   sectors_from <file.csv>             sector groups from a concordance CSV
 *                                       (sector,group after a header row;
 *                                       a relative path is taken from the
 *                                       scenario file's folder, or the working
 *                                       directory for flow_scenario_parse; a
 *                                       regular file, never a device or pipe)
 *   cut <sellers> <products> <buyers> <severity> [intermediate|final|all]
 * e.g. "cut RUS energy EU,G7 1". Group members the model lacks are skipped
 * (and counted); any other name must be a region or sector code of the
 * model. Errors name the file, line and word.
 *
 * On an IO model with region and sector codes, flow_scenario_run_io resolves
 * the scenario once into a cut plan and runs, as blocks of one cut with the
 * lenses above: every sector-specific cut, and every region-pair cut
 * "cut * P s" (layer "*": an IO model has no layers; P a sector, sector
 * group or "*") as the blocks (S, P, T, s) for direction exports and
 * (T, P, S, s) for imports, S and T the sanctioning and target sets, in the
 * scenario's channels. A region-pair cut on a named layer and any rerouting
 * are refused (FLOW_ERR_VALUE), not ignored. The region-pair systems of
 * flow_shock_run, flow_shock_report_new and the batches refuse a scenario
 * with sector-specific cuts (FLOW_ERR_VALUE, naming it).
 *
 * Threads: running a scenario factors a new matrix and only reads the
 * scenario and the model (whose own LU is not touched).
 */
#ifndef LIBFLOW_SECTOR_CUT_H
#define LIBFLOW_SECTOR_CUT_H

#include "libflow/common.h"
#include "libflow/io.h"
#include "libflow/shock.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Channels a block cuts (values stable). */
typedef enum flow_sector_channel {
    FLOW_SECTOR_CUT_ALL = 0,          /* A and Y */
    FLOW_SECTOR_CUT_INTERMEDIATE = 1, /* A only */
    FLOW_SECTOR_CUT_FINAL = 2,        /* Y only */
    FLOW_SECTOR_CHANNEL_COUNT = 3
} flow_sector_channel;

/* Adds member to the sector group group. FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM. */
FLOW_API int flow_scenario_add_sector_group_member(flow_scenario *scenario, const char *group,
                                                   const char *member);

/*
 * Adds a sector-specific block: sellers, products and buyers are
 * comma-separated lists of codes or groups (copied); severity in [0, 1];
 * channels a flow_sector_channel. Returns FLOW_OK, FLOW_ERR_INVALID_ARG,
 * FLOW_ERR_NOMEM.
 */
FLOW_API int flow_scenario_add_sector_cut(flow_scenario *scenario, const char *sellers,
                                          const char *products, const char *buyers, double severity,
                                          int channels);

/*
 * Runs scenario on model as described above: a new table of n rows (sector,
 * region as group) and the columns "x" (baseline output), "cut",
 * "demand_loss", "supply_loss", "inoperability", with the scalar "blocks"
 * (number of blocks run).
 * The caller frees it. Returns FLOW_OK, FLOW_ERR_INVALID_ARG,
 * FLOW_ERR_VALUE (nothing to cut, a layer named, rerouting),
 * FLOW_ERR_UNKNOWN_LABEL, FLOW_ERR_SINGULAR / FLOW_ERR_NOT_PRODUCTIVE,
 * FLOW_ERR_NOMEM; *out NULL on failure. *skipped (may be NULL) receives the
 * number of group members the model lacks. Only reads scenario and model.
 */
FLOW_API int flow_scenario_run_io(flow_table **out, const flow_scenario *scenario,
                                  const flow_io_model *model, int64_t *skipped);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_SECTOR_CUT_H */
