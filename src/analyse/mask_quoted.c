/*
 * mask_quoted.c — the masker's rule for a name in 「」 that its context
 * marks as a name: the inside becomes ［団体名］, the brackets stay.
 *   - after a word that names a kind of group, shop or service, a space
 *     allowed: 手話サークル「ひだまりの手」, パン工房「…」, Facebookページ「…」,
 *     YouTube「…チャンネル」, LINEグループ「…」;
 *   - followed by an honorific or the people of a shop: 「パン工房こむぎっ子」さん,
 *     「…」様, 「…」の店主, 「…」の店長, 「…」のオーナー;
 *   - starting with a shop word and more after it: 「喫茶…」, 「珈琲…」, 「居酒屋…」,
 *     「レストラン…」, 「カフェ…」, 「子ども食堂あおぞら」;
 *   - ending with a word only a group's or a shop's name ends with, after two
 *     or more characters: 「火曜の会」, 「ひまわり倶楽部」, 「おたすけ隊ちゃんねる」,
 *     「よつば新聞販売所」, 「ひなた農園」, 「みぎわキリスト教会」 (「親の会」, 「会」 stay);
 *   - holding クラブ or サークル after two or more characters and before one
 *     or more: 「将棋クラブ桂」.
 * 『』 is read like 「」 (有志の集まり『火曜の会』).
 * First, a person in quotes becomes ［氏名］: a name of two kanji parts with
 * spaces between (署名欄に「森　　太郎」), or 2–8 kana in 「」『』“” before a word
 * for what a person is called (“タカピー”と呼ばれていた, 「ゆうちゃん」というあだ名,
 * 「みなみ」と名乗った;
 * 「子ども食堂」と呼ばれる stays).
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
    "協議会", "有志", "ストア", "スーパー", "薬局", "コンビニ", "販売店"};
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
                                         "レストラン", "カフェ", "ベーカリー", "ビストロ", "パン工房",
                                         "子ども食堂", "こども食堂", "子供食堂", "地域食堂"};
/* Words only a group's name ends with, inside the quote (「火曜の会」). */
static const char *const group_tails[] = {"の会", "倶楽部", "クラブ", "サークル", "チャンネル",
                                          "ちゃんねる", "販売所", "新聞店", "薬局", "工務店", "商店",
                                          "教会", "農園", "牧場", "ファーム", "整骨院", "接骨院",
                                          "不動産", "工房"};
/* Words a group's name holds in its middle: 2+ characters before, 1+ after
 * (「将棋クラブ桂」). */
static const char *const group_middles[] = {"クラブ", "サークル"};

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

/* Does the quote [a, c) hold a group word with 2+ characters before it and
 * 1+ after (「将棋クラブ桂」)? */
static bool group_word_within(const char *s, size_t a, size_t c)
{
    for (size_t i = 0; i < COUNT(group_middles); i++) {
        size_t k = strlen(group_middles[i]);
        for (size_t q = a + 6; q + k < c; q++)
            if (memcmp(s + q, group_middles[i], k) == 0)
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

/* ---- a person in quotes ---------------------------------------------- */

/* Brackets a person's name or nickname is quoted in: 「」 『』 “”. */
static const char *const person_open[] = {"「", "『", "\xE2\x80\x9C"};
static const char *const person_close[] = {"」", "』", "\xE2\x80\x9D"};
/* Words after a quote that make it what a person is called. */
static const char *const called[] = {"と呼ばれ", "って呼ばれ", "と呼んで", "と呼ぶ", "というあだ名",
                                     "のあだ名", "という愛称", "の愛称", "というニックネーム",
                                     "のニックネーム", "と名乗", "と名の", "って名乗"};

static unsigned cp3_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (p + 3 > n || (u[0] & 0xF0) != 0xE0)
        return 0;
    return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
}

static bool kanji(unsigned c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005; }

/* 1–3 kanji from s[p] up to `end`; the end of the run, or p. */
static size_t kanji_part(const char *s, size_t end, size_t p)
{
    size_t q = p, k = 0;
    while (q < end && kanji(cp3_at(s, end, q)) && k <= 3) {
        q += 3;
        k++;
    }
    return k >= 1 && k <= 3 ? q : p;
}

/* Is the quote [a, c) 2–8 kana (a nickname: タカピー, みっちゃん)? */
static bool kana_inside(const char *s, size_t a, size_t c)
{
    size_t k = 0;
    for (size_t p = a; p < c; p += 3, k++) {
        unsigned u = cp3_at(s, c, p);
        if (!(u >= 0x3041 && u <= 0x3096) && !(u >= 0x30A1 && u <= 0x30FA) && u != 0x30FC)
            return false;
    }
    return k >= 2 && k <= 8;
}

/* Is the quote [a, c) a name in two parts with one or more spaces (「森  太郎」)? */
static bool spaced_name_inside(const char *s, size_t a, size_t c)
{
    size_t q = kanji_part(s, c, a), r = q;
    if (q == a)
        return false;
    while (r < c && s[r] == ' ')
        r++;
    return r > q && r - q <= 3 && kanji_part(s, c, r) == c && c > r;
}

static bool called_after(const char *s, size_t n, size_t p)
{
    for (size_t i = 0; i < COUNT(called); i++)
        if (starts_with(s, n, p, called[i]))
            return true;
    return false;
}

/* The closing bracket of person_close[b] for the opening one at s[p],
 * within 12 characters on one line, or 0. */
static size_t person_close_of(const char *s, size_t n, size_t p, size_t b)
{
    size_t q = p + 3;
    for (size_t chars = 0; q < n && chars <= 12 && s[q] != '\n'; chars++) {
        if (starts_with(s, n, q, person_close[b]))
            return q;
        q++;
        while (q < n && ((unsigned char)s[q] & 0xC0) == 0x80)
            q++;
    }
    return 0;
}

/* A name or a nickname in quotes: 「森  太郎」 (two kanji parts and spaces),
 * “タカピー”と呼ばれていた (kana before a word for what a person is called). */
static int quoted_people(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p + 3 <= n; p++) {
        size_t b = 0, c;
        if (((unsigned char)s[p] != 0xE3 && (unsigned char)s[p] != 0xE2) || p + 1 >= n ||
            (unsigned char)s[p + 1] != 0x80)
            continue; /* every opening bracket here is E2 80 or E3 80 */
        while (b < COUNT(person_open) && !starts_with(s, n, p, person_open[b]))
            b++;
        if (b == COUNT(person_open) || (c = person_close_of(s, n, p, b)) <= p + 3)
            continue;
        if ((spaced_name_inside(s, p + 3, c) || (kana_inside(s, p + 3, c) && called_after(s, n, c + 3))) &&
            nps_mask_take(w, &w->v1, p + 3, c, NPS_MASK_NAME) < 0)
            return -1;
        p = c + 2;
    }
    return 0;
}

static int quoted_groups(work *w)
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
             group_inside(s, p + 3, c) || group_word_within(s, p + 3, c)) &&
            nps_mask_take(w, &w->v1, p + 3, c, NPS_MASK_ORGANISATION) < 0)
            return -1;
        p = c + 2;
    }
    return 0;
}

int nps_mask_rule_quoted(work *w)
{
    return quoted_people(w) != 0 || quoted_groups(w) != 0 ? -1 : 0;
}
