/*
 * near_memo.h — nps_near_option remembered per distinct text (see
 * near_memo.c). Private to src/read/.
 */
#ifndef NPS_NEAR_MEMO_H
#define NPS_NEAR_MEMO_H

#include <stddef.h>
#include "model/questionnaire.h"

typedef struct nps_near_memo nps_near_memo;

/* nps_near_option(list, text, len), looked up in *memo first and kept there
 * after (the memo is made on first use; *memo NULL at the start). A memo
 * belongs to one list and one thread. When the memo is full or cannot grow,
 * the answer is computed each time: the same answer, never an error of its
 * own. -1 only when nps_near_option ran out of memory (not remembered). */
int nps_near_memo_option(nps_near_memo **memo, const nps_list *list, const char *text, size_t len);

/* Entries held (for tests). */
size_t nps_near_memo_count(const nps_near_memo *memo);

void nps_near_memo_free(nps_near_memo *memo);

#endif
