# Value added in trade, the structure of an input-output model and
# trade-based structure (libflow/va_trade.h, io_structure.h, complexity.h).

# 0-based region index of a code or a 1-based index.
.flow_region_index <- function(model, region) {
    if (is.null(region)) return(-1)
    if (is.character(region)) {
        index <- match(region, .Call(C_flowr_io_labels, model)$regions)
        if (is.na(index)) stop(sprintf("no region '%s' in the model", region), call. = FALSE)
        return(index - 1)
    }
    as.numeric(region) - 1
}

#' Gross-export decompositions of a multi-regional model
#'
#' Splits gross exports into value-added terms: Wang, Wei & Zhu (2013)
#' (`"wwz"`, 16 terms in decompr's order and names), Koopman, Wang & Wei
#' (2014) (`"kww"`, nine terms of an exporter's total exports), Borin &
#' Mancini (2023) source-based (`"bm_source"`) and sink-based (`"bm_sink"`)
#' (`dva`, `ddc`, `fva`, `fdc`), and Johnson & Noguera (2012) value-added
#' exports (`"vax"`: `vax`, `exports`, `vax_ratio`). Every method but `vax`
#' ends with the column `exports` the terms add up to. Formulas:
#' include/libflow/va_trade.h.
#'
#' @param model A multi-regional `flow_io_model` whose final-demand columns
#'   all belong to a region.
#' @param method One of `"wwz"`, `"kww"`, `"bm_source"`, `"bm_sink"`, `"vax"`.
#' @param level `"exporter"` (one row per region), `"pair"` (exporter x
#'   importer; the exporter in the attribute `row_groups`) or `"sector"`
#'   (exporting region and sector).
#' @param importer `NULL` for every importer, or a region code or 1-based
#'   index to keep only the exports to that region.
#' @return A matrix with one column per term and dimnames.
#' @examples
#' Z <- matrix(c(0, 20, 10, 0), 2)
#' m <- flow_io_model(Z, Y = matrix(c(60, 10, 30, 70), 2), regions = c("CHN", "RUS"),
#'                    fd_regions = c("CHN", "RUS"))
#' flow_va_decompose(m, "vax", "pair")
#' @export
flow_va_decompose <- function(model, method = c("wwz", "kww", "bm_source", "bm_sink", "vax"),
                              level = c("exporter", "pair", "sector"), importer = NULL) {
    method <- match.arg(method)
    level <- match.arg(level)
    .flow_call(C_flowr_va_decompose, model,
               match(method, c("wwz", "kww", "bm_source", "bm_sink", "vax")) - 1,
               match(level, c("exporter", "pair", "sector")) - 1,
               .flow_region_index(model, importer))
}

#' Look-through dependence on one origin region
#'
#' Face-value and look-through dependence (Baldwin, Freeman &
#' Theodorakopoulos 2023) of every sector and every region's final demand on
#' the value added of `origin`, split by the region that sold the input or the
#' final good (origin, domestic suppliers, third countries). Rows of the origin
#' itself are `NaN`.
#'
#' @param model A multi-regional `flow_io_model`.
#' @param origin A region code or 1-based index.
#' @return A list of two matrices: `inputs` (one row per sector, per unit of
#'   its output: `input_face`, `input_look_through`, `via_origin`,
#'   `via_domestic`, `via_third`) and `final_demand` (one row per region,
#'   shares of its final demand: `fd_face`, `fd_look_through`,
#'   `fd_via_origin`, `fd_via_domestic`, `fd_via_third`).
#' @export
flow_look_through <- function(model, origin) {
    .flow_call(C_flowr_look_through, model, .flow_region_index(model, origin))
}

#' Fields of influence, multiplier product matrix and coefficient changes
#'
#' * `flow_field_of_influence()`: the first-order field of influence of
#'   `a[i, j]` (Sonis & Hewings 1992), `L[, i] %o% L[j, ]` = dL / da_ij.
#' * `flow_multiplier_product()`: `(L 1)(1' L) / (1' L 1)` (Sonis, Hewings &
#'   Guo 1997).
#' * `flow_coefficient_change()`: gross output before and after
#'   `a[i, j] + delta` for the model's final demand, exactly, by the
#'   Sherman-Morrison formula (no re-inversion): columns `output`,
#'   `output_new`, `change`.
#'
#' @param model A `flow_io_model`.
#' @param i,j 1-based row and column of the coefficient.
#' @param delta Change of the coefficient.
#' @return A matrix with dimnames.
#' @export
flow_field_of_influence <- function(model, i, j) {
    .flow_call(C_flowr_io_structure, model, 0, i - 1, j - 1, 0)
}

#' @rdname flow_field_of_influence
#' @export
flow_multiplier_product <- function(model) {
    .flow_call(C_flowr_io_structure, model, 1, 0, 0, 0)
}

#' @rdname flow_field_of_influence
#' @export
flow_coefficient_change <- function(model, i, j, delta) {
    .flow_call(C_flowr_io_structure, model, 2, i - 1, j - 1, delta)
}

#' Structural path analysis
#'
#' The largest supply-chain paths of the footprint `f' L y` (Defourny &
#' Thorbecke 1984; Lenzen & Crawford 2009; Peters & Hertwich 2006), found by
#' a search that cuts every subtree worth less than `threshold` of the total.
#'
#' @param model A `flow_io_model`.
#' @param f Intensity per unit of output (default: value added / output).
#' @param y Final demand (default: the model's total final demand).
#' @param top_k Number of paths kept.
#' @param threshold Relative cut-off in `[0, 1)`.
#' @param max_depth Longest path followed (steps).
#' @return A list: `paths` (rows labelled source > ... > final product;
#'   columns `value`, `share`, `depth`, `source`, `sink` with 0-based model
#'   indices) and `summary` (`total`, `paths_value`, `pruned`, `paths`,
#'   `nodes`; `paths_value + pruned = total`).
#' @export
flow_structural_paths <- function(model, f = NULL, y = NULL, top_k = 20, threshold = 1e-4,
                                  max_depth = 12) {
    .flow_call(C_flowr_structural_paths, model,
               if (is.null(f)) NULL else .flow_vector(f, "f"),
               if (is.null(y)) NULL else .flow_vector(y, "y"), top_k, threshold, max_depth)
}

#' Revealed comparative advantage, economic complexity and the product space
#'
#' For an economies x products export matrix: Balassa's RCA (or the
#' symmetric `(RCA - 1) / (RCA + 1)`), ECI and PCI by the eigenvector method
#' (Hidalgo & Hausmann 2009; the Atlas / CID convention, ECI with mean 0 and
#' population standard deviation 1), product proximity and density (Hidalgo
#' et al. 2007), and the weighted betweenness of a square flow matrix
#' (Brandes 2001; edge length 1 / flow) for transit hubs. Definitions:
#' include/libflow/complexity.h.
#'
#' @param x A numeric matrix with row names (economies) and column names
#'   (products); for `flow_betweenness()` a square flow matrix.
#' @param kind `"balassa"` or `"symmetric"`.
#' @param threshold RCA at or above which an economy counts as an exporter.
#' @param normalised Divide betweenness by `(n - 1)(n - 2)`.
#' @return A labelled matrix; `flow_complexity()` a list of two
#'   (`economies`: `diversity`, `eci`; `products`: `ubiquity`, `pci`).
#' @examples
#' x <- matrix(c(5, 5, 0, 5, 0, 5, 0, 5, 5), 3, byrow = TRUE,
#'             dimnames = list(c("a", "b", "c"), c("p", "q", "r")))
#' flow_rca(x)
#' @export
flow_rca <- function(x, kind = c("balassa", "symmetric")) {
    kind <- match.arg(kind)
    .flow_call(C_flowr_trade_structure, flow_table(x), 0, match(kind, c("balassa", "symmetric")) - 1)
}

#' @rdname flow_rca
#' @export
flow_complexity <- function(x, threshold = 1) {
    .flow_call(C_flowr_complexity, flow_table(x), threshold)
}

#' @rdname flow_rca
#' @export
flow_proximity <- function(x, threshold = 1) {
    .flow_call(C_flowr_trade_structure, flow_table(x), 1, threshold)
}

#' @rdname flow_rca
#' @export
flow_density <- function(x, threshold = 1) {
    .flow_call(C_flowr_trade_structure, flow_table(x), 2, threshold)
}

#' @rdname flow_rca
#' @export
flow_betweenness <- function(x, normalised = TRUE) {
    .flow_call(C_flowr_trade_structure, flow_table(x), 3, as.numeric(normalised))
}
