/*
 * internal.h - helpers shared by libflow's source files (never installed).
 *
 * Cross-file internal names use the flow_i_ prefix. Every helper that can
 * fail records the thread's error message itself, so callers just propagate
 * the returned status.
 */
#ifndef LIBFLOW_INTERNAL_H
#define LIBFLOW_INTERNAL_H

#include "libflow.h"

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define FLOW_I_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define FLOW_I_PRINTF(fmt_index, first_arg)
#endif

/* Records status and a printf-style message for the calling thread; returns status. */
int flow_i_fail(int status, const char *fmt, ...) FLOW_I_PRINTF(2, 3);

/* Records status with flow_strerror(status) as message (for the out-of-memory path). */
int flow_i_fail_status(int status);

/* a * b into *out; FLOW_ERR_OVERFLOW (message recorded) when it does not fit int64_t. */
int flow_i_mul_size(int64_t a, int64_t b, int64_t *out);

/*
 * Allocates count elements of elem_size bytes, zero-filled, after checking the
 * product for overflow and count >= 0. Returns NULL with the error recorded
 * (FLOW_ERR_OVERFLOW or FLOW_ERR_NOMEM); a count of 0 gives a valid 1-byte
 * allocation so that NULL always means failure.
 */
void *flow_i_calloc(int64_t count, size_t elem_size);

/* Like flow_i_calloc but not zero-filled. */
void *flow_i_malloc(int64_t count, size_t elem_size);

/*
 * Copies the first n x n cells (elem bytes each) of a square array with row
 * stride old_cap into one with row stride new_cap (growing a matrix's axis).
 */
void flow_i_relay(void *to, const void *from, int64_t n, int64_t old_cap, int64_t new_cap,
                  size_t elem);

/* Duplicates a NUL-terminated string; NULL with FLOW_ERR_NOMEM recorded on failure. */
char *flow_i_strdup(const char *s);

/* 1 when s[0..len) is well-formed UTF-8 without NUL bytes, else 0. */
int flow_i_utf8_valid(const char *s, size_t len);

/*
 * Validates a caller's row-major input matrix of rows x cols with row_stride
 * before it is read: sizes >= 0, row_stride >= cols, every offset
 * (rows-1)*row_stride + cols fits int64_t (FLOW_ERR_OVERFLOW), src non-NULL
 * unless the matrix is empty. what names the argument in messages.
 */
int flow_i_check_in_matrix(const double *src, int64_t rows, int64_t cols, int64_t row_stride,
                           const char *what);

/*
 * Validates a caller's row-major output buffer for a rows x cols result:
 * dst non-NULL, row_stride >= cols, and (rows-1)*row_stride + cols <= dst_len.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG or FLOW_ERR_BUFFER_TOO_SMALL (recorded).
 */
int flow_i_check_out_matrix(const double *dst, int64_t dst_len, int64_t row_stride, int64_t rows,
                            int64_t cols);

/*
 * Copies a dense row-major rows x cols matrix (contiguous, stride cols) into a
 * caller buffer with its own row stride, after flow_i_check_out_matrix.
 */
int flow_i_copy_out_matrix(double *dst, int64_t dst_len, int64_t row_stride, const double *src,
                           int64_t rows, int64_t cols);

/* Copies a string into a caller buffer (see flow_last_error_copy): returns strlen(src). */
int64_t flow_i_copy_out_string(char *buf, int64_t cap, const char *src);

/*
 * A new rows x cols result table, all zero, whose columns carry the given
 * lower-case names (cols strings). *out is NULL on failure.
 */
int flow_i_table_new_columns(flow_table **out, int64_t rows, int64_t cols,
                             const char *const *col_names);

/* The writable values of a table (row-major, stride cols): results fill them. */
double *flow_i_table_values(flow_table *table);

/*
 * A rows x cols table that takes over *values (malloc'ed, row-major, stride
 * cols, room for at least rows x cols) instead of copying it: *values is
 * NULL afterwards on success, untouched on failure (NULL out, error recorded).
 */
int flow_i_table_adopt(flow_table **out, int64_t rows, int64_t cols, double **values);

/* Most parts flow_i_split_rows hands out (bounds its callers' per-part state). */
#define FLOW_I_MAX_PARTS 8

/*
 * Runs fn(ctx, part, begin, end) over [0, count) cut into at most `parts`
 * (clamped to [1, FLOW_I_MAX_PARTS]) contiguous ranges, each on its own
 * thread, the calling thread taking part 0; returns when all are done. For
 * memory-bound passes over large matrices, where one core cannot use the
 * machine's bandwidth. A thread that cannot be started leaves its range to
 * the calling thread, so the call always completes; fn must not fail.
 */
void flow_i_split_rows(int64_t count, int parts,
                       void (*fn)(void *ctx, int part, int64_t begin, int64_t end), void *ctx);

#endif /* LIBFLOW_INTERNAL_H */
