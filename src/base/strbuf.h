/*
 * strbuf.h — the library's one growing string.
 *
 * A zero-initialised nps_strbuf ({0}) is an empty string. Appends grow the
 * buffer by doubling through the allocation hook (base/alloc.h). A failed
 * allocation sets `failed`, which is sticky: later appends do nothing and the
 * text stays what it was, so a writer can append freely and check once.
 *
 * Invariants: when s is non-NULL it is NUL-terminated at s[len]; len < cap.
 * Ownership: the buffer owns s; nps_strbuf_take hands it to the caller,
 * nps_strbuf_free releases it. Either leaves the buffer empty and reusable.
 */
#ifndef NPS_STRBUF_H
#define NPS_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct nps_strbuf {
    char *s;          /* NUL-terminated when non-NULL */
    size_t len, cap;
    bool failed;      /* an allocation failed: the text is incomplete */
} nps_strbuf;

/* Room for `extra` more bytes (and the NUL); false after a failure. */
bool nps_strbuf_reserve(nps_strbuf *b, size_t extra);
void nps_strbuf_addn(nps_strbuf *b, const char *text, size_t n);
/* Append text; NULL appends nothing. */
void nps_strbuf_add(nps_strbuf *b, const char *text);
void nps_strbuf_addf(nps_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The same with a va_list (the caller va_starts and va_ends it). */
void nps_strbuf_vaddf(nps_strbuf *b, const char *fmt, va_list ap);
/* The text so far; "" when empty. Borrowed: valid until the next append. */
const char *nps_strbuf_get(const nps_strbuf *b);
/* Forget the text but keep the allocation (and clear `failed`). */
void nps_strbuf_clear(nps_strbuf *b);
/* The text, owned by the caller (nps_free), or NULL when it is empty or an
 * allocation failed; the buffer is empty afterwards either way. */
char *nps_strbuf_take(nps_strbuf *b);
void nps_strbuf_free(nps_strbuf *b);

#endif
