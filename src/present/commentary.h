/*
 * commentary.h — commentary sentences in the seed report's style, generated
 * from the same tables the report prints, so the words cannot disagree with
 * the numbers (rules in docs/commentary.md). Example for Q6:
 *   「当てはまる事業はない」と「その他」を除くと、「子ども食堂などの子どもの居場所」が
 *   約3割と最も多く、次いで「子育て支援の居場所」が15.4%となっている。
 *
 * Ownership: returned strings and arrays are malloc'ed and owned by the
 * caller (free each line, then the array).
 */
#ifndef NPS_COMMENTARY_H
#define NPS_COMMENTARY_H

#include "present/results.h"

/* The commentary of question `qu` (one to three sentences), or NULL with
 * NPS_OK when the question has no closed table; NPS_ERR_NOMEM. */
nps_error nps_commentary_question(const nps_results *r, const nps_question *qu, char **out);

/* The findings summary: one sentence per notable result (headline flows,
 * top options, modal bins, themes), in report order. */
nps_error nps_commentary_findings(const nps_results *r, char ***lines, size_t *n_lines);

/* The handling summary of the troubles question (flows) and the themes
 * summary of the free-text questions, one sentence each; *out NULL when
 * the questionnaire has no flows / themes. Used by present/findings.c. */
nps_error nps_commentary_flows(const nps_results *r, char **out);
nps_error nps_commentary_themes(const nps_results *r, char **out);

/* The seed's way of saying a percentage: 約3割, 約1/4, 約半数, 13.8% …
 * (exposed for tests). Caller frees. */
char *nps_commentary_amount(long count, long base);

#endif
