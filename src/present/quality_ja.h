/*
 * quality_ja.h — the quality log's actions in Japanese.
 *
 * The reader logs what it did in English (docs/reading.md); the PDF's
 * appendix and the workbook's データ品質 sheet say it in Japanese, from the
 * one table in quality_ja.c, so both say the same words. An action with
 * values in it ("column 7 matches no question…") is matched against a
 * pattern and its values carried over; an action in no table is given as
 * logged (a test over the fixture checks that none is left in English).
 *
 * The action passed in is already masked (it may quote an answer); nothing
 * here reads the responses.
 */
#ifndef NPS_QUALITY_JA_H
#define NPS_QUALITY_JA_H

#include <stdbool.h>
#include <stddef.h>
#include "base/strbuf.h"

/* Append the Japanese of the logged action `en` (NULL: "") to sb; returns
 * true when it was translated, false when it was appended as logged. */
bool nps_quality_action_ja(nps_strbuf *sb, const char *en);

/* The same into buf (size > 0), cut at a character boundary when it does
 * not fit. Nothing is allocated. */
void nps_quality_action_ja_buf(const char *en, char *buf, size_t size);

#endif
