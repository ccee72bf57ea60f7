/*
 * kinds.h - the kinds of libflow handle the package wraps. Each is defined
 * next to the glue that creates it; FLOWR_KINDS lists them for handles.c.
 */
#ifndef FLOWR_KINDS_H
#define FLOWR_KINDS_H

#include "flowr.h"

extern const flowr_kind flowr_kind_table;
extern const flowr_kind flowr_kind_io_model;
extern const flowr_kind flowr_kind_dyads;
extern const flowr_kind flowr_kind_centrality_options;
extern const flowr_kind flowr_kind_dataset;
extern const flowr_kind flowr_kind_labels;
extern const flowr_kind flowr_kind_read_options;
extern const flowr_kind flowr_kind_read_report;
extern const flowr_kind flowr_kind_aggregation;
extern const flowr_kind flowr_kind_depflag_options;
extern const flowr_kind flowr_kind_scenario;
extern const flowr_kind flowr_kind_shock_options;
extern const flowr_kind flowr_kind_shock_batch;
extern const flowr_kind flowr_kind_mrio;

#define FLOWR_KINDS                                                                                \
    &flowr_kind_table, &flowr_kind_io_model, &flowr_kind_dyads, &flowr_kind_centrality_options,    \
        &flowr_kind_dataset, &flowr_kind_labels, &flowr_kind_read_options,                         \
        &flowr_kind_read_report, &flowr_kind_aggregation, &flowr_kind_depflag_options,             \
        &flowr_kind_scenario, &flowr_kind_shock_options, &flowr_kind_shock_batch, &flowr_kind_mrio

#endif /* FLOWR_KINDS_H */
