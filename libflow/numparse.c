/*
 * numparse.c - exact fast path for decimal fields, strtod otherwise.
 * See numparse.h for why the fast path is exact.
 */
#include "numparse.h"

#include "bytes16.h"
#include "internal.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 10^0 .. 10^22: every one is exactly representable as a double. */
static const double exact_powers_of_ten[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define MAX_EXACT_POW10    22
#define MAX_EXACT_MANTISSA (UINT64_C(1) << 53)
/* 19 decimal digits always fit in uint64_t; more go to strtod. */
#define MAX_MANTISSA_DIGITS 19
/* Exponents beyond this are far outside the fast path: leave them to strtod. */
#define EXPONENT_CAP 100000

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * The digits and point of a long field from *p, as the fast path reads them:
 * leading zeros are not significant; more than MAX_MANTISSA_DIGITS
 * significant digits return 0 (strtod's case).
 */
static int long_mantissa(const char *s, size_t len, size_t *pos, uint64_t *mantissa, int *digits,
                         long *exponent)
{
    size_t p = *pos;
    int significant = 0;
    for (; p < len && is_digit(s[p]); p++, (*digits)++) {
        if (*mantissa == 0 && s[p] == '0')
            continue; /* leading zeros are not significant */
        if (++significant > MAX_MANTISSA_DIGITS)
            return 0;
        *mantissa = *mantissa * 10 + (uint64_t)(s[p] - '0');
    }
    if (p < len && s[p] == '.') {
        for (p++; p < len && is_digit(s[p]); p++, (*digits)++) {
            (*exponent)--;
            if (*mantissa == 0 && s[p] == '0')
                continue;
            if (++significant > MAX_MANTISSA_DIGITS)
                return 0;
            *mantissa = *mantissa * 10 + (uint64_t)(s[p] - '0');
        }
    }
    *pos = p;
    return 1;
}

int flow_i_numparse_fast(const char *s, size_t len, double *out)
{
#if FLT_EVAL_METHOD != 0
    /* With extended-precision intermediates (x87) the single operation
     * would be rounded twice; leave everything to strtod. */
    (void)s;
    (void)len;
    (void)out;
    return 0;
#else
    size_t p = 0;
    int negative = 0;
    if (p < len && (s[p] == '-' || s[p] == '+')) {
        negative = s[p] == '-';
        p++;
    }
    /*
     * Up to 19 digits in all (leading zeros included) always fit in uint64_t,
     * so the common short field needs no test per digit; longer digit
     * strings take the slower loop, which skips leading zeros.
     */
    uint64_t mantissa = 0;
    int mantissa_digits = 0;
    long exponent = 0;
    size_t start = p;
    size_t limit = len - p <= MAX_MANTISSA_DIGITS ? len : p + MAX_MANTISSA_DIGITS + 1;
    for (; p < limit && is_digit(s[p]); p++)
        mantissa = mantissa * 10 + (uint64_t)(s[p] - '0');
    if (p < limit && s[p] == '.') {
        size_t point = p++;
        for (; p < limit && is_digit(s[p]); p++)
            mantissa = mantissa * 10 + (uint64_t)(s[p] - '0');
        exponent = -(long)(p - point - 1);
        mantissa_digits = (int)(p - start - 1);
    } else {
        mantissa_digits = (int)(p - start);
    }
    if (p - start > MAX_MANTISSA_DIGITS) {
        /* 20 characters of digits and point or more: count significant digits. */
        p = start;
        mantissa = 0;
        exponent = 0;
        mantissa_digits = 0;
        if (!long_mantissa(s, len, &p, &mantissa, &mantissa_digits, &exponent))
            return 0;
    }
    if (mantissa_digits == 0) {
        return 0;
    }
    if (p < len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        int exp_negative = 0;
        if (p < len && (s[p] == '-' || s[p] == '+')) {
            exp_negative = s[p] == '-';
            p++;
        }
        if (p == len || !is_digit(s[p])) {
            return 0; /* "1e" or "1e+": strtod decides what it consumes */
        }
        long e = 0;
        for (; p < len && is_digit(s[p]); p++) {
            e = e * 10 + (s[p] - '0');
            if (e > EXPONENT_CAP) {
                return 0;
            }
        }
        exponent += exp_negative ? -e : e;
    }
    if (p != len) {
        return 0;
    }
    double value;
    if (mantissa == 0) {
        value = 0.0;
    } else if (mantissa > MAX_EXACT_MANTISSA || exponent > MAX_EXACT_POW10 ||
               exponent < -MAX_EXACT_POW10) {
        return 0;
    } else if (exponent >= 0) {
        value = (double)mantissa * exact_powers_of_ten[exponent];
    } else {
        value = (double)mantissa / exact_powers_of_ten[-exponent];
    }
    *out = negative ? -value : value;
    return 1;
#endif
}

#if FLT_EVAL_METHOD == 0 && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* 10^0 .. 10^8 as integers. */
static const uint64_t integer_powers_of_ten[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

/*
 * The value of the k <= 8 digits that end at s + end (end <= 16; sixteen
 * bytes readable from s). The eight bytes that end there (or the first
 * eight, shifted up, when end < 8) hold the digits in their top k bytes;
 * the bytes below are cleared, so they count as leading zeros. Then pairs,
 * quads and the two halves combine by multiplication.
 */
static inline uint64_t digits_value(const char *s, uint32_t end, uint32_t k)
{
    uint64_t w;
    if (k == 0)
        return 0;
    memcpy(&w, s + (end >= 8 ? end - 8 : 0), sizeof w);
    if (end < 8)
        w <<= 8 * (8 - end);
    w &= ~UINT64_C(0) << (8 * (8 - k));
    w = ((w & UINT64_C(0x0F0F0F0F0F0F0F0F)) * 2561) >> 8;
    w = ((w & UINT64_C(0x00FF00FF00FF00FF)) * 6553601) >> 16;
    return ((w & UINT64_C(0x0000FFFF0000FFFF)) * UINT64_C(42949672960001)) >> 32;
}

int flow_i_numparse_padded(const char *s, size_t len, double *out)
{
    flow_i_bytes16 v;
    if (len == 0 || len > 16)
        return flow_i_numparse_fast(s, len, out);
    memcpy(&v, s, sizeof v);
    uint32_t in = (UINT32_C(1) << len) - 1;
    uint32_t digits = flow_i_mask16((flow_i_bytes16)((flow_i_bytes16)(v - '0') < 10)) & in;
    uint32_t point = flow_i_mask16((flow_i_bytes16)(v == '.')) & in;
    uint32_t negative = s[0] == '-';
    /* Only digits, at most one point, an optional minus, at least one digit. */
    if ((digits | point | negative) != in || (point & (point - 1)) != 0 || digits == 0)
        return flow_i_numparse_fast(s, len, out);
    uint32_t at = point != 0 ? (uint32_t)__builtin_ctz(point) : (uint32_t)len;
    uint32_t int_digits = at - negative;
    uint32_t frac_digits = point != 0 ? (uint32_t)len - at - 1 : 0;
    if (int_digits > 8 || frac_digits > 8)
        return flow_i_numparse_fast(s, len, out);
    uint64_t mantissa = digits_value(s, at, int_digits) * integer_powers_of_ten[frac_digits] +
                        digits_value(s, (uint32_t)len, frac_digits);
    if (mantissa > MAX_EXACT_MANTISSA)
        return flow_i_numparse_fast(s, len, out);
    double value = (double)mantissa / exact_powers_of_ten[frac_digits];
    *out = negative ? -value : value;
    return 1;
}
#else
int flow_i_numparse_padded(const char *s, size_t len, double *out)
{
    return flow_i_numparse_fast(s, len, out);
}
#endif
