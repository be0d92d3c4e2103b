/*
 * npo-survey/questionnaire.h — what was asked: the questionnaire that gives
 * an export its meaning (questionnaire/README.md describes its CSV files).
 *
 * Ownership: a loaded questionnaire belongs to the caller and must outlive
 * every dataset read with it; nps_questionnaire_free releases it.
 */
#ifndef NPS_PUBLIC_QUESTIONNAIRE_H
#define NPS_PUBLIC_QUESTIONNAIRE_H

#include "npo-survey/error.h"
#include "npo-survey/export.h"

typedef struct nps_questionnaire nps_questionnaire;

/* The questionnaire built into the library (the 2023 survey). */
NPS_API nps_error nps_questionnaire_load_default(nps_questionnaire **out, nps_diag *diag);
/* The CSV files of folder `dir`; every problem is reported with file and line. */
NPS_API nps_error nps_questionnaire_load_dir(const char *dir, nps_questionnaire **out,
                                             nps_diag *diag);
NPS_API void nps_questionnaire_free(nps_questionnaire *q);

#endif
