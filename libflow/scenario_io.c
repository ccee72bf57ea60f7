/*
 * scenario_io.c - a sanctions scenario on a multi-regional IO model, block by
 * block: the scenario's sector-specific cuts ("cut RUS energy EU,G7 1") and
 * its region-pair cuts ("sanctioning/target/direction" with "cut * <product>
 * <severity>") become the blocks of one sector cut (sector_cut_run.c), so
 * that an embargo on some products leaves every other product untouched.
 */
#include "cut_plan.h"
#include "io_internal.h"
#include "sector_cut_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int flow_scenario_add_sector_group_member(flow_scenario *scenario, const char *group,
                                          const char *member)
{
    if (scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_add_sector_group_member: "
                                                 "scenario is NULL");
    return flow_i_sector_cut_add_group_member(scenario->sector_cut, 1, group, member);
}

int flow_scenario_add_sector_cut(flow_scenario *scenario, const char *sellers, const char *products,
                                 const char *buyers, double severity, int channels)
{
    if (scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_add_sector_cut: scenario is NULL");
    return flow_i_sector_cut_add_block(scenario->sector_cut, sellers, products, buyers, severity,
                                       channels);
}

/* "A,B,C" of a list of names (caller frees); "" for an empty list. */
static char *join(const flow_i_names *names)
{
    size_t len = 1;
    for (int64_t i = 0; i < names->count; i++)
        len += strlen(names->items[i]) + 1;
    char *out = malloc(len);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (int64_t i = 0; i < names->count; i++) {
        if (i > 0)
            strcat(out, ",");
        strcat(out, names->items[i]);
    }
    return out;
}

/* The sector-cut channel of the scenario's channels (FLOW_SHOCK_*). */
static int sector_channel(int channels)
{
    if (channels == FLOW_SHOCK_INTERMEDIATE)
        return FLOW_SECTOR_CUT_INTERMEDIATE;
    return channels == FLOW_SHOCK_FINAL ? FLOW_SECTOR_CUT_FINAL : FLOW_SECTOR_CUT_ALL;
}

/*
 * The region-pair cuts as blocks: every severity rate of layer "*" (an IO
 * model has no layers) cuts the product it names ("*": every sector) in the
 * directions of the scenario. A rate on a named layer, or any rerouting, has
 * no meaning on an IO model and is refused rather than ignored.
 */
static int add_pair_blocks(flow_i_sector_cut *cut, const flow_scenario *s)
{
    char *sanctioning = NULL, *target = NULL;
    int rc = FLOW_OK;
    for (int64_t i = 0; i < s->substitution_count; i++)
        if (s->substitution[i].value > 0.0)
            return flow_i_fail(FLOW_ERR_VALUE,
                               "scenario '%s': rerouting is not modelled on an IO model; "
                               "remove the 'reroute' statements",
                               s->name);
    if (s->severity_count == 0)
        return FLOW_OK;
    if (s->sanctioning.count == 0 || s->target.count == 0)
        return flow_i_fail(FLOW_ERR_VALUE,
                           "scenario '%s': a 'cut <layer> <product> <severity>' needs "
                           "'sanctioning' and 'target'",
                           s->name);
    if ((sanctioning = join(&s->sanctioning)) == NULL || (target = join(&s->target)) == NULL)
        rc = flow_i_fail_status(FLOW_ERR_NOMEM);
    for (int64_t i = 0; rc == FLOW_OK && i < s->severity_count; i++) {
        const flow_i_rate *r = &s->severity[i];
        if (strcmp(r->layer, "*") != 0) {
            rc = flow_i_fail(FLOW_ERR_VALUE,
                             "scenario '%s': 'cut %s %s' names a layer; on an IO model write "
                             "'cut * %s %g' or the sector form 'cut SELLERS PRODUCTS BUYERS "
                             "SEVERITY'",
                             s->name, r->layer, r->product, r->product, r->value);
            break;
        }
        int channels = sector_channel(s->channels);
        if (s->direction & FLOW_EXPORTS)
            rc = flow_i_sector_cut_add_block(cut, sanctioning, r->product, target, r->value,
                                             channels);
        if (rc == FLOW_OK && (s->direction & FLOW_IMPORTS))
            rc = flow_i_sector_cut_add_block(cut, target, r->product, sanctioning, r->value,
                                             channels);
    }
    free(sanctioning);
    free(target);
    return rc;
}

/* The scenario as one sector cut: its region groups, sector groups and every block. */
static int scenario_blocks(flow_i_sector_cut **out, const flow_scenario *s)
{
    int rc = flow_i_sector_cut_new(out);
    for (int64_t g = 0; rc == FLOW_OK && g < s->group_count; g++)
        for (int64_t m = 0; rc == FLOW_OK && m < s->groups[g].members.count; m++)
            rc = flow_i_sector_cut_add_group_member(*out, 0, s->groups[g].name,
                                                    s->groups[g].members.items[m]);
    if (rc == FLOW_OK)
        rc = flow_i_sector_cut_append(*out, s->sector_cut);
    if (rc == FLOW_OK)
        rc = add_pair_blocks(*out, s);
    if (rc == FLOW_OK && (*out)->nblocks == 0)
        rc = flow_i_fail(FLOW_ERR_VALUE, "scenario '%s' cuts nothing", s->name);
    if (rc != FLOW_OK) {
        flow_i_sector_cut_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_i_cut_plan_for_io(flow_i_cut_plan *plan, const flow_scenario *s,
                           const flow_io_model *model)
{
    flow_i_sector_cut *cut = NULL;
    const char **codes = NULL;
    int64_t regions = 0;
    memset(plan, 0, sizeof *plan);
    int rc = flow_i_io_codes(model, 1, &codes, &regions);
    if (rc == FLOW_OK)
        rc = scenario_blocks(&cut, s);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_resolve(plan, s, codes, regions);
    if (rc == FLOW_OK)
        rc = flow_i_sector_cut_resolve(plan, cut, model);
    if (rc != FLOW_OK)
        flow_i_cut_plan_clear(plan);
    flow_i_sector_cut_free(cut);
    free(codes);
    return rc;
}

int flow_scenario_run_io(flow_table **out, const flow_scenario *scenario,
                         const flow_io_model *model, int64_t *skipped)
{
    flow_i_cut_plan plan = {0};
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_run_io: out is NULL");
    *out = NULL;
    if (scenario == NULL || model == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_run_io: NULL argument");
    int rc = flow_i_cut_plan_for_io(&plan, scenario, model);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_run_io(out, &plan, model);
    if (rc == FLOW_OK)
        rc = flow_table_set_scalar(*out, "blocks", (double)plan.nio);
    if (rc == FLOW_OK && skipped != NULL)
        *skipped = plan.io_skipped;
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    flow_i_cut_plan_clear(&plan);
    return rc;
}

int flow_i_scenario_refuse_sector_cuts(const flow_scenario *scenario)
{
    if (scenario->sector_cut->nblocks == 0)
        return FLOW_OK;
    return flow_i_fail(FLOW_ERR_VALUE,
                       "scenario '%s' has sector-specific cuts (%s): they run on a "
                       "multi-regional IO model (flow_scenario_run_io, flowtool shock --mrio), "
                       "not on region-pair systems",
                       scenario->name, scenario->sector_cut->source);
}
