/*
 * cmd_centrality.c - "flowtool centrality": which economies are central in a
 * layer, and which third economies carry the two-step flows between two.
 */
#include "util_indices.h"

#include <stdlib.h>
#include <string.h>

const char flowtool_about_centrality[] =
    "PageRank, eigenvector, hub/authority and strength of economies; intermediaries";

static const char usage[] =
    "flowtool centrality [options] [--transit FROM,TO] FILE.csv [FILE.csv ...]";
static const char description[] =
    "In --layer/--year (default: trade, latest year; --product or all products), ranks\n"
    "economies by PageRank on the dependence network (default; edge i -> j weighted by\n"
    "the share of i's imports that come from j, so the central economies are the\n"
    "suppliers the others depend on) or on the flows themselves (--network flows).\n"
    "Also eigenvector centrality (over in-edges), authority and hub scores (HITS, from\n"
    "the leading singular vectors) and weighted in/out strength. --economy adds that\n"
    "economy's row if it is not in the --top. --transit FROM,TO lists the third\n"
    "economies h that can carry the most of FROM's goods to TO: product by product,\n"
    "FROM's share of h's imports times h's sales to TO, at most h's imports from\n"
    "FROM (h passes on only what it imports, in proportion to origin).";

static const char *const measure_names[] = {"in_strength", "out_strength", "eigenvector",
                                            "pagerank",    "hub",          "authority"};

/* Measure m (a column of the library's centrality table) of economy i. */
static double value_of(const flow_table *cen, int m, int64_t i)
{
    return flow_table_values(cen)[i * flow_table_cols(cen) + m];
}

static int add_row(flowtool_table *t, const flow_table *cen, const flow_dataset *ds, int64_t rank,
                   int64_t i)
{
    static const int order[] = {FLOW_CENTRALITY_PAGERANK,    FLOW_CENTRALITY_EIGENVECTOR,
                                FLOW_CENTRALITY_AUTHORITY,   FLOW_CENTRALITY_HUB,
                                FLOW_CENTRALITY_IN_STRENGTH, FLOW_CENTRALITY_OUT_STRENGTH};
    int rc = flowtool_table_integer(t, rank) | flowtool_table_text(t, flowtool_code(ds, i));
    for (size_t m = 0; m < sizeof order / sizeof order[0]; m++)
        rc |= flowtool_table_number(t, value_of(cen, order[m], i));
    return rc;
}

/* 1-based PageRank rank of economy e. */
static int64_t rank_of(const double *pagerank, int64_t n, int64_t e)
{
    int64_t rank = 1;
    for (int64_t i = 0; i < n; i++)
        rank += pagerank[i] > pagerank[e] || (pagerank[i] == pagerank[e] && i < e);
    return rank;
}

static int print_centrality(const flow_dataset *ds, const struct flowtool_common *c,
                            const char *layer, int64_t year, const char *product, int network,
                            double damping)
{
    static const char *const headers[] = {"rank",      "economy", "pagerank",    "eigenvector",
                                          "authority", "hub",     "in_strength", "out_strength"};
    flow_centrality_options *o = NULL;
    flow_table *cen = NULL;
    int64_t n = flow_dataset_economy_count(ds), count = 0, e = -1;
    if (c->economy != NULL && flowtool_economy(ds, c->economy, "--economy", &e) != 0)
        return 1;
    if (flow_centrality_options_new(&o) != FLOW_OK ||
        flow_centrality_options_set_damping(o, damping) != FLOW_OK ||
        flow_centrality_new_from_dataset(&cen, o, ds, layer, year, product, network) != FLOW_OK) {
        flow_centrality_options_free(o);
        return flowtool_fail("centrality");
    }
    flow_centrality_options_free(o);
    for (int m = 0; m < FLOW_CENTRALITY_MEASURE_COUNT; m++) {
        char name[64];
        double converged = 1.0;
        snprintf(name, sizeof name, "%s_converged", measure_names[m]);
        if (flow_table_scalar(cen, name, &converged) == FLOW_OK && converged == 0.0)
            fprintf(stderr, "flowtool: %s did not converge on this network (shown as NaN)\n",
                    measure_names[m]);
    }
    char title[200];
    snprintf(title, sizeof title, "Centrality, %s %lld, %s, %s network (damping %g)", layer,
             (long long)year, product ? product : "all products",
             network == FLOW_NETWORK_DEPENDENCE ? "import-dependence" : "flow", damping);
    double *pagerank = malloc((size_t)n * sizeof *pagerank + 1);
    for (int64_t i = 0; pagerank != NULL && i < n; i++)
        pagerank[i] = value_of(cen, FLOW_CENTRALITY_PAGERANK, i);
    int64_t *order = calloc((size_t)c->top, sizeof *order);
    flowtool_table *t = flowtool_table_new(title, 8, headers);
    int rc = order == NULL || t == NULL || pagerank == NULL;
    if (rc == 0 && flow_rank_vector(order, c->top, &count, pagerank, n, 1) != FLOW_OK)
        rc = flowtool_fail("ranking");
    int shown = 0;
    for (int64_t k = 0; rc == 0 && k < count; k++) {
        rc = add_row(t, cen, ds, k + 1, order[k]);
        shown |= order[k] == e;
    }
    if (rc == 0 && e >= 0 && !shown)
        rc = add_row(t, cen, ds, rank_of(pagerank, n, e), e);
    flowtool_table_finish(t, rc, c->format);
    free(order);
    free(pagerank);
    flow_table_free(cen);
    return rc != 0;
}

static int print_transit(const flow_dataset *ds, const struct flowtool_common *c, const char *layer,
                         int64_t year, const char *product, const char *pair)
{
    static const char *const headers[] = {"intermediary", "first_leg", "second_leg", "handled",
                                          "handled_%"};
    char from[64], title[400];
    const char *comma = strchr(pair, ',');
    if (comma == NULL || (size_t)(comma - pair) >= sizeof from) {
        fprintf(stderr, "flowtool: --transit expects FROM,TO (e.g. RUS,DEU)\n");
        return 2;
    }
    memcpy(from, pair, (size_t)(comma - pair));
    from[comma - pair] = '\0';
    const char *to = comma + 1;
    int64_t n = flow_dataset_economy_count(ds), count = 0;
    double *score[FLOW_TRANSIT_RULE_COUNT]; /* columns of the transit table */
    int64_t *order = calloc((size_t)c->top, sizeof *order);
    flow_table *transit = NULL;
    int rc = order == NULL;
    if (rc == 0 &&
        flow_transit_from_dataset(&transit, ds, layer, year, product, from, to) != FLOW_OK)
        rc = flowtool_fail("transit");
    for (int r = 0; r < FLOW_TRANSIT_RULE_COUNT; r++) {
        score[r] = calloc((size_t)n, sizeof(double));
        rc |= score[r] == NULL;
        for (int64_t h = 0; rc == 0 && h < n; h++)
            score[r][h] = flow_table_values(transit)[h * FLOW_TRANSIT_RULE_COUNT + r];
    }
    flow_table_free(transit);
    if (rc == 0 &&
        flow_rank_vector(order, c->top, &count, score[FLOW_TRANSIT_HANDLED], n, 1) != FLOW_OK)
        rc = flowtool_fail("ranking");
    double total = 0.0;
    for (int64_t i = 0; rc == 0 && i < n; i++)
        total += score[FLOW_TRANSIT_HANDLED][i];
    snprintf(title, sizeof title,
             "Intermediaries %s -> h -> %s, %s %lld, %s (handled: %s's share of h's imports "
             "times h's sales to %s, product by product)",
             from, to, layer, (long long)year, product ? product : "all products", from, to);
    flowtool_table *t = rc == 0 ? flowtool_table_new(title, 5, headers) : NULL;
    rc |= t == NULL;
    for (int64_t k = 0; rc == 0 && k < count && score[FLOW_TRANSIT_HANDLED][order[k]] > 0.0; k++) {
        int64_t h = order[k];
        rc = flowtool_table_text(t, flowtool_code(ds, h)) |
             flowtool_table_number(t, score[FLOW_TRANSIT_FIRST_LEG][h]) |
             flowtool_table_number(t, score[FLOW_TRANSIT_SECOND_LEG][h]) |
             flowtool_table_number(t, score[FLOW_TRANSIT_HANDLED][h]) |
             flowtool_table_number(t, 100.0 * score[FLOW_TRANSIT_HANDLED][h] / total);
    }
    flowtool_table_finish(t, rc, c->format);
    for (int r = 0; r < FLOW_TRANSIT_RULE_COUNT; r++)
        free(score[r]);
    free(order);
    return rc != 0;
}

int flowtool_cmd_centrality(int argc, char **argv)
{
    struct flowtool_common c;
    const char *network_name = "dependence", *transit = NULL;
    double damping = 0.85;
    flowtool_common_init(&c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&c),
        {"network", FLOWTOOL_STRING, &network_name, "KIND",
         "dependence (default: import shares) or flows"},
        {"damping", FLOWTOOL_DOUBLE, &damping, "D", "PageRank damping in [0, 1) (0.85)"},
        {"transit", FLOWTOOL_STRING, &transit, "FROM,TO", "list intermediaries FROM -> h -> TO"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, status = 2, network = FLOW_NETWORK_DEPENDENCE;
    flow_dataset *ds = NULL;
    const char *layer = NULL, *product = NULL;
    int64_t year = 0;
    if (!flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &status))
        goto done;
    if (strcmp(network_name, "flows") == 0)
        network = FLOW_NETWORK_FLOWS;
    else if (strcmp(network_name, "dependence") != 0) {
        fprintf(stderr, "flowtool: --network is 'dependence' or 'flows'\n");
        goto done;
    }
    if (c.top < 1) {
        fprintf(stderr, "flowtool: --top must be at least 1\n");
        goto done;
    }
    if ((status = flowtool_load(&ds, files, nfiles, &c, NULL)) != 0)
        goto done;
    status = 1;
    if (flowtool_pick_layer_year(ds, &c, &layer, &year) != 0 ||
        flowtool_pick_product(ds, &c, layer, year, &product) != 0)
        goto done;
    status = print_centrality(ds, &c, layer, year, product, network, damping);
    if (status == 0 && transit != NULL)
        status = print_transit(ds, &c, layer, year, product, transit);
done:
    flow_dataset_free(ds);
    free(files);
    return status;
}
