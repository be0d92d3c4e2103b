/*
 * chart.c — the public chart API of chart.h: input validation, the table of
 * chart kinds (kind → build function of chart_bars.c … chart_gap.c), the
 * layout object's life and accessors, and painting a layout on cairo.
 *
 * Invariants:
 *   - nps_chart_measure() validates every input string as UTF-8 before any
 *     of it reaches pango (invalid UTF-8 would put cairo into a sticky error
 *     state and the chart would silently come out blank);
 *   - a layout is immutable once measured; nps_chart_draw() paints exactly
 *     the boxes tests inspect: shapes in insertion order, then texts;
 *   - every kind of nps_chart_kind has exactly one row in chart_kinds[].
 * Ownership: a measured layout belongs to the caller (nps_chart_layout_free).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "draw/chart_kinds.h"

#define MAX_ROWS 10000     /* rows, segments, nodes, points: a sanity limit */

/* Every chart kind and the function that lays it out. */
static const struct {
    nps_chart_kind kind;
    nps_error (*build)(nps_chart_layout *l, const nps_chart *c);
} chart_kinds[] = {
    {NPS_CHART_BARS, nps_chart_build_bars},
    {NPS_CHART_STACKED, nps_chart_build_stacked},
    {NPS_CHART_DONUT, nps_chart_build_donut},
    {NPS_CHART_STARS, nps_chart_build_stars},
    {NPS_CHART_SANKEY, nps_chart_build_sankey},
    {NPS_CHART_GAP, nps_chart_build_gap},
    {NPS_CHART_THEMES, nps_chart_build_bars},
    {NPS_CHART_DUMBBELL, nps_chart_build_dumbbell},
};


/* ----------------------------------------------------------------- layout */

static PangoFontDescription *font_new(double px, int bold)
{
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, NPS_FONT_FAMILY);
    pango_font_description_set_absolute_size(d, px * PANGO_SCALE);
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    return d;
}

static nps_error layout_new(nps_fonts *fonts, double width, nps_chart_layout **out)
{
    /* No text below 12 units: the report prints a chart at 0.744 pt per unit
     * and may shrink it to 4/5 to keep it on its page, so 12 units print at
     * 7.1 pt or more (docs/charts.md, "Print sizes"). */
    static const double px[FONT_COUNT] = {16.0, 13.0, 12.0, 12.0, 12.0, 12.0};
    static const int bold[FONT_COUNT] = {1, 0, 0, 0, 1, 0};
    nps_chart_layout *l = g_try_new0(nps_chart_layout, 1);
    int i;

    *out = NULL;
    if (!l)
        return NPS_ERR_NOMEM;
    l->width = width;
    l->ctx = nps_fonts_context(fonts);
    for (i = 0; i < FONT_COUNT; i++)
        l->fonts[i] = font_new(px[i], bold[i]);
    if (!l->ctx) {
        nps_chart_layout_free(l);
        return NPS_ERR_NOMEM;
    }
    *out = l;
    return NPS_OK;
}

void nps_chart_layout_free(nps_chart_layout *l)
{
    size_t i;
    int f;

    if (!l)
        return;
    for (i = 0; i < l->n_texts; i++)
        g_object_unref(l->texts[i].layout);
    g_free(l->texts);
    g_free(l->boxes);
    g_free(l->shapes);
    for (f = 0; f < FONT_COUNT; f++)
        if (l->fonts[f])
            pango_font_description_free(l->fonts[f]);
    if (l->ctx)
        g_object_unref(l->ctx);
    g_free(l);
}

double nps_chart_layout_width(const nps_chart_layout *l) { return l->width; }
double nps_chart_layout_height(const nps_chart_layout *l) { return l->height; }
size_t nps_chart_layout_box_count(const nps_chart_layout *l) { return l->n_texts; }

const nps_chart_box *nps_chart_layout_box(const nps_chart_layout *l, size_t i)
{
    return i < l->n_texts ? &l->boxes[i] : NULL;
}

/* ------------------------------------------------------------- validation */

static int utf8_ok(const char *s)
{
    return !s || g_utf8_validate(s, -1, NULL);
}

static nps_error check_items(const nps_chart_bars *b)
{
    size_t i;

    if (b->n_items > MAX_ROWS)
        return NPS_ERR_LIMIT;
    if (b->n_items && !b->items)
        return NPS_ERR_USAGE;
    if (!utf8_ok(b->unit))
        return NPS_ERR_ENCODING;
    if (!isfinite(b->axis_max) || b->axis_max < 0)
        return NPS_ERR_USAGE;
    for (i = 0; i < b->n_items; i++) {
        if (!utf8_ok(b->items[i].label))
            return NPS_ERR_ENCODING;
        if (b->items[i].count < 0)
            return NPS_ERR_USAGE;
    }
    return NPS_OK;
}

static nps_error check_stacked(const nps_chart_stacked *s)
{
    size_t i, j;

    if (s->n_rows > MAX_ROWS || s->n_segments > MAX_ROWS)
        return NPS_ERR_LIMIT;
    if ((s->n_rows && !s->rows) || (s->n_segments && !s->segments))
        return NPS_ERR_USAGE;
    for (j = 0; j < s->n_segments; j++)
        if (!utf8_ok(s->segments[j].label))
            return NPS_ERR_ENCODING;
    for (i = 0; i < s->n_rows; i++) {
        if (!utf8_ok(s->rows[i].label))
            return NPS_ERR_ENCODING;
        if (s->n_segments && !s->rows[i].counts)
            return NPS_ERR_USAGE;
        for (j = 0; j < s->n_segments; j++)
            if (s->rows[i].counts[j] < 0)
                return NPS_ERR_USAGE;
    }
    return NPS_OK;
}

static nps_error check_sankey(const nps_chart_sankey *s)
{
    size_t i;

    if (s->n_nodes > MAX_ROWS)
        return NPS_ERR_LIMIT;
    if (s->n_nodes && !s->nodes)
        return NPS_ERR_USAGE;
    for (i = 0; i < s->n_nodes; i++) {
        if (!utf8_ok(s->nodes[i].label))
            return NPS_ERR_ENCODING;
        if (s->nodes[i].count < 0 || s->nodes[i].parent < -1 ||
            (s->nodes[i].parent >= 0 && (size_t)s->nodes[i].parent >= i))
            return NPS_ERR_USAGE;
    }
    return NPS_OK;
}

static nps_error check_gap(const nps_chart_gap *g)
{
    size_t i;

    if (g->n_points > MAX_ROWS)
        return NPS_ERR_LIMIT;
    if (g->n_points && !g->points)
        return NPS_ERR_USAGE;
    if (!utf8_ok(g->x_title) || !utf8_ok(g->y_title) || !utf8_ok(g->high_label) ||
        !utf8_ok(g->low_label))
        return NPS_ERR_ENCODING;
    for (i = 0; i < g->n_points; i++) {
        if (!utf8_ok(g->points[i].label))
            return NPS_ERR_ENCODING;
        if (g->points[i].x < 0 || g->points[i].y < 0)
            return NPS_ERR_USAGE;
        if (g->points[i].x > 1e9 || g->points[i].y > 1e9)   /* not organisations or people */
            return NPS_ERR_LIMIT;
    }
    return NPS_OK;
}

static nps_error check_dumbbell(const nps_chart_dumbbell *b)
{
    size_t i;

    if (b->n_rows > MAX_ROWS)
        return NPS_ERR_LIMIT;
    if (b->n_rows && !b->rows)
        return NPS_ERR_USAGE;
    if (!utf8_ok(b->old_label) || !utf8_ok(b->new_label))
        return NPS_ERR_ENCODING;
    for (i = 0; i < b->n_rows; i++) {
        const nps_chart_dumbbell_row *r = &b->rows[i];
        if (!utf8_ok(r->label))
            return NPS_ERR_ENCODING;
        if (!(r->old_percent >= 0 && r->old_percent <= 100 && r->new_percent >= 0 && r->new_percent <= 100) ||
            !(r->low <= r->high) || !isfinite(r->low) || !isfinite(r->high))
            return NPS_ERR_USAGE;
    }
    return NPS_OK;
}

static nps_error chart_validate(const nps_chart *c)
{
    if (!utf8_ok(c->title) || !utf8_ok(c->subtitle) || !utf8_ok(c->base_label) ||
        !utf8_ok(c->note))
        return NPS_ERR_ENCODING;
    if (c->base < 0)
        return NPS_ERR_USAGE;
    switch (c->kind) {
    case NPS_CHART_BARS:
    case NPS_CHART_THEMES:
    case NPS_CHART_DONUT:
        return check_items(&c->bars);
    case NPS_CHART_STARS: {
        int i;
        if (c->stars.missing < 0)
            return NPS_ERR_USAGE;
        for (i = 0; i < 10; i++)
            if (c->stars.counts[i] < 0)
                return NPS_ERR_USAGE;
        return NPS_OK;
    }
    case NPS_CHART_STACKED:
        return check_stacked(&c->stacked);
    case NPS_CHART_SANKEY:
        return check_sankey(&c->sankey);
    case NPS_CHART_GAP:
        return check_gap(&c->gap);
    case NPS_CHART_DUMBBELL:
        return check_dumbbell(&c->dumbbell);
    }
    return NPS_ERR_USAGE;
}

/* ---------------------------------------------------------- measure, draw */

static nps_error kind_build(nps_chart_layout *l, const nps_chart *c)
{
    size_t i;

    for (i = 0; i < sizeof chart_kinds / sizeof chart_kinds[0]; i++)
        if (chart_kinds[i].kind == c->kind)
            return chart_kinds[i].build(l, c);
    return NPS_ERR_USAGE;
}

nps_error nps_chart_measure(nps_fonts *fonts, const nps_chart *chart, double width,
                            nps_chart_layout **out)
{
    nps_chart_layout *l = NULL;
    nps_error err;

    if (out)
        *out = NULL;
    if (!fonts || !chart || !out || !isfinite(width) || width < NPS_CHART_MIN_WIDTH ||
        width > 20000.0)
        return NPS_ERR_USAGE;
    err = chart_validate(chart);
    if (err != NPS_OK)
        goto cleanup;
    err = layout_new(fonts, width, &l);
    if (err != NPS_OK)
        goto cleanup;
    err = kind_build(l, chart);
    if (err == NPS_OK)
        err = l->err;
    if (err != NPS_OK)
        goto cleanup;
    *out = l;
    l = NULL;

cleanup:
    nps_chart_layout_free(l);
    return err;
}

static void set_source(cairo_t *cr, chart_rgba c)
{
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static void shape_path(cairo_t *cr, const chart_shape *s)
{
    const double *g = s->g;
    double mid;

    switch (s->kind) {
    case SHAPE_RECT:
        cairo_rectangle(cr, g[0], g[1], g[2], g[3]);
        break;
    case SHAPE_LINE:
        cairo_move_to(cr, g[0], g[1]);
        cairo_line_to(cr, g[2], g[3]);
        break;
    case SHAPE_CIRCLE:
        cairo_new_sub_path(cr);
        cairo_arc(cr, g[0], g[1], g[2], 0, 2 * G_PI);
        cairo_close_path(cr);
        break;
    case SHAPE_WEDGE:
        cairo_new_sub_path(cr);
        cairo_arc(cr, g[0], g[1], g[3], g[4], g[5]);
        cairo_arc_negative(cr, g[0], g[1], g[2], g[5], g[4]);
        cairo_close_path(cr);
        break;
    case SHAPE_BAND:
        mid = (g[0] + g[3]) / 2;
        cairo_move_to(cr, g[0], g[1]);
        cairo_curve_to(cr, mid, g[1], mid, g[4], g[3], g[4]);
        cairo_line_to(cr, g[3], g[5]);
        cairo_curve_to(cr, mid, g[5], mid, g[2], g[0], g[2]);
        cairo_close_path(cr);
        break;
    }
}

static void draw_shape(cairo_t *cr, const chart_shape *s)
{
    static const double dash[] = {4.0, 3.0};

    cairo_new_path(cr);
    shape_path(cr, s);
    if (s->fill.a > 0.0) {
        set_source(cr, s->fill);
        if (s->stroke.a > 0.0)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (s->stroke.a > 0.0) {
        set_source(cr, s->stroke);
        cairo_set_line_width(cr, s->line_width > 0 ? s->line_width : 1.0);
        cairo_set_dash(cr, dash, s->dashed ? 2 : 0, 0);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

nps_error nps_chart_draw(const nps_chart_layout *l, cairo_t *cr)
{
    size_t i;

    if (!l || !cr)
        return NPS_ERR_USAGE;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return NPS_ERR_RENDER;
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_rectangle(cr, 0, 0, l->width, l->height);
    set_source(cr, CHART_WHITE);
    cairo_fill(cr);
    for (i = 0; i < l->n_shapes; i++)
        draw_shape(cr, &l->shapes[i]);
    for (i = 0; i < l->n_texts; i++) {
        cairo_move_to(cr, l->texts[i].ox, l->texts[i].oy);
        set_source(cr, l->texts[i].color);
        pango_cairo_show_layout(cr, l->texts[i].layout);
    }
    cairo_restore(cr);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? NPS_OK : NPS_ERR_RENDER;
}

nps_error nps_chart_draw_fn(cairo_t *cr, void *layout)
{
    return nps_chart_draw((const nps_chart_layout *)layout, cr);
}

nps_error nps_chart_render_file(nps_fonts *fonts, const nps_chart *chart, double width,
                                nps_render_format format, const char *path,
                                const nps_render_options *opt)
{
    nps_chart_layout *l = NULL;
    nps_error err;

    if (width <= 0.0)
        width = NPS_CHART_WIDTH;
    err = nps_chart_measure(fonts, chart, width, &l);
    if (err != NPS_OK)
        goto cleanup;
    err = nps_render_file(path, format, l->width, l->height, nps_chart_draw_fn, l, opt);

cleanup:
    nps_chart_layout_free(l);
    return err;
}
