/*
 * mask_ids.c — the masker's rules for numbers that identify a person:
 * an id after a label ending in 番号 or 記号, or マイナンバー / ID
 * (会員番号 A-20931, 記号14070 番号28816391, マイナンバー 4410 2286 9371),
 * a bare 12-digit number (a My Number, 4-4-4 groups or not), and a date of
 * birth: a date followed by 生まれ / 生 / 産まれ, or after 生年月日 /
 * 誕生日 (平成21年4月17日生まれ, 生年月日: 2009/4/17, H21.4.17生).
 * Like mask_patterns.c each rule scans the NFKC view v1 and takes its
 * matches with nps_mask_take; mask_text.c runs them after the phone rules,
 * so a phone number after 電話番号 stays a phone number. The exact rules
 * are in docs/robustness.md. No allocation here beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define is_digit nps_mask_is_digit
#define is_alnum nps_mask_is_alnum

#define ID_MAX_BYTES 32

static bool has(const char *s, size_t n, size_t p, const char *w)
{
    size_t k = strlen(w);
    return p <= n && n - p >= k && memcmp(s + p, w, k) == 0;
}

/* Bytes of an ASCII or typographic dash at s[p] (‐ ‑ ‒ – — ― −), 0 if none. */
static size_t dash_len(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (p >= n)
        return 0;
    if (u[0] == '-')
        return 1;
    if (n - p >= 3 && u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) ||
                                       (u[1] == 0x88 && u[2] == 0x92)))
        return 3;
    return 0;
}

/* A number followed by one of these is a quantity or a date, not an id. */
static bool unit_at(const char *s, size_t n, size_t p)
{
    static const char *const units[] = {"人", "名", "円", "件", "年", "月", "日", "回", "個",
                                        "歳", "時", "分", "秒", "世帯", "枚", "本", "冊",
                                        "万", "千", "%", "~", "〜", "kg", "km"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (has(s, n, p, units[i]))
            return true;
    return false;
}

/* ---- ids after a label --------------------------------------------------- */

/* The end of a label at s[i] (…番号, 記号, マイナンバー, ID), 0 if none. */
static size_t id_label_at(const char *s, size_t n, size_t i)
{
    static const char *const labels[] = {"番号", "記号", "マイナンバー", "ID"};
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
        if (has(s, n, i, labels[k])) {
            if (k == 3 && i > 0 && is_alnum((unsigned char)s[i - 1]))
                return 0;
            return i + strlen(labels[k]);
        }
    return 0;
}

/* After a label: spaces, :, #, =, No., は. The position of the id. */
static size_t skip_label_tail(const char *s, size_t n, size_t p)
{
    for (int k = 0; k < 6 && p < n; k++) {
        if (s[p] == ' ' || s[p] == ':' || s[p] == '#' || s[p] == '=' || s[p] == '.')
            p++;
        else if (nps_mask_prefix_ci(s + p, n - p, "no") && !(p + 2 < n && is_alnum((unsigned char)s[p + 2])))
            p += 2;
        else if (has(s, n, p, "は"))
            p += 3;
        else
            break;
    }
    return p;
}

/* An id at s[p]: letters and digits, joined by single dashes, and digit
 * groups joined by single spaces (4410 2286 9371); 4+ digits in all, not
 * followed by a unit. Its end, or 0. */
static size_t id_at(const char *s, size_t n, size_t p)
{
    size_t q = p, digits = 0;
    if (p >= n || !is_alnum((unsigned char)s[p]))
        return 0;
    while (q < n && q - p < ID_MAX_BYTES) {
        unsigned char c = (unsigned char)s[q];
        size_t d = dash_len(s, n, q);
        if (is_alnum(c)) {
            digits += is_digit(c);
            q++;
        } else if (d && q + d < n && is_alnum((unsigned char)s[q + d])) {
            q += d;
        } else if (c == ' ' && q + 1 < n && is_digit((unsigned char)s[q + 1]) &&
                   is_digit((unsigned char)s[q - 1])) {
            q++;
        } else {
            break;
        }
    }
    if (digits < 4 || (q < n && is_alnum((unsigned char)s[q])) || unit_at(s, n, q))
        return 0;
    return q;
}

int nps_mask_rule_ids(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t label = id_label_at(s, n, i), start = 0, end = 0;
        if (label) {
            start = skip_label_tail(s, n, label);
            end = id_at(s, n, start);
        }
        if (end) {
            if (nps_mask_take(w, &w->v1, start, end, NPS_MASK_ID) < 0)
                return -1;
            i = end;
        } else {
            i += label ? label - i : 1;
        }
    }
    return 0;
}

/* ---- bare 12-digit numbers ---------------------------------------------- */

/* Are the three groups of four at s[i] (joined by a space or dash) years (19xx/20xx):
 * 2021 2022 2023 の3年間? */
static bool years(const char *s, size_t i)
{
    for (size_t g = 0; g < 3; g++) {
        const char *y = s + i + g * 5;
        if (!((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0')))
            return false;
    }
    return true;
}

/* Twelve digits at s[i], together or in three groups of four joined by the
 * same single space or dash, standing alone. Its end, or 0. */
static size_t twelve_at(const char *s, size_t n, size_t i)
{
    size_t q = i, groups = 0, sep = 0;
    char sepc = 0;
    if (i > 0 && (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '.' || s[i - 1] == ','))
        return 0;
    while (q < n && is_digit((unsigned char)s[q]))
        q++;
    if (q - i == 12)
        groups = 3;
    else if (q - i == 4) {
        groups = 1;
        while (groups < 3 && q + 5 <= n && (s[q] == ' ' || s[q] == '-') && (!sepc || s[q] == sepc)) {
            size_t g = q + 1;
            while (g < n && g - q - 1 < 5 && is_digit((unsigned char)s[g]))
                g++;
            if (g - q - 1 != 4)
                break;
            sepc = s[q];
            sep++;
            q = g;
            groups++;
        }
    }
    if (groups != 3 || (q < n && (is_alnum((unsigned char)s[q]) || s[q] == '-' || s[q] == ',')) ||
        unit_at(s, n, q) || (q < n && s[q] == '.' && q + 1 < n && is_digit((unsigned char)s[q + 1])))
        return 0;
    if (sep == 2 && years(s, i))
        return 0;
    return q;
}

int nps_mask_rule_twelve(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = is_digit((unsigned char)s[i]) ? twelve_at(s, n, i) : 0;
        if (end) {
            if (nps_mask_take(w, &w->v1, i, end, NPS_MASK_ID) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- dates of birth ----------------------------------------------------- */

/* 1–4 digits at s[p]; their count (0: none), the position after in *end. */
static size_t num_at(const char *s, size_t n, size_t p, size_t max, size_t *end)
{
    size_t q = p;
    while (q < n && q - p < max + 1 && is_digit((unsigned char)s[q]))
        q++;
    *end = q;
    return q - p <= max ? q - p : 0;
}

static size_t skip_spaces(const char *s, size_t n, size_t p)
{
    while (p < n && s[p] == ' ')
        p++;
    return p;
}

/* 4月17日 or 4/17 after a year (sep: the year's separator, 0 for 年). */
static size_t month_day_at(const char *s, size_t n, size_t p, char sep)
{
    size_t q;
    if (!num_at(s, n, p, 2, &q))
        return 0;
    if (!sep) {
        q = skip_spaces(s, n, q);
        if (!has(s, n, q, "月"))
            return 0;
        q = skip_spaces(s, n, q + 3);
        size_t d = q;
        if (!num_at(s, n, d, 2, &q))
            return 0;
        q = skip_spaces(s, n, q);
        return has(s, n, q, "日") ? q + 3 : 0;
    }
    if (q >= n || s[q] != sep)
        return 0;
    size_t d = q + 1;
    if (!num_at(s, n, d, 2, &q) || (q < n && (is_digit((unsigned char)s[q]) || s[q] == sep)))
        return 0;
    return q;
}

/* A date at s[i]: 平成21年4月17日 (also 令和 昭和 大正, 元年), H21.4.17,
 * 2009年4月17日, 2009/4/17, 2009-4-17, or 4月17日. Its end, or 0. */
static size_t date_at(const char *s, size_t n, size_t i)
{
    static const char *const eras[] = {"平成", "令和", "昭和", "大正"};
    size_t p = i, q;
    if (i > 0 && is_alnum((unsigned char)s[i - 1]))
        return 0;
    for (size_t k = 0; k < sizeof eras / sizeof eras[0]; k++)
        if (has(s, n, i, eras[k])) {
            p = skip_spaces(s, n, i + 6);
            if (has(s, n, p, "元"))
                q = p + 3;
            else if (!num_at(s, n, p, 2, &q))
                return 0;
            q = skip_spaces(s, n, q);
            return has(s, n, q, "年") ? month_day_at(s, n, skip_spaces(s, n, q + 3), 0) : 0;
        }
    if (s[i] && strchr("HRST", s[i]) && i + 1 < n && is_digit((unsigned char)s[i + 1])) {
        if (!num_at(s, n, i + 1, 2, &q) || q >= n || !strchr("./-", s[q]))
            return 0;
        return month_day_at(s, n, q + 1, s[q]);
    }
    if (!is_digit((unsigned char)s[i]))
        return 0;
    size_t len = num_at(s, n, i, 4, &q);
    if (len == 4) {
        size_t y = skip_spaces(s, n, q);
        if (has(s, n, y, "年"))
            return month_day_at(s, n, skip_spaces(s, n, y + 3), 0);
        return q < n && strchr("./-", s[q]) ? month_day_at(s, n, q + 1, s[q]) : 0;
    }
    return len >= 1 && len <= 2 ? month_day_at(s, n, i, 0) : 0;
}

/* Is s[p] a kanji (CJK unified ideograph, U+4E00–U+9FFF)? */
static bool kanji_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    return n - p >= 3 && u[0] >= 0xE4 && u[0] <= 0xE9;
}

/* Does a birth word follow the date end p: 生まれ, 産まれ, 誕生, or 生 not
 * starting a word (生活, 生徒)? */
static bool birth_after(const char *s, size_t n, size_t p)
{
    p = skip_spaces(s, n, p);
    if (has(s, n, p, "生まれ") || has(s, n, p, "産まれ") || has(s, n, p, "誕生"))
        return true;
    return has(s, n, p, "生") && !(p + 3 < n && kanji_at(s, n, p + 3));
}

/* Does s[0..i) end with 生年月日 or 誕生日, then spaces, :, (, は
 * (生年月日（昭和14年5月3日）)? */
static bool birth_before(const char *s, size_t i)
{
    static const char *const labels[] = {"生年月日", "誕生日"};
    size_t p = i;
    for (int k = 0; k < 6 && p > 0; k++) {
        if (s[p - 1] == ' ' || s[p - 1] == ':' || s[p - 1] == '(')
            p--;
        else if (p >= 3 && memcmp(s + p - 3, "は", 3) == 0)
            p -= 3;
        else
            break;
    }
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        size_t l = strlen(labels[k]);
        if (p >= l && memcmp(s + p - l, labels[k], l) == 0)
            return true;
    }
    return false;
}

static bool date_may_start(unsigned char c)
{
    return is_digit(c) || c == 0xE4 || c == 0xE5 || c == 0xE6 || (c && strchr("HRST", c)); /* 令 平大 昭 */
}

int nps_mask_rule_birth(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = date_may_start((unsigned char)s[i]) ? date_at(s, n, i) : 0;
        if (end && (birth_after(s, n, end) || birth_before(s, i))) {
            if (nps_mask_take(w, &w->v1, i, end, NPS_MASK_BIRTH) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}
