#' Version of the loaded libflow library
#'
#' @return A list with `string` ("MAJOR.MINOR.PATCH"), `number`
#'   (MAJOR*10000 + MINOR*100 + PATCH) and `abi` (the ABI generation) of the
#'   libflow shared library the package is running against.
#' @examples
#' flow_version()$string
#' @export
flow_version <- function() {
    .Call(C_flowr_version)
}
