/*
 * csvstream.h — libcsv fed line by line, so that every record knows the line
 * it starts on, with whole records handed to a callback.
 *
 * Fields of the current record are kept in one reusable byte buffer (no
 * allocation per cell once it has grown to the widest record). A field
 * larger than max_field_bytes stops the parse with NPS_ERR_LIMIT: libcsv's
 * own buffer is capped through its realloc hook, so an unterminated quote in
 * a huge file cannot make memory grow without bound.
 *
 * Ownership: the stream owns its buffers; field pointers passed to the
 * callback are valid only during the call.
 */
#ifndef NPS_CSVSTREAM_H
#define NPS_CSVSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include "base/error.h"

typedef struct nps_csv_stream nps_csv_stream;

/* One record: n fields, each NUL-terminated with its length. Return NPS_OK
 * to go on, anything else to stop (it is returned by feed/finish). */
typedef nps_error (*nps_csv_record_fn)(void *ctx, long line, size_t n,
                                       const char *const *fields, const size_t *lens);

typedef struct nps_csv_limits {
    size_t max_field_bytes;  /* 0 = 1 MiB */
    size_t max_columns;      /* 0 = 10,000 */
} nps_csv_limits;

nps_error nps_csv_stream_new(unsigned char delimiter, const nps_csv_limits *limits,
                             nps_csv_record_fn fn, void *ctx, nps_csv_stream **out);
/* Feed bytes (any split). Errors: NPS_ERR_LIMIT, NPS_ERR_NOMEM, or the
 * callback's error; diag-worthy details via nps_csv_stream_error_line. */
nps_error nps_csv_stream_feed(nps_csv_stream *s, const char *buf, size_t len);
/* End of input: flushes the last record; NPS_ERR_CSV for an unterminated quote. */
nps_error nps_csv_stream_finish(nps_csv_stream *s);
/* Line (1-based) the stream is on, and the line where the field being read
 * when an error occurred started. */
long nps_csv_stream_line(const nps_csv_stream *s);
long nps_csv_stream_error_line(const nps_csv_stream *s);
/* Start counting lines at `line` (before any byte is fed): a stream that
 * reads a file from a record boundary in its middle. */
void nps_csv_stream_set_line(nps_csv_stream *s, long line);
/* Change the delimiter (',' or '\t'): before the first byte is fed. */
void nps_csv_stream_set_delimiter(nps_csv_stream *s, unsigned char delimiter);
/* True when the bytes fed so far end inside a record (not at its end). */
bool nps_csv_stream_mid_record(const nps_csv_stream *s);
/* Which limit was hit, for messages: "field" or "columns" (NULL if none). */
const char *nps_csv_stream_limit_kind(const nps_csv_stream *s);
void nps_csv_stream_free(nps_csv_stream *s);

#endif
