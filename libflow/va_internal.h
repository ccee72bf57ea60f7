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
    double *b;     /* B = (I - A)^-1, n x n; NULL when the analysis works by solves */
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
 * (factors) Forms the system of a multi-regional model, with B when
 * with_inverse is set (otherwise b is NULL and B is applied through the
 * model's LU). Fails with FLOW_ERR_INVALID_ARG for fewer than two regions or
 * an unowned final-demand column. Free with flow_i_va_system_free (also after
 * a failure).
 */
int flow_i_va_system_new(flow_i_va_system *sys, flow_io_model *model, int with_inverse);

/*
 * How flow_i_va_decompose applies B: AUTO takes the cheaper way for the
 * method and the model (see va_decompose.c), INVERSE forms B, SOLVES works by
 * blocked solves against the model's LU where the method allows it (VAX, KWW,
 * WWZ; Borin & Mancini read whole column blocks of B and always form it).
 */
typedef enum flow_i_va_path {
    FLOW_I_VA_AUTO = 0,
    FLOW_I_VA_INVERSE = 1,
    FLOW_I_VA_SOLVES = 2,
    FLOW_I_VA_PATH_COUNT = 3
} flow_i_va_path;

/* flow_va_decompose with the way of applying B chosen (flow_i_va_path). */
int flow_i_va_decompose(flow_table **out, flow_io_model *model, int method, int level,
                        int64_t importer, int path);
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
