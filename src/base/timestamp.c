/*
 * timestamp.c — response timestamps (formats in timestamp.h).
 *
 * Grammar, on the text without leading/trailing ASCII white space:
 *   ymd   := YYYY '/' M{1,2} '/' D{1,2}                 (Google, Japanese)
 *   mdy   := M{1,2} '/' D{1,2} '/' YYYY                 (Microsoft, en-US)
 *   dmy   := D{1,2} '/' M{1,2} '/' YYYY                 (en-GB and most of Europe)
 *   slash := (ymd | mdy | dmy) SP+ (ampm SP*)? clock (SP+ ampm)? (SP+ zone)?
 *   kanji := (era (Y{1,2} | 元) | YYYY) 年 M{1,2} 月 D{1,2} 日 weekday? SP*
 *            ((ampm SP*)? (clock | H{1,2} 時 (MM 分 (SS 秒)?)?))?
 *   era   := 令和 | 平成 | 昭和;  weekday := '(' … ')' | （ … ）
 *   clock := H{1,2} ':' MM (':' SS ('.' digit+)?)?
 *   ampm  := 午前 | 午後 | AM | PM (any case)
 *   zone  := ('GMT' | 'UTC') offset?
 *   offset:= ('+'|'-') (HHMM | H{1,2} (':' MM)?)     (H{2} in iso)
 *   iso   := YYYY '-' MM '-' DD ('T' | SP+) HH ':' MM (':' SS ([.,] digit+)?)?
 *            (SP* ('Z' | offset))?
 * and nothing else after it. A date alone (no clock) is rejected, except in
 * the kanji form (midnight). Which of mdy and dmy a slash date with two
 * numbers ≤ 12 is follows the caller's order; a first number over 12 is a
 * day whatever the order, a second over 12 likewise (order_day_month).
 *
 * Invariants: every field is range-checked (year 1–9999, month 1–12, day
 * within the month with Gregorian leap years, hour 0–23 or 1–12 with a
 * meridiem, minute and second 0–59) before the epoch is computed. The epoch
 * comes from days_from_civil() (H. Hinnant's algorithm), never from
 * timegm/mktime, so TZ and the C library do not matter; offsets and
 * fractional seconds are validated and ignored.
 */
#include <stdio.h>
#include <string.h>
#include "base/timestamp.h"

typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

typedef enum meridiem { MER_NONE, MER_AM, MER_PM } meridiem;

typedef struct fields {
    int year, month, day, hour, minute, second;
    meridiem mer;
} fields;

static bool at_end(const cursor *c)
{
    return c->p >= c->end;
}

static bool is_digit_at(const cursor *c)
{
    return !at_end(c) && *c->p >= '0' && *c->p <= '9';
}

static bool accept_char(cursor *c, char ch)
{
    if (at_end(c) || *c->p != ch)
        return false;
    c->p++;
    return true;
}

/* Consume `word` exactly, or ASCII-case-insensitively when `fold`. */
static bool accept_word(cursor *c, const char *word, bool fold)
{
    size_t i, n = strlen(word);

    if ((size_t)(c->end - c->p) < n)
        return false;
    for (i = 0; i < n; i++) {
        char a = c->p[i], b = word[i];
        if (fold && a >= 'a' && a <= 'z')
            a = (char)(a - 'a' + 'A');
        if (a != b)
            return false;
    }
    c->p += n;
    return true;
}

/* Skip ASCII spaces and tabs; the number skipped. */
static int skip_spaces(cursor *c)
{
    int n = 0;
    while (!at_end(c) && (*c->p == ' ' || *c->p == '\t')) {
        c->p++;
        n++;
    }
    return n;
}

/* An unsigned decimal of min..max digits; no more digits may follow. */
static bool read_int(cursor *c, int min, int max, int *out)
{
    int n = 0, v = 0;

    while (is_digit_at(c) && n < max) {
        v = v * 10 + (*c->p - '0');
        c->p++;
        n++;
    }
    if (n < min || is_digit_at(c))
        return false;
    *out = v;
    return true;
}

static bool accept_meridiem(cursor *c, meridiem *mer)
{
    if (accept_word(c, "午前", false) || accept_word(c, "AM", true))
        *mer = MER_AM;
    else if (accept_word(c, "午後", false) || accept_word(c, "PM", true))
        *mer = MER_PM;
    else
        return false;
    return true;
}

/* ('.' | ',' when iso) digit+ — fractional seconds, ignored. */
static bool skip_fraction(cursor *c, bool iso)
{
    if (accept_char(c, '.') || (iso && accept_char(c, ','))) {
        if (!is_digit_at(c))
            return false;
        while (is_digit_at(c))
            c->p++;
    }
    return true;
}

/* H ':' MM (':' SS fraction?)? with `hmin` hour digits. */
static bool parse_clock(cursor *c, int hmin, bool iso, fields *f)
{
    f->second = 0;
    if (!read_int(c, hmin, 2, &f->hour) || !accept_char(c, ':')
        || !read_int(c, 2, 2, &f->minute))
        return false;
    if (accept_char(c, ':'))
        return read_int(c, 2, 2, &f->second) && skip_fraction(c, iso);
    return true;
}

/* Number of digits at the cursor. */
static size_t digit_run(const cursor *c)
{
    size_t n = 0;
    while (c->p + n < c->end && c->p[n] >= '0' && c->p[n] <= '9')
        n++;
    return n;
}

/* ('+'|'-') (HHMM | H{hmin,2} (':' MM)?) — validated, ignored. */
static bool parse_offset(cursor *c, int hmin)
{
    int h = 0, m = 0;

    if (!accept_char(c, '+') && !accept_char(c, '-'))
        return false;
    if (digit_run(c) == 4) {
        h = (c->p[0] - '0') * 10 + (c->p[1] - '0');
        m = (c->p[2] - '0') * 10 + (c->p[3] - '0');
        c->p += 4;
    } else if (!read_int(c, hmin, 2, &h)
               || (accept_char(c, ':') && !read_int(c, 2, 2, &m))) {
        return false;
    }
    return h <= 23 && m <= 59;
}

static bool parse_iso(cursor *c, fields *f)
{
    if (!read_int(c, 4, 4, &f->year) || !accept_char(c, '-')
        || !read_int(c, 2, 2, &f->month) || !accept_char(c, '-')
        || !read_int(c, 2, 2, &f->day))
        return false;
    if (!accept_char(c, 'T') && skip_spaces(c) == 0)
        return false;
    if (!parse_clock(c, 2, true, f))
        return false;
    skip_spaces(c);
    if (accept_char(c, 'Z'))
        return true;
    if (!at_end(c) && !parse_offset(c, 2))
        return false;
    return true;
}

/* The day and month of a D/M or M/D pair `a`/`b` (docs/reading.md): a first
 * number over 12 can only be a day, a second over 12 only a day; two
 * numbers ≤ 12 that differ follow `order`. */
static void order_day_month(int a, int b, nps_date_order order, fields *f, unsigned *seen)
{
    bool day_first;
    if (a > 12 && b <= 12) {
        day_first = true;
        *seen |= NPS_TS_DAY_FIRST;
    } else if (b > 12) {
        day_first = false;
        *seen |= NPS_TS_MONTH_FIRST;
    } else {
        day_first = order == NPS_DATE_DMY;
        if (a != b)
            *seen |= NPS_TS_AMBIGUOUS;
    }
    f->day = day_first ? a : b;
    f->month = day_first ? b : a;
}

/* What may follow a date: (ampm SP*)? clock (SP+ ampm)? (SP+ zone)? */
static bool parse_slash_time(cursor *c, fields *f)
{
    bool spaced;
    f->mer = MER_NONE;
    if (accept_meridiem(c, &f->mer))
        skip_spaces(c);
    if (!parse_clock(c, 1, false, f))
        return false;
    spaced = skip_spaces(c) > 0;
    if (spaced && f->mer == MER_NONE && accept_meridiem(c, &f->mer))
        spaced = skip_spaces(c) > 0;
    if (spaced && (accept_word(c, "GMT", false) || accept_word(c, "UTC", false))) {
        if (!at_end(c) && !parse_offset(c, 1))
            return false;
    }
    return true;
}

static bool parse_slash(cursor *c, nps_date_order order, fields *f, unsigned *seen)
{
    cursor start = *c;
    int first, second;

    if (!read_int(c, 1, 4, &first))
        return false;
    if (c->p - start.p == 4) {                      /* YYYY/M/D */
        f->year = first;
        if (!accept_char(c, '/') || !read_int(c, 1, 2, &f->month)
            || !accept_char(c, '/') || !read_int(c, 1, 2, &f->day))
            return false;
    } else if (c->p - start.p <= 2) {               /* M/D/YYYY or D/M/YYYY */
        if (!accept_char(c, '/') || !read_int(c, 1, 2, &second)
            || !accept_char(c, '/') || !read_int(c, 4, 4, &f->year))
            return false;
        order_day_month(first, second, order, f, seen);
    } else {
        return false;
    }
    if (skip_spaces(c) == 0)
        return false;
    return parse_slash_time(c, f);
}

/* ---- Japanese dates: (era)? Y '年' M '月' D '日' ((曜日))? time? ---- */

/* An era name and the year before its first year (令和1 = 2019). */
static bool accept_era(cursor *c, int *base)
{
    static const struct { const char *name; int base; } eras[] = {
        {"令和", 2018}, {"平成", 1988}, {"昭和", 1925},
    };
    for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++)
        if (accept_word(c, eras[i].name, false)) {
            *base = eras[i].base;
            return true;
        }
    return false;
}

/* "(水)" or "（水）": a day of the week, skipped (not checked). */
static void skip_weekday(cursor *c)
{
    cursor probe = *c;
    bool wide = accept_word(&probe, "（", false);
    if (!wide && !accept_char(&probe, '('))
        return;
    while (!at_end(&probe) && *probe.p != ')' && (unsigned char)*probe.p != 0xEF && probe.p - c->p < 16)
        probe.p++;
    if (wide ? accept_word(&probe, "）", false) : accept_char(&probe, ')'))
        *c = probe;
}

/* H '時' (MM '分' (SS '秒')?)? */
static bool parse_kanji_clock(cursor *c, fields *f)
{
    f->minute = f->second = 0;
    if (!read_int(c, 1, 2, &f->hour) || !accept_word(c, "時", false))
        return false;
    if (is_digit_at(c)) {
        if (!read_int(c, 1, 2, &f->minute) || !accept_word(c, "分", false))
            return false;
        if (is_digit_at(c) && (!read_int(c, 1, 2, &f->second) || !accept_word(c, "秒", false)))
            return false;
    }
    return true;
}

static bool parse_kanji(cursor *c, fields *f)
{
    int base = 0;
    bool era = accept_era(c, &base);
    if (era && accept_word(c, "元", false))
        f->year = 1;
    else if (!read_int(c, era ? 1 : 4, era ? 2 : 4, &f->year))
        return false;
    if (era && f->year < 1)
        return false;
    f->year += base;
    if (!accept_word(c, "年", false) || !read_int(c, 1, 2, &f->month) || !accept_word(c, "月", false)
        || !read_int(c, 1, 2, &f->day) || !accept_word(c, "日", false))
        return false;
    skip_weekday(c);
    skip_spaces(c);
    if (at_end(c))
        return true; /* a date alone: midnight */
    f->mer = MER_NONE;
    if (accept_meridiem(c, &f->mer))
        skip_spaces(c);
    {
        cursor probe = *c;
        meridiem mer = f->mer;
        if (parse_kanji_clock(&probe, f)) {
            *c = probe;
            return true;
        }
        f->mer = mer;
    }
    if (!parse_clock(c, 1, false, f))
        return false;
    if (skip_spaces(c) > 0 && f->mer == MER_NONE)
        accept_meridiem(c, &f->mer);
    return true;
}

/* Whether the text is a Japanese date: an era name, or digits and '年'. */
static bool looks_kanji(const cursor *c)
{
    cursor probe = *c;
    int base;
    if (accept_era(&probe, &base))
        return true;
    return digit_run(&probe) == 4 && (probe.p += 4, accept_word(&probe, "年", false));
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : days[m - 1];
}

/* Range checks; turns a 12-hour clock into 0–23. */
static bool validate(fields *f)
{
    if (f->year < 1 || f->month < 1 || f->month > 12 || f->day < 1
        || f->day > days_in_month(f->year, f->month))
        return false;
    if (f->mer != MER_NONE) {
        if (f->hour < 1 || f->hour > 12)
            return false;
        if (f->hour == 12)
            f->hour = 0;                    /* 午前12時 = 0 h, 午後12時 = 12 h */
        if (f->mer == MER_PM)
            f->hour += 12;
    }
    return f->hour <= 23 && f->minute <= 59 && f->second <= 59;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant). */
static long long days_from_civil(long long y, int m, int d)
{
    long long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void civil_from_days(long long z, long long *y, int *m, int *d)
{
    long long era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

bool nps_timestamp_parse_order(const char *raw, size_t len, nps_date_order order, long long *epoch,
                               unsigned *seen)
{
    cursor c, probe;
    fields f = {0, 0, 0, 0, 0, 0, MER_NONE};
    unsigned saw = 0;
    bool ok = false;

    if (!raw || !epoch)
        goto cleanup;
    c.p = raw;
    c.end = raw + len;
    skip_spaces(&c);
    while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\t'
                           || c.end[-1] == '\r' || c.end[-1] == '\n'))
        c.end--;
    /* YYYY- is ISO; an era or YYYY年 a Japanese date; anything else with a
     * '/' after its first number is a slash date. */
    probe = c;
    if (read_int(&probe, 4, 4, &f.year) && accept_char(&probe, '-'))
        ok = parse_iso(&c, &f);
    else if (looks_kanji(&c))
        ok = parse_kanji(&c, &f);
    else
        ok = parse_slash(&c, order, &f, &saw);
    ok = ok && at_end(&c) && validate(&f);
    if (ok)
        *epoch = days_from_civil(f.year, f.month, f.day) * 86400LL
               + f.hour * 3600LL + f.minute * 60LL + f.second;
cleanup:
    if (seen)
        *seen = ok ? saw : 0;
    return ok;
}

bool nps_timestamp_parse(const char *raw, size_t len, long long *epoch)
{
    return nps_timestamp_parse_order(raw, len, NPS_DATE_MDY, epoch, NULL);
}

void nps_timestamp_date(long long epoch, char *buf, size_t size)
{
    long long days, y;
    int m, d;

    if (!buf || size == 0)
        return;
    days = epoch / 86400;
    if (epoch % 86400 < 0)
        days--;                                 /* floor for times before 1970 */
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04lld-%02d-%02d", y, m, d);
}
