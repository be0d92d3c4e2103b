/*
 * near.h — near misses of option labels (see near.c). Private to src/read/.
 */
#ifndef NPS_NEAR_H
#define NPS_NEAR_H

#include <stddef.h>
#include "model/questionnaire.h"

/* The 1-based option of `list` that text[0..len) nearly matches (one slip
 * away from it and from no other), 0 when none, -1 when out of memory. */
int nps_near_option(const nps_list *list, const char *text, size_t len);

#endif
