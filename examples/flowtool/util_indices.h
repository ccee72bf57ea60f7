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

#endif /* FLOWTOOL_UTIL_INDICES_H */
