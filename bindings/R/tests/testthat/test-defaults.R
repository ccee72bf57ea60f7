# One set of defaults (docs/defaults.md) in every interface: the R package
# here, flowtool and the Python package run on the same file must choose the
# same year, economy axis, product grouping and network, and so print the
# same numbers. Runs when FLOW_BUILD_DIR names the CMake build (run-tests.sh
# sets it) and the demo data are present.

root <- Sys.getenv("FLOW_SOURCE_DIR")
build <- Sys.getenv("FLOW_BUILD_DIR")
trade <- file.path(root, "data", "trade.csv")
energy <- file.path(root, "data", "energy.csv")

flowtool_table <- function(...) {
    out <- system2(file.path(build, "examples", "flowtool"), c(..., "--format", "csv"),
                   stdout = TRUE)
    read.csv(text = out, check.names = FALSE, na.strings = character(0))
}

python <- function(code) {
    env <- c(paste0("LIBFLOW_LIBRARY=", file.path(build, "libflow.so")),
             paste0("PYTHONPATH=", file.path(root, "bindings", "python")))
    system2("/usr/bin/python3", c("-c", shQuote(code)), stdout = TRUE, env = env)
}

test_that("defaults: China's PageRank, the year and the axis agree across interfaces", {
    skip_if_not(nzchar(build) && file.exists(trade), "FLOW_BUILD_DIR or the demo data absent")
    ds <- flow_read_dataset(trade)
    rows <- read.csv(trade)
    present <- sort(unique(c(rows$origin, rows$destination)))
    expect_setequal(flow_economies(ds)$code, present)                # axis: economies present
    expect_identical(flow_layer_matrix(ds), flow_layer_matrix(ds, "trade", max(rows$year)))
    r <- flow_economy_centrality(ds)
    tool <- flowtool_table("centrality", trade, "--top", "100", "--table", "centrality")
    py <- python(paste0(
        "import numpy, libflow; ds = libflow.Dataset(); ds.read_csv(", deparse(trade), "); ",
        "c = ds.centrality('trade'); i = ds.economy_codes.index('CHN'); ",
        "pagerank = numpy.asarray(c['pagerank'], dtype=float); ",
        "print(len(ds.economy_codes)); print(repr(float(pagerank[i])))"))
    expect_equal(nrow(tool), length(present))
    expect_equal(as.integer(py[1]), length(present))
    china <- r["CHN", "pagerank"]
    expect_equal(tool$pagerank[tool$economy == "CHN"], china, tolerance = 1e-12)
    expect_equal(as.numeric(py[2]), china, tolerance = 1e-12)
    # ROW (the rest of the world, an aggregate) ranks first; China leads the economies.
    expect_equal(setdiff(tool$economy, "ROW")[1], "CHN")
    full <- flowtool_table("centrality", trade, "--top", "300", "--table", "centrality",
                           "--all-economies")
    expect_gt(china, 2 * full$pagerank[full$economy == "CHN"]) # not diluted over 250
})

test_that("defaults: products in different units get separate matrices everywhere", {
    skip_if_not(nzchar(build) && file.exists(energy), "FLOW_BUILD_DIR or the demo data absent")
    rows <- read.csv(energy)
    expected <- unique(rows[, c("year", "product", "unit")])
    ds <- expect_silent(flow_read_dataset(energy))
    keys <- flow_matrices(ds)
    expect_equal(nrow(keys), nrow(expected))
    merged <- merge(keys, expected, by = c("year", "product"))
    expect_identical(merged$unit.x, merged$unit.y)
    tool <- flowtool_table("summary", energy, "--table", "totals_by_product")
    expect_equal(nrow(tool), nrow(expected))
    py <- python(paste0("import libflow; ds = libflow.Dataset(); ds.read_csv(", deparse(energy),
                        "); print(len(ds.keys))"))
    expect_equal(as.integer(py), nrow(expected))
    expect_error(flow_layer_matrix(ds, "energy"), "different units")
})

test_that("rows dropped by a read raise a warning with counts and reasons", {
    skip_if_not(file.exists(energy), "demo data absent")
    ds <- flow_dataset(product_digits = 0) # one matrix per year: gas (bcm) clashes with oil (Mt)
    rows <- read.csv(energy)
    clash <- sum(rows$unit != rows$unit[1])
    w <- expect_warning(flow_read_csv(ds, energy),
                        sprintf("%d rejected of %d rows", clash, nrow(rows)),
                        class = "flow_rows_dropped")
    expect_match(conditionMessage(w), "'bcm'")
    expect_warning(flow_read_csv(flow_dataset(), "neg.csv",
                                 text = "origin,destination,value\nRUS,CHN,-5"),
                   "negative")
    wiod <- file.path(Sys.getenv("FLOW_SHARED_DATA"), "wiod-niot-2016", "RUS_NIOT_nov16.csv")
    skip_if_not(file.exists(wiod), "WIOD tables absent")
    w <- expect_warning(flow_read_table(wiod, label_rows = 2, label_cols = 4, row_label_col = 2,
                                        filter_col = 1, filter_value = "2014"),
                        "is not a number", class = "flow_rows_dropped")
    expect_gt(w$rejected, 0)
})

test_that("errors carry the file, line and column of the fault", {
    err <- tryCatch(flow_read_csv(flow_dataset(), "bad.csv", strict = TRUE,
                                  text = "origin,destination,value\nRUS,CHN,abc"),
                    libflow_error = function(e) e)
    expect_identical(err$file, "bad.csv")
    expect_identical(err$line, 2L)
    expect_identical(err$column, "value")
    expect_identical(flow_error_status(err), err$status)
    err <- tryCatch(flow_layer_matrix(flow_dataset(), "trade", 2023),
                    error = function(e) e)
    expect_true(is.null(err$file) || is.na(err$file))
})
