/*
 * wording.h — the pieces of report sentences that name questions, items,
 * categories or themes, derived from the loaded questionnaire and its
 * settings (questionnaire/README.md, settings): the PDF, the workbook and
 * the figures say "Q37・Q38" or "33項目" because the questionnaire says so,
 * never because the code does.
 *
 * Every function appends to an nps_strbuf (its `failed` flag records an
 * allocation failure, as everywhere) and returns what it appended in a form
 * the caller can test: a count or a bool. Nothing is allocated but the
 * buffer's growth; q and the lists are borrowed.
 */
#ifndef NPS_WORDING_H
#define NPS_WORDING_H

#include <stdbool.h>
#include <stddef.h>
#include "base/strbuf.h"
#include "model/questionnaire.h"
#include "analyse/themes.h"

/* "Q38・Q39", "Q6～Q12" (a run of three or more consecutive numbers is
 * written as a range), in the list's order. Returns how many numbers. */
size_t nps_wording_questions(nps_strbuf *sb, const nps_number_list *list);

/* The staff part of the gap population: "Q13①～⑤" — the question and the
 * items summed (`items` empty: every number item of the question), circled
 * numbers up to ⑳, "-21" style beyond; a single-field question is just
 * "Q16". Writes nothing and returns false when the question does not exist. */
bool nps_wording_question_items(nps_strbuf *sb, const nps_questionnaire *q, int question,
                                const nps_number_list *items);

/* The questions holding personal data (survey.csv `personal`), "Q1～Q4".
 * Returns how many questions (0: nothing written). */
size_t nps_wording_personal_questions(nps_strbuf *sb, const nps_questionnaire *q);

/* The "none applies" options of the business questions, as a reader sees
 * them: 「当てはまる事業はない」 (the display form of the commentary), followed
 * by など when the questions' none-applies options differ. Returns false
 * (nothing written) when none of the questions has one. */
bool nps_wording_exclusive(nps_strbuf *sb, const nps_questionnaire *q, const nps_number_list *questions);

/* "人間関係・心身の状態・…・その他": the trouble categories in order.
 * Returns how many. */
size_t nps_wording_categories(nps_strbuf *sb, const nps_questionnaire *q);

/* "財政面・人材面など" — the first `cap` theme names, and など when there are
 * more. Returns the number of themes. */
size_t nps_wording_themes(nps_strbuf *sb, const nps_questionnaire *q, size_t cap);

/* What each theme question asked: 「Q38 は「上記の通り回答した理由を教えて
 * ください。」、Q39 は「…」（活動内容、…の3項目）と尋ねた。」 Returns how many
 * questions. */
size_t nps_wording_theme_questions(nps_strbuf *sb, const nps_questionnaire *q);

/* The first exclusion phrase of the themes (themes.csv "!農福連携"), quoted
 * 「農福連携」, or false when there is none. */
bool nps_wording_theme_exclusion(nps_strbuf *sb, const nps_questionnaire *q);

/* The paragraph of theme i: how many organisations and statements, their
 * share of the organisations that wrote (約N割 or N.N%), and the shortest
 * of its statements as an example (a masked quote). */
void nps_wording_theme_paragraph(nps_strbuf *sb, const nps_themes *th, size_t i);

#endif
