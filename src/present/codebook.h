/*
 * codebook.h — the naming and coding scheme of the data handed on
 * (docs/export.md): which variables a questionnaire gives, their names,
 * labels, types, measurement levels and value labels, and the value of
 * each variable for one organisation. Plain data: the .sav / .dta / .csv
 * writers (src/report/data/), codebook.csv and the workbook's 回答データ
 * and コードブック sheets all read this one scheme, so they agree.
 *
 * Variables, in questionnaire order after the two of every row:
 *   id                      the pseudonymous organisation id (R001 …)
 *   date                    the answer date, yyyy-mm-dd
 *   q<n> / q<n>_<i>         a field (item i of a group or matrix row i):
 *                           select_one / matrix row: the option code 1..k;
 *                           rating: the stars 1..10; number: the parsed
 *                           number; text: the masked text
 *   <field>_<k>             select_multiple: option k selected (1) or not (0)
 *   <field>_other           the masked "other" write-in of a select field
 *   <field>_bin             number: the bin 1..k
 * Personal fields (Q1–Q4) have no variable.
 *
 * Invariants after nps_codebook_build: every name is ASCII, starts with a
 * lower-case letter, holds only [a-z0-9_], is at most NPS_CB_NAME_MAX bytes,
 * is no reserved word of SPSS or Stata, and no two names are equal when
 * compared case-insensitively (a collision gets a suffix _2, _3 …). Labels
 * are the full texts (the writers cut them to their format's limits).
 * No answer is "missing" (never 0): a skipped multiple choice is missing in
 * every 0/1 variable, 0 means answered without that option.
 *
 * Ownership: nps_codebook owns its variables, their labels and value
 * arrays; value labels and fields are borrowed from the questionnaire,
 * which must outlive the codebook. A cell's text belongs to the caller.
 */
#ifndef NPS_CODEBOOK_H
#define NPS_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "analyse/publish.h"
#include "model/questionnaire.h"

/* SPSS allows 64 bytes, Stata 32: the smaller. */
#define NPS_CB_NAME_MAX 32

typedef enum nps_cb_role {
    NPS_CB_ID,       /* string */
    NPS_CB_DATE,     /* string yyyy-mm-dd */
    NPS_CB_CHOICE,   /* numeric 1..k, value labels */
    NPS_CB_RATING,   /* numeric 1..10 */
    NPS_CB_OPTION,   /* numeric 0/1, value labels 非選択/選択 */
    NPS_CB_WRITEIN,  /* string, masked */
    NPS_CB_NUMBER,   /* numeric */
    NPS_CB_BIN,      /* numeric 1..k, value labels */
    NPS_CB_TEXT      /* string, masked */
} nps_cb_role;

typedef enum nps_cb_measure {
    NPS_CB_NOMINAL,
    NPS_CB_ORDINAL,
    NPS_CB_SCALE
} nps_cb_measure;

typedef struct nps_cb_value {
    int code;
    const char *label;       /* borrowed (questionnaire or static) */
} nps_cb_value;

/* A set of value labels, shared by every variable with the same values. */
typedef struct nps_cb_value_set {
    const char *name;        /* the name of the first variable using it */
    size_t n_values;
    const nps_cb_value *values;
} nps_cb_value_set;

typedef struct nps_cb_var {
    char name[NPS_CB_NAME_MAX + 1];
    const char *label;       /* the full variable label */
    nps_cb_role role;
    nps_cb_measure measure;
    bool is_string;
    const nps_field *field;  /* NULL for id and date */
    int option;              /* NPS_CB_OPTION: the 1-based option; else 0 */
    const char *source;      /* the export column it comes from: "Q13-2", "" for id/date */
    const nps_cb_value_set *values; /* NULL: no value labels */
} nps_cb_var;

typedef struct nps_codebook nps_codebook;

/* The scheme of questionnaire q. *out owned by the caller
 * (nps_codebook_free). NPS_ERR_NOMEM on allocation failure. */
nps_error nps_codebook_build(const nps_questionnaire *q, nps_codebook **out);
void nps_codebook_free(nps_codebook *cb);

size_t nps_codebook_count(const nps_codebook *cb);
const nps_cb_var *nps_codebook_var(const nps_codebook *cb, size_t i);
/* The variable named `name` (exact), or NULL. */
const nps_cb_var *nps_codebook_find(const nps_codebook *cb, const char *name);

/* Whether v belongs to the report's coded data (the workbook's 回答データ
 * sheet, or the CSV file that replaces it for a large survey): every
 * variable but text and write-ins, which would tie an organisation's own
 * words to its region and activities (docs/workbook.md). */
bool nps_codebook_var_coded(const nps_cb_var *v);

/* "string" or "numeric"; "nominal" / "ordinal" / "scale"; the role's
 * English name (id, date, choice, rating, option, write-in, number, bin,
 * text). */
const char *nps_codebook_type_name(const nps_cb_var *v);
const char *nps_codebook_measure_name(nps_cb_measure m);
const char *nps_codebook_role_name(nps_cb_role r);

/* The value of variable v for organisation `org` of the publication.
 * Numeric: *missing tells no answer, else *number holds the value.
 * String: *text is a new string (nps_free), NULL for no answer; masked
 * for text and write-ins. NPS_ERR_NOMEM on allocation failure. */
typedef struct nps_cb_cell {
    bool missing;
    double number;
    char *text;
} nps_cb_cell;
nps_error nps_codebook_cell(const nps_cb_var *v, const nps_publication *p, size_t org,
                            nps_cb_cell *cell);

/* Cut a UTF-8 label to at most max_bytes bytes and max_chars code points
 * (0: no limit), at a code-point boundary, ending in "…" when cut. A new
 * string (nps_free) or NULL on allocation failure. For the writers whose
 * formats limit label lengths. */
char *nps_codebook_cut_label(const char *label, size_t max_bytes, size_t max_chars);

#endif
