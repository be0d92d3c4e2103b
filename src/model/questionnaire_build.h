/*
 * questionnaire_build.h — the inside of nps_questionnaire, for the code that
 * builds one (the loader, read/questionnaire_load.c) and for the model itself.
 * Nothing else includes this: readers of a questionnaire use the accessors of
 * questionnaire.h.
 *
 * Building: nps_questionnaire_new(), then lists, bin sets, questions and
 * fields are appended; every string the model keeps is copied through
 * nps_questionnaire_own(). Arrays grow by realloc while building, so a
 * pointer into fields/questions is only stable once the load is finished
 * (field_ptrs and questions[i].fields are set last, by the loader).
 *
 * Ownership: everything reachable from the struct is freed by
 * nps_questionnaire_free(), including a half-built questionnaire.
 */
#ifndef NPS_QUESTIONNAIRE_BUILD_H
#define NPS_QUESTIONNAIRE_BUILD_H

#include "model/questionnaire.h"

struct nps_questionnaire {
    char *origin;
    size_t n_lists;
    nps_list *lists;
    size_t n_binsets;
    nps_binset *binsets;
    size_t n_fields, fields_cap;
    nps_field *fields;
    size_t n_questions, questions_cap;
    nps_question *questions;
    size_t *question_first_field;  /* index into fields */
    const nps_field **field_ptrs;  /* questions[i].fields point into this */
    int troubles_question;
    size_t n_categories;
    nps_category *categories;
    size_t n_themes;
    nps_theme *themes;
    nps_settings settings;         /* survey_title is one of `strings` */
    const char *findings_csv;      /* findings.csv verbatim (one of `strings`), NULL: none */
    char **strings;
    size_t n_strings, strings_cap;
    /* Checking a questionnaire (validate --questionnaire DIR): the loader
     * records each problem here and goes on where it can. */
    bool collect;
    nps_diag *problems;
    size_t n_problems, problems_cap;
};

/* A new, empty questionnaire named `origin` in diagnostics (NULL: "questionnaire"). */
nps_questionnaire *nps_questionnaire_new(const char *origin);

/* Keep a copy of `s` owned by the questionnaire; returns it (NULL on failure). */
char *nps_questionnaire_own(nps_questionnaire *q, const char *s);

/* The list / bin set of that name, or NULL. */
nps_list *nps_questionnaire_find_list(const nps_questionnaire *q, const char *name);
nps_binset *nps_questionnaire_find_binset(const nps_questionnaire *q, const char *name);

/* Append a zeroed field (its column set) / question (its first field noted). */
nps_error nps_questionnaire_push_field(nps_questionnaire *q, nps_field **out);
nps_error nps_questionnaire_push_question(nps_questionnaire *q, nps_question **out);

#endif
