/*
 * mask_orgs.c — the masker's rule for organisations the masker has no list
 * of, written without a legal form (はまなす母子の会, こもれび焙煎所):
 * the whole name becomes ［団体名］. A name is recognised by its shape:
 *   hiragana 3–10 [kanji 0–3] suffix
 * (the hiragana after a character that is not a kanji, or after a particle)
 * where the suffix is a word that ends the name of a group or a shop (の会,
 * 会, 焙煎所, 食堂, 工房, 舎, ネット, クラブ, センター, 園, 塾, クリニック,
 * 医院 …) followed by
 * something that is not a kanji or katakana (a particle, さん, punctuation,
 * the end), and the hiragana part is a proper name: not an ordinary word
 * (こども, みんな, おやこ … so こども食堂, みんなの会 stay; nor ending in
 * one, nor holding a piece of a phrase: して, には …), not ending like a
 * verb or an adjective (語り合う会, たのしい会), a particle before it not
 * counted (地域のはまなす母子の会 masks はまなす母子の会). Names in kanji only
 * (町内会, 自治会, 社会福祉協議会, 子ども食堂) are words as much as names and
 * stay; names in katakana only stay too (ボランティアセンター). Scans the
 * NFKC view v1 after the names and legal-form rules, so a known organisation
 * keeps its own token. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define KANA_MIN 3
#define KANA_MAX 10

/* Does the word w start at s[p]? (Three bytes compared before strlen: this
 * runs at every character of every free text.) */
static bool at(const char *s, size_t n, size_t p, const char *w)
{
    if (p >= n || s[p] != w[0] || (w[1] && (p + 1 >= n || s[p + 1] != w[1] ||
                                             (w[2] && (p + 2 >= n || s[p + 2] != w[2])))))
        return false;
    size_t k = strlen(w);
    return p <= n && n - p >= k && memcmp(s + p, w, k) == 0;
}

static unsigned cp3(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (p + 3 > n || (u[0] & 0xF0) != 0xE0)
        return 0;
    return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
}

/* Is the 3-byte character at s[p] one of the characters of `set` (3-byte
 * characters only)? A cheap test before the word lists. */
static bool char_in(const char *set, const char *s, size_t n, size_t p)
{
    if (n - p < 3)
        return false;
    for (; *set; set += 3)
        if (set[0] == s[p] && set[1] == s[p + 1] && set[2] == s[p + 2])
            return true;
    return false;
}

static bool is_kanji(unsigned c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005; }
static bool is_katakana(unsigned c) { return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC; }
static bool is_hiragana(unsigned c) { return (c >= 0x3041 && c <= 0x3096) || c == 0x30FC; }

/* Longer first where one ends another. */
static const char *const suffixes[] = {
    "の会", "焙煎所", "ネットワーク", "ネット", "食堂", "工房", "クラブ", "倶楽部", "センター", "ハウス",
    "ファーム", "農園", "文庫", "書店", "商店", "珈琲", "カフェ", "舎", "会", "園", "塾", "庵", "亭",
    "堂", "寮", "荘", "クリニック", "医院", "病院", "歯科", "薬局"};
/* Their first characters. */
#define SUFFIX_STARTS "の焙ネ食工ク倶セハフ農文書商珈カ舎会園塾庵亭堂寮荘医病歯薬"

/* Ordinary words in hiragana that come before such a suffix. */
static const char *const words[] = {
    "こども", "みんな", "おとな", "おやこ", "ひとり", "こそだて", "あそび", "まなび", "ともだち",
    "おとしより", "しょうがい", "ふくし", "ちいき", "がっこう", "ほいく", "おかあさん", "おとうさん",
    "おじいちゃん", "おばあちゃん", "おやつ", "ごはん", "おにぎり", "べんきょう", "しゅくだい",
    "ひろば", "なかま", "わたしたち", "ぼくたち", "みなさん", "いろいろ", "それぞれ", "ひとびと"};

/* Endings of a verb, an adjective or a phrase: not a name. */
static const char *const endings[] = {"る", "た", "い", "う", "く", "て", "だ", "ず", "ぬ", "ます",
                                      "です", "たち", "など", "ごと", "ので", "から", "まで", "より",
                                      "ため", "とき", "こと", "もの", "よう", "そう", "ほど"};

/* Pieces of a phrase, not of a name, anywhere in the run. */
static const char *const inner[] = {"して", "ては", "には", "では", "とは", "ても", "たり", "ながら",
                                    "ので", "けど", "のに", "という", "といった", "による"};

/* Particles a hiragana run may start with that are not part of the name. */
static const char *const particles[] = {"の", "は", "が", "を", "に", "で", "と", "も", "へ", "や"};

static bool ends_with(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    return b - a >= k && memcmp(s + b - k, w, k) == 0;
}

/* Is the hiragana run [a, b) a proper name? */
static bool kana_name(const char *s, size_t a, size_t b, bool generic)
{
    size_t c = ends_with(s, a, b, "の") ? b - 3 : b; /* みんなの食堂: みんな */
    if (c < b && generic)
        return false; /* みんなの町内会 */
    for (size_t i = 0; i < COUNT(words); i++)
        if (ends_with(s, a, c, words[i]))
            return false; /* こども食堂, としてはこども食堂 */
    for (size_t i = 0; i < COUNT(inner); i++)
        for (size_t p = a; p + strlen(inner[i]) <= c; p += 3)
            if (memcmp(s + p, inner[i], strlen(inner[i])) == 0)
                return false;
    for (size_t i = 0; i < COUNT(endings); i++)
        if (ends_with(s, a, b, endings[i]))
            return false;
    return (b - a) / 3 >= KANA_MIN && (b - a) / 3 <= KANA_MAX;
}

/* The start of the organisation whose suffix starts at s[q], or q. */
static size_t org_start(const char *s, size_t n, size_t q)
{
    size_t g = q, k = 0, a;
    while (g >= 3 && is_kanji(cp3(s, n, g - 3)) && k <= 3) {
        g -= 3;
        k++;
    }
    if (k > 3)
        return q;
    a = g;
    while (a >= 3 && is_hiragana(cp3(s, n, a - 3)) && (g - a) / 3 <= KANA_MAX + 1)
        a -= 3;
    if (a == g || (a >= 3 && is_hiragana(cp3(s, n, a - 3))))
        return q;
    bool particle = false;
    for (size_t i = 0; i < COUNT(particles) && !particle; i++)
        particle = at(s, n, a, particles[i]) && (g - a) / 3 > KANA_MIN;
    if (particle)
        a += 3; /* 地域のはまなす: の is the sentence's */
    else if (a >= 3 && is_kanji(cp3(s, n, a - 3)))
        return q; /* 皆さんと交流会: kana after a kanji end its word */
    return kana_name(s, a, g, g < q) ? a : q;
}

int nps_mask_rule_orgs(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t q = 9; q < n; q++) {
        if ((unsigned char)s[q] < 0xE3 || !char_in(SUFFIX_STARTS, s, n, q))
            continue;
        for (size_t i = 0; i < COUNT(suffixes); i++) {
            if (!at(s, n, q, suffixes[i]))
                continue;
            size_t e = q + strlen(suffixes[i]);
            unsigned next = cp3(s, n, e);
            if (is_kanji(next) || (is_katakana(next) && next != 0x30FC))
                continue;
            size_t a = org_start(s, n, q);
            if (a < q && nps_mask_take(w, &w->v1, a, e, NPS_MASK_ORGANISATION) < 0)
                return -1;
            if (a < q)
                q = e - 1;
            break;
        }
    }
    return 0;
}
