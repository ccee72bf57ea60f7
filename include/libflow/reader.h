/*
 * libflow/reader.h - CSV readers: long flow files into datasets, wide
 * matrices into tables, with every row accounted for.
 *
 * Long format: one flow per row, columns chosen by header name
 * (origin, destination, value, and optionally year, layer, product, unit).
 * Presets cover CEPII BACI (t,i,j,k,v,q) and UN Comtrade CSV exports.
 * Wide format: a labelled matrix (an input-output table, a claims matrix)
 * read into a flow_table.
 *
 * Text handling shared by both: UTF-8 BOM skipped; LF or CRLF line ends;
 * RFC 4180 quoted fields (quotes doubled inside); delimiter comma, semicolon
 * or tab, detected from the first line unless set; surrounding blanks of
 * unquoted fields ignored; configurable missing-value tokens; optional
 * thousands separator (',', '.', ' ', '\'') and decimal comma. Files are
 * streamed through a fixed read buffer (1 MiB by default): memory grows with
 * the matrices built, not with the file. A record longer than the line limit
 * (16 MiB by default) stops the read with FLOW_ERR_PARSE.
 *
 * Row accounting (flow_read_report): every data row read is either accepted,
 * filtered (year, product, layer filters; world-partner aggregates; missing
 * values when so configured) or rejected with a reason (ragged row,
 * non-numeric, NaN/Inf, negative, unknown economy code, ...). The first
 * rejects (20 by default) keep file, line, column and offending text. In
 * strict mode the first reject fails the read with that message
 * (FLOW_ERR_PARSE, FLOW_ERR_VALUE or FLOW_ERR_UNKNOWN_LABEL).
 * Structural problems fail the read in any mode: unreadable file (FLOW_ERR_IO),
 * no header (FLOW_ERR_EMPTY), missing required column
 * (FLOW_ERR_MISSING_COLUMN), unterminated quote (FLOW_ERR_PARSE).
 *
 * A failed read may leave rows already accepted in the dataset; read into a
 * fresh dataset when all-or-nothing is needed.
 *
 * Threads: an options or report handle must not be modified from two threads
 * at once; one options handle may be shared by concurrent reads.
 */
#ifndef LIBFLOW_READER_H
#define LIBFLOW_READER_H

#include "libflow/common.h"
#include "libflow/dataset.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_read_options flow_read_options;
typedef struct flow_read_report flow_read_report;

/* Column roles of the long format (flow_read_options_set_column). */
typedef enum flow_column_role {
    FLOW_COL_ORIGIN = 0,      /* required: exporter / seller / lender code */
    FLOW_COL_DESTINATION = 1, /* required: importer / buyer / borrower code */
    FLOW_COL_VALUE = 2,       /* required: the flow */
    FLOW_COL_YEAR = 3,        /* optional: integer year (else the default year) */
    FLOW_COL_LAYER = 4,       /* optional: layer name (else the default layer) */
    FLOW_COL_PRODUCT = 5,     /* optional: product / commodity code */
    FLOW_COL_UNIT = 6,        /* optional: unit, one per matrix ("" agrees with any) */
    FLOW_COL_FLOW = 7,        /* optional: flow code M / X (Comtrade): M swaps the codes */
    FLOW_COL_QUANTITY = 8,    /* optional: quantity (BACI's q), read with a quantity layer only */
    FLOW_COL_COUNT = 9
} flow_column_role;

/* Presets (flow_read_options_set_preset). */
typedef enum flow_preset {
    FLOW_PRESET_GENERIC = 0, /* origin,destination,value[,year,layer,product,unit] */
    FLOW_PRESET_BACI =
        1, /* t,i,j,k,v,q: year t, exporter i, importer j, product k, v in 1000 USD */
    FLOW_PRESET_COMTRADE = 2, /* refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue */
    FLOW_PRESET_COUNT = 3
} flow_preset;

/* Missing-value policies (flow_read_options_set_missing). */
typedef enum flow_missing_policy {
    FLOW_MISSING_ZERO = 0,   /* a missing value counts as 0 (counted in the report) */
    FLOW_MISSING_SKIP = 1,   /* the row is filtered with reason "missing value" */
    FLOW_MISSING_REJECT = 2, /* the row is rejected with reason "missing value" */
    FLOW_MISSING_POLICY_COUNT = 3
} flow_missing_policy;

/* Unknown-code policies (flow_read_options_set_unknown_codes). */
typedef enum flow_unknown_policy {
    FLOW_UNKNOWN_REJECT = 0, /* reject the row: "unknown economy code 'XYZ'" */
    FLOW_UNKNOWN_ADD = 1,    /* add the code to the economy axis as a new label */
    FLOW_UNKNOWN_POLICY_COUNT = 2
} flow_unknown_policy;

/* Report entry kinds (the rejected column of FLOW_REPORT_REASONS). */
typedef enum flow_reason_kind {
    FLOW_REASON_FILTERED = 0,
    FLOW_REASON_REJECTED = 1,
    FLOW_REASON_KIND_COUNT = 2
} flow_reason_kind;

/*
 * Creates options with the defaults: generic preset (columns "origin",
 * "destination", "value", "year", "layer", "product", "unit", "flow"), delimiter
 * detected, missing tokens "", "NA", "N/A", "..", "---", missing values read as 0, no thousands
 * separator, decimal point, scale 1, negative values rejected, unknown codes rejected, not strict,
 * 20 rejects kept, default layer "trade", default year 0, read buffer 1 MiB, line limit 16 MiB,
 * wide layout 1 label row and 1 label column. Returns FLOW_OK or FLOW_ERR_NOMEM; *out is NULL on
 * failure.
 */
FLOW_API int flow_read_options_new(flow_read_options **out);

/* Frees options. NULL is a no-op. */
FLOW_API void flow_read_options_free(flow_read_options *opts);

/*
 * Applies a preset: sets the column names, scale and default layer of a
 * known format (BACI: scale 1000 so values are in USD, unit "USD", layer
 * "trade"; Comtrade: flow codes M/X mapped to origin/destination, partner
 * "W00"/"WLD"/"0" (world) filtered as an aggregate, other flow codes
 * filtered). Later setters override single settings.
 * Returns FLOW_OK or FLOW_ERR_INVALID_ARG (unknown preset).
 */
FLOW_API int flow_read_options_set_preset(flow_read_options *opts, int preset);

/*
 * Names the header of the column holding role (FLOW_COL_*); NULL or "" makes
 * an optional role unused (a required one then cannot be read). Header names
 * match exactly after trimming blanks. Returns FLOW_OK, FLOW_ERR_INVALID_ARG
 * or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_set_column(flow_read_options *opts, int role, const char *name);

/*
 * Field delimiter: ',', ';', '\t', '|' or 0 to detect it from the first line
 * (the most frequent of ',', ';', '\t' outside quotes; ',' when none).
 * Returns FLOW_OK or FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_read_options_set_delimiter(flow_read_options *opts, int delimiter);

/*
 * Number format: thousands separator (0 none, ',', '.', ' ' or '\'';
 * separators are only accepted between digit groups of three) and decimal
 * separator ('.' or ','; must differ from the thousands separator and the
 * delimiter). Returns FLOW_OK or FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_read_options_set_number_format(flow_read_options *opts, int thousands,
                                                 int decimal);

/*
 * Missing-value tokens: clear_missing_tokens removes all (even ""), and
 * add_missing_token adds one (matched exactly after trimming blanks).
 * set_missing chooses the policy (FLOW_MISSING_*). Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_clear_missing_tokens(flow_read_options *opts);
FLOW_API int flow_read_options_add_missing_token(flow_read_options *opts, const char *token);
FLOW_API int flow_read_options_set_missing(flow_read_options *opts, int policy);

/* Every value is multiplied by scale (finite, > 0). FLOW_OK or FLOW_ERR_INVALID_ARG. */
FLOW_API int flow_read_options_set_scale(flow_read_options *opts, double scale);

/* 1 accepts negative values (net positions, inventory changes); 0 rejects them. */
FLOW_API int flow_read_options_set_allow_negative(flow_read_options *opts, int allow);

/* FLOW_UNKNOWN_REJECT or FLOW_UNKNOWN_ADD. FLOW_OK or FLOW_ERR_INVALID_ARG. */
FLOW_API int flow_read_options_set_unknown_codes(flow_read_options *opts, int policy);

/* 1: the first rejected row fails the read with its message. */
FLOW_API int flow_read_options_set_strict(flow_read_options *opts, int strict);

/*
 * How many rejects keep their details (>= 0). FLOW_OK or FLOW_ERR_INVALID_ARG.
 * count = 0 gives FLOW_OK: rejects are counted, none kept.
 */
FLOW_API int flow_read_options_set_max_rejects_kept(flow_read_options *opts, int64_t count);

/*
 * Read buffer size in bytes (1 B to 1 GiB; default 1 MiB) and the longest
 * record accepted (16 B to 4 GiB; default 16 MiB). Returns FLOW_OK or
 * FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_read_options_set_buffer_size(flow_read_options *opts, int64_t bytes);
FLOW_API int flow_read_options_set_max_line(flow_read_options *opts, int64_t bytes);

/*
 * Threads used to read long-format files (flow_dataset_read_csv): 1 (the
 * default) reads serially; n > 1 parses up to n byte ranges of the file in
 * parallel (each range at least 256 KiB, so small files stay serial) and
 * merges them in file order; 0 uses one thread per online processor.
 * Counts, rejects, messages and line numbers are those of the serial read,
 * and so are the matrices, bit for bit, when no matrix cell has rows in two
 * ranges: ranges are cut where origin and destination change, which
 * guarantees it for files sorted by origin and destination such as BACI's.
 * Otherwise (unsorted files, or reading into cells that already hold values)
 * sums may differ from the serial read's in the last bits (order of
 * summation). Files whose quoted fields contain line breaks at a range cut,
 * and reads from memory, are read serially. Memory grows by one private copy
 * of the matrices read per extra thread. Returns FLOW_OK or
 * FLOW_ERR_INVALID_ARG (threads outside [0, 256]).
 */
FLOW_API int flow_read_options_set_threads(flow_read_options *opts, int64_t threads);

/*
 * Layer and year given to rows when the file has no such column (default
 * "trade" and 0). Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_set_default_layer(flow_read_options *opts, const char *layer);
FLOW_API int flow_read_options_set_default_year(flow_read_options *opts, int64_t year);

/*
 * The unit expected on every row (e.g. "USD"): rows whose unit field says
 * otherwise are rejected; rows without a unit column or with an empty unit
 * field take it. NULL expects nothing, but every matrix keeps the first
 * non-empty unit of its rows and rejects rows in another unit (an empty unit
 * agrees with any). Presets set it (BACI, Comtrade: "USD"); NULL or "" clears
 * it. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_set_unit(flow_read_options *opts, const char *unit);

/*
 * Mirror pairs: with a layer name set, rows whose flow code says the partner
 * reported an import (M, IMPORT) go to that layer, oriented exporter ->
 * importer, while exports (X, EXPORT) stay in the row's layer. Both reports
 * of a UN Comtrade flow are then kept apart, for mirror-gap diagnostics
 * (flow_evasion_diagnose). NULL or "" sends both to the row's layer (the
 * default). Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 * Notes on panels: a year column holding a monthly period YYYY-MM counts
 * each row in its year (monthly files are summed into years); BACI's
 * quantity q comes in the same read through flow_read_options_set_quantity_layer.
 */
FLOW_API int flow_read_options_set_mirror_layer(flow_read_options *opts, const char *layer);

/*
 * Which report of a flow a read keeps when a flow column (FLOW_COL_FLOW, the
 * Comtrade preset's flowCode) says who reported it: the exporter (X) or the
 * importer (M, the partner's mirror of the same flow). The two reports of one
 * flow are never summed:
 *   IMPORTER_FIRST  (default) the importer's report; the exporter's where the
 *                   importer reports nothing for that cell (origin,
 *                   destination, layer, year, product group). Importers' customs
 *                   records are the usual reference (values CIF: freight and
 *                   insurance included, so a few per cent above the FOB export).
 *   EXPORTER_FIRST  the exporter's report (FOB), the importer's as fallback.
 *   IMPORTER, EXPORTER  that report only; rows of the other are filtered with
 *                   the reason "other report of the flow (mirror policy)".
 * Fallback rows superseded by the preferred report are counted as filtered
 * ("superseded by the preferred report (mirror policy)"), so that every row
 * is accounted for. With a mirror layer set (above) both reports are kept
 * apart and the policy does not apply. FLOW_ERR_INVALID_ARG for a NULL
 * handle or a policy out of range.
 */
typedef enum flow_mirror_policy {
    FLOW_MIRROR_IMPORTER_FIRST = 0,
    FLOW_MIRROR_EXPORTER_FIRST = 1,
    FLOW_MIRROR_IMPORTER = 2,
    FLOW_MIRROR_EXPORTER = 3,
    FLOW_MIRROR_POLICY_COUNT = 4
} flow_mirror_policy;

FLOW_API int flow_read_options_set_mirror_policy(flow_read_options *opts, int policy);

/*
 * Quantities in the same read as values (unit values v / q from one pass):
 * with a layer name set, every accepted row also adds the number in its
 * quantity column (role FLOW_COL_QUANTITY: "q" in the BACI preset,
 * "netWgt" in the Comtrade preset, "quantity" otherwise) to the matrix of
 * (layer, the row's year, the row's product) - the same cell as its value,
 * in a layer of its own, so that a matrix never mixes money and tonnes. The
 * quantity layer's matrices carry unit (NULL: the preset's quantity unit,
 * "t" for BACI, "kg" for Comtrade's net weight, "" for the generic preset).
 * The scale (BACI's thousands of USD) applies to values only. The row is
 * accounted for by its value as always; its quantity is a cell of it:
 *  - a missing quantity (a missing-value token, e.g. BACI's NA) adds
 *    nothing to the quantity layer and is counted under the filtered
 *    reason "quantity missing (value kept)";
 *  - a quantity that is not a finite non-negative number adds nothing and
 *    is a rejected cell, "quantity not a number (value kept)" or "quantity
 *    negative (value kept)", kept with file, line and column; in strict mode
 *    it fails the read (FLOW_ERR_VALUE).
 * Reason counts of these two kinds count cells, not rows: rows = accepted
 * + filtered + rejected still holds. Unit values of a grouped product
 * (HS chapters) are then v / q over rows that may lack q: group by the
 * full code (flow_dataset_set_product_digits with 6 for HS6) for unit
 * values. Importer-reported rows sent to the mirror layer
 * (flow_read_options_set_mirror_layer) keep their value only, and so do
 * the fallback rows of a mirror policy (flow_read_options_set_mirror_policy:
 * quantities come from the preferred report alone, never from both). The
 * quantity column is unused (not even looked for) while no layer is set.
 * NULL or "" layer: no quantities (the default). Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_set_quantity_layer(flow_read_options *opts, const char *layer,
                                                  const char *unit);

/*
 * Filters: only rows whose year is one of the added years, whose product code
 * starts with one of the added prefixes ("2709", "27", "8542"), and whose layer
 * is one of the added layers are accepted; the others are counted as
 * filtered. No entry for a kind means no filter on it. clear_filters removes
 * all. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_add_year(flow_read_options *opts, int64_t year);
FLOW_API int flow_read_options_add_product_prefix(flow_read_options *opts, const char *prefix);
FLOW_API int flow_read_options_add_layer(flow_read_options *opts, const char *layer);
FLOW_API int flow_read_options_clear_filters(flow_read_options *opts);

/*
 * Wide layout. label_rows leading records hold column labels and label_cols
 * leading fields of each row hold row labels (either may be 0: labels then
 * stay ""). col_label_row / col_group_row pick which label record gives the
 * column label / group label, row_label_col / row_group_col which label field
 * gives the row label / group (-1: none). Defaults: 1, 1, 0, -1, 0, -1.
 * Example WIOD NIOT (Year;Code;Description;Origin;A01;...): label_rows 2,
 * label_cols 4, col_label_row 0, col_group_row -1, row_label_col 1,
 * row_group_col 3. Returns FLOW_OK or FLOW_ERR_INVALID_ARG (indices outside
 * the label block).
 */
FLOW_API int flow_read_options_set_wide_layout(flow_read_options *opts, int64_t label_rows,
                                               int64_t label_cols, int64_t col_label_row,
                                               int64_t col_group_row, int64_t row_label_col,
                                               int64_t row_group_col);

/*
 * Keeps only the data rows of a wide file whose label field label_col equals
 * value (e.g. column 0 = "2014" to take one year of a WIOD table); the other
 * rows are counted as filtered. value NULL removes the filter.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_read_options_set_wide_row_filter(flow_read_options *opts, int64_t label_col,
                                                   const char *value);

/*
 * Keeps only the data rows of a wide file in the row blocks of one reader
 * among count: data row i (0 = the first record after the label rows, in
 * file order, whatever the other filters do) is kept when
 * (i / block) % count == index - the block-cyclic rows of process index of
 * count, so that count processes reading the same file each parse and hold
 * their own rows (libflow_mpi reads this way). The rows of the other blocks
 * are counted as filtered and their cells are not parsed. 1, 1, 0 (the
 * default) keeps every row. Returns FLOW_OK or FLOW_ERR_INVALID_ARG
 * (block < 1, count < 1, index outside [0, count)).
 * count = 0 is FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_read_options_set_wide_row_blocks(flow_read_options *opts, int64_t block,
                                                   int64_t count, int64_t index);

/*
 * Progress of a read: bytes_done bytes of the input parsed so far out of
 * bytes_total (the file's size, the buffer's length, or -1 when the size is
 * unknown, e.g. a pipe). Return 0 to go on; any other value cancels the read.
 */
typedef int (*flow_progress_fn)(void *userdata, int64_t bytes_done, int64_t bytes_total);

/*
 * Sets the progress callback of the reads that use opts (NULL: none, the
 * default). fn is called on the thread that called the read function, after
 * each read buffer is parsed (every 1 MiB by default, see
 * flow_read_options_set_buffer_size) and once more when the whole input has
 * been parsed, with bytes_done the input's length (== bytes_total when that
 * is known); bytes_done never decreases between calls of one read. A read
 * with several threads (flow_read_options_set_threads) calls fn only while it
 * merges the threads' results, once per merged range of the file. userdata
 * is passed through untouched; it is borrowed and must stay valid while reads
 * with opts run. When fn returns non-zero the read stops with
 * FLOW_ERR_CANCELLED (a status of its own, so that a cancel is never taken
 * for an I/O failure) and the message "FILE: read cancelled by the progress callback"; as with any
 * failed read, rows already accepted stay in the dataset (a table read
 * creates no table). fn must not call into libflow with the dataset, table,
 * options or report of the read in progress. Returns FLOW_OK or
 * FLOW_ERR_INVALID_ARG (opts NULL).
 */
FLOW_API int flow_read_options_set_progress(flow_read_options *opts, flow_progress_fn fn,
                                            void *userdata);

/*
 * Creates an empty report. Returns FLOW_OK or FLOW_ERR_NOMEM; *out NULL on
 * failure. A read resets the report it is given, then fills it.
 */
FLOW_API int flow_read_report_new(flow_read_report **out);
FLOW_API void flow_read_report_free(flow_read_report *report);

/* The parts of a report flow_read_report_table returns. */
typedef enum flow_read_report_part {
    FLOW_REPORT_COUNTS = 0,        /* one row: the counts */
    FLOW_REPORT_REASONS = 1,       /* one row per reason rows were filtered or rejected */
    FLOW_REPORT_REJECTS = 2,       /* one row per rejected row kept with details */
    FLOW_REPORT_REJECT_FIELDS = 3, /* the same rows: the offending column and text */
    FLOW_REPORT_UNKNOWN = 4,       /* one row per unknown economy code */
    FLOW_REPORT_PART_COUNT = 5
} flow_read_report_part;

/*
 * One part (flow_read_report_part) of what a read recorded, as a new table:
 *   FLOW_REPORT_COUNTS         one row, labelled by the unit of the first
 *                              accepted row (unit column or options; ""
 *                              when none), columns rows (data rows read,
 *                              header and blank lines excluded), accepted,
 *                              filtered, rejected, duplicates (accepted rows
 *                              summed into a cell already written), missing
 *                              (missing values read as 0).
 *                              rows = accepted + filtered + rejected always.
 *   FLOW_REPORT_REASONS        one row per distinct reason ("year not
 *                              selected", "unknown economy code", "ragged
 *                              row", ...), labelled by it, row group
 *                              "filtered" or "rejected"; columns rows (its
 *                              count) and rejected (1 rejected, 0 filtered:
 *                              flow_reason_kind).
 *   FLOW_REPORT_REJECTS        the first rejected rows kept with details
 *                              (20 by default), in file order: row label the
 *                              full message ("trade.csv: line 17, column
 *                              \"v\": 'abc' is not a number"), row group the
 *                              file name; column line (1-based line where
 *                              the record starts).
 *   FLOW_REPORT_REJECT_FIELDS  the same rows: row label the offending field
 *                              (truncated to 200 bytes), row group the
 *                              column header ("" when the whole row is at
 *                              fault); column line.
 *   FLOW_REPORT_UNKNOWN        the unknown economy codes met, each once in
 *                              order of first occurrence, labelled by the
 *                              code; columns rows and first_line.
 * Every part carries the counts of FLOW_REPORT_COUNTS as named scalars
 * (rows, accepted, filtered, rejected, duplicates, missing). The table is a
 * copy: a later read into the report does not change it. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG (NULL argument, unknown part) or FLOW_ERR_NOMEM;
 * *out is NULL on failure; free it with flow_table_free. Read-only on the
 * report.
 */
FLOW_API int flow_read_report_table(flow_table **out, const flow_read_report *report, int part);

/*
 * Reads a long-format CSV file into ds with opts (NULL: defaults), filling
 * report (may be NULL). Returns FLOW_OK or the codes listed at the top of
 * this header; the message names file, line and column.
 */
FLOW_API int flow_dataset_read_csv(flow_dataset *ds, const char *path,
                                   const flow_read_options *opts, flow_read_report *report);

/*
 * Same as flow_dataset_read_csv for len bytes of CSV text in memory (copied
 * as it is parsed); name is used in messages (NULL: "<buffer>").
 */
FLOW_API int flow_dataset_read_buffer(flow_dataset *ds, const char *name, const char *data,
                                      int64_t len, const flow_read_options *opts,
                                      flow_read_report *report);

/*
 * flow_labels_read_mapping_csv (labels.h) with the accounting of the long
 * reader: every data row is accepted (an alias added), filtered (alias or
 * code empty) or rejected - a ragged row, a NUL byte, an unknown code (opts'
 * unknown-code policy; FLOW_UNKNOWN_ADD adds it as a label), a code that is
 * not valid UTF-8, an alias already mapped to another label - with file,
 * line and column in the report; strict mode fails on the first reject.
 * opts may be NULL (defaults: lenient, unknown codes rejected), report may
 * be NULL. Returns FLOW_OK, FLOW_ERR_IO, FLOW_ERR_EMPTY,
 * FLOW_ERR_MISSING_COLUMN, FLOW_ERR_NOMEM and, in strict mode, the status of
 * the first reject (FLOW_ERR_PARSE, FLOW_ERR_UNKNOWN_LABEL, FLOW_ERR_VALUE,
 * FLOW_ERR_STATE).
 */
FLOW_API int flow_labels_read_mapping(flow_labels *labels, const char *path,
                                      const char *alias_column, const char *code_column,
                                      const char *name_column, const flow_read_options *opts,
                                      flow_read_report *report);

/*
 * flow_aggregation_read_csv (labels.h) with the accounting of the long
 * reader: every data row is accepted (a member -> group pair added; the same
 * pair again is also counted as a duplicate), filtered (member or group
 * empty) or rejected - a ragged row, a NUL byte, a code that is not valid
 * UTF-8, a member already in another group - with file, line and column in
 * the report; strict mode fails on the first reject. opts may be NULL
 * (defaults: lenient), report may be NULL; agg and the strings are borrowed
 * for the call. Pairs added before a failure stay. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG, FLOW_ERR_IO, FLOW_ERR_EMPTY,
 * FLOW_ERR_MISSING_COLUMN, FLOW_ERR_NOMEM and, in strict mode, the status of
 * the first reject (FLOW_ERR_PARSE, FLOW_ERR_STATE). Not safe to call
 * concurrently on one aggregation.
 */
FLOW_API int flow_aggregation_read(flow_aggregation *agg, const char *path,
                                   const char *member_column, const char *group_column,
                                   const flow_read_options *opts, flow_read_report *report);

/*
 * Reads a per-economy attributes CSV with a header: the column code_column
 * holds economy codes (or aliases); every other column becomes an attribute
 * named by its header. A column is numeric when it holds at least one finite
 * number and at least half of its non-missing fields read as numbers (in the
 * options' number format); the others (names, group lists) are text
 * attributes (FLOW_ATTRIBUTES_TEXT of flow_dataset_attributes). Economies
 * absent from the file, and missing fields (empty or a missing token), are
 * NaN or have no text.
 * Reading a column name again replaces that attribute.
 * Accounting as in the long reader (flow_read_report): every data row is
 * accepted or rejected - a ragged row, an unknown code (opts' unknown-code
 * policy: FLOW_UNKNOWN_ADD adds it to the economy axis), a duplicate
 * economy (the first row wins; counted in duplicates). A field of a numeric
 * column that is not a finite number is a rejected cell: its value is NaN,
 * its row is kept, and the report names line and column (reason "not a
 * number" or "NaN or infinite value", counted in cells). In strict mode the
 * first reject of either kind fails the read. opts may be NULL (defaults:
 * lenient), report may be NULL.
 * Example: data/economies.csv (code,name,gdp_usd_bn_2022,...,group) with
 * code_column "code". Returns FLOW_OK, FLOW_ERR_IO, FLOW_ERR_EMPTY,
 * FLOW_ERR_PARSE (also a column named twice in the header),
 * FLOW_ERR_MISSING_COLUMN, FLOW_ERR_UNKNOWN_LABEL, FLOW_ERR_VALUE (strict:
 * a bad cell or a duplicate economy) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_dataset_read_attributes_csv(flow_dataset *ds, const char *path,
                                              const char *code_column,
                                              const flow_read_options *opts,
                                              flow_read_report *report);

/*
 * Reads a wide matrix CSV into a new flow_table laid out by the wide options
 * of opts: one table row per data row kept, one column per field after the
 * label columns; labels from the label rows/columns. Every record must have
 * as many fields as the first one: others are rejected as ragged (strict
 * mode: the read fails). Missing values follow the
 * missing policy (FLOW_MISSING_ZERO: 0; SKIP/REJECT drop the row); a
 * non-numeric cell rejects its row; negative cells are accepted only when
 * allowed (IO tables hold negative inventory changes: allow them).
 * A file of label rows only gives a table of 0 rows with its column labels,
 * as a long file of a header only gives a dataset with no flows (both
 * FLOW_OK, the report counting 0 rows); a file with no record at all is
 * FLOW_ERR_EMPTY in both readers.
 * Returns FLOW_OK, FLOW_ERR_IO, FLOW_ERR_EMPTY (no header), FLOW_ERR_PARSE,
 * FLOW_ERR_VALUE or FLOW_ERR_NOMEM; *out is NULL on failure.
 */
FLOW_API int flow_table_read_csv(flow_table **out, const char *path, const flow_read_options *opts,
                                 flow_read_report *report);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_READER_H */
