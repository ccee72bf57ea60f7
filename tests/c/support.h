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

#endif
