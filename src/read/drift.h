/*
 * drift.h — checks that make an export that does not fit its questionnaire
 * loud (docs/annual-cycle.md, "Drift"): headers against labels, columns
 * without a question and questions without a column, repeated write-ins.
 * Private to src/read/.
 */
#ifndef NPS_DRIFT_H
#define NPS_DRIFT_H

#include "model/dataset.h"
#include "read/header.h"

struct reader;

/* Decode up to `max` code points of the UTF-8 string s into cp (a
 * truncated sequence at the end is taken as far as it goes); returns the
 * count. */
size_t nps_drift_code_points(const char *s, unsigned *cp, size_t max);
/* How close two keys (NFKC, no white space) are: 1 equal … 0 nothing in
 * common (longest common subsequence over the mean length). */
double nps_drift_closeness(const char *key_a, const char *key_b);
/* A numbered header of column `column` against its question: NPS_ERR_HEADER
 * (diag set) when its text is another question's label, a finding when it
 * is far from its own. */
nps_error nps_drift_check_header(struct reader *r, size_t column, const nps_header *h);
/* A finding naming a column that matches no question. */
nps_error nps_drift_log_unmatched_column(struct reader *r, size_t column);
/* Findings for questions (or fields) no column carries. */
nps_error nps_drift_log_missing_fields(struct reader *r);
/* Findings for write-ins given in the same words by several organisations
 * (after duplicates are removed). */
nps_error nps_drift_check_write_ins(nps_dataset *d);

#endif
