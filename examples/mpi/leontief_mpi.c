/*
 * leontief_mpi.c - the Leontief inverse and multipliers on libflow_mpi.
 *
 *   mpirun -np 4 leontief_mpi
 *
 * The two-sector example of Miller & Blair (Input-Output Analysis, 2nd ed.,
 * 2009, Table 2.3) spread over every rank with blocks of one entry, so that
 * with four ranks each holds one entry of I - A. Rank 0 owns the table and
 * prints what all ranks computed: L (the book prints 1.2541 0.3300 /
 * 0.2640 1.1221), the output multipliers (1.5181, 1.4521), and x = L f for
 * the book's final demand (1000, 2000, the gross output).
 */
#include <libflow.h>
#include <libflow/mpi.h>

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int rank;

/* Every rank returns the same status; rank 0 prints the message. */
static void check(int rc, const char *what)
{
    if (rc == FLOW_OK)
        return;
    if (rank == 0)
        fprintf(stderr, "leontief_mpi: %s: %s\n", what, flow_last_error());
    MPI_Finalize();
    exit(1);
}

static void print(const char *name, const flow_table *t)
{
    const double *v = flow_table_values(t);
    for (int64_t i = 0; i < flow_table_rows(t); i++) {
        printf("%s %s:", name, flow_table_row_label(t, i));
        for (int64_t j = 0; j < flow_table_cols(t); j++)
            printf(" %.10f", v[i * flow_table_cols(t) + j]);
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    const double z[] = {150, 500, 200, 100}; /* interindustry sales, row = seller */
    const double f[] = {350, 1700};          /* final demand */
    const double x[] = {1000, 2000};         /* gross output */
    const char *const sectors[] = {"agriculture", "manufacturing"};
    flow_io_model *model = NULL;
    flow_mpi_comm *comm = NULL;
    flow_mpi_options *opts = NULL;
    flow_mpi_io_model *dm = NULL;
    flow_table *l = NULL, *mult = NULL, *out = NULL;

    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    /* The communicator travels as its Fortran handle: an integer, ctypes-safe. */
    check(flow_mpi_comm_new(&comm, (int64_t)MPI_Comm_c2f(MPI_COMM_WORLD)), "communicator");
    if (rank == 0) {
        check(flow_io_model_new(&model, 2, z, 1, f, NULL, x), "model");
        check(flow_io_model_set_regions(model, 1, NULL, sectors), "sector codes");
    }
    check(flow_mpi_options_new(&opts), "options");
    check(flow_mpi_options_set_block_size(opts, 1), "block size");
    check(flow_mpi_io_model_new(&dm, comm, 0, model, opts), "distribution");
    flow_io_model_free(model); /* the ranks hold what they need */

    check(flow_mpi_io_leontief_inverse(&l, dm, 0), "L");
    check(flow_mpi_io_multipliers(&mult, dm, 0), "multipliers");
    check(flow_mpi_io_leontief_solve(&out, dm, 0, 1, f, 1, NULL), "x = L f");
    if (rank == 0) {
        printf("ranks: %d, grid %lld x %lld\n", flow_mpi_comm_size(comm),
               (long long)flow_mpi_io_model_grid_rows(dm),
               (long long)flow_mpi_io_model_grid_cols(dm));
        print("L", l);
        print("multipliers", mult);
        print("x", out);
    }
    flow_table_free(l);
    flow_table_free(mult);
    flow_table_free(out);
    flow_mpi_io_model_free(dm);
    flow_mpi_options_free(opts);
    flow_mpi_comm_free(comm);
    MPI_Finalize();
    return 0;
}
