/*
 * commentary_text.c — the pieces every commentary rule is made of: the
 * sentence builder's quoting, the seed's wording of an amount (約3割, 約1/4, 13.8% …), the
 * display form of labels, lists of quoted labels, the 「…を除くと、」 clause
 * and the ranked top / runner-up sentence. Rules in docs/commentary.md.
 *
 * Invariants: amounts are decided in exact integer arithmetic on count and
 * base (no floating-point boundary effects); only the printed percent goes
 * through nps_round1, the same rounding as every table. The windows of the
 * approximate wordings do not overlap, so no wording depends on the order
 * in which they are tried. Labels are never copied: a display form is a
 * byte range of the questionnaire's label.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/format.h"
#include "present/commentary_internal.h"

/* ---- quoting ------------------------------------------------------------- */

void nps_cm_sb_quote(nps_strbuf *sb, const char *s, size_t n)
{
    static const char open[] = "「", close[] = "」";
    static const char open2[] = "『", close2[] = "』";
    const size_t q = sizeof open - 1; /* 3 bytes each */
    nps_strbuf_add(sb, open);
    size_t start = 0;
    for (size_t i = 0; i + q <= n;) {
        const char *rep = NULL;
        if (memcmp(s + i, open, q) == 0)
            rep = open2;
        else if (memcmp(s + i, close, q) == 0)
            rep = close2;
        if (!rep) {
            i++;
            continue;
        }
        nps_strbuf_addn(sb, s + start, i - start);
        nps_strbuf_add(sb, rep);
        i += q;
        start = i;
    }
    nps_strbuf_addn(sb, s + start, n - start);
    nps_strbuf_add(sb, close);
}

/* ---- amounts -------------------------------------------------------------- */

/* The interval rule (docs/commentary.md §6): whether two shares a/n and b/n
 * of one sample differ beyond the 95% interval of their difference. */
#define Z95 1.959963984540054

bool nps_cm_differ(long a, long b, long n)
{
    double p1, p2, d, var;
    if (n <= 0 || a == b)
        return false;
    p1 = (double)a / (double)n;
    p2 = (double)b / (double)n;
    d = p1 - p2;
    var = (p1 + p2 - d * d) / (double)n; /* two shares of one sample */
    return var <= 0.0 ? true : fabs(d) > Z95 * sqrt(var);
}

void nps_cm_percent(long count, long base, char out[NPS_CM_WORD])
{
    nps_format_percent(count > 0 ? nps_percent_of(count, base) : 0.0, out, NPS_CM_WORD);
}

/* |num| ≤ bound, for num = a − b in long long. */
static bool within(long long a, long long b, long long bound)
{
    long long d = a > b ? a - b : b - a;
    return d <= bound;
}

/* Exact round shares: k割 (one half is 5割: one style for every round share). */
static bool amount_exact(long long c, long long b, char out[NPS_CM_WORD])
{
    for (int k = 1; k <= 9; k++) {
        if (100 * c == 10LL * k * b) {
            snprintf(out, NPS_CM_WORD, "%d割", k);
            return true;
        }
    }
    return false;
}

/* Approximate shares: within ±min(k, 10−k, 3) points of k×10%. */
static bool amount_near(long long c, long long b, char out[NPS_CM_WORD])
{
    for (int k = 1; k <= 9; k++) {
        long long w = k < 10 - k ? k : 10 - k;
        if (w > 3)
            w = 3;
        /* |p − 10k| ≤ w  ⇔  |100c − 10k·b| ≤ w·b */
        if (within(100 * c, 10LL * k * b, w * b)) {
            snprintf(out, NPS_CM_WORD, "約%d割", k);
            return true;
        }
    }
    return false;
}

void nps_cm_amount(long count, long base, char out[NPS_CM_WORD])
{
    if (base <= 0 || count <= 0 || count >= base) {
        nps_cm_percent(count, base, out);
        return;
    }
    long long c = count, b = base;
    if (amount_exact(c, b, out) || amount_near(c, b, out))
        return;
    nps_cm_percent(count, base, out);
}

char *nps_commentary_amount(long count, long base)
{
    char w[NPS_CM_WORD];
    nps_cm_amount(count, base, w);
    return nps_strdup(w);
}

void nps_cm_wordings(const long *counts, const bool *exact, size_t n, long base,
                     char out[][NPS_CM_WORD])
{
    bool clash = false, shares = false, percents = false;
    for (size_t i = 0; i < n; i++) {
        if (exact && exact[i])
            nps_cm_percent(counts[i], base, out[i]);
        else
            nps_cm_amount(counts[i], base, out[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(out[i], out[j]) == 0)
                clash = true;
        if (strstr(out[i], "%"))
            percents = true;
        else
            shares = true;
    }
    if (clash || (shares && percents)) /* one number style per sentence */
        for (size_t i = 0; i < n; i++)
            nps_cm_percent(counts[i], base, out[i]);
}

/* ---- tidying a finished sentence ------------------------------------------ */

/* Byte length of the parenthetical （…） starting at s when it holds the
 * form's placeholder 〇 (「広さ（〇㎡、〇坪など）」), else 0. */
static size_t placeholder_group(const char *s)
{
    const char *open = "（", *close = "）", *mark = "〇";
    if (strncmp(s, open, strlen(open)) != 0)
        return 0;
    const char *end = strstr(s, close);
    const char *m = strstr(s, mark);
    const char *nested = strstr(s + strlen(open), open);
    if (!end || !m || m > end || (nested && nested < end))
        return 0;
    return (size_t)(end - s) + strlen(close);
}

void nps_cm_tidy(char *s)
{
    char *w = s;
    if (!s)
        return;
    for (const char *p = s; *p;) {
        const unsigned char *u = (const unsigned char *)p;
        size_t skip;
        if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) { /* ０–９ */
            *w++ = (char)('0' + (u[2] - 0x90));
            p += 3;
        } else if ((skip = placeholder_group(p)) > 0) {
            p += skip;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
}

/* ---- labels --------------------------------------------------------------- */

size_t nps_cm_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* Trailing white space (ASCII, U+3000) and 。 removed. */
static size_t trim_end(const char *s, size_t n)
{
    for (;;) {
        if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        else if (ends_with(s, n, "\u3000") || ends_with(s, n, "。"))
            n -= 3;
        else
            return n;
    }
}

/* Byte offset of the opener matching the closer that ends s[0..n), or n
 * when s does not end in a closer or the parentheses do not balance.
 * （ and ( open, ） and ) close, nested. (Valid UTF-8 is self-synchronising,
 * so a 3-byte match ending at i is a whole character.) */
static size_t trailing_paren(const char *s, size_t n)
{
    if (!ends_with(s, n, "）") && !ends_with(s, n, ")"))
        return n;
    int depth = 0;
    for (size_t i = n; i > 0;) {
        int kind = 0; /* +1 closer, -1 opener */
        bool wide = ends_with(s, i, "）") || ends_with(s, i, "（");
        if (ends_with(s, i, "）") || (!wide && s[i - 1] == ')'))
            kind = 1;
        else if (ends_with(s, i, "（") || (!wide && s[i - 1] == '('))
            kind = -1;
        i -= wide ? 3 : 1;
        depth += kind;
        if (kind < 0 && depth == 0)
            return i;
    }
    return n;
}

/* Stage A: the label without trailing space or 。, and for a none-applies
 * option without everything up to 上記に (「…」を対象とした上記に当てはまる
 * 事業はない → 当てはまる事業はない). */
static void label_base(const char *label, bool exclusive, const char **s, size_t *n)
{
    *s = label;
    *n = trim_end(label, strlen(label));
    if (exclusive) {
        const char *k = strstr(label, "上記に");
        if (k && (size_t)(k - label) + strlen("上記に") < *n) {
            size_t skip = (size_t)(k - label) + strlen("上記に");
            *s = label + skip;
            *n -= skip;
        }
    }
}

/* Stage B: stage A without a trailing parenthetical when at least four
 * characters remain. */
static void label_cut(const char *label, bool exclusive, const char **s, size_t *n)
{
    label_base(label, exclusive, s, n);
    size_t p = trailing_paren(*s, *n);
    size_t keep = trim_end(*s, p);
    if (p < *n && nps_cm_chars(*s, keep) >= 4)
        *n = keep;
}

typedef const char *(*peer_fn)(const void *ctx, size_t i, bool *exclusive);

/* The display form of peer `self`: stage B when no other peer has the same
 * stage-B form, else stage A. */
static void display_label(peer_fn peer, const void *ctx, size_t n_peers, size_t self,
                          const char **s, size_t *n)
{
    bool ex = false;
    const char *label = peer(ctx, self, &ex);
    label_cut(label, ex, s, n);
    for (size_t i = 0; i < n_peers; i++) {
        if (i == self)
            continue;
        bool ex2 = false;
        const char *s2;
        size_t n2;
        label_cut(peer(ctx, i, &ex2), ex2, &s2, &n2);
        if (n2 == *n && memcmp(s2, *s, *n) == 0) {
            label_base(label, ex, s, n);
            return;
        }
    }
}

static const char *option_peer(const void *ctx, size_t i, bool *exclusive)
{
    const nps_list *list = ctx;
    *exclusive = list->options[i].role == NPS_OPTION_EXCLUSIVE;
    return list->options[i].label;
}

static const char *field_peer(const void *ctx, size_t i, bool *exclusive)
{
    const nps_question *qu = ctx;
    *exclusive = false;
    return qu->fields[i]->label;
}

void nps_cm_option_label(const nps_list *list, size_t index, const char **s, size_t *n)
{
    display_label(option_peer, list, list->n_options, index, s, n);
}

void nps_cm_field_label(const nps_question *qu, size_t index, const char **s, size_t *n)
{
    display_label(field_peer, qu, qu->n_fields, index, s, n);
}

static const char *title_of(const nps_question *qu)
{
    return (qu->title && *qu->title) ? qu->title : qu->label;
}

static const char *question_peer(const void *ctx, size_t i, bool *exclusive)
{
    *exclusive = false;
    return title_of(nps_questionnaire_question_at(ctx, i));
}

void nps_cm_title(const nps_questionnaire *q, const nps_question *qu, const char **s, size_t *n)
{
    size_t count = nps_questionnaire_question_count(q), self = count;
    for (size_t i = 0; i < count; i++)
        if (nps_questionnaire_question_at(q, i) == qu)
            self = i;
    if (self == count) { /* not of q: no peers to compare with */
        label_cut(title_of(qu), false, s, n);
        return;
    }
    display_label(question_peer, q, count, self, s, n);
}

/* ---- items and sentence pieces ------------------------------------------- */

long nps_cm_max_below(const nps_cm_item *items, size_t n, long limit)
{
    long best = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].count < limit && items[i].count > best)
            best = items[i].count;
    return best;
}

size_t nps_cm_collect(const nps_cm_item *items, size_t n, long count, const nps_cm_item **out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].count == count)
            out[k++] = &items[i];
    return k;
}

static void sb_item(nps_strbuf *sb, const nps_cm_item *it)
{
    if (it->bare)
        nps_strbuf_addn(sb, it->label, it->len);
    else
        nps_cm_sb_quote(sb, it->label, it->len);
}

void nps_cm_sb_items(nps_strbuf *sb, const nps_cm_item *const *items, size_t n, size_t cap)
{
    bool capped = cap > 0 && n > cap;
    size_t shown = capped ? cap : n;
    for (size_t i = 0; i < shown; i++) {
        if (i > 0)
            nps_strbuf_add(sb, (!capped && i == shown - 1) ? "と" : "、");
        sb_item(sb, items[i]);
    }
    if (capped)
        nps_strbuf_addf(sb, "など%zu項目", n);
}

bool nps_cm_sb_excluding(nps_strbuf *sb, const nps_cm_item *ex, size_t n_ex, long threshold)
{
    size_t k = 0, written = 0;
    for (size_t i = 0; i < n_ex; i++)
        if (ex[i].count > 0 && ex[i].count >= threshold)
            k++;
    if (k == 0)
        return false;
    for (size_t i = 0; i < n_ex; i++) {
        if (!(ex[i].count > 0 && ex[i].count >= threshold))
            continue;
        if (written > 0)
            nps_strbuf_add(sb, written == k - 1 ? "と" : "、");
        sb_item(sb, &ex[i]);
        written++;
    }
    nps_strbuf_add(sb, "を除くと、");
    return true;
}

/* 「A」が / 「A」と「B」が共に / 「A」、「B」、「C」など4項目が共に */
static void sb_group_subject(nps_strbuf *sb, const nps_cm_item *const *g, size_t n)
{
    nps_cm_sb_items(sb, g, n, 3);
    nps_strbuf_add(sb, n > 1 ? "が共に" : "が");
}

nps_error nps_cm_ranked(nps_strbuf *sb, const nps_cm_item *items, size_t n,
                        const nps_cm_item *ex, size_t n_ex, long base, const char *lead)
{
    nps_error err = NPS_OK;
    const nps_cm_item **top = nps_calloc(n ? n : 1, sizeof *top);
    const nps_cm_item **next = nps_calloc(n ? n : 1, sizeof *next);
    if (!top || !next) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    long c1 = nps_cm_max_below(items, n, LONG_MAX);
    long c2 = c1 > 0 ? nps_cm_max_below(items, n, c1) : 0;
    size_t n1 = nps_cm_collect(items, n, c1, top);
    size_t n2 = c2 > 0 ? nps_cm_collect(items, n, c2, next) : 0;
    long counts[2] = {c1, c2};
    bool exact[2] = {n1 > 1, n2 > 1};
    char w[2][NPS_CM_WORD];
    nps_cm_wordings(counts, exact, n2 ? 2 : 1, base, w);

    nps_cm_sb_excluding(sb, ex, n_ex, n2 ? c2 : c1);
    nps_strbuf_add(sb, lead);
    if (n2 == 0 && n1 == 1) {
        nps_strbuf_add(sb, "回答があったのは");
        nps_cm_sb_items(sb, top, 1, 0);
        nps_strbuf_addf(sb, "のみで、%sとなっている。", w[0]);
        goto cleanup;
    }
    sb_group_subject(sb, top, n1);
    if (n2 == 0) {
        nps_strbuf_addf(sb, "%sと最も多い。", w[0]);
        goto cleanup;
    }
    nps_strbuf_addf(sb, "%sと最も多く、次いで", w[0]);
    sb_group_subject(sb, next, n2);
    /* The interval rule (docs/commentary.md §6): an order inside the 95%
     * interval is reported as observed and said to be no ranking. */
    if (nps_cm_differ(c1, c2, base))
        nps_strbuf_addf(sb, "%sとなっている。", w[1]);
    else
        nps_strbuf_addf(sb, "%sとなっている（差は誤差の範囲内）。", w[1]);

cleanup:
    nps_free(top);
    nps_free(next);
    return err;
}
