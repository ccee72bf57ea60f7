#' Datasets of bilateral flows
#'
#' A `flow_dataset` holds one economy axis shared by origins and
#' destinations and one dense matrix per (layer, year, product group): trade,
#' energy, finance or any user layer. `flow_dataset()` creates an empty one;
#' [flow_read_csv()] reads long CSV files into it and [flow_layer_matrix()]
#' takes matrices out.
#'
#' @param economies `NULL` for an axis of the economies present in the data
#'   read (ISO 3166-1 alpha-3 codes recognised, numeric codes as aliases), or
#'   a character vector of economy codes.
#' @param names Optional English names of `economies`.
#' @param product_digits Group products by their first `product_digits`
#'   characters (2 = HS chapters; 0 sums all products of a layer and year into
#'   one matrix). `NULL`, the default, lets the first read choose: every
#'   product code apart, HS chapters for the `baci` and `comtrade` presets
#'   (the defaults of every libflow interface, `docs/defaults.md`).
#' @param all_economies With `economies = NULL`: keep the whole ISO 3166-1
#'   axis instead of the economies present.
#' @return A handle of class `flow_dataset`.
#' @export
flow_dataset <- function(economies = NULL, names = NULL, product_digits = NULL,
                         all_economies = FALSE) {
    digits <- if (is.null(product_digits)) NULL else as.double(product_digits)
    if (is.null(economies) && !isTRUE(all_economies)) {
        # Reads go into a private dataset whose axis grows with the economies
        # named (matrices sized by the data); this one is its drop_empty copy.
        dataset <- .flow_call(C_flowr_dataset_present,
                              .flow_call(C_flowr_dataset_new_present, digits))
    } else {
        dataset <- .flow_call(C_flowr_dataset_new, .flow_labels(economies), .flow_labels(names),
                              digits)
    }
    if (is.null(product_digits)) attr(dataset, "default_grouping") <- TRUE
    dataset
}

# The product grouping a dataset takes at its first read when none was given.
.flow_default_grouping <- function(dataset, preset) {
    target <- .Call(C_flowr_dataset_target, dataset)
    if (isTRUE(attr(dataset, "default_grouping")) && nrow(flow_matrices(target)) == 0) {
        digits <- if (preset %in% c("baci", "comtrade")) 2 else 1000
        .flow_call(C_flowr_dataset_set_product_digits, target, digits)
    }
    target
}

#' Product groups from a concordance CSV
#'
#' Maps every product code starting with a code (or prefix) of the
#' concordance to its group (the longest matching prefix wins; codes matching
#' none go to group `"other"`), e.g. HS6 codes to groups of sanctioned items.
#' Call it before any flow is read into the dataset.
#'
#' @param dataset A [flow_dataset()] with no flows yet.
#' @param file Path of the concordance CSV (header row, delimiter detected).
#' @param code_column,group_column Headers of the code and group columns.
#' @return `dataset`, invisibly.
#' @export
flow_read_product_groups <- function(dataset, file, code_column = "code",
                                     group_column = "group") {
    target <- .Call(C_flowr_dataset_target, dataset)
    .flow_call(C_flowr_dataset_read_product_groups, target, path.expand(file), code_column,
               group_column)
    .flow_call(C_flowr_dataset_refresh, dataset)
    invisible(dataset)
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
    x
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
#'   `destination`, `value`, `year`, `layer`, `product`, `unit`, `flow`,
#'   `quantity`, `kind` (the layer's kind, `flow` or `stock`, declared by the data).
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
#' @param threads Threads parsing one file in parallel: `1` (the default)
#'   reads serially, `0` uses one per processor. Files under 256 KiB per
#'   thread, and `text`, are read serially. Counts, rejects and line numbers
#'   are those of a serial read, and so are the matrices of files sorted by
#'   origin and destination (such as BACI's); otherwise sums may differ in the
#'   last bits.
#' @param mirror_layer Layer that rows whose flow code says the partner
#'   reported an import (`M`, `IMPORT`) go to, oriented exporter -> importer:
#'   both reports of a flow kept apart, for the mirror diagnostic of
#'   [flow_evasion()]. `NULL`: both in the row's layer.
#' @param mirror_policy Which report of a flow both sides report is kept
#'   (Comtrade files; never both): `"importer_first"` (the default: the
#'   importer's report, the exporter's where the importer reports nothing),
#'   `"exporter_first"`, `"importer"` or `"exporter"` (that side's reports
#'   only). Rows left out are counted as filtered, with their reason. Does not
#'   apply with `mirror_layer`, which keeps both reports apart.
#' @param quantity_layer,quantity_unit Layer that the quantity column (role
#'   `quantity`: BACI's `q`) is read into in the same read as the values,
#'   and its unit (`NULL`: the preset's, `"t"` for BACI): unit values v / q
#'   from one read. A missing or bad quantity leaves the row accepted and is
#'   counted among the reasons ("quantity missing (value kept)", ...).
#' @param missing_tokens Texts read as missing values (replacing the
#'   defaults `""`, `"NA"`, `"N/A"`, `".."`, `"---"`).
#' @param max_rejects_kept How many rejected rows keep their details.
#' @param ... Further reader options by their key of `flow_read_options_set()`
#'   (reader.h documents every key, e.g. `default_year`, `wide_label_rows`),
#'   values as R values (`TRUE`/`FALSE`, numbers, character vectors for
#'   lists); a name it does not know is an error naming it.
#' @param buffer_size,max_line Read buffer and longest record, in bytes.
#' @param progress `NULL`, or a function `function(bytes_done, bytes_total)`
#'   called as the read goes on (after every 1 MiB parsed and at the end,
#'   when `bytes_done` is the size of the input; `bytes_total` is the size, or
#'   -1 when unknown; both are doubles). Returning `TRUE` cancels the read,
#'   which then fails with a `libflow_error` ("read cancelled by the progress
#'   callback"); an error raised inside the function also cancels it and is
#'   signalled again, unchanged, once the read has stopped. Rows accepted
#'   before a cancellation stay in the dataset. The function runs outside
#'   the caller's condition handlers: its warnings and messages are reported
#'   as at top level.
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
                          unit = NULL, threads = NULL, progress = NULL, mirror_layer = NULL,
                          mirror_policy = NULL, quantity_layer = NULL, quantity_unit = NULL, missing_tokens = NULL,
                          max_rejects_kept = NULL, buffer_size = NULL, max_line = NULL, ...) {
    if (is.null(quantity_layer) && !is.null(quantity_unit))
        stop("'quantity_unit' needs 'quantity_layer'", call. = FALSE)
    preset <- match.arg(preset)
    target <- .flow_default_grouping(dataset, preset)
    settings <- .flow_reader_settings(
        preset = preset, columns = columns, delimiter = delimiter, thousands = thousands,
        decimal = decimal, missing = match.arg(missing), scale = scale,
        allow_negative = allow_negative, unknown_codes = match.arg(unknown), strict = strict,
        default_layer = default_layer, default_year = default_year, unit = unit,
        years = years, layers = .flow_labels(layers), product_prefixes = .flow_labels(products),
        threads = threads, mirror_layer = mirror_layer,
        mirror_policy = .flow_mirror_policy(mirror_policy),
        quantity_layer = quantity_layer, quantity_unit = quantity_unit,
        missing_tokens = missing_tokens, max_rejects_kept = max_rejects_kept,
        buffer_size = buffer_size, max_line = max_line, ..., progress = progress)
    report <- tryCatch(
        .flow_call(C_flowr_dataset_read, target, path.expand(file),
                   if (!is.null(text)) paste(text, collapse = "\n"), settings),
        finally = .flow_call(C_flowr_dataset_refresh, dataset))
    report <- .flow_report(report)
    .flow_warn_dropped(report, if (is.null(text)) file else "<text>")
    invisible(report)
}

# The text of an option value as flow_X_options_set takes it: TRUE/FALSE as
# 1/0, numbers in full precision, vectors joined by commas. A logical NA goes
# as "NA", which the library refuses naming the key, rather than as 0.
.flow_option_text <- function(x) {
    if (is.logical(x) && length(x) == 1L && !is.na(x)) return(if (x) "1" else "0")
    if (is.numeric(x)) return(paste(sprintf("%.17g", as.double(x)), collapse = ","))
    paste(as.character(x), collapse = ",")
}

# Named option texts for the C glue (src/options.c), which gives each to the
# library's setter under its name: NULL entries (libflow's defaults) dropped.
.flow_option_texts <- function(...) {
    settings <- list(...)
    settings <- settings[!vapply(settings, is.null, logical(1))]
    if (length(settings) > 0L && (is.null(names(settings)) || any(names(settings) == "")))
        stop("options must be named", call. = FALSE)
    lapply(settings, .flow_option_text)
}

# The settings list the C reader glue applies: the keys of
# flow_read_options_set (reader.h) as text, the preset first (it resets the
# columns), columns spread over the <role>_column keys, and the progress
# function (a function, not text) last.
.flow_reader_settings <- function(preset = NULL, columns = NULL, delimiter = NULL,
                                  thousands = NULL, decimal = NULL, missing_tokens = NULL,
                                  progress = NULL, ...) {
    columns <- as.list(columns)
    if (length(columns) > 0L) names(columns) <- paste0(names(columns), "_column")
    tokens <- if (!is.null(missing_tokens)) {
        joined <- paste(as.character(missing_tokens), collapse = ",")
        # "" clears the list: a list of the empty field alone is two empty pieces.
        if (joined == "" && length(missing_tokens) > 0L) "," else joined
    }
    settings <- c(.flow_option_texts(preset = preset), do.call(.flow_option_texts, columns),
                  .flow_option_texts(delimiter = .flow_char(delimiter, "delimiter"),
                                     thousands = .flow_char(thousands, "thousands"),
                                     decimal = .flow_char(decimal, "decimal"),
                                     missing_tokens = tokens, ...))
    settings$progress <- .flow_progress_guard(progress)
    settings
}

# The function the C glue calls for progress (src/progress.c): the user's
# function with its errors caught and returned as the condition, so that no
# error has to unwind through libflow's frames; an interrupt cancels the read.
.flow_progress_guard <- function(progress) {
    if (is.null(progress)) return(NULL)
    if (!is.function(progress)) stop("'progress' must be a function or NULL", call. = FALSE)
    function(done, total) {
        tryCatch(isTRUE(progress(done, total)), error = function(e) e,
                 interrupt = function(e) TRUE)
    }
}

.flow_report <- function(report) {
    report$reasons <- as.data.frame(report$reasons)
    report$rejects <- as.data.frame(report$rejects)
    report$unknown <- as.data.frame(report$unknown)
    structure(report, class = "flow_read_report")
}

#' Read a wide matrix CSV (an input-output table, a claims matrix)
#'
#' Reads a labelled matrix: `label_rows` leading records hold column labels
#' and `label_cols` leading fields of each row hold row labels. Every data
#' row must have as many fields as the first. Real-world layouts read without
#' preprocessing, e.g. a WIOD national table (semicolons, byte-order mark,
#' spaces as thousands separators, two label rows, four label columns, one
#' block of rows per year).
#'
#' @param file Path of the CSV file.
#' @param label_rows,label_cols Number of leading label records and label
#'   fields.
#' @param col_label_row,col_group_row Which label record (1-based) gives the
#'   column labels and the column group labels (`NA`: none).
#' @param row_label_col,row_group_col Which label field (1-based) gives the
#'   row labels and the row group labels (`NA`: none).
#' @param filter_col,filter_value Keep only the rows whose label field
#'   `filter_col` equals `filter_value` (e.g. one year of a WIOD table).
#' @param progress `NULL`, or a function `function(bytes_done, bytes_total)`
#'   called as the read goes on, as in [flow_read_csv()]; returning `TRUE`
#'   cancels the read.
#' @inheritParams flow_read_csv
#' @return A numeric matrix with the labels as dimnames, the group labels
#'   as attributes `row_groups` / `col_groups`, and the read report as
#'   attribute `report`.
#' @examples
#' path <- tempfile(fileext = ".csv")
#' writeLines(c("region,sector,agr,man", "CHN,agr,10,20", "CHN,man,30,40"), path)
#' flow_read_table(path, label_cols = 2, row_label_col = 2, row_group_col = 1)
#' @export
flow_read_table <- function(file, label_rows = 1, label_cols = 1, col_label_row = 1,
                            col_group_row = NA, row_label_col = 1, row_group_col = NA,
                            filter_col = NULL, filter_value = NULL, delimiter = NULL,
                            thousands = NULL, decimal = ".",
                            missing = c("zero", "skip", "reject"), scale = NULL,
                            allow_negative = TRUE, strict = FALSE, progress = NULL, ...) {
    index <- function(i) if (is.na(i)) -1L else as.integer(i) - 1L
    settings <- .flow_reader_settings(
        delimiter = delimiter, thousands = thousands, decimal = decimal,
        missing = match.arg(missing), scale = scale, allow_negative = allow_negative,
        strict = strict, wide_label_rows = as.integer(label_rows),
        wide_label_cols = as.integer(label_cols), wide_col_label_row = index(col_label_row),
        wide_col_group_row = index(col_group_row), wide_row_label_col = index(row_label_col),
        wide_row_group_col = index(row_group_col),
        wide_row_filter_column = if (!is.null(filter_col)) index(filter_col),
        wide_row_filter_value = if (!is.null(filter_col)) as.character(filter_value), ...,
        progress = progress)
    out <- .flow_call(C_flowr_table_read, path.expand(file), settings)
    report <- .flow_report(out$report)
    .flow_warn_dropped(report, file)
    structure(out$matrix, report = report)
}

#' @rdname flow_read_csv
#' @param ... Arguments passed on to `flow_read_csv()`.
#' @inheritParams flow_dataset
#' @export
flow_read_dataset <- function(file, ..., economies = NULL, product_digits = NULL,
                              all_economies = FALSE) {
    dataset <- flow_dataset(economies, product_digits = product_digits,
                            all_economies = all_economies)
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
#' with `flow_read_attributes()` (a CSV with a code column; numeric columns
#' such as GDP, `NA` for unknown economies, and text columns such as names
#' or group lists, `""` where an economy has none). The read is strict: a
#' field of a numeric column that is not a number, a repeated code or an
#' unknown code (unless `add_unknown`) is an error naming line and column.
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
    on.exit(.flow_call(C_flowr_dataset_refresh, dataset))
    invisible(.flow_call(C_flowr_dataset_read_attributes, .Call(C_flowr_dataset_target, dataset),
                         path.expand(file), code_column, isTRUE(add_unknown)))
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
#' @param year Year; `NULL` picks the latest year the layer has.
#' @param product Product group; `NULL` sums every product group of the
#'   layer and year (which must share one unit).
#' @param economies Codes of the economies to keep (rows and columns, in that
#'   order); `NULL` keeps the whole axis.
#' @param drop_empty Drop economies whose row and column are both zero.
#' @return A square numeric matrix with dimnames.
#' @export
flow_layer_matrix <- function(dataset, layer = "trade", year = NULL, product = NULL,
                              economies = NULL, drop_empty = FALSE) {
    keys <- flow_matrices(dataset)
    keys <- keys[keys$layer == layer, ]
    if (is.null(year)) {
        if (nrow(keys) == 0) {
            stop(sprintf("the dataset holds no layer '%s'", layer), call. = FALSE)
        }
        year <- max(keys$year)
    }
    products <- if (!is.null(product)) as.character(product) else {
        found <- keys[keys$year == year, ]
        if (nrow(found) > 0 && length(unique(found$unit)) > 1) {
            stop(sprintf(paste("the products of layer '%s' in %g have different units (%s):",
                               "give 'product'"),
                         layer, year, paste(unique(found$unit), collapse = ", ")), call. = FALSE)
        }
        if (nrow(found) == 0) "" else found$product
    }
    out <- NULL
    for (p in products) {
        m <- .flow_call(C_flowr_dataset_matrix, dataset, as.character(layer), as.double(year), p)
        out <- if (is.null(out)) m else out + m
    }
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

#' Aggregate economies into groups
#'
#' A new dataset whose economy axis has one label per group (in order of
#' first appearance) and one per economy not in any group, and whose every
#' matrix sums the rows and columns of the members: flows between two
#' members become the group's diagonal entry. Attributes are summed by group
#' (a group with an unknown member is `NA`).
#'
#' @param dataset A [flow_dataset()].
#' @param groups A character vector of group codes named by member code,
#'   e.g. `c(DEU = "EU", FRA = "EU")`, or a data frame with columns `code`
#'   and `group` (the layout of the bundled `data/mapping_eu.csv`).
#' @return A new `flow_dataset`.
#' @export
flow_aggregate <- function(dataset, groups) {
    if (is.data.frame(groups)) groups <- stats::setNames(groups$group, groups$code)
    if (is.null(names(groups))) stop("'groups' must be named by member code", call. = FALSE)
    .flow_call(C_flowr_dataset_aggregate, dataset, .flow_labels(names(groups)),
               .flow_labels(unname(groups)))
}

# The flow_mirror_policy code of a policy name; NULL keeps the default.
.flow_mirror_policy <- function(policy) {
    if (is.null(policy))
        return(NULL)
    match.arg(policy, c("importer_first", "exporter_first", "importer", "exporter"))
}
