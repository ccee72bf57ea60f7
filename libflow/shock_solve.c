/*
 * shock_solve.c - solving with the cut system I - A~ = (I - A) + dA, where
 * dA = A (.) phi (entry (i, j) scaled by the lost share of its region pair).
 *
 * dA lives in the rows of the cut origins and the columns of the cut
 * destinations. It is written as U V by covering every cut region pair
 * either by its origin's rows (U gets unit vectors, V the rows of dA) or by
 * its destination's columns (U gets the columns of dA, V unit vectors), with
 * the cover that needs the fewest nodes among: all origins, all
 * destinations, and the rows and columns of S, or of T (for a two-way cut
 * between S and T the latter covers everything with 2 |T| vectors). When the
 * rank r is at most n / 4, the Woodbury identity reuses the model's LU (r
 * solves plus an r x r factorisation); otherwise I - A~ is factored anew.
 */
#include "io_internal.h"
#include "shock_internal.h"

#include <stdlib.h>
#include <string.h>

/* A cover of the cut pairs: rows[r] = cover by region r's rows, cols[r] by its columns. */
typedef struct cover {
    unsigned char *rows, *cols;
    int64_t size;
} cover;

static int pair_active(const flow_i_shock_cut *cut, int64_t s, int64_t t)
{
    return cut->phi[s * cut->regions + t] != 0.0;
}

/* Nodes the cover needs, or -1 when it misses a cut pair. */
static int64_t cover_size(const flow_i_shock_cut *cut, const int64_t *sectors,
                          const unsigned char *rows, const unsigned char *cols)
{
    int64_t nr = cut->regions, size = 0;
    for (int64_t s = 0; s < nr; s++)
        for (int64_t t = 0; t < nr; t++)
            if (pair_active(cut, s, t) && !rows[s] && !cols[t])
                return -1;
    for (int64_t r = 0; r < nr; r++)
        size += (rows[r] ? sectors[r] : 0) + (cols[r] ? sectors[r] : 0);
    return size;
}

/*
 * Candidate c of the cover: 0 all origins' rows, 1 all destinations' columns,
 * 2 (3) the rows and columns of the cut regions that are in S (in T).
 */
static void candidate(int c, const flow_i_shock_cut *cut, const flow_i_shock_sets *sets,
                      unsigned char *rows, unsigned char *cols)
{
    int64_t nr = cut->regions;
    for (int64_t r = 0; r < nr; r++) {
        int origin = 0, destination = 0;
        for (int64_t o = 0; o < nr; o++) {
            origin |= pair_active(cut, r, o);
            destination |= pair_active(cut, o, r);
        }
        int side =
            c == 2 ? (sets->flags[r] & FLOW_I_IN_S) != 0 : (sets->flags[r] & FLOW_I_IN_T) != 0;
        rows[r] = (unsigned char)(c == 0 ? origin : c == 1 ? 0 : origin && side);
        cols[r] = (unsigned char)(c == 1 ? destination : c == 0 ? 0 : destination && side);
    }
}

static void cover_clear(cover *c)
{
    free(c->rows);
    free(c->cols);
}

/* Picks the smallest valid candidate cover. */
static int choose_cover(cover *best, const flow_i_shock_system *sys, const flow_i_shock_cut *cut,
                        const flow_i_shock_sets *sets)
{
    int64_t nr = sys->frame.regions;
    int rc = FLOW_OK;
    int64_t *sectors = flow_i_calloc(nr, sizeof *sectors);
    unsigned char *rows = flow_i_calloc(nr, 1), *cols = flow_i_calloc(nr, 1);
    best->rows = flow_i_calloc(nr, 1);
    best->cols = flow_i_calloc(nr, 1);
    best->size = -1;
    if (!sectors || !rows || !cols || !best->rows || !best->cols) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    for (int64_t i = 0; i < sys->frame.n; i++)
        sectors[sys->frame.region_of[i]]++;
    for (int c = 0; c < 4; c++) {
        candidate(c, cut, sets, rows, cols);
        int64_t size = cover_size(cut, sectors, rows, cols);
        if (size >= 0 && (best->size < 0 || size < best->size)) {
            best->size = size;
            memcpy(best->rows, rows, (size_t)nr);
            memcpy(best->cols, cols, (size_t)nr);
        }
    }
cleanup:
    free(sectors);
    free(rows);
    free(cols);
    if (rc != FLOW_OK)
        cover_clear(best);
    return rc;
}

/* dA_ij = A_ij phi(region i, region j). */
static double delta(const flow_i_shock_system *sys, const flow_i_shock_cut *cut, int64_t i,
                    int64_t j)
{
    const int64_t *reg = sys->frame.region_of;
    return flow_i_shock_a(sys, i, j) * cut->phi[reg[i] * cut->regions + reg[j]];
}

/*
 * U (r vectors of length n) and V (r x n) with U V = dA: first the covered
 * rows (unit vector, row of dA), then the covered columns (column of dA
 * restricted to rows not already covered, unit row).
 */
static int build_update(const flow_i_shock_system *sys, const flow_i_shock_cut *cut,
                        const cover *cv, double **u_out, double **v_out)
{
    int64_t n = sys->frame.n, r = cv->size, nr_elems = 0, k = 0;
    const int64_t *reg = sys->frame.region_of;
    *u_out = *v_out = NULL;
    if (flow_i_mul_size(n, r, &nr_elems) != FLOW_OK)
        return FLOW_ERR_OVERFLOW;
    double *u = flow_i_calloc(nr_elems, sizeof *u), *v = flow_i_calloc(nr_elems, sizeof *v);
    if (u == NULL || v == NULL) {
        free(u);
        free(v);
        return FLOW_ERR_NOMEM;
    }
    for (int64_t i = 0; i < n; i++)
        if (cv->rows[reg[i]]) {
            u[k * n + i] = 1.0;
            for (int64_t j = 0; j < n; j++)
                v[k * n + j] = delta(sys, cut, i, j);
            k++;
        }
    for (int64_t j = 0; j < n; j++)
        if (cv->cols[reg[j]]) {
            for (int64_t i = 0; i < n; i++)
                if (!cv->rows[reg[i]])
                    u[k * n + i] = delta(sys, cut, i, j);
            v[k * n + j] = 1.0;
            k++;
        }
    *u_out = u;
    *v_out = v;
    return FLOW_OK;
}

/* I - A~ as a new row-major matrix, factored with the model's checks. */
static int refactor(flow_i_shock_solver *solver, const flow_i_shock_system *sys,
                    const flow_i_shock_cut *cut)
{
    int64_t n = sys->frame.n, nn = 0;
    if (flow_i_mul_size(n, n, &nn) != FLOW_OK)
        return FLOW_ERR_OVERFLOW;
    double *cut_a = flow_i_malloc(nn, sizeof *cut_a);
    if (cut_a == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            cut_a[i * n + j] = flow_i_shock_a(sys, i, j) - delta(sys, cut, i, j);
    int rc = flow_i_io_factor_coefficients(&solver->own, cut_a, n, sys->model);
    free(cut_a);
    return rc;
}

int flow_i_shock_cut_touches_a(const flow_i_shock_cut *cut)
{
    if (!cut->cut_a || cut->phi == NULL)
        return 0;
    for (int64_t p = 0; p < cut->npairs; p++)
        if (cut->pair_phi[p] != 0.0)
            return 1;
    return 0;
}

int flow_i_shock_solver_init(flow_i_shock_solver *solver, const flow_i_shock_system *sys,
                             const flow_i_shock_cut *cut, const flow_i_shock_sets *sets,
                             int requested)
{
    cover cv = {0};
    double *u = NULL, *v = NULL;
    int rc;
    memset(solver, 0, sizeof *solver);
    solver->base = sys->lu;
    solver->kind = FLOW_SHOCK_SOLVER_BASE;
    if (!flow_i_shock_cut_touches_a(cut))
        return FLOW_OK;
    if ((rc = choose_cover(&cv, sys, cut, sets)) != FLOW_OK)
        return rc;
    int woodbury = requested == FLOW_SHOCK_SOLVER_WOODBURY ||
                   (requested == FLOW_SHOCK_SOLVER_AUTO && cv.size <= sys->frame.n / 4);
    if (woodbury) {
        solver->kind = FLOW_SHOCK_SOLVER_WOODBURY;
        solver->rank = cv.size;
        if ((rc = build_update(sys, cut, &cv, &u, &v)) == FLOW_OK)
            rc = flow_i_lowrank_new(&solver->update, sys->lu, u, v, cv.size);
    } else {
        solver->kind = FLOW_SHOCK_SOLVER_REFACTOR;
        rc = refactor(solver, sys, cut);
    }
    cover_clear(&cv);
    if (rc != FLOW_OK)
        flow_i_shock_solver_clear(solver);
    return rc;
}

int flow_i_shock_solver_solve(const flow_i_shock_solver *solver, int transpose, double *rhs,
                              int64_t nrhs)
{
    if (solver->update != NULL)
        return flow_i_lowrank_solve(solver->update, transpose, rhs, nrhs);
    return flow_i_lu_solve(solver->own != NULL ? solver->own : solver->base, transpose, rhs, nrhs);
}

void flow_i_shock_solver_clear(flow_i_shock_solver *solver)
{
    flow_i_lu_free(solver->own);
    flow_i_lowrank_free(solver->update);
    memset(solver, 0, sizeof *solver);
}
