/*
 * read_private.h — what the parts of the export reader share (private to
 * src/read/): the reader state and the functions one part calls in another.
 *
 *   reader.c      the orchestration: open, detect the encoding, stream the
 *                 bytes through the decoder into the CSV stream, finish
 *                 (duplicates, dataset), describe errors
 *   columns.c     the header row → one column_map per column
 *   cells.c       every later record → one dataset row, cell by cell by
 *                 field type (the CSV stream's callback)
 *   duplicates.c  keys per row and "keep the latest response per organisation"
 *   halves.c      a large UTF-8 file read in two halves on two threads
 *   rowfilter.c   between the CSV stream and cells.c: repeated header rows,
 *                 unshowable code points, the timestamps' day/month order
 *
 * Invariants: columns[i] describes header column i for the whole read;
 * matchers[c] exists for every select field c that a column maps to; a row
 * is added to the dataset only when at least one of its cells is non-empty.
 */
#ifndef NPS_READER_INTERNAL_H
#define NPS_READER_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "base/timestamp.h"
#include "read/csvstream.h"
#include "read/encoding.h"
#include "read/match.h"
#include "read/reader.h"

typedef struct column_map {
    const nps_field *field;   /* NULL: ignored column */
    bool is_timestamp;
    char *header;             /* raw header text (for the quality log) */
} column_map;

/* Duplicate keys of the rows read so far (see duplicates.c): for row r and
 * key field k (0 organisation, 1 e-mail), refs[2r+k] is the key's offset
 * + 1 in `arena` (0: no key) and its hash. */
typedef struct key_ref {
    size_t at;
    uint64_t hash;
} key_ref;

typedef struct dedup_keys {
    const nps_field *fields[2]; /* NULL: the questionnaire has no such field */
    char *arena;
    size_t len, cap;
    key_ref *refs;
    size_t n_rows, cap_rows;
} dedup_keys;

typedef struct reader {
    const char *path;
    const nps_questionnaire *q;
    nps_read_options opts;
    nps_dataset *d;
    nps_diag *diag;
    size_t n_columns;
    column_map *columns;
    nps_matcher **matchers;   /* by field column */
    bool header_done;
    nps_error cell_error;     /* allocation failures inside callbacks */
    long utf8_invalid_line;   /* auto-detected CP932: the first line that is not UTF-8 */
    bool cells_valid;         /* the decoded text is known to be valid UTF-8 (no check per cell) */
    bool collect_keys;        /* duplicates are to be removed: keep each row's keys */
    dedup_keys keys;
    /* rowfilter.c and stream.c */
    unsigned char delimiter;  /* ',' or '\t', chosen from the header row (0: not yet) */
    size_t ts_column;         /* the timestamp column + 1 (0: none, or the header not read yet) */
    unsigned ts_seen;         /* NPS_TS_* of every stamp read */
    nps_date_order date_order;/* for ambiguous slash dates */
    bool dates_decided;       /* a second pass with the order of the export as a whole */
    bool dates_mixed;         /* ... which writes both D/M/Y and M/D/Y */
} reader;

typedef struct half_read {
    reader r;                 /* copy of the main reader after the header: own dataset */
    nps_csv_stream *cs;
    nps_diag diag;
    int fd;
    unsigned long long from, to;
    bool tried;               /* start_second_half was called */
    bool not_utf8;            /* a chunk was not UTF-8 or held a NUL */
    bool launched;            /* the thread ran (and has to be joined while `started`) */
    bool started;
    pthread_t thread;
    nps_error err;
    /* set by halves.c: starts the second half once the first has mapped
     * the header (called by nps_reader_stream_file) */
    void (*start)(reader *r, struct half_read *h);
} half_read;

/* ---- stream.c ---- */
/* Feed the file (from its current position, at most `limit` bytes) to the
 * CSV stream; `second`: the first half of a read in halves (see halves.c). */
nps_error nps_reader_stream_file(reader *r, FILE *f, nps_detected enc, nps_csv_stream *cs,
                                 double start, unsigned long long total, unsigned long long limit,
                                 half_read *second);
const char *nps_reader_encoding_name(nps_detected e);
/* Free the column map, the matchers and the keys (not the dataset). */
void nps_reader_clear(reader *r);
/* Free the matchers alone (r->matchers NULL after). */
void nps_reader_free_matchers(reader *r);
/* Whether a chunk may be parsed as UTF-8: valid so far, no NUL byte. */
bool nps_reader_chunk_is_utf8(nps_utf8_scanner *sc, const char *p, size_t n);
/* A monotonic clock in seconds, for progress. */
double nps_reader_seconds_now(void);

/* ---- rowfilter.c ---- */
/* The CSV stream callback (ctx: the reader): skips a repeated header row,
 * replaces unshowable code points, records the timestamps' day/month order,
 * then calls nps_reader_on_record. */
nps_error nps_reader_filter_record(void *ctx, long line, size_t n, const char *const *fields,
                                   const size_t *lens);
/* After a pass: true if the export's slash dates turned out D/M/Y (or
 * mixed) with ambiguous stamps, so that it must be read again with the
 * order set (once). */
bool nps_reader_decide_dates(reader *r);

/* ---- columns.c ---- */
/* Map the header row (fields already checked to be UTF-8). */
nps_error nps_reader_read_header(reader *r, size_t n, const char *const *fields, const size_t *lens);
/* r->matchers: one matcher per select field a mapped column holds. A
 * matcher serves one thread (it remembers near misses): the second half
 * of a read in halves makes its own. */
nps_error nps_reader_make_matchers(reader *r);

/* ---- cells.c ---- */
/* The CSV stream callback (ctx: the reader): the header, then one row per record. */
nps_error nps_reader_on_record(void *ctx, long line, size_t n, const char *const *fields,
                               const size_t *lens);

/* ---- duplicates.c ---- */
void nps_dedup_keys_init(dedup_keys *k, const nps_questionnaire *q);
/* Forget the keys (the fields stay). */
void nps_dedup_keys_clear(dedup_keys *k);
/* Append the keys of dataset row `row`, which must be row k->n_rows. */
nps_error nps_dedup_keys_add_row(dedup_keys *k, const nps_dataset *d, size_t row);
/* Append the keys of `src` (rows after those of `k`); `src` is left empty. */
nps_error nps_dedup_keys_append(dedup_keys *k, dedup_keys *src);
/* Keep the latest response of every organisation (rows sharing a key). */
nps_error nps_dedup_remove_duplicates(nps_dataset *d, dedup_keys *keys);

/* ---- halves.c ---- */
/* Start the second half once the first has mapped the header. */
void nps_reader_start_second_half(reader *r, half_read *h);
/* Read `f` in two halves if it is worth it; true if that succeeded (else
 * the reader is reset and the file rewound, to be read the usual way). */
bool nps_reader_read_halves(reader *r, FILE *f, nps_csv_stream **cs, double start);
/* Forget a read (columns, dataset, stream, diagnostic) and rewind `f`, to
 * read the file again; the options and the date decision stay. */
void nps_reader_reset(reader *r, FILE *f, nps_csv_stream **cs);

#endif
