/*
 * findings.c — the report's 主な結果 by theme (findings.h), read from the
 * questionnaire's findings.csv: `theme,kind,question,item,value,label`.
 *
 * Kinds (questionnaire/README.md):
 *   lead      the first sentence of the question's commentary, introduced
 *             by the label: 「…」を対象とした事業（Q6）では、…
 *   flows     the handling summary of the troubles question
 *   at_least  how many organisations answered the number field
 *             (question, item) with at least `value`: 8割以上 for a percent
 *             field whose value is a multiple of 10, N人以上いる for a count
 *   more_than the same with more than `value`: 8割を超える
 *   chosen    how many organisations chose one of the options `value`
 *             (1-based positions, separated by spaces)
 *   themes    the free-text themes summary
 * A theme's sentences are joined into one paragraph, in row order.
 *
 * Invariants: every number is computed from r at build time (tables,
 * flows, themes, publication); nothing about the survey is in this file
 * beyond the sentence patterns. Counts of organisations are over all
 * respondents (the report's n), written as 「65団体中29団体」 — a count, so
 * the sentence mixes no share styles.
 *
 * Ownership: the nps_findings and its strings are owned by the handle.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "read/sheet.h"
#include "present/commentary.h"
#include "present/findings.h"

typedef struct finding_theme {
    char *theme;
    nps_strbuf text;
} finding_theme;

struct nps_findings {
    size_t n, cap;
    finding_theme *themes;
    char **texts;          /* taken from the builders once built */
};

typedef struct row_ctx {
    const nps_results *r;
    const nps_sheet *s;
    const nps_sheet_row *row;
    int cols[6];
    nps_diag *diag;
} row_ctx;

static const char *cell(const row_ctx *c, int i) { return nps_sheet_cell(c->row, c->cols[i]); }

static nps_error row_error(const row_ctx *c, const char *what)
{
    return nps_diag_set(c->diag, NPS_ERR_QUESTIONNAIRE, c->s->file, c->row->line, "%s", what);
}

static finding_theme *theme_named(nps_findings *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->themes[i].theme, name) == 0)
            return &f->themes[i];
    if (nps_grow((void **)&f->themes, &f->cap, f->n + 1, sizeof *f->themes, 8) != NPS_OK)
        return NULL;
    finding_theme *t = &f->themes[f->n];
    memset(t, 0, sizeof *t);
    if (!(t->theme = nps_strdup(name)))
        return NULL;
    f->n++;
    return t;
}

/* A whole number 0–100000 from s, or -1. */
static long whole(const char *s)
{
    char *end;
    long v;
    if (!s || !*s)
        return -1;
    v = strtol(s, &end, 10);
    return *end || v < 0 || v > 100000 ? -1 : v;
}

static const nps_question *row_question(const row_ctx *c)
{
    long n = whole(cell(c, 2));
    const nps_questionnaire *q = nps_publication_questionnaire(c->r->publication);
    return n > 0 ? nps_questionnaire_question(q, (int)n) : NULL;
}

/* 「…」（Q6）では、<first sentence of the question's commentary> */
static nps_error add_lead(const row_ctx *c, nps_strbuf *sb)
{
    const nps_question *qu = row_question(c);
    char *text = NULL;
    nps_error err;
    if (!qu || (qu->type != NPS_Q_SELECT_ONE && qu->type != NPS_Q_SELECT_MULTIPLE &&
                qu->type != NPS_Q_NUMBER && qu->type != NPS_Q_RATING))
        return row_error(c, "lead: the question must be a select_one, select_multiple, number or rating "
                            "question of survey.csv");
    if ((err = nps_commentary_question(c->r, qu, &text)) != NPS_OK || !text)
        return err;
    char *end = strstr(text, "。");
    if (end)
        end[strlen("。")] = '\0';
    nps_strbuf_addf(sb, "%s（Q%d）では、%s", cell(c, 5), qu->number, text);
    nps_free(text);
    return NPS_OK;
}

static nps_error add_flows(const row_ctx *c, nps_strbuf *sb)
{
    char *text = NULL;
    nps_error err = nps_commentary_flows(c->r, &text);
    if (err == NPS_OK && text)
        nps_strbuf_add(sb, text);
    nps_free(text);
    return err;
}

static nps_error add_themes(const row_ctx *c, nps_strbuf *sb)
{
    char *text = NULL;
    nps_error err = nps_commentary_themes(c->r, &text);
    if (err == NPS_OK && text)
        nps_strbuf_add(sb, text);
    nps_free(text);
    return err;
}

/* 「継続的…」が8割を超えると回答した団体は65団体中29団体である (more_than);
 * 「コアスタッフ…」人が1人以上いると回答した団体は… (at_least). */
static nps_error add_threshold(const row_ctx *c, nps_strbuf *sb, bool strict)
{
    const nps_question *qu = row_question(c);
    const nps_questionnaire *q = nps_publication_questionnaire(c->r->publication);
    long item = cell(c, 3)[0] ? whole(cell(c, 3)) : 0, value = whole(cell(c, 4));
    const nps_field *fd = qu && item >= 0 ? nps_questionnaire_field(q, qu->number, (int)item) : NULL;
    size_t n = nps_publication_count(c->r->publication), hits = 0;
    if (!fd || fd->type != NPS_F_NUMBER || value < 0 ||
        (fd->unit != NPS_UNIT_PERCENT && fd->unit != NPS_UNIT_COUNT))
        return row_error(c, "at_least / more_than: question and item must name a number field (unit percent or count) "
                            "and value a whole number");
    for (size_t o = 0; o < n; o++) {
        double v = nps_publication_number(c->r->publication, o, fd);
        hits += !isnan(v) && (strict ? v > (double)value : v >= (double)value);
    }
    nps_strbuf_add(sb, cell(c, 5));
    if (fd->unit == NPS_UNIT_PERCENT && value % 10 == 0 && value > 0 && value < 100)
        nps_strbuf_addf(sb, "%ld割", value / 10);
    else
        nps_strbuf_addf(sb, fd->unit == NPS_UNIT_PERCENT ? "%ld%%" : "%ld人", value);
    nps_strbuf_add(sb, strict ? "を超える" : "以上");
    nps_strbuf_add(sb, fd->unit == NPS_UNIT_COUNT ? "いると回答した" : "と回答した");
    nps_strbuf_addf(sb, "団体は%zu団体中%zu団体である。", n, hits);
    return NPS_OK;
}

static nps_error add_at_least(const row_ctx *c, nps_strbuf *sb) { return add_threshold(c, sb, false); }
static nps_error add_more_than(const row_ctx *c, nps_strbuf *sb) { return add_threshold(c, sb, true); }

/* 期間の長短に関わらず住まいを提供できる団体は65団体中9団体である。 */
static nps_error add_chosen(const row_ctx *c, nps_strbuf *sb)
{
    const nps_question *qu = row_question(c);
    const nps_field *fd = qu && qu->n_fields == 1 ? qu->fields[0] : NULL;
    uint64_t want = 0;
    size_t n = nps_publication_count(c->r->publication), hits = 0;
    char *copy = nps_strdup(cell(c, 4)), *save = NULL;
    if (!copy)
        return NPS_ERR_NOMEM;
    for (char *t = strtok_r(copy, " ", &save); t && fd && fd->list; t = strtok_r(NULL, " ", &save)) {
        long k = whole(t);
        if (k < 1 || (size_t)k > fd->list->n_options || k > 64) {
            want = 0;
            break;
        }
        want |= (uint64_t)1 << (k - 1);
    }
    nps_free(copy);
    if (!fd || (fd->type != NPS_F_SELECT_ONE && fd->type != NPS_F_SELECT_MULTIPLE) || !want)
        return row_error(c, "chosen: the question must be a select question and value its option positions "
                            "(1-based, separated by spaces)");
    for (size_t o = 0; o < n; o++) {
        uint64_t got = fd->type == NPS_F_SELECT_ONE
                           ? (nps_publication_choice(c->r->publication, o, fd) > 0
                                  ? (uint64_t)1 << (nps_publication_choice(c->r->publication, o, fd) - 1) : 0)
                           : nps_publication_choices(c->r->publication, o, fd);
        hits += (got & want) != 0;
    }
    nps_strbuf_addf(sb, "%s団体は%zu団体中%zu団体である。", cell(c, 5), n, hits);
    return NPS_OK;
}

static nps_error add_row(nps_findings *f, const row_ctx *c)
{
    static const struct {
        const char *kind;
        nps_error (*fn)(const row_ctx *, nps_strbuf *);
    } kinds[] = {{"lead", add_lead}, {"flows", add_flows}, {"at_least", add_at_least},
                 {"more_than", add_more_than},
                 {"chosen", add_chosen}, {"themes", add_themes}};
    finding_theme *t;
    if (!cell(c, 0)[0])
        return row_error(c, "empty theme");
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (strcmp(cell(c, 1), kinds[k].kind) != 0)
            continue;
        if (!(t = theme_named(f, cell(c, 0))))
            return NPS_ERR_NOMEM;
        return kinds[k].fn(c, &t->text);
    }
    return row_error(c, "unknown kind (lead, flows, at_least, more_than, chosen or themes)");
}

static nps_error build_rows(nps_findings *f, const nps_results *r, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"theme", "kind", "question", "item", "value", "label"};
    row_ctx c = {r, s, NULL, {0}, diag};
    nps_error err = nps_sheet_require(s, names, c.cols, 6, diag);
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++) {
        c.row = &s->rows[i];
        err = add_row(f, &c);
    }
    return err;
}

nps_error nps_findings_build(const nps_results *r, nps_findings **out, nps_diag *diag)
{
    nps_findings *f = nps_calloc(1, sizeof *f);
    nps_sheet s = {0};
    bool have_sheet = false;
    nps_error err = NPS_ERR_NOMEM;
    const char *csv;
    *out = NULL;
    if (!f)
        goto cleanup;
    err = NPS_OK;
    csv = r && r->publication ? nps_questionnaire_findings_csv(nps_publication_questionnaire(r->publication)) : NULL;
    if (!csv)
        goto done;
    if ((err = nps_sheet_read("findings.csv", csv, strlen(csv), &s, diag)) != NPS_OK)
        goto cleanup;
    have_sheet = true;
    if ((err = build_rows(f, r, &s, diag)) != NPS_OK)
        goto cleanup;
    if (f->n && !(f->texts = nps_calloc(f->n, sizeof *f->texts))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < f->n; i++) {
        if (f->themes[i].text.failed || !(f->texts[i] = nps_strdup(nps_strbuf_get(&f->themes[i].text)))) {
            err = NPS_ERR_NOMEM;
            goto cleanup;
        }
    }
done:
    *out = f;
    f = NULL;

cleanup:
    if (have_sheet)
        nps_sheet_free(&s);
    nps_findings_free(f);
    return err;
}

void nps_findings_free(nps_findings *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        nps_free(f->themes[i].theme);
        nps_strbuf_free(&f->themes[i].text);
        if (f->texts)
            nps_free(f->texts[i]);
    }
    nps_free(f->themes);
    nps_free(f->texts);
    nps_free(f);
}

size_t nps_findings_count(const nps_findings *f) { return f ? f->n : 0; }
const char *nps_findings_theme(const nps_findings *f, size_t i) { return f && i < f->n ? f->themes[i].theme : NULL; }

const char *nps_findings_text(const nps_findings *f, size_t i)
{
    return f && f->texts && i < f->n ? f->texts[i] : NULL;
}
