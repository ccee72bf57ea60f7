/*
 * shock_cut.c - from a cut plan (cut_plan.h) to the cut of one system: the
 * lost share phi of every region pair after rerouting, with the accounts of
 * what was cut, rerouted and lost.
 */
#include "cut_plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void flow_i_shock_sets_clear(flow_i_shock_sets *sets)
{
    free(sets->flags);
    free(sets->capacity);
    free(sets->weight);
    memset(sets, 0, sizeof *sets);
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

/*
 * Adds the legs of the rerouted volume as pairs whose flow grows (negative
 * phi): s -> h and h -> t each carry what went from s to t through h, so
 * every lens sees the intermediary's trade. The pair list stays sorted by
 * origin (a counting sort), and first_pair covers the new origins.
 */
static int add_legs(flow_i_shock_cut *cut, const double *flow, const double *legs)
{
    int64_t nr = cut->regions, np = cut->npairs, extra = 0, nn = nr * nr;
    int rc = FLOW_OK;
    double *gain = flow_i_calloc(nn, sizeof *gain);
    int64_t *origin = NULL, *destination = NULL, *count = NULL;
    double *phi = NULL;
    if (gain == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t p = 0; p < np; p++)
        for (int64_t h = 0; h < nr; h++) {
            double v = legs[p * nr + h];
            if (v > 0.0) {
                gain[cut->pair_origin[p] * nr + h] += v;
                gain[h * nr + cut->pair_destination[p]] += v;
            }
        }
    for (int64_t i = 0; i < nn; i++)
        extra += gain[i] > 0.0;
    if (extra == 0)
        goto cleanup;
    origin = flow_i_malloc(np + extra, sizeof *origin);
    destination = flow_i_malloc(np + extra, sizeof *destination);
    phi = flow_i_malloc(np + extra, sizeof *phi);
    count = flow_i_calloc(nr + 1, sizeof *count);
    if (!origin || !destination || !phi || !count) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t p = 0; p < np; p++)
        count[cut->pair_origin[p] + 1]++;
    for (int64_t i = 0; i < nn; i++)
        count[i / nr + 1] += gain[i] > 0.0;
    for (int64_t r = 0; r < nr; r++)
        count[r + 1] += count[r];
    for (int64_t r = 0; r <= nr; r++)
        cut->first_pair[r] = count[r];
    for (int64_t p = 0; p < np; p++) {
        int64_t at = count[cut->pair_origin[p]]++;
        origin[at] = cut->pair_origin[p];
        destination[at] = cut->pair_destination[p];
        phi[at] = cut->pair_phi[p];
    }
    for (int64_t i = 0; i < nn; i++)
        if (gain[i] > 0.0) {
            int64_t at = count[i / nr]++;
            origin[at] = i / nr;
            destination[at] = i % nr;
            phi[at] = -gain[i] / flow[i]; /* the leg's flow grows by gain */
        }
    free(cut->pair_origin);
    free(cut->pair_destination);
    free(cut->pair_phi);
    cut->pair_origin = origin;
    cut->pair_destination = destination;
    cut->pair_phi = phi;
    cut->npairs = np + extra;
    origin = destination = NULL;
    phi = NULL;
cleanup:
    free(gain);
    free(origin);
    free(destination);
    free(phi);
    free(count);
    return rc;
}

/* The regions x regions flows of the channels the scenario cuts. */
static double *channel_flows(const flow_i_shock_system *sys, const flow_i_shock_cut *cut)
{
    int64_t nn = sys->frame.regions * sys->frame.regions;
    double *flow = flow_i_malloc(nn, sizeof *flow);
    if (flow != NULL)
        for (int64_t i = 0; i < nn; i++)
            flow[i] = (cut->cut_a ? sys->pz[i] : 0.0) + (cut->cut_y ? sys->py[i] : 0.0);
    return flow;
}

/* Rerouting of the demand of every cut pair; legs gets the amounts per pair and intermediary. */
static int reroute_pairs(flow_i_shock_cut *cut, const flow_i_shock_sets *sets,
                         const flow_i_cut_plan *s, const double *flow, const double *demand,
                         double *rerouted, double **legs)
{
    int64_t nr = cut->regions, size = 0;
    int rc = flow_i_mul_size(cut->npairs, nr, &size);
    if (rc != FLOW_OK)
        return rc;
    if ((*legs = flow_i_calloc(size, sizeof **legs)) == NULL && size > 0)
        return FLOW_ERR_NOMEM;
    flow_i_reroute_in in = {sets,         flow,        sets->weight,     s->throughput,
                            s->min_share, cut->npairs, cut->pair_origin, cut->pair_destination,
                            demand};
    return flow_i_shock_reroute(&in, rerouted, cut->via, *legs);
}

int flow_i_shock_cut_build(flow_i_shock_cut *cut, const flow_i_shock_system *sys,
                           const flow_i_shock_sets *sets, const flow_i_cut_plan *s,
                           const flow_i_plan_block *block, const flow_shock_options *o)
{
    int64_t nr = sys->frame.regions;
    double *flow = NULL, *demand = NULL, *rerouted = NULL, *legs = NULL;
    int rc = cut_alloc(cut, nr);
    if (rc != FLOW_OK)
        return rc;
    cut->severity = block->severity;
    cut->rho = block->rho;
    cut->cut_a = (s->channels & FLOW_SHOCK_INTERMEDIATE) != 0;
    cut->cut_y = (s->channels & FLOW_SHOCK_FINAL) != 0;
    if ((rc = pairs_build(cut, sets, s->direction)) != FLOW_OK)
        goto cleanup;
    int64_t np = cut->npairs;
    flow = channel_flows(sys, cut);
    demand = flow_i_malloc(np, sizeof *demand);
    rerouted = flow_i_calloc(np, sizeof *rerouted);
    if (!flow || (np > 0 && (!demand || !rerouted))) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t p = 0; p < np; p++)
        demand[p] =
            cut->rho * cut->severity * flow[cut->pair_origin[p] * nr + cut->pair_destination[p]];
    if (cut->rho > 0.0 &&
        (rc = reroute_pairs(cut, sets, s, flow, demand, rerouted, &legs)) != FLOW_OK)
        goto cleanup;
    /* A mark-up is a price: it exists only where the system counts money. */
    double markup = o->value_units || s->markup == 0.0 ? s->markup : NAN;
    for (int64_t p = 0; p < np; p++) {
        int64_t o_r = cut->pair_origin[p], d_r = cut->pair_destination[p];
        double volume = cut->severity * flow[o_r * nr + d_r];
        /*
         * phi is the cut share of the pair's direct flow: rerouted goods no
         * longer travel s -> t but s -> h -> t, on the legs added below.
         */
        cut->pair_phi[p] = cut->severity;
        cut->cut_by_origin[o_r] += volume;
        cut->lost_by_origin[o_r] += volume - rerouted[p];
        cut->markup_cost[d_r] += markup * rerouted[p];
        cut->total_cut += volume;
        cut->total_lost += volume - rerouted[p];
    }
    for (int64_t h = 0; h < nr; h++) {
        cut->rent[h] = markup * cut->via[h];
        cut->total_rerouted += cut->via[h];
        if (isnan(markup))
            cut->markup_cost[h] = NAN;
    }
    if (legs != NULL && (rc = add_legs(cut, flow, legs)) != FLOW_OK)
        goto cleanup;
    /* The dense form serves the O(n^2) work on A, which only a cut of A needs. */
    if (cut->cut_a) {
        if ((cut->phi = flow_i_calloc(nr * nr, sizeof *cut->phi)) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto cleanup;
        }
        for (int64_t p = 0; p < cut->npairs; p++)
            cut->phi[cut->pair_origin[p] * nr + cut->pair_destination[p]] = cut->pair_phi[p];
    }
cleanup:
    free(flow);
    free(demand);
    free(rerouted);
    free(legs);
    if (rc != FLOW_OK)
        flow_i_shock_cut_clear(cut);
    return rc;
}
