/*
 * mask_subset.c — which names of a dataset may be found in a few given
 * texts, so that a masker for those texts alone (nps_masker_new_for) holds
 * only them and is cheap to build (the CLI masks at most five findings of
 * a 20,000-response export; the masker of every name took a quarter of a
 * `tabulate` run).
 *
 * Why dropping a name changes nothing: the names rule finds a key in a
 * chunk's v2 view (mask.c), and a key has at least 2 code points
 * (mask_names.c), so every pair of neighbouring code points of a key found
 * is a pair of neighbours in that view. A text of at most SUBSET_TEXT_MAX
 * bytes is one chunk seen whole (mask_text.c), so its v2 view is the one
 * computed here, and its pairs are `pairs`. A name made only of "plain"
 * characters (printable ASCII, the ideographic space, hiragana, katakana,
 * CJK ideographs, full-width ASCII) is one grapheme cluster per character,
 * and v2 normalises cluster by cluster: the v2 form of the name, of each of
 * its words and of any prefix is the concatenation of the v2 forms of its
 * characters (none or one code point each: `form`). Every key the masker
 * derives from the name (mask_names.c: the key, its core, family name,
 * words, short forms, branch head) is a run of the name's v2 form, so its
 * first pair is a pair of neighbours there. The one key that is not (two
 * ASCII words in the other order: Hanako Suzuki) comes from a name of
 * ASCII letters and digits between white space: such names, and names with
 * any character that is not plain, are always kept. So a name none of whose pairs is in `pairs`
 * gives no key that can be found, and leaving it out leaves every key that
 * can be found, in the same order of addition (the first kind of a key
 * still wins).
 *
 * Ownership: a filter owns its arrays (nps_mask_filter_free).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/masking_private.h"

#define SUBSET_TEXT_MAX 1024 /* bytes: within one chunk in every build (mask_text.c) */
#define BMP 0x10000

#define FORM_UNKNOWN 0u           /* form[c]: not yet computed */
#define FORM_NONE 0x80000000u     /* v2 drops c (white space) */
#define FORM_OTHER 0x80000001u    /* v2 makes more than one code point of c */

struct name_filter {
    bool keep_all;          /* a text too long to reason about: keep every name */
    uint64_t *pairs;        /* neighbouring code points of the texts' v2 views, sorted */
    size_t n_pairs, cap;
    uint32_t *form;         /* by plain code point: 1 + its v2 form, or FORM_* */
};

static bool is_plain(utf8proc_int32_t c)
{
    return (c >= 0x20 && c <= 0x7E) || c == 0x3000 || (c >= 0x3041 && c <= 0x3096) ||
           (c >= 0x30A1 && c <= 0x30F6) || c == 0x30FC || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xFF01 && c <= 0xFF5E);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t pair_of(uint32_t a, uint32_t b)
{
    return (uint64_t)a << 32 | b;
}

/* The v2 view of s[0..n) (mask.c), to be freed with nps_mask_work_free. */
static int v2_view(work *w, const char *s, size_t n)
{
    memset(w, 0, sizeof *w);
    w->olen = n;
    return nps_mask_build_views(w, s, n, false, true);
}

/* Add the pairs of neighbouring code points of text's v2 view to
 * f->pairs (unsorted). */
static nps_error add_pairs(name_filter *f, const char *text)
{
    work w;
    nps_error err = NPS_OK;
    uint32_t prev = 0;
    bool first = true;
    if (v2_view(&w, text, strlen(text)) != 0) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < w.v2.len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)w.v2.s + i,
                                              (utf8proc_ssize_t)(w.v2.len - i), &c);
        if (l <= 0) { /* not met in a view; a byte of its own */
            c = (unsigned char)w.v2.s[i];
            l = 1;
        }
        if (!first && nps_grow((void **)&f->pairs, &f->cap, f->n_pairs + 1, sizeof *f->pairs, 64) != 0) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
        if (!first)
            f->pairs[f->n_pairs++] = pair_of(prev, (uint32_t)c);
        prev = (uint32_t)c;
        first = false;
        i += (size_t)l;
    }
cleanup:
    nps_mask_work_free(&w);
    return err;
}

nps_error nps_mask_filter_new(const char *const *texts, size_t n, name_filter **out)
{
    nps_error err = NPS_OK;
    name_filter *f = nps_calloc(1, sizeof *f);
    *out = NULL;
    if (!f)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < n && !f->keep_all; i++)
        f->keep_all = texts[i] && strlen(texts[i]) > SUBSET_TEXT_MAX;
    for (size_t i = 0; i < n && !f->keep_all && err == NPS_OK; i++)
        if (texts[i])
            err = add_pairs(f, texts[i]);
    if (err == NPS_OK && !f->keep_all && !(f->form = nps_calloc(BMP, sizeof *f->form)))
        err = NPS_ERR_NOMEM;
    if (err != NPS_OK) {
        nps_mask_filter_free(f);
        return err;
    }
    if (f->n_pairs > 1)
        qsort(f->pairs, f->n_pairs, sizeof *f->pairs, cmp_u64);
    *out = f;
    return NPS_OK;
}

/* The v2 form of the plain character c: 1 + its one code point,
 * FORM_NONE, FORM_OTHER, or FORM_UNKNOWN when out of memory. */
static uint32_t form_of(name_filter *f, utf8proc_int32_t c)
{
    utf8proc_uint8_t bytes[4];
    work w;
    uint32_t form = FORM_NONE;
    if (f->form[c] != FORM_UNKNOWN)
        return f->form[c];
    utf8proc_ssize_t n = utf8proc_encode_char(c, bytes);
    if (v2_view(&w, (const char *)bytes, (size_t)n) != 0) {
        nps_mask_work_free(&w);
        return FORM_UNKNOWN;
    }
    if (w.v2.len > 0) {
        utf8proc_int32_t d;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)w.v2.s,
                                              (utf8proc_ssize_t)w.v2.len, &d);
        form = l > 0 && (size_t)l == w.v2.len ? 1u + (uint32_t)d : FORM_OTHER;
    }
    nps_mask_work_free(&w);
    return f->form[c] = form;
}

bool nps_mask_filter_keeps(name_filter *f, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    uint32_t prev = 0;
    bool ascii_words = true, space = false; /* only ASCII letters and digits between spaces */
    if (!f || f->keep_all)
        return true;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)name + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0 || !is_plain(c))
            return true;
        uint32_t form = form_of(f, c);
        if (form == FORM_UNKNOWN || form == FORM_OTHER)
            return true;
        space |= form == FORM_NONE;
        ascii_words &= form == FORM_NONE || (c < 0x80 && nps_mask_is_alnum((unsigned char)c));
        if (form != FORM_NONE) {
            uint64_t p = pair_of(prev - 1, form - 1);
            if (prev && f->n_pairs && bsearch(&p, f->pairs, f->n_pairs, sizeof *f->pairs, cmp_u64))
                return true;
            prev = form;
        }
        i += (size_t)l;
    }
    return ascii_words && space; /* two ASCII words may be keyed in the other order */
}

void nps_mask_filter_free(name_filter *f)
{
    if (!f)
        return;
    nps_free(f->pairs);
    nps_free(f->form);
    nps_free(f);
}
