/*
 * va_look_through.c - face-value and look-through dependence of every sector
 * and every region's final demand on one origin region (formulas in
 * include/libflow/va_trade.h).
 */
#include "va_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const INPUT_NAMES[5] = {"input_face", "input_look_through", "via_origin",
                                           "via_domestic", "via_third"};
static const char *const FD_NAMES[5] = {"fd_face", "fd_look_through", "fd_via_origin",
                                        "fd_via_domestic", "fd_via_third"};

/* w' = (V 1_s)' L: the value added of s in one unit of every output. */
static int origin_content(flow_io_model *m, int64_t origin, double *w)
{
    const flow_i_lu *lu = NULL;
    int64_t n = flow_i_io_order(m), N = flow_i_io_sector_count(m);
    const double *x = flow_i_io_output(m), *v = flow_i_io_value_added(m);
    int rc = flow_i_io_leontief_lu(m, &lu);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++)
        w[i] = i / N == origin ? v[i] * flow_i_io_inverse_output(x[i]) : 0.0;
    return flow_i_lu_solve(lu, 1, w, 1);
}

/* Adds amount to the face / via columns of row out[0..5) by the seller's region. */
static void split(double *out, int64_t seller, int64_t buyer, int64_t origin, double face,
                  double through)
{
    if (seller == origin) {
        out[0] += face;
        out[2] += through;
    } else {
        out[seller == buyer ? 3 : 4] += through;
    }
    out[1] += through;
}

static int input_table(flow_table **out, const flow_io_model *m, int64_t origin, const double *w)
{
    int64_t n = flow_i_io_order(m), N = flow_i_io_sector_count(m);
    const double *z = flow_i_io_intermediate(m), *x = flow_i_io_output(m);
    double *t = flow_i_calloc(n * 5, sizeof *t);
    if (t == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t k = 0; k < n; k++)
        for (int64_t j = 0; j < n; j++) {
            double a = z[k * n + j] * flow_i_io_inverse_output(x[j]);
            if (a != 0.0)
                split(t + j * 5, k / N, j / N, origin, a, w[k] * a);
        }
    for (int64_t j = origin * N; j < (origin + 1) * N; j++)
        for (int c = 0; c < 5; c++)
            t[j * 5 + c] = NAN;
    int rc = flow_table_new(out, n, 5, t, 5);
    free(t);
    if (rc == FLOW_OK && (rc = flow_i_va_label_nodes(*out, m)) == FLOW_OK)
        rc = flow_i_va_name_columns(*out, INPUT_NAMES, 5);
    return rc;
}

static int final_demand_table(flow_table **out, const flow_io_model *m, int64_t origin,
                              const double *w)
{
    int64_t n = flow_i_io_order(m), N = flow_i_io_sector_count(m), G = flow_i_io_region_count(m),
            k = flow_i_io_final_demand_count(m);
    const double *y = flow_i_io_final_demand(m);
    double *t = flow_i_calloc(G * 6, sizeof *t);
    if (t == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t c = 0; c < k; c++) {
        int64_t r = flow_i_io_final_demand_region(m, c);
        if (r < 0) {
            free(t);
            return flow_i_fail(FLOW_ERR_INVALID_ARG,
                               "final-demand column %lld (\"%s\") belongs to no region",
                               (long long)c, flow_i_io_final_demand_label(m, c));
        }
        for (int64_t i = 0; i < n; i++) {
            split(t + r * 6, i / N, r, origin, y[i * k + c], w[i] * y[i * k + c]);
            t[r * 6 + 5] += y[i * k + c];
        }
    }
    double *shares = flow_i_malloc(G * 5, sizeof *shares);
    int rc = shares != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t r = 0; r < G && rc == FLOW_OK; r++)
        for (int c = 0; c < 5; c++)
            shares[r * 5 + c] =
                r != origin && t[r * 6 + 5] != 0.0 ? t[r * 6 + c] / t[r * 6 + 5] : NAN;
    if (rc == FLOW_OK && (rc = flow_table_new(out, G, 5, shares, 5)) == FLOW_OK &&
        (rc = flow_i_va_label_regions(*out, m)) == FLOW_OK)
        rc = flow_i_va_name_columns(*out, FD_NAMES, 5);
    free(shares);
    free(t);
    return rc;
}

int flow_io_look_through(flow_table **inputs, flow_table **final_demand, flow_io_model *m,
                         int64_t origin)
{
    int rc;
    double *w = NULL;
    if (inputs != NULL)
        *inputs = NULL;
    if (final_demand != NULL)
        *final_demand = NULL;
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (origin < 0 || origin >= flow_i_io_region_count(m))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "origin %lld is not a region (0..%lld)",
                           (long long)origin, (long long)flow_i_io_region_count(m) - 1);
    if ((w = flow_i_malloc(flow_i_io_order(m), sizeof *w)) == NULL)
        return FLOW_ERR_NOMEM;
    if ((rc = origin_content(m, origin, w)) == FLOW_OK && inputs != NULL)
        rc = input_table(inputs, m, origin, w);
    if (rc == FLOW_OK && final_demand != NULL)
        rc = final_demand_table(final_demand, m, origin, w);
    if (rc != FLOW_OK) {
        if (inputs != NULL) {
            flow_table_free(*inputs);
            *inputs = NULL;
        }
        if (final_demand != NULL) {
            flow_table_free(*final_demand);
            *final_demand = NULL;
        }
    }
    free(w);
    return rc;
}
