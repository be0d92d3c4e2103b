/*
 * mask_contacts.c — the masker's rules for written-out contacts: e-mail
 * addresses in the forms people use to dodge harvesters (a @ b.jp,
 * a(at)b.jp, a[at]b(dot)jp, a★b.jp, aアットマークb.jp), bare domains with a
 * known top-level domain (example.jp/path, npo-hoge.org) and social-media
 * handles (@name; Instagram: name, LINE ID: name …). Each rule scans the
 * NFKC view v1 of a chunk (mask.c; full-width ＠ and （at） are @ and (at)
 * there) and takes every match with nps_mask_take. The exact rules and
 * their limits are in docs/analysis.md. No allocation beyond
 * nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define is_digit nps_mask_is_digit
#define is_alnum nps_mask_is_alnum

static bool is_space(char c) { return c == ' ' || c == '\t'; }
static bool local_char(unsigned char c) { return is_alnum(c) || (c && strchr("._%+-", c)); }
static bool label_char(unsigned char c) { return is_alnum(c) || c == '-'; }
static bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* ---- e-mail ------------------------------------------------------------- */

/* Bytes of an at-mark at s[i] (0: none): @, the word (at, アットマーク,
 * あっと …) in brackets or not, or a symbol standing for it (★ ◆ …).
 * " at " counts only between ASCII words, which the caller checks
 * (*spaced); *plain is set for a bare @. A lone "a" counts only in
 * brackets: (a), （a）. */
static size_t at_mark(const char *s, size_t n, size_t i, bool *spaced, bool *plain)
{
    static const char *const words[] = {"@", "at", "あっとまーく", "アットマーク", "あっと", "アット",
                                        "at mark", "atmark"};
    static const char *const symbols[] = {"★", "☆", "◎", "◆", "◇", "■", "□", "●", "○", "▲",
                                          "△", "♪", "♡", "♥", "※", "*", "#", "〓"};
    static const char *const brackets[][2] = {{"(", ")"}, {"[", "]"}, {"<", ">"}, {"{", "}"},
                                              {"【", "】"}, {"〔", "〕"}, {"《", "》"}};
    *spaced = *plain = false;
    if (s[i] == '@') {
        *plain = true;
        return 1;
    }
    for (size_t b = 0; b < sizeof brackets / sizeof brackets[0]; b++) {
        size_t ob = strlen(brackets[b][0]), cb = strlen(brackets[b][1]);
        if (!nps_mask_prefix_ci(s + i, n - i, brackets[b][0]))
            continue;
        for (size_t k = 0; k <= sizeof words / sizeof words[0]; k++) {
            /* the last round: a lone "a" in brackets, yorimichi(a)hotmail.co.jp */
            const char *word = k < sizeof words / sizeof words[0] ? words[k] : "a";
            size_t l = strlen(word), p = i + ob;
            while (p < n && s[p] == ' ')
                p++;
            if (!nps_mask_prefix_ci(s + p, n - p, word))
                continue;
            p += l;
            while (p < n && s[p] == ' ')
                p++;
            if (nps_mask_prefix_ci(s + p, n - p, brackets[b][1]))
                return p + cb - i;
        }
    }
    for (size_t k = 2; k < sizeof words / sizeof words[0]; k++)
        if (nps_mask_prefix_ci(s + i, n - i, words[k]))
            return strlen(words[k]);
    for (size_t k = 0; k < sizeof symbols / sizeof symbols[0]; k++)
        if (nps_mask_prefix_ci(s + i, n - i, symbols[k]))
            return strlen(symbols[k]);
    if (i > 0 && s[i - 1] == ' ' && nps_mask_prefix_ci(s + i, n - i, "at ")) {
        *spaced = true;
        return 2;
    }
    return 0;
}

/* Bytes of a dot of a domain at s[i]: ".", or "dot" in brackets or between
 * spaces, with up to one space on either side. */
static size_t dot_mark(const char *s, size_t n, size_t i)
{
    static const char *const marks[] = {"(dot)", "[dot]", "<dot>", "{dot}", "(.)", "[.]", "dot",
                                        "ドット", "どっと"};
    size_t p = i + (i < n && s[i] == ' ');
    if (p < n && s[p] == '.')
        return p + 1 + (p + 1 < n && s[p + 1] == ' ') - i;
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t l = strlen(marks[k]);
        if (!nps_mask_prefix_ci(s + p, n - p, marks[k]))
            continue;
        if (k == 6 && (p == i || p + l >= n || s[p + l] != ' '))
            continue; /* a bare "dot" only between spaces */
        return p + l + (p + l < n && s[p + l] == ' ') - i;
    }
    return 0;
}

/* A domain at s[p]: labels joined by dot marks, at least two, the last of
 * 2+ letters. Its end, or 0. */
static size_t domain_at(const char *s, size_t n, size_t p)
{
    size_t q = p, labels = 0, last = 0, end = 0;
    for (;;) {
        size_t l0 = q;
        while (q < n && label_char((unsigned char)s[q]))
            q++;
        if (q == l0)
            break;
        labels++;
        last = l0;
        end = q;
        size_t d = dot_mark(s, n, q);
        if (!d || q + d >= n || !label_char((unsigned char)s[q + d]))
            break;
        q += d;
    }
    if (labels < 2)
        return 0;
    while (end > last && s[end - 1] == '-')
        end--;
    while (end > last + 2 && is_digit((unsigned char)s[end - 1]) && is_letter((unsigned char)s[end - 2]))
        end--; /* a@b.jp3丁目: the digits start the next word */
    while (end > last + 2 && is_digit((unsigned char)s[end - 1]))
        end--;
    for (size_t k = last; k < end; k++)
        if (!is_letter((unsigned char)s[k]))
            return 0;
    return end - last >= 2 ? end : 0;
}

/* A host name without a dot after a bare @ (rokuro@futaba): 2+ letters,
 * digits and dashes starting with a letter. Its end, or 0. */
static size_t host_at(const char *s, size_t n, size_t p)
{
    size_t q = p;
    if (p >= n || !is_letter((unsigned char)s[p]))
        return 0;
    while (q < n && label_char((unsigned char)s[q]))
        q++;
    return q - p >= 2 && !(q < n && (s[q] == '.' || s[q] == '_')) ? q : 0;
}

/* Can an at-mark start at s[i]? The first bytes of every mark of at_mark,
 * so that the rule costs one test per byte of ordinary text. */
static bool at_mark_may_start(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] < 0x80)
        return u[0] && strchr("@([<{*#aA", u[0]) != NULL;
    if (n - i < 3)
        return false;
    if (u[0] == 0xE2) /* ※ ■ □ ▲ △ ◆ ◇ ○ ◎ ● ★ ☆ ♪ ♡ ♥ */
        return u[1] == 0x80 || (u[1] >= 0x96 && u[1] <= 0x99);
    if (u[0] == 0xE3) /* 《 【 〓 〔, あ, ア */
        return (u[1] == 0x80 && (u[2] == 0x8A || u[2] == 0x90 || u[2] == 0x93 || u[2] == 0x94)) ||
               (u[1] == 0x81 && u[2] == 0x82) || (u[1] == 0x82 && u[2] == 0xA2);
    return false;
}

int nps_mask_rule_email(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t a = 0; a < n; a++) {
        bool spaced, plain;
        if (!at_mark_may_start(s, n, a))
            continue;
        size_t m = at_mark(s, n, a, &spaced, &plain);
        if (!m)
            continue;
        size_t l = a, r = a + m;
        if (!spaced)
            for (int k = 0; k < 2 && l > 0 && is_space(s[l - 1]); k++)
                l--;
        else
            l--;
        size_t lend = l;
        while (l > 0 && local_char((unsigned char)s[l - 1]))
            l--;
        while (l < lend && s[l] == '.')
            l++;
        if (spaced && r < n)
            r++;
        else
            for (int k = 0; k < 2 && r < n && is_space(s[r]); k++)
                r++;
        size_t end = l < lend ? domain_at(s, n, r) : 0;
        if (!end && plain && l < lend && lend == a && r == a + 1)
            end = host_at(s, n, r);
        if (!end)
            continue;
        int took = nps_mask_take(w, &w->v1, l, end, NPS_MASK_EMAIL);
        if (took == 0) { /* the local part reaches into an earlier span: a@b.jp_c@d.jp */
            size_t l2 = nps_mask_untaken_from(w, &w->v1, l, lend);
            while (l2 < lend && !is_alnum((unsigned char)s[l2]))
                l2++;
            if (l2 > l && l2 < lend)
                took = nps_mask_take(w, &w->v1, l2, end, NPS_MASK_EMAIL);
        }
        if (took < 0)
            return -1;
        a = end - 1;
    }
    return 0;
}

/* ---- bare domains ------------------------------------------------------- */

/* Top-level domains a bare domain may end in (lower case). */
static bool known_tld(const char *s, size_t len)
{
    static const char *const tlds[] = {
        "jp", "com", "net", "org", "info", "biz", "io", "co", "me", "tv", "cc", "us", "uk",
        "app", "dev", "xyz", "site", "online", "tokyo", "osaka", "nagoya", "yokohama", "kyoto",
        "hokkaido", "okinawa", "blog", "shop", "page", "link", "club", "life", "work", "tech",
        "ly", "gl", "be", "fm", "asia", "edu", "gov", "world", "net", "today", "team", "style",
        "space", "website", "studio", "earth", "love", "fun", "jpn", "care", "community",
        "social", "ngo", "ong", "foundation", "network", "cafe", "farm", "school"};
    for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
        if (strlen(tlds[k]) == len && nps_mask_prefix_ci(s, len, tlds[k]))
            return true;
    return false;
}

static bool url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c);
}

/* A bare domain at s[i] (labels of letters, digits and -, joined by dots,
 * with a letter before a known TLD), then an optional :port and /path.
 * Its end, or 0. */
static size_t bare_domain_at(const char *s, size_t n, size_t i)
{
    if (i > 0 && (label_char((unsigned char)s[i - 1]) || strchr("._@/\\%+", s[i - 1])))
        return 0;
    size_t q = i, last = i, labels = 0;
    bool letter = false;
    for (;;) {
        size_t l0 = q;
        while (q < n && label_char((unsigned char)s[q]))
            letter |= is_letter((unsigned char)s[q++]);
        if (q == l0)
            return 0;
        labels++;
        last = l0;
        if (q + 1 < n && s[q] == '.' && label_char((unsigned char)s[q + 1]))
            q++;
        else
            break;
    }
    bool path = q + 1 < n && s[q] == '/' && url_char((unsigned char)s[q + 1]);
    if (labels < 2 || (!known_tld(s + last, q - last) && !(path && q - last >= 2 && q - last <= 16)) ||
        (q < n && s[q] == '_'))
        return 0;
    for (size_t k = last; k < q; k++)
        if (!is_letter((unsigned char)s[k]))
            return 0;
    (void)letter;
    if (q < n && (s[q] == '/' || s[q] == ':')) {
        size_t p = q;
        while (p < n && url_char((unsigned char)s[p]))
            p++;
        while (p > q && strchr(".,;:!?'\")]", s[p - 1]))
            p--;
        q = p;
    }
    return q;
}

int nps_mask_rule_domain(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t end = is_alnum((unsigned char)s[i]) ? bare_domain_at(s, n, i) : 0;
        if (end && nps_mask_take(w, &w->v1, i, end, NPS_MASK_URL) < 0)
            return -1;
        i = end > i ? end : i + 1;
    }
    return 0;
}

/* ---- social-media handles ----------------------------------------------- */

static bool handle_char(unsigned char c) { return is_alnum(c) || c == '_' || c == '.'; }

/* A handle at s[p] (optional @, then 2–40 of letters, digits, _ and .,
 * and - between two of them, not ending in a dot): its end, or 0. */
static size_t handle_at(const char *s, size_t n, size_t p, size_t min)
{
    size_t q = p + (p < n && s[p] == '@');
    size_t h = q;
    while (q < n && q - h < 40 &&
           (handle_char((unsigned char)s[q]) ||
            (s[q] == '-' && q > h && q + 1 < n && is_alnum((unsigned char)s[q + 1]))))
        q++; /* a hyphen inside (kitami-ohisama77), never first or last */
    while (q > h && s[q - 1] == '.')
        q--;
    if (q - h >= min && q + 1 < n && s[q] == '#' && is_digit((unsigned char)s[q + 1])) {
        q++; /* name#1234 (Discord) */
        while (q < n && is_digit((unsigned char)s[q]))
            q++;
    }
    if (q - h < min || (q < n && (handle_char((unsigned char)s[q]) || s[q] == '(')))
        return 0; /* too short, too long, or a function: @SUM(A1) */
    return q;
}

/* A service name before a handle (lower case, NFKC). */
static size_t service_at(const char *s, size_t n, size_t i)
{
    static const char *const names[] = {"instagram", "insta", "インスタグラム", "インスタ",
                                        "twitter", "ツイッター", "facebook", "フェイスブック",
                                        "line", "ライン", "tiktok", "ティックトック", "youtube",
                                        "threads", "note", "discord", "bluesky", "mastodon", "misskey", "linkedin",
                                        "pinterest", "mixi", "x", "fb", "ig"};
    if (i > 0 && is_alnum((unsigned char)s[i - 1]))
        return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t l = strlen(names[k]);
        if (nps_mask_prefix_ci(s + i, n - i, names[k]) && !(l < n - i && is_letter((unsigned char)s[i + l]) && is_letter((unsigned char)names[k][0])))
            return l;
    }
    return 0;
}

/* After a service name, what may come before the handle's introduction:
 * a bracketed aside of up to 12 characters ("X（旧Twitter）") followed by
 * an introduction, and words naming the account ("チャンネル", "公式アカウント").
 * Returns where the introduction may start. */
static size_t skip_service_words(const char *s, size_t n, size_t p)
{
    static const char *const words[] = {"公式アカウント", "公式チャンネル", "アカウント名", "アカウント",
                                        "チャンネル名", "チャンネル", "ユーザー名", "ユーザーネーム",
                                        "公式", "ページ", "account", "channel", "の"};
    for (int round = 0; round < 3; round++) {
        size_t q = p;
        while (q < n && is_space(s[q]))
            q++;
        if (q < n && s[q] == '(') {
            size_t e = q + 1;
            while (e < n && s[e] != ')' && s[e] != '(' && e - q < 40)
                e++;
            size_t r = e + 1;
            while (r < n && is_space(s[r]))
                r++;
            if (e < n && s[e] == ')' && r < n &&
                (s[r] == ':' || s[r] == '=' || s[r] == '@' || (n - r >= 3 && memcmp(s + r, "「", 3) == 0))) {
                p = e + 1;
                continue;
            }
        }
        bool word = false;
        for (size_t k = 0; k < sizeof words / sizeof words[0] && !word; k++) {
            size_t l = strlen(words[k]);
            if (nps_mask_prefix_ci(s + q, n - q, words[k])) {
                p = q + l;
                word = true;
            }
        }
        if (!word)
            break;
    }
    return p;
}

/* After a service name: spaces, an optional "id", and a colon, =, は, →,
 * 「, 『 or a bracket (then "id:" again: LINE（ID：…）), or the @ of the
 * handle: where the handle starts, or 0. */
static size_t handle_intro(const char *s, size_t n, size_t p)
{
    bool said = false;
    p = skip_service_words(s, n, p);
    while (p < n && is_space(s[p]))
        p++;
    if (nps_mask_prefix_ci(s + p, n - p, "id") && !(p + 2 < n && is_alnum((unsigned char)s[p + 2]))) {
        p += 2;
        said = true;
    }
    while (p < n && is_space(s[p]))
        p++;
    if (p < n && (s[p] == ':' || s[p] == '=' || s[p] == '(')) {
        p++;
        said = true;
    } else if (n - p >= 3 && (memcmp(s + p, "は", 3) == 0 || memcmp(s + p, "→", 3) == 0 ||
                              memcmp(s + p, "「", 3) == 0 || memcmp(s + p, "『", 3) == 0)) {
        p += 3;
        said = true;
    }
    while (p < n && is_space(s[p]))
        p++;
    if (said && nps_mask_prefix_ci(s + p, n - p, "id")) { /* LINE（ID：mamakafe_0505） */
        size_t q = p + 2;
        while (q < n && is_space(s[q]))
            q++;
        if (q < n && s[q] == ':')
            for (p = q + 1; p < n && is_space(s[p]); p++)
                ;
    }
    if (said && n - p >= 3 && (memcmp(s + p, "「", 3) == 0 || memcmp(s + p, "『", 3) == 0))
        p += 3; /* Instagram：「futaba」 */
    return said || (p < n && s[p] == '@') ? p : 0;
}

int nps_mask_rule_handle(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t i = 0; i < n;) {
        size_t start = i, end = 0, l;
        const unsigned char *u = (const unsigned char *)s + i;
        bool may_name = is_letter(u[0]) || (u[0] == 0xE3 && n - i >= 3 && (u[1] == 0x82 || u[1] == 0x83));
        if (s[i] == '@' && (i == 0 || !local_char((unsigned char)s[i - 1])))
            end = handle_at(s, n, i, 2);
        else if (may_name && (l = service_at(s, n, i)) != 0 && (start = handle_intro(s, n, i + l)) != 0)
            end = handle_at(s, n, start, 3);
        if (end && nps_mask_take(w, &w->v1, start, end, NPS_MASK_HANDLE) < 0)
            return -1;
        i = end > i ? end : i + 1;
    }
    return 0;
}
