/*
 * evasion_internal.h - what the evasion files (evasion_*.c) share: the
 * options, and the panel view of a dataset for one question (sources,
 * targets, intermediaries; the matrices of each product in each year).
 */
#ifndef LIBFLOW_EVASION_INTERNAL_H
#define LIBFLOW_EVASION_INTERNAL_H

#include "internal.h"
#include "options_table.h"

#include "libflow/evasion.h"

typedef struct flow_i_textlist flow_i_codes;

struct flow_evasion_options {
    flow_i_codes roles[FLOW_EVASION_ROLE_COUNT];
    int64_t y0, y1, y2;
    char *value, *mirror, *quantity; /* mirror, quantity NULL when none */
    double band_lo, band_hi, jump;
    int64_t draws, seed;
};

/* Matrices of one product kept by the panel (NULL values: no such matrix, all zero). */
enum { PANEL_V0, PANEL_V1, PANEL_V2, PANEL_M0, PANEL_M1, PANEL_Q0, PANEL_Q1, PANEL_KINDS };

typedef struct flow_i_view {
    const double *values;
    int64_t stride;
} flow_i_view;

typedef struct flow_i_panel {
    const flow_dataset *ds;
    const flow_evasion_options *o;
    int64_t n;
    int64_t *sources, *targets, *hubs;
    int64_t nsources, ntargets, nhubs;
    int64_t nproducts;
    const char **products; /* borrowed from the dataset, sorted */
    flow_i_view *views;    /* nproducts x PANEL_KINDS */
    int has_mirror, has_quantity, has_y2;
    /*
     * With a mirror layer, per year (0: y0, 1: y1) and economy: bit 1 when it
     * reports exports (a non-zero flow in its row of the value layer), bit 2
     * when it reports imports (its column of the mirror layer), over all
     * products. A pair is compared only when both report (see mirror_row).
     */
    unsigned char *reports[2];
} flow_i_panel;

/* 1 when origin reports exports and destination imports in year slot y (0: y0, 1: y1). */
int flow_i_panel_mirrored(const flow_i_panel *p, int y, int64_t origin, int64_t destination);

/* Resolves the options against the dataset (errors as flow_evasion_diagnose). */
int flow_i_panel_open(flow_i_panel *p, const flow_dataset *ds, const flow_evasion_options *o);
void flow_i_panel_close(flow_i_panel *p);

/* Flow origin -> destination of product k in matrix kind (0 when absent). */
double flow_i_panel_flow(const flow_i_panel *p, int64_t k, int kind, int64_t origin,
                         int64_t destination);

/* Sum of the flows from every origin in `from` to every destination in `to`. */
double flow_i_panel_sum(const flow_i_panel *p, int64_t k, int kind, const int64_t *from,
                        int64_t nfrom, const int64_t *to, int64_t nto);

/* Code of economy i (borrowed from the dataset). */
const char *flow_i_panel_code(const flow_i_panel *p, int64_t i);

#endif /* LIBFLOW_EVASION_INTERNAL_H */
