/*
 * mask_names.c — the masker's name dictionary and its rule: every
 * respondent's name (Q1) and organisation name (Q2, plus its core without
 * the legal form: 特定非営利活動法人みんなの居間 → みんなの居間; its brackets
 * 「」; a branch after a space: ふたばの会 札幌支部 → ふたばの会) and respondent
 * name without the role or honorific written with it (代表 山田太郎,
 * 山田太郎さん, 山田太郎（代表） → 山田太郎), of every response read — the
 * duplicates the reader dropped too — as a key in the v2 form (NFKC, case
 * folded, variant kanji folded, no white space), and the rule that finds
 * them in a chunk's v2 view, longest first. Derived short forms: a branch
 * glued to the name (北の星旭川支部 → 北の星), a two-word ASCII name in the
 * other order; and, masked only as a word of their own (short_org), the
 * hiragana name after a descriptive head (こどもの居場所ひだまり → ひだまり) and
 * the words of a name written with spaces (森のようちえん どんぐり).
 *
 * Invariants: names[] is sorted by bytes (a prefix before its extensions) and
 * holds each key once (the first kind added wins); every key has ≥ 2 code
 * points and a letter and is no placeholder (なし, 匿名, n/a …). The masker
 * owns its keys; it keeps nothing of the dataset.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "base/alloc.h"
#include "analyse/masking_private.h"

/* ---- names -------------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
    const name_entry *x = a, *y = b;
    size_t k = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, k);
    if (c != 0)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    if ((x->family || x->short_org) != (y->family || y->short_org))
        return x->family || x->short_org ? 1 : -1; /* a whole name wins over a part */
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* In names[lo, hi), all longer than k bytes and sharing their first k bytes,
 * the first index whose byte k is ≥ c (upper: > c). */
static size_t name_bound(const nps_masker *m, size_t lo, size_t hi, size_t k, unsigned char c,
                         bool upper)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned char b = (unsigned char)m->names[mid].key[k];
        if (b < c || (upper && b == c))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The longest name that is a prefix of s[0..n), or NULL. */
static const name_entry *longest_name_at(const nps_masker *m, const char *s, size_t n)
{
    size_t lo = 0, hi = m->n;
    const name_entry *best = NULL;
    for (size_t k = 0; lo < hi; k++) {
        if (m->names[lo].len == k) {
            best = &m->names[lo];
            lo++;
        }
        if (k == n || lo >= hi)
            break;
        unsigned char c = (unsigned char)s[k];
        size_t nlo = name_bound(m, lo, hi, k, c, false);
        hi = name_bound(m, nlo, hi, k, c, true);
        lo = nlo;
    }
    return best;
}

typedef struct candidate {
    size_t start, len;
    nps_mask_kind kind;
} candidate;

static int candidate_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return x->start < y->start ? -1 : (x->start > y->start);
}

/* Is the family name at v2 bytes [p, p+len) written with an honorific or
 * a role: 山田さん, 山田様, 山田代表, 代表の山田, 理事長山田? */
static bool family_in_context(const char *s, size_t n, size_t p, size_t len)
{
    static const char *const after[] = {"さん", "様", "さま", "氏", "先生", "殿", "君", "くん",
                                        "ちゃん", "代表", "理事長", "理事", "会長", "事務局長",
                                        "局長", "所長", "施設長", "センター長", "部長", "課長"};
    static const char *const before[] = {"代表の", "理事長の", "担当の", "事務局の", "会長の",
                                         "代表", "理事長", "会長", "担当", "事務局長"};
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++) {
        size_t k = strlen(after[i]);
        if (n - p - len >= k && memcmp(s + p + len, after[i], k) == 0)
            return true;
    }
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
        size_t k = strlen(before[i]);
        if (p >= k && memcmp(s + p - k, before[i], k) == 0)
            return true;
    }
    return false;
}

static bool is_hiragana_at(const char *s, size_t n, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    return n - p >= 3 && u[0] == 0xE3 &&
           ((u[1] == 0x81 && u[2] >= 0x81) || (u[1] == 0x82 && u[2] <= 0x96) ||
            (u[1] == 0x83 && u[2] == 0xBC)); /* ぁ–ゖ, ー */
}

/* Is the organisation's short name at v2 bytes [p, p+len) a word of its
 * own: not after a hiragana, and followed by the end, a non-hiragana or a
 * particle (ひだまりに, 「ひだまり」; not 明るいみらい, わくわくした)? */
static bool short_org_in_context(const char *s, size_t n, size_t p, size_t len)
{
    static const char *const particles[] = {"さん", "様", "さま", "と", "に", "へ", "で", "の",
                                            "が", "は", "を", "から", "まで", "や", "も"};
    size_t e = p + len;
    if (p >= 3 && is_hiragana_at(s, n, p - 3))
        return false;
    if (e >= n || !is_hiragana_at(s, n, e))
        return true;
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++) {
        size_t k = strlen(particles[i]);
        if (n - e >= k && memcmp(s + e, particles[i], k) == 0)
            return true;
    }
    return false;
}

int nps_mask_rule_names(work *w, const nps_masker *m)
{
    candidate *c = NULL;
    size_t nc = 0, cap = 0;
    int err = -1;
    const char *s = w->v2.s;
    size_t n = w->v2.len;
    if (!m || m->n == 0)
        return 0;
    for (size_t p = 0; p < n; p++) {
        if (((unsigned char)s[p] & 0xC0) == 0x80)
            continue;
        const name_entry *e = longest_name_at(m, s + p, n - p);
        if (!e || (e->family && !family_in_context(s, n, p, e->len)) ||
            (e->short_org && !short_org_in_context(s, n, p, e->len)))
            continue;
        if (nps_grow((void **)&c, &cap, nc + 1, sizeof *c, 16) != 0)
            goto cleanup;
        c[nc++] = (candidate){p, e->len, e->kind};
    }
    if (nc > 1)
        qsort(c, nc, sizeof *c, candidate_cmp);
    for (size_t i = 0; i < nc; i++)
        if (nps_mask_take(w, &w->v2, c[i].start, c[i].start + c[i].len, c[i].kind) < 0)
            goto cleanup;
    err = 0;
cleanup:
    nps_free(c);
    return err;
}


/* ---- the name dictionary ------------------------------------------------ */

/* The matching key of a name: NFKC, case folded, white space removed.
 * New string or NULL. */
static char *name_key_n(const char *name, size_t n)
{
    work w;
    char *key = NULL;
    memset(&w, 0, sizeof w);
    w.olen = n;
    if (nps_mask_build_views(&w, name, n, false, true) == 0) {
        key = w.v2.s;
        w.v2.s = NULL;
    }
    nps_mask_work_free(&w);
    return key;
}

static char *name_key(const char *name)
{
    return name_key_n(name, strlen(name));
}

static bool is_placeholder(const char *key)
{
    static const char *const words[] = {"なし", "無し", "特になし", "特に無し", "匿名",
                                        "不明", "未記入", "無記名", "記入なし", "個人",
                                        "na", "n/a", "none", "null", "test", "テスト"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(key, words[i]) == 0)
            return true;
    return false;
}

static bool has_letter(const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0)
            return false;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            return true;
        i += (size_t)l;
    }
    return false;
}

static bool usable_key(const char *key)
{
    return nps_mask_utf8_count(key, strlen(key)) >= 2 && has_letter(key) && !is_placeholder(key);
}

/* Legal forms in key form (NFKC, case folded): stripped from both ends of
 * an organisation name to give its core. Longer forms first. */
static const char *const legal_forms[] = {
    "認定特定非営利活動法人", "特定非営利活動法人", "認定npo法人", "npo法人",
    "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "社会福祉法人",
    "医療法人社団", "医療法人財団", "医療法人", "学校法人", "宗教法人", "生活協同組合",
    "株式会社", "合同会社", "有限会社", "任意団体",
    "(認定特定非営利活動法人)", "(特定非営利活動法人)", "(認定特非)", "(特非)", "(npo)",
    "(一社)", "(一財)", "(公社)", "(公財)", "(社福)", "(医)", "(学)", "(株)", "(有)",
    "(同)", "(任意団体)"};

/* Strip any of `words` from the start (at_start) or the end of s; true if
 * one was. */
static bool strip_word(char *s, const char *const *words, size_t n_words, bool at_start)
{
    for (size_t i = 0; i < n_words; i++) {
        size_t k = strlen(words[i]), n = strlen(s);
        if (n <= k)
            continue;
        if (at_start && memcmp(s, words[i], k) == 0) {
            memmove(s, s + k, n - k + 1);
            return true;
        }
        if (!at_start && memcmp(s + n - k, words[i], k) == 0) {
            s[n - k] = '\0';
            return true;
        }
    }
    return false;
}

/* Punctuation and brackets around a name (key form: NFKC, so （ is ( ). */
static const char *const edge_punct[] = {"・", "-", "_", ":", "/", "|", "「", "」", "『", "』",
                                         "【", "】", "〈", "〉", "《", "》", "\"", "'", "〔", "〕",
                                         "“", "”", "‘", "’", "*", "※"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool strip_edge_punct(char *s)
{
    bool a = strip_word(s, edge_punct, COUNT(edge_punct), true);
    bool b = strip_word(s, edge_punct, COUNT(edge_punct), false);
    return a || b;
}

/* A trailing bracketed part: "(代表)", "[札幌]". True if one was cut. */
static bool strip_bracketed_tail(char *s)
{
    size_t n = strlen(s);
    char open = n && s[n - 1] == ')' ? '(' : n && s[n - 1] == ']' ? '[' : 0;
    char *p = open ? strrchr(s, open) : NULL;
    if (!p || p == s)
        return false;
    *p = '\0';
    return true;
}

/* Roles written before or after a person's name, and honorifics after it
 * (key form). Longer first where one is a prefix of another. */
static const char *const person_roles[] = {
    "代表理事", "代表取締役", "共同代表", "副代表", "代表者", "代表", "副理事長", "理事長", "理事",
    "副会長", "会長", "事務局次長", "事務局長", "事務局員", "事務局", "局長", "施設長", "センター長",
    "所長", "園長", "館長", "室長", "部長", "課長", "係長", "主任", "担当者", "担当", "責任者",
    "職員", "スタッフ", "記入者", "回答者", "世話人", "コーディネーター", "監事", "会計", "氏名",
    "名前", "私"};
static const char *const person_honorifics[] = {"さん", "様", "さま", "氏", "殿", "先生", "君",
                                                "くん", "ちゃん"};
static const char *const person_links[] = {"の", "・", ":", "-", "/", "|"};

/* A person's name without the role or honorific written with it:
 * 代表 山田太郎, 理事長:山田太郎, 山田太郎さん, 山田太郎(代表) → 山田太郎. */
static bool strip_person(char *s)
{
    bool changed = false, more = true;
    while (more) {
        more = strip_bracketed_tail(s) || strip_edge_punct(s);
        if (strip_word(s, person_roles, COUNT(person_roles), true)) {
            strip_word(s, person_links, COUNT(person_links), true);
            more = true;
        }
        more |= strip_word(s, person_roles, COUNT(person_roles), false);
        more |= strip_word(s, person_honorifics, COUNT(person_honorifics), false);
        changed |= more;
    }
    return changed;
}

/* Branch and office suffixes of an organisation (key form). */
static const char *const branch_suffixes[] = {"支部", "事務局", "本部", "支所", "支店", "本店",
                                              "事業所", "分室", "出張所", "営業所", "事務所",
                                              "拠点", "分会", "部会", "支社", "本社"};

static bool strip_legal_form(char *s)
{
    bool a = strip_word(s, legal_forms, COUNT(legal_forms), true);
    bool b = strip_word(s, legal_forms, COUNT(legal_forms), false);
    return a || b;
}

static void core_of_key(char *key)
{
    while (strip_legal_form(key) || strip_edge_punct(key) || strip_bracketed_tail(key))
        ;
}

char *nps_mask_org_core(const char *name)
{
    char *key = name ? name_key(name) : NULL;
    if (key)
        core_of_key(key);
    return key;
}

/* Append a key (taking ownership) without sorting. */
static nps_error masker_append_entry(nps_masker *m, char *key, nps_mask_kind kind, bool family)
{
    if (!usable_key(key)) {
        nps_free(key);
        return NPS_OK;
    }
    if (nps_grow((void **)&m->names, &m->cap, m->n + 1, sizeof(name_entry), 16) != 0) {
        nps_free(key);
        return NPS_ERR_NOMEM;
    }
    m->names[m->n++] = (name_entry){key, strlen(key), kind, family, false, m->seq++};
    return NPS_OK;
}

static nps_error masker_append(nps_masker *m, char *key, nps_mask_kind kind)
{
    return masker_append_entry(m, key, kind, false);
}

static bool is_name_space(const char *p, size_t *len)
{
    const unsigned char *u = (const unsigned char *)p; /* "　" is E3 80 80 */
    *len = *p == ' ' || *p == '\t' ? 1 : u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    return *len > 0;
}

/* The family name of a person's name written with a space (山田 花子 →
 * 山田, 代表 山田 花子 → 山田): the first word that is not a role, when
 * another word follows it and it is not ASCII (Taro Yamada gives none). */
static nps_error add_family(nps_masker *m, const char *name)
{
    const char *p = name, *word = NULL;
    size_t sl, words = 0, wlen = 0;
    char *key = NULL;
    for (;;) {
        while (*p && is_name_space(p, &sl))
            p += sl;
        if (!*p)
            break;
        const char *w0 = p;
        while (*p && !is_name_space(p, &sl))
            p++;
        char *k = name_key_n(w0, (size_t)(p - w0));
        if (!k) {
            nps_free(key);
            return NPS_ERR_NOMEM;
        }
        bool role = strip_person(k) && !*k;
        for (size_t i = 0; i < COUNT(person_roles) && !role; i++)
            role = strcmp(k, person_roles[i]) == 0;
        if (!role && words++ == 0) {
            key = k;
            word = w0;
            wlen = (size_t)(p - w0);
        } else {
            nps_free(k);
        }
    }
    bool ascii = true;
    for (size_t i = 0; word && i < wlen; i++)
        ascii &= (unsigned char)word[i] < 0x80;
    if (!key || words < 2 || ascii) {
        nps_free(key);
        return NPS_OK;
    }
    strip_person(key);
    return masker_append_entry(m, key, NPS_MASK_NAME, true);
}

static nps_error masker_add_unsorted(nps_masker *m, nps_mask_kind kind, const char *name);

/* An organisation written with a branch after a space or ・ (ふたばの会 札幌支部):
 * add the head (ふたばの会) too. */
static nps_error add_branch_head(nps_masker *m, const char *name)
{
    static const char *const seps[] = {" ", "\t", "　", "・"};
    const char *cut = NULL;
    size_t n = strlen(name), seplen = 0;
    while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
        n--;
    for (size_t i = 0; i < COUNT(seps); i++) {
        size_t k = strlen(seps[i]);
        for (const char *p = name; p + k <= name + n; p++)
            if (memcmp(p, seps[i], k) == 0 && p > name && (!cut || p > cut)) {
                cut = p;
                seplen = k;
            }
    }
    if (!cut || cut + seplen >= name + n)
        return NPS_OK;
    bool branch = false;
    for (size_t i = 0; i < COUNT(branch_suffixes) && !branch; i++) {
        size_t k = strlen(branch_suffixes[i]);
        branch = (size_t)(name + n - (cut + seplen)) >= k && memcmp(name + n - k, branch_suffixes[i], k) == 0;
    }
    if (!branch)
        return NPS_OK;
    char *head = nps_strndup(name, (size_t)(cut - name));
    if (!head)
        return NPS_ERR_NOMEM;
    nps_error err = masker_add_unsorted(m, NPS_MASK_ORGANISATION, head);
    nps_free(head);
    return err;
}

/* Code points of the UTF-8 character at s[p]: its byte length. */
static size_t cp_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static bool is_kanji_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (u[0] >= 0xE4 && u[0] <= 0xE9) || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x85);
}

/* Add a derived key (a copy of core[0..len)); short_org: masked only as a word. */
static nps_error add_derived(nps_masker *m, const char *core, size_t len, bool short_org)
{
    char *k = nps_strndup(core, len);
    if (!k)
        return NPS_ERR_NOMEM;
    size_t before = m->n;
    nps_error err = masker_append_entry(m, k, NPS_MASK_ORGANISATION, false);
    if (err == NPS_OK && m->n > before)
        m->names[m->n - 1].short_org = short_org;
    return err;
}

/* An organisation's short forms, from its core (key form):
 * - a branch glued to the name (北の星旭川支部): without the suffix, and
 *   without the 2–4 kanji of a place before it (北の星旭川, 北の星), keeping
 *   at least 3 characters and not ending in の;
 * - the kana name after a descriptive head (こどもの居場所ひだまり → ひだまり,
 *   3+ hiragana after a kanji or katakana): masked only as a word of its own. */
static nps_error add_org_short_forms(nps_masker *m, const char *core)
{
    nps_error err = NPS_OK;
    size_t n = strlen(core);
    for (size_t i = 0; i < COUNT(branch_suffixes) && err == NPS_OK; i++) {
        size_t k = strlen(branch_suffixes[i]);
        if (n <= k || memcmp(core + n - k, branch_suffixes[i], k) != 0)
            continue;
        size_t end = n - k;
        if (nps_mask_utf8_count(core, end) >= 3)
            err = add_derived(m, core, end, false);
        for (int drop = 1; drop <= 4 && err == NPS_OK && end >= 3 && is_kanji_at(core + end - 3); drop++) {
            end -= 3;
            if (drop >= 2 && nps_mask_utf8_count(core, end) >= 3 &&
                !(end >= 3 && memcmp(core + end - 3, "の", 3) == 0))
                err = add_derived(m, core, end, false);
        }
        break;
    }
    /* the hiragana tail */
    size_t t = n, chars = 0;
    while (t >= 3 && is_hiragana_at(core, n, t - 3) && memcmp(core + t - 3, "ー", 3) != 0) {
        t -= 3;
        chars++;
    }
    if (err == NPS_OK && chars >= 3 && t >= 3 && t < n && nps_mask_utf8_count(core, t) >= 2) {
        size_t b = t - 1;
        while (b > 0 && ((unsigned char)core[b] & 0xC0) == 0x80)
            b--;
        if (cp_len(core + b) == 3 && (unsigned char)core[b] >= 0xE3) /* a kanji or katakana */
            err = add_derived(m, core + t, n - t, true);
    }
    return err;
}

/* The words of a name written with spaces (at most 8): *nw words, each
 * [start, len). */
static void split_words(const char *name, const char **w, size_t *wl, size_t *nw)
{
    const char *p = name;
    size_t sl;
    *nw = 0;
    while (*p && *nw < 8) {
        while (*p && is_name_space(p, &sl))
            p += sl;
        if (!*p)
            break;
        w[*nw] = p;
        while (*p && !is_name_space(p, &sl))
            p++;
        wl[*nw] = (size_t)(p - w[*nw]);
        ++*nw;
    }
}

/* An organisation written in words (森のようちえん どんぐり): each word of 3+
 * characters that is not a legal form or a branch, as a short name masked
 * only as a word of its own; a person written in two ASCII words (Suzuki
 * Hanako): the other order (Hanako Suzuki) too. */
static nps_error add_word_forms(nps_masker *m, nps_mask_kind kind, const char *name)
{
    const char *w[8];
    size_t wl[8], nw, words = 0;
    nps_error err = NPS_OK;
    char *keys[8] = {NULL};
    split_words(name, w, wl, &nw);
    for (size_t i = 0; i < nw && err == NPS_OK; i++) {
        if (!(keys[i] = name_key_n(w[i], wl[i])))
            err = NPS_ERR_NOMEM;
        else if (kind == NPS_MASK_ORGANISATION)
            core_of_key(keys[i]);
        for (size_t k = 0; keys[i] && k < COUNT(legal_forms); k++)
            if (strcmp(keys[i], legal_forms[k]) == 0)
                keys[i][0] = '\0'; /* the legal form written apart: not a word of the name */
        words += keys[i] && usable_key(keys[i]);
    }
    bool ascii = nw == 2 && kind == NPS_MASK_NAME;
    for (size_t i = 0; ascii && i < nw; i++)
        for (size_t j = 0; j < wl[i]; j++)
            ascii &= nps_mask_is_alnum((unsigned char)w[i][j]);
    if (err == NPS_OK && ascii && keys[0] && keys[1]) {
        size_t a = strlen(keys[1]), b = strlen(keys[0]);
        char *rev = nps_malloc(a + b + 1);
        if (!rev) {
            err = NPS_ERR_NOMEM;
        } else {
            memcpy(rev, keys[1], a);
            memcpy(rev + a, keys[0], b + 1);
            err = masker_append(m, rev, NPS_MASK_NAME);
        }
    }
    for (size_t i = 0; kind == NPS_MASK_ORGANISATION && words >= 2 && i < nw && err == NPS_OK; i++) {
        bool branch = false;
        for (size_t k = 0; k < COUNT(branch_suffixes) && keys[i]; k++) {
            size_t l = strlen(branch_suffixes[k]), kl = strlen(keys[i]);
            branch |= kl >= l && memcmp(keys[i] + kl - l, branch_suffixes[k], l) == 0;
        }
        if (keys[i] && !branch && nps_mask_utf8_count(keys[i], strlen(keys[i])) >= 3)
            err = add_derived(m, keys[i], strlen(keys[i]), true);
    }
    for (size_t i = 0; i < nw; i++)
        nps_free(keys[i]);
    return err;
}

static nps_error masker_add_unsorted(nps_masker *m, nps_mask_kind kind, const char *name)
{
    nps_error err = NPS_OK;
    char *key = NULL, *core = NULL;
    if (!name || !*name)
        goto cleanup;
    if (kind != NPS_MASK_NAME && kind != NPS_MASK_ORGANISATION) {
        err = NPS_ERR_USAGE;
        goto cleanup;
    }
    if (!(key = name_key(name))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    if (!(core = nps_strdup(key))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    if (kind == NPS_MASK_ORGANISATION && (err = add_branch_head(m, name)) != NPS_OK)
        goto cleanup;
    if (kind == NPS_MASK_NAME && (err = add_family(m, name)) != NPS_OK)
        goto cleanup;
    if ((err = add_word_forms(m, kind, name)) != NPS_OK)
        goto cleanup;
    if (kind == NPS_MASK_ORGANISATION) {
        core_of_key(core);
        if ((err = add_org_short_forms(m, core)) != NPS_OK)
            goto cleanup;
    } else
        strip_person(core);
    if (strcmp(core, key) != 0) {
        err = masker_append(m, core, kind);
        core = NULL;
        if (err != NPS_OK)
            goto cleanup;
    }
    err = masker_append(m, key, kind);
    key = NULL;
cleanup:
    nps_free(key);
    nps_free(core);
    return err;
}

/* Sort and drop duplicate keys (the earliest added wins). */
static void masker_finish(nps_masker *m)
{
    if (m->n < 2)
        return;
    qsort(m->names, m->n, sizeof(name_entry), name_cmp);
    size_t out = 1;
    for (size_t i = 1; i < m->n; i++) {
        name_entry *prev = &m->names[out - 1];
        if (m->names[i].len == prev->len && memcmp(m->names[i].key, prev->key, prev->len) == 0)
            nps_free(m->names[i].key);
        else
            m->names[out++] = m->names[i];
    }
    m->n = out;
}

nps_error nps_masker_add_name(nps_masker *m, nps_mask_kind kind, const char *name)
{
    nps_error err = masker_add_unsorted(m, kind, name);
    masker_finish(m);
    return err;
}

static nps_error masker_add_one(nps_masker *m, name_filter *filter, nps_mask_kind kind,
                                 const char *name)
{
    return nps_mask_filter_keeps(filter, name) ? masker_add_unsorted(m, kind, name) : NPS_OK;
}

/* Every response's value of a personal field, the duplicates dropped by
 * the reader included (their names may be written in the kept answers);
 * with a filter, those it keeps. */
static nps_error masker_add_field(nps_masker *m, const nps_dataset *d, nps_personal personal,
                                  nps_mask_kind kind, name_filter *filter)
{
    const nps_field *f = nps_questionnaire_personal_field(nps_dataset_questionnaire(d), personal);
    if (!f)
        return NPS_OK;
    for (size_t row = 0; row < nps_dataset_count(d); row++) {
        nps_error err = masker_add_one(m, filter, kind, nps_dataset_text(d, row, f));
        if (err != NPS_OK)
            return err;
    }
    for (size_t i = 0; i < nps_dataset_dropped_count(d); i++) {
        nps_error err = masker_add_one(m, filter, kind, nps_dataset_dropped_text(d, i, f));
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

static nps_error masker_new_filtered(const nps_dataset *d, name_filter *filter, nps_masker **out)
{
    nps_error err = NPS_OK;
    nps_masker *m = nps_calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return NPS_ERR_NOMEM;
    if ((err = nps_mask_morph_ready()) != NPS_OK) /* the dictionary of mask_morph.c */
        goto cleanup;
    if (d) {
        if ((err = masker_add_field(m, d, NPS_PERSONAL_NAME, NPS_MASK_NAME, filter)) != NPS_OK)
            goto cleanup;
        if ((err = masker_add_field(m, d, NPS_PERSONAL_ORGANISATION, NPS_MASK_ORGANISATION,
                                    filter)) != NPS_OK)
            goto cleanup;
    }
    masker_finish(m);
    *out = m;
    m = NULL;
cleanup:
    nps_masker_free(m);
    return err;
}

nps_error nps_masker_new(const nps_dataset *d, nps_masker **out)
{
    return masker_new_filtered(d, NULL, out);
}

nps_error nps_masker_new_for(const nps_dataset *d, const char *const *texts, size_t n,
                             nps_masker **out)
{
    name_filter *filter = NULL;
    nps_error err = nps_mask_filter_new(texts, n, &filter);
    *out = NULL;
    if (err == NPS_OK)
        err = masker_new_filtered(d, filter, out);
    nps_mask_filter_free(filter);
    return err;
}

size_t nps_masker_name_count(const nps_masker *m)
{
    return m ? m->n : 0;
}

void nps_masker_free(nps_masker *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        nps_free(m->names[i].key);
    nps_free(m->names);
    nps_free(m);
}
