/*
 * internal_numparse.c - the fast number conversion returns exactly what
 * strtod returns (same bits, same accept/reject decision) on edge cases and
 * on many random decimal strings, and the fast path really handles the
 * common trade-data shapes (so the exactness claim is actually exercised).
 */
#include "support.h"

#include "internal.h"
#include "numparse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* strtod's verdict on the whole field, independently of numparse. */
static int reference(const char *s, size_t len, double *out)
{
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    copy[len] = '\0';
    char *end;
    *out = strtod(copy, &end);
    int whole = len > 0 && end == copy + len;
    free(copy);
    return whole;
}

/*
 * The conversion the reader makes of a plain decimal field (reader_number.c):
 * the fast path, and strtod when it declines.
 */
static int fast_or_strtod(const char *s, size_t len, double *out)
{
    return flow_i_numparse_fast(s, len, out) || reference(s, len, out);
}

static void assert_same_as_strtod(const char *s, size_t len)
{
    double expected = 0.0, actual = 0.0;
    int want = reference(s, len, &expected);
    int got = fast_or_strtod(s, len, &actual);
    if (got != want) {
        fail_msg("'%.*s': numparse says %d, strtod says %d", (int)len, s, got, want);
    }
    if (want && memcmp(&expected, &actual, sizeof expected) != 0 &&
        !(isnan(expected) && isnan(actual))) {
        fail_msg("'%.*s': numparse %.17g, strtod %.17g", (int)len, s, actual, expected);
    }
}

static void assert_fast_and_exact(const char *s)
{
    double expected = 0.0, actual = 0.0;
    size_t len = strlen(s);
    assert_true(reference(s, len, &expected));
    if (!flow_i_numparse_fast(s, len, &actual)) {
        fail_msg("'%s' should take the fast path", s);
    }
    if (memcmp(&expected, &actual, sizeof expected) != 0) {
        fail_msg("'%s': fast %.17g, strtod %.17g", s, actual, expected);
    }
}

static void test_edge_cases_match_strtod(void **state)
{
    (void)state;
    static const char *cases[] = {
        "0", "-0", "+0", "0.0", "-0.000", "00012", "1", "-1", "+1.5", ".5", "5.", "-.5", "0.1",
        "0.2", "0.3", "1.005", "2.675", "123456.789", "9007199254740992", "9007199254740993",
        "9007199254740991", "18446744073709551615", "18446744073709551616", "1234567890123456789",
        "12345678901234567890", "0.1234567890123456789", "123456789012345678901234567890", "1e22",
        "1e23", "1e-22", "1e-23", "4.5e15", "9007199254740993e-22", "1.7976931348623157e308",
        "1.7976931348623159e308", "1e309", "-1e309", "4.9e-324", "2.4703282292062327e-324",
        "1e-400", "2.2250738585072011e-308", "1E5", "1e+5", "1e-5", "1e05", "1.5e0", "0e999999",
        "1e999999", "1e-999999", "0.000000000000000000000000000001", "100000000000000000000000",
        "3.14159265358979323846",
        /* around 19 digits and a point, where the fast path changes loops */
        "123456789012345678.9", "1234567890123456789.5", "0000000000000000001.5",
        "-00000000000000000000000012.5", "99999999999999999999", "9999999999999999999.",
        /* not numbers, or not entirely numbers */
        "", ".", "-", "+", "e5", "1e", "1e+", "1e-", "1.2.3", "1,5", "1 ", " 1", "NA", "na", "--1",
        "+-1", "1-", "0x10", "0x1p3", "inf", "-inf", "Infinity", "nan", "NaN", "1e5.5", "12a",
        "\t7"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_same_as_strtod(cases[i], strlen(cases[i]));
    }
}

static void test_common_shapes_take_the_fast_path(void **state)
{
    (void)state;
    /* BACI values and quantities, WIOD-style entries, codes. */
    static const char *cases[] = {"0.001",
                                  "1.538",
                                  "54.653",
                                  "263761.125",
                                  "2022",
                                  "270900",
                                  "-12.5",
                                  "1e3",
                                  "2.5E-3",
                                  "0.000123",
                                  "9007199254740992",
                                  "1e22",
                                  "123456789.123",
                                  "0.3",
                                  "0000000000000000000000012.5"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_fast_and_exact(cases[i]);
    }
}

static void test_reads_only_len_bytes(void **state)
{
    (void)state;
    /* The field is a prefix of a longer buffer, as libcsv hands it over. */
    const char buf[] = "1.2345678,9";
    double v = 0.0;
    assert_int_equal(flow_i_numparse_fast(buf, 4, &v), 1);
    assert_true(v == 1.23);
    assert_int_equal(flow_i_numparse_fast(buf, 10, &v), 0); /* "1.2345678," */
    assert_int_equal(flow_i_numparse_fast(buf, 0, &v), 0);
    /* A field longer than the fallback's stack buffer. */
    char longer[400];
    memset(longer, '0', sizeof longer);
    longer[0] = '1';
    longer[1] = '.';
    longer[sizeof longer - 1] = '7';
    assert_same_as_strtod(longer, sizeof longer);
}

/* splitmix64, so the random cases are the same on every run. */
/* A random decimal: sign, 1-25 digits, maybe a point, maybe an exponent. */
static size_t random_decimal(uint64_t *state, char *buf)
{
    size_t n = 0;
    uint64_t r = flow_test_next_u64(state);
    if (r % 4 == 0) {
        buf[n++] = r % 8 == 0 ? '-' : '+';
    }
    int digits = 1 + (int)(flow_test_next_u64(state) % 25);
    int point = (int)(flow_test_next_u64(state) % (uint64_t)(digits + 2)) - 1; /* -1: none */
    for (int d = 0; d < digits; d++) {
        if (d == point) {
            buf[n++] = '.';
        }
        buf[n++] = (char)('0' + flow_test_next_u64(state) % 10);
    }
    if (point == digits) {
        buf[n++] = '.';
    }
    if (flow_test_next_u64(state) % 3 == 0) {
        buf[n++] = flow_test_next_u64(state) % 2 ? 'e' : 'E';
        int e = (int)(flow_test_next_u64(state) % 80) - 40;
        n += (size_t)sprintf(buf + n, "%d", e);
    }
    return n;
}

static void test_random_decimals_match_strtod(void **state)
{
    (void)state;
    uint64_t rng = 20240101;
    char buf[64];
    for (int i = 0; i < 300000; i++) {
        size_t len = random_decimal(&rng, buf);
        assert_same_as_strtod(buf, len);
    }
}

static void test_random_three_decimal_values_match_strtod(void **state)
{
    (void)state;
    /* The generated BACI values: up to 12 integer digits, exactly 3 decimals. */
    uint64_t rng = 7;
    char buf[64];
    int fast = 0;
    for (int i = 0; i < 300000; i++) {
        uint64_t milli = flow_test_next_u64(&rng) % UINT64_C(1000000000000000);
        int len = snprintf(buf, sizeof buf, "%llu.%03llu", (unsigned long long)(milli / 1000),
                           (unsigned long long)(milli % 1000));
        double v;
        fast += flow_i_numparse_fast(buf, (size_t)len, &v);
        assert_same_as_strtod(buf, (size_t)len);
    }
    assert_int_equal(fast, 300000); /* all of them are fast-path shapes */
}

/*
 * flow_i_numparse_padded on s[0..len) placed in a buffer whose bytes after
 * the field are garbage (digits, points, signs, separators, anything): it
 * must agree with flow_i_numparse_fast (same decision, same bits) and, with
 * strtod when it declines, with strtod alone.
 */
static void assert_padded_same(const char *s, size_t len, uint64_t *rng)
{
    static const char garbage[] = "0123456789.-+eE,\n\r \"x\0";
    char buf[128 + FLOW_I_NUMPARSE_PAD];
    double fast = 0.0, padded = 0.0, expected = 0.0;
    assert_true(len <= 128);
    memcpy(buf, s, len);
    for (size_t i = len; i < sizeof buf; i++)
        buf[i] = (char)(flow_test_next_u64(rng) % 2
                            ? garbage[flow_test_next_u64(rng) % (sizeof garbage - 1)]
                            : (char)flow_test_next_u64(rng));
    int got_fast = flow_i_numparse_fast(buf, len, &fast);
    int got_padded = flow_i_numparse_padded(buf, len, &padded);
    if (got_fast != got_padded || (got_fast && memcmp(&fast, &padded, sizeof fast) != 0))
        fail_msg("'%.*s': padded %d %.17g, fast %d %.17g", (int)len, s, got_padded, padded,
                 got_fast, fast);
    int want = reference(s, len, &expected);
    if (!got_padded)
        got_padded = reference(s, len, &padded);
    if (got_padded != want || (want && memcmp(&expected, &padded, sizeof expected) != 0))
        fail_msg("'%.*s': padded or strtod %.17g, strtod %.17g", (int)len, s, padded, expected);
}

static void test_padded_matches_fast_and_strtod(void **state)
{
    (void)state;
    uint64_t rng = 42;
    char buf[64];
    static const char *cases[] = {"0",
                                  "-0",
                                  "1",
                                  "-1",
                                  ".5",
                                  "5.",
                                  "-.5",
                                  "-5.",
                                  ".",
                                  "-",
                                  "-.",
                                  "0.1",
                                  "2.675",
                                  "12345678",
                                  "123456789",
                                  "12345678.12345678",
                                  "1234567.12345678",
                                  "-1234567.1234567",
                                  "12345678.1234567",
                                  "99999999.99999999",
                                  "9007199254740992",
                                  "9007199254740993",
                                  "0.00000001",
                                  "0.000000001",
                                  "00000000.00000001",
                                  "1.2.3",
                                  "1e5",
                                  "1-2",
                                  "--1",
                                  "+1",
                                  "1,5",
                                  " 1",
                                  "1 ",
                                  "0x10",
                                  "nan",
                                  "inf",
                                  "1234567890123456",
                                  "12345678901234567",
                                  "0.409643",
                                  "5.89646",
                                  "52.1513",
                                  "0.0685796",
                                  "503.803",
                                  "-0.15859"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int k = 0; k < 64; k++)
            assert_padded_same(cases[i], strlen(cases[i]), &rng);
    /* Random decimals of every shape, and the %.6g cells of a database table. */
    for (int i = 0; i < 300000; i++) {
        size_t len = random_decimal(&rng, buf);
        assert_padded_same(buf, len, &rng);
        double v = (double)(flow_test_next_u64(&rng) % 100000000) / 1e3 *
                   (flow_test_next_u64(&rng) % 2 ? 1.0 : 1e-4) *
                   (flow_test_next_u64(&rng) % 8 ? 1.0 : -1.0);
        int n = snprintf(buf, sizeof buf, "%.*g", 1 + (int)(flow_test_next_u64(&rng) % 16), v);
        assert_padded_same(buf, (size_t)n, &rng);
    }
    /* Every digit count on each side of the point, up to 16 bytes and past. */
    for (int a = 0; a <= 10; a++)
        for (int b = -1; b <= 10; b++)
            for (int k = 0; k < 200; k++) {
                size_t n = 0;
                if (k % 3 == 0)
                    buf[n++] = '-';
                for (int d = 0; d < a; d++)
                    buf[n++] = (char)('0' + flow_test_next_u64(&rng) % 10);
                if (b >= 0)
                    buf[n++] = '.';
                for (int d = 0; d < b; d++)
                    buf[n++] = (char)('0' + flow_test_next_u64(&rng) % 10);
                assert_padded_same(buf, n, &rng);
            }
}

static void test_padded_takes_database_cells(void **state)
{
    (void)state;
    /* The shapes it exists for convert without strtod, exactly. */
    static const char *cases[] = {"0.409643", "5.89646",         "52.1513",         "0.0685796",
                                  "-12.5",    "270900",          "1234567.1234567", ".5",
                                  "-0",       "9999999.99999999"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32] = {0};
        double expected = 0.0, actual = 0.0;
        size_t len = strlen(cases[i]);
        memcpy(buf, cases[i], len);
        assert_true(reference(cases[i], len, &expected));
        if (!flow_i_numparse_padded(buf, len, &actual))
            fail_msg("'%s' should take the padded path", cases[i]);
        assert_memory_equal(&expected, &actual, sizeof expected);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edge_cases_match_strtod),
        cmocka_unit_test(test_common_shapes_take_the_fast_path),
        cmocka_unit_test(test_reads_only_len_bytes),
        cmocka_unit_test(test_random_decimals_match_strtod),
        cmocka_unit_test(test_random_three_decimal_values_match_strtod),
        cmocka_unit_test(test_padded_matches_fast_and_strtod),
        cmocka_unit_test(test_padded_takes_database_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
