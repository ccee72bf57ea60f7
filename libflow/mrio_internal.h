/*
 * mrio_internal.h - what the MRIO readers share (never installed).
 *
 * Every format reader turns its files into labelled tables (flow_table, read
 * by the wide-matrix reader through a flow_i_input: a plain or gzip file, or
 * a member of a zip archive) and hands them to the builder, which maps
 * (region, sector) labels onto the region-major model index, sums merged
 * regions (ICIO's CN1/CN2, MX1/MX2), and makes the IO model, the extensions
 * and the summary.
 */
#ifndef LIBFLOW_MRIO_INTERNAL_H
#define LIBFLOW_MRIO_INTERNAL_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

struct flow_mrio_options {
    int keep_splits;
    int trust_given;
    double tolerance;
    int general_reader; /* read ICIO and FIGARO through the general reader only (tests) */
};

struct flow_i_mrio_extension {
    char *name;
    flow_table *f, *f_y;
};

struct flow_mrio {
    flow_io_model *model;
    struct flow_i_mrio_extension *ext;
    int64_t next, ext_cap;
    flow_read_report *report;
    double *given_x;      /* n, NaN when the table has no output column */
    double *given_inputs; /* n, NaN when the table has no output row */
    char *summary;
};

/* The cells of a table the library itself made (its own buffer, row-major, writable). */
static inline double *flow_i_table_cells(flow_table *t)
{
    return (double *)(uintptr_t)flow_table_values(t);
}

/* ---------------------------------------------------------------- inputs */

/*
 * One input: a file (plain, or gzip when its name ends in .gz), or, when
 * member is not NULL, the member of that name in the zip archive at path.
 * name is what messages call it ("IOT_2022_ixi.zip:IOT_2022_ixi/Z.txt").
 */
struct flow_i_input {
    const char *path;
    const char *member;
    char name[1024];
};

/* Fills in for a file, or a zip member (member NULL for a file). */
void flow_i_input_set(struct flow_i_input *in, const char *path, const char *member);

/*
 * Layout of a labelled table file, as the read options wide_label_rows ... wide_row_group_col take
 * it, plus the delimiter (0: detect).
 */
struct flow_i_layout {
    int64_t label_rows, label_cols, col_label_row, col_group_row, row_label_col, row_group_col;
    int delimiter;
};

/* Reader options for a layout: strict, negatives allowed, only "" missing (read as 0). */
int flow_i_mrio_table_options(flow_read_options **out, const struct flow_i_layout *layout);

/*
 * Reads a labelled table from in (strict: the first bad cell fails naming
 * file, line and column; negative values allowed, empty cells read as 0) and
 * adds its row accounting to report. *out NULL on failure.
 */
int flow_i_mrio_read_table(flow_table **out, const struct flow_i_input *in,
                           const struct flow_i_layout *layout, flow_read_report *report);

/*
 * flow_i_mrio_read_table for a big plain file, parsed in byte ranges by up to
 * as many threads as the BLAS uses: *tables (an array of *count tables, owned
 * by the caller) hold the file's rows in order, all with the header's column
 * labels. Compressed inputs, archive members and small files are read in one
 * piece; when any range fails the whole file is read again serially, so that
 * messages and line numbers are those of the serial read.
 */
int flow_i_mrio_read_tables(flow_table ***tables, int64_t *count, const struct flow_i_input *in,
                            const struct flow_i_layout *layout, flow_read_report *report);

/*
 * The first `max` records of in, for layout detection: fields[r][f] (owned by
 * the caller, freed with flow_i_mrio_free_head). *nrec records, nfields[r]
 * fields each.
 */
struct flow_i_head {
    int64_t nrec;
    int64_t nfields[8];
    char **fields[8];
};
int flow_i_mrio_read_head(struct flow_i_head *head, const struct flow_i_input *in, int delimiter);
void flow_i_mrio_free_head(struct flow_i_head *head);

/* Names of the members of a zip archive (each owned, and the array). */
int flow_i_zip_members(const char *path, char ***names, int64_t *count);

/* ---------------------------------------------------------------- string map */

/* A small open-addressing map from strings (borrowed) to indices. */
struct flow_i_strmap {
    const char **keys;
    int64_t *values;
    int64_t cap, count;
};
int flow_i_strmap_init(struct flow_i_strmap *map, int64_t expected);
/* Index of key, or -1. */
int64_t flow_i_strmap_get(const struct flow_i_strmap *map, const char *key);
/* Adds key -> value unless present; *found set to the existing value or -1. */
int flow_i_strmap_put(struct flow_i_strmap *map, const char *key, int64_t value, int64_t *found);
void flow_i_strmap_clear(struct flow_i_strmap *map);

/* ---------------------------------------------------------------- builder */

/*
 * The (region, sector) grid: regions and sectors in order of first
 * appearance; index = region * sectors + sector. Codes are owned.
 */
struct flow_i_axis {
    int merge_splits; /* CN1/CN2 -> CHN, MX1/MX2 -> MEX (set before building) */
    char **regions, **sectors;
    int64_t nregions, nsectors;
    struct flow_i_strmap region_map, sector_map;
    int64_t merged; /* industries summed into another region (splits) */
};

/*
 * Builds the grid from count (region, sector) pairs in table order: regions
 * in order of appearance (split regions replaced by the region they merge
 * into when axis->merge_splits), sectors those of the first region.
 * Fails with FLOW_ERR_DIMENSION when a region lacks a sector of the first,
 * has one the first lacks, or lists one twice (naming file and label).
 */
int flow_i_axis_build(struct flow_i_axis *axis, int64_t count, const char *const *regions,
                      const char *const *sectors, const char *file);
/* Model index of (region, sector), -1 when either is unknown. */
int64_t flow_i_axis_index(const struct flow_i_axis *axis, const char *region, const char *sector);
int64_t flow_i_axis_region(const struct flow_i_axis *axis, const char *region);
void flow_i_axis_clear(struct flow_i_axis *axis);

/* What the readers collect before the model is made. */
struct flow_i_parts {
    struct flow_i_axis axis;
    double *z;               /* n x n */
    double *y;               /* n x k */
    int64_t k, fd_cap;       /* final-demand columns */
    char **fd_labels;        /* k categories (owned) */
    int64_t *fd_owner;       /* k regions, -1 for none */
    double *given_x;         /* n or NULL: the table's gross output */
    double *given_inputs;    /* n or NULL: the table's total inputs (output row) */
    const char *format_name; /* "OECD ICIO", ... */
    char files[2048];        /* the files read, for the summary */
};

/*
 * Adds an extension: takes ownership of f (stressors x n in model order) and
 * f_y (stressors x k, may be NULL).
 */
int flow_i_mrio_add_extension(flow_mrio *m, const char *name, flow_table *f, flow_table *f_y);

/*
 * Reorders the columns of a table labelled (group = region, label = sector)
 * into model order, summing merged regions: a new stressors x n table.
 * Columns whose pair is not on the grid fail with FLOW_ERR_DIMENSION naming
 * file and label.
 */
int flow_i_mrio_columns_to_model(flow_table **out, const flow_table *t,
                                 const struct flow_i_parts *parts, const char *file);

/*
 * Index of the final-demand column (region, category), appended when new:
 * region is mapped through the grid (merged splits included); a region that
 * is not on the grid leaves the column unowned, labelled "region_category".
 */
int flow_i_mrio_fd_index(struct flow_i_parts *parts, const char *region, const char *category,
                         int64_t *index);

/* Makes the model from parts (consuming z, y, labels) and writes the summary. */
int flow_i_mrio_finish(flow_mrio *m, struct flow_i_parts *parts, const flow_mrio_options *opts);
void flow_i_mrio_parts_clear(struct flow_i_parts *parts);

/* The read report every file's accounting goes into. */
flow_read_report *flow_i_mrio_report(flow_mrio *m);

/* Region a split region merges into ("CN1" -> "CHN"), NULL when none. */
const char *flow_i_icio_alias(const char *region);

/* ---------------------------------------------------------------- concordances */

/* Pairs code -> group, each string owned; line[i] the file line (0: not from a file). */
struct flow_i_concordance {
    char **codes, **groups;
    int64_t *lines;
    int64_t count;
    char file[1024];
};

/* Reads a two-column CSV (header row, then code,group); errors name file and line. */
int flow_i_concordance_read(struct flow_i_concordance *c, const char *path);
/* Copies count pairs of arrays. */
int flow_i_concordance_from_arrays(struct flow_i_concordance *c, int64_t count,
                                   const char *const *codes, const char *const *groups);
void flow_i_concordance_clear(struct flow_i_concordance *c);

/*
 * Maps `count` codes onto groups through the concordance: map[i] the group
 * index of codes[i], *groups (owned array of owned strings) and *ngroups the
 * groups in order of first appearance. "*" in the concordance catches codes
 * it does not list; otherwise they keep their own code. A concordance code
 * that is not among codes fails with FLOW_ERR_UNKNOWN_LABEL (what names the
 * kind of code in the message), one listed twice with FLOW_ERR_INVALID_ARG.
 */
int flow_i_concordance_map(const struct flow_i_concordance *c, int64_t count,
                           const char *const *codes, const char *what, int64_t *map, char ***groups,
                           int64_t *ngroups);

/* ---------------------------------------------------------------- formats */

/*
 * An ICIO or FIGARO CSV file read in place (mrio_icio_text.c): mapped, its
 * lines and labels indexed, each data row converted on demand. open returns
 * 1, or 0 (nothing held, no error set) for any file the general reader must
 * read: not a plain regular file, or text it might read another way (see the
 * file's comment). row converts data row i's cols cells into row: 1, or 0
 * for a ragged line or a cell that is not a finite number. Rows may be
 * converted on several threads at once.
 */
struct flow_i_icio_text {
    const char *data;
    size_t size;
    int64_t rows, cols;     /* data rows; columns after the label column */
    int64_t *values, *ends; /* per data row: offsets of its first cell and of its end */
    const char **row_labels, **col_labels;
    char *row_text, *col_text;
};

int flow_i_icio_text_open(struct flow_i_icio_text *t, const char *path);
int flow_i_icio_text_row(const struct flow_i_icio_text *t, int64_t i, double *row);
void flow_i_icio_text_close(struct flow_i_icio_text *t);

int flow_i_mrio_read_icio(flow_mrio *m, struct flow_i_parts *parts, const char *path,
                          const flow_mrio_options *opts, int figaro);
int flow_i_mrio_read_text(flow_mrio *m, struct flow_i_parts *parts, const char *path,
                          const flow_mrio_options *opts, int exiobase);

#endif /* LIBFLOW_MRIO_INTERNAL_H */
