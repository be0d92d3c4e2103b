/*
 * fuzz_timestamp.c — libFuzzer target: the timestamp parser (src/base/timestamp.c,
 * docs/reading.md "Timestamps").
 *
 * The input is one timestamp cell. It is parsed in both day/month orders;
 * invariants checked: a parse that fails in one order fails in the other
 * too, unless the stamp is ambiguous both parses give the same second, the
 * flags of one stamp never say both "day first" and "month first", and a
 * parsed second formats to a date of years 1–9999.
 *
 * Also compiled into tests/test_fuzz_regressions.c (NPS_FUZZ_TIMESTAMP_ENTRY
 * renamed) to replay fuzz/regressions/timestamp/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/timestamp.h"

#ifndef NPS_FUZZ_TIMESTAMP_ENTRY
#define NPS_FUZZ_TIMESTAMP_ENTRY LLVMFuzzerTestOneInput
#endif

int NPS_FUZZ_TIMESTAMP_ENTRY(const uint8_t *data, size_t size);

int NPS_FUZZ_TIMESTAMP_ENTRY(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    long long mdy = 0, dmy = 0, plain = 0;
    unsigned seen_mdy = 0, seen_dmy = 0;
    bool ok_mdy = nps_timestamp_parse_order(raw, size, NPS_DATE_MDY, &mdy, &seen_mdy);
    bool ok_dmy = nps_timestamp_parse_order(raw, size, NPS_DATE_DMY, &dmy, &seen_dmy);
    bool ok = nps_timestamp_parse(raw, size, &plain);
    char date[16];
    if (ok != ok_mdy || (ok && plain != mdy))
        abort(); /* nps_timestamp_parse is the M/D/Y order */
    if (ok_mdy && ok_dmy && !(seen_mdy & NPS_TS_AMBIGUOUS) && mdy != dmy)
        abort();
    if ((seen_mdy & NPS_TS_DAY_FIRST) && (seen_mdy & NPS_TS_MONTH_FIRST))
        abort();
    if (ok_mdy != ok_dmy && !(seen_mdy & NPS_TS_AMBIGUOUS) && !(seen_dmy & NPS_TS_AMBIGUOUS))
        abort(); /* only the order of an ambiguous pair may make a date invalid (31/4 vs 4/31) */
    if (ok_mdy) {
        nps_timestamp_date(mdy, date, sizeof date);
        if (strlen(date) != 10 || memcmp(date, "0000", 4) == 0 || date[0] == '-')
            abort();
    }
    return 0;
}
