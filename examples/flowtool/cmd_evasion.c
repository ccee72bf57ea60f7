/*
 * cmd_evasion.c - "flowtool evasion": diagnostics of rerouting in a panel
 * of flows, and the calibration and back-test of the rerouting model.
 */
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_evasion[] =
    "evasion from data: substitution, co-movement, mirror gaps, suspects, calibrated back-test";

static const char usage[] = "flowtool evasion --from CODES --to CODES --years Y0,Y1[,Y2] "
                            "[options] FILE.csv [FILE.csv ...]";
static const char description[] =
    "Did the sources (--from, comma-separated codes) stop selling to the targets (--to)\n"
    "between Y0 and Y1 and sell to intermediaries (--via; default every other economy)\n"
    "instead? Prints, per --diagnostic (default all): the observed substitution ratio\n"
    "dX(S->H)/-dX(S->T) by product; the co-movement of dX(S->h) and dX(h->T) across\n"
    "products; mirror gaps outside the CIF/FOB band and goods lost in transit\n"
    "(--mirror-layer: the layer M/IMPORT rows are read into, importer-reported\n"
    "flows; only pairs whose exporter reports exports and whose importer reports\n"
    "imports count); unit-value jumps (--quantity-layer: the layer the quantity\n"
    "column, BACI's q, is read into beside the values, in one read);\n"
    "the ranked suspects with their evidence; and the calibration (non-negative least\n"
    "squares) of each intermediary's share of the cut on Y0->Y1, back-tested on Y0->Y2\n"
    "against the uncalibrated model (rho 0.7 by path intensity), with bootstrap bands,\n"
    "followed by the scenario lines (reroute, weight) that carry the calibration.\n"
    "Eurostat Comext files: --preset comext (monthly) or comext-annual, with\n"
    "--codes data/codes/iso3166_alpha2.csv.";

static const char *const diagnostics[] = {"substitution", "comovement", "mirror", "unit-values",
                                          "suspects"};

struct evasion_args {
    const char *from, *to, *via, *years, *diagnostic;
    double band_lo, band_hi, jump;
    int64_t bootstrap;
};

/*
 * The evasion options from the command line, each long option under its
 * option key (--from "sources", --to "targets", --via "intermediaries",
 * --band-lo/--band-hi "band", the others by their own name). FLOW_OK or the
 * first refusal.
 */
static int make_question(flow_evasion_options **out, const struct evasion_args *a,
                         const struct flowtool_common *c)
{
    char band[64], jump[32], bootstrap[32];
    snprintf(band, sizeof band, "%.17g,%.17g", a->band_lo, a->band_hi);
    snprintf(jump, sizeof jump, "%.17g", a->jump);
    snprintf(bootstrap, sizeof bootstrap, "%lld", (long long)a->bootstrap);
    const char *const settings[][2] = {{"sources", a->from},
                                       {"targets", a->to},
                                       {"intermediaries", a->via},
                                       {"years", a->years},
                                       {"layer", c->layer},
                                       {"mirror", c->mirror_layer},
                                       {"quantity", c->quantity_layer},
                                       {"band", band},
                                       {"jump", jump},
                                       {"bootstrap", bootstrap}};
    int rc = flow_evasion_options_new(out);
    for (size_t i = 0; rc == FLOW_OK && i < sizeof settings / sizeof settings[0]; i++)
        if (settings[i][1] != NULL)
            rc = flow_evasion_options_set(*out, settings[i][0], settings[i][1]);
    return rc;
}

static int parse_years(const char *text, int64_t years[3])
{
    years[2] = 0;
    int n =
        text ? sscanf(text, "%ld,%ld,%ld", (long *)&years[0], (long *)&years[1], (long *)&years[2])
             : 0;
    return n >= 2 ? 0 : -1;
}

/* Prints a flow_table: its row labels (and groups), then its columns. */
static int print_result(const flow_table *r, const char *title, int format)
{
    int64_t rows = flow_table_rows(r), cols = flow_table_cols(r);
    int grouped = rows > 0 && flow_table_row_group(r, 0)[0] != '\0';
    int lead = grouped ? 2 : 1;
    const char **headers = calloc((size_t)(cols + lead), sizeof *headers);
    if (headers == NULL)
        return 1;
    headers[0] = "economy";
    if (grouped) {
        headers[0] = "flow";
        headers[1] = "product";
    }
    for (int64_t j = 0; j < cols; j++)
        headers[lead + j] = flow_table_col_label(r, j);
    flowtool_table *t = flowtool_table_new(title, (int)(cols + lead), headers);
    int rc = t == NULL;
    const double *v = flow_table_values(r);
    for (int64_t i = 0; rc == 0 && i < rows; i++) {
        rc = flowtool_table_text(t, flow_table_row_label(r, i));
        if (grouped)
            rc |= flowtool_table_text(t, flow_table_row_group(r, i));
        for (int64_t j = 0; j < cols; j++)
            rc |= flowtool_table_number(t, v[i * cols + j]);
    }
    flowtool_table_finish(t, rc, format);
    free(headers);
    return rc;
}

static int run_diagnostic(const flow_dataset *ds, const flow_evasion_options *o, int which,
                          int format)
{
    flow_table *r = NULL;
    if (flow_evasion_diagnose(&r, ds, o, which) != FLOW_OK)
        return flowtool_fail(diagnostics[which]);
    char title[96];
    snprintf(title, sizeof title, "Evasion: %s", diagnostics[which]);
    int rc = print_result(r, title, format);
    flow_table_free(r);
    return rc;
}

/* The calibration table, then the scenario lines that carry it. */
static int run_calibration(const flow_dataset *ds, const flow_evasion_options *o, const char *layer,
                           int format)
{
    flow_table *r = NULL, *plan = NULL;
    flow_scenario *s = NULL;
    flow_shock_options *layer_of = NULL;
    if (flow_evasion_calibrate(&r, ds, o) != FLOW_OK)
        return flowtool_fail("calibration");
    int rc = print_result(r,
                          "Evasion: calibration (theta = share of the cut carried; "
                          "rows fit and backtest: R2, RMSE)",
                          format);
    /* The lines come from the scenario's plan: its rho on the layer, its intermediaries. */
    if (rc == 0 && format == FLOWTOOL_TABLE && flow_scenario_new(&s) == FLOW_OK &&
        flow_evasion_scenario(s, r, layer) == FLOW_OK &&
        flow_shock_options_new(&layer_of) == FLOW_OK &&
        flow_shock_options_set(layer_of, "layer", layer) == FLOW_OK &&
        flow_scenario_plan(&plan, s, NULL, layer_of) == FLOW_OK) {
        const double *v = flow_table_values(plan);
        int64_t cols = flow_table_cols(plan), rho = -1, weight = -1;
        flow_table_find_col(plan, "rho", NULL, &rho);
        flow_table_find_col(plan, "weight", NULL, &weight);
        printf("# scenario lines of the calibration\n");
        for (int64_t i = 0; i < flow_table_rows(plan); i++) {
            const char *group = flow_table_row_group(plan, i),
                       *label = flow_table_row_label(plan, i);
            if (strcmp(group, "layer") == 0 && strncmp(label, layer, strlen(layer)) == 0 &&
                strcmp(label + strlen(layer), ":*") == 0)
                printf("reroute %s * %.6g\n", layer, v[i * cols + rho]);
        }
        for (int64_t i = 0; i < flow_table_rows(plan); i++)
            if (strcmp(flow_table_row_group(plan, i), "intermediary") == 0)
                printf("weight %s %.6g\n", flow_table_row_label(plan, i), v[i * cols + weight]);
    }
    flow_table_free(plan);
    flow_shock_options_free(layer_of);
    flow_scenario_free(s);
    flow_table_free(r);
    return rc;
}

static int pick_diagnostic(const char *name)
{
    if (name == NULL || strcmp(name, "all") == 0)
        return -1;
    if (strcmp(name, "calibrate") == 0)
        return FLOW_EVASION_DIAGNOSTIC_COUNT;
    for (int d = 0; d < FLOW_EVASION_DIAGNOSTIC_COUNT; d++)
        if (strcmp(name, diagnostics[d]) == 0)
            return d;
    return -2;
}

int flowtool_cmd_evasion(int argc, char **argv)
{
    struct flowtool_common c;
    struct evasion_args a = {NULL, NULL, NULL, NULL, NULL, 1.0, 1.2, 2.0, 200};
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&c),
        {"from", FLOWTOOL_STRING, &a.from, "CODES", "sources S (sanctioning), comma-separated"},
        {"to", FLOWTOOL_STRING, &a.to, "CODES", "targets T (sanctioned)"},
        {"via", FLOWTOOL_STRING, &a.via, "CODES", "candidate intermediaries (default: others)"},
        {"years", FLOWTOOL_STRING, &a.years, "Y0,Y1[,Y2]", "before, after, back-test year"},
        {"diagnostic", FLOWTOOL_STRING, &a.diagnostic, "NAME",
         "substitution, comovement, mirror, unit-values, suspects, calibrate or all"},
        {"mirror-layer", FLOWTOOL_STRING, &c.mirror_layer, "NAME",
         "read M/IMPORT rows into this layer (importer reports)"},
        {"quantity-layer", FLOWTOOL_STRING, &c.quantity_layer, "NAME",
         "read the quantity column into this layer (unit values)"},
        {"quantity-column", FLOWTOOL_STRING, &c.quantity_column, "NAME",
         "header of the quantity column (baci: q; comtrade: netWgt; else quantity)"},
        {"quantity-unit", FLOWTOOL_STRING, &c.quantity_unit, "UNIT",
         "unit of the quantities (baci: t; comtrade: kg)"},
        {"product-groups", FLOWTOOL_STRING, &c.product_groups, "FILE",
         "concordance CSV (code,group): product codes or prefixes to groups"},
        {"band-lo", FLOWTOOL_DOUBLE, &a.band_lo, "X", "CIF/FOB band, low end (1)"},
        {"band-hi", FLOWTOOL_DOUBLE, &a.band_hi, "X", "CIF/FOB band, high end (1.2)"},
        {"jump", FLOWTOOL_DOUBLE, &a.jump, "X", "unit-value jump factor (2)"},
        {"bootstrap", FLOWTOOL_INT, &a.bootstrap, "N", "bootstrap draws (200)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    int64_t years[3];
    flow_dataset *ds = NULL;
    flow_evasion_options *o = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    /* The files first: a missing or bad file is a failed analysis (1) whatever else is given. */
    if ((status = flowtool_load(&ds, files, nfiles, &c, NULL)) != 0)
        goto done;
    int which = pick_diagnostic(a.diagnostic);
    if (a.from == NULL || a.to == NULL || parse_years(a.years, years) != 0 || which == -2) {
        fprintf(stderr, "flowtool: evasion needs --from, --to, --years Y0,Y1[,Y2] and a known "
                        "--diagnostic (see --help)\n");
        status = 2;
        goto done;
    }
    status = 1;
    if (make_question(&o, &a, &c) != FLOW_OK) {
        flowtool_fail("evasion options");
        goto done;
    }
    status = 0;
    for (int d = 0; status == 0 && d < FLOW_EVASION_DIAGNOSTIC_COUNT; d++)
        if (which < 0 || which == d)
            status = run_diagnostic(ds, o, d, c.format);
    if (status == 0 && (which < 0 || which == FLOW_EVASION_DIAGNOSTIC_COUNT))
        status = run_calibration(ds, o, c.layer ? c.layer : "trade", c.format);
done:
    flow_evasion_options_free(o);
    flow_dataset_free(ds);
    free(files);
    return status;
}
