/*
 * reader_accum.c - the accumulator of long-format rows: the column map of a
 * header, and flow_i_accum_record, which accounts for every data record
 * (accepted, filtered or rejected with a reason) and adds accepted flows to
 * the accumulator's dataset; flow_i_accum_merge adds a private accumulator
 * into the caller's dataset. The serial reader (reader_long.c) and the
 * parallel one (parallel_read.c) both feed it; it calls neither.
 */
#include "dataset_internal.h"
#include "labels_internal.h"
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Caches of the row path. Rows of a BACI-like file come sorted by exporter,
 * importer and product: the economy codes repeat from row to row, and the
 * matrix key changes with the product group (the HS chapter) almost every
 * row but cycles through few values. Short texts only; others are looked up
 * every time. Entries stay valid during a read: labels and matrices are only
 * ever added, and a matrix's unit, once set, never changes.
 */
#define KEY_BITS       10
#define KEY_SLOTS      (1 << KEY_BITS) /* see row_matrix */
#define KEY_MAX_CACHED (KEY_SLOTS * 3 / 4)
#define SLOT_TEXT      16
_Static_assert(SLOT_TEXT >= FLOW_I_FIELD_PAD, "slot texts are compared as record fields");

struct key_slot {   /* (layer, year, group-deciding part of the product, unit) -> matrix */
    int64_t matrix; /* -1: empty */
    int64_t year;
    size_t layer_len, key_len, unit_len;
    char layer[SLOT_TEXT], key[SLOT_TEXT], unit[SLOT_TEXT];
};

struct text_slot { /* a short text -> an index (economy, or matrix for units) */
    int64_t index; /* -1: empty */
    size_t len;
    char text[SLOT_TEXT];
};

/*
 * Byte loops for the few bytes of a field: a call to memcmp or memchr costs
 * more than the comparison itself, and every row makes several.
 */
static int same_bytes(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/*
 * 1 when the len bytes at a and b are equal, where both have at least
 * FLOW_I_FIELD_PAD readable bytes (record fields and slot texts): up to 16
 * bytes compare as two words under a mask of their first len bytes, with
 * no branch on len.
 */
__attribute__((always_inline)) static inline int same_padded(const char *a, const char *b,
                                                             size_t len)
{
    /* 8 - n bytes into it, 8 bytes are a mask of n leading bytes (n <= 8) */
    static const unsigned char mask_bytes[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    if (len > 16)
        return same_bytes(a, b, len);
    uint64_t a0, a1, b0, b1, m0, m1;
    size_t n0 = len < 8 ? len : 8;
    memcpy(&a0, a, 8);
    memcpy(&b0, b, 8);
    memcpy(&a1, a + 8, 8);
    memcpy(&b1, b + 8, 8);
    memcpy(&m0, mask_bytes + 8 - n0, 8);
    memcpy(&m1, mask_bytes + 8 - (len - n0), 8);
    return (((a0 ^ b0) & m0) | ((a1 ^ b1) & m1)) == 0;
}

static int has_nul(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0')
            return 1;
    return 0;
}

/* 1 when slot holds the text s (padded) of len bytes (and an index). */
static int slot_holds(const struct text_slot *slot, const char *s, size_t len)
{
    return slot->index >= 0 && slot->len == len && same_padded(slot->text, s, len);
}

static void slot_store(struct text_slot *slot, const char *s, size_t len, int64_t index)
{
    if (len < SLOT_TEXT) {
        memcpy(slot->text, s, len);
        slot->len = len;
        slot->index = index;
    }
}

struct shared_matrix {
    double *values; /* NULL until the matrix is first written here */
    struct flow_i_tag_dict *dict;
    struct flow_i_tags *last; /* the matrix's, shared with the other threads */
    int64_t rows, duplicates, missing;
};

struct flow_i_accum {
    flow_dataset *ds;
    flow_read_report *report;
    int owns; /* private accumulator: ds and report belong to it */
    const flow_read_options *opts;
    const struct flow_i_colmap *map;
    char *file;
    struct key_slot keys[KEY_SLOTS];  /* matrix of keys met, see row_matrix */
    int64_t cached_keys;              /* keys held in keys[] */
    struct text_slot codes[2];        /* last origin and destination, see resolve */
    struct text_slot unit_ok;         /* last unit accepted, for matrix .index, see check_unit */
    struct text_slot year_text;       /* last year text, with its value as .index, see row_year */
    struct text_slot kind_layer;      /* last layer whose kind a row confirmed, see row_kind */
    const struct key_slot *last_key;  /* the key of the last row, see row_matrix */
    unsigned char missing_first[256]; /* first bytes of the missing tokens ('\0': ""), see
                                         is_missing */
    /* the options' default layer and unit (NULL when none), padded like record fields so
       that every text of a row compares with same_padded */
    char *default_layer, *unit;
    size_t default_layer_len, unit_len;
    /* the quantity layer and unit (NULL: no quantities), and the mirror layer (NULL: none),
       padded the same way */
    char *quantity_layer, *quantity_unit, *mirror_layer;
    size_t quantity_layer_len, quantity_unit_len, mirror_layer_len;
    size_t group_key_max; /* leading bytes of a product code that decide its group (the
                             dataset's grouping is fixed while it is read), see row_matrix */
    char *reserved[2];    /* reserved layer names of a fallback row (padded), see fallback_row */
    size_t reserved_cap;
    int64_t lines_before;            /* lines of the file before the input, see record_line */
    flow_i_lines_fn lines_before_fn; /* counts them when first needed (NULL: known) */
    void *lines_userdata;
    /* writing shared cells (flow_i_accum_new_shared; NULL otherwise): the accumulator's
       number, the last economy pair known to be its own, and per matrix the cells and the
       row counts kept here */
    struct flow_i_shared *shared;
    int id;
    int64_t pair;
    struct shared_matrix *mats;
    int64_t nmats;
};

static const char *const role_names[FLOW_I_ROLES] = {"origin",   "destination", "value", "year",
                                                     "layer",    "product",     "unit",  "flow",
                                                     "quantity", "kind"};

/* 1 when the options use the column of role (a quantity column only with a quantity layer). */
static int role_used(const flow_read_options *opts, int role)
{
    return opts->columns[role] != NULL &&
           (role != FLOW_COL_QUANTITY || opts->quantity_layer != NULL);
}

void flow_i_colmap_clear(struct flow_i_colmap *map)
{
    for (int r = 0; r < FLOW_I_ROLES; r++) {
        free(map->names[r]);
        map->names[r] = NULL;
    }
    free(map->keep);
    map->keep = NULL;
}

/* "a,b,c" of a header, cut to fit buf, for messages. */
static void header_text(const struct flow_i_record *header, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int64_t i = 0; i < header->nfields && used + 4 < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? "," : "", header->fields[i]);
}

int flow_i_colmap_from_header(struct flow_i_colmap *map, const struct flow_i_record *header,
                              const flow_read_options *opts, const char *file)
{
    memset(map, 0, sizeof *map);
    map->nfields = header->nfields;
    for (int r = 0; r < FLOW_I_ROLES; r++)
        map->index[r] = role_used(opts, r) ? flow_i_record_find(header, opts->columns[r]) : -1;
    for (int r = 0; r <= FLOW_COL_VALUE; r++)
        if (map->index[r] < 0) {
            char found[256];
            header_text(header, found, sizeof found);
            return flow_i_fail(FLOW_ERR_MISSING_COLUMN,
                               "%s: line %lld: missing %s column \"%s\" (header: %s)", file,
                               (long long)header->line, role_names[r],
                               opts->columns[r] ? opts->columns[r] : "", found);
        }
    /* Quantities asked for (a quantity layer) need their column. */
    if (opts->quantity_layer != NULL && map->index[FLOW_COL_QUANTITY] < 0) {
        char found[256];
        header_text(header, found, sizeof found);
        return flow_i_fail(FLOW_ERR_MISSING_COLUMN,
                           "%s: line %lld: missing quantity column \"%s\" for layer '%s' "
                           "(header: %s)",
                           file, (long long)header->line,
                           opts->columns[FLOW_COL_QUANTITY] ? opts->columns[FLOW_COL_QUANTITY] : "",
                           opts->quantity_layer, found);
    }
    /* A column the reader uses must be unambiguous: the first of two would win silently. */
    for (int r = 0; r < FLOW_I_ROLES; r++)
        for (int64_t c = map->index[r] + 1; map->index[r] >= 0 && c < header->nfields; c++)
            if (strcmp(header->fields[c], opts->columns[r]) == 0)
                return flow_i_fail(FLOW_ERR_PARSE,
                                   "%s: line %lld: column \"%s\" appears twice (columns %lld "
                                   "and %lld)",
                                   file, (long long)header->line, opts->columns[r],
                                   (long long)map->index[r] + 1, (long long)c + 1);
    if ((map->keep = flow_i_calloc(map->nfields, 1)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int r = 0; r < FLOW_I_ROLES; r++) {
        if (map->index[r] < 0)
            continue;
        map->keep[map->index[r]] = 1;
        if ((map->names[r] = flow_i_strdup(opts->columns[r])) == NULL) {
            flow_i_colmap_clear(map);
            return FLOW_ERR_NOMEM;
        }
    }
    return FLOW_OK;
}

/* A copy of s[0..len) followed by FLOW_I_FIELD_PAD zero bytes, like a record field. */
static char *padded_copy(const char *s, size_t len)
{
    char *copy = flow_i_calloc((int64_t)len + FLOW_I_FIELD_PAD, 1);
    if (copy != NULL)
        memcpy(copy, s, len);
    return copy;
}

static int accum_alloc(flow_i_accum **out, const flow_read_options *opts, const char *file,
                       const struct flow_i_colmap *map)
{
    flow_i_accum *acc = flow_i_calloc(1, sizeof *acc);
    *out = NULL;
    if (acc == NULL)
        return FLOW_ERR_NOMEM;
    acc->opts = opts;
    acc->map = map;
    for (int i = 0; i < KEY_SLOTS; i++)
        acc->keys[i].matrix = -1;
    acc->codes[0].index = acc->codes[1].index = acc->unit_ok.index = acc->kind_layer.index = -1;
    acc->year_text.len = SIZE_MAX; /* holds no text */
    for (int64_t i = 0; i < opts->missing_tokens.count; i++)
        acc->missing_first[(unsigned char)opts->missing_tokens.items[i][0]] = 1;
    acc->default_layer_len = strlen(opts->default_layer);
    acc->unit_len = opts->unit != NULL ? strlen(opts->unit) : 0;
    acc->default_layer = padded_copy(opts->default_layer, acc->default_layer_len);
    acc->unit = opts->unit != NULL ? padded_copy(opts->unit, acc->unit_len) : NULL;
    acc->file = flow_i_strdup(file != NULL ? file : "<buffer>");
    if (opts->mirror_layer != NULL) {
        acc->mirror_layer_len = strlen(opts->mirror_layer);
        acc->mirror_layer = padded_copy(opts->mirror_layer, acc->mirror_layer_len);
    }
    if (opts->quantity_layer != NULL) {
        const char *qunit = opts->quantity_unit != NULL ? opts->quantity_unit : "";
        acc->quantity_layer_len = strlen(opts->quantity_layer);
        acc->quantity_unit_len = strlen(qunit);
        acc->quantity_layer = padded_copy(opts->quantity_layer, acc->quantity_layer_len);
        acc->quantity_unit = padded_copy(qunit, acc->quantity_unit_len);
    }
    if (acc->default_layer == NULL || (opts->unit != NULL && acc->unit == NULL) ||
        acc->file == NULL || (opts->mirror_layer != NULL && acc->mirror_layer == NULL) ||
        (opts->quantity_layer != NULL &&
         (acc->quantity_layer == NULL || acc->quantity_unit == NULL))) {
        flow_i_accum_free(acc);
        return FLOW_ERR_NOMEM;
    }
    *out = acc;
    return FLOW_OK;
}

int flow_i_accum_new_direct(flow_i_accum **out, flow_dataset *ds, flow_read_report *report,
                            const flow_read_options *opts, const char *file,
                            const struct flow_i_colmap *map)
{
    int rc = accum_alloc(out, opts, file, map);
    if (rc != FLOW_OK)
        return rc;
    (*out)->ds = ds;
    (*out)->report = report;
    (*out)->group_key_max = flow_i_dataset_group_key_len(ds, SIZE_MAX);
    return FLOW_OK;
}

int flow_i_accum_new_private(flow_i_accum **out, const flow_dataset *ds,
                             const flow_read_options *opts, const char *file,
                             const struct flow_i_colmap *map)
{
    int rc = accum_alloc(out, opts, file, map);
    if (rc != FLOW_OK)
        return rc;
    (*out)->owns = 1;
    if ((rc = flow_i_dataset_clone_empty(&(*out)->ds, ds)) != FLOW_OK ||
        (rc = flow_read_report_new(&(*out)->report)) != FLOW_OK) {
        flow_i_accum_free(*out);
        *out = NULL;
        return rc;
    }
    (*out)->group_key_max = flow_i_dataset_group_key_len(ds, SIZE_MAX);
    return FLOW_OK;
}

int flow_i_accum_new_shared(flow_i_accum **out, flow_dataset *ds, struct flow_i_shared *shared,
                            int id, const flow_read_options *opts, const char *file,
                            const struct flow_i_colmap *map)
{
    int rc = accum_alloc(out, opts, file, map);
    if (rc != FLOW_OK)
        return rc;
    (*out)->ds = ds;
    (*out)->shared = shared;
    (*out)->id = id;
    (*out)->pair = -1;
    if ((rc = flow_read_report_new(&(*out)->report)) != FLOW_OK) {
        flow_i_accum_free(*out);
        *out = NULL;
        return rc;
    }
    (*out)->group_key_max = flow_i_dataset_group_key_len(ds, SIZE_MAX);
    return FLOW_OK;
}

const flow_read_report *flow_i_accum_report(const flow_i_accum *acc)
{
    return acc->report;
}

void flow_i_accum_count_rows(flow_i_accum *acc)
{
    for (int64_t m = 0; m < acc->nmats; m++) {
        struct shared_matrix *sm = &acc->mats[m];
        if (sm->values == NULL) /* not written here (or beyond the dataset's matrices) */
            continue;
        flow_i_dataset_count(acc->ds, m, sm->rows, sm->duplicates, sm->missing);
        sm->rows = sm->duplicates = sm->missing = 0;
    }
}

void flow_i_accum_count_lines_with(flow_i_accum *acc, flow_i_lines_fn fn, void *userdata)
{
    acc->lines_before_fn = fn;
    acc->lines_userdata = userdata;
}

void flow_i_accum_free(flow_i_accum *acc)
{
    if (acc == NULL)
        return;
    if (acc->owns)
        flow_dataset_free(acc->ds);
    if (acc->owns || acc->shared != NULL)
        flow_read_report_free(acc->report);
    free(acc->mats);
    free(acc->file);
    free(acc->default_layer);
    free(acc->unit);
    free(acc->reserved[0]);
    free(acc->reserved[1]);
    free(acc->quantity_layer);
    free(acc->quantity_unit);
    free(acc->mirror_layer);
    free(acc);
}

/* ---------------------------------------------------------------- one row */

/*
 * A field of the current row, by role: NULL when the role has no column.
 * Texts of a row are padded (FLOW_I_FIELD_PAD bytes readable): record fields,
 * the accumulator's copies of the options' texts, or no_text.
 */
static const char no_text[FLOW_I_FIELD_PAD] = "";

struct field {
    const char *s;
    size_t len;
};

/* ---------------------------------------------------------------- shared cells */

/* Gives the read up to private copies (see struct flow_i_shared): stops this range's scan. */
static int shared_abort(flow_i_accum *acc)
{
    atomic_store(&acc->shared->abort, 1);
    return flow_i_fail(FLOW_ERR_VALUE,
                       "%s: ranges share cells or units differ: read again with "
                       "private copies",
                       acc->file);
}

/* flow_i_dataset_matrix, under the lock when the dataset is shared. */
static int accum_matrix(flow_i_accum *acc, struct field layer, int64_t year, struct field product,
                        struct field unit, int64_t *matrix)
{
    if (acc->shared == NULL)
        return flow_i_dataset_matrix(acc->ds, layer.s, layer.len, year, product.s, product.len,
                                     unit.s, unit.len, matrix);
    pthread_mutex_lock(&acc->shared->lock);
    int rc = flow_i_dataset_matrix(acc->ds, layer.s, layer.len, year, product.s, product.len,
                                   unit.s, unit.len, matrix);
    pthread_mutex_unlock(&acc->shared->lock);
    return rc;
}

/* flow_i_dataset_unit; shared, under the lock, and a differing unit aborts (see the top). */
static int accum_unit(flow_i_accum *acc, int64_t matrix, struct field unit)
{
    if (acc->shared == NULL)
        return flow_i_dataset_unit(acc->ds, matrix, unit.s, unit.len);
    pthread_mutex_lock(&acc->shared->lock);
    int same = flow_i_dataset_unit(acc->ds, matrix, unit.s, unit.len);
    pthread_mutex_unlock(&acc->shared->lock);
    return same == 0 ? shared_abort(acc) : same;
}

/* The cells of matrix in a shared dataset, fetched under the lock the first time. */
static int shared_cells(flow_i_accum *acc, int64_t matrix, struct shared_matrix **out)
{
    if (matrix >= acc->nmats) {
        int64_t n = matrix + 1 > 2 * acc->nmats ? matrix + 1 : 2 * acc->nmats;
        struct shared_matrix *grown = realloc(acc->mats, (size_t)n * sizeof *grown);
        if (grown == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        memset(grown + acc->nmats, 0, (size_t)(n - acc->nmats) * sizeof *grown);
        acc->mats = grown;
        acc->nmats = n;
    }
    struct shared_matrix *sm = &acc->mats[matrix];
    if (sm->values == NULL) {
        pthread_mutex_lock(&acc->shared->lock);
        flow_i_dataset_cells(acc->ds, matrix, &sm->values, &sm->last, &sm->dict);
        pthread_mutex_unlock(&acc->shared->lock);
    }
    *out = sm;
    return FLOW_OK;
}

/*
 * flow_i_dataset_add; shared, into a cell of a pair this accumulator owns
 * (claimed on its first row), the row counts kept per matrix here.
 */
static int accum_add(flow_i_accum *acc, int64_t matrix, int64_t origin, int64_t destination,
                     double value, uint32_t tag, int missing, int *dup)
{
    if (acc->shared == NULL) {
        *dup = flow_i_dataset_add(acc->ds, matrix, origin, destination, value, tag, missing);
        return *dup < 0 ? *dup : FLOW_OK;
    }
    int64_t cell = origin * acc->shared->stride + destination;
    if (cell != acc->pair) {
        int owner = 0;
        if (atomic_load_explicit(&acc->shared->abort, memory_order_relaxed) ||
            (!atomic_compare_exchange_strong(&acc->shared->owner[cell], &owner, acc->id) &&
             owner != acc->id))
            return shared_abort(acc);
        acc->pair = cell;
    }
    struct shared_matrix *sm = NULL;
    int rc = shared_cells(acc, matrix, &sm);
    if (rc != FLOW_OK)
        return rc;
    unsigned id = 0;
    if ((rc = flow_i_tags_replace(sm->dict, sm->last, cell, tag, &acc->shared->lock, dup, &id)) !=
        FLOW_OK)
        return rc;
    sm->rows++;
    sm->duplicates += *dup;
    sm->missing += missing != 0;
    sm->values[cell] += value;
    return FLOW_OK;
}

static struct field get(const flow_i_accum *acc, const struct flow_i_record *rec, int role)
{
    int64_t i = acc->map->index[role];
    struct field f = {NULL, 0};
    if (i >= 0) {
        f.s = rec->fields[i];
        f.len = rec->lens[i];
    }
    return f;
}

static int filtered(flow_i_accum *acc, const char *reason)
{
    return flow_i_report_count(acc->report, FLOW_REASON_FILTERED, reason, 1);
}

/*
 * The line of a record in the file: the scanner counts from the start of the
 * accumulator's input, which for a range of a parallel read is line 1 until
 * the lines before the range are counted (once, when first needed).
 */
static int record_line(flow_i_accum *acc, const struct flow_i_record *rec, int64_t *line)
{
    if (acc->lines_before_fn != NULL) {
        int rc = acc->lines_before_fn(acc->lines_userdata, &acc->lines_before);
        if (rc != FLOW_OK)
            return rc;
        acc->lines_before_fn = NULL;
    }
    *line = rec->line + acc->lines_before;
    return FLOW_OK;
}

/*
 * Rejects the row: counted under reason, kept with its message; in strict
 * mode the read fails with status and that message.
 */
/* The message of a reject: file, line, column (role >= 0) and the offending text. */
static void reject_message(const flow_i_accum *acc, int64_t line, int role, struct field text,
                           const char *before, const char *what, char *message, size_t cap)
{
    int shown = text.len > 200 ? 200 : (int)text.len;
    if (role >= 0)
        snprintf(message, cap, "%s: line %lld, column \"%s\": %s'%.*s'%s", acc->file,
                 (long long)line, acc->map->names[role], before, shown, text.s ? text.s : "", what);
    else
        snprintf(message, cap, "%s: line %lld: %s", acc->file, (long long)line, what);
}

static int reject(flow_i_accum *acc, int status, const char *reason,
                  const struct flow_i_record *rec, int role, struct field text, const char *before,
                  const char *what)
{
    char message[512];
    int64_t line = 0;
    int rc = record_line(acc, rec, &line);
    if (rc != FLOW_OK)
        return rc;
    reject_message(acc, line, role, text, before, what, message, sizeof message);
    if (acc->opts->strict)
        return flow_i_fail(status, "%s", message);
    return flow_i_report_reject(acc->report, acc->opts->max_rejects_kept, reason, acc->file, line,
                                role >= 0 ? acc->map->names[role] : "", text.s, text.len, message);
}

/*
 * Rejects one cell of a row that is otherwise kept (its quantity): counted
 * as a cell under reason and kept with its message; strict mode fails.
 */
static int reject_cell(flow_i_accum *acc, const char *reason, const struct flow_i_record *rec,
                       int role, struct field text, const char *what)
{
    char message[512];
    int64_t line = 0;
    int rc = record_line(acc, rec, &line);
    if (rc != FLOW_OK)
        return rc;
    reject_message(acc, line, role, text, "", what, message, sizeof message);
    if (acc->opts->strict)
        return flow_i_fail(FLOW_ERR_VALUE, "%s", message);
    return flow_i_report_cell(acc->report, acc->opts->max_rejects_kept, reason, acc->file, line,
                              acc->map->names[role], text.s, text.len, message);
}

static int is_missing(const flow_i_accum *acc, struct field f)
{
    const flow_read_options *opts = acc->opts;
    /* Numbers never start like a missing token: most fields stop here. */
    if (!acc->missing_first[(unsigned char)(f.len > 0 ? f.s[0] : '\0')])
        return 0;
    for (int64_t i = 0; i < opts->missing_tokens.count; i++)
        /* the first byte (NUL for "") rules out most tokens before strlen */
        if (opts->missing_tokens.items[i][0] == (f.len > 0 ? f.s[0] : '\0') &&
            strlen(opts->missing_tokens.items[i]) == f.len &&
            memcmp(opts->missing_tokens.items[i], f.s, f.len) == 0)
            return 1;
    return 0;
}

static int in_list(const struct flow_i_textlist *l, struct field f, int prefix)
{
    for (int64_t i = 0; i < l->count; i++) {
        size_t n = strlen(l->items[i]);
        if ((prefix ? n <= f.len : n == f.len) && memcmp(l->items[i], f.s, n) == 0)
            return 1;
    }
    return 0;
}

/* 1 when the row passes the year/layer/product filters; else counted as filtered. */
static int passes_filters(flow_i_accum *acc, int64_t year, struct field layer, struct field product,
                          int *rc)
{
    const flow_read_options *o = acc->opts;
    const char *reason = NULL;
    if (o->year_count > 0) {
        int64_t i = 0;
        while (i < o->year_count && o->years[i] != year)
            i++;
        if (i == o->year_count)
            reason = "year not selected";
    }
    if (reason == NULL && o->layers.count > 0 && !in_list(&o->layers, layer, 0))
        reason = "layer not selected";
    if (reason == NULL && o->product_prefixes.count > 0 &&
        !in_list(&o->product_prefixes, product, 1))
        reason = "product not selected";
    if (reason == NULL)
        return 1;
    *rc = filtered(acc, reason);
    return 0;
}

/*
 * The year column as an integer (the options' default year without one),
 * through a cache of the last year text: files hold a year or a few, so
 * nearly every row repeats it. *ok = 0 when the row was rejected.
 */
static int row_year(flow_i_accum *acc, const struct flow_i_record *rec, int64_t *year, int *ok)
{
    struct field f = get(acc, rec, FLOW_COL_YEAR);
    struct text_slot *slot = &acc->year_text;
    *ok = 1;
    if (f.s == NULL)
        return FLOW_OK;
    if (slot->len == f.len && same_padded(slot->text, f.s, f.len)) {
        *year = slot->index;
        return FLOW_OK;
    }
    /* A monthly period YYYY-MM (Eurostat Comext) counts in its year. */
    int period = f.len == 7 && f.s[4] == '-' && flow_i_parse_int64(f.s + 5, 2, year);
    if (!flow_i_parse_int64(f.s, period ? 4 : f.len, year)) {
        *ok = 0;
        return reject(acc, FLOW_ERR_VALUE, "year is not an integer", rec, FLOW_COL_YEAR, f, "",
                      " is not a year");
    }
    if (f.len < SLOT_TEXT) {
        memcpy(slot->text, f.s, f.len);
        slot->len = f.len;
        slot->index = *year;
    }
    return FLOW_OK;
}

/* resolve for a code that is not the last one of its role. */
__attribute__((noinline)) static int resolve_lookup(flow_i_accum *acc,
                                                    const struct flow_i_record *rec, int role,
                                                    int64_t *index, int *ok)
{
    struct field f = get(acc, rec, role);
    *ok = 0;
    if (f.len == 0)
        return reject(acc, FLOW_ERR_UNKNOWN_LABEL, "missing economy code", rec, role, f, "",
                      " is not an economy code");
    struct text_slot *slot = &acc->codes[role == FLOW_COL_ORIGIN ? 0 : 1];
    int found = flow_i_dataset_find_economy(acc->ds, f.s, f.len, index);
    if (found < 0)
        return found;
    if (found) {
        slot_store(slot, f.s, f.len, *index);
        *ok = 1;
        return FLOW_OK;
    }
    if (acc->opts->unknown_policy == FLOW_UNKNOWN_ADD && !flow_i_utf8_valid(f.s, f.len))
        return reject(acc, FLOW_ERR_VALUE, "invalid UTF-8 in economy code", rec, role, f, "",
                      " is not valid UTF-8");
    if (acc->opts->unknown_policy == FLOW_UNKNOWN_ADD) {
        int rc = flow_dataset_add_economy(acc->ds, f.s, NULL, index);
        *ok = rc == FLOW_OK;
        return rc;
    }
    int rc = reject(acc, FLOW_ERR_UNKNOWN_LABEL, "unknown economy code", rec, role, f,
                    "unknown economy code ", "");
    int64_t line = 0;
    if (rc == FLOW_OK && (rc = record_line(acc, rec, &line)) == FLOW_OK)
        rc = flow_i_report_unknown(acc->report, f.s, f.len, 1, line);
    return rc;
}

/*
 * Resolves an economy code; unknown codes are added or reported per the
 * options. The code of the row before (sorted files repeat it) is answered
 * here, inline; any other goes to resolve_lookup.
 */
__attribute__((always_inline)) static inline int
resolve(flow_i_accum *acc, const struct flow_i_record *rec, int role, int64_t *index, int *ok)
{
    struct field f = get(acc, rec, role);
    const struct text_slot *slot = &acc->codes[role == FLOW_COL_ORIGIN ? 0 : 1];
    if (f.len > 0 && slot_holds(slot, f.s, f.len)) {
        *index = slot->index;
        *ok = 1;
        return FLOW_OK;
    }
    return resolve_lookup(acc, rec, role, index, ok);
}

/* The value field as a number; *ok = 0 when the row was filtered or rejected. */
static int read_value(flow_i_accum *acc, const struct flow_i_record *rec, double *value, int *ok,
                      int *missing)
{
    const flow_read_options *o = acc->opts;
    struct field f = get(acc, rec, FLOW_COL_VALUE);
    *ok = 0;
    if (is_missing(acc, f)) {
        if (o->missing_policy == FLOW_MISSING_SKIP)
            return filtered(acc, "missing value");
        if (o->missing_policy == FLOW_MISSING_REJECT)
            return reject(acc, FLOW_ERR_VALUE, "missing value", rec, FLOW_COL_VALUE, f, "",
                          " is a missing value");
        *missing = 1;
        *value = 0.0;
        *ok = 1;
        return FLOW_OK;
    }
    switch (flow_i_parse_double(f.s, f.len, o->thousands, o->decimal, value)) {
        case FLOW_I_NUMBER_OK:
            break;
        case FLOW_I_NUMBER_NOT_FINITE:
            return reject(acc, FLOW_ERR_VALUE, "NaN or infinite value", rec, FLOW_COL_VALUE, f, "",
                          " is not a finite number");
        default:
            return reject(acc, FLOW_ERR_VALUE, "not a number", rec, FLOW_COL_VALUE, f, "",
                          " is not a number");
    }
    if (*value < 0 && !o->allow_negative)
        return reject(acc, FLOW_ERR_VALUE, "negative value", rec, FLOW_COL_VALUE, f, "",
                      " is negative (negative flows are not allowed)");
    *value *= o->scale;
    *ok = 1;
    return FLOW_OK;
}

/*
 * The row's unit: its unit column, or the options' unit when the column is
 * absent or empty. *ok = 0 when it is not the expected unit (rejected).
 */
static int row_unit(flow_i_accum *acc, const struct flow_i_record *rec, struct field *unit, int *ok)
{
    struct field f = get(acc, rec, FLOW_COL_UNIT);
    const char *want = acc->unit;
    *ok = 1;
    if (f.s == NULL || f.len == 0) {
        *unit = want != NULL ? (struct field){want, acc->unit_len} : (struct field){no_text, 0};
        return FLOW_OK;
    }
    *unit = f;
    if (want != NULL && (acc->unit_len != f.len || !same_bytes(want, f.s, f.len))) {
        *ok = 0;
        return reject(acc, FLOW_ERR_VALUE, "unit not the expected one", rec, FLOW_COL_UNIT, f, "",
                      " is not the expected unit");
    }
    return FLOW_OK;
}

/*
 * The unit must be the unit of the row's matrix (the first non-empty unit of
 * its rows; an empty unit agrees with any): rows in another unit are
 * rejected rather than summed with it.
 */
static int check_unit(flow_i_accum *acc, const struct flow_i_record *rec, int64_t matrix,
                      struct field unit, int *ok)
{
    if (acc->unit_ok.index == matrix && slot_holds(&acc->unit_ok, unit.s, unit.len)) {
        *ok = 1;
        return FLOW_OK;
    }
    int same = accum_unit(acc, matrix, unit);
    *ok = same == 1;
    if (same < 0)
        return same;
    if (same == 0)
        return reject(acc, FLOW_ERR_VALUE, "unit differs from the matrix's", rec, FLOW_COL_UNIT,
                      unit, "", " differs from the unit of earlier rows of this matrix");
    int rc = FLOW_OK;
    if (unit.len > 0 && flow_i_read_report_unit(acc->report)[0] == '\0')
        rc = flow_i_report_set_unit(acc->report, unit.s, unit.len);
    if (rc == FLOW_OK)
        slot_store(&acc->unit_ok, unit.s, unit.len, matrix);
    return rc;
}

/*
 * The layer's kind from the row's kind column ("flow" or "stock"; empty: not
 * declared), declared on the dataset (flow_dataset_set_layer_kind). A word
 * that is neither is rejected like any bad field. A layer declared both ways
 * (by two rows, or by a row and the dataset) fails the read: its rows would
 * mean two different things.
 */
static int row_kind(flow_i_accum *acc, const struct flow_i_record *rec, struct field layer, int *ok)
{
    struct field f = get(acc, rec, FLOW_COL_KIND);
    char name[512], message[512];
    int64_t line = 0;
    *ok = 1;
    if (f.s == NULL || f.len == 0)
        return FLOW_OK;
    int kind = f.len == 4 && memcmp(f.s, "flow", 4) == 0    ? FLOW_LAYER_FLOW
               : f.len == 5 && memcmp(f.s, "stock", 5) == 0 ? FLOW_LAYER_STOCK
                                                            : -1;
    if (kind < 0) {
        *ok = 0;
        return reject(acc, FLOW_ERR_VALUE, "kind not flow or stock", rec, FLOW_COL_KIND, f, "",
                      " is not a layer kind (flow or stock)");
    }
    /* Rows of a layer repeat its kind: once declared, the same pair needs no lookup. */
    if (acc->kind_layer.index == kind && slot_holds(&acc->kind_layer, layer.s, layer.len))
        return FLOW_OK;
    snprintf(name, sizeof name, "%.*s", (int)layer.len, layer.s);
    int declared = flow_i_dataset_declared_kind(acc->ds, name);
    int rc = FLOW_OK;
    if (declared < 0)
        rc = flow_dataset_set_layer_kind(acc->ds, name, kind);
    if (declared < 0 || declared == kind) {
        if (rc == FLOW_OK)
            slot_store(&acc->kind_layer, layer.s, layer.len, kind);
        return rc;
    }
    if ((rc = record_line(acc, rec, &line)) != FLOW_OK)
        return rc;
    char what[256];
    snprintf(what, sizeof what, " differs from the kind declared before for layer '%.180s'", name);
    reject_message(acc, line, FLOW_COL_KIND, f, "", what, message, sizeof message);
    return flow_i_fail(FLOW_ERR_VALUE, "%s", message);
}

/*
 * Comtrade: M rows are partner -> reporter, X rows reporter -> partner
 * (Eurostat Comext spells them IMPORT and EXPORT).
 */
static int flow_code_direction(flow_i_accum *acc, const struct flow_i_record *rec, int *swap,
                               int *ok)
{
    struct field f = get(acc, rec, FLOW_COL_FLOW);
    *swap = 0;
    *ok = 1;
    if (f.s == NULL)
        return FLOW_OK;
    if ((f.len == 1 && (f.s[0] == 'M' || f.s[0] == 'X')) ||
        (f.len == 6 && (memcmp(f.s, "IMPORT", 6) == 0 || memcmp(f.s, "EXPORT", 6) == 0))) {
        *swap = f.s[0] == 'M' || f.s[0] == 'I';
        return FLOW_OK;
    }
    *ok = 0;
    return filtered(acc, "flow code not M or X");
}

/*
 * The mirror policy for a row whose flow code says who reported it (swap:
 * the importer): *keep 0 filters the row (the other report under an
 * exclusive policy), *fallback 1 makes it a fallback row.
 */
static int mirror_policy_row(flow_i_accum *acc, int swap, int *keep, int *fallback)
{
    int policy = acc->opts->mirror_policy;
    int importer_wanted = policy == FLOW_MIRROR_IMPORTER_FIRST || policy == FLOW_MIRROR_IMPORTER;
    *keep = 1;
    *fallback = 0;
    if (acc->opts->mirror_layer != NULL || swap == importer_wanted)
        return FLOW_OK;
    if (policy == FLOW_MIRROR_IMPORTER || policy == FLOW_MIRROR_EXPORTER) {
        *keep = 0;
        return filtered(acc, "other report of the flow (mirror policy)");
    }
    *fallback = 1;
    return FLOW_OK;
}

/* Writes prefix + layer, padded like a record field, into acc->reserved[which]. */
static int reserved_layer(flow_i_accum *acc, int which, const char *prefix, struct field layer,
                          struct field *out)
{
    size_t len = strlen(prefix) + layer.len;
    if (len + FLOW_I_FIELD_PAD > acc->reserved_cap) {
        size_t cap = 2 * (len + FLOW_I_FIELD_PAD);
        for (int k = 0; k < 2; k++) {
            char *grown = realloc(acc->reserved[k], cap);
            if (grown == NULL)
                return flow_i_fail_status(FLOW_ERR_NOMEM);
            acc->reserved[k] = grown;
        }
        acc->reserved_cap = cap;
    }
    char *s = acc->reserved[which];
    memcpy(s, prefix, strlen(prefix));
    memcpy(s + strlen(prefix), layer.s, layer.len);
    memset(s + len, 0, FLOW_I_FIELD_PAD);
    *out = (struct field){s, len};
    return FLOW_OK;
}

static int is_world(struct field f)
{
    return (f.len == 3 && (memcmp(f.s, "W00", 3) == 0 || memcmp(f.s, "WLD", 3) == 0)) ||
           (f.len == 1 && f.s[0] == '0');
}

/* 1 when slot holds the key (layer, year, first key_len bytes of product, unit). */
__attribute__((always_inline)) static inline int slot_has_key(const struct key_slot *slot,
                                                              struct field layer, int64_t year,
                                                              struct field product, size_t key_len,
                                                              struct field unit)
{
    return slot->year == year && slot->layer_len == layer.len && slot->key_len == key_len &&
           slot->unit_len == unit.len && same_padded(slot->layer, layer.s, layer.len) &&
           same_padded(slot->key, product.s, key_len) && same_padded(slot->unit, unit.s, unit.len);
}

/*
 * Matrix of the row's key, through the key cache: an open-addressing table
 * (linear probing) that keeps every short key it meets, up to three quarters
 * full, so that keys cycling from row to row (HS chapters) never evict one
 * another. Of the product code only the part that decides its group counts
 * (none when products are not grouped).
 */
__attribute__((noinline)) static int key_matrix(flow_i_accum *acc, struct field layer, int64_t year,
                                                struct field product, size_t key_len,
                                                struct field unit, int64_t *matrix)
{
    struct key_slot *slot = NULL;
    if (layer.len < SLOT_TEXT && key_len < SLOT_TEXT && unit.len < SLOT_TEXT) {
        uint64_t h = (uint64_t)year * UINT64_C(0x9e3779b97f4a7c15);
        for (size_t i = 0; i < key_len; i++)
            h = (h ^ (unsigned char)product.s[i]) * UINT64_C(0x100000001b3);
        size_t i = (size_t)((h * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - KEY_BITS));
        for (;; i = (i + 1) & (KEY_SLOTS - 1)) {
            slot = &acc->keys[i];
            if (slot->matrix < 0)
                break; /* not cached: the key would go here */
            if (slot_has_key(slot, layer, year, product, key_len, unit)) {
                *matrix = slot->matrix;
                acc->last_key = slot;
                return FLOW_OK;
            }
        }
        if (acc->cached_keys >= KEY_MAX_CACHED)
            slot = NULL;
    }
    int rc = accum_matrix(acc, layer, year, product, unit, matrix);
    if (rc == FLOW_OK && slot != NULL) {
        memcpy(slot->layer, layer.s, layer.len);
        memcpy(slot->key, product.s, key_len);
        memcpy(slot->unit, unit.s, unit.len);
        slot->layer_len = layer.len;
        slot->key_len = key_len;
        slot->unit_len = unit.len;
        slot->year = year;
        slot->matrix = *matrix;
        acc->cached_keys++;
        acc->last_key = slot;
    }
    return rc;
}

/* key_matrix, where runs of rows that share a key (all rows when products are not grouped)
   need no hash: the last row's key is checked here, inline. */
__attribute__((always_inline)) static inline int row_matrix(flow_i_accum *acc, struct field layer,
                                                            int64_t year, struct field product,
                                                            struct field unit, int64_t *matrix)
{
    size_t key_len = product.len < acc->group_key_max ? product.len : acc->group_key_max;
    if (acc->last_key != NULL && slot_has_key(acc->last_key, layer, year, product, key_len, unit)) {
        *matrix = acc->last_key->matrix;
        return FLOW_OK;
    }
    return key_matrix(acc, layer, year, product, key_len, unit, matrix);
}

/*
 * The row's quantity (read option "quantity_layer") into the same
 * cell of the quantity layer as its value went to in the value layer; a
 * missing or bad quantity is a cell of the row, which stays accepted.
 */
static int add_quantity(flow_i_accum *acc, const struct flow_i_record *rec, int64_t year,
                        struct field product, int64_t origin, int64_t destination)
{
    struct field f = get(acc, rec, FLOW_COL_QUANTITY);
    double q = 0.0;
    if (is_missing(acc, f))
        return flow_i_report_cells(acc->report, FLOW_REASON_FILTERED,
                                   "quantity missing (value kept)", 1);
    const flow_read_options *o = acc->opts;
    if (flow_i_parse_double(f.s, f.len, o->thousands, o->decimal, &q) != FLOW_I_NUMBER_OK)
        return reject_cell(acc, "quantity not a number (value kept)", rec, FLOW_COL_QUANTITY, f,
                           " is not a finite number");
    if (q < 0.0)
        return reject_cell(acc, "quantity negative (value kept)", rec, FLOW_COL_QUANTITY, f,
                           " is negative");
    struct field layer = {acc->quantity_layer, acc->quantity_layer_len};
    struct field unit = {acc->quantity_unit, acc->quantity_unit_len};
    int64_t m = 0;
    int rc = row_matrix(acc, layer, year, product, unit, &m);
    int same = rc == FLOW_OK ? accum_unit(acc, m, unit) : rc;
    if (same < 0)
        return same;
    if (same == 0)
        return reject_cell(acc, "quantity unit differs from the matrix's", rec, FLOW_COL_QUANTITY,
                           f, " is in another unit than the quantity layer's matrix");
    int dup = 0;
    return accum_add(acc, m, origin, destination, q,
                     flow_i_product_tag_padded(product.s, product.len), 0, &dup);
}

int flow_i_accum_record(flow_i_accum *acc, const struct flow_i_record *rec)
{
    int rc = FLOW_OK;
    int ok = 1;
    int swap = 0;
    int64_t year = acc->opts->default_year;
    int64_t o = 0, d = 0, m = 0;
    double value = 0.0;
    int missing = 0;
    struct field unit = {no_text, 0};
    if (rec->nfields != acc->map->nfields) {
        char what[96];
        snprintf(what, sizeof what, "ragged row: %lld fields, header has %lld",
                 (long long)rec->nfields, (long long)acc->map->nfields);
        return reject(acc, FLOW_ERR_PARSE, "ragged row", rec, -1, (struct field){"", 0}, "", what);
    }
    /* Fields are C strings from here on: a NUL byte would cut them short. */
    static const int text_roles[] = {FLOW_COL_ORIGIN,  FLOW_COL_DESTINATION, FLOW_COL_LAYER,
                                     FLOW_COL_PRODUCT, FLOW_COL_UNIT,        FLOW_COL_VALUE,
                                     FLOW_COL_YEAR,    FLOW_COL_QUANTITY,    FLOW_COL_KIND};
    for (size_t k = 0; rec->may_hold_nul && k < sizeof text_roles / sizeof text_roles[0]; k++) {
        struct field f = get(acc, rec, text_roles[k]);
        if (f.s != NULL && has_nul(f.s, f.len))
            return reject(acc, FLOW_ERR_PARSE, "NUL byte in a field", rec, text_roles[k], f, "",
                          " holds a NUL byte");
    }
    if ((rc = row_year(acc, rec, &year, &ok)) != FLOW_OK || !ok)
        return rc;
    struct field layer = get(acc, rec, FLOW_COL_LAYER);
    if (layer.s == NULL || layer.len == 0)
        layer = (struct field){acc->default_layer, acc->default_layer_len};
    struct field product = get(acc, rec, FLOW_COL_PRODUCT);
    if (product.s == NULL)
        product = (struct field){no_text, 0};
    if (!passes_filters(acc, year, layer, product, &rc))
        return rc;
    if ((rc = flow_code_direction(acc, rec, &swap, &ok)) != FLOW_OK || !ok)
        return rc;
    if (swap && acc->opts->mirror_layer != NULL) /* the importer's report of the flow */
        layer = (struct field){acc->mirror_layer, acc->mirror_layer_len};
    int fallback = 0;
    struct field counted = layer;
    if (get(acc, rec, FLOW_COL_FLOW).s != NULL &&
        ((rc = mirror_policy_row(acc, swap, &ok, &fallback)) != FLOW_OK || !ok))
        return rc;
    if (fallback &&
        ((rc = reserved_layer(acc, 0, FLOW_I_FALLBACK_PREFIX, layer, &layer)) != FLOW_OK ||
         (rc = reserved_layer(acc, 1, FLOW_I_ROWS_PREFIX, counted, &counted)) != FLOW_OK))
        return rc;
    if (acc->opts->preset == FLOW_PRESET_COMTRADE && is_world(get(acc, rec, FLOW_COL_DESTINATION)))
        return filtered(acc, "world partner (aggregate)");
    if ((rc = read_value(acc, rec, &value, &ok, &missing)) != FLOW_OK || !ok)
        return rc;
    if ((rc = resolve(acc, rec, FLOW_COL_ORIGIN, &o, &ok)) != FLOW_OK || !ok)
        return rc;
    if ((rc = resolve(acc, rec, FLOW_COL_DESTINATION, &d, &ok)) != FLOW_OK || !ok)
        return rc;
    if ((rc = row_unit(acc, rec, &unit, &ok)) != FLOW_OK || !ok)
        return rc;
    if ((rc = row_matrix(acc, layer, year, product, unit, &m)) != FLOW_OK)
        return rc;
    if ((rc = check_unit(acc, rec, m, unit, &ok)) != FLOW_OK || !ok)
        return rc;
    if ((rc = row_kind(acc, rec, layer, &ok)) != FLOW_OK || !ok)
        return rc;
    int dup = 0;
    uint32_t tag = flow_i_product_tag_padded(product.s, product.len);
    if ((rc = accum_add(acc, m, swap ? d : o, swap ? o : d, value, tag, missing, &dup)) != FLOW_OK)
        return rc;
    /* A fallback row also counts 1 in its cell, for the accounting of the resolution. */
    if (fallback && (rc = row_matrix(acc, counted, year, product, unit, &m)) != FLOW_OK)
        return rc;
    int counted_dup = 0;
    if (fallback &&
        (rc = accum_add(acc, m, swap ? d : o, swap ? o : d, 1.0, tag, 0, &counted_dup)) != FLOW_OK)
        return rc;
    flow_i_report_add_counts(acc->report, 1, 1, dup, missing);
    /* Quantities come from the kept report only: a fallback row may yet be superseded. */
    if (acc->quantity_layer != NULL && !fallback && !(swap && acc->opts->mirror_layer != NULL))
        rc = add_quantity(acc, rec, year, product, swap ? d : o, swap ? o : d);
    return rc;
}

int flow_i_accum_merge(flow_dataset *ds, flow_read_report *report, const flow_i_accum *acc)
{
    struct flow_i_merge_counts counts;
    int rc = flow_i_dataset_merge_kinds(ds, acc->ds, acc->file);
    if (rc == FLOW_OK)
        rc = flow_i_dataset_merge(ds, acc->ds, acc->opts->quantity_layer, &counts);
    if (rc == FLOW_OK)
        rc = flow_i_report_merge(report, acc->report, acc->opts->max_rejects_kept);
    if (rc == FLOW_OK && counts.unit_cells > 0)
        rc = acc->opts->strict ? flow_i_fail(FLOW_ERR_VALUE,
                                             "%s: %lld quantities differ from the unit of earlier "
                                             "rows",
                                             acc->file, (long long)counts.unit_cells)
                               : flow_i_report_cells(report, FLOW_REASON_REJECTED,
                                                     "quantity unit differs from the matrix's",
                                                     counts.unit_cells);
    if (rc != FLOW_OK)
        return rc;
    flow_i_report_add_counts(report, 0, 0, counts.duplicates, 0);
    if (counts.unit_rows == 0)
        return FLOW_OK;
    /* Rows whose matrix turned out to have another unit: rejected after all. */
    if (acc->opts->strict)
        return flow_i_fail(FLOW_ERR_VALUE, "%s: %lld rows differ from the unit of earlier rows",
                           acc->file, (long long)counts.unit_rows);
    flow_i_report_add_counts(report, -counts.unit_rows, -counts.unit_rows, -counts.unit_duplicates,
                             -counts.unit_missing);
    return flow_i_report_count(report, FLOW_REASON_REJECTED, "unit differs from the matrix's",
                               counts.unit_rows);
}
