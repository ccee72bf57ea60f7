/*
 * io_results.c - the questions the distributed model answers, each gathered
 * into a labelled table on the rank that asks: Leontief and Ghosh solves
 * (the scenario batch), multipliers, the extraction sweep, L and G.
 */
#include "mpi_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ tables */

const char *const FLOW_I_MPI_SECTOR_COLUMNS[] = {NULL};

static int label_table(flow_table *t, const flow_mpi_io_model *m, int cols,
                       const char *const *names)
{
    int rc = FLOW_OK;
    for (int64_t i = 0; rc == FLOW_OK && i < m->n; i++) {
        const char *sector = m->sector[i % m->sectors], *region = m->region[i / m->sectors];
        rc = flow_table_set_row_label(t, i, sector, region);
        if (rc == FLOW_OK && names == FLOW_I_MPI_SECTOR_COLUMNS)
            rc = flow_table_set_col_label(t, i, sector, region);
    }
    for (int c = 0; rc == FLOW_OK && names != FLOW_I_MPI_SECTOR_COLUMNS && c < cols; c++) {
        char fallback[32];
        snprintf(fallback, sizeof fallback, "scenario_%d", c);
        rc = flow_table_set_col_label(t, c, names != NULL && names[c] != NULL ? names[c] : fallback,
                                      "");
    }
    return rc;
}

int flow_i_mpi_table(flow_table **out, const flow_mpi_io_model *m, int root, int cols,
                     const double *values, const char *const *names)
{
    int rc = FLOW_OK;
    if (m->comm->rank == root) {
        rc = flow_table_new(out, m->n, cols, values, cols);
        if (rc == FLOW_OK && (rc = label_table(*out, m, cols, names)) != FLOW_OK) {
            flow_table_free(*out);
            *out = NULL;
        }
    }
    return flow_i_mpi_agree(m->comm, rc);
}

/* ------------------------------------------------------------------ common checks */

/*
 * Checks out and root (agreed on, so that one rank's NULL out fails every
 * rank rather than leaving the others in a collective), then factors. A
 * NULL model has no communicator to agree on: that rank alone fails.
 */
static int begin(flow_table **out, flow_mpi_io_model *m, int root)
{
    int rc = FLOW_OK;
    if (out != NULL)
        *out = NULL;
    if (m == NULL)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (out == NULL)
        rc = flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    else if (root < 0 || root >= m->comm->size)
        rc = flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "root %d is not a rank of the %d", root,
                             m->comm->size);
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        return rc;
    return flow_mpi_io_model_factor(m);
}

/* A column-major n x cols buffer on the root (NULL elsewhere), agreed on. */
static int root_buffer(const flow_mpi_io_model *m, int root, int64_t cols, double **out)
{
    int rc = FLOW_OK;
    *out = NULL;
    if (m->comm->rank == root && (*out = flow_i_mpi_alloc(m->n * cols, sizeof **out)) == NULL)
        rc = flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    return flow_i_mpi_agree(m->comm, rc);
}

/* Row-major rows x cols copy of a column-major buffer (ld rows), in place via a temporary. */
static int to_row_major(double *b, int64_t rows, int64_t cols)
{
    double *t = flow_i_mpi_alloc(rows * cols, sizeof *t);
    if (t == NULL)
        return flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    for (int64_t i = 0; i < rows; i++)
        for (int64_t c = 0; c < cols; c++)
            t[i * cols + c] = b[c * rows + i];
    memcpy(b, t, (size_t)(rows * cols) * sizeof *b);
    free(t);
    return FLOW_OK;
}

/* ------------------------------------------------------------------ solves */

/*
 * The Leontief (ghosh == 0) or Ghosh solve for nrhs columns of in on the
 * root: x = L y is M x = y ("T" with the factors of M'), and
 * x = diag(x) (I - A)'^-1 (v / x) is M' w = v / x ("N").
 */
static int solve_table(flow_table **out, flow_mpi_io_model *m, int root, int ghosh, int64_t nrhs,
                       const double *in, int64_t stride, const char *const *names)
{
    int rc = begin(out, m, root);
    double *b = NULL;
    if (rc != FLOW_OK)
        return rc;
    if (m->comm->rank == root && (nrhs < 1 || nrhs > INT32_MAX || in == NULL || stride < nrhs))
        rc = flow_i_mpi_fail(FLOW_ERR_INVALID_ARG,
                             "a solve needs nrhs >= 1 right-hand sides and a stride >= nrhs, got "
                             "%lld and %lld%s",
                             (long long)nrhs, (long long)stride, in == NULL ? " (NULL array)" : "");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK ||
        (rc = root_buffer(m, root, nrhs, &b)) != FLOW_OK)
        return rc;
    int64_t n = m->n;
    for (int64_t i = 0; b != NULL && i < n; i++)
        for (int64_t c = 0; c < nrhs; c++)
            b[c * n + i] = ghosh ? in[i * stride + c] * (m->x[i] != 0.0 ? 1.0 / m->x[i] : 0.0)
                                 : in[i * stride + c];
    if ((rc = flow_i_mpi_solve(m, root, ghosh ? "N" : "T", (int)nrhs, b)) != FLOW_OK)
        goto done;
    for (int64_t i = 0; ghosh && b != NULL && i < n; i++)
        for (int64_t c = 0; c < nrhs; c++)
            b[c * n + i] = m->x[i] != 0.0 ? m->x[i] * b[c * n + i] : in[i * stride + c];
    rc = b != NULL ? to_row_major(b, n, nrhs) : FLOW_OK;
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK)
        rc = flow_i_mpi_table(out, m, root, (int)nrhs, b, names);
done:
    free(b);
    return rc;
}

int flow_mpi_io_leontief_solve(flow_table **out, flow_mpi_io_model *m, int root, int64_t nrhs,
                               const double *y, int64_t y_stride, const char *const *names)
{
    return solve_table(out, m, root, 0, nrhs, y, y_stride, names);
}

int flow_mpi_io_ghosh_solve(flow_table **out, flow_mpi_io_model *m, int root, int64_t nrhs,
                            const double *v, int64_t v_stride, const char *const *names)
{
    return solve_table(out, m, root, 1, nrhs, v, v_stride, names);
}

/* ------------------------------------------------------------------ multipliers */

/*
 * 1'L and (v/x)'L on the root, as the two columns of b (column-major n x 2):
 * L' u = w is M' w = u, one "N" solve.
 */
static int row_sums_of_l(flow_mpi_io_model *m, int root, double *b)
{
    for (int64_t i = 0; b != NULL && i < m->n; i++) {
        b[i] = 1.0;
        b[m->n + i] = m->x[i] != 0.0 ? m->v[i] * (1.0 / m->x[i]) : 0.0;
    }
    return flow_i_mpi_solve(m, root, "N", 2, b);
}

int flow_mpi_io_multipliers(flow_table **out, flow_mpi_io_model *m, int root)
{
    static const char *const names[] = {"output", "value_added"};
    double *b = NULL;
    int rc = begin(out, m, root);
    if (rc != FLOW_OK || (rc = root_buffer(m, root, 2, &b)) != FLOW_OK)
        return rc;
    if ((rc = row_sums_of_l(m, root, b)) == FLOW_OK) {
        rc = b != NULL ? to_row_major(b, m->n, 2) : FLOW_OK;
        if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK)
            rc = flow_i_mpi_table(out, m, root, 2, b, names);
    }
    free(b);
    return rc;
}

/* ------------------------------------------------------------------ extraction sweep */

/* diag(L) summed onto the root from the ranks holding the diagonal of L'. */
static int leontief_diagonal(flow_mpi_io_model *m, int root, double *diag)
{
    double *local = NULL, *part = NULL;
    int desc[FLOW_I_DLEN];
    int rc = flow_i_mpi_inverse(m, &local, desc);
    if (rc != FLOW_OK)
        return rc;
    part = calloc((size_t)m->n, sizeof *part);
    rc = part != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK) {
        for (int jl = 0; jl < m->nloc; jl++) {
            int64_t j = flow_i_mpi_global(jl, m->nb, m->mycol, m->npcol);
            for (int il = 0; il < m->mloc; il++)
                if (flow_i_mpi_global(il, m->nb, m->myrow, m->nprow) == j)
                    part[j] = local[il + (int64_t)jl * m->lld];
        }
        rc = flow_i_mpi_check(
            MPI_Reduce(part, diag, m->n, MPI_DOUBLE, MPI_SUM, root, m->comm->comm), "MPI_Reduce");
        rc = flow_i_mpi_agree(m->comm, rc);
    }
    free(part);
    free(local);
    return rc;
}

/*
 * The closed forms of io_extraction.c, on the root, from mult = [1'L | (v/x)'L]
 * and lx = [L y | L x] (column-major n x 2 each) and d = diag(L); the result
 * is row-major n x 4: backward, forward, total, l_jj.
 */
static void sweep(const flow_mpi_io_model *m, int flags, const double *mult, const double *lx,
                  const double *d, double *res)
{
    int64_t n = m->n;
    int keep = !(flags & FLOW_IO_EXTRACT_DROP_DIAGONAL);
    for (int64_t j = 0; j < n; j++) {
        double c = keep ? 1.0 / (1.0 - m->adiag[j]) : 1.0;
        double xs = m->x[j] != 0.0 ? mult[n + j] * m->x[j] : m->v[j];
        double *row = res + j * 4;
        row[0] = (mult[j] - c) * lx[j] / d[j];
        row[1] = m->x[j] != 0.0 ? (lx[n + j] / m->x[j] - c) * xs / d[j] : 0.0;
        row[2] = mult[j] * lx[j] / d[j] - c * m->y[j];
        row[3] = d[j];
    }
}

int flow_mpi_io_extraction_sweep(flow_table **out, flow_mpi_io_model *m, int root, int flags)
{
    static const char *const names[] = {"backward", "forward", "total", "l_jj"};
    double *mult = NULL, *lx = NULL, *res = NULL;
    int rc = begin(out, m, root);
    if (rc != FLOW_OK || (rc = root_buffer(m, root, 2, &mult)) != FLOW_OK ||
        (rc = root_buffer(m, root, 2, &lx)) != FLOW_OK ||
        (rc = root_buffer(m, root, 5, &res)) != FLOW_OK)
        goto done;
    for (int64_t i = 0; lx != NULL && i < m->n; i++) {
        lx[i] = m->y[i];
        lx[m->n + i] = m->x[i];
    }
    if ((rc = row_sums_of_l(m, root, mult)) != FLOW_OK ||
        (rc = flow_i_mpi_solve(m, root, "T", 2, lx)) != FLOW_OK ||
        (rc = leontief_diagonal(m, root, res != NULL ? res + 4 * m->n : NULL)) != FLOW_OK)
        goto done;
    if (res != NULL)
        sweep(m, flags, mult, lx, res + 4 * m->n, res);
    rc = flow_i_mpi_table(out, m, root, 4, res, names);
done:
    free(mult);
    free(lx);
    free(res);
    return rc;
}

/* ------------------------------------------------------------------ inverses */

/*
 * L' distributed, scaled to G' = (x^-1 L x)' when ghosh, gathered on the
 * root as a column-major L' - which is L row-major - and tabled.
 */
static int inverse_table(flow_table **out, flow_mpi_io_model *m, int root, int ghosh)
{
    double *local = NULL, *full = NULL;
    int desc[FLOW_I_DLEN];
    int rc = begin(out, m, root);
    if (rc != FLOW_OK || (rc = flow_i_mpi_inverse(m, &local, desc)) != FLOW_OK)
        return rc;
    for (int jl = 0; ghosh && jl < m->nloc; jl++) {
        /* local (i, j) is l_ji; g_ji = l_ji x_i / x_j, row j of G is e_j when x_j = 0. */
        int64_t j = flow_i_mpi_global(jl, m->nb, m->mycol, m->npcol);
        double inv = m->x[j] != 0.0 ? 1.0 / m->x[j] : 0.0;
        for (int il = 0; il < m->mloc; il++) {
            int64_t i = flow_i_mpi_global(il, m->nb, m->myrow, m->nprow);
            double *e = local + il + (int64_t)jl * m->lld;
            *e = inv != 0.0 ? *e * m->x[i] * inv : (double)(i == j);
        }
    }
    if ((rc = root_buffer(m, root, m->n, &full)) == FLOW_OK) {
        flow_i_mpi_move(m, root, 0, full, m->n, m->n, m->n, local, desc);
        free(local);
        local = NULL;
        rc = flow_i_mpi_table(out, m, root, m->n, full, FLOW_I_MPI_SECTOR_COLUMNS);
    }
    free(local);
    free(full);
    return rc;
}

int flow_mpi_io_leontief_inverse(flow_table **out, flow_mpi_io_model *m, int root)
{
    return inverse_table(out, m, root, 0);
}

int flow_mpi_io_ghosh_inverse(flow_table **out, flow_mpi_io_model *m, int root)
{
    return inverse_table(out, m, root, 1);
}
