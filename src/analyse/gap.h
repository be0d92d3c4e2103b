/*
 * gap.h — the gap chart data (docs/analysis.md; the seed's selection step 4):
 * for every business, how many organisations run it and how many people
 * those organisations are involved with (the "scramble population").
 *
 * Businesses are the options of the settings' gap_business_questions
 * (Q6–Q12), in questionnaire order, except exclusive "none applies" options;
 * an "other" option is a business labelled "Q6 その他". An organisation's
 * people = the sum of its answers to gap_staff_question's gap_staff_items
 * (Q13 ①–⑤) and to gap_users_question (Q16), a missing answer counting 0;
 * an organisation with none of these numbers "has no number".
 * For a business: organisations = organisations running it; people = the
 * sum of their people; people_per_org = people / organisations.
 *
 * Marking (the seed's red and blue circles). Eligible businesses are run by
 * ≥ 2 organisations of which ≥ 1 has a number. With at least 4 eligible
 * businesses, over the eligible ones (quantiles by linear interpolation,
 * type 7):
 *   HIGH (red: few organisations carry many people):
 *        people_per_org ≥ P75(people_per_org) and organisations ≤ median(organisations)
 *   LOW (blue: many organisations share few people):
 *        organisations ≥ P75(organisations) and people_per_org ≤ median(people_per_org)
 * A business meeting both (possible only when quantiles coincide) is not
 * marked. Details and reasons in docs/analysis.md.
 *
 * Ownership: nps_gap owns its businesses, labels and row arrays; it borrows
 * the dataset (ids) and questionnaire (labels), which must outlive it.
 */
#ifndef NPS_GAP_H
#define NPS_GAP_H

#include <stdbool.h>
#include <stdio.h>
#include "model/dataset.h"
#include "analyse/tables.h"

typedef enum nps_gap_mark {
    NPS_GAP_MARK_NONE,
    NPS_GAP_MARK_HIGH,   /* few organisations carry many people (red) */
    NPS_GAP_MARK_LOW     /* many organisations share few people (blue) */
} nps_gap_mark;

typedef struct nps_gap_business {
    int question;                /* e.g. 6 */
    int option_index;            /* 1-based option of the question's list */
    const char *label;           /* option label; "Q6 その他" for the other option */
    bool other;
    long organisations;          /* organisations running it */
    long organisations_without_number;
    double people;               /* sum of their people */
    double people_per_org;       /* people / organisations; 0 when no organisation */
    bool eligible;               /* counted in the quantiles */
    nps_gap_mark mark;
    const size_t *rows;          /* the `organisations` dataset rows running it, ascending */
} nps_gap_business;

typedef struct nps_gap_thresholds {
    size_t eligible;             /* eligible businesses */
    bool marking;                /* eligible ≥ 4: marks were assigned */
    double organisations_median, organisations_p75;
    double people_per_org_median, people_per_org_p75;
} nps_gap_thresholds;

/* nps_gap_build (include/npo-survey/analysis.h) builds the gap data of
 * `d`. *out is owned by the caller (nps_gap_free).
 * NPS_ERR_QUESTIONNAIRE when gap_business_questions is missing or names a
 * question that is not a multiple choice, or neither the staff nor the
 * users question exists; NPS_ERR_NOMEM. */

size_t nps_gap_count(const nps_gap *g);
const nps_gap_business *nps_gap_at(const nps_gap *g, size_t i);
const nps_gap_thresholds *nps_gap_get_thresholds(const nps_gap *g);
/* People of organisation `row` (NAN when it has no number at all). */
double nps_gap_org_people(const nps_gap *g, size_t row);
/* "high", "low" or "". */
const char *nps_gap_mark_name(nps_gap_mark mark);

/* nps_gap_write (include/npo-survey/analysis.h) writes the gap data. csv: `question,option_index,business,organisations,
 * people,organisations_without_number,people_per_org,mark` (question as
 * "Q6", people_per_org one decimal); text: a table and the thresholds; json:
 * thresholds and businesses with the ids of their organisations. */

#endif
