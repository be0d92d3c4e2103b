/*
 * commentary_internal.h — what the commentary modules share (rules in
 * docs/commentary.md): a growing string, the seed's wording of an amount,
 * the short display form of labels, and the few sentence pieces every rule
 * uses (「A」と「B」, 「…」を除くと、, ranked top / runner-up sentences).
 *
 * Files: commentary_text.c (these helpers), commentary_select.c (choice
 * questions, yes/no, ratings), commentary_numeric.c (numeric bins),
 * commentary_matrix.c (matrices and the trouble flows), commentary.c (the
 * public entry points and the findings).
 *
 * Invariants: a builder that failed once stays failed (every later append
 * is a no-op) and nps_strbuf_take then returns NULL, so sentence code can
 * append freely and check once. Item labels are byte ranges into strings
 * owned by the questionnaire (or by the caller's stack for generated ones);
 * the helpers never keep them.
 */
#ifndef NPS_COMMENTARY_INTERNAL_H
#define NPS_COMMENTARY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "base/strbuf.h"
#include "present/commentary.h"

/* ---- string builder ----------------------------------------------------- */

/* Sentences are built in the library's growing string (base/strbuf.h). */

/* 「s」, with 「」 inside s written as 『』. */
void nps_cm_sb_quote(nps_strbuf *sb, const char *s, size_t n);

/* ---- amounts -------------------------------------------------------------- */

#define NPS_CM_WORD 32  /* room for any wording, NUL included */

/* The wording of count/base (半数, 約1/4, 約3割, 2割, 13.8% …). */
void nps_cm_amount(long count, long base, char out[NPS_CM_WORD]);
/* count/base as a percent with one decimal, "13.8%". */
void nps_cm_percent(long count, long base, char out[NPS_CM_WORD]);
/* Several values named in one sentence: each worded by nps_cm_amount, or
 * as an exact percent when exact[i]; if two wordings coincide, all become
 * exact percents so the reader still sees which is larger. */
void nps_cm_wordings(const long *counts, const bool *exact, size_t n, long base,
                     char out[][NPS_CM_WORD]);

/* In place: full-width digits become half-width and the form's placeholder
 * parentheticals (（〇㎡、〇坪など）) are dropped — the prose rules of
 * docs/commentary.md, applied to every finished commentary text. */
void nps_cm_tidy(char *s);

/* ---- labels --------------------------------------------------------------- */

/* The display form of option `index` (0-based) of `list`, as a byte range
 * of its label (rules in docs/commentary.md, "Labels"). */
void nps_cm_option_label(const nps_list *list, size_t index, const char **s, size_t *n);
/* The display form of field `index` of question `qu` (matrix rows, group
 * items), unique among the question's fields. */
void nps_cm_field_label(const nps_question *qu, size_t index, const char **s, size_t *n);
/* The question's title (its label when it has none) without a trailing
 * parenthetical such as （複数回答）, unless that makes it equal to another
 * question's title in q (Q34–Q36 differ only in it). */
void nps_cm_title(const nps_questionnaire *q, const nps_question *qu, const char **s, size_t *n);
/* Number of UTF-8 characters in s[0..n). */
size_t nps_cm_chars(const char *s, size_t n);

/* ---- items and sentence pieces ------------------------------------------- */

typedef struct nps_cm_item {
    const char *label;  /* byte range, not necessarily NUL-terminated */
    size_t len;
    long count;
    bool bare;          /* written without 「」 (無回答) */
} nps_cm_item;

/* The largest count below `limit` among items (0 when none is positive). */
long nps_cm_max_below(const nps_cm_item *items, size_t n, long limit);
/* Pointers to the items whose count equals `count`, in order; `out` has
 * room for n. Returns how many. */
size_t nps_cm_collect(const nps_cm_item *items, size_t n, long count, const nps_cm_item **out);

/* 「A」 / 「A」と「B」 / 「A」、「B」と「C」; with cap > 0 and more than cap
 * items: 「A」、「B」、「C」など5項目 (cap names). */
void nps_cm_sb_items(nps_strbuf *sb, const nps_cm_item *const *items, size_t n, size_t cap);
/* 「無回答、「A」と「B」を除くと、」 for the excluded items whose count is
 * positive and at least `threshold`, in the order given. Returns true when
 * something was written. */
bool nps_cm_sb_excluding(nps_strbuf *sb, const nps_cm_item *ex, size_t n_ex, long threshold);

/* The ranked sentence over `items` (the options that may be named):
 *   {excluding}{lead}「A」が約3割と最も多く、次いで「B」が15.4%となっている。
 * with ties as 「A」と「B」が共に…, a lone answered option as
 *   {excluding}{lead}回答があったのは「A」のみで、…となっている。
 * At least one item must have a positive count. NPS_ERR_NOMEM. */
nps_error nps_cm_ranked(nps_strbuf *sb, const nps_cm_item *items, size_t n,
                        const nps_cm_item *ex, size_t n_ex, long base, const char *lead);

/* ---- the rules (one per question kind) ------------------------------------ */

/* Choice field (select_one / select_multiple), yes/no included. */
nps_error nps_cm_select(nps_strbuf *sb, const nps_table *t);
/* Rating field (stars). */
nps_error nps_cm_rating(nps_strbuf *sb, const nps_table *t);
/* One numeric field over its bins (counts of organisations). */
nps_error nps_cm_numeric(nps_strbuf *sb, const nps_table *t);
/* The numeric fields of a group question, summarised by modal bin. */
nps_error nps_cm_numeric_group(nps_strbuf *sb, const nps_results *r, const nps_question *qu);
/* A matrix question; the troubles question also gets the flows. */
nps_error nps_cm_matrix(nps_strbuf *sb, const nps_results *r, const nps_question *qu);
/* The flows headline of the troubles question (two sentences), nothing
 * when r has no flows or no answers. */
nps_error nps_cm_flows(nps_strbuf *sb, const nps_flows *f);

/* commentary_reading.c: the reading that follows a matrix's or a share
 * group's first sentence (docs/commentary.md §6). nps_cm_differ: whether two
 * shares a/n and b/n of one sample differ beyond their 95% interval. */
bool nps_cm_differ(long a, long b, long n);
nps_error nps_cm_matrix_reading(nps_strbuf *sb, const nps_results *r, const nps_question *qu);
nps_error nps_cm_share_reading(nps_strbuf *sb, const nps_results *r, const nps_question *qu);

#endif
