# The core ABI seen from R: version, ABI generation, status texts.

test_that("the version string and number agree", {
    v <- flow_version()
    parts <- as.integer(strsplit(v$string, ".", fixed = TRUE)[[1]])
    expect_length(parts, 3)
    expect_identical(v$number, parts[1] * 10000L + parts[2] * 100L + parts[3])
    expect_identical(v$abi, 2L)
})

test_that("status codes have libflow's static descriptions", {
    expect_identical(flow_strerror(c(0, -2, 12345)),
                     c("success", "out of memory", "unknown status"))
})

test_that("errors from non-libflow conditions have no status", {
    expect_identical(flow_error_status(simpleError("x")), NA_integer_)
})
