/*
 * shock_reroute.c - evasion: cut flows seek routes through intermediaries.
 *
 * A pair s -> t spreads the volume that seeks a route over its open paths
 * s -> h -> t in proportion to the path weight: the calibrated weight of h
 * when the scenario gives one (and both legs exist), else the path
 * intensity F_sh * F_ht. Paths whose weight is below the minimum share of
 * the pair's total carry nothing. Three kinds of resource bound what a path
 * carries: the intermediary's capacity (over all pairs), and the observed
 * throughput of each leg, throughput factor x F_sh for s -> h and factor x
 * F_ht for h -> t (over all pairs using the leg). Each round offers every
 * pair's remaining volume to its open paths; a resource offered more than it
 * has left accepts the same fraction of every offer, and a path takes the
 * smallest fraction of its three resources. The resource with the smallest
 * fraction of all fills exactly and closes, so every round with an overflow
 * closes at least one resource and the process ends; what remains is lost.
 */
#include "shock_internal.h"

#include <math.h>
#include <stdlib.h>

/* Working state of one rerouting. */
typedef struct reroute {
    const flow_i_reroute_in *in;
    int64_t nr;
    double *w;         /* npairs x nr: path weights, 0 for closed or excluded paths */
    double *hub_left;  /* nr: what each intermediary may still carry */
    double *leg_left;  /* nr x nr: what each leg may still carry */
    double *hub_offer; /* nr, then the fraction each intermediary accepts */
    double *leg_offer; /* nr x nr, likewise */
    double *remaining; /* npairs */
} reroute;

static int allowed(const flow_i_shock_sets *sets, int64_t s, int64_t t, int64_t h)
{
    unsigned char f = sets->flags[h];
    return h != s && h != t && (f & FLOW_I_VIA) && !(f & (FLOW_I_IN_S | FLOW_I_IN_T)) &&
           sets->capacity[h] > 0.0;
}

/*
 * Initial weights with the minimum-share rule applied. Calibrated weights and
 * path intensities are on different scales: once any intermediary has a
 * calibrated weight, those without one carry nothing.
 */
static void initial_weights(reroute *r)
{
    const flow_i_reroute_in *in = r->in;
    int64_t nr = r->nr;
    int calibrated = 0;
    for (int64_t h = 0; h < nr; h++)
        calibrated |= (in->sets->flags[h] & FLOW_I_VIA) && !isnan(in->weight[h]);
    for (int64_t p = 0; p < in->npairs; p++) {
        int64_t s = in->origin[p], t = in->destination[p];
        double *w = r->w + p * nr, sum = 0.0;
        for (int64_t h = 0; h < nr; h++) {
            double in_leg = in->flow[s * nr + h], out_leg = in->flow[h * nr + t];
            w[h] = 0.0;
            if (!allowed(in->sets, s, t, h) || !(in_leg > 0.0) || !(out_leg > 0.0))
                continue;
            w[h] = !calibrated ? in_leg * out_leg : isnan(in->weight[h]) ? 0.0 : in->weight[h];
            sum += w[h];
        }
        for (int64_t h = 0; h < nr; h++)
            if (w[h] > 0.0 && w[h] < in->min_share * sum)
                w[h] = 0.0;
    }
}

static double path_open(const reroute *r, int64_t p, int64_t h)
{
    const flow_i_reroute_in *in = r->in;
    int64_t s = in->origin[p], t = in->destination[p], nr = r->nr;
    double w = r->w[p * nr + h];
    if (!(w > 0.0) || !(r->hub_left[h] > 0.0) || !(r->leg_left[s * nr + h] > 0.0) ||
        !(r->leg_left[h * nr + t] > 0.0))
        return 0.0;
    return w;
}

static double open_sum(const reroute *r, int64_t p)
{
    double sum = 0.0;
    for (int64_t h = 0; h < r->nr; h++)
        sum += path_open(r, p, h);
    return sum;
}

/* Offers of one round to every resource. */
static void offer(reroute *r)
{
    const flow_i_reroute_in *in = r->in;
    int64_t nr = r->nr;
    for (int64_t h = 0; h < nr; h++)
        r->hub_offer[h] = 0.0;
    for (int64_t i = 0; i < nr * nr; i++)
        r->leg_offer[i] = 0.0;
    for (int64_t p = 0; p < in->npairs; p++) {
        double sum = r->remaining[p] > 0.0 ? open_sum(r, p) : 0.0;
        int64_t s = in->origin[p], t = in->destination[p];
        for (int64_t h = 0; sum > 0.0 && h < nr; h++) {
            double amount = r->remaining[p] * path_open(r, p, h) / sum;
            r->hub_offer[h] += amount;
            r->leg_offer[s * nr + h] += amount;
            r->leg_offer[h * nr + t] += amount;
        }
    }
}

/* Turns offers into accepted fractions; 1 when some resource overflows. */
static int accept(double *offer_then_fraction, const double *left, int64_t count)
{
    int overflow = 0;
    for (int64_t i = 0; i < count; i++) {
        double o = offer_then_fraction[i];
        if (o > left[i]) {
            overflow = 1;
            offer_then_fraction[i] = left[i] / o;
        } else {
            offer_then_fraction[i] = 1.0;
        }
    }
    return overflow;
}

/* Carries this round's accepted volumes: per pair, intermediary and leg. */
static double carry(reroute *r, double *rerouted, double *via, double *legs)
{
    const flow_i_reroute_in *in = r->in;
    int64_t nr = r->nr;
    double moved = 0.0;
    for (int64_t p = 0; p < in->npairs; p++) {
        double sum = r->remaining[p] > 0.0 ? open_sum(r, p) : 0.0;
        int64_t s = in->origin[p], t = in->destination[p];
        if (!(sum > 0.0))
            continue;
        double given = 0.0, base = r->remaining[p];
        for (int64_t h = 0; h < nr; h++) {
            double w = path_open(r, p, h);
            if (w <= 0.0)
                continue;
            double take =
                fmin(r->hub_offer[h], fmin(r->leg_offer[s * nr + h], r->leg_offer[h * nr + t]));
            double amount = base * w / sum * take;
            via[h] += amount;
            legs[p * nr + h] += amount;
            r->hub_left[h] -= amount;
            r->leg_left[s * nr + h] -= amount;
            r->leg_left[h * nr + t] -= amount;
            given += amount;
        }
        rerouted[p] += given;
        r->remaining[p] -= given;
        moved += given;
    }
    return moved;
}

/*
 * Closes the resources that filled: those at their accepted fraction whose
 * volume left is within rounding of zero, or exactly zero (a resource that
 * filled exactly is closed too, and must count, or close_tightest would shut
 * a resource that still has room). The fullest resource of the round always
 * qualifies, so at least one closes per round with an overflow.
 */
static int close_full(reroute *r, const double *hub_cap, const double *leg_cap)
{
    int64_t nr = r->nr;
    int closed = 0;
    for (int64_t h = 0; h < nr; h++)
        if (r->hub_offer[h] < 1.0 && r->hub_left[h] <= 1e-9 * hub_cap[h]) {
            r->hub_left[h] = 0.0;
            closed = 1;
        }
    for (int64_t i = 0; i < nr * nr; i++)
        if (r->leg_offer[i] < 1.0 && r->leg_left[i] <= 1e-9 * leg_cap[i]) {
            r->leg_left[i] = 0.0;
            closed = 1;
        }
    return closed;
}

/* Closes the resource with the smallest accepted fraction (rounding left it open). */
static void close_tightest(reroute *r)
{
    int64_t nr = r->nr, hub = -1, leg = -1;
    double least = 1.0;
    for (int64_t h = 0; h < nr; h++)
        if (r->hub_offer[h] < least && r->hub_left[h] > 0.0) {
            least = r->hub_offer[h];
            hub = h;
        }
    for (int64_t i = 0; i < nr * nr; i++)
        if (r->leg_offer[i] < least && r->leg_left[i] > 0.0) {
            least = r->leg_offer[i];
            leg = i;
            hub = -1;
        }
    if (leg >= 0)
        r->leg_left[leg] = 0.0;
    else if (hub >= 0)
        r->hub_left[hub] = 0.0;
}

int flow_i_shock_reroute(const flow_i_reroute_in *in, double *rerouted, double *via, double *legs)
{
    int64_t nr = in->sets->regions, np = in->npairs, nn = nr * nr;
    int64_t npnr = 0;
    reroute r = {in, nr, NULL, NULL, NULL, NULL, NULL, NULL};
    int rc = flow_i_mul_size(np, nr, &npnr);
    if (rc != FLOW_OK)
        return rc;
    double *hub_cap = flow_i_malloc(nr, sizeof *hub_cap);
    double *leg_cap = flow_i_malloc(nn, sizeof *leg_cap);
    r.w = flow_i_malloc(npnr, sizeof *r.w);
    r.hub_left = flow_i_malloc(nr, sizeof *r.hub_left);
    r.leg_left = flow_i_malloc(nn, sizeof *r.leg_left);
    r.hub_offer = flow_i_malloc(nr, sizeof *r.hub_offer);
    r.leg_offer = flow_i_malloc(nn, sizeof *r.leg_offer);
    r.remaining = flow_i_malloc(np, sizeof *r.remaining);
    if (!hub_cap || !leg_cap || (np > 0 && (!r.w || !r.remaining)) || !r.hub_left || !r.leg_left ||
        !r.hub_offer || !r.leg_offer) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t h = 0; h < nr; h++)
        hub_cap[h] = r.hub_left[h] = in->sets->capacity[h];
    for (int64_t i = 0; i < nn; i++)
        leg_cap[i] = r.leg_left[i] =
            isinf(in->throughput) ? INFINITY : in->throughput * in->flow[i];
    for (int64_t p = 0; p < np; p++)
        r.remaining[p] = in->demand[p];
    initial_weights(&r);
    /* Each round closes a resource: at most one per intermediary and per leg, plus one. */
    for (int64_t round = 0; round <= nr + nn; round++) {
        offer(&r);
        int overflow = accept(r.hub_offer, r.hub_left, nr);
        overflow |= accept(r.leg_offer, r.leg_left, nn);
        double moved = carry(&r, rerouted, via, legs);
        if (!overflow || !(moved > 0.0))
            break;
        if (!close_full(&r, hub_cap, leg_cap))
            close_tightest(&r);
    }
cleanup:
    free(hub_cap);
    free(leg_cap);
    free(r.w);
    free(r.hub_left);
    free(r.leg_left);
    free(r.hub_offer);
    free(r.leg_offer);
    free(r.remaining);
    return rc;
}
