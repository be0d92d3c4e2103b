/*
 * report_pdf_paginate.c — the first pass of the PDF report: places the
 * blocks built by report_pdf_blocks.c onto A4 pages (nps_pdf_doc_paginate), and
 * answers the tests' questions about where blocks landed.
 *
 * Invariants:
 *   - a placement (place) is a slice [from, to) of one block's units —
 *     lines of a paragraph, body rows of a table or contents, or the one
 *     unit of a figure — at a y on one page; slices of a block cover its
 *     units exactly once, in order, on increasing pages;
 *   - nothing is placed outside the text block unless a single line or row
 *     is taller than a whole page; a figure may shrink to 4/5 (1/2 under a
 *     heading that opens the page) rather than move on;
 *   - a paragraph of 3 lines or fewer and a table of 14 body rows or fewer
 *     are never split; a longer paragraph leaves at least 2 lines, a longer
 *     table at least 2 rows on each page, and a table repeats its header
 *     row; a note kept with its table takes the table's last 2 rows along
 *     rather than stand alone;
 *   - a block kept with the next (headings, captions, commentary) is on the
 *     page where the next one starts, unless the chain is taller than a page;
 *     a figure kept with its table is the exception when keeping them
 *     would leave the page less than half full: then the table follows on
 *     the next page, the figure may shrink to 0.72 (FIG_SHRINK_FILL; never so far
 *     that chart text prints below 7 pt, PRINT_MIN_PT) and a table of 6 rows or
 *     more may be split (3 rows at least), and a kept paragraph of 4 lines
 *     or more (a long commentary) may go on over the page before its figure,
 *     so that no page but a chapter's last is more than half empty; a
 *     chain that misses such a page by no more than half of its space
 *     before gives that much up (chain_squeeze); and
 *     when a question's heading chain still does not fit such a page but
 *     its table does, whole, the table's blocks are moved before the
 *     figure's (table_first; the contents entries follow them);
 *   - the first error is sticky (d->err); every later call is a no-op.
 *
 * Ownership: the placements, pages and block_page arrays belong to the
 * document (freed by nps_pdf_doc_free); paginating again rebuilds them.
 */
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include "base/alloc.h"
#include "report/pdf/pdf_private.h"

/* ----------------------------------------------------------- pagination */

static size_t block_units(const pdf_block *b)
{
    switch (b->kind) {
    case B_TEXT: return b->u.text.n_lines;
    case B_TABLE: return b->u.table.n_rows - (b->u.table.has_head ? 1 : 0);
    case B_CONTENTS: return b->u.contents.n;
    case B_FIGURE: return 1;
    default: return 0;
    }
}

static double full_height(const pdf_block *b)
{
    return nps_pdf_slice_height(b, 0, block_units(b));
}

/* The least a figure may shrink to: `allowed`, but never so far that chart
 * text prints below PRINT_MIN_PT (docs/charts.md, "Print sizes"). */
static double least_shrink(const pdf_block *b, double allowed)
{
    double readable = PRINT_MIN_PT / (NPS_CHART_TEXT_MIN_UNITS * b->u.fig.scale);
    return allowed < readable ? readable : allowed;
}

/* The least of b that must share a page with a heading kept before it:
 * two lines, a short table whole or two rows of a long one, a figure at
 * its smallest allowed size. */
static double first_height(const pdf_block *b, bool loose)
{
    size_t n = block_units(b);
    if (b->kind == B_FIGURE)
        return b->u.fig.h * least_shrink(b, loose ? FIG_SHRINK_FILL : FIG_SHRINK);
    if (loose && b->kind == B_TABLE && n >= TABLE_SPLIT_FILL)
        return nps_pdf_slice_height(b, 0, 3);
    if ((b->kind == B_TABLE || b->kind == B_CONTENTS) && n <= TABLE_KEEP_ROWS)
        return full_height(b);
    return nps_pdf_slice_height(b, 0, n < 2 ? n : 2);
}

/* A paragraph (not a heading) of 4 lines or more: on a page that would
 * stay half empty it ends its chain, and the next chain (a figure with its
 * caption) is measured anew. */
static bool long_text(const pdf_block *b)
{
    return b->kind == B_TEXT && b->heading == 0 && block_units(b) >= 4;
}

/* A short table that goes whole takes its kept note along (slice_fit
 * would otherwise move the whole table on, away from its caption). */
static double whole_tail(const pdf_doc *d, size_t k, bool loose)
{
    const pdf_block *b = &d->blocks[k], *next = k + 1 < d->n_blocks ? &d->blocks[k + 1] : NULL;
    size_t n = block_units(b);
    if (b->kind != B_TABLE || n > TABLE_KEEP_ROWS || (loose && n >= TABLE_SPLIT_FILL) || !next ||
        !next->keep_prev)
        return 0;
    return b->space_after + next->space_before + full_height(next);
}

/* Height needed on the current page by block i and the blocks it keeps
 * with it (space before the first block excluded). loose: the page is
 * less than half full, so a figure ends the chain (its table may follow on
 * the next page), may shrink further, and a short table may be split. */
static double chain_height(const pdf_doc *d, size_t i, bool loose)
{
    double h = 0;
    size_t k;
    for (k = i; k < d->n_blocks; k++) {
        const pdf_block *b = &d->blocks[k];
        if (b->kind == B_BREAK)
            break;
        if (k > i)
            h += b->space_before;
        if (!b->keep_next || k + 1 == d->n_blocks || (loose && b->kind == B_FIGURE) ||
            (loose && long_text(b))) {
            h += first_height(b, loose);
            h += whole_tail(d, k, loose);
            break;
        }
        h += full_height(b) + b->space_after;
    }
    return h;
}

static nps_error page_new(pdf_doc *d, size_t chapter)
{
    if (nps_grow((void **)&d->pages, &d->cap_pages, d->n_pages + 1, sizeof *d->pages, 64) != NPS_OK)
        return NPS_ERR_NOMEM;
    d->pages[d->n_pages++] = (pdf_page){d->n_places, 0, chapter};
    return NPS_OK;
}

static nps_error place_add(pdf_doc *d, size_t blk, size_t from, size_t to, double y, double shrink)
{
    if (nps_grow((void **)&d->places, &d->cap_places, d->n_places + 1,
                 sizeof *d->places, 512) != NPS_OK)
        return NPS_ERR_NOMEM;
    d->places[d->n_places++] = (pdf_place){blk, from, to, y, shrink};
    d->pages[d->n_pages - 1].n++;
    return NPS_OK;
}

/* How many units from `from` fit into `avail` points, with the rules:
 * a short table goes whole; at least 2 units on each page when the block
 * has 4 or more (a paragraph) / 3 or more (a table); and when `tail` (a
 * note kept with the block's end) does not fit after the last unit, the
 * last two units go over with it; a paragraph of 3 lines or fewer is not
 * split. 0: nothing should go on this page. */
static size_t slice_fit(const pdf_block *b, size_t from, double avail, double tail, bool loose)
{
    size_t n = block_units(b), to = from, min_keep = b->kind == B_TEXT ? 4 : 3;
    while (to < n && nps_pdf_slice_height(b, from, to + 1) <= avail + 0.01)
        to++;
    if (to == n && tail > 0 && nps_pdf_slice_height(b, from, n) + tail > avail + 0.01)
        to = n >= from + 2 ? n - 2 : from;
    if (b->kind == B_TABLE && from == 0 && n <= TABLE_KEEP_ROWS && to < n && !(loose && n >= TABLE_SPLIT_FILL))
        return 0;                        /* a short table is not split (unless the page would stay half empty) */
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
    bool loose;                /* the page is less than half full, or the chain was
                                  admitted so: figures may shrink to FIG_SHRINK_FILL, short tables split */
    bool chain_loose;          /* the page was less than half full where the chain began */
    size_t chapter;
} cursor;

/* Less than half of the page's text block is used: moving on now would
 * leave a page more than half empty. */
static bool half_empty(const cursor *c)
{
    return c->y - PDF_MARGIN_TOP < PDF_TEXT_H / 2;
}

static nps_error next_page(pdf_doc *d, cursor *c)
{
    nps_error err = page_new(d, c->chapter);
    c->y = PDF_MARGIN_TOP;
    c->empty = c->keep_top = true;
    c->loose = false;
    return err;
}

/* Place a figure whole: on this page (shrunk a little if that keeps it
 * here), or on the next. */
static nps_error place_figure(pdf_doc *d, cursor *c, size_t i)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    const pdf_block *b = &d->blocks[i];
    double h = b->u.fig.h, avail = bottom - c->y, shrink = 1.0;
    nps_error err = NPS_OK;

    if (h > avail) {
        double least = least_shrink(b, (c->empty || c->keep_top) ? FIG_SHRINK_TOP
                                       : c->loose                 ? FIG_SHRINK_FILL
                                                                  : FIG_SHRINK);
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
    const pdf_block *b = &d->blocks[i];
    const pdf_block *next = i + 1 < d->n_blocks ? &d->blocks[i + 1] : NULL;
    double tail = next && next->keep_prev ? b->space_after + next->space_before + full_height(next) : 0;
    size_t from = 0, n = block_units(b);
    nps_error err = NPS_OK;

    while (from < n && err == NPS_OK) {
        size_t k = slice_fit(b, from, bottom - c->y, tail, c->loose);
        if (k == 0 && c->empty)
            k = slice_fit(b, from, bottom - c->y, 0, false);
        if (k == 0 && c->empty)
            k = 1;                       /* taller than a page: place it anyway */
        if (k > 0) {
            err = place_add(d, i, from, from + k, c->y, 1.0);
            if (from == 0)
                d->block_page[i] = d->n_pages - 1;
            c->y += nps_pdf_slice_height(b, from, from + k);
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

/* A chain that begins on a page less than half full and misses the page
 * by no more than half of the space before it: that much of the space is
 * given up, so the chain stays rather than leave the page half empty
 * (docs/report.md, "Pages"). 0 when the chain fits or misses by more. */
static double chain_squeeze(const pdf_doc *d, const cursor *c, size_t i)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    const pdf_block *b = &d->blocks[i];
    double over;
    if (c->empty || c->keep_top || !c->chain_loose)
        return 0;
    over = c->y + b->space_before + chain_height(d, i, true) - bottom;
    return over > 0 && over + 0.01 <= b->space_before * SQUEEZE_SPACE ? over + 0.01 : 0;
}

/* ------------------------------------------------- table before figure */

/* At k, a question's figure and table: a figure caption and the figure
 * kept with a table caption and its table, maybe a note kept with the
 * table. The number of the table's blocks (2 or 3); 0 when it is not. */
static size_t figure_then_table(const pdf_doc *d, size_t k)
{
    const pdf_block *b = d->blocks;
    if (k + 3 >= d->n_blocks || b[k].list != PDF_LIST_FIGURES || b[k + 1].kind != B_FIGURE ||
        !b[k + 1].keep_next || b[k + 2].list != PDF_LIST_TABLES || b[k + 3].kind != B_TABLE)
        return 0;
    return k + 4 < d->n_blocks && d->blocks[k + 4].keep_prev ? 3 : 2;
}

/* Exchange the figure's 2 blocks at k with the table's t blocks after
 * them, or back (`back`), and re-point the contents entries at them. */
static void swap_figure_table(pdf_doc *d, size_t k, size_t t, bool back)
{
    size_t first = back ? t : 2, len = t + 2; /* the group now at k that goes last */
    pdf_block tmp[5];
    memcpy(tmp, &d->blocks[k], first * sizeof *tmp);
    memmove(&d->blocks[k], &d->blocks[k + first], (len - first) * sizeof *tmp);
    memcpy(&d->blocks[k + len - first], tmp, first * sizeof *tmp);
    for (size_t c = 0; c < d->n_blocks; c++) {
        pdf_contents_block *cb = &d->blocks[c].u.contents;
        if (d->blocks[c].kind != B_CONTENTS || !cb->entries)
            continue;
        for (size_t e = 0; e < cb->n; e++) {
            size_t *target = &cb->entries[e].target;
            if (*target >= k && *target < k + len)
                *target = *target < k + first ? *target + (len - first) : *target - first;
        }
    }
    /* figure first, it keeps with its table; table first, neither keeps */
    d->blocks[k + (back ? 1 : len - 1)].keep_next = back;
}

/* Height of blocks [i, end) placed whole one after the other. */
static double run_height(const pdf_doc *d, size_t i, size_t end)
{
    double h = 0;
    for (size_t k = i; k < end; k++)
        h += (k > i ? d->blocks[k].space_before : 0) + full_height(&d->blocks[k]) +
             (k + 1 < end ? d->blocks[k].space_after : 0);
    return h;
}

/* The chain at i (a question's heading, text and figure) does not fit on a
 * page that would stay more than half empty: when the question's table,
 * whole, fits there with what comes before it, the table goes first and
 * the figure follows (docs/report.md, "Pages"). True when swapped. */
static bool table_first(pdf_doc *d, const cursor *c, size_t i)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    size_t k = i, t;
    while (k < d->n_blocks && d->blocks[k].keep_next && d->blocks[k].kind != B_FIGURE && !figure_then_table(d, k))
        k++;
    t = k < d->n_blocks ? figure_then_table(d, k) : 0;
    if (t == 0)
        return false;
    swap_figure_table(d, k, t, false);
    if (c->y + d->blocks[i].space_before + run_height(d, i, k + t) <= bottom)
        return true;
    swap_figure_table(d, k, t, true);
    return false;
}

nps_error nps_pdf_doc_paginate(pdf_doc *d, int cover_pages)
{
    const double bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    cursor c = {PDF_MARGIN_TOP, true, true, false, false, SIZE_MAX};
    bool chain_start;
    double squeeze;
    size_t i;

    if (d->err != NPS_OK)
        return d->err;
    d->cover_pages = cover_pages;
    d->n_pages = d->n_places = 0;
    nps_free(d->block_page);
    d->block_page = nps_calloc(d->n_blocks ? d->n_blocks : 1, sizeof *d->block_page);
    if (!d->block_page || page_new(d, c.chapter) != NPS_OK)
        return nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    for (i = 0; i < d->n_blocks && d->err == NPS_OK; i++) {
        pdf_block *b = &d->blocks[i];
        if (b->kind == B_CONTENTS && !b->u.contents.entries && nps_pdf_doc_fail(d, nps_pdf_contents_build(d, b)) != NPS_OK)
            break;
        d->block_page[i] = d->n_pages - 1;
        if (b->kind == B_BREAK || (b->kind == B_SPACE && !c.empty && c.y + b->u.space > bottom)) {
            if (!c.empty)
                nps_pdf_doc_fail(d, next_page(d, &c));
            continue;
        }
        if (b->kind == B_SPACE) {
            c.y += b->u.space;
            continue;
        }
        if (b->heading == 1)
            d->pages[d->n_pages - 1].chapter = c.chapter = i;
        /* a chain (a block and those it keeps with) is measured where it
         * starts, with the rules of that moment, and placed with them */
        if (i == 0 || !d->blocks[i - 1].keep_next || d->blocks[i - 1].kind == B_FIGURE ||
            (c.chain_loose && long_text(&d->blocks[i - 1]))) {
            c.chain_loose = half_empty(&c);
            chain_start = true;
        } else {
            chain_start = false;
        }
        c.loose = c.chain_loose || half_empty(&c);
        squeeze = chain_start ? chain_squeeze(d, &c, i) : 0;
        if (getenv("PAGDBG") && chain_start) {FILE*df=fopen(getenv("PAGDBG"),"a"); fprintf(df, "p%zu blk%zu kind%d head%d y=%.1f fill=%.3f chain=%.1f chainloose=%.1f bottom=%.1f figh=%.1f\n", d->n_pages, i, b->kind, b->heading, c.y, (c.y-PDF_MARGIN_TOP)/PDF_TEXT_H, chain_height(d,i,false), chain_height(d,i,true), bottom, b->kind==B_FIGURE?b->u.fig.h:0.0); for(size_t q=i;q<i+6&&q<d->n_blocks;q++) fprintf(df,"   blk%zu kind%d keep%d sb=%.1f sa=%.1f full=%.1f figh=%.1f least=%.3f\n",q,d->blocks[q].kind,d->blocks[q].keep_next,d->blocks[q].space_before,d->blocks[q].space_after,full_height(&d->blocks[q]),d->blocks[q].kind==B_FIGURE?d->blocks[q].u.fig.h:0.0,d->blocks[q].kind==B_FIGURE?least_shrink(&d->blocks[q],FIG_SHRINK_FILL):0.0); fclose(df);}
        if (chain_start && !c.empty && !c.keep_top && c.y + b->space_before - squeeze + chain_height(d, i, c.chain_loose) > bottom &&
            !(half_empty(&c) && table_first(d, &c, i)))
            if (nps_pdf_doc_fail(d, next_page(d, &c)) != NPS_OK)
                break;
        if (!c.empty)
            c.y += b->space_before - squeeze;
        d->block_page[i] = d->n_pages - 1;
        nps_pdf_doc_fail(d, b->kind == B_FIGURE ? place_figure(d, &c, i) : place_units(d, &c, i));
        c.empty = false;
        if (!b->keep_next || b->kind == B_FIGURE)
            c.keep_top = false;          /* a figure's table may still go to the next page */
        c.y += b->space_after;
    }
    /* A trailing empty page (after a final break) is not printed. */
    if (d->n_pages > 1 && d->pages[d->n_pages - 1].n == 0)
        d->n_pages--;
    return d->err;
}

size_t nps_pdf_doc_page_count(const pdf_doc *d)
{
    return d ? d->n_pages : 0;
}

/* ----------------------------------------------------------- inspection */

size_t nps_pdf_doc_block_count(const pdf_doc *d)
{
    return d->n_blocks;
}

int nps_pdf_doc_block_heading(const pdf_doc *d, size_t i)
{
    return i < d->n_blocks ? d->blocks[i].heading : 0;
}

bool nps_pdf_doc_block_keeps_next(const pdf_doc *d, size_t i)
{
    return i < d->n_blocks && d->blocks[i].keep_next;
}

bool nps_pdf_doc_block_pages(const pdf_doc *d, size_t i, size_t *first, size_t *last)
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

static double place_height(const pdf_doc *d, const pdf_place *p)
{
    const pdf_block *b = &d->blocks[p->block];
    return b->kind == B_FIGURE ? b->u.fig.h * p->shrink : nps_pdf_slice_height(b, p->from, p->to);
}

size_t nps_pdf_doc_page_extent(const pdf_doc *d, size_t p, double *top, double *bottom)
{
    size_t k;
    *top = PDF_PAGE_H;
    *bottom = 0;
    if (p >= d->n_pages)
        return 0;
    for (k = 0; k < d->pages[p].n; k++) {
        const pdf_place *pl = &d->places[d->pages[p].first + k];
        double h = place_height(d, pl);
        if (pl->y < *top)
            *top = pl->y;
        if (pl->y + h > *bottom)
            *bottom = pl->y + h;
    }
    return d->pages[p].n;
}
