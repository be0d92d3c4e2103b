/*
 * chart.h — the report's figures, drawn with cairo + pango (docs/charts.md).
 *
 * Inputs are plain data (nps_chart and the per-kind structs of
 * present/chart_spec.h, which needs no cairo), not tied to the dataset: the
 * report layer fills them from tables, flows, gap rows and theme counts.
 * All strings are UTF-8 and borrowed: they need to live
 * only during nps_chart_measure(); the layout copies what it keeps.
 *
 * Two steps:
 *   1. nps_chart_measure(fonts, chart, width, &layout) computes the whole
 *      figure for a fixed width: every text is a pango layout placed as a box
 *      (nps_chart_box, logical and ink rectangles in canvas units), every
 *      bar, band, wedge and point a shape; the height follows from the
 *      content. Nothing is drawn yet, and tests inspect the boxes.
 *   2. nps_chart_draw(layout, cr) paints exactly that layout on the caller's
 *      cairo_t, in user space (0,0)–(width,height); surfaces and files belong
 *      to the caller (render.h renders it to SVG/PNG/PDF).
 *
 * Layout invariants, whatever the data (long labels, 0 rows, 37 rows, 0% and
 * 100% segments, every answer missing): every text box lies inside the
 * canvas; no two text boxes overlap; a value label drawn inside a bar
 * segment or donut wedge lies inside it (otherwise it is omitted — the
 * legend and table carry the number); long labels wrap (word, then
 * character) and rows grow to fit. Rows of role OTHER / NONE / MISSING are
 * drawn after the options, in that order; MISSING (無回答) is always grey.
 *
 * Errors: NPS_ERR_ENCODING when any input string is not valid UTF-8 (cairo
 * and pango would otherwise draw a blank chart), NPS_ERR_USAGE for
 * inconsistent input (NULL arrays with a count, negative counts, a Sankey
 * parent that does not precede its child, a width below NPS_CHART_MIN_WIDTH),
 * NPS_ERR_LIMIT (over 10,000 rows / points / nodes, a Sankey deeper than 16
 * levels or too deep for the width), NPS_ERR_NOMEM, NPS_ERR_RENDER when cairo
 * ends in an error state. See docs/charts.md.
 */
#ifndef NPS_CHART_H
#define NPS_CHART_H

#include <stddef.h>
#include <cairo.h>
#include "present/chart_spec.h"
#include "draw/fonts.h"
#include "base/error.h"
#include "draw/render.h"

#define NPS_CHART_WIDTH 800.0      /* the report's figure width, in units (px / pt) */
#define NPS_CHART_MIN_WIDTH 320.0

/* What a text box is, for tests and for the report layer. */
typedef enum nps_box_role {
    NPS_BOX_TITLE,
    NPS_BOX_SUBTITLE,
    NPS_BOX_BASE,       /* n=65 */
    NPS_BOX_LABEL,      /* row, node, point and slice labels */
    NPS_BOX_VALUE,      /* 27.7%（18） */
    NPS_BOX_AXIS,       /* tick labels, axis titles */
    NPS_BOX_LEGEND,
    NPS_BOX_NOTE
} nps_box_role;

/* A placed text, in canvas units. (x, y, width, height) is pango's logical
 * rectangle, (ink_*) its ink rectangle. When `inside` is set the text was
 * placed inside a shape — the rectangle (cx, cy, cw, ch) — and stays in it. */
typedef struct nps_chart_box {
    nps_box_role role;
    const char *text;             /* owned by the layout */
    double x, y, width, height;
    double ink_x, ink_y, ink_width, ink_height;
    int inside;
    double cx, cy, cw, ch;
} nps_chart_box;

typedef struct nps_chart_layout nps_chart_layout;

/* Lay out `chart` for a canvas `width` units wide (NPS_CHART_WIDTH for the
 * report). On success *out is owned by the caller (nps_chart_layout_free). */
nps_error nps_chart_measure(nps_fonts *fonts, const nps_chart *chart, double width,
                            nps_chart_layout **out);
void nps_chart_layout_free(nps_chart_layout *layout);

double nps_chart_layout_width(const nps_chart_layout *layout);
double nps_chart_layout_height(const nps_chart_layout *layout);
size_t nps_chart_layout_box_count(const nps_chart_layout *layout);
const nps_chart_box *nps_chart_layout_box(const nps_chart_layout *layout, size_t i);

/* Paint the layout on cr (white background first). The cairo state is saved
 * and restored; cr's transformation places and scales the canvas.
 * NPS_ERR_RENDER if cr is, or ends, in an error state. */
nps_error nps_chart_draw(const nps_chart_layout *layout, cairo_t *cr);

/* nps_render_fn adapter: ctx is a const nps_chart_layout *. */
nps_error nps_chart_draw_fn(cairo_t *cr, void *layout);

/* Measure, then render to `path` in `format` (see render.h); width 0 means
 * NPS_CHART_WIDTH. opt may be NULL. */
nps_error nps_chart_render_file(nps_fonts *fonts, const nps_chart *chart, double width,
                                nps_render_format format, const char *path,
                                const nps_render_options *opt);

/* The smallest text of any chart, in layout units (chart.c's font table):
 * a page layout that shrinks a chart keeps this at 7 pt or more. */
#define NPS_CHART_TEXT_MIN_UNITS 12.0

#endif
