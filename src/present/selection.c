/*
 * selection.c — the flows read in words and the candidate list of the
 * selection method (selection.h; rules in docs/analysis.md).
 *
 * Invariants: every number is read from the flows and the gap at call
 * time; percentages are over a category's answers, with one decimal, so a
 * sentence uses one number style (N.N%). A difference under
 * NPS_SELECTION_STANDOUT_POINTS is said as 大きな差はない, never ranked.
 *
 * Ownership: see selection.h.
 */
#include <math.h>
#include <string.h>
#include "base/alloc.h"
#include "base/format.h"
#include "present/palette.h"
#include "present/selection.h"

static double share(const nps_flows *f, size_t c, nps_flow_node_id id)
{
    const nps_flow_node *n = nps_flows_node(f, c, id);
    return n ? n->percent : 0;
}

static double part(const nps_flows *f, size_t c, nps_flow_node_id a, nps_flow_node_id of)
{
    const nps_flow_node *x = nps_flows_node(f, c, a), *y = nps_flows_node(f, c, of);
    return x && y && y->count ? x->count * 100.0 / y->count : 0;
}

static size_t last(const nps_flows *f) { return nps_flows_category_count(f) - 1; }

bool nps_selection_stands_out(const nps_flows *f, size_t c)
{
    if (!f || c >= last(f))
        return false;
    double d = nps_round1(share(f, c, NPS_FLOW_UNKNOWN)) - nps_round1(share(f, last(f), NPS_FLOW_UNKNOWN));
    return d >= NPS_SELECTION_STANDOUT_POINTS - 1e-9;
}

void nps_selection_category_reading(nps_strbuf *sb, const nps_flows *f, size_t c)
{
    char u[16], all[16], diff[16], handled[16], partner[16];
    double du = nps_round1(share(f, c, NPS_FLOW_UNKNOWN)), da = nps_round1(share(f, last(f), NPS_FLOW_UNKNOWN));
    nps_format_percent(du, u, sizeof u);
    nps_format_percent(da, all, sizeof all);
    snprintf(diff, sizeof diff, "%.1f", fabs(du - da));
    nps_format_percent(part(f, c, NPS_FLOW_HANDLED, NPS_FLOW_KNOWN), handled, sizeof handled);
    nps_format_percent(part(f, c, NPS_FLOW_PARTNER, NPS_FLOW_HANDLED), partner, sizeof partner);
    nps_strbuf_addf(sb, "「%s」では、回答の%sが「把握していない」", nps_flows_category_name(f, c), u);
    if (c == last(f))
        nps_strbuf_add(sb, "である。");
    else if (du - da >= NPS_SELECTION_STANDOUT_POINTS - 1e-9)
        nps_strbuf_addf(sb, "で、全体の%sより%sポイント高く、把握されにくい分類である。", all, diff);
    else if (da - du >= NPS_SELECTION_STANDOUT_POINTS - 1e-9)
        nps_strbuf_addf(sb, "で、全体の%sより%sポイント低い。", all, diff);
    else
        nps_strbuf_addf(sb, "で、全体の%sと大きな差はない。", all);
    if (nps_flows_node(f, c, NPS_FLOW_KNOWN) && nps_flows_node(f, c, NPS_FLOW_KNOWN)->count > 0)
        nps_strbuf_addf(sb, "把握している回答のうち対応できているのは%sで、そのうち%sが他団体との連携による。",
                        handled, partner);
}

size_t nps_selection_standouts(nps_strbuf *sb, const nps_flows *f)
{
    size_t n = 0;
    for (size_t c = 0; f && c < last(f); c++)
        if (nps_selection_stands_out(f, c)) {
            nps_strbuf_addf(sb, "「%s」", nps_flows_category_name(f, c));
            n++;
        }
    return n;
}

/* ---- candidates ---------------------------------------------------------- */

static bool runs(const nps_gap_business *b, size_t row)
{
    for (long i = 0; i < b->organisations; i++)
        if (b->rows[i] == row)
            return true;
    return false;
}

/* The marked businesses run by `row` into sb; returns how many. */
static size_t marked_businesses(nps_strbuf *sb, const nps_gap *g, size_t row)
{
    size_t n = 0;
    for (size_t i = 0; i < nps_gap_count(g); i++) {
        const nps_gap_business *b = nps_gap_at(g, i);
        if (b->mark == NPS_GAP_MARK_NONE || !runs(b, row))
            continue;
        nps_strbuf_add(sb, n ? "、" : "");
        if (b->other)
            nps_strbuf_add(sb, b->label);
        else
            nps_strbuf_addf(sb, "Q%d %s", b->question, b->label);
        nps_strbuf_addf(sb, "（%s）", nps_palette_categorical_name(b->mark == NPS_GAP_MARK_HIGH ? NPS_PALETTE_GAP_HIGH
                                                                                               : NPS_PALETTE_GAP_LOW));
        n++;
    }
    return n;
}

/* The standing-out categories whose troubles `row` knows none of. */
static size_t categories_of(nps_strbuf *sb, const nps_flows *f, size_t row)
{
    size_t n = 0;
    for (size_t c = 0; c < last(f); c++) {
        if (!nps_selection_stands_out(f, c))
            continue;
        nps_flow_org o;
        if (nps_flows_org(f, c, row, &o) && o.knows_none) {
            nps_strbuf_addf(sb, "%s%s", n ? "・" : "", nps_flows_category_name(f, c));
            n++;
        }
    }
    return n;
}

nps_error nps_selection_candidates(const nps_results *r, nps_candidate **out, size_t *n)
{
    nps_error err = NPS_OK;
    nps_candidate *list = NULL;
    size_t count = 0, cap = 0;
    nps_strbuf cats = {0}, bus = {0};
    const nps_flows *f = r ? r->flows : NULL;
    *out = NULL;
    *n = 0;
    if (!f || !r->gap || nps_flows_category_count(f) < 2)
        return NPS_OK;
    for (size_t i = 0; i < nps_flows_org_count(f); i++) {
        nps_flow_org org;
        const nps_flow_org *o = &org;
        nps_strbuf_clear(&cats);
        nps_strbuf_clear(&bus);
        if (!nps_flows_org(f, last(f), i, &org) || categories_of(&cats, f, o->row) == 0 ||
            marked_businesses(&bus, r->gap, o->row) == 0)
            continue;
        if (cats.failed || bus.failed ||
            nps_grow((void **)&list, &cap, count + 1, sizeof *list, 8) != NPS_OK) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
        list[count] = (nps_candidate){o->id, o->name, nps_strbuf_take(&cats), nps_strbuf_take(&bus)};
        count++;
        if (!list[count - 1].categories || !list[count - 1].businesses) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
    }
    *out = list;
    *n = count;
    list = NULL;
    count = 0;

cleanup:
    nps_selection_candidates_free(list, count);
    nps_strbuf_free(&cats);
    nps_strbuf_free(&bus);
    return err;
}

void nps_selection_candidates_free(nps_candidate *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        nps_free(c[i].categories);
        nps_free(c[i].businesses);
    }
    nps_free(c);
}
