/*
 * settings_load.c — settings.csv parsed once, at load, into nps_settings
 * (model/questionnaire.h; the keys are documented in questionnaire/README.md).
 *
 * Every key has a kind: a text, one question number, a list of question
 * numbers, or a list of item numbers of another setting's question. A value
 * is checked as it is read: a whole number 1–999, a question the survey has
 * (survey.csv is loaded first), of the type its use needs (the troubles
 * question is a matrix, the gap's businesses are select_multiple). Item
 * lists are checked after every row is read, since the question they belong
 * to may come later in the file. An empty value leaves the setting unset.
 * The first problem stops the load: settings.csv, its line, the key and the
 * value. Unknown keys are errors too (a typo would otherwise silently turn
 * a chart or a section off); the hint lists the known keys.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read/settings_load.h"

typedef enum setting_kind {
    SETTING_TEXT,      /* const char * */
    SETTING_QUESTION,  /* int */
    SETTING_QUESTIONS, /* nps_number_list of question numbers */
    SETTING_ITEMS      /* nps_number_list of items of the question `items_of` */
} setting_kind;

typedef struct setting_def {
    const char *key;
    setting_kind kind;
    int need;          /* the nps_qtype its questions must have; -1: any */
    size_t offset;     /* of the value in nps_settings */
} setting_def;

#define AT(field) offsetof(nps_settings, field)

static const setting_def DEFS[] = {
    {"survey_title", SETTING_TEXT, -1, AT(survey_title)},
    {"troubles_question", SETTING_QUESTION, NPS_Q_MATRIX, AT(troubles_question)},
    {"gap_business_questions", SETTING_QUESTIONS, NPS_Q_SELECT_MULTIPLE, AT(gap_business_questions)},
    {"gap_staff_question", SETTING_QUESTION, -1, AT(gap_staff_question)},
    {"gap_staff_items", SETTING_ITEMS, -1, AT(gap_staff_items)},
    {"gap_users_question", SETTING_QUESTION, -1, AT(gap_users_question)},
    {"theme_questions", SETTING_QUESTIONS, -1, AT(theme_questions)},
    {"themes_title", SETTING_TEXT, -1, AT(themes_title)},
    {"free_text_questions", SETTING_QUESTIONS, -1, AT(free_text_questions)},
    {"organisation_question", SETTING_QUESTION, -1, AT(organisation_question)},
    {"email_question", SETTING_QUESTION, -1, AT(email_question)},
};
#define N_DEFS (sizeof DEFS / sizeof DEFS[0])

static const char *qtype_name(int type)
{
    return type == NPS_Q_MATRIX ? "matrix" : type == NPS_Q_SELECT_MULTIPLE ? "select_multiple" : "?";
}

static const setting_def *find_def(const char *key)
{
    for (size_t i = 0; i < N_DEFS; i++)
        if (strcmp(DEFS[i].key, key) == 0)
            return &DEFS[i];
    return NULL;
}

static nps_error unknown_key(const nps_sheet *s, const nps_sheet_row *r, const char *key,
                             nps_diag *diag)
{
    char known[256] = "";
    size_t len = 0;
    nps_error err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                 "unknown key \"%s\"", key);
    for (size_t i = 0; i < N_DEFS && len < sizeof known; i++) {
        int n = snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "", DEFS[i].key);
        len += n > 0 ? (size_t)n : 0;
    }
    nps_diag_hint(diag, "known keys: %s", known);
    return err;
}

/* One number of a value: decimal digits only, 1–999. */
static bool parse_number(const char *tok, size_t len, int *out)
{
    long v = 0;
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (tok[i] < '0' || tok[i] > '9')
            return false;
        v = v * 10 + (tok[i] - '0');
        if (v > 999)
            return false;
    }
    if (v < 1)
        return false;
    *out = (int)v;
    return true;
}

/* A question number of `d` is one the survey has, of the type it needs. */
static nps_error check_question(const nps_questionnaire *q, const setting_def *d, int number,
                                const nps_sheet *s, const nps_sheet_row *r, nps_diag *diag)
{
    const nps_question *qu = nps_questionnaire_question(q, number);
    if (!qu)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "%s: the survey has no question %d (not in survey.csv)", d->key, number);
    if (d->need >= 0 && (int)qu->type != d->need)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "%s: Q%d is not a %s question", d->key, number, qtype_name(d->need));
    return NPS_OK;
}

/* The numbers of `value` (separated by spaces) into `out` (at most `max`):
 * returns how many, or -1 after setting diag. */
static long parse_numbers(const setting_def *d, const char *value, int *out, size_t max,
                          const nps_sheet *s, const nps_sheet_row *r, nps_diag *diag)
{
    size_t n = 0;
    const char *p = value;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " \t");
        int v;
        if (!parse_number(p, len, &v)) {
            nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                         "%s: \"%.*s\" is not a whole number 1–999 (value \"%s\")", d->key,
                         (int)len, p, value);
            return -1;
        }
        if (n == max) {
            nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                         "%s: more than %zu numbers", d->key, max);
            return -1;
        }
        out[n++] = v;
        p += len;
    }
    return (long)n;
}

static nps_error set_value(nps_questionnaire *q, const setting_def *d, const char *value,
                           const nps_sheet *s, const nps_sheet_row *r, nps_diag *diag)
{
    char *at = (char *)&q->settings + d->offset;
    nps_error err = NPS_OK;
    nps_number_list one;
    long n;
    switch (d->kind) {
    case SETTING_TEXT:
        if (!(*(const char **)at = nps_questionnaire_own(q, value)))
            err = NPS_ERR_NOMEM;
        break;
    case SETTING_QUESTION:
        if ((n = parse_numbers(d, value, one.numbers, NPS_SETTINGS_MAX_NUMBERS, s, r, diag)) < 0)
            err = NPS_ERR_QUESTIONNAIRE;
        else if (n > 1)
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                               "%s: one question number expected (value \"%s\")", d->key, value);
        else if (n == 1 && (err = check_question(q, d, one.numbers[0], s, r, diag)) == NPS_OK)
            *(int *)at = one.numbers[0];
        break;
    case SETTING_QUESTIONS:
    case SETTING_ITEMS: {
        nps_number_list *l = (nps_number_list *)(void *)at;
        if ((n = parse_numbers(d, value, l->numbers, NPS_SETTINGS_MAX_NUMBERS, s, r, diag)) < 0)
            return NPS_ERR_QUESTIONNAIRE;
        l->n = (size_t)n;
        for (size_t i = 0; d->kind == SETTING_QUESTIONS && i < l->n && err == NPS_OK; i++)
            err = check_question(q, d, l->numbers[i], s, r, diag);
        break;
    }
    }
    return err;
}

/* Items of the gap staff question, once every row is read. */
static nps_error check_items(const nps_questionnaire *q, const nps_sheet *s, long line,
                             nps_diag *diag)
{
    const nps_number_list *items = &q->settings.gap_staff_items;
    int question = q->settings.gap_staff_question;
    if (items->n == 0)
        return NPS_OK;
    if (!question)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, line,
                            "gap_staff_items: items of no question (gap_staff_question is not set)");
    for (size_t i = 0; i < items->n; i++)
        if (!nps_questionnaire_field(q, question, items->numbers[i]))
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, line,
                                "gap_staff_items: Q%d has no item %d", question, items->numbers[i]);
    return NPS_OK;
}

/* A cell right of the header's columns is a list typed with commas ("6,7"). */
static nps_error check_extra_cells(const nps_sheet *s, const nps_sheet_row *r,
                                   const setting_def *d, nps_diag *diag)
{
    for (size_t i = s->n_header; i < r->n; i++)
        if (*r->cells[i])
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "%s: an extra cell \"%s\" (separate numbers with spaces, "
                                "quote a title that holds a comma)", d->key, r->cells[i]);
    return NPS_OK;
}

nps_error nps_settings_load(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"key", "value"};
    int cols[2];
    long lines[N_DEFS] = {0}; /* where each key was set */
    nps_error err = nps_sheet_require(s, names, cols, 2, diag);
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++) {
        const nps_sheet_row *r = &s->rows[i];
        const char *key = nps_sheet_cell(r, cols[0]);
        const setting_def *d = find_def(key);
        if (!*key)
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "empty key");
        else if (!d)
            err = unknown_key(s, r, key, diag);
        else if (lines[d - DEFS])
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                               "duplicate key \"%s\" (first on line %ld)", key, lines[d - DEFS]);
        else if ((err = check_extra_cells(s, r, d, diag)) != NPS_OK)
            break;
        else {
            lines[d - DEFS] = r->line;
            err = set_value(q, d, nps_sheet_cell(r, cols[1]), s, r, diag);
        }
    }
    if (err == NPS_OK)
        err = check_items(q, s, lines[find_def("gap_staff_items") - DEFS], diag);
    return err;
}
