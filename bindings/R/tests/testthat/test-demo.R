# The README walkthrough on the bundled demo data, each number checked
# against base R on the same layer matrix.

demo_file <- function(name) {
    root <- Sys.getenv("FLOW_SOURCE_DIR")
    path <- file.path(root, "data", name)
    skip_if_not(nzchar(root) && file.exists(path), paste("FLOW_SOURCE_DIR/data is absent"))
    path
}

test_that("the walkthrough's dependence, centrality and shock numbers", {
    ds <- flow_read_dataset(demo_file("trade.csv"), unknown = "add")
    flow_read_attributes(ds, demo_file("economies.csv"))
    T <- flow_layer_matrix(ds, "trade", 2023, drop_empty = TRUE)
    gdp <- flow_attributes(ds)[rownames(T), "gdp_usd_bn_2023"] * 1000
    skip_if(anyNA(gdp), "the demo data lack a GDP")

    diag(T) <- 0
    d <- flow_dyads(T, sizes = gdp)
    expect_equal(d$import_share, t(T) / colSums(T))
    D <- (T + t(T)) / gdp
    expect_equal(d$asymmetry["RUS", "CHN"], D["RUS", "CHN"] - D["CHN", "RUS"])
    expect_gt(d$asymmetry["RUS", "CHN"], 0) # Russia depends on China more than the reverse
    cent <- flow_centrality(d$import_share)
    # ROW (the rest of the world, many economies) aside, China ranks first
    economies <- cent[rownames(cent) != "ROW", ]
    expect_identical(rownames(economies)[which.max(economies$pagerank)], "CHN")

    m <- flow_country_model(T, gdp)
    g7 <- c("USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN")
    g7 <- g7[g7 %in% rownames(T)]
    shock <- flow_shock(m, flow_scenario("G7", "RUS", groups = list(G7 = g7)))
    expect_equal(shock$totals[["cut"]], sum(T[g7, "RUS"]) + sum(T["RUS", g7]))
    A <- sweep(T, 2, gdp, "/")
    At <- A
    At[g7, "RUS"] <- 0
    At["RUS", g7] <- 0
    y <- gdp - rowSums(T)
    expect_equal(shock$regions$demand_total, unname(gdp - solve(diag(nrow(T)) - At, y)),
                 tolerance = 1e-9)

    via <- c("CHN", "IND", "TUR", "ARE", "KAZ", "HKG")
    evaded <- flow_shock(m, flow_scenario("G7", "RUS", groups = list(G7 = g7),
                                          substitution = 0.6, via = via))
    expect_equal(evaded$totals[["rerouted"]] + evaded$totals[["lost"]], shock$totals[["cut"]])
    expect_equal(sum(evaded$regions$rerouted_via), evaded$totals[["rerouted"]])
    expect_lte(evaded$totals[["rerouted"]], 0.6 * shock$totals[["cut"]] * (1 + 1e-12))
    expect_lt(evaded$regions["RUS", "demand_total"], shock$regions["RUS", "demand_total"])
})

test_that("the dataset builder gives the report's Russian demand loss", {
    ds <- flow_read_dataset(demo_file("trade.csv"), unknown = "add")
    flow_read_attributes(ds, demo_file("economies.csv"))
    g7 <- c("USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN")
    s <- flow_scenario("G7", "RUS", groups = list(G7 = g7))
    report <- flow_shock_report(ds, s, 2023, gdp = "gdp_usd_bn_2023")
    system <- which(report$systems$layer == "trade")
    from_report <- report$values["RUS", "demand_total", system]
    m <- flow_country_model_from_dataset(ds, "trade", 2023, gdp = "gdp_usd_bn_2023")
    direct <- flow_shock(m, s, layer = "trade", product = "*")
    expect_gt(from_report, 0)
    expect_equal(direct$regions["RUS", "demand_total"], from_report, tolerance = 1e-12)
    # Value added is GDP (USD bn in the flows' USD m) under the default convention.
    gdp <- flow_attributes(ds)[rownames(direct$regions), "gdp_usd_bn_2023"]
    totals <- flow_io_totals(m)
    va <- setNames(totals$v, rownames(totals))[rownames(direct$regions)]
    known <- !is.na(gdp) & gdp > 0
    expect_equal(unname(va[known]), 1000 * gdp[known], tolerance = 1e-12)
    # The traded-volume convention is another system: another loss.
    traded <- flow_country_model_from_dataset(ds, "trade", 2023, size = "traded")
    other <- flow_shock(traded, s, layer = "trade", product = "*")
    expect_false(isTRUE(all.equal(other$regions["RUS", "demand_total"], from_report)))
    expect_error(flow_country_model_from_dataset(ds, "trade", 2023), "GDP|gdp")
})

test_that("a scenario's plan resolves its sets against the dataset's axis", {
    ds <- flow_read_dataset(demo_file("energy.csv"), unknown = "add")
    s <- flow_scenario_read(demo_file(file.path("scenarios", "g7_eu_russia_rerouted.txt")))
    plan <- flow_scenario_plan(s, ds)
    groups <- attr(plan, "row_groups")
    g7 <- c("USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN")
    expect_equal(rownames(plan)[groups == "sanctioning:G7"], g7)
    axis <- rownames(flow_layer_matrix(ds, "energy", 2022, product = "crude_oil"))
    expect_equal(unname(plan[groups == "sanctioning:G7", "index"]),
                 ifelse(g7 %in% axis, match(g7, axis) - 1, -1))
    expect_equal(unname(plan[groups == "intermediary" & rownames(plan) == "KAZ", "capacity"]), 5)
    layers <- plan[groups == "layer", , drop = FALSE]
    expect_true(all(layers[startsWith(rownames(layers), "energy:"), "rho"] == 0.6))
    expect_equal(attr(plan, "scalars")[["markup"]], 0.15)
    expect_output(print(s), "G7 EU cut trade with RUS")
})
