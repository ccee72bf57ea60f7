#' Evasion of sanctions read from a panel of flows
#'
#' Did the `sources` stop selling to the `targets` between `years[1]` and
#' `years[2]`, and sell to the `intermediaries` instead? `flow_evasion()`
#' computes one diagnostic as a matrix with row and column names:
#' `"substitution"` (the observed substitution ratio
#' dX(S->H) / -dX(S->T) by product, then `"total"`), `"comovement"` (the two
#' legs of each intermediary across products), `"mirror"` (mirror gaps
#' outside the CIF/FOB `band` and goods lost in transit; needs `mirror`, the
#' layer of importer-reported flows), `"unit_values"` (unit-value jumps;
#' needs `quantity`) and `"suspects"` (intermediaries ranked by their share of
#' the drop, with the evidence). `flow_calibrate()` fits each intermediary's
#' share of the cut by non-negative least squares, back-tests it on
#' `years[3]` (or leaves one product out) against the uncalibrated model and
#' gives bootstrap bands; `flow_calibration_scenario()` turns it into
#' scenario lines (`reroute`, `weight`) for [flow_scenario_parse()].
#' Definitions and references: include/libflow/evasion.h.
#'
#' @param dataset A [flow_dataset()] holding the years.
#' @param sources,targets,intermediaries Economy codes (no intermediaries:
#'   every other economy).
#' @param years `c(y0, y1)` or `c(y0, y1, y2)`.
#' @param diagnostic One of the names above.
#' @param layer,mirror,quantity Layers of values, importer reports, quantities.
#' @param band CIF/FOB band of importer / exporter reports.
#' @param jump Unit-value jump factor.
#' @param bootstrap,seed Bootstrap draws and seed of the calibration.
#' @param ... Further options by their key of `flow_evasion_options_set()`
#'   (evasion.h); a name it does not know is an error naming it.
#' @return A numeric matrix with dimnames (row groups, when set, in the
#'   attribute `"row_groups"`).
#' @export
flow_evasion <- function(dataset, sources, targets, years,
                         diagnostic = c("substitution", "comovement", "mirror", "unit_values",
                                        "suspects"),
                         intermediaries = NULL, layer = "trade", mirror = NULL, quantity = NULL,
                         band = c(1, 1.2), jump = 2, ...) {
    which <- match(match.arg(diagnostic), eval(formals()$diagnostic)) - 1L
    .flow_evasion_call(dataset, sources, targets, intermediaries, years, layer, mirror, quantity,
                       band, jump, c(0, 1), which, ...)
}

#' @rdname flow_evasion
#' @export
flow_calibrate <- function(dataset, sources, targets, years, intermediaries = NULL,
                           layer = "trade", bootstrap = 200, seed = 1, ...) {
    .flow_evasion_call(dataset, sources, targets, intermediaries, years, layer, NULL, NULL,
                       c(1, 1.2), 2, c(bootstrap, seed), -1L, ...)
}

#' @rdname flow_evasion
#' @param calibration A matrix returned by `flow_calibrate()`.
#' @export
flow_calibration_scenario <- function(calibration, layer = "trade") {
    hubs <- setdiff(rownames(calibration), c("rho", "fit", "backtest"))
    w <- calibration[hubs, "weight"]
    w <- w[!is.na(w) & w > 0]
    rho <- min(1, max(0, calibration["rho", "theta"]))
    c(sprintf("reroute %s * %.6g", layer, rho), sprintf("weight %s %.6g", names(w), w))
}

.flow_evasion_call <- function(dataset, sources, targets, intermediaries, years, layer, mirror,
                               quantity, band, jump, bootstrap, which, ...) {
    settings <- .flow_option_texts(
        sources = as.character(sources), targets = as.character(targets),
        intermediaries = if (!is.null(intermediaries)) as.character(intermediaries),
        years = as.double(years), layer = layer, mirror = mirror, quantity = quantity,
        band = as.double(band), jump = jump, bootstrap = bootstrap[[1]], seed = bootstrap[[2]],
        ...)
    .flow_call(C_flowr_evasion, dataset, settings, as.integer(which))
}
