/*
 * rowfilter.c — what every record goes through between the CSV stream and
 * the reader's record callback (cells.c), where record and column are known
 * (docs/reading.md, "Hostile text" and "Timestamps"):
 *
 *   - a record whose cells equal the header row's (two downloads joined
 *     with `cat`, the second header with or without its BOM) is skipped with
 *     a NOTE: it is no respondent, and its text no quote;
 *   - code points that no output can show — the non-characters (U+FDD0–
 *     U+FDEF and U+nFFFE/U+nFFFF of every plane; U+FFFE is what a
 *     byte-swapped BOM pasted into a form becomes) and the control
 *     characters other than TAB, LF and CR (C0, DEL, C1) — are replaced by
 *     U+FFFD with one NOTE per cell naming line and column (its raw value is
 *     the first such code point, not the text, which may hold personal
 *     data);
 *   - the timestamp cell: its day/month order is recorded (ts_seen) so that
 *     reader.c can decide the order of the export as a whole; in a second
 *     pass with the order decided, an ambiguous D/M/Y stamp is handed on in
 *     ISO form, and in an export that writes both orders it is a FINDING.
 *
 * Invariants: the fields passed on are valid for the call only; a record
 * without anything to change is passed on as it came (no copy).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "base/timestamp.h"
#include "read/read_private.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define BOM "\xEF\xBB\xBF"

/* The code point of the sequence at p[0..n) and its length; 0 for bytes
 * that are not a whole valid sequence (left for the reader to reject). */
static size_t decode_one(const unsigned char *p, size_t n, unsigned *cp)
{
    size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    *cp = len == 1 ? p[0] : len == 2 ? p[0] & 0x1Fu : len == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (p[i] & 0x3Fu);
    }
    return len;
}

/* Whether p[0..n) holds an unshowable code point, looking at the bytes
 * only: a C0 control or DEL, C2 80–9F (C1), EF B7 90–AF (U+FDD0–FDEF),
 * EF BF BE/BF (U+FFFE/F), or a 4-byte sequence ending in F BF BE/BF
 * (U+nFFFE/F). Full-width forms (EF BC…, EF BD…) are common in Japanese
 * text and must not send a record to the copying path. */
/* The length of the start of p[0..n) made of whole 16-byte blocks
 * without any byte of has_unshowable's table (SSE2, part of every x86-64
 * CPU; elsewhere 0: the byte loop does it all). */
static size_t clean_blocks(const unsigned char *p, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i ef = _mm_set1_epi8((char)0xEF), c2 = _mm_set1_epi8((char)0xC2), del = _mm_set1_epi8(0x7F),
                  f0 = _mm_set1_epi8((char)0xF0), ctl = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, ef), _mm_cmpeq_epi8(v, c2)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, del),
                                                _mm_cmpeq_epi8(_mm_and_si128(v, f0), f0)));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v)); /* v ≤ 0x1F */
        if (_mm_movemask_epi8(hit))
            break;
    }
#else
    (void)p;
    (void)n;
#endif
    return i;
}

static bool has_unshowable(const char *s, size_t n)
{
    /* the bytes worth a closer look: C0 controls but TAB, LF, CR; DEL;
     * C2; EF; F0–F4 (one load and one branch per byte) */
    static const unsigned char lead[256] = {
        [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
        [0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1,
        [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1,
        [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, [0x7F] = 1, [0xC2] = 1, [0xEF] = 1,
        [0xF0] = 1, [0xF1] = 1, [0xF2] = 1, [0xF3] = 1, [0xF4] = 1,
    };
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t end;
        i += clean_blocks(p + i, n - i);
        end = n - i > 16 ? i + 16 : n; /* the block that stopped the fast scan, byte by byte */
        for (; i < end; i++) {
            unsigned char c = p[i];
            if (!lead[c])
                continue;
            if (c < 0x20 || c == 0x7F)
                return true;
            if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
                return true;
            if (c == 0xEF && i + 2 < n
                && ((p[i + 1] == 0xB7 && p[i + 2] >= 0x90 && p[i + 2] <= 0xAF)
                    || (p[i + 1] == 0xBF && p[i + 2] >= 0xBE)))
                return true;
            if (c >= 0xF0 && i + 3 < n && (p[i + 1] & 0x0F) == 0x0F && p[i + 2] == 0xBF && p[i + 3] >= 0xBE)
                return true;
        }
    }
    return false;
}

/* Copy p[0..n) to out with every unshowable code point as U+FFFD; the
 * first one in *first (0: none). out needs 3n + 1 bytes. */
static size_t scrub(const char *p, size_t n, char *out, unsigned *first)
{
    size_t i = 0, o = 0;
    *first = 0;
    while (i < n) {
        unsigned cp = 0;
        size_t len = decode_one((const unsigned char *)p + i, n - i, &cp);
        if (len && nps_text_unshowable(cp)) {
            if (!*first)
                *first = cp ? cp : 0x110000; /* (NUL never reaches here: refused as binary) */
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += len;
        } else {
            len = len ? len : 1;
            memcpy(out + o, p + i, len);
            o += len;
            i += len;
        }
    }
    out[o] = '\0';
    return o;
}

/* Whether the record repeats the header row (the first cell may carry the
 * BOM of a second download). */
static bool repeats_header(const reader *r, size_t n, const char *const *fields, const size_t *lens)
{
    if (n != r->n_columns || n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        const char *f = fields[i];
        size_t len = lens[i];
        if (i == 0 && len >= 3 && memcmp(f, BOM, 3) == 0) {
            f += 3;
            len -= 3;
        }
        if (strlen(r->columns[i].header) != len || memcmp(r->columns[i].header, f, len) != 0)
            return false;
    }
    return true;
}

/* The scrubbed copy of a record: fields and lengths pointing into `text`. */
typedef struct record_copy {
    const char **fields;
    size_t *lens;
    char *text;
} record_copy;

static void record_copy_free(record_copy *c)
{
    nps_free(c->fields);
    nps_free(c->lens);
    nps_free(c->text);
}

/* The column name for a note about cell i (the header's own cells while
 * the header is read). */
static const char *column_name(const reader *r, size_t i, const char *const *fields)
{
    return r->header_done ? (i < r->n_columns ? r->columns[i].header : "") : fields[i];
}

/* Copy the record with unshowable code points replaced, one NOTE per cell. */
static nps_error scrub_record(reader *r, long line, size_t n, const char *const *fields, const size_t *lens,
                              record_copy *c)
{
    size_t total = 0, at = 0;
    nps_error err = NPS_OK;
    for (size_t i = 0; i < n; i++)
        total += lens[i] * 3 + 1;
    c->fields = nps_malloc(n * sizeof *c->fields);
    c->lens = nps_malloc(n * sizeof *c->lens);
    c->text = nps_malloc(total);
    if (!c->fields || !c->lens || !c->text)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < n && err == NPS_OK; i++) {
        unsigned first;
        c->fields[i] = c->text + at;
        c->lens[i] = scrub(fields[i], lens[i], c->text + at, &first);
        at += c->lens[i] + 1;
        if (first) {
            char raw[16];
            snprintf(raw, sizeof raw, "U+%04X", first == 0x110000 ? 0 : first);
            err = nps_dataset_add_quality(r->d, NPS_QUALITY_NOTE, line,
                                          r->header_done ? column_name(r, i, fields) : c->fields[i], raw,
                                          strlen(raw),
                                          "a character no output can show (a non-character or a control "
                                          "character) replaced by U+FFFD");
        }
    }
    return err;
}

/* The timestamp cell of a data record: record its day/month order; with
 * the order decided, an ambiguous stamp is written into `iso` in ISO form
 * (D/M/Y: *rewrite is its column) or logged as a finding (an export that
 * writes both orders). */
static nps_error check_timestamp(reader *r, long line, size_t n, const char *const *fields, const size_t *lens,
                                 char *iso, size_t iso_size, size_t *rewrite)
{
    size_t i = r->ts_column - 1;
    long long t;
    unsigned seen = 0;
    char date[16];
    /* a short record may end before the timestamp column */
    if (i >= r->n_columns || i >= n || !nps_timestamp_parse_order(fields[i], lens[i], r->date_order, &t, &seen))
        return NPS_OK;
    r->ts_seen |= seen;
    if (!(seen & NPS_TS_AMBIGUOUS) || !r->dates_decided)
        return NPS_OK;
    if (r->dates_mixed)
        return nps_dataset_add_quality(r->d, NPS_QUALITY_FINDING, line, r->columns[i].header, fields[i], lens[i],
                                       "day and month both 12 or less in an export that writes both "
                                       "D/M/Y and M/D/Y dates: read as M/D/Y (month first)");
    nps_timestamp_date(t, date, sizeof date);
    t = (t % 86400 + 86400) % 86400;
    snprintf(iso, iso_size, "%s %02lld:%02lld:%02lld", date, t / 3600, t % 3600 / 60, t % 60);
    *rewrite = i;
    return NPS_OK;
}

/* Find the timestamp column once the header is mapped (ts_column: index + 1). */
static void find_timestamp_column(reader *r)
{
    for (size_t i = 0; i < r->n_columns && !r->ts_column; i++)
        if (r->columns[i].is_timestamp)
            r->ts_column = i + 1;
}

/* A record copy in which field `at` is replaced by `text`. */
static nps_error replace_field(record_copy *c, size_t n, const char *const *fields, const size_t *lens,
                               size_t at, const char *text)
{
    if (!c->fields) {
        c->fields = nps_malloc(n * sizeof *c->fields);
        c->lens = nps_malloc(n * sizeof *c->lens);
        if (!c->fields || !c->lens)
            return NPS_ERR_NOMEM;
        memcpy(c->fields, fields, n * sizeof *fields);
        memcpy(c->lens, lens, n * sizeof *lens);
    }
    c->fields[at] = text;
    c->lens[at] = strlen(text);
    return NPS_OK;
}

nps_error nps_reader_filter_record(void *ctx, long line, size_t n, const char *const *fields,
                                   const size_t *lens)
{
    reader *r = ctx;
    record_copy c = {NULL, NULL, NULL};
    char iso[48];
    size_t rewrite = SIZE_MAX;
    bool header = !r->header_done, suspect = false;
    nps_error err = NPS_OK;
    if (!header && repeats_header(r, n, fields, lens)) {
        err = nps_dataset_add_quality(r->d, NPS_QUALITY_NOTE, line, "", "", 0,
                                      "the header row again (two downloads joined?): skipped, not a response");
        goto cleanup;
    }
    for (size_t i = 0; i < n && !suspect; i++)
        suspect = has_unshowable(fields[i], lens[i]);
    if (suspect && (err = scrub_record(r, line, n, fields, lens, &c)) != NPS_OK)
        goto cleanup;
    if (c.fields) {
        fields = c.fields;
        lens = c.lens;
    }
    if (!header && r->ts_column && (err = check_timestamp(r, line, n, fields, lens, iso, sizeof iso, &rewrite)) != NPS_OK)
        goto cleanup;
    if (rewrite != SIZE_MAX && (err = replace_field(&c, n, fields, lens, rewrite, iso)) != NPS_OK)
        goto cleanup;
    if (c.fields) {
        fields = c.fields;
        lens = c.lens;
    }
    err = nps_reader_on_record(ctx, line, n, fields, lens);
    if (err == NPS_OK && header && r->header_done)
        find_timestamp_column(r);
cleanup:
    record_copy_free(&c);
    return err;
}

bool nps_reader_decide_dates(reader *r)
{
    if (r->dates_decided)
        return false;
    r->dates_decided = true;
    if (!(r->ts_seen & NPS_TS_DAY_FIRST) || !(r->ts_seen & NPS_TS_AMBIGUOUS))
        return false;
    r->dates_mixed = (r->ts_seen & NPS_TS_MONTH_FIRST) != 0;
    r->date_order = r->dates_mixed ? NPS_DATE_MDY : NPS_DATE_DMY;
    return true;
}
