# libflow failures as R conditions. The C glue never longjmps out of a
# function holding libflow resources; it returns a "flowr_failure" value
# (status and flow_last_error() message) and .flow_call() raises the error
# here, in R, after the C side has cleaned up.

.flow_call <- function(entry, ...) {
    result <- .Call(entry, ...)
    # An error raised by a progress function during a read (src/progress.c).
    condition <- attr(result, "progress_condition")
    if (!is.null(condition)) stop(condition)
    if (inherits(result, "flowr_failure")) {
        .flow_stop(result$status, result$message, .flow_user_call())
    }
    result
}

# The call of the outermost package function on the stack: the function the
# user called, rather than the internal helper that reached C.
.flow_user_call <- function() {
    ns <- environment(.flow_user_call)
    for (i in seq_len(sys.nframe() - 1L)) {
        if (identical(environment(sys.function(i)), ns)) return(sys.call(i))
    }
    NULL
}

.flow_stop <- function(status, message, call) {
    where <- .flow_location(message)
    condition <- structure(
        class = c("libflow_error", "error", "condition"),
        list(message = message, call = call, status = status,
             description = flow_strerror(status), file = where$file, line = where$line,
             column = where$column))
    stop(condition)
}

# The place of a fault in a file, from libflow's message
# 'FILE: line N, column "NAME": why' or 'FILE: line N: why'; NA when absent.
.flow_location <- function(message) {
    pattern <- '^(.+?): line ([0-9]+)(, column "([^"]*)")?[:,] '
    parts <- regmatches(message, regexec(pattern, message, perl = TRUE))[[1]]
    if (length(parts) == 0) {
        return(list(file = NA_character_, line = NA_integer_, column = NA_character_))
    }
    list(file = parts[2], line = as.integer(parts[3]),
         column = if (nzchar(parts[4])) parts[5] else NA_character_)
}

#' Status of a libflow error
#'
#' Errors raised by libflow functions have class `libflow_error`. Their
#' message is libflow's detailed message (`flow_last_error()` in C); the
#' status code and its generic description are kept in the condition too
#' (`status`, `description`), and for a fault at a place in a file its
#' `file`, `line` and `column` (`NA` otherwise).
#'
#' @param condition A condition caught with [tryCatch()].
#' @return For `flow_error_status()`, the negative libflow status code
#'   (e.g. -4 for malformed CSV), or `NA` for a condition that does not come
#'   from libflow.
#' @export
flow_error_status <- function(condition) {
    if (inherits(condition, "libflow_error")) condition$status else NA_integer_
}

#' Describe libflow status codes
#'
#' @param status Integer vector of libflow status codes.
#' @return A character vector: libflow's static description of each code
#'   (`"unknown status"` for codes it does not know).
#' @examples
#' flow_strerror(c(0, -2))
#' @export
flow_strerror <- function(status) {
    .Call(C_flowr_strerror, as.integer(status))
}
