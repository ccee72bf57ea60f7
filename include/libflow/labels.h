/*
 * libflow/labels.h - economy and sector label sets, and aggregations.
 *
 * A flow_labels maps codes to dense indices 0..count-1: the economy axis of a
 * dataset (rows and columns of every flow matrix) or the sectors of an
 * input-output table. Every label has a code (its canonical name, e.g. "CHN")
 * and an English name; any number of aliases ("156", "China") may resolve to
 * the same index.
 *
 * Lookup rules (flow_labels_find):
 *  - exact, case-sensitive match of a code or an alias;
 *  - a code made only of ASCII digits is compared with leading zeros removed,
 *    so ISO numeric "004", BACI's "4" and "04" all resolve to AFG.
 *
 * The built-in ISO 3166-1 set (flow_labels_new_iso3166) holds every current
 * ISO 3166-1 country with its alpha-3 code as code, its numeric code as
 * alias, and its English short name as name; user codes (aggregates such as
 * "EU", data-source names such as the Energy Institute's "Other CIS") are
 * added with flow_labels_add.
 *
 * An aggregation (flow_aggregation) maps member codes to group codes, e.g. the
 * EU members to "EU"; it turns a label set into a smaller one
 * (flow_labels_aggregate) and sums dataset matrices accordingly
 * (flow_dataset_aggregate in dataset.h).
 *
 * Threads: const calls on one handle may run concurrently; a handle must not
 * be modified from two threads at once.
 */
#ifndef LIBFLOW_LABELS_H
#define LIBFLOW_LABELS_H

#include "libflow/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flow_labels flow_labels;
typedef struct flow_aggregation flow_aggregation;

/*
 * Creates an empty label set. Returns FLOW_OK or FLOW_ERR_NOMEM; *out is NULL
 * on failure. Free with flow_labels_free.
 */
FLOW_API int flow_labels_new(flow_labels **out);

/*
 * Creates a label set holding the built-in ISO 3166-1 table (249 countries,
 * in ascending alpha-3 order): code = alpha-3, alias = numeric code, name =
 * English short name. Returns FLOW_OK or FLOW_ERR_NOMEM; *out is NULL on
 * failure.
 */
FLOW_API int flow_labels_new_iso3166(flow_labels **out);

/*
 * Creates an independent copy of labels (codes, names and aliases).
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (labels NULL) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_labels_clone(flow_labels **out, const flow_labels *labels);

/* Frees a label set. NULL is a no-op. */
FLOW_API void flow_labels_free(flow_labels *labels);

/* Number of labels (0 for NULL). */
FLOW_API int64_t flow_labels_count(const flow_labels *labels);

/*
 * Adds a label with the given code and name (name may be NULL: the code is
 * used). When the code (or an alias equal to it) already resolves to a label,
 * nothing is added and that label's index is returned: adding is idempotent.
 * index may be NULL. The strings are copied.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL or empty code) or
 * FLOW_ERR_NOMEM.
 */
FLOW_API int flow_labels_add(flow_labels *labels, const char *code, const char *name,
                             int64_t *index);

/*
 * Makes alias resolve to the label whose code or alias is target.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL or empty strings),
 * FLOW_ERR_NOT_FOUND (target unknown: the message names it), FLOW_ERR_STATE
 * (alias already resolves to a different label) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_labels_add_alias(flow_labels *labels, const char *alias, const char *target);

/*
 * Resolves a code or alias (see the lookup rules above) to its index.
 * Returns FLOW_OK with *index set, FLOW_ERR_NOT_FOUND (message names the
 * code) or FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_labels_find(const flow_labels *labels, const char *code, int64_t *index);

/*
 * Code / name of label index, borrowed from the handle: valid until the
 * handle is freed (adding labels does not invalidate it). NULL when index is
 * out of range.
 */
FLOW_API const char *flow_labels_code(const flow_labels *labels, int64_t index);
FLOW_API const char *flow_labels_name(const flow_labels *labels, int64_t index);

/*
 * Reads a code-mapping CSV (comma, semicolon or tab separated, with a header
 * row) and adds one alias per row: the field of column alias_column becomes an
 * alias of the label whose code is the field of column code_column. Columns
 * are named by their header. name_column (may be NULL) gives the name used
 * when a label is created.
 *
 * Example, CEPII BACI's country_codes_V202401.csv
 * (country_code,country_name,country_iso2,country_iso3):
 *   flow_labels_read_mapping_csv(labels, path, "country_code", "country_iso3",
 *                                "country_name", 1);
 * makes "251" (France incl. Monaco) resolve to FRA, "699" to IND, and adds the
 * codes BACI uses that ISO does not ("S19" = 490 "Other Asia, nes") as labels.
 *
 * add_unknown: when the code is not yet a label, 1 adds it as a new label
 * (with the name), 0 fails with FLOW_ERR_UNKNOWN_LABEL naming file, line and
 * code. Rows whose alias or code is empty are skipped. Any other bad row
 * (ragged, a NUL byte, a code that is not valid UTF-8) fails the read too:
 * flow_labels_read_mapping (reader.h) reads with options and a report
 * instead, counting such rows.
 * Returns FLOW_OK, FLOW_ERR_IO, FLOW_ERR_PARSE, FLOW_ERR_MISSING_COLUMN,
 * FLOW_ERR_UNKNOWN_LABEL, FLOW_ERR_STATE (an alias maps to two labels) or
 * FLOW_ERR_NOMEM; labels added before a failure stay.
 */
FLOW_API int flow_labels_read_mapping_csv(flow_labels *labels, const char *path,
                                          const char *alias_column, const char *code_column,
                                          const char *name_column, int add_unknown);

/*
 * Creates an empty aggregation (member code -> group code). Returns FLOW_OK or
 * FLOW_ERR_NOMEM; *out is NULL on failure.
 */
FLOW_API int flow_aggregation_new(flow_aggregation **out);

/* Frees an aggregation. NULL is a no-op. */
FLOW_API void flow_aggregation_free(flow_aggregation *agg);

/*
 * Maps member (a code or alias of the labels it will be applied to) to the
 * group code group. A member mapped twice keeps the last group. The strings
 * are copied. Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_aggregation_add(flow_aggregation *agg, const char *member, const char *group);

/*
 * Adds one mapping per row of a CSV with a header, taking the member from
 * column member_column and the group from group_column (e.g. a file
 * "code,group" with rows "DEU,EU", "FRA,EU"). Rows with an empty member or
 * group are skipped; the same pair twice is kept once. Any other bad row (ragged,
 * a NUL byte, a code that is not valid UTF-8, a member already in another
 * group) fails the read naming file, line and column:
 * flow_aggregation_read (reader.h) reads with options and a report instead,
 * counting such rows. Returns FLOW_OK, FLOW_ERR_INVALID_ARG, FLOW_ERR_IO,
 * FLOW_ERR_EMPTY, FLOW_ERR_PARSE, FLOW_ERR_MISSING_COLUMN, FLOW_ERR_STATE or
 * FLOW_ERR_NOMEM; pairs added before a failure stay.
 */
FLOW_API int flow_aggregation_read_csv(flow_aggregation *agg, const char *path,
                                       const char *member_column, const char *group_column);

/*
 * Applies an aggregation to a label set. The new set has, in order of first
 * appearance while walking labels 0..n-1, one label per group code and one
 * per unmapped label (which keeps its code, name and aliases). A group code
 * that is also a code of labels (e.g. a group "EU" when labels holds "EU") is
 * the same label. index_map (n = flow_labels_count(labels) entries, may be
 * NULL) receives for every old index its new index.
 * Members that resolve to no label are ignored (they cannot occur in data
 * keyed by labels). Returns FLOW_OK, FLOW_ERR_INVALID_ARG,
 * FLOW_ERR_BUFFER_TOO_SMALL (map_len < n) or FLOW_ERR_NOMEM; *out is NULL on
 * failure.
 */
FLOW_API int flow_labels_aggregate(flow_labels **out, int64_t *index_map, int64_t map_len,
                                   const flow_labels *labels, const flow_aggregation *agg);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_LABELS_H */
