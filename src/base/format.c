/*
 * format.c — percent rounding and printing (format.h).
 *
 * Invariant: percentages are k × 100 / n; a tiny epsilon makes exact halves
 * such as 12.25 round away from zero despite their binary representation.
 */
#include <math.h>
#include <stdio.h>
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

const char *nps_format_percent(double percent, char *buf, size_t size)
{
    snprintf(buf, size, "%.1f%%", nps_round1(percent));
    return buf;
}
