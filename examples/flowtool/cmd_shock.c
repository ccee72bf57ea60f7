/*
 * cmd_shock.c - "flowtool shock": a sanctions scenario on the layers of a
 * dataset, through libflow's four lenses, with rerouting and batches.
 *
 * The work is libflow's combined report (flow_shock_report_new): one
 * country-level system per layer (and unit) the scenario cuts, lenses 1-3,
 * rerouting and DebtRank; this file loads the scenario (file, flags, groups
 * from the economies CSV) and prints the report's tables.
 */
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_shock[] =
    "sanctions shock: demand, supply, inoperability and DebtRank lenses, rerouting";

static const char usage[] = "flowtool shock [options] FILE.csv [FILE.csv ...]\n"
                            "       flowtool shock --mrio FORMAT [options] DATABASE";
static const char description[] =
    "Applies a sanctions scenario (--scenario FILE, or the flags below) to the layers it\n"
    "cuts and prints, per layer: the volume cut, rerouted and lost; the loss of every\n"
    "economy under the demand (Leontief: total, direct, indirect), supply (Ghosh: an\n"
    "exposure indicator, not a forecast) lenses, and as % of its size (the inoperability\n"
    "lens, the share of output lost, is the demand % clipped to [0, 100] there: output is\n"
    "the size);\n"
    "the volume each intermediary carries; and DebtRank on the finance layer (capital\n"
    "from --capital). --compare FILE runs a second scenario and prints the differences.\n"
    "Batches on one layer (--layer, --product): --each-member, --sweep N (rho from 0 to 1),\n"
    "--montecarlo N (severity and rho uniform on the ranges given; 5/50/95% bands).\n"
    "Group names (G7, EU, ...) come from the scenario or from the 'group' column of\n"
    "--groups (default: --attributes). Scenario format: docs/scenarios.md.\n"
    "--mrio FORMAT reads a multi-regional IO database instead (icio, exiobase, figaro,\n"
    "pymrio) and runs the scenario's sector-specific cuts ('cut RUS energy EU,G7 1') and\n"
    "its region-pair cuts on layer '*' block by block: losses by region, then the most\n"
    "inoperable region x sector nodes (--top).";

struct shock_cli {
    struct flowtool_common c;
    const char *scenario, *compare, *groups, *size_attr, *capital_attr;
    const char *name, *sanctioning, *target, *direction, *channels, *cut, *reroute, *via;
    const char *capacity, *markup, *prices;
    struct flowtool_mrio_options mrio; /* --mrio FORMAT and its reading options */
    int by_product, each_member;
    int64_t sweep, montecarlo, seed;
    double sev_lo, sev_hi, rho_lo, rho_hi;
};

/* ------------------------------------------------------------ scenario */

/* Appends "keyword a b c\n" for a comma-separated list. */
static void append_list(char *text, size_t cap, const char *keyword, const char *list)
{
    size_t len = strlen(text);
    snprintf(text + len, cap - len, "%s %s\n", keyword, list);
    for (char *p = text + len; *p; p++)
        if (*p == ',')
            *p = ' ';
}

/* "energy=1,finance:bank_claims=0.5" -> "cut energy * 1\ncut finance bank_claims 0.5\n". */
static int append_rates(char *text, size_t cap, const char *keyword, const char *spec)
{
    char *copy = strdup(spec), *save = NULL;
    int rc = copy == NULL ? -1 : 0;
    for (char *item = copy ? strtok_r(copy, ",", &save) : NULL; rc == 0 && item != NULL;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '='), *colon = strchr(item, ':');
        if (eq == NULL) {
            fprintf(stderr, "flowtool: --%s item '%s' is not LAYER[:PRODUCT]=VALUE\n", keyword,
                    item);
            rc = -1;
            break;
        }
        *eq = '\0';
        if (colon != NULL && colon < eq)
            *colon = '\0';
        size_t len = strlen(text);
        snprintf(text + len, cap - len, "%s %s %s %s\n", keyword, item,
                 colon && colon < eq ? colon + 1 : "*", eq + 1);
    }
    free(copy);
    return rc;
}

/* The scenario text of the command-line flags. */
static int flags_text(const struct shock_cli *o, char *text, size_t cap)
{
    text[0] = '\0';
    if (o->name)
        append_list(text, cap, "name", o->name);
    if (o->sanctioning)
        append_list(text, cap, "sanctioning", o->sanctioning);
    if (o->target)
        append_list(text, cap, "target", o->target);
    if (o->direction)
        append_list(text, cap, "direction", o->direction);
    if (o->channels)
        append_list(text, cap, "channels", o->channels);
    if (o->via)
        append_list(text, cap, "via", o->via);
    if (o->markup)
        append_list(text, cap, "markup", o->markup);
    if ((o->cut && append_rates(text, cap, "cut", o->cut) != 0) ||
        (o->reroute && append_rates(text, cap, "reroute", o->reroute) != 0))
        return -1;
    if (o->capacity) {
        char spec[1024], *save = NULL;
        snprintf(spec, sizeof spec, "%s", o->capacity);
        for (char *item = strtok_r(spec, ",", &save); item != NULL;
             item = strtok_r(NULL, ",", &save)) {
            char *eq = strchr(item, '=');
            size_t len = strlen(text);
            if (eq == NULL) {
                fprintf(stderr, "flowtool: --capacity item '%s' is not CODE=VOLUME\n", item);
                return -1;
            }
            *eq = '\0';
            snprintf(text + len, cap - len, "capacity %s %s\n", item, eq + 1);
        }
    }
    return 0;
}

/* 1 when group is one of the n names in own. */
static int is_own(char **own, int64_t n, const char *group)
{
    for (int64_t k = 0; k < n; k++)
        if (strcmp(own[k], group) == 0)
            return 1;
    return 0;
}

/*
 * The first row of a scenario's plan table (flow_scenario_plan) whose row
 * group is set, or set followed by name (e.g. "group:" and "G7"); -1 if none.
 */
static int64_t plan_row(const flow_table *plan, const char *set, const char *name)
{
    size_t len = strlen(set);
    for (int64_t r = 0; r < flow_table_rows(plan); r++) {
        const char *g = flow_table_row_group(plan, r);
        if (g != NULL && strncmp(g, set, len) == 0 &&
            (name != NULL ? strcmp(g + len, name) == 0 : g[len] == '\0' || g[len] == ':'))
            return r;
    }
    return -1;
}

/*
 * Adds the memberships of an economies CSV (columns code and group, groups
 * separated by ';') as groups of the scenario, except groups the scenario
 * defines itself. The file is read by the library's attributes reader (the
 * group column is a text attribute), so quoting, BOMs and names of any
 * length are handled as in every other read.
 */
static int load_groups(flow_scenario *s, const char *path)
{
    flow_table *plan = NULL;
    flow_labels *none = NULL;
    flow_dataset *ds = NULL;
    char **own = NULL, *list = NULL;
    flow_table *texts = NULL;
    int64_t nown = 0, first = 0; /* row of the "group" text of economy 0 */
    int rc = 1;
    if (flow_labels_new(&none) != FLOW_OK || flow_dataset_new(&ds, none) != FLOW_OK ||
        flow_dataset_read_attributes(ds, path, "code", 1) != FLOW_OK ||
        flow_dataset_attributes(&texts, ds, FLOW_ATTRIBUTES_TEXT) != FLOW_OK) {
        flowtool_fail("--groups");
        goto done;
    }
    /* Text rows are (attribute, economy) pairs grouped by attribute name. */
    while (first < flow_table_rows(texts) && strcmp(flow_table_row_group(texts, first), "group"))
        first++;
    if (first == flow_table_rows(texts) && flow_dataset_economy_count(ds) > 0) {
        fprintf(stderr, "flowtool: --groups: %s has no text column 'group'\n", path);
        goto done;
    }
    const flow_labels *codes = flow_dataset_economies(ds);
    if (flow_scenario_plan(&plan, s, NULL, NULL) != FLOW_OK) {
        flowtool_fail("--groups");
        goto done;
    }
    for (int64_t e = 0; e < flow_dataset_economy_count(ds); e++) {
        free(list);
        if ((list = strdup(flow_table_row_label(texts, first + e))) == NULL)
            goto done;
        char *save = NULL;
        for (char *g = strtok_r(list, ";", &save); g; g = strtok_r(NULL, ";", &save)) {
            int mine = is_own(own, nown, g);
            if (!mine && plan_row(plan, "group:", g) >= 0)
                continue; /* defined by the scenario */
            if (!mine) {
                char **grown = realloc(own, (size_t)(nown + 1) * sizeof *own);
                if (grown == NULL || (grown[nown] = strdup(g)) == NULL) {
                    own = grown != NULL ? grown : own;
                    goto done;
                }
                own = grown;
                nown++;
            }
            if (flow_scenario_add_group_member(s, g, flow_labels_code(codes, e)) != FLOW_OK) {
                flowtool_fail("--groups");
                goto done;
            }
        }
    }
    rc = 0;
done:
    for (int64_t k = 0; k < nown; k++)
        free(own[k]);
    free(own);
    free(list);
    flow_table_free(plan);
    flow_table_free(texts);
    flow_dataset_free(ds);
    flow_labels_free(none);
    return rc;
}

static int load_scenario(flow_scenario **out, const char *path, const struct shock_cli *o)
{
    char text[8192];
    *out = NULL;
    if (path != NULL) {
        if (flow_scenario_read(out, path) != FLOW_OK)
            return flowtool_fail("scenario");
    } else {
        if (flags_text(o, text, sizeof text) != 0)
            return 2;
        if (flow_scenario_parse(out, text, "command line") != FLOW_OK)
            return flowtool_fail("scenario flags");
    }
    const char *groups = o->groups ? o->groups : o->c.attributes;
    return groups ? load_groups(*out, groups) : 0;
}

/* ------------------------------------------------------------ one scenario */

/* What the tables need per economy and system, read from the library's report. */
struct row {
    int64_t economy, system;
    double demand, direct, supply, size, via, rent, h0, h, capital;
    int debtrank, stock;
};

/* A system of the report: its label "layer:product" split, and its unit. */
struct system {
    char layer[96], product[96];
    const char *unit;
};

struct report {
    const flow_scenario *scenario;
    flow_table *economies, *systems; /* the library's report */
    struct system *sys;
    struct row *rows;
    int64_t nrows, nsys;
};

static void report_clear(struct report *r)
{
    flow_table_free(r->economies);
    flow_table_free(r->systems);
    free(r->sys);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* Splits the system labels of the report's systems table. */
static int split_systems(struct report *r)
{
    r->nsys = flow_table_rows(r->systems);
    r->sys = calloc((size_t)r->nsys + 1, sizeof *r->sys);
    for (int64_t i = 0; r->sys && i < r->nsys; i++) {
        const char *label = flow_table_row_label(r->systems, i), *colon = strchr(label, ':');
        size_t len = colon ? (size_t)(colon - label) : strlen(label);
        snprintf(r->sys[i].layer, sizeof r->sys[i].layer, "%.*s", (int)len, label);
        snprintf(r->sys[i].product, sizeof r->sys[i].product, "%s", colon ? colon + 1 : "*");
        r->sys[i].unit = flow_table_row_group(r->systems, i);
    }
    return r->sys ? 0 : -1;
}

/* Column c of system i's row in the report's systems table. */
static double sys_value(const struct report *r, int64_t i, const char *column)
{
    int64_t c = 0;
    if (flow_table_find_col(r->systems, column, NULL, &c) != FLOW_OK)
        return NAN;
    return flow_table_values(r->systems)[i * flow_table_cols(r->systems) + c];
}

/* A shock option from text that may be absent (NULL: "", i.e. any or unset). */
static int set_text(flow_shock_options *opt, const char *name, const char *value)
{
    return flow_shock_options_set(opt, name, value != NULL ? value : "");
}

/* A shock option from a number, written exactly. */
static int set_number(flow_shock_options *opt, const char *name, double value)
{
    char text[64];
    snprintf(text, sizeof text, "%.17g", value);
    return flow_shock_options_set(opt, name, text);
}

/* Report options: --layer/--product select matrices; sizes, capital and grouping. */
static flow_shock_options *report_options(const struct shock_cli *o)
{
    flow_shock_options *opt = NULL;
    if (flow_shock_options_new(&opt) != FLOW_OK || set_text(opt, "layer", o->c.layer) != FLOW_OK ||
        set_text(opt, "product", o->c.product) != FLOW_OK ||
        set_text(opt, "size_attribute", o->size_attr) != FLOW_OK ||
        set_text(opt, "capital_attribute", o->capital_attr) != FLOW_OK ||
        set_text(opt, "by_product", o->by_product ? "1" : "0") != FLOW_OK ||
        set_text(opt, "prices", o->prices) != FLOW_OK) {
        flowtool_fail("shock");
        flow_shock_options_free(opt);
        return NULL;
    }
    return opt;
}

/* Keeps an attribute only when the dataset has it (the library then uses it). */
static const char *present(const flow_dataset *ds, const char *attribute)
{
    flow_table *t = NULL;
    int64_t col = 0;
    int found = attribute != NULL &&
                flow_dataset_attributes(&t, ds, FLOW_ATTRIBUTES_NUMERIC) == FLOW_OK &&
                flow_table_find_col(t, attribute, NULL, &col) == FLOW_OK;
    flow_table_free(t);
    return found ? attribute : NULL;
}

static const char *sys_text(const struct report *r, int64_t i, int which)
{
    return which == 0 ? r->sys[i].layer : which == 1 ? r->sys[i].product : r->sys[i].unit;
}

/* The rows of system i: the economies in it (size > 0). */
static int collect_rows(struct report *r, int64_t i, const double *capital)
{
    static const int q[8] = {FLOW_SHOCK_DEMAND_TOTAL,     FLOW_SHOCK_DEMAND_DIRECT,
                             FLOW_SHOCK_SUPPLY_TOTAL,     FLOW_SHOCK_SIZE,
                             FLOW_SHOCK_REROUTED_VIA,     FLOW_SHOCK_TRANSIT_RENT,
                             FLOW_SHOCK_DISTRESS_INITIAL, FLOW_SHOCK_DISTRESS_FINAL};
    int64_t n = flow_table_rows(r->economies) / r->nsys, m = 0, nq = FLOW_SHOCK_QUANTITY_COUNT;
    const double *all = flow_table_values(r->economies) + i * n * nq; /* rows of system i */
    double *v = malloc((size_t)(8 * n + 1) * sizeof *v);
    int rc = v ? 0 : -1, stock = sys_value(r, i, "kind") == FLOW_LAYER_STOCK;
    for (int k = 0; rc == 0 && k < 8; k++)
        for (int64_t e = 0; e < n; e++)
            v[k * n + e] = all[e * nq + q[k]];
    for (int64_t e = 0; rc == 0 && e < n; e++)
        m += v[3 * n + e] > 0.0;
    struct row *grown = rc ? NULL : realloc(r->rows, (size_t)(r->nrows + m + 1) * sizeof *grown);
    if (grown == NULL)
        rc = -1;
    else
        r->rows = grown;
    for (int64_t e = 0; rc == 0 && e < n; e++)
        if (v[3 * n + e] > 0.0)
            r->rows[r->nrows++] = (struct row){e,
                                               i,
                                               v[e],
                                               v[n + e],
                                               v[2 * n + e],
                                               v[3 * n + e],
                                               v[4 * n + e],
                                               v[5 * n + e],
                                               v[6 * n + e],
                                               v[7 * n + e],
                                               capital ? capital[e] : NAN,
                                               !isnan(v[7 * n + e]),
                                               stock};
    free(v);
    return rc;
}

static int run_report(struct report *r, const flow_dataset *ds, const flow_scenario *s,
                      const struct shock_cli *o)
{
    struct shock_cli effective = *o;
    int64_t n = flow_dataset_economy_count(ds);
    double *capital = malloc((size_t)n * sizeof *capital + 1);
    memset(r, 0, sizeof *r);
    r->scenario = s;
    effective.size_attr = present(ds, o->size_attr);
    effective.capital_attr = present(ds, o->capital_attr);
    flow_shock_options *opt = report_options(&effective);
    int rc = opt && capital ? 0 : -1;
    if (rc == 0 &&
        flow_shock_report_new(&r->economies, &r->systems, ds, o->c.year, s, opt) != FLOW_OK)
        rc = flowtool_fail("shock");
    if (rc == 0)
        rc = split_systems(r);
    if (rc == 0 && (effective.capital_attr == NULL ||
                    flowtool_attribute(ds, effective.capital_attr, capital, n) != FLOW_OK)) {
        free(capital);
        capital = NULL;
    }
    for (int64_t i = 0; rc == 0 && i < r->nsys; i++)
        rc = collect_rows(r, i, capital);
    free(capital);
    flow_shock_options_free(opt);
    return rc != 0;
}

/* ------------------------------------------------------------ printing */

static const char *solver_name(int solver)
{
    return solver == FLOW_SHOCK_SOLVER_WOODBURY   ? "woodbury"
           : solver == FLOW_SHOCK_SOLVER_REFACTOR ? "refactor"
           : solver == FLOW_SHOCK_SOLVER_BASE     ? "base"
                                                  : "none";
}

/* "stock" or "flow": the kind of system i's layer (the systems table's "kind" column). */
static const char *kind_text(const struct report *r, int64_t i)
{
    return sys_value(r, i, "kind") == FLOW_LAYER_STOCK ? "stock" : "flow";
}

static int print_cuts(const struct report *r, int format)
{
    static const char *const h[] = {"layer",     "product",  "unit",   "kind",
                                    "economies", "severity", "rho",    "cut",
                                    "rerouted",  "lost",     "solver", "skipped_members"};
    char title[160];
    snprintf(title, sizeof title, "Scenario %s: flows cut, rerouted and lost",
             flow_scenario_name(r->scenario));
    flowtool_table *t = flowtool_table_new(title, 12, h);
    int rc = t ? 0 : -1;
    for (int64_t i = 0; rc == 0 && i < r->nsys; i++)
        rc = flowtool_table_text(t, sys_text(r, i, 0)) | flowtool_table_text(t, sys_text(r, i, 1)) |
             flowtool_table_text(t, sys_text(r, i, 2)) | flowtool_table_text(t, kind_text(r, i)) |
             flowtool_table_integer(t, (int64_t)sys_value(r, i, "economies")) |
             flowtool_table_number(t, sys_value(r, i, "severity")) |
             flowtool_table_number(t, sys_value(r, i, "rho")) |
             flowtool_table_number(t, sys_value(r, i, "cut")) |
             flowtool_table_number(t, sys_value(r, i, "rerouted")) |
             flowtool_table_number(t, sys_value(r, i, "lost")) |
             flowtool_table_text(t, solver_name((int)sys_value(r, i, "solver"))) |
             flowtool_table_integer(t, (int64_t)sys_value(r, i, "skipped"));
    flowtool_table_finish(t, rc, format);
    return rc;
}

/*
 * Rows of a flow system ranked by the larger of the demand loss and the
 * supply exposure; of a stock system (no lenses: NaN) by DebtRank distress.
 */
static double rank_key(const struct row *x)
{
    if (isnan(x->demand) && isnan(x->supply))
        return x->debtrank && !isnan(x->h) ? x->h : -INFINITY;
    return x->demand > x->supply ? x->demand : x->supply;
}

static int by_system_then_loss(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->system != y->system)
        return x->system < y->system ? -1 : 1;
    return (rank_key(y) > rank_key(x)) - (rank_key(y) < rank_key(x));
}

static const char *code(const flow_dataset *ds, int64_t i)
{
    return flow_labels_code(flow_dataset_economies(ds), i);
}

static int print_losses(struct report *r, const flow_dataset *ds, int64_t top, int format)
{
    static const char *const h[] = {"economy",
                                    "layer",
                                    "unit",
                                    "demand_loss",
                                    "direct",
                                    "indirect",
                                    "supply_exposure",
                                    "demand_%_of_size",
                                    "supply_%_of_size"};
    flowtool_table *t = flowtool_table_new(
        "Loss by economy on flow layers (demand = Leontief; supply = Ghosh exposure indicator; "
        "ranked by the larger; size = GDP + imports in money units, including physical layers "
        "priced by --price; exports + imports of the layer in unpriced physical units such as "
        "Mt or bcm, where only the shares of size are meaningful; inoperability, the share of "
        "output lost, is demand_%_of_size clipped to [0, 100] here: output is the size)",
        9, h);
    int rc = t ? 0 : -1;
    qsort(r->rows, (size_t)r->nrows, sizeof *r->rows, by_system_then_loss);
    for (int64_t k = 0, shown = 0; rc == 0 && k < r->nrows; k++) {
        const struct row *x = &r->rows[k];
        shown = (k > 0 && r->rows[k - 1].system == x->system) ? shown + 1 : 0;
        if (x->stock || shown >= top || (x->demand == 0.0 && x->supply == 0.0))
            continue;
        rc = flowtool_table_text(t, code(ds, x->economy)) |
             flowtool_table_text(t, sys_text(r, x->system, 0)) |
             flowtool_table_text(t, sys_text(r, x->system, 2)) |
             flowtool_table_number(t, x->demand) | flowtool_table_number(t, x->direct) |
             flowtool_table_number(t, x->demand - x->direct) | flowtool_table_number(t, x->supply) |
             flowtool_table_number(t, 100.0 * x->demand / x->size) |
             flowtool_table_number(t, 100.0 * x->supply / x->size);
    }
    flowtool_table_finish(t, rc, format);
    for (int64_t i = 0; rc == 0 && format == FLOWTOOL_TABLE && i < r->nsys; i++) {
        if (sys_value(r, i, "kind") == FLOW_LAYER_STOCK)
            printf("  %s (%s): a stock layer; Leontief, Ghosh and inoperability do not apply "
                   "(contagion below)\n",
                   sys_text(r, i, 0), sys_text(r, i, 2));
        else if (sys_value(r, i, "value_units") == 0.0)
            printf("  %s (%s): physical units, not priced (--price): losses are volumes, only "
                   "the shares of size are meaningful\n",
                   sys_text(r, i, 0), sys_text(r, i, 2));
        else if (!isnan(sys_value(r, i, "price")))
            printf("  %s (%s): valued at %.6g USD_m per physical unit (--price)\n",
                   sys_text(r, i, 0), sys_text(r, i, 2), sys_value(r, i, "price"));
    }
    return rc;
}

static int by_system_then_rerouted(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->system != y->system)
        return x->system < y->system ? -1 : 1;
    return (y->via > x->via) - (y->via < x->via);
}

/* The intermediaries of each system, largest rerouted volume first. */
static int print_rerouting(const struct report *r, const flow_dataset *ds, int format)
{
    static const char *const h[] = {"intermediary", "layer", "unit", "rerouted", "transit_rent"};
    flowtool_table *t = flowtool_table_new("Rerouted volume by intermediary", 5, h);
    struct row *rows = malloc((size_t)r->nrows * sizeof *rows + 1);
    int64_t m = 0;
    int rc = t && rows ? 0 : -1;
    for (int64_t k = 0; rc == 0 && k < r->nrows; k++)
        if (r->rows[k].via > 0.0)
            rows[m++] = r->rows[k];
    if (rc == 0)
        qsort(rows, (size_t)m, sizeof *rows, by_system_then_rerouted);
    for (int64_t k = 0; rc == 0 && k < m; k++) {
        const struct row *x = &rows[k];
        rc = flowtool_table_text(t, code(ds, x->economy)) |
             flowtool_table_text(t, sys_text(r, x->system, 0)) |
             flowtool_table_text(t, sys_text(r, x->system, 2)) | flowtool_table_number(t, x->via) |
             flowtool_table_number(t, x->rent);
    }
    if (rc == 0 && m > 0)
        flowtool_table_print(t, stdout, format);
    flowtool_table_free(t);
    free(rows);
    return rc;
}

static int by_distress(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    return (y->h > x->h) - (y->h < x->h);
}

static int print_debtrank(const struct report *r, const flow_dataset *ds, int64_t top, int format)
{
    static const char *const h[] = {"economy", "bank_capital", "distress_initial",
                                    "distress_final"};
    static const char *const hr[] = {"layer", "impact_initial", "impact_final", "debtrank_R"};
    struct row *rows = malloc((size_t)r->nrows * sizeof *rows + 1);
    int64_t m = 0;
    int rc = rows ? 0 : -1;
    for (int64_t k = 0; rows && k < r->nrows; k++)
        if (r->rows[k].debtrank)
            rows[m++] = r->rows[k];
    if (m == 0) {
        free(rows);
        return rc;
    }
    qsort(rows, (size_t)m, sizeof *rows, by_distress);
    flowtool_table *t =
        flowtool_table_new("DebtRank on the stock layers (distress h in [0, 1])", 4, h);
    flowtool_table *tr = flowtool_table_new("DebtRank: value-weighted distress", 4, hr);
    rc = t && tr ? 0 : -1;
    for (int64_t k = 0; rc == 0 && k < m && k < top; k++)
        rc = flowtool_table_text(t, code(ds, rows[k].economy)) |
             flowtool_table_number(t, rows[k].capital) | flowtool_table_number(t, rows[k].h0) |
             flowtool_table_number(t, rows[k].h);
    for (int64_t i = 0; rc == 0 && i < r->nsys; i++)
        if (!isnan(sys_value(r, i, "debtrank")))
            rc = flowtool_table_text(tr, sys_text(r, i, 0)) |
                 flowtool_table_number(tr, sys_value(r, i, "initial_impact")) |
                 flowtool_table_number(tr, sys_value(r, i, "final_impact")) |
                 flowtool_table_number(tr, sys_value(r, i, "debtrank"));
    flowtool_table_finish(t, rc, format);
    flowtool_table_finish(tr, rc, format);
    free(rows);
    return rc;
}

static int print_report(struct report *r, const flow_dataset *ds, const struct shock_cli *o)
{
    return print_cuts(r, o->c.format) || print_losses(r, ds, o->c.top, o->c.format) ||
           print_rerouting(r, ds, o->c.format) || print_debtrank(r, ds, o->c.top, o->c.format);
}

/* Row of (economy, layer, unit) in a report, or NULL. */
static const struct row *find_row(const struct report *r, int64_t economy, const char *layer,
                                  const char *unit)
{
    for (int64_t k = 0; k < r->nrows; k++)
        if (r->rows[k].economy == economy &&
            strcmp(sys_text(r, r->rows[k].system, 0), layer) == 0 &&
            strcmp(sys_text(r, r->rows[k].system, 2), unit) == 0)
            return &r->rows[k];
    return NULL;
}

/* Losses and DebtRank distress of the economies of a, side by side with b. */
static int print_differences(const struct report *a, const struct report *b, const flow_dataset *ds,
                             int64_t top, int format)
{
    static const char *const h[] = {"economy",  "layer",    "unit",       "demand_a",  "demand_b",
                                    "supply_a", "supply_b", "distress_a", "distress_b"};
    char title[256];
    snprintf(title, sizeof title, "Differences: a = %s, b = %s", flow_scenario_name(a->scenario),
             flow_scenario_name(b->scenario));
    flowtool_table *t = flowtool_table_new(title, 9, h);
    int rc = t ? 0 : -1;
    for (int64_t k = 0, shown = 0; rc == 0 && k < a->nrows; k++) {
        const struct row *x = &a->rows[k];
        const char *layer = sys_text(a, x->system, 0), *unit = sys_text(a, x->system, 2);
        shown = (k > 0 && a->rows[k - 1].system == x->system) ? shown + 1 : 0;
        if (shown >= top)
            continue;
        const struct row *y = find_row(b, x->economy, layer, unit);
        rc = flowtool_table_text(t, code(ds, x->economy)) | flowtool_table_text(t, layer) |
             flowtool_table_text(t, unit) | flowtool_table_number(t, x->demand) |
             flowtool_table_number(t, y ? y->demand : 0.0) | flowtool_table_number(t, x->supply) |
             flowtool_table_number(t, y ? y->supply : 0.0) |
             flowtool_table_number(t, x->debtrank ? x->h : NAN) |
             flowtool_table_number(t, y && y->debtrank ? y->h : NAN);
    }
    flowtool_table_finish(t, rc, format);
    return rc;
}

/* ------------------------------------------------------------ batches */

/* The library's tables of a batch: per scenario, and per scenario and region. */
struct batch_tables {
    flow_table *scenarios, *regions;
    int64_t nr; /* regions per scenario */
};

static void batch_tables_clear(struct batch_tables *t)
{
    flow_table_free(t->scenarios);
    flow_table_free(t->regions);
}

static int batch_tables(struct batch_tables *t, const flow_shock_batch *b)
{
    memset(t, 0, sizeof *t);
    if (flow_shock_batch_table(&t->scenarios, b, FLOW_SHOCK_BATCH_SCENARIOS) != FLOW_OK ||
        flow_shock_batch_table(&t->regions, b, FLOW_SHOCK_BATCH_REGIONS) != FLOW_OK)
        return flowtool_fail("batch tables");
    int64_t count = flow_table_rows(t->scenarios);
    t->nr = count > 0 ? flow_table_rows(t->regions) / count : 0;
    return 0;
}

/* A region quantity of scenario index summed over region code (all regions when NULL). */
static double region_loss(const struct batch_tables *t, int64_t index, int quantity,
                          const char *code_)
{
    int64_t cols = flow_table_cols(t->regions);
    const double *v = flow_table_values(t->regions) + index * t->nr * cols;
    double loss = 0.0;
    for (int64_t r = 0; r < t->nr; r++)
        if (code_ == NULL ||
            strcmp(flow_table_row_label(t->regions, index * t->nr + r), code_) == 0)
            loss += v[r * cols + quantity];
    return loss;
}

static int print_batch_rows(const flow_shock_batch *b, const char *focus, int members, int format)
{
    char demand_col[64], supply_col[64];
    snprintf(demand_col, sizeof demand_col, "demand_loss_%s", focus);
    snprintf(supply_col, sizeof supply_col, "supply_exposure_%s", focus);
    const char *h[] = {
        members ? "member" : "draw",          "severity", "rho", demand_col, supply_col,
        members ? "loss_member" : "rerouted", "loss_all"};
    flowtool_table *t = flowtool_table_new(members ? "Each sanctioning member alone (losses: "
                                                     "demand lens unless marked supply)"
                                                   : "Substitution sweep (losses: demand lens "
                                                     "unless marked supply)",
                                           7, h);
    struct batch_tables bt;
    int rc = t ? batch_tables(&bt, b) : -1;
    for (int64_t i = 0; rc == 0 && i < flow_table_rows(bt.scenarios); i++) {
        const double *label = flow_table_values(bt.scenarios) + i * 3; /* member, severity, rho */
        int64_t member = (int64_t)label[0];
        const char *mcode =
            member >= 0 ? flow_table_row_label(bt.regions, i * bt.nr + member) : NULL;
        rc =
            (members ? flowtool_table_text(t, mcode) : flowtool_table_integer(t, i)) |
            flowtool_table_number(t, label[1]) | flowtool_table_number(t, label[2]) |
            flowtool_table_number(t, region_loss(&bt, i, FLOW_SHOCK_DEMAND_TOTAL, focus)) |
            flowtool_table_number(t, region_loss(&bt, i, FLOW_SHOCK_SUPPLY_TOTAL, focus)) |
            flowtool_table_number(t, members ? region_loss(&bt, i, FLOW_SHOCK_DEMAND_TOTAL, mcode)
                                             : region_loss(&bt, i, FLOW_SHOCK_REROUTED_VIA, NULL)) |
            flowtool_table_number(t, region_loss(&bt, i, FLOW_SHOCK_DEMAND_TOTAL, NULL));
    }
    flowtool_table_finish(t, rc, format);
    if (t != NULL)
        batch_tables_clear(&bt);
    return rc;
}

static int print_bands(const flow_shock_batch *b, int64_t draws, int64_t top, int format)
{
    static const char *const h[] = {"economy", "p5", "p50", "p95"};
    const double p[3] = {5, 50, 95};
    flow_table *bands = NULL;
    char title[128];
    snprintf(title, sizeof title, "Monte-Carlo bands of the demand loss (%lld draws)",
             (long long)draws);
    flowtool_table *t = flowtool_table_new(title, 4, h);
    int rc = t ? 0 : -1;
    if (rc == 0 &&
        flow_shock_batch_percentiles(&bands, b, FLOW_SHOCK_DEMAND_TOTAL, p, 3) != FLOW_OK)
        rc = flowtool_fail("percentiles");
    int64_t nr = flow_table_rows(bands);
    const double *v = flow_table_values(bands);
    int64_t *order = malloc((size_t)nr * sizeof *order + 1);
    if (order == NULL)
        rc = -1;
    /* Largest medians first (selection by repeated maximum: nr is small). */
    for (int64_t k = 0; rc == 0 && k < nr && k < top; k++) {
        int64_t best = -1;
        for (int64_t r = 0; r < nr; r++) {
            int taken = 0;
            for (int64_t q = 0; q < k && !taken; q++)
                taken = order[q] == r;
            if (!taken && (best < 0 || v[r * 3 + 1] > v[best * 3 + 1]))
                best = r;
        }
        order[k] = best;
        rc = flowtool_table_text(t, flow_table_row_label(bands, best)) |
             flowtool_table_number(t, v[best * 3]) | flowtool_table_number(t, v[best * 3 + 1]) |
             flowtool_table_number(t, v[best * 3 + 2]);
    }
    flowtool_table_finish(t, rc, format);
    flow_table_free(bands);
    free(order);
    return rc;
}

/*
 * The product whose severity and rho a system summed over products uses: the
 * first of its layer and year the scenario cuts (all products summed share
 * them, as in the report).
 */
static const char *rate_product(const flow_dataset *ds, const flow_scenario *s, const char *layer,
                                int64_t year, const char *product)
{
    flow_table *plan = NULL;
    const char *found = product;
    if (strcmp(product, "*") != 0 || flow_scenario_plan(&plan, s, ds, NULL) != FLOW_OK)
        return product;
    for (int64_t k = 0; found == product && k < flow_dataset_matrix_count(ds); k++) {
        const char *l, *p;
        int64_t y, row = -1, col = -1;
        char key[512];
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        snprintf(key, sizeof key, "%s:%s", l, p);
        if (y == year && strcmp(l, layer) == 0 &&
            flow_table_find_row(plan, key, "layer", &row) == FLOW_OK &&
            flow_table_find_col(plan, "severity", NULL, &col) == FLOW_OK &&
            flow_table_values(plan)[row * flow_table_cols(plan) + col] > 0.0)
            found = p;
    }
    flow_table_free(plan);
    return found;
}

/* The first economy of the scenario's target set (NULL when it has none). */
static const char *first_target(const flow_scenario *s, flow_table **plan)
{
    if (flow_scenario_plan(plan, s, NULL, NULL) != FLOW_OK)
        return NULL;
    int64_t row = plan_row(*plan, "target", NULL);
    return row >= 0 ? flow_table_row_label(*plan, row) : NULL;
}

/*
 * Batch modes run on the first system the report finds (select it with
 * --layer/--product), built by the library's dataset builder with the
 * report's size convention.
 */
static int run_batches(const flow_dataset *ds, const flow_scenario *s, const struct shock_cli *o)
{
    struct report r;
    flow_io_model *model = NULL;
    flow_shock_batch *b = NULL;
    flow_shock_options *opt = NULL;
    const char *gdp = present(ds, o->size_attr);
    int rc = run_report(&r, ds, s, o);
    if (rc == 0 && flow_io_model_new_from_dataset(
                       &model, ds, sys_text(&r, 0, 0), o->c.year, sys_text(&r, 0, 1), gdp,
                       gdp ? FLOW_SIZE_GDP_PLUS_IMPORTS : FLOW_SIZE_TRADED) != FLOW_OK) {
        if (flow_last_error_code() == FLOW_ERR_DIMENSION) /* a layer whose products mix units */
            flowtool_usage_error("shock: --each-member, --sweep and --montecarlo run on one "
                                 "unit, and this layer mixes units that year: choose one "
                                 "product with --product; layer",
                                 sys_text(&r, 0, 0));
        rc = flowtool_fail("batch model");
    }
    if (rc == 0 && (flow_shock_options_new(&opt) != FLOW_OK ||
                    set_text(opt, "layer", sys_text(&r, 0, 0)) != FLOW_OK ||
                    set_text(opt, "product",
                             rate_product(ds, s, sys_text(&r, 0, 0), o->c.year,
                                          sys_text(&r, 0, 1))) != FLOW_OK ||
                    set_number(opt, "severity_lo", o->sev_lo) != FLOW_OK ||
                    set_number(opt, "severity_hi", o->sev_hi) != FLOW_OK ||
                    set_number(opt, "rho_lo", o->rho_lo) != FLOW_OK ||
                    set_number(opt, "rho_hi", o->rho_hi) != FLOW_OK))
        rc = flowtool_fail("batch model");
    flow_table *plan = NULL;
    const char *focus = o->c.economy ? o->c.economy : first_target(s, &plan);
    int64_t economies = 0; /* a country system: one node per economy */
    if (rc == 0 && flow_io_model_view(model, FLOW_IO_OUTPUT, &economies, NULL) != NULL)
        printf("%sBatch on layer %s, product %s (%s), %lld economies\n",
               o->c.format == FLOWTOOL_TABLE ? "" : "# ", sys_text(&r, 0, 0), sys_text(&r, 0, 1),
               sys_text(&r, 0, 2), (long long)economies);
    if (rc == 0 && o->each_member) {
        if (flow_shock_batch_each_member(&b, model, s, opt) != FLOW_OK)
            rc = flowtool_fail("--each-member");
        else
            rc = print_batch_rows(b, focus, 1, o->c.format);
        flow_shock_batch_free(b);
        b = NULL;
    }
    if (rc == 0 && o->sweep > 0) {
        if (flow_shock_batch_sweep_substitution(&b, model, s, 0.0, 1.0, o->sweep, opt) != FLOW_OK)
            rc = flowtool_fail("--sweep");
        else
            rc = print_batch_rows(b, focus, 0, o->c.format);
        flow_shock_batch_free(b);
        b = NULL;
    }
    if (rc == 0 && o->montecarlo > 0) {
        if (flow_shock_batch_montecarlo(&b, model, s, o->montecarlo, o->seed, opt) != FLOW_OK)
            rc = flowtool_fail("--montecarlo");
        else
            rc = print_bands(b, o->montecarlo, o->c.top, o->c.format);
        flow_shock_batch_free(b);
    }
    report_clear(&r);
    flow_table_free(plan);
    flow_io_model_free(model);
    flow_shock_options_free(opt);
    return rc;
}

/* ------------------------------------------------------------ command */

static int run(const flow_dataset *ds, const struct shock_cli *o)
{
    flow_scenario *a = NULL, *b = NULL;
    struct report ra = {0}, rb = {0};
    int rc = load_scenario(&a, o->scenario, o);
    if (rc == 0 && o->compare)
        rc = load_scenario(&b, o->compare, o);
    if (rc == 0 && (o->each_member || o->sweep > 0 || o->montecarlo > 0)) {
        rc = run_batches(ds, a, o);
        goto done;
    }
    if (rc == 0)
        rc = run_report(&ra, ds, a, o) || print_report(&ra, ds, o);
    if (rc == 0 && b != NULL)
        rc = run_report(&rb, ds, b, o) || print_report(&rb, ds, o) ||
             print_differences(&ra, &rb, ds, o->c.top, o->c.format);
done:
    report_clear(&ra);
    report_clear(&rb);
    flow_scenario_free(a);
    flow_scenario_free(b);
    return rc != 0;
}

/* --mrio: the scenario on a multi-regional IO database, block by block. */
static int run_mrio(const struct shock_cli *o, char **files, int nfiles)
{
    flow_mrio *mrio = NULL;
    flow_scenario *s = NULL;
    if (nfiles != 1) {
        fprintf(stderr, "flowtool: --mrio takes one database (file or folder)\n");
        return 2;
    }
    int rc = load_scenario(&s, o->scenario, o);
    if (rc == 0)
        rc = flowtool_io_mrio_load(&mrio, &o->mrio, files[0]);
    if (rc == 0)
        rc = flowtool_io_scenario(flow_mrio_model(mrio), s, o->c.top, o->c.format);
    flow_mrio_free(mrio);
    flow_scenario_free(s);
    return rc != 0;
}

/* The latest year of the dataset, when --year is not given. */
static int64_t latest_year(const flow_dataset *ds)
{
    int64_t year = FLOWTOOL_NO_YEAR;
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        int64_t y;
        flow_dataset_matrix_key(ds, k, NULL, &y, NULL);
        year = y > year ? y : year;
    }
    return year;
}

int flowtool_cmd_shock(int argc, char **argv)
{
    struct shock_cli o = {.size_attr = "gdp_usd_bn_2022",
                          .capital_attr = "bank_capital_usd_bn_2022",
                          .seed = 1,
                          .sev_lo = 0.5,
                          .sev_hi = 1.0,
                          .rho_lo = 0.0,
                          .rho_hi = 0.8};
    flowtool_common_init(&o.c);
    const struct flowtool_option options[] = {
        {"scenario", FLOWTOOL_STRING, &o.scenario, "FILE", "scenario file (docs/scenarios.md)"},
        {"compare", FLOWTOOL_STRING, &o.compare, "FILE", "second scenario: print differences"},
        {"name", FLOWTOOL_STRING, &o.name, "NAME", "scenario name (flags mode)"},
        {"sanctioning", FLOWTOOL_STRING, &o.sanctioning, "LIST", "sanctioning set, e.g. G7,EU"},
        {"target", FLOWTOOL_STRING, &o.target, "LIST", "target set, e.g. RUS"},
        {"direction", FLOWTOOL_STRING, &o.direction, "DIR", "exports, imports or both"},
        {"channels", FLOWTOOL_STRING, &o.channels, "CH", "intermediate, final or all"},
        {"cut", FLOWTOOL_STRING, &o.cut, "SPEC",
         "severities, e.g. energy=1,finance:bank_claims=.5"},
        {"reroute", FLOWTOOL_STRING, &o.reroute, "SPEC", "substitution ratios, e.g. energy=0.6"},
        {"via", FLOWTOOL_STRING, &o.via, "LIST", "intermediaries, e.g. CHN,IND,TUR,ARE,KAZ,HKG"},
        {"capacity", FLOWTOOL_STRING, &o.capacity, "SPEC", "capacities, e.g. KAZ=5,HKG=5"},
        {"markup", FLOWTOOL_STRING, &o.markup, "MU", "transit mark-up, e.g. 0.15"},
        {"groups", FLOWTOOL_STRING, &o.groups, "FILE", "economies CSV with code and group columns"},
        {"size", FLOWTOOL_STRING, &o.size_attr, "ATTR", "GDP attribute (gdp_usd_bn_2022)"},
        {"capital", FLOWTOOL_STRING, &o.capital_attr, "ATTR",
         "bank capital attribute (bank_capital_usd_bn_2022)"},
        {"by-product", FLOWTOOL_FLAG, &o.by_product, NULL, "one system per product"},
        {"price", FLOWTOOL_STRING, &o.prices, "SPEC",
         "USD_m per physical unit by product, e.g. crude_oil=520 (= USD/t for Mt)"},
        {"each-member", FLOWTOOL_FLAG, &o.each_member, NULL, "batch: each sanctioner alone"},
        {"sweep", FLOWTOOL_INT, &o.sweep, "N", "batch: N values of rho from 0 to 1"},
        {"montecarlo", FLOWTOOL_INT, &o.montecarlo, "N", "batch: N random draws"},
        {"seed", FLOWTOOL_INT, &o.seed, "S", "seed of the draws (default 1)"},
        {"severity-low", FLOWTOOL_DOUBLE, &o.sev_lo, "X", "draws: lowest severity (0.5)"},
        {"severity-high", FLOWTOOL_DOUBLE, &o.sev_hi, "X", "draws: highest severity (1)"},
        {"rho-low", FLOWTOOL_DOUBLE, &o.rho_lo, "X", "draws: lowest rho (0)"},
        {"rho-high", FLOWTOOL_DOUBLE, &o.rho_hi, "X", "draws: highest rho (0.8)"},
        {"mrio", FLOWTOOL_STRING, &o.mrio.format, "FORMAT",
         "run on an MRIO database: icio, exiobase, figaro or pymrio"},
        {"keep-splits", FLOWTOOL_FLAG, &o.mrio.keep_splits, NULL,
         "--mrio icio: keep CN1/CN2/MX1/MX2 apart"},
        {"mrio-regions", FLOWTOOL_STRING, &o.mrio.regions, "FILE",
         "--mrio: aggregate regions through a code,group CSV"},
        {"mrio-sectors", FLOWTOOL_STRING, &o.mrio.sectors, "FILE",
         "--mrio: aggregate sectors through a code,group CSV"},
        FLOWTOOL_COMMON_OPTIONS(&o.c),
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_dataset *ds = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (o.scenario == NULL && (o.sanctioning == NULL || o.target == NULL || o.cut == NULL)) {
        fprintf(stderr, "flowtool: give --scenario FILE, or --sanctioning, --target and --cut\n");
        goto done;
    }
    if (o.c.top < 1 || o.sweep == 1 || o.sweep < 0 || o.montecarlo < 0) {
        fprintf(stderr, "flowtool: --top >= 1, --sweep >= 2 and --montecarlo >= 1 please\n");
        goto done;
    }
    if (o.mrio.format != NULL) {
        status = run_mrio(&o, files, nfiles);
        goto done;
    }
    if ((status = flowtool_load(&ds, files, nfiles, &o.c, NULL)) != 0)
        goto done;
    if (o.c.year == FLOWTOOL_NO_YEAR)
        o.c.year = latest_year(ds);
    status = run(ds, &o);
done:
    flow_dataset_free(ds);
    free(files);
    return status;
}
