/*
 * fuzz_tables.c - libFuzzer target for the per-economy table readers: the
 * attributes reader, the code-mapping reader and the aggregation reader.
 *
 * The first input byte picks the reader (bits 0-1), strict mode (bit 2) and
 * the unknown-code policy (bit 3); the rest is the file's text, written to a
 * scratch file (the readers take paths). Besides "no crash, no leak, no
 * undefined behaviour": every read accounts for every row (rows = accepted +
 * filtered + rejected), a failed read leaves a message, and an aggregation
 * read is applied to labels and to a dataset.
 */
#include "fuzz_report.h"
#include "libflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

static const char *scratch(const unsigned char *data, size_t size)
{
    static char path[64];
    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/fuzz_tables_%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, size, f) == size);
    CHECK(fclose(f) == 0);
    return path;
}

/* A few economies (not the whole ISO table: the fuzzer should spend its time in the readers). */
static flow_labels *few_labels(void)
{
    static const char *const codes[] = {"CHN", "RUS", "DEU", "FRA", "USA", "IND"};
    flow_labels *labels = NULL;
    CHECK(flow_labels_new(&labels) == FLOW_OK);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        CHECK(flow_labels_add(labels, codes[i], NULL, NULL) == FLOW_OK);
    return labels;
}

static flow_dataset *dataset(void)
{
    static const char flows[] = "origin,destination,value\nCHN,RUS,10\nRUS,DEU,5\nDEU,FRA,2\n";
    flow_dataset *ds = NULL;
    flow_labels *labels = few_labels();
    CHECK(flow_dataset_new(&ds, labels) == FLOW_OK);
    flow_labels_free(labels);
    CHECK(flow_dataset_read_buffer(ds, "flows", flows, (int64_t)sizeof flows - 1, NULL, NULL) ==
          FLOW_OK);
    return ds;
}

static void check_accounting(int rc, const flow_read_report *r)
{
    if (rc != FLOW_OK) {
        CHECK(flow_last_error()[0] != '\0');
        return;
    }
    CHECK(fuzz_report_count(r, "rows") == fuzz_report_count(r, "accepted") +
                                              fuzz_report_count(r, "filtered") +
                                              fuzz_report_count(r, "rejected"));
}

static void fuzz_attributes(const char *path, const flow_read_options *opts, flow_read_report *r)
{
    flow_dataset *ds = dataset();
    int rc = flow_dataset_read_attributes_csv(ds, path, "code", opts, r);
    check_accounting(rc, r);
    int64_t n = flow_dataset_economy_count(ds);
    flow_table *texts = NULL, *numbers = NULL;
    if (rc == FLOW_OK) { /* one text row per (attribute, economy); one number row per economy */
        CHECK(flow_dataset_attributes(&texts, ds, FLOW_ATTRIBUTES_TEXT) == FLOW_OK);
        CHECK(flow_dataset_attributes(&numbers, ds, FLOW_ATTRIBUTES_NUMERIC) == FLOW_OK);
        CHECK(n > 0 ? flow_table_rows(texts) % n == 0 : flow_table_rows(texts) == 0);
        for (int64_t i = 0; i < flow_table_rows(texts); i++)
            CHECK(flow_table_row_label(texts, i) != NULL &&
                  flow_table_values(texts)[i] == (double)(i % n));
        CHECK(flow_table_rows(numbers) == n);
    }
    flow_table_free(texts);
    flow_table_free(numbers);
    flow_dataset_free(ds);
}

static void fuzz_mapping(const char *path, const flow_read_options *opts, flow_read_report *r)
{
    flow_labels *labels = few_labels();
    int rc = flow_labels_read_mapping(labels, path, "alias", "code", "name", opts, r);
    check_accounting(rc, r);
    flow_labels_free(labels);
}

static void fuzz_aggregation(const char *path, const flow_read_options *opts, flow_read_report *r)
{
    flow_aggregation *agg = NULL;
    flow_dataset *ds = dataset(), *out = NULL;
    flow_labels *labels = NULL;
    CHECK(flow_aggregation_new(&agg) == FLOW_OK);
    int rc = flow_aggregation_read(agg, path, "code", "group", opts, r);
    check_accounting(rc, r);
    int64_t n = flow_labels_count(flow_dataset_economies(ds));
    int64_t *map = calloc((size_t)n, sizeof *map);
    CHECK(map != NULL);
    if (flow_labels_aggregate(&labels, map, n, flow_dataset_economies(ds), agg) == FLOW_OK)
        for (int64_t i = 0; i < n; i++)
            CHECK(map[i] >= 0 && map[i] < flow_labels_count(labels));
    if (flow_dataset_aggregate(&out, ds, agg) == FLOW_OK && labels != NULL)
        CHECK(flow_dataset_economy_count(out) == flow_labels_count(labels));
    free(map);
    flow_labels_free(labels);
    flow_dataset_free(out);
    flow_dataset_free(ds);
    flow_aggregation_free(agg);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned char knob = data[0];
    const char *path = scratch(data + 1, size - 1);
    flow_read_options *opts = NULL;
    flow_read_report *report = NULL;
    CHECK(flow_read_options_new(&opts) == FLOW_OK);
    CHECK(flow_read_report_new(&report) == FLOW_OK);
    CHECK(flow_read_options_set(opts, "strict", (knob >> 2) & 1 ? "1" : "0") == FLOW_OK);
    CHECK(flow_read_options_set(opts, "unknown_codes", (knob >> 3) & 1 ? "add" : "reject") ==
          FLOW_OK);
    switch (knob & 3) {
        case 0:
        case 3:
            fuzz_attributes(path, opts, report);
            break;
        case 1:
            fuzz_mapping(path, opts, report);
            break;
        default:
            fuzz_aggregation(path, opts, report);
            break;
    }
    flow_read_report_free(report);
    flow_read_options_free(opts);
    return 0;
}
