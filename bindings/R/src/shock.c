/*
 * shock.c - .Call glue of sanctions shocks (libflow/shock.h): scenarios,
 * single runs with all their quantities, batches, and DebtRank.
 */
#include "flowr.h"

#include "kinds.h"

#include <stdio.h>

static void scenario_free(void *handle)
{
    flow_scenario_free(handle);
}

const flowr_kind flowr_kind_scenario = {"flow_scenario", scenario_free};

static void shock_options_free(void *handle)
{
    flow_shock_options_free(handle);
}

const flowr_kind flowr_kind_shock_options = {"flow_shock_options", shock_options_free};

static void shock_batch_free(void *handle)
{
    flow_shock_batch_free(handle);
}

const flowr_kind flowr_kind_shock_batch = {"flow_shock_batch", shock_batch_free};

/* ---------------------------------------------------------------- scenarios */

typedef int (*add_name_fn)(flow_scenario *, const char *);

static int add_names(flow_scenario *s, add_name_fn add, SEXP names, const char *what)
{
    const char **list = flowr_strings(names, what, -1);
    int status = FLOW_OK;
    for (; list != NULL && *list != NULL && status == FLOW_OK; list++)
        status = add(s, *list);
    return status;
}

typedef int (*set_rate_fn)(flow_scenario *, const char *, const char *, double);

/* rates: list(layer = chr, product = chr, value = dbl) of equal lengths. */
static int set_rates(flow_scenario *s, set_rate_fn set, SEXP rates, const char *what)
{
    if (Rf_isNull(rates))
        return FLOW_OK;
    if (TYPEOF(rates) != VECSXP || XLENGTH(rates) != 3)
        Rf_error("'%s' must be a list(layer, product, value)", what);
    SEXP values = VECTOR_ELT(rates, 2);
    const int64_t n = TYPEOF(values) == REALSXP ? (int64_t)XLENGTH(values) : -1;
    if (n < 0)
        Rf_error("the values of '%s' must be doubles", what);
    const char **layers = flowr_strings(VECTOR_ELT(rates, 0), what, n);
    const char **products = flowr_strings(VECTOR_ELT(rates, 1), what, n);
    int status = FLOW_OK;
    for (int64_t i = 0; i < n && status == FLOW_OK; i++)
        status = set(s, layers[i], products[i], REAL(values)[i]);
    return status;
}

/* .Call entry: a scenario from its parts (see flow_scenario() in R/shock.R). */
SEXP flowr_scenario_new(SEXP name, SEXP sets, SEXP groups, SEXP modes, SEXP severity,
                        SEXP substitution, SEXP capacity, SEXP markup)
{
    if (TYPEOF(sets) != VECSXP || XLENGTH(sets) != 3 || TYPEOF(groups) != VECSXP ||
        (XLENGTH(groups) > 0 && Rf_isNull(Rf_getAttrib(groups, R_NamesSymbol))) ||
        TYPEOF(modes) != INTSXP || XLENGTH(modes) != 2 || TYPEOF(capacity) != REALSXP ||
        (XLENGTH(capacity) > 0 && Rf_isNull(Rf_getAttrib(capacity, R_NamesSymbol))))
        Rf_error("malformed scenario parts");
    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_scenario, R_NilValue));
    flow_scenario *s = NULL;
    int status = flow_scenario_new(&s);
    R_SetExternalPtrAddr(handle, s);
    if (status == FLOW_OK)
        status = flow_scenario_set_name(s, flowr_string(name, "name"));
    if (status == FLOW_OK)
        status = add_names(s, flow_scenario_add_sanctioning, VECTOR_ELT(sets, 0), "sanctioning");
    if (status == FLOW_OK)
        status = add_names(s, flow_scenario_add_target, VECTOR_ELT(sets, 1), "target");
    if (status == FLOW_OK)
        status = add_names(s, flow_scenario_add_intermediary, VECTOR_ELT(sets, 2), "via");
    SEXP group_names = Rf_getAttrib(groups, R_NamesSymbol);
    for (R_xlen_t g = 0; g < XLENGTH(groups) && status == FLOW_OK; g++) {
        const char *group = Rf_translateCharUTF8(STRING_ELT(group_names, g));
        const char **members = flowr_strings(VECTOR_ELT(groups, g), "groups", -1);
        for (; members != NULL && *members != NULL && status == FLOW_OK; members++)
            status = flow_scenario_add_group_member(s, group, *members);
    }
    if (status == FLOW_OK)
        status = flow_scenario_set_direction(s, INTEGER(modes)[0]);
    if (status == FLOW_OK)
        status = flow_scenario_set_channels(s, INTEGER(modes)[1]);
    if (status == FLOW_OK)
        status = set_rates(s, flow_scenario_set_severity, severity, "severity");
    if (status == FLOW_OK)
        status = set_rates(s, flow_scenario_set_substitution, substitution, "substitution");
    SEXP cap_names = Rf_getAttrib(capacity, R_NamesSymbol);
    for (R_xlen_t i = 0; i < XLENGTH(capacity) && status == FLOW_OK; i++)
        status = flow_scenario_set_capacity(s, Rf_translateCharUTF8(STRING_ELT(cap_names, i)),
                                            REAL(capacity)[i]);
    if (status == FLOW_OK)
        status = flow_scenario_set_markup(s, Rf_asReal(markup));
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/* .Call entry: a scenario parsed from text (is_file FALSE) or read from a file. */
SEXP flowr_scenario_parse(SEXP source, SEXP is_file, SEXP name)
{
    const char *src = flowr_string(source, "scenario");
    const char *label = Rf_isNull(name) ? NULL : flowr_string(name, "name");
    SEXP handle = PROTECT(flowr_handle_new(&flowr_kind_scenario, R_NilValue));
    flow_scenario *s = NULL;
    int status =
        Rf_asLogical(is_file) ? flow_scenario_read(&s, src) : flow_scenario_parse(&s, src, label);
    R_SetExternalPtrAddr(handle, s);
    UNPROTECT(1);
    return status == FLOW_OK ? handle : flowr_failure(status);
}

/* ---------------------------------------------------------------- runs */

/* A text option that may be NULL (""; the layer and product "*", attributes unset). */
static int set_text(flow_shock_options *o, const char *name, SEXP value)
{
    return flow_shock_options_set(o, name, Rf_isNull(value) ? "" : flowr_string(value, name));
}

/* flow_shock_options_set as flowr_apply_options calls it. */
static int set_shock_option(void *opts, const char *name, const char *value)
{
    return flow_shock_options_set(opts, name, value);
}

/* Options held by `holder` (already protected): layer/product, the solver
 * ("auto", "woodbury", "refactor" or NULL) and a named list of further
 * options (DebtRank conventions, contagion; or NULL). */
static int make_options(SEXP holder, SEXP layer, SEXP product, SEXP solver, SEXP more,
                        flow_shock_options **out)
{
    flow_shock_options *o = NULL;
    int status = flow_shock_options_new(&o);
    R_SetExternalPtrAddr(holder, o);
    if (status == FLOW_OK)
        status = set_text(o, "layer", layer);
    if (status == FLOW_OK)
        status = set_text(o, "product", product);
    if (status == FLOW_OK && !Rf_isNull(solver))
        status = set_text(o, "solver", solver);
    if (status == FLOW_OK && !Rf_isNull(more))
        status = flowr_apply_options(o, set_shock_option, more);
    *out = o;
    return status;
}

/* .Call entry: the scenario's name. */
SEXP flowr_scenario_name(SEXP handle)
{
    const flow_scenario *s = flowr_handle_get(handle, &flowr_kind_scenario);
    return Rf_mkString(flow_scenario_name(s));
}

/* .Call entry: the scenario's cut plan (flow_scenario_plan), against a dataset or none. */
SEXP flowr_scenario_plan(SEXP handle, SEXP dataset, SEXP layer, SEXP product)
{
    const flow_scenario *s = flowr_handle_get(handle, &flowr_kind_scenario);
    const flow_dataset *ds =
        Rf_isNull(dataset) ? NULL : flowr_handle_get(dataset, &flowr_kind_dataset);
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_shock_options, R_NilValue));
    flow_shock_options *o = NULL;
    flow_table *t = NULL;
    int status = make_options(opts_holder, layer, product, R_NilValue, R_NilValue, &o);
    if (status == FLOW_OK)
        status = flow_scenario_plan(&t, s, ds, o);
    flowr_release(opts_holder);
    UNPROTECT(1);
    return flowr_table_result(status, t);
}

/* .Call entry: runs the scenario on the model and returns list(regions, nodes),
 * the run's two tables (flowr_table_result; the totals, solver and sets are
 * the scalars of the region table). */
SEXP flowr_shock_run(SEXP model, SEXP scenario, SEXP layer, SEXP product, SEXP solver)
{
    flow_io_model *m = flowr_handle_get(model, &flowr_kind_io_model);
    const flow_scenario *s = flowr_handle_get(scenario, &flowr_kind_scenario);
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_shock_options, R_NilValue));
    flow_shock_options *o = NULL;
    flow_table *regions = NULL, *nodes = NULL;
    int status = make_options(opts_holder, layer, product, solver, R_NilValue, &o);
    if (status == FLOW_OK)
        status = flow_shock_run(&regions, &nodes, m, s, o);
    flowr_release(opts_holder);
    if (status != FLOW_OK) {
        UNPROTECT(1);
        return flowr_failure(status);
    }
    static const char *const names[] = {"regions", "nodes"};
    SEXP out = PROTECT(flowr_list(2, names));
    SET_VECTOR_ELT(out, 0, flowr_table_result(FLOW_OK, regions));
    SET_VECTOR_ELT(out, 1, flowr_table_result(FLOW_OK, nodes));
    UNPROTECT(2);
    return out;
}

/* The Monte-Carlo ranges severity_lo, severity_hi, rho_lo, rho_hi from four numbers. */
static int set_draws(flow_shock_options *o, const double *range)
{
    static const char *const keys[] = {"severity_lo", "severity_hi", "rho_lo", "rho_hi"};
    int status = FLOW_OK;
    for (int i = 0; status == FLOW_OK && i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "%.17g", range[i]);
        status = flow_shock_options_set(o, keys[i], text);
    }
    return status;
}

/* .Call entry: a batch - kind 0 each member of S alone, 1 a sweep of rho over
 * params = (from, to, steps), 2 Monte-Carlo with params = (draws, seed,
 * severity_lo, severity_hi, rho_lo, rho_hi) - returned as list(scenarios,
 * regions), the batch's tables (flowr_table_result). */
SEXP flowr_shock_batch(SEXP model, SEXP scenario, SEXP kind, SEXP params, SEXP layer, SEXP product)
{
    flow_io_model *m = flowr_handle_get(model, &flowr_kind_io_model);
    const flow_scenario *s = flowr_handle_get(scenario, &flowr_kind_scenario);
    int64_t np;
    const double *p = flowr_doubles(params, "params", &np);
    const int k = Rf_asInteger(kind);
    if ((k == 1 && np != 3) || (k == 2 && np != 6))
        Rf_error("wrong number of batch parameters");
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_shock_options, R_NilValue));
    SEXP holder = PROTECT(flowr_handle_new(&flowr_kind_shock_batch, R_NilValue));
    flow_shock_options *o = NULL;
    flow_shock_batch *b = NULL;
    flow_table *scenarios = NULL, *regions = NULL;
    int status = make_options(opts_holder, layer, product, R_NilValue, R_NilValue, &o);
    if (status == FLOW_OK && k == 0)
        status = flow_shock_batch_each_member(&b, m, s, o);
    else if (status == FLOW_OK && k == 1)
        status = flow_shock_batch_sweep_substitution(&b, m, s, p[0], p[1],
                                                     flowr_whole(p[2], "steps"), o);
    else if (status == FLOW_OK && (status = set_draws(o, p + 2)) == FLOW_OK)
        status = flow_shock_batch_montecarlo(&b, m, s, flowr_whole(p[0], "draws"),
                                             flowr_whole(p[1], "seed"), o);
    R_SetExternalPtrAddr(holder, b);
    if (status == FLOW_OK)
        status = flow_shock_batch_table(&scenarios, b, FLOW_SHOCK_BATCH_SCENARIOS);
    if (status == FLOW_OK)
        status = flow_shock_batch_table(&regions, b, FLOW_SHOCK_BATCH_REGIONS);
    flowr_release(holder);
    flowr_release(opts_holder);
    if (status != FLOW_OK) {
        flow_table_free(scenarios);
        UNPROTECT(2);
        return flowr_failure(status);
    }
    static const char *const names[] = {"scenarios", "regions"};
    SEXP out = PROTECT(flowr_list(2, names));
    SET_VECTOR_ELT(out, 0, flowr_table_result(FLOW_OK, scenarios));
    SET_VECTOR_ELT(out, 1, flowr_table_result(FLOW_OK, regions));
    UNPROTECT(3);
    return out;
}

/* ---------------------------------------------------------------- DebtRank */

/* .Call entry: DebtRank on an exposure matrix, from the initial distress
 * `initial` or, when `scenario` is not NULL, from the claims it cuts (codes
 * name the nodes; layer and product select its severity). conventions as for
 * make_options. Returns the result table (flowr_table_result). */
SEXP flowr_debtrank(SEXP exposure, SEXP capital, SEXP initial, SEXP value, SEXP conventions,
                    SEXP scenario, SEXP codes, SEXP layer, SEXP product)
{
    int64_t n, n2, ncap, ninit = 0, nval = 0;
    const double *w = flowr_row_major(exposure, "exposure", &n, &n2);
    const double *cap = flowr_doubles(capital, "capital", &ncap);
    const double *h0 = Rf_isNull(initial) ? NULL : flowr_doubles(initial, "initial", &ninit);
    const double *val = Rf_isNull(value) ? NULL : flowr_doubles(value, "value", &nval);
    const flow_scenario *s =
        Rf_isNull(scenario) ? NULL : flowr_handle_get(scenario, &flowr_kind_scenario);
    const char **names = flowr_strings(codes, "codes", n);
    if (n != n2 || ncap != n || (h0 != NULL && ninit != n) || (val != NULL && nval != n) ||
        (s == NULL && h0 == NULL) || (s != NULL && names == NULL))
        Rf_error("'exposure' must be square with one capital, value and initial distress (or "
                 "code, with a scenario) per node");
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_shock_options, R_NilValue));
    flow_shock_options *o = NULL;
    flow_table *r = NULL;
    int status = make_options(opts_holder, layer, product, R_NilValue, conventions, &o);
    flow_table *claims = NULL; /* the scenario variant: claims labelled by the codes */
    if (status == FLOW_OK && s != NULL)
        status = flow_table_new(&claims, n, n, w, n);
    for (int64_t i = 0; status == FLOW_OK && s != NULL && i < n; i++)
        status = flow_table_set_row_label(claims, i, names[i], NULL);
    if (status == FLOW_OK)
        status = s == NULL ? flow_debtrank_run(&r, n, w, n, cap, h0, val, o)
                           : flow_debtrank_run_scenario(&r, claims, cap, val, s, o);
    flow_table_free(claims);
    flowr_release(opts_holder);
    UNPROTECT(1);
    return flowr_table_result(status, r);
}

/* .Call entry: the inoperability model q = (I - A*)^-1 c* on explicit
 * coefficients, clipped to [0, 1] when `clip`. */
SEXP flowr_inoperability(SEXP astar, SEXP cstar, SEXP clip)
{
    int64_t n, n2, nc;
    const double *a = flowr_row_major(astar, "astar", &n, &n2);
    const double *c = flowr_doubles(cstar, "cstar", &nc);
    if (n != n2 || nc != n)
        Rf_error("'astar' must be square with one entry of 'cstar' per sector");
    double *q = flowr_scratch(n);
    int status = flow_shock_inoperability(q, n, n, a, n, c, Rf_asLogical(clip));
    return status == FLOW_OK ? flowr_vector(q, n) : flowr_failure(status);
}

/* ---------------------------------------------------------------- reports */

/* .Call entry: the report of a scenario on a dataset for one year. settings
 * = list(gdp attribute or NULL, capital attribute or NULL, by_product,
 * conventions as for make_options). Returns list(economies, systems), the
 * report's tables (flowr_table_result; the systems' "kind" column is a
 * flow_layer_kind). */
SEXP flowr_shock_report(SEXP dataset, SEXP scenario, SEXP year, SEXP settings, SEXP layer,
                        SEXP product)
{
    const flow_dataset *ds = flowr_handle_get(dataset, &flowr_kind_dataset);
    const flow_scenario *s = flowr_handle_get(scenario, &flowr_kind_scenario);
    if (TYPEOF(settings) != VECSXP || XLENGTH(settings) != 4)
        Rf_error("the report settings must be a list of four");
    SEXP gdp = VECTOR_ELT(settings, 0), capital = VECTOR_ELT(settings, 1);
    SEXP opts_holder = PROTECT(flowr_handle_new(&flowr_kind_shock_options, R_NilValue));
    flow_shock_options *o = NULL;
    flow_table *economies = NULL, *systems = NULL;
    int status = make_options(opts_holder, layer, product, R_NilValue, VECTOR_ELT(settings, 3), &o);
    if (status == FLOW_OK)
        status = set_text(o, "size_attribute", gdp);
    if (status == FLOW_OK)
        status = set_text(o, "capital_attribute", capital);
    if (status == FLOW_OK)
        status = flow_shock_options_set(o, "by_product",
                                        Rf_asLogical(VECTOR_ELT(settings, 2)) == TRUE ? "1" : "0");
    if (status == FLOW_OK)
        status = flow_shock_report_new(&economies, &systems, ds, flowr_int64(year, "year"), s, o);
    flowr_release(opts_holder);
    if (status != FLOW_OK) {
        UNPROTECT(1);
        return flowr_failure(status);
    }
    static const char *const names[] = {"economies", "systems"};
    SEXP out = PROTECT(flowr_list(2, names));
    SET_VECTOR_ELT(out, 0, flowr_table_result(FLOW_OK, economies));
    SET_VECTOR_ELT(out, 1, flowr_table_result(FLOW_OK, systems));
    UNPROTECT(2);
    return out;
}
