/*
 * iim.c - the inoperability input-output model: interdependency matrices of
 * the demand and supply sides, the equilibrium, resilience coefficients and
 * the dynamic recovery path (see include/libflow/iim.h).
 */
#include "libflow/iim.h"

#include "model_args.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHO "inoperability model"

int flow_iim_matrix(flow_table **out, const flow_table *transactions, const double *output,
                    int side)
{
    int64_t n = 0;
    flow_table *m = NULL;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": out is NULL");
    *out = NULL;
    if (side < 0 || side >= FLOW_IIM_SIDE_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": side %d is not a flow_iim_side", side);
    int rc = flow_i_square_table(transactions, 0.0, WHO, "transactions", &n);
    if (rc == FLOW_OK)
        rc = flow_i_vector_in(output, n, 0.0, INFINITY, WHO, "output");
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        if (!(output[i] > 0.0))
            rc = flow_i_fail(FLOW_ERR_VALUE, WHO ": output of %s is 0: no inoperability is defined",
                             flow_table_row_label(transactions, i));
    if (rc != FLOW_OK || (rc = flow_table_new(&m, n, n, NULL, n)) != FLOW_OK)
        return rc;
    const double *z = flow_table_values(transactions);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            flow_table_set(m, i, j,
                           (side == FLOW_IIM_DEMAND ? z[i * n + j] : z[j * n + i]) / output[i]);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        rc = flow_table_set_row_label(m, i, flow_table_row_label(transactions, i),
                                      flow_table_row_group(transactions, i));
    if (rc == FLOW_OK)
        rc = flow_i_rows_to_cols(m, transactions, n);
    if (rc != FLOW_OK) {
        flow_table_free(m);
        return rc;
    }
    *out = m;
    return FLOW_OK;
}

int flow_iim_static(flow_table **out, const flow_table *interdependency, const double *perturbation,
                    const double *output)
{
    static const char *const names[3] = {"perturbation", "inoperability", "output_loss"};
    int64_t n = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": out is NULL");
    *out = NULL;
    int rc = flow_i_square_table(interdependency, -INFINITY, WHO, "interdependency", &n);
    if (rc != FLOW_OK ||
        (rc = flow_i_vector_in(perturbation, n, 0.0, INFINITY, WHO, "perturbation")) != FLOW_OK ||
        (output && (rc = flow_i_vector_in(output, n, 0.0, INFINITY, WHO, "output")) != FLOW_OK))
        return rc;
    int64_t cols = output ? 3 : 2;
    double *q = flow_i_malloc(n > 0 ? n : 1, sizeof *q);
    double *v = flow_i_malloc(n > 0 ? n * cols : 1, sizeof *v);
    rc = FLOW_ERR_NOMEM;
    if (q == NULL || v == NULL)
        goto done;
    memcpy(q, perturbation, (size_t)n * sizeof *q);
    rc = flow_i_solve_identity_minus(flow_table_values(interdependency), n, n, 1.0, 0, q, WHO);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        v[i * cols] = perturbation[i];
        v[i * cols + 1] = q[i];
        if (output)
            v[i * cols + 2] = q[i] * output[i];
    }
    if (rc == FLOW_OK)
        rc = flow_i_result_table(out, interdependency, n, cols, v, names);
done:
    free(q);
    free(v);
    return rc;
}

int flow_iim_resilience(flow_table **out, const flow_table *interdependency, const double *q0,
                        const double *q_target, const double *recovery_time)
{
    static const char *const names[1] = {"resilience"};
    int64_t n = 0;
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": out is NULL");
    *out = NULL;
    int rc = flow_i_square_table(interdependency, -INFINITY, WHO, "interdependency", &n);
    if (rc != FLOW_OK || (rc = flow_i_vector_in(q0, n, 0.0, 1.0, WHO, "q0")) != FLOW_OK ||
        (rc = flow_i_vector_in(q_target, n, 0.0, 1.0, WHO, "q_target")) != FLOW_OK ||
        (rc = flow_i_vector_in(recovery_time, n, 0.0, INFINITY, WHO, "recovery_time")) != FLOW_OK)
        return rc;
    const double *m = flow_table_values(interdependency);
    double *k = flow_i_malloc(n > 0 ? n : 1, sizeof *k);
    if (k == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        if (!(q0[i] > q_target[i] && q_target[i] > 0.0 && recovery_time[i] > 0.0 &&
              m[i * n + i] < 1.0))
            rc = flow_i_fail(FLOW_ERR_VALUE,
                             WHO ": %s needs q0 > q_target > 0, recovery_time > 0 and a diagonal "
                                 "interdependency < 1 (got %g, %g, %g, %g)",
                             flow_table_row_label(interdependency, i), q0[i], q_target[i],
                             recovery_time[i], m[i * n + i]);
        else
            k[i] = log(q0[i] / q_target[i]) / (recovery_time[i] * (1.0 - m[i * n + i]));
    }
    if (rc == FLOW_OK)
        rc = flow_i_result_table(out, interdependency, n, 1, k, names);
    free(k);
    return rc;
}

/* One period: next = q + K (M q + c - q). */
static void dynamic_step(const double *m, int64_t n, const double *k, const double *c,
                         const double *q, double *next)
{
    for (int64_t i = 0; i < n; i++) {
        double mq = 0.0;
        for (int64_t j = 0; j < n; j++)
            mq += m[i * n + j] * q[j];
        next[i] = q[i] + k[i] * (mq + (c ? c[i] : 0.0) - q[i]);
    }
}

static int label_periods(flow_table *t, int64_t steps)
{
    char label[32];
    int rc = FLOW_OK;
    for (int64_t s = 0; rc == FLOW_OK && s <= steps; s++) {
        snprintf(label, sizeof label, "%lld", (long long)s);
        rc = flow_table_set_row_label(t, s, label, NULL);
    }
    return rc;
}

int flow_iim_dynamic(flow_table **out, const flow_table *interdependency, const double *resilience,
                     const double *q0, const double *perturbation, int64_t steps)
{
    int64_t n = 0, rows = 0;
    flow_table *t = NULL;
    if (out != NULL)
        *out = NULL;
    if (out == NULL || steps < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, WHO ": out is NULL or steps < 0");
    int rc = flow_i_square_table(interdependency, -INFINITY, WHO, "interdependency", &n);
    if (rc != FLOW_OK ||
        (rc = flow_i_vector_in(resilience, n, 0.0, 1.0, WHO, "resilience")) != FLOW_OK ||
        (rc = flow_i_vector_in(q0, n, 0.0, 1.0, WHO, "q0")) != FLOW_OK ||
        (perturbation &&
         (rc = flow_i_vector_in(perturbation, n, 0.0, 1.0, WHO, "perturbation")) != FLOW_OK))
        return rc;
    if (steps == INT64_MAX)
        return flow_i_fail(FLOW_ERR_OVERFLOW, WHO ": %lld steps", (long long)steps);
    rows = steps + 1;
    if ((rc = flow_table_new(&t, rows, n, NULL, n)) != FLOW_OK)
        return rc;
    /* The path is written row by row into the table this call owns. */
    double *path = (double *)flow_table_values(t);
    memcpy(path, q0, (size_t)n * sizeof *path);
    for (int64_t s = 1; s < rows; s++)
        dynamic_step(flow_table_values(interdependency), n, resilience, perturbation,
                     path + (s - 1) * n, path + s * n);
    if ((rc = label_periods(t, steps)) == FLOW_OK)
        rc = flow_i_rows_to_cols(t, interdependency, n);
    if (rc != FLOW_OK) {
        flow_table_free(t);
        return rc;
    }
    *out = t;
    return FLOW_OK;
}
