/*
 * settings_load.c — settings.csv parsed once, at load, into nps_settings
 * (model/questionnaire.h; the keys are documented in questionnaire/README.md).
 *
 * Every key has a kind: a text, one question number, a list of question
 * numbers, or a list of item numbers of another setting's question. A value
 * is checked as it is read: a whole number 1–999, a question the survey has
 * (survey.csv is loaded first), listed once, of the kind its use needs
 * (setting_use below; the rules are in questionnaire/README.md, settings).
 * Item lists are checked after every row is read, since the question they
 * belong to may come later in the file. An empty value leaves the setting
 * unset. Each message says what the question is and what would fit, and
 * the hint what to write instead.
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

/* What a setting's questions are used for, hence what they must be. */
typedef enum setting_use {
    USE_ANY,
    USE_TROUBLES,      /* a matrix over the five handling states, at most 64 rows */
    USE_BUSINESSES,    /* select_multiple */
    USE_NUMBERS,       /* a number question or a group with number items */
    USE_THEMES,        /* has a text field that is not personal data */
    USE_FREE_TEXT,     /* has such a text field, or a choice with an その他 write-in */
    USE_ORGANISATION,  /* the text question survey.csv marks personal=organisation */
    USE_EMAIL          /* the text question survey.csv marks personal=email */
} setting_use;

typedef struct setting_def {
    const char *key;
    setting_kind kind;
    setting_use use;
    size_t offset;     /* of the value in nps_settings */
} setting_def;

#define AT(field) offsetof(nps_settings, field)

static const setting_def DEFS[] = {
    {"survey_title", SETTING_TEXT, USE_ANY, AT(survey_title)},
    {"troubles_question", SETTING_QUESTION, USE_TROUBLES, AT(troubles_question)},
    {"gap_business_questions", SETTING_QUESTIONS, USE_BUSINESSES, AT(gap_business_questions)},
    {"gap_staff_question", SETTING_QUESTION, USE_NUMBERS, AT(gap_staff_question)},
    {"gap_staff_items", SETTING_ITEMS, USE_ANY, AT(gap_staff_items)},
    {"gap_users_question", SETTING_QUESTION, USE_NUMBERS, AT(gap_users_question)},
    {"theme_questions", SETTING_QUESTIONS, USE_THEMES, AT(theme_questions)},
    {"themes_title", SETTING_TEXT, USE_ANY, AT(themes_title)},
    {"free_text_questions", SETTING_QUESTIONS, USE_FREE_TEXT, AT(free_text_questions)},
    {"organisation_question", SETTING_QUESTION, USE_ORGANISATION, AT(organisation_question)},
    {"email_question", SETTING_QUESTION, USE_EMAIL, AT(email_question)},
    {"publisher", SETTING_TEXT, USE_ANY, AT(publisher)},
    {"survey_target", SETTING_TEXT, USE_ANY, AT(survey_target)},
    {"survey_method", SETTING_TEXT, USE_ANY, AT(survey_method)},
};
#define N_DEFS (sizeof DEFS / sizeof DEFS[0])

/* The flows read answers 1–5 as the five handling states (docs/analysis.md). */
#define TROUBLE_STATES 5
#define TROUBLE_ROWS_MAX 64

static const char *qtype_name(nps_qtype type)
{
    static const char *const names[] = {"text", "select_one", "select_multiple", "matrix",
                                        "number", "rating", "group"};
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "?";
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

/* Does qu have a field of type `type` that is not personal data? */
static bool has_field(const nps_question *qu, nps_ftype type)
{
    for (size_t i = 0; i < qu->n_fields; i++)
        if (qu->fields[i]->type == type && qu->fields[i]->personal == NPS_PERSONAL_NONE)
            return true;
    return false;
}

/* Does qu have a choice field whose list has an "other" option? */
static bool has_write_in(const nps_question *qu)
{
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_list *l = qu->fields[i]->list;
        for (size_t k = 0; l && k < l->n_options; k++)
            if (l->options[k].role == NPS_OPTION_OTHER)
                return true;
    }
    return false;
}

typedef struct setting_at {   /* where a value is being checked */
    const setting_def *d;
    const nps_sheet *s;
    const nps_sheet_row *r;
} setting_at;

/* "key: Qn is a <type> question<what>" with a hint. */
static nps_error wrong_kind(const setting_at *at, const nps_question *qu, const char *what,
                            const char *hint, nps_diag *diag)
{
    nps_error err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, at->s->file, at->r->line,
                                 "%s: Q%d is a %s question%s", at->d->key, qu->number,
                                 qtype_name(qu->type), nps_diag_text(what));
    nps_diag_hint(diag, "%s", hint);
    return err;
}

static nps_error check_troubles(const setting_at *at, const nps_question *qu, nps_diag *diag)
{
    const nps_list *l = qu->n_fields ? qu->fields[0]->list : NULL;
    if (qu->type != NPS_Q_MATRIX)
        return wrong_kind(at, qu, ", not a matrix question",
                          "name the matrix whose rows are the troubles of troubles.csv", diag);
    if (!l || l->n_options != TROUBLE_STATES) {
        nps_error err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, at->s->file, at->r->line,
                                     "%s: Q%d's list \"%s\" has %zu options; the response flows need the "
                                     "%d handling states", at->d->key, qu->number, l ? l->name : "",
                                     l ? l->n_options : (size_t)0, TROUBLE_STATES);
        nps_diag_hint(diag, "the list must run 1 handled alone, 2 with partners, 3 working on it, "
                            "4 no plan, 5 none known (list \"handling\" of the 2023 survey)");
        return err;
    }
    if (qu->n_fields > TROUBLE_ROWS_MAX)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, at->s->file, at->r->line,
                            "%s: Q%d has %zu rows; the flows take at most %d troubles", at->d->key,
                            qu->number, qu->n_fields, TROUBLE_ROWS_MAX);
    return NPS_OK;
}

/* Is qu the text question survey.csv marks with `kind`? */
static nps_error check_personal(const setting_at *at, const nps_question *qu, const nps_questionnaire *q,
                                nps_personal kind, const char *name, nps_diag *diag)
{
    const nps_field *f = nps_questionnaire_personal_field(q, kind);
    nps_error err = NPS_OK;
    if (qu->type != NPS_Q_TEXT) {
        err = wrong_kind(at, qu, ", not a text question", "", diag);
        nps_diag_hint(diag, "name the text question that asks for the %s", name);
    } else if (!f || f->question != qu->number) {
        err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, at->s->file, at->r->line,
                           "%s: Q%d is not marked personal=%s in survey.csv", at->d->key, qu->number,
                           kind == NPS_PERSONAL_EMAIL ? "email" : "organisation");
        if (f)
            nps_diag_hint(diag, "survey.csv marks Q%d as the %s: write %d here, or move the mark",
                          f->question, name, f->question);
        else
            nps_diag_hint(diag, "mark the question that asks for the %s in survey.csv's personal column", name);
    }
    return err;
}

/* Listed as text, qu holds personal data: never quoted, never coded. */
static nps_error personal_text(const setting_at *at, const nps_question *qu, nps_diag *diag)
{
    for (size_t i = 0; i < qu->n_fields; i++)
        if (qu->fields[i]->personal != NPS_PERSONAL_NONE) {
            nps_error err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, at->s->file, at->r->line,
                                         "%s: Q%d holds personal data (survey.csv personal column), "
                                         "which no output ever shows", at->d->key, qu->number);
            nps_diag_hint(diag, "remove %d from the list", qu->number);
            return err;
        }
    return NPS_OK;
}

/* What the use of d needs of question qu. */
static nps_error check_use(const setting_at *at, const nps_question *qu, const nps_questionnaire *q,
                           nps_diag *diag)
{
    switch (at->d->use) {
    case USE_TROUBLES:
        return check_troubles(at, qu, diag);
    case USE_BUSINESSES:
        if (qu->type != NPS_Q_SELECT_MULTIPLE)
            return wrong_kind(at, qu, ", not a select_multiple question",
                              "list the multiple-choice questions whose options are businesses", diag);
        break;
    case USE_NUMBERS:
        if ((qu->type != NPS_Q_NUMBER && qu->type != NPS_Q_GROUP) || !has_field(qu, NPS_F_NUMBER))
            return wrong_kind(at, qu, " without a number field",
                              "name a number question, or a group with number items: the gap chart "
                              "adds up people", diag);
        break;
    case USE_THEMES:
        if (personal_text(at, qu, diag) != NPS_OK)
            return NPS_ERR_QUESTIONNAIRE;
        if (!has_field(qu, NPS_F_TEXT))
            return wrong_kind(at, qu, " without a text field",
                              "themes are coded from written answers: name text questions or groups "
                              "with text items", diag);
        break;
    case USE_FREE_TEXT:
        if (personal_text(at, qu, diag) != NPS_OK)
            return NPS_ERR_QUESTIONNAIRE;
        if (!has_field(qu, NPS_F_TEXT) && !has_write_in(qu))
            return wrong_kind(at, qu, " with neither a text field nor an その他 write-in",
                              "name text questions, groups with text items, or choice questions whose "
                              "list has an option of role other: nothing else has text to list", diag);
        break;
    case USE_ORGANISATION:
        return check_personal(at, qu, q, NPS_PERSONAL_ORGANISATION, "organisation's name", diag);
    case USE_EMAIL:
        return check_personal(at, qu, q, NPS_PERSONAL_EMAIL, "e-mail address", diag);
    case USE_ANY:
        break;
    }
    return NPS_OK;
}

/* A question number of `d` is one the survey has, of the kind its use needs. */
static nps_error check_question(const nps_questionnaire *q, const setting_def *d, int number,
                                const nps_sheet *s, const nps_sheet_row *r, nps_diag *diag)
{
    const nps_question *qu = nps_questionnaire_question(q, number);
    setting_at at = {d, s, r};
    if (!qu)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "%s: the survey has no question %d (not in survey.csv)", d->key, number);
    return check_use(&at, qu, q, diag);
}

/* A list names each question once. */
static nps_error check_once(const setting_def *d, const nps_number_list *l, const nps_sheet *s,
                            const nps_sheet_row *r, nps_diag *diag)
{
    for (size_t i = 1; i < l->n; i++)
        for (size_t k = 0; k < i; k++)
            if (l->numbers[k] == l->numbers[i])
                return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                    "%s: %d is listed twice", d->key, l->numbers[i]);
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
        err = check_once(d, l, s, r, diag);
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
    for (size_t i = 0; i < items->n; i++) {
        const nps_field *f = nps_questionnaire_field(q, question, items->numbers[i]);
        if (!f)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, line,
                                "gap_staff_items: Q%d has no item %d", question, items->numbers[i]);
        if (f->type != NPS_F_NUMBER) {
            nps_error err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, line,
                                         "gap_staff_items: item %d of Q%d is not a number field",
                                         items->numbers[i], question);
            nps_diag_hint(diag, "list only the number items of Q%d whose people are added up", question);
            return err;
        }
    }
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
