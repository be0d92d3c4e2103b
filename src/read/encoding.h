/*
 * encoding.h — detecting and decoding the text encoding of an export
 * (docs/reading.md): a UTF-8 BOM means UTF-8; otherwise a file that is valid
 * UTF-8 throughout is UTF-8; otherwise it is read as CP932 (glibc iconv
 * "CP932", which knows Excel's extensions; "SHIFT_JIS" does not), and bytes
 * valid in neither are an error naming their line.
 *
 * Detection streams the file once with constant memory. Decoding is a
 * streaming converter to UTF-8 that keeps an incomplete trailing sequence for
 * the next chunk.
 */
#ifndef NPS_ENCODING_H
#define NPS_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "base/error.h"

typedef enum nps_detected {
    NPS_DETECTED_UTF8,
    NPS_DETECTED_UTF8_BOM,
    NPS_DETECTED_CP932,
    NPS_DETECTED_UTF16LE,     /* BOM FF FE (Excel's 「Unicode テキスト」) */
    NPS_DETECTED_UTF16BE      /* BOM FE FF */
} nps_detected;

typedef struct nps_detection {
    nps_detected encoding;
    long first_invalid_utf8_line; /* 0 when valid UTF-8 */
    long nul_line;                /* first line holding a NUL byte, 0 if none (not for UTF-16) */
    unsigned long long bytes;     /* bytes after any BOM (0: empty or BOM only) */
} nps_detection;

/* Scan an open stream from its current position (rewinds it afterwards). */
nps_error nps_encoding_detect(FILE *f, nps_detection *out);

/* A record boundary near the middle of the file open as `fd` (read with
 * pread, `size` bytes), for reading its halves in two threads: *offset is
 * just after the first '\n' at or past size / 2 that has an even number of
 * '"' before it, *line the line starting there. False if there is none
 * (or on a read error). The boundary is right only if the quotes are well
 * formed: a reader must check that its first half ends outside a record.
 * Cost: a memchr pass over the first half. */
bool nps_find_split(int fd, unsigned long long size, unsigned long long *offset, long *line);

/* A likely record boundary near the middle of the file open as `fd`
 * (`size` bytes), found without reading the file up to it: *offset is just
 * after the first '\n' at or past size / 2 (within 64 KiB) followed by a
 * line that starts like the first record after the header (same first
 * cell, digits aside: "2023/10/01 9:00:00,"). A guess: the boundary may
 * be inside a quoted cell, so a reader must check, as with
 * nps_find_split, that its first half ends outside a record. False if
 * there is no such line (or the first record's shape is unknown). Cost:
 * two reads of 64 KiB. */
bool nps_guess_split(int fd, unsigned long long size, unsigned long long *offset);

/* Incremental UTF-8 validator: feed chunks, then finish. */
typedef struct nps_utf8_scanner {
    unsigned char pending[4];
    size_t n_pending;
    long line;          /* 1-based line of the next byte */
    long invalid_line;  /* first line with an invalid sequence, 0 if none */
} nps_utf8_scanner;
void nps_utf8_scanner_init(nps_utf8_scanner *s);
void nps_utf8_scanner_feed(nps_utf8_scanner *s, const unsigned char *p, size_t n);
void nps_utf8_scanner_finish(nps_utf8_scanner *s);

typedef struct nps_decoder nps_decoder;

/* A decoder to UTF-8 from UTF-8 (pass-through, BOM stripped), CP932 or
 * UTF-16 (BOM stripped). */
nps_error nps_decoder_new(nps_detected encoding, nps_decoder **out);
/* Convert in[0..n) (any split); out and out_len receive decoded bytes valid
 * until the next call (from UTF-8: a part of `in` itself, valid while it
 * is). NPS_ERR_ENCODING when a sequence is invalid;
 * *bad_offset then counts the input bytes consumed before it (over all
 * calls). `last` marks the final chunk (a dangling partial sequence is then
 * an error). */
nps_error nps_decoder_convert(nps_decoder *d, const char *in, size_t n, bool last,
                              const char **out, size_t *out_len, unsigned long long *bad_offset);
void nps_decoder_free(nps_decoder *d);

#endif
