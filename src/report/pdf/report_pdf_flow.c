/*
 * report_pdf_flow.c — the page-flow engine of the PDF report (see
 * report_pdf_internal.h for the model).
 *
 * Invariants:
 *   - every block is measured when it is added; heights never change after
 *     that (the contents' page numbers are drawn in a fixed-width column, so
 *     filling them in changes no height);
 *   - a placement (place) is a slice [from, to) of one block's units —
 *     lines of a paragraph, body rows of a table or contents, or the one
 *     unit of a figure — at a y on one page; slices of a block cover its
 *     units exactly once, in order, on increasing pages;
 *   - nothing is drawn outside the text block unless a single line or row
 *     is taller than a whole page; figures never are: a chart is scaled to
 *     at most a page, a 100% stacked chart that would have to shrink below
 *     3/4 is cut into parts of consecutive rows, and a figure may shrink to
 *     4/5 (1/2 under a heading that opens the page) rather than move on;
 *   - a paragraph of 3 lines or fewer and a table of 14 body rows or fewer
 *     are never split; a longer paragraph leaves at least 2 lines, a longer
 *     table at least 2 rows on each page, and a table repeats its header
 *     row; a note kept with its table takes the table's last 2 rows along
 *     rather than stand alone;
 *   - a block kept with the next (headings, captions, commentary) is on the
 *     page where the next one starts, unless the chain is taller than a page;
 *   - the first error is sticky (d->err); every later call is a no-op.
 *
 * Ownership: blocks own their pango layouts (g_object_unref), arrays and
 * chart layouts (nps_chart_layout_free); the doc owns the blocks, the
 * placements, the pages and its PangoContext.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include "base/alloc.h"
#include "report/pdf/report_pdf_internal.h"

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
#define BOX_PAD 8.0            /* inner margin of a boxed paragraph */
#define TABLE_KEEP_ROWS 14     /* tables up to this many body rows are not split */
#define FIG_SHRINK 0.8         /* a figure may shrink to this to stay on its page */
#define FIG_SHRINK_TOP 0.5     /* … and to this when its heading opens the page */
#define FIG_MAX_PARTS 8
#define FIG_SPLIT_BELOW 0.75   /* cut a stacked chart rather than shrink it below this */

typedef enum block_kind { B_TEXT, B_TABLE, B_FIGURE, B_SPACE, B_BREAK, B_CONTENTS } block_kind;

typedef struct text_block {
    PangoLayout *layout;
    PangoLayout *marker;       /* bullet, or NULL */
    double x;                  /* left edge, from the text block's left */
    bool boxed;                /* drawn on a pale box (commentary) */
    size_t n_lines;
    double *top, *bottom, *baseline, *line_x; /* per line, layout coordinates */
    double rgb[3];
} text_block;

typedef struct table_block {
    size_t n_cols, n_rows;     /* n_rows includes the header row */
    size_t cap_rows;
    double width;              /* the weights' share of the text width, at most all */
    double *col_x, *col_w;
    char aligns[32];
    bool small, has_head;
    PangoLayout **cells;       /* n_rows × n_cols, NULL = empty */
    unsigned *flags;
    double *row_h;
} table_block;

typedef struct figure_block {
    nps_chart_layout *chart;
    double scale, x, w, h;
} figure_block;

typedef struct toc_entry {
    int level;
    size_t target;             /* block index of the heading */
    PangoLayout *layout;
    double h;
} toc_entry;

typedef struct contents_block {
    toc_entry *entries;
    size_t n;
} contents_block;

typedef struct block {
    block_kind kind;
    double space_before, space_after;
    bool keep_next;
    bool keep_prev;            /* stays with the end of the block before (a note) */
    int heading;               /* heading level 1–3, 0 for other blocks */
    char *toc;                 /* contents entry of a heading, NULL = none (owned) */
    char *title;               /* heading text for bookmarks / running header (owned) */
    union {
        text_block text;
        table_block table;
        figure_block fig;
        contents_block contents;
        double space;
    } u;
} block;

typedef struct place {
    size_t block;
    size_t from, to;
    double y;
    double shrink;             /* figures: drawn at this fraction of their size */
} place;

typedef struct page {
    size_t first, n;           /* placements */
    size_t chapter;            /* block of the level-1 heading in force, SIZE_MAX = none */
} page;

struct pdf_doc {
    nps_fonts *fonts;
    PangoContext *ctx;
    PangoFontDescription *font[PS_COUNT];
    PangoFontDescription *bold[PS_COUNT];
    nps_error err;
    block *blocks;
    size_t n_blocks, cap_blocks;
    bool in_table;
    place *places;
    size_t n_places, cap_places;
    page *pages;
    size_t n_pages, cap_pages;
    size_t *block_page;        /* page index of each block's first slice */
    int cover_pages;
};

typedef struct style_def {
    double size;
    int bold;
    double spacing;            /* extra space between lines */
    double before, after;
    double grey;               /* > 0: a grey level; else the colour rgb */
    double rgb[3];
} style_def;

#define INK {0, 0, 0}
#define BLUE {0.09, 0.25, 0.43}
static const style_def styles[PS_COUNT] = {
    [PS_BODY] = {10.0, 0, 2.5, 0, 6, 0, INK},
    [PS_LEAD] = {10.0, 0, 2.5, 8, 12, 0, INK},
    [PS_SMALL] = {8.5, 0, 1.5, 0, 4, 0.38, INK},
    [PS_NOTE] = {8.0, 0, 1.0, 2, 8, 0.38, INK},
    [PS_H1] = {16.0, 1, 0, 0, 14, -1, BLUE},
    [PS_H2] = {12.5, 1, 0, 16, 6, -1, BLUE},
    [PS_H3] = {10.5, 1, 0, 10, 4, 0, INK},
    [PS_CAPTION] = {9.5, 1, 0, 8, 0, 0, INK},
    [PS_BULLET] = {9.5, 0, 2.0, 0, 4.5, 0, INK},
    [PS_QUOTE] = {9.0, 0, 1.5, 0, 3.5, 0, INK},
    [PS_TABLE] = {8.5, 0, 1.0, 0, 0, 0, INK},
    [PS_TABLE_HEAD] = {8.5, 1, 1.0, 0, 0, 0, INK},
    [PS_TABLE_SMALL] = {7.5, 0, 0.5, 0, 0, 0, INK},
    [PS_TABLE_SMALL_HEAD] = {7.5, 1, 0.5, 0, 0, 0, INK},
    [PS_COVER_TITLE] = {22.0, 1, 8, 0, 18, -1, BLUE},
    [PS_COVER_SUB] = {14.0, 0, 4, 0, 10, 0, INK},
    [PS_TOC1] = {10.5, 1, 0, 7, 1, 0, INK},
    [PS_TOC2] = {9.5, 0, 0, 0, 0.5, 0, INK},
};

/* ------------------------------------------------------------- basics */

static void str_vaddf(pdf_str *b, const char *fmt, va_list ap)
{
    va_list copy;
    int n;
    if (b->failed)
        return;
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *grown;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        grown = nps_realloc(b->s, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->s = grown;
        b->cap = cap;
    }
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    b->len += (size_t)n;
}

void pdf_str_addf(pdf_str *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    str_vaddf(b, fmt, ap);
    va_end(ap);
}

void pdf_str_add(pdf_str *b, const char *text)
{
    pdf_str_addf(b, "%s", text ? text : "");
}

void pdf_str_free(pdf_str *b)
{
    nps_free(b->s);
    memset(b, 0, sizeof *b);
}

const char *pdf_str_get(const pdf_str *b)
{
    return b->s ? b->s : "";
}

nps_error pdf_doc_status(const pdf_doc *d)
{
    return d ? d->err : NPS_ERR_USAGE;
}

nps_error pdf_doc_fail(pdf_doc *d, nps_error err)
{
    if (d->err == NPS_OK)
        d->err = err;
    return d->err;
}

static PangoFontDescription *font_new(double size, int bold)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, NPS_FONT_FAMILY);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    return f;
}

/* Ownership: *out owned by the caller (pdf_doc_free). */
nps_error pdf_doc_new(nps_fonts *fonts, pdf_doc **out)
{
    pdf_doc *d = nps_calloc(1, sizeof *d);
    int s;

    *out = NULL;
    if (!d)
        return NPS_ERR_NOMEM;
    d->fonts = fonts;
    d->ctx = nps_fonts_context(fonts);
    for (s = 0; s < PS_COUNT; s++) {
        d->font[s] = font_new(styles[s].size, styles[s].bold);
        d->bold[s] = font_new(styles[s].size, 1);
    }
    if (!d->ctx) {
        pdf_doc_free(d);
        return NPS_ERR_NOMEM;
    }
    *out = d;
    return NPS_OK;
}

static void text_free(text_block *t)
{
    if (t->layout)
        g_object_unref(t->layout);
    if (t->marker)
        g_object_unref(t->marker);
    nps_free(t->top);
    nps_free(t->bottom);
    nps_free(t->baseline);
    nps_free(t->line_x);
}

static void table_free(table_block *t)
{
    size_t i;
    for (i = 0; t->cells && i < t->n_rows * t->n_cols; i++)
        if (t->cells[i])
            g_object_unref(t->cells[i]);
    nps_free(t->cells);
    nps_free(t->flags);
    nps_free(t->row_h);
    nps_free(t->col_x);
    nps_free(t->col_w);
}

static void block_free(block *b)
{
    size_t i;
    switch (b->kind) {
    case B_TEXT: text_free(&b->u.text); break;
    case B_TABLE: table_free(&b->u.table); break;
    case B_FIGURE: nps_chart_layout_free(b->u.fig.chart); break;
    case B_CONTENTS:
        for (i = 0; i < b->u.contents.n; i++)
            if (b->u.contents.entries[i].layout)
                g_object_unref(b->u.contents.entries[i].layout);
        nps_free(b->u.contents.entries);
        break;
    default: break;
    }
    nps_free(b->toc);
    nps_free(b->title);
}

void pdf_doc_free(pdf_doc *d)
{
    size_t i;
    int s;
    if (!d)
        return;
    for (i = 0; i < d->n_blocks; i++)
        block_free(&d->blocks[i]);
    nps_free(d->blocks);
    nps_free(d->places);
    nps_free(d->pages);
    nps_free(d->block_page);
    for (s = 0; s < PS_COUNT; s++) {
        if (d->font[s])
            pango_font_description_free(d->font[s]);
        if (d->bold[s])
            pango_font_description_free(d->bold[s]);
    }
    if (d->ctx)
        g_object_unref(d->ctx);
    nps_free(d);
}

/* A new zeroed block at the end, or NULL (error recorded). */
static block *block_add(pdf_doc *d, block_kind kind)
{
    block *b;
    if (d->err != NPS_OK)
        return NULL;
    if (d->in_table) {          /* a block inside a table is a caller bug */
        pdf_doc_fail(d, NPS_ERR_USAGE);
        return NULL;
    }
    if (d->n_blocks == d->cap_blocks) {
        size_t cap = d->cap_blocks ? d->cap_blocks * 2 : 256;
        block *grown = nps_realloc(d->blocks, cap * sizeof *grown);
        if (!grown) {
            pdf_doc_fail(d, NPS_ERR_NOMEM);
            return NULL;
        }
        d->blocks = grown;
        d->cap_blocks = cap;
    }
    b = &d->blocks[d->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* The last block, removed after a failure while filling it. */
static void block_drop_last(pdf_doc *d)
{
    if (d->n_blocks > 0)
        block_free(&d->blocks[--d->n_blocks]);
}

/* A pango layout of `text` in style s, `width` points wide (<= 0: no
 * wrapping). Invalid UTF-8 is replaced. NULL on allocation failure. */
static PangoLayout *layout_new(pdf_doc *d, pdf_style s, bool bold, const char *text, double width,
                               PangoAlignment align)
{
    PangoLayout *l = pango_layout_new(d->ctx);
    char *valid = NULL;

    if (!l)
        return NULL;
    if (!text)
        text = "";
    if (!g_utf8_validate(text, -1, NULL))
        text = valid = g_utf8_make_valid(text, -1);
    pango_layout_set_font_description(l, bold ? d->bold[s] : d->font[s]);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_spacing(l, (int)(styles[s].spacing * PANGO_SCALE));
    pango_layout_set_text(l, text, -1);
    g_free(valid);
    return l;
}

static double layout_height(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

static double layout_width(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

static void style_rgb(pdf_style s, double rgb[3])
{
    if (styles[s].grey > 0) {
        rgb[0] = rgb[1] = rgb[2] = styles[s].grey;
    } else {
        memcpy(rgb, styles[s].rgb, sizeof styles[s].rgb);
    }
}

/* Line metrics of a text block's layout. */
static nps_error text_measure(text_block *t)
{
    PangoLayoutIter *it;
    size_t i = 0;

    t->n_lines = (size_t)pango_layout_get_line_count(t->layout);
    t->top = nps_malloc((t->n_lines + 1) * sizeof *t->top);
    t->bottom = nps_malloc((t->n_lines + 1) * sizeof *t->bottom);
    t->baseline = nps_malloc((t->n_lines + 1) * sizeof *t->baseline);
    t->line_x = nps_malloc((t->n_lines + 1) * sizeof *t->line_x);
    if (!t->top || !t->bottom || !t->baseline || !t->line_x)
        return NPS_ERR_NOMEM;
    it = pango_layout_get_iter(t->layout);
    if (!it)
        return NPS_ERR_NOMEM;
    do {
        PangoRectangle logical;
        if (i >= t->n_lines)
            break;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        t->top[i] = (double)logical.y / PANGO_SCALE;
        t->bottom[i] = (double)(logical.y + logical.height) / PANGO_SCALE;
        t->line_x[i] = (double)logical.x / PANGO_SCALE;
        t->baseline[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        i++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    t->n_lines = i;
    return NPS_OK;
}

/* Append a text block; the layout is made by the caller's parameters.
 * attrs (may be NULL) is applied to the layout. */
static block *text_add(pdf_doc *d, pdf_style s, const char *text, double indent,
                       PangoAlignment align, PangoAttrList *attrs)
{
    block *b = block_add(d, B_TEXT);
    text_block *t;
    nps_error err;

    if (!b)
        return NULL;
    t = &b->u.text;
    t->boxed = s == PS_LEAD;
    t->x = indent + (t->boxed ? BOX_PAD : 0);
    t->layout = layout_new(d, s, false, text, PDF_TEXT_W - t->x - (t->boxed ? BOX_PAD : 0), align);
    if (!t->layout) {
        block_drop_last(d);
        pdf_doc_fail(d, NPS_ERR_NOMEM);
        return NULL;
    }
    if (attrs)
        pango_layout_set_attributes(t->layout, attrs);
    style_rgb(s, t->rgb);
    b->space_before = styles[s].before;
    b->space_after = styles[s].after;
    err = text_measure(t);
    if (err != NPS_OK) {
        block_drop_last(d);
        pdf_doc_fail(d, err);
        return NULL;
    }
    return b;
}

void pdf_para(pdf_doc *d, pdf_style s, const char *text)
{
    text_add(d, s, text, 0, PANGO_ALIGN_LEFT, NULL);
}

void pdf_paraf(pdf_doc *d, pdf_style s, const char *fmt, ...)
{
    va_list ap;
    pdf_str text = {0};
    if (d->err != NPS_OK)
        return;
    va_start(ap, fmt);
    str_vaddf(&text, fmt, ap);
    va_end(ap);
    if (text.failed)
        pdf_doc_fail(d, NPS_ERR_NOMEM);
    else
        pdf_para(d, s, pdf_str_get(&text));
    pdf_str_free(&text);
}

void pdf_para_center(pdf_doc *d, pdf_style s, const char *text)
{
    text_add(d, s, text, 0, PANGO_ALIGN_CENTER, NULL);
}

void pdf_bullet_suffix(pdf_doc *d, pdf_style s, const char *marker, const char *text, const char *suffix)
{
    PangoAttrList *attrs = NULL;
    pdf_str all = {0};
    block *b;

    if (d->err != NPS_OK)
        return;
    pdf_str_add(&all, text ? text : "");
    if (suffix && suffix[0] && g_utf8_validate(pdf_str_get(&all), -1, NULL)) {
        PangoAttribute *grey = pango_attr_foreground_new(0x7000, 0x7000, 0x7000);
        grey->start_index = (guint)all.len;
        pdf_str_add(&all, suffix);
        grey->end_index = (guint)all.len;
        attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, grey);
    }
    if (all.failed) {
        pdf_doc_fail(d, NPS_ERR_NOMEM);
        goto cleanup;
    }
    b = text_add(d, s, pdf_str_get(&all), BULLET_INDENT, PANGO_ALIGN_LEFT,
                 attrs && g_utf8_validate(pdf_str_get(&all), -1, NULL) ? attrs : NULL);
    if (!b)
        goto cleanup;
    b->u.text.marker = layout_new(d, s, false, marker ? marker : "・", -1, PANGO_ALIGN_LEFT);
    if (!b->u.text.marker)
        pdf_doc_fail(d, NPS_ERR_NOMEM);
cleanup:
    if (attrs)
        pango_attr_list_unref(attrs);
    pdf_str_free(&all);
}

void pdf_bullet(pdf_doc *d, pdf_style s, const char *marker, const char *text)
{
    pdf_bullet_suffix(d, s, marker, text, NULL);
}

void pdf_keep_with_next(pdf_doc *d)
{
    if (d->err == NPS_OK && d->n_blocks > 0)
        d->blocks[d->n_blocks - 1].keep_next = true;
}

void pdf_keep_with_previous(pdf_doc *d)
{
    if (d->err == NPS_OK && d->n_blocks > 0)
        d->blocks[d->n_blocks - 1].keep_prev = true;
}

void pdf_space(pdf_doc *d, double points)
{
    block *b = block_add(d, B_SPACE);
    if (b)
        b->u.space = points;
}

void pdf_page_break(pdf_doc *d)
{
    block_add(d, B_BREAK);
}

void pdf_heading(pdf_doc *d, int level, const char *text, const char *toc)
{
    static const pdf_style by_level[] = {PS_H1, PS_H1, PS_H2, PS_H3};
    block *b;

    if (level < 1 || level > 3)
        level = 3;
    if (level == 1)
        pdf_page_break(d);
    b = text_add(d, by_level[level], text, 0, PANGO_ALIGN_LEFT, NULL);
    if (!b)
        return;
    b->heading = level;
    b->keep_next = true;
    b->title = nps_strdup(text ? text : "");
    if (!toc)
        toc = text;
    if (toc && toc[0])
        b->toc = nps_strdup(toc);
    if (!b->title || (toc && toc[0] && !b->toc))
        pdf_doc_fail(d, NPS_ERR_NOMEM);
}

#define FIG_MAX_H (PDF_TEXT_H - 48.0)   /* room for the caption above */
#define FIG_NATURAL_SCALE (PDF_TEXT_W / (FIG_UNITS - 2 * FIG_MARGIN_UNITS))

/* Append a figure block for a measured chart (the block takes `layout`):
 * scaled to the text width, or down to FIG_MAX_H and centred. */
static void figure_add(pdf_doc *d, nps_chart_layout *layout)
{
    double units_h = nps_chart_layout_height(layout);
    block *b = block_add(d, B_FIGURE);
    figure_block *f;

    if (!b) {
        nps_chart_layout_free(layout);
        return;
    }
    f = &b->u.fig;
    f->chart = layout;
    f->scale = FIG_NATURAL_SCALE;
    f->x = PDF_MARGIN_X - FIG_MARGIN_UNITS * f->scale;
    if (units_h * f->scale > FIG_MAX_H) {
        f->scale = FIG_MAX_H / units_h;
        f->x = (PDF_PAGE_W - FIG_UNITS * f->scale) / 2;
    }
    f->w = FIG_UNITS * f->scale;
    f->h = units_h * f->scale;
    b->space_before = 0;
    b->space_after = 6;
}

static nps_error measure(pdf_doc *d, const nps_chart *chart, nps_chart_layout **out)
{
    nps_chart copy = *chart;
    copy.title = NULL;          /* the caption is set as text of the page */
    return nps_chart_measure(d->fonts, &copy, FIG_UNITS, out);
}

static void caption_add(pdf_doc *d, const char *caption, size_t part, size_t parts)
{
    if (!caption || !caption[0])
        return;
    if (parts > 1)
        pdf_paraf(d, PS_CAPTION, "%s（%zu/%zu）", caption, part + 1, parts);
    else
        pdf_para(d, PS_CAPTION, caption);
    pdf_keep_with_next(d);
}

/* Rows [from, to) of a stacked chart, as a chart of its own. */
static nps_chart stacked_part(const nps_chart *chart, size_t from, size_t to)
{
    nps_chart part = *chart;
    part.stacked.rows = chart->stacked.rows + from;
    part.stacked.n_rows = to - from;
    return part;
}

/* A 100% stacked chart far taller than a page is cut into `parts` charts
 * of consecutive rows (same segments, legend and 0–100% axis), each of
 * which must fit a page at the natural scale. 0 when it cannot be cut so. */
static size_t stacked_parts(pdf_doc *d, const nps_chart *chart, double natural_h, nps_chart_layout **layouts,
                            size_t max_parts)
{
    size_t n = chart->stacked.n_rows, k, p;
    for (k = (size_t)(natural_h / FIG_MAX_H) + 1; k <= n && k <= max_parts; k++) {
        bool fits = true;
        size_t made = 0;
        nps_error err = NPS_OK;
        for (p = 0; p < k && fits && err == NPS_OK; p++) {
            nps_chart part = stacked_part(chart, p * n / k, (p + 1) * n / k);
            err = measure(d, &part, &layouts[p]);
            if (err == NPS_OK) {
                made++;
                fits = nps_chart_layout_height(layouts[p]) * FIG_NATURAL_SCALE <= FIG_MAX_H;
            }
        }
        if (err == NPS_OK && fits)
            return k;
        while (made > 0)
            nps_chart_layout_free(layouts[--made]);
        if (err != NPS_OK) {
            pdf_doc_fail(d, err);
            return 0;
        }
    }
    return 0;
}

void pdf_figure(pdf_doc *d, const nps_chart *chart, const char *caption)
{
    nps_chart_layout *layout = NULL, *parts[FIG_MAX_PARTS];
    double natural_h;
    size_t n_parts = 0, p;
    nps_error err;

    if (d->err != NPS_OK)
        return;
    err = measure(d, chart, &layout);
    if (err != NPS_OK) {
        pdf_doc_fail(d, err);
        return;
    }
    natural_h = nps_chart_layout_height(layout) * FIG_NATURAL_SCALE;
    if (chart->kind == NPS_CHART_STACKED && chart->stacked.n_rows >= 2 &&
        FIG_MAX_H / natural_h < FIG_SPLIT_BELOW)
        n_parts = stacked_parts(d, chart, natural_h, parts, FIG_MAX_PARTS);
    if (n_parts == 0) {
        caption_add(d, caption, 0, 1);
        figure_add(d, layout);
        return;
    }
    nps_chart_layout_free(layout);
    for (p = 0; p < n_parts; p++) {
        caption_add(d, caption, p, n_parts);
        figure_add(d, parts[p]);
    }
}

void pdf_contents(pdf_doc *d)
{
    block_add(d, B_CONTENTS);
}

/* --------------------------------------------------------------- tables */

static table_block *open_table(pdf_doc *d)
{
    if (d->err != NPS_OK || !d->in_table || d->n_blocks == 0)
        return NULL;
    return &d->blocks[d->n_blocks - 1].u.table;
}

void pdf_table_begin(pdf_doc *d, size_t n_cols, const double *weights, const char *aligns, bool small)
{
    block *b;
    table_block *t;
    double sum = 0, x = 0;
    size_t c;

    if (n_cols == 0 || n_cols >= sizeof t->aligns) {
        pdf_doc_fail(d, NPS_ERR_USAGE);
        return;
    }
    b = block_add(d, B_TABLE);
    if (!b)
        return;
    t = &b->u.table;
    t->n_cols = n_cols;
    t->small = small;
    t->col_x = nps_calloc(n_cols, sizeof *t->col_x);
    t->col_w = nps_calloc(n_cols, sizeof *t->col_w);
    if (!t->col_x || !t->col_w) {
        block_drop_last(d);
        pdf_doc_fail(d, NPS_ERR_NOMEM);
        return;
    }
    for (c = 0; c < n_cols; c++)
        sum += weights[c] > 0 ? weights[c] : 0;
    t->width = sum > 0 && sum < 1.0 ? PDF_TEXT_W * sum : PDF_TEXT_W;
    for (c = 0; c < n_cols; c++) {
        t->col_w[c] = sum > 0 ? t->width * (weights[c] > 0 ? weights[c] : 0) / sum : PDF_TEXT_W / n_cols;
        t->col_x[c] = x;
        x += t->col_w[c];
        t->aligns[c] = aligns && strlen(aligns) > c ? aligns[c] : 'l';
    }
    b->space_before = 4;
    b->space_after = 8;
    d->in_table = true;
}

static nps_error table_grow(table_block *t)
{
    size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
    PangoLayout **cells = nps_realloc(t->cells, cap * t->n_cols * sizeof *cells);
    if (!cells)
        return NPS_ERR_NOMEM;
    t->cells = cells;
    unsigned *flags = nps_realloc(t->flags, cap * sizeof *flags);
    if (!flags)
        return NPS_ERR_NOMEM;
    t->flags = flags;
    double *row_h = nps_realloc(t->row_h, cap * sizeof *row_h);
    if (!row_h)
        return NPS_ERR_NOMEM;
    t->row_h = row_h;
    t->cap_rows = cap;
    return NPS_OK;
}

static PangoAlignment align_of(char a)
{
    return a == 'r' ? PANGO_ALIGN_RIGHT : a == 'c' ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
}

void pdf_table_row(pdf_doc *d, unsigned flags, const char *const *cells)
{
    table_block *t = open_table(d);
    pdf_style s;
    double h = 0;
    size_t c, row;

    if (!t)
        return;
    if ((flags & PDF_ROW_HEAD) && t->n_rows > 0)
        flags &= ~(unsigned)PDF_ROW_HEAD;   /* only the first row can be the header */
    if (t->n_rows == t->cap_rows && pdf_doc_fail(d, table_grow(t)) != NPS_OK)
        return;
    row = t->n_rows++;
    t->flags[row] = flags;
    if (flags & PDF_ROW_HEAD)
        t->has_head = true;
    s = (flags & PDF_ROW_HEAD) ? (t->small ? PS_TABLE_SMALL_HEAD : PS_TABLE_HEAD)
                               : (t->small ? PS_TABLE_SMALL : PS_TABLE);
    for (c = 0; c < t->n_cols; c++)         /* the row is freeable at every step */
        t->cells[row * t->n_cols + c] = NULL;
    t->row_h[row] = 0;
    for (c = 0; c < t->n_cols; c++) {
        PangoLayout **cell = &t->cells[row * t->n_cols + c];
        if (!cells[c] || !cells[c][0])
            continue;
        *cell = layout_new(d, s, (flags & PDF_ROW_STRONG) != 0, cells[c], t->col_w[c] - 2 * CELL_PAD_X,
                           align_of(t->aligns[c]));
        if (!*cell) {
            pdf_doc_fail(d, NPS_ERR_NOMEM);
            return;
        }
        if (layout_height(*cell) > h)
            h = layout_height(*cell);
    }
    if (h == 0)
        h = styles[s].size * 1.45;
    t->row_h[row] = h + 2 * CELL_PAD_Y;
}

void pdf_table_end(pdf_doc *d)
{
    if (open_table(d))
        d->in_table = false;
}

/* ------------------------------------------------------------- contents */

/* Fill the contents block from every heading with a contents entry. */
static nps_error contents_build(pdf_doc *d, block *cb)
{
    contents_block *c = &cb->u.contents;
    size_t i, n = 0;

    for (i = 0; i < d->n_blocks; i++)
        if (d->blocks[i].toc)
            n++;
    c->entries = nps_calloc(n ? n : 1, sizeof *c->entries);
    if (!c->entries)
        return NPS_ERR_NOMEM;
    for (i = 0; i < d->n_blocks; i++) {
        const block *h = &d->blocks[i];
        toc_entry *e;
        pdf_style s;
        if (!h->toc)
            continue;
        e = &c->entries[c->n++];
        e->level = h->heading;
        e->target = i;
        s = h->heading == 1 ? PS_TOC1 : PS_TOC2;
        e->layout = layout_new(d, s, false, h->toc,
                               PDF_TEXT_W - TOC_PAGE_W - 18 - (h->heading > 1 ? TOC_INDENT : 0),
                               PANGO_ALIGN_LEFT);
        if (!e->layout)
            return NPS_ERR_NOMEM;
        e->h = layout_height(e->layout) + styles[s].before + styles[s].after;
    }
    cb->space_after = 0;
    return NPS_OK;
}

/* ----------------------------------------------------------- pagination */

static size_t block_units(const block *b)
{
    switch (b->kind) {
    case B_TEXT: return b->u.text.n_lines;
    case B_TABLE: return b->u.table.n_rows - (b->u.table.has_head ? 1 : 0);
    case B_CONTENTS: return b->u.contents.n;
    case B_FIGURE: return 1;
    default: return 0;
    }
}

/* Height of units [from, to) of b as placed on one page. */
static double slice_height(const block *b, size_t from, size_t to)
{
    double h = 0;
    size_t i;
    if (to <= from)
        return 0;
    switch (b->kind) {
    case B_TEXT:
        return b->u.text.bottom[to - 1] - b->u.text.top[from];
    case B_TABLE: {
        const table_block *t = &b->u.table;
        size_t off = t->has_head ? 1 : 0;
        if (t->has_head)
            h += t->row_h[0];
        for (i = from; i < to; i++)
            h += t->row_h[i + off];
        return h;
    }
    case B_CONTENTS:
        for (i = from; i < to; i++)
            h += b->u.contents.entries[i].h;
        return h;
    case B_FIGURE:
        return b->u.fig.h;
    default:
        return 0;
    }
}

static double full_height(const block *b)
{
    return slice_height(b, 0, block_units(b));
}

/* The least of b that must share a page with a heading kept before it:
 * two lines, a short table whole or two rows of a long one, a figure at
 * its smallest allowed size. */
static double first_height(const block *b)
{
    size_t n = block_units(b);
    if (b->kind == B_FIGURE)
        return b->u.fig.h * FIG_SHRINK;
    if ((b->kind == B_TABLE || b->kind == B_CONTENTS) && n <= TABLE_KEEP_ROWS)
        return full_height(b);
    return slice_height(b, 0, n < 2 ? n : 2);
}

/* Height needed on the current page by block i and the blocks it keeps
 * with it (space before the first block excluded). */
static double chain_height(const pdf_doc *d, size_t i)
{
    double h = 0;
    size_t k;
    for (k = i; k < d->n_blocks; k++) {
        const block *b = &d->blocks[k];
        if (b->kind == B_BREAK)
            break;
        if (k > i)
            h += b->space_before;
        if (!b->keep_next || k + 1 == d->n_blocks) {
            h += first_height(b);
            break;
        }
        h += full_height(b) + b->space_after;
    }
    return h;
}

static nps_error page_new(pdf_doc *d, size_t chapter)
{
    if (d->n_pages == d->cap_pages) {
        size_t cap = d->cap_pages ? d->cap_pages * 2 : 64;
        page *grown = nps_realloc(d->pages, cap * sizeof *grown);
        if (!grown)
            return NPS_ERR_NOMEM;
        d->pages = grown;
        d->cap_pages = cap;
    }
    d->pages[d->n_pages++] = (page){d->n_places, 0, chapter};
    return NPS_OK;
}

static nps_error place_add(pdf_doc *d, size_t blk, size_t from, size_t to, double y, double shrink)
{
    if (d->n_places == d->cap_places) {
        size_t cap = d->cap_places ? d->cap_places * 2 : 512;
        place *grown = nps_realloc(d->places, cap * sizeof *grown);
        if (!grown)
            return NPS_ERR_NOMEM;
        d->places = grown;
        d->cap_places = cap;
    }
    d->places[d->n_places++] = (place){blk, from, to, y, shrink};
    d->pages[d->n_pages - 1].n++;
    return NPS_OK;
}

/* How many units from `from` fit into `avail` points, with the rules:
 * a short table goes whole; at least 2 units on each page when the block
 * has 4 or more (a paragraph) / 3 or more (a table); and when `tail` (a
 * note kept with the block's end) does not fit after the last unit, the
 * last two units go over with it; a paragraph of 3 lines or fewer is not
 * split. 0: nothing should go on this page. */
static size_t slice_fit(const block *b, size_t from, double avail, double tail)
{
    size_t n = block_units(b), to = from, min_keep = b->kind == B_TEXT ? 4 : 3;
    while (to < n && slice_height(b, from, to + 1) <= avail + 0.01)
        to++;
    if (to == n && tail > 0 && slice_height(b, from, n) + tail > avail + 0.01)
        to = n >= from + 2 ? n - 2 : from;
    if (b->kind == B_TABLE && from == 0 && n <= TABLE_KEEP_ROWS && to < n)
        return 0;                        /* a short table is not split */
    if (b->kind == B_TEXT && n < min_keep && to < n)
        return 0;                        /* nor a paragraph of 3 lines or fewer */
    if (to == n)
        return to - from;
    if (n >= min_keep) {
        if (to - from < 2)
            return 0;                    /* orphan: move the start on */
        if (n - to < 2 && to - 1 > from + 1)
            to--;                        /* widow: leave two for the next page */
    }
    return to - from;
}

/* The cursor of pagination. keep_top: everything on the page so far is
 * kept with what follows (a heading chain opened the page), so breaking
 * the page again would not help. */
typedef struct cursor {
    double y;
    bool empty, keep_top;
    size_t chapter;
} cursor;

static nps_error next_page(pdf_doc *d, cursor *c)
{
    nps_error err = page_new(d, c->chapter);
    c->y = PDF_MARGIN_TOP;
    c->empty = c->keep_top = true;
    return err;
}

/* Place a figure whole: on this page (shrunk a little if that keeps it
 * here), or on the next. */
static nps_error place_figure(pdf_doc *d, cursor *c, size_t i)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    const block *b = &d->blocks[i];
    double h = b->u.fig.h, avail = bottom - c->y, shrink = 1.0;
    nps_error err = NPS_OK;

    if (h > avail) {
        double least = (c->empty || c->keep_top) ? FIG_SHRINK_TOP : FIG_SHRINK;
        if (avail >= h * least) {
            shrink = avail / h;
        } else {
            err = next_page(d, c);
            if (err == NPS_OK && h > bottom - c->y)
                shrink = (bottom - c->y) / h;
        }
    }
    if (err == NPS_OK)
        err = place_add(d, i, 0, 1, c->y, shrink);
    d->block_page[i] = d->n_pages - 1;
    c->y += h * shrink;
    return err;
}

/* Place paragraph lines, table rows or contents entries, page by page. */
static nps_error place_units(pdf_doc *d, cursor *c, size_t i)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    const block *b = &d->blocks[i];
    const block *next = i + 1 < d->n_blocks ? &d->blocks[i + 1] : NULL;
    double tail = next && next->keep_prev ? b->space_after + next->space_before + full_height(next) : 0;
    size_t from = 0, n = block_units(b);
    nps_error err = NPS_OK;

    while (from < n && err == NPS_OK) {
        size_t k = slice_fit(b, from, bottom - c->y, tail);
        if (k == 0 && c->empty)
            k = slice_fit(b, from, bottom - c->y, 0);
        if (k == 0 && c->empty)
            k = 1;                       /* taller than a page: place it anyway */
        if (k > 0) {
            err = place_add(d, i, from, from + k, c->y, 1.0);
            if (from == 0)
                d->block_page[i] = d->n_pages - 1;
            c->y += slice_height(b, from, from + k);
            from += k;
            c->empty = false;
        }
        if (err == NPS_OK && from < n) {
            err = next_page(d, c);
            c->keep_top = false;         /* a continued block opens the page */
        }
    }
    return err;
}

nps_error pdf_doc_paginate(pdf_doc *d, int cover_pages)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    cursor c = {PDF_MARGIN_TOP, true, true, SIZE_MAX};
    size_t i;

    if (d->err != NPS_OK)
        return d->err;
    d->cover_pages = cover_pages;
    d->n_pages = d->n_places = 0;
    nps_free(d->block_page);
    d->block_page = nps_calloc(d->n_blocks ? d->n_blocks : 1, sizeof *d->block_page);
    if (!d->block_page || page_new(d, c.chapter) != NPS_OK)
        return pdf_doc_fail(d, NPS_ERR_NOMEM);
    for (i = 0; i < d->n_blocks && d->err == NPS_OK; i++) {
        block *b = &d->blocks[i];
        if (b->kind == B_CONTENTS && !b->u.contents.entries && pdf_doc_fail(d, contents_build(d, b)) != NPS_OK)
            break;
        d->block_page[i] = d->n_pages - 1;
        if (b->kind == B_BREAK || (b->kind == B_SPACE && !c.empty && c.y + b->u.space > bottom)) {
            if (!c.empty)
                pdf_doc_fail(d, next_page(d, &c));
            continue;
        }
        if (b->kind == B_SPACE) {
            c.y += b->u.space;
            continue;
        }
        if (b->heading == 1)
            d->pages[d->n_pages - 1].chapter = c.chapter = i;
        if (!c.empty && !c.keep_top && c.y + b->space_before + chain_height(d, i) > bottom)
            if (pdf_doc_fail(d, next_page(d, &c)) != NPS_OK)
                break;
        if (!c.empty)
            c.y += b->space_before;
        d->block_page[i] = d->n_pages - 1;
        pdf_doc_fail(d, b->kind == B_FIGURE ? place_figure(d, &c, i) : place_units(d, &c, i));
        c.empty = false;
        if (!b->keep_next)
            c.keep_top = false;
        c.y += b->space_after;
    }
    /* A trailing empty page (after a final break) is not printed. */
    if (d->n_pages > 1 && d->pages[d->n_pages - 1].n == 0)
        d->n_pages--;
    return d->err;
}

size_t pdf_doc_page_count(const pdf_doc *d)
{
    return d ? d->n_pages : 0;
}

/* -------------------------------------------------------------- drawing */

static void show_line(cairo_t *cr, PangoLayout *l, int line, double x, double y)
{
    PangoLayoutLine *ln = pango_layout_get_line_readonly(l, line);
    if (!ln)
        return;
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout_line(cr, ln);
}

static void draw_text(cairo_t *cr, const block *b, const place *p)
{
    const text_block *t = &b->u.text;
    double x0 = PDF_MARGIN_X + t->x, y0 = p->y - t->top[p->from];
    size_t k;

    if (t->boxed) {
        cairo_set_source_rgb(cr, 0.93, 0.95, 0.975);
        cairo_rectangle(cr, PDF_MARGIN_X, p->y - BOX_PAD / 2, PDF_TEXT_W,
                        slice_height(b, p->from, p->to) + BOX_PAD);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, t->rgb[0], t->rgb[1], t->rgb[2]);
    if (t->marker && p->from == 0)
        show_line(cr, t->marker, 0, x0 - BULLET_INDENT, y0 + t->baseline[0]);
    for (k = p->from; k < p->to; k++)
        show_line(cr, t->layout, (int)k, x0 + t->line_x[k], y0 + t->baseline[k]);
    if (b->heading == 1) {            /* a rule under chapter headings */
        double yb = p->y + slice_height(b, p->from, p->to) + 3;
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, PDF_MARGIN_X, yb);
        cairo_line_to(cr, PDF_MARGIN_X + PDF_TEXT_W, yb);
        cairo_stroke(cr);
    } else if (b->heading == 2) {     /* a bar left of question headings */
        cairo_rectangle(cr, PDF_MARGIN_X - 8, p->y + 2, 3, slice_height(b, p->from, p->to) - 3);
        cairo_fill(cr);
    }
}

static void hline(cairo_t *cr, double x0, double x1, double y, double width, double grey)
{
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
}

static void draw_row(cairo_t *cr, const table_block *t, size_t row, double y, bool shade)
{
    double x0 = PDF_MARGIN_X, h = t->row_h[row];
    unsigned flags = t->flags[row];
    size_t c;

    if (flags & PDF_ROW_HEAD) {
        cairo_set_source_rgb(cr, 0.87, 0.91, 0.95);
        cairo_rectangle(cr, x0, y, t->width, h);
        cairo_fill(cr);
    } else if (shade) {
        cairo_set_source_rgb(cr, 0.965, 0.97, 0.975);
        cairo_rectangle(cr, x0, y, t->width, h);
        cairo_fill(cr);
    }
    if (flags & PDF_ROW_RULE)
        hline(cr, x0, x0 + t->width, y, 0.6, 0.45);
    for (c = 0; c < t->n_cols; c++) {
        PangoLayout *l = t->cells[row * t->n_cols + c];
        double lh;
        if (!l)
            continue;
        lh = layout_height(l);
        if (flags & PDF_ROW_MUTED)
            cairo_set_source_rgb(cr, 0.42, 0.42, 0.42);
        else
            cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, x0 + t->col_x[c] + CELL_PAD_X, y + (h - lh) / 2);
        pango_cairo_show_layout(cr, l);
    }
    hline(cr, x0, x0 + t->width, y + h, (flags & PDF_ROW_HEAD) ? 0.8 : 0.3,
          (flags & PDF_ROW_HEAD) ? 0.3 : 0.75);
}

static void draw_table(cairo_t *cr, const block *b, const place *p)
{
    const table_block *t = &b->u.table;
    size_t off = t->has_head ? 1 : 0, k;
    double y = p->y;

    hline(cr, PDF_MARGIN_X, PDF_MARGIN_X + t->width, y, 0.8, 0.3);
    if (t->has_head) {
        draw_row(cr, t, 0, y, false);
        y += t->row_h[0];
    }
    for (k = p->from; k < p->to; k++) {
        draw_row(cr, t, k + off, y, k % 2 == 1);
        y += t->row_h[k + off];
    }
    hline(cr, PDF_MARGIN_X, PDF_MARGIN_X + t->width, y, 0.8, 0.3);
}

static nps_error draw_figure(cairo_t *cr, const block *b, const place *p)
{
    const figure_block *f = &b->u.fig;
    double scale = f->scale * p->shrink;
    nps_error err;
    cairo_save(cr);
    cairo_translate(cr, f->x + f->w * (1 - p->shrink) / 2, p->y);
    cairo_scale(cr, scale, scale);
    err = nps_chart_draw(f->chart, cr);
    cairo_restore(cr);
    return err;
}

/* Page number (1-based, as printed) of a block. */
static size_t page_of(const pdf_doc *d, size_t blk)
{
    return d->block_page[blk] + 1;
}

static nps_error draw_contents(pdf_doc *d, cairo_t *cr, const block *b, const place *p)
{
    const contents_block *c = &b->u.contents;
    double y = p->y;
    size_t k;

    for (k = p->from; k < p->to; k++) {
        const toc_entry *e = &c->entries[k];
        pdf_style s = e->level == 1 ? PS_TOC1 : PS_TOC2;
        double x = PDF_MARGIN_X + (e->level > 1 ? TOC_INDENT : 0), ty = y + styles[s].before;
        int last = pango_layout_get_line_count(e->layout) - 1;
        PangoRectangle ext;
        PangoLayoutIter *it;
        double base = 0, end_x = 0;
        char num[32], link[96];
        PangoLayout *nl;

        snprintf(num, sizeof num, "%zu", page_of(d, e->target));
        nl = layout_new(d, s, false, num, -1, PANGO_ALIGN_LEFT);
        if (!nl)
            return NPS_ERR_NOMEM;
        it = pango_layout_get_iter(e->layout);
        for (int i = 0; i < last; i++)
            pango_layout_iter_next_line(it);
        pango_layout_iter_get_line_extents(it, NULL, &ext);
        base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        end_x = (double)(ext.x + ext.width) / PANGO_SCALE;
        pango_layout_iter_free(it);
        snprintf(link, sizeof link, "page=%zu pos=[%.1f %.1f]", page_of(d, e->target),
                 PDF_MARGIN_X, PDF_MARGIN_TOP - 12.0);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, x, ty);
        pango_cairo_show_layout(cr, e->layout);
        /* dotted leader from the entry's end to the page number */
        {
            double lx0 = x + end_x + 6, lx1 = PDF_MARGIN_X + PDF_TEXT_W - layout_width(nl) - 6;
            double dashes[] = {0.6, 2.4};
            if (lx1 > lx0) {
                cairo_save(cr);
                cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
                cairo_set_line_width(cr, 0.6);
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
                cairo_set_dash(cr, dashes, 2, 0);
                cairo_move_to(cr, lx0, ty + base);
                cairo_line_to(cr, lx1, ty + base);
                cairo_stroke(cr);
                cairo_restore(cr);
            }
        }
        cairo_move_to(cr, PDF_MARGIN_X + PDF_TEXT_W - layout_width(nl), ty + base - (double)pango_layout_get_baseline(nl) / PANGO_SCALE);
        pango_cairo_show_layout(cr, nl);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
        g_object_unref(nl);
        y += e->h;
    }
    return NPS_OK;
}

/* Running header (left: survey title; right: chapter) and page number. */
static nps_error draw_furniture(pdf_doc *d, cairo_t *cr, size_t pg, const char *header)
{
    const page *p = &d->pages[pg];
    const char *chapter = p->chapter != SIZE_MAX ? d->blocks[p->chapter].title : "";
    char num[32];
    PangoLayout *left, *right, *foot;
    double rw;
    nps_error err = NPS_OK;

    snprintf(num, sizeof num, "– %zu –", pg + 1);
    right = layout_new(d, PS_SMALL, false, chapter, -1, PANGO_ALIGN_LEFT);
    rw = right ? layout_width(right) : 0;
    left = layout_new(d, PS_SMALL, false, header, PDF_TEXT_W - rw - 24, PANGO_ALIGN_LEFT);
    foot = layout_new(d, PS_SMALL, false, num, -1, PANGO_ALIGN_LEFT);
    if (!left || !right || !foot) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    pango_layout_set_ellipsize(left, PANGO_ELLIPSIZE_END);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    show_line(cr, left, 0, PDF_MARGIN_X, 34 + (double)pango_layout_get_baseline(left) / PANGO_SCALE);
    show_line(cr, right, 0, PDF_MARGIN_X + PDF_TEXT_W - rw,
              34 + (double)pango_layout_get_baseline(right) / PANGO_SCALE);
    hline(cr, PDF_MARGIN_X, PDF_MARGIN_X + PDF_TEXT_W, 50, 0.5, 0.6);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    show_line(cr, foot, 0, (PDF_PAGE_W - layout_width(foot)) / 2,
              PDF_PAGE_H - 34 + (double)pango_layout_get_baseline(foot) / PANGO_SCALE);
cleanup:
    if (left)
        g_object_unref(left);
    if (right)
        g_object_unref(right);
    if (foot)
        g_object_unref(foot);
    return err;
}

/* Bookmarks: level-1 headings at the root, level 2 under the last level 1,
 * level 3 under the last level 2. */
static void add_outline(cairo_surface_t *s, const block *b, size_t pg, double y, int ids[4])
{
    char dest[96];
    int parent;
    if (!s || cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_PDF || !b->title || !b->toc)
        return;
    parent = b->heading == 1 ? CAIRO_PDF_OUTLINE_ROOT : ids[b->heading - 1];
    snprintf(dest, sizeof dest, "page=%zu pos=[%.1f %.1f]", pg + 1, PDF_MARGIN_X, y - 6);
    ids[b->heading] = cairo_pdf_surface_add_outline(s, parent, b->toc, dest, 0);
    for (int k = b->heading + 1; k < 4; k++)
        ids[k] = ids[b->heading];
}

static nps_error draw_place(pdf_doc *d, cairo_t *cr, const place *p)
{
    const block *b = &d->blocks[p->block];
    switch (b->kind) {
    case B_TEXT: draw_text(cr, b, p); return NPS_OK;
    case B_TABLE: draw_table(cr, b, p); return NPS_OK;
    case B_FIGURE: return draw_figure(cr, b, p);
    case B_CONTENTS: return draw_contents(d, cr, b, p);
    default: return NPS_OK;
    }
}

nps_error pdf_doc_render(pdf_doc *d, cairo_t *cr, const char *header)
{
    cairo_surface_t *target = cairo_get_target(cr);
    int ids[4] = {CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT,
                  CAIRO_PDF_OUTLINE_ROOT};
    size_t pg, k;

    for (pg = 0; pg < d->n_pages && d->err == NPS_OK; pg++) {
        const page *p = &d->pages[pg];
        if ((int)pg >= d->cover_pages)
            pdf_doc_fail(d, draw_furniture(d, cr, pg, header ? header : ""));
        for (k = 0; k < p->n && d->err == NPS_OK; k++) {
            const place *pl = &d->places[p->first + k];
            const block *b = &d->blocks[pl->block];
            if (b->heading && pl->from == 0)
                add_outline(target, b, pg, pl->y, ids);
            pdf_doc_fail(d, draw_place(d, cr, pl));
        }
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            pdf_doc_fail(d, cairo_status(cr) == CAIRO_STATUS_NO_MEMORY ? NPS_ERR_NOMEM : NPS_ERR_RENDER);
    }
    return d->err;
}

/* ----------------------------------------------------------- inspection */

size_t pdf_doc_block_count(const pdf_doc *d)
{
    return d->n_blocks;
}

int pdf_doc_block_heading(const pdf_doc *d, size_t i)
{
    return i < d->n_blocks ? d->blocks[i].heading : 0;
}

bool pdf_doc_block_keeps_next(const pdf_doc *d, size_t i)
{
    return i < d->n_blocks && d->blocks[i].keep_next;
}

bool pdf_doc_block_pages(const pdf_doc *d, size_t i, size_t *first, size_t *last)
{
    size_t pg, k;
    bool found = false;
    for (pg = 0; pg < d->n_pages; pg++)
        for (k = 0; k < d->pages[pg].n; k++)
            if (d->places[d->pages[pg].first + k].block == i) {
                if (!found)
                    *first = pg;
                *last = pg;
                found = true;
            }
    return found;
}

static double place_height(const pdf_doc *d, const place *p)
{
    const block *b = &d->blocks[p->block];
    return b->kind == B_FIGURE ? b->u.fig.h * p->shrink : slice_height(b, p->from, p->to);
}

size_t pdf_doc_page_extent(const pdf_doc *d, size_t p, double *top, double *bottom)
{
    size_t k;
    *top = PDF_PAGE_H;
    *bottom = 0;
    if (p >= d->n_pages)
        return 0;
    for (k = 0; k < d->pages[p].n; k++) {
        const place *pl = &d->places[d->pages[p].first + k];
        double h = place_height(d, pl);
        if (pl->y < *top)
            *top = pl->y;
        if (pl->y + h > *bottom)
            *bottom = pl->y + h;
    }
    return d->pages[p].n;
}
