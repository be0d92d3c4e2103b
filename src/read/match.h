/*
 * match.h — matching answer cells against a list's option labels (docs/reading.md).
 *
 * Labels and cells are compared as keys: NFKC with all white space removed.
 * A '?' in a cell (Excel's CP932 save of a character CP932 lacks) matches
 * any one code point of a label.
 *
 * Multiple choice: the cell is scanned left to right; at each position the
 * longest option label that matches and is followed by a separator ("," or
 * ";" — Google writes ", ", Microsoft Forms ";" with a trailing ";") or the
 * end is taken. Text that matches no label, up to the next position where a
 * label does match, is the write-in of the list's "other" option — unless it
 * is one slip away from exactly one label (read/near.h): then it is that
 * option, and near_option says so for the quality log. Never is a
 * cell split by its separators alone: labels contain commas.
 *
 * Ownership: a matcher borrows its list (which must outlive it) and owns its
 * precomputed keys and its memo of near misses (read/near_memo.h): matching
 * writes to that memo, so a matcher serves one thread at a time. Results own
 * their write-in text (free with nps_match_result_clear).
 */
#ifndef NPS_MATCH_H
#define NPS_MATCH_H

#include <stdbool.h>
#include <stdint.h>
#include "model/questionnaire.h"

typedef struct nps_matcher nps_matcher;

typedef struct nps_match_result {
    uint64_t options;      /* bit i-1 set = option i chosen; 0 = none */
    int option;            /* select_one: the option (1-based), 0 = none */
    char *other_text;      /* write-in for the other option, or NULL; owned */
    bool used_wildcard;    /* a '?' stood for a character */
    bool unmatched;        /* text matched nothing and the list has no other option */
    bool ambiguous;        /* a '?' label matched more than one option */
    int near_option;       /* an answer one slip from this option (1-based) was
                              counted as it (read/near.h); 0 = none */
} nps_match_result;

nps_error nps_matcher_new(const nps_list *list, nps_matcher **out);
void nps_matcher_free(nps_matcher *m);

/* Match a single-choice cell. Returns NPS_ERR_NOMEM or NPS_OK; an empty cell
 * gives option 0. */
nps_error nps_match_one(nps_matcher *m, const char *cell, size_t len, nps_match_result *r);
/* Match a multiple-choice cell. */
nps_error nps_match_many(nps_matcher *m, const char *cell, size_t len, nps_match_result *r);
void nps_match_result_clear(nps_match_result *r);

#endif
