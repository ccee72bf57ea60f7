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

#endif /* LIBFLOW_INDICES_INTERNAL_H */
