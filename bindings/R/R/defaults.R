#' Centrality of the economies of a dataset
#'
#' [flow_centrality()] of one layer, year and product selection of a
#' dataset, with the defaults every libflow interface shares
#' (`docs/defaults.md`): the dependence network (edge `i -> j` weighted by
#' the share of `i`'s imports that come from `j`, so that the central
#' economies are the suppliers the others depend on), the latest year, all
#' product groups of one unit, and the dataset's economy axis (the economies
#' present in the data unless the dataset was made otherwise). `flowtool
#' centrality` and Python's `Dataset.centrality()` give the same numbers.
#'
#' @param dataset A [flow_dataset()].
#' @param layer,year,product The matrix, as in [flow_layer_matrix()].
#' @param network `"dependence"` (import shares) or `"flows"` (the flows).
#' @param ... Passed on to [flow_centrality()] (`damping`, ...).
#' @return The data frame of [flow_centrality()], one row per economy.
#' @examples
#' ds <- flow_dataset()
#' flow_read_csv(ds, "flows.csv", text = c("origin,destination,value",
#'               "RUS,CHN,10", "CHN,RUS,4", "KAZ,CHN,3", "CHN,KAZ,2"))
#' flow_economy_centrality(ds)
#' @export
flow_economy_centrality <- function(dataset, layer = "trade", year = NULL, product = NULL,
                                    network = c("dependence", "flows"), ...) {
    flows <- flow_layer_matrix(dataset, layer, year, product)
    weights <- switch(match.arg(network),
                      dependence = flow_dyads(flows)$import_share,
                      flows = flows)
    flow_centrality(weights, ...)
}
