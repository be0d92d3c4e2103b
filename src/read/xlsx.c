/*
 * xlsx.c — the workbook around the sheet (see xlsx.h): the zip through
 * libzip, every XML entry streamed through expat in 64 KiB chunks
 * (zip_fread → XML_Parse) under the size limits, the sheet list in workbook
 * order (xl/workbook.xml, its sheets resolved through
 * xl/_rels/workbook.xml.rels), the shared strings (rich-text runs joined,
 * phonetic runs <rPh> left out), and the styles' number formats (built-in
 * date formats 14–22, custom formats with y/m/d/h outside quotes and
 * brackets, percent formats 9/10 and custom ones ending in %).
 *
 * Ownership: nps_xlsx owns the zip (which owns the FILE) and all tables;
 * expat and the tables allocate through base/alloc.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "read/xlsx.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships|id"

/* ------------------------------------------------------------ XML helpers */

const char *nps_xlsx_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char *nps_xlsx_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(nps_xlsx_local(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

/* The parse in progress: what a handler's nps_xlsx_stop leaves behind. */
typedef struct parse_state {
    nps_xlsx_handlers *h;
    nps_error err;
    bool doctype;          /* the entry declared a DOCTYPE: refused */
} parse_state;

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    parse_state *s = ud;
    if (s->h->start)
        s->h->start(s->h->ud, name, atts);
}

static void on_end(void *ud, const XML_Char *name)
{
    parse_state *s = ud;
    if (s->h->end)
        s->h->end(s->h->ud, name);
}

static void on_text(void *ud, const XML_Char *text, int len)
{
    parse_state *s = ud;
    if (s->h->text)
        s->h->text(s->h->ud, text, len);
}

/* A DOCTYPE could declare entities (billion laughs, external files): no
 * spreadsheet writer puts one in a workbook. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
    parse_state *s = ud;
    (void)name, (void)sys, (void)pub, (void)internal;
    s->doctype = true;
    nps_xlsx_stop(s->h->parser, NPS_ERR_CSV);
}

void nps_xlsx_stop(XML_Parser p, nps_error err)
{
    parse_state *s = XML_GetUserData(p);
    if (s->err == NPS_OK)
        s->err = err;
    XML_StopParser(p, XML_FALSE);
}

static const XML_Memory_Handling_Suite memsuite = {nps_malloc, nps_realloc, nps_free};

/* Refuse an entry whose stated size is past the limits (zip bomb). */
static nps_error check_stated_size(nps_xlsx *x, const char *entry, const zip_stat_t *st, nps_diag *diag)
{
    unsigned long long size = st->size, comp = st->comp_size;
    if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE))
        return NPS_OK; /* counted while inflating */
    if (size > NPS_XLSX_MAX_XML_BYTES
        || (size > NPS_XLSX_RATIO_FROM && size / (comp ? comp : 1) > NPS_XLSX_MAX_RATIO)) {
        nps_diag_set(diag, NPS_ERR_LIMIT, x->path, 0,
                     "%s inflates to %llu bytes from %llu (limit: %llu bytes, or %llu times past %llu MiB): a zip bomb, not an export",
                     entry, size, comp, NPS_XLSX_MAX_XML_BYTES, NPS_XLSX_MAX_RATIO, NPS_XLSX_RATIO_FROM >> 20);
        nps_diag_hint(diag, "download the responses again from the form; an export is never this large");
        return NPS_ERR_LIMIT;
    }
    return NPS_OK;
}

static nps_error describe_zip_file_error(nps_xlsx *x, const char *entry, zip_error_t *ze, nps_diag *diag)
{
    int code = zip_error_code_zip(ze);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
        nps_diag_set(diag, NPS_ERR_ENCODING, x->path, 0, "%s is encrypted: a password-protected workbook", entry);
        nps_diag_hint(diag, "remove the password in Excel (ファイル → 情報 → ブックの保護) and save as .xlsx again");
        return NPS_ERR_ENCODING;
    }
    nps_diag_set(diag, NPS_ERR_IO, x->path, 0, "%s cannot be read from the workbook: %s (a damaged or truncated .xlsx?)",
                 entry, zip_error_strerror(ze));
    nps_diag_hint(diag, "download the responses again (Microsoft Forms: Excel で開く / 応答をダウンロード)");
    return NPS_ERR_IO;
}

/* Feed the open entry to the parser in chunks, counting the bytes. */
static nps_error feed_entry(nps_xlsx *x, const char *entry, zip_file_t *zf, XML_Parser p, parse_state *s,
                            nps_diag *diag)
{
    char buf[1 << 16];
    unsigned long long total = 0;
    zip_int64_t n;
    do {
        n = zip_fread(zf, buf, sizeof buf);
        if (n < 0)
            return describe_zip_file_error(x, entry, zip_file_get_error(zf), diag);
        total += (unsigned long long)n;
        if (total > NPS_XLSX_MAX_XML_BYTES) {
            nps_diag_set(diag, NPS_ERR_LIMIT, x->path, 0, "%s inflates past %llu bytes: a zip bomb, not an export",
                         entry, NPS_XLSX_MAX_XML_BYTES);
            nps_diag_hint(diag, "download the responses again from the form; an export is never this large");
            return NPS_ERR_LIMIT;
        }
        if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (s->doctype) {
                nps_diag_set(diag, NPS_ERR_CSV, x->path, 0, "%s line %lu: a DOCTYPE, which no spreadsheet writes: refused",
                             entry, (unsigned long)XML_GetCurrentLineNumber(p));
                nps_diag_hint(diag, "open the workbook in Excel and save it as .xlsx again");
                return NPS_ERR_CSV;
            }
            if (s->err != NPS_OK)
                return s->err;
            nps_diag_set(diag, NPS_ERR_CSV, x->path, 0, "%s line %lu: broken XML (%s)", entry,
                         (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
            nps_diag_hint(diag, "the workbook is damaged: open it in Excel and save it as .xlsx again");
            return NPS_ERR_CSV;
        }
    } while (n > 0);
    return NPS_OK;
}

nps_error nps_xlsx_parse(nps_xlsx *x, const char *entry, bool missing_ok, nps_xlsx_handlers *h,
                         nps_diag *diag)
{
    zip_t *za = x->zip;
    zip_stat_t st;
    zip_file_t *zf = NULL;
    XML_Parser p = NULL;
    parse_state s = {h, NPS_OK, false};
    nps_error err;
    zip_int64_t at = zip_name_locate(za, entry, 0);
    if (at < 0) {
        err = missing_ok ? NPS_OK : nps_diag_set(diag, NPS_ERR_IO, x->path, 0,
                                                 "%s is missing: not a complete .xlsx workbook", entry);
        goto cleanup;
    }
    if (zip_stat_index(za, (zip_uint64_t)at, 0, &st) == 0
        && (err = check_stated_size(x, entry, &st, diag)) != NPS_OK)
        goto cleanup;
    if (!(zf = zip_fopen_index(za, (zip_uint64_t)at, 0))) {
        err = describe_zip_file_error(x, entry, zip_get_error(za), diag);
        goto cleanup;
    }
    if (!(p = XML_ParserCreate_MM(NULL, &memsuite, "|"))) {
        err = nps_diag_set(diag, NPS_ERR_NOMEM, x->path, 0, "out of memory");
        goto cleanup;
    }
    XML_SetUserData(p, &s);
    h->parser = p;
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    err = feed_entry(x, entry, zf, p, &s, diag);
    if (err == NPS_OK && s.err != NPS_OK)
        err = s.err;
cleanup:
    h->parser = NULL;
    if (p)
        XML_ParserFree(p);
    if (zf)
        zip_fclose(zf);
    return err;
}

/* -------------------------------------------------------- relationships */

typedef struct rel {
    char *id, *type, *target;
} rel;

typedef struct rels {
    rel *v;
    size_t n, cap;
    bool failed;
} rels;

static char *dup_or_null(const char *s) { return s ? nps_strdup(s) : NULL; }

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rels *r = ud;
    if (strcmp(nps_xlsx_local(name), "Relationship") != 0 || r->failed)
        return;
    if (nps_grow((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v, 8) != NPS_OK) {
        r->failed = true;
        return;
    }
    rel *e = &r->v[r->n++];
    e->id = dup_or_null(nps_xlsx_attr(atts, "Id"));
    e->type = dup_or_null(nps_xlsx_attr(atts, "Type"));
    e->target = dup_or_null(nps_xlsx_attr(atts, "Target"));
    r->failed = !e->id || !e->type || !e->target;
}

static void rels_free(rels *r)
{
    for (size_t i = 0; i < r->n; i++) {
        nps_free(r->v[i].id);
        nps_free(r->v[i].type);
        nps_free(r->v[i].target);
    }
    nps_free(r->v);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* A target relative to folder `base` ("xl/") or absolute ("/xl/…"), with
 * "../" resolved, as a zip entry name. NULL on allocation failure. */
static char *resolve(const char *base, const char *target)
{
    nps_strbuf b = {0};
    if (target[0] == '/')
        nps_strbuf_add(&b, target + 1);
    else {
        nps_strbuf_add(&b, base);
        nps_strbuf_add(&b, target);
    }
    char *s = nps_strbuf_take(&b), *up;
    while (s && (up = strstr(s, "/../")) != NULL) {
        char *from = up;
        while (from > s && from[-1] != '/')
            from--;
        memmove(from, up + 4, strlen(up + 4) + 1);
    }
    return s;
}

/* ------------------------------------------------------------- workbook */

typedef struct book_parse {
    nps_xlsx *x;
    rels *rels;
    bool failed;
} book_parse;

static void book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    book_parse *b = ud;
    const char *local = nps_xlsx_local(name);
    if (strcmp(local, "workbookPr") == 0) {
        const char *d = nps_xlsx_attr(atts, "date1904");
        b->x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
        return;
    }
    if (strcmp(local, "sheet") != 0 || b->failed)
        return;
    const char *sheet_name = nps_xlsx_attr(atts, "name"), *id = NULL;
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], NS_REL) == 0)
            id = atts[i + 1];
    for (size_t i = 0; id && sheet_name && i < b->rels->n; i++) {
        if (strcmp(b->rels->v[i].id, id) != 0 || !ends_with(b->rels->v[i].type, "/worksheet"))
            continue;
        size_t cap = b->x->n_sheets;
        if (nps_grow((void **)&b->x->sheets, &cap, b->x->n_sheets + 1, sizeof *b->x->sheets, 4) != NPS_OK) {
            b->failed = true;
            return;
        }
        nps_xlsx_sheet_ref *s = &b->x->sheets[b->x->n_sheets++];
        s->name = nps_strdup(sheet_name);
        s->path = resolve("xl/", b->rels->v[i].target);
        b->failed = !s->name || !s->path;
        return;
    }
}

/* ------------------------------------------------------- shared strings */

typedef struct sst_parse {
    nps_xlsx *x;
    nps_strbuf text;       /* all strings so far, NUL-separated */
    size_t cap_at;
    int in_t;              /* inside <t> of an <si> (not of <rPh>) */
    int in_rph;
    bool in_si;
    bool failed;
} sst_parse;

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sst_parse *s = ud;
    const char *local = nps_xlsx_local(name);
    (void)atts;
    if (strcmp(local, "si") == 0 && !s->in_si && !s->failed) {
        nps_xlsx *x = s->x;
        s->in_si = true;
        if (nps_grow((void **)&x->string_at, &s->cap_at, x->n_strings + 1, sizeof *x->string_at, 256) != NPS_OK)
            s->failed = true;
        else
            x->string_at[x->n_strings++] = s->text.len;
    } else if (strcmp(local, "rPh") == 0) {
        s->in_rph++;
    } else if (strcmp(local, "t") == 0 && s->in_si && !s->in_rph) {
        s->in_t++;
    }
}

static void sst_end(void *ud, const XML_Char *name)
{
    sst_parse *s = ud;
    const char *local = nps_xlsx_local(name);
    if (strcmp(local, "t") == 0 && s->in_t) {
        s->in_t--;
    } else if (strcmp(local, "rPh") == 0 && s->in_rph) {
        s->in_rph--;
    } else if (strcmp(local, "si") == 0 && s->in_si) {
        s->in_si = false;
        nps_strbuf_addn(&s->text, "", 1); /* the NUL that ends string i */
    }
}

static void sst_text(void *ud, const XML_Char *text, int len)
{
    sst_parse *s = ud;
    if (s->in_t)
        nps_strbuf_addn(&s->text, text, (size_t)len);
}

/* The strings (each ended by its NUL) to the workbook. */
static void take_strings(sst_parse *s)
{
    s->x->strings = s->text.s;
    s->text.s = NULL;
    s->text.len = s->text.cap = 0;
}

/* --------------------------------------------------------------- styles */

typedef struct custom_fmt {
    unsigned id;
    nps_xlsx_numfmt kind;
} custom_fmt;

typedef struct styles_parse {
    nps_xlsx *x;
    custom_fmt *fmts;
    size_t n_fmts, cap_fmts, cap_xf;
    int in_cell_xfs;
    bool failed;
} styles_parse;

/* A custom format code: date/time if y, m, d or h appear outside quotes,
 * brackets and escapes; percent if a % does. */
static nps_xlsx_numfmt classify_code(const char *code)
{
    bool date = false, time = false, percent = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {
            while (p[1] && p[1] != '"')
                p++;
            p += p[1] ? 1 : 0;
        } else if (c == '[') {
            while (p[1] && p[1] != ']')
                p++;
        } else if (c == '\\' && p[1]) {
            p++;
        } else if (c == ';') {
            break; /* the positive section decides */
        } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'm' || c == 'M') {
            date = true;
        } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
            time = true;
        } else if (c == '%') {
            percent = true;
        }
    }
    return date ? (time ? NPS_XLSX_DATETIME : NPS_XLSX_DATE) : time ? NPS_XLSX_DATETIME
           : percent ? NPS_XLSX_PERCENT : NPS_XLSX_PLAIN;
}

static nps_xlsx_numfmt builtin_format(unsigned id)
{
    if (id >= 14 && id <= 17)
        return NPS_XLSX_DATE;
    if ((id >= 18 && id <= 22) || (id >= 45 && id <= 47))
        return NPS_XLSX_DATETIME;
    if (id == 9 || id == 10)
        return NPS_XLSX_PERCENT;
    return NPS_XLSX_PLAIN;
}

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    styles_parse *s = ud;
    const char *local = nps_xlsx_local(name), *v;
    if (s->failed)
        return;
    if (strcmp(local, "numFmt") == 0 && (v = nps_xlsx_attr(atts, "numFmtId")) != NULL) {
        const char *code = nps_xlsx_attr(atts, "formatCode");
        if (nps_grow((void **)&s->fmts, &s->cap_fmts, s->n_fmts + 1, sizeof *s->fmts, 8) != NPS_OK) {
            s->failed = true;
            return;
        }
        s->fmts[s->n_fmts].id = (unsigned)strtoul(v, NULL, 10);
        s->fmts[s->n_fmts++].kind = code ? classify_code(code) : NPS_XLSX_PLAIN;
    } else if (strcmp(local, "cellXfs") == 0) {
        s->in_cell_xfs++;
    } else if (strcmp(local, "xf") == 0 && s->in_cell_xfs) {
        nps_xlsx *x = s->x;
        unsigned id = (v = nps_xlsx_attr(atts, "numFmtId")) ? (unsigned)strtoul(v, NULL, 10) : 0;
        nps_xlsx_numfmt kind = builtin_format(id);
        for (size_t i = 0; i < s->n_fmts; i++)
            if (s->fmts[i].id == id)
                kind = s->fmts[i].kind;
        if (nps_grow((void **)&x->xf_format, &s->cap_xf, x->n_xf + 1, 1, 32) != NPS_OK) {
            s->failed = true;
            return;
        }
        x->xf_format[x->n_xf++] = (unsigned char)kind;
    }
}

static void styles_end(void *ud, const XML_Char *name)
{
    styles_parse *s = ud;
    if (strcmp(nps_xlsx_local(name), "cellXfs") == 0 && s->in_cell_xfs)
        s->in_cell_xfs--;
}

/* -------------------------------------------------------------- numbers */

/* Days from 1970-01-01 to y-m-d and back (H. Hinnant's algorithms). */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = (long long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static void format_serial(const nps_xlsx *x, double serial, char out[64])
{
    /* Excel's 1900 system counts 1900-02-29, which never was: serials
     * before 60 are one day later than the 1899-12-30 epoch gives */
    long long seconds = llround(serial * 86400.0);
    long long days = seconds / 86400, rest = seconds % 86400;
    int y, m, d;
    if (!x->date1904 && serial < 60)
        days += 1;
    days += x->date1904 ? -24107 : -25569; /* to days since 1970-01-01 */
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 64, "%04d/%02d/%02d %02lld:%02lld:%02lld", y, m, d, rest / 3600, rest / 60 % 60, rest % 60);
}

void nps_xlsx_format_number(const nps_xlsx *x, size_t style, const char *v, char out[64])
{
    char *end;
    double value = strtod(v, &end);
    nps_xlsx_numfmt kind = style < x->n_xf ? (nps_xlsx_numfmt)x->xf_format[style] : NPS_XLSX_PLAIN;
    if (end == v || *end || !isfinite(value)) {
        snprintf(out, 64, "%.63s", v); /* not a number after all: as written */
        return;
    }
    if ((kind == NPS_XLSX_DATE || kind == NPS_XLSX_DATETIME) && value >= 0 && value < 2958466) /* ≤ 9999-12-31 */
        format_serial(x, value, out);
    else if (kind == NPS_XLSX_PERCENT)
        snprintf(out, 64, "%.15g%%", value * 100.0);
    else
        snprintf(out, 64, "%.15g", value);
}

void nps_xlsx_column_name(size_t col, char buf[8])
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col && n < 7) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* ----------------------------------------------------------------- open */

/* The relationships of the workbook part and the part's folder. */
static nps_error read_rels(nps_xlsx *x, rels *wr, char **book, nps_diag *diag)
{
    rels top = {0};
    nps_xlsx_handlers h = {rels_start, NULL, NULL, &top, NULL};
    nps_error err = nps_xlsx_parse(x, "_rels/.rels", true, &h, diag);
    *book = NULL;
    for (size_t i = 0; err == NPS_OK && i < top.n && !*book; i++)
        if (ends_with(top.v[i].type, "/officeDocument"))
            *book = resolve("", top.v[i].target);
    if (err == NPS_OK && !*book)
        *book = nps_strdup("xl/workbook.xml");
    if (err == NPS_OK && (!*book || top.failed))
        err = nps_diag_set(diag, NPS_ERR_NOMEM, x->path, 0, "out of memory");
    rels_free(&top);
    if (err != NPS_OK)
        return err;
    char *slash = strrchr(*book, '/');
    nps_strbuf b = {0};
    nps_strbuf_addn(&b, *book, slash ? (size_t)(slash + 1 - *book) : 0);
    nps_strbuf_add(&b, "_rels/");
    nps_strbuf_add(&b, slash ? slash + 1 : *book);
    nps_strbuf_add(&b, ".rels");
    h.ud = wr;
    if (b.failed)
        err = nps_diag_set(diag, NPS_ERR_NOMEM, x->path, 0, "out of memory");
    else
        err = nps_xlsx_parse(x, nps_strbuf_get(&b), false, &h, diag);
    if (err == NPS_OK && wr->failed)
        err = nps_diag_set(diag, NPS_ERR_NOMEM, x->path, 0, "out of memory");
    nps_strbuf_free(&b);
    return err;
}

/* The target of the workbook's relationship of type …/`kind`, or the
 * usual place. */
static char *part_of(const rels *wr, const char *kind, const char *usual)
{
    for (size_t i = 0; i < wr->n; i++)
        if (ends_with(wr->v[i].type, kind))
            return resolve("xl/", wr->v[i].target);
    return nps_strdup(usual);
}

static nps_error read_parts(nps_xlsx *x, nps_diag *diag)
{
    rels wr = {0};
    char *book = NULL, *sst_path = NULL, *styles_path = NULL;
    book_parse bp = {x, &wr, false};
    sst_parse sp = {x, {0}, 0, 0, 0, false, false};
    styles_parse st = {x, NULL, 0, 0, 0, 0, false};
    nps_xlsx_handlers hb = {book_start, NULL, NULL, &bp, NULL}, hs = {sst_start, sst_end, sst_text, &sp, NULL},
                      hy = {styles_start, styles_end, NULL, &st, NULL};
    nps_error err = read_rels(x, &wr, &book, diag);
    if (err == NPS_OK && (err = nps_xlsx_parse(x, book, false, &hb, diag)) == NPS_OK && bp.failed)
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK && x->n_sheets == 0)
        err = nps_diag_set(diag, NPS_ERR_EMPTY, x->path, 0, "the workbook has no worksheet");
    if (err == NPS_OK) {
        sst_path = part_of(&wr, "/sharedStrings", "xl/sharedStrings.xml");
        styles_path = part_of(&wr, "/styles", "xl/styles.xml");
        if (!sst_path || !styles_path)
            err = NPS_ERR_NOMEM;
    }
    if (err == NPS_OK && (err = nps_xlsx_parse(x, sst_path, true, &hs, diag)) == NPS_OK
        && (sp.failed || sp.text.failed))
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK)
        take_strings(&sp);
    if (err == NPS_OK && (err = nps_xlsx_parse(x, styles_path, true, &hy, diag)) == NPS_OK && st.failed)
        err = NPS_ERR_NOMEM;
    if (err == NPS_ERR_NOMEM && !(diag && diag->message[0]))
        nps_diag_set(diag, err, x->path, 0, "out of memory");
    nps_strbuf_free(&sp.text);
    nps_free(st.fmts);
    nps_free(book);
    nps_free(sst_path);
    nps_free(styles_path);
    rels_free(&wr);
    return err;
}

/* A stream without a file descriptor (fmemopen: nps_read_export_buffer)
 * is copied to memory, which libzip reads as a buffer; a file is read
 * through its FILE, which the source then owns. */
static zip_source_t *source_of(nps_xlsx *x, FILE *f, zip_error_t *ze)
{
    zip_source_t *src = NULL;
    if (fileno(f) >= 0) {
        if (!(src = zip_source_filep_create(f, 0, -1, ze)))
            fclose(f);
        return src;
    }
    char buf[1 << 16];
    size_t n, cap = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (nps_grow((void **)&x->memory, &cap, x->memory_len + n, 1, sizeof buf) != NPS_OK) {
            zip_error_set(ze, ZIP_ER_MEMORY, 0);
            fclose(f);
            return NULL;
        }
        memcpy(x->memory + x->memory_len, buf, n);
        x->memory_len += n;
    }
    fclose(f);
    return zip_source_buffer_create(x->memory, x->memory_len, 0, ze);
}

nps_error nps_xlsx_open(FILE *f, const char *path, nps_xlsx **out, nps_diag *diag)
{
    zip_error_t ze;
    zip_source_t *src;
    nps_xlsx *x = nps_calloc(1, sizeof *x);
    nps_error err = NPS_OK;
    *out = NULL;
    zip_error_init(&ze);
    if (!x) {
        fclose(f);
        return nps_diag_set(diag, NPS_ERR_NOMEM, path, 0, "out of memory");
    }
    x->path = path;
    x->chosen = "";
    if (!(src = source_of(x, f, &ze))) {
        err = zip_error_code_zip(&ze) == ZIP_ER_MEMORY ? NPS_ERR_NOMEM : NPS_ERR_IO;
        nps_diag_set(diag, err, path, 0, "cannot read the workbook: %s", zip_error_strerror(&ze));
        goto cleanup;
    }
    if (!(x->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
        zip_source_free(src); /* closes f */
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0,
                           "a zip file (as .xlsx is) that cannot be opened: %s — damaged or truncated?",
                           zip_error_strerror(&ze));
        nps_diag_hint(diag, "download the responses again, or open the file in Excel and save it as .xlsx");
        goto cleanup;
    }
    err = read_parts(x, diag);
cleanup:
    zip_error_fini(&ze);
    if (err != NPS_OK) {
        nps_xlsx_free(x);
        return err;
    }
    *out = x;
    return NPS_OK;
}

const char *nps_xlsx_sheet_name(const nps_xlsx *x) { return x->chosen; }

void nps_xlsx_free(nps_xlsx *x)
{
    if (!x)
        return;
    if (x->zip)
        zip_discard(x->zip);
    for (size_t i = 0; i < x->n_sheets; i++) {
        nps_free(x->sheets[i].name);
        nps_free(x->sheets[i].path);
    }
    nps_free(x->sheets);
    nps_free(x->strings);
    nps_free(x->string_at);
    nps_free(x->xf_format);
    nps_free(x->memory);
    nps_free(x);
}
