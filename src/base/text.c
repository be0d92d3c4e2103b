/*
 * text.c — UTF-8 validation, NFKC keys, trimming and the '?' wildcard.
 *
 * Invariants:
 * - Every function returning char * returns a fresh NUL-terminated buffer
 *   from malloc, owned by the caller (free()), or NULL; never a pointer into
 *   its input. Nothing here keeps state.
 * - NFKC is utf8proc's (STABLE|COMPOSE|COMPAT). Before calling it we validate
 *   the input with our own strict decoder (utf8_decode), which is the
 *   contract of nps_utf8_valid: shortest form only, no surrogates, nothing
 *   above U+10FFFF, no truncated sequence.
 * - "White space" is exactly the Unicode White_Space property
 *   (is_white_space), which includes U+3000 and U+00A0.
 * - Inputs are (pointer, length) and may hold NUL bytes. A NUL cannot survive
 *   into a C string, so nps_text_key and nps_text_nfkc reject it (NULL) rather
 *   than silently cut the text there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "base/text.h"

#define NPS_NFKC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT)

/* Decode one code point at s[0..len). Returns its byte length (1-4) and sets
 * *cp, or 0 when the bytes there are not a well-formed UTF-8 sequence
 * (RFC 3629 table 3-7: overlongs, surrogates, > U+10FFFF, truncation). */
static size_t utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned char b0, lo = 0x80, hi = 0xBF;
    size_t n, i;
    int32_t v;

    if (len == 0)
        return 0;
    b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
        v = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        v = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;          /* overlong below U+0800 */
        else if (b0 == 0xED)
            hi = 0x9F;          /* surrogates U+D800..DFFF */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        v = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;          /* overlong below U+10000 */
        else if (b0 == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        return 0;               /* continuation byte, C0, C1, F5..FF */
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        unsigned char b = s[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
            return 0;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return n;
}

/* The Unicode White_Space property (PropList.txt). */
static bool is_white_space(int32_t cp)
{
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0)
        return true;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A))
        return true;
    return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
}

/* Byte length of the white-space character at s[0..len), 0 if none. */
static size_t space_at(const char *s, size_t len)
{
    int32_t cp = 0;
    size_t n = utf8_decode((const unsigned char *)s, len, &cp);
    return (n > 0 && is_white_space(cp)) ? n : 0;
}

/* Bounds [*start, *end) of s[0..len) without leading and trailing white
 * space. Bytes that do not decode are kept (they are not white space). */
static void trim_bounds(const char *s, size_t len, size_t *start, size_t *end)
{
    size_t a = 0, b = len, n;

    while (a < b && (n = space_at(s + a, b - a)) > 0)
        a += n;
    while (b > a) {
        size_t k, found = 0;
        for (k = 1; k <= 4 && k <= b - a; k++) {
            if (space_at(s + b - k, k) == k) {
                found = k;
                break;
            }
        }
        if (found == 0)
            break;
        b -= found;
    }
    *start = a;
    *end = b;
}

/* Copy s[0..len) into a new NUL-terminated string. */
static char *copy_bytes(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (out) {
        if (len > 0)
            memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

/* Code points whose NFKC is themselves in any context: no decomposition,
 * a starter (combining class 0) that never composes with what precedes it.
 * Hiragana U+3041–3096 (not the voicing marks U+3099–309C, nor ゟ), katakana
 * U+30A1–30FE (not ヿ), CJK unified ideographs U+4E00–9FFF, and CJK
 * punctuation U+3001–301F. tests/test_text.c checks every one against
 * utf8proc. */
static bool cp_nfkc_stable(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096)
        || (cp >= 0x30A1 && cp <= 0x30FE) || (cp >= 0x3001 && cp <= 0x301F);
}

size_t nps_text_nfkc_fast(const char *s, size_t len, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;

    while (i < len) {
        int32_t cp;
        size_t n;
        if (p[i] < 0x80) {
            if (p[i] == 0)
                return (size_t)-1;
            out[o++] = (char)p[i++];
            continue;
        }
        if (p[i] >= 0xE3 && p[i] <= 0xE9 && i + 2 < len && (p[i + 1] & 0xC0) == 0x80
            && (p[i + 2] & 0xC0) == 0x80) {     /* U+3000–9FFF: kana, kanji, 。 */
            cp = ((p[i] & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
            if (cp_nfkc_stable(cp)) {
                memcpy(out + o, p + i, 3);
                o += 3;
            } else if (cp == 0x3000) {         /* ideographic space */
                out[o++] = ' ';
            } else {
                return (size_t)-1;
            }
            i += 3;
            continue;
        }
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0)
            return (size_t)-1;
        if (cp >= 0xFF01 && cp <= 0xFF5E) {       /* full-width ASCII: <wide> */
            out[o++] = (char)(cp - 0xFEE0);
        } else if (cp == 0x3000) {                /* ideographic space */
            out[o++] = ' ';
        } else if (cp_nfkc_stable(cp)) {
            memcpy(out + o, p + i, n);
            o += n;
        } else {
            return (size_t)-1;
        }
        i += n;
    }
    out[o] = '\0';
    return o;
}

/* NFKC of s[0..len) via utf8proc; NULL on invalid input (bad UTF-8, a NUL
 * byte) or allocation failure. *out_len receives the byte length. Text made
 * only of the characters nps_text_nfkc_fast knows skips utf8proc. */
static char *nfkc(const char *s, size_t len, size_t *out_len)
{
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n;
    char *result = NULL;

    if (!s)
        s = "";
    if (len <= 4096 && (result = malloc(len + 1)) != NULL) {
        size_t fast = nps_text_nfkc_fast(s, len, result);
        if (fast != (size_t)-1) {
            *out_len = fast;
            return result;
        }
        free(result);
        result = NULL;
    }
    if (len > (size_t)(PTRDIFF_MAX / 4) || !nps_utf8_valid(s, len)
        || memchr(s, '\0', len) != NULL)
        goto cleanup;
    n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                     NPS_NFKC_OPTIONS);
    if (n < 0)
        goto cleanup;
    result = (char *)dst;
    dst = NULL;
    *out_len = (size_t)n;
cleanup:
    free(dst);
    return result;
}

bool nps_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    bool ok = true;

    if (!s)
        return len == 0;
    while (i < len) {
        int32_t cp;
        size_t n;
        if (p[i] < 0x80) {          /* ASCII runs, 8 bytes at a time */
            uint64_t w;
            i++;
            while (i + 8 <= len && (memcpy(&w, p + i, 8), (w & 0x8080808080808080u) == 0))
                i += 8;
            continue;
        }
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            ok = false;
            break;
        }
        i += n;
    }
    return ok;
}

char *nps_text_key(const char *s, size_t len)
{
    size_t n = 0, in = 0, out = 0;
    char *key = nfkc(s, len, &n);

    if (!key)
        return NULL;
    /* Compact in place, dropping white space; utf8proc's output is valid. */
    while (in < n) {
        int32_t cp = -1;
        size_t k = utf8_decode((const unsigned char *)key + in, n - in, &cp);
        if (k == 0) {           /* cannot happen; keep the byte, move on */
            k = 1;
            cp = -1;
        }
        if (!is_white_space(cp)) {
            memmove(key + out, key + in, k);
            out += k;
        }
        in += k;
    }
    key[out] = '\0';
    return key;
}

char *nps_text_nfkc(const char *s, size_t len)
{
    size_t n = 0, a, b;
    char *text = nfkc(s, len, &n);

    if (!text)
        return NULL;
    trim_bounds(text, n, &a, &b);
    memmove(text, text + a, b - a);
    text[b - a] = '\0';
    return text;
}

bool nps_text_wildcard_match(const char *key, const char *label)
{
    bool match = (key != NULL && label != NULL);

    while (match && *key) {
        if (*key == '?') {
            if (*label == '\0') {
                match = false;
            } else {
                /* one code point: the lead byte and its continuations */
                label++;
                while ((*(const unsigned char *)label & 0xC0) == 0x80)
                    label++;
            }
        } else if (*key != *label) {
            match = false;
        } else {
            label++;
        }
        key++;
    }
    return match && *label == '\0';
}

size_t nps_utf8_length(const char *s)
{
    size_t count = 0;

    if (!s)
        return 0;
    for (; *s; s++)
        if ((*(const unsigned char *)s & 0xC0) != 0x80)
            count++;
    return count;
}

char *nps_utf8_truncate(const char *s, size_t max_bytes)
{
    size_t len;

    if (!s)
        return NULL;
    len = strlen(s);
    if (len > max_bytes) {
        len = max_bytes;
        /* s[len] exists (len < strlen); back off continuation bytes */
        while (len > 0 && (((const unsigned char *)s)[len] & 0xC0) == 0x80)
            len--;
    }
    return copy_bytes(s, len);
}

void nps_text_trim_span(const char *s, size_t len, size_t *start, size_t *end)
{
    if (!s) {
        *start = *end = 0;
        return;
    }
    trim_bounds(s, len, start, end);
}

char *nps_text_trim(const char *s, size_t len)
{
    size_t a, b;

    if (!s) {
        if (len != 0)
            return NULL;
        s = "";
    }
    trim_bounds(s, len, &a, &b);
    return copy_bytes(s + a, b - a);
}

bool nps_text_unshowable(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)
           || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu;
}

char *nps_text_for_layout(const char *s, size_t max_chars, const char *tail)
{
    size_t len = s ? strlen(s) : 0, tail_len = tail ? strlen(tail) : 0, i = 0, o = 0, chars = 0;
    /* every byte may become a 3-byte U+FFFD */
    char *out = malloc(len * 3 + tail_len + 1);
    if (!out)
        return NULL;
    while (i < len) {
        int32_t cp;
        size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (max_chars && chars == max_chars) {
            memcpy(out + o, tail ? tail : "", tail_len);
            o += tail_len;
            break;
        }
        if (n == 0 || nps_text_unshowable((uint32_t)cp) || cp == 0xFFFD) {
            memcpy(out + o, "\xE3\x80\x93", 3); /* 〓: the fonts have no U+FFFD */
            o += 3;
            i += n ? n : 1;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        }
        chars++;
    }
    out[o] = '\0';
    return out;
}
