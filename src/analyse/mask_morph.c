/*
 * mask_morph.c — the masker's last rule: names found by MeCab with the IPA
 * dictionary (mecab-ipadic-utf8), for the names no shape gives away — a bare
 * family name in a rota, a nickname, a given name alone (docs/robustness.md,
 * "Masking: what is masked and what is not").
 *
 * The rules before this one look for the shape of personal data (an
 * honorific after a name, a role before it, 〒, @ …). A name written with
 * nothing around it has no shape; only a dictionary of names can tell
 * 「送迎は小松が」 or 「マッキーが中心」 from ordinary words (and not always: in
 * 「金曜 柳瀬 の順」 MeCab reads 柳瀬 as a place, and it stays). MeCab segments the
 * chunk and tags each word; a run of words tagged 名詞,固有名詞,人名 becomes
 * ［氏名］, except where the reading as a name is the unlikely one: the run
 * is one character (道央's 央; but 堀さん), all hiragana (あゆみ, あかり are
 * words too), katakana inside a longer katakana word (ケア|マネ), or
 * followed by a word of places (石狩管内, 江別方面, 伊達市) or part of a
 * fund's name (小林董信基金: a public body, not a reference to a person).
 * A word MeCab reads otherwise but that may be a name in the dictionary is
 * masked before a name's suffix (東さん, 林様: さん is 名詞,接尾,人名), or
 * alone in round brackets when it is no common noun too (監事（岡部）; not
 * （平野）, a plain).
 * A word the dictionary may read as a family name, even a common word
 * (早乙女, 御手洗) or a rare place of 3+ kanji (百目鬼), is masked when the
 * clause gives it a task: 「早乙女が保護者面談を担当し」, 「堀江に送迎を頼みました」,
 * 「夜間ボランティアの御手洗より：」 (word_is_agent).
 * Most family names are also places in the dictionary (吉川, 西村, 桑原);
 * MeCab's reading in context decides, so a town read as a name in a
 * sentence (「江別の子ども食堂」) is masked too: the safer error.
 * The rule runs last, over the original bytes, so every span an earlier rule
 * took keeps its token; it only adds.
 *
 * Determinism: the dictionary is fixed at build time (NPS_MECAB_DICDIR) and
 * MeCab reads no user or system configuration (-r /dev/null), so the same
 * text gives the same segmentation on every machine with that package.
 * Threads: the model is loaded once per process (pthread_once) and shared;
 * each thread has its own tagger and lattice (morph_tools), as MeCab
 * requires.
 * Memory: a chunk is parsed in pieces of at most PIECE_MAX bytes, cut at
 * line ends, invalid UTF-8 and NUL, so a lattice stays small.
 */
#include <mecab.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>
#include "base/alloc.h"
#include "analyse/masking_private.h"

#ifndef NPS_MECAB_DICDIR
#define NPS_MECAB_DICDIR "/var/lib/mecab/dic/ipadic-utf8"
#endif
#define PIECE_MAX ((size_t)2048)

static pthread_once_t model_once = PTHREAD_ONCE_INIT;
static mecab_model_t *model;    /* the process's, never freed (still reachable) */
static pthread_key_t tools_key; /* each thread's morph_tools */

/* What one thread parses with: MeCab's tagger and lattice are not to be
 * shared between threads; made on a thread's first text, freed when the
 * thread ends (the main thread's stay until the process ends). */
typedef struct morph_tools {
    mecab_t *tagger;
    mecab_lattice_t *lattice;
    char piece[PIECE_MAX + 4]; /* the folded copy MeCab reads */
} morph_tools;

static void tools_free(void *p)
{
    morph_tools *t = p;
    if (!t)
        return;
    if (t->lattice)
        mecab_lattice_destroy(t->lattice);
    if (t->tagger)
        mecab_destroy(t->tagger);
    nps_free(t);
}

static void model_load(void)
{
    model = mecab_model_new2("-r /dev/null -d " NPS_MECAB_DICDIR);
    if (model && pthread_key_create(&tools_key, tools_free) != 0) {
        mecab_model_destroy(model);
        model = NULL;
    }
}

nps_error nps_mask_morph_ready(void)
{
    pthread_once(&model_once, model_load);
    return model ? NPS_OK : NPS_ERR_IO;
}

nps_error nps_mask_dictionary_load(void)
{
    return nps_mask_morph_ready();
}

const char *nps_mask_dictionary_dir(void)
{
    return NPS_MECAB_DICDIR;
}

/* This thread's tools, made on first use; NULL when out of memory. */
static morph_tools *tools_get(void)
{
    morph_tools *t = pthread_getspecific(tools_key);
    if (t)
        return t;
    if (!(t = nps_calloc(1, sizeof *t)))
        return NULL;
    t->tagger = mecab_model_new_tagger(model);
    t->lattice = mecab_model_new_lattice(model);
    if (!t->tagger || !t->lattice || pthread_setspecific(tools_key, t) != 0) {
        tools_free(t);
        return NULL;
    }
    return t;
}

/* ---- what a code point is ------------------------------------------------ */

enum script { SCRIPT_OTHER, SCRIPT_HIRAGANA, SCRIPT_KATAKANA, SCRIPT_KANJI };

static enum script script_of(utf8proc_int32_t c)
{
    if (c >= 0x3041 && c <= 0x3096)
        return SCRIPT_HIRAGANA;
    if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || (c >= 0xFF66 && c <= 0xFF9F))
        return SCRIPT_KATAKANA;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF))
        return SCRIPT_KANJI;
    return SCRIPT_OTHER;
}

/* The code point at s[p] (valid UTF-8), or -1 at the end. */
static utf8proc_int32_t cp_at(const char *s, size_t p, size_t end)
{
    utf8proc_int32_t c = -1;
    if (p < end)
        utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(end - p), &c);
    return c;
}

/* The code point that ends just before s[p], or -1 at the start. */
static utf8proc_int32_t cp_before(const char *s, size_t p, size_t start)
{
    if (p <= start)
        return -1;
    size_t q = p - 1;
    while (q > start && ((unsigned char)s[q] & 0xC0) == 0x80)
        q--;
    return cp_at(s, q, p);
}

/* ---- one run of words tagged as a name ----------------------------------- */

/* Is the run s[a, b) (inside the piece [p0, p1)) a name to mask? */
static bool run_is_name(const char *s, size_t a, size_t b, size_t p0, size_t p1)
{
    size_t count = 0;
    bool all_hiragana = true, all_katakana = true;
    for (size_t p = a; p < b;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + p,
                                              (utf8proc_ssize_t)(b - p), &c);
        if (l <= 0)
            return false;
        enum script k = script_of(c);
        all_hiragana &= k == SCRIPT_HIRAGANA;
        all_katakana &= k == SCRIPT_KATAKANA;
        count++;
        p += (size_t)l;
    }
    if (count < 2 || all_hiragana)
        return false;
    if (all_katakana && (script_of(cp_before(s, a, p0)) == SCRIPT_KATAKANA ||
                         script_of(cp_at(s, b, p1)) == SCRIPT_KATAKANA))
        return false;
    return true;
}

static bool feature_is(const mecab_node_t *n, const char *prefix)
{
    return n->feature && strncmp(n->feature, prefix, strlen(prefix)) == 0;
}

/* Is the word n tagged as a person's name? */
static bool word_is_person(const mecab_node_t *n)
{
    return (n->stat == MECAB_NOR_NODE || n->stat == MECAB_UNK_NODE) &&
           feature_is(n, "名詞,固有名詞,人名");
}

/* Is a person's name one of the dictionary's readings of the word n (the
 * lattice also holds MeCab's guesses for unknown words, of every class:
 * only dictionary entries count)? */
static bool word_may_be_person(mecab_lattice_t *lat, const char *sentence, const mecab_node_t *n)
{
    size_t begin = (size_t)(n->surface - sentence) - (size_t)(n->rlength - n->length);
    for (const mecab_node_t *o = mecab_lattice_get_begin_nodes(lat, begin); o; o = o->bnext)
        if (o->stat == MECAB_NOR_NODE && o->length == n->length && word_is_person(o))
            return true;
    return false;
}

/* Copy the n bytes of src (valid UTF-8) to dst with the variant kanji of
 * names in their usual form where that keeps the length (髙橋 → 高橋, 山﨑 →
 * 山崎: the dictionary knows the usual form), so offsets carry over. */
static void fold_variants(char *dst, const char *src, size_t n)
{
    memcpy(dst, src, n);
    for (size_t p = 0; p < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)src + p,
                                              (utf8proc_ssize_t)(n - p), &c);
        if (l <= 0)
            break;
        utf8proc_int32_t f = nps_mask_fold_variant(c);
        if (f != c && utf8proc_encode_char(f, (utf8proc_uint8_t *)dst + p) != l)
            memcpy(dst + p, src + p, (size_t)l); /* a longer or shorter form: keep */
        p += (size_t)l;
    }
}

/* Widen the katakana name s[*a, *b) over the katakana words joined to it by
 * ・ within the piece [p0, p1) (グエン・ティ・トゥイ: MeCab knows グエン). */
static void widen_over_nakaguro(const char *s, size_t *a, size_t *b, size_t p0, size_t p1)
{
    static const char dot[] = "・";
    const size_t dl = sizeof dot - 1;
    for (size_t q = *b; q + dl < p1 && memcmp(s + q, dot, dl) == 0;) {
        size_t r = q + dl;
        while (r < p1 && script_of(cp_at(s, r, p1)) == SCRIPT_KATAKANA)
            r += 3; /* katakana are 3 bytes in UTF-8 */
        if (r == q + dl)
            break;
        *b = q = r;
    }
    for (size_t q = *a; q >= p0 + dl && memcmp(s + q - dl, dot, dl) == 0;) {
        size_t r = q - dl;
        while (r >= p0 + 3 && script_of(cp_before(s, r, p0)) == SCRIPT_KATAKANA)
            r -= 3;
        if (r == q - dl)
            break;
        *a = q = r;
    }
}

/* Does the word n say that the word before it is a place (石狩管内, 伊達市,
 * 江別方面)? */
static bool word_follows_place(const mecab_node_t *n)
{
    static const char *const words[] = {"管内", "地方", "地域", "地区", "方面", "周辺",
                                        "市内", "町内", "駅", "出身", "在住"};
    if (feature_is(n, "名詞,接尾,地域"))
        return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (n->length == strlen(words[i]) && memcmp(n->surface, words[i], n->length) == 0)
            return true;
    return false;
}

/* Is the name s[a, b) part of the name of a fund or prize (小林董信基金,
 * 田中記念財団): a public body named after a person, not a reference to one?
 * Looks at the kanji glued after it. */
static bool name_of_fund(const char *s, size_t b, size_t p1)
{
    static const char *const words[] = {"基金", "財団", "記念"};
    size_t e = b;
    while (e < p1 && script_of(cp_at(s, e, p1)) == SCRIPT_KANJI)
        e += cp_at(s, e, p1) >= 0x10000 ? 4 : 3;
    for (size_t q = b; q < e; q += cp_at(s, q, p1) >= 0x10000 ? 4 : 3)
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (q + strlen(words[i]) <= e && memcmp(s + q, words[i], strlen(words[i])) == 0)
                return true;
    return false;
}

/* Is a common noun one of the dictionary's readings of the word n (親子 is
 * 親子 "parent and child" as well as the given name 親子)? */
static bool word_may_be_common(mecab_lattice_t *lat, const char *sentence, const mecab_node_t *n)
{
    size_t begin = (size_t)(n->surface - sentence) - (size_t)(n->rlength - n->length);
    for (const mecab_node_t *o = mecab_lattice_get_begin_nodes(lat, begin); o; o = o->bnext)
        if (o->stat == MECAB_NOR_NODE && o->length == n->length &&
            (feature_is(o, "名詞,一般") || feature_is(o, "名詞,サ変接続") ||
             feature_is(o, "名詞,形容動詞語幹") || feature_is(o, "名詞,副詞可能")))
            return true;
    return false;
}

/* Is the node an opening / closing round bracket? */
static bool is_round_bracket(const mecab_node_t *n, bool opening)
{
    const char *s = opening ? "（" : "）";
    return n->length == 1 ? n->surface[0] == (opening ? '(' : ')')
                          : n->length == strlen(s) && memcmp(n->surface, s, n->length) == 0;
}

static bool surface_is(const mecab_node_t *n, const char *word)
{
    return n && n->length == strlen(word) && memcmp(n->surface, word, n->length) == 0;
}

/* Is the word n a role someone is named by (記録者, 相談員, 施設長, 担当,
 * 司会)? A role ends in a suffix of persons or is one of a few words. */
static bool word_is_role(const mecab_node_t *n)
{
    static const char *const suffixes[] = {"者", "員", "長", "役"};
    static const char *const words[] = {"担当", "代表", "理事", "司会", "書記", "主任", "会計",
                                        "監事", "講師", "担任", "主治医", "医師", "看護師",
                                        "保健師", "社会福祉士", "ケアマネ", "スタッフ", "文責"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (feature_is(n, "名詞,接尾,一般") && surface_is(n, suffixes[i]))
            return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (surface_is(n, words[i]))
            return true;
    return false;
}

/* Does a role come right before the word n, alone or with ：, :, の or a
 * space between (記録者：荻野, （回答者 杉本）, 相談員の佐久間)? */
static bool role_before(const mecab_node_t *n)
{
    const mecab_node_t *p = n->prev;
    if (p && (surface_is(p, "：") || surface_is(p, ":") || surface_is(p, "の") ||
              feature_is(p, "記号,空白")))
        p = p->prev;
    return p && p->stat != MECAB_BOS_NODE && word_is_role(p);
}

/* Does a word that counts people come right after n (佐久間ら, 荻野たち)? */
static bool plural_after(const mecab_node_t *n)
{
    const mecab_node_t *x = n->next;
    return x && feature_is(x, "名詞,接尾") && (surface_is(x, "ら") || surface_is(x, "たち") ||
                                               surface_is(x, "達"));
}

/* Is the word before n a young person or a child of someone, with の
 * between (高校生のケンタが, 息子のリョウは)? */
static bool child_before(const mecab_node_t *n)
{
    static const char *const words[] = {"高校生", "中学生", "小学生", "大学生", "専門学校生", "生徒",
                                        "息子", "娘", "孫", "長男", "長女", "次男", "次女", "三男",
                                        "三女", "男の子", "女の子", "男子", "女子", "弟", "妹", "兄",
                                        "姉"};
    const mecab_node_t *p = n->prev;
    if (!p || !surface_is(p, "の") || !(p = p->prev) || p->stat == MECAB_BOS_NODE)
        return false;
    if (surface_is(p, "子") && p->prev && surface_is(p->prev, "の"))
        return true; /* 男の子 in three words */
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (surface_is(p, words[i]))
            return true;
    return false;
}

/* Is the word n a katakana word the dictionary does not know or knows as a
 * proper noun other than a place, after a young person and の and before a
 * particle (高校生のケンタが, 娘のミサキは): a given name? */
static bool unknown_child_name(const mecab_node_t *n)
{
    const mecab_node_t *x = n->next;
    bool unknown = n->stat == MECAB_UNK_NODE ||
                   (feature_is(n, "名詞,固有名詞") && !feature_is(n, "名詞,固有名詞,地域"));
    if (!unknown || !x || n->length < 6 || n->length > 18 ||
        script_of(cp_at(n->surface, 0, n->length)) != SCRIPT_KATAKANA)
        return false;
    if (!(surface_is(x, "が") || surface_is(x, "は") || surface_is(x, "に") || surface_is(x, "と") ||
          surface_is(x, "も") || surface_is(x, "から")))
        return false;
    static const char *const things[] = {"スマホ", "インスタ", "ユーチューブ", "ユーチューバー",
                                         "ティックトック", "ネトゲ", "ゲーム", "ライン", "タブレット",
                                         "アカウント", "ネット", "バイト", "アルバイト", "メンタル"};
    for (size_t i = 0; i < sizeof things / sizeof things[0]; i++)
        if (surface_is(n, things[i]))
            return false; /* 高校生のスマホが: words newer than the dictionary */
    return child_before(n);
}

/* Is the word n quoted alone as who is speaking: 「ヤマモトです」, 「荻野と申します」
 * (a word after 「 and before です」 or と申します)? */
static bool speaker_in_quote(const mecab_node_t *n)
{
    const mecab_node_t *x = n->next, *y = x ? x->next : NULL;
    if (!n->prev || !surface_is(n->prev, "「") || !x)
        return false;
    if (surface_is(x, "です") && y && surface_is(y, "」"))
        return true;
    return surface_is(x, "と") && y && surface_is(y, "申し");
}

/* Is a family name one of the dictionary's readings of the word n? */
static bool word_may_be_surname(mecab_lattice_t *lat, const char *sentence, const mecab_node_t *n)
{
    size_t begin = (size_t)(n->surface - sentence) - (size_t)(n->rlength - n->length);
    for (const mecab_node_t *o = mecab_lattice_get_begin_nodes(lat, begin); o; o = o->bnext)
        if (o->stat == MECAB_NOR_NODE && o->length == n->length &&
            feature_is(o, "名詞,固有名詞,人名,姓"))
            return true;
    return false;
}

static bool surface_starts(const mecab_node_t *n, const char *word)
{
    return n->length >= strlen(word) && memcmp(n->surface, word, strlen(word)) == 0;
}

/* Is the word n one of the tasks a person is given or does in a rota or a
 * hand-over note (担当, 管理, お願い, 頼む …)? */
static bool word_is_task(const mecab_node_t *n)
{
    static const char *const words[] = {"担当", "管理", "対応", "調整", "同行", "送迎", "訪問",
                                        "引き継", "引継", "依頼", "お願い", "頼", "任せ",
                                        "聞き取", "取りまとめ", "とりまとめ", "記録", "面談",
                                        "退職", "確認", "連絡", "相談", "報告", "言う", "言っ",
                                        "話し", "話す", "教え"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (surface_starts(n, words[i]))
            return true;
    return false;
}

/* Does a task come after the particle x, in the same sentence, before the
 * next comma, が or は, a quotation skipped (「早乙女が保護者面談を担当し」,
 * 「堀江に病院の送迎を頼みました」, 「勘解由小路から『…』と連絡」)? */
static bool task_follows(const mecab_node_t *x)
{
    for (const mecab_node_t *y = x->next; y && y->stat != MECAB_EOS_NODE; y = y->next) {
        if (feature_is(y, "記号,括弧開")) {
            while (y->next && y->next->stat != MECAB_EOS_NODE && !feature_is(y, "記号,括弧閉"))
                y = y->next;
            continue;
        }
        if (feature_is(y, "記号,句点") || feature_is(y, "記号,読点") || surface_is(y, "が") ||
            surface_is(y, "は"))
            return false;
        if (word_is_task(y))
            return true;
    }
    return false;
}

/* Is the word n a place of three kanji or more that does not end like a
 * unit of government (百目鬼, 勘解由小路 are family names too; 北海道, 千代田区
 * are not)? Only asked with a task after it: a place is rarely given one. */
static bool rare_place_word(const mecab_node_t *n)
{
    static const char units[] = "道府県都市区町村郡";
    if (n->stat != MECAB_NOR_NODE || !feature_is(n, "名詞,固有名詞,地域,一般") || n->length < 9 ||
        script_of(cp_at(n->surface, 0, n->length)) != SCRIPT_KANJI)
        return false;
    for (size_t i = 0; i + 3 <= sizeof units - 1; i += 3)
        if (memcmp(n->surface + n->length - 3, units + i, 3) == 0)
            return false;
    return true;
}

/* Is the word n, which the dictionary may read as a family name, the person
 * who is given or does a task: at the start of a clause (after nothing, は,
 * の, 、, 。 or a sign) and followed by が, に or より and a task
 * (「早乙女が…を担当」, 「堀江に送迎を頼みました」), or by より and ：
 * (「御手洗より：」, a note's sender)? A common noun reading does not stop it:
 * the context is a person's. A place is not given tasks in these words. */
static bool word_is_agent(mecab_lattice_t *lat, const char *sentence, const mecab_node_t *n)
{
    const mecab_node_t *p = n->prev, *x = n->next;
    if (!p || !x || !feature_is(n, "名詞"))
        return false;
    if (!(p->stat == MECAB_BOS_NODE || surface_is(p, "は") || surface_is(p, "の") ||
          feature_is(p, "記号")))
        return false;
    bool sender = surface_is(x, "より") && x->next &&
                  (surface_is(x->next, "：") || surface_is(x->next, ":"));
    if (!sender && !((surface_is(x, "が") || surface_is(x, "に") || surface_is(x, "より") ||
                      surface_is(x, "から") || surface_is(x, "は")) &&
                     task_follows(x)))
        return false;
    return word_may_be_surname(lat, sentence, n) || rare_place_word(n);
}

/* Is the word n (not tagged as a name) one to mask by what is around it:
 * after a role or before ら when the dictionary may read it as a name, or
 * quoted as the speaker when it is a proper noun other than a place
 * (ヤマモト is a company in the dictionary) or unknown to it; never when it
 * may be a common noun. */
static bool word_in_name_context(mecab_lattice_t *lat, const char *sentence, const mecab_node_t *n)
{
    if (n->stat != MECAB_NOR_NODE && n->stat != MECAB_UNK_NODE)
        return false;
    if (!feature_is(n, "名詞") || word_may_be_common(lat, sentence, n))
        return false;
    bool may_be_person = word_may_be_person(lat, sentence, n);
    if (may_be_person && (role_before(n) || plural_after(n)))
        return true;
    if (unknown_child_name(n))
        return true;
    bool proper = feature_is(n, "名詞,固有名詞") && !feature_is(n, "名詞,固有名詞,地域");
    return (may_be_person || n->stat == MECAB_UNK_NODE || proper) && speaker_in_quote(n);
}

/* Parse the piece [p0, p1) of the chunk and take its names: 0, or -1
 * (MeCab failed, or out of memory). */
static int mask_piece(work *w, mecab_t *tagger, mecab_lattice_t *lat, size_t p0, size_t p1,
                      char *sentence)
{
    fold_variants(sentence, w->orig + p0, p1 - p0);
    mecab_lattice_set_sentence2(lat, sentence, p1 - p0);
    if (!mecab_parse_lattice(tagger, lat))
        return -1;
    size_t run0 = 0, run1 = 0;
    bool in_run = false;
    const mecab_node_t *prev = NULL;
    for (const mecab_node_t *n = mecab_lattice_get_bos_node(lat); n; prev = n, n = n->next) {
        if (n->stat == MECAB_BOS_NODE)
            continue;
        if (word_is_person(n)) {
            size_t a = p0 + (size_t)(n->surface - sentence);
            if (!in_run)
                run0 = a;
            run1 = a + n->length;
            in_run = true;
            continue;
        }
        bool before_suffix = feature_is(n, "名詞,接尾,人名");
        if (in_run && !word_follows_place(n) && !name_of_fund(w->orig, run1, p1) &&
            (run_is_name(w->orig, run0, run1, p0, p1) ||
             (before_suffix && script_of(cp_at(w->orig, run0, p1)) == SCRIPT_KANJI))) {
            widen_over_nakaguro(w->orig, &run0, &run1, p0, p1);
            if (nps_mask_take_bytes(w, run0, run1, NPS_MASK_NAME) < 0)
                return -1;
        }
        /* 東さん, 林様: a word that may be a name, before a name's suffix */
        if (!in_run && prev && prev->stat != MECAB_BOS_NODE && before_suffix &&
            word_may_be_person(lat, sentence, prev)) {
            size_t a = p0 + (size_t)(prev->surface - sentence);
            if (nps_mask_take_bytes(w, a, a + prev->length, NPS_MASK_NAME) < 0)
                return -1;
        }
        /* 記録者：荻野, 佐久間ら, 「ヤマモトです」: a word that may be a name (or
         * that the dictionary does not know, in quoted speech) and is no
         * common noun, after a role, before ら or quoted as the speaker */
        if (!word_is_person(n) && (word_in_name_context(lat, sentence, n) ||
                                   word_is_agent(lat, sentence, n))) {
            size_t a = p0 + (size_t)(n->surface - sentence);
            if (run_is_name(w->orig, a, a + n->length, p0, p1) &&
                nps_mask_take_bytes(w, a, a + n->length, NPS_MASK_NAME) < 0)
                return -1;
        }
        /* （岡部）: a word that may be a name and is no common noun, alone in
         * round brackets (「親子」 is a term in quotes, （平野） stays: a plain) */
        if (prev && is_round_bracket(prev, true) && n->next && is_round_bracket(n->next, false) &&
            word_may_be_person(lat, sentence, n) && !word_may_be_common(lat, sentence, n)) {
            size_t a = p0 + (size_t)(n->surface - sentence);
            if (run_is_name(w->orig, a, a + n->length, p0, p1) &&
                nps_mask_take_bytes(w, a, a + n->length, NPS_MASK_NAME) < 0)
                return -1;
        }
        in_run = false;
        if (n->stat == MECAB_EOS_NODE)
            break;
    }
    return 0;
}

/* The end of the piece starting at p: before the next line end, NUL or
 * invalid byte, at most PIECE_MAX bytes on (then after the last space or
 * 。 if there is one); *skip is how many bytes after it belong to no piece. */
static size_t piece_end(const char *s, size_t n, size_t p, size_t *skip)
{
    size_t limit = n - p > PIECE_MAX ? p + PIECE_MAX : n, last_break = 0, q = p;
    *skip = 0;
    while (q < limit) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + q,
                                              (utf8proc_ssize_t)(n - q), &c);
        if (l <= 0 || c == 0 || c == '\n' || c == '\r') {
            *skip = l > 0 ? (size_t)l : 1;
            return q;
        }
        if (q + (size_t)l > limit)
            break;
        q += (size_t)l;
        if (c == ' ' || c == 0x3000 || c == 0x3002)
            last_break = q;
    }
    return q < n && last_break > p ? last_break : q;
}

int nps_mask_rule_morph(work *w)
{
    morph_tools *t;
    if (nps_mask_morph_ready() != NPS_OK || !(t = tools_get()))
        return -1;
    for (size_t p = 0; p < w->olen && p < w->emit_until;) {
        size_t skip, e = piece_end(w->orig, w->olen, p, &skip);
        if (e > p && mask_piece(w, t->tagger, t->lattice, p, e, t->piece) != 0)
            return -1;
        p = e + skip;
    }
    return 0;
}
