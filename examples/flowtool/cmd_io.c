/*
 * cmd_io.c - "flowtool io": input-output analysis of a wide table
 * (diagnostics, multipliers, linkages, key sectors, extraction ranking,
 * value-added origin) and the country-level dependency report of a flow layer
 * (who depends on whom, directly and in total).
 */
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_io[] =
    "input-output analysis: multipliers, linkages, extraction, who depends on whom";

static const char usage[] =
    "flowtool io [options] TABLE.csv\n"
    "       flowtool io --mrio icio|exiobase|figaro|pymrio [options] PATH\n"
    "       flowtool io --country --attributes ECONOMIES.csv [options] FLOWS.csv ...";
static const char description[] =
    "Table mode reads a wide input-output table: columns region,sector, then the Z\n"
    "block (one column per region/sector row), then final-demand columns named after\n"
    "their region (FD_CHN, CHN_hh, ...); optional rows of value added (--va-row,\n"
    "default VA) and gross output (--x-row, default X). It prints the diagnostics,\n"
    "output and value-added multipliers, Rasmussen-normalised total linkages with\n"
    "key-sector classes, the hypothetical-extraction ranking and, for several\n"
    "regions, where each region's final demand is made (value-added origin shares),\n"
    "the net spillovers and the bilateral gross trade.\n\n"
    "Country mode builds the dependency system A_ij = flow_ij / x_j of one layer\n"
    "and year (flows summed over products unless --product) over the economies\n"
    "with flows, x = GDP (the --size attribute, USD bn) + imports, so that value\n"
    "added is GDP (economies without GDP: traded volume), and ranks who\n"
    "depends on whom directly (a_ij) and in total (l_ij of L = (I - A)^-1, including\n"
    "dependence through third economies), and which economy's removal costs most.\n"
    "With --economy only the pairs involving that economy are listed.\n\n"
    "MRIO mode (--mrio FORMAT) reads an OECD ICIO CSV, an EXIOBASE 3 folder or zip, a\n"
    "FIGARO CSV or a pymrio folder in one call (gzip and zip read directly), prints\n"
    "its summary and row accounting to stderr, optionally aggregates it through\n"
    "--regions/--sectors concordances (CSV code,group; '*' for all others), runs\n"
    "the table-mode analysis on it and, with --footprints NAME|all, prints the\n"
    "regional footprints D_cba, D_pba, D_imp, D_exp of its satellite accounts;\n"
    "--sector-cut FILE runs a scenario file with sector-specific cuts (which regions\n"
    "stop buying which products from whom) through the demand, supply and\n"
    "inoperability lenses.";

struct io_options {
    struct flowtool_common c;
    const char *va_row;
    const char *x_row;
    const char *size;
    int country;
    struct flowtool_mrio_options mrio;
    const char *footprints; /* --footprints NAME|all */
    const char *sector_cut; /* --sector-cut FILE */
};

/* Indices 0..n-1 ordered by decreasing value (insertion sort, stable). */
static void rank_desc(const double *value, int64_t *order, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        int64_t j = i;
        for (; j > 0 && value[order[j - 1]] < value[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

static void sector_name(const struct flowtool_io_labels *lab, int64_t i, char *buf, size_t cap)
{
    const char *r = flowtool_io_region(lab, i / lab->sectors);
    const char *s = flowtool_io_sector(lab, i % lab->sectors);
    snprintf(buf, cap, "%s%s%s", r, r[0] ? "/" : "", s[0] ? s : "?");
}

/* ------------------------------------------------------------------ table mode */

/* Reads the wide table and splits it into the Z, Y, v and x blocks. */
static int load_table(const struct io_options *o, const char *path, flow_io_model **out)
{
    int rc = 1;
    flow_read_options *opts = NULL;
    flow_table *t = NULL, *z = NULL, *y = NULL, *v = NULL, *x = NULL;
    *out = NULL;
    if (flow_read_options_new(&opts) != FLOW_OK ||
        /* Two label columns: region (the row group) and sector (the row label). */
        flow_read_options_set(opts, "wide_label_cols", "2") != FLOW_OK ||
        flow_read_options_set(opts, "wide_row_label_col", "1") != FLOW_OK ||
        flow_read_options_set(opts, "wide_row_group_col", "0") != FLOW_OK ||
        flow_read_options_set(opts, "allow_negative", "1") != FLOW_OK ||
        flow_read_options_set(opts, "strict", o->c.strict ? "1" : "0") != FLOW_OK ||
        flow_table_read_csv(&t, path, opts, NULL) != FLOW_OK) {
        flowtool_fail(path);
        goto done;
    }
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t), n = 0, va = -1, xr = -1;
    for (int64_t i = 0; i < rows; i++) {
        const char *g = flow_table_row_group(t, i), *l = flow_table_row_label(t, i);
        if (strcmp(g, o->va_row) == 0 || strcmp(l, o->va_row) == 0)
            va = i;
        else if (strcmp(g, o->x_row) == 0 || strcmp(l, o->x_row) == 0)
            xr = i;
        else if (i == n)
            n++;
    }
    if (n == 0 || n > cols) {
        fprintf(stderr, "flowtool: %s: %lld sector rows do not fit %lld value columns\n", path,
                (long long)n, (long long)cols);
        goto done;
    }
    if (flow_table_slice(&z, t, 0, n, 0, n) != FLOW_OK ||
        flow_table_slice(&y, t, 0, n, n, cols - n) != FLOW_OK ||
        (va >= 0 && flow_table_slice(&v, t, va, 1, 0, n) != FLOW_OK) ||
        (xr >= 0 && flow_table_slice(&x, t, xr, 1, 0, n) != FLOW_OK) ||
        flow_io_model_new_from_tables(out, z, y, v, x) != FLOW_OK) {
        flowtool_fail(path);
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
    struct flowtool_io_labels lab = {0};
    flow_table *fd = NULL;
    if (flowtool_io_labels_read(&lab, m) != 0)
        return 1;
    if (flow_io_model_labels(&fd, m, FLOW_IO_LABEL_FINAL_DEMAND) != FLOW_OK) {
        flowtool_io_labels_free(&lab);
        return flowtool_fail("final demand");
    }
    int64_t k = flow_table_rows(fd);
    int64_t *owner = calloc((size_t)(k > 0 ? k : 1), sizeof *owner);
    int rc = owner == NULL;
    for (int64_t c = 0; rc == 0 && c < k; c++) {
        char label[256];
        owner[c] = (int64_t)flow_table_values(fd)[c];
        snprintf(label, sizeof label, "%s", flow_table_row_label(fd, c));
        for (char *tok = strtok(label, "_ "); tok != NULL && owner[c] < 0; tok = strtok(NULL, "_ "))
            for (int64_t r = 0; r < lab.regions; r++)
                if (strcmp(tok, flowtool_io_region(&lab, r)) == 0)
                    owner[c] = r;
    }
    if (rc == 0 && flow_io_model_set_final_demand(m, NULL, owner) != FLOW_OK)
        rc = flowtool_fail("final demand");
    free(owner);
    flow_table_free(fd);
    flowtool_io_labels_free(&lab);
    return rc;
}

/* A named scalar of a result table (NaN when absent). */
static double scalar(const flow_table *t, const char *name)
{
    double value = NAN;
    flow_table_scalar(t, name, &value);
    return value;
}

static int print_diagnostics(flow_io_model *m, const struct flowtool_io_labels *lab, int format)
{
    static const char *const headers[] = {"check", "value"};
    static const char *const checks[][2] = {
        {"zero-output sectors", "zero_output_count"},
        {"negative entries of Z", "negative_z"},
        {"negative entries of Y", "negative_y"},
        {"negative value added", "negative_v"},
        {"min column sum of A", "min_column_sum"},
        {"max column sum of A", "max_column_sum"},
        {"spectral radius of A (estimate)", "spectral_radius"},
        {"rcond(I - A)", "rcond"},
        {"relative residual of L y", "residual"},
        {"largest gap of given x vs row sums", "output_mismatch"}};
    flow_table *d = NULL;
    if (flow_io_diagnostics(&d, m, 1e-6) != FLOW_OK)
        return flowtool_fail("diagnostics");
    flowtool_table *t = flowtool_table_new("Diagnostics", 2, headers);
    int rc = t == NULL ? -1 : 0;
    if (rc == 0)
        rc = flowtool_table_text(t, "sectors") | flowtool_table_number(t, (double)lab->n);
    for (size_t i = 0; rc == 0 && i < sizeof checks / sizeof checks[0]; i++)
        rc = flowtool_table_text(t, checks[i][0]) |
             flowtool_table_number(t, scalar(d, checks[i][1]));
    /* Column 3 of the per-sector rows is the zero-output flag. */
    for (int64_t i = 0; rc == 0 && i < flow_table_rows(d); i++) {
        if (flow_table_values(d)[4 * i + 3] == 0.0)
            continue;
        char name[64];
        sector_name(lab, i, name, sizeof name);
        rc = flowtool_table_text(t, "zero output") | flowtool_table_text(t, name);
    }
    if (rc == 0)
        flowtool_table_print(t, stdout, format);
    int status = (int)scalar(d, "status");
    flowtool_table_free(t);
    flow_table_free(d);
    if (status != FLOW_OK)
        fprintf(stderr, "flowtool: the system cannot be solved: %s\n", flow_strerror(status));
    return rc != 0 || status != FLOW_OK;
}

static const char *class_name(int64_t c)
{
    static const char *const names[] = {"weak", "backward", "forward", "key"};
    return c >= 0 && c < 4 ? names[c] : "?";
}

/*
 * The per-sector results the table mode prints. dva: the share of a unit of
 * final demand for the sector that is value added in the sector's own region
 * (v/x)' L summed over that region's rows; the value-added multiplier summed
 * over all regions is 1 for every sector (v' = 1'(I - A)), an identity, not a
 * result, so it is not printed.
 */
struct sector_results {
    double *mult, *dva, *bl, *fl, *eb, *ef, *et;
    int64_t *cls, *order;
};

/* Copies column `name` of an analysis table (one row per sector) into dst. */
static int copy_column(const flow_table *t, const char *name, double *dst)
{
    int64_t col = 0, rows = flow_table_rows(t), cols = flow_table_cols(t);
    if (flow_table_find_col(t, name, NULL, &col) != FLOW_OK)
        return 1;
    for (int64_t i = 0; i < rows; i++)
        dst[i] = flow_table_values(t)[i * cols + col];
    return 0;
}

/*
 * Domestic value-added share of every sector (NaN for a one-region table):
 * the value-added multipliers of each region's value added alone (satellite
 * rows f_q = v on region q's sectors), read at the sector's own region.
 */
static int domestic_value_added(flow_io_model *m, const struct flowtool_io_labels *lab, double *dva)
{
    int64_t n = lab->n, regions = lab->regions;
    int64_t per = regions > 0 ? n / regions : n;
    if (regions <= 1) {
        for (int64_t j = 0; j < n; j++)
            dva[j] = NAN;
        return 0;
    }
    const double *v = flow_io_model_view(m, FLOW_IO_VALUE_ADDED, NULL, NULL);
    flow_table *f = NULL, *out = NULL;
    int rc = flow_table_new(&f, regions, n, NULL, n) != FLOW_OK;
    for (int64_t i = 0; rc == 0 && i < n; i++)
        rc = flow_table_set(f, i / per, i, v[i]) != FLOW_OK;
    if (rc == 0 && flow_io_multipliers(&out, m, f) != FLOW_OK)
        rc = 1;
    /* Columns 2.. of the multipliers are the satellite rows, one per region. */
    for (int64_t j = 0; rc == 0 && j < n; j++)
        dva[j] = flow_table_values(out)[j * (regions + 2) + 2 + j / per];
    flow_table_free(f);
    flow_table_free(out);
    return rc;
}

static int compute_sectors(flow_io_model *m, const struct flowtool_io_labels *lab,
                           struct sector_results *s, double *store, int64_t *istore)
{
    int64_t n = lab->n;
    double **cols[] = {&s->mult, &s->dva, &s->bl, &s->fl, &s->eb, &s->ef, &s->et};
    flow_table *mult = NULL, *links = NULL, *sweep = NULL;
    for (int64_t k = 0; k < 7; k++)
        *cols[k] = store + k * n;
    s->cls = istore;
    s->order = istore + n;
    /* The class column shares the store of the extraction's backward column
     * until it is converted. */
    int rc = flow_io_multipliers(&mult, m, NULL) != FLOW_OK ||
             flow_io_linkages(&links, m, 0) != FLOW_OK ||
             flow_io_extraction_sweep(&sweep, m, 0) != FLOW_OK ||
             copy_column(mult, "output", s->mult) || domestic_value_added(m, lab, s->dva) != 0 ||
             copy_column(links, "backward_normalised", s->bl) ||
             copy_column(links, "forward_normalised", s->fl) ||
             copy_column(links, "class", s->eb) || copy_column(sweep, "total", s->et);
    for (int64_t j = 0; rc == 0 && j < n; j++)
        s->cls[j] = (int64_t)s->eb[j];
    rc = rc || copy_column(sweep, "backward", s->eb) || copy_column(sweep, "forward", s->ef);
    flow_table_free(mult);
    flow_table_free(links);
    flow_table_free(sweep);
    if (rc)
        return flowtool_fail("analysis");
    rank_desc(s->et, s->order, n);
    return 0;
}

static int print_sectors(const flow_io_model *m, const struct flowtool_io_labels *lab,
                         const struct sector_results *s, int format)
{
    static const char *const headers[] = {
        "sector",         "output", "output multiplier", "domestic VA share", "backward (norm)",
        "forward (norm)", "class"};
    int64_t n = lab->n;
    const double *x = flow_io_model_view(m, FLOW_IO_OUTPUT, NULL, NULL);
    flowtool_table *t = flowtool_table_new(
        "Multipliers and total linkages (Rasmussen-normalised; key = both >= 1)", 7, headers);
    int rc = t == NULL ? -1 : 0;
    for (int64_t i = 0; rc == 0 && i < n; i++) {
        char name[64];
        sector_name(lab, i, name, sizeof name);
        rc = flowtool_table_text(t, name) | flowtool_table_number(t, x[i]) |
             flowtool_table_number(t, s->mult[i]) | flowtool_table_number(t, s->dva[i]) |
             flowtool_table_number(t, s->bl[i]) | flowtool_table_number(t, s->fl[i]) |
             flowtool_table_text(t, class_name(s->cls[i]));
    }
    flowtool_table_finish(t, rc, format);
    return rc != 0;
}

static int print_extraction(const flow_io_model *m, const struct flowtool_io_labels *lab,
                            const struct sector_results *s, int64_t top, int format)
{
    static const char *const headers[] = {"rank",     "sector",  "total loss",
                                          "backward", "forward", "share of output"};
    int64_t n = lab->n;
    const double *x = flow_io_model_view(m, FLOW_IO_OUTPUT, NULL, NULL);
    double total = 0.0;
    for (int64_t i = 0; i < n; i++)
        total += x[i];
    flowtool_table *t = flowtool_table_new(
        "Hypothetical extraction: loss of total output when a sector is removed", 6, headers);
    int rc = t == NULL ? -1 : 0;
    for (int64_t r = 0; rc == 0 && r < n && r < top; r++) {
        char name[64];
        int64_t i = s->order[r];
        sector_name(lab, i, name, sizeof name);
        rc = flowtool_table_integer(t, r + 1) | flowtool_table_text(t, name) |
             flowtool_table_number(t, s->et[i]) | flowtool_table_number(t, s->eb[i]) |
             flowtool_table_number(t, s->ef[i]) |
             flowtool_table_number(t, total > 0.0 ? s->et[i] / total : 0.0);
    }
    flowtool_table_finish(t, rc, format);
    return rc != 0;
}

/*
 * Prints (and frees) a region x region table that a libflow call returning
 * computed has made into *t; what names the call in its failure message.
 */
static int print_region_table(int computed, flow_table **t, const char *what, const char *title,
                              const char *const *codes, int format)
{
    int64_t regions = flow_table_rows(*t);
    int rc = computed != FLOW_OK
                 ? flowtool_fail(what)
                 : flowtool_print_matrix(stdout, format, title, flow_table_values(*t), regions,
                                         regions, regions, codes, codes) != 0;
    flow_table_free(*t);
    *t = NULL;
    return rc;
}

static int print_regions(flow_io_model *m, const struct flowtool_io_labels *lab, int format)
{
    int64_t regions = lab->regions;
    const char **codes = malloc((size_t)regions * sizeof *codes);
    flow_table *t = NULL;
    if (codes == NULL)
        return 1;
    for (int64_t r = 0; r < regions; r++)
        codes[r] = flowtool_io_region(lab, r);
    int rc = print_region_table(flow_io_origin_matrix(&t, m, NULL, 1), &t, "value-added origin",
                                "Share of the value added absorbed by each column region's final "
                                "demand, by region of origin (row)",
                                codes, format) ||
             print_region_table(flow_io_spillovers(NULL, &t, NULL, m), &t, "spillovers",
                                "Net spillover: output of the row region per unit of final demand "
                                "for an average sector of the column region, minus the reverse",
                                codes, format) ||
             print_region_table(flow_io_bilateral_trade(&t, m), &t, "bilateral trade",
                                "Bilateral gross trade (intermediate + final), row exports to "
                                "column",
                                codes, format);
    free(codes);
    return rc;
}

/* The table-mode analysis of a model (borrowed). */
static int analyse(const struct io_options *o, flow_io_model *m)
{
    double *store = NULL;
    int64_t *istore = NULL;
    struct sector_results s;
    struct flowtool_io_labels lab = {0};
    int rc = 1;
    if (flowtool_io_labels_read(&lab, m) != 0 || print_diagnostics(m, &lab, o->c.format) != 0)
        goto done;
    int64_t n = lab.n;
    store = malloc((size_t)(7 * n) * sizeof *store);
    istore = malloc((size_t)(2 * n) * sizeof *istore);
    if (store == NULL || istore == NULL || compute_sectors(m, &lab, &s, store, istore) != 0 ||
        print_sectors(m, &lab, &s, o->c.format) != 0 ||
        print_extraction(m, &lab, &s, o->c.top, o->c.format) != 0)
        goto done;
    rc = lab.regions > 1 ? print_regions(m, &lab, o->c.format) : 0;
done:
    flowtool_io_labels_free(&lab);
    free(store);
    free(istore);
    return rc;
}

static int run_table(const struct io_options *o, const char *path)
{
    flow_io_model *m = NULL;
    int rc = load_table(o, path, &m) != 0 || assign_final_demand(m) != 0 || analyse(o, m) != 0;
    flow_io_model_free(m);
    return rc;
}

static int run_mrio(const struct io_options *o, const char *path)
{
    flow_mrio *mrio = NULL;
    int rc =
        flowtool_io_mrio_load(&mrio, &o->mrio, path) != 0 ||
        analyse(o, flow_mrio_model(mrio)) != 0 ||
        flowtool_io_mrio_footprints(mrio, o->footprints, o->c.format) != 0 ||
        flowtool_io_sector_cut(flow_mrio_model(mrio), o->sector_cut, o->c.top, o->c.format) != 0;
    flow_mrio_free(mrio);
    return rc;
}

/* ------------------------------------------------------------------ country mode */

/*
 * The library's country-level system of the selected layer and year (flows
 * summed over products unless --product), sized GDP + imports.
 */
static int country_model(const flow_dataset *ds, const struct io_options *o, flow_io_model **out,
                         int64_t *year)
{
    const char *layer = o->c.layer != NULL ? o->c.layer : "trade";
    *year = o->c.year;
    for (int64_t k = 0; *year == FLOWTOOL_NO_YEAR && k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL;
        int64_t y = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, NULL);
        if (strcmp(l, layer) == 0)
            *year = y; /* the first year of the layer */
    }
    if (flow_io_model_new_from_dataset(out, ds, layer, *year,
                                       o->c.product != NULL ? o->c.product : "*", o->size,
                                       FLOW_SIZE_GDP_PLUS_IMPORTS) != FLOW_OK)
        return flowtool_fail("country system");
    return 0;
}

/* Dependency pairs j <- i ranked by total dependence l_ij, with the direct a_ij. */
static int print_pairs(flow_io_model *m, const struct flowtool_io_labels *lab, const double *l,
                       const char *economy, int64_t top, int format)
{
    static const char *const headers[] = {"rank", "economy", "depends on", "direct a_ij",
                                          "total l_ij"};
    int64_t n = lab->n;
    flow_table *technical = NULL;
    const double *a = flow_io_model_matrix(&technical, m, FLOW_IO_TECHNICAL) == FLOW_OK
                          ? flow_table_values(technical)
                          : NULL;
    double *key = malloc((size_t)(n * n) * sizeof *key);
    int64_t *order = malloc((size_t)(n * n) * sizeof *order);
    flowtool_table *t = flowtool_table_new(
        "Who depends on whom: input from the supplier per unit of the economy's size", 5, headers);
    int rc = a == NULL || key == NULL || order == NULL || t == NULL ? -1 : 0;
    for (int64_t p = 0; rc == 0 && p < n * n; p++) {
        int64_t i = p / n, j = p % n;
        int involved = economy == NULL || strcmp(flowtool_io_region(lab, i), economy) == 0 ||
                       strcmp(flowtool_io_region(lab, j), economy) == 0;
        key[p] = i != j && involved ? l[p] : -1.0;
    }
    if (rc == 0)
        rank_desc(key, order, n * n);
    for (int64_t r = 0; rc == 0 && r < top && r < n * n && key[order[r]] > 0.0; r++) {
        int64_t p = order[r];
        rc = flowtool_table_integer(t, r + 1) |
             flowtool_table_text(t, flowtool_io_region(lab, p % n)) |
             flowtool_table_text(t, flowtool_io_region(lab, p / n)) |
             flowtool_table_number(t, a[p]) | flowtool_table_number(t, l[p]);
    }
    flowtool_table_finish(t, rc, format);
    flow_table_free(technical);
    free(key);
    free(order);
    return rc != 0;
}

static int print_removal(const struct flowtool_io_labels *lab, const double *loss, int64_t top,
                         int format)
{
    static const char *const headers[] = {"rank", "economy", "total extraction loss"};
    int64_t n = lab->n;
    int64_t *order = malloc((size_t)n * sizeof *order);
    flowtool_table *t = flowtool_table_new(
        "Economies whose removal from the system costs the others most (size units)", 3, headers);
    int rc = order == NULL || t == NULL ? -1 : 0;
    if (rc == 0)
        rank_desc(loss, order, n);
    for (int64_t r = 0; rc == 0 && r < n && r < top; r++)
        rc = flowtool_table_integer(t, r + 1) |
             flowtool_table_text(t, flowtool_io_region(lab, order[r])) |
             flowtool_table_number(t, loss[order[r]]);
    flowtool_table_finish(t, rc, format);
    free(order);
    return rc != 0;
}

static int run_country(const struct io_options *o, char **files, int nfiles)
{
    flow_dataset *ds = NULL;
    flow_io_model *m = NULL;
    double *loss = NULL;
    flow_table *sweep = NULL, *l = NULL;
    struct flowtool_io_labels lab = {0};
    int64_t year = 0;
    int rc = 1;
    if (o->c.attributes == NULL) {
        fprintf(stderr, "flowtool: --country needs --attributes with the economies' sizes\n");
        return 2;
    }
    if ((rc = flowtool_load(&ds, files, nfiles, &o->c, NULL)) != 0 ||
        (rc = country_model(ds, o, &m, &year)) != 0 || (rc = flowtool_io_labels_read(&lab, m)) != 0)
        goto done;
    rc = 1;
    int64_t n = lab.n;
    loss = malloc((size_t)n * sizeof *loss);
    if (loss == NULL)
        goto done;
    if (o->c.format == FLOWTOOL_TABLE)
        printf("%s %lld: %lld economies, A_ij = flow i->j / (%s + imports) of j\n\n",
               o->c.layer != NULL ? o->c.layer : "trade", (long long)year, (long long)n, o->size);
    if (flow_io_model_matrix(&l, m, FLOW_IO_LEONTIEF) != FLOW_OK ||
        flow_io_extraction_sweep(&sweep, m, 0) != FLOW_OK || copy_column(sweep, "total", loss)) {
        flowtool_fail("country system");
        goto done;
    }
    rc = print_pairs(m, &lab, flow_table_values(l), o->c.economy, o->c.top, o->c.format) ||
         print_removal(&lab, loss, o->c.top, o->c.format);
done:
    flowtool_io_labels_free(&lab);
    flow_table_free(l);
    free(loss);
    flow_table_free(sweep);
    flow_io_model_free(m);
    flow_dataset_free(ds);
    return rc;
}

int flowtool_cmd_io(int argc, char **argv)
{
    struct io_options o = {.va_row = "VA", .x_row = "X", .size = "gdp_usd_bn_2022"};
    flowtool_common_init(&o.c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&o.c),
        {"country", FLOWTOOL_FLAG, &o.country, NULL, "country-level dependency report"},
        {"size", FLOWTOOL_STRING, &o.size, "COLUMN",
         "GDP attribute (USD bn) sizing each economy with its imports (default "
         "gdp_usd_bn_2022)"},
        {"va-row", FLOWTOOL_STRING, &o.va_row, "LABEL", "value-added row of the table (VA)"},
        {"x-row", FLOWTOOL_STRING, &o.x_row, "LABEL", "gross-output row of the table (X)"},
        {"mrio", FLOWTOOL_STRING, &o.mrio.format, "FORMAT",
         "read an MRIO database: icio, exiobase, figaro or pymrio"},
        {"keep-splits", FLOWTOOL_FLAG, &o.mrio.keep_splits, NULL,
         "keep ICIO's CN1/CN2/MX1/MX2 instead of merging them into CHN/MEX"},
        {"trust-output", FLOWTOOL_FLAG, &o.mrio.trust_output, NULL,
         "use the table's own gross output instead of the row sums"},
        {"regions", FLOWTOOL_STRING, &o.mrio.regions, "FILE",
         "aggregate regions through a code,group concordance CSV"},
        {"sectors", FLOWTOOL_STRING, &o.mrio.sectors, "FILE",
         "aggregate sectors through a code,group concordance CSV"},
        {"footprints", FLOWTOOL_STRING, &o.footprints, "NAME",
         "regional footprints of an extension (or all) of the MRIO"},
        {"sector-cut", FLOWTOOL_STRING, &o.sector_cut, "FILE",
         "run a sector-specific sanctions scenario on the MRIO (docs/scenarios.md)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, rc = 2;
    if (flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &rc)) {
        if (o.country)
            rc = run_country(&o, files, nfiles);
        else if (o.mrio.format != NULL && nfiles == 1)
            rc = run_mrio(&o, files[0]);
        else if (nfiles == 1)
            rc = run_table(&o, files[0]);
        else {
            fprintf(stderr, "usage: %s\n", usage);
            rc = 2;
        }
    }
    free(files);
    return rc;
}

/* The wide-table model of table mode, for other subcommands (util.h). */
int flowtool_io_load(const char *path, const char *va_row, const char *x_row, int strict,
                     flow_io_model **out)
{
    struct io_options o = {.va_row = va_row, .x_row = x_row};
    flowtool_common_init(&o.c);
    o.c.strict = strict;
    if (load_table(&o, path, out) != 0)
        return 1;
    if (assign_final_demand(*out) != 0) {
        flow_io_model_free(*out);
        *out = NULL;
        return 1;
    }
    return 0;
}
