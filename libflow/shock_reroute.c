/*
 * shock_reroute.c - evasion: cut flows seek routes through intermediaries.
 *
 * A pair s -> t spreads the volume that seeks a route over the open
 * intermediaries h in proportion to the path intensity P_sh * P_ht. An
 * intermediary's capacity bounds the total it carries over all pairs. Each
 * round offers every pair's remaining volume to the open intermediaries; an
 * intermediary offered more than it has left takes the same fraction of
 * every offer (filling up exactly) and closes; the rest stays with the pairs
 * for the next round, spread over the intermediaries still open. A round
 * with no overflow ends the process, as does every intermediary of a pair
 * being closed; each round closes at least one intermediary, so there are at
 * most (number of intermediaries + 1) rounds. What remains is lost.
 */
#include "shock_internal.h"

#include <math.h>
#include <stdlib.h>

/* Weight of intermediary h for pair s -> t, 0 when h may not carry it. */
static double weight(const flow_i_shock_sets *sets, const double *path, const unsigned char *open,
                     int64_t s, int64_t t, int64_t h)
{
    int64_t nr = sets->regions;
    if (!open[h] || h == s || h == t)
        return 0.0;
    return path[s * nr + h] * path[h * nr + t];
}

static double weight_sum(const flow_i_shock_sets *sets, const double *path,
                         const unsigned char *open, int64_t s, int64_t t)
{
    double sum = 0.0;
    for (int64_t h = 0; h < sets->regions; h++)
        sum += weight(sets, path, open, s, t, h);
    return sum;
}

int flow_i_shock_reroute(const flow_i_shock_sets *sets, const double *path, int64_t npairs,
                         const int64_t *origin, const int64_t *destination, const double *demand,
                         double *rerouted, double *via)
{
    int64_t nr = sets->regions;
    int rc = FLOW_OK;
    unsigned char *open = flow_i_calloc(nr, sizeof *open);
    double *left = flow_i_malloc(nr, sizeof *left), *offered = flow_i_malloc(nr, sizeof *offered);
    double *remaining = flow_i_malloc(npairs, sizeof *remaining);
    if (open == NULL || left == NULL || offered == NULL || remaining == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    /* Members of S or T do not serve as intermediaries of the cut. */
    for (int64_t h = 0; h < nr; h++) {
        unsigned char f = sets->flags[h];
        open[h] = (f & FLOW_I_VIA) && !(f & (FLOW_I_IN_S | FLOW_I_IN_T)) && sets->capacity[h] > 0;
        left[h] = sets->capacity[h];
    }
    for (int64_t p = 0; p < npairs; p++)
        remaining[p] = demand[p];
    for (int64_t round = 0; round <= nr; round++) {
        for (int64_t h = 0; h < nr; h++)
            offered[h] = 0.0;
        for (int64_t p = 0; p < npairs; p++) {
            double w =
                remaining[p] > 0.0 ? weight_sum(sets, path, open, origin[p], destination[p]) : 0.0;
            for (int64_t h = 0; w > 0.0 && h < nr; h++)
                offered[h] +=
                    remaining[p] * weight(sets, path, open, origin[p], destination[p], h) / w;
        }
        int overflow = 0;
        double *take = offered; /* reused: the fraction of its offers h accepts */
        for (int64_t h = 0; h < nr; h++) {
            if (offered[h] > left[h]) {
                overflow = 1;
                take[h] = left[h] / offered[h];
            } else {
                take[h] = 1.0;
            }
        }
        for (int64_t p = 0; p < npairs; p++) {
            double w =
                remaining[p] > 0.0 ? weight_sum(sets, path, open, origin[p], destination[p]) : 0.0;
            if (!(w > 0.0))
                continue;
            double given = 0.0;
            for (int64_t h = 0; h < nr; h++) {
                double wh = weight(sets, path, open, origin[p], destination[p], h);
                if (wh <= 0.0)
                    continue;
                double amount = remaining[p] * wh / w * take[h];
                via[h] += amount;
                left[h] -= amount;
                given += amount;
            }
            rerouted[p] += given;
            remaining[p] -= given;
        }
        if (!overflow)
            break;
        for (int64_t h = 0; h < nr; h++)
            if (take[h] < 1.0) {
                open[h] = 0; /* full */
                left[h] = 0.0;
            }
    }
cleanup:
    free(open);
    free(left);
    free(offered);
    free(remaining);
    return rc;
}
