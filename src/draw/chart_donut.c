/*
 * chart_donut.c — a donut of a few shares (Q29 あり / なし / 無回答).
 *
 * Layout: header (the base goes into the hole, not the header line); the
 * donut on the left, starting at 12 o'clock and running clockwise; a legend
 * on the right with every slice's colour, label, percent and count. The
 * legend carries every number, so a percent printed on a wedge is a
 * convenience: it is drawn only when its whole box lies inside the wedge's
 * ring section (all four corners within the annulus and the wedge's
 * angles), else omitted. Invariants: slices in role order (MISSING last,
 * grey); angles are proportional to counts over their sum; a sum of 0 draws
 * an empty grey ring.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "draw/chart_kinds.h"

/* Is (x, y) inside the ring section r0..r1, a0..a1 (a1 - a0 <= 2π)? */
static int in_wedge(double x, double y, double cx, double cy, double r0, double r1,
                    double a0, double a1)
{
    double dx = x - cx, dy = y - cy, r = sqrt(dx * dx + dy * dy), a, rel;

    if (r < r0 || r > r1)
        return 0;
    if (a1 - a0 >= 2 * G_PI - 1e-9)
        return 1;
    a = atan2(dy, dx);
    rel = fmod(a - a0 + 4 * G_PI, 2 * G_PI);
    return rel <= a1 - a0;
}

static int box_in_wedge(double x, double y, double w, double h, double cx, double cy,
                        double r0, double r1, double a0, double a1)
{
    return in_wedge(x, y, cx, cy, r0, r1, a0, a1) && in_wedge(x + w, y, cx, cy, r0, r1, a0, a1) &&
           in_wedge(x, y + h, cx, cy, r0, r1, a0, a1) &&
           in_wedge(x + w, y + h, cx, cy, r0, r1, a0, a1);
}

nps_error nps_chart_build_donut(nps_chart_layout *l, const nps_chart *c)
{
    const nps_chart_bars *b = &c->bars;
    nps_chart_values mode = b->values == NPS_VALUES_DEFAULT ? NPS_VALUES_PERCENT_COUNT : b->values;
    double body_w = l->width - 2 * CHART_MARGIN;
    double y0, r1, r0, cx, cy, sum = 0.0, a, lx, lwid, ly, leg_h = 0.0, bottom;
    size_t *order = NULL, i, k = 0, n_cat = 0;
    chart_rgba *colors = NULL;
    chart_text *leg = NULL, centre;
    char base[512];
    int rank;
    nps_error err = NPS_OK;

    y0 = nps_chart_header(l, c, 0);
    if (b->n_items == 0) {
        nps_chart_footer(l, c, nps_chart_no_data(l, y0));
        goto cleanup;
    }
    order = g_try_new0(size_t, b->n_items);
    colors = g_try_new0(chart_rgba, b->n_items);
    leg = g_try_new0(chart_text, b->n_items);
    if (!order || !colors || !leg) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (rank = 0; rank <= 3; rank++)
        for (i = 0; i < b->n_items; i++)
            if (nps_chart_role_rank(b->items[i].role) == rank)
                order[k++] = i;
    for (k = 0; k < b->n_items; k++) {
        i = order[k];
        colors[i] = b->items[i].role == NPS_ROLE_MISSING ? CHART_MISSING : nps_chart_okabe_ito(n_cat++);
        sum += (double)b->items[i].count;
    }

    r1 = body_w * 0.2 < 120.0 ? body_w * 0.2 : 120.0;
    r0 = r1 * 0.56;
    cx = CHART_MARGIN + 8 + r1;
    cy = y0 + 8 + r1;

    /* legend: one entry per line, right of the donut */
    lx = cx + r1 + 32;
    lwid = l->width - CHART_MARGIN - lx;
    for (k = 0; k < b->n_items; k++) {
        char val[160], buf[1024];
        i = order[k];
        nps_chart_fmt_value(mode, b->items[i].count, c->base, b->unit, val, sizeof val);
        snprintf(buf, sizeof buf, "%s　%s", b->items[i].label ? b->items[i].label : "", val);
        leg[k] = nps_chart_text_new(l, buf, FONT_LABEL, lwid - 20, PANGO_ALIGN_LEFT);
        leg_h += leg[k].h + (k ? 8 : 0);
    }
    ly = cy - leg_h / 2 > y0 ? cy - leg_h / 2 : y0;
    for (k = 0; k < b->n_items; k++) {
        i = order[k];
        nps_chart_add_rect(l, lx, ly + 3, 14, 14, colors[i]);
        nps_chart_text_place(l, &leg[k], lx + 20, ly, CHART_INK, NPS_BOX_LEGEND);
        ly += leg[k].h + 8;
    }

    if (sum <= 0.0)
        nps_chart_add_circle(l, cx, cy, (r0 + r1) / 2, nps_chart_with_alpha(CHART_WHITE, 0), CHART_MISSING,
                         r1 - r0);
    a = -G_PI / 2;
    for (k = 0; k < b->n_items && sum > 0.0; k++) {
        double span, mid, rm, tx, ty;
        char pct[32];
        chart_text t;
        i = order[k];
        span = 2 * G_PI * (double)b->items[i].count / sum;
        if (span <= 0.0)
            continue;
        nps_chart_add_wedge(l, cx, cy, r0, r1, a, a + span, colors[i]);
        nps_format_percent(nps_percent_of(b->items[i].count, c->base), pct, sizeof pct);
        t = nps_chart_text_new(l, pct, FONT_VALUE, -1, PANGO_ALIGN_LEFT);
        mid = a + span / 2;
        rm = (r0 + r1) / 2;
        tx = cx + rm * cos(mid) - t.w / 2;
        ty = cy + rm * sin(mid) - t.h / 2;
        if (box_in_wedge(tx, ty, t.w, t.h, cx, cy, r0 + 1, r1 - 1, a, a + span))
            nps_chart_text_place_inside(l, &t, tx, ty, nps_chart_text_on(colors[i]), NPS_BOX_VALUE,
                                    cx - r1, cy - r1, 2 * r1, 2 * r1);
        nps_chart_text_free(&t);
        a += span;
    }
    bottom = cy + r1 + 8;
    if (ly > bottom)
        bottom = ly;     /* the legend is longer than the donut */
    if (nps_chart_base_text(c, base, sizeof base)) {
        /* in the hole when it fits there, else under the donut */
        centre = nps_chart_text_new(l, base, FONT_LABEL, 2 * r0 * 0.8, PANGO_ALIGN_CENTER);
        if (centre.h <= r0 * 1.2) {
            nps_chart_text_place(l, &centre, cx - centre.w / 2, cy - centre.h / 2, CHART_INK,
                             NPS_BOX_BASE);
        } else {
            nps_chart_text_free(&centre);
            centre = nps_chart_text_new(l, base, FONT_SMALL, body_w, PANGO_ALIGN_LEFT);
            nps_chart_text_place(l, &centre, CHART_MARGIN, bottom, CHART_INK_SOFT, NPS_BOX_BASE);
            bottom += centre.h;
        }
    }
    nps_chart_footer(l, c, bottom);

cleanup:
    if (leg)
        for (k = 0; k < b->n_items; k++)
            nps_chart_text_free(&leg[k]);
    g_free(order);
    g_free(colors);
    g_free(leg);
    return err != NPS_OK ? err : l->err;
}
