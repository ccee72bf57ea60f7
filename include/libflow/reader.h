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

/* Column roles of the long format (read options "origin_column", ...). */
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
    FLOW_COL_KIND = 9,        /* optional: the layer's kind, "flow" or "stock" (flow_layer_kind) */
    FLOW_COL_COUNT = 10
} flow_column_role;

/* Presets (read option "preset": generic, baci, comtrade). */
typedef enum flow_preset {
    FLOW_PRESET_GENERIC = 0, /* origin,destination,value[,year,layer,product,unit] */
    FLOW_PRESET_BACI =
        1, /* t,i,j,k,v,q: year t, exporter i, importer j, product k, v in 1000 USD */
    FLOW_PRESET_COMTRADE = 2, /* refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue */
    FLOW_PRESET_COUNT = 3
} flow_preset;

/* Missing-value policies (read option "missing": zero, skip, reject). */
typedef enum flow_missing_policy {
    FLOW_MISSING_ZERO = 0,   /* a missing value counts as 0 (counted in the report) */
    FLOW_MISSING_SKIP = 1,   /* the row is filtered with reason "missing value" */
    FLOW_MISSING_REJECT = 2, /* the row is rejected with reason "missing value" */
    FLOW_MISSING_POLICY_COUNT = 3
} flow_missing_policy;

/* Unknown-code policies (read option "unknown_codes": reject, add). */
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

/* Mirror policies (read option "mirror_policy"). */
typedef enum flow_mirror_policy {
    FLOW_MIRROR_IMPORTER_FIRST = 0,
    FLOW_MIRROR_EXPORTER_FIRST = 1,
    FLOW_MIRROR_IMPORTER = 2,
    FLOW_MIRROR_EXPORTER = 3,
    FLOW_MIRROR_POLICY_COUNT = 4
} flow_mirror_policy;

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
 * Sets one option: name is a key of the table below, value its text as a user
 * types it ("2", "0.5", ";", "importer-first", "2021,2022"). Words match in
 * any case, '-' and '_' alike. A list value replaces the whole list; "" clears
 * it. Switches take 1/0 (also true/false, yes/no). Keys apply in the order
 * they are set: "preset" resets the columns, scale, unit, default layer and
 * quantity unit, so set it first and the single keys after it.
 *
 * Returns FLOW_OK; FLOW_ERR_INVALID_ARG for NULL opts, name or value, an
 * unknown name, or a value that does not parse or lies out of range, with
 * flow_last_error naming the key and the value ("read option 'threads':
 * '-1' is not an integer in [0, 256]"; an unknown name lists the known
 * ones); FLOW_ERR_NOMEM. On failure opts is unchanged.
 * What one key cannot check is checked when a read starts (FLOW_ERR_INVALID_ARG
 * naming the keys): thousands and decimal differ; the wide_* label indices
 * lie inside the label block; wide_row_filter_column < wide_label_cols;
 * wide_row_block_index < wide_row_block_count.
 *
 * Format and columns (every reader):
 *   preset            generic | baci | comtrade (default generic). Sets the
 *                     column names, scale and default layer of a known format
 *                     (BACI t,i,j,k,v,q: year t, exporter i, importer j,
 *                     product k, v in 1000 USD: scale 1000 so values are in
 *                     USD, unit "USD", layer "trade", quantity unit "t";
 *                     Comtrade refYear,reporterISO,partnerISO,flowCode,
 *                     cmdCode,primaryValue,netWgt: flow codes M/X mapped to
 *                     origin/destination, partner "W00"/"WLD"/"0" (world)
 *                     filtered as an aggregate, other flow codes filtered,
 *                     unit "USD", quantity unit "kg"). Later keys override
 *                     single settings.
 *   origin_column, destination_column, value_column (required roles),
 *   year_column, layer_column, product_column, unit_column, flow_column,
 *   quantity_column, kind_column
 *                     the header of the column holding that role
 *                     (flow_column_role; defaults "origin", "destination",
 *                     "value", "year", "layer", "product", "unit", "flow",
 *                     "quantity", "layer_kind": a generic word like "kind" could
 *                     name an unrelated column). "" makes an optional role unused (a
 *                     required one then cannot be read). Header names match
 *                     exactly after trimming blanks. year: an integer year
 *                     (else default_year); a monthly period YYYY-MM counts
 *                     each row in its year (monthly files are summed into
 *                     years). layer: else default_layer. unit: one per
 *                     matrix ("" agrees with any). flow: M / X (Comtrade);
 *                     M swaps the codes. quantity: read only with a
 *                     quantity_layer.
 *   delimiter         ',', ';', '|', a tab character (or the word "tab"), or
 *                     "" (also "auto", the default) to detect it from the
 *                     first line: the most frequent of ',', ';', tab outside
 *                     quotes; ',' when none.
 *   thousands         "" (none, the default), ',', '.', ' ' (or "space") or
 *                     '\''; separators are only accepted between digit groups
 *                     of three.
 *   decimal           '.' (default) or ','; must differ from the thousands
 *                     separator (checked when a read starts); a decimal
 *                     comma needs another delimiter than ','.
 *   missing_tokens    comma list of the field texts that mean "missing"
 *                     (matched exactly after trimming blanks); default
 *                     ",NA,N/A,..,---" (the empty field first). Each piece
 *                     counts, an empty one too; "" removes every token (even
 *                     the empty field).
 *   missing           zero | skip | reject (flow_missing_policy; default
 *                     zero): a missing value counts as 0 (counted in the
 *                     report) / the row is filtered with reason "missing
 *                     value" / the row is rejected with that reason.
 *   scale             every value is multiplied by it (finite, > 0;
 *                     default 1; the BACI preset sets 1000).
 *   allow_negative    1 accepts negative values (net positions, inventory
 *                     changes); 0 (default) rejects them.
 *   unknown_codes     reject (default: "unknown economy code 'XYZ'") | add
 *                     (the code joins the economy axis as a new label)
 *                     (flow_unknown_policy).
 *   strict            1: the first rejected row fails the read with its
 *                     message; 0 (default) counts it.
 *   max_rejects_kept  how many rejects keep their details (integer >= 0,
 *                     default 20; 0 counts them and keeps none).
 *   buffer_size       read buffer in bytes (1 to 1 GiB; default 1 MiB).
 *   max_line          longest record accepted in bytes (16 to 4 GiB;
 *                     default 16 MiB).
 *
 * Long format (flow_dataset_read_csv, flow_dataset_read_buffer):
 *   threads           0 to 256. 1 (the default) reads serially; n > 1
 *                     parses up to n byte ranges of the file in parallel
 *                     (each range at least 256 KiB, so small files stay
 *                     serial) and merges them in file order; 0 uses one
 *                     thread per online processor. Counts, rejects, messages
 *                     and line numbers are those of the serial read, and so
 *                     are the matrices, bit for bit, when no matrix cell has
 *                     rows in two ranges: ranges are cut where origin and
 *                     destination change, which guarantees it for files
 *                     sorted by origin and destination such as BACI's.
 *                     Otherwise (unsorted files, or reading into cells that
 *                     already hold values) sums may differ from the serial
 *                     read's in the last bits (order of summation). Files
 *                     whose quoted fields contain line breaks at a range cut,
 *                     and reads from memory, are read serially. Memory grows
 *                     by one private copy of the matrices read per extra
 *                     thread.
 *   default_layer     layer of rows when the file has no layer column (a
 *                     name, not ""; default "trade").
 *   default_year      year of rows when the file has no year column
 *                     (integer 0 to 9999; default 0).
 *   unit              the unit expected on every row (e.g. "USD"): rows
 *                     whose unit field says otherwise are rejected; rows
 *                     without a unit column or with an empty unit field take
 *                     it. "" (the generic preset's default) expects nothing,
 *                     but every matrix keeps the first non-empty unit of its
 *                     rows and rejects rows in another unit (an empty unit
 *                     agrees with any). The BACI and Comtrade presets set
 *                     "USD".
 *   mirror_layer      mirror pairs: with a layer name set, rows whose flow
 *                     code says the partner reported an import (M, IMPORT)
 *                     go to that layer, oriented exporter -> importer, while
 *                     exports (X, EXPORT) stay in the row's layer. Both
 *                     reports of a UN Comtrade flow are then kept apart, for
 *                     mirror-gap diagnostics (flow_evasion_diagnose). ""
 *                     (default) sends both to the row's layer.
 *   mirror_policy     which report of a flow a read keeps when a flow column
 *                     (the Comtrade preset's flowCode) says who reported it:
 *                     the exporter (X) or the importer (M, the partner's
 *                     mirror of the same flow); flow_mirror_policy. The two
 *                     reports of one flow are never summed:
 *                     importer-first (default) the importer's report; the
 *                       exporter's where the importer reports nothing for
 *                       that cell (origin, destination, layer, year, product
 *                       group). Importers' customs records are the usual
 *                       reference (values CIF: freight and insurance
 *                       included, so a few per cent above the FOB export).
 *                     exporter-first  the exporter's report (FOB), the
 *                       importer's as fallback.
 *                     importer, exporter  that report only; rows of the
 *                       other are filtered with the reason "other report of
 *                       the flow (mirror policy)".
 *                     Fallback rows superseded by the preferred report are
 *                     counted as filtered ("superseded by the preferred
 *                     report (mirror policy)"), so that every row is
 *                     accounted for. With a mirror_layer set both reports are
 *                     kept apart and the policy does not apply.
 *   quantity_layer    quantities in the same read as values (unit values
 *                     v / q from one pass): with a layer name set, every
 *                     accepted row also adds the number in its quantity
 *                     column (quantity_column: "q" in the BACI preset,
 *                     "netWgt" in the Comtrade preset, "quantity" otherwise)
 *                     to the matrix of (layer, the row's year, the row's
 *                     product) - the same cell as its value, in a layer of
 *                     its own, so that a matrix never mixes money and
 *                     tonnes. The scale (BACI's thousands of USD) applies to
 *                     values only. The row is accounted for by its value as
 *                     always; its quantity is a cell of it:
 *                      - a missing quantity (a missing-value token, e.g.
 *                        BACI's NA) adds nothing to the quantity layer and
 *                        is counted under the filtered reason "quantity
 *                        missing (value kept)";
 *                      - a quantity that is not a finite non-negative number
 *                        adds nothing and is a rejected cell, "quantity not
 *                        a number (value kept)" or "quantity negative (value
 *                        kept)", kept with file, line and column; in strict
 *                        mode it fails the read (FLOW_ERR_VALUE).
 *                     Reason counts of these two kinds count cells, not rows:
 *                     rows = accepted + filtered + rejected still holds. Unit
 *                     values of a grouped product (HS chapters) are then
 *                     v / q over rows that may lack q: group by the full code
 *                     (flow_dataset_set_product_digits with 6 for HS6) for
 *                     unit values. Importer-reported rows sent to the
 *                     mirror_layer keep their value only, and so do the
 *                     fallback rows of a mirror_policy: quantities come from
 *                     the preferred report alone, never from both. The
 *                     quantity column is unused (not even looked for) while
 *                     no layer is set. "" (default): no quantities.
 *   quantity_unit     unit of the quantity layer's matrices (default the
 *                     preset's quantity unit: "t" for BACI, "kg" for
 *                     Comtrade's net weight, "" for the generic preset; set
 *                     it after the preset).
 *   years, product_prefixes, layers
 *                     filters, comma lists: only rows whose year is one of
 *                     the years ("2021,2022"), whose product code starts with
 *                     one of the prefixes ("2709,27,8542"), and whose layer
 *                     is one of the layers are accepted; the others are
 *                     counted as filtered. "" (the default) means no filter
 *                     on that kind.
 *
 * Wide format (flow_table_read_csv):
 *   wide_label_rows, wide_label_cols
 *                     leading records holding column labels and leading
 *                     fields of each row holding row labels (integers >= 0;
 *                     defaults 1, 1; either may be 0: labels then stay "").
 *   wide_col_label_row, wide_col_group_row
 *                     which label record gives the column label / the column
 *                     group (integer >= -1, -1: none; defaults 0, -1).
 *   wide_row_label_col, wide_row_group_col
 *                     which label field gives the row label / the row group
 *                     (integer >= -1, -1: none; defaults 0, -1).
 *                     Example WIOD NIOT (Year;Code;Description;Origin;A01;...):
 *                     wide_label_rows 2, wide_label_cols 4,
 *                     wide_col_label_row 0, wide_col_group_row -1,
 *                     wide_row_label_col 1, wide_row_group_col 3.
 *   wide_row_filter_column, wide_row_filter_value
 *                     keeps only the data rows whose label field
 *                     wide_row_filter_column (integer >= 0, default 0) equals
 *                     wide_row_filter_value (e.g. column 0 = "2014" to take
 *                     one year of a WIOD table); the other rows are counted
 *                     as filtered. "" value (the default): no filter.
 *   wide_row_block, wide_row_block_count, wide_row_block_index
 *                     keeps only the data rows in the row blocks of one
 *                     reader among count: data row i (0 = the first record
 *                     after the label rows, in file order, whatever the other
 *                     filters do) is kept when (i / block) % count == index
 *                     - the block-cyclic rows of process index of count, so
 *                     that count processes reading the same file each parse
 *                     and hold their own rows (libflow_mpi reads this way).
 *                     The rows of the other blocks are counted as filtered
 *                     and their cells are not parsed. block >= 1, count >= 1,
 *                     0 <= index < count; 1, 1, 0 (the default) keeps every
 *                     row.
 *
 * The progress callback, which is not text, has its own setter
 * (flow_read_options_set_progress).
 */
FLOW_API int flow_read_options_set(flow_read_options *opts, const char *name, const char *value);

/*
 * Progress of a read: bytes_done bytes of the input parsed so far out of
 * bytes_total (the file's size, the buffer's length, or -1 when the size is
 * unknown, e.g. a pipe). Return 0 to go on; any other value cancels the read.
 */
typedef int (*flow_progress_fn)(void *userdata, int64_t bytes_done, int64_t bytes_total);

/*
 * Sets the progress callback of the reads that use opts (NULL: none, the
 * default). fn is called on the thread that called the read function, after
 * each read buffer is parsed (every 1 MiB by default, see the read option
 * "buffer_size") and once more when the whole input has
 * been parsed, with bytes_done the input's length (== bytes_total when that
 * is known); bytes_done never decreases between calls of one read. A read
 * with several threads (read option "threads") calls fn only while it
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
