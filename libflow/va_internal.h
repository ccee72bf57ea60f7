/*
 * va_internal.h - the dense pieces of a multi-regional model that the
 * value-added-trade analyses share (va_*.c), and labelled-table helpers.
 */
#ifndef LIBFLOW_VA_INTERNAL_H
#define LIBFLOW_VA_INTERNAL_H

#include "io_internal.h"

/*
 * Everything the decompositions read, formed once per call. Matrices are
 * row-major and contiguous; "by region" arrays are n x G (row i, column r).
 */
typedef struct flow_i_va_system {
    int64_t n, regions, sectors;
    double *a;     /* A, n x n */
    double *b;     /* B = (I - A)^-1, n x n */
    double *local; /* L_rr = (I - A_rr)^-1, regions blocks of N x N */
    double *vc;    /* V = v / x, n */
    double *y;     /* final demand by destination region, n x G */
    double *eint;  /* intermediate exports Z_i,r-block 1 (0 for the own region), n x G */
    double *e;     /* gross exports eint + y off the own region, n x G */
    double *etot;  /* total gross exports of each row, n */
    double *ydom;  /* final demand of the row's own region, n */
    double *yexp;  /* final exports of the row, n */
} flow_i_va_system;

/* Region of index i. */
static inline int64_t flow_i_va_region(const flow_i_va_system *s, int64_t i)
{
    return i / s->sectors;
}

/*
 * (factors) Forms the system of a multi-regional model. Fails with
 * FLOW_ERR_INVALID_ARG for fewer than two regions or an unowned final-demand
 * column. Free with flow_i_va_system_free (also after a failure).
 */
int flow_i_va_system_new(flow_i_va_system *sys, flow_io_model *model);
void flow_i_va_system_free(flow_i_va_system *sys);

/* Writes the code of region r (or "region_<r>") / sector s (or "sector_<s>"). */
void flow_i_va_region_name(const flow_io_model *m, int64_t r, char *buf, size_t cap);
void flow_i_va_sector_name(const flow_io_model *m, int64_t s, char *buf, size_t cap);

/* Names the columns of t from a NULL-free array of cols names. */
int flow_i_va_name_columns(flow_table *t, const char *const *names, int64_t cols);

/* Labels the n rows of t as region (group) / sector (label) of the model. */
int flow_i_va_label_nodes(flow_table *t, const flow_io_model *m);

/* Labels the G rows of t with the region codes. */
int flow_i_va_label_regions(flow_table *t, const flow_io_model *m);

#endif /* LIBFLOW_VA_INTERNAL_H */
