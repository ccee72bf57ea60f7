/*
 * contagion_clearing.c - Eisenberg–Noe clearing with Rogers–Veraart default
 * costs, by the greatest-clearing-vector algorithm (Rogers & Veraart 2013,
 * section 3.2): start from full payment; each round declares insolvent the
 * banks whose assets, valued at the current payments, fall short of their
 * liabilities, and solves the linear system of the defaulting banks' payments
 * with the others paying in full. The set of defaulting banks only grows, so
 * there are at most n rounds and the result is the greatest clearing vector.
 */
#include "libflow/contagion.h"

#include "model_args.h"

#include <math.h>
#include <stdlib.h>

#define WHO "clearing vector"

enum { COL_LIABILITIES, COL_PAYMENT, COL_RECOVERY, COL_DEFAULT, COL_NET_WORTH, COL_ROUND, NCOLS };

static const char *const column_names[NCOLS] = {"liabilities", "payment",   "recovery_rate",
                                                "default",     "net_worth", "round"};

struct clearing {
    int64_t n;
    const double *l; /* n x n liabilities */
    const double *e; /* external assets */
    double alpha, beta;
    double *pbar;     /* total liabilities */
    double *p;        /* current payments */
    int64_t *round;   /* round of default, 0 = solvent */
    int64_t *members; /* indices of defaulting banks */
};

static int check_args(const flow_table *liabilities, const double *e, double alpha, double beta,
                      int64_t *n)
{
    int rc = flow_i_square_table(liabilities, 0.0, WHO, "liabilities", n);
    if (rc != FLOW_OK)
        return rc;
    const double *l = flow_table_values(liabilities);
    for (int64_t i = 0; i < *n; i++)
        if (l[i * *n + i] != 0.0)
            return flow_i_fail(FLOW_ERR_VALUE, WHO ": bank %s owes itself %g",
                               flow_table_row_label(liabilities, i), l[i * *n + i]);
    if (!(alpha > 0.0 && alpha <= 1.0 && beta > 0.0 && beta <= 1.0))
        return flow_i_fail(FLOW_ERR_VALUE, WHO ": alpha = %g and beta = %g must lie in (0, 1]",
                           alpha, beta);
    return flow_i_vector_in(e, *n, 0.0, INFINITY, WHO, "external_assets");
}

/* Interbank assets of bank i valued at the current payments: sum_j Pi_ji p_j. */
static double interbank_assets(const struct clearing *c, int64_t i)
{
    double sum = 0.0;
    for (int64_t j = 0; j < c->n; j++)
        if (c->pbar[j] > 0.0)
            sum += c->l[j * c->n + i] / c->pbar[j] * c->p[j];
    return sum;
}

/*
 * Marks as defaulting in this round every solvent bank whose assets fall
 * short of its liabilities; returns how many were added.
 */
static int64_t mark_defaults(struct clearing *c, int64_t round)
{
    int64_t added = 0;
    for (int64_t i = 0; i < c->n; i++)
        if (c->round[i] == 0 && c->e[i] + interbank_assets(c, i) < c->pbar[i]) {
            c->round[i] = round;
            added++;
        }
    return added;
}

/*
 * Payments of the m defaulting banks D given full payment by the others:
 * (I - beta Pi_DD') p_D = alpha e_D + beta Pi_SD' pbar_S.
 */
static int solve_defaulting(struct clearing *c, int64_t m)
{
    int64_t n = c->n, k = 0;
    for (int64_t i = 0; i < n; i++)
        if (c->round[i] > 0)
            c->members[k++] = i;
    double *pi = flow_i_malloc(m * m, sizeof *pi);
    double *rhs = flow_i_malloc(m, sizeof *rhs);
    int rc = FLOW_ERR_NOMEM;
    if (pi == NULL || rhs == NULL)
        goto done;
    for (int64_t a = 0; a < m; a++) {
        int64_t i = c->members[a];
        double paid_in = 0.0;
        for (int64_t j = 0; j < n; j++)
            if (c->round[j] == 0 && c->pbar[j] > 0.0)
                paid_in += c->l[j * n + i]; /* full payment pbar_j Pi_ji */
        rhs[a] = c->alpha * c->e[i] + c->beta * paid_in;
        for (int64_t b = 0; b < m; b++) {
            int64_t j = c->members[b];
            pi[a * m + b] = c->pbar[j] > 0.0 ? c->l[j * n + i] / c->pbar[j] : 0.0;
        }
    }
    rc = flow_i_solve_identity_minus(pi, m, m, c->beta, 0, rhs, WHO);
    for (int64_t a = 0; rc == FLOW_OK && a < m; a++)
        c->p[c->members[a]] = rhs[a];
done:
    free(pi);
    free(rhs);
    return rc;
}

static int run(struct clearing *c)
{
    int64_t defaulting = 0, added;
    for (int64_t round = 1; (added = mark_defaults(c, round)) > 0; round++) {
        defaulting += added;
        int rc = solve_defaulting(c, defaulting);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

static int build_result(flow_table **out, const flow_table *liabilities, const struct clearing *c)
{
    double *v = flow_i_malloc(c->n * NCOLS, sizeof *v);
    if (v == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < c->n; i++) {
        double *row = v + i * NCOLS;
        row[COL_LIABILITIES] = c->pbar[i];
        row[COL_PAYMENT] = c->p[i];
        row[COL_RECOVERY] = c->pbar[i] > 0.0 ? c->p[i] / c->pbar[i] : 1.0;
        row[COL_DEFAULT] = c->round[i] > 0 ? 1.0 : 0.0;
        row[COL_NET_WORTH] = c->e[i] + interbank_assets(c, i) - c->pbar[i];
        row[COL_ROUND] = (double)c->round[i];
    }
    int rc = flow_i_result_table(out, liabilities, c->n, NCOLS, v, column_names);
    free(v);
    return rc;
}

int flow_clearing_vector(flow_table **out, const flow_table *liabilities,
                         const double *external_assets, double alpha, double beta)
{
    struct clearing c = {0};
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": out is NULL");
    *out = NULL;
    int rc = check_args(liabilities, external_assets, alpha, beta, &c.n);
    if (rc != FLOW_OK)
        return rc;
    c.l = flow_table_values(liabilities);
    c.e = external_assets;
    c.alpha = alpha;
    c.beta = beta;
    c.pbar = flow_i_calloc(c.n, sizeof *c.pbar);
    c.p = flow_i_calloc(c.n, sizeof *c.p);
    c.round = flow_i_calloc(c.n, sizeof *c.round);
    c.members = flow_i_calloc(c.n, sizeof *c.members);
    rc = FLOW_ERR_NOMEM;
    if (c.n > 0 && (c.pbar == NULL || c.p == NULL || c.round == NULL || c.members == NULL))
        goto done;
    for (int64_t i = 0; i < c.n; i++) {
        for (int64_t j = 0; j < c.n; j++)
            c.pbar[i] += c.l[i * c.n + j];
        c.p[i] = c.pbar[i];
    }
    if ((rc = run(&c)) == FLOW_OK)
        rc = build_result(out, liabilities, &c);
done:
    free(c.pbar);
    free(c.p);
    free(c.round);
    free(c.members);
    return rc;
}
