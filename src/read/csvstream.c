/*
 * csvstream.c — see csvstream.h.
 *
 * Invariants: `line` is the 1-based line of the next byte to be fed;
 * `field_line` the line on which the field currently being read began (the
 * line of the last field or record end, or of the first byte); fields of the
 * current record occupy buf[offsets[i] .. offsets[i]+lens[i]] each followed
 * by a NUL. Only whole lines (up to and including '\n') are given to
 * csv_parse at a time, so line numbers are exact.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "read/csvstream.h"

#define DEFAULT_MAX_FIELD ((size_t)1 << 20)
#define DEFAULT_MAX_COLUMNS 10000

struct nps_csv_stream {
    struct csv_parser parser;
    nps_csv_record_fn fn;
    void *ctx;
    size_t max_field, max_columns;
    long line, field_line, record_line;
    char *buf;
    size_t buf_len, buf_cap;
    size_t *offsets, *lens;
    const char **ptrs;
    size_t n_fields, fields_cap;
    nps_error err;            /* first error met inside a callback */
    const char *limit_kind;
};

/* libcsv's realloc hook has no context: the cap of the parse under way is
 * thread-local (each thread parses with one stream at a time). */
static _Thread_local size_t realloc_cap;

static void *capped_realloc(void *p, size_t size)
{
    if (realloc_cap && size > realloc_cap)
        return NULL;
    return nps_realloc(p, size);
}

static nps_error ensure_field_slots(nps_csv_stream *s)
{
    if (s->n_fields < s->fields_cap)
        return NPS_OK;
    size_t cap = s->fields_cap ? s->fields_cap * 2 : 64;
    size_t *o = nps_realloc(s->offsets, cap * sizeof *o);
    if (!o)
        return NPS_ERR_NOMEM;
    s->offsets = o;
    size_t *l = nps_realloc(s->lens, cap * sizeof *l);
    if (!l)
        return NPS_ERR_NOMEM;
    s->lens = l;
    const char **p = nps_realloc(s->ptrs, cap * sizeof *p);
    if (!p)
        return NPS_ERR_NOMEM;
    s->ptrs = p;
    s->fields_cap = cap;
    return NPS_OK;
}

static nps_error append_bytes(nps_csv_stream *s, const void *data, size_t len)
{
    if (s->buf_len + len + 1 > s->buf_cap) {
        size_t cap = s->buf_cap ? s->buf_cap : 4096;
        while (cap < s->buf_len + len + 1)
            cap *= 2;
        char *n = nps_realloc(s->buf, cap);
        if (!n)
            return NPS_ERR_NOMEM;
        s->buf = n;
        s->buf_cap = cap;
    }
    if (len)
        memcpy(s->buf + s->buf_len, data, len);
    s->buf[s->buf_len + len] = '\0';
    s->buf_len += len + 1;
    return NPS_OK;
}

static void on_field(void *data, size_t len, void *vs)
{
    nps_csv_stream *s = vs;
    nps_error err;
    if (s->err != NPS_OK)
        return;
    if (s->n_fields == 0)
        s->record_line = s->field_line;
    if (s->n_fields >= s->max_columns) {
        s->limit_kind = "columns";
        s->err = NPS_ERR_LIMIT;
        return;
    }
    if (len > s->max_field) {
        s->limit_kind = "field";
        s->err = NPS_ERR_LIMIT;
        return;
    }
    err = ensure_field_slots(s);
    if (err == NPS_OK) {
        s->offsets[s->n_fields] = s->buf_len;
        s->lens[s->n_fields] = len;
        err = append_bytes(s, data ? data : "", data ? len : 0);
    }
    if (err != NPS_OK) {
        s->err = err;
        return;
    }
    s->n_fields++;
    s->field_line = s->line;
}

static void on_record(int terminator, void *vs)
{
    nps_csv_stream *s = vs;
    (void)terminator; /* CR, LF, or -1 at the end of input */
    if (s->err == NPS_OK && s->n_fields > 0) {
        for (size_t i = 0; i < s->n_fields; i++)
            s->ptrs[i] = s->buf + s->offsets[i];
        s->err = s->fn(s->ctx, s->record_line, s->n_fields, s->ptrs, s->lens);
        if (s->err != NPS_OK)
            s->field_line = s->record_line; /* the refused record's first line */
    }
    s->n_fields = 0;
    s->buf_len = 0;
    /* A record ends at its line terminator: the next one starts on the
     * following line (libcsv skips blank lines: see nps_csv_stream_feed).
     * After an error, field_line keeps the line the error names. */
    if (s->err == NPS_OK)
        s->field_line = s->line + 1;
}

nps_error nps_csv_stream_new(unsigned char delimiter, const nps_csv_limits *limits,
                             nps_csv_record_fn fn, void *ctx, nps_csv_stream **out)
{
    nps_csv_stream *s = nps_calloc(1, sizeof *s);
    if (!s)
        return NPS_ERR_NOMEM;
    /* CSV_STRICT_FINI only takes effect together with CSV_STRICT (libcsv
     * 3.0): without it an unterminated quote silently swallows the rest of
     * the input into one field. */
    if (csv_init(&s->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        nps_free(s);
        return NPS_ERR_NOMEM;
    }
    csv_set_delim(&s->parser, delimiter);
    csv_set_realloc_func(&s->parser, capped_realloc);
    csv_set_free_func(&s->parser, nps_free);
    s->fn = fn;
    s->ctx = ctx;
    s->max_field = limits && limits->max_field_bytes ? limits->max_field_bytes : DEFAULT_MAX_FIELD;
    s->max_columns = limits && limits->max_columns ? limits->max_columns : DEFAULT_MAX_COLUMNS;
    s->line = 1;
    s->field_line = 1;
    s->record_line = 1;
    *out = s;
    return NPS_OK;
}

/* Give one chunk (no '\n' inside except possibly as its last byte) to libcsv. */
static nps_error parse_piece(nps_csv_stream *s, const char *p, size_t n)
{
    realloc_cap = s->max_field + 4096;
    size_t done = csv_parse(&s->parser, p, n, on_field, on_record, s);
    realloc_cap = 0;
    if (s->err != NPS_OK)
        return s->err;
    if (done != n) {
        if (csv_error(&s->parser) == CSV_ENOMEM && s->parser.entry_size + s->parser.blk_size > s->max_field) {
            s->limit_kind = "field";
            return NPS_ERR_LIMIT;
        }
        return csv_error(&s->parser) == CSV_ENOMEM ? NPS_ERR_NOMEM : NPS_ERR_CSV;
    }
    /* A field still being read that already exceeds the cap (libcsv grows
     * its buffer in blocks, so check its fill too). */
    if (s->parser.entry_pos > s->max_field) {
        s->limit_kind = "field";
        return NPS_ERR_LIMIT;
    }
    return NPS_OK;
}

nps_error nps_csv_stream_feed(nps_csv_stream *s, const char *buf, size_t len)
{
    while (len > 0) {
        const char *nl = memchr(buf, '\n', len);
        size_t n = nl ? (size_t)(nl - buf) + 1 : len;
        nps_error err = parse_piece(s, buf, n);
        if (err != NPS_OK)
            return err;
        if (nl) {
            s->line++;
            /* A line ending outside quotes ends any record; libcsv skips
             * blank lines without a callback, so the next record starts
             * no earlier than the next line. */
            if (!s->parser.quoted)
                s->field_line = s->line;
        }
        buf += n;
        len -= n;
    }
    return NPS_OK;
}

nps_error nps_csv_stream_finish(nps_csv_stream *s)
{
    realloc_cap = s->max_field + 4096;
    int rc = csv_fini(&s->parser, on_field, on_record, s);
    realloc_cap = 0;
    if (s->err != NPS_OK)
        return s->err;
    if (rc != 0)
        return csv_error(&s->parser) == CSV_ENOMEM ? NPS_ERR_NOMEM : NPS_ERR_CSV;
    return NPS_OK;
}

void nps_csv_stream_set_line(nps_csv_stream *s, long line)
{
    s->line = s->field_line = s->record_line = line;
}

void nps_csv_stream_set_delimiter(nps_csv_stream *s, unsigned char delimiter)
{
    csv_set_delim(&s->parser, delimiter);
}

bool nps_csv_stream_mid_record(const nps_csv_stream *s)
{
    return s->parser.pstate != 0 || s->n_fields > 0; /* libcsv: 0 = ROW_NOT_BEGUN */
}

long nps_csv_stream_line(const nps_csv_stream *s) { return s->line; }
long nps_csv_stream_error_line(const nps_csv_stream *s) { return s->field_line; }
const char *nps_csv_stream_limit_kind(const nps_csv_stream *s) { return s->limit_kind; }

void nps_csv_stream_free(nps_csv_stream *s)
{
    if (!s)
        return;
    csv_free(&s->parser);
    nps_free(s->buf);
    nps_free(s->offsets);
    nps_free(s->lens);
    nps_free(s->ptrs);
    nps_free(s);
}
