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

/* The labels of a list made ready once: the folded keys nps_near_option
 * would make of them on every call. Owned by the caller
 * (nps_near_labels_free); borrows nothing. */
typedef struct nps_near_labels nps_near_labels;
nps_error nps_near_labels_new(const nps_list *list, nps_near_labels **out);
/* nps_near_option(list, text, len) for the list `labels` was made from. */
int nps_near_option_in(const nps_near_labels *labels, const char *text, size_t len);
void nps_near_labels_free(nps_near_labels *labels);

#endif
