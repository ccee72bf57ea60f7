/*
 * util.h - helpers shared by the flowtool subcommands: option parsing, data
 * loading and printers of labelled tables in three formats.
 *
 * A subcommand declares its options as an array of struct flowtool_option
 * (usually starting with FLOWTOOL_COMMON_OPTIONS), calls flowtool_parse, and
 * prints its results through a flowtool_table. Exit statuses follow main.c:
 * 0 success, 1 the analysis failed (libflow's message on stderr), 2 usage.
 */
#ifndef FLOWTOOL_UTIL_H
#define FLOWTOOL_UTIL_H

#include <libflow.h>
#include <stdint.h>
#include <stdio.h>

typedef struct flowtool_table flowtool_table;

/* Output formats (--format table|csv|json). */
enum flowtool_format { FLOWTOOL_TABLE = 0, FLOWTOOL_CSV = 1, FLOWTOOL_JSON = 2 };

/* Kinds of option values. */
enum flowtool_kind {
    FLOWTOOL_FLAG,   /* int *: set to 1 when present */
    FLOWTOOL_STRING, /* const char **: the argument */
    FLOWTOOL_INT,    /* int64_t *: a decimal integer */
    FLOWTOOL_DOUBLE, /* double *: a finite number */
    FLOWTOOL_FORMAT  /* int *: table, csv or json */
};

struct flowtool_option {
    const char *name; /* long name without "--"; NULL ends the array */
    int kind;
    void *target;
    const char *arg;  /* argument placeholder in --help, e.g. "YEAR" */
    const char *help; /* one line */
};

/* Column roles a long CSV's headers can be named for (FLOW_COL_ORIGIN ... FLOW_COL_UNIT). */
#define FLOWTOOL_COLUMN_ROLES 7

/* Options every analysis subcommand understands; 0/NULL mean "not given". */
struct flowtool_common {
    const char *layer;      /* --layer NAME */
    int64_t year;           /* --year YEAR (FLOWTOOL_NO_YEAR when absent) */
    const char *product;    /* --product GROUP */
    int format;             /* --format table|csv|json */
    const char *economy;    /* --economy CODE */
    int64_t top;            /* --top N (default 5) */
    int strict;             /* --strict: fail on the first bad row */
    const char *attributes; /* --attributes FILE: per-economy columns (gdp, ...) */
    const char *preset;     /* --preset generic|baci|comtrade */
    int64_t product_digits; /* --product-digits N: group products by N leading chars */
    const char *codes;      /* --codes FILE: BACI-style country_code,...,country_iso3 file */
    int help;               /* --help */
    int all_economies; /* --all-economies: the full ISO 3166-1 axis, not the economies present */
    /* --origin-column NAME, ...: headers of the long CSV's columns (FLOW_COL_* order) */
    const char *columns[FLOWTOOL_COLUMN_ROLES];
    const char *mirror; /* --mirror importer-first|exporter-first|importer|exporter */
    /* reader options of panels, set by the commands that offer them (evasion) */
    const char *mirror_layer;    /* layer of importer-reported (M, IMPORT) rows */
    const char *quantity_layer;  /* layer of the quantity column, read with the values */
    const char *quantity_column; /* its header (default: the preset's) */
    const char *quantity_unit;   /* its unit (default: the preset's) */
    const char *product_groups;  /* concordance CSV (columns code, group) of product groups */
};

#define FLOWTOOL_NO_YEAR INT64_MIN

/* Defaults for struct flowtool_common (top 5, no year, table format). */
void flowtool_common_init(struct flowtool_common *c);

/* The option entries of struct flowtool_common, to start an options array. */
#define FLOWTOOL_COMMON_OPTIONS(c)                                                                 \
    {"layer", FLOWTOOL_STRING, &(c)->layer, "NAME", "layer: trade, energy, finance, ..."},         \
        {"year", FLOWTOOL_INT, &(c)->year, "YEAR", "year of the flows"},                           \
        {"product", FLOWTOOL_STRING, &(c)->product, "GROUP", "product group (default: all)"},      \
        {"economy", FLOWTOOL_STRING, &(c)->economy, "CODE", "economy of interest (ISO3 code)"},    \
        {"top", FLOWTOOL_INT, &(c)->top, "N", "number of partners to list (default 5)"},           \
        {"format", FLOWTOOL_FORMAT, &(c)->format, "FMT", "output: table (default), csv or json"},  \
        {"strict", FLOWTOOL_FLAG, &(c)->strict, NULL, "fail on the first bad input row"},          \
        {"attributes", FLOWTOOL_STRING, &(c)->attributes, "FILE",                                  \
         "per-economy attributes CSV (code,...,gdp,...)"},                                         \
        {"preset", FLOWTOOL_STRING, &(c)->preset, "NAME",                                          \
         "input format: generic (default), baci, comtrade"},                                       \
        {"codes", FLOWTOOL_STRING, &(c)->codes, "FILE",                                            \
         "economy codes file (country_code,country_name,...,country_iso3, as BACI's)"},            \
        {"product-digits", FLOWTOOL_INT, &(c)->product_digits, "N",                                \
         "group products by their first N characters (default: codes apart; baci, comtrade: 2)"},  \
        {"all-economies", FLOWTOOL_FLAG, &(c)->all_economies, NULL,                                \
         "keep the full ISO 3166-1 axis (default: the economies present in the data)"},            \
        {"origin-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_ORIGIN], "NAME",                 \
         "header of the origin column (default: origin)"},                                         \
        {"destination-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_DESTINATION], "NAME",       \
         "header of the destination column (default: destination)"},                               \
        {"value-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_VALUE], "NAME",                   \
         "header of the value column (default: value)"},                                           \
        {"year-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_YEAR], "NAME",                     \
         "header of the year column (default: year)"},                                             \
        {"layer-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_LAYER], "NAME",                   \
         "header of the layer column (default: layer)"},                                           \
        {"product-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_PRODUCT], "NAME",               \
         "header of the product column (default: product)"},                                       \
        {"unit-column", FLOWTOOL_STRING, &(c)->columns[FLOW_COL_UNIT], "NAME",                     \
         "header of the unit column (default: unit)"},                                             \
        {"mirror", FLOWTOOL_STRING, &(c)->mirror, "POLICY",                                        \
         "report kept of a flow both sides report (comtrade): importer-first (default), "          \
         "exporter-first, importer, exporter"},                                                    \
    {                                                                                              \
        "help", FLOWTOOL_FLAG, &(c)->help, NULL, "show this help"                                  \
    }

/*
 * Parses argv[1..argc-1] ("--name value", "--name=value", flags) into the
 * options' targets; other arguments are collected into positional (room for
 * argc entries) and counted in *npositional. "--help" prints usage, the
 * description and the option list to stdout. Returns 1 when the command goes
 * on (*exit_status untouched), or 0 when it ends here with *exit_status set:
 * 0 after --help, 2 after a usage error (message on stderr).
 */
int flowtool_parse(int argc, char **argv, const char *usage, const char *description,
                   const struct flowtool_option *options, char **positional, int *npositional,
                   int *exit_status);

/*
 * flowtool_parse for a command whose positional arguments are its input
 * files: allocates *files (room for argc names plus a NULL; free it with
 * free(), also when this returns 0) and parses into it. Returns 1 when the
 * command goes on, or 0 with *exit_status set: 0 after --help, 2 after a
 * usage error, 1 when out of memory.
 */
int flowtool_parse_files(int argc, char **argv, const char *usage, const char *description,
                         const struct flowtool_option *options, char ***files, int *nfiles,
                         int *exit_status);

/* Prints "flowtool: <what>: <libflow message>" to stderr and returns 1. */
int flowtool_fail(const char *what);

/*
 * A usage error found after parsing (an unknown layer, product or economy):
 * prints "flowtool: <message> '<value>'", closes the output and exits with 2.
 */
void flowtool_usage_error(const char *message, const char *value);

/*
 * Loads long-format CSV files ("-": standard input) into a new dataset whose
 * axis is the economies present in them (ISO 3166-1 codes and aliases
 * recognised; --all-economies keeps the whole ISO axis), with the common
 * options (preset, strict, product digits, columns, attributes). When
 * accounting is not NULL, every file's row accounting is added to it as rows
 * of a table (file, rows, accepted, filtered, rejected, duplicates) and its
 * first rejects are printed to stderr. Returns 0, or 1 after printing the
 * library's message.
 */
int flowtool_load(flow_dataset **out, char **files, int nfiles, const struct flowtool_common *c,
                  flowtool_table *accounting);

/* ---------------------------------------------------------------- tables */

/*
 * A flowtool_table (declared above) holds text and number cells with a title
 * and column headers. Its name is the title up to the first ',', '(' or ':',
 * lower-cased with '_' for other characters ("Layer totals" -> layer_totals).
 * Output (stdout), so that a run's output is one document of its format:
 *  - text: every table, aligned, numbers with 6 significant digits;
 *  - csv: one table (header line, then rows; numbers in the shortest form that
 *    reads back to the same double): the one --table NAME selects, else the
 *    first, with the names of the others on stderr;
 *  - json: with --table NAME that table, {"name", "title", "columns", "rows":
 *    [{column: value, ...}]}; else {"tables": [table, ...]} (NaN and
 *    infinities as null).
 */

/* Keeps only the table called name (--table NAME). */
void flowtool_output_select(const char *name);

/*
 * Ends the output: closes the JSON document, reports tables left out of a
 * CSV output, or a --table NAME no table had. Returns 0, or 2 after printing
 * why when --table named no table of the command.
 */
int flowtool_output_finish(void);

/* New table; headers has ncols strings (copied). NULL on out-of-memory. */
flowtool_table *flowtool_table_new(const char *title, int ncols, const char *const *headers);
void flowtool_table_free(flowtool_table *t);

/* Appends a cell to the current row; a row is complete after ncols cells. 0 or -1 (memory). */
int flowtool_table_text(flowtool_table *t, const char *text);
int flowtool_table_number(flowtool_table *t, double value);
int flowtool_table_integer(flowtool_table *t, int64_t value);

/* Prints the table (see above). */
void flowtool_table_print(const flowtool_table *t, FILE *out, int format);

/*
 * The end of a command's table: prints t to stdout when rc is 0 (the table
 * was filled), then frees it (t may be NULL when rc is not 0).
 */
void flowtool_table_finish(flowtool_table *t, int rc, int format);

/*
 * Prints a labelled matrix (rows x cols, row_stride elements between rows)
 * as a table whose first column holds the row labels.
 */
int flowtool_print_matrix(FILE *out, int format, const char *title, const double *values,
                          int64_t rows, int64_t cols, int64_t row_stride,
                          const char *const *row_labels, const char *const *col_labels);

/*
 * Prints a libflow result table with one row per table row: the row group
 * under group_header (left out when the rows have no groups), the row label
 * under label_header, then every column, headed "GROUP/LABEL" when the column
 * has a group (a region) and "LABEL" otherwise. With keep != NULL only rows
 * whose group (or label when ungrouped) equals keep. Returns 0 or 1 (memory).
 */
int flowtool_print_result(const flow_table *t, const char *title, const char *group_header,
                          const char *label_header, const char *keep, int format);

/*
 * The codes of a label set as an array of borrowed strings (free the array
 * with free(), not the strings). NULL on out-of-memory.
 */
const char **flowtool_label_codes(const flow_labels *labels);

/* ---------------------------------------------------------------- MRIO databases */

/* flowtool io --mrio: how to read and aggregate the database. */
struct flowtool_mrio_options {
    const char *format;  /* --mrio icio|exiobase|figaro|pymrio */
    int keep_splits;     /* --keep-splits */
    int trust_output;    /* --trust-output */
    const char *regions; /* --regions FILE: code,group concordance */
    const char *sectors; /* --sectors FILE */
};

/* Reads (and aggregates) the database; prints its summary and row accounting to stderr. 0 or 1. */
int flowtool_io_mrio_load(flow_mrio **out, const struct flowtool_mrio_options *o, const char *path);

/* Prints the regional footprints of an extension ("all": of every one); NULL prints nothing. */
int flowtool_io_mrio_footprints(flow_mrio *mrio, const char *extension, int format);

/* Runs a sector-specific cut file (NULL: nothing) on m and prints its losses by region and sector.
 */
int flowtool_io_sector_cut(flow_io_model *m, const char *path, int64_t top, int format);

/* Runs a sanctions scenario on an MRIO model (flow_scenario_run_io) and prints it as above. */
int flowtool_io_scenario(const flow_io_model *m, const flow_scenario *s, int64_t top, int format);

/*
 * Reads a wide input-output table as "flowtool io" does (region,sector
 * columns, the Z block, final-demand columns named after their region, value
 * added and gross output rows va_row and x_row) into a new model. Returns 0,
 * or 1 after printing the library's message.
 */
int flowtool_io_load(const char *path, const char *va_row, const char *x_row, int strict,
                     flow_io_model **out);

/*
 * An IO model's labels (flow_io_model_labels' node table) and sizes, read
 * once for printing: region r's code is the group of node row r * sectors.
 */
struct flowtool_io_labels {
    flow_table *nodes;
    int64_t n, regions, sectors;
};

/* Fills l from m; 0, or 1 after printing the library's message. */
int flowtool_io_labels_read(struct flowtool_io_labels *l, const flow_io_model *m);
void flowtool_io_labels_free(struct flowtool_io_labels *l);
const char *flowtool_io_region(const struct flowtool_io_labels *l, int64_t r);
const char *flowtool_io_sector(const struct flowtool_io_labels *l, int64_t s);

/*
 * Copies numeric attribute name (one value per economy of ds, NaN where
 * unknown) into dst[0..n); FLOW_OK, FLOW_ERR_NOT_FOUND or the status of
 * flow_dataset_attributes. (util_load.c)
 */
int flowtool_attribute(const flow_dataset *ds, const char *name, double *dst, int64_t n);

/* The counts of a read report (FLOW_REPORT_COUNTS), in its column order. */
enum flowtool_count {
    FLOWTOOL_ROWS,
    FLOWTOOL_ACCEPTED,
    FLOWTOOL_FILTERED,
    FLOWTOOL_REJECTED,
    FLOWTOOL_DUPLICATES,
    FLOWTOOL_MISSING,
    FLOWTOOL_COUNT_COUNT
};

/* Fills counts (all 0 when the report cannot be read). */
void flowtool_report_counts(const flow_read_report *r, int64_t counts[FLOWTOOL_COUNT_COUNT]);

#endif /* FLOWTOOL_UTIL_H */
