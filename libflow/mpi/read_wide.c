/*
 * read_wide.c - the distributed model read straight from a wide IO table,
 * each rank parsing and holding only its own rows.
 *
 * Rank r of p keeps data rows i with (i / nb) % p == r (the wide reader's
 * row blocks), which are exactly the columns of M' = (I - A)' that process r
 * holds in a 1 x p block-cyclic layout with blocks of nb. The ranks agree on
 * the order n (the rows before the first VA or X row), the vectors (x, v,
 * y, diag(Z): sums over the ranks' rows) and the codes (gathered), form
 * their columns of M', and ScaLAPACK's pdgemr2d moves them onto the model's
 * 2-D grid. No rank ever holds more than its own rows and its share of M'.
 */
#include "mpi_internal.h"

#include "libflow/reader.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int ZERO = 0, ONE = 1;

/* This rank's rows of the file and what is known of the table. */
struct rows {
    flow_table *t; /* NULL when the rank has no rows */
    int64_t count, cols, total;
    int64_t n;          /* sector rows: those before the first VA or X row */
    int64_t va_owner;   /* rank holding the VA row, -1 when none */
    int64_t x_owner;    /* rank holding the X row, -1 when none */
    int64_t va_l, x_l;  /* their local indices on the owner */
    const char *va, *x; /* labels of the value-added and gross-output rows */
};

static int64_t global_row(const flow_mpi_io_model *m, int64_t l)
{
    return flow_i_mpi_global(l, m->nb, m->comm->rank, m->comm->size);
}

static int is_label(const flow_table *t, int64_t i, const char *label)
{
    return strcmp(flow_table_row_group(t, i), label) == 0 ||
           strcmp(flow_table_row_label(t, i), label) == 0;
}

/* Reads this rank's row blocks (the layout of "flowtool io", strict). */
static int read_rows(const char *path, int nb, const flow_mpi_comm *c, struct rows *r)
{
    char block[24], count[24], rank[24];
    snprintf(block, sizeof block, "%d", nb);
    snprintf(count, sizeof count, "%d", c->size);
    snprintf(rank, sizeof rank, "%d", c->rank);
    const char *const settings[][2] = {
        {"wide_label_rows", "1"},      {"wide_label_cols", "2"},
        {"wide_col_label_row", "0"},   {"wide_col_group_row", "-1"},
        {"wide_row_label_col", "1"},   {"wide_row_group_col", "0"},
        {"allow_negative", "1"},       {"strict", "1"},
        {"wide_row_block", block},     {"wide_row_block_count", count},
        {"wide_row_block_index", rank}};
    flow_read_options *o = NULL;
    int rc = flow_read_options_new(&o);
    for (size_t i = 0; rc == FLOW_OK && i < sizeof settings / sizeof settings[0]; i++)
        rc = flow_read_options_set(o, settings[i][0], settings[i][1]);
    if (rc == FLOW_OK)
        rc = flow_table_read_csv(&r->t, path, o, NULL);
    if (rc == FLOW_ERR_EMPTY) /* no rows of this rank; whether the file has any is agreed below */
        rc = FLOW_OK;
    flow_read_options_free(o);
    r->count = flow_table_rows(r->t);
    r->cols = flow_table_cols(r->t);
    return rc;
}

/* n, the table's width, and who holds the VA and X rows. */
static int find_layout(const flow_mpi_io_model *m, const char *path, struct rows *r)
{
    int64_t mine[4] = {r->count, -r->cols, INT64_MAX, 0}, all[4];
    MPI_Comm comm = m->comm->comm;
    for (int64_t l = 0; l < r->count; l++)
        if (is_label(r->t, l, r->va) || is_label(r->t, l, r->x)) {
            mine[2] = global_row(m, l);
            break;
        }
    int rc = flow_i_mpi_check(MPI_Allreduce(mine, all, 1, MPI_INT64_T, MPI_SUM, comm), "MPI");
    if (rc == FLOW_OK)
        rc = flow_i_mpi_check(MPI_Allreduce(mine + 1, all + 1, 2, MPI_INT64_T, MPI_MIN, comm),
                              "MPI_Allreduce");
    if (rc != FLOW_OK)
        return rc;
    r->total = all[0];
    r->cols = -all[1];
    r->n = all[2] < r->total ? all[2] : r->total;
    if (r->total == 0)
        return flow_i_mpi_fail(FLOW_ERR_EMPTY, "%s: no data rows", path);
    if (r->n == 0 || r->n > r->cols)
        return flow_i_mpi_fail(FLOW_ERR_DIMENSION,
                               "%s: %lld sector rows do not fit %lld value columns", path,
                               (long long)r->n, (long long)r->cols);
    return FLOW_OK;
}

/* Rows after the sector rows must be VA or X; notes where they are. */
static int find_extra_rows(const flow_mpi_io_model *m, const char *path, struct rows *r)
{
    int64_t owners[2] = {-1, -1};
    int rc = FLOW_OK;
    for (int64_t l = 0; l < r->count; l++) {
        int64_t g = global_row(m, l);
        if (g < r->n)
            continue;
        int is_va = is_label(r->t, l, r->va), is_x = is_label(r->t, l, r->x);
        if (!is_va && !is_x) {
            rc = flow_i_mpi_fail(FLOW_ERR_DIMENSION,
                                 "%s: data row %lld (%s,%s) follows the rows of %s/%s but is "
                                 "neither of them",
                                 path, (long long)g + 1, flow_table_row_group(r->t, l),
                                 flow_table_row_label(r->t, l), r->va, r->x);
            break;
        }
        owners[is_va ? 0 : 1] = m->comm->rank;
        *(is_va ? &r->va_l : &r->x_l) = l;
    }
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        return rc;
    int64_t all[2];
    rc = flow_i_mpi_check(MPI_Allreduce(owners, all, 2, MPI_INT64_T, MPI_MAX, m->comm->comm),
                          "MPI_Allreduce");
    r->va_owner = all[0];
    r->x_owner = all[1];
    return rc;
}

/* Broadcasts the first n values of local row l of the owner into dst. */
static int share_row(const flow_mpi_io_model *m, const struct rows *r, int64_t owner, int64_t l,
                     double *dst)
{
    if (m->comm->rank == owner)
        memcpy(dst, flow_table_values(r->t) + l * r->cols, (size_t)r->n * sizeof *dst);
    return flow_i_mpi_check(MPI_Bcast(dst, m->n, MPI_DOUBLE, (int)owner, m->comm->comm),
                            "MPI_Bcast");
}

/*
 * x (given, or Z 1 + Y 1), v (given, or x - colsums(Z)), y = Y 1 and
 * diag(A) from the sums of every rank's rows.
 */
static int derive_vectors(flow_mpi_io_model *m, const char *path, const struct rows *r)
{
    int64_t n = r->n;
    double *sums = calloc((size_t)(4 * n), sizeof *sums); /* row sums, Y 1, colsums, diag(Z) */
    int rc = sums != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    for (int64_t l = 0; sums != NULL && l < r->count && rc == FLOW_OK; l++) {
        int64_t g = global_row(m, l);
        const double *row = flow_table_values(r->t) + l * r->cols;
        for (int64_t j = 0; g < n && j < r->cols; j++) {
            if (!isfinite(row[j])) {
                rc = flow_i_mpi_fail(FLOW_ERR_VALUE,
                                     "%s: data row %lld, value column %lld is "
                                     "not a finite number",
                                     path, (long long)g + 1, (long long)j + 1);
                break;
            }
            sums[g] += row[j];
            if (j >= n)
                sums[n + g] += row[j];
            else
                sums[2 * n + j] += row[j];
        }
        if (g < n)
            sums[3 * n + g] = row[g];
    }
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        goto done;
    rc = flow_i_mpi_check(
        MPI_Allreduce(MPI_IN_PLACE, sums, (int)(4 * n), MPI_DOUBLE, MPI_SUM, m->comm->comm),
        "MPI_Allreduce");
    if (rc == FLOW_OK && r->x_owner >= 0)
        rc = share_row(m, r, r->x_owner, r->x_l, m->x);
    if (rc == FLOW_OK && r->va_owner >= 0)
        rc = share_row(m, r, r->va_owner, r->va_l, m->v);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++) {
        if (r->x_owner < 0)
            m->x[i] = sums[i];
        if (r->va_owner < 0)
            m->v[i] = m->x[i] - sums[2 * n + i];
        m->y[i] = sums[n + i];
        m->adiag[i] = m->x[i] != 0.0 ? sums[3 * n + i] * (1.0 / m->x[i]) : 0.0;
        if (!(m->x[i] >= 0.0) || !isfinite(m->x[i]))
            rc = flow_i_mpi_fail(FLOW_ERR_VALUE, "%s: gross output of sector %lld is %g", path,
                                 (long long)i, m->x[i]);
    }
done:
    free(sums);
    return rc;
}

/* ------------------------------------------------------------------ codes */

/* Every rank's sector rows as "index\0group\0label\0" records, gathered on all. */
static int gather_labels(const flow_mpi_io_model *m, const struct rows *r, char **out,
                         int64_t *out_len)
{
    int64_t len = 0;
    for (int64_t l = 0; l < r->count && global_row(m, l) < r->n; l++)
        len += 24 + (int64_t)strlen(flow_table_row_group(r->t, l)) +
               (int64_t)strlen(flow_table_row_label(r->t, l)) + 2;
    char *mine = malloc((size_t)len + 1), *p = mine;
    int *counts = calloc((size_t)m->comm->size, sizeof *counts);
    int *displs = calloc((size_t)m->comm->size, sizeof *displs);
    int rc = mine && counts && displs && len <= INT32_MAX
                 ? FLOW_OK
                 : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory for the codes");
    for (int64_t l = 0; rc == FLOW_OK && l < r->count && global_row(m, l) < r->n; l++) {
        p += sprintf(p, "%lld", (long long)global_row(m, l)) + 1;
        p = stpcpy(p, flow_table_row_group(r->t, l)) + 1;
        p = stpcpy(p, flow_table_row_label(r->t, l)) + 1;
    }
    int mine_len = (int)(p - mine);
    *out = NULL;
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK)
        rc = flow_i_mpi_check(
            MPI_Allgather(&mine_len, 1, MPI_INT, counts, 1, MPI_INT, m->comm->comm), "MPI");
    int64_t total = 0;
    for (int i = 0; rc == FLOW_OK && i < m->comm->size; i++) {
        displs[i] = (int)total;
        total += counts[i];
    }
    if (rc == FLOW_OK && (total > INT32_MAX || (*out = malloc((size_t)total + 1)) == NULL))
        rc = flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory for the codes");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) == FLOW_OK)
        rc = flow_i_mpi_check(
            MPI_Allgatherv(mine, mine_len, MPI_CHAR, *out, counts, displs, MPI_CHAR, m->comm->comm),
            "MPI_Allgatherv");
    *out_len = total;
    free(mine);
    free(counts);
    free(displs);
    return rc;
}

/*
 * Regions from the row groups: contiguous blocks of equal size with the
 * same sector codes in the same order (region-major), as
 * flow_io_model_new_from_tables requires. Packs the codes into the model.
 */
static int build_codes(flow_mpi_io_model *m, const char *path, const char *const *group,
                       const char *const *label)
{
    int64_t n = m->n, sectors = 1;
    while (sectors < n && strcmp(group[sectors], group[0]) == 0)
        sectors++;
    for (int64_t i = 0; i < n; i++) {
        int64_t first = i - i % sectors;
        if (n % sectors != 0 || strcmp(group[i], group[first]) != 0 ||
            (i % sectors == 0 && i > 0 && strcmp(group[i], group[i - 1]) == 0) ||
            strcmp(label[i], label[i % sectors]) != 0)
            return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG,
                                   "%s: sector row %lld (%s,%s): regions are not blocks of %lld "
                                   "sectors with the same codes",
                                   path, (long long)i + 1, group[i], label[i], (long long)sectors);
    }
    m->sectors = sectors;
    m->regions = n / sectors;
    int64_t len = 0;
    for (int64_t r = 0; r < m->regions; r++)
        len += (int64_t)strlen(group[r * sectors]) + 1;
    for (int64_t s = 0; s < sectors; s++)
        len += (int64_t)strlen(label[s]) + 1;
    char *p = m->codes = malloc((size_t)len);
    if (p == NULL)
        return flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    for (int64_t r = 0; r < m->regions; r++)
        p = stpcpy(p, group[r * sectors]) + 1;
    for (int64_t s = 0; s < sectors; s++)
        p = stpcpy(p, label[s]) + 1;
    return flow_i_mpi_index_codes(m);
}

static int share_codes(flow_mpi_io_model *m, const char *path, const struct rows *r)
{
    char *all = NULL;
    int64_t len = 0;
    int rc = gather_labels(m, r, &all, &len);
    const char **group = calloc((size_t)m->n, sizeof *group);
    const char **label = calloc((size_t)m->n, sizeof *label);
    if (rc == FLOW_OK && (group == NULL || label == NULL))
        rc = flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    for (const char *p = all; rc == FLOW_OK && p < all + len;) {
        int64_t g = strtoll(p, NULL, 10);
        p += strlen(p) + 1;
        group[g] = p;
        p += strlen(p) + 1;
        label[g] = p;
        p += strlen(p) + 1;
    }
    if (rc == FLOW_OK)
        rc = build_codes(m, path, group, label);
    free(group);
    free(label);
    free(all);
    return flow_i_mpi_agree(m->comm, rc);
}

/* ------------------------------------------------------------------ the matrix */

/*
 * Column g of M' is row g of I - A: [g == j] - z_gj / x_j. This rank's
 * columns (its sector rows) form the 1 x p block-cyclic layout the reader
 * produced; pdgemr2d moves them to the model's grid.
 */
static int redistribute(flow_mpi_io_model *m, struct rows *r)
{
    int64_t n = m->n;
    int p = m->comm->size, rank = m->comm->rank, info = 0, lld = m->n;
    int cols = numroc_(&m->n, &m->nb, &rank, &ZERO, &p);
    int desc[FLOW_I_DLEN];
    int line = m->system_handle;
    double *local = flow_i_mpi_alloc(n * (cols > 0 ? cols : 1), sizeof *local);
    int rc = local != NULL ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_agree(m->comm, rc)) != FLOW_OK)
        goto done;
    for (int64_t l = 0; l < cols; l++) {
        const double *row = flow_table_values(r->t) + l * r->cols;
        int64_t g = global_row(m, l);
        for (int64_t j = 0; j < n; j++)
            local[l * n + j] = (double)(g == j) - row[j] * (m->x[j] != 0.0 ? 1.0 / m->x[j] : 0.0);
    }
    flow_table_free(r->t); /* the rows are in M' now */
    r->t = NULL;
    Cblacs_gridinit(&line, "Row", 1, p);
    descinit_(desc, &m->n, &m->n, &m->nb, &m->nb, &ZERO, &ZERO, &line, &lld, &info);
    if (info == 0)
        pdgemr2d_(&m->n, &m->n, local, &ONE, &ONE, desc, m->m, &ONE, &ONE, m->desc, &m->context);
    Cblacs_gridexit(line);
    rc = info == 0 ? FLOW_OK : flow_i_mpi_fail(FLOW_ERR_LAPACK, "descinit rejected %d", -info);
    rc = flow_i_mpi_agree(m->comm, rc);
done:
    free(local);
    return rc;
}

int flow_mpi_io_model_read_wide(flow_mpi_io_model **out, flow_mpi_comm *comm, const char *path,
                                const char *va_row, const char *x_row,
                                const flow_mpi_options *options)
{
    struct rows r = {.va = va_row != NULL ? va_row : "VA", .x = x_row != NULL ? x_row : "X"};
    flow_mpi_io_model *m = NULL;
    int nb = options != NULL ? options->block : 64;
    if (out == NULL || comm == NULL || path == NULL) {
        if (out != NULL)
            *out = NULL;
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG,
                               "output pointer, communicator or path is NULL");
    }
    *out = NULL;
    int rc = read_rows(path, nb, comm, &r);
    /* A shell model lends find_layout the rank and block arithmetic. */
    struct flow_mpi_io_model shell = {.comm = comm, .nb = nb};
    if ((rc = flow_i_mpi_agree(comm, rc)) != FLOW_OK ||
        (rc = find_layout(&shell, path, &r)) != FLOW_OK ||
        (rc = find_extra_rows(&shell, path, &r)) != FLOW_OK)
        goto done;
    if (r.n > INT32_MAX) {
        rc = flow_i_mpi_fail(FLOW_ERR_OVERFLOW, "order %lld exceeds ScaLAPACK's integers",
                             (long long)r.n);
        goto done;
    }
    if ((rc = flow_i_mpi_model_alloc(&m, comm, r.n, options)) != FLOW_OK)
        goto done;
    if ((rc = derive_vectors(m, path, &r)) != FLOW_OK || (rc = share_codes(m, path, &r)) != FLOW_OK)
        goto done;
    rc = flow_i_mpi_make_grid(m, options);
    if ((rc = flow_i_mpi_agree(comm, rc)) != FLOW_OK || (rc = redistribute(m, &r)) != FLOW_OK)
        goto done;
    *out = m;
    m = NULL;
done:
    flow_table_free(r.t);
    flow_mpi_io_model_free(m);
    return rc;
}
