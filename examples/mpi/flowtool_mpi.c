/*
 * flowtool_mpi.c - "flowtool-mpi io": the input-output analysis of a wide
 * table on libflow_mpi, for tables too large for one machine.
 *
 *   mpirun -np 4 flowtool-mpi io [options] TABLE.csv
 *
 * The table has the layout of "flowtool io" (columns region,sector, the Z
 * block, final-demand columns; rows VA and X at the end, both optional).
 * Rank 0 reads it (or, with --parallel-read, every rank its own rows) and the
 * ranks share I - A block-cyclically; every result is
 * computed by all ranks and printed by rank 0 as CSV sections: the output and
 * value-added multipliers, the hypothetical-extraction ranking, and with
 * --scenarios the change of gross output x = L dy of each demand scenario (a
 * wide CSV region,sector,<one column per scenario>, rows in the table's
 * order), all solved against the one factorisation. --leontief FILE writes
 * L as a labelled CSV. Exit status 0 on success, 1 when the analysis failed
 * (every rank; the message on rank 0's stderr), 2 on a usage error.
 */
#include <libflow.h>
#include <libflow/mpi.h>

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: mpirun -np P flowtool-mpi io [--grid RxC] [--block NB] [--top N] [--va-row LABEL]\n"
    "                                    [--x-row LABEL] [--scenarios FILE] [--leontief FILE]\n"
    "                                    [--parallel-read] TABLE.csv\n"
    "  --grid RxC       process grid (default: the squarest with R <= C)\n"
    "  --block NB       block size of the block-cyclic distribution (default 64)\n"
    "  --top N          sectors in the extraction ranking (default 10)\n"
    "  --va-row LABEL   row of value added (default VA)\n"
    "  --x-row LABEL    row of gross output (default X)\n"
    "  --scenarios FILE demand changes, region,sector,<scenario columns>: x = L dy\n"
    "  --leontief FILE  write the Leontief inverse L to FILE (CSV)\n"
    "  --parallel-read  every rank reads its own rows of TABLE.csv (which all ranks\n"
    "                   must see) instead of rank 0 reading it all\n";

struct options {
    int64_t rows, cols, block, top;
    int parallel_read;
    const char *va_row, *x_row, *scenarios, *leontief, *table;
};

static int rank, size;

/* ------------------------------------------------------------------ arguments */

static int parse(int argc, char **argv, struct options *o)
{
    *o = (struct options){0, 0, 64, 10, 0, "VA", "X", NULL, NULL, NULL};
    if (argc < 2 || strcmp(argv[1], "io") != 0)
        return 2;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (a[0] != '-') {
            if (o->table != NULL)
                return 2;
            o->table = a;
            continue;
        }
        if (strcmp(a, "--parallel-read") == 0) {
            o->parallel_read = 1;
            continue;
        }
        if (v == NULL)
            return 2;
        i++;
        if (strcmp(a, "--grid") == 0) {
            o->rows = strtoll(v, &end, 10);
            if (*end != 'x' || (o->cols = strtoll(end + 1, &end, 10)) <= 0 || *end != '\0')
                return 2;
        } else if (strcmp(a, "--block") == 0 || strcmp(a, "--top") == 0) {
            int64_t value = strtoll(v, &end, 10);
            if (*end != '\0' || value <= 0)
                return 2;
            *(a[2] == 'b' ? &o->block : &o->top) = value;
        } else if (strcmp(a, "--va-row") == 0)
            o->va_row = v;
        else if (strcmp(a, "--x-row") == 0)
            o->x_row = v;
        else if (strcmp(a, "--scenarios") == 0)
            o->scenarios = v;
        else if (strcmp(a, "--leontief") == 0)
            o->leontief = v;
        else
            return 2;
    }
    return o->table != NULL ? 0 : 2;
}

/* ------------------------------------------------------------------ input on rank 0 */

static int read_wide(flow_table **out, const char *path)
{
    /* Region and sector label the rows; a table missing a row cannot be analysed, so the
     * first bad row fails the read. */
    const char *const settings[][2] = {{"wide_label_cols", "2"},
                                       {"wide_row_label_col", "1"},
                                       {"wide_row_group_col", "0"},
                                       {"allow_negative", "1"},
                                       {"strict", "1"}};
    flow_read_options *opts = NULL;
    int rc = flow_read_options_new(&opts);
    for (size_t i = 0; rc == FLOW_OK && i < sizeof settings / sizeof settings[0]; i++)
        rc = flow_read_options_set(opts, settings[i][0], settings[i][1]);
    if (rc == FLOW_OK)
        rc = flow_table_read_csv(out, path, opts, NULL);
    flow_read_options_free(opts);
    return rc;
}

/* Z, Y, v and x blocks of the wide table into a model; regions from the row groups. */
static int load_model(const struct options *o, flow_io_model **out)
{
    flow_table *t = NULL, *z = NULL, *y = NULL, *v = NULL, *x = NULL;
    int rc = read_wide(&t, o->table);
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t), n = 0, va = -1, xr = -1;
    for (int64_t i = 0; rc == FLOW_OK && i < rows; i++) {
        const char *g = flow_table_row_group(t, i), *l = flow_table_row_label(t, i);
        if (strcmp(g, o->va_row) == 0 || strcmp(l, o->va_row) == 0)
            va = i;
        else if (strcmp(g, o->x_row) == 0 || strcmp(l, o->x_row) == 0)
            xr = i;
        else if (i == n)
            n++;
    }
    if (rc == FLOW_OK && (n == 0 || n > cols))
        rc = flow_error_set(FLOW_ERR_DIMENSION, "the sector rows do not fit the value columns");
    if (rc == FLOW_OK)
        rc = flow_table_slice(&z, t, 0, n, 0, n);
    if (rc == FLOW_OK)
        rc = flow_table_slice(&y, t, 0, n, n, cols - n);
    if (rc == FLOW_OK && va >= 0)
        rc = flow_table_slice(&v, t, va, 1, 0, n);
    if (rc == FLOW_OK && xr >= 0)
        rc = flow_table_slice(&x, t, xr, 1, 0, n);
    if (rc == FLOW_OK)
        rc = flow_io_model_new_from_tables(out, z, y, v, x);
    flow_table_free(t);
    flow_table_free(z);
    flow_table_free(y);
    flow_table_free(v);
    flow_table_free(x);
    return rc;
}

/* The demand scenarios: one column each, rows labelled as those of `rows`. */
static int load_scenarios(const char *path, const flow_table *rows, flow_table **out)
{
    int rc = read_wide(out, path);
    int64_t n = flow_table_rows(rows);
    if (rc == FLOW_OK && flow_table_rows(*out) != n)
        rc = flow_error_set(FLOW_ERR_DIMENSION, "the scenarios do not have one row per sector");
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        if (strcmp(flow_table_row_group(*out, i), flow_table_row_group(rows, i)) != 0 ||
            strcmp(flow_table_row_label(*out, i), flow_table_row_label(rows, i)) != 0) {
            char message[256];
            snprintf(message, sizeof message, "%s: row %lld is %s,%s, the table has %s,%s there",
                     path, (long long)i + 2, flow_table_row_group(*out, i),
                     flow_table_row_label(*out, i), flow_table_row_group(rows, i),
                     flow_table_row_label(rows, i));
            rc = flow_error_set(FLOW_ERR_DIMENSION, message);
        }
    return rc;
}

/* ------------------------------------------------------------------ output on rank 0 */

static void print_table(FILE *out, const char *title, const flow_table *t)
{
    if (title != NULL)
        fprintf(out, "# %s\n", title);
    fprintf(out, "region,sector");
    for (int64_t c = 0; c < flow_table_cols(t); c++)
        fprintf(out, ",%s", flow_table_col_label(t, c));
    fprintf(out, "\n");
    const double *values = flow_table_values(t);
    for (int64_t i = 0; i < flow_table_rows(t); i++) {
        fprintf(out, "%s,%s", flow_table_row_group(t, i), flow_table_row_label(t, i));
        for (int64_t c = 0; c < flow_table_cols(t); c++)
            fprintf(out, ",%.10g", values[i * flow_table_cols(t) + c]);
        fprintf(out, "\n");
    }
}

/* The top sectors by total extraction loss (columns backward, forward, total). */
static void print_ranking(const flow_table *t, int64_t top)
{
    int64_t n = flow_table_rows(t), cols = flow_table_cols(t);
    const double *v = flow_table_values(t);
    int64_t *order = malloc((size_t)n * sizeof *order);
    if (order == NULL)
        return;
    for (int64_t i = 0; i < n; i++) {
        int64_t j = i;
        for (; j > 0 && v[order[j - 1] * cols + 2] < v[i * cols + 2]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    printf("# hypothetical extraction: loss of total output when a sector is removed\n");
    printf("rank,region,sector,total,backward,forward\n");
    for (int64_t r = 0; r < n && r < top; r++) {
        int64_t i = order[r];
        printf("%lld,%s,%s,%.10g,%.10g,%.10g\n", (long long)r + 1, flow_table_row_group(t, i),
               flow_table_row_label(t, i), v[i * cols + 2], v[i * cols], v[i * cols + 1]);
    }
    free(order);
}

/* ------------------------------------------------------------------ the analysis */

static int write_leontief(flow_mpi_io_model *dm, const char *path)
{
    flow_table *l = NULL;
    int rc = flow_mpi_io_leontief_inverse(&l, dm, 0);
    if (rc == FLOW_OK && rank == 0) {
        FILE *f = fopen(path, "w");
        if (f == NULL)
            fprintf(stderr, "flowtool-mpi: cannot write %s\n", path);
        else {
            print_table(f, NULL, l);
            fclose(f);
        }
    }
    flow_table_free(l);
    return rc;
}

/* Rank 0's scenarios, checked against the model's rows; the status reaches every rank. */
static int scenarios_for(const struct options *o, const flow_table *rows, flow_table **out)
{
    int rc = rank == 0 ? load_scenarios(o->scenarios, rows, out) : FLOW_OK;
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return rc;
}

static int run_scenarios(flow_mpi_io_model *dm, const flow_table *scenarios)
{
    flow_table *t = NULL;
    int64_t count = rank == 0 ? flow_table_cols(scenarios) : 0;
    const char **names = NULL;
    if (rank == 0 && (names = calloc((size_t)count + 1, sizeof *names)) != NULL)
        for (int64_t c = 0; c < count; c++)
            names[c] = flow_table_col_label(scenarios, c);
    MPI_Bcast(&count, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
    int rc = flow_mpi_io_leontief_solve(
        &t, dm, 0, count, rank == 0 ? flow_table_values(scenarios) : NULL, count, names);
    if (rc == FLOW_OK && rank == 0)
        print_table(stdout, "scenarios: change of gross output x = L dy", t);
    flow_table_free(t);
    free(names);
    return rc;
}

/* Everything after the model is distributed; every rank runs the same calls. */
static int analyse(flow_mpi_io_model *dm, const struct options *o)
{
    flow_table *mult = NULL, *sweep = NULL, *scenarios = NULL;
    int rc = flow_mpi_io_multipliers(&mult, dm, 0);
    if (rc == FLOW_OK && o->scenarios != NULL)
        rc = scenarios_for(o, mult, &scenarios);
    if (rc == FLOW_OK)
        rc = flow_mpi_io_extraction_sweep(&sweep, dm, 0, 0);
    if (rc == FLOW_OK && rank == 0) {
        printf("# libflow_mpi: %lld sectors on %d ranks, a %lld x %lld grid, blocks of %lld\n",
               (long long)flow_mpi_io_model_order(dm), size,
               (long long)flow_mpi_io_model_grid_rows(dm),
               (long long)flow_mpi_io_model_grid_cols(dm), (long long)o->block);
        print_table(stdout, "multipliers: output (column sums of L), value added ((v/x)' L)", mult);
        print_ranking(sweep, o->top);
    }
    if (rc == FLOW_OK && o->scenarios != NULL)
        rc = run_scenarios(dm, scenarios);
    if (rc == FLOW_OK && o->leontief != NULL)
        rc = write_leontief(dm, o->leontief);
    flow_table_free(mult);
    flow_table_free(sweep);
    flow_table_free(scenarios);
    return rc;
}

/* The model: read by rank 0 and scattered, or read by every rank (--parallel-read). */
static int distribute(const struct options *o, flow_mpi_comm *comm, const flow_mpi_options *opts,
                      flow_mpi_io_model **dm)
{
    flow_io_model *model = NULL;
    int rc = FLOW_OK;
    if (o->parallel_read)
        return flow_mpi_io_model_read_wide(dm, comm, o->table, o->va_row, o->x_row, opts);
    if (rank == 0)
        rc = load_model(o, &model);
    /* A bad input file fails every rank with rank 0's status. */
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rc == FLOW_OK)
        rc = flow_mpi_io_model_new(dm, comm, 0, model, opts);
    flow_io_model_free(model);
    return rc;
}

static int run(const struct options *o, flow_mpi_comm *comm)
{
    flow_mpi_options *opts = NULL;
    flow_mpi_io_model *dm = NULL;
    int rc = flow_mpi_options_new(&opts);
    if (rc == FLOW_OK && o->rows > 0)
        rc = flow_mpi_options_set_grid(opts, o->rows, o->cols);
    if (rc == FLOW_OK)
        rc = flow_mpi_options_set_block_size(opts, o->block);
    if (rc == FLOW_OK && (rc = distribute(o, comm, opts, &dm)) == FLOW_OK)
        rc = analyse(dm, o);
    if (rc != FLOW_OK && rank == 0)
        fprintf(stderr, "flowtool-mpi: %s\n", flow_last_error());
    flow_mpi_io_model_free(dm);
    flow_mpi_options_free(opts);
    return rc == FLOW_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct options o;
    flow_mpi_comm *comm = NULL;
    int status = 2;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (parse(argc, argv, &o) != 0) {
        if (rank == 0)
            fputs(usage, stderr);
    } else if (flow_mpi_comm_new_world(&comm) != FLOW_OK) {
        fprintf(stderr, "flowtool-mpi: %s\n", flow_last_error());
        status = 1;
    } else
        status = run(&o, comm);
    flow_mpi_comm_free(comm);
    MPI_Finalize();
    return status;
}
