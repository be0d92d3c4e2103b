/*
 * tables.c — frequency tables (docs/tables.md) and their text / CSV / JSON forms.
 *
 * Counting is one pass over each column of the dataset into the table's rows
 * (option_index i at rows[i-1], 無回答 last), done by the dataset on its
 * own arrays (nps_dataset_tally). Percent is count × 100 / base;
 * printing rounds half away from zero to one decimal. The Wilson interval is
 * computed from the exact counts.
 *
 * Invariants: every table has n_rows = options + 1; the counts of a
 * single-choice, rating or number table sum to the base; a multiple-choice
 * table's 無回答 row counts the respondents with an empty set.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/tables.h"
#include "base/emit.h"

#define NO_ANSWER "無回答"

static const char *const STAR_LABELS[10] = {
    "★", "★★", "★★★", "★★★★", "★★★★★", "★★★★★★", "★★★★★★★", "★★★★★★★★",
    "★★★★★★★★★", "★★★★★★★★★★"};

struct nps_tables {
    size_t n, cap;
    nps_table *tables;
};

void nps_wilson_interval(long k, long n, double *low, double *high)
{
    const double z = 1.959963984540054; /* two-sided 95% */
    if (n <= 0) {
        *low = *high = 0.0;
        return;
    }
    double p = (double)k / (double)n, z2 = z * z, nn = (double)n;
    double denom = 1.0 + z2 / nn;
    double centre = (p + z2 / (2.0 * nn)) / denom;
    double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
    *low = centre - half < 0.0 ? 0.0 : centre - half;
    *high = centre + half > 1.0 ? 1.0 : centre + half;
    if (k == 0)
        *low = 0.0;
    if (k == n)
        *high = 1.0;
}

static size_t option_count(const nps_field *f)
{
    if (f->type == NPS_F_RATING)
        return 10;
    if (f->type == NPS_F_NUMBER)
        return f->bins->n_bins;
    return f->list ? f->list->n_options : 0;
}

static const char *option_label(const nps_field *f, size_t i)
{
    if (f->type == NPS_F_RATING)
        return STAR_LABELS[i];
    if (f->type == NPS_F_NUMBER)
        return f->bins->bins[i].label;
    return f->list->options[i].label;
}

static nps_error build_table(const nps_dataset *d, const nps_question *qu, const nps_field *f,
                             nps_table *t)
{
    size_t n_options = option_count(f);
    long base = (long)nps_dataset_count(d);
    long *counts = nps_calloc(n_options + 1, sizeof *counts);
    nps_table_row *rows = nps_calloc(n_options + 1, sizeof *rows);
    if (!counts || !rows) {
        nps_free(counts);
        nps_free(rows);
        return NPS_ERR_NOMEM;
    }
    nps_dataset_tally(d, f, counts, n_options);
    for (size_t i = 0; i <= n_options; i++) {
        nps_table_row *row = &rows[i];
        row->option_index = i < n_options ? (int)i + 1 : 0;
        row->option = i < n_options ? option_label(f, i) : NO_ANSWER;
        row->count = counts[i];
        row->percent = base ? (double)counts[i] * 100.0 / (double)base : 0.0;
        nps_wilson_interval(counts[i], base, &row->ci_low, &row->ci_high);
        row->ci_low *= 100.0;
        row->ci_high *= 100.0;
    }
    nps_free(counts);
    *t = (nps_table){qu, f, f->item_index, f->item_index ? f->label : "", base, n_options + 1, rows};
    return NPS_OK;
}

static bool is_closed(const nps_field *f)
{
    return f->type != NPS_F_TEXT && f->personal == NPS_PERSONAL_NONE;
}

nps_error nps_tables_build(const nps_dataset *d, nps_tables **out)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    nps_tables *t = nps_calloc(1, sizeof *t);
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    if (!t)
        return err;
    t->cap = nps_questionnaire_field_count(q);
    t->tables = nps_calloc(t->cap ? t->cap : 1, sizeof *t->tables);
    if (!t->tables)
        goto cleanup;
    err = NPS_OK;
    for (size_t i = 0; i < nps_questionnaire_question_count(q) && err == NPS_OK; i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        for (size_t k = 0; k < qu->n_fields && err == NPS_OK; k++)
            if (is_closed(qu->fields[k]) && !nps_dataset_field_absent(d, qu->fields[k]) && (err = build_table(d, qu, qu->fields[k], &t->tables[t->n])) == NPS_OK)
                t->n++;
    }
cleanup:
    if (err != NPS_OK) {
        nps_tables_free(t);
        return err;
    }
    *out = t;
    return NPS_OK;
}

void nps_tables_free(nps_tables *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        nps_free((void *)t->tables[i].rows);
    nps_free(t->tables);
    nps_free(t);
}

size_t nps_tables_count(const nps_tables *t) { return t->n; }

const nps_table *nps_tables_at(const nps_tables *t, size_t i)
{
    return i < t->n ? &t->tables[i] : NULL;
}

const nps_table *nps_tables_find(const nps_tables *t, int number, int item_index)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->tables[i].question->number == number && t->tables[i].item_index == item_index)
            return &t->tables[i];
    return NULL;
}

/* ---------- writers ---------- */

static void write_csv(const nps_tables *t, bool intervals, FILE *out)
{
    fputs(intervals ? "question,item_index,item,option_index,option,count,base,percent,ci_low,ci_high\n"
                    : "question,item_index,item,option_index,option,count,base,percent\n", out);
    for (size_t i = 0; i < t->n; i++) {
        const nps_table *tb = &t->tables[i];
        for (size_t r = 0; r < tb->n_rows; r++) {
            const nps_table_row *row = &tb->rows[r];
            fprintf(out, "Q%d,", tb->question->number);
            if (tb->item_index)
                fprintf(out, "%d", tb->item_index);
            fputc(',', out);
            nps_write_csv_field(out, tb->item);
            fputc(',', out);
            if (row->option_index)
                fprintf(out, "%d", row->option_index);
            fputc(',', out);
            nps_write_csv_field(out, row->option);
            fprintf(out, ",%ld,%ld,%.1f", row->count, tb->base, nps_round1(row->percent));
            if (intervals)
                fprintf(out, ",%.1f,%.1f", nps_round1(row->ci_low), nps_round1(row->ci_high));
            fputc('\n', out);
        }
    }
}

static void write_json_table(const nps_table *tb, FILE *out)
{
    fprintf(out, "    {\"question\": \"Q%d\", \"type\": ", tb->question->number);
    nps_write_json_string(out, tb->field->type == NPS_F_SELECT_MULTIPLE ? "multiple" :
                     tb->field->type == NPS_F_NUMBER ? "bins" :
                     tb->field->type == NPS_F_RATING ? "rating" : "single");
    fputs(", \"title\": ", out);
    nps_write_json_string(out, tb->question->title);
    if (tb->item_index) {
        fprintf(out, ", \"item_index\": %d, \"item\": ", tb->item_index);
        nps_write_json_string(out, tb->item);
    }
    fprintf(out, ", \"base\": %ld, \"rows\": [\n", tb->base);
    for (size_t r = 0; r < tb->n_rows; r++) {
        const nps_table_row *row = &tb->rows[r];
        fputs("      {\"option_index\": ", out);
        if (row->option_index)
            fprintf(out, "%d", row->option_index);
        else
            fputs("null", out);
        fputs(", \"option\": ", out);
        nps_write_json_string(out, row->option);
        fprintf(out, ", \"count\": %ld, \"percent\": %.1f, \"ci95\": [%.1f, %.1f]}%s\n", row->count,
                nps_round1(row->percent), nps_round1(row->ci_low), nps_round1(row->ci_high),
                r + 1 < tb->n_rows ? "," : "");
    }
    fputs("    ]}", out);
}

static void write_json(const nps_tables *t, FILE *out)
{
    fputs("{\n  \"tables\": [\n", out);
    for (size_t i = 0; i < t->n; i++) {
        write_json_table(&t->tables[i], out);
        fputs(i + 1 < t->n ? ",\n" : "\n", out);
    }
    fputs("  ]\n}\n", out);
}

static void write_text_table(const nps_table *tb, FILE *out)
{
    fprintf(out, "Q%d", tb->question->number);
    if (tb->item_index)
        fprintf(out, "-%d %s", tb->item_index, tb->item);
    else
        fprintf(out, " %s", tb->question->title);
    fprintf(out, "%s  (n=%ld)\n", tb->field->type == NPS_F_SELECT_MULTIPLE ? "  [複数回答]" : "", tb->base);
    for (size_t r = 0; r < tb->n_rows; r++) {
        const nps_table_row *row = &tb->rows[r];
        fprintf(out, "  %5ld  %5.1f%%  [%5.1f–%5.1f]  ", row->count, nps_round1(row->percent),
                nps_round1(row->ci_low), nps_round1(row->ci_high));
        if (row->option_index)
            fprintf(out, "%2d. ", row->option_index);
        else
            fputs("    ", out);
        fprintf(out, "%s\n", row->option);
    }
    fputc('\n', out);
}

nps_error nps_tables_write(const nps_tables *t, nps_table_format format, FILE *out)
{
    return nps_tables_write_opts(t, format, 0, out);
}

nps_error nps_tables_write_opts(const nps_tables *t, nps_table_format format, unsigned flags,
                                FILE *out)
{
    switch (format) {
    case NPS_FORMAT_CSV:
        write_csv(t, (flags & NPS_TABLES_CSV_INTERVALS) != 0, out);
        break;
    case NPS_FORMAT_JSON:
        write_json(t, out);
        break;
    case NPS_FORMAT_TEXT:
        for (size_t i = 0; i < t->n; i++)
            write_text_table(&t->tables[i], out);
        break;
    }
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}
