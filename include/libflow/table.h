/*
 * libflow/table.h - a labelled dense matrix.
 *
 * A flow_table holds rows x cols doubles (row-major, contiguous) with one
 * label per row and per column, and optionally a group label per row and per
 * column: the region of a (region, sector) row of a multi-regional
 * input-output table, for instance, or the system of a row of a shock report.
 * A table may also carry named scalars: numbers about the whole result (a
 * total, the solver used, a spectral radius).
 *
 * Tables are what the wide-matrix CSV reader produces (an IO table's Z, Y and
 * v blocks), what the IO model is built from, and what analyses return:
 * rows labelled by economy, region x sector (row group = region) or
 * scenario, columns with stable lower-case names (e.g. "demand_total"), so
 * that one converter per binding (a pandas DataFrame, an R data.frame or
 * matrix with dimnames) serves every result.
 *
 * Threads: const calls on one table may run concurrently; a table must not be
 * modified from two threads at once.
 */
#ifndef LIBFLOW_TABLE_H
#define LIBFLOW_TABLE_H

#include "libflow/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_table flow_table;

/*
 * Creates a rows x cols table holding a copy of values (row-major with
 * row_stride elements between row starts; NULL gives an all-zero table).
 * Labels start empty (""). rows and cols may be 0.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (negative size, row_stride < cols),
 * FLOW_ERR_OVERFLOW or FLOW_ERR_NOMEM. *out is NULL on failure; free the table
 * with flow_table_free. rows = 0 gives FLOW_OK and a table without rows;
 * cols = 0 gives FLOW_OK and a table without columns.
 */
FLOW_API int flow_table_new(flow_table **out, int64_t rows, int64_t cols, const double *values,
                            int64_t row_stride);

/* Frees a table and everything borrowed from it. NULL is a no-op. */
FLOW_API void flow_table_free(flow_table *table);

/* Number of rows / columns (0 for a NULL table). */
FLOW_API int64_t flow_table_rows(const flow_table *table);
FLOW_API int64_t flow_table_cols(const flow_table *table);

/*
 * Borrowed pointer to the rows x cols values, row-major and contiguous (row
 * stride = cols). Valid until the table is modified or freed. NULL for a NULL
 * table.
 */
FLOW_API const double *flow_table_values(const flow_table *table);

/*
 * Copies the values into a caller buffer of dst_len doubles with the given row
 * stride. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_BUFFER_TOO_SMALL.
 */
FLOW_API int flow_table_copy_to(const flow_table *table, double *dst, int64_t dst_len,
                                int64_t row_stride);

/* Sets one value. Returns FLOW_OK or FLOW_ERR_INVALID_ARG (index out of range). */
FLOW_API int flow_table_set(flow_table *table, int64_t row, int64_t col, double value);

/*
 * Sets the label (and group label; NULL leaves it unchanged) of one row or
 * column. The strings are copied. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or
 * FLOW_ERR_NOMEM.
 */
FLOW_API int flow_table_set_row_label(flow_table *table, int64_t row, const char *label,
                                      const char *group);
FLOW_API int flow_table_set_col_label(flow_table *table, int64_t col, const char *label,
                                      const char *group);

/*
 * Borrowed label / group label of a row or column: "" when unset, NULL when
 * the index is out of range. Valid until the label is changed or the table is
 * freed.
 */
FLOW_API const char *flow_table_row_label(const flow_table *table, int64_t row);
FLOW_API const char *flow_table_row_group(const flow_table *table, int64_t row);
FLOW_API const char *flow_table_col_label(const flow_table *table, int64_t col);
FLOW_API const char *flow_table_col_group(const flow_table *table, int64_t col);

/*
 * Index of the first row (column) whose label equals label and, when group is
 * not NULL, whose group equals group. Returns FLOW_OK with *index set, or
 * FLOW_ERR_NOT_FOUND (message names the label).
 */
FLOW_API int flow_table_find_row(const flow_table *table, const char *label, const char *group,
                                 int64_t *index);
FLOW_API int flow_table_find_col(const flow_table *table, const char *label, const char *group,
                                 int64_t *index);

/*
 * New table holding the block of nrows x ncols starting at (row0, col0), with
 * its labels. Returns FLOW_OK, FLOW_ERR_INVALID_ARG (block outside the table),
 * FLOW_ERR_NOMEM. *out is NULL on failure.
 */
FLOW_API int flow_table_slice(flow_table **out, const flow_table *table, int64_t row0,
                              int64_t nrows, int64_t col0, int64_t ncols);

/*
 * Sets the named scalar name (copied; replaced when it exists) to value.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL table, NULL or empty name) or
 * FLOW_ERR_NOMEM.
 */
FLOW_API int flow_table_set_scalar(flow_table *table, const char *name, double value);

/* Number of named scalars (0 for a NULL table). */
FLOW_API int64_t flow_table_scalar_count(const flow_table *table);

/*
 * Borrowed name of scalar i, in the order they were first set; NULL when i is
 * out of range. Valid until the table is freed.
 */
FLOW_API const char *flow_table_scalar_name(const flow_table *table, int64_t i);

/*
 * The value of the scalar named name into *value (may be NULL to test for
 * it). Returns FLOW_OK or FLOW_ERR_NOT_FOUND (message names it).
 */
FLOW_API int flow_table_scalar(const flow_table *table, const char *name, double *value);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_TABLE_H */
