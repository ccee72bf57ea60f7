#' The country-level system of one dataset layer
#'
#' The library's one builder from a dataset to a country-level input-output
#' system: the flows of `layer` in `year` (product `"*"` sums every product
#' of the layer, which must share a unit) between the economies that trade,
#' each sized by the convention `size`. The shock report, batches, the
#' command-line tool and the examples build their systems this way, so a
#' [flow_shock()] on this model gives the losses of [flow_shock_report()].
#'
#' Conventions: `"gdp_plus_imports"` (default) sizes each economy by its GDP
#' plus what it receives from the others, so that value added equals GDP
#' and final demand equals absorption; `"gdp_plus_exports"` by GDP plus
#' what it sends; `"gdp"` by GDP alone (may not be productive);
#' `"traded"` by what it sends and receives (needs no GDP; for layers in
#' physical units). Economies without a positive GDP, and every economy of a
#' layer not in US dollars, are sized by their traded volume.
#'
#' @param dataset A [flow_dataset()].
#' @param layer,year,product The matrix of the dataset (`product = "*"`: all
#'   products of the layer summed).
#' @param gdp Name of the dataset's GDP attribute (USD bn, converted to the
#'   layer's unit), or `NULL` (only with `size = "traded"`).
#' @param size The size convention (see Details).
#' @return A handle of class `flow_io_model` whose regions are the economy
#'   codes.
#' @export
flow_country_model_from_dataset <- function(dataset, layer, year, product = "*", gdp = NULL,
                                            size = c("gdp_plus_imports", "gdp_plus_exports",
                                                     "gdp", "traded")) {
    size <- match.arg(size)
    code <- match(size, c("gdp_plus_imports", "gdp_plus_exports", "gdp", "traded")) - 1L
    .flow_call(C_flowr_io_model_from_dataset, dataset, layer, as.double(year), product, gdp,
               code)
}
