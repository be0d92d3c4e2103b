/*
 * report_pdf_blocks.c — the content model of the PDF report: the document,
 * its styles, and the blocks that section writers append in reading order
 * (paragraphs, bullets, headings, figures, tables, space, breaks, the
 * contents), each measured with pango when it is added; also the growing
 * string (base/strbuf.h) the section writers compose text with. Pagination
 * (report_pdf_paginate.c) and drawing (report_pdf_draw.c) only read what
 * is built here; see pdf_private.h for the model.
 *
 * Invariants:
 *   - every block is measured when it is added; heights never change after
 *     that (the contents' page numbers are drawn in a fixed-width column, so
 *     filling them in changes no height);
 *   - a 100% stacked chart that would have to shrink below 3/4 is cut into
 *     parts of consecutive rows; a chart is scaled to at most a page;
 *   - no block is added while a table is open (a caller bug: NPS_ERR_USAGE);
 *   - the first error is sticky (d->err); every later call is a no-op.
 *
 * Ownership: blocks own their pango layouts (g_object_unref), arrays and
 * chart layouts (nps_chart_layout_free); the doc owns the blocks, the
 * placements, the pages and its PangoContext (nps_pdf_doc_free releases all).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include "base/alloc.h"
#include "base/text.h"
#include "report/pdf/pdf_private.h"

/* Any one text block is cut after this many characters (quotes are cut
 * much earlier, in report_pdf_analysis.c): pango lays out a long run
 * without break opportunities in more than linear time. */
#define PDF_TEXT_MAX_CHARS 10000
#define INK {0, 0, 0}
#define BLUE {0.09, 0.25, 0.43}
const pdf_style_def nps_pdf_styles[PS_COUNT] = {
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

nps_error nps_pdf_doc_status(const pdf_doc *d)
{
    return d ? d->err : NPS_ERR_USAGE;
}

nps_error nps_pdf_doc_fail(pdf_doc *d, nps_error err)
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

/* Ownership: *out owned by the caller (nps_pdf_doc_free). */
nps_error nps_pdf_doc_new(nps_fonts *fonts, pdf_doc **out)
{
    pdf_doc *d = nps_calloc(1, sizeof *d);
    int s;

    *out = NULL;
    if (!d)
        return NPS_ERR_NOMEM;
    d->fonts = fonts;
    d->ctx = nps_fonts_context(fonts);
    for (s = 0; s < PS_COUNT; s++) {
        d->font[s] = font_new(nps_pdf_styles[s].size, nps_pdf_styles[s].bold);
        d->bold[s] = font_new(nps_pdf_styles[s].size, 1);
    }
    if (!d->ctx) {
        nps_pdf_doc_free(d);
        return NPS_ERR_NOMEM;
    }
    *out = d;
    return NPS_OK;
}

static void text_free(pdf_text_block *t)
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

static void table_free(pdf_table_block *t)
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

static void block_free(pdf_block *b)
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
        for (i = 0; i < b->u.contents.n; i++)
            if (b->u.contents.entries[i].prev)
                g_object_unref(b->u.contents.entries[i].prev);
        nps_free(b->u.contents.entries);
        break;
    default: break;
    }
    nps_free(b->toc);
    nps_free(b->title);
}

void nps_pdf_doc_free(pdf_doc *d)
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
static pdf_block *block_add(pdf_doc *d, pdf_block_kind kind)
{
    pdf_block *b;
    if (d->err != NPS_OK)
        return NULL;
    if (d->in_table) {          /* a block inside a table is a caller bug */
        nps_pdf_doc_fail(d, NPS_ERR_USAGE);
        return NULL;
    }
    if (nps_grow((void **)&d->blocks, &d->cap_blocks, d->n_blocks + 1,
                 sizeof *d->blocks, 256) != NPS_OK) {
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        return NULL;
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

/* The last line of a wrapped layout is a lone character: one character,
 * or one and a closing bracket (「…団\n体）」). */
static bool lone_last_line(PangoLayout *l)
{
    int n = pango_layout_get_line_count(l);
    PangoLayoutLine *line = n > 1 ? pango_layout_get_line_readonly(l, n - 1) : NULL;
    const char *text = pango_layout_get_text(l), *last;
    glong chars;
    if (!line || line->length <= 0)
        return false;
    chars = g_utf8_strlen(text + line->start_index, line->length);
    last = g_utf8_find_prev_char(text + line->start_index, text + line->start_index + line->length);
    return chars == 1 || (chars == 2 && last &&
                          (strncmp(last, "）", strlen("）")) == 0 || strncmp(last, "」", strlen("」")) == 0 ||
                           strncmp(last, "』", strlen("』")) == 0 || strncmp(last, "】", strlen("】")) == 0));
}

/* Headings, captions, table cells and contents entries never end on a line
 * of one character (「…（複\n数回答）」 is fine, 「…5001人\n～」 and
 * 「…団\n体）」 are not): the width is narrowed an em at a time, to at most
 * 3/5 of it, until the last line holds more. */
static void no_lone_last_char(PangoLayout *l, pdf_style s, double width)
{
    double w = width, em = nps_pdf_styles[s].size;
    while (lone_last_line(l) && w - em >= width * 0.6) {
        w -= em;
        pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    }
    if (lone_last_line(l))
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
}

PangoLayout *nps_pdf_layout_new(pdf_doc *d, pdf_style s, bool bold, const char *text, double width,
                               PangoAlignment align)
{
    PangoLayout *l = pango_layout_new(d->ctx);
    /* valid for pango and laid out in bounded time (docs/robustness.md) */
    char *valid = nps_text_for_layout(text ? text : "", PDF_TEXT_MAX_CHARS, "…（以下略）");

    if (!l || !valid) {
        if (l)
            g_object_unref(l);
        nps_free(valid);
        return NULL;
    }
    text = valid;
    pango_layout_set_font_description(l, bold ? d->bold[s] : d->font[s]);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_spacing(l, (int)(nps_pdf_styles[s].spacing * PANGO_SCALE));
    pango_layout_set_text(l, text, -1);
    if (width > 0 && (s == PS_H1 || s == PS_H2 || s == PS_H3 || s == PS_CAPTION || s == PS_TABLE ||
                      s == PS_TABLE_HEAD || s == PS_TABLE_SMALL || s == PS_TABLE_SMALL_HEAD ||
                      s == PS_TOC1 || s == PS_TOC2))
        no_lone_last_char(l, s, width);
    nps_free(valid);
    return l;
}

static void style_rgb(pdf_style s, double rgb[3])
{
    if (nps_pdf_styles[s].grey > 0) {
        rgb[0] = rgb[1] = rgb[2] = nps_pdf_styles[s].grey;
    } else {
        memcpy(rgb, nps_pdf_styles[s].rgb, sizeof nps_pdf_styles[s].rgb);
    }
}

/* Line metrics of a text block's layout. */
static nps_error text_measure(pdf_text_block *t)
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
static pdf_block *text_add(pdf_doc *d, pdf_style s, const char *text, double indent,
                       PangoAlignment align, PangoAttrList *attrs)
{
    pdf_block *b = block_add(d, B_TEXT);
    pdf_text_block *t;
    nps_error err;

    if (!b)
        return NULL;
    t = &b->u.text;
    t->boxed = s == PS_LEAD;
    t->x = indent + (t->boxed ? BOX_PAD : 0);
    t->layout = nps_pdf_layout_new(d, s, false, text, PDF_TEXT_W - t->x - (t->boxed ? BOX_PAD : 0), align);
    if (!t->layout) {
        block_drop_last(d);
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        return NULL;
    }
    if (attrs)
        pango_layout_set_attributes(t->layout, attrs);
    style_rgb(s, t->rgb);
    b->space_before = nps_pdf_styles[s].before;
    b->space_after = nps_pdf_styles[s].after;
    err = text_measure(t);
    if (err != NPS_OK) {
        block_drop_last(d);
        nps_pdf_doc_fail(d, err);
        return NULL;
    }
    return b;
}

void nps_pdf_para(pdf_doc *d, pdf_style s, const char *text)
{
    text_add(d, s, text, 0, PANGO_ALIGN_LEFT, NULL);
}

void nps_pdf_paraf(pdf_doc *d, pdf_style s, const char *fmt, ...)
{
    va_list ap;
    nps_strbuf text = {0};
    if (d->err != NPS_OK)
        return;
    va_start(ap, fmt);
    nps_strbuf_vaddf(&text, fmt, ap);
    va_end(ap);
    if (text.failed)
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    else
        nps_pdf_para(d, s, nps_strbuf_get(&text));
    nps_strbuf_free(&text);
}

void nps_pdf_para_center(pdf_doc *d, pdf_style s, const char *text)
{
    text_add(d, s, text, 0, PANGO_ALIGN_CENTER, NULL);
}

void nps_pdf_bullet_suffix(pdf_doc *d, pdf_style s, const char *marker, const char *text, const char *suffix)
{
    PangoAttrList *attrs = NULL;
    nps_strbuf all = {0};
    pdf_block *b;

    if (d->err != NPS_OK)
        return;
    nps_strbuf_add(&all, text ? text : "");
    if (suffix && suffix[0] && g_utf8_validate(nps_strbuf_get(&all), -1, NULL)) {
        PangoAttribute *grey = pango_attr_foreground_new(0x7000, 0x7000, 0x7000);
        grey->start_index = (guint)all.len;
        nps_strbuf_add(&all, suffix);
        grey->end_index = (guint)all.len;
        attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, grey);
    }
    if (all.failed) {
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        goto cleanup;
    }
    b = text_add(d, s, nps_strbuf_get(&all), BULLET_INDENT, PANGO_ALIGN_LEFT,
                 attrs && g_utf8_validate(nps_strbuf_get(&all), -1, NULL) ? attrs : NULL);
    if (!b)
        goto cleanup;
    b->u.text.marker = nps_pdf_layout_new(d, s, false, marker ? marker : "・", -1, PANGO_ALIGN_LEFT);
    if (!b->u.text.marker)
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
cleanup:
    if (attrs)
        pango_attr_list_unref(attrs);
    nps_strbuf_free(&all);
}

void nps_pdf_bullet(pdf_doc *d, pdf_style s, const char *marker, const char *text)
{
    nps_pdf_bullet_suffix(d, s, marker, text, NULL);
}

void nps_pdf_keep_with_next(pdf_doc *d)
{
    if (d->err == NPS_OK && d->n_blocks > 0)
        d->blocks[d->n_blocks - 1].keep_next = true;
}

void nps_pdf_keep_with_previous(pdf_doc *d)
{
    if (d->err == NPS_OK && d->n_blocks > 0)
        d->blocks[d->n_blocks - 1].keep_prev = true;
}

void nps_pdf_space(pdf_doc *d, double points)
{
    pdf_block *b = block_add(d, B_SPACE);
    if (b)
        b->u.space = points;
}

void nps_pdf_page_break(pdf_doc *d)
{
    block_add(d, B_BREAK);
}

void nps_pdf_heading(pdf_doc *d, int level, const char *text, const char *toc)
{
    static const pdf_style by_level[] = {PS_H1, PS_H1, PS_H2, PS_H3};
    pdf_block *b;

    if (level < 1 || level > 3)
        level = 3;
    if (level == 1)
        nps_pdf_page_break(d);
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
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
}

#define FIG_MAX_H (PDF_TEXT_H - 48.0)   /* room for the caption above */
#define FIG_NATURAL_SCALE (PDF_TEXT_W / (FIG_UNITS - 2 * FIG_MARGIN_UNITS))

/* Append a figure block for a measured chart (the block takes `layout`):
 * scaled to the text width, or down to FIG_MAX_H and centred. */
static void figure_add(pdf_doc *d, nps_chart_layout *layout)
{
    double units_h = nps_chart_layout_height(layout);
    pdf_block *b = block_add(d, B_FIGURE);
    pdf_figure_block *f;

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

/* Mark the last block (a caption) as entry `entry` of list `list` (the
 * list of figures or of tables); `previous`: last year's number or 0. */
static void list_entry(pdf_doc *d, int list, const char *entry, int previous)
{
    pdf_block *b = d->err == NPS_OK && d->n_blocks ? &d->blocks[d->n_blocks - 1] : NULL;
    if (!b)
        return;
    b->list = list;
    b->previous = previous;
    b->toc = nps_strdup(entry);
    if (!b->toc)
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
}

/* The caption with the document's next figure number: a leading 「図N」 of
 * `caption` (the number the figure has in charts/) is replaced, so figures
 * are numbered in order of appearance. */
static void caption_add(pdf_doc *d, const char *caption, size_t part, size_t parts, int previous)
{
    const char *rest = caption;
    char numbered[1024];
    if (!caption || !caption[0])
        return;
    if (strncmp(rest, "図", strlen("図")) == 0) {
        rest += strlen("図");
        while (*rest >= '0' && *rest <= '9')
            rest++;
        if (*rest == ' ')
            rest++;
    }
    if (part == 0)
        d->n_figures++;
    snprintf(numbered, sizeof numbered, "図%d%s%s", d->n_figures,
             rest[0] && strncmp(rest, "（", strlen("（")) != 0 ? "　" : "", rest);
    if (parts > 1)
        nps_pdf_paraf(d, PS_CAPTION, "%s（%zu/%zu）", numbered, part + 1, parts);
    else
        nps_pdf_para(d, PS_CAPTION, numbered);
    nps_pdf_keep_with_next(d);
    if (part == 0)
        list_entry(d, PDF_LIST_FIGURES, numbered, previous);
}

void nps_pdf_table_caption(pdf_doc *d, const char *title)
{
    char numbered[1024];
    if (d->err != NPS_OK)
        return;
    snprintf(numbered, sizeof numbered, "表%d%s%s", ++d->n_tables,
             title && strncmp(title, "（", strlen("（")) != 0 ? "　" : "", title ? title : "");
    nps_pdf_para(d, PS_CAPTION, numbered);
    nps_pdf_keep_with_next(d);
    list_entry(d, PDF_LIST_TABLES, numbered, 0);
}

int nps_pdf_doc_figure_count(const pdf_doc *d)
{
    return d->n_figures;
}

int nps_pdf_doc_table_count(const pdf_doc *d)
{
    return d->n_tables;
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
            nps_pdf_doc_fail(d, err);
            return 0;
        }
    }
    return 0;
}

void nps_pdf_figure(pdf_doc *d, const nps_chart *chart, const char *caption)
{
    nps_pdf_figure_prev(d, chart, caption, 0);
}

void nps_pdf_figure_prev(pdf_doc *d, const nps_chart *chart, const char *caption, int previous)
{
    nps_chart_layout *layout = NULL, *parts[FIG_MAX_PARTS];
    double natural_h;
    size_t n_parts = 0, p;
    nps_error err;

    if (d->err != NPS_OK)
        return;
    err = measure(d, chart, &layout);
    if (err != NPS_OK) {
        nps_pdf_doc_fail(d, err);
        return;
    }
    natural_h = nps_chart_layout_height(layout) * FIG_NATURAL_SCALE;
    if (chart->kind == NPS_CHART_STACKED && chart->stacked.n_rows >= 2 &&
        FIG_MAX_H / natural_h < FIG_SPLIT_BELOW)
        n_parts = stacked_parts(d, chart, natural_h, parts, FIG_MAX_PARTS);
    if (n_parts == 0) {
        caption_add(d, caption, 0, 1, previous);
        figure_add(d, layout);
        return;
    }
    nps_chart_layout_free(layout);
    for (p = 0; p < n_parts; p++) {
        caption_add(d, caption, p, n_parts, previous);
        figure_add(d, parts[p]);
    }
}

void nps_pdf_contents(pdf_doc *d)
{
    nps_pdf_contents_list(d, PDF_LIST_HEADINGS);
}

void nps_pdf_contents_list(pdf_doc *d, int list)
{
    pdf_block *b = block_add(d, B_CONTENTS);
    if (b)
        b->u.contents.list = list;
}

/* --------------------------------------------------------------- tables */

static pdf_table_block *open_table(pdf_doc *d)
{
    if (d->err != NPS_OK || !d->in_table || d->n_blocks == 0)
        return NULL;
    return &d->blocks[d->n_blocks - 1].u.table;
}

void nps_pdf_table_begin(pdf_doc *d, size_t n_cols, const double *weights, const char *aligns, bool small)
{
    pdf_block *b;
    pdf_table_block *t;
    double sum = 0, x = 0;
    size_t c;

    if (n_cols == 0 || n_cols >= sizeof t->aligns) {
        nps_pdf_doc_fail(d, NPS_ERR_USAGE);
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
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
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

static nps_error table_grow(pdf_table_block *t)
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

void nps_pdf_table_row(pdf_doc *d, unsigned flags, const char *const *cells)
{
    pdf_table_block *t = open_table(d);
    pdf_style s;
    double h = 0;
    size_t c, row;

    if (!t)
        return;
    if ((flags & PDF_ROW_HEAD) && t->n_rows > 0)
        flags &= ~(unsigned)PDF_ROW_HEAD;   /* only the first row can be the header */
    if (t->n_rows == t->cap_rows && nps_pdf_doc_fail(d, table_grow(t)) != NPS_OK)
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
        *cell = nps_pdf_layout_new(d, s, (flags & PDF_ROW_STRONG) != 0, cells[c], t->col_w[c] - 2 * CELL_PAD_X,
                           align_of(t->aligns[c]));
        if (!*cell) {
            nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
            return;
        }
        if (pdf_layout_height(*cell) > h)
            h = pdf_layout_height(*cell);
    }
    if (h == 0)
        h = nps_pdf_styles[s].size * 1.45;
    t->row_h[row] = h + 2 * CELL_PAD_Y;
}

void nps_pdf_table_end(pdf_doc *d)
{
    if (open_table(d))
        d->in_table = false;
}

/* ------------------------------------------------------------- contents */

static bool in_list(const pdf_block *b, int list)
{
    return b->toc && b->list == list && (list != PDF_LIST_HEADINGS || b->heading);
}

nps_error nps_pdf_contents_build(pdf_doc *d, pdf_block *cb)
{
    pdf_contents_block *c = &cb->u.contents;
    size_t i, n = 0;
    double prev_w = c->list == PDF_LIST_FIGURES ? TOC_PREV_W : 0;

    for (i = 0; i < d->n_blocks; i++)
        if (in_list(&d->blocks[i], c->list))
            n++;
    c->entries = nps_calloc(n ? n : 1, sizeof *c->entries);
    if (!c->entries)
        return NPS_ERR_NOMEM;
    for (i = 0; i < d->n_blocks; i++) {
        const pdf_block *h = &d->blocks[i];
        pdf_toc_entry *e;
        pdf_style s;
        if (!in_list(h, c->list))
            continue;
        e = &c->entries[c->n++];
        e->level = c->list == PDF_LIST_HEADINGS ? h->heading : 0;
        e->target = i;
        s = e->level == 1 ? PS_TOC1 : PS_TOC2;
        e->layout = nps_pdf_layout_new(d, s, false, h->toc,
                               PDF_TEXT_W - TOC_PAGE_W - 18 - prev_w - (e->level > 1 ? TOC_INDENT : 0),
                               PANGO_ALIGN_LEFT);
        if (!e->layout)
            return NPS_ERR_NOMEM;
        if (h->previous > 0) {
            char num[32];
            snprintf(num, sizeof num, "図%d", h->previous);
            e->prev = nps_pdf_layout_new(d, PS_TOC2, false, num, -1, PANGO_ALIGN_LEFT);
            if (!e->prev)
                return NPS_ERR_NOMEM;
        }
        e->h = pdf_layout_height(e->layout) + nps_pdf_styles[s].before + nps_pdf_styles[s].after;
    }
    cb->space_after = 0;
    return NPS_OK;
}

/* --------------------------------------------------------- measuring */

double nps_pdf_slice_height(const pdf_block *b, size_t from, size_t to)
{
    double h = 0;
    size_t i;
    if (to <= from)
        return 0;
    switch (b->kind) {
    case B_TEXT:
        return b->u.text.bottom[to - 1] - b->u.text.top[from];
    case B_TABLE: {
        const pdf_table_block *t = &b->u.table;
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
