/*
 * evasion_options.c - the options of an evasion question.
 */
#include "evasion_internal.h"
#include "options_table.h"

#include <math.h>
#include <stddef.h>
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
    for (int r = 0; r < FLOW_EVASION_ROLE_COUNT; r++)
        flow_i_textlist_clear(&o->roles[r]);
    free(o->value);
    free(o->mirror);
    free(o->quantity);
    free(o);
}

/* A comma list of economy codes (or aliases), none of them empty. */
static int apply_codes(void *opts, const struct flow_i_option *k, const char *v)
{
    flow_i_codes fresh;
    int rc = flow_i_option_split(v, &fresh);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < fresh.count; i++)
        if (fresh.items[i][0] == '\0') {
            flow_i_textlist_clear(&fresh);
            return flow_i_option_reject(k, v, "has an empty code");
        }
    flow_i_codes *slot = (flow_i_codes *)(void *)((char *)opts + k->offset);
    flow_i_textlist_clear(slot);
    *slot = fresh;
    return FLOW_OK;
}

/* "Y0,Y1" or "Y0,Y1,Y2". */
static int apply_years(void *opts, const struct flow_i_option *k, const char *v)
{
    flow_evasion_options *o = opts;
    int64_t *years = NULL, count = 0;
    int rc = flow_i_option_int_list(k, v, &years, &count);
    if (rc != FLOW_OK)
        return rc;
    int ok = (count == 2 || count == 3) && years[0] != years[1];
    if (ok) {
        o->y0 = years[0];
        o->y1 = years[1];
        o->y2 = count == 3 ? years[2] : 0;
    }
    free(years);
    return ok ? FLOW_OK : flow_i_option_reject(k, v, "is not Y0,Y1 or Y0,Y1,Y2 with Y0 != Y1");
}

/* "LO,HI" with 0 < LO <= HI, both finite. */
static int apply_band(void *opts, const struct flow_i_option *k, const char *v)
{
    flow_evasion_options *o = opts;
    const char *comma = strchr(v, ',');
    char lo_text[64];
    double lo, hi;
    size_t len = comma != NULL ? (size_t)(comma - v) : 0;
    int ok = comma != NULL && len < sizeof lo_text;
    if (ok) {
        memcpy(lo_text, v, len);
        lo_text[len] = '\0';
        ok = flow_i_option_double(lo_text, &lo) && flow_i_option_double(comma + 1, &hi) &&
             lo > 0.0 && hi >= lo;
    }
    if (!ok)
        return flow_i_option_reject(k, v, "is not LO,HI with 0 < LO <= HI");
    o->band_lo = lo;
    o->band_hi = hi;
    return FLOW_OK;
}

#define AT(field) offsetof(flow_evasion_options, field)

static const struct flow_i_option evasion_keys[] = {
    {"sources", apply_codes, AT(roles[FLOW_EVASION_SOURCE]), 0, 0, NULL},
    {"targets", apply_codes, AT(roles[FLOW_EVASION_TARGET]), 0, 0, NULL},
    {"intermediaries", apply_codes, AT(roles[FLOW_EVASION_INTERMEDIARY]), 0, 0, NULL},
    {"years", apply_years, AT(y0), 0, 0, NULL},
    {"layer", flow_i_apply_name, AT(value), 0, 0, NULL},
    {"mirror", flow_i_apply_text, AT(mirror), 0, 0, NULL},
    {"quantity", flow_i_apply_text, AT(quantity), 0, 0, NULL},
    {"band", apply_band, AT(band_lo), 0, 0, NULL},
    {"jump", flow_i_apply_double_above, AT(jump), 1, HUGE_VAL, NULL},
    {"bootstrap", flow_i_apply_int, AT(draws), 0, FLOW_I_OPTION_UNBOUNDED, NULL},
    {"seed", flow_i_apply_int, AT(seed), 0, FLOW_I_OPTION_UNBOUNDED, NULL},
};

int flow_evasion_options_set(flow_evasion_options *options, const char *name, const char *value)
{
    return flow_i_options_set(options, "evasion", evasion_keys,
                              sizeof evasion_keys / sizeof evasion_keys[0], name, value);
}
