/*
 * shock_options.c - run options of the shock lenses and DebtRank.
 */
#include "shock_internal.h"

#include <stdlib.h>

/* The documented defaults; the layer and product "*" select the (*, *) rates. */
static const flow_shock_options defaults = {.layer = "*",
                                            .product = "*",
                                            .solver = FLOW_SHOCK_SOLVER_AUTO,
                                            .keep_self_loops = 0,
                                            .single_propagation = 1,
                                            .max_rounds = 1000,
                                            .by_product = 0,
                                            .value_units = 1,
                                            .recovery = 0.0,
                                            .funding_discount = 0.1,
                                            .stock_cut = FLOW_STOCK_CUT_AUTO,
                                            .draws = {1.0, 1.0, 0.0, 0.0}};

const flow_shock_options *flow_i_shock_default_options(void)
{
    return &defaults;
}

int flow_shock_options_new(flow_shock_options **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_options_new: out is NULL");
    *out = NULL;
    flow_shock_options *o = flow_i_calloc(1, sizeof *o);
    if (o == NULL)
        return FLOW_ERR_NOMEM;
    *o = defaults;
    o->layer = flow_i_strdup("*");
    o->product = flow_i_strdup("*");
    if (o->layer == NULL || o->product == NULL) {
        flow_shock_options_free(o);
        return FLOW_ERR_NOMEM;
    }
    *out = o;
    return FLOW_OK;
}

void flow_shock_options_free(flow_shock_options *o)
{
    if (o == NULL)
        return;
    free(o->layer);
    free(o->product);
    free(o->size_attribute);
    free(o->capital_attribute);
    free(o);
}

int flow_shock_options_set_layer(flow_shock_options *o, const char *layer, const char *product)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_options_set_layer: options is NULL");
    char *l = flow_i_strdup(layer && layer[0] ? layer : "*");
    char *p = flow_i_strdup(product && product[0] ? product : "*");
    if (l == NULL || p == NULL) {
        free(l);
        free(p);
        return FLOW_ERR_NOMEM;
    }
    free(o->layer);
    free(o->product);
    o->layer = l;
    o->product = p;
    return FLOW_OK;
}

int flow_shock_options_set_solver(flow_shock_options *o, int solver)
{
    if (o == NULL || (solver != FLOW_SHOCK_SOLVER_AUTO && solver != FLOW_SHOCK_SOLVER_WOODBURY &&
                      solver != FLOW_SHOCK_SOLVER_REFACTOR))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "solver must be FLOW_SHOCK_SOLVER_AUTO, _WOODBURY or _REFACTOR, got %d",
                           solver);
    o->solver = solver;
    return FLOW_OK;
}

int flow_shock_options_set_debtrank(flow_shock_options *o, int keep_self_loops,
                                    int single_propagation, int64_t max_rounds)
{
    if (o == NULL || max_rounds < 1)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_options_set_debtrank: NULL options or max_rounds %lld < 1",
                           (long long)max_rounds);
    o->keep_self_loops = keep_self_loops != 0;
    o->single_propagation = single_propagation != 0;
    o->max_rounds = max_rounds;
    return FLOW_OK;
}

int flow_shock_options_set_contagion(flow_shock_options *o, double recovery,
                                     double funding_discount, int stock_cut)
{
    if (o == NULL || stock_cut < 0 || stock_cut >= FLOW_STOCK_CUT_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_options_set_contagion: NULL options or stock cut %d outside "
                           "[0, %d)",
                           stock_cut, FLOW_STOCK_CUT_COUNT);
    if (!(recovery >= 0.0 && recovery <= 1.0) ||
        !(funding_discount >= 0.0 && funding_discount <= 1.0))
        return flow_i_fail(FLOW_ERR_VALUE,
                           "recovery rate %g and funding discount %g must lie in [0, 1]", recovery,
                           funding_discount);
    o->recovery = recovery;
    o->funding_discount = funding_discount;
    o->stock_cut = stock_cut;
    return FLOW_OK;
}

/* Copy of an optional string: *out NULL for NULL; 0 on out-of-memory. */
static int copy_optional(char **out, const char *s)
{
    *out = s ? flow_i_strdup(s) : NULL;
    return s == NULL || *out != NULL;
}

int flow_shock_options_set_report(flow_shock_options *o, const char *size_attribute,
                                  const char *capital_attribute, int by_product)
{
    char *size = NULL, *capital = NULL;
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_options_set_report: options is NULL");
    if (!copy_optional(&size, size_attribute) || !copy_optional(&capital, capital_attribute)) {
        free(size);
        return FLOW_ERR_NOMEM;
    }
    free(o->size_attribute);
    free(o->capital_attribute);
    o->size_attribute = size;
    o->capital_attribute = capital;
    o->by_product = by_product != 0;
    return FLOW_OK;
}

int flow_shock_options_set_value_units(flow_shock_options *o, int value_units)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_shock_options_set_value_units: options is NULL");
    o->value_units = value_units != 0;
    return FLOW_OK;
}

int flow_shock_options_set_draws(flow_shock_options *o, double severity_lo, double severity_hi,
                                 double rho_lo, double rho_hi)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_options_set_draws: options is NULL");
    if (!(0.0 <= severity_lo && severity_lo <= severity_hi && severity_hi <= 1.0 && 0.0 <= rho_lo &&
          rho_lo <= rho_hi && rho_hi <= 1.0))
        return flow_i_fail(FLOW_ERR_VALUE,
                           "Monte-Carlo ranges [%g, %g] (severity) and [%g, %g] (rho) must be "
                           "ordered and within [0, 1]",
                           severity_lo, severity_hi, rho_lo, rho_hi);
    o->draws[0] = severity_lo;
    o->draws[1] = severity_hi;
    o->draws[2] = rho_lo;
    o->draws[3] = rho_hi;
    return FLOW_OK;
}
