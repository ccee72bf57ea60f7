/*
 * memory.c - checked allocation and caller-buffer copy-out helpers.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int flow_i_mul_size(int64_t a, int64_t b, int64_t *out)
{
    if (a < 0 || b < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "negative size (%lld x %lld)", (long long)a,
                           (long long)b);
    if (a != 0 && b > INT64_MAX / a)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "size %lld x %lld overflows", (long long)a,
                           (long long)b);
    *out = a * b;
    return FLOW_OK;
}

static int checked_bytes(int64_t count, size_t elem_size, size_t *bytes)
{
    if (count < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "negative element count %lld", (long long)count);
    if (elem_size != 0 && (uint64_t)count > SIZE_MAX / elem_size)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "%lld elements of %zu bytes overflow size_t",
                           (long long)count, elem_size);
    *bytes = (size_t)count * elem_size;
    if (*bytes == 0)
        *bytes = 1;
    return FLOW_OK;
}

void *flow_i_calloc(int64_t count, size_t elem_size)
{
    size_t bytes = 0;
    if (checked_bytes(count, elem_size, &bytes) != FLOW_OK)
        return NULL;
    void *p = calloc(1, bytes);
    if (p == NULL)
        flow_i_fail(FLOW_ERR_NOMEM, "out of memory allocating %zu bytes", bytes);
    return p;
}

void *flow_i_malloc(int64_t count, size_t elem_size)
{
    size_t bytes = 0;
    if (checked_bytes(count, elem_size, &bytes) != FLOW_OK)
        return NULL;
    void *p = malloc(bytes);
    if (p == NULL)
        flow_i_fail(FLOW_ERR_NOMEM, "out of memory allocating %zu bytes", bytes);
    return p;
}

char *flow_i_strdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy == NULL) {
        flow_i_fail_status(FLOW_ERR_NOMEM);
        return NULL;
    }
    memcpy(copy, s, len);
    return copy;
}

int flow_i_check_out_matrix(const double *dst, int64_t dst_len, int64_t row_stride, int64_t rows,
                            int64_t cols)
{
    if (dst == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "output buffer is NULL");
    if (rows < 0 || cols < 0 || row_stride < cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "row stride %lld is smaller than the %lld columns of the result",
                           (long long)row_stride, (long long)cols);
    if (rows == 0 || cols == 0)
        return FLOW_OK;
    int64_t needed = 0;
    if (flow_i_mul_size(rows - 1, row_stride, &needed) != FLOW_OK || needed > INT64_MAX - cols)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "output buffer size overflows");
    needed += cols;
    if (dst_len < needed)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL,
                           "output buffer holds %lld doubles, the %lld x %lld result needs %lld",
                           (long long)dst_len, (long long)rows, (long long)cols, (long long)needed);
    return FLOW_OK;
}

int flow_i_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p++;
        int more = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : -1;
        if (more < 0 || c == 0 || c == 0xC0 || c == 0xC1 || c > 0xF4 || end - p < more)
            return 0;
        unsigned cp = more == 0 ? c : c & (0x3Fu >> more);
        for (int k = 0; k < more; k++, p++) {
            if ((*p & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (*p & 0x3Fu);
        }
        /* overlong forms, surrogates and code points beyond U+10FFFF */
        if ((more == 2 && cp < 0x800) || (more == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    return 1;
}

int flow_i_check_in_matrix(const double *src, int64_t rows, int64_t cols, int64_t row_stride,
                           const char *what)
{
    int64_t reach = 0;
    if (rows < 0 || cols < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: negative size %lld x %lld", what,
                           (long long)rows, (long long)cols);
    if (row_stride < cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "%s: row stride %lld is smaller than its %lld columns", what,
                           (long long)row_stride, (long long)cols);
    if (rows == 0 || cols == 0)
        return FLOW_OK;
    if (flow_i_mul_size(rows - 1, row_stride, &reach) != FLOW_OK || reach > INT64_MAX - cols)
        return flow_i_fail(FLOW_ERR_OVERFLOW, "%s: %lld rows of stride %lld overflow", what,
                           (long long)rows, (long long)row_stride);
    if (src == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s is NULL", what);
    return FLOW_OK;
}

int flow_i_copy_out_matrix(double *dst, int64_t dst_len, int64_t row_stride, const double *src,
                           int64_t rows, int64_t cols)
{
    int rc = flow_i_check_out_matrix(dst, dst_len, row_stride, rows, cols);
    if (rc != FLOW_OK)
        return rc;
    if (row_stride == cols) {
        memcpy(dst, src, (size_t)(rows * cols) * sizeof *dst);
        return FLOW_OK;
    }
    for (int64_t i = 0; i < rows; i++)
        memcpy(dst + i * row_stride, src + i * cols, (size_t)cols * sizeof *dst);
    return FLOW_OK;
}

void flow_i_relay(void *to, const void *from, int64_t n, int64_t old_cap, int64_t new_cap,
                  size_t elem)
{
    for (int64_t i = 0; i < n; i++)
        memcpy((char *)to + (size_t)(i * new_cap) * elem,
               (const char *)from + (size_t)(i * old_cap) * elem, (size_t)n * elem);
}
