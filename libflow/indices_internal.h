/*
 * indices_internal.h - what the dataset conveniences need from the flag
 * results (internal).
 */
#ifndef LIBFLOW_INDICES_INTERNAL_H
#define LIBFLOW_INDICES_INTERNAL_H

#include "libflow.h"

/* What labels the rows of a flags table built from a dataset (borrowed). */
typedef struct flow_i_depflag_labels {
    const int64_t *years;         /* calendar years (n_years), or NULL: the year index */
    const char *const *products;  /* product codes (n_products), or NULL: the index */
    const flow_labels *economies; /* economy codes (n), or NULL: unlabelled */
} flow_i_depflag_labels;

/*
 * flow_depflags_new with labels (NULL: none): years name the calendar years
 * the persistence window counts (the year index without them).
 */
int flow_i_depflags_table(flow_table **out, const flow_depflag_options *options,
                          const double *flows, int64_t n_years, int64_t n_products, int64_t n,
                          int64_t row_stride, const flow_i_depflag_labels *labels);

/* Order and measure matrix (n x n, contiguous) of a dyads result. */
int64_t flow_i_dyads_order(const flow_dyads *dyads);
const double *flow_i_dyads_matrix(const flow_dyads *dyads, int measure);

/* Labels the economies of a dyads result (codes copied). FLOW_OK or FLOW_ERR_NOMEM. */
int flow_i_dyads_label(flow_dyads *dyads, const flow_labels *codes);

/* Column names of the dyad measures ("export_share", ...), indexed by flow_dyad_measure. */
extern const char *const flow_i_dyad_measure_names[FLOW_DYAD_MEASURE_COUNT];

/*
 * Writes every dyad measure of (i, j) of d into row `row` of the table t
 * (columns in flow_dyad_measure order).
 */
void flow_i_dyad_profile_row(flow_table *t, int64_t row, const flow_dyads *d, int64_t i, int64_t j);

#endif /* LIBFLOW_INDICES_INTERNAL_H */
