/*
 * questionnaire_load.c — loads and validates the questionnaire CSV files
 * (format in questionnaire/README.md, model in model/questionnaire.h).
 *
 * Loading goes file by file: each CSV is read whole into a sheet (read/sheet.h:
 * rows of strings with their line numbers), then turned into model objects in
 * the order choices → bins → survey → settings → troubles → themes, so that
 * every reference can be checked against what is already built. The first
 * problem stops the load and is reported as "<dir>/<file>.csv", line, what.
 *
 * The model is built through model/questionnaire_build.h; on any error the
 * half-built questionnaire is freed and *out stays NULL.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/alloc.h"
#include "base/text.h"
#include "model/questionnaire_build.h"
#include "read/settings_load.h"
#include "read/sheet.h"

/* A whole decimal number in [min, max], nothing else in the cell. */
/* When checking (q->collect), a problem of one row or file is recorded and
 * the load goes on; otherwise it ends the load. Allocation failures always
 * end it. */
static nps_error go_on(nps_questionnaire *q, nps_error err, const nps_diag *diag)
{
    if (err != NPS_ERR_QUESTIONNAIRE || !q->collect || !diag)
        return err;
    if (nps_grow((void **)&q->problems, &q->problems_cap, q->n_problems + 1, sizeof *q->problems, 8)
        != NPS_OK)
        return NPS_ERR_NOMEM;
    q->problems[q->n_problems++] = *diag;
    return NPS_OK;
}

static bool parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v;
    if (!*s)
        return false;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* ---------- choices.csv ---------- */

static nps_error parse_role(const char *s, nps_option_role *role)
{
    if (!*s)
        *role = NPS_OPTION_PLAIN;
    else if (strcmp(s, "other") == 0)
        *role = NPS_OPTION_OTHER;
    else if (strcmp(s, "exclusive") == 0)
        *role = NPS_OPTION_EXCLUSIVE;
    else
        return NPS_ERR_QUESTIONNAIRE;
    return NPS_OK;
}

/* Check one new option against those already in its list. */
static nps_error check_option(const nps_sheet *s, const nps_sheet_row *r, const nps_list *l,
                              const nps_option *o, nps_diag *diag)
{
    if (!*o->label)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "option without a label");
    if (l->n_options >= NPS_MAX_OPTIONS)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "list \"%s\" has more than %d options", l->name, NPS_MAX_OPTIONS);
    for (size_t i = 0; i < l->n_options; i++) {
        if (*o->name && strcmp(l->options[i].name, o->name) == 0)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "duplicate option name \"%s\" in list \"%s\"", o->name, l->name);
        if (strcmp(l->options[i].label, o->label) == 0)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "duplicate option label \"%s\" in list \"%s\"", o->label, l->name);
        if (o->role == NPS_OPTION_OTHER && l->options[i].role == NPS_OPTION_OTHER)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "list \"%s\" has two \"other\" options", l->name);
    }
    return NPS_OK;
}

static nps_error add_option(nps_questionnaire *q, const nps_sheet *s, const nps_sheet_row *r,
                            const int *cols, nps_diag *diag)
{
    const char *list_name = nps_sheet_cell(r, cols[0]);
    nps_list *l = nps_questionnaire_find_list(q, list_name);
    nps_option o;
    if (!*list_name)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "empty list_name");
    if (parse_role(nps_sheet_cell(r, cols[3]), &o.role) != NPS_OK)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "unknown role \"%s\" (use other, exclusive or leave empty)", nps_sheet_cell(r, cols[3]));
    if (!l) {
        nps_list *nl = nps_realloc(q->lists, (q->n_lists + 1) * sizeof *nl);
        if (!nl)
            return NPS_ERR_NOMEM;
        q->lists = nl;
        l = &q->lists[q->n_lists++];
        memset(l, 0, sizeof *l);
        if (!(l->name = nps_questionnaire_own(q, list_name)))
            return NPS_ERR_NOMEM;
        l->options = nps_calloc(NPS_MAX_OPTIONS, sizeof(nps_option));
        if (!l->options)
            return NPS_ERR_NOMEM;
    }
    o.name = nps_sheet_cell(r, cols[1]);
    o.label = nps_sheet_cell(r, cols[2]);
    nps_error err = check_option(s, r, l, &o, diag);
    if (err != NPS_OK)
        return err;
    if (!(o.name = nps_questionnaire_own(q, o.name)) || !(o.label = nps_questionnaire_own(q, o.label)))
        return NPS_ERR_NOMEM;
    ((nps_option *)l->options)[l->n_options++] = o;
    return NPS_OK;
}

static nps_error load_choices(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"list_name", "name", "label", "role"};
    int cols[4];
    nps_error err = nps_sheet_require(s, names, cols, 4, diag);
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++)
        err = go_on(q, add_option(q, s, &s->rows[i], cols, diag), diag);
    return err;
}

/* ---------- bins.csv ---------- */

/* Parse "[a,b]" "(a,b)" "(a,)" or the words other / unknown. */
static bool parse_interval(const char *s, nps_bin *b)
{
    char lo[64], hi[64];
    const char *comma, *close;
    size_t len = strlen(s);
    b->low = b->high = NAN;
    if (strcmp(s, "other") == 0) {
        b->kind = NPS_BIN_OTHER;
        return true;
    }
    if (strcmp(s, "unknown") == 0) {
        b->kind = NPS_BIN_UNKNOWN;
        return true;
    }
    b->kind = NPS_BIN_INTERVAL;
    if (len < 3 || (s[0] != '[' && s[0] != '('))
        return false;
    close = s + len - 1;
    if (*close != ']' && *close != ')')
        return false;
    comma = strchr(s, ',');
    if (!comma || comma > close || (size_t)(comma - s - 1) >= sizeof lo ||
        (size_t)(close - comma - 1) >= sizeof hi)
        return false;
    memcpy(lo, s + 1, (size_t)(comma - s - 1));
    lo[comma - s - 1] = '\0';
    memcpy(hi, comma + 1, (size_t)(close - comma - 1));
    hi[close - comma - 1] = '\0';
    b->low_closed = s[0] == '[';
    b->high_closed = *close == ']';
    char *end;
    if (*lo) {
        b->low = strtod(lo, &end);
        if (*end || !isfinite(b->low))
            return false;
    }
    if (*hi) {
        b->high = strtod(hi, &end);
        if (*end || !isfinite(b->high))
            return false;
    }
    if (isnan(b->low) && isnan(b->high))
        return false;
    if (!isnan(b->low) && !isnan(b->high) &&
        (b->low > b->high || (b->low == b->high && !(b->low_closed && b->high_closed))))
        return false;
    return true;
}

/* Interval bins must follow each other without gap or overlap. */
static bool bins_contiguous(const nps_bin *prev, const nps_bin *b)
{
    if (isnan(prev->high) || isnan(b->low))
        return false;
    return prev->high == b->low && prev->high_closed != b->low_closed;
}

static nps_error add_bin(nps_questionnaire *q, const nps_sheet *s, const nps_sheet_row *r,
                         const int *cols, const nps_bin **last_interval, nps_diag *diag)
{
    const char *set_name = nps_sheet_cell(r, cols[0]);
    nps_binset *set = nps_questionnaire_find_binset(q, set_name);
    nps_bin b;
    if (!*set_name || !*nps_sheet_cell(r, cols[1]))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "empty bin_set or label");
    if (!parse_interval(nps_sheet_cell(r, cols[2]), &b))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "bad interval \"%s\" (use e.g. [0,0], (0,5], (5000,), other, unknown)",
                            nps_sheet_cell(r, cols[2]));
    if (!set) {
        nps_binset *ns = nps_realloc(q->binsets, (q->n_binsets + 1) * sizeof *ns);
        if (!ns)
            return NPS_ERR_NOMEM;
        q->binsets = ns;
        set = &q->binsets[q->n_binsets++];
        memset(set, 0, sizeof *set);
        if (!(set->name = nps_questionnaire_own(q, set_name)))
            return NPS_ERR_NOMEM;
        set->bins = nps_calloc(256, sizeof(nps_bin));
        if (!set->bins)
            return NPS_ERR_NOMEM;
        *last_interval = NULL;
    }
    if (set->n_bins >= 255)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "too many bins in \"%s\"", set_name);
    /* a bin out of line is still added, so that the next one is checked
     * against it (one problem, not one per later bin) */
    bool gap = b.kind == NPS_BIN_INTERVAL && *last_interval && !bins_contiguous(*last_interval, &b);
    for (size_t i = 0; i < set->n_bins; i++)
        if (strcmp(set->bins[i].label, nps_sheet_cell(r, cols[1])) == 0)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "duplicate bin label \"%s\" in \"%s\"", nps_sheet_cell(r, cols[1]), set_name);
    if (!(b.label = nps_questionnaire_own(q, nps_sheet_cell(r, cols[1]))))
        return NPS_ERR_NOMEM;
    ((nps_bin *)set->bins)[set->n_bins] = b;
    if (b.kind == NPS_BIN_INTERVAL)
        *last_interval = &set->bins[set->n_bins];
    set->n_bins++;
    if (gap)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "bin \"%s\" of \"%s\" overlaps or leaves a gap after the previous bin "
                            "(each bin starts where the previous one ends)",
                            nps_sheet_cell(r, cols[1]), set_name);
    return NPS_OK;
}

static nps_error load_bins(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"bin_set", "label", "interval"};
    int cols[3];
    const nps_bin *last = NULL;
    const char *prev_set = "";
    nps_error err = nps_sheet_require(s, names, cols, 3, diag);
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++) {
        const char *set_name = nps_sheet_cell(&s->rows[i], cols[0]);
        if (strcmp(set_name, prev_set) != 0) {
            if (nps_questionnaire_find_binset(q, set_name)) {
                err = go_on(q, nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, s->rows[i].line,
                                            "rows of bin set \"%s\" must be consecutive", set_name), diag);
                continue;
            }
            last = NULL;
        }
        prev_set = set_name;
        err = go_on(q, add_bin(q, s, &s->rows[i], cols, &last, diag), diag);
    }
    return err;
}

/* ---------- survey.csv ---------- */

typedef struct survey_cols { int number, item, type, list, bins, unit, personal, label, title, figure, chart; } survey_cols;

static bool parse_qtype(const char *s, nps_qtype *t)
{
    static const struct { const char *name; nps_qtype type; } map[] = {
        {"text", NPS_Q_TEXT}, {"select_one", NPS_Q_SELECT_ONE},
        {"select_multiple", NPS_Q_SELECT_MULTIPLE}, {"matrix", NPS_Q_MATRIX},
        {"number", NPS_Q_NUMBER}, {"rating", NPS_Q_RATING}, {"group", NPS_Q_GROUP}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(s, map[i].name) == 0) {
            *t = map[i].type;
            return true;
        }
    return false;
}

static bool parse_unit(const char *s, nps_unit *u)
{
    static const struct { const char *name; nps_unit unit; } map[] = {
        {"", NPS_UNIT_NONE}, {"count", NPS_UNIT_COUNT}, {"percent", NPS_UNIT_PERCENT},
        {"area", NPS_UNIT_AREA}, {"average", NPS_UNIT_AVERAGE}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(s, map[i].name) == 0) {
            *u = map[i].unit;
            return true;
        }
    return false;
}

static bool parse_personal(const char *s, nps_personal *p)
{
    static const struct { const char *name; nps_personal kind; } map[] = {
        {"", NPS_PERSONAL_NONE}, {"name", NPS_PERSONAL_NAME},
        {"organisation", NPS_PERSONAL_ORGANISATION}, {"email", NPS_PERSONAL_EMAIL},
        {"phone", NPS_PERSONAL_PHONE}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(s, map[i].name) == 0) {
            *p = map[i].kind;
            return true;
        }
    return false;
}

/* The list / bins / unit a field needs, checked against its type. */
static nps_error resolve_field_refs(nps_questionnaire *q, const nps_sheet *s, const nps_sheet_row *r,
                                    const survey_cols *c, nps_field *f, nps_diag *diag)
{
    const char *list = nps_sheet_cell(r, c->list), *bins = nps_sheet_cell(r, c->bins);
    if (f->type == NPS_F_SELECT_ONE || f->type == NPS_F_SELECT_MULTIPLE) {
        if (!*list || !(f->list = nps_questionnaire_find_list(q, list)))
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "unknown list \"%s\" (not in choices.csv)", list);
    }
    if (f->type == NPS_F_NUMBER) {
        if (!*bins || !(f->bins = nps_questionnaire_find_binset(q, bins)))
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "unknown bin set \"%s\" (not in bins.csv)", bins);
        if (!parse_unit(nps_sheet_cell(r, c->unit), &f->unit) || f->unit == NPS_UNIT_NONE)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "number field needs unit count, percent, average or area (got \"%s\")",
                                nps_sheet_cell(r, c->unit));
    }
    return NPS_OK;
}

static nps_error add_question_row(nps_questionnaire *q, const nps_sheet *s, const nps_sheet_row *r,
                                  const survey_cols *c, long number, nps_diag *diag)
{
    nps_question *qu;
    nps_field *f;
    nps_qtype type;
    nps_error err;
    if (!parse_qtype(nps_sheet_cell(r, c->type), &type))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "unknown question type \"%s\"", nps_sheet_cell(r, c->type));
    if (nps_questionnaire_question(q, (int)number))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "duplicate question number %ld", number);
    if (!*nps_sheet_cell(r, c->label))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "question without a label");
    if ((err = nps_questionnaire_push_question(q, &qu)) != NPS_OK)
        return err;
    qu->number = (int)number;
    qu->type = type;
    if (!(qu->label = nps_questionnaire_own(q, nps_sheet_cell(r, c->label))) ||
        !(qu->title = nps_questionnaire_own(q, *nps_sheet_cell(r, c->title) ? nps_sheet_cell(r, c->title) : nps_sheet_cell(r, c->label))) ||
        !(qu->chart = nps_questionnaire_own(q, nps_sheet_cell(r, c->chart))))
        return NPS_ERR_NOMEM;
    long figure = 0;
    if (*nps_sheet_cell(r, c->figure) && !parse_int(nps_sheet_cell(r, c->figure), 1, 999, &figure))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "figure \"%s\" is not a whole number 1–999", nps_sheet_cell(r, c->figure));
    qu->figure = (int)figure;
    if (*qu->chart && strcmp(qu->chart, "donut") && strcmp(qu->chart, "bars") &&
        strcmp(qu->chart, "stacked") && strcmp(qu->chart, "none"))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "unknown chart \"%s\" (use bars, donut, stacked or none)", qu->chart);
    if (type == NPS_Q_MATRIX) {
        if (!nps_questionnaire_find_list(q, nps_sheet_cell(r, c->list)))
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "unknown list \"%s\" (not in choices.csv)", nps_sheet_cell(r, c->list));
        return NPS_OK;
    }
    if (type == NPS_Q_GROUP)
        return NPS_OK;
    if ((err = nps_questionnaire_push_field(q, &f)) != NPS_OK)
        return err;
    f->question = (int)number;
    f->label = qu->label;
    f->type = type == NPS_Q_TEXT ? NPS_F_TEXT : type == NPS_Q_SELECT_ONE ? NPS_F_SELECT_ONE
            : type == NPS_Q_SELECT_MULTIPLE ? NPS_F_SELECT_MULTIPLE
            : type == NPS_Q_NUMBER ? NPS_F_NUMBER : NPS_F_RATING;
    if (!parse_personal(nps_sheet_cell(r, c->personal), &f->personal))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "unknown personal kind \"%s\"", nps_sheet_cell(r, c->personal));
    return resolve_field_refs(q, s, r, c, f, diag);
}

static nps_error add_item_row(nps_questionnaire *q, const nps_sheet *s, const nps_sheet_row *r,
                              const survey_cols *c, long number, long item, nps_diag *diag)
{
    nps_question *qu = q->n_questions ? &q->questions[q->n_questions - 1] : NULL;
    size_t first = q->n_questions ? q->question_first_field[q->n_questions - 1] : 0;
    nps_field *f;
    nps_error err;
    if (!qu || qu->number != number || (qu->type != NPS_Q_MATRIX && qu->type != NPS_Q_GROUP))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "item row of Q%ld must follow its matrix or group question row", number);
    if ((size_t)item != q->n_fields - first + 1)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "items of Q%ld must be numbered 1, 2, 3 … in order (got %ld)", number, item);
    if (!*nps_sheet_cell(r, c->label))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "item without a label");
    if ((err = nps_questionnaire_push_field(q, &f)) != NPS_OK)
        return err;
    f->question = (int)number;
    f->item_index = (int)item;
    if (!(f->label = nps_questionnaire_own(q, nps_sheet_cell(r, c->label))))
        return NPS_ERR_NOMEM;
    if (qu->type == NPS_Q_MATRIX) {
        f->type = NPS_F_SELECT_ONE;
        /* rows take the question's list: find it through the question row
         * (by the number's value: "+22" and "022" are question 22 too) */
        for (size_t i = 0; i < s->n_rows; i++) {
            long n;
            if (!*nps_sheet_cell(&s->rows[i], c->item) && parse_int(nps_sheet_cell(&s->rows[i], c->number), 1, 999, &n) &&
                n == number) {
                f->list = nps_questionnaire_find_list(q, nps_sheet_cell(&s->rows[i], c->list));
                break;
            }
        }
        if (!f->list) /* never a select field without options */
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                                "matrix row of Q%ld: the question row has no list", number);
        return NPS_OK;
    }
    nps_qtype t;
    if (!parse_qtype(nps_sheet_cell(r, c->type), &t) || (t != NPS_Q_TEXT && t != NPS_Q_NUMBER &&
                                               t != NPS_Q_SELECT_ONE && t != NPS_Q_SELECT_MULTIPLE))
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                            "group item needs type text, number, select_one or select_multiple (got \"%s\")",
                            nps_sheet_cell(r, c->type));
    f->type = t == NPS_Q_TEXT ? NPS_F_TEXT : t == NPS_Q_NUMBER ? NPS_F_NUMBER
            : t == NPS_Q_SELECT_ONE ? NPS_F_SELECT_ONE : NPS_F_SELECT_MULTIPLE;
    return resolve_field_refs(q, s, r, c, f, diag);
}

static nps_error finish_questions(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    q->field_ptrs = nps_calloc(q->n_fields ? q->n_fields : 1, sizeof *q->field_ptrs);
    if (!q->field_ptrs)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < q->n_fields; i++)
        q->field_ptrs[i] = &q->fields[i];
    for (size_t i = 0; i < q->n_questions; i++) {
        size_t first = q->question_first_field[i];
        size_t end = i + 1 < q->n_questions ? q->question_first_field[i + 1] : q->n_fields;
        q->questions[i].fields = q->field_ptrs + first;
        q->questions[i].n_fields = end - first;
        if (end == first)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, 0,
                                "Q%d (%s) has no item rows", q->questions[i].number,
                                q->questions[i].type == NPS_Q_MATRIX ? "matrix" : "group");
    }
    for (int kind = NPS_PERSONAL_NAME; kind <= NPS_PERSONAL_PHONE; kind++) {
        int seen = 0;
        for (size_t i = 0; i < q->n_fields; i++)
            seen += (int)q->fields[i].personal == kind;
        if (seen > 1)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, 0,
                                "a personal-data kind is given to %d fields (at most one each)", seen);
    }
    if (q->n_questions == 0)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, 1, "no questions");
    return NPS_OK;
}

static nps_error load_survey(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"number", "item", "type", "list", "bins",
                                        "unit", "personal", "label", "title"};
    int cols[9];
    survey_cols c;
    nps_error err = nps_sheet_require(s, names, cols, 9, diag);
    if (err != NPS_OK)
        return err;
    c = (survey_cols){cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8],
                      nps_sheet_column(s, "figure"), nps_sheet_column(s, "chart")}; /* optional columns */
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++) {
        const nps_sheet_row *r = &s->rows[i];
        long number, item;
        if (!parse_int(nps_sheet_cell(r, c.number), 1, 999, &number))
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                               "question number \"%s\" is not a whole number 1–999", nps_sheet_cell(r, c.number));
        else if (!*nps_sheet_cell(r, c.item))
            err = add_question_row(q, s, r, &c, number, diag);
        else if (!parse_int(nps_sheet_cell(r, c.item), 1, 255, &item))
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                               "item \"%s\" is not a whole number 1–255", nps_sheet_cell(r, c.item));
        else
            err = add_item_row(q, s, r, &c, number, item, diag);
        err = go_on(q, err, diag);
    }
    return err == NPS_OK ? finish_questions(q, s, diag) : err;
}

/* ---------- troubles.csv, themes.csv (settings.csv: settings_load.c) ---------- */

/* Row (1-based item) of the troubles question whose label matches `key`. */
static int trouble_row(const nps_question *tq, const char *key)
{
    for (size_t i = 0; i < tq->n_fields; i++) {
        char *k = nps_text_key(tq->fields[i]->label, strlen(tq->fields[i]->label));
        bool same = k && strcmp(k, key) == 0;
        nps_free(k);
        if (same)
            return tq->fields[i]->item_index;
    }
    return 0;
}

static nps_category *category_named(nps_questionnaire *q, const char *name, size_t max_troubles)
{
    for (size_t i = 0; i < q->n_categories; i++)
        if (strcmp(q->categories[i].name, name) == 0)
            return &q->categories[i];
    nps_category *n = nps_realloc(q->categories, (q->n_categories + 1) * sizeof *n);
    if (!n)
        return NULL;
    q->categories = n;
    nps_category *c = &q->categories[q->n_categories];
    memset(c, 0, sizeof *c);
    c->rows = nps_calloc(max_troubles ? max_troubles : 1, sizeof(int));
    if (!c->rows || !(c->name = nps_questionnaire_own(q, name))) {
        nps_free((int *)c->rows);
        return NULL;
    }
    q->n_categories++;
    return c;
}

static nps_error check_all_troubles_placed(const nps_questionnaire *q, const nps_question *tq,
                                           const long *placed, const nps_sheet *s, nps_diag *diag)
{
    for (size_t i = 0; i < tq->n_fields; i++) {
        const char *label = tq->fields[i]->label;
        char *k = nps_text_key(label, strlen(label));
        bool is_other = k && strcmp(k, "その他") == 0;
        nps_free(k);
        if (!placed[i] && !is_other)
            return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, 0,
                                "trouble \"%s\" (Q%d row %d) is in no category",
                                label, tq->number, tq->fields[i]->item_index);
    }
    (void)q;
    return NPS_OK;
}

static nps_error load_troubles(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"category", "trouble"};
    int cols[2];
    long *placed = NULL;
    int tqn = q->settings.troubles_question; /* checked to be a matrix by nps_settings_load */
    const nps_question *tq;
    nps_error err = nps_sheet_require(s, names, cols, 2, diag);
    if (err != NPS_OK || (s->n_rows == 0 && !tqn))
        return err; /* a survey without a troubles matrix */
    if (!tqn || !(tq = nps_questionnaire_question(q, tqn)) || tq->type != NPS_Q_MATRIX)
        return nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, 0,
                            "settings.csv troubles_question must name a matrix question");
    q->troubles_question = tqn;
    placed = nps_calloc(tq->n_fields + 1, sizeof *placed);
    if (!placed)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++, err = go_on(q, err, diag)) {
        const nps_sheet_row *r = &s->rows[i];
        char *key = nps_text_key(nps_sheet_cell(r, cols[1]), strlen(nps_sheet_cell(r, cols[1])));
        int row = key ? trouble_row(tq, key) : 0;
        nps_free(key);
        nps_category *c;
        if (!*nps_sheet_cell(r, cols[0]))
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "empty category");
        else if (row == 0)
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                               "\"%s\" is not a row of Q%d", nps_sheet_cell(r, cols[1]), tq->number);
        else if (placed[row - 1])
            err = nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line,
                               "trouble \"%s\" is already in a category (line %ld)",
                               nps_sheet_cell(r, cols[1]), placed[row - 1]);
        else if (!(c = category_named(q, nps_sheet_cell(r, cols[0]), tq->n_fields)))
            err = NPS_ERR_NOMEM;
        else {
            ((int *)c->rows)[c->n_troubles++] = row;
            placed[row - 1] = r->line;
        }
    }
    if (err == NPS_OK)
        err = check_all_troubles_placed(q, tq, placed, s, diag);
    nps_free(placed);
    return err;
}

static nps_theme *theme_named(nps_questionnaire *q, const char *name, size_t max_keywords)
{
    for (size_t i = 0; i < q->n_themes; i++)
        if (strcmp(q->themes[i].name, name) == 0)
            return &q->themes[i];
    nps_theme *n = nps_realloc(q->themes, (q->n_themes + 1) * sizeof *n);
    if (!n)
        return NULL;
    q->themes = n;
    nps_theme *t = &q->themes[q->n_themes];
    memset(t, 0, sizeof *t);
    t->keywords = nps_calloc(max_keywords ? max_keywords : 1, sizeof(char *));
    if (!t->keywords || !(t->name = nps_questionnaire_own(q, name))) {
        nps_free((void *)t->keywords);
        return NULL;
    }
    q->n_themes++;
    return t;
}

static nps_error load_themes(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag)
{
    static const char *const names[] = {"theme", "keyword"};
    int cols[2];
    nps_error err = nps_sheet_require(s, names, cols, 2, diag);
    for (size_t i = 0; err == NPS_OK && i < s->n_rows; i++) {
        const nps_sheet_row *r = &s->rows[i];
        nps_theme *t;
        char *kw;
        if (!*nps_sheet_cell(r, cols[0]) || !*nps_sheet_cell(r, cols[1])) {
            err = go_on(q, nps_diag_set(diag, NPS_ERR_QUESTIONNAIRE, s->file, r->line, "empty theme or keyword"),
                        diag);
            continue;
        }
        if (!(t = theme_named(q, nps_sheet_cell(r, cols[0]), s->n_rows)))
            return NPS_ERR_NOMEM;
        kw = nps_text_nfkc(nps_sheet_cell(r, cols[1]), strlen(nps_sheet_cell(r, cols[1])));
        if (!kw)
            return NPS_ERR_NOMEM;
        ((const char **)t->keywords)[t->n_keywords] = nps_questionnaire_own(q, kw);
        nps_free(kw);
        if (!t->keywords[t->n_keywords])
            return NPS_ERR_NOMEM;
        t->n_keywords++;
    }
    return err;
}

/* ---------- loading ---------- */

static nps_error load_sheet_into(nps_questionnaire *q, const char *base, const char *data,
                                 size_t len, bool optional,
                                 nps_error (*fn)(nps_questionnaire *, const nps_sheet *, nps_diag *),
                                 nps_diag *diag)
{
    char file[600];
    nps_sheet s;
    nps_error err;
    snprintf(file, sizeof file, "%s/%s", q->origin, base);
    if (!data && optional)
        return NPS_OK;
    err = nps_sheet_read(file, data, len, &s, diag);
    if (err != NPS_OK)
        return err;
    err = fn(q, &s, diag);
    if (err == NPS_ERR_NOMEM)
        nps_diag_set(diag, err, file, 0, "out of memory");
    nps_sheet_free(&s);
    return err;
}

/* The files in order; when checking (q->collect), a problem goes on record
 * and the next file is loaded, except that settings.csv and troubles.csv
 * need a sound survey.csv: they wait until the files before them load. */
static nps_error load_files(nps_questionnaire *q, const nps_questionnaire_source *src, nps_diag *diag)
{
    nps_error err = go_on(q, load_sheet_into(q, "choices.csv", src->choices, src->choices_len, false,
                                             load_choices, diag), diag);
    if (err == NPS_OK)
        err = go_on(q, load_sheet_into(q, "bins.csv", src->bins, src->bins_len, false, load_bins, diag), diag);
    if (err == NPS_OK)
        err = go_on(q, load_sheet_into(q, "survey.csv", src->survey, src->survey_len, false, load_survey, diag),
                    diag);
    if (err == NPS_OK && q->n_problems == 0)
        err = go_on(q, load_sheet_into(q, "settings.csv", src->settings, src->settings_len, true,
                                       nps_settings_load, diag), diag);
    if (err == NPS_OK && q->n_problems == 0)
        err = go_on(q, load_sheet_into(q, "troubles.csv", src->troubles, src->troubles_len, true,
                                       load_troubles, diag), diag);
    if (err == NPS_OK)
        err = go_on(q, load_sheet_into(q, "themes.csv", src->themes, src->themes_len, true, load_themes, diag),
                    diag);
    if (err == NPS_OK && src->findings &&
        !(q->findings_csv = nps_questionnaire_own(q, src->findings)))
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK && q->n_problems > 0) {
        if (diag)
            *diag = q->problems[0];
        err = NPS_ERR_QUESTIONNAIRE;
    }
    return err;
}

static nps_error load(const nps_questionnaire_source *src, bool collect, nps_questionnaire **out,
                      nps_diag *diag)
{
    nps_questionnaire *q = nps_questionnaire_new(src->origin);
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    if (!q)
        goto cleanup;
    q->collect = collect;
    err = load_files(q, src, diag);
cleanup:
    if (err != NPS_OK) {
        if (err == NPS_ERR_NOMEM && diag && !diag->message[0])
            nps_diag_set(diag, err, src->origin ? src->origin : "", 0, "out of memory");
        if (!collect) {
            nps_questionnaire_free(q);
            return err;
        }
    }
    *out = q;
    return err;
}

nps_error nps_questionnaire_load_source(const nps_questionnaire_source *src,
                                        nps_questionnaire **out, nps_diag *diag)
{
    return load(src, false, out, diag);
}

/* Read a whole file; *data NULL (and NPS_OK) when it does not exist. */
static nps_error slurp(const char *path, char **data, size_t *len, nps_diag *diag)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    nps_error err = NPS_OK;
    *data = NULL;
    *len = 0;
    if (!f)
        return errno == ENOENT ? NPS_OK
                               : nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    for (;;) {
        if (n == cap) {
            if (cap >= ((size_t)64 << 20)) {
                err = nps_diag_set(diag, NPS_ERR_LIMIT, path, 0, "file larger than 64 MiB");
                goto cleanup;
            }
            cap = cap ? cap * 2 : 65536;
            char *nb = nps_realloc(buf, cap + 1);
            if (!nb) {
                err = NPS_ERR_NOMEM;
                goto cleanup;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "read error");
cleanup:
    fclose(f);
    if (err != NPS_OK) {
        nps_free(buf);
        return err;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return NPS_OK;
}

/* dir + "/" + name, fresh; NULL when out of memory. */
static char *joined_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = nps_malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* A folder that does not exist, or holds none of the files, is named as
 * such (not as its first missing file). */
static nps_error check_folder(const char *dir, const char *const *files, size_t n, nps_diag *diag)
{
    struct stat st;
    size_t present = 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        nps_diag_set(diag, NPS_ERR_IO, dir, 0, "%s", stat(dir, &st) != 0 ? N_("no such questionnaire folder")
                                                                          : N_("not a folder"));
        nps_diag_hint(diag, "give the folder that holds survey.csv, choices.csv, …: a copy of questionnaire/");
        return NPS_ERR_IO;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = joined_path(dir, files[i]);
        if (!path)
            return nps_diag_set(diag, NPS_ERR_NOMEM, dir, 0, "out of memory");
        present += access(path, F_OK) == 0;
        nps_free(path);
    }
    if (present == 0) {
        nps_diag_set(diag, NPS_ERR_IO, dir, 0, "holds none of the questionnaire files (survey.csv, choices.csv, "
                                               "bins.csv, troubles.csv, themes.csv, settings.csv)");
        nps_diag_hint(diag, "is this the questionnaire folder? copy questionnaire/ and edit it");
        return NPS_ERR_IO;
    }
    return NPS_OK;
}

/* Read the six files of `dir` (a missing optional one stays NULL). */
static nps_error read_dir(const char *dir, char **data, size_t *len, nps_diag *diag)
{
    static const char *const files[] = {"survey.csv", "choices.csv", "bins.csv", "troubles.csv",
                                        "themes.csv", "settings.csv", "findings.csv"};
    nps_error err = check_folder(dir, files, 6, diag);
    for (size_t i = 0; i < 7 && err == NPS_OK; i++) {
        char *path = joined_path(dir, files[i]);
        err = path ? slurp(path, &data[i], &len[i], diag)
                   : nps_diag_set(diag, NPS_ERR_NOMEM, dir, 0, "out of memory");
        nps_free(path);
    }
    return err;
}

static nps_error load_dir(const char *dir, bool collect, nps_questionnaire **out, nps_diag *diag)
{
    char *data[7] = {0};
    size_t len[7] = {0};
    nps_error err = read_dir(dir, data, len, diag);
    *out = NULL;
    if (err == NPS_OK) {
        nps_questionnaire_source src = {dir, data[0], len[0], data[1], len[1], data[2], len[2],
                                        data[3], len[3], data[4], len[4], data[5], len[5],
                                        data[6], len[6]};
        err = load(&src, collect, out, diag);
    }
    for (size_t i = 0; i < 7; i++)
        nps_free(data[i]);
    return err;
}

nps_error nps_questionnaire_load_dir(const char *dir, nps_questionnaire **out, nps_diag *diag)
{
    return load_dir(dir, false, out, diag);
}

nps_error nps_questionnaire_check_dir(const char *dir, nps_diag **problems, size_t *n_problems,
                                      nps_diag *diag)
{
    nps_questionnaire *q = NULL;
    nps_error err = load_dir(dir, true, &q, diag);
    *problems = NULL;
    *n_problems = 0;
    if (q) {
        *problems = q->problems;
        *n_problems = q->n_problems;
        q->problems = NULL;
    }
    nps_questionnaire_free(q);
    return err;
}

/* Generated at build time from the questionnaire CSV files (cmake/embed_questionnaire.cmake). */
extern const unsigned char nps_embedded_survey[], nps_embedded_choices[], nps_embedded_bins[],
    nps_embedded_troubles[], nps_embedded_themes[], nps_embedded_settings[], nps_embedded_findings[];
extern const size_t nps_embedded_survey_len, nps_embedded_choices_len, nps_embedded_bins_len,
    nps_embedded_troubles_len, nps_embedded_themes_len, nps_embedded_settings_len, nps_embedded_findings_len;

nps_error nps_questionnaire_load_default(nps_questionnaire **out, nps_diag *diag)
{
    nps_questionnaire_source src = {
        "questionnaire (built in)",
        (const char *)nps_embedded_survey, nps_embedded_survey_len,
        (const char *)nps_embedded_choices, nps_embedded_choices_len,
        (const char *)nps_embedded_bins, nps_embedded_bins_len,
        (const char *)nps_embedded_troubles, nps_embedded_troubles_len,
        (const char *)nps_embedded_themes, nps_embedded_themes_len,
        (const char *)nps_embedded_settings, nps_embedded_settings_len,
        (const char *)nps_embedded_findings, nps_embedded_findings_len};
    return nps_questionnaire_load_source(&src, out, diag);
}
