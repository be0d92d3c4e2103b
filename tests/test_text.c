/*
 * test_text.c — UTF-8 validity, NFKC keys, trimming, truncation and the
 * '?' wildcard of CP932 saves (text.h). Table-driven; exact expectations.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <utf8proc.h>
#include "unit.h"
#include "base/text.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct bytes_case {
    const char *s;
    size_t len;             /* 0: strlen(s) */
    bool valid;
} bytes_case;

typedef struct map_case {
    const char *in;
    const char *out;        /* NULL: the function must fail */
} map_case;

static size_t case_len(const char *s, size_t len)
{
    return len ? len : strlen(s);
}

/* Run fn over every case; `name` labels failures. */
static void check_map(char *(*fn)(const char *, size_t), const map_case *cases, size_t n,
                      const char *name)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int before = unit_failures;
        char *got = fn(cases[i].in, strlen(cases[i].in));
        if (cases[i].out)
            CHECK_STR(got, cases[i].out);
        else
            CHECK(got == NULL);
        if (unit_failures != before)
            fprintf(stderr, "  ^ %s case %zu: \"%s\"\n", name, i, cases[i].in);
        free(got);
    }
}

TEST(utf8_valid_accepts)
{
    static const bytes_case cases[] = {
        {"", 0, true},
        {"abc", 0, true},
        {"日本語", 0, true},
        {"\xC2\x80", 0, true},           /* U+0080, smallest 2-byte */
        {"\xDF\xBF", 0, true},           /* U+07FF */
        {"\xE0\xA0\x80", 0, true},       /* U+0800, smallest 3-byte */
        {"\xED\x9F\xBF", 0, true},       /* U+D7FF, just below surrogates */
        {"\xEE\x80\x80", 0, true},       /* U+E000, just above */
        {"\xEF\xBF\xBF", 0, true},       /* U+FFFF */
        {"\xF0\x90\x80\x80", 0, true},   /* U+10000 */
        {"\xF4\x8F\xBF\xBF", 0, true},   /* U+10FFFF, the last */
        {"\xEF\xBB\xBF" "a", 0, true},   /* BOM is a character */
        {"a\0b", 3, true},               /* NUL is valid UTF-8 */
    };
    size_t i;

    for (i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        CHECK(nps_utf8_valid(cases[i].s, case_len(cases[i].s, cases[i].len)) == cases[i].valid);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
    CHECK(nps_utf8_valid(NULL, 0));
}

TEST(utf8_valid_rejects)
{
    static const bytes_case cases[] = {
        {"\xC0\x80", 0, false},          /* overlong NUL */
        {"\xC1\xBF", 0, false},          /* overlong U+007F */
        {"\xE0\x80\x80", 0, false},      /* overlong 3-byte */
        {"\xE0\x9F\xBF", 0, false},      /* overlong U+07FF */
        {"\xF0\x80\x80\x80", 0, false},  /* overlong 4-byte */
        {"\xF0\x8F\xBF\xBF", 0, false},  /* overlong U+FFFF */
        {"\xED\xA0\x80", 0, false},      /* U+D800 surrogate */
        {"\xED\xBF\xBF", 0, false},      /* U+DFFF surrogate */
        {"\xF4\x90\x80\x80", 0, false},  /* U+110000 */
        {"\xF5\x80\x80\x80", 0, false},
        {"\xFF", 0, false},
        {"\xFE", 0, false},
        {"\x80", 0, false},              /* lone continuation */
        {"a\xBF" "b", 0, false},
        {"\xC2", 0, false},              /* truncated */
        {"\xE3\x81", 0, false},
        {"\xF0\x9F\x98", 0, false},
        {"abc\xE3", 0, false},
        {"\xC2\x41", 0, false},          /* bad continuation */
        {"\xE3\x41\x82", 0, false},
        {"\xE3\x81\xC2\x80", 0, false},
        {"日本", 5, false},              /* length cuts the last character */
        {"\x82\xA0", 0, false},          /* CP932 あ */
    };
    size_t i;

    for (i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        CHECK(nps_utf8_valid(cases[i].s, case_len(cases[i].s, cases[i].len)) == cases[i].valid);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
    CHECK(!nps_utf8_valid(NULL, 1));
}

TEST(text_key)
{
    static const map_case cases[] = {
        {"Ｑ６．　子ども", "Q6.子ども"},
        {"Q6.子ども", "Q6.子ども"},
        {"Q6. 子ども", "Q6.子ども"},
        {"  a b\tc\r\n", "abc"},
        {"\xC2\xA0x\xE3\x80\x80y\xE2\x80\xA8z\xE2\x80\xA9", "xyz"},
        {"\xE1\x9A\x80" "a\xE2\x81\x9F" "b\xC2\x85" "c\xE2\x80\x8A", "abc"},
        {"ｶﾀｶﾅ", "カタカナ"},
        {"ｶﾞｲﾄﾞ", "ガイド"},
        {"か\xE3\x82\x99", "が"},        /* composed after decomposition */
        {"（公立）", "(公立)"},
        {"㈱", "(株)"},
        {"①", "1"},
        {"㎡", "m2"},
        {"１０人以上", "10人以上"},
        {"", ""},
        {"　 \t", ""},
        {"\xFF", NULL},
        {"\xED\xA0\x80", NULL},
        {"ok\xC0\x80", NULL},
    };
    char *a, *b;

    check_map(nps_text_key, cases, COUNT_OF(cases), "key");
    /* Embedded NUL cannot survive into a C string: rejected. */
    CHECK(nps_text_key("a\0b", 3) == NULL);
    /* Two spellings of one header give one key. */
    a = nps_text_key("Ｑ６．　子ども", strlen("Ｑ６．　子ども"));
    b = nps_text_key("Q6.子ども", strlen("Q6.子ども"));
    CHECK(a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
    /* len bounds the input. */
    a = nps_text_key("ａｂｃ", 6);
    CHECK_STR(a, "ab");
    free(a);
}

TEST(text_nfkc)
{
    static const map_case cases[] = {
        {"　Ｑ６．　子ども　", "Q6. 子ども"},
        {"a\nb", "a\nb"},
        {"\t x \t", "x"},
        {"ｶﾀｶﾅ　です", "カタカナ です"},
        {"１２．５％", "12.5%"},
        {"", ""},
        {"\xE3\x80\x80", ""},
        {"\xE0\x80\x80", NULL},
    };

    check_map(nps_text_nfkc, cases, COUNT_OF(cases), "nfkc");
    CHECK(nps_text_nfkc("a\0b", 3) == NULL);
}

/* Encode one code point (valid, not a surrogate) as UTF-8. */
static size_t encode_cp(long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The fast NFKC agrees with utf8proc on every code point it accepts, alone
 * and next to other accepted characters (no composition across them). */
TEST(nfkc_fast_matches_utf8proc)
{
    static const char *const around[] = {"a", "\xE3\x81\x8B", "\xE3\x82\xA6", "\xEF\xBC\xA1", "\xE3\x80\x80"};
    size_t accepted = 0;

    for (long cp = 1; cp <= 0x10FFFF; cp++) {
        char one[8], buf[32], fast[32];
        size_t n;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        n = encode_cp(cp, one);
        if (nps_text_nfkc_fast(one, n, fast) == (size_t)-1)
            continue;
        accepted++;
        for (size_t k = 0; k < COUNT_OF(around) * 2 + 1; k++) {
            const char *a = k == 0 ? "" : around[(k - 1) / 2];
            int before = unit_failures;
            size_t len;
            utf8proc_uint8_t *ref = NULL;
            if (k % 2) /* around before */
                len = (size_t)snprintf(buf, sizeof buf, "%s%.*s", a, (int)n, one);
            else
                len = (size_t)snprintf(buf, sizeof buf, "%.*s%s", (int)n, one, a);
            CHECK(nps_text_nfkc_fast(buf, len, fast) != (size_t)-1);
            CHECK(utf8proc_map((const utf8proc_uint8_t *)buf, (utf8proc_ssize_t)len, &ref,
                               UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT) >= 0);
            CHECK_STR(fast, (const char *)ref);
            free(ref);
            if (unit_failures != before) {
                fprintf(stderr, "  ^ U+%04lX\n", cp);
                return;
            }
        }
    }
    CHECK(accepted > 20000); /* kana, kanji, punctuation, ASCII, full-width */
    {
        char out[16];
        CHECK(nps_text_nfkc_fast("a\0b", 3, out) == (size_t)-1);       /* NUL */
        CHECK(nps_text_nfkc_fast("\xE0\x80\x80", 3, out) == (size_t)-1); /* overlong */
        CHECK(nps_text_nfkc_fast("\xEF\xBD\xB6", 3, out) == (size_t)-1); /* half-width ｶ */
        CHECK(nps_text_nfkc_fast("\xE2\x91\xA0", 3, out) == (size_t)-1); /* ① */
        CHECK_INT(nps_text_nfkc_fast("\xEF\xBC\x91\xEF\xBC\x92", 6, out), 2);
        CHECK_STR(out, "12");
    }
}

TEST(trim_span)
{
    size_t a = 9, b = 9;
    nps_text_trim_span("\xE3\x80\x80 ab c\t", 9, &a, &b);
    CHECK_INT(a, 4);
    CHECK_INT(b, 8);
    nps_text_trim_span(" \n", 2, &a, &b);
    CHECK_INT(b - a, 0);
    nps_text_trim_span(NULL, 0, &a, &b);
    CHECK_INT(a, 0);
    CHECK_INT(b, 0);
}

TEST(wildcard_basic)
{
    static const struct { const char *key, *label; bool match; } cases[] = {
        {"abc", "abc", true},
        {"abc", "abd", false},
        {"ab", "abc", false},
        {"abc", "ab", false},
        {"", "", true},
        {"", "a", false},
        {"a?c", "abc", true},
        {"a?c", "a\xC2\xB7" "c", true},        /* U+00B7, 2 bytes */
        {"a?c", "a日c", true},                 /* 3 bytes */
        {"a?c", "a\xF0\x9F\x98\x80" "c", true},/* 4 bytes */
        {"a?c", "ac", false},                  /* exactly one code point */
        {"a?c", "a\xC2\xB7\xC2\xB7" "c", false},
        {"a?", "a", false},
        {"?", "", false},
        {"??", "日本", true},
        {"??", "日本語", false},
        {"?", "?", true},
        {"a\xC2\xB7" "c", "a?c", false},        /* the wildcard is the key's */
        {"日?", "日本", true},
        {"日?", "月本", false},
    };
    size_t i;

    for (i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        CHECK(nps_text_wildcard_match(cases[i].key, cases[i].label) == cases[i].match);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\" vs \"%s\"\n", i, cases[i].key, cases[i].label);
    }
    CHECK(!nps_text_wildcard_match(NULL, "a"));
    CHECK(!nps_text_wildcard_match("a", NULL));
}

TEST(wildcard_cp932_label)
{
    /* Q6's option as the form has it (U+00B7 between items, which CP932
     * lacks) and as Excel's CP932 save writes it back. */
    static const char label[] =
        "保育園等（公立・認可保育所 \xC2\xB7 地域型保育事業 \xC2\xB7 認定こども園\xC2\xB7 "
        "認可外保育施設など）";
    static const char *const saved[] = {
        "保育園等（公立・認可保育所 ? 地域型保育事業 ? 認定こども園? 認可外保育施設など）",
        "保育園等（公立?認可保育所 ? 地域型保育事業 ? 認定こども園? 認可外保育施設など）",
        "保育園等(公立・認可保育所?地域型保育事業?認定こども園?認可外保育施設など)",
    };
    static const char *const wrong[] = {
        "保育園等（公立・認可保育所 ?? 地域型保育事業 ? 認定こども園? 認可外保育施設など）",
        "保育園等（公立・認可保育所 ? 地域型保育事業 ? 認定こども園?",
        "保育園等（私立・認可保育所 ? 地域型保育事業 ? 認定こども園? 認可外保育施設など）",
    };
    char *lkey = nps_text_key(label, strlen(label));
    size_t i;

    CHECK(lkey != NULL);
    for (i = 0; lkey && i < COUNT_OF(saved); i++) {
        char *k = nps_text_key(saved[i], strlen(saved[i]));
        CHECK(k != NULL);
        CHECK(k && nps_text_wildcard_match(k, lkey));
        CHECK(k && strcmp(k, lkey) != 0);      /* only the wildcard makes them meet */
        free(k);
    }
    for (i = 0; lkey && i < COUNT_OF(wrong); i++) {
        char *k = nps_text_key(wrong[i], strlen(wrong[i]));
        CHECK(k && !nps_text_wildcard_match(k, lkey));
        free(k);
    }
    free(lkey);
}

TEST(utf8_length)
{
    CHECK_INT(nps_utf8_length(""), 0);
    CHECK_INT(nps_utf8_length("abc"), 3);
    CHECK_INT(nps_utf8_length("日本語"), 3);
    CHECK_INT(nps_utf8_length("a\xC2\xB7" "b"), 3);
    CHECK_INT(nps_utf8_length("\xF0\x9F\x98\x80"), 1);
    CHECK_INT(nps_utf8_length("Q6.子ども"), 6);
    CHECK_INT(nps_utf8_length(NULL), 0);
}

TEST(utf8_truncate)
{
    static const struct { const char *s; size_t max; const char *out; } cases[] = {
        {"日本語", 0, ""},
        {"日本語", 2, ""},
        {"日本語", 3, "日"},
        {"日本語", 4, "日"},
        {"日本語", 5, "日"},
        {"日本語", 6, "日本"},
        {"日本語", 9, "日本語"},
        {"日本語", 100, "日本語"},
        {"abc", 2, "ab"},
        {"a\xF0\x9F\x98\x80", 4, "a"},
        {"a\xF0\x9F\x98\x80", 5, "a\xF0\x9F\x98\x80"},
        {"a\xC2\xB7" "b", 2, "a"},
        {"", 5, ""},
    };
    size_t i;

    for (i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        char *got = nps_utf8_truncate(cases[i].s, cases[i].max);
        CHECK_STR(got, cases[i].out);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
        free(got);
    }
    CHECK(nps_utf8_truncate(NULL, 3) == NULL);
}

TEST(text_trim)
{
    static const map_case cases[] = {
        {"  abc  ", "abc"},
        {"　abc　", "abc"},
        {"\xC2\xA0" "abc\xC2\xA0", "abc"},
        {" a b ", "a b"},
        {"\t\r\n", ""},
        {"", ""},
        {"日本　", "日本"},
        {"x\xE2\x80\xA8", "x"},
        {"\xE2\x81\x9F" "x\xE2\x80\x89", "x"},
        {"x\xE3\x80\x81", "x\xE3\x80\x81"},    /* 、 is not white space */
        {"\xFF ", "\xFF"},                    /* invalid bytes kept */
        {" \xE3\x80", "\xE3\x80"},
        {"　Ｑ６　", "Ｑ６"},                    /* no normalisation */
    };
    char *got;

    check_map(nps_text_trim, cases, COUNT_OF(cases), "trim");
    got = nps_text_trim("  ab  cd", 5);
    CHECK_STR(got, "ab");
    free(got);
    got = nps_text_trim(NULL, 0);
    CHECK_STR(got, "");
    free(got);
}

UNIT_MAIN()
