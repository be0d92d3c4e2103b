/*
 * questionnaire.h — what was asked: questions, their fields, option lists,
 * numeric bins, the trouble categories and the free-text themes.
 *
 * Loaded from spreadsheet-editable CSV files (see questionnaire/README.md):
 *   survey.csv    number,item,type,list,bins,unit,personal,label,title[,figure,chart]
 *   choices.csv   list_name,name,label,role
 *   bins.csv      bin_set,label,interval
 *   troubles.csv  category,trouble
 *   themes.csv    theme,keyword
 *   settings.csv  key,value
 * The default set is embedded in the binary at build time.
 *
 * Model. A question (Q1..Q39) has one or more fields. A field is the unit of
 * coded data: one column of the dataset. Single-field questions (text,
 * select_one, select_multiple, number, rating) have exactly one field with
 * item_index 0; matrix questions have one select_one field per row and group
 * questions one field per item, both with item_index 1..n.
 *
 * Invariants after a successful load: every referenced list and bin set
 * exists; bins of a set are ordered, contiguous and non-overlapping; each
 * list has at most NPS_MAX_OPTIONS options and at most one "other" option;
 * every trouble names a row of the troubles question and each row but the
 * question's own その他 belongs to exactly one category.
 *
 * Ownership: nps_questionnaire owns everything reachable from it; pointers
 * returned by accessors live until nps_questionnaire_free().
 */
#ifndef NPS_QUESTIONNAIRE_H
#define NPS_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/error.h"
#include "npo-survey/questionnaire.h"

#define NPS_MAX_OPTIONS 64 /* multiple choice is a 64-bit set */


typedef enum nps_qtype {
    NPS_Q_TEXT,
    NPS_Q_SELECT_ONE,
    NPS_Q_SELECT_MULTIPLE,
    NPS_Q_MATRIX,   /* rows, each a select_one over the question's list */
    NPS_Q_NUMBER,   /* one numeric field with bins */
    NPS_Q_RATING,   /* 1..10 stars */
    NPS_Q_GROUP     /* several fields of their own types (Q13, Q21, Q31 ...) */
} nps_qtype;

typedef enum nps_ftype {
    NPS_F_TEXT,
    NPS_F_SELECT_ONE,
    NPS_F_SELECT_MULTIPLE,
    NPS_F_NUMBER,
    NPS_F_RATING
} nps_ftype;

typedef enum nps_unit {
    NPS_UNIT_NONE,
    NPS_UNIT_COUNT,   /* people, rooms: 人 名 件 部屋; ranges round half up */
    NPS_UNIT_PERCENT, /* %, ％, N割 */
    NPS_UNIT_AREA,    /* ㎡ m2 平米; 坪 converted (1坪 = 400/121 ㎡) */
    NPS_UNIT_AVERAGE  /* an average count: fractions kept */
} nps_unit;

typedef enum nps_personal {
    NPS_PERSONAL_NONE,
    NPS_PERSONAL_NAME,
    NPS_PERSONAL_ORGANISATION,
    NPS_PERSONAL_EMAIL,
    NPS_PERSONAL_PHONE
} nps_personal;

typedef enum nps_option_role {
    NPS_OPTION_PLAIN,
    NPS_OPTION_OTHER,     /* receives write-ins */
    NPS_OPTION_EXCLUSIVE  /* "none applies" */
} nps_option_role;

typedef enum nps_bin_kind {
    NPS_BIN_INTERVAL,
    NPS_BIN_OTHER,      /* an answer that is not a number of this unit */
    NPS_BIN_UNKNOWN     /* 不明 / わからない stated as such */
} nps_bin_kind;

typedef struct nps_option {
    const char *label;      /* verbatim, UTF-8 */
    const char *name;       /* short id from choices.csv */
    nps_option_role role;
} nps_option;

typedef struct nps_list {
    const char *name;
    size_t n_options;
    const nps_option *options; /* option_index i (1-based) is options[i-1] */
} nps_list;

typedef struct nps_bin {
    const char *label;
    nps_bin_kind kind;
    double low, high;       /* NAN for an open end */
    bool low_closed, high_closed;
} nps_bin;

typedef struct nps_binset {
    const char *name;
    size_t n_bins;
    const nps_bin *bins;
} nps_binset;

typedef struct nps_field {
    int question;           /* form number, e.g. 13 */
    int item_index;         /* 0 for single-field questions, else 1-based */
    nps_ftype type;
    const char *label;      /* row/item label; for single-field = question label */
    const nps_list *list;   /* select fields; NULL otherwise */
    const nps_binset *bins; /* number fields; NULL otherwise */
    nps_unit unit;
    nps_personal personal;
    size_t column;          /* index of this field in the dataset (0-based) */
} nps_field;

typedef struct nps_question {
    int number;
    nps_qtype type;
    const char *label;      /* verbatim form text */
    const char *title;      /* short caption, e.g. 「…」を対象とした事業の内容（複数回答） */
    int figure;             /* the published report's figure number (図8 → 8), 0 = none */
    const char *chart;      /* chart kind asked for ("donut", "none"), "" = by type */
    size_t n_fields;
    const nps_field *const *fields;
} nps_question;

typedef struct nps_category {
    const char *name;       /* 人間関係 … */
    size_t n_troubles;
    const int *rows;        /* item indices (1-based) of the troubles question */
} nps_category;

typedef struct nps_theme {
    const char *name;       /* 財政面 … */
    size_t n_keywords;
    const char *const *keywords;
} nps_theme;

/* Load from in-memory file contents (used by the embedded default and the
 * fuzzer). `origin` names the set in diagnostics (e.g. a directory). Each
 * buffer is a whole CSV file; lengths in bytes. */
typedef struct nps_questionnaire_source {
    const char *origin;
    const char *survey;   size_t survey_len;
    const char *choices;  size_t choices_len;
    const char *bins;     size_t bins_len;
    const char *troubles; size_t troubles_len;
    const char *themes;   size_t themes_len;
    const char *settings; size_t settings_len;
    const char *findings; size_t findings_len; /* optional findings.csv (NULL: none) */
} nps_questionnaire_source;
nps_error nps_questionnaire_load_source(const nps_questionnaire_source *src,
                                        nps_questionnaire **out, nps_diag *diag);
/* Check the questionnaire folder `dir` (validate --questionnaire DIR): load
 * it, going on after a problem in one row or file where the rest can still
 * be checked. NPS_OK when it loads; else every problem found is in
 * *problems (an array of *n_problems, owned by the caller: nps_free) and
 * diag holds the first — or, for a folder that cannot be read at all, the
 * reason (then *n_problems is 0). */
nps_error nps_questionnaire_check_dir(const char *dir, nps_diag **problems, size_t *n_problems,
                                      nps_diag *diag);

size_t nps_questionnaire_question_count(const nps_questionnaire *q);
const nps_question *nps_questionnaire_question_at(const nps_questionnaire *q, size_t i);
const nps_question *nps_questionnaire_question(const nps_questionnaire *q, int number);

size_t nps_questionnaire_field_count(const nps_questionnaire *q);
const nps_field *nps_questionnaire_field_at(const nps_questionnaire *q, size_t column);
/* The field of question `number`, item `item_index` (0 for single-field). */
const nps_field *nps_questionnaire_field(const nps_questionnaire *q, int number, int item_index);
/* The field holding a personal datum, or NULL. */
const nps_field *nps_questionnaire_personal_field(const nps_questionnaire *q, nps_personal kind);

/* Trouble categories (in order) and the question they classify. */
int nps_questionnaire_troubles_question(const nps_questionnaire *q);
size_t nps_questionnaire_category_count(const nps_questionnaire *q);
const nps_category *nps_questionnaire_category_at(const nps_questionnaire *q, size_t i);

/* Free-text themes (in order) and the questions coded into them. */
size_t nps_questionnaire_theme_count(const nps_questionnaire *q);
const nps_theme *nps_questionnaire_theme_at(const nps_questionnaire *q, size_t i);

/* settings.csv, parsed and checked once at load (keys in
 * questionnaire/README.md). An unknown or repeated key, a value that is not
 * a question number, a question the survey does not have or one of the
 * wrong type fails the load. A question is 0 and a list empty (n == 0) when
 * its key is absent or its value empty. */
#define NPS_SETTINGS_MAX_NUMBERS 64

typedef struct nps_number_list {
    size_t n;
    int numbers[NPS_SETTINGS_MAX_NUMBERS];
} nps_number_list;

typedef struct nps_settings {
    const char *survey_title;               /* report cover; NULL: absent */
    int troubles_question;                  /* a matrix question, classified by troubles.csv */
    nps_number_list gap_business_questions; /* select_multiple questions of the gap chart */
    int gap_staff_question;                 /* staff counts of the gap population */
    nps_number_list gap_staff_items;        /* items of gap_staff_question summed; empty: all */
    int gap_users_question;                 /* current users, added to the staff */
    nps_number_list theme_questions;        /* free text coded into themes.csv */
    const char *themes_title;               /* the theme chart's title; NULL: absent */
    nps_number_list free_text_questions;    /* listed (masked) in the free-text section */
    int organisation_question;              /* 団体名 */
    int email_question;                     /* e-mail address */
    const char *publisher;                  /* 発行者 (cover, 調査の概要); NULL: absent */
    const char *survey_target;              /* 調査対象 (調査の概要); NULL: the default text */
    const char *survey_method;              /* 調査方法 (調査の概要); NULL: the default text */
} nps_settings;

/* The text of the optional findings.csv (the report's 主な結果 by theme,
 * read by present/findings.c; format in questionnaire/README.md), or NULL. */
const char *nps_questionnaire_findings_csv(const nps_questionnaire *q);

/* The settings of q (all zero when there is no settings.csv). */
const nps_settings *nps_questionnaire_settings(const nps_questionnaire *q);

#endif
