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
 * A pipe, FIFO or terminal is read into memory first (buffer_if_pipe) and
 * then like a file. An export whose slash dates turn out D/M/Y (or both
 * orders) while some stamps are ambiguous is read a second time with the
 * order decided (nps_reader_decide_dates), then a note says how its dates
 * were read (docs/reading.md, "Timestamps").
 *
 * The parts: stream.c (one pass through decoder and libcsv), rowfilter.c
 * (between the CSV stream and the cells), columns.c (header), cells.c
 * (records), duplicates.c, halves.c (two threads); what they share is in
 * read_private.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "base/alloc.h"
#include "read/drift.h"
#include "read/read_private.h"
#include "read/xlsx.h"

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
        nps_diag_hint(r->diag, "give the survey's .xlsx or .csv download (Google Forms: 回答 → スプレッドシート or ダウンロード (.csv); Microsoft Forms: 応答 → Excel で開く, an .xlsx)");
        return NPS_ERR_ENCODING;
    }
    *enc = det->encoding;
    if (*enc == NPS_DETECTED_UTF16LE || *enc == NPS_DETECTED_UTF16BE) {
        r->cells_valid = true; /* iconv's UTF-8 is valid */
        if (r->opts.encoding == NPS_ENCODING_AUTO)
            return NPS_OK;
        nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, 1, "a %s file, not %s as --encoding says",
                     nps_reader_encoding_name(*enc), r->opts.encoding == NPS_ENCODING_UTF8 ? "UTF-8" : "CP932");
        nps_diag_hint(r->diag, "leave out --encoding: the BOM says how the file is encoded");
        return NPS_ERR_ENCODING;
    }
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

/* One pass over the open stream: the read in halves if it is worth it,
 * else detection and the one-thread read; the stream finished and its
 * errors described, responses checked. */
static nps_error read_pass(reader *r, FILE *f, nps_csv_stream **cs, double start)
{
    nps_detection det;
    nps_detected enc = NPS_DETECTED_UTF8;
    nps_error err;
    if (nps_reader_read_halves(r, f, cs, start)) {
        err = NPS_OK;
        goto parsed;
    }
    err = nps_encoding_detect(f, &det);
    if (err != NPS_OK) {
        nps_diag_set(r->diag, err, r->path, 0, "read error: %s", strerror(errno));
        goto cleanup;
    }
    if ((err = check_detection(r, &det, &enc)) != NPS_OK)
        goto cleanup;
    if ((err = nps_dataset_new(r->q, &r->d)) != NPS_OK)
        goto cleanup;
    nps_dataset_read_info_mut(r->d)->encoding = nps_reader_encoding_name(enc);
    nps_csv_limits limits = {r->opts.max_field_bytes, r->opts.max_columns};
    if ((err = nps_csv_stream_new(',', &limits, nps_reader_filter_record, r, cs)) != NPS_OK)
        goto cleanup;
    err = nps_reader_stream_file(r, f, enc, *cs, start, det.bytes, ULLONG_MAX, NULL);
parsed:
    if (err == NPS_OK)
        err = nps_csv_stream_finish(*cs);
    if (err != NPS_OK) {
        err = describe_stream_error(r, *cs, err);
        goto cleanup;
    }
    err = check_has_responses(r);
cleanup:
    return err;
}

/* A file-level note on how the slash dates were read (docs/reading.md). */
static nps_error note_date_order(reader *r)
{
    const char *column = r->ts_column ? r->columns[r->ts_column - 1].header : "";
    const char *what = NULL;
    if (!(r->ts_seen & NPS_TS_AMBIGUOUS) && !(r->ts_seen & NPS_TS_DAY_FIRST))
        return NPS_OK;
    if (r->dates_mixed)
        what = "dates written both D/M/Y and M/D/Y: those with day and month both 12 or less are findings";
    else if (r->ts_seen & NPS_TS_DAY_FIRST)
        what = "dates read as D/M/Y (day first): a first number over 12 occurs in this export";
    else
        what = "dates with day and month both 12 or less read as M/D/Y (month first): no date in this export "
               "decides the order";
    return nps_dataset_add_quality(r->d, NPS_QUALITY_NOTE, 0, column, "", 0, what);
}

#define PIPE_MAX_BYTES ((size_t)1 << 32)

/* A pipe, FIFO or terminal (`npo-survey tabulate <(cat x.csv)`, /dev/stdin
 * from a pipe) is read into *mem first and read from there: the encoding is
 * detected in a pass of its own, and a pipe cannot be read twice. A regular
 * file (or a memory stream) is left as it is. */
static nps_error buffer_if_pipe(FILE **f, char **mem, const char *path, nps_diag *diag)
{
    static char none[1];
    struct stat st;
    size_t len = 0, cap = 0, n;
    if (fileno(*f) < 0 || fstat(fileno(*f), &st) != 0 || S_ISREG(st.st_mode))
        return NPS_OK;
    do {
        if (len == cap) {
            char *grown = cap < PIPE_MAX_BYTES ? nps_realloc(*mem, cap ? cap * 2 : 65536) : NULL;
            if (!grown)
                return cap < PIPE_MAX_BYTES ? nps_diag_set(diag, NPS_ERR_NOMEM, path, 0, "out of memory reading a pipe")
                                            : nps_diag_set(diag, NPS_ERR_LIMIT, path, 0,
                                                           "a pipe of more than %zu GiB: save it to a file first",
                                                           PIPE_MAX_BYTES >> 30);
            *mem = grown;
            cap = cap ? cap * 2 : 65536;
        }
        n = fread(*mem + len, 1, cap - len, *f);
        len += n;
    } while (n > 0);
    if (ferror(*f))
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "read error: %s", strerror(errno));
    fclose(*f);
    *f = fmemopen(len ? *mem : none, len, "rb");
    return *f ? NPS_OK : nps_diag_set(diag, NPS_ERR_NOMEM, path, 0, "out of memory reading a pipe");
}

/* The read of a file or a memory buffer: `f` is the open stream (NULL if it
 * could not be opened, errno set), closed here; `path` names it. A second
 * pass reads it again when its slash dates turn out to be D/M/Y. */
static nps_error read_stream(FILE *f, const char *path, const nps_questionnaire *q,
                             const nps_read_options *opts, nps_dataset **out, nps_diag *diag)
{
    static const nps_read_options defaults = {NPS_ENCODING_AUTO, false, 0, 0, NULL, NULL, NULL};
    reader r = {.path = path, .q = q, .opts = opts ? *opts : defaults, .diag = diag};
    nps_csv_stream *cs = NULL;
    char *mem = NULL;
    nps_error err;
    double start = r.opts.progress ? nps_reader_seconds_now() : 0;
    *out = NULL;
    nps_dedup_keys_init(&r.keys, q);
    r.collect_keys = !r.opts.keep_duplicates;
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!f)
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    if ((err = buffer_if_pipe(&f, &mem, path, diag)) != NPS_OK)
        goto cleanup;
    nps_reader_file_kind kind = nps_reader_sniff(f);
    if (kind != NPS_FILE_TEXT) { /* a workbook (docs/spreadsheets.md) */
        err = nps_reader_read_xlsx(&r, f, kind); /* closes f */
        f = NULL;
        goto cleanup;
    }
    err = read_pass(&r, f, &cs, start);
    if (err == NPS_OK && nps_reader_decide_dates(&r)) {
        nps_reader_reset(&r, f, &cs);
        err = read_pass(&r, f, &cs, start);
    }
    if (err == NPS_OK && (err = note_date_order(&r)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
    if (err == NPS_OK && !r.opts.keep_duplicates && (err = nps_dedup_remove_duplicates(r.d, &r.keys)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
    if (err == NPS_OK && (err = nps_drift_check_write_ins(r.d)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
    if (err == NPS_OK && (err = nps_dataset_finish(r.d)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
cleanup:
    if (f)
        fclose(f);
    nps_free(mem);
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
