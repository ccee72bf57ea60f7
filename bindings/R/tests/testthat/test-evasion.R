# Evasion diagnostics and calibration: a synthetic panel with a planted
# rerouting (each intermediary carries a known share theta of the cut, on
# top of 3 % growth), checked against base R sums and nnls-free closed
# forms; the calibration must recover theta.

sources <- c("DEU", "FRA")
hubs <- c("ARM", "KGZ", "KAZ", "TUR")
theta <- c(0.15, 0.10, 0.05, 0)
products <- sprintf("%02d", 1:8)

panel_rows <- function() {
    rows <- list()
    for (year in 2021:2023) for (k in seq_along(products)) {
        total <- 0
        for (s in seq_along(sources)) {
            cut <- if (year == 2021) 0 else (20 + 5 * k + 7 * s) * (year - 2021)
            total <- total + cut
            rows[[length(rows) + 1]] <- data.frame(origin = sources[s], destination = "RUS",
                value = 150 + 10 * s + 3 * k - cut, year = year, product = products[k])
            for (h in seq_along(hubs)) {
                base <- 10 + (7 * k) %% 5 + 2 * h
                x <- if (year == 2021) base else base * 1.03 + theta[h] * cut
                rows[[length(rows) + 1]] <- data.frame(origin = sources[s], destination = hubs[h],
                    value = x, year = year, product = products[k])
            }
        }
        for (h in seq_along(hubs))
            rows[[length(rows) + 1]] <- data.frame(origin = hubs[h], destination = "RUS",
                value = 5 + theta[h] * total, year = year, product = products[k])
    }
    do.call(rbind, rows)
}

flows <- panel_rows()
csv <- tempfile(fileext = ".csv")
write.csv(flows, csv, row.names = FALSE)
ds <- flow_dataset(product_digits = 100)
flow_read_csv(ds, csv)

test_that("the observed substitution ratio equals base R sums", {
    sub <- flow_evasion(ds, sources, "RUS", c(2021, 2022), "substitution", hubs)
    f <- function(year, dest) sum(flows$value[flows$year == year & flows$origin %in% sources &
                                              flows$destination %in% dest])
    ratio <- (f(2022, hubs) - f(2021, hubs)) / (f(2021, "RUS") - f(2022, "RUS"))
    expect_equal(sub["total", "ratio"], ratio, tolerance = 1e-12)
    sus <- flow_evasion(ds, sources, "RUS", c(2021, 2022), "suspects", hubs)
    expect_equal(rownames(sus), c("ARM", "KGZ", "KAZ", "TUR"))
})

test_that("calibration recovers the planted shares and beats the uncalibrated model", {
    cal <- flow_calibrate(ds, sources, "RUS", c(2021, 2022, 2023), hubs, bootstrap = 20)
    expect_equal(unname(cal[hubs, "theta"]), theta, tolerance = 1e-9)
    expect_lt(cal["backtest", "predicted"], cal["backtest", "uncalibrated"])
    lines <- flow_calibration_scenario(cal)
    expect_equal(lines[1], sprintf("reroute trade * %.6g", sum(theta)))
    s <- flow_scenario_parse(paste(c("sanctioning DEU", "target RUS", lines), collapse = "\n"))
    expect_s3_class(s, "flow_scenario")
})

test_that("the demo panel's calibrated back-test beats the uncalibrated model", {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    path <- file.path(root, "data", "trade.csv")
    skip_if_not(nzchar(root) && file.exists(path), "FLOW_SOURCE_DIR/data is absent")
    demo <- flow_dataset(product_digits = 1000)
    flow_read_csv(demo, path)
    g7 <- c("USA", "JPN", "DEU", "FRA", "GBR", "ITA") # no Canadian flows in the demo data
    via <- c("TUR", "ARE", "KAZ", "KGZ", "ARM", "HKG")
    cal <- flow_calibrate(demo, g7, "RUS", c(2021, 2023), via)
    # The observed rises of the intermediaries' sales to Russia, from the CSV.
    flows <- read.csv(path)
    rise <- sapply(via, function(h) {
        v <- flows[flows$origin == h & flows$destination == "RUS", ]
        sum(v$value[v$year == 2023]) - sum(v$value[v$year == 2021])
    })
    expect_equal(unname(cal[via, "observed"]), unname(rise), tolerance = 1e-9)
    expect_lt(cal["backtest", "predicted"], cal["backtest", "uncalibrated"])
})
