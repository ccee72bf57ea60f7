/*
 * util_indices.h - what the asymmetry, concentration and centrality
 * subcommands share: choosing matrices of a dataset and reading codes.
 */
#ifndef FLOWTOOL_UTIL_INDICES_H
#define FLOWTOOL_UTIL_INDICES_H

#include "util.h"

/*
 * The layer to analyse (--layer, default "trade") and its year (--year,
 * default the latest year the layer holds). Prints an error and returns 1
 * when the dataset holds no such layer.
 */
int flowtool_pick_layer_year(const flow_dataset *ds, const struct flowtool_common *c,
                             const char **layer, int64_t *year);

/*
 * The product selection of (layer, year) for the indices: --product when
 * given, otherwise NULL (all products summed) when every product of the
 * matrix has the same unit. Returns 1 (after printing why) when the products
 * have different units and no --product was given.
 */
int flowtool_pick_product(const flow_dataset *ds, const struct flowtool_common *c,
                          const char *layer, int64_t year, const char **product);

/* 1 when the products of (layer, year) do not all have the same unit. */
int flowtool_mixed_units(const flow_dataset *ds, const char *layer, int64_t year);

/* Unit of (layer, year, product-or-NULL for all): the first matching matrix's, "" if none. */
const char *flowtool_unit_of(const flow_dataset *ds, const char *layer, int64_t year,
                             const char *product);

/*
 * USD per unit for the money units of the demo and presets ("USD", "USD_k",
 * "USD_m", "USD_bn"); 0 for other units (tonnes, cubic metres), which sizes
 * in money cannot divide.
 */
double flowtool_usd_per_unit(const char *unit);

/* Index of an economy code on the dataset's axis; prints an error and returns 1 if unknown. */
int flowtool_economy(const flow_dataset *ds, const char *code, const char *option, int64_t *index);

/* Code of economy i (borrowed from the dataset). */
const char *flowtool_code(const flow_dataset *ds, int64_t i);

/*
 * Every dyad measure of one matrix of a dataset (flow_dyads_new_from_dataset
 * without sizes), held as the library's tables: one n x n table per
 * flow_dyad_measure.
 */
typedef struct flowtool_dyads {
    int64_t n;
    flow_table *measure[FLOW_DYAD_MEASURE_COUNT];
} flowtool_dyads;

/* Fills *out; returns 1 on failure (the library's error is recorded; *out is NULL). */
int flowtool_dyads_new(flowtool_dyads **out, const flow_dataset *ds, const char *layer,
                       int64_t year, const char *product);
void flowtool_dyads_free(flowtool_dyads *d);

/* The n x n values (row-major, stride n) of one measure; borrowed from d. */
const double *flowtool_dyad_matrix(const flowtool_dyads *d, int measure);

#endif /* FLOWTOOL_UTIL_INDICES_H */
