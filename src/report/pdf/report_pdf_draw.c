/*
 * report_pdf_draw.c — the second pass of the PDF report: draws every
 * paginated page on a cairo context (nps_pdf_doc_render): text lines, table
 * rows with a repeated header, scaled charts, the contents with page
 * numbers and links, the running header and page number, and the PDF
 * bookmarks.
 *
 * Invariants: drawing reads the blocks and placements and changes neither
 * (only the sticky error); the contents' page numbers come from where the
 * headings landed, in a fixed-width column, so they change no height.
 *
 * Ownership: layouts made while drawing (page numbers, running header) are
 * released before returning; the cairo context is borrowed.
 */
#include <stdint.h>
#include <stdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include "report/pdf/pdf_private.h"

/* -------------------------------------------------------------- drawing */

static void show_line(cairo_t *cr, PangoLayout *l, int line, double x, double y)
{
    PangoLayoutLine *ln = pango_layout_get_line_readonly(l, line);
    if (!ln)
        return;
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout_line(cr, ln);
}

static void draw_text(cairo_t *cr, const pdf_block *b, const pdf_place *p)
{
    const pdf_text_block *t = &b->u.text;
    double x0 = PDF_MARGIN_X + t->x, y0 = p->y - t->top[p->from];
    size_t k;

    if (t->boxed) {
        cairo_set_source_rgb(cr, 0.93, 0.95, 0.975);
        cairo_rectangle(cr, PDF_MARGIN_X, p->y - BOX_PAD / 2, PDF_TEXT_W,
                        nps_pdf_slice_height(b, p->from, p->to) + BOX_PAD);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, t->rgb[0], t->rgb[1], t->rgb[2]);
    if (t->marker && p->from == 0)
        show_line(cr, t->marker, 0, x0 - BULLET_INDENT, y0 + t->baseline[0]);
    for (k = p->from; k < p->to; k++)
        show_line(cr, t->layout, (int)k, x0 + t->line_x[k], y0 + t->baseline[k]);
    if (b->heading == 1) {            /* a rule under chapter headings */
        double yb = p->y + nps_pdf_slice_height(b, p->from, p->to) + 3;
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, PDF_MARGIN_X, yb);
        cairo_line_to(cr, PDF_MARGIN_X + PDF_TEXT_W, yb);
        cairo_stroke(cr);
    } else if (b->heading == 2) {     /* a bar left of question headings */
        cairo_rectangle(cr, PDF_MARGIN_X - 8, p->y + 2, 3, nps_pdf_slice_height(b, p->from, p->to) - 3);
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

static void draw_row(cairo_t *cr, const pdf_table_block *t, size_t row, double y, bool shade)
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
        lh = pdf_layout_height(l);
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

static void draw_table(cairo_t *cr, const pdf_block *b, const pdf_place *p)
{
    const pdf_table_block *t = &b->u.table;
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

static nps_error draw_figure(cairo_t *cr, const pdf_block *b, const pdf_place *p)
{
    const pdf_figure_block *f = &b->u.fig;
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

static nps_error draw_contents(pdf_doc *d, cairo_t *cr, const pdf_block *b, const pdf_place *p)
{
    const pdf_contents_block *c = &b->u.contents;
    double y = p->y;
    size_t k;

    for (k = p->from; k < p->to; k++) {
        const pdf_toc_entry *e = &c->entries[k];
        pdf_style s = e->level == 1 ? PS_TOC1 : PS_TOC2;
        double x = PDF_MARGIN_X + (e->level > 1 ? TOC_INDENT : 0), ty = y + nps_pdf_styles[s].before;
        int last = pango_layout_get_line_count(e->layout) - 1;
        PangoRectangle ext;
        PangoLayoutIter *it;
        double base = 0, end_x = 0;
        char num[32], link[96];
        PangoLayout *nl;

        snprintf(num, sizeof num, "%zu", page_of(d, e->target));
        nl = nps_pdf_layout_new(d, s, false, num, -1, PANGO_ALIGN_LEFT);
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
            double lx0 = x + end_x + 6, lx1 = PDF_MARGIN_X + PDF_TEXT_W - pdf_layout_width(nl) - 6 -
                                              (c->list == PDF_LIST_FIGURES ? TOC_PREV_W : 0);
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
        cairo_move_to(cr, PDF_MARGIN_X + PDF_TEXT_W - pdf_layout_width(nl), ty + base - (double)pango_layout_get_baseline(nl) / PANGO_SCALE);
        pango_cairo_show_layout(cr, nl);
        if (e->prev) {
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            cairo_move_to(cr, PDF_MARGIN_X + PDF_TEXT_W - TOC_PAGE_W - pdf_layout_width(e->prev),
                          ty + base - (double)pango_layout_get_baseline(e->prev) / PANGO_SCALE);
            pango_cairo_show_layout(cr, e->prev);
        }
        cairo_tag_end(cr, CAIRO_TAG_LINK);
        g_object_unref(nl);
        y += e->h;
    }
    return NPS_OK;
}

/* Running header (left: survey title; right: chapter) and page number. */
static nps_error draw_furniture(pdf_doc *d, cairo_t *cr, size_t pg, const char *header)
{
    const pdf_page *p = &d->pages[pg];
    const char *chapter = p->chapter != SIZE_MAX ? d->blocks[p->chapter].title : "";
    char num[32];
    PangoLayout *left, *right, *foot;
    double rw;
    nps_error err = NPS_OK;

    snprintf(num, sizeof num, "– %zu –", pg + 1);
    right = nps_pdf_layout_new(d, PS_SMALL, false, chapter, -1, PANGO_ALIGN_LEFT);
    rw = right ? pdf_layout_width(right) : 0;
    left = nps_pdf_layout_new(d, PS_SMALL, false, header, PDF_TEXT_W - rw - 24, PANGO_ALIGN_LEFT);
    foot = nps_pdf_layout_new(d, PS_SMALL, false, num, -1, PANGO_ALIGN_LEFT);
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
    show_line(cr, foot, 0, (PDF_PAGE_W - pdf_layout_width(foot)) / 2,
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
static void add_outline(cairo_surface_t *s, const pdf_block *b, size_t pg, double y, int ids[4])
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

static nps_error draw_place(pdf_doc *d, cairo_t *cr, const pdf_place *p)
{
    const pdf_block *b = &d->blocks[p->block];
    switch (b->kind) {
    case B_TEXT: draw_text(cr, b, p); return NPS_OK;
    case B_TABLE: draw_table(cr, b, p); return NPS_OK;
    case B_FIGURE: return draw_figure(cr, b, p);
    case B_CONTENTS: return draw_contents(d, cr, b, p);
    default: return NPS_OK;
    }
}

nps_error nps_pdf_doc_render(pdf_doc *d, cairo_t *cr, const char *header)
{
    cairo_surface_t *target = cairo_get_target(cr);
    int ids[4] = {CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT,
                  CAIRO_PDF_OUTLINE_ROOT};
    size_t pg, k;

    for (pg = 0; pg < d->n_pages && d->err == NPS_OK; pg++) {
        const pdf_page *p = &d->pages[pg];
        if ((int)pg >= d->cover_pages)
            nps_pdf_doc_fail(d, draw_furniture(d, cr, pg, header ? header : ""));
        for (k = 0; k < p->n && d->err == NPS_OK; k++) {
            const pdf_place *pl = &d->places[p->first + k];
            const pdf_block *b = &d->blocks[pl->block];
            if (b->heading && pl->from == 0)
                add_outline(target, b, pg, pl->y, ids);
            nps_pdf_doc_fail(d, draw_place(d, cr, pl));
        }
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            nps_pdf_doc_fail(d, cairo_status(cr) == CAIRO_STATUS_NO_MEMORY ? NPS_ERR_NOMEM : NPS_ERR_RENDER);
    }
    return d->err;
}
