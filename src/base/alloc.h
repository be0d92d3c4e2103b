/*
 * alloc.h — every allocation of the library goes through these wrappers so
 * that a test build (NPS_FAILALLOC) can make the N-th allocation fail and
 * check that each failure is reported as NPS_ERR_NOMEM, never a crash.
 * In normal builds they are the C library's functions.
 */
#ifndef NPS_ALLOC_H
#define NPS_ALLOC_H

#include <stddef.h>
#include "base/error.h"

void *nps_malloc(size_t size);
void *nps_calloc(size_t n, size_t size);
void *nps_realloc(void *p, size_t size);
void nps_free(void *p);
char *nps_strdup(const char *s);
char *nps_strndup(const char *s, size_t len);

/* The one growth idiom of the library: make *array hold at least `need`
 * elements of `elem` bytes, doubling its capacity from `first` (or from the
 * current *cap). Returns NPS_OK, or NPS_ERR_NOMEM (on a failed allocation or
 * a size that would overflow) leaving *array and *cap as they were. */
nps_error nps_grow(void **array, size_t *cap, size_t need, size_t elem, size_t first);

/* Fail-injection control (effective only in NPS_FAILALLOC builds): after
 * `n` more successful allocations every allocation fails; n < 0 disables. */
void nps_alloc_fail_after(long n);
/* Allocations made since the last nps_alloc_fail_after call. */
long nps_alloc_count(void);

#endif
