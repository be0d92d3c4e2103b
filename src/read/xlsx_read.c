/*
 * xlsx_read.c — an .xlsx export through the reader (docs/spreadsheets.md).
 *
 * The file's first bytes decide its kind: a zip ("PK\3\4") is a workbook,
 * an OLE compound file (D0 CF 11 E0) is an old .xls or a password-protected
 * workbook (which Excel stores as OLE with an "EncryptedPackage" stream),
 * anything else is a CSV for the usual path. A workbook's sheet (xlsx.h) is
 * streamed row by row into the very functions a CSV record goes to
 * (nps_reader_on_record: the first non-empty row is the header, every later
 * row one response), so every rule of the CSV path applies; data rows are
 * padded to the header's width, since a sheet leaves trailing empty cells
 * out. Afterwards duplicates are removed as for a CSV, and every entry of
 * the quality log gets its cell the spreadsheet way ("Sheet1!F7"; a whole
 * row "Sheet1!7:7").
 *
 * Ownership: the FILE handed in is closed here; the dataset made goes to
 * r->d (freed by the caller on an error, as reader.c does).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "read/drift.h"
#include "read/read_private.h"
#include "read/xlsx.h"

/* The rows of the sheet into the reader. */
typedef struct xlsx_feed {
    reader *r;
    long header_row;
    size_t width;            /* the header's cells */
    const char **pad;        /* a short row padded to `width` */
    size_t *pad_lens;
} xlsx_feed;

nps_reader_file_kind nps_reader_sniff(FILE *f)
{
    unsigned char b[4] = {0};
    size_t n = fread(b, 1, sizeof b, f);
    nps_reader_file_kind kind = NPS_FILE_TEXT;
    if (n == 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        kind = NPS_FILE_ZIP;
    else if (n == 4 && memcmp(b, "\xD0\xCF\x11\xE0", 4) == 0)
        kind = NPS_FILE_OLE;
    rewind(f);
    return kind;
}

static nps_error on_row(void *ctx, long row, size_t n, const char *const *cells, const size_t *lens)
{
    xlsx_feed *x = ctx;
    if (!x->r->header_done) {
        if (n == 0)
            return NPS_OK; /* blank rows above the header */
        x->header_row = row;
        x->width = n;
        x->pad = nps_calloc(n, sizeof *x->pad);
        x->pad_lens = nps_calloc(n, sizeof *x->pad_lens);
        if (!x->pad || !x->pad_lens)
            return NPS_ERR_NOMEM;
    } else if (n < x->width) {
        for (size_t i = 0; i < x->width; i++) {
            x->pad[i] = i < n ? cells[i] : "";
            x->pad_lens[i] = i < n ? lens[i] : 0;
        }
        cells = x->pad;
        lens = x->pad_lens;
        n = x->width;
    }
    nps_error err = nps_reader_on_record(x->r, row, n, cells, lens);
    if (err == NPS_OK && x->r->cell_error != NPS_OK)
        err = x->r->cell_error;
    return err;
}

/* The column a log entry of the header row stands for: the k-th column
 * with its header text, k counting the earlier entries with the same text
 * and action. */
static size_t header_entry_column(const reader *r, const nps_dataset *d, size_t i, long header_row)
{
    const nps_quality_entry *e = nps_dataset_quality_at(d, i);
    size_t k = 0;
    for (size_t j = 0; j < i; j++) {
        const nps_quality_entry *o = nps_dataset_quality_at(d, j);
        k += o->line == header_row && strcmp(o->column, e->column) == 0 && strcmp(o->action, e->action) == 0;
    }
    for (size_t c = 0; c < r->n_columns; c++)
        if (strcmp(r->columns[c].header, e->column) == 0 && k-- == 0)
            return c;
    return SIZE_MAX;
}

/* The column a log entry of a data row stands for: the read column with
 * its header text (a mapped one is the only one with that text). */
static size_t row_entry_column(const reader *r, const nps_quality_entry *e)
{
    for (size_t c = 0; e->column[0] && c < r->n_columns; c++)
        if ((r->columns[c].field || r->columns[c].is_timestamp) && strcmp(r->columns[c].header, e->column) == 0)
            return c;
    return SIZE_MAX;
}

static nps_error name_cells(const reader *r, const char *sheet, long header_row)
{
    nps_error err = NPS_OK;
    for (size_t i = 0; i < nps_dataset_quality_count(r->d) && err == NPS_OK; i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(r->d, i);
        char ref[200], letters[8];
        size_t c;
        if (e->line <= 0)
            continue;
        c = e->line == header_row ? header_entry_column(r, r->d, i, header_row) : row_entry_column(r, e);
        if (c == SIZE_MAX) {
            snprintf(ref, sizeof ref, "%.120s!%ld:%ld", sheet, e->line, e->line);
        } else {
            nps_xlsx_column_name(c, letters);
            snprintf(ref, sizeof ref, "%.120s!%s%ld", sheet, letters, e->line);
        }
        err = nps_dataset_set_quality_cell(r->d, i, ref);
    }
    return err;
}

/* An OLE file: an encrypted workbook or an old .xls. */
static nps_error refuse_ole(reader *r, FILE *f)
{
    static const char marker[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    char buf[1 << 16];
    size_t n, keep = 0, m = sizeof marker - 1;
    bool encrypted = false;
    while (!encrypted && (n = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
        n += keep;
        for (size_t i = 0; i + m <= n && !encrypted; i++)
            encrypted = memcmp(buf + i, marker, m) == 0;
        keep = n < m ? n : m - 1;
        memmove(buf, buf + n - keep, keep);
    }
    if (encrypted) {
        nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, 0, "a password-protected (encrypted) workbook");
        nps_diag_hint(r->diag, "remove the password in Excel (ファイル → 情報 → ブックの保護 → パスワードを使用して暗号化) and save as .xlsx");
        return NPS_ERR_ENCODING;
    }
    nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, 0, "an old Excel .xls (binary) workbook, which is not read");
    nps_diag_hint(r->diag, "open it in Excel or LibreOffice and save as .xlsx or .csv (CSV UTF-8)");
    return NPS_ERR_ENCODING;
}

static nps_error finish_read(reader *r, xlsx_feed *feed, const char *sheet)
{
    nps_error err = NPS_OK;
    if (!r->header_done) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 0, "sheet 「%s」 is empty", sheet);
        nps_diag_hint(r->diag, "the responses are on another sheet? name it with --sheet NAME");
        return NPS_ERR_EMPTY;
    }
    if (nps_dataset_count(r->d) == 0) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, feed->header_row + 1, "sheet 「%s」: a header but no responses",
                     sheet);
        nps_diag_hint(r->diag, "export the survey again after responses have arrived");
        return NPS_ERR_EMPTY;
    }
    if (!r->opts.keep_duplicates)
        err = nps_dedup_remove_duplicates(r->d, &r->keys);
    if (err == NPS_OK)
        err = nps_drift_check_write_ins(r->d);
    if (err == NPS_OK)
        err = name_cells(r, sheet, feed->header_row);
    if (err == NPS_OK)
        err = nps_dataset_finish(r->d);
    if (err != NPS_OK)
        nps_diag_set(r->diag, err, r->path, 0, "out of memory");
    return err;
}

nps_error nps_reader_read_xlsx(reader *r, FILE *f, nps_reader_file_kind kind)
{
    nps_xlsx *x = NULL;
    xlsx_feed feed = {r, 0, 0, NULL, NULL};
    nps_xlsx_limits limits = {r->opts.max_field_bytes ? r->opts.max_field_bytes : (size_t)1 << 20,
                              r->opts.max_columns ? r->opts.max_columns : 10000};
    nps_error err;
    if (kind == NPS_FILE_OLE) {
        err = refuse_ole(r, f);
        fclose(f);
        return err;
    }
    if ((err = nps_xlsx_open(f, r->path, &x, r->diag)) != NPS_OK)
        return err; /* f closed */
    if ((err = nps_dataset_new(r->q, &r->d)) != NPS_OK) {
        nps_diag_set(r->diag, err, r->path, 0, "out of memory");
        goto cleanup;
    }
    nps_dataset_read_info_mut(r->d)->encoding = "UTF-8 (.xlsx)";
    r->cells_valid = true; /* expat hands over valid UTF-8 only */
    err = nps_xlsx_read_sheet(x, r->opts.sheet, &limits, on_row, &feed, r->diag);
    if (err == NPS_ERR_NOMEM && r->diag && !r->diag->message[0])
        nps_diag_set(r->diag, err, r->path, 0, "out of memory");
    if (err == NPS_OK)
        err = finish_read(r, &feed, nps_xlsx_sheet_name(x));
cleanup:
    nps_free(feed.pad);
    nps_free(feed.pad_lens);
    nps_xlsx_free(x);
    return err;
}
