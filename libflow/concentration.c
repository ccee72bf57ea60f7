/*
 * concentration.c - Herfindahl-Hirschman concentration of suppliers and of
 * world exports, and the EU / CEPII strategic-dependency flags built on them
 * (European Commission SWD(2021) 352; CEPII GeoDep, 2024).
 */
#include "flowmat.h"
#include "indices_internal.h"
#include "internal.h"
#include "options_table.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * Sum of squared shares v_k / sum(v) over n values (stride apart); NaN when
 * the sum is 0. Value `residual` (-1: none) is a residual aggregate: it counts
 * in the sum but adds no square (it stands for many small parts).
 */
static double hhi(const double *v, int64_t n, int64_t stride, int64_t residual)
{
    double sum = 0.0, sq = 0.0;
    for (int64_t k = 0; k < n; k++)
        sum += v[k * stride];
    if (!(sum > 0.0))
        return NAN;
    for (int64_t k = 0; k < n; k++) {
        double s = k == residual ? 0.0 : v[k * stride] / sum;
        sq += s * s;
    }
    return sq;
}

/* Supplier HHI of each importer (column) of the contiguous n x n matrix t. */
static void supplier_hhi_row(double *dst, const double *t, int64_t n, int64_t residual)
{
    for (int64_t j = 0; j < n; j++)
        dst[j] = hhi(t + j, n, n, residual);
}

/* World-export HHI of the contiguous n x n matrix t, using exports as scratch. */
static double export_hhi_one(const double *t, int64_t n, double *exports, int64_t residual)
{
    flow_i_row_sums(t, n, exports);
    return hhi(exports, n, 1, residual);
}

/* Row groups "0", "1", ... naming the matrix of each block of n rows of t. */
static int group_by_matrix(flow_table *t, int64_t n_mats, int64_t n)
{
    char group[24];
    int rc = FLOW_OK;
    for (int64_t k = 0; rc == FLOW_OK && n_mats > 1 && k < n_mats; k++) {
        snprintf(group, sizeof group, "%lld", (long long)k);
        for (int64_t j = 0; rc == FLOW_OK && j < n; j++)
            rc = flow_table_set_row_label(t, k * n + j, "", group);
    }
    return rc;
}

int flow_supplier_hhi(flow_table **out, const double *flows, int64_t n_mats, int64_t n,
                      int64_t row_stride)
{
    static const char *const columns[] = {"supplier_hhi"};
    double *t = NULL;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_supplier_hhi: out is NULL");
    *out = NULL;
    if ((rc = flow_i_flows_copy(&t, flows, n_mats, n, row_stride, 0, "flows")) != FLOW_OK)
        return rc;
    if ((rc = flow_i_table_new_columns(out, n_mats * n, 1, columns)) == FLOW_OK) {
        for (int64_t k = 0; k < n_mats; k++)
            supplier_hhi_row(flow_i_table_values(*out) + k * n, t + k * n * n, n, -1);
        rc = group_by_matrix(*out, n_mats, n);
    }
    free(t);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_export_hhi(flow_table **out, const double *flows, int64_t n_mats, int64_t n,
                    int64_t row_stride)
{
    static const char *const columns[] = {"export_hhi"};
    double *t = NULL, *exports = NULL;
    int rc;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_export_hhi: out is NULL");
    *out = NULL;
    if ((rc = flow_i_flows_copy(&t, flows, n_mats, n, row_stride, 0, "flows")) != FLOW_OK)
        return rc;
    if ((exports = flow_i_malloc(n, sizeof *exports)) == NULL)
        rc = flow_last_error_code();
    else if ((rc = flow_i_table_new_columns(out, n_mats, 1, columns)) == FLOW_OK)
        for (int64_t k = 0; k < n_mats; k++)
            flow_i_table_values(*out)[k] = export_hhi_one(t + k * n * n, n, exports, -1);
    free(exports);
    free(t);
    return rc;
}

/* ------------------------------------------------------------ flags */

struct flow_depflag_options {
    double import_hhi, export_hhi, ratio;
    int64_t min_years, window;
    int64_t residual;   /* economy index of a residual aggregate (ROW), -1: none */
    double extra_share; /* EU criterion: share of imports from outside the bloc (with a bloc) */
    int64_t *bloc;      /* economy indices of the bloc (owned), bloc_count of them */
    int64_t bloc_count;
};

static const flow_depflag_options default_options = {.import_hhi = 0.4,
                                                     .export_hhi = 0.4,
                                                     .ratio = 1.0,
                                                     .min_years = 2,
                                                     .window = 3,
                                                     .residual = -1,
                                                     .extra_share = 0.5,
                                                     .bloc = NULL,
                                                     .bloc_count = 0};

int flow_depflag_options_new(flow_depflag_options **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_depflag_options_new: out is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    if (*out == NULL)
        return flow_last_error_code();
    **out = default_options;
    return FLOW_OK;
}

void flow_depflag_options_free(flow_depflag_options *options)
{
    if (options != NULL)
        free(options->bloc);
    free(options);
}

/* "MIN,WINDOW": flagged in at least MIN of the last WINDOW years. */
static int apply_persistence(void *opts, const struct flow_i_option *k, const char *v)
{
    flow_depflag_options *o = opts;
    int64_t *pair = NULL, count = 0;
    int rc = flow_i_option_int_list(k, v, &pair, &count);
    if (rc != FLOW_OK)
        return rc;
    int ok = count == 2 && pair[1] >= 1 && pair[0] >= 1 && pair[0] <= pair[1];
    if (ok) {
        o->min_years = pair[0];
        o->window = pair[1];
    }
    free(pair);
    return ok ? FLOW_OK : flow_i_option_reject(k, v, "is not MIN,WINDOW with 1 <= MIN <= WINDOW");
}

static int apply_bloc(void *opts, const struct flow_i_option *k, const char *v)
{
    flow_depflag_options *o = opts;
    int64_t *bloc = NULL, count = 0;
    int rc = flow_i_option_int_list(k, v, &bloc, &count);
    if (rc != FLOW_OK)
        return rc;
    free(o->bloc);
    o->bloc = bloc;
    o->bloc_count = count;
    return FLOW_OK;
}

#define AT(field) offsetof(flow_depflag_options, field)

static const struct flow_i_option depflag_keys[] = {
    {"import_hhi", flow_i_apply_double, AT(import_hhi), 0, HUGE_VAL, NULL},
    {"export_hhi", flow_i_apply_double, AT(export_hhi), 0, HUGE_VAL, NULL},
    {"import_export_ratio", flow_i_apply_double, AT(ratio), 0, HUGE_VAL, NULL},
    {"persistence", apply_persistence, AT(min_years), 1, 0, NULL},
    {"residual", flow_i_apply_int, AT(residual), -1, FLOW_I_OPTION_UNBOUNDED, NULL},
    {"extra_share_members", apply_bloc, AT(bloc), 0, 0, NULL},
    {"extra_share_threshold", flow_i_apply_double, AT(extra_share), 0, 1, NULL},
};

int flow_depflag_options_set(flow_depflag_options *options, const char *name, const char *value)
{
    return flow_i_options_set(options, "dependency-flag", depflag_keys,
                              sizeof depflag_keys / sizeof depflag_keys[0], name, value);
}

/* Share of importer i's imports (column i of t) from outside the bloc. */
static double extra_bloc_share(const flow_depflag_options *o, const double *t, int64_t n, int64_t i,
                               double imports)
{
    double inside = 0.0;
    for (int64_t k = 0; k < o->bloc_count; k++)
        if (o->bloc[k] < n)
            inside += t[o->bloc[k] * n + i];
    return imports > 0.0 ? (imports - inside) / imports : NAN;
}

/* The flags while they are evaluated; the result is the table they write. */
struct depflags {
    int64_t n_years, n_products, n;
    int64_t min_years, window; /* persistence rule */
    double *parts;             /* [year][part][product][importer] */
    double *persistent;        /* [year][product][importer] */
    int64_t *seen;             /* [year]: years with data in the window ending at it */
    const int64_t *years;      /* calendar years (borrowed), or NULL: the year index */
};

/* The calendar year of year index y. */
static int64_t calendar(const struct depflags *f, int64_t y)
{
    return f->years != NULL ? f->years[y] : y;
}

static double *part_of(const struct depflags *f, int64_t year, int part)
{
    return f->parts + ((year * FLOW_DEPFLAG_PART_COUNT + part) * f->n_products) * f->n;
}

/* The four parts of one year and product from its contiguous n x n matrix t. */
static void flag_product(struct depflags *f, const flow_depflag_options *o, int64_t year, int64_t p,
                         const double *t, double *exports, double *imports)
{
    int64_t n = f->n, at = p * n;
    double *ihhi = part_of(f, year, FLOW_DEPFLAG_IMPORT_HHI) + at;
    double *ehhi = part_of(f, year, FLOW_DEPFLAG_EXPORT_HHI) + at;
    double *ratio = part_of(f, year, FLOW_DEPFLAG_IMPORT_EXPORT_RATIO) + at;
    double *flag = part_of(f, year, FLOW_DEPFLAG_FLAG) + at;
    double world = export_hhi_one(t, n, exports, o->residual);
    flow_i_col_sums(t, n, imports);
    supplier_hhi_row(ihhi, t, n, o->residual);
    for (int64_t i = 0; i < n; i++) {
        ehhi[i] = world;
        if (imports[i] > 0.0)
            ratio[i] = exports[i] > 0.0 ? imports[i] / exports[i] : INFINITY;
        else
            ratio[i] = exports[i] > 0.0 ? 0.0 : NAN;
        /* NaN components compare false: no imports, no flag. */
        flag[i] = ihhi[i] > o->import_hhi && world > o->export_hhi && ratio[i] > o->ratio;
        if (o->bloc_count > 0)
            flag[i] = flag[i] && extra_bloc_share(o, t, n, i, imports[i]) > o->extra_share;
    }
}

/*
 * Persistence at every year: flagged in at least min_years of the window
 * calendar years ending at it (CEPII GeoDep: 3 years). A calendar year
 * without data counts as not flagged, so a later year loaded never enters
 * an earlier table.
 */
static void persistence(struct depflags *f)
{
    int64_t cells = f->n_products * f->n;
    for (int64_t y = 0; y < f->n_years; y++) {
        double *out = f->persistent + y * cells;
        int64_t from = calendar(f, y) - f->window + 1;
        f->seen[y] = 0;
        for (int64_t k = 0; k <= y; k++)
            f->seen[y] += calendar(f, k) >= from;
        for (int64_t c = 0; c < cells; c++) {
            int64_t count = 0;
            for (int64_t k = 0; k <= y; k++)
                count += calendar(f, k) >= from && part_of(f, k, FLOW_DEPFLAG_FLAG)[c] > 0.0;
            out[c] = count >= f->min_years;
        }
    }
}

static void depflags_release(struct depflags *f)
{
    free(f->parts);
    free(f->persistent);
    free(f->seen);
}

/* Evaluates every part and the persistence of the stack t (contiguous). */
static int evaluate(struct depflags *f, const flow_depflag_options *o, const double *t)
{
    int64_t cells = 0, parts = 0, n = f->n, np = f->n_products;
    double *exports = NULL, *imports = NULL;
    int rc = FLOW_OK;
    if ((rc = flow_i_mul_size(f->n_years * np, n, &cells)) != FLOW_OK ||
        (rc = flow_i_mul_size(cells, FLOW_DEPFLAG_PART_COUNT, &parts)) != FLOW_OK)
        return rc;
    if ((f->parts = flow_i_malloc(parts, sizeof *f->parts)) == NULL ||
        (f->persistent = flow_i_malloc(cells, sizeof *f->persistent)) == NULL ||
        (f->seen = flow_i_calloc(f->n_years, sizeof *f->seen)) == NULL ||
        (exports = flow_i_malloc(n, sizeof *exports)) == NULL ||
        (imports = flow_i_malloc(n, sizeof *imports)) == NULL)
        rc = flow_last_error_code();
    for (int64_t y = 0; rc == FLOW_OK && y < f->n_years; y++)
        for (int64_t p = 0; p < np; p++)
            flag_product(f, o, y, p, t + (y * np + p) * n * n, exports, imports);
    if (rc == FLOW_OK)
        persistence(f);
    free(exports);
    free(imports);
    return rc;
}

/* Column names of the flags table: the parts in flow_depflag_part order, then these. */
static const char *const flag_columns[FLOW_DEPFLAG_COLUMN_COUNT] = {
    "import_hhi", "export_hhi", "import_export_ratio", "flag", "persistent", "years_seen", "year"};

/* The label of row group p: the product code, or its index when there are several. */
static const char *product_group(char *buf, size_t cap, const struct depflags *f,
                                 const flow_i_depflag_labels *labels, int64_t p)
{
    if (labels != NULL && labels->products != NULL)
        return labels->products[p];
    if (f->n_products < 2)
        return "";
    snprintf(buf, cap, "%lld", (long long)p);
    return buf;
}

/* Writes f into a new table (rows year-major, then product, then importer). */
static int write_table(flow_table **out, const struct depflags *f,
                       const flow_i_depflag_labels *labels)
{
    int64_t n = f->n, np = f->n_products, rows = f->n_years * np * n;
    char index[24];
    int rc = flow_i_table_new_columns(out, rows, FLOW_DEPFLAG_COLUMN_COUNT, flag_columns);
    if (rc != FLOW_OK)
        return rc;
    double *v = flow_i_table_values(*out);
    for (int64_t y = 0; y < f->n_years; y++)
        for (int64_t p = 0; p < np; p++)
            for (int64_t i = 0; i < n; i++) {
                double *row = v + ((y * np + p) * n + i) * FLOW_DEPFLAG_COLUMN_COUNT;
                for (int part = 0; part < FLOW_DEPFLAG_PART_COUNT; part++)
                    row[part] = part_of(f, y, part)[p * n + i];
                row[FLOW_DEPFLAG_PERSISTENT] = f->persistent[(y * np + p) * n + i];
                row[FLOW_DEPFLAG_YEARS_SEEN] = (double)f->seen[y];
                row[FLOW_DEPFLAG_YEAR] = (double)calendar(f, y);
            }
    for (int64_t r = 0; rc == FLOW_OK && r < rows; r++) {
        const char *code = labels != NULL && labels->economies != NULL
                               ? flow_labels_code(labels->economies, r % n)
                               : "";
        rc = flow_table_set_row_label(*out, r, code,
                                      product_group(index, sizeof index, f, labels, (r / n) % np));
    }
    const double sizes[] = {(double)f->n_years, (double)np, (double)n, (double)f->min_years,
                            (double)f->window};
    static const char *const names[] = {"year_count", "product_count", "economy_count", "min_years",
                                        "window"};
    for (size_t k = 0; rc == FLOW_OK && k < sizeof names / sizeof *names; k++)
        rc = flow_table_set_scalar(*out, names[k], sizes[k]);
    return rc;
}

int flow_i_depflags_table(flow_table **out, const flow_depflag_options *options,
                          const double *flows, int64_t n_years, int64_t n_products, int64_t n,
                          int64_t row_stride, const flow_i_depflag_labels *labels)
{
    int rc;
    double *t = NULL;
    const flow_depflag_options *o = options != NULL ? options : &default_options;
    struct depflags f = {.n_years = n_years,
                         .n_products = n_products,
                         .n = n,
                         .min_years = o->min_years,
                         .window = o->window,
                         .years = labels != NULL ? labels->years : NULL};
    int64_t mats = 0;
    *out = NULL;
    if (n_years < 0 || n_products < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "negative count (%lld years, %lld products)",
                           (long long)n_years, (long long)n_products);
    if ((rc = flow_i_mul_size(n_years, n_products, &mats)) == FLOW_OK &&
        (rc = flow_i_flows_copy(&t, flows, mats, n, row_stride, 0, "flows")) == FLOW_OK &&
        (rc = evaluate(&f, o, t)) == FLOW_OK)
        rc = write_table(out, &f, labels);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    depflags_release(&f);
    free(t);
    return rc;
}

int flow_depflags_new(flow_table **out, const flow_depflag_options *options, const double *flows,
                      int64_t n_years, int64_t n_products, int64_t n, int64_t row_stride)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_depflags_new: out is NULL");
    return flow_i_depflags_table(out, options, flows, n_years, n_products, n, row_stride, NULL);
}
