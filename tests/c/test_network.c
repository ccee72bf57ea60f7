/*
 * test_network.c - strength, eigenvector centrality, PageRank, hubs and
 * authorities and transit scores on small networks solved by hand.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOL_EXACT 1e-15

/* Column m (a flow_centrality_measure) of a centrality table, copied into one of
 * a few static buffers (the tests hold at most a few at once). */
static const double *measure(const flow_table *c, int m)
{
    static double pool[8][64];
    static int next;
    double *v = pool[next++ % 8];
    int64_t n = flow_table_rows(c), cols = flow_table_cols(c);
    assert_true(n <= 64 && m < cols);
    for (int64_t i = 0; i < n; i++)
        v[i] = flow_table_values(c)[i * cols + m];
    return v;
}

/* A scalar "<column name of m><suffix>" of a centrality table; 0 when absent. */
static int64_t scalar_of(const flow_table *c, int m, const char *suffix)
{
    char name[64];
    double value = 0.0;
    snprintf(name, sizeof name, "%s%s", flow_table_col_label(c, m), suffix);
    flow_table_scalar(c, name, &value);
    return (int64_t)value;
}

static int64_t converged(const flow_table *c, int m)
{
    return scalar_of(c, m, "_converged");
}

static int64_t iterations(const flow_table *c, int m)
{
    return scalar_of(c, m, "_iterations");
}

static void test_strength_ignores_self_loops(void **state)
{
    (void)state;
    /* 0->1 2, 0->2 3, 2->1 4, self-loop 1->1 9 */
    const double w[9] = {0, 2, 3, 0, 9, 0, 0, 4, 0};
    flow_table *c = NULL;
    assert_int_equal(flow_centrality_new(&c, NULL, w, 3, 3), FLOW_OK);
    const double *in = measure(c, FLOW_CENTRALITY_IN_STRENGTH);
    const double *out = measure(c, FLOW_CENTRALITY_OUT_STRENGTH);
    assert_close(in[0], 0.0, 0.0);
    assert_close(in[1], 6.0, 0.0);
    assert_close(in[2], 3.0, 0.0);
    assert_close(out[0], 5.0, 0.0);
    assert_close(out[1], 0.0, 0.0);
    assert_close(out[2], 4.0, 0.0);
    flow_table_free(c);
}

static void test_pagerank_with_dangling_node(void **state)
{
    (void)state;
    /* 0 -> 1, node 1 dangling (spreads uniformly). With d = 0.85:
     * x0 = d x1 / 2 + (1 - d) / 2 and x0 + x1 = 1 give x0 = 1 / (2 + d). */
    const double w[4] = {0, 1, 0, 0};
    flow_table *c = NULL;
    assert_int_equal(flow_centrality_new(&c, NULL, w, 2, 2), FLOW_OK);
    const double *pr = measure(c, FLOW_CENTRALITY_PAGERANK);
    assert_int_equal(converged(c, FLOW_CENTRALITY_PAGERANK), 1);
    assert_close(pr[0], 1.0 / 2.85, 1e-9);
    assert_close(pr[1], 1.0 - 1.0 / 2.85, 1e-9);
    assert_true(iterations(c, FLOW_CENTRALITY_PAGERANK) > 1);
    assert_int_equal(iterations(c, FLOW_CENTRALITY_HUB), 0);
    /* a chain converges only like 1/k under (I + W'): eigenvector left undefined */
    assert_int_equal(converged(c, FLOW_CENTRALITY_EIGENVECTOR), 0);
    assert_true(isnan(measure(c, FLOW_CENTRALITY_EIGENVECTOR)[1]));
    flow_table_free(c);

    /* With damping 0.5: x0 = 1 / 2.5. */
    flow_centrality_options *o = NULL;
    assert_int_equal(flow_centrality_options_new(&o), FLOW_OK);
    assert_int_equal(flow_centrality_options_set_damping(o, 0.5), FLOW_OK);
    assert_int_equal(flow_centrality_options_set_damping(o, 1.0), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_centrality_options_set_tolerance(o, 0.0), FLOW_ERR_INVALID_ARG);
    assert_int_equal(flow_centrality_new(&c, o, w, 2, 2), FLOW_OK);
    assert_close(measure(c, FLOW_CENTRALITY_PAGERANK)[0], 0.4, 1e-9);
    flow_table_free(c);
    flow_centrality_options_free(o);
}

static void test_eigenvector_of_a_star(void **state)
{
    (void)state;
    /* Undirected star, centre 0 and leaves 1..3 (bipartite: eigenvalues
     * +-sqrt 3, which the (I + W') shift separates). Leading eigenvector
     * (sqrt 3, 1, 1, 1) / sqrt 6. */
    const double w[16] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    flow_table *c = NULL;
    assert_int_equal(flow_centrality_new(&c, NULL, w, 4, 4), FLOW_OK);
    const double *ev = measure(c, FLOW_CENTRALITY_EIGENVECTOR);
    /* the iteration stops at an L1 step below n * 1e-10 and contracts by
     * 1 / (1 + sqrt 3) < .37 per step: the error is below .6 * 4e-10 */
    assert_close(ev[0], sqrt(3.0 / 6.0), 1e-9);
    for (int k = 1; k < 4; k++)
        assert_close(ev[k], 1.0 / sqrt(6.0), 1e-9);
    /* a symmetric network: PageRank is proportional to strength (3, 1, 1, 1)
     * only without damping; with damping the centre still ranks first */
    const double *pr = measure(c, FLOW_CENTRALITY_PAGERANK);
    assert_true(pr[0] > pr[1]);
    assert_close(pr[0] + pr[1] + pr[2] + pr[3], 1.0, 1e-12);
    flow_table_free(c);
}

static void test_hubs_and_authorities_of_rank_one_network(void **state)
{
    (void)state;
    /* 1->0 weight 1, 2->0 2, 3->0 2: W = u e0' with u = (0, 1, 2, 2), so
     * hubs are u / 5 and the only authority is node 0. */
    const double w[16] = {0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0};
    flow_table *c = NULL;
    assert_int_equal(flow_centrality_new(&c, NULL, w, 4, 4), FLOW_OK);
    const double *hub = measure(c, FLOW_CENTRALITY_HUB);
    const double *auth = measure(c, FLOW_CENTRALITY_AUTHORITY);
    const double expected_hub[4] = {0, 0.2, 0.4, 0.4};
    for (int k = 0; k < 4; k++) {
        assert_close(hub[k], expected_hub[k], 1e-12);
        assert_close(auth[k], k == 0 ? 1.0 : 0.0, 1e-12);
    }
    /* Columns named after the measures, in flow_centrality_measure order. */
    static const char *const names[FLOW_CENTRALITY_MEASURE_COUNT] = {
        "in_strength", "out_strength", "eigenvector", "pagerank", "hub", "authority"};
    assert_int_equal(flow_table_cols(c), FLOW_CENTRALITY_MEASURE_COUNT);
    for (int m = 0; m < FLOW_CENTRALITY_MEASURE_COUNT; m++)
        assert_string_equal(flow_table_col_label(c, m), names[m]);
    flow_table_free(c);
}

static void test_non_convergence_and_bad_weights(void **state)
{
    (void)state;
    const double w[9] = {0, 1, 2, 3, 0, 1, 1, 1, 0};
    flow_centrality_options *o = NULL;
    flow_table *c = NULL;
    assert_int_equal(flow_centrality_options_new(&o), FLOW_OK);
    assert_int_equal(flow_centrality_options_set_max_iterations(o, 2), FLOW_OK);
    assert_int_equal(flow_centrality_options_set_tolerance(o, 1e-300), FLOW_OK);
    assert_int_equal(flow_centrality_new(&c, o, w, 3, 3), FLOW_OK);
    assert_int_equal(converged(c, FLOW_CENTRALITY_PAGERANK), 0);
    assert_int_equal(iterations(c, FLOW_CENTRALITY_PAGERANK), 2);
    assert_true(isnan(measure(c, FLOW_CENTRALITY_PAGERANK)[0]));
    assert_int_equal(converged(c, FLOW_CENTRALITY_HUB), 1);
    assert_close(measure(c, FLOW_CENTRALITY_OUT_STRENGTH)[1], 4.0, 0.0);
    flow_table_free(c);
    flow_centrality_options_free(o);

    const double bad[4] = {0, INFINITY, 0, 0};
    c = (flow_table *)&c;
    assert_int_equal(flow_centrality_new(&c, NULL, bad, 2, 2), FLOW_ERR_VALUE);
    assert_null(c);
    assert_non_null(strstr(flow_last_error(), "weights[0][1]"));
    assert_int_equal(flow_centrality_new(&c, NULL, w, 3, 2), FLOW_ERR_INVALID_ARG);
    flow_centrality_options_free(NULL);
}

static void test_empty_network(void **state)
{
    (void)state;
    flow_table *c = NULL;
    assert_int_equal(flow_centrality_new(&c, NULL, NULL, 0, 0), FLOW_OK);
    assert_int_equal(flow_table_rows(c), 0);
    flow_table_free(c);
    /* Two nodes, no edges (only a self-loop, ignored): PageRank uniform, the
     * eigenvector stays uniform (1/sqrt 2 each), no hub or authority. */
    const double w[4] = {5, 0, 0, 0};
    assert_int_equal(flow_centrality_new(&c, NULL, w, 2, 2), FLOW_OK);
    assert_close(measure(c, FLOW_CENTRALITY_PAGERANK)[1], 0.5, 1e-12);
    assert_close(measure(c, FLOW_CENTRALITY_EIGENVECTOR)[0], sqrt(0.5), 1e-12);
    assert_int_equal(converged(c, FLOW_CENTRALITY_HUB), 0);
    assert_true(isnan(measure(c, FLOW_CENTRALITY_AUTHORITY)[0]));
    flow_table_free(c);
}

/* Column `rule` of flow_transit's table on the 4 x 4 matrix f, into score; its status. */
static int transit(double *score, int rule, const double *f, int64_t s, int64_t t)
{
    flow_table *table = (flow_table *)&table;
    int rc = flow_transit(&table, f, 4, 4, s, t);
    for (int64_t h = 0; rc == FLOW_OK && h < 4; h++)
        score[h] = flow_table_values(table)[h * FLOW_TRANSIT_RULE_COUNT + rule];
    if (rc != FLOW_OK)
        assert_null(table);
    flow_table_free(table);
    return rc;
}

/* The same for flow_transit_from_dataset on three economies (rows labelled by code). */
static int dataset_transit(double *score, int rule, const flow_dataset *ds, const char *product,
                           const char *origin, const char *destination)
{
    flow_table *table = NULL;
    int rc = flow_transit_from_dataset(&table, ds, "trade", 2023, product, origin, destination);
    for (int64_t h = 0; rc == FLOW_OK && h < 3; h++)
        score[h] = flow_table_values(table)[h * FLOW_TRANSIT_RULE_COUNT + rule];
    if (rc == FLOW_OK)
        assert_string_equal(flow_table_row_label(table, 2), "CCC");
    flow_table_free(table);
    return rc;
}

static void test_transit_ranks_intermediaries(void **state)
{
    (void)state;
    /* s = 0, t = 3: via 1 the legs are 2 and 5, via 2 they are 4 and 1; the
     * direct flow 0->3 (9) is no detour. */
    double f[16] = {0};
    f[0 * 4 + 1] = 2;
    f[1 * 4 + 3] = 5;
    f[0 * 4 + 2] = 4;
    f[2 * 4 + 3] = 1;
    f[0 * 4 + 3] = 9;
    double score[4];
    assert_int_equal(transit(score, FLOW_TRANSIT_PRODUCT, f, 0, 3), FLOW_OK);
    assert_close(score[1], 10.0, 0.0);
    assert_close(score[2], 4.0, 0.0);
    assert_close(score[0], 0.0, 0.0);
    assert_close(score[3], 0.0, 0.0);
    assert_int_equal(transit(score, FLOW_TRANSIT_BOTTLENECK, f, 0, 3), FLOW_OK);
    assert_close(score[1], 2.0, 0.0);
    assert_close(score[2], 1.0, 0.0);
    assert_int_equal(transit(score, FLOW_TRANSIT_FIRST_LEG, f, 0, 3), FLOW_OK);
    assert_close(score[1], 2.0, 0.0);
    assert_close(score[2], 4.0, 0.0);
    assert_close(score[3], 0.0, 0.0); /* the direct flow is no leg */
    assert_int_equal(transit(score, FLOW_TRANSIT_SECOND_LEG, f, 0, 3), FLOW_OK);
    assert_close(score[1], 5.0, 0.0);
    assert_close(score[2], 1.0, 0.0);
    assert_int_equal(transit(score, FLOW_TRANSIT_BOTTLENECK, f, 0, 3), FLOW_OK);
    int64_t order[4], count = 0;
    assert_int_equal(flow_rank_vector(order, 4, &count, score, 4, 1), FLOW_OK);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    assert_int_equal(transit(score, FLOW_TRANSIT_PRODUCT, f, 2, 2), FLOW_ERR_INVALID_ARG);
}

/*
 * A dataset with A->B 6, A->C 4, B->A 2 (trade, 2023). Dependence network:
 * A takes all its imports from B, B and C all theirs from A, so W_AB = W_BA =
 * W_CA = 1. PageRank (d = 0.85): x_C = 0.05, x_B = 0.85 x_A + 0.05,
 * x_A = 0.85 (x_B + x_C) + 0.05 => x_A = 0.135 / 0.2775.
 */
static void test_centrality_from_dataset(void **state)
{
    (void)state;
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "AAA", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "BBB", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "CCC", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    flow_labels_free(labels);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, NULL, "AAA", "BBB", 6), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, NULL, "AAA", "CCC", 4), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, NULL, "BBB", "AAA", 2), FLOW_OK);

    flow_table *c = NULL;
    assert_int_equal(flow_centrality_new_from_dataset(&c, NULL, ds, "trade", 2023, NULL,
                                                      FLOW_NETWORK_DEPENDENCE),
                     FLOW_OK);
    const double *in = measure(c, FLOW_CENTRALITY_IN_STRENGTH);
    assert_close(in[0], 2.0, TOL_EXACT);
    assert_close(in[1], 1.0, TOL_EXACT);
    assert_close(in[2], 0.0, TOL_EXACT);
    const double *pr = measure(c, FLOW_CENTRALITY_PAGERANK);
    double xa = 0.135 / 0.2775;
    assert_close(pr[0], xa, 1e-9);
    assert_close(pr[1], 0.85 * xa + 0.05, 1e-9);
    assert_close(pr[2], 0.05, 1e-9);
    assert_string_equal(flow_table_row_label(c, 1), "BBB"); /* rows: the dataset's economies */
    flow_table_free(c);

    assert_int_equal(
        flow_centrality_new_from_dataset(&c, NULL, ds, "trade", 2023, NULL, FLOW_NETWORK_FLOWS),
        FLOW_OK);
    in = measure(c, FLOW_CENTRALITY_IN_STRENGTH);
    assert_close(in[1], 6.0, TOL_EXACT);
    flow_table_free(c);
    /* B -> A -> C: legs 2 and 4, bottleneck 2; the origin B itself scores 0 */
    double score[3];
    assert_int_equal(dataset_transit(score, FLOW_TRANSIT_BOTTLENECK, ds, NULL, "BBB", "CCC"),
                     FLOW_OK);
    assert_close(score[0], 2.0, TOL_EXACT);
    assert_close(score[1], 0.0, TOL_EXACT);
    assert_int_equal(dataset_transit(score, FLOW_TRANSIT_PRODUCT, ds, NULL, "BBB", "XXX"),
                     FLOW_ERR_UNKNOWN_LABEL);
    flow_table *t = NULL;
    assert_int_equal(flow_transit_from_dataset(&t, ds, "trade", 2023, NULL, "BBB", "CCC"), FLOW_OK);
    assert_string_equal(flow_table_row_label(t, 0), "AAA");
    assert_string_equal(flow_table_col_label(t, FLOW_TRANSIT_BOTTLENECK), "bottleneck");
    flow_table_free(t);
    assert_int_equal(flow_centrality_new_from_dataset(&c, NULL, ds, "trade", 2023, NULL, 5),
                     FLOW_ERR_INVALID_ARG);
    assert_int_equal(
        flow_centrality_new_from_dataset(&c, NULL, ds, "finance", 2023, NULL, FLOW_NETWORK_FLOWS),
        FLOW_ERR_NOT_FOUND);
    assert_null(c);
    flow_dataset_free(ds);
}

/*
 * Handled transit B -> A -> C counts only the goods A imports from B: B sells
 * A 2 of product "p1"; A sells C 4 of "p2" (which it never imports from B)
 * and 1 of "p1", whose imports (2) all come from B. Product by product A can
 * pass on min(2, 1 * 2 / 2) = 1; on the summed matrix it would be 2.
 */
static void test_transit_handled_by_product(void **state)
{
    (void)state;
    flow_labels *labels = NULL;
    flow_dataset *ds = NULL;
    double score[3];
    assert_int_equal(flow_labels_new(&labels), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "AAA", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "BBB", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_labels_add(labels, "CCC", NULL, NULL), FLOW_OK);
    assert_int_equal(flow_dataset_new(&ds, labels), FLOW_OK);
    flow_labels_free(labels);
    assert_int_equal(flow_dataset_set_product_digits(ds, 1000), FLOW_OK); /* p1, p2 apart */
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, "p1", "BBB", "AAA", 2), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, "p2", "AAA", "CCC", 4), FLOW_OK);
    assert_int_equal(flow_dataset_add_flow(ds, "trade", 2023, "p1", "AAA", "CCC", 1), FLOW_OK);
    assert_int_equal(dataset_transit(score, FLOW_TRANSIT_HANDLED, ds, NULL, "BBB", "CCC"), FLOW_OK);
    assert_close(score[0], 1.0, TOL_EXACT);
    assert_close(score[1], 0.0, TOL_EXACT);
    assert_close(score[2], 0.0, TOL_EXACT);
    assert_int_equal(dataset_transit(score, FLOW_TRANSIT_HANDLED, ds, "p2", "BBB", "CCC"), FLOW_OK);
    assert_close(score[0], 0.0, TOL_EXACT);
    flow_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strength_ignores_self_loops),
        cmocka_unit_test(test_transit_handled_by_product),
        cmocka_unit_test(test_pagerank_with_dangling_node),
        cmocka_unit_test(test_eigenvector_of_a_star),
        cmocka_unit_test(test_hubs_and_authorities_of_rank_one_network),
        cmocka_unit_test(test_non_convergence_and_bad_weights),
        cmocka_unit_test(test_empty_network),
        cmocka_unit_test(test_transit_ranks_intermediaries),
        cmocka_unit_test(test_centrality_from_dataset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
