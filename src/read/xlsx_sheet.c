/*
 * xlsx_sheet.c — one worksheet streamed row by row (see xlsx.h).
 *
 * expat calls back element by element while the sheet XML is inflated in
 * chunks; a <c> collects the text of its <v> or of its inline string's
 * <t> runs (not of phonetic <rPh>, not of a formula <f>), and at </c> the
 * cell's text is made by its type: t="s" a shared string by index, "inlineStr"
 * and "str" the text, "b" TRUE/FALSE, "e" the error as written, "d" the ISO
 * date as written, else a number formatted by its style (a date serial
 * becomes "YYYY/MM/DD HH:MM:SS"). At </row> the row's cells, placed by their
 * references (r="F7": column F; without r, the next column), become one
 * record: columns without a cell are "", and empty cells after the last
 * non-empty one are left off. Rows come with their sheet row numbers.
 *
 * Invariants: memory holds one row (its cells' texts in one buffer) and the
 * cell being read; a cell larger than the limit, a column past the limit or
 * Excel's XFD, a row number past 1,048,576 or not increasing, and a shared
 * string index out of range stop the read with a message naming the cell.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "read/xlsx.h"

typedef enum cell_type { T_NUMBER, T_SHARED, T_TEXT, T_BOOL } cell_type;

typedef struct placed {
    size_t col;
    size_t at, len;   /* in the row's text */
} placed;

typedef struct sheet_parse {
    nps_xlsx *x;
    nps_xlsx_handlers *h;
    const nps_xlsx_limits *limits;
    nps_xlsx_row_fn fn;
    void *ctx;
    nps_diag *diag;
    long row, last_row;
    /* the row so far */
    nps_strbuf text;
    placed *cells;
    size_t n_cells, cap_cells;
    const char **fields;
    size_t *lens;
    size_t cap_fields;
    /* the cell being read */
    bool in_cell, in_v, in_is;
    int in_t, in_rph;
    size_t col, next_col, style;
    cell_type type;
    nps_strbuf value;
} sheet_parse;

static void fail(sheet_parse *s, nps_error err)
{
    nps_xlsx_stop(s->h->parser, err);
}

static void fail_nomem(sheet_parse *s)
{
    nps_diag_set(s->diag, NPS_ERR_NOMEM, s->x->path, s->row, "out of memory");
    fail(s, NPS_ERR_NOMEM);
}

/* "Sheet1!F7" of the cell being read. */
static const char *cell_name(const sheet_parse *s, char buf[160])
{
    char letters[8];
    nps_xlsx_column_name(s->col, letters);
    snprintf(buf, 160, "%.120s!%s%ld", s->x->chosen, letters, s->row);
    return buf;
}

/* Column (0-based) and row of a reference "F7"; false if it is not one. */
static bool parse_ref(const char *ref, size_t *col, long *row)
{
    size_t c = 0;
    long r = 0;
    const char *p = ref;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        c = c * 26 + (size_t)((*p | 0x20) - 'a' + 1);
        if (c > NPS_XLSX_MAX_COLS)
            return false;
        p++;
    }
    while (*p >= '0' && *p <= '9' && r <= NPS_XLSX_MAX_ROWS)
        r = r * 10 + (*p++ - '0');
    if (*p || (c == 0 && r == 0))
        return false;
    *col = c ? c - 1 : SIZE_MAX;
    *row = r;
    return true;
}

static void start_row(sheet_parse *s, const char **atts)
{
    const char *r = nps_xlsx_attr(atts, "r");
    long row = s->last_row + 1;
    if (r) {
        char *end;
        row = strtol(r, &end, 10);
        if (*end || end == r)
            row = 0;
    }
    if (row < 1 || row > NPS_XLSX_MAX_ROWS || row <= s->last_row) {
        nps_diag_set(s->diag, NPS_ERR_CSV, s->x->path, s->last_row + 1,
                     "sheet %s: a row numbered %s after row %ld (rows must increase, up to %ld)", s->x->chosen,
                     r ? r : "?", s->last_row, NPS_XLSX_MAX_ROWS);
        nps_diag_hint(s->diag, "the workbook is damaged: open it in Excel and save it as .xlsx again");
        fail(s, NPS_ERR_CSV);
        return;
    }
    s->row = row;
    s->n_cells = 0;
    s->next_col = 0;
    nps_strbuf_clear(&s->text);
}

static void start_cell(sheet_parse *s, const char **atts)
{
    const char *r = nps_xlsx_attr(atts, "r"), *t = nps_xlsx_attr(atts, "t"), *st = nps_xlsx_attr(atts, "s");
    size_t col = s->next_col, limit = s->limits->max_columns;
    long row = s->row;
    if (r && (!parse_ref(r, &col, &row) || (row && row != s->row))) {
        nps_diag_set(s->diag, NPS_ERR_CSV, s->x->path, s->row, "sheet %s row %ld: a cell reference \"%.40s\" that is not in this row",
                     s->x->chosen, s->row, r);
        nps_diag_hint(s->diag, "the workbook is damaged: open it in Excel and save it as .xlsx again");
        fail(s, NPS_ERR_CSV);
        return;
    }
    if (col == SIZE_MAX)
        col = s->next_col;
    if (col >= limit || col >= (size_t)NPS_XLSX_MAX_COLS) {
        nps_diag_set(s->diag, NPS_ERR_LIMIT, s->x->path, s->row, "sheet %s row %ld: more than %zu columns",
                     s->x->chosen, s->row, limit);
        nps_diag_hint(s->diag, "the export is damaged or not a survey export");
        fail(s, NPS_ERR_LIMIT);
        return;
    }
    s->col = col;
    s->next_col = col + 1;
    s->style = st ? (size_t)strtoul(st, NULL, 10) : 0;
    s->type = !t ? T_NUMBER : strcmp(t, "s") == 0 ? T_SHARED : strcmp(t, "b") == 0 ? T_BOOL
            : strcmp(t, "n") == 0 ? T_NUMBER : T_TEXT; /* inlineStr, str, e, d: as written */
    s->in_cell = true;
    nps_strbuf_clear(&s->value);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sheet_parse *s = ud;
    const char *local = nps_xlsx_local(name);
    if (strcmp(local, "row") == 0)
        start_row(s, atts);
    else if (strcmp(local, "c") == 0)
        start_cell(s, atts);
    else if (!s->in_cell)
        return;
    else if (strcmp(local, "v") == 0)
        s->in_v = true;
    else if (strcmp(local, "is") == 0)
        s->in_is = true;
    else if (strcmp(local, "rPh") == 0)
        s->in_rph++;
    else if (strcmp(local, "t") == 0 && s->in_is && !s->in_rph)
        s->in_t++;
}

static void sheet_text(void *ud, const XML_Char *text, int len)
{
    sheet_parse *s = ud;
    if (!s->in_v && !s->in_t)
        return;
    if (s->value.len + (size_t)len > s->limits->max_cell_bytes) {
        char ref[160];
        nps_diag_set(s->diag, NPS_ERR_LIMIT, s->x->path, s->row, "%s: a cell larger than %zu bytes",
                     cell_name(s, ref), s->limits->max_cell_bytes);
        nps_diag_hint(s->diag, "the export is damaged or not a survey export");
        fail(s, NPS_ERR_LIMIT);
        return;
    }
    nps_strbuf_addn(&s->value, text, (size_t)len);
    if (s->value.failed)
        fail_nomem(s);
}

/* The shared string a t="s" cell points at, or NULL (described). */
static const char *shared_string(sheet_parse *s, const char *v)
{
    char *end, ref[160];
    unsigned long long i = strtoull(v, &end, 10);
    if (end != v && !*end && v[0] != '-' && i < s->x->n_strings)
        return s->x->strings + s->x->string_at[i];
    nps_diag_set(s->diag, NPS_ERR_CSV, s->x->path, s->row,
                 "%s refers to shared string \"%.20s\", but the workbook has %zu shared strings", cell_name(s, ref),
                 v, s->x->n_strings);
    nps_diag_hint(s->diag, "the workbook is damaged: open it in Excel and save it as .xlsx again");
    fail(s, NPS_ERR_CSV);
    return NULL;
}

static void end_cell(sheet_parse *s)
{
    const char *v = nps_strbuf_get(&s->value), *text = v;
    char number[64];
    s->in_cell = s->in_v = s->in_is = false;
    s->in_t = s->in_rph = 0;
    if (s->value.len == 0)
        return; /* an empty (perhaps styled) cell */
    if (s->type == T_SHARED && !(text = shared_string(s, v)))
        return;
    if (s->type == T_BOOL)
        text = strcmp(v, "0") == 0 ? "FALSE" : "TRUE";
    if (s->type == T_NUMBER) {
        nps_xlsx_format_number(s->x, s->style, v, number);
        text = number;
    }
    if (nps_grow((void **)&s->cells, &s->cap_cells, s->n_cells + 1, sizeof *s->cells, 32) != NPS_OK) {
        fail_nomem(s);
        return;
    }
    placed *c = &s->cells[s->n_cells++];
    c->col = s->col;
    c->at = s->text.len;
    c->len = strlen(text);
    nps_strbuf_addn(&s->text, text, c->len + 1); /* with its NUL */
    if (s->text.failed)
        fail_nomem(s);
}

/* The row's cells as one record: column i is fields[i]. */
static void end_row(sheet_parse *s)
{
    size_t n = 0;
    nps_error err;
    for (size_t i = 0; i < s->n_cells; i++)
        if (s->cells[i].len && s->cells[i].col + 1 > n)
            n = s->cells[i].col + 1;
    size_t cap = s->cap_fields;
    if (nps_grow((void **)&s->fields, &cap, n + 1, sizeof *s->fields, 64) != NPS_OK
        || nps_grow((void **)&s->lens, &s->cap_fields, n + 1, sizeof *s->lens, 64) != NPS_OK) {
        fail_nomem(s); /* (a grown `fields` is kept: freed at the end) */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        s->fields[i] = "";
        s->lens[i] = 0;
    }
    for (size_t i = 0; i < s->n_cells; i++)
        if (s->cells[i].col < n) {
            s->fields[s->cells[i].col] = s->text.s + s->cells[i].at;
            s->lens[s->cells[i].col] = s->cells[i].len;
        }
    s->last_row = s->row;
    if ((err = s->fn(s->ctx, s->row, n, s->fields, s->lens)) != NPS_OK)
        fail(s, err);
}

static void sheet_end(void *ud, const XML_Char *name)
{
    sheet_parse *s = ud;
    const char *local = nps_xlsx_local(name);
    if (strcmp(local, "c") == 0 && s->in_cell)
        end_cell(s);
    else if (strcmp(local, "row") == 0)
        end_row(s);
    else if (strcmp(local, "v") == 0)
        s->in_v = false;
    else if (strcmp(local, "is") == 0)
        s->in_is = false;
    else if (strcmp(local, "rPh") == 0 && s->in_rph)
        s->in_rph--;
    else if (strcmp(local, "t") == 0 && s->in_t)
        s->in_t--;
}

/* The sheet called `name`, or the first; NULL (described) if none. */
static const nps_xlsx_sheet_ref *choose_sheet(nps_xlsx *x, const char *name, nps_diag *diag)
{
    nps_strbuf list = {0};
    if (!name)
        return &x->sheets[0];
    for (size_t i = 0; i < x->n_sheets; i++)
        if (strcmp(x->sheets[i].name, name) == 0)
            return &x->sheets[i];
    for (size_t i = 0; i < x->n_sheets; i++)
        nps_strbuf_addf(&list, "%s「%s」", i ? ", " : "", x->sheets[i].name);
    nps_diag_set(diag, NPS_ERR_EMPTY, x->path, 0, "no sheet named 「%s」: the workbook has %s", name,
                 nps_strbuf_get(&list));
    nps_diag_hint(diag, "give one of these names to --sheet, or leave --sheet out to read the first sheet");
    nps_strbuf_free(&list);
    return NULL;
}

nps_error nps_xlsx_read_sheet(nps_xlsx *x, const char *name, const nps_xlsx_limits *limits,
                              nps_xlsx_row_fn fn, void *ctx, nps_diag *diag)
{
    nps_xlsx_handlers h = {sheet_start, sheet_end, sheet_text, NULL, NULL};
    sheet_parse s;
    const nps_xlsx_sheet_ref *sheet = choose_sheet(x, name, diag);
    nps_error err;
    if (!sheet)
        return NPS_ERR_EMPTY;
    memset(&s, 0, sizeof s);
    s.x = x;
    s.h = &h;
    s.limits = limits;
    s.fn = fn;
    s.ctx = ctx;
    s.diag = diag;
    h.ud = &s;
    x->chosen = sheet->name;
    err = nps_xlsx_parse(x, sheet->path, false, &h, diag);
    nps_strbuf_free(&s.text);
    nps_strbuf_free(&s.value);
    nps_free(s.cells);
    nps_free(s.fields);
    nps_free(s.lens);
    return err;
}
