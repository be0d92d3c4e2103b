/*
 * mask_patterns.c — the masker's rules for personal data with a shape:
 * URLs with a scheme or www. (a scheme's host may have non-ASCII labels:
 * https://こども食堂いわない.jp; bare domains: mask_contacts.c), Japanese
 * phone numbers (and +81), postal codes (〒064-0808, 064-0808, 0640808) and
 * bank account numbers after 普通/当座/口座 (普通 1234567) and Japan Post
 * Bank numbers (ゆうちょ 10180-28374651, 振替 00120-3-456789), and the
 * account holder in katakana right after such a number (→ ［氏名］).
 * Each rule scans the NFKC view v1 of a chunk (mask.c) and takes every match
 * as a span with nps_mask_take; a match overlapping an earlier span is
 * dropped, so the order in mask_text.c decides. The exact rules are
 * in docs/analysis.md. No allocation here beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define PHONE_MAX_GROUPS 8

#define is_digit nps_mask_is_digit
#define is_alnum nps_mask_is_alnum

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

bool nps_mask_prefix_ci(const char *s, size_t n, const char *p)
{
    /* no strlen(p): most calls fail on the first byte */
    for (size_t i = 0; p[i]; i++) {
        unsigned char c;
        if (i >= n)
            return false;
        c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)p[i])
            return false;
    }
    return true;
}


/* ---- URL ---------------------------------------------------------------- */

static bool url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c);
}

/* Bytes of a code point at s[q] that may stand in an internationalised
 * host name (こども食堂いわない.jp): not ASCII, not a space, bracket or
 * punctuation mark (U+2000–U+206F, U+3000–U+303F, U+FF00–U+FFEF). 0: none. */
static size_t idn_char(const char *s, size_t n, size_t q)
{
    const unsigned char *u = (const unsigned char *)s + q;
    size_t len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
    if (!len || n - q < len)
        return 0;
    if (len == 3 && ((u[0] == 0xE2 && u[1] <= 0x81) || (u[0] == 0xE3 && u[1] == 0x80) ||
                     (u[0] == 0xEF && u[1] >= 0xBC)))
        return 0;
    return len;
}

/* A host with non-ASCII labels at s[p]: labels of letters, digits, dashes
 * and idn_char, joined by dots, ending in a dot and an ASCII top-level
 * domain of 2+ letters. Its end (just after the TLD), or 0. */
static size_t idn_host_at(const char *s, size_t n, size_t p)
{
    size_t q = p, end = 0;
    bool wide = false, dot = false;
    while (q < n) {
        size_t k = dot ? 0 : idn_char(s, n, q); /* wide labels only before the first dot */
        if (k) {
            wide = true;
            q += k;
        } else if (is_alnum((unsigned char)s[q]) || s[q] == '-') {
            q++;
        } else if (s[q] == '.' && q > p && q + 1 < n) {
            size_t t = q + 1;
            while (t < n && ((s[t] >= 'a' && s[t] <= 'z') || (s[t] >= 'A' && s[t] <= 'Z')))
                t++;
            if (t - q - 1 >= 2 && (t >= n || !is_alnum((unsigned char)s[t])) &&
                (t >= n || s[t] != '-'))
                end = t;
            dot = true;
            q++;
        } else {
            break;
        }
    }
    return wide ? end : 0;
}

static size_t url_at(const char *s, size_t n, size_t i)
{
    size_t p;
    char c = s[i];
    if ((c != 'h' && c != 'H' && c != 'w' && c != 'W') || (i > 0 && is_alnum((unsigned char)s[i - 1])))
        return 0;
    if (nps_mask_prefix_ci(s + i, n - i, "https://"))
        p = i + 8;
    else if (nps_mask_prefix_ci(s + i, n - i, "http://"))
        p = i + 7;
    else if (nps_mask_prefix_ci(s + i, n - i, "www.") &&
             (i == 0 || !strchr("./@", s[i - 1])))
        p = i + 4;
    else
        return 0;
    size_t q = p, idn = p - i >= 7 ? idn_host_at(s, n, p) : 0;
    if (idn)
        q = idn; /* https://こども食堂いわない.jp: the host whole, then its ASCII path */
    while (q < n && url_char((unsigned char)s[q]))
        q++;
    bool has_open = memchr(s + i, '(', q - i) != NULL;
    while (q > p && (strchr(".,;:!?'\"]", s[q - 1]) || (s[q - 1] == ')' && !has_open)))
        q--;
    return q > p ? q : 0;
}

int nps_mask_rule_url(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = url_at(s, n, i);
        if (end) {
            if (nps_mask_take(w, &w->v1, i, end, NPS_MASK_URL) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- phone numbers ------------------------------------------------------ */

/* A separator run between digit groups: up to 4 characters of space, tab,
 * parentheses and at most one dash or dot. Returns its byte length (0: none). */
static size_t phone_sep(const char *s, size_t n, size_t i)
{
    size_t p = i, d;
    int chars = 0, dashes = 0;
    while (p < n && chars < 4) {
        if (s[p] == ' ' || s[p] == '\t' || s[p] == '(' || s[p] == ')') {
            p++;
        } else if (s[p] == '.' && dashes == 0) {
            dashes++;
            p++;
        } else if ((d = dash_at(s, n, p)) != 0 && dashes == 0) {
            dashes++;
            p += d;
        } else if (n - p >= 3 && (memcmp(s + p, "の", 3) == 0 || memcmp(s + p, "・", 3) == 0) &&
                   dashes == 0) {
            dashes++; /* 011の234の5689: read aloud */
            p += 3;
        } else {
            break;
        }
        chars++;
    }
    return p - i;
}

typedef struct phone_groups {
    size_t start[PHONE_MAX_GROUPS], end[PHONE_MAX_GROUPS], len[PHONE_MAX_GROUPS];
    size_t k;
} phone_groups;

/* Bytes of a digit at s[p] (0: none): ASCII (full-width digits are ASCII
 * in v1) or a kanji numeral 〇 一 二 … 九 (〇一一-二三四-五六七八); *value is
 * its value. */
static size_t phone_digit(const char *s, size_t n, size_t p, int *value)
{
    static const char *const kanji[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (p < n && is_digit((unsigned char)s[p])) {
        *value = s[p] - '0';
        return 1;
    }
    for (int k = 0; k < 10 && n - p >= 3 && p < n; k++)
        if (memcmp(s + p, kanji[k], 3) == 0) {
            *value = k;
            return 3;
        }
    return 0;
}

static size_t phone_digit_at(const char *s, size_t n, size_t p)
{
    int v;
    return phone_digit(s, n, p, &v);
}

/* A group of digits at s[p]: its end; *digits counts them. Single digits
 * with one space between them are one group ("0 1 1 - 2 3 4 …"). */
static size_t phone_group(const char *s, size_t n, size_t p, size_t *digits)
{
    size_t q = p, d;
    *digits = 0;
    while ((d = phone_digit_at(s, n, q)) != 0) {
        q += d;
        ++*digits;
    }
    if (*digits != 1)
        return q;
    while (q + 1 < n && s[q] == ' ' && (d = phone_digit_at(s, n, q + 1)) != 0 &&
           !phone_digit_at(s, n, q + 1 + d)) {
        q += 1 + d;
        ++*digits;
    }
    return q;
}

/* Are the first kk groups a whole phone number? Domestic: starts with 0,
 * 10 or 11 digits, either one run or 2–4 groups (first 2–5 digits, middle
 * 1–4, last 3–4). International (+81): 9 or 10 national digits (a trunk
 * "0" as in +81(0)11… not counted). */
static bool phone_valid(const char *s, size_t n, const phone_groups *g, size_t kk, bool intl)
{
    size_t digits = 0;
    int first = -1;
    for (size_t j = 0; j < kk; j++)
        digits += g->len[j];
    phone_digit(s, n, g->start[0], &first);
    bool shape = kk == 1 ||
                 (kk <= 4 && g->len[kk - 1] >= 3 && g->len[kk - 1] <= 4 && g->len[0] <= 5);
    for (size_t j = 1; shape && j + 1 < kk; j++)
        shape = g->len[j] <= 4;
    if (intl) {
        size_t national = digits - (first == 0 ? 1 : 0);
        return shape && national >= 9 && national <= 10;
    }
    if (first != 0 || (digits != 10 && digits != 11))
        return false;
    if (kk == 2 && digits == 11 && g->len[0] <= 7 && g->len[1] >= 4)
        return true; /* a mobile number cut once anywhere: 0901122 1214 */
    return shape && (kk == 1 || g->len[0] >= 2);
}

/* A phone number starting at s[i] (its end, or 0); *start is i, or i+1
 * when an opening parenthesis does not close after the area code, as in
 * "(011-200-0973)". */
static size_t phone_at(const char *s, size_t n, size_t i, size_t *start)
{
    size_t p = i;
    bool intl = false;
    int v = -1;
    phone_groups g = {{0}, {0}, {0}, 0};
    if (i > 0 && (is_digit((unsigned char)s[i - 1]) || (i >= 3 && phone_digit_at(s, n, i - 3) == 3)))
        return 0;
    if (s[p] == '+') {
        if (n - p < 3 || s[p + 1] != '8' || s[p + 2] != '1')
            return 0;
        intl = true;
        p += 3;
        p += phone_sep(s, n, p);
    } else if (s[p] == '(') {
        p++;
    } else if (!phone_digit(s, n, p, &v) || v != 0) {
        return 0;
    }
    while (g.k < PHONE_MAX_GROUPS && p < n && phone_digit_at(s, n, p)) {
        g.start[g.k] = p;
        p = phone_group(s, n, p, &g.len[g.k]);
        g.end[g.k] = p;
        g.k++;
        size_t sl = phone_sep(s, n, p);
        if (sl == 0 || p + sl >= n || !phone_digit_at(s, n, p + sl))
            break;
        p += sl;
    }
    for (size_t kk = g.k; kk >= 1; kk--) {
        if (!phone_valid(s, n, &g, kk, intl))
            continue;
        *start = i;
        if (s[i] == '(' && (kk == 1 || !memchr(s + g.start[0], ')', g.start[1] - g.start[0])))
            *start = i + 1;
        return g.end[kk - 1];
    }
    return 0;
}

int nps_mask_rule_phone(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t start = i, end = phone_at(s, n, i, &start);
        if (end) {
            if (nps_mask_take(w, &w->v1, start, end, NPS_MASK_PHONE) < 0)
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

/* Does s[0..i) end with a postal label (郵便番号, 郵便, 〠, ZIP, postal
 * code), then at most 4 bytes of spaces and colons? */
static bool postal_label_before(const char *s, size_t i)
{
    static const char *const labels[] = {"郵便番号", "郵便", "\xE3\x80\xA0", "zip", "postal code",
                                         "postcode", "〒"};
    size_t e = i;
    while (e > 0 && i - e < 4 && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '\t'))
        e--;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        size_t l = strlen(labels[k]);
        if (e >= l && nps_mask_prefix_ci(s + e - l, l, labels[k]))
            return true;
    }
    return false;
}

/* Is a place name (a run of kanji or kana holding 都 道 府 県 市 区 町 村 郡
 * within its first 8 characters) at s[p], after optional spaces? */
static bool place_follows(const char *s, size_t n, size_t p)
{
    static const char *const anchors[] = {"都", "道", "府", "県", "市", "区", "町", "村", "郡"};
    while (p < n && s[p] == ' ')
        p++;
    for (int c = 0; c < 8 && p + 3 <= n && ((unsigned char)s[p] & 0xF0) == 0xE0; c++, p += 3)
        for (size_t k = 0; k < sizeof anchors / sizeof anchors[0]; k++)
            if (memcmp(s + p, anchors[k], 3) == 0)
                return true;
    return false;
}

/* 〒 + 3 digits, dash, 4 digits (or 7 digits, or 3 space 4, after 〒 or a
 * label such as 郵便番号:, which stays outside the span; after 〒 also a dash
 * with a space on each side; 3 space 4 also
 * before a place name); without a mark
 * the code must stand alone: no digit, dash or decimal point before it,
 * and no digit, dash-digit or unit after it; 7 digits without a mark only
 * when they start with 0 or a place name follows (0600001, 1000001 東京都). */
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
    } else {
        mark = postal_label_before(s, i);
    }
    size_t run = digits_at(s, n, p);
    if (run == 7 && (mark || s[p] == '0' || place_follows(s, n, p + 7))) {
        p += 7;
    } else if (run == 3 && (d = dash_at(s, n, p + 3)) != 0 && digits_at(s, n, p + 3 + d) == 4) {
        p += 3 + d + 4;
    } else if (run == 3 && p + 4 < n && s[p + 3] == ' ' && digits_at(s, n, p + 4) == 4 &&
               (mark || place_follows(s, n, p + 8))) {
        p += 8;
    } else if (run == 3 && mark && p + 5 < n && s[p + 3] == ' ' && (d = dash_at(s, n, p + 4)) != 0 &&
               p + 4 + d < n && s[p + 4 + d] == ' ' && digits_at(s, n, p + 5 + d) == 4) {
        p += 5 + d + 4; /* 〒 453 - 0801: spaces around the dash after 〒 */
    } else {
        return 0;
    }
    if ((d = dash_at(s, n, p)) != 0 && p + d < n && is_digit((unsigned char)s[p + d]))
        return 0;
    if (!mark && unit_follows(s, n, p))
        return 0;
    return p;
}

int nps_mask_rule_postal(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = postal_at(s, n, i);
        if (end) {
            if (nps_mask_take(w, &w->v1, i, end, NPS_MASK_POSTAL) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- bank accounts ------------------------------------------------------ */

/* After 普通 当座 貯蓄 口座番号 口座 (then 預金, spaces, :, No.), an account
 * number of 6–8 digits standing alone: 普通 7654321 → 普通 ［口座番号］. */
static size_t account_at(const char *s, size_t n, size_t i)
{
    static const char *const labels[] = {"普通", "当座", "貯蓄", "口座番号", "口座"};
    size_t p = i;
    bool label = false;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0] && !label; k++)
        if (n - i >= strlen(labels[k]) && memcmp(s + i, labels[k], strlen(labels[k])) == 0) {
            p = i + strlen(labels[k]);
            label = true;
        }
    if (!label)
        return 0;
    if (n - p >= 6 && memcmp(s + p, "預金", 6) == 0)
        p += 6;
    while (p < n && (s[p] == ' ' || s[p] == ':' || s[p] == '.' || s[p] == 'N' || s[p] == 'o' ||
                     s[p] == ')'))
        p++; /* （普通）3456789 */
    size_t run = digits_at(s, n, p);
    return run >= 6 && run <= 8 ? p : 0;
}

static bool katakana_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    unsigned c;
    if (n - p < 3 || u[0] != 0xE3)
        return false;
    c = (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
    return (c >= 0x30A1 - 0x3000 && c <= 0x30FC - 0x3000);
}

/* The account holder in katakana right after the number (spaces first):
 * katakana words joined by ( ) ・ or single spaces, 2 or more katakana in
 * all — トクヒ)ヒダマリノイエ, カ)ミナト ショウジ. Its start in *a and its end,
 * or *a itself when there is none. */
static size_t holder_after(const char *s, size_t n, size_t p, size_t *a)
{
    size_t q, kana = 0, end;
    while (p < n && s[p] == ' ')
        p++;
    *a = q = end = p;
    while (q < n && kana < 40) {
        if (katakana_at(s, n, q)) {
            q += 3;
            kana++;
            end = q;
        } else if ((s[q] == '(' || s[q] == ')') && q + 1 < n) {
            q++;
            end = s[q - 1] == ')' ? q : end;
        } else if (s[q] == ' ' && katakana_at(s, n, q + 1)) {
            q++;
        } else {
            break;
        }
    }
    return kana >= 2 ? end : p;
}

/* A Japan Post Bank number at s[p]: 5 digits, -, 1–8 digits, maybe -
 * and 1–8 digits more (記号番号 10180-28374651, 振替 00120-3-456789).
 * Its end, or p. */
static size_t post_bank_chain(const char *s, size_t n, size_t p)
{
    size_t q = p + digits_at(s, n, p), groups = 0;
    if (q - p != 5)
        return p;
    while (q + 1 < n && s[q] == '-' && groups < 2) {
        size_t r = digits_at(s, n, q + 1);
        if (r < 1 || r > 8)
            break;
        q += 1 + r;
        groups++;
    }
    return groups ? q : p;
}

/* Is a word of Japan Post Bank within 30 bytes before s[p] (ゆうちょ,
 * 郵便振替, 振替口座, 記号)? */
static bool post_bank_label_before(const char *s, size_t p)
{
    static const char *const labels[] = {"ゆうちょ", "振替", "記号", "郵便貯金"};
    size_t from = p > 30 ? p - 30 : 0;
    for (size_t q = from; q < p; q++)
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
            if (p - q >= strlen(labels[k]) && memcmp(s + q, labels[k], strlen(labels[k])) == 0)
                return true;
    return false;
}

/* 記号 and 5 digits, then 番号 and 1–8 digits (spaces and : allowed),
 * at s[p] = the 記号's first digit: the end of the 番号's digits (its start
 * in *b), or p. */
static size_t post_bank_labelled(const char *s, size_t n, size_t p, size_t *b)
{
    size_t q = p + digits_at(s, n, p);
    if (q - p != 5 || p < 6 || memcmp(s + p - 6, "記号", 6) != 0)
        return p;
    while (q < n && s[q] == ' ')
        q++;
    if (n - q < 6 || memcmp(s + q, "番号", 6) != 0)
        return p;
    q += 6;
    while (q < n && (s[q] == ' ' || s[q] == ':'))
        q++;
    size_t r = digits_at(s, n, q);
    if (r < 1 || r > 8)
        return p;
    *b = q;
    return q + r;
}

/* Japan Post Bank numbers: the chain after a label, or the shape of a
 * 記号 alone (5 digits 1…0, -, 6–8 digits); 記号12340 番号5678123 (both). */
static int post_bank_accounts(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n; i++) {
        if (!nps_mask_is_digit((unsigned char)s[i]) ||
            (i > 0 && (nps_mask_is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '-')))
            continue;
        size_t b = i, e2 = post_bank_labelled(s, n, i, &b);
        if (e2 > i) {
            if (nps_mask_take(w, &w->v1, i, i + 5, NPS_MASK_ACCOUNT) < 0 ||
                nps_mask_take(w, &w->v1, b, e2, NPS_MASK_ACCOUNT) < 0)
                return -1;
            i = e2;
            continue;
        }
        size_t e = post_bank_chain(s, n, i);
        if (e == i || (e < n && (nps_mask_is_alnum((unsigned char)s[e]) || s[e] == '-')))
            continue;
        bool shape = s[i] == '1' && s[i + 4] == '0' && e - i - 6 >= 6 && e - i - 6 <= 8 &&
                     !memchr(s + i + 6, '-', e - i - 6);
        if ((shape || post_bank_label_before(s, i)) &&
            nps_mask_take(w, &w->v1, i, e, NPS_MASK_ACCOUNT) < 0)
            return -1;
        i = e;
    }
    return 0;
}

int nps_mask_rule_account(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t start = ((unsigned char)s[i] == 0xE5 || (unsigned char)s[i] == 0xE6 ||
                        (unsigned char)s[i] == 0xE8) ? account_at(s, n, i) : 0;
        if (start) {
            size_t end = start + digits_at(s, n, start), h, he = holder_after(s, n, end, &h);
            if (nps_mask_take(w, &w->v1, start, end, NPS_MASK_ACCOUNT) < 0 ||
                (he > h && nps_mask_take(w, &w->v1, h, he, NPS_MASK_NAME) < 0))
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return post_bank_accounts(w);
}
