/*
 * report_pdf_compare.c — the chapter 「前回調査との比較」 of the PDF report
 * (docs/report.md, docs/compare.md), written only when the report is given
 * the previous wave (nps_report_options.previous).
 *
 * Order: a short explanation; the commentary; the changes beyond the
 * margin of error, each with its 95% interval, then how many stay within
 * it (counted, never ranked); one dumbbell chart per choice question; the
 * flows of the troubles side by side; the panel's movements in words; the
 * matching of the two questionnaires; a note on the intervals.
 *
 * Everything printed comes from the chapter (present/compare_chapter.h),
 * which holds no organisation name. Errors are sticky in the document.
 */
#include <stdio.h>
#include <string.h>
#include "present/compare_chapter.h"
#include "report/pdf/pdf_private.h"

static void intro(pdf_doc *d, const nps_compare_chapter *ch)
{
    size_t i;
    nps_pdf_para(d, PS_BODY,
                 "前回調査と今回調査の結果を、設問と選択肢の文言（文言を改めたものは対応表）で対応づけて比較した。"
                 "割合はそれぞれの調査の回答団体数に対する比率、変化は今回から前回を引いたポイント差である。"
                 "変化の95%信頼区間が0を含まないものを「誤差の範囲を超えた変化」とし、それ以外は誤差の範囲内として扱う。");
    for (i = 0; i < nps_cc_commentary_count(ch); i++)
        nps_pdf_bullet(d, PS_BULLET, "■", nps_cc_commentary_at(ch, i));
}

static void changes(pdf_doc *d, const nps_compare_chapter *ch)
{
    static const double w[] = {0.43, 0.11, 0.11, 0.15, 0.20};
    const char *head[] = {"設問・選択肢", "前回", "今回", "変化（ポイント）", "95%信頼区間"};
    size_t i;
    nps_pdf_heading(d, 2, "誤差の範囲を超えた変化", NULL);
    if (nps_cc_changed_count(ch) == 0) {
        nps_pdf_paraf(d, PS_BODY, "比較できた%zu項目のいずれも、前回との差は誤差の範囲内であった。",
                      nps_cc_within_count(ch));
        return;
    }
    nps_pdf_table_caption(d, "誤差の範囲を超えた変化");
    nps_pdf_table_begin(d, 5, w, "lrrrr", false);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (i = 0; i < nps_cc_changed_count(ch); i++) {
        const nps_compare_row *r = nps_cc_changed_at(ch, i);
        char a[32], b[32], c[32], lo[32], hi[32], iv[80];
        const char *cells[5] = {nps_cc_row_label(ch, r), a, b, c, iv};
        nps_format_percent(r->percent_old, a, sizeof a);
        nps_format_percent(r->percent_new, b, sizeof b);
        nps_cc_points(r->change, c, sizeof c);
        nps_cc_points(r->change_low, lo, sizeof lo);
        nps_cc_points(r->change_high, hi, sizeof hi);
        snprintf(iv, sizeof iv, "%s～%s", lo, hi);
        nps_pdf_table_row(d, 0, cells);
    }
    nps_pdf_table_end(d);
    nps_pdf_paraf(d, PS_NOTE,
                  "変化の大きい順。このほかの%zu項目の差は誤差の範囲内であり、増減の大きさで順位は付けていない"
                  "（各項目の値は集計表（Excel）の「前回比較」シート）。",
                  nps_cc_within_count(ch));
    nps_pdf_keep_with_previous(d);
}

static void figures(pdf_doc *d, const nps_compare_chapter *ch)
{
    size_t i;
    if (nps_cc_figure_count(ch) == 0)
        return;
    nps_pdf_heading(d, 2, "設問ごとの変化", NULL);
    nps_pdf_para(d, PS_SMALL,
                 "選択肢ごとに、前回の割合（白丸）と今回の割合（塗りの丸）を線で結んだ。帯は変化の95%信頼区間を"
                 "前回の値から測った範囲で、今回の丸が帯の外にあれば誤差の範囲を超えた変化である"
                 "（その丸は朱色、数値は太字）。");
    for (i = 0; i < nps_cc_figure_count(ch); i++) {
        const nps_cc_figure *f = nps_cc_figure_at(ch, i);
        nps_pdf_figure(d, &f->chart, f->chart.title);
    }
}

/* Category c of f named like name, or (size_t)-1. */
static size_t category_named(const nps_flows *f, const char *name)
{
    size_t i;
    for (i = 0; f && i < nps_flows_category_count(f); i++)
        if (strcmp(nps_flows_category_name(f, i), name) == 0)
            return i;
    return (size_t)-1;
}

#define MAX_FLOW_COLS 8

static void flows(pdf_doc *d, const nps_compare_chapter *ch)
{
    const nps_flows *of = nps_cc_old_flows(ch), *nf = nps_cc_new_flows(ch);
    double w[MAX_FLOW_COLS];
    char aligns[MAX_FLOW_COLS + 1];
    const char *head[MAX_FLOW_COLS];
    size_t n_cat, c, cols;
    int id;
    if (!of || !nf)
        return;
    n_cat = nps_flows_category_count(nf);
    cols = (n_cat < MAX_FLOW_COLS - 1 ? n_cat : MAX_FLOW_COLS - 1) + 1;
    nps_pdf_heading(d, 2, "困りごとへの対応状況の変化", NULL);
    nps_pdf_para(d, PS_SMALL,
                 "困りごとの分類ごとに、各段階の回答が全回答に占める割合（%）を前回→今回で示す（括弧内は変化のポイント）。");
    w[0] = 0.25;
    aligns[0] = 'l';
    head[0] = "段階";
    for (c = 1; c < cols; c++) {
        w[c] = 0.75 / (double)(cols - 1);
        aligns[c] = 'r';
        head[c] = nps_flows_category_name(nf, c - 1);
    }
    aligns[cols] = '\0';
    nps_pdf_table_caption(d, "困りごとの分類ごとの対応状況（前回→今回）");
    nps_pdf_table_begin(d, cols, w, aligns, true);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
        char cell[MAX_FLOW_COLS][128], label[128];
        const char *cells[MAX_FLOW_COLS];
        int k, used = 0;
        cells[0] = label;
        label[0] = '\0';
        for (k = 0; k < nps_flows_node(nf, 0, (nps_flow_node_id)id)->depth && used < 100; k++)
            used += snprintf(label + used, sizeof label - (size_t)used, "　");
        snprintf(label + used, sizeof label - (size_t)used, "%s", nps_flow_node_name((nps_flow_node_id)id));
        for (c = 1; c < cols; c++) {
            const nps_flow_node *n = nps_flows_node(nf, c - 1, (nps_flow_node_id)id);
            size_t oc = category_named(of, nps_flows_category_name(nf, c - 1));
            const nps_flow_node *o = oc == (size_t)-1 ? NULL : nps_flows_node(of, oc, (nps_flow_node_id)id);
            char a[32], b[32], ch_[32];
            snprintf(b, sizeof b, "%.1f", nps_round1(n->percent));
            if (o) {
                snprintf(a, sizeof a, "%.1f", nps_round1(o->percent));
                nps_cc_points(n->percent - o->percent, ch_, sizeof ch_);
                snprintf(cell[c], sizeof cell[c], "%s→%s\n（%s）", a, b, ch_);
            } else {
                snprintf(cell[c], sizeof cell[c], "（今回のみ）%s", b);
            }
            cells[c] = cell[c];
        }
        nps_pdf_table_row(d, id == NPS_FLOW_NO_ANSWER ? PDF_ROW_MUTED : 0, cells);
    }
    nps_pdf_table_end(d);
    nps_pdf_para(d, PS_NOTE,
                 "この表には信頼区間を付けていない。各団体が分類内のすべての困りごとに回答するため、分類内の回答は"
                 "団体ごとにまとまっており、互いに独立な回答として区間を計算すると狭くなりすぎるためである。");
    nps_pdf_keep_with_previous(d);
}

static void movements(pdf_doc *d, const nps_compare_chapter *ch)
{
    size_t i;
    nps_pdf_heading(d, 2, "両方の調査に回答した団体の動き", NULL);
    if (nps_cc_panel(ch) == 0) {
        nps_pdf_para(d, PS_BODY, "両方の調査に回答した団体は確認できなかった。");
        return;
    }
    nps_pdf_paraf(d, PS_BODY,
                  "両方の調査に回答した%zu団体について、複数回答の選択肢を前回は挙げず今回挙げた団体（新たに挙げた団体）と、"
                  "前回挙げて今回は挙げなかった団体の数を示す。同じ団体の2回の回答を対にして区間を求めている"
                  "（対応のある比率の差）。動きの多いものから順に、最大8項目。",
                  nps_cc_panel(ch));
    if (nps_cc_movement_count(ch) == 0)
        nps_pdf_para(d, PS_BODY, "複数回答の選択肢で、挙げる・挙げないが変わった団体はなかった。");
    for (i = 0; i < nps_cc_movement_count(ch); i++)
        nps_pdf_bullet(d, PS_BULLET, "・", nps_cc_movement_at(ch, i));
}

static void matching(pdf_doc *d, const nps_compare_chapter *ch)
{
    static const double w[] = {0.18, 0.41, 0.41};
    const char *head[] = {"区分", "前回調査", "今回調査"};
    size_t i;
    nps_pdf_heading(d, 2, "設問と選択肢の対応", NULL);
    if (nps_cc_match_count(ch) == 0) {
        nps_pdf_para(d, PS_BODY, "すべての設問と選択肢が、同じ番号と文言で両方の調査にある。");
        return;
    }
    nps_pdf_para(d, PS_SMALL,
                 "番号や文言が変わった設問・選択肢と、一方の調査にしかないもの。一方にしかないものは変化を計算していない"
                 "（その調査の値は集計表に収めた）。");
    nps_pdf_table_caption(d, "設問と選択肢の対応");
    nps_pdf_table_begin(d, 3, w, "lll", true);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (i = 0; i < nps_cc_match_count(ch); i++) {
        const nps_cc_match_line *m = nps_cc_match_at(ch, i);
        const char *cells[3] = {m->what, m->old_text[0] ? m->old_text : "―", m->new_text[0] ? m->new_text : "―"};
        nps_pdf_table_row(d, 0, cells);
    }
    nps_pdf_table_end(d);
}

void nps_pdf_section_compare(pdf_doc *d, const nps_report_options *opt)
{
    const nps_compare_chapter *ch = opt->previous;
    if (!ch)
        return;
    nps_pdf_heading(d, 1, "前回調査との比較", NULL);
    intro(d, ch);
    changes(d, ch);
    figures(d, ch);
    flows(d, ch);
    movements(d, ch);
    matching(d, ch);
    nps_pdf_para(d, PS_NOTE,
                 "95%信頼区間：二つの調査の比率の差にはNewcombeのハイブリッド・スコア法（各比率のWilson区間から求める）、"
                 "両方の調査に回答した団体の変化には対応のある比率に対する同じ方法を用いた。割合はすべて小数第1位で示す。");
}
