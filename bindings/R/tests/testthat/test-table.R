# Labelled matrices through flow_table: layout, labels and handle lifetime.

test_that("a non-square matrix survives the column-major/row-major round trip", {
    # A 2x3 matrix whose transpose would have different dims and element order.
    m <- matrix(c(1, 4, 2, 5, 3, 6), nrow = 2,
                dimnames = list(c("RUS", "CHN"), c("a", "b", "c")))
    back <- as.matrix(flow_table(m))
    expect_identical(dim(back), c(2L, 3L))
    expect_identical(back["RUS", ], c(a = 1, b = 2, c = 3))
    expect_identical(back, m)
})

test_that("group labels travel as attributes and unlabelled tables have no dimnames", {
    m <- matrix(as.double(1:4), 2)
    attr(m, "row_groups") <- c("CHN", "RUS")
    back <- as.matrix(flow_table(m))
    expect_null(dimnames(back))
    expect_identical(attr(back, "row_groups"), c("CHN", "RUS"))
    expect_null(attr(back, "col_groups"))
})

test_that("integer and data frame input is accepted, text is not", {
    df <- data.frame(x = 1:2, y = 3:4)
    expect_identical(unname(as.matrix(flow_table(df))), matrix(as.double(1:4), 2))
    expect_error(flow_table(matrix("a", 1, 1)), "numeric matrix")
    expect_error(flow_table(matrix(1, 1, 1, dimnames = list(NA, "x"))), "NA")
})

test_that("a closed handle is freed once and then refused", {
    t <- flow_table(matrix(1, 1, 1))
    expect_true(flow_is_open(t))
    expect_true(flow_close(t))
    expect_false(flow_close(t))
    expect_false(flow_is_open(t))
    expect_error(as.matrix(t), "closed")
    expect_output(print(t), "flow_table handle, closed")
})

test_that("a handle restored from a saved session is refused, not dereferenced", {
    t <- flow_table(matrix(1, 1, 1))
    restored <- unserialize(serialize(t, NULL))
    expect_false(flow_is_open(restored))
    expect_error(as.matrix(restored), "saved session")
    expect_true(flow_is_open(t))
})

test_that("handles left to the garbage collector are finalized without trouble", {
    for (i in 1:50) flow_table(matrix(runif(100), 10))
    expect_silent(gc())
})
