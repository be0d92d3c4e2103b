/*
 * chart_gap.c — the gap chart (docs/analysis.md, the seed's step 4): one point per
 * business, x = organisations running it, y = people per organisation
 * (linear or logarithmic axis), each point labelled with the business name;
 * flagged points get a vermillion (HIGH: few organisations, many people) or
 * blue (LOW) ring; the legend names the colour of each ring it draws
 * (nps_palette_categorical_name), whatever label the caller gave.
 *
 * Label placement (greedy, deterministic): flagged points first, then input
 * order. Each label has a list of candidate positions — right of its point,
 * left of it, above, below, nudged vertically in half-line steps and
 * horizontally further out — sorted by how far they move the label from its
 * natural spot (right, centred). The first candidate inside the plot that
 * meets no placed label and no point marker wins; a moved label gets a
 * leader line, and a candidate is refused when its leader would cross
 * another label or leader, or an earlier leader would cross it. When no nearby spot
 * is free, the spots of a coarse grid over the plot within 30% of its
 * diagonal are tried, nearest first. If a label still finds no place, the plot is narrowed to make a
 * side column at its right and placement is redone; labels still without a
 * place go to that column, ordered by their points' heights, kept near them
 * when possible, with leader lines.
 * Invariants: plot labels stay inside the plot rectangle, side labels in the
 * column, tick labels and axis titles outside both: no two texts meet.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "draw/chart_kinds.h"

#define PT_R 4.0
#define RING_R 9.5
#define LABEL_PAD 1.5
#define N_DY 24
#define N_DX 6
#define MAX_CANDS ((2 * N_DY + 1) * N_DX * 2 + 2 * (N_DY + 1))
#define MAX_TICKS 64

typedef struct gpoint {
    size_t idx;          /* into the input points */
    double sx, sy;       /* screen position */
    chart_text label;
    double lx, ly;       /* placed label top-left */
    int placed;          /* 1 in the plot, 2 in the side column, 3 no label */
    int leader;
    double ax, ay;       /* leader end on the label box (when leader) */
} gpoint;

typedef struct gap_geom {
    double px0, py0, pw, ph;      /* plot rectangle */
    double xstep, xmax;
    double ymin, ymax;            /* ymin > 0 only on a log axis */
    int log_y;
    double yticks[MAX_TICKS];
    int n_yticks;
    double side_x;                /* 0: no side column */
} gap_geom;

typedef struct cand {
    double x, y, cost;
    int leader, seq;
} cand;

static double marker_r(const nps_chart_point *p)
{
    return p->flag != NPS_GAP_NONE ? RING_R + 1.5 : PT_R + 1.0;
}

static int rect_hit(double ax, double ay, double aw, double ah, double bx, double by, double bw,
                    double bh)
{
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static double map_y(const gap_geom *g, double y)
{
    double t;
    if (g->log_y) {
        double lo = log10(g->ymin), hi = log10(g->ymax);
        t = (log10(y > g->ymin ? y : g->ymin) - lo) / (hi - lo);
    } else {
        t = y / g->ymax;
    }
    return g->py0 + g->ph - g->ph * t;
}

/* Does the segment (x0,y0)–(x1,y1) cross the rectangle? (Liang–Barsky) */
static int segment_hits(double x0, double y0, double x1, double y1, double rx, double ry,
                        double rw, double rh)
{
    double p[4], q[4], t0 = 0.0, t1 = 1.0;
    int i;

    p[0] = -(x1 - x0); q[0] = x0 - rx;
    p[1] = x1 - x0;    q[1] = rx + rw - x0;
    p[2] = -(y1 - y0); q[2] = y0 - ry;
    p[3] = y1 - y0;    q[3] = ry + rh - y0;
    for (i = 0; i < 4; i++) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return 0;
        } else {
            double t = q[i] / p[i];
            if (p[i] < 0.0 && t > t0)
                t0 = t;
            else if (p[i] > 0.0 && t < t1)
                t1 = t;
        }
    }
    return t0 < t1;
}

static double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Do the segments a–b and c–d cross (touching ends do not count)? */
static int segments_cross(double ax, double ay, double bx, double by, double cx, double cy,
                          double dx, double dy)
{
    double d1 = orient(cx, cy, dx, dy, ax, ay), d2 = orient(cx, cy, dx, dy, bx, by);
    double d3 = orient(ax, ay, bx, by, cx, cy), d4 = orient(ax, ay, bx, by, dx, dy);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* The end of a leader from the point to a label box at (x, y): the box's
 * nearest point, kept off its corners. */
static void leader_end(const gpoint *gp, double x, double y, double *ax, double *ay)
{
    *ax = fmin(fmax(gp->sx, x), x + gp->label.w);
    *ay = fmin(fmax(gp->sy, y + 2), y + gp->label.h - 2);
}

/* May gp's label go to (x, y)? Inside the plot, clear of every marker (and
 * a little more of other points' markers) and of placed labels; with a
 * leader, the leader crosses no other label or leader, and no placed leader
 * crosses the label (leaders may pass markers: refusing that too sends many
 * more labels to the side column). */
static int spot_free(const gap_geom *g, const nps_chart_gap *in, const gpoint *pts, size_t n,
                     const gpoint *gp, double x, double y, int leader)
{
    double w = gp->label.w, h = gp->label.h, ax = 0.0, ay = 0.0;
    size_t j;

    if (x < g->px0 + 2 || y < g->py0 + 2 || x + w > g->px0 + g->pw - 2 ||
        y + h > g->py0 + g->ph - 2)
        return 0;
    if (leader)
        leader_end(gp, x, y, &ax, &ay);
    for (j = 0; j < n; j++) {
        const gpoint *o = &pts[j];
        /* keep a gap from other points, or the label reads as theirs */
        double r = marker_r(&in->points[o->idx]) + (o == gp ? 0.0 : 5.0);
        if (rect_hit(x, y, w, h, o->sx - r, o->sy - r, 2 * r, 2 * r))
            return 0;
        if (o->placed != 1)
            continue;
        if (rect_hit(x - LABEL_PAD, y - LABEL_PAD, w + 2 * LABEL_PAD, h + 2 * LABEL_PAD, o->lx,
                     o->ly, o->label.w, o->label.h))
            return 0;
        if (leader && segment_hits(gp->sx, gp->sy, ax, ay, o->lx, o->ly, o->label.w, o->label.h))
            return 0;
        if (leader && o->leader &&
            segments_cross(gp->sx, gp->sy, ax, ay, o->sx, o->sy, o->ax, o->ay))
            return 0;
        if (o->leader && segment_hits(o->sx, o->sy, o->ax, o->ay, x, y, w, h))
            return 0;
    }
    return 1;
}

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return x->seq - y->seq;
}

/* Candidate positions of gp's label, cheapest first. */
static size_t candidates(const gpoint *gp, double r, cand *out)
{
    static const double dxs[N_DX] = {0.0, 10.0, 24.0, 48.0, 96.0, 160.0};
    double w = gp->label.w, h = gp->label.h, step = h / 2 + 1;
    size_t n = 0;
    int m, j, k;

    for (m = -N_DY; m <= N_DY; m++) {
        for (j = 0; j < N_DX; j++) {
            double dy = m * step, cost = sqrt(dxs[j] * dxs[j] + dy * dy);
            int leader = m != 0 || j > 0;
            out[n] = (cand){gp->sx + r + 2 + dxs[j], gp->sy - h / 2 + dy, cost, leader, (int)n};
            n++;
            out[n] = (cand){gp->sx - r - 2 - dxs[j] - w, gp->sy - h / 2 + dy, cost + 1.0, leader,
                            (int)n};
            n++;
        }
    }
    for (k = 0; k <= N_DY; k++) {
        double cost = k * step + h / 2 + 2.0;
        out[n] = (cand){gp->sx - w / 2, gp->sy - r - 2 - h - k * step, cost, k > 0, (int)n};
        n++;
        out[n] = (cand){gp->sx - w / 2, gp->sy + r + 2 + k * step, cost + 0.5, k > 0, (int)n};
        n++;
    }
    qsort(out, n, sizeof *out, cand_cmp);
    return n;
}

/* Every spot of a coarse grid over the plot, nearest to the point first:
 * the last resort before the side column. Returns the count (<= cap). */
static size_t grid_candidates(const gap_geom *g, const gpoint *gp, cand *out, size_t cap)
{
    const double sx = 24.0, sy = 18.0, max_d = 0.3 * hypot(g->pw, g->ph);
    double x, y;
    size_t n = 0;

    for (y = g->py0 + 2; y + gp->label.h <= g->py0 + g->ph - 2 && n < cap; y += sy) {
        for (x = g->px0 + 2; x + gp->label.w <= g->px0 + g->pw - 2 && n < cap; x += sx) {
            double ax, ay, d;
            leader_end(gp, x, y, &ax, &ay);
            d = hypot(ax - gp->sx, ay - gp->sy);
            if (d > max_d)
                continue;                  /* too far to read as this point's */
            out[n] = (cand){x, y, d, 1, (int)n};
            n++;
        }
    }
    qsort(out, n, sizeof *out, cand_cmp);
    return n;
}

static int try_spots(const gap_geom *g, const nps_chart_gap *in, gpoint *pts, size_t n,
                     gpoint *gp, const cand *cands, size_t nc)
{
    size_t c;

    for (c = 0; c < nc; c++) {
        if (spot_free(g, in, pts, n, gp, cands[c].x, cands[c].y, cands[c].leader)) {
            gp->placed = 1;
            gp->lx = cands[c].x;
            gp->ly = cands[c].y;
            gp->leader = cands[c].leader;
            if (gp->leader)
                leader_end(gp, gp->lx, gp->ly, &gp->ax, &gp->ay);
            return 1;
        }
    }
    return 0;
}

/* Greedy placement inside the plot; returns how many labels found no place.
 * cands holds MAX_CANDS entries, grid `grid_cap`. */
static size_t place_labels(const gap_geom *g, const nps_chart_gap *in, gpoint *pts, size_t n,
                           const size_t *order, cand *cands, cand *grid, size_t grid_cap)
{
    size_t k, unplaced = 0;

    for (k = 0; k < n; k++) {
        const char *text = in->points[pts[k].idx].label;
        pts[k].placed = text && *text ? 0 : 3;
        pts[k].leader = 0;
    }
    for (k = 0; k < n; k++) {
        gpoint *gp = &pts[order[k]];
        size_t nc;
        if (gp->placed == 3)
            continue;
        nc = candidates(gp, marker_r(&in->points[gp->idx]), cands);
        if (try_spots(g, in, pts, n, gp, cands, nc))
            continue;
        nc = grid_candidates(g, gp, grid, grid_cap);
        if (!try_spots(g, in, pts, n, gp, grid, nc))
            unplaced++;
    }
    return unplaced;
}

/* Stack the labels left over into the side column, ordered by their points'
 * y, each as near its point as the others allow. Returns the column bottom
 * (g->py0 when empty). `order` is scratch of n entries. */
static double place_side(const gap_geom *g, gpoint *pts, size_t n, size_t *order)
{
    const double gap = 3.0;
    size_t m = 0, i, j;
    double bottom = g->py0;

    for (i = 0; i < n; i++)
        if (!pts[i].placed)
            order[m++] = i;
    for (i = 1; i < m; i++)              /* insertion sort by point y, stable */
        for (j = i; j > 0 && pts[order[j - 1]].sy > pts[order[j]].sy; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (i = 0; i < m; i++) {            /* desired spots, pushed down */
        gpoint *gp = &pts[order[i]];
        double y = fmax(g->py0, gp->sy - gp->label.h / 2);
        if (i > 0)
            y = fmax(y, pts[order[i - 1]].ly + pts[order[i - 1]].label.h + gap);
        gp->ly = y;
    }
    if (m > 0) {                          /* pulled back up into the plot height */
        double limit = g->py0 + g->ph;
        for (i = m; i-- > 0;) {
            gpoint *gp = &pts[order[i]];
            if (gp->ly + gp->label.h > limit)
                gp->ly = fmax(g->py0, limit - gp->label.h);
            if (i > 0)
                limit = gp->ly - gap;
        }
        for (i = 1; i < m; i++) {        /* and overlaps resolved downwards again */
            gpoint *prev = &pts[order[i - 1]], *gp = &pts[order[i]];
            gp->ly = fmax(gp->ly, prev->ly + prev->label.h + gap);
        }
    }
    for (i = 0; i < m; i++) {
        gpoint *gp = &pts[order[i]];
        gp->placed = 2;
        gp->leader = 1;
        gp->lx = g->side_x;
        bottom = fmax(bottom, gp->ly + gp->label.h);
    }
    return bottom;
}

static void to_screen(const gap_geom *g, const nps_chart_gap *in, gpoint *pts, size_t n)
{
    size_t j;
    for (j = 0; j < n; j++) {
        const nps_chart_point *p = &in->points[pts[j].idx];
        pts[j].sx = g->px0 + g->pw * p->x / g->xmax;
        pts[j].sy = map_y(g, p->y);
    }
}

static double text_width(nps_chart_layout *l, const char *s)
{
    chart_text t = nps_chart_text_new(l, s, FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    double w = t.w;
    nps_chart_text_free(&t);
    return w;
}

/* The y axis: range and ticks, a tick label height apart at least. */
static void y_axis(gap_geom *g, double ymin_pos, double ymax, double tick_h)
{
    int k;

    g->n_yticks = 0;
    if (!g->log_y) {
        double step, end;
        nps_chart_axis(ymax * 1.05, 0.0, 0.0, 0, (int)floor(g->ph / (tick_h + 8)), &step, &end);
        g->ymax = end;
        g->ymin = 0.0;
        for (k = 0; k * step <= end + 1e-9 && g->n_yticks < MAX_TICKS; k++)
            g->yticks[g->n_yticks++] = k * step;
        return;
    }
    {
        int lo = ymin_pos > 0 ? (int)floor(log10(ymin_pos) + 1e-9) : 0;
        int hi = ymax > 0 ? (int)ceil(log10(ymax) - 1e-9) : 1;
        int e, sub;
        double decade;
        if (hi <= lo)
            hi = lo + 1;
        g->ymin = pow(10.0, lo);
        g->ymax = pow(10.0, hi);
        decade = g->ph / (hi - lo);
        sub = decade >= 3 * (tick_h + 6);
        for (e = lo; e <= hi && g->n_yticks < MAX_TICKS - 3; e++) {
            g->yticks[g->n_yticks++] = pow(10.0, e);
            if (sub && e < hi) {
                g->yticks[g->n_yticks++] = 2 * pow(10.0, e);
                g->yticks[g->n_yticks++] = 5 * pow(10.0, e);
            }
        }
    }
}

static void tick_text(double v, char *buf, size_t size)
{
    if (v > 0 && v < 1)
        snprintf(buf, size, "%g", v);
    else
        nps_chart_fmt_number(v, buf, size);
}

/* Ticks, grid and axis lines; returns the y under the x tick labels. */
static double gap_axes(nps_chart_layout *l, const gap_geom *g, double tick_h)
{
    int k, nx = (int)floor(g->xmax / g->xstep + 0.5);
    double yb = g->py0 + g->ph + tick_h / 2 + 3;
    char buf[48];

    for (k = 0; k < g->n_yticks; k++) {
        double y = map_y(g, g->yticks[k]);
        chart_text t;
        if (y < g->py0 + g->ph - 0.5)
            nps_chart_add_line(l, g->px0, y, g->px0 + g->pw, y, CHART_GRID, 0.8, 0);
        tick_text(g->yticks[k], buf, sizeof buf);
        t = nps_chart_text_new(l, buf, FONT_SMALL, -1, PANGO_ALIGN_LEFT);
        nps_chart_text_place(l, &t, g->px0 - 6 - t.w, y - t.h / 2, CHART_INK_SOFT, NPS_BOX_AXIS);
    }
    for (k = 0; k <= nx; k++) {
        double x = g->px0 + g->pw * k / nx;
        chart_text t;
        if (k > 0)
            nps_chart_add_line(l, x, g->py0, x, g->py0 + g->ph, CHART_GRID, 0.8, 0);
        nps_chart_fmt_number(k * g->xstep, buf, sizeof buf);
        t = nps_chart_text_new(l, buf, FONT_SMALL, -1, PANGO_ALIGN_LEFT);
        nps_chart_text_place(l, &t, x - t.w / 2, yb, CHART_INK_SOFT, NPS_BOX_AXIS);
    }
    nps_chart_add_line(l, g->px0, g->py0, g->px0, g->py0 + g->ph, CHART_AXIS, 1.0, 0);
    nps_chart_add_line(l, g->px0, g->py0 + g->ph, g->px0 + g->pw, g->py0 + g->ph, CHART_AXIS, 1.0, 0);
    return yb + tick_h;
}

/* Leader lines, markers, labels. */
static void gap_points(nps_chart_layout *l, const nps_chart_gap *in, gpoint *pts, size_t n)
{
    size_t j;

    for (j = 0; j < n; j++) {
        gpoint *gp = &pts[j];
        double ax, ay, dx, dy, d, r;
        if (!gp->leader)
            continue;
        leader_end(gp, gp->lx, gp->ly, &ax, &ay);
        dx = ax - gp->sx;
        dy = ay - gp->sy;
        d = sqrt(dx * dx + dy * dy);
        r = marker_r(&in->points[gp->idx]) - 1.0;
        if (d > r + 1)
            nps_chart_add_line(l, gp->sx + dx / d * r, gp->sy + dy / d * r, ax, ay,
                           nps_chart_with_alpha(CHART_AXIS, 0.8), 0.6, 0);
    }
    /* plot labels sit on a white ground so that leaders passing under them
     * do not strike the text through (labels never cover markers) */
    for (j = 0; j < n; j++)
        if (pts[j].placed == 1)
            nps_chart_add_rect(l, pts[j].lx - 1, pts[j].ly, pts[j].label.w + 2, pts[j].label.h,
                           nps_chart_with_alpha(CHART_WHITE, 0.85));
    for (j = 0; j < n; j++)
        nps_chart_add_circle(l, pts[j].sx, pts[j].sy, PT_R, nps_chart_with_alpha(CHART_INK, 0.8),
                         nps_chart_with_alpha(CHART_WHITE, 0), 0);
    for (j = 0; j < n; j++) {
        nps_gap_flag f = in->points[pts[j].idx].flag;
        if (f != NPS_GAP_NONE)
            nps_chart_add_circle(l, pts[j].sx, pts[j].sy, RING_R, nps_chart_with_alpha(CHART_WHITE, 0),
                             nps_chart_okabe_ito(f == NPS_GAP_HIGH ? NPS_PALETTE_GAP_HIGH : NPS_PALETTE_GAP_LOW), 2.5);
    }
    for (j = 0; j < n; j++)
        if (pts[j].placed != 3)
            nps_chart_text_place(l, &pts[j].label, pts[j].lx, pts[j].ly, CHART_INK, NPS_BOX_LABEL);
}

/* "<label>（<colour>の輪）": the legend names the colour it draws, whatever
 * label the caller gave. NULL when out of memory. */
static char *legend_text(const char *label, size_t colour)
{
    nps_strbuf sb = {0};
    nps_strbuf_addf(&sb, "%s（%sの輪）", label, nps_palette_categorical_name(colour));
    return nps_strbuf_take(&sb);
}

static nps_error gap_legend(nps_chart_layout *l, const nps_chart_gap *in, const gpoint *pts,
                            size_t n, double *y)
{
    char *labels[2] = {NULL, NULL};
    chart_rgba colors[2];
    size_t j, m = 0;
    int high = 0, low = 0;
    nps_error err = NPS_OK;

    for (j = 0; j < n; j++) {
        high |= in->points[pts[j].idx].flag == NPS_GAP_HIGH;
        low |= in->points[pts[j].idx].flag == NPS_GAP_LOW;
    }
    if (high) {
        labels[m] = legend_text(in->high_label ? in->high_label : "関わる人の数に対して取り組む団体が少ない事業",
                                NPS_PALETTE_GAP_HIGH);
        colors[m++] = nps_chart_okabe_ito(NPS_PALETTE_GAP_HIGH);
    }
    if (low) {
        labels[m] = legend_text(in->low_label ? in->low_label : "関わる人の数に対して取り組む団体が多い事業",
                                NPS_PALETTE_GAP_LOW);
        colors[m++] = nps_chart_okabe_ito(NPS_PALETTE_GAP_LOW);
    }
    for (j = 0; j < m; j++)
        if (!labels[j]) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
    if (m)
        *y = nps_chart_legend(l, (const char **)labels, colors, m, CHART_MARGIN, *y + 12,
                              l->width - 2 * CHART_MARGIN, 1);
cleanup:
    nps_free(labels[0]);
    nps_free(labels[1]);
    return err;
}

nps_error nps_chart_build_gap(nps_chart_layout *l, const nps_chart *c)
{
    const nps_chart_gap *in = &c->gap;
    double body_w = l->width - 2 * CHART_MARGIN;
    double y0, xmax = 0.0, ymax = 0.0, ymin_pos = 0.0, tick_h, ytw = 0.0, xtw, label_w, y;
    double side_bottom;
    gpoint *pts = NULL;
    size_t *order = NULL, n = 0, j, k;
    cand *cands = NULL, *grid = NULL;
    size_t grid_cap;
    chart_text ytitle, xtitle, probe;
    gap_geom g;
    char buf[48];
    int flagged;
    nps_error err = NPS_OK;

    memset(&g, 0, sizeof g);
    g.log_y = in->log_y != 0;
    y0 = nps_chart_header(l, c, 1);
    pts = g_try_new0(gpoint, in->n_points ? in->n_points : 1);
    order = g_try_new0(size_t, in->n_points ? in->n_points : 1);
    cands = g_try_new0(cand, MAX_CANDS);
    if (!pts || !order || !cands) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (j = 0; j < in->n_points; j++) {
        const nps_chart_point *p = &in->points[j];
        if (!isfinite(p->x) || !isfinite(p->y))
            continue;
        pts[n++].idx = j;
        xmax = fmax(xmax, p->x);
        ymax = fmax(ymax, p->y);
        if (p->y > 0 && (ymin_pos == 0.0 || p->y < ymin_pos))
            ymin_pos = p->y;
    }
    if (n == 0) {
        nps_chart_footer(l, c, nps_chart_no_data(l, y0));
        goto cleanup;
    }
    for (k = 0, flagged = 1; flagged >= 0; flagged--)    /* flagged points first */
        for (j = 0; j < n; j++)
            if ((in->points[pts[j].idx].flag != NPS_GAP_NONE) == flagged)
                order[k++] = j;

    label_w = fmin(150.0, body_w * 0.25);
    for (j = 0; j < n; j++) {
        const nps_chart_point *p = &in->points[pts[j].idx];
        pts[j].label = nps_chart_text_new(l, p->label,
                                      p->flag != NPS_GAP_NONE ? FONT_SMALL_BOLD : FONT_SMALL,
                                      label_w, PANGO_ALIGN_LEFT);
    }
    probe = nps_chart_text_new(l, "0", FONT_SMALL, -1, PANGO_ALIGN_LEFT);
    tick_h = probe.h;
    nps_chart_text_free(&probe);

    /* the plot grows with the number of labels it has to hold */
    /* at most 0.85 × the width: with the axes, legend and note the figure
     * then fits a report page at its natural scale (never shrunk below
     * 7 pt text, docs/charts.md "Print sizes") */
    g.ph = fmin(fmax(fmax(l->width * 0.55, 260.0), (double)n * tick_h * 0.9), fmax(l->width * 0.85, 260.0));
    y_axis(&g, ymin_pos, ymax, tick_h);
    for (k = 0; k < (size_t)g.n_yticks; k++) {
        tick_text(g.yticks[k], buf, sizeof buf);
        ytw = fmax(ytw, text_width(l, buf));
    }
    ytitle = nps_chart_text_new(l, in->y_title ? in->y_title
                                           : (g.log_y ? "1団体あたりの人数（人、対数目盛）"
                                                      : "1団体あたりの人数（人）"),
                            FONT_SMALL, body_w, PANGO_ALIGN_LEFT);
    nps_chart_text_place(l, &ytitle, CHART_MARGIN, y0, CHART_INK_SOFT, NPS_BOX_AXIS);
    g.px0 = CHART_MARGIN + ytw + 8;
    g.py0 = y0 + ytitle.h + 6 + tick_h / 2;
    nps_chart_fmt_number(ceil(xmax * 2 + 10), buf, sizeof buf);
    xtw = text_width(l, buf);

    /* attempt 1: the whole width; attempt 2: with a side column */
    for (k = 0; k < 2; k++) {
        g.side_x = 0.0;
        g.pw = l->width - CHART_MARGIN - g.px0 - xtw / 2;
        if (k == 1) {
            g.pw -= 16 + label_w;
            g.side_x = g.px0 + g.pw + xtw / 2 + 16;
        }
        if (g.pw < 60) {
            err = NPS_ERR_LIMIT;          /* no room for a plot at this width */
            goto cleanup;
        }
        nps_chart_axis(xmax * 1.05, 0.0, 0.0, 1, (int)floor(g.pw / (xtw + 14)), &g.xstep, &g.xmax);
        to_screen(&g, in, pts, n);
        grid_cap = (size_t)(g.pw / 24 + 2) * (size_t)(g.ph / 18 + 2);
        g_free(grid);
        grid = g_try_new(cand, grid_cap);
        if (!grid) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
        if (place_labels(&g, in, pts, n, order, cands, grid, grid_cap) == 0)
            break;
    }
    side_bottom = place_side(&g, pts, n, order);

    y = gap_axes(l, &g, tick_h);
    xtitle = nps_chart_text_new(l, in->x_title ? in->x_title : "事業を行う団体数（団体）", FONT_SMALL,
                            g.px0 + g.pw - CHART_MARGIN, PANGO_ALIGN_RIGHT);
    nps_chart_text_place(l, &xtitle, g.px0 + g.pw - xtitle.w, y + 4, CHART_INK_SOFT, NPS_BOX_AXIS);
    y += 4 + xtitle.h;
    gap_points(l, in, pts, n);
    y = fmax(y, side_bottom);
    err = gap_legend(l, in, pts, n, &y);
    if (err == NPS_OK)
        nps_chart_footer(l, c, y);

cleanup:
    if (pts)
        for (j = 0; j < n; j++)
            nps_chart_text_free(&pts[j].label);
    g_free(pts);
    g_free(order);
    g_free(cands);
    g_free(grid);
    return err != NPS_OK ? err : l->err;
}
