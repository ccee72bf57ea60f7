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
 * are summed and counted (the duplicates count of flow_read_report_table).
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
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_dataset flow_dataset;

/*
 * Direction of flows seen from one economy, or from the sanctioning set of a
 * scenario (shock.h). A bit set: FLOW_BOTH = FLOW_EXPORTS | FLOW_IMPORTS.
 * flow_dataset_top_partners takes FLOW_EXPORTS or FLOW_IMPORTS; scenarios
 * take any of the three. Every value is below FLOW_DIRECTION_COUNT.
 */
typedef enum flow_direction {
    FLOW_EXPORTS = 1,        /* what the economy sends (its row) */
    FLOW_IMPORTS = 2,        /* what the economy receives (its column) */
    FLOW_BOTH = 3,           /* both */
    FLOW_DIRECTION_COUNT = 4 /* bound of the values */
} flow_direction;

/*
 * Creates an empty dataset whose economy axis is a copy of economies, or, when
 * economies is NULL, the built-in ISO 3166-1 set followed by ROW ("Rest of the
 * world", the code multi-regional tables use for the economies they do not
 * name): 250 economies. Returns FLOW_OK or
 * FLOW_ERR_NOMEM; *out is NULL on failure. Free with flow_dataset_free.
 */
FLOW_API int flow_dataset_new(flow_dataset **out, const flow_labels *economies);

/*
 * Creates an empty dataset on a present-economies axis: the axis starts
 * empty, and an economy of reference (code or alias; NULL: the built-in
 * ISO 3166-1 set and ROW, as flow_dataset_new) joins it, with the
 * reference's code and name (and the alias used, as an alias), when a flow,
 * a read or an attribute row first names it. Codes reference lacks are
 * unknown, as on a fixed axis. Matrices are then sized by the economies a
 * file holds, not by the 250 of the reference: an HS6 panel of 35 economies
 * takes about a fiftieth of the memory (one n x n matrix per product and
 * year). The axis is in order of first appearance, which depends on the
 * rows' order (and, in a parallel read, on the ranges): flow_dataset_drop_empty
 * lists a present-economies axis in the reference's order. add_economy adds
 * at the end as on any dataset. Returns FLOW_OK or FLOW_ERR_NOMEM; *out is
 * NULL on failure.
 */
FLOW_API int flow_dataset_new_present(flow_dataset **out, const flow_labels *reference);

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
 * The kind of a layer (DESIGN.md section 4). A flow layer (trade, energy, IO
 * tables) measures what moves during a year; a stock layer (bank claims,
 * portfolio and direct-investment positions) what is held at a date. The
 * Leontief, Ghosh and inoperability lenses, and an economy's size as GDP plus
 * imports, need flows: they refuse stock layers (flow_io_model_new_from_dataset
 * fails with FLOW_ERR_VALUE, a shock report skips the lenses and says so),
 * which go through contagion models instead (DebtRank, Eisenberg-Noe).
 */
typedef enum flow_layer_kind {
    FLOW_LAYER_FLOW = 0,
    FLOW_LAYER_STOCK = 1,
    FLOW_LAYER_KIND_COUNT = 2
} flow_layer_kind;

/*
 * Declares the kind of layer (whether or not the dataset has matrices of it
 * yet; declaring again replaces it). Carried by flow_dataset_aggregate and
 * flow_dataset_drop_empty. Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL
 * dataset, NULL or empty layer, kind out of range) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_dataset_set_layer_kind(flow_dataset *ds, const char *layer, int kind);

/*
 * The kind of layer: the declared kind, else flow_layer_default_kind(layer).
 * FLOW_LAYER_FLOW for a NULL dataset or layer.
 */
FLOW_API int flow_dataset_layer_kind(const flow_dataset *ds, const char *layer);

/*
 * The kind of an undeclared layer: FLOW_LAYER_STOCK for "finance" (the
 * project's layer of bank claims and investment positions, DESIGN.md
 * section 1), FLOW_LAYER_FLOW for every other name.
 */
FLOW_API int flow_layer_default_kind(const char *layer);

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
 * The k largest non-zero partners of economy (code or alias) in one matrix, as
 * a new table: direction FLOW_EXPORTS ranks destinations of its row,
 * FLOW_IMPORTS origins of its column. One row per partner (at most k, label =
 * partner code) in decreasing order of value (ties by axis order), columns
 * "value" (the flow) and "share" (of the economy's row or column sum), and
 * the scalars "total" (that sum) and "nonzero" (its number of non-zero
 * partners). *out is NULL on failure; free with flow_table_free.
 * Returns FLOW_OK, FLOW_ERR_NOT_FOUND, FLOW_ERR_UNKNOWN_LABEL,
 * FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM. k = 0 gives FLOW_OK and a table
 * without rows (the scalars still set).
 */
FLOW_API int flow_dataset_top_partners(flow_table **out, const flow_dataset *ds, const char *layer,
                                       int64_t year, const char *product, const char *economy,
                                       int direction, int64_t k);

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
 * New dataset whose economy axis holds only the economies present in ds: those
 * with a non-zero flow, in or out, in any matrix (in the order of ds's axis,
 * or of its reference for a dataset made by flow_dataset_new_present, with
 * their codes and names; aliases are not carried). Matrices, units,
 * product grouping and attributes are those of ds restricted to that axis.
 * This is the default economy axis of analyses in flowtool and the bindings
 * (docs/defaults.md): on the full ISO 3166-1 axis the 200-odd economies a
 * file does not mention would take part in PageRank's teleportation, shares
 * and ranks. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM; *out is
 * NULL on failure. Free the result with flow_dataset_free.
 */
FLOW_API int flow_dataset_drop_empty(flow_dataset **out, const flow_dataset *ds);

/*
 * Reads a per-economy attributes CSV (see flow_dataset_read_attributes_csv
 * in reader.h for the format and the accounting) in strict mode with the
 * default options,
 * unknown codes added when add_unknown is 1 and rejected otherwise: any bad
 * cell, duplicate or unknown code fails the read with file, line and column.
 */
FLOW_API int flow_dataset_read_attributes(flow_dataset *ds, const char *path,
                                          const char *code_column, int add_unknown);

/* The two kinds of per-economy attributes flow_dataset_attributes returns. */
typedef enum flow_attribute_part {
    FLOW_ATTRIBUTES_NUMERIC = 0, /* numbers: one column per attribute */
    FLOW_ATTRIBUTES_TEXT = 1,    /* text (e.g. group lists): one row per attribute x economy */
    FLOW_ATTRIBUTE_PART_COUNT = 2
} flow_attribute_part;

/*
 * The dataset's attributes (part: flow_attribute_part) as a new table:
 *   FLOW_ATTRIBUTES_NUMERIC  one row per economy of the axis (labelled by its
 *                            code, in axis order), one column per numeric
 *                            attribute, named by it in the order read; NaN
 *                            where an economy has no value. No attributes:
 *                            n x 0.
 *   FLOW_ATTRIBUTES_TEXT     text attributes, which a table cannot hold as
 *                            cells: one row per (attribute, economy), the
 *                            attributes in the order read and the economies
 *                            in axis order within each, row label the text
 *                            ("" where the economy has none), row group the
 *                            attribute's name; column economy (the index on
 *                            the axis). Text attributes are not carried by
 *                            flow_dataset_aggregate.
 * Both carry the scalar economies (the axis length). The table is a copy.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL argument, unknown part),
 * FLOW_ERR_NOMEM; *out is NULL on failure; free it with flow_table_free.
 * Read-only on the dataset.
 */
FLOW_API int flow_dataset_attributes(flow_table **out, const flow_dataset *ds, int part);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_DATASET_H */
