#' Sanctions scenarios
#'
#' A scenario says who cuts what with whom: a sanctioning set and a target
#' set of economies (codes, or names of `groups`), the direction of the cut,
#' the input-output channels it touches, a severity in `[0, 1]` (1 = full cut)
#' per layer and product group and, optionally, rerouting through
#' intermediaries: a substitution ratio (the share of a cut flow that seeks a
#' route through `via`), capacities per intermediary and a transit mark-up.
#' `flow_scenario_parse()` and `flow_scenario_read()` take libflow's scenario
#' text format (see the libflow documentation); their errors name the line.
#'
#' `severity` and `substitution` are a number (every layer and product), a
#' vector named by layer (any product), or a data frame with columns `layer`,
#' `product` and `value` (`"*"` matches any).
#'
#' @param sanctioning,target Economy codes or group names.
#' @param severity Share of the flows cut.
#' @param direction `"both"`, `"exports"` (the sanctioning set's sales to the
#'   target) or `"imports"` (its purchases from the target).
#' @param channels `"all"`, `"intermediate"` (blocks of `A`) or `"final"`
#'   (final demand).
#' @param substitution Share of each cut flow rerouted through `via`.
#' @param via Intermediary economies for rerouting.
#' @param capacity Named vector of the most each intermediary can carry.
#' @param markup Transit mark-up (price premium) on rerouted flows.
#' @param groups Named list of economy groups, e.g.
#'   `list(G7 = c("USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN"))`.
#' @param name Scenario name.
#' @return A handle of class `flow_scenario`.
#' @examples
#' s <- flow_scenario("G7", "RUS", severity = c(energy = 1), substitution = 0.6,
#'                    via = c("CHN", "IND", "TUR"),
#'                    groups = list(G7 = c("USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN")))
#' s
#' @export
flow_scenario <- function(sanctioning, target, severity = 1,
                          direction = c("both", "exports", "imports"),
                          channels = c("all", "intermediate", "final"), substitution = NULL,
                          via = NULL, capacity = NULL, markup = 0, groups = NULL,
                          name = "scenario") {
    direction <- match(match.arg(direction), c("exports", "imports", "both"))
    channels <- match(match.arg(channels), c("intermediate", "final", "all"))
    capacity <- if (is.null(capacity)) stats::setNames(numeric(0), character(0)) else {
        if (is.null(names(capacity))) stop("'capacity' must be named by economy", call. = FALSE)
        stats::setNames(as.double(capacity), names(capacity))
    }
    groups <- if (is.null(groups)) stats::setNames(list(), character(0)) else {
        if (is.null(names(groups))) stop("'groups' must be a named list", call. = FALSE)
        lapply(groups, .flow_labels)
    }
    .flow_call(C_flowr_scenario_new, as.character(name),
               list(.flow_labels(sanctioning), .flow_labels(target), .flow_labels(via)),
               groups, c(direction, channels), .flow_rates(severity, "severity"),
               .flow_rates(substitution, "substitution"), capacity, as.double(markup))
}

# list(layer, product, value) from a number, a vector named by layer or a
# data frame with layer, product and value columns.
.flow_rates <- function(x, what) {
    if (is.null(x)) return(NULL)
    if (is.data.frame(x)) {
        return(list(as.character(x$layer), as.character(x$product), as.double(x$value)))
    }
    if (!is.numeric(x)) stop(sprintf("'%s' must be numeric or a data frame", what), call. = FALSE)
    layers <- if (is.null(names(x))) rep("*", length(x)) else names(x)
    list(layers, rep("*", length(x)), as.double(x))
}

#' @rdname flow_scenario
#' @param text Scenario text in libflow's format.
#' @param source Name of the text in error messages.
#' @export
flow_scenario_parse <- function(text, source = NULL) {
    .flow_call(C_flowr_scenario_parse, paste(text, collapse = "\n"), FALSE, source)
}

#' @rdname flow_scenario
#' @param file Path of a scenario file.
#' @export
flow_scenario_read <- function(file) {
    .flow_call(C_flowr_scenario_parse, path.expand(file), TRUE, NULL)
}

#' A scenario resolved once: its cut plan
#'
#' The plan every run resolves a [flow_scenario()] into (C
#' `flow_scenario_plan`): a matrix with the columns `index`, `capacity`,
#' `weight`, `severity`, `rho` and `kind`, rows labelled by economy code (sets
#' and groups) or `layer:product` (rates), their kind in the `row_groups`
#' attribute: `sanctioning`, `target`, `intermediary` for codes named
#' directly, `sanctioning:G` (...) for members of a group G named there,
#' `group:G` for the definition of every group, `layer` for the severity,
#' substitution ratio and layer kind (0 flow, 1 stock) of each layer and
#' product (with a dataset every one of its matrices, else the pairs the
#' scenario states; and the `layer`/`product` given). `index` is the
#' economy's position in the dataset (-1 when absent or without a dataset).
#' Attribute `scalars`: `direction`, `channels`, `markup`, `throughput`,
#' `min_share`, `economies`, `skipped`, `sector_blocks`.
#'
#' @param scenario A `flow_scenario`.
#' @param dataset A `flow_dataset` to resolve the names against, or `NULL`.
#' @param layer,product The layer and product whose rates to include (`NULL`: `*`).
#' @return A numeric matrix.
#' @export
flow_scenario_plan <- function(scenario, dataset = NULL, layer = NULL, product = NULL) {
    .flow_call(C_flowr_scenario_plan, scenario, dataset, layer, product)
}

# The names of a set as the scenario gives them (codes, or the groups named).
.flow_plan_names <- function(plan, set) {
    groups <- attr(plan, "row_groups")
    direct <- groups == set
    member <- startsWith(groups, paste0(set, ":"))
    names <- ifelse(direct, rownames(plan), substring(groups, nchar(set) + 2))
    unique(names[direct | member])
}

#' @export
print.flow_scenario <- function(x, ...) {
    if (!flow_is_open(x)) return(NextMethod())
    plan <- flow_scenario_plan(x)
    info <- attr(plan, "scalars")
    rates <- plan[attr(plan, "row_groups") == "layer" & rownames(plan) == "*:*", ,
                  drop = FALSE]
    via <- .flow_plan_names(plan, "intermediary")
    cat(sprintf("<flow_scenario '%s': %s cut %s with %s (%s), severity %g, rerouting %g%s>\n",
                .Call(C_flowr_scenario_name, x),
                paste(.flow_plan_names(plan, "sanctioning"), collapse = " "),
                c("exports to", "imports from", "trade")[info[["direction"]]],
                paste(.flow_plan_names(plan, "target"), collapse = " "),
                c("intermediate", "final", "all channels")[info[["channels"]]],
                rates[1, "severity"], rates[1, "rho"],
                if (length(via)) paste0(" via ", paste(via, collapse = " ")) else ""))
    invisible(x)
}

.flow_node_quantities <- c("output", "demand_total", "demand_direct", "demand_indirect",
                           "supply_total", "supply_direct", "supply_indirect", "inoperability",
                           "inoperability_unclipped", "inoperability_loss")
.flow_region_quantities <- c(.flow_node_quantities, "cut", "lost", "rerouted_via",
                             "transit_rent", "markup_cost")

#' Propagate a sanctions shock through an input-output model
#'
#' Applies a [flow_scenario()] to a [flow_io_model()] (a multi-regional
#' table, or a country-level system from [flow_country_model()]) and
#' evaluates the lenses on the same cut:
#'
#' * demand (Leontief): `x - solve(I - A~, y~)` with the cut entries of `A`
#'   and final demand scaled by `1 - severity`; split into the direct loss
#'   `(A - A~) x + (y - y~)` and the indirect rest;
#' * supply (Ghosh): the loss when the cut inputs stop arriving, an exposure
#'   indicator rather than a forecast (Oosterhaven 1988);
#' * inoperability (Haimes & Jiang 2001): `q = solve(I - A*, c*)` clipped to
#'   `[0, 1]`, and the loss `x * q`;
#'
#' and, with rerouting, how much of the cut flow went through each
#' intermediary and how much was lost. Volumes are losses (positive = less
#' output) in the model's units.
#'
#' @param model A [flow_io_model()].
#' @param scenario A [flow_scenario()].
#' @param layer,product The layer and product group the model stands for:
#'   they select the scenario's severity and substitution ratio.
#' @param solver How cuts of `A` are solved: `"auto"`, `"woodbury"` (low-rank
#'   update of the model's factorisation) or `"refactor"`.
#' @return A list of class `flow_shock`: `nodes` and `regions` (data frames
#'   of the quantities per sector and per region; per region the
#'   inoperabilities are output-weighted means; the flows `cut`, `lost`,
#'   `rerouted_via`, `transit_rent` and `markup_cost` exist per region only),
#'   `totals` (cut, rerouted,
#'   lost), `solver`, `rank` and `sets` (regions resolved in each set, group
#'   members skipped).
#' @references Haimes, Y. Y. and Jiang, P. (2001) Leontief-based model of risk
#'   in complex interconnected infrastructures. *Journal of Infrastructure
#'   Systems* 7(1).
#' @export
flow_shock <- function(model, scenario, layer = NULL, product = NULL,
                       solver = c("auto", "woodbury", "refactor")) {
    solver <- match.arg(solver)
    out <- .flow_call(C_flowr_shock_run, model, scenario, layer, product, solver)
    regions <- .flow_frame(out$regions)
    nodes <- .flow_frame(out$nodes)
    rownames(nodes) <- .flow_io_labels(model)$nodes
    scalars <- attr(regions, "scalars")
    attr(regions, "scalars") <- attr(nodes, "scalars") <- NULL
    structure(list(
        nodes = nodes,
        regions = regions,
        totals = scalars[c("cut", "rerouted", "lost")],
        solver = c("none", "base", "woodbury", "refactor")[scalars[["solver"]] + 1],
        rank = scalars[["rank"]],
        sets = scalars[c("sanctioning", "target", "skipped")]),
        class = "flow_shock")
}

#' @export
print.flow_shock <- function(x, ...) {
    cat(sprintf("shock: %g cut, %g rerouted, %g lost (solver %s)\n", x$totals[["cut"]],
                x$totals[["rerouted"]], x$totals[["lost"]], x$solver))
    print(x$regions[, c("demand_total", "supply_total", "inoperability", "rerouted_via")])
    invisible(x)
}

#' Batches of shock scenarios
#'
#' Runs many variants of a scenario on one model, sharing its factorisation:
#' `"each_member"` runs one scenario per member of the sanctioning set
#' ("each G7 member alone"), `"sweep"` runs the substitution ratio from
#' `rho[1]` to `rho[2]` in `steps` steps, `"montecarlo"` draws `draws`
#' scenarios with severities uniform on `severity` and substitution ratios
#' uniform on `rho` (reproducible for a given `seed`).
#'
#' @inheritParams flow_shock
#' @param type `"each_member"`, `"sweep"` or `"montecarlo"`.
#' @param rho Range of the substitution ratio.
#' @param steps Number of sweep steps (at least 2).
#' @param draws,seed Monte-Carlo draws and generator seed.
#' @param severity Range of the severity (Monte-Carlo).
#' @param quantity The region quantity returned in `values`, e.g.
#'   `"demand_total"`, `"inoperability"`, `"lost"`.
#' @return A list: `values`, a scenarios x regions matrix of `quantity`;
#'   `scenarios`, a data frame of each scenario's member (for
#'   `"each_member"`), severity and substitution ratio; `all`, every region
#'   quantity as a regions x quantities x scenarios array; `work`, the
#'   factorisations, Woodbury updates and shared solves the batch made.
#' @export
flow_shock_batch <- function(model, scenario, type = c("each_member", "sweep", "montecarlo"),
                             rho = c(0, 1), steps = 11, draws = 100, seed = 1,
                             severity = c(0, 1), quantity = "demand_total", layer = NULL,
                             product = NULL) {
    type <- match.arg(type)
    quantity <- match.arg(quantity, .flow_region_quantities)
    params <- switch(type,
                     each_member = numeric(0),
                     sweep = c(rho[1], rho[2], steps),
                     montecarlo = c(draws, seed, severity[1], severity[2], rho[1], rho[2]))
    kind <- match(type, c("each_member", "sweep", "montecarlo")) - 1L
    out <- .flow_call(C_flowr_shock_batch, model, scenario, kind, as.double(params), layer,
                      product)
    # The library's tables: one row per scenario, and one per scenario and region.
    count <- nrow(out$scenarios)
    nr <- nrow(out$regions) %/% max(count, 1)
    regions <- rownames(out$regions)[seq_len(nr)]
    all <- array(t(out$regions), c(ncol(out$regions), nr, count),
                 list(colnames(out$regions), regions, rownames(out$scenarios)))
    all <- aperm(all, c(2, 1, 3))
    values <- matrix(out$regions[, quantity], count, nr, byrow = TRUE,
                     dimnames = list(rownames(out$scenarios), regions))
    member <- out$scenarios[, "member"]
    scenarios <- data.frame(member = ifelse(member < 0, NA, regions[member + 1]),
                            severity = out$scenarios[, "severity"],
                            rho = out$scenarios[, "rho"], row.names = rownames(out$scenarios))
    list(values = values, scenarios = scenarios, all = all,
         work = attr(out$scenarios, "scalars"))
}

#' DebtRank: distress propagation in a network of claims
#'
#' DebtRank (Battiston et al. 2012) on `n` lenders/borrowers.
#' `exposure[i, j]` is the claim of lender `i` on borrower `j`; the impact of
#' `j`'s distress on `i` is `min(1, exposure[i, j] / capital[i])`. Starting
#' from the distress `initial` - or, given a `scenario`, from the claims the
#' scenario cuts (written off: each lender's initial distress is
#' `min(1, claims cut / capital)`) - distress spreads round by round;
#' `rank` is the value-weighted distress the network adds to the initial
#' shock.
#'
#' @param exposure Square non-negative matrix of claims (row = lender); its
#'   row names are the economy codes a scenario refers to.
#' @param capital Loss-absorbing capital of each node.
#' @param initial Initial distress of each node, in `[0, 1]` (not used with a
#'   `scenario`).
#' @param value Weight of each node in the rank (`NULL`: its share of all
#'   claims).
#' @param scenario Optional [flow_scenario()] whose cut gives the initial
#'   distress.
#' @param layer,product Select the scenario's severity (e.g. `"finance"`).
#' @param keep_self_loops Keep `exposure[i, i]` (removed by default).
#' @param single_propagation A node passes distress on once (Battiston et al.
#'   2012) rather than on every increment (Bardoscia et al. 2015).
#' @param max_rounds Round limit.
#' @param recovery Share of a claim on a defaulted borrower that is repaid
#'   (scales every impact and a write-off; default 0).
#' @param funding_discount Equity a borrower loses per unit of funding
#'   withdrawn and not replaced (default 0.1, a stylised fire-sale discount).
#' @param stock_cut What a scenario's cut does to the claims: `"write_off"`
#'   (frozen: lenders lose `1 - recovery` of the claims lost), `"withdraw"`
#'   (repaid at par: borrowers lose funding) or `"auto"` (a full cut is a
#'   write-off, a partial one a withdrawal). The cut is rerouted as in
#'   [flow_shock()] and distress travels on the claims left.
#' @return A list: `distress` (final) and `initial` per node, named by the
#'   row names of `exposure`; `rank`, `initial_impact`, `final_impact` and
#'   `rounds`; with a scenario also `claims_lost`, `funding_lost` and
#'   `rerouted_via` per node and `cut`, `rerouted`, `lost`, `stock_cut`. Named `capital`, `initial` and `value` vectors are aligned
#'   with the row names of `exposure` by name (a missing or unknown name is
#'   an error); unnamed ones are taken in order.
#' @references Battiston, S. et al. (2012) DebtRank: too central to fail?
#'   *Scientific Reports* 2:541.
#' @export
flow_debtrank <- function(exposure, capital, initial = NULL, value = NULL, scenario = NULL,
                          layer = NULL, product = NULL, keep_self_loops = FALSE,
                          single_propagation = TRUE, max_rounds = 1000, recovery = 0,
                          funding_discount = 0.1,
                          stock_cut = c("auto", "write_off", "withdraw")) {
    exposure <- .flow_matrix(exposure, "exposure")
    codes <- .flow_economies(exposure)
    if (is.null(scenario) && is.null(initial)) {
        stop("give the initial distress or a scenario", call. = FALSE)
    }
    if (!is.null(scenario) && is.null(codes)) {
        stop("with a scenario, 'exposure' needs economy codes as row names", call. = FALSE)
    }
    capital <- .flow_align(capital, codes, "capital")
    if (!is.null(initial)) initial <- .flow_align(initial, codes, "initial")
    if (!is.null(value)) value <- .flow_align(value, codes, "value")
    table <- .flow_call(C_flowr_debtrank, exposure, .flow_vector(capital, "capital"),
                        if (is.null(scenario)) .flow_vector(initial, "initial"),
                        if (!is.null(value)) .flow_vector(value, "value"),
                        .flow_contagion(keep_self_loops, single_propagation, max_rounds,
                                        recovery, funding_discount, stock_cut),
                        scenario, .flow_labels(codes), layer, product)
    frame <- .flow_frame(table)
    out <- c(list(distress = frame$distress_final, initial = frame$distress_initial),
             as.list(attr(frame, "scalars")))
    names(out$distress) <- names(out$initial) <- codes
    for (column in c("claims_lost", "funding_lost", "rerouted_via")) {
        if (!is.null(frame[[column]])) out[[column]] <- stats::setNames(frame[[column]], codes)
    }
    out
}

# The DebtRank conventions and the contagion settings, as the C side takes them.
.flow_contagion <- function(keep_self_loops = FALSE, single_propagation = TRUE,
                            max_rounds = 1000, recovery = 0, funding_discount = 0.1,
                            stock_cut = "auto") {
    # Passed key by key through flow_shock_options_set (its names are the keys).
    .flow_option_texts(keep_self_loops = keep_self_loops,
                       single_propagation = single_propagation, max_rounds = max_rounds,
                       recovery = recovery, funding_discount = funding_discount,
                       stock_cut = match.arg(stock_cut[1], c("auto", "write_off", "withdraw")))
}

#' Inoperability input-output model on explicit coefficients
#'
#' Solves `(I - A*) q = c*` (Haimes & Jiang 2001; Santos & Haimes 2004) for
#' the inoperability `q` of each sector, clipped to `[0, 1]` by default.
#'
#' @param astar Square interdependency matrix `A*`.
#' @param cstar Demand-side perturbation `c*`, one per sector.
#' @param clip Clip `q` to `[0, 1]`.
#' @return The inoperability of each sector, named by the row names of
#'   `astar`.
#' @examples
#' flow_inoperability(matrix(c(0, 0.2, 0.8, 0), 2), c(0, 0.6)) # 0.48/0.84, 0.6/0.84
#' @export
flow_inoperability <- function(astar, cstar, clip = TRUE) {
    astar <- .flow_matrix(astar, "astar")
    out <- .flow_call(C_flowr_inoperability, astar, .flow_vector(cstar, "cstar"), isTRUE(clip))
    stats::setNames(out, rownames(astar))
}

#' A sanctions scenario on every layer of a dataset
#'
#' For one year, every layer (and product) matrix of the dataset that the
#' scenario cuts becomes a country-level system over the economies with
#' flows in it, and gets the demand, supply and inoperability lenses, the
#' rerouting accounts; a stock layer (`"finance"` by default) gets no lens
#' but the cut of its claims and, when `capital` is given, DebtRank. Matrices of one layer with the same unit and the same severity
#' and substitution ratio are summed into one system unless `by_product`.
#' Sizes: for layers in USD (`USD_bn`, `USD_m`, ...) the GDP attribute
#' `gdp` (in USD bn, converted) plus what the economy sends to the others;
#' otherwise, or without `gdp`, the traded volume (sent + received).
#'
#' @param dataset A [flow_dataset()].
#' @param scenario A [flow_scenario()].
#' @param year The year of the matrices.
#' @param gdp Name of the dataset's GDP attribute (USD bn), or `NULL`.
#' @param capital Name of the bank-capital attribute for DebtRank on the
#'   finance layer, or `NULL`.
#' @param by_product Keep every product in its own system.
#' @param layer,product Restrict the report to these matrices (`NULL`: all).
#' @param recovery,funding_discount,stock_cut Contagion on stock layers, as
#'   in [flow_debtrank()].
#' @param prices Named numeric vector of prices per product in USD_m per
#'   physical unit of the product's matrices (`c(crude_oil = 520)`: 520 USD/t
#'   for Mt, USD per 1000 m3 for bcm), or `NULL`. A priced physical system is
#'   valued (flows x price), counts in `USD_m` and is sized like money; an
#'   unpriced one keeps its unit (shares only meaningful).
#' @return A list: `systems`, a data frame with one row per system (layer,
#'   product, unit, economies, severity, rho,
#'   cut, rerouted, lost, solver, rank, skipped, the value-weighted
#'   DebtRank distress `initial_impact`, `final_impact` and `debtrank`, `NaN`
#'   without one, `kind`: a `"stock"` system such as bank claims has no
#'   demand, supply or inoperability values, `NaN`, see
#'   [flow_set_layer_kind()]; `value_units`, 1 for money (native or priced),
#'   0 for physical units; `price`, USD_m per physical unit, `NaN` when not
#'   priced); `values`, an economies x quantities x systems
#'   array (the quantities of [flow_shock()] per region plus `size`,
#'   `distress_initial` and `distress_final`; economies outside a system have
#'   0, distress `NaN`); `economies`, the library's table of those values, one
#'   row per system and economy (attribute `row_groups`: the system).
#' @export
flow_shock_report <- function(dataset, scenario, year, gdp = NULL, capital = NULL,
                              by_product = FALSE, layer = NULL, product = NULL, recovery = 0,
                              funding_discount = 0.1, stock_cut = "auto", prices = NULL) {
    if (!is.null(prices) && (!is.numeric(prices) || is.null(names(prices))))
        stop("'prices' must be a named numeric vector, e.g. c(crude_oil = 520)")
    price_list <- if (is.null(prices)) NULL else
        paste0(names(prices), "=", formatC(as.double(prices), digits = 17, format = "g"),
               collapse = ",")
    out <- .flow_call(C_flowr_shock_report, dataset, scenario, as.double(year),
                      list(gdp, capital, isTRUE(by_product),
                           c(.flow_contagion(recovery = recovery,
                                             funding_discount = funding_discount,
                                             stock_cut = stock_cut),
                             .flow_option_texts(prices = price_list))),
                      layer, product)
    labels <- rownames(out$systems)
    parts <- regmatches(labels, regexpr(":", labels), invert = TRUE)
    systems <- data.frame(layer = vapply(parts, `[`, "", 1),
                          product = vapply(parts, `[`, "", 2),
                          unit = if (is.null(attr(out$systems, "row_groups"))) "" else
                              attr(out$systems, "row_groups"),
                          out$systems[, , drop = FALSE], row.names = NULL)
    systems$solver <- c("none", "base", "woodbury", "refactor")[systems$solver + 1]
    systems$kind <- c("flow", "stock")[systems$kind + 1]
    ne <- nrow(out$economies) %/% max(length(labels), 1)
    values <- array(t(out$economies), c(ncol(out$economies), ne, length(labels)),
                    list(colnames(out$economies), rownames(out$economies)[seq_len(ne)], labels))
    list(systems = systems, values = aperm(values, c(2, 1, 3)), economies = out$economies)
}
