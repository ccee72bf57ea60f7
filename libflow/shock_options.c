/*
 * shock_options.c - run options of the shock lenses and DebtRank, set one
 * key at a time (flow_shock_options_set; the keys are documented in shock.h):
 * one table of {name, parser, field}, each parser validating the text before
 * anything is changed.
 */
#include "shock_internal.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
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

typedef int (*parse_fn)(flow_shock_options *o, size_t field, const char *name, const char *value);

static int bad_value(const char *name, const char *value, const char *expected)
{
    return flow_i_fail(FLOW_ERR_INVALID_ARG, "shock option '%s': '%s' is not %s", name, value,
                       expected);
}

/* A field of o at a byte offset, as a T. */
#define FIELD(type, o, field) ((type *)(void *)((char *)(o) + (field)))

/* Text; "" or "*" mean "any" (layer, product). */
static int parse_any(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    (void)name;
    char *copy = flow_i_strdup(value[0] != '\0' ? value : "*");
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    free(*FIELD(char *, o, field));
    *FIELD(char *, o, field) = copy;
    return FLOW_OK;
}

/* Text; "" unsets (attributes of a report). */
static int parse_optional(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    (void)name;
    char *copy = NULL;
    if (value[0] != '\0' && (copy = flow_i_strdup(value)) == NULL)
        return FLOW_ERR_NOMEM;
    free(*FIELD(char *, o, field));
    *FIELD(char *, o, field) = copy;
    return FLOW_OK;
}

/* A boolean: "1"/"0", "true"/"false", "yes"/"no". */
static int parse_bool(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    static const char *const yes[] = {"1", "true", "yes"}, *const no[] = {"0", "false", "no"};
    for (int i = 0; i < 3; i++)
        if (strcmp(value, yes[i]) == 0 || strcmp(value, no[i]) == 0) {
            *FIELD(int, o, field) = strcmp(value, yes[i]) == 0;
            return FLOW_OK;
        }
    return bad_value(name, value, "a boolean (1 or 0)");
}

/* A number in [0, 1] (rates, Monte-Carlo bounds). */
static int parse_share(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(value, &end);
    if (end == value || *end != '\0' || errno == ERANGE || !(v >= 0.0 && v <= 1.0))
        return bad_value(name, value, "a number in [0, 1]");
    *FIELD(double, o, field) = v;
    return FLOW_OK;
}

static int parse_rounds(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (end == value || *end != '\0' || errno == ERANGE || v < 1)
        return bad_value(name, value, "an integer >= 1");
    *FIELD(int64_t, o, field) = (int64_t)v;
    return FLOW_OK;
}

/* One of a list of words, stored as the value listed beside it. */
static int parse_word(int *dst, const char *name, const char *value, const char *const *words,
                      const int *values, const char *expected)
{
    for (int i = 0; words[i] != NULL; i++)
        if (strcmp(value, words[i]) == 0) {
            *dst = values[i];
            return FLOW_OK;
        }
    return bad_value(name, value, expected);
}

static int parse_solver(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    static const char *const words[] = {"auto", "woodbury", "refactor", NULL};
    static const int values[] = {FLOW_SHOCK_SOLVER_AUTO, FLOW_SHOCK_SOLVER_WOODBURY,
                                 FLOW_SHOCK_SOLVER_REFACTOR};
    return parse_word(FIELD(int, o, field), name, value, words, values,
                      "a solver (auto, woodbury or refactor)");
}

static int parse_stock_cut(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    static const char *const words[] = {"auto", "write_off", "withdraw", NULL};
    static const int values[] = {FLOW_STOCK_CUT_AUTO, FLOW_STOCK_CUT_WRITE_OFF,
                                 FLOW_STOCK_CUT_WITHDRAW};
    return parse_word(FIELD(int, o, field), name, value, words, values,
                      "a stock cut (auto, write_off or withdraw)");
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
static int parse_prices(flow_shock_options *o, size_t field, const char *name, const char *value)
{
    for (const char *item = value; *item != '\0';) {
        size_t len = strcspn(item, ","), name_len = 0;
        double price = 0.0, earlier = 0.0;
        if (!price_item(item, len, &name_len, &price))
            return bad_value(name, value,
                             "a list of product=price with prices > 0 (e.g. crude_oil=520)");
        char product[256];
        if (name_len >= sizeof product)
            return bad_value(name, value, "a list with product names under 256 bytes");
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
            return bad_value(name, value, "a list naming each product once");
        item += len + (item[len] == ',');
        if (item[-1] == ',' && *item == '\0')
            return bad_value(name, value, "a list without a trailing comma");
    }
    return parse_optional(o, field, name, value);
}

static const struct {
    const char *name;
    parse_fn parse;
    size_t field;
} keys[] = {
    {"layer", parse_any, offsetof(flow_shock_options, layer)},
    {"product", parse_any, offsetof(flow_shock_options, product)},
    {"solver", parse_solver, offsetof(flow_shock_options, solver)},
    {"value_units", parse_bool, offsetof(flow_shock_options, value_units)},
    {"keep_self_loops", parse_bool, offsetof(flow_shock_options, keep_self_loops)},
    {"single_propagation", parse_bool, offsetof(flow_shock_options, single_propagation)},
    {"max_rounds", parse_rounds, offsetof(flow_shock_options, max_rounds)},
    {"recovery", parse_share, offsetof(flow_shock_options, recovery)},
    {"funding_discount", parse_share, offsetof(flow_shock_options, funding_discount)},
    {"stock_cut", parse_stock_cut, offsetof(flow_shock_options, stock_cut)},
    {"severity_lo", parse_share, offsetof(flow_shock_options, draws)},
    {"severity_hi", parse_share, offsetof(flow_shock_options, draws) + sizeof(double)},
    {"rho_lo", parse_share, offsetof(flow_shock_options, draws) + 2 * sizeof(double)},
    {"rho_hi", parse_share, offsetof(flow_shock_options, draws) + 3 * sizeof(double)},
    {"size_attribute", parse_optional, offsetof(flow_shock_options, size_attribute)},
    {"capital_attribute", parse_optional, offsetof(flow_shock_options, capital_attribute)},
    {"by_product", parse_bool, offsetof(flow_shock_options, by_product)},
    {"prices", parse_prices, offsetof(flow_shock_options, prices)},
};

int flow_shock_options_set(flow_shock_options *o, const char *name, const char *value)
{
    if (o == NULL || name == NULL || value == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_shock_options_set: NULL argument");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(name, keys[i].name) == 0)
            return keys[i].parse(o, keys[i].field, name, value);
    return flow_i_fail(FLOW_ERR_INVALID_ARG, "shock option '%s' does not exist (value '%s')", name,
                       value);
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
