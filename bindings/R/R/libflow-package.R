#' libflow: trade, energy and finance dependency analysis
#'
#' R interface to the libflow C library. Matrices go in as ordinary R
#' matrices (R stores them column-major; the package converts to and from
#' libflow's row-major layout) and results come back as matrices or data
#' frames whose dimnames are libflow's economy and sector labels. Handles to
#' libflow objects (datasets, input-output models, ...) are freed by the
#' garbage collector or at once with [flow_close()].
#'
#' Every failure inside libflow becomes an R error of class
#' `libflow_error` whose message is libflow's detailed message (for bad CSV
#' input it names the file, line and column); see [flow_error_status()].
#'
#' @keywords internal
#' @useDynLib libflow, .registration = TRUE, .fixes = "C_"
"_PACKAGE"

# The ABI generation this package's glue was written for. A library of
# another generation may have changed the meaning of the functions called
# here, so loading refuses it rather than computing wrong numbers.
.flow_abi_supported <- 2L

.onLoad <- function(libname, pkgname) {
    loaded <- .Call(C_flowr_version)$abi
    compiled <- .Call(C_flowr_abi_compiled)
    if (loaded != .flow_abi_supported || compiled != .flow_abi_supported) {
        stop(sprintf(paste(
            "the libflow R package supports ABI generation %d, but it was built",
            "against generation %d and loaded generation %d"),
            .flow_abi_supported, compiled, loaded), call. = FALSE)
    }
}
