/*
 * shock_system.c - the view of an IO model the shock lenses work on, and the
 * frame of it that results keep.
 */
#include "io_internal.h"
#include "shock_internal.h"

#include <stdlib.h>
#include <string.h>

void flow_i_shock_frame_clear(flow_i_shock_frame *f)
{
    if (f->codes != NULL)
        for (int64_t r = 0; r < f->regions; r++)
            free(f->codes[r]);
    free(f->codes);
    free(f->x);
    free(f->region_of);
    memset(f, 0, sizeof *f);
}

static int frame_alloc(flow_i_shock_frame *f, int64_t n, int64_t regions)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    f->regions = regions;
    f->x = flow_i_malloc(n, sizeof *f->x);
    f->region_of = flow_i_malloc(n, sizeof *f->region_of);
    f->codes = flow_i_calloc(regions, sizeof *f->codes);
    if (f->x == NULL || f->region_of == NULL || f->codes == NULL) {
        flow_i_shock_frame_clear(f);
        return FLOW_ERR_NOMEM;
    }
    return FLOW_OK;
}

static int frame_set_codes(flow_i_shock_frame *f, const char *const *codes)
{
    for (int64_t r = 0; r < f->regions; r++)
        if ((f->codes[r] = flow_i_strdup(codes[r] ? codes[r] : "")) == NULL)
            return FLOW_ERR_NOMEM;
    return FLOW_OK;
}

int flow_i_shock_frame_copy(flow_i_shock_frame *dst, const flow_i_shock_frame *src)
{
    int rc = frame_alloc(dst, src->n, src->regions);
    if (rc != FLOW_OK)
        return rc;
    if (src->n > 0) {
        memcpy(dst->x, src->x, (size_t)src->n * sizeof *dst->x);
        memcpy(dst->region_of, src->region_of, (size_t)src->n * sizeof *dst->region_of);
    }
    if ((rc = frame_set_codes(dst, (const char *const *)src->codes)) != FLOW_OK)
        flow_i_shock_frame_clear(dst);
    return rc;
}

void flow_i_shock_system_clear(flow_i_shock_system *sys)
{
    flow_i_shock_frame_clear(&sys->frame);
    free(sys->fd_region);
    free(sys->pz);
    free(sys->py);
    free(sys->yr);
    memset(sys, 0, sizeof *sys);
}

/*
 * Region x region totals of intermediate and final flows: what the cut
 * accounts and the rerouting path intensities are made of. Computed once per
 * system so that batches of scenarios do not redo the O(n^2) pass.
 */
static void region_totals(flow_i_shock_system *sys)
{
    const flow_i_shock_frame *f = &sys->frame;
    int64_t n = f->n, k = sys->k, nr = f->regions;
    for (int64_t i = 0; i < n; i++) {
        double *pz = sys->pz + f->region_of[i] * nr, *py = sys->py + f->region_of[i] * nr;
        double *yr = sys->yr + i * nr;
        const double *y = sys->fd + i * k;
        for (int64_t j = 0; j < n; j++)
            pz[f->region_of[j]] += flow_i_shock_a(sys, i, j) * f->x[j];
        for (int64_t c = 0; c < k; c++)
            if (sys->fd_region[c] >= 0) {
                py[sys->fd_region[c]] += y[c];
                yr[sys->fd_region[c]] += y[c];
            }
    }
}

int flow_i_shock_system_init(flow_i_shock_system *sys, flow_io_model *m)
{
    int rc;
    int64_t n = flow_i_io_order(m), nr = flow_i_io_region_count(m),
            k = flow_i_io_final_demand_count(m), nr2 = 0, nnr = 0;
    memset(sys, 0, sizeof *sys);
    if ((rc = flow_i_io_leontief_lu(m, &sys->lu)) != FLOW_OK)
        return rc;
    if ((rc = flow_i_mul_size(nr, nr, &nr2)) != FLOW_OK ||
        (rc = flow_i_mul_size(n, nr, &nnr)) != FLOW_OK ||
        (rc = frame_alloc(&sys->frame, n, nr)) != FLOW_OK)
        return rc;
    sys->model = m;
    sys->z = flow_i_io_intermediate(m);
    sys->xinv = flow_i_io_inverse_outputs(m);
    sys->fd = flow_i_io_final_demand(m);
    sys->k = k;
    sys->fd_region = flow_i_malloc(k, sizeof *sys->fd_region);
    sys->pz = flow_i_calloc(nr2, sizeof *sys->pz);
    sys->py = flow_i_calloc(nr2, sizeof *sys->py);
    sys->yr = flow_i_calloc(nnr, sizeof *sys->yr);
    if (!sys->fd_region || !sys->pz || !sys->py || !sys->yr) {
        rc = FLOW_ERR_NOMEM;
        goto fail;
    }
    if (n > 0)
        memcpy(sys->frame.x, flow_i_io_output(m), (size_t)n * sizeof *sys->frame.x);
    for (int64_t i = 0; i < n; i++)
        sys->frame.region_of[i] = flow_i_io_region_of(m, i);
    for (int64_t c = 0; c < k; c++)
        sys->fd_region[c] = flow_i_io_final_demand_region(m, c);
    for (int64_t r = 0; r < nr; r++)
        if ((sys->frame.codes[r] = flow_i_strdup(flow_i_io_region_code(m, r))) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto fail;
        }
    region_totals(sys);
    return FLOW_OK;
fail:
    flow_i_shock_system_clear(sys);
    return rc;
}
