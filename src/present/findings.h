/*
 * findings.h — the report's 主な結果: a short paragraph per theme (活動・事業,
 * 相談支援, 団体規模と利用者, 困りごとへの対応, 他機関との連携, 課題), built from
 * the tables, the flows, the themes and the per-organisation answers as the
 * questionnaire's findings.csv defines them (which question feeds which
 * theme, and the thresholds of derived counts such as 「継続的に支援している
 * 対象者」が8割以上の団体数). Format in questionnaire/README.md.
 *
 * Ownership: nps_findings owns its strings; nps_findings_free releases it.
 */
#ifndef NPS_FINDINGS_H
#define NPS_FINDINGS_H

#include "present/results.h"

typedef struct nps_findings nps_findings;

/* Build the findings of r. A questionnaire without findings.csv gives an
 * empty set (no theme). A row that names a question the survey does not
 * have, an unknown kind, or a field of the wrong type is
 * NPS_ERR_QUESTIONNAIRE, with file, line and reason in diag. */
nps_error nps_findings_build(const nps_results *r, nps_findings **out, nps_diag *diag);
void nps_findings_free(nps_findings *f);

/* Themes in the order of their first row; the paragraph of each. */
size_t nps_findings_count(const nps_findings *f);
const char *nps_findings_theme(const nps_findings *f, size_t i);
const char *nps_findings_text(const nps_findings *f, size_t i);

#endif
