/*
 * test_shock.c - the shock lenses on systems small enough to solve by hand,
 * brute-force re-solves of the cut system, both Haimes & Jiang (2001)
 * inoperability examples, and the rerouting accounts.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Three economies AAA, BBB, CCC with sizes x = [100, 100, 50] and flows
 *   F = [[0, 10, 5], [20, 0, 5], [5, 5, 0]]    (row = seller)
 * so A = F / x_j = [[0, .1, .1], [.2, 0, .1], [.05, .05, 0]].
 */
static const char *const codes3[3] = {"AAA", "BBB", "CCC"};
static const double flows3[9] = {0, 10, 5, 20, 0, 5, 5, 5, 0};
static const double size3[3] = {100, 100, 50};

static flow_io_model *model3(void)
{
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new_country(&m, 3, flows3, 3, size3, codes3), FLOW_OK);
    return m;
}

static flow_scenario *scenario_ab(int direction)
{
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_new(&s), FLOW_OK);
    assert_int_equal(flow_scenario_add_sanctioning(s, "AAA"), FLOW_OK);
    assert_int_equal(flow_scenario_add_target(s, "BBB"), FLOW_OK);
    assert_int_equal(flow_scenario_set_direction(s, direction), FLOW_OK);
    assert_int_equal(flow_scenario_set_severity(s, NULL, NULL, 1.0), FLOW_OK);
    return s;
}

/*
 * One run's two tables, read back by quantity as the tests were written:
 * column q of a table is quantity q (the order of flow_shock_quantity).
 */
typedef struct shock {
    flow_table *regions, *nodes;
} shock;

static int run(shock **out, flow_io_model *m, const flow_scenario *s, const flow_shock_options *o)
{
    shock *r = calloc(1, sizeof *r);
    assert_non_null(r);
    *out = NULL;
    int rc = flow_shock_run(&r->regions, &r->nodes, m, s, o);
    if (rc != FLOW_OK) {
        assert_null(r->regions);
        assert_null(r->nodes);
        free(r);
        return rc;
    }
    *out = r;
    return rc;
}

static void shock_free(shock *r)
{
    if (r == NULL)
        return;
    flow_table_free(r->regions);
    flow_table_free(r->nodes);
    free(r);
}

/* Column q of t into dst: FLOW_ERR_INVALID_ARG past the last column. */
static int column_of(const flow_table *t, int q, double *dst, int64_t len)
{
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t);
    if (q < 0 || q >= cols)
        return FLOW_ERR_INVALID_ARG;
    if (len < rows)
        return FLOW_ERR_BUFFER_TOO_SMALL;
    for (int64_t i = 0; i < rows; i++)
        dst[i] = flow_table_values(t)[i * cols + q];
    return FLOW_OK;
}

static int node_values(const shock *r, int q, double *dst, int64_t len)
{
    return column_of(r->nodes, q, dst, len);
}

static int region_values(const shock *r, int q, double *dst, int64_t len)
{
    return column_of(r->regions, q, dst, len);
}

static double scalar(const shock *r, const char *name)
{
    double value = NAN;
    assert_int_equal(flow_table_scalar(r->regions, name, &value), FLOW_OK);
    return value;
}

static int totals(const shock *r, double *cut, double *rerouted, double *lost)
{
    if (cut)
        *cut = scalar(r, "cut");
    if (rerouted)
        *rerouted = scalar(r, "rerouted");
    if (lost)
        *lost = scalar(r, "lost");
    return FLOW_OK;
}

static int solver_of(const shock *r, int *solver, int64_t *rank)
{
    if (solver)
        *solver = (int)scalar(r, "solver");
    if (rank)
        *rank = (int64_t)scalar(r, "rank");
    return FLOW_OK;
}

static int sets_of(const shock *r, int64_t *sanctioning, int64_t *target, int64_t *skipped)
{
    if (sanctioning)
        *sanctioning = (int64_t)scalar(r, "sanctioning");
    if (target)
        *target = (int64_t)scalar(r, "target");
    if (skipped)
        *skipped = (int64_t)scalar(r, "skipped");
    return FLOW_OK;
}

static int64_t nodes_of(const shock *r)
{
    return flow_table_rows(r->nodes);
}

static const char *region_code(const shock *r, int64_t i)
{
    return flow_table_row_label(r->regions, i);
}

static void values(const shock *r, int q, double *out)
{
    assert_int_equal(node_values(r, q, out, 3), FLOW_OK);
}

/*
 * AAA stops selling to BBB: A~ = A with a_01 = 0. Direct loss d = dA x =
 * [0.1 * 100, 0, 0] = [10, 0, 0]. Solving (I - A~) z = d by substitution:
 *   z2 = .05 (z0 + z1), z1 = .2 z0 + .1 z2, z0 = 10 + .1 z2
 *   => z2 = .06 z0 / .995, z0 = 10 * .995 / .989
 * so dx = [9.95, 2.05, 0.6] / 0.989.
 * Ghosh: c_j = sum_i dA_ij = [0, .1, 0]; (I - A~)' z = c gives
 *   z = [.0205, .0995, .012] / .989, dx_supply = x (.) z = [2.05, 9.95, .6] / .989
 * (the buyer BBB loses 10 of inputs directly, x (.) c = [0, 10, 0]).
 * Inoperability q = dx / x.
 */
static void test_hand_solved_export_cut(void **state)
{
    (void)state;
    flow_io_model *m = model3();
    flow_scenario *s = scenario_ab(FLOW_EXPORTS);
    shock *r = NULL;
    double v[3];
    assert_int_equal(run(&r, m, s, NULL), FLOW_OK);
    assert_int_equal(nodes_of(r), 3);
    assert_string_equal(region_code(r, 1), "BBB");
    assert_string_equal(flow_table_row_label(r->nodes, 1), "BBB");
    assert_string_equal(flow_table_col_label(r->regions, FLOW_SHOCK_DEMAND_TOTAL), "demand_total");
    assert_string_equal(flow_table_col_label(r->regions, FLOW_SHOCK_MARKUP_COST), "markup_cost");
    assert_int_equal(flow_table_cols(r->nodes), FLOW_SHOCK_INOPERABILITY_LOSS + 1);
    values(r, FLOW_SHOCK_DEMAND_DIRECT, v);
    assert_close(v[0], 10.0, 1e-12);
    assert_close(v[1], 0.0, 1e-12);
    values(r, FLOW_SHOCK_DEMAND_TOTAL, v);
    assert_close(v[0], 9.95 / 0.989, 1e-12);
    assert_close(v[1], 2.05 / 0.989, 1e-12);
    assert_close(v[2], 0.6 / 0.989, 1e-12);
    values(r, FLOW_SHOCK_DEMAND_INDIRECT, v);
    assert_close(v[0], 9.95 / 0.989 - 10.0, 1e-12);
    values(r, FLOW_SHOCK_SUPPLY_DIRECT, v);
    assert_close(v[1], 10.0, 1e-12);
    assert_close(v[0], 0.0, 1e-12);
    values(r, FLOW_SHOCK_SUPPLY_TOTAL, v);
    assert_close(v[0], 2.05 / 0.989, 1e-12);
    assert_close(v[1], 9.95 / 0.989, 1e-12);
    assert_close(v[2], 0.6 / 0.989, 1e-12);
    values(r, FLOW_SHOCK_INOPERABILITY, v);
    assert_close(v[0], 9.95 / 0.989 / 100.0, 1e-12);
    assert_close(v[2], 0.6 / 0.989 / 50.0, 1e-12);
    double cut, rerouted, lost;
    assert_int_equal(totals(r, &cut, &rerouted, &lost), FLOW_OK);
    assert_close(cut, 10.0, 1e-12);
    assert_close(rerouted, 0.0, 1e-12);
    assert_close(lost, 10.0, 1e-12);
    int solver = 0;
    int64_t rank = -1, ns = 0, nt = 0, skipped = -1;
    assert_int_equal(solver_of(r, &solver, &rank), FLOW_OK);
    assert_true(solver == FLOW_SHOCK_SOLVER_WOODBURY || solver == FLOW_SHOCK_SOLVER_REFACTOR);
    assert_int_equal(sets_of(r, &ns, &nt, &skipped), FLOW_OK);
    assert_true(ns == 1 && nt == 1 && skipped == 0);
    /* Region values of a one-sector system are the node values. */
    double reg[3];
    assert_int_equal(region_values(r, FLOW_SHOCK_CUT, reg, 3), FLOW_OK);
    assert_close(reg[0], 10.0, 1e-12);
    assert_int_equal(node_values(r, FLOW_SHOCK_REROUTED_VIA, reg, 3), FLOW_ERR_INVALID_ARG);
    assert_int_equal(node_values(r, FLOW_SHOCK_DEMAND_TOTAL, reg, 2), FLOW_ERR_BUFFER_TOO_SMALL);
    shock_free(r);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

/* ---------------------------------------------------------- brute force */

/* Gaussian elimination with partial pivoting (independent of LAPACK). */
static void gauss_solve(int n, double *m, double *b)
{
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(m[r * n + c]) > fabs(m[p * n + c]))
                p = r;
        for (int k = 0; k < n; k++) {
            double t = m[c * n + k];
            m[c * n + k] = m[p * n + k];
            m[p * n + k] = t;
        }
        double t = b[c];
        b[c] = b[p];
        b[p] = t;
        for (int r = c + 1; r < n; r++) {
            double f = m[r * n + c] / m[c * n + c];
            for (int k = c; k < n; k++)
                m[r * n + k] -= f * m[c * n + k];
            b[r] -= f * b[c];
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        for (int k = r + 1; k < n; k++)
            b[r] -= m[r * n + k] * b[k];
        b[r] /= m[r * n + r];
    }
}

enum { REG = 4, SEC = 3, N = REG * SEC, K = REG * 2 };

/*
 * A random 4-region x 3-sector MRIO: Z, Y (two final-demand columns per
 * region), x = Z 1 + Y 1.
 */
static flow_io_model *random_mrio(unsigned seed, double *z, double *y)
{
    static const char *const regions[REG] = {"USA", "DEU", "RUS", "CHN"};
    for (int i = 0; i < N * N; i++)
        z[i] = 10.0 * flow_test_uniform(&seed);
    for (int i = 0; i < N * K; i++)
        y[i] = 20.0 + 40.0 * flow_test_uniform(&seed);
    flow_io_model *m = NULL;
    assert_int_equal(flow_io_model_new(&m, N, z, K, y, NULL, NULL), FLOW_OK);
    assert_int_equal(flow_io_model_set_regions(m, REG, regions, NULL), FLOW_OK);
    return m;
}

/*
 * Brute force: builds A~ and y~ entry by entry from the definition of the
 * cut (USA,DEU) <-> RUS at the given severity (both directions), solves
 * (I - A) x = y and (I - A~) x~ = y~ by Gaussian elimination, returns x - x~.
 */
static void brute_force(const double *z, const double *y, double severity, int cut_a, int cut_y,
                        double *dx)
{
    double x[N], a[N * N], m[N * N], yt[N], xt[N];
    for (int i = 0; i < N; i++) {
        x[i] = 0;
        for (int j = 0; j < N; j++)
            x[i] += z[i * N + j];
        for (int c = 0; c < K; c++)
            x[i] += y[i * K + c];
    }
    for (int i = 0; i < N; i++) {
        int ri = i / SEC;
        for (int j = 0; j < N; j++) {
            int rj = j / SEC;
            int cut = cut_a && ((ri < 2 && rj == 2) || (ri == 2 && rj < 2));
            a[i * N + j] = z[i * N + j] / x[j] * (cut ? 1.0 - severity : 1.0);
            m[i * N + j] = (i == j) - a[i * N + j];
        }
        yt[i] = 0;
        for (int c = 0; c < K; c++) {
            int rc = c / 2; /* columns are region-major, two per region */
            int cut = cut_y && ((ri < 2 && rc == 2) || (ri == 2 && rc < 2));
            yt[i] += y[i * K + c] * (cut ? 1.0 - severity : 1.0);
        }
        xt[i] = yt[i];
    }
    gauss_solve(N, m, xt);
    for (int i = 0; i < N; i++)
        dx[i] = x[i] - xt[i];
}

static flow_scenario *scenario_west_russia(double severity, int channels)
{
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_new(&s), FLOW_OK);
    assert_int_equal(flow_scenario_add_group_member(s, "WEST", "USA"), FLOW_OK);
    assert_int_equal(flow_scenario_add_group_member(s, "WEST", "DEU"), FLOW_OK);
    assert_int_equal(flow_scenario_add_group_member(s, "WEST", "GBR"), FLOW_OK); /* absent */
    assert_int_equal(flow_scenario_add_sanctioning(s, "WEST"), FLOW_OK);
    assert_int_equal(flow_scenario_add_target(s, "RUS"), FLOW_OK);
    assert_int_equal(flow_scenario_set_severity(s, "trade", "*", severity), FLOW_OK);
    assert_int_equal(flow_scenario_set_channels(s, channels), FLOW_OK);
    return s;
}

static void check_against_brute_force(int solver, int channels, double severity)
{
    double z[N * N], y[N * K], expect[N], got[N];
    flow_io_model *m = random_mrio(7u + (unsigned)channels, z, y);
    flow_scenario *s = scenario_west_russia(severity, channels);
    flow_shock_options *o = NULL;
    shock *r = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "layer", "trade"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "product", "machinery"), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "solver",
                                            solver == FLOW_SHOCK_SOLVER_WOODBURY   ? "woodbury"
                                            : solver == FLOW_SHOCK_SOLVER_REFACTOR ? "refactor"
                                                                                   : "auto"),
                     FLOW_OK);
    assert_int_equal(run(&r, m, s, o), FLOW_OK);
    brute_force(z, y, severity, channels & FLOW_SHOCK_INTERMEDIATE, channels & FLOW_SHOCK_FINAL,
                expect);
    assert_int_equal(node_values(r, FLOW_SHOCK_DEMAND_TOTAL, got, N), FLOW_OK);
    for (int i = 0; i < N; i++)
        assert_close(got[i], expect[i], 1e-9);
    int used = 0;
    int64_t rank = 0, skipped = 0;
    assert_int_equal(solver_of(r, &used, &rank), FLOW_OK);
    if (channels == FLOW_SHOCK_FINAL) {
        assert_int_equal(used, FLOW_SHOCK_SOLVER_BASE);
    } else {
        assert_int_equal(used, solver);
        /* A two-way cut with RUS is covered by RUS's 3 rows and 3 columns. */
        if (solver == FLOW_SHOCK_SOLVER_WOODBURY)
            assert_int_equal(rank, 2 * SEC);
    }
    assert_int_equal(sets_of(r, NULL, NULL, &skipped), FLOW_OK);
    assert_int_equal(skipped, 1);
    shock_free(r);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

static void test_demand_lens_equals_brute_force(void **state)
{
    (void)state;
    check_against_brute_force(FLOW_SHOCK_SOLVER_WOODBURY, FLOW_SHOCK_ALL_CHANNELS, 1.0);
    check_against_brute_force(FLOW_SHOCK_SOLVER_REFACTOR, FLOW_SHOCK_ALL_CHANNELS, 0.6);
    check_against_brute_force(FLOW_SHOCK_SOLVER_WOODBURY, FLOW_SHOCK_INTERMEDIATE, 0.3);
    check_against_brute_force(FLOW_SHOCK_SOLVER_AUTO, FLOW_SHOCK_FINAL, 0.8);
}

/* --------------------------------------------------------- Haimes & Jiang */

/*
 * Haimes & Jiang (2001), first example: A* = [[0, .8], [.2, 0]], c* = [0, .6]:
 * q1 = .8 q2, q2 = .2 q1 + .6 => q2 = .6 / .84, q1 = .48 / .84.
 */
static void test_haimes_jiang_two_sectors(void **state)
{
    (void)state;
    const double astar[4] = {0, 0.8, 0.2, 0}, cstar[2] = {0, 0.6};
    double q[2];
    assert_int_equal(flow_shock_inoperability(q, 2, 2, astar, 2, cstar, 1), FLOW_OK);
    assert_close(q[0], 0.48 / 0.84, 1e-12);
    assert_close(q[1], 0.6 / 0.84, 1e-12);
}

/*
 * Second example: A* = [[0,.9,0,0],[.4,0,0,0],[1,.8,0,0],[1,.9,0,0]],
 * c* = [0,.5,0,0]. q1 = .9 q2, q2 = .4 q1 + .5 => q2 = .5/.64 = .78125,
 * q1 = .703125, q3 = q1 + .8 q2 = 1.328125, q4 = q1 + .9 q2 = 1.40625;
 * published with q clipped to 1: [.70, .78, 1, 1].
 */
static void test_haimes_jiang_four_sectors(void **state)
{
    (void)state;
    const double astar[16] = {0, .9, 0, 0, .4, 0, 0, 0, 1, .8, 0, 0, 1, .9, 0, 0};
    const double cstar[4] = {0, .5, 0, 0};
    double q[4];
    assert_int_equal(flow_shock_inoperability(q, 4, 4, astar, 4, cstar, 0), FLOW_OK);
    assert_close(q[0], 0.703125, 1e-12);
    assert_close(q[1], 0.78125, 1e-12);
    assert_close(q[2], 1.328125, 1e-12);
    assert_close(q[3], 1.40625, 1e-12);
    assert_int_equal(flow_shock_inoperability(q, 4, 4, astar, 4, cstar, 1), FLOW_OK);
    assert_true(fabs(q[0] - 0.70) < 0.005 && fabs(q[1] - 0.78) < 0.005);
    assert_true(q[2] == 1.0 && q[3] == 1.0);
    assert_int_equal(flow_shock_inoperability(q, 3, 4, astar, 4, cstar, 1),
                     FLOW_ERR_BUFFER_TOO_SMALL);
    const double singular[4] = {1, 0, 0, 1};
    assert_int_equal(flow_shock_inoperability(q, 4, 2, singular, 2, cstar, 1), FLOW_ERR_SINGULAR);
}

/*
 * In the lens, q = dx / x per node and the loss is x (.) q. Sizes [10, 100]:
 * AAA sells 9 to BBB and BBB 9 to AAA; a full two-way cut leaves A~ = 0,
 * so dx = d = [9, 9] and q = [0.9, 0.09]. (In a productive system with
 * y~ >= 0, x~ >= 0 and q <= 1: the clip binds only for given A*, c* as in
 * Haimes & Jiang's second example above.)
 */
static void test_inoperability_loss_is_output_times_q(void **state)
{
    (void)state;
    const char *const codes[2] = {"AAA", "BBB"};
    const double f[4] = {0, 9, 9, 0}, size[2] = {10, 100};
    flow_io_model *m = NULL;
    shock *r = NULL;
    double q[2], loss[2];
    assert_int_equal(flow_io_model_new_country(&m, 2, f, 2, size, codes), FLOW_OK);
    flow_scenario *s = scenario_ab(FLOW_BOTH);
    assert_int_equal(run(&r, m, s, NULL), FLOW_OK);
    assert_int_equal(node_values(r, FLOW_SHOCK_INOPERABILITY, q, 2), FLOW_OK);
    assert_int_equal(node_values(r, FLOW_SHOCK_INOPERABILITY_LOSS, loss, 2), FLOW_OK);
    assert_close(q[0], 0.9, 1e-12);
    assert_close(q[1], 0.09, 1e-12);
    assert_close(loss[0], 9.0, 1e-12);
    assert_close(loss[1], 9.0, 1e-12);
    shock_free(r);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

/* ------------------------------------------------------------- rerouting */

/*
 * Same three economies; CCC is an intermediary and rho = .5: the A -> B pair
 * (flow 10) seeks 5 of rerouting. Only CCC can carry it (P_AC P_CB = 5 * 5).
 * Uncapped: rerouted 5, lost 5, phi = .5, so d = [5, 0, 0].
 * Capacity 2 and mark-up 10%: rerouted 2, lost 8, d = [8, 0, 0], rent of
 * CCC .2 paid by BBB.
 */
static void test_rerouting_single_intermediary(void **state)
{
    (void)state;
    flow_io_model *m = model3();
    flow_scenario *s = scenario_ab(FLOW_EXPORTS);
    shock *r = NULL;
    double v[3], cut, rerouted, lost;
    assert_int_equal(flow_scenario_set_substitution(s, NULL, NULL, 0.5), FLOW_OK);
    assert_int_equal(flow_scenario_add_intermediary(s, "CCC"), FLOW_OK);
    assert_int_equal(run(&r, m, s, NULL), FLOW_OK);
    assert_int_equal(totals(r, &cut, &rerouted, &lost), FLOW_OK);
    assert_close(cut, 10, 1e-12);
    assert_close(rerouted, 5, 1e-12);
    assert_close(lost, 5, 1e-12);
    values(r, FLOW_SHOCK_DEMAND_DIRECT, v);
    assert_close(v[0], 5, 1e-12);
    shock_free(r);

    assert_int_equal(flow_scenario_set_capacity(s, "CCC", 2.0), FLOW_OK);
    assert_int_equal(flow_scenario_set_markup(s, 0.1), FLOW_OK);
    assert_int_equal(run(&r, m, s, NULL), FLOW_OK);
    assert_int_equal(totals(r, &cut, &rerouted, &lost), FLOW_OK);
    assert_close(rerouted, 2, 1e-12);
    assert_close(lost, 8, 1e-12);
    values(r, FLOW_SHOCK_DEMAND_DIRECT, v);
    assert_close(v[0], 8, 1e-12);
    assert_int_equal(region_values(r, FLOW_SHOCK_REROUTED_VIA, v, 3), FLOW_OK);
    assert_close(v[2], 2, 1e-12);
    assert_close(v[0] + v[1], 0, 1e-12);
    assert_int_equal(region_values(r, FLOW_SHOCK_TRANSIT_RENT, v, 3), FLOW_OK);
    assert_close(v[2], 0.2, 1e-12);
    assert_int_equal(region_values(r, FLOW_SHOCK_MARKUP_COST, v, 3), FLOW_OK);
    assert_close(v[1], 0.2, 1e-12);
    shock_free(r);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

/*
 * Four economies of size 100: AAA sells 16 to BBB; paths AAA -> CCC (3),
 * CCC -> BBB (1), AAA -> DDD (1), DDD -> BBB (1): weights CCC 3, DDD 1.
 * rho = .5 => 8 seek a route. Round 1 offers CCC 6 and DDD 2; CCC's
 * capacity 4 fills (takes 4/6 of its offer), DDD takes its 2; 2 remain.
 * Round 2: only DDD is open and offered 2 with 1 left: takes 1 and fills.
 * Round 3: nobody open. Rerouted 4 + 3 = 7, lost 16 - 7 = 9.
 * Legs are left unbounded (throughput none) so that only the capacities act.
 */
static void test_rerouting_capacity_redistribution(void **state)
{
    (void)state;
    const char *const codes[4] = {"AAA", "BBB", "CCC", "DDD"};
    double f[16] = {0};
    const double size[4] = {100, 100, 100, 100};
    f[0 * 4 + 1] = 16;
    f[0 * 4 + 2] = 3;
    f[2 * 4 + 1] = 1;
    f[0 * 4 + 3] = 1;
    f[3 * 4 + 1] = 1;
    flow_io_model *m = NULL;
    shock *r = NULL;
    double via[4], lost_by[4], cut, rerouted, lost;
    assert_int_equal(flow_io_model_new_country(&m, 4, f, 4, size, codes), FLOW_OK);
    flow_scenario *s = NULL;
    assert_int_equal(flow_scenario_parse(&s,
                                         "sanctioning AAA\n"
                                         "target BBB\n"
                                         "direction exports\n"
                                         "cut * * 1\n"
                                         "reroute * * 0.5\n"
                                         "via CCC DDD\n"
                                         "throughput none\n",
                                         "redistribution"),
                     FLOW_OK);
    /* Uncapped first: 6 via CCC, 2 via DDD, 8 lost. */
    assert_int_equal(run(&r, m, s, NULL), FLOW_OK);
    assert_int_equal(region_values(r, FLOW_SHOCK_REROUTED_VIA, via, 4), FLOW_OK);
    assert_close(via[2], 6, 1e-12);
    assert_close(via[3], 2, 1e-12);
    shock_free(r);

    assert_int_equal(flow_scenario_set_capacity(s, "CCC", 4), FLOW_OK);
    assert_int_equal(flow_scenario_set_capacity(s, "DDD", 3), FLOW_OK);
    assert_int_equal(run(&r, m, s, NULL), FLOW_OK);
    assert_int_equal(region_values(r, FLOW_SHOCK_REROUTED_VIA, via, 4), FLOW_OK);
    assert_close(via[2], 4, 1e-12);
    assert_close(via[3], 3, 1e-12);
    assert_int_equal(totals(r, &cut, &rerouted, &lost), FLOW_OK);
    assert_close(cut, 16, 1e-12);
    assert_close(rerouted, 7, 1e-12);
    assert_close(lost, 9, 1e-12);
    assert_int_equal(region_values(r, FLOW_SHOCK_LOST, lost_by, 4), FLOW_OK);
    assert_close(lost_by[0], 9, 1e-12);
    shock_free(r);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

/*
 * Conservation on a random MRIO with intermediaries and mixed capacities:
 * cut = rerouted + lost (to rounding), the direct demand loss summed over
 * nodes is the cut less twice the rerouted volume (sum_i d_i = sum phi_ij
 * f_ij: the cut pairs lose all, each leg s -> h and h -> t gains what it
 * carries), and every intermediary stays within its capacity.
 */
static void test_rerouting_conservation(void **state)
{
    (void)state;
    double z[N * N], y[N * K];
    flow_io_model *m = random_mrio(99u, z, y);
    flow_scenario *s = scenario_west_russia(0.9, FLOW_SHOCK_ALL_CHANNELS);
    shock *r = NULL;
    flow_shock_options *o = NULL;
    assert_int_equal(flow_shock_options_new(&o), FLOW_OK);
    assert_int_equal(flow_shock_options_set(o, "layer", "trade"), FLOW_OK);
    assert_int_equal(flow_scenario_set_substitution(s, "trade", "*", 0.7), FLOW_OK);
    assert_int_equal(flow_scenario_set_capacity(s, "CHN", 15.0), FLOW_OK);
    assert_int_equal(run(&r, m, s, o), FLOW_OK);
    double cut, rerouted, lost, d[N], via[REG];
    assert_int_equal(totals(r, &cut, &rerouted, &lost), FLOW_OK);
    assert_true(cut > 0 && rerouted > 0 && lost > 0);
    assert_close(cut, rerouted + lost, 1e-13);
    assert_close(rerouted, 15.0, 1e-12); /* CHN is the only intermediary and is full */
    assert_int_equal(node_values(r, FLOW_SHOCK_DEMAND_DIRECT, d, N), FLOW_OK);
    double sum = 0;
    for (int i = 0; i < N; i++)
        sum += d[i];
    /* The cut pairs lose all; each leg s -> h and h -> t of a route gains what it carries. */
    assert_close(sum, cut - 2.0 * rerouted, 1e-12);
    assert_int_equal(region_values(r, FLOW_SHOCK_REROUTED_VIA, via, REG), FLOW_OK);
    assert_close(via[3], 15.0, 1e-12);
    shock_free(r);
    flow_shock_options_free(o);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

static void test_unknown_names_are_reported(void **state)
{
    (void)state;
    flow_io_model *m = model3();
    flow_scenario *s = scenario_ab(FLOW_BOTH);
    shock *r = NULL;
    assert_int_equal(flow_scenario_add_target(s, "ZZZ"), FLOW_OK);
    assert_int_equal(run(&r, m, s, NULL), FLOW_ERR_UNKNOWN_LABEL);
    assert_null(r);
    assert_non_null(strstr(flow_last_error(), "'ZZZ'"));
    flow_table *regions = (flow_table *)&r, *nodes = (flow_table *)&r;
    assert_int_equal(flow_shock_run(&regions, &nodes, NULL, s, NULL), FLOW_ERR_INVALID_ARG);
    assert_null(regions);
    assert_null(nodes);
    assert_int_equal(run(&r, NULL, s, NULL), FLOW_ERR_INVALID_ARG);
    flow_scenario_free(s);
    flow_io_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_solved_export_cut),
        cmocka_unit_test(test_demand_lens_equals_brute_force),
        cmocka_unit_test(test_haimes_jiang_two_sectors),
        cmocka_unit_test(test_haimes_jiang_four_sectors),
        cmocka_unit_test(test_inoperability_loss_is_output_times_q),
        cmocka_unit_test(test_rerouting_single_intermediary),
        cmocka_unit_test(test_rerouting_capacity_redistribution),
        cmocka_unit_test(test_rerouting_conservation),
        cmocka_unit_test(test_unknown_names_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
