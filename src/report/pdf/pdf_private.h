/*
 * pdf_private.h — the small page-flow engine of the PDF report and
 * the section writers that feed it (private to src/report/pdf/). The
 * engine is built in report_pdf_blocks.c, paginated in report_pdf_paginate.c
 * and drawn in report_pdf_draw.c; its internals are declared at the end.
 *
 * Model. A document (pdf_doc) is a list of blocks in reading order:
 * paragraphs (a pango layout wrapped to the text width), tables (cells are
 * pango layouts; a header row is repeated on every page the table reaches),
 * figures (a measured chart scaled to the text width), vertical space, page
 * breaks and the contents. Every block is measured when it is added: the
 * page geometry is fixed, so the block's height is known at once.
 *
 * Two passes. nps_pdf_doc_paginate() places the blocks onto A4 pages (the first
 * pass: paragraphs split between lines, tables between rows, figures move
 * whole to the next page, a block marked keep-with-next stays on the page
 * of what follows it); nps_pdf_doc_render() then draws every page, with the
 * contents' page numbers taken from where the headings landed (the second
 * pass). The contents are measured before pagination from the complete list
 * of headings, and a page number never changes an entry's height, so one
 * pagination suffices.
 *
 * Errors are sticky, like cairo's: the first failure is kept in the
 * document and every later call is a no-op, so section writers add blocks
 * without checking each call; nps_pdf_doc_status() reports the first error.
 *
 * Ownership: the document owns every block, layout, chart layout and
 * string it holds; nps_pdf_doc_free() releases everything. Text passed in is
 * copied (by pango). The fonts handle is borrowed and must outlive the
 * document.
 */
#ifndef NPS_REPORT_PDF_INTERNAL_H
#define NPS_REPORT_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include "draw/chart.h"
#include "draw/fonts.h"
#include "base/error.h"
#include "base/format.h"
#include "base/strbuf.h"
#include "report/report.h"
#include "present/results.h"

/* A4 in points, and the text block. */
#define PDF_PAGE_W 595.28
#define PDF_PAGE_H 841.89
#define PDF_MARGIN_X 56.69       /* 20 mm left and right */
#define PDF_MARGIN_TOP 68.0      /* below the running header */
#define PDF_MARGIN_BOTTOM 62.0   /* above the page number */
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN_X)
#define PDF_TEXT_H (PDF_PAGE_H - PDF_MARGIN_TOP - PDF_MARGIN_BOTTOM)

typedef enum pdf_style {
    PS_BODY,          /* 10 pt running text */
    PS_LEAD,          /* 10 pt, a commentary sentence (slightly emphasised) */
    PS_SMALL,         /* 8.5 pt grey: question wording, explanations */
    PS_NOTE,          /* 8 pt grey: notes under tables */
    PS_H1,            /* 16 pt bold: chapters */
    PS_H2,            /* 12.5 pt bold: questions, categories */
    PS_H3,            /* 10.5 pt bold: sub-sections */
    PS_CAPTION,       /* 9.5 pt bold: 図N（Qx）… */
    PS_BULLET,        /* 10 pt, hanging bullet */
    PS_QUOTE,         /* 9 pt, hanging bullet: masked free text */
    PS_TABLE,         /* 8.5 pt cells */
    PS_TABLE_HEAD,    /* 8.5 pt bold header cells */
    PS_TABLE_SMALL,   /* 7.5 pt cells of compact tables */
    PS_TABLE_SMALL_HEAD,
    PS_COVER_TITLE,   /* 22 pt bold */
    PS_COVER_SUB,     /* 14 pt */
    PS_TOC1,          /* 10.5 pt bold contents entry */
    PS_TOC2,          /* 9.5 pt contents entry */
    PS_COUNT
} pdf_style;

typedef struct pdf_doc pdf_doc;

/* A new, empty document drawing with `fonts`. *out owned by the caller. */
nps_error nps_pdf_doc_new(nps_fonts *fonts, pdf_doc **out);
void nps_pdf_doc_free(pdf_doc *d);
/* The first error met while building, laying out or drawing (NPS_OK if none). */
nps_error nps_pdf_doc_status(const pdf_doc *d);
/* Record an error (the first one wins); returns the document's status. */
nps_error nps_pdf_doc_fail(pdf_doc *d, nps_error err);

/* ---- blocks, in reading order ---- */

/* A paragraph of `text` (UTF-8; invalid bytes are replaced). */
void nps_pdf_para(pdf_doc *d, pdf_style s, const char *text);
void nps_pdf_paraf(pdf_doc *d, pdf_style s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A paragraph centred on the page (cover). */
void nps_pdf_para_center(pdf_doc *d, pdf_style s, const char *text);
/* A bullet item: `marker` hangs in the left margin of the indented text. */
void nps_pdf_bullet(pdf_doc *d, pdf_style s, const char *marker, const char *text);
/* The same with a grey `suffix` after the text (e.g. the quote's source). */
void nps_pdf_bullet_suffix(pdf_doc *d, pdf_style s, const char *marker, const char *text,
                       const char *suffix);
/* A heading of level 1 (chapter: starts a new page), 2 or 3. `toc` is the
 * contents entry (NULL: the heading text; "" : not in the contents).
 * Headings stay on the page of what follows them and become PDF
 * bookmarks. Level-1 headings also set the running header's right part. */
void nps_pdf_heading(pdf_doc *d, int level, const char *text, const char *toc);
/* A figure: its caption (kept with it) above the chart, scaled to the text
 * width; a chart taller than the page is scaled down to fit. The chart's
 * own title is not drawn (the caption is). */
void nps_pdf_figure(pdf_doc *d, const nps_chart *chart, const char *caption);
void nps_pdf_space(pdf_doc *d, double points);
void nps_pdf_page_break(pdf_doc *d);
/* The contents, built at pagination from every heading with a toc entry. */
void nps_pdf_contents(pdf_doc *d);
/* Which entries a contents block lists: the headings, or the captions of
 * the figures / tables (numbered in order of appearance, 図1… / 表1…). */
enum { PDF_LIST_HEADINGS = 0, PDF_LIST_FIGURES = 1, PDF_LIST_TABLES = 2 };
void nps_pdf_contents_list(pdf_doc *d, int list);
/* nps_pdf_figure with `previous`, the figure's number in last year's
 * report (0: none), shown in the list of figures. The leading 「図N」 of
 * every caption is replaced by the document's own running number. */
void nps_pdf_figure_prev(pdf_doc *d, const nps_chart *chart, const char *caption, int previous);
/* A table caption 「表N　title」 (N: the next table number), kept with the
 * table that follows and listed in the list of tables. */
void nps_pdf_table_caption(pdf_doc *d, const char *title);
/* How many figures / tables have been numbered so far. */
int nps_pdf_doc_figure_count(const pdf_doc *d);
int nps_pdf_doc_table_count(const pdf_doc *d);
/* Mark the last added block as kept on the page of the next one. */
void nps_pdf_keep_with_next(pdf_doc *d);
/* Mark the last added block (a note) as kept with the end of the block
 * before it: a table or paragraph then leaves its last units for the next
 * page rather than part from its note. */
void nps_pdf_keep_with_previous(pdf_doc *d);

/* ---- tables ----
 * nps_pdf_table_begin(d, n, weights, aligns, small) starts a table of n columns
 * whose widths are proportional to weights[] and span the text width;
 * aligns is a string of n letters l/r/c. Rows are added with
 * nps_pdf_table_row (cells: n strings, NULL = empty); the first row added with
 * PDF_ROW_HEAD is the header and is repeated on every page. small: compact
 * 7.5 pt cells. nps_pdf_table_end measures and appends the table. */
enum {
    PDF_ROW_HEAD = 1,     /* header row: bold, shaded, repeated */
    PDF_ROW_MUTED = 2,    /* grey text (無回答) */
    PDF_ROW_STRONG = 4,   /* bold text */
    PDF_ROW_RULE = 8      /* a rule above the row */
};
void nps_pdf_table_begin(pdf_doc *d, size_t n_cols, const double *weights, const char *aligns,
                     bool small);
void nps_pdf_table_row(pdf_doc *d, unsigned flags, const char *const *cells);
void nps_pdf_table_end(pdf_doc *d);

/* ---- the two passes ---- */

/* Place all blocks onto pages. `cover_pages` leading pages get no running
 * header or page number. Returns the document's status. */
nps_error nps_pdf_doc_paginate(pdf_doc *d, int cover_pages);
size_t nps_pdf_doc_page_count(const pdf_doc *d);
/* Draw every page on `cr` (a PDF surface's context), showing each page;
 * `header` is the running header's left text. Adds bookmarks when the
 * target surface is a PDF surface. Returns the document's status. */
nps_error nps_pdf_doc_render(pdf_doc *d, cairo_t *cr, const char *header);

/* ---- inspection (tests) ---- */
size_t nps_pdf_doc_block_count(const pdf_doc *d);
/* Heading level of block i (0: not a heading) and whether it is kept with
 * the next block. */
int nps_pdf_doc_block_heading(const pdf_doc *d, size_t i);
bool nps_pdf_doc_block_keeps_next(const pdf_doc *d, size_t i);
/* First and last page (0-based) that hold a slice of block i; false when
 * the block has no slices (space, page break). After pagination. */
bool nps_pdf_doc_block_pages(const pdf_doc *d, size_t i, size_t *first, size_t *last);
/* Top and bottom (points from the page top) of everything placed on page
 * p, and how many slices it holds. After pagination. */
size_t nps_pdf_doc_page_extent(const pdf_doc *d, size_t p, double *top, double *bottom);

/* The whole report laid out and paginated (report_pdf.c); *out owned by
 * the caller (nps_pdf_doc_free), also on failure (it then holds the error). */
nps_error nps_pdf_report_build(const nps_results *r, nps_fonts *fonts, const nps_report_options *opt,
                           pdf_doc **out);
/* The cover title / running header of the report. */
const char *nps_pdf_report_title(const nps_results *r, const nps_report_options *opt);

/* ---- section writers (report_pdf_questions.c, report_pdf_analysis.c) ----
 * Each appends its chapter to the document; errors are sticky in d. */
/* 主な結果 (report_pdf_summary.c): n_text "65団体", period "2023年10月3日～…". */
void nps_pdf_section_summary(pdf_doc *d, const nps_results *r, const char *n_text, const char *period);
void nps_pdf_section_questions(pdf_doc *d, const nps_results *r);
void nps_pdf_section_flows(pdf_doc *d, const nps_results *r, const nps_report_options *opt);
void nps_pdf_section_gap(pdf_doc *d, const nps_results *r);
void nps_pdf_section_free_text(pdf_doc *d, const nps_results *r);
void nps_pdf_section_quality(pdf_doc *d, const nps_results *r, const nps_report_options *opt);
void nps_pdf_section_method(pdf_doc *d, const nps_results *r, const nps_report_options *opt);
/* 前回調査との比較, only when opt->previous (report_pdf_compare.c). */
void nps_pdf_section_compare(pdf_doc *d, const nps_report_options *opt);


/* Helpers shared by the section writers. */

/* ---- engine internals (report_pdf_blocks.c, report_pdf_paginate.c,
 * report_pdf_draw.c only; section writers use the calls above). Calls
 * point down: report_pdf.c → section writers → paginate / draw → blocks. */

/* Charts are laid out FIG_UNITS wide and scaled so that their content
 * (inside the chart's own 16-unit margin) spans the text width: at 680
 * units, 13-unit labels print at about 9.7 pt. */
#define FIG_UNITS 680.0
#define FIG_MARGIN_UNITS 16.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.6
#define BULLET_INDENT 13.0
#define TOC_PAGE_W 34.0
#define TOC_INDENT 16.0
#define TOC_PREV_W 40.0       /* list of figures: last year's number column */
#define BOX_PAD 8.0            /* inner margin of a boxed paragraph */
#define TABLE_KEEP_ROWS 14     /* tables up to this many body rows are not split */
#define FIG_SHRINK 0.8         /* a figure may shrink to this to stay on its page */
#define FIG_SHRINK_TOP 0.5     /* … and to this when its heading opens the page */
#define FIG_MAX_PARTS 8
#define FIG_SHRINK_FILL 0.72   /* … and to this rather than leave a page half empty, */
#define PRINT_MIN_PT 7.0       /* … but never so far that chart text prints below this */
#define TABLE_SPLIT_FILL 6     /* a short table of this many rows may split to fill a page */
#define SQUEEZE_SPACE 0.5     /* … and the space before a chain may give up this share of itself */
#define FIG_SPLIT_BELOW 0.75   /* cut a stacked chart rather than shrink it below this */

typedef enum pdf_block_kind { B_TEXT, B_TABLE, B_FIGURE, B_SPACE, B_BREAK, B_CONTENTS } pdf_block_kind;

typedef struct pdf_text_block {
    PangoLayout *layout;
    PangoLayout *marker;       /* bullet, or NULL */
    double x;                  /* left edge, from the text block's left */
    bool boxed;                /* drawn on a pale box (commentary) */
    size_t n_lines;
    double *top, *bottom, *baseline, *line_x; /* per line, layout coordinates */
    double rgb[3];
} pdf_text_block;

typedef struct pdf_table_block {
    size_t n_cols, n_rows;     /* n_rows includes the header row */
    size_t cap_rows;
    double width;              /* the weights' share of the text width, at most all */
    double *col_x, *col_w;
    char aligns[32];
    bool small, has_head;
    PangoLayout **cells;       /* n_rows × n_cols, NULL = empty */
    unsigned *flags;
    double *row_h;
} pdf_table_block;

typedef struct pdf_figure_block {
    nps_chart_layout *chart;
    double scale, x, w, h;
} pdf_figure_block;

typedef struct pdf_toc_entry {
    int level;
    size_t target;             /* block index of the heading */
    PangoLayout *layout;
    PangoLayout *prev;         /* list of figures: last year's 「図N」, or NULL */
    double h;
} pdf_toc_entry;

typedef struct pdf_contents_block {
    pdf_toc_entry *entries;
    size_t n;
    int list;                  /* PDF_LIST_* */
} pdf_contents_block;

typedef struct pdf_block {
    pdf_block_kind kind;
    double space_before, space_after;
    bool keep_next;
    bool keep_prev;            /* stays with the end of the block before (a note) */
    int heading;               /* heading level 1–3, 0 for other blocks */
    char *toc;                 /* contents entry of a heading, NULL = none (owned) */
    char *title;               /* heading text for bookmarks / running header (owned) */
    int list;                  /* PDF_LIST_* of its toc entry (captions: figures/tables) */
    int previous;              /* figure captions: last year's number, 0 = none */
    union {
        pdf_text_block text;
        pdf_table_block table;
        pdf_figure_block fig;
        pdf_contents_block contents;
        double space;
    } u;
} pdf_block;

typedef struct pdf_place {
    size_t block;
    size_t from, to;
    double y;
    double shrink;             /* figures: drawn at this fraction of their size */
} pdf_place;

typedef struct pdf_page {
    size_t first, n;           /* placements */
    size_t chapter;            /* block of the level-1 heading in force, SIZE_MAX = none */
} pdf_page;

struct pdf_doc {
    nps_fonts *fonts;
    PangoContext *ctx;
    PangoFontDescription *font[PS_COUNT];
    PangoFontDescription *bold[PS_COUNT];
    nps_error err;
    pdf_block *blocks;
    size_t n_blocks, cap_blocks;
    bool in_table;
    pdf_place *places;
    size_t n_places, cap_places;
    pdf_page *pages;
    size_t n_pages, cap_pages;
    size_t *block_page;        /* page index of each block's first slice */
    int cover_pages;
    int n_figures, n_tables;   /* numbered so far (図N, 表N) */
};

typedef struct pdf_style_def {
    double size;
    int bold;
    double spacing;            /* extra space between lines */
    double before, after;
    double grey;               /* > 0: a grey level; else the colour rgb */
    double rgb[3];
} pdf_style_def;
/* The styles' sizes, spacing and colours (report_pdf_blocks.c). */
extern const pdf_style_def nps_pdf_styles[PS_COUNT];

/* A pango layout of `text` in style s, `width` points wide (<= 0: no
 * wrapping). Invalid UTF-8 is replaced. NULL on allocation failure. */
PangoLayout *nps_pdf_layout_new(pdf_doc *d, pdf_style s, bool bold, const char *text, double width,
                                PangoAlignment align);
/* Fill the contents block from every heading with a contents entry
 * (report_pdf_blocks.c; called at pagination). */
nps_error nps_pdf_contents_build(pdf_doc *d, pdf_block *cb);
/* Height of units [from, to) of b as placed on one page (report_pdf_blocks.c). */
double nps_pdf_slice_height(const pdf_block *b, size_t from, size_t to);

static inline double pdf_layout_height(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

static inline double pdf_layout_width(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

#endif
