/*
 * commentary_matrix.c — commentary of matrix questions (rows of single
 * choices over one list: the five-point scales of Q24/Q25, the handling
 * states of Q22) and the headline of the trouble flows (docs/commentary.md,
 * "Matrix questions", "The troubles question").
 *
 * A matrix names the rows where more than half chose the list's first
 * option (「積極的に行っている」が5割を超えている); when there is none, the
 * row with the most first-or-second answers. The troubles question (the
 * matrix the flows were built from) first gets the flows' two sentences and
 * its rows are the troubles of the flows' 全体 category, so its own その他
 * row is not ranked.
 *
 * Invariants: every percent of the flows is a ratio of two node counts of
 * the 全体 category, printed exactly (one decimal): these are the report's
 * headline figures and must match the flow diagrams digit for digit.
 */
#include <limits.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary_internal.h"

/* ---- the flows headline --------------------------------------------------- */

static long node_count(const nps_flows *f, size_t c, nps_flow_node_id id)
{
    const nps_flow_node *node = nps_flows_node(f, c, id);
    return node ? node->count : 0;
}

nps_error nps_cm_flows(nps_strbuf *sb, const nps_flows *f)
{
    size_t n_cat = f ? nps_flows_category_count(f) : 0;
    if (n_cat == 0)
        return NPS_OK;
    size_t c = n_cat - 1; /* 全体 */
    long all = node_count(f, c, NPS_FLOW_ALL);
    long known = node_count(f, c, NPS_FLOW_KNOWN);
    long intend = node_count(f, c, NPS_FLOW_INTEND);
    long handled = node_count(f, c, NPS_FLOW_HANDLED);
    char pk[NPS_CM_WORD], pi[NPS_CM_WORD], pp[NPS_CM_WORD], po[NPS_CM_WORD];
    if (all <= 0)
        return NPS_OK;
    nps_strbuf_addf(sb, "%zu項目の困りごとへの回答のうち、", nps_flows_category_trouble_count(f, c));
    nps_cm_sb_quote(sb, nps_flow_node_name(NPS_FLOW_KNOWN), strlen(nps_flow_node_name(NPS_FLOW_KNOWN)));
    if (known <= 0) {
        nps_strbuf_add(sb, "はなかった。");
        return NPS_OK;
    }
    nps_cm_percent(known, all, pk);
    nps_cm_percent(intend, known, pi);
    nps_strbuf_addf(sb, "は%sで、そのうち%sが", pk, pi);
    nps_cm_sb_quote(sb, nps_flow_node_name(NPS_FLOW_INTEND), strlen(nps_flow_node_name(NPS_FLOW_INTEND)));
    nps_strbuf_add(sb, "となっている。");
    if (handled <= 0)
        return NPS_OK;
    nps_cm_percent(node_count(f, c, NPS_FLOW_PARTNER), handled, pp);
    nps_cm_percent(node_count(f, c, NPS_FLOW_OWN), handled, po);
    nps_cm_sb_quote(sb, nps_flow_node_name(NPS_FLOW_HANDLED), strlen(nps_flow_node_name(NPS_FLOW_HANDLED)));
    nps_strbuf_addf(sb, "もののうち、%sが", pp);
    nps_cm_sb_quote(sb, nps_flow_node_name(NPS_FLOW_PARTNER), strlen(nps_flow_node_name(NPS_FLOW_PARTNER)));
    nps_strbuf_addf(sb, "、%sが", po);
    nps_cm_sb_quote(sb, nps_flow_node_name(NPS_FLOW_OWN), strlen(nps_flow_node_name(NPS_FLOW_OWN)));
    nps_strbuf_add(sb, "となっている。");
    return NPS_OK;
}

/* ---- matrix rows ---------------------------------------------------------- */

static long option_count(const nps_table *t, int option)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (t->rows[i].option_index == option)
            return t->rows[i].count;
    return 0;
}

/* Whether field i of the troubles question is one of the flows' troubles. */
static bool is_trouble_row(const nps_flows *f, const nps_field *field)
{
    size_t c = nps_flows_category_count(f) - 1;
    for (size_t k = 0; k < nps_flows_category_trouble_count(f, c); k++)
        if (nps_flows_category_trouble_row(f, c, k) == field->item_index)
            return true;
    return false;
}

typedef struct matrix_rows {
    nps_cm_item *first;   /* count = answers of option 1, per row */
    nps_cm_item *both;    /* count = answers of options 1 and 2 */
    size_t n;
    long base;
} matrix_rows;

static nps_error collect_rows(const nps_results *r, const nps_question *qu, bool troubles,
                              matrix_rows *m)
{
    memset(m, 0, sizeof *m);
    m->first = nps_calloc(qu->n_fields, sizeof *m->first);
    m->both = nps_calloc(qu->n_fields, sizeof *m->both);
    if (!m->first || !m->both)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_field *f = qu->fields[i];
        const nps_table *t = nps_tables_find(r->tables, qu->number, f->item_index);
        if (!t || (troubles && !is_trouble_row(r->flows, f)))
            continue;
        nps_cm_item it = {NULL, 0, option_count(t, 1), false};
        nps_cm_field_label(qu, i, &it.label, &it.len);
        m->first[m->n] = it;
        it.count += option_count(t, 2);
        m->both[m->n] = it;
        m->base = t->base;
        m->n++;
    }
    return NPS_OK;
}

/* 「A」と「B」において、「L1」が5割を超えている。 */
static void rows_over_half(nps_strbuf *sb, const nps_cm_item *const *over, size_t n,
                           const nps_option *l1)
{
    nps_cm_sb_items(sb, over, n, 3);
    nps_strbuf_add(sb, "において、");
    nps_cm_sb_quote(sb, l1->label, strlen(l1->label));
    nps_strbuf_add(sb, "が5割を超えている。");
}

/* 「L1」が5割を超える項目はないが、「L1」と「L2」を合わせると「A」が約5割と最も多い。 */
static void best_pair(nps_strbuf *sb, const nps_cm_item *const *best, size_t n, long count,
                      long base, const nps_option *l1, const nps_option *l2)
{
    char w[1][NPS_CM_WORD];
    bool exact = n > 1;
    nps_cm_wordings(&count, &exact, 1, base, w);
    nps_cm_sb_quote(sb, l1->label, strlen(l1->label));
    nps_strbuf_add(sb, "が5割を超える項目はないが、");
    if (l2) {
        nps_cm_sb_quote(sb, l1->label, strlen(l1->label));
        nps_strbuf_add(sb, "と");
        nps_cm_sb_quote(sb, l2->label, strlen(l2->label));
        nps_strbuf_add(sb, "を合わせると");
    }
    nps_cm_sb_items(sb, best, n, 3);
    nps_strbuf_addf(sb, "%s%sと最も多い。", n > 1 ? "が共に" : "が", w[0]);
}

nps_error nps_cm_matrix(nps_strbuf *sb, const nps_results *r, const nps_question *qu)
{
    nps_error err = NPS_OK;
    matrix_rows m;
    const nps_cm_item **sel = NULL;
    const nps_list *list = qu->n_fields ? qu->fields[0]->list : NULL;
    bool troubles = r->flows && nps_flows_category_count(r->flows) > 0 &&
                    nps_flows_question(r->flows) == qu->number;
    memset(&m, 0, sizeof m);
    if (!list || list->n_options == 0)
        goto cleanup;
    if ((err = collect_rows(r, qu, troubles, &m)) != NPS_OK)
        goto cleanup;
    if (m.n == 0)
        goto cleanup;
    if (!(sel = nps_calloc(m.n, sizeof *sel))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    if (troubles) { /* the flows, then the reading per trouble (commentary_reading.c) */
        err = nps_cm_flows(sb, r->flows);
        goto cleanup;
    }
    const nps_option *l1 = &list->options[0];
    const nps_option *l2 = list->n_options > 1 ? &list->options[1] : NULL;
    size_t k = 0;
    for (size_t i = 0; i < m.n; i++)
        if (2 * m.first[i].count > m.base)
            sel[k++] = &m.first[i];
    if (k > 0) {
        rows_over_half(sb, sel, k, l1);
        goto cleanup;
    }
    const nps_cm_item *pool = l2 ? m.both : m.first;
    long best = nps_cm_max_below(pool, m.n, LONG_MAX);
    if (best == 0) {
        nps_strbuf_add(sb, "いずれの項目でも");
        nps_cm_sb_quote(sb, l1->label, strlen(l1->label));
        if (l2) {
            nps_strbuf_add(sb, "または");
            nps_cm_sb_quote(sb, l2->label, strlen(l2->label));
        }
        nps_strbuf_add(sb, "と回答した団体はなかった。");
        goto cleanup;
    }
    k = nps_cm_collect(pool, m.n, best, sel);
    best_pair(sb, sel, k, best, m.base, l1, l2);

cleanup:
    nps_free(m.first);
    nps_free(m.both);
    nps_free(sel);
    return err;
}
