/*
 * test_options_keys.c - the key tables of the four options families driven
 * key by key through flow_X_options_set: every key takes a valid value and
 * refuses an invalid one with FLOW_ERR_INVALID_ARG and a message naming the
 * key and the value; a refused value leaves the options as they were (a read,
 * flags or a diagnostic with the options gives the same result before and
 * after every refusal); and every key the library knows (the list its
 * unknown-key message gives) has a case here, so a key added without one
 * fails this test.
 */
#include "support.h"

#include <libflow.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One key: a value it takes and one it refuses (NULL: the NULL value). */
struct key_case {
    const char *name, *valid, *invalid;
};

typedef int (*setter)(void *opts, const char *name, const char *value);

static int set_read(void *o, const char *n, const char *v)
{
    return flow_read_options_set(o, n, v);
}

static int set_depflag(void *o, const char *n, const char *v)
{
    return flow_depflag_options_set(o, n, v);
}

static int set_mrio(void *o, const char *n, const char *v)
{
    return flow_mrio_options_set(o, n, v);
}

static int set_evasion(void *o, const char *n, const char *v)
{
    return flow_evasion_options_set(o, n, v);
}

static const struct key_case read_keys[] = {
    {"preset", "baci", "wiod"},
    {"origin_column", "exporter", NULL},
    {"destination_column", "importer", NULL},
    {"value_column", "usd", NULL},
    {"year_column", "", NULL},
    {"layer_column", "kind", NULL},
    {"product_column", "hs", NULL},
    {"unit_column", "", NULL},
    {"flow_column", "flowCode", NULL},
    {"quantity_column", "q", NULL},
    {"kind_column", "kind", NULL},
    {"delimiter", "tab", "x"},
    {"thousands", "'", ";"},
    {"decimal", ",", ";"},
    {"missing_tokens", ",NA,-", NULL},
    {"missing", "skip", "drop"},
    {"scale", "1e3", "0"},
    {"allow_negative", "true", "2"},
    {"unknown_codes", "add", "ignore"},
    {"strict", "1", "yes please"},
    {"max_rejects_kept", "0", "-1"},
    {"buffer_size", "4096", "0"},
    {"max_line", "64", "15"},
    {"threads", "2", "257"},
    {"default_layer", "energy", ""},
    {"default_year", "2021", "20x1"},
    {"unit", "USD", NULL},
    {"mirror_layer", "trade_m", NULL},
    {"mirror_policy", "exporter_first", "both"},
    {"quantity_layer", "trade_q", NULL},
    {"quantity_unit", "t", NULL},
    {"years", "2021,2022", "2021,x"},
    {"product_prefixes", "27,2709", NULL},
    {"layers", "trade,energy", NULL},
    {"wide_label_rows", "2", "-1"},
    {"wide_label_cols", "3", "1.5"},
    {"wide_col_label_row", "-1", "-2"},
    {"wide_col_group_row", "1", "-2"},
    {"wide_row_label_col", "2", "x"},
    {"wide_row_group_col", "-1", "-3"},
    {"wide_row_filter_column", "1", "-1"},
    {"wide_row_filter_value", "2014", NULL},
    {"wide_row_block", "2", "0"},
    {"wide_row_block_count", "3", "0"},
    {"wide_row_block_index", "1", "-1"},
};

static const struct key_case depflag_keys[] = {
    {"import_hhi", "0.3", "-0.1"},
    {"export_hhi", "0.5", "x"},
    {"import_export_ratio", "2", "inf"},
    {"persistence", "1,1", "3,2"},
    {"residual", "-1", "-2"},
    {"extra_share_members", "0,2", "1,x"},
    {"extra_share_threshold", "0.5", "1.5"},
};

static const struct key_case mrio_keys[] = {
    {"keep_splits", "1", "2"},
    {"trust_given_output", "no", "maybe"},
    {"tolerance", "0.01", "-1"},
};

static const struct key_case evasion_keys[] = {
    {"sources", "DEU,FRA", "DEU,,FRA"},
    {"targets", "RUS", "RUS,"},
    {"intermediaries", "KAZ", ","},
    {"years", "2021,2022,2023", "2021"},
    {"layer", "trade", ""},
    {"mirror", "trade_m", NULL},
    {"quantity", "trade_q", NULL},
    {"band", "0.9,1.3", "1.2,1"},
    {"jump", "3", "1"},
    {"bootstrap", "0", "-1"},
    {"seed", "7", "x"},
};

/* Sets each valid value on fresh options, then refuses each invalid one. */
static void drive_keys(void *(*make)(void), void (*release)(void *), setter set, const char *family,
                       const struct key_case *keys, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        void *o = make();
        if (set(o, keys[i].name, keys[i].valid) != FLOW_OK)
            fail_msg("%s '%s' = '%s': %s", family, keys[i].name, keys[i].valid, flow_last_error());
        assert_int_equal(set(o, keys[i].name, keys[i].invalid), FLOW_ERR_INVALID_ARG);
        char named[128];
        snprintf(named, sizeof named, "%s option '%s'", family, keys[i].name);
        if (strstr(flow_last_error(), named) == NULL)
            fail_msg("'%s' does not name %s", flow_last_error(), named);
        if (keys[i].invalid != NULL) {
            char value[128];
            snprintf(value, sizeof value, "'%s'", keys[i].invalid);
            if (strstr(flow_last_error(), value) == NULL)
                fail_msg("'%s' does not name the value %s", flow_last_error(), value);
        }
        release(o);
    }
}

/* Every key the library lists for an unknown name has a case in keys. */
static void assert_every_key_covered(void *o, setter set, const struct key_case *keys, size_t count)
{
    assert_int_equal(set(o, "no_such_key", "1"), FLOW_ERR_INVALID_ARG);
    const char *known = strstr(flow_last_error(), "(known: ");
    assert_non_null(known);
    char list[1024];
    snprintf(list, sizeof list, "%s", known + strlen("(known: "));
    char *end = strchr(list, ')');
    assert_non_null(end);
    *end = '\0';
    size_t listed = 0;
    for (char *name = strtok(list, ", "); name != NULL; name = strtok(NULL, ", ")) {
        size_t k = 0;
        while (k < count && strcmp(keys[k].name, name) != 0)
            k++;
        if (k == count)
            fail_msg("key '%s' has no case in this test", name);
        listed++;
    }
    assert_int_equal(listed, count);
}

static void *new_read(void)
{
    flow_read_options *o = NULL;
    assert_int_equal(flow_read_options_new(&o), FLOW_OK);
    return o;
}

static void free_read(void *o)
{
    flow_read_options_free(o);
}

static void *new_depflag(void)
{
    flow_depflag_options *o = NULL;
    assert_int_equal(flow_depflag_options_new(&o), FLOW_OK);
    return o;
}

static void free_depflag(void *o)
{
    flow_depflag_options_free(o);
}

static void *new_mrio(void)
{
    flow_mrio_options *o = NULL;
    assert_int_equal(flow_mrio_options_new(&o), FLOW_OK);
    return o;
}

static void free_mrio(void *o)
{
    flow_mrio_options_free(o);
}

static void *new_evasion(void)
{
    flow_evasion_options *o = NULL;
    assert_int_equal(flow_evasion_options_new(&o), FLOW_OK);
    return o;
}

static void free_evasion(void *o)
{
    flow_evasion_options_free(o);
}

/* Refuses every invalid value of keys on o (whose state must not change). */
static void refuse_all(void *o, setter set, const struct key_case *keys, size_t count)
{
    for (size_t i = 0; i < count; i++)
        assert_int_equal(set(o, keys[i].name, keys[i].invalid), FLOW_ERR_INVALID_ARG);
    assert_int_equal(set(o, "no_such_key", "1"), FLOW_ERR_INVALID_ARG);
    assert_int_equal(set(NULL, keys[0].name, keys[0].valid), FLOW_ERR_INVALID_ARG);
    assert_int_equal(set(o, NULL, "1"), FLOW_ERR_INVALID_ARG);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What a long read with o gives: counts, and every cell of the matrices, summed with weights. */
struct read_result {
    int rc;
    int64_t rows, accepted, filtered, rejected, matrices;
    double weighted;
};

static struct read_result long_read(const flow_read_options *o)
{
    static const char text[] = "exporter;importer;usd;hs;kind\n"
                               "CHN;RUS;1'234,5;2709;trade\n"
                               "RUS;CHN;-;2709;trade\n"
                               "RUS;CHN;7;8703;trade\n"
                               "DEU;RUS;-3;2709;energy\n"
                               "XXX;RUS;2;2709;trade\n";
    struct read_result r = {0};
    flow_dataset *ds = NULL;
    flow_read_report *report = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(flow_read_report_new(&report), FLOW_OK);
    r.rc = flow_dataset_read_buffer(ds, "keys.csv", text, (int64_t)strlen(text), o, report);
    r.rows = flow_test_report_rows(report);
    r.accepted = flow_test_report_accepted(report);
    r.filtered = flow_test_report_filtered(report);
    r.rejected = flow_test_report_rejected(report);
    r.matrices = flow_dataset_matrix_count(ds);
    int64_t n = flow_labels_count(flow_dataset_economies(ds));
    double *m = calloc((size_t)(n * n), sizeof *m);
    assert_non_null(m);
    for (int64_t k = 0; k < r.matrices; k++) {
        const char *layer = NULL, *product = NULL;
        int64_t year = 0;
        assert_int_equal(flow_dataset_matrix_key(ds, k, &layer, &year, &product), FLOW_OK);
        assert_int_equal(flow_dataset_matrix_copy(ds, layer, year, product, m, n * n, n), FLOW_OK);
        for (int64_t i = 0; i < n * n; i++)
            r.weighted += m[i] * (double)(i + 1) * (double)(k + 1);
    }
    free(m);
    flow_read_report_free(report);
    flow_dataset_free(ds);
    return r;
}

static void assert_same_read(struct read_result a, struct read_result b)
{
    assert_int_equal(a.rc, b.rc);
    assert_int_equal(a.rows, b.rows);
    assert_int_equal(a.accepted, b.accepted);
    assert_int_equal(a.filtered, b.filtered);
    assert_int_equal(a.rejected, b.rejected);
    assert_int_equal(a.matrices, b.matrices);
    assert_true(a.weighted == b.weighted);
}

static void test_read_keys(void **state)
{
    (void)state;
    drive_keys(new_read, free_read, set_read, "read", read_keys, COUNT(read_keys));
    flow_read_options *o = new_read();
    assert_every_key_covered(o, set_read, read_keys, COUNT(read_keys));
    /* Settings the sample depends on, none of them a default. */
    const char *const settings[][2] = {{"delimiter", ";"},
                                       {"thousands", "'"},
                                       {"decimal", ","},
                                       {"origin_column", "exporter"},
                                       {"destination_column", "importer"},
                                       {"value_column", "usd"},
                                       {"product_column", "hs"},
                                       {"layer_column", "kind"},
                                       {"missing_tokens", "-"},
                                       {"missing", "skip"},
                                       {"allow_negative", "1"},
                                       {"scale", "2"},
                                       {"unknown_codes", "add"},
                                       {"product_prefixes", "27"},
                                       {"layers", "trade,energy"}};
    for (size_t i = 0; i < COUNT(settings); i++)
        assert_int_equal(flow_read_options_set(o, settings[i][0], settings[i][1]), FLOW_OK);
    struct read_result before = long_read(o);
    assert_int_equal(before.rc, FLOW_OK);
    /* CHN>RUS 1234.5, DEU>RUS -3 (energy), XXX>RUS 2 (added); RUS>CHN "-" skipped; 8703 filtered.
     */
    assert_int_equal(before.accepted, 3);
    assert_int_equal(before.filtered, 2);
    refuse_all(o, set_read, read_keys, COUNT(read_keys));
    assert_same_read(before, long_read(o));
    free_read(o);
}

/* Flags of one year, one product, three economies: importer 2 buys only from 0. */
static flow_table *flags(const flow_depflag_options *o)
{
    const double t[9] = {0, 0, 5, 0, 0, 1, 0, 0, 0};
    flow_table *f = NULL;
    assert_int_equal(flow_depflags_new(&f, o, t, 1, 1, 3, 3), FLOW_OK);
    return f;
}

static void assert_same_table(const flow_table *a, const flow_table *b)
{
    assert_int_equal(flow_table_rows(a), flow_table_rows(b));
    assert_int_equal(flow_table_cols(a), flow_table_cols(b));
    const double *x = flow_table_values(a), *y = flow_table_values(b);
    for (int64_t i = 0; i < flow_table_rows(a) * flow_table_cols(a); i++)
        assert_true((isnan(x[i]) && isnan(y[i])) || x[i] == y[i]);
}

static void test_depflag_keys(void **state)
{
    (void)state;
    drive_keys(new_depflag, free_depflag, set_depflag, "dependency-flag", depflag_keys,
               COUNT(depflag_keys));
    flow_depflag_options *o = new_depflag();
    assert_every_key_covered(o, set_depflag, depflag_keys, COUNT(depflag_keys));
    const char *const settings[][2] = {{"import_hhi", "0.2"},
                                       {"persistence", "1,1"},
                                       {"extra_share_members", "1"},
                                       {"extra_share_threshold", "0.1"}};
    for (size_t i = 0; i < COUNT(settings); i++)
        assert_int_equal(flow_depflag_options_set(o, settings[i][0], settings[i][1]), FLOW_OK);
    flow_table *before = flags(o);
    refuse_all(o, set_depflag, depflag_keys, COUNT(depflag_keys));
    flow_table *after = flags(o);
    assert_same_table(before, after);
    flow_table_free(before);
    flow_table_free(after);
    free_depflag(o);
}

static void test_mrio_keys(void **state)
{
    (void)state;
    drive_keys(new_mrio, free_mrio, set_mrio, "MRIO", mrio_keys, COUNT(mrio_keys));
    flow_mrio_options *o = new_mrio();
    assert_every_key_covered(o, set_mrio, mrio_keys, COUNT(mrio_keys));
    const char *path = flow_test_shared_file("pymrio-mock-layouts/oecd_mock/ICIO2016_2003.csv");
    if (path == NULL) {
        free_mrio(o);
        skip();
    }
    assert_int_equal(flow_mrio_options_set(o, "keep_splits", "1"), FLOW_OK);
    assert_int_equal(flow_mrio_options_set(o, "tolerance", "0.5"), FLOW_OK);
    flow_mrio *a = NULL, *b = NULL;
    assert_int_equal(flow_mrio_read(&a, path, FLOW_MRIO_ICIO, o), FLOW_OK);
    refuse_all(o, set_mrio, mrio_keys, COUNT(mrio_keys));
    assert_int_equal(flow_mrio_read(&b, path, FLOW_MRIO_ICIO, o), FLOW_OK);
    assert_string_equal(flow_mrio_summary(a), flow_mrio_summary(b));
    assert_int_equal(flow_test_io_order(flow_mrio_model(a)),
                     flow_test_io_order(flow_mrio_model(b)));
    flow_mrio_free(a);
    flow_mrio_free(b);
    free_mrio(o);
}

/* A two-year panel: DEU's sales to RUS fall and go through KAZ. */
static flow_dataset *panel(void)
{
    static const char text[] = "origin,destination,value,year,product\n"
                               "DEU,RUS,100,2021,8471\nDEU,KAZ,10,2021,8471\nKAZ,RUS,5,2021,8471\n"
                               "DEU,RUS,20,2022,8471\nDEU,KAZ,70,2022,8471\nKAZ,RUS,60,2022,8471\n";
    flow_dataset *ds = NULL;
    assert_int_equal(flow_dataset_new(&ds, NULL), FLOW_OK);
    assert_int_equal(
        flow_dataset_read_buffer(ds, "panel.csv", text, (int64_t)strlen(text), NULL, NULL),
        FLOW_OK);
    return ds;
}

static void test_evasion_keys(void **state)
{
    (void)state;
    drive_keys(new_evasion, free_evasion, set_evasion, "evasion", evasion_keys,
               COUNT(evasion_keys));
    flow_evasion_options *o = new_evasion();
    assert_every_key_covered(o, set_evasion, evasion_keys, COUNT(evasion_keys));
    const char *const settings[][2] = {{"sources", "DEU"},
                                       {"targets", "RUS"},
                                       {"intermediaries", "KAZ"},
                                       {"years", "2021,2022"},
                                       {"jump", "1.5"}};
    for (size_t i = 0; i < COUNT(settings); i++)
        assert_int_equal(flow_evasion_options_set(o, settings[i][0], settings[i][1]), FLOW_OK);
    flow_dataset *ds = panel();
    flow_table *before = NULL, *after = NULL;
    assert_int_equal(flow_evasion_diagnose(&before, ds, o, FLOW_EVASION_SUBSTITUTION), FLOW_OK);
    refuse_all(o, set_evasion, evasion_keys, COUNT(evasion_keys));
    assert_int_equal(flow_evasion_diagnose(&after, ds, o, FLOW_EVASION_SUBSTITUTION), FLOW_OK);
    assert_same_table(before, after);
    flow_table_free(before);
    flow_table_free(after);
    flow_dataset_free(ds);
    free_evasion(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_keys),
        cmocka_unit_test(test_depflag_keys),
        cmocka_unit_test(test_mrio_keys),
        cmocka_unit_test(test_evasion_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
