/*
 * sector_cut_run.c - a sector-specific cut applied to an IO model: the
 * blocks resolved once against the model's region and sector codes into the
 * masks of a cut plan (cut_plan.h), then, from the plan, the lost shares per
 * (selling sector, buying region) and the demand, supply and inoperability
 * lenses with one LU of I - A~.
 *
 * The lost share of a_ij depends only on row i and the region of column j,
 * because a block takes every industry of a buying region; so Phi is stored
 * as n x regions (one for A, one for Y), not n x n.
 */
#include "cut_plan.h"
#include "io_internal.h"
#include "sector_cut_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct flow_i_cut_group *find_group(const flow_i_sector_cut *cut, int sectors,
                                                 const char *name)
{
    for (int64_t g = 0; g < cut->ngroups; g++)
        if (cut->groups[g].sectors == sectors && strcmp(cut->groups[g].name, name) == 0)
            return &cut->groups[g];
    return NULL;
}

static int64_t code_index(const flow_io_model *m, int sectors, const char *code)
{
    int64_t count = sectors ? flow_i_io_sector_count(m) : flow_i_io_region_count(m);
    for (int64_t i = 0; i < count; i++) {
        const char *c = sectors ? flow_i_io_sector_code(m, i) : flow_i_io_region_code(m, i);
        if (strcmp(c, code) == 0)
            return i;
    }
    return -1;
}

/* Marks in mask the regions (or sectors) a comma-separated list names. */
static int resolve_list(const flow_i_sector_cut *cut, const struct flow_i_cut_block *b,
                        const flow_io_model *m, int sectors, const char *list, unsigned char *mask,
                        int64_t *skipped)
{
    char token[256];
    for (const char *s = list; *s;) {
        const char *comma = strchr(s, ',');
        size_t len = comma != NULL ? (size_t)(comma - s) : strlen(s);
        snprintf(token, sizeof token, "%.*s", (int)len, s);
        s += len + (comma != NULL);
        if (token[0] == '\0')
            continue;
        if (strcmp(token, "*") == 0) { /* every region (or sector) of the model */
            memset(mask, 1,
                   (size_t)(sectors ? flow_i_io_sector_count(m) : flow_i_io_region_count(m)));
            continue;
        }
        const struct flow_i_cut_group *g = find_group(cut, sectors, token);
        if (g != NULL) {
            for (int64_t k = 0; k < g->count; k++) {
                int64_t i = code_index(m, sectors, g->members[k]);
                if (i >= 0)
                    mask[i] = 1;
                else
                    (*skipped)++;
            }
            continue;
        }
        int64_t i = code_index(m, sectors, token);
        if (i < 0) {
            char where[1200] = "";
            if (b->line > 0)
                snprintf(where, sizeof where, "%s: line %lld: ", cut->source, (long long)b->line);
            return flow_i_fail(FLOW_ERR_UNKNOWN_LABEL,
                               "%s'%s' is neither a %s of the model nor a "
                               "%s group",
                               where, token, sectors ? "sector" : "region",
                               sectors ? "sector" : "region");
        }
        mask[i] = 1;
    }
    return FLOW_OK;
}

/* Resolves block b into mask (sellers, products, buyers). */
static int resolve_block(const flow_i_sector_cut *cut, const struct flow_i_cut_block *b,
                         const flow_io_model *m, unsigned char *mask, int64_t *skipped)
{
    int64_t regions = flow_i_io_region_count(m), sectors = flow_i_io_sector_count(m);
    unsigned char *sellers = mask, *products = mask + regions, *buyers = mask + regions + sectors;
    int rc;
    memset(mask, 0, (size_t)(2 * regions + sectors));
    if ((rc = resolve_list(cut, b, m, 0, b->sellers, sellers, skipped)) != FLOW_OK ||
        (rc = resolve_list(cut, b, m, 1, b->products, products, skipped)) != FLOW_OK ||
        (rc = resolve_list(cut, b, m, 0, b->buyers, buyers, skipped)) != FLOW_OK)
        return rc;
    return FLOW_OK;
}

int flow_i_sector_cut_resolve(flow_i_cut_plan *plan, const flow_i_sector_cut *cut,
                              const flow_io_model *m)
{
    int64_t regions = flow_i_io_region_count(m), sectors = flow_i_io_sector_count(m);
    int rc = FLOW_OK;
    plan->io_regions = regions;
    plan->io_sectors = sectors;
    if (cut->nblocks > 0 && (plan->io = flow_i_calloc(cut->nblocks, sizeof *plan->io)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t k = 0; rc == FLOW_OK && k < cut->nblocks; k++) {
        flow_i_plan_io_block *io = &plan->io[k];
        if ((io->mask = flow_i_malloc(2 * regions + sectors, 1)) == NULL)
            return FLOW_ERR_NOMEM;
        plan->nio = k + 1;
        io->severity = cut->blocks[k].severity;
        io->channels = cut->blocks[k].channels;
        rc = resolve_block(cut, &cut->blocks[k], m, io->mask, &plan->io_skipped);
    }
    return rc;
}

/* Lost shares of one resolved block into phi_a / phi_y (n x regions), the largest severity
 * winning. */
static void apply_block(const flow_i_plan_io_block *b, int64_t regions, int64_t sectors,
                        double *phi_a, double *phi_y)
{
    const unsigned char *sellers = b->mask, *products = b->mask + regions,
                        *buyers = b->mask + regions + sectors;
    for (int64_t r = 0; r < regions; r++)
        for (int64_t s = 0; sellers[r] && s < sectors; s++)
            for (int64_t t = 0; products[s] && t < regions; t++) {
                if (!buyers[t] || t == r)
                    continue;
                int64_t cell = (r * sectors + s) * regions + t;
                if (b->channels != FLOW_SECTOR_CUT_FINAL)
                    phi_a[cell] = fmax(phi_a[cell], b->severity);
                if (b->channels != FLOW_SECTOR_CUT_INTERMEDIATE)
                    phi_y[cell] = fmax(phi_y[cell], b->severity);
            }
}

struct lenses {
    const flow_io_model *m;
    int64_t n, regions, sectors, k;
    double *a;             /* n x n: A, then A~ */
    double *phi_a, *phi_y; /* n x regions */
    double *d, *c;         /* direct demand loss per row, lost input coefficients per column */
    double *dx, *dxs;
};

static void lenses_clear(struct lenses *l)
{
    free(l->a);
    free(l->phi_a);
    free(l->phi_y);
    free(l->d);
    free(l->c);
    free(l->dx);
    free(l->dxs);
}

/* A~ = A - dA in place, with d = dA x + dy and c_j = sum_i dA_ij on the way. */
static void cut_coefficients(struct lenses *l)
{
    const double *x = flow_i_io_output(l->m), *y = flow_i_io_final_demand(l->m);
    for (int64_t i = 0; i < l->n; i++) {
        const double *pa = l->phi_a + i * l->regions, *py = l->phi_y + i * l->regions;
        double lost = 0.0;
        for (int64_t j = 0; j < l->n; j++) {
            double da = l->a[i * l->n + j] * pa[j / l->sectors];
            l->a[i * l->n + j] -= da;
            lost += da * x[j];
            l->c[j] += da;
        }
        for (int64_t col = 0; col < l->k; col++) {
            int64_t owner = flow_i_io_final_demand_region(l->m, col);
            if (owner >= 0)
                lost += y[i * l->k + col] * py[owner];
        }
        l->d[i] = lost;
    }
}

static int solve_lenses(struct lenses *l)
{
    flow_i_lu *lu = NULL;
    const double *x = flow_i_io_output(l->m);
    int rc = flow_i_io_factor_coefficients(&lu, l->a, l->n, l->m);
    if (rc == FLOW_OK) {
        memcpy(l->dx, l->d, (size_t)l->n * sizeof *l->dx);
        memcpy(l->dxs, l->c, (size_t)l->n * sizeof *l->dxs);
        if ((rc = flow_i_lu_solve(lu, 0, l->dx, 1)) == FLOW_OK)
            rc = flow_i_lu_solve(lu, 1, l->dxs, 1);
    }
    for (int64_t j = 0; rc == FLOW_OK && j < l->n; j++)
        l->dxs[j] *= x[j];
    flow_i_lu_free(lu);
    return rc;
}

static int result_table(flow_table **out, const struct lenses *l)
{
    static const char *const names[] = {"x", "cut", "demand_loss", "supply_loss", "inoperability"};
    const double *x = flow_i_io_output(l->m);
    int rc = flow_table_new(out, l->n, 5, NULL, 5);
    if (rc != FLOW_OK)
        return rc;
    double *t = flow_i_table_cells(*out);
    for (int64_t i = 0; i < l->n; i++) {
        double q = x[i] > 0.0 ? l->dx[i] / x[i] : 0.0;
        t[i * 5 + 0] = x[i];
        t[i * 5 + 1] = l->d[i];
        t[i * 5 + 2] = l->dx[i];
        t[i * 5 + 3] = l->dxs[i];
        t[i * 5 + 4] = q < 0.0 ? 0.0 : (q > 1.0 ? 1.0 : q);
    }
    for (int64_t c = 0; rc == FLOW_OK && c < 5; c++)
        rc = flow_table_set_col_label(*out, c, names[c], NULL);
    for (int64_t i = 0; rc == FLOW_OK && i < l->n; i++)
        rc = flow_table_set_row_label(*out, i, flow_i_io_sector_code(l->m, i % l->sectors),
                                      flow_i_io_region_code(l->m, i / l->sectors));
    return rc;
}

int flow_i_cut_plan_run_io(flow_table **out, const flow_i_cut_plan *plan,
                           const flow_io_model *model)
{
    struct lenses l;
    int rc;
    *out = NULL;
    memset(&l, 0, sizeof l);
    l.m = model;
    l.n = flow_i_io_order(model);
    l.regions = flow_i_io_region_count(model);
    l.sectors = flow_i_io_sector_count(model);
    l.k = flow_i_io_final_demand_count(model);
    if (l.regions != plan->io_regions || l.sectors != plan->io_sectors)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "scenario '%s': the cut plan was resolved on %lld regions x %lld "
                           "sectors, the model has %lld x %lld",
                           plan->name, (long long)plan->io_regions, (long long)plan->io_sectors,
                           (long long)l.regions, (long long)l.sectors);
    l.a = flow_i_malloc(l.n * l.n, sizeof *l.a);
    l.phi_a = flow_i_calloc(l.n * l.regions, sizeof *l.phi_a);
    l.phi_y = flow_i_calloc(l.n * l.regions, sizeof *l.phi_y);
    l.d = flow_i_calloc(l.n, sizeof *l.d);
    l.c = flow_i_calloc(l.n, sizeof *l.c);
    l.dx = flow_i_malloc(l.n, sizeof *l.dx);
    l.dxs = flow_i_malloc(l.n, sizeof *l.dxs);
    rc = l.a && l.phi_a && l.phi_y && l.d && l.c && l.dx && l.dxs ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t b = 0; rc == FLOW_OK && b < plan->nio; b++)
        apply_block(&plan->io[b], l.regions, l.sectors, l.phi_a, l.phi_y);
    if (rc == FLOW_OK)
        rc = flow_i_io_copy_technical(model, l.a, l.n * l.n, l.n);
    if (rc == FLOW_OK) {
        cut_coefficients(&l);
        rc = solve_lenses(&l);
    }
    if (rc == FLOW_OK)
        rc = result_table(out, &l);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    lenses_clear(&l);
    return rc;
}
