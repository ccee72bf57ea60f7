/*
 * libflow/sector_cut.h - sector-specific sanctions on a multi-regional IO
 * model: cuts that name the selling regions, the products (sectors or sector
 * groups) and the buying regions, with a severity per block.
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
 * The scenario file: one statement per line, '#' starts a comment, words
 * separated by blanks, lists by commas:
 *   name <word>
 *   group <name> <region>...            a group of regions (repeatable)
 *   sectors <name> <sector>...          a group of sectors (repeatable)
 *   sectors_from <file.csv>             sector groups from a concordance CSV
 *                                       (sector,group after a header row;
 *                                       a relative path is taken from the
 *                                       scenario file's folder; a regular
 *                                       file, never a device or pipe)
 *   cut <sellers> <products> <buyers> <severity> [intermediate|final|all]
 * e.g. "cut RUS energy EU,G7 1". Group members the model lacks are skipped
 * (and counted); any other name must be a region or sector code of the
 * model. Errors name the file, line and word.
 *
 * Threads: a cut is immutable once built; running it factors a new matrix
 * and only reads the model (whose own LU is not touched).
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

typedef struct flow_sector_cut flow_sector_cut;

/* Channels a block cuts (values stable). */
typedef enum flow_sector_channel {
    FLOW_SECTOR_CUT_ALL = 0,          /* A and Y */
    FLOW_SECTOR_CUT_INTERMEDIATE = 1, /* A only */
    FLOW_SECTOR_CUT_FINAL = 2,        /* Y only */
    FLOW_SECTOR_CHANNEL_COUNT = 3
} flow_sector_channel;

/* An empty cut named "scenario". FLOW_OK or FLOW_ERR_NOMEM; *out NULL on failure. */
FLOW_API int flow_sector_cut_new(flow_sector_cut **out);

/* Frees a cut. NULL is a no-op. */
FLOW_API void flow_sector_cut_free(flow_sector_cut *cut);

/*
 * Reads a scenario file (see above). Returns FLOW_OK, FLOW_ERR_IO,
 * FLOW_ERR_PARSE (naming file, line and word), FLOW_ERR_NOMEM; *out NULL on
 * failure.
 */
FLOW_API int flow_sector_cut_read(flow_sector_cut **out, const char *path);

/* The same for text in memory; source names it in messages (NULL: "<text>"). */
FLOW_API int flow_sector_cut_parse(flow_sector_cut **out, const char *text, const char *source);

/* Sets the name (copied). FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM. */
FLOW_API int flow_sector_cut_set_name(flow_sector_cut *cut, const char *name);

/* Adds member to the region group (or, with sectors = 1, the sector group) group. */
FLOW_API int flow_sector_cut_add_group_member(flow_sector_cut *cut, int sectors, const char *group,
                                              const char *member);

/*
 * Adds a block: sellers, products and buyers are comma-separated lists of
 * codes or groups (copied); severity in [0, 1]; channels a
 * flow_sector_channel. Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM.
 */
FLOW_API int flow_sector_cut_add_block(flow_sector_cut *cut, const char *sellers,
                                       const char *products, const char *buyers, double severity,
                                       int channels);

/* The name (borrowed) and the number of blocks. */
FLOW_API const char *flow_sector_cut_name(const flow_sector_cut *cut);
FLOW_API int64_t flow_sector_cut_block_count(const flow_sector_cut *cut);

/*
 * Runs the cut on a model with region and sector codes: a new table of n
 * rows (sector, region as group) and the columns "x" (baseline output),
 * "cut", "demand_loss", "supply_loss", "inoperability" (see above). The
 * caller frees it. Returns FLOW_OK, FLOW_ERR_UNKNOWN_LABEL (a name that is
 * neither a code of the model nor a group, naming it), FLOW_ERR_SINGULAR /
 * FLOW_ERR_NOT_PRODUCTIVE, FLOW_ERR_NOMEM. *out NULL on failure. *skipped
 * (may be NULL) receives the number of group members the model lacks.
 */
FLOW_API int flow_sector_cut_run(flow_table **out, const flow_io_model *model,
                                 const flow_sector_cut *cut, int64_t *skipped);

/*
 * Sanctions scenarios (shock.h) on a multi-regional IO model.
 *
 * A flow_scenario file takes the sector statements above ("sectors",
 * "sectors_from" and the five- or six-word "cut") beside its own, so that
 * one file states a sector-specific embargo; "sectors_from" takes a relative
 * path from the scenario file's folder (flow_scenario_read) or the working
 * directory (flow_scenario_parse). On an IO model with region and sector
 * codes, flow_scenario_run_io runs, as blocks of one cut with the lenses
 * above: every sector-specific cut, and every region-pair cut "cut * P s"
 * (layer "*": an IO model has no layers; P a sector, sector group or "*")
 * as the blocks (S, P, T, s) for direction exports and (T, P, S, s) for
 * imports, S and T the sanctioning and target sets, in the scenario's
 * channels. A region-pair cut on a named layer and any rerouting are
 * refused (FLOW_ERR_VALUE), not ignored. The region-pair systems of
 * flow_shock_run, flow_shock_report_new and the batches refuse a scenario
 * with sector-specific cuts (FLOW_ERR_VALUE, naming it).
 */

/* Adds member to the sector group group. FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM. */
FLOW_API int flow_scenario_add_sector_group_member(flow_scenario *scenario, const char *group,
                                                   const char *member);

/* Adds a sector-specific block, as flow_sector_cut_add_block. */
FLOW_API int flow_scenario_add_sector_cut(flow_scenario *scenario, const char *sellers,
                                          const char *products, const char *buyers, double severity,
                                          int channels);

/* Number of sector-specific blocks of the scenario (0 for NULL). */
FLOW_API int64_t flow_scenario_sector_cut_count(const flow_scenario *scenario);

/*
 * Runs scenario on model as described above: a new table as
 * flow_sector_cut_run's, with the scalar "blocks" (number of blocks run).
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
