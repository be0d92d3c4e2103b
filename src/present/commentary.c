/*
 * commentary.c — the public entry points of the commentary (commentary.h):
 * one question's sentences, chosen by the question's type, and the findings
 * summary. The rules are in docs/commentary.md; the sentence pieces in
 * commentary_text.c and the rules per kind in commentary_select.c,
 * commentary_numeric.c and commentary_matrix.c.
 *
 * Invariants: every number in a sentence is read from r (tables, flows,
 * themes) at call time — nothing is remembered between calls and nothing
 * is hard-coded; question numbers and titles come from the questionnaire.
 * On NPS_ERR_NOMEM nothing is returned and nothing leaks.
 *
 * Ownership: *out and every line of *lines are nps_malloc'ed strings owned
 * by the caller; *lines is an array owned by the caller (free each line,
 * then the array). With no commentary *out is NULL.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary_internal.h"

/* ---- one question ------------------------------------------------------- */

static const nps_table *field_table(const nps_results *r, const nps_question *qu, size_t i)
{
    return nps_tables_find(r->tables, qu->number, qu->fields[i]->item_index);
}

static nps_error question_text(nps_strbuf *sb, const nps_results *r, const nps_question *qu)
{
    const nps_table *t = qu->n_fields ? field_table(r, qu, 0) : NULL;
    switch (qu->type) {
    case NPS_Q_SELECT_ONE:
    case NPS_Q_SELECT_MULTIPLE:
        return t ? nps_cm_select(sb, t) : NPS_OK;
    case NPS_Q_RATING:
        return t ? nps_cm_rating(sb, t) : NPS_OK;
    case NPS_Q_NUMBER:
        return t ? nps_cm_numeric(sb, t) : NPS_OK;
    case NPS_Q_MATRIX:
        if (nps_cm_matrix(sb, r, qu) != NPS_OK)
            return NPS_ERR_NOMEM;
        return nps_cm_matrix_reading(sb, r, qu);
    case NPS_Q_GROUP: /* items are text or number fields (questionnaire/README.md) */
        if (nps_cm_numeric_group(sb, r, qu) != NPS_OK)
            return NPS_ERR_NOMEM;
        return nps_cm_share_reading(sb, r, qu);
    case NPS_Q_TEXT:
        break;
    }
    return NPS_OK;
}

nps_error nps_commentary_question(const nps_results *r, const nps_question *qu, char **out)
{
    nps_strbuf sb = {0};
    nps_error err = NPS_OK;
    *out = NULL;
    if (!r || !qu || !r->tables)
        goto cleanup;
    if ((err = question_text(&sb, r, qu)) != NPS_OK)
        goto cleanup;
    if (sb.failed) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    *out = nps_strbuf_take(&sb);
    nps_cm_tidy(*out);

cleanup:
    nps_strbuf_free(&sb);
    return err;
}

/* ---- findings ------------------------------------------------------------- */

typedef struct line_list {
    char **lines;
    size_t n, cap;
} line_list;

/* Takes ownership of s (NULL: nothing to add). */
static nps_error lines_push(line_list *l, char *s)
{
    if (!s)
        return NPS_OK;
    if (nps_grow((void **)&l->lines, &l->cap, l->n + 1, sizeof *l->lines, 16) != NPS_OK) {
        nps_free(s);
        return NPS_ERR_NOMEM;
    }
    l->lines[l->n++] = s;
    return NPS_OK;
}

static void lines_free(line_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        nps_free(l->lines[i]);
    nps_free(l->lines);
    memset(l, 0, sizeof *l);
}

/* "Q6 title：" */
static void title_prefix(nps_strbuf *sb, const nps_results *r, const nps_question *qu)
{
    const char *s;
    size_t n;
    nps_cm_title(nps_dataset_questionnaire(r->dataset), qu, &s, &n);
    nps_strbuf_addf(sb, "Q%d ", qu->number);
    nps_strbuf_addn(sb, s, n);
    nps_strbuf_add(sb, "：");
}

/* Length of the first sentence of s (through the first 。). */
static size_t first_sentence(const char *s)
{
    const char *end = strstr(s, "。");
    return end ? (size_t)(end - s) + strlen("。") : strlen(s);
}

/* The findings line of one question, or NULL. */
static nps_error question_finding(const nps_results *r, const nps_question *qu, char **line)
{
    nps_error err = NPS_OK;
    nps_strbuf sb = {0};
    char *text = NULL;
    *line = NULL;
    bool troubles = r->flows && nps_flows_question(r->flows) == qu->number;
    if (troubles) {
        if ((err = nps_cm_flows(&sb, r->flows)) != NPS_OK || sb.len == 0)
            goto cleanup;
        if (!(text = nps_strbuf_take(&sb))) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
    } else if (qu->type == NPS_Q_SELECT_MULTIPLE || qu->type == NPS_Q_NUMBER ||
               qu->type == NPS_Q_RATING) {
        if ((err = nps_commentary_question(r, qu, &text)) != NPS_OK || !text)
            goto cleanup;
        text[first_sentence(text)] = '\0';
    } else {
        goto cleanup;
    }
    title_prefix(&sb, r, qu);
    nps_strbuf_add(&sb, text);
    if (sb.failed)
        err = NPS_ERR_NOMEM;
    else
        *line = nps_strbuf_take(&sb);

cleanup:
    nps_free(text);
    nps_strbuf_free(&sb);
    return err;
}

/* The numbers of a setting's list (38 39), up to max; returns how many. */
static size_t setting_numbers(const nps_number_list *list, int *out, size_t max)
{
    size_t n = 0;
    for (; n < list->n && n < max; n++)
        out[n] = list->numbers[n];
    return n;
}

/* 自由回答（Q38・Q39）の課題を5つのテーマで分類すると、「財政面」と「人材面」が
 * 共に25団体と最も多く、次いで「連携」が20団体となっている（…63団体）。 */
nps_error nps_commentary_themes(const nps_results *r, char **line)
{
    nps_error err = NPS_OK;
    nps_strbuf sb = {0};
    const nps_themes *th = r->themes;
    size_t n = th ? nps_themes_count(th) : 0;
    nps_cm_item *items = NULL;
    const nps_cm_item **top = NULL, **next = NULL;
    int qs[16];
    size_t n_qs = setting_numbers(&nps_questionnaire_settings(nps_dataset_questionnaire(r->dataset))->theme_questions,
                                  qs, 16);
    *line = NULL;
    if (!th || n == 0 || nps_themes_respondents(th) == 0)
        goto cleanup;
    items = nps_calloc(n, sizeof *items);
    top = nps_calloc(n, sizeof *top);
    next = nps_calloc(n, sizeof *next);
    if (!items || !top || !next) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = nps_themes_name(th, i);
        items[i] = (nps_cm_item){name, strlen(name), nps_themes_org_count(th, i), false};
    }
    nps_strbuf_add(&sb, "自由回答");
    for (size_t i = 0; i < n_qs; i++)
        nps_strbuf_addf(&sb, "%sQ%d%s", i == 0 ? "（" : "・", qs[i], i + 1 == n_qs ? "）" : "");
    nps_strbuf_addf(&sb, "の課題を%zuつのテーマで分類すると、", n);
    long c1 = nps_cm_max_below(items, n, LONG_MAX);
    long c2 = c1 ? nps_cm_max_below(items, n, c1) : 0;
    size_t n1 = nps_cm_collect(items, n, c1, top);
    size_t n2 = c2 ? nps_cm_collect(items, n, c2, next) : 0;
    if (c1 == 0) {
        nps_strbuf_add(&sb, "いずれのテーマにも当てはまる回答はなかった");
    } else {
        nps_cm_sb_items(&sb, top, n1, 3);
        nps_strbuf_addf(&sb, "%s%ld団体と最も多", n1 > 1 ? "が共に" : "が", c1);
        if (n2) {
            nps_strbuf_add(&sb, "く、次いで");
            nps_cm_sb_items(&sb, next, n2, 3);
            nps_strbuf_addf(&sb, "%s%ld団体となっている", n2 > 1 ? "が共に" : "が", c2);
        } else {
            nps_strbuf_add(&sb, "い");
        }
    }
    nps_strbuf_addf(&sb, "（自由回答のあった団体は%ld団体）。", nps_themes_respondents(th));
    if (sb.failed)
        err = NPS_ERR_NOMEM;
    else
        *line = nps_strbuf_take(&sb);

cleanup:
    nps_strbuf_free(&sb);
    nps_free(items);
    nps_free(top);
    nps_free(next);
    return err;
}

nps_error nps_commentary_flows(const nps_results *r, char **out)
{
    nps_strbuf sb = {0};
    nps_error err = NPS_OK;
    *out = NULL;
    if (!r || !r->flows)
        return NPS_OK;
    if ((err = nps_cm_flows(&sb, r->flows)) == NPS_OK && sb.failed)
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK)
        *out = nps_strbuf_take(&sb);
    nps_strbuf_free(&sb);
    return err;
}

nps_error nps_commentary_findings(const nps_results *r, char ***lines, size_t *n_lines)
{
    nps_error err = NPS_OK;
    line_list l = {0};
    char *line = NULL;
    *lines = NULL;
    *n_lines = 0;
    if (!r || !r->tables || !r->dataset)
        return NPS_OK;
    const nps_questionnaire *q = nps_dataset_questionnaire(r->dataset);
    int theme_q[1] = {0};
    bool themes_done = setting_numbers(&nps_questionnaire_settings(q)->theme_questions, theme_q, 1) == 0;
    for (size_t i = 0; i < nps_questionnaire_question_count(q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        if (!themes_done && qu->number >= theme_q[0]) {
            themes_done = true;
            if ((err = nps_commentary_themes(r, &line)) != NPS_OK || (err = lines_push(&l, line)) != NPS_OK)
                goto cleanup;
        }
        if ((err = question_finding(r, qu, &line)) != NPS_OK || (err = lines_push(&l, line)) != NPS_OK)
            goto cleanup;
    }
    if (!themes_done &&
        ((err = nps_commentary_themes(r, &line)) != NPS_OK || (err = lines_push(&l, line)) != NPS_OK))
        goto cleanup;
    *lines = l.lines;
    *n_lines = l.n;
    memset(&l, 0, sizeof l);

cleanup:
    lines_free(&l);
    return err;
}
