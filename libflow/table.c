/*
 * table.c - the labelled dense matrix (flow_table).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A label and its group; NULL strings mean "" so unset labels cost nothing. */
struct label {
    char *name;
    char *group;
};

/* A named number that describes the table as a whole (a total, a solver). */
struct scalar {
    char *name;
    double value;
};

struct flow_table {
    int64_t rows;
    int64_t cols;
    double *values;
    struct label *row_labels;
    struct label *col_labels;
    struct scalar *scalars;
    int64_t scalar_count, scalar_cap;
};

int flow_table_new(flow_table **out, int64_t rows, int64_t cols, const double *values,
                   int64_t row_stride)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_table_new: out is NULL");
    int rc = FLOW_ERR_NOMEM;
    int64_t count = 0;
    *out = NULL;
    if (rows < 0 || cols < 0 || (values != NULL && row_stride < cols))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "table of %lld x %lld with row stride %lld is invalid", (long long)rows,
                           (long long)cols, (long long)row_stride);
    if ((rc = flow_i_mul_size(rows, cols, &count)) != FLOW_OK ||
        (values != NULL &&
         (rc = flow_i_check_in_matrix(values, rows, cols, row_stride, "table values")) != FLOW_OK))
        return rc;
    flow_table *t = flow_i_calloc(1, sizeof *t);
    if (t == NULL)
        return FLOW_ERR_NOMEM;
    t->rows = rows;
    t->cols = cols;
    t->values = flow_i_calloc(count, sizeof *t->values);
    t->row_labels = flow_i_calloc(rows, sizeof *t->row_labels);
    t->col_labels = flow_i_calloc(cols, sizeof *t->col_labels);
    if (t->values == NULL || t->row_labels == NULL || t->col_labels == NULL) {
        rc = flow_last_error_code();
        goto fail;
    }
    if (values != NULL)
        for (int64_t i = 0; i < rows; i++)
            memcpy(t->values + i * cols, values + i * row_stride, (size_t)cols * sizeof(double));
    *out = t;
    return FLOW_OK;
fail:
    flow_table_free(t);
    return rc;
}

static void free_labels(struct label *labels, int64_t count)
{
    if (labels == NULL)
        return;
    for (int64_t i = 0; i < count; i++) {
        free(labels[i].name);
        free(labels[i].group);
    }
    free(labels);
}

void flow_table_free(flow_table *table)
{
    if (table == NULL)
        return;
    free(table->values);
    free_labels(table->row_labels, table->rows);
    free_labels(table->col_labels, table->cols);
    for (int64_t i = 0; i < table->scalar_count; i++)
        free(table->scalars[i].name);
    free(table->scalars);
    free(table);
}

int64_t flow_table_rows(const flow_table *table)
{
    return table ? table->rows : 0;
}

int64_t flow_table_cols(const flow_table *table)
{
    return table ? table->cols : 0;
}

const double *flow_table_values(const flow_table *table)
{
    return table ? table->values : NULL;
}

int flow_table_copy_to(const flow_table *table, double *dst, int64_t dst_len, int64_t row_stride)
{
    if (table == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "table is NULL");
    return flow_i_copy_out_matrix(dst, dst_len, row_stride, table->values, table->rows,
                                  table->cols);
}

int flow_table_set(flow_table *table, int64_t row, int64_t col, double value)
{
    if (table == NULL || row < 0 || row >= table->rows || col < 0 || col >= table->cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "cell (%lld, %lld) is outside the table",
                           (long long)row, (long long)col);
    table->values[row * table->cols + col] = value;
    return FLOW_OK;
}

/* Replaces *slot by a copy of text (NULL text leaves it alone). */
static int replace_string(char **slot, const char *text)
{
    if (text == NULL)
        return FLOW_OK;
    char *copy = flow_i_strdup(text);
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    free(*slot);
    *slot = copy;
    return FLOW_OK;
}

static int set_label(struct label *labels, int64_t count, int64_t index, const char *name,
                     const char *group, const char *axis)
{
    if (labels == NULL || index < 0 || index >= count)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s %lld is outside the table", axis,
                           (long long)index);
    int rc = replace_string(&labels[index].name, name);
    if (rc == FLOW_OK)
        rc = replace_string(&labels[index].group, group);
    return rc;
}

int flow_table_set_row_label(flow_table *table, int64_t row, const char *label, const char *group)
{
    return set_label(table ? table->row_labels : NULL, flow_table_rows(table), row, label, group,
                     "row");
}

int flow_table_set_col_label(flow_table *table, int64_t col, const char *label, const char *group)
{
    return set_label(table ? table->col_labels : NULL, flow_table_cols(table), col, label, group,
                     "column");
}

static const char *label_text(const struct label *labels, int64_t count, int64_t index,
                              int want_group)
{
    if (labels == NULL || index < 0 || index >= count)
        return NULL;
    const char *text = want_group ? labels[index].group : labels[index].name;
    return text ? text : "";
}

const char *flow_table_row_label(const flow_table *table, int64_t row)
{
    return label_text(table ? table->row_labels : NULL, flow_table_rows(table), row, 0);
}

const char *flow_table_row_group(const flow_table *table, int64_t row)
{
    return label_text(table ? table->row_labels : NULL, flow_table_rows(table), row, 1);
}

const char *flow_table_col_label(const flow_table *table, int64_t col)
{
    return label_text(table ? table->col_labels : NULL, flow_table_cols(table), col, 0);
}

const char *flow_table_col_group(const flow_table *table, int64_t col)
{
    return label_text(table ? table->col_labels : NULL, flow_table_cols(table), col, 1);
}

static int find_label(const struct label *labels, int64_t count, const char *label,
                      const char *group, int64_t *index, const char *axis)
{
    if (index == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s lookup: index is NULL", axis);
    for (int64_t i = 0; labels != NULL && label != NULL && i < count; i++) {
        const char *name = labels[i].name ? labels[i].name : "";
        const char *grp = labels[i].group ? labels[i].group : "";
        if (strcmp(name, label) == 0 && (group == NULL || strcmp(grp, group) == 0)) {
            *index = i;
            return FLOW_OK;
        }
    }
    return flow_i_fail(FLOW_ERR_NOT_FOUND, "no %s labelled '%s'%s%s%s", axis,
                       label ? label : "(null)", group ? " in group '" : "", group ? group : "",
                       group ? "'" : "");
}

int flow_table_find_row(const flow_table *table, const char *label, const char *group,
                        int64_t *index)
{
    return find_label(table ? table->row_labels : NULL, flow_table_rows(table), label, group, index,
                      "row");
}

int flow_table_find_col(const flow_table *table, const char *label, const char *group,
                        int64_t *index)
{
    return find_label(table ? table->col_labels : NULL, flow_table_cols(table), label, group, index,
                      "column");
}

static int copy_labels(struct label *dst, const struct label *src, int64_t count)
{
    for (int64_t i = 0; i < count; i++) {
        int rc = replace_string(&dst[i].name, src[i].name);
        if (rc == FLOW_OK)
            rc = replace_string(&dst[i].group, src[i].group);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_table_slice(flow_table **out, const flow_table *table, int64_t row0, int64_t nrows,
                     int64_t col0, int64_t ncols)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_table_slice: out is NULL");
    *out = NULL;
    if (table == NULL || row0 < 0 || nrows < 0 || col0 < 0 || ncols < 0 ||
        row0 > table->rows - nrows || col0 > table->cols - ncols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "block of %lld x %lld at (%lld, %lld) is outside the table",
                           (long long)nrows, (long long)ncols, (long long)row0, (long long)col0);
    flow_table *slice = NULL;
    int rc = flow_table_new(&slice, nrows, ncols, table->values + row0 * table->cols + col0,
                            table->cols);
    if (rc == FLOW_OK)
        rc = copy_labels(slice->row_labels, table->row_labels + row0, nrows);
    if (rc == FLOW_OK)
        rc = copy_labels(slice->col_labels, table->col_labels + col0, ncols);
    if (rc != FLOW_OK) {
        flow_table_free(slice);
        return rc;
    }
    *out = slice;
    return FLOW_OK;
}

int flow_table_set_scalar(flow_table *table, const char *name, double value)
{
    if (table == NULL || name == NULL || name[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a scalar needs a table and a non-empty name");
    for (int64_t i = 0; i < table->scalar_count; i++)
        if (strcmp(table->scalars[i].name, name) == 0) {
            table->scalars[i].value = value;
            return FLOW_OK;
        }
    if (table->scalar_count == table->scalar_cap) {
        int64_t cap = table->scalar_cap ? 2 * table->scalar_cap : 8;
        struct scalar *grown = realloc(table->scalars, (size_t)cap * sizeof *grown);
        if (grown == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        table->scalars = grown;
        table->scalar_cap = cap;
    }
    char *copy = flow_i_strdup(name);
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    table->scalars[table->scalar_count++] = (struct scalar){copy, value};
    return FLOW_OK;
}

int64_t flow_table_scalar_count(const flow_table *table)
{
    return table ? table->scalar_count : 0;
}

const char *flow_table_scalar_name(const flow_table *table, int64_t i)
{
    if (table == NULL || i < 0 || i >= table->scalar_count)
        return NULL;
    return table->scalars[i].name;
}

int flow_table_scalar(const flow_table *table, const char *name, double *value)
{
    for (int64_t i = 0; table != NULL && name != NULL && i < table->scalar_count; i++)
        if (strcmp(table->scalars[i].name, name) == 0) {
            if (value != NULL)
                *value = table->scalars[i].value;
            return FLOW_OK;
        }
    return flow_i_fail(FLOW_ERR_NOT_FOUND, "the table has no scalar named '%s'",
                       name ? name : "(null)");
}

int flow_i_table_new_columns(flow_table **out, int64_t rows, int64_t cols,
                             const char *const *col_names)
{
    int rc = flow_table_new(out, rows, cols, NULL, cols);
    for (int64_t c = 0; rc == FLOW_OK && c < cols; c++)
        rc = flow_table_set_col_label(*out, c, col_names[c], NULL);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

double *flow_i_table_values(flow_table *table)
{
    return table->values;
}

int flow_i_table_adopt(flow_table **out, int64_t rows, int64_t cols, double **values)
{
    /* The zero cells flow_table_new allocates are never touched, so for a
     * large table they cost no page before they are freed. */
    int rc = flow_table_new(out, rows, cols, NULL, cols);
    if (rc != FLOW_OK)
        return rc;
    free((*out)->values);
    (*out)->values = *values;
    *values = NULL;
    return FLOW_OK;
}
