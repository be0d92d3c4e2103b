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
 * chart (the tables list them all) and the chart says so in its note.
 *
 * Numbering: a question's figure keeps the number it had in the published
 * report (questionnaire `figure` column: 図8 is Q6) so that committees can
 * compare years; the other figures are numbered after the highest
 * published number, in report order. File stems are stable: figNN_qMM
 * (figNN_qMM_K for the K-th chart of a question), figNN_flow_K,
 * figNN_flow_all, figNN_gap, figNN_themes.
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

typedef struct nps_figure {
    const char *name;       /* file stem, e.g. "fig08_q06" */
    int number;             /* 図N */
    int question;           /* form number, 0 for analysis figures */
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

#endif
