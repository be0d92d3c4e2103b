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

/* The columns forms put around the questions (docs/spreadsheets.md):
 * Google's タイムスタンプ and メールアドレス, Microsoft Forms' ID, 開始時刻,
 * 完了時刻, メール, 名前, 最終変更時刻, and their English forms (Timestamp,
 * Email Address, ID, Start time, Completion time, Email, Name, Last
 * modified time), a quiz's スコア/Score, 合計ポイント/Total points and
 * クイズのフィードバック/Quiz feedback, after NFKC and ASCII case folding. NPS_META_PERSONAL
 * columns hold the respondent's e-mail or name: never to be output. */
typedef enum nps_header_metadata {
    NPS_META_NONE = 0,
    NPS_META_TIME,      /* a time of the response (one of them is the timestamp) */
    NPS_META_ID,        /* the form's response number, or a quiz's score or feedback */
    NPS_META_PERSONAL   /* the respondent's e-mail or name */
} nps_header_metadata;
nps_header_metadata nps_header_form_metadata(const char *raw, size_t len);

#endif
