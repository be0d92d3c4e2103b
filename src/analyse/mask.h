/*
 * mask.h — making respondent text safe to publish (docs/analysis.md), and the
 * CSV/JSON string writers every analysis output uses.
 *
 * A masker replaces, in free text, personal data by bracketed tokens:
 *   URLs (http://, https://, www., a bare domain with a known TLD) → ［URL］
 *   e-mail addresses (also "a @ b.jp", a(at)b.jp, a★b.jp)           → ［メール］
 *   social-media handles (@name, Instagram: name, LINE ID: name)    → ［アカウント］
 *   phone numbers (Japanese, +81; dashes, dots, spaces, brackets)   → ［電話番号］
 *   postal codes (〒064-0808, 064-0808, 0640808 where unambiguous)  → ［郵便番号］
 *   bank accounts (普通 1234567, 口座番号：1234567)                   → ［口座番号］
 *   street addresses (南8条西2丁目, 1丁目2番3号, 丸の内1-2-3 after a place name) → ［住所］
 *   any respondent's name (Q1), and a third party's name before an
 *   honorific (田中先生, 北村さん; mask_honorific.c)  → ［氏名］
 *   any organisation's name (Q2) and its core without the legal form
 *                                       → ［団体名］
 * Matching is done on NFKC-normalised views of the text, but the result is
 * the ORIGINAL text with the matched spans replaced: quotes keep their
 * full-width letters and brackets. Rules apply in the order above; a span
 * that overlaps one already taken is dropped; names are matched longest
 * first, ignoring white space and letter case. The exact rules are in
 * docs/analysis.md.
 *
 * Ownership: a masker owns copies of its names; it does not keep the
 * dataset it was built from. nps_mask_text's result belongs to the caller.
 */
#ifndef NPS_MASK_H
#define NPS_MASK_H

#include <stddef.h>
#include <stdio.h>
#include "model/dataset.h"

typedef struct nps_masker nps_masker;

typedef enum nps_mask_kind {
    NPS_MASK_URL,
    NPS_MASK_EMAIL,
    NPS_MASK_PHONE,
    NPS_MASK_POSTAL,
    NPS_MASK_NAME,          /* a respondent's name (Q1) */
    NPS_MASK_ORGANISATION,  /* an organisation's name (Q2) or its core */
    NPS_MASK_ADDRESS,       /* a street address (丁目, 番地, 号, 条 after a place name) */
    NPS_MASK_HANDLE,        /* a social-media handle (@name, Instagram: name …) */
    NPS_MASK_ACCOUNT,       /* a bank account number after 普通, 当座, 口座 */
    NPS_MASK_ID,            /* an id after …番号 / 記号 / マイナンバー, a bare 12-digit number */
    NPS_MASK_BIRTH          /* a date of birth (…生まれ, 生年月日 …) */
} nps_mask_kind;

/* A masker knowing every name (personal field NAME) and organisation
 * (personal field ORGANISATION) of every response of `d`. `d` may be NULL:
 * a masker with the patterns only. *out is owned by the caller
 * (nps_masker_free). NPS_ERR_NOMEM on allocation failure. */
nps_error nps_masker_new(const nps_dataset *d, nps_masker **out);

/* A masker for the n texts (NULL entries skipped) alone: nps_mask_text(m,
 * texts[i]) gives what it gives with the masker of nps_masker_new(d), but
 * the masker holds only the names that may be found in those texts
 * (mask_subset.c), so a few short texts of a large dataset are masked
 * without keying every name. Other texts may be masked less: use it for
 * these texts only. Owned by the caller (nps_masker_free). */
nps_error nps_masker_new_for(const nps_dataset *d, const char *const *texts, size_t n,
                             nps_masker **out);

/* Add one name of kind NPS_MASK_NAME or NPS_MASK_ORGANISATION (copied; an
 * organisation also adds its core). Names shorter than 2 characters, with
 * no letter, or placeholders (なし, 匿名, 不明 …) are ignored (NPS_OK). */
nps_error nps_masker_add_name(nps_masker *m, nps_mask_kind kind, const char *name);

/* Number of distinct name keys (names and cores) the masker matches. */
size_t nps_masker_name_count(const nps_masker *m);

void nps_masker_free(nps_masker *m);

/* The masked copy of `text` (NUL-terminated UTF-8; invalid bytes become
 * U+FFFD). `m` may be NULL (patterns only). Returns a new string owned by
 * the caller, or NULL if text is NULL or an allocation failed. */
char *nps_mask_text(const nps_masker *m, const char *text);
char *nps_mask_text_len(const nps_masker *m, const char *text, size_t len);

/* Load the dictionary the masker finds names with (MeCab's IPA dictionary,
 * mask_morph.c) once per process: NPS_OK, or NPS_ERR_IO when it cannot be
 * loaded (then every masker and nps_mask_text fail). A program calls it
 * first to say so plainly; nps_mask_dictionary_dir() names the folder. */
nps_error nps_mask_dictionary_load(void);
const char *nps_mask_dictionary_dir(void);

/* The token that replaces a kind, e.g. "［メール］". */
const char *nps_mask_token(nps_mask_kind kind);

/* The core of an organisation name as matched: NFKC, case-folded, white
 * space removed, legal forms (特定非営利活動法人, NPO法人, (特非), 一般社団法人 …)
 * stripped at both ends. New string owned by the caller; NULL on failure. */
char *nps_mask_org_core(const char *name);

#endif
