/*
 * mask_quoted.c — the masker's rule for a name in 「」 that its context
 * marks as a name: the inside becomes ［団体名］, the brackets stay.
 *   - after a word that names a kind of group, shop or service, a space
 *     allowed: 手話サークル「ひだまりの手」, パン工房「…」, Facebookページ「…」,
 *     YouTube「…チャンネル」, LINEグループ「…」;
 *   - followed by an honorific or the people of a shop: 「パン工房こむぎっ子」さん,
 *     「…」様, 「…」の店主, 「…」の店長, 「…」のオーナー;
 *   - starting with a shop word and more after it: 「喫茶…」, 「珈琲…」, 「居酒屋…」,
 *     「子ども食堂あおぞら」;
 *   - ending with a word only a group's name ends with, after two or more
 *     characters: 「火曜の会」, 「ひまわり倶楽部」 (「親の会」, 「会」 stay).
 * 『』 is read like 「」 (有志の集まり『火曜の会』).
 * 「」 also quotes ordinary phrases (「ありがとう」と言われた, 「食べる」こと,
 * 活動「読み聞かせ」), which stay: the word before must be one of the list
 * below, and a quote of more than 30 characters or across a line is not a
 * name. Scans the NFKC view v1 after the legal-form rule (「」 after a legal
 * form is its own rule) and before the shape rules for organisations.
 * No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define QUOTE_MAX_CHARS 30

/* The brackets a name is quoted in: 「」 and 『』 (both 3 bytes in UTF-8). */
static const char *const open_qs[] = {"「", "『"};
static const char *const close_qs[] = {"」", "』"};

/* Words before 「 that make its inside a name (matched at the end). */
static const char *const kinds[] = {
    "サークル", "グループ", "クラブ", "チーム", "工房", "教室", "食堂", "カフェ", "喫茶", "商店",
    "書店", "店", "ショップ", "ベーカリー", "パン屋", "団体", "劇団", "合唱団", "楽団", "作業所",
    "事業所", "施設", "保育園", "幼稚園", "こども園", "塾", "文庫", "農園", "牧場", "企業",
    "会社", "病院", "クリニック", "医院", "ページ", "チャンネル", "アカウント", "ブログ",
    "ホームページ", "サイト", "コミュニティ", "集まり", "居場所", "サロン", "広場", "ネットワーク",
    "協議会", "有志"};
/* Services (ASCII, any case, not after a letter). */
static const char *const services[] = {"facebook", "instagram", "youtube", "twitter", "tiktok",
                                       "line", "note", "x"};
static const char *const honorifics[] = {"さん", "様", "さま", "ちゃん", "くん", "氏",
                                         /* the people of a shop: 「…」の店主 */
                                         "の店主", "の店長", "のオーナー", "のマスター", "の女将",
                                         "のおかみ", "のご主人", "の主人", "の大将", "の経営者",
                                         "店主", "店長", "オーナー", "マスター"};
/* Words a shop's name starts with inside 「」 (「喫茶…」), more after them. */
static const char *const shop_heads[] = {"喫茶", "珈琲", "茶房", "居酒屋", "食事処", "お食事処",
                                         "子ども食堂", "こども食堂", "子供食堂", "地域食堂"};
/* Words only a group's name ends with, inside the quote (「火曜の会」). */
static const char *const group_tails[] = {"の会", "倶楽部", "クラブ", "サークル"};

static bool ends_with(const char *s, size_t b, const char *w)
{
    size_t k = strlen(w);
    return b >= k && memcmp(s + b - k, w, k) == 0;
}

static bool starts_with(const char *s, size_t n, size_t p, const char *w)
{
    size_t k = strlen(w);
    return p <= n && n - p >= k && memcmp(s + p, w, k) == 0;
}

/* Does s[0..b) end with a kind word or a service name (a space before 「
 * allowed)? */
static bool kind_before(const char *s, size_t b)
{
    if (b > 0 && s[b - 1] == ' ')
        b--;
    for (size_t i = 0; i < COUNT(kinds); i++)
        if (ends_with(s, b, kinds[i]))
            return true;
    for (size_t i = 0; i < COUNT(services); i++) {
        size_t k = strlen(services[i]);
        if (b >= k && nps_mask_prefix_ci(s + b - k, k, services[i]) &&
            !(b > k && nps_mask_is_alnum((unsigned char)s[b - k - 1])))
            return true;
    }
    return false;
}

static bool honorific_after(const char *s, size_t n, size_t p)
{
    for (size_t i = 0; i < COUNT(honorifics); i++)
        if (starts_with(s, n, p, honorifics[i]))
            return true;
    return false;
}

/* Does the quote [a, c) start with a shop word and say more after it? */
static bool shop_inside(const char *s, size_t a, size_t c)
{
    for (size_t i = 0; i < COUNT(shop_heads); i++) {
        size_t k = strlen(shop_heads[i]);
        if (c - a >= k + 6 && memcmp(s + a, shop_heads[i], k) == 0)
            return true;
    }
    return false;
}

/* Does the quote [a, c) end with a group word after two or more
 * characters (「火曜の会」, not 「親の会」)? */
static bool group_inside(const char *s, size_t a, size_t c)
{
    for (size_t i = 0; i < COUNT(group_tails); i++) {
        size_t k = strlen(group_tails[i]);
        if (c - a >= k + 6 && ends_with(s, c, group_tails[i]))
            return true;
    }
    return false;
}

/* The closing bracket of kind `b` for the opening one at s[p], within
 * QUOTE_MAX_CHARS characters on one line, or 0. */
static size_t close_of(const char *s, size_t n, size_t p, size_t b)
{
    size_t q = p + 3, chars = 0;
    while (q < n && chars <= QUOTE_MAX_CHARS && s[q] != '\n') {
        if (starts_with(s, n, q, close_qs[b]))
            return q;
        if (starts_with(s, n, q, open_qs[b]))
            return 0;
        q++;
        while (q < n && ((unsigned char)s[q] & 0xC0) == 0x80)
            q++;
        chars++;
    }
    return 0;
}

/* Which opening bracket starts at s[p] (COUNT(open_qs): none). */
static size_t open_at(const char *s, size_t n, size_t p)
{
    size_t b = 0;
    while (b < COUNT(open_qs) && !starts_with(s, n, p, open_qs[b]))
        b++;
    return b;
}

int nps_mask_rule_quoted(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p + 3 <= n; p++) {
        size_t b;
        if ((unsigned char)s[p] != 0xE3 || (b = open_at(s, n, p)) == COUNT(open_qs))
            continue;
        size_t c = close_of(s, n, p, b);
        if (c <= p + 3)
            continue;
        if ((kind_before(s, p) || honorific_after(s, n, c + 3) || shop_inside(s, p + 3, c) ||
             group_inside(s, p + 3, c)) &&
            nps_mask_take(w, &w->v1, p + 3, c, NPS_MASK_ORGANISATION) < 0)
            return -1;
        p = c + 2;
    }
    return 0;
}
