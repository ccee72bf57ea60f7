/*
 * cmd_vatrade.c - "flowtool vatrade": value added in trade on a
 * multi-regional input-output table: gross-export decompositions (WWZ, KWW,
 * Borin & Mancini, VAX), look-through dependence on one origin and the top
 * structural paths of value added.
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
    "re-inversion).";

struct vatrade_options {
    struct flowtool_common c;
    const char *method, *level, *importer, *origin, *va_row, *x_row, *coefficient;
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
    for (int64_t r = 0; r < flow_io_model_region_count(m); r++)
        if (strcmp(flow_io_model_region_code(m, r), code) == 0)
            return r;
    fprintf(stderr, "flowtool vatrade: no region '%s' in the table\n", code);
    return -2;
}

/* Prints a result table under headers for its row group and label; with keep
 * != NULL only rows whose group (or label when ungrouped) equals keep. */
static int print_table(const flow_table *t, const char *title, const char *group_header,
                       const char *label_header, const char *keep, int format)
{
    int64_t cols = flow_table_cols(t),
            grouped = flow_table_rows(t) > 0 && flow_table_row_group(t, 0)[0] != '\0';
    const char **headers = malloc((size_t)(cols + 2) * sizeof *headers);
    if (headers == NULL)
        return 1;
    headers[0] = group_header;
    headers[1] = label_header;
    for (int64_t c = 0; c < cols; c++)
        headers[c + 2] = flow_table_col_label(t, c);
    int shift = grouped ? 0 : 1;
    flowtool_table *out = flowtool_table_new(title, (int)(cols + 2 - shift), headers + shift);
    int rc = out == NULL ? -1 : 0;
    for (int64_t i = 0; rc == 0 && i < flow_table_rows(t); i++) {
        const char *owner = grouped ? flow_table_row_group(t, i) : flow_table_row_label(t, i);
        if (keep != NULL && strcmp(owner, keep) != 0)
            continue;
        if (grouped)
            rc |= flowtool_table_text(out, flow_table_row_group(t, i));
        rc |= flowtool_table_text(out, flow_table_row_label(t, i));
        for (int64_t c = 0; rc == 0 && c < cols; c++)
            rc |= flowtool_table_number(out, flow_table_values(t)[i * cols + c]);
    }
    free(headers);
    flowtool_table_finish(out, rc, format);
    return rc == 0 ? 0 : 1;
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
    int rc = print_table(t, title, level == 1 ? "from" : "region", level == 1 ? "to" : "sector",
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
    int rc = print_table(inputs, title, "region", "sector", NULL, o->c.format);
    snprintf(title, sizeof title, "Look-through dependence of final demand on %s (shares)",
             o->origin);
    rc |= print_table(final, title, "", "region", NULL, o->c.format);
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
    int rc = print_table(paths, "Largest structural paths of value added (source > product)", "",
                         "path", NULL, o->c.format);
    rc |= print_table(summary, "Structural path search", "", "", NULL, o->c.format);
    flow_table_free(paths);
    flow_table_free(summary);
    return rc;
}

/* Model index of "REGION/SECTOR", or -1 after a message. */
static int64_t node_index(const flow_io_model *m, const char *code, size_t len)
{
    int64_t N = flow_io_model_sector_count(m);
    for (int64_t i = 0; i < flow_io_model_order(m); i++) {
        char name[256];
        snprintf(name, sizeof name, "%s/%s", flow_io_model_region_code(m, i / N),
                 flow_io_model_sector_code(m, i % N));
        if (strlen(name) == len && strncmp(name, code, len) == 0)
            return i;
    }
    fprintf(stderr, "flowtool vatrade: no sector '%.*s' (REGION/SECTOR) in the table\n", (int)len,
            code);
    return -1;
}

static int coefficient_change(flow_io_model *m, const struct vatrade_options *o)
{
    const char *comma = strchr(o->coefficient, ',');
    if (comma == NULL) {
        fprintf(stderr, "flowtool vatrade: --coefficient takes FROM,TO\n");
        return 2;
    }
    int64_t i = node_index(m, o->coefficient, (size_t)(comma - o->coefficient)),
            j = node_index(m, comma + 1, strlen(comma + 1));
    if (i < 0 || j < 0)
        return 2;
    flow_table *t = NULL;
    if (flow_io_coefficient_change(&t, m, i, j, o->delta) != FLOW_OK)
        return flowtool_fail("coefficient change");
    char title[160];
    snprintf(title, sizeof title, "Gross output when a(%s) rises by %g", o->coefficient, o->delta);
    int rc = print_table(t, title, "region", "sector", NULL, o->c.format);
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
        {"va-row", FLOWTOOL_STRING, &o.va_row, "LABEL", "value-added row of the table (VA)"},
        {"x-row", FLOWTOOL_STRING, &o.x_row, "LABEL", "gross-output row of the table (X)"},
        {NULL, 0, NULL, NULL, NULL}};
    char **files = malloc((size_t)argc * sizeof *files);
    int nfiles = 0, rc = 2;
    flow_io_model *m = NULL;
    if (files == NULL)
        return 1;
    if (flowtool_parse(argc, argv, usage, description, options, files, &nfiles, &rc)) {
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
        }
    }
    flow_io_model_free(m);
    free(files);
    return rc;
}
