/*
 * xlsx.h — an .xlsx workbook read as an export (docs/spreadsheets.md):
 * private to src/read/.
 *
 *   xlsx.c        the workbook: the zip (libzip), the sheet list in workbook
 *                 order (xl/workbook.xml and its rels), the shared strings,
 *                 the styles (which cells are dates), and the streaming of
 *                 one zip entry through expat in chunks, with the limits
 *   xlsx_sheet.c  one sheet, streamed: every <row> becomes one record of
 *                 cell texts (numbers, booleans, dates formatted) handed to
 *                 a callback — the same records a CSV line gives
 *   xlsx_read.c   the reader's side: sniffing the file's kind, the records
 *                 to the CSV path's header and row handling, the cell
 *                 references of the quality log, the messages
 *
 * Invariants: the sheet XML is never held whole (memory follows one row and
 * the shared strings); every entry inflated is counted against
 * NPS_XLSX_MAX_XML_BYTES while it is read, and refused before reading when
 * its stated size passes that limit or inflates more than
 * NPS_XLSX_MAX_RATIO times past NPS_XLSX_RATIO_FROM bytes; a DOCTYPE is
 * refused (no entity expansion). Ownership: nps_xlsx owns the FILE it was
 * opened on and everything it read; records handed to the callback are
 * borrowed for the call.
 */
#ifndef NPS_XLSX_H
#define NPS_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <expat.h>
#include "npo-survey/error.h"

#define NPS_XLSX_MAX_XML_BYTES ((unsigned long long)1 << 30) /* 1 GiB inflated, any one entry */
#define NPS_XLSX_MAX_RATIO 200ULL                           /* inflated : compressed */
#define NPS_XLSX_RATIO_FROM ((unsigned long long)64 << 20)   /* the ratio counts from 64 MiB */
#define NPS_XLSX_MAX_ROWS 1048576L                          /* Excel's own limits */
#define NPS_XLSX_MAX_COLS 16384L

typedef struct nps_xlsx nps_xlsx;

/* One row of the sheet: its row number (1-based, as Excel shows it) and n
 * cells (column A first; empty cells ""). Return an error to stop. */
typedef nps_error (*nps_xlsx_row_fn)(void *ctx, long row, size_t n, const char *const *cells,
                                     const size_t *lens);

typedef struct nps_xlsx_limits {
    size_t max_cell_bytes;  /* a larger cell is NPS_ERR_LIMIT */
    size_t max_columns;     /* a cell further right is NPS_ERR_LIMIT */
} nps_xlsx_limits;

/* Open the workbook in `f` (taken: closed by nps_xlsx_free, or here on
 * failure), read its sheet list, shared strings and styles. `path` names it
 * in diagnostics. */
nps_error nps_xlsx_open(FILE *f, const char *path, nps_xlsx **out, nps_diag *diag);
/* Stream the sheet `name` (NULL: the first in workbook order) row by row. */
nps_error nps_xlsx_read_sheet(nps_xlsx *x, const char *name, const nps_xlsx_limits *limits,
                              nps_xlsx_row_fn fn, void *ctx, nps_diag *diag);
/* The name of the sheet chosen by the last nps_xlsx_read_sheet ("" before). */
const char *nps_xlsx_sheet_name(const nps_xlsx *x);
void nps_xlsx_free(nps_xlsx *x);

/* ---- the reader's side (xlsx_read.c) ---- */

struct reader;
typedef enum nps_reader_file_kind { NPS_FILE_TEXT, NPS_FILE_ZIP, NPS_FILE_OLE } nps_reader_file_kind;
/* What the first bytes of `f` say it is; rewinds `f`. */
nps_reader_file_kind nps_reader_sniff(FILE *f);
/* Read a ZIP (workbook) or refuse an OLE file (.xls, encrypted workbook)
 * into r->d, duplicates removed, the quality log's cells named; closes f. */
nps_error nps_reader_read_xlsx(struct reader *r, FILE *f, nps_reader_file_kind kind);

/* Spreadsheet column letters of 0-based column `col` ("A", "F", "AB"). */
void nps_xlsx_column_name(size_t col, char buf[8]);

/* ---- shared between xlsx.c and xlsx_sheet.c ---- */

typedef struct nps_xlsx_sheet_ref {
    char *name;
    char *path;   /* the entry in the zip, e.g. "xl/worksheets/sheet1.xml" */
} nps_xlsx_sheet_ref;

/* How a number cell of a style is shown. */
typedef enum nps_xlsx_numfmt { NPS_XLSX_PLAIN, NPS_XLSX_DATE, NPS_XLSX_DATETIME, NPS_XLSX_PERCENT } nps_xlsx_numfmt;

struct nps_xlsx {
    const char *path;
    void *zip;                   /* zip_t */
    char *memory;                /* the workbook's bytes when not read from a file */
    size_t memory_len;
    nps_xlsx_sheet_ref *sheets;
    size_t n_sheets;
    const char *chosen;          /* name of the sheet being read */
    char *strings;               /* shared strings, each NUL-terminated */
    size_t *string_at;           /* offset of shared string i */
    size_t n_strings;
    unsigned char *xf_format;    /* nps_xlsx_numfmt by cellXfs index */
    size_t n_xf;
    bool date1904;
};

/* Handlers of one XML entry's parse; `ud` is handed back to them. */
typedef struct nps_xlsx_handlers {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler text;
    void *ud;
    XML_Parser parser;   /* set by nps_xlsx_parse while it runs, for nps_xlsx_stop */
} nps_xlsx_handlers;

/* Parse the zip entry `entry` (streamed, limits checked) with expat
 * (namespace-aware: element names are "URI|local"). `missing_ok`: an
 * absent entry is NPS_OK. A handler that fails calls nps_xlsx_stop. */
nps_error nps_xlsx_parse(nps_xlsx *x, const char *entry, bool missing_ok, nps_xlsx_handlers *h,
                         nps_diag *diag);
/* Stop the running parse with `err` (diag already set by the caller, or
 * not: then the parse describes it). */
void nps_xlsx_stop(XML_Parser p, nps_error err);
/* The local part of a namespace-qualified name. */
const char *nps_xlsx_local(const char *name);
/* An attribute's value by local name, or NULL. */
const char *nps_xlsx_attr(const char **atts, const char *local);
/* A number cell's text as the reader wants it: dates "YYYY/MM/DD HH:MM:SS",
 * percents "30%", other numbers as %.15g. Writes at most 64 bytes. */
void nps_xlsx_format_number(const nps_xlsx *x, size_t style, const char *v, char out[64]);

#endif
