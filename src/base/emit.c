/*
 * analysis_json.c — the string writers shared by the analysis outputs
 * (troubles, gap, themes): JSON string literals and CSV fields.
 *
 * Invariants: a JSON literal written here is always valid JSON whatever the
 * input: quotes, backslashes and every control character are escaped,
 * U+2028/U+2029 too (for JavaScript consumers), and bytes that are not valid
 * UTF-8 become \ufffd. A CSV field is quoted exactly when it must be, and
 * a text cell a spreadsheet would evaluate (= + - @ first, after leading
 * white space, or TAB/CR first) gets a leading apostrophe (OWASP's advice
 * against CSV injection). Numbers are printed by their writers with printf,
 * not through here, so a negative number is never prefixed
 * (docs/robustness.md).
 */
#include <stdbool.h>
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

/* Whether a spreadsheet would take the cell for a formula (OWASP, "CSV
 * Injection"): its first character is TAB or CR, or its first character
 * after leading spaces (ASCII or U+3000) is = + - or @. */
bool nps_csv_cell_is_formula(const char *s)
{
    if (!s || *s == '\t' || *s == '\r')
        return s != NULL;
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if (strncmp(s, "\xE3\x80\x80", 3) == 0) /* U+3000 */
            s += 3;
        else
            break;
    }
    return *s == '=' || *s == '+' || *s == '-' || *s == '@';
}

int nps_write_csv_field(FILE *out, const char *s)
{
    bool formula;
    if (!s || !*s)
        return 0;
    formula = nps_csv_cell_is_formula(s);
    if (!strpbrk(s, ",\"\r\n"))
        return (formula && fputc('\'', out) == EOF) || fputs(s, out) == EOF ? EOF : 0;
    if (fputc('"', out) == EOF || (formula && fputc('\'', out) == EOF))
        return EOF;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', out) == EOF)
            return EOF;
        if (fputc(*p, out) == EOF)
            return EOF;
    }
    return fputc('"', out) == EOF ? EOF : 0;
}
