/*
 * shock_options.c - run options of the shock lenses and DebtRank, set one
 * key at a time (flow_shock_options_set; the keys are documented in shock.h)
 * through the shared option table (options_table.h), so that the shock family
 * accepts the spellings and says the same things as the others; only "any"
 * (layer, product), the solver and the price list parse in their own way.
 */
#include "shock_internal.h"

#include "options_table.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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
                                            .draws = {1.0, 1.0, 0.0, 0.0},
                                            .capacity_scale = 1.0};

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
    free(o->prices);
    free(o);
}

/* ------------------------------------------------------------ one key, one value */

/* Text; "" or "*" mean "any" (layer, product). */
static int apply_any(void *o, const struct flow_i_option *k, const char *v)
{
    return flow_i_apply_text(o, k, v[0] != '\0' ? v : "*");
}

/* The solver words; the solver "base" is reported, never asked for. */
static int apply_solver(void *o, const struct flow_i_option *k, const char *v)
{
    static const int solvers[] = {FLOW_SHOCK_SOLVER_AUTO, FLOW_SHOCK_SOLVER_WOODBURY,
                                  FLOW_SHOCK_SOLVER_REFACTOR};
    int w = flow_i_option_word(v, k->words);
    if (w < 0)
        return flow_i_option_reject(k, v, "is not one of auto, woodbury, refactor");
    ((flow_shock_options *)o)->solver = solvers[w];
    return FLOW_OK;
}

/*
 * One item "product=price" of a price list at text: the product's length and
 * the price (> 0, finite). 0 when the item does not parse.
 */
static int price_item(const char *text, size_t len, size_t *name_len, double *price)
{
    const char *eq = memchr(text, '=', len);
    char number[64];
    if (eq == NULL || eq == text || (size_t)(text + len - eq - 1) >= sizeof number)
        return 0;
    size_t digits = (size_t)(text + len - eq - 1);
    memcpy(number, eq + 1, digits);
    number[digits] = '\0';
    char *end = NULL;
    errno = 0;
    *price = strtod(number, &end);
    *name_len = (size_t)(eq - text);
    return end != number && *end == '\0' && errno != ERANGE && isfinite(*price) && *price > 0.0;
}

/* Finds the product (product_len bytes) in the list text and its price. */
static int price_lookup(const char *text, const char *product, size_t product_len, double *price)
{
    while (text != NULL && *text != '\0') {
        size_t len = strcspn(text, ","), name_len = 0;
        double value = 0.0;
        if (price_item(text, len, &name_len, &value) && name_len == product_len &&
            memcmp(text, product, name_len) == 0) {
            *price = value;
            return 1;
        }
        text += len + (text[len] == ',');
    }
    return 0;
}

int flow_i_shock_price(const flow_shock_options *o, const char *product, double *price)
{
    return o->prices != NULL && product != NULL &&
           price_lookup(o->prices, product, strlen(product), price);
}

/* Prices per product, "crude_oil=520,natural_gas=250" ("" clears): each > 0, each product once. */
static int apply_prices(void *o, const struct flow_i_option *k, const char *value)
{
    for (const char *item = value; *item != '\0';) {
        size_t len = strcspn(item, ","), name_len = 0;
        double price = 0.0, earlier = 0.0;
        if (!price_item(item, len, &name_len, &price))
            return flow_i_option_reject(
                k, value, "is not a list of product=price with prices > 0 (e.g. crude_oil=520)");
        char product[256];
        if (name_len >= sizeof product)
            return flow_i_option_reject(k, value, "names a product of 256 bytes or more");
        memcpy(product, item, name_len);
        product[name_len] = '\0';
        /* Only the items before this one are searched: a repeated product is an error. */
        char *before = flow_i_strdup(value);
        if (before == NULL)
            return FLOW_ERR_NOMEM;
        before[item - value] = '\0';
        int repeated = price_lookup(before, product, name_len, &earlier);
        free(before);
        if (repeated)
            return flow_i_option_reject(k, value, "names product '%s' twice", product);
        item += len + (item[len] == ',');
        if (item[-1] == ',' && *item == '\0')
            return flow_i_option_reject(k, value, "ends with a comma");
    }
    return flow_i_apply_text(o, k, value);
}

static const char *const solver_words[] = {"auto", "woodbury", "refactor", NULL};
/* Indexed by flow_stock_cut. */
static const char *const stock_cut_words[] = {"auto", "write_off", "withdraw", NULL};

#define AT(field) offsetof(flow_shock_options, field)
#define DRAW(i)   (AT(draws) + (i) * sizeof(double))
static const struct flow_i_option keys[] = {
    {"layer", apply_any, AT(layer), 0, 0, NULL},
    {"product", apply_any, AT(product), 0, 0, NULL},
    {"solver", apply_solver, AT(solver), 0, 0, solver_words},
    {"value_units", flow_i_apply_switch, AT(value_units), 0, 0, NULL},
    {"keep_self_loops", flow_i_apply_switch, AT(keep_self_loops), 0, 0, NULL},
    {"single_propagation", flow_i_apply_switch, AT(single_propagation), 0, 0, NULL},
    {"max_rounds", flow_i_apply_int, AT(max_rounds), 1, FLOW_I_OPTION_UNBOUNDED, NULL},
    {"recovery", flow_i_apply_double, AT(recovery), 0, 1, NULL},
    {"funding_discount", flow_i_apply_double, AT(funding_discount), 0, 1, NULL},
    {"stock_cut", flow_i_apply_word, AT(stock_cut), 0, 0, stock_cut_words},
    {"severity_lo", flow_i_apply_double, DRAW(0), 0, 1, NULL},
    {"severity_hi", flow_i_apply_double, DRAW(1), 0, 1, NULL},
    {"rho_lo", flow_i_apply_double, DRAW(2), 0, 1, NULL},
    {"rho_hi", flow_i_apply_double, DRAW(3), 0, 1, NULL},
    {"size_attribute", flow_i_apply_text, AT(size_attribute), 0, 0, NULL},
    {"capital_attribute", flow_i_apply_text, AT(capital_attribute), 0, 0, NULL},
    {"by_product", flow_i_apply_switch, AT(by_product), 0, 0, NULL},
    {"prices", apply_prices, AT(prices), 0, 0, NULL},
};
#undef DRAW
#undef AT

int flow_shock_options_set(flow_shock_options *o, const char *name, const char *value)
{
    return flow_i_options_set(o, "shock", keys, sizeof keys / sizeof *keys, name, value);
}

int flow_i_shock_check_draws(const flow_shock_options *o)
{
    const double *d = o->draws;
    if (d[0] <= d[1] && d[2] <= d[3])
        return FLOW_OK;
    return flow_i_fail(FLOW_ERR_VALUE,
                       "Monte-Carlo ranges [%g, %g] (severity_lo, severity_hi) and [%g, %g] "
                       "(rho_lo, rho_hi) must be ordered",
                       d[0], d[1], d[2], d[3]);
}
