/*
 * test_models_published.c - the contagion and balancing models against
 * worked examples printed with their inputs in public documentation
 * (sources, versions and conventions in tests/data/published/README.md).
 * Every printed number is compared to half a unit of its last printed digit,
 * so one wrong digit in the model or in the transcription fails.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>

/* |actual - printed| <= half a unit of the printed number's last digit. */
static void assert_printed(double actual, double printed, double last_digit, const char *what,
                           int i, int j)
{
    if (!(fabs(actual - printed) <= 0.5 * last_digit))
        fail_msg("%s[%d][%d]: %.6f, printed %.*f", what, i, j, actual,
                 (int)lround(-log10(last_digit)), printed);
}

static double cell(const flow_table *t, int64_t row, const char *col)
{
    int64_t j = -1;
    assert_int_equal(flow_table_find_col(t, col, NULL, &j), FLOW_OK);
    return flow_table_values(t)[row * flow_table_cols(t) + j];
}

/* Demand-side inoperability of the published interdependency matrix. */
static flow_table *inoperability(int64_t n, const double *interdependency, const double *c)
{
    flow_table *m = NULL, *q = NULL;
    assert_int_equal(flow_table_new(&m, n, n, interdependency, n), FLOW_OK);
    assert_int_equal(flow_iim_static(&q, m, c, NULL), FLOW_OK);
    flow_table_free(m);
    return q;
}

/*
 * Haimes & Jiang (2001), "Leontief-based model of risk in complex
 * interconnected infrastructures", J. Infrastructure Systems 7(1), first
 * example as transcribed in the tests of stigrs/iim (MIT): A* = [0 0.8; 0.2
 * 0], c* = (0, 0.6), q = (0.571, 0.714).
 */
static void test_iim_haimes_jiang_two_sectors(void **state)
{
    (void)state;
    static const double a[4] = {0.0, 0.8, 0.2, 0.0};
    static const double c[2] = {0.0, 0.6};
    static const double printed[2] = {0.571, 0.714};
    flow_table *q = inoperability(2, a, c);
    for (int i = 0; i < 2; i++)
        assert_printed(cell(q, i, "inoperability"), printed[i], 0.001, "iim", i, 0);
    flow_table_free(q);
}

/*
 * Haimes & Jiang (2001), second example, same transcription: four sectors,
 * c* = (0, 0.5, 0, 0), q = (0.70, 0.78, 1, 1). The paper caps inoperability at
 * 1 (a sector cannot lose more than all its output); libflow reports the
 * linear model's unclipped q, so sectors 3 and 4 are compared as min(q, 1).
 */
static void test_iim_haimes_jiang_four_sectors(void **state)
{
    (void)state;
    static const double a[16] = {0.0, 0.9, 0.0, 0.0, 0.4, 0.0, 0.0, 0.0,
                                 1.0, 0.8, 0.0, 0.0, 1.0, 0.9, 0.0, 0.0};
    static const double c[4] = {0.0, 0.5, 0.0, 0.0};
    static const double printed[4] = {0.70, 0.78, 1, 1};
    flow_table *q = inoperability(4, a, c);
    for (int i = 0; i < 4; i++)
        assert_printed(fmin(cell(q, i, "inoperability"), 1.0), printed[i], 0.01, "iim", i, 0);
    flow_table_free(q);
}

/*
 * Haimes & Jiang (2001), third example, as transcribed with its answer in the
 * tests of stigrs/diim (MIT; tests/test_diim.cpp, TestCase4, and
 * tests/test_case4.csv at commit e59014c): three sectors, A* = [0 0 0.3; 0.4
 * 0 0; 0.2 0.6 0], c* = (0, 0, 0.12), q = (0.04, 0.02, 0.14).
 */
static void test_iim_haimes_jiang_three_sectors(void **state)
{
    (void)state;
    static const double a[9] = {0.0, 0.0, 0.3, 0.4, 0.0, 0.0, 0.2, 0.6, 0.0};
    static const double c[3] = {0.0, 0.0, 0.12};
    static const double printed[3] = {0.04, 0.02, 0.14};
    flow_table *q = inoperability(3, a, c);
    for (int i = 0; i < 3; i++)
        assert_printed(cell(q, i, "inoperability"), printed[i], 0.01, "iim", i, 0);
    flow_table_free(q);
}

/*
 * Lian & Haimes (2006), "Managing the risk of terrorism to interdependent
 * infrastructure systems through the dynamic inoperability input-output
 * model", Systems Engineering 9(3), 241-258: the two-sector example A* = [0.15
 * 0.50; 0.10 0.05], c* = (0, 0.1), equilibrium q = (0.066, 0.112), as
 * transcribed with that answer in the tests of stigrs/diim (MIT). The
 * equilibrium is checked on the static model and as the limit of libflow's
 * dynamic path from q(0) = 0 under the constant perturbation (resilience 0.2
 * per period, the value of stigrs/diim's test input; it shapes the path, not
 * its limit, and the path is not published there).
 */
static void test_iim_lian_haimes_equilibrium(void **state)
{
    (void)state;
    enum { STEPS = 400 };
    static const double a[4] = {0.15, 0.50, 0.10, 0.05};
    static const double c[2] = {0.0, 0.1};
    static const double k[2] = {0.2, 0.2}, q0[2] = {0.0, 0.0};
    static const double printed[2] = {0.066, 0.112};
    flow_table *q = inoperability(2, a, c);
    for (int i = 0; i < 2; i++)
        assert_printed(cell(q, i, "inoperability"), printed[i], 0.001, "iim", i, 0);
    flow_table_free(q);

    flow_table *m = NULL, *path = NULL;
    assert_int_equal(flow_table_new(&m, 2, 2, a, 2), FLOW_OK);
    assert_int_equal(flow_iim_dynamic(&path, m, k, q0, c, STEPS), FLOW_OK);
    assert_int_equal(flow_table_rows(path), STEPS + 1);
    const double *v = flow_table_values(path);
    for (int i = 0; i < 2; i++) {
        assert_printed(v[i], 0.0, 0.001, "dynamic_start", 0, i);
        assert_printed(v[STEPS * 2 + i], printed[i], 0.001, "dynamic_limit", STEPS, i);
    }
    flow_table_free(m);
    flow_table_free(path);
}

/*
 * Robichaud (2000), "Example of the RAS technique", PEP network memo: the
 * prior 2 x 3 matrix [3 4 2; 7 4 3], row totals 10, 12, column totals 4, 10,
 * 8; the balanced matrix printed to one decimal. The memo starts from the
 * column-share matrix; RAS is invariant to a column scaling of its prior, so
 * the balanced matrix is the same.
 */
static void test_ras_pep_memo(void **state)
{
    (void)state;
    static const double prior[6] = {3, 4, 2, 7, 4, 3};
    static const double rows[2] = {10, 12}, cols[3] = {4, 10, 8};
    static const double printed[6] = {1.3, 5.3, 3.4, 2.7, 4.7, 4.6};
    flow_table *p = NULL, *x = NULL;
    assert_int_equal(flow_table_new(&p, 2, 3, prior, 3), FLOW_OK);
    assert_int_equal(flow_ras(&x, p, rows, cols, 1e-12, 10000), FLOW_OK);
    const double *v = flow_table_values(x);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            assert_printed(v[i * 3 + j], printed[i * 3 + j], 0.1, "ras", i, j);
    flow_table_free(p);
    flow_table_free(x);
}

/*
 * NetworkRiskMeasures 0.1.4 (Cinelli & Silva, CRAN, GPL-3), README and
 * ?matrix_estimation: the seven banks a..g of Anand, Craig & von Peter (2015,
 * p. 628), interbank assets (row sums) 7, 5, 3, 1, 3, 0, 1 and liabilities
 * (column sums) 4, 5, 5, 0, 0, 2, 4; matrix_estimation(A, L, method = "me")
 * printed rounded to two decimals. The package balances a ones-minus-identity
 * prior and stops once the summed absolute margin error is below 1e-3; libflow
 * balances a_i l_j with a zero diagonal (the same biproportional family, so
 * the same limit) to 1e-12. The published iterate and the limit agree to two
 * decimals.
 */
static void test_max_entropy_anand_banks(void **state)
{
    (void)state;
    enum { N = 7 };
    static const char *const names[N] = {"a", "b", "c", "d", "e", "f", "g"};
    static const double assets[N] = {7, 5, 3, 1, 3, 0, 1};
    static const double liabilities[N] = {4, 5, 5, 0, 0, 2, 4};
    static const double printed[N * N] = {
        0.00, 2.53, 2.18, 0, 0, 0.74, 1.55, /* a */
        1.72, 0.00, 1.60, 0, 0, 0.54, 1.14, /* b */
        0.98, 1.06, 0.00, 0, 0, 0.31, 0.65, /* c */
        0.25, 0.27, 0.23, 0, 0, 0.08, 0.17, /* d */
        0.75, 0.81, 0.70, 0, 0, 0.24, 0.50, /* e */
        0.00, 0.00, 0.00, 0, 0, 0.00, 0.00, /* f */
        0.30, 0.32, 0.28, 0, 0, 0.09, 0.00, /* g */
    };
    flow_table *x = NULL;
    assert_int_equal(flow_exposures_max_entropy(&x, N, names, assets, liabilities, 1e-12, 100000),
                     FLOW_OK);
    assert_int_equal(flow_table_rows(x), N);
    assert_int_equal(flow_table_cols(x), N);
    const double *v = flow_table_values(x);
    for (int i = 0; i < N; i++) {
        assert_string_equal(flow_table_row_label(x, i), names[i]);
        for (int j = 0; j < N; j++)
            assert_printed(v[i * N + j], printed[i * N + j], 0.01, "max_entropy", i, j);
    }
    flow_table_free(x);
}

/*
 * R package systemicrisk (A. Gandy & L. A. M. Veraart), vignette
 * "Introduction" ("An example with 3 banks"): liability matrices sampled by
 * sample_ERE and printed, external assets and external liabilities 1 for
 * every bank, and default(L, ea = ea, el = el)$defaultind printed as 1 0 1
 * for each matrix (Eisenberg–Noe clearing, no default costs). The three
 * matrices are those printed by two builds of the vignette on CRAN mirrors.
 * libflow has no external liabilities: they are a fourth node that every bank
 * owes el_i and that owes nothing, which gives the same relative liabilities
 * and the same clearing problem.
 */
static void test_clearing_systemicrisk_vignette(void **state)
{
    (void)state;
    enum { BANKS = 3, N = BANKS + 1, SAMPLES = 3 };
    static const double printed_l[SAMPLES][BANKS * BANKS] = {
        {0.0, 0.0, 1.0, 0.4, 0.0, 2.1, 0.3, 2.7, 0.0},
        {0.0000000, 0.09298631, 0.9070137, 0.3070137, 0.00000000, 2.1929863, 0.3929863, 2.60701369,
         0.0000000},
        {0.0000000, 0.2436671, 0.7563329, 0.1563329, 0.0000000, 2.3436671, 0.5436671, 2.4563329,
         0.0000000},
    };
    static const double external_assets[N] = {1, 1, 1, 0};
    static const double external_liabilities = 1;
    static const double printed_default[BANKS] = {1, 0, 1};
    for (int s = 0; s < SAMPLES; s++) {
        double l[N * N] = {0};
        for (int i = 0; i < BANKS; i++) {
            for (int j = 0; j < BANKS; j++)
                l[i * N + j] = printed_l[s][i * BANKS + j];
            l[i * N + BANKS] = external_liabilities;
        }
        flow_table *liabilities = NULL, *clearing = NULL;
        assert_int_equal(flow_table_new(&liabilities, N, N, l, N), FLOW_OK);
        assert_int_equal(flow_clearing_vector(&clearing, liabilities, external_assets, 1.0, 1.0),
                         FLOW_OK);
        for (int i = 0; i < BANKS; i++)
            assert_printed(cell(clearing, i, "default"), printed_default[i], 1, "default", s, i);
        assert_printed(cell(clearing, BANKS, "default"), 0, 1, "default", s, BANKS);
        flow_table_free(liabilities);
        flow_table_free(clearing);
    }
}

/*
 * The example of systemicrisk's default_clearing (A. Gandy & L. A. M.
 * Veraart; the package implements Rogers & Veraart's greatest clearing vector
 * algorithm) with its output as printed on the documentation page
 * rdrr.io/cran/systemicrisk/man/default_clearing.html ("Example output"):
 * three banks owing each other 0.5 (L = matrix(c(0,x,1-x,1-x,0,x,x,1-x,0),
 * nrow = 3) with x = 0.5), external assets ea = (1/2, 5/8, 3/4), external
 * liabilities el = (3/2, 1/2, 1/2). Eisenberg–Noe (alpha = beta = 1): banks 1
 * and 2 default, clearing payments (1.473214, 1.419643, 1.500000); Rogers &
 * Veraart default costs alpha = 0.5, beta = 0.7: all three default, payments
 * (0.5020200, 0.5147049, 0.5653806). External liabilities are a fourth node,
 * as in the vignette test above; a payment is a bank's whole payment, to the
 * other banks and outside, as systemicrisk's clearing vector.
 */
static void test_clearing_systemicrisk_default_costs(void **state)
{
    (void)state;
    enum { BANKS = 3, N = BANKS + 1, CASES = 2 };
    static const double x = 0.5;
    static const double interbank[BANKS * BANKS] = {0, x, 1 - x, 1 - x, 0, x, x, 1 - x, 0};
    static const double external_assets[N] = {1.0 / 2, 5.0 / 8, 3.0 / 4, 0};
    static const double external_liabilities[BANKS] = {3.0 / 2, 1.0 / 2, 1.0 / 2};
    static const double alpha[CASES] = {1.0, 0.5}, beta[CASES] = {1.0, 0.7};
    static const double printed_default[CASES][BANKS] = {{1, 1, 0}, {1, 1, 1}};
    static const double printed_payment[CASES][BANKS] = {{1.473214, 1.419643, 1.500000},
                                                         {0.5020200, 0.5147049, 0.5653806}};
    static const double last_digit[CASES] = {1e-6, 1e-7};
    /* R fills matrix() by column: L_ij is element j * 3 + i of the list. */
    double l[N * N] = {0};
    for (int i = 0; i < BANKS; i++) {
        for (int j = 0; j < BANKS; j++)
            l[i * N + j] = interbank[j * BANKS + i];
        l[i * N + BANKS] = external_liabilities[i];
    }
    flow_table *liabilities = NULL;
    assert_int_equal(flow_table_new(&liabilities, N, N, l, N), FLOW_OK);
    for (int c = 0; c < CASES; c++) {
        flow_table *clearing = NULL;
        assert_int_equal(
            flow_clearing_vector(&clearing, liabilities, external_assets, alpha[c], beta[c]),
            FLOW_OK);
        for (int i = 0; i < BANKS; i++) {
            assert_printed(cell(clearing, i, "default"), printed_default[c][i], 1, "default", c, i);
            assert_printed(cell(clearing, i, "payment"), printed_payment[c][i], last_digit[c],
                           "payment", c, i);
        }
        flow_table_free(clearing);
    }
    flow_table_free(liabilities);
}

/*
 * The price dual of the Leontief model, p' = p' A + w a_0', in the lecture
 * "Input-Output Models" of QuantEcon's "A First Course in Quantitative
 * Economics with Python" (T. J. Sargent & J. Stachurski; lectures/
 * input_output.md of QuantEcon/lecture-python-intro, commit 1f20d4e), which
 * prints a_0' (I - A)^-1 for two economies after Dorfman, Samuelson & Solow
 * (1958): A = [0.1 40; 0.01 0], labour per unit of output a_0 = (4, 100),
 * frontier 10 d_1 + 500 d_2 = x_0 (section "Production possibility
 * frontier"); and the example of their chapter 9, A = [0.1 1.46; 0.16 0.17],
 * a_0 = (0.04, 0.33), frontier 0.17 d_1 + 0.69 d_2 = 50 (exercise 2). By the
 * lecture's price equation p = (I - A')^-1 a_0 w, these coefficients are the
 * prices at wage w = 1: the cost push of value added a_0 w per unit of
 * output, which is what flow_io_price solves ((I - A)' dp = dv; the model is
 * linear, so a level and a change obey the same equation).
 */
static void test_price_dual_quantecon(void **state)
{
    (void)state;
    enum { CASES = 2 };
    static const double a[CASES][4] = {{0.1, 40, 0.01, 0}, {0.1, 1.46, 0.16, 0.17}};
    static const double labour[CASES][2] = {{4, 100}, {0.04, 0.33}};
    static const double printed[CASES][2] = {{10, 500}, {0.17, 0.69}};
    static const double last_digit[CASES] = {1, 0.01};
    for (int c = 0; c < CASES; c++) {
        flow_table *coefficients = NULL, *p = NULL;
        assert_int_equal(flow_table_new(&coefficients, 2, 2, a[c], 2), FLOW_OK);
        assert_int_equal(flow_io_price(&p, coefficients, NULL, NULL, labour[c]), FLOW_OK);
        for (int j = 0; j < 2; j++)
            assert_printed(cell(p, j, "price_change"), printed[c][j], last_digit[c], "price", c, j);
        flow_table_free(coefficients);
        flow_table_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iim_haimes_jiang_two_sectors),
        cmocka_unit_test(test_iim_haimes_jiang_four_sectors),
        cmocka_unit_test(test_iim_haimes_jiang_three_sectors),
        cmocka_unit_test(test_iim_lian_haimes_equilibrium),
        cmocka_unit_test(test_clearing_systemicrisk_vignette),
        cmocka_unit_test(test_clearing_systemicrisk_default_costs),
        cmocka_unit_test(test_price_dual_quantecon),
        cmocka_unit_test(test_ras_pep_memo),
        cmocka_unit_test(test_max_entropy_anand_banks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
