/*
 * format.h — how the library rounds and prints a percent: one function for
 * every output (tables, workbook, PDF, charts, commentary), so a number never
 * reads differently in two places. Rules in docs/tables.md. Also the
 * printf-free number formatting of the hot paths (docs/benchmarks.md): the
 * same bytes as the printf format each one names.
 */
#ifndef NPS_FORMAT_H
#define NPS_FORMAT_H

#include <stddef.h>

/* count × 100 / base, unrounded; 0 when base ≤ 0. */
double nps_percent_of(long count, long base);
/* Round half away from zero to one decimal, as printed everywhere. */
double nps_round1(double percent);
/* "27.7%": nps_round1 with one decimal and a half-width %. Returns buf
 * (size ≥ 16 holds any percent the library prints). */
const char *nps_format_percent(double percent, char *buf, size_t size);

/* The decimal digits of v ("-12", "0"), as printf("%lld"); NUL-terminated.
 * buf holds at least 21 bytes. Returns the length. */
size_t nps_format_integer(long long v, char *buf);
/* value as printf("%.10g") (integers below 1e10 without printf). Returns
 * buf (size ≥ 32). */
const char *nps_format_g10(double value, char *buf, size_t size);

#endif
