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
