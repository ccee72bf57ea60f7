/*
 * io_diagnostics.c - what is wrong (or fine) with an IO table: zero-output
 * sectors, negative entries, bounds and an estimate of rho(A), conditioning
 * and the residual of the solve, and a given x against the row sums.
 */
#include "io_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct flow_io_diagnostics {
    int status;
    int64_t zero_count;
    int64_t *zero; /* indices of zero-output sectors */
    int64_t negative_z, negative_y, negative_v;
    double max_colsum, min_colsum;
    double rho, rho_lower, rho_upper;
    double rcond, residual;
    double mismatch;
    int64_t mismatch_index, mismatch_count;
    char *summary;
};

static int64_t count_negative(const double *values, int64_t count)
{
    int64_t neg = 0;
    for (int64_t i = 0; i < count; i++)
        neg += values[i] < 0.0;
    return neg;
}

static void scan_entries(const flow_io_model *m, const double *a, flow_io_diagnostics *d)
{
    int64_t n = flow_io_model_order(m), k = flow_io_model_final_demand_count(m);
    const double *y = flow_io_model_final_demand(m);
    const double *x = flow_io_model_output(m);
    d->negative_z = count_negative(flow_io_model_intermediate(m), n * n);
    d->negative_y = count_negative(y, n * k);
    d->negative_v = count_negative(flow_io_model_value_added(m), n);
    d->max_colsum = n > 0 ? -DBL_MAX : NAN;
    d->min_colsum = n > 0 ? DBL_MAX : NAN;
    for (int64_t j = 0; j < n; j++) {
        double sum = 0.0;
        for (int64_t i = 0; i < n; i++)
            sum += a[i * n + j];
        d->max_colsum = fmax(d->max_colsum, sum);
        d->min_colsum = fmin(d->min_colsum, sum);
        if (x[j] == 0.0)
            d->zero[d->zero_count++] = j;
    }
}

/*
 * Given x against Z 1 + Y 1: the relative gap |x - s| / max(|x|, |s|). The
 * largest gap is always reported; its sector only when the gap is above the
 * tolerance (-1 otherwise), so that index 0 never reads as "sector 0 is off".
 */
static void check_output(const flow_io_model *m, double tolerance, flow_io_diagnostics *d)
{
    int64_t n = flow_io_model_order(m);
    const double *z = flow_io_model_intermediate(m), *x = flow_io_model_output(m);
    const double *y = flow_io_model_final_demand_total(m);
    d->mismatch_index = -1;
    for (int64_t i = 0; i < n; i++) {
        double s = y[i];
        for (int64_t j = 0; j < n; j++)
            s += z[i * n + j];
        double scale = fmax(fabs(x[i]), fabs(s));
        double gap = scale > 0.0 ? fabs(x[i] - s) / scale : 0.0;
        if (gap > tolerance) {
            d->mismatch_count++;
            if (d->mismatch_index < 0 || gap > d->mismatch)
                d->mismatch_index = i;
        }
        d->mismatch = fmax(d->mismatch, gap);
    }
}

/*
 * A lower Collatz-Wielandt bound that survives reducible A. For w >= 0,
 * w != 0, rho(A) >= min over i with w_i > 0 of (A w)_i / w_i. The plain
 * bound (w = u) is stuck below the ratio of any component that decays under
 * the iteration - a zero-output sector has ratio 0 for ever - so u is also
 * truncated at rising thresholds tau * max(u) (dropping components is
 * monotone, so each stage only subtracts the newly dropped columns from A u,
 * O(n) per column) and the best of the valid bounds is kept. aw holds A u on
 * entry and is overwritten; drop is scratch of n flags.
 */
static double truncated_lower_bound(const double *a, int64_t n, const double *u, double *aw,
                                    unsigned char *drop)
{
    double umax = 0.0, best = 0.0;
    for (int64_t i = 0; i < n; i++)
        umax = fmax(umax, u[i]);
    memset(drop, 0, (size_t)n);
    for (double tau = 0.0; tau<1.0; tau = tau> 0.0 ? tau * 10.0 : 1e-15) {
        double lo = DBL_MAX;
        for (int64_t j = 0; j < n; j++) {
            if (!drop[j] && u[j] < tau * umax) {
                drop[j] = 1;
                for (int64_t i = 0; i < n; i++)
                    aw[i] -= a[i * n + j] * u[j];
            }
        }
        for (int64_t i = 0; i < n; i++)
            if (!drop[i])
                lo = fmin(lo, aw[i] / u[i]);
        if (lo < DBL_MAX)
            best = fmax(best, lo);
    }
    return best;
}

/* max(||A||_1, ||A||_inf) bound rho of any A; used when A has negative entries. */
static double norm_bound(const double *a, int64_t n)
{
    double col = 0.0, row = 0.0;
    for (int64_t i = 0; i < n; i++) {
        double r = 0.0, c = 0.0;
        for (int64_t j = 0; j < n; j++) {
            r += fabs(a[i * n + j]);
            c += fabs(a[j * n + i]);
        }
        row = fmax(row, r);
        col = fmax(col, c);
    }
    return fmin(row, col);
}

/*
 * Power iteration on A + sI with a small shift s > 0 (a tenth of the largest
 * column sum): the same Perron vector as A, an iterate that stays positive for
 * A >= 0 (it is floored at DBL_MIN so that decaying components never
 * underflow to 0) and convergence also when A is imprimitive (eigenvalue
 * -rho). For A >= 0 every positive iterate u gives a valid bracket: the upper
 * Collatz-Wielandt ratio max (A u)_i / u_i, and the truncated lower bound
 * above; the tightest bracket over the iterations is kept, and the estimate
 * ||(A + sI) u|| - s is clamped into it. With negative entries no such
 * bracket exists: it is [0, min(||A||_1, ||A||_inf)] and the estimate is only
 * indicative. The iteration count is capped so that the matrix is read at
 * most about 5e8 times in all, a fraction of the work of one factorisation at
 * large n; the bracket says how far the estimate got.
 */
static int spectral_radius(const flow_io_model *m, const double *a, flow_io_diagnostics *d)
{
    int64_t n = flow_io_model_order(m);
    d->rho = d->rho_lower = d->rho_upper = NAN;
    if (n == 0)
        return FLOW_OK;
    double *u = flow_i_malloc(n, sizeof *u), *au = flow_i_malloc(n, sizeof *au);
    double *aw = flow_i_malloc(n, sizeof *aw);
    unsigned char *drop = flow_i_malloc(n, 1);
    int rc = FLOW_ERR_NOMEM;
    if (u == NULL || au == NULL || aw == NULL || drop == NULL)
        goto cleanup;
    int nonnegative = count_negative(a, n * n) == 0;
    double shift = d->max_colsum > 0.0 ? 0.1 * d->max_colsum : 1.0;
    double budget = 5e8 / ((double)n * (double)n);
    int64_t max_iter = budget > 1000.0 ? 1000 : (budget < 20.0 ? 20 : (int64_t)budget);
    double lower = 0.0, upper = nonnegative ? INFINITY : norm_bound(a, n), estimate = NAN;
    for (int64_t i = 0; i < n; i++)
        u[i] = 1.0 / sqrt((double)n);
    for (int64_t it = 0; it < max_iter; it++) {
        if ((rc = flow_i_gemv(0, n, n, 1.0, a, n, u, 0.0, au)) != FLOW_OK)
            goto cleanup;
        if (nonnegative) {
            double hi = 0.0;
            for (int64_t i = 0; i < n; i++)
                hi = fmax(hi, au[i] / u[i]);
            upper = fmin(upper, hi);
            if (lower < upper * (1.0 - 1e-10)) {
                memcpy(aw, au, (size_t)n * sizeof *aw);
                lower = fmax(lower, truncated_lower_bound(a, n, u, aw, drop));
            }
        }
        double norm = 0.0;
        for (int64_t i = 0; i < n; i++) {
            au[i] += shift * u[i];
            norm += au[i] * au[i];
        }
        norm = sqrt(norm);
        estimate = norm - shift;
        if (!(norm > 0.0) || (nonnegative && lower >= upper * (1.0 - 1e-10)))
            break;
        for (int64_t i = 0; i < n; i++)
            u[i] = nonnegative ? fmax(au[i] / norm, DBL_MIN) : au[i] / norm;
    }
    d->rho_lower = lower;
    d->rho_upper = upper;
    d->rho = fmin(fmax(estimate, lower), upper);
    rc = FLOW_OK;
cleanup:
    free(u);
    free(au);
    free(aw);
    free(drop);
    return rc;
}

/* max_i sum_j |(I - A)_ij|, the norm the condition estimate needs. */
static double leontief_inf_norm(const double *a, int64_t n)
{
    double norm = 0.0;
    for (int64_t i = 0; i < n; i++) {
        double row = 0.0;
        for (int64_t j = 0; j < n; j++)
            row += fabs((double)(i == j) - a[i * n + j]);
        norm = fmax(norm, row);
    }
    return norm;
}

/* rcond and residual: from the model's LU when productive, else a private one. */
static int conditioning(flow_io_model *m, const double *a, flow_io_diagnostics *d)
{
    const flow_i_lu *cached = NULL;
    flow_i_lu *own = NULL;
    int64_t n = flow_io_model_order(m);
    const double *y = flow_io_model_final_demand_total(m);
    d->status = flow_i_io_leontief_lu(m, &cached);
    d->rcond = 0.0;
    d->residual = NAN;
    if (d->status == FLOW_ERR_NOMEM)
        return FLOW_ERR_NOMEM;
    if (d->status != FLOW_OK) {
        int rc = flow_i_io_factor_unchecked(&own, a, n);
        if (rc == FLOW_ERR_NOMEM)
            return rc;
        cached = own;
    }
    if (cached == NULL)
        return FLOW_OK;
    d->rcond = flow_i_lu_rcond(cached, leontief_inf_norm(a, n));
    double *xs = flow_i_malloc(n, sizeof *xs), *ax = flow_i_malloc(n, sizeof *ax);
    int rc = xs != NULL && ax != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK) {
        memcpy(xs, y, (size_t)n * sizeof *xs);
        rc = flow_i_lu_solve(cached, 0, xs, 1);
    }
    if (rc == FLOW_OK && (rc = flow_i_gemv(0, n, n, 1.0, a, n, xs, 0.0, ax)) == FLOW_OK) {
        double rmax = 0.0, ymax = 0.0;
        for (int64_t i = 0; i < n; i++) {
            rmax = fmax(rmax, fabs(xs[i] - ax[i] - y[i]));
            ymax = fmax(ymax, fabs(y[i]));
        }
        d->residual = rmax / (ymax > 0.0 ? ymax : 1.0);
    }
    free(xs);
    free(ax);
    flow_i_lu_free(own);
    return rc;
}

static int write_summary(const flow_io_model *m, flow_io_diagnostics *d)
{
    char *text = NULL;
    size_t size = 0;
    char name[160];
    FILE *f = open_memstream(&text, &size);
    if (f == NULL)
        return flow_i_fail(FLOW_ERR_NOMEM, "cannot allocate the diagnostics summary");
    fprintf(f, "factorisation: %s\n", d->status == FLOW_OK ? "ok" : flow_strerror(d->status));
    fprintf(f, "sectors: %lld, zero output: %lld\n", (long long)flow_io_model_order(m),
            (long long)d->zero_count);
    for (int64_t i = 0; i < d->zero_count && i < 20; i++) {
        flow_i_io_describe(m, d->zero[i], name, sizeof name);
        fprintf(f, "  zero output: %s\n", name);
    }
    if (d->zero_count > 20)
        fprintf(f, "  ... and %lld more\n", (long long)(d->zero_count - 20));
    fprintf(f, "negative entries: Z %lld, Y %lld, v %lld\n", (long long)d->negative_z,
            (long long)d->negative_y, (long long)d->negative_v);
    fprintf(f, "column sums of A: min %.6g, max %.6g\n", d->min_colsum, d->max_colsum);
    fprintf(f, "spectral radius of A: %.6g (bracket %.6g .. %.6g)\n", d->rho, d->rho_lower,
            d->rho_upper);
    fprintf(f, "rcond(I - A): %.3g, relative residual of L y: %.3g\n", d->rcond, d->residual);
    if (d->mismatch_index >= 0) {
        flow_i_io_describe(m, d->mismatch_index, name, sizeof name);
        fprintf(f, "given x vs row sums: %lld sectors above tolerance, largest gap %.3g at %s\n",
                (long long)d->mismatch_count, d->mismatch, name);
    }
    if (fclose(f) != 0 || text == NULL) {
        free(text);
        return flow_i_fail(FLOW_ERR_NOMEM, "cannot write the diagnostics summary");
    }
    d->summary = text;
    return FLOW_OK;
}

void flow_io_diagnostics_free(flow_io_diagnostics *d)
{
    if (d == NULL)
        return;
    free(d->zero);
    free(d->summary);
    free(d);
}

int flow_io_diagnostics_new(flow_io_diagnostics **out, flow_io_model *m, double tolerance)
{
    int rc;
    double *a = NULL;
    int64_t nn = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    if (m == NULL || !(tolerance >= 0.0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "diagnostics need a model and a tolerance >= 0");
    int64_t n = flow_io_model_order(m);
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    flow_io_diagnostics *d = flow_i_calloc(1, sizeof *d);
    if (d == NULL)
        return FLOW_ERR_NOMEM;
    /* A private copy of A: the model's A cache is left alone, so diagnostics
     * of a factored model may run concurrently with other calls on it. */
    if ((d->zero = flow_i_malloc(n, sizeof *d->zero)) == NULL ||
        (a = flow_i_malloc(nn, sizeof *a)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto fail;
    }
    if ((rc = flow_io_model_copy_technical(m, a, nn, n)) != FLOW_OK)
        goto fail;
    scan_entries(m, a, d);
    check_output(m, tolerance, d);
    if ((rc = spectral_radius(m, a, d)) != FLOW_OK || (rc = conditioning(m, a, d)) != FLOW_OK ||
        (rc = write_summary(m, d)) != FLOW_OK)
        goto fail;
    free(a);
    *out = d;
    return FLOW_OK;
fail:
    free(a);
    flow_io_diagnostics_free(d);
    return rc;
}

int flow_io_diagnostics_status(const flow_io_diagnostics *d)
{
    return d != NULL ? d->status : FLOW_ERR_INVALID_ARG;
}

int64_t flow_io_diagnostics_zero_output_count(const flow_io_diagnostics *d)
{
    return d != NULL ? d->zero_count : 0;
}

int64_t flow_io_diagnostics_zero_output_index(const flow_io_diagnostics *d, int64_t i)
{
    return d != NULL && i >= 0 && i < d->zero_count ? d->zero[i] : -1;
}

int64_t flow_io_diagnostics_negative_z(const flow_io_diagnostics *d)
{
    return d != NULL ? d->negative_z : 0;
}

int64_t flow_io_diagnostics_negative_y(const flow_io_diagnostics *d)
{
    return d != NULL ? d->negative_y : 0;
}

int64_t flow_io_diagnostics_negative_v(const flow_io_diagnostics *d)
{
    return d != NULL ? d->negative_v : 0;
}

double flow_io_diagnostics_max_column_sum(const flow_io_diagnostics *d)
{
    return d != NULL ? d->max_colsum : NAN;
}

double flow_io_diagnostics_min_column_sum(const flow_io_diagnostics *d)
{
    return d != NULL ? d->min_colsum : NAN;
}

double flow_io_diagnostics_spectral_radius(const flow_io_diagnostics *d)
{
    return d != NULL ? d->rho : NAN;
}

double flow_io_diagnostics_spectral_radius_lower(const flow_io_diagnostics *d)
{
    return d != NULL ? d->rho_lower : NAN;
}

double flow_io_diagnostics_spectral_radius_upper(const flow_io_diagnostics *d)
{
    return d != NULL ? d->rho_upper : NAN;
}

double flow_io_diagnostics_rcond(const flow_io_diagnostics *d)
{
    return d != NULL ? d->rcond : NAN;
}

double flow_io_diagnostics_residual(const flow_io_diagnostics *d)
{
    return d != NULL ? d->residual : NAN;
}

double flow_io_diagnostics_output_mismatch(const flow_io_diagnostics *d)
{
    return d != NULL ? d->mismatch : NAN;
}

int64_t flow_io_diagnostics_output_mismatch_index(const flow_io_diagnostics *d)
{
    return d != NULL ? d->mismatch_index : -1;
}

int64_t flow_io_diagnostics_output_mismatch_count(const flow_io_diagnostics *d)
{
    return d != NULL ? d->mismatch_count : 0;
}

const char *flow_io_diagnostics_summary(const flow_io_diagnostics *d)
{
    return d != NULL && d->summary != NULL ? d->summary : "";
}
