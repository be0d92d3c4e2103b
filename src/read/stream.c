/*
 * stream.c — one pass of an export through the decoder and the CSV stream:
 * read the file in 64 KiB chunks, convert CP932 or UTF-16 to UTF-8 where
 * needed, choose the delimiter from the header row (comma or TAB), feed
 * libcsv, report progress and name the line of an encoding error. The
 * one-thread read (reader.c) and each half of the two-thread read
 * (halves.c) both stream through here.
 *
 * Invariant: this file calls no other part of the reader; the first half of
 * a read in halves starts the second through the half's `start` hook, set by
 * halves.c, so the parts call down only.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/alloc.h"
#include "read/read_private.h"

/* Line of the byte at `offset` in the raw input (for an encoding error);
 * rewinds the stream, so the read cannot go on afterwards. In UTF-16 a line
 * ends with the code unit 000A (after the 2-byte BOM: units at even offsets). */
static long line_of_offset(FILE *f, unsigned long long offset, nps_detected enc)
{
    long line = 1;
    int c, prev = 0;
    rewind(f);
    for (unsigned long long i = 0; i < offset && (c = fgetc(f)) != EOF; i++) {
        if (enc == NPS_DETECTED_UTF16LE || enc == NPS_DETECTED_UTF16BE)
            line += i % 2 == 1 && (enc == NPS_DETECTED_UTF16LE ? prev == '\n' && c == 0 : prev == 0 && c == '\n');
        else
            line += c == '\n';
        prev = c;
    }
    return line;
}

/* The delimiter of the export, from its header row (the start of the
 * first decoded text, p[0..n)): TAB if the first line holds more TABs than
 * commas outside quotes (Excel's 「テキスト (タブ区切り)」 and 「Unicode
 * テキスト」), else the comma. */
static unsigned char header_delimiter(const char *p, size_t n)
{
    size_t commas = 0, tabs = 0;
    bool quoted = false;
    for (size_t i = 0; i < n && (quoted || (p[i] != '\n' && p[i] != '\r')); i++) {
        if (p[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            commas += p[i] == ',', tabs += p[i] == '\t';
    }
    return tabs > commas ? '\t' : ',';
}

double nps_reader_seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Report progress: first 0.5 s after `start`, then every 0.1 s at most. */
static void report_progress(reader *r, double start, double *last, unsigned long long done,
                            unsigned long long total)
{
    double now;
    if (!r->opts.progress)
        return;
    now = nps_reader_seconds_now();
    if (now - start < 0.5 || now - *last < 0.1)
        return;
    *last = now;
    r->opts.progress(r->opts.progress_ctx, done < total ? done : total, total);
}

/* Feed the file (from its current position, at most `limit` bytes) to the
 * CSV stream. With `second`, the first half of a read in halves: each chunk
 * is checked to be UTF-8 first (NPS_ERR_ENCODING, no diagnostic, if not),
 * and the second half is started once the header is mapped. */
nps_error nps_reader_stream_file(reader *r, FILE *f, nps_detected enc, nps_csv_stream *cs,
                             double start, unsigned long long total, unsigned long long limit,
                             half_read *second)
{
    char buf[1 << 16];
    nps_decoder *dec = NULL;
    nps_error err = nps_decoder_new(enc, &dec);
    size_t n;
    unsigned long long done = 0;
    double last = 0;
    nps_utf8_scanner sc;
    nps_utf8_scanner_init(&sc);
    if (err != NPS_OK)
        return nps_diag_set(r->diag, err, r->path, 0, "cannot decode %s (iconv)", nps_reader_encoding_name(enc));
    do {
        const char *out;
        size_t out_len;
        unsigned long long bad = 0;
        report_progress(r, start, &last, done, total);
        n = fread(buf, 1, limit - done < sizeof buf ? (size_t)(limit - done) : sizeof buf, f);
        done += n;
        if (second && !nps_reader_chunk_is_utf8(&sc, buf, n)) {
            second->not_utf8 = true;
            err = NPS_ERR_ENCODING;
            break;
        }
        if (n == 0 && ferror(f)) {
            err = nps_diag_set(r->diag, NPS_ERR_IO, r->path, 0, "read error: %s", strerror(errno));
            break;
        }
        err = nps_decoder_convert(dec, buf, n, n == 0, &out, &out_len, &bad);
        if (err == NPS_ERR_ENCODING) {
            long line = line_of_offset(f, bad, enc);
            if (r->utf8_invalid_line > line) {
                /* UTF-8 up to this line (an overlong sequence, a stray byte,
                 * CP932 text pasted in): that line is the culprit, not the
                 * earlier UTF-8 one CP932 decoding tripped over */
                nps_diag_set(r->diag, err, r->path, r->utf8_invalid_line,
                             "bytes that are not valid UTF-8 although the lines before are UTF-8, "
                             "and the file is not CP932 either (mixed encodings?)");
                nps_diag_hint(r->diag, "fix or delete this line, or save the whole export as UTF-8 again");
            } else if (enc == NPS_DETECTED_UTF16LE || enc == NPS_DETECTED_UTF16BE) {
                nps_diag_set(r->diag, err, r->path, line, "not valid %s (a half of a surrogate pair, or the file cut short)",
                             nps_reader_encoding_name(enc));
                nps_diag_hint(r->diag, "save the export again (Excel: CSV UTF-8) and try again");
            } else {
                nps_diag_set(r->diag, err, r->path, line, "bytes that are valid in neither UTF-8 nor CP932");
                nps_diag_hint(r->diag, "save the export as UTF-8 (or CSV from Excel) and try again");
            }
            break;
        }
        if (err == NPS_OK && out_len && !r->delimiter) {
            r->delimiter = header_delimiter(out, out_len);
            nps_csv_stream_set_delimiter(cs, r->delimiter);
        }
        if (err == NPS_OK && out_len)
            err = nps_csv_stream_feed(cs, out, out_len);
        if (err == NPS_OK && second && !second->tried && r->header_done)
            second->start(r, second);
    } while (err == NPS_OK && n > 0);
    nps_utf8_scanner_finish(&sc);
    if (err == NPS_OK && second && sc.invalid_line) {
        second->not_utf8 = true;
        err = NPS_ERR_ENCODING;
    }
    nps_decoder_free(dec);
    return err;
}

const char *nps_reader_encoding_name(nps_detected e)
{
    return e == NPS_DETECTED_CP932      ? "CP932"
           : e == NPS_DETECTED_UTF8_BOM ? "UTF-8 (BOM)"
           : e == NPS_DETECTED_UTF16LE  ? "UTF-16LE (BOM)"
           : e == NPS_DETECTED_UTF16BE  ? "UTF-16BE (BOM)"
                                        : "UTF-8";
}

void nps_reader_clear(reader *r)
{
    for (size_t i = 0; r->columns && i < r->n_columns; i++)
        nps_free(r->columns[i].header);
    nps_free(r->columns);
    nps_reader_free_matchers(r);
    nps_dedup_keys_clear(&r->keys);
}

void nps_reader_free_matchers(reader *r)
{
    if (r->matchers)
        for (size_t c = 0; c < nps_questionnaire_field_count(r->q); c++)
            nps_matcher_free(r->matchers[c]);
    nps_free(r->matchers);
    r->matchers = NULL;
}

/* Whether a chunk may be parsed as UTF-8: valid so far, no NUL byte. */
bool nps_reader_chunk_is_utf8(nps_utf8_scanner *sc, const char *p, size_t n)
{
    nps_utf8_scanner_feed(sc, (const unsigned char *)p, n);
    return !sc->invalid_line && !memchr(p, '\0', n);
}
