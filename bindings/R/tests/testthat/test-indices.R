# Dependence, asymmetry, concentration and centrality, each recomputed in base
# R from its definition.

codes <- c("CHN", "RUS", "IRN", "PRK", "USA")
flows <- matrix(c(0, 60, 25, 3, 500,
                  110, 0, 4, 0.5, 10,
                  12, 3, 0, 0, 0,
                  2, 0.2, 0, 0, 0,
                  150, 5, 0, 0, 0), 5, byrow = TRUE, dimnames = list(codes, codes))
sizes <- c(17900, 2240, 390, 18, 25400)

test_that("shares and Barbieri's measures follow their definitions", {
    d <- flow_dyads(flows)
    X <- rowSums(flows)
    M <- colSums(flows)
    expect_equal(d$export_share, flows / X)
    expect_equal(d$import_share, t(flows) / M)
    TT <- flows + t(flows)
    TS <- TT / rowSums(TT)
    expect_equal(d$trade_share, TS)
    expect_equal(d$salience, sqrt(TS * t(TS)))
    both <- TT > 0
    expect_equal(d$symmetry[both], (1 - abs(TS - t(TS)))[both])
    expect_true(all(is.nan(d$symmetry[!both])))
    expect_equal(d$interdependence[both], (sqrt(TS * t(TS)) * (1 - abs(TS - t(TS))))[both])
    expect_equal(d$interdependence["IRN", "PRK"], 0) # a dyad without trade
    expect_identical(dimnames(d$asymmetry), list(codes, codes))
})

test_that("dependence relative to size and its asymmetry", {
    d <- flow_dyads(flows, sizes)
    D <- (flows + t(flows)) / sizes
    expect_equal(d$dependence, D)
    expect_equal(d$asymmetry["RUS", "CHN"], D["RUS", "CHN"] - D["CHN", "RUS"])
    expect_gt(d$asymmetry["RUS", "CHN"], 0) # Russia depends on China more than the reverse
    expect_equal(d$normalized_asymmetry["RUS", "CHN"],
                 (D["RUS", "CHN"] - D["CHN", "RUS"]) / (D["RUS", "CHN"] + D["CHN", "RUS"]))
    expect_true(is.nan(d$asymmetry["IRN", "PRK"]))
})

test_that("vulnerability is sensitivity times the concentration of the importer's other suppliers", {
    d <- flow_dyads(flows)
    alt <- function(i, j) {
        kept <- flows[-j, i] # what i's other suppliers deliver to it
        sum((kept / sum(kept))^2)
    }
    expect_equal(d$alternative_hhi["RUS", "CHN"], alt(2, 1))
    expect_equal(d$vulnerability["RUS", "CHN"], d$import_share["RUS", "CHN"] * alt(2, 1))
})

test_that("supplier and export HHI, for a matrix and for a stack of products", {
    M <- colSums(flows)
    expected <- colSums(sweep(flows, 2, M, "/")^2)
    expect_equal(flow_supplier_hhi(flows), expected)
    X <- rowSums(flows)
    expect_equal(flow_export_hhi(flows), sum((X / sum(X))^2))

    second <- flows
    second["RUS", "CHN"] <- 0
    second["USA", "CHN"] <- 400
    stack <- array(c(flows, second), c(5, 5, 2), dimnames = list(codes, codes, c("27", "84")))
    h <- flow_supplier_hhi(stack)
    expect_identical(dimnames(h), list(c("27", "84"), codes))
    expect_equal(h["84", ], colSums(sweep(second, 2, colSums(second), "/")^2))
    expect_equal(h["27", ], expected)
    expect_equal(unname(flow_export_hhi(stack)[2]),
                 sum((rowSums(second) / sum(second))^2))
})

test_that("concentration matches a reordered labelled matrix by name", {
    shuffled <- flows[rev(codes), c(codes[3:5], codes[1:2])]
    expect_equal(flow_supplier_hhi(shuffled)[codes], flow_supplier_hhi(flows))
    expect_equal(flow_export_hhi(shuffled), flow_export_hhi(flows))
    stack <- array(c(shuffled, shuffled), c(5, 5, 2),
                   dimnames = list(rev(codes), colnames(shuffled), c("27", "84")))
    expect_equal(flow_supplier_hhi(stack)["84", codes], flow_supplier_hhi(flows))
    renamed <- flows
    colnames(renamed)[1] <- "GBR"
    expect_error(flow_supplier_hhi(renamed), "columns must name")
})

test_that("centralities match their definitions (networkx conventions)", {
    W <- flows + 1 # strongly connected
    diag(W) <- 0
    n <- nrow(W)
    c <- flow_centrality(W)
    expect_equal(c$in_strength, unname(colSums(W)))
    expect_equal(c$out_strength, unname(rowSums(W)))

    P <- W / rowSums(W)
    pr <- rep(1 / n, n)
    for (k in 1:1000) pr <- 0.85 * drop(pr %*% P) + 0.15 / n
    expect_equal(c$pagerank, unname(pr), tolerance = 1e-8)

    ev <- Re(eigen(t(W))$vectors[, 1])
    ev <- abs(ev) / sqrt(sum(ev^2))
    expect_equal(c$eigenvector, ev, tolerance = 1e-7)

    s <- svd(W)
    expect_equal(c$hub, abs(s$u[, 1]) / sum(abs(s$u[, 1])), tolerance = 1e-10)
    expect_equal(c$authority, abs(s$v[, 1]) / sum(abs(s$v[, 1])), tolerance = 1e-10)
    expect_true(all(attr(c, "converged")))
    expect_identical(rownames(c), codes)
})

test_that("transit scores are two-step path products or bottlenecks", {
    t1 <- flow_transit(flows, "RUS", "USA")
    expected <- flows["RUS", ] * flows[, "USA"]
    expected[c("RUS", "USA")] <- 0
    expect_equal(t1, expected)
    t2 <- flow_transit(flows, 2, 5, rule = "bottleneck")
    expected <- pmin(flows["RUS", ], flows[, "USA"])
    expected[c("RUS", "USA")] <- 0
    expect_equal(t2, expected)
    # handled: RUS's share of h's imports times h's sales to USA, at most h's imports from RUS
    off <- flows
    diag(off) <- 0
    expected <- pmin(off["RUS", ], off[, "USA"] * off["RUS", ] / colSums(off))
    expected[c("RUS", "USA")] <- 0
    expect_equal(flow_transit(flows, "RUS", "USA", rule = "handled"), expected)
})

test_that("invalid input becomes an R error carrying libflow's message", {
    bad <- flows
    bad["IRN", "CHN"] <- -1
    err <- tryCatch(flow_dyads(bad), libflow_error = function(e) e)
    expect_identical(flow_error_status(err), -5L)
    expect_match(conditionMessage(err), "2.*0|negative") # names the entry
    expect_error(flow_centrality(flows, damping = 1.5), class = "libflow_error")
    expect_error(flow_transit(flows, "RUS", "XXX"), "unknown economy")
})

test_that("centrality aligns a labelled matrix by name", {
    codes <- c("USA", "RUS", "CHN", "DEU", "IND")
    set.seed(5)
    W <- matrix(runif(25), 5, dimnames = list(codes, codes))
    diag(W) <- 0
    ordered <- flow_centrality(W)
    shuffled <- W[c(4, 2, 5, 1, 3), c(3, 1, 5, 2, 4)]
    again <- flow_centrality(shuffled)
    expect_equal(again[codes, ], ordered, tolerance = 1e-12)
    expect_identical(colnames(ordered), c("in_strength", "out_strength", "eigenvector",
                                          "pagerank", "hub", "authority"))
    bad <- W
    colnames(bad)[5] <- "JPN"
    expect_error(flow_centrality(bad), "missing IND")
})

test_that("dyads align a labelled matrix and named sizes by name", {
    codes <- c("USA", "RUS", "CHN", "DEU", "IND")
    set.seed(9)
    T <- matrix(runif(25, 0, 10), 5, dimnames = list(codes, codes))
    gdp <- setNames(runif(5, 50, 150), codes)
    ordered <- flow_dyads(T, sizes = gdp)$asymmetry
    again <- flow_dyads(T[, c(5, 3, 1, 4, 2)], sizes = rev(gdp))$asymmetry
    expect_equal(again, ordered)
    expect_error(flow_dyads(T, sizes = gdp[-5]), "missing IND")
})
