/*
 * report_pdf_analysis.c — the analysis chapters of the PDF report: the
 * response flows of the troubles with their organisation lists (docs/analysis.md),
 * the gap chart with its marked businesses (docs/analysis.md) and the free text by theme
 * and by question (docs/analysis.md).
 *
 * Invariants:
 *   - organisations appear only as pseudonymous ids (R001 …); a name is
 *     added next to the id only in the organisation lists, only when the
 *     caller asked for names (opt->reveal_names) and the flows carry them;
 *   - free text is printed only as the masked quotes of themes.h (never an
 *     answer's text), and without organisation ids, so a quote cannot be
 *     joined to an organisation's other answers;
 *   - every number printed is a count from the analysis or nps_round1 of
 *     its percentage, with one decimal;
 *   - the PDF is read by people: an organisation list stops before its
 *     text would be wider than PDF_ORG_LIST_WIDTH half-width characters
 *     (about three quarters of a page in its table cell, so the row fits
 *     on one page, names or not) and a group of quotes (a theme, a
 *     question's item) shows at most PDF_QUOTES_MAX quotes, the first in
 *     file order; each is followed by how many more there are and where
 *     the workbook lists them all. A regional survey (a few hundred organisations) never reaches
 *     either; a national one keeps a PDF of readable length whose size
 *     does not grow with the number of responses.
 *
 * Ownership: nothing allocated here outlives a call (nps_strbuf buffers are
 * freed before returning); the document copies what it keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "report/pdf/pdf_private.h"
#include "present/palette.h"
#include "present/selection.h"
#include "present/wording.h"

#define PDF_ORG_LIST_WIDTH 3000
#define PDF_QUOTES_MAX 100
#define PDF_QUOTE_MAX_CHARS 400 /* a longer quote is cut: the workbook has it whole */

/* A paragraph built in sb, then sb freed (an allocation failure fails the
 * document). */
static void para_sb(pdf_doc *d, pdf_style style, nps_strbuf *sb)
{
    if (sb->failed)
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    else
        nps_pdf_para(d, style, nps_strbuf_get(sb));
    nps_strbuf_free(sb);
}

/* ---------------------------------------------------------------- flows */

static const nps_flow_node_id leaves[] = {NPS_FLOW_OWN, NPS_FLOW_PARTNER, NPS_FLOW_WORKING,
                                          NPS_FLOW_NO_PLAN, NPS_FLOW_UNKNOWN, NPS_FLOW_NO_ANSWER};

/* "R001 名前(3)" — the id, the name when revealed, the count when > 1;
 * after a comma unless it is the first. */
static void org_entry(nps_strbuf *s, const nps_flow_org *o, int count, bool names, bool comma)
{
    if (comma)
        nps_strbuf_add(s, "、");
    nps_strbuf_add(s, o->id);
    if (names && o->name && o->name[0])
        nps_strbuf_addf(s, " %s", o->name);
    if (count > 1)
        nps_strbuf_addf(s, "(%d)", count);
}

/* Width of UTF-8 text in half-width characters (ASCII 1, the rest 2). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80)
            w++;
        else if ((*p & 0xC0) != 0x80)
            w += 2;
    return w;
}

/* An organisation list being built: entries are added while the text
 * stays within PDF_ORG_LIST_WIDTH; the rest are only counted. */
typedef struct org_list {
    nps_strbuf text;
    size_t width;
    long listed, total;
} org_list;

static void org_list_add(org_list *l, const nps_flow_org *o, int count, bool names)
{
    nps_strbuf entry = {0};
    size_t w;
    l->total++;
    if (l->listed < l->total - 1) /* already cut */
        return;
    org_entry(&entry, o, count, names, l->listed > 0);
    w = text_width(nps_strbuf_get(&entry));
    if (l->width + w <= PDF_ORG_LIST_WIDTH) {
        nps_strbuf_add(&l->text, nps_strbuf_get(&entry));
        l->width += w;
        l->listed++;
    }
    l->text.failed |= entry.failed;
    nps_strbuf_free(&entry);
}

/* The list's text, with "ほかN団体" and where the whole list is when it
 * was cut — the workbook's sheet, or for a large survey the CSV file
 * (in_book: nps_report_data_in_workbook), named without a file name;
 * "－" when empty. */
static const char *org_list_finish(org_list *l, bool in_book)
{
    if (l->total > l->listed)
        nps_strbuf_addf(&l->text,
                        in_book ? "　ほか%ld団体（全件は集計表（Excel）の「団体リスト」シートに掲載）"
                                : "　ほか%ld団体（全件は報告書に添えたCSVファイル「団体リスト」に掲載）",
                        l->total - l->listed);
    return l->total ? nps_strbuf_get(&l->text) : "－";
}

/* The node table of category c: node, count, percent, indented by depth. */
static void flow_node_table(pdf_doc *d, const nps_flows *f, size_t c)
{
    static const double w[] = {0.42, 0.14, 0.14};
    const char *head[] = {"区分", "件数", "割合"};
    int id;

    nps_pdf_table_begin(d, 3, w, "lrr", true);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
        const nps_flow_node *node = nps_flows_node(f, c, (nps_flow_node_id)id);
        char label[256], n[32], pct[32];
        const char *cells[3] = {label, n, pct};
        int k, used = 0;
        if (!node)
            continue;
        for (k = 0; k < node->depth && used < 200; k++)
            used += snprintf(label + used, sizeof label - (size_t)used, "　");
        snprintf(label + used, sizeof label - (size_t)used, "%s", node->name);
        snprintf(n, sizeof n, "%ld", node->count);
        nps_format_percent(node->percent, pct, sizeof pct);
        nps_pdf_table_row(d, id == 0 ? PDF_ROW_STRONG : id == NPS_FLOW_NO_ANSWER ? PDF_ROW_MUTED : 0, cells);
    }
    nps_pdf_table_end(d);
}

/* The organisation lists of category c: per leaf, the organisations that
 * answered there; then those that know none of its troubles. */
static void flow_org_table(pdf_doc *d, const nps_results *r, size_t c, bool names)
{
    const nps_flows *f = r->flows;
    bool in_book = nps_report_data_in_workbook(r);
    static const double w[] = {0.26, 0.09, 0.65};
    const char *head[] = {"回答の区分", "団体数", "団体ID（括弧内は該当する困りごとの数。1のときは省略）"};
    size_t i, k, n_orgs = nps_flows_org_count(f);

    nps_pdf_table_begin(d, 3, w, "lrl", true);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    org_list lists[sizeof leaves / sizeof leaves[0]];
    memset(lists, 0, sizeof lists);
    for (i = 0; i < n_orgs; i++) { /* one pass: each organisation is computed once */
        nps_flow_org o;
        if (!nps_flows_org(f, c, i, &o))
            continue;
        for (k = 0; k < sizeof leaves / sizeof leaves[0]; k++)
            if (o.count[leaves[k]] > 0)
                org_list_add(&lists[k], &o, o.count[leaves[k]], names);
    }
    for (k = 0; k < sizeof leaves / sizeof leaves[0]; k++) {
        char n[32];
        const char *cells[3];
        snprintf(n, sizeof n, "%ld", lists[k].total);
        cells[0] = nps_flow_node_name(leaves[k]);
        cells[1] = n;
        cells[2] = org_list_finish(&lists[k], in_book);
        if (lists[k].text.failed)
            nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        if (nps_pdf_doc_status(d) == NPS_OK)
            nps_pdf_table_row(d, leaves[k] == NPS_FLOW_NO_ANSWER ? PDF_ROW_MUTED : 0, cells);
        nps_strbuf_free(&lists[k].text);
    }
    {
        org_list list = {{0}, 0, 0, 0};
        size_t none = nps_flows_knows_none_count(f, c);
        char n[32];
        const char *cells[3];
        for (i = 0; i < none; i++) {
            nps_flow_org o;
            if (nps_flows_knows_none_at(f, c, i, &o))
                org_list_add(&list, &o, 1, names);
        }
        snprintf(n, sizeof n, "%zu", none);
        cells[0] = "いずれの困りごとも把握していない団体";
        cells[1] = n;
        cells[2] = org_list_finish(&list, in_book);
        if (list.text.failed)
            nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        nps_pdf_table_row(d, PDF_ROW_STRONG | PDF_ROW_RULE, cells);
        nps_strbuf_free(&list.text);
    }
    nps_pdf_table_end(d);
}

static void flow_category(pdf_doc *d, const nps_results *r, size_t c, bool names)
{
    const nps_flows *f = r->flows;
    size_t last = nps_flows_category_count(f) - 1, k, n = nps_flows_category_trouble_count(f, c);
    const nps_figure *fig;
    char heading[256];
    nps_strbuf list = {0}, caption = {0};

    if (c == last)
        snprintf(heading, sizeof heading, "%s（%zu項目）", nps_flows_category_name(f, c), n);
    else
        snprintf(heading, sizeof heading, "%s", nps_flows_category_name(f, c));
    nps_pdf_heading(d, 2, heading, NULL);
    if (c == last) {
        nps_strbuf_addf(&list, "対象：%zuの困りごとすべて（上の%zu分類の合計）", n, last);
    } else {
        nps_strbuf_add(&list, "対象の困りごと：");
        for (k = 0; k < n; k++) {
            const char *label = nps_flows_trouble_label(f, nps_flows_category_trouble_row(f, c, k));
            nps_strbuf_addf(&list, "%s%s", k ? "、" : "", label ? label : "");
        }
    }
    if (list.failed)
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    nps_pdf_para(d, PS_SMALL, nps_strbuf_get(&list));
    nps_pdf_keep_with_next(d);
    nps_strbuf_free(&list);
    fig = nps_figures_find(r->figures, c == last ? NPS_FIGURE_FLOW_ALL : NPS_FIGURE_FLOW, 0, c);
    if (fig)
        nps_pdf_figure(d, &fig->chart, fig->caption);
    nps_strbuf_addf(&caption, "%s：回答の区分ごとの件数", nps_flows_category_name(f, c));
    nps_pdf_table_caption(d, caption.failed ? "" : nps_strbuf_get(&caption));
    flow_node_table(d, f, c);
    nps_selection_category_reading(&list, f, c);
    para_sb(d, PS_BODY, &list);
    nps_pdf_heading(d, 3, "団体ごとの回答", "");
    nps_strbuf_free(&caption);
    nps_strbuf_addf(&caption, "%s：回答の区分ごとの団体", nps_flows_category_name(f, c));
    nps_pdf_table_caption(d, caption.failed ? "" : nps_strbuf_get(&caption));
    nps_strbuf_free(&caption);
    flow_org_table(d, r, c, names);
}

/* The headline of 全体: known, intended, handled, of which with partners. */
static void flow_headline(pdf_doc *d, const nps_flows *f)
{
    size_t all = nps_flows_category_count(f) - 1;
    const nps_flow_node *n_all = nps_flows_node(f, all, NPS_FLOW_ALL);
    const nps_flow_node *known = nps_flows_node(f, all, NPS_FLOW_KNOWN);
    const nps_flow_node *intend = nps_flows_node(f, all, NPS_FLOW_INTEND);
    const nps_flow_node *handled = nps_flows_node(f, all, NPS_FLOW_HANDLED);
    const nps_flow_node *partner = nps_flows_node(f, all, NPS_FLOW_PARTNER);
    char a[16], b[16], c[16], e[16];

    if (!n_all || n_all->count == 0 || !known || !intend || !handled || !partner)
        return;
    nps_format_percent(known->percent, a, sizeof a);
    nps_format_percent(known->count ? intend->count * 100.0 / known->count : 0, b, sizeof b);
    nps_format_percent(known->count ? handled->count * 100.0 / known->count : 0, c, sizeof c);
    nps_format_percent(handled->count ? partner->count * 100.0 / handled->count : 0, e, sizeof e);
    nps_pdf_paraf(d, PS_LEAD,
              "全%ld件の回答（%zu団体×%zu項目）のうち、困りごとを「把握している」は%ld件（%s）。"
              "把握しているもののうち%s（%ld件）は対応する意向があり、%s（%ld件）は既に対応できている。"
              "対応できているもののうち%s（%ld件）は他団体との連携による対応である。",
              n_all->count, nps_flows_org_count(f), nps_flows_category_trouble_count(f, all), known->count, a,
              b, intend->count, c, handled->count, e, partner->count);
}

/* The selection method (steps 1–4) in plain words, with this year's
 * numbers: the categories, the ones that stand out, the marks. */
static void selection_steps(pdf_doc *d, const nps_results *r)
{
    const nps_flows *f = r->flows;
    const nps_questionnaire *q = nps_publication_questionnaire(r->publication);
    size_t all = nps_flows_category_count(f) - 1;
    nps_strbuf sb = {0}, cats = {0}, out = {0};
    size_t n_out = nps_selection_standouts(&out, f);

    nps_pdf_heading(d, 3, "ヒアリング先の選び方", "");
    nps_wording_categories(&cats, q);
    nps_strbuf_addf(&sb, "手順1　困りごとの設問（Q%d）の%zu項目を、%sの%zu分類にまとめる。",
                    nps_flows_question(f), nps_flows_category_trouble_count(f, all), nps_strbuf_get(&cats), all);
    sb.failed |= cats.failed;
    nps_strbuf_free(&cats);
    nps_pdf_bullet(d, PS_BULLET, "", sb.failed ? "" : nps_strbuf_get(&sb));
    nps_strbuf_free(&sb);
    nps_pdf_bullet(d, PS_BULLET, "",
                   "手順2　分類ごとに、各団体の回答を「把握しているか」「対応する意向があるか」「対応できているか」"
                   "「自団体か他団体との連携か」の順にたどる図を作る（この章の図）。");
    nps_strbuf_addf(&sb, "手順3　「把握していない」と答えた割合が全体より%.0fポイント以上高い分類を特徴のある分類とし、"
                         "その分類の困りごとをいずれも把握していない団体の一覧を作る。",
                    NPS_SELECTION_STANDOUT_POINTS);
    if (n_out)
        nps_strbuf_addf(&sb, "今回は%sの%zu分類が当たる。", nps_strbuf_get(&out), n_out);
    else
        nps_strbuf_add(&sb, "今回はこれに当たる分類はない。");
    sb.failed |= out.failed;
    nps_strbuf_free(&out);
    nps_pdf_bullet(d, PS_BULLET, "", sb.failed ? "" : nps_strbuf_get(&sb));
    nps_strbuf_free(&sb);
    if (r->gap) {
        nps_strbuf step = {0};
        nps_strbuf_addf(&step,
                        "手順4　事業ごとに、行っている団体の数と関わる人の数を比べ、担い手の団体が少ないのに多くの人に"
                        "関わる事業（%s）と、多くの団体が少ない人数を分け合う事業（%s）に印を付ける（次の章）。"
                        "手順3の一覧の団体のうち、印の付いた事業を行う団体をヒアリングの候補とする"
                        "（次の章の「ヒアリング候補の団体」）。",
                        nps_palette_categorical_name(NPS_PALETTE_GAP_HIGH),
                        nps_palette_categorical_name(NPS_PALETTE_GAP_LOW));
        if (step.failed)
            nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        else
            nps_pdf_bullet(d, PS_BULLET, "", nps_strbuf_get(&step));
        nps_strbuf_free(&step);
    }
}

void nps_pdf_section_flows(pdf_doc *d, const nps_results *r, const nps_report_options *opt)
{
    const nps_flows *f = r->flows;
    bool names = opt->reveal_names && nps_flows_reveals_names(f);
    size_t c;

    if (!f)
        return;
    nps_pdf_heading(d, 1, "困りごとへの対応状況", NULL);
    nps_pdf_paraf(d, PS_BODY,
              "Q%d の困りごと%zu項目を%zuつの分類にまとめ、団体×困りごとの回答のひとつひとつを「把握しているか」"
              "「対応する意向があるか」「対応できているか」「自団体か他団体との連携か」の順にたどった。"
              "図の帯の幅は回答の件数、割合は各分類の全回答に対する比率である。",
              nps_flows_question(f), nps_flows_category_trouble_count(f, nps_flows_category_count(f) - 1),
              nps_flows_category_count(f) - 1);
    flow_headline(d, f);
    selection_steps(d, r);
    nps_pdf_para(d, PS_SMALL,
             "各分類の表「団体ごとの回答」は、回答の区分ごとにその区分に当たる回答をした団体を団体IDで示す。"
             "「いずれの困りごとも把握していない団体」は、その分類の困りごとにすべて"
             "「特に困りごとがある人はいない（把握していない）」と回答した団体（無回答を除く）であり、手順3の一覧に当たる。");
    for (c = 0; c < nps_flows_category_count(f) && nps_pdf_doc_status(d) == NPS_OK; c++)
        flow_category(d, r, c, names);
}

/* ------------------------------------------------------------------ gap */

static void gap_table(pdf_doc *d, const nps_gap *g)
{
    static const double w[] = {0.1, 0.5, 0.13, 0.13, 0.14};
    const char *head[] = {"印", "事業", "実施団体数", "関わる人数", "1団体あたり"};
    nps_gap_mark marks[] = {NPS_GAP_MARK_HIGH, NPS_GAP_MARK_LOW};
    size_t m, i;

    nps_pdf_table_begin(d, 5, w, "llrrr", false);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (m = 0; m < 2; m++)
        for (i = 0; i < nps_gap_count(g); i++) {
            const nps_gap_business *b = nps_gap_at(g, i);
            char name[512], orgs[32], people[32], per[32];
            const char *cells[5] = {nps_palette_categorical_name(marks[m] == NPS_GAP_MARK_HIGH ? NPS_PALETTE_GAP_HIGH
                                                                                                : NPS_PALETTE_GAP_LOW),
                                    name, orgs, people, per};
            if (b->mark != marks[m])
                continue;
            if (b->other)
                snprintf(name, sizeof name, "%s", b->label);
            else
                snprintf(name, sizeof name, "Q%d %s", b->question, b->label);
            snprintf(orgs, sizeof orgs, "%ld", b->organisations);
            snprintf(people, sizeof people, "%.0f人", b->people);
            snprintf(per, sizeof per, "%.1f人", nps_round1(b->people_per_org));
            nps_pdf_table_row(d, 0, cells);
        }
    nps_pdf_table_end(d);
}

/* "Q6～Q12 の各事業（「当てはまる事業はない」などを除く）について、…（スタッフ
 * Q13①～⑤ と現在の利用者 Q16 の合計…）…": every number from the settings. */
static void gap_intro(pdf_doc *d, const nps_questionnaire *q)
{
    const nps_settings *set = nps_questionnaire_settings(q);
    bool staff = nps_questionnaire_question(q, set->gap_staff_question) != NULL;
    bool users = nps_questionnaire_question(q, set->gap_users_question) != NULL;
    nps_strbuf sb = {0}, none = {0};
    nps_wording_questions(&sb, &set->gap_business_questions);
    nps_strbuf_add(&sb, " の各事業");
    if (nps_wording_exclusive(&none, q, &set->gap_business_questions))
        nps_strbuf_addf(&sb, "（%sを除く）", nps_strbuf_get(&none));
    sb.failed |= none.failed;
    nps_strbuf_free(&none);
    nps_strbuf_add(&sb, "について、その事業を行う団体の数と、それらの団体が関わる人数（");
    if (staff) {
        nps_strbuf_add(&sb, "スタッフ ");
        nps_wording_question_items(&sb, q, set->gap_staff_question, &set->gap_staff_items);
    }
    if (users)
        nps_strbuf_addf(&sb, "%s現在の利用者 Q%d", staff ? " と" : "", set->gap_users_question);
    nps_strbuf_add(&sb, staff && users ? " の合計" : " の人数");
    nps_strbuf_add(&sb, "、いわゆるスクランブル人口）を求め、1団体あたりの人数と団体数を対比した（ヒアリング先の選び方の手順4）。");
    para_sb(d, PS_BODY, &sb);
}

/* Step 4: the organisations of the step-3 lists that run a marked business. */
static void candidates(pdf_doc *d, const nps_results *r)
{
    static const double w[] = {0.2, 0.25, 0.55};
    const char *head[] = {"団体", "把握していない分類", "行っている印の付いた事業"};
    nps_candidate *c = NULL;
    size_t n = 0;
    nps_strbuf out = {0};
    nps_error err = nps_selection_candidates(r, &c, &n);
    if (err != NPS_OK) {
        nps_pdf_doc_fail(d, err);
        return;
    }
    if (!r->flows)
        return;
    nps_pdf_heading(d, 3, "ヒアリング候補の団体", "");
    nps_selection_standouts(&out, r->flows);
    if (n == 0)
        nps_pdf_paraf(d, PS_BODY, "特徴のある分類%sの困りごとをいずれも把握していない団体のうち、印の付いた事業を行う団体はなかった。",
                      out.failed ? "" : nps_strbuf_get(&out));
    else
        nps_pdf_paraf(d, PS_BODY, "特徴のある分類%sの困りごとをいずれも把握していない団体のうち、印の付いた事業を行う"
                                  "%zu団体を、ヒアリングの候補として示す（団体は団体IDで示す）。",
                      out.failed ? "" : nps_strbuf_get(&out), n);
    if (n > 0)
        nps_pdf_keep_with_next(d); /* the sentence stays with its list */
    nps_strbuf_free(&out);
    if (n > 0) {
        nps_pdf_table_caption(d, "ヒアリング候補の団体");
        nps_pdf_table_begin(d, 3, w, "lll", false);
        nps_pdf_table_row(d, PDF_ROW_HEAD, head);
        for (size_t i = 0; i < n; i++) {
            char who[512];
            const char *cells[3] = {who, c[i].categories, c[i].businesses};
            if (c[i].name)
                snprintf(who, sizeof who, "%s %s", c[i].id, c[i].name);
            else
                snprintf(who, sizeof who, "%s", c[i].id);
            nps_pdf_table_row(d, 0, cells);
        }
        nps_pdf_table_end(d);
    }
    nps_selection_candidates_free(c, n);
}

void nps_pdf_section_gap(pdf_doc *d, const nps_results *r)
{
    const nps_gap *g = r->gap;
    const nps_gap_thresholds *t;
    const nps_figure *fig;
    size_t i, high = 0, low = 0;

    if (!g)
        return;
    t = nps_gap_get_thresholds(g);
    for (i = 0; i < nps_gap_count(g); i++) {
        high += nps_gap_at(g, i)->mark == NPS_GAP_MARK_HIGH;
        low += nps_gap_at(g, i)->mark == NPS_GAP_MARK_LOW;
    }
    nps_pdf_heading(d, 1, "事業ごとの担い手と関わる人数", NULL);
    gap_intro(d, nps_publication_questionnaire(r->publication));
    fig = nps_figures_find(r->figures, NPS_FIGURE_GAP, 0, 0);
    if (fig)
        nps_pdf_figure(d, &fig->chart, fig->caption);
    if (t->marking)
        nps_pdf_paraf(d, PS_BODY,
                  "判定の対象は、2団体以上が行い人数の回答がある%zu事業である。1団体あたりの人数が多い方から4分の1に入り"
                  "（%.1f人以上）、実施団体数が真ん中の値（%.1f団体）以下の事業を%s（担い手が少なく多くの人に関わる事業、%zu件）、"
                  "実施団体数が多い方から4分の1に入り（%.1f団体以上）、1団体あたりの人数が真ん中の値（%.1f人）以下の事業を"
                  "%s（多くの団体が少ない人数を分け合う事業、%zu件）とした。",
                  t->eligible, nps_round1(t->people_per_org_p75), nps_round1(t->organisations_median),
                  nps_palette_categorical_name(NPS_PALETTE_GAP_HIGH), high,
                  nps_round1(t->organisations_p75), nps_round1(t->people_per_org_median),
                  nps_palette_categorical_name(NPS_PALETTE_GAP_LOW), low);
    else
        nps_pdf_paraf(d, PS_BODY, "判定の対象となる事業が%zu件と少ないため、印は付けていない。", t->eligible);
    if (high + low > 0) {
        nps_pdf_table_caption(d, "印を付けた事業");
        gap_table(d, g);
        nps_pdf_para(d, PS_NOTE,
                 "関わる人数は実施団体の人数の合計。人数の回答がない団体は0人として数えた。"
                 "全事業の値は別添の集計表にある。");
        nps_pdf_keep_with_previous(d);
    }
    candidates(d, r);
}

/* ------------------------------------------------------------ free text */

/* Is `number` one of the questions of a setting's list? */
static bool in_setting(const nps_number_list *list, int number)
{
    for (size_t i = 0; i < list->n; i++)
        if (list->numbers[i] == number)
            return true;
    return false;
}

/* "（Q39-2）" style source of a quote under a theme. */
static void quote_source(const nps_theme_text *t, char *buf, size_t size)
{
    if (t->item_index > 0)
        snprintf(buf, size, "（Q%d-%d）", t->question, t->item_index);
    else
        snprintf(buf, size, "（Q%d）", t->question);
}

static void quote(pdf_doc *d, const nps_theme_text *t, bool source)
{
    char src[64] = "";
    char *cut = nps_text_for_layout(t->text ? t->text : "", PDF_QUOTE_MAX_CHARS, "…（以下略）");
    if (source)
        quote_source(t, src, sizeof src);
    if (cut)
        nps_pdf_bullet_suffix(d, PS_QUOTE, "・", cut, src);
    else
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    nps_free(cut);
}

/* The note under a group of quotes cut at PDF_QUOTES_MAX. */
static void quotes_rest(pdf_doc *d, long total, const char *sheet)
{
    if (total > PDF_QUOTES_MAX)
        nps_pdf_paraf(d, PS_NOTE, "%ld件のうち最初の%d件を掲載した。全件は集計表（Excel）の「%s」シートに掲載している。",
                  total, PDF_QUOTES_MAX, sheet);
}

static void themes_part(pdf_doc *d, const nps_results *r)
{
    static const double w[] = {0.4, 0.15, 0.15};
    const char *head[] = {"テーマ", "記述の数", "団体数"};
    const nps_themes *th = r->themes;
    const nps_figure *fig = nps_figures_find(r->figures, NPS_FIGURE_THEMES, 0, 0);
    size_t i, k;
    char heading[256];

    const nps_questionnaire *q = nps_publication_questionnaire(r->publication);
    nps_strbuf sb = {0}, ex = {0};

    nps_pdf_heading(d, 2, "取り組みたいことと課題のテーマ", NULL);
    nps_wording_theme_questions(&sb, q);
    nps_wording_questions(&sb, &nps_questionnaire_settings(q)->theme_questions);
    nps_strbuf_addf(&sb, "の記述（%ld団体）を、テーマごとに決めた語を含むかどうかで", nps_themes_respondents(th));
    nps_wording_themes(&sb, q, 2);
    nps_strbuf_add(&sb, "のテーマに分類した。1つの記述が複数のテーマに当てはまる場合はそれぞれに数えた。");
    if (nps_wording_theme_exclusion(&ex, q))
        nps_strbuf_addf(&sb, "ただし、語が別の意味の長い語の一部である場合（例：%s）や、うまくいっていることを述べた"
                             "表現の中にある場合は、そのテーマに数えていない。", nps_strbuf_get(&ex));
    sb.failed |= ex.failed;
    nps_strbuf_free(&ex);
    nps_strbuf_addf(&sb, "どのテーマにも当たらない記述は%ld件で、「%s」にまとめた。",
                    nps_themes_uncoded_count(th), NPS_THEMES_UNCODED);
    para_sb(d, PS_BODY, &sb);
    if (fig)
        nps_pdf_figure(d, &fig->chart, fig->caption);
    nps_pdf_table_caption(d, "テーマごとの記述数と団体数");
    nps_pdf_table_begin(d, 3, w, "lrr", false);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (i = 0; i < nps_themes_count(th); i++) {
        char texts[32], orgs[32];
        const char *cells[3] = {nps_themes_name(th, i), texts, orgs};
        snprintf(texts, sizeof texts, "%ld", nps_themes_text_count(th, i));
        snprintf(orgs, sizeof orgs, "%ld", nps_themes_org_count(th, i));
        nps_pdf_table_row(d, 0, cells);
    }
    {
        char texts[32];
        const char *cells[3] = {NPS_THEMES_UNCODED, texts, NULL};
        snprintf(texts, sizeof texts, "%ld", nps_themes_uncoded_count(th));
        nps_pdf_table_row(d, PDF_ROW_MUTED | PDF_ROW_RULE, cells);
    }
    nps_pdf_table_end(d);
    for (i = 0; i < nps_themes_count(th) && nps_pdf_doc_status(d) == NPS_OK; i++) {
        snprintf(heading, sizeof heading, "%s（%ld件・%ld団体）", nps_themes_name(th, i),
                 nps_themes_text_count(th, i), nps_themes_org_count(th, i));
        nps_pdf_heading(d, 3, heading, "");
        nps_wording_theme_paragraph(&sb, th, i);
        para_sb(d, PS_BODY, &sb);
        for (k = 0; k < nps_themes_quote_count(th, i) && k < PDF_QUOTES_MAX; k++)
            quote(d, nps_themes_quote_at(th, i, k), true);
        quotes_rest(d, (long)nps_themes_quote_count(th, i), "テーマ別引用");
    }
    snprintf(heading, sizeof heading, "%s（%ld件）", NPS_THEMES_UNCODED, nps_themes_uncoded_count(th));
    nps_pdf_heading(d, 3, heading, "");
    long uncoded = 0;
    for (k = 0; k < nps_themes_text_total(th) && nps_pdf_doc_status(d) == NPS_OK; k++) {
        const nps_theme_text *t = nps_themes_text_at(th, k);
        if (t->themes == 0 && uncoded++ < PDF_QUOTES_MAX)
            quote(d, t, true);
    }
    quotes_rest(d, uncoded, "テーマ別引用");
}

/* The free text of the other questions, grouped by question and item. */
static void free_text_part(pdf_doc *d, const nps_results *r)
{
    const nps_questionnaire *q = nps_publication_questionnaire(r->publication);
    const nps_free_texts *ft = r->free_texts;
    int question = -1, item = -1;
    long in_group = 0;
    size_t k;

    for (k = 0; k < nps_free_texts_count(ft) && nps_pdf_doc_status(d) == NPS_OK; k++) {
        const nps_theme_text *t = nps_free_texts_at(ft, k);
        if (r->themes &&
            in_setting(&nps_questionnaire_settings(nps_publication_questionnaire(r->publication))->theme_questions, t->question))
            continue;
        if (t->question != question || t->item_index != item) {
            quotes_rest(d, in_group, "自由記述");
            in_group = 0;
        }
        if (t->question != question) {
            const nps_question *qu = nps_questionnaire_question(q, t->question);
            char heading[1024];
            snprintf(heading, sizeof heading, "Q%d　%s", t->question,
                     qu ? (qu->title && qu->title[0] ? qu->title : qu->label) : "");
            nps_pdf_heading(d, 2, heading, NULL);
            if (qu)
                nps_pdf_paraf(d, PS_SMALL, "設問：%s", qu->label);
            nps_pdf_keep_with_next(d);
            question = t->question;
            item = -1;
        }
        if (t->item_index != item) {
            const nps_field *fl = nps_questionnaire_field(q, t->question, t->item_index);
            if (t->item && t->item[0])
                nps_pdf_heading(d, 3, t->item, "");
            else if (fl && fl->type != NPS_F_TEXT)
                nps_pdf_heading(d, 3, "「その他」の記述", "");
            item = t->item_index;
        }
        if (in_group++ < PDF_QUOTES_MAX)
            quote(d, t, false);
    }
    quotes_rest(d, in_group, "自由記述");
}

void nps_pdf_section_free_text(pdf_doc *d, const nps_results *r)
{
    if (!r->themes && !r->free_texts)
        return;
    nps_pdf_heading(d, 1, "自由記述", NULL);
    nps_pdf_para(d, PS_BODY,
             "自由記述は、個人や団体を特定できる情報を伏せたうえで掲載する。伏せた箇所は［氏名］［団体名］［電話番号］"
             "などの、情報の種類を示す語に置き換えた（一覧は付録2）。"
             "記述と団体の他の回答とが結び付かないよう、団体IDは付していない。表記は原文のままとした。");
    if (r->themes)
        themes_part(d, r);
    if (r->free_texts)
        free_text_part(d, r);
}
