#' Datasets of bilateral flows
#'
#' A `flow_dataset` holds one economy axis shared by origins and
#' destinations and one dense matrix per (layer, year, product group): trade,
#' energy, finance or any user layer. `flow_dataset()` creates an empty one;
#' [flow_read_csv()] reads long CSV files into it and [flow_layer_matrix()]
#' takes matrices out.
#'
#' @param economies `NULL` for the built-in ISO 3166-1 axis (alpha-3 codes,
#'   numeric codes as aliases), or a character vector of economy codes.
#' @param names Optional English names of `economies`.
#' @param product_digits Group products by their first `product_digits`
#'   characters (2 = HS chapters) instead of summing all products of a layer
#'   and year into one matrix.
#' @return A handle of class `flow_dataset`.
#' @export
flow_dataset <- function(economies = NULL, names = NULL, product_digits = NULL) {
    .flow_call(C_flowr_dataset_new, .flow_labels(economies), .flow_labels(names),
               if (is.null(product_digits)) NULL else as.double(product_digits))
}

#' @export
print.flow_dataset <- function(x, ...) {
    if (!flow_is_open(x)) return(NextMethod())
    keys <- flow_matrices(x)
    cat(sprintf("<flow_dataset: %d economies, %d matrices>\n",
                length(.Call(C_flowr_dataset_economies, x)$code), nrow(keys)))
    invisible(x)
}

# One character of a delimiter or separator as the int libflow takes.
.flow_char <- function(x, what) {
    if (is.null(x)) return(NULL)
    if (!is.character(x) || length(x) != 1L || nchar(x) != 1L) {
        stop(sprintf("'%s' must be a single character", what), call. = FALSE)
    }
    utf8ToInt(x)
}

#' Read a long-format CSV file of flows
#'
#' Reads one flow per row (origin, destination, value, and optionally year,
#' layer, product, unit) into a dataset. Every row is accounted for: accepted,
#' filtered (by the year, layer and product filters) or rejected with a
#' reason; the report returned says which. In strict mode the first rejected
#' row is an error whose message names the file, line and column.
#'
#' @param dataset A [flow_dataset()].
#' @param file Path of the CSV file, or the name used in messages when
#'   `text` is given.
#' @param text CSV content as one string, read instead of a file.
#' @param preset Column layout: `"generic"`
#'   (`origin,destination,value[,year,layer,product,unit]`), `"baci"` (CEPII
#'   BACI `t,i,j,k,v,q`, values scaled to USD) or `"comtrade"` (UN Comtrade
#'   exports).
#' @param columns Named list or character vector overriding header names,
#'   e.g. `c(origin = "exporter", value = "usd")`; roles are `origin`,
#'   `destination`, `value`, `year`, `layer`, `product`, `unit`, `flow`.
#' @param strict Fail on the first rejected row.
#' @param unknown What to do with an economy code the axis does not know:
#'   `"reject"` the row, or `"add"` the code to the axis.
#' @param missing How to treat a missing value: read as `"zero"`, `"skip"`
#'   the row (filtered) or `"reject"` it.
#' @param delimiter Field delimiter (comma, semicolon, tab or `"|"`); detected
#'   when `NULL`.
#' @param thousands,decimal Number format: thousands separator (`NULL` for
#'   none) and decimal mark.
#' @param scale Factor every value is multiplied by.
#' @param allow_negative Accept negative values.
#' @param years,layers,products Filters: only these years, layers and product
#'   code prefixes are accepted (`NULL`: no filter).
#' @param default_layer,default_year Layer and year of rows when the file
#'   has no such column.
#' @param unit Unit every row must have.
#' @return `flow_read_csv()` returns the read report invisibly: a list of
#'   class `flow_read_report` with `counts` (rows, accepted, filtered,
#'   rejected, duplicates, missing), `reasons`, `rejects` (the first rejected
#'   rows with file, line, column and text), `unknown` (unknown codes) and
#'   `unit`. `flow_read_dataset()` returns a new dataset with the report as
#'   its `"report"` attribute.
#' @examples
#' ds <- flow_dataset()
#' report <- flow_read_csv(ds, "example.csv",
#'                         text = "origin,destination,value\nRUS,CHN,10\nCHN,RUS,4\n")
#' report$counts
#' flow_layer_matrix(ds, "trade", economies = c("CHN", "RUS"))
#' @export
flow_read_csv <- function(dataset, file, text = NULL,
                          preset = c("generic", "baci", "comtrade"), columns = NULL,
                          strict = FALSE, unknown = c("reject", "add"),
                          missing = c("zero", "skip", "reject"), delimiter = NULL,
                          thousands = NULL, decimal = ".", scale = NULL,
                          allow_negative = FALSE, years = NULL, layers = NULL,
                          products = NULL, default_layer = NULL, default_year = NULL,
                          unit = NULL) {
    settings <- list(
        preset = match(match.arg(preset), c("generic", "baci", "comtrade")) - 1L,
        columns = if (!is.null(columns)) as.list(columns),
        delimiter = .flow_char(delimiter, "delimiter"),
        thousands = if (is.null(thousands)) 0L else .flow_char(thousands, "thousands"),
        decimal = .flow_char(decimal, "decimal"),
        missing = match(match.arg(missing), c("zero", "skip", "reject")) - 1L,
        scale = if (!is.null(scale)) as.double(scale),
        allow_negative = isTRUE(allow_negative),
        unknown = match(match.arg(unknown), c("reject", "add")) - 1L,
        strict = isTRUE(strict),
        default_layer = default_layer,
        default_year = if (!is.null(default_year)) as.double(default_year),
        unit = unit,
        years = if (!is.null(years)) as.double(years),
        layers = .flow_labels(layers),
        products = .flow_labels(products))
    settings <- settings[!vapply(settings, is.null, logical(1))]
    report <- .flow_call(C_flowr_dataset_read, dataset, path.expand(file),
                         if (!is.null(text)) paste(text, collapse = "\n"), settings)
    report$reasons <- as.data.frame(report$reasons)
    report$rejects <- as.data.frame(report$rejects)
    report$unknown <- as.data.frame(report$unknown)
    invisible(structure(report, class = "flow_read_report"))
}

#' @rdname flow_read_csv
#' @param ... Arguments passed on to `flow_read_csv()`.
#' @inheritParams flow_dataset
#' @export
flow_read_dataset <- function(file, ..., economies = NULL, product_digits = NULL) {
    dataset <- flow_dataset(economies, product_digits = product_digits)
    attr(dataset, "report") <- flow_read_csv(dataset, file, ...)
    dataset
}

#' @export
print.flow_read_report <- function(x, ...) {
    counts <- x$counts
    cat(sprintf("%g rows: %g accepted, %g filtered, %g rejected (%g duplicates summed)\n",
                counts[["rows"]], counts[["accepted"]], counts[["filtered"]],
                counts[["rejected"]], counts[["duplicates"]]))
    if (nrow(x$reasons) > 0) print(x$reasons)
    if (nrow(x$rejects) > 0) cat(paste0("  ", x$rejects$message, collapse = "\n"), "\n")
    invisible(x)
}

#' Contents of a dataset
#'
#' `flow_matrices()` lists the matrices a dataset holds, `flow_economies()`
#' its economy axis, and `flow_attributes()` the per-economy attributes read
#' with `flow_read_attributes()` (a CSV with a code column and numeric
#' columns such as GDP; unknown economies are `NA`).
#'
#' @param dataset A [flow_dataset()].
#' @return Data frames: `flow_matrices()` with `layer`, `year`, `product`,
#'   `unit`; `flow_economies()` with `code` and `name`;
#'   `flow_attributes()` one column per attribute, row names the codes.
#' @export
flow_matrices <- function(dataset) {
    as.data.frame(.Call(C_flowr_dataset_keys, dataset))
}

#' @rdname flow_matrices
#' @export
flow_economies <- function(dataset) {
    as.data.frame(.Call(C_flowr_dataset_economies, dataset))
}

#' @rdname flow_matrices
#' @param file Path of the attributes CSV.
#' @param code_column Header of the column holding economy codes.
#' @param add_unknown Add codes the axis lacks instead of failing.
#' @export
flow_read_attributes <- function(dataset, file, code_column = "code", add_unknown = FALSE) {
    invisible(.flow_call(C_flowr_dataset_read_attributes, dataset, path.expand(file),
                         code_column, isTRUE(add_unknown)))
}

#' @rdname flow_matrices
#' @export
flow_attributes <- function(dataset) {
    values <- .flow_call(C_flowr_dataset_attributes, dataset)
    data.frame(values, row.names = flow_economies(dataset)$code, check.names = FALSE)
}

#' A layer matrix of a dataset
#'
#' The flow matrix of one (layer, year, product group): entry `[i, j]` is the
#' flow from origin `i` to destination `j`, with the economy codes as
#' dimnames.
#'
#' @param dataset A [flow_dataset()].
#' @param layer Layer name (`"trade"`, `"energy"`, `"finance"`, ...).
#' @param year Year; `NULL` picks the only year the layer has.
#' @param product Product group, `NULL` when products are not grouped.
#' @param economies Codes of the economies to keep (rows and columns, in that
#'   order); `NULL` keeps the whole axis.
#' @param drop_empty Drop economies whose row and column are both zero.
#' @return A square numeric matrix with dimnames.
#' @export
flow_layer_matrix <- function(dataset, layer = "trade", year = NULL, product = NULL,
                              economies = NULL, drop_empty = FALSE) {
    if (is.null(year)) {
        keys <- flow_matrices(dataset)
        year <- unique(keys$year[keys$layer == layer])
        if (length(year) != 1L) {
            stop(sprintf("layer '%s' has %d years: give 'year'", layer, length(year)),
                 call. = FALSE)
        }
    }
    out <- .flow_call(C_flowr_dataset_matrix, dataset, as.character(layer), as.double(year),
                      if (!is.null(product)) as.character(product))
    codes <- flow_economies(dataset)$code
    dimnames(out) <- list(codes, codes)
    if (!is.null(economies)) {
        missing <- setdiff(economies, codes)
        if (length(missing) > 0) {
            stop(sprintf("unknown economies: %s", paste(missing, collapse = ", ")), call. = FALSE)
        }
        out <- out[economies, economies, drop = FALSE]
    }
    if (isTRUE(drop_empty)) {
        keep <- rowSums(out) != 0 | colSums(out) != 0
        out <- out[keep, keep, drop = FALSE]
    }
    out
}
