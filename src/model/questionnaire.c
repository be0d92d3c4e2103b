/*
 * questionnaire.c — the questionnaire model (questionnaire.h): building
 * blocks used by the loader (questionnaire_build.h), the accessors and
 * freeing. Reading and validating the CSV files is read/questionnaire_load.c.
 *
 * Invariants of a loaded questionnaire: see questionnaire.h. All strings and
 * arrays are owned by the nps_questionnaire and released by
 * nps_questionnaire_free(); `strings` lists every string to free.
 */
#include <string.h>
#include "base/alloc.h"
#include "model/questionnaire_build.h"

/* ---------- building ---------- */

nps_questionnaire *nps_questionnaire_new(const char *origin)
{
    nps_questionnaire *q = nps_calloc(1, sizeof *q);
    if (q && !(q->origin = nps_strdup(origin ? origin : "questionnaire"))) {
        nps_free(q);
        q = NULL;
    }
    return q;
}

/* Keep a string owned by the questionnaire; returns it (NULL on failure). */
char *nps_questionnaire_own(nps_questionnaire *q, const char *s)
{
    char *c;
    if (nps_grow((void **)&q->strings, &q->strings_cap, q->n_strings + 1,
                 sizeof *q->strings, 256) != NPS_OK)
        return NULL;
    c = nps_strdup(s);
    if (c)
        q->strings[q->n_strings++] = c;
    return c;
}

nps_list *nps_questionnaire_find_list(const nps_questionnaire *q, const char *name)
{
    for (size_t i = 0; i < q->n_lists; i++)
        if (strcmp(q->lists[i].name, name) == 0)
            return &q->lists[i];
    return NULL;
}

nps_binset *nps_questionnaire_find_binset(const nps_questionnaire *q, const char *name)
{
    for (size_t i = 0; i < q->n_binsets; i++)
        if (strcmp(q->binsets[i].name, name) == 0)
            return &q->binsets[i];
    return NULL;
}

nps_error nps_questionnaire_push_field(nps_questionnaire *q, nps_field **out)
{
    if (nps_grow((void **)&q->fields, &q->fields_cap, q->n_fields + 1,
                 sizeof *q->fields, 128) != NPS_OK)
        return NPS_ERR_NOMEM;
    *out = &q->fields[q->n_fields];
    memset(*out, 0, sizeof **out);
    (*out)->column = q->n_fields++;
    return NPS_OK;
}

nps_error nps_questionnaire_push_question(nps_questionnaire *q, nps_question **out)
{
    if (q->n_questions == q->questions_cap) {
        size_t cap = q->questions_cap ? q->questions_cap * 2 : 64;
        nps_question *n = nps_realloc(q->questions, cap * sizeof *n);
        size_t *f;
        if (!n)
            return NPS_ERR_NOMEM;
        q->questions = n;
        f = nps_realloc(q->question_first_field, cap * sizeof *f);
        if (!f)
            return NPS_ERR_NOMEM;
        q->question_first_field = f;
        q->questions_cap = cap;
    }
    *out = &q->questions[q->n_questions];
    memset(*out, 0, sizeof **out);
    q->question_first_field[q->n_questions++] = q->n_fields;
    return NPS_OK;
}

/* ---------- freeing ---------- */

void nps_questionnaire_free(nps_questionnaire *q)
{
    if (!q)
        return;
    nps_free(q->problems);
    for (size_t i = 0; i < q->n_lists; i++)
        nps_free((void *)q->lists[i].options);
    nps_free(q->lists);
    for (size_t i = 0; i < q->n_binsets; i++)
        nps_free((void *)q->binsets[i].bins);
    nps_free(q->binsets);
    nps_free(q->fields);
    nps_free(q->questions);
    nps_free(q->question_first_field);
    nps_free(q->field_ptrs);
    for (size_t i = 0; i < q->n_categories; i++)
        nps_free((void *)q->categories[i].rows);
    nps_free(q->categories);
    for (size_t i = 0; i < q->n_themes; i++)
        nps_free((void *)q->themes[i].keywords);
    nps_free(q->themes);
    for (size_t i = 0; i < q->n_strings; i++)
        nps_free(q->strings[i]);
    nps_free(q->strings);
    nps_free(q->origin);
    nps_free(q);
}

/* ---------- accessors ---------- */

size_t nps_questionnaire_question_count(const nps_questionnaire *q) { return q->n_questions; }

const nps_question *nps_questionnaire_question_at(const nps_questionnaire *q, size_t i)
{
    return i < q->n_questions ? &q->questions[i] : NULL;
}

const nps_question *nps_questionnaire_question(const nps_questionnaire *q, int number)
{
    for (size_t i = 0; i < q->n_questions; i++)
        if (q->questions[i].number == number)
            return &q->questions[i];
    return NULL;
}

size_t nps_questionnaire_field_count(const nps_questionnaire *q) { return q->n_fields; }

const nps_field *nps_questionnaire_field_at(const nps_questionnaire *q, size_t column)
{
    return column < q->n_fields ? &q->fields[column] : NULL;
}

const nps_field *nps_questionnaire_field(const nps_questionnaire *q, int number, int item_index)
{
    const nps_question *qu = nps_questionnaire_question(q, number);
    if (!qu || !qu->fields)
        return NULL;
    for (size_t i = 0; i < qu->n_fields; i++)
        if (qu->fields[i]->item_index == item_index)
            return qu->fields[i];
    return NULL;
}

const nps_field *nps_questionnaire_personal_field(const nps_questionnaire *q, nps_personal kind)
{
    for (size_t i = 0; i < q->n_fields; i++)
        if (q->fields[i].personal == kind && kind != NPS_PERSONAL_NONE)
            return &q->fields[i];
    return NULL;
}

int nps_questionnaire_troubles_question(const nps_questionnaire *q) { return q->troubles_question; }
size_t nps_questionnaire_category_count(const nps_questionnaire *q) { return q->n_categories; }

const nps_category *nps_questionnaire_category_at(const nps_questionnaire *q, size_t i)
{
    return i < q->n_categories ? &q->categories[i] : NULL;
}

size_t nps_questionnaire_theme_count(const nps_questionnaire *q) { return q->n_themes; }

const nps_theme *nps_questionnaire_theme_at(const nps_questionnaire *q, size_t i)
{
    return i < q->n_themes ? &q->themes[i] : NULL;
}

const nps_settings *nps_questionnaire_settings(const nps_questionnaire *q) { return &q->settings; }

const char *nps_questionnaire_findings_csv(const nps_questionnaire *q) { return q->findings_csv; }
