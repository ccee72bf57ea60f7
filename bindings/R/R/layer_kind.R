#' Flow and stock layers
#'
#' A layer is a flow (trade, energy, IO tables: what moves in a year) or a
#' stock (bank claims, portfolio and direct-investment positions: what is
#' held at a date). The Leontief, Ghosh and inoperability lenses need flows:
#' `flow_io_model_from_dataset()` refuses a stock layer and
#' [flow_shock_report()] reports no lens for it (`NaN`, `kind` "stock"),
#' running contagion ([flow_debtrank()]) instead. Undeclared layers are flows,
#' except `"finance"`, the project's layer of bank claims. A scenario may
#' declare a kind for its runs (`kind finance stock`), over the dataset's.
#'
#' @param dataset A [flow_dataset()].
#' @param layer Layer name.
#' @param kind `"stock"` or `"flow"`.
#' @return `flow_layer_kind()`: `"flow"` or `"stock"`;
#'   `flow_set_layer_kind()`: the dataset, invisibly.
#' @examples
#' ds <- flow_dataset()
#' flow_layer_kind(ds, "finance") # "stock"
#' flow_set_layer_kind(ds, "positions", "stock")
#' flow_layer_kind(ds, "positions")
#' @export
flow_set_layer_kind <- function(dataset, layer, kind = c("stock", "flow")) {
    kind <- match.arg(kind)
    on.exit(.flow_call(C_flowr_dataset_refresh, dataset))
    .flow_call(C_flowr_set_layer_kind, .Call(C_flowr_dataset_target, dataset), layer,
               kind == "stock")
    invisible(dataset)
}

#' @rdname flow_set_layer_kind
#' @export
flow_layer_kind <- function(dataset, layer) {
    .flow_call(C_flowr_layer_kind, dataset, layer)
}
