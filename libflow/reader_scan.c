/*
 * reader_scan.c - CSV records from a byte stream, through libcsv.
 *
 * libcsv tokenises; this file adds what it lacks: line numbers, UTF-8 BOM,
 * delimiter detection, a bound on record length, and whole records (libcsv
 * hands out one field at a time from its own buffer, so fields are copied into
 * a record arena that is reused for every record: memory is bounded by the
 * longest record).
 *
 * Line numbers: a record starts on the first line that has a non-blank byte
 * while no record is open (libcsv skips blank lines without calling back).
 * Most input is "plain": no quote, no carriage return, and no line break
 * right after a line break, space or tab (see plain_piece). In plain input
 * every line break ends exactly one record, so libcsv gets large pieces at
 * once and the line number simply advances with every record that a line
 * break ends. Any other piece is fed to libcsv one line at a time, so that
 * every callback happens while the scanner knows the current line.
 *
 * Plain pieces do not need libcsv's state machine at all: the whole lines of
 * a plain piece are split by split_plain, which finds delimiters and line
 * breaks sixteen bytes at a time and hands each field to the same field and
 * record code libcsv's callbacks use, trimming spaces and tabs as libcsv
 * does. libcsv still parses every byte of any other piece, and the part of a
 * plain piece before its first and after its last line break, so that its
 * state always matches the bytes fed. The result is the same either way
 * (tests/c/internal_plain_splitter.c and the fuzz_splitter target compare
 * the two at every buffer size); flow_i_scanner_plain_splitter turns the
 * splitter off.
 */
#include "bytes16.h"
#include "reader_internal.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Pieces: libcsv is fed at most PIECE_MAX bytes at once, so a runaway field
 * is noticed early. A piece ends after its last line break when more bytes
 * follow, so that the splitter takes its lines whole, and holds at most
 * PIECE_SIZE bytes unless it holds no line break: then it grows to the end
 * of its line (up to PIECE_MAX). The wide lines of database tables (33 KB in
 * OECD ICIO, over 100 KB in EXIOBASE) thus go through the splitter, while a
 * quote or a CRLF in a file of short lines still sends only the few lines of
 * its own small piece through libcsv line by line.
 */
#define PIECE_SIZE FLOW_I_SCAN_PIECE
#define PIECE_MAX  FLOW_I_SCAN_PIECE_MAX

struct flow_i_scanner {
    struct csv_parser parser;
    int parser_ready;
    char *name;
    int delimiter;
    size_t max_line;
    int64_t line;        /* line of the next byte fed */
    int plain;           /* the piece being parsed is plain: records count lines */
    int split_plain;     /* plain lines go to split_plain instead of libcsv */
    int64_t split_bytes; /* bytes split_plain took */
    char last_byte;      /* last byte fed ('\n' before any) */
    int at_file_start;   /* a BOM may still come */
    int in_record;       /* a record has started and not ended */
    int64_t record_line;
    size_t record_bytes;
    /* pieces fed (see feed): the last one holding a NUL byte, and the one
       where the current record may have started */
    int64_t pieces, nul_piece, record_piece;
    int status; /* first failure, from a callback or a limit */
    /* bytes held back until the first line is complete (BOM, delimiter) */
    char *pending;
    size_t pending_len, pending_cap;
    int first_line_done;
    /* the record being assembled: kept fields point into the arena */
    char *arena;
    size_t arena_len, arena_cap;
    char **fields;
    size_t *lens;
    size_t *offsets; /* scratch for moving the arena */
    int64_t nfields, fields_cap;
    const unsigned char *keep; /* which fields to copy (NULL: all), see flow_i_scanner_keep */
    int64_t nkeep;
    uint64_t keep_bits; /* keep of fields 0 to 63, one bit each */
    flow_i_record_fn fn;
    void *userdata;
};

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return FLOW_OK;
    size_t n = *cap > 0 ? *cap : 64;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return flow_i_fail(FLOW_ERR_OVERFLOW, "record buffer of %zu elements overflows", need);
        n *= 2;
    }
    void *p = realloc(*buf, n * elem);
    if (p == NULL)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    *buf = p;
    *cap = n;
    return FLOW_OK;
}

/* Field text of the fields a reader does not need. */
static char skipped_field[FLOW_I_FIELD_PAD] = "";

static int kept(const flow_i_scanner *s, int64_t i)
{
    if (i < 64)
        return (int)(s->keep_bits >> i) & 1;
    return s->keep == NULL || (i < s->nkeep && s->keep[i]);
}

/* Grows the arena to hold need bytes, moving the kept fields' pointers with it. */
static int grow_arena(flow_i_scanner *s, size_t need)
{
    for (int64_t i = 0; i < s->nfields; i++)
        if (kept(s, i))
            s->offsets[i] = (size_t)(s->fields[i] - s->arena);
    int rc = grow((void **)&s->arena, &s->arena_cap, need, 1);
    for (int64_t i = 0; i < s->nfields; i++)
        if (kept(s, i))
            s->fields[i] = s->arena + s->offsets[i];
    return rc;
}

/* Makes room in the record for one more field of len bytes. */
static int make_room(flow_i_scanner *s, size_t len)
{
    if (s->nfields == s->fields_cap) {
        size_t want = (size_t)s->nfields + 1;
        size_t fcap = (size_t)s->fields_cap, lcap = fcap, ocap = fcap;
        int rc = grow((void **)&s->fields, &fcap, want, sizeof *s->fields);
        if (rc == FLOW_OK)
            rc = grow((void **)&s->lens, &lcap, want, sizeof *s->lens);
        if (rc == FLOW_OK)
            rc = grow((void **)&s->offsets, &ocap, want, sizeof *s->offsets);
        if (rc != FLOW_OK)
            return rc;
        s->fields_cap = (int64_t)fcap;
    }
    return grow_arena(s, s->arena_len + len + 1 + FLOW_I_FIELD_PAD);
}

/*
 * The checks of on_field that rarely fail, apart so that its common path
 * stays short (libcsv calls it for every field): a failed scan, the bound on
 * the record's length, room for the field. 1 to go on with the field.
 */
__attribute__((noinline)) static int field_checks(flow_i_scanner *s, size_t len)
{
    if (s->status != FLOW_OK)
        return 0;
    if (s->record_bytes > s->max_line) {
        s->status = flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: record longer than %zu bytes",
                                s->name, (long long)s->record_line, s->max_line);
        return 0;
    }
    if ((s->arena_len + len + 1 + FLOW_I_FIELD_PAD > s->arena_cap || s->nfields == s->fields_cap) &&
        (s->status = make_room(s, len)) != FLOW_OK)
        return 0;
    return 1;
}

/*
 * Appends the field from[0..len) to the record. block_ok: at least
 * FLOW_I_FIELD_PAD bytes can be read from from.
 */
static inline void add_field(flow_i_scanner *s, const char *from, size_t len, int block_ok)
{
    if (!s->in_record) {
        s->in_record = 1;
        s->record_line = s->line;
    }
    s->record_bytes += len + 1;
    if ((s->status != FLOW_OK || s->record_bytes > s->max_line || s->nfields == s->fields_cap ||
         s->arena_len + len + 1 + FLOW_I_FIELD_PAD > s->arena_cap) &&
        !field_checks(s, len))
        return;
    int64_t i = s->nfields++;
    if (!kept(s, i)) {
        s->fields[i] = skipped_field;
        s->lens[i] = 0;
        return;
    }
    /*
     * A short field (nearly all) is copied as one fixed block of
     * FLOW_I_FIELD_PAD bytes, without a branch on its length: a loop over
     * the bytes mispredicts its exit on most fields, which costs more than
     * a wide load of bytes that libcsv has just stored.
     */
    char *to = s->arena + s->arena_len;
    if (len < FLOW_I_FIELD_PAD && block_ok) {
        memcpy(to, from, FLOW_I_FIELD_PAD);
    } else {
        for (size_t k = 0; k < len; k++)
            to[k] = from[k];
    }
    to[len] = '\0';
    s->fields[i] = to;
    s->lens[i] = len;
    s->arena_len += len + 1;
}

/* libcsv's field callback; its field buffer is never smaller than it was at the start. */
static void on_field(void *data, size_t len, void *userdata)
{
    flow_i_scanner *s = userdata;
    add_field(s, data, len, s->parser.entry_size >= FLOW_I_FIELD_PAD);
}

static void on_record(int c, void *userdata)
{
    flow_i_scanner *s = userdata;
    s->line += s->plain && c == '\n';
    if (s->status == FLOW_OK && s->nfields > 0) {
        struct flow_i_record rec = {s->record_line, s->nfields, s->fields, s->lens,
                                    s->nul_piece >= s->record_piece};
        s->status = s->fn(s->userdata, &rec);
    }
    s->record_piece = s->pieces;
    s->nfields = 0;
    s->arena_len = 0;
    s->record_bytes = 0;
    s->in_record = 0;
}

void flow_i_scanner_keep(flow_i_scanner *s, const unsigned char *keep, int64_t count)
{
    s->keep = keep;
    s->nkeep = count;
    s->keep_bits = keep != NULL ? 0 : UINT64_MAX;
    for (int64_t i = 0; keep != NULL && i < count && i < 64; i++)
        s->keep_bits |= (uint64_t)(keep[i] != 0) << i;
}

int flow_i_scanner_new(flow_i_scanner **out, const char *name, int delimiter, int64_t max_line,
                       int64_t first_line, int at_file_start, flow_i_record_fn fn, void *userdata)
{
    flow_i_scanner *s = flow_i_calloc(1, sizeof *s);
    *out = NULL;
    if (s == NULL)
        return FLOW_ERR_NOMEM;
    if ((s->name = flow_i_strdup(name != NULL ? name : "<buffer>")) == NULL) {
        free(s);
        return FLOW_ERR_NOMEM;
    }
    s->delimiter = delimiter;
    s->max_line = max_line > 0 ? (size_t)max_line : SIZE_MAX;
    s->line = first_line;
    s->last_byte = '\n';
    s->nul_piece = -1;
    s->keep_bits = UINT64_MAX;
    s->split_plain = 1;
    s->at_file_start = at_file_start;
    s->fn = fn;
    s->userdata = userdata;
    *out = s;
    return FLOW_OK;
}

void flow_i_scanner_free(flow_i_scanner *s)
{
    if (s == NULL)
        return;
    if (s->parser_ready)
        csv_free(&s->parser);
    free(s->name);
    free(s->pending);
    free(s->arena);
    free(s->offsets);
    free(s->lens);
    free(s->fields);
    free(s);
}

void flow_i_scanner_plain_splitter(flow_i_scanner *s, int on)
{
    s->split_plain = on != 0;
}

int64_t flow_i_scanner_split_bytes(const flow_i_scanner *s)
{
    return s->split_bytes;
}

int flow_i_scanner_between_records(const flow_i_scanner *s)
{
    /* After a '\n', libcsv is either between records or inside a quoted field. */
    return s->status == FLOW_OK && !s->in_record && !(s->parser_ready && s->parser.quoted);
}

int flow_i_scanner_delimiter(const flow_i_scanner *s)
{
    return s->parser_ready ? s->delimiter : 0;
}

/* The most frequent of , ; TAB outside quotes in the first line; ',' if none. */
static int detect_delimiter(const char *line, size_t len)
{
    static const char candidates[] = {',', ';', '\t'};
    size_t counts[3] = {0, 0, 0};
    int quoted = 0;
    for (size_t i = 0; i < len && line[i] != '\n'; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        for (int k = 0; k < 3 && !quoted; k++)
            counts[k] += line[i] == candidates[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    return candidates[best];
}

static int is_blank(const flow_i_scanner *s, char c)
{
    return c == '\r' || c == ' ' || (c == '\t' && s->delimiter != '\t');
}

static int libcsv_failure(flow_i_scanner *s)
{
    int err = csv_error(&s->parser);
    int64_t line = s->in_record ? s->record_line : s->line;
    if (err == CSV_EPARSE)
        return flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: malformed quoted field", s->name,
                           (long long)line);
    return flow_i_fail(err == CSV_ENOMEM ? FLOW_ERR_NOMEM : FLOW_ERR_PARSE, "%s: line %lld: %s",
                       s->name, (long long)line, csv_strerror(err));
}

/*
 * A field still being assembled inside libcsv counts toward the record
 * limit, so that a runaway field is noticed before it is complete.
 */
static int check_open_record(flow_i_scanner *s)
{
    if (s->record_bytes + s->parser.entry_pos <= s->max_line)
        return FLOW_OK;
    return s->status =
               flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: record longer than %zu bytes", s->name,
                           (long long)(s->in_record ? s->record_line : s->line), s->max_line);
}

/* Parses a piece of at most PIECE_MAX bytes. */
static int parse_piece(flow_i_scanner *s, const char *p, size_t len)
{
    /* libcsv grows its field buffer by blk_size bytes at a time: a block as
     * large as the buffer already is makes the growth geometric (a long
     * field costs a few reallocs, not one per 128 bytes). */
    if (s->parser.entry_size > s->parser.blk_size)
        csv_set_blk_size(&s->parser, s->parser.entry_size);
    if (csv_parse(&s->parser, p, len, on_field, on_record, s) != len && s->status == FLOW_OK)
        return libcsv_failure(s);
    if (s->status != FLOW_OK)
        return s->status;
    return check_open_record(s);
}

/* Feeds part of one line (no '\n' inside except possibly at its end). */
static int feed_line_part(flow_i_scanner *s, const char *p, size_t len)
{
    if (!s->in_record) {
        for (size_t i = 0; i < len && p[i] != '\n'; i++)
            if (!is_blank(s, p[i])) {
                s->in_record = 1;
                s->record_line = s->line;
                break;
            }
    }
    return parse_piece(s, p, len);
}

/* Feeds a piece one line at a time, counting its line breaks. */
static int feed_lines(flow_i_scanner *s, const char *data, size_t len)
{
    while (len > 0) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl != NULL ? (size_t)(nl - data) + 1 : len;
        int rc = feed_line_part(s, data, n);
        if (rc != FLOW_OK)
            return rc;
        if (nl != NULL)
            s->line++;
        data += n;
        len -= n;
    }
    return FLOW_OK;
}

/* 1 when byte c, before a line break, may leave the line blank (or be part of a CRLF). */
static int blank_before_break(char c)
{
    return c == '\n' || c == '\r' || c == ' ' || c == '\t';
}

/*
 * 1 when p[0..n), which follows the byte prev, is plain: no quote (so no
 * line break inside a field, given that no quoted field is open before it),
 * no carriage return (so every record ends at a '\n'), and no '\n' right
 * after a '\n', '\r', space or tab (so no blank line, which libcsv would skip
 * silently, and no CRLF). Then every '\n' ends exactly one record.
 * Sixteen bytes at a time with GCC/Clang vector extensions (SSE2 or NEON
 * where available, plain code elsewhere). *blanks is set to 1 when a plain
 * piece holds a space or the byte blank (the other byte fields are trimmed
 * of), 0 when no field of it needs trimming.
 */
static int plain_piece(const char *p, size_t n, char prev, char blank, int *blanks)
{
    flow_i_bytes16 bad = {0}, trim = {0};
    size_t i = 1;
    *blanks = 0;
    if (n == 0)
        return 1;
    if (p[0] == '"' || p[0] == '\r' || (p[0] == '\n' && blank_before_break(prev)))
        return 0;
    int found = p[0] == ' ' || p[0] == blank;
    for (; i + 16 <= n; i += 16) {
        flow_i_bytes16 v, before;
        memcpy(&v, p + i, sizeof v);
        memcpy(&before, p + i - 1, sizeof before);
        bad |= (flow_i_bytes16)((v == '"') | (v == '\r') |
                                ((v == '\n') & ((before == '\n') | (before == '\r') |
                                                (before == ' ') | (before == '\t'))));
        trim |= (flow_i_bytes16)((v == ' ') | (v == (unsigned char)blank));
    }
    uint64_t words[2], trim_words[2];
    memcpy(words, &bad, sizeof words);
    memcpy(trim_words, &trim, sizeof trim_words);
    if ((words[0] | words[1]) != 0)
        return 0;
    for (; i < n; i++) {
        if (p[i] == '"' || p[i] == '\r' || (p[i] == '\n' && blank_before_break(p[i - 1])))
            return 0;
        found |= p[i] == ' ' || p[i] == blank;
    }
    *blanks = found || (trim_words[0] | trim_words[1]) != 0;
    return 1;
}

/* Bit k set when p[k] (k < 64) is the delimiter or a line break. */
static inline uint64_t separators64(const char *p, unsigned char delimiter)
{
    uint64_t m = 0;
    for (int b = 0; b < 4; b++) {
        flow_i_bytes16 v;
        memcpy(&v, p + 16 * b, sizeof v);
        m |= (uint64_t)flow_i_mask16((flow_i_bytes16)((v == delimiter) | (v == '\n'))) << (16 * b);
    }
    return m;
}

/* The same for the n < 64 bytes at the end of a piece. */
static uint64_t separators_tail(const char *p, size_t n, char delimiter)
{
    uint64_t m = 0;
    for (size_t k = 0; k < n; k++)
        m |= (uint64_t)(p[k] == delimiter || p[k] == '\n') << k;
    return m;
}

/*
 * Splits the whole lines p[0..n) of a plain piece (p[n - 1] is '\n', and
 * libcsv is between records) into fields and records exactly as libcsv
 * would: a field ends at the delimiter or the line break, loses its leading
 * and trailing spaces and tabs (a tab delimiter is not trimmed), and every
 * line break ends one record. end is the end of the readable bytes after p.
 * trim 0 says that the piece holds no byte to trim (plain_piece): inlined
 * with a constant, the loops that look for them are then left out.
 */
__attribute__((always_inline)) static inline void split_lines(flow_i_scanner *s, const char *p,
                                                              size_t n, const char *end, int trim)
{
    const char delimiter = (char)s->delimiter;
    const char blank = delimiter == '\t' ? ' ' : '\t'; /* trimmed besides ' ' */
    const char *field = p;
    for (size_t base = 0; base < n; base += 64) {
        uint64_t m = n - base >= 64 ? separators64(p + base, (unsigned char)delimiter)
                                    : separators_tail(p + base, n - base, delimiter);
        while (m != 0) {
            const char *at = p + base + __builtin_ctzll(m);
            const char *from = field;
            m &= m - 1;
            field = at + 1;
            while (trim && from < at && (*from == ' ' || *from == blank))
                from++;
            size_t len = (size_t)(at - from);
            while (trim && len > 0 && (from[len - 1] == ' ' || from[len - 1] == blank))
                len--;
            add_field(s, from, len, end - from >= FLOW_I_FIELD_PAD);
            if (*at == '\n') {
                on_record('\n', s);
                if (s->status != FLOW_OK)
                    return;
            }
        }
    }
}

static void split_plain(flow_i_scanner *s, const char *p, size_t n, const char *end, int trim)
{
    if (trim)
        split_lines(s, p, n, end, 1);
    else
        split_lines(s, p, n, end, 0);
}

/*
 * Parses a plain piece: libcsv finishes a record it holds the start of (up
 * to the first line break) and takes the part after the last line break;
 * split_plain takes the whole lines between (trim: see plain_piece).
 */
static int parse_plain(flow_i_scanner *s, const char *p, size_t n, int trim)
{
    size_t head = 0, body_end = n;
    int rc;
    if (s->last_byte != '\n') {
        const char *nl = memchr(p, '\n', n);
        head = nl != NULL ? (size_t)(nl - p) + 1 : n;
        if ((rc = parse_piece(s, p, head)) != FLOW_OK)
            return rc;
    }
    while (body_end > head && p[body_end - 1] != '\n')
        body_end--;
    if (body_end > head) {
        s->split_bytes += (int64_t)(body_end - head);
        split_plain(s, p + head, body_end - head, p + n, trim);
        if (s->status != FLOW_OK)
            return s->status;
    }
    return body_end < n ? parse_piece(s, p + body_end, n - body_end) : FLOW_OK;
}

/* The length of the next piece of data[0..len) (see PIECE_SIZE). */
static size_t piece_length(const char *data, size_t len)
{
    if (len <= PIECE_SIZE)
        return len;
    for (size_t n = PIECE_SIZE; n > 0; n--)
        if (data[n - 1] == '\n')
            return n;
    size_t limit = len < PIECE_MAX ? len : PIECE_MAX;
    const char *nl = memchr(data + PIECE_SIZE, '\n', limit - PIECE_SIZE);
    return nl != NULL ? (size_t)(nl - data) + 1 : limit;
}

/* Feeds any bytes, in pieces of at most PIECE_MAX, each whole when plain. */
static int feed(flow_i_scanner *s, const char *data, size_t len)
{
    while (len > 0) {
        size_t n = piece_length(data, len);
        int rc;
        /* One search per piece spares the readers one per field. */
        if (memchr(data, '\0', n) != NULL)
            s->nul_piece = s->pieces + 1;
        s->pieces++;
        int trim = 1;
        if (!s->parser.quoted &&
            plain_piece(data, n, s->last_byte, s->delimiter == '\t' ? ' ' : '\t', &trim)) {
            s->plain = 1;
            rc = s->split_plain ? parse_plain(s, data, n, trim) : parse_piece(s, data, n);
            s->plain = 0;
        } else {
            rc = feed_lines(s, data, n);
        }
        if (rc != FLOW_OK)
            return rc;
        s->last_byte = data[n - 1];
        data += n;
        len -= n;
    }
    return FLOW_OK;
}

/* Starts libcsv once the first line (held in pending) is known. */
static int start_parser(flow_i_scanner *s)
{
    const char *p = s->pending;
    size_t len = s->pending_len;
    if (s->at_file_start && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    if (s->delimiter == 0)
        s->delimiter = detect_delimiter(p, len);
    if (csv_init(&s->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return flow_i_fail_status(FLOW_ERR_NOMEM);
    s->parser_ready = 1;
    csv_set_delim(&s->parser, (unsigned char)s->delimiter);
    csv_set_blk_size(&s->parser, PIECE_SIZE);
    s->first_line_done = 1;
    int rc = feed(s, p, len);
    free(s->pending);
    s->pending = NULL;
    s->pending_len = s->pending_cap = 0;
    return rc;
}

int flow_i_scanner_feed(flow_i_scanner *s, const char *data, size_t len)
{
    if (s->status != FLOW_OK || len == 0)
        return s->status;
    if (s->first_line_done)
        return s->status = feed(s, data, len);
    /* Hold bytes back until the first line is complete (or too long to wait for). */
    const char *nl = memchr(data, '\n', len);
    size_t take = nl != NULL ? (size_t)(nl - data) + 1 : len;
    if (s->pending_len + take < s->pending_len)
        return s->status = flow_i_fail(FLOW_ERR_OVERFLOW, "%s: first line overflows", s->name);
    if ((s->status = grow((void **)&s->pending, &s->pending_cap, s->pending_len + take, 1)) !=
        FLOW_OK)
        return s->status;
    memcpy(s->pending + s->pending_len, data, take);
    s->pending_len += take;
    if (nl == NULL && s->pending_len <= s->max_line)
        return FLOW_OK;
    if ((s->status = start_parser(s)) != FLOW_OK)
        return s->status;
    return s->status = feed(s, data + take, len - take);
}

int flow_i_scanner_finish(flow_i_scanner *s)
{
    if (s->status != FLOW_OK)
        return s->status;
    if (!s->first_line_done && (s->status = start_parser(s)) != FLOW_OK)
        return s->status;
    if (csv_fini(&s->parser, on_field, on_record, s) != 0 && s->status == FLOW_OK) {
        if (csv_error(&s->parser) == CSV_EPARSE)
            return s->status =
                       flow_i_fail(FLOW_ERR_PARSE, "%s: line %lld: unterminated quoted field",
                                   s->name, (long long)s->record_line);
        return s->status = libcsv_failure(s);
    }
    return s->status;
}

int64_t flow_i_record_find(const struct flow_i_record *header, const char *name)
{
    for (int64_t i = 0; i < header->nfields; i++)
        if (strcmp(header->fields[i], name) == 0)
            return i;
    return -1;
}

int flow_i_report_progress(const flow_read_options *opts, const char *path, int64_t done,
                           int64_t total)
{
    if (opts->progress == NULL || opts->progress(opts->progress_userdata, done, total) == 0)
        return FLOW_OK;
    return flow_i_fail(FLOW_ERR_CANCELLED, "%s: read cancelled by the progress callback", path);
}

/* Size of a regular file, -1 for pipes and other streams of unknown length. */
static int64_t stream_size(FILE *f)
{
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    return (int64_t)st.st_size;
}

static int read_error(const char *path)
{
    char why[128] = "unknown error";
    int err = errno;
    (void)strerror_r(err, why, sizeof why);
    return flow_i_fail(FLOW_ERR_IO, "%s: read error: %s", path, why);
}

/*
 * Reads the stream to its end, feeding the scanner. For a regular file the
 * bytes read must equal its size when the read began: a file truncated or
 * extended under the reader fails the read (FLOW_ERR_IO), in any mode.
 */
static int scan_stream(flow_i_scanner *s, FILE *f, const char *data, int64_t len,
                       const flow_read_options *opts, const char *path)
{
    int rc = FLOW_OK;
    size_t bufsize = (size_t)opts->buffer_size;
    int64_t done = 0;
    if (data != NULL) {
        while (done < len && rc == FLOW_OK) {
            size_t n = (size_t)(len - done) < bufsize ? (size_t)(len - done) : bufsize;
            rc = flow_i_scanner_feed(s, data + done, n);
            done += (int64_t)n;
            if (rc == FLOW_OK && done < len)
                rc = flow_i_report_progress(opts, path, done, len);
        }
        if (rc == FLOW_OK && (rc = flow_i_scanner_finish(s)) == FLOW_OK)
            rc = flow_i_report_progress(opts, path, done, len);
        return rc;
    }
    int64_t total = stream_size(f);
    char *buf = flow_i_malloc(opts->buffer_size, 1);
    if (buf == NULL)
        return FLOW_ERR_NOMEM;
    for (;;) {
        size_t n = fread(buf, 1, bufsize, f);
        if (n > 0 && (rc = flow_i_scanner_feed(s, buf, n)) != FLOW_OK)
            break;
        done += (int64_t)n;
        if (n < bufsize) {
            if (ferror(f))
                rc = read_error(path);
            else if (total >= 0 && done != total)
                rc = flow_i_fail(FLOW_ERR_IO,
                                 "%s: the file changed while it was read: %lld bytes read, "
                                 "%lld at the start",
                                 path, (long long)done, (long long)total);
            else if ((rc = flow_i_scanner_finish(s)) == FLOW_OK)
                rc = flow_i_report_progress(opts, path, done, total);
            break;
        }
        if ((rc = flow_i_report_progress(opts, path, done, total)) != FLOW_OK)
            break;
    }
    free(buf);
    return rc;
}

/* Opens path for reading (NULL when data is given instead). */
static int open_input(FILE **f, const char *path, const char *data)
{
    struct stat st;
    *f = NULL;
    if (data != NULL)
        return FLOW_OK;
    if ((*f = fopen(path, "rb")) != NULL) {
        if (fstat(fileno(*f), &st) != 0 || !S_ISDIR(st.st_mode))
            return FLOW_OK;
        fclose(*f);
        *f = NULL;
        return flow_i_fail(FLOW_ERR_IO, "%s: is a directory, not a file", path);
    }
    char why[128] = "unknown error";
    int err = errno;
    (void)strerror_r(err, why, sizeof why);
    return flow_i_fail(FLOW_ERR_IO, "%s: cannot open: %s", path, why);
}

int flow_i_scan_with(flow_i_scanner *s, const char *path, const char *data, int64_t len,
                     const flow_read_options *opts)
{
    FILE *f = NULL;
    int rc = open_input(&f, path, data);
    flow_i_scanner_plain_splitter(s, !opts->libcsv_only);
    if (rc == FLOW_OK)
        rc = scan_stream(s, f, data, len, opts, path);
    if (f != NULL)
        fclose(f);
    return rc;
}

int flow_i_scan(const char *path, const char *data, int64_t len, const flow_read_options *opts,
                flow_i_record_fn fn, void *userdata)
{
    flow_i_scanner *s = NULL;
    int rc = flow_i_scanner_new(&s, path, opts->delimiter, opts->max_line, 1, 1, fn, userdata);
    if (rc == FLOW_OK)
        rc = flow_i_scan_with(s, path, data, len, opts);
    flow_i_scanner_free(s);
    return rc;
}
