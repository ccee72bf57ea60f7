/*
 * scalapack.h - the BLACS and ScaLAPACK entry points libflow_mpi calls.
 *
 * ScaLAPACK ships no C header, so the prototypes are declared here, once:
 * the C interface of the BLACS (Cblacs_*), and the Fortran routines (trailing
 * underscore, every argument by reference, and for each CHARACTER argument a
 * hidden length passed by value at the end, as gfortran compiles them).
 * Descriptors are the nine-integer arrays of ScaLAPACK's "array descriptor
 * for dense matrices": type, context, rows, cols, row block, col block, first
 * process row, first process column, local leading dimension.
 */
#ifndef LIBFLOW_MPI_SCALAPACK_H
#define LIBFLOW_MPI_SCALAPACK_H

#include <mpi.h>
#include <stddef.h>

enum { FLOW_I_DLEN = 9 };
/* Descriptor entries (0-based positions of ScaLAPACK's DTYPE_, CTXT_, ...). */
enum {
    FLOW_I_DESC_TYPE = 0,
    FLOW_I_DESC_CTXT = 1,
    FLOW_I_DESC_M = 2,
    FLOW_I_DESC_N = 3,
    FLOW_I_DESC_MB = 4,
    FLOW_I_DESC_NB = 5,
    FLOW_I_DESC_RSRC = 6,
    FLOW_I_DESC_CSRC = 7,
    FLOW_I_DESC_LLD = 8
};

int Csys2blacs_handle(MPI_Comm comm);
void Cfree_blacs_system_handle(int handle);
void Cblacs_gridinit(int *context, const char *order, int nprow, int npcol);
void Cblacs_gridinfo(int context, int *nprow, int *npcol, int *myrow, int *mycol);
void Cblacs_pcoord(int context, int pnum, int *prow, int *pcol);
void Cblacs_gridexit(int context);

int numroc_(const int *n, const int *nb, const int *iproc, const int *isrcproc, const int *nprocs);
void descinit_(int *desc, const int *m, const int *n, const int *mb, const int *nb,
               const int *irsrc, const int *icsrc, const int *ictxt, const int *lld, int *info);
void pdgetrf_(const int *m, const int *n, double *a, const int *ia, const int *ja, const int *desca,
              int *ipiv, int *info);
void pdgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *ia,
              const int *ja, const int *desca, const int *ipiv, double *b, const int *ib,
              const int *jb, const int *descb, int *info, size_t trans_len);
void pdgetri_(const int *n, double *a, const int *ia, const int *ja, const int *desca,
              const int *ipiv, double *work, const int *lwork, int *iwork, const int *liwork,
              int *info);
void pdgemr2d_(const int *m, const int *n, const double *a, const int *ia, const int *ja,
               const int *desca, double *b, const int *ib, const int *jb, const int *descb,
               const int *ictxt);

#endif /* LIBFLOW_MPI_SCALAPACK_H */
