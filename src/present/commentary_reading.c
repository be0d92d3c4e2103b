/*
 * commentary_reading.c — the second part of the commentary of matrices and
 * share groups: a reading, not a list (docs/commentary.md §6 "Reading").
 *
 * - Five-point scales (Q24, Q25: a matrix whose list has four or more
 *   options, not the troubles question): each row leans to the first two
 *   options (積極的/やや) or to the last two (あまり/全く) when the
 *   difference of the two sums lies outside its 95% interval; otherwise it
 *   is left undecided. The sentence counts the rows of each kind and names
 *   the rows of the smaller leaning side (at most three, questionnaire order).
 * - The troubles question (Q22): the troubles whose share 「対応できている」
 *   (options 1–2) or 「把握していない」 (the exclusive option) lies, with its
 *   whole 95% Wilson interval, above or below the share over all troubles.
 * - Share groups (Q14, Q17, Q19: number fields in percent): how many
 *   organisations give each item more than half; the item with the most is
 *   called 最も多い only when it differs from every other beyond the 95%
 *   interval of the difference.
 *
 * Invariants: every count comes from r's tables; rows are named in
 * questionnaire order, never ranked inside the interval; each sentence has
 * one number style (counts of 項目/団体, or exact N.N%).
 */
#include <math.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary_internal.h"

static long option_count(const nps_table *t, int option)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (t->rows[i].option_index == option)
            return t->rows[i].count;
    return 0;
}

static void quote_label(nps_strbuf *sb, const nps_list *list, size_t index)
{
    const char *s;
    size_t n;
    nps_cm_option_label(list, index, &s, &n);
    nps_cm_sb_quote(sb, s, n);
}

/* ---- five-point scales -------------------------------------------------- */

/* （「A」と「B」） after a count of 1–3 rows; more are not listed. */
static void named_rows(nps_strbuf *sb, const nps_cm_item *const *rows, size_t n)
{
    if (n == 0 || n > 3)
        return;
    nps_strbuf_add(sb, "（");
    nps_cm_sb_items(sb, rows, n, 3);
    nps_strbuf_add(sb, "）");
}

/* 「L1」または「L2」が「Ln-1」または「Ln」を上回る項目は37項目中N項目、下回る項目は
 * M項目（「A」など）で、残るK項目は差が95%信頼区間の内にある。 */
static nps_error scale_reading(nps_strbuf *sb, const nps_results *r, const nps_question *qu,
                               const nps_list *list)
{
    nps_error err = NPS_OK;
    size_t n = 0, n_up = 0, n_down = 0, m = list->n_options;
    bool answered = false;
    nps_cm_item *items = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *items);
    const nps_cm_item **up = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *up);
    const nps_cm_item **down = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *down);
    if (!items || !up || !down) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_table *t = nps_tables_find(r->tables, qu->number, qu->fields[i]->item_index);
        if (!t || t->base <= 0)
            continue;
        long pos = option_count(t, 1) + option_count(t, 2);
        long neg = option_count(t, (int)m - 1) + option_count(t, (int)m);
        answered = answered || pos + neg + option_count(t, 3) > 0;
        nps_cm_field_label(qu, i, &items[n].label, &items[n].len);
        if (nps_cm_differ(pos, neg, t->base) && pos > neg)
            up[n_up++] = &items[n];
        else if (nps_cm_differ(pos, neg, t->base))
            down[n_down++] = &items[n];
        n++;
    }
    if (n == 0 || !answered)
        goto cleanup;
    quote_label(sb, list, 0);
    nps_strbuf_add(sb, "または");
    quote_label(sb, list, 1);
    nps_strbuf_add(sb, "と回答した団体が");
    quote_label(sb, list, m - 2);
    nps_strbuf_add(sb, "または");
    quote_label(sb, list, m - 1);
    nps_strbuf_addf(sb, "と回答した団体を上回る項目は%zu項目中%zu項目", n, n_up);
    named_rows(sb, up, n_up);
    nps_strbuf_addf(sb, "、下回る項目は%zu項目", n_down);
    named_rows(sb, down, n_down);
    if (n - n_up - n_down > 0)
        nps_strbuf_addf(sb, "で、残る%zu項目は両者の差が95%%信頼区間の内にあり、どちらとも言えない。",
                        n - n_up - n_down);
    else
        nps_strbuf_add(sb, "である。");

cleanup:
    nps_free(items);
    nps_free(up);
    nps_free(down);
    return err;
}

/* ---- the troubles question ---------------------------------------------- */

typedef struct trouble_row {
    nps_cm_item item;
    long answered, hit;
} trouble_row;

/* Whether row `field` is one of the flows' 全体 troubles. */
static bool is_trouble(const nps_flows *f, const nps_field *field)
{
    size_t c = nps_flows_category_count(f) - 1;
    for (size_t k = 0; k < nps_flows_category_trouble_count(f, c); k++)
        if (nps_flows_category_trouble_row(f, c, k) == field->item_index)
            return true;
    return false;
}

/* Rows whose share hit/answered lies with its whole 95% interval above
 * (side > 0) or below (side < 0) the pooled share all_hit/all_answered. */
static size_t standing_out(const trouble_row *rows, size_t n, long all_hit, long all_answered,
                           int side, const nps_cm_item **out)
{
    size_t k = 0;
    double pooled = (double)all_hit / (double)all_answered;
    for (size_t i = 0; i < n; i++) {
        double lo, hi;
        if (rows[i].answered <= 0)
            continue;
        nps_wilson_interval(rows[i].hit, rows[i].answered, &lo, &hi);
        if ((side > 0 && lo > pooled) || (side < 0 && hi < pooled))
            out[k++] = &rows[i].item;
    }
    return k;
}

/* 「X」の割合（32項目全体でN.N%）が全体より高い（…）のは「A」など、低いのは「B」である。 */
static void trouble_sentence(nps_strbuf *sb, const trouble_row *rows, size_t n, long all_hit,
                             long all_answered, const char *what, bool first, const nps_cm_item **sel)
{
    char p[NPS_CM_WORD];
    size_t up, down;
    nps_cm_percent(all_hit, all_answered, p);
    nps_cm_sb_quote(sb, what, strlen(what));
    nps_strbuf_addf(sb, "の割合（%zu項目全体で%s）が", n, p);
    up = standing_out(rows, n, all_hit, all_answered, 1, sel);
    if (up > 0) {
        nps_strbuf_addf(sb, "%sのは", first ? "全体より高い（95%信頼区間が全体の値を上回る）" : "全体より高い");
        nps_cm_sb_items(sb, sel, up, 3);
    } else {
        nps_strbuf_addf(sb, "%s項目はなく", first ? "全体より高い（95%信頼区間が全体の値を上回る）" : "全体より高い");
    }
    down = standing_out(rows, n, all_hit, all_answered, -1, sel);
    if (down > 0) {
        nps_strbuf_add(sb, "、低いのは");
        nps_cm_sb_items(sb, sel, down, 3);
        nps_strbuf_add(sb, "である。");
    } else {
        nps_strbuf_add(sb, "、低い項目はない。");
    }
}

static nps_error troubles_reading(nps_strbuf *sb, const nps_results *r, const nps_question *qu,
                                  const nps_list *list)
{
    nps_error err = NPS_OK;
    size_t n = 0;
    long all_answered = 0, all_handled = 0, all_unknown = 0;
    int unknown_option = 0;
    trouble_row *rows = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *rows);
    trouble_row *rows2 = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *rows2);
    const nps_cm_item **sel = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *sel);
    if (!rows || !rows2 || !sel) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t o = 0; o < list->n_options; o++)
        if (list->options[o].role == NPS_OPTION_EXCLUSIVE)
            unknown_option = (int)o + 1;
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_table *t = nps_tables_find(r->tables, qu->number, qu->fields[i]->item_index);
        long answered;
        if (!t || !is_trouble(r->flows, qu->fields[i]))
            continue;
        answered = t->base; /* as the flows: 無回答 included */
        nps_cm_field_label(qu, i, &rows[n].item.label, &rows[n].item.len);
        rows[n].answered = answered;
        rows[n].hit = option_count(t, 1) + option_count(t, 2);
        rows2[n] = rows[n];
        rows2[n].hit = unknown_option ? option_count(t, unknown_option) : 0;
        all_answered += answered;
        all_handled += rows[n].hit;
        all_unknown += rows2[n].hit;
        n++;
    }
    if (n == 0 || all_answered == 0)
        goto cleanup;
    nps_strbuf_add(sb, "困りごと別に見ると、");
    trouble_sentence(sb, rows, n, all_handled, all_answered, nps_flow_node_name(NPS_FLOW_HANDLED), true,
                     sel);
    if (unknown_option)
        trouble_sentence(sb, rows2, n, all_unknown, all_answered, nps_flow_node_name(NPS_FLOW_UNKNOWN),
                         false, sel);

cleanup:
    nps_free(rows);
    nps_free(rows2);
    nps_free(sel);
    return err;
}

nps_error nps_cm_matrix_reading(nps_strbuf *sb, const nps_results *r, const nps_question *qu)
{
    const nps_list *list = qu->n_fields ? qu->fields[0]->list : NULL;
    bool troubles = r->flows && nps_flows_category_count(r->flows) > 0 &&
                    nps_flows_question(r->flows) == qu->number;
    if (!list)
        return NPS_OK;
    if (troubles)
        return troubles_reading(sb, r, qu, list);
    if (list->n_options >= 4)
        return scale_reading(sb, r, qu, list);
    return NPS_OK;
}

/* ---- share groups ------------------------------------------------------- */

/* Organisations whose answer to table t is more than half (bins above 50%). */
static long over_half(const nps_table *t)
{
    long k = 0;
    const nps_binset *bs = t->field->bins;
    for (size_t i = 0; i < t->n_rows; i++) {
        int o = t->rows[i].option_index;
        const nps_bin *b;
        if (o <= 0 || (size_t)o > bs->n_bins)
            continue;
        b = &bs->bins[o - 1];
        if (b->kind == NPS_BIN_INTERVAL && !isnan(b->low) && (b->low > 50.0 || (b->low == 50.0 && !b->low_closed)))
            k += t->rows[i].count;
    }
    return k;
}

/* Whether every bin of a percent set starts or ends at 50 (so "over half"
 * can be read from the bins). */
static bool splits_at_half(const nps_binset *bs)
{
    for (size_t i = 0; bs && i < bs->n_bins; i++)
        if (bs->bins[i].kind == NPS_BIN_INTERVAL && bs->bins[i].high == 50.0 && bs->bins[i].high_closed)
            return true;
    return false;
}

nps_error nps_cm_share_reading(nps_strbuf *sb, const nps_results *r, const nps_question *qu)
{
    nps_error err = NPS_OK;
    size_t n = 0, top = 0, named = 0;
    long base = 0;
    bool numeric = false;
    nps_cm_item *items = nps_calloc(qu->n_fields ? qu->n_fields : 1, sizeof *items);
    if (!items) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_field *f = qu->fields[i];
        const nps_table *t = nps_tables_find(r->tables, qu->number, f->item_index);
        if (f->type != NPS_F_NUMBER || f->unit != NPS_UNIT_PERCENT || !t || !splits_at_half(f->bins))
            goto cleanup; /* not a group of shares */
        nps_cm_field_label(qu, i, &items[n].label, &items[n].len);
        items[n].count = over_half(t);
        base = t->base;
        for (size_t k = 0; k < t->n_rows; k++) /* any number given at all */
            numeric = numeric || (t->rows[k].option_index > 0 && t->rows[k].count > 0 &&
                                  f->bins->bins[t->rows[k].option_index - 1].kind == NPS_BIN_INTERVAL);
        if (items[n].count > items[top].count)
            top = n;
        named += items[n].count > 0;
        n++;
    }
    if (n < 2 || base <= 0 || !numeric)
        goto cleanup;
    if (named == 0) {
        nps_strbuf_add(sb, "いずれの項目も5割を超えると回答した団体はなかった。");
        goto cleanup;
    }
    size_t close = 0; /* items other than the top inside the interval of the difference */
    const nps_cm_item **near = NULL;
    for (size_t i = 0; i < n; i++)
        if (i != top && items[i].count > 0 && !nps_cm_differ(items[top].count, items[i].count, base))
            close++;
    nps_strbuf_add(sb, "5割を超えると回答した団体の数は、");
    for (size_t i = 0, w = 0; i < n; i++) {
        if (items[i].count <= 0)
            continue;
        if (w++ > 0)
            nps_strbuf_add(sb, "、");
        nps_cm_sb_quote(sb, items[i].label, items[i].len);
        nps_strbuf_addf(sb, "が%ld団体", items[i].count);
    }
    if (named < n)
        nps_strbuf_add(sb, "（ほかの項目は0団体）");
    if (named == 1) {
        nps_strbuf_add(sb, "である。");
    } else if (close == 0) {
        nps_strbuf_add(sb, "で、");
        nps_cm_sb_quote(sb, items[top].label, items[top].len);
        nps_strbuf_add(sb, "が最も多い（他の項目との差は95%信頼区間の外にある）。");
    } else if (!(near = nps_calloc(close, sizeof *near))) {
        err = NPS_ERR_NOMEM;
    } else {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (i != top && items[i].count > 0 && !nps_cm_differ(items[top].count, items[i].count, base))
                near[k++] = &items[i];
        nps_strbuf_add(sb, "で、");
        nps_cm_sb_quote(sb, items[top].label, items[top].len);
        nps_strbuf_add(sb, "が最も多いが、");
        nps_cm_sb_items(sb, near, k, 3);
        nps_strbuf_add(sb, "との差は95%信頼区間の内にあり、順位はつけられない。");
        nps_free(near);
    }

cleanup:
    nps_free(items);
    return err;
}
