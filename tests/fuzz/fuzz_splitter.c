/*
 * fuzz_splitter.c - libFuzzer target comparing the scanner's vectorised
 * splitter of plain lines with libcsv alone on random text.
 *
 * The first input byte picks the delimiter (, ; TAB |), strict mode and a
 * piece size; the second the read buffer size. The rest is the CSV text. The
 * two paths must hand out the same records (lines, field bytes, status and
 * message) when fed in pieces of that size and of 1 MiB, and a long-format
 * read through either must give the same status, message, accounting,
 * reasons, kept rejects (lines, columns, texts), unknown codes and matrices
 * (tests/c/split_compare.h). One input in 32 is also repeated into a text
 * longer than one and a half of the scanner's pieces, whose records must
 * agree too: pieces then end on the text's line breaks, or grow over a line
 * longer than a piece (tests/c/internal_plain_splitter.c covers lines past
 * the largest piece). Any difference aborts.
 */
#include "../c/split_compare.h"

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

/* A small economy axis keeps the dense matrices tiny. */
static flow_labels *small_axis(void)
{
    static const char *const codes[][2] = {
        {"CHN", "156"}, {"USA", "842"}, {"RUS", "643"}, {"IND", "699"}, {"DEU", "276"}};
    flow_labels *labels = NULL;
    CHECK(flow_labels_new(&labels) == FLOW_OK);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK(flow_labels_add(labels, codes[i][0], NULL, NULL) == FLOW_OK);
        CHECK(flow_labels_add_alias(labels, codes[i][1], codes[i][0]) == FLOW_OK);
    }
    return labels;
}

/* text repeated to more than `least` bytes, fed whole and in pieces just over the usual piece. */
static void compare_tiled(const char *text, size_t len, int delimiter, size_t least)
{
    size_t copies = least / len + 1;
    char *tiled = malloc(copies * len);
    CHECK(tiled != NULL);
    for (size_t k = 0; k < copies; k++)
        memcpy(tiled + k * len, text, len);
    CHECK(split_compare_records(tiled, copies * len, delimiter, copies * len, 1 << 22) == NULL);
    CHECK(split_compare_records(tiled, copies * len, delimiter, FLOW_I_SCAN_PIECE + 1, 1 << 22) ==
          NULL);
    free(tiled);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const int delimiters[] = {',', ';', '\t', '|'};
    if (size < 2)
        return 0;
    int delimiter = delimiters[data[0] & 3];
    int strict = (data[0] >> 2) & 1;
    size_t piece = (size_t)(data[0] >> 3) + 1; /* 1 to 32 */
    int64_t buffer = (int64_t)data[1] + 1;     /* 1 to 256 */
    const char *text = (const char *)data + 2;
    size_t len = size - 2;

    CHECK(split_compare_records(text, len, delimiter, piece, 4096) == NULL);
    CHECK(split_compare_records(text, len, delimiter, (size_t)1 << 20, 4096) == NULL);
    if ((data[1] & 31) == 21 && len > 0) /* not 31: mutations favour 0xff */
        compare_tiled(text, len, delimiter, FLOW_I_SCAN_PIECE + FLOW_I_SCAN_PIECE / 2);

    flow_read_options *opts = NULL;
    CHECK(flow_read_options_new(&opts) == FLOW_OK);
    char delimiter_text[2] = {(char)delimiter, '\0'}, buffer_text[8];
    snprintf(buffer_text, sizeof buffer_text, "%d", (int)buffer);
    CHECK(flow_read_options_set(opts, "delimiter", delimiter_text) == FLOW_OK);
    CHECK(flow_read_options_set(opts, "strict", strict ? "1" : "0") == FLOW_OK);
    CHECK(flow_read_options_set(opts, "max_line", "4096") == FLOW_OK);
    CHECK(flow_read_options_set(opts, "max_rejects_kept", "1000") == FLOW_OK);
    CHECK(flow_read_options_set(opts, "buffer_size", buffer_text) == FLOW_OK);
    flow_labels *labels = small_axis();
    CHECK(split_compare_reads(text, len, opts, labels) == NULL);
    CHECK(flow_read_options_set(opts, "buffer_size", "1048576") == FLOW_OK);
    CHECK(split_compare_reads(text, len, opts, labels) == NULL);
    flow_labels_free(labels);
    flow_read_options_free(opts);
    return 0;
}
