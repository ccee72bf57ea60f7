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

/* What the checks find, before it is written into the result table. */
typedef struct diag {
    int status;
    int64_t zero_count;
    int64_t negative_z, negative_y, negative_v;
    double max_colsum, min_colsum;
    double rho, rho_lower, rho_upper;
    double rcond, residual;
    double mismatch;
    int64_t mismatch_index, mismatch_count;
    double *colsum, *gap; /* per sector: column sum of A, |x - s| / max(|x|, |s|) */
} diag;

static int64_t count_negative(const double *values, int64_t count)
{
    int64_t neg = 0;
    for (int64_t i = 0; i < count; i++)
        neg += values[i] < 0.0;
    return neg;
}

static void scan_entries(const flow_io_model *m, const double *a, diag *d)
{
    int64_t n = flow_i_io_order(m), k = flow_i_io_final_demand_count(m);
    const double *y = flow_i_io_final_demand(m);
    const double *x = flow_i_io_output(m);
    d->negative_z = count_negative(flow_i_io_intermediate(m), n * n);
    d->negative_y = count_negative(y, n * k);
    d->negative_v = count_negative(flow_i_io_value_added(m), n);
    d->max_colsum = n > 0 ? -DBL_MAX : NAN;
    d->min_colsum = n > 0 ? DBL_MAX : NAN;
    for (int64_t j = 0; j < n; j++) {
        double sum = 0.0;
        for (int64_t i = 0; i < n; i++)
            sum += a[i * n + j];
        d->colsum[j] = sum;
        d->max_colsum = fmax(d->max_colsum, sum);
        d->min_colsum = fmin(d->min_colsum, sum);
        d->zero_count += x[j] == 0.0;
    }
}

/*
 * Given x against Z 1 + Y 1: the relative gap |x - s| / max(|x|, |s|). The
 * largest gap is always reported; its sector only when the gap is above the
 * tolerance (-1 otherwise), so that index 0 never reads as "sector 0 is off".
 */
static void check_output(const flow_io_model *m, double tolerance, diag *d)
{
    int64_t n = flow_i_io_order(m);
    const double *z = flow_i_io_intermediate(m), *x = flow_i_io_output(m);
    const double *y = flow_i_io_final_demand_total(m);
    d->mismatch_index = -1;
    for (int64_t i = 0; i < n; i++) {
        double s = y[i];
        for (int64_t j = 0; j < n; j++)
            s += z[i * n + j];
        double scale = fmax(fabs(x[i]), fabs(s));
        double gap = scale > 0.0 ? fabs(x[i] - s) / scale : 0.0;
        d->gap[i] = gap;
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
static int spectral_radius(const flow_io_model *m, const double *a, diag *d)
{
    int64_t n = flow_i_io_order(m);
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
static int conditioning(flow_io_model *m, const double *a, diag *d)
{
    const flow_i_lu *cached = NULL;
    flow_i_lu *own = NULL;
    int64_t n = flow_i_io_order(m);
    const double *y = flow_i_io_final_demand_total(m);
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

/* The named scalars of the result, in a stable order. */
static int write_scalars(flow_table *t, const diag *d)
{
    const struct {
        const char *name;
        double value;
    } scalars[] = {{"status", d->status},
                   {"zero_output_count", (double)d->zero_count},
                   {"negative_z", (double)d->negative_z},
                   {"negative_y", (double)d->negative_y},
                   {"negative_v", (double)d->negative_v},
                   {"max_column_sum", d->max_colsum},
                   {"min_column_sum", d->min_colsum},
                   {"spectral_radius", d->rho},
                   {"spectral_radius_lower", d->rho_lower},
                   {"spectral_radius_upper", d->rho_upper},
                   {"rcond", d->rcond},
                   {"residual", d->residual},
                   {"output_mismatch", d->mismatch},
                   {"output_mismatch_index", (double)d->mismatch_index},
                   {"output_mismatch_count", (double)d->mismatch_count}};
    int rc = FLOW_OK;
    for (size_t i = 0; rc == FLOW_OK && i < sizeof scalars / sizeof *scalars; i++)
        rc = flow_table_set_scalar(t, scalars[i].name, scalars[i].value);
    return rc;
}

/* One row per sector: output, column sum of A, output gap, zero-output flag. */
static int write_table(flow_table **out, flow_io_model *m, const diag *d)
{
    static const char *const columns[] = {"output", "column_sum", "output_gap", "zero_output"};
    int64_t n = flow_i_io_order(m);
    const double *x = flow_i_io_output(m);
    int rc = flow_i_table_new_columns(out, n, 4, columns);
    if (rc == FLOW_OK)
        rc = flow_i_io_label_rows(*out, m);
    if (rc == FLOW_OK)
        rc = write_scalars(*out, d);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
        return rc;
    }
    double *v = flow_i_table_values(*out);
    for (int64_t i = 0; i < n; i++) {
        v[4 * i] = x[i];
        v[4 * i + 1] = d->colsum[i];
        v[4 * i + 2] = d->gap[i];
        v[4 * i + 3] = x[i] == 0.0;
    }
    return FLOW_OK;
}

int flow_io_diagnostics(flow_table **out, flow_io_model *m, double tolerance)
{
    int rc;
    double *a = NULL;
    int64_t nn = 0;
    diag d = {0};
    if (out != NULL)
        *out = NULL;
    if (out == NULL || m == NULL || !(tolerance >= 0.0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "diagnostics need an output pointer, a model and a tolerance >= 0");
    int64_t n = flow_i_io_order(m);
    if ((rc = flow_i_mul_size(n, n, &nn)) != FLOW_OK)
        return rc;
    /* A is formed here (the model holds Z and x only), so diagnostics of a
     * factored model may run concurrently with other calls on it. */
    if ((d.colsum = flow_i_calloc(n, sizeof *d.colsum)) == NULL ||
        (d.gap = flow_i_calloc(n, sizeof *d.gap)) == NULL ||
        (a = flow_i_malloc(nn, sizeof *a)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto cleanup;
    }
    if ((rc = flow_i_io_copy_technical(m, a, nn, n)) != FLOW_OK)
        goto cleanup;
    scan_entries(m, a, &d);
    check_output(m, tolerance, &d);
    if ((rc = spectral_radius(m, a, &d)) == FLOW_OK && (rc = conditioning(m, a, &d)) == FLOW_OK)
        rc = write_table(out, m, &d);
cleanup:
    free(a);
    free(d.colsum);
    free(d.gap);
    return rc;
}
