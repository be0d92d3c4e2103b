/*
 * test_xlsx.c — the .xlsx reader (docs/spreadsheets.md): cell types and
 * references on workbooks made here with libzip, the 2023 fixture written by
 * a second spreadsheet writer (libxlsxwriter, inline strings) read exactly as
 * its CSV, the cells named in the quality log, and every hostile workbook
 * (zip bomb, broken XML, DOCTYPE, shared string out of range, rows out of
 * order, encrypted, .xls, truncated, missing sheet): one error with a
 * message, never a crash.
 */
#include <math.h>
#include <stdint.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "unit.h"
#include "base/alloc.h"
#include "base/strbuf.h"
#include "model/dataset.h"
#include "model/questionnaire.h"
#include "read/csvstream.h"
#include "read/header.h"
#include "read/reader.h"
#include "read/xlsx.h"

#define NPS_FUZZ_XLSX_ENTRY fuzz_xlsx_entry
#include "../fuzz/fuzz_xlsx.c"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define FIXTURE_CSV NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"
#define FIXTURE_MSFORMS NPS_SOURCE_DIR "/fixtures/msforms-2023/msforms.xlsx"

static const nps_questionnaire *questionnaire(void)
{
    static nps_questionnaire *q;
    if (!q && nps_questionnaire_load_default(&q, NULL) != NPS_OK)
        abort();
    return q;
}

/* A zip in memory (nps_malloc'd) of n entries; `password`: AES-256 each. */
static unsigned char *zip_of(size_t n, const char *const *names, const char *const *data, const size_t *lens,
                             const char *password, size_t *out_len)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    unsigned char *buf = NULL;
    zip_int64_t len;
    zip_error_init(&ze);
    *out_len = 0;
    if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
        return NULL;
    zip_source_keep(src);
    if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
        zip_source_free(src);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, data[i], lens ? lens[i] : strlen(data[i]), 0);
        zip_int64_t at = s ? zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8) : -1;
        if (at >= 0 && password)
            zip_file_set_encryption(za, (zip_uint64_t)at, ZIP_EM_AES_256, password);
    }
    if (zip_close(za) == 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        len = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (len > 0 && (buf = nps_malloc((size_t)len)) != NULL)
            *out_len = (size_t)zip_source_read(src, buf, (zip_uint64_t)len);
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return buf;
}

/* A workbook whose first sheet (in workbook order) 「回答」 is
 * worksheets/sheet2.xml (`first`), the second 「Other」 sheet1.xml. */
static unsigned char *book(const char *first, const char *sst, const char *styles, size_t sheet_len,
                           size_t *len)
{
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                           "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
    const char *data[] = {
        "<workbook " NS " xmlns:r=\"" REL_NS "\"><sheets>"
        "<sheet name=\"回答\" sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"Other\" sheetId=\"2\" r:id=\"rId1\"/>"
        "</sheets></workbook>",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId7\" Type=\"" REL_NS "/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId4\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/></Relationships>",
        "<worksheet " NS "><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>other sheet</t></is></c></row>"
        "</sheetData></worksheet>",
        first, sst ? sst : "<sst " NS "/>", styles ? styles : "<styleSheet " NS "/>"};
    size_t lens[6];
    for (size_t i = 0; i < 6; i++) /* the sheet: `sheet_len` bytes, not a string, when given */
        lens[i] = i == 3 && sheet_len ? sheet_len : strlen(data[i]);
    return zip_of(6, names, data, lens, NULL, len);
}

/* ---------------------------------------------------- the sheet layer */

static nps_error collect(void *ctx, long row, size_t n, const char *const *cells, const size_t *lens)
{
    nps_strbuf *b = ctx;
    nps_strbuf_addf(b, "%ld:", row);
    for (size_t i = 0; i < n; i++) {
        CHECK_INT(strlen(cells[i]), lens[i]);
        nps_strbuf_addf(b, "%s%s", i ? "|" : "", cells[i]);
    }
    nps_strbuf_add(b, "\n");
    return NPS_OK;
}

/* Read sheet `name` of a workbook in memory into "row:a|b|c\n" lines. */
static nps_error read_rows(const unsigned char *zip, size_t len, const char *name, nps_strbuf *out,
                           nps_diag *diag)
{
    nps_xlsx *x = NULL;
    nps_xlsx_limits limits = {1 << 20, 10000};
    FILE *f = fmemopen((void *)zip, len, "rb");
    nps_error err = f ? nps_xlsx_open(f, "test.xlsx", &x, diag) : NPS_ERR_IO;
    if (err == NPS_OK)
        err = nps_xlsx_read_sheet(x, name, &limits, collect, out, diag);
    nps_xlsx_free(x);
    return err;
}

TEST(cells_types_and_references)
{
    const char *sheet =
        "<worksheet " NS "><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><r><t>ri</t></r>"
        "<r><t xml:space=\"preserve\">ch </t></r><rPh><t>ルビ</t></rPh></is></c><c r=\"F1\" t=\"b\"><v>1</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45204.5</v></c><c r=\"B3\"><v>0.30000000000000004</v></c>"
        "<c r=\"C3\" t=\"str\"><f>A1</f><v>x&amp;y</v></c><c r=\"D3\" s=\"2\"><v>0.25</v></c><c r=\"E3\" s=\"1\"/>"
        "<c><v>7</v></c><c r=\"H3\" s=\"3\"><v>1</v></c><c r=\"I3\" t=\"e\"><v>#N/A</v></c></row>"
        "<row r=\"4\"><c r=\"B4\" s=\"2\"/></row>"
        "</sheetData></worksheet>";
    const char *sst = "<sst " NS "><si><t>zero</t></si><si><r><t>共</t></r><r><rPr/><t>有</t></r>"
                      "<rPh sb=\"0\" eb=\"1\"><t>キョウ</t></rPh></si></sst>";
    const char *styles = "<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
                         "formatCode=\"yyyy/m/d\\ h:mm\"/></numFmts><cellXfs count=\"4\"><xf numFmtId=\"0\"/>"
                         "<xf numFmtId=\"164\"/><xf numFmtId=\"9\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    size_t len;
    unsigned char *zip = book(sheet, sst, styles, 0, &len);
    nps_strbuf rows = {0};
    nps_diag diag = {0};
    CHECK(zip != NULL);
    CHECK_INT(read_rows(zip, len, NULL, &rows, &diag), NPS_OK);
    CHECK_STR(nps_strbuf_get(&rows), "1:共有||rich |||TRUE\n"
                                     "3:2023/10/05 12:00:00|0.3|x&y|25%||7||1900/01/01 00:00:00|#N/A\n"
                                     "4:\n");
    nps_strbuf_clear(&rows);
    CHECK_INT(read_rows(zip, len, "Other", &rows, &diag), NPS_OK);
    CHECK_STR(nps_strbuf_get(&rows), "1:other sheet\n");
    nps_strbuf_free(&rows);
    nps_free(zip);
}

TEST(column_names)
{
    char b[8];
    nps_xlsx_column_name(0, b);
    CHECK_STR(b, "A");
    nps_xlsx_column_name(25, b);
    CHECK_STR(b, "Z");
    nps_xlsx_column_name(26, b);
    CHECK_STR(b, "AA");
    nps_xlsx_column_name(16383, b);
    CHECK_STR(b, "XFD");
}

TEST(form_metadata_columns)
{
    static const struct { const char *h; nps_header_metadata kind; } cases[] = {
        {"ID", NPS_META_ID}, {"開始時刻", NPS_META_TIME}, {"完了時刻", NPS_META_TIME},
        {"メール", NPS_META_PERSONAL}, {"名前", NPS_META_PERSONAL}, {"最終変更時刻", NPS_META_TIME},
        {"Start time", NPS_META_TIME}, {"Completion time", NPS_META_TIME}, {"Email", NPS_META_PERSONAL},
        {"Name", NPS_META_PERSONAL}, {"Last modified time", NPS_META_TIME}, {"ＩＤ", NPS_META_ID},
        {"タイムスタンプ", NPS_META_TIME}, {"メールアドレス", NPS_META_PERSONAL},
        {"Q2. 団体名を記載してください。", NPS_META_NONE}, {"名前を記載してください。", NPS_META_NONE}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_INT(nps_header_form_metadata(cases[i].h, strlen(cases[i].h)), cases[i].kind);
}

/* ---------------------------------------- hostile workbooks, one message */

static nps_error read_buffer(const void *data, size_t len, const char *sheet, nps_diag *diag)
{
    nps_read_options opts = {NPS_ENCODING_AUTO, false, 0, 0, NULL, NULL, sheet};
    nps_dataset *d = NULL;
    nps_error err = nps_read_export_buffer("bad.xlsx", data, len, questionnaire(), &opts, &d, diag);
    CHECK(err == NPS_OK ? d != NULL : d == NULL);
    CHECK(err == NPS_OK || diag->message[0]);
    nps_dataset_free(d);
    return err;
}

static void check_refused(const char *sheet, nps_error want, const char *says)
{
    size_t len;
    unsigned char *zip = book(sheet, "<sst " NS "><si><t>Q2. 団体名を記載してください。</t></si></sst>", NULL, 0, &len);
    nps_diag diag;
    CHECK(zip != NULL);
    CHECK_INT(read_buffer(zip, len, NULL, &diag), want);
    if (!strstr(diag.message, says))
        fprintf(stderr, "message: %s\n", diag.message);
    CHECK(strstr(diag.message, says) != NULL);
    nps_free(zip);
}

TEST(broken_xml_names_the_line)
{
    check_refused("<worksheet " NS ">\n<sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>",
                  NPS_ERR_CSV, "xl/worksheets/sheet2.xml line 3: broken XML (mismatched tag)");
}

TEST(doctype_refused)
{
    check_refused("<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                  "<worksheet " NS "><sheetData/></worksheet>",
                  NPS_ERR_CSV, "a DOCTYPE");
}

TEST(shared_string_out_of_range)
{
    check_refused("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>",
                  NPS_ERR_CSV, "回答!A2 refers to shared string \"7\", but the workbook has 1 shared strings");
}

TEST(rows_out_of_order_or_past_the_last)
{
    check_refused("<worksheet " NS "><sheetData><row r=\"3\"/><row r=\"2\"/></sheetData></worksheet>", NPS_ERR_CSV,
                  "a row numbered 2 after row 3");
    check_refused("<worksheet " NS "><sheetData><row r=\"1048577\"/></sheetData></worksheet>", NPS_ERR_CSV,
                  "a row numbered 1048577");
    check_refused("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>",
                  NPS_ERR_CSV, "a cell reference \"XFE1\"");
}

TEST(empty_sheet_and_header_only)
{
    check_refused("<worksheet " NS "><sheetData/></worksheet>", NPS_ERR_EMPTY, "sheet 「回答」 is empty");
    check_refused("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"B1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
                  NPS_ERR_EMPTY, "a header but no responses");
}

TEST(zip_bomb_refused)
{
    /* 100 MiB of one byte deflates to ~100 KiB: past the 200:1 ratio from 64 MiB */
    const char *head = "<worksheet " NS "><sheetData>";
    size_t size = (size_t)100 << 20, hl = strlen(head);
    char *sheet = nps_malloc(size);
    size_t len;
    nps_diag diag;
    CHECK(sheet != NULL);
    memcpy(sheet, head, hl);
    memset(sheet + hl, ' ', size - hl);
    unsigned char *zip = book(sheet, NULL, NULL, size, &len);
    nps_free(sheet);
    CHECK(zip != NULL && len < size / 200);
    CHECK_INT(read_buffer(zip, len, NULL, &diag), NPS_ERR_LIMIT);
    CHECK(strstr(diag.message, "a zip bomb") != NULL);
    nps_free(zip);
}

TEST(encrypted_entries_refused)
{
    const char *names[] = {"xl/_rels/workbook.xml.rels"}, *data[] = {"<Relationships/>"};
    size_t len;
    nps_diag diag;
    if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
        fprintf(stderr, "libzip without AES: skipped\n");
        return;
    }
    unsigned char *zip = zip_of(1, names, data, NULL, "secret", &len);
    CHECK(zip != NULL);
    CHECK_INT(read_buffer(zip, len, NULL, &diag), NPS_ERR_ENCODING);
    if (!strstr(diag.message, "password-protected"))
        fprintf(stderr, "message: %s\n", diag.message);
    CHECK(strstr(diag.message, "password-protected") != NULL);
    nps_free(zip);
}

/* An OLE compound file's first bytes, and (for an encrypted workbook) the
 * name of its EncryptedPackage stream in UTF-16LE further on. */
TEST(xls_and_encrypted_ole_refused)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    unsigned char ole[4096] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    nps_diag diag;
    CHECK_INT(read_buffer(ole, sizeof ole, NULL, &diag), NPS_ERR_ENCODING);
    CHECK(strstr(diag.message, ".xls") != NULL && strstr(diag.hint, "save as .xlsx or .csv") != NULL);
    memcpy(ole + 1024 + 70, name, sizeof name - 1);
    CHECK_INT(read_buffer(ole, sizeof ole, NULL, &diag), NPS_ERR_ENCODING);
    CHECK(strstr(diag.message, "password-protected") != NULL);
}

TEST(truncated_workbook_refused)
{
    size_t len;
    unsigned char *data = unit_slurp(FIXTURE_MSFORMS, &len);
    nps_diag diag;
    CHECK(data != NULL && len > 1000);
    CHECK_INT(read_buffer(data, len / 2, NULL, &diag), NPS_ERR_IO);
    CHECK(strstr(diag.message, "damaged or truncated") != NULL);
    free(data);
}

TEST(missing_sheet_lists_the_sheets)
{
    size_t len;
    unsigned char *data = unit_slurp(FIXTURE_MSFORMS, &len);
    nps_diag diag;
    CHECK(data != NULL);
    CHECK_INT(read_buffer(data, len, "回答", &diag), NPS_ERR_EMPTY);
    CHECK_STR(diag.message, "no sheet named 「回答」: the workbook has 「Sheet1」");
    CHECK_INT(read_buffer(data, len, "Sheet1", &diag), NPS_OK);
    free(data);
}

/* ------------------------------------------------ the fixture, two ways */

/* The CSV fixture written again by libxlsxwriter in constant-memory mode
 * (inline strings, rows streamed): timestamps as dates, numbers as numbers. */
typedef struct lxw_copy {
    lxw_worksheet *ws;
    lxw_format *when;
} lxw_copy;

static bool plain_number(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || (s[0] == '0' && len > 1 && s[1] != '.'))
        return false;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i < len && s[i] == '.' && i + 1 < len)
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            ;
    return i == len && s[0] != '.';
}

static nps_error copy_record(void *ctx, long line, size_t n, const char *const *fields, const size_t *lens)
{
    lxw_copy *c = ctx;
    lxw_row_t row = (lxw_row_t)(line - 1);
    for (size_t i = 0; i < n; i++) {
        lxw_datetime t;
        char text[64];
        if (lens[i] == 0)
            continue;
        if (line > 1 && i == 0 && lens[i] < sizeof text) {
            memcpy(text, fields[i], lens[i]);
            text[lens[i]] = '\0';
            if (sscanf(text, "%d/%d/%d %d:%d:%lf", &t.year, &t.month, &t.day, &t.hour, &t.min, &t.sec) == 6) {
                worksheet_write_datetime(c->ws, row, 0, &t, c->when);
                continue;
            }
        }
        char *s = nps_strndup(fields[i], lens[i]);
        if (!s)
            return NPS_ERR_NOMEM;
        if (line > 1 && plain_number(s, lens[i]))
            worksheet_write_number(c->ws, row, (lxw_col_t)i, strtod(s, NULL), NULL);
        else
            worksheet_write_string(c->ws, row, (lxw_col_t)i, s, NULL);
        nps_free(s);
    }
    return NPS_OK;
}

static bool write_with_libxlsxwriter(const char *out, bool constant_memory)
{
    lxw_workbook_options o = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(out, &o);
    lxw_copy c = {NULL, NULL};
    nps_csv_stream *cs = NULL;
    size_t len;
    unsigned char *csv = unit_slurp(FIXTURE_CSV, &len);
    bool ok = wb && csv;
    if (ok) {
        c.ws = workbook_add_worksheet(wb, "フォームの回答 1");
        c.when = workbook_add_format(wb);
        format_set_num_format(c.when, "yyyy/mm/dd hh:mm:ss");
        ok = nps_csv_stream_new(',', NULL, copy_record, &c, &cs) == NPS_OK
             && nps_csv_stream_feed(cs, (const char *)csv, len) == NPS_OK && nps_csv_stream_finish(cs) == NPS_OK;
    }
    nps_csv_stream_free(cs);
    free(csv);
    return wb && workbook_close(wb) == LXW_NO_ERROR && ok;
}

/* Every coded cell of two reads is the same. */
static void check_same_data(const nps_dataset *a, const nps_dataset *b, size_t extra_notes)
{
    const nps_questionnaire *q = questionnaire();
    CHECK_INT(nps_dataset_count(a), nps_dataset_count(b));
    CHECK_INT(nps_dataset_quality_count(a) + extra_notes, nps_dataset_quality_count(b));
    for (size_t r = 0; r < nps_dataset_count(a) && r < nps_dataset_count(b); r++) {
        CHECK_INT(nps_dataset_timestamp(a, r), nps_dataset_timestamp(b, r));
        for (size_t c = 0; c < nps_questionnaire_field_count(q); c++) {
            const nps_field *f = nps_questionnaire_field_at(q, c);
            const char *ta = nps_dataset_text(a, r, f), *tb = nps_dataset_text(b, r, f);
            double na = nps_dataset_number(a, r, f), nb = nps_dataset_number(b, r, f);
            CHECK(!ta == !tb && (!ta || strcmp(ta, tb) == 0));
            if (f->type == NPS_F_SELECT_MULTIPLE)
                CHECK(nps_dataset_choices(a, r, f) == nps_dataset_choices(b, r, f));
            else if (f->type == NPS_F_NUMBER)
                CHECK((isnan(na) && isnan(nb)) || na == nb);
            else if (f->type != NPS_F_TEXT)
                CHECK_INT(nps_dataset_choice(a, r, f), nps_dataset_choice(b, r, f));
        }
    }
}

static nps_dataset *read_file(const char *path)
{
    nps_dataset *d = NULL;
    nps_diag diag;
    if (nps_read_export(path, questionnaire(), NULL, &d, &diag) != NPS_OK)
        fprintf(stderr, "%s: %s\n", path, diag.message);
    return d;
}

/* libxlsxwriter: inline strings (constant memory) or shared strings. */
static void check_libxlsxwriter_copy(bool constant_memory)
{
    const char *out = constant_memory ? NPS_BINARY_DIR "/test_xlsx_libxlsxwriter_inline.xlsx"
                                      : NPS_BINARY_DIR "/test_xlsx_libxlsxwriter_shared.xlsx";
    CHECK(write_with_libxlsxwriter(out, constant_memory));
    nps_dataset *a = read_file(FIXTURE_CSV), *b = read_file(out);
    int zerr = 0;
    zip_t *za = zip_open(out, ZIP_RDONLY, &zerr);
    CHECK(za && (zip_name_locate(za, "xl/sharedStrings.xml", 0) >= 0) == !constant_memory);
    if (za)
        zip_discard(za);
    CHECK(a && b);
    if (a && b) {
        check_same_data(a, b, 0);
        CHECK_INT(nps_dataset_count(b), 65);
    }
    nps_dataset_free(a);
    nps_dataset_free(b);
}

TEST(libxlsxwriter_inline_strings_read_as_the_csv) { check_libxlsxwriter_copy(true); }
TEST(libxlsxwriter_shared_strings_read_as_the_csv) { check_libxlsxwriter_copy(false); }

TEST(msforms_workbook_reads_as_the_csv)
{
    nps_dataset *a = read_file(FIXTURE_CSV), *b = read_file(FIXTURE_MSFORMS);
    CHECK(a && b);
    if (a && b) /* and the notes of its 5 columns that are no question (ID, …) */
        check_same_data(a, b, 5);
    nps_dataset_free(a);
    nps_dataset_free(b);
}

/* Every entry of the quality log names its cell: the column whose header is
 * the entry's column, on the entry's row. */
TEST(quality_log_names_cells)
{
    size_t len;
    unsigned char *zip = unit_slurp(FIXTURE_MSFORMS, &len);
    nps_dataset *d = read_file(FIXTURE_MSFORMS);
    nps_strbuf header = {0};
    nps_diag diag;
    size_t named = 0;
    CHECK(zip && d);
    CHECK_INT(read_rows(zip, len, NULL, &header, &diag), NPS_OK);
    for (size_t i = 0; d && i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        char want[200], letters[8];
        const char *h = nps_strbuf_get(&header), *end = strchr(h, '\n');
        size_t col = 0;
        CHECK(e->cell != NULL);
        if (!e->cell || !e->column[0])
            continue;
        /* header row "1:a|b|c": the column of e->column */
        for (const char *p = h + 2; p < end; col++) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);
            if (n == strlen(e->column) && memcmp(p, e->column, n) == 0)
                break;
            p = bar ? bar + 1 : end;
        }
        nps_xlsx_column_name(col, letters);
        if (strstr(h, e->column)) /* else not a header (Q14's percent sum): the row */
            snprintf(want, sizeof want, "Sheet1!%s%ld", letters, e->line);
        else
            snprintf(want, sizeof want, "Sheet1!%ld:%ld", e->line, e->line);
        CHECK_STR(e->cell, want);
        named++;
    }
    CHECK(named >= 60); /* 5 header notes and the notes and finding of the data */
    nps_strbuf_free(&header);
    nps_dataset_free(d);
    free(zip);
}

/* An entry of a zip file as a string (nps_strbuf). */
static bool entry_text(zip_t *za, const char *name, nps_strbuf *out)
{
    zip_file_t *zf = zip_fopen(za, name, 0);
    char buf[4096];
    zip_int64_t n;
    if (!zf)
        return false;
    while ((n = zip_fread(zf, buf, sizeof buf)) > 0)
        nps_strbuf_addn(out, buf, (size_t)n);
    zip_fclose(zf);
    return n == 0 && !out->failed;
}

/* The fuzz target's code in every build: the fixture's own sheet, shared
 * strings and styles (read exactly like the workbook), and a few broken
 * inputs. */
TEST(fuzz_target_runs)
{
    static const char *const broken[] = {"", "<", "<worksheet><sheetData><row r=\"0\"/>",
                                         "<!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>"};
    int err = 0;
    zip_t *za = zip_open(FIXTURE_MSFORMS, ZIP_RDONLY, &err);
    nps_strbuf in = {0};
    CHECK(za != NULL);
    if (za) {
        CHECK(entry_text(za, "xl/worksheets/sheet1.xml", &in));
        nps_strbuf_addn(&in, "", 1);
        entry_text(za, "xl/sharedStrings.xml", &in); /* openpyxl writes inline strings: none */
        nps_strbuf_addn(&in, "", 1);
        CHECK(entry_text(za, "xl/styles.xml", &in));
        zip_discard(za);
    }
    CHECK(in.len > 100000);
    CHECK_INT(fuzz_xlsx_entry((const uint8_t *)in.s, in.len), 0);
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++)
        CHECK_INT(fuzz_xlsx_entry((const uint8_t *)broken[i], strlen(broken[i])), 0);
    nps_strbuf_free(&in);
}

/* Inputs fuzz_xlsx once stopped on, replayed in every build: a sheet whose
 * header maps only open-text questions reads with no table, as it should. */
TEST(fuzz_regressions_replayed)
{
    size_t len;
    unsigned char *data =
        unit_slurp(NPS_SOURCE_DIR "/fuzz/regressions/xlsx/only-open-text-columns-read", &len);
    CHECK(data != NULL && len > 0);
    if (data)
        CHECK_INT(fuzz_xlsx_entry(data, len), 0);
    free(data);
}

UNIT_MAIN()
