/*
 * mask_groups.c — six rules of the masker for forms read by their
 * surroundings rather than by a legal form or an honorific:
 *   - an English company: the capitalised words before LLC, Inc., Co., Ltd.,
 *     Corp., GmbH …, Japan, Group, Holdings (a comma before the suffix
 *     allowed) → ［団体名］, the suffix kept: `Kitami Green Tech Inc.` →
 *     `［団体名］ Inc.`, `Greenleaf Foods Japan` → `［団体名］ Japan`;
 *   - an informal group after the kind of group it is: 子ども食堂, 食堂,
 *     居場所, サロン, サークル, 団体, グループ, フードパントリー … then の, then
 *     2–12 kana, a group word (キッチン, カフェ, 食堂, クラブ, ハウス, サロン,
 *     ひろば, 広場, 教室, ルーム, ベース, テラス) not followed by kana,
 *     and 1–3 kanji of a place when a particle or punctuation follows them:
 *     `こども食堂のにこにこカフェ北見と` → `こども食堂の［団体名］と`. A group with
 *     no such kind word before it stays (the kana + キッチン shape alone is as
 *     often a menu or an event: みんなのキッチン);
 *   - a group before its kind in brackets: a bracket of 1–12 kana or kanji
 *     ending in サークル 団体 グループ 食堂 の会 家族会 同好会 クラブ サロン
 *     (（ママサークル）, （任意団体）) makes the run before it a name: kana,
 *     kanji, Latin letters and digits, up to 20, after the last piece of a
 *     sentence (している, から …) or particle after a word: `ぴよぴよ広場
 *     （ママサークル）` → `［団体名］（ママサークル）`. Not when that run is a listed
 *     word or ends in people (団体（任意団体）, 利用者（家族会）);
 *   - a list of family names joined by ・: 2–4 kanji each, two or more, then
 *     の N名 / N人 / 方々 / 各氏 / 皆さん / 両名, or さん 氏 先生 様; every
 *     item must end in a character family names end in (田 山 川 藤 林 部 …)
 *     and not like a word (理事・監事, 男性・女性 stay): each becomes ［氏名］;
 *   - an e-mail address described in words: in a text that says アットマーク
 *     (or あっとまーく, at mark), each ASCII token of 3–64 letters, digits, .
 *     _ - + holding a lower-case letter and a digit, dot, _ or - within 360
 *     bytes (120 Japanese characters) of it → ［メール］ (`kitami.mama77の後ろにアットマーク`;
 *     `COVID-19` stays).
 *   - a shop named in katakana words joined by ・ that starts with its kind
 *     (カフェ・ド・ポム, ビストロ・ルミエール) → ［団体名］ whole; not when every word
 *     after ・ is a kind again (カフェ・レストラン, カフェ・ギャラリー), nor in a list
 *     (子ども食堂・カフェ・フードバンク).
 * Runs last (after the rules for people and places): what an earlier rule
 * took keeps its token. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool at(const char *s, size_t n, size_t p, const char *w)
{
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

static bool is_kanji(unsigned c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005; }
static bool is_katakana(unsigned c) { return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC; }
static bool is_hiragana(unsigned c) { return c >= 0x3041 && c <= 0x3096; }
static bool is_kana(unsigned c) { return is_hiragana(c) || is_katakana(c); }
static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static bool ends_with(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    return b - a >= k && memcmp(s + b - k, w, k) == 0;
}

/* Is the 3-byte character at s[p] one of those of `set`? */
static bool char_in_set(const char *set, const char *s, size_t n, size_t p)
{
    if (p + 3 > n)
        return false;
    for (; *set; set += 3)
        if (memcmp(set, s + p, 3) == 0)
            return true;
    return false;
}

/* A particle, punctuation, a space, a bracket or the end at s[p]. */
static bool boundary(const char *s, size_t n, size_t p)
{
    static const char *const after[] = {"と", "が", "を", "に", "で", "は", "へ", "や", "も", "の",
                                        "さん", "から", "まで", "より", "、", "。", "」", "』"};
    if (p >= n || strchr(" ,.)(!?\n", s[p]))
        return true;
    for (size_t i = 0; i < COUNT(after); i++)
        if (at(s, n, p, after[i]))
            return true;
    return false;
}

/* ---- English companies --------------------------------------------------- */

static const char *const company_suffixes[] = {"Co., Ltd.", "Co.,Ltd.", "Co. Ltd.", "Co.", "Corporation",
                                               "Corp.", "Corp", "Company", "Inc.", "Inc", "LLC", "LLP",
                                               "Ltd.", "Ltd", "Limited", "GmbH", "K.K.", "G.K.",
                                               /* a group's words that end a company's name */
                                               "Japan", "Group", "Holdings"};

/* The start of the capitalised words ending at s[e] (e: none): 1–6 words
 * joined by single spaces, each a capital then letters, digits, & ' -. */
static size_t company_words(const char *s, size_t e)
{
    size_t a = e, words = 0;
    while (words < 6) {
        size_t p = a;
        while (p > 0 && (nps_mask_is_alnum((unsigned char)s[p - 1]) || strchr("&'-", s[p - 1])))
            p--;
        if (p == a || !is_upper((unsigned char)s[p]) || a - p < 2)
            break;
        a = p;
        words++;
        if (!(a >= 2 && s[a - 1] == ' ' && nps_mask_is_alnum((unsigned char)s[a - 2])))
            break;
        a--; /* the space: only kept when a word comes before it */
        size_t r = a;
        while (r > 0 && nps_mask_is_alnum((unsigned char)s[r - 1]))
            r--;
        if (!is_upper((unsigned char)s[r]) && s[r] != '&') {
            a++;
            break;
        }
    }
    return words ? a : e;
}

static int companies(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 2; p < n; p++) {
        if (!is_upper((unsigned char)s[p]) || (s[p - 1] != ' ' && s[p - 1] != ','))
            continue;
        for (size_t i = 0; i < COUNT(company_suffixes); i++) {
            size_t k = strlen(company_suffixes[i]), e = p;
            if (!at(s, n, p, company_suffixes[i]) ||
                (p + k < n && nps_mask_is_alnum((unsigned char)s[p + k])))
                continue;
            while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ','))
                e--;
            if (p - e > 2)
                break;
            size_t a = company_words(s, e);
            if (a < e && nps_mask_take(w, &w->v1, a, e, NPS_MASK_ORGANISATION) < 0)
                return -1;
            p += k - 1;
            break;
        }
    }
    return 0;
}

/* ---- informal groups ------------------------------------------------------ */

static const char *const group_kinds[] = {"子ども食堂", "こども食堂", "子供食堂", "食堂", "居場所",
                                          "サロン", "サークル", "団体", "グループ", "フードパントリー",
                                          "フードバンク", "学習支援", "任意団体"};
static const char *const group_words[] = {"キッチン", "カフェ", "食堂", "クラブ", "ハウス", "サロン",
                                          "ひろば", "広場", "教室", "ルーム", "ベース", "テラス"};
/* Ordinary words a kana head may be. */
static const char *const group_heads[] = {"みんな", "こども", "おやこ", "ボランティア", "スタッフ",
                                          "ママ", "パパ", "おとな", "ひとり", "あそび", "まなび"};

/* The end of a group name starting at s[a] (a: none). */
static size_t group_end(const char *s, size_t n, size_t a)
{
    if (!is_kana(cp3(s, n, a)))
        return a;
    for (size_t g = a + 6; g < n && g - a <= 36 && is_kana(cp3(s, n, g - 3)); g += 3) {
        bool listed = false;
        for (size_t i = 0; i < COUNT(group_heads) && !listed; i++)
            listed = g - a == strlen(group_heads[i]) && memcmp(s + a, group_heads[i], g - a) == 0;
        for (size_t i = 0; i < COUNT(group_words) && !listed; i++) {
            if (!at(s, n, g, group_words[i]))
                continue;
            size_t e = g + strlen(group_words[i]), k = e, chars = 0;
            if (is_kana(cp3(s, n, e)) && !boundary(s, n, e))
                continue;
            while (k < n && is_kanji(cp3(s, n, k)) && chars < 4) {
                k += 3;
                chars++;
            }
            if (chars >= 1 && chars <= 3 && boundary(s, n, k))
                return k; /* ぽかぽかキッチン音更と: the place goes with it */
            if (boundary(s, n, e))
                return e;
        }
        if (listed)
            return a;
    }
    return a;
}

static int informal_groups(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 3; p + 3 < n; p++) {
        if (!at(s, n, p, "の"))
            continue;
        bool kind = false;
        for (size_t i = 0; i < COUNT(group_kinds) && !kind; i++)
            kind = ends_with(s, 0, p, group_kinds[i]);
        if (!kind)
            continue;
        size_t a = p + 3, e = group_end(s, n, a);
        if (e > a && nps_mask_take(w, &w->v1, a, e, NPS_MASK_ORGANISATION) < 0)
            return -1;
        p = (e > a ? e : a) - 1;
    }
    return 0;
}

/* ---- a group before its kind in brackets ----------------------------------- */

/* What a bracket after a group's name ends with: （ママサークル）, （任意団体）. */
static const char *const bracket_kinds[] = {"サークル", "団体", "グループ", "食堂", "の会", "家族会",
                                            "同好会", "愛好会", "クラブ", "サロン"};
/* Pieces of a sentence the run before the bracket may hold: the name is
 * what follows the last one (参加しているぴよぴよ広場). */
static const char *const sentence_pieces[] = {"ている", "ていた", "ました", "します", "する", "した",
                                              "いる", "ある", "なる", "には", "では", "とは", "から",
                                              "まで", "より", "として", "という"};
/* Words a name before the bracket may be that name no group. */
static const char *const bracket_generic[] = {
    "団体", "グループ", "サークル", "クラブ", "サロン", "食堂", "会", "当団体", "当会", "地域", "私たち",
    "自分たち", "子育て", "子育てサークル", "ママサークル", "任意団体", "市民団体", "その他", "ほか",
    "他", "名称", "名前", "こども食堂", "子ども食堂", "ボランティア"};
/* Last characters of such a word: people, not a group (利用者（家族会）). */
#define PEOPLE_ENDS "者員等方様人家達側"

static bool bracket_generic_name(const char *s, size_t n, size_t a, size_t e)
{
    if (nps_mask_utf8_count(s + a, e - a) < 2 || char_in_set(PEOPLE_ENDS, s, n, e - 3) ||
        ends_with(s, a, e, "たち") || ends_with(s, a, e, "など"))
        return true;
    for (size_t i = 0; i < COUNT(bracket_generic); i++)
        if (e - a == strlen(bracket_generic[i]) && memcmp(s + a, bracket_generic[i], e - a) == 0)
            return true;
    return false;
}

/* Does the bracket opening at s[p] ("(") hold a group's kind, 1–12 kana or
 * kanji ending in a kind word? */
static bool kind_in_brackets(const char *s, size_t n, size_t p)
{
    size_t q = p + 1;
    while (q < n && q - p <= 37 && (is_kana(cp3(s, n, q)) || is_kanji(cp3(s, n, q))))
        q += 3;
    if (q >= n || s[q] != ')' || q == p + 1)
        return false;
    for (size_t i = 0; i < COUNT(bracket_kinds); i++)
        if (ends_with(s, p + 1, q, bracket_kinds[i]))
            return true;
    return false;
}

static bool is_particle_char(unsigned c)
{
    return c == 0x306F || c == 0x304C || c == 0x3092 || c == 0x306B || c == 0x3067 || c == 0x3068 ||
           c == 0x3082 || c == 0x3078 || c == 0x3084; /* は が を に で と も へ や */
}

/* The start of a group's name ending at s[e] (the bracket): the run of
 * kana, kanji, Latin letters and digits before it, up to 20 characters,
 * after its last piece of a sentence or particle after a word. e: none. */
static size_t bracket_name_start(const char *s, size_t n, size_t e)
{
    size_t a = e, chars = 0;
    while (a > 0 && chars < 20) {
        if (nps_mask_is_alnum((unsigned char)s[a - 1])) {
            a--;
        } else if (a >= 3 && (is_kana(cp3(s, n, a - 3)) || is_kanji(cp3(s, n, a - 3)) ||
                              cp3(s, n, a - 3) == 0x30FB)) {
            unsigned c = cp3(s, n, a - 3), before = a >= 6 ? cp3(s, n, a - 6) : 0;
            if (is_particle_char(c) && (is_kanji(before) || is_katakana(before)))
                break; /* 地域で…: the sentence's particle */
            a -= 3;
        } else {
            break;
        }
        chars++;
    }
    for (size_t p = e; p > a; p--)
        for (size_t i = 0; i < COUNT(sentence_pieces); i++)
            if (ends_with(s, a, p, sentence_pieces[i]))
                return p;
    return a;
}

static int bracketed_groups(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 6; p < n; p++) {
        if (s[p] != '(' || !kind_in_brackets(s, n, p))
            continue;
        size_t a = bracket_name_start(s, n, p);
        if (!bracket_generic_name(s, n, a, p) && nps_mask_take(w, &w->v1, a, p, NPS_MASK_ORGANISATION) < 0)
            return -1;
    }
    return 0;
}

/* ---- lists of family names ------------------------------------------------- */

/* Characters family names end in. */
#define FAMILY_ENDS "田山川藤林部木橋辺邊本上下村水崎﨑島嶋野井原内子葉保尾浦嵐瀬谷沢澤西東北南森" \
                    "塚池坂浜濱宅間岡城月端地里倉畑垣沼堀関平津波辻石岩岸永宮江戸松竹梅杉桑柳菅" \
                    "茂根丸代守見海前中岳峰越淵形条熊鳥居所曽賀目桐暮舘館幡柴芝槻"
/* Words of a list that end so but are not names. */
static const char *const not_families[] = {"地元", "現場", "役場", "市役所", "事務所", "地方",
                                           "東北", "北海道", "海外", "国内", "市内", "町内",
                                           "職場", "会場", "上下", "前後", "内外"};

static bool family_like(const char *s, size_t n, size_t a, size_t b)
{
    const char *set = FAMILY_ENDS;
    unsigned last = cp3(s, n, b - 3);
    for (size_t i = 0; i < COUNT(not_families); i++)
        if (b - a == strlen(not_families[i]) && memcmp(s + a, not_families[i], b - a) == 0)
            return false;
    for (; *set; set += 3)
        if (cp3(set, 3, 0) == last)
            return true;
    return false;
}

/* What follows a list of people: の N名, の方々, さん … */
static bool people_after(const char *s, size_t n, size_t p)
{
    static const char *const words[] = {"方々", "各氏", "皆さん", "皆様", "両名", "両氏", "お二人",
                                        "お三方", "先生方", "三名", "四名", "五名", "二名", "3名",
                                        "三人", "四人", "五人", "二人"};
    static const char *const honorifics[] = {"さん", "氏", "先生", "様", "両氏", "両名", "の各氏"};
    for (size_t i = 0; i < COUNT(honorifics); i++)
        if (at(s, n, p, honorifics[i]))
            return true;
    if (!at(s, n, p, "の"))
        return false;
    p += 3;
    for (size_t i = 0; i < COUNT(words); i++)
        if (at(s, n, p, words[i]))
            return true;
    size_t d = p;
    while (d < n && nps_mask_is_digit((unsigned char)s[d]))
        d++;
    return d > p && d - p <= 2 && (at(s, n, d, "名") || at(s, n, d, "人"));
}

static size_t kanji_item(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n && is_kanji(cp3(s, n, q)) && q - p < 15)
        q += 3;
    return q - p >= 6 && q - p <= 12 && !is_kanji(cp3(s, n, q)) ? q : p;
}

static int family_lists(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        if (!is_kanji(cp3(s, n, p)) || (p >= 3 && is_kanji(cp3(s, n, p - 3))))
            continue;
        size_t items[8][2], k = 0, q = p, e;
        bool all = true, open = false;
        while (k < 8 && (e = kanji_item(s, n, q)) > q) {
            items[k][0] = q;
            items[k][1] = e;
            all = all && family_like(s, n, q, e);
            k++;
            open = at(s, n, e, "・");
            q = open ? e + 3 : e;
            if (!open)
                break;
        }
        if (k >= 2 && all && !open && people_after(s, n, q)) {
            for (size_t i = 0; i < k; i++)
                if (nps_mask_take(w, &w->v1, items[i][0], items[i][1], NPS_MASK_NAME) < 0)
                    return -1;
        }
        if (k >= 1)
            p = items[k - 1][1] - 1;
    }
    return 0;
}

/* ---- e-mail addresses described in words ---------------------------------- */

static bool mail_char(unsigned char c) { return nps_mask_is_alnum(c) || strchr("._-+", c); }

static size_t atmark_at(const char *s, size_t n, size_t p)
{
    static const char *const words[] = {"アットマーク", "あっとまーく", "at mark", "atmark", "AT MARK"};
    for (size_t i = 0; i < COUNT(words); i++)
        if (at(s, n, p, words[i]))
            return strlen(words[i]);
    return 0;
}

static int mail_tokens(work *w, size_t a, size_t b)
{
    const char *s = w->v1.s;
    for (size_t p = a; p < b; p++) {
        if (!nps_mask_is_alnum((unsigned char)s[p]) || (p > 0 && mail_char((unsigned char)s[p - 1])))
            continue;
        size_t e = p;
        bool letter = false, mark = false;
        while (e < w->v1.len && mail_char((unsigned char)s[e]) && e - p <= 64) {
            letter = letter || (s[e] >= 'a' && s[e] <= 'z');
            mark = mark || nps_mask_is_digit((unsigned char)s[e]) || strchr("._-", s[e]);
            e++;
        }
        while (e > p && strchr("._-+", s[e - 1]))
            e--;
        if (e - p >= 3 && e - p <= 64 && letter && mark &&
            nps_mask_take(w, &w->v1, p, e, NPS_MASK_EMAIL) < 0)
            return -1;
        p = e;
    }
    return 0;
}

static int described_mails(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        size_t k = atmark_at(s, n, p);
        if (k == 0)
            continue;
        size_t a = p > 360 ? p - 360 : 0, b = n - p - k > 360 ? p + k + 360 : n;
        if (mail_tokens(w, a, b) != 0)
            return -1;
        p += k - 1;
    }
    return 0;
}

/* ---- a shop named in katakana words joined by ・ ------------------------ */

/* Kinds of shop a katakana name may start with (カフェ・ド・ポム). */
static const char *const shop_heads[] = {"カフェ", "キッチン", "レストラン", "ビストロ", "ベーカリー",
                                         "ブーランジェリー", "パティスリー", "サロン", "ショップ",
                                         "スタジオ", "ハウス", "バー", "ギャラリー"};
/* Words after ・ that say the kind again, not a name (カフェ・レストラン). */
static const char *const shop_kinds[] = {"カフェ", "キッチン", "レストラン", "ビストロ", "ベーカリー",
                                         "サロン", "ショップ", "スタジオ", "ハウス", "バー", "ギャラリー",
                                         "ダイニング", "ラウンジ", "スペース", "ルーム", "ランチ", "ディナー",
                                         "スイーツ", "イベント", "コーナー", "ボランティア", "フードバンク",
                                         "パントリー", "フードパントリー", "マルシェ", "バザー",
                                         "ワークショップ", "セミナー", "サービス", "サポート", "ケア",
                                         "デイサービス", "ライブ", "コンサート", "モーニング",
                                         "テイクアウト", "デリバリー", "スクール", "クラブ", "サークル"};

static bool shop_kind_word(const char *s, size_t a, size_t b)
{
    for (size_t i = 0; i < COUNT(shop_kinds); i++)
        if (strlen(shop_kinds[i]) == b - a && memcmp(s + a, shop_kinds[i], b - a) == 0)
            return true;
    return false;
}

/* The end of a shop's name of katakana words joined by ・ that starts with
 * the kind word [p, e) (カフェ・ド・ポム), or p: one word after ・ at least
 * that is not a kind word, then no more katakana. */
static size_t dotted_shop_end(const char *s, size_t n, size_t e)
{
    size_t q = e;
    bool named = false;
    while (at(s, n, q, "・") && is_katakana(cp3(s, n, q + 3))) {
        size_t a = q + 3;
        for (q = a; q < n && is_katakana(cp3(s, n, q)); q += 3)
            ;
        named = named || !shop_kind_word(s, a, q);
    }
    return named && boundary(s, n, q) ? q : 0;
}

static int dotted_shops(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p + 9 <= n; p++) {
        if ((unsigned char)s[p] != 0xE3 || !char_in_set("カキレビベブパサシスハバギ", s, n, p) ||
            (p >= 3 && (is_katakana(cp3(s, n, p - 3)) || at(s, n, p - 3, "・"))))
            continue; /* not a kind's first character, inside a word, or an item of a list
                       * (子ども食堂・カフェ・フードバンク) */
        for (size_t i = 0; i < COUNT(shop_heads); i++) {
            if (!at(s, n, p, shop_heads[i]))
                continue;
            size_t b = dotted_shop_end(s, n, p + strlen(shop_heads[i]));
            if (b > p && nps_mask_take(w, &w->v1, p, b, NPS_MASK_ORGANISATION) < 0)
                return -1;
            if (b > p)
                p = b - 1;
            break;
        }
    }
    return 0;
}

int nps_mask_rule_groups(work *w)
{
    return companies(w) != 0 || informal_groups(w) != 0 || bracketed_groups(w) != 0 ||
                   family_lists(w) != 0 || described_mails(w) != 0 || dotted_shops(w) != 0
               ? -1
               : 0;
}
