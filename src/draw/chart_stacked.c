/*
 * chart_stacked.c — 100% stacked horizontal bars: matrix questions (Q22's
 * handling states, Q24/Q25's five-point scale) and numeric bins (Q13–Q20,
 * up to 27 bins), each segment series with a legend entry.
 *
 * Layout: header; one row per item (wrapped label | bar of 100%); tick
 * labels 0%…100%; a legend that flows into as many lines as it needs;
 * footer. Invariants:
 *   - segments keep the caller's order, MISSING series moved last and grey;
 *     NONE series (e.g. Q22's 把握していない: off the scale) a neutral
 *     beige; the other series take an ordered palette (nps_chart_palette);
 *   - a row's segments are positioned by cumulative sums, so they tile the
 *     bar exactly; a 0-count segment has no area; a row whose counts sum to
 *     0 is an empty outline;
 *   - a percent label is drawn inside its segment only when its whole
 *     logical box fits inside the segment with a margin, else omitted (the
 *     table has every number): labels of tiny segments never collide;
 *   - the bar is at least as tall as an inside label; rows grow with labels.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "draw/chart_kinds.h"

typedef struct stack_geom {
    double x0, bl, bar_t;
    size_t *order;           /* series in drawing order */
    chart_rgba *colors;      /* per series (caller's index) */
} stack_geom;

/* Series order (MISSING last) and colours. */
static void series_style(const nps_chart_stacked *s, stack_geom *g)
{
    size_t i, k = 0, n_ord = 0, idx = 0;
    int missing;

    for (missing = 0; missing <= 1; missing++)
        for (i = 0; i < s->n_segments; i++)
            if ((s->segments[i].role == NPS_ROLE_MISSING) == missing)
                g->order[k++] = i;
    for (i = 0; i < s->n_segments; i++)
        if (s->segments[i].role != NPS_ROLE_MISSING && s->segments[i].role != NPS_ROLE_NONE)
            n_ord++;
    for (k = 0; k < s->n_segments; k++) {
        i = g->order[k];
        if (s->segments[i].role == NPS_ROLE_MISSING)
            g->colors[i] = CHART_MISSING;
        else if (s->segments[i].role == NPS_ROLE_NONE)
            g->colors[i] = CHART_NEUTRAL;
        else
            g->colors[i] = nps_chart_scale_colour(s->palette, idx++, n_ord);
    }
}

/* The segments of one row, with percent labels that fit. */
static void stack_row(nps_chart_layout *l, const nps_chart_stacked *s, const stack_geom *g,
                      const long *counts, double bar_y)
{
    double total = 0.0, cum = 0.0;
    size_t k;

    for (k = 0; k < s->n_segments; k++)
        total += (double)counts[k];
    if (total <= 0.0) {
        nps_chart_add_rect_outline(l, g->x0, bar_y, g->bl, g->bar_t, CHART_MISSING, 0.8);
        return;
    }
    for (k = 0; k < s->n_segments; k++) {
        size_t i = g->order[k];
        double xa = g->x0 + g->bl * cum / total, xb, w;
        char buf[32];
        chart_text t;

        cum += (double)counts[i];
        xb = g->x0 + g->bl * cum / total;
        w = xb - xa;
        if (counts[i] == 0 || w <= 0.0)
            continue;
        nps_chart_add_rect(l, xa, bar_y, w, g->bar_t, g->colors[i]);
        if (xa > g->x0 + 0.01)
            nps_chart_add_line(l, xa, bar_y, xa, bar_y + g->bar_t, CHART_WHITE, 1.0, 0);
        nps_format_percent((double)counts[i] * 100.0 / total, buf, sizeof buf);
        t = nps_chart_text_new(l, buf, FONT_INSIDE, -1, PANGO_ALIGN_LEFT);
        if (t.w + 6.0 <= w && t.h <= g->bar_t)
            nps_chart_text_place_inside(l, &t, (xa + xb) / 2 - t.w / 2, bar_y + (g->bar_t - t.h) / 2,
                                    nps_chart_text_on(g->colors[i]), NPS_BOX_VALUE, xa, bar_y, w,
                                    g->bar_t);
        nps_chart_text_free(&t);
    }
}

nps_error nps_chart_build_stacked(nps_chart_layout *l, const nps_chart *c)
{
    const nps_chart_stacked *s = &c->stacked;
    double body_w = l->width - 2 * CHART_MARGIN;
    double y0, y, lw = 1.0, label_limit, tw, step, amax, top, label_top = -1.0;
    chart_text *labels = NULL, probe;
    double *row_y = NULL, *row_h = NULL;
    const char **legend = NULL;
    chart_rgba *legend_colors = NULL;
    stack_geom g;
    nps_error err = NPS_OK;
    size_t i;

    memset(&g, 0, sizeof g);
    y0 = nps_chart_header(l, c, 1);
    if (s->n_rows == 0 || s->n_segments == 0) {
        nps_chart_footer(l, c, nps_chart_no_data(l, y0));
        goto cleanup;
    }
    labels = g_try_new0(chart_text, s->n_rows);
    row_y = g_try_new0(double, s->n_rows);
    row_h = g_try_new0(double, s->n_rows);
    g.order = g_try_new0(size_t, s->n_segments);
    g.colors = g_try_new0(chart_rgba, s->n_segments);
    legend = g_try_new0(const char *, s->n_segments);
    legend_colors = g_try_new0(chart_rgba, s->n_segments);
    if (!labels || !row_y || !row_h || !g.order || !g.colors || !legend || !legend_colors) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    series_style(s, &g);

    probe = nps_chart_text_new(l, "100.0%", FONT_INSIDE, -1, PANGO_ALIGN_LEFT);
    g.bar_t = probe.h + 3 > 20.0 ? probe.h + 3 : 20.0;
    nps_chart_text_free(&probe);
    probe = nps_chart_text_new(l, "100%", FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    tw = probe.w;
    nps_chart_text_free(&probe);

    label_limit = body_w * 0.36;
    if (label_limit > body_w - 12 - tw / 2 - 180)
        label_limit = body_w - 12 - tw / 2 - 180;
    if (label_limit < 48)
        label_limit = 48;
    for (i = 0; i < s->n_rows; i++) {
        labels[i] = nps_chart_text_new(l, s->rows[i].label, FONT_LABEL, label_limit, PANGO_ALIGN_LEFT);
        if (labels[i].w > lw)
            lw = labels[i].w;
    }
    for (i = 0; i < s->n_group_labels; i++) { /* the group's widest label sets the column */
        chart_text t = nps_chart_text_new(l, s->group_labels[i] ? s->group_labels[i] : "", FONT_LABEL,
                                          label_limit, PANGO_ALIGN_LEFT);
        if (t.w > lw)
            lw = t.w;
        nps_chart_text_free(&t);
    }
    g.x0 = CHART_MARGIN + lw + 12;
    g.bl = l->width - CHART_MARGIN - g.x0 - tw / 2 - 2;
    nps_chart_axis(100.0, 100.0, 100.0, 1, (int)floor(g.bl / (tw + 10)), &step, &amax);

    if (s->n_rows > CHART_TALL_ROWS) {     /* tick labels above the rows too */
        label_top = y0;
        y0 += nps_chart_tick_height(l) + 2;
    }
    top = y0 + 4;
    y = top;
    for (i = 0; i < s->n_rows; i++) {
        row_h[i] = labels[i].h > g.bar_t ? labels[i].h : g.bar_t;
        row_y[i] = y;
        y += row_h[i] + CHART_ROW_GAP;
    }
    y = nps_chart_value_axis(l, g.x0, g.bl, y0, y - CHART_ROW_GAP + 4, step, amax, 1, label_top);
    for (i = 0; i < s->n_rows; i++) {
        nps_chart_text_place(l, &labels[i], CHART_MARGIN, row_y[i] + (row_h[i] - labels[i].h) / 2,
                         CHART_INK, NPS_BOX_LABEL);
        stack_row(l, s, &g, s->rows[i].counts, row_y[i] + (row_h[i] - g.bar_t) / 2);
    }
    for (i = 0; i < s->n_segments; i++) {
        legend[i] = s->segments[g.order[i]].label ? s->segments[g.order[i]].label : "";
        legend_colors[i] = g.colors[g.order[i]];
    }
    y = nps_chart_legend(l, legend, legend_colors, s->n_segments, CHART_MARGIN, y + 12, body_w, 0);
    nps_chart_footer(l, c, y);

cleanup:
    if (labels)
        for (i = 0; i < s->n_rows; i++)
            nps_chart_text_free(&labels[i]);
    g_free(labels);
    g_free(row_y);
    g_free(row_h);
    g_free(g.order);
    g_free(g.colors);
    g_free(legend);
    g_free(legend_colors);
    return err != NPS_OK ? err : l->err;
}
