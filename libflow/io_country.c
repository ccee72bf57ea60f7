/*
 * io_country.c - the one way from a dataset layer to a country-level IO
 * system: which economies take part, how each is sized (the flow_country_size
 * convention of io.h), and the model built from them. The shock report builds
 * its systems here too, so that a report, a batch and a direct run see the
 * same system.
 */
#include "dataset_internal.h"
#include "io_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void flow_i_country_clear(flow_i_country *c)
{
    free(c->index);
    free(c->flows);
    free(c->size);
    free(c->codes);
    memset(c, 0, sizeof *c);
}

double flow_i_country_gdp_scale(const char *unit)
{
    static const struct {
        const char *unit;
        double scale;
    } units[] = {
        {"USD_bn", 1.0}, {"USD_m", 1e3}, {"USD_k", 1e6}, {"USD_thousand", 1e6}, {"USD", 1e9}};
    for (size_t i = 0; unit != NULL && i < sizeof units / sizeof *units; i++)
        if (strcmp(unit, units[i].unit) == 0)
            return units[i].scale;
    return 0.0;
}

/* The size of one economy by convention; GDP conventions fall back to traded volume. */
static double size_of(int convention, double gdp, double sent, double received)
{
    if (convention == FLOW_SIZE_TRADED || !(gdp > 0.0))
        return sent + received;
    switch (convention) {
        case FLOW_SIZE_GDP_PLUS_EXPORTS:
            return gdp + sent;
        case FLOW_SIZE_GDP:
            return gdp;
        default:
            return gdp + received;
    }
}

int flow_i_country_build(flow_i_country *c, const flow_labels *labels, const double *all, int64_t n,
                         const double *gdp, double gdp_scale, int convention)
{
    int64_t m = 0, mm = 0;
    memset(c, 0, sizeof *c);
    c->index = flow_i_malloc(n, sizeof *c->index);
    c->codes = flow_i_malloc(n, sizeof *c->codes);
    c->size = flow_i_malloc(n, sizeof *c->size);
    if (!c->index || !c->codes || !c->size)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; i < n; i++) {
        double sent = 0.0, received = 0.0;
        for (int64_t j = 0; j < n; j++)
            if (i != j) {
                sent += all[i * n + j];
                received += all[j * n + i];
            }
        if (!(sent + received > 0.0))
            continue;
        double g = gdp != NULL && gdp_scale > 0.0 ? gdp[i] * gdp_scale : NAN;
        c->size[m] = size_of(convention, g, sent, received);
        c->codes[m] = flow_labels_code(labels, i);
        c->index[m++] = i;
    }
    c->m = m;
    if (flow_i_mul_size(m, m, &mm) != FLOW_OK ||
        (c->flows = flow_i_calloc(mm, sizeof *c->flows)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t p = 0; p < m; p++)
        for (int64_t q = 0; q < m; q++)
            if (p != q)
                c->flows[p * m + q] = all[c->index[p] * n + c->index[q]];
    return FLOW_OK;
}

/*
 * Sums the matrices of (layer, year, product) into all (n x n; product "*":
 * every product of the layer and year) and returns their unit; they must
 * share it.
 */
static int gather(const flow_dataset *ds, const char *layer, int64_t year, const char *product,
                  double *all, int64_t n, const char **unit)
{
    int64_t matched = 0;
    *unit = NULL;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l, *p;
        const double *v;
        int64_t y, order, stride;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (y != year || strcmp(l, layer) != 0 ||
            (strcmp(product, "*") != 0 && strcmp(p, product) != 0) ||
            flow_dataset_matrix_view(ds, l, y, p, &v, &order, &stride) != FLOW_OK)
            continue;
        const char *u = flow_dataset_matrix_unit(ds, l, y, p);
        if (*unit != NULL && strcmp(*unit, u) != 0)
            return flow_i_fail(FLOW_ERR_DIMENSION,
                               "layer '%s', year %lld mixes units '%s' and '%s': choose a product",
                               layer, (long long)year, *unit, u);
        *unit = u;
        matched++;
        for (int64_t i = 0; i < order; i++)
            for (int64_t j = 0; j < order; j++)
                all[i * n + j] += v[i * stride + j];
    }
    if (matched == 0)
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "no matrix for layer '%s', year %lld, product '%s'",
                           layer, (long long)year, product);
    return FLOW_OK;
}

int flow_io_model_new_from_dataset(flow_io_model **out, const flow_dataset *ds, const char *layer,
                                   int64_t year, const char *product, const char *gdp_attribute,
                                   int size)
{
    flow_i_country c = {0};
    double *all = NULL, *gdp = NULL;
    const char *unit = NULL;
    int64_t n = flow_dataset_economy_count(ds), nn = 0;
    int rc;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || ds == NULL || layer == NULL || size < 0 || size >= FLOW_COUNTRY_SIZE_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_io_model_new_from_dataset: NULL argument or size convention %d "
                           "outside [0, %d)",
                           size, FLOW_COUNTRY_SIZE_COUNT);
    if (size != FLOW_SIZE_TRADED && gdp_attribute == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "size convention %d needs a GDP attribute (or FLOW_SIZE_TRADED)", size);
    if (flow_dataset_layer_kind(ds, layer) == FLOW_LAYER_STOCK)
        return flow_i_fail(FLOW_ERR_VALUE,
                           "layer '%s' holds stocks (positions at a date), not flows: an IO "
                           "system needs flows; run contagion on it (flow_debtrank_run_scenario, "
                           "flow_clearing_vector) or declare it a flow layer",
                           layer);
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    if ((all = flow_i_calloc(nn, sizeof *all)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    if ((rc = gather(ds, layer, year, product != NULL ? product : "", all, n, &unit)) != FLOW_OK)
        goto cleanup;
    if (size != FLOW_SIZE_TRADED) {
        if ((gdp = flow_i_malloc(n, sizeof *gdp)) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto cleanup;
        }
        if ((rc = flow_i_dataset_attribute(ds, gdp_attribute, gdp, n)) != FLOW_OK)
            goto cleanup;
    }
    if ((rc = flow_i_country_build(&c, flow_dataset_economies(ds), all, n, gdp,
                                   flow_i_country_gdp_scale(unit), size)) != FLOW_OK)
        goto cleanup;
    if (c.m == 0) {
        rc = flow_i_fail(FLOW_ERR_EMPTY, "layer '%s', year %lld has no flow between economies",
                         layer, (long long)year);
        goto cleanup;
    }
    rc = flow_io_model_new_country(out, c.m, c.flows, c.m, c.size, c.codes);
cleanup:
    flow_i_country_clear(&c);
    free(all);
    free(gdp);
    return rc;
}
