/*
 * text_memo.h — a memo of per-text results keyed by the text's bytes: the
 * masked form of a free text is computed once per distinct text however many
 * organisations wrote it (docs/benchmarks.md).
 *
 * Invariants: a key is stored once and borrowed, not copied (callers key
 * by texts of the dataset, which outlives the memo); a value handed to
 * nps_text_memo_put belongs to the memo from then on and lives until
 * nps_text_memo_free; lookups never allocate. Not thread-safe: one memo
 * per builder.
 */
#ifndef NPS_ANALYSE_TEXT_MEMO_H
#define NPS_ANALYSE_TEXT_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include "base/error.h"

typedef struct nps_text_memo nps_text_memo;

/* NULL when out of memory. */
nps_text_memo *nps_text_memo_new(void);
void nps_text_memo_free(nps_text_memo *m);

/* The value stored for the `len` bytes of `key`; *found says whether there
 * is one (a stored value may be NULL). */
char *nps_text_memo_get(const nps_text_memo *m, const char *key, size_t len, bool *found);

/* Store `value` (taken: freed with the memo, also when this fails) for a key
 * not yet stored; the key's bytes must stay unchanged while the memo lives.
 * NPS_ERR_NOMEM on allocation failure. */
nps_error nps_text_memo_put(nps_text_memo *m, const char *key, size_t len, char *value);

#endif
