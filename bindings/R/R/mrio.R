#' Multi-regional input-output databases
#'
#' `flow_read_mrio()` reads an OECD ICIO CSV (2016-2023 releases; gzip read
#' directly), an EXIOBASE 3 folder or zip, a Eurostat FIGARO CSV or a folder
#' in pymrio's text layout in one call. The result holds the blocks as
#' matrices whose dimnames are the sector (or category) codes, with the region
#' of every row and column in the attributes `row_groups` / `col_groups`:
#' `Z`, `Y`, `output` (x used, the table's own output and the row and column
#' sums it is checked against), the satellite accounts `extensions` (each a
#' list of `F` and `F_Y`), and the read `summary`.
#'
#' `flow_mrio_account()` computes one of pymrio's accounts by solves: "S",
#' "M", "M_down", "D_cba", "D_pba", "D_imp", "D_exp" (stressors x region.
#' sector) or "D_cba_reg", "D_pba_reg", "D_imp_reg", "D_exp_reg" (stressors x
#' regions). `flow_mrio_type_ii()` gives type I and II output multipliers by
#' closing each region's households. `flow_mrio_aggregate()` merges regions
#' and sectors through named character vectors (`c(DEU = "EU", "*" = "ROW")`)
#' and `flow_mrio_model()` returns the database's IO model, to which every
#' `flow_*` input-output function applies.
#'
#' @param path File, folder or zip archive.
#' @param format One of "icio", "exiobase", "figaro", "pymrio".
#' @param keep_splits Keep ICIO's CN1/CN2/MX1/MX2 as regions (default: summed
#'   into CHN and MEX).
#' @param trust_given_output Build the model with the table's own gross
#'   output instead of the row sums.
#' @param mrio A database returned by `flow_read_mrio()`.
#' @param extension Name of an extension, e.g. "factor_inputs".
#' @param account Name of an account (see above).
#' @param household_category Final-demand category of households ("HFCE").
#' @param income_row Factor-input row holding labour income (NULL: all value
#'   added).
#' @param regions,sectors Named character vectors code = group, or the path of a
#'   concordance CSV (code,group after a header row, e.g.
#'   `data/concordances/icio2023_a10.csv`); NULL keeps the axis.
#' @param ... Further options of `flow_read_mrio()` by their key of
#'   `flow_mrio_options_set()` (mrio.h, e.g. `tolerance`); a name it does not
#'   know is an error naming it.
#' @return `flow_read_mrio()` and `flow_mrio_aggregate()`: an object of class
#'   `flow_mrio`; the others matrices, or a `flow_io_model`.
#' @examples
#' \dontrun{
#' icio <- flow_read_mrio("ICIO2023_2020.csv.gz", format = "icio")
#' flow_mrio_account(icio, "factor_inputs", "D_cba_reg")
#' }
#' @export
flow_read_mrio <- function(path, format = "icio", keep_splits = FALSE,
                           trust_given_output = FALSE, ...) {
    handle <- .flow_call(C_flowr_mrio_read, path.expand(as.character(path)),
                         as.character(format),
                         .flow_option_texts(keep_splits = isTRUE(keep_splits),
                                            trust_given_output = isTRUE(trust_given_output),
                                            ...))
    .flow_mrio_object(handle)
}

.flow_mrio_object <- function(handle) {
    info <- .Call(C_flowr_mrio_summary, handle)
    structure(list(handle = handle,
                   Z = .flow_call(C_flowr_mrio_block, handle, 0L),
                   Y = .flow_call(C_flowr_mrio_block, handle, 1L),
                   output = .flow_call(C_flowr_mrio_block, handle, 2L),
                   extensions = .Call(C_flowr_mrio_extensions, handle),
                   summary = info[[1]],
                   rows = c(read = as.numeric(info[[2]]), accepted = as.numeric(info[[3]]))),
              class = "flow_mrio")
}

.flow_mrio_accounts <- c("S", "M", "M_down", "D_cba", "D_pba", "D_imp", "D_exp",
                         "D_cba_reg", "D_pba_reg", "D_imp_reg", "D_exp_reg")

#' @rdname flow_read_mrio
#' @export
flow_mrio_account <- function(mrio, extension, account = "D_cba_reg") {
    code <- match(account, .flow_mrio_accounts)
    if (is.na(code)) {
        stop(sprintf("unknown account '%s'; choose from %s", account,
                     paste(.flow_mrio_accounts, collapse = ", ")), call. = FALSE)
    }
    .flow_call(C_flowr_mrio_account, mrio$handle, as.character(extension), code - 1L)
}

#' @rdname flow_read_mrio
#' @export
flow_mrio_type_ii <- function(mrio, household_category, income_row = NULL) {
    .flow_call(C_flowr_mrio_type_ii, mrio$handle, as.character(household_category),
               if (is.null(income_row)) NULL else as.character(income_row))
}

#' @rdname flow_read_mrio
#' @export
flow_mrio_aggregate <- function(mrio, regions = NULL, sectors = NULL) {
    pairs <- function(x) {
        if (is.null(x)) return(list(character(), character()))
        if (is.character(x) && length(x) == 1L && is.null(names(x))) {
            # A concordance file: code,group after a header row (more columns ignored).
            table <- utils::read.csv(path.expand(x), colClasses = "character",
                                     check.names = FALSE)
            if (ncol(table) < 2L) stop(sprintf("%s: a concordance needs a code and a group column", x),
                                       call. = FALSE)
            return(list(table[[1]], table[[2]]))
        }
        list(names(x), unname(as.character(x)))
    }
    r <- pairs(regions)
    s <- pairs(sectors)
    .flow_mrio_object(.flow_call(C_flowr_mrio_aggregate, mrio$handle, r[[1]], r[[2]], s[[1]],
                                 s[[2]]))
}

#' @rdname flow_read_mrio
#' @export
flow_mrio_model <- function(mrio) {
    .flow_call(C_flowr_mrio_model, mrio$handle)
}

#' @export
print.flow_mrio <- function(x, ...) {
    cat(x$summary)
    cat(sprintf("%g rows read, %g accepted\n", x$rows[["read"]], x$rows[["accepted"]]))
    invisible(x)
}

#' Sanctions scenarios on an MRIO, sector by sector
#'
#' Runs a [flow_scenario()] (e.g. from [flow_scenario_read()]) on an MRIO read
#' by [flow_read_mrio()] or on a `flow_io_model` with region and sector codes:
#' its sector-specific cuts (`cut RUS energy EU,G7 1`, with `sectors` and
#' `sectors_from` groups) and its region-pair cuts on layer `*` become blocks
#' of one cut (format and lenses in docs/scenarios.md). Returns a matrix with
#' one row per region and sector (region in the `row_groups` attribute) and
#' the columns `x`, `cut` (direct loss of sales), `demand_loss` (Leontief),
#' `supply_loss` (Ghosh) and `inoperability`; attribute `scalars` holds
#' `blocks` and `skipped` (group members the model lacks).
#'
#' @param model A `flow_mrio` or a `flow_io_model`.
#' @param scenario A `flow_scenario`, or the path of a scenario file.
#' @return A numeric matrix.
#' @export
flow_shock_mrio <- function(model, scenario) {
    if (is.character(scenario)) scenario <- flow_scenario_read(scenario)
    is_mrio <- inherits(model, "flow_mrio")
    .flow_call(C_flowr_scenario_run_io, if (is_mrio) model$handle else model, is_mrio, scenario)
}
