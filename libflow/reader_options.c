/*
 * reader_options.c - the options handle of the CSV readers and its presets.
 */
#include "reader_internal.h"
#include "options_table.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Most threads one read may use. */
#define MAX_THREADS 256

static const char *const generic_columns[FLOW_I_ROLES] = {
    "origin",  "destination", "value", "year",     "layer",
    "product", "unit",        "flow",  "quantity", "layer_kind"};
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

static int strlist_add(struct flow_i_textlist *l, const char *s)
{
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
        return flow_i_read_options_check(*opts);
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
    flow_i_textlist_clear(&o->missing_tokens);
    flow_i_textlist_clear(&o->product_prefixes);
    flow_i_textlist_clear(&o->layers);
    free(o->default_layer);
    free(o->unit);
    free(o->years);
    free(o->wide_filter_value);
    free(o->mirror_layer);
    free(o->quantity_layer);
    free(o->quantity_unit);
    free(o);
}

int flow_read_options_set_progress(flow_read_options *o, flow_progress_fn fn, void *userdata)
{
    if (o == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_read_options_set_progress: NULL options");
    o->progress = fn;
    o->progress_userdata = userdata;
    return FLOW_OK;
}

/* ---------------------------------------------------------------- keys */

#define AT(field) offsetof(flow_read_options, field)
#define ANY       FLOW_I_OPTION_UNBOUNDED

static const char *const preset_words[] = {"generic", "baci", "comtrade", NULL};
static const char *const missing_words[] = {"zero", "skip", "reject", NULL};
static const char *const unknown_words[] = {"reject", "add", NULL};
static const char *const mirror_words[] = {"importer-first", "exporter-first", "importer",
                                           "exporter", NULL};

/* The preset's columns, scale, unit, default layer and quantity unit, all or none. */
static int apply_preset(void *opts, const struct flow_i_option *k, const char *v)
{
    static const char *const *const columns[FLOW_PRESET_COUNT] = {generic_columns, baci_columns,
                                                                  comtrade_columns};
    /* BACI's v is in thousands of current US dollars. */
    static const double scales[FLOW_PRESET_COUNT] = {1.0, 1000.0, 1.0};
    static const char *const units[FLOW_PRESET_COUNT] = {NULL, "USD", "USD"};
    flow_read_options *o = opts;
    int preset = flow_i_option_word(v, k->words);
    if (preset < 0)
        return flow_i_option_reject(k, v, "is not one of generic, baci, comtrade");
    /* Copies first: a failed allocation leaves the options as they were. */
    enum { UNIT = FLOW_I_ROLES, LAYER, QUNIT, STRINGS };
    const char *text[STRINGS];
    char *copy[STRINGS] = {NULL};
    for (int r = 0; r < FLOW_I_ROLES; r++)
        text[r] = columns[preset][r];
    text[UNIT] = units[preset];
    text[LAYER] = "trade";
    text[QUNIT] = quantity_units[preset];
    for (int i = 0; i < STRINGS; i++)
        if (text[i] != NULL && (copy[i] = flow_i_strdup(text[i])) == NULL) {
            for (int j = 0; j < i; j++)
                free(copy[j]);
            return FLOW_ERR_NOMEM;
        }
    char **slot[STRINGS];
    for (int r = 0; r < FLOW_I_ROLES; r++)
        slot[r] = &o->columns[r];
    slot[UNIT] = &o->unit;
    slot[LAYER] = &o->default_layer;
    slot[QUNIT] = &o->quantity_unit;
    for (int i = 0; i < STRINGS; i++) {
        free(*slot[i]);
        *slot[i] = copy[i];
    }
    o->preset = preset;
    o->scale = scales[preset];
    return FLOW_OK;
}

/*
 * A one-character setting: v is one of chars, or one of words, which stand for
 * word_chars (0: none). accepted says what is, for the message.
 */
static int apply_char(void *opts, const struct flow_i_option *k, const char *v, const char *chars,
                      const char *const *words, const int *word_chars, const char *accepted)
{
    int w = words != NULL ? flow_i_option_word(v, words) : -1;
    int c = w >= 0 ? word_chars[w] : (v[0] != '\0' && v[1] == '\0' ? v[0] : -1);
    if (c < 0 || (c != 0 && strchr(chars, c) == NULL))
        return flow_i_option_reject(k, v, "is not %s", accepted);
    *(int *)(void *)((char *)opts + k->offset) = c;
    return FLOW_OK;
}

static int apply_delimiter(void *o, const struct flow_i_option *k, const char *v)
{
    static const char *const words[] = {"", "auto", "tab", NULL};
    static const int chars[] = {0, 0, '\t'};
    return apply_char(o, k, v, ",;\t|", words, chars,
                      "',', ';', '|', a tab ('tab') or '' to detect it");
}

static int apply_thousands(void *o, const struct flow_i_option *k, const char *v)
{
    static const char *const words[] = {"", "none", "space", NULL};
    static const int chars[] = {0, 0, ' '};
    return apply_char(o, k, v, ",. '", words, chars, "',', '.', ' ', ''' or '' (none)");
}

static int apply_decimal(void *o, const struct flow_i_option *k, const char *v)
{
    return apply_char(o, k, v, ".,", NULL, NULL, "'.' or ','");
}

static int apply_threads(void *opts, const struct flow_i_option *k, const char *v)
{
    int64_t threads = 0;
    if (!flow_i_option_int(v, &threads) || threads < 0 || threads > MAX_THREADS)
        return flow_i_option_reject(k, v, "is not an integer in [0, %d]", MAX_THREADS);
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online < 1 ? 1 : online > MAX_THREADS ? MAX_THREADS : online;
    }
    ((flow_read_options *)opts)->threads = threads;
    return FLOW_OK;
}

static int apply_years(void *opts, const struct flow_i_option *k, const char *v)
{
    flow_read_options *o = opts;
    int64_t *years = NULL, count = 0;
    int rc = flow_i_option_int_list(k, v, &years, &count);
    if (rc != FLOW_OK)
        return rc;
    free(o->years);
    o->years = years;
    o->year_count = count;
    return FLOW_OK;
}

static const struct flow_i_option read_keys[] = {
    {"preset", apply_preset, AT(preset), 0, 0, preset_words},
    {"origin_column", flow_i_apply_text, AT(columns[FLOW_COL_ORIGIN]), 0, 0, NULL},
    {"destination_column", flow_i_apply_text, AT(columns[FLOW_COL_DESTINATION]), 0, 0, NULL},
    {"value_column", flow_i_apply_text, AT(columns[FLOW_COL_VALUE]), 0, 0, NULL},
    {"year_column", flow_i_apply_text, AT(columns[FLOW_COL_YEAR]), 0, 0, NULL},
    {"layer_column", flow_i_apply_text, AT(columns[FLOW_COL_LAYER]), 0, 0, NULL},
    {"product_column", flow_i_apply_text, AT(columns[FLOW_COL_PRODUCT]), 0, 0, NULL},
    {"unit_column", flow_i_apply_text, AT(columns[FLOW_COL_UNIT]), 0, 0, NULL},
    {"flow_column", flow_i_apply_text, AT(columns[FLOW_COL_FLOW]), 0, 0, NULL},
    {"quantity_column", flow_i_apply_text, AT(columns[FLOW_COL_QUANTITY]), 0, 0, NULL},
    {"kind_column", flow_i_apply_text, AT(columns[FLOW_COL_KIND]), 0, 0, NULL},
    {"delimiter", apply_delimiter, AT(delimiter), 0, 0, NULL},
    {"thousands", apply_thousands, AT(thousands), 0, 0, NULL},
    {"decimal", apply_decimal, AT(decimal), 0, 0, NULL},
    {"missing_tokens", flow_i_apply_list, AT(missing_tokens), 0, 0, NULL},
    {"missing", flow_i_apply_word, AT(missing_policy), 0, 0, missing_words},
    {"scale", flow_i_apply_double_above, AT(scale), 0, HUGE_VAL, NULL},
    {"allow_negative", flow_i_apply_switch, AT(allow_negative), 0, 0, NULL},
    {"unknown_codes", flow_i_apply_word, AT(unknown_policy), 0, 0, unknown_words},
    {"strict", flow_i_apply_switch, AT(strict), 0, 0, NULL},
    {"max_rejects_kept", flow_i_apply_int, AT(max_rejects_kept), 0, ANY, NULL},
    {"buffer_size", flow_i_apply_int, AT(buffer_size), 1, (double)MAX_BUFFER, NULL},
    {"max_line", flow_i_apply_int, AT(max_line), 16, (double)MAX_LINE, NULL},
    {"threads", apply_threads, AT(threads), 0, 0, NULL},
    {"default_layer", flow_i_apply_name, AT(default_layer), 0, 0, NULL},
    {"default_year", flow_i_apply_int, AT(default_year), 0, 9999, NULL},
    {"unit", flow_i_apply_text, AT(unit), 0, 0, NULL},
    {"mirror_layer", flow_i_apply_text, AT(mirror_layer), 0, 0, NULL},
    {"mirror_policy", flow_i_apply_word, AT(mirror_policy), 0, 0, mirror_words},
    {"quantity_layer", flow_i_apply_text, AT(quantity_layer), 0, 0, NULL},
    {"quantity_unit", flow_i_apply_text, AT(quantity_unit), 0, 0, NULL},
    {"years", apply_years, AT(years), 0, 0, NULL},
    {"product_prefixes", flow_i_apply_list, AT(product_prefixes), 0, 0, NULL},
    {"layers", flow_i_apply_list, AT(layers), 0, 0, NULL},
    {"wide_label_rows", flow_i_apply_int, AT(label_rows), 0, ANY, NULL},
    {"wide_label_cols", flow_i_apply_int, AT(label_cols), 0, ANY, NULL},
    {"wide_col_label_row", flow_i_apply_int, AT(col_label_row), -1, ANY, NULL},
    {"wide_col_group_row", flow_i_apply_int, AT(col_group_row), -1, ANY, NULL},
    {"wide_row_label_col", flow_i_apply_int, AT(row_label_col), -1, ANY, NULL},
    {"wide_row_group_col", flow_i_apply_int, AT(row_group_col), -1, ANY, NULL},
    {"wide_row_filter_column", flow_i_apply_int, AT(wide_filter_col), 0, ANY, NULL},
    {"wide_row_filter_value", flow_i_apply_text, AT(wide_filter_value), 0, 0, NULL},
    {"wide_row_block", flow_i_apply_int, AT(wide_block), 1, ANY, NULL},
    {"wide_row_block_count", flow_i_apply_int, AT(wide_block_count), 1, ANY, NULL},
    {"wide_row_block_index", flow_i_apply_int, AT(wide_block_index), 0, ANY, NULL},
};

int flow_read_options_set(flow_read_options *opts, const char *name, const char *value)
{
    return flow_i_options_set(opts, "read", read_keys, sizeof read_keys / sizeof read_keys[0], name,
                              value);
}

int flow_i_read_options_check(const flow_read_options *o)
{
    if (o->thousands != 0 && o->thousands == o->decimal)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "read options 'thousands' and 'decimal' are both '%c'", o->decimal);
    if (o->col_label_row >= o->label_rows || o->col_group_row >= o->label_rows ||
        o->row_label_col >= o->label_cols || o->row_group_col >= o->label_cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "read options: wide_label_rows %lld / wide_label_cols %lld do not hold "
                           "wide_col_label_row %lld, wide_col_group_row %lld, wide_row_label_col "
                           "%lld, wide_row_group_col %lld",
                           (long long)o->label_rows, (long long)o->label_cols,
                           (long long)o->col_label_row, (long long)o->col_group_row,
                           (long long)o->row_label_col, (long long)o->row_group_col);
    if (o->wide_filter_value != NULL && o->wide_filter_col >= o->label_cols)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "read options: wide_row_filter_column %lld is not one of the %lld "
                           "label columns (wide_label_cols)",
                           (long long)o->wide_filter_col, (long long)o->label_cols);
    if (o->wide_block_index >= o->wide_block_count)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "read options: wide_row_block_index %lld is not below "
                           "wide_row_block_count %lld",
                           (long long)o->wide_block_index, (long long)o->wide_block_count);
    return FLOW_OK;
}

int flow_i_strict_code_options(flow_read_options **out, int add_unknown)
{
    int rc = flow_read_options_new(out);
    if (rc == FLOW_OK) {
        (*out)->strict = 1;
        (*out)->unknown_policy = add_unknown ? FLOW_UNKNOWN_ADD : FLOW_UNKNOWN_REJECT;
    }
    return rc;
}
