/*
 * gap.c — organisations and people per business (docs/analysis.md).
 *
 * Two passes: first each organisation's people (staff items + users, a
 * missing number counting 0, NAN when it gave none); then each business's
 * organisations and people. Quantiles are computed over the eligible
 * businesses only, and marks follow the rule in gap.h.
 *
 * Invariants after build: for each business, organisations = length of
 * rows, organisations_without_number ≤ organisations, people ≥ 0,
 * people_per_org = people / organisations (0 when none); mark ≠ NONE only
 * for eligible businesses and only when thresholds.marking.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/gap.h"
#include "analyse/mask.h"
#include "base/emit.h"

#define GAP_MIN_ORGS 2
#define GAP_MIN_ELIGIBLE 4

typedef struct business {
    nps_gap_business pub;
    char *label;                 /* owned, for the other option */
    size_t *rows;                /* owned */
} business;

struct nps_gap {
    const nps_dataset *d;
    business *b;
    size_t n, cap;
    double *people;              /* per dataset row; NAN = no number */
    nps_gap_thresholds th;
};

/* ---- people per organisation -------------------------------------------- */

static void add_number(double *sum, bool *any, double v)
{
    if (isnan(v))
        return;
    *sum += v;
    *any = true;
}

static nps_error org_people(nps_gap *g, const nps_questionnaire *q)
{
    const nps_settings *set = nps_questionnaire_settings(q);
    int staff = set->gap_staff_question, users = set->gap_users_question;
    const int *items = set->gap_staff_items.numbers;
    size_t n_items = set->gap_staff_items.n;
    const nps_question *sq = nps_questionnaire_question(q, staff);
    const nps_question *uq = nps_questionnaire_question(q, users);
    if (!sq && !uq)
        return NPS_ERR_QUESTIONNAIRE;
    size_t rows = nps_dataset_count(g->d);
    if (!(g->people = nps_calloc(rows ? rows : 1, sizeof(double))))
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < rows; r++) {
        double sum = 0;
        bool any = false;
        for (size_t i = 0; sq && i < sq->n_fields; i++) {
            const nps_field *f = sq->fields[i];
            bool listed = n_items == 0;
            for (size_t k = 0; k < n_items; k++)
                listed |= items[k] == f->item_index;
            if (listed && f->type == NPS_F_NUMBER)
                add_number(&sum, &any, nps_dataset_number(g->d, r, f));
        }
        for (size_t i = 0; uq && i < uq->n_fields; i++)
            if (uq->fields[i]->type == NPS_F_NUMBER)
                add_number(&sum, &any, nps_dataset_number(g->d, r, uq->fields[i]));
        g->people[r] = any ? sum : NAN;
    }
    return NPS_OK;
}

/* ---- businesses --------------------------------------------------------- */

static nps_error add_business(nps_gap *g, const nps_field *f, int option)
{
    const nps_option *o = &f->list->options[option - 1];
    size_t rows = nps_dataset_count(g->d);
    business *b;
    if (nps_grow((void **)&g->b, &g->cap, g->n + 1, sizeof *g->b, 32) != NPS_OK)
        return NPS_ERR_NOMEM;
    b = &g->b[g->n];
    memset(b, 0, sizeof *b);
    if (!(b->rows = nps_calloc(rows ? rows : 1, sizeof(size_t))))
        return NPS_ERR_NOMEM;
    g->n++;
    b->pub.question = f->question;
    b->pub.option_index = option;
    b->pub.other = o->role == NPS_OPTION_OTHER;
    b->pub.label = o->label;
    if (b->pub.other) {
        if (!(b->label = nps_malloc(32)))
            return NPS_ERR_NOMEM;
        snprintf(b->label, 32, "Q%d その他", f->question);
        b->pub.label = b->label;
    }
    uint64_t bit = (uint64_t)1 << (option - 1);
    for (size_t r = 0; r < rows; r++) {
        if (!(nps_dataset_choices(g->d, r, f) & bit))
            continue;
        b->rows[b->pub.organisations++] = r;
        if (isnan(g->people[r]))
            b->pub.organisations_without_number++;
        else
            b->pub.people += g->people[r];
    }
    b->pub.rows = b->rows;
    if (b->pub.organisations > 0)
        b->pub.people_per_org = b->pub.people / (double)b->pub.organisations;
    b->pub.eligible = b->pub.organisations >= GAP_MIN_ORGS &&
                      b->pub.organisations_without_number < b->pub.organisations;
    return NPS_OK;
}

static nps_error add_question(nps_gap *g, const nps_questionnaire *q, int number)
{
    const nps_question *qu = nps_questionnaire_question(q, number);
    if (!qu || qu->type != NPS_Q_SELECT_MULTIPLE || qu->n_fields != 1 || !qu->fields[0]->list)
        return NPS_ERR_QUESTIONNAIRE;
    const nps_field *f = qu->fields[0];
    for (size_t i = 0; i < f->list->n_options; i++) {
        if (f->list->options[i].role == NPS_OPTION_EXCLUSIVE)
            continue;
        nps_error err = add_business(g, f, (int)i + 1);
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

/* ---- quantiles and marks ------------------------------------------------ */

static int double_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y);
}

/* Quantile p of sorted x[0..n) by linear interpolation (R type 7). */
static double quantile(const double *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

static nps_error mark_businesses(nps_gap *g)
{
    double *orgs = nps_calloc(g->n ? g->n : 1, sizeof(double));
    double *ppo = nps_calloc(g->n ? g->n : 1, sizeof(double));
    nps_error err = NPS_ERR_NOMEM;
    size_t n = 0;
    if (!orgs || !ppo)
        goto cleanup;
    for (size_t i = 0; i < g->n; i++)
        if (g->b[i].pub.eligible) {
            orgs[n] = (double)g->b[i].pub.organisations;
            ppo[n++] = g->b[i].pub.people_per_org;
        }
    g->th.eligible = n;
    g->th.marking = n >= GAP_MIN_ELIGIBLE;
    err = NPS_OK;
    if (n == 0)
        goto cleanup;
    qsort(orgs, n, sizeof(double), double_cmp);
    qsort(ppo, n, sizeof(double), double_cmp);
    g->th.organisations_median = quantile(orgs, n, 0.5);
    g->th.organisations_p75 = quantile(orgs, n, 0.75);
    g->th.people_per_org_median = quantile(ppo, n, 0.5);
    g->th.people_per_org_p75 = quantile(ppo, n, 0.75);
    for (size_t i = 0; g->th.marking && i < g->n; i++) {
        nps_gap_business *b = &g->b[i].pub;
        if (!b->eligible)
            continue;
        double o = (double)b->organisations;
        bool high = b->people_per_org >= g->th.people_per_org_p75 && o <= g->th.organisations_median;
        bool low = o >= g->th.organisations_p75 && b->people_per_org <= g->th.people_per_org_median;
        b->mark = high && !low ? NPS_GAP_MARK_HIGH : low && !high ? NPS_GAP_MARK_LOW : NPS_GAP_MARK_NONE;
    }
cleanup:
    nps_free(orgs);
    nps_free(ppo);
    return err;
}

nps_error nps_gap_build(const nps_dataset *d, nps_gap **out)
{
    nps_error err = NPS_ERR_NOMEM;
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    const int *questions = nps_questionnaire_settings(q)->gap_business_questions.numbers;
    size_t nq = nps_questionnaire_settings(q)->gap_business_questions.n;
    nps_gap *g = nps_calloc(1, sizeof *g);
    *out = NULL;
    if (!g)
        goto cleanup;
    g->d = d;
    err = NPS_ERR_QUESTIONNAIRE;
    if (nq == 0)
        goto cleanup;
    if ((err = org_people(g, q)) != NPS_OK)
        goto cleanup;
    for (size_t i = 0; i < nq; i++)
        if ((err = add_question(g, q, questions[i])) != NPS_OK)
            goto cleanup;
    if ((err = mark_businesses(g)) != NPS_OK)
        goto cleanup;
    *out = g;
    g = NULL;
cleanup:
    nps_gap_free(g);
    return err;
}

void nps_gap_free(nps_gap *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        nps_free(g->b[i].label);
        nps_free(g->b[i].rows);
    }
    nps_free(g->b);
    nps_free(g->people);
    nps_free(g);
}

/* ---- accessors ---------------------------------------------------------- */

size_t nps_gap_count(const nps_gap *g) { return g->n; }

const nps_gap_business *nps_gap_at(const nps_gap *g, size_t i)
{
    return i < g->n ? &g->b[i].pub : NULL;
}

const nps_gap_thresholds *nps_gap_get_thresholds(const nps_gap *g) { return &g->th; }

double nps_gap_org_people(const nps_gap *g, size_t row)
{
    return row < nps_dataset_count(g->d) ? g->people[row] : NAN;
}

const char *nps_gap_mark_name(nps_gap_mark mark)
{
    return mark == NPS_GAP_MARK_HIGH ? "high" : mark == NPS_GAP_MARK_LOW ? "low" : "";
}

/* ---- writers ------------------------------------------------------------ */

/* A count of people: whole numbers without decimals, else one decimal. */
static void write_people(FILE *out, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else
        fprintf(out, "%.1f", v);
}

static void write_csv(const nps_gap *g, FILE *out)
{
    fputs("question,option_index,business,organisations,people,organisations_without_number,"
          "people_per_org,mark\n", out);
    for (size_t i = 0; i < g->n; i++) {
        const nps_gap_business *b = &g->b[i].pub;
        fprintf(out, "Q%d,%d,", b->question, b->option_index);
        nps_write_csv_field(out, b->label);
        fprintf(out, ",%ld,", b->organisations);
        write_people(out, b->people);
        fprintf(out, ",%ld,%.1f,%s\n", b->organisations_without_number,
                nps_round1(b->people_per_org), nps_gap_mark_name(b->mark));
    }
}

static void write_text(const nps_gap *g, FILE *out)
{
    const nps_gap_thresholds *t = &g->th;
    fputs("business  organisations  people  (no number)  people/org  mark\n", out);
    for (size_t i = 0; i < g->n; i++) {
        const nps_gap_business *b = &g->b[i].pub;
        fprintf(out, "Q%d-%d %s  %ld  ", b->question, b->option_index, b->label, b->organisations);
        write_people(out, b->people);
        fprintf(out, "  (%ld)  %.1f  %s\n", b->organisations_without_number,
                nps_round1(b->people_per_org), nps_gap_mark_name(b->mark));
    }
    fprintf(out, "\neligible businesses (>= %d organisations, one with a number): %zu\n",
            GAP_MIN_ORGS, t->eligible);
    if (!t->marking) {
        fprintf(out, "fewer than %d eligible businesses: nothing marked\n", GAP_MIN_ELIGIBLE);
        return;
    }
    fprintf(out, "organisations: median %.2f, P75 %.2f; people/org: median %.2f, P75 %.2f\n",
            t->organisations_median, t->organisations_p75, t->people_per_org_median,
            t->people_per_org_p75);
    fputs("high: people/org >= P75 and organisations <= median; "
          "low: organisations >= P75 and people/org <= median\n", out);
}

static void write_json(const nps_gap *g, FILE *out)
{
    const nps_gap_thresholds *t = &g->th;
    fprintf(out, "{\"thresholds\":{\"eligible\":%zu,\"marking\":%s,\"organisations_median\":%.10g,"
            "\"organisations_p75\":%.10g,\"people_per_org_median\":%.10g,"
            "\"people_per_org_p75\":%.10g},\n\"businesses\":[",
            t->eligible, t->marking ? "true" : "false", t->organisations_median,
            t->organisations_p75, t->people_per_org_median, t->people_per_org_p75);
    for (size_t i = 0; i < g->n; i++) {
        const nps_gap_business *b = &g->b[i].pub;
        fprintf(out, "%s{\"question\":%d,\"option_index\":%d,\"business\":", i ? ",\n" : "\n",
                b->question, b->option_index);
        nps_write_json_string(out, b->label);
        fprintf(out, ",\"other\":%s,\"organisations\":%ld,\"people\":", b->other ? "true" : "false",
                b->organisations);
        write_people(out, b->people);
        fprintf(out, ",\"organisations_without_number\":%ld,\"people_per_org\":%.1f,"
                "\"eligible\":%s,\"mark\":", b->organisations_without_number,
                nps_round1(b->people_per_org), b->eligible ? "true" : "false");
        if (b->mark == NPS_GAP_MARK_NONE)
            fputs("null", out);
        else
            nps_write_json_string(out, nps_gap_mark_name(b->mark));
        fputs(",\"orgs\":[", out);
        for (long k = 0; k < b->organisations; k++) {
            fputs(k ? "," : "", out);
            nps_write_json_string(out, nps_dataset_org_id(g->d, b->rows[k]));
        }
        fputs("]}", out);
    }
    fputs("\n]}\n", out);
}

nps_error nps_gap_write(const nps_gap *g, nps_table_format format, FILE *out)
{
    switch (format) {
    case NPS_FORMAT_CSV: write_csv(g, out); break;
    case NPS_FORMAT_JSON: write_json(g, out); break;
    default: write_text(g, out); break;
    }
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}
