# Sanctions shocks: every lens recomputed in base R from the cut matrices,
# the published Haimes & Jiang inoperability cases, rerouting conservation,
# and a DebtRank reference implementation written out here.

codes <- c("USA", "RUS", "CHN")
Z <- matrix(c(20, 10, 30,
              15, 10, 25,
              40, 20, 60), 3, byrow = TRUE, dimnames = list(codes, codes))
Y <- matrix(c(100, 5, 10,
              8, 50, 12,
              9, 6, 150), 3, byrow = TRUE) # column c: final users of region c
x <- rowSums(Z) + rowSums(Y)
A <- sweep(Z, 2, x, "/")
model <- flow_io_model(Z, Y, regions = codes, fd_regions = codes)

# The lenses of a cut where phi[i, j] is the lost share of flow i -> j
# (intermediate and final alike), computed from their definitions.
lenses <- function(phi) {
    At <- A * (1 - phi)
    Yt <- Y * (1 - phi)
    xt <- solve(diag(3) - At, rowSums(Yt))
    direct <- drop((A - At) %*% x) + rowSums(Y) - rowSums(Yt)
    B <- Z / x
    Bt <- B * (1 - phi)
    v <- x - colSums(Z)
    xs <- drop(v %*% solve(diag(3) - Bt))
    astar <- diag(1 / x) %*% At %*% diag(x)
    q <- solve(diag(3) - astar, direct / x)
    list(demand_total = unname(x - xt), demand_direct = unname(direct),
         supply_total = unname(x - xs), supply_direct = unname(colSums(Z * phi)),
         inoperability = pmin(1, pmax(0, q)))
}

cut_phi <- function(s, t, severity = 1) {
    phi <- matrix(0, 3, 3, dimnames = list(codes, codes))
    phi[s, t] <- severity
    phi[t, s] <- severity
    phi
}

test_that("a full cut: demand, supply and inoperability lenses as computed in R", {
    r <- flow_shock(model, flow_scenario("USA", "RUS"))
    want <- lenses(cut_phi("USA", "RUS"))
    expect_equal(r$nodes$demand_total, want$demand_total, tolerance = 1e-10)
    expect_equal(r$nodes$demand_direct, want$demand_direct, tolerance = 1e-10)
    expect_equal(r$nodes$demand_indirect, want$demand_total - want$demand_direct,
                 tolerance = 1e-10)
    expect_equal(r$nodes$supply_total, want$supply_total, tolerance = 1e-10)
    expect_equal(r$nodes$supply_direct, want$supply_direct, tolerance = 1e-10)
    expect_equal(r$nodes$inoperability, want$inoperability, tolerance = 1e-10)
    expect_equal(r$nodes$output, unname(x))
    expect_identical(rownames(r$regions), codes)
    expect_equal(r$totals[["cut"]], Z["USA", "RUS"] + Z["RUS", "USA"] + Y[1, 2] + Y[2, 1])
    expect_equal(r$totals[["lost"]], r$totals[["cut"]])
    expect_equal(unname(r$sets), c(1, 1, 0))
})

test_that("partial severity, one direction and the solvers agree with R", {
    s <- flow_scenario("USA", "RUS", severity = 0.4)
    want <- lenses(cut_phi("USA", "RUS", 0.4))
    for (solver in c("auto", "woodbury", "refactor")) {
        r <- flow_shock(model, s, solver = solver)
        expect_equal(r$nodes$demand_total, want$demand_total, tolerance = 1e-10)
    }
    phi <- matrix(0, 3, 3)
    phi[1, 2] <- 1 # exports of the USA to Russia only
    r <- flow_shock(model, flow_scenario("USA", "RUS", direction = "exports"))
    expect_equal(r$nodes$demand_total, lenses(phi)$demand_total, tolerance = 1e-10)
    # Severity per layer: the model stands for the energy layer here.
    s <- flow_scenario("USA", "RUS", severity = c(energy = 1, trade = 0.25))
    r <- flow_shock(model, s, layer = "energy")
    expect_equal(r$nodes$demand_total, lenses(cut_phi("USA", "RUS"))$demand_total,
                 tolerance = 1e-10)
})

test_that("rerouting conserves the cut flow and carries the rerouted part through CHN", {
    s <- flow_scenario("USA", "RUS", substitution = 0.5, via = "CHN", markup = 0.1)
    r <- flow_shock(model, s)
    cut <- r$totals[["cut"]]
    expect_equal(r$totals[["rerouted"]] + r$totals[["lost"]], cut)
    expect_equal(r$totals[["rerouted"]], 0.5 * cut) # one intermediary, no cap
    expect_equal(r$regions["CHN", "rerouted_via"], 0.5 * cut)
    expect_equal(r$regions["CHN", "transit_rent"], 0.1 * 0.5 * cut)
    # Half of each cut flow still arrives, through China: the direct pairs
    # lose all, and both legs s -> CHN and CHN -> t grow by what they carry
    # (a negative lost share on those pairs).
    P <- Z + Y
    phi <- cut_phi("USA", "RUS")
    for (pair in list(c("USA", "RUS"), c("RUS", "USA"))) {
        v <- 0.5 * P[pair[1], pair[2]]
        phi[pair[1], "CHN"] <- phi[pair[1], "CHN"] - v / P[pair[1], "CHN"]
        phi["CHN", pair[2]] <- phi["CHN", pair[2]] - v / P["CHN", pair[2]]
    }
    expect_equal(r$nodes$demand_total, lenses(phi)$demand_total, tolerance = 1e-10)

    capped <- flow_shock(model, flow_scenario("USA", "RUS", substitution = 0.5, via = "CHN",
                                              capacity = c(CHN = 10)))
    expect_equal(capped$totals[["rerouted"]], 10)
    expect_equal(capped$totals[["lost"]], cut - 10)
})

test_that("batches: each member alone and a substitution sweep", {
    s <- flow_scenario("WEST", "RUS", groups = list(WEST = c("USA", "CHN")))
    b <- flow_shock_batch(model, s, "each_member")
    expect_identical(b$scenarios$member, c("USA", "CHN"))
    expect_equal(unname(b$values[1, ]), lenses(cut_phi("USA", "RUS"))$demand_total,
                 tolerance = 1e-10)
    expect_equal(unname(b$values[2, ]), lenses(cut_phi("CHN", "RUS"))$demand_total,
                 tolerance = 1e-10)

    s <- flow_scenario("USA", "RUS", substitution = 0, via = "CHN")
    sweep <- flow_shock_batch(model, s, "sweep", rho = c(0, 1), steps = 3, quantity = "lost")
    expect_equal(sweep$scenarios$rho, c(0, 0.5, 1))
    full <- flow_shock(model, flow_scenario("USA", "RUS"))$regions$lost
    expect_equal(unname(sweep$values[2, ]), 0.5 * full)
    expect_equal(unname(sweep$values[3, ]), c(0, 0, 0))

    mc1 <- flow_shock_batch(model, s, "montecarlo", draws = 5, seed = 7)
    mc2 <- flow_shock_batch(model, s, "montecarlo", draws = 5, seed = 7)
    expect_identical(mc1$values, mc2$values) # same seed, same draws
    expect_true(all(mc1$scenarios$severity >= 0 & mc1$scenarios$severity <= 1))
})

test_that("Haimes & Jiang (2001): the published inoperabilities", {
    expect_equal(flow_inoperability(matrix(c(0, 0.2, 0.8, 0), 2), c(0, 0.6)),
                 c(0.48 / 0.84, 0.6 / 0.84))
    astar <- matrix(c(0, 0.9, 0, 0,
                      0.4, 0, 0, 0,
                      1, 0.8, 0, 0,
                      1, 0.9, 0, 0), 4, byrow = TRUE)
    cstar <- c(0, 0.5, 0, 0)
    expect_equal(flow_inoperability(astar, cstar, clip = FALSE),
                 c(0.703125, 0.78125, 1.328125, 1.40625))
    expect_equal(flow_inoperability(astar, cstar), c(0.703125, 0.78125, 1, 1))
})

# DebtRank with single propagation (Battiston et al. 2012), written from the
# definition: impact of j on i is min(1, exposure[i, j] / capital[i]).
debtrank_reference <- function(E, capital, h0) {
    impact <- E / capital
    impact[impact > 1] <- 1
    diag(impact) <- 0
    h <- h0
    active <- h > 0
    done <- rep(FALSE, length(h))
    while (any(active)) {
        hn <- pmin(1, h + drop(impact[, active, drop = FALSE] %*% h[active]))
        done <- done | active
        active <- hn > h + 1e-12 & !done
        h <- hn
    }
    h
}

test_that("DebtRank: a hand-worked chain and a random network", {
    E <- matrix(c(0, 5, 0,
                  0, 0, 5,
                  0, 0, 0), 3, byrow = TRUE, dimnames = list(c("a", "b", "c"), NULL))
    r <- flow_debtrank(E, capital = c(10, 10, 10), initial = c(0, 0, 1))
    # c fails; b loses 5/10 of its capital, a then 5/10 of b's distress.
    expect_equal(r$distress, c(a = 0.25, b = 0.5, c = 1))
    value <- rowSums(E) / sum(E)
    expect_equal(r$rank, sum(value * c(0.25, 0.5, 1)) - sum(value * c(0, 0, 1)))

    set.seed(4)
    E <- matrix(rexp(36, 1 / 20), 6) * (matrix(runif(36), 6) < 0.6)
    capital <- runif(6, 10, 40)
    h0 <- c(0.8, 0, 0, 0.3, 0, 0)
    r <- flow_debtrank(E, capital, h0, value = rep(1, 6))
    expect_equal(unname(r$distress), debtrank_reference(E, capital, h0), tolerance = 1e-12)
    expect_equal(r$rank, sum(r$distress) - sum(h0), tolerance = 1e-12)
})

test_that("DebtRank of a scenario: withdrawn funding or written-off claims, on the claims left", {
    codes <- c("USA", "RUS", "CHN", "DEU")
    set.seed(8)
    E <- matrix(runif(16, 0, 30), 4, dimnames = list(codes, codes))
    diag(E) <- 0
    capital <- c(60, 25, 80, 40)
    s <- flow_scenario(c("USA", "DEU"), "RUS", severity = c(finance = 0.5, trade = 1))
    cut <- matrix(FALSE, 4, 4, dimnames = list(codes, codes))
    cut[c("USA", "DEU"), "RUS"] <- cut["RUS", c("USA", "DEU")] <- TRUE
    left <- E * ifelse(cut, 0.5, 1)
    # A partial cut is a withdrawal: borrowers lose the funding, at the discount 0.1.
    r <- flow_debtrank(E, capital, scenario = s, layer = "finance")
    h0 <- pmin(1, 0.1 * (colSums(E) - colSums(left)) / capital)
    expect_equal(unname(r$initial), unname(h0))
    expect_equal(unname(r$distress), debtrank_reference(left, capital, h0), tolerance = 1e-12)
    expect_equal(unname(r$funding_lost), unname(colSums(E) - colSums(left)))
    # Written off with recovery 0.4: lenders lose 0.6 of the claims lost; impacts 0.6 E~/capital.
    w <- flow_debtrank(E, capital, scenario = s, layer = "finance", recovery = 0.4,
                       stock_cut = "write_off")
    h0 <- pmin(1, 0.6 * (rowSums(E) - rowSums(left)) / capital)
    expect_equal(unname(w$initial), unname(h0))
    expect_equal(unname(w$distress), debtrank_reference(0.6 * left, capital, h0),
                 tolerance = 1e-12)
    expect_error(flow_debtrank(unname(E), capital, scenario = s), "row names")
    # Named capital is aligned by economy: reversed, the answer is the same.
    named <- setNames(capital, codes)
    expect_identical(flow_debtrank(E, rev(named), scenario = s, layer = "finance"),
                     flow_debtrank(E, named, scenario = s, layer = "finance"))
    expect_error(flow_debtrank(E, named[1:3], scenario = s, layer = "finance"), "missing DEU")
})

test_that("stock layers: declared, refused by the IO lenses, contagion in the report", {
    codes <- c("USA", "RUS", "CHN")
    ds <- flow_dataset(codes)
    flow_read_csv(ds, "k.csv", default_year = 2022, text = c(
        "origin,destination,value,layer", "USA,RUS,8,finance", "CHN,USA,5,finance",
        "USA,RUS,10,trade", "RUS,CHN,4,trade"))
    expect_identical(flow_layer_kind(ds, "finance"), "stock")
    expect_identical(flow_layer_kind(ds, "trade"), "flow")
    flow_set_layer_kind(ds, "trade", "stock")
    expect_identical(flow_layer_kind(ds, "trade"), "stock")
    flow_set_layer_kind(ds, "trade", "flow")
    s <- flow_scenario("USA", "RUS", severity = c(finance = 0.5, trade = 1))
    rep <- flow_shock_report(ds, s, 2022)
    f <- which(rep$systems$layer == "finance")
    expect_identical(rep$systems$kind[f], "stock")
    expect_true(all(is.nan(rep$values[, "demand_total", f])))
    expect_equal(unname(rep$values[, "size", f]), c(13, 8, 5)) # claims held + owed
    expect_identical(rep$systems$kind[rep$systems$layer == "trade"], "flow")
})

test_that("scenario errors are R errors naming the line or the unknown economy", {
    err <- tryCatch(flow_scenario_parse("name x\ntarget RUS\nbogus CHN\n", source = "s.txt"),
                    libflow_error = function(e) e)
    expect_match(conditionMessage(err), "s.txt: line 3")
    expect_identical(flow_error_status(err), -4L)
    expect_error(flow_shock(model, flow_scenario("XXX", "RUS")), "XXX",
                 class = "libflow_error")
    expect_error(flow_scenario("USA", "RUS", severity = 1.5), class = "libflow_error")

    path <- tempfile(fileext = ".txt")
    writeLines(c("name usa_russia", "sanctioning USA", "target RUS", "cut * * 1"), path)
    r <- flow_shock(model, flow_scenario_read(path))
    expect_equal(r$nodes$demand_total, lenses(cut_phi("USA", "RUS"))$demand_total,
                 tolerance = 1e-10)
})

test_that("a dataset report: each layer's losses as the country system computed in R", {
    codes <- c("USA", "RUS", "CHN", "DEU")
    set.seed(21)
    rows <- expand.grid(origin = codes, destination = codes, layer = c("trade", "energy"),
                        stringsAsFactors = FALSE)
    rows <- rows[rows$origin != rows$destination, ]
    rows$value <- round(runif(nrow(rows), 1, 50), 1)
    ds <- flow_dataset(codes)
    flow_read_csv(ds, "r.csv", default_year = 2022, text = c(
        "origin,destination,value,layer", paste(rows$origin, rows$destination, rows$value,
                                                rows$layer, sep = ",")))
    s <- flow_scenario(c("USA", "DEU"), "RUS", severity = c(energy = 1, trade = 0.5))
    rep <- flow_shock_report(ds, s, 2022)
    expect_setequal(rep$systems$layer, c("trade", "energy"))
    for (layer in c("trade", "energy")) {
        T <- flow_layer_matrix(ds, layer, 2022)
        size <- rowSums(T) + colSums(T) # no GDP: the traded volume
        A <- sweep(T, 2, size, "/")
        phi <- matrix(0, 4, 4, dimnames = list(codes, codes))
        severity <- if (layer == "energy") 1 else 0.5
        phi[c("USA", "DEU"), "RUS"] <- severity
        phi["RUS", c("USA", "DEU")] <- severity
        y <- size - rowSums(T)
        loss <- size - solve(diag(4) - A * (1 - phi), y)
        system <- which(rep$systems$layer == layer)
        expect_equal(rep$values[, "demand_total", system], loss, tolerance = 1e-10)
        expect_equal(rep$values[, "size", system], size)
        expect_equal(rep$systems$cut[system], sum(T * phi))
        expect_equal(rep$systems$severity[system], severity)
    }
})

test_that("a kind column declares a layer's kind at read time", {
    path <- tempfile(fileext = ".csv")
    writeLines(c("origin,destination,value,year,layer,unit,layer_kind",
                 "USA,RUS,5,2022,positions,USD_bn,stock",
                 "CHN,RUS,7,2022,finance,USD_bn,flow"), path)
    ds <- flow_read_dataset(path)
    expect_equal(flow_layer_kind(ds, "positions"), "stock")
    expect_equal(flow_layer_kind(ds, "finance"), "flow")
    writeLines(c("origin,destination,value,year,layer,nature",
                 "USA,RUS,5,2022,positions,stock", "DEU,RUS,5,2022,positions,flow"), path)
    expect_error(flow_read_dataset(path, columns = c(kind = "nature")),
                 "line 3, column \"nature\"")
})

test_that("prices value a physical layer: the report equals base R on price x volume", {
    codes <- c("RUS", "DEU", "CHN")
    T <- matrix(c(0, 10, 20, 0, 0, 2, 0, 4, 0), 3, byrow = TRUE, dimnames = list(codes, codes))
    rows <- which(T > 0, arr.ind = TRUE)
    ds <- flow_dataset(codes)
    flow_read_csv(ds, "e.csv", default_year = 2022, text = c(
        "origin,destination,value,layer,product,unit",
        paste(codes[rows[, 1]], codes[rows[, 2]], T[rows], "energy", "crude_oil", "Mt",
              sep = ",")))
    gdp <- tempfile(fileext = ".csv")
    writeLines(c("code,gdp", "RUS,2000", "DEU,4000", "CHN,18000"), gdp)
    flow_read_attributes(ds, gdp)
    s <- flow_scenario("DEU", "RUS", severity = c(energy = 1))
    rep <- flow_shock_report(ds, s, 2022, gdp = "gdp", prices = c(crude_oil = 520))
    expect_identical(rep$systems$unit, "USD_m")
    expect_equal(rep$systems$price, 520)
    expect_equal(rep$systems$value_units, 1)
    Z <- 520 * T
    size <- c(2000, 4000, 18000) * 1000 + colSums(Z) # GDP (USD bn -> USD_m) + imports
    phi <- matrix(0, 3, 3, dimnames = list(codes, codes))
    phi["DEU", "RUS"] <- phi["RUS", "DEU"] <- 1
    A <- sweep(Z, 2, size, "/")
    demand <- size - solve(diag(3) - A * (1 - phi), size - rowSums(Z))
    B <- Z / size
    supply <- size - drop((size - colSums(Z)) %*% solve(diag(3) - B * (1 - phi)))
    expect_equal(unname(rep$values[, "size", 1]), unname(size))
    expect_equal(unname(rep$values[, "demand_total", 1]), unname(demand), tolerance = 1e-10)
    expect_equal(unname(rep$values[, "supply_total", 1]), unname(supply), tolerance = 1e-10)
    expect_equal(rep$systems$cut, 5200)
    plain <- flow_shock_report(ds, s, 2022, gdp = "gdp")
    expect_identical(plain$systems$unit, "Mt")
    expect_true(is.nan(plain$systems$price) && plain$systems$value_units == 0)
    expect_equal(unname(plain$values[, "size", 1]), unname(rowSums(T) + colSums(T)))
    expect_error(flow_shock_report(ds, s, 2022, prices = c(crude_oil = -1)), "prices",
                 class = "libflow_error")
    expect_error(flow_shock_report(ds, s, 2022, prices = 520), "named numeric")
})
