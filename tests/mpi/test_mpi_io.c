/*
 * test_mpi_io.c - the distributed IO model against the single-process one.
 *
 * Run under mpirun with 1, 2 and 4 ranks (tests/mpi/CMakeLists.txt). Every
 * rank builds the same single-process model from the same seeded numbers;
 * only the root hands it to flow_mpi_io_model_new, the others pass NULL. The
 * root compares every gathered table with the single-process answer: equal
 * within 1e-12 of the result's largest entry, under several grids and
 * block sizes (blocks of 2 and 3 spread a 24-sector table over every rank;
 * 64 puts it in one block). The error cases check that every rank returns
 * the same status and message. Exit status 0 when every check passed on
 * every rank.
 */
#include <libflow.h>
#include <libflow/mpi.h>

#include <math.h>
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;
static int rank, size;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "rank %d: %s:%d: check failed: %s (last error: %s)\n", rank, __FILE__, \
                    __LINE__, #cond, flow_last_error());                                           \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define TOLERANCE 1e-12

/* A small deterministic generator, the same sequence on every rank. */
static uint64_t state;
static double uniform(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) / 9007199254740992.0;
}

enum { REGIONS = 3, SECTORS = 8, N = REGIONS * SECTORS, K = 6 };

/*
 * A productive 3-region model (x = Z 1 + Y 1 with Y 1 > 0 makes it
 * productive). heavy_column puts column sums of A above 1 in one column, so
 * that productivity has to be proved by the solve (I - A) z = 1, z > 0.
 */
static flow_io_model *make_model(uint64_t seed, int heavy_column)
{
    static const char *const regions[REGIONS] = {"CHN", "RUS", "IRN"};
    static const char *const sectors[SECTORS] = {"agr", "min", "man", "ene",
                                                 "con", "trd", "fin", "srv"};
    double z[N * N], y[N * K];
    flow_io_model *m = NULL;
    state = seed;
    for (int i = 0; i < N * N; i++)
        z[i] = uniform();
    for (int i = 0; i < N * K; i++)
        y[i] = 1.0 + 2.0 * uniform();
    if (heavy_column) {
        for (int i = 0; i < N; i++)
            z[i * N + 5] = 40.0 * uniform();
        for (int j = 0; j < N; j++)
            z[5 * N + j] = 0.01 * uniform();
    }
    if (flow_io_model_new(&m, N, z, K, y, NULL, NULL) != FLOW_OK ||
        flow_io_model_set_regions(m, REGIONS, regions, sectors) != FLOW_OK) {
        flow_io_model_free(m);
        return NULL;
    }
    return m;
}

/* max |a - b| <= TOLERANCE * max |b| over rows x cols (row-major, both stride cols). */
static int close_to(const double *a, const double *b, int64_t count)
{
    double worst = 0.0, scale = 0.0;
    for (int64_t i = 0; i < count; i++) {
        worst = fmax(worst, fabs(a[i] - b[i]));
        scale = fmax(scale, fabs(b[i]));
    }
    if (!(worst <= TOLERANCE * scale))
        fprintf(stderr, "rank %d: largest difference %.3g, scale %.3g\n", rank, worst, scale);
    return worst <= TOLERANCE * scale;
}

/* One column of a table as a contiguous vector. */
static void column(const flow_table *t, int64_t c, double *out)
{
    for (int64_t i = 0; i < flow_table_rows(t); i++)
        out[i] = flow_table_values(t)[i * flow_table_cols(t) + c];
}

/* The single-process model's L, G, ... (flow_io_model_matrix) copied into dst. */
static int matrix_into(const flow_io_model *m, int which, double *dst, int64_t len)
{
    flow_table *t = NULL;
    int rc = flow_io_model_matrix(&t, m, which);
    if (rc == FLOW_OK)
        rc = flow_table_copy_to(t, dst, len, flow_table_cols(t));
    flow_table_free(t);
    return rc;
}

/* Row 10 is sector 2 of region 1, labelled as the model's node 10. */
static void check_labels(const flow_table *t, const flow_io_model *m)
{
    flow_table *nodes = NULL;
    CHECK(flow_table_rows(t) == N);
    CHECK(flow_io_model_labels(&nodes, m, FLOW_IO_LABEL_NODES) == FLOW_OK);
    CHECK(strcmp(flow_table_row_label(t, 10), flow_table_row_label(nodes, 10)) == 0);
    CHECK(strcmp(flow_table_row_group(t, 10), flow_table_row_group(nodes, 10)) == 0);
    flow_table_free(nodes);
}

/* Every result of the distributed model against the single-process model. */
static void check_results(flow_mpi_io_model *dm, flow_io_model *single, int root)
{
    flow_table *t = NULL;
    int mine = rank == root;
    double ref[N * N], got[N * N], y[N * 5], ref2[N], ref3[N];
    CHECK(flow_mpi_io_model_order(dm) == N);
    CHECK(flow_mpi_io_model_grid_rows(dm) * flow_mpi_io_model_grid_cols(dm) == size);

    /* The scenario batch: five demand vectors. */
    for (int i = 0; i < N * 5; i++)
        y[i] = uniform() - 0.3;
    const char *names[5] = {"g7", "eu", NULL, "us", "jp"};
    CHECK(flow_mpi_io_leontief_solve(&t, dm, root, 5, y, 5, names) == FLOW_OK);
    CHECK((t != NULL) == mine);
    if (mine && t != NULL) {
        CHECK(flow_io_model_leontief_solve(single, 5, y, 5, ref, N * 5, 5) == FLOW_OK);
        CHECK(close_to(flow_table_values(t), ref, N * 5));
        check_labels(t, single);
        CHECK(strcmp(flow_table_col_label(t, 1), "eu") == 0);
        CHECK(strcmp(flow_table_col_label(t, 2), "scenario_2") == 0);
    }
    flow_table_free(t);

    CHECK(flow_mpi_io_ghosh_solve(&t, dm, root, 5, y, 5, NULL) == FLOW_OK);
    if (mine && t != NULL) {
        CHECK(flow_io_model_ghosh_solve(single, 5, y, 5, ref, N * 5, 5) == FLOW_OK);
        CHECK(close_to(flow_table_values(t), ref, N * 5));
    }
    flow_table_free(t);

    CHECK(flow_mpi_io_multipliers(&t, dm, root) == FLOW_OK);
    if (mine && t != NULL) {
        flow_table *rt = NULL;
        CHECK(flow_io_multipliers(&rt, single, NULL) == FLOW_OK);
        column(rt, 0, ref);
        column(rt, 1, ref2);
        flow_table_free(rt);
        column(t, 0, got);
        CHECK(close_to(got, ref, N));
        column(t, 1, got);
        CHECK(close_to(got, ref2, N));
        CHECK(strcmp(flow_table_col_label(t, 1), "value_added") == 0);
    }
    flow_table_free(t);

    for (int flags = 0; flags <= FLOW_IO_EXTRACT_DROP_DIAGONAL;
         flags += FLOW_IO_EXTRACT_DROP_DIAGONAL) {
        CHECK(flow_mpi_io_extraction_sweep(&t, dm, root, flags) == FLOW_OK);
        if (mine && t != NULL) {
            flow_table *rt = NULL;
            CHECK(flow_io_extraction_sweep(&rt, single, flags) == FLOW_OK);
            column(rt, 0, ref);
            column(rt, 1, ref2);
            column(rt, 2, ref3);
            flow_table_free(rt);
            const double *refs[3] = {ref, ref2, ref3};
            for (int c = 0; c < 3; c++) {
                column(t, c, got);
                CHECK(close_to(got, refs[c], N));
            }
            CHECK(strcmp(flow_table_col_label(t, 3), "l_jj") == 0);
        }
        flow_table_free(t);
    }

    CHECK(flow_mpi_io_leontief_inverse(&t, dm, root) == FLOW_OK);
    if (mine && t != NULL) {
        CHECK(matrix_into(single, FLOW_IO_LEONTIEF, ref, N * N) == FLOW_OK);
        CHECK(close_to(flow_table_values(t), ref, N * N));
        check_labels(t, single);
        CHECK(strcmp(flow_table_col_group(t, 23), "IRN") == 0);
    }
    flow_table_free(t);

    CHECK(flow_mpi_io_ghosh_inverse(&t, dm, root) == FLOW_OK);
    if (mine && t != NULL) {
        CHECK(matrix_into(single, FLOW_IO_GHOSH, ref, N * N) == FLOW_OK);
        CHECK(close_to(flow_table_values(t), ref, N * N));
    }
    flow_table_free(t);
}

/* The model scattered from root. */
static void compare_all(flow_mpi_comm *comm, flow_io_model *single, int root,
                        const flow_mpi_options *opts)
{
    flow_mpi_io_model *dm = NULL;
    CHECK(flow_mpi_io_model_new(&dm, comm, root, rank == root ? single : NULL, opts) == FLOW_OK);
    if (dm != NULL)
        check_results(dm, single, root);
    flow_mpi_io_model_free(dm);
}

/*
 * Writes the model as a wide table in the layout of "flowtool io" (with
 * the VA and X rows when totals), a non-number in data row bad_row (-1:
 * none) and a stray row at the end when stray; a path every rank can read.
 */
static const char *write_table(const flow_io_model *m, int totals, int bad_row, int stray)
{
    static char path[64];
    if (rank == 0) {
        snprintf(path, sizeof path, "/tmp/libflow_mpi_XXXXXX");
        int fd = mkstemp(path);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        const double *z = flow_io_model_view(m, FLOW_IO_INTERMEDIATE, NULL, NULL);
        const double *y = flow_io_model_view(m, FLOW_IO_FINAL_DEMAND, NULL, NULL);
        flow_table *nodes = NULL; /* node i: sector = label, region = group of row i */
        CHECK(flow_io_model_labels(&nodes, m, FLOW_IO_LABEL_NODES) == FLOW_OK);
        fprintf(f, "region,sector");
        for (int j = 0; j < N; j++)
            fprintf(f, ",%s_%s", flow_table_row_group(nodes, j), flow_table_row_label(nodes, j));
        for (int c = 0; c < K; c++)
            fprintf(f, ",fd%d", c);
        fprintf(f, "\n");
        for (int i = 0; i < N; i++) {
            fprintf(f, "%s,%s", flow_table_row_group(nodes, i), flow_table_row_label(nodes, i));
            for (int j = 0; j < N + K; j++)
                if (i == bad_row && j == 2)
                    fprintf(f, ",oops");
                else
                    fprintf(f, ",%.17g", j < N ? z[i * N + j] : y[i * K + j - N]);
            fprintf(f, "\n");
        }
        flow_table_free(nodes);
        const double *rows[2] = {flow_io_model_view(m, FLOW_IO_VALUE_ADDED, NULL, NULL),
                                 flow_io_model_view(m, FLOW_IO_OUTPUT, NULL, NULL)};
        for (int r = 0; totals && r < 2; r++) {
            fprintf(f, "%s,", r == 0 ? "VA" : "X");
            for (int j = 0; j < N + K; j++)
                fprintf(f, ",%.17g", j < N ? rows[r][j] : 0.0);
            fprintf(f, "\n");
        }
        if (stray) {
            fprintf(f, "TOTAL,");
            for (int j = 0; j < N + K; j++)
                fprintf(f, ",1");
            fprintf(f, "\n");
        }
        fclose(f);
    }
    MPI_Bcast(path, sizeof path, MPI_CHAR, 0, MPI_COMM_WORLD);
    return path;
}

/* The model read by every rank from its own rows of the file. */
static void compare_read(flow_mpi_comm *comm, flow_io_model *single, int totals,
                         const flow_mpi_options *opts)
{
    flow_mpi_io_model *dm = NULL;
    const char *path = write_table(single, totals, -1, 0);
    CHECK(flow_mpi_io_model_read_wide(&dm, comm, path, NULL, NULL, opts) == FLOW_OK);
    if (dm != NULL)
        check_results(dm, single, size - 1);
    flow_mpi_io_model_free(dm);
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0)
        remove(path);
}

/*
 * A bad cell in data row 2 is read by the rank holding rows 2-3 (blocks of
 * 2): rank 1 when there are several. Every rank fails with its status and
 * message; a stray row after VA and X fails as well.
 */
static void check_read_errors(flow_mpi_comm *comm, flow_io_model *single)
{
    flow_mpi_io_model *dm = NULL;
    flow_mpi_options *opts = NULL;
    char mine[512], first[512];
    CHECK(flow_mpi_options_new(&opts) == FLOW_OK);
    CHECK(flow_mpi_options_set_block_size(opts, 2) == FLOW_OK);
    const char *path = write_table(single, 1, 2, 0);
    int rc = flow_mpi_io_model_read_wide(&dm, comm, path, NULL, NULL, opts);
    CHECK(rc == FLOW_ERR_VALUE && dm == NULL);
    snprintf(mine, sizeof mine, "%s", flow_last_error());
    memcpy(first, mine, sizeof first);
    MPI_Bcast(first, sizeof first, MPI_CHAR, 0, MPI_COMM_WORLD);
    CHECK(strcmp(mine, first) == 0);
    CHECK(strncmp(mine, size > 1 ? "rank 1: " : "rank 0: ", 8) == 0);
    CHECK(strstr(mine, "line 4") != NULL && strstr(mine, path) != NULL);
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0)
        remove(path);
    path = write_table(single, 1, -1, 1);
    CHECK(flow_mpi_io_model_read_wide(&dm, comm, path, NULL, NULL, opts) == FLOW_ERR_DIMENSION);
    CHECK(strstr(flow_last_error(), "TOTAL") != NULL);
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0)
        remove(path);
    flow_mpi_options_free(opts);
}

/* Every rank got status `expected` and the same message as rank 0. */
static void check_agreed(int status, int expected)
{
    char mine[512], first[512];
    CHECK(status == expected);
    snprintf(mine, sizeof mine, "%s", flow_last_error());
    memcpy(first, mine, sizeof first);
    MPI_Bcast(first, sizeof first, MPI_CHAR, 0, MPI_COMM_WORLD);
    CHECK(strcmp(mine, first) == 0);
    CHECK(strncmp(mine, "rank ", 5) == 0);
}

static void check_errors(flow_mpi_comm *comm)
{
    flow_mpi_io_model *dm = NULL;
    flow_mpi_options *opts = NULL;
    flow_table *t = NULL;
    flow_io_model *single = NULL;
    enum { S = 6 };
    double z[S * S] = {0}, x[S], zbad[S * S];
    CHECK(flow_mpi_options_new(&opts) == FLOW_OK);
    CHECK(flow_mpi_options_set_block_size(opts, 2) == FLOW_OK);

    /* The root has no model: every rank fails with the root's status. */
    check_agreed(flow_mpi_io_model_new(&dm, comm, 0, NULL, opts), FLOW_ERR_INVALID_ARG);
    CHECK(dm == NULL);

    /* A grid that does not fit the ranks. */
    CHECK(flow_mpi_options_set_grid(opts, size + 1, 1) == FLOW_OK);
    single = make_model(7, 0);
    int rc = flow_mpi_io_model_new(&dm, comm, 0, rank == 0 ? single : NULL, opts);
    CHECK(rc == FLOW_ERR_DIMENSION && dm == NULL);
    CHECK(flow_mpi_options_set_grid(opts, 0, 0) == FLOW_OK);

    /* A bad argument on the root only: all fail alike, the model stays usable. */
    CHECK(flow_mpi_io_model_new(&dm, comm, 0, rank == 0 ? single : NULL, opts) == FLOW_OK);
    double ylocal[N];
    for (int i = 0; i < N; i++)
        ylocal[i] = 1.0;
    check_agreed(flow_mpi_io_leontief_solve(&t, dm, 0, 1, rank == 0 ? NULL : ylocal, 1, NULL),
                 FLOW_ERR_INVALID_ARG);
    CHECK(t == NULL);
    /* No output pointer on the last rank only, then a root that does not exist. */
    check_agreed(flow_mpi_io_multipliers(rank == size - 1 ? NULL : &t, dm, 0),
                 FLOW_ERR_INVALID_ARG);
    CHECK(t == NULL);
    check_agreed(flow_mpi_io_extraction_sweep(&t, dm, size, 0), FLOW_ERR_INVALID_ARG);
    CHECK(flow_mpi_io_leontief_solve(&t, dm, size - 1, 1, ylocal, 1, NULL) == FLOW_OK);
    CHECK((t != NULL) == (rank == size - 1));
    flow_table_free(t);
    flow_mpi_io_model_free(dm);
    flow_io_model_free(single);

    /* Singular: column 3 of A is e_3 (a_33 = 1), so column 3 of I - A is zero.
     * With blocks of 2 it lives on the second process column. */
    for (int i = 0; i < S; i++) {
        x[i] = 10.0;
        for (int j = 0; j < S; j++)
            z[i * S + j] = j == 3 ? (i == 3 ? 10.0 : 0.0) : 1.0;
    }
    CHECK(flow_io_model_new(&single, S, z, 0, NULL, NULL, x) == FLOW_OK);
    CHECK(flow_io_model_factor(single) == FLOW_ERR_SINGULAR);
    CHECK(flow_mpi_io_model_new(&dm, comm, 0, rank == 0 ? single : NULL, opts) == FLOW_OK);
    check_agreed(flow_mpi_io_model_factor(dm), FLOW_ERR_SINGULAR);
    CHECK(strstr(flow_last_error(), "singular") != NULL);
    check_agreed(flow_mpi_io_multipliers(&t, dm, 0), FLOW_ERR_SINGULAR);
    CHECK(t == NULL);
    flow_mpi_io_model_free(dm);
    flow_io_model_free(single);

    /* Not productive: A = 0.5 everywhere, rho(A) = 3, I - A is not singular. */
    for (int i = 0; i < S * S; i++)
        zbad[i] = 5.0;
    CHECK(flow_io_model_new(&single, S, zbad, 0, NULL, NULL, x) == FLOW_OK);
    CHECK(flow_io_model_factor(single) == FLOW_ERR_NOT_PRODUCTIVE);
    CHECK(flow_mpi_io_model_new(&dm, comm, size - 1, rank == size - 1 ? single : NULL, opts) ==
          FLOW_OK);
    check_agreed(flow_mpi_io_model_factor(dm), FLOW_ERR_NOT_PRODUCTIVE);
    flow_mpi_io_model_free(dm);
    flow_io_model_free(single);
    flow_mpi_options_free(opts);
}

/*
 * Real data: China's WIOD national IO table for 2014 (56 industries, six
 * final uses, value added), when ../shared/data holds it. Rank 0 reads it as
 * tests/c/test_real_data.c does; the distributed multipliers, extraction
 * sweep and L must equal the single-process ones.
 */
static flow_io_model *read_wiod_china(const char *path)
{
    flow_read_options *opts = NULL;
    flow_table *t = NULL, *z = NULL, *y = NULL, *v = NULL;
    flow_io_model *m = NULL;
    int64_t first = -1, cons = -1, exp = -1, va = -1;
    /* WIOD NIOT: Year;Code;Description;Origin;A01;...; the rows of 2014. */
    const char *const settings[][2] = {{"wide_label_rows", "2"},
                                       {"wide_label_cols", "4"},
                                       {"wide_col_label_row", "0"},
                                       {"wide_col_group_row", "-1"},
                                       {"wide_row_label_col", "1"},
                                       {"wide_row_group_col", "3"},
                                       {"wide_row_filter_column", "0"},
                                       {"wide_row_filter_value", "2014"},
                                       {"thousands", " "},
                                       {"decimal", "."},
                                       {"allow_negative", "1"}};
    int rc = flow_read_options_new(&opts);
    for (size_t i = 0; rc == FLOW_OK && i < sizeof settings / sizeof settings[0]; i++)
        rc = flow_read_options_set(opts, settings[i][0], settings[i][1]);
    if (rc == FLOW_OK)
        rc = flow_table_read_csv(&t, path, opts, NULL);
    if (rc == FLOW_OK && flow_table_find_row(t, "A01", "Domestic", &first) == FLOW_OK &&
        flow_table_find_col(t, "CONS_h", NULL, &cons) == FLOW_OK &&
        flow_table_find_col(t, "EXP", NULL, &exp) == FLOW_OK &&
        flow_table_find_row(t, "VA", "TOT", &va) == FLOW_OK &&
        flow_table_slice(&z, t, first, 56, 0, 56) == FLOW_OK &&
        flow_table_slice(&y, t, first, 56, cons, exp - cons + 1) == FLOW_OK &&
        flow_table_slice(&v, t, va, 1, 0, 56) == FLOW_OK)
        CHECK(flow_io_model_new_from_tables(&m, z, y, v, NULL) == FLOW_OK);
    CHECK(m != NULL);
    flow_read_options_free(opts);
    flow_table_free(t);
    flow_table_free(z);
    flow_table_free(y);
    flow_table_free(v);
    return m;
}

static void check_wiod(flow_mpi_comm *comm)
{
    char path[1024];
    const char *dir = getenv("FLOW_SHARED_DATA");
    snprintf(path, sizeof path, "%s/wiod-niot-2016/CHN_NIOT_nov16.csv", dir ? dir : "");
    int present = dir != NULL && access(path, R_OK) == 0;
    MPI_Bcast(&present, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (!present) {
        if (rank == 0)
            printf("WIOD China 2014 not found under FLOW_SHARED_DATA: real-data case skipped\n");
        return;
    }
    flow_io_model *single = rank == 0 ? read_wiod_china(path) : NULL;
    flow_mpi_options *opts = NULL;
    flow_mpi_io_model *dm = NULL;
    flow_table *mult = NULL, *sweep = NULL, *l = NULL;
    CHECK(flow_mpi_options_new(&opts) == FLOW_OK);
    CHECK(flow_mpi_options_set_block_size(opts, 8) == FLOW_OK);
    CHECK(flow_mpi_io_model_new(&dm, comm, 0, single, opts) == FLOW_OK);
    CHECK(flow_mpi_io_multipliers(&mult, dm, 0) == FLOW_OK);
    CHECK(flow_mpi_io_extraction_sweep(&sweep, dm, 0, 0) == FLOW_OK);
    CHECK(flow_mpi_io_leontief_inverse(&l, dm, 0) == FLOW_OK);
    if (rank == 0 && single != NULL && mult != NULL && sweep != NULL && l != NULL) {
        enum { W = 56 };
        double ref[W], ref2[W], ref3[W], got[W];
        double *lref = malloc(W * W * sizeof *lref);
        flow_table *rt = NULL;
        CHECK(flow_io_multipliers(&rt, single, NULL) == FLOW_OK);
        column(rt, 0, ref);
        flow_table_free(rt);
        column(mult, 0, got);
        CHECK(close_to(got, ref, W));
        rt = NULL;
        CHECK(flow_io_extraction_sweep(&rt, single, 0) == FLOW_OK);
        column(rt, 0, ref);
        column(rt, 1, ref2);
        column(rt, 2, ref3);
        flow_table_free(rt);
        const double *refs[3] = {ref, ref2, ref3};
        for (int c = 0; c < 3; c++) {
            column(sweep, c, got);
            CHECK(close_to(got, refs[c], W));
        }
        CHECK(lref != NULL && matrix_into(single, FLOW_IO_LEONTIEF, lref, W * W) == FLOW_OK);
        CHECK(lref != NULL && close_to(flow_table_values(l), lref, W * W));
        CHECK(strcmp(flow_table_row_label(mult, 3), "B") == 0);
        free(lref);
    }
    flow_table_free(mult);
    flow_table_free(sweep);
    flow_table_free(l);
    flow_mpi_io_model_free(dm);
    flow_mpi_options_free(opts);
    flow_io_model_free(single);
}

int main(int argc, char **argv)
{
    flow_mpi_comm *comm = NULL;
    flow_mpi_options *opts = NULL;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    CHECK(flow_mpi_comm_new(&comm, (int64_t)MPI_Comm_c2f(MPI_COMM_WORLD)) == FLOW_OK);
    CHECK(flow_mpi_comm_size(comm) == size && flow_mpi_comm_rank(comm) == rank);
    CHECK(flow_mpi_options_new(&opts) == FLOW_OK);

    /* Grids and blocks: default grid, one process row, one process column. */
    const int64_t grids[][2] = {{0, 0}, {1, size}, {size, 1}};
    const int64_t blocks[] = {2, 3, 64};
    for (int heavy = 0; heavy <= 1; heavy++) {
        flow_io_model *single = make_model(heavy ? 11 : 5, heavy);
        CHECK(single != NULL);
        for (size_t g = 0; single != NULL && g < sizeof grids / sizeof grids[0]; g++)
            for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
                CHECK(flow_mpi_options_set_grid(opts, grids[g][0], grids[g][1]) == FLOW_OK);
                CHECK(flow_mpi_options_set_block_size(opts, blocks[b]) == FLOW_OK);
                compare_all(comm, single, (int)((g + b) % (size_t)size), opts);
                compare_read(comm, single, (int)b % 2, opts);
            }
        if (single != NULL && !heavy)
            check_read_errors(comm, single);
        flow_io_model_free(single);
    }
    check_errors(comm);
    check_wiod(comm);

    flow_mpi_options_free(opts);
    flow_mpi_comm_free(comm);
    int total = 0;
    MPI_Allreduce(&failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (rank == 0)
        printf("test_mpi_io on %d ranks: %s (%d failed checks)\n", size,
               total == 0 ? "passed" : "FAILED", total);
    MPI_Finalize();
    return total == 0 ? 0 : 1;
}
