/*
 * support.h - shared helpers of the C tests (cmocka).
 */
#ifndef FLOW_TEST_SUPPORT_H
#define FLOW_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>

#include "libflow/reader.h"

/*
 * Path of a file under ../shared/data (FLOW_SHARED_DATA), or NULL when that
 * folder or file is absent: the caller then calls skip(). The returned string
 * is static storage overwritten by the next call.
 */
const char *flow_test_shared_file(const char *relative);

/* Path of a file under tests/data (FLOW_TEST_DATA, else the source tree's); static storage as
 * above. */
const char *flow_test_data_file(const char *relative);

/* Writes text to a fresh temporary file and returns its path (static storage). */
const char *flow_test_write_temp(const char *name, const char *text);

/*
 * Deterministic pseudo-random numbers in [0, 1) (a linear congruential step
 * on *state, 16 bits of resolution) for reproducible test systems.
 */
double flow_test_uniform(unsigned *state);

/* The next of a deterministic sequence of 64-bit numbers (splitmix64) from *state. */
uint64_t flow_test_next_u64(uint64_t *state);

/* A growing text for generated files; {0} is empty; the caller frees s. */
struct flow_test_text {
    char *s;
    size_t len, cap;
};

/* Appends str to t (fails the test when out of memory). */
void flow_test_text_put(struct flow_test_text *t, const char *str);

/*
 * A new model of n sectors (n a multiple of 5) over the regions USA, JPN,
 * RUS, CHN, TUR with k final-demand columns: Z uniform on [0, 8), Y on
 * [10, 40), drawn from seed by flow_test_uniform. Free with
 * flow_io_model_free. (support_mrio.c)
 */
struct flow_io_model *flow_test_five_region_mrio(int n, int k, unsigned seed);

/*
 * What a scenario holds, read through its plan table (flow_scenario_plan
 * without a dataset; support_plan.c): the cell of a row (label, group) and
 * column (NaN when there is no such row); the severity or "rho"/"kind" of a
 * layer and product (NULL = "*") after the fallbacks; a scalar; the number
 * of rows of a row group ("target", "group:G7", ...).
 */
struct flow_scenario;
double flow_test_plan_cell(const struct flow_scenario *s, const char *label, const char *group,
                           const char *column);
double flow_test_plan_rate(const struct flow_scenario *s, const char *layer, const char *product,
                           const char *column);
double flow_test_plan_scalar(const struct flow_scenario *s, const char *name);
int64_t flow_test_plan_count(const struct flow_scenario *s, const char *group);

/*
 * An IO model's sizes, codes and data as the tests read them (support_io.c):
 * sizes and codes from flow_io_model_labels (codes interned: valid for the
 * whole program), views from flow_io_model_view, and
 * flow_test_io_matrix copies flow_io_model_matrix's table into a caller
 * buffer (the codes of flow_io_model_matrix, then of flow_table_copy_to).
 */
int64_t flow_test_io_order(const struct flow_io_model *m);
int64_t flow_test_io_region_count(const struct flow_io_model *m);
int64_t flow_test_io_sector_count(const struct flow_io_model *m);
int64_t flow_test_io_final_demand_count(const struct flow_io_model *m);
const char *flow_test_io_region_code(const struct flow_io_model *m, int64_t r);
const char *flow_test_io_sector_code(const struct flow_io_model *m, int64_t s);
const char *flow_test_io_final_demand_label(const struct flow_io_model *m, int64_t c);
int64_t flow_test_io_final_demand_region(const struct flow_io_model *m, int64_t c);
const double *flow_test_io_view(const struct flow_io_model *m, int part);
int flow_test_io_matrix(const struct flow_io_model *m, int which, double *dst, int64_t dst_len,
                        int64_t row_stride);

/*
 * Interned copy of text: equal strings share one static
 * entry that lives as long as the test program, so any number may be held.
 */
const char *flow_test_intern(const char *text);

/*
 * What a read report holds, read through flow_read_report_table
 * (support_report.c) with the shapes of the old per-field getters: counts,
 * and entry i of the reasons, kept rejects and unknown codes (strings
 * interned; outputs may be NULL; FLOW_ERR_INVALID_ARG for i out of range).
 */
struct flow_read_report;
int64_t flow_test_report_rows(const struct flow_read_report *r);
int64_t flow_test_report_accepted(const struct flow_read_report *r);
int64_t flow_test_report_filtered(const struct flow_read_report *r);
int64_t flow_test_report_rejected(const struct flow_read_report *r);
int64_t flow_test_report_duplicates(const struct flow_read_report *r);
int64_t flow_test_report_missing(const struct flow_read_report *r);
const char *flow_test_report_unit(const struct flow_read_report *r);
int64_t flow_test_report_reason_count(const struct flow_read_report *r);
int flow_test_report_reason(const struct flow_read_report *r, int64_t i, const char **reason,
                            int64_t *count, int *kind);
int64_t flow_test_report_kept_count(const struct flow_read_report *r);
int flow_test_report_kept(const struct flow_read_report *r, int64_t i, const char **message,
                          const char **file, int64_t *line, const char **column, const char **text);
int64_t flow_test_report_unknown_count(const struct flow_read_report *r);
int flow_test_report_unknown(const struct flow_read_report *r, int64_t i, const char **code,
                             int64_t *rows, int64_t *first_line);

/*
 * A dataset's attributes read through flow_dataset_attributes
 * (support_attributes.c) with the shapes of the old per-field getters:
 * numeric attributes (count, name i, values into dst: FLOW_ERR_NOT_FOUND,
 * FLOW_ERR_BUFFER_TOO_SMALL) and text attributes (count, name i, text of one
 * economy: NULL for no such attribute or economy); strings interned.
 */
struct flow_dataset;
int64_t flow_test_attribute_count(const struct flow_dataset *ds);
const char *flow_test_attribute_name(const struct flow_dataset *ds, int64_t i);
int flow_test_attribute(const struct flow_dataset *ds, const char *name, double *dst, int64_t len);
int64_t flow_test_text_attribute_count(const struct flow_dataset *ds);
const char *flow_test_text_attribute_name(const struct flow_dataset *ds, int64_t i);
const char *flow_test_text_attribute(const struct flow_dataset *ds, const char *name,
                                     int64_t economy);

/* Asserts |actual - expected| <= tol * max(1, |expected|). */
#define assert_close(actual, expected, tol)                                                        \
    flow_test_assert_close((actual), (expected), (tol), #actual, __FILE__, __LINE__)
void flow_test_assert_close(double actual, double expected, double tol, const char *what,
                            const char *file, int line);

/*
 * flow_read_options_set with the value formatted from fmt (printf), for tests
 * that compute a value: flow_test_read_set(o, "threads", "%d", n). (Inline:
 * the support library links before either form of libflow.)
 */
static inline int flow_test_read_set(struct flow_read_options *opts, const char *name,
                                     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline int flow_test_read_set(struct flow_read_options *opts, const char *name,
                                     const char *fmt, ...)
{
    char value[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    return flow_read_options_set(opts, name, value);
}

/* The six wide_* layout keys in their order; the first failing status or FLOW_OK. */
static inline int flow_test_wide_layout(struct flow_read_options *opts, int label_rows,
                                        int label_cols, int col_label_row, int col_group_row,
                                        int row_label_col, int row_group_col)
{
    static const char *const keys[] = {"wide_label_rows",    "wide_label_cols",
                                       "wide_col_label_row", "wide_col_group_row",
                                       "wide_row_label_col", "wide_row_group_col"};
    const int values[] = {label_rows,    label_cols,    col_label_row,
                          col_group_row, row_label_col, row_group_col};
    int rc = FLOW_OK;
    for (int i = 0; rc == FLOW_OK && i < 6; i++)
        rc = flow_test_read_set(opts, keys[i], "%d", values[i]);
    return rc;
}

/* The read-option key naming the column of each role (flow_column_role order). */
extern const char *const flow_test_column_keys[];

/* items[0..count) joined by commas (static storage overwritten by the next call). */
const char *flow_test_join(const char *const *items, size_t count);

#endif
