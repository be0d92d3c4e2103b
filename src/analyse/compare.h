/*
 * compare.h — what changed between two waves of the survey
 * (docs/compare.md): for every matched or unmatched option of every closed
 * field (match_waves.h), the counts, bases and percents of each wave, the
 * change in points with Newcombe's interval for independent proportions,
 * and, over the panel — the organisations that answered both waves — the
 * paired counts a/b/c/d with Newcombe's paired interval (change.h).
 *
 * The panel links a new response to an old one by the same normalised
 * organisation name (read/register.h nps_org_name_key, as duplicates are
 * found) or, by_register, by the same organisation ID (both datasets given
 * their IDs by one organisation register). Each organisation is linked at
 * most once; a response without a name is not in the panel.
 *
 * Values are unrounded; writers round once (nps_round1). Labels and
 * question numbers point into the questionnaires; no organisation name is
 * kept. Ownership: nps_compare owns its rows and borrows the match, the
 * datasets and their questionnaires, which must outlive it.
 */
#ifndef NPS_COMPARE_H
#define NPS_COMPARE_H

#include <stdio.h>
#include "analyse/match_waves.h"
#include "model/dataset.h"
#include "npo-survey/analysis.h"

typedef struct nps_compare_row {
    nps_wave_status status;
    int question;          /* the new wave's number (the old one's for status old) */
    int old_question;      /* the old wave's number, 0 when not in the old wave */
    int item_index;        /* 0 for a single-field question */
    const char *item;      /* "" for a single-field question */
    int option_index;      /* 0 = the 無回答 row */
    const char *option;
    bool by_crosswalk;     /* the question, row or option was matched by the crosswalk */
    long count_old, base_old, count_new, base_new;
    double percent_old, percent_new;        /* points */
    double change, change_low, change_high; /* points, new − old; status both only */
    long a, b, c, d;       /* panel: chose both times, only new, only old, neither */
    double panel_old, panel_new, panel_change, panel_low, panel_high; /* points */
} nps_compare_row;

typedef struct nps_compare nps_compare;

nps_error nps_compare_build(const nps_dataset *old_d, const nps_dataset *new_d, const nps_wave_match *m,
                            bool by_register, nps_compare **out);
size_t nps_compare_row_count(const nps_compare *c);
const nps_compare_row *nps_compare_row_at(const nps_compare *c, size_t i);
/* Organisations in both waves. */
size_t nps_compare_panel(const nps_compare *c);
const nps_wave_match *nps_compare_match(const nps_compare *c);
void nps_compare_free(nps_compare *c);

/* Write the comparison (compare_write.c). csv: the columns of
 * docs/compare.md, one row per option; text and json also hold the
 * matching (questions only in one wave, matched through the crosswalk) and
 * the flows of both waves side by side (flows may be NULL: not written).
 * labels: the two waves' names, e.g. "2023" and "2024". */
typedef struct nps_compare_labels {
    const char *old_label, *new_label;
} nps_compare_labels;
nps_error nps_compare_write(const nps_compare *c, const nps_flows *old_flows, const nps_flows *new_flows,
                            const nps_compare_labels *labels, nps_table_format format, FILE *out);

#endif
