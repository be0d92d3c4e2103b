/*
 * sheet.c — a whole small CSV file in memory (see sheet.h): the bytes go
 * through the csv stream (read/csvstream.h), each non-blank record is copied
 * with its cells trimmed, the first one becoming the header.
 */
#include <stdbool.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "read/csvstream.h"
#include "read/sheet.h"

void nps_sheet_free(nps_sheet *s)
{
    for (size_t i = 0; i < s->n_header; i++)
        nps_free(s->header[i]);
    nps_free(s->header);
    for (size_t r = 0; r < s->n_rows; r++) {
        for (size_t i = 0; i < s->rows[r].n; i++)
            nps_free(s->rows[r].cells[i]);
        nps_free(s->rows[r].cells);
    }
    nps_free(s->rows);
    memset(s, 0, sizeof *s);
}

static char **copy_cells(size_t n, const char *const *fields, const size_t *lens)
{
    char **cells = nps_calloc(n, sizeof *cells);
    if (!cells)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char *t = nps_text_trim(fields[i], lens[i]);
        if (!t) {
            for (size_t j = 0; j < i; j++)
                nps_free(cells[j]);
            nps_free(cells);
            return NULL;
        }
        cells[i] = t;
    }
    return cells;
}

static nps_error sheet_on_record(void *ctx, long line, size_t n, const char *const *fields,
                                 const size_t *lens)
{
    nps_sheet *s = ctx;
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = lens[i] == 0;
    if (blank)
        return NPS_OK;
    for (size_t i = 0; i < n; i++)
        if (!nps_utf8_valid(fields[i], lens[i]))
            return NPS_ERR_ENCODING;
    char **cells = copy_cells(n, fields, lens);
    if (!cells)
        return NPS_ERR_NOMEM;
    if (!s->header) {
        s->header = cells;
        s->n_header = n;
        return NPS_OK;
    }
    if (nps_grow((void **)&s->rows, &s->cap, s->n_rows + 1, sizeof *s->rows, 32) != NPS_OK) {
        for (size_t i = 0; i < n; i++)
            nps_free(cells[i]);
        nps_free(cells);
        return NPS_ERR_NOMEM;
    }
    s->rows[s->n_rows++] = (nps_sheet_row){line, n, cells};
    return NPS_OK;
}

nps_error nps_sheet_read(const char *file, const char *data, size_t len, nps_sheet *out,
                            nps_diag *diag)
{
    nps_csv_stream *cs = NULL;
    nps_error err;
    memset(out, 0, sizeof *out);
    out->file = file;
    if (!data) {
        err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, file, 0, "file is missing");
        goto cleanup;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { /* a spreadsheet's BOM */
        data += 3;
        len -= 3;
    }
    err = nps_csv_stream_new(',', NULL, sheet_on_record, out, &cs);
    if (err != NPS_OK)
        goto cleanup;
    err = nps_csv_stream_feed(cs, data, len);
    if (err == NPS_OK)
        err = nps_csv_stream_finish(cs);
    if (err == NPS_ERR_ENCODING)
        err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, file, nps_csv_stream_error_line(cs),
                           "invalid UTF-8 (save the file as UTF-8)");
    else if (err == NPS_ERR_CSV)
        err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, file, nps_csv_stream_error_line(cs),
                           "a quoted field is never closed");
    else if (err == NPS_ERR_LIMIT)
        err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, file, nps_csv_stream_error_line(cs),
                           "a field or row is too large");
    else if (err == NPS_OK && !out->header)
        err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, file, 1, "file is empty (no header row)");
cleanup:
    nps_csv_stream_free(cs);
    if (err != NPS_OK)
        nps_sheet_free(out);
    return err;
}

/* Index of a header column, or -1. */
int nps_sheet_column(const nps_sheet *s, const char *name)
{
    for (size_t i = 0; i < s->n_header; i++)
        if (strcmp(s->header[i], name) == 0)
            return (int)i;
    return -1;
}

nps_error nps_sheet_require(const nps_sheet *s, const char *const *names, int *cols,
                               size_t n, nps_diag *diag)
{
    for (size_t i = 0; i < n; i++) {
        cols[i] = nps_sheet_column(s, names[i]);
        if (cols[i] < 0)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, 1,
                                "missing column \"%s\" in the header", names[i]);
    }
    return NPS_OK;
}
