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
