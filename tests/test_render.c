/*
 * test_render.c — render.c and charts rendered to files: PNG and PDF come
 * out byte-identical when rendered twice; the PDF creation date is fixed,
 * or SOURCE_DATE_EPOCH, or the caller's; a chart's PDF carries its Japanese
 * text (pdftotext) in an embedded subset of Noto Sans CJK (pdffonts); PNG
 * size follows the scale; failures are reported (unwritable path, drawing
 * errors, cairo error states) and leave no file behind. Files live in a
 * mkdtemp directory that is removed afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include "draw/chart.h"
#include "draw/render.h"
#include "unit.h"

/* See test_chart.c: fontconfig's parse of the unused system fonts.conf.
 * And cairo 1.16's PDF surface loses ~1.5 KB per document with text while
 * it finishes (its font subsetting), below cairo_surface_finish. */
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

static nps_fonts *the_fonts;
static char tmpdir[64];

static void cleanup(void)
{
    nps_fonts_free(the_fonts);
    the_fonts = NULL;
    if (tmpdir[0])
        rmdir(tmpdir);     /* every test removes its files */
}

static nps_fonts *fonts(void)
{
    if (!the_fonts && nps_fonts_new(NULL, &the_fonts) != NPS_OK) {
        fprintf(stderr, "cannot load Noto Sans CJK\n");
        exit(2);
    }
    return the_fonts;
}

/* tmpdir/name, the directory made on first use. */
static const char *tmp_path(const char *name)
{
    static char path[4][256];
    static int k;
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/nps-render-XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(2);
        }
        atexit(cleanup);
    }
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", tmpdir, name);
    return path[k];
}

/* The whole file, NUL-terminated; *len set. NULL if unreadable. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    *len = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
            buf[n] = '\0';
            *len = (size_t)n;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static int same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    int same = x && y && la == lb && la > 0 && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static int contains_bytes(const char *path, const char *needle)
{
    size_t n;
    char *s = slurp(path, &n);
    size_t k = strlen(needle), i;
    int found = 0;
    for (i = 0; s && i + k <= n && !found; i++)
        found = memcmp(s + i, needle, k) == 0;
    free(s);
    return found;
}

/* Output of a shell command (read-only tools on our own temp files). */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t cap = 4096, len = 0, got;
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

static const nps_chart_item q36[] = {
    {"民生児童委員", 13, NPS_ROLE_OPTION},   {"自治会町内会", 13, NPS_ROLE_OPTION},
    {"商店街組合", 8, NPS_ROLE_OPTION},     {"ＮＰＯ等地域団体", 37, NPS_ROLE_OPTION},
    {"その他", 1, NPS_ROLE_OTHER},         {"連携はない", 11, NPS_ROLE_NONE},
    {"無回答", 10, NPS_ROLE_MISSING},
};

static nps_chart q36_chart(void)
{
    nps_chart c = {.kind = NPS_CHART_BARS,
                   .title = "図32（Q36）個別ケースに対する協働支援、連絡調整等先（地域団体等）",
                   .subtitle = "複数回答",
                   .base = 65,
                   .bars = {.items = q36, .n_items = sizeof q36 / sizeof q36[0]}};
    return c;
}

static void render_chart(nps_render_format fmt, const char *path, const nps_render_options *opt)
{
    nps_chart c = q36_chart();
    CHECK_INT(nps_chart_render_file(fonts(), &c, 0, fmt, path, opt), NPS_OK);
}

TEST(png_is_byte_identical_when_rendered_twice)
{
    const char *a = tmp_path("a.png"), *b = tmp_path("b.png");
    nps_render_options opt = {.png_scale = 2.0};
    cairo_surface_t *img;

    render_chart(NPS_RENDER_PNG, a, &opt);
    render_chart(NPS_RENDER_PNG, b, &opt);
    CHECK(same_bytes(a, b));
    img = cairo_image_surface_create_from_png(a);
    CHECK_INT(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    CHECK_INT(cairo_image_surface_get_width(img), 1600);       /* 800 units × 2 */
    CHECK(cairo_image_surface_get_height(img) > 400);
    cairo_surface_destroy(img);
    unlink(a);
    unlink(b);
}

TEST(pdf_is_byte_identical_and_dated_deterministically)
{
    const char *a = tmp_path("a.pdf"), *b = tmp_path("b.pdf"), *c = tmp_path("c.pdf");
    nps_render_options opt = {.pdf_title = "図32（Q36）"};

    unsetenv("SOURCE_DATE_EPOCH");
    render_chart(NPS_RENDER_PDF, a, &opt);
    sleep(1);                          /* a clock-dependent date would now differ */
    render_chart(NPS_RENDER_PDF, b, &opt);
    CHECK(same_bytes(a, b));
    CHECK(contains_bytes(a, "/CreationDate (19700101000000Z)"));

    setenv("SOURCE_DATE_EPOCH", "1696464000", 1);   /* 2023-10-05T00:00:00Z */
    render_chart(NPS_RENDER_PDF, c, &opt);
    CHECK(contains_bytes(c, "/CreationDate (20231005000000Z)"));
    render_chart(NPS_RENDER_PDF, b, &opt);
    CHECK(same_bytes(b, c));
    setenv("SOURCE_DATE_EPOCH", "yesterday", 1);     /* malformed: an error */
    {
        nps_chart q = q36_chart();
        CHECK_INT(nps_chart_render_file(fonts(), &q, 0, NPS_RENDER_PDF, c, &opt), NPS_ERR_USAGE);
        CHECK(access(c, F_OK) != 0);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    opt.pdf_date = "2024-02-08T10:00:00+09:00";       /* the caller's date wins */
    render_chart(NPS_RENDER_PDF, c, &opt);
    CHECK(contains_bytes(c, "/CreationDate (20240208100000+09'00)"));
    opt.pdf_date = "8 Feb 2024";
    {
        nps_chart q = q36_chart();
        CHECK_INT(nps_chart_render_file(fonts(), &q, 0, NPS_RENDER_PDF, c, &opt), NPS_ERR_USAGE);
    }
    unlink(a);
    unlink(b);
    unlink(c);
}

TEST(pdf_carries_searchable_japanese_text)
{
    const char *a = tmp_path("text.pdf");
    char cmd[512];
    char *out;

    render_chart(NPS_RENDER_PDF, a, NULL);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", a);
    out = run(cmd);
    CHECK(out != NULL);
    if (out) {
        CHECK(strstr(out, "民生児童委員") != NULL);
        CHECK(strstr(out, "ＮＰＯ等地域団体") != NULL);
        CHECK(strstr(out, "56.9%") != NULL);
        CHECK(strstr(out, "n=65") != NULL);
        CHECK(strstr(out, "個別ケースに対する協働支援") != NULL);
        if (!strstr(out, "民生児童委員"))
            fprintf(stderr, "pdftotext said:\n%s\n", out);
    }
    free(out);
    unlink(a);
}

TEST(pdf_embeds_a_subset_of_noto_sans_cjk)
{
    const char *a = tmp_path("fonts.pdf");
    char cmd[512];
    char *out, *line;
    int found = 0;

    render_chart(NPS_RENDER_PDF, a, NULL);
    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1", a);
    out = run(cmd);
    CHECK(out != NULL);
    for (line = out ? strtok(out, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char name[128], type1[32], type2[32], enc[32], emb[8], sub[8];
        if (!strstr(line, "NotoSansCJK"))
            continue;
        /* name type(two words) encoding emb sub uni … */
        if (sscanf(line, "%127s %31s %31s %*s %31s %7s %7s", name, type1, type2, enc, emb, sub) == 6) {
            CHECK_STR(emb, "yes");
            CHECK_STR(sub, "yes");
            CHECK(strchr(name, '+') != NULL);         /* a subset tag: ABCDEF+Noto… */
            found++;
        }
    }
    CHECK(found >= 1);
    free(out);
    unlink(a);
}

TEST(svg_renders_and_is_stable)
{
    const char *a = tmp_path("a.svg"), *b = tmp_path("b.svg");

    render_chart(NPS_RENDER_SVG, a, NULL);
    render_chart(NPS_RENDER_SVG, b, NULL);
    CHECK(contains_bytes(a, "<svg"));
    CHECK(contains_bytes(a, "width=\"800"));
    /* cairo numbers its top-level group per process; render.c renames it */
    CHECK(same_bytes(a, b));
    unlink(a);
    unlink(b);
}

static nps_error draw_fails(cairo_t *cr, void *ctx)
{
    (void)cr;
    (void)ctx;
    return NPS_ERR_NOMEM;
}

static nps_error draw_breaks_cairo(cairo_t *cr, void *ctx)
{
    (void)ctx;
    cairo_restore(cr);                 /* unbalanced: CAIRO_STATUS_INVALID_RESTORE */
    return NPS_OK;
}

static nps_error draw_square(cairo_t *cr, void *ctx)
{
    (void)ctx;
    cairo_rectangle(cr, 10, 10, 20, 20);
    cairo_fill(cr);
    return NPS_OK;
}

TEST(render_reports_failures_and_leaves_no_file)
{
    const char *a = tmp_path("fail.pdf"), *p = tmp_path("fail.png");
    nps_render_options big = {.png_scale = 100.0};

    CHECK_INT(nps_render_file(a, NPS_RENDER_PDF, 100, 100, draw_fails, NULL, NULL), NPS_ERR_NOMEM);
    CHECK(access(a, F_OK) != 0);
    CHECK_INT(nps_render_file(a, NPS_RENDER_PDF, 100, 100, draw_breaks_cairo, NULL, NULL),
              NPS_ERR_RENDER);
    CHECK(access(a, F_OK) != 0);
    CHECK_INT(nps_render_file(p, NPS_RENDER_PNG, 100, 100, draw_breaks_cairo, NULL, NULL),
              NPS_ERR_RENDER);
    CHECK(access(p, F_OK) != 0);
    CHECK_INT(nps_render_file("/nonexistent-dir/x.pdf", NPS_RENDER_PDF, 100, 100, draw_square, NULL,
                              NULL), NPS_ERR_IO);
    CHECK_INT(nps_render_file("/nonexistent-dir/x.png", NPS_RENDER_PNG, 100, 100, draw_square, NULL,
                              NULL), NPS_ERR_IO);
    CHECK_INT(nps_render_file("/nonexistent-dir/x.svg", NPS_RENDER_SVG, 100, 100, draw_square, NULL,
                              NULL), NPS_ERR_IO);
    CHECK_INT(nps_render_file(p, NPS_RENDER_PNG, 0, 100, draw_square, NULL, NULL), NPS_ERR_USAGE);
    CHECK_INT(nps_render_file(p, NPS_RENDER_PNG, 100, 0.0 / 0.0, draw_square, NULL, NULL),
              NPS_ERR_USAGE);
    CHECK_INT(nps_render_file(NULL, NPS_RENDER_PNG, 100, 100, draw_square, NULL, NULL), NPS_ERR_USAGE);
    CHECK_INT(nps_render_file(p, NPS_RENDER_PNG, 1000, 1000, draw_square, NULL, &big), NPS_ERR_RENDER);
    CHECK(access(p, F_OK) != 0);
    {
        nps_render_options badtitle = {.pdf_title = "\xff"};
        CHECK_INT(nps_render_file(a, NPS_RENDER_PDF, 100, 100, draw_square, NULL, &badtitle),
                  NPS_ERR_ENCODING);
        CHECK(access(a, F_OK) != 0);
    }
    CHECK_INT(nps_render_file(p, NPS_RENDER_PNG, 40, 30, draw_square, NULL, NULL), NPS_OK);
    {
        cairo_surface_t *img = cairo_image_surface_create_from_png(p);
        CHECK_INT(cairo_image_surface_get_width(img), 40);
        CHECK_INT(cairo_image_surface_get_height(img), 30);
        cairo_surface_destroy(img);
    }
    unlink(p);
}

TEST(invalid_utf8_chart_writes_nothing)
{
    const char *a = tmp_path("bad.pdf");
    nps_chart c = q36_chart();
    c.title = "図32\xe3\x81(";

    CHECK_INT(nps_chart_render_file(fonts(), &c, 0, NPS_RENDER_PDF, a, NULL), NPS_ERR_ENCODING);
    CHECK(access(a, F_OK) != 0);
}

TEST(pdf_metadata_for_callers_surfaces)
{
    const char *a = tmp_path("own.pdf");
    cairo_surface_t *s = cairo_pdf_surface_create(a, 595, 842), *img;
    nps_render_options opt = {.pdf_title = "報告書", .pdf_date = "2024-03-01T00:00:00Z"};

    CHECK_INT(nps_render_pdf_metadata(s, &opt), NPS_OK);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    CHECK(contains_bytes(a, "/CreationDate (20240301000000Z)"));
    img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
    CHECK_INT(nps_render_pdf_metadata(img, &opt), NPS_ERR_USAGE);
    cairo_surface_destroy(img);
    unlink(a);
}

TEST(format_names)
{
    nps_render_format f = NPS_RENDER_PDF;
    CHECK_INT(nps_render_format_parse("png", &f), NPS_OK);
    CHECK_INT(f, NPS_RENDER_PNG);
    CHECK_INT(nps_render_format_parse("SVG", &f), NPS_OK);
    CHECK_INT(f, NPS_RENDER_SVG);
    CHECK_INT(nps_render_format_parse("pdf", &f), NPS_OK);
    CHECK_INT(f, NPS_RENDER_PDF);
    CHECK_INT(nps_render_format_parse("jpeg", &f), NPS_ERR_USAGE);
    CHECK_INT(nps_render_format_parse(NULL, &f), NPS_ERR_USAGE);
    CHECK_STR(nps_render_format_ext(NPS_RENDER_SVG), "svg");
}

UNIT_MAIN()

/* A path naming a folder fails in every format, and the folder is left
 * alone (a failed render removes only a regular file it wrote). */
TEST(failed_render_never_removes_a_folder_at_the_path)
{
    static const nps_render_format formats[] = {NPS_RENDER_PNG, NPS_RENDER_SVG, NPS_RENDER_PDF};
    const char *dir = tmp_path("folder.out");
    struct stat st;

    CHECK(mkdir(dir, 0755) == 0);
    for (size_t k = 0; k < 3; k++) {
        CHECK_INT(nps_render_file(dir, formats[k], 100, 100, draw_square, NULL, NULL), NPS_ERR_IO);
        CHECK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
    }
    rmdir(dir);
}
