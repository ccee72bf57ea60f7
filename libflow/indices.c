/*
 * indices.c - dyadic dependence and asymmetry measures of one flow matrix:
 * shares, Barbieri (1996), size-relative dependence and asymmetry,
 * Keohane & Nye (1977) sensitivity and vulnerability (the latter with the
 * importer's remaining supplier concentration); and the cross-layer
 * profile of one dyad.
 */
#include "flowmat.h"
#include "indices_internal.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>

struct flow_dyads {
    int64_t n;
    double *measures;   /* FLOW_DYAD_MEASURE_COUNT contiguous n x n matrices */
    flow_labels *codes; /* economy codes (from a dataset), or NULL */
};

/* Per-economy totals the dyadic formulas divide by. */
struct totals {
    double *exports, *imports, *trade;
    long double *imports_ld, *imports_sq; /* sum_k T_ki and sum_k T_ki^2 (extended) */
    int64_t *suppliers;                   /* number of k with T_ki > 0 per importer i */
};

static int check_sizes(const double *sizes, int64_t n)
{
    if (sizes == NULL)
        return FLOW_OK;
    for (int64_t i = 0; i < n; i++) {
        double s = sizes[i];
        if (!isnan(s) && !(isfinite(s) && s > 0.0))
            return flow_i_fail(FLOW_ERR_VALUE,
                               "sizes[%lld] = %g: economy sizes must be positive and finite "
                               "(NaN for unknown)",
                               (long long)i, s);
    }
    return FLOW_OK;
}

static double ratio_or_nan(double num, double den)
{
    return den > 0.0 ? num / den : NAN;
}

/*
 * Concentration of the suppliers importer i keeps when supplier j is lost:
 * the HHI of T_ki / (M_i - T_ji) over k != j, from the extended-precision
 * column totals less j's term. No other supplier (no channel to switch to)
 * is total concentration.
 */
static double alternative_hhi(const struct totals *t, int64_t i, double tji)
{
    long double rest = t->imports_ld[i] - tji;
    long double rest_sq = t->imports_sq[i] - (long double)tji * tji;
    int64_t others = t->suppliers[i] - (tji > 0.0);
    if (others <= 0 || rest <= 0.0L)
        return 1.0;
    double h = (double)(rest_sq / (rest * rest));
    return h < 0.0 ? 0.0 : (h > 1.0 ? 1.0 : h);
}

static void fill_measures(double *out, const double *t, int64_t n, const struct totals *tot,
                          const double *sizes)
{
    int64_t nn = n * n;
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < n; j++) {
            int64_t ij = i * n + j;
            double tij = t[ij], tji = t[j * n + i];
            double ts_ij = ratio_or_nan(tij + tji, tot->trade[i]);
            double ts_ji = ratio_or_nan(tij + tji, tot->trade[j]);
            int zero_dyad = tij + tji == 0.0;
            double d_ij, d_ji;
            if (sizes != NULL) {
                d_ij = (tij + tji) / sizes[i]; /* NaN size propagates */
                d_ji = (tij + tji) / sizes[j];
            } else {
                d_ij = ts_ij;
                d_ji = ts_ji;
            }
            double salience = zero_dyad ? 0.0 : sqrt(ts_ij * ts_ji);
            double symmetry = zero_dyad ? NAN : 1.0 - fabs(ts_ij - ts_ji);
            double import_share = ratio_or_nan(tji, tot->imports[i]);
            double alt = alternative_hhi(tot, i, tji);
            out[FLOW_DYAD_EXPORT_SHARE * nn + ij] = ratio_or_nan(tij, tot->exports[i]);
            out[FLOW_DYAD_IMPORT_SHARE * nn + ij] = import_share;
            out[FLOW_DYAD_TRADE_SHARE * nn + ij] = ts_ij;
            out[FLOW_DYAD_SALIENCE * nn + ij] = salience;
            out[FLOW_DYAD_SYMMETRY * nn + ij] = symmetry;
            out[FLOW_DYAD_INTERDEPENDENCE * nn + ij] = zero_dyad ? 0.0 : salience * symmetry;
            out[FLOW_DYAD_DEPENDENCE * nn + ij] = d_ij;
            out[FLOW_DYAD_ASYMMETRY * nn + ij] = zero_dyad ? NAN : d_ij - d_ji;
            out[FLOW_DYAD_NORMALIZED_ASYMMETRY * nn + ij] =
                zero_dyad ? NAN : (d_ij - d_ji) / (d_ij + d_ji);
            out[FLOW_DYAD_ALTERNATIVE_HHI * nn + ij] = alt;
            out[FLOW_DYAD_VULNERABILITY * nn + ij] = import_share * alt;
        }
    }
}

static int totals_init(struct totals *tot, const double *t, int64_t n)
{
    tot->exports = flow_i_malloc(n, sizeof(double));
    tot->imports = flow_i_malloc(n, sizeof(double));
    tot->trade = flow_i_malloc(n, sizeof(double));
    tot->imports_ld = flow_i_calloc(n, sizeof(long double));
    tot->imports_sq = flow_i_calloc(n, sizeof(long double));
    tot->suppliers = flow_i_calloc(n, sizeof(int64_t));
    if (tot->exports == NULL || tot->imports == NULL || tot->trade == NULL ||
        tot->imports_ld == NULL || tot->imports_sq == NULL || tot->suppliers == NULL)
        return flow_last_error_code();
    flow_i_row_sums(t, n, tot->exports);
    flow_i_col_sums(t, n, tot->imports);
    for (int64_t i = 0; i < n; i++)
        tot->trade[i] = tot->exports[i] + tot->imports[i];
    for (int64_t k = 0; k < n; k++) {
        for (int64_t i = 0; i < n; i++) {
            double tki = t[k * n + i];
            tot->imports_ld[i] += tki;
            tot->imports_sq[i] += (long double)tki * tki;
            tot->suppliers[i] += tki > 0.0;
        }
    }
    return FLOW_OK;
}

static void totals_free(struct totals *tot)
{
    free(tot->exports);
    free(tot->imports);
    free(tot->trade);
    free(tot->imports_ld);
    free(tot->imports_sq);
    free(tot->suppliers);
}

int flow_dyads_new(flow_dyads **out, const double *flows, int64_t n, int64_t row_stride,
                   const double *sizes)
{
    int rc;
    double *t = NULL;
    flow_dyads *d = NULL;
    struct totals tot = {0};
    int64_t nn = 0, total = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyads_new: out is NULL");
    *out = NULL;
    if ((rc = flow_i_flows_copy(&t, flows, 1, n, row_stride, 0, "flows")) != FLOW_OK ||
        (rc = check_sizes(sizes, n)) != FLOW_OK)
        goto cleanup;
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK ||
        (rc = flow_i_mul_size(nn, FLOW_DYAD_MEASURE_COUNT, &total)) != FLOW_OK)
        goto cleanup;
    if ((d = flow_i_calloc(1, sizeof *d)) == NULL ||
        (d->measures = flow_i_malloc(total, sizeof *d->measures)) == NULL ||
        (rc = totals_init(&tot, t, n)) != FLOW_OK) {
        rc = flow_last_error_code();
        goto cleanup;
    }
    d->n = n;
    fill_measures(d->measures, t, n, &tot, sizes);
    *out = d;
    d = NULL;
    rc = FLOW_OK;
cleanup:
    totals_free(&tot);
    free(t);
    flow_dyads_free(d);
    return rc;
}

void flow_dyads_free(flow_dyads *dyads)
{
    if (dyads == NULL)
        return;
    free(dyads->measures);
    flow_labels_free(dyads->codes);
    free(dyads);
}

int64_t flow_i_dyads_order(const flow_dyads *dyads)
{
    return dyads->n;
}

const double *flow_i_dyads_matrix(const flow_dyads *dyads, int measure)
{
    return dyads->measures + (int64_t)measure * dyads->n * dyads->n;
}

int flow_i_dyads_label(flow_dyads *dyads, const flow_labels *codes)
{
    return flow_labels_clone(&dyads->codes, codes);
}

int flow_dyads_table(flow_table **out, const flow_dyads *dyads, int measure)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || dyads == NULL || measure < 0 || measure >= FLOW_DYAD_MEASURE_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyads_table: %s",
                           out == NULL || dyads == NULL ? "NULL argument" : "unknown measure");
    int64_t n = dyads->n;
    int rc = flow_table_new(out, n, n, flow_i_dyads_matrix(dyads, measure), n);
    for (int64_t i = 0; rc == FLOW_OK && dyads->codes != NULL && i < n; i++) {
        const char *code = flow_labels_code(dyads->codes, i);
        if ((rc = flow_table_set_row_label(*out, i, code, NULL)) == FLOW_OK)
            rc = flow_table_set_col_label(*out, i, code, NULL);
    }
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

const char *const flow_i_dyad_measure_names[FLOW_DYAD_MEASURE_COUNT] = {
    "export_share",    "import_share", "trade_share",
    "salience",        "symmetry",     "interdependence",
    "dependence",      "asymmetry",    "normalized_asymmetry",
    "alternative_hhi", "vulnerability"};

void flow_i_dyad_profile_row(flow_table *t, int64_t row, const flow_dyads *d, int64_t i, int64_t j)
{
    int64_t n = flow_i_dyads_order(d);
    double *v = flow_i_table_values(t) + row * FLOW_DYAD_MEASURE_COUNT;
    for (int m = 0; m < FLOW_DYAD_MEASURE_COUNT; m++)
        v[m] = flow_i_dyads_matrix(d, m)[i * n + j];
}

int flow_dyad_profile(flow_table **out, const double *layers, int64_t n_layers, int64_t n,
                      int64_t row_stride, const double *sizes, int64_t i, int64_t j)
{
    int rc;
    int64_t layer_offset = 0;
    if (out != NULL)
        *out = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_dyad_profile: out is NULL");
    if (i < 0 || i >= n || j < 0 || j >= n)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "dyad (%lld, %lld) is outside a system of order %lld", (long long)i,
                           (long long)j, (long long)n);
    if (n_layers < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "negative layer count %lld", (long long)n_layers);
    if ((rc = flow_i_mul_size(n, row_stride, &layer_offset)) != FLOW_OK ||
        (rc = flow_i_table_new_columns(out, n_layers, FLOW_DYAD_MEASURE_COUNT,
                                       flow_i_dyad_measure_names)) != FLOW_OK)
        return rc;
    for (int64_t l = 0; l < n_layers && rc == FLOW_OK; l++) {
        flow_dyads *d = NULL;
        if ((rc = flow_dyads_new(&d, layers + l * layer_offset, n, row_stride, sizes)) != FLOW_OK) {
            char why[512];
            flow_last_error_copy(why, (int64_t)sizeof why);
            rc = flow_i_fail(rc, "layer %lld: %s", (long long)l, why);
            break;
        }
        flow_i_dyad_profile_row(*out, l, d, i, j);
        flow_dyads_free(d);
    }
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}
