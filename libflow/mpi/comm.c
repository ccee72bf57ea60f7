/*
 * comm.c - the communicator handle, options, and agreeing on one status
 * across ranks.
 */
#include "mpi_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest message carried from the failing rank to the others. */
#define MESSAGE_CAP 512

int flow_i_mpi_fail(int status, const char *fmt, ...)
{
    char message[MESSAGE_CAP];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    return flow_error_set(status, message);
}

int flow_i_mpi_check(int mpi_rc, const char *what)
{
    if (mpi_rc == MPI_SUCCESS)
        return FLOW_OK;
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    if (MPI_Error_string(mpi_rc, text, &len) != MPI_SUCCESS)
        snprintf(text, sizeof text, "MPI error %d", mpi_rc);
    return flow_i_mpi_fail(FLOW_ERR_IO, "%s failed: %s", what, text);
}

void *flow_i_mpi_alloc(int64_t count, size_t size)
{
    if (count < 0 || (size > 0 && (uint64_t)count > SIZE_MAX / size))
        return NULL;
    return malloc(count > 0 ? (size_t)count * size : 1);
}

int flow_i_mpi_agree(const flow_mpi_comm *c, int status)
{
    int mine = status != FLOW_OK ? c->rank : c->size, first = c->size;
    int rc = flow_i_mpi_check(MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, c->comm),
                              "MPI_Allreduce of the status");
    if (rc != FLOW_OK || first == c->size)
        return rc;
    char message[MESSAGE_CAP] = "";
    int code = status;
    if (c->rank == first)
        snprintf(message, sizeof message, "%s", flow_last_error());
    if ((rc = flow_i_mpi_check(MPI_Bcast(&code, 1, MPI_INT, first, c->comm), "MPI_Bcast")) !=
            FLOW_OK ||
        (rc = flow_i_mpi_check(MPI_Bcast(message, MESSAGE_CAP, MPI_CHAR, first, c->comm),
                               "MPI_Bcast")) != FLOW_OK)
        return rc;
    message[MESSAGE_CAP - 1] = '\0';
    return flow_i_mpi_fail(code, "rank %d: %s", first, message);
}

/* ------------------------------------------------------------------ communicator */

static int wrap(flow_mpi_comm **out, MPI_Comm comm)
{
    int initialised = 0, finalised = 0, rc;
    if (out == NULL)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = NULL;
    MPI_Initialized(&initialised);
    MPI_Finalized(&finalised);
    if (!initialised || finalised)
        return flow_i_mpi_fail(FLOW_ERR_STATE, "MPI is %s: the program initialises it",
                               finalised ? "finalised" : "not initialised");
    if (comm == MPI_COMM_NULL)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "the communicator is MPI_COMM_NULL");
    flow_mpi_comm *c = calloc(1, sizeof *c);
    if (c == NULL)
        return flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    if ((rc = flow_i_mpi_check(MPI_Comm_dup(comm, &c->comm), "MPI_Comm_dup")) != FLOW_OK) {
        free(c);
        return rc;
    }
    MPI_Comm_set_errhandler(c->comm, MPI_ERRORS_RETURN);
    MPI_Comm_rank(c->comm, &c->rank);
    MPI_Comm_size(c->comm, &c->size);
    *out = c;
    return FLOW_OK;
}

int flow_mpi_comm_new(flow_mpi_comm **out, int64_t fortran_comm)
{
    if (fortran_comm < INT32_MIN || fortran_comm > INT32_MAX) {
        if (out != NULL)
            *out = NULL;
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "%lld is no Fortran communicator handle",
                               (long long)fortran_comm);
    }
    return wrap(out, MPI_Comm_f2c((MPI_Fint)fortran_comm));
}

int flow_mpi_comm_new_world(flow_mpi_comm **out)
{
    return wrap(out, MPI_COMM_WORLD);
}

void flow_mpi_comm_free(flow_mpi_comm *c)
{
    if (c == NULL)
        return;
    MPI_Comm_free(&c->comm);
    free(c);
}

int flow_mpi_comm_rank(const flow_mpi_comm *c)
{
    return c != NULL ? c->rank : -1;
}

int flow_mpi_comm_size(const flow_mpi_comm *c)
{
    return c != NULL ? c->size : -1;
}

/* ------------------------------------------------------------------ options */

int flow_mpi_options_new(flow_mpi_options **out)
{
    if (out == NULL)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "output pointer is NULL");
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return flow_i_mpi_fail(FLOW_ERR_NOMEM, "out of memory");
    (*out)->block = 64;
    return FLOW_OK;
}

void flow_mpi_options_free(flow_mpi_options *o)
{
    free(o);
}

int flow_mpi_options_set_grid(flow_mpi_options *o, int64_t rows, int64_t cols)
{
    if (o == NULL || rows < 0 || cols < 0 || (rows == 0) != (cols == 0) || rows > INT32_MAX ||
        cols > INT32_MAX)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG,
                               "a process grid needs rows, cols > 0 (or 0, 0 for the default)");
    o->rows = (int)rows;
    o->cols = (int)cols;
    return FLOW_OK;
}

int flow_mpi_options_set_block_size(flow_mpi_options *o, int64_t size)
{
    if (o == NULL || size < 1 || size > INT32_MAX)
        return flow_i_mpi_fail(FLOW_ERR_INVALID_ARG, "block size %lld is not positive",
                               (long long)size);
    o->block = (int)size;
    return FLOW_OK;
}
