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

#' Prices per product from unit values, for the shock option `prices`
#'
#' The unit value of all of a product's flows in `year`: the sum of
#' `value_layer` over the sum of `quantity_layer` (BACI's `v` and `q`, read
#' together with `quantity_layer =`), over the cells that have a quantity, in
#' USD_m per `price_unit` (`"Mt"`: USD per tonne; `""`: the quantity layer's
#' unit). Values without a quantity are left out of both sums and reported
#' as `unmatched_value`. Definitions: include/libflow/unit_values.h.
#'
#' @param dataset A [flow_dataset()].
#' @param value_layer,quantity_layer Layers of the values (money) and the
#'   quantities (kg, t, kt, Mt, m3 or bcm when converted).
#' @param year Year.
#' @param price_unit Physical unit the prices are per (`""`: the quantity
#'   layer's).
#' @return A numeric matrix, one row per product (row names: product codes),
#'   columns `price`, `value`, `quantity`, `unmatched_value`, `cells`. Its
#'   `price` column without `NA`s, as a named vector, is the `prices` of
#'   [flow_shock_report()].
#' @export
flow_unit_value_prices <- function(dataset, value_layer, quantity_layer, year,
                                   price_unit = "") {
    .flow_call(C_flowr_unit_value_prices, dataset, c(value_layer, quantity_layer),
               as.numeric(year), as.character(price_unit))
}
