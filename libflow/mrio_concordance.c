/*
 * mrio_concordance.c - concordances (code -> group) from CSV files or arrays,
 * and the mapping of a table's codes onto their groups.
 */
#include "mrio_internal.h"
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void flow_i_concordance_clear(struct flow_i_concordance *c)
{
    for (int64_t i = 0; i < c->count; i++) {
        free(c->codes[i]);
        free(c->groups[i]);
    }
    free(c->codes);
    free(c->groups);
    free(c->lines);
    memset(c, 0, sizeof *c);
}

static int add_pair(struct flow_i_concordance *c, const char *code, const char *group, int64_t line)
{
    int64_t n = c->count + 1;
    char **codes = realloc(c->codes, (size_t)n * sizeof *codes);
    if (codes != NULL)
        c->codes = codes;
    char **groups = realloc(c->groups, (size_t)n * sizeof *groups);
    if (groups != NULL)
        c->groups = groups;
    int64_t *lines = realloc(c->lines, (size_t)n * sizeof *lines);
    if (lines != NULL)
        c->lines = lines;
    if (codes == NULL || groups == NULL || lines == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    c->codes[c->count] = flow_i_strdup(code);
    c->groups[c->count] = flow_i_strdup(group);
    c->lines[c->count] = line;
    c->count++;
    return c->codes[c->count - 1] != NULL && c->groups[c->count - 1] != NULL ? FLOW_OK
                                                                             : FLOW_ERR_NOMEM;
}

int flow_i_concordance_from_arrays(struct flow_i_concordance *c, int64_t count,
                                   const char *const *codes, const char *const *groups)
{
    int rc = FLOW_OK;
    memset(c, 0, sizeof *c);
    if (count > 0 && (codes == NULL || groups == NULL))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a concordance of %lld pairs needs its arrays",
                           (long long)count);
    for (int64_t i = 0; rc == FLOW_OK && i < count; i++) {
        if (codes[i] == NULL || groups[i] == NULL)
            rc = flow_i_fail(FLOW_ERR_INVALID_ARG, "concordance pair %lld is NULL", (long long)i);
        else
            rc = add_pair(c, codes[i], groups[i], 0);
    }
    return rc;
}

struct csv_ctx {
    struct flow_i_concordance *c;
    int64_t records;
};

static int concordance_record(void *userdata, const struct flow_i_record *rec)
{
    struct csv_ctx *ctx = userdata;
    if (ctx->records++ == 0)
        return FLOW_OK; /* the header */
    if (rec->nfields < 2 || rec->fields[0][0] == '\0' || rec->fields[1][0] == '\0')
        return flow_i_fail(FLOW_ERR_PARSE,
                           "%s: line %lld: a concordance row needs a code and a "
                           "group",
                           ctx->c->file, (long long)rec->line);
    return add_pair(ctx->c, rec->fields[0], rec->fields[1], rec->line);
}

int flow_i_concordance_read(struct flow_i_concordance *c, const char *path)
{
    flow_read_options *opts = NULL;
    struct csv_ctx ctx = {c, 0};
    memset(c, 0, sizeof *c);
    snprintf(c->file, sizeof c->file, "%s", path);
    int rc = flow_read_options_new(&opts);
    if (rc == FLOW_OK)
        rc = flow_i_scan(path, NULL, 0, opts, concordance_record, &ctx);
    if (rc == FLOW_OK && c->count == 0)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: the concordance has no rows", path);
    flow_read_options_free(opts);
    if (rc != FLOW_OK)
        flow_i_concordance_clear(c);
    return rc;
}

static int where(const struct flow_i_concordance *c, int64_t i, char *buf, size_t cap)
{
    if (c->lines[i] > 0)
        return snprintf(buf, cap, "%s: line %lld: ", c->file, (long long)c->lines[i]);
    return snprintf(buf, cap, "concordance pair %lld: ", (long long)i);
}

/* Concordance entry of each code (-1: none), and the "*" entry. */
static int match_codes(const struct flow_i_concordance *c, int64_t count, const char *const *codes,
                       const char *what, int64_t *entry, int64_t *star)
{
    char at[1200];
    *star = -1;
    for (int64_t i = 0; i < count; i++)
        entry[i] = -1;
    for (int64_t e = 0; e < c->count; e++) {
        int64_t hit = -1;
        int is_star = strcmp(c->codes[e], "*") == 0;
        for (int64_t i = 0; !is_star && hit < 0 && i < count; i++)
            if (strcmp(codes[i], c->codes[e]) == 0)
                hit = i;
        where(c, e, at, sizeof at);
        if ((is_star && *star >= 0) || (hit >= 0 && entry[hit] >= 0))
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s%s '%s' is listed twice", at, what,
                               c->codes[e]);
        if (!is_star && hit < 0)
            return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL, "%s%s '%s' is not in the table", at, what,
                               c->codes[e]);
        if (is_star)
            *star = e;
        else
            entry[hit] = e;
    }
    return FLOW_OK;
}

int flow_i_concordance_map(const struct flow_i_concordance *c, int64_t count,
                           const char *const *codes, const char *what, int64_t *map, char ***groups,
                           int64_t *ngroups)
{
    int64_t star = -1;
    int64_t *entry = flow_i_malloc(count, sizeof *entry);
    char **names = flow_i_calloc(count, sizeof *names);
    int rc = entry != NULL && names != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    *groups = NULL;
    *ngroups = 0;
    if (rc == FLOW_OK)
        rc = match_codes(c, count, codes, what, entry, &star);
    int64_t n = 0;
    for (int64_t i = 0; rc == FLOW_OK && i < count; i++) {
        int64_t e = entry[i] >= 0 ? entry[i] : star;
        const char *group = e >= 0 ? c->groups[e] : codes[i];
        map[i] = -1;
        for (int64_t g = 0; g < n && map[i] < 0; g++)
            if (strcmp(names[g], group) == 0)
                map[i] = g;
        if (map[i] < 0) {
            if ((names[n] = flow_i_strdup(group)) == NULL)
                rc = FLOW_ERR_NOMEM;
            map[i] = n++;
        }
    }
    free(entry);
    if (rc != FLOW_OK) {
        for (int64_t g = 0; names != NULL && g < n; g++)
            free(names[g]);
        free(names);
        return rc;
    }
    *groups = names;
    *ngroups = n;
    return FLOW_OK;
}
