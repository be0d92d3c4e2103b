/*
 * npo-survey/dataset.h — reading an export into a dataset: the coded,
 * de-duplicated answers of every responding organisation and the quality log
 * of everything that had to be interpreted (docs/reading.md).
 *
 * Ownership: *out of nps_read_export belongs to the caller
 * (nps_dataset_free); it borrows the questionnaire, which must outlive it.
 */
#ifndef NPS_PUBLIC_DATASET_H
#define NPS_PUBLIC_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include "npo-survey/error.h"
#include "npo-survey/export.h"
#include "npo-survey/questionnaire.h"

typedef struct nps_dataset nps_dataset;

typedef enum nps_encoding {
    NPS_ENCODING_AUTO,
    NPS_ENCODING_UTF8,
    NPS_ENCODING_CP932
} nps_encoding;

/* Progress of a long read: `done` bytes of the export parsed out of
 * `total` (its size). Called from the reading thread, first about 0.5 s
 * after the read began, then at most 10 times a second; reads shorter than
 * that never call it. The read is over when nps_read_export returns. */
typedef void (*nps_progress_fn)(void *ctx, unsigned long long done, unsigned long long total);

typedef struct nps_read_options {
    nps_encoding encoding;    /* AUTO: BOM → UTF-8; valid UTF-8 → UTF-8; else CP932 */
    bool keep_duplicates;     /* true: keep every response */
    size_t max_field_bytes;   /* 0 = default (1 MiB): a larger cell is an error */
    size_t max_columns;       /* 0 = default (10,000) */
    nps_progress_fn progress; /* NULL: none */
    void *progress_ctx;       /* passed to progress */
    const char *sheet;        /* an .xlsx export: the sheet to read (NULL: the first) */
} nps_read_options;

typedef enum nps_quality_kind {
    NPS_QUALITY_NOTE,     /* a documented rule was applied (a range, 約, `?`) */
    NPS_QUALITY_FINDING   /* something that may be wrong and needs a person */
} nps_quality_kind;

/* Read the export at `path` (opts may be NULL). On an error diag names the
 * file, the line and what is wrong. */
NPS_API nps_error nps_read_export(const char *path, const nps_questionnaire *q,
                                  const nps_read_options *opts, nps_dataset **out,
                                  nps_diag *diag);
/* The same read from memory: data[0..len) is the whole export, borrowed for
 * the call; `name` stands for the file in diagnostics. */
NPS_API nps_error nps_read_export_buffer(const char *name, const void *data, size_t len,
                                         const nps_questionnaire *q,
                                         const nps_read_options *opts, nps_dataset **out,
                                         nps_diag *diag);
/* Responding organisations after duplicates: the base n of every table. */
NPS_API size_t nps_dataset_count(const nps_dataset *d);
/* Entries of the quality log, all or of one kind. */
NPS_API size_t nps_dataset_quality_count(const nps_dataset *d);
NPS_API size_t nps_dataset_quality_count_kind(const nps_dataset *d, nps_quality_kind kind);
NPS_API void nps_dataset_free(nps_dataset *d);

#endif
