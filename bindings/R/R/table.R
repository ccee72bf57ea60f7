#' Labelled matrices as libflow tables
#'
#' A `flow_table` is libflow's labelled dense matrix: the form in which the
#' wide-matrix reader returns a table and in which input-output models take
#' theirs. `flow_table()` copies an R matrix into one; `as.matrix()` copies it
#' back. Row and column names travel as libflow's labels; optional group
#' labels (the region of each row of a multi-regional table, say) travel as
#' the attributes `row_groups` and `col_groups`.
#'
#' @param x A numeric matrix (or something `as.matrix()` turns into one).
#' @param row_groups,col_groups Optional character vectors of group labels,
#'   one per row / column. Default: the attributes of the same name of `x`.
#' @return `flow_table()` returns a handle of class `flow_table`;
#'   `as.matrix()` a double matrix with dimnames (and group attributes when
#'   the table has groups).
#' @examples
#' m <- matrix(c(150, 200, 500, 100), 2, dimnames = list(c("agr", "man"), c("agr", "man")))
#' as.matrix(flow_table(m))
#' @export
flow_table <- function(x, row_groups = attr(x, "row_groups"),
                       col_groups = attr(x, "col_groups")) {
    values <- .flow_matrix(x, deparse1(substitute(x)))
    .flow_call(C_flowr_table_new, values, .flow_labels(rownames(values)),
               .flow_labels(colnames(values)), .flow_labels(row_groups),
               .flow_labels(col_groups))
}

#' @rdname flow_table
#' @param ... Unused.
#' @export
as.matrix.flow_table <- function(x, ...) {
    .Call(C_flowr_table_matrix, x)
}

# A double matrix from x, or an R error that names the argument.
.flow_matrix <- function(x, what) {
    if (is.data.frame(x)) x <- as.matrix(x)
    if (!is.matrix(x) || !is.numeric(x)) {
        stop(sprintf("'%s' must be a numeric matrix", what), call. = FALSE)
    }
    storage.mode(x) <- "double"
    x
}

# A double vector from x, or an R error that names the argument.
.flow_vector <- function(x, what) {
    if (!is.numeric(x) || !is.null(dim(x)) && length(dim(x)) > 1 && all(dim(x) > 1)) {
        stop(sprintf("'%s' must be a numeric vector", what), call. = FALSE)
    }
    as.double(x)
}

# Labels for the C side: NULL or a character vector without NA.
.flow_labels <- function(x) {
    if (is.null(x)) return(NULL)
    x <- as.character(x)
    if (anyNA(x)) stop("labels must not be NA", call. = FALSE)
    x
}

# The one converter of a result table (a matrix from flowr_table_result) to a
# data frame: rows and columns keep their labels, the named scalars stay in
# attribute "scalars".
.flow_frame <- function(table) {
    frame <- as.data.frame(unclass(table), stringsAsFactors = FALSE)
    attr(frame, "scalars") <- attr(table, "scalars")
    frame
}
