/*
 * sector_cut.c - the sector-specific part of a scenario: sector groups and
 * blocks, their setters and their statements in the scenario format
 * (libflow/sector_cut.h; the scenario parser in scenario.c hands them over).
 * Resolving and running them on a model is in sector_cut_run.c.
 */
#include "sector_cut_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int flow_i_sector_cut_new(flow_i_sector_cut **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    if (*out == NULL)
        return FLOW_ERR_NOMEM;
    snprintf((*out)->source, sizeof(*out)->source, "<setters>");
    return FLOW_OK;
}

void flow_i_sector_cut_free(flow_i_sector_cut *cut)
{
    if (cut == NULL)
        return;
    for (int64_t g = 0; g < cut->ngroups; g++) {
        for (int64_t m = 0; m < cut->groups[g].count; m++)
            free(cut->groups[g].members[m]);
        free(cut->groups[g].members);
        free(cut->groups[g].name);
    }
    for (int64_t b = 0; b < cut->nblocks; b++) {
        free(cut->blocks[b].sellers);
        free(cut->blocks[b].products);
        free(cut->blocks[b].buyers);
    }
    free(cut->groups);
    free(cut->blocks);
    free(cut);
}

static int grow(void **items, int64_t count, size_t size)
{
    void *grown = realloc(*items, (size_t)(count + 1) * size);
    if (grown == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    *items = grown;
    return FLOW_OK;
}

int flow_i_sector_cut_add_group_member(flow_i_sector_cut *cut, int sectors, const char *group,
                                       const char *member)
{
    if (cut == NULL || group == NULL || member == NULL || group[0] == '\0' || member[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a group member needs a cut, a group and a code");
    struct flow_i_cut_group *g = NULL;
    for (int64_t i = 0; i < cut->ngroups && g == NULL; i++)
        if (cut->groups[i].sectors == (sectors != 0) && strcmp(cut->groups[i].name, group) == 0)
            g = &cut->groups[i];
    if (g == NULL) {
        if (grow((void **)&cut->groups, cut->ngroups, sizeof *cut->groups) != FLOW_OK)
            return FLOW_ERR_NOMEM;
        g = &cut->groups[cut->ngroups];
        memset(g, 0, sizeof *g);
        g->sectors = sectors != 0;
        if ((g->name = flow_i_strdup(group)) == NULL)
            return FLOW_ERR_NOMEM;
        cut->ngroups++;
    }
    if (grow((void **)&g->members, g->count, sizeof *g->members) != FLOW_OK ||
        (g->members[g->count] = flow_i_strdup(member)) == NULL)
        return FLOW_ERR_NOMEM;
    g->count++;
    return FLOW_OK;
}

static int add_block_at(flow_i_sector_cut *cut, const char *sellers, const char *products,
                        const char *buyers, double severity, int channels, int64_t line)
{
    if (cut == NULL || sellers == NULL || products == NULL || buyers == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a block needs sellers, products and buyers");
    if (!(severity >= 0.0 && severity <= 1.0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "severity %g is outside [0, 1]", severity);
    if (channels < 0 || channels >= FLOW_SECTOR_CHANNEL_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "no channel %d", channels);
    if (grow((void **)&cut->blocks, cut->nblocks, sizeof *cut->blocks) != FLOW_OK)
        return FLOW_ERR_NOMEM;
    struct flow_i_cut_block *b = &cut->blocks[cut->nblocks];
    b->sellers = flow_i_strdup(sellers);
    b->products = flow_i_strdup(products);
    b->buyers = flow_i_strdup(buyers);
    b->severity = severity;
    b->channels = channels;
    b->line = line;
    cut->nblocks++;
    return b->sellers != NULL && b->products != NULL && b->buyers != NULL ? FLOW_OK
                                                                          : FLOW_ERR_NOMEM;
}

int flow_i_sector_cut_add_block(flow_i_sector_cut *cut, const char *sellers, const char *products,
                                const char *buyers, double severity, int channels)
{
    return add_block_at(cut, sellers, products, buyers, severity, channels, 0);
}

int flow_i_sector_cut_append(flow_i_sector_cut *dst, const flow_i_sector_cut *src)
{
    int rc = FLOW_OK;
    snprintf(dst->source, sizeof dst->source, "%s", src->source);
    for (int64_t g = 0; rc == FLOW_OK && g < src->ngroups; g++) {
        const struct flow_i_cut_group *group = &src->groups[g];
        for (int64_t m = 0; rc == FLOW_OK && m < group->count; m++)
            rc = flow_i_sector_cut_add_group_member(dst, group->sectors, group->name,
                                                    group->members[m]);
    }
    for (int64_t b = 0; rc == FLOW_OK && b < src->nblocks; b++) {
        const struct flow_i_cut_block *block = &src->blocks[b];
        rc = add_block_at(dst, block->sellers, block->products, block->buyers, block->severity,
                          block->channels, block->line);
    }
    return rc;
}

/* ---------------------------------------------------------------- parser */

#define MAX_WORDS 512

struct parser {
    flow_i_sector_cut *cut;
    const char *source, *dir;
    int64_t line;
};

static int parse_error(const struct parser *p, const char *fmt, const char *word)
{
    char what[512];
    snprintf(what, sizeof what, fmt, word);
    return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: %s", p->source, (long long)p->line, what);
}

static int parse_channels(const char *word, int *channels)
{
    static const char *const names[] = {"all", "intermediate", "final"};
    for (int c = 0; c < 3; c++)
        if (strcmp(word, names[c]) == 0) {
            *channels = c;
            return 1;
        }
    return 0;
}

static int statement_cut(struct parser *p, char **w, int n)
{
    char *end = NULL;
    int channels = FLOW_SECTOR_CUT_ALL;
    if (n < 5 || n > 6)
        return parse_error(p, "%s needs: cut SELLERS PRODUCTS BUYERS SEVERITY [CHANNELS]", w[0]);
    double severity = strtod(w[4], &end);
    if (end == w[4] || *end != '\0')
        return parse_error(p, "'%s' is not a severity", w[4]);
    if (!(severity >= 0.0 && severity <= 1.0))
        return parse_error(p, "%s is outside [0, 1]", w[4]);
    if (n == 6 && !parse_channels(w[5], &channels))
        return parse_error(p, "'%s' is not intermediate, final or all", w[5]);
    return add_block_at(p->cut, w[1], w[2], w[3], severity, channels, p->line);
}

static int statement_sectors_from(struct parser *p, const char *file)
{
    struct flow_i_concordance c;
    char path[2048];
    if (file[0] == '/' || p->dir == NULL)
        snprintf(path, sizeof path, "%s", file);
    else
        snprintf(path, sizeof path, "%s/%s", p->dir, file);
    /* A scenario names a file to read: never a device or a pipe, which could block. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return parse_error(p, "sectors_from '%s' is not a regular file", file);
    int rc = flow_i_concordance_read(&c, path);
    for (int64_t i = 0; rc == FLOW_OK && i < c.count; i++)
        rc = flow_i_sector_cut_add_group_member(p->cut, 1, c.groups[i], c.codes[i]);
    flow_i_concordance_clear(&c);
    return rc;
}

int flow_i_sector_cut_statement(flow_i_sector_cut *cut, const char *source, const char *dir,
                                int64_t line, char **w, int n, int *handled)
{
    struct parser p = {cut, source, dir, line};
    int rc = FLOW_OK;
    *handled = strcmp(w[0], "sectors") == 0 || strcmp(w[0], "sectors_from") == 0 ||
               (strcmp(w[0], "cut") == 0 && n >= 5);
    if (!*handled)
        return FLOW_OK;
    snprintf(cut->source, sizeof cut->source, "%s", source); /* where its blocks' lines are */
    if (strcmp(w[0], "sectors") == 0) {
        if (n < 3)
            return parse_error(&p, "%s needs a name and at least one member", w[0]);
        for (int i = 2; rc == FLOW_OK && i < n; i++)
            rc = flow_i_sector_cut_add_group_member(cut, 1, w[1], w[i]);
        return rc;
    }
    if (strcmp(w[0], "sectors_from") == 0) {
        if (n != 2)
            return parse_error(&p, "%s takes one file", w[0]);
        return statement_sectors_from(&p, w[1]);
    }
    return statement_cut(&p, w, n);
}
