/*
 * npo-survey/analysis.h — what is computed from a dataset: the tables of
 * every closed question with 95% intervals (docs/tables.md), the response
 * flows of the troubles by category, the gap data and the free-text themes
 * (docs/analysis.md), each written as text, CSV or JSON.
 *
 * Ownership: each *_build gives the caller a handle to release with its
 * *_free; every handle borrows the dataset, which must outlive it.
 */
#ifndef NPS_PUBLIC_ANALYSIS_H
#define NPS_PUBLIC_ANALYSIS_H

#include <stdio.h>
#include "npo-survey/dataset.h"
#include "npo-survey/error.h"
#include "npo-survey/export.h"

typedef enum nps_table_format {
    NPS_FORMAT_TEXT,
    NPS_FORMAT_CSV,
    NPS_FORMAT_JSON
} nps_table_format;

typedef struct nps_tables nps_tables;
typedef struct nps_flows nps_flows;
typedef struct nps_gap nps_gap;

/* Tabulate every closed field of the dataset. */
NPS_API nps_error nps_tables_build(const nps_dataset *d, nps_tables **out);
/* CSV columns question,item_index,item,option_index,option,count,base,percent;
 * text and JSON include the 95% intervals. NPS_ERR_IO on a write error. */
NPS_API nps_error nps_tables_write(const nps_tables *t, nps_table_format format, FILE *out);
/* Flags of nps_tables_write_opts. */
enum { NPS_TABLES_CSV_INTERVALS = 1 }; /* CSV: add ci_low,ci_high columns */
NPS_API nps_error nps_tables_write_opts(const nps_tables *t, nps_table_format format,
                                        unsigned flags, FILE *out);
NPS_API void nps_tables_free(nps_tables *t);

/* The flows of the troubles question by category (pseudonymous ids only).
 * NPS_ERR_QUESTIONNAIRE when the questionnaire has no troubles question. */
NPS_API nps_error nps_flows_build(const nps_dataset *d, nps_flows **out);
/* CSV columns category,node,count,percent. */
NPS_API nps_error nps_flows_write(const nps_flows *f, nps_table_format format, FILE *out);
NPS_API void nps_flows_free(nps_flows *f);

/* Organisations and people per business, the gap chart's data. */
NPS_API nps_error nps_gap_build(const nps_dataset *d, nps_gap **out);
NPS_API nps_error nps_gap_write(const nps_gap *g, nps_table_format format, FILE *out);
NPS_API void nps_gap_free(nps_gap *g);

#endif
