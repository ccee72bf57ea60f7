/*
 * labels.c - label sets (code -> dense index) and aggregations.
 *
 * Codes and aliases share one open-addressing hash table of keys -> index.
 * Keys made only of digits are stored without leading zeros, so numeric
 * codes written as "4", "04" or "004" are one key.
 */
#include "labels_internal.h"
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    char *key; /* normalised; NULL = empty slot */
    int64_t index;
};

struct flow_labels {
    int64_t count;
    int64_t cap;
    char **codes;
    char **names;
    struct slot *slots;
    int64_t nslots; /* power of two */
    int64_t nkeys;
};

struct mapping {
    char *member;
    char *group;
};

struct flow_aggregation {
    struct mapping *pairs;
    int64_t count;
    int64_t cap;
};

/* Digit-only keys lose their leading zeros (but "0" stays "0"). */
static void normalise(const char **s, size_t *len)
{
    size_t i = 0;
    for (i = 0; i < *len; i++)
        if ((*s)[i] < '0' || (*s)[i] > '9')
            return;
    while (*len > 1 && (*s)[0] == '0') {
        (*s)++;
        (*len)--;
    }
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Slot holding key s (normalised), or the empty slot where it would go. */
static struct slot *probe(const flow_labels *labels, const char *s, size_t len)
{
    uint64_t mask = (uint64_t)labels->nslots - 1;
    uint64_t i = hash_bytes(s, len) & mask;
    for (;;) {
        struct slot *slot = &labels->slots[i];
        if (slot->key == NULL || (strlen(slot->key) == len && memcmp(slot->key, s, len) == 0))
            return slot;
        i = (i + 1) & mask;
    }
}

int flow_i_labels_lookup(const flow_labels *labels, const char *s, size_t len, int64_t *index)
{
    if (labels == NULL || labels->nslots == 0)
        return 0;
    normalise(&s, &len);
    const struct slot *slot = probe(labels, s, len);
    if (slot->key == NULL)
        return 0;
    *index = slot->index;
    return 1;
}

/* Keeps the table at most half full so that probes stay short. */
static int grow_slots(flow_labels *labels)
{
    if (labels->nslots > 0 && (labels->nkeys + 1) * 2 <= labels->nslots)
        return FLOW_OK;
    int64_t nslots = labels->nslots > 0 ? labels->nslots * 2 : 64;
    struct slot *old = labels->slots;
    int64_t old_n = labels->nslots;
    labels->slots = flow_i_calloc(nslots, sizeof *labels->slots);
    if (labels->slots == NULL) {
        labels->slots = old;
        return FLOW_ERR_NOMEM;
    }
    labels->nslots = nslots;
    for (int64_t i = 0; i < old_n; i++)
        if (old[i].key != NULL)
            *probe(labels, old[i].key, strlen(old[i].key)) = old[i];
    free(old);
    return FLOW_OK;
}

/* Inserts key -> index; an existing key keeps its index (returned in *found). */
static int insert_key(flow_labels *labels, const char *key, int64_t index, int64_t *found)
{
    int rc = grow_slots(labels);
    if (rc != FLOW_OK)
        return rc;
    size_t len = strlen(key);
    normalise(&key, &len);
    struct slot *slot = probe(labels, key, len);
    if (slot->key != NULL) {
        *found = slot->index;
        return FLOW_OK;
    }
    slot->key = flow_i_malloc((int64_t)len + 1, 1);
    if (slot->key == NULL)
        return FLOW_ERR_NOMEM;
    memcpy(slot->key, key, len);
    slot->key[len] = '\0';
    slot->index = index;
    labels->nkeys++;
    *found = index;
    return FLOW_OK;
}

int flow_labels_new(flow_labels **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_new: out is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    return *out == NULL ? FLOW_ERR_NOMEM : FLOW_OK;
}

void flow_labels_free(flow_labels *labels)
{
    if (labels == NULL)
        return;
    for (int64_t i = 0; i < labels->count; i++) {
        free(labels->codes[i]);
        free(labels->names[i]);
    }
    for (int64_t i = 0; i < labels->nslots; i++)
        free(labels->slots[i].key);
    free(labels->codes);
    free(labels->names);
    free(labels->slots);
    free(labels);
}

int64_t flow_labels_count(const flow_labels *labels)
{
    return labels ? labels->count : 0;
}

static int grow_labels(flow_labels *labels)
{
    if (labels->count < labels->cap)
        return FLOW_OK;
    int64_t cap = labels->cap > 0 ? labels->cap * 2 : 16;
    char **codes = realloc(labels->codes, (size_t)cap * sizeof *codes);
    if (codes == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    labels->codes = codes;
    char **names = realloc(labels->names, (size_t)cap * sizeof *names);
    if (names == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    labels->names = names;
    labels->cap = cap;
    return FLOW_OK;
}

int flow_labels_add(flow_labels *labels, const char *code, const char *name, int64_t *index)
{
    int rc = FLOW_OK;
    int64_t found = 0;
    if (labels == NULL || code == NULL || code[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "a label needs a non-empty code");
    if (!flow_i_utf8_valid(code, strlen(code)))
        return flow_i_fail(FLOW_ERR_VALUE, "label code '%s' is not valid UTF-8", code);
    if (flow_i_labels_lookup(labels, code, strlen(code), &found)) {
        if (index != NULL)
            *index = found;
        return FLOW_OK;
    }
    if ((rc = grow_labels(labels)) != FLOW_OK)
        return rc;
    char *c = flow_i_strdup(code);
    char *n = flow_i_strdup(name != NULL ? name : code);
    if (c == NULL || n == NULL) {
        free(c);
        free(n);
        return FLOW_ERR_NOMEM;
    }
    if ((rc = insert_key(labels, code, labels->count, &found)) != FLOW_OK) {
        free(c);
        free(n);
        return rc;
    }
    labels->codes[labels->count] = c;
    labels->names[labels->count] = n;
    if (index != NULL)
        *index = labels->count;
    labels->count++;
    return FLOW_OK;
}

int flow_labels_add_alias(flow_labels *labels, const char *alias, const char *target)
{
    int64_t index = 0;
    int64_t found = 0;
    if (labels == NULL || alias == NULL || target == NULL || alias[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "an alias needs a non-empty name and target");
    int rc = flow_labels_find(labels, target, &index);
    if (rc != FLOW_OK)
        return rc;
    if ((rc = insert_key(labels, alias, index, &found)) != FLOW_OK)
        return rc;
    if (found != index)
        return flow_i_fail(FLOW_ERR_STATE, "alias '%s' already means '%s', not '%s'", alias,
                           labels->codes[found], labels->codes[index]);
    return FLOW_OK;
}

int flow_labels_find(const flow_labels *labels, const char *code, int64_t *index)
{
    if (labels == NULL || code == NULL || index == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_find: NULL argument");
    if (!flow_i_labels_lookup(labels, code, strlen(code), index))
        return flow_i_fail(FLOW_ERR_NOT_FOUND, "unknown code '%s'", code);
    return FLOW_OK;
}

const char *flow_labels_code(const flow_labels *labels, int64_t index)
{
    return labels != NULL && index >= 0 && index < labels->count ? labels->codes[index] : NULL;
}

const char *flow_labels_name(const flow_labels *labels, int64_t index)
{
    return labels != NULL && index >= 0 && index < labels->count ? labels->names[index] : NULL;
}

int flow_labels_new_iso3166(flow_labels **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_new_iso3166: out is NULL");
    flow_labels *labels = NULL;
    int rc = flow_labels_new(&labels);
    for (int64_t i = 0; rc == FLOW_OK && i < flow_i_iso3166_count; i++) {
        const struct flow_i_iso3166 *e = &flow_i_iso3166_table[i];
        rc = flow_labels_add(labels, e->alpha3, e->name, NULL);
        if (rc == FLOW_OK)
            rc = flow_labels_add_alias(labels, e->numeric, e->alpha3);
    }
    if (rc != FLOW_OK) {
        flow_labels_free(labels);
        labels = NULL;
    }
    *out = labels;
    return rc;
}

/* Copies the aliases of old label `from` (every key but its code) to new label `to`. */
static int copy_aliases(flow_labels *dst, int64_t to, const flow_labels *src, int64_t from)
{
    int64_t found = 0;
    for (int64_t i = 0; i < src->nslots; i++) {
        const struct slot *slot = &src->slots[i];
        if (slot->key == NULL || slot->index != from)
            continue;
        int rc = insert_key(dst, slot->key, to, &found);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_labels_clone(flow_labels **out, const flow_labels *labels)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_clone: out is NULL");
    *out = NULL;
    if (labels == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_clone: NULL labels");
    return flow_labels_aggregate(out, NULL, 0, labels, NULL);
}

/* ------------------------------------------------- code CSVs (mapping, aggregation) */

/* What the mapping and aggregation readers share: the file and where rejects go. */
struct code_csv {
    const char *path;
    const flow_read_options *opts;
    flow_read_report *report;
};

/*
 * A rejected row (column named column, "" for the whole row) whose message
 * was just set with status: strict mode fails with it, otherwise the report
 * keeps it.
 */
static int code_csv_reject(const struct code_csv *c, int status, const char *reason,
                           const struct flow_i_record *rec, const char *column, const char *text)
{
    char message[512];
    snprintf(message, sizeof message, "%s", flow_last_error());
    if (c->opts->strict)
        return status;
    return flow_i_report_reject(c->report, c->opts->max_rejects_kept, reason, c->path, rec->line,
                                column, text, strlen(text), message);
}

/* ---------------------------------------------------------------- mapping CSV */

struct mapping_reader {
    struct code_csv csv;
    flow_labels *labels;
    const char *columns[3]; /* alias, code, name */
    int64_t index[3];
    int have_header;
};

/* Header: find the columns; then one alias per row. */
static int mapping_record(void *userdata, const struct flow_i_record *rec)
{
    struct mapping_reader *m = userdata;
    int64_t target = 0;
    if (!m->have_header) {
        for (int k = 0; k < 3; k++) {
            m->index[k] = m->columns[k] ? flow_i_record_find(rec, m->columns[k]) : -1;
            if (m->columns[k] != NULL && m->index[k] < 0)
                return flow_i_fail(FLOW_ERR_MISSING_COLUMN, "%s: line %lld: no column \"%s\"",
                                   m->csv.path, (long long)rec->line, m->columns[k]);
        }
        m->have_header = 1;
        return FLOW_OK;
    }
    int rc = FLOW_OK;
    for (int k = 0; k < 3; k++)
        if (m->index[k] >= rec->nfields)
            return code_csv_reject(
                &m->csv,
                flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: ragged row of %lld fields", m->csv.path,
                            (long long)rec->line, (long long)rec->nfields),
                "ragged row", rec, "", "");
    for (int k = 0; k < 3; k++)
        if (m->index[k] >= 0 && strlen(rec->fields[m->index[k]]) != rec->lens[m->index[k]])
            return code_csv_reject(&m->csv,
                                   flow_i_fail(FLOW_ERR_PARSE,
                                               "%s: line %lld, column \"%s\": NUL byte in a field",
                                               m->csv.path, (long long)rec->line, m->columns[k]),
                                   "NUL byte in a field", rec, m->columns[k], "");
    const char *alias = rec->fields[m->index[0]];
    const char *code = rec->fields[m->index[1]];
    const char *name = m->index[2] >= 0 ? rec->fields[m->index[2]] : NULL;
    if (alias[0] == '\0' || code[0] == '\0')
        return flow_i_report_count(m->csv.report, FLOW_REASON_FILTERED, "empty alias or code", 1);
    if (!flow_i_labels_lookup(m->labels, code, strlen(code), &target)) {
        if (m->csv.opts->unknown_policy != FLOW_UNKNOWN_ADD) {
            rc =
                code_csv_reject(&m->csv,
                                flow_i_fail(FLOW_ERR_UNKNOWN_LABEL,
                                            "%s: line %lld, column \"%s\": unknown code '%s'",
                                            m->csv.path, (long long)rec->line, m->columns[1], code),
                                "unknown economy code", rec, m->columns[1], code);
            return rc == FLOW_OK
                       ? flow_i_report_unknown(m->csv.report, code, strlen(code), 1, rec->line)
                       : rc;
        }
        if ((rc = flow_labels_add(m->labels, code, name && name[0] ? name : code, NULL)) != FLOW_OK)
            return rc == FLOW_ERR_NOMEM
                       ? rc
                       : code_csv_reject(&m->csv,
                                         flow_i_fail(rc, "%s: line %lld, column \"%s\": %s",
                                                     m->csv.path, (long long)rec->line,
                                                     m->columns[1], flow_last_error()),
                                         "invalid code", rec, m->columns[1], code);
    }
    if ((rc = flow_labels_add_alias(m->labels, alias, code)) != FLOW_OK)
        return rc == FLOW_ERR_NOMEM
                   ? rc
                   : code_csv_reject(&m->csv,
                                     flow_i_fail(rc, "%s: line %lld, column \"%s\": %s",
                                                 m->csv.path, (long long)rec->line, m->columns[0],
                                                 flow_last_error()),
                                     "alias maps to two labels", rec, m->columns[0], alias);
    flow_i_report_add_counts(m->csv.report, 1, 1, 0, 0);
    return FLOW_OK;
}

int flow_labels_read_mapping(flow_labels *labels, const char *path, const char *alias_column,
                             const char *code_column, const char *name_column,
                             const flow_read_options *opts, flow_read_report *report)
{
    flow_read_options *defaults = NULL;
    int rc;
    if (labels == NULL || path == NULL || alias_column == NULL || code_column == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_read_mapping: NULL argument");
    if ((rc = flow_i_options_or_default(&opts, &defaults)) != FLOW_OK)
        return rc;
    flow_i_report_reset(report);
    struct mapping_reader m = {
        {path, opts, report}, labels, {alias_column, code_column, name_column}, {-1, -1, -1}, 0};
    rc = flow_i_scan(path, NULL, 0, opts, mapping_record, &m);
    if (rc == FLOW_OK && !m.have_header)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: empty file (no header)", path);
    flow_read_options_free(defaults);
    return rc;
}

int flow_labels_read_mapping_csv(flow_labels *labels, const char *path, const char *alias_column,
                                 const char *code_column, const char *name_column, int add_unknown)
{
    flow_read_options *opts = NULL;
    int rc = flow_i_strict_code_options(&opts, add_unknown);
    if (rc == FLOW_OK)
        rc = flow_labels_read_mapping(labels, path, alias_column, code_column, name_column, opts,
                                      NULL);
    flow_read_options_free(opts);
    return rc;
}

/* ---------------------------------------------------------------- aggregation */

int flow_aggregation_new(flow_aggregation **out)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_aggregation_new: out is NULL");
    *out = flow_i_calloc(1, sizeof **out);
    return *out == NULL ? FLOW_ERR_NOMEM : FLOW_OK;
}

void flow_aggregation_free(flow_aggregation *agg)
{
    if (agg == NULL)
        return;
    for (int64_t i = 0; i < agg->count; i++) {
        free(agg->pairs[i].member);
        free(agg->pairs[i].group);
    }
    free(agg->pairs);
    free(agg);
}

int flow_aggregation_add(flow_aggregation *agg, const char *member, const char *group)
{
    if (agg == NULL || member == NULL || group == NULL || member[0] == '\0' || group[0] == '\0')
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "an aggregation needs a member and a group");
    if (agg->count == agg->cap) {
        int64_t cap = agg->cap > 0 ? agg->cap * 2 : 16;
        struct mapping *pairs = realloc(agg->pairs, (size_t)cap * sizeof *pairs);
        if (pairs == NULL)
            return flow_i_fail_status(FLOW_ERR_NOMEM);
        agg->pairs = pairs;
        agg->cap = cap;
    }
    char *m = flow_i_strdup(member);
    char *g = flow_i_strdup(group);
    if (m == NULL || g == NULL) {
        free(m);
        free(g);
        return FLOW_ERR_NOMEM;
    }
    agg->pairs[agg->count++] = (struct mapping){m, g};
    return FLOW_OK;
}

struct aggregation_reader {
    struct code_csv csv;
    flow_aggregation *agg;
    const char *columns[2]; /* member, group */
    int64_t index[2];
    int have_header;
};

/* The group member is already in, or NULL. */
static const char *aggregation_group_of(const flow_aggregation *agg, const char *member)
{
    for (int64_t p = 0; p < agg->count; p++)
        if (strcmp(agg->pairs[p].member, member) == 0)
            return agg->pairs[p].group;
    return NULL;
}

/* Why field k of a data row cannot be a member or group code, or NULL. */
static const char *aggregation_bad_field(const struct flow_i_record *rec, int64_t field)
{
    if (strlen(rec->fields[field]) != rec->lens[field])
        return "NUL byte in a field";
    if (!flow_i_utf8_valid(rec->fields[field], rec->lens[field]))
        return "code is not valid UTF-8";
    return NULL;
}

/* Header: find the columns; then one member -> group pair per row. */
static int aggregation_record(void *userdata, const struct flow_i_record *rec)
{
    struct aggregation_reader *a = userdata;
    if (!a->have_header) {
        for (int k = 0; k < 2; k++)
            if ((a->index[k] = flow_i_record_find(rec, a->columns[k])) < 0)
                return flow_i_fail(FLOW_ERR_MISSING_COLUMN, "%s: line %lld: no column \"%s\"",
                                   a->csv.path, (long long)rec->line, a->columns[k]);
        a->have_header = 1;
        return FLOW_OK;
    }
    if (a->index[0] >= rec->nfields || a->index[1] >= rec->nfields)
        return code_csv_reject(&a->csv,
                               flow_i_fail(FLOW_ERR_PARSE,
                                           "%s: line %lld: ragged row of %lld fields", a->csv.path,
                                           (long long)rec->line, (long long)rec->nfields),
                               "ragged row", rec, "", "");
    for (int k = 0; k < 2; k++) {
        const char *why = aggregation_bad_field(rec, a->index[k]);
        if (why != NULL)
            return code_csv_reject(&a->csv,
                                   flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld, column \"%s\": %s",
                                               a->csv.path, (long long)rec->line, a->columns[k],
                                               why),
                                   why, rec, a->columns[k], "");
    }
    const char *member = rec->fields[a->index[0]];
    const char *group = rec->fields[a->index[1]];
    if (member[0] == '\0' || group[0] == '\0')
        return flow_i_report_count(a->csv.report, FLOW_REASON_FILTERED, "empty member or group", 1);
    const char *known = aggregation_group_of(a->agg, member);
    if (known != NULL && strcmp(known, group) != 0)
        return code_csv_reject(
            &a->csv,
            flow_i_fail(FLOW_ERR_STATE,
                        "%s: line %lld, column \"%s\": '%s' is already in group '%s'", a->csv.path,
                        (long long)rec->line, a->columns[1], member, known),
            "member in two groups", rec, a->columns[1], group);
    int rc = known != NULL ? FLOW_OK : flow_aggregation_add(a->agg, member, group);
    if (rc == FLOW_OK)
        flow_i_report_add_counts(a->csv.report, 1, 1, known != NULL, 0);
    return rc;
}

int flow_aggregation_read(flow_aggregation *agg, const char *path, const char *member_column,
                          const char *group_column, const flow_read_options *opts,
                          flow_read_report *report)
{
    flow_read_options *defaults = NULL;
    int rc;
    if (agg == NULL || path == NULL || member_column == NULL || group_column == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_aggregation_read: NULL argument");
    if ((rc = flow_i_options_or_default(&opts, &defaults)) != FLOW_OK)
        return rc;
    flow_i_report_reset(report);
    struct aggregation_reader a = {
        {path, opts, report}, agg, {member_column, group_column}, {-1, -1}, 0};
    rc = flow_i_scan(path, NULL, 0, opts, aggregation_record, &a);
    if (rc == FLOW_OK && !a.have_header)
        rc = flow_i_fail(FLOW_ERR_EMPTY, "%s: empty file (no header)", path);
    flow_read_options_free(defaults);
    return rc;
}

int flow_aggregation_read_csv(flow_aggregation *agg, const char *path, const char *member_column,
                              const char *group_column)
{
    flow_read_options *opts = NULL;
    int rc = flow_i_strict_code_options(&opts, 0);
    if (rc == FLOW_OK)
        rc = flow_aggregation_read(agg, path, member_column, group_column, opts, NULL);
    flow_read_options_free(opts);
    return rc;
}

void flow_i_aggregation_groups(const flow_aggregation *agg, const flow_labels *labels,
                               const char **groups)
{
    int64_t index = 0;
    for (int64_t i = 0; i < labels->count; i++)
        groups[i] = NULL;
    for (int64_t p = 0; agg != NULL && p < agg->count; p++)
        if (flow_i_labels_lookup(labels, agg->pairs[p].member, strlen(agg->pairs[p].member),
                                 &index))
            groups[index] = agg->pairs[p].group;
}

int flow_labels_aggregate(flow_labels **out, int64_t *index_map, int64_t map_len,
                          const flow_labels *labels, const flow_aggregation *agg)
{
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_aggregate: out is NULL");
    int rc = FLOW_OK;
    flow_labels *result = NULL;
    const char **groups = NULL;
    *out = NULL;
    if (labels == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_labels_aggregate: NULL labels");
    if (index_map != NULL && map_len < labels->count)
        return flow_i_fail(FLOW_ERR_BUFFER_TOO_SMALL, "index map of %lld entries for %lld labels",
                           (long long)map_len, (long long)labels->count);
    if ((groups = flow_i_calloc(labels->count, sizeof *groups)) == NULL)
        return FLOW_ERR_NOMEM;
    flow_i_aggregation_groups(agg, labels, groups);
    if ((rc = flow_labels_new(&result)) != FLOW_OK)
        goto cleanup;
    for (int64_t i = 0; i < labels->count; i++) {
        int64_t to = 0;
        int64_t named = 0;
        if (groups[i] != NULL) {
            /* A group that is itself a label of the input keeps that label's name. */
            const char *name = flow_i_labels_lookup(labels, groups[i], strlen(groups[i]), &named)
                                   ? labels->names[named]
                                   : groups[i];
            rc = flow_labels_add(result, groups[i], name, &to);
        } else {
            rc = flow_labels_add(result, labels->codes[i], labels->names[i], &to);
            if (rc == FLOW_OK)
                rc = copy_aliases(result, to, labels, i);
        }
        if (rc != FLOW_OK)
            goto cleanup;
        if (index_map != NULL)
            index_map[i] = to;
    }
    *out = result;
    result = NULL;
cleanup:
    free(groups);
    flow_labels_free(result);
    return rc;
}
