/*
 * report_pdf.c — nps_report_write_pdf: the Japanese A4 report (docs/report.md).
 *
 * Order of the document: cover; contents; 主な結果 (overview and the
 * findings summary); 設問別の結果 (one section per closed question, form
 * order); 困りごとへの対応状況 (five categories + 全体: flows and
 * organisation lists); 事業ごとの担い手と関わる人数 (gap chart); 自由記述
 * (themes, then the other free-text questions); 前回調査との比較 (only
 * with opt->previous, report_pdf_compare.c); 付録1 データ品質の記録;
 * 付録2 調査と集計の方法. Chapters start on a new page; every page but the
 * cover carries the survey title, the chapter and "– n –".
 *
 * Invariants:
 *   - the whole document is built (report_pdf_blocks.c) and paginated
 *     (report_pdf_paginate.c) before anything is written, so the contents
 *     know every page number;
 *   - output is deterministic: the PDF dates are opt->generated (creation
 *     and modification), the producer text is cairo's, and nothing else
 *     depends on the time, the machine's fonts or hash order — the same
 *     results give the same bytes;
 *   - no personal datum (Q1–Q4) is printed: respondent text appears only as
 *     masked quotes, organisations as ids (names only in the organisation
 *     lists with reveal_names);
 *   - the file at `path` is created by this function; on any failure it is
 *     removed, so a failed run never leaves a half-written PDF. Both
 *     cairo_status() and cairo_surface_status() are checked after drawing
 *     and after finishing; a failed write (disk full) is NPS_ERR_IO.
 *
 * Ownership: the document, surface, context and file are created and
 * released here; r, fonts and opt are borrowed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib.h>
#include "base/alloc.h"
#include "base/fileio.h"
#include "present/commentary.h"
#include "draw/render.h"
#include "report/pdf/pdf_private.h"
#include "base/timestamp.h"

/* "2023年10月5日" from seconds since the epoch. */
static void japanese_date(long long epoch, char *buf, size_t size)
{
    char iso[16];
    int y = 0, m = 0, d = 0;
    nps_timestamp_date(epoch, iso, sizeof iso);
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3)
        snprintf(buf, size, "%d年%d月%d日", y, m, d);
    else
        snprintf(buf, size, "%s", iso);
}

/* "YYYY-MM-DDThh:mm:ssZ" for the PDF metadata. */
static void iso_datetime(long long epoch, char *buf, size_t size)
{
    char date[16];
    long long t = epoch % 86400;
    if (t < 0)
        t += 86400;
    nps_timestamp_date(epoch, date, sizeof date);
    snprintf(buf, size, "%sT%02lld:%02lld:%02lldZ", date, t / 3600, t / 60 % 60, t % 60);
}

/* The survey period "2023年10月2日～2023年11月7日" from the timestamps. */
static void survey_period(const nps_publication *pub, char *buf, size_t size)
{
    long long lo, hi;
    char a[64], b[64];
    if (!nps_publication_period(pub, &lo, &hi)) {
        snprintf(buf, size, "（タイムスタンプなし）");
        return;
    }
    japanese_date(lo, a, sizeof a);
    japanese_date(hi, b, sizeof b);
    if (strcmp(a, b) == 0)
        snprintf(buf, size, "%s", a);
    else
        snprintf(buf, size, "%s～%s", a, b);
}

const char *nps_pdf_report_title(const nps_results *r, const nps_report_options *opt)
{
    const char *t = opt->title;
    if (!t || !t[0])
        t = nps_questionnaire_settings(nps_publication_questionnaire(r->publication))->survey_title;
    return t && t[0] ? t : "アンケート調査";
}

/* The fiscal year (April–March) of `epoch` in the Japanese era:
 * "令和5年度" (平成 before May 2019's fiscal year 2019). */
static void fiscal_year(long long epoch, char *buf, size_t size)
{
    char iso[16];
    int y = 0, m = 0, d = 0, fy;
    nps_timestamp_date(epoch, iso, sizeof iso);
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3) {
        buf[0] = '\0';
        return;
    }
    fy = m >= 4 ? y : y - 1;
    if (fy >= 2019)
        snprintf(buf, size, fy == 2019 ? "令和元年度" : "令和%d年度", fy - 2018);
    else if (fy >= 1989)
        snprintf(buf, size, fy == 1989 ? "平成元年度" : "平成%d年度", fy - 1988);
    else
        snprintf(buf, size, "%d年度", fy);
}

/* The facts of the cover and of 調査の概要. */
typedef struct facts {
    char n[64], period[160], generated[64], fiscal[32];
    const char *publisher;     /* --publisher, else settings.csv's publisher; NULL: none */
    const char *target;        /* settings.csv's survey_target; NULL: the default text */
    const char *method;        /* settings.csv's survey_method; NULL: the default text */
    size_t questions, closed, open, personal;
    long received, duplicates; /* responses read, duplicates left out */
    bool stamped;              /* the export has timestamps (an online form) */
} facts;

/* The questions of the form by kind: closed (choices or numbers), free
 * text, and those asking for personal data (never tabulated). */
static void count_questions(facts *f, const nps_questionnaire *q)
{
    size_t i, k;
    for (i = 0; i < nps_questionnaire_question_count(q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        bool personal = false, closed = false;
        for (k = 0; k < qu->n_fields; k++) {
            personal = personal || qu->fields[k]->personal != NPS_PERSONAL_NONE;
            closed = closed || qu->fields[k]->list || qu->fields[k]->bins;
        }
        f->questions++;
        if (personal)
            f->personal++;
        else if (closed)
            f->closed++;
        else
            f->open++;
    }
}

static void facts_fill(facts *f, const nps_results *r, const nps_report_options *opt)
{
    long long lo = 0, hi = 0;
    const nps_read_info *info = nps_publication_read_info(r->publication);
    const nps_settings *set;
    memset(f, 0, sizeof *f);
    snprintf(f->n, sizeof f->n, "%zu団体", nps_publication_count(r->publication));
    survey_period(r->publication, f->period, sizeof f->period);
    if (opt->generated > 0)
        japanese_date(opt->generated, f->generated, sizeof f->generated);
    f->stamped = nps_publication_period(r->publication, &lo, &hi);
    fiscal_year(f->stamped ? lo : opt->generated, f->fiscal, sizeof f->fiscal);
    if (!f->stamped && opt->generated <= 0)
        f->fiscal[0] = '\0';
    set = nps_questionnaire_settings(nps_publication_questionnaire(r->publication));
    f->publisher = opt->publisher && opt->publisher[0] ? opt->publisher : NULL;
    if (!f->publisher && set->publisher && set->publisher[0])
        f->publisher = set->publisher;
    f->target = set->survey_target && set->survey_target[0] ? set->survey_target : NULL;
    f->method = set->survey_method && set->survey_method[0] ? set->survey_method : NULL;
    count_questions(f, nps_publication_questionnaire(r->publication));
    f->received = info ? info->records - info->empty_rows : 0;
    f->duplicates = info ? info->duplicates_dropped : 0;
}

/* 調査の概要: who was asked, how, when, how many questions and answers. */
static void overview(pdf_doc *d, const char *title, const facts *f)
{
    static const double w[] = {0.22, 0.78};
    char items[256], answers[256];
    const char *rows[][2] = {
        {"調査名", title},
        {"実施主体", f->publisher},
        {"調査対象", f->target ? f->target : "団体（1団体につき1件の回答）"},
        {"調査方法", f->method     ? f->method
                     : f->stamped ? "Webアンケート（オンラインのフォームによる回答）"
                                  : "アンケート"},
        {"調査期間", f->period},
        {"調査項目", items},
        {"回答数", answers},
    };
    size_t i;
    snprintf(items, sizeof items, "全%zu問（選択・数値の設問%zu問、自由記述の設問%zu問、回答者と団体を尋ねる設問%zu問）",
             f->questions, f->closed, f->open, f->personal);
    if (f->duplicates > 0)
        snprintf(answers, sizeof answers, "%s（受け付けた回答%ld件のうち、同じ団体の重複%ld件を除く）", f->n, f->received,
                 f->duplicates);
    else
        snprintf(answers, sizeof answers, "%s", f->n);
    nps_pdf_heading(d, 1, "調査の概要", NULL);
    nps_pdf_table_caption(d, "調査の概要");
    nps_pdf_table_begin(d, 2, w, "ll", false);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i][1] && rows[i][1][0])
            nps_pdf_table_row(d, 0, rows[i]);
    nps_pdf_table_end(d);
    nps_pdf_paraf(d, PS_NOTE,
                  "回答数は集計の母数（n）である。回答者の氏名、団体名、連絡先を尋ねる設問は集計せず、本報告書にも掲載していない。"
                  "選択・数値の設問は「設問別の結果」に、自由記述の設問は「自由記述」の章に、その結果を示す。");
    nps_pdf_keep_with_previous(d);
}

/* The cover title, broken after its first "、" when each part is short
 * enough for one line (22 pt: about 21 characters), so that a long title
 * breaks where a reader pauses rather than inside a word. */
static void cover_title(pdf_doc *d, const char *title)
{
    const char *comma = strstr(title, "、");
    char buf[1024];
    size_t head = comma ? (size_t)(comma - title) + strlen("、") : 0;

    if (comma && head < sizeof buf / 2 && strlen(title) < sizeof buf - 2 &&
        g_utf8_strlen(title, (gssize)head) <= 21 && g_utf8_strlen(title + head, -1) <= 21 &&
        g_utf8_strlen(title, -1) > 21) {
        snprintf(buf, sizeof buf, "%.*s\n%s", (int)head, title, title + head);
        nps_pdf_para_center(d, PS_COVER_TITLE, buf);
    } else {
        nps_pdf_para_center(d, PS_COVER_TITLE, title);
    }
}

/* The cover: fiscal year, title, 調査結果報告書; the issuing body and the
 * date low on the page. */
static void cover(pdf_doc *d, const char *title, const facts *f)
{
    nps_pdf_space(d, 170);
    if (f->fiscal[0])
        nps_pdf_para_center(d, PS_COVER_SUB, f->fiscal);
    cover_title(d, title);
    nps_pdf_para_center(d, PS_COVER_SUB, "調査結果報告書");
    nps_pdf_space(d, 250);
    if (f->generated[0])
        nps_pdf_para_center(d, PS_COVER_SUB, f->generated);
    if (f->publisher)
        nps_pdf_para_center(d, PS_COVER_SUB, f->publisher);
}

/* Contents, then the lists of figures and of tables. */
static void contents(pdf_doc *d)
{
    nps_pdf_heading(d, 1, "目次", "");
    nps_pdf_contents(d);
    nps_pdf_heading(d, 2, "図の一覧", "");
    nps_pdf_para(d, PS_NOTE, "右から2列目は前回の報告書での図番号（同じ図があるもの）、右端は掲載ページ。");
    nps_pdf_keep_with_next(d);
    nps_pdf_contents_list(d, PDF_LIST_FIGURES);
    nps_pdf_heading(d, 2, "表の一覧", "");
    nps_pdf_contents_list(d, PDF_LIST_TABLES);
}

/* Build and paginate the whole document. */
static nps_error build(pdf_doc *d, const nps_results *r, const nps_report_options *opt, const char *title)
{
    facts f;
    facts_fill(&f, r, opt);
    cover(d, title, &f);
    contents(d);
    overview(d, title, &f);
    nps_pdf_section_summary(d, r, f.n, f.period);
    nps_pdf_section_questions(d, r);
    nps_pdf_section_flows(d, r, opt);
    nps_pdf_section_gap(d, r);
    nps_pdf_section_free_text(d, r);
    if (opt->previous)
        nps_pdf_section_compare(d, opt);
    nps_pdf_section_quality(d, r, opt);
    nps_pdf_section_method(d, r, opt);
    return nps_pdf_doc_paginate(d, 1);
}

/* Ownership: *out owned by the caller, also on failure. */
nps_error nps_pdf_report_build(const nps_results *r, nps_fonts *fonts, const nps_report_options *opt, pdf_doc **out)
{
    nps_error err = nps_pdf_doc_new(fonts, out);
    if (err != NPS_OK)
        return err;
    return build(*out, r, opt, nps_pdf_report_title(r, opt));
}

/* ------------------------------------------------------------ writing */

typedef struct sink {
    FILE *fp;
    int err;                   /* errno of the first failed write, 0 if none */
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    sink *s = closure;
    if (s->err)
        return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(data, 1, length, s->fp) != length) {
        s->err = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static nps_error cairo_error(cairo_status_t st)
{
    return st == CAIRO_STATUS_SUCCESS ? NPS_OK
         : st == CAIRO_STATUS_NO_MEMORY ? NPS_ERR_NOMEM
         : st == CAIRO_STATUS_WRITE_ERROR ? NPS_ERR_IO : NPS_ERR_RENDER;
}

static nps_error draw_file(pdf_doc *d, const char *title, long long generated, sink *out)
{
    cairo_surface_t *surface;
    cairo_t *cr = NULL;
    char date[40];
    nps_render_options ropt = {0, title, date};
    nps_error err;

    iso_datetime(generated, date, sizeof date);
    surface = cairo_pdf_surface_create_for_stream(sink_write, out, PDF_PAGE_W, PDF_PAGE_H);
    err = cairo_error(cairo_surface_status(surface));
    if (err == NPS_OK)
        err = nps_render_pdf_metadata(surface, &ropt);
    if (err == NPS_OK) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, "調査結果報告書");
        cr = cairo_create(surface);
        err = cairo_error(cairo_status(cr));
    }
    if (err == NPS_OK)
        err = nps_pdf_doc_render(d, cr, title);
    if (err == NPS_OK)
        err = cairo_error(cairo_status(cr));
    if (cr)
        cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (err == NPS_OK)
        err = cairo_error(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return err;
}

nps_error nps_report_write_pdf(const nps_results *r, nps_fonts *fonts, const nps_report_options *opt,
                               const char *path, nps_diag *diag)
{
    pdf_doc *d = NULL;
    sink out = {NULL, 0};
    nps_memfile mem = {NULL, NULL, 0};
    FILE *file = NULL;
    const char *title;
    nps_error err;
    bool created = false;

    if (!r || !r->publication || !r->tables || !fonts || !opt || !path || !path[0])
        return nps_diag_set(diag, NPS_ERR_USAGE, path ? path : "", 0,
                            "the PDF report needs results, fonts, options and a path");
    title = nps_pdf_report_title(r, opt);
    errno = 0;
    out.fp = fopen(path, "wb");            /* first: a bad path fails at once */
    if (!out.fp) {
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot create the PDF report: %s", strerror(errno));
        goto cleanup;
    }
    created = true;
    err = nps_pdf_report_build(r, fonts, opt, &d);
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "cannot lay out the PDF report: %s", nps_strerror(err));
        goto cleanup;
    }
    /* cairo renders into memory (a failed write inside cairo 1.16's PDF
     * finish can end in an assertion, SIGABRT); the bytes are written to
     * the file afterwards, every write checked. */
    if (nps_memfile_open(&mem) != 0) {
        err = nps_diag_set(diag, NPS_ERR_NOMEM, path, 0, "cannot draw the PDF report: out of memory");
        goto cleanup;
    }
    file = out.fp;
    out.fp = mem.fp;
    err = draw_file(d, title, opt->generated, &out);
    if (nps_memfile_close(&mem) != 0 && err == NPS_OK)
        err = NPS_ERR_NOMEM;
    out.fp = file;
    out.err = 0;
    errno = 0;
    if (err == NPS_OK && mem.size > 0 && fwrite(mem.data, 1, mem.size, out.fp) != mem.size)
        out.err = errno ? errno : EIO;
    if (err == NPS_OK && fflush(out.fp) != 0 && !out.err)
        out.err = errno ? errno : EIO;
    if (out.err)
        err = NPS_ERR_IO;
    if (fclose(out.fp) != 0 && err == NPS_OK) {
        out.err = errno ? errno : EIO;
        err = NPS_ERR_IO;
    }
    out.fp = NULL;
    if (out.err && (err == NPS_OK || err == NPS_ERR_RENDER))
        err = NPS_ERR_IO;
    if (err == NPS_ERR_IO)
        nps_diag_set(diag, err, path, 0, "cannot write the PDF report: %s",
                     strerror(out.err ? out.err : EIO));
    else if (err != NPS_OK)
        nps_diag_set(diag, err, path, 0, "cannot draw the PDF report: %s", nps_strerror(err));

cleanup:
    nps_memfile_free(&mem);
    if (out.fp)
        fclose(out.fp);
    if (err != NPS_OK && created)
        remove(path);
    nps_pdf_doc_free(d);
    return err;
}
