/*
 * layer_kind.c - the kind (flow or stock) of a dataset's layers.
 */
#include "flowr.h"
#include "kinds.h"

/* .Call entry: declares `layer` of the dataset (its target, see dataset.R)
 * a stock (`stock` TRUE) or a flow layer. Returns NULL or a failure. */
SEXP flowr_set_layer_kind(SEXP handle, SEXP layer, SEXP stock)
{
    flow_dataset *ds = flowr_handle_get(handle, &flowr_kind_dataset);
    int status =
        flow_dataset_set_layer_kind(ds, flowr_string(layer, "layer"),
                                    Rf_asLogical(stock) == 1 ? FLOW_LAYER_STOCK : FLOW_LAYER_FLOW);
    return status == FLOW_OK ? R_NilValue : flowr_failure(status);
}

/* .Call entry: "flow" or "stock", the kind of `layer` in the dataset. */
SEXP flowr_layer_kind(SEXP handle, SEXP layer)
{
    const flow_dataset *ds = flowr_handle_get(handle, &flowr_kind_dataset);
    int kind = flow_dataset_layer_kind(ds, flowr_string(layer, "layer"));
    return Rf_mkString(kind == FLOW_LAYER_STOCK ? "stock" : "flow");
}
