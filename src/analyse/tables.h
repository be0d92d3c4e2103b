/*
 * tables.h — frequency tables of every closed question (docs/tables.md).
 *
 * One nps_table per (question, item): for choice fields one row per option in
 * questionnaire order, for number fields one row per bin, for ratings one row
 * per star count, each followed by a final 無回答 row (option_index 0).
 * Percent = count × 100 / base (base = number of responses); multiple-choice
 * percents are percent of cases and may sum past 100. Each row carries the
 * 95% Wilson score interval of its proportion.
 *
 * Ownership: nps_tables owns every table and row; strings point into the
 * questionnaire (which must outlive the tables) or into the tables.
 */
#ifndef NPS_TABLES_H
#define NPS_TABLES_H

#include <stdio.h>
#include "base/format.h"
#include "model/dataset.h"
#include "npo-survey/analysis.h"

typedef struct nps_table_row {
    int option_index;      /* 1-based; 0 = the 無回答 row */
    const char *option;    /* label; "無回答" on the last row */
    long count;
    double percent;        /* count * 100 / base, unrounded */
    double ci_low, ci_high;/* 95% Wilson interval, in percent */
} nps_table_row;

typedef struct nps_table {
    const nps_question *question;
    const nps_field *field;
    int item_index;        /* 0 for single-field questions */
    const char *item;      /* item/row label, "" for single-field questions */
    long base;
    size_t n_rows;         /* options + 1 (無回答 last) */
    const nps_table_row *rows;
} nps_table;

/* nps_tables_build, nps_tables_write(_opts) and nps_tables_free are public
 * (include/npo-survey/analysis.h); these accessors are the library's own. */
size_t nps_tables_count(const nps_tables *t);
const nps_table *nps_tables_at(const nps_tables *t, size_t i);
/* The table of question `number`, item `item_index` (0 single-field), or NULL. */
const nps_table *nps_tables_find(const nps_tables *t, int number, int item_index);

/* 95% Wilson score interval for k successes in n, as proportions in [0,1].
 * n == 0 gives [0,0]. */
void nps_wilson_interval(long k, long n, double *low, double *high);

#endif
