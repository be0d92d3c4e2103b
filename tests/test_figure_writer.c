/*
 * test_figure_writer.c — every figure of the 2023 fixture written into a
 * folder: one file per figure and format, byte-identical whatever the
 * number of threads (and NPS_RENDER_THREADS); PNG size from the measured
 * layout and png_scale; the earliest failing figure reported whatever the
 * scheduling; cancel; bad options; a drawing process that dies is an error,
 * never a silent gap.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "draw/figure_writer.h"
#include "read/reader.h"
#include "present/results.h"
#include "unit.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"

/* fontconfig's one-time configuration load and cairo 1.16's PDF surface
 * finish are library-internal leaks (see src/cli/sanitizer_defaults.c and
 * test_render.c); nothing of ours is suppressed. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\nleak:cairo_surface_finish\n";
}
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0"; }

static nps_questionnaire *q;
static nps_dataset *d;
static nps_results *r;
static nps_fonts *fonts;

static void unload(void)
{
    nps_fonts_free(fonts);
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

static void load(void)
{
    nps_diag diag;
    if (r)
        return;
    atexit(unload);
    if (nps_questionnaire_load_default(&q, &diag) != NPS_OK ||
        nps_read_export(FIXTURE, q, NULL, &d, &diag) != NPS_OK || nps_results_build(d, NULL, &r) != NPS_OK) {
        fprintf(stderr, "cannot load the fixture: %s: %s\n", diag.file, diag.message);
        exit(1);
    }
    if (nps_fonts_new(NULL, &fonts) != NPS_OK) {
        fprintf(stderr, "cannot load the fonts\n");
        exit(1);
    }
}

/* ---- folders -------------------------------------------------------- */

#define MAX_DIRS 16
static char made[MAX_DIRS][64];
static int n_made;

static void remove_tree(const char *dir)
{
    DIR *dd = opendir(dir);
    struct dirent *e;
    char path[1024];
    if (!dd)
        return;
    while ((e = readdir(dd)) != NULL) {
        struct stat st;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            remove(path);
    }
    closedir(dd);
    rmdir(dir);
}

static void remove_made(void)
{
    for (int i = 0; i < n_made; i++)
        remove_tree(made[i]);
}

/* A new empty folder under /tmp, removed at exit. */
static const char *new_dir(void)
{
    if (n_made == MAX_DIRS) {
        fprintf(stderr, "too many folders\n");
        exit(1);
    }
    if (n_made == 0)
        atexit(remove_made);
    strcpy(made[n_made], "/tmp/nps-figw-XXXXXX");
    if (!mkdtemp(made[n_made])) {
        perror("mkdtemp");
        exit(1);
    }
    return made[n_made++];
}

static size_t count_entries(const char *dir)
{
    DIR *dd = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (!dd)
        return 0;
    while ((e = readdir(dd)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dd);
    return n;
}

static void figure_file(char *buf, size_t size, const char *dir, size_t i, const char *ext)
{
    snprintf(buf, size, "%s/%s.%s", dir, nps_figures_at(r->figures, i)->name, ext);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Every figure has a non-empty file of each extension in both folders, with
 * the same bytes; the folders hold nothing else. Returns the mismatches. */
static int compare_outputs(const char *a, const char *b, const char *const *exts, size_t n_exts)
{
    int bad = 0;
    size_t n = nps_figures_count(r->figures);
    CHECK_INT(count_entries(a), n * n_exts);
    CHECK_INT(count_entries(b), n * n_exts);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n_exts; k++) {
            char pa[512], pb[512];
            size_t la, lb;
            figure_file(pa, sizeof pa, a, i, exts[k]);
            figure_file(pb, sizeof pb, b, i, exts[k]);
            unsigned char *da = unit_slurp(pa, &la), *db = unit_slurp(pb, &lb);
            if (!da || !db || la == 0 || la != lb || memcmp(da, db, la) != 0) {
                fprintf(stderr, "%s and %s differ or are missing\n", pa, pb);
                bad++;
            }
            free(da);
            free(db);
        }
    return bad;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Width and height from a PNG's IHDR; false if not a PNG. */
static bool png_size(const char *path, uint32_t *w, uint32_t *h)
{
    unsigned char head[24];
    FILE *f = fopen(path, "rb");
    bool ok = f && fread(head, 1, sizeof head, f) == sizeof head && head[0] == 0x89 &&
              !memcmp(head + 1, "PNG", 3) && !memcmp(head + 12, "IHDR", 4);
    if (f)
        fclose(f);
    if (ok) {
        *w = be32(head + 16);
        *h = be32(head + 20);
    }
    return ok;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static const nps_render_format svg_png[] = {NPS_RENDER_SVG, NPS_RENDER_PNG};
static const char *const svg_png_ext[] = {"svg", "png"};

/* ---- tests ---------------------------------------------------------- */

TEST(same_files_whatever_the_thread_count)
{
    const char *a, *b;
    size_t written_a = 99, written_b = 99, n;
    nps_diag diag = {0};
    nps_figure_write_options opt = {svg_png, 2, 1.0, 0};

    load();
    n = nps_figures_count(r->figures);
    CHECK(n >= 30);
    a = new_dir();
    b = new_dir();
    CHECK_INT(nps_figures_write(r->figures, a, fonts, &opt, &written_a, &diag), NPS_OK);
    opt.threads = 3;
    CHECK_INT(nps_figures_write(r->figures, b, fonts, &opt, &written_b, &diag), NPS_OK);
    CHECK_INT(written_a, 2 * n);
    CHECK_INT(written_b, 2 * n);
    CHECK_INT(compare_outputs(a, b, svg_png_ext, 2), 0);

    /* the files are what they claim to be */
    char path[512];
    size_t len;
    figure_file(path, sizeof path, a, 0, "svg");
    unsigned char *svg = unit_slurp(path, &len);
    CHECK(svg && len > 100 && strstr((char *)svg, "<svg") != NULL);
    free(svg);
    uint32_t w, h;
    figure_file(path, sizeof path, b, n - 1, "png");
    CHECK(png_size(path, &w, &h));
}

TEST(three_formats_in_the_given_order)
{
    static const nps_render_format all[] = {NPS_RENDER_PDF, NPS_RENDER_PNG, NPS_RENDER_SVG};
    static const char *const all_ext[] = {"pdf", "png", "svg"};
    const char *a, *b;
    size_t written = 0, n;
    nps_figure_write_options opt = {all, 3, 0.5, 2};

    load();
    n = nps_figures_count(r->figures);
    a = new_dir();
    b = new_dir();
    CHECK_INT(nps_figures_write(r->figures, a, fonts, &opt, &written, NULL), NPS_OK);
    CHECK_INT(written, 3 * n);
    opt.threads = 0;
    CHECK_INT(nps_figures_write(r->figures, b, fonts, &opt, &written, NULL), NPS_OK);
    CHECK_INT(written, 3 * n);
    CHECK_INT(compare_outputs(a, b, all_ext, 3), 0);
}

TEST(png_size_is_the_layout_times_the_scale)
{
    static const nps_render_format png[] = {NPS_RENDER_PNG};
    static const double scales[] = {1.0, 2.0, 0.0 /* = 2 */, 1.3};
    size_t n;

    load();
    n = nps_figures_count(r->figures);
    /* layout sizes, measured as the writer does */
    double *lw = calloc(n, sizeof *lw), *lh = calloc(n, sizeof *lh);
    for (size_t i = 0; i < n; i++) {
        nps_chart_layout *l = NULL;
        CHECK_INT(nps_chart_measure(fonts, &nps_figures_at(r->figures, i)->chart, NPS_CHART_WIDTH, &l), NPS_OK);
        lw[i] = l ? nps_chart_layout_width(l) : 0;
        lh[i] = l ? nps_chart_layout_height(l) : 0;
        nps_chart_layout_free(l);
    }
    int fractional_heights = 0;
    for (size_t i = 0; i < n; i++)
        fractional_heights += lh[i] * 1.3 != ceil(lh[i] * 1.3);
    CHECK(fractional_heights > 0); /* so that ceil is really exercised */

    for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        const char *dir = new_dir();
        nps_figure_write_options opt = {png, 1, scales[s], 1};
        double scale = scales[s] > 0 ? scales[s] : 2.0;
        size_t written = 0;
        CHECK_INT(nps_figures_write(r->figures, dir, fonts, &opt, &written, NULL), NPS_OK);
        CHECK_INT(written, n);
        CHECK_INT(count_entries(dir), n);
        for (size_t i = 0; i < n; i++) {
            char path[512];
            uint32_t w = 0, h = 0;
            figure_file(path, sizeof path, dir, i, "png");
            CHECK(png_size(path, &w, &h));
            CHECK_INT(w, (long long)ceil(lw[i] * scale));
            CHECK_INT(h, (long long)ceil(lh[i] * scale));
        }
        remove_tree(dir);
    }
    /* figure 0 explicitly: 1.0 → 800 px wide, 2.0 → 1600 */
    CHECK_NEAR(lw[0], NPS_CHART_WIDTH, 0.0);
    free(lw);
    free(lh);
}

TEST(missing_folder_names_the_first_figure)
{
    static const nps_render_format png_svg[] = {NPS_RENDER_PNG, NPS_RENDER_SVG};
    static const int threads[] = {0, 3, 3, 3, 3, 3, -1};
    char missing[256], want[512];

    load();
    snprintf(missing, sizeof missing, "%s/not-there", new_dir());
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        nps_figure_write_options opt = {svg_png, 2, 1.0, threads[t]};
        nps_diag diag = {0};
        size_t written = 99;
        CHECK_INT(nps_figures_write(r->figures, missing, fonts, &opt, &written, &diag), NPS_ERR_IO);
        CHECK_INT(written, 0);
        figure_file(want, sizeof want, missing, 0, "svg");
        CHECK_STR(diag.file, want);
        CHECK(diag.message[0] != '\0');
        /* first format decides the extension */
        opt.formats = png_svg;
        memset(&diag, 0, sizeof diag);
        CHECK_INT(nps_figures_write(r->figures, missing, fonts, &opt, &written, &diag), NPS_ERR_IO);
        figure_file(want, sizeof want, missing, 0, "png");
        CHECK_STR(diag.file, want);
    }
    CHECK(!exists(missing));
}

/* A folder where the file of figure k (format ext) cannot be made: a
 * non-empty folder sits under its name. */
static void block(const char *dir, size_t k, const char *ext)
{
    char path[512], inner[600];
    figure_file(path, sizeof path, dir, k, ext);
    CHECK_INT(mkdir(path, 0755), 0);
    snprintf(inner, sizeof inner, "%s/keep", path);
    FILE *f = fopen(inner, "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
}

TEST(earliest_failing_figure_is_reported)
{
    static const int threads[] = {0, 3, 3, 3, 1};
    char want[512];
    size_t n;

    load();
    n = nps_figures_count(r->figures);
    const size_t k1 = n / 2, k2 = n / 2 + 3;
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        const char *dir = new_dir();
        nps_figure_write_options opt = {svg_png, 2, 1.0, threads[t]};
        nps_diag diag = {0};
        size_t written = 0;
        block(dir, k1, "png");
        block(dir, k2, "svg");
        CHECK_INT(nps_figures_write(r->figures, dir, fonts, &opt, &written, &diag), NPS_ERR_IO);
        figure_file(want, sizeof want, dir, k1, "png");
        CHECK_STR(diag.file, want);
        /* every figure before k1 was taken before it, so was drawn; k1's
         * SVG came before its PNG failed */
        for (size_t i = 0; i < k1; i++) {
            char p[512];
            figure_file(p, sizeof p, dir, i, "svg");
            CHECK(exists(p));
            figure_file(p, sizeof p, dir, i, "png");
            CHECK(exists(p));
        }
        figure_file(want, sizeof want, dir, k1, "svg");
        CHECK(exists(want));
        if (threads[t] == 0)
            CHECK_INT(written, 2 * k1 + 1); /* one thread stops at the failure */
        else
            CHECK(written >= 2 * k1 + 1 && written < 2 * n);
        /* written counts the files that are there (2 blockers excluded) */
        CHECK_INT(count_entries(dir), written + 2);
        remove_tree(dir);
    }
}

/* No fixed-size path buffer: a folder path longer than the old 4096-byte
 * buffer reaches the file system, which refuses it (ENAMETOOLONG) — an I/O
 * error naming the figure, nothing written. */
TEST(too_long_a_path_is_an_io_error)
{
    char dir[5000];
    nps_figure_write_options opt = {svg_png, 2, 1.0, 2};
    nps_diag diag = {0};
    size_t written = 99;

    load();
    memset(dir, 'd', sizeof dir - 1);
    dir[0] = '/';
    dir[sizeof dir - 1] = '\0';
    CHECK_INT(nps_figures_write(r->figures, dir, fonts, &opt, &written, &diag), NPS_ERR_IO);
    CHECK_INT(written, 0);
    CHECK(strstr(diag.message, "cannot draw the figure") != NULL);
    CHECK(strstr(diag.message, nps_figures_at(r->figures, 0)->name) != NULL);
}

TEST(cancel_then_finish_returns)
{
    size_t n;
    nps_figure_writer *w = NULL;
    nps_figure_write_options opt = {svg_png, 2, 1.0, 0};
    size_t written = 99;
    nps_diag diag = {0};

    load();
    n = nps_figures_count(r->figures);

    /* no background thread: nothing is taken before finish, so nothing */
    const char *dir0 = new_dir();
    CHECK_INT(nps_figure_writer_start(r->figures, dir0, fonts, &opt, &w), NPS_OK);
    CHECK(w != NULL);
    nps_figure_writer_cancel(w);
    CHECK_INT(nps_figure_writer_finish(w, &written, &diag), NPS_OK);
    CHECK_INT(written, 0);
    CHECK_INT(count_entries(dir0), 0);

    /* background threads: whatever they took is complete (both formats) */
    for (int round = 0; round < 5; round++) {
        const char *dir = new_dir();
        opt.threads = 3;
        w = NULL;
        written = 99;
        CHECK_INT(nps_figure_writer_start(r->figures, dir, fonts, &opt, &w), NPS_OK);
        nps_figure_writer_cancel(w);
        nps_figure_writer_cancel(w); /* twice is harmless */
        CHECK_INT(nps_figure_writer_finish(w, &written, &diag), NPS_OK);
        CHECK(written <= 2 * n);
        CHECK_INT(written % 2, 0);
        CHECK_INT(count_entries(dir), written);
        remove_tree(dir);
    }

    /* cancel after some work: NULL written and diag are allowed */
    const char *dir1 = new_dir();
    opt.threads = 1;
    CHECK_INT(nps_figure_writer_start(r->figures, dir1, fonts, &opt, &w), NPS_OK);
    sleep_ms(20);
    nps_figure_writer_cancel(w);
    CHECK_INT(nps_figure_writer_finish(w, NULL, NULL), NPS_OK);
    CHECK_INT(count_entries(dir1) % 2, 0);
    nps_figure_writer_cancel(NULL); /* no-op */
}

TEST(bad_options_are_usage_errors)
{
    static const nps_render_format four[] = {NPS_RENDER_SVG, NPS_RENDER_PNG, NPS_RENDER_PDF, NPS_RENDER_SVG};
    static const nps_render_format bogus[] = {NPS_RENDER_SVG, (nps_render_format)7};
    const char *dir;
    nps_figure_writer *w;
    size_t written;
    nps_diag diag = {0};

    load();
    dir = new_dir();
    const nps_figure_write_options good = {svg_png, 2, 1.0, 2};
    const nps_figure_write_options bad[] = {
        {svg_png, 0, 1.0, 2},
        {NULL, 2, 1.0, 2},
        {NULL, 0, 1.0, 0},
        {four, 4, 1.0, 2},
        {bogus, 2, 1.0, 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        w = (nps_figure_writer *)&w; /* non-NULL garbage: start must clear it */
        CHECK_INT(nps_figure_writer_start(r->figures, dir, fonts, &bad[i], &w), NPS_ERR_USAGE);
        CHECK(w == NULL);
        written = 99;
        CHECK_INT(nps_figures_write(r->figures, dir, fonts, &bad[i], &written, &diag), NPS_ERR_USAGE);
        CHECK_INT(written, 0);
    }
    w = (nps_figure_writer *)&w;
    CHECK_INT(nps_figure_writer_start(NULL, dir, fonts, &good, &w), NPS_ERR_USAGE);
    CHECK(w == NULL);
    CHECK_INT(nps_figure_writer_start(r->figures, NULL, fonts, &good, &w), NPS_ERR_USAGE);
    CHECK_INT(nps_figure_writer_start(r->figures, dir, NULL, &good, &w), NPS_ERR_USAGE);
    CHECK_INT(nps_figure_writer_start(r->figures, dir, fonts, NULL, &w), NPS_ERR_USAGE);
    written = 99;
    CHECK_INT(nps_figures_write(NULL, dir, fonts, &good, &written, &diag), NPS_ERR_USAGE);
    CHECK_INT(written, 0);
    written = 99;
    CHECK_INT(nps_figure_writer_finish(NULL, &written, &diag), NPS_ERR_USAGE);
    CHECK_INT(written, 0);
    CHECK_INT(count_entries(dir), 0);
}

TEST(render_threads_env_caps_the_threads)
{
    const char *a, *b;
    size_t written = 0, n;
    nps_figure_write_options opt = {svg_png, 2, 1.0, 0};
    nps_figure_writer *w = NULL;

    load();
    n = nps_figures_count(r->figures);
    a = new_dir();
    b = new_dir();
    CHECK_INT(nps_figures_write(r->figures, a, fonts, &opt, &written, NULL), NPS_OK);
    CHECK_INT(written, 2 * n);

    CHECK_INT(setenv("NPS_RENDER_THREADS", "1", 1), 0);
    opt.threads = -1;
    /* NPS_RENDER_THREADS=1: the caller's thread alone, so a writer
     * cancelled before finish writes nothing, on any machine */
    for (int round = 0; round < 3; round++) {
        const char *c = new_dir();
        size_t none = 99;
        CHECK_INT(nps_figure_writer_start(r->figures, c, fonts, &opt, &w), NPS_OK);
        sleep_ms(20);
        nps_figure_writer_cancel(w);
        CHECK_INT(nps_figure_writer_finish(w, &none, NULL), NPS_OK);
        CHECK_INT(none, 0);
        CHECK_INT(count_entries(c), 0);
        remove_tree(c);
    }
    written = 0;
    CHECK_INT(nps_figures_write(r->figures, b, fonts, &opt, &written, NULL), NPS_OK);
    CHECK_INT(written, 2 * n);
    CHECK_INT(compare_outputs(a, b, svg_png_ext, 2), 0);

    /* an explicit thread count is not capped by the variable: with one
     * background thread and the caller busy sleeping, it draws figures */
    opt.threads = 1;
    const char *c = new_dir();
    size_t some = 0;
    CHECK_INT(nps_figure_writer_start(r->figures, c, fonts, &opt, &w), NPS_OK);
    for (int i = 0; i < 400 && count_entries(c) < 2; i++)
        sleep_ms(10);
    nps_figure_writer_cancel(w);
    CHECK_INT(nps_figure_writer_finish(w, &some, NULL), NPS_OK);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    CHECK_INT(some, 0); /* sanitizer builds fork no worker (figure_writer.c, worker_count) */
#else
    CHECK(some >= 2);
#endif
    CHECK_INT(count_entries(c), some);

    /* a value that is not a count >= 1 is ignored (one per core but one) */
    CHECK_INT(setenv("NPS_RENDER_THREADS", "0", 1), 0);
    opt.threads = -1;
    written = 0;
    CHECK_INT(nps_figures_write(r->figures, new_dir(), fonts, &opt, &written, NULL), NPS_OK);
    CHECK_INT(written, 2 * n);
    unsetenv("NPS_RENDER_THREADS");
}

/* Kill every child process of this test (the writer's workers): their pids
 * from /proc/self/task/<tid>/children. The number killed. */
static int kill_children(void)
{
    char path[64], buf[256];
    int killed = 0;
    snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)getpid());
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    for (char *p = buf, *end; *p; p = end) {
        long pid = strtol(p, &end, 10);
        if (end == p)
            break;
        killed += kill((pid_t)pid, SIGKILL) == 0;
    }
    return killed;
}

TEST(a_killed_drawing_process_is_an_error)
{
    nps_figure_write_options opt = {svg_png, 2, 1.0, 1};
    nps_figure_writer *w = NULL;
    nps_diag diag = {0};
    size_t written = 0;

    load();
    const char *dir = new_dir();
    CHECK_INT(nps_figure_writer_start(r->figures, dir, fonts, &opt, &w), NPS_OK);
    sleep_ms(30);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    /* sanitizer builds fork no worker (figure_writer.c, worker_count) */
    CHECK_INT(kill_children(), 0);
    CHECK_INT(nps_figure_writer_finish(w, &written, &diag), NPS_OK);
    CHECK_INT(written, 2 * nps_figures_count(r->figures));
    return;
#endif
    CHECK_INT(kill_children(), 1);
    /* this process draws what is left; the killed worker's figure (or the
     * worker itself) is reported */
    CHECK_INT(nps_figure_writer_finish(w, &written, &diag), NPS_ERR_RENDER);
    CHECK(strstr(diag.message, "drawing process ended early") != NULL);
}

UNIT_MAIN()
