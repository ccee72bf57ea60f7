# MRIO databases through R: the fixtures of tests/data/mrio read with
# read.csv and the accounts recomputed with base R (solve), as pymrio
# defines them.

# The numbers of a matrix without dimnames and group attributes.
bare <- function(m) {
    m <- as.matrix(m)
    attributes(m) <- list(dim = dim(m))
    m
}

mrio_dir <- function() {
    root <- Sys.getenv("FLOW_SOURCE_DIR", "")
    if (root == "") root <- normalizePath(file.path(testthat::test_path(), "..", "..", "..", ".."),
                                          mustWork = FALSE)
    path <- file.path(root, "tests", "data", "mrio")
    if (!dir.exists(path)) testthat::skip("tests/data/mrio not found (set FLOW_SOURCE_DIR)")
    path
}

test_that("ICIO 2023 layout: blocks as read.csv sees them, splits and footprints", {
    path <- file.path(mrio_dir(), "icio2023_small.csv")
    raw <- as.matrix(read.csv(path, row.names = 1, check.names = FALSE))
    icio <- flow_read_mrio(path, format = "icio")
    ind <- setdiff(intersect(rownames(raw), colnames(raw)), "OUT")
    expect_equal(bare(icio$Z), bare(raw[ind, ind]))
    expect_equal(attr(icio$Z, "row_groups")[1:4], rep("CHN", 4))
    expect_equal(icio$rows[["read"]], nrow(raw))
    fd <- setdiff(colnames(raw), c(ind, "OUT"))
    expect_equal(bare(icio$Y), bare(raw[ind, fd]))
    expect_equal(bare(icio$extensions$factor_inputs$F), bare(raw[c("TLS", "VA"), ind]))
    x <- rowSums(raw[ind, ind]) + rowSums(raw[ind, fd])
    L <- solve(diag(length(x)) - sweep(raw[ind, ind], 2, x, "/"))
    M <- sweep(raw[c("TLS", "VA"), ind], 2, x, "/") %*% L
    expect_equal(bare(flow_mrio_account(icio, "factor_inputs", "M")), bare(M),
                 tolerance = 1e-10)
    region <- sub("_.*", "", fd)
    regions <- unique(sub("_.*", "", ind))
    Yr <- sapply(regions, function(r) rowSums(raw[ind, fd[region == r], drop = FALSE]))
    FYr <- sapply(regions, function(r) rowSums(raw[c("TLS", "VA"), fd[region == r], drop = FALSE]))
    expect_equal(bare(flow_mrio_account(icio, "factor_inputs", "D_cba_reg")),
                 bare(M %*% Yr + FYr), tolerance = 1e-10)
    m <- flow_mrio_model(icio)
    expect_equal(bare(flow_leontief_inverse(m)), bare(L), tolerance = 1e-10)
    expect_error(flow_mrio_account(icio, "nope", "M"), "no extension 'nope'")
})

test_that("splits merged or kept, gzip, EXIOBASE zip, aggregation and errors", {
    dir <- mrio_dir()
    merged <- flow_read_mrio(file.path(dir, "icio2021_extended.csv"))
    kept <- flow_read_mrio(file.path(dir, "icio2021_extended.csv"), keep_splits = TRUE)
    expect_equal(length(unique(attr(merged$Z, "row_groups"))), 5)
    expect_equal(length(unique(attr(kept$Z, "row_groups"))), 9)
    expect_equal(sum(merged$Z), sum(kept$Z))
    gz <- flow_read_mrio(file.path(dir, "icio2023_small.csv.gz"))
    expect_equal(gz$Z, flow_read_mrio(file.path(dir, "icio2023_small.csv"))$Z)
    exio <- flow_read_mrio(file.path(dir, "IOT_2022_ixi.zip"), format = "exiobase")
    expect_equal(names(exio$extensions), "satellite")
    agg <- flow_mrio_aggregate(gz, regions = c(DEU = "EU", USA = "G7", "*" = "OTHER"))
    expect_equal(unique(attr(agg$Z, "row_groups")), c("OTHER", "EU", "G7"))
    expect_equal(sum(agg$Z), sum(gz$Z))
    bad <- tempfile(fileext = ".csv")
    writeLines(c(",AUS_A01,AUS_C19,AUS_HFCE", "AUS_A01,1,2,3", "AUS_C19,1,x,3"), bad)
    expect_error(flow_read_mrio(bad), "line 3, column \"AUS_C19\": 'x'")
    expect_error(flow_read_mrio(bad, format = "wiod"), "unknown MRIO format")
})

test_that("the shipped sector-specific embargo runs from its file, matching base R", {
    dir <- mrio_dir()
    icio <- flow_read_mrio(file.path(dir, "icio2023_small.csv"))
    scenario <- file.path(dir, "..", "..", "..", "data", "scenarios", "eu_g7_russian_energy.txt")
    res <- flow_shock_mrio(icio, scenario)
    groups <- attr(res, "row_groups")
    energy <- groups == "RUS" & rownames(res) %in% c("B05_06", "C19")
    expect_true(all(res[energy, "cut"] > 0))
    expect_true(all(res[!energy, "cut"] == 0))
    Z <- icio$Z
    Y <- icio$Y
    buyers <- attr(Z, "col_groups") %in% c("DEU", "USA")
    fd_buyers <- attr(Y, "col_groups") %in% c("DEU", "USA")
    expect_equal(sum(res[, "cut"]), sum(Z[energy, buyers]) + sum(Y[energy, fd_buyers]),
                 tolerance = 1e-12)
    text <- "cut RUS C19 DEU 0.5 final"
    half <- flow_shock_mrio(flow_mrio_model(icio), flow_scenario_parse(text))
    expect_equal(sum(half[, "cut"]), 0.5 * sum(Y[groups == "RUS" & rownames(res) == "C19",
                                                  attr(Y, "col_groups") == "DEU"]),
                 tolerance = 1e-12)
    expect_error(flow_shock_mrio(icio, flow_scenario_parse("cut XXX C19 DEU 1")),
                 "'XXX' is neither a region")
})

test_that("a scenario file with sector cuts runs on an MRIO through flow_shock_mrio", {
    dir <- mrio_dir()
    icio <- flow_read_mrio(file.path(dir, "icio2023_small.csv"))
    path <- file.path(dir, "..", "..", "..", "data", "scenarios", "eu_g7_russian_energy.txt")
    res <- flow_shock_mrio(icio, path)
    expect_equal(as.vector(res), as.vector(flow_shock_mrio(icio, flow_scenario_read(path))))
    expect_equal(attr(res, "scalars")[["skipped"]], 31)
    # Region pairs on layer "*", both directions, checked against base R's solve.
    s <- flow_scenario_parse(c("sanctioning CHN", "target RUS", "cut * C19 1"))
    res <- flow_shock_mrio(flow_mrio_model(icio), s)
    Z <- unclass(icio$Z)
    Y <- unclass(icio$Y)
    rg <- attr(icio$Z, "row_groups")
    sec <- rownames(icio$Z)
    yg <- attr(icio$Y, "col_groups")
    x <- rowSums(Z) + rowSums(Y)
    A <- sweep(Z, 2, x, "/")
    phi <- outer(seq_along(rg), seq_along(rg), function(i, j)
        (sec[i] == "C19") & ((rg[i] == "CHN" & rg[j] == "RUS") | (rg[i] == "RUS" & rg[j] == "CHN")))
    phi_y <- outer(seq_along(rg), seq_along(yg), function(i, c)
        (sec[i] == "C19") & ((rg[i] == "CHN" & yg[c] == "RUS") | (rg[i] == "RUS" & yg[c] == "CHN")))
    dA <- A * phi
    d <- as.vector(dA %*% x + rowSums(Y * phi_y))
    dx <- solve(diag(length(x)) - (A - dA), d)
    expect_equal(unname(res[, "cut"]), d, tolerance = 1e-10)
    expect_equal(unname(res[, "demand_loss"]), as.vector(dx), tolerance = 1e-10)
    bad <- flow_scenario_parse(c("sanctioning DEU", "target RUS", "cut energy * 1"))
    expect_error(flow_shock_mrio(icio, bad), "names a layer")
})

test_that("the shipped 45 -> 10 ICIO concordance aggregates as base R sums", {
    dir <- mrio_dir()
    icio <- flow_read_mrio(file.path(dir, "icio2023_45sectors.csv.gz"))
    path <- file.path(dir, "..", "..", "..", "data", "concordances", "icio2023_a10.csv")
    conc <- read.csv(path, colClasses = "character")
    agg <- flow_mrio_aggregate(icio, sectors = path)
    expect_equal(dim(agg$Z), c(20L, 20L))
    group <- conc$group[match(rownames(icio$Z), conc$sector)]
    key <- paste(attr(icio$Z, "row_groups"), group)
    want <- rowsum(t(rowsum(unclass(icio$Z), key)), key)
    got_key <- paste(attr(agg$Z, "row_groups"), rownames(agg$Z))
    expect_equal(unname(unclass(agg$Z)[, ]), unname(t(want)[got_key, got_key]),
                 tolerance = 1e-12, ignore_attr = TRUE)
})
