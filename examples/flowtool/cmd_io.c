/*
 * cmd_io.c - "flowtool io": input-output analysis of a wide table
 * (multipliers, linkages, key sectors, extraction ranking, value-added
 * origin) and the country-level dependency report of a flow layer.
 *
 *   flowtool io table FILE [--va-row VA] [--x-row X] [--top N]
 *   flowtool io country --economies FILE --flows FILE [--layer trade]
 *                       [--year 2021] [--size gdp_usd_bn_2022]
 *                       [--flow-scale 0.001] [--top N]
 */
#include <libflow.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_io[] =
    "input-output analysis: multipliers, linkages, extraction, who depends on whom";

struct io_args {
    const char *mode;
    const char *file;
    const char *va_row;
    const char *x_row;
    const char *economies;
    const char *flows;
    const char *layer;
    const char *size;
    int64_t year;
    double flow_scale; /* NaN: from the matrix unit */
    int64_t top;
};

static void io_usage(FILE *to)
{
    fprintf(
        to,
        "usage: flowtool io table FILE [--va-row LABEL] [--x-row LABEL] [--top N]\n"
        "       flowtool io country --economies FILE --flows FILE [--layer NAME]\n"
        "                           [--year YEAR] [--size COLUMN] [--flow-scale S] [--top N]\n\n"
        "table:   a wide CSV with region,sector label columns, the Z block, final-demand\n"
        "         columns (named after their region, e.g. FD_CHN), and optional value-added\n"
        "         (default label VA) and gross-output (default X) rows. Prints diagnostics,\n"
        "         multipliers, linkages, key sectors, the hypothetical-extraction ranking\n"
        "         and, for several regions, the value-added origin of final demand.\n"
        "country: the country-level dependency system A_ij = flow_ij / size_j of one\n"
        "         layer and year (size: an attribute column of the economies file, GDP by\n"
        "         default; flows in USD_m are scaled to USD bn unless --flow-scale says\n"
        "         otherwise). Prints who depends on whom, directly (A) and in total (L).\n");
}

static int parse_args(int argc, char **argv, struct io_args *a)
{
    *a = (struct io_args){.va_row = "VA",
                          .x_row = "X",
                          .layer = "trade",
                          .size = "gdp_usd_bn_2022",
                          .year = 2021,
                          .flow_scale = NAN,
                          .top = 10};
    if (argc < 2)
        return 2;
    a->mode = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0)
            return 1;
        if (opt[0] != '-') {
            a->file = opt;
            continue;
        }
        if (val == NULL)
            return 2;
        i++;
        if (strcmp(opt, "--va-row") == 0)
            a->va_row = val;
        else if (strcmp(opt, "--x-row") == 0)
            a->x_row = val;
        else if (strcmp(opt, "--economies") == 0)
            a->economies = val;
        else if (strcmp(opt, "--flows") == 0)
            a->flows = val;
        else if (strcmp(opt, "--layer") == 0)
            a->layer = val;
        else if (strcmp(opt, "--size") == 0)
            a->size = val;
        else if (strcmp(opt, "--year") == 0)
            a->year = strtoll(val, NULL, 10);
        else if (strcmp(opt, "--flow-scale") == 0)
            a->flow_scale = strtod(val, NULL);
        else if (strcmp(opt, "--top") == 0)
            a->top = strtoll(val, NULL, 10);
        else
            return 2;
    }
    return a->top > 0 ? 0 : 2;
}

static int fail(const char *what)
{
    fprintf(stderr, "flowtool io: %s: %s\n", what, flow_last_error());
    return 1;
}

/* Indices 0..n-1 ordered by decreasing value (insertion sort: small n). */
static void rank_desc(const double *value, int64_t *order, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        int64_t j = i;
        for (; j > 0 && value[order[j - 1]] < value[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

static void sector_name(const flow_io_model *m, int64_t i, char *buf, size_t cap)
{
    int64_t sectors = flow_io_model_sector_count(m);
    const char *r = flow_io_model_region_code(m, i / sectors);
    const char *s = flow_io_model_sector_code(m, i % sectors);
    snprintf(buf, cap, "%s%s%s", r, r[0] ? "/" : "", s[0] ? s : "?");
}

/* ------------------------------------------------------------------ table */

/* Reads the wide table and splits it into the Z, Y, v and x blocks. */
static int load_table(const struct io_args *a, flow_io_model **out)
{
    int rc = 1;
    flow_read_options *opts = NULL;
    flow_table *t = NULL, *z = NULL, *y = NULL, *v = NULL, *x = NULL;
    *out = NULL;
    if (flow_read_options_new(&opts) != FLOW_OK ||
        flow_read_options_set_wide_layout(opts, 1, 2, 0, -1, 1, 0) != FLOW_OK ||
        flow_read_options_set_allow_negative(opts, 1) != FLOW_OK ||
        flow_table_read_csv(&t, a->file, opts, NULL) != FLOW_OK) {
        fail(a->file);
        goto done;
    }
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t), n = 0, va = -1, xr = -1;
    for (int64_t i = 0; i < rows; i++) {
        const char *g = flow_table_row_group(t, i), *l = flow_table_row_label(t, i);
        if (strcmp(g, a->va_row) == 0 || strcmp(l, a->va_row) == 0)
            va = i;
        else if (strcmp(g, a->x_row) == 0 || strcmp(l, a->x_row) == 0)
            xr = i;
        else if (i == n)
            n++;
    }
    if (n == 0 || n > cols) {
        fprintf(stderr, "flowtool io: %s: %lld sector rows do not fit %lld columns\n", a->file,
                (long long)n, (long long)cols);
        goto done;
    }
    if (flow_table_slice(&z, t, 0, n, 0, n) != FLOW_OK ||
        flow_table_slice(&y, t, 0, n, n, cols - n) != FLOW_OK ||
        (va >= 0 && flow_table_slice(&v, t, va, 1, 0, n) != FLOW_OK) ||
        (xr >= 0 && flow_table_slice(&x, t, xr, 1, 0, n) != FLOW_OK) ||
        flow_io_model_new_from_tables(out, z, y, v, x) != FLOW_OK) {
        fail(a->file);
        goto done;
    }
    rc = 0;
done:
    flow_read_options_free(opts);
    flow_table_free(t);
    flow_table_free(z);
    flow_table_free(y);
    flow_table_free(v);
    flow_table_free(x);
    return rc;
}

/* Final-demand columns named after a region (FD_CHN, CHN_hh, ...) belong to it. */
static int assign_final_demand(flow_io_model *m)
{
    int64_t k = flow_io_model_final_demand_count(m), regions = flow_io_model_region_count(m);
    int64_t *owner = calloc((size_t)(k > 0 ? k : 1), sizeof *owner);
    if (owner == NULL)
        return 1;
    for (int64_t c = 0; c < k; c++) {
        char label[256];
        owner[c] = flow_io_model_final_demand_region(m, c);
        snprintf(label, sizeof label, "%s", flow_io_model_final_demand_label(m, c));
        for (char *tok = strtok(label, "_ "); tok != NULL && owner[c] < 0; tok = strtok(NULL, "_ "))
            for (int64_t r = 0; r < regions; r++)
                if (strcmp(tok, flow_io_model_region_code(m, r)) == 0)
                    owner[c] = r;
    }
    int rc = flow_io_model_set_final_demand(m, NULL, owner) == FLOW_OK ? 0 : fail("final demand");
    free(owner);
    return rc;
}

static const char *class_name(int64_t c)
{
    static const char *names[] = {"weak", "backward", "forward", "KEY"};
    return c >= 0 && c < 4 ? names[c] : "?";
}

static void print_matrix(const flow_io_model *m, const double *values, int percent)
{
    int64_t regions = flow_io_model_region_count(m);
    printf("%-8s", "from\\to");
    for (int64_t s = 0; s < regions; s++)
        printf(" %9s", flow_io_model_region_code(m, s));
    printf("\n");
    for (int64_t r = 0; r < regions; r++) {
        printf("%-8s", flow_io_model_region_code(m, r));
        for (int64_t s = 0; s < regions; s++)
            printf(percent ? " %8.1f%%" : " %9.4f", values[r * regions + s] * (percent ? 100 : 1));
        printf("\n");
    }
}

static int report_regions(flow_io_model *m)
{
    int64_t regions = flow_io_model_region_count(m);
    double *buf = malloc((size_t)(regions * regions) * sizeof *buf);
    int rc = 1;
    if (buf == NULL)
        return 1;
    if (flow_io_value_added_origin(m, 1, buf, regions * regions, regions) != FLOW_OK) {
        fail("value-added origin");
        goto done;
    }
    printf("\nWhere each region's final demand is made: share of the value added it absorbs\n"
           "by region of origin (column = consuming region)\n");
    print_matrix(m, buf, 1);
    if (flow_io_spillovers(m, NULL, buf, regions * regions, regions) != FLOW_OK) {
        fail("spillovers");
        goto done;
    }
    printf("\nNet spillover (output of row region per unit of final demand in an average\n"
           "sector of the column region, minus the reverse)\n");
    print_matrix(m, buf, 0);
    rc = 0;
done:
    free(buf);
    return rc;
}

static int run_table(const struct io_args *a)
{
    flow_io_model *m = NULL;
    flow_io_diagnostics *d = NULL;
    int rc = 1;
    if (a->file == NULL)
        return 2;
    if (load_table(a, &m) != 0 || assign_final_demand(m) != 0)
        goto done;
    int64_t n = flow_io_model_order(m);
    if (flow_io_diagnostics_new(&d, m, 1e-6) != FLOW_OK)
        return fail("diagnostics");
    printf("%s: %lld sectors in %lld region(s)\n%s", a->file, (long long)n,
           (long long)flow_io_model_region_count(m), flow_io_diagnostics_summary(d));
    double *col = calloc((size_t)(7 * n), sizeof *col);
    int64_t *cls = calloc((size_t)(2 * n), sizeof *cls);
    if (col == NULL || cls == NULL)
        goto done_buffers;
    double *mult = col, *vam = col + n, *bl = col + 2 * n, *fl = col + 3 * n, *eb = col + 4 * n,
           *ef = col + 5 * n, *et = col + 6 * n;
    int64_t *order = cls + n;
    if (flow_io_output_multipliers(m, mult, n) != FLOW_OK ||
        flow_io_value_added_multipliers(m, vam, n) != FLOW_OK ||
        flow_io_linkages(m, FLOW_IO_BACKWARD_TOTAL, 1, bl, n) != FLOW_OK ||
        flow_io_linkages(m, FLOW_IO_FORWARD_TOTAL, 1, fl, n) != FLOW_OK ||
        flow_io_key_sectors(m, 0, cls, n) != FLOW_OK ||
        flow_io_extraction_sweep(m, 0, eb, ef, et, n) != FLOW_OK) {
        fail("analysis");
        goto done_buffers;
    }
    printf("\n%-16s %12s %8s %8s %8s %8s %9s\n", "sector", "output", "out.mul", "va.mul",
           "BL(norm)", "FL(norm)", "class");
    const double *x = flow_io_model_output(m);
    for (int64_t i = 0; i < n; i++) {
        char name[64];
        sector_name(m, i, name, sizeof name);
        printf("%-16s %12.1f %8.4f %8.4f %8.4f %8.4f %9s\n", name, x[i], mult[i], vam[i], bl[i],
               fl[i], class_name(cls[i]));
    }
    rank_desc(et, order, n);
    double total = 0.0;
    for (int64_t i = 0; i < n; i++)
        total += x[i];
    printf("\nHypothetical extraction: loss of total output (%.1f) when a sector is removed\n"
           "%-4s %-16s %12s %12s %12s %7s\n",
           total, "rank", "sector", "total", "backward", "forward", "share");
    for (int64_t r = 0; r < n && r < a->top; r++) {
        char name[64];
        int64_t i = order[r];
        sector_name(m, i, name, sizeof name);
        printf("%-4lld %-16s %12.1f %12.1f %12.1f %6.1f%%\n", (long long)(r + 1), name, et[i],
               eb[i], ef[i], 100.0 * et[i] / total);
    }
    rc = flow_io_model_region_count(m) > 1 ? report_regions(m) : 0;
done_buffers:
    free(col);
    free(cls);
done:
    flow_io_diagnostics_free(d);
    flow_io_model_free(m);
    return rc;
}

/* ------------------------------------------------------------------ country */

/* The economies with a known, positive size form the system. */
static int country_system(const struct io_args *a, flow_dataset *ds, flow_io_model **out,
                          int64_t **members_out)
{
    int rc = 1;
    const double *flows = NULL;
    int64_t n_all = 0, stride = 0, n = 0;
    double *size = NULL, *sub = NULL, *sizes = NULL;
    int64_t *members = NULL;
    const char **codes = NULL;
    if (flow_dataset_matrix_view(ds, a->layer, a->year, NULL, &flows, &n_all, &stride) != FLOW_OK)
        return fail("flows");
    double scale = a->flow_scale;
    if (isnan(scale)) {
        const char *unit = flow_dataset_matrix_unit(ds, a->layer, a->year, NULL);
        scale = unit != NULL && strcmp(unit, "USD_m") == 0 ? 1e-3 : 1.0;
    }
    size = malloc((size_t)n_all * sizeof *size);
    members = malloc((size_t)n_all * sizeof *members);
    sizes = malloc((size_t)n_all * sizeof *sizes);
    codes = malloc((size_t)n_all * sizeof *codes);
    sub = malloc((size_t)(n_all * n_all) * sizeof *sub);
    if (!size || !members || !sizes || !codes || !sub)
        goto done;
    if (flow_dataset_attribute(ds, a->size, size, n_all) != FLOW_OK) {
        fail(a->size);
        goto done;
    }
    for (int64_t i = 0; i < n_all; i++)
        if (size[i] > 0.0) {
            members[n] = i;
            sizes[n] = size[i];
            codes[n++] = flow_labels_code(flow_dataset_economies(ds), i);
        }
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            sub[i * n + j] = i == j ? 0.0 : scale * flows[members[i] * stride + members[j]];
    if (flow_io_model_new_country(out, n, sub, n, sizes, codes) != FLOW_OK) {
        fail("country system");
        goto done;
    }
    *members_out = members;
    members = NULL;
    rc = 0;
done:
    free(size);
    free(members);
    free(sizes);
    free(codes);
    free(sub);
    return rc;
}

/* The largest off-diagonal entries of an n x n matrix, as "i -> j" dependency pairs. */
static void print_pairs(const flow_io_model *m, const double *values, int64_t top, const char *what)
{
    int64_t n = flow_io_model_order(m);
    double *off = malloc((size_t)(n * n) * sizeof *off);
    int64_t *order = malloc((size_t)(n * n) * sizeof *order);
    if (off == NULL || order == NULL)
        goto done;
    for (int64_t p = 0; p < n * n; p++)
        off[p] = p / n == p % n ? 0.0 : values[p];
    rank_desc(off, order, n * n);
    printf("\n%s\n%-4s %-18s %10s\n", what, "rank", "depends on", "per unit");
    for (int64_t r = 0; r < top && r < n * n && off[order[r]] > 0.0; r++) {
        char pair[48];
        snprintf(pair, sizeof pair, "%s <- %s", flow_io_model_region_code(m, order[r] % n),
                 flow_io_model_region_code(m, order[r] / n));
        printf("%-4lld %-18s %10.4f\n", (long long)(r + 1), pair, off[order[r]]);
    }
done:
    free(off);
    free(order);
}

static int run_country(const struct io_args *a)
{
    flow_dataset *ds = NULL;
    flow_io_model *m = NULL;
    int64_t *members = NULL;
    double *l = NULL, *et = NULL;
    int rc = 1;
    if (a->economies == NULL || a->flows == NULL)
        return 2;
    if (flow_dataset_new(&ds, NULL) != FLOW_OK ||
        flow_dataset_read_attributes(ds, a->economies, "code", 0) != FLOW_OK ||
        flow_dataset_read_csv(ds, a->flows, NULL, NULL) != FLOW_OK) {
        fail("reading");
        goto done;
    }
    if (country_system(a, ds, &m, &members) != 0)
        goto done;
    int64_t n = flow_io_model_order(m);
    l = malloc((size_t)(n * n) * sizeof *l);
    et = malloc((size_t)n * sizeof *et);
    if (l == NULL || et == NULL)
        goto done;
    printf("%s layer %lld: %lld economies, A_ij = flow i->j / %s of j\n", a->layer,
           (long long)a->year, (long long)n, a->size);
    print_pairs(m, flow_io_model_technical(m), a->top,
                "Direct dependence: a_ij, what j takes from i per unit of its size");
    if (flow_io_model_leontief_inverse(m, l, n * n, n) != FLOW_OK ||
        flow_io_extraction_sweep(m, 0, NULL, NULL, et, n) != FLOW_OK) {
        fail("country system");
        goto done;
    }
    print_pairs(m, l, a->top,
                "Total dependence: l_ij, output of i needed per unit of j's own final use\n"
                "(direct + through third economies)");
    int64_t *order = members; /* reuse: members are not needed any more */
    rank_desc(et, order, n);
    printf("\nEconomies whose removal from the system costs most (total extraction, %s)\n",
           "in size units");
    for (int64_t r = 0; r < n && r < a->top; r++)
        printf("%-4lld %-6s %12.1f\n", (long long)(r + 1), flow_io_model_region_code(m, order[r]),
               et[order[r]]);
    rc = 0;
done:
    free(l);
    free(et);
    free(members);
    flow_io_model_free(m);
    flow_dataset_free(ds);
    return rc;
}

int flowtool_cmd_io(int argc, char **argv)
{
    struct io_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc == 1) {
        io_usage(stdout);
        return 0;
    }
    if (rc == 0 && strcmp(a.mode, "table") == 0)
        rc = run_table(&a);
    else if (rc == 0 && strcmp(a.mode, "country") == 0)
        rc = run_country(&a);
    else
        rc = 2;
    if (rc == 2)
        io_usage(stderr);
    return rc;
}
