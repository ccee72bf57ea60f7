/*
 * libflow/dataset.h - bilateral flow matrices by layer, year and product group.
 *
 * A flow_dataset holds one economy axis (a flow_labels shared by origins and
 * destinations) and a set of dense n x n matrices, one per key
 * (layer, year, product group):
 *  - layer: "trade", "energy", "finance" or any user name;
 *  - year: an integer (0 when the data carry no year);
 *  - product group: "" when the dataset does not group products (all products
 *    of a layer and year are summed into one matrix), otherwise the group a
 *    product code falls in (see flow_dataset_set_product_digits and
 *    flow_dataset_add_product_group).
 * Entry (i, j) of a matrix is the flow from origin i (exporter, seller,
 * lender) to destination j (importer, buyer, borrower). Matrices grow when
 * labels are added to the economy axis; cells never written are 0.
 *
 * Flows arrive from the CSV readers (reader.h) or flow_dataset_add_flow.
 * Rows that hit a cell already written by a row with the same product code
 * (or, with no product codes, any earlier row) are duplicates: their values
 * are summed and counted (see flow_read_report_duplicates).
 *
 * Per-economy attributes (GDP, population, bank capital, ...) read from a CSV
 * are kept as vectors aligned to the economy axis.
 *
 * Matrix selectors: every function that reads a matrix takes (layer, year,
 * product) and fails with FLOW_ERR_NOT_FOUND (message names the key) when the
 * dataset holds no such matrix. product NULL means "".
 *
 * Threads: const calls on one dataset may run concurrently; a dataset must
 * not be modified (read into, added to) from two threads at once.
 */
#ifndef LIBFLOW_DATASET_H
#define LIBFLOW_DATASET_H

#include "libflow/common.h"
#include "libflow/labels.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_dataset flow_dataset;

/* Direction selectors for flow_dataset_top_partners. */
#define FLOW_EXPORTS 0 /* partners the economy sends to (its row) */
#define FLOW_IMPORTS 1 /* partners the economy receives from (its column) */

/*
 * Creates an empty dataset whose economy axis is a copy of economies, or the
 * built-in ISO 3166-1 set when economies is NULL. Returns FLOW_OK or
 * FLOW_ERR_NOMEM; *out is NULL on failure. Free with flow_dataset_free.
 */
FLOW_API int flow_dataset_new(flow_dataset **out, const flow_labels *economies);

/* Frees a dataset and everything borrowed from it. NULL is a no-op. */
FLOW_API void flow_dataset_free(flow_dataset *ds);

/*
 * The economy axis, borrowed: valid until the dataset is freed. Callers may
 * add labels through flow_dataset_add_economy only (not through this
 * pointer), so that the matrices grow with the axis.
 */
FLOW_API const flow_labels *flow_dataset_economies(const flow_dataset *ds);

/* Number of economies (matrix order); 0 for NULL. */
FLOW_API int64_t flow_dataset_economy_count(const flow_dataset *ds);

/*
 * Adds an economy (see flow_labels_add: idempotent) and grows every matrix.
 * index may be NULL. Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_OVERFLOW
 * or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_dataset_add_economy(flow_dataset *ds, const char *code, const char *name,
                                      int64_t *index);

/*
 * Product grouping. set_product_digits(ds, d) with d > 0 groups products by
 * their first d characters (d = 2: HS chapters); add_product_group maps every
 * product code starting with prefix to group (the longest matching prefix
 * wins; codes matching none go to group "other"). Prefix groups take
 * precedence over digits; digits longer than every code keep each product
 * code apart (e.g. energy commodities measured in different units). Must be
 * called before any flow is added. Returns FLOW_OK, FLOW_ERR_INVALID_ARG,
 * FLOW_ERR_STATE (flows already added) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_dataset_set_product_digits(flow_dataset *ds, int64_t digits);
FLOW_API int flow_dataset_add_product_group(flow_dataset *ds, const char *prefix,
                                            const char *group);

/*
 * Product groups from a concordance CSV (delimiter detected, header row):
 * every row maps the product code (or prefix) in code_column to the group
 * in group_column, as flow_dataset_add_product_group does (HS6 -> a group
 * of sanctioned items, HS6 -> BEC, ...). Must be called before any flow is
 * added. Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_IO,
 * FLOW_ERR_MISSING_COLUMN, FLOW_ERR_PARSE (ragged row), FLOW_ERR_VALUE (an
 * empty code or group), FLOW_ERR_STATE (flows already added), FLOW_ERR_EMPTY,
 * FLOW_ERR_NOMEM; messages name the file and line. Groups added before a
 * failure stay.
 */
FLOW_API int flow_dataset_read_product_groups(flow_dataset *ds, const char *path,
                                              const char *code_column, const char *group_column);

/*
 * Adds value to the flow origin -> destination (codes or aliases of the
 * economy axis) of (layer, year, product code; product NULL or "" when the
 * flow has none). The product code is mapped to its group. Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG (NULL layer), FLOW_ERR_VALUE (NaN or infinite value),
 * FLOW_ERR_UNKNOWN_LABEL (message names the code) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_dataset_add_flow(flow_dataset *ds, const char *layer, int64_t year,
                                   const char *product, const char *origin, const char *destination,
                                   double value);

/* Number of matrices (keys) in the dataset; 0 for NULL. */
FLOW_API int64_t flow_dataset_matrix_count(const flow_dataset *ds);

/*
 * Key of matrix i (0 <= i < matrix_count, in order of creation). layer and
 * product are borrowed (valid until the dataset is freed); any output pointer
 * may be NULL. Returns FLOW_OK or FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_dataset_matrix_key(const flow_dataset *ds, int64_t i, const char **layer,
                                     int64_t *year, const char **product);

/*
 * Unit of the matrix of (layer, year, product): the unit column's value of its
 * rows (a read rejects rows whose unit differs from the matrix's, so that
 * tonnes and cubic metres are never summed), the preset's unit, or "" when
 * unknown. Borrowed, valid until the dataset is freed; NULL when there is no
 * such matrix (flow_last_error says why).
 */
FLOW_API const char *flow_dataset_matrix_unit(const flow_dataset *ds, const char *layer,
                                              int64_t year, const char *product);

/*
 * Copies the n x n matrix of (layer, year, product) into dst (dst_len doubles,
 * row-major with row_stride elements between row starts).
 * Returns FLOW_OK, FLOW_ERR_NOT_FOUND, FLOW_ERR_INVALID_ARG or
 * FLOW_ERR_BUFFER_TOO_SMALL.
 */
FLOW_API int flow_dataset_matrix_copy(const flow_dataset *ds, const char *layer, int64_t year,
                                      const char *product, double *dst, int64_t dst_len,
                                      int64_t row_stride);

/*
 * Borrowed view of the matrix of (layer, year, product): *values points at
 * entry (0,0), *n is its order and *row_stride the distance between row starts
 * (>= n). Valid until the dataset is modified (a read, add_flow or
 * add_economy) or freed. Returns FLOW_OK, FLOW_ERR_NOT_FOUND or
 * FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_dataset_matrix_view(const flow_dataset *ds, const char *layer, int64_t year,
                                      const char *product, const double **values, int64_t *n,
                                      int64_t *row_stride);

/*
 * Per-economy totals of a matrix: exports[i] = row sum, imports[i] = column
 * sum, net[i] = exports[i] - imports[i]; each array has len >= n entries, and
 * any of them may be NULL. Returns FLOW_OK, FLOW_ERR_NOT_FOUND,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_BUFFER_TOO_SMALL.
 */
FLOW_API int flow_dataset_totals(const flow_dataset *ds, const char *layer, int64_t year,
                                 const char *product, double *exports, double *imports, double *net,
                                 int64_t len);

/*
 * The k largest non-zero partners of economy (code or alias) in one matrix:
 * direction FLOW_EXPORTS ranks destinations of its row, FLOW_IMPORTS origins
 * of its column. partners[] and values[] (k entries each; values may be NULL)
 * receive economy indices and flows in decreasing order of value (ties by
 * index); *count the number written (<= k). *total, when not NULL, receives
 * the economy's whole row (column) sum and *nonzero the number of non-zero
 * partners, so shares need no second call.
 * Returns FLOW_OK, FLOW_ERR_NOT_FOUND, FLOW_ERR_UNKNOWN_LABEL or
 * FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_dataset_top_partners(const flow_dataset *ds, const char *layer, int64_t year,
                                       const char *product, const char *economy, int direction,
                                       int64_t k, int64_t *partners, double *values, int64_t *count,
                                       double *total, int64_t *nonzero);

/*
 * Writes the matrix of (layer, year, product) as a wide CSV: a header
 * "origin,<code 0>,<code 1>,..." then one row per origin, values printed with
 * 17 significant digits (round-trips exactly). Returns FLOW_OK,
 * FLOW_ERR_NOT_FOUND, FLOW_ERR_IO (message names the file).
 */
FLOW_API int flow_dataset_write_matrix_csv(const flow_dataset *ds, const char *layer, int64_t year,
                                           const char *product, const char *path);

/*
 * New dataset whose economy axis is flow_labels_aggregate(economies, agg) and
 * whose every matrix is the input's with rows and columns summed by group
 * (flows between two members become the group's diagonal entry). Attributes
 * are summed by group too (NaN members make the group NaN). Returns FLOW_OK,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM; *out is NULL on failure.
 */
FLOW_API int flow_dataset_aggregate(flow_dataset **out, const flow_dataset *ds,
                                    const flow_aggregation *agg);

/*
 * Reads a per-economy attributes CSV with a header: the column code_column
 * holds economy codes (or aliases) and every other column whose fields are
 * numbers or empty becomes an attribute vector named by its header (columns
 * holding any other text, e.g. names, are ignored). Economies absent from the
 * file, and empty fields, are NaN. Rows whose code is unknown fail with
 * FLOW_ERR_UNKNOWN_LABEL (file, line, code) unless add_unknown is 1, in which
 * case the code is added to the economy axis. Reading a column name again
 * replaces that vector. Example: data/economies.csv
 * (code,name,gdp_usd_bn_2022,...,group) with code_column "code".
 * Returns FLOW_OK, FLOW_ERR_IO, FLOW_ERR_PARSE, FLOW_ERR_MISSING_COLUMN,
 * FLOW_ERR_UNKNOWN_LABEL or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_dataset_read_attributes(flow_dataset *ds, const char *path,
                                          const char *code_column, int add_unknown);

/* Number of attribute vectors; name of attribute i (borrowed, NULL if out of range). */
FLOW_API int64_t flow_dataset_attribute_count(const flow_dataset *ds);
FLOW_API const char *flow_dataset_attribute_name(const flow_dataset *ds, int64_t i);

/*
 * Copies attribute name (one value per economy, NaN where unknown) into dst
 * (len >= n entries). Returns FLOW_OK, FLOW_ERR_NOT_FOUND,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_BUFFER_TOO_SMALL.
 */
FLOW_API int flow_dataset_attribute(const flow_dataset *ds, const char *name, double *dst,
                                    int64_t len);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_DATASET_H */
