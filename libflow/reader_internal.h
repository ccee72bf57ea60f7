/*
 * reader_internal.h - internal interface of the CSV readers (never installed).
 *
 * Three layers, so that faster or parallel front ends can replace one without
 * touching the others:
 *
 *  1. Number parsing: flow_i_parse_double turns one field into a double under
 *     the options' number format. It is the only place numbers are parsed.
 *
 *  2. Record scanning: a flow_i_scanner wraps libcsv. Bytes are fed in any
 *     pieces; it skips a UTF-8 BOM, detects the delimiter, tracks the line
 *     where each record starts, bounds the record length, and calls back once
 *     per complete record with its fields (NUL-terminated, trimmed by libcsv).
 *
 *  3. Long-format rows: a flow_i_accum turns data records into flows of a
 *     dataset and the accounting of a report. The column map comes from the
 *     header (flow_i_colmap_from_header). An accumulator either writes
 *     straight into the caller's dataset (the serial reader) or into a private
 *     copy that flow_i_accum_merge later adds into the caller's dataset.
 *
 * Chunked parsing (the entry point for multi-threaded readers):
 *   - read the header record (flow_i_scanner fed the first line) and build a
 *     flow_i_colmap once, setting map.delimiter = flow_i_scanner_delimiter(s)
 *     so that every chunk uses the delimiter detected on the header;
 *   - split the rest of the file at record boundaries (a '\n' outside quotes;
 *     for files without quoted newlines, any '\n');
 *   - per chunk: flow_i_accum_new_private(&acc, ds, opts, file, &map), then
 *     a scanner of the chunk feeding flow_i_accum_record on its own thread
 *     (the accumulator touches nothing shared: it reads ds's labels only
 *     while being created); the first chunk may instead use a direct
 *     accumulator (parallel_read.c does exactly this);
 *   - in chunk order: flow_i_accum_merge(ds, report, acc), then
 *     flow_i_accum_free(acc).
 * Merging in chunk order gives the same counts (per reason too), kept rejects
 * and duplicate counts as the serial read, and the same matrices up to floating-point
 * summation order (a cell fed from two chunks is summed per chunk first); line
 * numbers in chunk messages are only as exact as the first_line passed in, or
 * as flow_i_accum_count_lines_with makes them.
 * Rows of a chunk whose matrix turns out (at the merge) to have another unit
 * are counted as rejected but not kept with details. In strict mode a chunk
 * fails on its first reject: report the failure of the earliest failing chunk
 * (its message is on the thread that parsed it: copy it with
 * flow_last_error_copy there).
 */
#ifndef LIBFLOW_READER_INTERNAL_H
#define LIBFLOW_READER_INTERNAL_H

#include "internal.h"
#include "options_table.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

/* ---------------------------------------------------------------- options */

#define FLOW_I_ROLES 10 /* FLOW_COL_ORIGIN .. FLOW_COL_KIND */

struct flow_read_options {
    int preset;
    char *columns[FLOW_I_ROLES]; /* header names; NULL = role unused */
    int delimiter;               /* 0 = detect */
    int thousands;               /* 0 = none */
    int decimal;                 /* '.' or ',' */
    struct flow_i_textlist missing_tokens;
    int missing_policy;
    double scale;
    int allow_negative;
    int unknown_policy;
    int strict;
    int64_t max_rejects_kept;
    int64_t buffer_size;
    int64_t max_line;
    flow_progress_fn progress; /* NULL: none */
    void *progress_userdata;
    char *default_layer;
    int64_t default_year;
    char *unit; /* expected unit or NULL */
    int64_t *years;
    int64_t year_count;
    struct flow_i_textlist product_prefixes;
    struct flow_i_textlist layers;
    /* wide layout */
    int64_t label_rows, label_cols, col_label_row, col_group_row, row_label_col, row_group_col;
    int64_t wide_filter_col;
    char *wide_filter_value;
    int64_t
        threads; /* parallel long reads (parallel_read.c); 1 = serial (0 is resolved when set) */
    char *mirror_layer; /* layer of importer-reported (M) rows, NULL: the row's layer */
    int mirror_policy;  /* a flow_mirror_policy (when no mirror layer is set) */
    int64_t wide_block, wide_block_count, wide_block_index; /* row blocks kept (1, 1, 0: all) */
    char *quantity_layer; /* layer of the quantity column's numbers, NULL: none */
    char *quantity_unit;  /* their unit: set with the layer, or the preset's */
    int libcsv_only; /* 1: libcsv parses every byte (flow_i_scanner_plain_splitter 0), for tests */
};

/*
 * Checks what single keys cannot: the thousands and decimal separators differ,
 * the wide layout's label indices lie in its label block, the row filter's
 * column is a label column, the row block index is below the count. Every read
 * checks its options so (FLOW_ERR_INVALID_ARG naming the keys).
 */
int flow_i_read_options_check(const flow_read_options *opts);

/* The options in effect when the caller passes NULL (valid until freed). */
int flow_i_default_options(flow_read_options **out);

/*
 * Leaves *opts alone when it is set (*defaults = NULL); when it is NULL,
 * creates the default options into *defaults, which the caller frees, and
 * points *opts at them. Returns FLOW_OK or FLOW_ERR_NOMEM.
 */
int flow_i_options_or_default(const flow_read_options **opts, flow_read_options **defaults);

/*
 * New options for the strict readers of per-economy files (attributes, code
 * mappings): strict mode, unknown codes added when add_unknown is 1 and
 * rejected otherwise. *out is NULL on failure.
 */
int flow_i_strict_code_options(flow_read_options **out, int add_unknown);

/* ---------------------------------------------------------------- numbers */

enum flow_i_number {
    FLOW_I_NUMBER_OK = 0,
    FLOW_I_NUMBER_INVALID = 1,   /* not a number in the configured format */
    FLOW_I_NUMBER_NOT_FINITE = 2 /* NaN, Inf, or overflows a double */
};

/*
 * Parses s[0..len) (no surrounding blanks) as a decimal number with optional
 * sign, digits grouped by thousands (when thousands != 0: groups of three
 * after the first group of one to three), a decimal separator decimal ('.' or
 * ','), and an exponent (e or E). Returns an enum flow_i_number; *out is set
 * only on FLOW_I_NUMBER_OK. Result is the correctly rounded double (strtod).
 */
int flow_i_parse_double(const char *s, size_t len, int thousands, int decimal, double *out);

/* Parses s[0..len) as a decimal int64 with optional sign; 1 on success, 0 otherwise. */
int flow_i_parse_int64(const char *s, size_t len, int64_t *out);

/* ---------------------------------------------------------------- records */

/*
 * Bytes that may be read from the start of any record field, whatever its
 * length, so that short fields can be compared a word at a time.
 */
#define FLOW_I_FIELD_PAD 16

/*
 * One complete CSV record: fields NUL-terminated, lens without the NUL; at
 * least FLOW_I_FIELD_PAD bytes can be read from the start of every field.
 */
struct flow_i_record {
    int64_t line; /* 1-based line where the record starts */
    int64_t nfields;
    char **fields;
    const size_t *lens;
    int may_hold_nul; /* 0 when no byte of the record is NUL, 1 when one may be */
};

/*
 * Called once per record; returns FLOW_OK to go on or a failure status
 * (message recorded) to stop the scan.
 */
typedef int (*flow_i_record_fn)(void *userdata, const struct flow_i_record *record);

typedef struct flow_i_scanner flow_i_scanner;

/*
 * Creates a scanner. name is used in messages; delimiter 0 detects it from
 * the first line; max_line bounds a record's bytes; first_line is the line
 * number of the first byte fed; at_file_start says whether a UTF-8 BOM may
 * follow. Returns FLOW_OK or FLOW_ERR_NOMEM.
 */
int flow_i_scanner_new(flow_i_scanner **out, const char *name, int delimiter, int64_t max_line,
                       int64_t first_line, int at_file_start, flow_i_record_fn fn, void *userdata);

/*
 * The scanner parses what it is fed in pieces of up to FLOW_I_SCAN_PIECE
 * bytes that end after a line break; a piece holding no line break grows to
 * the end of its line, up to FLOW_I_SCAN_PIECE_MAX bytes (see reader_scan.c).
 * The differential tests probe texts and lines around both bounds.
 */
#define FLOW_I_SCAN_PIECE     ((size_t)1 << 16)
#define FLOW_I_SCAN_PIECE_MAX ((size_t)1 << 20)

/* Feeds len bytes. Returns FLOW_OK or the first failure (parse error, callback). */
int flow_i_scanner_feed(flow_i_scanner *s, const char *data, size_t len);

/*
 * Ends the input: delivers a last record without a line end, and fails with
 * FLOW_ERR_PARSE on an unterminated quoted field.
 */
int flow_i_scanner_finish(flow_i_scanner *s);

/*
 * From the next record on, copies only the fields i < count with keep[i] != 0
 * (keep is borrowed until the scanner is freed or keep is set again); the
 * other fields are counted and handed out as "". NULL keeps every field.
 */
void flow_i_scanner_keep(flow_i_scanner *s, const unsigned char *keep, int64_t count);

/*
 * 1 when the bytes fed so far, ending with a '\n', end between two records
 * (not inside a quoted field), so that a new scanner could carry on from
 * there as this one would.
 */
int flow_i_scanner_between_records(const flow_i_scanner *s);

/*
 * on = 1 (the default): the whole lines of plain pieces are split by the
 * scanner's own vectorised splitter; 0: libcsv parses every byte. The
 * records are the same either way; 0 exists to compare the two.
 */
void flow_i_scanner_plain_splitter(flow_i_scanner *s, int on);

/* Bytes the splitter has taken so far (the rest went to libcsv). */
int64_t flow_i_scanner_split_bytes(const flow_i_scanner *s);

/* The delimiter in use (after detection), 0 before it is known. */
int flow_i_scanner_delimiter(const flow_i_scanner *s);

void flow_i_scanner_free(flow_i_scanner *s);

/*
 * Streams a whole file (or, when data != NULL, len bytes of memory named
 * path) through a scanner with the options' delimiter, buffer size and line
 * limit. Returns FLOW_OK, FLOW_ERR_IO (message names the file and the system
 * error) or the first failure of the scan.
 */
int flow_i_scan(const char *path, const char *data, int64_t len, const flow_read_options *opts,
                flow_i_record_fn fn, void *userdata);

/*
 * flow_i_scan through a scanner the caller made (for path, from line 1, at
 * the file start) and still owns, so that its callback can adjust it.
 */
int flow_i_scan_with(flow_i_scanner *s, const char *path, const char *data, int64_t len,
                     const flow_read_options *opts);

/*
 * Index of the field equal to name (blanks trimmed) in a header record, or -1.
 */
int64_t flow_i_record_find(const struct flow_i_record *header, const char *name);

/*
 * flow_table_read_csv over a file, or (data != NULL) over len bytes of memory
 * named path.
 */
int flow_i_table_read(flow_table **out, const char *path, const char *data, int64_t len,
                      const flow_read_options *opts, flow_read_report *report);

/*
 * Feeds a whole input into the scanner s and finishes it (flow_i_scan_with
 * for files; decompressing sources for compressed ones). Returns FLOW_OK or
 * the first failure.
 */
typedef int (*flow_i_pump_fn)(void *ctx, flow_i_scanner *s);

/*
 * flow_table_read_csv over an input that pump feeds; name is used in
 * messages.
 */
int flow_i_table_read_pump(flow_table **out, const char *name, const flow_read_options *opts,
                           flow_read_report *report, flow_i_pump_fn pump, void *ctx);

/* ---------------------------------------------------------------- reports */

/*
 * Records one filtered (FLOW_REASON_FILTERED) or rejected row under reason.
 * For rejects, file/line/column/text make the kept detail and message.
 * Returns FLOW_OK or FLOW_ERR_NOMEM.
 */
int flow_i_report_count(flow_read_report *r, int kind, const char *reason, int64_t rows);
int flow_i_report_reject(flow_read_report *r, int64_t max_kept, const char *reason,
                         const char *file, int64_t line, const char *column, const char *text,
                         size_t text_len, const char *message);
/*
 * Records one rejected cell of a row that is otherwise kept (the readers of
 * per-economy tables): its reason counts cells, the kept detail names line
 * and column as for rows; the row counts are left alone.
 */
int flow_i_report_cell(flow_read_report *r, int64_t max_kept, const char *reason, const char *file,
                       int64_t line, const char *column, const char *text, size_t text_len,
                       const char *message);
/*
 * Counts cells of kept rows under reason (of kind) without details: the
 * row counts are left alone, and merges carry the count as cells.
 */
int flow_i_report_cells(flow_read_report *r, int kind, const char *reason, int64_t cells);
int flow_i_report_unknown(flow_read_report *r, const char *code, size_t len, int64_t rows,
                          int64_t first_line);
void flow_i_report_reset(flow_read_report *r);

/*
 * What a report holds, for the library's own use (flow_read_report_table is
 * the public view): counts (0 for NULL), reasons, kept rejects and unknown
 * codes with borrowed strings (outputs may be NULL; FLOW_ERR_INVALID_ARG for
 * an index out of range), and the unit ("" when none).
 */
int64_t flow_i_read_report_rows(const flow_read_report *r);
int64_t flow_i_read_report_accepted(const flow_read_report *r);
int64_t flow_i_read_report_filtered(const flow_read_report *r);
int64_t flow_i_read_report_rejected(const flow_read_report *r);
int64_t flow_i_read_report_duplicates(const flow_read_report *r);
int64_t flow_i_read_report_missing(const flow_read_report *r);
int64_t flow_i_read_report_reason_count(const flow_read_report *r);
int flow_i_read_report_reason(const flow_read_report *r, int64_t i, const char **reason,
                              int64_t *count, int *kind);
int64_t flow_i_read_report_kept_count(const flow_read_report *r);
int flow_i_read_report_kept(const flow_read_report *r, int64_t i, const char **message,
                            const char **file, int64_t *line, const char **column,
                            const char **text);
int64_t flow_i_read_report_unknown_count(const flow_read_report *r);
int flow_i_read_report_unknown(const flow_read_report *r, int64_t i, const char **code,
                               int64_t *rows, int64_t *first_line);
const char *flow_i_read_report_unit(const flow_read_report *r);
void flow_i_report_add_counts(flow_read_report *r, int64_t rows, int64_t accepted,
                              int64_t duplicates, int64_t missing);
int flow_i_report_set_unit(flow_read_report *r, const char *unit, size_t len);
/* Adds everything src holds into dst (kept rejects up to max_kept). */
int flow_i_report_merge(flow_read_report *dst, const flow_read_report *src, int64_t max_kept);

/* ---------------------------------------------------------------- long rows */

/* Field index of every role in a long-format file (-1 = absent). */
struct flow_i_colmap {
    int64_t index[FLOW_I_ROLES];
    int64_t nfields;           /* fields in the header: rows with another count are ragged */
    char *names[FLOW_I_ROLES]; /* header text of each role, for messages (owned) */
    unsigned char *keep;       /* nfields flags: 1 for the columns of a role (owned), for
                                  flow_i_scanner_keep */
    int delimiter; /* the file's delimiter, from flow_i_scanner_delimiter after the header:
                      chunks are parsed with it (0: the options' delimiter) */
};

/*
 * Builds the column map from a header record. Fails with
 * FLOW_ERR_MISSING_COLUMN naming file, column and the header found.
 */
int flow_i_colmap_from_header(struct flow_i_colmap *map, const struct flow_i_record *header,
                              const flow_read_options *opts, const char *file);
void flow_i_colmap_clear(struct flow_i_colmap *map);

typedef struct flow_i_accum flow_i_accum;

/*
 * Accumulator writing into ds itself and counting into report (may be NULL).
 * The map and options are borrowed for the accumulator's lifetime.
 */
int flow_i_accum_new_direct(flow_i_accum **out, flow_dataset *ds, flow_read_report *report,
                            const flow_read_options *opts, const char *file,
                            const struct flow_i_colmap *map);

/*
 * Accumulator writing into a private dataset with a copy of ds's economy
 * axis and product grouping, and a private report; ds is only read here.
 */
int flow_i_accum_new_private(flow_i_accum **out, const flow_dataset *ds,
                             const flow_read_options *opts, const char *file,
                             const struct flow_i_colmap *map);

/*
 * Counts the lines of the file before a chunk: sets *lines (so that line 1 of
 * the chunk is line *lines + 1 of the file) and returns FLOW_OK, or a failure
 * (message recorded).
 */
typedef int (*flow_i_lines_fn)(void *userdata, int64_t *lines);

/*
 * For an accumulator fed a chunk from line 1: its messages and kept rejects
 * name the file's lines, counted by fn the first time a line is needed (from
 * the accumulator's thread), so that chunks without rejects never count.
 */
void flow_i_accum_count_lines_with(flow_i_accum *acc, flow_i_lines_fn fn, void *userdata);

/*
 * Cells shared by the accumulators of one parallel read: every thread adds
 * into the caller's matrices, and each economy pair (origin, destination) of
 * the axis belongs to the first accumulator that writes it (owner, stride x
 * stride entries, 0: free; claimed atomically). Matrices are created and
 * units set under lock. An accumulator that meets a pair of another one, or
 * a unit that differs from its matrix's (which unit wins would depend on
 * timing), sets abort and fails; the read is then done again with private
 * copies. When nothing aborts, every cell holds the rows of one accumulator
 * summed in file order, as the serial read sums them.
 */
struct flow_i_shared {
    pthread_mutex_t lock;
    atomic_int *owner;
    int64_t stride;
    atomic_int abort;
};

/*
 * Accumulator number id (>= 1) adding into ds's cells through shared (see
 * above), counting into a private report (flow_i_accum_report); ds must
 * pass flow_i_dataset_shared_ok and the options must not add unknown codes.
 */
int flow_i_accum_new_shared(flow_i_accum **out, flow_dataset *ds, struct flow_i_shared *shared,
                            int id, const flow_read_options *opts, const char *file,
                            const struct flow_i_colmap *map);
/* The private report of a shared or private accumulator. */
const flow_read_report *flow_i_accum_report(const flow_i_accum *acc);
/* Adds the per-matrix row counts a shared accumulator kept into its dataset. */
void flow_i_accum_count_rows(flow_i_accum *acc);

/* Handles one data record (accounting, filters, flow). FLOW_OK or a failure. */
int flow_i_accum_record(flow_i_accum *acc, const struct flow_i_record *record);

/*
 * Adds a private accumulator's flows into ds (matching economies by code,
 * adding the ones the chunk added) and its accounting into report (may be
 * NULL). Rows of the chunk that hit a cell whose last product in ds equals
 * the chunk's first product there count as duplicates, as in a serial read.
 */
int flow_i_accum_merge(flow_dataset *ds, flow_read_report *report, const flow_i_accum *acc);

void flow_i_accum_free(flow_i_accum *acc);

/*
 * The multi-threaded long reader (parallel_read.c): reads path into ds with
 * opts->threads threads and sets *handled = 1, or, when the file is better
 * read serially (one thread asked, small file, line breaks inside quotes at a
 * cut, unusual header, any problem before the first row is parsed), sets
 * *handled = 0 and returns FLOW_OK without touching ds or report. *handled is
 * 2 when the ranges wrote the matrices themselves (shared cells), 1 when they
 * merged private copies.
 */
int flow_i_read_long_parallel(flow_dataset *ds, const char *path, const flow_read_options *opts,
                              flow_read_report *report, int *handled);

/*
 * Tells the options' progress callback (if any) that done of total bytes of
 * path are parsed; a non-zero answer from it cancels the read: FLOW_ERR_IO
 * with the message recorded. Call from the thread that called the read.
 */
int flow_i_report_progress(const flow_read_options *opts, const char *path, int64_t done,
                           int64_t total);

#endif /* LIBFLOW_READER_INTERNAL_H */
