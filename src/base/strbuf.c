/*
 * strbuf.c — the growing string of strbuf.h. Growth doubles from 128 bytes
 * (nps_grow); a failure is recorded in `failed` and never reported twice.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/strbuf.h"

bool nps_strbuf_reserve(nps_strbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra >= (size_t)-1 - b->len ||
        nps_grow((void **)&b->s, &b->cap, b->len + extra + 1, 1, 128) != NPS_OK) {
        b->failed = true;
        return false;
    }
    return true;
}

void nps_strbuf_addn(nps_strbuf *b, const char *text, size_t n)
{
    if (!nps_strbuf_reserve(b, n))
        return;
    memcpy(b->s + b->len, text, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void nps_strbuf_add(nps_strbuf *b, const char *text)
{
    if (text)
        nps_strbuf_addn(b, text, strlen(text));
}

void nps_strbuf_vaddf(nps_strbuf *b, const char *fmt, va_list ap)
{
    char small[128];
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0)
        b->failed = true;
    else if ((size_t)n < sizeof small)
        nps_strbuf_addn(b, small, (size_t)n);
    else if (nps_strbuf_reserve(b, (size_t)n)) {
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void nps_strbuf_addf(nps_strbuf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    nps_strbuf_vaddf(b, fmt, ap);
    va_end(ap);
}

const char *nps_strbuf_get(const nps_strbuf *b) { return b->s ? b->s : ""; }

void nps_strbuf_clear(nps_strbuf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->s)
        b->s[0] = '\0';
}

char *nps_strbuf_take(nps_strbuf *b)
{
    char *s = (b->failed || b->len == 0) ? NULL : b->s;

    if (!s)
        nps_free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = false;
    return s;
}

void nps_strbuf_free(nps_strbuf *b)
{
    nps_free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}
