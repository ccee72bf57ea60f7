#' Input-output models
#'
#' `flow_io_model()` builds a Leontief/Ghosh input-output model from an
#' intermediate-flow matrix `Z` (row = selling sector, column = buying
#' sector), final demand `Y`, and optionally value added `v` and gross output
#' `x`. `flow_country_model()` builds the country-level dependency system of a
#' bilateral flow matrix (one layer of a dataset) and each economy's size:
#' `A[i, j] = flows[i, j] / size[j]`, so that every input-output analysis
#' applies to trade, energy or finance flows between economies.
#'
#' The model keeps one LU factorisation of `I - A` and answers `L %*% y`
#' questions with solves; the Leontief inverse is only formed by
#' [flow_leontief_inverse()]. Multi-regional tables are region-major: row
#' `(r - 1) * S + s` is sector `s` of region `r`. Results carry dimnames built
#' from the model's labels: the sector codes of a national table, or
#' `"region.sector"` for a multi-regional one (just the region code when
#' every region has one unnamed sector).
#'
#' @param Z Square numeric matrix of intermediate flows; its row names name
#'   the sectors of a national table.
#' @param Y Final demand: a numeric matrix with one row per sector and one
#'   column per final-demand category (its column names label them), a
#'   vector (one category), or `NULL` (no final demand).
#' @param v Value added per sector, or `NULL` for `x - colSums(Z)`.
#' @param x Gross output per sector, or `NULL` for `rowSums(Z) + rowSums(Y)`.
#'   A given `x` is trusted; a disagreement with the row sums is reported by
#'   [flow_io_diagnostics()].
#' @param regions Region codes of a multi-regional table (their number must
#'   divide `nrow(Z)`), or `NULL` for a national table.
#' @param sectors Sector codes, one per sector of a region. Default: the row
#'   names of `Z` for a national table.
#' @param fd_regions For each column of `Y`, the code of the region whose
#'   final users spend it (`NA` for none). Default: region-major assignment
#'   when the number of columns is a multiple of the number of regions.
#' @return A handle of class `flow_io_model`, freed by the garbage collector
#'   or [flow_close()].
#' @references Miller, R. E. and Blair, P. D. (2009) *Input-Output Analysis:
#'   Foundations and Extensions*, 2nd ed. Cambridge University Press.
#' @examples
#' # Miller & Blair (2009), table 2.3
#' Z <- matrix(c(150, 200, 500, 100), 2, dimnames = list(c("agr", "man"), c("agr", "man")))
#' m <- flow_io_model(Z, Y = c(350, 1700))
#' flow_leontief_inverse(m)
#' @export
flow_io_model <- function(Z, Y = NULL, v = NULL, x = NULL, regions = NULL,
                          sectors = if (is.null(regions)) rownames(Z), fd_regions = NULL) {
    Z <- .flow_matrix(Z, "Z")
    if (!is.null(Y)) {
        if (is.null(dim(Y))) Y <- matrix(Y, ncol = 1L)
        Y <- .flow_matrix(Y, "Y")
    }
    if (!is.null(v)) v <- .flow_vector(v, "v")
    if (!is.null(x)) x <- .flow_vector(x, "x")
    regions <- .flow_labels(regions)
    fd_owner <- NULL
    if (!is.null(fd_regions)) {
        fd_owner <- match(fd_regions, regions) - 1L
        unknown <- is.na(fd_owner) & !is.na(fd_regions)
        if (any(unknown)) {
            stop(sprintf("'fd_regions' names unknown regions: %s",
                         paste(unique(fd_regions[unknown]), collapse = ", ")), call. = FALSE)
        }
        fd_owner[is.na(fd_owner)] <- -1L
    }
    .flow_call(C_flowr_io_model_new, Z, Y, v, x, regions, .flow_labels(sectors),
               .flow_labels(colnames(Y)), fd_owner)
}

#' @rdname flow_io_model
#' @param flows Square numeric matrix of bilateral flows (row = origin,
#'   column = destination); its row names are the economy codes.
#' @param size Size of each economy (GDP or gross output), all positive.
#' @export
flow_country_model <- function(flows, size) {
    flows <- .flow_matrix(flows, "flows")
    size <- .flow_align(size, rownames(flows), "size")
    .flow_call(C_flowr_io_model_country, flows, .flow_vector(size, "size"),
               .flow_labels(rownames(flows)))
}

# One value per node of model, as doubles: a vector named by the node labels
# is aligned to them (.flow_align), an unnamed one taken by position.
.flow_node_vector <- function(model, f, what) {
    .flow_vector(.flow_align(f, .flow_io_labels(model)$nodes, what), what)
}

# A named vector in the order of codes (every code present, no other name);
# an unnamed vector, or codes NULL, is taken by position.
.flow_align <- function(x, codes, what) {
    if (is.null(names(x)) || is.null(codes)) return(x)
    missing <- setdiff(codes, names(x))
    unknown <- setdiff(names(x), codes)
    if (length(missing) || length(unknown) || anyDuplicated(names(x))) {
        stop(sprintf("%s is named by label: missing %s; unknown %s", what,
                     paste(missing, collapse = ", "), paste(unknown, collapse = ", ")),
             call. = FALSE)
    }
    x[codes]
}

#' @export
print.flow_io_model <- function(x, ...) {
    if (!flow_is_open(x)) return(NextMethod())
    labels <- .Call(C_flowr_io_labels, x)
    cat(sprintf("<flow_io_model: %d regions x %d sectors, %d final-demand columns>\n",
                length(labels$regions), length(labels$sectors), length(labels$fd_labels)))
    invisible(x)
}

# Labels of the model's sectors (region.sector for several regions) and
# regions; NULL for an axis without names.
.flow_io_labels <- function(model) {
    labels <- .Call(C_flowr_io_labels, model)
    regions <- labels$regions
    sectors <- labels$sectors
    named <- function(x) if (all(x == "")) NULL else x
    nodes <- if (length(regions) == 1L) {
        named(sectors)
    } else if (all(sectors == "")) {
        if (length(sectors) == 1L) named(regions) else NULL
    } else {
        paste(rep(regions, each = length(sectors)), rep(sectors, length(regions)), sep = ".")
    }
    list(nodes = nodes, regions = named(regions))
}

.flow_io_square <- function(model, which) {
    out <- .flow_call(C_flowr_io_square, model, which)
    nodes <- .flow_io_labels(model)$nodes
    if (!is.null(nodes)) dimnames(out) <- list(nodes, nodes)
    out
}

#' Leontief and Ghosh inverses and coefficient matrices
#'
#' `flow_leontief_inverse()` forms `L = (I - A)^-1`, `flow_ghosh_inverse()`
#' `G = (I - B)^-1`; `flow_technical_coefficients()` returns
#' `A = Z diag(1/x)` and `flow_allocation_coefficients()`
#' `B = diag(1/x) Z`. `flow_spillover_matrix()` is `L` with the diagonal
#' region blocks set to zero (Miller & Blair 2009, section 6.3). Prefer
#' [flow_leontief_solve()] when only `L %*% y` is needed.
#'
#' A singular or non-productive system is an error (class `libflow_error`)
#' whose message names the offending sector.
#'
#' @param model A [flow_io_model()].
#' @return A square matrix with the model's sector labels as dimnames.
#' @export
flow_leontief_inverse <- function(model) .flow_io_square(model, 0L)

#' @rdname flow_leontief_inverse
#' @export
flow_ghosh_inverse <- function(model) .flow_io_square(model, 1L)

#' @rdname flow_leontief_inverse
#' @export
flow_technical_coefficients <- function(model) .flow_io_square(model, 2L)

#' @rdname flow_leontief_inverse
#' @export
flow_allocation_coefficients <- function(model) .flow_io_square(model, 3L)

#' @rdname flow_leontief_inverse
#' @export
flow_spillover_matrix <- function(model) .flow_io_square(model, 4L)

.flow_io_solve <- function(model, rhs, ghosh) {
    is_vector <- is.null(dim(rhs))
    b <- .flow_matrix(if (is_vector) matrix(rhs, ncol = 1L) else rhs,
                      if (ghosh) "v" else "y")
    out <- .flow_call(C_flowr_io_solve, model, b, ghosh)
    nodes <- .flow_io_labels(model)$nodes
    if (is_vector) return(stats::setNames(out[, 1L], nodes))
    dimnames(out) <- list(nodes, colnames(b))
    out
}

#' Leontief quantity and Ghosh supply solves
#'
#' `flow_leontief_solve()` computes the gross output `x = L y` needed to meet
#' final demand `y`; `flow_ghosh_solve()` computes the output
#' `x' = v' G` that primary inputs `v` allow. Both solve with the model's
#' cached factorisation of `I - A` and never form the inverse; each column of
#' a matrix argument is one scenario.
#'
#' @param model A [flow_io_model()].
#' @param y,v A vector with one entry per sector, or a matrix with one row
#'   per sector and one column per scenario.
#' @return A named vector (for a vector argument) or a matrix with the
#'   sector labels as row names and the argument's column names.
#' @examples
#' Z <- matrix(c(150, 200, 500, 100), 2)
#' m <- flow_io_model(Z, Y = c(350, 1700))
#' flow_leontief_solve(m, c(350, 1700)) # the gross output 1000, 2000
#' @export
flow_leontief_solve <- function(model, y) .flow_io_solve(model, y, FALSE)

#' @rdname flow_leontief_solve
#' @export
flow_ghosh_solve <- function(model, v) .flow_io_solve(model, v, TRUE)

#' Output and value-added multipliers
#'
#' Output multipliers are the column sums of the Leontief inverse,
#' `m_j = sum_i l_ij`; value-added (type I income) multipliers are
#' `(v / x)' L`.
#'
#' @param model A [flow_io_model()].
#' @param type `"output"` or `"value_added"`.
#' @return A vector named by the sector labels.
#' @export
flow_multipliers <- function(model, type = c("output", "value_added")) {
    type <- match.arg(type)
    out <- .flow_call(C_flowr_io_multipliers, model, NULL)
    stats::setNames(out[, type], .flow_io_labels(model)$nodes)
}

#' Backward and forward linkages, and key sectors
#'
#' Direct backward linkages are the column sums of `A`, direct forward
#' linkages the row sums of `B`, total backward linkages the column sums of
#' `L` and total forward linkages the row sums of `G` (Rasmussen 1956;
#' Hirschman 1958). Normalised, each is divided by its mean,
#' `n * u_j / sum(u)`, so that values above 1 are above average.
#' `flow_key_sectors()` classifies sectors by their normalised linkages:
#' `"key"` when both are at least 1, `"backward"` or `"forward"` when one is,
#' `"weak"` otherwise.
#'
#' @param model A [flow_io_model()].
#' @param normalised Whether to return Rasmussen's normalised indices.
#' @param direct For `flow_key_sectors()`, classify by the direct (`A`, `B`)
#'   rather than the total (`L`, `G`) linkages.
#' @param split For a multi-regional model, also split each raw linkage into
#'   its `local` part (suppliers or customers in the sector's own region) and
#'   its `foreign` part: adds the columns `<kind>_local` and `<kind>_foreign`.
#' @return `flow_linkages()`: a data frame with columns `backward_direct`,
#'   `forward_direct`, `backward_total` and `forward_total`, one row per
#'   sector. `flow_key_sectors()`: a factor named by the sector labels.
#' @export
flow_linkages <- function(model, normalised = FALSE, split = FALSE) {
    # libflow's linkage tables: one for the direct, one for the total linkages
    tables <- list(direct = .flow_call(C_flowr_io_linkages, model, TRUE),
                   total = .flow_call(C_flowr_io_linkages, model, FALSE))
    value <- if (isTRUE(normalised)) "_normalised" else ""
    out <- list()
    for (kind in c("direct", "total")) {
        for (side in c("backward", "forward")) {
            out[[paste(side, kind, sep = "_")]] <- tables[[kind]][, paste0(side, value)]
        }
    }
    if (isTRUE(split)) {
        for (kind in c("direct", "total")) {
            for (side in c("backward", "forward")) {
                for (part in c("local", "foreign")) {
                    out[[paste(side, kind, part, sep = "_")]] <-
                        tables[[kind]][, paste(side, part, sep = "_")]
                }
            }
        }
    }
    data.frame(out, row.names = .flow_io_labels(model)$nodes)
}

#' @rdname flow_linkages
#' @export
flow_key_sectors <- function(model, direct = FALSE) {
    classes <- .flow_call(C_flowr_io_linkages, model, isTRUE(direct))[, "class"]
    out <- factor(c("weak", "backward", "forward", "key")[classes + 1L],
                  levels = c("weak", "backward", "forward", "key"))
    stats::setNames(out, .flow_io_labels(model)$nodes)
}

#' Hypothetical extraction of every sector
#'
#' The loss of total output when each sector in turn is extracted
#' (Dietzenbacher, van der Linden & Steenge 1993; Miller & Lahr 2001):
#' `backward` removes the sector's column of `A` (its purchases), `forward`
#' its row of `B` (its sales, in the Ghosh model), `total` both its row and
#' column of `A`. libflow computes the sweep in closed form from one
#' factorisation instead of re-inverting a matrix per sector.
#'
#' @param model A [flow_io_model()].
#' @param drop_diagonal Also remove the sector's own input `a_jj` (by default
#'   it is kept).
#' @return A data frame with columns `backward`, `forward` and `total`, one
#'   row per sector.
#' @export
flow_extraction <- function(model, drop_diagonal = FALSE) {
    out <- .flow_call(C_flowr_io_extraction, model, isTRUE(drop_diagonal))
    rownames(out) <- .flow_io_labels(model)$nodes
    as.data.frame(out)
}

.flow_io_regional <- function(model, which, shares = FALSE, f = NULL) {
    out <- .flow_call(C_flowr_io_regional, model, which, shares, f)
    regions <- .flow_io_labels(model)$regions
    dimnames(out) <- if (is.null(regions)) NULL else list(regions, regions)
    attr(out, "row_groups") <- NULL
    out
}

#' Region-by-region results of a multi-regional model
#'
#' * `flow_value_added_origin()`: value added of origin region `r` (rows)
#'   absorbed in the final demand of region `s` (columns),
#'   `sum over i in r, c owned by s of (diag(v/x) L Y)[i, c]`; with
#'   `shares = TRUE` each column is divided by its total (the share of `s`'s
#'   final-demand value added made in `r`). With a satellite account `f`
#'   (emissions, employment, ... per sector) instead of value added, the
#'   account of region `r` embodied in the final demand of region `s`.
#' * `flow_bilateral_trade()`: gross exports of `r` to `s`, intermediate
#'   (`Z`) plus final (`Y` columns owned by `s`), zero on the diagonal.
#' * `flow_exposure()`: the share of origin `s` (columns) in the inputs of
#'   economy `c` (rows), direct from `Z`, or look-through from the Leontief
#'   inverse so that inputs sourced from `s` via third economies count as
#'   `s`'s (Baldwin, Freeman & Theodorakopoulos 2023).
#' * `flow_spillovers()`: the output of region `r` per unit of final demand
#'   for an average sector of region `s` (off-diagonal blocks of `L`,
#'   column-averaged), or with `net = TRUE` that minus its transpose.
#'
#' @param model A [flow_io_model()] with regions.
#' @param shares Return column shares instead of amounts.
#' @param f A satellite account (one value per sector); `NULL` for value
#'   added.
#' @param look_through Exposure through the Leontief inverse instead of `Z`.
#' @param net Net spillovers (`S - t(S)`).
#' @return A regions x regions matrix with the region codes as dimnames.
#' @export
flow_value_added_origin <- function(model, shares = FALSE, f = NULL) {
    .flow_io_regional(model, 0L, isTRUE(shares), if (!is.null(f)) .flow_node_vector(model, f, "f"))
}

#' @rdname flow_value_added_origin
#' @export
flow_bilateral_trade <- function(model) .flow_io_regional(model, 1L)

#' @rdname flow_value_added_origin
#' @export
flow_exposure <- function(model, look_through = FALSE) {
    .flow_io_regional(model, if (isTRUE(look_through)) 3L else 2L)
}

#' @rdname flow_value_added_origin
#' @export
flow_spillovers <- function(model, net = FALSE) {
    .flow_io_regional(model, if (isTRUE(net)) 5L else 4L)
}

#' Totals and diagnostics of an input-output model
#'
#' `flow_io_totals()` returns the model's gross output `x`, value added `v`
#' and total final demand `y` per sector. `flow_io_diagnostics()` examines
#' the model without failing on a singular or non-productive one: the
#' factorisation status, zero-output sectors, negative entries, the column
#' sums of `A` (which bound its spectral radius), an estimate of that radius,
#' LAPACK's reciprocal condition number of `I - A`, the residual of a solve,
#' and how far a given `x` is from the row sums.
#'
#' @param model A [flow_io_model()].
#' @param tolerance Relative discrepancy between `x` and the row sums above
#'   which a sector counts as mismatching.
#' @return `flow_io_totals()`: a data frame with columns `x`, `v`, `y`.
#'   `flow_io_diagnostics()`: a list of libflow's named checks (`status` is 0
#'   when the system can be solved, otherwise a libflow status code, see
#'   [flow_strerror()]; `spectral_radius`, `rcond`, `residual`, ...), plus
#'   `sectors`, a data frame with one row per sector (`output`,
#'   `column_sum`, `output_gap`, `zero_output`), and `zero_output`, the labels
#'   (or indices) of zero-output sectors.
#' @export
flow_io_totals <- function(model) {
    out <- .Call(C_flowr_io_vectors, model)
    data.frame(out, row.names = .flow_io_labels(model)$nodes)
}

#' @rdname flow_io_totals
#' @export
flow_io_diagnostics <- function(model, tolerance = 1e-6) {
    table <- .flow_call(C_flowr_io_diagnostics, model, as.double(tolerance))
    out <- as.list(attr(table, "scalars"))
    out$status <- as.integer(out$status)
    sectors <- .flow_frame(table)
    nodes <- .flow_io_labels(model)$nodes
    if (!is.null(nodes)) rownames(sectors) <- nodes
    zero <- which(sectors$zero_output == 1)
    worst <- if (out$output_mismatch_index < 0) NA_integer_ else out$output_mismatch_index + 1
    out$zero_output <- if (is.null(nodes)) zero else nodes[zero]
    out$output_mismatch_index <- if (is.null(nodes)) worst else nodes[worst]
    out$sectors <- sectors
    out
}

#' Satellite multipliers and footprints
#'
#' For a satellite account `f` (employment, emissions, value added, ... per
#' sector), the coefficients `s = f / x` and the multipliers `s' L`: the
#' total (direct and indirect) amount of the account per unit of final
#' demand for each sector. `flow_footprints()` splits the account by region:
#' `consumption` is what each region's final demand causes anywhere (the
#' final-demand columns it owns), `production` what its own sectors emit or
#' employ.
#'
#' @param model A [flow_io_model()].
#' @param f One value per sector, or for `flow_satellite_multipliers()` a
#'   matrix with one row per account and one column per sector.
#' @return `flow_satellite_multipliers()`: a named vector (one account) or a
#'   matrix (accounts x sectors). `flow_footprints()`: a data frame with
#'   columns `consumption` and `production`, one row per region.
#' @export
flow_satellite_multipliers <- function(model, f) {
    nodes <- .flow_io_labels(model)$nodes
    is_vector <- is.null(dim(f))
    if (is_vector) f <- matrix(.flow_node_vector(model, f, "f"), nrow = 1L)
    if (!is.null(colnames(f)) && !is.null(nodes)) {
        f <- f[, .flow_align(stats::setNames(seq_len(ncol(f)), colnames(f)), nodes, "f"),
               drop = FALSE]
    }
    accounts <- .flow_matrix(f, "f")
    table <- .flow_call(C_flowr_io_multipliers, model, accounts)
    out <- t(table[, -(1:2), drop = FALSE])
    if (is_vector) return(stats::setNames(out[1L, ], nodes))
    dimnames(out) <- list(rownames(accounts), nodes)
    out
}

#' @rdname flow_satellite_multipliers
#' @export
flow_footprints <- function(model, f) {
    out <- .flow_call(C_flowr_io_footprints, model, .flow_node_vector(model, f, "f"))
    data.frame(out[, c("consumption", "production"), drop = FALSE],
               row.names = .flow_io_labels(model)$regions)
}

#' Extraction of the links between two sets of regions
#'
#' Scales the blocks of `A` between the regions of `first` and `second` (in
#' both directions unless `one_way`) by `1 - severity`, optionally also the
#' final demand they buy from each other, and solves the new output
#' `xbar = (I - Abar)^-1 ybar` (Dietzenbacher, van der Linden & Steenge
#' 1993). Extracting a whole region is `first = r`, `second` = every other
#' region.
#'
#' @param model A [flow_io_model()] with regions.
#' @param first,second Region codes (or 1-based region indices).
#' @param severity Share of the links removed, in `[0, 1]`.
#' @param one_way Cut only sales of `first` to `second`.
#' @param final_demand Also cut the final demand the sets buy from each other.
#' @return A data frame with the output `x`, the output after extraction
#'   `xbar` and the `loss` `x - xbar`, one row per sector.
#' @export
flow_extract_links <- function(model, first, second, severity = 1, one_way = FALSE,
                               final_demand = FALSE) {
    labels <- .flow_io_labels(model)
    index <- function(set) {
        i <- if (is.character(set)) match(set, labels$regions) else as.integer(set)
        if (anyNA(i)) stop("unknown regions: ", paste(set[is.na(i)], collapse = ", "),
                           call. = FALSE)
        i - 1L
    }
    flags <- (if (isTRUE(one_way)) 2L else 0L) + (if (isTRUE(final_demand)) 4L else 0L)
    out <- .flow_call(C_flowr_io_extract_links, model, index(first), index(second),
                      as.double(severity), flags)
    x <- .Call(C_flowr_io_vectors, model)$x
    data.frame(x = x, xbar = out[, "output"], loss = out[, "loss"], row.names = labels$nodes)
}

#' Aggregate the regions and sectors of an input-output model
#'
#' A new model whose `Z`, `Y`, `v` and `x` are summed over merged regions
#' and sectors (and final-demand columns of one label whose owners merge);
#' its coefficients are recomputed from the summed flows. Aggregate before
#' analysing.
#'
#' @param model A [flow_io_model()].
#' @param regions The new region code of each old region, in the model's
#'   region order (or named by old region code); `NULL` keeps the regions.
#' @param sectors Likewise for the sectors of a region.
#' @return A new `flow_io_model`, with the new codes in order of first
#'   appearance.
#' @examples
#' Z <- matrix(c(10, 2, 3, 1, 8, 2, 2, 1, 9), 3)
#' m <- flow_io_model(Z, Y = c(50, 40, 30), sectors = c("agr", "min", "man"))
#' flow_technical_coefficients(flow_aggregate_model(m, sectors = c("primary", "primary", "man")))
#' @export
flow_aggregate_model <- function(model, regions = NULL, sectors = NULL) {
    labels <- .Call(C_flowr_io_labels, model)
    map <- function(mapping, old, what) {
        if (is.null(mapping)) return(list(seq_along(old) - 1L, old)) # keeps the codes
        if (!is.null(names(mapping))) mapping <- mapping[old]
        if (length(mapping) != length(old) || anyNA(mapping)) {
            stop(sprintf("'%s' must give a new code for each of the %d old ones", what,
                         length(old)), call. = FALSE)
        }
        codes <- unique(as.character(mapping))
        list(match(mapping, codes) - 1L, codes)
    }
    r <- map(regions, labels$regions, "regions")
    s <- map(sectors, labels$sectors, "sectors")
    .flow_call(C_flowr_io_aggregate, model, r[[1]], r[[2]], s[[1]], s[[2]])
}
