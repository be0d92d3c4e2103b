/*
 * report_pdf_questions.c — the chapter of one section per closed question
 * (docs/report.md): heading "Qn 題名", the question's wording, the commentary
 * sentence, each figure with its caption and the table drawn from the same
 * numbers.
 *
 * Tables. A question's closed tables are split into runs exactly as the
 * figures are (figures.c): a matrix is one run; consecutive number items of
 * a group with the same bins are one run; every other table is a run of its
 * own. A run of one table prints option, n, %, 95% interval; a run of
 * several prints one compact cross table "% (n)" whose columns are the
 * options when there are at most 7 of them (incl. 無回答), else the items.
 * Runs of three or more bins that nobody answered are merged into one row
 * named after its first and last bin, so every bin stays listed.
 *
 * Invariants: percentages are nps_round1(percent) with one decimal, as in
 * every other output; the k-th figure of a question is printed with the
 * k-th run's table when the counts agree, otherwise all figures come first.
 * Text comes from the questionnaire and the tables only: no respondent
 * text is printed in this chapter.
 *
 * Ownership: nothing allocated here outlives a call; strings handed to the
 * document are copied by it.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "base/alloc.h"
#include "present/commentary.h"
#include "report/pdf/pdf_private.h"

#define MAX_RUN_TABLES 256
#define COMPACT_MAX_OPTION_COLUMNS 7
#define ZERO_RUN_MERGE 3

/* The closed tables of a question, in field order. */
static size_t question_tables(const nps_results *r, const nps_question *qu, const nps_table **out)
{
    size_t i, n = 0;
    for (i = 0; i < qu->n_fields && n < MAX_RUN_TABLES; i++) {
        const nps_table *tb = nps_tables_find(r->tables, qu->number, qu->fields[i]->item_index);
        if (tb)
            out[n++] = tb;
    }
    return n;
}

/* Row o of every table in the run is zero (bins only; never 無回答). */
static bool zero_row(const nps_table *const *tables, size_t n, size_t o)
{
    size_t t;
    if (!tables[0]->field->bins || tables[0]->rows[o].option_index == 0)
        return false;
    for (t = 0; t < n; t++)
        if (tables[t]->rows[o].count != 0)
            return false;
    return true;
}

/* End (exclusive) of the run of zero rows starting at o, or o + 1. */
static size_t zero_run_end(const nps_table *const *tables, size_t n, size_t o)
{
    size_t e = o;
    while (e < tables[0]->n_rows && zero_row(tables, n, e))
        e++;
    return e - o >= ZERO_RUN_MERGE ? e : o + 1;
}

static void merged_label(const nps_table *tb, size_t from, size_t to, char *buf, size_t size)
{
    if (to - from > 1)
        snprintf(buf, size, "%s … %s", tb->rows[from].option, tb->rows[to - 1].option);
    else
        snprintf(buf, size, "%s", tb->rows[from].option);
}

/* The label of a table row: stars get their number ("3　★★★"). */
static void row_label(const nps_table *tb, size_t from, size_t to, char *buf, size_t size)
{
    if (tb->field->type == NPS_F_RATING && tb->rows[from].option_index > 0)
        snprintf(buf, size, "%s%d　%s", tb->rows[from].option_index < 10 ? "\u2007" : "", /* figure space */
                 tb->rows[from].option_index, tb->rows[from].option);
    else
        merged_label(tb, from, to, buf, size);
}

/* One table: option, n, %, 95% interval. */
static void full_table(pdf_doc *d, const nps_table *tb)
{
    static const double w[] = {0.56, 0.11, 0.12, 0.21};
    const char *head[] = {"選択肢", "回答数", "割合", "95%信頼区間"};
    bool merged = false;
    char n[32], pct[32], ci[64], label[512];
    size_t o, e;

    if (tb->field->bins)
        head[0] = "区分";
    else if (tb->field->type == NPS_F_RATING)
        head[0] = "評価（星の数）";
    nps_pdf_table_begin(d, 4, w, "lrrr", false);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (o = 0; o < tb->n_rows; o = e) {
        const nps_table_row *row = &tb->rows[o];
        const char *cells[4] = {label, n, pct, ci};
        e = zero_run_end(&tb, 1, o);
        row_label(tb, o, e, label, sizeof label);
        merged = merged || e - o > 1;
        snprintf(n, sizeof n, "%ld", row->count);
        nps_format_percent(row->percent, pct, sizeof pct);
        snprintf(ci, sizeof ci, "%.1f～%.1f%%", nps_round1(row->ci_low), nps_round1(row->ci_high));
        nps_pdf_table_row(d, row->option_index == 0 ? PDF_ROW_MUTED | PDF_ROW_RULE : 0, cells);
    }
    nps_pdf_table_end(d);
    nps_pdf_paraf(d, PS_NOTE, "n=%ld（回答団体数）。割合は回答団体数に対する比率%s。%s", tb->base,
              tb->field->type == NPS_F_SELECT_MULTIPLE ? "（複数回答のため合計は100%を超える）" : "",
              merged ? "「…」の行は回答のなかった連続する区分をまとめたもの（各区分とも0件）。" : "");
    nps_pdf_keep_with_previous(d);
}

/* The circled number a label starts with, else that of its position. */
static void circled_head(const char *label, size_t k, char *buf, size_t size)
{
    static const char *const circled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩",
                                          "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"};
    size_t i;
    for (i = 0; i < 20; i++)
        if (strncmp(label, circled[i], strlen(circled[i])) == 0) {
            snprintf(buf, size, "%s", circled[i]);
            return;
        }
    if (k < 20)
        snprintf(buf, size, "%s", circled[k]);
    else
        snprintf(buf, size, "(%zu)", k + 1);
}

/* Does a header label fit one line of a compact column `width` points wide?
 * (7.5 pt bold: a full-width character ~7.6 pt, an ASCII one about half.) */
static bool fits_one_line(const char *label, double width)
{
    double w = 0;
    const unsigned char *p = (const unsigned char *)label;
    for (; *p; p++) {
        if (*p < 0x80)
            w += 4.3;
        else if ((*p & 0xC0) != 0x80)
            w += 7.6;
    }
    return w <= width - 10.0;
}

/* "①＝label" for a header that was shortened (just the label when it
 * starts with the header's circled number). */
static void legend_add(nps_strbuf *s, const char *label, const char *head)
{
    if (s->len)
        nps_strbuf_add(s, "　");
    if (strncmp(label, head, strlen(head)) == 0)
        nps_strbuf_add(s, label);
    else
        nps_strbuf_addf(s, "%s＝%s", head, label);
}

static void cell_text(const nps_table_row *row, char *buf, size_t size)
{
    if (row->count == 0)
        snprintf(buf, size, "－");
    else
        snprintf(buf, size, "%.1f%%（%ld）", nps_round1(row->percent), row->count);
}

#define CELL_BYTES 512

/* Scratch of one compact table: weights, alignments, one buffer per cell. */
typedef struct compact {
    size_t n_cols;
    double *w;
    char *aligns;
    char *buf;                 /* n_cols × CELL_BYTES */
    const char **cells;
} compact;

static void compact_free(compact *c)
{
    nps_free(c->w);
    nps_free(c->aligns);
    nps_free(c->buf);
    nps_free(c->cells);
}

static bool compact_new(compact *c, size_t n_cols)
{
    size_t i;
    memset(c, 0, sizeof *c);
    c->n_cols = n_cols;
    c->w = nps_calloc(n_cols, sizeof *c->w);
    c->aligns = nps_calloc(n_cols + 1, 1);
    c->buf = nps_calloc(n_cols, CELL_BYTES);
    c->cells = nps_calloc(n_cols, sizeof *c->cells);
    if (!c->w || !c->aligns || !c->buf || !c->cells)
        return false;
    for (i = 0; i < n_cols; i++)
        c->cells[i] = c->buf + i * CELL_BYTES;
    return true;
}

static char *cell(compact *c, size_t i)
{
    return c->buf + i * CELL_BYTES;
}

/* The cross table of a run of several tables. */
static void compact_table(pdf_doc *d, const nps_table *const *tables, size_t n)
{
    const nps_table *first = tables[0];
    bool by_option = first->n_rows <= COMPACT_MAX_OPTION_COLUMNS, merged = false, verbatim = true;
    size_t n_cols = 1 + (by_option ? first->n_rows : n), c, i, o, e;
    nps_strbuf legend = {0}, note = {0};
    compact t;

    if (!compact_new(&t, n_cols)) {
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
        goto cleanup;
    }
    t.w[0] = by_option ? 2.2 : (n > 4 ? 1.2 : 1.5);
    t.aligns[0] = 'l';
    for (c = 1; c < n_cols; c++) {
        t.w[c] = 1.0;
        t.aligns[c] = 'r';
    }
    for (c = 1; c < n_cols; c++) {
        const char *label = by_option ? first->rows[c - 1].option : tables[c - 1]->item;
        verbatim = verbatim && fits_one_line(label ? label : "", PDF_TEXT_W / (t.w[0] + (double)(n_cols - 1)));
    }
    nps_pdf_table_begin(d, n_cols, t.w, t.aligns, true);
    snprintf(cell(&t, 0), CELL_BYTES, "%s", by_option ? "項目" : first->field->bins ? "区分" : "選択肢");
    for (c = 1; c < n_cols; c++) {
        const char *label = by_option ? first->rows[c - 1].option : tables[c - 1]->item;
        if (!label)
            label = "";
        if (verbatim || (by_option && first->rows[c - 1].option_index == 0)) {
            snprintf(cell(&t, c), CELL_BYTES, "%s", label);
        } else {
            circled_head(label, c - 1, cell(&t, c), CELL_BYTES);
            legend_add(&legend, label, cell(&t, c));
        }
    }
    nps_pdf_table_row(d, PDF_ROW_HEAD, t.cells);
    if (by_option) {
        for (i = 0; i < n; i++) {
            snprintf(cell(&t, 0), CELL_BYTES, "%s", tables[i]->item);
            for (o = 0; o < first->n_rows; o++)
                cell_text(&tables[i]->rows[o], cell(&t, o + 1), CELL_BYTES);
            nps_pdf_table_row(d, 0, t.cells);
        }
    } else {
        for (o = 0; o < first->n_rows; o = e) {
            e = zero_run_end(tables, n, o);
            merged = merged || e - o > 1;
            merged_label(first, o, e, cell(&t, 0), CELL_BYTES);
            for (i = 0; i < n; i++)
                cell_text(&tables[i]->rows[o], cell(&t, i + 1), CELL_BYTES);
            nps_pdf_table_row(d, first->rows[o].option_index == 0 ? PDF_ROW_MUTED | PDF_ROW_RULE : 0, t.cells);
        }
    }
    nps_pdf_table_end(d);
    nps_strbuf_addf(&note, "n=%ld（回答団体数）。セルは割合（団体数）、－は0件。", first->base);
    if (merged)
        nps_strbuf_add(&note, "「…」の行は回答のなかった連続する区分をまとめたもの。");
    if (legend.len)
        nps_strbuf_addf(&note, "見出しの記号：%s", nps_strbuf_get(&legend));
    if (note.failed || legend.failed) {
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    } else {
        nps_pdf_para(d, PS_NOTE, nps_strbuf_get(&note));
        nps_pdf_keep_with_previous(d);
    }
cleanup:
    nps_strbuf_free(&legend);
    nps_strbuf_free(&note);
    compact_free(&t);
}

static void run_table(pdf_doc *d, const nps_table *const *tables, size_t n)
{
    if (n == 1)
        full_table(d, tables[0]);
    else
        compact_table(d, tables, n);
}

/* The figures of question `number`, in report order. */
static size_t question_figures(const nps_results *r, int number, const nps_figure **out, size_t max)
{
    size_t i, n = 0, total = r->figures ? nps_figures_count(r->figures) : 0;
    for (i = 0; i < total && n < max; i++) {
        const nps_figure *f = nps_figures_at(r->figures, i);
        if (f->question == number)
            out[n++] = f;
    }
    return n;
}

static void question_commentary(pdf_doc *d, const nps_results *r, const nps_question *qu)
{
    char *text = NULL;
    nps_error err = nps_commentary_question(r, qu, &text);
    if (err != NPS_OK) {
        nps_pdf_doc_fail(d, err);
        return;
    }
    if (text && text[0]) {
        nps_pdf_para(d, PS_LEAD, text);
        nps_pdf_keep_with_next(d);
    }
    nps_free(text);
}

static void question_section(pdf_doc *d, const nps_results *r, const nps_question *qu)
{
    const nps_table *tables[MAX_RUN_TABLES];
    const nps_figure *figs[64];
    size_t ends[MAX_RUN_TABLES], n, runs, n_figs, k, start;
    char heading[1024];

    n = question_tables(r, qu, tables);
    if (n == 0)
        return;
    runs = nps_figures_table_runs(qu, tables, n, ends);
    n_figs = question_figures(r, qu->number, figs, 64);
    snprintf(heading, sizeof heading, "Q%d　%s", qu->number, qu->title && qu->title[0] ? qu->title : qu->label);
    nps_pdf_heading(d, 2, heading, NULL);
    nps_pdf_paraf(d, PS_SMALL, "設問：%s", qu->label);
    nps_pdf_keep_with_next(d);
    question_commentary(d, r, qu);
    if (n_figs != runs) {
        for (k = 0; k < n_figs; k++)
            nps_pdf_figure_prev(d, &figs[k]->chart, figs[k]->caption, figs[k]->published);
        n_figs = 0;
    }
    for (k = 0, start = 0; k < runs; start = ends[k++]) {
        const char *item = runs > 1 && ends[k] - start == 1 ? tables[start]->item : NULL;
        /* an item charted and tabled on its own gets its label as heading */
        if (item && item[0])
            nps_pdf_heading(d, 3, item, "");
        if (k < n_figs) {
            nps_pdf_figure_prev(d, &figs[k]->chart, figs[k]->caption, figs[k]->published);
            nps_pdf_keep_with_next(d);   /* the figure stays with its table when both fit */
        }
        snprintf(heading, sizeof heading, "（Q%d）%s%s%s", qu->number, qu->title && qu->title[0] ? qu->title : qu->label,
                 item && item[0] ? "：" : "", item && item[0] ? item : "");
        nps_pdf_table_caption(d, heading);
        run_table(d, tables + start, ends[k] - start);
    }
}

void nps_pdf_section_questions(pdf_doc *d, const nps_results *r)
{
    const nps_questionnaire *q = nps_publication_questionnaire(r->publication);
    size_t i;

    nps_pdf_heading(d, 1, "設問別の結果", NULL);
    nps_pdf_paraf(d, PS_BODY,
              "選択式の各設問について、回答の分布を図と表で示す。割合の母数は回答団体数（n=%zu）で、"
              "表には95%%信頼区間（Wilson法）を併記した。n=%zu では割合の誤差が最大で±12ポイント程度あるため、"
              "数ポイントの差は偶然の範囲と読むのが妥当である。自由記述の設問は「自由記述」の章にまとめた。",
              nps_publication_count(r->publication), nps_publication_count(r->publication));
    for (i = 0; i < nps_questionnaire_question_count(q) && nps_pdf_doc_status(d) == NPS_OK; i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        bool personal = false;
        for (size_t f = 0; f < qu->n_fields; f++)
            personal = personal || qu->fields[f]->personal != NPS_PERSONAL_NONE;
        if (!personal)
            question_section(d, r, qu);
    }
}
