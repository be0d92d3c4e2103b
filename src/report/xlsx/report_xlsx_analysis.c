/*
 * report_xlsx_analysis.c — the analysis sheets of the workbook
 * (docs/workbook.md): the trouble flows (困りごとフロー), the gap data
 * (スクランブル人口), the free-text themes (課題テーマ, テーマ別引用) and the
 * free texts (自由記述); the organisation lists (団体リスト) are in
 * report_xlsx_orgs.c.
 *
 * Invariants:
 *   - Sheets whose rows grow with the responses (テーマ別引用, 自由記述)
 *     are constant_memory sheets, written strictly downwards; the
 *     sheets with charts are ordinary sheets, so that libxlsxwriter can
 *     cache their chart data.
 *   - Organisation names appear in 団体リスト only, and only when both the
 *     caller asked (opt->reveal_names) and the flows carry them; every
 *     other sheet names organisations by their pseudonymous id.
 *   - Respondent text here is already masked (themes.h, free texts).
 *
 * Ownership: the strings built here (joined trouble labels) are freed
 * before each function returns; the rest belongs to the results.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "report/xlsx/xlsx_private.h"
#include "present/palette.h"
#include "present/wording.h"

const nps_flow_node_id nps_xw_leaves[XW_N_LEAVES] = {NPS_FLOW_OWN,     NPS_FLOW_PARTNER, NPS_FLOW_WORKING,
                                                      NPS_FLOW_NO_PLAN, NPS_FLOW_UNKNOWN, NPS_FLOW_NO_ANSWER};

/* The colour of leaf k: Okabe–Ito blue, sky blue, green, vermilion, then
 * neutral (把握していない) and missing grey (無回答). */
static lxw_color_t leaf_color(size_t k)
{
    static const unsigned categorical[] = {0, 4, 2, 3};
    if (k < sizeof categorical / sizeof categorical[0])
        return XW_COLOR_CATEGORICAL(categorical[k]);
    return k == 4 ? XW_COLOR_NEUTRAL : XW_COLOR_MISSING;
}

/* Append text to j, after sep unless j is still empty; NULL appends nothing. */
static void join(nps_strbuf *j, const char *sep, const char *text)
{
    if (!text)
        return;
    if (j->len > 0)
        nps_strbuf_add(j, sep);
    nps_strbuf_add(j, text);
}

char *nps_xw_troubles_text(const nps_flows *f, uint64_t set)
{
    nps_strbuf j = {0};
    for (int r = 1; r <= 64; r++)
        if (set & ((uint64_t)1 << (r - 1)))
            join(&j, "、", nps_flows_trouble_label(f, r));
    if (!j.failed && !j.s)
        j.s = nps_strdup("");
    if (j.failed || !j.s) {
        nps_free(j.s);
        return NULL;
    }
    return j.s;
}

char *nps_xw_trouble_labels(xw_book *b, const nps_flows *f, uint64_t set)
{
    char *s = nps_xw_troubles_text(f, set);
    if (!s)
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (trouble labels)");
    return s;
}

/* The Sankey figure of category c (figures are in category order). */
static const nps_figure *flow_figure(const nps_figures *f, size_t c)
{
    size_t k = 0;
    for (size_t i = 0; i < nps_figures_count(f); i++) {
        const nps_figure *fig = nps_figures_at(f, i);
        if (fig->chart.kind == NPS_CHART_SANKEY && k++ == c)
            return fig;
    }
    return NULL;
}

/* ------------------------------------------------------------------ flows */

static xw_style indent_style(int depth)
{
    return depth <= 0 ? XW_TEXT : depth == 1 ? XW_INDENT1 : depth == 2 ? XW_INDENT2 : XW_INDENT3;
}

/* Leaves per category: the data of the summary chart. */
static void flow_leaf_block(xw_sheet *s, const nps_flows *f, lxw_row_t *first, lxw_row_t *head)
{
    size_t nc = nps_flows_category_count(f);
    nps_xw_text(s, 0, "カテゴリ別の内訳（回答数：団体×困りごと）", XW_CAPTION);
    nps_xw_next_row(s);
    *head = s->row;
    nps_xw_text(s, 0, "カテゴリ", XW_HEAD);
    nps_xw_text(s, 1, "困りごとの数", XW_HEAD);
    nps_xw_text(s, 2, "全回答", XW_HEAD);
    for (size_t k = 0; k < XW_N_LEAVES; k++)
        nps_xw_text(s, (lxw_col_t)(3 + k), nps_flow_node_name(nps_xw_leaves[k]), XW_HEAD);
    nps_xw_next_row(s);
    *first = s->row;
    for (size_t c = 0; c < nc; c++) {
        nps_xw_text(s, 0, nps_flows_category_name(f, c), XW_TEXT);
        nps_xw_int(s, 1, (long long)nps_flows_category_trouble_count(f, c));
        nps_xw_int(s, 2, nps_flows_node(f, c, NPS_FLOW_ALL)->count);
        for (size_t k = 0; k < XW_N_LEAVES; k++)
            nps_xw_int(s, (lxw_col_t)(3 + k), nps_flows_node(f, c, nps_xw_leaves[k])->count);
        nps_xw_next_row(s);
    }
    nps_xw_skip_rows(s, 1);
}

/* category,node,count,percent; returns the first data row. */
static lxw_row_t flow_node_block(xw_sheet *s, const nps_flows *f)
{
    lxw_row_t first;
    nps_xw_text(s, 0, "ノード別（割合はカテゴリの全回答に対する%）", XW_CAPTION);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "カテゴリ", XW_HEAD);
    nps_xw_text(s, 1, "ノード", XW_HEAD);
    nps_xw_text(s, 2, "回答数", XW_HEAD);
    nps_xw_text(s, 3, "割合(%)", XW_HEAD);
    nps_xw_text(s, 4, "上位ノード", XW_HEAD);
    nps_xw_next_row(s);
    first = s->row;
    for (size_t c = 0; c < nps_flows_category_count(f); c++) {
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *node = nps_flows_node(f, c, (nps_flow_node_id)id);
            nps_xw_text(s, 0, nps_flows_category_name(f, c), XW_TEXT);
            nps_xw_text(s, 1, node->name, indent_style(node->depth));
            nps_xw_int(s, 2, node->count);
            nps_xw_num(s, 3, nps_round1(node->percent), XW_PCT);
            if (node->parent >= 0)
                nps_xw_text(s, 4, nps_flow_node_name((nps_flow_node_id)node->parent), XW_TEXT);
            nps_xw_next_row(s);
        }
    }
    nps_xw_skip_rows(s, 1);
    return first;
}

static void flow_trouble_block(xw_book *b, xw_sheet *s, const nps_flows *f)
{
    nps_xw_text(s, 0, "カテゴリに含まれる困りごと", XW_CAPTION);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "カテゴリ", XW_HEAD);
    nps_xw_text(s, 1, "困りごと", XW_HEAD);
    nps_xw_next_row(s);
    for (size_t c = 0; c < nps_flows_category_count(f) && !xw_failed(b); c++) {
        uint64_t set = 0;
        for (size_t k = 0; k < nps_flows_category_trouble_count(f, c); k++)
            set |= (uint64_t)1 << (nps_flows_category_trouble_row(f, c, k) - 1);
        char *labels = nps_xw_trouble_labels(b, f, set);
        nps_xw_text(s, 0, nps_flows_category_name(f, c), XW_TEXT);
        nps_xw_text(s, 1, labels, XW_TEXT);
        nps_free(labels);
        nps_xw_next_row(s);
    }
}

static int flow_leaf_chart(xw_book *b, xw_sheet *s, lxw_row_t first, lxw_row_t head, size_t nc,
                           lxw_row_t at, lxw_col_t col)
{
    uint8_t type = LXW_CHART_BAR_STACKED_PERCENT;
    lxw_chart *chart = nps_xw_chart_new(b, type, "困りごとへの対応状況の内訳（カテゴリ別・全体）");
    int height = 200 + 40 * (int)nc;
    for (size_t k = 0; k < XW_N_LEAVES && !xw_failed(b); k++) {
        lxw_chart_series *series = nps_xw_series(b, chart, s, first, first + (lxw_row_t)nc - 1, 0,
                                             (lxw_col_t)(3 + k), head, (int)(3 + k));
        nps_xw_series_color(series, leaf_color(k));
    }
    if (xw_failed(b))
        return 0;
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_axis_set_reverse(nps_xw_cat_axis(chart, type));
    chart_axis_set_crossing_max(nps_xw_cat_axis(chart, type));
    chart_axis_set_num_format(nps_xw_val_axis(chart, type), "0%");
    chart_axis_set_name(nps_xw_val_axis(chart, type), "構成比（カテゴリの全回答に対する）");
    chart_set_series_gap(chart, 50);
    nps_xw_chart_insert(s, chart, at, col, 760, height);
    return height;
}

/* The nodes of category c as bars (a native stand-in for its Sankey). */
static int flow_node_chart(xw_book *b, xw_sheet *s, const nps_flows *f, size_t c, lxw_row_t first,
                           lxw_row_t at, lxw_col_t col)
{
    const nps_figure *fig = flow_figure(b->r->figures, c);
    char title[512];
    lxw_row_t top = first + (lxw_row_t)(c * NPS_FLOW_NODE_COUNT);
    lxw_chart *chart;
    lxw_chart_series *series;
    lxw_color_t colors[NPS_FLOW_NODE_COUNT];
    snprintf(title, sizeof title, "%s",
             fig ? fig->caption : nps_flows_category_name(f, c));
    chart = nps_xw_chart_new(b, LXW_CHART_BAR, title);
    series = nps_xw_series(b, chart, s, top, top + NPS_FLOW_NODE_COUNT - 1, 1, 3, 0, -1);
    if (!series)
        return 0;
    for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++)
        colors[id] = id == NPS_FLOW_NO_ANSWER ? XW_COLOR_MISSING
                   : id == NPS_FLOW_UNKNOWN ? XW_COLOR_NEUTRAL : XW_COLOR_CATEGORICAL(0);
    nps_xw_series_point_colors(b, series, colors, NPS_FLOW_NODE_COUNT);
    nps_xw_series_labels(series, "0.0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_reverse(nps_xw_cat_axis(chart, LXW_CHART_BAR));
    chart_axis_set_crossing_max(nps_xw_cat_axis(chart, LXW_CHART_BAR));
    chart_axis_set_min(nps_xw_val_axis(chart, LXW_CHART_BAR), 0);
    chart_axis_set_max(nps_xw_val_axis(chart, LXW_CHART_BAR), 100);
    snprintf(title, sizeof title, "割合（%%）　全回答=%ld", nps_flows_node(f, c, NPS_FLOW_ALL)->count);
    chart_axis_set_name(nps_xw_val_axis(chart, LXW_CHART_BAR), title);
    chart_set_series_gap(chart, 50);
    nps_xw_chart_insert(s, chart, at, col, 640, 400);
    return 400;
}

nps_error nps_xw_flow_sheet(xw_book *b)
{
    const nps_flows *f = b->r->flows;
    lxw_row_t leaf_first = 0, leaf_head = 0, node_first;
    xw_sheet s;
    char buf[256];
    if (!f)
        return b->err;
    snprintf(buf, sizeof buf, "Q%d 困りごとのカテゴリ別の対応状況（フロー：全回答→把握→対応の意向→対応）",
             nps_flows_question(f));
    if (nps_xw_sheet_begin(b, &s, "困りごとフロー", buf, 0) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, buf, XW_TITLE);
    nps_xw_next_row(&s);
    snprintf(buf, sizeof buf, "全回答＝%zu団体×カテゴリの困りごとの回答。割合はカテゴリの全回答に対する%%。",
             nps_flows_org_count(f));
    nps_xw_text(&s, 0, buf, XW_NOTE);
    nps_xw_next_row(&s);
    nps_xw_text(&s, 0, "把握している＝回答1～4、対応する意向あり＝1～3、対応できている＝1～2、"
                   "把握していない＝5（特に困りごとがある人はいない）", XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    flow_leaf_block(&s, f, &leaf_first, &leaf_head);
    node_first = flow_node_block(&s, f);
    flow_trouble_block(b, &s, f);
    {
        size_t nc = nps_flows_category_count(f);
        lxw_col_t col = (lxw_col_t)(s.used_cols + 1);
        lxw_row_t at = nps_xw_freeze_head(&s, 0);
        int h = flow_leaf_chart(b, &s, leaf_first, leaf_head, nc, at, col);
        at += (lxw_row_t)((h + 24) / 25 + 1);
        for (size_t c = 0; c < nc && !xw_failed(b); c++) {
            h = flow_node_chart(b, &s, f, c, node_first, at, col);
            at += (lxw_row_t)((h + 24) / 25 + 1);
        }
    }
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

/* -------------------------------------------------------------------- gap */

static void gap_table(xw_sheet *s, const nps_gap *g)
{
    nps_xw_text(s, 0, "設問", XW_HEAD);
    nps_xw_text(s, 1, "事業", XW_HEAD);
    nps_xw_text(s, 2, "団体数", XW_HEAD);
    nps_xw_text(s, 3, "関わる人数の合計", XW_HEAD);
    nps_xw_text(s, 4, "人数の回答がない団体", XW_HEAD);
    nps_xw_text(s, 5, "1団体あたりの人数", XW_HEAD);
    nps_xw_text(s, 6, "判定", XW_HEAD);
    nps_xw_next_row(s);
    for (size_t i = 0; i < nps_gap_count(g); i++) {
        const nps_gap_business *bu = nps_gap_at(g, i);
        char q[16];
        snprintf(q, sizeof q, "Q%d", bu->question);
        nps_xw_text(s, 0, q, XW_TEXT);
        nps_xw_text(s, 1, bu->label, XW_TEXT);
        nps_xw_int(s, 2, bu->organisations);
        nps_xw_num(s, 3, bu->people, XW_NUM);
        nps_xw_int(s, 4, bu->organisations_without_number);
        nps_xw_num(s, 5, nps_round1(bu->people_per_org), XW_PCT);
        nps_xw_text(s, 6, bu->mark == NPS_GAP_MARK_HIGH ? "朱色：少数の団体が多くの人に関わる"
                      : bu->mark == NPS_GAP_MARK_LOW ? "青：多くの団体が少ない人数を分け合う" : "",
                XW_TEXT);
        nps_xw_next_row(s);
    }
    nps_xw_skip_rows(s, 1);
}

/* The scatter data grouped by mark: rows [first[m], last[m]] of mark m. */
static void gap_points(xw_sheet *s, const nps_gap *g, lxw_row_t first[3], size_t count[3])
{
    static const nps_gap_mark order[3] = {NPS_GAP_MARK_HIGH, NPS_GAP_MARK_LOW, NPS_GAP_MARK_NONE};
    nps_xw_text(s, 0, "グラフ用データ（団体数と1団体あたりの人数が0でない事業）", XW_CAPTION);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "判定", XW_HEAD);
    nps_xw_text(s, 1, "事業", XW_HEAD);
    nps_xw_text(s, 2, "団体数", XW_HEAD);
    nps_xw_text(s, 3, "1団体あたりの人数", XW_HEAD);
    nps_xw_next_row(s);
    for (int m = 0; m < 3; m++) {
        first[m] = s->row;
        count[m] = 0;
        for (size_t i = 0; i < nps_gap_count(g); i++) {
            const nps_gap_business *bu = nps_gap_at(g, i);
            char label[512];
            if (bu->mark != order[m] || bu->organisations == 0 || !(bu->people_per_org > 0))
                continue;
            if (bu->other)
                snprintf(label, sizeof label, "%s", bu->label);
            else
                snprintf(label, sizeof label, "Q%d %s", bu->question, bu->label);
            nps_xw_text(s, 0, m == 0 ? nps_palette_categorical_name(NPS_PALETTE_GAP_HIGH)
                              : m == 1 ? nps_palette_categorical_name(NPS_PALETTE_GAP_LOW) : "", XW_TEXT);
            nps_xw_text(s, 1, label, XW_TEXT);
            nps_xw_int(s, 2, bu->organisations);
            nps_xw_num(s, 3, nps_round1(bu->people_per_org), XW_PCT);
            nps_xw_next_row(s);
            count[m]++;
        }
    }
}

static void gap_chart(xw_book *b, xw_sheet *s, const nps_figure *fig, const lxw_row_t first[3],
                      const size_t count[3], lxw_col_t col)
{
    static const char *names[3] = {"朱色：少数の団体が多くの人に関わる",
                                   "青：多くの団体が少ない人数を分け合う", "その他の事業"};
    /* red and blue rings as in the chart; the other businesses a light grey */
    const lxw_color_t colors[3] = {XW_COLOR_CATEGORICAL(3), XW_COLOR_CATEGORICAL(0), 0x999999};
    lxw_chart *chart = NULL;
    bool any = false;
    for (int m = 0; m < 3; m++)
        any = any || count[m] > 0;
    if (!any)
        return;
    chart = nps_xw_chart_new(b, LXW_CHART_SCATTER, fig ? fig->caption : "事業ごとの団体数と1団体あたりの人数");
    for (int m = 0; m < 3 && !xw_failed(b); m++) {
        lxw_chart_series *series;
        lxw_chart_fill fill;
        lxw_chart_line line;
        memset(&fill, 0, sizeof fill);
        memset(&line, 0, sizeof line);
        fill.color = line.color = colors[m];
        line.width = 0.75;
        if (count[m] == 0)
            continue;
        series = nps_xw_series(b, chart, s, first[m], first[m] + (lxw_row_t)count[m] - 1, 2, 3, 0, -1);
        if (!series)
            return;
        chart_series_set_name(series, names[m]);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(series, m < 2 ? 9 : 6);
        chart_series_set_marker_fill(series, &fill);
        chart_series_set_marker_line(series, &line);
    }
    if (xw_failed(b))
        return;
    chart_axis_set_name(chart->x_axis, "事業を行う団体数");
    chart_axis_set_name(chart->y_axis, "1団体あたりの人数（人）");
    if (fig && fig->chart.gap.log_y)
        chart_axis_set_log_base(chart->y_axis, 10);
    chart_axis_set_min(chart->x_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    nps_xw_chart_insert(s, chart, s->below_head ? s->below_head : 4, col, 760, 480);
}


/* A figure's note as the workbook says it: a parenthetical that points the
 * reader to the project's documentation ("（判定基準は docs/…）") is left
 * out — the sheet states the criteria itself, and the workbook names no
 * file (docs/workbook.md). */
static void figure_note(xw_sheet *s, const char *note)
{
    const char *docs = note ? strstr(note, "docs/") : NULL;
    const char *paren = docs;
    while (paren && paren > note && strncmp(paren, "（", strlen("（")) != 0)
        paren--;
    if (paren && paren > note) {
        char *cut = nps_strndup(note, (size_t)(paren - note));
        if (!cut)
            nps_xw_fail(s->b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (note)");
        nps_xw_text(s, 0, cut, XW_NOTE);
        nps_free(cut);
    } else if (!docs) {
        nps_xw_text(s, 0, note, XW_NOTE);
    }
}
nps_error nps_xw_gap_sheet(xw_book *b)
{
    const nps_gap *g = b->r->gap;
    const nps_figure *fig;
    const nps_gap_thresholds *th;
    lxw_row_t first[3] = {0, 0, 0};
    size_t count[3] = {0, 0, 0};
    xw_sheet s;
    char buf[512];
    if (!g)
        return b->err;
    fig = nps_figures_find(b->r->figures, NPS_FIGURE_GAP, 0, 0);
    th = nps_gap_get_thresholds(g);
    if (nps_xw_sheet_begin(b, &s, "スクランブル人口", fig ? fig->caption : "事業ごとの団体数と1団体あたりの人数",
                       0) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, fig ? fig->caption : "事業ごとの団体数と1団体あたりの人数", XW_TITLE);
    nps_xw_next_row(&s);
    figure_note(&s, fig ? fig->chart.note : NULL);
    nps_xw_next_row(&s);
    if (th->marking)
        snprintf(buf, sizeof buf,
                 "判定の対象 %zu事業：団体数 中央値 %.1f・75%%点 %.1f、"
                 "1団体あたりの人数 中央値 %.1f・75%%点 %.1f",
                 th->eligible, th->organisations_median, th->organisations_p75,
                 th->people_per_org_median, th->people_per_org_p75);
    else
        snprintf(buf, sizeof buf, "判定の対象が %zu事業のため判定していません（4事業以上で判定）",
                 th->eligible);
    nps_xw_text(&s, 0, buf, XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    gap_table(&s, g);
    gap_points(&s, g, first, count);
    nps_xw_freeze_head(&s, 0);
    gap_chart(b, &s, fig, first, count, (lxw_col_t)(s.used_cols + 1));
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

/* ----------------------------------------------------------------- themes */

/* One row per theme: its keywords, and apart from them the exclusions
 * (written "!word" in the questionnaire's themes.csv: a longer word or a
 * remark in which a keyword does not count, docs/analysis.md). */
static void theme_keywords(xw_book *b, xw_sheet *s)
{
    const nps_questionnaire *q = nps_publication_questionnaire(b->r->publication);
    nps_xw_text(s, 0, "分類のキーワード（調査票の設定）", XW_CAPTION);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "テーマ", XW_HEAD);
    nps_xw_text(s, 1, "キーワード", XW_HEAD);
    nps_xw_text(s, 2, "数えない語（キーワードを含む別の語）", XW_HEAD);
    nps_xw_next_row(s);
    for (size_t i = 0; i < nps_questionnaire_theme_count(q) && !xw_failed(b); i++) {
        const nps_theme *t = nps_questionnaire_theme_at(q, i);
        nps_strbuf kw = {0}, ex = {0};
        for (size_t k = 0; k < t->n_keywords; k++) {
            const char *w = t->keywords[k];
            if (w[0] == '!')
                join(&ex, "、", w + 1);
            else
                join(&kw, "、", w);
        }
        if (kw.failed || ex.failed) {
            nps_free(kw.s);
            nps_free(ex.s);
            nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (keywords)");
            return;
        }
        nps_xw_text(s, 0, t->name, XW_TEXT);
        nps_xw_text(s, 1, kw.s ? kw.s : "", XW_TEXT);
        if (ex.s)
            nps_xw_text(s, 2, ex.s, XW_TEXT);
        nps_free(kw.s);
        nps_free(ex.s);
        nps_xw_next_row(s);
    }
}

/* "Q38・Q39": the theme questions of the settings. */
static void theme_questions(xw_book *b, char *buf, size_t size)
{
    nps_strbuf sb = {0};
    nps_wording_questions(&sb, &nps_questionnaire_settings(nps_publication_questionnaire(b->r->publication))->theme_questions);
    if (sb.failed)
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (theme questions)");
    snprintf(buf, size, "%s", nps_strbuf_get(&sb));
    nps_strbuf_free(&sb);
}

static nps_error theme_count_sheet(xw_book *b, const nps_themes *t)
{
    const nps_figure *fig = nps_figures_find(b->r->figures, NPS_FIGURE_THEMES, 0, 0);
    const char *title = fig ? fig->caption : "自由回答の課題テーマ";
    size_t n = nps_themes_count(t);
    lxw_row_t first, top;
    lxw_chart *chart;
    lxw_chart_series *series;
    xw_sheet s;
    char buf[512], qs[256];
    if (nps_xw_sheet_begin(b, &s, "課題テーマ", title, 0) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, title, XW_TITLE);
    nps_xw_next_row(&s);
    theme_questions(b, qs, sizeof qs);
    snprintf(buf, sizeof buf,
             "n=%ld（%sに記入した団体）。1つの記述が複数のテーマに当てはまる場合はそれぞれに数える。",
             nps_themes_respondents(t), qs);
    nps_xw_text(&s, 0, buf, XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_text(&s, 0, "テーマ", XW_HEAD);
    nps_xw_text(&s, 1, "記述の数", XW_HEAD);
    nps_xw_text(&s, 2, "団体数", XW_HEAD);
    nps_xw_next_row(&s);
    first = s.row;
    for (size_t i = 0; i < n; i++) {
        nps_xw_text(&s, 0, nps_themes_name(t, i), XW_TEXT);
        nps_xw_int(&s, 1, nps_themes_text_count(t, i));
        nps_xw_int(&s, 2, nps_themes_org_count(t, i));
        nps_xw_next_row(&s);
    }
    nps_xw_text(&s, 0, NPS_THEMES_UNCODED, XW_TEXT);
    nps_xw_int(&s, 1, nps_themes_uncoded_count(t));
    nps_xw_skip_rows(&s, 1);
    theme_keywords(b, &s);
    top = nps_xw_freeze_head(&s, 0);
    if (n > 0) {
        chart = nps_xw_chart_new(b, LXW_CHART_BAR, title);
        series = nps_xw_series(b, chart, &s, first, first + (lxw_row_t)n - 1, 0, 2, 0, -1);
        if (series) {
            nps_xw_series_color(series, XW_COLOR_CATEGORICAL(2));
            nps_xw_series_labels(series, "0");
            chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
            chart_axis_set_reverse(nps_xw_cat_axis(chart, LXW_CHART_BAR));
            chart_axis_set_crossing_max(nps_xw_cat_axis(chart, LXW_CHART_BAR));
            chart_axis_set_min(nps_xw_val_axis(chart, LXW_CHART_BAR), 0);
            snprintf(buf, sizeof buf, "団体数　n=%ld", nps_themes_respondents(t));
            chart_axis_set_name(nps_xw_val_axis(chart, LXW_CHART_BAR), buf);
            nps_xw_chart_insert(&s, chart, top, (lxw_col_t)(s.used_cols + 1), 640, 300 + 30 * (int)n);
        }
    }
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

/* Free text is listed without the organisation and not in response order
 * (question, item, then the text itself), so that no row leads back to a
 * respondent of 回答データ (whose region and activities would identify it). */
static int text_order(const void *a, const void *b)
{
    const nps_theme_text *x = *(const nps_theme_text *const *)a, *y = *(const nps_theme_text *const *)b;
    int c = (x->question > y->question) - (x->question < y->question);
    if (c == 0)
        c = (x->item_index > y->item_index) - (x->item_index < y->item_index);
    if (c == 0)
        c = strcmp(x->text ? x->text : "", y->text ? y->text : "");
    return c;
}

/* The n texts of at(src, k) in text_order; NULL (the book failed) when out
 * of memory. nps_free. */
static const nps_theme_text **texts_sorted(xw_book *b, const void *src, size_t list, size_t n,
                                           const nps_theme_text *(*at)(const void *, size_t, size_t))
{
    const nps_theme_text **v = nps_calloc(n ? n : 1, sizeof *v);
    if (!v) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (free text)");
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        v[k] = at(src, list, k);
    qsort(v, n, sizeof *v, text_order);
    return v;
}

/* One quote row: theme, question, item, text. */
static void quote_row(xw_sheet *s, const char *theme, const nps_theme_text *tt)
{
    char q[16];
    snprintf(q, sizeof q, "Q%d", tt->question);
    nps_xw_text(s, 0, theme, XW_TEXT);
    nps_xw_text(s, 1, q, XW_TEXT);
    nps_xw_text(s, 2, tt->item, XW_TEXT);
    nps_xw_text(s, 3, tt->text, XW_TEXT);
    nps_xw_next_row(s);
}

/* Accessors for texts_sorted: text k of list `i` of src. */
static const nps_theme_text *quote_at(const void *t, size_t i, size_t k) { return nps_themes_quote_at(t, i, k); }
static const nps_theme_text *theme_text_at(const void *t, size_t i, size_t k)
{
    (void)i;
    return nps_themes_text_at(t, k);
}
static const nps_theme_text *free_text_at(const void *ft, size_t i, size_t k)
{
    (void)i;
    return nps_free_texts_at(ft, k);
}

/* The quotes of theme i (i == count: the uncoded texts), sorted. */
static void theme_quotes(xw_book *b, xw_sheet *s, const nps_themes *t, size_t i)
{
    bool uncoded = i == nps_themes_count(t);
    size_t n = uncoded ? nps_themes_text_total(t) : nps_themes_quote_count(t, i);
    const nps_theme_text **v;
    v = texts_sorted(b, t, i, n, uncoded ? theme_text_at : quote_at);
    for (size_t k = 0; v && k < n && !xw_failed(b); k++)
        if (!uncoded || v[k]->themes == 0)
            quote_row(s, uncoded ? NPS_THEMES_UNCODED : nps_themes_name(t, i), v[k]);
    nps_free(v);
}

static nps_error theme_quote_sheet(xw_book *b, const nps_themes *t)
{
    xw_sheet s;
    char qs[256], desc[512];
    theme_questions(b, qs, sizeof qs);
    snprintf(desc, sizeof desc, "%sの記述を課題テーマ別に（マスク済み）", qs);
    if (nps_xw_sheet_begin(b, &s, "テーマ別引用", desc, XW_SHEET_STREAM) != NPS_OK)
        goto cleanup;
    snprintf(desc, sizeof desc, "課題テーマ別の記述（%s）", qs);
    nps_xw_text(&s, 0, desc, XW_TITLE);
    nps_xw_next_row(&s);
    nps_xw_text(&s, 0, "個人情報（メール・電話番号・郵便番号・URL・氏名・団体名）はマスクしています。"
                   "1つの記述が複数のテーマに当てはまる場合はそれぞれに掲載。"
                   "回答した団体が分からないよう、団体IDは示さず、設問ごとに記述の文字順に並べています。", XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 2, 32);
    nps_xw_col_fixed(&s, 3, 80);
    nps_xw_text(&s, 0, "テーマ", XW_HEAD);
    nps_xw_text(&s, 1, "設問", XW_HEAD);
    nps_xw_text(&s, 2, "項目", XW_HEAD);
    nps_xw_text(&s, 3, "記述（マスク済み）", XW_HEAD);
    nps_xw_next_row(&s);
    for (size_t i = 0; i <= nps_themes_count(t) && !xw_failed(b); i++)
        theme_quotes(b, &s, t, i);
    nps_xw_freeze_head(&s, 0);
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

nps_error nps_xw_theme_sheets(xw_book *b)
{
    if (!b->r->themes)
        return b->err;
    if (theme_count_sheet(b, b->r->themes) == NPS_OK)
        theme_quote_sheet(b, b->r->themes);
    return b->err;
}

/* -------------------------------------------------------------- free text */

nps_error nps_xw_free_text_sheet(xw_book *b)
{
    const nps_free_texts *ft = b->r->free_texts;
    const nps_questionnaire *q = nps_publication_questionnaire(b->r->publication);
    const nps_theme_text **v = NULL;
    size_t n;
    xw_sheet s;
    if (!ft)
        return b->err;
    n = nps_free_texts_count(ft);
    if (nps_xw_sheet_begin(b, &s, "自由記述", "自由記述の回答（個人情報をマスク済み）",
                       XW_SHEET_STREAM) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, "自由記述の回答", XW_TITLE);
    nps_xw_next_row(&s);
    nps_xw_text(&s, 0, "個人情報（メール・電話番号・郵便番号・URL・氏名・団体名）は"
                   "［メール］などに置き換えています。"
                   "選択肢の「その他」への記入も含みます。"
                   "回答した団体が分からないよう、団体IDは示さず、設問ごとに記述の文字順に並べています。", XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 0, 30);
    nps_xw_col_fixed(&s, 1, 32);
    nps_xw_col_fixed(&s, 2, 80);
    nps_xw_text(&s, 0, "設問", XW_HEAD);
    nps_xw_text(&s, 1, "項目", XW_HEAD);
    nps_xw_text(&s, 2, "記述（マスク済み）", XW_HEAD);
    nps_xw_next_row(&s);
    v = texts_sorted(b, ft, 0, n, free_text_at);
    for (size_t k = 0; v && k < n && !xw_failed(b); k++) {
        const nps_theme_text *tt = v[k];
        const nps_question *qu = nps_questionnaire_question(q, tt->question);
        char head[512];
        snprintf(head, sizeof head, "Q%d %s", tt->question, qu ? qu->title : "");
        nps_xw_text(&s, 0, head, XW_TEXT);
        nps_xw_text(&s, 1, tt->item, XW_TEXT);
        nps_xw_text(&s, 2, tt->text, XW_TEXT);
        nps_xw_next_row(&s);
    }
    nps_xw_freeze_head(&s, 0);
cleanup:
    nps_xw_sheet_end(&s);
    nps_free(v);
    return b->err;
}
