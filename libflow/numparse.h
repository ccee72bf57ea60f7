/*
 * numparse.h - exact, fast conversion of CSV number fields to double (internal).
 *
 * Reading a large trade file is dominated by two costs: splitting it into
 * fields and turning the value fields into doubles. strtod is correct but
 * slow (locale lookups, arbitrary precision), and CSV fields are not
 * NUL-terminated. Most numbers in trade data are short decimals such as
 * "1234.567": an integer mantissa m <= 2^53 and a power of ten 10^e with
 * |e| <= 22. Both are exact doubles, so m * 10^e or m / 10^-e is a single
 * IEEE operation and hence correctly rounded (Clinger 1990, "How to read
 * floating point numbers accurately"): the same bits strtod returns. Anything
 * else is left to strtod by the reader (flow_i_parse_double), so the result
 * is always strtod's.
 */
#ifndef LIBFLOW_NUMPARSE_H
#define LIBFLOW_NUMPARSE_H

#include <stddef.h>

/*
 * The fast path alone. Converts s[0..len) when it is a plain decimal
 * ([+-]digits[.digits][(e|E)[+-]digits], at least one mantissa digit) that
 * Clinger's condition makes exact; stores the value in *out and returns 1.
 * Returns 0, leaving *out alone, for anything else (including text that is
 * not a number): the caller must then use the general path.
 * Reads exactly len bytes; s need not be NUL-terminated. Thread-safe.
 */
int flow_i_numparse_fast(const char *s, size_t len, double *out);

/* Bytes flow_i_numparse_padded may read from s, whatever len is. */
#define FLOW_I_NUMPARSE_PAD 16

/*
 * The same conversion (same values, same fields accepted) for a field from
 * which FLOW_I_NUMPARSE_PAD bytes can be read, as every CSV record field can.
 * The shape of nearly every cell of a database table - [-]digits[.digits],
 * at most 8 digits on each side of the point, 16 bytes in all - is checked
 * and converted sixteen bytes at a time, without a branch per digit: the
 * digits become one integer mantissa m (at most 16 digits, so m < 10^16 is
 * exact in uint64_t) and the value is m / 10^f for the f digits after the
 * point, the single correctly rounded operation of Clinger's fast path when
 * m <= 2^53. Any other field goes to flow_i_numparse_fast. Thread-safe.
 */
int flow_i_numparse_padded(const char *s, size_t len, double *out);

#endif /* LIBFLOW_NUMPARSE_H */
