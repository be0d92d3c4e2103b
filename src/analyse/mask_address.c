/*
 * mask_address.c — the masker's rule for street addresses: the numbered
 * part of a Japanese address (南8条西2丁目, 1丁目2番3号, 12番地の3,
 * 丸の内1-2-3) and the place name before it (北海道札幌市中央区) become one
 * ［住所］. Scans the NFKC view v1 of a chunk (mask.c), after the phone and
 * postal rules, so their digits are never an address.
 *
 * The numbered core is numbers joined by units (丁目 番地 番 号 条 線 地割),
 * dashes or の, with 東西南北 and 通 between them. It is an address when it is
 * strong on its own (two units, or a unit and a dash: 2丁目3番, 3丁目5-1, or
 * a 番地, a word of addresses only: 上野原1234番地, with any run of place
 * characters before it) or when a place name comes right before it: a run of kanji and katakana
 * holding 都 道 府 県 市 区 町 村 郡, and の inside it (中央区3-5, 旭川市6条通7丁目,
 * 千代田区丸の内1-1-1), or, for three numbers joined by dashes (the first
 * of 1–3 digits), any such run (宮の森1-2-3; not 第1-2-3項). Then the
 * whole run is masked with it, and so is a building and room number after
 * it (… 8丁目 コーポ雪見 203号室). Kanji numerals count (南一条西五丁目) but not
 * before a bare 番 (一番 is "the most") unless a unit came before it in the
 * core (三丁目十二番五号). What is not masked: docs/analysis.md.
 * No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define LEFT_MAX 24 /* code points of place name before a core */
#define BUILDING_MAX 16 /* code points of a building's name after an address */

typedef struct core {
    size_t end;
    int units, joins;
    bool banchi; /* a 番地 among its units: an address word on its own */
} core;

static bool at(const char *s, size_t n, size_t p, const char *w)
{
    size_t k = strlen(w);
    return n - p >= k && memcmp(s + p, w, k) == 0;
}

/* Bytes of a kanji numeral at s[p] (0: none): 一 二 三 四 五 六 七 八 九 十 〇 百. */
static size_t kanji_digit(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (n - p < 3 || (u[0] & 0xF0) != 0xE0 || u[0] < 0xE3 || u[0] > 0xE7)
        return 0;
    unsigned c = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
    switch (c) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D:
    case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: case 0x3007: case 0x767E:
        return 3;
    default:
        return 0;
    }
}

/* A number at s[p]: its end (p: none); *kanji when written in kanji. */
static size_t number_at(const char *s, size_t n, size_t p, bool *kanji)
{
    size_t q = p, k;
    *kanji = false;
    while (q < n && nps_mask_is_digit((unsigned char)s[q]))
        q++;
    if (q > p)
        return q;
    while ((k = kanji_digit(s, n, q)) != 0)
        q += k;
    *kanji = q > p;
    return q;
}

/* Bytes of a unit after a number at s[p] (0: none). A bare 番 after a
 * kanji numeral (一番 "the most") counts only inside a core that already
 * has a unit (三丁目十二番五号): `after_unit`. */
static size_t unit_at(const char *s, size_t n, size_t p, bool kanji, bool after_unit)
{
    static const char *const units[] = {"丁目", "番地", "地割", "条", "号", "線", "番"};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        if (!at(s, n, p, units[k]))
            continue;
        size_t l = strlen(units[k]);
        if (k == 6 && ((kanji && !after_unit) || at(s, n, p + l, "目") || at(s, n, p + l, "手") ||
                       at(s, n, p + l, "組")))
            return 0; /* 一番, 3番目, 2番手, 番組 */
        if ((k == 3 && (at(s, n, p + l, "件") || at(s, n, p + l, "例"))) ||
            (k == 4 && (at(s, n, p + l, "機") || at(s, n, p + l, "車"))))
            return 0;
        return l;
    }
    return 0;
}

static size_t join_at(const char *s, size_t n, size_t p)
{
    if (p < n && s[p] == '-')
        return 1;
    if (at(s, n, p, "ー") || at(s, n, p, "−") || at(s, n, p, "‐") || at(s, n, p, "–") ||
        at(s, n, p, "—") || at(s, n, p, "の"))
        return 3;
    return 0;
}

static size_t direction_at(const char *s, size_t n, size_t p)
{
    if (at(s, n, p, "東") || at(s, n, p, "西") || at(s, n, p, "南") || at(s, n, p, "北") ||
        at(s, n, p, "通"))
        return 3;
    return 0;
}

/* A number at s[p] followed by a counter (3つ, 2人, 5件 …): a count, not
 * the last number of an address (その3番の2つ目). */
static bool counted_after(const char *s, size_t n, size_t p)
{
    static const char *const counters[] = {"つ", "人", "名", "件", "回", "個", "点", "割", "位",
                                           "枚", "本", "歳", "年", "月", "日", "時", "分", "倍", "%"};
    bool kanji;
    size_t q = number_at(s, n, p, &kanji);
    for (size_t k = 0; k < sizeof counters / sizeof counters[0]; k++)
        if (at(s, n, q, counters[k]))
            return true;
    return false;
}

/* Digits at s[p]. */
static size_t digits_at(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n && nps_mask_is_digit((unsigned char)s[q]))
        q++;
    return q - p;
}

/* The numbered core starting with a number at s[p]. */
static core core_at(const char *s, size_t n, size_t p)
{
    core c = {0, 0, 0, false};
    bool kanji;
    size_t q = number_at(s, n, p, &kanji), u, j;
    while (q > p) {
        c.end = q;
        if ((u = unit_at(s, n, q, kanji, c.units > 0)) != 0) {
            c.banchi |= at(s, n, q, "番地");
            c.units++;
            q += u;
            c.end = q;
            while ((u = direction_at(s, n, q)) != 0)
                q += u;
            if ((j = join_at(s, n, q)) != 0 && q + j < n &&
                (nps_mask_is_digit((unsigned char)s[q + j]) || kanji_digit(s, n, q + j)) &&
                !counted_after(s, n, q + j)) {
                c.joins++; /* 1234番地の3, 2番-5 */
                q += j;
            }
        } else if ((j = join_at(s, n, q)) != 0 && q + j < n &&
                   nps_mask_is_digit((unsigned char)s[q + j])) {
            c.joins++;
            q += j;
        } else {
            break;
        }
        p = q;
        q = number_at(s, n, p, &kanji);
    }
    return c;
}

static bool is_place_char(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (n - p < 3 || u[0] < 0xE3 || u[0] > 0xE9)
        return false;
    if (at(s, n, p, "の"))
        return true; /* 丸の内, 宮の森 */
    if (at(s, n, p, "第") || at(s, n, p, "、") || at(s, n, p, "。"))
        return false;
    /* CJK ideographs U+4E00–U+9FFF (E4–E9), 々 U+3005, katakana U+30A1–U+30FA (ヶ ケ) */
    return u[0] >= 0xE4 || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x85) ||
           (u[0] == 0xE3 && ((u[1] == 0x82 && u[2] >= 0xA1) || (u[1] == 0x83 && u[2] <= 0xBA)));
}

static bool is_anchor(const char *s, size_t n, size_t p)
{
    static const char *const anchors[] = {"都", "道", "府", "県", "市", "区", "町", "村", "郡"};
    for (size_t k = 0; k < sizeof anchors / sizeof anchors[0]; k++)
        if (at(s, n, p, anchors[k]))
            return true;
    return false;
}

/* Where the place name before s[p] starts, or p when there is none; with
 * any_run, any run of place characters counts (丸の内, 宮の森), not only
 * one holding 都 道 府 県 市 区 町 村 郡. */
static size_t place_before(const char *s, size_t n, size_t p, bool any_run)
{
    size_t q = p, start = p;
    bool anchor = false;
    if (p >= 3 && at(s, n, p - 3, "の"))
        return p; /* 市の3番 is not an address */
    for (int k = 0; k < LEFT_MAX && q >= 3 && is_place_char(s, n, q - 3); k++) {
        q -= 3;
        anchor |= is_anchor(s, n, q);
    }
    while (q < p && at(s, n, q, "の"))
        q += 3;
    if (anchor || any_run)
        start = q;
    return start;
}

/* Words that start or end the name of a building (key form, NFKC). */
static bool building_word_at(const char *s, size_t p, size_t e)
{
    static const char *const heads[] = {"コーポ", "ハイツ", "メゾン", "ハイム", "パレス", "レジデンス",
                                        "グランド", "シャトー", "ヴィラ", "カーサ", "ドミトリー"};
    static const char *const tails[] = {"ビル", "マンション", "ハイツ", "コーポ", "アパート", "ハイム",
                                        "レジデンス", "タワー", "荘", "館", "棟", "寮", "団地", "住宅"};
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
        if (at(s, e, p, heads[k]))
            return true;
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
        size_t l = strlen(tails[k]);
        if (e - p > l && memcmp(s + e - l, tails[k], l) == 0)
            return true;
    }
    return false;
}

/* A room number at s[p]: digits and 号室, 号, 階 or F; its end (p: none). */
static size_t room_at(const char *s, size_t n, size_t p)
{
    static const char *const units[] = {"号室", "号", "階", "F", "f"};
    size_t q = p;
    while (q < n && nps_mask_is_digit((unsigned char)s[q]))
        q++;
    if (q == p || q - p > 5)
        return p;
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (at(s, n, q, units[k]))
            return q + strlen(units[k]);
    return p;
}

/* The building and room written after an address ending at s[p] (旭川市…8丁目
 * コーポ雪見 203号室, 本町31-7 ハイツ北斗館 1102号): a run of kanji, katakana
 * and Latin letters (no hiragana) of up to BUILDING_MAX code points, masked
 * when a room number follows it or ends it (石狩ビル2F) or it starts or ends
 * with a building word;
 * or a room number alone. Its end, or p when none. */
static size_t building_after(const char *s, size_t n, size_t p)
{
    size_t q = p, r0, r1, chars = 0, room;
    while (q < n && s[q] == ' ')
        q++;
    if ((room = room_at(s, n, q)) > q)
        return room;
    r0 = q;
    while (q < n && chars < BUILDING_MAX &&
           ((is_place_char(s, n, q) && !at(s, n, q, "の")) || at(s, n, q, "ー") || at(s, n, q, "・") ||
            at(s, n, q, "第") ||
            nps_mask_is_alnum((unsigned char)s[q]))) {
        q += (unsigned char)s[q] < 0x80 ? 1 : 3;
        chars++;
    }
    r1 = q;
    if (r1 == r0 || chars >= BUILDING_MAX)
        return p;
    for (size_t d = r0 + 1; d < r1; d++) /* 石狩ビル2F: the room glued to the name */
        if (nps_mask_is_digit((unsigned char)s[d]) && !nps_mask_is_digit((unsigned char)s[d - 1]) &&
            room_at(s, n, d) == r1)
            return r1;
    while (q < n && s[q] == ' ')
        q++;
    if ((room = room_at(s, n, q)) > q)
        return room;
    return building_word_at(s, r0, r1) ? r1 : p;
}

int nps_mask_rule_address(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    bool prev_num = false;
    for (size_t i = 0; i < n;) {
        size_t kd = nps_mask_is_digit((unsigned char)s[i]) ? 1 : kanji_digit(s, n, i);
        if (kd && !prev_num) {
            core c = core_at(s, n, i);
            /* 丸の内1-2-3: three numbers after a place word, the first of 1–3 digits */
            size_t first = digits_at(s, n, i);
            bool chain = c.units == 0 && c.joins >= 2 && first >= 1 && first <= 3;
            size_t start = c.units + c.joins > 0 ? place_before(s, n, i, chain || c.banchi) : i;
            bool strong = c.units >= 2 || (c.units >= 1 && c.joins >= 1) || c.banchi;
            if (start == i && strong && i >= 3 && direction_at(s, n, i - 3))
                start = i - 3;
            if (c.units + c.joins > 0 && (start < i || strong)) {
                c.end = building_after(s, n, c.end);
                if (nps_mask_take(w, &w->v1, start, c.end, NPS_MASK_ADDRESS) < 0)
                    return -1;
                i = c.end;
                prev_num = false;
                continue;
            }
        }
        prev_num = kd > 0;
        i += kd ? kd : 1;
    }
    return 0;
}

/* The start of the building characters (as in building_after) that end at
 * s[e], going back at most BUILDING_MAX code points. */
static size_t building_run_before(const char *s, size_t n, size_t e)
{
    size_t r = e;
    for (int chars = 0; chars < BUILDING_MAX && r > 0; chars++) {
        if (nps_mask_is_alnum((unsigned char)s[r - 1]))
            r--;
        else if (r >= 3 && ((is_place_char(s, n, r - 3) && !at(s, n, r - 3, "の")) || at(s, n, r - 3, "ー") ||
                            at(s, n, r - 3, "・")))
            r -= 3;
        else
            break;
    }
    return r;
}

/* A building word anywhere in s[p, e) (市営コーポ白樺), or at its ends. */
static bool building_word_in(const char *s, size_t p, size_t e)
{
    for (size_t q = p; q < e; q++)
        if (building_word_at(s, q, e))
            return true;
    return false;
}

/* A building and its room written without an address (コーポ白樺203号室,
 * メゾン北斗 1102号室): 号室 after 1–5 digits, and before them a run of
 * building characters holding a building word. The run, digits and 号室
 * become ［住所］. */
int nps_mask_rule_building(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p + strlen("号室") <= n; p++) {
        size_t d = p, r1, r0;
        if (!at(s, n, p, "号室"))
            continue;
        while (d > 0 && nps_mask_is_digit((unsigned char)s[d - 1]))
            d--;
        if (d == p || p - d > 5)
            continue;
        for (r1 = d; r1 > 0 && s[r1 - 1] == ' '; r1--)
            ;
        r0 = building_run_before(s, n, r1);
        if (r0 < r1 && building_word_in(s, r0, r1) &&
            nps_mask_take(w, &w->v1, r0, p + strlen("号室"), NPS_MASK_ADDRESS) < 0)
            return -1;
    }
    return 0;
}
