# Progress functions and threaded reads: progress checked against the size
# of the input (file.size, nchar(type = "bytes")); a threaded read against a
# serial read of the same generated file and both against base R sums.

recorder <- function() {
    calls <- new.env()
    calls$done <- numeric(0)
    calls$total <- numeric(0)
    calls$fn <- function(done, total) {
        calls$done <- c(calls$done, done)
        calls$total <- c(calls$total, total)
        FALSE
    }
    calls
}

expect_progress_to <- function(calls, size) {
    expect_gt(length(calls$done), 0)
    expect_type(calls$done, "double")
    expect_true(all(diff(calls$done) >= 0))
    expect_equal(calls$done[length(calls$done)], size)
    expect_true(all(calls$total == size))
}

small_csv <- function(rows) {
    path <- tempfile(fileext = ".csv")
    writeLines(c("origin,destination,value", rep(c("RUS,CHN,1.5", "CHN,RUS,2"), rows / 2)),
               path)
    path
}

test_that("progress of a file never decreases and ends at the file's size", {
    path <- small_csv(300000) # about 3 MiB: a call per 1 MiB parsed, then one at the end
    calls <- recorder()
    ds <- flow_dataset()
    report <- flow_read_csv(ds, path, progress = calls$fn)
    expect_equal(report$counts[["accepted"]], 300000)
    expect_gt(length(calls$done), 2)
    expect_progress_to(calls, file.size(path))
})

test_that("progress of text ends at its length in bytes, and of a wide table at its size", {
    text <- paste(c("origin,destination,value", rep("RUS,CHN,1", 200000)), collapse = "\n")
    calls <- recorder()
    flow_read_csv(flow_dataset(), "mem.csv", text = text, progress = calls$fn)
    expect_gt(length(calls$done), 1)
    expect_progress_to(calls, nchar(text, type = "bytes"))

    path <- tempfile(fileext = ".csv")
    writeLines(c("sector,agr,man", sprintf("s%d,1,2", 1:200)), path)
    calls <- recorder()
    m <- flow_read_table(path, progress = calls$fn)
    expect_equal(dim(m), c(200L, 2L))
    expect_progress_to(calls, file.size(path))
})

test_that("returning TRUE cancels the read with libflow's error", {
    path <- small_csv(2000)
    seen <- 0
    stop_now <- function(done, total) {
        seen <<- seen + 1
        TRUE
    }
    err <- tryCatch(flow_read_csv(flow_dataset(), path, progress = stop_now),
                    libflow_error = function(e) e)
    expect_s3_class(err, "libflow_error")
    expect_match(conditionMessage(err), "cancelled")
    expect_identical(flow_error_status(err), -18L)
    expect_equal(seen, 1)
    # Anything but TRUE goes on.
    report <- flow_read_csv(flow_dataset(), path, progress = function(done, total) "yes")
    expect_equal(report$counts[["accepted"]], 2000)
})

test_that("an error inside the progress function is signalled as that error", {
    path <- small_csv(200)
    fail <- function(done, total) stop("progress failed at ", done)
    err <- tryCatch(flow_read_dataset(path, progress = fail), error = function(e) e)
    expect_false(inherits(err, "libflow_error"))
    expect_match(conditionMessage(err), "progress failed at")
    # A classed condition keeps its class.
    classed <- function(done, total) {
        stop(structure(class = c("my_stop", "error", "condition"),
                       list(message = "my stop", call = NULL)))
    }
    expect_error(flow_read_csv(flow_dataset(), path, progress = classed), "my stop",
                 class = "my_stop")
    expect_error(flow_read_table(path, progress = fail), "progress failed at")
    expect_error(flow_read_csv(flow_dataset(), path, progress = 1), "must be a function")
})

test_that("two threads read a generated file exactly as one thread does", {
    codes <- c("AUS", "BRA", "CHN", "DEU", "FRA", "IND", "JPN", "RUS", "USA", "ZAF")
    n <- 300000
    set.seed(7)
    # Sorted by origin and destination, as BACI files are.
    origin <- sort(sample.int(length(codes), n, replace = TRUE))
    destination <- sample.int(length(codes), n, replace = TRUE)
    order <- order(origin, destination)
    origin <- origin[order]
    destination <- destination[order]
    value <- round(runif(n, 0, 1000), 3)
    year <- ifelse(runif(n) < 0.05, 2021, 2022)
    lines <- c("origin,destination,value,year",
               sprintf("%s,%s,%.3f,%d", codes[origin], codes[destination], value, year))
    lines <- append(lines, c("XXX,CHN,5,2022", "RUS,CHN,abc,2022"), after = 1000)
    path <- tempfile(fileext = ".csv")
    writeLines(lines, path)

    read <- function(...) {
        ds <- flow_dataset(codes)
        expect_warning(report <- flow_read_csv(ds, path, years = 2022, ...),
                       "2 rejected and [0-9]+ filtered out of [0-9]+ rows")
        list(matrix = flow_layer_matrix(ds, "trade", 2022), report = report)
    }
    serial <- read(threads = 1)
    parallel <- read(threads = 2)
    expect_identical(parallel$matrix, serial$matrix)
    expect_identical(parallel$report$counts, serial$report$counts)
    expect_identical(parallel$report$rejects, serial$report$rejects)
    expect_equal(serial$report$counts[["rows"]], n + 2)
    expect_equal(serial$report$counts[["rejected"]], 2)
    expect_equal(serial$report$counts[["filtered"]], sum(year == 2021))

    kept <- year == 2022
    sums <- tapply(value[kept], list(factor(codes[origin[kept]], codes),
                                     factor(codes[destination[kept]], codes)), sum)
    sums[is.na(sums)] <- 0
    expect_equal(serial$matrix[codes, codes], unclass(sums), tolerance = 1e-12,
                 ignore_attr = TRUE)

    calls <- recorder()
    with_progress <- read(threads = 2, progress = calls$fn)
    expect_progress_to(calls, file.size(path))
    expect_identical(with_progress$matrix, serial$matrix)
})
