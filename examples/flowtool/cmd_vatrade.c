/*
 * cmd_vatrade.c - "flowtool vatrade": value added in trade on a
 * multi-regional input-output table: gross-export decompositions (WWZ, KWW,
 * Borin & Mancini, VAX), look-through dependence on one origin and the top
 * structural paths of value added, and the structure of the inverse: fields
 * of influence and the multiplier product matrix.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char flowtool_about_vatrade[] =
    "value added in trade: export decompositions, look-through, structural paths";

static const char usage[] = "flowtool vatrade [options] TABLE.csv";
static const char description[] =
    "Reads a wide multi-regional input-output table as \"flowtool io\" does and\n"
    "decomposes gross exports into value added (--method): vax (Johnson & Noguera\n"
    "2012: value added of the exporter absorbed in the importer, next to gross\n"
    "exports; the default), wwz (Wang, Wei & Zhu 2013, 16 terms), kww (Koopman,\n"
    "Wang & Wei 2014, 9 terms, by exporter), bm_source or bm_sink (Borin & Mancini\n"
    "2023: dva, ddc, fva, fdc). --level exporter, pair (default) or sector;\n"
    "--importer CODE keeps the exports to one region; --economy CODE keeps the rows\n"
    "of one exporter. --origin CODE adds the look-through dependence of every\n"
    "sector and region on that origin's value added (face value vs look-through,\n"
    "direct vs via third countries). --paths N adds the N largest structural paths\n"
    "of world value added (pruned below --threshold of the total). --coefficient\n"
    "FROM,TO (REGION/SECTOR codes) with --delta D prints the exact effect on every\n"
    "sector's gross output of raising a(FROM, TO) by D (Sherman-Morrison, no\n"
    "re-inversion). --field-of-influence FROM,TO prints the first-order field of\n"
    "influence of a(FROM, TO) (Sonis & Hewings 1992): F = L(:,FROM) L(TO,:), the\n"
    "change of every Leontief multiplier per unit change of the coefficient.\n"
    "--multiplier-product prints the multiplier product matrix (Sonis, Hewings &\n"
    "Guo 1997), (L 1)(1' L) / (1' L 1), and the --top coefficients a(FROM, TO)\n"
    "with the largest fields of influence (MPM(TO, FROM)).";

struct vatrade_options {
    struct flowtool_common c;
    const char *method, *level, *importer, *origin, *va_row, *x_row, *coefficient, *field;
    int mpm;
    int64_t paths;
    double threshold, delta;
};

static int choice(const char *value, const char *const *names, int count, const char *what)
{
    for (int i = 0; i < count; i++)
        if (strcmp(value, names[i]) == 0)
            return i;
    fprintf(stderr, "flowtool vatrade: unknown %s '%s'\n", what, value);
    return -1;
}

static int64_t region_index(const flow_io_model *m, const char *code)
{
    struct flowtool_io_labels lab = {0};
    int64_t found = -1;
    if (flowtool_io_labels_read(&lab, m) != 0)
        return -2;
    for (int64_t r = 0; found < 0 && r < lab.regions; r++)
        if (strcmp(flowtool_io_region(&lab, r), code) == 0)
            found = r;
    flowtool_io_labels_free(&lab);
    if (found >= 0)
        return found;
    fprintf(stderr, "flowtool vatrade: no region '%s' in the table\n", code);
    return -2;
}

static int decompose(flow_io_model *m, const struct vatrade_options *o)
{
    static const char *const methods[] = {"wwz", "kww", "bm_source", "bm_sink", "vax"};
    static const char *const levels[] = {"exporter", "pair", "sector"};
    int method = choice(o->method, methods, 5, "--method"),
        level = choice(o->level, levels, 3, "--level");
    int64_t importer = o->importer != NULL ? region_index(m, o->importer) : -1;
    if (method < 0 || level < 0 || importer < -1)
        return 2;
    flow_table *t = NULL;
    if (flow_va_decompose(&t, m, method, level, importer) != FLOW_OK)
        return flowtool_fail("decomposition");
    char title[128];
    snprintf(title, sizeof title, "Gross exports in value added (%s, by %s)", o->method, o->level);
    /* Rows: exporters (level 0), exporter / importer pairs or exporter / sector. */
    static const char *const group_headers[] = {"", "from", "region"};
    static const char *const label_headers[] = {"region", "to", "sector"};
    int rc = flowtool_print_result(t, title, group_headers[level], label_headers[level],
                                   o->c.economy, o->c.format);
    flow_table_free(t);
    return rc;
}

static int look_through(flow_io_model *m, const struct vatrade_options *o)
{
    int64_t origin = region_index(m, o->origin);
    if (origin < 0)
        return 2;
    flow_table *inputs = NULL, *final = NULL;
    if (flow_io_look_through(&inputs, &final, m, origin) != FLOW_OK)
        return flowtool_fail("look-through");
    char title[128];
    snprintf(title, sizeof title, "Look-through dependence of inputs on %s (per unit of output)",
             o->origin);
    int rc = flowtool_print_result(inputs, title, "region", "sector", NULL, o->c.format);
    snprintf(title, sizeof title, "Look-through dependence of final demand on %s (shares)",
             o->origin);
    rc |= flowtool_print_result(final, title, "", "region", NULL, o->c.format);
    flow_table_free(inputs);
    flow_table_free(final);
    return rc;
}

static int structural_paths(flow_io_model *m, const struct vatrade_options *o)
{
    flow_table *paths = NULL, *summary = NULL;
    if (flow_io_structural_paths(&paths, &summary, m, NULL, NULL, o->paths, o->threshold, 12) !=
        FLOW_OK)
        return flowtool_fail("structural paths");
    int rc =
        flowtool_print_result(paths, "Largest structural paths of value added (source > product)",
                              "", "path", NULL, o->c.format);
    rc |= flowtool_print_result(summary, "Structural path search", "", "", NULL, o->c.format);
    flow_table_free(paths);
    flow_table_free(summary);
    return rc;
}

/* Model index of "REGION/SECTOR", or -1 after a message. */
static int64_t node_index(const flow_io_model *m, const char *code, size_t len)
{
    struct flowtool_io_labels lab = {0};
    int64_t found = -1;
    if (flowtool_io_labels_read(&lab, m) != 0)
        return -1;
    for (int64_t i = 0; found < 0 && i < lab.n; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s/%s", flowtool_io_region(&lab, i / lab.sectors),
                 flowtool_io_sector(&lab, i % lab.sectors));
        if (strlen(name) == len && strncmp(name, code, len) == 0)
            found = i;
    }
    flowtool_io_labels_free(&lab);
    if (found >= 0)
        return found;
    fprintf(stderr, "flowtool vatrade: no sector '%.*s' (REGION/SECTOR) in the table\n", (int)len,
            code);
    return -1;
}

/* Model indices of the coefficient "FROM,TO" given to option, or -1 after a message. */
static int coefficient_indices(const flow_io_model *m, const char *spec, const char *option,
                               int64_t *i, int64_t *j)
{
    const char *comma = strchr(spec, ',');
    if (comma == NULL) {
        fprintf(stderr, "flowtool vatrade: %s takes FROM,TO\n", option);
        return -1;
    }
    *i = node_index(m, spec, (size_t)(comma - spec));
    *j = node_index(m, comma + 1, strlen(comma + 1));
    return *i < 0 || *j < 0 ? -1 : 0;
}

static int coefficient_change(flow_io_model *m, const struct vatrade_options *o)
{
    int64_t i = 0, j = 0;
    if (coefficient_indices(m, o->coefficient, "--coefficient", &i, &j) != 0)
        return 2;
    flow_table *t = NULL;
    if (flow_io_coefficient_change(&t, m, i, j, o->delta) != FLOW_OK)
        return flowtool_fail("coefficient change");
    char title[160];
    snprintf(title, sizeof title, "Gross output when a(%s) rises by %g", o->coefficient, o->delta);
    int rc = flowtool_print_result(t, title, "region", "sector", NULL, o->c.format);
    flow_table_free(t);
    return rc;
}

static int field_of_influence(flow_io_model *m, const struct vatrade_options *o)
{
    int64_t i = 0, j = 0;
    if (coefficient_indices(m, o->field, "--field-of-influence", &i, &j) != 0)
        return 2;
    flow_table *t = NULL;
    if (flow_io_field_of_influence(&t, m, i, j) != FLOW_OK)
        return flowtool_fail("field of influence");
    char title[160];
    snprintf(title, sizeof title, "Field of influence of a(%s): dL/da", o->field);
    int rc = flowtool_print_result(t, title, "region", "sector", NULL, o->c.format);
    flow_table_free(t);
    return rc;
}

/* The top entries of the multiplier product matrix, read transposed: MPM_ji
 * V is the total of the field of influence of a_ij, so these are the
 * coefficients whose change moves the inverse most. */
static int print_key_coefficients(const flow_table *mpm, int64_t top, int format)
{
    int64_t n = flow_table_rows(mpm), nn = n * n;
    const double *v = flow_table_values(mpm);
    int64_t room = top < nn ? (top > 0 ? top : 0) : nn, kept = 0;
    int64_t *order = malloc((size_t)(room > 0 ? room : 1) * sizeof *order);
    if (order == NULL)
        return 1;
    for (int64_t k = 0; k < nn; k++) { /* insertion into the top list, largest first */
        int64_t at = kept;
        if (kept < room)
            kept++;
        else if (room == 0 || !(v[k] > v[order[room - 1]]))
            continue;
        else
            at = room - 1;
        for (; at > 0 && v[order[at - 1]] < v[k]; at--)
            order[at] = order[at - 1];
        order[at] = k;
    }
    const char *headers[] = {"rank", "from", "to", "mpm"};
    flowtool_table *out = flowtool_table_new(
        "Coefficients with the largest fields of influence (MPM transposed)", 4, headers);
    int rc = out == NULL ? -1 : 0;
    for (int64_t r = 0; rc == 0 && r < kept; r++) {
        int64_t to = order[r] / n, from = order[r] % n; /* MPM_ji belongs to a_ij */
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/%s", flow_table_row_group(mpm, from),
                 flow_table_row_label(mpm, from));
        snprintf(b, sizeof b, "%s/%s", flow_table_row_group(mpm, to),
                 flow_table_row_label(mpm, to));
        rc |= flowtool_table_integer(out, r + 1) | flowtool_table_text(out, a) |
              flowtool_table_text(out, b) | flowtool_table_number(out, v[order[r]]);
    }
    free(order);
    flowtool_table_finish(out, rc, format);
    return rc == 0 ? 0 : 1;
}

static int multiplier_product(flow_io_model *m, const struct vatrade_options *o)
{
    flow_table *t = NULL;
    if (flow_io_multiplier_product(&t, m) != FLOW_OK)
        return flowtool_fail("multiplier product matrix");
    int rc = flowtool_print_result(t, "Multiplier product matrix (f b' / V)", "region", "sector",
                                   NULL, o->c.format) |
             print_key_coefficients(t, o->c.top, o->c.format);
    flow_table_free(t);
    return rc;
}

int flowtool_cmd_vatrade(int argc, char **argv)
{
    struct vatrade_options o = {
        .method = "vax", .level = "pair", .va_row = "VA", .x_row = "X", .threshold = 1e-4};
    flowtool_common_init(&o.c);
    const struct flowtool_option options[] = {
        FLOWTOOL_COMMON_OPTIONS(&o.c),
        {"method", FLOWTOOL_STRING, &o.method, "M", "vax (default), wwz, kww, bm_source, bm_sink"},
        {"level", FLOWTOOL_STRING, &o.level, "L", "exporter, pair (default) or sector"},
        {"importer", FLOWTOOL_STRING, &o.importer, "CODE", "only the exports to this region"},
        {"origin", FLOWTOOL_STRING, &o.origin, "CODE", "look-through dependence on this region"},
        {"paths", FLOWTOOL_INT, &o.paths, "N", "the N largest structural paths of value added"},
        {"threshold", FLOWTOOL_DOUBLE, &o.threshold, "T",
         "structural paths: prune below T of the total (default 1e-4)"},
        {"coefficient", FLOWTOOL_STRING, &o.coefficient, "FROM,TO",
         "effect of changing a(FROM, TO), REGION/SECTOR codes"},
        {"delta", FLOWTOOL_DOUBLE, &o.delta, "D",
         "--coefficient: change of the coefficient (0.01)"},
        {"field-of-influence", FLOWTOOL_STRING, &o.field, "FROM,TO",
         "dL/da(FROM, TO): how the inverse moves with one coefficient"},
        {"multiplier-product", FLOWTOOL_FLAG, &o.mpm, NULL,
         "multiplier product matrix and the --top key coefficients"},
        {"va-row", FLOWTOOL_STRING, &o.va_row, "LABEL", "value-added row of the table (VA)"},
        {"x-row", FLOWTOOL_STRING, &o.x_row, "LABEL", "gross-output row of the table (X)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = NULL;
    int nfiles = 0, rc = 2;
    flow_io_model *m = NULL;
    if (flowtool_parse_files(argc, argv, usage, description, options, &files, &nfiles, &rc)) {
        if (nfiles != 1) {
            fprintf(stderr, "usage: %s\n", usage);
            rc = 2;
        } else if (flowtool_io_load(files[0], o.va_row, o.x_row, o.c.strict, &m) != 0) {
            rc = 1;
        } else {
            rc = decompose(m, &o);
            if (rc == 0 && o.origin != NULL)
                rc = look_through(m, &o);
            if (rc == 0 && o.paths > 0)
                rc = structural_paths(m, &o);
            if (rc == 0 && o.coefficient != NULL)
                rc = coefficient_change(m, &o);
            if (rc == 0 && o.field != NULL)
                rc = field_of_influence(m, &o);
            if (rc == 0 && o.mpm)
                rc = multiplier_product(m, &o);
        }
    }
    flow_io_model_free(m);
    free(files);
    return rc;
}
