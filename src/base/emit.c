/*
 * analysis_json.c — the string writers shared by the analysis outputs
 * (troubles, gap, themes): JSON string literals and CSV fields.
 *
 * Invariants: a JSON literal written here is always valid JSON whatever the
 * input: quotes, backslashes and every control character are escaped,
 * U+2028/U+2029 too (for JavaScript consumers), and bytes that are not valid
 * UTF-8 become \ufffd. A CSV field is quoted exactly when it must be.
 */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "base/emit.h"

int nps_write_json_string(FILE *out, const char *s)
{
    size_t n = s ? strlen(s) : 0, i = 0;
    if (fputc('"', out) == EOF)
        return EOF;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        utf8proc_int32_t cp;
        utf8proc_ssize_t l;
        int rc = 0;
        if (c == '"' || c == '\\') {
            rc = fprintf(out, "\\%c", c);
            i++;
        } else if (c < 0x20) {
            const char *e = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                          : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
            rc = e ? fputs(e, out) : fprintf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            rc = fputc(c, out);
            i++;
        } else if ((l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                         (utf8proc_ssize_t)(n - i), &cp)) <= 0) {
            rc = fputs("\\ufffd", out);
            i++;
        } else if (cp == 0x2028 || cp == 0x2029) {
            rc = fprintf(out, "\\u%04x", (unsigned)cp);
            i += (size_t)l;
        } else {
            rc = fwrite(s + i, 1, (size_t)l, out) == (size_t)l ? 0 : EOF;
            i += (size_t)l;
        }
        if (rc == EOF || rc < 0)
            return EOF;
    }
    return fputc('"', out) == EOF ? EOF : 0;
}

int nps_write_csv_field(FILE *out, const char *s)
{
    if (!s || !*s)
        return 0;
    if (!strpbrk(s, ",\"\r\n"))
        return fputs(s, out) == EOF ? EOF : 0;
    if (fputc('"', out) == EOF)
        return EOF;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', out) == EOF)
            return EOF;
        if (fputc(*p, out) == EOF)
            return EOF;
    }
    return fputc('"', out) == EOF ? EOF : 0;
}
