/*
 * report_xlsx_sheet.c — the cell layer of the Excel writer: the formats,
 * starting and finishing sheets, and every cell write (see
 * xlsx_private.h for the invariants and docs/workbook.md).
 *
 * Text safety (nps_xw_cell_text), in one pass over the code points:
 *   - invalid UTF-8 bytes become U+FFFD (one per byte);
 *   - C0 controls other than TAB, LF and CR, and U+FFFE / U+FFFF, are
 *     dropped (XML 1.0 cannot carry them; libxlsxwriter would write them as
 *     _xHHHH_ escapes that Excel shows as boxes);
 *   - an underscore that starts "_xHHHH_" is written "_x005F_", Excel's own
 *     escape, so the text reads back literally instead of as a character;
 *   - the cost of the text is counted in Excel characters (UTF-16 units; an
 *     escaped underscore counts 7, since libxlsxwriter counts the escape);
 *     over 32,767 the text is cut at a code point so that it plus the note
 *     XW_TRUNCATED_NOTE is at most 32,767.
 * A string is written with worksheet_write_string only: libxlsxwriter
 * stores it as a string (shared or inline) whatever it starts with, so a
 * text like "=HYPERLINK(…)" stays text. No formula function is ever called.
 *
 * Widths: each text's display width (East Asian wide and the usual
 * ambiguous punctuation count 2) is tracked per column; a column grows up to
 * XW_WIDTH_CAP characters, beyond which its text wraps and the row is made
 * tall enough (rows have an explicit height so that charts anchored to
 * cells keep their size in every application). Columns of long text have a
 * fixed width and always wrap.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "base/alloc.h"
#include "base/format.h"
#include "report/xlsx/xlsx_private.h"
#include "base/text.h"

#define XW_MAX_ROW_HEIGHT 409.0   /* Excel's limit, points */
#define XW_HEAD_CAP 12.0          /* a header wraps rather than widen a column past this */

/* ------------------------------------------------------------------ errors */

nps_error nps_xw_fail(xw_book *b, nps_error err, const char *fmt, ...)
{
    va_list ap;
    char msg[600];
    if (b->err != NPS_OK || err == NPS_OK)
        return b->err;
    b->err = err;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, nps_diag_text(fmt), ap);
    va_end(ap);
    nps_diag_set(b->diag, err, b->path, 0, "%s", msg);
    return err;
}

static nps_error lxw_to_nps(lxw_error e)
{
    switch (e) {
    case LXW_NO_ERROR: return NPS_OK;
    case LXW_ERROR_MEMORY_MALLOC_FAILED: return NPS_ERR_NOMEM;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE: return NPS_ERR_IO;
    default: return NPS_ERR_RENDER;
    }
}

nps_error nps_xw_check(xw_book *b, lxw_error e, const char *what)
{
    if (e == LXW_NO_ERROR)
        return b->err;
    return nps_xw_fail(b, lxw_to_nps(e), "cannot write the workbook: %s: %s", what, lxw_strerror(e));
}

/* A failed cell write names the sheet and the cell. */
static void cell_check(xw_sheet *s, lxw_col_t col, lxw_error e)
{
    if (e != LXW_NO_ERROR)
        nps_xw_fail(s->b, lxw_to_nps(e), "cannot write the workbook: sheet %s, row %lu, column %u: %s",
                s->name, (unsigned long)s->row + 1, (unsigned)col + 1, lxw_strerror(e));
}

/* ----------------------------------------------------------------- formats */

static lxw_format *font_format(xw_book *b)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (f) {
        format_set_font_name(f, XW_FONT);
        format_set_font_size(f, 11);
        format_set_font_charset(f, 128);   /* SHIFTJIS_CHARSET: a Japanese fallback */
        format_set_font_family(f, 3);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
}

/* XW_PLAIN and XW_NUM look exactly like XW_TEXT and share its format:
 * libxlsxwriter caches the style index only in the first of several equal
 * formats and hashes the others on every cell written with them (10 % of
 * a 20,000-response workbook's time). */
static bool same_as_text(xw_style style)
{
    return style == XW_PLAIN || style == XW_NUM;
}

nps_error nps_xw_formats_init(xw_book *b)
{
    for (int i = 0; i < XW_STYLE_COUNT; i++) {
        lxw_format *f;
        if (same_as_text((xw_style)i)) {
            b->fmt[i] = b->fmt[XW_TEXT];
            continue;
        }
        f = font_format(b);
        if (!f)
            return nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (formats)");
        b->fmt[i] = f;
        switch ((xw_style)i) {
        case XW_BOLD:
            format_set_bold(f);
            format_set_text_wrap(f);
            break;
        case XW_TITLE:
            format_set_bold(f);
            format_set_font_size(f, 14);
            break;
        case XW_CAPTION:
            format_set_bold(f);
            break;
        case XW_NOTE:
            format_set_font_color(f, 0x595959);
            break;
        case XW_HEAD:
            format_set_bold(f);
            format_set_text_wrap(f);
            format_set_bg_color(f, 0xE7E6E6);
            format_set_bottom(f, LXW_BORDER_THIN);
            break;
        case XW_INT: format_set_num_format(f, "0"); break;
        case XW_PCT: format_set_num_format(f, "0.0"); break;
        case XW_DATE: format_set_num_format(f, "yyyy-mm-dd"); break;
        case XW_LINK:
            format_set_font_color(f, LXW_COLOR_BLUE);
            format_set_underline(f, LXW_UNDERLINE_SINGLE);
            break;
        case XW_INDENT1: format_set_indent(f, 1); break;
        case XW_INDENT2: format_set_indent(f, 2); break;
        case XW_INDENT3: format_set_indent(f, 3); break;
        case XW_WRAP: format_set_text_wrap(f); break;
        default: break;
        }
    }
    return NPS_OK;
}

/* ------------------------------------------------------------- safe text */

static bool is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "_xHHHH_" at p (n bytes available): Excel would read it as an escape. */
static bool excel_escape_at(const char *p, size_t n)
{
    return n >= 7 && p[0] == '_' && p[1] == 'x' && is_hex((unsigned char)p[2]) &&
           is_hex((unsigned char)p[3]) && is_hex((unsigned char)p[4]) &&
           is_hex((unsigned char)p[5]) && p[6] == '_';
}

/* Display width of one code point in a Japanese font. */
static int char_width(utf8proc_int32_t cp)
{
    int w = utf8proc_charwidth(cp);
    if (cp == '\t')
        return 4;
    if (w == 1 && cp >= 0x2010 && cp <= 0x2BFF)
        return 2; /* ‐ — “ ” … ※ ① → ■ ○ ★: full width in Japanese fonts */
    return w < 0 ? 0 : w;
}

typedef struct text_scan {
    size_t cost;       /* Excel characters */
    size_t bytes;      /* output bytes */
    double widest;     /* widest line */
    double total;      /* all lines together */
    int newlines;
    bool cut;          /* stopped at the budget */
} text_scan;

/* One pass over `text`: measure, and copy into out (when non-NULL) until
 * the cost would pass `budget`. */
static void scan_text(const char *text, size_t budget, char *out, text_scan *sc)
{
    const char *p = text;
    size_t n = strlen(text);
    double line = 0;
    memset(sc, 0, sizeof *sc);
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &cp);
        const char *src = p;
        size_t src_len, cost = 1;
        if (len <= 0) {
            cp = 0xFFFD;
            len = 1;
            src = "\xEF\xBF\xBD";
            src_len = 3;
        } else {
            src_len = (size_t)len;
        }
        bool drop = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
                    cp == 0xFFFF;
        bool escape = cp == '_' && excel_escape_at(p, n);
        if (drop)
            cost = 0;
        else if (escape)
            cost = 7;
        else if (cp >= 0x10000)
            cost = 2;
        if (sc->cost + cost > budget) {
            sc->cut = true;
            break;
        }
        if (!drop) {
            if (escape) {
                src = "_x005F_";
                src_len = 7;
            }
            if (out)
                memcpy(out + sc->bytes, src, src_len);
            sc->bytes += src_len;
            sc->cost += cost;
            if (cp == '\n') {
                sc->newlines++;
                line = 0;
            } else {
                line += char_width(cp);
                sc->total += char_width(cp);
                if (line > sc->widest)
                    sc->widest = line;
            }
        }
        p += len;
        n -= (size_t)len;
    }
}

/* Lines a text takes in a column showing `cells` display cells: each of
 * its lines wraps on its own. */
static double wrapped_lines(const char *text, double cells)
{
    double lines = 0, line = 0;
    const char *p = text;
    size_t n = strlen(text);
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &cp);
        if (len <= 0) {
            cp = 0xFFFD;
            len = 1;
        }
        if (cp == '\n') {
            lines += fmax(1.0, ceil(line / cells));
            line = 0;
        } else {
            line += char_width(cp);
        }
        p += len;
        n -= (size_t)len;
    }
    return lines + fmax(1.0, ceil(line / cells));
}

/* The safe copy of `text` (see the file comment), measured into *sc. */
static char *safe_text(const char *text, text_scan *sc)
{
    text_scan all;
    size_t note_len = strlen(XW_TRUNCATED_NOTE);
    char *out;
    scan_text(text, (size_t)-1, NULL, &all);
    out = nps_malloc(all.bytes + note_len + 1);
    if (!out)
        return NULL;
    if (all.cost <= XW_CELL_MAX) {
        scan_text(text, (size_t)-1, out, sc);
    } else {
        size_t note_cost = nps_utf8_length(XW_TRUNCATED_NOTE);
        double note_width = nps_xw_text_width(XW_TRUNCATED_NOTE);
        scan_text(text, XW_CELL_MAX - note_cost, out, sc);
        memcpy(out + sc->bytes, XW_TRUNCATED_NOTE, note_len);
        sc->bytes += note_len;
        sc->cost += note_cost;
        sc->total += note_width;
        sc->widest += note_width; /* at most: the note ends the last line */
        sc->cut = true;
    }
    out[sc->bytes] = '\0';
    return out;
}

char *nps_xw_cell_text(const char *text, double *width)
{
    text_scan sc;
    char *out = safe_text(text ? text : "", &sc);
    if (out && width)
        *width = sc.widest;
    return out;
}

double nps_xw_text_width(const char *text)
{
    text_scan sc;
    scan_text(text ? text : "", (size_t)-1, NULL, &sc);
    return sc.widest;
}

/* Line-breaking rules of Japanese text (JIS X 4051, shortened): a line
 * starts with no closing bracket, comma, stop or prolonged sound mark, and
 * ends with no opening bracket. */
static bool no_line_start(utf8proc_int32_t cp)
{
    static const utf8proc_int32_t set[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F, 0x3011, 0x3015, 0xFF3D, 0xFF5D,
        0x30FC, 0x30FB, 0x00B7, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0x3005, ')', ']', '}', ',', '.', ':', ';', '!', '?'};
    bool hit = false;
    for (size_t i = 0; i < sizeof set / sizeof set[0] && !hit; i++)
        hit = set[i] == cp;
    return hit;
}

static bool no_line_end(utf8proc_int32_t cp)
{
    return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 || cp == 0xFF3B ||
           cp == 0xFF5B || cp == '(' || cp == '[' || cp == '{';
}

/* The code point at p (U+FFFD for a bad byte, 0 at the end) and its length. */
static utf8proc_ssize_t label_char(const utf8proc_uint8_t *p, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t len;
    if (!*p) {
        *cp = 0;
        return 0;
    }
    len = utf8proc_iterate(p, -1, cp);
    if (len <= 0) { /* a bad byte: kept, one unit (the cell's text makes it U+FFFD) */
        *cp = 0xFFFD;
        len = 1;
    }
    return len;
}

static bool is_hiragana(utf8proc_int32_t cp)
{
    return cp >= 0x3041 && cp <= 0x309F;
}

static bool is_kanji_or_katakana(utf8proc_int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x30A1 && cp <= 0x30FA);
}

/* How good a place to break is, in units a line may stray from the even
 * width to break there: after a comma or a closing bracket, or before an
 * opening one, five full-width characters; where a particle or an ending
 * in hiragana meets the next word in kanji or katakana (場の|提供), two. */
static double label_break_bonus(utf8proc_int32_t before, utf8proc_int32_t after)
{
    if (before == 0x3001 || before == 0xFF0C || before == 0xFF09 || before == 0x300D || before == ' ' ||
        no_line_end(after))
        return 10.0;
    return is_hiragana(before) && is_kanji_or_katakana(after) ? 4.0 : 0.0;
}

/* One line of a label (no newline), n code points with their widths, cut
 * into lines: appends the text with breaks to sb; *lines, *widest grow. */
static void label_break_line(nps_strbuf *sb, const utf8proc_uint8_t *p, const utf8proc_int32_t *cp,
                             const size_t *off, const double *w, size_t n, double max_units, int *lines,
                             double *widest)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    size_t s = 0;
    for (int left = (int)fmax(1.0, ceil(total / max_units)); s < n; left--) {
        double target = total / left, line = 0, best_score = INFINITY;
        size_t best = n;
        /* candidates: a break before cp[j], s < j < n, the line within
         * max_units and the rest within the lines left */
        for (size_t j = s + 1; left > 1 && j < n; j++) {
            line += w[j - 1];
            if (line > max_units && best < n)
                break;
            if (no_line_start(cp[j]) || no_line_end(cp[j - 1]) || total - line > (left - 1) * max_units + 2)
                continue;
            double score = fabs(line - target) - label_break_bonus(cp[j - 1], cp[j]);
            if (score < best_score) {
                best_score = score;
                best = j;
            }
        }
        line = 0;
        for (size_t i = s; i < best; i++)
            line += w[i];
        nps_strbuf_addn(sb, (const char *)p + off[s], off[best] - off[s]);
        *widest = fmax(*widest, line);
        total -= line;
        s = best;
        if (s < n) {
            nps_strbuf_add(sb, "\n");
            (*lines)++;
        }
    }
}

/* A line longer than max_units is cut into as few lines as it needs, of
 * about equal width (so no line is a lone bracket), at good places where
 * they are near, never before a closing mark or after an opening bracket. */
char *nps_xw_label_break(const char *label, double max_units, int *lines, double *widest)
{
    nps_strbuf sb = {0};
    const utf8proc_uint8_t *text = (const utf8proc_uint8_t *)(label ? label : "");
    size_t cap = strlen((const char *)text) + 1;
    utf8proc_int32_t *cp = nps_calloc(cap, sizeof *cp);
    size_t *off = nps_calloc(cap, sizeof *off);
    double *w = nps_calloc(cap, sizeof *w);
    char *out = NULL;
    *lines = 1;
    *widest = 0;
    if (!cp || !off || !w)
        goto cleanup;
    for (const utf8proc_uint8_t *p = text; ; ) {
        size_t n = 0, at = 0;
        utf8proc_ssize_t len;
        utf8proc_int32_t c;
        while ((len = label_char(p + at, &c)) > 0 && c != '\n') {
            cp[n] = c;
            off[n] = at;
            w[n++] = char_width(c);
            at += (size_t)len;
        }
        off[n] = at;
        label_break_line(&sb, p, cp, off, w, n, max_units, lines, widest);
        if (len <= 0)
            break;
        nps_strbuf_add(&sb, "\n");
        (*lines)++;
        p += at + (size_t)len;
    }
    out = !sb.s && !sb.failed ? nps_strdup("") : nps_strbuf_take(&sb);
cleanup:
    nps_strbuf_free(&sb);
    nps_free(w);
    nps_free(off);
    nps_free(cp);
    return out;
}

/* ------------------------------------------------------------------ sheets */

static nps_error book_add_entry(xw_book *b, const char *name, const char *description)
{
    if (nps_grow((void **)&b->sheets, &b->cap_sheets, b->n_sheets + 1,
                 sizeof *b->sheets, 64) != NPS_OK)
        return nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (sheet list)");
    xw_entry *e = &b->sheets[b->n_sheets];
    e->name = nps_strdup(name);
    e->description = nps_strdup(description ? description : "");
    if (!e->name || !e->description) {
        nps_free(e->name);
        nps_free(e->description);
        return nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (sheet list)");
    }
    b->n_sheets++;
    return NPS_OK;
}

nps_error nps_xw_sheet_begin(xw_book *b, xw_sheet *s, const char *name, const char *description,
                         unsigned flags)
{
    lxw_error e;
    uint8_t saved;
    memset(s, 0, sizeof *s);
    s->b = b;
    if (xw_failed(b))
        return b->err;
    e = workbook_validate_sheet_name(b->wb, name);
    if (e != LXW_NO_ERROR)
        return nps_xw_fail(b, NPS_ERR_RENDER, "cannot write the workbook: sheet name '%s': %s", name,
                       lxw_strerror(e));
    if (book_add_entry(b, name, description) != NPS_OK)
        return b->err;
    /* libxlsxwriter takes constant_memory per worksheet, from the workbook's
     * options at the time the worksheet is added (docs/workbook.md). */
    saved = b->wb->options.constant_memory;
    b->wb->options.constant_memory = (flags & XW_SHEET_STREAM) ? LXW_TRUE : LXW_FALSE;
    s->ws = workbook_add_worksheet(b->wb, name);
    b->wb->options.constant_memory = saved;
    if (!s->ws)
        return nps_xw_fail(b, NPS_ERR_IO, "cannot write the workbook: cannot add sheet %s "
                                      "(out of memory, or no temporary file in the output directory)",
                       name);
    s->name = b->sheets[b->n_sheets - 1].name;
    s->stream = (flags & XW_SHEET_STREAM) != 0;
    worksheet_set_default_row(s->ws, XW_ROW_HEIGHT, LXW_FALSE);
    /* Printing: A4 landscape; tables and charts fit the page width, the
     * coded data (hundreds of columns) prints at its size. */
    worksheet_set_paper(s->ws, 9);
    worksheet_set_landscape(s->ws);
    if (!(flags & XW_SHEET_WIDE))
        worksheet_fit_to_pages(s->ws, 1, 0);
    return NPS_OK;
}

/* Excel column width (characters of the default font) for an estimate in
 * display cells: 游ゴシック runs a little wider than Calibri's digits. */
static double column_width(double cells)
{
    return cells * 1.1 + 2.0;
}

void nps_xw_sheet_end(xw_sheet *s)
{
    if (s->ws && !xw_failed(s->b)) {
        for (size_t c = 0; c < s->n_cols && !xw_failed(s->b); c++) {
            double w = s->fixed[c] > 0 ? s->fixed[c] : fmin(s->width[c], XW_WIDTH_CAP);
            if (w <= 0)
                continue;
            nps_xw_check(s->b, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, column_width(w), NULL),
                     "column width");
        }
    }
    nps_free(s->width);
    nps_free(s->fixed);
    s->width = s->fixed = NULL;
    s->n_cols = 0;
}

/* Make room for column `col` in the width arrays. */
static bool ensure_col(xw_sheet *s, lxw_col_t col)
{
    size_t need = (size_t)col + 1, cap;
    double *w, *f;
    if (need <= s->n_cols)
        return true;
    cap = s->n_cols ? s->n_cols : 16;
    while (cap < need)
        cap *= 2;
    w = nps_realloc(s->width, cap * sizeof *w);
    if (w)
        s->width = w;
    f = w ? nps_realloc(s->fixed, cap * sizeof *f) : NULL;
    if (!w || !f) {
        nps_xw_fail(s->b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (sheet %s)", s->name);
        return false;
    }
    s->fixed = f;
    for (size_t c = s->n_cols; c < cap; c++)
        s->width[c] = s->fixed[c] = 0;
    s->n_cols = cap;
    return true;
}

void nps_xw_col_fixed(xw_sheet *s, lxw_col_t col, double width)
{
    if (ensure_col(s, col))
        s->fixed[col] = width;
}

void nps_xw_col_min(xw_sheet *s, lxw_col_t col, double width)
{
    if (ensure_col(s, col) && s->width[col] < width)
        s->width[col] = width;
}

void nps_xw_freeze(xw_sheet *s, lxw_row_t row, lxw_col_t col)
{
    if (s->ws && !xw_failed(s->b))
        worksheet_freeze_panes(s->ws, row, col);
}

lxw_row_t nps_xw_freeze_head(xw_sheet *s, lxw_col_t col)
{
    if (s->below_head > 0 || col > 0)
        nps_xw_freeze(s, s->below_head, col);
    return s->below_head;
}

/* Account for a cell measured as *sc (its safe text `text`, or NULL for a
 * number or link): grow the column, or wrap the cell and note how many
 * lines the row needs. Returns the style to write with. */
static xw_style place(xw_sheet *s, lxw_col_t col, const char *text, const text_scan *sc,
                      xw_style style)
{
    double limit, lines = 1;
    if (style == XW_TITLE || style == XW_CAPTION || style == XW_NOTE || style == XW_LINK)
        return style;             /* overflow to the right; no width */
    if (!ensure_col(s, col))
        return style;
    if (col + 1 > s->used_cols)
        s->used_cols = col + 1;
    limit = s->fixed[col] > 0 ? s->fixed[col] : style == XW_HEAD ? XW_HEAD_CAP : XW_WIDTH_CAP;
    if (style == XW_PLAIN) {
        s->width[col] = fmax(s->width[col], fmin(sc->widest, limit));
        return style;
    }
    if (style == XW_HEAD && s->fixed[col] <= 0 && s->width[col] > limit)
        limit = s->width[col];    /* a header over content already wider */
    if (sc->widest > limit || sc->newlines > 0) {
        if (style == XW_TEXT || (style >= XW_INDENT1 && style <= XW_INDENT3))
            style = XW_WRAP;
        /* a column of width w shows about w + 1 cells (column_width) */
        lines = text ? wrapped_lines(text, limit + 1.0)
                     : sc->newlines + ceil(sc->total / (limit + 1.0));
        if (s->fixed[col] <= 0)
            s->width[col] = limit;
    } else if (sc->widest > s->width[col]) {
        s->width[col] = sc->widest;
    }
    if (style == XW_HEAD || style == XW_BOLD || style == XW_WRAP)
        s->row_lines = fmax(s->row_lines, lines);
    return style;
}

void nps_xw_text(xw_sheet *s, lxw_col_t col, const char *text, xw_style style)
{
    text_scan sc;
    char *safe;
    if (!s->ws || xw_failed(s->b) || !text || !*text)
        return;
    safe = safe_text(text, &sc);
    if (!safe) {
        nps_xw_fail(s->b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (sheet %s)", s->name);
        return;
    }
    if (*safe) {
        if (style == XW_HEAD && s->below_head == 0)
            s->below_head = s->row + 1;
        style = place(s, col, safe, &sc, style);
        cell_check(s, col, worksheet_write_string(s->ws, s->row, col, safe, s->b->fmt[style]));
    }
    nps_free(safe);
}

/* Width of a number as shown (no printf for whole numbers and dates: this
 * runs for every number cell of the coded data). */
static void place_number(xw_sheet *s, lxw_col_t col, double value, xw_style style)
{
    char buf[64];
    const char *shown = buf;
    text_scan sc;
    if (style == XW_DATE)
        shown = "2023-10-05";
    else if (style == XW_PCT)
        snprintf(buf, sizeof buf, "%.1f", value);
    else
        nps_format_g10(value, buf, sizeof buf);
    scan_text(shown, (size_t)-1, NULL, &sc);
    place(s, col, NULL, &sc, XW_INT);
}

void nps_xw_num(xw_sheet *s, lxw_col_t col, double value, xw_style style)
{
    if (!s->ws || xw_failed(s->b) || !isfinite(value))
        return;
    place_number(s, col, value, style);
    cell_check(s, col, worksheet_write_number(s->ws, s->row, col, value, s->b->fmt[style]));
}

void nps_xw_int(xw_sheet *s, lxw_col_t col, long long value)
{
    nps_xw_num(s, col, (double)value, XW_INT);
}

void nps_xw_date(xw_sheet *s, lxw_col_t col, long long epoch)
{
    if (epoch < 0)
        return;
    /* Excel's serial day: 1970-01-01 is 25569 (the 1900 date system). */
    nps_xw_num(s, col, (double)(epoch / 86400) + 25569.0, XW_DATE);
}

void nps_xw_link(xw_sheet *s, lxw_col_t col, const char *target, const char *text)
{
    char url[128];
    text_scan sc;
    if (!s->ws || xw_failed(s->b))
        return;
    snprintf(url, sizeof url, "internal:'%s'!A1", target);
    scan_text(text, (size_t)-1, NULL, &sc);
    place(s, col, NULL, &sc, XW_TEXT);
    cell_check(s, col, worksheet_write_url_opt(s->ws, s->row, col, url, s->b->fmt[XW_LINK], text, NULL));
}

void nps_xw_next_row(xw_sheet *s)
{
    /* Every written row of a sheet that may hold charts gets its height
     * explicitly: libxlsxwriter places charts by the heights it knows (a row
     * it made for a cell counts as 15 pt otherwise), and Excel then shows
     * what was computed. Streamed sheets (no charts) need it only for
     * wrapped rows; their other rows take the sheet's default height. */
    if (s->ws && !xw_failed(s->b) && (!s->stream || s->row_lines > 1)) {
        double h = fmin(XW_MAX_ROW_HEIGHT, XW_ROW_HEIGHT * fmax(1.0, s->row_lines));
        cell_check(s, 0, worksheet_set_row(s->ws, s->row, h, NULL));
    }
    s->row_lines = 0;
    s->row++;
}

void nps_xw_skip_rows(xw_sheet *s, unsigned n)
{
    nps_xw_next_row(s);
    s->row += n;
}
