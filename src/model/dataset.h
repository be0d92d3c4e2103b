/*
 * dataset.h — the coded responses: one column per questionnaire field, one
 * row per responding organisation (after duplicates are removed), plus the
 * quality log of everything questionable met while reading.
 *
 * Storage is columnar and compact: a select_one / matrix row / rating cell is
 * one byte (0 = no answer, else the 1-based option index or star count); a
 * select_multiple cell is a 64-bit option set (bit i-1 = option i, 0 = no
 * answer); a number is a double (NAN = no answer) plus its bin (0 = none);
 * text lives in one arena. Memory grows with the coded data, never with the
 * size of the export.
 *
 * Personal fields (Q1–Q4) are stored for duplicate detection and masking
 * only; every output module must go through nps_dataset_text() with
 * nps_field.personal checked, and none prints them.
 *
 * Ownership: the dataset owns all strings it returns; they live until
 * nps_dataset_free(). It borrows the questionnaire, which must outlive it.
 */
#ifndef NPS_DATASET_H
#define NPS_DATASET_H

#include <stdint.h>
#include <stdbool.h>
#include "model/questionnaire.h"
#include "npo-survey/dataset.h"

/* One entry of the quality log. Strings owned by the dataset. */
typedef struct nps_quality_entry {
    nps_quality_kind kind;
    long line;             /* line of the export where the record starts; 0 = file-level */
    const char *column;    /* header text, or "" for file-level entries */
    const char *raw;       /* raw value as read (may be ""), truncated to 200 bytes */
    const char *action;    /* what was done, in English */
    const char *cell;      /* a spreadsheet export: the cell, "Sheet1!F7" (a row: "Sheet1!7:7"); else NULL */
} nps_quality_entry;

const nps_questionnaire *nps_dataset_questionnaire(const nps_dataset *d);

/* Cell accessors; `row` < count, `field` from the dataset's questionnaire. */
int nps_dataset_choice(const nps_dataset *d, size_t row, const nps_field *field);     /* select_one, rating: 0 = none */
uint64_t nps_dataset_choices(const nps_dataset *d, size_t row, const nps_field *field);/* select_multiple: 0 = none */
double nps_dataset_number(const nps_dataset *d, size_t row, const nps_field *field);  /* NAN = none */
int nps_dataset_bin(const nps_dataset *d, size_t row, const nps_field *field);        /* 1-based bin, 0 = none */
/* Text of a text field, or the "other" write-in of a select field; NULL = none. */
const char *nps_dataset_text(const nps_dataset *d, size_t row, const nps_field *field);

/* Count the answers of `field` over every row, for its table: counts[v-1]
 * for option / bin / star count v in 1..n_options, counts[n_options] for
 * no answer (or a value past n_options); a multiple-choice row adds one to
 * each option of its set (no answer: the empty set). `counts` holds
 * n_options + 1 counters, added to. */
void nps_dataset_tally(const nps_dataset *d, const nps_field *field, long *counts, size_t n_options);

/* Timestamp of the response as seconds since the epoch (local survey time
 * taken as UTC), or -1 when it had none. */
long long nps_dataset_timestamp(const nps_dataset *d, size_t row);
/* Line of the export where the response's record starts. */
long nps_dataset_line(const nps_dataset *d, size_t row);
/* Pseudonymous organisation id of a row: "R001".. in row order after
 * dedup, or the id nps_dataset_set_org_ids gave it (the organisation
 * register, docs/register.md). "" for a row past the end. */
const char *nps_dataset_org_id(const nps_dataset *d, size_t row);

const nps_quality_entry *nps_dataset_quality_at(const nps_dataset *d, size_t i);

/* Facts about the file as read. */
typedef struct nps_read_info {
    const char *encoding;      /* "UTF-8", "UTF-8 (BOM)", "CP932" */
    long records;              /* data records read (before empty-row skipping) */
    long empty_rows;           /* rows whose every cell was empty */
    long duplicates_dropped;   /* responses removed as duplicates */
    size_t columns;            /* header columns */
    size_t columns_ignored;    /* header columns that matched no question */
} nps_read_info;
const nps_read_info *nps_dataset_read_info(const nps_dataset *d);
/* Whether the export had no column for the field (set by the reader; a
 * dataset made by hand has every field). Such a field is left out of the
 * tables rather than counted as no answer (docs/annual-cycle.md). */
bool nps_dataset_field_absent(const nps_dataset *d, const nps_field *field);
void nps_dataset_set_field_absent(nps_dataset *d, const nps_field *field);

/* ---- Building (used by the reader; also by tests to make data by hand) ----
 * A new dataset has no rows; nps_dataset_add_row appends one empty response
 * (every cell "no answer"). Setters copy their strings. All return
 * NPS_ERR_NOMEM on allocation failure and leave the dataset valid. */
nps_error nps_dataset_new(const nps_questionnaire *q, nps_dataset **out);
nps_error nps_dataset_add_row(nps_dataset *d, long line, long long timestamp, size_t *row);
void nps_dataset_set_choice(nps_dataset *d, size_t row, const nps_field *field, int option);
void nps_dataset_set_choices(nps_dataset *d, size_t row, const nps_field *field, uint64_t set);
void nps_dataset_set_number(nps_dataset *d, size_t row, const nps_field *field, double value, int bin);
nps_error nps_dataset_set_text(nps_dataset *d, size_t row, const nps_field *field,
                               const char *text, size_t len);
nps_error nps_dataset_add_quality(nps_dataset *d, nps_quality_kind kind, long line,
                                  const char *column, const char *raw, size_t raw_len,
                                  const char *action);
/* Name the cell of quality entry i (copied), for an .xlsx export. */
nps_error nps_dataset_set_quality_cell(nps_dataset *d, size_t i, const char *cell);
/* Keep only the rows whose keep[row] is true (order preserved); used for
 * duplicate removal. Renumbers organisation ids. */
nps_error nps_dataset_filter_rows(nps_dataset *d, const bool *keep);
/* The rows filtered out (duplicates) keep their text cells, so that the
 * masker knows the name of every response read: how many, and the text of
 * `field` of the i-th (NULL = none). */
size_t nps_dataset_dropped_count(const nps_dataset *d);
const char *nps_dataset_dropped_text(const nps_dataset *d, size_t i, const nps_field *field);
/* Done adding and filtering rows: builds the organisation ids now, so that
 * nps_dataset_org_id never has to allocate (and cannot fail) later. */
nps_error nps_dataset_finish(nps_dataset *d);
/* Give row r the organisation id ids[r] (copied; every row has one, none
 * NULL) instead of its position: the organisation register's ids. Filtering
 * or appending rows afterwards brings back ids in row order. */
nps_error nps_dataset_set_org_ids(nps_dataset *d, const char *const *ids);
/* Append every row and quality entry of `src` (same questionnaire) after
 * those of `d`, in order, and add up the read counters (records, empty
 * rows); `src` is left empty but valid. For a read done in parts. On
 * NPS_ERR_NOMEM `d` is unchanged. */
nps_error nps_dataset_append(nps_dataset *d, nps_dataset *src);
/* Add `by` to the line of every row and of every quality entry that has
 * one (line > 0): rows read from the middle of a file with lines counted
 * from 1 there. */
void nps_dataset_shift_lines(nps_dataset *d, long by);
/* Mutable facts about the read, filled by the reader. */
nps_read_info *nps_dataset_read_info_mut(nps_dataset *d);

#endif
