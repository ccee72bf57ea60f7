/*
 * labels_internal.h - internal interface of the label sets (never installed).
 */
#ifndef LIBFLOW_LABELS_INTERNAL_H
#define LIBFLOW_LABELS_INTERNAL_H

#include "internal.h"

#include <stddef.h>

/* One row of the generated ISO 3166-1 table (iso3166.c). */
struct flow_i_iso3166 {
    const char *alpha3;
    const char *numeric;
    const char *name;
};

extern const struct flow_i_iso3166 flow_i_iso3166_table[];
extern const int64_t flow_i_iso3166_count;

/*
 * Looks up len bytes of s (not NUL-terminated) as a code or alias. Returns 1
 * with *index set when found, 0 otherwise; records no error, so the readers
 * can decide what an unknown code means.
 */
int flow_i_labels_lookup(const flow_labels *labels, const char *s, size_t len, int64_t *index);

/*
 * Group code of every label under agg (NULL where a label is not a member);
 * groups must hold flow_labels_count(labels) entries. The strings are borrowed
 * from agg.
 */
void flow_i_aggregation_groups(const flow_aggregation *agg, const flow_labels *labels,
                               const char **groups);

#endif /* LIBFLOW_LABELS_INTERNAL_H */
