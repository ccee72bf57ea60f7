/*
 * mrio_footprints.c - pymrio's satellite accounts (S, M, M_down, D_cba,
 * D_pba, D_imp, D_exp and their regional sums) and type II multipliers by
 * household closure, all by solves with the model's cached LU.
 *
 * The n x n matrices pymrio forms (L, G, x_diag = L Ydiag) never appear:
 * column (r, s) of S L Ydiag is sum_p M[:, (p, s)] Y_r[(p, s)] with M = S L
 * and Y_r region r's final demand, and the domestic part removed for D_imp is
 * the same sum with M_r = S_r L, S_r the coefficients of region r alone.
 */
#include "io_internal.h"
#include "mrio_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const account_names[FLOW_MRIO_ACCOUNT_COUNT] = {
    "S",     "M",         "M_down",    "D_cba",     "D_pba",    "D_imp",
    "D_exp", "D_cba_reg", "D_pba_reg", "D_imp_reg", "D_exp_reg"};

const char *flow_mrio_account_name(int account)
{
    return account >= 0 && account < FLOW_MRIO_ACCOUNT_COUNT ? account_names[account] : NULL;
}

struct accounts {
    flow_io_model *model;
    const flow_table *f, *f_y;
    int64_t n, q, regions, sectors, k;
    double *s;    /* q x n coefficients */
    double *m;    /* q x n multipliers S L */
    double *yreg; /* n x (regions + 1): final demand per owning region, then y = Y 1 */
    double *xreg; /* n x (regions + 1): L yreg */
    double *out;  /* q x n or q x regions */
};

static void accounts_clear(struct accounts *a)
{
    free(a->s);
    free(a->m);
    free(a->yreg);
    free(a->xreg);
}

static int coefficients(struct accounts *a)
{
    const double *f = flow_table_values(a->f), *xinv = flow_i_io_inverse_outputs(a->model);
    if ((a->s = flow_i_malloc(a->q * a->n, sizeof *a->s)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < a->q; i++)
        for (int64_t j = 0; j < a->n; j++)
            a->s[i * a->n + j] = f[i * a->n + j] * xinv[j];
    return FLOW_OK;
}

static int multipliers(struct accounts *a)
{
    if ((a->m = flow_i_malloc(a->q * a->n, sizeof *a->m)) == NULL)
        return FLOW_ERR_NOMEM;
    return flow_i_io_satellite_multipliers(a->model, a->q, flow_table_values(a->f), a->n, a->m,
                                           a->n);
}

/* M_down = S (G - I) = (S x^-1) L x - S: multipliers of S itself, scaled by x. */
static int downstream(struct accounts *a)
{
    const double *x = flow_i_io_output(a->model);
    int rc = flow_i_io_satellite_multipliers(a->model, a->q, a->s, a->n, a->out, a->n);
    for (int64_t i = 0; rc == FLOW_OK && i < a->q; i++)
        for (int64_t j = 0; j < a->n; j++)
            a->out[i * a->n + j] = a->out[i * a->n + j] * x[j] - a->s[i * a->n + j];
    return rc;
}

/* Final demand summed per owning region, plus the total y = Y 1. */
static int regional_demand(struct accounts *a)
{
    int64_t w = a->regions + 1;
    const double *y = flow_i_io_final_demand(a->model);
    if ((a->yreg = flow_i_calloc(a->n * w, sizeof *a->yreg)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < a->n; i++)
        for (int64_t c = 0; c < a->k; c++) {
            int64_t owner = flow_i_io_final_demand_region(a->model, c);
            if (owner >= 0)
                a->yreg[i * w + owner] += y[i * a->k + c];
            a->yreg[i * w + a->regions] += y[i * a->k + c];
        }
    return FLOW_OK;
}

/*
 * The Leontief output of each region's final demand and of the total,
 * L yreg: only the production-based accounts need it (the consumption-based
 * ones go through M = S L, already at hand, so they need no solve here).
 */
static int regional_outputs(struct accounts *a)
{
    int64_t w = a->regions + 1;
    if ((a->xreg = flow_i_malloc(a->n * w, sizeof *a->xreg)) == NULL)
        return FLOW_ERR_NOMEM;
    return flow_io_model_leontief_solve(a->model, w, a->yreg, w, a->xreg, a->n * w, w);
}

/* out[:, (r, s)] (+)= sign * sum_p mult[:, (p, s)] Y_r[(p, s)], region r restricted when only >= 0.
 */
static void consumption(const struct accounts *a, const double *mult, double sign, int64_t only,
                        double *out)
{
    int64_t w = a->regions + 1;
    for (int64_t qi = 0; qi < a->q; qi++)
        for (int64_t r = 0; r < a->regions; r++) {
            if (only >= 0 && r != only)
                continue;
            for (int64_t s = 0; s < a->sectors; s++) {
                double sum = 0.0;
                for (int64_t p = 0; p < a->regions; p++) {
                    int64_t i = p * a->sectors + s;
                    sum += mult[qi * a->n + i] * a->yreg[i * w + r];
                }
                out[qi * a->n + r * a->sectors + s] += sign * sum;
            }
        }
}

/* D_imp = D_cba minus, per consuming region r, what S_r L (r's own stressors) adds. */
static int imports(struct accounts *a)
{
    const flow_i_lu *lu = NULL;
    int rc = flow_i_io_leontief_lu(a->model, &lu);
    double *mr = rc == FLOW_OK ? flow_i_malloc(a->q * a->n, sizeof *mr) : NULL;
    if (rc == FLOW_OK && mr == NULL)
        rc = FLOW_ERR_NOMEM;
    consumption(a, a->m, 1.0, -1, a->out);
    for (int64_t r = 0; rc == FLOW_OK && r < a->regions; r++) {
        memset(mr, 0, (size_t)(a->q * a->n) * sizeof *mr);
        for (int64_t qi = 0; qi < a->q; qi++)
            memcpy(mr + qi * a->n + r * a->sectors, a->s + qi * a->n + r * a->sectors,
                   (size_t)a->sectors * sizeof *mr);
        if ((rc = flow_i_lu_solve(lu, 1, mr, a->q)) == FLOW_OK)
            consumption(a, mr, -1.0, r, a->out);
    }
    free(mr);
    return rc;
}

/* S diag(v) with v = L y (production) or the output for other regions' final demand (exports). */
static void scaled_coefficients(struct accounts *a, int exports)
{
    int64_t w = a->regions + 1;
    for (int64_t j = 0; j < a->n; j++) {
        double v = a->xreg[j * w + a->regions];
        if (exports) {
            v = 0.0;
            for (int64_t r = 0; r < a->regions; r++)
                v += r != flow_i_io_region_of(a->model, j) ? a->xreg[j * w + r] : 0.0;
        }
        for (int64_t qi = 0; qi < a->q; qi++)
            a->out[qi * a->n + j] = a->s[qi * a->n + j] * v;
    }
}

static int sector_account(struct accounts *a, int account)
{
    int rc = FLOW_OK;
    switch (account) {
        case FLOW_MRIO_S:
            memcpy(a->out, a->s, (size_t)(a->q * a->n) * sizeof *a->out);
            return FLOW_OK;
        case FLOW_MRIO_M:
            memcpy(a->out, a->m, (size_t)(a->q * a->n) * sizeof *a->out);
            return FLOW_OK;
        case FLOW_MRIO_M_DOWN:
            return downstream(a);
        default:
            break;
    }
    if ((rc = regional_demand(a)) != FLOW_OK ||
        ((account == FLOW_MRIO_D_PBA || account == FLOW_MRIO_D_EXP) &&
         (rc = regional_outputs(a)) != FLOW_OK))
        return rc;
    switch (account) {
        case FLOW_MRIO_D_CBA:
            consumption(a, a->m, 1.0, -1, a->out);
            break;
        case FLOW_MRIO_D_PBA:
            scaled_coefficients(a, 0);
            break;
        case FLOW_MRIO_D_IMP:
            rc = imports(a);
            break;
        default:
            scaled_coefficients(a, 1);
            break;
    }
    return rc;
}

/* Sums a q x n account over each region's sectors into q x regions, adding F_Y when asked. */
static void regional(const struct accounts *a, const double *by_sector, int with_fy, double *out)
{
    memset(out, 0, (size_t)(a->q * a->regions) * sizeof *out);
    for (int64_t qi = 0; qi < a->q; qi++)
        for (int64_t j = 0; j < a->n; j++)
            out[qi * a->regions + flow_i_io_region_of(a->model, j)] += by_sector[qi * a->n + j];
    if (!with_fy || a->f_y == NULL)
        return;
    const double *fy = flow_table_values(a->f_y);
    for (int64_t qi = 0; qi < a->q; qi++)
        for (int64_t c = 0; c < a->k; c++) {
            int64_t owner = flow_i_io_final_demand_region(a->model, c);
            if (owner >= 0)
                out[qi * a->regions + owner] += fy[qi * a->k + c];
        }
}

static int label_account(flow_table *t, const struct accounts *a, int by_region)
{
    int rc = FLOW_OK;
    for (int64_t i = 0; rc == FLOW_OK && i < a->q; i++)
        rc = flow_table_set_row_label(t, i, flow_table_row_label(a->f, i),
                                      flow_table_row_group(a->f, i));
    for (int64_t j = 0; rc == FLOW_OK && j < flow_table_cols(t); j++)
        rc = by_region
                 ? flow_table_set_col_label(t, j, flow_i_io_region_code(a->model, j), NULL)
                 : flow_table_set_col_label(t, j, flow_i_io_sector_code(a->model, j % a->sectors),
                                            flow_i_io_region_code(a->model, j / a->sectors));
    return rc;
}

static int compute(struct accounts *a, int account, flow_table *t)
{
    int by_region = account >= FLOW_MRIO_D_CBA_REG;
    int rc = flow_io_model_factor(a->model);
    double *sectors = NULL;
    if (rc != FLOW_OK || (rc = coefficients(a)) != FLOW_OK || (rc = multipliers(a)) != FLOW_OK)
        return rc;
    if (!by_region) {
        a->out = flow_i_table_cells(t);
        return sector_account(a, account);
    }
    if ((sectors = flow_i_calloc(a->q * a->n, sizeof *sectors)) == NULL)
        return FLOW_ERR_NOMEM;
    a->out = sectors;
    int base = account - FLOW_MRIO_D_CBA_REG + FLOW_MRIO_D_CBA;
    if ((rc = sector_account(a, base)) == FLOW_OK)
        regional(a, sectors, base == FLOW_MRIO_D_CBA || base == FLOW_MRIO_D_PBA,
                 flow_i_table_cells(t));
    free(sectors);
    return rc;
}

int flow_mrio_account_table(flow_table **out, flow_mrio *mrio, int64_t extension, int account)
{
    struct accounts a;
    flow_table *t = NULL;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (mrio == NULL || account < 0 || account >= FLOW_MRIO_ACCOUNT_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "no MRIO account %d", account);
    memset(&a, 0, sizeof a);
    if ((rc = flow_mrio_extension(mrio, extension, NULL, &a.f, &a.f_y)) != FLOW_OK)
        return rc;
    a.model = mrio->model;
    a.n = flow_i_io_order(a.model);
    a.q = flow_table_rows(a.f);
    a.regions = flow_i_io_region_count(a.model);
    a.sectors = flow_i_io_sector_count(a.model);
    a.k = flow_i_io_final_demand_count(a.model);
    int by_region = account >= FLOW_MRIO_D_CBA_REG;
    if ((rc = flow_table_new(&t, a.q, by_region ? a.regions : a.n, NULL,
                             by_region ? a.regions : a.n)) == FLOW_OK &&
        (rc = compute(&a, account, t)) == FLOW_OK)
        rc = label_account(t, &a, by_region);
    accounts_clear(&a);
    if (rc != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    *out = t;
    return FLOW_OK;
}
