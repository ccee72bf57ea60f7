/*
 * options_table.c - parsing and storing the text values of option keys, once
 * for every options family (see options_table.h).
 */
#include "options_table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The family of the flow_i_options_set running on this thread, for messages. */
static _Thread_local const char *current_family = "";

/* Keeps messages readable when a value is a whole file pasted in by mistake. */
#define SHOWN_VALUE 200

#define FIELD(o, k, type) ((type *)(void *)((char *)(o) + (k)->offset))

int flow_i_option_reject(const struct flow_i_option *key, const char *value, const char *why, ...)
{
    char reason[256];
    va_list ap;
    va_start(ap, why);
    vsnprintf(reason, sizeof reason, why, ap);
    va_end(ap);
    return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s option '%s': '%.*s' %s", current_family, key->name,
                       SHOWN_VALUE, value, reason);
}

int flow_i_options_set(void *opts, const char *family, const struct flow_i_option *table,
                       size_t count, const char *name, const char *value)
{
    current_family = family;
    if (opts == NULL || name == NULL || value == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s option '%s': %s is NULL", family,
                           name != NULL ? name : "(null)",
                           opts == NULL   ? "the options handle"
                           : name == NULL ? "the name"
                                          : "the value");
    for (size_t i = 0; i < count; i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].apply(opts, &table[i], value);
    char known[768];
    size_t used = 0;
    known[0] = '\0';
    for (size_t i = 0; i < count && used < sizeof known; i++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
                                 table[i].name);
    return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s option '%.*s': no such option (known: %s)", family,
                       SHOWN_VALUE, name, known);
}

int flow_i_option_int(const char *s, int64_t *out)
{
    if (s[0] == '\0' || isspace((unsigned char)s[0]))
        return 0;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return 0;
    *out = (int64_t)v;
    return 1;
}

int flow_i_option_double(const char *s, double *out)
{
    if (s[0] == '\0' || isspace((unsigned char)s[0]))
        return 0;
    char *end = NULL;
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int flow_i_option_switch(const char *s, int *out)
{
    static const char *const words[] = {"0", "false", "no", "1", "true", "yes", NULL};
    int w = flow_i_option_word(s, words);
    if (w < 0)
        return 0;
    *out = w >= 3;
    return 1;
}

/* 1 when a and b are the same word, '-' and '_' alike and case ignored. */
static int same_word(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        int ca = *a == '-' ? '_' : tolower((unsigned char)*a);
        int cb = *b == '-' ? '_' : tolower((unsigned char)*b);
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

int flow_i_option_word(const char *s, const char *const *words)
{
    for (int i = 0; words[i] != NULL; i++)
        if (same_word(s, words[i]))
            return i;
    return -1;
}

void flow_i_textlist_clear(struct flow_i_textlist *l)
{
    for (int64_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* A copy of s[0..len) without its surrounding blanks. */
static char *trimmed_copy(const char *s, size_t len)
{
    while (len > 0 && isspace((unsigned char)s[0])) {
        s++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    char *copy = flow_i_malloc((int64_t)len + 1, 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

int flow_i_option_split(const char *s, struct flow_i_textlist *out)
{
    out->items = NULL;
    out->count = 0;
    if (s[0] == '\0')
        return FLOW_OK;
    int64_t pieces = 1;
    for (const char *p = s; *p != '\0'; p++)
        pieces += *p == ',';
    if ((out->items = flow_i_calloc(pieces, sizeof *out->items)) == NULL)
        return FLOW_ERR_NOMEM;
    for (const char *start = s;; start++) {
        const char *end = strchr(start, ',');
        size_t len = end != NULL ? (size_t)(end - start) : strlen(start);
        if ((out->items[out->count] = trimmed_copy(start, len)) == NULL) {
            flow_i_textlist_clear(out);
            return FLOW_ERR_NOMEM;
        }
        out->count++;
        if (end == NULL)
            return FLOW_OK;
        start = end;
    }
}

int flow_i_option_int_list(const struct flow_i_option *key, const char *value, int64_t **out,
                           int64_t *count)
{
    struct flow_i_textlist items;
    int rc = flow_i_option_split(value, &items);
    int64_t *numbers = NULL;
    if (rc != FLOW_OK)
        return rc;
    if (items.count > 0 && (numbers = flow_i_malloc(items.count, sizeof *numbers)) == NULL)
        rc = FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < items.count; i++)
        if (!flow_i_option_int(items.items[i], &numbers[i]) || (double)numbers[i] < key->lo)
            rc = flow_i_option_reject(key, value, "is not a comma list of integers >= %.0f",
                                      key->lo);
    int64_t parsed = items.count;
    flow_i_textlist_clear(&items);
    if (rc != FLOW_OK) {
        free(numbers);
        return rc;
    }
    *out = numbers;
    *count = parsed;
    return FLOW_OK;
}

int flow_i_apply_int(void *o, const struct flow_i_option *k, const char *v)
{
    int64_t x;
    if (!flow_i_option_int(v, &x) || (double)x < k->lo || (double)x > k->hi)
        return k->hi >= FLOW_I_OPTION_UNBOUNDED
                   ? flow_i_option_reject(k, v, "is not an integer >= %.0f", k->lo)
                   : flow_i_option_reject(k, v, "is not an integer in [%.0f, %.0f]", k->lo, k->hi);
    *FIELD(o, k, int64_t) = x;
    return FLOW_OK;
}

int flow_i_apply_double(void *o, const struct flow_i_option *k, const char *v)
{
    double x;
    if (!flow_i_option_double(v, &x) || x < k->lo || x > k->hi)
        return flow_i_option_reject(k, v, "is not a number in [%g, %g]", k->lo, k->hi);
    *FIELD(o, k, double) = x;
    return FLOW_OK;
}

int flow_i_apply_double_above(void *o, const struct flow_i_option *k, const char *v)
{
    double x;
    if (!flow_i_option_double(v, &x) || !(x > k->lo) || x > k->hi)
        return flow_i_option_reject(k, v, "is not a finite number > %g", k->lo);
    *FIELD(o, k, double) = x;
    return FLOW_OK;
}

int flow_i_apply_switch(void *o, const struct flow_i_option *k, const char *v)
{
    int x;
    if (!flow_i_option_switch(v, &x))
        return flow_i_option_reject(k, v, "is not 1 or 0 (true/false, yes/no)");
    *FIELD(o, k, int) = x;
    return FLOW_OK;
}

int flow_i_apply_word(void *o, const struct flow_i_option *k, const char *v)
{
    int w = flow_i_option_word(v, k->words);
    if (w < 0) {
        char known[256];
        size_t used = 0;
        known[0] = '\0';
        for (int i = 0; k->words[i] != NULL && used < sizeof known; i++)
            used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
                                     k->words[i]);
        return flow_i_option_reject(k, v, "is not one of %s", known);
    }
    *FIELD(o, k, int) = w;
    return FLOW_OK;
}

/* Replaces the string at k's field with a copy of v (NULL for ""). */
int flow_i_apply_text(void *o, const struct flow_i_option *k, const char *v)
{
    char *copy = NULL;
    if (v[0] != '\0' && (copy = flow_i_strdup(v)) == NULL)
        return FLOW_ERR_NOMEM;
    char **slot = FIELD(o, k, char *);
    free(*slot);
    *slot = copy;
    return FLOW_OK;
}

int flow_i_apply_name(void *o, const struct flow_i_option *k, const char *v)
{
    if (v[0] == '\0')
        return flow_i_option_reject(k, v, "is empty (a name is needed)");
    return flow_i_apply_text(o, k, v);
}

int flow_i_apply_list(void *o, const struct flow_i_option *k, const char *v)
{
    struct flow_i_textlist fresh;
    int rc = flow_i_option_split(v, &fresh);
    if (rc != FLOW_OK)
        return rc;
    struct flow_i_textlist *slot = FIELD(o, k, struct flow_i_textlist);
    flow_i_textlist_clear(slot);
    *slot = fresh;
    return FLOW_OK;
}
