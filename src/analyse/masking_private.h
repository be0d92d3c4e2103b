/*
 * masking_private.h — what the files of the masker share and nothing outside
 * them may use: the masker's name dictionary, the normalised views of a
 * chunk with their map back to the original bytes, the spans taken so far,
 * and the rules. mask.c builds the views and runs the rules on one chunk
 * (its design comment explains the whole); mask_patterns.c holds the rules
 * for URLs, phone numbers and postal codes; mask_contacts.c e-mail
 * addresses, bare domains and social-media handles; mask_address.c street
 * addresses; mask_names.c the name dictionary and its rule; mask_honorific.c
 * names of third parties written with an honorific and shops addressed with
 * one; mask_legal.c organisations by their legal form (the name after it,
 * Latin words before it); mask_orgs.c organisations by the shape of their
 * name; mask_people.c names after or before a role and in kana;
 * mask_romaji.c names in Latin letters (run by mask_people.c);
 * mask_places.c clinics, schools, temples and local groups (町内会 …) by
 * their kind word; mask_groups.c English companies, informal groups (also
 * before their kind in brackets), lists of family names and e-mails
 * described in words; mask_shops.c shops named right next to their kind
 * word (カフェ…, …整骨院); mask_morph.c names found with MeCab's dictionary;
 * mask_subset.c the names a masker for a few texts alone needs.
 *
 * Invariants: names[] is sorted by bytes (a prefix before its extensions) and
 * holds each key once; every key has ≥ 2 code points and a letter. A work
 * owns its views, taken[], spans and scratch (nps_mask_work_free).
 */
#ifndef NPS_MASK_PRIVATE_H
#define NPS_MASK_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <utf8proc.h>
#include "analyse/mask.h"

typedef struct name_entry {
    char *key;
    size_t len;
    nps_mask_kind kind;
    bool family;            /* a family name alone: masked only with an honorific or role */
    bool short_org;         /* an organisation's kana short name: masked only as a word */
    size_t seq;             /* insertion order: the first kind of a key wins */
} name_entry;

struct nps_masker {
    name_entry *names;
    size_t n, cap, seq;
};

typedef struct seg {
    size_t v0, vlen;        /* bytes in the view */
    size_t o0, olen;        /* bytes in the original */
    bool aligned;
} seg;

typedef struct view {
    char *s;                /* NUL-terminated */
    size_t len, cap;
    seg *segs;
    size_t nseg, segcap;
} view;

typedef struct span {
    size_t start, end;      /* original bytes */
    nps_mask_kind kind;
} span;
typedef struct work {
    const char *orig;
    size_t olen;
    size_t emit_until;      /* spans must start before this original byte */
    view v1, v2;
    unsigned char *taken;
    span *spans;
    size_t nspans, spancap;
    utf8proc_int32_t *cp;   /* decomposition scratch, in code points */
    size_t cpcap;
} work;


/* Shared by the pattern rules (mask_patterns.c). */
static inline bool nps_mask_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool nps_mask_is_alnum(unsigned char c)
{
    return nps_mask_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/* Does s[0..n) start with the ASCII string p, letters in any case? */
/* Does the word w start at s[p] (s of n bytes)? */
static inline bool nps_mask_word_at(const char *s, size_t n, size_t p, const char *w)
{
    size_t k = strlen(w);
    return p <= n && n - p >= k && memcmp(s + p, w, k) == 0;
}
/* The code point of the 3-byte UTF-8 character at s[p] (every kana and
 * common kanji), or 0 when there is none. */
static inline unsigned nps_mask_cp3(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (p + 3 > n || (u[0] & 0xF0) != 0xE0)
        return 0;
    return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
}
static inline bool nps_mask_is_kanji(unsigned c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005; }
static inline bool nps_mask_is_hiragana(unsigned c) { return c >= 0x3041 && c <= 0x3096; }
static inline bool nps_mask_is_katakana(unsigned c) { return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC; }
bool nps_mask_prefix_ci(const char *s, size_t n, const char *p);

/* The usual form of a variant kanji of names (髙 → 高, 﨑 → 崎), else c. */
utf8proc_int32_t nps_mask_fold_variant(utf8proc_int32_t c);

/* Code points in s[0..n) (valid UTF-8). */
size_t nps_mask_utf8_count(const char *s, size_t n);
/* Split src[0..n) into grapheme clusters and build the views v1 (NFKC)
 * and/or v2 (NFKC, case folded, no white space): 0, or -1 out of memory. */
int nps_mask_build_views(work *w, const char *src, size_t n, bool want_v1, bool want_v2);
void nps_mask_work_free(work *w);
/* Take view bytes [a, b) as a span of `kind`: 1 taken, 0 overlaps an
 * earlier span, -1 out of memory. */
int nps_mask_take(work *w, const view *v, size_t a, size_t b, nps_mask_kind kind);

/* Take original bytes [o0, o1) (whole code points): as nps_mask_take. */
int nps_mask_take_bytes(work *w, size_t o0, size_t o1, nps_mask_kind kind);

/* The first view position p in [a, b) from which no original byte up to b
 * is taken yet. */
size_t nps_mask_untaken_from(const work *w, const view *v, size_t a, size_t b);

/* The rules, in the order mask.c runs them: 0, or -1 out of memory. */
int nps_mask_rule_url(work *w);         /* mask_patterns.c, on v1 */
int nps_mask_rule_email(work *w);       /* mask_contacts.c, on v1 */
int nps_mask_rule_domain(work *w);
int nps_mask_rule_handle(work *w);
int nps_mask_rule_phone(work *w);       /* mask_patterns.c, on v1 */
int nps_mask_rule_postal(work *w);
int nps_mask_rule_account(work *w);
int nps_mask_rule_ids(work *w);         /* mask_ids.c, on v1 */
int nps_mask_rule_twelve(work *w);
int nps_mask_rule_birth(work *w);
int nps_mask_rule_quoted(work *w);      /* mask_quoted.c, on v1 */
int nps_mask_rule_address(work *w);     /* mask_address.c, on v1 */
int nps_mask_rule_building(work *w);
int nps_mask_rule_plate(work *w);       /* mask_plates.c, on v1 */
int nps_mask_rule_spoken_phone(work *w);
int nps_mask_rule_names(work *w, const nps_masker *m); /* mask_names.c, on v2 */
int nps_mask_rule_legal_form(work *w); /* mask_legal.c, on v1 */
int nps_mask_rule_honorific(work *w); /* mask_honorific.c, on v1 */
int nps_mask_rule_orgs(work *w);      /* mask_orgs.c, on v1 */
int nps_mask_rule_people(work *w);    /* mask_people.c, on v1 */
int nps_mask_rule_romaji(work *w);    /* mask_romaji.c, on v1, run by nps_mask_rule_people */
/* Is there an honorific at v1 s[p] (さん 様 … or san, sama … after a space or
 * a hyphen), spaces before it skipped? (mask_people.c) */
bool nps_mask_honorific_at(const char *s, size_t n, size_t p);
int nps_mask_rule_places(work *w);    /* mask_places.c, on v1 */
int nps_mask_rule_groups(work *w);    /* mask_groups.c, on v1 */
int nps_mask_rule_shops(work *w);     /* mask_shops.c, on v1 */
int nps_mask_rule_morph(work *w);     /* mask_morph.c, on the original bytes */
/* mask_morph.c: load the morphological dictionary once per process:
 * NPS_OK, or NPS_ERR_IO when it cannot be loaded. */
nps_error nps_mask_morph_ready(void);

/* mask_subset.c: the names that may be found in a few texts. */
typedef struct name_filter name_filter;
/* A filter for texts[0..n) (NULL entries skipped); NPS_ERR_NOMEM. */
nps_error nps_mask_filter_new(const char *const *texts, size_t n, name_filter **out);
/* False only when no key derived from `name` can be found in the texts;
 * true for a NULL filter. */
bool nps_mask_filter_keeps(name_filter *f, const char *name);
void nps_mask_filter_free(name_filter *f);

#endif
