/*
 * mask_shops.c — the masker's rule for a shop or a small business named
 * with no honorific and no brackets, known by the kind word written right
 * against its name (docs/robustness.md, "Masking: what is masked and what
 * is not"). Each name becomes ［団体名］; the kind word stays.
 *   - Kind, then a name in another script: カフェ, 喫茶, 居酒屋, パン工房,
 *     学習塾, 日本語教室, 食堂 … then 2–10 hiragana, maybe 1–2 kanji after
 *     them (カフェひだまりの2階 → カフェ［団体名］の2階, 居酒屋とり善の前,
 *     学習塾まなび舎さん), or after a kanji kind 2–12 katakana (喫茶ポプラで),
 *     or after a katakana kind kanji, の and kanji before a space or a
 *     closing bracket (クリニック森の木 を), or after コーポ, ハイツ, メゾン 1–4
 *     kanji (コーポ青葉の2階). The particles after a
 *     hiragana name are not part of it (くるみから → くるみ). Not when the
 *     name starts with a particle, お or ご, holds a piece of a sentence
 *     (カフェでした, 喫茶をしている), or is a listed word (食堂スタッフ,
 *     教室ボランティア).
 *   - A name in kana, then the kind of business: 2–10 hiragana or katakana
 *     before 整骨院, 接骨院, 不動産, 工務店, 商店, 薬局, 歯科 …
 *     (やまびこ整骨院に → ［団体名］整骨院に, サンライズ不動産が). A hiragana name
 *     starts after the nearest の, は, が, を, に, で or へ (近くのやまびこ整骨院).
 * A kanji name next to its kind (山田整骨院, 駅前不動産) stays: it cannot be
 * told from a description; with さん it is masked (mask_honorific.c).
 * Runs on the NFKC view v1 after the rules for people and groups: what an
 * earlier rule took keeps its token. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NAME_MAX_CHARS 10

/* ---- a kind word, then the name ------------------------------------------ */

/* Kinds of shop written right before the name (カフェひだまり, 喫茶ポプラ). */
static const char *const kinds_before[] = {"クリニック", "カフェ", "喫茶", "珈琲", "居酒屋", "パン工房", "パン屋",
                                           "学習塾", "英会話教室", "そろばん教室", "書道教室",
                                           "サークル", "クラブ", "コーポ", "ハイツ", "メゾン",
                                           "工房", "食堂", "教室", "酒場", "焼肉", "寿司", "鮨",
                                           "美容室", "美容院", "スナック", "ベーカリー", "レストラン"};
/* Particles that end a hiragana name, longest first (くるみから). */
static const char *const particles_after[] = {"からの", "までの", "への", "での", "にも", "には",
                                              "では", "でも", "とは", "にて", "とか", "とも", "から", "まで", "より",
                                              "など", "さん", "が", "を", "に", "で", "は", "と",
                                              "も", "へ", "の", "や"};
/* Pieces of a sentence a name does not hold (カフェでした, 喫茶をしている). */
static const char *const sentence_pieces[] = {"して", "した", "って", "った", "てい", "ます", "です",
                                              "いる", "ある", "ない", "ような", "みたい", "という",
                                              "けど", "たり", "だっ", "でし", "なので", "など", "する",
                                              "だけ", "られ", "させ", "れる"};
/* Katakana words after a kanji kind that name no shop (食堂スタッフ). */
static const char *const not_names[] = {"ボランティア", "スタッフ", "メンバー", "イベント", "オープン",
                                        "ランチ", "スペース", "メニュー", "リーダー", "サポーター",
                                        "ルーム", "コーナー", "サービス", "プログラム", "グループ",
                                        "サークル", "ボラ", "カフェ", "スタイル", "タイム"};

/* Words right after a kind that start no name (カフェだけ, 喫茶っぽい). */
static const char *const not_starts[] = {"だ", "じゃ", "なら", "なん", "しか", "ばかり", "くらい",
                                         "ぐらい", "こそ", "すら", "さえ", "など", "っ", "ん", "する",
                                         "さん", "ちゃん", "たち", "らし", "みたい", "っぽ", "お", "ご"};

static bool starts_no_name(const char *s, size_t n, size_t a)
{
    for (size_t i = 0; i < COUNT(not_starts); i++)
        if (nps_mask_word_at(s, n, a, not_starts[i]))
            return true;
    return false;
}

static bool is_particle_char(unsigned c)
{
    static const char chars[] = "をがはにでとへのやも";
    for (size_t i = 0; i < sizeof chars - 1; i += 3)
        if (nps_mask_cp3(chars, sizeof chars - 1, i) == c)
            return true;
    return false;
}

static bool holds_sentence_piece(const char *s, size_t a, size_t b)
{
    for (size_t p = a; p < b; p += 3)
        for (size_t i = 0; i < COUNT(sentence_pieces); i++)
            if (nps_mask_word_at(s, b, p, sentence_pieces[i]))
                return true;
    return false;
}

/* After a hiragana run s[a, e): its end without the particles after the
 * name (the longest that leaves two characters at least). */
static size_t without_particles(const char *s, size_t a, size_t e)
{
    for (size_t i = 0; i < COUNT(particles_after); i++) {
        size_t k = strlen(particles_after[i]);
        if (e - a >= k + 6 && memcmp(s + e - k, particles_after[i], k) == 0)
            return e - k;
    }
    return e;
}

/* Is the hiragana run s[a, e) one particle only (から, より, など)? */
static bool only_a_particle(const char *s, size_t a, size_t e)
{
    for (size_t i = 0; i < COUNT(particles_after); i++)
        if (e - a == strlen(particles_after[i]) && memcmp(s + a, particles_after[i], e - a) == 0)
            return true;
    return false;
}

/* A hiragana name at s[a] (maybe 1–2 kanji after it, before a particle,
 * さん or punctuation: とり善の, まなび舎さん; not after a particle: こもれびで開催): its end, or a. */
static size_t hiragana_name_end(const char *s, size_t n, size_t a)
{
    size_t e = a, chars = 0;
    while (e < n && nps_mask_is_hiragana(nps_mask_cp3(s, n, e)) && chars <= NAME_MAX_CHARS) {
        e += 3;
        chars++;
    }
    if (chars > NAME_MAX_CHARS || only_a_particle(s, a, e))
        return a; /* 工房から毎月 */
    size_t k = e, kanji = 0;
    while (k < n && nps_mask_is_kanji(nps_mask_cp3(s, n, k)) && kanji < 3) {
        k += 3;
        kanji++;
    }
    unsigned next = nps_mask_cp3(s, n, k);
    if (kanji >= 1 && kanji <= 2 && chars >= 2 && !is_particle_char(nps_mask_cp3(s, n, e - 3)) &&
        (k >= n || is_particle_char(next) || nps_mask_word_at(s, n, k, "さん") ||
                                                   next == 0x3001 || next == 0x3002) &&
        !starts_no_name(s, n, a) &&
        !holds_sentence_piece(s, a, e))
        return k; /* とり善の */
    e = without_particles(s, a, e);
    if ((e - a) / 3 < 2 || is_particle_char(nps_mask_cp3(s, n, a)) || starts_no_name(s, n, a) ||
        holds_sentence_piece(s, a, e))
        return a;
    return e;
}

/* A katakana name at s[a] after a kanji kind (喫茶ポプラ): its end, or a. */
static size_t katakana_name_end(const char *s, size_t n, size_t a)
{
    size_t e = a;
    while (e < n && (nps_mask_is_katakana(nps_mask_cp3(s, n, e)) || nps_mask_word_at(s, n, e, "・")))
        e += 3;
    size_t chars = (e - a) / 3;
    if (chars < 2 || chars > 12 || nps_mask_is_kanji(nps_mask_cp3(s, n, e)))
        return a; /* ポプラ店: a kanji after it makes another word */
    for (size_t i = 0; i < COUNT(not_names); i++)
        if (nps_mask_word_at(s, n, a, not_names[i]))
            return a;
    return e;
}

/* A name of kanji, の and kanji at s[a] after a katakana kind, then a space,
 * a closing bracket or the end (クリニック森の木 を, カフェ麦の穂」): its end, or a.
 * Before punctuation it is as often a phrase (クリニック受診の際、). */
static size_t kanji_no_name_end(const char *s, size_t n, size_t a)
{
    size_t q = a, k1 = 0, k2 = 0;
    while (q < n && nps_mask_is_kanji(nps_mask_cp3(s, n, q)) && k1 < 4) {
        q += 3;
        k1++;
    }
    if (k1 < 1 || k1 > 3 || !nps_mask_word_at(s, n, q, "の"))
        return a;
    q += 3;
    while (q < n && nps_mask_is_kanji(nps_mask_cp3(s, n, q)) && k2 < 4) {
        q += 3;
        k2++;
    }
    if (k2 < 1 || k2 > 3)
        return a;
    return q >= n || s[q] == ' ' || s[q] == ')' || nps_mask_word_at(s, n, q, "」") ||
                   nps_mask_word_at(s, n, q, "』")
               ? q
               : a;
}

/* Is the kind a block of flats (コーポ青葉, ハイツ若松)? Any kanji after it
 * is a name: no sentence goes on from コーポ with a kanji word. */
static bool is_building(const char *kind)
{
    return strcmp(kind, "コーポ") == 0 || strcmp(kind, "ハイツ") == 0 || strcmp(kind, "メゾン") == 0;
}

/* 1–4 kanji at s[a], then no kanji: their end, or a. */
static size_t kanji_word_end(const char *s, size_t n, size_t a)
{
    size_t q = a;
    while (q < n && nps_mask_is_kanji(nps_mask_cp3(s, n, q)) && q - a < 15)
        q += 3;
    return q - a >= 3 && q - a <= 12 ? q : a;
}

static int names_after_kind(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        unsigned c = nps_mask_cp3(s, n, p);
        if (c == 0)
            continue; /* every kind word starts with a 3-byte character */
        for (size_t i = 0; i < COUNT(kinds_before); i++) {
            if (nps_mask_cp3(kinds_before[i], 3, 0) != c || !nps_mask_word_at(s, n, p, kinds_before[i]))
                continue;
            size_t a = p + strlen(kinds_before[i]), e = a;
            unsigned first = nps_mask_cp3(s, n, a);
            bool kanji_kind = nps_mask_is_kanji(nps_mask_cp3(s, n, a - 3));
            if (nps_mask_is_hiragana(first))
                e = hiragana_name_end(s, n, a);
            else if (kanji_kind && nps_mask_is_katakana(first) && !nps_mask_word_at(s, n, a, "ー"))
                e = katakana_name_end(s, n, a);
            else if (!kanji_kind && nps_mask_is_kanji(first))
                e = is_building(kinds_before[i]) ? kanji_word_end(s, n, a)
                                                 : kanji_no_name_end(s, n, a);
            if (e > a && nps_mask_take(w, &w->v1, a, e, NPS_MASK_ORGANISATION) < 0)
                return -1;
            if (e > a)
                p = e - 1;
            break;
        }
    }
    return 0;
}

/* ---- a name, then the kind of business ----------------------------------- */

static const char *const kinds_after[] = {"整骨院", "接骨院", "鍼灸院", "治療院", "整体院", "歯科",
                                          "医院", "不動産", "工務店", "商店", "酒店", "書店", "薬局",
                                          "青果店", "精肉店", "鮮魚店", "電器", "建設", "運送",
                                          "新聞店", "販売所", "石油", "製菓", "製パン"};
/* Hiragana that end a word before a name (近くのやまびこ: の). */
static bool ends_word_before(unsigned c)
{
    static const char chars[] = "のはがをにでへ";
    for (size_t i = 0; i < sizeof chars - 1; i += 3)
        if (nps_mask_cp3(chars, sizeof chars - 1, i) == c)
            return true;
    return false;
}

/* The kana name ending at s[k] (before a kind word): its start, or k. */
static size_t kana_name_start(const char *s, size_t n, size_t k)
{
    size_t a = k;
    bool hira = nps_mask_is_hiragana(nps_mask_cp3(s, n, k - 3));
    while (a >= 3) {
        unsigned c = nps_mask_cp3(s, n, a - 3);
        if (hira ? !nps_mask_is_hiragana(c) || ends_word_before(c) : !nps_mask_is_katakana(c))
            break;
        a -= 3;
    }
    size_t chars = (k - a) / 3;
    if (chars < 2 || chars > NAME_MAX_CHARS || (!hira && nps_mask_word_at(s, n, a, "ー")) ||
        (hira && holds_sentence_piece(s, a, k)))
        return k;
    return a;
}

static int names_before_kind(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 6; p < n; p++) {
        unsigned c0 = nps_mask_cp3(s, n, p);
        if (c0 == 0)
            continue;
        for (size_t i = 0; i < COUNT(kinds_after); i++) {
            if (nps_mask_cp3(kinds_after[i], 3, 0) != c0 || !nps_mask_word_at(s, n, p, kinds_after[i]))
                continue;
            unsigned c = nps_mask_cp3(s, n, p - 3);
            size_t a = nps_mask_is_hiragana(c) || nps_mask_is_katakana(c) ? kana_name_start(s, n, p) : p;
            if (a < p && nps_mask_take(w, &w->v1, a, p, NPS_MASK_ORGANISATION) < 0)
                return -1;
            p += strlen(kinds_after[i]) - 1;
            break;
        }
    }
    return 0;
}

int nps_mask_rule_shops(work *w)
{
    return names_after_kind(w) != 0 || names_before_kind(w) != 0 ? -1 : 0;
}
