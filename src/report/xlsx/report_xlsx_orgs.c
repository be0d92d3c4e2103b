/*
 * report_xlsx_orgs.c — the organisation lists of the workbook
 * (docs/workbook.md, 団体リスト): per category and organisation, the id
 * (and name), "knows none" and each leaf's count and troubles; then the
 * organisations that know none of a category's troubles. For a survey too
 * large for the workbook (nps_report_data_in_workbook, docs/workbook.md
 * "Large surveys") the same header row and rows go to the CSV file
 * NPS_REPORT_ORG_CSV instead (nps_report_write_org_csv), and the sheet is
 * one sentence saying so; the knows-none block is left out of the CSV, as
 * its rows are the rows whose "knows none" column is 該当.
 *
 * Invariants:
 *   - The sheet is a constant_memory sheet, written strictly downwards.
 *   - Organisation names appear only here, and only when both the caller
 *     asked (opt->reveal_names) and the flows carry them (org_names).
 *   - The CSV's cells are the sheet's: the same headings (org_heading),
 *     texts (text cells through nps_write_csv_field, which guards formulas)
 *     and counts.
 *
 * Ownership: the joined trouble labels are freed after each cell.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/emit.h"
#include "report/xlsx/xlsx_private.h"

/* The organisation list grows with organisations × categories (200,000
 * responses × 6 = 1.2 million rows), past Excel's 1,048,576 rows a sheet:
 * it continues on 団体リスト (2), (3) … Each part has the title, the note and
 * the header of the block it continues, and a part that does not end the
 * list ends with a sentence naming the next one. */
typedef struct org_list {
    xw_book *b;
    xw_sheet s;
    bool names, open;
    unsigned part;        /* 1, 2, … */
    bool knows_none;      /* in the second block */
    size_t max_rows;      /* rows a part may have */
} org_list;

/* Excel's rows per sheet. NPS_XLSX_MAX_ROWS lowers it (at least 16), so
 * the tests can split a small survey's list (docs/workbook.md). */
#define XW_SHEET_ROWS 1048576u

static size_t org_max_rows(void)
{
    const char *env = getenv("NPS_XLSX_MAX_ROWS");
    char *end;
    unsigned long v = env && *env ? strtoul(env, &end, 10) : 0;
    if (!env || !*env || *end || v < 16 || v > XW_SHEET_ROWS)
        return XW_SHEET_ROWS;
    return (size_t)v;
}

#define ORG_SHEET "団体リスト"

/* Whether the lists show organisation names. */
static bool org_names(const nps_report_options *opt, const nps_flows *f)
{
    return opt->reveal_names && nps_flows_reveals_names(f);
}

static void org_sheet_name(unsigned part, char *buf, size_t size)
{
    if (part <= 1)
        snprintf(buf, size, "%s", ORG_SHEET);
    else
        snprintf(buf, size, "%s (%u)", ORG_SHEET, part);
}

/* The list's columns: category, id, (name,) knows none, then count and
 * troubles of each leaf. The sheet and the CSV take their headings here. */
static size_t org_columns(bool names)
{
    return (names ? 4 : 3) + 2 * XW_N_LEAVES;
}

/* The heading of column c (< org_columns(names)); buf holds it when built. */
static const char *org_heading(size_t c, bool names, char *buf, size_t size)
{
    size_t fixed = names ? 4 : 3;
    if (c < fixed) {
        static const char *with[] = {"カテゴリ", "団体ID", "団体名", "把握していない（すべて5）"};
        static const char *without[] = {"カテゴリ", "団体ID", "把握していない（すべて5）"};
        return names ? with[c] : without[c];
    }
    c -= fixed;
    snprintf(buf, size, "%s（%s）", nps_flow_node_name(nps_xw_leaves[c / 2]), c % 2 ? "困りごと" : "件数");
    return buf;
}

static void org_header(xw_sheet *s, bool names)
{
    char buf[128];
    for (size_t c = 0; c < org_columns(names); c++)
        nps_xw_text(s, (lxw_col_t)c, org_heading(c, names, buf, sizeof buf), XW_HEAD);
    nps_xw_next_row(s);
}

static void knows_none_header(xw_sheet *s, bool names)
{
    nps_xw_text(s, 0, "困りごとを把握していない団体（カテゴリの困りごとにすべて5と回答した団体）", XW_CAPTION);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "カテゴリ", XW_HEAD);
    nps_xw_text(s, 1, "団体ID", XW_HEAD);
    if (names)
        nps_xw_text(s, 2, "団体名", XW_HEAD);
    nps_xw_next_row(s);
}

/* Start part `l->part` of the list: title, note, the header of the block. */
static void org_part_begin(org_list *l)
{
    char name[64], title[128];
    org_sheet_name(l->part, name, sizeof name);
    if (nps_xw_sheet_begin(l->b, &l->s, name, "カテゴリごとの団体別の回答（対応状況ごとの件数と困りごと）",
                           XW_SHEET_STREAM) != NPS_OK)
        return;
    l->open = true;
    if (l->part <= 1)
        snprintf(title, sizeof title, "困りごとのカテゴリごとの団体リスト");
    else
        snprintf(title, sizeof title, "困りごとのカテゴリごとの団体リスト（続き %u）", l->part);
    nps_xw_text(&l->s, 0, title, XW_TITLE);
    nps_xw_next_row(&l->s);
    nps_xw_text(&l->s, 0, l->names ? "団体名は作成時の指定により表示しています。取り扱いに注意してください。"
                                   : "団体は回答データ シートと同じ ID で示します（団体名は出力していません）。",
                XW_NOTE);
    nps_xw_skip_rows(&l->s, 1);
    for (lxw_col_t c = 0; c < (l->names ? 4 : 3); c++)
        nps_xw_col_min(&l->s, c, 8);
    if (l->knows_none)
        knows_none_header(&l->s, l->names);
    else
        org_header(&l->s, l->names);
    nps_xw_freeze(&l->s, l->knows_none ? 5 : 4, l->names ? 3 : 2);
}

static void org_part_end(org_list *l)
{
    if (l->open)
        nps_xw_sheet_end(&l->s);
    l->open = false;
}

/* Room for `rows` more rows on this part (and the pointer sentence), else
 * the pointer and the next part. */
static void org_room(org_list *l, unsigned rows)
{
    char next[64], text[192];
    if (!l->open || xw_failed(l->b) || (size_t)l->s.row + rows + 2 <= l->max_rows)
        return;
    org_sheet_name(l->part + 1, next, sizeof next);
    nps_xw_skip_rows(&l->s, 0);
    snprintf(text, sizeof text, "続きは「%s」シートにあります（Excel の 1 シート 1,048,576 行の上限のため分けています）。",
             next);
    nps_xw_text(&l->s, 0, text, XW_NOTE);
    nps_xw_next_row(&l->s);
    org_part_end(l);
    l->part++;
    org_part_begin(l);
}

static void org_row(org_list *l, const nps_flows *f, size_t c, const nps_flow_org *o)
{
    xw_sheet *s = &l->s;
    lxw_col_t col = 0;
    org_room(l, 1);
    nps_xw_text(s, col++, nps_flows_category_name(f, c), XW_TEXT);
    nps_xw_text(s, col++, o->id, XW_TEXT);
    if (l->names)
        nps_xw_text(s, col++, o->name, XW_TEXT);
    nps_xw_text(s, col++, o->knows_none ? "該当" : "", XW_TEXT);
    for (size_t k = 0; k < XW_N_LEAVES && !xw_failed(l->b); k++) {
        char *labels;
        nps_xw_int(s, col++, o->count[nps_xw_leaves[k]]);
        labels = o->count[nps_xw_leaves[k]] ? nps_xw_trouble_labels(l->b, f, o->troubles[nps_xw_leaves[k]]) : NULL;
        nps_xw_text(s, col++, labels, XW_TEXT);
        nps_free(labels);
    }
    nps_xw_next_row(s);
}

static void knows_none_row(org_list *l, const char *category, const char *id, const char *name)
{
    org_room(l, 1);
    nps_xw_text(&l->s, 0, category, XW_TEXT);
    nps_xw_text(&l->s, 1, id, XW_TEXT);
    if (l->names)
        nps_xw_text(&l->s, 2, name, XW_TEXT);
    nps_xw_next_row(&l->s);
}

static void knows_none_block(org_list *l, const nps_flows *f)
{
    org_room(l, 4);
    l->knows_none = true;
    knows_none_header(&l->s, l->names);
    for (size_t c = 0; c < nps_flows_category_count(f) && !xw_failed(l->b); c++) {
        size_t n = nps_flows_knows_none_count(f, c);
        for (size_t k = 0; k < n && !xw_failed(l->b); k++) {
            nps_flow_org o;
            if (nps_flows_knows_none_at(f, c, k, &o))
                knows_none_row(l, nps_flows_category_name(f, c), o.id, o.name);
        }
        if (n == 0)
            knows_none_row(l, nps_flows_category_name(f, c), "（なし）", NULL);
    }
}

/* For a survey whose organisation lists are in the CSV file
 * NPS_REPORT_ORG_CSV: a 団体リスト sheet of one sentence saying so (no
 * path, no command: docs/report.md, "No tool words"). */
static nps_error org_elsewhere_sheet(xw_book *b, bool names)
{
    char note[1024];
    xw_sheet s;
    if (nps_xw_sheet_begin(b, &s, ORG_SHEET, "カテゴリごとの団体別の回答（件数が多いため、このブックの外のCSVファイル）", 0) !=
        NPS_OK)
        goto cleanup;
    snprintf(note, sizeof note,
             "回答が%zu件と多いため、カテゴリごとの団体別の回答（対応状況ごとの件数と困りごと）はこのブックに入れず、"
             "このシートと同じ名前のCSVファイル（UTF-8）として、このブックと同じフォルダーに保存しています"
             "（困りごとを把握していない団体は「把握していない（すべて5）」が「該当」の行です）。%s",
             nps_publication_count(b->r->publication),
             names ? "団体名は作成時の指定によりCSVファイルに含めています。取り扱いに注意してください。" : "");
    nps_xw_text(&s, 0, note, XW_NOTE);
    nps_xw_next_row(&s);
cleanup:
    nps_xw_sheet_end(&s);
    return b->err;
}

nps_error nps_xw_org_sheet(xw_book *b)
{
    const nps_flows *f = b->r->flows;
    org_list l;
    if (!f)
        return b->err;
    if (!nps_report_data_in_workbook(b->r))
        return org_elsewhere_sheet(b, org_names(b->opt, f));
    memset(&l, 0, sizeof l);
    l.b = b;
    l.names = org_names(b->opt, f);
    l.part = 1;
    l.max_rows = org_max_rows();
    org_part_begin(&l);
    for (size_t c = 0; c < nps_flows_category_count(f) && l.open && !xw_failed(b); c++)
        for (size_t i = 0; i < nps_flows_org_count(f) && l.open && !xw_failed(b); i++) {
            nps_flow_org o;
            if (nps_flows_org(f, c, i, &o))
                org_row(&l, f, c, &o);
        }
    if (l.open && !xw_failed(b)) {
        nps_xw_skip_rows(&l.s, 1);
        knows_none_block(&l, f);
    }
    org_part_end(&l);
    return b->err;
}

/* ------------------------------------------------------------------ CSV */

/* One row of the CSV: the cells org_row writes. 0, EOF, or -2 (no memory). */
static int org_csv_row(FILE *out, const nps_flows *f, size_t c, const nps_flow_org *o, bool names)
{
    int rc = nps_write_csv_field(out, nps_flows_category_name(f, c));
    rc |= fputc(',', out) == EOF ? EOF : nps_write_csv_field(out, o->id);
    if (names)
        rc |= fputc(',', out) == EOF ? EOF : nps_write_csv_field(out, o->name);
    rc |= fputs(o->knows_none ? ",該当" : ",", out) == EOF ? EOF : 0;
    for (size_t k = 0; k < XW_N_LEAVES && rc == 0; k++) {
        int n = o->count[nps_xw_leaves[k]];
        char *labels = n ? nps_xw_troubles_text(f, o->troubles[nps_xw_leaves[k]]) : NULL;
        if (n && !labels)
            return -2;
        rc |= fprintf(out, ",%d,", n) < 0 ? EOF : nps_write_csv_field(out, labels);
        nps_free(labels);
    }
    return rc || fputs("\r\n", out) == EOF ? EOF : 0;
}

static int org_csv_write(FILE *out, const nps_flows *f, bool names)
{
    char buf[128];
    int rc = fputs("\xEF\xBB\xBF", out) == EOF ? EOF : 0;
    for (size_t c = 0; c < org_columns(names) && rc == 0; c++)
        rc = (c && fputc(',', out) == EOF) ? EOF : nps_write_csv_field(out, org_heading(c, names, buf, sizeof buf));
    if (rc == 0 && fputs("\r\n", out) == EOF)
        rc = EOF;
    for (size_t c = 0; c < nps_flows_category_count(f) && rc == 0; c++)
        for (size_t i = 0; i < nps_flows_org_count(f) && rc == 0; i++) {
            nps_flow_org o;
            if (nps_flows_org(f, c, i, &o))
                rc = org_csv_row(out, f, c, &o, names);
        }
    return rc;
}

nps_error nps_report_write_org_csv(const nps_results *r, const nps_report_options *opt, const char *path,
                                   nps_diag *diag)
{
    FILE *out;
    int rc;
    if (!r || !opt || !path)
        return nps_diag_set(diag, NPS_ERR_USAGE, path ? path : "", 0,
                            "the organisation lists need results, options and a path");
    if (!r->flows)
        return NPS_OK;
    if (!(out = fopen(path, "wb")))
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
    rc = org_csv_write(out, r->flows, org_names(opt, r->flows));
    if (fclose(out) != 0 && rc == 0)
        rc = EOF;
    if (rc == 0)
        return NPS_OK;
    if (rc == -2)
        nps_diag_set(diag, NPS_ERR_NOMEM, path, 0, "%s", nps_strerror(NPS_ERR_NOMEM));
    else
        nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
    remove(path);
    return rc == -2 ? NPS_ERR_NOMEM : NPS_ERR_IO;
}
