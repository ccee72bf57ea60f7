#' Clearing payments with default costs (Eisenberg-Noe, Rogers-Veraart)
#'
#' The greatest clearing payment vector of an interbank network of claims (a
#' stock): bank `i` pays what it owes in full when its external assets plus
#' what it receives cover its liabilities, and otherwise pays
#' `alpha * e_i + beta * (interbank assets received)`. `alpha = beta = 1` is
#' Eisenberg & Noe (2001); smaller values are the default costs of Rogers &
#' Veraart (2013).
#'
#' @param liabilities Square matrix, `liabilities[i, j]` the amount bank `i`
#'   owes bank `j`; row names name the banks.
#' @param external_assets External assets per bank, same unit; a named vector
#'   is aligned to the row names.
#' @param alpha,beta Fractions in (0, 1] of external and interbank assets
#'   that a defaulting bank realises.
#' @return A matrix with one row per bank and columns `liabilities`,
#'   `payment`, `recovery_rate`, `default` (0/1), `net_worth` (before default
#'   costs) and `round` (0 = solvent, 1 = fundamental default, later =
#'   contagion).
#' @references Eisenberg, L. and Noe, T. H. (2001) Systemic risk in financial
#'   systems. *Management Science* 47(2). Rogers, L. C. G. and Veraart, L. A.
#'   M. (2013) Failure and rescue in an interbank network. *Management
#'   Science* 59(4).
#' @examples
#' l <- matrix(c(0, 0, 5, 10, 0, 0, 10, 10, 0), 3, dimnames = list(c("A", "B", "C"), c("A", "B", "C")))
#' flow_clearing_vector(l, c(5, 2, 10), alpha = 0.5, beta = 0.5)
#' @export
flow_clearing_vector <- function(liabilities, external_assets, alpha = 1, beta = 1) {
    l <- .flow_matrix(liabilities, "liabilities")
    e <- .flow_aligned(external_assets, rownames(l), "external_assets")
    .flow_call(C_flowr_clearing, l, e, as.double(alpha), as.double(beta))
}

#' Matrices from their row and column totals: RAS and maximum entropy
#'
#' `flow_ras()` scales the rows and columns of `prior` until its margins are
#' `row_totals` and `col_totals` (biproportional fitting; zeros stay zero):
#' the update of an input-output table to new margins, or of an exposure
#' matrix. `flow_max_entropy_exposures()` estimates bilateral interbank claims
#' from each bank's total interbank assets (row sums) and liabilities (column
#' sums) with no bank exposed to itself (Upper & Worms 2004).
#'
#' @param prior Non-negative matrix.
#' @param row_totals,col_totals Target margins with equal sums.
#' @param assets,liabilities Totals per bank (a named `assets` names the banks).
#' @param tolerance Largest relative gap left between a margin and its target.
#' @param max_iterations Most row-and-column rounds before giving up.
#' @return The balanced matrix, with the prior's (or the banks') names.
#' @references Miller, R. E. and Blair, P. D. (2009) *Input-Output Analysis*,
#'   2nd ed., section 7.4. Upper, C. and Worms, A. (2004) Estimating bilateral
#'   exposures in the German interbank market. *European Economic Review* 48(4).
#' @examples
#' flow_ras(matrix(c(1, 3, 2, 1), 2), c(3, 3), c(4, 2))
#' flow_max_entropy_exposures(c(a = 2, b = 1, c = 1), c(1, 1, 2))
#' @export
flow_ras <- function(prior, row_totals, col_totals, tolerance = 1e-10, max_iterations = 10000) {
    p <- .flow_matrix(prior, "prior")
    .flow_call(C_flowr_ras, p, .flow_aligned(row_totals, rownames(p), "row_totals"),
               .flow_aligned(col_totals, colnames(p), "col_totals"), as.double(tolerance),
               as.double(max_iterations))
}

#' @rdname flow_ras
#' @export
flow_max_entropy_exposures <- function(assets, liabilities, tolerance = 1e-10,
                                       max_iterations = 10000) {
    .flow_call(C_flowr_max_entropy, .flow_labels(names(assets)), .flow_vector(assets, "assets"),
               .flow_aligned(liabilities, names(assets), "liabilities"), as.double(tolerance),
               as.double(max_iterations))
}

#' The inoperability input-output model family
#'
#' Inoperability is the fraction of a sector's planned output that is lost.
#' `flow_iim_matrix()` builds the interdependency matrix from a transactions
#' table `Z` and outputs `x`: demand side `A* = diag(x)^-1 Z` (Santos & Haimes
#' 2004), supply side `diag(x)^-1 t(Z)` (Leung, Haimes & Santos 2007).
#' `flow_iim_static()` solves `q = solve(I - M, c*)` for a perturbation `c*`
#' in fractions of output; `flow_iim_resilience()` gives the resilience
#' coefficients `k = log(q0 / qT) / (T (1 - diag(M)))` of Lian & Haimes (2006)
#' and `flow_iim_dynamic()` the recovery path
#' `q(t + 1) = q(t) + K (M q(t) + c* - q(t))`.
#'
#' @param transactions Square transactions matrix (a flow), rows = selling
#'   sector, with names.
#' @param output Total output per sector, same unit.
#' @param side `"demand"` or `"supply"`.
#' @param interdependency Matrix from `flow_iim_matrix()` (or published).
#' @param perturbation Perturbation `c*` per sector (fractions of output);
#'   optional in `flow_iim_dynamic()`.
#' @param q0,q_target,recovery_time Initial and target inoperability and the
#'   periods taken to go from one to the other.
#' @param resilience Resilience coefficients per period, in [0, 1].
#' @param steps Number of periods of the path.
#' @return `flow_iim_matrix()`: the matrix; `flow_iim_static()`: columns
#'   `perturbation`, `inoperability` and (with `output`) `output_loss`;
#'   `flow_iim_resilience()`: column `resilience`; `flow_iim_dynamic()`: one
#'   row per period `0..steps`, one column per sector.
#' @references Haimes, Y. Y. and Jiang, P. (2001) *J. Infrastructure Systems*
#'   7(1). Santos, J. R. and Haimes, Y. Y. (2004) *Risk Analysis* 24(6).
#'   Lian, C. and Haimes, Y. Y. (2006) *Systems Engineering* 9(3). Leung, M.,
#'   Haimes, Y. Y. and Santos, J. R. (2007) *J. Infrastructure Systems* 13(4).
#' @examples
#' z <- matrix(c(150, 200, 500, 100), 2, dimnames = list(c("agr", "man"), c("agr", "man")))
#' m <- flow_iim_matrix(z, c(1000, 2000))
#' flow_iim_static(m, c(0.035, 0), output = c(1000, 2000))
#' flow_iim_dynamic(m, c(0.3, 0.6), c(0.5, 0.1), steps = 5)
#' @export
flow_iim_matrix <- function(transactions, output, side = c("demand", "supply")) {
    z <- .flow_matrix(transactions, "transactions")
    side <- match.arg(side)
    .flow_call(C_flowr_iim_matrix, z, .flow_aligned(output, rownames(z), "output"),
               if (side == "demand") 0L else 1L)
}

#' @rdname flow_iim_matrix
#' @export
flow_iim_static <- function(interdependency, perturbation, output = NULL) {
    m <- .flow_matrix(interdependency, "interdependency")
    x <- if (is.null(output)) NULL else .flow_aligned(output, rownames(m), "output")
    .flow_call(C_flowr_iim_static, m, .flow_aligned(perturbation, rownames(m), "perturbation"), x)
}

#' @rdname flow_iim_matrix
#' @export
flow_iim_resilience <- function(interdependency, q0, q_target, recovery_time) {
    m <- .flow_matrix(interdependency, "interdependency")
    n <- rownames(m)
    .flow_call(C_flowr_iim_resilience, m, .flow_aligned(q0, n, "q0"),
               .flow_aligned(q_target, n, "q_target"),
               .flow_aligned(recovery_time, n, "recovery_time"))
}

#' @rdname flow_iim_matrix
#' @export
flow_iim_dynamic <- function(interdependency, resilience, q0, steps, perturbation = NULL) {
    m <- .flow_matrix(interdependency, "interdependency")
    n <- rownames(m)
    c <- if (is.null(perturbation)) NULL else .flow_aligned(perturbation, n, "perturbation")
    .flow_call(C_flowr_iim_dynamic, m, .flow_aligned(resilience, n, "resilience"),
               .flow_aligned(q0, n, "q0"), c, as.double(steps))
}

#' Mixed and price input-output models
#'
#' `flow_io_mixed()` is the mixed exogenous/endogenous model (Miller & Blair
#' 2009, section 13.1): the sectors named in `constrained_output` have their
#' output fixed (an embargo as a quantity constraint) and the final demand
#' left for them is implied; the others keep `final_demand` and their output
#' follows. `flow_io_price()` is the Leontief price (cost-push) model with
#' imported inputs, `t(I - A) dp = dv + t(M) dpm` (Miller & Blair 2009,
#' section 2.6).
#'
#' @param coefficients Technical coefficients `A` with sector names.
#' @param final_demand Final demand per sector (entries of constrained
#'   sectors are ignored).
#' @param constrained_output Named vector: fixed outputs of the constrained
#'   sectors.
#' @param value_added_change Change of value added per unit of output.
#' @param import_coefficients Matrix `M`, one row per imported product, one
#'   column per sector.
#' @param import_price_change Relative change of each imported product's price.
#' @return `flow_io_mixed()`: columns `output`, `final_demand`, `constrained`;
#'   `flow_io_price()`: columns `cost_push` and `price_change`.
#' @references Miller, R. E. and Blair, P. D. (2009) *Input-Output Analysis:
#'   Foundations and Extensions*, 2nd ed. Cambridge University Press.
#' @examples
#' a <- matrix(c(.15, .2, .25, .05), 2, dimnames = list(c("agr", "man"), c("agr", "man")))
#' flow_io_mixed(a, c(agr = 350, man = 0), c(man = 1800))
#' flow_io_price(a, value_added_change = c(0.065, 0))
#' @export
flow_io_mixed <- function(coefficients, final_demand, constrained_output) {
    a <- .flow_matrix(coefficients, "coefficients")
    n <- rownames(a)
    if (is.null(n) || is.null(names(constrained_output)) ||
        !all(names(constrained_output) %in% n)) {
        stop("'coefficients' needs row names and 'constrained_output' names among them",
             call. = FALSE)
    }
    fixed <- n %in% names(constrained_output)
    xbar <- rep(0, length(n))
    xbar[fixed] <- as.double(constrained_output[n[fixed]])
    f <- .flow_aligned(final_demand, n, "final_demand")
    f[fixed] <- 0
    .flow_call(C_flowr_io_mixed, a, f, xbar, fixed)
}

#' @rdname flow_io_mixed
#' @export
flow_io_price <- function(coefficients, value_added_change = NULL, import_coefficients = NULL,
                          import_price_change = NULL) {
    a <- .flow_matrix(coefficients, "coefficients")
    n <- rownames(a)
    m <- NULL
    dpm <- NULL
    if (!is.null(import_coefficients)) {
        m <- .flow_matrix(import_coefficients, "import_coefficients")
        if (!is.null(colnames(m)) && !is.null(n)) m <- m[, n, drop = FALSE]
        dpm <- .flow_aligned(import_price_change, rownames(m), "import_price_change")
    }
    dv <- if (is.null(value_added_change)) NULL else
        .flow_aligned(value_added_change, n, "value_added_change")
    .flow_call(C_flowr_io_price, a, m, dpm, dv)
}

# A double vector in the order of `labels`: a named x is matched by name
# (a missing name is an error), an unnamed one is taken in order.
.flow_aligned <- function(x, labels, what) {
    if (!is.null(names(x)) && !is.null(labels) && all(nzchar(names(x)))) {
        missing <- setdiff(labels, names(x))
        if (length(missing) > 0) {
            stop(sprintf("'%s' has no value for %s", what, paste(missing, collapse = ", ")),
                 call. = FALSE)
        }
        x <- x[labels]
    }
    .flow_vector(x, what)
}
