/*
 * io_model.c - the distributed IO model: distribution of I - A from the
 * root over a BLACS process grid, the LU factorisation and its productivity
 * check, and the moves, solves and inverse every result builds on.
 */
#include "../io_productivity.h"
#include "mpi_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest panel moved by one pdgemr2d call, in doubles (512 MiB). */
#define PANEL_DOUBLES ((int64_t)1 << 26)

static const int ONE = 1, ZERO = 0;

/* ------------------------------------------------------------------ layout helpers */

int flow_i_mpi_matrix(const flow_mpi_io_model *m, int cols, double **local, int *desc)
{
    int info = 0;
    int rows = m->n, mloc = m->mloc;
    int cloc = numroc_(&cols, &m->nb, &m->mycol, &ZERO, &m->npcol);
    int lld = mloc > 1 ? mloc : 1;
    *local = NULL;
    descinit_(desc, &rows, &cols, &m->nb, &m->nb, &ZERO, &ZERO, &m->context, &lld, &info);
    if (info != 0)
        return flow_i_mpi_fail(FLOW_ERR_LAPACK, "descinit rejected argument %d", -info);
    if ((int64_t)lld * (cloc > 0 ? cloc : 1) > INT32_MAX)
        return flow_i_mpi_fail(FLOW_ERR_OVERFLOW,
                               "a local block of %d x %d exceeds ScaLAPACK's integers", lld, cloc);
    *local = calloc((size_t)lld * (size_t)(cloc > 0 ? cloc : 1), sizeof **local);
    return *local != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
}

int flow_i_mpi_move(const flow_mpi_io_model *m, int root, int to_grid, double *buf, int64_t ld,
                    int rows, int cols, double *local, const int *desc)
{
    int prow = 0, pcol = 0;
    double dummy = 0.0;
    Cblacs_pcoord(m->context, root, &prow, &pcol);
    int64_t width = PANEL_DOUBLES / rows > 0 ? PANEL_DOUBLES / rows : 1;
    for (int64_t j0 = 0; j0 < cols; j0 += width) {
        int w = (int)(cols - j0 < width ? cols - j0 : width), jb = (int)j0 + 1;
        /* The panel as one block owned by the root's grid position. */
        int panel[FLOW_I_DLEN] = {1, m->context, rows, w, rows, w, prow, pcol, rows > 1 ? rows : 1};
        double *p = m->comm->rank == root ? buf + j0 * ld : &dummy;
        if (to_grid)
            pdgemr2d_(&rows, &w, p, &ONE, &ONE, panel, local, &ONE, &jb, desc, &m->context);
        else
            pdgemr2d_(&rows, &w, local, &ONE, &jb, desc, p, &ONE, &ONE, panel, &m->context);
    }
    return FLOW_OK;
}

void flow_i_mpi_describe(const flow_mpi_io_model *m, int64_t i, char *buf, size_t cap)
{
    flow_i_describe_node(buf, cap, i, m->region[i / m->sectors], m->sector[i % m->sectors]);
}

/* ------------------------------------------------------------------ construction */

void flow_mpi_io_model_free(flow_mpi_io_model *m)
{
    if (m == NULL)
        return;
    if (m->context >= 0) {
        Cblacs_gridexit(m->context);
        Cfree_blacs_system_handle(m->system_handle);
    }
    free(m->m);
    free(m->ipiv);
    free(m->x);
    free(m->v);
    free(m->y);
    free(m->adiag);
    free(m->codes);
    free(m->region);
    free(m->sector);
    free(m);
}

/* The default grid: the most square rows x cols = size with rows <= cols. */
static void default_grid(int size, int *rows, int *cols)
{
    int r = 1;
    for (int d = 1; (int64_t)d * d <= size; d++)
        if (size % d == 0)
            r = d;
    *rows = r;
    *cols = size / r;
}

/* On the root: the replicated vectors and the packed codes from the model. */
static int root_describe(flow_mpi_io_model *m, const flow_io_model *model, int64_t *codes_len)
{
    int64_t n = m->n;
    const double *x = flow_io_model_view(model, FLOW_IO_OUTPUT, NULL, NULL);
    const double *v = flow_io_model_view(model, FLOW_IO_VALUE_ADDED, NULL, NULL);
    const double *y = flow_io_model_view(model, FLOW_IO_FINAL_DEMAND_TOTAL, NULL, NULL);
    const double *z = flow_io_model_view(model, FLOW_IO_INTERMEDIATE, NULL, NULL);
    flow_table *nodes = NULL;
    memcpy(m->x, x, (size_t)n * sizeof *x);
    memcpy(m->v, v, (size_t)n * sizeof *v);
    memcpy(m->y, y, (size_t)n * sizeof *y);
    for (int64_t j = 0; j < n; j++)
        m->adiag[j] = x[j] != 0.0 ? z[j * n + j] * (1.0 / x[j]) : 0.0;
    /* Region r is the group of node row r * sectors, sector s the label of row s. */
    if (flow_io_model_labels(&nodes, model, FLOW_IO_LABEL_NODES) != FLOW_OK)
        return flow_i_mpi_fail(flow_last_error_code(), "%s", flow_last_error());
    int64_t len = 0;
    for (int64_t r = 0; r < m->regions; r++)
        len += (int64_t)strlen(flow_table_row_group(nodes, r * m->sectors)) + 1;
    for (int64_t s = 0; s < m->sectors; s++)
        len += (int64_t)strlen(flow_table_row_label(nodes, s)) + 1;
    if ((m->codes = malloc((size_t)len)) == NULL) {
        flow_table_free(nodes);
        return flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    }
    char *p = m->codes;
    for (int64_t r = 0; r < m->regions; r++)
        p = stpcpy(p, flow_table_row_group(nodes, r * m->sectors)) + 1;
    for (int64_t s = 0; s < m->sectors; s++)
        p = stpcpy(p, flow_table_row_label(nodes, s)) + 1;
    flow_table_free(nodes);
    *codes_len = len;
    return FLOW_OK;
}

int flow_i_mpi_index_codes(flow_mpi_io_model *m)
{
    m->region = calloc((size_t)m->regions, sizeof *m->region);
    m->sector = calloc((size_t)m->sectors, sizeof *m->sector);
    if (m->region == NULL || m->sector == NULL)
        return flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    const char *p = m->codes;
    for (int64_t r = 0; r < m->regions; r++, p += strlen(p) + 1)
        m->region[r] = p;
    for (int64_t s = 0; s < m->sectors; s++, p += strlen(p) + 1)
        m->sector[s] = p;
    return FLOW_OK;
}

/* Sends x, v, y, diag(A) and the codes from the root to every rank. */
static int share_description(flow_mpi_io_model *m, int root, const flow_io_model *model)
{
    int64_t len = 0;
    int rc = FLOW_OK;
    MPI_Comm comm = m->comm->comm;
    if (m->comm->rank == root)
        rc = root_describe(m, model, &len);
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        return rc;
    double *vectors[] = {m->x, m->v, m->y, m->adiag};
    for (size_t i = 0; rc == FLOW_OK && i < sizeof vectors / sizeof vectors[0]; i++)
        rc = flow_i_mpi_check(MPI_Bcast(vectors[i], m->n, MPI_DOUBLE, root, comm), "MPI_Bcast");
    if (rc == FLOW_OK)
        rc = flow_i_mpi_check(MPI_Bcast(&len, 1, MPI_INT64_T, root, comm), "MPI_Bcast");
    if (rc == FLOW_OK && m->comm->rank != root && (m->codes = malloc((size_t)len)) == NULL)
        rc = flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        return rc;
    if (len > INT32_MAX)
        return flow_i_mpi_fail(FLOW_ERR_OVERFLOW, "region and sector codes too long to send");
    rc = flow_i_mpi_check(MPI_Bcast(m->codes, (int)len, MPI_CHAR, root, comm), "MPI_Bcast");
    if (rc == FLOW_OK)
        rc = flow_i_mpi_index_codes(m);
    return flow_i_mpi_agree(m->comm, rc);
}

int flow_i_mpi_make_grid(flow_mpi_io_model *m, const flow_mpi_options *o)
{
    int rows = o != NULL ? o->rows : 0, cols = o != NULL ? o->cols : 0, info = 0;
    if (rows == 0)
        default_grid(m->comm->size, &rows, &cols);
    if ((int64_t)rows * cols != m->comm->size)
        return flow_i_mpi_fail(FLOW_ERR_DIMENSION,
                               "a %d x %d process grid needs %lld ranks, not %d", rows, cols,
                               (long long)rows * cols, m->comm->size);
    m->system_handle = Csys2blacs_handle(m->comm->comm);
    m->context = m->system_handle;
    Cblacs_gridinit(&m->context, "Row", rows, cols);
    Cblacs_gridinfo(m->context, &m->nprow, &m->npcol, &m->myrow, &m->mycol);
    m->mloc = numroc_(&m->n, &m->nb, &m->myrow, &ZERO, &m->nprow);
    m->nloc = numroc_(&m->n, &m->nb, &m->mycol, &ZERO, &m->npcol);
    m->lld = m->mloc > 1 ? m->mloc : 1;
    descinit_(m->desc, &m->n, &m->n, &m->nb, &m->nb, &ZERO, &ZERO, &m->context, &m->lld, &info);
    if (info != 0)
        return flow_i_mpi_fail(FLOW_ERR_LAPACK, "descinit rejected argument %d", -info);
    int64_t local = (int64_t)m->lld * (m->nloc > 0 ? m->nloc : 1);
    if (local > INT32_MAX)
        return flow_i_mpi_fail(FLOW_ERR_OVERFLOW,
                               "a local block of %d x %d exceeds ScaLAPACK's integers: use more "
                               "ranks",
                               m->lld, m->nloc);
    m->m = calloc((size_t)local, sizeof *m->m);
    m->ipiv = calloc((size_t)(m->mloc + m->nb), sizeof *m->ipiv);
    return m->m != NULL && m->ipiv != NULL ? FLOW_OK
                                           : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
}

/* The root's row-major I - A, i.e. the column-major M', sent to the grid. */
static int distribute(flow_mpi_io_model *m, int root, const flow_io_model *model)
{
    int rc = FLOW_OK;
    double *full = NULL;
    int64_t n = m->n;
    if (m->comm->rank == root) {
        /* a_ij = z_ij / x_j (0 for a zero-output sector), as diag(A) above. */
        const double *z = flow_io_model_view(model, FLOW_IO_INTERMEDIATE, NULL, NULL);
        full = flow_i_mpi_alloc(n * n, sizeof *full);
        if (full == NULL)
            rc = flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory for the %lld x %lld matrix I - A",
                                 (long long)n, (long long)n);
        for (int64_t i = 0; full != NULL && i < n; i++)
            for (int64_t j = 0; j < n; j++)
                full[i * n + j] =
                    (double)(i == j) - (m->x[j] != 0.0 ? z[i * n + j] * (1.0 / m->x[j]) : 0.0);
    }
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK)
        rc = flow_i_mpi_move(m, root, 1, full, n, m->n, m->n, m->m, m->desc);
    free(full);
    return rc;
}

/* On the root: the model's order, regions and sectors (its labels' scalars). */
static int root_shape(const flow_io_model *model, int64_t head[3])
{
    static const char *const names[3] = {"order", "regions", "sectors"};
    flow_table *nodes = NULL;
    if (flow_io_model_labels(&nodes, model, FLOW_IO_LABEL_NODES) != FLOW_OK)
        return flow_i_mpi_fail(flow_last_error_code(), "%s", flow_last_error());
    for (int i = 0; i < 3; i++) {
        double value = 0.0;
        flow_table_scalar(nodes, names[i], &value);
        head[i] = (int64_t)value;
    }
    flow_table_free(nodes);
    if (head[0] > INT32_MAX)
        return flow_i_mpi_fail(FLOW_ERR_OVERFLOW, "order %lld exceeds ScaLAPACK's integers",
                               (long long)head[0]);
    return FLOW_OK;
}

/* Checks the arguments every rank can see, then the root's. */
static int check_new(flow_mpi_comm *comm, int root, const flow_io_model *model, int64_t head[3])
{
    int rc = FLOW_OK;
    if (root < 0 || root >= comm->size)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "root %d is not a rank of the %d", root,
                               comm->size);
    if (comm->rank == root) {
        if (model == NULL)
            rc = flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "the root rank has no model to distribute");
        else
            rc = root_shape(model, head);
    }
    if ((rc = flow_i_mpi_agree(comm, rc)) != FLOW_OK)
        return rc;
    return flow_i_mpi_check(MPI_Bcast(head, 3, MPI_INT64_T, root, comm->comm), "MPI_Bcast");
}

int flow_i_mpi_model_alloc(flow_mpi_io_model **out, flow_mpi_comm *comm, int64_t n,
                           const flow_mpi_options *options)
{
    flow_mpi_io_model *m = calloc(1, sizeof *m);
    int rc = FLOW_OK;
    *out = NULL;
    if (m != NULL) {
        m->comm = comm;
        m->context = -1;
        m->n = (int)n;
        m->nb = options != NULL ? options->block : 64;
        m->x = calloc((size_t)n, sizeof *m->x);
        m->v = calloc((size_t)n, sizeof *m->v);
        m->y = calloc((size_t)n, sizeof *m->y);
        m->adiag = calloc((size_t)n, sizeof *m->adiag);
    }
    if (m == NULL || !m->x || !m->v || !m->y || !m->adiag)
        rc = flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_agree(comm, rc)) != FLOW_OK)
        flow_mpi_io_model_free(m);
    else
        *out = m;
    return rc;
}

int flow_mpi_io_model_new(flow_mpi_io_model **out, flow_mpi_comm *comm, int root,
                          const flow_io_model *model, const flow_mpi_options *options)
{
    int64_t head[3] = {0, 0, 0};
    flow_mpi_io_model *m = NULL;
    if (out == NULL || comm == NULL) {
        if (out != NULL)
            *out = NULL;
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "output pointer or communicator is NULL");
    }
    *out = NULL;
    int rc = check_new(comm, root, model, head);
    if (rc != FLOW_OK || (rc = flow_i_mpi_model_alloc(&m, comm, head[0], options)) != FLOW_OK)
        return rc;
    m->regions = head[1];
    m->sectors = head[2];
    if ((rc = share_description(m, root, model)) != FLOW_OK)
        goto fail;
    /* Every rank reaches the grid's set-up, so its collectives are matched. */
    rc = flow_i_mpi_make_grid(m, options);
    if ((rc = flow_i_mpi_agree(comm, rc)) != FLOW_OK ||
        (rc = distribute(m, root, model)) != FLOW_OK)
        goto fail;
    *out = m;
    return FLOW_OK;
fail:
    flow_mpi_io_model_free(m);
    return rc;
}

int64_t flow_mpi_io_model_order(const flow_mpi_io_model *m)
{
    return m != NULL ? m->n : 0;
}

int64_t flow_mpi_io_model_grid_rows(const flow_mpi_io_model *m)
{
    return m != NULL ? m->nprow : 0;
}

int64_t flow_mpi_io_model_grid_cols(const flow_mpi_io_model *m)
{
    return m != NULL ? m->npcol : 0;
}

int64_t flow_mpi_io_model_local_size(const flow_mpi_io_model *m)
{
    return m != NULL ? (int64_t)m->mloc * m->nloc : 0;
}

/* ------------------------------------------------------------------ factorisation */

/*
 * What decides productivity without a solve (as the single-process model):
 * whether A has a negative off-diagonal entry, and its largest column sum.
 * Local entry (i, j) of M' is M_ji = [i == j] - a_ji: it adds to column i of A.
 */
static int scan_coefficients(flow_mpi_io_model *m, long long *negative, double *widest)
{
    double *colsum = calloc((size_t)m->n, sizeof *colsum);
    long long neg = 0;
    int rc = colsum != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        return rc;
    for (int jl = 0; jl < m->nloc; jl++) {
        int64_t j = flow_i_mpi_global(jl, m->nb, m->mycol, m->npcol);
        for (int il = 0; il < m->mloc; il++) {
            int64_t i = flow_i_mpi_global(il, m->nb, m->myrow, m->nprow);
            double a = (double)(i == j) - m->m[il + (int64_t)jl * m->lld];
            colsum[i] += a;
            neg += i != j && a < 0.0;
        }
    }
    MPI_Comm comm = m->comm->comm;
    rc = flow_i_mpi_check(MPI_Allreduce(MPI_IN_PLACE, colsum, m->n, MPI_DOUBLE, MPI_SUM, comm),
                          "MPI_Allreduce");
    if (rc == FLOW_OK)
        rc = flow_i_mpi_check(MPI_Allreduce(&neg, negative, 1, MPI_LONG_LONG, MPI_SUM, comm),
                              "MPI_Allreduce");
    *widest = -INFINITY;
    for (int64_t j = 0; j < m->n; j++)
        *widest = fmax(*widest, colsum[j]);
    free(colsum);
    return rc;
}

/* (I - A) z = 1 must give z > 0: the M-matrix test, decided on rank 0. */
static int check_productive(flow_mpi_io_model *m)
{
    double *z = NULL;
    int rc = FLOW_OK;
    if (m->comm->rank == 0) {
        z = calloc((size_t)m->n, sizeof *z);
        rc = z != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
        for (int64_t i = 0; z != NULL && i < m->n; i++)
            z[i] = 1.0;
    }
    int64_t i = -1;
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK &&
        (rc = flow_i_mpi_solve(m, 0, "T", 1, z)) == FLOW_OK && m->comm->rank == 0 &&
        (i = flow_i_first_not_productive(z, m->n)) >= 0) {
        char name[160];
        flow_i_mpi_describe(m, i, name, sizeof name);
        rc = flow_i_mpi_fail(FLOW_ERR_NOT_PRODUCTIVE, FLOW_I_NOT_PRODUCTIVE_MESSAGE, z[i], name);
    }
    free(z);
    return flow_i_mpi_agree(m->comm, rc);
}

int flow_mpi_io_model_factor(flow_mpi_io_model *m)
{
    long long negative = 0;
    double widest = 0.0;
    int info = 0, rc;
    if (m == NULL)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (m->factored)
        return m->factored > 0 ? FLOW_OK : flow_error_set(m->factored, m->factor_message);
    if ((rc = scan_coefficients(m, &negative, &widest)) != FLOW_OK)
        return rc;
    pdgetrf_(&m->n, &m->n, m->m, &ONE, &ONE, m->desc, m->ipiv, &info);
    if (info > 0)
        rc = flow_i_mpi_fail(FLOW_ERR_SINGULAR,
                             "I - A is singular, the Leontief inverse does not exist (pivot %d of "
                             "pdgetrf is exactly zero)",
                             info);
    else if (info < 0)
        rc = flow_i_mpi_fail(FLOW_ERR_LAPACK, "pdgetrf rejected argument %d", -info);
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK) {
        m->factored = 1;
        /* A Z-matrix with every column sum of A below 1 is productive. */
        if (flow_i_productivity_needs_solve(negative, widest))
            rc = check_productive(m);
    }
    /* The local matrix now holds factors (or partial ones): keep the verdict. */
    m->factored = rc == FLOW_OK ? 1 : rc;
    if (rc != FLOW_OK)
        snprintf(m->factor_message, sizeof m->factor_message, "%s", flow_last_error());
    return rc;
}

/* ------------------------------------------------------------------ solves and inverse */

int flow_i_mpi_solve(flow_mpi_io_model *m, int root, const char *trans, int nrhs, double *b)
{
    double *local = NULL;
    int desc[FLOW_I_DLEN], info = 0;
    int rc = flow_i_mpi_matrix(m, nrhs, &local, desc);
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        goto done;
    flow_i_mpi_move(m, root, 1, b, m->n, m->n, nrhs, local, desc);
    pdgetrs_(trans, &m->n, &nrhs, m->m, &ONE, &ONE, m->desc, m->ipiv, local, &ONE, &ONE, desc,
             &info, 1);
    rc = info == 0 ? FLOW_OK
                   : flow_i_mpi_fail(FLOW_ERR_LAPACK, "pdgetrs rejected argument %d", -info);
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK)
        flow_i_mpi_move(m, root, 0, b, m->n, m->n, nrhs, local, desc);
done:
    free(local);
    return rc;
}

int flow_i_mpi_inverse(flow_mpi_io_model *m, double **local, int *desc)
{
    int info = 0, lwork = -1, liwork = -1, iwork_query = 0;
    double work_query = 0.0, *work = NULL;
    int *iwork = NULL;
    int rc = flow_i_mpi_matrix(m, m->n, local, desc);
    if (rc == FLOW_OK)
        memcpy(*local, m->m, (size_t)m->lld * (size_t)(m->nloc > 0 ? m->nloc : 1) * sizeof *m->m);
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        goto done;
    pdgetri_(&m->n, *local, &ONE, &ONE, desc, m->ipiv, &work_query, &lwork, &iwork_query, &liwork,
             &info);
    lwork = (int)work_query;
    liwork = iwork_query > 0 ? iwork_query : 1;
    work = calloc((size_t)(lwork > 0 ? lwork : 1), sizeof *work);
    iwork = calloc((size_t)liwork, sizeof *iwork);
    rc = work != NULL && iwork != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        goto done;
    pdgetri_(&m->n, *local, &ONE, &ONE, desc, m->ipiv, work, &lwork, iwork, &liwork, &info);
    rc = info == 0 ? FLOW_OK
                   : flow_i_mpi_fail(info > 0 ? FLOW_ERR_SINGULAR : FLOW_ERR_LAPACK,
                                     "pdgetri failed with info %d", info);
    rc = flow_i_mpi_agree(m->comm, rc);
done:
    free(work);
    free(iwork);
    if (rc != FLOW_OK) {
        free(*local);
        *local = NULL;
    }
    return rc;
}
