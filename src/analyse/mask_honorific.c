/*
 * mask_honorific.c — the masker's rule for names of third parties written
 * with an honorific: the name right before さん 様 さま 氏 先生 殿 くん 君
 * ちゃん becomes ［氏名］ and the honorific stays (田中先生 → ［氏名］先生).
 * These are people the masker has no list of (not respondents), so the
 * name is recognised by its shape only:
 *   - a run of 2–5 kanji, taken whole (昨日田中さん masks 昨日田中), or the
 *     last 3 kanji of a longer run (保健科学院松澤先生 → 保健科学［氏名］先生),
 *     or a run of 2–10 katakana, right before the honorific;
 *   - a family name of 1–3 kanji before a space and such a run (桐生 亜紀さん),
 *     or a family name of 2–3 kanji before a space and one kanji (前田 徹殿);
 *   - a run of 2–4 hiragana before くん or ちゃん only, starting after a
 *     character that is not hiragana (ゆうきくん; たくさん is never read so),
 *     or after の that follows a word (中学生のりょうたくん, 子どものゆうきくん;
 *     not a kin word: 近所のばあちゃん);
 *   - a family name of 2–3 kanji before の and a kin word (眞栄田のおじいちゃん:
 *     the family's grandfather; not 近所のおばちゃん, 施設のおじいちゃん);
 *   - with the rest of the name it is part of: katakana words joined by ・
 *     (グエン・ティ・トゥイさん), 1–3 kanji before a katakana given name
 *     (帯刀ミチル先生), a family name with its reading in brackets before the
 *     given name or the honorific (十河（そごう）千景氏, 十河（そごう）さん).
 * Ordinary words stay: a run after お ご 御 貴 (お客様, ご家族様, 御社様), a
 * run ending in a character that makes a role, a place or a body (者 員 家
 * 師 士 長 生 人 … 利用者さん, 農家さん, 校長先生, 社協さん), a run ending in
 * a listed word (皆さん, 先生方, 息子さん, 旦那さん, ボランティアさん, katakana
 * ending in ー), an honorific that is part of a word (様子, 様々, 氏名,
 * 殿堂, 先生方, ちゃんと). Scans the NFKC view v1 after the names rule, so a
 * known name or organisation keeps its own token.
 *
 * Then a shop addressed with さん さま 様, or named before its people (の
 * マスター, の店主, の店長, のオーナー, の女将, のママ): the name between a kind word of a
 * shop (ベーカリー パン屋 食堂 カフェ 喫茶 商店 薬局 八百屋 書店 青果店 美容室 …)
 * and the honorific becomes ［団体名］ (ベーカリー麦の穂さん → ベーカリー［団体名］
 * さん), a space after the kind allowed: 2–10 characters, not starting with a
 * particle, お or ご (スーパーの店長さん), holding no piece of a sentence, not
 * ending like a word or in a listed word (カフェ店員さん, 食堂ボランティアさん)
 * nor in a kind word (カフェ兼パン屋さん); a kind word alone (カフェさん) stays.
 * A shop's name before its kind word and the honorific becomes ［団体名］ too,
 * the kind kept (八木沢商店さん → ［団体名］商店さん, 丸岡工務店 さん): 2–6 kanji
 * or katakana before 商店 工務店 酒店 書店 薬局 商会 製作所 建設 工業 運送 …,
 * not a word that names none (地元 近所 個人 大手 …: 地元の商店さん stays).
 * A name the first pass took keeps its token. The full list of what is and is
 * not masked: docs/robustness.md. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define KANJI_MAX 5     /* a run of up to 5 kanji is taken whole */
#define KANJI_TAIL 3    /* of a longer one, the last 3 */
#define RUN_MAX 40
#define KATAKANA_MAX 10

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

typedef struct honorific {
    const char *word;
    bool kana_name;         /* a hiragana name may come before it */
} honorific;

static const honorific honorifics[] = {
    {"さん", false}, {"さま", false}, {"様", false}, {"氏", false}, {"先生", false},
    {"殿", false}, {"くん", true}, {"君", true}, {"ちゃん", true}};

/* Is the honorific at s[h] (l bytes) part of a longer word? */
static bool honorific_in_word(const char *s, size_t n, size_t h, size_t l)
{
    unsigned next = cp3(s, n, h + l);
    if (l == 3 && is_kanji(cp3(s, n, h)) && is_kanji(next))
        return true; /* 様子 様々 氏名 殿堂 君主 */
    if (at(s, n, h, "先生") && (at(s, n, h + l, "方") || at(s, n, h + l, "達")))
        return true;
    if (!at(s, n, h, "ちゃん") || !at(s, n, h + l, "と"))
        return false;
    /* ちゃんと ("properly"), unless 2–3 kanji after の come before it: お孫さんの
     * 美咲ちゃんと (a name and と) */
    size_t a = h, k = 0;
    while (a >= 3 && is_kanji(cp3(s, n, a - 3)) && k <= 3) {
        a -= 3;
        k++;
    }
    return !(k >= 2 && k <= 3 && a >= 3 && at(s, n, a - 3, "の"));
}

/* The last character of a run that makes it a role, a kin term, a place or
 * a body rather than a name. */
static bool ends_like_a_word(unsigned c)
{
    static const char *const chars[] = {
        "者", "員", "家", "師", "士", "長", "生", "民", "族", "医", "屋", "手", "官", "主", "協",
        "括", "所", "院", "校", "局", "園", "会", "団", "社", "店", "庁", "署", "課", "業", "体",
        "関", "政", "市", "区", "県", "府", "達", "方", "位", "様", "殿", "同", "両", "彼", "多",
        "異", "模", "仕", "有", "王", "神", "皆", "客", "各", "先", "人", "婦", "親", "母", "学",
        "行", "金", "設", "童", "当", "務", "付", "職", "輩", "僚", "司", "任", "護", "導", "級",
        "班", "係", "勢", "徒", "々"};
    for (size_t i = 0; i < COUNT(chars); i++)
        if (cp3(chars[i], 3, 0) == c)
            return true;
    return false;
}

/* The last character of a word before a space that is a role, not a
 * family name (担当者 山田さん, 事務局 田中さん). */
static bool ends_like_a_role(unsigned c)
{
    static const char *const chars[] = {"者", "員", "長", "師", "士", "家", "会", "所", "局", "課",
                                        "係", "部", "当", "任", "事", "表", "方", "様", "殿", "際"};
    for (size_t i = 0; i < COUNT(chars); i++)
        if (cp3(chars[i], 3, 0) == c)
            return true;
    return false;
}

/* Words a run may end with that are not names (kanji and katakana). */
static bool ends_with_listed_word(const char *s, size_t a, size_t b)
{
    static const char *const words[] = {
        "息子", "旦那", "奥", "娘", "孫", "兄", "姉", "弟", "妹", "嫁", "婿", "父", "祖母", "祖父",
        "叔母", "叔父", "伯母", "伯父", "双子", "王子", "弟子", "親子", "女子", "男子", "調子",
        "窓口", "常連", "近所", "相手", "仲間", "友達", "大工", "教頭", "児相", "地域", "近隣",
        "町内", "地元", "本部", "支部", "事務", "受付", "お隣", "隣", "家族", "身内",
        "ボランティア", "スタッフ", "ケアマネ", "ママ", "パパ", "ナース", "シェフ", "ゲスト", "ボス",
        "プロ", "チーム", "グループ", "クラブ", "カフェ", "サロン", "ショップ", "ストア", "ホテル",
        "コンビニ", "バス", "タクシー", "ネット", "ハウス", "ホーム", "クリニック", "バンク", "コープ",
        "ファミリー", "メイト", "ボラ", "ヘルパ"};
    for (size_t i = 0; i < COUNT(words); i++) {
        size_t k = strlen(words[i]);
        if (b - a >= k && memcmp(s + b - k, words[i], k) == 0)
            return true;
    }
    return false;
}

/* Single kanji that come before a name as a word of the sentence. */
static bool is_name_prefix(unsigned c)
{
    static const char *const chars[] = {"元", "新", "前", "故", "各", "同", "当", "副", "現", "旧",
                                        "亡", "若", "老", "小", "中", "大", "高", "初", "全"};
    for (size_t i = 0; i < COUNT(chars); i++)
        if (cp3(chars[i], 3, 0) == c)
            return true;
    return false;
}

/* The start of a run of 1–max kanji ending at s[p] and starting after a
 * character that is not a kanji (p: none). */
static size_t kanji_run_before(const char *s, size_t n, size_t p, size_t max)
{
    size_t q = p, k = 0;
    while (q >= 3 && is_kanji(cp3(s, n, q - 3)) && k <= max) {
        q -= 3;
        k++;
    }
    return k >= 1 && k <= max ? q : p;
}

/* A reading in brackets ending at s[e] ("(そごう)", kana only, 2–10): where
 * its "(" is, or e when there is none. */
static size_t reading_before(const char *s, size_t n, size_t e)
{
    size_t q = e, k = 0;
    if (e < 1 || s[e - 1] != ')')
        return e;
    q = e - 1;
    while (q >= 3 && (is_hiragana(cp3(s, n, q - 3)) || is_katakana(cp3(s, n, q - 3))) && k <= 10) {
        q -= 3;
        k++;
    }
    return k >= 2 && k <= 10 && q >= 1 && s[q - 1] == '(' ? q - 1 : e;
}

/* The whole of a name of which the run at [p, h) is a part: a katakana name
 * in words joined by ・ (グエン・ティ・トゥイ), a kanji family name before a
 * katakana given name (帯刀ミチル), a family name and its reading in brackets
 * before the given name (十河(そごう)千景). */
static size_t whole_name(const char *s, size_t n, size_t p, bool katakana)
{
    if (katakana) {
        for (int words = 0; words < 4 && p >= 6 && at(s, n, p - 3, "・") &&
                            is_katakana(cp3(s, n, p - 6)); words++) {
            p -= 3;
            for (size_t k = 0; p >= 3 && is_katakana(cp3(s, n, p - 3)) && k < KATAKANA_MAX; k++)
                p -= 3;
        }
        size_t q = kanji_run_before(s, n, p, 3);
        if (q < p && !ends_like_a_word(cp3(s, n, p - 3)) && !(p - q == 3 && is_name_prefix(cp3(s, n, q))))
            p = q;
        return p;
    }
    size_t r = reading_before(s, n, p);
    if (r < p) {
        size_t q = kanji_run_before(s, n, r, 4);
        if (q < r)
            p = q;
    }
    return p;
}

/* A family name before a space and the given name at s[p]: where it starts,
 * or p. 1–3 kanji, not part of a longer kanji run, not a word ending like a
 * role (担当者 山田さん, 事務局 林さん). When the given name is one kanji
 * (`one_kanji`), 2–3 kanji not ending like a word (感謝状 前田 徹殿). */
static size_t family_before_space(const char *s, size_t n, size_t p, bool one_kanji)
{
    if (p < 4 || s[p - 1] != ' ')
        return p;
    size_t q = p - 1, fam = 0;
    while (q >= 3 && is_kanji(cp3(s, n, q - 3)) && fam < 4) {
        q -= 3;
        fam++;
    }
    unsigned last = cp3(s, n, p - 4);
    if (fam < (one_kanji ? 2u : 1u) || fam > 3 || (q >= 3 && is_kanji(cp3(s, n, q - 3))) ||
        ends_like_a_role(last) || (one_kanji && ends_like_a_word(last)))
        return p;
    return q;
}

/* Hiragana words before ちゃん くん that are kin or a way of address, not a
 * name (近所のばあちゃん, 隣のおっちゃん). */
static bool is_kana_kin_word(const char *s, size_t a, size_t b)
{
    static const char *const words[] = {"じい", "ばあ", "じっ", "ばっ", "にい", "ねえ", "とう",
                                        "かあ", "おっ", "あん", "ぼっ", "じいじ", "ばあば"};
    for (size_t i = 0; i < COUNT(words); i++)
        if (b - a == strlen(words[i]) && memcmp(s + a, words[i], b - a) == 0)
            return true;
    return false;
}

/* A hiragana name of 2–4 characters after の that ends a word, before the
 * honorific at s[h] (中学生のりょうたくん, 子どものゆうきくん): its start, or
 * h. The word before の ends in a kanji, a katakana, a Latin letter or a
 * digit (中3の), or in ども or たち. */
static size_t kana_name_after_no(const char *s, size_t n, size_t h)
{
    size_t found = h;
    for (size_t k = 2; k <= 4 && h >= 3 * (k + 2); k++) {
        size_t q = h - 3 * k;
        if (!is_hiragana(cp3(s, n, q)) || !at(s, n, q - 3, "の"))
            continue;
        unsigned word_end = cp3(s, n, q - 6);
        bool ends_word = is_kanji(word_end) || is_katakana(word_end) ||
                         nps_mask_is_alnum((unsigned char)s[q - 4]) || /* 中3のひなたくん */
                         (q >= 9 && (at(s, n, q - 9, "ども") || at(s, n, q - 9, "たち")));
        if (ends_word && !at(s, n, q, "お") && !at(s, n, q, "ご") && !is_kana_kin_word(s, q, h))
            found = q;
    }
    for (size_t q = found; q < h; q += 3)
        if (!is_hiragana(cp3(s, n, q)))
            return h;
    return found;
}

/* Words before の and a kin word that say how the person is related, not
 * whose family it is (親戚のおばちゃん, 田舎のおじいちゃん). */
static bool is_relation_word(const char *s, size_t a, size_t b)
{
    static const char *const words[] = {"親戚", "親類", "実家", "母方", "父方", "義理", "友人",
                                        "知人", "親友", "田舎", "隣家", "団地", "教室", "食堂"};
    for (size_t i = 0; i < COUNT(words); i++)
        if (b - a == strlen(words[i]) && memcmp(s + a, words[i], b - a) == 0)
            return true;
    return false;
}

/* A family name of 2–3 kanji before の and a kin word before the honorific
 * at s[h] (眞栄田のおじいちゃん, 比嘉のおばあさん, 荒木の奥さん: the grandfather of that
 * family): the kanji after a non-kanji, not ending like a word or in a
 * listed word (近所のおばちゃん, 施設のおじいちゃん stay). Its start, or h;
 * *end: where it ends. */
static size_t family_before_kin(const char *s, size_t n, size_t h, size_t *end)
{
    static const char *const kin[] = {"おじい", "おばあ", "おじ", "おば", "おにい", "おねえ",
                                      "じい", "ばあ", "じっ", "ばっ", "奥", "旦那", "娘", "息子",
                                      "お母", "お父", "お嫁", "お孫"};
    for (size_t i = 0; i < COUNT(kin); i++) {
        size_t k = strlen(kin[i]), no;
        if (h < k + 9 || memcmp(s + h - k, kin[i], k) != 0 || !at(s, n, h - k - 3, "の"))
            continue;
        no = h - k - 3;
        size_t q = kanji_run_before(s, n, no, 3);
        if (q == no || (no - q) / 3 < 2 || ends_like_a_word(cp3(s, n, no - 3)) ||
            ends_with_listed_word(s, q, no) || is_relation_word(s, q, no))
            return h;
        *end = no;
        return q;
    }
    return h;
}

/* Where the name before the honorific at s[h] starts (h: none). */
static size_t name_before(const char *s, size_t n, size_t h, bool kana_name)
{
    size_t p = h, chars = 0;
    size_t r = reading_before(s, n, h);
    if (r < h) { /* 十河(そごう)さん: the name before its reading */
        size_t q = kanji_run_before(s, n, r, 5);
        return q < r && !ends_like_a_word(cp3(s, n, r - 3)) ? q : h;
    }
    unsigned last = h >= 3 ? cp3(s, n, h - 3) : 0;
    bool (*same)(unsigned) = is_kanji(last) ? is_kanji : is_katakana(last) ? is_katakana
                           : is_hiragana(last) && kana_name ? is_hiragana : NULL;
    size_t max = same == is_kanji ? KANJI_MAX : same == is_katakana ? KATAKANA_MAX : 4;
    if (!same)
        return h;
    if (same == is_hiragana && kana_name_after_no(s, n, h) < h)
        return kana_name_after_no(s, n, h);
    while (p >= 3 && same(cp3(s, n, p - 3)) && chars < RUN_MAX) {
        p -= 3;
        chars++;
    }
    if (chars > max) { /* 大学院松澤先生: the last characters only */
        p = h - 3 * (same == is_kanji ? KANJI_TAIL : max);
        chars = same == is_kanji ? KANJI_TAIL : max;
    }
    unsigned before = p >= 3 ? cp3(s, n, p - 3) : 0;
    if (chars == 1 && same == is_kanji) { /* 前田 徹殿: one kanji only after a family name */
        size_t q = family_before_space(s, n, p, true);
        return q < p ? q : h;
    }
    if (chars < 2 || ends_with_listed_word(s, p, h))
        return h;
    if (same == is_hiragana && (is_hiragana(before) || at(s, n, p, "お") || at(s, n, p, "ご") ||
                                at(s, n, p, "の")))
        return h; /* part of a longer run, おばちゃん, or のばあちゃん (after の: above) */
    if (same == is_kanji && ends_like_a_word(last))
        return h;
    if (same == is_katakana && last == 0x30FC)
        return h; /* ヘルパー, センター, サポーター */
    if (same != is_hiragana && (before == 0x304A || before == 0x3054 || before == 0x5FA1 || before == 0x8CB4))
        return h; /* お客様, ご家族様, 御社様, 貴社様 */
    if (same == is_kanji && chars <= 3)
        p = family_before_space(s, n, p, false); /* 桐生 亜紀さん */
    if (same == is_hiragana && is_kanji(before)) { /* 松浦ひなたちゃん: the family name in kanji */
        size_t q = kanji_run_before(s, n, p, 3);
        if (q < p && !ends_like_a_word(before) && !(p - q == 3 && is_name_prefix(cp3(s, n, q))))
            p = q;
    }
    return whole_name(s, n, p, same == is_katakana);
}

/* ---- a shop addressed with さん ------------------------------------------ */

/* Kind words of a shop or a business, before its name (ベーカリー麦の穂さん). */
static const char *const shop_kinds[] = {
    "ベーカリー", "パン屋", "パン工房", "食堂", "カフェ", "喫茶店", "喫茶", "珈琲店", "商店", "薬局",
    "八百屋", "魚屋", "肉屋", "花屋", "酒屋", "米屋", "豆腐屋", "本屋", "書店", "精肉店", "鮮魚店",
    "青果店", "菓子店", "美容室", "美容院", "理容室", "理髪店", "居酒屋", "レストラン", "弁当屋",
    "スーパー", "工務店", "農園", "牧場", "商会"};
#define SHOP_NAME_MAX 10

static bool is_particle(unsigned c)
{
    static const char *const chars[] = {"の", "を", "が", "は", "で", "に", "と", "も", "へ", "や"};
    for (size_t i = 0; i < COUNT(chars); i++)
        if (cp3(chars[i], 3, 0) == c)
            return true;
    return false;
}

static bool shop_name_char(unsigned c)
{
    return is_kanji(c) || is_katakana(c) || is_hiragana(c) || c == 0x30FB || c == 0x30F6 ||
           (c < 0x80 && (nps_mask_is_alnum((unsigned char)c) || c == '&'));
}

static size_t shop_kind_before(const char *s, size_t a, size_t b)
{
    for (size_t i = 0; i < COUNT(shop_kinds); i++) {
        size_t k = strlen(shop_kinds[i]);
        if (b - a >= k && memcmp(s + b - k, shop_kinds[i], k) == 0)
            return k;
    }
    return 0;
}

/* Is [a, h) a shop's name: 2–10 characters, not starting with a particle,
 * お or ご, holding no piece of a sentence (して, った …); not ending like a
 * word, a listed word, katakana in ー or a kind word (兼パン屋)? */
static bool shop_name(const char *s, size_t n, size_t a, size_t h)
{
    static const char *const pieces[] = {"して", "した", "って", "った", "てい", "ます", "です",
                                         "いる", "ある", "には", "では", "から", "まで", "のお", "のご"};
    size_t chars = 0;
    for (size_t p = a; p < h; p += (unsigned char)s[p] < 0x80 ? 1 : 3) {
        chars++;
        for (size_t i = 0; i < COUNT(pieces); i++)
            if (at(s, h, p, pieces[i]))
                return false;
    }
    unsigned last = cp3(s, n, h - 3);
    if (chars < 2 || chars > SHOP_NAME_MAX || is_particle(cp3(s, n, a)) || at(s, n, a, "お") ||
        at(s, n, a, "ご"))
        return false; /* スーパーの店長さん, カフェおじさん */
    return !ends_like_a_word(last) && !ends_with_listed_word(s, a, h) && last != 0x30FC &&
           shop_kind_before(s, a, h) == 0;
}

/* The name between a shop's kind word and the honorific at s[h]
 * (ベーカリー麦の穂さん → 麦の穂), a space after the kind allowed: its start,
 * or h. The nearest kind word before the honorific counts. */
static size_t shop_name_before(const char *s, size_t n, size_t h)
{
    size_t m = h;
    for (size_t chars = 0; m > 0 && chars <= SHOP_NAME_MAX; chars++) {
        size_t a = m > 0 && s[m - 1] == ' ' ? m - 1 : m, k = shop_kind_before(s, 0, a);
        if (k > 0 && m < h)
            return shop_name(s, n, m, h) ? m : h;
        size_t step = (unsigned char)s[m - 1] < 0x80 ? 1 : 3;
        if (m < step || !shop_name_char(step == 1 ? (unsigned char)s[m - 1] : cp3(s, n, m - 3)))
            break;
        m -= step;
    }
    return h;
}

/* Kind words a shop's or a firm's name comes before (八木沢商店さん,
 * 丸岡工務店 さん), and words before them that name none (地元の商店さん). */
static const char *const kinds_after_name[] = {"工務店", "商店", "酒店", "書店", "薬局", "青果店",
                                               "精肉店", "鮮魚店", "米店", "菓子店", "電器店", "商会",
                                               "製作所", "建設", "工業", "運送", "商事", "酒造", "印刷",
                                               "農園", "牧場"};
static const char *const generic_shops[] = {"地元", "近所", "地域", "個人", "大手", "町内", "市内",
                                            "専門", "老舗", "小売", "各", "同", "当", "某", "他"};

/* The name before a kind word ending at s[k] (八木沢 of 八木沢商店): 2–6
 * kanji or katakana after a non-kanji, not a listed word. Its start, or k. */
static size_t name_before_kind(const char *s, size_t n, size_t k)
{
    size_t a = k, chars = 0;
    while (a >= 3 && (is_kanji(cp3(s, n, a - 3)) || is_katakana(cp3(s, n, a - 3))) && chars <= 6) {
        a -= 3;
        chars++;
    }
    if (chars < 2 || chars > 6)
        return k;
    for (size_t i = 0; i < COUNT(generic_shops); i++)
        if (k - a == strlen(generic_shops[i]) && memcmp(s + a, generic_shops[i], k - a) == 0)
            return k;
    return a;
}

/* A shop's name before its kind word and the honorific at s[h] (a space
 * before the honorific allowed): [*a, *b), or *a == *b. */
static void name_kind_before(const char *s, size_t n, size_t h, size_t *a, size_t *b)
{
    size_t e = h > 0 && s[h - 1] == ' ' ? h - 1 : h;
    *a = *b = h;
    for (size_t i = 0; i < COUNT(kinds_after_name); i++) {
        size_t l = strlen(kinds_after_name[i]);
        if (e < l || memcmp(s + e - l, kinds_after_name[i], l) != 0)
            continue;
        size_t start = name_before_kind(s, n, e - l);
        if (start < e - l) {
            *a = start;
            *b = e - l;
        }
        return;
    }
}

static int shop_names(work *w)
{
    static const char *const hon[] = {"さん", "さま", "様", "のマスター", "の店主", "の店長",
                                      "のオーナー", "の女将", "のママ"};
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t h = 6; h < n; h++) {
        if ((unsigned char)s[h] != 0xE3 && (unsigned char)s[h] != 0xE6)
            continue;
        for (size_t k = 0; k < COUNT(hon); k++) {
            if (!at(s, n, h, hon[k]) || honorific_in_word(s, n, h, strlen(hon[k])))
                continue;
            size_t a = shop_name_before(s, n, h), ka, kb;
            if (a < h && nps_mask_take(w, &w->v1, a, h, NPS_MASK_ORGANISATION) < 0)
                return -1;
            name_kind_before(s, n, h, &ka, &kb); /* 八木沢商店さん */
            if (a == h && kb > ka && nps_mask_take(w, &w->v1, ka, kb, NPS_MASK_ORGANISATION) < 0)
                return -1;
            h += strlen(hon[k]) - 1;
            break;
        }
    }
    return 0;
}

int nps_mask_rule_honorific(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t h = 3; h < n; h++) {
        if ((unsigned char)s[h] < 0xE3)
            continue; /* every honorific starts with E3 (kana) or E5–E6 (kanji) */
        for (size_t k = 0; k < COUNT(honorifics); k++) {
            size_t l = strlen(honorifics[k].word);
            if (!at(s, n, h, honorifics[k].word) || honorific_in_word(s, n, h, l))
                continue;
            size_t p = name_before(s, n, h, honorifics[k].kana_name), e = h;
            if (p == h && h >= 4 && s[h - 1] == ' ' && s[h - 2] != ' ') { /* 松浦ひなた ちゃん */
                e = h - 1;
                p = name_before(s, n, e, honorifics[k].kana_name);
            }
            if (p == e) /* 眞栄田のおじいちゃん */
                p = family_before_kin(s, n, h, &e);
            if (p < e && nps_mask_take(w, &w->v1, p, e, NPS_MASK_NAME) < 0)
                return -1;
            h += l - 1;
            break;
        }
    }
    return shop_names(w);
}
