/*
 * chart_layout.c — the toolkit every chart kind builds with: colours,
 * measuring and placing texts, shapes, number formats, axis steps, and the
 * header / footer / legend / value-axis pieces. It calls no chart kind: the
 * kinds (chart_bars.c … chart_gap.c) call it, and chart.c dispatches to
 * them.
 *
 * Invariants:
 *   - all measuring goes through the layout's pango context (from nps_fonts,
 *     hinting off), so a box measured here is the box drawn on any surface
 *     at any scale;
 *   - the layout's error is sticky (chart_internal.h): after a failed
 *     allocation every add is a no-op;
 *   - a placed text's PangoLayout is owned by the layout from then on.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "draw/chart_internal.h"

/* ---------------------------------------------------------------- colours */

/* The colours themselves are plain data in present/palette.c. */
chart_rgba nps_chart_rgb(nps_rgb c)
{
    chart_rgba o = {c.r, c.g, c.b, 1.0};
    return o;
}

chart_rgba nps_chart_okabe_ito(size_t i)
{
    return nps_chart_rgb(nps_palette_categorical(i));
}

chart_rgba nps_chart_scale_colour(nps_chart_palette p, size_t i, size_t k)
{
    return nps_chart_rgb(nps_palette_ordered(i, k, p));
}

static double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

chart_rgba nps_chart_text_on(chart_rgba bg)
{
    double lum = 0.2126 * linear(bg.r) + 0.7152 * linear(bg.g) + 0.0722 * linear(bg.b);
    double ink_lum = 0.2126 * linear(CHART_INK.r) + 0.7152 * linear(CHART_INK.g) +
                     0.0722 * linear(CHART_INK.b);
    double with_white = 1.05 / (lum + 0.05);
    double with_ink = (lum + 0.05) / (ink_lum + 0.05);
    return with_white > with_ink ? CHART_WHITE : CHART_INK;
}

chart_rgba nps_chart_with_alpha(chart_rgba c, double a)
{
    c.a = a;
    return c;
}

int nps_chart_role_rank(nps_chart_role role)
{
    switch (role) {
    case NPS_ROLE_OTHER: return 1;
    case NPS_ROLE_NONE: return 2;
    case NPS_ROLE_MISSING: return 3;
    default: return 0;
    }
}

/* ------------------------------------------------------------------- text */

chart_text nps_chart_text_new(nps_chart_layout *l, const char *s, enum chart_font font,
                          double max_w, PangoAlignment align)
{
    chart_text t;
    PangoRectangle ink, logical;

    memset(&t, 0, sizeof t);
    if (l->err != NPS_OK)
        return t;
    t.layout = pango_layout_new(l->ctx);
    if (!t.layout) {
        l->err = NPS_ERR_NOMEM;
        return t;
    }
    pango_layout_set_font_description(t.layout, l->fonts[font]);
    {   /* valid for pango and laid out in bounded time (docs/robustness.md) */
        char *valid = nps_text_for_layout(s ? s : "", 2000, "…");
        if (!valid) {
            g_object_unref(t.layout);
            t.layout = NULL;
            l->err = NPS_ERR_NOMEM;
            return t;
        }
        pango_layout_set_text(t.layout, valid, -1);
        nps_free(valid);
    }
    if (max_w > 0.0) {
        pango_layout_set_width(t.layout, (int)floor(max_w * PANGO_SCALE));
        pango_layout_set_wrap(t.layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(t.layout, align);
    pango_layout_get_extents(t.layout, &ink, &logical);
    t.lx = logical.x / (double)PANGO_SCALE;
    t.ly = logical.y / (double)PANGO_SCALE;
    t.w = logical.width / (double)PANGO_SCALE;
    t.h = logical.height / (double)PANGO_SCALE;
    t.ix = ink.x / (double)PANGO_SCALE;
    t.iy = ink.y / (double)PANGO_SCALE;
    t.iw = ink.width / (double)PANGO_SCALE;
    t.ih = ink.height / (double)PANGO_SCALE;
    return t;
}

void nps_chart_text_free(chart_text *t)
{
    if (t && t->layout) {
        g_object_unref(t->layout);
        t->layout = NULL;
    }
}

static int texts_grow(nps_chart_layout *l)
{
    size_t cap;
    chart_placed *texts;
    nps_chart_box *boxes;

    if (l->n_texts < l->cap_texts)
        return 1;
    cap = l->cap_texts ? l->cap_texts * 2 : 64;
    texts = g_try_renew(chart_placed, l->texts, cap);
    if (!texts)
        return 0;
    l->texts = texts;
    boxes = g_try_renew(nps_chart_box, l->boxes, cap);
    if (!boxes)
        return 0;
    l->boxes = boxes;
    l->cap_texts = cap;
    return 1;
}

static void place(nps_chart_layout *l, chart_text *t, double x, double y, chart_rgba color,
                  nps_box_role role, const double *inside)
{
    chart_placed *p;
    nps_chart_box *b;

    if (!t->layout)
        return;
    if (l->err != NPS_OK || !texts_grow(l)) {
        if (l->err == NPS_OK)
            l->err = NPS_ERR_NOMEM;
        nps_chart_text_free(t);
        return;
    }
    p = &l->texts[l->n_texts];
    b = &l->boxes[l->n_texts];
    l->n_texts++;
    p->layout = t->layout;
    p->ox = x - t->lx;
    p->oy = y - t->ly;
    p->color = color;
    memset(b, 0, sizeof *b);
    b->role = role;
    b->text = pango_layout_get_text(p->layout);
    b->x = x;
    b->y = y;
    b->width = t->w;
    b->height = t->h;
    b->ink_x = p->ox + t->ix;
    b->ink_y = p->oy + t->iy;
    b->ink_width = t->iw;
    b->ink_height = t->ih;
    if (inside) {
        b->inside = 1;
        b->cx = inside[0];
        b->cy = inside[1];
        b->cw = inside[2];
        b->ch = inside[3];
    }
    t->layout = NULL;
}

void nps_chart_text_place(nps_chart_layout *l, chart_text *t, double x, double y,
                      chart_rgba color, nps_box_role role)
{
    place(l, t, x, y, color, role, NULL);
}

void nps_chart_text_place_inside(nps_chart_layout *l, chart_text *t, double x, double y,
                             chart_rgba color, nps_box_role role,
                             double cx, double cy, double cw, double ch)
{
    double r[4] = {cx, cy, cw, ch};
    place(l, t, x, y, color, role, r);
}

/* ----------------------------------------------------------------- shapes */

static chart_shape *shape_new(nps_chart_layout *l, enum chart_shape_kind kind)
{
    chart_shape *s;

    if (l->err != NPS_OK)
        return NULL;
    if (l->n_shapes == l->cap_shapes) {
        size_t cap = l->cap_shapes ? l->cap_shapes * 2 : 128;
        chart_shape *shapes = g_try_renew(chart_shape, l->shapes, cap);
        if (!shapes) {
            l->err = NPS_ERR_NOMEM;
            return NULL;
        }
        l->shapes = shapes;
        l->cap_shapes = cap;
    }
    s = &l->shapes[l->n_shapes++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    return s;
}

static void set_g(chart_shape *s, double a, double b, double c, double d, double e, double f)
{
    s->g[0] = a; s->g[1] = b; s->g[2] = c; s->g[3] = d; s->g[4] = e; s->g[5] = f;
}

void nps_chart_add_rect(nps_chart_layout *l, double x, double y, double w, double h, chart_rgba fill)
{
    chart_shape *s = shape_new(l, SHAPE_RECT);
    if (!s)
        return;
    s->fill = fill;
    set_g(s, x, y, w, h, 0, 0);
}

void nps_chart_add_rect_outline(nps_chart_layout *l, double x, double y, double w, double h,
                            chart_rgba stroke, double lw)
{
    chart_shape *s = shape_new(l, SHAPE_RECT);
    if (!s)
        return;
    s->stroke = stroke;
    s->line_width = lw;
    set_g(s, x, y, w, h, 0, 0);
}

void nps_chart_add_line(nps_chart_layout *l, double x0, double y0, double x1, double y1,
                    chart_rgba stroke, double lw, int dashed)
{
    chart_shape *s = shape_new(l, SHAPE_LINE);
    if (!s)
        return;
    s->stroke = stroke;
    s->line_width = lw;
    s->dashed = dashed;
    set_g(s, x0, y0, x1, y1, 0, 0);
}

void nps_chart_add_circle(nps_chart_layout *l, double cx, double cy, double r,
                      chart_rgba fill, chart_rgba stroke, double lw)
{
    chart_shape *s = shape_new(l, SHAPE_CIRCLE);
    if (!s)
        return;
    s->fill = fill;
    s->stroke = stroke;
    s->line_width = lw;
    set_g(s, cx, cy, r, 0, 0, 0);
}

void nps_chart_add_wedge(nps_chart_layout *l, double cx, double cy, double r0, double r1,
                     double a0, double a1, chart_rgba fill)
{
    chart_shape *s = shape_new(l, SHAPE_WEDGE);
    if (!s)
        return;
    s->fill = fill;
    if (a1 - a0 < 2 * G_PI - 1e-9) {      /* a full ring gets no seam */
        s->stroke = CHART_WHITE;
        s->line_width = 1.5;
    }
    set_g(s, cx, cy, r0, r1, a0, a1);
}

void nps_chart_add_band(nps_chart_layout *l, double x0, double y0t, double y0b,
                    double x1, double y1t, double y1b, chart_rgba fill)
{
    chart_shape *s = shape_new(l, SHAPE_BAND);
    if (!s)
        return;
    s->fill = fill;
    set_g(s, x0, y0t, y0b, x1, y1t, y1b);
}

/* ---------------------------------------------------------------- numbers */

void nps_chart_fmt_count(long count, char *buf, size_t size)
{
    char digits[32];
    char out[48];
    size_t n, i, o = 0;
    int neg = count < 0;
    unsigned long v = neg ? 0UL - (unsigned long)count : (unsigned long)count;

    snprintf(digits, sizeof digits, "%lu", v);
    n = strlen(digits);
    if (neg)
        out[o++] = '-';
    for (i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

void nps_chart_fmt_number(double v, char *buf, size_t size)
{
    if (fabs(v - floor(v + 0.5)) < 1e-9 && fabs(v) < 1e15)
        nps_chart_fmt_count((long)floor(v + 0.5), buf, size);
    else
        snprintf(buf, size, "%.1f", v);
}

void nps_chart_fmt_value(nps_chart_values mode, long count, long base, const char *unit,
                     char *buf, size_t size)
{
    char pct[32], cnt[40];

    nps_format_percent(nps_percent_of(count, base), pct, sizeof pct);
    nps_chart_fmt_count(count, cnt, sizeof cnt);
    switch (mode) {
    case NPS_VALUES_PERCENT:
        snprintf(buf, size, "%s", pct);
        break;
    case NPS_VALUES_COUNT:
        snprintf(buf, size, "%s%s", cnt, unit ? unit : "");
        break;
    default:
        snprintf(buf, size, "%s（%s%s）", pct, cnt, unit ? unit : "");
        break;
    }
}

void nps_chart_axis(double vmax, double fixed_max, double cap, int integer, int max_ticks,
                double *step, double *amax)
{
    static const double mult[] = {1.0, 2.0, 2.5, 5.0};
    int e;
    size_t m;

    if (!(vmax > 0.0) || !isfinite(vmax))
        vmax = 0.0;
    if (max_ticks < 1)
        max_ticks = 1;
    if (max_ticks > 10)
        max_ticks = 10;                       /* more ticks only add clutter */
    for (e = -1; e <= 15; e++) {
        for (m = 0; m < sizeof mult / sizeof mult[0]; m++) {
            double s = mult[m] * pow(10.0, e);
            double end;
            if (mult[m] == 2.5 && e < 1)
                continue;                     /* 0.25 and 2.5 make ugly ticks */
            if (integer && s < 1.0)
                continue;
            if (fixed_max > 0.0) {
                double k = fixed_max / s;
                if (fabs(k - floor(k + 0.5)) > 1e-9)
                    continue;
                end = fixed_max;
            } else {
                end = ceil(vmax / s - 1e-9) * s;
                if (end < s)
                    end = s;
                if (cap > 0.0 && end > cap && vmax <= cap)
                    continue;
            }
            if (end / s <= max_ticks + 1e-9) {
                *step = s;
                *amax = end;
                return;
            }
        }
    }
    *amax = fixed_max > 0.0 ? fixed_max : (cap > 0.0 && vmax <= cap ? cap : (vmax > 0 ? vmax : 1.0));
    *step = *amax;
}

/* Grid lines, axis line and tick labels for rows spanning [top, bottom]. */
double nps_chart_value_axis(nps_chart_layout *l, double x0, double bl, double top, double bottom,
                        double step, double amax, int percent, double label_top)
{
    double y = bottom + 4, h = 0.0;
    int k, n = (int)floor(amax / step + 0.5), copy;

    for (k = 0; k <= n; k++) {
        char num[40], buf[48];
        double x = x0 + bl * (k * step) / amax;
        if (k > 0)
            nps_chart_add_line(l, x, top, x, bottom, CHART_GRID, 0.8, 0);
        nps_chart_fmt_number(k * step, num, sizeof num);
        snprintf(buf, sizeof buf, "%s%s", num, percent ? "%" : "");
        for (copy = 0; copy < (label_top >= 0 ? 2 : 1); copy++) {
            chart_text t = nps_chart_text_new(l, buf, FONT_SMALL, -1, PANGO_ALIGN_LEFT);
            double tx = x - t.w / 2;
            if (tx + t.w > l->width - CHART_MARGIN)
                tx = l->width - CHART_MARGIN - t.w;
            if (tx < CHART_MARGIN)
                tx = CHART_MARGIN;
            if (t.h > h)
                h = t.h;
            nps_chart_text_place(l, &t, tx, copy ? label_top : y, CHART_INK_SOFT, NPS_BOX_AXIS);
        }
    }
    nps_chart_add_line(l, x0, top, x0, bottom, CHART_AXIS, 1.0, 0);
    return y + h;
}

double nps_chart_tick_height(nps_chart_layout *l)
{
    chart_text t = nps_chart_text_new(l, "0%", FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    double h = t.h;
    nps_chart_text_free(&t);
    return h;
}

/* ------------------------------------------------------- header, footer, legend */

int nps_chart_base_text(const nps_chart *c, char *buf, size_t size)
{
    char n[40];

    if (c->base_label) {
        snprintf(buf, size, "%s", c->base_label);
        return c->base_label[0] != '\0';
    }
    nps_chart_fmt_count(c->base, n, sizeof n);
    snprintf(buf, size, "n=%s", n);
    return 1;
}

double nps_chart_header(nps_chart_layout *l, const nps_chart *c, int with_base)
{
    double body_w = l->width - 2 * CHART_MARGIN;
    double y = CHART_MARGIN;
    char base[512];
    chart_text title, sub, b;
    int has_sub = c->subtitle && c->subtitle[0];
    double h;

    memset(&sub, 0, sizeof sub);
    memset(&b, 0, sizeof b);
    if (c->title && c->title[0]) {
        title = nps_chart_text_new(l, c->title, FONT_TITLE, body_w, PANGO_ALIGN_LEFT);
        nps_chart_text_place(l, &title, CHART_MARGIN, y, CHART_INK, NPS_BOX_TITLE);
        y += title.h + 4;
    }
    if (with_base && nps_chart_base_text(c, base, sizeof base))
        b = nps_chart_text_new(l, base, FONT_SMALL, body_w * 0.5, PANGO_ALIGN_RIGHT);
    if (has_sub)
        sub = nps_chart_text_new(l, c->subtitle, FONT_SMALL, body_w - b.w - 16, PANGO_ALIGN_LEFT);
    h = sub.h > b.h ? sub.h : b.h;
    if (has_sub)
        nps_chart_text_place(l, &sub, CHART_MARGIN, y, CHART_INK_SOFT, NPS_BOX_SUBTITLE);
    if (b.layout)
        nps_chart_text_place(l, &b, l->width - CHART_MARGIN - b.w, y, CHART_INK_SOFT, NPS_BOX_BASE);
    nps_chart_text_free(&sub);
    nps_chart_text_free(&b);
    return y + h + 10;
}

void nps_chart_footer(nps_chart_layout *l, const nps_chart *c, double y)
{
    if (c->note && c->note[0]) {
        chart_text t = nps_chart_text_new(l, c->note, FONT_SMALL, l->width - 2 * CHART_MARGIN,
                                      PANGO_ALIGN_LEFT);
        y += 8;
        nps_chart_text_place(l, &t, CHART_MARGIN, y, CHART_INK_SOFT, NPS_BOX_NOTE);
        y += t.h;
    }
    l->height = ceil(y + CHART_MARGIN);
}

double nps_chart_no_data(nps_chart_layout *l, double y)
{
    chart_text t = nps_chart_text_new(l, "（該当するデータはありません）", FONT_LABEL,
                                  l->width - 2 * CHART_MARGIN, PANGO_ALIGN_LEFT);
    nps_chart_text_place(l, &t, CHART_MARGIN, y + 8, CHART_INK_SOFT, NPS_BOX_LABEL);
    return y + 8 + t.h;
}

/* One swatch: a square (outlined when too pale to see on white) or a ring. */
static void legend_swatch(nps_chart_layout *l, double x, double y, double sw, chart_rgba c, int ring)
{
    if (ring) {
        nps_chart_add_circle(l, x + sw / 2, y + sw / 2, sw / 2 - 1.0, nps_chart_with_alpha(CHART_WHITE, 0),
                         c, 2.0);
        return;
    }
    nps_chart_add_rect(l, x, y, sw, sw, c);
    if (nps_chart_text_on(c).r < 0.5 && c.r + c.g + c.b > 2.4)
        nps_chart_add_rect_outline(l, x + 0.25, y + 0.25, sw - 0.5, sw - 0.5, CHART_AXIS, 0.5);
}

/* Items in a grid of equal columns when at least two fit side by side,
 * otherwise flowing left to right, wrapping into lines. */
double nps_chart_legend(nps_chart_layout *l, const char *const *labels, const chart_rgba *colors,
                    size_t n, double x, double y, double w, int ring)
{
    const double sw = 12.0, pad = 5.0, item_gap = 16.0, line_gap = 5.0;
    double cx = x, line_h = 0.0, first_h, cell = 0.0;
    chart_text probe = nps_chart_text_new(l, "あ", FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    chart_text *t = g_try_new0(chart_text, n ? n : 1);
    size_t i, cols;

    first_h = probe.h;
    nps_chart_text_free(&probe);
    if (!t) {
        l->err = NPS_ERR_NOMEM;
        return y;
    }
    for (i = 0; i < n; i++) {
        t[i] = nps_chart_text_new(l, labels[i], FONT_SMALL, w - sw - pad, PANGO_ALIGN_LEFT);
        cell = fmax(cell, sw + pad + t[i].w + item_gap);
    }
    cols = cell > 0 ? (size_t)floor((w + item_gap) / cell) : 1;
    if (cols >= 2 && cols < n)
        cell = (w + item_gap) / (double)cols;     /* spread the columns evenly */
    for (i = 0; i < n; i++) {
        double iw = sw + pad + t[i].w;
        if (cols >= 2) {
            if (i > 0 && i % cols == 0) {
                y += line_h + line_gap;
                line_h = 0.0;
            }
            cx = x + (double)(i % cols) * cell;
        } else if (cx > x && cx + iw > x + w) {
            y += line_h + line_gap;
            cx = x;
            line_h = 0.0;
        }
        legend_swatch(l, cx, y + (first_h - sw) / 2, sw, colors[i], ring);
        nps_chart_text_place(l, &t[i], cx + sw + pad, y, CHART_INK, NPS_BOX_LEGEND);
        line_h = fmax(line_h, t[i].h);
        cx += iw + item_gap;
    }
    for (i = 0; i < n; i++)
        nps_chart_text_free(&t[i]);
    g_free(t);
    return n ? y + line_h : y;
}
