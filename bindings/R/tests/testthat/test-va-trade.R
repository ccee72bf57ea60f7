# Value added in trade, IO structure and trade structure through R, against
# base R linear algebra and the identities of the decompositions.

random_mrio <- function(seed = 3) {
    set.seed(seed)
    n <- 6
    Z <- matrix(runif(n * n, 0, 10), n)
    Y <- matrix(runif(n * 3, 1, 30), n)
    list(Z = Z, Y = Y, x = rowSums(Z) + rowSums(Y),
         m = flow_io_model(Z, Y = Y, regions = c("CHN", "RUS", "USA"),
                           sectors = c("agr", "man"), fd_regions = c("CHN", "RUS", "USA")))
}

test_that("decompositions add up to gross exports and VAX is value added absorbed abroad", {
    s <- random_mrio()
    for (method in c("wwz", "bm_source", "bm_sink")) {
        d <- flow_va_decompose(s$m, method, "pair")
        expect_equal(unname(rowSums(d[, -ncol(d)])), unname(d[, "exports"]))
    }
    kww <- flow_va_decompose(s$m, "kww")
    vax <- flow_va_decompose(s$m, "vax")
    expect_equal(unname(rowSums(kww[, 1:3])), unname(vax[, "vax"]))
    A <- sweep(s$Z, 2, s$x, "/")
    L <- solve(diag(6) - A)
    v <- (s$x - colSums(s$Z)) / s$x
    absorbed <- (v * L %*% s$Y)
    chn_abroad <- sum(absorbed[1:2, 2:3])
    expect_equal(unname(vax["CHN", "vax"]), chn_abroad)
    expect_equal(rownames(kww), c("CHN", "RUS", "USA"))
    expect_error(flow_va_decompose(s$m, "kww", "pair"), class = "libflow_error")
})

test_that("look-through, field of influence and coefficient change match base R", {
    s <- random_mrio()
    A <- sweep(s$Z, 2, s$x, "/")
    L <- solve(diag(6) - A)
    lt <- flow_look_through(s$m, "CHN")
    expect_equal(unname(lt$inputs[3:4, "input_face"]), unname(colSums(A[1:2, 3:4])))
    expect_true(all(is.nan(lt$inputs[1:2, 1])))
    expect_equal(c(flow_field_of_influence(s$m, 2, 5)), c(outer(L[, 2], L[5, ])))
    changed <- A
    changed[2, 5] <- changed[2, 5] + 0.05
    x_new <- solve(diag(6) - changed, rowSums(s$Y))
    expect_equal(unname(flow_coefficient_change(s$m, 2, 5, 0.05)[, "output_new"]), x_new)
    mpm <- flow_multiplier_product(s$m)
    expect_equal(c(mpm), c(outer(rowSums(L), colSums(L)) / sum(L)))
    expect_equal(attr(mpm, "row_groups")[3], "RUS")
})

test_that("structural paths cover the footprint", {
    s <- random_mrio()
    sp <- flow_structural_paths(s$m, top_k = 5, threshold = 1e-3, max_depth = 8)
    expect_equal(nrow(sp$paths), 5)
    expect_equal(unname(sp$summary[1, "paths_value"] + sp$summary[1, "pruned"]),
                 unname(sp$summary[1, "total"]))
    expect_true(all(diff(sp$paths[, "value"]) <= 0))
})

test_that("RCA, complexity, proximity and betweenness", {
    x <- matrix(c(5, 5, 0, 5, 0, 5, 0, 5, 5), 3, byrow = TRUE,
                dimnames = list(c("a", "b", "c"), c("p", "q", "r")))
    expect_equal(flow_rca(x)["a", "p"], 1.5)
    phi <- flow_proximity(x)
    expect_equal(unname(phi), matrix(0.5, 3, 3) - diag(0.5, 3))
    expect_equal(flow_density(x)["a", "r"], 1)
    set.seed(5)
    big <- matrix(rgamma(120, 0.6, 0.01), 10, dimnames = list(letters[1:10], LETTERS[1:12]))
    cx <- flow_complexity(big)
    expect_equal(mean(cx$economies[, "eci"]), 0, tolerance = 1e-12)
    expect_gt(cor(cx$economies[, "eci"], cx$economies[, "diversity"]), 0)
    star <- matrix(0, 4, 4, dimnames = list(c("hub", "a", "b", "c"), c("hub", "a", "b", "c")))
    star[1, 2:4] <- star[2:4, 1] <- 5
    expect_equal(flow_betweenness(star)[, "betweenness"], c(hub = 1, a = 0, b = 0, c = 0))
})

# The published "leather" example (tests/data/published/README.md): each
# published number to half a unit of its last printed digit.
published_leather <- function() {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    folder <- file.path(root, "tests", "data", "published")
    skip_if_not(nzchar(root) && dir.exists(folder), "FLOW_SOURCE_DIR is not set")
    t <- read.csv(file.path(folder, "leather_mrio.csv"), check.names = FALSE)
    regions <- c("Argentina", "Turkey", "Germany")
    m <- flow_io_model(as.matrix(t[1:9, 3:11]), Y = as.matrix(t[1:9, 12:14]),
                       x = unlist(t[10, 3:11]), regions = regions,
                       sectors = t$sector[1:3], fd_regions = regions)
    list(model = m, folder = folder)
}

expect_published <- function(got, file, keys) {
    want <- read.csv(file, colClasses = "character", check.names = FALSE)
    checked <- 0
    for (i in seq_len(nrow(want))) {
        row <- if (keys == 1) want[i, 1] else
            which(attr(got, "row_groups") == want[i, 1] & rownames(got) == want[i, 2])
        for (name in names(want)[-seq_len(keys)]) {
            text <- want[i, name]
            decimals <- nchar(sub("^[^.]*\\.?", "", text))
            expect_lte(abs(unname(got[row, name]) - as.numeric(text)),
                       0.5 * 10^-decimals + 1e-12, label = paste(want[i, 1], want[i, 2], name))
            checked <- checked + 1
        }
    }
    checked
}

test_that("KWW, Borin-Mancini and VAX reproduce the published leather example", {
    p <- published_leather()
    kww <- flow_va_decompose(p$model, "kww")
    expect_equal(expect_published(kww, file.path(p$folder, "leather_kww.csv"), 1), 27)
    bm <- flow_va_decompose(p$model, "bm_source", "sector")
    expect_equal(expect_published(bm, file.path(p$folder, "leather_bm_sector.csv"), 2), 45)
    vax <- flow_va_decompose(p$model, "vax")
    country <- read.csv(file.path(p$folder, "leather_bm_country.csv"), row.names = 1)
    expect_lte(max(abs(unname(vax[, "vax"]) - country$vax)), 5e-6)
    sink <- flow_va_decompose(p$model, "bm_sink")
    expect_lte(max(abs(unname(sink[, "dva"]) - country$dva)), 5e-6)
})
