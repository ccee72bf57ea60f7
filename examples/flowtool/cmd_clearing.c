/*
 * cmd_clearing.c - "flowtool clearing": Eisenberg–Noe clearing payments with
 * Rogers–Veraart default costs for an interbank matrix of claims (a stock),
 * read as a wide CSV.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char flowtool_about_clearing[] =
    "interbank clearing payments and defaults (Eisenberg-Noe, Rogers-Veraart costs)";

static const char usage[] = "flowtool clearing [--alpha A] [--beta B] [options] LIABILITIES.csv";
static const char description[] =
    "Reads a wide CSV of interbank liabilities (a stock, one currency unit): a header\n"
    "bank,<bank 1>,...,<bank n>,external_assets, then one row per bank i giving what\n"
    "i owes each bank j and, last, i's external assets. Prints the greatest clearing\n"
    "payment vector of Eisenberg & Noe (2001) with the default costs of Rogers &\n"
    "Veraart (2013): a defaulting bank realises --alpha of its external and --beta\n"
    "of its interbank assets (both 1 by default: Eisenberg-Noe). Columns: what each\n"
    "bank owes and pays, its recovery rate, whether it defaults, its net worth before\n"
    "default costs, and the round of default (1 = fundamental, later = contagion).";

/* Splits the read table into the n x n liabilities and the external assets. */
static int split(const flow_table *t, const char *path, flow_table **liabilities, double **assets)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    if (cols != rows + 1 || strcmp(flow_table_col_label(t, cols - 1), "external_assets") != 0) {
        fprintf(stderr,
                "flowtool: %s: expected %lld bank columns and a last column external_assets\n",
                path, (long long)rows);
        return 1;
    }
    *assets = malloc((size_t)(rows > 0 ? rows : 1) * sizeof **assets);
    if (*assets == NULL || flow_table_slice(liabilities, t, 0, rows, 0, rows) != FLOW_OK)
        return flowtool_fail(path);
    for (int64_t i = 0; i < rows; i++)
        (*assets)[i] = flow_table_values(t)[i * cols + rows];
    return 0;
}

static int print_result(const flow_table *r, const char *title, int format)
{
    static const char *const headers[] = {"bank",    "liabilities", "payment", "recovery_rate",
                                          "default", "net_worth",   "round"};
    flowtool_table *out = flowtool_table_new(title, 7, headers);
    int rc = out == NULL;
    int64_t cols = flow_table_cols(r);
    for (int64_t i = 0; rc == 0 && i < flow_table_rows(r); i++) {
        rc |= flowtool_table_text(out, flow_table_row_label(r, i));
        for (int64_t j = 0; j < cols; j++)
            rc |= flowtool_table_number(out, flow_table_values(r)[i * cols + j]);
    }
    flowtool_table_finish(out, rc, format);
    return rc;
}

int flowtool_cmd_clearing(int argc, char **argv)
{
    struct flowtool_common c;
    flowtool_common_init(&c);
    double alpha = 1.0, beta = 1.0;
    const struct flowtool_option options[] = {
        {"alpha", FLOWTOOL_DOUBLE, &alpha, "A", "share of external assets a defaulter realises"},
        {"beta", FLOWTOOL_DOUBLE, &beta, "B", "share of interbank assets a defaulter realises"},
        FLOWTOOL_COMMON_OPTIONS(&c),
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2;
    flow_read_options *opts = NULL;
    flow_table *t = NULL, *l = NULL, *r = NULL;
    double *assets = NULL;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (nfiles != 1) {
        fprintf(stderr, "flowtool: clearing takes one LIABILITIES.csv\n%s\n", usage);
        goto done;
    }
    status = 1;
    if (flow_read_options_new(&opts) != FLOW_OK ||
        flow_read_options_set(opts, "strict", c.strict ? "1" : "0") != FLOW_OK ||
        flow_table_read_csv(&t, files[0], opts, NULL) != FLOW_OK) {
        flowtool_fail(files[0]);
        goto done;
    }
    if (split(t, files[0], &l, &assets) != 0)
        goto done;
    if (flow_clearing_vector(&r, l, assets, alpha, beta) != FLOW_OK) {
        flowtool_fail("clearing");
        goto done;
    }
    char title[160];
    snprintf(title, sizeof title, "Clearing payments (alpha %g, beta %g)", alpha, beta);
    status = print_result(r, title, c.format);
done:
    flow_table_free(r);
    flow_table_free(l);
    flow_table_free(t);
    flow_read_options_free(opts);
    free(assets);
    free(files);
    return status;
}
