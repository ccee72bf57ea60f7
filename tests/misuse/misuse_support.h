/*
 * misuse_support.h - what the generated misuse cases share: fixture data,
 * caller buffers and the contract checks (see gen_misuse.py).
 */
#ifndef FLOW_MISUSE_SUPPORT_H
#define FLOW_MISUSE_SUPPORT_H

#include "libflow.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct misuse_case {
    const char *function;
    const char *label;
    void (*run)(void);
};

extern const struct misuse_case misuse_cases[];
extern const size_t misuse_case_count;
extern const size_t misuse_function_count;

/* A non-NULL address no handle can have: out-pointers start here. */
extern char misuse_sentinel[1];
/* A small long-format CSV file on disk, for path arguments. */
extern const char *misuse_path;

extern const char *const fixture_codes[];
extern const double fixture_flows[];
extern const double fixture_sizes[];
extern const char fixture_csv[];
extern const char fixture_scenario[];

/* Caller buffers: large, freshly filled before each case. */
double *misuse_doubles(void);
int64_t *misuse_int64s(void);
int *misuse_ints(void);
char *misuse_chars(void);

void misuse_clear_error(void);
/* A failed call must leave a message for flow_last_error(). */
void misuse_expect_message(const char *function, const char *label, int rc);
/* Status of the function's call with valid arguments (its first case). */
extern int misuse_valid_status;
/* A size-0 call must return the status its doc comment states (checked when
 * the valid call succeeded: otherwise the fixture, not the size, decides). */
void misuse_expect_status(const char *function, const char *label, int rc, int stated);
/* A failed constructor must leave *out NULL. */
void misuse_expect_null(const char *function, const char *label, int is_null);

#endif
