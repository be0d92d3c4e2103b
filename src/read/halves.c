/*
 * halves.c — two cores for a large file.
 *
 * A large file (a regular file of 8 MiB or more, encoding not forced to
 * CP932) is first read as UTF-8 in two halves at once, without the
 * detection pass: nps_guess_split guesses a record boundary near the middle
 * from a look at two small windows (a line starting like the first record;
 * if there is none, nps_find_split counts quotes through the first half for
 * one), the main thread reads the first half and, once the header is
 * mapped, a second thread reads the second half into its own dataset with
 * its own CSV stream and matchers (a matcher remembers near misses, so it
 * is not shared), sharing the (read-only) column map. The
 * second half counts its lines from 1: once the first half is read, its
 * stream knows the line the second half starts on, and the second
 * dataset's lines (rows and quality log) are shifted by that before it is
 * appended. A wrong guess (a split inside a quoted cell) leaves the first
 * half's stream inside a record: detected after the join like broken
 * quotes. Each thread checks every chunk is
 * valid UTF-8 without NUL bytes before parsing it (the detection pass,
 * done in halves). The second dataset is appended to the first: rows and
 * the quality log come out in file order, as one thread would have made
 * them. Should anything go wrong (bytes that are not UTF-8, an error in
 * either half, the first half not ending at a record boundary because the
 * quotes are broken), the file is read again from the start the usual way
 * (detection, one thread), so diagnostics are exactly the one-thread ones.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "read/read_private.h"

#define PARALLEL_MIN_BYTES ((unsigned long long)8 << 20)

static void *second_half_main(void *arg)
{
    half_read *h = arg;
    char buf[1 << 16];
    nps_error err = NPS_OK;
    nps_utf8_scanner sc;
    nps_utf8_scanner_init(&sc);
    for (unsigned long long at = h->from; at < h->to && err == NPS_OK;) {
        size_t want = h->to - at < sizeof buf ? (size_t)(h->to - at) : sizeof buf;
        ssize_t n = pread(h->fd, buf, want, (off_t)at);
        if (n <= 0)
            err = NPS_ERR_IO;
        else if (!nps_reader_chunk_is_utf8(&sc, buf, (size_t)n))
            err = NPS_ERR_ENCODING;
        else {
            err = nps_csv_stream_feed(h->cs, buf, (size_t)n);
            at += (unsigned long long)n;
        }
    }
    nps_utf8_scanner_finish(&sc);
    if (err == NPS_OK && sc.invalid_line)
        err = NPS_ERR_ENCODING;
    if (err == NPS_OK)
        err = nps_csv_stream_finish(h->cs);
    h->err = err;
    return NULL;
}

/* Start the second half once the first has mapped the header. */
void nps_reader_start_second_half(reader *r, half_read *h)
{
    nps_csv_limits limits = {r->opts.max_field_bytes, r->opts.max_columns};
    h->tried = true;
    h->r = *r;
    h->r.d = NULL;
    nps_dedup_keys_init(&h->r.keys, r->q); /* its own keys, for its own rows */
    h->r.diag = &h->diag;
    h->r.opts.progress = NULL;
    h->r.matchers = NULL;
    if (nps_reader_make_matchers(&h->r) != NPS_OK)
        return;
    if (nps_dataset_new(r->q, &h->r.d) != NPS_OK)
        return;
    if (nps_csv_stream_new(r->delimiter ? r->delimiter : ',', &limits, nps_reader_filter_record, &h->r, &h->cs) != NPS_OK)
        return;
    h->started = h->launched = pthread_create(&h->thread, NULL, second_half_main, h) == 0;
}

static void half_read_clear(half_read *h)
{
    if (h->started)
        pthread_join(h->thread, NULL);
    h->started = false;
    nps_csv_stream_free(h->cs);
    nps_dataset_free(h->r.d);
    nps_dedup_keys_clear(&h->r.keys);
    nps_reader_free_matchers(&h->r);
    h->cs = NULL;
    h->r.d = NULL;
}

/* The size of a file worth reading in halves (a regular file of at least
 * PARALLEL_MIN_BYTES, not forced to CP932, not turned off with
 * NPS_READ_THREADS=1), else 0. */
static unsigned long long halves_size(const reader *r, FILE *f)
{
    const char *env = getenv("NPS_READ_THREADS");
    struct stat st;
#ifdef NPS_FAILALLOC
    return 0; /* allocation-failure sweeps count allocations of one thread */
#endif
    if (r->opts.encoding == NPS_ENCODING_CP932 || (env && strcmp(env, "1") == 0) || fileno(f) < 0
        || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)
        || (unsigned long long)st.st_size < PARALLEL_MIN_BYTES)
        return 0;
    return (unsigned long long)st.st_size;
}

/* Read the file as UTF-8 in two halves, the second from `split` to
 * `size`. NPS_OK when both halves were read and joined; anything else
 * means: read the file again the usual way. */
static nps_error stream_halves(reader *r, FILE *f, nps_detected enc, nps_csv_stream *cs,
                               double start, unsigned long long split, unsigned long long size)
{
    half_read h;
    nps_error err;
    memset(&h, 0, sizeof h);
    h.fd = fileno(f);
    h.from = split;
    h.to = size;
    h.start = nps_reader_start_second_half;
    err = nps_reader_stream_file(r, f, enc, cs, start, split, split, &h);
    if (h.started)
        pthread_join(h.thread, NULL);
    h.started = false;
    if (err == NPS_OK && (!h.launched || nps_csv_stream_mid_record(cs) || h.err != NPS_OK))
        err = NPS_ERR_CSV; /* no second half, a wrong split, or an error there */
    if (err == NPS_OK) {
        /* the second half's lines were counted from 1 */
        nps_dataset_shift_lines(h.r.d, nps_csv_stream_line(cs) - 1);
        err = nps_dataset_append(r->d, h.r.d);
    }
    if (err == NPS_OK)
        err = nps_dedup_keys_append(&r->keys, &h.r.keys);
    r->ts_seen |= h.r.ts_seen;
    half_read_clear(&h);
    return err;
}

void nps_reader_reset(reader *r, FILE *f, nps_csv_stream **cs)
{
    nps_reader_clear(r);
    r->columns = NULL;
    r->matchers = NULL;
    r->n_columns = 0;
    r->header_done = false;
    r->cell_error = NPS_OK;
    r->cells_valid = false;
    r->ts_column = 0;
    r->ts_seen = 0;
    r->delimiter = 0;
    nps_dataset_free(r->d);
    r->d = NULL;
    nps_csv_stream_free(*cs);
    *cs = NULL;
    if (r->diag)
        memset(r->diag, 0, sizeof *r->diag);
    rewind(f);
}

/* The read in halves of read_stream; true if it succeeded. */
bool nps_reader_read_halves(reader *r, FILE *f, nps_csv_stream **cs, double start)
{
    unsigned long long size = halves_size(r, f), split;
    nps_csv_limits limits = {r->opts.max_field_bytes, r->opts.max_columns};
    unsigned char bom[3];
    nps_detected enc;
    long line;
    nps_error err;
    if (!size || (!nps_guess_split(fileno(f), size, &split) && !nps_find_split(fileno(f), size, &split, &line)))
        return false;
    enc = pread(fileno(f), bom, 3, 0) == 3 && memcmp(bom, "\xEF\xBB\xBF", 3) == 0 ? NPS_DETECTED_UTF8_BOM
                                                                                 : NPS_DETECTED_UTF8;
    r->cells_valid = true; /* every chunk is checked before it is parsed */
    err = nps_dataset_new(r->q, &r->d);
    if (err == NPS_OK) {
        nps_dataset_read_info_mut(r->d)->encoding = nps_reader_encoding_name(enc);
        err = nps_csv_stream_new(',', &limits, nps_reader_filter_record, r, cs);
    }
    if (err == NPS_OK)
        err = stream_halves(r, f, enc, *cs, start, split, size);
    if (err != NPS_OK)
        nps_reader_reset(r, f, cs);
    return err == NPS_OK;
}
