/*
 * test_base.c — the "one of each" pieces of src/base: the growth idiom
 * (nps_grow), the growing string (strbuf.h) and percent rounding and
 * printing (format.h). Table-driven; exact expectations.
 */
#include <stdint.h>
#include "unit.h"
#include <string.h>
#include "base/alloc.h"
#include "base/emit.h"
#include "base/format.h"
#include "base/strbuf.h"
#include "base/text.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

TEST(grow_doubles_from_first)
{
    static const struct { size_t first, need, cap; } cases[] = {
        {16, 1, 16}, {16, 16, 16}, {16, 17, 32}, {16, 100, 128}, {0, 3, 4}, {128, 129, 256},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        int *a = NULL;
        size_t cap = 0;
        CHECK_INT(nps_grow((void **)&a, &cap, cases[i].need, sizeof *a, cases[i].first), NPS_OK);
        CHECK_INT(cap, cases[i].cap);
        a[cases[i].need - 1] = 7; /* the last needed element is writable (ASan checks) */
        nps_free(a);
    }
}

TEST(grow_keeps_array_when_big_enough_or_overflowing)
{
    char *a = NULL;
    size_t cap = 0;
    CHECK_INT(nps_grow((void **)&a, &cap, 10, 1, 16), NPS_OK);
    char *before = a;
    CHECK_INT(nps_grow((void **)&a, &cap, 16, 1, 16), NPS_OK);
    CHECK(a == before);
    CHECK_INT(nps_grow((void **)&a, &cap, SIZE_MAX / 2 + 2, 8, 16), NPS_ERR_NOMEM);
    CHECK(a == before);
    CHECK_INT(cap, 16);
    nps_free(a);
}

TEST(strbuf_appends_and_takes)
{
    nps_strbuf b = {0};
    CHECK_STR(nps_strbuf_get(&b), "");
    nps_strbuf_add(&b, "図");
    nps_strbuf_addf(&b, "%d（Q%d）", 8, 6);
    nps_strbuf_addn(&b, "abcdef", 3);
    CHECK_STR(nps_strbuf_get(&b), "図8（Q6）abc");
    CHECK_INT(b.len, strlen("図8（Q6）abc"));
    char *s = nps_strbuf_take(&b);
    CHECK_STR(s, "図8（Q6）abc");
    CHECK(b.s == NULL && b.len == 0 && b.cap == 0);
    nps_free(s);
    CHECK(nps_strbuf_take(&b) == NULL); /* empty gives NULL */
}

TEST(strbuf_long_formats_and_clear)
{
    nps_strbuf b = {0};
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int i = 0; i < 5; i++)
        nps_strbuf_addf(&b, "%s|%d", big, i); /* past the 128-byte fast path */
    CHECK_INT(b.len, 5 * (999 + 2));
    CHECK(b.s[b.len] == '\0');
    CHECK(strstr(b.s, "|4") == b.s + b.len - 2);
    nps_strbuf_clear(&b);
    CHECK_STR(nps_strbuf_get(&b), "");
    nps_strbuf_add(&b, "again");
    CHECK_STR(nps_strbuf_get(&b), "again");
    nps_strbuf_free(&b);
    CHECK(b.s == NULL);
}

TEST(round1_half_away_from_zero)
{
    static const struct { double in, out; } cases[] = {
        {12.25, 12.3}, {12.24, 12.2}, {-12.25, -12.3}, {0.05, 0.1}, {99.95, 100.0},
        {18.0 * 100.0 / 65.0, 27.7}, {1.0 * 100.0 / 80.0, 1.3}, {0.0, 0.0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++)
        CHECK_NEAR(nps_round1(cases[i].in), cases[i].out, 1e-12);
}

TEST(percent_printed_one_way)
{
    static const struct { long count, base; const char *text; } cases[] = {
        {18, 65, "27.7%"}, {0, 65, "0.0%"}, {65, 65, "100.0%"}, {1, 8, "12.5%"},
        {1, 80, "1.3%"}, {5, 0, "0.0%"},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char buf[16];
        CHECK_STR(nps_format_percent(nps_percent_of(cases[i].count, cases[i].base), buf, sizeof buf),
                  cases[i].text);
    }
}

/* nps_write_csv_field into a string (the bytes written). */
static void csv_field_text(const char *in, char *buf, size_t size)
{
    FILE *f = fmemopen(buf, size, "w");
    memset(buf, 0, size);
    nps_write_csv_field(f, in);
    fclose(f);
}

TEST(csv_field_formula_cells_get_an_apostrophe)
{
    static const struct { const char *in, *out; } cases[] = {
        {"=1+1", "'=1+1"}, {"+81 90", "'+81 90"}, {"-5", "'-5"}, {"@SUM(A1)", "'@SUM(A1)"},
        {"  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"}, {"\t=1", "'\t=1"},
        {"\xE3\x80\x80=HYPERLINK(\"x\")", "\"'\xE3\x80\x80=HYPERLINK(\"\"x\"\")\""},
        {"=1,2", "\"'=1,2\""}, {"\r=1", "\"'\r=1\""}, {"a=1", "a=1"}, {"ＮＰＯ", "ＮＰＯ"},
        {"子ども-食堂", "子ども-食堂"}, {"", ""}, {"plain", "plain"}, {"say \"hi\"", "\"say \"\"hi\"\"\""},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char buf[128];
        csv_field_text(cases[i].in, buf, sizeof buf);
        CHECK_STR(buf, cases[i].out);
    }
    CHECK(nps_csv_cell_is_formula("\t"));
    CHECK(!nps_csv_cell_is_formula(NULL));
    CHECK(!nps_csv_cell_is_formula("   "));
}

TEST(unshowable_code_points)
{
    static const uint32_t bad[] = {0x0, 0x1, 0x1B, 0x7F, 0x80, 0x9F, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF,
                                   0x1FFFE, 0x10FFFF, 0x10FFFE};
    static const uint32_t good[] = {'\t', '\n', '\r', ' ', 'a', 0xA0, 0xFDCF, 0xFDF0, 0xFFFD, 0x3042,
                                    0x1F600, 0x1FFFD, 0xE000};
    for (size_t i = 0; i < COUNT_OF(bad); i++)
        CHECK(nps_text_unshowable(bad[i]));
    for (size_t i = 0; i < COUNT_OF(good); i++)
        CHECK(!nps_text_unshowable(good[i]));
}

TEST(text_for_layout_replaces_and_caps)
{
    static const struct { const char *in; size_t max; const char *tail, *out; } cases[] = {
        {"あいう", 0, NULL, "あいう"},
        {"a\xEF\xBF\xBE" "b", 0, NULL, "a〓b"},                 /* U+FFFE */
        {"a\xEF\xB7\x90\xF4\x8F\xBF\xBF" "b", 0, NULL, "a〓〓b"}, /* U+FDD0, U+10FFFF */
        {"\x1B[31mred", 0, NULL, "〓[31mred"},
        {"bad\xFF\xC3", 0, NULL, "bad〓〓"},                   /* invalid UTF-8 */
        {"\xEF\xBF\xBD", 0, NULL, "〓"},                        /* U+FFFD has no glyph */
        {"あいうえお", 3, "…（以下略）", "あいう…（以下略）"},
        {"あいう", 3, "…（以下略）", "あいう"},
        {"abcd", 2, NULL, "ab"},
        {"tab\tand\nline", 0, NULL, "tab\tand\nline"},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char *got = nps_text_for_layout(cases[i].in, cases[i].max, cases[i].tail);
        CHECK_STR(got ? got : "(null)", cases[i].out);
        nps_free(got);
    }
}

UNIT_MAIN()
