/*
 * indices_internal.h - what the dataset conveniences need from the flag
 * results (internal).
 */
#ifndef LIBFLOW_INDICES_INTERNAL_H
#define LIBFLOW_INDICES_INTERNAL_H

#include "libflow.h"

/*
 * Names the years (n_years calendar years) and products (n_products group
 * codes, copied) of flags built by flow_depflags_new, replacing the default
 * index years and "" products. Returns FLOW_OK or FLOW_ERR_NOMEM.
 */
int flow_i_depflags_label(flow_depflags *flags, const int64_t *years, const char *const *products);

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
