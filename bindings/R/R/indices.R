# Economy labels of a flow matrix: its row names, else its column names.
.flow_economies <- function(flows) {
    if (!is.null(rownames(flows))) rownames(flows) else colnames(flows)
}

.flow_label_square <- function(m, labels) {
    if (!is.null(labels)) dimnames(m) <- list(labels, labels)
    m
}

#' Bilateral dependence and asymmetry indices
#'
#' Every dyadic measure of a flow matrix `T` (row = origin, column =
#' destination; the diagonal is ignored). With exports `X_i`, imports `M_i`,
#' and total trade `TT_ij = T_ij + T_ji`:
#'
#' * `export_share` `T_ij / X_i`; `import_share` `T_ji / M_i` (row =
#'   importer, column = supplier; this is Keohane & Nye's *sensitivity*);
#'   `trade_share` `TS_ij = TT_ij / sum_k TT_ik`.
#' * Barbieri (1996): `salience` `sqrt(TS_ij TS_ji)`, `symmetry`
#'   `1 - |TS_ij - TS_ji|`, `interdependence` = salience x symmetry.
#' * `dependence` `D_ij = TT_ij / size_i` (the trade share when `sizes` is
#'   `NULL`), `asymmetry` `D_ij - D_ji` (positive when `i` depends on `j`
#'   more than `j` on `i`), `normalized_asymmetry` that divided by
#'   `D_ij + D_ji`.
#' * `alternative_hhi`: concentration (HHI) of the suppliers `i` keeps
#'   without `j`, each weighted by what it delivers to `i` (1 when `j` is
#'   the only supplier); `vulnerability` = sensitivity x `alternative_hhi`
#'   (Keohane & Nye 1977; import-source HHI as in European Commission
#'   SWD(2021) 352).
#'
#' Shares with a zero denominator, and the symmetry and asymmetries of a
#' dyad without trade, are `NaN` (undefined), not 0.
#'
#' @param flows Square non-negative matrix of flows; its row names label the
#'   economies.
#' @param sizes Optional economy sizes (GDP or gross output), one per row;
#'   `NA` for unknown.
#' @return A named list of square matrices (row = the economy of reference,
#'   column = its partner), each with the economies as dimnames.
#' @references Barbieri, K. (1996) Economic interdependence: a path to peace
#'   or a source of interstate conflict? *Journal of Peace Research* 33(1).
#'   Keohane, R. O. and Nye, J. S. (1977) *Power and Interdependence*.
#' @examples
#' T <- matrix(c(0, 40, 10, 0), 2, dimnames = list(c("RUS", "CHN"), c("RUS", "CHN")))
#' flow_dyads(T)$asymmetry
#' @export
flow_dyads <- function(flows, sizes = NULL) {
    flows <- .flow_square_by_label(.flow_matrix(flows, "flows"), "flows")
    if (!is.null(sizes)) sizes <- .flow_vector(.flow_align(sizes, rownames(flows), "sizes"), "sizes")
    out <- .flow_call(C_flowr_dyads, flows, sizes)
    names(out) <- c("export_share", "import_share", "trade_share", "salience", "symmetry",
                    "interdependence", "dependence", "asymmetry", "normalized_asymmetry",
                    "alternative_hhi", "vulnerability")
    lapply(out, .flow_label_square, .flow_economies(flows))
}

.flow_stack <- function(flows) {
    if (!is.numeric(flows) || !length(dim(flows)) %in% 2:3) {
        stop("'flows' must be a numeric matrix or an n x n x k array", call. = FALSE)
    }
    storage.mode(flows) <- "double"
    flows
}

#' Supplier and world-export concentration (HHI)
#'
#' `flow_supplier_hhi()` is the Herfindahl-Hirschman index of each importer's
#' suppliers, `sum_s (M_{j<-s} / M_j)^2`: 1 for a single supplier, `NaN` for
#' an economy without imports. `flow_export_hhi()` is the concentration of
#' world exports among exporters.
#'
#' @param flows A square flow matrix (row = exporter, column = importer), or
#'   an `n x n x k` array of them (one per product or year). A matrix with
#'   dimnames has its columns matched to its rows by name.
#' @return For a matrix, `flow_supplier_hhi()` gives a vector named by
#'   importer and `flow_export_hhi()` a number. For an array, a `k x n`
#'   matrix (row = product) and a vector of length `k`.
#' @export
flow_supplier_hhi <- function(flows) {
    flows <- .flow_stack_by_label(.flow_stack(flows))
    hhi <- .flow_call(C_flowr_supplier_hhi, flows)[, "supplier_hhi"]
    economies <- .flow_economies(flows)
    if (length(dim(flows)) == 2L) return(stats::setNames(hhi, economies))
    matrix(hhi, nrow = dim(flows)[[3L]], byrow = TRUE,
           dimnames = list(dimnames(flows)[[3L]], economies))
}

#' @rdname flow_supplier_hhi
#' @export
flow_export_hhi <- function(flows) {
    flows <- .flow_stack_by_label(.flow_stack(flows))
    out <- unname(.flow_call(C_flowr_export_hhi, flows)[, "export_hhi"])
    if (length(dim(flows)) == 3L) names(out) <- dimnames(flows)[[3L]]
    out
}

# A stack whose columns follow its rows' names (.flow_square_by_label on each
# matrix); unnamed stacks are taken as given.
.flow_stack_by_label <- function(flows) {
    if (length(dim(flows)) == 2L) return(.flow_square_by_label(flows, "flows"))
    rows <- dimnames(flows)[[1L]]
    if (is.null(rows) || is.null(dimnames(flows)[[2L]])) return(flows)
    order <- colnames(.flow_square_by_label(flows[, , 1L], "flows"))
    flows[, order, , drop = FALSE]
}

#' Centrality of economies in a flow network
#'
#' Strength (weighted in- and out-degree), eigenvector centrality over
#' in-edges, PageRank, and HITS hub and authority scores of a weight matrix
#' (row = source, column = target; self-loops ignored), with the definitions
#' and normalisations of networkx. Pass the flow matrix to rank large buyers,
#' or the import-share matrix of [flow_dyads()] to rank the suppliers others
#' depend on.
#'
#' A power iteration that does not converge is not an error: its column is
#' `NaN` and `attr(result, "converged")` says which.
#'
#' @param weights Square non-negative weight matrix.
#' @param damping PageRank damping factor in `[0, 1)`.
#' @param tolerance Convergence tolerance of the power iterations.
#' @param max_iterations Iteration limit of the power iterations.
#' @return A data frame with columns `in_strength`, `out_strength`,
#'   `eigenvector`, `pagerank`, `hub`, `authority`, one row per economy;
#'   attributes `converged` and `iterations` per measure.
#' @export
flow_centrality <- function(weights, damping = 0.85, tolerance = 1e-10,
                            max_iterations = 10000) {
    weights <- .flow_square_by_label(.flow_matrix(weights, "weights"), "weights")
    out <- .flow_call(C_flowr_centrality, weights, as.double(damping), as.double(tolerance),
                      as.double(max_iterations))
    measures <- colnames(out)
    scalars <- attr(out, "scalars")
    rownames(out) <- .flow_economies(weights)
    result <- .flow_frame(out)
    attr(result, "scalars") <- NULL
    attr(result, "converged") <- stats::setNames(
        scalars[paste0(measures, "_converged")] == 1, measures)
    attr(result, "iterations") <- stats::setNames(
        vapply(paste0(measures, "_iterations"), function(name)
            if (name %in% names(scalars)) scalars[[name]] else 0, 0), measures)
    result
}

#' Intermediaries between two economies
#'
#' Scores every economy `h` as a transit route from `from` to `to`: the
#' product `T[from, h] * T[h, to]` (the weights of libflow's rerouting
#' model), the bottleneck `min(T[from, h], T[h, to])` or the handled flow
#' `min(T[from, h], T[h, to] * T[from, h] / colSums(T)[h])` (what `h` can pass
#' on from `from` when it re-sells its imports in proportion to their
#' origin); 0 for `from` and `to` themselves.
#'
#' @param flows Square flow matrix.
#' @param from,to Economy codes (row names of `flows`) or 1-based indices.
#' @param rule `"product"`, `"bottleneck"` or `"handled"`.
#' @return A vector of scores named by economy.
#' @export
flow_transit <- function(flows, from, to, rule = c("product", "bottleneck", "handled")) {
    flows <- .flow_matrix(flows, "flows")
    rule <- match.arg(rule)
    economies <- .flow_economies(flows)
    index <- function(e) {
        i <- if (is.character(e)) match(e, economies) else as.integer(e)
        if (length(i) != 1L || is.na(i)) stop(sprintf("unknown economy '%s'", e), call. = FALSE)
        i - 1L
    }
    out <- .flow_call(C_flowr_transit, flows, index(from), index(to))
    stats::setNames(out[, rule], economies)
}

#' Strategic-dependency flags (EU / CEPII)
#'
#' Flags importer-product pairs of one layer of a dataset whose imports are
#' concentrated on few suppliers, whose product's world exports are
#' concentrated on few exporters, and which the importer does not itself
#' export enough of (European Commission SWD(2021) 352; CEPII GeoDep 2024):
#' import HHI > `import_hhi`, world-export HHI > `export_hhi` and imports /
#' exports > `ratio`. A flag is persistent when it is set in at least
#' `min_years` of the last `window` years.
#'
#' @param dataset A [flow_dataset()] read with product groups
#'   (`product_digits`).
#' @param layer The layer to examine.
#' @param import_hhi,export_hhi,ratio Thresholds.
#' @param min_years,window Persistence rule.
#' @param residual Code of a residual aggregate economy (e.g. `"ROW"`, the
#'   rest of the world): its flows count in every total, but it is not one
#'   supplier or exporter in the HHIs (which become lower bounds); `NULL` for
#'   none.
#' @param extra_share The EU method's criterion on extra-EU imports (an
#'   importer is flagged only when more than `threshold` of its imports come
#'   from outside the bloc): `list(members = CODES, threshold = 0.5)`, or an
#'   unnamed list of the two; `NULL` (the default, CEPII GeoDep) for none.
#' @param ... Further options by their key of `flow_depflag_options_set()`
#'   (indices.h); a name it does not know is an error naming it.
#' @return A list: `import_hhi`, `export_hhi`, `ratio` and `flag`, each a
#'   products x economies x years array; `persistent`, a products x
#'   economies 0/1 matrix.
#' @export
flow_dependency_flags <- function(dataset, layer = "trade", import_hhi = 0.4, export_hhi = 0.4,
                                  ratio = 1, min_years = 2, window = 3, residual = NULL,
                                  extra_share = NULL, ...) {
    codes <- flow_economies(dataset)$code
    index <- if (is.null(residual)) 0L else match(residual, codes)
    if (is.na(index)) stop(sprintf("unknown economy '%s'", residual), call. = FALSE)
    bloc <- .flow_extra_share(extra_share, codes)
    settings <- .flow_option_texts(
        import_hhi = import_hhi, export_hhi = export_hhi, import_export_ratio = ratio,
        persistence = c(min_years, window), residual = index - 1L,
        extra_share_members = bloc$members,
        extra_share_threshold = if (!is.null(bloc$members)) bloc$threshold, ...)
    table <- .flow_call(C_flowr_depflags, dataset, as.character(layer), settings)
    shape <- attr(table, "scalars")
    ny <- shape[["year_count"]]
    np <- shape[["product_count"]]
    n <- shape[["economy_count"]]
    groups <- attr(table, "row_groups")
    if (is.null(groups)) groups <- rep("", nrow(table))
    products <- groups[seq_len(np) * n - n + 1L]
    years <- as.character(table[seq_len(ny) * np * n - np * n + 1L, "year"])
    # rows run year-major, then product, then importer
    column <- function(name) {
        aperm(array(table[, name], c(n, np, ny)), c(2L, 1L, 3L))
    }
    part <- function(name) array(column(name), c(np, n, ny), list(products, codes, years))
    persistent <- matrix(column("persistent")[, , ny], np, n, dimnames = list(products, codes))
    list(import_hhi = part("import_hhi"), export_hhi = part("export_hhi"),
         ratio = part("import_export_ratio"), flag = part("flag"), persistent = persistent)
}

# The bloc of the extra-share criterion as 0-based economy indices and its
# threshold; members NULL when there is no criterion.
.flow_extra_share <- function(extra_share, codes) {
    if (is.null(extra_share))
        return(list(members = NULL, threshold = NA_real_))
    if (!is.list(extra_share) || length(extra_share) != 2L)
        stop("'extra_share' must be list(members = codes, threshold = share)", call. = FALSE)
    members <- if (is.null(names(extra_share))) extra_share[[1]] else extra_share$members
    threshold <- if (is.null(names(extra_share))) extra_share[[2]] else extra_share$threshold
    index <- match(as.character(members), codes)
    if (anyNA(index))
        stop(sprintf("unknown economy '%s'", as.character(members)[is.na(index)][1]),
             call. = FALSE)
    list(members = as.double(index - 1L), threshold = as.double(threshold))
}

# A square matrix with dimnames, its columns in the order of its rows (an
# error when the row and column names are different sets); unnamed matrices
# are taken as given.
.flow_square_by_label <- function(m, what) {
    rows <- rownames(m)
    cols <- colnames(m)
    if (is.null(rows) || is.null(cols) || identical(rows, cols)) return(m)
    missing <- setdiff(rows, cols)
    unknown <- setdiff(cols, rows)
    if (length(missing) || length(unknown) || anyDuplicated(cols)) {
        stop(sprintf("%s: columns must name the rows' economies; missing %s; unknown %s", what,
                     paste(missing, collapse = ", "), paste(unknown, collapse = ", ")),
             call. = FALSE)
    }
    m[, rows, drop = FALSE]
}
