/*
 * mask_people.c — the masker's rules for names of people the masker has no
 * list of, written without an honorific (mask_honorific.c has those with
 * one). Each becomes ［氏名］; the words around it stay.
 *   - After a role and a link (の, ・, :, a space): 理事長の砂金鷹臣が, 代表 山田太郎,
 *     担当:佐藤, 代表・中村 恵子. The name is a run of kanji (3–5 after の or ・;
 *     2–5 after : or a space), or two such runs with a space (山田 太郎), or
 *     katakana words joined by ・; it must end at a particle, punctuation, a
 *     space, a bracket or the end, and not end in a character that makes a
 *     word (者 員 会 …) nor be one of the words that follow a role (方針, 判断,
 *     交代 …). After の or ・, two kanji alone are a name when the second is
 *     one family names end in (田 藤 本 川 中 口 …) and the two are not a
 *     listed word (担当の岡田（…）, but 担当の窓口, 代表の葛藤 stay).
 *   - Before a role of one's own (四十物事務局長が, 山田代表の): a run of 2–4
 *     kanji after a character that is not a kanji, the role followed by a
 *     particle, punctuation, a space or the end; not a word that makes the
 *     role a title (副, 前, 新, 町内, 自治, 地域, 団体 … 町内会長, 歴代理事長).
 *   - Romaji names: mask_romaji.c.
 *   - A full name in kana alone in brackets, with a space between the family
 *     and the given name (利用者さん（ふじもと ともこ）), or a given name in
 *     hiragana alone in brackets after a word for a person (女の子（りおな）).
 *   - A name in kana after 名前は or 本名は (名前は、さちこだよ, 名前はマリアです).
 *   - A name with its reading: 1–4 kanji, the reading in brackets, then
 *     1–3 kanji, or 2–5 hiragana before an honorific (小路谷(こじや)まゆみさん).
 *   - A family name in hiragana before an honorific: 3–5 hiragana after
 *     punctuation, a space, the start, or a particle (の は が と に も) that
 *     follows a kanji or katakana (店主のかわむらさん); not starting with お
 *     or ご (but おお and 2–3 more, おおつきさん, is a name), not a kin or shop word
 *     (とうさん, やおやさん, たくさん, おおやさん).
 * Scans the NFKC view v1 after the honorific rule. The full list of what is
 * and is not masked: docs/robustness.md. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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

static bool in_list(const char *s, size_t a, size_t b, const char *const *words, size_t nw)
{
    for (size_t i = 0; i < nw; i++)
        if (strlen(words[i]) == b - a && memcmp(s + a, words[i], b - a) == 0)
            return true;
    return false;
}

static bool ends_with_any(const char *s, size_t a, size_t b, const char *const *words, size_t nw)
{
    for (size_t i = 0; i < nw; i++) {
        size_t k = strlen(words[i]);
        if (b - a >= k && memcmp(s + b - k, words[i], k) == 0)
            return true;
    }
    return false;
}

/* ---- a name after or before a role ------------------------------------- */

/* Roles, longer first where one starts another. */
static const char *const roles_before[] = {
    "代表理事", "共同代表", "副代表", "代表者", "代表", "副理事長", "理事長", "理事", "副会長", "会長",
    "事務局長", "事務局員", "事務局", "施設長", "センター長", "所長", "園長", "館長", "室長",
    "担当者", "担当", "責任者", "コーディネーター", "世話人", "監事", "議員",
    /* people met outside the organisation */
    "主任児童委員", "民生委員", "児童委員", "保健師", "看護師", "社会福祉士", "ケースワーカー",
    "ソーシャルワーカー", "ケアマネジャー", "ケアマネージャー", "ケアマネ", "相談員", "支援員",
    "校長", "教頭", "担任", "主治医", "医師", "弁護士", "司法書士", "行政書士", "税理士", "店長",
    "社長", "院長", "課長", "係長", "主査", "区長", "町内会長", "自治会長",
    /* who wrote or spoke, in minutes */
    "記録者", "記入者", "回答者", "書記", "司会"};
/* The first characters of the lists. */
#define ROLE_STARTS "代共副理会事施セ所園館室担責コ世監局議主民児保看社ケソ相支校教医弁司行税店院課係区町自記回書"
static const char *const roles_after[] = {"事務局長", "代表理事", "理事長", "代表", "会長",
                                          "施設長", "所長", "園長", "館長", "局長", "室長", "監事"};

/* Characters that end a word, not a name (利用者, 職員, 町内会 …). */
static const char *const word_ends[] = {
    "者", "員", "会", "団", "体", "局", "所", "課", "部", "係", "室", "長", "師", "士", "家",
    "生", "様", "達", "方", "化", "性", "的", "中", "内", "外", "後", "前", "時", "日", "年", "月",
    "度", "金", "費", "料", "額", "分", "等", "制", "職", "業", "務", "権", "法", "館", "園", "校",
    "院", "所", "場", "室", "町", "市", "区", "村", "県", "道", "側", "面", "点", "上", "下", "間",
    "名"};

/* Characters that end an abstract noun (不足, 挨拶文, 事業計画): not a name
 * after a role and の. Not used before a role (四十物事務局長 is a name). */
static const char *const noun_ends[] = {
    "足", "了", "文", "率", "数", "費", "題", "動", "営", "援", "携", "議", "画", "告", "策",
    "況", "容", "識", "担", "規", "則", "約", "案", "件", "表", "書", "類", "報", "票", "届", "証",
    "帳", "簿", "品", "物", "具", "器", "材", "続", "保", "討", "催", "整", "置", "止", "減", "増",
    "加", "入", "出", "談", "話", "絡", "任", "定", "成", "施", "針", "断", "向", "見", "括", "域", "援", "携",
    "問", "診", "療", "察", "応", "示", "巡", "派", "遣", "当"};

/* Words that follow a role and are not a name. */
static const char *const not_names[] = {
    "方針", "判断", "意向", "意見", "負担", "個人", "自宅", "仕事", "役割", "交代", "任期", "就任",
    "不在", "退任", "後任", "人柄", "熱意", "努力", "思い", "考え", "経験", "知人", "人脈", "紹介",
    "高齢化", "世代交代", "兼務", "専任", "一人", "二人", "全員", "全員一致", "自身", "本人",
    "引退", "急逝", "死去", "病気", "体調", "入院", "退職", "異動", "選任", "選出", "決定", "承認",
    "了承", "署名", "押印", "印鑑", "携帯", "電話", "連絡", "名前", "氏名", "名義", "口座", "報酬",
    "給与", "手当", "不足", "確保", "募集", "育成", "配置", "研修", "会議", "打合", "打合せ", "相談",
    "数人", "三人", "四人", "五人", "数名", "経由", "自ら", "同行", "同席", "立会い"};

/* Titles and words before a role that make it a title, not a name + role. */
static const char *const not_before_role[] = {
    "町内", "自治", "地域", "地区", "団体", "法人", "当会", "当法人", "歴代", "初代", "二代目",
    "名誉", "役員", "事務", "総会", "総務", "会計", "学校", "施設", "現場", "全体", "共同", "前任",
    "後任", "新任", "現任", "筆頭", "常務", "専務", "運営", "統括", "地元", "支部", "本部", "各団体"};

/* Is s[p] where a name may end: end, punctuation, space, bracket, particle? */
static bool name_boundary(const char *s, size_t n, size_t p)
{
    static const char *const after[] = {"が", "は", "も", "と", "に", "を", "の", "で", "へ", "や",
                                        "から", "まで", "より", "、", "。", "」", "』", "・"};
    if (p >= n || s[p] == ' ' || s[p] == ',' || s[p] == '.' || s[p] == ')' || s[p] == '(' ||
        s[p] == '!' || s[p] == '?' || s[p] == '\n')
        return true;
    for (size_t i = 0; i < COUNT(after); i++)
        if (at(s, n, p, after[i]))
            return true;
    return false;
}

/* A run of kanji from s[p], ノ or ヶ between two kanji counted in it
 * (西ノ園, 霞ヶ浦): its end; *chars its characters. */
static size_t kanji_run(const char *s, size_t n, size_t p, size_t *chars)
{
    size_t q = p;
    *chars = 0;
    while (q < n && *chars < 8 &&
           (is_kanji(cp3(s, n, q)) || (q > p && (cp3(s, n, q) == 0x30CE || cp3(s, n, q) == 0x30F6) &&
                                       is_kanji(cp3(s, n, q + 3))))) {
        q += 3;
        ++*chars;
    }
    return q;
}

/* Does [a, b) hold ノ or ヶ (a proper name: 西ノ園)? */
static bool has_name_kana(const char *s, size_t n, size_t a, size_t b)
{
    for (size_t p = a; p < b; p += 3)
        if (cp3(s, n, p) == 0x30CE || cp3(s, n, p) == 0x30F6)
            return true;
    return false;
}

static bool word_like(const char *s, size_t a, size_t b)
{
    return ends_with_any(s, a, b, word_ends, COUNT(word_ends)) ||
           in_list(s, a, b, not_names, COUNT(not_names));
}

static bool noun_like(const char *s, size_t a, size_t b)
{
    return word_like(s, a, b) || ends_with_any(s, a, b, noun_ends, COUNT(noun_ends));
}

/* Characters common family names end in (田中 佐藤 山本 岡田 清水 …), for a
 * family name of two kanji alone after a role and の. Left out: characters
 * that end more words than names (部 内 上 元 西 東 子 代 目 地 関 宅 …). */
#define SURNAME_ENDS "田山川藤林木橋本村野井原崎﨑島嶋沢澤谷岡森池坂浜濱尾浦瀬塚辺邊宮松杉" \
                     "菅根中口水石岩江永沼淵嵐葉倉畑垣柳"
/* Two-kanji words that end so and may follow a role and の. */
static const char *const surname_like_words[] = {
    "葛藤", "基本", "資本", "日本", "見本", "手本", "原本", "台本", "絵本", "根本", "分野", "視野",
    "周辺", "近辺", "身辺", "途中", "最中", "日中", "年中", "連中", "集中", "夢中", "背中", "意中",
    "胸中", "文中", "手中", "窓口", "入口", "出口", "人口", "悪口", "糸口", "給水", "断水", "防水",
    "屋根", "大根", "登山", "下山", "河川", "森林", "土木", "材木", "農村", "漁村", "山村", "水田",
    "一本", "二本", "数本", "言葉", "沢山", "底辺", "山林", "植木", "脚本", "標本", "布石", "電池",
    "田畑", "河口", "下水", "上水", "用水", "謄本", "抄本", "正本", "副本", "元本", "裾野", "心中",
    "渦中", "喪中", "早口", "無口", "市井", "天井"};

/* Two kanji after a role and の that read as a family name alone (担当の
 * 岡田（…）): the last one a character family names end in, not a listed
 * word nor a word that follows a role. */
static bool family_alone(const char *s, size_t n, size_t a, size_t b)
{
    return b - a == 6 && char_in(SURNAME_ENDS, s, n, a + 3) &&
           !in_list(s, a, b, surname_like_words, COUNT(surname_like_words)) &&
           !in_list(s, a, b, not_names, COUNT(not_names));
}

/* A family name of 2–3 kanji right after a role in katakana, with no link
 * (担当ケースワーカー長谷川から): it must end in a character family names end
 * in, at a name boundary, and not be a listed word. Its end, or p. */
static size_t family_after_katakana(const char *s, size_t n, size_t p)
{
    size_t k, q = kanji_run(s, n, p, &k);
    if (k < 2 || k > 3 || !name_boundary(s, n, q) || !char_in(SURNAME_ENDS, s, n, q - 3) ||
        in_list(s, q - 6, q, surname_like_words, COUNT(surname_like_words)) ||
        in_list(s, p, q, not_names, COUNT(not_names)))
        return p;
    return q;
}

/* The name after a role at s[p] (the link already passed): its end, or p.
 * min: the fewest kanji of a name in one run. */
static size_t name_after(const char *s, size_t n, size_t p, size_t min)
{
    for (size_t r = 0; r < COUNT(roles_before); r++)
        if (at(s, n, p, roles_before[r]))
            return p; /* 代表 理事: a second role, not a name */
    size_t k, q = kanji_run(s, n, p, &k), k2, q2;
    if (k >= 1 && k <= 3 && q < n && s[q] == ' ') { /* 山田 太郎 */
        q2 = kanji_run(s, n, q + 1, &k2);
        if (k2 >= 1 && k2 <= 3 && name_boundary(s, n, q2) && !noun_like(s, q + 1, q2))
            return q2;
    }
    if (k >= min && k <= 6 && name_boundary(s, n, q) && (has_name_kana(s, n, p, q) || !noun_like(s, p, q)))
        return q;
    if (k == 2 && min == 3 && name_boundary(s, n, q) && family_alone(s, n, p, q))
        return q; /* 担当の岡田（…）: a family name alone */
    if (k == 0 && is_katakana(cp3(s, n, p))) { /* katakana words joined by ・ */
        q = p;
        size_t dots = 0;
        while (q < n && (is_katakana(cp3(s, n, q)) || (at(s, n, q, "・") && is_katakana(cp3(s, n, q + 3))))) {
            dots += at(s, n, q, "・");
            q += 3;
        }
        if (dots >= 1 && cp3(s, n, q - 3) != 0x30FC && name_boundary(s, n, q))
            return q;
    }
    return p;
}

/* A name in brackets right after a role (保健師(石田 早苗), 相談員(長谷川),
 * not 相談員(父親), 支援員(非常勤)): two runs with a space, a family name of
 * 2–3 kanji ending like one, or 4–5 kanji not like a word; then ")". Its
 * end, or p. */
static size_t name_in_brackets(const char *s, size_t n, size_t p)
{
    size_t k, q = kanji_run(s, n, p, &k), e = p;
    if (k >= 1 && k <= 3 && q < n && s[q] == ' ')
        e = name_after(s, n, p, 2);
    else if (k >= 2 && k <= 3 && char_in(SURNAME_ENDS, s, n, q - 3) &&
             !in_list(s, q - 6, q, surname_like_words, COUNT(surname_like_words)) &&
             !in_list(s, p, q, not_names, COUNT(not_names)))
        e = q;
    else if (k >= 4 && k <= 5)
        e = name_after(s, n, p, 4);
    return e < n && s[e] == ')' ? e : p;
}

/* Job titles a family name comes right before (区役所の柴田主査, 山本課長が):
 * the name is 2–3 kanji ending like a family name, after a non-kanji. */
static const char *const titles_after[] = {"主査", "主任", "主事", "係長", "課長", "部長", "校長",
                                           "教頭", "院長", "店長", "社長", "保健師", "看護師",
                                           "相談員", "支援員", "民生委員", "ケースワーカー", "ケアマネ"};

static int names_after_roles(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        if ((unsigned char)s[p] < 0xE3 || !char_in(ROLE_STARTS, s, n, p))
            continue;
        for (size_t r = 0; r < COUNT(roles_before); r++) {
            if (!at(s, n, p, roles_before[r]))
                continue;
            size_t e = p + strlen(roles_before[r]), a = e, b = e;
            if (at(s, n, e, "の") || at(s, n, e, "・")) { /* 代表・中村 恵子 */
                a = e + 3;
                b = name_after(s, n, a, 3);
            } else if (e < n && (s[e] == ':' || s[e] == ' ')) {
                for (a = e; a < n && (s[a] == ':' || s[a] == ' '); a++)
                    ;
                b = name_after(s, n, a, 2);
            } else if (e < n && s[e] == '(') { /* 保健師(石田 早苗) */
                a = e + 1;
                b = name_in_brackets(s, n, a);
            } else if (is_katakana(cp3(s, n, e - 3))) { /* ケースワーカー長谷川から */
                b = family_after_katakana(s, n, a);
            }
            if (b < n && s[b] == '(' && cp3(s, n, b + 1) >= 0x3041 && cp3(s, n, b + 1) <= 0x30FA)
                b = a; /* 小路谷(こじや)まゆみ: the name with its reading, below */
            if (b > a && nps_mask_take(w, &w->v1, a, b, NPS_MASK_NAME) < 0)
                return -1;
            p = (b > a ? b : e) - 1;
            break;
        }
    }
    return 0;
}

/* The start of the name before a role of one's own at s[p] (四十物事務局長が),
 * or p. */
static size_t name_before_role(const char *s, size_t n, size_t p)
{
    size_t a = p, k = 0;
    while (a >= 3 && is_kanji(cp3(s, n, a - 3)) && k <= 4) {
        a -= 3;
        k++;
    }
    if (k >= 2 && k <= 4 && !word_like(s, a, p) &&
        !ends_with_any(s, a, p, not_before_role, COUNT(not_before_role)) &&
        !(a >= 3 && (cp3(s, n, a - 3) == 0x304A || cp3(s, n, a - 3) == 0x3054)))
        return a;
    return p;
}

/* The start of a family name before a job title at s[p] (柴田主査): 2–3
 * kanji ending like a family name, or 3 after の not like a word (小学校の
 * 宇佐美校長). Its start, or p. */
static size_t family_before_title(const char *s, size_t n, size_t p)
{
    size_t a = p, k = 0;
    while (a >= 3 && is_kanji(cp3(s, n, a - 3)) && k <= 3) {
        a -= 3;
        k++;
    }
    if (k < 2 || k > 3 || ends_with_any(s, a, p, not_before_role, COUNT(not_before_role)))
        return p;
    if (char_in(SURNAME_ENDS, s, n, p - 3) && !in_list(s, p - 6, p, surname_like_words, COUNT(surname_like_words)))
        return a;
    return k == 3 && a >= 3 && at(s, n, a - 3, "の") && !noun_like(s, a, p) ? a : p; /* 小学校の宇佐美校長 */
}

static int names_before_roles(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 6; p < n; p++) {
        if ((unsigned char)s[p] < 0xE3 || !char_in(ROLE_STARTS, s, n, p))
            continue;
        size_t l = 0, a = p;
        for (size_t r = 0; r < COUNT(roles_after) && !l; r++)
            if (at(s, n, p, roles_after[r]) && name_boundary(s, n, p + strlen(roles_after[r]))) {
                l = strlen(roles_after[r]);
                a = name_before_role(s, n, p);
            }
        for (size_t r = 0; r < COUNT(titles_after) && !l; r++)
            if (at(s, n, p, titles_after[r]) && name_boundary(s, n, p + strlen(titles_after[r]))) {
                l = strlen(titles_after[r]);
                a = family_before_title(s, n, p);
            }
        if (a < p && nps_mask_take(w, &w->v1, a, p, NPS_MASK_NAME) < 0)
            return -1;
        if (l)
            p += l - 1;
    }
    return 0;
}

/* Is s[p] the "(" of a role in brackets ((事務局長), (民生委員))? */
static bool bracketed_role(const char *s, size_t n, size_t p)
{
    if (s[p] != '(')
        return false;
    for (size_t r = 0; r < COUNT(roles_before); r++)
        if (at(s, n, p + 1, roles_before[r]) && p + 1 + strlen(roles_before[r]) < n &&
            s[p + 1 + strlen(roles_before[r])] == ')')
            return true;
    return false;
}

/* Characters that end a role or a body, not a family name before a space
 * (事務局 山田(代表)). */
static const char *const role_ends[] = {"者", "員", "局", "会", "課", "部", "係", "所", "長",
                                        "師", "士", "当", "表", "事", "務"};

/* A name before a role in brackets (上野 真一(事務局長)より): 1–3 kanji, a
 * space and 1–3 kanji, or 2–5 kanji not like a word, after a non-kanji.
 * Its start, or p. */
static size_t name_before_bracket(const char *s, size_t n, size_t p)
{
    size_t a = p, k = 0, k2 = 0;
    while (a >= 3 && is_kanji(cp3(s, n, a - 3)) && k <= 5) {
        a -= 3;
        k++;
    }
    if (k >= 1 && k <= 3 && a >= 4 && s[a - 1] == ' ') {
        size_t f = a - 1;
        while (f >= 3 && is_kanji(cp3(s, n, f - 3)) && k2 <= 3) {
            f -= 3;
            k2++;
        }
        if (k2 >= 1 && k2 <= 3 && !ends_with_any(s, f, a - 1, role_ends, COUNT(role_ends)) &&
            !word_like(s, a, p))
            return f; /* 中村 和也(代表理事): 村 ends a family name here */
    }
    return k >= 2 && k <= 5 && !noun_like(s, a, p) ? a : p;
}

static int names_before_bracketed_roles(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 3; p < n; p++) {
        if (s[p] != '(' || !bracketed_role(s, n, p))
            continue;
        size_t a = name_before_bracket(s, n, p);
        if (a < p && nps_mask_take(w, &w->v1, a, p, NPS_MASK_NAME) < 0)
            return -1;
    }
    return 0;
}

static int role_names(work *w)
{
    if (names_before_bracketed_roles(w) != 0)
        return -1;
    return names_after_roles(w) != 0 || names_before_roles(w) != 0 ? -1 : 0;
}

/* An honorific at s[p] (さん 様 さま 氏 先生 ちゃん くん 君), spaces before it skipped. */
bool nps_mask_honorific_at(const char *s, size_t n, size_t p)
{
    static const char *const hon[] = {"さん", "様", "さま", "氏", "先生", "ちゃん", "くん", "君"};
    static const char *const latin[] = {"san", "sama", "sensei", "kun", "chan"};
    size_t q = p;
    while (p < n && s[p] == ' ')
        p++;
    for (size_t i = 0; i < COUNT(hon); i++)
        if (at(s, n, p, hon[i]))
            return true;
    if (p < n && p == q && s[p] == '-') /* Kotone-san */
        p++;
    else if (p == q)
        return false; /* Tanakasan is one word */
    for (size_t i = 0; i < COUNT(latin); i++) {
        size_t k = strlen(latin[i]);
        if (nps_mask_prefix_ci(s + p, n - p, latin[i]) &&
            !(p + k < n && nps_mask_is_alnum((unsigned char)s[p + k])))
            return true;
    }
    return false;
}

/* ---- names with a reading, in hiragana, after 名義 ------------------------ */

static bool is_hiragana(unsigned c) { return c >= 0x3041 && c <= 0x3096; }
static bool is_kana(unsigned c) { return is_hiragana(c) || is_katakana(c); }

/* 1–3 kanji, a reading of 2–8 kana in brackets, 1–3 kanji ending at a name
 * boundary and not like a word: 東海林(しょうじ)真尋が. The kanji before the
 * bracket (up to 4: 五百旗頭) must stand after a non-kanji. The span, or a == b. */
static void reading_name(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    size_t q = p + 1, k = 0, k2, e;
    *a = *b = p;
    while (q < n && is_kana(cp3(s, n, q)) && k < 9) {
        q += 3;
        k++;
    }
    if (k < 2 || k > 8 || q >= n || s[q] != ')')
        return;
    e = kanji_run(s, n, q + 1, &k2);
    if (k2 == 0) { /* 小路谷(こじや)まゆみさん: a given name in hiragana, then an honorific */
        for (e = q + 1; e < n && is_hiragana(cp3(s, n, e)) && k2 < 6 &&
                        !(k2 >= 2 && nps_mask_honorific_at(s, n, e)); e += 3)
            k2++;
        if (k2 < 2 || k2 > 5 || !nps_mask_honorific_at(s, n, e))
            return;
    } else if (k2 > 3 || !name_boundary(s, n, e) || noun_like(s, q + 1, e)) {
        return;
    }
    size_t f = p;
    k = 0;
    while (f >= 3 && is_kanji(cp3(s, n, f - 3)) && k <= 4) {
        f -= 3;
        k++;
    }
    if (k >= 1 && k <= 4) {
        *a = f;
        *b = e;
    }
}

/* Two hiragana words and a space, then an honorific (いわぶち ちさと さん):
 * the first word starts after a non-hiragana, a particle (の は が …) there
 * dropped. p: the space. The span, or a == b. */
static void hiragana_name(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    size_t f = p, k = 0, e = p + 1;
    *a = *b = p;
    for (size_t c = 0; e < n && is_hiragana(cp3(s, n, e)) && c < 6; c++, e += 3)
        if (c >= 2 && nps_mask_honorific_at(s, n, e))
            break; /* ちさとさん: the honorific glued */
    if (e - p - 1 < 6 || e - p - 1 > 15 || !nps_mask_honorific_at(s, n, e))
        return;
    while (f >= 3 && is_hiragana(cp3(s, n, f - 3)) && k <= 6) {
        f -= 3;
        k++;
    }
    if (k > 2 && char_in("のはがともをにへで", s, n, f))
        f += 3, k--;
    if (k >= 2 && k <= 5) {
        *a = f;
        *b = e;
    }
}

/* Hiragana words before さん that are not family names: kin, shops, ordinary words. */
static const char *const kana_not_names[] = {
    "とう", "かあ", "にい", "ねえ", "ばあ", "じい", "あに", "あね", "おじ", "おば", "かみ", "よめ",
    "むこ", "だんな", "みな", "みんな", "たく", "こども", "ありがと", "ごくろう", "おつかれ",
    "ごちそう", "ようこそ", "いらっしゃい", "ぼっちゃん", "おじょう", "あかちゃん"};

/* A family name of 3–5 hiragana before the honorific at s[h] (かわむらさん),
 * or a full name of 6–7 standing alone or after a particle that follows a
 * word (利用者のさとうけいこさん):
 * after punctuation, a space, the start or a particle that follows a kanji
 * or katakana; not after お or ご, not a kin or shop word. The span, or a == b. */
static void hiragana_family(const char *s, size_t n, size_t h, size_t *a, size_t *b)
{
    static const char *const hon[] = {"さん", "先生", "様", "さま", "氏"};
    size_t f = h, k = 0;
    bool ok = false;
    *a = *b = h;
    for (size_t i = 0; i < COUNT(hon) && !ok; i++)
        ok = at(s, n, h, hon[i]);
    unsigned after = cp3(s, n, h + 3);
    if (!ok || at(s, n, h, "さんぽ") ||
        ((at(s, n, h, "様") || at(s, n, h, "氏")) && is_kanji(after)))
        return; /* なっている様子, 様々: not an honorific */
    while (f >= 3 && is_hiragana(cp3(s, n, f - 3)) && k <= 6) {
        f -= 3;
        k++;
    }
    unsigned before = f >= 3 ? cp3(s, n, f - 3) : 0;
    if (k > 3 && char_in("のはがとにも", s, n, f) && (is_kanji(before) || is_katakana(before))) {
        f += 3; /* 店主のかわむら: the particle is the sentence's */
        k--;
    } else if (before && (is_kanji(before) || is_katakana(before))) {
        return; /* 皆さん, 奥さん: kana after a kanji ends its word */
    }
    if (k > 5 && f >= 3 && is_hiragana(cp3(s, n, f - 3)) &&
        !(f >= 6 && char_in("のはがとにも", s, n, f - 3) &&
          (is_kanji(cp3(s, n, f - 6)) || is_katakana(cp3(s, n, f - 6)))))
        return; /* a full name (利用者のさとうけいこさん) only as a run of its own or after a
                 * particle that follows a word: not きょうのおきゃくさん */
    bool oo_name = k >= 4 && at(s, n, f, "おお"); /* おおつきさん (大槻), not おかあさん */
    if (k < 3 || k > 7 || (at(s, n, f, "お") && !oo_name) || at(s, n, f, "ご") ||
        ends_with_any(s, f, h, kana_not_names, COUNT(kana_not_names)) || at(s, n, h - 3, "や") ||
        at(s, n, h - 6, "しゃ"))
        return; /* やおやさん, はいしゃさん: a shop or a trade */
    *a = f;
    *b = h;
}

/* After 名義 (口座名義, 名義人) and は, が, :, spaces: katakana words, two with
 * a space (ツキシマ アヤネ), one after : or a space, or one after a bank's
 * short legal form, taken with it (名義がカ)ヤマダショウジ). The span, or a == b. */
static void holder_name(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    size_t q = p + 6, e, e2;
    bool sep = false;
    *a = *b = p;
    if (at(s, n, q, "人"))
        q += 3;
    if (at(s, n, q, "は") || at(s, n, q, "が"))
        q += 3;
    while (q < n && (s[q] == ' ' || s[q] == ':')) {
        sep = true;
        q++;
    }
    size_t k = 0, f = q;
    while (f < n && is_katakana(cp3(s, n, f)) && k < 4) { /* カ)ヤマダショウジ: a bank's legal form */
        f += 3;
        k++;
    }
    if (k >= 1 && f < n && s[f] == ')')
        f++;
    bool bank = f > q && s[f - 1] == ')';
    size_t name = bank ? f : q;
    for (e = name; e < n && is_katakana(cp3(s, n, e)); e += 3)
        ;
    if (e - name < 6)
        return;
    for (e2 = e + 1; e < n && s[e] == ' ' && e2 < n && is_katakana(cp3(s, n, e2)); e2 += 3)
        ;
    if (e < n && s[e] == ' ' && e2 - e - 1 >= 6)
        e = e2;
    else if (!sep && !bank)
        return;
    *a = q;
    *b = e;
}

/* Is s[p] the "(" of a date of birth ((昭和15年3月2日生), (H20.4.1生まれ))?
 * An era or digits first, 生 before the ")" within 24 bytes. */
static bool birth_bracket(const char *s, size_t n, size_t p)
{
    static const char *const starts[] = {"昭和", "平成", "令和", "大正", "S", "H", "R", "s", "h", "r"};
    bool start = p + 1 < n && nps_mask_is_digit((unsigned char)s[p + 1]);
    for (size_t i = 0; i < COUNT(starts) && !start; i++)
        start = at(s, n, p + 1, starts[i]);
    if (!start)
        return false;
    for (size_t q = p + 1; q < n && q < p + 40 && s[q] != ')'; q++)
        if (at(s, n, q, "生"))
            return true;
    return false;
}

/* The name before a date of birth in brackets at s[p] (杉本トメ(昭和15年…生),
 * 山田 花子(H20…生)): 1–4 kanji and 1–4 kana, 2–5 kanji, or two runs of
 * kanji with a space, after a non-kanji. Its start, or p. */
static size_t name_before_birth(const char *s, size_t n, size_t p)
{
    size_t a = p, kana = 0, k = 0;
    while (a >= 3 && is_kana(cp3(s, n, a - 3)) && kana <= 4) {
        a -= 3;
        kana++;
    }
    size_t g = a;
    while (a >= 3 && is_kanji(cp3(s, n, a - 3)) && k <= 5) {
        a -= 3;
        k++;
    }
    if (kana > 4 || k > 5 || (kana ? k < 1 || k > 4 : k < 2))
        return p;
    if (!kana && k <= 3 && a >= 4 && s[a - 1] == ' ') { /* 山田 花子 */
        size_t f = a - 1, k2 = 0;
        while (f >= 3 && is_kanji(cp3(s, n, f - 3)) && k2 <= 3) {
            f -= 3;
            k2++;
        }
        if (k2 >= 1 && k2 <= 3 && !word_like(s, f, a - 1))
            return f;
    }
    return kana || !word_like(s, a, g) ? a : p;
}

/* Is s[p] the "(" of a child's age or school year ((小5), (中2), (3歳),
 * (年長), (小学4年)) or of a student's (大学生), (学生ボランティア)? */
static bool age_bracket(const char *s, size_t n, size_t p)
{
    static const char *const words[] = {"年長", "年中", "年少", "小学", "中学", "高校", "小", "中", "高"};
    static const char *const students[] = {"大学生", "高校生", "中学生", "小学生", "専門学校生",
                                           "学生ボランティア", "学生", "院生"};
    size_t q = p + 1;
    for (size_t i = 0; i < COUNT(students); i++)
        if (at(s, n, q, students[i]) && at(s, n, q + strlen(students[i]), ")"))
            return true; /* さとみ(大学生) */
    for (size_t i = 0; i < COUNT(words); i++)
        if (at(s, n, q, words[i])) {
            q += strlen(words[i]);
            break;
        }
    bool school = q > p + 1, digits = false;
    while (q < n && nps_mask_is_digit((unsigned char)s[q])) {
        q++;
        digits = true;
    }
    if (!school && !digits)
        return false;
    if (at(s, n, q, "歳") || at(s, n, q, "才") || at(s, n, q, "年"))
        q += 3;
    else if (!school)
        return false;
    if (at(s, n, q, "生"))
        q += 3;
    return q < n && s[q] == ')';
}

/* A child's given name before the bracket of its age at s[p] (アキラ(小5),
 * 翔太(3歳), ゆうと(年長)): 2–6 katakana, 2–3 kanji that end no word, or
 * 2–4 hiragana after the start, a space or punctuation (not a kin word,
 * not after お or ご). The span, or a == b. */
static void name_before_age(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    unsigned last = cp3(s, n, p - 3);
    bool (*same)(unsigned) = is_katakana(last) ? is_katakana : is_kanji(last) ? is_kanji : is_hiragana;
    size_t f = p, k = 0;
    *a = *b = p;
    if (!is_kana(last) && !is_kanji(last))
        return;
    while (f >= 3 && same(cp3(s, n, f - 3)) && k <= 6) {
        f -= 3;
        k++;
    }
    unsigned before = f >= 3 ? cp3(s, n, f - 3) : 0;
    static const char *const not_children[] = {"ケース", "ママ", "パパ", "キッズ", "ベビー", "スタッフ",
                                               "メンバー", "リーダー", "ボランティア", "ボラ"};
    static const char *const kin_ends[] = {"男", "女", "子", "人", "親", "母", "父", "兄", "姉",
                                           "弟", "妹", "孫", "児", "生", "長", "員"};
    if (same == is_katakana && (k < 2 || k > 6 || at(s, n, f - 3, "・") ||
                                in_list(s, f, p, not_children, COUNT(not_children))))
        return;
    if (same == is_kanji && (k < 2 || k > 3 || word_like(s, f, p) ||
                             ends_with_any(s, f, p, kin_ends, COUNT(kin_ends))))
        return; /* 長男(中2), 次女(小4) */
    if (same == is_hiragana &&
        (k < 2 || k > 4 || (f > 0 && before != 0x3001 && before != 0x3002 && s[f - 1] != ' ') ||
         at(s, n, f, "お") || at(s, n, f, "ご") ||
         ends_with_any(s, f, p, kana_not_names, COUNT(kana_not_names))))
        return;
    *a = f;
    *b = p;
}

/* A kana word of 2–5 characters of one script at s[q]: its end, or q. */
static size_t kana_word(const char *s, size_t n, size_t q)
{
    bool (*same)(unsigned) = is_hiragana(cp3(s, n, q)) ? is_hiragana : is_katakana;
    size_t e = q;
    while (e < n && same(cp3(s, n, e)) && e - q < 18)
        e += 3;
    return e - q >= 6 && e - q <= 15 ? e : q;
}

/* A full name in kana alone in brackets, the family and the given name with
 * a space between (利用者さん（ふじもと ともこ）, （フジモト トモコ）). p: the
 * bracket. The span, or a == b. */
static void bracketed_kana_name(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    static const char *const answers[] = {"はい", "いいえ", "あり", "なし", "ある", "ない"};
    size_t e1 = kana_word(s, n, p + 1), e2 = e1 < n && s[e1] == ' ' ? kana_word(s, n, e1 + 1) : e1;
    *a = *b = p;
    for (size_t i = 0; i < COUNT(answers); i++)
        if (at(s, n, p + 1, answers[i]) && p + 1 + strlen(answers[i]) == e1)
            return; /* （はい いいえ）: choices */
    if (e1 > p + 1 && e2 > e1 + 1 && e2 < n && s[e2] == ')' &&
        is_hiragana(cp3(s, n, p + 1)) == is_hiragana(cp3(s, n, e1 + 1))) {
        *a = p + 1;
        *b = e2;
    }
}

/* A given name in hiragana alone in brackets after a word for a person
 * (中1の女の子（りおな）, 相談者（みなみ）): 2–5 hiragana. p: the bracket. The
 * span, or a == b. */
static void bracketed_kana_given(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    static const char *const persons[] = {"子", "者", "性", "児", "生", "娘", "息子", "さん", "くん",
                                          "ちゃん", "君", "人"};
    size_t e = kana_word(s, n, p + 1);
    bool person = false;
    *a = *b = p;
    for (size_t i = 0; i < COUNT(persons) && !person; i++)
        person = p >= strlen(persons[i]) &&
                 memcmp(s + p - strlen(persons[i]), persons[i], strlen(persons[i])) == 0;
    if (person && e > p + 1 && e < n && s[e] == ')' && is_hiragana(cp3(s, n, p + 1))) {
        *a = p + 1;
        *b = e;
    }
}

/* A name in kana after 名前は, 名前が, 本名は (a space, 、 or : between
 * allowed), before だよ, です, って or an honorific (名前は、さちこだよ,
 * 名前はマリアです); not まだ, ない, ひみつ. The span at p, or a == b. */
static void kana_after_name_word(const char *s, size_t n, size_t p, size_t *a, size_t *b)
{
    static const char *const heads[] = {"名前は", "名前が", "本名は", "名前:"};
    static const char *const tails[] = {"だよ", "だって", "です", "って", "ちゃん", "くん", "さん"};
    static const char *const words[] = {"まだ", "ない", "なし", "ひみつ", "ふめい", "わから"};
    size_t q = p;
    *a = *b = p;
    for (size_t i = 0; i < COUNT(heads) && q == p; i++)
        if (at(s, n, p, heads[i]))
            q = p + strlen(heads[i]);
    if (q == p)
        return;
    if (at(s, n, q, "、") || at(s, n, q, ","))
        q += at(s, n, q, "、") ? 3 : 1;
    while (q < n && s[q] == ' ')
        q++;
    for (size_t i = 0; i < COUNT(words); i++)
        if (at(s, n, q, words[i]))
            return;
    bool (*same)(unsigned) = is_hiragana(cp3(s, n, q)) ? is_hiragana : is_katakana;
    size_t e = q;
    while (e < n && e - q < 15 && same(cp3(s, n, e))) {
        bool tail = false;
        for (size_t i = 0; i < COUNT(tails) && !tail && e - q >= 6; i++)
            tail = at(s, n, e, tails[i]);
        if (tail)
            break;
        e += 3; /* kana are 3 bytes */
    }
    bool tail = false;
    for (size_t i = 0; i < COUNT(tails) && !tail; i++)
        tail = at(s, n, e, tails[i]);
    /* a hiragana name ends at a tail; a katakana one at any other character */
    if (e - q >= 6 && e - q <= 15 && (tail || (same == is_katakana && !same(cp3(s, n, e))))) {
        *a = q;
        *b = e;
    }
}

/* Take the words of v1 [a, b) between spaces one by one (a name part of
 * which an earlier rule took): 0, or -1 out of memory. */
static int take_each_word(work *w, size_t a, size_t b)
{
    for (size_t q = a; q < b;) {
        const char *sp = memchr(w->v1.s + q, ' ', b - q);
        size_t e = sp ? (size_t)(sp - w->v1.s) : b;
        if (e > q && nps_mask_take(w, &w->v1, q, e, NPS_MASK_NAME) < 0)
            return -1;
        q = e + 1;
    }
    return 0;
}

static int other_names(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        size_t a = p, b = p;
        if (s[p] == '(' && p >= 6 && birth_bracket(s, n, p)) {
            a = name_before_birth(s, n, p);
            b = a < p ? p : a;
        } else if (s[p] == '(' && p >= 6 && age_bracket(s, n, p)) {
            name_before_age(s, n, p, &a, &b);
        } else if (s[p] == '(') {
            if (p >= 3)
                reading_name(s, n, p, &a, &b);
            if (b == a)
                bracketed_kana_name(s, n, p, &a, &b);
            if (b == a)
                bracketed_kana_given(s, n, p, &a, &b);
        }
        else if (s[p] == ' ' && p >= 6)
            hiragana_name(s, n, p, &a, &b);
        else if (at(s, n, p, "名義"))
            holder_name(s, n, p, &a, &b);
        else if (at(s, n, p, "名前") || at(s, n, p, "本名"))
            kana_after_name_word(s, n, p, &a, &b);
        else if (p >= 9 && is_hiragana(cp3(s, n, p - 3)) && (unsigned char)s[p] >= 0xE3)
            hiragana_family(s, n, p, &a, &b);
        if (b > a) {
            int took = nps_mask_take(w, &w->v1, a, b, NPS_MASK_NAME);
            if (took == 0 && s[p] == ' ' && a < p) /* ゆうとくん taken by its honorific */
                took = nps_mask_take(w, &w->v1, a, p, NPS_MASK_NAME);
            if (took == 0 && s[p] == '(') /* （フジモト トモコ） with トモコ taken */
                took = take_each_word(w, a, b);
            if (took < 0)
                return -1;
            p = b > p ? b - 1 : p; /* a family name before the honorific at p ends at p */
        }
    }
    return 0;
}

int nps_mask_rule_people(work *w)
{
    return role_names(w) != 0 || nps_mask_rule_romaji(w) != 0 || other_names(w) != 0 ? -1 : 0;
}
