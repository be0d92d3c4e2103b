/*
 * timestamp.h — response timestamps as exports write them:
 *   2023/10/05 14:03:22      (Google Forms, Japanese locale, 24 h)
 *   2023/10/5 2:03:22 午後 GMT+9   (Google Forms, 12 h with 午前/午後)
 *   2023-10-05T14:03:22(.sss)(Z|+09:00)   (ISO 8601, Microsoft Forms)
 *   10/5/2023 14:03:22       (Microsoft Forms, en-US Excel)
 * The result is the wall-clock time as written, counted as seconds since
 * 1970-01-01 00:00 as if it were UTC; a stated offset (GMT+9, +09:00, Z) is
 * accepted and ignored, since all responses of one export share the form's
 * time zone and the report prints the dates as the respondents saw them.
 */
#ifndef NPS_TIMESTAMP_H
#define NPS_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>

/* Parse; true and *epoch set on success. */
bool nps_timestamp_parse(const char *raw, size_t len, long long *epoch);

/* Format such seconds as "YYYY-MM-DD" into buf (≥ 11 bytes). */
void nps_timestamp_date(long long epoch, char *buf, size_t size);

#endif
