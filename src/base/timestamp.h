/*
 * timestamp.h — response timestamps as exports write them:
 *   2023/10/05 14:03:22      (Google Forms, Japanese locale, 24 h)
 *   2023/10/5 2:03:22 午後 GMT+9   (Google Forms, 12 h with 午前/午後)
 *   2023-10-05T14:03:22(.sss)(Z|+09:00)   (ISO 8601, Microsoft Forms)
 *   10/5/2023 14:03:22       (Microsoft Forms, en-US Excel)
 *   25/10/2023 14:03:22      (D/M/Y locales; see nps_timestamp_parse_order)
 *   2023年10月25日 9:00, 2023年10月25日 9時00分, 令和5年10月25日 (typed by hand)
 * The result is the wall-clock time as written, counted as seconds since
 * 1970-01-01 00:00 as if it were UTC; a stated offset (GMT+9, +09:00, Z) is
 * accepted and ignored, since all responses of one export share the form's
 * time zone and the report prints the dates as the respondents saw them.
 */
#ifndef NPS_TIMESTAMP_H
#define NPS_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>

/* Parse; true and *epoch set on success. A slash date whose first two
 * numbers are both ≤ 12 is read as M/D/Y (see nps_timestamp_parse_order). */
bool nps_timestamp_parse(const char *raw, size_t len, long long *epoch);

/* How an export writes its slash dates: month or day first. */
typedef enum nps_date_order { NPS_DATE_MDY, NPS_DATE_DMY } nps_date_order;

/* What a parse saw, for deciding the order of a whole export (*seen). */
enum {
    NPS_TS_DAY_FIRST = 1,   /* N/M/YYYY with N > 12: read as D/M/Y whatever the order */
    NPS_TS_MONTH_FIRST = 2, /* M/N/YYYY with N > 12: read as M/D/Y whatever the order */
    NPS_TS_AMBIGUOUS = 4    /* both ≤ 12 and different: read in `order` */
};

/* Parse with `order` for ambiguous slash dates; *seen (may be NULL) gets
 * the NPS_TS_* flags of this stamp (0 when it is not a slash D/M pair or
 * does not parse). */
bool nps_timestamp_parse_order(const char *raw, size_t len, nps_date_order order, long long *epoch,
                               unsigned *seen);

/* Format such seconds as "YYYY-MM-DD" into buf (≥ 11 bytes). */
void nps_timestamp_date(long long epoch, char *buf, size_t size);

#endif
