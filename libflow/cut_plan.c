/*
 * cut_plan.c - a scenario resolved once into a cut plan (cut_plan.h): names
 * to axis indices, rates to blocks per layer and product, and the sets of
 * each system taken from the plan by index.
 */
#include "cut_plan.h"
#include "sector_cut_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void flow_i_cut_plan_clear(flow_i_cut_plan *plan)
{
    free(plan->name);
    for (int64_t i = 0; i < plan->nmentions; i++) {
        free(plan->mentions[i].code);
        free(plan->mentions[i].group);
    }
    free(plan->mentions);
    for (int64_t b = 0; b < plan->nblocks; b++) {
        free(plan->blocks[b].layer);
        free(plan->blocks[b].product);
    }
    free(plan->blocks);
    for (int64_t b = 0; b < plan->nio; b++)
        free(plan->io[b].mask);
    free(plan->io);
    memset(plan, 0, sizeof *plan);
}

static int64_t find_code(const char *const *codes, int64_t n, const char *code)
{
    for (int64_t r = 0; r < n; r++)
        if (strcmp(codes[r], code) == 0)
            return r;
    return -1;
}

static const flow_i_group *find_group(const flow_scenario *s, const char *name)
{
    for (int64_t g = 0; g < s->group_count; g++)
        if (strcmp(s->groups[g].name, name) == 0)
            return &s->groups[g];
    return NULL;
}

/* Appends one mention (strings copied). */
static int add_mention(flow_i_cut_plan *plan, int64_t *cap, const flow_i_plan_mention *m)
{
    if (plan->nmentions == *cap) {
        int64_t grown = *cap ? 2 * *cap : 16;
        flow_i_plan_mention *list = flow_i_malloc(grown, sizeof *list);
        if (list == NULL)
            return FLOW_ERR_NOMEM;
        if (plan->nmentions > 0)
            memcpy(list, plan->mentions, (size_t)plan->nmentions * sizeof *list);
        free(plan->mentions);
        plan->mentions = list;
        *cap = grown;
    }
    flow_i_plan_mention copy = *m;
    copy.code = flow_i_strdup(m->code);
    copy.group = m->group ? flow_i_strdup(m->group) : NULL;
    if (copy.code == NULL || (m->group && copy.group == NULL)) {
        free(copy.code);
        free(copy.group);
        return FLOW_ERR_NOMEM;
    }
    plan->mentions[plan->nmentions++] = copy;
    return FLOW_OK;
}

/* The mentions of one name: a group's members, or the name itself. */
static int resolve_name(flow_i_cut_plan *plan, int64_t *cap, const flow_scenario *s,
                        const char *const *codes, int64_t n, const char *name, unsigned char set,
                        int64_t via)
{
    flow_i_plan_mention m = {NULL, NULL, -1, set, INFINITY, NAN};
    if (via >= 0) {
        m.capacity = s->capacity[via];
        m.weight = s->weight[via];
    }
    const flow_i_group *g = find_group(s, name);
    if (g == NULL) {
        m.code = (char *)name;
        m.index = find_code(codes, n, name);
        return add_mention(plan, cap, &m);
    }
    int rc = FLOW_OK;
    m.group = (char *)name;
    for (int64_t k = 0; rc == FLOW_OK && k < g->members.count; k++) {
        m.code = g->members.items[k];
        m.index = find_code(codes, n, m.code);
        rc = add_mention(plan, cap, &m);
    }
    return rc;
}

/* The scenario's groups as they are defined (set 0), for the plan's table. */
static int add_group_definitions(flow_i_cut_plan *plan, int64_t *cap, const flow_scenario *s,
                                 const char *const *codes, int64_t n)
{
    int rc = FLOW_OK;
    for (int64_t g = 0; g < s->group_count; g++)
        for (int64_t k = 0; rc == FLOW_OK && k < s->groups[g].members.count; k++) {
            const char *code = s->groups[g].members.items[k];
            flow_i_plan_mention m = {
                (char *)code, s->groups[g].name, find_code(codes, n, code), 0, NAN, NAN};
            rc = add_mention(plan, cap, &m);
        }
    return rc;
}

int flow_i_cut_plan_resolve(flow_i_cut_plan *plan, const flow_scenario *s, const char *const *codes,
                            int64_t n)
{
    int64_t cap = 0;
    memset(plan, 0, sizeof *plan);
    plan->direction = s->direction;
    plan->channels = s->channels;
    plan->markup = s->markup;
    plan->throughput = s->throughput;
    plan->min_share = s->min_share;
    plan->axis = n;
    plan->sector_blocks = s->sector_cut ? s->sector_cut->nblocks : 0;
    int rc = (plan->name = flow_i_strdup(s->name)) ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < s->sanctioning.count; i++)
        rc = resolve_name(plan, &cap, s, codes, n, s->sanctioning.items[i], FLOW_I_IN_S, -1);
    for (int64_t i = 0; rc == FLOW_OK && i < s->target.count; i++)
        rc = resolve_name(plan, &cap, s, codes, n, s->target.items[i], FLOW_I_IN_T, -1);
    for (int64_t i = 0; rc == FLOW_OK && i < s->via.count; i++)
        rc = resolve_name(plan, &cap, s, codes, n, s->via.items[i], FLOW_I_VIA, i);
    if (rc == FLOW_OK)
        rc = add_group_definitions(plan, &cap, s, codes, n);
    if (rc != FLOW_OK)
        flow_i_cut_plan_clear(plan);
    return rc;
}

static const char *any_if_empty(const char *s)
{
    return (s == NULL || s[0] == '\0') ? "*" : s;
}

const flow_i_plan_block *flow_i_cut_plan_block(const flow_i_cut_plan *plan, const char *layer,
                                               const char *product)
{
    layer = any_if_empty(layer);
    product = any_if_empty(product);
    for (int64_t b = 0; b < plan->nblocks; b++)
        if (strcmp(plan->blocks[b].layer, layer) == 0 &&
            strcmp(plan->blocks[b].product, product) == 0)
            return &plan->blocks[b];
    return NULL;
}

int flow_i_cut_plan_add_block(flow_i_cut_plan *plan, const flow_scenario *s, const char *layer,
                              const char *product, int kind)
{
    layer = any_if_empty(layer);
    product = any_if_empty(product);
    if (flow_i_cut_plan_block(plan, layer, product) != NULL)
        return FLOW_OK;
    flow_i_plan_block *grown = flow_i_malloc(plan->nblocks + 1, sizeof *grown);
    if (grown == NULL)
        return FLOW_ERR_NOMEM;
    if (plan->nblocks > 0)
        memcpy(grown, plan->blocks, (size_t)plan->nblocks * sizeof *grown);
    free(plan->blocks);
    plan->blocks = grown;
    flow_i_plan_block *b = &plan->blocks[plan->nblocks];
    b->layer = flow_i_strdup(layer);
    b->product = flow_i_strdup(product);
    if (b->layer == NULL || b->product == NULL) {
        free(b->layer);
        free(b->product);
        return FLOW_ERR_NOMEM;
    }
    b->severity = flow_i_rate_lookup(s->severity, s->severity_count, layer, product);
    b->rho = flow_i_rate_lookup(s->substitution, s->substitution_count, layer, product);
    /* The scenario's declaration of a layer's kind wins over the dataset's. */
    if (flow_i_names_find(&s->stock_layers, layer) >= 0)
        b->kind = FLOW_LAYER_STOCK;
    else if (flow_i_names_find(&s->flow_layers, layer) >= 0)
        b->kind = FLOW_LAYER_FLOW;
    else
        b->kind = kind;
    plan->nblocks++;
    return FLOW_OK;
}

int flow_i_cut_plan_for_regions(flow_i_cut_plan *plan, const flow_scenario *s,
                                const char *const *codes, int64_t n, const flow_shock_options *o)
{
    memset(plan, 0, sizeof *plan);
    int rc = flow_i_scenario_refuse_sector_cuts(s);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_resolve(plan, s, codes, n);
    if (rc == FLOW_OK &&
        (rc = flow_i_cut_plan_add_block(plan, s, o->layer, o->product, -1)) != FLOW_OK)
        flow_i_cut_plan_clear(plan);
    return rc;
}

/* The plan against a dataset, sector-specific cuts allowed (they are only counted). */
static int dataset_plan(flow_i_cut_plan *plan, const flow_scenario *s, const flow_dataset *ds,
                        const flow_shock_options *o)
{
    const flow_labels *labels = flow_dataset_economies(ds);
    int64_t n = flow_dataset_economy_count(ds), nk = flow_dataset_matrix_count(ds);
    const char **codes = flow_i_malloc(n > 0 ? n : 1, sizeof *codes);
    memset(plan, 0, sizeof *plan);
    int rc = codes ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        codes[i] = flow_labels_code(labels, i);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_resolve(plan, s, codes, n);
    for (int64_t k = 0; rc == FLOW_OK && k < nk; k++) {
        const char *layer, *product;
        int64_t year;
        flow_dataset_matrix_key(ds, k, &layer, &year, &product);
        rc = flow_i_cut_plan_add_block(plan, s, layer, product, flow_dataset_layer_kind(ds, layer));
    }
    if (rc == FLOW_OK && o != NULL)
        rc = flow_i_cut_plan_add_block(
            plan, s, o->layer, o->product,
            strcmp(o->layer, "*") != 0 ? flow_dataset_layer_kind(ds, o->layer) : -1);
    if (rc != FLOW_OK)
        flow_i_cut_plan_clear(plan);
    free(codes);
    return rc;
}

int flow_i_cut_plan_for_dataset(flow_i_cut_plan *plan, const flow_scenario *s,
                                const flow_dataset *ds, const flow_shock_options *o)
{
    memset(plan, 0, sizeof *plan);
    int rc = flow_i_scenario_refuse_sector_cuts(s);
    return rc == FLOW_OK ? dataset_plan(plan, s, ds, o) : rc;
}

/* Marks region r with a mention's set (and an intermediary's capacity and weight). */
static void mark(flow_i_shock_sets *sets, int64_t r, const flow_i_plan_mention *m)
{
    sets->flags[r] |= m->set;
    if (m->set == FLOW_I_VIA) {
        sets->capacity[r] = m->capacity;
        sets->weight[r] = m->weight;
    }
}

static int sets_alloc(flow_i_shock_sets *sets, int64_t regions)
{
    memset(sets, 0, sizeof *sets);
    sets->regions = regions;
    sets->flags = flow_i_calloc(regions, sizeof *sets->flags);
    sets->capacity = flow_i_malloc(regions, sizeof *sets->capacity);
    sets->weight = flow_i_malloc(regions, sizeof *sets->weight);
    if (regions > 0 && (sets->flags == NULL || sets->capacity == NULL || sets->weight == NULL)) {
        flow_i_shock_sets_clear(sets);
        return FLOW_ERR_NOMEM;
    }
    for (int64_t r = 0; r < regions; r++) {
        sets->capacity[r] = INFINITY;
        sets->weight[r] = NAN;
    }
    return FLOW_OK;
}

/* region_of[a] = the system region of axis index a, -1 outside the system. */
static int64_t *axis_to_region(const flow_i_cut_plan *plan, const int64_t *axis_of, int64_t regions)
{
    int64_t *region_of = flow_i_malloc(plan->axis > 0 ? plan->axis : 1, sizeof *region_of);
    if (region_of == NULL)
        return NULL;
    for (int64_t a = 0; a < plan->axis; a++)
        region_of[a] = axis_of ? -1 : (a < regions ? a : -1);
    for (int64_t r = 0; axis_of && r < regions; r++)
        if (axis_of[r] >= 0 && axis_of[r] < plan->axis)
            region_of[axis_of[r]] = r;
    return region_of;
}

int flow_i_cut_plan_sets(flow_i_shock_sets *sets, const flow_i_cut_plan *plan,
                         const int64_t *axis_of, int64_t regions, int64_t only_s)
{
    int64_t *region_of = axis_to_region(plan, axis_of, regions);
    int rc = region_of ? sets_alloc(sets, regions) : FLOW_ERR_NOMEM;
    if (only_s >= 0 && rc == FLOW_OK)
        sets->flags[only_s] |= FLOW_I_IN_S;
    for (int64_t i = 0; rc == FLOW_OK && i < plan->nmentions; i++) {
        const flow_i_plan_mention *m = &plan->mentions[i];
        if (m->set == 0 || (only_s >= 0 && m->set == FLOW_I_IN_S))
            continue; /* a group's definition, or S replaced by one member */
        int64_t r = m->index >= 0 ? region_of[m->index] : -1;
        if (r >= 0)
            mark(sets, r, m);
        else if (m->group != NULL || m->set == FLOW_I_VIA)
            sets->skipped++; /* a member or candidate route the system does not have */
        else
            rc = flow_i_fail(FLOW_ERR_UNKNOWN_LABEL,
                             "scenario '%s': '%s' is neither a group of the scenario nor a "
                             "region of the model",
                             plan->name, m->code);
    }
    for (int64_t r = 0; rc == FLOW_OK && r < regions; r++) {
        sets->n_sanctioning += (sets->flags[r] & FLOW_I_IN_S) != 0;
        sets->n_target += (sets->flags[r] & FLOW_I_IN_T) != 0;
    }
    if (rc != FLOW_OK && region_of != NULL)
        flow_i_shock_sets_clear(sets);
    free(region_of);
    return rc;
}

/* ------------------------------------------------------------ the plan as a table */

/*
 * The plan of a scenario on its own: names unresolved (index -1), one block
 * per (layer, product) the scenario states a rate or kind for, and the
 * options' one.
 */
static int scenario_plan(flow_i_cut_plan *plan, const flow_scenario *s, const flow_shock_options *o)
{
    int rc = flow_i_cut_plan_resolve(plan, s, NULL, 0);
    for (int64_t i = 0; rc == FLOW_OK && i < s->severity_count; i++)
        rc = flow_i_cut_plan_add_block(plan, s, s->severity[i].layer, s->severity[i].product, -1);
    for (int64_t i = 0; rc == FLOW_OK && i < s->substitution_count; i++)
        rc = flow_i_cut_plan_add_block(plan, s, s->substitution[i].layer,
                                       s->substitution[i].product, -1);
    for (int64_t i = 0; rc == FLOW_OK && i < s->stock_layers.count; i++)
        rc = flow_i_cut_plan_add_block(plan, s, s->stock_layers.items[i], "*", -1);
    for (int64_t i = 0; rc == FLOW_OK && i < s->flow_layers.count; i++)
        rc = flow_i_cut_plan_add_block(plan, s, s->flow_layers.items[i], "*", -1);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_add_block(plan, s, o->layer, o->product, -1);
    if (rc != FLOW_OK)
        flow_i_cut_plan_clear(plan);
    return rc;
}

enum { PC_INDEX, PC_CAPACITY, PC_WEIGHT, PC_SEVERITY, PC_RHO, PC_KIND, PC_COLUMNS };

static const char *const plan_columns[PC_COLUMNS] = {"index",    "capacity", "weight",
                                                     "severity", "rho",      "kind"};

/* The row group of a mention: its set, with ":group" for a group's member; "group:G". */
static int mention_group(char *buf, size_t cap, const flow_i_plan_mention *m)
{
    const char *set = m->set == FLOW_I_IN_S   ? "sanctioning"
                      : m->set == FLOW_I_IN_T ? "target"
                      : m->set == FLOW_I_VIA  ? "intermediary"
                                              : "group";
    int len = m->group != NULL ? snprintf(buf, cap, "%s:%s", set, m->group)
                               : snprintf(buf, cap, "%s", set);
    return len >= 0 && (size_t)len < cap
               ? FLOW_OK
               : flow_i_fail(FLOW_ERR_OVERFLOW, "scenario plan: group name too long");
}

static int plan_scalars(flow_table *t, const flow_i_cut_plan *plan)
{
    int64_t skipped = 0;
    for (int64_t i = 0; i < plan->nmentions; i++) {
        const flow_i_plan_mention *m = &plan->mentions[i];
        skipped += m->set != 0 && m->index < 0 && (m->group != NULL || m->set == FLOW_I_VIA);
    }
    const struct {
        const char *name;
        double value;
    } scalars[] = {{"direction", plan->direction},
                   {"channels", plan->channels},
                   {"markup", plan->markup},
                   {"throughput", plan->throughput},
                   {"min_share", plan->min_share},
                   {"economies", (double)plan->axis},
                   {"skipped", plan->axis > 0 ? (double)skipped : NAN},
                   {"sector_blocks", (double)plan->sector_blocks}};
    int rc = FLOW_OK;
    for (size_t i = 0; rc == FLOW_OK && i < sizeof scalars / sizeof *scalars; i++)
        rc = flow_table_set_scalar(t, scalars[i].name, scalars[i].value);
    return rc;
}

int flow_i_cut_plan_table(flow_table **out, const flow_i_cut_plan *plan)
{
    int64_t rows = plan->nmentions + plan->nblocks;
    char group[512], label[1024];
    int rc = flow_i_table_new_columns(out, rows, PC_COLUMNS, plan_columns);
    double *v = rc == FLOW_OK ? flow_i_table_values(*out) : NULL;
    for (int64_t i = 0; rc == FLOW_OK && i < plan->nmentions; i++) {
        const flow_i_plan_mention *m = &plan->mentions[i];
        double *row = v + i * PC_COLUMNS;
        row[PC_INDEX] = (double)m->index;
        row[PC_CAPACITY] = m->set == FLOW_I_VIA ? m->capacity : NAN;
        row[PC_WEIGHT] = m->set == FLOW_I_VIA ? m->weight : NAN;
        row[PC_SEVERITY] = row[PC_RHO] = row[PC_KIND] = NAN;
        if ((rc = mention_group(group, sizeof group, m)) == FLOW_OK)
            rc = flow_table_set_row_label(*out, i, m->code, group);
    }
    for (int64_t b = 0; rc == FLOW_OK && b < plan->nblocks; b++) {
        const flow_i_plan_block *block = &plan->blocks[b];
        double *row = v + (plan->nmentions + b) * PC_COLUMNS;
        row[PC_INDEX] = row[PC_CAPACITY] = row[PC_WEIGHT] = NAN;
        row[PC_SEVERITY] = block->severity;
        row[PC_RHO] = block->rho;
        row[PC_KIND] = block->kind >= 0 ? (double)block->kind : NAN;
        snprintf(label, sizeof label, "%s:%s", block->layer, block->product);
        rc = flow_table_set_row_label(*out, plan->nmentions + b, label, "layer");
    }
    if (rc == FLOW_OK)
        rc = plan_scalars(*out, plan);
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int flow_scenario_plan(flow_table **out, const flow_scenario *scenario, const flow_dataset *dataset,
                       const flow_shock_options *options)
{
    flow_i_cut_plan plan = {0};
    if (out != NULL)
        *out = NULL;
    if (out == NULL || scenario == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "flow_scenario_plan: NULL out or scenario");
    if (options == NULL)
        options = flow_i_shock_default_options();
    int rc = dataset != NULL ? dataset_plan(&plan, scenario, dataset, options)
                             : scenario_plan(&plan, scenario, options);
    if (rc == FLOW_OK)
        rc = flow_i_cut_plan_table(out, &plan);
    flow_i_cut_plan_clear(&plan);
    return rc;
}
