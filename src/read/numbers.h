/*
 * numbers.h — the number rules of docs/reading.md for numeric survey cells.
 *
 * Input: the raw cell text (UTF-8). Steps: NFKC; strip hedges (約 およそ 概ね
 * 大体 だいたい) and unit words (人 名 件 人程度 程度 くらい ぐらい 位 ほど % ％
 * and, for areas, ㎡ m2 平米; 坪 converts); `N割` is N×10 percent; thousands
 * separators; a range a～b a~b a〜b a-b is its midpoint (rounded half up for
 * counts) with a note; なし 無し いない → 0; empty / 不明 わからない 未定 - － ー ―
 * → no answer; anything else → no answer and a finding.
 *
 * Pure functions, no allocation: a plain ASCII number takes a fast path that
 * does not normalise.
 */
#ifndef NPS_NUMBERS_H
#define NPS_NUMBERS_H

#include <stddef.h>
#include "model/questionnaire.h"

typedef enum nps_number_status {
    NPS_NUMBER_OK,        /* value set */
    NPS_NUMBER_EMPTY,     /* empty cell: no answer, nothing to log */
    NPS_NUMBER_UNKNOWN,   /* 不明, わからない, 未定, dashes: no answer (or the unknown bin) */
    NPS_NUMBER_INVALID    /* not a number: no answer and a finding (or the other bin) */
} nps_number_status;

/* Flags describing how the value was obtained (for the quality log). */
enum {
    NPS_NUMBER_NOTE_RANGE   = 1 << 0, /* a range, midpoint taken */
    NPS_NUMBER_NOTE_HEDGE   = 1 << 1, /* 約 / およそ … stripped */
    NPS_NUMBER_NOTE_WARI    = 1 << 2, /* N割 */
    NPS_NUMBER_NOTE_NONE    = 1 << 3, /* なし → 0 */
    NPS_NUMBER_NOTE_TSUBO   = 1 << 4, /* 坪 converted to ㎡ */
    NPS_NUMBER_NOTE_ROUNDED = 1 << 5  /* a count that was not whole, rounded */
};

typedef struct nps_number {
    nps_number_status status;
    double value;
    unsigned notes;        /* NPS_NUMBER_NOTE_* */
} nps_number;

/* The largest number an answer can be (docs/numbers.md): more than the
 * people of Japan, the ㎡ of a city. A larger one — a phone number typed
 * into a count, 07011221209 — is a finding and no answer; it would
 * otherwise dominate every sum and mean of its question. */
#define NPS_NUMBER_PLAUSIBLE_MAX 1e8

/* Parse raw[0..len) as a number of `unit`. */
nps_number nps_number_parse(const char *raw, size_t len, nps_unit unit);

/* The 1-based bin of `value` in `set` among its interval bins, 0 if none. */
int nps_bin_index(const nps_binset *set, double value);
/* The 1-based index of the first bin of `kind` (OTHER/UNKNOWN), 0 if none. */
int nps_bin_special(const nps_binset *set, nps_bin_kind kind);

#endif
