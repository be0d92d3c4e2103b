/*
 * chart_bars.c — horizontal bars: percent bars of single / multiple choice
 * questions, the 10-star distribution (Q37) and free-text theme counts.
 *
 * Layout, top to bottom: header; one row per item (label column | bar |
 * value label); tick labels under the last row; footer. Invariants:
 *   - rows keep the caller's order within a role, and OPTION < OTHER < NONE
 *     < MISSING; a dashed rule separates the options from the rest;
 *   - the label column is as wide as the widest wrapped label (at most ~42%
 *     of the body); each row is as tall as its wrapped label, never less
 *     than the bar;
 *   - the bar area leaves room for the widest value label after a full-length
 *     bar, so a value label never leaves the canvas nor meets another row;
 *   - tick steps are chosen so that neighbouring tick labels keep a gap.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "draw/chart_kinds.h"

typedef struct bar_spec {
    const nps_chart_item *items;
    size_t n;
    nps_chart_values values;  /* resolved, never DEFAULT */
    double axis_max;
    const char *unit;
    chart_rgba color;
    PangoAlignment label_align;
} bar_spec;

typedef struct bar_row {
    size_t item;           /* index into items */
    double y, h;           /* row top and height */
    chart_text label, value;
} bar_row;

/* Stable order by role rank. */
static void order_rows(const nps_chart_item *items, size_t n, bar_row *rows)
{
    size_t k = 0;
    int rank;
    size_t i;

    for (rank = 0; rank <= 3; rank++)
        for (i = 0; i < n; i++)
            if (nps_chart_role_rank(items[i].role) == rank)
                rows[k++].item = i;
}

/* Width of the widest tick label of an axis ending at amax. */
static double tick_width(nps_chart_layout *l, double amax, int percent)
{
    char buf[48], num[40];
    chart_text t;
    double w;

    nps_chart_fmt_number(amax, num, sizeof num);
    snprintf(buf, sizeof buf, "%s%s", num, percent ? "%" : "");
    t = nps_chart_text_new(l, buf, FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    w = t.w;
    nps_chart_text_free(&t);
    return w;
}

static double bar_value(const bar_spec *s, const nps_chart *c, size_t i)
{
    return s->values == NPS_VALUES_COUNT ? (double)s->items[i].count
                                         : nps_percent_of(s->items[i].count, c->base);
}

static nps_error bars_layout(nps_chart_layout *l, const nps_chart *c, const bar_spec *s)
{
    double body_w = l->width - 2 * CHART_MARGIN;
    double y0, y, vw = 0.0, lw = 1.0, label_limit, x0, bl, vmax = 0.0, step, amax, tw;
    double label_top = -1.0;
    bar_row *rows = NULL;
    size_t i;
    int percent = s->values != NPS_VALUES_COUNT, separated = 0;
    nps_error err = NPS_OK;

    y0 = nps_chart_header(l, c, 1);
    if (s->n == 0) {
        nps_chart_footer(l, c, nps_chart_no_data(l, y0));
        goto cleanup;
    }
    rows = g_try_new0(bar_row, s->n);
    if (!rows) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    order_rows(s->items, s->n, rows);
    for (i = 0; i < s->n; i++) {
        char buf[512];
        double v = bar_value(s, c, rows[i].item);
        nps_chart_fmt_value(s->values, s->items[rows[i].item].count, c->base, s->unit, buf, sizeof buf);
        rows[i].value = nps_chart_text_new(l, buf, FONT_VALUE, body_w * 0.3, PANGO_ALIGN_LEFT);
        if (rows[i].value.w > vw)
            vw = rows[i].value.w;
        if (v > vmax)
            vmax = v;
    }
    /* label column: at most 42% of the body, leaving >= 120 units of bar */
    label_limit = body_w * 0.42;
    if (label_limit > body_w - 12 - 6 - vw - 120)
        label_limit = body_w - 12 - 6 - vw - 120;
    if (label_limit < 48)
        label_limit = 48;
    for (i = 0; i < s->n; i++) {
        rows[i].label = nps_chart_text_new(l, s->items[rows[i].item].label, FONT_LABEL, label_limit,
                                       s->label_align);
        if (rows[i].label.w > lw)
            lw = rows[i].label.w;
    }
    x0 = CHART_MARGIN + lw + 12;
    tw = tick_width(l, percent ? 100.0 : vmax * 2 + 10, percent);
    bl = l->width - CHART_MARGIN - x0 - 6 - (vw > tw / 2 ? vw : tw / 2);
    if (bl < 40)
        bl = 40;
    if (percent && vmax <= 0.0)
        vmax = 10.0;                           /* an empty percent axis reads 0–10% */
    nps_chart_axis(vmax, s->axis_max > vmax ? s->axis_max : 0.0, percent ? 100.0 : 0.0, !percent,
               (int)floor(bl / (tw + 10)), &step, &amax);

    /* rows, under a second row of tick labels when there are many */
    if (s->n > CHART_TALL_ROWS) {
        label_top = y0;
        y0 += nps_chart_tick_height(l) + 2;
    }
    y = y0 + 4;
    for (i = 0; i < s->n; i++) {
        double h = rows[i].label.h;
        if (rows[i].value.h > h)
            h = rows[i].value.h;
        if (CHART_BAR_THICK > h)
            h = CHART_BAR_THICK;
        if (!separated && i > 0 && nps_chart_role_rank(s->items[rows[i].item].role) > 0 &&
            nps_chart_role_rank(s->items[rows[i - 1].item].role) == 0) {
            separated = 1;
            nps_chart_add_line(l, CHART_MARGIN, y + 1, l->width - CHART_MARGIN, y + 1, CHART_GRID,
                           1.0, 1);
            y += 6;
        }
        rows[i].y = y;
        rows[i].h = h;
        y += h + CHART_ROW_GAP;
    }
    y = nps_chart_value_axis(l, x0, bl, y0, y - CHART_ROW_GAP + 4, step, amax, percent, label_top);

    for (i = 0; i < s->n; i++) {
        const nps_chart_item *it = &s->items[rows[i].item];
        double v = bar_value(s, c, rows[i].item);
        double len = amax > 0 ? bl * (v < amax ? v : amax) / amax : 0.0;
        double mid = rows[i].y + rows[i].h / 2;
        double lx = s->label_align == PANGO_ALIGN_LEFT ? CHART_MARGIN
                                                        : CHART_MARGIN + lw - rows[i].label.w;
        chart_rgba fill = it->role == NPS_ROLE_MISSING ? CHART_MISSING : s->color;
        if (len > 0)
            nps_chart_add_rect(l, x0, mid - CHART_BAR_THICK / 2, len, CHART_BAR_THICK, fill);
        nps_chart_text_place(l, &rows[i].label, lx, rows[i].y + (rows[i].h - rows[i].label.h) / 2,
                         CHART_INK, NPS_BOX_LABEL);
        nps_chart_text_place(l, &rows[i].value, x0 + len + 6, mid - rows[i].value.h / 2, CHART_INK,
                         NPS_BOX_VALUE);
    }
    nps_chart_footer(l, c, y);

cleanup:
    if (rows) {
        for (i = 0; i < s->n; i++) {
            nps_chart_text_free(&rows[i].label);
            nps_chart_text_free(&rows[i].value);
        }
        g_free(rows);
    }
    return err != NPS_OK ? err : l->err;
}

nps_error nps_chart_build_bars(nps_chart_layout *l, const nps_chart *c)
{
    bar_spec s;

    memset(&s, 0, sizeof s);
    s.items = c->bars.items;
    s.n = c->bars.n_items;
    s.values = c->bars.values;
    s.axis_max = c->bars.axis_max;
    s.unit = c->bars.unit;
    s.label_align = PANGO_ALIGN_LEFT;
    if (c->kind == NPS_CHART_THEMES) {
        s.color = nps_chart_okabe_ito(2);          /* bluish green */
        if (s.values == NPS_VALUES_DEFAULT)
            s.values = NPS_VALUES_COUNT;
    } else {
        s.color = nps_chart_okabe_ito(0);          /* blue */
        if (s.values == NPS_VALUES_DEFAULT)
            s.values = NPS_VALUES_PERCENT_COUNT;
    }
    return bars_layout(l, c, &s);
}

nps_error nps_chart_build_stars(nps_chart_layout *l, const nps_chart *c)
{
    static const char star[] = "★";
    char labels[10][10 * sizeof star];
    nps_chart_item items[11];
    bar_spec s;
    int k, j;

    for (k = 0; k < 10; k++) {
        if (c->stars.numeric_labels) {
            snprintf(labels[k], sizeof labels[k], "%s%d", star, k + 1);
        } else {
            labels[k][0] = '\0';
            for (j = 0; j <= k; j++)
                strcat(labels[k], star);
        }
        items[k].label = labels[k];
        items[k].count = c->stars.counts[k];
        items[k].role = NPS_ROLE_OPTION;
    }
    items[10].label = "無回答";
    items[10].count = c->stars.missing;
    items[10].role = NPS_ROLE_MISSING;
    memset(&s, 0, sizeof s);
    s.items = items;
    s.n = 11;
    s.values = c->stars.values == NPS_VALUES_DEFAULT ? NPS_VALUES_PERCENT_COUNT : c->stars.values;
    s.color = nps_chart_okabe_ito(1);              /* orange */
    s.label_align = PANGO_ALIGN_RIGHT;
    return bars_layout(l, c, &s);
}
