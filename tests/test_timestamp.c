/*
 * test_timestamp.c — the export timestamp formats of timestamp.h. Expected
 * epochs were computed independently (Python calendar.timegm) or, for the
 * every-day sweep, by counting days one by one from 1900-01-01.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "unit.h"
#include "base/timestamp.h"
#define NPS_FUZZ_TIMESTAMP_ENTRY fuzz_timestamp_entry
#include "../fuzz/fuzz_timestamp.c"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

#define T_2023_10_05_140322 1696514602LL
#define T_2023_10_05_140300 1696514580LL
#define T_2023_10_05_000322 1696464202LL
#define T_2023_10_05_020322 1696471402LL
#define T_2023_10_05_120322 1696507402LL
#define T_2024_02_29 1709164800LL
#define BAD (-42LL)               /* the parse must fail */

typedef struct ts_case {
    const char *raw;
    long long epoch;              /* BAD: rejected */
} ts_case;

static void check_cases(const ts_case *cases, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        long long got = BAD;
        int before = unit_failures;
        bool ok = nps_timestamp_parse(cases[i].raw, strlen(cases[i].raw), &got);
        CHECK(ok == (cases[i].epoch != BAD));
        if (ok && cases[i].epoch != BAD)
            CHECK_INT(got, cases[i].epoch);
        if (!ok)
            CHECK_INT(got, BAD);          /* untouched on failure */
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\"\n", i, cases[i].raw);
    }
}

TEST(google_24h)
{
    static const ts_case cases[] = {
        {"2023/10/05 14:03:22", T_2023_10_05_140322},
        {"2023/10/5 14:03:22", T_2023_10_05_140322},
        {"2023/10/05 14:03", T_2023_10_05_140300},
        {"2023/10/05 0:03:22", T_2023_10_05_000322},
        {"2023/10/05 00:03:22", T_2023_10_05_000322},
        {"  2023/10/05 14:03:22  ", T_2023_10_05_140322},
        {"2023/10/05 14:03:22\r\n", T_2023_10_05_140322},
        {"2023/10/05  14:03:22", T_2023_10_05_140322},
        {"2023/10/05 14:03:22 GMT+9", T_2023_10_05_140322},
        {"2023/10/05 14:03:22.5", T_2023_10_05_140322},
        {"1970/1/1 0:00:00", 0},
        {"2023/10/05 14:03:22GMT+9", BAD},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(google_12h)
{
    static const ts_case cases[] = {
        {"2023/10/5 2:03:22 午後 GMT+9", T_2023_10_05_140322},
        {"2023/10/5 2:03:22 午前 GMT+9", T_2023_10_05_020322},
        {"2023/10/5 12:03:22 午前 GMT+9", T_2023_10_05_000322},  /* 午前12時 = 0 h */
        {"2023/10/5 12:03:22 午後 GMT+9", T_2023_10_05_120322},  /* 午後12時 = 12 h */
        {"2023/10/5 2:03:22 午後", T_2023_10_05_140322},
        {"2023/10/5 午後 2:03:22", T_2023_10_05_140322},
        {"2023/10/5 午後2:03:22", T_2023_10_05_140322},
        {"2023/10/5 2:03 午後", T_2023_10_05_140300},
        {"2023/10/5 2:03:22 午後 GMT+09:00", T_2023_10_05_140322},
        {"2023/10/5 2:03:22 午後 GMT+0900", T_2023_10_05_140322},
        {"2023/10/5 2:03:22 午後 GMT-3", T_2023_10_05_140322},
        {"2023/10/5 2:03:22 午後 GMT+5:30", T_2023_10_05_140322},
        {"2023/10/5 2:03:22 午後 GMT", T_2023_10_05_140322},
        {"2023/10/5 2:03:22 午後 UTC+9", T_2023_10_05_140322},
        {"2023/10/5 13:03:22 午後", BAD},        /* 12-hour clock */
        {"2023/10/5 0:03:22 午前", BAD},
        {"2023/10/5 2:03:22 午後 午後", BAD},
        {"2023/10/5 午後 2:03:22 午後", BAD},
        {"2023/10/5 2:03:22 午後 GMT+", BAD},
        {"2023/10/5 2:03:22 午後 GMT+24", BAD},
        {"2023/10/5 2:03:22 午後 GMT+9:60", BAD},
        {"2023/10/5 2:03:22 午後 JST", BAD},
        {"2023/10/5 2:03:22 夕方", BAD},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(iso8601)
{
    static const ts_case cases[] = {
        {"2023-10-05T14:03:22", T_2023_10_05_140322},
        {"2023-10-05T14:03:22Z", T_2023_10_05_140322},
        {"2023-10-05T14:03:22+09:00", T_2023_10_05_140322},
        {"2023-10-05T14:03:22-05:00", T_2023_10_05_140322},
        {"2023-10-05T14:03:22+0900", T_2023_10_05_140322},
        {"2023-10-05T14:03:22+09", T_2023_10_05_140322},
        {"2023-10-05T14:03:22.123", T_2023_10_05_140322},
        {"2023-10-05T14:03:22.123456789Z", T_2023_10_05_140322},
        {"2023-10-05T14:03:22,5+09:00", T_2023_10_05_140322},
        {"2023-10-05 14:03:22", T_2023_10_05_140322},
        {"2023-10-05 14:03:22 +09:00", T_2023_10_05_140322},
        {"2023-10-05T14:03", T_2023_10_05_140300},
        {"2023-10-05T14:03Z", T_2023_10_05_140300},
        {"2023-10-5T14:03:22", BAD},            /* ISO fields are 2 digits */
        {"2023-10-05T4:03:22", BAD},
        {"2023-10-05T14:03:22.", BAD},
        {"2023-10-05T14:03:22+9:00", BAD},
        {"2023-10-05T14:03:22+25:00", BAD},
        {"2023-10-05T14:03:22ZZ", BAD},
        {"2023-10-05T14:03:22 午後", BAD},
        {"2023-10-05", BAD},                    /* a date alone */
        {"2023-10-05T", BAD},
        {"2023-10-05T14", BAD},
        {"2023/10-05 14:03:22", BAD},
        {"2023-10/05 14:03:22", BAD},
        {"2023/10/05T14:03:22", BAD},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(microsoft_us)
{
    static const ts_case cases[] = {
        {"10/5/2023 2:03:22 PM", T_2023_10_05_140322},
        {"10/5/2023 2:03:22 pm", T_2023_10_05_140322},
        {"10/5/2023 2:03:22 AM", T_2023_10_05_020322},
        {"10/5/2023 12:03:22 AM", T_2023_10_05_000322},
        {"10/5/2023 12:03:22 PM", T_2023_10_05_120322},
        {"10/5/2023 14:03:22", T_2023_10_05_140322},
        {"10/05/2023 14:03", T_2023_10_05_140300},
        {"2/29/2024 0:00:00", T_2024_02_29},
        {"13/5/2023 14:03:22", 1683986602LL},     /* a first number > 12 is a day */
        {"5/32/2023 14:03:22", BAD},
        {"13/13/2023 14:03:22", BAD},
        {"10/5/23 14:03:22", BAD},              /* two-digit year */
        {"10/5/2023 14:03:22 PM", BAD},
        {"10/5/2023 2:03:22 P.M.", BAD},
        {"100/5/2023 14:03:22", BAD},
    };
    check_cases(cases, COUNT_OF(cases));
}

#define T_2023_10_25_0900 1698224400LL
#define T_2023_10_25 1698192000LL

TEST(japanese_dates)
{
    static const ts_case cases[] = {
        {"2023年10月25日 9:00", T_2023_10_25_0900},
        {"2023年10月25日 09:00:00", T_2023_10_25_0900},
        {"2023年10月25日9:00", T_2023_10_25_0900},
        {"2023年10月25日 9時00分", T_2023_10_25_0900},
        {"2023年10月25日 9時", T_2023_10_25_0900},
        {"2023年10月25日 午前9時", T_2023_10_25_0900},
        {"2023年10月25日 午後9時5分30秒", 1698267930LL},
        {"2023年10月25日 9:00 PM", 1698267600LL},
        {"2023年10月25日(水) 9:00", T_2023_10_25_0900},
        {"2023年10月25日（水） 9:00", T_2023_10_25_0900},
        {"2023年10月25日", T_2023_10_25},
        {"令和5年10月25日", T_2023_10_25},
        {"令和5年10月25日 9:00", T_2023_10_25_0900},
        {"令和元年5月1日", 1556668800LL},
        {"平成31年4月30日", 1556582400LL},
        {"令和0年10月25日", BAD},
        {"2023年13月25日 9:00", BAD},
        {"2023年10月25日 25:00", BAD},
        {"2023年10月25日 9時60分", BAD},
        {"2023年10月25 9:00", BAD},
        {"2023年10月25日 9:00 x", BAD},
        {"23年10月25日", BAD},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(day_month_order)
{
    static const struct {
        const char *raw;
        nps_date_order order;
        long long epoch;
        unsigned seen;
    } cases[] = {
        {"25/10/2023 9:00", NPS_DATE_MDY, T_2023_10_25_0900, NPS_TS_DAY_FIRST},
        {"25/10/2023 9:00", NPS_DATE_DMY, T_2023_10_25_0900, NPS_TS_DAY_FIRST},
        {"10/25/2023 9:00", NPS_DATE_DMY, T_2023_10_25_0900, NPS_TS_MONTH_FIRST},
        {"4/3/2023 9:00", NPS_DATE_MDY, 1680512400LL, NPS_TS_AMBIGUOUS},
        {"4/3/2023 9:00", NPS_DATE_DMY, 1677920400LL, NPS_TS_AMBIGUOUS},
        {"3/3/2023 9:00", NPS_DATE_DMY, 1677834000LL, 0},
        {"2023/10/25 9:00", NPS_DATE_DMY, T_2023_10_25_0900, 0},
        {"2023年10月25日 9:00", NPS_DATE_DMY, T_2023_10_25_0900, 0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        long long got = BAD;
        unsigned seen = 99;
        CHECK(nps_timestamp_parse_order(cases[i].raw, strlen(cases[i].raw), cases[i].order, &got, &seen));
        CHECK_INT(got, cases[i].epoch);
        CHECK_INT(seen, cases[i].seen);
    }
    {
        long long got = BAD;
        unsigned seen = 99;
        CHECK(!nps_timestamp_parse_order("32/10/2023 9:00", 15, NPS_DATE_DMY, &got, &seen));
        CHECK_INT(seen, 0);
    }
}

/* The fuzz target's invariants (it aborts on a breach) on hand-picked
 * stamps: every form, cut at every byte. */
TEST(fuzz_target_invariants)
{
    static const char *const stamps[] = {
        "2023/10/05 14:03:22", "2023/10/5 2:03:22 午後 GMT+9", "2023-10-05T14:03:22.5+09:00",
        "10/5/2023 2:03:22 PM", "25/10/2023 9:00", "4/3/2023 9:00", "31/4/2023 9:00",
        "2023年10月25日(水) 午後9時5分30秒", "令和元年5月1日", "平成31年4月30日 9:00",
    };
    for (size_t i = 0; i < COUNT_OF(stamps); i++)
        for (size_t n = 0; n <= strlen(stamps[i]); n++)
            CHECK_INT(fuzz_timestamp_entry((const uint8_t *)stamps[i], n), 0);
}

TEST(calendar_ranges)
{
    static const ts_case cases[] = {
        {"2023/02/29 00:00:00", BAD},           /* 2023 is not a leap year */
        {"2024/02/29 00:00:00", T_2024_02_29},
        {"2024-02-29T00:00:00", T_2024_02_29},
        {"2000/02/29 23:59:59", 951868799LL},   /* divisible by 400 */
        {"1900/02/29 00:00:00", BAD},           /* divisible by 100 */
        {"1900/03/01 00:00:00", -2203891200LL},
        {"1969/12/31 23:59:59", -1LL},
        {"2023/12/31 23:59:59", 1704067199LL},
        {"2024/01/01 00:00:00", 1704067200LL},
        {"9999/12/31 23:59:59", 253402300799LL},
        {"0001/01/01 00:00:00", -62135596800LL},
        {"0000/01/01 00:00:00", BAD},
        {"2023/04/30 00:00:00", 1682812800LL},
        {"2023/04/31 00:00:00", BAD},
        {"2023/06/31 00:00:00", BAD},
        {"2023/13/01 00:00:00", BAD},
        {"2023/00/10 00:00:00", BAD},
        {"2023/10/00 00:00:00", BAD},
        {"2023/10/32 00:00:00", BAD},
        {"2023/10/05 24:00:00", BAD},
        {"2023/10/05 23:60:00", BAD},
        {"2023/10/05 23:59:60", BAD},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(rejects_garbage)
{
    static const ts_case cases[] = {
        {"", BAD},
        {"   ", BAD},
        {"abc", BAD},
        {"タイムスタンプ", BAD},
        {"2023/10/05 14:03:22x", BAD},
        {"2023/10/05 14:03:22 GMT+9 extra", BAD},
        {"2023/10/05", BAD},
        {"2023/10/05 14", BAD},
        {"2023/10/05 14:3", BAD},
        {"2023/10/05 14:03:2", BAD},
        {"2023/10/05 14:03:222", BAD},
        {"2023/10/05 114:03:22", BAD},
        {"２０２３/10/05 14:03:22", BAD},
        {"20231/10/05 14:03:22", BAD},
        {"2023/100/05 14:03:22", BAD},
        {"-2023-10-05T14:03:22", BAD},
        {"2023/10/05 -14:03:22", BAD},
        {"2023/10/05 14:03:22 , ", BAD},
    };
    long long e = BAD;

    check_cases(cases, COUNT_OF(cases));
    /* A NUL inside the length is garbage, not an end. */
    CHECK(!nps_timestamp_parse("2023/10/05 14:03:22\0", 20, &e));
    /* len bounds the input: the tail beyond it is not read. */
    CHECK(nps_timestamp_parse("2023/10/05 14:03:22junk", 19, &e));
    CHECK_INT(e, T_2023_10_05_140322);
    CHECK(!nps_timestamp_parse(NULL, 0, &e));
    CHECK(!nps_timestamp_parse("2023/10/05 14:03:22", 19, NULL));
}

TEST(time_zone_does_not_matter)
{
    static const char *const zones[] = {"UTC0", "JST-9", "EST5EDT", "NZST-12NZDT"};
    size_t i;

    for (i = 0; i < COUNT_OF(zones); i++) {
        long long e = 0;
        setenv("TZ", zones[i], 1);
        tzset();
        CHECK(nps_timestamp_parse("2023/10/5 2:03:22 午後 GMT+9", strlen("2023/10/5 2:03:22 午後 GMT+9"), &e));
        CHECK_INT(e, T_2023_10_05_140322);
    }
    unsetenv("TZ");
    tzset();
}

TEST(date_format)
{
    static const struct { long long epoch; const char *date; } cases[] = {
        {0, "1970-01-01"},
        {-1, "1969-12-31"},
        {-86400, "1969-12-31"},
        {-86401, "1969-12-30"},
        {86399, "1970-01-01"},
        {86400, "1970-01-02"},
        {T_2023_10_05_140322, "2023-10-05"},
        {T_2024_02_29, "2024-02-29"},
        {T_2024_02_29 - 1, "2024-02-28"},
        {951868799LL, "2000-02-29"},
        {-2203891200LL, "1900-03-01"},
        {253402300799LL, "9999-12-31"},
        {-62135596800LL, "0001-01-01"},
    };
    char buf[32];
    size_t i;

    for (i = 0; i < COUNT_OF(cases); i++) {
        nps_timestamp_date(cases[i].epoch, buf, sizeof buf);
        CHECK_STR(buf, cases[i].date);
    }
    memset(buf, 'x', sizeof buf);
    nps_timestamp_date(0, buf, 5);
    CHECK_STR(buf, "1970");                  /* truncated, still terminated */
    memset(buf, 'x', sizeof buf);
    nps_timestamp_date(0, buf, 0);
    CHECK(buf[0] == 'x');                    /* size 0: nothing written */
    nps_timestamp_date(0, NULL, 11);         /* must not crash */
}

/* Every day 1900-01-01 .. 2100-12-31 in all three layouts, against a day
 * counter that knows nothing but the month lengths. */
TEST(every_day_1900_2100)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long long day = -25567;                  /* 1900-01-01 (timegm) */
    int y, m, d, bad = 0;

    for (y = 1900; y <= 2100 && bad < 5; y++) {
        for (m = 1; m <= 12; m++) {
            int len = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
            for (d = 1; d <= len; d++, day++) {
                char text[64], iso[64], us[64], date[32], want[32];
                long long e1 = 0, e2 = 0, e3 = 0;
                long long expect = day * 86400 + 13 * 3600 + 4 * 60 + 5;
                snprintf(text, sizeof text, "%d/%d/%d 1:04:05 午後 GMT+9", y, m, d);
                snprintf(iso, sizeof iso, "%04d-%02d-%02dT13:04:05+09:00", y, m, d);
                snprintf(us, sizeof us, "%d/%d/%d 1:04:05 PM", m, d, y);
                snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                if (!nps_timestamp_parse(text, strlen(text), &e1) || e1 != expect
                    || !nps_timestamp_parse(iso, strlen(iso), &e2) || e2 != expect
                    || !nps_timestamp_parse(us, strlen(us), &e3) || e3 != expect) {
                    CHECK_INT(e1, expect);
                    CHECK_INT(e2, expect);
                    CHECK_INT(e3, expect);
                    fprintf(stderr, "  ^ %s\n", text);
                    bad++;
                }
                nps_timestamp_date(expect, date, sizeof date);
                if (strcmp(date, want) != 0) {
                    CHECK_STR(date, want);
                    bad++;
                }
            }
            /* the day after the last is rejected */
            {
                char text[64];
                long long e = 0;
                snprintf(text, sizeof text, "%d/%d/%d 0:00:00", y, m, len + 1);
                if (nps_timestamp_parse(text, strlen(text), &e)) {
                    CHECK(!"day after month end accepted");
                    fprintf(stderr, "  ^ %s\n", text);
                    bad++;
                }
            }
        }
    }
    CHECK_INT(day, 47847);                   /* 2101-01-01 (timegm) */
}

UNIT_MAIN()
