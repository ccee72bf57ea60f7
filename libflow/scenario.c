/*
 * scenario.c - the sanctions scenario handle and its text format (the format
 * is documented in include/libflow/shock.h and docs/scenarios.md).
 */
#include "sector_cut_internal.h"
#include "shock_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ string lists */

int64_t flow_i_names_find(const flow_i_names *names, const char *name)
{
    for (int64_t i = 0; i < names->count; i++)
        if (strcmp(names->items[i], name) == 0)
            return i;
    return -1;
}

int flow_i_names_add(flow_i_names *names, const char *name)
{
    if (flow_i_names_find(names, name) >= 0)
        return FLOW_OK;
    if (names->count == names->cap) {
        int64_t cap = names->cap ? 2 * names->cap : 8;
        char **items = flow_i_malloc(cap, sizeof *items);
        if (items == NULL)
            return FLOW_ERR_NOMEM;
        if (names->count > 0)
            memcpy(items, names->items, (size_t)names->count * sizeof *items);
        free(names->items);
        names->items = items;
        names->cap = cap;
    }
    char *copy = flow_i_strdup(name);
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    names->items[names->count++] = copy;
    return FLOW_OK;
}

void flow_i_names_clear(flow_i_names *names)
{
    for (int64_t i = 0; i < names->count; i++)
        free(names->items[i]);
    free(names->items);
    memset(names, 0, sizeof *names);
}

int flow_i_names_copy(flow_i_names *dst, const flow_i_names *src)
{
    memset(dst, 0, sizeof *dst);
    for (int64_t i = 0; i < src->count; i++)
        if (flow_i_names_add(dst, src->items[i]) != FLOW_OK) {
            flow_i_names_clear(dst);
            return FLOW_ERR_NOMEM;
        }
    return FLOW_OK;
}

/* ------------------------------------------------------------ rates */

static const char *any_if_null(const char *s)
{
    return (s == NULL || s[0] == '\0') ? "*" : s;
}

double flow_i_rate_lookup(const flow_i_rate *rates, int64_t count, const char *layer,
                          const char *product)
{
    /* Most specific first: (layer, product), (layer, *), (*, product), (*, *). */
    const char *keys[4][2] = {{any_if_null(layer), any_if_null(product)},
                              {any_if_null(layer), "*"},
                              {"*", any_if_null(product)},
                              {"*", "*"}};
    for (int k = 0; k < 4; k++)
        for (int64_t i = 0; i < count; i++)
            if (strcmp(rates[i].layer, keys[k][0]) == 0 &&
                strcmp(rates[i].product, keys[k][1]) == 0)
                return rates[i].value;
    return 0.0;
}

static int rate_set(flow_i_rate **rates, int64_t *count, const char *layer, const char *product,
                    double value)
{
    layer = any_if_null(layer);
    product = any_if_null(product);
    for (int64_t i = 0; i < *count; i++)
        if (strcmp((*rates)[i].layer, layer) == 0 && strcmp((*rates)[i].product, product) == 0) {
            (*rates)[i].value = value;
            return FLOW_OK;
        }
    flow_i_rate *grown = flow_i_malloc(*count + 1, sizeof *grown);
    if (grown == NULL)
        return FLOW_ERR_NOMEM;
    char *l = flow_i_strdup(layer), *p = flow_i_strdup(product);
    if (l == NULL || p == NULL) {
        free(l);
        free(p);
        free(grown);
        return FLOW_ERR_NOMEM;
    }
    if (*count > 0)
        memcpy(grown, *rates, (size_t)*count * sizeof *grown);
    grown[*count] = (flow_i_rate){l, p, value};
    free(*rates);
    *rates = grown;
    (*count)++;
    return FLOW_OK;
}

static void rates_free(flow_i_rate *rates, int64_t count)
{
    for (int64_t i = 0; i < count; i++) {
        free(rates[i].layer);
        free(rates[i].product);
    }
    free(rates);
}

static int rates_copy(flow_i_rate **dst, int64_t *dst_count, const flow_i_rate *src, int64_t count)
{
    *dst = NULL;
    *dst_count = 0;
    for (int64_t i = 0; i < count; i++)
        if (rate_set(dst, dst_count, src[i].layer, src[i].product, src[i].value) != FLOW_OK)
            return FLOW_ERR_NOMEM;
    return FLOW_OK;
}

/* ------------------------------------------------------------ handle */

int flow_scenario_new(flow_scenario **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_new: out is NULL");
    *out = NULL;
    flow_scenario *s = flow_i_calloc(1, sizeof *s);
    if (s == NULL)
        return FLOW_ERR_NOMEM;
    s->name = flow_i_strdup("scenario");
    if (s->name == NULL || flow_i_sector_cut_new(&s->sector_cut) != FLOW_OK) {
        free(s->name);
        free(s);
        return FLOW_ERR_NOMEM;
    }
    s->direction = FLOW_BOTH;
    s->channels = FLOW_SHOCK_ALL_CHANNELS;
    s->throughput = 1.0;
    s->min_share = 0.01;
    *out = s;
    return FLOW_OK;
}

void flow_scenario_free(flow_scenario *s)
{
    if (s == NULL)
        return;
    free(s->name);
    flow_i_names_clear(&s->sanctioning);
    flow_i_names_clear(&s->target);
    flow_i_names_clear(&s->via);
    free(s->capacity);
    free(s->weight);
    for (int64_t g = 0; g < s->group_count; g++) {
        free(s->groups[g].name);
        flow_i_names_clear(&s->groups[g].members);
    }
    free(s->groups);
    rates_free(s->severity, s->severity_count);
    rates_free(s->substitution, s->substitution_count);
    flow_i_sector_cut_free(s->sector_cut);
    flow_i_names_clear(&s->stock_layers);
    flow_i_names_clear(&s->flow_layers);
    free(s);
}

static int check_name(const flow_scenario *s, const char *name, const char *what)
{
    if (s == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: scenario is NULL", what);
    if (name == NULL || name[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: name is NULL or empty", what);
    return FLOW_OK;
}

int flow_scenario_set_name(flow_scenario *s, const char *name)
{
    int rc = check_name(s, name, "flow_scenario_set_name");
    if (rc != FLOW_OK)
        return rc;
    char *copy = flow_i_strdup(name);
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    free(s->name);
    s->name = copy;
    return FLOW_OK;
}

int flow_scenario_add_sanctioning(flow_scenario *s, const char *name)
{
    int rc = check_name(s, name, "flow_scenario_add_sanctioning");
    return rc != FLOW_OK ? rc : flow_i_names_add(&s->sanctioning, name);
}

int flow_scenario_add_target(flow_scenario *s, const char *name)
{
    int rc = check_name(s, name, "flow_scenario_add_target");
    return rc != FLOW_OK ? rc : flow_i_names_add(&s->target, name);
}

/* Adds an intermediary and keeps the capacity and weight arrays parallel to the names. */
static int add_via(flow_scenario *s, const char *name, int64_t *index)
{
    *index = flow_i_names_find(&s->via, name);
    if (*index >= 0)
        return FLOW_OK;
    int64_t old = s->via.count;
    double *capacity = flow_i_malloc(old + 1, sizeof *capacity);
    double *weight = flow_i_malloc(old + 1, sizeof *weight);
    if (capacity == NULL || weight == NULL || flow_i_names_add(&s->via, name) != FLOW_OK) {
        free(capacity);
        free(weight);
        return FLOW_ERR_NOMEM;
    }
    if (old > 0) {
        memcpy(capacity, s->capacity, (size_t)old * sizeof *capacity);
        memcpy(weight, s->weight, (size_t)old * sizeof *weight);
    }
    capacity[old] = INFINITY;
    weight[old] = NAN;
    free(s->capacity);
    free(s->weight);
    s->capacity = capacity;
    s->weight = weight;
    *index = old;
    return FLOW_OK;
}

int flow_scenario_add_intermediary(flow_scenario *s, const char *name)
{
    int64_t index;
    int rc = check_name(s, name, "flow_scenario_add_intermediary");
    return rc != FLOW_OK ? rc : add_via(s, name, &index);
}

int flow_scenario_set_capacity(flow_scenario *s, const char *name, double capacity)
{
    int64_t index;
    int rc = check_name(s, name, "flow_scenario_set_capacity");
    if (rc != FLOW_OK)
        return rc;
    if (!(capacity >= 0.0))
        return flow_i_fail(FLOW_ERR_VALUE, "capacity of '%s' must be >= 0, got %g", name, capacity);
    if ((rc = add_via(s, name, &index)) != FLOW_OK)
        return rc;
    s->capacity[index] = capacity;
    return FLOW_OK;
}

static int check_share(const flow_scenario *s, double value, const char *what);

int flow_scenario_set_weight(flow_scenario *s, const char *name, double weight)
{
    int64_t index;
    int rc = check_name(s, name, "flow_scenario_set_weight");
    if (rc != FLOW_OK)
        return rc;
    if (!(weight >= 0.0) || isinf(weight))
        return flow_i_fail(FLOW_ERR_VALUE, "route weight of '%s' must be finite and >= 0, got %g",
                           name, weight);
    if ((rc = add_via(s, name, &index)) != FLOW_OK)
        return rc;
    s->weight[index] = weight;
    return FLOW_OK;
}

int flow_scenario_set_throughput(flow_scenario *s, double factor)
{
    if (s == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_set_throughput: scenario is NULL");
    if (!(factor >= 0.0))
        return flow_i_fail(FLOW_ERR_VALUE, "throughput factor must be >= 0, got %g", factor);
    s->throughput = factor;
    return FLOW_OK;
}

int flow_scenario_set_min_share(flow_scenario *s, double share)
{
    int rc = check_share(s, share, "minimum path share");
    if (rc == FLOW_OK)
        s->min_share = share;
    return rc;
}

int flow_scenario_add_group_member(flow_scenario *s, const char *group, const char *member)
{
    int rc = check_name(s, group, "flow_scenario_add_group_member");
    if (rc == FLOW_OK)
        rc = check_name(s, member, "flow_scenario_add_group_member");
    if (rc != FLOW_OK)
        return rc;
    for (int64_t g = 0; g < s->group_count; g++)
        if (strcmp(s->groups[g].name, group) == 0)
            return flow_i_names_add(&s->groups[g].members, member);
    flow_i_group *grown = flow_i_malloc(s->group_count + 1, sizeof *grown);
    if (grown == NULL)
        return FLOW_ERR_NOMEM;
    flow_i_group fresh = {flow_i_strdup(group), {0}};
    if (fresh.name == NULL || flow_i_names_add(&fresh.members, member) != FLOW_OK) {
        free(fresh.name);
        flow_i_names_clear(&fresh.members);
        free(grown);
        return FLOW_ERR_NOMEM;
    }
    if (s->group_count > 0)
        memcpy(grown, s->groups, (size_t)s->group_count * sizeof *grown);
    grown[s->group_count++] = fresh;
    free(s->groups);
    s->groups = grown;
    return FLOW_OK;
}

int flow_scenario_set_direction(flow_scenario *s, int direction)
{
    if (s == NULL || direction < FLOW_EXPORTS || direction > FLOW_BOTH)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "direction must be 1 (exports), 2 (imports) or "
                           "3 (both), got %d",
                           direction);
    s->direction = direction;
    return FLOW_OK;
}

int flow_scenario_set_channels(flow_scenario *s, int channels)
{
    if (s == NULL || channels < FLOW_SHOCK_INTERMEDIATE || channels > FLOW_SHOCK_ALL_CHANNELS)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "channels must be 1 (intermediate), 2 (final) or 3 (all), got %d",
                           channels);
    s->channels = channels;
    return FLOW_OK;
}

static int check_share(const flow_scenario *s, double value, const char *what)
{
    if (s == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: scenario is NULL", what);
    if (!(value >= 0.0 && value <= 1.0))
        return flow_i_fail(FLOW_ERR_VALUE, "%s must be in [0, 1], got %g", what, value);
    return FLOW_OK;
}

int flow_scenario_set_severity(flow_scenario *s, const char *layer, const char *product,
                               double severity)
{
    int rc = check_share(s, severity, "severity");
    return rc != FLOW_OK ? rc
                         : rate_set(&s->severity, &s->severity_count, layer, product, severity);
}

int flow_scenario_set_substitution(flow_scenario *s, const char *layer, const char *product,
                                   double rho)
{
    int rc = check_share(s, rho, "substitution ratio");
    return rc != FLOW_OK ? rc
                         : rate_set(&s->substitution, &s->substitution_count, layer, product, rho);
}

int flow_scenario_set_markup(flow_scenario *s, double markup)
{
    if (s == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_set_markup: scenario is NULL");
    if (!(markup >= 0.0) || isinf(markup))
        return flow_i_fail(FLOW_ERR_VALUE, "mark-up must be finite and >= 0, got %g", markup);
    s->markup = markup;
    return FLOW_OK;
}

int flow_scenario_copy(flow_scenario **out, const flow_scenario *src)
{
    flow_scenario *s = NULL;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || src == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_copy: NULL argument");
    if ((rc = flow_scenario_new(&s)) != FLOW_OK)
        return rc;
    rc = flow_scenario_set_name(s, src->name);
    s->direction = src->direction;
    s->channels = src->channels;
    s->markup = src->markup;
    s->throughput = src->throughput;
    s->min_share = src->min_share;
    if (rc == FLOW_OK)
        rc = flow_i_names_copy(&s->sanctioning, &src->sanctioning);
    if (rc == FLOW_OK)
        rc = flow_i_names_copy(&s->target, &src->target);
    for (int64_t i = 0; rc == FLOW_OK && i < src->via.count; i++)
        rc = flow_scenario_set_capacity(s, src->via.items[i], src->capacity[i]);
    for (int64_t i = 0; rc == FLOW_OK && i < src->via.count; i++)
        if (!isnan(src->weight[i]))
            rc = flow_scenario_set_weight(s, src->via.items[i], src->weight[i]);
    for (int64_t g = 0; rc == FLOW_OK && g < src->group_count; g++)
        for (int64_t m = 0; rc == FLOW_OK && m < src->groups[g].members.count; m++)
            rc = flow_scenario_add_group_member(s, src->groups[g].name,
                                                src->groups[g].members.items[m]);
    if (rc == FLOW_OK)
        rc = flow_i_names_copy(&s->stock_layers, &src->stock_layers);
    if (rc == FLOW_OK)
        rc = flow_i_names_copy(&s->flow_layers, &src->flow_layers);
    if (rc == FLOW_OK)
        rc = rates_copy(&s->severity, &s->severity_count, src->severity, src->severity_count);
    if (rc == FLOW_OK)
        rc = rates_copy(&s->substitution, &s->substitution_count, src->substitution,
                        src->substitution_count);
    if (rc == FLOW_OK)
        rc = flow_i_sector_cut_append(s->sector_cut, src->sector_cut);
    if (rc != FLOW_OK) {
        flow_scenario_free(s);
        return rc;
    }
    *out = s;
    return FLOW_OK;
}

/* Removes name from names when present (order of the rest kept). */
static void names_remove(flow_i_names *names, const char *name)
{
    int64_t at = flow_i_names_find(names, name);
    if (at < 0)
        return;
    free(names->items[at]);
    memmove(names->items + at, names->items + at + 1,
            (size_t)(names->count - at - 1) * sizeof *names->items);
    names->count--;
}

int flow_scenario_set_layer_kind(flow_scenario *s, const char *layer, int kind)
{
    if (s == NULL || layer == NULL || layer[0] == '\0' || kind < 0 || kind >= FLOW_LAYER_KIND_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_scenario_set_layer_kind: NULL scenario, empty layer or kind %d "
                           "outside [0, %d)",
                           kind, FLOW_LAYER_KIND_COUNT);
    names_remove(kind == FLOW_LAYER_STOCK ? &s->flow_layers : &s->stock_layers, layer);
    return flow_i_names_add(kind == FLOW_LAYER_STOCK ? &s->stock_layers : &s->flow_layers, layer);
}

/* ------------------------------------------------------------ name (the rest: flow_scenario_plan)
 */

const char *flow_scenario_name(const flow_scenario *s)
{
    return s ? s->name : NULL;
}

/* ------------------------------------------------------------ text format */

#define MAX_WORDS 64

/* Where the parser is, for messages: source, line and the line's first byte. */
typedef struct parse_pos {
    const char *source;
    const char *dir; /* of the scenario file, for sectors_from; NULL: working directory */
    int64_t line;
    const char *start;
} parse_pos;

/* 1-based column (in bytes) of a word of the current line. */
static long long column_of(const parse_pos *pos, const char *word)
{
    return (long long)(word - pos->start) + 1;
}

static const char *const keywords[] = {"name",     "group",   "sanctioning",  "target", "direction",
                                       "channels", "cut",     "reroute",      "via",    "capacity",
                                       "markup",   "sectors", "sectors_from", "kind",   NULL};

/*
 * Checks a word used as an economy or group code: not a keyword (a slip such
 * as "via CHN capacity" would make one a code) and valid UTF-8.
 */
static int check_code(const parse_pos *pos, const char *word)
{
    for (int i = 0; keywords[i] != NULL; i++)
        if (strcmp(word, keywords[i]) == 0)
            return flow_i_fail(FLOW_ERR_PARSE,
                               "%s: line %lld, column %lld: '%s' is a keyword, not an economy "
                               "or group code",
                               pos->source, (long long)pos->line, column_of(pos, word), word);
    if (!flow_i_utf8_valid(word, strlen(word)))
        return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld, column %lld: code is not valid UTF-8",
                           pos->source, (long long)pos->line, column_of(pos, word));
    return FLOW_OK;
}

/* check_code for w[from..nw). */
static int check_codes(const parse_pos *pos, char **w, int from, int nw)
{
    int rc = FLOW_OK;
    for (int i = from; i < nw && rc == FLOW_OK; i++)
        rc = check_code(pos, w[i]);
    return rc;
}

static int parse_number(const parse_pos *pos, const char *word, double lo, double hi, double *value)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(word, &end);
    if (end == word || *end != '\0' || errno == ERANGE || isnan(v))
        return flow_i_fail(FLOW_ERR_VALUE, "%s: line %lld, column %lld: '%s' is not a number",
                           pos->source, (long long)pos->line, column_of(pos, word), word);
    if (v < lo || v > hi)
        return flow_i_fail(FLOW_ERR_VALUE, "%s: line %lld, column %lld: %s is outside [%g, %g]",
                           pos->source, (long long)pos->line, column_of(pos, word), word, lo, hi);
    *value = v;
    return FLOW_OK;
}

static int wrong_count(const parse_pos *pos, const char *keyword, const char *usage)
{
    return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld, column %lld: '%s' expects %s", pos->source,
                       (long long)pos->line, column_of(pos, keyword), keyword, usage);
}

/* via <code>... [capacity <volume>] */
static int parse_via(flow_scenario *s, const parse_pos *pos, char **w, int nw)
{
    int end = nw;
    double capacity = INFINITY;
    int rc;
    if (nw >= 3 && strcmp(w[nw - 2], "capacity") == 0) {
        if ((rc = parse_number(pos, w[nw - 1], 0.0, INFINITY, &capacity)) != FLOW_OK)
            return rc;
        end = nw - 2;
    }
    if (end < 2)
        return wrong_count(pos, w[0], "at least one economy");
    if ((rc = check_codes(pos, w, 1, end)) != FLOW_OK)
        return rc;
    for (int i = 1; i < end; i++)
        if ((rc = flow_scenario_set_capacity(s, w[i], capacity)) != FLOW_OK)
            return rc;
    return FLOW_OK;
}

static int parse_choice(const parse_pos *pos, char **w, int nw, const char *const *choices,
                        int *value)
{
    if (nw != 2)
        return wrong_count(pos, w[0], "one word");
    for (int i = 0; choices[i] != NULL; i++)
        if (strcmp(w[1], choices[i]) == 0) {
            *value = i + 1;
            return FLOW_OK;
        }
    return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld, column %lld: '%s' is not a valid %s",
                       pos->source, (long long)pos->line, column_of(pos, w[1]), w[1], w[0]);
}

static int parse_statement(flow_scenario *s, const parse_pos *pos, char **w, int nw)
{
    static const char *const directions[] = {"exports", "imports", "both", NULL};
    static const char *const channels[] = {"intermediate", "final", "all", NULL};
    const char *k = w[0];
    double value = 0.0;
    int choice = 0, rc = FLOW_OK, handled = 0;
    /* Sector groups and sector-specific cuts: the statements of sector_cut.h. */
    rc = flow_i_sector_cut_statement(s->sector_cut, pos->source, pos->dir, pos->line, w, nw,
                                     &handled);
    if (rc != FLOW_OK || handled)
        return rc;
    if (strcmp(k, "name") == 0) {
        return nw == 2 ? flow_scenario_set_name(s, w[1]) : wrong_count(pos, k, "one word");
    } else if (strcmp(k, "group") == 0) {
        if (nw < 3)
            return wrong_count(pos, k, "a name and at least one member");
        if ((rc = check_codes(pos, w, 1, nw)) != FLOW_OK)
            return rc;
        for (int i = 2; i < nw && rc == FLOW_OK; i++)
            rc = flow_scenario_add_group_member(s, w[1], w[i]);
        return rc;
    } else if (strcmp(k, "sanctioning") == 0 || strcmp(k, "target") == 0) {
        if (nw < 2)
            return wrong_count(pos, k, "at least one economy or group");
        if ((rc = check_codes(pos, w, 1, nw)) != FLOW_OK)
            return rc;
        for (int i = 1; i < nw && rc == FLOW_OK; i++)
            rc = k[0] == 's' ? flow_scenario_add_sanctioning(s, w[i])
                             : flow_scenario_add_target(s, w[i]);
        return rc;
    } else if (strcmp(k, "direction") == 0) {
        if ((rc = parse_choice(pos, w, nw, directions, &choice)) != FLOW_OK)
            return rc;
        return flow_scenario_set_direction(s, choice);
    } else if (strcmp(k, "channels") == 0) {
        if ((rc = parse_choice(pos, w, nw, channels, &choice)) != FLOW_OK)
            return rc;
        return flow_scenario_set_channels(s, choice);
    } else if (strcmp(k, "cut") == 0 || strcmp(k, "reroute") == 0) {
        if (nw != 4)
            return wrong_count(pos, k,
                               k[0] == 'c' ? "<layer|*> <product|*> <severity>, or <sellers> "
                                             "<products> <buyers> <severity> [channels]"
                                           : "<layer|*> <product|*> <value in [0, 1]>");
        if ((rc = parse_number(pos, w[3], 0.0, 1.0, &value)) != FLOW_OK)
            return rc;
        return k[0] == 'c' ? flow_scenario_set_severity(s, w[1], w[2], value)
                           : flow_scenario_set_substitution(s, w[1], w[2], value);
    } else if (strcmp(k, "via") == 0) {
        return parse_via(s, pos, w, nw);
    } else if (strcmp(k, "capacity") == 0) {
        if (nw != 3)
            return wrong_count(pos, k, "<economy> <volume>");
        if ((rc = check_code(pos, w[1])) != FLOW_OK ||
            (rc = parse_number(pos, w[2], 0.0, INFINITY, &value)) != FLOW_OK)
            return rc;
        return flow_scenario_set_capacity(s, w[1], value);
    } else if (strcmp(k, "markup") == 0) {
        if (nw != 2)
            return wrong_count(pos, k, "one number");
        if ((rc = parse_number(pos, w[1], 0.0, HUGE_VAL, &value)) != FLOW_OK)
            return rc;
        return flow_scenario_set_markup(s, value);
    } else if (strcmp(k, "weight") == 0) {
        if (nw != 3)
            return wrong_count(pos, k, "<economy> <weight>");
        if ((rc = parse_number(pos, w[2], 0.0, HUGE_VAL, &value)) != FLOW_OK)
            return rc;
        return flow_scenario_set_weight(s, w[1], value);
    } else if (strcmp(k, "throughput") == 0) {
        if (nw != 2)
            return wrong_count(pos, k, "one number or 'none'");
        if (strcmp(w[1], "none") == 0)
            value = INFINITY;
        else if ((rc = parse_number(pos, w[1], 0.0, HUGE_VAL, &value)) != FLOW_OK)
            return rc;
        return flow_scenario_set_throughput(s, value);
    } else if (strcmp(k, "kind") == 0) {
        if (nw != 3)
            return wrong_count(pos, k, "<layer> flow|stock");
        if (strcmp(w[2], "flow") != 0 && strcmp(w[2], "stock") != 0)
            return flow_i_fail(FLOW_ERR_PARSE,
                               "%s: line %lld, column %lld: '%s' is not a layer kind (flow or "
                               "stock)",
                               pos->source, (long long)pos->line, column_of(pos, w[2]), w[2]);
        return flow_scenario_set_layer_kind(s, w[1],
                                            w[2][0] == 's' ? FLOW_LAYER_STOCK : FLOW_LAYER_FLOW);
    } else if (strcmp(k, "min_share") == 0) {
        if (nw != 2)
            return wrong_count(pos, k, "one number in [0, 1]");
        if ((rc = parse_number(pos, w[1], 0.0, 1.0, &value)) != FLOW_OK)
            return rc;
        return flow_scenario_set_min_share(s, value);
    }
    return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld, column %lld: unknown keyword '%s'",
                       pos->source, (long long)pos->line, column_of(pos, k), k);
}

/* Splits one line (modified in place) into blank-separated words, stopping at '#'. */
static int split_words(const parse_pos *pos, char *line, char **w)
{
    int nw = 0;
    char *hash = strchr(line, '#');
    if (hash != NULL)
        *hash = '\0';
    char *save = NULL;
    for (char *tok = strtok_r(line, " \t\r\v\f", &save); tok != NULL;
         tok = strtok_r(NULL, " \t\r\v\f", &save)) {
        if (nw == MAX_WORDS)
            return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: more than %d words", pos->source,
                               (long long)pos->line, MAX_WORDS);
        w[nw++] = tok;
    }
    return nw;
}

static int parse_text(flow_scenario **out, const char *text, const char *source, const char *dir)
{
    flow_scenario *s = NULL;
    char *copy = NULL;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || text == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_parse: NULL argument");
    parse_pos pos = {source ? source : "<text>", dir, 0, NULL};
    if ((rc = flow_scenario_new(&s)) != FLOW_OK)
        return rc;
    if ((copy = flow_i_strdup(text)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    char *line = copy;
    if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
        line += 3; /* a UTF-8 byte order mark, as the CSV readers skip it */
    while (line != NULL) {
        char *next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        pos.line++;
        pos.start = line;
        char *w[MAX_WORDS];
        int nw = split_words(&pos, line, w);
        if (nw < 0) {
            rc = nw;
            goto cleanup;
        }
        if (nw > 0 && (rc = parse_statement(s, &pos, w, nw)) != FLOW_OK)
            goto cleanup;
        line = next;
    }
    *out = s;
    s = NULL;
cleanup:
    free(copy);
    flow_scenario_free(s);
    return rc;
}

int flow_scenario_parse(flow_scenario **out, const char *text, const char *source)
{
    return parse_text(out, text, source, NULL);
}

/* Reads a whole (small) text file into a NUL-terminated buffer. */
static int read_text(const char *path, char **text)
{
    int rc = FLOW_OK;
    size_t len = 0, cap = 4096;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    *text = NULL;
    if (f == NULL)
        return flow_i_fail(FLOW_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    for (;;) {
        char *grown = realloc(buf, cap + 1);
        if (grown == NULL) {
            rc = flow_i_fail_status(FLOW_ERR_NOMEM);
            goto cleanup;
        }
        buf = grown;
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap)
            break;
        cap *= 2;
    }
    if (ferror(f)) {
        rc = flow_i_fail(FLOW_ERR_IO, "%s: read error", path);
        goto cleanup;
    }
    if (memchr(buf, '\0', len) != NULL) {
        rc = flow_i_fail(FLOW_ERR_PARSE, "%s: NUL byte in a scenario file", path);
        goto cleanup;
    }
    buf[len] = '\0';
    *text = buf;
    buf = NULL;
cleanup:
    free(buf);
    fclose(f);
    return rc;
}

int flow_scenario_read(flow_scenario **out, const char *path)
{
    char *text = NULL;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || path == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_read: NULL argument");
    int rc = read_text(path, &text);
    char dir[2048];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash != NULL ? (int)(slash - path) : 1,
             slash != NULL ? path : ".");
    if (rc == FLOW_OK)
        rc = parse_text(out, text, path, dir);
    free(text);
    return rc;
}
