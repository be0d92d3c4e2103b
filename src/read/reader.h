/*
 * reader.h — reads a web-survey export (Google Forms / Microsoft Forms CSV,
 * UTF-8 with or without BOM, or CP932 as Excel saves it) into a dataset
 * (DESIGN §3).
 *
 * Pipeline: detect encoding (one streaming pass) → decode in chunks (iconv)
 * → libcsv, fed line by line so every record knows its line → map the header
 * to questionnaire fields → parse each cell into its coded value → drop rows
 * whose every cell is empty → keep the latest response per organisation.
 * The file is streamed: memory follows the coded data, not the file size.
 *
 * Ownership: *out is owned by the caller (nps_dataset_free). The
 * questionnaire is borrowed and must outlive the dataset.
 */
#ifndef NPS_READER_H
#define NPS_READER_H

#include <stdbool.h>
#include "model/dataset.h"

typedef enum nps_encoding {
    NPS_ENCODING_AUTO,
    NPS_ENCODING_UTF8,
    NPS_ENCODING_CP932
} nps_encoding;

/* Progress of a long read: `done` bytes of the export parsed out of
 * `total` (its size). Called from the reading thread, first about 0.5 s
 * after the read began, then at most 10 times a second; reads shorter than
 * that never call it. The read is over when nps_read_export returns (there
 * is no final call). */
typedef void (*nps_progress_fn)(void *ctx, unsigned long long done, unsigned long long total);

typedef struct nps_read_options {
    nps_encoding encoding;    /* AUTO: BOM → UTF-8; valid UTF-8 → UTF-8; else CP932 */
    bool keep_duplicates;     /* true: keep every response */
    size_t max_field_bytes;   /* 0 = default (1 MiB): a larger cell is an error */
    size_t max_columns;       /* 0 = default (10,000) */
    nps_progress_fn progress; /* NULL: none */
    void *progress_ctx;       /* passed to progress */
} nps_read_options;

/* Read the export at `path`. On error, diag names file, line and problem. */
nps_error nps_read_export(const char *path, const nps_questionnaire *q,
                          const nps_read_options *opts, nps_dataset **out,
                          nps_diag *diag);

/* The same read from memory (the fuzzer, tests): data[0..len) is the whole
 * export, borrowed for the call; `name` stands for the file in diag. */
nps_error nps_read_export_buffer(const char *name, const void *data, size_t len,
                                 const nps_questionnaire *q, const nps_read_options *opts,
                                 nps_dataset **out, nps_diag *diag);

#endif
