/*
 * report_pdf_summary.c — the 主な結果 chapter of the PDF report: one short
 * paragraph per theme (活動・事業, 相談支援, 団体規模と利用者, 困りごとへの対応,
 * 他機関との連携, 課題 in the seed's questionnaire), built by
 * present/findings.c from the questionnaire's findings.csv, then the note
 * on the margin of error.
 *
 * Invariants: every sentence comes from the findings (computed from the
 * results); nothing here names a file, command or option. A questionnaire
 * without findings.csv gives the chapter with its introduction and note
 * only.
 *
 * Ownership: the findings are built and freed here; r and d are borrowed.
 */
#include <stdio.h>
#include "base/alloc.h"
#include "present/findings.h"
#include "report/pdf/pdf_private.h"

static void themes(pdf_doc *d, const nps_findings *f)
{
    char head[256];
    for (size_t i = 0; i < nps_findings_count(f); i++) {
        const char *text = nps_findings_text(f, i);
        if (!text || !text[0])
            continue;
        snprintf(head, sizeof head, "【%s】", nps_findings_theme(f, i));
        nps_pdf_para(d, PS_H3, head);
        nps_pdf_keep_with_next(d);
        nps_pdf_para(d, PS_BODY, text);
    }
}

void nps_pdf_section_summary(pdf_doc *d, const nps_results *r, const char *n_text, const char *period)
{
    nps_findings *f = NULL;
    nps_error err = nps_findings_build(r, &f, NULL);
    long n = (long)nps_publication_count(r->publication);
    double lo = 0, hi = 0;

    nps_pdf_heading(d, 1, "主な結果", NULL);
    nps_pdf_paraf(d, PS_BODY, "回答団体数は%s（回答期間：%s）。結果の要点を分野ごとに以下に示す。", n_text, period);
    if (err != NPS_OK)
        nps_pdf_doc_fail(d, err);
    else
        themes(d, f);
    nps_wilson_interval(n / 2, n, &lo, &hi); /* the margin at 50%, as 付録2 states it */
    nps_pdf_paraf(d, PS_NOTE,
                  "割合は回答団体数に対する比率。回答団体数が少ないため、割合には±%.0fポイント程度の誤差がありうる"
                  "（付録2）。各項目の詳細は「設問別の結果」以降の図表を参照。", (hi - lo) * 50);
    nps_findings_free(f);
}
