/*
 * themes.h — the free-text challenge themes (docs/analysis.md): the texts of the
 * settings' theme_questions (Q38, and Q39's three items) coded into the
 * questionnaire's themes (財政面, 人材面, モノと場所, アウトリーチ, 連携).
 *
 * A text is every non-blank answer to a text field of a theme question
 * (one organisation may give several: Q38 and each Q39 item). Its quote is
 * the masked text (mask.h). It belongs to every theme one of whose keywords
 * occurs in it, compared after NFKC with white space removed and Latin
 * letters lower-cased, on the masked text with the mask tokens cut out (so
 * a keyword never matches an organisation name or a token like ［電話番号］).
 * A text may belong to several themes or none ("uncoded").
 * Per theme: texts = texts coded into it; organisations = distinct
 * organisations with at least one such text. respondents = organisations
 * with at least one text at all.
 *
 * Ownership: nps_themes owns the quotes; it borrows the dataset (ids) and
 * the questionnaire (theme names, item labels), which must outlive it.
 */
#ifndef NPS_THEMES_H
#define NPS_THEMES_H

#include <stdint.h>
#include <stdio.h>
#include "model/dataset.h"
#include "analyse/mask.h"
#include "analyse/tables.h"
#include "analyse/text_memo.h"

#define NPS_THEMES_UNCODED "（分類なし）"

typedef struct nps_themes nps_themes;

typedef struct nps_theme_text {
    size_t row;            /* dataset row */
    const char *org;       /* pseudonymous id */
    int question;          /* e.g. 39 */
    int item_index;        /* 0 single-field, else the item */
    const char *item;      /* item label, "" for single-field questions */
    const char *text;      /* masked quote */
    uint64_t themes;       /* bit i set: belongs to theme i */
} nps_theme_text;

/* Code the theme questions' texts of `d`, quoting them through `m` (NULL:
 * a masker built from d). *out is owned by the caller (nps_themes_free).
 * NPS_ERR_QUESTIONNAIRE when theme_questions is missing or names no
 * question; NPS_ERR_LIMIT with more than 64 themes; NPS_ERR_NOMEM. */
nps_error nps_themes_build(const nps_dataset *d, const nps_masker *m, nps_themes **out);
/* The same, masking through `memo` (raw text → masked text, NULL for a
 * blank one), which other builders share so that a text quoted by several
 * listings is masked once (docs/benchmarks.md). The memo is borrowed and
 * must outlive *out, whose quotes point into it; NULL: a memo of its own. */
nps_error nps_themes_build_shared(const nps_dataset *d, const nps_masker *m, nps_text_memo *memo,
                                  nps_themes **out);
void nps_themes_free(nps_themes *t);

size_t nps_themes_count(const nps_themes *t);              /* themes, questionnaire order */
const char *nps_themes_name(const nps_themes *t, size_t i);
long nps_themes_text_count(const nps_themes *t, size_t i);
long nps_themes_org_count(const nps_themes *t, size_t i);
/* Quotes of theme i, in question, item, row order. */
size_t nps_themes_quote_count(const nps_themes *t, size_t i);
const nps_theme_text *nps_themes_quote_at(const nps_themes *t, size_t i, size_t k);

/* All texts (coded or not), in question, item, row order. */
size_t nps_themes_text_total(const nps_themes *t);
const nps_theme_text *nps_themes_text_at(const nps_themes *t, size_t k);
long nps_themes_uncoded_count(const nps_themes *t);
long nps_themes_respondents(const nps_themes *t);

/* Counts and quotes. csv: `theme,texts,organisations`, one row per theme
 * and a last （分類なし） row (organisations empty there); text: counts, then
 * each theme's quotes; json: {"respondents","texts","themes":[{"theme",
 * "texts","organisations","quotes":[{"org","question","item_index","text"}]}],
 * "uncoded":[…]}. */
nps_error nps_themes_write(const nps_themes *t, nps_table_format format, FILE *out);

/* One row per (theme, quote), uncoded texts last under （分類なし）:
 * csv `theme,question,item_index,item,org,text`. Other formats as
 * nps_themes_write. */
nps_error nps_themes_write_quotes(const nps_themes *t, nps_table_format format, FILE *out);

/* ---- The free-text listing (docs/analysis.md) ----------------------------------
 * Every non-blank text of the settings' free_text_questions (Q21, Q23, Q26,
 * Q27, Q31, Q38, Q39), masked: text fields and the "other" write-ins of
 * select fields, in question, field, row order. Entries are nps_theme_text
 * with themes = 0. Ownership as nps_themes. */
typedef struct nps_free_texts nps_free_texts;

/* `m` NULL: a masker built from d. NPS_ERR_QUESTIONNAIRE when the setting
 * is missing or names no question; NPS_ERR_NOMEM. */
nps_error nps_free_texts_build(const nps_dataset *d, const nps_masker *m, nps_free_texts **out);
/* Mask every distinct text the theme and free-text listings of `d` will
 * quote into `memo` (empty, shared by their builders), on two threads when
 * there are many: the builders then find each text masked. The memo's
 * contents are the same as if the builders had masked them one by one.
 * NPS_ERR_NOMEM. */
nps_error nps_free_texts_mask_ahead(const nps_dataset *d, const nps_masker *m, nps_text_memo *memo);
/* The same through a shared memo, as nps_themes_build_shared. */
nps_error nps_free_texts_build_shared(const nps_dataset *d, const nps_masker *m, nps_text_memo *memo,
                                      nps_free_texts **out);
void nps_free_texts_free(nps_free_texts *ft);
size_t nps_free_texts_count(const nps_free_texts *ft);
const nps_theme_text *nps_free_texts_at(const nps_free_texts *ft, size_t k);
/* csv: `question,item_index,item,org,text`; text: grouped by question and
 * item; json: {"texts":[{"org","question","item_index","item","text"}]}. */
nps_error nps_free_texts_write(const nps_free_texts *ft, nps_table_format format, FILE *out);

#endif
