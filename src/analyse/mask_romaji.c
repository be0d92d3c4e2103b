/*
 * mask_romaji.c — the masker's rule for names of people written in Latin
 * letters (split from mask_people.c, which runs it between its rules for
 * names after a role and for names in kana). Each becomes ［氏名］.
 *   - Romaji: two capitalised words of Japanese syllables, 3–14 letters
 *     each and 8 in all (Yuzuki Hanamaki, HANAMAKI Yuzuki, Rin SAKAMOTO), or
 *     written Family, Given (Hanamaki, Yuzuki); English words that happen to
 *     read as syllables (Open Data, Home Page …) are listed and stay; any two
 *     such words before an honorific, also san, sama, sensei, kun, chan after
 *     a space or a hyphen (Olena Kovalenko san, Hanamaki, Yuzukiさん).
 *   - One word of Japanese syllables, 4–14 letters: after an initial and a
 *     dot (M.OKUDA), capitalised or in capitals before an honorific
 *     (TOKUNAGA先生) or inside Japanese before a particle (「Hoshino が担当」,
 *     「名札に Tsukamoto と」), in lower case before san, sama … (yamaguchi san).
 *   - Two such words in lower case, 10 letters in all (kaori tsuchimikado).
 *   - After a title of address (Dr. Mr. Mrs. Ms. Miss Prof.): the capitalised
 *     word after it, any name, and the next capitalised word (Dr.Nakagawa,
 *     Mr. Kenji Oyamada); the title stays.
 * Scans the NFKC view v1. The full list of what is and is not masked:
 * docs/robustness.md. No allocation beyond nps_mask_take's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "analyse/masking_private.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- romaji names ------------------------------------------------------ */

static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static char lower(unsigned char c) { return (char)(is_upper(c) ? c - 'A' + 'a' : c); }
static bool vowel(char c) { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o'; }

/* Do the letters w[0..l) read as Japanese syllables in Hepburn romaji
 * (a consonant or two — sh ch ts ky … or a doubled one — then a vowel; n
 * alone; h after a vowel as in Ohno)? */
static bool is_romaji(const char *w, size_t l)
{
    static const char *const onsets[] = {"sh", "ch", "ts", "ky", "gy", "ny", "hy", "by", "py", "my",
                                         "ry", "j", "f", "k", "g", "s", "z", "t", "d", "n", "h",
                                         "b", "p", "m", "y", "r", "w"};
    size_t i = 0, syl = 0;
    while (i < l) {
        char c = lower((unsigned char)w[i]);
        if (vowel(c)) {
            i++;
            syl++;
            continue;
        }
        if (c == 'n' && (i + 1 == l || !vowel(lower((unsigned char)w[i + 1])))) {
            if (i + 1 < l && lower((unsigned char)w[i + 1]) == 'y')
                return false;
            i++;
            continue;
        }
        if (c == 'h' && i > 0 && vowel(lower((unsigned char)w[i - 1])) &&
            (i + 1 == l || !vowel(lower((unsigned char)w[i + 1])))) {
            i++; /* Ohno, Saitoh */
            continue;
        }
        if (i + 1 < l && c == lower((unsigned char)w[i + 1]) && c != 'n' && !vowel(c))
            i++; /* Sapporo, Hattori: a doubled consonant */
        bool ok = false;
        for (size_t k = 0; k < COUNT(onsets) && !ok; k++) {
            size_t ol = strlen(onsets[k]);
            bool m = i + ol < l;
            for (size_t j = 0; m && j < ol; j++)
                m = lower((unsigned char)w[i + j]) == onsets[k][j];
            if (m && vowel(lower((unsigned char)w[i + ol]))) {
                i += ol + 1;
                syl++;
                ok = true;
            }
        }
        if (!ok)
            return false;
    }
    return syl >= 1;
}

/* English words that read as romaji, in lower case. */
static const char *const english[] = {
    "open", "data", "home", "page", "game", "time", "make", "take", "site", "note", "zone", "case",
    "base", "name", "none", "hope", "kids", "rose", "nature", "sunrise", "tokyo", "osaka", "japan",
    "nippon", "hokkaido", "sapporo", "asahikawa", "hakodate", "kushiro", "obihiro", "otaru",
    "kitami", "tomakomai", "wakanai", "muroran", "pokemon", "anime", "manga", "karate", "judo",
    "sushi", "ramen", "kimono", "origami", "karaoke", "tsunami", "emoji", "kaizen", "ikigai",
    "more", "same", "sale", "fine", "line", "mine", "wine", "machine", "amazon", "yahoo",
    "google", "safari", "piano", "radio", "video", "tomato", "banana", "camera", "model",
    "kobe", "kyoto", "nagoya", "yokohama", "fukuoka", "sendai", "hiroshima", "okinawa", "tohoku",
    "kanto", "kansai", "made", "ride", "side", "wide", "tide", "code", "mode", "rune", "tune",
    "dune", "june", "bike", "like", "joke", "smoke", "sake", "tofu", "miso", "sumo", "zen"};

static bool is_english(const char *w, size_t l)
{
    for (size_t i = 0; i < COUNT(english); i++) {
        bool m = strlen(english[i]) == l;
        for (size_t j = 0; m && j < l; j++)
            m = lower((unsigned char)w[j]) == english[i][j];
        if (m)
            return true;
    }
    return false;
}

/* A capitalised word at s[p] (Yuzuki or YUZUKI, 3–14 letters): its end, or p. */
static size_t cap_word(const char *s, size_t n, size_t p, bool *all_upper)
{
    size_t q = p + 1;
    if (p >= n || !is_upper((unsigned char)s[p]))
        return p;
    *all_upper = q < n && is_upper((unsigned char)s[q]);
    while (q < n && (*all_upper ? is_upper((unsigned char)s[q]) : is_lower((unsigned char)s[q])))
        q++;
    if (q - p < 3 || q - p > 14 || (q < n && nps_mask_is_alnum((unsigned char)s[q])))
        return p;
    return q;
}

/* After a title of address at s[p] (Dr. Mr. Mrs. Ms. Prof., the dot and a
 * space optional, at least one of them): where the name starts, or p. */
static size_t title_end(const char *s, size_t n, size_t p)
{
    static const char *const titles[] = {"Dr", "Mrs", "Mr", "Ms", "Miss", "Prof"};
    for (size_t i = 0; i < COUNT(titles); i++) {
        size_t k = strlen(titles[i]), q = p + k;
        if (n - p <= k || memcmp(s + p, titles[i], k) != 0)
            continue;
        if (q < n && s[q] == '.')
            q++;
        if (q < n && s[q] == ' ')
            q++;
        if (q > p + k && q < n)
            return q;
    }
    return p;
}

/* Is the word s[p, e) written inside Japanese, a particle after it: after
 * a Japanese character or the start (a space between allowed) and before
 * が と は に へ を も の より から (a space between allowed): 「Hoshino が担当」? */
static bool in_japanese_before_particle(const char *s, size_t n, size_t p, size_t e)
{
    static const char *const particles[] = {"が", "と", "は", "に", "へ", "を", "も", "の",
                                            "より", "から"};
    size_t b = p > 0 && s[p - 1] == ' ' ? p - 1 : p;
    if (b > 0 && (unsigned char)s[b - 1] < 0x80)
        return false;
    size_t a = e < n && s[e] == ' ' ? e + 1 : e;
    for (size_t i = 0; i < COUNT(particles); i++)
        if (n - a >= strlen(particles[i]) && memcmp(s + a, particles[i], strlen(particles[i])) == 0)
            return true;
    return false;
}

/* One romaji name written alone (a word of Japanese syllables, 4–14
 * letters, not English): after an initial and a dot (M.OKUDA, T. Yamada),
 * capitalised or in capitals before an honorific (TOKUNAGA先生, Tanaka san),
 * or in lower case before san, sama, sensei, kun or chan after a space or a
 * hyphen (yamaguchi san). Its end, or p. */
static size_t romaji_single(const char *s, size_t n, size_t p)
{
    size_t q = p, e;
    bool up = false;
    size_t t = title_end(s, n, p);
    if (t > p) { /* Dr.Nakagawa, Ms. Lee: any capitalised word after a title */
        for (e = t + 1; e < n && (is_lower((unsigned char)s[e]) || is_upper((unsigned char)s[e]));)
            e++;
        if (!is_upper((unsigned char)s[t]) || e - t < 2 || e - t > 20 ||
            (e < n && (nps_mask_is_digit((unsigned char)s[e]) || s[e] == '@')))
            return p;
        bool caps = false; /* Mr. Kenji Oyamada: the next capitalised word too */
        size_t e2 = e + 1 < n && s[e] == ' ' ? cap_word(s, n, e + 1, &caps) : e;
        return e2 > e + 1 ? e2 : e;
    }
    if (is_upper((unsigned char)s[p]) && p + 2 < n && s[p + 1] == '.') { /* the initial */
        q = p + 2 + (s[p + 2] == ' ');
        e = cap_word(s, n, q, &up);
    } else if (is_upper((unsigned char)s[p])) { /* ＴＯＫＵＮＡＧＡ先生, Tanaka san, Hoshino が */
        bool up_word = false;
        e = cap_word(s, n, p, &up_word);
        if (e == p || !(nps_mask_honorific_at(s, n, e) || in_japanese_before_particle(s, n, p, e)))
            return p;
    } else if (is_lower((unsigned char)s[p])) {
        for (e = p; e < n && is_lower((unsigned char)s[e]); e++)
            ;
        if (e == n || (s[e] != ' ' && s[e] != '-') || !nps_mask_honorific_at(s, n, e))
            return p;
    } else {
        return p;
    }
    if (e - q < 4 || e - q > 14 || !is_romaji(s + q, e - q) || is_english(s + q, e - q) ||
        (e < n && (nps_mask_is_alnum((unsigned char)s[e]) || s[e] == '.' || s[e] == '@')))
        return p;
    return e;
}

/* Two romaji words in lower case at s[p] (kaori tsuchimikado: a name typed
 * without capitals), 4–14 letters each and 10 in all, Japanese syllables,
 * not English, standing alone. Their end, or p. */
static size_t romaji_lower_pair(const char *s, size_t n, size_t p)
{
    size_t e1 = p, e2;
    while (e1 < n && is_lower((unsigned char)s[e1]))
        e1++;
    if (e1 >= n || s[e1] != ' ')
        return p;
    for (e2 = e1 + 1; e2 < n && is_lower((unsigned char)s[e2]);)
        e2++;
    size_t l1 = e1 - p, l2 = e2 - e1 - 1;
    if (l1 < 4 || l1 > 14 || l2 < 4 || l2 > 14 || l1 + l2 < 10 ||
        (e2 < n && (nps_mask_is_alnum((unsigned char)s[e2]) || strchr("@._-/", s[e2]))) ||
        !is_romaji(s + p, l1) || !is_romaji(s + e1 + 1, l2) || is_english(s + p, l1) ||
        is_english(s + e1 + 1, l2))
        return p;
    return e2;
}

int nps_mask_rule_romaji(work *w)
{
    const char *s = w->v1.s;
    size_t n = w->v1.len;
    for (size_t p = 0; p < n; p++) {
        if (p == 0 || !(nps_mask_is_alnum((unsigned char)s[p - 1]) || strchr("@._-/#:", s[p - 1]))) {
            size_t e = romaji_single(s, n, p);
            if (e == p)
                e = romaji_lower_pair(s, n, p);
            if (e > p) { /* the title stays: Dr.［氏名］ */
                if (nps_mask_take(w, &w->v1, title_end(s, n, p), e, NPS_MASK_NAME) < 0)
                    return -1;
                p = e;
                continue;
            }
        }
        if (!is_upper((unsigned char)s[p]) ||
            (p > 0 && (nps_mask_is_alnum((unsigned char)s[p - 1]) || strchr("@._-/#", s[p - 1]))))
            continue;
        bool up1 = false, up2 = false; /* Given Family, FAMILY Given, Given FAMILY: all taken */
        size_t e1 = cap_word(s, n, p, &up1), a2 = e1 + 1, e2;
        if (e1 < n && s[e1] == ',' && a2 < n && s[a2] == ' ')
            a2++; /* Family, Given */
        if (e1 == p || a2 >= n || (s[e1] != ' ' && a2 == e1 + 1))
            continue;
        e2 = cap_word(s, n, a2, &up2);
        bool honored = e2 > a2 && nps_mask_honorific_at(s, n, e2); /* Olena Kovalenkoさん: any two words */
        if (e2 == a2 || (e2 < n && strchr("@._-/", s[e2]) && !honored) ||
            (!honored && (!is_romaji(s + p, e1 - p) || !is_romaji(s + a2, e2 - a2) ||
                          is_english(s + p, e1 - p) || is_english(s + a2, e2 - a2) || e2 - p < 9)))
            continue;
        if (nps_mask_take(w, &w->v1, p, e2, NPS_MASK_NAME) < 0)
            return -1;
        p = e2;
    }
    return 0;
}
