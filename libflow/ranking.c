/*
 * ranking.c - top-k orderings of index vectors and matrices (NaN skipped),
 * for "most asymmetric dyads", "most concentrated importers" and "strongest
 * dependencies of one economy".
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>

struct ranked {
    double value;
    int64_t position; /* row-major position: breaks ties, stays stable */
};

static int by_value_descending(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return (x->position > y->position) - (x->position < y->position);
}

static int by_value_ascending(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return (x->position > y->position) - (x->position < y->position);
}

/*
 * Sorts the non-NaN entries of a rows x cols matrix into *sorted (caller
 * frees) and stores their number in *count.
 */
static int rank_entries(struct ranked **sorted, int64_t *count, const double *m, int64_t rows,
                        int64_t cols, int64_t row_stride, int descending)
{
    int rc;
    int64_t cells = 0;
    if ((rc = flow_i_mul_size(rows, cols, &cells)) != FLOW_OK ||
        (rc = flow_i_check_in_matrix(m, rows, cols, row_stride, "values to rank")) != FLOW_OK)
        return rc;
    struct ranked *r = flow_i_malloc(cells, sizeof *r);
    if (r == NULL)
        return flow_last_error_code();
    int64_t k = 0;
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++)
            if (!isnan(m[i * row_stride + j]))
                r[k++] = (struct ranked){m[i * row_stride + j], i * cols + j};
    qsort(r, (size_t)k, sizeof *r, descending ? by_value_descending : by_value_ascending);
    *sorted = r;
    *count = k;
    return FLOW_OK;
}

static int check_rank_args(const void *dst, const void *dst2, int64_t cap, const int64_t *count)
{
    if (cap < 0 || count == NULL || (cap > 0 && (dst == NULL || dst2 == NULL)))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "ranking: negative capacity or NULL output");
    return FLOW_OK;
}

int flow_rank_vector(int64_t *dst, int64_t cap, int64_t *out_count, const double *values, int64_t n,
                     int descending)
{
    struct ranked *r = NULL;
    int64_t k = 0;
    int rc = check_rank_args(dst, dst, cap, out_count);
    if (rc != FLOW_OK)
        return rc;
    if (n < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "ranking: negative length %lld", (long long)n);
    if ((rc = rank_entries(&r, &k, values, 1, n, n, descending)) != FLOW_OK)
        return rc;
    *out_count = k < cap ? k : cap;
    for (int64_t i = 0; i < *out_count; i++)
        dst[i] = r[i].position;
    free(r);
    return FLOW_OK;
}

int flow_rank_matrix(int64_t *dst_rows, int64_t *dst_cols, int64_t cap, int64_t *out_count,
                     const double *m, int64_t rows, int64_t cols, int descending)
{
    struct ranked *r = NULL;
    int64_t k = 0;
    int rc = check_rank_args(dst_rows, dst_cols, cap, out_count);
    if (rc != FLOW_OK)
        return rc;
    if (rows < 0 || cols < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "ranking: bad shape %lld x %lld", (long long)rows,
                           (long long)cols);
    if ((rc = rank_entries(&r, &k, m, rows, cols, cols, descending)) != FLOW_OK)
        return rc;
    *out_count = k < cap ? k : cap;
    for (int64_t i = 0; i < *out_count; i++) {
        dst_rows[i] = r[i].position / cols;
        dst_cols[i] = r[i].position % cols;
    }
    free(r);
    return FLOW_OK;
}
