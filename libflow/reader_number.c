/*
 * reader_number.c - the one place where CSV fields become numbers.
 *
 * Kept apart so that a faster exact parser can replace flow_i_parse_double
 * without touching the readers: the contract is the correctly rounded value
 * of the decimal text, after removing valid thousands separators.
 */
#include "numparse.h"
#include "reader_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * Copies s into buf as plain C-locale text ("-1234.5e3"), checking the
 * grammar: [sign] int-part [decimal frac] [exp]. Returns 0 when invalid.
 */
static int normalise_number(const char *s, size_t len, int thousands, int decimal, char *buf,
                            size_t cap)
{
    size_t i = 0;
    size_t o = 0;
    size_t digits = 0;
    if (len + 1 > cap)
        return 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        buf[o++] = s[i++];
    /* Integer part: digit groups, separators only between groups of three. */
    size_t group = 0;
    int grouped = 0;
    for (; i < len; i++) {
        if (is_digit(s[i])) {
            buf[o++] = s[i];
            group++;
            digits++;
        } else if (thousands != 0 && s[i] == (char)thousands && i + 1 < len && is_digit(s[i + 1])) {
            if (group == 0 || (grouped ? group != 3 : group > 3))
                return 0;
            grouped = 1;
            group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3)
        return 0;
    if (i < len && s[i] == (char)decimal) {
        buf[o++] = '.';
        for (i++; i < len && is_digit(s[i]); i++, digits++)
            buf[o++] = s[i];
    }
    if (digits == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp_digits = 0;
        buf[o++] = s[i++];
        if (i < len && (s[i] == '+' || s[i] == '-'))
            buf[o++] = s[i++];
        for (; i < len && is_digit(s[i]); i++, exp_digits++)
            buf[o++] = s[i];
        if (exp_digits == 0)
            return 0;
    }
    buf[o] = '\0';
    return i == len;
}

/* "nan", "inf", "infinity" in any case, with an optional sign. */
static int is_non_finite_word(const char *s, size_t len)
{
    static const char *const words[] = {"nan", "inf", "infinity"};
    if (len > 0 && (s[0] == '+' || s[0] == '-')) {
        s++;
        len--;
    }
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t n = strlen(words[w]);
        size_t k = 0;
        if (len != n)
            continue;
        for (k = 0; k < n; k++)
            if ((s[k] | 0x20) != words[w][k])
                break;
        if (k == n)
            return 1;
    }
    return 0;
}

int flow_i_parse_double(const char *s, size_t len, int thousands, int decimal, double *out)
{
    /* Plain decimals, nearly every field, convert exactly without strtod (numparse.h). */
    if (thousands == 0 && decimal == '.' && flow_i_numparse_fast(s, len, out))
        return FLOW_I_NUMBER_OK;
    char small[128];
    char *buf = small;
    int rc = FLOW_I_NUMBER_INVALID;
    if (is_non_finite_word(s, len))
        return FLOW_I_NUMBER_NOT_FINITE;
    if (len + 1 > sizeof small) {
        /* Absurdly long digit strings are still numbers; parse them off the stack. */
        if ((buf = malloc(len + 1)) == NULL)
            return FLOW_I_NUMBER_INVALID;
    }
    if (normalise_number(s, len, thousands, decimal, buf, len + 1)) {
        double v = strtod(buf, NULL);
        if (isfinite(v)) {
            *out = v;
            rc = FLOW_I_NUMBER_OK;
        } else {
            rc = FLOW_I_NUMBER_NOT_FINITE;
        }
    }
    if (buf != small)
        free(buf);
    return rc;
}

int flow_i_parse_int64(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    int negative = 0;
    uint64_t v = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (i == len)
        return 0;
    for (; i < len; i++) {
        if (!is_digit(s[i]))
            return 0;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (UINT64_C(9223372036854775807) - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = negative ? -(int64_t)v : (int64_t)v;
    return 1;
}
