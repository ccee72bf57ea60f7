#' Free a libflow handle now
#'
#' Objects returned by libflow functions hold C handles that the garbage
#' collector frees. `flow_close()` frees one at once, for example to release
#' a large input-output model; using the object afterwards is an error.
#' Closing twice is harmless. Handles do not survive `saveRDS()` or a saved
#' workspace: a restored one is closed.
#'
#' @param x A libflow handle (class `flow_handle`).
#' @return `flow_close()` returns, invisibly, `TRUE` when this call freed the
#'   handle and `FALSE` when it was already closed. `flow_is_open()` returns
#'   whether `x` still holds a handle.
#' @examples
#' t <- flow_table(matrix(1:4 + 0.5, 2))
#' flow_close(t)
#' flow_is_open(t)
#' @export
flow_close <- function(x) {
    invisible(.Call(C_flowr_close, x))
}

#' @rdname flow_close
#' @export
flow_is_open <- function(x) {
    .Call(C_flowr_is_open, x)
}

#' @export
print.flow_handle <- function(x, ...) {
    state <- if (flow_is_open(x)) "open" else "closed"
    cat(sprintf("<%s handle, %s>\n", class(x)[1], state))
    invisible(x)
}
