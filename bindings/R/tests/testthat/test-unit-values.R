# Unit values (value / quantity) of one economy's flows, checked against the
# ratios base R computes from the same rows.

csv <- paste(
    "origin,destination,value,year,layer,product,unit",
    "RUS,CHN,35000,2021,oil_value,crude_oil,USD_m",
    "RUS,CHN,70,2021,oil_quantity,crude_oil,Mt",
    "RUS,CHN,60562,2023,oil_value,crude_oil,USD_m",
    "RUS,CHN,107,2023,oil_quantity,crude_oil,Mt",
    "RUS,IND,36792,2023,oil_value,crude_oil,USD_m",
    "RUS,IND,70,2023,oil_quantity,crude_oil,Mt",
    "IRQ,IND,33000,2023,oil_value,crude_oil,USD_m",
    "IRQ,IND,55,2023,oil_quantity,crude_oil,Mt",
    "RUS,TUR,5000,2023,oil_value,crude_oil,USD_m",
    sep = "\n")

test_that("unit values are value over quantity, by year and partner", {
    ds <- flow_dataset(product_digits = 1000)
    flow_read_csv(ds, "oil.csv", text = csv)
    u <- flow_unit_values(ds, "RUS", "oil_value", "oil_quantity", "crude_oil")
    rows <- read.csv(text = csv)
    v <- rows[rows$layer == "oil_value" & rows$origin == "RUS", ]
    q <- rows[rows$layer == "oil_quantity" & rows$origin == "RUS", ]
    expected <- merge(v, q, by = c("destination", "year"), all.x = TRUE)
    expected$price <- expected$value.x / expected$value.y
    expect_equal(rownames(u), c("CHN", "CHN", "IND", "TUR"))
    expect_equal(attr(u, "row_groups"), c("2021", "2023", "2023", "2023"))
    for (r in seq_len(nrow(u))) {
        e <- expected[expected$destination == rownames(u)[r] &
                      expected$year == u[r, "year"], ]
        expect_equal(u[r, "value"], e$value.x)
        if (is.na(e$price)) expect_true(is.na(u[r, "unit_value"]))
        else expect_equal(u[r, "unit_value"], e$price)
    }
    india <- flow_unit_values(ds, "IND", "oil_value", "oil_quantity", "crude_oil", imports = TRUE)
    expect_equal(rownames(india), c("RUS", "IRQ"))
    expect_equal(unname(india[, "unit_value"]), c(36792 / 70, 33000 / 55))
    expect_error(flow_unit_values(ds, "RUS", "oil_value", "oil_value", "crude_oil"))
})

test_that("the demo's crude oil shows China paying less per tonne after 2022", {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    path <- file.path(root, "data", "oil_value.csv")
    skip_if_not(nzchar(root) && file.exists(path), "FLOW_SOURCE_DIR/data is absent")
    ds <- flow_read_dataset(path)
    u <- flow_unit_values(ds, "RUS", "oil_value", "oil_quantity", "crude_oil")
    china <- u[rownames(u) == "CHN", ]
    # China customs: 58.37 bn USD for 86.2 Mt in 2022, 60.6 bn for 107 Mt in 2023.
    expect_equal(unname(china[china[, "year"] == 2022, "unit_value"]), 58370 / 86.2)
    expect_equal(unname(china[china[, "year"] == 2023, "unit_value"]), 60600 / 107)
})
