/*
 * shock_cut.c - from a scenario to the cut of one system: the sets S, T and
 * the intermediaries resolved to regions, and the lost share phi of every
 * region pair after rerouting, with the accounts of what was cut, rerouted
 * and lost.
 */
#include "shock_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void flow_i_shock_sets_clear(flow_i_shock_sets *sets)
{
    free(sets->flags);
    free(sets->capacity);
    memset(sets, 0, sizeof *sets);
}

static int64_t find_code(const char *const *codes, int64_t regions, const char *code)
{
    for (int64_t r = 0; r < regions; r++)
        if (strcmp(codes[r], code) == 0)
            return r;
    return -1;
}

static const flow_i_group *find_group(const flow_scenario *s, const char *name)
{
    for (int64_t g = 0; g < s->group_count; g++)
        if (strcmp(s->groups[g].name, name) == 0)
            return &s->groups[g];
    return NULL;
}

/*
 * Flags the regions a name stands for: the members of a group of the
 * scenario (members the system lacks are counted in skipped), or one region
 * (an intermediary the system lacks is skipped likewise; a member of S or T
 * named directly must exist).
 * Intermediaries also take the capacity given for the name.
 */
static int mark_name(flow_i_shock_sets *sets, const flow_scenario *s, const char *const *codes,
                     const char *name, unsigned char flag, double capacity)
{
    const flow_i_group *g = find_group(s, name);
    if (g == NULL) {
        int64_t r = find_code(codes, sets->regions, name);
        if (r < 0 && flag == FLOW_I_VIA) {
            sets->skipped++; /* a candidate route the system does not have */
            return FLOW_OK;
        }
        if (r < 0)
            return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL,
                               "scenario '%s': '%s' is neither a group of the scenario nor a "
                               "region of the model",
                               s->name, name);
        sets->flags[r] |= flag;
        if (flag == FLOW_I_VIA)
            sets->capacity[r] = capacity;
        return FLOW_OK;
    }
    for (int64_t m = 0; m < g->members.count; m++) {
        int64_t r = find_code(codes, sets->regions, g->members.items[m]);
        if (r < 0) {
            sets->skipped++;
            continue;
        }
        sets->flags[r] |= flag;
        if (flag == FLOW_I_VIA)
            sets->capacity[r] = capacity;
    }
    return FLOW_OK;
}

int flow_i_shock_sets_resolve(flow_i_shock_sets *sets, const flow_scenario *s,
                              const char *const *codes, int64_t regions)
{
    int rc = FLOW_OK;
    memset(sets, 0, sizeof *sets);
    sets->regions = regions;
    sets->flags = flow_i_calloc(regions, sizeof *sets->flags);
    sets->capacity = flow_i_malloc(regions, sizeof *sets->capacity);
    if (sets->flags == NULL || sets->capacity == NULL) {
        flow_i_shock_sets_clear(sets);
        return FLOW_ERR_NOMEM;
    }
    for (int64_t r = 0; r < regions; r++)
        sets->capacity[r] = INFINITY;
    for (int64_t i = 0; rc == FLOW_OK && i < s->sanctioning.count; i++)
        rc = mark_name(sets, s, codes, s->sanctioning.items[i], FLOW_I_IN_S, 0.0);
    for (int64_t i = 0; rc == FLOW_OK && i < s->target.count; i++)
        rc = mark_name(sets, s, codes, s->target.items[i], FLOW_I_IN_T, 0.0);
    for (int64_t i = 0; rc == FLOW_OK && i < s->via.count; i++)
        rc = mark_name(sets, s, codes, s->via.items[i], FLOW_I_VIA, s->capacity[i]);
    if (rc != FLOW_OK) {
        flow_i_shock_sets_clear(sets);
        return rc;
    }
    for (int64_t r = 0; r < regions; r++) {
        sets->n_sanctioning += (sets->flags[r] & FLOW_I_IN_S) != 0;
        sets->n_target += (sets->flags[r] & FLOW_I_IN_T) != 0;
    }
    return FLOW_OK;
}

int flow_i_shock_pair_cut(const flow_i_shock_sets *sets, int direction, int64_t s, int64_t t)
{
    if (s == t)
        return 0; /* a region's flows with itself are never cut */
    unsigned char fs = sets->flags[s], ft = sets->flags[t];
    int exports = (fs & FLOW_I_IN_S) && (ft & FLOW_I_IN_T);
    int imports = (fs & FLOW_I_IN_T) && (ft & FLOW_I_IN_S);
    return ((direction & FLOW_EXPORTS) && exports) || ((direction & FLOW_IMPORTS) && imports);
}

void flow_i_shock_cut_clear(flow_i_shock_cut *cut)
{
    free(cut->pair_origin);
    free(cut->pair_destination);
    free(cut->first_pair);
    free(cut->pair_phi);
    free(cut->phi);
    free(cut->cut_by_origin);
    free(cut->lost_by_origin);
    free(cut->via);
    free(cut->rent);
    free(cut->markup_cost);
    memset(cut, 0, sizeof *cut);
}

static int cut_alloc(flow_i_shock_cut *cut, int64_t regions)
{
    memset(cut, 0, sizeof *cut);
    cut->regions = regions;
    cut->first_pair = flow_i_calloc(regions + 1, sizeof *cut->first_pair);
    cut->cut_by_origin = flow_i_calloc(regions, sizeof *cut->cut_by_origin);
    cut->lost_by_origin = flow_i_calloc(regions, sizeof *cut->lost_by_origin);
    cut->via = flow_i_calloc(regions, sizeof *cut->via);
    cut->rent = flow_i_calloc(regions, sizeof *cut->rent);
    cut->markup_cost = flow_i_calloc(regions, sizeof *cut->markup_cost);
    if (!cut->first_pair || !cut->cut_by_origin || !cut->lost_by_origin || !cut->via ||
        !cut->rent || !cut->markup_cost) {
        flow_i_shock_cut_clear(cut);
        return FLOW_ERR_NOMEM;
    }
    return FLOW_OK;
}

/*
 * Lists the cut region pairs, sorted by origin, without scanning all
 * regions x regions: only S x T and T x S can be cut, so each origin in S or
 * T is paired with the regions of the union of S and T.
 */
static int pairs_build(flow_i_shock_cut *cut, const flow_i_shock_sets *sets, int direction)
{
    int64_t nr = sets->regions, members = 0, count = 0;
    int64_t *both = flow_i_malloc(nr, sizeof *both);
    if (both == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t r = 0; r < nr; r++)
        if (sets->flags[r] & (FLOW_I_IN_S | FLOW_I_IN_T))
            both[members++] = r;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            cut->pair_origin = flow_i_malloc(count, sizeof *cut->pair_origin);
            cut->pair_destination = flow_i_malloc(count, sizeof *cut->pair_destination);
            cut->pair_phi = flow_i_calloc(count, sizeof *cut->pair_phi);
            if (!cut->pair_origin || !cut->pair_destination || !cut->pair_phi) {
                free(both);
                return FLOW_ERR_NOMEM;
            }
        }
        count = 0;
        for (int64_t a = 0; a < members; a++) {
            cut->first_pair[both[a]] = count;
            for (int64_t b = 0; b < members; b++)
                if (flow_i_shock_pair_cut(sets, direction, both[a], both[b])) {
                    if (pass == 1) {
                        cut->pair_origin[count] = both[a];
                        cut->pair_destination[count] = both[b];
                    }
                    count++;
                }
        }
    }
    /* Regions outside S and T own an empty range. */
    int64_t next = count;
    cut->first_pair[nr] = count;
    for (int64_t r = nr - 1; r >= 0; r--) {
        if (!(sets->flags[r] & (FLOW_I_IN_S | FLOW_I_IN_T)))
            cut->first_pair[r] = next;
        next = cut->first_pair[r];
    }
    cut->npairs = count;
    free(both);
    return FLOW_OK;
}

int flow_i_shock_cut_build(flow_i_shock_cut *cut, const flow_i_shock_system *sys,
                           const flow_i_shock_sets *sets, const flow_scenario *s,
                           const flow_shock_options *o)
{
    int64_t nr = sys->frame.regions;
    double *flow = NULL, *demand = NULL, *rerouted = NULL;
    int rc = cut_alloc(cut, nr);
    if (rc != FLOW_OK)
        return rc;
    cut->severity = flow_i_rate_lookup(s->severity, s->severity_count, o->layer, o->product);
    cut->rho = flow_i_rate_lookup(s->substitution, s->substitution_count, o->layer, o->product);
    cut->cut_a = (s->channels & FLOW_SHOCK_INTERMEDIATE) != 0;
    cut->cut_y = (s->channels & FLOW_SHOCK_FINAL) != 0;
    if ((rc = pairs_build(cut, sets, s->direction)) != FLOW_OK)
        goto cleanup;
    int64_t np = cut->npairs;
    flow = flow_i_malloc(np, sizeof *flow);
    demand = flow_i_malloc(np, sizeof *demand);
    rerouted = flow_i_calloc(np, sizeof *rerouted);
    if (!flow || !demand || !rerouted) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t p = 0; p < np; p++) {
        int64_t at = cut->pair_origin[p] * nr + cut->pair_destination[p];
        flow[p] = (cut->cut_a ? sys->pz[at] : 0.0) + (cut->cut_y ? sys->py[at] : 0.0);
        demand[p] = cut->rho * cut->severity * flow[p];
    }
    if (cut->rho > 0.0 &&
        (rc = flow_i_shock_reroute(sets, sys->path, np, cut->pair_origin, cut->pair_destination,
                                   demand, rerouted, cut->via)) != FLOW_OK)
        goto cleanup;
    for (int64_t p = 0; p < np; p++) {
        int64_t o_r = cut->pair_origin[p], d_r = cut->pair_destination[p];
        double volume = cut->severity * flow[p];
        /* phi is the share of the pair's flow that is finally lost. */
        cut->pair_phi[p] = flow[p] > 0.0 ? (volume - rerouted[p]) / flow[p] : cut->severity;
        cut->cut_by_origin[o_r] += volume;
        cut->lost_by_origin[o_r] += volume - rerouted[p];
        cut->markup_cost[d_r] += s->markup * rerouted[p];
        cut->total_cut += volume;
        cut->total_lost += volume - rerouted[p];
    }
    for (int64_t h = 0; h < nr; h++) {
        cut->rent[h] = s->markup * cut->via[h];
        cut->total_rerouted += cut->via[h];
    }
    /* The dense form serves the O(n^2) work on A, which only a cut of A needs. */
    if (cut->cut_a) {
        if ((cut->phi = flow_i_calloc(nr * nr, sizeof *cut->phi)) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto cleanup;
        }
        for (int64_t p = 0; p < np; p++)
            cut->phi[cut->pair_origin[p] * nr + cut->pair_destination[p]] = cut->pair_phi[p];
    }
cleanup:
    free(flow);
    free(demand);
    free(rerouted);
    if (rc != FLOW_OK)
        flow_i_shock_cut_clear(cut);
    return rc;
}
