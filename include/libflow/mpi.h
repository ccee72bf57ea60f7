/*
 * libflow/mpi.h - the input-output engine distributed over MPI ranks
 * (libflow_mpi, built with -DFLOW_WITH_MPI=ON; link -lflow_mpi -lflow).
 *
 * The distributed model holds I - A block-cyclically over a process grid of
 * the ranks of an MPI communicator, as ScaLAPACK expects, and answers with
 * ScaLAPACK: one LU factorisation (pdgetrf) shared by every question,
 * triangular solves (pdgetrs) for x = L y, x' = v' G, multipliers and
 * batches of demand scenarios, and an inverse (pdgetri) only when L, G or the
 * diagonal of L is asked for. Each rank stores about n^2 / p doubles of the
 * matrix (p ranks), plus what one question needs.
 *
 * The numbers are those of the single-process model of libflow/io.h (same
 * notation, same conventions: zero-output sectors have zero coefficients,
 * hypothetical extraction keeps a_jj unless told otherwise), up to rounding:
 * the tests hold them to 1e-12 relative on 1, 2 and 4 ranks.
 *
 * Collective calls. Every function taking a flow_mpi_io_model (or a
 * flow_mpi_comm, where marked) is collective: every rank of the communicator
 * calls it, in the same order, with the same scalar arguments (root, flags,
 * nrhs). Arrays and the single-process model are read on the root rank only;
 * results are gathered into a new flow_table on the root rank (*out is NULL
 * on the others). Every rank returns the same status: when one rank fails (a
 * bad argument on the root, a singular or non-productive system found by the
 * ranks holding the offending pivot or sector, an allocation), the status and
 * message of the lowest failing rank reach all of them (flow_last_error on
 * every rank reads "rank R: <message>").
 *
 * The communicator. libflow_mpi does not initialise MPI: the program does
 * (MPI_Init, or mpi4py in Python) and hands libflow_mpi a communicator as its
 * Fortran handle (MPI_Comm_c2f in C, comm.py2f() in mpi4py), an integer, so
 * that every signature here stays callable through ctypes. The library works
 * on a duplicate of it, so its messages never mix with the program's.
 *
 * Threads: a handle is used by one thread at a time (MPI collectives in a
 * fixed order); different handles on different communicators may run
 * concurrently if MPI was initialised with MPI_THREAD_MULTIPLE.
 */
#ifndef LIBFLOW_MPI_H
#define LIBFLOW_MPI_H

#include "libflow/common.h"
#include "libflow/io.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ communicator */

typedef struct flow_mpi_comm flow_mpi_comm;

/*
 * (collective on the communicator) Wraps a duplicate of the communicator
 * whose Fortran handle is fortran_comm (MPI_Comm_c2f(comm)). MPI must be
 * initialised. Returns FLOW_OK, FLOW_ERR_STATE (MPI not initialised or
 * already finalised), FLOW_ERR_INVALID_ARG (not a valid communicator; MPI's
 * error handler may abort first, as MPI does), FLOW_ERR_NOMEM. *out is NULL
 * on failure; free with flow_mpi_comm_free before MPI_Finalize.
 */
FLOW_API int flow_mpi_comm_new(flow_mpi_comm **out, int64_t fortran_comm);

/* (collective) As flow_mpi_comm_new for MPI_COMM_WORLD. */
FLOW_API int flow_mpi_comm_new_world(flow_mpi_comm **out);

/* (collective) Frees the duplicate. NULL is a no-op. */
FLOW_API void flow_mpi_comm_free(flow_mpi_comm *comm);

/* This process's rank and the number of ranks (-1 for NULL). */
FLOW_API int flow_mpi_comm_rank(const flow_mpi_comm *comm);
FLOW_API int flow_mpi_comm_size(const flow_mpi_comm *comm);

/* ------------------------------------------------------------------ options */

typedef struct flow_mpi_options flow_mpi_options;

/* Options with the defaults: the squarest grid of all ranks with no more
 * rows than columns, block size 64. Returns FLOW_OK or FLOW_ERR_NOMEM. */
FLOW_API int flow_mpi_options_new(flow_mpi_options **out);
FLOW_API void flow_mpi_options_free(flow_mpi_options *options);

/*
 * Process grid of rows x cols ranks (rows * cols must equal the number of
 * ranks when the model is created; 0, 0 restores the default). Returns
 * FLOW_OK or FLOW_ERR_INVALID_ARG: rows = 0 is FLOW_ERR_INVALID_ARG unless
 * cols = 0 too (cols = 0 likewise).
 */
FLOW_API int flow_mpi_options_set_grid(flow_mpi_options *options, int64_t rows, int64_t cols);

/*
 * Block size of the block-cyclic distribution (square blocks; ScaLAPACK's
 * usual 32..256; small values spread small matrices over all ranks, which
 * the tests use). Returns FLOW_OK or FLOW_ERR_INVALID_ARG (size < 1).
 */
FLOW_API int flow_mpi_options_set_block_size(flow_mpi_options *options, int64_t size);

/* ------------------------------------------------------------------ the model */

typedef struct flow_mpi_io_model flow_mpi_io_model;

/*
 * (collective) Distributes the single-process model held by rank root:
 * I - A goes block-cyclically to the grid (ScaLAPACK's pdgemr2d), and
 * x, v, y = Y 1, the diagonal of A and the region/sector codes to every
 * rank. model is read on the root only (NULL elsewhere) and may be freed
 * afterwards; options may be NULL (defaults). The root needs two n x n
 * matrices during the call (the model's Z and A for sending).
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL comm or root model, root out
 * of range), FLOW_ERR_DIMENSION (the grid does not have as many ranks as
 * the communicator), FLOW_ERR_OVERFLOW (a local size beyond ScaLAPACK's
 * integers), FLOW_ERR_NOMEM. *out is NULL on failure, on every rank.
 */
FLOW_API int flow_mpi_io_model_new(flow_mpi_io_model **out, flow_mpi_comm *comm, int root,
                                   const flow_io_model *model, const flow_mpi_options *options);

/*
 * (collective) Builds the distributed model straight from a wide IO table
 * that every rank can read (a shared file system), for tables too large for
 * one machine: each rank parses and keeps only its own row blocks
 * (read options "wide_row_block", "wide_row_block_count",
 * "wide_row_block_index"), so
 * no rank holds more than about 3 to 5 n^2 / p doubles while reading (its
 * rows as the reader grows and copies them, their columns of M', its
 * share). The layout is that of "flowtool io": a header row, then rows
 * region,sector,<the Z block, one column per region/sector>,<final-demand
 * columns>, and after the sector rows, optionally, the row of value added (label or region
 * field va_row, NULL: "VA") and of gross output (x_row, NULL: "X"); v and x
 * are derived as in flow_io_model_new when absent. Regions are the runs of
 * equal region fields (region-major, equal blocks, same sector codes). Cells
 * are read strictly: the first bad row fails the read.
 * Returns FLOW_OK, FLOW_ERR_IO, FLOW_ERR_PARSE, FLOW_ERR_VALUE (a bad cell:
 * the message of the rank that read it names file, line and column),
 * FLOW_ERR_EMPTY, FLOW_ERR_DIMENSION (the sector rows do not fit the
 * columns, a row after them is neither VA nor X), FLOW_ERR_INVALID_ARG (NULL
 * argument, regions not region-major), FLOW_ERR_OVERFLOW, FLOW_ERR_NOMEM -
 * the same on every rank. *out is NULL on failure.
 */
FLOW_API int flow_mpi_io_model_read_wide(flow_mpi_io_model **out, flow_mpi_comm *comm,
                                         const char *path, const char *va_row, const char *x_row,
                                         const flow_mpi_options *options);

/* (collective) Frees the model and its process grid. NULL is a no-op (on every rank). */
FLOW_API void flow_mpi_io_model_free(flow_mpi_io_model *model);

/* Order n, and the process grid (rows, cols), the same on every rank (0 for NULL). */
FLOW_API int64_t flow_mpi_io_model_order(const flow_mpi_io_model *model);
FLOW_API int64_t flow_mpi_io_model_grid_rows(const flow_mpi_io_model *model);
FLOW_API int64_t flow_mpi_io_model_grid_cols(const flow_mpi_io_model *model);

/*
 * Doubles of the distributed I - A this rank holds (its local block-cyclic
 * part), for memory planning: about n^2 / p.
 */
FLOW_API int64_t flow_mpi_io_model_local_size(const flow_mpi_io_model *model);

/*
 * (collective) Factors I - A once (pdgetrf) and checks productivity as
 * flow_io_model_factor does: every column sum of A below 1 proves it;
 * otherwise (I - A) z = 1 must give z > 0. Idempotent. Returns FLOW_OK,
 * FLOW_ERR_SINGULAR (naming the first zero pivot's sector),
 * FLOW_ERR_NOT_PRODUCTIVE (naming the sector), FLOW_ERR_NOMEM; every
 * "(factors)" function below returns these as well.
 */
FLOW_API int flow_mpi_io_model_factor(flow_mpi_io_model *model);

/* ------------------------------------------------------------------ results on the root */

/*
 * (collective, factors) The scenario batch: x = L y for nrhs demand vectors
 * at once, one distributed multi-right-hand-side solve (pdgetrs) in which
 * the scenarios are spread over the process columns. y (n x nrhs row-major,
 * column c = scenario c, y_stride >= nrhs) is read on the root; names
 * (nrhs strings, or NULL for "scenario_<c>") label the columns. The n x nrhs
 * result goes to *out on the root: rows labelled by sector code with the
 * region code as group. With a change of final demand as y, x is the change
 * of output of each scenario (the demand lens of a final-demand cut).
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (nrhs < 1, NULL y, bad stride on the
 * root), FLOW_ERR_NOMEM and the factoring codes: nrhs = 0 is
 * FLOW_ERR_INVALID_ARG.
 */
FLOW_API int flow_mpi_io_leontief_solve(flow_table **out, flow_mpi_io_model *model, int root,
                                        int64_t nrhs, const double *y, int64_t y_stride,
                                        const char *const *names);

/*
 * (collective, factors) Ghosh supply model x' = v' G for nrhs primary-input
 * vectors (v: n x nrhs on the root), as flow_io_model_ghosh_solve; layout,
 * labels and codes as flow_mpi_io_leontief_solve (nrhs = 0 is
 * FLOW_ERR_INVALID_ARG).
 */
FLOW_API int flow_mpi_io_ghosh_solve(flow_table **out, flow_mpi_io_model *model, int root,
                                     int64_t nrhs, const double *v, int64_t v_stride,
                                     const char *const *names);

/*
 * (collective, factors) Multipliers, an n x 2 table on the root with columns
 * "output" (m_j = sum_i l_ij) and "value_added" ((v/x)' L), by one
 * transposed solve with two right-hand sides. Returns FLOW_OK,
 * FLOW_ERR_NOMEM and the factoring codes.
 */
FLOW_API int flow_mpi_io_multipliers(flow_table **out, flow_mpi_io_model *model, int root);

/*
 * (collective, factors) The single-sector hypothetical-extraction sweep of
 * flow_io_extraction_sweep (same closed forms, same flags), an n x 4 table
 * on the root with columns "backward", "forward", "total" (losses of total
 * output 1'(x - xbar)) and "l_jj" (the diagonal of L the closed forms divide
 * by). The diagonal comes from the distributed inverse (pdgetri on a copy of
 * the factors: n^2 / p more doubles per rank for the call). Returns FLOW_OK,
 * FLOW_ERR_NOMEM and the factoring codes.
 */
FLOW_API int flow_mpi_io_extraction_sweep(flow_table **out, flow_mpi_io_model *model, int root,
                                          int flags);

/*
 * (collective, factors) The Leontief inverse L (or, for the Ghosh variant,
 * G = x^-1 L x) formed distributed (pdgetri on a copy of the factors) and
 * gathered into an n x n table on the root, rows and columns labelled by
 * sector with the region as group. Memory: n^2 / p more doubles per rank
 * during the call, and on the root n^2 for the gathered matrix plus n^2 for
 * the table. Returns FLOW_OK, FLOW_ERR_NOMEM and the factoring codes.
 */
FLOW_API int flow_mpi_io_leontief_inverse(flow_table **out, flow_mpi_io_model *model, int root);
FLOW_API int flow_mpi_io_ghosh_inverse(flow_table **out, flow_mpi_io_model *model, int root);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_MPI_H */
