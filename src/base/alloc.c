/*
 * alloc.c — allocation wrappers with optional failure injection (see
 * alloc.h). The counter is process-global and not thread-safe; the
 * fail-injection build is for single-threaded tests only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"

static long fail_after = -1;
static long alloc_count;

static int should_fail(void)
{
#ifdef NPS_FAILALLOC
    alloc_count++;
    return fail_after >= 0 && alloc_count > fail_after;
#else
    return 0;
#endif
}

void nps_alloc_fail_after(long n)
{
    fail_after = n;
    alloc_count = 0;
}

long nps_alloc_count(void) { return alloc_count; }

void *nps_malloc(size_t size) { return should_fail() ? NULL : malloc(size ? size : 1); }

void *nps_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *nps_realloc(void *p, size_t size) { return should_fail() ? NULL : realloc(p, size ? size : 1); }

void nps_free(void *p) { free(p); }

char *nps_strndup(const char *s, size_t len)
{
    char *c = nps_malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

char *nps_strdup(const char *s) { return nps_strndup(s, strlen(s)); }

nps_error nps_grow(void **array, size_t *cap, size_t need, size_t elem, size_t first)
{
    size_t n = *cap ? *cap : (first ? first : 1);
    void *grown;

    if (need <= *cap)
        return NPS_OK;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NPS_ERR_NOMEM;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return NPS_ERR_NOMEM;
    if (!(grown = nps_realloc(*array, n * elem)))
        return NPS_ERR_NOMEM;
    *array = grown;
    *cap = n;
    return NPS_OK;
}
