/*
 * report_xlsx_codebook.c — the workbook's コードブック sheet
 * (docs/workbook.md, docs/export.md): one row per variable of the 回答データ
 * sheet — name, label, type, measurement level, role, the export column it
 * comes from, the option of a 0/1 variable, and its values with their
 * labels (one per line) — the same content as the codebook.csv written by
 * `npo-survey export`.
 *
 * Invariants: the scheme comes from present/codebook.h only, so this sheet,
 * 回答データ and the exported files agree; it holds no respondent data.
 *
 * Ownership: the codebook and each joined value list are freed here.
 */
#include <stdio.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "present/codebook.h"
#include "report/xlsx/xlsx_private.h"

/* "1 = label" lines of a value set; NULL when none. nps_free. */
static char *value_lines(const nps_cb_value_set *set)
{
    nps_strbuf sb = {0};
    for (size_t k = 0; set && k < set->n_values; k++)
        nps_strbuf_addf(&sb, "%s%d = %s", k ? "\n" : "", set->values[k].code, set->values[k].label);
    return nps_strbuf_take(&sb);
}

static void codebook_row(xw_book *b, xw_sheet *s, const nps_cb_var *v)
{
    char *values = value_lines(v->values);
    if (v->values && !values) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (codebook)");
        return;
    }
    nps_xw_text(s, 0, v->name, XW_TEXT);
    nps_xw_text(s, 1, v->label, XW_TEXT);
    nps_xw_text(s, 2, nps_codebook_type_name(v), XW_TEXT);
    nps_xw_text(s, 3, nps_codebook_measure_name(v->measure), XW_TEXT);
    nps_xw_text(s, 4, nps_codebook_role_name(v->role), XW_TEXT);
    nps_xw_text(s, 5, v->source, XW_TEXT);
    if (v->option > 0)
        nps_xw_int(s, 6, v->option);
    nps_xw_text(s, 7, values, XW_TEXT);
    nps_free(values);
    nps_xw_next_row(s);
}

nps_error nps_xw_codebook_sheet(xw_book *b)
{
    nps_codebook *cb = NULL;
    xw_sheet s;
    static const char *const HEAD[] = {"変数名", "ラベル", "型", "尺度", "種類", "元の列", "選択肢", "値と値ラベル"};
    if (nps_codebook_build(nps_publication_questionnaire(b->r->publication), &cb) != NPS_OK) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (codebook)");
        return b->err;
    }
    if (nps_xw_sheet_begin(b, &s, "コードブック", "回答データの変数名・ラベル・コード（統計ソフト用に書き出すデータと同じ）",
                           0) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, "コードブック", XW_TITLE);
    nps_xw_next_row(&s);
    nps_xw_text(&s, 0, "回答データ シートと、統計ソフト（SPSS・Stata・R）用に書き出したデータの変数。無回答は空欄（システム欠損値）。"
                       "記述の変数（自由記述・「その他」の記入）は、回答した団体と結びつかないよう回答データ シートには含めず、自由記述 シートに掲載。"
                       "複数回答は選択肢ごとに 1＝選択・0＝非選択（設問に無回答なら空欄）。",
                XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 1, 60);
    nps_xw_col_fixed(&s, 7, 40);
    for (size_t i = 0; i < sizeof HEAD / sizeof HEAD[0]; i++)
        nps_xw_text(&s, (lxw_col_t)i, HEAD[i], XW_HEAD);
    nps_xw_next_row(&s);
    for (size_t i = 0; i < nps_codebook_count(cb) && !xw_failed(b); i++)
        if (nps_xw_var_in_data(nps_codebook_var(cb, i)))
            codebook_row(b, &s, nps_codebook_var(cb, i));
    nps_xw_freeze(&s, 4, 1);
cleanup:
    nps_xw_sheet_end(&s);
    nps_codebook_free(cb);
    return b->err;
}
