/*
 * compare_chapter.c — the content of the chapter 「前回調査との比較」
 * (compare_chapter.h, docs/report.md): the rows of the comparison
 * (analyse/compare.c) sorted into the changes beyond the margin of error
 * and the rest, the dumbbell charts, the panel's movements, the matching
 * table and the commentary.
 *
 * Invariants: a change is "beyond the margin of error" exactly when its
 * rounded interval (the one the tables print) excludes 0, so the words
 * and the tables never disagree; every number in a sentence is formatted
 * from a row at the moment it is written; the rows within the margin are
 * counted, never ranked. Option and row labels take the short forms of
 * docs/commentary.md ("Labels").
 *
 * Ownership: every string lives in the chapter's pool (strs) and is freed
 * with it; arrays are the chapter's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/format.h"
#include "base/strbuf.h"
#include "present/commentary_internal.h"
#include "present/compare_chapter.h"

#define MAX_MOVEMENTS 8

struct nps_compare_chapter {
    const nps_dataset *old_d, *new_d;
    nps_wave_match *match;
    nps_compare *cmp;
    nps_flows *old_flows, *new_flows;
    const char **row_labels;          /* parallel to the comparison's rows */
    const nps_compare_row **changed;
    size_t n_changed, n_within;
    nps_cc_figure *figures;
    nps_chart_dumbbell_row *db_rows;  /* every figure's rows, one array */
    size_t n_figures;
    const char **commentary, **movements;
    size_t n_commentary, n_movements;
    nps_cc_match_line *matches;
    size_t n_matches, cap_matches;
    char **strs;                      /* the pool */
    size_t n_strs, cap_strs;
    nps_error err;                    /* sticky: the first allocation failure */
};

/* ------------------------------------------------------------ the pool */

/* Keep the text of sb (cleared) in the pool; "" after a failure. */
static const char *keep(nps_compare_chapter *ch, nps_strbuf *sb)
{
    bool failed = sb->failed;
    char *s = nps_strbuf_take(sb);
    if (failed)
        ch->err = NPS_ERR_NOMEM;
    if (!s || ch->err != NPS_OK) {
        nps_free(s);
        return "";
    }
    if (ch->n_strs == ch->cap_strs) {
        size_t cap = ch->cap_strs ? 2 * ch->cap_strs : 64;
        char **p = nps_realloc(ch->strs, cap * sizeof *p);
        if (!p) {
            nps_free(s);
            ch->err = NPS_ERR_NOMEM;
            return "";
        }
        ch->strs = p;
        ch->cap_strs = cap;
    }
    ch->strs[ch->n_strs++] = s;
    return s;
}

void nps_cc_points(double v, char *buf, size_t size)
{
    double r = nps_round1(v);
    snprintf(buf, size, "%s%.1f", r > 0 ? "+" : "", r == 0.0 ? 0.0 : r);
}

/* The change's interval as printed excludes 0. */
static bool beyond_margin(double low, double high)
{
    return nps_round1(low) > 0.0 || nps_round1(high) < 0.0;
}

static bool is_option_row(const nps_compare_row *r)
{
    return r->status == NPS_WAVE_BOTH && r->option_index != 0;
}

/* ------------------------------------------------------------ labels */

static const nps_questionnaire *row_questionnaire(const nps_compare_chapter *ch, const nps_compare_row *r)
{
    return nps_dataset_questionnaire(r->status == NPS_WAVE_OLD ? ch->old_d : ch->new_d);
}

static void add_option_label(nps_strbuf *sb, const nps_field *f, const nps_compare_row *r)
{
    const char *s = r->option;
    size_t n = strlen(r->option);
    if (r->option_index == 0) {
        nps_strbuf_add(sb, "無回答");
        return;
    }
    if (f && f->list && r->option_index >= 1 && (size_t)r->option_index <= f->list->n_options &&
        r->status != NPS_WAVE_OLD)
        nps_cm_option_label(f->list, (size_t)r->option_index - 1, &s, &n);
    else if (!s[0])
        s = "（評価）", n = strlen(s);
    nps_cm_sb_quote(sb, s, n);
}

static void add_row_label(nps_compare_chapter *ch, nps_strbuf *sb, const nps_compare_row *r)
{
    const nps_questionnaire *q = row_questionnaire(ch, r);
    const nps_question *qu = nps_questionnaire_question(q, r->question);
    const nps_field *f = nps_questionnaire_field(q, r->question, r->item_index);
    nps_strbuf_addf(sb, "Q%d", r->question);
    if (r->item_index && qu && (size_t)r->item_index <= qu->n_fields) {
        const char *s;
        size_t n;
        nps_cm_field_label(qu, (size_t)r->item_index - 1, &s, &n);
        nps_cm_sb_quote(sb, s, n);
        nps_strbuf_add(sb, "：");
    } else if (r->item_index) {
        nps_cm_sb_quote(sb, r->item, strlen(r->item));
        nps_strbuf_add(sb, "：");
    }
    add_option_label(sb, f, r);
}

static void build_row_labels(nps_compare_chapter *ch)
{
    size_t n = nps_compare_row_count(ch->cmp), i;
    nps_strbuf sb = {0};
    ch->row_labels = nps_calloc(n ? n : 1, sizeof *ch->row_labels);
    if (!ch->row_labels) {
        ch->err = NPS_ERR_NOMEM;
        return;
    }
    for (i = 0; i < n; i++) {
        add_row_label(ch, &sb, nps_compare_row_at(ch->cmp, i));
        ch->row_labels[i] = keep(ch, &sb);
    }
}

const char *nps_cc_row_label(const nps_compare_chapter *ch, const nps_compare_row *row)
{
    size_t i, n = nps_compare_row_count(ch->cmp);
    for (i = 0; i < n && ch->row_labels; i++)
        if (nps_compare_row_at(ch->cmp, i) == row)
            return ch->row_labels[i];
    return "";
}

/* ------------------------------------------------------------ changes */

typedef struct ranked {
    const nps_compare_row *row;
    size_t index;
} ranked;

static int by_size(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    double dx = fabs(nps_round1(x->row->change)), dy = fabs(nps_round1(y->row->change));
    if (dx != dy)
        return dx > dy ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void build_changes(nps_compare_chapter *ch)
{
    size_t n = nps_compare_row_count(ch->cmp), i, k = 0;
    ranked *rk = nps_calloc(n ? n : 1, sizeof *rk);
    ch->changed = nps_calloc(n ? n : 1, sizeof *ch->changed);
    if (!rk || !ch->changed) {
        ch->err = NPS_ERR_NOMEM;
        nps_free(rk);
        return;
    }
    for (i = 0; i < n; i++) {
        const nps_compare_row *r = nps_compare_row_at(ch->cmp, i);
        if (!is_option_row(r))
            continue;
        if (beyond_margin(r->change_low, r->change_high))
            rk[k++] = (ranked){r, i};
        else
            ch->n_within++;
    }
    qsort(rk, k, sizeof *rk, by_size);
    for (i = 0; i < k; i++)
        ch->changed[i] = rk[i].row;
    ch->n_changed = k;
    nps_free(rk);
}

/* ------------------------------------------------------------ figures */

static bool charted(const nps_question *qu)
{
    return qu && (qu->type == NPS_Q_SELECT_ONE || qu->type == NPS_Q_SELECT_MULTIPLE);
}

static void build_figure(nps_compare_chapter *ch, const nps_question *qu, size_t first, size_t n_rows)
{
    nps_cc_figure *fig = &ch->figures[ch->n_figures++];
    const nps_questionnaire *q = nps_dataset_questionnaire(ch->new_d);
    const char *t;
    size_t tn;
    nps_strbuf sb = {0};
    nps_cm_title(q, qu, &t, &tn);
    fig->question = qu->number;
    fig->chart.kind = NPS_CHART_DUMBBELL;
    nps_strbuf_addf(&sb, "比較図%zu（Q%d）", ch->n_figures, qu->number);
    nps_strbuf_addn(&sb, t, tn);
    fig->chart.title = keep(ch, &sb);
    fig->chart.subtitle = qu->type == NPS_Q_SELECT_MULTIPLE ? "複数回答" : "単一回答";
    nps_strbuf_addf(&sb, "前回 n=%zu／今回 n=%zu", nps_dataset_count(ch->old_d), nps_dataset_count(ch->new_d));
    fig->chart.base_label = keep(ch, &sb);
    fig->chart.dumbbell.rows = &ch->db_rows[first];
    fig->chart.dumbbell.n_rows = n_rows;
}

static void build_figures(nps_compare_chapter *ch)
{
    size_t nq = nps_wave_match_question_count(ch->match), nr = nps_compare_row_count(ch->cmp), i, j, used = 0;
    nps_strbuf sb = {0};
    ch->figures = nps_calloc(nq ? nq : 1, sizeof *ch->figures);
    ch->db_rows = nps_calloc(nr ? nr : 1, sizeof *ch->db_rows);
    if (!ch->figures || !ch->db_rows) {
        ch->err = NPS_ERR_NOMEM;
        return;
    }
    for (i = 0; i < nq; i++) {
        const nps_wave_question *wq = nps_wave_match_question_at(ch->match, i);
        size_t first = used;
        if (wq->status != NPS_WAVE_BOTH || !charted(wq->new_q))
            continue;
        for (j = 0; j < nr; j++) {
            const nps_compare_row *r = nps_compare_row_at(ch->cmp, j);
            const nps_field *f;
            const char *s;
            size_t n;
            if (r->question != wq->new_q->number || r->status == NPS_WAVE_OLD || r->item_index != 0 ||
                !is_option_row(r))
                continue;
            f = nps_questionnaire_field(nps_dataset_questionnaire(ch->new_d), r->question, 0);
            s = r->option;
            n = strlen(s);
            if (f && f->list && (size_t)r->option_index <= f->list->n_options)
                nps_cm_option_label(f->list, (size_t)r->option_index - 1, &s, &n);
            nps_strbuf_addn(&sb, s, n);
            ch->db_rows[used] = (nps_chart_dumbbell_row){keep(ch, &sb), r->percent_old, r->percent_new,
                                                         r->change_low, r->change_high,
                                                         beyond_margin(r->change_low, r->change_high)};
            used++;
        }
        if (used > first)
            build_figure(ch, wq->new_q, first, used - first);
    }
}

/* ------------------------------------------------------------ sentences */

static const char **grow_lines(nps_compare_chapter *ch, const char **lines, size_t n)
{
    const char **p = nps_realloc(lines, (n + 1) * sizeof *p);
    if (!p)
        ch->err = NPS_ERR_NOMEM;
    return p;
}

static void add_line(nps_compare_chapter *ch, const char ***lines, size_t *n, nps_strbuf *sb)
{
    const char **p = grow_lines(ch, *lines, *n);
    if (!p) {
        nps_strbuf_free(sb);
        return;
    }
    *lines = p;
    p[(*n)++] = keep(ch, sb);
}

/* 「…」（27.7%→40.0%、+12.3ポイント、95%信頼区間 +5.6～+32.4ポイント） */
static void add_change(const nps_compare_chapter *ch, nps_strbuf *sb, const nps_compare_row *r)
{
    char c[32], lo[32], hi[32], a[32], b[32];
    nps_cc_points(r->change, c, sizeof c);
    nps_cc_points(r->change_low, lo, sizeof lo);
    nps_cc_points(r->change_high, hi, sizeof hi);
    nps_strbuf_addf(sb, "%s（%s→%s、%sポイント、95%%信頼区間 %s～%sポイント）", nps_cc_row_label(ch, r),
                    nps_format_percent(r->percent_old, a, sizeof a), nps_format_percent(r->percent_new, b, sizeof b),
                    c, lo, hi);
}

static void build_commentary(nps_compare_chapter *ch)
{
    nps_strbuf sb = {0};
    nps_strbuf_addf(&sb, "前回調査の回答は%zu団体、今回調査は%zu団体で、両方の調査に回答した団体は%zu団体である。",
                    nps_dataset_count(ch->old_d), nps_dataset_count(ch->new_d), nps_compare_panel(ch->cmp));
    add_line(ch, &ch->commentary, &ch->n_commentary, &sb);
    if (ch->n_changed == 0) {
        nps_strbuf_addf(&sb, "両方の調査で比較できた%zu項目（選択肢ごと。マトリクスは行ごと、数値は区分ごと）では、いずれも前回との差は誤差の範囲内であり、"
                             "はっきりした変化は見られない。", ch->n_within);
    } else {
        nps_strbuf_addf(&sb, "両方の調査で比較できた%zu項目（選択肢ごと。マトリクスは行ごと、数値は区分ごと）のうち、前回との差が誤差の範囲を超えたのは%zu項目で、"
                             "最も大きいのは", ch->n_within + ch->n_changed, ch->n_changed);
        add_change(ch, &sb, ch->changed[0]);
        nps_strbuf_add(&sb, "である。");
    }
    add_line(ch, &ch->commentary, &ch->n_commentary, &sb);
    if (ch->n_changed > 0 && ch->n_within > 0) {
        nps_strbuf_addf(&sb, "残る%zu項目の差は誤差の範囲内であり、増減の大きさで順位は付けていない。", ch->n_within);
        add_line(ch, &ch->commentary, &ch->n_commentary, &sb);
    }
}

/* Multiple-choice options of the panel, those that moved beyond the
 * margin of error first, then by how many organisations moved. */
static int by_movement(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    bool sx = beyond_margin(x->row->panel_low, x->row->panel_high);
    bool sy = beyond_margin(y->row->panel_low, y->row->panel_high);
    long mx = x->row->b + x->row->c, my = y->row->b + y->row->c;
    if (sx != sy)
        return sx ? -1 : 1;
    if (mx != my)
        return mx > my ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void build_movements(nps_compare_chapter *ch)
{
    size_t n = nps_compare_row_count(ch->cmp), i, k = 0;
    ranked *rk;
    nps_strbuf sb = {0};
    if (nps_compare_panel(ch->cmp) == 0)
        return;
    rk = nps_calloc(n ? n : 1, sizeof *rk);
    if (!rk) {
        ch->err = NPS_ERR_NOMEM;
        return;
    }
    for (i = 0; i < n; i++) {
        const nps_compare_row *r = nps_compare_row_at(ch->cmp, i);
        const nps_field *f = nps_questionnaire_field(nps_dataset_questionnaire(ch->new_d), r->question, r->item_index);
        if (is_option_row(r) && f && f->type == NPS_F_SELECT_MULTIPLE && r->b + r->c > 0)
            rk[k++] = (ranked){r, i};
    }
    qsort(rk, k, sizeof *rk, by_movement);
    for (i = 0; i < k && i < MAX_MOVEMENTS; i++) {
        const nps_compare_row *r = rk[i].row;
        char c[32], lo[32], hi[32];
        nps_cc_points(r->panel_change, c, sizeof c);
        nps_cc_points(r->panel_low, lo, sizeof lo);
        nps_cc_points(r->panel_high, hi, sizeof hi);
        nps_strbuf_addf(&sb, "%sを新たに挙げた団体 %ld、挙げなくなった団体 %ld（%sポイント、95%%信頼区間 %s～%sポイント%s）",
                        nps_cc_row_label(ch, r), r->b, r->c, c, lo, hi,
                        beyond_margin(r->panel_low, r->panel_high) ? "" : "、誤差の範囲内");
        add_line(ch, &ch->movements, &ch->n_movements, &sb);
    }
    nps_free(rk);
}

/* ------------------------------------------------------------ matching */

static void add_match(nps_compare_chapter *ch, const char *what, const char *old_text, const char *new_text)
{
    if (ch->err != NPS_OK)
        return;
    if (ch->n_matches == ch->cap_matches) {
        size_t cap = ch->cap_matches ? 2 * ch->cap_matches : 16;
        nps_cc_match_line *p = nps_realloc(ch->matches, cap * sizeof *p);
        if (!p) {
            ch->err = NPS_ERR_NOMEM;
            return;
        }
        ch->matches = p;
        ch->cap_matches = cap;
    }
    ch->matches[ch->n_matches++] = (nps_cc_match_line){what, old_text, new_text};
}

static const char *question_text(nps_compare_chapter *ch, const nps_question *qu)
{
    nps_strbuf sb = {0};
    if (!qu)
        return "";
    nps_strbuf_addf(&sb, "Q%d %s", qu->number, qu->title && qu->title[0] ? qu->title : qu->label);
    return keep(ch, &sb);
}

static const char *option_text(nps_compare_chapter *ch, const nps_question *qu, const nps_field *f, int index)
{
    nps_strbuf sb = {0};
    const char *label;
    if (!qu || !f || index < 0)
        return "";
    label = index == 0 ? "無回答" : nps_wave_option_label(f, index);
    nps_strbuf_addf(&sb, "Q%d", qu->number);
    if (f->item_index)
        nps_strbuf_addf(&sb, "「%s」：", f->label);
    if (label)
        nps_strbuf_addf(&sb, "「%s」", label);
    else
        nps_strbuf_addf(&sb, "★%d", index);
    return keep(ch, &sb);
}

static void build_matching(nps_compare_chapter *ch)
{
    size_t i, j;
    for (i = 0; i < nps_wave_match_question_count(ch->match); i++) {
        const nps_wave_question *q = nps_wave_match_question_at(ch->match, i);
        const char *what = q->status == NPS_WAVE_NEW ? "今回の追加"
                         : q->status == NPS_WAVE_OLD ? "前回のみ"
                         : q->by_crosswalk           ? "対応表による対応"
                         : q->old_q->number != q->new_q->number ? "番号の変更" : NULL;
        if (what)
            add_match(ch, what, question_text(ch, q->old_q), question_text(ch, q->new_q));
    }
    for (i = 0; i < nps_wave_match_field_count(ch->match); i++) {
        const nps_wave_field *f = nps_wave_match_field_at(ch->match, i);
        if (!f->old_q || !f->new_q)
            continue;                   /* a whole question: listed above */
        if (f->status != NPS_WAVE_BOTH) {
            add_match(ch, f->status == NPS_WAVE_NEW ? "今回の追加" : "前回のみ",
                      f->old_f ? option_text(ch, f->old_q, f->old_f, -1) : "",
                      f->new_f ? option_text(ch, f->new_q, f->new_f, -1) : "");
            continue;
        }
        for (j = 0; j < f->n_options; j++) {
            const nps_wave_option *o = &f->options[j];
            const char *what = o->status == NPS_WAVE_NEW ? "今回の追加"
                             : o->status == NPS_WAVE_OLD ? "前回のみ"
                             : o->by_crosswalk           ? "対応表による対応" : NULL;
            if (what)
                add_match(ch, what, option_text(ch, f->old_q, f->old_f, o->old_index),
                          option_text(ch, f->new_q, f->new_f, o->new_index));
        }
    }
}

/* ------------------------------------------------------------ build */

static nps_error build_flows(const nps_dataset *d, nps_flows **out)
{
    nps_error err = nps_flows_build(d, out);
    if (err != NPS_OK && err != NPS_ERR_NOMEM) {
        *out = NULL;                    /* no troubles question: no flows */
        err = NPS_OK;
    }
    return err;
}

nps_error nps_compare_chapter_build(const nps_dataset *old_d, const nps_dataset *new_d,
                                    const nps_crosswalk *cw, bool by_register, nps_compare_chapter **out,
                                    nps_diag *diag)
{
    nps_compare_chapter *ch = nps_calloc(1, sizeof *ch);
    nps_error err;
    *out = NULL;
    if (!ch)
        return nps_diag_set(diag, NPS_ERR_NOMEM, "", 0, "out of memory");
    ch->old_d = old_d;
    ch->new_d = new_d;
    err = nps_waves_match(nps_dataset_questionnaire(old_d), nps_dataset_questionnaire(new_d), cw, &ch->match,
                          diag);
    if (err == NPS_OK && (err = nps_compare_build(old_d, new_d, ch->match, by_register, &ch->cmp)) == NPS_OK &&
        (err = build_flows(old_d, &ch->old_flows)) == NPS_OK)
        err = build_flows(new_d, &ch->new_flows);
    if (err == NPS_OK) {
        build_row_labels(ch);
        build_changes(ch);
        build_figures(ch);
        build_commentary(ch);
        build_movements(ch);
        build_matching(ch);
        err = ch->err;
    }
    if (err != NPS_OK) {
        if (!diag->message[0])
            nps_diag_set(diag, err, "", 0, "%s", nps_strerror(err));
        nps_compare_chapter_free(ch);
        return err;
    }
    *out = ch;
    return NPS_OK;
}

void nps_compare_chapter_free(nps_compare_chapter *ch)
{
    size_t i;
    if (!ch)
        return;
    for (i = 0; i < ch->n_strs; i++)
        nps_free(ch->strs[i]);
    nps_free(ch->strs);
    nps_free(ch->row_labels);
    nps_free(ch->changed);
    nps_free(ch->figures);
    nps_free(ch->db_rows);
    nps_free(ch->commentary);
    nps_free(ch->movements);
    nps_free(ch->matches);
    nps_flows_free(ch->old_flows);
    nps_flows_free(ch->new_flows);
    nps_compare_free(ch->cmp);
    nps_wave_match_free(ch->match);
    nps_free(ch);
}

/* ------------------------------------------------------------ accessors */

const nps_compare *nps_cc_compare(const nps_compare_chapter *ch) { return ch->cmp; }
size_t nps_cc_old_count(const nps_compare_chapter *ch) { return nps_dataset_count(ch->old_d); }
size_t nps_cc_new_count(const nps_compare_chapter *ch) { return nps_dataset_count(ch->new_d); }
size_t nps_cc_panel(const nps_compare_chapter *ch) { return nps_compare_panel(ch->cmp); }
size_t nps_cc_changed_count(const nps_compare_chapter *ch) { return ch->n_changed; }
const nps_compare_row *nps_cc_changed_at(const nps_compare_chapter *ch, size_t i) { return ch->changed[i]; }
size_t nps_cc_within_count(const nps_compare_chapter *ch) { return ch->n_within; }
size_t nps_cc_figure_count(const nps_compare_chapter *ch) { return ch->n_figures; }
const nps_cc_figure *nps_cc_figure_at(const nps_compare_chapter *ch, size_t i) { return &ch->figures[i]; }
const nps_flows *nps_cc_old_flows(const nps_compare_chapter *ch) { return ch->old_flows; }
const nps_flows *nps_cc_new_flows(const nps_compare_chapter *ch) { return ch->new_flows; }
size_t nps_cc_commentary_count(const nps_compare_chapter *ch) { return ch->n_commentary; }
const char *nps_cc_commentary_at(const nps_compare_chapter *ch, size_t i) { return ch->commentary[i]; }
size_t nps_cc_movement_count(const nps_compare_chapter *ch) { return ch->n_movements; }
const char *nps_cc_movement_at(const nps_compare_chapter *ch, size_t i) { return ch->movements[i]; }
size_t nps_cc_match_count(const nps_compare_chapter *ch) { return ch->n_matches; }
const nps_cc_match_line *nps_cc_match_at(const nps_compare_chapter *ch, size_t i) { return &ch->matches[i]; }
