# Reading long CSV files into datasets: matrices checked against base R's
# read.csv + tapply on the same text, row accounting, and errors that carry
# libflow's file/line/column message.

csv <- paste(
    "origin,destination,value,year,layer",
    "RUS,CHN,120.5,2022,energy",
    "RUS,IND,40,2022,energy",
    "RUS,CHN,10,2022,energy", # a duplicate cell: summed
    "CHN,RUS,76,2022,trade",
    "RUS,CHN,114,2022,trade",
    "IRN,CHN,12,2022,trade",
    "CHN,IRN,14,2021,trade",
    sep = "\n")

# The sum of `value` by origin and destination, as a matrix over `codes`.
base_matrix <- function(rows, codes) {
    out <- matrix(0, length(codes), length(codes), dimnames = list(codes, codes))
    sums <- tapply(rows$value, list(rows$origin, rows$destination), sum)
    for (o in rownames(sums)) for (d in colnames(sums)) {
        if (!is.na(sums[o, d])) out[o, d] <- sums[o, d]
    }
    out
}

test_that("layer matrices equal the sums base R computes from the same rows", {
    ds <- flow_dataset()
    report <- flow_read_csv(ds, "flows.csv", text = csv)
    expect_s3_class(report, "flow_read_report")
    expect_equal(report$counts[["rows"]], 7)
    expect_equal(report$counts[["accepted"]], 7)
    expect_equal(report$counts[["duplicates"]], 1)

    rows <- read.csv(text = csv)
    codes <- c("CHN", "IND", "IRN", "RUS")
    for (key in list(c("energy", 2022), c("trade", 2022), c("trade", 2021))) {
        got <- flow_layer_matrix(ds, key[1], as.numeric(key[2]), economies = codes)
        want <- base_matrix(rows[rows$layer == key[1] & rows$year == as.numeric(key[2]), ], codes)
        expect_equal(got, want)
    }
    # The default axis: the economies present, labelled by code, in ISO order.
    present <- flow_layer_matrix(ds, "energy", 2022)
    expect_identical(rownames(present), codes)
    expect_equal(present["RUS", "CHN"], 130.5)
    expect_equal(sum(present), 170.5)
    # The full axis on request: ISO 3166-1 and ROW.
    iso <- flow_dataset(all_economies = TRUE)
    flow_read_csv(iso, "flows.csv", text = csv)
    full <- flow_layer_matrix(iso, "energy", 2022)
    expect_equal(nrow(full), 250)
    expect_equal(full[codes, codes], present)
    keys <- flow_matrices(ds)
    expect_setequal(paste(keys$layer, keys$year), c("energy 2022", "trade 2022", "trade 2021"))
    expect_identical(dim(flow_layer_matrix(ds, "energy", 2022, drop_empty = TRUE)), c(3L, 3L))
})

test_that("filters and rejects are accounted for, row by row", {
    bad <- paste(csv, "RUS,CHN,abc,2022,trade", "XXX,CHN,5,2022,trade", sep = "\n")
    ds <- flow_dataset()
    expect_warning(report <- flow_read_csv(ds, "bad.csv", text = bad, years = 2022),
                   "2 rejected and 1 filtered out of 9 rows")
    counts <- report$counts
    expect_equal(counts[["rows"]], 9)
    expect_equal(counts[["filtered"]], 1) # the 2021 row
    expect_equal(counts[["rejected"]], 2)
    expect_equal(counts[["accepted"]] + counts[["filtered"]] + counts[["rejected"]],
                 counts[["rows"]])
    expect_equal(report$rejects$line, c(9, 10))
    expect_match(report$rejects$message[1], "bad.csv: line 9, column \"value\"")
    expect_identical(report$unknown$code, "XXX")
    expect_output(print(report), "9 rows: 6 accepted, 1 filtered, 2 rejected")
})

test_that("strict mode makes the first bad row an R error with file, line and column", {
    bad <- paste("origin,destination,value", "RUS,CHN,1", "RUS,CHN,abc", sep = "\n")
    err <- tryCatch(flow_read_dataset("trade.csv", text = bad, strict = TRUE),
                    libflow_error = function(e) e)
    expect_s3_class(err, "libflow_error")
    expect_match(conditionMessage(err), "trade.csv: line 3, column \"value\": 'abc'")
    expect_identical(flow_error_status(err), -5L)

    expect_error(flow_read_dataset(file.path(tempdir(), "no-such-file.csv")),
                 "no-such-file.csv", class = "libflow_error")
    expect_error(flow_read_dataset("x.csv", text = "origin,value\nRUS,1\n"),
                 "destination", class = "libflow_error")
    expect_error(flow_layer_matrix(flow_dataset(), "trade", 2022), class = "libflow_error")
})

test_that("semicolons, decimal commas and thousands separators read as read.csv2 does", {
    text <- paste("origin;destination;value", "RUS;CHN;1.234,5", "IRN;CHN;12,25", sep = "\n")
    ds <- flow_dataset()
    flow_read_csv(ds, "eu.csv", text = text, thousands = ".", decimal = ",")
    rows <- read.csv2(text = gsub(".", "", text, fixed = TRUE))
    m <- flow_layer_matrix(ds, economies = c("CHN", "IRN", "RUS"))
    expect_equal(m["RUS", "CHN"], rows$value[1])
    expect_equal(m["IRN", "CHN"], rows$value[2])
})

test_that("a custom axis, unknown codes added on request, and attributes", {
    ds <- flow_dataset(c("CHN", "RUS"), c("China", "Russia"))
    flow_read_csv(ds, "f.csv", text = "origin,destination,value\nRUS,CHN,3\nKAZ,CHN,2\n",
                  unknown = "add")
    expect_identical(flow_economies(ds)$code, c("CHN", "RUS", "KAZ"))
    expect_equal(flow_layer_matrix(ds)["KAZ", "CHN"], 2)

    path <- tempfile(fileext = ".csv")
    writeLines(c("code,gdp,name", "CHN,17900,China", "RUS,2240,Russia"), path)
    flow_read_attributes(ds, path)
    attrs <- flow_attributes(ds)
    expect_equal(attrs["RUS", "gdp"], 2240)
    expect_true(is.na(attrs["KAZ", "gdp"]))
    expect_identical(attrs["RUS", "name"], "Russia")
    expect_identical(attrs["KAZ", "name"], "")
    writeLines(c("code,gdp", "CHN,1", "RUS,n/a"), path)
    expect_error(flow_read_attributes(ds, path), "line 3, column \"gdp\"")
})

test_that("the bundled demo data read as base R sums it", {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    path <- file.path(root, "data", "trade.csv")
    skip_if_not(nzchar(root) && file.exists(path), "FLOW_SOURCE_DIR/data/trade.csv is absent")
    ds <- flow_read_dataset(path, unknown = "add")
    rows <- read.csv(path)
    year <- max(rows$year)
    codes <- c("CHN", "RUS", "IRN", "PRK")
    want <- base_matrix(rows[rows$year == year & rows$layer == "trade", ], unique(
        c(codes, rows$origin, rows$destination)))[codes, codes]
    expect_equal(flow_layer_matrix(ds, "trade", year, economies = codes), want)
})

test_that("real BACI crude-oil flows (shared data) re-sum to the file's totals", {
    root <- Sys.getenv("FLOW_SHARED_DATA")
    path <- file.path(root, "baci-crude-oil-2021", "crude_oil_hs270900_2021.csv")
    skip_if_not(nzchar(root) && file.exists(path), "shared BACI data is absent")
    expect_warning(ds <- flow_read_dataset(path, unknown = "add", columns = c(
        origin = "location_code", destination = "partner_code", value = "export_value",
        year = "year", product = "product_id")), "rejected of 1445 rows: missing economy code")
    report <- attr(ds, "report")
    # "NA" is Namibia here, not a missing value.
    rows <- read.csv(path, check.names = FALSE, na.strings = character(0))
    known <- nzchar(rows$location_code) & nzchar(rows$partner_code)
    expect_equal(report$counts[["accepted"]], sum(known))
    expect_equal(report$counts[["rejected"]], sum(!known)) # blank codes in the file
    m <- flow_layer_matrix(ds, "trade", 2021)
    expect_equal(sum(m), sum(rows$export_value[known]), tolerance = 1e-12)
    expect_equal(m["RUS", "CHN"],
                 sum(rows$export_value[rows$location_code == "RUS" & rows$partner_code == "CHN"]))
    # Checks published with the data: RUS exports 112.7e9 to 43 partners, CHN
    # imports 207.9e9 from 50, CAN->USA is the largest flow.
    expect_equal(sum(m["RUS", ]), 112.7e9, tolerance = 1e-3)
    expect_equal(sum(m["RUS", ] > 0), 43)
    expect_equal(sum(m[, "CHN"]), 207.9e9, tolerance = 1e-3)
    expect_identical(which(m == max(m), arr.ind = TRUE)[1, ], c(row = match("CAN", rownames(m)),
                                                              col = match("USA", colnames(m))))
})

# The numbers of a matrix without names or other attributes.
plain <- function(m) matrix(as.vector(m), nrow(m))

test_that("a wide table reads as read.csv parses it, labels and groups included", {
    path <- tempfile(fileext = ".csv")
    writeLines(c("region,sector,CHN_agr,CHN_man,FD",
                 "CHN,agr,10,20.5,100",
                 "CHN,man,30,40,-5",
                 "VA,total,60,70,0"), path)
    m <- flow_read_table(path, label_cols = 2, row_label_col = 2, row_group_col = 1)
    base <- read.csv(path)
    expect_equal(plain(m), plain(as.matrix(base[, 3:5])))
    expect_identical(dimnames(m), list(base$sector, names(base)[3:5]))
    expect_identical(attr(m, "row_groups"), base$region)
    expect_equal(attr(m, "report")$counts[["accepted"]], 3)

    ragged <- tempfile(fileext = ".csv")
    writeLines(c("r,a,b", "x,1,2", "y,3"), ragged)
    expect_error(flow_read_table(ragged, strict = TRUE), "line 3", class = "libflow_error")
})

test_that("the bundled MRIO table builds a model whose identities hold", {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    path <- file.path(root, "data", "io_demo.csv")
    skip_if_not(nzchar(root) && file.exists(path), "FLOW_SOURCE_DIR/data is absent")
    t <- flow_read_table(path, label_cols = 2, row_label_col = 2, row_group_col = 1)
    base <- read.csv(path)
    expect_equal(plain(t), plain(as.matrix(base[, -(1:2)])))
    z <- seq_len(12)
    regions <- unique(attr(t, "row_groups")[z])
    m <- flow_io_model(t[z, z], t[z, 13:16], v = t[13, z], regions = regions,
                       sectors = rownames(t)[1:3], fd_regions = sub("FD_", "", colnames(t)[13:16]))
    x <- rowSums(t[z, ])
    expect_equal(unname(flow_io_totals(m)$x), unname(x))
    expect_equal(unname(flow_leontief_solve(m, rowSums(t[z, 13:16]))), unname(x),
                 tolerance = 1e-9)
    # The value added absorbed by all final demand is all value added.
    expect_equal(sum(flow_value_added_origin(m)), sum(t[13, z]), tolerance = 1e-9)
})

test_that("a real WIOD national table (shared data) reads as base R parses it", {
    root <- Sys.getenv("FLOW_SHARED_DATA")
    path <- file.path(root, "wiod-niot-2016", "CHN_NIOT_nov16.csv")
    skip_if_not(nzchar(root) && file.exists(path), "shared WIOD data is absent")
    expect_warning(t <- flow_read_table(path, label_rows = 2, label_cols = 4,
                                        row_label_col = 2, row_group_col = 4, filter_col = 1,
                                        filter_value = "2014", delimiter = ";", thousands = " "),
                   "filtered out of 1800 rows: row not selected")
    expect_identical(dim(t), c(120L, 63L))
    raw <- read.table(path, sep = ";", skip = 2, quote = "\"", colClasses = "character",
                      fill = TRUE, comment.char = "")
    raw <- raw[raw[[1]] == "2014", ]
    values <- sapply(raw[, 5:67], function(col) {
        v <- as.numeric(gsub(" ", "", col, fixed = TRUE))
        ifelse(is.na(v), 0, v)
    })
    expect_equal(plain(t), plain(values))
    expect_identical(rownames(t), raw[[2]])
    expect_identical(attr(t, "row_groups")[1:56], rep("Domestic", 56))
})

test_that("aggregation sums members' rows and columns as a grouping matrix does", {
    codes <- c("DEU", "FRA", "CHN", "RUS")
    ds <- flow_dataset(codes)
    set.seed(9)
    M <- matrix(round(runif(16, 0, 50)), 4, dimnames = list(codes, codes))
    rows <- expand.grid(origin = codes, destination = codes, stringsAsFactors = FALSE)
    rows$value <- M[cbind(rows$origin, rows$destination)]
    flow_read_csv(ds, "m.csv", text = c("origin,destination,value",
                                        paste(rows$origin, rows$destination, rows$value,
                                              sep = ",")))
    agg <- flow_aggregate(ds, c(DEU = "EU", FRA = "EU"))
    G <- rbind(EU = c(1, 1, 0, 0), CHN = c(0, 0, 1, 0), RUS = c(0, 0, 0, 1))
    expect_identical(flow_economies(agg)$code, c("EU", "CHN", "RUS"))
    expect_equal(flow_layer_matrix(agg), G %*% M %*% t(G), ignore_attr = TRUE)
    expect_identical(rownames(flow_layer_matrix(agg)), c("EU", "CHN", "RUS"))
})

test_that("strategic-dependency flags follow the three criteria computed in R", {
    codes <- c("AAA", "BBB", "CCC", "DDD")
    set.seed(11)
    rows <- expand.grid(origin = codes, destination = codes, year = c(2021, 2022),
                        product = c("2701", "8401"), stringsAsFactors = FALSE)
    rows <- rows[rows$origin != rows$destination, ]
    rows$value <- round(rexp(nrow(rows), 1 / 10) * (runif(nrow(rows)) < 0.7), 1)
    rows$value[rows$origin == "AAA" & rows$product == "2701"] <- 500 # one dominant supplier
    ds <- flow_dataset(codes, product_digits = 2)
    flow_read_csv(ds, "p.csv", text = c("origin,destination,value,year,product", paste(
        rows$origin, rows$destination, rows$value, rows$year, rows$product, sep = ",")))
    f <- flow_dependency_flags(ds, "trade")
    for (year in c(2021, 2022)) for (product in c("27", "84")) {
        sel <- rows[rows$year == year & substr(rows$product, 1, 2) == product, ]
        T <- matrix(0, 4, 4, dimnames = list(codes, codes))
        T[cbind(sel$origin, sel$destination)] <- sel$value
        imports <- colSums(T)
        exports <- rowSums(T)
        hhi <- colSums(sweep(T, 2, imports, "/")^2)
        world <- sum((exports / sum(exports))^2)
        y <- as.character(year)
        expect_equal(f$import_hhi[product, , y], hhi)
        expect_equal(unname(f$export_hhi[product, , y]), rep(world, 4))
        expect_equal(f$ratio[product, , y], imports / exports)
        flag <- as.numeric(hhi > 0.4 & world > 0.4 & imports / exports > 1)
        expect_equal(unname(f$flag[product, , y]), flag)
    }
    # A residual economy counts in the totals but adds no square to the HHIs.
    r <- flow_dependency_flags(ds, "trade", residual = "DDD")
    sel <- rows[rows$year == 2022 & substr(rows$product, 1, 2) == "27", ]
    T <- matrix(0, 4, 4, dimnames = list(codes, codes))
    T[cbind(sel$origin, sel$destination)] <- sel$value
    S <- sweep(T, 2, colSums(T), "/")
    S["DDD", ] <- 0
    expect_equal(r$import_hhi["27", , "2022"], colSums(S^2))
    expect_error(flow_dependency_flags(ds, "trade", residual = "XXX"), "unknown economy")
    # The EU extra-bloc criterion: an importer is flagged only when more than
    # the threshold of its imports come from outside the bloc (base R shares).
    bloc <- c("AAA", "BBB")
    for (y in c("2021", "2022")) for (product in c("27", "84")) {
        sel <- rows[rows$year == as.numeric(y) & substr(rows$product, 1, 2) == product, ]
        T <- matrix(0, 4, 4, dimnames = list(codes, codes))
        T[cbind(sel$origin, sel$destination)] <- sel$value
        extra <- colSums(T[setdiff(codes, bloc), , drop = FALSE]) / colSums(T)
        e <- flow_dependency_flags(ds, "trade", extra_share = list(members = bloc,
                                                                   threshold = 0.5))
        want <- as.numeric(f$flag[product, , y] == 1 & !is.na(extra) & extra > 0.5)
        expect_equal(unname(e$flag[product, , y]), want)
    }
    expect_lt(sum(e$flag), sum(f$flag)) # the bloc's own supplier no longer counts
    expect_equal(flow_dependency_flags(ds, "trade", extra_share = list(bloc, 0.5))$flag, e$flag)
    expect_error(flow_dependency_flags(ds, "trade", extra_share = list("XXX", 0.5)),
                 "unknown economy")
    expect_error(flow_dependency_flags(ds, "trade", extra_share = list(bloc, 1.5)))
    # Without a product, the layer matrix sums the product groups.
    total <- matrix(0, 4, 4, dimnames = list(codes, codes))
    sel <- rows[rows$year == 2022, ]
    for (k in seq_len(nrow(sel))) {
        total[sel$origin[k], sel$destination[k]] <- total[sel$origin[k], sel$destination[k]] +
            sel$value[k]
    }
    expect_equal(flow_layer_matrix(ds, "trade", 2022), total)
    expect_equal(flow_layer_matrix(ds, "trade", 2022, product = "84"),
                 flow_layer_matrix(ds, "trade", 2022) - flow_layer_matrix(ds, "trade", 2022, "27"))

    both <- f$flag[, , "2021"] * f$flag[, , "2022"]
    expect_equal(f$persistent, both) # two years loaded: both must be flagged
})
