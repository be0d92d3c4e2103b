/*
 * mask_plates.c — the masker's rules for two number forms written out in
 * words, found by the blind sixth set (docs/robustness.md):
 *
 * - a vehicle registration plate (帯広 500 さ 17-38, 札幌300あ12-34): an
 *   office name of 1–4 kanji (or 2–4 hiragana: なにわ 501 さ 37-19), a class number of 2–3 digits, one hiragana,
 *   and a serial of 1–2 digits, a dash and 2 digits, or dots and digits
 *   filling four places (・・12); spaces allowed between the parts; and
 *   a vehicle word (車, ナンバー, プレート, バイク) somewhere in the same
 *   text, because 「参加者 100 と 12-34」 has the same shape. The whole
 *   plate becomes ［番号］.
 * - a phone number read aloud with の between its groups (5521の0738,
 *   080の5521の0738): digit groups joined by の, the last of 4 digits, 8
 *   digits or more in all, standing alone; three groups, or two after a
 *   number spelled in katakana and の (ゼロハチゼロの) or within a few
 *   characters after 電話, 携帯 or TEL (「2023の1234件」 stays). The groups become
 *   ［電話番号］; an area code spelled in katakana before them stays (it
 *   names no one).
 *
 * Both scan the NFKC view v1 and take their matches with nps_mask_take;
 * mask_text.c runs them after the phone and id rules. No allocation
 * beyond nps_mask_take's.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define is_digit nps_mask_is_digit
#define is_alnum nps_mask_is_alnum

#define OFFICE_MAX 4 /* kanji of a plate's office name (札幌, 名古屋, 北九州) */

static bool at(const char *s, size_t n, size_t p, const char *w)
{
    size_t l = strlen(w);
    return p <= n && n - p >= l && memcmp(s + p, w, l) == 0;
}

/* U+3041–U+3096 */
static bool hiragana_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    return p + 3 <= n && u[0] == 0xE3 && ((u[1] == 0x81 && u[2] >= 0x81) || (u[1] == 0x82 && u[2] <= 0x96));
}

/* CJK ideographs U+4E00–U+9FFF */
static bool kanji_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    return p + 3 <= n && u[0] >= 0xE4 && u[0] <= 0xE9;
}

static size_t skip_spaces(const char *s, size_t n, size_t p)
{
    while (p < n && s[p] == ' ')
        p++;
    return p;
}

/* The end of a run of min..max digits at p, or 0. */
static size_t digits_at(const char *s, size_t n, size_t p, size_t min, size_t max)
{
    size_t q = p;
    while (q < n && is_digit((unsigned char)s[q]))
        q++;
    return q - p >= min && q - p <= max ? q : 0;
}

/* A plate's serial at p: 17-38, 7-38, ・・12, ・123; its end, or 0. */
static size_t serial_at(const char *s, size_t n, size_t p)
{
    size_t q = digits_at(s, n, p, 1, 2), dots = 0, end;
    if (q && q < n && s[q] == '-')
        end = digits_at(s, n, q + 1, 2, 2);
    else {
        for (q = p; at(s, n, q, "・"); q += strlen("・"))
            dots++;
        end = dots ? digits_at(s, n, q, 4 - dots, 4 - dots) : 0;
    }
    return end && (end >= n || !is_digit((unsigned char)s[end])) ? end : 0;
}

/* A plate whose class number starts at s[i]: its start (the office name)
 * in *start and its end, or 0. */
static size_t plate_at(const char *s, size_t n, size_t i, size_t *start)
{
    size_t q = digits_at(s, n, i, 2, 3), b = i;
    int kanji = 0;
    if (!q || (i > 0 && is_alnum((unsigned char)s[i - 1])))
        return 0;
    q = skip_spaces(s, n, q);
    if (!hiragana_at(s, n, q) || hiragana_at(s, n, q + 3))
        return 0;
    q = serial_at(s, n, skip_spaces(s, n, q + 3));
    if (!q)
        return 0;
    while (b > 0 && s[b - 1] == ' ')
        b--;
    while (kanji < OFFICE_MAX && b >= 3 && kanji_at(s, n, b - 3)) {
        b -= 3;
        kanji++;
    }
    if (kanji == 0) { /* なにわ, つくば, とちぎ: offices written in hiragana */
        int kana = 0;
        while (kana < OFFICE_MAX && b >= 3 && hiragana_at(s, n, b - 3)) {
            b -= 3;
            kana++;
        }
        kanji = kana >= 2 && kana <= OFFICE_MAX ? kana : 0;
    }
    *start = b;
    return kanji > 0 ? q : 0;
}

/* A word for a vehicle anywhere in s[0, n). */
static bool vehicle_word(const char *s, size_t n)
{
    static const char *const words[] = {"車", "ナンバー", "プレート", "バイク"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (memmem(s, n, words[k], strlen(words[k])))
            return true;
    return false;
}

int nps_mask_rule_plate(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    if (!vehicle_word(s, n))
        return 0;
    for (size_t i = 0; i < n;) {
        size_t start = i, end = is_digit((unsigned char)s[i]) ? plate_at(s, n, i, &start) : 0;
        if (end) {
            if (nps_mask_take(w, &w->v1, start, end, NPS_MASK_ID) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* U+30A1–U+30FA and ー */
static bool katakana_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    return p + 3 <= n && u[0] == 0xE3 &&
           ((u[1] == 0x82 && u[2] >= 0xA1) || (u[1] == 0x83 && u[2] <= 0xBC));
}

#define PHONE_WORD_BEFORE 18 /* bytes before a chain searched for 電話 / 携帯 / TEL */

/* Before s[i]: katakana and の (ゼロハチゼロの), or 電話 / 携帯 / TEL close by. */
static bool phone_said_before(const char *s, size_t n, size_t i)
{
    static const char *const words[] = {"電話", "携帯", "TEL", "tel", "Tel"};
    size_t from = i > PHONE_WORD_BEFORE ? i - PHONE_WORD_BEFORE : 0;
    if (i >= 6 && at(s, n, i - 3, "の") && katakana_at(s, n, i - 6))
        return true;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (memmem(s + from, i - from, words[k], strlen(words[k])))
            return true;
    return false;
}

/* Digit groups joined by の from s[i]: the end of the chain when it is a
 * phone number read aloud (see the top), or 0. */
static size_t spoken_phone_at(const char *s, size_t n, size_t i)
{
    size_t q = i, groups = 0, total = 0, last = 0;
    if (i > 0 && (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '-'))
        return 0;
    for (;;) {
        size_t e = digits_at(s, n, q, 2, 4);
        if (!e)
            break;
        groups++;
        total += e - q;
        last = e - q;
        q = e;
        if (!at(s, n, q, "の") || !is_digit((unsigned char)(q + 3 < n ? s[q + 3] : 0)))
            break;
        q += strlen("の");
    }
    if (groups < 2 || last != 4 || total < 8 || (q < n && is_alnum((unsigned char)s[q])))
        return 0;
    if (groups == 2 && !phone_said_before(s, n, i))
        return 0;
    return q;
}

int nps_mask_rule_spoken_phone(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = is_digit((unsigned char)s[i]) ? spoken_phone_at(s, n, i) : 0;
        if (end) {
            if (nps_mask_take(w, &w->v1, i, end, NPS_MASK_PHONE) < 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}
