/*
 * xlsx_private.h — what the files of the Excel writer share
 * (report_xlsx.c and report_xlsx_*.c; see docs/workbook.md). Not a public
 * interface: nothing outside these files includes it.
 *
 * Two layers:
 *   xw_book   one workbook being written: the libxlsxwriter handle, the
 *             cell formats (every one carries the Japanese font), the list
 *             of sheets for the summary, and the FIRST error met.
 *   xw_sheet  one worksheet being written top to bottom: its next row,
 *             the estimated width of each column and the fixed widths of
 *             wrapped text columns.
 *
 * Invariants:
 *   - Every cell is written through nps_xw_text / nps_xw_int / nps_xw_num / nps_xw_date on
 *     the sheet's current row; rows only move forward (nps_xw_next_row), which
 *     is what constant_memory sheets require and harmless elsewhere.
 *   - Text cells are always strings (worksheet_write_string), never
 *     formulas; the text is made safe first (nps_xw_cell_text): valid UTF-8,
 *     no XML-illegal control characters, a literal "_xHHHH_" escaped, and
 *     at most Excel's 32,767 characters with a note when cut.
 *   - Errors are sticky: the first failure (libxlsxwriter's lxw_error, an
 *     allocation, a NULL handle) is recorded in book->err with book->diag
 *     filled, and every later write is a no-op. Sheet writers check
 *     xw_failed() where they would otherwise loop on, and the entry point
 *     returns book->err — never a partial NPS_OK.
 *
 * Layers (calls point one way, down): report_xlsx.c (entry point, order
 * of the sheets; report_xlsx_book.c opens and closes the book) → sheet
 * writers (report_xlsx_summary.c, _questions.c, _analysis.c, _data.c) →
 * chart helpers (report_xlsx_chart.c) → cells, formats and errors
 * (report_xlsx_sheet.c). The declarations below are in that order, bottom
 * layer first.
 *
 * Ownership: xw_book owns its sheet list (names and descriptions copied);
 * xw_sheet owns its width arrays until nps_xw_sheet_end. The libxlsxwriter
 * workbook owns worksheets, formats and charts.
 */
#ifndef NPS_REPORT_XLSX_INTERNAL_H
#define NPS_REPORT_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include "base/strbuf.h"
#include "present/palette.h"
#include "report/report.h"

/* The one font of every cell and chart text (docs/workbook.md). */
#define XW_FONT "Yu Gothic"
/* Excel's limit on the characters of one cell. */
#define XW_CELL_MAX 32767
/* The note appended to a text cut at that limit. */
#define XW_TRUNCATED_NOTE "…（32,767文字を超えるため切り詰め）"
/* Row height used for every row (points): 游ゴシック 11pt's own line. */
#define XW_ROW_HEIGHT 18.75
/* Widest a column grows from its contents before its text wraps. */
#define XW_WIDTH_CAP 50.0

typedef enum xw_style {
    XW_TEXT,      /* plain text; wraps when wider than the column may grow */
    XW_PLAIN,     /* text that never wraps (data cells): one line per row */
    XW_BOLD,
    XW_TITLE,     /* sheet title: large, bold; overflows, no width */
    XW_CAPTION,   /* caption over a block: bold; overflows, no width */
    XW_NOTE,      /* explanatory line: grey; overflows, no width */
    XW_HEAD,      /* table header: bold, shaded, wrapped */
    XW_INT,       /* whole numbers: 0 */
    XW_PCT,       /* percents and intervals: 0.0 */
    XW_NUM,       /* coded numbers: General */
    XW_DATE,      /* yyyy-mm-dd */
    XW_LINK,      /* internal hyperlink text */
    XW_INDENT1,   /* text indented one level (flow nodes) */
    XW_INDENT2,
    XW_INDENT3,
    XW_WRAP,      /* internal: XW_TEXT when it wraps */
    XW_STYLE_COUNT
} xw_style;

typedef struct xw_entry {
    char *name;
    char *description;
} xw_entry;

typedef struct xw_book {
    lxw_workbook *wb;
    lxw_format *fmt[XW_STYLE_COUNT];
    const nps_results *r;
    const nps_report_options *opt;
    const char *path;
    nps_diag *diag;
    nps_error err;            /* first error; NPS_OK while all went well */
    xw_entry *sheets;         /* every sheet added, in tab order */
    size_t n_sheets, cap_sheets;
    size_t n_charts;
    char *tmpdir;             /* libxlsxwriter's temporary files: beside the output */
    bool created;             /* the output was created (removed on failure) */
} xw_book;

typedef struct xw_sheet {
    xw_book *b;
    lxw_worksheet *ws;
    const char *name;         /* the book's copy */
    lxw_row_t row;            /* the current row */
    double row_lines;         /* text lines the current row needs */
    double *width;            /* estimated width per column (characters) */
    double *fixed;            /* > 0: fixed width of a wrapped text column */
    size_t n_cols;            /* allocated entries of width / fixed */
    lxw_col_t used_cols;      /* columns written so far (max col + 1) */
    lxw_row_t below_head;     /* the row under the first header row (0: none yet) */
    bool stream;              /* a constant_memory sheet (no chart) */
} xw_sheet;

/* ---- report_xlsx_sheet.c: book, sheets, cells ---- */

/* Record the first error (later ones are dropped); returns book->err. */
nps_error nps_xw_fail(xw_book *b, nps_error err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Record a libxlsxwriter error of `what` (NO_ERROR passes through). */
nps_error nps_xw_check(xw_book *b, lxw_error e, const char *what);
static inline bool xw_failed(const xw_book *b) { return b->err != NPS_OK; }

/* Create the cell formats (every one with the Japanese font). */
nps_error nps_xw_formats_init(xw_book *b);

/* Kinds of sheet (flags of nps_xw_sheet_begin). */
enum {
    XW_SHEET_STREAM = 1,  /* rows grow with the responses: constant_memory, no chart */
    XW_SHEET_WIDE = 2     /* printed at actual size, not fitted to the page width */
};
/* Start a sheet: validate the name, add it, record it with its description
 * for the summary. On failure s->ws is NULL and the book failed. */
nps_error nps_xw_sheet_begin(xw_book *b, xw_sheet *s, const char *name, const char *description,
                         unsigned flags);
/* Apply the column widths and free the sheet's arrays (always safe). */
void nps_xw_sheet_end(xw_sheet *s);

/* A column of wrapped text with a fixed width (characters). */
void nps_xw_col_fixed(xw_sheet *s, lxw_col_t col, double width);
/* Let a column be at least `width` wide (e.g. under a wide header). */
void nps_xw_col_min(xw_sheet *s, lxw_col_t col, double width);
/* Freeze the rows above `row` and the columns left of `col`. */
void nps_xw_freeze(xw_sheet *s, lxw_row_t row, lxw_col_t col);
/* Freeze the rows down to the sheet's first header row (XW_HEAD) and the
 * columns left of `col`, so that scrolling keeps the header in view;
 * returns the first row under it (charts start there, wholly in the
 * scrolling pane). A sheet without a header freezes nothing, returns 0. */
lxw_row_t nps_xw_freeze_head(xw_sheet *s, lxw_col_t col);

/* Cells of the current row. NULL or "" text writes nothing. */
void nps_xw_text(xw_sheet *s, lxw_col_t col, const char *text, xw_style style);
void nps_xw_int(xw_sheet *s, lxw_col_t col, long long value);
void nps_xw_num(xw_sheet *s, lxw_col_t col, double value, xw_style style); /* NAN: nothing */
void nps_xw_date(xw_sheet *s, lxw_col_t col, long long epoch);           /* < 0: nothing */
/* An internal hyperlink to cell A1 of sheet `target`, showing `text`. */
void nps_xw_link(xw_sheet *s, lxw_col_t col, const char *target, const char *text);
/* Finish the current row (its height from its wrapped cells) and go on. */
void nps_xw_next_row(xw_sheet *s);
/* Skip n empty rows after the current one. */
void nps_xw_skip_rows(xw_sheet *s, unsigned n);

/* Text made safe for a cell (see the invariants). Returns a new string
 * (nps_free) or NULL on allocation failure; *width gets the widest line's
 * display width (East Asian wide characters count 2). Exposed for tests
 * of the writer only through the workbook. */
char *nps_xw_cell_text(const char *text, double *width);

/* Display width of UTF-8 text (widest line; wide characters count 2). */
double nps_xw_text_width(const char *text);

/* ---- charts (report_xlsx_chart.c) ---- */

/* A chart with the given caption as its title, fonts set. NULL on failure
 * (book failed). */
lxw_chart *nps_xw_chart_new(xw_book *b, uint8_t type, const char *title);
/* Put the chart on the sheet at (row, col), width × height pixels. */
/* The size of a bar chart whose category axis shows n labels of at most
 * `lines` lines (broken by nps_xw_label_break), the widest line `widest`
 * units wide, so that Excel and LibreOffice show every label whole, without
 * dropping one: the chart widens (from min_width up to XW_CHART_MAX_WIDTH)
 * until the label area holds the widest line, and each category gets the
 * height of its lines. `extra` is the height of everything else (title,
 * axis, legend). Also sets the category axis to label every category
 * (Excel's tickLblSkip = 1) at 9 pt. */
#define XW_CHART_MAX_WIDTH 1100
/* A category label longer than this (text_width units) is broken into lines
 * in the chart's data: LibreOffice does not wrap category labels and cuts
 * one wider than the chart's label area. */
#define XW_LABEL_MAX_UNITS 56.0
/* label with a line break wherever a line would pass max_units (existing
 * breaks kept); *lines and *widest (units) of the result. nps_free; NULL
 * when out of memory. */
char *nps_xw_label_break(const char *label, double max_units, int *lines, double *widest);
void nps_xw_bar_fit(lxw_chart *chart, uint8_t type, double widest, int lines, size_t n, int min_width,
                    int extra, int *width, int *height);
/* Rows of a bottom legend of n entries, the widest `widest` units, on a
 * chart `width` px wide (an estimate on the safe side); each row takes
 * XW_LEGEND_ROW_PX. */
#define XW_LEGEND_ROW_PX 22
int nps_xw_legend_rows(double widest, size_t n, int width);
void nps_xw_chart_insert(xw_sheet *s, lxw_chart *chart, lxw_row_t row, lxw_col_t col,
                     int width_px, int height_px);
/* A series over cells of sheet s; NULL on failure (book failed). `name_col`
 * < 0: no name; otherwise the name is the cell (name_row, name_col). */
lxw_chart_series *nps_xw_series(xw_book *b, lxw_chart *chart, const xw_sheet *s,
                            lxw_row_t first, lxw_row_t last, lxw_col_t cat_col,
                            lxw_col_t val_col, lxw_row_t name_row, int name_col);
/* Data labels with a number format and the chart font. */
void nps_xw_series_labels(lxw_chart_series *series, const char *num_format);
/* The category axis and value axis of a chart (bar charts swap x and y). */
lxw_chart_axis *nps_xw_cat_axis(lxw_chart *chart, uint8_t type);
lxw_chart_axis *nps_xw_val_axis(lxw_chart *chart, uint8_t type);
/* Fonts of both axes and the legend. */
void nps_xw_chart_fonts(lxw_chart *chart);
/* Colours (0xRRGGBB) as in docs/charts.md. */
/* Colours come from the one palette of charts and workbook (present/palette.h). */
#define XW_COLOR_CATEGORICAL(i) ((lxw_color_t)nps_palette_categorical_hex(i))
#define XW_COLOR_MISSING ((lxw_color_t)nps_rgb_hex(NPS_COLOR_MISSING))
#define XW_COLOR_NEUTRAL ((lxw_color_t)nps_rgb_hex(NPS_COLOR_NEUTRAL))
/* Fill a series with one colour. */
void nps_xw_series_color(lxw_chart_series *series, lxw_color_t color);
/* Fill each point of a series with its own colour (n points). */
nps_error nps_xw_series_point_colors(xw_book *b, lxw_chart_series *series, const lxw_color_t *colors,
                                 size_t n);

/* ---- the sheets ---- */

/* report_xlsx_summary.c: the 概要 sheet, written last into the sheet s
 * begun first: the survey's facts and a linked list of the other sheets. */
void nps_xlsx_summary_write(xw_book *b, xw_sheet *s, const char *title);

/* report_xlsx_questions.c: one sheet per closed question. */
nps_error nps_xw_question_sheets(xw_book *b);
/* report_xlsx_analysis.c: flows, gap, themes, quotes, free text. */
nps_error nps_xw_flow_sheet(xw_book *b);
/* The flows' leaves in the order of the sheets' columns (own, partner,
 * working, no plan, unknown, no answer). */
#define XW_N_LEAVES 6
extern const nps_flow_node_id nps_xw_leaves[XW_N_LEAVES];
/* The labels of the troubles in bit set `set`, joined with "、" ("" for an
 * empty set); NULL when out of memory — free with nps_free.
 * nps_xw_trouble_labels also fails the book then. */
char *nps_xw_troubles_text(const nps_flows *f, uint64_t set);
char *nps_xw_trouble_labels(xw_book *b, const nps_flows *f, uint64_t set);
/* report_xlsx_orgs.c: the organisation lists — 団体リスト (and its parts
 * 団体リスト (2) …) or, for a survey whose coded data is not in the
 * workbook (nps_report_data_in_workbook), one sentence that they are in
 * the CSV file of the same name (nps_report_write_org_csv). */
nps_error nps_xw_org_sheet(xw_book *b);
nps_error nps_xw_gap_sheet(xw_book *b);
nps_error nps_xw_theme_sheets(xw_book *b);
nps_error nps_xw_free_text_sheet(xw_book *b);
/* 前回比較, 前回比較_対応: only with opt->previous (report_xlsx_compare.c). */
nps_error nps_xw_compare_sheets(xw_book *b);
/* report_xlsx_data.c: quality log, questionnaire, coded data. */
nps_error nps_xw_quality_sheet(xw_book *b);
nps_error nps_xw_questionnaire_sheet(xw_book *b);
nps_error nps_xw_data_sheet(xw_book *b);
/* For a survey too large for that sheet (nps_report_data_in_workbook): a
 * 回答データ sheet that says where the coded data is instead. */
nps_error nps_xw_data_elsewhere_sheet(xw_book *b);
struct nps_cb_var;
/* Whether a codebook variable is a column of 回答データ: respondent text
 * (text answers, "other" write-ins) is not — it is listed, unlinked, in
 * 自由記述, since with the row's region and activities it would name the
 * respondent. The codebook sheet lists the same variables. */
bool nps_xw_var_in_data(const struct nps_cb_var *v);
/* report_xlsx_codebook.c: the codebook of the coded data. */
nps_error nps_xw_codebook_sheet(xw_book *b);

/* ---- report_xlsx_book.c: the book's life (used by report_xlsx.c) ---- */

/* Fill *b, probe (create) the output and open the libxlsxwriter workbook
 * with its temporary files beside `path`. The book is safe to close
 * whatever this returns. */
nps_error nps_xlsx_book_open(xw_book *b, const nps_results *r, const nps_report_options *opt,
                             const char *path, nps_diag *diag);
/* Write the file if nothing failed, else free the workbook and remove the
 * output; release the book's own memory. Returns the first error. */
nps_error nps_xlsx_book_close(xw_book *b);

#endif
