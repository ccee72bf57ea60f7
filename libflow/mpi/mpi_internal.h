/*
 * mpi_internal.h - what the files of libflow_mpi share: the communicator
 * wrapper, the agreement on a status across ranks, and the distributed
 * model's layout (private to the model's files).
 */
#ifndef LIBFLOW_MPI_INTERNAL_H
#define LIBFLOW_MPI_INTERNAL_H

#include "libflow/mpi.h"
#include "scalapack.h"

#include <stdint.h>

struct flow_mpi_comm {
    MPI_Comm comm; /* the library's duplicate, errors returned rather than fatal */
    int rank, size;
};

struct flow_mpi_options {
    int rows, cols; /* 0, 0: the default grid */
    int block;
};

/*
 * Records status with a printf-style message as the calling thread's last
 * libflow error (flow_last_error) and returns status.
 */
int flow_i_mpi_fail(int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * (collective) Every rank passes its own status; every rank gets back the
 * status of the lowest failing rank, with that rank's message recorded as
 * "rank R: <message>" on every rank, or FLOW_OK when none failed.
 */
int flow_i_mpi_agree(const flow_mpi_comm *comm, int status);

/* An MPI return code as a libflow status (FLOW_ERR_IO naming the call). */
int flow_i_mpi_check(int mpi_rc, const char *what);

/* malloc of count * size bytes with overflow check (count may be 0). */
void *flow_i_mpi_alloc(int64_t count, size_t size);

/*
 * The distributed model. I - A is held transposed: a row-major n x n
 * buffer is, byte for byte, the column-major transpose, so the root sends
 * its row-major I - A as the column-major M' = (I - A)' and the grid factors
 * M'. Then M x = b is a transposed solve ("T") and M' x = b a plain one
 * ("N"), and the inverse of M' is L'.
 */
struct flow_mpi_io_model {
    flow_mpi_comm *comm; /* borrowed */
    int context;         /* BLACS grid */
    int system_handle;   /* BLACS handle of comm->comm */
    int nprow, npcol, myrow, mycol, nb;
    int n;
    int mloc, nloc, lld; /* local rows, columns, leading dimension of m */
    int desc[FLOW_I_DLEN];
    double *m;                 /* local part of M', then of its LU factors */
    int *ipiv;                 /* mloc + nb pivots */
    int factored;              /* 0 not yet, 1 done, else the failure status */
    char factor_message[512];  /* the failure's message, given again on later calls */
    double *x, *v, *y, *adiag; /* n each, on every rank */
    int64_t regions, sectors;
    char *codes;         /* region codes then sector codes, NUL-separated */
    const char **region; /* regions pointers into codes */
    const char **sector; /* sectors pointers into codes */
};

/* Global index of local index l of a block-cyclic dimension (source process 0). */
static inline int64_t flow_i_mpi_global(int64_t l, int nb, int proc, int nprocs)
{
    return (l / nb) * (int64_t)nb * nprocs + (int64_t)proc * nb + l % nb;
}

/*
 * (collective) A new model of order n with its replicated vectors zeroed
 * and no grid yet (context -1); the allocation's status is agreed on.
 */
int flow_i_mpi_model_alloc(flow_mpi_io_model **out, flow_mpi_comm *comm, int64_t n,
                           const flow_mpi_options *options);

/*
 * The BLACS grid on the communicator (options' shape or the default), and
 * this rank's zeroed local share of M' with its descriptor. Every rank must
 * call it (the grid's set-up is collective); the status is this rank's.
 */
int flow_i_mpi_make_grid(flow_mpi_io_model *m, const flow_mpi_options *options);

/* Pointers region[] and sector[] into the packed codes (regions, sectors set). */
int flow_i_mpi_index_codes(flow_mpi_io_model *m);

/*
 * (collective) Moves a rows x cols column-major matrix between the root's
 * buffer buf (leading dimension ld, read or written on the root only) and
 * the distributed matrix (local, desc) of the model's grid: to the grid
 * when to_grid, back to the root otherwise. Runs in column panels so that
 * no single transfer overflows ScaLAPACK's integers.
 */
int flow_i_mpi_move(const flow_mpi_io_model *m, int root, int to_grid, double *buf, int64_t ld,
                    int rows, int cols, double *local, const int *desc);

/*
 * Local storage and descriptor of an n x cols matrix distributed like the
 * model's rows (block nb x nb over the grid). *local is zeroed; free().
 */
int flow_i_mpi_matrix(const flow_mpi_io_model *m, int cols, double **local, int *desc);

/* "sector i (region/sector)" into buf, as the single-process messages. */
void flow_i_mpi_describe(const flow_mpi_io_model *m, int64_t i, char *buf, size_t cap);

/*
 * (collective, factors) Solves with the factors of M' for nrhs right-hand
 * sides held by the root as a column-major n x nrhs buffer b (overwritten
 * with the solutions there): trans "N" solves M' x = b, "T" solves M x = b.
 */
int flow_i_mpi_solve(flow_mpi_io_model *m, int root, const char *trans, int nrhs, double *b);

/*
 * (collective, factors) L' = (M')^-1 into a new distributed n x n matrix
 * (*local, desc), from a copy of the factors (pdgetri). free(*local).
 */
int flow_i_mpi_inverse(flow_mpi_io_model *m, double **local, int *desc);

/*
 * (collective) A new n x cols table on the root (NULL elsewhere) from the
 * root's row-major values (stride cols): rows labelled with the model's
 * sector codes and regions as groups, columns by names (cols strings, a
 * NULL entry or array giving "scenario_<c>"), or when names is
 * FLOW_I_MPI_SECTOR_COLUMNS by sector like the rows (square results). The
 * root's status is agreed on.
 */
extern const char *const FLOW_I_MPI_SECTOR_COLUMNS[];
int flow_i_mpi_table(flow_table **out, const flow_mpi_io_model *m, int root, int cols,
                     const double *values, const char *const *names);

#endif /* LIBFLOW_MPI_INTERNAL_H */
