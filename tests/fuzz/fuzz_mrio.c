/*
 * fuzz_mrio.c - libFuzzer target for the multi-regional readers
 * (flow_mrio_read): OECD ICIO and Eurostat FIGARO CSV, and the tab-separated
 * folder layout of pymrio and EXIOBASE 3.
 *
 * The first input byte picks the format (bits 0-1, the flow_mrio_format
 * value), whether ICIO's China and Mexico splits are kept (bit 2) and whether
 * the table's own gross output builds the model (bit 3). The rest is the data:
 * for ICIO and FIGARO one scratch CSV file; for the folder layouts it is cut
 * at form feeds into Z.txt, Y.txt, x.txt, emissions.txt (an extension) and
 * FDemissions.txt (its final-demand part), written to a scratch folder; a
 * part the input lacks is absent from the folder. Besides "no crash, no leak,
 * no undefined behaviour": a failed read leaves NULL and a message; a read
 * accounts for every row (rows = accepted + filtered + rejected), its labels
 * match the model's order, its blocks have the model's shape, and the model
 * factors or fails with one of the documented codes. An ICIO or FIGARO file
 * is also read through the general reader alone, which must give the same
 * outcome as the read that may take it in place (tests/c/mrio_compare.h).
 */
#include "../c/mrio_compare.h"
#include "fuzz_report.h"
#include "libflow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

static const char *const folder_files[] = {"Z.txt", "Y.txt", "x.txt", "emissions.txt",
                                           "FDemissions.txt"};
#define FOLDER_FILES (sizeof folder_files / sizeof folder_files[0])

static void write_file(const char *path, const unsigned char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, size, f) == size);
    CHECK(fclose(f) == 0);
}

static const char *scratch_file(const unsigned char *data, size_t size)
{
    static char path[64];
    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/fuzz_mrio_%ld.csv", (long)getpid());
    write_file(path, data, size);
    return path;
}

/* The folder layouts: one file per form-feed-separated part, the rest removed. */
static const char *scratch_folder(const unsigned char *data, size_t size)
{
    static char dir[64];
    char path[128];
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/fuzz_mrio_%ld.d", (long)getpid());
        CHECK(mkdir(dir, 0700) == 0 || errno == EEXIST);
    }
    const unsigned char *end = data + size;
    for (size_t i = 0; i < FOLDER_FILES; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, folder_files[i]);
        if (data == NULL) {
            unlink(path);
            continue;
        }
        const unsigned char *cut = memchr(data, '\f', (size_t)(end - data));
        size_t len = cut != NULL ? (size_t)(cut - data) : (size_t)(end - data);
        write_file(path, data, len);
        data = cut != NULL ? cut + 1 : NULL;
    }
    return dir;
}

/* A shape scalar of the model's label tables (order, regions, sectors, ...). */
static int64_t shape(const flow_table *t, const char *name)
{
    double value = -1.0;
    CHECK(flow_table_scalar(t, name, &value) == FLOW_OK);
    return (int64_t)value;
}

static void check_model(flow_mrio *mrio)
{
    flow_io_model *model = flow_mrio_model(mrio);
    CHECK(model != NULL);
    flow_table *nodes = NULL, *fd = NULL;
    CHECK(flow_io_model_labels(&nodes, model, FLOW_IO_LABEL_NODES) == FLOW_OK);
    CHECK(flow_io_model_labels(&fd, model, FLOW_IO_LABEL_FINAL_DEMAND) == FLOW_OK);
    int64_t n = shape(nodes, "order"), regions = shape(nodes, "regions");
    int64_t sectors = shape(nodes, "sectors"), k = shape(fd, "final_demand_columns");
    CHECK(n > 0 && regions > 0 && regions * sectors == n);
    CHECK(flow_table_rows(nodes) == n && flow_table_rows(fd) == k);
    for (int64_t i = 0; i < n; i++)
        CHECK(flow_table_row_label(nodes, i) != NULL && flow_table_row_group(nodes, i) != NULL);
    for (int64_t c = 0; c < k; c++) {
        double owner = flow_table_values(fd)[c];
        CHECK(flow_table_row_label(fd, c) != NULL);
        CHECK(owner >= -1 && owner < (double)regions);
    }
    flow_table_free(nodes);
    flow_table_free(fd);
    const int64_t block_cols[FLOW_MRIO_BLOCK_COUNT] = {n, k, 5, n}; /* Z, Y, OUTPUT, A */
    for (int block = 0; block < FLOW_MRIO_BLOCK_COUNT; block++) {
        flow_table *t = NULL;
        int rc = flow_mrio_block_table(&t, mrio, block);
        if (rc != FLOW_OK) {
            CHECK(rc == FLOW_ERR_NOMEM && t == NULL);
            continue;
        }
        CHECK(flow_table_rows(t) == n && flow_table_cols(t) == block_cols[block]);
        flow_table_free(t);
    }
    int rc = flow_io_model_factor(model);
    CHECK(rc == FLOW_OK || rc == FLOW_ERR_SINGULAR || rc == FLOW_ERR_NOT_PRODUCTIVE);
    if (rc != FLOW_OK)
        CHECK(flow_last_error()[0] != '\0');
}

/* Footprints of every extension on a model that factors: shapes follow F. */
static void check_footprints(flow_mrio *mrio)
{
    flow_io_model *model = flow_mrio_model(mrio);
    if (flow_io_model_factor(model) != FLOW_OK)
        return;
    flow_table *nodes = NULL;
    CHECK(flow_io_model_labels(&nodes, model, FLOW_IO_LABEL_NODES) == FLOW_OK);
    int64_t n = shape(nodes, "order"), regions = shape(nodes, "regions");
    flow_table_free(nodes);
    for (int64_t e = 0; e < flow_mrio_extension_count(mrio); e++) {
        const flow_table *f = NULL;
        CHECK(flow_mrio_extension(mrio, e, NULL, &f, NULL) == FLOW_OK && f != NULL);
        CHECK(flow_table_cols(f) == n);
        static const int accounts[] = {FLOW_MRIO_M, FLOW_MRIO_D_CBA_REG};
        for (size_t a = 0; a < sizeof accounts / sizeof accounts[0]; a++) {
            flow_table *t = NULL;
            if (flow_mrio_account_table(&t, mrio, e, accounts[a]) != FLOW_OK) {
                CHECK(t == NULL && flow_last_error()[0] != '\0');
                continue;
            }
            CHECK(flow_table_rows(t) == flow_table_rows(f));
            CHECK(flow_table_cols(t) == (accounts[a] == FLOW_MRIO_M ? n : regions));
            flow_table_free(t);
        }
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned char knob = data[0];
    int format = knob & 3;
    int folder = format == FLOW_MRIO_PYMRIO || format == FLOW_MRIO_EXIOBASE;
    const char *path =
        folder ? scratch_folder(data + 1, size - 1) : scratch_file(data + 1, size - 1);
    flow_mrio_options *opts = NULL;
    flow_mrio *mrio = (flow_mrio *)&opts; /* non-NULL sentinel: a failed read must reset it */
    CHECK(flow_mrio_options_new(&opts) == FLOW_OK);
    CHECK(flow_mrio_options_set(opts, "keep_splits", (knob >> 2) & 1 ? "1" : "0") == FLOW_OK);
    CHECK(flow_mrio_options_set(opts, "trust_given_output", (knob >> 3) & 1 ? "1" : "0") ==
          FLOW_OK);
    int rc = flow_mrio_read(&mrio, path, format, opts);
    if (rc != FLOW_OK) {
        CHECK(mrio == NULL && flow_last_error()[0] != '\0');
    } else {
        const flow_read_report *r = flow_mrio_report(mrio);
        CHECK(r != NULL);
        CHECK(fuzz_report_count(r, "rows") == fuzz_report_count(r, "accepted") +
                                                  fuzz_report_count(r, "filtered") +
                                                  fuzz_report_count(r, "rejected"));
        CHECK(flow_mrio_summary(mrio)[0] != '\0');
        check_model(mrio);
        check_footprints(mrio);
    }
    flow_mrio_free(mrio);
    flow_mrio_options_free(opts);
    if (!folder)
        CHECK(mrio_compare_read(path, format, (knob >> 2) & 1, (knob >> 3) & 1, NULL) == NULL);
    return 0;
}
