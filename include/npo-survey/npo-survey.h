/*
 * npo-survey.h — the public API of libnpo-survey: read a survey export with
 * its questionnaire, tabulate it, analyse the troubles, and write the report.
 *
 *     nps_questionnaire *q;  nps_dataset *d;  nps_tables *t;  nps_diag diag;
 *     nps_questionnaire_load_default(&q, &diag);
 *     nps_read_export("responses.csv", q, NULL, &d, &diag);
 *     nps_tables_build(d, &t);
 *     nps_tables_write(t, NPS_FORMAT_CSV, stdout);
 *     nps_tables_free(t); nps_dataset_free(d); nps_questionnaire_free(q);
 *
 * Every function that can fail returns an nps_error (nps_strerror names it)
 * and, where a file and line are known, fills the caller's nps_diag. The
 * library never prints. Build with `pkg-config --cflags --libs --static
 * npo-survey`. docs/architecture.md describes what lies behind this API.
 */
#ifndef NPS_PUBLIC_NPO_SURVEY_H
#define NPS_PUBLIC_NPO_SURVEY_H

#include "npo-survey/export.h"
#include "npo-survey/error.h"
#include "npo-survey/questionnaire.h"
#include "npo-survey/dataset.h"
#include "npo-survey/analysis.h"
#include "npo-survey/report.h"
#include "npo-survey/handoff.h"
#include "npo-survey/register.h"

/* The library's version, "MAJOR.MINOR.PATCH". */
NPS_API const char *nps_version(void);

#endif
