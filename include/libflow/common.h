/*
 * libflow/common.h - export macro, status codes and error reporting.
 *
 * Every fallible libflow function returns an int status: 0 (FLOW_OK) on
 * success, a negative flow_status code on failure. Positive values are
 * reserved for non-error information. Codes are never renumbered or reused.
 *
 * On failure the library also records a detailed, human-readable message for
 * the calling thread (flow_last_error). The library never aborts, exits or
 * prints.
 *
 * Misuse (docs/robustness.md): every function checks its pointer arguments
 * and sizes before it reads caller memory or calls BLAS/LAPACK. A NULL
 * pointer the function needs is FLOW_ERR_INVALID_ARG; sizes or strides whose
 * products overflow int64_t (or LAPACK's integer) are FLOW_ERR_OVERFLOW;
 * negative sizes are FLOW_ERR_INVALID_ARG. A size of 0 gives an empty result
 * (nothing written, FLOW_OK), or FLOW_ERR_INVALID_ARG / FLOW_ERR_EMPTY where
 * an empty input has no meaning (an IO model needs a sector); it never
 * reaches LAPACK. Each function with a dimension parameter states which, as
 * "n = 0 gives ..." or "n = 0 is ..." in its comment (tests/misuse checks
 * every such statement). A constructor sets *out = NULL on every failure path.
 * Running out of memory,
 * including address space for OpenBLAS's work buffers, is FLOW_ERR_NOMEM.
 */
#ifndef LIBFLOW_COMMON_H
#define LIBFLOW_COMMON_H

#include <stdint.h>

#if defined(_WIN32) && defined(FLOW_BUILDING_DLL)
#define FLOW_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(FLOW_STATIC)
#define FLOW_API __declspec(dllimport)
#elif defined(__GNUC__) && defined(FLOW_BUILDING_LIBRARY)
#define FLOW_API __attribute__((visibility("default")))
#else
#define FLOW_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Stable: values are part of the ABI. */
typedef enum flow_status {
    FLOW_OK = 0,
    FLOW_ERR_INVALID_ARG = -1,      /* NULL handle, bad enum value, out-of-range index */
    FLOW_ERR_NOMEM = -2,            /* allocation failed */
    FLOW_ERR_IO = -3,               /* a file could not be opened, read or written */
    FLOW_ERR_PARSE = -4,            /* malformed CSV: ragged row, unterminated quote, ... */
    FLOW_ERR_VALUE = -5,            /* a field is not an acceptable number (text, NaN, Inf, < 0) */
    FLOW_ERR_UNKNOWN_LABEL = -6,    /* an economy/sector code that no label set knows */
    FLOW_ERR_DIMENSION = -7,        /* sizes of matrices, vectors or labels do not agree */
    FLOW_ERR_BUFFER_TOO_SMALL = -8, /* a caller buffer cannot hold the result */
    FLOW_ERR_OVERFLOW = -9,         /* a size overflows int64_t, size_t or lapack_int */
    FLOW_ERR_SINGULAR = -10,        /* a matrix to factor or solve with is singular */
    FLOW_ERR_NOT_PRODUCTIVE = -11,  /* an input-output system has no non-negative solution */
    FLOW_ERR_NOT_FOUND = -12,       /* a requested layer, year, label or key does not exist */
    FLOW_ERR_MISSING_COLUMN = -13,  /* a required CSV column is absent from the header */
    FLOW_ERR_EMPTY = -14,           /* a file or table holds no data */
    FLOW_ERR_LAPACK = -15,          /* LAPACK reported an illegal argument (a libflow bug) */
    FLOW_ERR_STATE = -16,           /* the call is not valid in the handle's current state */
    FLOW_ERR_UNSUPPORTED = -17,     /* the operation or format is not supported */
    FLOW_ERR_CANCELLED = -18        /* the caller stopped the call (a progress callback) */
} flow_status;

/*
 * Static English description of a status code ("out of memory", ...).
 * Unknown codes give "unknown status". Never NULL. Thread-safe.
 */
FLOW_API const char *flow_strerror(int status);

/*
 * Detailed message of the most recent failure on the calling thread, e.g.
 *   trade.csv: line 17, column "v": 'abc' is not a number
 * The string is owned by the library and stays valid until the next libflow
 * call on the same thread. Never NULL: "" when no failure was recorded.
 * Successful calls do not clear it. Thread-safe (each thread has its own).
 */
FLOW_API const char *flow_last_error(void);

/*
 * Status code of the most recent failure on the calling thread (FLOW_OK when
 * none was recorded). Thread-safe.
 */
FLOW_API int flow_last_error_code(void);

/*
 * Copy-out form of flow_last_error for bindings. Copies at most cap-1 bytes
 * and a terminating NUL into buf (nothing when cap <= 0 or buf is NULL).
 * Returns the full length of the message in bytes, excluding the NUL, so a
 * caller can retry with a larger buffer. Thread-safe.
 */
FLOW_API int64_t flow_last_error_copy(char *buf, int64_t cap);

/*
 * Records status and message (copied, truncated to the library's message
 * size; NULL gives flow_strerror(status)) as the calling thread's last error,
 * as every failing libflow function does. For companion libraries built on
 * libflow (libflow_mpi) and bindings whose own failures should read the same
 * way. Returns status. Thread-safe.
 */
FLOW_API int flow_error_set(int status, const char *message);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_COMMON_H */
