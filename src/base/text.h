/*
 * text.h — small UTF-8 text utilities shared by the reader and the outputs.
 *
 * Normalisation (docs/reading.md): labels are compared after NFKC (utf8proc) with
 * every white-space character removed. All functions take and return UTF-8;
 * results are malloc'ed and owned by the caller unless stated otherwise.
 */
#ifndef NPS_TEXT_H
#define NPS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if s[0..len) is valid UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). */
bool nps_utf8_valid(const char *s, size_t len);

/* NFKC-normalise and remove all white space (Unicode White_Space, incl. the
 * ideographic space U+3000). Returns NULL on invalid UTF-8 or allocation
 * failure. */
char *nps_text_key(const char *s, size_t len);

/* NFKC only (white space kept, but trimmed at both ends). NULL on failure. */
char *nps_text_nfkc(const char *s, size_t len);

/* NFKC without utf8proc for the text most answers are made of: ASCII,
 * full-width ASCII (→ ASCII), the ideographic space (→ U+0020), kana, CJK
 * ideographs and CJK punctuation. Writes the NFKC of s[0..len) and a NUL to
 * `out` (room for len + 1 bytes: this path never lengthens text) and returns
 * its length; returns (size_t)-1 — `out` then undefined — when s holds any
 * other character, a NUL byte or invalid UTF-8 (use nps_text_nfkc then). */
size_t nps_text_nfkc_fast(const char *s, size_t len, char *out);

/* Bounds [*start, *end) of s[0..len) without white space at either end
 * (what nps_text_trim copies), without allocating. */
void nps_text_trim_span(const char *s, size_t len, size_t *start, size_t *end);

/* Match a normalised key that may contain '?' (a CP932 substitution) against
 * a normalised label: each '?' in `key` stands for exactly one code point of
 * `label`. Exact match when key has no '?'. */
bool nps_text_wildcard_match(const char *key, const char *label);

/* Number of code points in a UTF-8 string (assumed valid). */
size_t nps_utf8_length(const char *s);

/* Copy at most max_bytes of s into a new string, cut at a code-point
 * boundary. */
char *nps_utf8_truncate(const char *s, size_t max_bytes);

/* Trim ASCII and Unicode white space at both ends, in place on a copy. */
char *nps_text_trim(const char *s, size_t len);

/* A code point no output can show (docs/robustness.md): a non-character
 * (U+FDD0–U+FDEF, U+nFFFE, U+nFFFF) or a control character other than TAB,
 * LF and CR (C0, DEL, C1). */
bool nps_text_unshowable(uint32_t cp);

/* A copy of s fit for a text layout (pango) in bounded time: invalid UTF-8,
 * unshowable code points and U+FFFD itself become 〓 (U+3013, the geta mark
 * Japanese print uses for a character that cannot be shown; the report's
 * fonts have no U+FFFD glyph), and a text of more than
 * max_chars code points (0: no cap) is cut after max_chars and `tail`
 * appended (may be NULL). Owned by the caller (nps_free); NULL when out of
 * memory. */
char *nps_text_for_layout(const char *s, size_t max_chars, const char *tail);

#endif
