# Input-output model through R, checked against base R linear algebra
# (solve, colSums, ...) and against the published Miller & Blair example.

# Miller & Blair (2009), table 2.3.
mb_Z <- matrix(c(150, 200, 500, 100), 2, dimnames = list(c("agr", "man"), c("agr", "man")))
mb_y <- c(350, 1700)

# A random productive system: column sums of A below 1 by construction.
random_system <- function(n, k = 2, seed = 1) {
    set.seed(seed)
    x <- runif(n, 50, 150)
    A <- matrix(runif(n * n), n)
    A <- sweep(A, 2, colSums(A) / runif(n, 0.3, 0.8), "/")
    Z <- sweep(A, 2, x, "*")
    f <- x - rowSums(Z)
    W <- matrix(runif(n * k), n, k)
    Y <- f * W / rowSums(W) # rows of Y sum to final demand f
    list(Z = Z, Y = Y, x = x, A = A, v = x - colSums(Z))
}

test_that("Miller & Blair table 2.3: A and L as published", {
    m <- flow_io_model(mb_Z, Y = mb_y)
    expect_equal(flow_technical_coefficients(m),
                 matrix(c(0.15, 0.20, 0.25, 0.05), 2, dimnames = dimnames(mb_Z)))
    expect_equal(flow_leontief_inverse(m),
                 matrix(c(1.2541254125, 0.2640264026, 0.3300330033, 1.1221122112), 2,
                        dimnames = dimnames(mb_Z)), tolerance = 1e-9)
    expect_equal(flow_leontief_solve(m, mb_y), c(agr = 1000, man = 2000))
    expect_equal(flow_io_totals(m)$x, c(1000, 2000))
})

test_that("inverses, solves and coefficients agree with base R on a random system", {
    s <- random_system(6)
    m <- flow_io_model(s$Z, s$Y)
    n <- nrow(s$Z)
    L <- solve(diag(n) - s$A)
    B <- s$Z / s$x
    G <- solve(diag(n) - B)
    expect_equal(unname(flow_leontief_inverse(m)), L, tolerance = 1e-10)
    expect_equal(unname(flow_ghosh_inverse(m)), G, tolerance = 1e-10)
    expect_equal(unname(flow_technical_coefficients(m)), s$A, tolerance = 1e-12)
    expect_equal(unname(flow_allocation_coefficients(m)), B, tolerance = 1e-12)
    # G = diag(1/x) L diag(x)
    expect_equal(unname(flow_ghosh_inverse(m)), diag(1 / s$x) %*% L %*% diag(s$x),
                 tolerance = 1e-10)

    # Several demand scenarios at once: each column solved as solve(I - A, y).
    Yn <- matrix(runif(n * 3), n, 3, dimnames = list(NULL, c("s1", "s2", "s3")))
    x <- flow_leontief_solve(m, Yn)
    expect_identical(colnames(x), c("s1", "s2", "s3"))
    expect_equal(unname(x), solve(diag(n) - s$A) %*% Yn, tolerance = 1e-10, ignore_attr = TRUE)
    # Ghosh: x' = v' G
    expect_equal(unname(flow_ghosh_solve(m, s$v)), drop(s$v %*% G), tolerance = 1e-10)
})

test_that("multipliers and linkages are the column and row sums of A, B, L and G", {
    s <- random_system(5)
    m <- flow_io_model(s$Z, s$Y)
    n <- nrow(s$Z)
    L <- solve(diag(n) - s$A)
    B <- s$Z / s$x
    G <- solve(diag(n) - B)
    expect_equal(unname(flow_multipliers(m)), colSums(L), tolerance = 1e-10)
    expect_equal(unname(flow_multipliers(m, "value_added")), drop((s$v / s$x) %*% L),
                 tolerance = 1e-10)
    raw <- flow_linkages(m)
    expect_equal(raw$backward_direct, colSums(s$A), tolerance = 1e-12)
    expect_equal(raw$forward_direct, rowSums(B), tolerance = 1e-12)
    expect_equal(raw$backward_total, colSums(L), tolerance = 1e-10)
    expect_equal(raw$forward_total, rowSums(G), tolerance = 1e-10)
    norm <- flow_linkages(m, normalised = TRUE)
    expect_equal(norm$backward_total, n * colSums(L) / sum(L), tolerance = 1e-10)
    expected <- ifelse(norm$backward_total >= 1,
                       ifelse(norm$forward_total >= 1, "key", "backward"),
                       ifelse(norm$forward_total >= 1, "forward", "weak"))
    expect_identical(as.character(flow_key_sectors(m)), expected)
})

test_that("Eurostat manual table 15.4: total backward linkages as published", {
    Z <- matrix(c(1131, 25480, 1, 607, 710, 762,
                  7930, 304584, 64167, 41082, 11981, 30360,
                  426, 7334, 3875, 5296, 23457, 9155,
                  3559, 72717, 14190, 74399, 10835, 21008,
                  3637, 96115, 31027, 65755, 193176, 34223,
                  1552, 14986, 1747, 11225, 15058, 22070), 6, byrow = TRUE)
    x <- c(43910, 1079446, 245606, 540063, 692487, 508918)
    m <- flow_io_model(Z, x = x)
    expect_equal(flow_linkages(m)$backward_total,
                 c(1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782), tolerance = 1e-4)
})

test_that("the extraction sweep matches extracting each sector and re-solving in R", {
    s <- random_system(5, k = 1)
    m <- flow_io_model(s$Z, s$Y)
    n <- nrow(s$Z)
    y <- drop(s$Y)
    B <- s$Z / s$x
    sweep <- flow_extraction(m)
    for (j in seq_len(n)) {
        Ab <- s$A
        Ab[-j, j] <- 0 # backward: column j removed, a_jj kept
        expect_equal(sweep$backward[j], sum(s$x - solve(diag(n) - Ab, y)), tolerance = 1e-9)
        Bb <- B
        Bb[j, -j] <- 0 # forward: row j of B removed
        expect_equal(sweep$forward[j], sum(s$x - drop(s$v %*% solve(diag(n) - Bb))),
                     tolerance = 1e-9)
        At <- s$A
        At[-j, j] <- 0
        At[j, -j] <- 0 # total: row and column removed
        expect_equal(sweep$total[j], sum(s$x - solve(diag(n) - At, y)), tolerance = 1e-9)
    }
})

test_that("a two-region model: labels, value-added origin, trade and exposure", {
    s <- random_system(4, k = 2, seed = 3)
    regions <- c("CHN", "RUS")
    m <- flow_io_model(s$Z, s$Y, regions = regions, sectors = c("goods", "energy"),
                       fd_regions = regions)
    expect_identical(rownames(flow_leontief_inverse(m)),
                     c("CHN.goods", "CHN.energy", "RUS.goods", "RUS.energy"))
    L <- solve(diag(4) - s$A)
    block <- list(CHN = 1:2, RUS = 3:4)
    va <- diag(s$v / s$x) %*% L %*% s$Y # column c owned by region c
    expected <- sapply(1:2, function(c) sapply(block, function(r) sum(va[r, c])))
    dimnames(expected) <- list(regions, regions)
    expect_equal(flow_value_added_origin(m), expected, tolerance = 1e-10)
    expect_equal(flow_value_added_origin(m, shares = TRUE),
                 sweep(expected, 2, colSums(expected), "/"), tolerance = 1e-10)
    # Total value added absorbed equals total value added.
    expect_equal(sum(flow_value_added_origin(m)), sum(s$v), tolerance = 1e-9)

    trade <- flow_bilateral_trade(m)
    expect_equal(trade["CHN", "RUS"], sum(s$Z[1:2, 3:4]) + sum(s$Y[1:2, 2]))
    expect_equal(trade["RUS", "CHN"], sum(s$Z[3:4, 1:2]) + sum(s$Y[3:4, 1]))
    expect_equal(unname(diag(trade)), c(0, 0))

    direct <- flow_exposure(m)
    expect_equal(direct["RUS", "CHN"], sum(s$Z[1:2, 3:4]) / sum(s$Z[, 3:4]))
    total <- (L - diag(4)) %*% diag(s$x)
    look <- flow_exposure(m, look_through = TRUE)
    expect_equal(look["RUS", "CHN"], sum(total[1:2, 3:4]) / sum(total[, 3:4]),
                 tolerance = 1e-10)
    expect_equal(unname(rowSums(look)), c(1, 1), tolerance = 1e-12)

    spill <- flow_spillover_matrix(m)
    expect_equal(unname(spill[1:2, 3:4]), L[1:2, 3:4], tolerance = 1e-10)
    expect_equal(unname(spill[1:2, 1:2]), matrix(0, 2, 2))
})

test_that("a country-level system from a flow matrix and sizes", {
    flows <- matrix(c(0, 30, 5, 60, 0, 10, 2, 8, 0), 3, byrow = TRUE,
                    dimnames = list(c("CHN", "RUS", "IRN"), c("CHN", "RUS", "IRN")))
    size <- c(1000, 300, 150)
    m <- flow_country_model(flows, size)
    A <- sweep(flows, 2, size, "/")
    expect_equal(flow_technical_coefficients(m), A)
    expect_equal(flow_leontief_inverse(m), solve(diag(3) - A), ignore_attr = TRUE,
                 tolerance = 1e-12)
    expect_identical(rownames(flow_leontief_inverse(m)), c("CHN", "RUS", "IRN"))
    expect_equal(flow_io_totals(m)$y, unname(size - rowSums(flows)))
})

test_that("a named size is aligned by label, an unnamed one by position", {
    flows <- matrix(c(0, 30, 5, 60, 0, 10, 2, 8, 0), 3, byrow = TRUE,
                    dimnames = list(c("CHN", "RUS", "IRN"), c("CHN", "RUS", "IRN")))
    size <- c(CHN = 1000, RUS = 300, IRN = 150)
    L <- flow_leontief_inverse(flow_country_model(flows, size))
    expect_identical(flow_leontief_inverse(flow_country_model(flows, rev(size))), L)
    expect_false(isTRUE(all.equal(
        flow_leontief_inverse(flow_country_model(flows, unname(rev(size)))), L)))
    expect_error(flow_country_model(flows, size[1:2]), "missing IRN")
    expect_error(flow_country_model(flows, c(size[1:2], PRK = 1)), "unknown PRK")
})

test_that("diagnostics report zero-output sectors and a productive system", {
    Z <- matrix(c(10, 0, 5, 0, 0, 0, 5, 0, 10), 3, dimnames = list(c("a", "b", "c"), NULL))
    m <- flow_io_model(Z, Y = c(50, 0, 40))
    d <- flow_io_diagnostics(m)
    expect_identical(d$status, 0L)
    expect_identical(d$zero_output, "b")
    expect_identical(rownames(d$sectors), c("a", "b", "c"))
    expect_equal(d$sectors$zero_output, c(0, 1, 0))
    A <- unname(flow_technical_coefficients(m))
    expect_equal(d$max_column_sum, max(colSums(A)))
    # A reducible A (sector b is isolated): only the bracket is guaranteed.
    rho <- max(Mod(eigen(A)$values))
    expect_lte(d$spectral_radius_lower, rho)
    expect_gte(d$spectral_radius_upper, rho - 1e-12)

    A2 <- matrix(c(0.2, 0.1, 0.1, 0.3), 2)
    d2 <- flow_io_diagnostics(flow_io_model(A2 * 100, x = c(100, 100)))
    expect_equal(d2$spectral_radius, max(Mod(eigen(A2)$values)), tolerance = 1e-6)
    expect_equal(d2$rcond, 1 / (norm(diag(2) - A2, "1") * norm(solve(diag(2) - A2), "1")),
                 tolerance = 1e-6)
})

test_that("libflow's errors become R errors with its message", {
    # Column sums of A above 1: no non-negative solution exists.
    Z <- matrix(c(50, 80, 90, 40), 2, dimnames = list(c("agr", "man"), NULL))
    m <- flow_io_model(Z, x = c(100, 100))
    err <- tryCatch(flow_leontief_inverse(m), libflow_error = function(e) e)
    expect_s3_class(err, "libflow_error")
    expect_identical(flow_error_status(err), -11L)
    expect_match(conditionMessage(err), "productive")
    expect_identical(flow_io_diagnostics(m)$status, -11L)

    expect_error(flow_io_model(matrix(c(1, NaN, 1, 1), 2), Y = c(1, 1)),
                 class = "libflow_error")
    expect_error(flow_io_model(matrix(1, 2, 3)), "square")
    expect_error(flow_leontief_solve(flow_io_model(mb_Z, Y = mb_y), 1:3), "rows")
})

test_that("satellite multipliers, footprints and link extraction as computed in R", {
    s <- random_system(6, k = 3, seed = 5)
    regions <- c("CHN", "RUS", "USA")
    m <- flow_io_model(s$Z, s$Y, regions = regions, sectors = c("goods", "energy"),
                       fd_regions = regions)
    L <- solve(diag(6) - s$A)
    f <- rbind(co2 = runif(6, 1, 5), jobs = runif(6, 10, 20))
    expect_equal(unname(flow_satellite_multipliers(m, f)), unname((f / rep(s$x, each = 2)) %*% L),
                 tolerance = 1e-10)
    expect_identical(rownames(flow_satellite_multipliers(m, f)), c("co2", "jobs"))
    expect_equal(unname(flow_satellite_multipliers(m, s$v)), drop((s$v / s$x) %*% L),
                 tolerance = 1e-10)

    embodied <- diag(f[1, ] / s$x) %*% L %*% s$Y
    origin <- sapply(1:3, function(c) sapply(list(1:2, 3:4, 5:6), function(r) sum(embodied[r, c])))
    expect_equal(flow_value_added_origin(m, f = f[1, ]), origin, ignore_attr = TRUE,
                 tolerance = 1e-10)

    split <- flow_linkages(m, split = TRUE)
    own <- kronecker(diag(3), matrix(1, 2, 2)) == 1 # same-region blocks
    expect_equal(split$backward_total_local, colSums(L * own), tolerance = 1e-10)
    expect_equal(split$backward_total_foreign, colSums(L * !own), tolerance = 1e-10)
    expect_equal(split$backward_direct_local + split$backward_direct_foreign,
                 split$backward_direct, tolerance = 1e-12)

    caused <- drop((f[1, ] / s$x) %*% L %*% s$Y) # column c: final users of region c
    fp <- flow_footprints(m, f[1, ])
    expect_equal(fp$consumption, caused, tolerance = 1e-10)
    expect_equal(fp$production, c(sum(f[1, 1:2]), sum(f[1, 3:4]), sum(f[1, 5:6])))
    expect_equal(sum(fp$consumption), sum(f[1, ]), tolerance = 1e-10)

    # accounts named by node label are aligned, whatever their order
    nodes <- paste(rep(regions, each = 2), c("goods", "energy"), sep = ".")
    named <- stats::setNames(f[1, ], nodes)
    expect_identical(flow_footprints(m, rev(named)), fp)
    expect_identical(flow_value_added_origin(m, f = rev(named)),
                     flow_value_added_origin(m, f = f[1, ]))
    colnames(f) <- nodes
    expect_identical(flow_satellite_multipliers(m, f[, 6:1]), flow_satellite_multipliers(m, f))
    expect_error(flow_footprints(m, named[-1]), "missing CHN.goods")

    ex <- flow_extract_links(m, "CHN", "RUS", severity = 0.5)
    Ab <- s$A
    Ab[1:2, 3:4] <- 0.5 * Ab[1:2, 3:4]
    Ab[3:4, 1:2] <- 0.5 * Ab[3:4, 1:2]
    expect_equal(ex$xbar, drop(solve(diag(6) - Ab, rowSums(s$Y))), tolerance = 1e-10)
    expect_equal(ex$loss, s$x - ex$xbar)
    one <- flow_extract_links(m, "CHN", c("RUS", "USA"), one_way = TRUE)
    Ab <- s$A
    Ab[1:2, 3:6] <- 0
    expect_equal(one$xbar, drop(solve(diag(6) - Ab, rowSums(s$Y))), tolerance = 1e-10)
    expect_error(flow_extract_links(m, "XXX", "RUS"), "unknown regions")
})

test_that("aggregating regions and sectors sums the flows as a grouping matrix does", {
    s <- random_system(6, k = 3, seed = 8)
    regions <- c("CHN", "RUS", "USA")
    m <- flow_io_model(s$Z, s$Y, regions = regions, sectors = c("goods", "energy"),
                       fd_regions = regions)
    agg <- flow_aggregate_model(m, regions = c(CHN = "EAST", RUS = "EAST", USA = "WEST"))
    G <- rbind(c(1, 0, 1, 0, 0, 0), c(0, 1, 0, 1, 0, 0), c(0, 0, 0, 0, 1, 0),
               c(0, 0, 0, 0, 0, 1))
    Z2 <- G %*% s$Z %*% t(G)
    x2 <- drop(G %*% s$x)
    expect_equal(unname(flow_technical_coefficients(agg)), sweep(Z2, 2, x2, "/"),
                 tolerance = 1e-12)
    expect_identical(rownames(flow_leontief_inverse(agg)),
                     c("EAST.goods", "EAST.energy", "WEST.goods", "WEST.energy"))
    # Final demand of CHN and RUS merges into EAST's column.
    expect_equal(flow_bilateral_trade(agg)["EAST", "WEST"],
                 sum(s$Z[1:4, 5:6]) + sum(s$Y[1:4, 3]), tolerance = 1e-12)
    expect_equal(flow_bilateral_trade(agg)["WEST", "EAST"],
                 sum(s$Z[5:6, 1:4]) + sum(s$Y[5:6, 1:2]), tolerance = 1e-12)
    one <- flow_aggregate_model(m, sectors = c("all", "all"))
    expect_equal(flow_io_totals(one)$x, c(sum(s$x[1:2]), sum(s$x[3:4]), sum(s$x[5:6])))
    expect_identical(rownames(flow_io_totals(one)), c("CHN.all", "RUS.all", "USA.all"))
    expect_error(flow_aggregate_model(m, regions = c("A", "B")), "new code")
})
