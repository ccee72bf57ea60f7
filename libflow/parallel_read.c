/*
 * parallel_read.c - multi-threaded reading of long-format CSV files.
 *
 * Parsing stays with libcsv (through the reader's scanner); what runs in
 * parallel is whole byte ranges of the file, each parsed by its own scanner
 * into a private accumulator (reader_internal.h, "chunked parsing") that is
 * merged into the caller's dataset afterwards, in file order:
 *
 *  1. The header record is parsed once, from the start of the file, giving
 *     the column map and the delimiter.
 *  2. The data part is cut into one range per thread, each cut just after a
 *     '\n'.
 *  3. A first parallel pass counts the '\n' and '"' of each range. The quote
 *     counts check the cuts: with RFC 4180 quoting a '\n' is a record
 *     boundary exactly when an even number of quotes precedes it; if any cut
 *     has an odd count (a quoted field with a line break spans it) the file is
 *     left to the serial reader. Each cut is then moved forward to the first
 *     record whose origin and destination differ from the previous record's,
 *     so that in a file sorted like BACI (by exporter, importer, product) no
 *     matrix cell gets rows from two ranges: every cell then sums its rows in
 *     file order, exactly as the serial reader does, and the result is
 *     bit-for-bit the same. The line counts give every range its first line
 *     number, so that messages name the same lines as the serial reader's.
 *  4. The second pass parses the ranges, streaming each through a fixed
 *     buffer (memory stays bounded by the matrices, not the file).
 *  5. Accumulators are merged in range order. The first range that failed
 *     stops the merge after its own rows, which leaves the dataset, the
 *     report and the error message as the serial read leaves them.
 *
 * Files that are small, unreadable, or whose header is unusual are left to
 * the serial reader, which gives the same results and the usual messages.
 * Results differ from the serial read only in the rounding of sums in two
 * cases: a cell whose rows fall in two ranges (unsorted files), and reading
 * into a dataset that already has values in the cells read.
 */
#include "reader_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Below this many bytes per thread, threads cost more than they save. */
#define MIN_RANGE_BYTES ((int64_t)256 << 10)
/* How far a cut may look for the header's end or for a change of key. */
#define SEARCH_WINDOW ((int64_t)256 << 10)
#define MAX_THREADS   256

int flow_read_options_set_threads(flow_read_options *opts, int64_t threads)
{
    if (opts == NULL || threads < 0 || threads > MAX_THREADS)
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "flow_read_options_set_threads: threads must be in [0, %d], got %lld",
                           MAX_THREADS, (long long)threads);
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online < 1 ? 1 : online > MAX_THREADS ? MAX_THREADS : online;
    }
    opts->threads = threads;
    return FLOW_OK;
}

/* ---------------------------------------------------------------- file access */

/* Reads len bytes at offset (fewer only at the end of the file); -1 on error. */
static int64_t read_at(int fd, char *buf, int64_t len, int64_t offset)
{
    int64_t got = 0;
    while (got < len) {
        ssize_t n = pread(fd, buf + got, (size_t)(len - got), (off_t)(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += n;
    }
    return got;
}

/* ---------------------------------------------------------------- the plan */

struct range {
    int64_t begin, end; /* byte offsets in the file */
    int64_t newlines;   /* '\n' in [begin, end), from the counting pass */
    int64_t quotes;     /* '"' in [begin, end) */
    int64_t first_line; /* line number of begin */
    flow_i_accum *acc;  /* private accumulator */
    int status;         /* of the parse */
    char message[512];  /* flow_last_error() of the worker when status fails */
};

struct plan {
    int fd;
    const char *path;
    const flow_read_options *opts;
    int delimiter;
    const struct flow_i_colmap *map;
    int64_t buffer_size;
    struct range *ranges;
    int64_t count;
};

struct header {
    const flow_read_options *opts;
    const char *path;
    struct flow_i_colmap map;
    int have_map;
};

/* Called for the one record fed to the header's scanner. */
static int on_header(void *userdata, const struct flow_i_record *rec)
{
    struct header *h = userdata;
    int rc = flow_i_colmap_from_header(&h->map, rec, h->opts, h->path);
    h->have_map = rc == FLOW_OK;
    return rc;
}

/*
 * Parses the header record from the head of the file: the bytes up to the
 * first '\n' preceded by an even number of quotes. Returns the offset just
 * after it, or -1 when the parallel reader should not be used (no such line in
 * the window, no header record there, or any error: the serial reader then
 * reports it). *delimiter and *lines (line breaks before the data) are set.
 */
static int64_t parse_header(int fd, int64_t size, struct header *h, int *delimiter, int64_t *lines)
{
    int64_t window = size < SEARCH_WINDOW ? size : SEARCH_WINDOW;
    char *head = flow_i_malloc(window, 1);
    int64_t end = -1, quotes = 0;
    if (head == NULL || read_at(fd, head, window, 0) != window) {
        free(head);
        return -1;
    }
    for (int64_t i = 0; i < window && end < 0; i++) {
        quotes += head[i] == '"';
        if (head[i] == '\n' && quotes % 2 == 0)
            end = i + 1;
    }
    flow_i_scanner *s = NULL;
    if (end > 0 &&
        flow_i_scanner_new(&s, h->path, h->opts->delimiter, h->opts->max_line, 1, 1, on_header,
                           h) == FLOW_OK &&
        flow_i_scanner_feed(s, head, (size_t)end) == FLOW_OK &&
        flow_i_scanner_finish(s) == FLOW_OK && h->have_map) {
        *delimiter = flow_i_scanner_delimiter(s);
        *lines = 0;
        for (int64_t i = 0; i < end; i++)
            *lines += head[i] == '\n';
    } else {
        end = -1;
    }
    flow_i_scanner_free(s);
    free(head);
    return end;
}

/* The first line start at or after offset; size when there is none, -1 on error. */
static int64_t find_cut(const struct plan *pl, int64_t offset, int64_t size)
{
    char buf[4096];
    while (offset < size) {
        int64_t n = size - offset < (int64_t)sizeof buf ? size - offset : (int64_t)sizeof buf;
        if (read_at(pl->fd, buf, n, offset) != n)
            return -1;
        const char *nl = memchr(buf, '\n', (size_t)n);
        if (nl != NULL)
            return offset + (nl + 1 - buf);
        offset += n;
    }
    return size;
}

/*
 * Splits [data, size) into at most threads ranges (at least MIN_RANGE_BYTES
 * each) at line starts. Returns 1 for two ranges or more, 0 when the file is
 * too small to split, -1 on error.
 */
static int make_ranges(struct plan *pl, int64_t data, int64_t size, int64_t threads)
{
    int64_t max_ranges = (size - data) / MIN_RANGE_BYTES;
    int64_t count = threads < max_ranges ? threads : max_ranges;
    if (count < 2)
        return 0;
    pl->ranges = flow_i_calloc(count, sizeof *pl->ranges);
    if (pl->ranges == NULL)
        return -1;
    int64_t begin = data;
    pl->count = 0;
    for (int64_t k = 1; k <= count; k++) {
        int64_t end = size;
        if (k < count) {
            end = find_cut(pl, data + (size - data) / count * k, size);
            if (end < 0)
                return -1;
        }
        if (end > begin) {
            pl->ranges[pl->count].begin = begin;
            pl->ranges[pl->count].end = end;
            pl->count++;
            begin = end;
        }
    }
    return pl->count >= 2 ? 1 : 0;
}

/* ---------------------------------------------------------------- workers */

typedef int (*range_fn)(const struct plan *pl, struct range *r, char *buf);

struct job {
    const struct plan *pl;
    range_fn fn;
    int64_t first, step; /* ranges first, first + step, ... */
    int status;
};

/*
 * Occurrences of byte c in p[0..n), eight bytes at a time: in x = word ^ c*ones
 * the bytes equal to c are zero, and ((x & 0x7f..) + 0x7f..) | x has the high
 * bit of exactly the non-zero bytes set (no carry crosses bytes).
 */
static int64_t count_byte(const char *p, int64_t n, unsigned char c)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
    const uint64_t pattern = ones * c;
    int64_t count = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        uint64_t x = w ^ pattern;
        uint64_t zero_bytes = ~(((x & low7) + low7) | x | low7); /* 0x80 per byte equal to c */
        count += (int64_t)((zero_bytes >> 7) * ones >> 56);      /* horizontal sum of bytes */
    }
    for (; i < n; i++)
        count += p[i] == (char)c;
    return count;
}

/* Counts '\n' and '"' of a range. */
static int count_range(const struct plan *pl, struct range *r, char *buf)
{
    r->newlines = 0;
    r->quotes = 0;
    for (int64_t off = r->begin; off < r->end; off += pl->buffer_size) {
        int64_t n = r->end - off < pl->buffer_size ? r->end - off : pl->buffer_size;
        if (read_at(pl->fd, buf, n, off) != n)
            return flow_i_fail(FLOW_ERR_IO, "%s: read error", pl->path);
        r->newlines += count_byte(buf, n, '\n');
        r->quotes += count_byte(buf, n, '"');
    }
    return FLOW_OK;
}

static int on_record(void *userdata, const struct flow_i_record *rec)
{
    return flow_i_accum_record(userdata, rec);
}

/* Parses a range into its accumulator; a failure keeps the worker's message. */
static int parse_range(const struct plan *pl, struct range *r, char *buf)
{
    flow_i_scanner *s = NULL;
    int rc = flow_i_scanner_new(&s, pl->path, pl->delimiter, pl->opts->max_line, r->first_line, 0,
                                on_record, r->acc);
    if (rc == FLOW_OK)
        flow_i_scanner_keep(s, pl->map->keep, pl->map->nfields);
    for (int64_t off = r->begin; rc == FLOW_OK && off < r->end; off += pl->buffer_size) {
        int64_t n = r->end - off < pl->buffer_size ? r->end - off : pl->buffer_size;
        if (read_at(pl->fd, buf, n, off) != n)
            rc = flow_i_fail(FLOW_ERR_IO, "%s: read error", pl->path);
        else
            rc = flow_i_scanner_feed(s, buf, (size_t)n);
    }
    if (rc == FLOW_OK)
        rc = flow_i_scanner_finish(s);
    flow_i_scanner_free(s);
    r->status = rc;
    if (rc != FLOW_OK)
        snprintf(r->message, sizeof r->message, "%s", flow_last_error());
    return FLOW_OK; /* the range's own status is merged in order later */
}

static void *run_job(void *arg)
{
    struct job *j = arg;
    char *buf = malloc((size_t)j->pl->buffer_size);
    j->status = buf != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t k = j->first; j->status == FLOW_OK && k < j->pl->count; k += j->step)
        j->status = j->fn(j->pl, &j->pl->ranges[k], buf);
    free(buf);
    return NULL;
}

/*
 * Runs fn over every range with up to pl->count threads (range k on thread
 * k mod threads). A thread that cannot be started leaves its ranges to the
 * calling thread. Returns the first failure of a job.
 */
static int run_parallel(const struct plan *pl, range_fn fn)
{
    int64_t threads = pl->count;
    struct job *jobs = flow_i_calloc(threads, sizeof *jobs);
    pthread_t *ids = flow_i_calloc(threads, sizeof *ids);
    char *started = flow_i_calloc(threads, 1);
    int rc = FLOW_OK;
    if (jobs == NULL || ids == NULL || started == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t t = 0; t < threads; t++) {
        jobs[t] = (struct job){pl, fn, t, threads, FLOW_OK};
        started[t] = t > 0 && pthread_create(&ids[t], NULL, run_job, &jobs[t]) == 0;
    }
    for (int64_t t = 0; t < threads; t++)
        if (!started[t])
            run_job(&jobs[t]);
    for (int64_t t = 0; t < threads; t++) {
        if (started[t])
            pthread_join(ids[t], NULL);
        if (rc == FLOW_OK && jobs[t].status != FLOW_OK)
            rc = jobs[t].status;
    }
    if (rc != FLOW_OK && rc != FLOW_ERR_NOMEM)
        rc = flow_i_fail(rc, "%s: read error", pl->path);
done:
    free(jobs);
    free(ids);
    free(started);
    return rc == FLOW_ERR_NOMEM ? flow_i_fail_status(rc) : rc;
}

/* ---------------------------------------------------------------- entry */

/* The raw text of the fields that decide a row's matrix cell. */
struct cell_key {
    const char *s[3];
    size_t len[3];
};

static const int key_roles[3] = {FLOW_COL_ORIGIN, FLOW_COL_DESTINATION, FLOW_COL_FLOW};

/*
 * Splits the record starting at p (outside quotes) into fields, RFC 4180
 * style, keeping the key fields' raw text. Returns the start of the next
 * record, or NULL when the record does not end before end.
 */
static const char *scan_record(const struct plan *pl, const char *p, const char *end,
                               struct cell_key *key)
{
    int quoted = 0;
    int64_t field = 0;
    const char *start = p;
    memset(key, 0, sizeof *key);
    for (; p < end; p++) {
        if (*p == '"') {
            quoted = !quoted;
        } else if (!quoted && (*p == (char)pl->delimiter || *p == '\n')) {
            for (int r = 0; r < 3; r++) {
                if (pl->map->index[key_roles[r]] == field) {
                    key->s[r] = start;
                    key->len[r] = (size_t)(p - start);
                }
            }
            field++;
            start = p + 1;
            if (*p == '\n')
                return p + 1;
        }
    }
    return NULL;
}

static int same_key(const struct cell_key *a, const struct cell_key *b)
{
    for (int r = 0; r < 3; r++)
        if (a->len[r] != b->len[r] || (a->len[r] > 0 && memcmp(a->s[r], b->s[r], a->len[r]) != 0))
            return 0;
    return 1;
}

/*
 * Moves the cut at the start of range k (a record boundary) forward to the
 * first record whose origin, destination or flow code differs from the
 * previous record's, so that in a file sorted by them no cell has rows on
 * both sides (see the top of the file). Stays put when no change is found in
 * the search window. The moved records' line breaks and quotes change range.
 */
static int align_cut(struct plan *pl, int64_t k, char *buf)
{
    struct range *before = &pl->ranges[k - 1], *r = &pl->ranges[k];
    int64_t window = r->end - r->begin < SEARCH_WINDOW ? r->end - r->begin : SEARCH_WINDOW;
    if (read_at(pl->fd, buf, window, r->begin) != window)
        return flow_i_fail(FLOW_ERR_IO, "%s: read error", pl->path);
    const char *end = buf + window, *next;
    struct cell_key prev, key;
    const char *p = scan_record(pl, buf, end, &prev);
    while (p != NULL && (next = scan_record(pl, p, end, &key)) != NULL) {
        if (!same_key(&prev, &key)) {
            int64_t moved = p - buf, newlines = 0, quotes = 0;
            for (int64_t i = 0; i < moved; i++) {
                newlines += buf[i] == '\n';
                quotes += buf[i] == '"';
            }
            before->end = r->begin = r->begin + moved;
            before->newlines += newlines;
            r->newlines -= newlines;
            before->quotes += quotes;
            r->quotes -= quotes;
            break;
        }
        prev = key;
        p = next;
    }
    return FLOW_OK;
}

/*
 * Counting pass, quote parity at the cuts, alignment of the cuts, and the
 * first line of every range. Returns 1 when every cut is a record boundary,
 * 0 when the file must be read serially, negative on failure.
 */
static int check_cuts(struct plan *pl, int64_t first_line)
{
    int rc = run_parallel(pl, count_range);
    if (rc != FLOW_OK)
        return rc;
    int64_t quotes = 0;
    for (int64_t k = 0; k + 1 < pl->count; k++) {
        quotes += pl->ranges[k].quotes;
        if (quotes % 2 != 0)
            return 0;
    }
    char *buf = flow_i_malloc(SEARCH_WINDOW, 1);
    if (buf == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t k = 1; k < pl->count && rc == FLOW_OK; k++)
        rc = align_cut(pl, k, buf);
    free(buf);
    for (int64_t k = 0; k < pl->count; k++) {
        pl->ranges[k].first_line = first_line;
        first_line += pl->ranges[k].newlines;
    }
    return rc == FLOW_OK ? 1 : rc;
}

/*
 * Merges the ranges in order, up to and including the first that failed,
 * telling the progress callback (on the calling thread) after each range.
 */
static int merge_ranges(const struct plan *pl, flow_dataset *ds, flow_read_report *report,
                        int64_t file_size)
{
    for (int64_t k = 0; k < pl->count; k++) {
        struct range *r = &pl->ranges[k];
        int rc = flow_i_accum_merge(ds, report, r->acc);
        if (rc != FLOW_OK)
            return rc;
        if (r->status != FLOW_OK)
            return flow_i_fail(r->status, "%s", r->message);
        rc = flow_i_report_progress(pl->opts, pl->path, r->end, file_size);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

int flow_i_read_long_parallel(flow_dataset *ds, const char *path, const flow_read_options *opts,
                              flow_read_report *report, int *handled)
{
    struct plan pl = {-1, path, opts, 0, NULL, 0, NULL, 0};
    struct header h;
    struct stat st;
    int64_t header_lines = 0;
    int rc = FLOW_OK;
    *handled = 0;
    memset(&h, 0, sizeof h);
    h.opts = opts;
    h.path = path;
    pl.buffer_size = opts->buffer_size;
    if (opts->threads < 2 || (pl.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
        fstat(pl.fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 2 * MIN_RANGE_BYTES)
        goto done;
    int64_t data = parse_header(pl.fd, (int64_t)st.st_size, &h, &pl.delimiter, &header_lines);
    if (data < 0)
        goto done;
    h.map.delimiter = pl.delimiter;
    pl.map = &h.map;
    int ok = make_ranges(&pl, data, (int64_t)st.st_size, opts->threads);
    if (ok > 0)
        ok = check_cuts(&pl, 1 + header_lines);
    if (ok <= 0)
        goto done; /* errors here leave the file to the serial reader */

    *handled = 1;
    for (int64_t k = 0; k < pl.count && rc == FLOW_OK; k++)
        rc = flow_i_accum_new_private(&pl.ranges[k].acc, ds, opts, path, &h.map);
    if (rc == FLOW_OK)
        rc = run_parallel(&pl, parse_range);
    if (rc == FLOW_OK)
        rc = merge_ranges(&pl, ds, report, (int64_t)st.st_size);
done:
    for (int64_t k = 0; pl.ranges != NULL && k < pl.count; k++)
        flow_i_accum_free(pl.ranges[k].acc);
    free(pl.ranges);
    if (h.have_map)
        flow_i_colmap_clear(&h.map);
    if (pl.fd >= 0)
        close(pl.fd);
    return rc;
}
