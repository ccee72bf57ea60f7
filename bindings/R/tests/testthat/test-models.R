# Contagion, inoperability, mixed and price models against examples solved
# by hand (see tests/c/test_contagion.c and tests/c/test_iim.c for the
# derivations) and base R's solve().

banks <- c("A", "B", "C")
three_banks <- matrix(c(0, 0, 5, 10, 0, 0, 10, 10, 0), 3, dimnames = list(banks, banks))

test_that("Eisenberg-Noe and Rogers-Veraart clearing match the hand-solved example", {
    en <- flow_clearing_vector(three_banks, c(C = 10, A = 5, B = 2))
    expect_equal(unname(en[, "payment"]), c(10, 7, 5))
    expect_equal(unname(en[, "round"]), c(1, 2, 0))
    expect_equal(rownames(en), banks)
    rv <- flow_clearing_vector(three_banks, c(5, 2, 10), alpha = 0.5, beta = 0.5)
    expect_equal(unname(rv[, "payment"]), c(5, 2.25, 5))
    expect_error(flow_clearing_vector(three_banks, c(5, 2, 10), alpha = 0), class = "libflow_error")
})

test_that("RAS and maximum entropy meet their margins as solved by hand", {
    x <- flow_ras(matrix(c(1, 3, 2, 1), 2), c(3, 3), c(4, 2), tolerance = 1e-13)
    a <- (-1 + sqrt(241)) / 10
    expect_equal(as.vector(x), c(a, 4 - a, 3 - a, a - 1), tolerance = 1e-10)
    me <- flow_max_entropy_exposures(c(a = 1, b = 1, c = 1), c(1, 1, 1))
    expect_equal(unname(me), matrix(0.5, 3, 3) - diag(0.5, 3), tolerance = 1e-10)
    expect_equal(colnames(me), c("a", "b", "c"))
})

sectors <- c("agr", "man")
z_mb <- matrix(c(150, 200, 500, 100), 2, dimnames = list(sectors, sectors))
x_mb <- c(1000, 2000)
a_mb <- sweep(z_mb, 2, x_mb, "/")

test_that("the demand- and supply-side IIM are Leontief and Ghosh in fractions", {
    q <- flow_iim_static(flow_iim_matrix(z_mb, x_mb), c(0.035, 0), output = x_mb)
    leontief <- solve(diag(2) - a_mb, c(35, 0))
    expect_equal(unname(q[, "output_loss"]), unname(leontief))
    expect_equal(unname(q[, "inoperability"]), unname(leontief / x_mb))
    s <- flow_iim_static(flow_iim_matrix(z_mb, x_mb, "supply"), c(0, 0.07))
    ghosh <- solve(t(diag(2) - z_mb / x_mb), c(0, 140))
    expect_equal(unname(s[, "inoperability"]), unname(ghosh / x_mb))
})

test_that("the dynamic IIM follows the recurrence and the resilience formula", {
    m <- flow_iim_matrix(z_mb, x_mb)
    k <- flow_iim_resilience(m, c(0.4, 0.3), c(0.04, 0.03), c(10, 20))
    expect_equal(unname(k[, "resilience"]), unname(log(10) / (c(10, 20) * (1 - diag(m)))))
    path <- flow_iim_dynamic(m, c(0.3, 0.6), c(0.5, 0.1), steps = 3)
    step <- diag(2) + diag(c(0.3, 0.6)) %*% (unname(m) - diag(2))
    expect_equal(unname(path[4, ]), as.vector(step %*% step %*% step %*% c(0.5, 0.1)))
    expect_equal(colnames(path), sectors)
})

test_that("the mixed and price models match Miller and Blair's table by hand", {
    mixed <- flow_io_mixed(a_mb, c(agr = 350, man = 1700), c(man = 1800))
    expect_equal(mixed["agr", "output"], 800 / 0.85)
    expect_equal(mixed["man", "final_demand"], 0.95 * 1800 - 0.2 * 800 / 0.85)
    price <- flow_io_price(a_mb, c(0.065, 0),
                           matrix(c(0.05, 0.1), 1, dimnames = list("oil", sectors)), 0.5)
    expect_equal(unname(price[, "price_change"]),
                 as.vector(solve(t(diag(2) - a_mb), c(0.065 + 0.025, 0.05))))
})
