/*
 * evasion_options.c - the options of an evasion question.
 */
#include "evasion_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int flow_evasion_options_new(flow_evasion_options **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_options_new: out is NULL");
    *out = NULL;
    flow_evasion_options *o = flow_i_calloc(1, sizeof *o);
    if (o == NULL)
        return FLOW_ERR_NOMEM;
    o->value = flow_i_strdup("trade");
    if (o->value == NULL) {
        free(o);
        return FLOW_ERR_NOMEM;
    }
    o->band_lo = 1.0;
    o->band_hi = 1.2;
    o->jump = 2.0;
    o->draws = 200;
    o->seed = 1;
    *out = o;
    return FLOW_OK;
}

void flow_evasion_options_free(flow_evasion_options *o)
{
    if (o == NULL)
        return;
    for (int r = 0; r < FLOW_EVASION_ROLE_COUNT; r++) {
        for (int64_t i = 0; i < o->roles[r].count; i++)
            free(o->roles[r].items[i]);
        free(o->roles[r].items);
    }
    free(o->value);
    free(o->mirror);
    free(o->quantity);
    free(o);
}

int flow_evasion_options_add(flow_evasion_options *o, int role, const char *code)
{
    if (o == NULL || code == NULL || code[0] == '\0' || role < 0 || role >= FLOW_EVASION_ROLE_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_evasion_options_add: needs options, a role in [0, %d) and a code",
                           FLOW_EVASION_ROLE_COUNT);
    flow_i_codes *c = &o->roles[role];
    char **grown = flow_i_malloc(c->count + 1, sizeof *grown);
    char *copy = flow_i_strdup(code);
    if (grown == NULL || copy == NULL) {
        free(grown);
        free(copy);
        return FLOW_ERR_NOMEM;
    }
    if (c->count > 0)
        memcpy(grown, c->items, (size_t)c->count * sizeof *grown);
    grown[c->count] = copy;
    free(c->items);
    c->items = grown;
    c->count++;
    return FLOW_OK;
}

int flow_evasion_options_set_years(flow_evasion_options *o, int64_t y0, int64_t y1, int64_t y2)
{
    if (o == NULL || y0 == y1)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_evasion_options_set_years: needs options and two distinct years");
    o->y0 = y0;
    o->y1 = y1;
    o->y2 = y2;
    return FLOW_OK;
}

/* A copy of name, or NULL for none (NULL or ""); *ok 0 when out of memory. */
static char *optional_copy(const char *name, int *ok)
{
    char *copy = (name && name[0]) ? flow_i_strdup(name) : NULL;
    *ok = copy != NULL || !(name && name[0]);
    return copy;
}

int flow_evasion_options_set_layers(flow_evasion_options *o, const char *value, const char *mirror,
                                    const char *quantity)
{
    if (o == NULL || value == NULL || value[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_evasion_options_set_layers: needs options and a value layer");
    int ok_v, ok_m, ok_q;
    char *v = optional_copy(value, &ok_v), *m = optional_copy(mirror, &ok_m),
         *q = optional_copy(quantity, &ok_q);
    if (!ok_v || !ok_m || !ok_q) {
        free(v);
        free(m);
        free(q);
        return FLOW_ERR_NOMEM;
    }
    free(o->value);
    free(o->mirror);
    free(o->quantity);
    o->value = v;
    o->mirror = m;
    o->quantity = q;
    return FLOW_OK;
}

int flow_evasion_options_set_thresholds(flow_evasion_options *o, double band_lo, double band_hi,
                                        double jump_factor)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_options_set_thresholds: NULL");
    if (!(band_lo > 0.0) || !(band_hi >= band_lo) || isinf(band_hi) || !(jump_factor > 1.0) ||
        isinf(jump_factor))
        return flow_i_fail(FLOW_ERR_VALUE,
                           "CIF/FOB band needs 0 < lo <= hi (got %g, %g) and the jump factor "
                           "> 1 (got %g)",
                           band_lo, band_hi, jump_factor);
    o->band_lo = band_lo;
    o->band_hi = band_hi;
    o->jump = jump_factor;
    return FLOW_OK;
}

int flow_evasion_options_set_bootstrap(flow_evasion_options *o, int64_t draws, int64_t seed)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_evasion_options_set_bootstrap: NULL");
    if (draws < 0)
        return flow_i_fail(FLOW_ERR_VALUE, "bootstrap draws must be >= 0, got %lld",
                           (long long)draws);
    o->draws = draws;
    o->seed = seed;
    return FLOW_OK;
}
