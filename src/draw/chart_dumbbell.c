/*
 * chart_dumbbell.c — two waves of one question on one line per option
 * (docs/compare.md, the report's 前回調査との比較): the old percent as a
 * hollow grey dot, the new one as a filled dot joined to it, and the 95%
 * interval of the change drawn as a pale band measured from the old value
 * (old + low … old + high, clipped to the axis).
 *
 * Layout, top to bottom: header; legend; one row per option (label column |
 * plot | value label "27.7%→40.0%（+12.3）"); tick labels; footer.
 * Invariants (those of chart.h):
 *   - rows keep the caller's order; each row is as tall as its wrapped label
 *     or value, never less than the dots;
 *   - the label column is at most ~38% of the body; the value column is as
 *     wide as the widest value label, to the right of the plot, so no value
 *     label meets a dot, another row or the canvas edge;
 *   - the axis is in percent, from 0 to a round end >= every drawn value
 *     (dots and band ends), at most 100;
 *   - a row whose interval excludes 0 (changed) has its new dot in the
 *     emphasis colour and its value label in bold.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "draw/chart_kinds.h"

#define DOT_R 5.0
#define BAND_H 8.0

typedef struct db_row {
    double y, h;
    chart_text label, value;
} db_row;

static double clamp100(double v)
{
    return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* "27.7%→40.0%（+12.3）" */
static void value_text(const nps_chart_dumbbell_row *r, char *buf, size_t size)
{
    double ch = nps_round1(r->new_percent - r->old_percent);
    snprintf(buf, size, "%.1f%%→%.1f%%（%s%.1f）", nps_round1(r->old_percent), nps_round1(r->new_percent),
             ch > 0 ? "+" : "", ch == 0.0 ? 0.0 : ch);
}

static double widest_tick(nps_chart_layout *l)
{
    chart_text t = nps_chart_text_new(l, "100%", FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    double w = t.w;
    nps_chart_text_free(&t);
    return w;
}

/* The legend: the two waves as rings (the dots), then the interval's band. */
static double legend(nps_chart_layout *l, const nps_chart_dumbbell *d, chart_rgba old_c, chart_rgba new_c,
                     chart_rgba band_c, double y)
{
    const char *waves[2], *band[1] = {"変化の95%信頼区間（前回の値から測った範囲）"};
    chart_rgba colors[2];
    double w = l->width - 2 * CHART_MARGIN;
    waves[0] = d->old_label ? d->old_label : "前回";
    waves[1] = d->new_label ? d->new_label : "今回";
    colors[0] = old_c;
    colors[1] = new_c;
    y = nps_chart_legend(l, waves, colors, 2, CHART_MARGIN, y, w, 1);
    return nps_chart_legend(l, band, &band_c, 1, CHART_MARGIN, y + 4, w, 0);
}

static void draw_row(nps_chart_layout *l, const nps_chart_dumbbell_row *r, const db_row *row, double x0,
                     double len, double amax, chart_rgba old_c, chart_rgba new_c, chart_rgba hot_c,
                     chart_rgba band_c)
{
    double mid = row->y + row->h / 2;
    double xo = x0 + len * clamp100(r->old_percent) / amax, xn = x0 + len * clamp100(r->new_percent) / amax;
    double b0 = x0 + len * fmin(clamp100(r->old_percent + r->low), amax) / amax;
    double b1 = x0 + len * fmin(clamp100(r->old_percent + r->high), amax) / amax;
    if (b1 > b0)
        nps_chart_add_rect(l, b0, mid - BAND_H / 2, b1 - b0, BAND_H, band_c);
    nps_chart_add_line(l, xo, mid, xn, mid, CHART_AXIS, 2.0, 0);
    nps_chart_add_circle(l, xo, mid, DOT_R, CHART_WHITE, old_c, 2.0);
    nps_chart_add_circle(l, xn, mid, DOT_R, r->changed ? hot_c : new_c, r->changed ? hot_c : new_c, 1.0);
}

nps_error nps_chart_build_dumbbell(nps_chart_layout *l, const nps_chart *c)
{
    const nps_chart_dumbbell *d = &c->dumbbell;
    const chart_rgba old_c = CHART_INK_SOFT, new_c = nps_chart_okabe_ito(0), hot_c = nps_chart_okabe_ito(5);
    const chart_rgba band_c = nps_chart_with_alpha(nps_chart_okabe_ito(0), 0.22);
    double body_w = l->width - 2 * CHART_MARGIN, y0, y, vw = 0, lw = 1, x0, len, step, amax, vmax = 10.0, tw;
    double label_limit, label_top = -1.0;
    db_row *rows = NULL;
    size_t i;
    nps_error err = NPS_OK;

    y0 = nps_chart_header(l, c, 1);
    if (d->n_rows == 0) {
        nps_chart_footer(l, c, nps_chart_no_data(l, y0));
        goto cleanup;
    }
    y0 = legend(l, d, old_c, new_c, band_c, y0 + 2) + 6;
    rows = g_try_new0(db_row, d->n_rows);
    if (!rows) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < d->n_rows; i++) {
        const nps_chart_dumbbell_row *r = &d->rows[i];
        char buf[128];
        value_text(r, buf, sizeof buf);
        rows[i].value = nps_chart_text_new(l, buf, r->changed ? FONT_SMALL_BOLD : FONT_SMALL, body_w * 0.3,
                                           PANGO_ALIGN_LEFT);
        vw = fmax(vw, rows[i].value.w);
        vmax = fmax(vmax, fmax(r->old_percent, r->new_percent));
        vmax = fmax(vmax, clamp100(r->old_percent + r->high));
    }
    tw = widest_tick(l);
    label_limit = fmin(body_w * 0.38, body_w - vw - 12 - 12 - 120);
    if (label_limit < 48)
        label_limit = 48;
    for (i = 0; i < d->n_rows; i++) {
        rows[i].label = nps_chart_text_new(l, d->rows[i].label, FONT_LABEL, label_limit, PANGO_ALIGN_LEFT);
        lw = fmax(lw, rows[i].label.w);
    }
    x0 = CHART_MARGIN + lw + 12 + DOT_R;
    /* the value column starts after the plot and its last tick label */
    len = l->width - CHART_MARGIN - vw - 12 - DOT_R - x0;
    if (len < 40)
        len = 40;
    nps_chart_axis(vmax, 0.0, 100.0, 0, (int)floor(len / (tw + 10)), &step, &amax);
    if (d->n_rows > CHART_TALL_ROWS) {
        label_top = y0;
        y0 += nps_chart_tick_height(l) + 2;
    }
    y = y0 + 4;
    for (i = 0; i < d->n_rows; i++) {
        rows[i].h = fmax(fmax(rows[i].label.h, rows[i].value.h), 2 * DOT_R + 4);
        rows[i].y = y;
        y += rows[i].h + CHART_ROW_GAP;
    }
    y = nps_chart_value_axis(l, x0, len, y0, y - CHART_ROW_GAP + 4, step, amax, 1, label_top);
    for (i = 0; i < d->n_rows; i++) {
        draw_row(l, &d->rows[i], &rows[i], x0, len, amax, old_c, new_c, hot_c, band_c);
        nps_chart_text_place(l, &rows[i].label, CHART_MARGIN, rows[i].y + (rows[i].h - rows[i].label.h) / 2,
                             CHART_INK, NPS_BOX_LABEL);
        nps_chart_text_place(l, &rows[i].value, l->width - CHART_MARGIN - vw,
                             rows[i].y + (rows[i].h - rows[i].value.h) / 2, CHART_INK, NPS_BOX_VALUE);
    }
    nps_chart_footer(l, c, y);

cleanup:
    if (rows) {
        for (i = 0; i < d->n_rows; i++) {
            nps_chart_text_free(&rows[i].label);
            nps_chart_text_free(&rows[i].value);
        }
        g_free(rows);
    }
    return err != NPS_OK ? err : l->err;
}
