#' Unit values of an economy's flows
#'
#' Value over quantity of `economy`'s sales (`imports = TRUE`: purchases) of
#' `product`, partner by partner, for every year in which `dataset` holds
#' both `value_layer` and `quantity_layer` (the same flows in money and in
#' quantity, e.g. USD_m and Mt: unit values in USD per tonne). A price
#' discount (Russian crude sold below Brent) shows here, not in volumes.
#' Definitions: include/libflow/unit_values.h.
#'
#' @param dataset A [flow_dataset()].
#' @param economy Economy code.
#' @param value_layer,quantity_layer Layers of the values and the quantities.
#' @param product Product group ("" for flows without one).
#' @param imports `TRUE` for the economy's imports.
#' @return A numeric matrix, one row per partner and year (row names: partner
#'   codes; attribute `"row_groups"`: the years), columns `year`, `value`,
#'   `quantity`, `unit_value` (`NA` without a quantity).
#' @export
flow_unit_values <- function(dataset, economy, value_layer, quantity_layer, product = "",
                             imports = FALSE) {
    .flow_call(C_flowr_unit_values, dataset, c(value_layer, quantity_layer),
               as.character(product), as.character(economy), isTRUE(imports))
}
