/*
 * match_waves.h — which question, matrix row and option of last year's
 * questionnaire is which of this year's (docs/compare.md).
 *
 * Questions match by their normalised label (nps_text_key: NFKC, no white
 * space); within a matched question, matrix rows / group items by their
 * normalised label and options (bins, stars) by theirs. A crosswalk CSV
 *   old_question,old_option,new_question,new_option
 * (Q7-style numbers; option or matrix-row labels; both option columns empty:
 * the whole question) states renames and wins over the text. What matches
 * nothing is kept, with the status of the one wave it is in.
 *
 * Only closed fields (not free text, not personal) get field entries; every
 * question, closed or not, gets a question entry.
 *
 * Ownership: nps_crosswalk owns its strings; nps_wave_match owns its arrays
 * and borrows both questionnaires, which must outlive it.
 */
#ifndef NPS_MATCH_WAVES_H
#define NPS_MATCH_WAVES_H

#include <stdbool.h>
#include <stddef.h>
#include "model/questionnaire.h"

typedef enum nps_wave_status {
    NPS_WAVE_BOTH, /* in both waves */
    NPS_WAVE_NEW,  /* only in the new wave */
    NPS_WAVE_OLD   /* only in the old wave */
} nps_wave_status;

/* "both", "new", "old" */
const char *nps_wave_status_name(nps_wave_status s);

/* ---- the crosswalk ---- */

typedef struct nps_crosswalk_entry {
    long line;
    int old_question, new_question;
    const char *old_option, *new_option; /* as written; "" = the whole question */
    const char *old_key, *new_key;       /* normalised (nps_text_key) */
} nps_crosswalk_entry;

typedef struct nps_crosswalk nps_crosswalk;

/* Parse a crosswalk held in memory; `file` names it in messages (copied).
 * Any problem — not UTF-8, an unclosed quote, a missing column, a question
 * that is not Q<number>, one option column empty and the other not, an old
 * or new side given twice — is NPS_ERR_CSV with file and line in diag. */
nps_error nps_crosswalk_parse(const char *file, const char *data, size_t len, nps_crosswalk **out,
                              nps_diag *diag);
/* Read and parse the file at path (NPS_ERR_IO when it cannot be read). */
nps_error nps_crosswalk_load(const char *path, nps_crosswalk **out, nps_diag *diag);
size_t nps_crosswalk_count(const nps_crosswalk *cw);
const nps_crosswalk_entry *nps_crosswalk_at(const nps_crosswalk *cw, size_t i);
const char *nps_crosswalk_file(const nps_crosswalk *cw);
void nps_crosswalk_free(nps_crosswalk *cw);

/* ---- the match ---- */

typedef struct nps_wave_question {
    nps_wave_status status;
    const nps_question *old_q, *new_q; /* NULL on the side it is not in */
    bool by_crosswalk;
} nps_wave_question;

typedef struct nps_wave_option {
    nps_wave_status status;
    int old_index, new_index; /* 1-based option / bin / star count, 0 = 無回答, -1 = not in that wave */
    bool by_crosswalk;
} nps_wave_option;

typedef struct nps_wave_field {
    nps_wave_status status;
    const nps_question *old_q, *new_q; /* NULL on the side it is not in */
    const nps_field *old_f, *new_f;
    bool by_crosswalk;
    size_t n_options;                  /* options of both waves, 無回答 last */
    nps_wave_option *options;
} nps_wave_field;

typedef struct nps_wave_match nps_wave_match;

/* Match `old_q` to `new_q` (cw may be NULL). A crosswalk line that names a
 * question, row or option the questionnaire does not have, or that
 * contradicts another line, is NPS_ERR_CSV naming the crosswalk's file and
 * line. Order: the new questionnaire's questions, fields and options, each
 * question's old-only fields after its own, a field's old-only options
 * before its 無回答 row; the old-only questions last, in old order. */
nps_error nps_waves_match(const nps_questionnaire *old_q, const nps_questionnaire *new_q,
                          const nps_crosswalk *cw, nps_wave_match **out, nps_diag *diag);
size_t nps_wave_match_question_count(const nps_wave_match *m);
const nps_wave_question *nps_wave_match_question_at(const nps_wave_match *m, size_t i);
size_t nps_wave_match_field_count(const nps_wave_match *m);
const nps_wave_field *nps_wave_match_field_at(const nps_wave_match *m, size_t i);
void nps_wave_match_free(nps_wave_match *m);

/* Number and label of the options of a closed field (list options, bins or
 * the 10 star counts: label NULL); index 1-based. */
size_t nps_wave_option_count(const nps_field *f);
const char *nps_wave_option_label(const nps_field *f, int index);

#endif
