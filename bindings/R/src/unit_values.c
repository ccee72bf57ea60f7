/*
 * unit_values.c - .Call glue of flow_unit_values (include/libflow/unit_values.h).
 */
#include "flowr.h"
#include "kinds.h"

/*
 * flowr_unit_values(dataset, layers, product, economy, imports): layers
 * c(value, quantity), product "" for flows without one, imports TRUE for the
 * economy's purchases. Returns the result matrix (row groups: the years).
 */
SEXP flowr_unit_values(SEXP dataset, SEXP layers, SEXP product, SEXP economy, SEXP imports)
{
    const flow_dataset *ds = flowr_handle_get(dataset, &flowr_kind_dataset);
    const char **layer = flowr_strings(layers, "layers", 2);
    const char *p = flowr_string(product, "product");
    const char *code = flowr_string(economy, "economy");
    int direction = Rf_asLogical(imports) == TRUE ? FLOW_IMPORTS : FLOW_EXPORTS;
    flow_table *result = NULL;
    int status = flow_unit_values(&result, ds, layer[0], layer[1], p, code, direction);
    return flowr_table_result(status, result);
}

/*
 * flowr_unit_value_prices(dataset, layers, year, price_unit): layers
 * c(value, quantity); price_unit "" for the quantity layer's own unit.
 * Returns the result matrix (rows: products).
 */
SEXP flowr_unit_value_prices(SEXP dataset, SEXP layers, SEXP year, SEXP price_unit)
{
    const flow_dataset *ds = flowr_handle_get(dataset, &flowr_kind_dataset);
    const char **layer = flowr_strings(layers, "layers", 2);
    const char *unit = flowr_string(price_unit, "price_unit");
    flow_table *result = NULL;
    int status =
        flow_unit_value_prices(&result, ds, layer[0], layer[1], flowr_int64(year, "year"), unit);
    return flowr_table_result(status, result);
}
