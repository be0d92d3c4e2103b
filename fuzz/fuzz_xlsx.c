/*
 * fuzz_xlsx.c — libFuzzer target: the .xlsx sheet reader (docs/spreadsheets.md,
 * docs/robustness.md).
 *
 * A zip container is a poor thing to mutate (every change breaks its CRC), so
 * the input is the XML inside: the sheet, and after a NUL byte (if any) the
 * shared strings, then after a second NUL the styles. They are packed with
 * libzip into a workbook with a fixed workbook.xml and rels (two sheets,
 * the first in workbook order being the fuzzed one) and read by
 * nps_read_export_buffer — the whole path of an .xlsx export: sniffing,
 * libzip, expat, shared strings, styles and dates, rows into the CSV path's
 * header and cell coding, duplicates, cell names of the quality log. A
 * successful read is tabulated. Invariants checked: a read either succeeds
 * with a dataset or fails with a message and no dataset; a dataset always
 * has tables.
 *
 * Also compiled into tests/test_xlsx.c (NPS_FUZZ_XLSX_ENTRY renamed), which
 * runs it over the fixture's own sheet in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "base/alloc.h"
#include "model/questionnaire.h"
#include "read/reader.h"
#include "analyse/tables.h"

#ifndef NPS_FUZZ_XLSX_ENTRY
#define NPS_FUZZ_XLSX_ENTRY LLVMFuzzerTestOneInput
#endif

static size_t present_closed_fields(const nps_dataset *d)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    size_t n = 0;
    for (size_t i = 0; i < nps_questionnaire_question_count(q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        for (size_t k = 0; k < qu->n_fields; k++) {
            const nps_field *f = qu->fields[k];
            if (f->type != NPS_F_TEXT && f->personal == NPS_PERSONAL_NONE && !nps_dataset_field_absent(d, f))
                n++;
        }
    }
    return n;
}

int NPS_FUZZ_XLSX_ENTRY(const uint8_t *data, size_t size);

#define FUZZ_NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const nps_questionnaire *fuzz_xlsx_questionnaire(void)
{
    static nps_questionnaire *q;
    if (!q && nps_questionnaire_load_default(&q, NULL) != NPS_OK)
        abort();
    return q;
}

/* The workbook around the three parts, in memory (nps_malloc'd), or NULL. */
static unsigned char *fuzz_xlsx_pack(const uint8_t *parts[3], const size_t lens[3], size_t *out_len)
{
    static const char *const fixed[2] = {
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"" FUZZ_NS_REL "\">"
        "<workbookPr date1904=\"0\"/><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId2\"/>"
        "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" FUZZ_NS_REL "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" FUZZ_NS_REL "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" FUZZ_NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId4\" Type=\"" FUZZ_NS_REL "/styles\" Target=\"styles.xml\"/></Relationships>"};
    static const char *const names[5] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                                         "xl/sharedStrings.xml", "xl/styles.xml"};
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    unsigned char *buf = NULL;
    zip_error_init(&ze);
    *out_len = 0;
    if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
        return NULL;
    zip_source_keep(src);
    if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
        zip_source_free(src);
        return NULL;
    }
    for (int i = 0; i < 5; i++) {
        const void *d = i < 2 ? (const void *)fixed[i] : (const void *)parts[i - 2];
        size_t n = i < 2 ? strlen(fixed[i]) : lens[i - 2];
        zip_source_t *s;
        if (i >= 2 && !d)
            continue; /* a part the input leaves out */
        if (!(s = zip_source_buffer(za, n ? d : "", n, 0)) || zip_file_add(za, names[i], s, 0) < 0)
            zip_source_free(s);
    }
    if (zip_close(za) != 0)
        zip_discard(za);
    else if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t len = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (len > 0 && (buf = nps_malloc((size_t)len)) != NULL)
            *out_len = (size_t)zip_source_read(src, buf, (zip_uint64_t)len);
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return buf;
}

int NPS_FUZZ_XLSX_ENTRY(const uint8_t *data, size_t size)
{
    const uint8_t *parts[3] = {data, NULL, NULL};
    size_t lens[3] = {size, 0, 0};
    nps_read_options opts = {NPS_ENCODING_AUTO, size % 5 == 4, 0, 0, NULL, NULL, NULL};
    nps_dataset *d = NULL;
    nps_tables *t = NULL;
    nps_diag diag;
    size_t zip_len;
    /* sheet \0 shared strings \0 styles */
    for (int k = 1; k < 3; k++) {
        const uint8_t *nul = memchr(parts[k - 1], '\0', lens[k - 1]);
        if (!nul)
            break;
        parts[k] = nul + 1;
        lens[k] = lens[k - 1] - (size_t)(nul + 1 - parts[k - 1]);
        lens[k - 1] = (size_t)(nul - parts[k - 1]);
    }
    if (size % 7 == 6) {
        opts.max_field_bytes = 64;
        opts.max_columns = 40;
    }
    unsigned char *zip = fuzz_xlsx_pack(parts, lens, &zip_len);
    if (!zip)
        return 0;
    nps_error err = nps_read_export_buffer("fuzz.xlsx", zip, zip_len, fuzz_xlsx_questionnaire(), &opts, &d, &diag);
    nps_free(zip);
    if (err != NPS_OK) {
        if (d || !diag.message[0])
            abort(); /* an error must come with a message and no dataset */
        return 0;
    }
    if (!d)
        abort();
    /* One table per closed field whose column the export has (a question
     * with no column is a finding, not a table: docs/reading.md). */
    if (nps_tables_build(d, &t) == NPS_OK && nps_tables_count(t) != present_closed_fields(d))
        abort();
    nps_tables_free(t);
    nps_dataset_free(d);
    return 0;
}
