/*
 * chart_sankey.c — a left-to-right Sankey of a response-flow tree
 * (docs/analysis.md: 全回答 → 把握している / 把握していない / 無回答 → …).
 *
 * Geometry: column d (the node's depth) at x = margin + d × step; a node is
 * a thin bar whose height is proportional to its count (zero counts get a
 * 2-unit hairline so they still show); the link parent → child is a band
 * from a slice of the parent's right edge to the child's whole left edge.
 *
 * Label placement is a tidy-tree layout that makes overlaps impossible:
 *   - every subtree owns a vertical interval [T, B] covering its bars,
 *     labels and bands at x >= its own column; sibling intervals are stacked
 *     with a gap, so different subtrees never share a y;
 *   - an inner node's label sits above its bar, within [x_d, x_{d+1} - 20);
 *     its children's bars start no higher than its bar top (the first child
 *     is aligned with it), so its bands only run at or below its bar top and
 *     never cross its label;
 *   - a leaf's label sits right of its bar, vertically centred, and may run
 *     to the canvas edge: nothing else is in its interval to the right.
 * Colours: the root is dark grey, MISSING nodes grey; the first child of a
 * non-root node continues its parent's colour (the main stream reads as one
 * river), every other node takes the next Okabe–Ito colour (yellow and
 * black left out: too faint / too heavy next to the bands).
 * Children whose counts sum past their parent (inconsistent input) take
 * proportionally thinner source slices so bands stay within the parent bar.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "draw/chart_kinds.h"

#define NODE_W 14.0
#define SUBTREE_GAP 10.0
#define FLOW_HEIGHT 300.0
#define MAX_DEPTH 16

typedef struct snode {
    int first_child, last_child, next_sibling;
    int depth, root;
    double h, bar_h;        /* count height, drawn height (>= 2) */
    double x, y;            /* bar top-left */
    double lab_x, lab_y;
    chart_text label;
    chart_rgba color;
} snode;

static void shift(snode *nd, int v, double dy)
{
    int c;
    nd[v].y += dy;
    nd[v].lab_y += dy;
    for (c = nd[v].first_child; c >= 0; c = nd[c].next_sibling)
        shift(nd, c, dy);
}

/* Position subtree v with its bar top at ybar; its interval into *t, *b. */
static void place(snode *nd, int v, double ybar, double *t, double *b)
{
    snode *n = &nd[v];
    double prev_b = 0.0;
    int c, first = 1;

    n->y = ybar;
    if (n->first_child < 0) {
        n->lab_y = ybar + n->bar_h / 2 - n->label.h / 2;
        *t = fmin(ybar, n->lab_y);
        *b = fmax(ybar + n->bar_h, n->lab_y + n->label.h);
        return;
    }
    n->lab_y = ybar - 3 - n->label.h;
    *t = n->lab_y;
    *b = ybar + n->bar_h;
    for (c = n->first_child; c >= 0; c = nd[c].next_sibling) {
        double t0, b0, cy = ybar;
        place(nd, c, 0.0, &t0, &b0);
        if (!first && prev_b + SUBTREE_GAP - t0 > cy)
            cy = prev_b + SUBTREE_GAP - t0;
        shift(nd, c, cy);
        first = 0;
        prev_b = b0 + cy;
        *t = fmin(*t, t0 + cy);
        *b = fmax(*b, b0 + cy);
    }
}

/* Children lists, depths, roots, colours. NPS_ERR_LIMIT when too deep. */
static nps_error tree_build(const nps_chart_sankey *s, snode *nd, int *max_depth)
{
    size_t i;
    int colour = 0;

    *max_depth = 0;
    for (i = 0; i < s->n_nodes; i++) {
        int p = s->nodes[i].parent;
        nd[i].first_child = nd[i].last_child = nd[i].next_sibling = -1;
        if (p < 0) {
            nd[i].depth = 0;
            nd[i].root = (int)i;
        } else {
            nd[i].depth = nd[p].depth + 1;
            nd[i].root = nd[p].root;
            if (nd[p].last_child < 0)
                nd[p].first_child = (int)i;
            else
                nd[nd[p].last_child].next_sibling = (int)i;
            nd[p].last_child = (int)i;
        }
        if (nd[i].depth > MAX_DEPTH)
            return NPS_ERR_LIMIT;
        if (nd[i].depth > *max_depth)
            *max_depth = nd[i].depth;
        /* the main stream keeps its colour: a first child of a non-root
         * node inherits it; every other node takes the next colour */
        if (p < 0)
            nd[i].color = nps_chart_rgb(NPS_COLOR_FLOW_ROOT);
        else if (s->nodes[i].role == NPS_ROLE_MISSING)
            nd[i].color = CHART_MISSING;
        else if (s->nodes[p].parent >= 0 && nd[p].first_child == (int)i &&
                 s->nodes[p].role != NPS_ROLE_MISSING)
            nd[i].color = nd[p].color;
        else
            nd[i].color = nps_chart_okabe_ito((size_t)(colour++ % 6));
    }
    return NPS_OK;
}

static void node_text(const nps_chart_sankey *s, const snode *nd, size_t i, char *buf,
                      size_t size)
{
    char cnt[40], pct[32];
    const nps_chart_node *n = &s->nodes[i];

    nps_chart_fmt_count(n->count, cnt, sizeof cnt);
    if (n->parent < 0) {
        snprintf(buf, size, "%s\n%s", n->label ? n->label : "", cnt);
    } else {
        nps_format_percent(nps_percent_of(n->count, s->nodes[nd[i].root].count), pct, sizeof pct);
        snprintf(buf, size, "%s\n%s（%s）", n->label ? n->label : "", cnt, pct);
    }
}

/* Bands first (under the bars), then bars. */
static void sankey_shapes(nps_chart_layout *l, const nps_chart_sankey *s, snode *nd)
{
    size_t i;
    int c;

    for (i = 0; i < s->n_nodes; i++) {
        double sum = 0.0, factor = 1.0, off = 0.0;
        if (nd[i].first_child < 0)
            continue;
        for (c = nd[i].first_child; c >= 0; c = nd[c].next_sibling)
            sum += nd[c].h;
        if (sum > nd[i].h && sum > 0.0)
            factor = nd[i].h / sum;
        for (c = nd[i].first_child; c >= 0; c = nd[c].next_sibling) {
            double hs = nd[c].h * factor;
            if (nd[c].h > 0.0)
                nps_chart_add_band(l, nd[i].x + NODE_W, nd[i].y + off, nd[i].y + off + hs, nd[c].x,
                               nd[c].y, nd[c].y + nd[c].h, nps_chart_with_alpha(nd[c].color, 0.42));
            off += hs;
        }
    }
    for (i = 0; i < s->n_nodes; i++)
        nps_chart_add_rect(l, nd[i].x, nd[i].y, NODE_W, nd[i].bar_h, nd[i].color);
}

nps_error nps_chart_build_sankey(nps_chart_layout *l, const nps_chart *c)
{
    const nps_chart_sankey *s = &c->sankey;
    double body_w = l->width - 2 * CHART_MARGIN;
    double y0, k, maxc = 0.0, reserve = 0.0, step = 0.0, top = 0.0, bottom = 0.0, prev_b = 0.0;
    snode *nd = NULL;
    size_t i;
    int depth, first = 1;
    nps_error err = NPS_OK;

    y0 = nps_chart_header(l, c, 1);
    if (s->n_nodes == 0) {
        nps_chart_footer(l, c, nps_chart_no_data(l, y0));
        goto cleanup;
    }
    nd = g_try_new0(snode, s->n_nodes);
    if (!nd) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    err = tree_build(s, nd, &depth);
    if (err != NPS_OK)
        goto cleanup;
    for (i = 0; i < s->n_nodes; i++)
        if ((double)s->nodes[i].count > maxc)
            maxc = (double)s->nodes[i].count;
    k = maxc > 0.0 ? FLOW_HEIGHT / maxc : 0.0;

    /* room for the deepest column's labels, then the column step */
    for (i = 0; i < s->n_nodes; i++) {
        char buf[1024];
        chart_text t;
        if (nd[i].depth != depth)
            continue;
        node_text(s, nd, i, buf, sizeof buf);
        t = nps_chart_text_new(l, buf, FONT_LABEL, -1, PANGO_ALIGN_LEFT);
        reserve = fmax(reserve, t.w);
        nps_chart_text_free(&t);
    }
    reserve = fmin(fmax(reserve, 90.0), body_w * 0.3);
    if (depth > 0) {
        step = (body_w - NODE_W - 6 - reserve) / depth;
        if (step < NODE_W + 40) {
            reserve = 40.0;
            step = (body_w - NODE_W - 6 - reserve) / depth;
        }
        if (step < NODE_W + 40) {
            err = NPS_ERR_LIMIT;    /* too deep a tree for this width */
            goto cleanup;
        }
    }

    for (i = 0; i < s->n_nodes; i++) {
        char buf[1024];
        double limit;
        nd[i].h = (double)s->nodes[i].count * k;
        nd[i].bar_h = nd[i].h > 2.0 ? nd[i].h : 2.0;
        nd[i].x = CHART_MARGIN + nd[i].depth * step;
        limit = nd[i].first_child < 0 ? l->width - CHART_MARGIN - (nd[i].x + NODE_W + 6)
                                      : step - 20;
        node_text(s, nd, i, buf, sizeof buf);
        nd[i].label = nps_chart_text_new(l, buf, FONT_LABEL, limit, PANGO_ALIGN_LEFT);
        nd[i].lab_x = nd[i].first_child < 0 ? nd[i].x + NODE_W + 6 : nd[i].x;
    }

    /* roots stacked like siblings, then the whole forest moved under the header */
    for (i = 0; i < s->n_nodes; i++) {
        double t0, b0, ry = 0.0;
        if (s->nodes[i].parent >= 0)
            continue;
        place(nd, (int)i, 0.0, &t0, &b0);
        if (!first)
            ry = prev_b + SUBTREE_GAP - t0;
        shift(nd, (int)i, ry);
        top = first ? t0 + ry : fmin(top, t0 + ry);
        bottom = first ? b0 + ry : fmax(bottom, b0 + ry);
        prev_b = b0 + ry;
        first = 0;
    }
    for (i = 0; i < s->n_nodes; i++)
        if (s->nodes[i].parent < 0)
            shift(nd, (int)i, y0 + 4 - top);
    bottom += y0 + 4 - top;

    sankey_shapes(l, s, nd);
    for (i = 0; i < s->n_nodes; i++)
        nps_chart_text_place(l, &nd[i].label, nd[i].lab_x, nd[i].lab_y, CHART_INK, NPS_BOX_LABEL);
    nps_chart_footer(l, c, bottom);

cleanup:
    if (nd)
        for (i = 0; i < s->n_nodes; i++)
            nps_chart_text_free(&nd[i].label);
    g_free(nd);
    return err != NPS_OK ? err : l->err;
}
