/*
 * test_format.c — the printf-free number formatting of base/format.h prints
 * exactly what the printf format it stands for prints: integers over the
 * whole long long range and a sweep, %.10g over integers, fractions, large,
 * negative and special values, and the percent over every tenth to 10000 %
 * and computed shares k × 100 / n.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include "unit.h"
#include "base/format.h"

static void check_integer(long long v)
{
    char want[32], got[32];
    size_t n;
    snprintf(want, sizeof want, "%lld", v);
    n = nps_format_integer(v, got);
    CHECK_STR(got, want);
    CHECK_INT((long)n, (long)strlen(want));
}

TEST(integer_matches_printf)
{
    static const long long edge[] = {0, 1, -1, 9, 10, -10, 99, 100, 123456789, LLONG_MAX, LLONG_MIN,
                                     LLONG_MIN + 1, 1000000000000LL};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
        check_integer(edge[i]);
    for (long long v = -100000; v <= 100000; v += 7)
        check_integer(v);
}

static void check_g10(double v)
{
    char want[64], got[64];
    snprintf(want, sizeof want, "%.10g", v);
    CHECK_STR(nps_format_g10(v, got, sizeof got), want);
}

TEST(g10_matches_printf)
{
    static const double edge[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e10, 1e10 - 1, -1e10 + 1, 12345678901.0,
                                  45200.0, 25569.0, 3.25, 1e-7, 1e300, -2.5e12, 9999999999.0};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
        check_g10(edge[i]);
    check_g10(INFINITY);
    check_g10(NAN);
    for (long v = -50000; v <= 50000; v += 3) {
        check_g10((double)v);
        check_g10((double)v / 8.0);
    }
}

static void check_percent(double p)
{
    char want[64], got[64];
    snprintf(want, sizeof want, "%.1f%%", nps_round1(p));
    CHECK_STR(nps_format_percent(p, got, sizeof got), want);
}

TEST(percent_matches_printf)
{
    static const double edge[] = {0.0, -0.0, -0.04, 0.05, 12.25, 99.95, 100.0, -12.25, 1e12, -1e13, 1e20};
    char small[16];
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
        check_percent(edge[i]);
    for (long t = -1000; t <= 100000; t++)
        check_percent((double)t / 10.0);
    for (long n = 1; n <= 400; n++)
        for (long k = 0; k <= n; k++)
            check_percent(nps_percent_of(k, n));
    CHECK_STR(nps_format_percent(27.66, small, sizeof small), "27.7%");
}

UNIT_MAIN()
