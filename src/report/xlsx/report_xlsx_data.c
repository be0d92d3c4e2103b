/*
 * report_xlsx_data.c — the data sheets of the workbook (docs/workbook.md):
 * the quality log (データ品質), the questionnaire (調査票) and the coded
 * data (回答データ).
 *
 * Invariants:
 *   - No value of a personal field (nps_field.personal: Q1 name, Q2
 *     organisation, Q3 e-mail, Q4 phone) can be read here: answers come
 *     only through the results' publication (analyse/publish.h), which
 *     returns nothing for them; the coded data has no column for them, and
 *     the questionnaire sheet lists only their labels. Respondent text
 *     (text answers, "other" write-ins, the raw values of the quality log)
 *     leaves the publication only masked, so a name or address typed into
 *     any other field is replaced by its token (［団体名］ …).
 *   - データ品質 and 回答データ grow with the responses: they are
 *     constant_memory sheets, written row by row, top to bottom, and hold
 *     no chart. Data cells never wrap (one line per response).
 *   - Coded data: the codebook's variables (present/codebook.h,
 *     docs/export.md) under ONE header row of their names: one row per
 *     organisation in dataset order, id R001…, the answer date as a date,
 *     codes, 0/1 and numbers as numbers, no answer an empty cell, masked
 *     text and write-ins as strings — the same names and codes as the
 *     .sav / .dta / .csv of `npo-survey export`.
 *
 * Ownership: masked and joined strings are allocated per cell and freed
 * before the next; nothing outlives a call.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "present/codebook.h"
#include "present/quality_ja.h"
#include "report/xlsx/xlsx_private.h"

/* The error of a masked text of the publication (nps_publication_text or
 * _quality_raw): an allocation failure fails the book. */
static void mask_check(xw_book *b, nps_error err)
{
    if (err != NPS_OK)
        nps_xw_fail(b, err, "cannot write the workbook: out of memory (masking)");
}


/* ------------------------------------------------------------ quality log */

/* A logged (masked) raw value; the reader's "sum 110.0%" of a percent
 * group as 「合計 110.0%」, as in the PDF's appendix. */
static void raw_cell(xw_sheet *s, lxw_col_t col, const char *masked)
{
    nps_strbuf ja = {0};
    if (masked && strncmp(masked, "sum ", 4) == 0) {
        nps_strbuf_addf(&ja, "合計 %s", masked + 4);
        if (ja.failed)
            nps_xw_fail(s->b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (quality value)");
        nps_xw_text(s, col, nps_strbuf_get(&ja), XW_TEXT);
    } else {
        nps_xw_text(s, col, masked, XW_TEXT);
    }
    nps_strbuf_free(&ja);
}

/* The logged (masked) action in Japanese (present/quality_ja.h, the same
 * table as the PDF's appendix). */
static void action_cell(xw_sheet *s, lxw_col_t col, const char *masked)
{
    nps_strbuf ja = {0};
    if (masked) {
        nps_quality_action_ja(&ja, masked);
        if (ja.failed)
            nps_xw_fail(s->b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (quality action)");
        else
            nps_xw_text(s, col, nps_strbuf_get(&ja), XW_TEXT);
    }
    nps_strbuf_free(&ja);
}

nps_error nps_xw_quality_sheet(xw_book *b)
{
    const nps_publication *pub = b->r->publication;
    size_t n = nps_publication_quality_count(pub);
    nps_text_memo *memo = nps_text_memo_new(); /* each distinct value masked once */
    xw_sheet s;
    char buf[256];
    if (!memo)
        mask_check(b, NPS_ERR_NOMEM);
    bool cells = false; /* an .xlsx export: a column of cell references */
    for (size_t i = 0; i < n && !cells; i++)
        cells = nps_publication_quality_at(pub, i).cell != NULL;
    if (nps_xw_sheet_begin(b, &s, "データ品質", "読み込み時に解釈した値・使えなかった値の記録",
                       XW_SHEET_STREAM) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, "データ品質の記録", XW_TITLE);
    nps_xw_next_row(&s);
    snprintf(buf, sizeof buf, "要確認 %zu件（使えなかった値：無回答として集計）、記録 %zu件（解釈した値）。"
                              "行は書き出しファイルの行番号。元の値は個人情報をマスクして表示。",
             nps_publication_quality_count_kind(pub, NPS_QUALITY_FINDING),
             nps_publication_quality_count_kind(pub, NPS_QUALITY_NOTE));
    nps_xw_text(&s, 0, buf, XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 2, 40);
    nps_xw_col_fixed(&s, 3, 30);
    nps_xw_col_fixed(&s, 4, 60);
    nps_xw_text(&s, 0, "種別", XW_HEAD);
    nps_xw_text(&s, 1, "行", XW_HEAD);
    nps_xw_text(&s, 2, "列（見出し）", XW_HEAD);
    nps_xw_text(&s, 3, "元の値（マスク済み）", XW_HEAD);
    nps_xw_text(&s, 4, "処理", XW_HEAD);
    if (cells)
        nps_xw_text(&s, 5, "セル", XW_HEAD);
    nps_xw_next_row(&s);
    for (size_t i = 0; i < n && !xw_failed(b); i++) {
        nps_published_quality e = nps_publication_quality_at(pub, i);
        const char *raw = NULL, *action = NULL;
        nps_xw_text(&s, 0, e.kind == NPS_QUALITY_FINDING ? "要確認" : "記録", XW_TEXT);
        if (e.line > 0)
            nps_xw_int(&s, 1, e.line);
        else
            nps_xw_text(&s, 1, "ファイル", XW_TEXT);
        nps_xw_text(&s, 2, e.column, XW_TEXT);
        if (!xw_failed(b))
            mask_check(b, nps_publication_quality_masked(pub, i, memo, &raw, &action));
        raw_cell(&s, 3, raw);
        action_cell(&s, 4, action);
        if (e.cell)
            nps_xw_text(&s, 5, e.cell, XW_TEXT);
        nps_xw_next_row(&s);
    }
    if (n == 0 && !xw_failed(b))
        nps_xw_text(&s, 0, "（記録なし）", XW_TEXT);
    nps_xw_freeze_head(&s, 0);
cleanup:
    nps_xw_sheet_end(&s);
    nps_text_memo_free(memo);
    return b->err;
}

/* ---------------------------------------------------------- questionnaire */

static const char *qtype_name(nps_qtype t)
{
    switch (t) {
    case NPS_Q_TEXT: return "自由記述";
    case NPS_Q_SELECT_ONE: return "単一回答";
    case NPS_Q_SELECT_MULTIPLE: return "複数回答";
    case NPS_Q_MATRIX: return "マトリクス";
    case NPS_Q_NUMBER: return "数値";
    case NPS_Q_RATING: return "星10段階";
    case NPS_Q_GROUP: return "項目群";
    }
    return "";
}

static const char *ftype_name(nps_ftype t)
{
    switch (t) {
    case NPS_F_TEXT: return "自由記述";
    case NPS_F_SELECT_ONE: return "単一回答";
    case NPS_F_SELECT_MULTIPLE: return "複数回答";
    case NPS_F_NUMBER: return "数値";
    case NPS_F_RATING: return "星10段階";
    }
    return "";
}

static const char *personal_name(nps_personal p)
{
    switch (p) {
    case NPS_PERSONAL_NAME: return "個人情報：氏名（出力しない）";
    case NPS_PERSONAL_ORGANISATION: return "個人情報：団体名（出力しない）";
    case NPS_PERSONAL_EMAIL: return "個人情報：メール（出力しない）";
    case NPS_PERSONAL_PHONE: return "個人情報：電話番号（出力しない）";
    default: return "";
    }
}

/* The options or bins of a field, one per line; NULL when it has none.
 * Free with nps_free. */
static char *field_choices(xw_book *b, const nps_field *f)
{
    size_t cap = 64, len = 0;
    char *out;
    if (f->type == NPS_F_RATING)
        return nps_strdup("1～10（★の数）");
    if (!f->list && !f->bins)
        return NULL;
    if (f->list)
        for (size_t i = 0; i < f->list->n_options; i++)
            cap += strlen(f->list->options[i].label) + 48;
    else
        for (size_t i = 0; i < f->bins->n_bins; i++)
            cap += strlen(f->bins->bins[i].label) + 16;
    out = nps_malloc(cap);
    if (!out) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (questionnaire)");
        return NULL;
    }
    out[0] = '\0';
    if (f->list) {
        for (size_t i = 0; i < f->list->n_options; i++) {
            const nps_option *o = &f->list->options[i];
            len += (size_t)snprintf(out + len, cap - len, "%s%zu. %s%s", i ? "\n" : "", i + 1, o->label,
                                    o->role == NPS_OPTION_OTHER ? "（記入あり）"
                                    : o->role == NPS_OPTION_EXCLUSIVE ? "（排他）" : "");
        }
    } else {
        for (size_t i = 0; i < f->bins->n_bins; i++)
            len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? "\n" : "", f->bins->bins[i].label);
    }
    return out;
}

static void questionnaire_row(xw_book *b, xw_sheet *s, const nps_question *qu, const nps_field *f)
{
    char num[16], item[16], fig[16];
    char *choices = NULL;
    snprintf(num, sizeof num, "Q%d", qu->number);
    nps_xw_text(s, 0, num, XW_TEXT);
    if (f && f->item_index > 0) {
        snprintf(item, sizeof item, "%d", f->item_index);
        nps_xw_text(s, 1, item, XW_TEXT);
        nps_xw_text(s, 2, ftype_name(f->type), XW_TEXT);
        nps_xw_text(s, 3, f->label, XW_TEXT);
    } else {
        nps_xw_text(s, 2, qtype_name(qu->type), XW_TEXT);
        nps_xw_text(s, 3, qu->label, XW_TEXT);
        nps_xw_text(s, 4, qu->title, XW_TEXT);
        if (qu->figure > 0) {
            snprintf(fig, sizeof fig, "図%d", qu->figure);
            nps_xw_text(s, 6, fig, XW_TEXT);
        }
    }
    /* the list of a matrix is shown once, on the question's row */
    if (f && (qu->type != NPS_Q_MATRIX || f->item_index == 0))
        choices = field_choices(b, f);
    else if (!f && qu->type == NPS_Q_MATRIX && qu->n_fields > 0)
        choices = field_choices(b, qu->fields[0]);
    nps_xw_text(s, 5, choices, XW_TEXT);
    nps_free(choices);
    if (f)
        nps_xw_text(s, 7, personal_name(f->personal), XW_TEXT);
    nps_xw_next_row(s);
}

nps_error nps_xw_questionnaire_sheet(xw_book *b)
{
    const nps_questionnaire *q = nps_publication_questionnaire(b->r->publication);
    xw_sheet s;
    if (nps_xw_sheet_begin(b, &s, "調査票", "設問・項目・選択肢と区分（集計に使った調査票）", 0) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, "調査票", XW_TITLE);
    nps_xw_next_row(&s);
    nps_xw_text(&s, 0, "設問の文言はフォームのまま。数値の設問は「選択肢・区分」の区分で集計しています。",
            XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 3, 60);
    nps_xw_col_fixed(&s, 4, 30);
    nps_xw_col_fixed(&s, 5, 40);
    nps_xw_text(&s, 0, "設問", XW_HEAD);
    nps_xw_text(&s, 1, "項目", XW_HEAD);
    nps_xw_text(&s, 2, "種類", XW_HEAD);
    nps_xw_text(&s, 3, "文言", XW_HEAD);
    nps_xw_text(&s, 4, "見出し（報告書）", XW_HEAD);
    nps_xw_text(&s, 5, "選択肢・区分", XW_HEAD);
    nps_xw_text(&s, 6, "図", XW_HEAD);
    nps_xw_text(&s, 7, "個人情報", XW_HEAD);
    nps_xw_next_row(&s);
    for (size_t i = 0; i < nps_questionnaire_question_count(q) && !xw_failed(b); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        bool single = qu->n_fields == 1 && qu->fields[0]->item_index == 0;
        questionnaire_row(b, &s, qu, single ? qu->fields[0] : NULL);
        for (size_t k = 0; !single && k < qu->n_fields && !xw_failed(b); k++)
            questionnaire_row(b, &s, qu, qu->fields[k]);
    }
    nps_xw_freeze_head(&s, 0);
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

/* ------------------------------------------------------------- coded data */

/* The coded data: the variables of the codebook (present/codebook.h), the
 * same names and codes as the .sav / .dta / .csv handed on. */
static void data_cell(xw_book *b, xw_sheet *s, lxw_col_t col, size_t row, const nps_cb_var *v)
{
    nps_cb_cell c;
    if (v->role == NPS_CB_DATE) {
        nps_xw_date(s, col, nps_publication_timestamp(b->r->publication, row));
        return;
    }
    if (nps_codebook_cell(v, b->r->publication, row, &c) != NPS_OK) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (coded data)");
        return;
    }
    if (v->is_string)
        nps_xw_text(s, col, c.text, XW_PLAIN);
    else if (!c.missing)
        nps_xw_num(s, col, c.number, XW_NUM);
    nps_free(c.text);
}

bool nps_xw_var_in_data(const nps_cb_var *v)
{
    return nps_codebook_var_coded(v);
}

nps_error nps_xw_data_elsewhere_sheet(xw_book *b)
{
    char note[512];
    xw_sheet s;
    if (nps_xw_sheet_begin(b, &s, "回答データ", "コード化した回答（件数が多いため、このブックの外のCSVファイル）", 0) != NPS_OK)
        goto cleanup;
    snprintf(note, sizeof note,
             "回答が%zu件と多いため、コード化した回答（1行1団体）はこのブックに入れず、このシートと同じ名前の"
             "CSVファイル（UTF-8）として、このブックと同じフォルダーに保存しています。列と変数名・コードは"
             "コードブック シートのとおりです。",
             nps_publication_count(b->r->publication));
    nps_xw_text(&s, 0, note, XW_NOTE);
    nps_xw_next_row(&s);
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

nps_error nps_xw_data_sheet(xw_book *b)
{
    const nps_publication *pub = b->r->publication;
    nps_codebook *cb = NULL;
    xw_sheet s;
    if (nps_codebook_build(nps_publication_questionnaire(pub), &cb) != NPS_OK) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (codebook)");
        return b->err;
    }
    size_t n = nps_codebook_count(cb);
    if (nps_xw_sheet_begin(b, &s, "回答データ",
                           "コード化した回答（1行1団体。変数名・コードはコードブック シートのとおり。個人情報と記述の列はなし）",
                           XW_SHEET_STREAM | XW_SHEET_WIDE) != NPS_OK)
        goto cleanup;
    for (size_t i = 0, col = 0; i < n; i++) {
        const nps_cb_var *v = nps_codebook_var(cb, i);
        if (!nps_xw_var_in_data(v))
            continue;
        nps_xw_col_min(&s, (lxw_col_t)col, v->role == NPS_CB_DATE ? 10 : 6);
        nps_xw_text(&s, (lxw_col_t)col++, v->name, XW_HEAD);
    }
    nps_xw_next_row(&s);
    for (size_t row = 0; row < nps_publication_count(pub) && !xw_failed(b); row++) {
        for (size_t i = 0, col = 0; i < n && !xw_failed(b); i++)
            if (nps_xw_var_in_data(nps_codebook_var(cb, i)))
                data_cell(b, &s, (lxw_col_t)col++, row, nps_codebook_var(cb, i));
        nps_xw_next_row(&s);
    }
    nps_xw_freeze(&s, 1, 1);
cleanup:
    nps_xw_sheet_end(&s);
    nps_codebook_free(cb);
    return b->err;
}
