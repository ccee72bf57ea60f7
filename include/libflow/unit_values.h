/*
 * unit_values.h - unit values of one economy's flows: the value of a flow
 * over its quantity (USD per tonne, ...), partner by partner and year by year.
 *
 * A price discount shows in unit values, not in volumes: Russian crude sold to
 * China and India after 2022 moves in larger volumes at a lower value per
 * tonne than the benchmark. The value and the quantity of the same flows are
 * two layers of one dataset (for example "oil_value" in USD_m and
 * "oil_quantity" in Mt, product "crude_oil"), read from the same source so
 * that their ratio is a price.
 */
#ifndef LIBFLOW_UNIT_VALUES_H
#define LIBFLOW_UNIT_VALUES_H

#include "libflow/common.h"
#include "libflow/dataset.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Unit values of economy's flows of product (NULL or "" for flows without a
 * product): for every year in which the dataset holds both the matrix
 * (value_layer, year, product) and (quantity_layer, year, product), one row
 * per partner with a non-zero value or quantity, direction FLOW_EXPORTS for
 * the economy's sales (its row), FLOW_IMPORTS for its purchases (its column).
 * Rows are labelled by the partner's code and grouped by the year (as text),
 * years ascending, partners by decreasing value. Columns: "year", "value",
 * "quantity" (each in its layer's unit) and "unit_value" = value / quantity
 * (in value unit per quantity unit, e.g. USD_m / Mt = USD per tonne; NaN when
 * the quantity is 0: a value without a quantity is kept, not dropped).
 * Scalars: "years" (number of years with both layers).
 * *out is NULL on failure; free with flow_table_free. Reads ds only
 * (thread-safe with other readers of ds).
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL out, ds, layers or economy,
 * bad direction, the same layer twice), FLOW_ERR_UNKNOWN_LABEL (economy),
 * FLOW_ERR_NOT_FOUND (no year holds both layers for the product; the message
 * names them) or FLOW_ERR_NOMEM.
 */
FLOW_API int flow_unit_values(flow_table **out, const flow_dataset *ds, const char *value_layer,
                              const char *quantity_layer, const char *product, const char *economy,
                              int direction);

#ifdef __cplusplus
}
#endif

#endif
