/*
 * parallel_read.c - multi-threaded reading of long-format CSV files.
 *
 * Parsing stays with libcsv (through the reader's scanner); what runs in
 * parallel is whole byte ranges of the file, each parsed by its own scanner
 * into its own accumulator (reader_internal.h, "chunked parsing"):
 *
 *  1. The header record is parsed once, from the start of the file, giving
 *     the column map and the delimiter.
 *  2. The data part is cut into one range per thread, each cut just after a
 *     '\n'. Each cut is then moved forward to the first record whose origin,
 *     destination and flow code differ from the previous record's, so that
 *     in a file sorted like BACI (by exporter, importer, product) no matrix
 *     cell gets rows from two ranges: every cell then sums its rows in file
 *     order, exactly as the serial reader does, and the result is bit-for-bit
 *     the same.
 *  3. The ranges are parsed in parallel, each streamed through a fixed buffer
 *     (memory stays bounded by the matrices, not the file). The first range
 *     goes straight into the caller's dataset and report: it is the serial
 *     read of its bytes. The others go into private accumulators, counting
 *     lines from 1; when one of them rejects a row, it counts the line breaks
 *     before its range (once) so that its messages name the file's lines.
 *  4. The ranges are taken in file order. A cut is a record boundary exactly
 *     when the scanner of the bytes before it ends between two records (a
 *     '\n' inside a quoted field is not). When it does, the next range's
 *     private accumulator is merged. When it does not, or when that range
 *     failed, the scanner before the cut simply reads on through the range's
 *     bytes on the calling thread, as the serial reader would, and the
 *     range's own result is dropped; so line breaks inside quotes and failing
 *     rows (strict mode, parse errors) give the serial read's result and
 *     message. The first failure stops the read there.
 *
 * Shared cells first. Into a dataset without matrices and with an axis that
 * does not grow, the ranges first write the caller's matrices themselves
 * (struct flow_i_shared in reader_internal.h): each economy pair belongs to
 * the first range that writes it, and nothing is copied. That holds no
 * private copy of the matrices (by HS chapter, 96 of them: the copies were
 * more than half of the peak memory) and gives the serial read's matrices
 * bit for bit, every cell being summed in file order by one range. When a
 * range meets a pair of another range (a file not sorted by economy pair),
 * or a unit that differs, or when anything of step 4 would read a range
 * again (a cut inside quotes, a failed range), the matrices are removed and
 * the read is done again as steps 3 and 4 describe, with private copies;
 * the reports are private in the first attempt and merged in range order,
 * so nothing of it remains.
 *
 * Files that are small, unreadable, or whose header is unusual are left to
 * the serial reader, which gives the same results and the usual messages.
 * Results differ from the serial read only in the rounding of sums in two
 * cases: a cell whose rows fall in two ranges (unsorted files), and reading
 * into a dataset that already has values in the cells read.
 */
#include "dataset_internal.h"
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

/* ---------------------------------------------------------------- file access */

/* Reads len bytes at offset (fewer only at the end of the file); -1 on error. */
static int64_t read_at(int fd, char *buf, int64_t len, int64_t offset)
{
    int64_t got = 0;
    errno = 0;
    while (got < len) {
        ssize_t n = pread(fd, buf + got, (size_t)(len - got), (off_t)(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = 0; /* end of file: shorter than planned, not an error of read */
            break;
        }
        got += n;
    }
    return got;
}

/* ---------------------------------------------------------------- the plan */

struct range {
    int64_t begin, end;      /* byte offsets in the file */
    flow_i_accum *acc;       /* range 0: direct, others private */
    flow_i_scanner *scanner; /* left open at the end of the range, see the top */
    const struct plan *pl;   /* for count_lines_before */
    int status;              /* of the parse */
    char message[512];       /* flow_last_error() of the worker when status fails */
};

struct plan {
    int fd;
    const char *path;
    const flow_read_options *opts;
    int delimiter;
    const struct flow_i_colmap *map;
    int64_t buffer_size;
    int64_t first_line; /* line of the first data byte */
    struct range *ranges;
    int64_t count;
};
/*
 * A range read that came back short or failed: the file shrank under the
 * read (the ranges were cut from its size at the start) or could not be read.
 */
static int short_read(const struct plan *pl)
{
    char why[128] = "unknown error";
    int err = errno;
    if (err == 0)
        return flow_i_fail(FLOW_ERR_IO, "%s: the file changed while it was read (it is shorter)",
                           pl->path);
    (void)strerror_r(err, why, sizeof why);
    return flow_i_fail(FLOW_ERR_IO, "%s: read error: %s", pl->path, why);
}

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

/*
 * flow_i_lines_fn of a private range: the line breaks before it, counted
 * from the start of the file with a buffer of its own (the worker's holds the
 * bytes being parsed). Runs on the worker's thread.
 */
static int count_lines_before(void *userdata, int64_t *lines)
{
    const struct range *r = userdata;
    const struct plan *pl = r->pl;
    char *buf = flow_i_malloc(pl->buffer_size, 1);
    if (buf == NULL)
        return FLOW_ERR_NOMEM;
    *lines = 0;
    for (int64_t off = 0; off < r->begin; off += pl->buffer_size) {
        int64_t n = r->begin - off < pl->buffer_size ? r->begin - off : pl->buffer_size;
        if (read_at(pl->fd, buf, n, off) != n) {
            free(buf);
            return short_read(pl);
        }
        *lines += count_byte(buf, n, '\n');
    }
    free(buf);
    return FLOW_OK;
}

static int on_record(void *userdata, const struct flow_i_record *rec)
{
    return flow_i_accum_record(userdata, rec);
}

/* Feeds the bytes [begin, end) of the file to r's scanner through buf. */
static int feed_bytes(const struct plan *pl, struct range *r, int64_t begin, int64_t end, char *buf)
{
    int rc = FLOW_OK;
    for (int64_t off = begin; rc == FLOW_OK && off < end; off += pl->buffer_size) {
        int64_t n = end - off < pl->buffer_size ? end - off : pl->buffer_size;
        if (read_at(pl->fd, buf, n, off) != n)
            rc = short_read(pl);
        else
            rc = flow_i_scanner_feed(r->scanner, buf, (size_t)n);
    }
    r->status = rc;
    if (rc != FLOW_OK)
        snprintf(r->message, sizeof r->message, "%s", flow_last_error());
    return rc;
}

/*
 * Parses a range into its accumulator, leaving the scanner open (see the
 * top); a failure keeps the worker's message.
 */
static void parse_range(const struct plan *pl, struct range *r, char *buf)
{
    int first = r == &pl->ranges[0];
    int rc = flow_i_scanner_new(&r->scanner, pl->path, pl->delimiter, pl->opts->max_line,
                                first ? pl->first_line : 1, 0, on_record, r->acc);
    if (rc != FLOW_OK) {
        r->status = rc;
        snprintf(r->message, sizeof r->message, "%s", flow_last_error());
        return;
    }
    flow_i_scanner_keep(r->scanner, pl->map->keep, pl->map->nfields);
    flow_i_scanner_plain_splitter(r->scanner, !pl->opts->libcsv_only);
    (void)feed_bytes(pl, r, r->begin, r->end, buf);
}

struct job {
    const struct plan *pl;
    int64_t first, step; /* ranges first, first + step, ... */
    int status;          /* FLOW_ERR_NOMEM when the buffer could not be had */
};

static void *run_job(void *arg)
{
    struct job *j = arg;
    char *buf = malloc((size_t)j->pl->buffer_size);
    j->status = buf != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t k = j->first; buf != NULL && k < j->pl->count; k += j->step)
        parse_range(j->pl, &j->pl->ranges[k], buf);
    free(buf);
    return NULL;
}

/*
 * Parses every range with up to pl->count threads (range k on thread k mod
 * threads). A thread that cannot be started leaves its ranges to the calling
 * thread. Fails only when memory runs out.
 */
static int run_parallel(const struct plan *pl)
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
        jobs[t] = (struct job){pl, t, threads, FLOW_OK};
        started[t] = t > 0 && pthread_create(&ids[t], NULL, run_job, &jobs[t]) == 0;
    }
    for (int64_t t = 0; t < threads; t++)
        if (!started[t])
            run_job(&jobs[t]);
    for (int64_t t = 0; t < threads; t++) {
        if (started[t])
            pthread_join(ids[t], NULL);
        if (rc == FLOW_OK && jobs[t].status != FLOW_OK)
            rc = flow_i_fail_status(jobs[t].status);
    }
done:
    free(jobs);
    free(ids);
    free(started);
    return rc;
}

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
 * Moves the cut at the start of range k (just after a '\n') forward to the
 * first record whose origin, destination or flow code differs from the
 * previous record's, so that in a file sorted by them no cell has rows on
 * both sides (see the top of the file). Stays put when no change is found in
 * the search window. Whether the cut is a record boundary at all is checked
 * after the parse.
 */
static int align_cut(struct plan *pl, int64_t k, char *buf)
{
    struct range *before = &pl->ranges[k - 1], *r = &pl->ranges[k];
    int64_t window = r->end - r->begin < SEARCH_WINDOW ? r->end - r->begin : SEARCH_WINDOW;
    if (read_at(pl->fd, buf, window, r->begin) != window)
        return short_read(pl);
    const char *end = buf + window, *next;
    struct cell_key prev, key;
    const char *p = scan_record(pl, buf, end, &prev);
    while (p != NULL && (next = scan_record(pl, p, end, &key)) != NULL) {
        if (!same_key(&prev, &key)) {
            before->end = r->begin = r->begin + (p - buf);
            break;
        }
        prev = key;
        p = next;
    }
    return FLOW_OK;
}

static int align_cuts(struct plan *pl)
{
    char *buf = flow_i_malloc(SEARCH_WINDOW, 1);
    int rc = buf != NULL ? FLOW_OK : FLOW_ERR_NOMEM;
    for (int64_t k = 1; k < pl->count && rc == FLOW_OK; k++)
        rc = align_cut(pl, k, buf);
    free(buf);
    return rc;
}

/* Finishes the input at the end of the file. */
static void finish_range(struct range *r)
{
    if (r->status == FLOW_OK && (r->status = flow_i_scanner_finish(r->scanner)) != FLOW_OK)
        snprintf(r->message, sizeof r->message, "%s", flow_last_error());
}

/*
 * Takes the parsed ranges in file order (see the top): merges each range
 * that starts at a record boundary and parsed without failure, and reads the
 * others on with the scanner before them. Stops at the first failure, which
 * it returns with its message after merging the rows before it; tells the
 * progress callback after each range.
 */
static int merge_ranges(const struct plan *pl, flow_dataset *ds, flow_read_report *report,
                        int64_t file_size)
{
    struct range *cur = &pl->ranges[0];
    char *buf = NULL;
    int rc = FLOW_OK;
    for (int64_t k = 1; k < pl->count && rc == FLOW_OK && cur->status == FLOW_OK; k++) {
        struct range *next = &pl->ranges[k];
        int64_t done = next->begin;
        if (flow_i_scanner_between_records(cur->scanner) && next->status == FLOW_OK) {
            if (cur != &pl->ranges[0])
                rc = flow_i_accum_merge(ds, report, cur->acc);
            cur = next;
        } else if (buf != NULL || (buf = flow_i_malloc(pl->buffer_size, 1)) != NULL) {
            (void)feed_bytes(pl, cur, next->begin, next->end, buf);
            done = next->end;
        } else {
            rc = FLOW_ERR_NOMEM;
        }
        if (rc == FLOW_OK)
            rc = flow_i_report_progress(pl->opts, pl->path, done, file_size);
    }
    free(buf);
    if (rc != FLOW_OK)
        return rc;
    finish_range(cur);
    if (cur != &pl->ranges[0] && (rc = flow_i_accum_merge(ds, report, cur->acc)) != FLOW_OK)
        return rc;
    if (cur->status != FLOW_OK)
        return flow_i_fail(cur->status, "%s", cur->message);
    return flow_i_report_progress(pl->opts, pl->path, file_size, file_size);
}

/* ---------------------------------------------------------------- shared cells */

/* Frees the scanners and accumulators of the ranges, for another attempt. */
static void reset_ranges(struct plan *pl)
{
    for (int64_t k = 0; k < pl->count; k++) {
        struct range *r = &pl->ranges[k];
        flow_i_scanner_free(r->scanner);
        flow_i_accum_free(r->acc);
        r->scanner = NULL;
        r->acc = NULL;
        r->status = FLOW_OK;
        r->message[0] = '\0';
    }
}

static int make_shared_accumulators(struct plan *pl, flow_dataset *ds, struct flow_i_shared *sh)
{
    int rc = FLOW_OK;
    for (int64_t k = 0; k < pl->count && rc == FLOW_OK; k++) {
        struct range *r = &pl->ranges[k];
        r->pl = pl;
        rc = flow_i_accum_new_shared(&r->acc, ds, sh, (int)k + 1, pl->opts, pl->path, pl->map);
        if (rc == FLOW_OK && k > 0)
            flow_i_accum_count_lines_with(r->acc, count_lines_before, r);
    }
    return rc;
}

/* 1 when every range parsed from a record boundary without failure: nothing to read again. */
static int shared_clean(const struct plan *pl, struct flow_i_shared *sh)
{
    for (int64_t k = 0; k < pl->count; k++)
        if (pl->ranges[k].status != FLOW_OK ||
            (k > 0 && !flow_i_scanner_between_records(pl->ranges[k - 1].scanner)))
            return 0;
    finish_range(&pl->ranges[pl->count - 1]);
    return pl->ranges[pl->count - 1].status == FLOW_OK && !atomic_load(&sh->abort);
}

/* The accounting of the ranges, in file order, and the rows of each matrix. */
static int shared_finish(const struct plan *pl, flow_read_report *report, int64_t file_size)
{
    int rc = FLOW_OK;
    for (int64_t k = 0; k < pl->count && rc == FLOW_OK; k++) {
        struct range *r = &pl->ranges[k];
        flow_i_accum_count_rows(r->acc);
        rc = flow_i_report_merge(report, flow_i_accum_report(r->acc), pl->opts->max_rejects_kept);
        if (rc == FLOW_OK)
            rc = flow_i_report_progress(pl->opts, pl->path, r->end, file_size);
    }
    return rc;
}

/*
 * The attempt with shared cells (see the top): *done = 1 when it read the
 * file; otherwise ds is as before and the caller reads with private copies.
 */
static int read_shared(struct plan *pl, flow_dataset *ds, flow_read_report *report,
                       int64_t file_size, int *done)
{
    struct flow_i_shared sh;
    int64_t cells = 0;
    *done = 0;
    sh.stride = flow_i_dataset_stride(ds);
    if (flow_i_mul_size(sh.stride, sh.stride, &cells) != FLOW_OK ||
        (sh.owner = flow_i_malloc(cells > 0 ? cells : 1, sizeof *sh.owner)) == NULL)
        return FLOW_OK; /* the private copies need more memory still, and say so */
    for (int64_t i = 0; i < cells; i++)
        atomic_init(&sh.owner[i], 0);
    atomic_init(&sh.abort, 0);
    int rc = pthread_mutex_init(&sh.lock, NULL) == 0 ? FLOW_OK : FLOW_ERR_NOMEM;
    if (rc == FLOW_OK) {
        rc = make_shared_accumulators(pl, ds, &sh);
        if (rc == FLOW_OK)
            rc = run_parallel(pl);
        if (rc == FLOW_OK && shared_clean(pl, &sh)) {
            rc = shared_finish(pl, report, file_size);
            *done = 1;
        }
        pthread_mutex_destroy(&sh.lock);
    }
    if (!*done)
        flow_i_dataset_truncate(ds, 0);
    reset_ranges(pl);
    free(sh.owner);
    return rc;
}

/* ---------------------------------------------------------------- entry */

/* Accumulators: the first range's writes into ds and report, the others' are private. */
static int make_accumulators(struct plan *pl, flow_dataset *ds, flow_read_report *report)
{
    int rc = flow_i_accum_new_direct(&pl->ranges[0].acc, ds, report, pl->opts, pl->path, pl->map);
    for (int64_t k = 1; k < pl->count && rc == FLOW_OK; k++) {
        struct range *r = &pl->ranges[k];
        r->pl = pl;
        if ((rc = flow_i_accum_new_private(&r->acc, ds, pl->opts, pl->path, pl->map)) == FLOW_OK)
            flow_i_accum_count_lines_with(r->acc, count_lines_before, r);
    }
    return rc;
}

int flow_i_read_long_parallel(flow_dataset *ds, const char *path, const flow_read_options *opts,
                              flow_read_report *report, int *handled)
{
    struct plan pl = {-1, path, opts, 0, NULL, opts->buffer_size, 0, NULL, 0};
    struct header h;
    struct stat st;
    int64_t header_lines = 0;
    int rc = FLOW_OK;
    *handled = 0;
    memset(&h, 0, sizeof h);
    h.opts = opts;
    h.path = path;
    if (opts->threads < 2 || (pl.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
        fstat(pl.fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 2 * MIN_RANGE_BYTES)
        goto done;
    int64_t data = parse_header(pl.fd, (int64_t)st.st_size, &h, &pl.delimiter, &header_lines);
    if (data < 0)
        goto done;
    h.map.delimiter = pl.delimiter;
    pl.map = &h.map;
    pl.first_line = 1 + header_lines;
    /* errors before the parse leave the file to the serial reader */
    if (make_ranges(&pl, data, (int64_t)st.st_size, opts->threads) <= 0 ||
        align_cuts(&pl) != FLOW_OK)
        goto done;

    *handled = 1;
    int shared = 0;
    if (flow_i_dataset_shared_ok(ds) && opts->unknown_policy != FLOW_UNKNOWN_ADD)
        rc = read_shared(&pl, ds, report, (int64_t)st.st_size, &shared);
    *handled += shared;
    if (rc == FLOW_OK && !shared)
        rc = make_accumulators(&pl, ds, report);
    if (rc == FLOW_OK && !shared)
        rc = run_parallel(&pl);
    if (rc == FLOW_OK && !shared)
        rc = merge_ranges(&pl, ds, report, (int64_t)st.st_size);
    /* As the serial read does: the ranges cover the size at the start only. */
    struct stat now;
    if (rc == FLOW_OK && (fstat(pl.fd, &now) != 0 || now.st_size != st.st_size))
        rc = flow_i_fail(FLOW_ERR_IO,
                         "%s: the file changed while it was read: %lld bytes at the start, %lld "
                         "at the end",
                         path, (long long)st.st_size, (long long)now.st_size);
done:
    for (int64_t k = 0; pl.ranges != NULL && k < pl.count; k++) {
        flow_i_scanner_free(pl.ranges[k].scanner);
        flow_i_accum_free(pl.ranges[k].acc);
    }
    free(pl.ranges);
    if (h.have_map)
        flow_i_colmap_clear(&h.map);
    if (pl.fd >= 0)
        close(pl.fd);
    return rc;
}
