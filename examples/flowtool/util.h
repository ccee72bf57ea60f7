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

/* Prints "flowtool: <what>: <libflow message>" to stderr and returns 1. */
int flowtool_fail(const char *what);

/*
 * Loads long-format CSV files into a new dataset over the ISO 3166-1 axis,
 * with the common options (preset, strict, product digits, attributes). When
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
 * and column headers, printed as aligned text (numbers with 6 significant
 * digits), CSV (a "# title" line, full precision) or JSON (one object per
 * table and line: {"title": ..., "rows": [{header: value, ...}, ...]}).
 */

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
 * The codes of a label set as an array of borrowed strings (free the array
 * with free(), not the strings). NULL on out-of-memory.
 */
const char **flowtool_label_codes(const flow_labels *labels);

/*
 * Reads a wide input-output table as "flowtool io" does (region,sector
 * columns, the Z block, final-demand columns named after their region, value
 * added and gross output rows va_row and x_row) into a new model. Returns 0,
 * or 1 after printing the library's message.
 */
int flowtool_io_load(const char *path, const char *va_row, const char *x_row, int strict,
                     flow_io_model **out);

#endif /* FLOWTOOL_UTIL_H */
