# Options go to libflow's one-key setters (flow_X_options_set) by name: a
# misspelt option or a bad value is libflow's error, naming the key and value.

text <- "origin,destination,value,year\nRUS,CHN,10,2022\nCHN,RUS,4,2022\n"

test_that("a misspelt reader option is an error naming it", {
    ds <- flow_dataset()
    expect_error(flow_read_csv(ds, "x.csv", text = text, treads = 2),
                 "read option 'treads': no such option", class = "libflow_error")
    expect_error(flow_read_csv(ds, "x.csv", text = text, threads = -1),
                 "read option 'threads': '-1' is not an integer", class = "libflow_error")
    expect_error(flow_read_table("x.csv", wide_label_row = 2),
                 "'wide_label_row'", class = "libflow_error")
})

test_that("reader options by key reach the read", {
    ds <- flow_dataset()
    report <- flow_read_csv(ds, "x.csv", text = "origin,destination,value\nRUS,CHN,10\n",
                            default_year = 2021, layers = "trade")
    expect_equal(report$counts[["accepted"]], 1)
    expect_equal(flow_matrices(ds)$year, 2021)
})

test_that("misspelt options of the other families are errors naming them", {
    ds <- flow_dataset()
    flow_read_csv(ds, "x.csv", text = text)
    expect_error(flow_dependency_flags(ds, imports_hhi = 0.3), "'imports_hhi'",
                 class = "libflow_error")
    expect_error(flow_dependency_flags(ds, min_years = 3, window = 2),
                 "'persistence': '3,2'", class = "libflow_error")
    expect_error(flow_evasion(ds, "RUS", "CHN", c(2021, 2022), jumps = 3), "'jumps'",
                 class = "libflow_error")
    expect_error(flow_evasion(ds, "RUS", "CHN", c(2021, 2022), band = c(1.2, 1)),
                 "'band'", class = "libflow_error")
    expect_error(flow_read_mrio(tempfile(), tolerances = 1), "'tolerances'",
                 class = "libflow_error")
})

test_that("a logical NA is refused naming the key, not read as FALSE", {
    ds <- flow_dataset()
    expect_error(flow_read_csv(ds, "x.csv", text = text, strict = NA),
                 "read option 'strict': 'NA'", class = "libflow_error")
    expect_error(flow_read_csv(ds, "x.csv", text = text, allow_negative = NA),
                 "'allow_negative': 'NA'", class = "libflow_error")
    expect_equal(nrow(flow_matrices(ds)), 0)
})
