/*
 * mask_places.c — the masker's rule for the names of places people go to,
 * written without a legal form: clinics and hospitals (…クリニック, …医院,
 * …病院, …診療所), schools (…小学校, …中学校, …高等学校, …高校, …市立…学校,
 * …中学 and …小 written short (東雲中学, 東若葉小: 3–6 kanji before 小, not
 * 縮小 最小 …), nurseries: …保育園 …保育所 …幼稚園 …こども園), the
 * centres of the care system named by their area
 * (千歳台地域包括支援センター, …包括支援センター), and temples, shrines and
 * churches (…寺, …神社, …教会, …キリスト教会, …福音教会). The name before
 * the kind word becomes ［団体名］ and the kind word stays
 * (藤森内科医院 → ［団体名］内科医院, 帯広市立白鳩ヶ丘小学校 → 帯広市立［団体名］小学校).
 *
 * The name: the run of kanji, kana and ヶ before the kind word (kanji only
 * before 寺 神社 教会), back to punctuation, a space, a Latin letter or a
 * particle (の は が と に で …) standing after a kanji or katakana or after
 * the okurigana of a word (地域の病院, グループホームや病院, 夏祭りは…神社 read no
 * more; こころのクリニック keeps its の after a hiragana); after 市立 町立
 * 道立 県立 国立 私立 … only what follows it. A medical speciality at its end
 * (内科 小児科 歯科 …) stays outside the mask. It must be 2 characters or
 * more, not start with お or ご (お寺), not end like a verb or an adjective
 * (近くの, 大きな, 入院できる), and not be a word of the sentence from the
 * list below (地元 近所 総合 大学 専門 特別支援 菩提 キリスト …). Public
 * hospitals (a name holding 立, 大学, 赤十字, 労災, 市民) stay: they name an
 * institution of the region, as 社会福祉協議会 does. The kind word must not
 * be followed by a kanji (寺院, 寺田, 高校生, 病院内); …学校 alone only after
 * …立. Runs after the rules for people, so a name already taken keeps its
 * token (小野寺さん).
 *
 * Local groups the same way (緑ヶ丘三区町内会 → ［団体名］町内会): before 町内会
 * 町会 自治会 区会 部落会 住民会 老人クラブ 老人会 シニアクラブ 子ども会 婦人会
 * 女性会 青年会 青年団, the run back to punctuation or a particle (ASCII digits
 * in it too: 2丁目町内会), 地区 連合 単位 … before the kind word left out
 * (本町連合町内会 → ［団体名］連合町内会). In kanji it must read as a place (its
 * last character 町 区 丘 台 条 目 川 …, or katakana in it); in kana, 3
 * characters or more not ending in a particle (ひまわり子ども会); never a word
 * of the sentence (各 近隣 所属 毎年 団地 …: 各町内会, 近隣自治会 stay). The kind
 * word may be followed by a kanji (町内会館, 町内会長) but not by 議 (町会議員).
 * A care home named after its kind, with a space or in brackets (特養
 * はなみずきの里, 包括（さくらんぼ苑）): the name, 2–12 kana or kanji ending in の里
 * の家 の郷 苑 荘 園 ホーム ハウス, becomes ［団体名］; the kind stays.
 * No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define RUN_MAX 16

enum place_class { MEDICAL, SCHOOL, SCHOOL_AFTER_RITSU, SCHOOL_SHORT, CENTRE, RELIGIOUS, LOCAL_GROUP };

typedef struct place_kind {
    const char *word;
    enum place_class cls;
} place_kind;

/* Longer first where one ends another at the same start. */
static const place_kind kinds[] = {
    {"クリニック", MEDICAL}, {"診療所", MEDICAL}, {"医院", MEDICAL}, {"病院", MEDICAL},
    {"中等教育学校", SCHOOL}, {"義務教育学校", SCHOOL}, {"特別支援学校", SCHOOL},
    {"支援学校", SCHOOL}, {"養護学校", SCHOOL}, {"高等学校", SCHOOL}, {"小学校", SCHOOL},
    {"中学校", SCHOOL}, {"中学", SCHOOL}, {"高校", SCHOOL}, {"学校", SCHOOL_AFTER_RITSU},
    {"保育園", SCHOOL}, {"保育所", SCHOOL}, {"幼稚園", SCHOOL}, {"こども園", SCHOOL},
    {"小", SCHOOL_SHORT},
    {"地域包括支援センター", CENTRE}, {"包括支援センター", CENTRE},
    {"神社", RELIGIOUS}, {"キリスト教会", RELIGIOUS}, {"福音教会", RELIGIOUS},
    {"聖書教会", RELIGIOUS}, {"バプテスト教会", RELIGIOUS}, {"ルーテル教会", RELIGIOUS},
    {"教会", RELIGIOUS}, {"寺", RELIGIOUS},
    {"町内会", LOCAL_GROUP}, {"町会", LOCAL_GROUP}, {"自治会", LOCAL_GROUP}, {"区会", LOCAL_GROUP},
    {"部落会", LOCAL_GROUP}, {"住民会", LOCAL_GROUP}, {"老人クラブ", LOCAL_GROUP},
    {"老人会", LOCAL_GROUP}, {"シニアクラブ", LOCAL_GROUP}, {"子ども会", LOCAL_GROUP},
    {"子供会", LOCAL_GROUP}, {"こども会", LOCAL_GROUP}, {"婦人会", LOCAL_GROUP},
    {"女性会", LOCAL_GROUP}, {"青年会", LOCAL_GROUP}, {"青年団", LOCAL_GROUP}};
#define KIND_STARTS "ク診医病中義特支養高小学神教寺町自区部住老シ子こ婦女青地包保幼キ福聖バル"

/* Characters a place name ends in (緑ヶ丘三区, 本町, 桜台, 北三条 …): a
 * local group's name in kanji must end so. */
#define PLACE_ENDS "町区丘台条通沢澤川山野原田島浜岡森谷里園坂橋本東西南北央新宮平崎" \
                   "浦津井目番丁地郷寺線号岬浦湖岱堤"
/* Words before 町内会, 自治会 … that name no one (各町内会, 近隣自治会,
 * 所属町内会, 団地自治会), in addition to `generic`. */
static const char *const local_generic[] = {
    "単位", "連合", "所属", "加入", "未加入", "関係", "複数", "周囲", "全市", "全道", "各地", "営団地",
    "営住宅", "地元", "地域", "毎年", "今年", "昨年",
    "来年", "以前", "現在", "今後", "当時", "自分", "私", "うち", "我が", "市町村", "全国", "中心",
    "当番", "輪番", "沿線", "それぞれ", "いろいろ", "あちこち", "ほか"};
/* Buildings a local group may be named after that alone name none. */
static const char *const local_buildings[] = {"団地", "マンション", "アパート", "住宅", "ハイツ", "コーポ",
                                              "ニュータウン", "社宅", "官舎"};

/* Medical specialities that stay outside the mask (longer first). */
static const char *const specialities[] = {
    "整形外科", "脳神経外科", "心療内科", "耳鼻咽喉科", "産婦人科", "泌尿器科", "循環器科",
    "消化器科", "小児科", "皮膚科", "精神科", "耳鼻科", "婦人科", "内科", "外科", "歯科", "眼科",
    "メンタル"};

/* Words of a sentence, not names, that a run may be or end with. */
static const char *const generic[] = {
    "地元", "地域", "近所", "近く", "近隣", "市内", "町内", "村内", "区内", "管内", "道内", "県内",
    "都内", "周辺", "各", "他", "別", "同", "当", "本", "全", "一般", "総合", "専門", "協力", "連携",
    "提携", "救急", "動物", "中央", "民間", "公立", "私立", "かかりつけ", "行きつけ", "最寄り",
    "身近", "その", "この", "あの", "どの", "同じ", "特別", "支援", "特別支援", "定時制", "通信制",
    "夜間", "母校", "出身", "地方", "みんな", "こども", "子ども", "子供", "地区", "校区", "学区",
    "菩提", "檀那", "氏神", "キリスト", "カトリック", "プロテスタント", "仏教", "日本", "新しい",
    "大きな", "小さな", "色々", "いろんな", "色んな", "へき地", "僻地", "有床", "無床", "個人",
    "精神", "小児", "在宅", "訪問", "心療", "療養", "介護", "それ", "これ", "あれ", "附属", "付属",
    "併設", "一貫", "担当", "管轄", "所管", "委託", "基幹", "市町村", "認可", "認定", "無認可",
    "認可外", "企業主導型", "小規模", "事業所内", "院内", "病児", "病後児", "公設", "民設", "保育",
    "幼保連携型"};

/* Where a medical name shows a public institution. */
static const char *const public_marks[] = {"立", "大学", "赤十字", "労災", "市民", "町民", "道民", "県民"};

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
static bool is_hiragana(unsigned c) { return c >= 0x3041 && c <= 0x3096; }

static bool ends_with(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    return b - a >= k && memcmp(s + b - k, w, k) == 0;
}

static bool contains(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    for (size_t p = a; p + k <= b; p += 3)
        if (memcmp(s + p, w, k) == 0)
            return true;
    return false;
}

/* The start of the name run ending at s[q] (q: none); kanji only for a
 * temple or shrine; ASCII digits too for a local group (2丁目町内会). */
static size_t run_start(const char *s, size_t n, size_t q, bool kanji_only, bool digits)
{
    size_t a = q, chars = 0;
    while (a >= 1 && chars < RUN_MAX) {
        if (digits && nps_mask_is_digit((unsigned char)s[a - 1])) {
            a--;
            chars++;
            continue;
        }
        if (a < 3)
            break;
        unsigned c = cp3(s, n, a - 3);
        if (!is_kanji(c) && (kanji_only || (!is_katakana(c) && !is_hiragana(c))))
            break;
        if (is_hiragana(c) && char_in("のはがをにでともへやか", s, n, a - 3) && a >= 6 &&
            (!is_hiragana(cp3(s, n, a - 6)) || (a >= 9 && is_kanji(cp3(s, n, a - 9)))))
            break; /* 地域の病院, 夏祭りは…: a particle after a word or its okurigana */
        a -= 3;
        chars++;
    }
    /* …市立…: the name is what follows 立 */
    for (size_t p = q; !digits && p >= a + 6; p -= 3)
        if (at(s, n, p - 3, "立") && is_kanji(cp3(s, n, p - 6)))
            return p;
    return a;
}

static bool verb_like(const char *s, size_t a, size_t b)
{
    static const char *const endings[] = {"る", "た", "い", "う", "く", "て", "だ", "な", "ず", "ぬ",
                                          "け"};
    for (size_t i = 0; i < COUNT(endings); i++)
        if (ends_with(s, a, b, endings[i]))
            return true;
    return false;
}

/* The end of a local group's name before its kind word at s[q]: a word
 * between them that only says which part of it (地区 連合 …) left out
 * (緑町連合町内会: 緑町). */
static size_t local_end(const char *s, size_t a, size_t q)
{
    static const char *const tails[] = {"地区", "校区", "学区", "連合", "単位", "第"};
    for (size_t i = 0; i < COUNT(tails); i++)
        if (ends_with(s, a, q, tails[i]))
            return q - strlen(tails[i]);
    return q;
}

/* Is [a, b) the name of a local group (緑ヶ丘三区 of 緑ヶ丘三区町内会)? Not a
 * listed word nor ending in one; in kanji, a place name (its last
 * character a place's, or ヶ or katakana in it: 5年度町内会 stays); or 3
 * kana or more not ending in a particle (ひまわり子ども会, but みんなで子ども会). */
static bool local_name(const char *s, size_t n, size_t a, size_t b)
{
    bool kana = true, marked = false;
    for (size_t i = 0; i < COUNT(local_generic); i++)
        if (ends_with(s, a, b, local_generic[i]))
            return false;
    for (size_t i = 0; i < COUNT(generic); i++)
        if (ends_with(s, a, b, generic[i]))
            return false;
    for (size_t i = 0; i < COUNT(local_buildings); i++)
        if (b - a == strlen(local_buildings[i]) && memcmp(s + a, local_buildings[i], b - a) == 0)
            return false;
    for (size_t p = a; p < b; p += nps_mask_is_digit((unsigned char)s[p]) ? 1 : 3) {
        unsigned c = cp3(s, n, p);
        kana = kana && (is_hiragana(c) || is_katakana(c));
        marked = marked || is_katakana(c);
    }
    if (kana)
        return nps_mask_utf8_count(s + a, b - a) >= 3 && !char_in("のはがをにでともへや", s, n, b - 3);
    return marked || char_in(PLACE_ENDS, s, n, b - 3);
}

/* Is [a, b) a name, for a kind of class cls? */
static bool is_name(const char *s, size_t n, size_t a, size_t b, enum place_class cls)
{
    size_t c = ends_with(s, a, b, "の") ? b - 3 : b;
    if (c - a < 6 || at(s, n, a, "お") || at(s, n, a, "ご") || verb_like(s, a, c))
        return false;
    if (cls == LOCAL_GROUP)
        return c == b && local_name(s, n, a, b);
    for (size_t i = 0; i < COUNT(generic); i++)
        if (ends_with(s, a, c, generic[i]) || ends_with(s, a, b, generic[i]))
            return false;
    if (cls == MEDICAL)
        for (size_t i = 0; i < COUNT(public_marks); i++)
            if (contains(s, a, b, public_marks[i]))
                return false;
    if (cls == RELIGIOUS)
        for (size_t p = a; p < b; p += 3)
            if (is_hiragana(cp3(s, n, p)))
                return false; /* お寺, ご近所のお寺 */
    return true;
}

/* The end of the name before the kind word at s[q]: the specialities
 * at its end left out. */
static size_t name_end(const char *s, size_t a, size_t q)
{
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; i < COUNT(specialities); i++)
            if (ends_with(s, a, q, specialities[i])) {
                q -= strlen(specialities[i]);
                more = true;
                break;
            }
    }
    return q;
}

/* Is the run [a, q) before 小 an elementary school's name written short
 * (東若葉小)? 3–6 kanji, none of kana, not ending in a word that 小 ends
 * (縮小 最小 大小 中小 弱小 過小 狭小 極小). */
static bool short_school(const char *s, size_t n, size_t a, size_t q)
{
    size_t chars = (q - a) / 3;
    for (size_t p = a; p < q; p += 3)
        if (!is_kanji(cp3(s, n, p)))
            return false;
    return chars >= 3 && chars <= 6 && !char_in("縮最大中弱過狭極矮", s, n, q - 3);
}

/* ---- a care home named after its kind ---------------------------------- */

/* Kinds of care a home's name follows, with a space or in brackets. */
static const char *const care_kinds[] = {"特養", "特別養護老人ホーム", "老健", "包括", "グループホーム",
                                         "サ高住", "有料老人ホーム", "ショートステイ", "デイサービス",
                                         "デイ", "施設"};
/* The first characters of care_kinds. */
#define CARE_STARTS "特老包グサ有シデ施"
/* Endings of a home's name (はなみずきの里, さくらんぼ苑). */
static const char *const care_tails[] = {"の里", "の家", "の郷", "苑", "荘", "園", "ホーム", "ハウス"};

/* The end of a home's name at s[p] (kana and kanji, 2–12 characters,
 * ending in a listed ending, then a space, a bracket or a particle), or p. */
static size_t care_name_end(const char *s, size_t n, size_t p)
{
    size_t q = p, chars = 0, best = p;
    while (q < n && chars < 12) {
        unsigned c = cp3(s, n, q);
        if (!is_kanji(c) && !is_katakana(c) && !is_hiragana(c))
            break;
        q += 3;
        chars++;
        for (size_t i = 0; i < COUNT(care_tails); i++)
            if (chars >= 2 && ends_with(s, p, q, care_tails[i]) && q - p > strlen(care_tails[i]))
                best = q;
    }
    if (best == p || (best < n && s[best] != ' ' && s[best] != ')' && !char_in("にへでとがをはのや、。", s, n, best)))
        return p;
    return best;
}

static int care_homes(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        if ((unsigned char)s[p] < 0xE3 || !char_in(CARE_STARTS, s, n, p))
            continue;
        for (size_t i = 0; i < COUNT(care_kinds); i++) {
            size_t e = p + strlen(care_kinds[i]);
            if (!at(s, n, p, care_kinds[i]) || e >= n || (s[e] != ' ' && s[e] != '('))
                continue;
            size_t a = e + 1, b = care_name_end(s, n, a);
            if (b > a && nps_mask_take(w, &w->v1, a, b, NPS_MASK_ORGANISATION) < 0)
                return -1;
            p = (b > a ? b : e) - 1;
            break;
        }
    }
    return 0;
}

int nps_mask_rule_places(work *w)
{
    if (care_homes(w) != 0)
        return -1;
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t q = 6; q < n; q++) {
        if ((unsigned char)s[q] < 0xE3 || !char_in(KIND_STARTS, s, n, q))
            continue;
        for (size_t i = 0; i < COUNT(kinds); i++) {
            if (!at(s, n, q, kinds[i].word))
                continue;
            size_t e = q + strlen(kinds[i].word);
            bool local = kinds[i].cls == LOCAL_GROUP;
            if (local ? at(s, n, e, "議") : is_kanji(cp3(s, n, e)))
                break; /* 寺院, 高校生; 町内会館 is still a local group's, 町会議員 not */
            size_t a = run_start(s, n, q, kinds[i].cls == RELIGIOUS, local);
            bool ritsu = a >= 3 && at(s, n, a - 3, "立");
            size_t b = kinds[i].cls == MEDICAL ? name_end(s, a, q) : local ? local_end(s, a, q) : q;
            if (kinds[i].cls == SCHOOL_SHORT && !short_school(s, n, a, q))
                break;
            if (b > a && !(ritsu && kinds[i].cls == MEDICAL) && (kinds[i].cls != SCHOOL_AFTER_RITSU || ritsu) &&
                is_name(s, n, a, b, kinds[i].cls) &&
                nps_mask_take(w, &w->v1, a, b, NPS_MASK_ORGANISATION) < 0)
                return -1;
            q = e - 1;
            break;
        }
    }
    return 0;
}
