/*
 * results.h — everything computed from one dataset, in one handle: the
 * tables, the trouble flows, the gap data, the masker, the themes, the
 * masked free texts, the figures, and the publication: the masked view of
 * the responses (analyse/publish.h) through which alone the report writers
 * read them. The charts and report commands and the report writers take
 * this bundle, so each result is computed once.
 *
 * A questionnaire without a troubles matrix, gap settings or theme settings
 * simply has no flows / gap / themes (NULL), not an error.
 *
 * Ownership: nps_results owns every member; it borrows the dataset, which
 * must outlive it.
 */
#ifndef NPS_RESULTS_H
#define NPS_RESULTS_H

#include "npo-survey/report.h"
#include "present/figures.h"
#include "analyse/mask.h"
#include "analyse/publish.h"
#include "analyse/text_memo.h"

struct nps_results {
    const nps_dataset *dataset;/* not for the report writers: they use publication */
    nps_tables *tables;
    nps_flows *flows;          /* NULL when the questionnaire has no troubles question */
    nps_gap *gap;              /* NULL without gap settings */
    nps_masker *masker;
    nps_text_memo *masked;     /* raw free text → masked, shared by themes and free_texts */
    nps_themes *themes;        /* NULL without themes */
    nps_free_texts *free_texts;/* NULL without free_text_questions */
    nps_figures *figures;
    nps_publication *publication; /* what may be published of the responses */
};

/* nps_results_build and nps_results_free: include/npo-survey/report.h. */

#endif
