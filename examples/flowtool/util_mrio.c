/*
 * util_mrio.c - MRIO databases for "flowtool io --mrio FORMAT PATH": a multi-regional
 * database (OECD ICIO, EXIOBASE 3, FIGARO, pymrio) read in one call,
 * optionally aggregated through concordances, with its summary, row
 * accounting and the regional footprints of its extensions.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* A flow_table with region (or stressor) rows printed as a labelled matrix. */
static int print_flow_table(const flow_table *t, const char *title, int format)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    const char **rl = malloc((size_t)(rows > 0 ? rows : 1) * sizeof *rl);
    const char **cl = malloc((size_t)(cols > 0 ? cols : 1) * sizeof *cl);
    int rc = rl == NULL || cl == NULL;
    for (int64_t i = 0; !rc && i < rows; i++)
        rl[i] = flow_table_row_label(t, i);
    for (int64_t j = 0; !rc && j < cols; j++)
        cl[j] = flow_table_col_label(t, j);
    if (!rc)
        rc = flowtool_print_matrix(stdout, format, title, flow_table_values(t), rows, cols, cols,
                                   rl, cl) != 0;
    free(rl);
    free(cl);
    return rc;
}

/* Regional accounts of one extension, one table per account (stressors x regions). */
static int print_footprints(flow_mrio *mrio, int64_t e, int format)
{
    static const int accounts[] = {FLOW_MRIO_D_CBA_REG, FLOW_MRIO_D_PBA_REG, FLOW_MRIO_D_IMP_REG,
                                   FLOW_MRIO_D_EXP_REG};
    const char *name = NULL;
    flow_mrio_extension(mrio, e, &name, NULL, NULL);
    for (size_t a = 0; a < sizeof accounts / sizeof *accounts; a++) {
        flow_table *t = NULL;
        char title[512];
        if (flow_mrio_account_table(&t, mrio, e, accounts[a]) != FLOW_OK)
            return flowtool_fail(name);
        snprintf(title, sizeof title, "%s: %s (stressors x regions)", name,
                 flow_mrio_account_name(accounts[a]));
        int rc = print_flow_table(t, title, format);
        flow_table_free(t);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int flowtool_io_mrio_load(flow_mrio **out, const struct flowtool_mrio_options *o, const char *path)
{
    int format = 0;
    flow_mrio_options *opts = NULL;
    flow_mrio *mrio = NULL, *agg = NULL;
    *out = NULL;
    if (flow_mrio_format_from_name(o->format, &format) != FLOW_OK ||
        flow_mrio_options_new(&opts) != FLOW_OK ||
        flow_mrio_options_set(opts, "keep_splits", o->keep_splits ? "1" : "0") != FLOW_OK ||
        flow_mrio_options_set(opts, "trust_given_output", o->trust_output ? "1" : "0") != FLOW_OK ||
        flow_mrio_read(&mrio, path, format, opts) != FLOW_OK) {
        flow_mrio_options_free(opts);
        return flowtool_fail(path);
    }
    flow_mrio_options_free(opts);
    if (o->regions != NULL || o->sectors != NULL) {
        if (flow_mrio_aggregate_csv(&agg, mrio, o->regions, o->sectors) != FLOW_OK) {
            flow_mrio_free(mrio);
            return flowtool_fail("aggregation");
        }
        flow_mrio_free(mrio);
        mrio = agg;
    }
    int64_t n[FLOWTOOL_COUNT_COUNT];
    flowtool_report_counts(flow_mrio_report(mrio), n);
    fprintf(stderr, "%s%lld rows read, %lld accepted, %lld filtered, %lld rejected\n",
            flow_mrio_summary(mrio), (long long)n[FLOWTOOL_ROWS], (long long)n[FLOWTOOL_ACCEPTED],
            (long long)n[FLOWTOOL_FILTERED], (long long)n[FLOWTOOL_REJECTED]);
    *out = mrio;
    return 0;
}

int flowtool_io_mrio_footprints(flow_mrio *mrio, const char *extension, int format)
{
    int64_t e = -1;
    if (extension == NULL)
        return 0;
    if (strcmp(extension, "all") == 0) {
        for (e = 0; e < flow_mrio_extension_count(mrio); e++)
            if (print_footprints(mrio, e, format) != 0)
                return 1;
        return 0;
    }
    if (flow_mrio_find_extension(mrio, extension, &e) != FLOW_OK)
        return flowtool_fail("--footprints");
    return print_footprints(mrio, e, format);
}

/* Region totals of the lenses: cut, demand and supply loss, and their share of output. */
static int print_cut_regions(const flow_io_model *m, const flow_table *t, const char *name,
                             int format)
{
    static const char *const headers[] = {"region",      "output",      "direct cut",
                                          "demand loss", "supply loss", "demand loss share"};
    struct flowtool_io_labels lab = {0};
    if (flowtool_io_labels_read(&lab, m) != 0)
        return 1;
    int64_t sectors = lab.sectors;
    const double *v = flow_table_values(t);
    char title[512];
    snprintf(title, sizeof title, "Sector cut %s: losses by region (units of the table)", name);
    flowtool_table *out = flowtool_table_new(title, 6, headers);
    int rc = out == NULL ? -1 : 0;
    for (int64_t r = 0; rc == 0 && r < lab.regions; r++) {
        double sum[4] = {0.0, 0.0, 0.0, 0.0};
        for (int64_t i = r * sectors; i < (r + 1) * sectors; i++)
            for (int c = 0; c < 4; c++)
                sum[c] += v[i * 5 + c];
        rc = flowtool_table_text(out, flowtool_io_region(&lab, r)) |
             flowtool_table_number(out, sum[0]) | flowtool_table_number(out, sum[1]) |
             flowtool_table_number(out, sum[2]) | flowtool_table_number(out, sum[3]) |
             flowtool_table_number(out, sum[0] > 0.0 ? sum[2] / sum[0] : 0.0);
    }
    flowtool_table_finish(out, rc, format);
    flowtool_io_labels_free(&lab);
    return rc != 0;
}

/* The top sectors by inoperability. */
static int print_cut_sectors(const flow_io_model *m, const flow_table *t, int64_t top, int format)
{
    static const char *const headers[] = {"rank",        "sector",      "direct cut",
                                          "demand loss", "supply loss", "inoperability"};
    int64_t n = flow_table_rows(t);
    const double *v = flow_table_values(t);
    int64_t *order = malloc((size_t)(n > 0 ? n : 1) * sizeof *order);
    flowtool_table *out = flowtool_table_new(
        "Sector cut: most inoperable sectors (demand loss / output)", 6, headers);
    int rc = order == NULL || out == NULL ? -1 : 0;
    for (int64_t i = 0; rc == 0 && i < n; i++) {
        int64_t j = i;
        for (; j > 0 && v[order[j - 1] * 5 + 4] < v[i * 5 + 4]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (int64_t r = 0; rc == 0 && r < n && r < top; r++) {
        int64_t i = order[r];
        char name[512];
        snprintf(name, sizeof name, "%s/%s", flow_table_row_group(t, i),
                 flow_table_row_label(t, i));
        rc = flowtool_table_integer(out, r + 1) | flowtool_table_text(out, name) |
             flowtool_table_number(out, v[i * 5 + 1]) | flowtool_table_number(out, v[i * 5 + 2]) |
             flowtool_table_number(out, v[i * 5 + 3]) | flowtool_table_number(out, v[i * 5 + 4]);
    }
    (void)m;
    flowtool_table_finish(out, rc, format);
    free(order);
    return rc != 0;
}

/* Prints the losses of a cut (or scenario) run; what names its file in the skipped count. */
static int print_cut(const flow_io_model *m, const flow_table *t, const char *name,
                     const char *what, int64_t skipped, int64_t top, int format)
{
    if (skipped > 0)
        fprintf(stderr, "%s: %lld group members are not in the table (skipped)\n", what,
                (long long)skipped);
    return print_cut_regions(m, t, name, format) || print_cut_sectors(m, t, top, format);
}

int flowtool_io_sector_cut(flow_io_model *m, const char *path, int64_t top, int format)
{
    flow_scenario *cut = NULL;
    flow_table *t = NULL;
    int64_t skipped = 0;
    if (path == NULL)
        return 0;
    if (flow_scenario_read(&cut, path) != FLOW_OK ||
        flow_scenario_run_io(&t, cut, m, &skipped) != FLOW_OK) {
        flow_scenario_free(cut);
        return flowtool_fail(path);
    }
    int rc = print_cut(m, t, flow_scenario_name(cut), path, skipped, top, format);
    flow_table_free(t);
    flow_scenario_free(cut);
    return rc;
}

int flowtool_io_scenario(const flow_io_model *m, const flow_scenario *s, int64_t top, int format)
{
    flow_table *t = NULL;
    int64_t skipped = 0;
    if (flow_scenario_run_io(&t, s, m, &skipped) != FLOW_OK)
        return flowtool_fail(flow_scenario_name(s));
    int rc = print_cut(m, t, flow_scenario_name(s), flow_scenario_name(s), skipped, top, format);
    flow_table_free(t);
    return rc;
}
