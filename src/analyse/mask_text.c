/*
 * mask_text.c — the entry points of masking (nps_mask_text,
 * nps_mask_text_len): cut a text into chunks of at most 128 KiB (at a white
 * space after 64 KiB where possible, else at a code-point boundary), run the
 * rules over each chunk — seen with 256 bytes before it and 4 KiB after it,
 * so a value cut by a chunk boundary is masked whole — in their fixed order
 * (URL, e-mail, bare domain, handle, phone, postal code, bank account,
 * address, names, legal forms, organisation shapes, honorific names,
 * role and romaji names, places by their kind word, English companies,
 * informal groups, lists of family names, e-mails described in words), and
 * write the chunk with the accepted spans replaced by their tokens and
 * invalid UTF-8 by U+FFFD. How the views and spans work: mask.c.
 *
 * Ownership: the masked text is the caller's (nps_free).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "analyse/mask.h"
#include "analyse/masking_private.h"

/* The fuzz build makes chunks of 1 KiB (fuzz/CMakeLists.txt), so that every
 * fuzzed text of a few KiB crosses chunk boundaries. */
#ifndef NPS_MASK_CHUNK_KIB
#define NPS_MASK_CHUNK_KIB 128
#endif
#define CHUNK_MIN ((size_t)NPS_MASK_CHUNK_KIB * 512)
#define CHUNK_MAX ((size_t)NPS_MASK_CHUNK_KIB * 1024)
/* A chunk is matched with this much text on either side, so that a value
 * cut by the chunk's end is still seen whole (and masked whole by the
 * chunk it starts in), and one starting the next chunk sees what comes
 * before it (a digit, a dash). No e-mail, phone, address or name is longer. */
#define CONTEXT ((size_t)256)
#define LOOKAHEAD ((size_t)4096)

/* The start of the code point holding byte p. */
static size_t cp_start(const char *s, size_t p)
{
    for (int k = 0; k < 3 && p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80; k++)
        p--;
    return p;
}

/* Append to the masked text; -1 once an allocation has failed. */
static int buf_add(nps_strbuf *b, const char *s, size_t n)
{
    nps_strbuf_addn(b, s, n);
    return b->failed ? -1 : 0;
}

/* ---- one chunk ---------------------------------------------------------- */

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->start < y->start ? -1 : (x->start > y->start);
}

/* Append s[0..n) with invalid UTF-8 bytes replaced by U+FFFD. */
static int copy_valid(nps_strbuf *out, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (l > 0) {
            i += (size_t)l;
            continue;
        }
        if (buf_add(out, s + run, i - run) != 0 || buf_add(out, "\xEF\xBF\xBD", 3) != 0)
            return -1;
        run = ++i;
    }
    return buf_add(out, s + run, n - run);
}

/* Mask the chunk [from, until) of s, seen in the window [0, n) around it
 * (CONTEXT bytes before, up to LOOKAHEAD after): only spans starting in
 * the chunk are taken, bytes before it count as taken, and the output runs
 * to the end of the chunk or of its last span, whichever is later. *done
 * is that end: where the next chunk starts. */
static int mask_chunk(const nps_masker *m, const char *s, size_t n, size_t from, size_t until,
                      nps_strbuf *out, size_t *done)
{
    work w;
    int err = -1;
    memset(&w, 0, sizeof w);
    w.orig = s;
    w.olen = n;
    w.emit_until = until;
    if (!(w.taken = nps_calloc(n ? n : 1, 1)))
        goto cleanup;
    memset(w.taken, 1, from);
    if (nps_mask_build_views(&w, s, n, true, m && m->n > 0) != 0)
        goto cleanup;
    if (nps_mask_rule_url(&w) || nps_mask_rule_email(&w) || nps_mask_rule_domain(&w) ||
        nps_mask_rule_handle(&w) || nps_mask_rule_phone(&w) || nps_mask_rule_spoken_phone(&w) ||
        nps_mask_rule_postal(&w) ||
        nps_mask_rule_account(&w) || nps_mask_rule_birth(&w) || nps_mask_rule_ids(&w) ||
        nps_mask_rule_twelve(&w) || nps_mask_rule_plate(&w) ||
        nps_mask_rule_address(&w) || nps_mask_rule_building(&w) || nps_mask_rule_names(&w, m) ||
        nps_mask_rule_legal_form(&w) ||
        nps_mask_rule_quoted(&w) || nps_mask_rule_orgs(&w) || nps_mask_rule_honorific(&w) || nps_mask_rule_people(&w) ||
        nps_mask_rule_places(&w) || nps_mask_rule_groups(&w) || nps_mask_rule_shops(&w) ||
        nps_mask_rule_morph(&w))
        goto cleanup;
    if (w.nspans > 1)
        qsort(w.spans, w.nspans, sizeof(span), span_cmp);
    size_t pos = from;
    for (size_t i = 0; i < w.nspans; i++) {
        const char *tok = nps_mask_token(w.spans[i].kind);
        if (copy_valid(out, s + pos, w.spans[i].start - pos) != 0 ||
            buf_add(out, tok, strlen(tok)) != 0)
            goto cleanup;
        pos = w.spans[i].end;
    }
    if (pos < until && copy_valid(out, s + pos, until - pos) != 0)
        goto cleanup;
    *done = pos > until ? pos : until;
    err = 0;
cleanup:
    nps_mask_work_free(&w);
    return err;
}

/* End of the chunk starting at pos: the whole rest if short, else just after
 * a space or newline between 64 and 128 KiB, else a code-point boundary. */
static size_t chunk_end(const char *s, size_t len, size_t pos)
{
    if (len - pos <= CHUNK_MAX)
        return len;
    for (size_t i = pos + CHUNK_MIN; i < pos + CHUNK_MAX; i++)
        if (s[i] == ' ' || s[i] == '\n')
            return i + 1;
    return cp_start(s, pos + CHUNK_MAX);
}

char *nps_mask_text_len(const nps_masker *m, const char *text, size_t len)
{
    nps_strbuf out = {0};
    if (!text)
        return NULL;
    if (buf_add(&out, "", 0) != 0)
        return NULL;
    for (size_t pos = 0; pos < len;) {
        size_t end = chunk_end(text, len, pos), done = end;
        size_t w0 = pos > CONTEXT ? cp_start(text, pos - CONTEXT) : 0;
        size_t w1 = len - end > LOOKAHEAD ? cp_start(text, end + LOOKAHEAD) : len;
        if (mask_chunk(m, text + w0, w1 - w0, pos - w0, end - w0, &out, &done) != 0) {
            nps_free(out.s);
            return NULL;
        }
        pos = w0 + done;
    }
    return out.s;
}

char *nps_mask_text(const nps_masker *m, const char *text)
{
    return text ? nps_mask_text_len(m, text, strlen(text)) : NULL;
}
