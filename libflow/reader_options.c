/*
 * reader_options.c - the options handle of the CSV readers and its presets.
 */
#include "reader_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Most threads one read may use. */
#define MAX_THREADS 256

static const char *const generic_columns[FLOW_I_ROLES] = {
    "origin",  "destination", "value", "year",     "layer",
    "product", "unit",        "flow",  "quantity", "kind"};
static const char *const baci_columns[FLOW_I_ROLES] = {"i", "j",  "v",  "t", NULL,
                                                       "k", NULL, NULL, "q"};
static const char *const comtrade_columns[FLOW_I_ROLES] = {
    "reporterISO", "partnerISO", "primaryValue", "refYear", NULL,
    "cmdCode",     NULL,         "flowCode",     "netWgt"};
/* Unit of each preset's quantity column (BACI's q: tonnes; Comtrade's net weight: kg). */
static const char *const quantity_units[FLOW_PRESET_COUNT] = {"", "t", "kg"};
/* A read buffer is allocated whole; a record only as long as it is. */
#define MAX_BUFFER ((int64_t)1 << 30)
#define MAX_LINE   ((int64_t)1 << 32)

static const char *const default_missing[] = {"", "NA", "N/A", "..", "---"};

static void strlist_clear(struct flow_i_strlist *l)
{
    for (int64_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int strlist_add(struct flow_i_strlist *l, const char *s)
{
    if (s == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "NULL string");
    char **items = realloc(l->items, (size_t)(l->count + 1) * sizeof *items);
    if (items == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    l->items = items;
    if ((items[l->count] = flow_i_strdup(s)) == NULL)
        return FLOW_ERR_NOMEM;
    l->count++;
    return FLOW_OK;
}

/* Replaces *slot with a copy of s (NULL or "" clears it). */
static int set_string(char **slot, const char *s)
{
    char *copy = NULL;
    if (s != NULL && s[0] != '\0' && (copy = flow_i_strdup(s)) == NULL)
        return FLOW_ERR_NOMEM;
    free(*slot);
    *slot = copy;
    return FLOW_OK;
}

static int set_columns(flow_read_options *o, const char *const names[FLOW_I_ROLES])
{
    for (int r = 0; r < FLOW_I_ROLES; r++) {
        int rc = set_string(&o->columns[r], names[r]);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_read_options_new(flow_read_options **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_read_options_new: out is NULL");
    flow_read_options *o = flow_i_calloc(1, sizeof *o);
    int rc = FLOW_ERR_NOMEM;
    *out = NULL;
    if (o == NULL)
        return rc;
    o->decimal = '.';
    o->scale = 1.0;
    o->max_rejects_kept = 20;
    o->buffer_size = (int64_t)1 << 20;
    o->max_line = (int64_t)16 << 20;
    o->label_rows = 1;
    o->label_cols = 1;
    o->col_group_row = -1;
    o->row_group_col = -1;
    o->wide_filter_col = -1;
    o->wide_block = 1;
    o->wide_block_count = 1;
    if ((rc = set_columns(o, generic_columns)) != FLOW_OK ||
        (rc = set_string(&o->default_layer, "trade")) != FLOW_OK)
        goto fail;
    for (size_t i = 0; i < sizeof default_missing / sizeof default_missing[0]; i++)
        if ((rc = strlist_add(&o->missing_tokens, default_missing[i])) != FLOW_OK)
            goto fail;
    *out = o;
    return FLOW_OK;
fail:
    flow_read_options_free(o);
    return rc;
}

int flow_i_default_options(flow_read_options **out)
{
    return flow_read_options_new(out);
}

int flow_i_options_or_default(const flow_read_options **opts, flow_read_options **defaults)
{
    *defaults = NULL;
    if (*opts != NULL)
        return FLOW_OK;
    int rc = flow_i_default_options(defaults);
    *opts = *defaults;
    return rc;
}

void flow_read_options_free(flow_read_options *o)
{
    if (o == NULL)
        return;
    for (int r = 0; r < FLOW_I_ROLES; r++)
        free(o->columns[r]);
    strlist_clear(&o->missing_tokens);
    strlist_clear(&o->product_prefixes);
    strlist_clear(&o->layers);
    free(o->default_layer);
    free(o->unit);
    free(o->years);
    free(o->wide_filter_value);
    free(o->mirror_layer);
    free(o->quantity_layer);
    free(o->quantity_unit);
    free(o);
}

#define CHECK_OPTS(o)                                                                              \
    do {                                                                                           \
        if ((o) == NULL)                                                                           \
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s: NULL options", __func__);                \
    } while (0)

int flow_read_options_set_preset(flow_read_options *o, int preset)
{
    int rc = FLOW_OK;
    CHECK_OPTS(o);
    switch (preset) {
        case FLOW_PRESET_GENERIC:
            rc = set_columns(o, generic_columns);
            o->scale = 1.0;
            if (rc == FLOW_OK)
                rc = set_string(&o->unit, NULL);
            break;
        case FLOW_PRESET_BACI:
            /* BACI's v is in thousands of current US dollars. */
            rc = set_columns(o, baci_columns);
            o->scale = 1000.0;
            if (rc == FLOW_OK)
                rc = set_string(&o->unit, "USD");
            break;
        case FLOW_PRESET_COMTRADE:
            rc = set_columns(o, comtrade_columns);
            o->scale = 1.0;
            if (rc == FLOW_OK)
                rc = set_string(&o->unit, "USD");
            break;
        default:
            return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown preset %d", preset);
    }
    o->preset = preset;
    if (rc == FLOW_OK)
        rc = set_string(&o->default_layer, "trade");
    if (rc == FLOW_OK)
        rc = set_string(&o->quantity_unit, quantity_units[preset]);
    return rc;
}

int flow_read_options_set_column(flow_read_options *o, int role, const char *name)
{
    CHECK_OPTS(o);
    if (role < 0 || role >= FLOW_I_ROLES)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown column role %d", role);
    return set_string(&o->columns[role], name);
}

int flow_read_options_set_delimiter(flow_read_options *o, int delimiter)
{
    CHECK_OPTS(o);
    if (delimiter != 0 && delimiter != ',' && delimiter != ';' && delimiter != '\t' &&
        delimiter != '|')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unsupported delimiter %d", delimiter);
    o->delimiter = delimiter;
    return FLOW_OK;
}

int flow_read_options_set_number_format(flow_read_options *o, int thousands, int decimal)
{
    CHECK_OPTS(o);
    if ((thousands != 0 && thousands != ',' && thousands != '.' && thousands != ' ' &&
         thousands != '\'') ||
        (decimal != '.' && decimal != ',') || thousands == decimal)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "unsupported number format: thousands %d, decimal %d", thousands,
                           decimal);
    o->thousands = thousands;
    o->decimal = decimal;
    return FLOW_OK;
}

int flow_read_options_clear_missing_tokens(flow_read_options *o)
{
    CHECK_OPTS(o);
    strlist_clear(&o->missing_tokens);
    return FLOW_OK;
}

int flow_read_options_add_missing_token(flow_read_options *o, const char *token)
{
    CHECK_OPTS(o);
    return strlist_add(&o->missing_tokens, token);
}

int flow_read_options_set_missing(flow_read_options *o, int policy)
{
    CHECK_OPTS(o);
    if (policy != FLOW_MISSING_ZERO && policy != FLOW_MISSING_SKIP && policy != FLOW_MISSING_REJECT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown missing-value policy %d", policy);
    o->missing_policy = policy;
    return FLOW_OK;
}

int flow_read_options_set_scale(flow_read_options *o, double scale)
{
    CHECK_OPTS(o);
    if (!(isfinite(scale) && scale > 0))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "scale must be finite and > 0, not %g", scale);
    o->scale = scale;
    return FLOW_OK;
}

int flow_read_options_set_allow_negative(flow_read_options *o, int allow)
{
    CHECK_OPTS(o);
    o->allow_negative = allow != 0;
    return FLOW_OK;
}

int flow_read_options_set_unknown_codes(flow_read_options *o, int policy)
{
    CHECK_OPTS(o);
    if (policy != FLOW_UNKNOWN_REJECT && policy != FLOW_UNKNOWN_ADD)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown unknown-code policy %d", policy);
    o->unknown_policy = policy;
    return FLOW_OK;
}

int flow_read_options_set_strict(flow_read_options *o, int strict)
{
    CHECK_OPTS(o);
    o->strict = strict != 0;
    return FLOW_OK;
}

int flow_read_options_set_max_rejects_kept(flow_read_options *o, int64_t count)
{
    CHECK_OPTS(o);
    if (count < 0)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "negative reject count %lld", (long long)count);
    o->max_rejects_kept = count;
    return FLOW_OK;
}

/* Sets *slot to bytes when it lies in [lo, hi]; what names the setting in the failure. */
static int set_bytes(int64_t *slot, int64_t bytes, int64_t lo, int64_t hi, const char *what)
{
    if (bytes < lo || bytes > hi)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "%s %lld out of range", what, (long long)bytes);
    *slot = bytes;
    return FLOW_OK;
}

int flow_read_options_set_buffer_size(flow_read_options *o, int64_t bytes)
{
    CHECK_OPTS(o);
    return set_bytes(&o->buffer_size, bytes, 1, MAX_BUFFER, "buffer size");
}

int flow_read_options_set_max_line(flow_read_options *o, int64_t bytes)
{
    CHECK_OPTS(o);
    return set_bytes(&o->max_line, bytes, 16, MAX_LINE, "line limit");
}

int flow_read_options_set_progress(flow_read_options *o, flow_progress_fn fn, void *userdata)
{
    CHECK_OPTS(o);
    o->progress = fn;
    o->progress_userdata = userdata;
    return FLOW_OK;
}

int flow_read_options_set_default_layer(flow_read_options *o, const char *layer)
{
    CHECK_OPTS(o);
    if (layer == NULL || layer[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a layer needs a name");
    return set_string(&o->default_layer, layer);
}

int flow_read_options_set_default_year(flow_read_options *o, int64_t year)
{
    CHECK_OPTS(o);
    o->default_year = year;
    return FLOW_OK;
}

int flow_read_options_set_unit(flow_read_options *o, const char *unit)
{
    CHECK_OPTS(o);
    return set_string(&o->unit, unit);
}

int flow_read_options_add_year(flow_read_options *o, int64_t year)
{
    CHECK_OPTS(o);
    int64_t *years = realloc(o->years, (size_t)(o->year_count + 1) * sizeof *years);
    if (years == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    years[o->year_count++] = year;
    o->years = years;
    return FLOW_OK;
}

int flow_read_options_add_product_prefix(flow_read_options *o, const char *prefix)
{
    CHECK_OPTS(o);
    return strlist_add(&o->product_prefixes, prefix);
}

int flow_read_options_add_layer(flow_read_options *o, const char *layer)
{
    CHECK_OPTS(o);
    return strlist_add(&o->layers, layer);
}

int flow_read_options_clear_filters(flow_read_options *o)
{
    CHECK_OPTS(o);
    free(o->years);
    o->years = NULL;
    o->year_count = 0;
    strlist_clear(&o->product_prefixes);
    strlist_clear(&o->layers);
    return FLOW_OK;
}

int flow_read_options_set_wide_layout(flow_read_options *o, int64_t label_rows, int64_t label_cols,
                                      int64_t col_label_row, int64_t col_group_row,
                                      int64_t row_label_col, int64_t row_group_col)
{
    CHECK_OPTS(o);
    if (label_rows < 0 || label_cols < 0 || col_label_row < -1 || col_label_row >= label_rows ||
        col_group_row < -1 || col_group_row >= label_rows || row_label_col < -1 ||
        row_label_col >= label_cols || row_group_col < -1 || row_group_col >= label_cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "wide layout: label rows/cols %lld/%lld do not hold the chosen label "
                           "row %lld/%lld and column %lld/%lld",
                           (long long)label_rows, (long long)label_cols, (long long)col_label_row,
                           (long long)col_group_row, (long long)row_label_col,
                           (long long)row_group_col);
    o->label_rows = label_rows;
    o->label_cols = label_cols;
    o->col_label_row = col_label_row;
    o->col_group_row = col_group_row;
    o->row_label_col = row_label_col;
    o->row_group_col = row_group_col;
    return FLOW_OK;
}

int flow_read_options_set_wide_row_filter(flow_read_options *o, int64_t label_col,
                                          const char *value)
{
    CHECK_OPTS(o);
    if (value != NULL && (label_col < 0 || label_col >= o->label_cols))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "row filter column %lld is not a label column",
                           (long long)label_col);
    o->wide_filter_col = value != NULL ? label_col : -1;
    if (value == NULL) {
        free(o->wide_filter_value);
        o->wide_filter_value = NULL;
        return FLOW_OK;
    }
    char *copy = flow_i_strdup(value);
    if (copy == NULL)
        return FLOW_ERR_NOMEM;
    free(o->wide_filter_value);
    o->wide_filter_value = copy;
    return FLOW_OK;
}

int flow_read_options_set_threads(flow_read_options *opts, int64_t threads)
{
    if (opts == NULL || threads < 0 || threads > MAX_THREADS)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_read_options_set_threads: threads must be in [0, %d], got %lld",
                           MAX_THREADS, (long long)threads);
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online < 1 ? 1 : online > MAX_THREADS ? MAX_THREADS : online;
    }
    opts->threads = threads;
    return FLOW_OK;
}

int flow_read_options_set_mirror_layer(flow_read_options *o, const char *layer)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_read_options_set_mirror_layer: NULL");
    char *copy = (layer && layer[0]) ? flow_i_strdup(layer) : NULL;
    if (layer && layer[0] && copy == NULL)
        return FLOW_ERR_NOMEM;
    free(o->mirror_layer);
    o->mirror_layer = copy;
    return FLOW_OK;
}

int flow_read_options_set_mirror_policy(flow_read_options *o, int policy)
{
    if (o == NULL || policy < 0 || policy >= FLOW_MIRROR_POLICY_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_read_options_set_mirror_policy: NULL options or policy %d outside "
                           "[0, %d)",
                           policy, FLOW_MIRROR_POLICY_COUNT);
    o->mirror_policy = policy;
    return FLOW_OK;
}

int flow_read_options_set_quantity_layer(flow_read_options *o, const char *layer, const char *unit)
{
    CHECK_OPTS(o);
    int rc = set_string(&o->quantity_layer, layer);
    if (rc == FLOW_OK && unit != NULL)
        rc = set_string(&o->quantity_unit, unit);
    return rc;
}

int flow_read_options_set_wide_row_blocks(flow_read_options *o, int64_t block, int64_t count,
                                          int64_t index)
{
    CHECK_OPTS(o);
    if (block < 1 || count < 1 || index < 0 || index >= count)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "row blocks: block %lld, count %lld, index %lld (block, count >= 1, "
                           "0 <= index < count)",
                           (long long)block, (long long)count, (long long)index);
    o->wide_block = block;
    o->wide_block_count = count;
    o->wide_block_index = index;
    return FLOW_OK;
}

int flow_i_strict_code_options(flow_read_options **out, int add_unknown)
{
    int rc = flow_read_options_new(out);
    if (rc == FLOW_OK)
        rc = flow_read_options_set_strict(*out, 1);
    if (rc == FLOW_OK)
        rc = flow_read_options_set_unknown_codes(*out, add_unknown ? FLOW_UNKNOWN_ADD
                                                                   : FLOW_UNKNOWN_REJECT);
    if (rc != FLOW_OK) {
        flow_read_options_free(*out);
        *out = NULL;
    }
    return rc;
}
