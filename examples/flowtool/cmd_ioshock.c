/*
 * cmd_ioshock.c - "flowtool ioshock": the inoperability model (demand or
 * supply side, and its recovery path), the mixed model and the price model
 * on a one-region input-output table read as a wide CSV.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char flowtool_about_ioshock[] =
    "inoperability (demand/supply, recovery path), mixed and price models of an IO table";

static const char usage[] = "flowtool ioshock (--iim SECTOR=SHARE,... [--side demand|supply]\n"
                            "       [--steps N --resilience K] | --mixed SECTOR=OUTPUT,... |\n"
                            "       --price SECTOR=CHANGE,...) [options] TABLE.csv";
static const char description[] =
    "TABLE.csv is a one-region input-output table of flows in one value unit:\n"
    "sector,<sector 1>,...,<sector n>,final_demand,output, one row per selling sector\n"
    "(the Z block, then final demand and total output).\n"
    "--iim: inoperability (Santos & Haimes 2004; supply side Leung, Haimes & Santos\n"
    "2007) when the listed sectors lose SHARE of their final demand (demand side) or\n"
    "of their primary inputs (supply side); with --steps and --resilience, the\n"
    "recovery path of Lian & Haimes (2006) from that equilibrium with no perturbation\n"
    "left, every sector with resilience K per period.\n"
    "--mixed: the listed sectors' outputs are fixed (an embargo as a quantity, Miller\n"
    "& Blair 2009, 13.1); the others keep their final demand.\n"
    "--price: value added per unit of output of the listed sectors rises by CHANGE\n"
    "(a fraction of the base price 1); prints the price change of every sector.";

struct io_table {
    flow_table *z;
    double *f, *x;
    int64_t n;
};

static int load(const char *path, int strict, struct io_table *io)
{
    flow_read_options *opts = NULL;
    flow_table *t = NULL;
    int rc = 1;
    if (flow_read_options_new(&opts) != FLOW_OK ||
        flow_read_options_set(opts, "strict", strict ? "1" : "0") != FLOW_OK ||
        flow_table_read_csv(&t, path, opts, NULL) != FLOW_OK) {
        flowtool_fail(path);
        goto done;
    }
    int64_t n = flow_table_rows(t), cols = flow_table_cols(t);
    if (cols != n + 2 || strcmp(flow_table_col_label(t, n), "final_demand") != 0 ||
        strcmp(flow_table_col_label(t, n + 1), "output") != 0) {
        fprintf(stderr, "flowtool: %s: expected %lld sector columns, then final_demand, output\n",
                path, (long long)n);
        goto done;
    }
    io->n = n;
    io->f = malloc((size_t)(n > 0 ? n : 1) * sizeof *io->f);
    io->x = malloc((size_t)(n > 0 ? n : 1) * sizeof *io->x);
    if (io->f == NULL || io->x == NULL || flow_table_slice(&io->z, t, 0, n, 0, n) != FLOW_OK) {
        flowtool_fail(path);
        goto done;
    }
    for (int64_t i = 0; i < n; i++) {
        io->f[i] = flow_table_values(t)[i * cols + n];
        io->x[i] = flow_table_values(t)[i * cols + n + 1];
    }
    rc = 0;
done:
    flow_table_free(t);
    flow_read_options_free(opts);
    return rc;
}

/* Parses "S1=v1,S2=v2" into values[] by sector (set[] marks the listed ones). */
static int parse_list(const char *list, const flow_table *z, double *values, int *set,
                      const char *option)
{
    char *copy = strdup(list), *save = NULL;
    int rc = copy == NULL;
    for (char *item = strtok_r(copy, ",", &save); rc == 0 && item;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '='), *end = NULL;
        int64_t i = -1;
        if (eq != NULL)
            *eq = '\0';
        double v = eq ? strtod(eq + 1, &end) : 0.0;
        if (eq == NULL || end == eq + 1 || *end != '\0' ||
            flow_table_find_row(z, item, NULL, &i) != FLOW_OK) {
            fprintf(stderr, "flowtool: %s: '%s' is not SECTOR=NUMBER with a sector of the table\n",
                    option, item);
            rc = 2;
            break;
        }
        values[i] = v;
        set[i] = 1;
    }
    free(copy);
    return rc;
}

/* Prints a result table with its row and column labels. */
static int print_table(const flow_table *r, const char *title, int format)
{
    int64_t rows = flow_table_rows(r), cols = flow_table_cols(r);
    const char **rl = calloc((size_t)rows + 1, sizeof *rl);
    const char **cl = calloc((size_t)cols + 1, sizeof *cl);
    int rc = rl == NULL || cl == NULL;
    for (int64_t i = 0; rc == 0 && i < rows; i++)
        rl[i] = flow_table_row_label(r, i);
    for (int64_t j = 0; rc == 0 && j < cols; j++)
        cl[j] = flow_table_col_label(r, j);
    if (rc == 0)
        rc = flowtool_print_matrix(stdout, format, title, flow_table_values(r), rows, cols, cols,
                                   rl, cl);
    free(rl);
    free(cl);
    return rc;
}

/* Technical coefficients A = Z diag(x)^-1, labelled as Z. */
static int coefficients(const struct io_table *io, flow_table **a)
{
    if (flow_table_slice(a, io->z, 0, io->n, 0, io->n) != FLOW_OK)
        return flowtool_fail("coefficients");
    for (int64_t i = 0; i < io->n; i++)
        for (int64_t j = 0; j < io->n; j++)
            flow_table_set(*a, i, j, flow_table_values(io->z)[i * io->n + j] / io->x[j]);
    return 0;
}

/* The perturbation c* of --iim: shares of final demand or of primary inputs. */
static void perturbation(const struct io_table *io, int side, const double *share, double *c)
{
    for (int64_t i = 0; i < io->n; i++) {
        double base = io->f[i];
        if (side == FLOW_IIM_SUPPLY) { /* primary inputs = output - intermediate inputs */
            base = io->x[i];
            for (int64_t k = 0; k < io->n; k++)
                base -= flow_table_values(io->z)[k * io->n + i];
        }
        c[i] = share[i] * base / io->x[i];
    }
}

struct ioshock_options {
    const char *iim, *side, *mixed, *price;
    int64_t steps;
    double resilience;
};

static int run_iim(const struct io_table *io, const struct ioshock_options *o, double *share,
                   int format)
{
    int side = o->side && strcmp(o->side, "supply") == 0 ? FLOW_IIM_SUPPLY : FLOW_IIM_DEMAND;
    flow_table *m = NULL, *r = NULL, *path = NULL;
    double *c = calloc((size_t)io->n + 1, sizeof *c), *k = calloc((size_t)io->n + 1, sizeof *k);
    double *q = calloc((size_t)io->n + 1, sizeof *q);
    int rc = 1;
    if (c == NULL || k == NULL || q == NULL)
        goto done;
    perturbation(io, side, share, c);
    if (flow_iim_matrix(&m, io->z, io->x, side) != FLOW_OK ||
        flow_iim_static(&r, m, c, io->x) != FLOW_OK) {
        rc = flowtool_fail("inoperability");
        goto done;
    }
    rc = print_table(
        r, side == FLOW_IIM_SUPPLY ? "Inoperability, supply side" : "Inoperability, demand side",
        format);
    if (rc != 0 || o->steps <= 0)
        goto done;
    for (int64_t i = 0; i < io->n; i++) {
        k[i] = o->resilience;
        q[i] = flow_table_values(r)[i * 3 + 1];
    }
    if (flow_iim_dynamic(&path, m, k, q, NULL, o->steps) != FLOW_OK) {
        rc = flowtool_fail("recovery path");
        goto done;
    }
    rc = print_table(path, "Recovery path (inoperability by period)", format);
done:
    flow_table_free(path);
    flow_table_free(r);
    flow_table_free(m);
    free(c);
    free(k);
    free(q);
    return rc;
}

static int run_mixed_or_price(const struct io_table *io, int mixed, const double *values,
                              const int *set, int format)
{
    flow_table *a = NULL, *r = NULL;
    int rc = coefficients(io, &a);
    if (rc == 0 && (mixed ? flow_io_mixed(&r, a, io->f, values, set)
                          : flow_io_price(&r, a, NULL, NULL, values)) != FLOW_OK)
        rc = flowtool_fail(mixed ? "mixed model" : "price model");
    if (rc == 0)
        rc = print_table(r,
                         mixed ? "Mixed model (constrained outputs fixed)"
                               : "Price model (relative price changes)",
                         format);
    flow_table_free(r);
    flow_table_free(a);
    return rc;
}

int flowtool_cmd_ioshock(int argc, char **argv)
{
    struct flowtool_common c;
    struct ioshock_options o = {NULL, NULL, NULL, NULL, 0, 0.5};
    struct io_table io = {NULL, NULL, NULL, 0};
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        {"iim", FLOWTOOL_STRING, &o.iim, "S=SHARE,...", "inoperability: shares lost by sector"},
        {"side", FLOWTOOL_STRING, &o.side, "SIDE", "demand (default) or supply"},
        {"steps", FLOWTOOL_INT, &o.steps, "N", "periods of the recovery path (default 0)"},
        {"resilience", FLOWTOOL_DOUBLE, &o.resilience, "K", "resilience per period (0.5)"},
        {"mixed", FLOWTOOL_STRING, &o.mixed, "S=OUTPUT,...", "fixed outputs by sector"},
        {"price", FLOWTOOL_STRING, &o.price, "S=CHANGE,...", "value-added cost changes"},
        FLOWTOOL_COMMON_OPTIONS(&c),
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    double *values = NULL;
    int *set = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (nfiles != 1 || (o.iim != NULL) + (o.mixed != NULL) + (o.price != NULL) > 1 ||
        (o.side && strcmp(o.side, "demand") != 0 && strcmp(o.side, "supply") != 0)) {
        fprintf(stderr,
                "flowtool: one TABLE.csv, at most one of --iim, --mixed, --price and "
                "--side demand or supply\n%s\n",
                usage);
        goto done;
    }
    if ((status = load(files[0], c.strict, &io)) != 0)
        goto done;
    values = calloc((size_t)io.n + 1, sizeof *values);
    set = calloc((size_t)io.n + 1, sizeof *set);
    if (values == NULL || set == NULL) {
        status = 1;
        goto done;
    }
    const char *list = o.iim ? o.iim : o.mixed ? o.mixed : o.price;
    if (list == NULL) {
        fprintf(stderr, "flowtool: give --iim, --mixed or --price\n%s\n", usage);
        status = 2;
        goto done;
    }
    if ((status = parse_list(list, io.z, values, set,
                             o.iim     ? "--iim"
                             : o.mixed ? "--mixed"
                                       : "--price")) != 0)
        goto done;
    status = o.iim ? run_iim(&io, &o, values, c.format)
                   : run_mixed_or_price(&io, o.mixed != NULL, values, set, c.format);
done:
    flow_table_free(io.z);
    free(io.f);
    free(io.x);
    free(values);
    free(set);
    free(files);
    return status;
}
