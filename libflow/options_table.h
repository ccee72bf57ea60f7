/*
 * options_table.h - the one-key-one-value setters of the options handles
 * (flow_read_options_set, flow_depflag_options_set, flow_mrio_options_set,
 * flow_evasion_options_set).
 *
 * Each family describes its keys in one table of flow_i_option rows: the key's
 * name, the function that parses its text value and stores it, and where it
 * goes (a field offset and the bounds or words the value must meet). The
 * parsing of integers, numbers, switches, words and comma lists lives here
 * once, so that every family says the same thing about the same mistake:
 * "read option 'threads': '-1' is not an integer in [0, 256]".
 *
 * An apply function parses the whole value before it stores anything, so a
 * rejected value leaves the options as they were.
 */
#ifndef LIBFLOW_OPTIONS_TABLE_H
#define LIBFLOW_OPTIONS_TABLE_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

struct flow_i_option;

/*
 * Parses value and stores it in opts at key->offset. Returns FLOW_OK, or the
 * status of flow_i_option_reject (FLOW_ERR_INVALID_ARG) or FLOW_ERR_NOMEM,
 * leaving opts unchanged.
 */
typedef int (*flow_i_option_apply)(void *opts, const struct flow_i_option *key, const char *value);

/* The upper bound of an integer key that has none (int64_t's range, near enough). */
#define FLOW_I_OPTION_UNBOUNDED 9.0e18

struct flow_i_option {
    const char *name;
    flow_i_option_apply apply;
    size_t offset;            /* of the field in the options struct */
    double lo, hi;            /* bounds of numbers and integers (inclusive) */
    const char *const *words; /* NULL-terminated words of an enum key */
};

/* A list of owned strings (the shape of every text list in the options). */
struct flow_i_textlist {
    char **items;
    int64_t count;
};

/*
 * Finds name in table[0..count) and applies value. family names the handle in
 * messages ("read"). Unknown name, NULL opts/name/value: FLOW_ERR_INVALID_ARG
 * with a message naming the key (and, for an unknown one, the known keys).
 */
int flow_i_options_set(void *opts, const char *family, const struct flow_i_option *table,
                       size_t count, const char *name, const char *value);

/*
 * Fails with FLOW_ERR_INVALID_ARG and the message
 * "FAMILY option 'KEY': 'VALUE' WHY"; the family is the one of the running
 * flow_i_options_set.
 */
int flow_i_option_reject(const struct flow_i_option *key, const char *value, const char *why, ...)
    FLOW_I_PRINTF(3, 4);

/* Value parsers: 1 when the whole of s is one, 0 otherwise. */
int flow_i_option_int(const char *s, int64_t *out);
int flow_i_option_double(const char *s, double *out); /* finite numbers only */
int flow_i_option_switch(const char *s, int *out);    /* 1/0, true/false, yes/no */
/* Index of s among the NULL-terminated words ('-' and '_' alike, any case); -1 when none. */
int flow_i_option_word(const char *s, const char *const *words);

/*
 * Splits s at commas into a new list of count items, each trimmed of blanks
 * ("" is the empty list). Returns FLOW_OK or FLOW_ERR_NOMEM.
 */
int flow_i_option_split(const char *s, struct flow_i_textlist *out);
void flow_i_textlist_clear(struct flow_i_textlist *l);
/*
 * Parses value as a comma list of integers >= key->lo into a new array
 * (*out NULL for ""). Returns FLOW_OK, a rejection naming the key and the
 * value, or FLOW_ERR_NOMEM.
 */
int flow_i_option_int_list(const struct flow_i_option *key, const char *value, int64_t **out,
                           int64_t *count);

/* Apply functions shared by the families (field types in parentheses). */
int flow_i_apply_int(void *o, const struct flow_i_option *k, const char *v);    /* int64_t */
int flow_i_apply_double(void *o, const struct flow_i_option *k, const char *v); /* double */
/* double > lo (lo itself excluded) and <= hi */
int flow_i_apply_double_above(void *o, const struct flow_i_option *k, const char *v);
int flow_i_apply_switch(void *o, const struct flow_i_option *k, const char *v); /* int */
int flow_i_apply_word(void *o, const struct flow_i_option *k, const char *v);   /* int */
int flow_i_apply_text(void *o, const struct flow_i_option *k, const char *v); /* char *, "": NULL */
int flow_i_apply_name(void *o, const struct flow_i_option *k, const char *v); /* char *, not "" */
int flow_i_apply_list(void *o, const struct flow_i_option *k, const char *v); /* flow_i_textlist */

#endif /* LIBFLOW_OPTIONS_TABLE_H */
