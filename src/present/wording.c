/*
 * wording.c — see wording.h. Each piece is computed from the questionnaire
 * at call time; nothing here knows a question number, a count of troubles
 * or a theme name.
 */
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary_internal.h"
#include "present/wording.h"

/* Runs of consecutive numbers: a run of 3+ as "Qa～Qb" (or "①～⑤"),
 * shorter ones one by one, joined with `sep`; `w` writes one number. */
typedef void (*number_writer)(nps_strbuf *sb, int n);

static void write_q(nps_strbuf *sb, int n) { nps_strbuf_addf(sb, "Q%d", n); }

static void write_circled(nps_strbuf *sb, int n)
{
    if (n >= 1 && n <= 20) {
        char c[4] = {(char)0xE2, (char)0x91, (char)(0xA0 + n - 1), 0}; /* U+2460 + n-1 */
        nps_strbuf_add(sb, c);
    } else {
        nps_strbuf_addf(sb, "-%d", n);
    }
}

static void write_runs(nps_strbuf *sb, const int *v, size_t n, number_writer w, const char *sep)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j + 1 < n && v[j + 1] == v[j] + 1)
            j++;
        if (i > 0)
            nps_strbuf_add(sb, sep);
        if (j - i >= 2) {
            w(sb, v[i]);
            nps_strbuf_add(sb, "～");
            w(sb, v[j]);
            i = j + 1;
        } else {
            w(sb, v[i]);
            i++;
        }
    }
}

size_t nps_wording_questions(nps_strbuf *sb, const nps_number_list *list)
{
    write_runs(sb, list->numbers, list->n, write_q, "・");
    return list->n;
}

bool nps_wording_question_items(nps_strbuf *sb, const nps_questionnaire *q, int question,
                                const nps_number_list *items)
{
    const nps_question *qu = nps_questionnaire_question(q, question);
    nps_number_list all = {0};
    if (!qu)
        return false;
    nps_strbuf_addf(sb, "Q%d", question);
    if (qu->n_fields == 1 && qu->fields[0]->item_index == 0)
        return true;
    if (items->n == 0) {
        for (size_t i = 0; i < qu->n_fields && all.n < NPS_SETTINGS_MAX_NUMBERS; i++)
            if (qu->fields[i]->type == NPS_F_NUMBER)
                all.numbers[all.n++] = qu->fields[i]->item_index;
        items = &all;
    }
    write_runs(sb, items->numbers, items->n, write_circled, "");
    return true;
}

size_t nps_wording_personal_questions(nps_strbuf *sb, const nps_questionnaire *q)
{
    nps_number_list l = {0};
    for (size_t i = 0; i < nps_questionnaire_question_count(q) && l.n < NPS_SETTINGS_MAX_NUMBERS; i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        for (size_t f = 0; f < qu->n_fields; f++)
            if (qu->fields[f]->personal != NPS_PERSONAL_NONE) {
                l.numbers[l.n++] = qu->number;
                break;
            }
    }
    return nps_wording_questions(sb, &l);
}

/* The display form of the none-applies option of question `number`. */
static bool exclusive_label(const nps_questionnaire *q, int number, const char **s, size_t *n)
{
    const nps_question *qu = nps_questionnaire_question(q, number);
    const nps_list *list = qu && qu->n_fields ? qu->fields[0]->list : NULL;
    for (size_t i = 0; list && i < list->n_options; i++)
        if (list->options[i].role == NPS_OPTION_EXCLUSIVE) {
            nps_cm_option_label(list, i, s, n);
            return true;
        }
    return false;
}

bool nps_wording_exclusive(nps_strbuf *sb, const nps_questionnaire *q, const nps_number_list *questions)
{
    const char *first = NULL, *s;
    size_t first_n = 0, n;
    bool differ = false;
    for (size_t i = 0; i < questions->n; i++) {
        if (!exclusive_label(q, questions->numbers[i], &s, &n))
            continue;
        if (!first) {
            first = s;
            first_n = n;
        } else if (n != first_n || memcmp(s, first, n) != 0) {
            differ = true;
        }
    }
    if (!first)
        return false;
    nps_cm_sb_quote(sb, first, first_n);
    if (differ)
        nps_strbuf_add(sb, "など");
    return true;
}

size_t nps_wording_categories(nps_strbuf *sb, const nps_questionnaire *q)
{
    size_t n = nps_questionnaire_category_count(q);
    for (size_t i = 0; i < n; i++)
        nps_strbuf_addf(sb, "%s%s", i ? "・" : "", nps_questionnaire_category_at(q, i)->name);
    return n;
}

size_t nps_wording_themes(nps_strbuf *sb, const nps_questionnaire *q, size_t cap)
{
    size_t n = nps_questionnaire_theme_count(q);
    for (size_t i = 0; i < n && i < cap; i++)
        nps_strbuf_addf(sb, "%s%s", i ? "・" : "", nps_questionnaire_theme_at(q, i)->name);
    if (n > cap)
        nps_strbuf_add(sb, "など");
    return n;
}

/* ---- themes ------------------------------------------------------------ */

/* A question label without the form's footnote marks （＊） and its closing 。. */
static void label_without_marks(nps_strbuf *sb, const char *label)
{
    const char *mark = "（＊）", *hit;
    const char *stop = "。";
    size_t n;
    while ((hit = strstr(label, mark)) != NULL) {
        nps_strbuf_addn(sb, label, (size_t)(hit - label));
        label = hit + strlen(mark);
    }
    n = strlen(label); /* a closing 。 is dropped inside 「」 */
    if (n >= strlen(stop) && strcmp(label + n - strlen(stop), stop) == 0)
        n -= strlen(stop);
    nps_strbuf_addn(sb, label, n);
}

size_t nps_wording_theme_questions(nps_strbuf *sb, const nps_questionnaire *q)
{
    const nps_number_list *list = &nps_questionnaire_settings(q)->theme_questions;
    size_t written = 0;
    for (size_t i = 0; i < list->n; i++) {
        const nps_question *qu = nps_questionnaire_question(q, list->numbers[i]);
        size_t items = 0;
        if (!qu)
            continue;
        nps_strbuf_addf(sb, "%sQ%d は「", written ? "、" : "", qu->number);
        label_without_marks(sb, qu->label);
        nps_strbuf_add(sb, "」");
        for (size_t f = 0; qu->type == NPS_Q_GROUP && f < qu->n_fields; f++) {
            if (qu->fields[f]->type != NPS_F_TEXT)
                continue;
            nps_strbuf_addf(sb, "%s%s", items ? "、" : "（", qu->fields[f]->label);
            items++;
        }
        if (items)
            nps_strbuf_addf(sb, "の%zu項目）", items);
        written++;
    }
    if (written)
        nps_strbuf_add(sb, "と尋ねた。");
    return written;
}

bool nps_wording_theme_exclusion(nps_strbuf *sb, const nps_questionnaire *q)
{
    const char *best = NULL;
    for (size_t i = 0; i < nps_questionnaire_theme_count(q); i++) {
        const nps_theme *t = nps_questionnaire_theme_at(q, i);
        for (size_t k = 0; k < t->n_keywords; k++)
            if (t->keywords[k][0] == '!' && t->keywords[k][1] &&
                (!best || strlen(t->keywords[k] + 1) < strlen(best)))
                best = t->keywords[k] + 1; /* the shortest: the clearest example */
    }
    if (best)
        nps_strbuf_addf(sb, "「%s」", best);
    return best != NULL;
}


/* Characters of a UTF-8 string. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The shortest quote of theme i with at least 8 characters (the first of
 * equals), or NULL. */
static const char *example_quote(const nps_themes *th, size_t i)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t k = 0; k < nps_themes_quote_count(th, i); k++) {
        const nps_theme_text *t = nps_themes_quote_at(th, i, k);
        size_t n = t && t->text ? chars(t->text) : 0;
        if (n >= 8 && n <= 80 && (!best || n < best_n)) {
            best = t->text;
            best_n = n;
        }
    }
    return best;
}

void nps_wording_theme_paragraph(nps_strbuf *sb, const nps_themes *th, size_t i)
{
    long orgs = nps_themes_org_count(th, i), texts = nps_themes_text_count(th, i);
    long base = nps_themes_respondents(th);
    const char *ex;
    char *share;
    if (orgs == 0) {
        nps_strbuf_addf(sb, "「%s」に当たる記述はなかった。", nps_themes_name(th, i));
        return;
    }
    share = nps_commentary_amount(orgs, base);
    nps_strbuf_addf(sb, "「%s」に当たる記述は%ld件で、%ld団体が挙げた（記述のあった%ld団体の%s）。",
                    nps_themes_name(th, i), texts, orgs, base, share ? share : "");
    if (!share)
        sb->failed = true;
    nps_free(share);
    if ((ex = example_quote(th, i)) != NULL)
        nps_strbuf_addf(sb, "例えば「%s」という記述がある。", ex);
}
