/*
 * alloc.c — allocation wrappers with optional failure injection (see
 * alloc.h). The counter is process-global and not thread-safe; the
 * fail-injection build is for single-threaded tests only.
 */
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
