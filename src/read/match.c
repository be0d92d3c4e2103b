/*
 * match.c — see match.h.
 *
 * Invariants: keys[i] is the key (NFKC, no white space) of the option at
 * order[i]; `order` sorts options by key length, longest first, so the first
 * hit at a position is the longest. Scanning works on a key of the cell with
 * a byte map back into its NFKC form, so that write-ins keep their spaces.
 *
 * Speed: `slots` is an open-addressing hash of the option keys (each key
 * once, holding the option that comes first in `order`). A cell without '?'
 * is matched by hashing key[pos..q) for each separator q after pos and
 * taking the longest hit — the same answer as the longest-first scan, which
 * is kept for cells with the '?' wildcard. Cells up to KEYED_INLINE bytes
 * are keyed on the stack, and text of kana, kanji, ASCII and full-width
 * ASCII skips utf8proc (nps_text_nfkc_fast): no allocation per cell. A
 * write-in's near miss is looked up in the matcher's memo (near_memo.c):
 * a text repeated on many rows is checked against the labels once.
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "read/match.h"
#include "read/near_memo.h"
#include "base/strbuf.h"
#include "base/text.h"

struct nps_matcher {
    const nps_list *list;
    size_t n;
    char **keys;        /* by option position */
    size_t *key_lens;
    size_t *order;      /* option positions, longest key first */
    int other;          /* 1-based other option, 0 if none */
    size_t *slots;      /* hash of keys: 1 + option position, 0 = empty */
    size_t *raw_slots;  /* hash of labels as written: 1 + the option their key selects */
    size_t *raw_lens;   /* strlen of each label */
    size_t mask;        /* slots - 1 (a power of two minus one); raw_slots alike */
    size_t max_key;     /* longest key */
    bool split_raw;     /* no key holds ',' or ';': a cell may be split on them as written */
    nps_near_memo *near; /* near misses by write-in text (read/near_memo.h), made on first use */
};

/* A hash of s[0..n) from its length and three 8-byte windows: O(1) per
 * probe, collisions resolved by comparing the bytes. */
static uint64_t quick_hash(const char *s, size_t n)
{
    uint64_t a = 0, b = 0, c = 0, h;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(&c, s + n / 2 - 4, 8);
    } else if (n > 0) {
        memcpy(&a, s, n);
    }
    h = (uint64_t)n * 0x9E3779B97F4A7C15u ^ a;
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9u ^ b;
    h = (h ^ (h >> 32)) * 0x94D049BB133111EBu ^ c;
    return h ^ (h >> 29);
}

/* The option whose key is s[0..n), or -1. */
static int lookup_key(const nps_matcher *m, const char *s, size_t n)
{
    for (size_t i = (size_t)quick_hash(s, n) & m->mask;; i = (i + 1) & m->mask) {
        size_t o = m->slots[i];
        if (o == 0)
            return -1;
        if (m->key_lens[o - 1] == n && memcmp(m->keys[o - 1], s, n) == 0)
            return (int)(o - 1);
    }
}

/* The option a cell written exactly as a label s[0..n) selects, or -1. */
static int lookup_raw(const nps_matcher *m, const char *s, size_t n)
{
    for (size_t i = (size_t)quick_hash(s, n) & m->mask;; i = (i + 1) & m->mask) {
        size_t e = m->raw_slots[i];
        if (e == 0)
            return -1;
        e = (e - 1) >> 8; /* label position; the low byte holds the option */
        if (m->raw_lens[e] == n && memcmp(m->list->options[e].label, s, n) == 0)
            return (int)((m->raw_slots[i] - 1) & 0xFF);
    }
}

static void insert(size_t *slots, size_t mask, uint64_t h, size_t value)
{
    size_t i = (size_t)h & mask;
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = value;
}

/* Both hashes. A label as written selects what its key selects (the first
 * option in `order` with that key); labels with '?' are left out of the raw
 * hash (a '?' in a cell is the wildcard). */
static nps_error build_hash(nps_matcher *m)
{
    size_t cap = 8;
    while (cap < 2 * m->n + 2)
        cap *= 2;
    m->slots = nps_calloc(cap, sizeof *m->slots);
    m->raw_slots = nps_calloc(cap, sizeof *m->raw_slots);
    m->raw_lens = nps_calloc(m->n + 1, sizeof *m->raw_lens);
    if (!m->slots || !m->raw_slots || !m->raw_lens)
        return NPS_ERR_NOMEM;
    m->mask = cap - 1;
    m->split_raw = m->n <= 255;
    for (size_t k = 0; k < m->n; k++) {
        size_t o = m->order[k], len = m->key_lens[o];
        if (memchr(m->keys[o], ',', len) || memchr(m->keys[o], ';', len))
            m->split_raw = false;
        if (len == 0 || lookup_key(m, m->keys[o], len) >= 0)
            continue; /* an empty key never matches; a repeated key keeps the first */
        insert(m->slots, m->mask, quick_hash(m->keys[o], len), o + 1);
        if (len > m->max_key)
            m->max_key = len;
    }
    for (size_t i = 0; i < m->n && m->n <= 255; i++) {
        const char *label = m->list->options[i].label;
        int o;
        m->raw_lens[i] = strlen(label);
        if (strchr(label, '?') || lookup_raw(m, label, m->raw_lens[i]) >= 0
            || (o = lookup_key(m, m->keys[i], m->key_lens[i])) < 0)
            continue;
        insert(m->raw_slots, m->mask, quick_hash(label, m->raw_lens[i]), (i << 8 | (size_t)o) + 1);
    }
    return NPS_OK;
}

static int compare_len_desc(const void *a, const void *b, const nps_matcher *m)
{
    size_t la = m->key_lens[*(const size_t *)a], lb = m->key_lens[*(const size_t *)b];
    if (la != lb)
        return la > lb ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Insertion sort: lists are short and qsort has no context argument. */
static void sort_by_length(nps_matcher *m)
{
    for (size_t i = 1; i < m->n; i++) {
        size_t v = m->order[i], j = i;
        while (j > 0 && compare_len_desc(&m->order[j - 1], &v, m) > 0) {
            m->order[j] = m->order[j - 1];
            j--;
        }
        m->order[j] = v;
    }
}

nps_error nps_matcher_new(const nps_list *list, nps_matcher **out)
{
    nps_matcher *m = nps_calloc(1, sizeof *m);
    nps_error err = NPS_ERR_NOMEM;
    if (!m)
        return err;
    m->list = list;
    m->n = list->n_options;
    m->keys = nps_calloc(m->n + 1, sizeof *m->keys);
    m->key_lens = nps_calloc(m->n + 1, sizeof *m->key_lens);
    m->order = nps_calloc(m->n + 1, sizeof *m->order);
    if (!m->keys || !m->key_lens || !m->order)
        goto cleanup;
    for (size_t i = 0; i < m->n; i++) {
        const char *label = list->options[i].label;
        m->keys[i] = nps_text_key(label, strlen(label));
        if (!m->keys[i])
            goto cleanup;
        m->key_lens[i] = strlen(m->keys[i]);
        m->order[i] = i;
        if (list->options[i].role == NPS_OPTION_OTHER)
            m->other = (int)i + 1;
    }
    sort_by_length(m);
    err = build_hash(m);
cleanup:
    if (err != NPS_OK) {
        nps_matcher_free(m);
        return err;
    }
    *out = m;
    return NPS_OK;
}

void nps_matcher_free(nps_matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->keys && i < m->n; i++)
        nps_free(m->keys[i]);
    nps_free(m->keys);
    nps_free(m->key_lens);
    nps_free(m->order);
    nps_free(m->slots);
    nps_free(m->raw_slots);
    nps_free(m->raw_lens);
    nps_near_memo_free(m->near);
    nps_free(m);
}

void nps_match_result_clear(nps_match_result *r)
{
    nps_free(r->other_text);
    memset(r, 0, sizeof *r);
}

static size_t utf8_seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Bytes of `cell` matched by the whole `label` key at its start ('?' in the
 * cell stands for one code point of the label), or 0 for no match. */
static size_t match_len(const char *cell, size_t cell_len, const char *label, size_t label_len,
                        bool *wild)
{
    size_t i = 0, j = 0;
    while (j < label_len) {
        if (i >= cell_len)
            return 0;
        if (cell[i] == '?' && label[j] != '?') {
            *wild = true;
            j += utf8_seq_len((unsigned char)label[j]);
            i++;
        } else if (cell[i] == label[j]) {
            i++;
            j++;
        } else {
            return 0;
        }
    }
    return j == label_len ? i : 0;
}

static bool is_separator(char c) { return c == ',' || c == ';'; }

/* White space left after NFKC: ASCII, U+0085, U+1680, U+2028, U+2029. */
static size_t space_len(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (len >= 2 && c == 0xC2 && (unsigned char)s[1] == 0x85)
        return 2;
    if (len >= 3 && c == 0xE1 && (unsigned char)s[1] == 0x9A && (unsigned char)s[2] == 0x80)
        return 3;
    if (len >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
        return 3;
    return 0;
}

#define KEYED_INLINE 384   /* cells up to this many bytes are keyed on the stack */

typedef struct keyed {
    const char *orig;/* the cell as written */
    size_t orig_len;
    char *nfkc;      /* NFKC of the cell (trimmed) */
    size_t nfkc_len;
    char *key;       /* without white space */
    size_t *map;     /* key byte i comes from nfkc byte map[i]; map[len] = nfkc length;
                        NULL: the key is the NFKC text (no white space in it) */
    size_t len;
    bool wild;       /* the key holds a '?' */
    char *heap_nfkc; /* owned buffers when the cell is too long for the inline ones */
    char *heap_key;
    size_t *heap_map;
    char inline_nfkc[KEYED_INLINE + 1];
    char inline_key[KEYED_INLINE + 1];
    size_t inline_map[KEYED_INLINE + 1];
} keyed;

static void keyed_free(keyed *k)
{
    nps_free(k->heap_nfkc);
    nps_free(k->heap_key);
    nps_free(k->heap_map);
}

/* False when s[0..n) surely holds no white space (space_len): no ASCII
 * space or control, and no lead byte C2, E1 or E2 of the others. */
static bool may_hold_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == 0xC2 || c == 0xE1 || c == 0xE2)
            return true;
    }
    return false;
}

/* Byte of the NFKC text that key byte i comes from. */
static size_t nfkc_offset(const keyed *k, size_t i)
{
    return k->map ? k->map[i] : i;
}

static nps_error keyed_make(const char *cell, size_t len, keyed *k)
{
    size_t n, a = 0, b = (size_t)-1;
    k->orig = cell;
    k->orig_len = len;
    k->len = 0;
    k->wild = false;
    k->heap_nfkc = k->heap_key = NULL;
    k->heap_map = NULL;
    if (len <= KEYED_INLINE)
        b = nps_text_nfkc_fast(cell, len, k->inline_nfkc);
    if (b != (size_t)-1) {
        nps_text_trim_span(k->inline_nfkc, b, &a, &b);
        k->nfkc = k->inline_nfkc + a;
        k->nfkc[b - a] = '\0';
        n = b - a;
    } else {
        k->nfkc = k->heap_nfkc = nps_text_nfkc(cell, len);
        if (!k->nfkc)
            return NPS_ERR_NOMEM; /* invalid UTF-8 is refused before matching */
        n = strlen(k->nfkc);
    }
    k->nfkc_len = n;
    if (!may_hold_space(k->nfkc, n)) { /* the key is the NFKC text itself */
        k->key = k->nfkc;
        k->map = NULL;
        k->len = n;
        k->wild = memchr(k->nfkc, '?', n) != NULL;
        return NPS_OK;
    }
    if (n <= KEYED_INLINE) {
        k->key = k->inline_key;
        k->map = k->inline_map;
    } else {
        k->key = k->heap_key = nps_malloc(n + 1);
        k->map = k->heap_map = nps_malloc((n + 1) * sizeof *k->map);
        if (!k->key || !k->map) {
            keyed_free(k);
            return NPS_ERR_NOMEM;
        }
    }
    for (size_t i = 0; i < n;) {
        size_t sp = space_len(k->nfkc + i, n - i);
        if (sp) {
            i += sp;
            continue;
        }
        k->wild = k->wild || k->nfkc[i] == '?';
        k->map[k->len] = i;
        k->key[k->len++] = k->nfkc[i++];
    }
    k->key[k->len] = '\0';
    k->map[k->len] = n;
    return NPS_OK;
}

/* option_at for a key without '?': the longest key[pos..q) ending at a
 * separator or the end that is an option's key, through the hash. */
static int option_at_exact(const nps_matcher *m, const keyed *k, size_t pos, size_t *span)
{
    int found = -1;
    size_t last = k->len - pos < m->max_key ? k->len : pos + m->max_key;
    for (size_t q = pos; q < last; q++) {
        if (q + 1 == k->len || is_separator(k->key[q + 1])) {
            int o = lookup_key(m, k->key + pos, q + 1 - pos);
            if (o >= 0) {
                found = o;
                *span = q + 1 - pos;
            }
        }
    }
    return found;
}

/* The longest option matching at key[pos] and ending at a separator or the
 * end; returns its 0-based position or -1, and the bytes it spans. */
static int option_at(const nps_matcher *m, const keyed *k, size_t pos, size_t *span, bool *wild,
                     bool *ambiguous)
{
    int found = -1;
    size_t found_len = 0;
    if (!k->wild)
        return option_at_exact(m, k, pos, span);
    for (size_t o = 0; o < m->n; o++) {
        size_t i = m->order[o];
        bool w = false;
        if (found >= 0 && m->key_lens[i] < found_len)
            break; /* shorter labels cannot win any more */
        size_t n = match_len(k->key + pos, k->len - pos, m->keys[i], m->key_lens[i], &w);
        if (n == 0 || (pos + n < k->len && !is_separator(k->key[pos + n])))
            continue;
        if (found >= 0) {
            *ambiguous = *ambiguous || w;
            continue;
        }
        found = (int)i;
        found_len = m->key_lens[i];
        *span = n;
        *wild = w;
    }
    return found;
}

/* Length of a separator at s (",", ";" and their full-width and small
 * forms, which NFKC turns into "," and ";"), or 0. */
static size_t separator_len(const char *s, size_t len)
{
    static const char *const wide[] = {"\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xEF\xB9\x90", "\xEF\xB9\x94"};
    if (*s == ',' || *s == ';')
        return 1;
    if ((unsigned char)*s != 0xEF)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (len >= 3 && memcmp(s, wide[i], 3) == 0)
            return 3;
    return 0;
}

/* The i-th separator (0-based) of s: its offset and length; false if none. */
static bool nth_separator(const char *s, size_t len, size_t i, size_t *at, size_t *sep_len)
{
    for (size_t p = 0; p < len; p++) {
        size_t l = separator_len(s + p, len - p);
        if (l && i-- == 0) {
            *at = p;
            *sep_len = l;
            return true;
        }
        if (l)
            p += l - 1;
    }
    return false;
}

static size_t count_separators(const char *s, size_t len, size_t upto)
{
    size_t n = 0;
    for (size_t p = 0; p < len && p < upto; p++) {
        size_t l = separator_len(s + p, len - p);
        if (l) {
            n++;
            p += l - 1;
        }
    }
    return n;
}

/* The original text of the NFKC stretch [a, b): write-ins keep what the
 * respondent typed (full-width characters included). Separators correspond
 * one to one between the two forms; when they do not (a compatibility
 * character that NFKC turns into a comma), the NFKC text is used. */
static void original_span(const keyed *k, size_t a, size_t b, const char **text, size_t *len)
{
    size_t nlen = k->nfkc_len;
    size_t i = count_separators(k->nfkc, nlen, a), j = count_separators(k->nfkc, nlen, b);
    size_t start = 0, end = k->orig_len, at, sl;
    *text = k->nfkc + a;
    *len = b - a;
    if (count_separators(k->nfkc, nlen, nlen) != count_separators(k->orig, k->orig_len, k->orig_len))
        return;
    if (i > 0) {
        if (!nth_separator(k->orig, k->orig_len, i - 1, &at, &sl))
            return;
        start = at + sl;
    }
    if (b < nlen) {
        if (!nth_separator(k->orig, k->orig_len, j, &at, &sl))
            return;
        end = at;
    }
    if (start <= end) {
        *text = k->orig + start;
        *len = end - start;
    }
}

/* Remove a leading "その他" wrapper: "その他:text", "その他：text",
 * "その他(text)", "その他（text）", "その他 text". Returns
 * the inner text (fresh) or NULL (on allocation failure); *bare is set when
 * the text was just "その他". */
static char *strip_other_prefix(const char *text, bool *bare)
{
    static const char other[] = "\xE3\x81\x9D\xE3\x81\xAE\xE4\xBB\x96"; /* その他 */
    size_t ol = sizeof other - 1, len = strlen(text);
    *bare = false;
    if (strncmp(text, other, ol) != 0)
        return nps_text_trim(text, len);
    const char *p = text + ol, *after = p;
    while (*p == ' ' || !strncmp(p, "\xE3\x80\x80", 3)) /* spaces, ideographic too */
        p += *p == ' ' ? 1 : 3;
    if (*p == '\0') {
        *bare = true;
        return nps_text_trim("", 0);
    }
    if (*p == ':' || *p == '-')
        return nps_text_trim(p + 1, strlen(p + 1));
    if (!strncmp(p, "\xEF\xBC\x9A", 3) || !strncmp(p, "\xEF\xBC\x8D", 3)) /* ：－ */
        return nps_text_trim(p + 3, strlen(p + 3));
    if (*p == '(' && len > 0 && text[len - 1] == ')')
        return nps_text_trim(p + 1, (size_t)(text + len - 1 - (p + 1)));
    if (!strncmp(p, "\xEF\xBC\x88", 3) && len >= 3 && !strcmp(text + len - 3, "\xEF\xBC\x89")) /* （…） */
        return nps_text_trim(p + 3, (size_t)(text + len - 3 - (p + 3)));
    if (p != after) /* "その他 text" */
        return nps_text_trim(p, strlen(p));
    return nps_text_trim(text, len);
}

static void take_option(nps_match_result *r, int o)
{
    r->options |= (uint64_t)1 << (o - 1);
    r->option = o;
    r->near_option = r->near_option ? r->near_option : o;
}

/* Near misses in a write-in (read/near.h): the whole text, or — in a
 * multiple choice — each piece between ',' and ';', taken as its option.
 * Returns what remains (`text` itself when nothing was taken, else a fresh
 * string, "" when nothing remains) or NULL when out of memory; `text` is
 * consumed either way. */
static char *take_near_misses(nps_matcher *m, char *text, bool many, nps_match_result *r)
{
    nps_strbuf rest = {0};
    bool taken = false;
    int o = nps_near_memo_option(&m->near, m->list, text, strlen(text));
    if (o > 0)
        take_option(r, o);
    if (o != 0 || !many) {
        if (o != 0)
            nps_free(text);
        return o < 0 ? NULL : o > 0 ? nps_strdup("") : text;
    }
    for (const char *p = text, *end; *p && o >= 0; p = *end ? end + 1 : end) {
        size_t a, b;
        end = p + strcspn(p, ",;");
        nps_text_trim_span(p, (size_t)(end - p), &a, &b);
        if (b > a && (o = nps_near_memo_option(&m->near, m->list, p + a, b - a)) > 0) {
            take_option(r, o);
            taken = true;
        } else if (b > a) {
            nps_strbuf_add(&rest, rest.len ? ", " : "");
            nps_strbuf_addn(&rest, p + a, b - a);
        }
    }
    if (o < 0 || rest.failed) {
        nps_strbuf_free(&rest);
        nps_free(text);
        return NULL;
    }
    if (!taken) {
        nps_strbuf_free(&rest);
        return text;
    }
    nps_free(text);
    char *left = nps_strbuf_take(&rest);
    return left ? left : nps_strdup("");
}

/* Record a write-in: the other option when the list has one (`many`: a
 * multiple-choice cell). */
static nps_error add_write_in(nps_matcher *m, const char *text, size_t len, bool many,
                              nps_match_result *r)
{
    char *seg = nps_text_trim(text, len), *inner;
    bool bare, prefixed;
    if (!seg)
        return NPS_ERR_NOMEM;
    for (size_t l = strlen(seg), sl; l > 0 && (sl = separator_len(seg + l - 1, 1) ? 1 :
                                                (l >= 3 ? separator_len(seg + l - 3, 3) : 0)) > 0;
         l = strlen(seg))
        seg[l - sl] = '\0'; /* trailing separators (Microsoft Forms ends with ";") */
    inner = strip_other_prefix(seg, &bare);
    prefixed = strcmp(inner ? inner : "", seg) != 0 || bare;
    nps_free(seg);
    if (!inner)
        return NPS_ERR_NOMEM;
    if (!prefixed && !(inner = take_near_misses(m, inner, many, r)))
        return NPS_ERR_NOMEM;
    if (!prefixed && !*inner && r->near_option) {
        nps_free(inner);
        return NPS_OK; /* every piece was a near miss */
    }
    if (!m->other) {
        r->unmatched = r->unmatched || *inner || bare;
        nps_free(inner);
        return NPS_OK;
    }
    r->options |= (uint64_t)1 << (m->other - 1);
    r->option = m->other;
    if (!*inner) {
        nps_free(inner);
        return NPS_OK;
    }
    if (!r->other_text) {
        r->other_text = inner;
        return NPS_OK;
    }
    size_t a = strlen(r->other_text), b = strlen(inner);
    char *joined = nps_realloc(r->other_text, a + 3 + b + 1);
    if (!joined) {
        nps_free(inner);
        return NPS_ERR_NOMEM;
    }
    memcpy(joined + a, "\xE3\x80\x81", 3); /* 、 */
    memcpy(joined + a + 3, inner, b + 1);
    r->other_text = joined;
    nps_free(inner);
    return NPS_OK;
}

/* Where the write-in starting at pos ends: just before the next separator
 * that is followed by a matching label, or the end. */
static size_t write_in_end(const nps_matcher *m, const keyed *k, size_t pos)
{
    for (size_t q = pos + 1; q < k->len; q++) {
        size_t span;
        bool w = false, amb = false;
        if (is_separator(k->key[q - 1]) && option_at(m, k, q, &span, &w, &amb) >= 0)
            return q - 1;
    }
    return k->len;
}

static bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* s[0..*n) without ASCII white space at either end. */
static const char *ascii_trim(const char *s, size_t *n)
{
    while (*n > 0 && ascii_space(s[*n - 1]))
        (*n)--;
    while (*n > 0 && ascii_space(*s)) {
        s++;
        (*n)--;
    }
    return s;
}

/* A cell whose pieces between ',' and ';' are each a label exactly as
 * written: the options, or 0 when any piece is not (then keys decide). With
 * no separator inside any key, the longest-first scan splits the key of such
 * a cell at the same places, so the answer is the same. */
static uint64_t raw_options(const nps_matcher *m, const char *cell, size_t len)
{
    uint64_t set = 0;
    const char *end = cell + len;
    while (cell < end) {
        const char *q = cell;
        size_t n;
        int o;
        while (q < end && *q != ',' && *q != ';')
            q++;
        n = (size_t)(q - cell);
        cell = ascii_trim(cell, &n);
        if (n > 0) {
            if ((o = lookup_raw(m, cell, n)) < 0)
                return 0;
            set |= (uint64_t)1 << o;
        }
        cell = q + (q < end);
    }
    return set;
}

nps_error nps_match_many(nps_matcher *m, const char *cell, size_t len, nps_match_result *r)
{
    keyed k;
    nps_error err;
    size_t pos = 0;
    memset(r, 0, sizeof *r);
    if (m->split_raw && (r->options = raw_options(m, cell, len)) != 0)
        return NPS_OK;
    if ((err = keyed_make(cell, len, &k)) != NPS_OK)
        return err;
    while (err == NPS_OK) {
        while (pos < k.len && is_separator(k.key[pos]))
            pos++;
        if (pos >= k.len)
            break;
        size_t span = 0;
        bool wild = false;
        int o = option_at(m, &k, pos, &span, &wild, &r->ambiguous);
        if (o >= 0) {
            r->options |= (uint64_t)1 << o;
            r->used_wildcard = r->used_wildcard || wild;
            pos += span;
            continue;
        }
        size_t end = write_in_end(m, &k, pos);
        const char *text;
        size_t text_len;
        original_span(&k, nfkc_offset(&k, pos), nfkc_offset(&k, end), &text, &text_len);
        err = add_write_in(m, text, text_len, true, r);
        pos = end;
    }
    keyed_free(&k);
    if (err != NPS_OK)
        nps_match_result_clear(r);
    return err;
}

nps_error nps_match_one(nps_matcher *m, const char *cell, size_t len, nps_match_result *r)
{
    keyed k;
    nps_error err;
    size_t n = len;
    const char *raw = ascii_trim(cell, &n);
    int hit;
    memset(r, 0, sizeof *r);
    if (n > 0 && (hit = lookup_raw(m, raw, n)) >= 0) { /* written exactly as a label */
        r->option = hit + 1;
        r->options = (uint64_t)1 << hit;
        return NPS_OK;
    }
    if ((err = keyed_make(cell, len, &k)) != NPS_OK)
        return err;
    if (k.len > 0) {
        size_t span = 0;
        bool wild = false;
        int o = option_at(m, &k, 0, &span, &wild, &r->ambiguous);
        if (o >= 0 && span == k.len) {
            r->option = o + 1;
            r->options = (uint64_t)1 << o;
            r->used_wildcard = wild;
        } else {
            err = add_write_in(m, k.orig, k.orig_len, false, r); /* as written */
        }
    }
    keyed_free(&k);
    if (err != NPS_OK)
        nps_match_result_clear(r);
    return err;
}
