/*
 * settings_load.h — settings.csv (key,value) → the typed nps_settings of the
 * questionnaire being loaded (read/questionnaire_load.c calls it after
 * survey.csv, so every question number can be checked).
 */
#ifndef NPS_SETTINGS_LOAD_H
#define NPS_SETTINGS_LOAD_H

#include "model/questionnaire_build.h"
#include "read/sheet.h"

/* Parse and check every row of `s` into q->settings; the first problem is
 * an NPS_ERR_QUESTIONNAIRE naming s->file, the line and the key or value. */
nps_error nps_settings_load(nps_questionnaire *q, const nps_sheet *s, nps_diag *diag);

#endif
