/*
 * header.h — the grammar of an export's column headers (docs/reading.md).
 *
 *   header  := [ ("Q" | "問") number [ ("-" | "_") item ] sep ] text [ " [" row "]" ]
 *   sep     := "." | "．" | ":" | "：" | " " | end of header
 *
 * Parsing works on the NFKC form, so full-width Ｑ６． reads as Q6. A header
 * without a number is matched by its label against the questionnaire. The
 * mapping of a parsed header to a questionnaire field is in the reader.
 */
#ifndef NPS_HEADER_H
#define NPS_HEADER_H

#include <stddef.h>

typedef struct nps_header {
    int number;        /* 0 when the header has no question number */
    int item;          /* 0 when absent */
    char *text;        /* the rest after the separator (NFKC, trimmed); owned */
    char *row;         /* text inside a final " [...]" (NFKC, trimmed), or NULL; owned */
} nps_header;

/* Parse a raw header cell. Returns 0 on success, -1 on allocation failure or
 * invalid UTF-8. Free with nps_header_clear. */
int nps_header_parse(const char *raw, size_t len, nps_header *out);
void nps_header_clear(nps_header *h);

/* True when the (NFKC) header names the response timestamp column. Returns
 * a priority (1 best) or 0: タイムスタンプ/Timestamp 1, 完了時刻/Completion time 2,
 * 開始時刻/Start time 3. */
int nps_header_timestamp_rank(const char *raw, size_t len);

#endif
