/*
 * test_numbers.c — the number rules (numbers.h, docs/numbers.md) and the
 * bin look-ups, table-driven: each row is raw text, unit, expected status,
 * value and notes, all compared exactly (values to 1e-9).
 */
#include <math.h>
#include <stdlib.h>
#include "unit.h"
#include "read/numbers.h"

#define CNT NPS_UNIT_COUNT
#define PCT NPS_UNIT_PERCENT
#define AREA NPS_UNIT_AREA
#define AVG NPS_UNIT_AVERAGE
#define NONE NPS_UNIT_NONE

#define N_RANGE NPS_NUMBER_NOTE_RANGE
#define N_HEDGE NPS_NUMBER_NOTE_HEDGE
#define N_WARI NPS_NUMBER_NOTE_WARI
#define N_NONE NPS_NUMBER_NOTE_NONE
#define N_TSUBO NPS_NUMBER_NOTE_TSUBO
#define N_ROUND NPS_NUMBER_NOTE_ROUNDED

typedef struct num_case {
    const char *raw;
    size_t len;             /* 0: strlen(raw) */
    nps_unit unit;
    nps_number_status status;
    double value;
    unsigned notes;
} num_case;

#define OK(raw, unit, value, notes) {raw, 0, unit, NPS_NUMBER_OK, value, notes}
#define EMPTY(raw, unit) {raw, 0, unit, NPS_NUMBER_EMPTY, 0, 0}
#define UNKNOWN(raw, unit) {raw, 0, unit, NPS_NUMBER_UNKNOWN, 0, 0}
#define INVALID(raw, unit) {raw, 0, unit, NPS_NUMBER_INVALID, 0, 0}
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static void check_cases(const num_case *cases, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const num_case *k = &cases[i];
        int before = unit_failures;
        size_t len = k->len ? k->len : strlen(k->raw);
        nps_number r = nps_number_parse(k->raw, len, k->unit);

        CHECK_INT(r.status, k->status);
        if (k->status == NPS_NUMBER_OK)
            CHECK_NEAR(r.value, k->value, 1e-9);
        else
            CHECK(isnan(r.value));
        CHECK_INT(r.notes, k->notes);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\" unit %d\n", i, k->raw, (int)k->unit);
    }
}

TEST(plain_ascii)
{
    static const num_case cases[] = {
        OK("12", CNT, 12, 0),
        OK("0", CNT, 0, 0),
        OK("007", CNT, 7, 0),
        OK("  12  ", CNT, 12, 0),
        OK("12\r\n", CNT, 12, 0),
        OK("5000", CNT, 5000, 0),
        OK("12.5", AVG, 12.5, 0),
        OK("12.5", PCT, 12.5, 0),
        OK("12.5%", PCT, 12.5, 0),
        OK("100%", PCT, 100, 0),
        OK("150%", PCT, 150, 0),          /* above 100: the caller decides */
        OK("0.25", AREA, 0.25, 0),
        OK("123456789012345", AVG, 123456789012345.0, 0),
        OK("12", NONE, 12, 0),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(fullwidth_nfkc)
{
    static const num_case cases[] = {
        OK("１２", CNT, 12, 0),
        OK("１２人", CNT, 12, 0),
        OK("３０　人", CNT, 30, 0),          /* ideographic space between */
        OK("　１２　", CNT, 12, 0),
        OK("\xC2\xA0" "12" "\xC2\xA0", CNT, 12, 0), /* no-break spaces */
        OK("１２．５％", PCT, 12.5, 0),
        OK("１２．５%", PCT, 12.5, 0),
        OK("１，２００人", CNT, 1200, 0),
        OK("５～６人", AVG, 5.5, N_RANGE),
        OK("５－６人", AVG, 5.5, N_RANGE),
        OK("１２ｍ２", AREA, 12, 0),
        OK("①", CNT, 1, 0),                 /* NFKC: circled one is 1 */
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(hedges_and_suffixes)
{
    static const num_case cases[] = {
        OK("約３０人", CNT, 30, N_HEDGE),
        OK("約 30 人", CNT, 30, N_HEDGE),
        OK("およそ20名", CNT, 20, N_HEDGE),
        OK("概ね15件", CNT, 15, N_HEDGE),
        OK("大体10人", CNT, 10, N_HEDGE),
        OK("だいたい5人", CNT, 5, N_HEDGE),
        OK("20人程度", CNT, 20, N_HEDGE),
        OK("20程度", CNT, 20, N_HEDGE),
        OK("30人くらい", CNT, 30, N_HEDGE),
        OK("30人ぐらい", CNT, 30, N_HEDGE),
        OK("10人位", CNT, 10, N_HEDGE),
        OK("10名ほど", CNT, 10, N_HEDGE),
        OK("１０人以上", CNT, 10, N_HEDGE),
        OK("10人以下", CNT, 10, N_HEDGE),
        OK("5人未満", CNT, 5, N_HEDGE),
        OK("約20人程度", CNT, 20, N_HEDGE),
        OK("およそ5～6人", AVG, 5.5, N_HEDGE | N_RANGE),
        INVALID("約", CNT),
        INVALID("程度", CNT),
        INVALID("人", CNT),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(units_by_kind)
{
    static const num_case cases[] = {
        OK("3部屋", CNT, 3, 0),
        OK("2室", CNT, 2, 0),
        OK("20人/日", CNT, 20, 0),
        OK("20人／日", CNT, 20, 0),
        OK("4件", AVG, 4, 0),
        INVALID("30%", CNT),             /* a percent is not a count */
        INVALID("30人", PCT),            /* a count is not a percent */
        INVALID("30人", AREA),
        INVALID("3割", CNT),
        INVALID("12㎡", CNT),
        INVALID("5人", NONE),            /* NPS_UNIT_NONE takes no unit word */
        OK("5程度", NONE, 5, N_HEDGE),
        INVALID("5人人", CNT),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(percent_and_wari)
{
    static const num_case cases[] = {
        OK("12.5%", PCT, 12.5, 0),
        OK("12.5％", PCT, 12.5, 0),
        OK("３割", PCT, 30, N_WARI),
        OK("3割", PCT, 30, N_WARI),
        OK("約3割", PCT, 30, N_HEDGE | N_WARI),
        OK("3割程度", PCT, 30, N_HEDGE | N_WARI),
        OK("2～3割", PCT, 25, N_RANGE | N_WARI),
        OK("0.5割", PCT, 5, N_WARI),
        OK("10割", PCT, 100, N_WARI),
        OK("5～10%", PCT, 7.5, N_RANGE),
        OK("5%～10%", PCT, 7.5, N_RANGE),
        OK("120％", PCT, 120, 0),
        INVALID("3割～50%", PCT),        /* sides in different units */
        INVALID("3割5分", PCT),
        INVALID("%", PCT),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(thousands_separators)
{
    static const num_case cases[] = {
        OK("1,200", CNT, 1200, 0),
        OK("1,200人", CNT, 1200, 0),
        OK("1,200,000", CNT, 1200000, 0),
        OK("12,345.5", AVG, 12345.5, 0),
        OK("1,000～2,000人", CNT, 1500, N_RANGE),
        INVALID("1,2", CNT),
        INVALID("12,00", CNT),
        INVALID("1,2000", CNT),
        INVALID("1234,567", CNT),
        INVALID("1,", CNT),
        INVALID(",200", CNT),
        INVALID("1,,200", CNT),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(ranges)
{
    static const num_case cases[] = {
        OK("5～6人", CNT, 6, N_RANGE | N_ROUND),
        OK("5～6人", AVG, 5.5, N_RANGE),
        OK("5~6", CNT, 6, N_RANGE | N_ROUND),
        OK("5〜6", CNT, 6, N_RANGE | N_ROUND),   /* wave dash */
        OK("5-6", CNT, 6, N_RANGE | N_ROUND),
        OK("5－6", CNT, 6, N_RANGE | N_ROUND),
        OK("5―6", CNT, 6, N_RANGE | N_ROUND),
        OK("5ー6人", CNT, 6, N_RANGE | N_ROUND),
        OK("10～20人", CNT, 15, N_RANGE),       /* whole midpoint: no ROUNDED */
        OK("5人～6人", AVG, 5.5, N_RANGE),
        OK("5 ～ 6 人", AVG, 5.5, N_RANGE),
        OK("1～2", AVG, 1.5, N_RANGE),
        OK("1.5～2.5", AVG, 2, N_RANGE),
        OK("6～5", AVG, 5.5, N_RANGE),           /* reversed: same midpoint */
        INVALID("5～", CNT),
        INVALID("～5", CNT),
        INVALID("5～6～7", CNT),
        INVALID("5～約6", CNT),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(count_rounding)
{
    static const num_case cases[] = {
        OK("2.5人", CNT, 3, N_ROUND),
        OK("2.4", CNT, 2, N_ROUND),
        OK("2.0", CNT, 2, 0),
        OK("0.5", CNT, 1, N_ROUND),
        OK("2～3人", CNT, 3, N_RANGE | N_ROUND),
        OK("2.5", AVG, 2.5, 0),
        OK("2～3人", AVG, 2.5, N_RANGE),
        OK("2.5", PCT, 2.5, 0),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(none_unknown_empty)
{
    static const num_case cases[] = {
        EMPTY("", CNT),
        EMPTY("   ", CNT),
        EMPTY("　", CNT),
        EMPTY(" \t\r\n ", PCT),
        OK("なし", CNT, 0, N_NONE),
        OK("無し", CNT, 0, N_NONE),
        OK("いない", CNT, 0, N_NONE),
        OK("ゼロ", PCT, 0, N_NONE),
        OK("　なし　", CNT, 0, N_NONE),
        OK("0人", CNT, 0, 0),
        UNKNOWN("不明", CNT),
        UNKNOWN("わからない", CNT),
        UNKNOWN("分からない", PCT),
        UNKNOWN("未定", AREA),
        UNKNOWN(" 不明 ", CNT),
        UNKNOWN("-", CNT),
        UNKNOWN("－", CNT),
        UNKNOWN("ー", CNT),
        UNKNOWN("―", CNT),
        UNKNOWN("--", CNT),
        INVALID("なし人", CNT),
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(invalid_text)
{
    static const num_case cases[] = {
        INVALID("30人と50人", CNT),
        INVALID("多数", CNT),
        INVALID("-5", CNT),               /* negative */
        INVALID("−5", CNT),               /* U+2212 minus */
        INVALID("+5", CNT),
        INVALID("abc", CNT),
        INVALID("三十人", CNT),
        INVALID("12.", AVG),
        INVALID(".5", AVG),
        INVALID("1e3", CNT),
        INVALID("1 200", CNT),
        INVALID("12 13", CNT),
        INVALID("合計20名程度", CNT),
        INVALID("5人くらい？", CNT),
        INVALID("1234567890123456", CNT), /* more than 15 digits */
        INVALID("\xFF", CNT),             /* not UTF-8 */
        INVALID("1\xE3\x80", CNT),        /* truncated UTF-8 */
        {"1\0" "2", 3, CNT, NPS_NUMBER_INVALID, 0, 0},    /* embedded NUL */
        {"１\0" "2", 5, CNT, NPS_NUMBER_INVALID, 0, 0},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(area)
{
    static const num_case cases[] = {
        OK("20坪", AREA, 20 * 400.0 / 121.0, N_TSUBO),
        OK("約20坪", AREA, 20 * 400.0 / 121.0, N_HEDGE | N_TSUBO),
        OK("20～30坪", AREA, 25 * 400.0 / 121.0, N_RANGE | N_TSUBO),
        OK("12㎡", AREA, 12, 0),
        OK("12m2", AREA, 12, 0),
        OK("12 m2", AREA, 12, 0),
        OK("12m²", AREA, 12, 0),
        OK("12平米", AREA, 12, 0),
        OK("12平方メートル", AREA, 12, 0),
        OK("100㎡以上", AREA, 100, N_HEDGE),
        OK("49.5", AREA, 49.5, 0),
        OK("1,200㎡", AREA, 1200, 0),
        INVALID("6畳", AREA),
        INVALID("6畳2間", AREA),
        INVALID("1LDK", AREA),
        INVALID("1DK", AREA),
        INVALID("20坪～30㎡", AREA),
        INVALID("12m", AREA),
    };
    nps_number r = nps_number_parse("20坪", strlen("20坪"), AREA);

    check_cases(cases, COUNT_OF(cases));
    CHECK_NEAR(r.value, 66.1157, 1e-4);
}

TEST(fast_and_slow_paths_agree)
{
    /* Every ASCII cell read without NFKC equals its full-width twin read
     * through utf8proc. */
    static const char *const pairs[][2] = {
        {"12", "１２"}, {"12.5%", "１２．５％"}, {"1,200", "１，２００"},
        {"5~6", "５～６"}, {"5-6", "５－６"}, {"-", "－"}, {"", "　"},
        {"0.5", "０．５"}, {"12m2", "１２㎡"}, {"12abc", "１２ａｂｃ"},
    };
    static const nps_unit units[] = {CNT, PCT, AREA, AVG, NONE};
    size_t i, u;

    for (i = 0; i < COUNT_OF(pairs); i++) {
        for (u = 0; u < COUNT_OF(units); u++) {
            nps_number a = nps_number_parse(pairs[i][0], strlen(pairs[i][0]), units[u]);
            nps_number b = nps_number_parse(pairs[i][1], strlen(pairs[i][1]), units[u]);
            int before = unit_failures;
            CHECK_INT(a.status, b.status);
            CHECK_INT(a.notes, b.notes);
            CHECK(a.status != NPS_NUMBER_OK || a.value == b.value);
            if (unit_failures != before)
                fprintf(stderr, "  ^ \"%s\" vs \"%s\" unit %d\n", pairs[i][0], pairs[i][1],
                        (int)units[u]);
        }
    }
}

/* The limit of NUM_MAX_CP (128) normalised code points is the same whether
 * a cell is normalised without utf8proc (平米: characters
 * nps_text_nfkc_fast knows) or with it (㎡ → m2): "１０", k ideographic
 * spaces, the unit — k + 4 code points either way. */
TEST(code_point_limit_both_normalisers)
{
    static const char *const units[] = {"平米", "㎡"};
    char buf[1024];
    for (size_t u = 0; u < COUNT_OF(units); u++) {
        for (size_t k = 122; k <= 125; k++) {
            size_t n = 0;
            nps_number r;
            memcpy(buf, "１０", strlen("１０"));
            n += strlen("１０");
            for (size_t i = 0; i < k; i++, n += 3)
                memcpy(buf + n, "\xE3\x80\x80", 3);
            memcpy(buf + n, units[u], strlen(units[u]));
            n += strlen(units[u]);
            r = nps_number_parse(buf, n, AREA);
            CHECK_INT(r.status, k + 4 < 128 ? NPS_NUMBER_OK : NPS_NUMBER_INVALID);
            if (r.status == NPS_NUMBER_OK)
                CHECK_NEAR(r.value, 10, 0);
        }
    }
}

TEST(long_and_null_input)
{
    /* A long cell is not a number, whatever its tail; white-space padding of
     * any length is trimmed before the length limit applies. */
    char *buf = malloc(4096);
    size_t i, n = 0;
    nps_number r;

    if (!buf) {
        CHECK(buf != NULL);
        return;
    }
    for (i = 0; i < 600; i++) {
        memcpy(buf + n, "\xE3\x80\x80", 3); /* U+3000 */
        n += 3;
    }
    memcpy(buf + n, "３０人", strlen("３０人"));
    n += strlen("３０人");
    for (i = 0; i < 600; i++)
        buf[n++] = ' ';
    r = nps_number_parse(buf, n, CNT);
    CHECK_INT(r.status, NPS_NUMBER_OK);
    CHECK_NEAR(r.value, 30, 0);

    n = 0;
    for (i = 0; i < 300; i++) {
        memcpy(buf + n, "１", 3);
        n += 3;
    }
    r = nps_number_parse(buf, n, CNT);
    CHECK_INT(r.status, NPS_NUMBER_INVALID);

    r = nps_number_parse(NULL, 0, CNT);
    CHECK_INT(r.status, NPS_NUMBER_EMPTY);
    free(buf);
}

/* Count bins as the report draws them, built by hand. */
static const nps_bin count_bins[] = {
    {"0人", NPS_BIN_INTERVAL, 0, 0, true, true},
    {"1～5人", NPS_BIN_INTERVAL, 0, 5, false, true},
    {"6～10人", NPS_BIN_INTERVAL, 5, 10, false, true},
    {"5001人～", NPS_BIN_INTERVAL, 5000, NAN, false, false},
    {"その他", NPS_BIN_OTHER, NAN, NAN, false, false},
    {"不明", NPS_BIN_UNKNOWN, NAN, NAN, false, false},
};
static const nps_binset count_set = {"count", 6, count_bins};

/* Percent bins: 5％以下 is (0,5], 91～100％ is (90,100) open, 100% exactly. */
static const nps_bin percent_bins[] = {
    {"0%", NPS_BIN_INTERVAL, 0, 0, true, true},
    {"5％以下", NPS_BIN_INTERVAL, 0, 5, false, true},
    {"6～10％", NPS_BIN_INTERVAL, 5, 10, false, true},
    {"91～100％", NPS_BIN_INTERVAL, 90, 100, false, false},
    {"100%", NPS_BIN_INTERVAL, 100, 100, true, true},
};
static const nps_binset percent_set = {"percent", 5, percent_bins};

TEST(bin_index)
{
    CHECK_INT(nps_bin_index(&count_set, 0), 1);
    CHECK_INT(nps_bin_index(&count_set, 1), 2);
    CHECK_INT(nps_bin_index(&count_set, 5), 2);
    CHECK_INT(nps_bin_index(&count_set, 5.5), 3);
    CHECK_INT(nps_bin_index(&count_set, 6), 3);
    CHECK_INT(nps_bin_index(&count_set, 10), 3);
    CHECK_INT(nps_bin_index(&count_set, 11), 0);      /* no bin 11..5000 here */
    CHECK_INT(nps_bin_index(&count_set, 5000), 0);
    CHECK_INT(nps_bin_index(&count_set, 5001), 4);
    CHECK_INT(nps_bin_index(&count_set, 1e12), 4);    /* open upper end */
    CHECK_INT(nps_bin_index(&count_set, -1), 0);
    CHECK_INT(nps_bin_index(&count_set, NAN), 0);
    CHECK_INT(nps_bin_index(&percent_set, 0), 1);
    CHECK_INT(nps_bin_index(&percent_set, 0.5), 2);
    CHECK_INT(nps_bin_index(&percent_set, 5), 2);
    CHECK_INT(nps_bin_index(&percent_set, 90), 0);
    CHECK_INT(nps_bin_index(&percent_set, 95), 4);
    CHECK_INT(nps_bin_index(&percent_set, 99.9), 4);
    CHECK_INT(nps_bin_index(&percent_set, 100), 5);
    CHECK_INT(nps_bin_index(&percent_set, 150), 0);   /* over 100: no bin */
    CHECK_INT(nps_bin_index(NULL, 1), 0);
}

TEST(bin_index_positions)
{
    /* Indices are positions in set->bins (so bins[i-1] is the bin), even
     * when special bins come first; an open low end takes everything below. */
    static const nps_bin bins[] = {
        {"不明", NPS_BIN_UNKNOWN, NAN, NAN, false, false},
        {"1人未満", NPS_BIN_INTERVAL, NAN, 1, false, false},
        {"1～5人", NPS_BIN_INTERVAL, 1, 5, true, true},
        {"その他", NPS_BIN_OTHER, NAN, NAN, false, false},
        {"その他2", NPS_BIN_OTHER, NAN, NAN, false, false},
        {"6人～", NPS_BIN_INTERVAL, 5, NAN, false, false},
    };
    static const nps_binset set = {"q33", 6, bins};
    static const nps_binset empty = {"empty", 0, NULL};

    CHECK_INT(nps_bin_index(&set, 0.5), 2);
    CHECK_INT(nps_bin_index(&set, -3), 2);
    CHECK_INT(nps_bin_index(&set, 1), 3);
    CHECK_INT(nps_bin_index(&set, 5), 3);
    CHECK_INT(nps_bin_index(&set, 5.01), 6);
    CHECK_INT(nps_bin_special(&set, NPS_BIN_UNKNOWN), 1);
    CHECK_INT(nps_bin_special(&set, NPS_BIN_OTHER), 4);
    CHECK_INT(nps_bin_special(&set, NPS_BIN_INTERVAL), 2);
    CHECK_INT(nps_bin_special(&count_set, NPS_BIN_OTHER), 5);
    CHECK_INT(nps_bin_special(&count_set, NPS_BIN_UNKNOWN), 6);
    CHECK_INT(nps_bin_special(&percent_set, NPS_BIN_OTHER), 0);
    CHECK_INT(nps_bin_special(&empty, NPS_BIN_OTHER), 0);
    CHECK_INT(nps_bin_index(&empty, 1), 0);
    CHECK_INT(nps_bin_special(NULL, NPS_BIN_OTHER), 0);
}

UNIT_MAIN()
