/*
 * reader.c — export → dataset (see reader.h for the pipeline).
 *
 * The reader is a csvstream callback: the first record is the header, mapped
 * once to questionnaire fields (column_map); every later record is coded
 * cell by cell into a new dataset row. After the last record, duplicates are
 * removed. Problems with single cells go to the quality log; problems with
 * the file (encoding, CSV syntax, header, limits) stop the read with one
 * diagnostic naming file and line.
 *
 * The parts: columns.c (header), cells.c (records), duplicates.c,
 * halves.c (two threads); what they share is in reader_internal.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/alloc.h"
#include "read/reader_internal.h"

/* Line of the byte at `offset` in the raw input (for an encoding error);
 * rewinds the stream, so the read cannot go on afterwards. */
static long line_of_offset(FILE *f, unsigned long long offset)
{
    long line = 1;
    int c;
    rewind(f);
    for (unsigned long long i = 0; i < offset && (c = fgetc(f)) != EOF; i++)
        line += c == '\n';
    return line;
}

static nps_error describe_stream_error(reader *r, nps_csv_stream *cs, nps_error err)
{
    long line = nps_csv_stream_error_line(cs);
    if (r->diag && r->diag->message[0])
        return err; /* already described */
    switch (err) {
    case NPS_ERR_CSV:
        nps_diag_set(r->diag, err, r->path, line,
                     "broken CSV quoting: a quoted cell starting here is never closed, or a \" stands inside an unquoted cell");
        nps_diag_hint(r->diag, "check the quotes in this row, or export the survey again");
        break;
    case NPS_ERR_LIMIT:
        if (nps_csv_stream_limit_kind(cs) && strcmp(nps_csv_stream_limit_kind(cs), "columns") == 0)
            nps_diag_set(r->diag, err, r->path, nps_csv_stream_line(cs),
                         "more than %zu columns in one row", r->opts.max_columns ? r->opts.max_columns : (size_t)10000);
        else
            nps_diag_set(r->diag, err, r->path, line, "a cell larger than %zu bytes (or an unclosed quote)",
                         r->opts.max_field_bytes ? r->opts.max_field_bytes : (size_t)1 << 20);
        nps_diag_hint(r->diag, "the export is damaged or not a survey export");
        break;
    case NPS_ERR_ENCODING:
        nps_diag_set(r->diag, err, r->path, nps_csv_stream_line(cs), "invalid text encoding");
        break;
    case NPS_ERR_NOMEM:
        nps_diag_set(r->diag, err, r->path, nps_csv_stream_line(cs), "out of memory");
        break;
    default:
        nps_diag_set(r->diag, err, r->path, line, "%s", nps_strerror(err));
    }
    return err;
}

static nps_error check_detection(reader *r, const nps_detection *det, nps_detected *enc)
{
    if (det->bytes == 0) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 0, "the file is empty");
        nps_diag_hint(r->diag, "download the survey's responses as CSV again");
        return NPS_ERR_EMPTY;
    }
    if (det->nul_line) {
        nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, det->nul_line,
                     "a NUL byte: this is a binary file, not a CSV export");
        nps_diag_hint(r->diag, "export the survey as CSV (Google Forms: ダウンロード (.csv))");
        return NPS_ERR_ENCODING;
    }
    *enc = det->encoding;
    if (r->opts.encoding == NPS_ENCODING_AUTO)
        r->utf8_invalid_line = det->first_invalid_utf8_line;
    if (r->opts.encoding == NPS_ENCODING_UTF8) {
        if (det->first_invalid_utf8_line)
            return nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, det->first_invalid_utf8_line,
                                "not valid UTF-8 (try --encoding cp932)");
        *enc = det->encoding == NPS_DETECTED_UTF8_BOM ? det->encoding : NPS_DETECTED_UTF8;
    } else if (r->opts.encoding == NPS_ENCODING_CP932) {
        *enc = NPS_DETECTED_CP932;
    }
    /* iconv's UTF-8 is valid, and so is a file the detection pass found valid */
    r->cells_valid = *enc == NPS_DETECTED_CP932 || !det->first_invalid_utf8_line;
    return NPS_OK;
}

static double seconds_now(void)
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
    now = seconds_now();
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
        return nps_diag_set(r->diag, err, r->path, 0, "cannot decode CP932 (iconv)");
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
            long line = line_of_offset(f, bad);
            if (r->utf8_invalid_line > line) {
                /* UTF-8 up to this line (an overlong sequence, a stray byte,
                 * CP932 text pasted in): that line is the culprit, not the
                 * earlier UTF-8 one CP932 decoding tripped over */
                nps_diag_set(r->diag, err, r->path, r->utf8_invalid_line,
                             "bytes that are not valid UTF-8 although the lines before are UTF-8, "
                             "and the file is not CP932 either (mixed encodings?)");
                nps_diag_hint(r->diag, "fix or delete this line, or save the whole export as UTF-8 again");
            } else {
                nps_diag_set(r->diag, err, r->path, line, "bytes that are valid in neither UTF-8 nor CP932");
                nps_diag_hint(r->diag, "save the export as UTF-8 (or CSV from Excel) and try again");
            }
            break;
        }
        if (err == NPS_OK && out_len)
            err = nps_csv_stream_feed(cs, out, out_len);
        if (err == NPS_OK && second && !second->tried && r->header_done)
            nps_reader_start_second_half(r, second);
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
    return e == NPS_DETECTED_CP932 ? "CP932" : e == NPS_DETECTED_UTF8_BOM ? "UTF-8 (BOM)" : "UTF-8";
}

void nps_reader_clear(reader *r)
{
    for (size_t i = 0; r->columns && i < r->n_columns; i++)
        nps_free(r->columns[i].header);
    nps_free(r->columns);
    if (r->matchers)
        for (size_t c = 0; c < nps_questionnaire_field_count(r->q); c++)
            nps_matcher_free(r->matchers[c]);
    nps_free(r->matchers);
    nps_dedup_keys_clear(&r->keys);
}

static nps_error check_has_responses(reader *r)
{
    if (!r->header_done) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 1, "no header row: the file holds no CSV data");
        nps_diag_hint(r->diag, "download the survey's responses as CSV again");
        return NPS_ERR_EMPTY;
    }
    if (nps_dataset_count(r->d) == 0) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 2, "a header but no responses");
        nps_diag_hint(r->diag, "export the survey again after responses have arrived");
        return NPS_ERR_EMPTY;
    }
    return NPS_OK;
}

/* The read of a file or a memory buffer: `f` is the open stream (NULL if it
 * could not be opened, errno set), closed here; `path` names it. */
static nps_error read_stream(FILE *f, const char *path, const nps_questionnaire *q,
                             const nps_read_options *opts, nps_dataset **out, nps_diag *diag)
{
    static const nps_read_options defaults = {NPS_ENCODING_AUTO, false, 0, 0, NULL, NULL};
    reader r = {path, q, opts ? *opts : defaults, NULL, diag, 0, NULL, NULL, false, NPS_OK, 0, false,
                false, {{NULL, NULL}, NULL, 0, 0, NULL, 0, 0}};
    nps_csv_stream *cs = NULL;
    nps_detection det;
    nps_detected enc = NPS_DETECTED_UTF8;
    nps_error err;
    double start = r.opts.progress ? seconds_now() : 0;
    *out = NULL;
    nps_dedup_keys_init(&r.keys, q);
    r.collect_keys = !r.opts.keep_duplicates;
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!f)
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    if (nps_reader_read_halves(&r, f, &cs, start)) {
        err = NPS_OK;
        goto parsed;
    }
    err = nps_encoding_detect(f, &det);
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "read error: %s", strerror(errno));
        goto cleanup;
    }
    if ((err = check_detection(&r, &det, &enc)) != NPS_OK)
        goto cleanup;
    if ((err = nps_dataset_new(q, &r.d)) != NPS_OK)
        goto cleanup;
    nps_dataset_read_info_mut(r.d)->encoding = nps_reader_encoding_name(enc);
    nps_csv_limits limits = {r.opts.max_field_bytes, r.opts.max_columns};
    if ((err = nps_csv_stream_new(',', &limits, nps_reader_on_record, &r, &cs)) != NPS_OK)
        goto cleanup;
    err = nps_reader_stream_file(&r, f, enc, cs, start, det.bytes, ULLONG_MAX, NULL);
parsed:
    if (err == NPS_OK)
        err = nps_csv_stream_finish(cs);
    if (err != NPS_OK) {
        err = describe_stream_error(&r, cs, err);
        goto cleanup;
    }
    if ((err = check_has_responses(&r)) != NPS_OK)
        goto cleanup;
    if (!r.opts.keep_duplicates && (err = nps_dedup_remove_duplicates(r.d, &r.keys)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
    if (err == NPS_OK && (err = nps_dataset_finish(r.d)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
cleanup:
    fclose(f);
    nps_csv_stream_free(cs);
    nps_reader_clear(&r);
    if (err != NPS_OK) {
        if (diag && !diag->message[0]) /* e.g. out of memory before the first line */
            nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
        nps_dataset_free(r.d);
        return err;
    }
    *out = r.d;
    return NPS_OK;
}

nps_error nps_read_export(const char *path, const nps_questionnaire *q,
                          const nps_read_options *opts, nps_dataset **out, nps_diag *diag)
{
    return read_stream(fopen(path, "rb"), path, q, opts, out, diag);
}

nps_error nps_read_export_buffer(const char *name, const void *data, size_t len,
                                 const nps_questionnaire *q, const nps_read_options *opts,
                                 nps_dataset **out, nps_diag *diag)
{
    static char none[1];
    /* fmemopen never writes in "rb" mode; an empty buffer still needs an address */
    return read_stream(fmemopen(len ? (void *)data : none, len, "rb"), name, q, opts, out, diag);
}
