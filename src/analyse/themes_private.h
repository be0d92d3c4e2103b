/*
 * themes_private.h — what themes.c shares with free_texts_ahead.c, which
 * masks the listings' texts ahead: how one text is masked and which fields
 * a listing takes, so that both files agree by construction. Not a public
 * interface.
 */
#ifndef NPS_ANALYSE_THEMES_PRIVATE_H
#define NPS_ANALYSE_THEMES_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include "analyse/mask.h"
#include "model/questionnaire.h"

/* Mask `raw` (len bytes): *masked its masked text (nps_free), *blank
 * whether it keys to nothing. NPS_ERR_NOMEM. */
nps_error nps_themes_mask_one(const nps_masker *m, const char *raw, size_t len, char **masked, bool *blank);

/* Whether a listing takes f's texts: text fields always, select fields'
 * write-ins when `write_ins`; never a personal field. */
bool nps_themes_field_listed(const nps_field *f, bool write_ins);

#endif
