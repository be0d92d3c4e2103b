/*
 * selection.h — the reading of the trouble flows and the candidate list of
 * the seed's selection method (docs/analysis.md, "Selection method"):
 *   step 3: a category stands out when its share of 把握していない answers is
 *           at least NPS_SELECTION_STANDOUT_POINTS above the share over all
 *           categories; its list is the organisations that know none of
 *           the category's troubles;
 *   step 4: the candidates are the organisations of those lists that run
 *           a business the gap analysis marked (red or blue).
 *
 * Ownership: the candidate array and its strings are owned by the caller
 * (nps_selection_candidates_free); ids and names are borrowed from the flows.
 */
#ifndef NPS_SELECTION_H
#define NPS_SELECTION_H

#include <stdbool.h>
#include "base/strbuf.h"
#include "present/results.h"
#include "analyse/gap.h"
#include "analyse/troubles.h"

#define NPS_SELECTION_STANDOUT_POINTS 5.0

/* Does category c (not the last, 全体) stand out? */
bool nps_selection_stands_out(const nps_flows *f, size_t c);

/* The reading of category c in words: its 把握していない share against the
 * whole, and how much of what is known is handled and with partners. */
void nps_selection_category_reading(nps_strbuf *sb, const nps_flows *f, size_t c);

/* "「人間関係」「環境の変化」「家庭起因」": the categories that stand out;
 * returns how many. */
size_t nps_selection_standouts(nps_strbuf *sb, const nps_flows *f);

typedef struct nps_candidate {
    const char *id;          /* R007 */
    const char *name;        /* NULL unless the flows reveal names */
    char *categories;        /* 人間関係・家庭起因 */
    char *businesses;        /* Q6 子ども食堂…（赤）、… */
} nps_candidate;

/* Step 4's list, in row order; empty without flows or gap. */
nps_error nps_selection_candidates(const nps_results *r, nps_candidate **out, size_t *n);
void nps_selection_candidates_free(nps_candidate *c, size_t n);

#endif
