/*
 * format.c — percent rounding and printing (format.h).
 *
 * Invariant: percentages are k × 100 / n; a tiny epsilon makes exact halves
 * such as 12.25 round away from zero despite their binary representation.
 * The printf-free paths print exactly what the printf format they stand for
 * prints (tests/test_format.c compares them over many values); anything
 * outside their exact range goes through printf.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/format.h"

double nps_percent_of(long count, long base)
{
    return base > 0 ? (double)count * 100.0 / (double)base : 0.0;
}

double nps_round1(double percent)
{
    double scaled = percent * 10.0;
    return (scaled >= 0 ? floor(scaled + 0.5 + 1e-9) : ceil(scaled - 0.5 - 1e-9)) / 10.0;
}

size_t nps_format_integer(long long v, char *buf)
{
    char tmp[24];
    size_t n = 0, len = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

const char *nps_format_g10(double value, char *buf, size_t size)
{
    if (size >= 32 && fabs(value) < 1e10 && value == floor(value) && !(value == 0 && signbit(value)))
        nps_format_integer((long long)value, buf);
    else
        snprintf(buf, size, "%.10g", value);
    return buf;
}

/* "%.1f%%" of a value that nps_round1 made a whole number of tenths. */
const char *nps_format_percent(double percent, char *buf, size_t size)
{
    double v = nps_round1(percent);
    double tenths = v * 10.0;
    if (size >= 16 && fabs(tenths) < 1e12 && !(v == 0 && signbit(v))) {
        long long t = llround(tenths);
        unsigned long long u = t < 0 ? 0ULL - (unsigned long long)t : (unsigned long long)t;
        size_t len = 0;
        if (t < 0)
            buf[len++] = '-';
        len += nps_format_integer((long long)(u / 10), buf + len);
        buf[len++] = '.';
        buf[len++] = (char)('0' + u % 10);
        memcpy(buf + len, "%", 2);
    } else {
        snprintf(buf, size, "%.1f%%", v);
    }
    return buf;
}
