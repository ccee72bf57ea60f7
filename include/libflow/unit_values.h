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

/*
 * Prices per product for the shock option "prices" (include/libflow/shock.h),
 * from a value layer and a quantity layer of the same flows (BACI's v and q,
 * read together with the read option "quantity_layer"): for every product
 * that both layers hold in year, the unit value of all its flows together,
 *
 *   price_p = sum v_ij / sum q_ij   over the cells with q_ij > 0,
 *
 * in USD_m per price_unit. A cell with a value but no quantity (BACI's NA, a
 * rejected quantity, 0) is in neither sum, so a missing quantity does not
 * raise the price; its value is reported as "unmatched_value". The value
 * layer's unit must be money (USD, USD_k, USD_thousand, USD_m, USD_bn: the
 * BACI preset reads v in thousands of USD as "USD"); the quantity layer's
 * unit is converted to price_unit when both are among kg, t, kt, Mt (mass)
 * or m3, bcm (volume). price_unit is the unit of the physical matrices the
 * prices will value (energy in "Mt": USD_m per Mt, numerically USD per
 * tonne); NULL or "" keeps the quantity layer's unit, whatever it is.
 *
 * *out: one row per product (labelled by the product code, in the dataset's
 * order), columns "price" (USD_m per price_unit; NaN when no cell has both a
 * value and a quantity), "value" (USD_m, matched cells), "quantity" (in
 * price_unit, matched cells), "unmatched_value" (USD_m), "cells" (matched
 * cells); scalar "year". The "price" column joined as product=price pairs
 * (NaN rows left out) is the value of the shock option "prices". Matrices
 * without a product are not listed (a price list names products).
 * *out is NULL on failure; free with flow_table_free. Reads ds only.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL out, ds or layer, the same
 * layer twice), FLOW_ERR_NOT_FOUND (no product of year in both layers),
 * FLOW_ERR_VALUE (a value unit that is not money, a quantity unit that
 * cannot be stated per price_unit; the message names them), FLOW_ERR_NOMEM.
 */
FLOW_API int flow_unit_value_prices(flow_table **out, const flow_dataset *ds,
                                    const char *value_layer, const char *quantity_layer,
                                    int64_t year, const char *price_unit);

#ifdef __cplusplus
}
#endif

#endif
