/*
 * error.c - status texts and the per-thread record of the last failure.
 *
 * The message lives in a fixed thread-local buffer so that recording an error
 * never allocates (it must work when allocation is what failed).
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define FLOW_I_ERROR_CAPACITY 1024

static _Thread_local char last_message[FLOW_I_ERROR_CAPACITY];
static _Thread_local int last_status = FLOW_OK;

const char *flow_strerror(int status)
{
    switch (status) {
        case FLOW_OK:
            return "success";
        case FLOW_ERR_INVALID_ARG:
            return "invalid argument";
        case FLOW_ERR_NOMEM:
            return "out of memory";
        case FLOW_ERR_IO:
            return "input/output error";
        case FLOW_ERR_PARSE:
            return "malformed CSV";
        case FLOW_ERR_VALUE:
            return "unacceptable value";
        case FLOW_ERR_UNKNOWN_LABEL:
            return "unknown label";
        case FLOW_ERR_DIMENSION:
            return "dimension mismatch";
        case FLOW_ERR_BUFFER_TOO_SMALL:
            return "buffer too small";
        case FLOW_ERR_OVERFLOW:
            return "size overflow";
        case FLOW_ERR_SINGULAR:
            return "singular matrix";
        case FLOW_ERR_NOT_PRODUCTIVE:
            return "system is not productive";
        case FLOW_ERR_NOT_FOUND:
            return "not found";
        case FLOW_ERR_MISSING_COLUMN:
            return "missing column";
        case FLOW_ERR_EMPTY:
            return "no data";
        case FLOW_ERR_LAPACK:
            return "LAPACK argument error";
        case FLOW_ERR_STATE:
            return "invalid state for this call";
        case FLOW_ERR_UNSUPPORTED:
            return "unsupported";
        case FLOW_ERR_CANCELLED:
            return "cancelled by the caller";
        default:
            return "unknown status";
    }
}

const char *flow_last_error(void)
{
    return last_message;
}

int flow_last_error_code(void)
{
    return last_status;
}

int64_t flow_last_error_copy(char *buf, int64_t cap)
{
    return flow_i_copy_out_string(buf, cap, last_message);
}

int flow_i_fail(int status, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, args);
    va_end(args);
    last_status = status;
    return status;
}

int flow_error_set(int status, const char *message)
{
    return flow_i_fail(status, "%s", message != NULL ? message : flow_strerror(status));
}

int flow_i_fail_status(int status)
{
    return flow_i_fail(status, "%s", flow_strerror(status));
}

int64_t flow_i_copy_out_string(char *buf, int64_t cap, const char *src)
{
    size_t len = strlen(src);
    if (buf != NULL && cap > 0) {
        size_t n = len < (size_t)(cap - 1) ? len : (size_t)(cap - 1);
        memcpy(buf, src, n);
        buf[n] = '\0';
    }
    return (int64_t)len;
}
