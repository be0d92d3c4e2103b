/*
 * fuzz_reader.c — libFuzzer target: the export reader (docs/reading.md, docs/robustness.md).
 *
 * The input is a whole export, read from memory by nps_read_export_buffer
 * (the same code path as a file: fmemopen → encoding detection → decoding →
 * libcsv → header mapping → cell coding → duplicates). A successful read is
 * tabulated, so the tables see every dataset the reader can produce (they
 * are not written: their text comes from the questionnaire). The input's
 * length picks the options, so every mode is reached without a prefix that
 * would spoil seeds copied from real exports:
 *   len % 3      encoding: auto, --encoding utf-8, --encoding cp932
 *   len % 5 == 4 --keep-duplicates
 *   len % 7 == 6 tiny limits (cell ≤ 64 bytes, ≤ 40 columns)
 * Invariants checked: a read either succeeds with a dataset or fails with a
 * diagnostic message and no dataset; a dataset has one table for every
 * closed field the export has a column for (a question without a column is
 * left out, docs/annual-cycle.md).
 *
 * Also compiled into tests/test_fuzz_regressions.c (NPS_FUZZ_ENTRY renamed)
 * to replay fuzz/regressions/reader/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "model/dataset.h"
#include "model/questionnaire.h"
#include "read/reader.h"
#include "analyse/tables.h"

#ifndef NPS_FUZZ_READER_ENTRY
#define NPS_FUZZ_READER_ENTRY LLVMFuzzerTestOneInput
#endif

int NPS_FUZZ_READER_ENTRY(const uint8_t *data, size_t size);

static const nps_questionnaire *fuzz_reader_questionnaire(void)
{
    static nps_questionnaire *q;
    if (!q && nps_questionnaire_load_default(&q, NULL) != NPS_OK)
        abort();
    return q;
}

/* The closed fields (tabulated ones) that the export had a column for. */
static size_t closed_fields_present(const nps_dataset *d)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    size_t n = 0;
    for (size_t i = 0; i < nps_questionnaire_field_count(q); i++) {
        const nps_field *f = nps_questionnaire_field_at(q, i);
        n += f->type != NPS_F_TEXT && f->personal == NPS_PERSONAL_NONE && !nps_dataset_field_absent(d, f);
    }
    return n;
}

int NPS_FUZZ_READER_ENTRY(const uint8_t *data, size_t size)
{
    static const nps_encoding encodings[3] = {NPS_ENCODING_AUTO, NPS_ENCODING_UTF8, NPS_ENCODING_CP932};
    nps_read_options opts = {encodings[size % 3], size % 5 == 4, 0, 0, NULL, NULL, NULL};
    nps_dataset *d = NULL;
    nps_tables *t = NULL;
    nps_diag diag;
    if (size % 7 == 6) {
        opts.max_field_bytes = 64;
        opts.max_columns = 40;
    }
    nps_error err = nps_read_export_buffer("fuzz.csv", data, size, fuzz_reader_questionnaire(), &opts,
                                           &d, &diag);
    if (err != NPS_OK) {
        if (d || !diag.message[0])
            abort(); /* an error must come with a message and no dataset */
        return 0;
    }
    if (!d)
        abort();
    if (nps_tables_build(d, &t) == NPS_OK && nps_tables_count(t) != closed_fields_present(d))
        abort();
    nps_tables_free(t);
    nps_dataset_free(d);
    return 0;
}
