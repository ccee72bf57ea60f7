/*
 * libflow/mrio.h - multi-regional input-output (MRIO) databases read in one
 * call: OECD ICIO, EXIOBASE 3, Eurostat FIGARO and pymrio's text layout;
 * their satellite accounts and footprints.
 *
 * A flow_mrio holds an IO model (io.h) with region and sector codes, final
 * demand by region x category, and the satellite accounts ("extensions", as
 * pymrio calls them) of the database: each a table F of stressors x (region,
 * sector) and, when the database has one, F_Y of stressors x final-demand
 * columns. The primary-input rows of a table (ICIO's TLS and VA, FIGARO's
 * D1, B2A3G, ...) become the extension "factor_inputs", so value added,
 * employment and emissions are all handled alike.
 *
 * Formats (enum flow_mrio_format):
 *   FLOW_MRIO_ICIO      OECD ICIO CSV, 2021 and 2023 releases (and the 2016
 *                       and 2018 ones): one label column and one label row of
 *                       combined codes CCC_SECTOR; final-demand columns
 *                       CCC_HFCE, CCC_NPISH, CCC_GGFC, CCC_GFCF, CCC_INVNT,
 *                       CCC_DPABR (any CCC_ code that is no industry); rows
 *                       TLS / TAXSUB / CCC_TAXSUB (taxes less subsidies), VA /
 *                       VALU (value added) and OUT / OUTPUT (gross output);
 *                       a total column OUT / OUTPUT / TOTAL and a discrepancy
 *                       column DISC are read as checks, not final demand. The
 *                       China and Mexico splits CN1/CN2 and MX1/MX2 are summed
 *                       into CHN and MEX unless kept (the key keep_splits of
 *                       flow_mrio_options_set). The 2016 layout's FD_CCC column names
 *                       (HFCE_AUS) are read too.
 *   FLOW_MRIO_FIGARO    Eurostat FIGARO industry-by-industry (or product-by-
 *                       product) IC-IO CSV: label row and column "rowLabels",
 *                       codes CC_SECTOR (AT_A01, FIGW1_A01 for the rest of the
 *                       world), final demand CC_P3_S13, CC_P3_S14, CC_P3_S15,
 *                       CC_P51G, CC_P5M; primary-input rows W2_D1, W2_B2A3G,
 *                       W2_D21X31, ... (any row that is no industry).
 *   FLOW_MRIO_EXIOBASE  EXIOBASE 3 (ixi or pxp): the folder, or the zip it
 *                       ships as, of tab-separated Z.txt (or A.txt), Y.txt,
 *                       x.txt and extension folders (satellite/, impacts/)
 *                       with F.txt, F_Y.txt (F_hh.txt in older releases) and
 *                       unit.txt. Header rows region / sector (category for
 *                       Y), optional row naming the index columns, index
 *                       columns region, sector (stressor[, compartment][,
 *                       unit] for F).
 *   FLOW_MRIO_PYMRIO    pymrio's text layout: the folder written by
 *                       IOSystem.save_all (the EXIOBASE layout, files Z.txt,
 *                       Y.txt, x.txt, one subfolder per extension), or a
 *                       folder of named files as in pymrio's test MRIO:
 *                       *_Z.txt, *_Y.txt, and NAME.txt with region x sector
 *                       columns as extension NAME (FDNAME.txt its F_Y).
 * A file or archive member ending in .gz is read through zlib; a zip archive
 * (EXIOBASE, pymrio) through libzip. Either is streamed: memory grows with the
 * matrices, not the file. An uncompressed ICIO or FIGARO CSV of plain lines
 * (every cell a number, labels without quotes or blanks) is mapped read-only
 * and converted in place, without a copy of the table: the file's pages come
 * from the page cache and are released when the read returns. Any other
 * text goes through the streaming reader, whose messages are the same.
 *
 * Row accounting: every record of every file read is counted in the read
 * report (flow_mrio_report): accepted, filtered (rows that are no part of
 * the system, such as population tables) or rejected; malformed numbers fail
 * the read with FLOW_ERR_VALUE naming file, line and column. Industries whose
 * region or sector is not in the table's grid fail with FLOW_ERR_DIMENSION.
 *
 * Gross output. x defaults to the row sums Z 1 + Y 1 (pymrio's calc_x). The
 * table's own output (ICIO/FIGARO OUT column, EXIOBASE x.txt) is compared with
 * them and with the column sums Z'1 + v; both gaps are in the summary and in
 * the output table (FLOW_MRIO_BLOCK_OUTPUT), and the key trust_given_output of
 * flow_mrio_options_set makes the model use the given x instead.
 *
 * Threads: a flow_mrio is read-only after flow_mrio_read except for its IO
 * model's factorisation cache (see io.h); footprint functions factor it.
 */
#ifndef LIBFLOW_MRIO_H
#define LIBFLOW_MRIO_H

#include "libflow/common.h"
#include "libflow/io.h"
#include "libflow/reader.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_mrio flow_mrio;
typedef struct flow_mrio_options flow_mrio_options;

/* Database layouts (values stable). */
typedef enum flow_mrio_format {
    FLOW_MRIO_ICIO = 0,
    FLOW_MRIO_EXIOBASE = 1,
    FLOW_MRIO_FIGARO = 2,
    FLOW_MRIO_PYMRIO = 3,
    FLOW_MRIO_FORMAT_COUNT = 4
} flow_mrio_format;

/*
 * Format from its name: "icio", "exiobase", "figaro", "pymrio" (lower case).
 * Returns FLOW_OK with *format set, or FLOW_ERR_INVALID_ARG naming the
 * accepted names.
 */
FLOW_API int flow_mrio_format_from_name(const char *name, int *format);

/*
 * Options: splits merged, x = row sums, output tolerance 1e-6 (relative).
 * Returns FLOW_OK or FLOW_ERR_NOMEM; *out NULL on failure.
 */
FLOW_API int flow_mrio_options_new(flow_mrio_options **out);
FLOW_API void flow_mrio_options_free(flow_mrio_options *opts);

/*
 * Sets one option: name is a key of the table below, value its text. Read by
 * flow_mrio_read.
 *   keep_splits       1 keeps ICIO's CN1/CN2/MX1/MX2 as regions of their own;
 *                     0 (default) sums them into CHN and MEX.
 *   trust_given_output
 *                     1 builds the model with the table's own gross output
 *                     (when it has one); 0 (default) with the row sums
 *                     Z 1 + Y 1.
 *   tolerance         relative gap above which given and computed outputs
 *                     count as mismatching (finite number >= 0; default 1e-6).
 * Switches take 1/0 (also true/false, yes/no). Returns FLOW_OK, or
 * FLOW_ERR_INVALID_ARG for NULL opts, name or value, an unknown name or a
 * value that does not parse or lies out of range, with flow_last_error naming
 * the key and the value ("MRIO option 'tolerance': '-1' is not a number in
 * [0, inf]"); on failure opts is unchanged.
 */
FLOW_API int flow_mrio_options_set(flow_mrio_options *opts, const char *name, const char *value);

/*
 * Reads the database at path (a file, a folder or a zip archive, as the
 * format says) with opts (NULL: defaults) into a new handle.
 * Returns FLOW_OK, FLOW_ERR_IO (unreadable file, folder or archive, naming
 * it), FLOW_ERR_NOT_FOUND (a required file missing from a folder or archive),
 * FLOW_ERR_PARSE, FLOW_ERR_VALUE (naming file, line and column),
 * FLOW_ERR_DIMENSION (blocks that do not fit), FLOW_ERR_EMPTY,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM. *out is NULL on failure; free the
 * handle with flow_mrio_free. Thread-safe.
 */
FLOW_API int flow_mrio_read(flow_mrio **out, const char *path, int format,
                            const flow_mrio_options *opts);

/* Frees the handle and everything borrowed from it. NULL is a no-op. */
FLOW_API void flow_mrio_free(flow_mrio *mrio);

/*
 * The IO model (borrowed, valid until the handle is freed): regions, sectors,
 * final-demand categories and owners, Z, Y, v (sum of the primary-input
 * rows), x. Every io.h analysis applies to it. NULL for a NULL handle.
 */
FLOW_API flow_io_model *flow_mrio_model(flow_mrio *mrio);

/*
 * Row accounting of every file read (borrowed; see reader.h): rows read,
 * accepted, filtered with reasons, rejected. NULL for a NULL handle.
 */
FLOW_API const flow_read_report *flow_mrio_report(const flow_mrio *mrio);

/*
 * Multi-line summary (borrowed): format, files read, regions x sectors, final
 * demand categories, extensions, merged splits, and the largest relative gaps
 * between the given output and the row and column sums. "" for NULL.
 */
FLOW_API const char *flow_mrio_summary(const flow_mrio *mrio);

/* Number of extensions (satellite accounts), factor_inputs included. */
FLOW_API int64_t flow_mrio_extension_count(const flow_mrio *mrio);

/*
 * Extension i: its name, F (stressors x n, rows labelled by stressor with
 * the unit as group when known, columns by sector with region as group) and
 * F_Y (stressors x k, or NULL when the database has none). All borrowed,
 * valid until the handle is freed; outputs may be NULL. Returns FLOW_OK or
 * FLOW_ERR_INVALID_ARG (i out of range).
 */
FLOW_API int flow_mrio_extension(const flow_mrio *mrio, int64_t i, const char **name,
                                 const flow_table **f, const flow_table **f_y);

/* Index of the extension called name: FLOW_OK, or FLOW_ERR_NOT_FOUND. */
FLOW_API int flow_mrio_find_extension(const flow_mrio *mrio, const char *name, int64_t *index);

/* Blocks of the system as labelled tables (flow_mrio_block). */
typedef enum flow_mrio_block {
    FLOW_MRIO_BLOCK_Z = 0,      /* n x n intermediate flows */
    FLOW_MRIO_BLOCK_Y = 1,      /* n x k final demand, columns category / region */
    FLOW_MRIO_BLOCK_OUTPUT = 2, /* n x 5: x (used by the model), given (the
                                   table's output column, NaN if none),
                                   row_sums (Z 1 + Y 1), given_inputs (the
                                   table's output row, NaN if none), col_sums
                                   (Z'1 + v) */
    FLOW_MRIO_BLOCK_A = 3,      /* n x n technical coefficients */
    FLOW_MRIO_BLOCK_COUNT = 4
} flow_mrio_block;

/*
 * New table holding a block, rows labelled by sector with the region as
 * group. The caller frees it with flow_table_free. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_NOMEM; *out NULL on failure. Read-only on
 * the handle.
 */
FLOW_API int flow_mrio_block_table(flow_table **out, const flow_mrio *mrio, int block);

/* ------------------------------------------------------------------ aggregation */

/*
 * New handle with regions and sectors merged through concordances: region
 * code region_codes[i] goes to group region_groups[i] (region_pairs pairs),
 * likewise for sectors (ICIO's 45 sectors into 10, EU27 into "EU"). The code
 * "*" stands for every code the concordance does not list ("rest of the
 * world"); without it, unlisted codes stay as they are. Groups are numbered
 * in the order their first member appears in the table. Z, Y, v, x, every
 * extension's F and F_Y, the given outputs and the labels are summed
 * consistently; final-demand columns of merged regions with the same category
 * become one. Either concordance may be empty (0 pairs, NULL arrays).
 * Returns FLOW_OK, FLOW_ERR_UNKNOWN_LABEL (a code the table lacks),
 * FLOW_ERR_INVALID_ARG (a code listed twice, NULL handle), FLOW_ERR_NOMEM.
 * *out NULL on failure; the input handle is not modified.
 */
FLOW_API int flow_mrio_aggregate(flow_mrio **out, const flow_mrio *mrio, int64_t region_pairs,
                                 const char *const *region_codes, const char *const *region_groups,
                                 int64_t sector_pairs, const char *const *sector_codes,
                                 const char *const *sector_groups);

/*
 * flow_mrio_aggregate with the concordances read from CSV files (NULL: none)
 * of two columns, code and group, after one header row (e.g.
 * "sector,group" / "B05_06,energy"). Errors name file and line.
 */
FLOW_API int flow_mrio_aggregate_csv(flow_mrio **out, const flow_mrio *mrio, const char *region_csv,
                                     const char *sector_csv);

/* ------------------------------------------------------------------ footprints */

/*
 * Satellite accounts and footprints as pymrio defines them (pymrio's
 * calc_S, calc_M, calc_M_down and calc_accounts), for an extension with
 * stressors F (q x n) and, optionally, F_Y (q x k), on the model's L
 * (Miller & Blair 2009, ch. 10; Peters 2008 for the accounts):
 *   S       = F x^-1                          coefficients, q x n
 *   M       = S L                             multipliers, q x n
 *   M_DOWN  = S (G - I)                       downstream multipliers, q x n
 *   D_CBA   column (r, s): S L Ydiag(r, s)    footprint of region r's final
 *                                             demand for product s, q x n
 *   D_PBA   = S diag(L y)                     production-based, q x n
 *   D_IMP   D_CBA without the stressors emitted in region r itself, q x n
 *   D_EXP   = S diag(x_exp), x_exp_i the output of i for final demand of
 *             other regions, q x n
 *   *_REG   the same summed over each region's sectors, q x regions; F_Y of
 *             the region's final-demand columns is added to D_CBA_REG and
 *             D_PBA_REG (as pymrio does).
 * Here Ydiag(r, s) is the column of region r's final demand (all its
 * categories summed) restricted to the rows of product s of every region,
 * and y = Y 1. Final-demand columns owned by no region (ICIO's DISC) count in
 * y but in no region's footprint. Everything is computed by solves with the
 * model's LU (q + q*regions transposed, regions + 1 plain right-hand sides),
 * never with L or an n x n Ydiag.
 */
typedef enum flow_mrio_account {
    FLOW_MRIO_S = 0,
    FLOW_MRIO_M = 1,
    FLOW_MRIO_M_DOWN = 2,
    FLOW_MRIO_D_CBA = 3,
    FLOW_MRIO_D_PBA = 4,
    FLOW_MRIO_D_IMP = 5,
    FLOW_MRIO_D_EXP = 6,
    FLOW_MRIO_D_CBA_REG = 7,
    FLOW_MRIO_D_PBA_REG = 8,
    FLOW_MRIO_D_IMP_REG = 9,
    FLOW_MRIO_D_EXP_REG = 10,
    FLOW_MRIO_ACCOUNT_COUNT = 11
} flow_mrio_account;

/*
 * (factors the model) One account of extension `extension` as a new table:
 * rows = stressors (labels and groups of F), columns = sectors with their
 * region as group, or regions for the _REG accounts. The caller frees it.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (extension or account out of range),
 * FLOW_ERR_NOMEM and the factoring codes of io.h. *out NULL on failure.
 */
FLOW_API int flow_mrio_account_table(flow_table **out, flow_mrio *mrio, int64_t extension,
                                     int account);

/* Name of an account ("S", "M", "M_down", "D_cba", ... "D_exp_reg"), NULL when out of range. */
FLOW_API const char *flow_mrio_account_name(int account);

/*
 * (factors) Type I and type II output multipliers by household closure
 * (Miller & Blair 2009, sec. 6.1): households of each region become a sector
 * whose input column is its final-demand category `household_category`
 * (e.g. "HFCE", "P3_S14", "Final consumption expenditure by households")
 * divided by the region's labour income, and whose output row is the
 * labour income per unit of output, read from the factor-input row
 * `income_row` of the extension "factor_inputs" (e.g. "W2_D1"; NULL or ""
 * takes all of value added). Result: n rows x 3 columns "type_i" (column sums
 * of L), "type_ii" (column sums of the closed inverse over the n industries)
 * and "ratio". Returns FLOW_OK, FLOW_ERR_NOT_FOUND (no such category or
 * row), the factoring codes; *out NULL on failure.
 */
FLOW_API int flow_mrio_type_ii_multipliers(flow_table **out, flow_mrio *mrio,
                                           const char *household_category, const char *income_row);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_MRIO_H */
