/*
 * figures.h — every figure of the report as chart input (plain data of
 * present/chart_spec.h, nothing drawn), built from the tables and the analysis:
 * one per closed question (several for a group question whose items use
 * different bins), a Sankey per trouble category and for all troubles, the
 * gap chart and the theme counts.
 *
 * Kinds by question type: select_one / select_multiple → percent bars
 * (options in questionnaire order, その他 / none-applies / 無回答 last);
 * a question whose `chart` is donut → donut; matrix → 100% stacked bars over
 * the list (ordered palette); a group of number items → 100% stacked bars
 * over the bins (sequential palette); a single number field → bars over its
 * bins; rating → stars. Bins no organisation answered are left out of a
 * chart (the tables list them all) and the chart says so in its note. The
 * troubles matrix (Q22) is one chart per trouble category (figNN_q22_K,
 * each a figure of its own), so each prints at 7 pt or more.
 *
 * Numbering: figures are built in report order (questions in form order,
 * then the flows, the gap chart, the themes) and numbered by that place,
 * so a chart file, the workbook and the PDF give one figure one number.
 * The number a question's figure had in last year's report (questionnaire
 * `figure` column: Q6 was 図8) is kept beside it as `published`, for the
 * list of figures. File stems: figNN_qMM (figNN_qMM_K for the K-th chart
 * of a question), figNN_flow_K, figNN_flow_all, figNN_gap, figNN_themes.
 * Code finds a figure by its kind, question and index (nps_figures_find),
 * not by its stem.
 *
 * Ownership: nps_figures owns every string and array its charts point to;
 * it borrows nothing after nps_figures_build returns.
 */
#ifndef NPS_FIGURES_H
#define NPS_FIGURES_H

#include "present/chart_spec.h"
#include "analyse/gap.h"
#include "analyse/tables.h"
#include "analyse/themes.h"
#include "analyse/troubles.h"

typedef struct nps_figures nps_figures;

/* The theme chart's title when settings.csv gives no themes_title. */
#define NPS_THEMES_DEFAULT_TITLE "自由回答の課題テーマ"

/* What a figure shows; with nps_figure.question and .index it identifies
 * the figure (look it up with nps_figures_find, never by its file name). */
typedef enum nps_figure_kind {
    NPS_FIGURE_QUESTION = 1,  /* a closed question: .question, .index = its K-th chart - 1 */
    NPS_FIGURE_FLOW,          /* the Sankey of trouble category .index */
    NPS_FIGURE_FLOW_ALL,      /* the Sankey of all troubles (.index: its category) */
    NPS_FIGURE_GAP,           /* organisations × people per organisation */
    NPS_FIGURE_THEMES         /* free-text theme counts */
} nps_figure_kind;

typedef struct nps_figure {
    const char *name;       /* file stem, e.g. "fig01_q06" */
    int number;             /* 図N: its place in the report (the PDF's number too) */
    int published;          /* its number in last year's report (questionnaire `figure`), 0: none */
    int question;           /* form number, 0 for analysis figures */
    nps_figure_kind kind;
    size_t index;           /* QUESTION: 0-based chart of the question; FLOW(_ALL): category */
    int item;               /* QUESTION: item index of its first field (0: none); else 0 */
    const char *caption;    /* 図N（Qx）title — also the chart's title */
    nps_chart chart;
} nps_figure;

/* What the figures are made from; flows, gap and themes may be NULL (their
 * figures are then absent). */
typedef struct nps_figure_sources {
    const nps_dataset *dataset;
    const nps_tables *tables;
    const nps_flows *flows;
    const nps_gap *gap;
    const nps_themes *themes;
} nps_figure_sources;

nps_error nps_figures_build(const nps_figure_sources *src, nps_figures **out);
void nps_figures_free(nps_figures *f);
size_t nps_figures_count(const nps_figures *f);
const nps_figure *nps_figures_at(const nps_figures *f, size_t i);
/* The first figure of question `number`, or NULL. */
const nps_figure *nps_figures_of_question(const nps_figures *f, int number);
/* The figure of `kind`: for QUESTION the chart `index` (0-based) of
 * question `question`, for FLOW the Sankey of category `index`; both are
 * ignored for the kinds of which there is one. NULL if absent (also when f
 * is NULL). */
const nps_figure *nps_figures_find(const nps_figures *f, nps_figure_kind kind, int question,
                                   size_t index);

/* The charts of one question's tables: a matrix is one chart, consecutive
 * number items of a group with the same bins share one, every other table is
 * charted alone. ends[r] is one past the last table of chart r (ends holds
 * n entries); returns the number of charts. */
size_t nps_figures_table_runs(const nps_question *qu, const nps_table *const *tables, size_t n,
                              size_t *ends);

#endif
