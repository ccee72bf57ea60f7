/*
 * cmd_plot.c - "flowtool plot": SVG pictures of a dataset.
 *
 * "plot heatmap" draws a dependence matrix among chosen economies (import or
 * export shares from flow_dyads_new_from_dataset, or the flows themselves);
 * "plot network" draws the strongest flows of a layer as a directed network
 * whose node sizes are the economies' strengths (flow_centrality). The
 * drawing is in svg_*.c; this file only selects and computes.
 */
#include "svg.h"
#include "util_indices.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char flowtool_about_plot[] =
    "SVG pictures: heatmap of a dependence matrix, network of the strongest flows";

static const char usage[] = "flowtool plot heatmap|network [options] FILE.csv [FILE.csv ...] "
                            "-o OUT.svg";
static const char description[] =
    "heatmap: the matrix of --measure among --economies (default: the economies\n"
    "  with flows, largest traders first, at most --top of them if given). Measures:\n"
    "  import_share (default; row = importer, column = supplier, share of the row's\n"
    "  imports from all partners in the data, so rows of a subset need not sum to\n"
    "  100%), export_share (row = exporter, column = destination) and value (the\n"
    "  flows, row = origin, column = destination). Self-flows are hatched.\n"
    "network: the --top largest flows (default 20) as arrows exporter -> importer,\n"
    "  width proportional to the flow; nodes sized (area) by strength, i.e. all the\n"
    "  economy's flows in and out in the matrix, strongest at the top of the circle,\n"
    "  and coloured by trade balance. Flows with ROW (the rest of the world) are\n"
    "  not drawn; value heatmaps use a log colour scale.\n"
    "Both use --layer/--year (default: trade, latest year) and --product (default:\n"
    "all products summed when they share a unit). The SVG goes to -o/--output FILE\n"
    "(default: standard output).";

enum plot_kind { PLOT_HEATMAP, PLOT_NETWORK };

struct plot_options {
    struct flowtool_common common;
    const char *output;
    const char *measure;
    const char *economies;
};

/* The measures of plot heatmap: name, dyad measure (-1: the flows), reading. */
static const struct {
    const char *name;
    int dyad;
    const char *title, *row, *col, *reading;
} measures[] = {
    {"import_share", FLOW_DYAD_IMPORT_SHARE, "Import shares", "importer", "supplier",
     "cell: share of the row's imports that come from the column"},
    {"export_share", FLOW_DYAD_EXPORT_SHARE, "Export shares", "exporter", "destination",
     "cell: share of the row's exports that go to the column"},
    {"value", -1, "Flows", "origin", "destination", "cell: flow from the row to the column"},
};

static int out_of_memory(void)
{
    fprintf(stderr, "flowtool: out of memory\n");
    return 1;
}

/*
 * The flows of (layer, year, product) into dst (n x n, zeroed first),
 * summed over the layer's products when product is NULL (their units are
 * the same: flowtool_pick_product checked it).
 */
static int summed_flows(const flow_dataset *ds, const char *layer, int64_t year,
                        const char *product, double *dst, int64_t n)
{
    int64_t found = 0;
    memset(dst, 0, (size_t)(n * n) * sizeof *dst);
    for (int64_t k = 0; k < flow_dataset_matrix_count(ds); k++) {
        const char *l = NULL, *p = NULL;
        const double *v = NULL;
        int64_t y = 0, order = 0, stride = 0;
        flow_dataset_matrix_key(ds, k, &l, &y, &p);
        if (strcmp(l, layer) != 0 || y != year || (product != NULL && strcmp(p, product) != 0))
            continue;
        if (flow_dataset_matrix_view(ds, l, y, p, &v, &order, &stride) != FLOW_OK)
            return flowtool_fail("flows");
        found++;
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                dst[i * n + j] += v[i * stride + j];
    }
    for (int64_t i = 0; i < n; i++)
        dst[i * n + i] = 0.0; /* self-flows are not flows between economies */
    /* Nor are flows with ROW, the rest of the world: it is not drawn or chosen
     * (shares and strengths still count it, through the library). */
    int64_t row = 0;
    if (flow_labels_find(flow_dataset_economies(ds), "ROW", &row) == FLOW_OK)
        for (int64_t k = 0; k < n; k++)
            dst[row * n + k] = dst[k * n + row] = 0.0;
    if (found == 0)
        fprintf(stderr, "flowtool: the data hold no %s flows for %lld (see --year)\n", layer,
                (long long)year);
    return found == 0;
}

/* Indices of the comma-separated codes of list into chosen; *count of them. */
static int parse_economies(const flow_dataset *ds, const char *list, int64_t *chosen,
                           int64_t *count)
{
    int64_t n = flow_dataset_economy_count(ds);
    char code[64];
    *count = 0;
    for (const char *s = list; *s != '\0';) {
        size_t len = strcspn(s, ",");
        if (len == 0 || len >= sizeof code || *count == n) {
            fprintf(stderr, "flowtool: --economies expects codes like CHN,RUS,USA\n");
            return 2;
        }
        memcpy(code, s, len);
        code[len] = '\0';
        if (flowtool_economy(ds, code, "--economies", &chosen[*count]) != 0)
            return 1;
        ++*count;
        s += len + (s[len] == ',');
    }
    return *count == 0 ? 2 : 0;
}

/* The economies that trade, largest total (exports + imports) first, at most top (0: all). */
static int busiest(const double *flows, int64_t n, int64_t top, int64_t *chosen, int64_t *count)
{
    double *total = calloc((size_t)n, sizeof *total);
    if (total == NULL)
        return out_of_memory();
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            total[i] += flows[i * n + j];
            total[j] += flows[i * n + j];
        }
    for (int64_t i = 0; i < n; i++)
        if (total[i] == 0.0)
            total[i] = NAN; /* ranked out: nothing to show */
    int rc = flow_rank_vector(chosen, top > 0 ? top : n, count, total, n, 1) != FLOW_OK;
    free(total);
    return rc ? flowtool_fail("ranking") : 0;
}

/* Writes the picture to path ("-" or NULL: standard output) through draw. */
static int write_svg(const char *path, void (*draw)(FILE *, const void *), const void *what)
{
    int to_stdout = path == NULL || strcmp(path, "-") == 0;
    FILE *out = to_stdout ? stdout : fopen(path, "w");
    if (out == NULL) {
        perror(path);
        return 1;
    }
    draw(out, what);
    int failed = ferror(out) != 0;
    if (!to_stdout)
        failed |= fclose(out) != 0;
    if (failed)
        fprintf(stderr, "flowtool: cannot write %s\n", to_stdout ? "standard output" : path);
    return failed;
}

static void draw_heatmap(FILE *out, const void *h)
{
    svg_heatmap(out, h);
}

static void draw_network(FILE *out, const void *g)
{
    svg_network(out, g);
}

/*
 * The subject of a title in words: "goods trade, all products", "goods trade,
 * HS chapter 85", "energy, crude oil" (underscores of product codes become
 * spaces).
 */
static void flowtool_plot_subject(char *buf, size_t len, const char *layer, const char *product)
{
    char words[64];
    size_t k = 0, digits = product != NULL && product[0] != '\0';
    for (const char *p = product; p != NULL && *p != '\0' && k + 1 < sizeof words; p++) {
        words[k++] = *p == '_' ? ' ' : *p;
        digits &= *p >= '0' && *p <= '9';
    }
    words[k] = '\0';
    const char *name = strcmp(layer, "trade") == 0 ? "goods trade" : layer;
    if (product == NULL)
        snprintf(buf, len, "%s, all products", name);
    else
        snprintf(buf, len, "%s, %s%s", name, digits ? "HS chapter " : "", words);
}

static int plot_heatmap(const flow_dataset *ds, const struct plot_options *o, const char *layer,
                        int64_t year, const char *product, const double *flows)
{
    int64_t n = flow_dataset_economy_count(ds), k = 0;
    size_t m = 0;
    while (m < sizeof measures / sizeof measures[0] && strcmp(measures[m].name, o->measure) != 0)
        m++;
    if (m == sizeof measures / sizeof measures[0]) {
        fprintf(stderr, "flowtool: unknown --measure '%s' (import_share, export_share, value)\n",
                o->measure);
        return 2;
    }
    flowtool_dyads *dyads = NULL;
    int64_t *chosen = calloc((size_t)n, sizeof *chosen);
    double *cells = NULL;
    const char **labels = NULL;
    int rc = chosen == NULL ? out_of_memory() : 0;
    if (rc == 0)
        rc = o->economies ? parse_economies(ds, o->economies, chosen, &k)
                          : busiest(flows, n, o->common.top, chosen, &k);
    if (rc == 0 && measures[m].dyad >= 0 &&
        flowtool_dyads_new(&dyads, ds, layer, year, product) != 0)
        rc = flowtool_fail("shares");
    if (rc == 0 && ((cells = malloc((size_t)(k * k) * sizeof *cells)) == NULL ||
                    (labels = malloc((size_t)k * sizeof *labels)) == NULL))
        rc = out_of_memory();
    if (rc == 0) {
        const double *all = dyads ? flowtool_dyad_matrix(dyads, measures[m].dyad) : flows;
        for (int64_t a = 0; a < k; a++) {
            labels[a] = flowtool_code(ds, chosen[a]);
            for (int64_t b = 0; b < k; b++)
                cells[a * k + b] = all[chosen[a] * n + chosen[b]];
        }
        char title[256], legend[96], what[96];
        const char *unit = flowtool_unit_of(ds, layer, year, product);
        flowtool_plot_subject(what, sizeof what, layer, product);
        snprintf(title, sizeof title, "%s, %s, %lld", measures[m].title, what, (long long)year);
        snprintf(legend, sizeof legend, "%s%s", dyads ? "share" : unit,
                 dyads ? "" : " (log scale)");
        /* Flows are heavy-tailed: a linear scale would leave most cells one colour. */
        struct svg_heatmap h = {
            title, measures[m].reading, measures[m].row, measures[m].col, labels, k, cells,
            k,     dyads != NULL,       legend,          dyads == NULL};
        rc = write_svg(o->output, draw_heatmap, &h);
    }
    flowtool_dyads_free(dyads);
    free(labels);
    free(cells);
    free(chosen);
    return rc;
}

static int plot_network(const flow_dataset *ds, const struct plot_options *o, const char *layer,
                        int64_t year, const char *product, const double *flows)
{
    int64_t n = flow_dataset_economy_count(ds), top = o->common.top > 0 ? o->common.top : 20;
    if (top > n * n)
        top = n * n; /* no more edges than entries */
    int64_t count = 0, nodes = 0;
    flow_table *cen = NULL; /* the library's centralities: columns in measure order */
    int64_t *rows = calloc((size_t)top, sizeof *rows), *cols = calloc((size_t)top, sizeof *cols);
    int64_t *node_of = malloc((size_t)n * sizeof *node_of);
    int64_t *economy = calloc((size_t)n, sizeof *economy);
    double *value = calloc((size_t)top, sizeof *value);
    double *strength = calloc((size_t)n, sizeof *strength);
    double *balance = calloc((size_t)n, sizeof *balance);
    const char **labels = calloc((size_t)n, sizeof *labels);
    int rc = rows == NULL || cols == NULL || node_of == NULL || economy == NULL || value == NULL ||
             strength == NULL || balance == NULL || labels == NULL;
    if (rc != 0)
        out_of_memory();
    if (rc == 0 && (flow_rank_matrix(rows, cols, top, &count, flows, n, n, 1) != FLOW_OK ||
                    flow_centrality_new_from_dataset(&cen, NULL, ds, layer, year, product,
                                                     FLOW_NETWORK_FLOWS) != FLOW_OK))
        rc = flowtool_fail("network");
    if (rc == 0) {
        /* The nodes: economies at either end of a drawn edge, strongest first. */
        const double *v = flow_table_values(cen);
        int64_t m = flow_table_cols(cen), in = FLOW_CENTRALITY_IN_STRENGTH,
                out = FLOW_CENTRALITY_OUT_STRENGTH;
        double *all = calloc((size_t)n, sizeof *all);
        while (count > 0 && flows[rows[count - 1] * n + cols[count - 1]] <= 0.0)
            count--; /* fewer non-zero flows than --top */
        for (int64_t i = 0; all != NULL && i < n; i++)
            all[i] = NAN;
        for (int64_t e = 0; all != NULL && e < count; e++) {
            all[rows[e]] = v[rows[e] * m + in] + v[rows[e] * m + out];
            all[cols[e]] = v[cols[e] * m + in] + v[cols[e] * m + out];
        }
        if (all == NULL || flow_rank_vector(economy, n, &nodes, all, n, 1) != FLOW_OK)
            rc = flowtool_fail("ranking");
        free(all);
    }
    if (rc == 0) {
        for (int64_t k = 0; k < nodes; k++) {
            const double *row = flow_table_values(cen) + economy[k] * flow_table_cols(cen);
            double in = row[FLOW_CENTRALITY_IN_STRENGTH], out = row[FLOW_CENTRALITY_OUT_STRENGTH];
            node_of[economy[k]] = k;
            labels[k] = flowtool_code(ds, economy[k]);
            strength[k] = in + out;
            balance[k] = in + out > 0.0 ? (out - in) / (in + out) : NAN;
        }
        for (int64_t e = 0; e < count; e++) {
            value[e] = flows[rows[e] * n + cols[e]];
            rows[e] = node_of[rows[e]];
            cols[e] = node_of[cols[e]];
        }
        char subtitle[256], title[256], what[96];
        const char *unit = flowtool_unit_of(ds, layer, year, product);
        snprintf(subtitle, sizeof subtitle,
                 "arrow: exporter \xe2\x86\x92 importer, width \xe2\x88\x9d flow (%s; crowded "
                 "arrows: value in the tooltip); node area \xe2\x88\x9d all its flows in and out",
                 unit);
        flowtool_plot_subject(what, sizeof what, layer, product);
        snprintf(title, sizeof title, "The %lld largest flows of %s, %lld", (long long)count, what,
                 (long long)year);
        struct svg_network g = {title, subtitle, labels, strength, balance, nodes,
                                rows,  cols,     value,  count,    unit};
        rc = write_svg(o->output, draw_network, &g);
    }
    flow_table_free(cen);
    free(rows);
    free(cols);
    free(node_of);
    free(economy);
    free(value);
    free(strength);
    free(balance);
    free(labels);
    return rc;
}

/* Selects the matrix and draws the picture of kind. */
static int plot(enum plot_kind kind, const flow_dataset *ds, const struct plot_options *o)
{
    const char *layer = NULL, *product = NULL;
    int64_t year = 0, n = flow_dataset_economy_count(ds);
    if (flowtool_pick_layer_year(ds, &o->common, &layer, &year) != 0 ||
        flowtool_pick_product(ds, &o->common, layer, year, &product) != 0)
        return 1;
    if (product != NULL && flow_dataset_matrix_unit(ds, layer, year, product) == NULL)
        return flowtool_fail("--product");
    double *flows = malloc((size_t)(n * n) * sizeof *flows);
    int rc = flows == NULL ? out_of_memory() : summed_flows(ds, layer, year, product, flows, n);
    if (rc == 0)
        rc = kind == PLOT_HEATMAP ? plot_heatmap(ds, o, layer, year, product, flows)
                                  : plot_network(ds, o, layer, year, product, flows);
    free(flows);
    return rc;
}

int flowtool_cmd_plot(int argc, char **argv)
{
    struct plot_options o = {.measure = "import_share"};
    struct flowtool_common *c = &o.common;
    flowtool_common_init(c);
    c->top = 0; /* per picture: all economies (heatmap), 20 flows (network) */
    const struct flowtool_option options[] = {
        {"output", FLOWTOOL_STRING, &o.output, "FILE", "write the SVG to FILE (also -o FILE)"},
        {"measure", FLOWTOOL_STRING, &o.measure, "NAME",
         "heatmap: import_share (default), export_share or value"},
        {"economies", FLOWTOOL_STRING, &o.economies, "LIST",
         "heatmap: economies to show, in order (e.g. CHN,RUS,IRN,PRK)"},
        {"layer", FLOWTOOL_STRING, &c->layer, "NAME", "layer (default trade)"},
        {"year", FLOWTOOL_INT, &c->year, "YEAR", "year (default: the layer's latest)"},
        {"product", FLOWTOOL_STRING, &c->product, "GROUP", "product group (default: all)"},
        {"top", FLOWTOOL_INT, &c->top, "N", "heatmap: at most N economies; network: N flows"},
        {"strict", FLOWTOOL_FLAG, &c->strict, NULL, "fail on the first bad input row"},
        {"preset", FLOWTOOL_STRING, &c->preset, "NAME", "input format: generic, baci, comtrade"},
        {"product-digits", FLOWTOOL_INT, &c->product_digits, "N",
         "group products by their first N characters"},
        {"help", FLOWTOOL_FLAG, &c->help, NULL, "show this help"},
        {NULL, 0, NULL, NULL, NULL}};
    char **args = calloc((size_t)argc + 1, sizeof *args);
    char **positional = calloc((size_t)argc + 1, sizeof *positional);
    int npositional = 0, status = 2;
    flow_dataset *ds = NULL;
    if (args == NULL || positional == NULL) {
        status = out_of_memory();
        goto done;
    }
    /* "-o FILE", the usual spelling for an output file, is --output. */
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "-o") == 0 ? "--output" : argv[i];
    if (!flowtool_parse(argc, args, usage, description, options, positional, &npositional, &status))
        goto done;
    enum plot_kind kind = PLOT_HEATMAP;
    if (npositional > 0 && strcmp(positional[0], "network") == 0)
        kind = PLOT_NETWORK;
    else if (npositional == 0 || strcmp(positional[0], "heatmap") != 0) {
        fprintf(stderr, "flowtool: plot what? heatmap or network\nusage: %s\n", usage);
        goto done;
    }
    if (c->top < 0) {
        fprintf(stderr, "flowtool: --top must not be negative\n");
        goto done;
    }
    if ((status = flowtool_load(&ds, positional + 1, npositional - 1, c, NULL)) == 0)
        status = plot(kind, ds, &o);
done:
    flow_dataset_free(ds);
    free(positional);
    free(args);
    return status;
}
