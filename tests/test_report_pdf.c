/*
 * test_report_pdf.c — the A4 PDF report (report_pdf*.c), measured on the
 * 2023 fixture and on small hand-made documents:
 *   - the fixture's report has ≥ 20 A4 pages, its metadata (title, dates
 *     from opt->generated), every closed question's caption 図N（Qx）…,
 *     the five categories and 全体, the Q6 commentary (子ども食堂… 約3割),
 *     page numbers "– n –" on every page but the cover, a contents whose
 *     page numbers point at the chapters, embedded Noto Sans CJK subsets
 *     (pdffonts) and real text (pdftotext);
 *   - rendering twice gives the same bytes;
 *   - no personal datum: no Q1–Q4 value of any response (nor an
 *     organisation name's core) in the text; with reveal_names the names
 *     appear (organisation lists) but names, e-mails and phones of people
 *     still do not;
 *   - the layout invariants on every page (nothing above or below the text
 *     block, no empty page, headings on the page of what follows them), a
 *     long table repeating its header, a paragraph split over pages, a
 *     chart taller than a page scaled to fit;
 *   - errors: an unwritable path is NPS_ERR_IO with a message and leaves no
 *     file; missing arguments are NPS_ERR_USAGE; every allocation failure
 *     is NPS_ERR_NOMEM (NPS_FAILALLOC builds).
 * Files live in a mkdtemp directory removed at exit; poppler-utils' pdfinfo,
 * pdftotext and pdffonts read them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include "base/alloc.h"
#include "present/commentary.h"
#include "analyse/mask.h"
#include "model/questionnaire.h"
#include "read/reader.h"
#include "report/report.h"
#include "report/pdf/pdf_private.h"
#include "base/text.h"
#include "unit.h"

/* See test_render.c: fontconfig's parse of the unused system fonts.conf,
 * and cairo 1.16's PDF font subsetting below cairo_surface_finish. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\nleak:cairo_surface_finish\n";
}
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

#define GENERATED 1700000000LL  /* 2023-11-14T22:13:20Z */

static nps_questionnaire *the_q;
static nps_dataset *the_d;
static nps_results *the_r, *the_r_names;
static nps_fonts *the_fonts;
static char tmpdir[64];
static char tmp_files[16][300];
static int n_tmp_files;

static void cleanup(void)
{
    int i;
    for (i = 0; i < n_tmp_files; i++)
        remove(tmp_files[i]);
    if (tmpdir[0])
        rmdir(tmpdir);
    nps_results_free(the_r);
    nps_results_free(the_r_names);
    nps_dataset_free(the_d);
    nps_questionnaire_free(the_q);
    nps_fonts_free(the_fonts);
}

static void load(void)
{
    nps_diag diag;
    if (the_r)
        return;
    atexit(cleanup);
    if (nps_questionnaire_load_default(&the_q, &diag) != NPS_OK ||
        nps_read_export(NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv", the_q, NULL, &the_d, &diag) != NPS_OK ||
        nps_results_build(the_d, NULL, &the_r) != NPS_OK || nps_fonts_new(NULL, &the_fonts) != NPS_OK) {
        fprintf(stderr, "cannot load the fixture or the fonts\n");
        exit(2);
    }
}

/* The fixture's results with organisation names (for reveal_names). */
static nps_results *names_results(void)
{
    nps_results_options names = {true};
    load();
    if (!the_r_names && nps_results_build(the_d, &names, &the_r_names) != NPS_OK) {
        fprintf(stderr, "cannot build the results with names\n");
        exit(2);
    }
    return the_r_names;
}

/* tmpdir/name (the directory made on first use; the file removed at exit). */
static const char *tmp_path(const char *name)
{
    static char path[300];
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/nps-report-pdf-XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    if (n_tmp_files < 16)
        snprintf(tmp_files[n_tmp_files++], sizeof tmp_files[0], "%s", path);
    return path;
}

static nps_report_options options(bool reveal)
{
    nps_report_options o = {NULL, "responses.csv", reveal, GENERATED, NULL, NULL};
    return o;
}

/* The fixture's report (rendered once per name), or exit. */
static const char *fixture_pdf(const char *name, bool reveal)
{
    static char done[4][300];
    static int n_done;
    const char *path;
    nps_report_options opt = options(reveal);
    nps_diag diag = {0};
    int i;
    load();
    for (i = 0; i < n_done; i++)
        if (strstr(done[i], name))
            return done[i];
    path = tmp_path(name);
    if (nps_report_write_pdf(reveal ? names_results() : the_r, the_fonts, &opt, path, &diag) != NPS_OK) {
        fprintf(stderr, "report failed: %s\n", diag.message);
        exit(2);
    }
    if (n_done < 4)
        snprintf(done[n_done++], sizeof done[0], "%s", path);
    return path;
}

/* Output of a command (read-only tools on our own temp files). */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    if (!p || !buf) {
        if (p)
            pclose(p);
        free(buf);
        return NULL;
    }
    while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger)
                break;
            buf = bigger;
            cap *= 2;
        }
    }
    buf[len] = '\0';
    pclose(p);
    return buf;
}

static char *pdf_text(const char *path, int first, int last)
{
    char cmd[600];
    if (first > 0)
        snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%s' - 2>/dev/null", first, last, path);
    else
        snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null", path);
    return run(cmd);
}

/* NFKC without white space, ASCII lower-cased: how text is compared, so a
 * string broken over two lines in the PDF still matches. */
static char *key(const char *s)
{
    char *k = nps_text_key(s, strlen(s));
    for (char *p = k; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

static int text_has(const char *text_key, const char *s)
{
    char *k = key(s);
    int found = k && strstr(text_key, k) != NULL;
    free(k);
    return found;
}

/* Page `page` (1-based) of a whole pdftotext output (pages end with \f),
 * as a new string; "" past the end. */
static char *page_of(const char *all, int page)
{
    const char *p = all, *end;
    for (int k = 1; k < page && p; k++) {
        p = strchr(p, '\f');
        if (p)
            p++;
    }
    if (!p)
        return strdup("");
    end = strchr(p, '\f');
    return strndup(p, end ? (size_t)(end - p) : strlen(p));
}

static int pdf_pages(const char *path)
{
    char cmd[600], *out, *p;
    int pages = -1;
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", path);
    out = run(cmd);
    p = out ? strstr(out, "Pages:") : NULL;
    if (p)
        pages = atoi(p + 6);
    free(out);
    return pages;
}

/* ------------------------------------------------------------ the fixture */


/* Organisation i of category c by value (zeroed when out of range). */
static nps_flow_org org_at(const nps_flows *f, size_t c, size_t i)
{
    nps_flow_org o;
    if (!nps_flows_org(f, c, i, &o))
        memset(&o, 0, sizeof o);
    return o;
}

TEST(fixture_pages_and_metadata)
{
    const char *path = fixture_pdf("report.pdf", false);
    char cmd[600], *info;
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", path);
    info = run(cmd);
    CHECK(info != NULL);
    if (!info)
        return;
    CHECK(pdf_pages(path) >= 20);
    CHECK(strstr(info, "Title:           孤独・孤立対策につながる活動、及び活動の運営状況等に関するアンケート") != NULL);
    CHECK(strstr(info, "CreationDate:    Tue Nov 14 22:13:20 2023 UTC") != NULL);
    CHECK(strstr(info, "ModDate:         Tue Nov 14 22:13:20 2023 UTC") != NULL);
    CHECK(strstr(info, "Page size:       595.28 x 841.89 pts (A4)") != NULL);
    free(info);
}

TEST(fixture_captions_of_every_closed_question)
{
    const char *path = fixture_pdf("report.pdf", false);
    char *text = pdf_text(path, 0, 0), *k = text ? key(text) : NULL;
    size_t i, questions = 0;
    CHECK(k != NULL);
    for (i = 0; k && i < nps_figures_count(the_r->figures); i++) {
        const nps_figure *f = nps_figures_at(the_r->figures, i);
        const char *title = f->caption + strlen("図");
        while (*title >= '0' && *title <= '9')
            title++;                     /* the report numbers figures in order of appearance */
        if (!text_has(k, title)) {
            fprintf(stderr, "caption missing: %s\n", f->caption);
            CHECK(!"every figure's caption is in the text");
        }
        questions += f->question != 0;
    }
    CHECK(questions >= 30);
    CHECK(k && text_has(k, "図1（Q6）「子ども（おおむね中学生以下）」または「親子」を対象とした事業の内容（複数回答）"));
    CHECK(k && text_has(k, "95%信頼区間"));
    free(k);
    free(text);
}

TEST(fixture_categories_and_flows)
{
    const char *path = fixture_pdf("report.pdf", false);
    static const char *const names[] = {"人間関係", "心身の状態", "環境の変化", "家庭起因", "その他", "全体（32項目）",
                                        "いずれの困りごとも把握していない団体", "他団体と連携して対応"};
    char *text = pdf_text(path, 0, 0), *k = text ? key(text) : NULL;
    size_t i;
    for (i = 0; k && i < sizeof names / sizeof names[0]; i++)
        CHECK(text_has(k, names[i]));
    /* the headline of all 32 troubles: 77.3% of the handled ones with partners */
    CHECK(k && text_has(k, "77.3%"));
    free(k);
    free(text);
}

TEST(fixture_q6_commentary)
{
    const char *path = fixture_pdf("report.pdf", false);
    char *text = pdf_text(path, 0, 0), *k = text ? key(text) : NULL, *sentence = NULL;
    const nps_question *q6;
    load();
    q6 = nps_questionnaire_question(the_q, 6);
    CHECK(q6 != NULL);
    CHECK(q6 && nps_commentary_question(the_r, q6, &sentence) == NPS_OK);
    CHECK(sentence && strstr(sentence, "子ども食堂などの子どもの居場所") && strstr(sentence, "27.7%"));
    CHECK(k && sentence && text_has(k, sentence));
    CHECK(k && text_has(k, "「子ども食堂などの子どもの居場所」が27.7%"));
    nps_free(sentence);
    free(k);
    free(text);
}

TEST(fixture_fonts_embedded_subsets)
{
    const char *path = fixture_pdf("report.pdf", false);
    char cmd[600], *out, *line;
    int noto = 0, others = 0;
    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1", path);
    out = run(cmd);
    CHECK(out != NULL);
    for (line = out ? strtok(out, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
            continue;
        if (strstr(line, "NotoSansCJK") && strstr(line, " yes yes "))
            noto++;
        else
            others++;
    }
    CHECK(noto >= 1);
    CHECK_INT(others, 0);     /* nothing unembedded, no other font */
    free(out);
}

TEST(fixture_page_numbers_and_header)
{
    const char *path = fixture_pdf("report.pdf", false);
    int pages = pdf_pages(path), p;
    char *cover = pdf_text(path, 1, 1), *all;
    CHECK(cover && !strstr(cover, "– 1 –"));
    /* the cover: fiscal year of the survey period (Oct 2023: 令和5年度), title, date */
    CHECK(cover && strstr(cover, "令和5年度") && strstr(cover, "調査結果報告書") && strstr(cover, "2023年11月14日"));
    free(cover);
    /* 調査の概要, after the contents and the lists of figures and tables */
    bool overview = false;
    for (p = 2; p <= 8 && !overview; p++) {
        cover = pdf_text(path, p, p);
        overview = cover && strstr(cover, "調査の概要") && strstr(cover, "65団体") &&
                   strstr(cover, "2023年10月3日～2023年11月7日") && strstr(cover, "全");
        free(cover);
    }
    CHECK(overview);
    all = pdf_text(path, 0, 0);
    for (p = 2; all && p <= pages; p++) {
        char num[32], *t = page_of(all, p), *k = t ? key(t) : NULL;
        snprintf(num, sizeof num, "– %d –", p);
        if (!k || !text_has(k, num) || !text_has(k, "孤独・孤立対策につながる活動")) {
            fprintf(stderr, "page %d: no number or running header\n", p);
            CHECK(!"page number and header on every page but the cover");
        }
        free(k);
        free(t);
    }
    CHECK(p > 20);
    free(all);
}

static int count_in_page(const char *all, int page, const char *s)
{
    char *t = page_of(all, page), *k = t ? key(t) : NULL, *ks = key(s);
    int n = 0;
    for (const char *p = k; p && ks && (p = strstr(p, ks)) != NULL; p += strlen(ks))
        n++;
    free(ks);
    free(k);
    free(t);
    return n;
}

/* The contents' page number of each chapter is the page that opens with it:
 * there its name is both the running header and the heading; on the page
 * before, it is not both. */
TEST(fixture_contents_point_at_chapters)
{
    static const char *const chapters[] = {"主な結果", "設問別の結果", "困りごとへの対応状況",
                                           "事業ごとの担い手と関わる人数", "自由記述", "付録1　データ品質の記録",
                                           "付録2　調査と集計の方法"};
    const char *path = fixture_pdf("report.pdf", false);
    char cmd[600], *toc, *all = pdf_text(path, 0, 0);
    size_t i;
    snprintf(cmd, sizeof cmd, "pdftotext -layout -f 2 -l 3 '%s' - 2>/dev/null", path);
    toc = run(cmd);
    CHECK(all != NULL);
    CHECK(toc && strstr(toc, "目次"));
    for (i = 0; toc && i < sizeof chapters / sizeof chapters[0]; i++) {
        char *ck = key(chapters[i]), *line, *save = NULL, *copy = strdup(toc);
        const char *name;
        int page = 0;
        for (line = strtok_r(copy, "\n", &save); line && !page; line = strtok_r(NULL, "\n", &save)) {
            char *lk = key(line);
            if (lk && ck && strncmp(lk, ck, strlen(ck)) == 0 && strspn(lk + strlen(ck), "0123456789") ==
                                                                     strlen(lk + strlen(ck)))
                page = atoi(lk + strlen(ck));
            free(lk);
        }
        free(copy);
        free(ck);
        CHECK(page > 3);
        if (page <= 3) {
            fprintf(stderr, "%s: not in the contents\n", chapters[i]);
            continue;
        }
        /* (pdftotext may part "付録1　…" at the ideographic space: count the rest) */
        name = strstr(chapters[i], "　") ? strstr(chapters[i], "　") + strlen("　") : chapters[i];
        if (count_in_page(all, page, name) < 2 || count_in_page(all, page - 1, name) >= 2) {
            fprintf(stderr, "%s: the contents say page %d\n", chapters[i], page);
            CHECK(!"the contents point at the chapter's first page");
        }
    }
    free(all);
    free(toc);
}

TEST(fixture_deterministic)
{
    nps_report_options opt = options(false);
    const char *a, *b;
    char pa[300], pb[300];
    size_t la, lb;
    char *x, *y;
    load();
    a = tmp_path("det-a.pdf");
    snprintf(pa, sizeof pa, "%s", a);
    b = tmp_path("det-b.pdf");
    snprintf(pb, sizeof pb, "%s", b);
    CHECK_INT(nps_report_write_pdf(the_r, the_fonts, &opt, pa, NULL), NPS_OK);
    CHECK_INT(nps_report_write_pdf(the_r, the_fonts, &opt, pb, NULL), NPS_OK);
    x = (char *)unit_slurp(pa, &la);
    y = (char *)unit_slurp(pb, &lb);
    CHECK(x && y && la > 100000 && la == lb && memcmp(x, y, la) == 0);
    free(x);
    free(y);
}

/* Every Q1–Q4 value (≥ 3 characters) of every response, and the core of
 * every organisation name; *n set. Caller frees each and the array. */
static char **personal_values(size_t *n, bool people_only)
{
    size_t cap = 1024, f, row;
    char **v = calloc(cap, sizeof *v);
    *n = 0;
    for (f = 0; v && f < nps_questionnaire_field_count(the_q); f++) {
        const nps_field *fl = nps_questionnaire_field_at(the_q, f);
        if (fl->personal == NPS_PERSONAL_NONE || (people_only && fl->personal == NPS_PERSONAL_ORGANISATION))
            continue;
        for (row = 0; row < nps_dataset_count(the_d) && *n + 2 < cap; row++) {
            const char *t = nps_dataset_text(the_d, row, fl);
            char *k = t ? key(t) : NULL;
            if (k && nps_utf8_length(k) >= 3)
                v[(*n)++] = k;
            else
                free(k);
            if (t && fl->personal == NPS_PERSONAL_ORGANISATION) {
                char *core = nps_mask_org_core(t);
                if (core && nps_utf8_length(core) >= 3)
                    v[(*n)++] = core;
                else
                    free(core);
            }
        }
    }
    return v;
}

static size_t leaks(const char *text_key, char **values, size_t n)
{
    size_t i, bad = 0;
    for (i = 0; i < n; i++)
        if (strstr(text_key, values[i])) {
            fprintf(stderr, "personal value in the PDF: %s\n", values[i]);
            bad++;
        }
    return bad;
}

TEST(fixture_no_personal_data)
{
    const char *path = fixture_pdf("report.pdf", false);
    char *text = pdf_text(path, 0, 0), *k = text ? key(text) : NULL;
    size_t n, i;
    char **values;
    load();
    values = personal_values(&n, false);
    CHECK(n >= 150);
    CHECK(k != NULL);
    CHECK_INT(k ? leaks(k, values, n) : 1, 0);
    for (i = 0; i < n; i++)
        free(values[i]);
    free(values);
    free(k);
    free(text);
}

TEST(fixture_reveal_names_only_organisations)
{
    const char *path = fixture_pdf("report-names.pdf", true);
    char *text = pdf_text(path, 0, 0), *k = text ? key(text) : NULL;
    const nps_field *org;
    size_t n, i, shown = 0, row;
    char **values;
    load();
    values = personal_values(&n, true);   /* names, e-mails, phones */
    CHECK(n >= 100);
    CHECK_INT(k ? leaks(k, values, n) : 1, 0);
    org = nps_questionnaire_personal_field(the_q, NPS_PERSONAL_ORGANISATION);
    for (row = 0; k && org && row < nps_dataset_count(the_d); row++) {
        const nps_flow_org o_v = org_at(the_r_names->flows, 0, row), *o = &o_v;
        if (o && o->name && text_has(k, o->name))
            shown++;
    }
    CHECK(shown >= 30);           /* the organisation lists name them */
    for (i = 0; i < n; i++)
        free(values[i]);
    free(values);
    free(k);
    free(text);
}

/* ------------------------------------------------------------- layout */

static void check_layout(pdf_doc *d)
{
    size_t p, i, first, last, nf, nl;
    const double top = PDF_MARGIN_TOP, bottom = PDF_MARGIN_TOP + PDF_TEXT_H;
    for (p = 0; p < nps_pdf_doc_page_count(d); p++) {
        double t, b;
        size_t n = nps_pdf_doc_page_extent(d, p, &t, &b);
        if (n == 0 || t < top - 0.01 || b > bottom + 0.01) {
            fprintf(stderr, "page %zu: %zu slices from %.1f to %.1f\n", p + 1, n, t, b);
            CHECK(!"every page holds something inside the text block");
        }
    }
    for (i = 0; i + 1 < nps_pdf_doc_block_count(d); i++) {
        /* a figure keeps with its table only when that leaves no half-empty page */
        if (!nps_pdf_doc_block_keeps_next(d, i) || d->blocks[i].kind == B_FIGURE ||
            !nps_pdf_doc_block_pages(d, i, &first, &last))
            continue;
        /* a long commentary (4 lines or more) on a page that would stay
         * half empty may end the page, its figure heading the next */
        if (d->blocks[i].kind == B_TEXT && nps_pdf_doc_block_heading(d, i) == 0 &&
            d->blocks[i].u.text.n_lines >= 4 && nps_pdf_doc_block_pages(d, i + 1, &nf, &nl) &&
            nf == last + 1 && i + 2 < nps_pdf_doc_block_count(d) &&
            (d->blocks[i + 1].kind == B_FIGURE || d->blocks[i + 2].kind == B_FIGURE))
            continue;
        if (nps_pdf_doc_block_pages(d, i + 1, &nf, &nl) && nf != last) {
            fprintf(stderr, "block %zu (heading %d) on page %zu, the next on %zu\n", i,
                    nps_pdf_doc_block_heading(d, i), last + 1, nf + 1);
            CHECK(!"a block kept with the next shares its page");
        }
    }
}

/* No page but the cover and a chapter's last is less than half full. */
static void check_fill(pdf_doc *d)
{
    size_t p, half_empty = 0;
    for (p = 1; p + 1 < nps_pdf_doc_page_count(d); p++) {
        const pdf_place *next = &d->places[d->pages[p + 1].first];
        double t, b;
        if (d->pages[p + 1].n == 0 || d->blocks[next->block].heading == 1)
            continue;
        nps_pdf_doc_page_extent(d, p, &t, &b);
        if (b - PDF_MARGIN_TOP < PDF_TEXT_H / 2) {
            fprintf(stderr, "page %zu is filled to %.0f%%\n", p + 1, 100 * (b - PDF_MARGIN_TOP) / PDF_TEXT_H);
            half_empty++;
        }
    }
    /* none (docs/report.md: shrunk figures, split tables, long commentary
     * ending the page, and a table before its figure) */
    CHECK(half_empty == 0);
}

TEST(fixture_layout_invariants)
{
    nps_report_options opt = options(false);
    pdf_doc *d = NULL;
    load();
    CHECK_INT(nps_pdf_report_build(the_r, the_fonts, &opt, &d), NPS_OK);
    CHECK(nps_pdf_doc_page_count(d) >= 20);
    CHECK_INT((long)nps_pdf_doc_page_count(d), pdf_pages(fixture_pdf("report.pdf", false)));
    check_layout(d);
    check_fill(d);
    nps_pdf_doc_free(d);
}

/* A small document through the engine; the PDF at path, pages returned. */
static size_t render_doc(pdf_doc *d, const char *path)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, PDF_PAGE_W, PDF_PAGE_H);
    cairo_t *cr = cairo_create(s);
    CHECK_INT(nps_pdf_doc_paginate(d, 0), NPS_OK);
    CHECK_INT(nps_pdf_doc_render(d, cr, "見出しのテスト"), NPS_OK);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    CHECK_INT(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return nps_pdf_doc_page_count(d);
}

TEST(engine_long_table_repeats_its_header)
{
    static const double w[] = {3, 1};
    const char *head[] = {"選択肢の列", "件数の列"};
    const char *path;
    pdf_doc *d = NULL;
    size_t pages, p, first, last;
    load();
    CHECK_INT(nps_pdf_doc_new(the_fonts, &d), NPS_OK);
    nps_pdf_heading(d, 2, "長い表", NULL);
    nps_pdf_table_begin(d, 2, w, "lr", false);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (int i = 0; i < 150; i++) {
        char a[64], b[16];
        const char *cells[2] = {a, b};
        snprintf(a, sizeof a, "行%03d", i);
        snprintf(b, sizeof b, "%d", i);
        nps_pdf_table_row(d, 0, cells);
    }
    nps_pdf_table_end(d);
    nps_pdf_para(d, PS_NOTE, "表の注記");
    nps_pdf_keep_with_previous(d);
    path = tmp_path("table.pdf");
    pages = render_doc(d, path);
    CHECK(pages >= 3);
    CHECK(nps_pdf_doc_block_pages(d, 1, &first, &last) && first == 0 && last + 1 == pages);
    check_layout(d);
    for (p = 1; p <= pages; p++) {
        char *t = pdf_text(path, (int)p, (int)p);
        CHECK(t && strstr(t, "選択肢の列") && strstr(t, "件数の列"));
        free(t);
    }
    {
        char *t = pdf_text(path, (int)pages, (int)pages);
        CHECK(t && strstr(t, "行149") && strstr(t, "行148") && strstr(t, "表の注記"));
        free(t);
    }
    nps_pdf_doc_free(d);
}

TEST(engine_paragraph_splits_and_heading_keeps)
{
    char text[12000] = "";
    const char *path;
    pdf_doc *d = NULL;
    size_t first, last, hf, hl;
    load();
    for (int i = 0; i < 120; i++)
        strcat(text, "回答団体の活動を一文ずつ確かめる長い段落の文章です。");
    CHECK_INT(nps_pdf_doc_new(the_fonts, &d), NPS_OK);
    for (int i = 0; i < 36; i++)
        nps_pdf_para(d, PS_BODY, "前置きの行");
    nps_pdf_heading(d, 2, "ページの下の見出し", NULL);
    nps_pdf_para(d, PS_BODY, text);
    path = tmp_path("para.pdf");
    render_doc(d, path);
    check_layout(d);
    CHECK(nps_pdf_doc_block_pages(d, 37, &first, &last) && last > first);
    CHECK(nps_pdf_doc_block_pages(d, 36, &hf, &hl) && hf == first);
    nps_pdf_doc_free(d);
}

TEST(engine_tall_chart_fits_a_page)
{
    nps_chart_item items[90];
    nps_chart c;
    char labels[90][64];
    pdf_doc *d = NULL;
    size_t first, last;
    double t, b;
    load();
    memset(&c, 0, sizeof c);
    for (int i = 0; i < 90; i++) {
        snprintf(labels[i], sizeof labels[i], "とても長い選択肢の名前がここに入る その%d", i + 1);
        items[i] = (nps_chart_item){labels[i], i % 7, NPS_ROLE_OPTION};
    }
    c.kind = NPS_CHART_BARS;
    c.base = 65;
    c.bars.items = items;
    c.bars.n_items = 90;
    CHECK_INT(nps_pdf_doc_new(the_fonts, &d), NPS_OK);
    nps_pdf_para(d, PS_BODY, "図の前の段落");
    nps_pdf_figure(d, &c, "図99（Q99）とても背の高い図");
    render_doc(d, tmp_path("tall.pdf"));
    check_layout(d);
    CHECK(nps_pdf_doc_block_pages(d, 2, &first, &last) && first == last);
    CHECK(nps_pdf_doc_page_extent(d, first, &t, &b) >= 1 && b - t > PDF_TEXT_H * 0.5);
    nps_pdf_doc_free(d);
}

/* --------------------------------------------------------------- errors */

/* The text of text block i (a caption or heading). */
static const char *block_text(const pdf_doc *d, size_t i)
{
    return d->blocks[i].kind == B_TEXT ? pango_layout_get_text(d->blocks[i].u.text.layout) : "";
}

TEST(engine_numbers_figures_and_tables_in_order)
{
    static const char *const captions[] = {"図26（Q26）住まい", "図34（Q28）収容能力", "図27（Q29）談話室", "図40 フロー"};
    static const char *const expect[] = {"図1（Q26）住まい", "図2（Q28）収容能力", "図3（Q29）談話室", "図4　フロー"};
    nps_chart_item items[3] = {{"あ", 1, NPS_ROLE_OPTION}, {"い", 2, NPS_ROLE_OPTION}, {"う", 3, NPS_ROLE_OPTION}};
    nps_chart c;
    const char *row[2] = {"区分", "1"};
    static const double w[] = {0.5, 0.5};
    pdf_doc *d = NULL;
    size_t i, k = 0, tables = 0;
    load();
    memset(&c, 0, sizeof c);
    c.kind = NPS_CHART_BARS;
    c.base = 6;
    c.bars.items = items;
    c.bars.n_items = 3;
    CHECK_INT(nps_pdf_doc_new(the_fonts, &d), NPS_OK);
    nps_pdf_contents_list(d, PDF_LIST_FIGURES);
    nps_pdf_contents_list(d, PDF_LIST_TABLES);
    for (i = 0; i < 4; i++) {
        nps_pdf_figure_prev(d, &c, captions[i], i == 0 ? 26 : 0);
        nps_pdf_table_caption(d, "（Qn）表の題");
        nps_pdf_table_begin(d, 2, w, "lr", false);
        nps_pdf_table_row(d, 0, row);
        nps_pdf_table_end(d);
    }
    CHECK_INT(nps_pdf_doc_figure_count(d), 4);
    CHECK_INT(nps_pdf_doc_table_count(d), 4);
    render_doc(d, tmp_path("numbers.pdf"));
    for (i = 0; i < nps_pdf_doc_block_count(d); i++) {
        const char *t = block_text(d, i);
        if (strncmp(t, "図", strlen("図")) == 0) {
            CHECK(k < 4 && strcmp(t, expect[k]) == 0);
            k++;
        }
        if (strncmp(t, "表", strlen("表")) == 0) {
            char want[64];
            snprintf(want, sizeof want, "表%zu（Qn）表の題", ++tables);
            CHECK(strcmp(t, want) == 0);
        }
    }
    CHECK_INT((long)k, 4);
    CHECK_INT((long)d->blocks[0].u.contents.n, 4);     /* the list of figures */
    CHECK_INT((long)d->blocks[1].u.contents.n, 4);     /* the list of tables */
    CHECK(d->blocks[0].u.contents.entries[0].prev != NULL);   /* last year's 図26 */
    CHECK(d->blocks[0].u.contents.entries[1].prev == NULL);
    nps_pdf_doc_free(d);
}

TEST(engine_no_lone_character_in_headings_and_cells)
{
    pdf_doc *d = NULL;
    char text[512] = "";
    size_t n;
    int line_count;
    PangoLayout *l;
    load();
    CHECK_INT(nps_pdf_doc_new(the_fonts, &d), NPS_OK);
    /* find a heading length whose natural wrap leaves one character */
    for (n = 20; n < 80; n++) {
        PangoLayout *probe;
        text[0] = '\0';
        for (size_t i = 0; i < n; i++)
            strcat(text, "あ");
        probe = pango_layout_new(d->ctx);
        pango_layout_set_font_description(probe, d->font[PS_H2]);
        pango_layout_set_width(probe, (int)(PDF_TEXT_W * PANGO_SCALE));
        pango_layout_set_wrap(probe, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(probe, text, -1);
        line_count = pango_layout_get_line_count(probe);
        g_object_unref(probe);
        if (line_count == 2) {
            PangoLayout *shorter = pango_layout_new(d->ctx);
            bool lone;
            text[strlen(text) - strlen("あ")] = '\0';
            pango_layout_set_font_description(shorter, d->font[PS_H2]);
            pango_layout_set_width(shorter, (int)(PDF_TEXT_W * PANGO_SCALE));
            pango_layout_set_wrap(shorter, PANGO_WRAP_WORD_CHAR);
            pango_layout_set_text(shorter, text, -1);
            lone = pango_layout_get_line_count(shorter) == 1;
            g_object_unref(shorter);
            strcat(text, "あ");
            if (lone)
                break;               /* n characters: the second line holds one */
        }
    }
    CHECK(n < 80);
    l = nps_pdf_layout_new(d, PS_H2, true, text, PDF_TEXT_W, PANGO_ALIGN_LEFT);
    CHECK(l != NULL);
    if (l) {
        PangoLayoutLine *last = pango_layout_get_line_readonly(l, pango_layout_get_line_count(l) - 1);
        CHECK(pango_layout_get_line_count(l) == 2);
        CHECK(g_utf8_strlen(text + last->start_index, last->length) >= 2);
        g_object_unref(l);
    }
    nps_pdf_doc_free(d);
}

TEST(errors_are_reported)
{
    nps_report_options opt = options(false);
    nps_diag diag = {0};
    load();
    CHECK_INT(nps_report_write_pdf(the_r, the_fonts, &opt, "/nonexistent-dir/x/report.pdf", &diag), NPS_ERR_IO);
    CHECK(diag.message[0] != '\0');
    CHECK(strstr(diag.file, "/nonexistent-dir/x/report.pdf") != NULL);
    CHECK(access("/nonexistent-dir/x/report.pdf", F_OK) != 0);
    CHECK_INT(nps_report_write_pdf(NULL, the_fonts, &opt, tmp_path("x.pdf"), &diag), NPS_ERR_USAGE);
    CHECK_INT(nps_report_write_pdf(the_r, NULL, &opt, tmp_path("x.pdf"), NULL), NPS_ERR_USAGE);
    CHECK_INT(nps_report_write_pdf(the_r, the_fonts, NULL, tmp_path("x.pdf"), NULL), NPS_ERR_USAGE);
    CHECK_INT(nps_report_write_pdf(the_r, the_fonts, &opt, NULL, NULL), NPS_ERR_USAGE);
    CHECK(access(tmp_path("x.pdf"), F_OK) != 0);
}

/* A survey with one response that answered nothing still gives a report. */
TEST(empty_answers_report)
{
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_report_options opt = {"空の調査", NULL, false, 0, NULL, NULL};
    size_t row;
    const char *path;
    char *text;
    load();
    CHECK_INT(nps_dataset_new(the_q, &d), NPS_OK);
    CHECK_INT(nps_dataset_add_row(d, 2, -1, &row), NPS_OK);
    CHECK_INT(nps_results_build(d, NULL, &r), NPS_OK);
    path = tmp_path("empty.pdf");
    CHECK_INT(nps_report_write_pdf(r, the_fonts, &opt, path, NULL), NPS_OK);
    text = pdf_text(path, 0, 0);
    CHECK(text && strstr(text, "空の調査") && strstr(text, "無回答") && strstr(text, "タイムスタンプなし"));
    free(text);
    nps_results_free(r);
    nps_dataset_free(d);
}

/* In an NPS_FAILALLOC build: every allocation failure while building a
 * small document is NPS_ERR_NOMEM and leaks nothing; elsewhere empty. */
TEST(engine_survives_allocation_failures)
{
#ifdef NPS_FAILALLOC
    static const double w[] = {1, 1};
    const char *row[] = {"a", "b"};
    long n;
    load();
    for (n = 0; n < 100000; n++) {
        pdf_doc *d = NULL;
        nps_error err;
        nps_alloc_fail_after(n);
        err = nps_pdf_doc_new(the_fonts, &d);
        if (err == NPS_OK) {
            nps_pdf_heading(d, 1, "見出し", NULL);
            nps_pdf_contents(d);
            nps_pdf_paraf(d, PS_BODY, "段落 %d", 1);
            nps_pdf_bullet_suffix(d, PS_QUOTE, "・", "引用", "（Q38）");
            nps_pdf_table_begin(d, 2, w, "lr", true);
            nps_pdf_table_row(d, PDF_ROW_HEAD, row);
            nps_pdf_table_row(d, 0, row);
            nps_pdf_table_end(d);
            nps_pdf_figure(d, &nps_figures_at(the_r->figures, 0)->chart, "図");
            err = nps_pdf_doc_paginate(d, 1);
        }
        nps_alloc_fail_after(-1);
        nps_pdf_doc_free(d);
        if (err == NPS_OK)
            break;
        CHECK_INT(err, NPS_ERR_NOMEM);
    }
    CHECK(n > 10 && n < 100000);
#endif
}

/* The same for the whole report, at the first 30 allocations and at 30
 * points spread over all of them (every allocation would take hours). */
TEST(report_survives_allocation_failures)
{
#ifdef NPS_FAILALLOC
    nps_report_options opt = options(false);
    pdf_doc *d = NULL;
    long total, k;
    load();
    nps_alloc_fail_after(1L << 40);
    CHECK_INT(nps_pdf_report_build(the_r, the_fonts, &opt, &d), NPS_OK);
    total = nps_alloc_count();
    nps_alloc_fail_after(-1);
    nps_pdf_doc_free(d);
    CHECK(total > 1000);
    for (k = 0; k < 60; k++) {
        long n = k < 30 ? k : (k - 30) * (total / 30) + 7;
        nps_error err;
        d = NULL;
        nps_alloc_fail_after(n);
        err = nps_pdf_report_build(the_r, the_fonts, &opt, &d);
        nps_alloc_fail_after(-1);
        CHECK_INT(err, NPS_ERR_NOMEM);
        nps_pdf_doc_free(d);
    }
    CHECK_INT(nps_report_write_pdf(the_r, the_fonts, &opt, tmp_path("after-failures.pdf"), NULL), NPS_OK);
#endif
}

UNIT_MAIN()
