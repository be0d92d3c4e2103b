/*
 * mask.c — masking of personal data in free text (DESIGN §7).
 *
 * How a text is masked. The text is cut into chunks of at most 128 KiB
 * (at a white space after 64 KiB where possible) so that memory stays
 * bounded by the chunk, not the cell. Each chunk is split into grapheme
 * clusters; every cluster is normalised on its own into two views:
 *   v1  NFKC                                   (for URLs, e-mails, phones, postal codes)
 *   v2  NFKC + case folding, white space dropped (for names)
 * Per-cluster normalisation equals whole-text NFKC because composition never
 * crosses a grapheme boundary (voiced sound marks, combining marks and Hangul
 * jamo all extend their cluster). Each view keeps a list of segments mapping
 * its bytes back to the original: a run of clusters that map one code point
 * to one code point of the same byte length is one "aligned" segment (byte
 * offsets carry over); any other cluster is a segment of its own, and a match
 * touching it takes the whole cluster.
 *
 * Rules run in a fixed order — URL, e-mail, phone, postal code, names — and
 * each found span is mapped to original byte offsets. A span overlapping a
 * byte already taken is dropped, so an earlier rule wins: the digits of a
 * phone number are never re-read as a postal code, an address inside a URL
 * stays one ［URL］. Names are tried longest first over the whole chunk.
 * The output is the original chunk with the accepted spans replaced by their
 * tokens; invalid UTF-8 bytes are replaced by U+FFFD.
 *
 * Invariants: names[] is sorted by bytes (a prefix before its extensions) and
 * holds each key once; every key has ≥ 2 code points and a letter.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "base/alloc.h"
#include "analyse/mask.h"

#define CHUNK_MIN ((size_t)64 * 1024)
#define CHUNK_MAX ((size_t)128 * 1024)
#define PHONE_MAX_GROUPS 8
#define NFKC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE)
#define FOLD_OPTIONS (NFKC_OPTIONS | UTF8PROC_CASEFOLD)

typedef struct name_entry {
    char *key;
    size_t len;
    nps_mask_kind kind;
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

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

typedef struct work {
    const char *orig;
    size_t olen;
    view v1, v2;
    unsigned char *taken;
    span *spans;
    size_t nspans, spancap;
    utf8proc_int32_t *cp;   /* decomposition scratch, in code points */
    size_t cpcap;
} work;

/* ---- small helpers ------------------------------------------------------ */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *q = nps_realloc(*p, n * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

static int buf_add(buf *b, const char *s, size_t n)
{
    if (grow((void **)&b->s, &b->cap, b->len + n + 1, 1) != 0)
        return -1;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool is_alnum(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_space_cp(utf8proc_int32_t c)
{
    return (c >= 9 && c <= 13) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Bytes of a dash-like separator at s[i] in NFKC text, 0 if none: - ‐ ‑ ‒ – — ― − ー */
static size_t dash_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (i >= n)
        return 0;
    if (u[0] == '-')
        return 1;
    if (n - i < 3)
        return 0;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95)
        return 3;
    if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
        return 3;
    if (u[0] == 0xE3 && u[1] == 0x83 && u[2] == 0xBC)
        return 3;
    return 0;
}

static bool dash_before(const char *s, size_t i)
{
    if (i >= 1 && s[i - 1] == '-')
        return true;
    return i >= 3 && dash_at(s, i, i - 3) == 3;
}

static bool prefix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)p[i])
            return false;
    }
    return true;
}

/* ---- views: per-cluster normalisation with a map back to the original --- */

static void view_free(view *v)
{
    free(v->s);
    free(v->segs);
    memset(v, 0, sizeof *v);
}

static int view_push(view *v, const char *bytes, size_t n, size_t o0, size_t olen, bool aligned)
{
    if (n == 0)
        return 0;
    if (grow((void **)&v->s, &v->cap, v->len + n + 1, 1) != 0)
        return -1;
    memcpy(v->s + v->len, bytes, n);
    seg *last = v->nseg ? &v->segs[v->nseg - 1] : NULL;
    if (aligned && last && last->aligned && last->o0 + last->olen == o0 &&
        last->v0 + last->vlen == v->len) {
        last->olen += olen;
        last->vlen += n;
    } else {
        if (grow((void **)&v->segs, &v->segcap, v->nseg + 1, sizeof(seg)) != 0)
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
    utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                            w->cp, (utf8proc_ssize_t)w->cpcap, opt);
    if (k >= 0 && (size_t)k > w->cpcap) {
        if (grow((void **)&w->cp, &w->cpcap, (size_t)k, sizeof *w->cp) != 0)
            return -1;
        k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, w->cp,
                               (utf8proc_ssize_t)w->cpcap, opt);
    }
    if (k < 0)
        return -1;
    k = utf8proc_reencode(w->cp, k, opt);
    if (k < 0)
        return -1;
    *out = (const char *)w->cp;
    return (long)k;
}

static size_t utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static bool all_space(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0 || !is_space_cp(c))
            return false;
        i += (size_t)l;
    }
    return true;
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
    if (want_v1) {
        if ((k = normalise_cluster(w, src + o0, olen, NFKC_OPTIONS, &out)) < 0)
            return -1;
        bool aligned = ncp == 1 && (size_t)k == olen && utf8_count(out, (size_t)k) == 1;
        if (view_push(&w->v1, out, (size_t)k, o0, olen, aligned) != 0)
            return -1;
    }
    if (want_v2) {
        if ((k = normalise_cluster(w, src + o0, olen, FOLD_OPTIONS, &out)) < 0)
            return -1;
        if (all_space(out, (size_t)k))
            return 0;
        bool aligned = ncp == 1 && (size_t)k == olen && utf8_count(out, (size_t)k) == 1;
        if (view_push(&w->v2, out, (size_t)k, o0, olen, aligned) != 0)
            return -1;
    }
    return 0;
}

/* Split src[0..n) into grapheme clusters and build the views. */
static int build_views(work *w, const char *src, size_t n, bool want_v1, bool want_v2)
{
    size_t i = 0;
    if (grow((void **)&w->cp, &w->cpcap, 64, sizeof *w->cp) != 0)
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
    if (want_v1 && !w->v1.s && grow((void **)&w->v1.s, &w->v1.cap, 1, 1) != 0)
        return -1;
    if (want_v2 && !w->v2.s && grow((void **)&w->v2.s, &w->v2.cap, 1, 1) != 0)
        return -1;
    if (w->v1.s)
        w->v1.s[w->v1.len] = '\0';
    if (w->v2.s)
        w->v2.s[w->v2.len] = '\0';
    return 0;
}

/* ---- spans -------------------------------------------------------------- */

/* Take view bytes [a, b) as a span of `kind`: 1 taken, 0 overlaps an
 * earlier span, -1 out of memory. */
static int take(work *w, const view *v, size_t a, size_t b, nps_mask_kind kind)
{
    if (b <= a)
        return 0;
    size_t o0 = view_map_start(v, a), o1 = view_map_end(v, b);
    if (o1 <= o0 || o1 > w->olen)
        return 0;
    for (size_t p = o0; p < o1; p++)
        if (w->taken[p])
            return 0;
    if (grow((void **)&w->spans, &w->spancap, w->nspans + 1, sizeof(span)) != 0)
        return -1;
    memset(w->taken + o0, 1, o1 - o0);
    w->spans[w->nspans++] = (span){o0, o1, kind};
    return 1;
}

/* ---- URL ---------------------------------------------------------------- */

static bool url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c);
}

static size_t url_at(const char *s, size_t n, size_t i)
{
    size_t p;
    if (i > 0 && is_alnum((unsigned char)s[i - 1]))
        return 0;
    if (prefix_ci(s + i, n - i, "https://"))
        p = i + 8;
    else if (prefix_ci(s + i, n - i, "http://"))
        p = i + 7;
    else if (prefix_ci(s + i, n - i, "www.") &&
             (i == 0 || !strchr("./@", s[i - 1])))
        p = i + 4;
    else
        return 0;
    size_t q = p;
    while (q < n && url_char((unsigned char)s[q]))
        q++;
    bool has_open = memchr(s + i, '(', q - i) != NULL;
    while (q > p && (strchr(".,;:!?'\"]", s[q - 1]) || (s[q - 1] == ')' && !has_open)))
        q--;
    return q > p ? q : 0;
}

static int rule_url(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = url_at(s, n, i);
        if (end) {
            if (take(w, &w->v1, i, end, NPS_MASK_URL) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- e-mail ------------------------------------------------------------- */

static bool local_char(unsigned char c) { return is_alnum(c) || (c && strchr("._%+-", c)); }
static bool domain_char(unsigned char c) { return is_alnum(c) || c == '-' || c == '.'; }

static int rule_email(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t a = 0; a < n; a++) {
        if (s[a] != '@')
            continue;
        size_t l = a, r = a + 1;
        while (l > 0 && local_char((unsigned char)s[l - 1]))
            l--;
        while (l < a && s[l] == '.')
            l++;
        while (r < n && domain_char((unsigned char)s[r]))
            r++;
        while (r > a + 1 && (s[r - 1] == '.' || s[r - 1] == '-'))
            r--;
        if (l == a || r <= a + 1)
            continue;
        const char *dot = memchr(s + a + 1, '.', r - a - 1);
        if (!dot || dot == s + a + 1)
            continue;
        if (take(w, &w->v1, l, r, NPS_MASK_EMAIL) < 0)
            return -1;
        a = r - 1;
    }
    return 0;
}

/* ---- phone numbers ------------------------------------------------------ */

/* A separator run between digit groups: up to 4 characters of space, tab,
 * parentheses and at most one dash. Returns its byte length (0: none). */
static size_t phone_sep(const char *s, size_t n, size_t i)
{
    size_t p = i, d;
    int chars = 0, dashes = 0;
    while (p < n && chars < 4) {
        if (s[p] == ' ' || s[p] == '\t' || s[p] == '(' || s[p] == ')') {
            p++;
        } else if ((d = dash_at(s, n, p)) != 0 && dashes == 0) {
            dashes++;
            p += d;
        } else {
            break;
        }
        chars++;
    }
    return p - i;
}

typedef struct phone_groups {
    size_t start[PHONE_MAX_GROUPS], len[PHONE_MAX_GROUPS];
    size_t k;
} phone_groups;

/* Are the first kk groups a whole phone number? Domestic: starts with 0,
 * 10 or 11 digits, either one run or 2–4 groups (first 2–5 digits, middle
 * 1–4, last 3–4). International (+81): 9 or 10 national digits (a trunk
 * "0" as in +81(0)11… not counted). */
static bool phone_valid(const char *s, const phone_groups *g, size_t kk, bool intl)
{
    size_t digits = 0;
    for (size_t j = 0; j < kk; j++)
        digits += g->len[j];
    bool shape = kk == 1 ||
                 (kk <= 4 && g->len[kk - 1] >= 3 && g->len[kk - 1] <= 4 && g->len[0] <= 5);
    for (size_t j = 1; shape && j + 1 < kk; j++)
        shape = g->len[j] <= 4;
    if (intl) {
        size_t national = digits - (s[g->start[0]] == '0' ? 1 : 0);
        return shape && national >= 9 && national <= 10;
    }
    if (s[g->start[0]] != '0' || (digits != 10 && digits != 11))
        return false;
    return shape && (kk == 1 || g->len[0] >= 2);
}

/* A phone number starting at s[i] (its end, or 0); *start is i, or i+1
 * when an opening parenthesis does not close after the area code, as in
 * "(011-200-0973)". */
static size_t phone_at(const char *s, size_t n, size_t i, size_t *start)
{
    size_t p = i;
    bool intl = false;
    phone_groups g = {{0}, {0}, 0};
    if (i > 0 && is_digit((unsigned char)s[i - 1]))
        return 0;
    if (s[p] == '+') {
        if (n - p < 3 || s[p + 1] != '8' || s[p + 2] != '1')
            return 0;
        intl = true;
        p += 3;
        p += phone_sep(s, n, p);
    } else if (s[p] == '(') {
        p++;
    } else if (s[p] != '0') {
        return 0;
    }
    while (g.k < PHONE_MAX_GROUPS && p < n && is_digit((unsigned char)s[p])) {
        g.start[g.k] = p;
        while (p < n && is_digit((unsigned char)s[p]))
            p++;
        g.len[g.k] = p - g.start[g.k];
        g.k++;
        size_t sl = phone_sep(s, n, p);
        if (sl == 0 || p + sl >= n || !is_digit((unsigned char)s[p + sl]))
            break;
        p += sl;
    }
    for (size_t kk = g.k; kk >= 1; kk--) {
        if (!phone_valid(s, &g, kk, intl))
            continue;
        *start = i;
        if (s[i] == '(' && (kk == 1 || !memchr(s + g.start[0], ')', g.start[1] - g.start[0])))
            *start = i + 1;
        return g.start[kk - 1] + g.len[kk - 1];
    }
    return 0;
}

static int rule_phone(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t start = i, end = phone_at(s, n, i, &start);
        if (end) {
            if (take(w, &w->v1, start, end, NPS_MASK_PHONE) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- postal codes ------------------------------------------------------- */

/* A number followed by one of these is a quantity, not a postal code. */
static bool unit_follows(const char *s, size_t n, size_t p)
{
    static const char *const units[] = {"人", "名", "円", "件", "年", "月", "日", "回", "個",
                                        "歳", "時", "分", "秒", "世帯", "部", "室", "坪",
                                        "万", "千", "%", "~", "m", "〜"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t k = strlen(units[i]);
        if (n - p >= k && memcmp(s + p, units[i], k) == 0)
            return true;
    }
    return false;
}

static size_t digits_at(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n && is_digit((unsigned char)s[q]))
        q++;
    return q - p;
}

/* 〒 + 3 digits, dash, 4 digits (or 7 digits after 〒); without 〒 the code
 * must stand alone: no digit, dash or decimal point before it, and no
 * digit, dash-digit or unit after it. */
static size_t postal_at(const char *s, size_t n, size_t i)
{
    size_t p = i, d;
    bool mark = n - i >= 3 && memcmp(s + i, "\xE3\x80\x92", 3) == 0;
    if (mark) {
        p += 3;
        while (p < n && (s[p] == ' ' || s[p] == '\t'))
            p++;
    } else if (!is_digit((unsigned char)s[i]) ||
               (i > 0 && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
                          s[i - 1] == ',' || dash_before(s, i)))) {
        return 0;
    }
    size_t run = digits_at(s, n, p);
    if (run == 7 && mark) {
        p += 7;
    } else if (run == 3 && (d = dash_at(s, n, p + 3)) != 0 && digits_at(s, n, p + 3 + d) == 4) {
        p += 3 + d + 4;
    } else {
        return 0;
    }
    if ((d = dash_at(s, n, p)) != 0 && p + d < n && is_digit((unsigned char)s[p + d]))
        return 0;
    if (!mark && unit_follows(s, n, p))
        return 0;
    return p;
}

static int rule_postal(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = postal_at(s, n, i);
        if (end) {
            if (take(w, &w->v1, i, end, NPS_MASK_POSTAL) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- names -------------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
    const name_entry *x = a, *y = b;
    size_t k = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, k);
    if (c != 0)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* In names[lo, hi), all longer than k bytes and sharing their first k bytes,
 * the first index whose byte k is ≥ c (upper: > c). */
static size_t name_bound(const nps_masker *m, size_t lo, size_t hi, size_t k, unsigned char c,
                         bool upper)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned char b = (unsigned char)m->names[mid].key[k];
        if (b < c || (upper && b == c))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The longest name that is a prefix of s[0..n), or NULL. */
static const name_entry *longest_name_at(const nps_masker *m, const char *s, size_t n)
{
    size_t lo = 0, hi = m->n;
    const name_entry *best = NULL;
    for (size_t k = 0; lo < hi; k++) {
        if (m->names[lo].len == k) {
            best = &m->names[lo];
            lo++;
        }
        if (k == n || lo >= hi)
            break;
        unsigned char c = (unsigned char)s[k];
        size_t nlo = name_bound(m, lo, hi, k, c, false);
        hi = name_bound(m, nlo, hi, k, c, true);
        lo = nlo;
    }
    return best;
}

typedef struct candidate {
    size_t start, len;
    nps_mask_kind kind;
} candidate;

static int candidate_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return x->start < y->start ? -1 : (x->start > y->start);
}

static int rule_names(work *w, const nps_masker *m)
{
    candidate *c = NULL;
    size_t nc = 0, cap = 0;
    int err = -1;
    const char *s = w->v2.s;
    size_t n = w->v2.len;
    if (!m || m->n == 0)
        return 0;
    for (size_t p = 0; p < n; p++) {
        if (((unsigned char)s[p] & 0xC0) == 0x80)
            continue;
        const name_entry *e = longest_name_at(m, s + p, n - p);
        if (!e)
            continue;
        if (grow((void **)&c, &cap, nc + 1, sizeof *c) != 0)
            goto cleanup;
        c[nc++] = (candidate){p, e->len, e->kind};
    }
    if (nc > 1)
        qsort(c, nc, sizeof *c, candidate_cmp);
    for (size_t i = 0; i < nc; i++)
        if (take(w, &w->v2, c[i].start, c[i].start + c[i].len, c[i].kind) < 0)
            goto cleanup;
    err = 0;
cleanup:
    free(c);
    return err;
}

/* ---- one chunk ---------------------------------------------------------- */

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->start < y->start ? -1 : (x->start > y->start);
}

/* Append s[0..n) with invalid UTF-8 bytes replaced by U+FFFD. */
static int copy_valid(buf *out, const char *s, size_t n)
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

static void work_free(work *w)
{
    view_free(&w->v1);
    view_free(&w->v2);
    free(w->taken);
    free(w->spans);
    free(w->cp);
}

static int mask_chunk(const nps_masker *m, const char *s, size_t n, buf *out)
{
    work w;
    int err = -1;
    memset(&w, 0, sizeof w);
    w.orig = s;
    w.olen = n;
    if (!(w.taken = nps_calloc(n ? n : 1, 1)))
        goto cleanup;
    if (build_views(&w, s, n, true, m && m->n > 0) != 0)
        goto cleanup;
    if (rule_url(&w) || rule_email(&w) || rule_phone(&w) || rule_postal(&w) ||
        rule_names(&w, m))
        goto cleanup;
    if (w.nspans > 1)
        qsort(w.spans, w.nspans, sizeof(span), span_cmp);
    size_t pos = 0;
    for (size_t i = 0; i < w.nspans; i++) {
        const char *tok = nps_mask_token(w.spans[i].kind);
        if (copy_valid(out, s + pos, w.spans[i].start - pos) != 0 ||
            buf_add(out, tok, strlen(tok)) != 0)
            goto cleanup;
        pos = w.spans[i].end;
    }
    if (copy_valid(out, s + pos, n - pos) != 0)
        goto cleanup;
    err = 0;
cleanup:
    work_free(&w);
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
    size_t e = pos + CHUNK_MAX;
    for (int k = 0; k < 3 && ((unsigned char)s[e] & 0xC0) == 0x80; k++)
        e--;
    return e;
}

char *nps_mask_text_len(const nps_masker *m, const char *text, size_t len)
{
    buf out = {NULL, 0, 0};
    if (!text)
        return NULL;
    if (buf_add(&out, "", 0) != 0)
        return NULL;
    for (size_t pos = 0; pos < len;) {
        size_t end = chunk_end(text, len, pos);
        if (mask_chunk(m, text + pos, end - pos, &out) != 0) {
            free(out.s);
            return NULL;
        }
        pos = end;
    }
    return out.s;
}

char *nps_mask_text(const nps_masker *m, const char *text)
{
    return text ? nps_mask_text_len(m, text, strlen(text)) : NULL;
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
    }
    return "［＊］";
}

/* ---- the name dictionary ------------------------------------------------ */

/* The matching key of a name: NFKC, case folded, white space removed.
 * New string or NULL. */
static char *name_key(const char *name)
{
    work w;
    char *key = NULL;
    memset(&w, 0, sizeof w);
    size_t n = strlen(name);
    w.olen = n;
    if (build_views(&w, name, n, false, true) == 0) {
        key = w.v2.s;
        w.v2.s = NULL;
    }
    work_free(&w);
    return key;
}

static bool is_placeholder(const char *key)
{
    static const char *const words[] = {"なし", "無し", "特になし", "特に無し", "匿名",
                                        "不明", "未記入", "無記名", "記入なし", "個人",
                                        "na", "n/a", "none", "null", "test", "テスト"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(key, words[i]) == 0)
            return true;
    return false;
}

static bool has_letter(const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0)
            return false;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            return true;
        i += (size_t)l;
    }
    return false;
}

static bool usable_key(const char *key)
{
    return utf8_count(key, strlen(key)) >= 2 && has_letter(key) && !is_placeholder(key);
}

/* Legal forms in key form (NFKC, case folded): stripped from both ends of
 * an organisation name to give its core. Longer forms first. */
static const char *const legal_forms[] = {
    "認定特定非営利活動法人", "特定非営利活動法人", "認定npo法人", "npo法人",
    "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "社会福祉法人",
    "医療法人社団", "医療法人財団", "医療法人", "学校法人", "宗教法人", "生活協同組合",
    "株式会社", "合同会社", "有限会社", "任意団体",
    "(認定特定非営利活動法人)", "(特定非営利活動法人)", "(認定特非)", "(特非)", "(npo)",
    "(一社)", "(一財)", "(公社)", "(公財)", "(社福)", "(医)", "(学)", "(株)", "(有)",
    "(同)", "(任意団体)"};

static bool strip_edge_punct(char *s)
{
    static const char *const punct[] = {"・", "-", "_", ":", "/", "|"};
    bool changed = false;
    for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++) {
        size_t k = strlen(punct[i]), n = strlen(s);
        if (n >= k && memcmp(s, punct[i], k) == 0) {
            memmove(s, s + k, n - k + 1);
            changed = true;
            n -= k;
        }
        if (n >= k && memcmp(s + n - k, punct[i], k) == 0) {
            s[n - k] = '\0';
            changed = true;
        }
    }
    return changed;
}

static bool strip_legal_form(char *s)
{
    bool changed = false;
    for (size_t i = 0; i < sizeof legal_forms / sizeof legal_forms[0]; i++) {
        size_t k = strlen(legal_forms[i]), n = strlen(s);
        if (n >= k && memcmp(s, legal_forms[i], k) == 0) {
            memmove(s, s + k, n - k + 1);
            changed = true;
            n -= k;
        }
        if (n >= k && memcmp(s + n - k, legal_forms[i], k) == 0) {
            s[n - k] = '\0';
            changed = true;
        }
    }
    return changed;
}

static void core_of_key(char *key)
{
    while (strip_legal_form(key) || strip_edge_punct(key))
        ;
}

char *nps_mask_org_core(const char *name)
{
    char *key = name ? name_key(name) : NULL;
    if (key)
        core_of_key(key);
    return key;
}

/* Append a key (taking ownership) without sorting. */
static nps_error masker_append(nps_masker *m, char *key, nps_mask_kind kind)
{
    if (!usable_key(key)) {
        free(key);
        return NPS_OK;
    }
    if (grow((void **)&m->names, &m->cap, m->n + 1, sizeof(name_entry)) != 0) {
        free(key);
        return NPS_ERR_NOMEM;
    }
    m->names[m->n++] = (name_entry){key, strlen(key), kind, m->seq++};
    return NPS_OK;
}

static nps_error masker_add_unsorted(nps_masker *m, nps_mask_kind kind, const char *name)
{
    nps_error err = NPS_OK;
    char *key = NULL, *core = NULL;
    if (!name || !*name)
        goto cleanup;
    if (kind != NPS_MASK_NAME && kind != NPS_MASK_ORGANISATION) {
        err = NPS_ERR_USAGE;
        goto cleanup;
    }
    if (!(key = name_key(name))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    if (kind == NPS_MASK_ORGANISATION) {
        if (!(core = nps_strdup(key))) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
        core_of_key(core);
        if (strcmp(core, key) != 0) {
            err = masker_append(m, core, kind);
            core = NULL;
            if (err != NPS_OK)
                goto cleanup;
        }
    }
    err = masker_append(m, key, kind);
    key = NULL;
cleanup:
    free(key);
    free(core);
    return err;
}

/* Sort and drop duplicate keys (the earliest added wins). */
static void masker_finish(nps_masker *m)
{
    if (m->n < 2)
        return;
    qsort(m->names, m->n, sizeof(name_entry), name_cmp);
    size_t out = 1;
    for (size_t i = 1; i < m->n; i++) {
        name_entry *prev = &m->names[out - 1];
        if (m->names[i].len == prev->len && memcmp(m->names[i].key, prev->key, prev->len) == 0)
            free(m->names[i].key);
        else
            m->names[out++] = m->names[i];
    }
    m->n = out;
}

nps_error nps_masker_add_name(nps_masker *m, nps_mask_kind kind, const char *name)
{
    nps_error err = masker_add_unsorted(m, kind, name);
    masker_finish(m);
    return err;
}

static nps_error masker_add_field(nps_masker *m, const nps_dataset *d, nps_personal personal,
                                  nps_mask_kind kind)
{
    const nps_field *f = nps_questionnaire_personal_field(nps_dataset_questionnaire(d), personal);
    if (!f)
        return NPS_OK;
    for (size_t row = 0; row < nps_dataset_count(d); row++) {
        nps_error err = masker_add_unsorted(m, kind, nps_dataset_text(d, row, f));
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

nps_error nps_masker_new(const nps_dataset *d, nps_masker **out)
{
    nps_error err = NPS_OK;
    nps_masker *m = nps_calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return NPS_ERR_NOMEM;
    if (d) {
        if ((err = masker_add_field(m, d, NPS_PERSONAL_NAME, NPS_MASK_NAME)) != NPS_OK)
            goto cleanup;
        if ((err = masker_add_field(m, d, NPS_PERSONAL_ORGANISATION, NPS_MASK_ORGANISATION)) !=
            NPS_OK)
            goto cleanup;
    }
    masker_finish(m);
    *out = m;
    m = NULL;
cleanup:
    nps_masker_free(m);
    return err;
}

size_t nps_masker_name_count(const nps_masker *m)
{
    return m ? m->n : 0;
}

void nps_masker_free(nps_masker *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->names[i].key);
    free(m->names);
    free(m);
}
