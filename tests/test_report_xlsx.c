/*
 * test_report_xlsx.c — the Excel workbook (report_xlsx*.c, docs/workbook.md).
 *
 * Each test writes a workbook into a fresh mkdtemp directory and reads it
 * back as what it is, a zip of XML parts, through `unzip -p` (popen): the
 * sheet list (xl/workbook.xml and its rels), the worksheets, the charts and
 * drawings, the styles. Strings may be shared (xl/sharedStrings.xml) or
 * inline (<is><t>…</t></is>, constant_memory sheets), so searches for text
 * look at both. Small exports made in the test directory exercise what the
 * fixture lacks: formula-like text, Excel escapes, a 40,000-character answer.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "read/reader.h"
#include "report/report.h"
#include "report/xlsx/xlsx_private.h"
#include "present/results.h"
#include "present/codebook.h"
#include "present/quality_ja.h"
#include "base/alloc.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"

/* ------------------------------------------------------------- harness */

typedef struct book {
    char dir[64];
    char path[128];
    nps_questionnaire *q;
    nps_dataset *d;
    nps_results *r;
} book;

static void book_free(book *b)
{
    char cmd[160];
    nps_results_free(b->r);
    nps_dataset_free(b->d);
    nps_questionnaire_free(b->q);
    if (b->dir[0]) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", b->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", b->dir);
    }
    memset(b, 0, sizeof *b);
}

static bool make_dir(book *b)
{
    snprintf(b->dir, sizeof b->dir, "/tmp/nps-xlsx-XXXXXX");
    if (!mkdtemp(b->dir)) {
        b->dir[0] = '\0';
        return false;
    }
    snprintf(b->path, sizeof b->path, "%s/report.xlsx", b->dir);
    return true;
}

/* Read `csv`, build the results and write the workbook; false on any error. */
static bool book_write(book *b, const char *csv, bool reveal)
{
    nps_diag diag;
    nps_results_options ro = {reveal};
    nps_report_options o = {NULL, "responses.csv", reveal, 1700000000, NULL, NULL};
    memset(&diag, 0, sizeof diag);
    if (!b->dir[0] && !make_dir(b))
        return false;
    if (nps_questionnaire_load_default(&b->q, &diag) != NPS_OK ||
        nps_read_export(csv, b->q, NULL, &b->d, &diag) != NPS_OK ||
        nps_results_build(b->d, &ro, &b->r) != NPS_OK) {
        fprintf(stderr, "cannot read %s: %s\n", csv, diag.message);
        return false;
    }
    nps_error err = nps_report_write_xlsx(b->r, &o, b->path, &diag);
    if (err != NPS_OK)
        fprintf(stderr, "write_xlsx: %s: %s\n", diag.file, diag.message);
    return err == NPS_OK;
}

/* Write a small export into the book's directory. */
static bool write_export(book *b, const char *name, const char *text, char *path, size_t size)
{
    FILE *f;
    if (!b->dir[0] && !make_dir(b))
        return false;
    snprintf(path, size, "%s/%s", b->dir, name);
    f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok;
}

/* Output of a shell command (malloc'ed, NUL-terminated; "" on failure). */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    if (!buf)
        abort();
    if (p) {
        size_t n;
        while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
            len += n;
            if (cap - len < 2) {
                cap *= 2;
                buf = realloc(buf, cap);
                if (!buf)
                    abort();
            }
        }
        pclose(p);
    }
    buf[len] = '\0';
    return buf;
}

/* The parts of the workbook matching the space-separated unzip patterns
 * `members`, concatenated. */
static char *part(const book *b, const char *members)
{
    size_t cap = strlen(b->path) + 4 * strlen(members) + 64, len;
    char *cmd = malloc(cap), *out;
    const char *p = members;
    if (!cmd)
        abort();
    len = (size_t)snprintf(cmd, cap, "unzip -p '%s'", b->path);
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n)
            len += (size_t)snprintf(cmd + len, cap - len, " '%.*s'", (int)n, p);
        p += n;
        p += *p == ' ';
    }
    snprintf(cmd + len, cap - len, " 2>/dev/null");
    out = run(cmd);
    free(cmd);
    return out;
}

/* Occurrences of needle (a plain loop: sanitizers make repeated strstr
 * over a large haystack quadratic). */
static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (*p == needle[0] && strncmp(p, needle, len) == 0) {
            n++;
            p += len - 1;
        }
    return n;
}

/* The part name (xl/worksheets/sheetN.xml) of the sheet called `name`. */
static bool sheet_part(const book *b, const char *name, char *out, size_t size)
{
    char *wb = part(b, "xl/workbook.xml"), *rels = part(b, "xl/_rels/workbook.xml.rels");
    char key[256], rid[32];
    bool ok = false;
    snprintf(key, sizeof key, "<sheet name=\"%s\"", name);
    const char *s = strstr(wb, key), *r;
    if (s && (r = strstr(s, "r:id=\"")) && sscanf(r + 6, "%31[^\"]", rid) == 1) {
        snprintf(key, sizeof key, "Id=\"%s\"", rid);
        const char *t = strstr(rels, key);
        const char *target = t ? strstr(t, "Target=\"") : NULL;
        char file[128];
        if (target && sscanf(target + 8, "%127[^\"]", file) == 1) {
            snprintf(out, size, "xl/%s", file);
            ok = true;
        }
    }
    free(wb);
    free(rels);
    return ok;
}

static char *sheet_xml(const book *b, const char *name)
{
    char member[160];
    if (!sheet_part(b, name, member, sizeof member))
        return calloc(1, 1);
    return part(b, member);
}

/* Every text-bearing part: worksheets, shared strings, charts, drawings,
 * document properties. */
static char *all_text(const book *b)
{
    return part(b, "xl/*.xml xl/worksheets/*.xml xl/charts/*.xml xl/drawings/*.xml docProps/*.xml");
}

/* `s` as it appears in XML text (& < > escaped). */
static void xml_escape(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s && n + 6 < size; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
        if (e) {
            memcpy(out + n, e, strlen(e));
            n += strlen(e);
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

static bool contains_text(const char *xml, const char *text)
{
    char esc[4096];
    xml_escape(text, esc, sizeof esc);
    return strstr(xml, esc) != NULL;
}

/* Number of sheets of the form (closed questions: those with a table). */
static size_t closed_questions(const book *b)
{
    size_t n = 0;
    for (size_t i = 0; i < nps_questionnaire_question_count(b->q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(b->q, i);
        bool has = false;
        for (size_t k = 0; k < qu->n_fields; k++)
            has = has || nps_tables_find(b->r->tables, qu->number, qu->fields[k]->item_index);
        n += has;
    }
    return n;
}

/* -------------------------------------------------------------- tests */


/* Organisation i of category c by value (zeroed when out of range). */
static nps_flow_org org_at(const nps_flows *f, size_t c, size_t i)
{
    nps_flow_org o;
    if (!nps_flows_org(f, c, i, &o))
        memset(&o, 0, sizeof o);
    return o;
}

TEST(fixture_sheets)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *wb = part(&b, "xl/workbook.xml");
    /* summary + one per closed question + flows, organisation lists, gap,
     * themes, theme quotes, free text, quality, questionnaire, coded data,
     * codebook */
    CHECK_INT(count_of(wb, "<sheet "), 1 + closed_questions(&b) + 10);
    CHECK(closed_questions(&b) >= 25);
    const char *order[] = {"概要", "Q06", "Q07", "Q13", "Q22", "Q29", "Q37", "困りごとフロー",
                           "団体リスト", "スクランブル人口", "課題テーマ", "テーマ別引用",
                           "自由記述", "データ品質", "調査票", "回答データ", "コードブック"};
    const char *prev = wb;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        char key[96];
        snprintf(key, sizeof key, "<sheet name=\"%s\"", order[i]);
        const char *at = strstr(wb, key);
        CHECK(at != NULL && at > prev);
        if (!at)
            fprintf(stderr, "  sheet %s missing or out of order\n", order[i]);
        else
            prev = at;
    }
    CHECK(strstr(wb, "name=\"Q01\"") == NULL); /* text-only questions have no sheet */
    CHECK(strstr(wb, "name=\"Q21\"") == NULL);
    /* the summary names the survey period, n and the sheets */
    char *summary = sheet_xml(&b, "概要");
    char *strings = part(&b, "xl/sharedStrings.xml");
    CHECK(strstr(strings, "2023-10-03 ～ 2023-11-07") != NULL);
    CHECK(strstr(strings, "回答団体数（n）") != NULL);
    CHECK(strstr(summary, "internal:") == NULL); /* links live in rels, not cells */
    CHECK(count_of(summary, "<hyperlink ") == count_of(wb, "<sheet ") - 1);
    free(summary);
    free(strings);
    free(wb);
    book_free(&b);
}

TEST(fixture_charts)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char cmd[256];
    snprintf(cmd, sizeof cmd, "unzip -Z1 '%s'", b.path);
    char *list = run(cmd);
    size_t charts = count_of(list, "xl/charts/chart");
    size_t drawings = count_of(list, "xl/drawings/drawing"); /* one per sheet with charts */
    CHECK(charts >= 20);
    CHECK(drawings >= 10);
    fprintf(stderr, "  %zu charts in %zu sheets\n", charts, drawings);
    char *xml = part(&b, "xl/charts/chart*.xml");
    CHECK(count_of(xml, "<c:chartSpace") == charts);
    CHECK(strstr(xml, "<c:barDir val=\"bar\"/>") != NULL);              /* choice questions */
    CHECK(strstr(xml, "<c:grouping val=\"percentStacked\"/>") != NULL); /* matrices, bins */
    CHECK(strstr(xml, "<c:doughnutChart>") != NULL);                    /* Q29 */
    CHECK(strstr(xml, "<c:barDir val=\"col\"/>") != NULL);              /* Q37 stars */
    CHECK(strstr(xml, "<c:scatterChart>") != NULL);                     /* gap */
    /* titles are the figure captions, in the Japanese font */
    CHECK(strstr(xml, "図1（Q6）") != NULL);   /* the PDF's numbers */
    CHECK(strstr(xml, "図24（Q29）") != NULL);
    CHECK(count_of(xml, "typeface=\"" XW_FONT "\"") >= charts);
    /* charts of ordinary sheets carry their data (text categories cached) */
    CHECK(count_of(xml, "<c:strCache>") >= charts / 2);
    /* each chart sheet's drawing is anchored to a question or analysis sheet */
    char *wb = part(&b, "xl/worksheets/sheet*.xml");
    CHECK_INT(count_of(wb, "<drawing r:id="), drawings);
    free(wb);
    free(xml);
    free(list);
    book_free(&b);
}

TEST(no_formulas)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *sheets = part(&b, "xl/worksheets/sheet*.xml");
    CHECK(strlen(sheets) > 100000);
    CHECK(strstr(sheets, "<f>") == NULL);
    CHECK(strstr(sheets, "<f ") == NULL);
    CHECK(strstr(sheets, "t=\"str\"") == NULL); /* a formula's cached string */
    /* every written cell carries a format (the Japanese font) */
    CHECK_INT(count_of(sheets, "<c r="), count_of(sheets, "\" s=\""));
    free(sheets);
    book_free(&b);
}

/* The publication the writers read: nothing of a personal field, texts
 * only masked, names only when revealed. */
TEST(publication_hides_personal_fields)
{
    book b = {0}, named = {0};
    CHECK(book_write(&b, FIXTURE, false));
    CHECK(book_write(&named, FIXTURE, true));
    const nps_publication *pub = b.r->publication;
    const nps_questionnaire *q = nps_publication_questionnaire(pub);
    size_t personal = 0, texts = 0, names = 0;
    long long first, last;
    CHECK(pub != NULL);
    CHECK_INT(nps_publication_count(pub), nps_dataset_count(b.d));
    CHECK(nps_publication_period(pub, &first, &last) && first <= last);
    CHECK(!nps_publication_reveals_names(pub));
    CHECK(nps_publication_reveals_names(named.r->publication));
    for (size_t org = 0; org < nps_publication_count(pub); org++) {
        CHECK(nps_publication_org_name(pub, org) == NULL);
        if (nps_publication_org_name(named.r->publication, org))
            names++;
        for (size_t i = 0; i < nps_questionnaire_field_count(q); i++) {
            const nps_field *f = nps_questionnaire_field_at(q, i);
            char *m = NULL;
            CHECK_INT(nps_publication_text(pub, org, f, &m), NPS_OK);
            if (f->personal != NPS_PERSONAL_NONE) {
                personal++;
                CHECK(m == NULL);
                CHECK_INT(nps_publication_choice(pub, org, f), 0);
                CHECK(nps_publication_choices(pub, org, f) == 0);
                CHECK(isnan(nps_publication_number(pub, org, f)));
            } else if (nps_dataset_text(b.d, org, f)) {
                char *want = nps_mask_text(b.r->masker, nps_dataset_text(b.d, org, f));
                texts++;
                CHECK(m && want && strcmp(m, want) == 0);
                nps_free(want);
            }
            nps_free(m);
        }
    }
    CHECK(personal > 0 && texts > 0 && names > 0);
    book_free(&b);
    book_free(&named);
}

TEST(coded_data)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *xml = sheet_xml(&b, "回答データ");
    /* one header row of the codebook's names, then one row per organisation */
    CHECK_INT(nps_dataset_count(b.d), 65);
    CHECK_INT(count_of(xml, "<row "), 1 + 65);
    CHECK(strstr(xml, "t=\"inlineStr\"") != NULL);           /* a constant_memory sheet */
    CHECK(strstr(xml, "<pane xSplit=\"1\" ySplit=\"1\"") != NULL);
    CHECK(strstr(xml, "<t>R001</t>") && strstr(xml, "<t>R065</t>"));
    CHECK(strstr(xml, "<t>q6_3</t>") != NULL);
    CHECK(strstr(xml, "<t>q13_1_bin</t>") != NULL);
    /* no respondent text: with the row's region and activities it would name
     * the respondent (it is listed, unlinked, in 自由記述) */
    CHECK(strstr(xml, "<t>q5</t>") == NULL);
    CHECK(strstr(xml, "<t>q39_3</t>") == NULL);
    CHECK(strstr(xml, "<t>q6_other</t>") == NULL && strstr(xml, "_other</t>") == NULL);
    CHECK(strstr(xml, "Q13-1") == NULL); /* the old names are gone */
    for (int q = 1; q <= 4; q++) {
        char code[32];
        snprintf(code, sizeof code, "<t>q%d</t>", q);
        CHECK(strstr(xml, code) == NULL);
    }
    /* columns: the codebook's variables */
    nps_codebook *cb = NULL;
    CHECK(nps_codebook_build(b.q, &cb) == NPS_OK);
    const char *first_row_end = strstr(xml, "</row>");
    const char *row = strstr(xml, "<row ");
    size_t cells = 0;
    size_t columns = 0;
    for (size_t i = 0; cb && i < nps_codebook_count(cb); i++)
        columns += nps_codebook_var(cb, i)->role != NPS_CB_TEXT && nps_codebook_var(cb, i)->role != NPS_CB_WRITEIN;
    for (const char *c = row; c && c < first_row_end; c = strstr(c + 1, "<c r="))
        cells += c != row;
    CHECK(columns > 200 && columns < (cb ? nps_codebook_count(cb) : 0));
    CHECK_INT(cells, columns);
    nps_codebook_free(cb);
    /* codes are numbers, not labels: no choice label in the data cells */
    CHECK(strstr(xml, "他団体と連携することによって対応できている") == NULL);
    /* a number stays a number, a date is a date serial */
    CHECK(strstr(xml, "<v>45") != NULL); /* 2023 dates are serials 45xxx */
    free(xml);
    book_free(&b);
}

TEST(codebook_sheet)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *xml = sheet_xml(&b, "コードブック");
    char *strings = part(&b, "xl/sharedStrings.xml");
    nps_codebook *cb = NULL;
    CHECK(nps_codebook_build(b.q, &cb) == NPS_OK);
    /* title, note, header, then one row per variable of 回答データ (no text) */
    size_t columns = 0;
    for (size_t i = 0; cb && i < nps_codebook_count(cb); i++)
        columns += nps_codebook_var(cb, i)->role != NPS_CB_TEXT && nps_codebook_var(cb, i)->role != NPS_CB_WRITEIN;
    CHECK_INT(count_of(xml, "<row "), 3 + columns);
    CHECK(strstr(strings, "<t>q39_1</t>") == NULL);
    CHECK(strstr(strings, "<t>q22_1</t>") != NULL);
    CHECK(strstr(strings, "2 = 他団体と連携することによって対応できている") != NULL);
    CHECK(strstr(strings, "1 = 選択") != NULL);
    CHECK(strstr(strings, "<t>Q22-1</t>") != NULL);
    CHECK(strstr(strings, "<t>コードブック</t>") != NULL);
    nps_codebook_free(cb);
    free(strings);
    free(xml);
    book_free(&b);
}

TEST(no_personal_values)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *xml = all_text(&b);
    CHECK(strlen(xml) > 1000000);
    CHECK(strstr(xml, "図1（Q6）") != NULL && strstr(xml, "R065") != NULL);
    const nps_personal kinds[] = {NPS_PERSONAL_NAME, NPS_PERSONAL_ORGANISATION, NPS_PERSONAL_EMAIL,
                                  NPS_PERSONAL_PHONE};
    size_t checked = 0;
    for (size_t k = 0; k < 4; k++) {
        const nps_field *f = nps_questionnaire_personal_field(b.q, kinds[k]);
        CHECK(f != NULL);
        for (size_t row = 0; f && row < nps_dataset_count(b.d); row++) {
            const char *v = nps_dataset_text(b.d, row, f);
            if (!v || strlen(v) < 4)
                continue;
            checked++;
            if (contains_text(xml, v)) {
                unit_failures++;
                fprintf(stderr, "  personal value of Q%d found in the workbook: %s\n", f->question, v);
            }
        }
    }
    CHECK(checked >= 4 * 60);
    /* organisation names as the lists would show them, too */
    for (size_t i = 0; b.r->flows && i < nps_flows_org_count(b.r->flows); i++)
        CHECK(org_at(b.r->flows, 0, i).name == NULL);
    free(xml);
    book_free(&b);
}

TEST(japanese_font)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *styles = part(&b, "xl/styles.xml");
    CHECK(strstr(styles, "<name val=\"" XW_FONT "\"/>") != NULL);
    /* every cell format but the built-in default uses a font of ours */
    CHECK(count_of(styles, "<name val=\"" XW_FONT "\"/>") >= 1);
    CHECK(count_of(styles, "<name val=\"Calibri\"/>") == 1);
    CHECK(count_of(styles, "fontId=\"0\"") <= 2); /* the default cellStyleXfs / cellXfs */
    char *charts = part(&b, "xl/charts/chart1.xml");
    CHECK(strstr(charts, "<a:latin typeface=\"" XW_FONT "\"") != NULL);
    free(charts);
    free(styles);
    book_free(&b);
}

/* A small export: formula-like text, an Excel escape, an organisation name. */
static const char small_export[] =
    "タイムスタンプ,Q1. 記入者名,Q2. 団体名,Q3. メール,Q4. 電話,Q5. 目的,Q38. 理由,Q39-1. 活動内容\n"
    "2023/10/05 14:03:22,山田 太郎,特定非営利活動法人 ひまわりの会,a@example.jp,011-200-0001,"
    "目的A,=1+1,_x0041_ の文字\n"
    "2023/10/06 10:00:00,佐藤 花子,一般社団法人 つばさネット,b@example.jp,011-200-0002,"
    "目的B,+cmd,-2+3\n"
    "2023/10/07 09:30:00,鈴木 次郎,NPO法人 こもれび,c@example.jp,011-200-0003,"
    "目的C,ひまわりの会と連携,\"=HYPERLINK(\"\"http://x\"\")\"\n"
    "2023/10/08 11:00:00,田中 三郎,NPO法人 そよかぜ,d@example.jp,011-200-0004,"
    "目的D,@SUM(A1),普通の回答\n";

TEST(formula_text_is_string)
{
    book b = {0};
    char csv[160];
    CHECK(write_export(&b, "small.csv", small_export, csv, sizeof csv));
    CHECK(book_write(&b, csv, false));
    char *sheets = part(&b, "xl/worksheets/sheet*.xml");
    char *data = sheet_xml(&b, "回答データ");
    char *free_text = sheet_xml(&b, "自由記述");
    CHECK(strstr(sheets, "<f>") == NULL && strstr(sheets, "<f ") == NULL);
    /* the URL is masked, the rest is kept as text (free text: in 自由記述,
     * not in 回答データ) */
    CHECK(strstr(free_text, "<is><t>=HYPERLINK(\"［URL］\")</t></is>") != NULL);
    CHECK(strstr(free_text, "<is><t>@SUM(A1)</t></is>") != NULL);
    CHECK(strstr(free_text, "<is><t>=1+1</t></is>") != NULL);
    CHECK(strstr(free_text, "<is><t>+cmd</t></is>") != NULL);
    CHECK(strstr(free_text, "<is><t>-2+3</t></is>") != NULL);
    CHECK(strstr(data, "=1+1") == NULL && strstr(data, "目的A") == NULL);
    /* a literal _x0041_ is escaped so that Excel shows it, not "A" */
    CHECK(strstr(free_text, "<t>_x005F_x0041_ の文字</t>") != NULL);
    /* no organisation id beside the text, and not in response order: the
     * texts of Q38 in character order ("+cmd" < "=1+1" < "@SUM" < "ひ…") */
    CHECK(strstr(free_text, "<t>団体ID</t>") == NULL && strstr(free_text, "<t>R00") == NULL);
    const char *plus = strstr(free_text, "<t>+cmd</t>"), *eq = strstr(free_text, "<t>=1+1</t>");
    const char *at = strstr(free_text, "<t>@SUM(A1)</t>"), *hi = strstr(free_text, "［団体名］と連携");
    CHECK(plus && eq && at && hi && plus < eq && eq < at && at < hi);
    /* organisation names: not in any part (the other one's name is masked) */
    char *all = all_text(&b);
    CHECK(strstr(all, "ひまわりの会") == NULL);
    CHECK(strstr(all, "つばさネット") == NULL);
    CHECK(strstr(all, "山田 太郎") == NULL);
    CHECK(strstr(all, "011-200-0001") == NULL);
    CHECK(strstr(free_text, "［団体名］と連携") != NULL);
    free(all);
    free(free_text);
    free(data);
    free(sheets);
    book_free(&b);
}

/* Every worksheet but `except`, concatenated. */
static char *sheets_except(const book *b, const char *except)
{
    char *wb = part(b, "xl/workbook.xml");
    char members[16384] = "";
    size_t len = 0;
    for (const char *s = wb; (s = strstr(s, "<sheet name=\"")) != NULL; s++) {
        char name[128], member[160];
        if (sscanf(s + 13, "%127[^\"]", name) != 1 || strcmp(name, except) == 0)
            continue;
        if (sheet_part(b, name, member, sizeof member) && len + strlen(member) + 2 < sizeof members)
            len += (size_t)sprintf(members + len, "%s%s", len ? " " : "", member);
    }
    free(wb);
    return part(b, members);
}

TEST(reveal_names)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, true));
    const nps_flows *f = b.r->flows;
    const nps_field *org = nps_questionnaire_personal_field(b.q, NPS_PERSONAL_ORGANISATION);
    char *lists = sheet_xml(&b, "団体リスト");
    char *strings = part(&b, "xl/sharedStrings.xml");
    char *other = part(&b, "xl/charts/*.xml xl/drawings/*.xml docProps/*.xml xl/workbook.xml");
    char *others = sheets_except(&b, "団体リスト");
    size_t named = 0;
    CHECK(f != NULL && nps_flows_reveals_names(f));
    CHECK(strstr(lists, "<t>団体名</t>") != NULL);
    for (size_t i = 0; f && i < nps_flows_org_count(f); i++) {
        const char *name = org_at(f, 0, i).name;
        const char *raw = nps_dataset_text(b.d, i, org);
        if (!name || strlen(name) < 4)
            continue;
        named++;
        CHECK(contains_text(lists, name));          /* in the organisation lists */
        CHECK(!contains_text(strings, name));       /* no shared string: no other sheet */
        CHECK(!contains_text(other, name));
        CHECK(!contains_text(others, name));        /* no other sheet */
        if (raw && strcmp(raw, name) != 0)
            CHECK(!contains_text(others, raw));
    }
    CHECK(named >= 60);
    CHECK(strlen(others) > 100000);
    free(others);
    free(other);
    free(strings);
    free(lists);
    book_free(&b);

    /* the same results without names: no name anywhere */
    CHECK(book_write(&b, FIXTURE, false));
    org = nps_questionnaire_personal_field(b.q, NPS_PERSONAL_ORGANISATION);
    char *all = all_text(&b);
    CHECK(strlen(all) > 1000000);
    lists = sheet_xml(&b, "団体リスト");
    CHECK(strstr(lists, "<t>団体名</t>") == NULL);
    for (size_t i = 0; i < nps_dataset_count(b.d); i++) {
        const char *raw = nps_dataset_text(b.d, i, org);
        if (raw && strlen(raw) >= 4)
            CHECK(!contains_text(all, raw));
    }
    free(lists);
    free(all);
    book_free(&b);
}

/* Code points of a UTF-8 string. */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

TEST(long_text_truncated)
{
    book b = {0};
    size_t n = 40000, len = 0;
    const char *head = "タイムスタンプ,Q2. 団体名,Q38. 理由\n2023/10/05 14:03:22,団体エー,";
    char *csv_text = malloc(strlen(head) + 3 * n + 64);
    char csv[160];
    CHECK(csv_text != NULL);
    len = (size_t)sprintf(csv_text, "%s", head);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(csv_text + len, "%s", i % 10 == 9 ? "。" : "あ");
    sprintf(csv_text + len, "\n");
    CHECK(write_export(&b, "long.csv", csv_text, csv, sizeof csv));
    free(csv_text);
    CHECK(book_write(&b, csv, false));
    const char *sheets[] = {"自由記述", "テーマ別引用"};
    char *data = sheet_xml(&b, "回答データ");
    CHECK(strstr(data, "ああああ") == NULL); /* free text is not in the coded data */
    free(data);
    for (size_t k = 0; k < 2; k++) {
        char *xml = sheet_xml(&b, sheets[k]);
        const char *note = strstr(xml, XW_TRUNCATED_NOTE "</t>");
        CHECK(note != NULL);
        if (note) {
            const char *start = note;
            while (start > xml && strncmp(start, "<t>", 3) != 0)
                start--;
            start += 3;
            size_t chars = utf8_chars(start, (size_t)(note - start) + strlen(XW_TRUNCATED_NOTE));
            CHECK_INT(chars, XW_CELL_MAX);           /* cut to exactly Excel's limit */
            CHECK(strncmp(start, "ああ", 6) == 0);
        }
        free(xml);
    }
    book_free(&b);
}

TEST(quality_actions_japanese)
{
    nps_strbuf sb = {0};
    char buf[64];
    CHECK(nps_quality_action_ja(&sb, "not a number: no answer"));
    CHECK_STR(nps_strbuf_get(&sb), "数値として読めない：無回答として集計");
    nps_strbuf_clear(&sb);
    /* values carried over, in the Japanese order */
    CHECK(nps_quality_action_ja(&sb, "Q7: 2 of its 5 items have no column in this export (the first is quoted): "
                                     "left out of the tables, not counted as no answer"));
    CHECK_STR(nps_strbuf_get(&sb), "Q7：5項目のうち2項目の列がない（最初の項目を表示）：集計表から除く（無回答とはしない）");
    nps_strbuf_clear(&sb);
    CHECK(!nps_quality_action_ja(&sb, "something new"));
    CHECK_STR(nps_strbuf_get(&sb), "something new");
    nps_strbuf_free(&sb);
    /* the buffer variant cuts at a character boundary */
    nps_quality_action_ja_buf("not a number: no answer", buf, 8);
    CHECK_STR(buf, "数値"); /* 7 bytes fit: two characters, not two and a third */
    nps_quality_action_ja_buf("column 12 matches no question of the questionnaire: ignored", buf, sizeof buf);
    CHECK(strncmp(buf, "12列目：", strlen("12列目：")) == 0);
    nps_quality_action_ja_buf(NULL, buf, sizeof buf);
    CHECK_STR(buf, "");
}

TEST(cell_text_safety)
{
    double w = 0;
    char *s = nps_xw_cell_text("a\x01" "b\x7f\tc\n\xff" "d", &w);
    CHECK_STR(s, "ab\x7f\tc\n\xEF\xBF\xBD" "d"); /* C0 dropped but TAB/LF; bad byte → U+FFFD */
    nps_free(s);
    s = nps_xw_cell_text("_x0041_ and _x12_ and _xZZZZ_", NULL);
    CHECK_STR(s, "_x005F_x0041_ and _x12_ and _xZZZZ_");
    nps_free(s);
    s = nps_xw_cell_text("=SUM(1)", NULL);
    CHECK_STR(s, "=SUM(1)");
    nps_free(s);
    CHECK_NEAR(nps_xw_text_width("日本語abc"), 9, 0);
    CHECK_NEAR(nps_xw_text_width("長い行\n短"), 6, 0);
    CHECK_NEAR(nps_xw_text_width("①※"), 4, 0);

    /* 40,000 ASCII letters: cut at 32,767 characters including the note */
    size_t n = 40000;
    char *big = malloc(4 * 20000 + 1);
    CHECK(big != NULL);
    memset(big, 'x', n);
    big[n] = '\0';
    s = nps_xw_cell_text(big, NULL);
    size_t note = utf8_chars(XW_TRUNCATED_NOTE, strlen(XW_TRUNCATED_NOTE));
    CHECK_INT(utf8_chars(s, strlen(s)), XW_CELL_MAX);
    CHECK_INT(strspn(s, "x"), XW_CELL_MAX - note);
    nps_free(s);
    /* exactly at the limit: untouched */
    big[XW_CELL_MAX] = '\0';
    s = nps_xw_cell_text(big, NULL);
    CHECK_INT(strlen(s), XW_CELL_MAX);
    nps_free(s);
    /* characters outside the BMP count twice (UTF-16), escapes seven times;
     * the cut never splits a character */
    size_t len = 0;
    for (size_t i = 0; i < 20000; i++)
        len += (size_t)sprintf(big + len, "%s", "\xF0\x9F\x98\x80"); /* U+1F600: 4 bytes */
    (void)len;
    s = nps_xw_cell_text(big, NULL);
    size_t emoji = (strlen(s) - strlen(XW_TRUNCATED_NOTE)) / 4;
    CHECK_INT((strlen(s) - strlen(XW_TRUNCATED_NOTE)) % 4, 0);
    CHECK(emoji * 2 + note <= XW_CELL_MAX && emoji * 2 + note >= XW_CELL_MAX - 1);
    nps_free(s);
    free(big);
}

/* Whether every line of `s` obeys the line-breaking rules: no line starts
 * with a closing mark, none ends with an opening bracket, none but the
 * first is shorter than a quarter of the widest. */
static bool label_lines_ok(const char *s, double widest)
{
    static const char *const no_start[] = {"、", "。", "）", "」", "』", "】", "ー", "・"};
    static const char *const no_end[] = {"（", "「", "『", "【"};
    bool ok = true;
    for (const char *line = s; line && ok; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        size_t len = strcspn(line, "\n");
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)len, line);
        for (size_t i = 0; i < sizeof no_start / sizeof no_start[0]; i++)
            ok = ok && strncmp(buf, no_start[i], strlen(no_start[i])) != 0;
        for (size_t i = 0; i < sizeof no_end / sizeof no_end[0]; i++)
            ok = ok && !(len >= strlen(no_end[i]) && strcmp(buf + len - strlen(no_end[i]), no_end[i]) == 0);
        ok = ok && (line == s || nps_xw_text_width(buf) * 4 >= widest);
    }
    return ok;
}

/* Long chart labels are cut into even lines at allowed places (the
 * fixture's labels that LibreOffice showed with a lone "）" or a line
 * starting with "、"). */
TEST(label_break_even_lines)
{
    static const struct {
        const char *label;
        int lines;
    } cases[] = {
        {"継続的に支援している対象者（利用者、登録者、相談者を含む）", 2},
        {"障がい福祉分野の各種相談対応（基幹相談センター、委託相談、相談支援事業所など）", 2},
        {"フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）", 2},
        {"家計改善サポートを行っている（家計管理の方法や生活費の見直し、債務整理手続きのための支援や"
         "滞納（家賃・税金・公共料金など）の解消、各種給付制度の利用に向けた同行支援など）", 4},
        {"短いラベル", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int lines = 0;
        double widest = 0;
        char *s = nps_xw_label_break(cases[i].label, XW_LABEL_MAX_UNITS, &lines, &widest);
        CHECK(s != NULL);
        CHECK_INT(lines, cases[i].lines);
        CHECK(widest <= XW_LABEL_MAX_UNITS + 2);
        CHECK(label_lines_ok(s, widest));
        if (!label_lines_ok(s, widest) || lines != cases[i].lines)
            fprintf(stderr, "  %s\n", s);
        nps_free(s);
    }
    /* a break already in the label is kept */
    int lines = 0;
    double widest = 0;
    char *s = nps_xw_label_break("一行目\n二行目", XW_LABEL_MAX_UNITS, &lines, &widest);
    CHECK_STR(s, "一行目\n二行目");
    CHECK_INT(lines, 2);
    CHECK_NEAR(widest, 6, 0);
    nps_free(s);
}

/* The index of the shared string `text`, or -1. */
static long shared_index(const char *strings, const char *text)
{
    char want[256];
    const char *hit;
    long n = 0;
    snprintf(want, sizeof want, "<t>%s</t>", text);
    hit = strstr(strings, want);
    if (!hit)
        return -1;
    for (const char *si = strstr(strings, "<si>"); si && si < hit; si = strstr(si + 1, "<si>"))
        n++;
    return n - 1;
}

/* Whether row `r` (1-based) of the sheet holds the shared string `index`. */
static bool row_holds(const char *xml, long r, long index)
{
    char want[64], cell[64];
    const char *row, *end;
    snprintf(want, sizeof want, "<row r=\"%ld\"", r);
    snprintf(cell, sizeof cell, "t=\"s\"><v>%ld</v>", index);
    row = strstr(xml, want);
    end = row ? strstr(row, "</row>") : NULL;
    const char *c = row ? strstr(row, cell) : NULL;
    return c && c < end;
}

TEST(layout_widths_and_panes)
{
    book b = {0};
    CHECK(book_write(&b, FIXTURE, false));
    char *q6 = sheet_xml(&b, "Q06");
    double width = 0;
    const char *col = strstr(q6, "<col min=\"1\" max=\"1\" width=\"");
    CHECK(col != NULL);
    if (col)
        width = atof(col + strlen("<col min=\"1\" max=\"1\" width=\""));
    CHECK(width > 30 && width < 60);                  /* labels: wide, but capped */
    /* the frozen rows end with the table's header row (not the title rows) */
    char *strings = part(&b, "xl/sharedStrings.xml");
    const char *pane = strstr(q6, "<pane ySplit=\"");
    long split = pane ? atol(pane + strlen("<pane ySplit=\"")) : 0;
    CHECK(split > 3);
    CHECK(row_holds(q6, split, shared_index(strings, "回答数")));
    CHECK(row_holds(q6, split, shared_index(strings, "割合(%)")));
    CHECK(!row_holds(q6, split - 1, shared_index(strings, "回答数")));
    char *summary = sheet_xml(&b, "概要");
    pane = strstr(summary, "<pane ySplit=\"");
    split = pane ? atol(pane + strlen("<pane ySplit=\"")) : 0;
    CHECK(split > 1 && row_holds(summary, split, shared_index(strings, "項目")));
    free(summary);
    free(strings);
    CHECK(strstr(q6, "<fitToPage") != NULL || strstr(q6, "fitToPage=\"1\"") != NULL);
    CHECK(strstr(q6, "<drawing ") != NULL);
    /* the 95% intervals of Q6 option 3 (18 of 65): 27.7 [18.3, 39.6] */
    CHECK(strstr(q6, "<v>27.7</v>") && strstr(q6, "<v>18.3</v>") && strstr(q6, "<v>39.6</v>"));
    free(q6);
    char *free_text = sheet_xml(&b, "自由記述");
    CHECK(strstr(free_text, "<pane ySplit=\"4\"") != NULL);
    CHECK(strstr(free_text, "width=\"90") != NULL);   /* the text column: 80 cells */
    free(free_text);
    book_free(&b);
}

TEST(deterministic)
{
    book a = {0}, b = {0};
    CHECK(book_write(&a, FIXTURE, false));
    CHECK(book_write(&b, FIXTURE, false));
    char cmd[400];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s' && echo same", a.path, b.path);
    char *out = run(cmd);
    CHECK_STR(out, "same\n");
    free(out);
    /* temporary files went to the output directory and are gone */
    snprintf(cmd, sizeof cmd, "ls -A '%s'", a.dir);
    out = run(cmd);
    CHECK_STR(out, "report.xlsx\n");
    free(out);
    book_free(&a);
    book_free(&b);
}

TEST(write_errors)
{
    book b = {0};
    nps_diag diag;
    nps_report_options o = {.generated = 0};
    char path[200];
    CHECK(book_write(&b, FIXTURE, false));
    /* a directory that does not exist */
    snprintf(path, sizeof path, "%s/missing/report.xlsx", b.dir);
    memset(&diag, 0, sizeof diag);
    CHECK_INT(nps_report_write_xlsx(b.r, &o, path, &diag), NPS_ERR_IO);
    CHECK_STR(diag.file, path);
    CHECK(strstr(diag.message, "No such file") != NULL);
    /* a directory in place of the file */
    snprintf(path, sizeof path, "%s/adir", b.dir);
    CHECK(mkdir(path, 0700) == 0);
    memset(&diag, 0, sizeof diag);
    CHECK_INT(nps_report_write_xlsx(b.r, &o, path, &diag), NPS_ERR_IO);
    CHECK(diag.message[0] != '\0');
    struct stat st;
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    /* no results */
    CHECK_INT(nps_report_write_xlsx(NULL, &o, b.path, &diag), NPS_ERR_USAGE);
    book_free(&b);
}

/* In an NPS_FAILALLOC build: an allocation failing anywhere in the writer
 * is NPS_ERR_NOMEM, leaves no file and leaks nothing (LeakSanitizer);
 * elsewhere this test is empty. Failures are injected at every one of the
 * first allocations, then at growing strides up to the first success. */
TEST(survives_allocation_failures)
{
#ifdef NPS_FAILALLOC
    book b = {0};
    char csv[160];
    nps_diag diag;
    nps_report_options o = {NULL, NULL, false, 0, NULL, NULL};
    struct stat st;
    CHECK(write_export(&b, "small.csv", small_export, csv, sizeof csv));
    CHECK(book_write(&b, csv, false));
    CHECK(remove(b.path) == 0);
    long tries = 0;
    for (long n = 0; n < 10000000; n = n < 200 ? n + 1 : n + n / 16, tries++) {
        nps_alloc_fail_after(n);
        nps_error err = nps_report_write_xlsx(b.r, &o, b.path, &diag);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK)
            break;
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(stat(b.path, &st) != 0);
    }
    CHECK(stat(b.path, &st) == 0);
    fprintf(stderr, "  %ld injected failures\n", tries);
    book_free(&b);
#endif
}

UNIT_MAIN()
