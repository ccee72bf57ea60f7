/*
 * util_load.c - loading CSV files into a dataset for the subcommands.
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Maps --preset to the library's preset; -1 when unknown. */
static int preset_of(const char *name)
{
    if (name == NULL || strcmp(name, "generic") == 0)
        return FLOW_PRESET_GENERIC;
    if (strcmp(name, "baci") == 0)
        return FLOW_PRESET_BACI;
    if (strcmp(name, "comtrade") == 0)
        return FLOW_PRESET_COMTRADE;
    if (strcmp(name, "comext") == 0 || strcmp(name, "comext-annual") == 0)
        return FLOW_PRESET_GENERIC; /* with the columns of comext_columns */
    return -1;
}

/*
 * Eurostat Comext extracts (reporter,partner,flow,period,value_eur monthly;
 * cn8,reporter,partner,year,value_eur annual), in euros. Economies are ISO
 * alpha-2 codes: pass --codes data/codes/iso3166_alpha2.csv.
 */
static int comext_columns(flow_read_options *o, const char *preset)
{
    int annual = strcmp(preset, "comext-annual") == 0;
    const char *const settings[][2] = {{"origin_column", "reporter"},
                                       {"destination_column", "partner"},
                                       {"value_column", "value_eur"},
                                       {"year_column", annual ? "year" : "period"},
                                       {"product_column", annual ? "cn8" : "product"},
                                       {"flow_column", "flow"},
                                       {"unit", "EUR"}};
    int rc = FLOW_OK;
    for (size_t i = 0; rc == FLOW_OK && i < sizeof settings / sizeof settings[0]; i++)
        rc = flow_read_options_set(o, settings[i][0], settings[i][1]);
    return rc;
}

/*
 * Product grouping: --product-digits, else every product code apart (demo
 * files: a few commodities in different units), except for BACI and Comtrade
 * files, whose thousands of HS6 codes are grouped by HS chapter.
 */
static int64_t product_digits(const struct flowtool_common *c)
{
    if (c->product_digits > 0)
        return c->product_digits;
    return preset_of(c->preset) == FLOW_PRESET_GENERIC ? 1000 : 2;
}

/*
 * The reader options flowtool's long options give, each under the read-option
 * key of the same name ("--origin-column" sets "origin_column"; "--mirror" is
 * "mirror_policy"), set after the preset, which names columns too. NULL: not
 * given. Returns 0, 2 after the library's message for a policy it does not
 * know (a usage error), or 1 after a message.
 */
static int given_keys(flow_read_options *o, const struct flowtool_common *c)
{
    static const char *const column_keys[FLOWTOOL_COLUMN_ROLES] = {
        "origin_column", "destination_column", "value_column", "year_column",
        "layer_column",  "product_column",     "unit_column"};
    const struct {
        const char *option, *key, *value;
        int usage; /* 1: a refused value is a usage error */
    } given[] = {{"--mirror-layer", "mirror_layer", c->mirror_layer, 0},
                 {"--quantity-column", "quantity_column", c->quantity_column, 0},
                 {"--quantity-layer", "quantity_layer", c->quantity_layer, 0},
                 {"--quantity-unit", "quantity_unit", c->quantity_unit, 0},
                 {"--mirror", "mirror_policy", c->mirror, 1}};
    for (int role = 0; role < FLOWTOOL_COLUMN_ROLES; role++)
        if (c->columns[role] != NULL &&
            flow_read_options_set(o, column_keys[role], c->columns[role]) != FLOW_OK)
            return flowtool_fail("column option");
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++)
        if (given[i].value != NULL &&
            flow_read_options_set(o, given[i].key, given[i].value) != FLOW_OK)
            return flowtool_fail(given[i].option) + given[i].usage;
    return 0;
}

static int make_options(flow_read_options **out, const struct flowtool_common *c)
{
    const char *preset = c->preset == NULL ? "generic" : c->preset;
    int comext = strncmp(preset, "comext", 6) == 0;
    if (preset_of(c->preset) < 0) {
        fprintf(stderr,
                "flowtool: unknown preset '%s' (generic, baci, comtrade, comext, comext-annual)\n",
                c->preset);
        return 2;
    }
    if (flow_read_options_new(out) != FLOW_OK ||
        flow_read_options_set(*out, "preset", comext ? "generic" : preset) != FLOW_OK ||
        flow_read_options_set(*out, "strict", c->strict ? "1" : "0") != FLOW_OK)
        return flowtool_fail("options");
    if (comext && comext_columns(*out, preset) != FLOW_OK)
        return flowtool_fail("options");
    return given_keys(*out, c);
}

/* Standard input read whole into *data (free it); 0, or 1 after a message. */
static int slurp_stdin(char **data, size_t *len)
{
    size_t cap = 1 << 16;
    *len = 0;
    *data = malloc(cap);
    while (*data != NULL) {
        *len += fread(*data + *len, 1, cap - *len, stdin);
        if (*len < cap)
            break;
        char *bigger = realloc(*data, cap * 2);
        if (bigger == NULL)
            free(*data);
        *data = bigger;
        cap *= 2;
    }
    if (*data == NULL || ferror(stdin)) {
        fprintf(stderr, "flowtool: cannot read standard input\n");
        free(*data);
        *data = NULL;
        return 1;
    }
    return 0;
}

/* Reads one file, or standard input for "-". */
static int read_one(flow_dataset *ds, const char *file, const flow_read_options *opts,
                    flow_read_report *report)
{
    if (strcmp(file, "-") != 0)
        return flow_dataset_read_csv(ds, file, opts, report);
    char *data = NULL;
    size_t len = 0;
    if (slurp_stdin(&data, &len) != 0)
        return FLOW_ERR_IO;
    int rc = flow_dataset_read_buffer(ds, "<stdin>", data, (int64_t)len, opts, report);
    free(data);
    return rc;
}

/*
 * The economy axis (the economies present, unless --all-economies), from
 * ISO 3166-1, ROW (the rest of the world, the residual
 * partner that closes the demo data and MRIO tables such as the OECD ICIO),
 * plus the codes of a BACI-style code file (numeric codes such as 842 for the
 * USA, and codes ISO lacks) when given.
 */
static int make_axis(flow_dataset **out, const struct flowtool_common *c)
{
    flow_labels *labels = NULL;
    int status = 1;
    if (flow_labels_new_iso3166(&labels) != FLOW_OK ||
        flow_labels_add(labels, "ROW", "Rest of the world", NULL) != FLOW_OK) {
        flow_labels_free(labels);
        return flowtool_fail("labels");
    }
    if (c->codes != NULL &&
        flow_labels_read_mapping_csv(labels, c->codes, "country_code", "country_iso3",
                                     "country_name", 1) != FLOW_OK)
        flowtool_fail("cannot load --codes");
    /* The economies present join the axis as rows name them: matrices sized by the data. */
    else if ((c->all_economies ? flow_dataset_new(out, labels)
                               : flow_dataset_new_present(out, labels)) != FLOW_OK)
        flowtool_fail("dataset");
    else
        status = 0;
    flow_labels_free(labels);
    return status;
}

int flowtool_attribute(const flow_dataset *ds, const char *name, double *dst, int64_t n)
{
    flow_table *t = NULL;
    int64_t col = 0;
    int rc = flow_dataset_attributes(&t, ds, FLOW_ATTRIBUTES_NUMERIC);
    if (rc == FLOW_OK)
        rc = flow_table_find_col(t, name, NULL, &col);
    for (int64_t e = 0; rc == FLOW_OK && e < n && e < flow_table_rows(t); e++)
        dst[e] = flow_table_values(t)[e * flow_table_cols(t) + col];
    flow_table_free(t);
    return rc;
}

void flowtool_report_counts(const flow_read_report *r, int64_t counts[FLOWTOOL_COUNT_COUNT])
{
    flow_table *t = NULL;
    for (int c = 0; c < FLOWTOOL_COUNT_COUNT; c++)
        counts[c] = 0;
    if (flow_read_report_table(&t, r, FLOW_REPORT_COUNTS) != FLOW_OK)
        return;
    for (int c = 0; c < FLOWTOOL_COUNT_COUNT; c++)
        counts[c] = (int64_t)flow_table_values(t)[c];
    flow_table_free(t);
}

/* The rejected rows the report kept, with their messages (row labels); NULL on failure. */
static flow_table *kept_rejects(const flow_read_report *r)
{
    flow_table *t = NULL;
    return flow_read_report_table(&t, r, FLOW_REPORT_REJECTS) == FLOW_OK ? t : NULL;
}

/* One row of accounting, and the first rejects on stderr. */
static int account(flowtool_table *t, const char *file, const flow_read_report *r)
{
    int64_t n[FLOWTOOL_COUNT_COUNT];
    flowtool_report_counts(r, n);
    if (flowtool_table_text(t, file) != 0 || flowtool_table_integer(t, n[FLOWTOOL_ROWS]) != 0 ||
        flowtool_table_integer(t, n[FLOWTOOL_ACCEPTED]) != 0 ||
        flowtool_table_integer(t, n[FLOWTOOL_FILTERED]) != 0 ||
        flowtool_table_integer(t, n[FLOWTOOL_REJECTED]) != 0 ||
        flowtool_table_integer(t, n[FLOWTOOL_DUPLICATES]) != 0)
        return -1;
    flow_table *kept = kept_rejects(r);
    int64_t nkept = flow_table_rows(kept);
    for (int64_t i = 0; i < nkept; i++)
        fprintf(stderr, "flowtool: rejected: %s\n", flow_table_row_label(kept, i));
    flow_table_free(kept);
    if (n[FLOWTOOL_REJECTED] > nkept)
        fprintf(stderr, "flowtool: ... %lld more rejected rows in %s\n",
                (long long)(n[FLOWTOOL_REJECTED] - nkept), file);
    return 0;
}

/*
 * Without the accounting table (every command but summary): one line on
 * stderr when a file's rows were rejected or filtered out, so that none
 * vanishes unnoticed.
 */
static void warn_dropped(const char *file, const flow_read_report *r)
{
    int64_t n[FLOWTOOL_COUNT_COUNT];
    flowtool_report_counts(r, n);
    int64_t rejected = n[FLOWTOOL_REJECTED], filtered = n[FLOWTOOL_FILTERED];
    if (rejected == 0 && filtered == 0)
        return;
    flow_table *kept = kept_rejects(r);
    const char *first = flow_table_rows(kept) > 0 ? flow_table_row_label(kept, 0) : NULL;
    fprintf(stderr, "flowtool: warning: %s: %lld of %lld rows rejected, %lld filtered out%s%s\n",
            file, (long long)rejected, (long long)n[FLOWTOOL_ROWS], (long long)filtered,
            first ? "; first: " : "", first ? first : "");
    flow_table_free(kept);
}

/* The progress line of the file being read; percent -1 while nothing is shown. */
struct progress_line {
    const char *file;
    int percent;
};

/*
 * Redraws "flowtool: reading FILE: 43% (120/280 MB)" when the percentage
 * changes. Reads that end at their first report (small files) show nothing.
 */
static int show_progress(void *userdata, int64_t done, int64_t total)
{
    struct progress_line *line = userdata;
    if (total <= 0 || (line->percent < 0 && done >= total))
        return 0;
    int percent = (int)(100 * (double)done / (double)total);
    if (percent != line->percent) {
        fprintf(stderr, "\r\033[Kflowtool: reading %s: %d%% (%lld/%lld MB)", line->file, percent,
                (long long)(done / 1000000), (long long)(total / 1000000));
        line->percent = percent;
    }
    return 0;
}

int flowtool_load(flow_dataset **out, char **files, int nfiles, const struct flowtool_common *c,
                  flowtool_table *accounting)
{
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    flow_dataset *ds = NULL;
    int status = 1;
    *out = NULL;
    if (nfiles == 0) {
        fprintf(stderr, "flowtool: no input files (see --help)\n");
        return 2;
    }
    if ((status = make_options(&opts, c)) != 0)
        goto done;
    status = 1;
    if (make_axis(&ds, c) != 0)
        goto done;
    if (flow_read_report_new(&report) != FLOW_OK) {
        flowtool_fail("report");
        goto done;
    }
    if (flow_dataset_set_product_digits(ds, product_digits(c)) != FLOW_OK) {
        flowtool_fail("--product-digits");
        goto done;
    }
    if (c->product_groups != NULL &&
        flow_dataset_read_product_groups(ds, c->product_groups, "code", "group") != FLOW_OK) {
        flowtool_fail("--product-groups");
        goto done;
    }
    /* A progress line on a terminal only: it is redrawn in place, so a log would fill up. */
    struct progress_line line = {NULL, -1};
    int progress = isatty(STDERR_FILENO);
    if (progress && flow_read_options_set_progress(opts, show_progress, &line) != FLOW_OK) {
        flowtool_fail("progress");
        goto done;
    }
    for (int f = 0; f < nfiles; f++) {
        line.file = files[f];
        line.percent = -1;
        int read = read_one(ds, files[f], opts, report);
        if (progress && line.percent >= 0)
            fputs("\r\033[K", stderr); /* erase the line: results follow */
        if (read != FLOW_OK) {
            flowtool_fail("cannot load data");
            goto done;
        }
        if (accounting == NULL)
            warn_dropped(files[f], report);
        else if (account(accounting, files[f], report) != 0) {
            fprintf(stderr, "flowtool: out of memory\n");
            goto done;
        }
    }
    if (c->attributes != NULL && flow_dataset_read_attributes(ds, c->attributes, "code", 0) != 0) {
        flowtool_fail("cannot load attributes");
        goto done;
    }
    /* The default economy axis (docs/defaults.md): the economies present. */
    if (!c->all_economies) {
        flow_dataset *present = NULL;
        if (flow_dataset_drop_empty(&present, ds) != FLOW_OK) {
            flowtool_fail("economy axis");
            goto done;
        }
        flow_dataset_free(ds);
        ds = present;
    }
    *out = ds;
    ds = NULL;
    status = 0;
done:
    flow_dataset_free(ds);
    flow_read_report_free(report);
    flow_read_options_free(opts);
    return status;
}
