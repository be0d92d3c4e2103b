/*
 * sheet.h — a small CSV file read whole into memory: a header row and the
 * rows below it, every cell trimmed, each row with the line it starts on.
 * Used by the questionnaire loader (read/questionnaire_load.c), whose files
 * are small enough to hold whole; the export itself is streamed (reader.c).
 *
 * Blank rows are skipped; a UTF-8 byte-order mark is skipped; invalid UTF-8,
 * an unclosed quote, an oversized field or an empty file is an error naming
 * the file and line (NPS_ERR_QUESTIONNAIRE).
 *
 * Ownership: the sheet owns its cells; nps_sheet_free() releases them. The
 * `file` name is borrowed and must outlive the sheet.
 */
#ifndef NPS_SHEET_H
#define NPS_SHEET_H

#include <stddef.h>
#include "base/error.h"

typedef struct nps_sheet_row {
    long line;
    size_t n;
    char **cells;
} nps_sheet_row;

typedef struct nps_sheet {
    const char *file;   /* display name (borrowed), e.g. "questionnaire/survey.csv" */
    size_t n_header;
    char **header;
    size_t n_rows, cap;
    nps_sheet_row *rows;
} nps_sheet;

/* Read `data` (len bytes; NULL = the file is missing) as the sheet `file`. */
nps_error nps_sheet_read(const char *file, const char *data, size_t len, nps_sheet *out,
                         nps_diag *diag);
void nps_sheet_free(nps_sheet *s);

/* Index of a header column, or -1. */
int nps_sheet_column(const nps_sheet *s, const char *name);

/* The columns `names` (all required) into cols[0..n-1]; an error naming the
 * first missing one. */
nps_error nps_sheet_require(const nps_sheet *s, const char *const *names, int *cols,
                            size_t n, nps_diag *diag);

/* Cell of a row by column index; "" when the row is short. */
static inline const char *nps_sheet_cell(const nps_sheet_row *r, int col)
{
    return (col >= 0 && (size_t)col < r->n) ? r->cells[col] : "";
}

#endif
