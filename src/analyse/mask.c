/*
 * mask.c — masking of personal data in free text (docs/analysis.md).
 *
 * How a text is masked. The text is cut into chunks of at most 128 KiB
 * (at a white space after 64 KiB where possible) so that memory stays
 * bounded by the chunk, not the cell. Each chunk is split into grapheme
 * clusters; every cluster is normalised on its own into two views:
 *   v1  NFKC                                   (for URLs, e-mails, phones, postal codes)
 *   v2  NFKC + case folding + variant kanji folded, white space and ・
 *       dropped (for names)
 * Per-cluster normalisation equals whole-text NFKC because composition never
 * crosses a grapheme boundary (voiced sound marks, combining marks and Hangul
 * jamo all extend their cluster). Each view keeps a list of segments mapping
 * its bytes back to the original: a run of clusters that map one code point
 * to one code point of the same byte length is one "aligned" segment (byte
 * offsets carry over); any other cluster is a segment of its own, and a match
 * touching it takes the whole cluster.
 *
 * Rules run in a fixed order (mask_text.c: URL, e-mail, bare domain, handle,
 * phone, postal code, bank account, address, names, honorific names) and
 * each found span is mapped to original byte offsets. A span overlapping a
 * byte already taken is dropped, so an earlier rule wins: the digits of a
 * phone number are never re-read as a postal code, an address inside a URL
 * stays one ［URL］. Names are tried longest first over the whole chunk.
 * The output is the original chunk with the accepted spans replaced by their
 * tokens; invalid UTF-8 bytes are replaced by U+FFFD.
 *
 * The text entry points and the chunking live in mask_text.c, the rules in
 * mask_patterns.c (URL, e-mail, phone, postal code) and mask_names.c (the
 * name dictionary); this file holds what they all work on — the views, the
 * spans and the tokens — and calls none of them. Shared types:
 * masking_private.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "analyse/mask.h"
#include "analyse/masking_private.h"

#define NFKC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_IGNORE)
#define FOLD_OPTIONS (NFKC_OPTIONS | UTF8PROC_CASEFOLD)

/* Variant kanji of names, folded to one form in the names view v2 only
 * (docs/analysis.md lists them): 髙橋 = 高橋, 山﨑 = 山崎, 渡邊 = 渡邉 = 渡辺.
 * Sorted by the variant. */
static const utf8proc_int32_t kanji_variants[][2] = {
    {0x4F86, 0x6765}, {0x51A8, 0x5BCC}, {0x570B, 0x56FD}, {0x5713, 0x5186}, {0x589E, 0x5897},
    {0x58FD, 0x5BFF}, {0x5B78, 0x5B66}, {0x5BE6, 0x5B9F}, {0x5CEF, 0x5CF0}, {0x5D5C, 0x5D0E},
    {0x5D8B, 0x5CF6}, {0x5D8C, 0x5CF6}, {0x5DBD, 0x5CB3}, {0x5DD6, 0x5DCC}, {0x5EE3, 0x5E83},
    {0x5F4C, 0x5F25}, {0x5FB7, 0x5FB3}, {0x60E0, 0x6075}, {0x6589, 0x658E}, {0x66FE, 0x66FD},
    {0x6703, 0x4F1A}, {0x6801, 0x67F3}, {0x6852, 0x6851}, {0x689D, 0x6761}, {0x69C7, 0x69D9},
    {0x6A9C, 0x6867}, {0x6AFB, 0x685C}, {0x6DF5, 0x6E15}, {0x6EAA, 0x6E13}, {0x6F81, 0x6E0B},
    {0x6FA4, 0x6CA2}, {0x6FF1, 0x6D5C}, {0x6FF5, 0x6D5C}, {0x7027, 0x6EDD}, {0x7028, 0x702C},
    {0x771E, 0x771F}, {0x7C60, 0x7BED}, {0x7E23, 0x770C}, {0x8207, 0x4E0E}, {0x8218, 0x9928},
    {0x838A, 0x8358}, {0x842C, 0x4E07}, {0x85CF, 0x8535}, {0x9089, 0x8FBA}, {0x908A, 0x8FBA},
    {0x90A8, 0x6751}, {0x95DC, 0x95A2}, {0x9AD9, 0x9AD8}, {0x9ED1, 0x9ED2}, {0x9F4A, 0x658E},
    {0x9F4B, 0x658E}, {0x9F8D, 0x7ADC}, {0xFA11, 0x5D0E}, {0x20BB7, 0x5409},
};

static utf8proc_int32_t fold_variant(utf8proc_int32_t c, void *unused)
{
    size_t lo = 0, hi = sizeof kanji_variants / sizeof kanji_variants[0];
    (void)unused;
    if (c < 0x4F86)
        return c;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (kanji_variants[mid][0] == c)
            return kanji_variants[mid][1];
        if (kanji_variants[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return c;
}

utf8proc_int32_t nps_mask_fold_variant(utf8proc_int32_t c)
{
    return fold_variant(c, NULL);
}

/* ---- small helpers ------------------------------------------------------ */

static bool is_space_cp(utf8proc_int32_t c)
{
    return (c >= 9 && c <= 13) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* ---- views: per-cluster normalisation with a map back to the original --- */

static void view_free(view *v)
{
    nps_free(v->s);
    nps_free(v->segs);
    memset(v, 0, sizeof *v);
}

static int view_push(view *v, const char *bytes, size_t n, size_t o0, size_t olen, bool aligned)
{
    if (n == 0)
        return 0;
    if (nps_grow((void **)&v->s, &v->cap, v->len + n + 1, 1, 16) != 0)
        return -1;
    memcpy(v->s + v->len, bytes, n);
    seg *last = v->nseg ? &v->segs[v->nseg - 1] : NULL;
    if (aligned && last && last->aligned && last->o0 + last->olen == o0 &&
        last->v0 + last->vlen == v->len) {
        last->olen += olen;
        last->vlen += n;
    } else {
        if (nps_grow((void **)&v->segs, &v->segcap, v->nseg + 1, sizeof(seg), 16) != 0)
            return -1;
        v->segs[v->nseg++] = (seg){v->len, n, o0, olen, aligned};
    }
    v->len += n;
    v->s[v->len] = '\0';
    return 0;
}

static const seg *view_seg(const view *v, size_t pos)
{
    size_t lo = 0, hi = v->nseg;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->segs[mid].v0 <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return &v->segs[lo];
}

static size_t view_map_start(const view *v, size_t a)
{
    const seg *s = view_seg(v, a);
    return s->aligned ? s->o0 + (a - s->v0) : s->o0;
}

static size_t view_map_end(const view *v, size_t b)
{
    const seg *s = view_seg(v, b - 1);
    return s->aligned ? s->o0 + (b - s->v0) : s->o0 + s->olen;
}

/* Normalise one cluster into w->cp (as UTF-8 bytes); returns the byte
 * length or -1 on failure. */
static long normalise_cluster(work *w, const char *s, size_t n, utf8proc_option_t opt,
                              const char **out)
{
    utf8proc_custom_func fold = (opt & UTF8PROC_CASEFOLD) ? fold_variant : NULL;
    utf8proc_ssize_t k = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                                   w->cp, (utf8proc_ssize_t)w->cpcap, opt, fold, NULL);
    if (k >= 0 && (size_t)k > w->cpcap) {
        if (nps_grow((void **)&w->cp, &w->cpcap, (size_t)k, sizeof *w->cp, 16) != 0)
            return -1;
        k = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, w->cp,
                                      (utf8proc_ssize_t)w->cpcap, opt, fold, NULL);
    }
    if (k < 0)
        return -1;
    k = utf8proc_reencode(w->cp, k, opt);
    if (k < 0)
        return -1;
    *out = (const char *)w->cp;
    return (long)k;
}

size_t nps_mask_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Is s[0..n) only white space and ・ (dropped from the names view:
 * ほっと・ネット = ほっとネット)? */
static bool all_space(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0 || !(is_space_cp(c) || c == 0x30FB))
            return false;
        i += (size_t)l;
    }
    return true;
}

/* Is s[0..n) one code point of category No (①, ⑴, ², ½ …)? */
static bool is_other_number(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!(u[0] == 0xC2 || u[0] == 0xE2 || (u[0] == 0xE3 && (u[1] == 0x89 || u[1] == 0x8A)) || u[0] == 0xF0))
        return false; /* quickly: no No character starts otherwise in the ranges met */
    utf8proc_int32_t c;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    return l == (utf8proc_ssize_t)n && utf8proc_category(c) == UTF8PROC_CATEGORY_NO;
}

/* Add one cluster (original bytes [o0, o0+olen), ncp code points) to the
 * requested views. */
static int add_cluster(work *w, const char *src, size_t o0, size_t olen, size_t ncp,
                       bool want_v1, bool want_v2)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const char *out;
    long k;
    if (ncp == 0) { /* an invalid byte */
        if (want_v1 && view_push(&w->v1, replacement, 3, o0, olen, false) != 0)
            return -1;
        if (want_v2 && view_push(&w->v2, replacement, 3, o0, olen, false) != 0)
            return -1;
        return 0;
    }
    if (want_v1 && ncp == 1 && olen > 1 && is_other_number(src + o0, olen)) {
        /* ① ⑴ ² ½ stay as they are in v1: "①011-200-0973" is item 1 and a
         * phone number, not the digits 1011… */
        if (view_push(&w->v1, src + o0, olen, o0, olen, true) != 0)
            return -1;
    } else if (want_v1) {
        if ((k = normalise_cluster(w, src + o0, olen, NFKC_OPTIONS, &out)) < 0)
            return -1;
        bool aligned = ncp == 1 && (size_t)k == olen && nps_mask_utf8_count(out, (size_t)k) == 1;
        if (view_push(&w->v1, out, (size_t)k, o0, olen, aligned) != 0)
            return -1;
    }
    if (want_v2) {
        if ((k = normalise_cluster(w, src + o0, olen, FOLD_OPTIONS, &out)) < 0)
            return -1;
        if (all_space(out, (size_t)k))
            return 0;
        bool aligned = ncp == 1 && (size_t)k == olen && nps_mask_utf8_count(out, (size_t)k) == 1;
        if (view_push(&w->v2, out, (size_t)k, o0, olen, aligned) != 0)
            return -1;
    }
    return 0;
}

/* Split src[0..n) into grapheme clusters and build the views. */
int nps_mask_build_views(work *w, const char *src, size_t n, bool want_v1, bool want_v2)
{
    size_t i = 0;
    if (nps_grow((void **)&w->cp, &w->cpcap, 64, sizeof *w->cp, 16) != 0)
        return -1;
    while (i < n) {
        size_t start = i, ncp = 0;
        utf8proc_int32_t cp, next, state = 0;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)src + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0) {
            if (add_cluster(w, src, i, 1, 0, want_v1, want_v2) != 0)
                return -1;
            i++;
            continue;
        }
        i += (size_t)l;
        ncp = 1;
        while (i < n) {
            l = utf8proc_iterate((const utf8proc_uint8_t *)src + i, (utf8proc_ssize_t)(n - i),
                                 &next);
            if (l <= 0 || utf8proc_grapheme_break_stateful(cp, next, &state))
                break;
            i += (size_t)l;
            cp = next;
            ncp++;
        }
        if (add_cluster(w, src, start, i - start, ncp, want_v1, want_v2) != 0)
            return -1;
    }
    /* views are NUL-terminated even when empty */
    if (want_v1 && !w->v1.s && nps_grow((void **)&w->v1.s, &w->v1.cap, 1, 1, 16) != 0)
        return -1;
    if (want_v2 && !w->v2.s && nps_grow((void **)&w->v2.s, &w->v2.cap, 1, 1, 16) != 0)
        return -1;
    if (w->v1.s)
        w->v1.s[w->v1.len] = '\0';
    if (w->v2.s)
        w->v2.s[w->v2.len] = '\0';
    return 0;
}

/* ---- spans -------------------------------------------------------------- */

/* Take view bytes [a, b) as a span of `kind` (joined to a span of the same
 * kind that ends where it starts): 1 taken, 0 overlaps an earlier span, -1
 * out of memory. */
int nps_mask_take(work *w, const view *v, size_t a, size_t b, nps_mask_kind kind)
{
    if (b <= a)
        return 0;
    return nps_mask_take_bytes(w, view_map_start(v, a), view_map_end(v, b), kind);
}

/* Take original bytes [o0, o1) (whole code points) as a span of `kind`:
 * as nps_mask_take. */
int nps_mask_take_bytes(work *w, size_t o0, size_t o1, nps_mask_kind kind)
{
    if (o1 <= o0 || o1 > w->olen || o0 >= w->emit_until)
        return 0;
    for (size_t p = o0; p < o1; p++)
        if (w->taken[p])
            return 0;
    if (nps_grow((void **)&w->spans, &w->spancap, w->nspans + 1, sizeof(span), 16) != 0)
        return -1;
    memset(w->taken + o0, 1, o1 - o0);
    for (size_t i = 0; i < w->nspans; i++)
        if (w->spans[i].end == o0 && w->spans[i].kind == kind) {
            w->spans[i].end = o1; /* right after a span of its kind: one token */
            return 1;
        }
    w->spans[w->nspans++] = (span){o0, o1, kind};
    return 1;
}

/* The first view position p in [a, b) from which no original byte up to b
 * is taken yet (b when the byte just before b is taken). */
size_t nps_mask_untaken_from(const work *w, const view *v, size_t a, size_t b)
{
    size_t p = b;
    while (p > a) {
        size_t o0 = view_map_start(v, p - 1), o1 = view_map_end(v, p);
        bool taken = false;
        for (size_t o = o0; o < o1 && o < w->olen; o++)
            taken |= w->taken[o] != 0;
        if (taken)
            break;
        p--;
    }
    return p;
}

void nps_mask_work_free(work *w)
{
    view_free(&w->v1);
    view_free(&w->v2);
    nps_free(w->taken);
    nps_free(w->spans);
    nps_free(w->cp);
}

const char *nps_mask_token(nps_mask_kind kind)
{
    switch (kind) {
    case NPS_MASK_URL: return "［URL］";
    case NPS_MASK_EMAIL: return "［メール］";
    case NPS_MASK_PHONE: return "［電話番号］";
    case NPS_MASK_POSTAL: return "［郵便番号］";
    case NPS_MASK_NAME: return "［氏名］";
    case NPS_MASK_ORGANISATION: return "［団体名］";
    case NPS_MASK_ADDRESS: return "［住所］";
    case NPS_MASK_HANDLE: return "［アカウント］";
    case NPS_MASK_ACCOUNT: return "［口座番号］";
    case NPS_MASK_ID: return "［番号］";
    case NPS_MASK_BIRTH: return "［生年月日］";
    }
    return "［＊］";
}

