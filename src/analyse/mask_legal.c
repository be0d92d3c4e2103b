/*
 * mask_legal.c — the masker's rule for organisations the masker has no list
 * of (third parties, or an organisation that answered another year): a
 * legal form followed by a name (ＮＰＯ法人 ひとやすみ処, 一般社団法人「みらい」,
 * 株式会社ABC) — the legal form stays, the name becomes ［団体名］. It scans
 * the NFKC view v1 after the names rule, so a respondent's organisation
 * keeps its own token.
 *
 * The name: after the legal form and any spaces, either a bracketed name
 * (「…」 or 『…』, up to NAME_MAX code points, the brackets kept) or a run
 * of letters, digits, kana, kanji, ・ and ー up to NAME_MAX code points,
 * ending at punctuation, a space or a bracket, and — once the run has two
 * characters — at a particle (と が を に で は へ や も の) or a word that
 * follows a name (さん さま から まで より など …) after a kanji, katakana or
 * Latin character. A name in hiragana therefore runs on to the
 * next punctuation (ＮＰＯ法人ひだまりと連携 masks ひだまりと連携): more text
 * hidden than needed, never less. No name is read when the legal form is a
 * word of the sentence (NPO法人の設立, NPO法人格, NPO法人化, NPO法人等,
 * NPO法人として). When a respondent's short name already took the start of
 * the name (えぞりす of えぞりす食堂ネット), the rest is taken too and joins
 * its token. A name in hiragana that starts like a particle (もりのわ, やまびこ:
 * も や と に で は) is read only when a particle and a kanji or katakana follow
 * it, 3–10 characters, with no piece of a phrase (合同会社もりのわが農作業 →
 * 合同会社［団体名］が; 株式会社もみんなで, 株式会社とのつながり stay), or when
 * 3–8 hiragana go on in katakana (ＮＰＯ法人にじいろキッズ; not ＮＰＯ法人にもっと
 * サポートを, a phrase).
 *
 * Latin words right before a company's form (株式会社 有限会社 合同会社 (株)
 * (有) (合)) are its name and nothing after the form is (Northwind Labs株式会社
 * の → ［団体名］株式会社の): one word glued to the form in any case (freee
 * 株式会社), or capitalised words joined by single spaces, one space before
 * the form allowed. So is a Japanese name right before such a form (丸岡印刷
 * (株), ひばり物流株式会社 → ［団体名］株式会社) or a short form of another body
 * ((一社) (一財) (公社) (公財) (社福) (特非) (医社): 若草キャリアサポート(一社)): 2–20 kanji, katakana or Latin
 * characters and the hiragana before them back to a particle, not a listed
 * word that stands before a form without being a name (民間, 大手, 地元 …).
 * The full list: docs/robustness.md. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NAME_MAX_CP 20

/* Longest first where one form ends another (認定npo法人 before npo法人);
 * Latin letters in lower case (nps_mask_prefix_ci). */
static const char *const forms[] = {
    "認定特定非営利活動法人", "特定非営利活動法人", "認定npo法人", "npo法人", "一般社団法人",
    "一般財団法人", "公益社団法人", "公益財団法人", "社会福祉法人", "医療法人社団", "医療法人",
    "学校法人", "宗教法人", "株式会社", "有限会社", "合同会社", "(特非)", "(一社)", "(一財)", "(公社)",
    "(公財)", "(社福)", "(福)", "(医社)", "(医)", "(学)", "(株)", "(有)", "(合)"};

/* What may follow a legal form as a word of the sentence, not a name. */
static const char *const not_a_name[] = {"の", "を", "が", "に", "で", "と", "は", "も", "や", "へ",
                                         "格", "化", "等", "として", "など", "同士", "法", "制度"};

/* Where a name ends after a kanji, katakana or Latin character: particles
 * and the words that follow a name (さん, から …). */
static const char *const particles[] = {"と", "が", "を", "に", "で", "は", "へ", "や", "も", "の",
                                        "さん", "さま", "ちゃん", "くん", "から", "まで", "より", "など", "ほか"};

static unsigned cp_at(const char *s, size_t n, size_t p, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s + p;
    if (p >= n)
        return *len = 0, 0;
    if (u[0] < 0x80)
        return *len = 1, u[0];
    if ((u[0] & 0xE0) == 0xC0 && p + 2 <= n)
        return *len = 2, (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
    if ((u[0] & 0xF0) == 0xE0 && p + 3 <= n)
        return *len = 3, (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
    if (p + 4 <= n)
        return *len = 4, (u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 | (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu);
    return *len = 1, 0;
}

static bool is_kanji(unsigned c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005; }
static bool is_katakana(unsigned c) { return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x30FB; }
static bool is_hiragana(unsigned c) { return c >= 0x3041 && c <= 0x3096; }
static bool is_latin(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '&';
}
static bool name_char(unsigned c) { return is_kanji(c) || is_katakana(c) || is_hiragana(c) || is_latin(c); }

static bool word_at(const char *s, size_t n, size_t p, const char *w)
{
    size_t k = strlen(w);
    return n - p >= k && memcmp(s + p, w, k) == 0;
}

/* Bytes of the legal form at s[p] (letters in any case), 0 if none. */
static size_t form_at(const char *s, size_t n, size_t p)
{
    if (((unsigned char)s[p] & 0xC0) == 0x80)
        return 0; /* inside a character: no form starts here */
    for (size_t i = 0; i < COUNT(forms); i++)
        if (nps_mask_prefix_ci(s + p, n - p, forms[i]))
            return strlen(forms[i]);
    return 0;
}

/* The end of a bracketed name opening at s[p] (「 or 『), p if none. */
static size_t bracketed_end(const char *s, size_t n, size_t p, size_t *inner)
{
    const char *close = word_at(s, n, p, "「") ? "」" : word_at(s, n, p, "『") ? "』" : NULL;
    size_t q = p + 3, len, chars = 0;
    if (!close)
        return p;
    while (q < n && !word_at(s, n, q, close) && chars <= NAME_MAX_CP) {
        cp_at(s, n, q, &len);
        q += len ? len : 1;
        chars++;
    }
    if (q >= n || chars == 0 || chars > NAME_MAX_CP)
        return p;
    *inner = p + 3;
    return q;
}

/* A Latin name goes on over single spaces before capitalised Latin words
 * (Hokkaido Kids Future Fund), up to 60 bytes in all. q: the end so far. */
static size_t latin_words_end(const char *s, size_t n, size_t q, unsigned prev)
{
    size_t start = q;
    while (is_latin(prev) && q + 1 < n && s[q] == ' ' && s[q + 1] >= 'A' && s[q + 1] <= 'Z' &&
           q - start < 60) {
        size_t r = q + 1;
        while (r < n && is_latin((unsigned char)s[r]))
            r++;
        q = r;
    }
    return q;
}

/* A reading in brackets right after a name (SORAIRO(ソライロ)): 2–20 kana
 * between ( and ). Its end, or q. */
static size_t reading_end(const char *s, size_t n, size_t q)
{
    size_t r = q + 1, len, chars = 0;
    if (q >= n || s[q] != '(')
        return q;
    for (unsigned c = cp_at(s, n, r, &len); r < n && (is_katakana(c) || is_hiragana(c)) && chars <= 20;
         c = cp_at(s, n, r, &len)) {
        r += len;
        chars++;
    }
    return chars >= 2 && chars <= 20 && r < n && s[r] == ')' ? r + 1 : q;
}

/* Hiragana a name may start with that is also a particle (もりのわ, やまびこ,
 * とまと): read as a name only in the shape of kana_name_end. */
#define PARTICLE_STARTS "もやとにでは"
/* Words after such a particle that make it the sentence's (株式会社もみんなで). */
static const char *const kana_words[] = {"みんな", "みな", "これ", "それ", "あれ", "どれ", "ここ",
                                         "そこ", "どこ", "いま", "まだ", "また", "まず", "さらに",
                                         "すでに", "ぜひ", "よく", "とても", "いつも", "たくさん",
                                         "いろいろ", "ともに", "いっしょ", "しっかり", "すべて",
                                         "ほとんど", "ほぼ", "さまざま", "この", "その", "あの",
                                         "どの", "こう", "そう", "ちゃんと", "きちんと", "すこし"};
/* Pieces of a phrase, not of a name. */
static const char *const phrase_pieces[] = {"との", "への", "での", "には", "では", "とは", "にも", "でも",
                                            "とも", "もの", "にお", "によ", "につ", "にて", "して",
                                            "という", "ので", "のに", "から", "まで", "より", "ても"};

static bool ends_with_any(const char *s, size_t a, size_t b, const char *const *ws, size_t nw)
{
    for (size_t i = 0; i < nw; i++) {
        size_t k = strlen(ws[i]);
        if (b - a >= k && memcmp(s + b - k, ws[i], k) == 0)
            return true;
    }
    return false;
}

/* A hiragana name starting with a particle's character at s[p] (合同会社
 * もりのわが農作業): 3–10 hiragana, then a particle, then a kanji or katakana;
 * not a listed word after the first character, no piece of a phrase, not
 * ending like a verb or an adjective. Its end, or p. */
static size_t kana_name_end(const char *s, size_t n, size_t p)
{
    static const char *const endings[] = {"る", "た", "い", "う", "く", "て", "だ", "ず", "ぬ", "つ",
                                          "っ", "ば", "か"};
    static const char *const ends[] = {"が", "を", "に", "で", "は", "と", "も", "の", "や", "へ"};
    size_t q = p, len;
    unsigned c = 0;
    bool start = false;
    for (const char *t = PARTICLE_STARTS; *t && !start; t += 3)
        start = n - p >= 3 && memcmp(s + p, t, 3) == 0;
    if (!start)
        return p;
    while (q < n && is_hiragana(c = cp_at(s, n, q, &len)) && q - p <= 36)
        q += len;
    unsigned next = cp_at(s, n, q, &len);
    size_t e = q - 3; /* the particle before the kanji */
    if (q - p < 12 || q - p > 33 || !(is_kanji(next) || is_katakana(next)) ||
        !ends_with_any(s, p, q, ends, COUNT(ends)) || ends_with_any(s, p, e, endings, COUNT(endings)))
        return p;
    for (size_t i = 0; i < COUNT(kana_words); i++)
        if (word_at(s, n, p + 3, kana_words[i]))
            return p;
    for (size_t i = 0; i < COUNT(phrase_pieces); i++)
        for (size_t r = p; r + strlen(phrase_pieces[i]) <= e; r += 3)
            if (memcmp(s + r, phrase_pieces[i], strlen(phrase_pieces[i])) == 0)
                return p;
    return e;
}

/* A name starting with a particle's character that goes on in katakana
 * (ＮＰＯ法人にじいろキッズ, 合同会社とまりぎファーム): 3–8 hiragana, then a
 * katakana; no listed word after the first character, no piece of a phrase
 * (にもっとサポート, とともにイベント stay). */
static bool kana_then_katakana(const char *s, size_t n, size_t p)
{
    size_t q = p, len;
    bool start = false;
    for (const char *t = PARTICLE_STARTS; *t && !start; t += 3)
        start = n - p >= 3 && memcmp(s + p, t, 3) == 0;
    while (start && q < n && is_hiragana(cp_at(s, n, q, &len)) && q - p <= 24)
        q += len;
    if (!start || q - p < 9 || q - p > 24 || !is_katakana(cp_at(s, n, q, &len)))
        return false;
    for (size_t i = 0; i < COUNT(kana_words); i++)
        if (word_at(s, n, p + 3, kana_words[i]))
            return false;
    for (size_t i = 0; i < COUNT(phrase_pieces); i++)
        for (size_t r = p; r + strlen(phrase_pieces[i]) <= q; r += 3)
            if (memcmp(s + r, phrase_pieces[i], strlen(phrase_pieces[i])) == 0)
                return false;
    return true;
}

/* The end of a plain name starting at s[p] (p: none). */
static size_t plain_end(const char *s, size_t n, size_t p)
{
    size_t q = p, len, chars = 0;
    unsigned prev = 0;
    size_t kana = kana_name_end(s, n, p);
    if (kana > p)
        return kana;
    for (size_t i = 0; i < COUNT(not_a_name) && !kana_then_katakana(s, n, p); i++)
        if (word_at(s, n, p, not_a_name[i]))
            return p;
    while (q < n && chars < NAME_MAX_CP) {
        unsigned c = cp_at(s, n, q, &len);
        bool particle = false;
        if (!name_char(c))
            break;
        for (size_t i = 0; i < COUNT(particles) && chars >= 2 && !is_hiragana(prev); i++)
            particle = particle || word_at(s, n, q, particles[i]);
        if (particle)
            break;
        prev = c;
        q += len;
        chars++;
    }
    if (chars < 2)
        return p;
    return reading_end(s, n, latin_words_end(s, n, q, prev));
}

/* A Latin word ending at s[e]: its start (letters, digits, & ' -), or e. */
static size_t latin_word_start(const char *s, size_t e)
{
    size_t r = e;
    while (r > 0 && (is_latin((unsigned char)s[r - 1]) || s[r - 1] == '\'' || s[r - 1] == '-'))
        r--;
    return r;
}

static bool capitalised(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* Latin words right before a company's legal form at s[p] (Northwind Labs
 * 株式会社, freee(株)): one word of 2 characters or more, in any case when
 * glued to the form, else capitalised; or 2–4 capitalised words joined by
 * single spaces (`org 株式会社`, `legal form (株)` stay). Their start, or p;
 * *end: where they end. */
static bool is_company_form(const char *s, size_t n, size_t p)
{
    static const char *const company_forms[] = {"株式会社", "有限会社", "合同会社", "(株)", "(有)", "(合)",
                                                "(一社)", "(一財)", "(公社)", "(公財)", "(社福)", "(特非)",
                                                "(医社)"};
    for (size_t i = 0; i < COUNT(company_forms); i++)
        if (word_at(s, n, p, company_forms[i]))
            return true;
    return false;
}

static size_t latin_before(const char *s, size_t n, size_t p, size_t *end)
{
    bool company = is_company_form(s, n, p);
    size_t e = p > 0 && s[p - 1] == ' ' ? p - 1 : p, a = latin_word_start(s, e);
    if (!company || e - a < 2 || !is_latin((unsigned char)s[a]) || (e < p && !capitalised((unsigned char)s[a])))
        return p;
    for (size_t words = 1; words < 4 && capitalised((unsigned char)s[a]) && a >= 2 && s[a - 1] == ' ';
         words++) {
        size_t r = latin_word_start(s, a - 1);
        if (r == a - 1 || !capitalised((unsigned char)s[r]))
            break;
        a = r;
    }
    if (a > 0 && ((unsigned char)s[a - 1] == '@' || s[a - 1] == '.' || s[a - 1] == '/'))
        return p;
    *end = e;
    return a;
}

/* The code point ending at s[e] and its start (*start = e when e == 0). */
static unsigned cp_before(const char *s, size_t n, size_t e, size_t *start)
{
    size_t b = e, len;
    if (e == 0)
        return *start = e, 0;
    do
        b--;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80);
    *start = b;
    return cp_at(s, n, b, &len);
}

/* Particles that end a hiragana run going back from a name (地元のひばり物流). */
static bool particle_cp(unsigned c)
{
    static const unsigned particles_cp[] = {0x306E /* の */, 0x306F /* は */, 0x304C /* が */, 0x3092 /* を */,
                                            0x306B /* に */, 0x3067 /* で */, 0x3068 /* と */, 0x3078 /* へ */,
                                            0x3084 /* や */, 0x3082 /* も */};
    for (size_t i = 0; i < COUNT(particles_cp); i++)
        if (c == particles_cp[i])
            return true;
    return false;
}

/* Words that stand before a company's form without being its name. */
static const char *const generic_before[] = {"民間", "大手", "地元", "地場", "中小", "上場", "外資系", "関連",
                                             "一般", "地域", "県内", "市内", "道内", "町内", "国内", "海外",
                                             "複数", "全国", "協力", "提携", "取引先", "親会社", "子会社",
                                             "各種", "同種", "一部", "大企業", "零細", "優良", "有名", "別", "各",
                                             "同", "当", "弊", "御", "貴", "某", "他", "新"};

/* A Japanese name right before a company's form at s[p] (丸岡印刷(株),
 * ひばり物流株式会社, 若草キャリアサポート(一社), one space before the form
 * allowed; not before (有) or
 * (合), which also mean "with" and "combined"): 2–20 kanji,
 * katakana, ・ ー and Latin characters, not all digits, and the hiragana
 * right before them back to a particle (up to 8: ひばり); not a listed word
 * (民間株式会社, 大手(株)). Their start, or p; *end: where they end. */
static size_t japanese_before(const char *s, size_t n, size_t p, size_t *end)
{
    /* not (有) or (合): 送迎(有) is "with transport" */
    static const char *const forms_after_name[] = {"株式会社", "有限会社", "合同会社", "(株)", "(一社)",
                                                   "(一財)", "(公社)", "(公財)", "(社福)", "(特非)", "(医社)"};
    size_t e = p > 0 && s[p - 1] == ' ' ? p - 1 : p, r = e, b;
    int chars = 0, hira = 0;
    bool letter = false, form = false;
    unsigned c;
    for (size_t i = 0; i < COUNT(forms_after_name); i++)
        form |= word_at(s, n, p, forms_after_name[i]);
    if (!form)
        return p;
    while (chars < NAME_MAX_CP && (c = cp_before(s, n, r, &b)) != 0 &&
           (is_kanji(c) || is_katakana(c) || is_latin(c))) {
        letter |= !(c >= '0' && c <= '9');
        r = b;
        chars++;
    }
    if (chars < 2 || !letter)
        return p;
    for (size_t i = 0; i < COUNT(generic_before); i++)
        if (e - r == strlen(generic_before[i]) && memcmp(s + r, generic_before[i], e - r) == 0)
            return p;
    while (hira < 8 && (c = cp_before(s, n, r, &b)) != 0 && is_hiragana(c) && !particle_cp(c)) {
        r = b;
        hira++;
    }
    if (r > 0 && ((unsigned char)s[r - 1] == '@' || s[r - 1] == '.' || s[r - 1] == '/'))
        return p;
    *end = e;
    return r;
}

int nps_mask_rule_legal_form(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        size_t k = form_at(s, n, p), a, b, inner = 0;
        if (k == 0)
            continue;
        size_t le = p, lb = latin_before(s, n, p, &le);
        if (lb == p && is_company_form(s, n, p))
            lb = japanese_before(s, n, p, &le);
        if (lb < p) { /* Northwind Labs株式会社, 丸岡印刷(株): the name before the form, none after */
            if (nps_mask_take(w, &w->v1, lb, le, NPS_MASK_ORGANISATION) < 0)
                return -1;
            p += k - 1;
            continue;
        }
        a = p + k;
        while (a < n && s[a] == ' ')
            a++;
        b = bracketed_end(s, n, a, &inner);
        if (b > a)
            a = inner;
        else
            b = plain_end(s, n, a);
        /* a known short name already taken at its start (えぞりす of
         * えぞりす食堂ネット): the rest of the name is taken too */
        size_t u = b > a ? nps_mask_untaken_from(w, &w->v1, a, b) : b;
        if (u < b && nps_mask_take(w, &w->v1, u, b, NPS_MASK_ORGANISATION) < 0)
            return -1;
        p = (b > a ? b : p + k) - 1;
    }
    return 0;
}
