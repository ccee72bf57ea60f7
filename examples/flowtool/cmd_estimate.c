/*
 * cmd_estimate.c - "flowtool estimate": a matrix estimated from its row and
 * column totals, by RAS from a prior matrix (exposures or an input-output
 * table brought to new margins) or as the maximum-entropy bilateral exposures
 * of banks given their total interbank assets and liabilities.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char flowtool_about_estimate[] =
    "matrix from row and column totals: RAS on a prior, maximum-entropy exposures";

static const char usage[] =
    "flowtool estimate (--ras | --max-entropy) [--tolerance T] [--max-iterations N]\n"
    "       [options] FILE.csv";
static const char description[] =
    "--ras: FILE.csv is a prior matrix brought to target totals by biproportional\n"
    "balancing (RAS; Miller & Blair 2009, 7.4): a header label,<col 1>,...,<col m>,\n"
    "row_total, one row per row label with the prior's entries (>= 0; zeros stay\n"
    "zero) and its target row total, then a last row col_total with the target\n"
    "column totals (its row_total cell is not read). Row and column targets must\n"
    "have the same sum. Use it to update an input-output table to new margins or\n"
    "to fit last period's exposures to this period's totals.\n"
    "--max-entropy: FILE.csv has a header bank,assets,liabilities (other columns\n"
    "ignored), one row per bank: its total interbank assets (what it has lent) and\n"
    "liabilities (what it has borrowed), stocks in one currency unit with equal\n"
    "sums. Prints the maximum-entropy bilateral exposures with no bank exposed to\n"
    "itself (Upper & Worms 2004): row i, column j = the claim of bank i on bank j.\n"
    "Both print the estimated matrix with the input's labels and units. The file\n"
    "is read strictly: a bad cell fails the run, naming its line and column, since\n"
    "an estimate without one of its rows would change every other entry.";

/* The method chosen and its convergence settings (--tolerance, --max-iterations). */
struct settings {
    int ras, max_entropy;
    double tolerance;
    int64_t max_iterations;
};

static int read_strict(const char *path, flow_table **t)
{
    flow_read_options *opts = NULL;
    int rc = 0;
    if (flow_read_options_new(&opts) != FLOW_OK ||
        flow_read_options_set(opts, "strict", "1") != FLOW_OK ||
        flow_table_read_csv(t, path, opts, NULL) != FLOW_OK)
        rc = flowtool_fail(path);
    flow_read_options_free(opts);
    return rc;
}

/* Copies column col of t into a new array (NULL on out-of-memory). */
static double *column(const flow_table *t, int64_t col)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    double *v = malloc((size_t)(rows > 0 ? rows : 1) * sizeof *v);
    for (int64_t i = 0; v != NULL && i < rows; i++)
        v[i] = flow_table_values(t)[i * cols + col];
    return v;
}

/* RAS: splits the file into the prior and its target margins, balances, prints. */
static int run_ras(const flow_table *t, const char *path, const struct settings *s, int format)
{
    int64_t rows = flow_table_rows(t) - 1, cols = flow_table_cols(t) - 1;
    if (rows < 1 || cols < 1 || strcmp(flow_table_col_label(t, cols), "row_total") != 0 ||
        strcmp(flow_table_row_label(t, rows), "col_total") != 0) {
        fprintf(stderr, "flowtool: %s: expected a last column row_total and a last row col_total\n",
                path);
        return 1;
    }
    flow_table *prior = NULL, *x = NULL;
    double *row_totals = column(t, cols), *col_totals = NULL;
    int rc = 1;
    if (row_totals == NULL || flow_table_slice(&prior, t, 0, rows, 0, cols) != FLOW_OK ||
        (col_totals = malloc((size_t)cols * sizeof *col_totals)) == NULL) {
        flowtool_fail(path);
        goto done;
    }
    memcpy(col_totals, flow_table_values(t) + rows * (cols + 1), (size_t)cols * sizeof *col_totals);
    if (flow_ras(&x, prior, row_totals, col_totals, s->tolerance, s->max_iterations) != FLOW_OK) {
        flowtool_fail("ras");
        goto done;
    }
    char title[160];
    snprintf(title, sizeof title, "RAS estimate (tolerance %g)", s->tolerance);
    rc = flowtool_print_result(x, title, NULL, "", NULL, format);
done:
    flow_table_free(x);
    flow_table_free(prior);
    free(row_totals);
    free(col_totals);
    return rc;
}

/* Maximum entropy: the banks' assets and liabilities columns, found by name. */
static int run_max_entropy(const flow_table *t, const char *path, const struct settings *s,
                           int format)
{
    int64_t n = flow_table_rows(t), a = -1, l = -1;
    if (flow_table_find_col(t, "assets", NULL, &a) != FLOW_OK ||
        flow_table_find_col(t, "liabilities", NULL, &l) != FLOW_OK) {
        fprintf(stderr, "flowtool: %s: expected columns assets and liabilities\n", path);
        return 1;
    }
    const char **banks = malloc((size_t)(n > 0 ? n : 1) * sizeof *banks);
    double *assets = column(t, a), *liabilities = column(t, l);
    flow_table *x = NULL;
    int rc = 1;
    if (banks == NULL || assets == NULL || liabilities == NULL) {
        flowtool_fail(path);
        goto done;
    }
    for (int64_t i = 0; i < n; i++)
        banks[i] = flow_table_row_label(t, i);
    if (flow_exposures_max_entropy(&x, n, banks, assets, liabilities, s->tolerance,
                                   s->max_iterations) != FLOW_OK) {
        flowtool_fail("max-entropy");
        goto done;
    }
    rc = flowtool_print_result(x, "Maximum-entropy exposures (row bank's claim on column bank)",
                               NULL, "bank", NULL, format);
done:
    flow_table_free(x);
    free(banks);
    free(assets);
    free(liabilities);
    return rc;
}

int flowtool_cmd_estimate(int argc, char **argv)
{
    struct flowtool_common c;
    flowtool_common_init(&c);
    struct settings s = {0, 0, 1e-10, 10000};
    const struct flowtool_option options[] = {
        {"ras", FLOWTOOL_FLAG, &s.ras, NULL, "balance the prior matrix of FILE.csv (RAS)"},
        {"max-entropy", FLOWTOOL_FLAG, &s.max_entropy, NULL,
         "maximum-entropy exposures from banks' totals in FILE.csv"},
        {"tolerance", FLOWTOOL_DOUBLE, &s.tolerance, "T",
         "largest relative gap left between a total and its target (default 1e-10)"},
        {"max-iterations", FLOWTOOL_INT, &s.max_iterations, "N",
         "at most N row-and-column rounds (default 10000)"},
        FLOWTOOL_COMMON_OPTIONS(&c),
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_table *t = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (nfiles != 1 || s.ras + s.max_entropy != 1) {
        fprintf(stderr,
                "flowtool: estimate takes one of --ras and --max-entropy and one FILE.csv\n"
                "%s\n",
                usage);
        goto done;
    }
    status = 1;
    if (read_strict(files[0], &t) != 0)
        goto done;
    status =
        s.ras ? run_ras(t, files[0], &s, c.format) : run_max_entropy(t, files[0], &s, c.format);
done:
    flow_table_free(t);
    free(files);
    return status;
}
