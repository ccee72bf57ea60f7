# Reader options of panels through R: quantities read in the same pass as
# values (BACI's q, for unit values v / q), importer-reported rows in a
# mirror layer, and the other reader options the Python binding has.
# Expected numbers come from base R reading the same files.

test_file <- function(name) {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    path <- file.path(root, "tests", "data", name)
    skip_if_not(nzchar(root) && file.exists(path), "FLOW_SOURCE_DIR/tests/data is absent")
    path
}

iso <- c("276" = "DEU", "398" = "KAZ", "643" = "RUS", "51" = "ARM", "417" = "KGZ")

test_that("values and quantities come from one read and give base R's unit values", {
    path <- test_file("baci_panel_sample.csv")
    ds <- flow_dataset(product_digits = 6)
    report <- flow_read_csv(ds, path, preset = "baci", quantity_layer = "trade_q")
    rows <- read.csv(path, colClasses = c(k = "character", q = "character"),
                     na.strings = character(0))
    q <- suppressWarnings(as.numeric(rows$q))
    expect_equal(report$counts[["accepted"]], nrow(rows))
    reasons <- setNames(report$reasons$rows, report$reasons$reason)
    expect_equal(reasons[["quantity missing (value kept)"]], sum(rows$q == "NA"))
    expect_equal(reasons[["quantity not a number (value kept)"]],
                 sum(is.na(q) & rows$q != "NA"))
    expect_equal(report$rejects$line, 10)
    for (r in seq_len(nrow(rows))) {
        o <- iso[[as.character(rows$i[r])]]
        d <- iso[[as.character(rows$j[r])]]
        v <- flow_layer_matrix(ds, "trade", rows$t[r], rows$k[r])
        expect_equal(v[o, d], rows$v[r] * 1000)
        qm <- flow_layer_matrix(ds, "trade_q", rows$t[r], rows$k[r])
        expect_equal(qm[o, d], if (is.na(q[r])) 0 else q[r])
    }
    uv <- flow_evasion(ds, "DEU", "RUS", c(2021, 2022), "unit_values",
                       intermediaries = c("KAZ", "ARM", "KGZ"), quantity = "trade_q")
    expect_equal(nrow(uv), 4)
    expect_equal(uv["DEU>KAZ", "uv_y1"], 900e3 / 30)
    expect_equal(uv["KAZ>RUS", "log_change"], log((300 / 25) / (20 / 2)))
    expect_error(flow_read_csv(ds, path, quantity_unit = "t"), "quantity_layer")
})

test_that("the mirror layer keeps both reports of a Comtrade flow apart", {
    path <- test_file("comtrade_sample.csv")
    rows <- read.csv(path)
    ds <- flow_dataset()
    expect_warning(flow_read_csv(ds, path, preset = "comtrade", mirror_layer = "trade_mirror"),
                   "world partner")
    x <- rows[rows$flowCode == "X" & rows$reporterISO == "RUS" & rows$partnerISO == "CHN", ]
    m <- rows[rows$flowCode == "M" & rows$reporterISO == "CHN" & rows$partnerISO == "RUS" &
              rows$cmdCode == 2709, ]
    expect_equal(flow_layer_matrix(ds, "trade", 2022)["RUS", "CHN"], sum(x$primaryValue))
    expect_equal(flow_layer_matrix(ds, "trade_mirror", 2022)["RUS", "CHN"], sum(m$primaryValue))
})

test_that("a mirror policy keeps one report of a flow, never both", {
    # China's imports of Russian crude (58) and Russia's exports of it (50) are
    # one flow; China's car exports only China reports.
    text <- paste0("refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n",
                   "2022,CHN,RUS,M,2709,58\n2022,CHN,RUS,X,8703,9\n",
                   "2022,RUS,CHN,X,2709,50\n")
    expected <- list(importer_first = c(58, 9, 1), exporter_first = c(50, 9, 1),
                     importer = c(58, 0, 2), exporter = c(50, 9, 1))
    for (policy in names(expected)) {
        ds <- flow_dataset()
        expect_warning(report <- flow_read_csv(ds, "comtrade.csv", text = text,
                                               preset = "comtrade", mirror_policy = policy),
                       "(mirror policy)", fixed = TRUE)
        m <- flow_layer_matrix(ds, "trade", 2022)
        want <- expected[[policy]]
        expect_equal(c(m["RUS", "CHN"], m["CHN", "RUS"]), want[1:2], info = policy)
        expect_equal(report$counts[["filtered"]], want[3], info = policy)
        expect_equal(report$counts[["accepted"]] + report$counts[["filtered"]], 3)
    }
    expect_error(flow_read_csv(flow_dataset(), "c.csv", text = text, preset = "comtrade",
                               mirror_policy = "both"), "should be one of")
})

test_that("missing tokens, kept rejects, buffer and line limits reach the reader", {
    text <- "origin,destination,value\nRUS,CHN,-\nRUS,IND,x\nCHN,RUS,y\nCHN,IND,4\n"
    ds <- flow_dataset()
    report <- suppressWarnings(flow_read_csv(ds, "t.csv", text = text, missing_tokens = "-",
                                             missing = "skip", max_rejects_kept = 1,
                                             buffer_size = 7, max_line = 64))
    expect_equal(unname(report$counts[c("accepted", "filtered", "rejected")]), c(1, 1, 2))
    expect_equal(nrow(report$rejects), 1)
    expect_error(flow_read_csv(flow_dataset(), "t.csv", text = text, max_line = 16),
                 "longer than")
})

test_that("concordance groups reach the reads of a default dataset", {
    path <- test_file("baci_panel_sample.csv")
    groups <- tempfile(fileext = ".csv")
    writeLines(c("hs,item", "8471,computers", "8542,chips"), groups)
    ds <- flow_dataset()
    flow_read_product_groups(ds, groups, "hs", "item")
    flow_read_csv(ds, path, preset = "baci")
    rows <- read.csv(path, colClasses = c(k = "character"))
    chips <- rows[startsWith(rows$k, "8542") & rows$t == 2022, ]
    expect_equal(sum(flow_layer_matrix(ds, "trade", 2022, "chips")), sum(chips$v) * 1000)
    expect_setequal(flow_matrices(ds)$product, c("computers", "chips"))
})

test_that("prices from unit values equal base R's sums over the cells with a quantity", {
    path <- test_file("baci_panel_sample.csv")
    ds <- flow_dataset(product_digits = 6)
    suppressWarnings(flow_read_csv(ds, path, preset = "baci", quantity_layer = "trade_q"))
    rows <- read.csv(path, colClasses = c(k = "character", q = "character"),
                     na.strings = character(0))
    q <- suppressWarnings(as.numeric(rows$q))
    for (year in c(2021, 2022)) {
        p <- flow_unit_value_prices(ds, "trade", "trade_q", year, "Mt")
        one <- rows$t == year
        for (k in unique(rows$k[one])) {
            m <- one & rows$k == k & !is.na(q) & q > 0
            u <- one & rows$k == k & !(m)
            value <- sum(rows$v[m]) * 1000 / 1e6
            quantity <- sum(q[m]) / 1e6
            expect_equal(p[k, "price"], value / quantity, tolerance = 1e-12)
            expect_equal(p[k, "unmatched_value"], sum(rows$v[u]) * 1000 / 1e6,
                         tolerance = 1e-12)
        }
    }
    expect_error(flow_unit_value_prices(ds, "trade", "trade_q", 2022, "bcm"), "bcm")
})
