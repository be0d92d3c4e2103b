/*
 * test_chart_print.c — the fixture's report is readable in print: no word
 * of the PDF (body, tables, and the text of every chart as the report
 * scales it) is smaller than 7 pt (docs/charts.md, "Print sizes").
 *
 * Method: the CLI writes the fixture's report; `pdftotext -bbox` gives
 * every word's box in points; the font size is the box height divided by
 * Noto Sans CJK's line height (ascender 1.160 + descender 0.288 = 1.448 em,
 * the font's hhea metrics, which poppler uses for the box): the cover's
 * 14 pt title measures 20.272 pt high. Every PDF text of the report is set
 * in Noto Sans CJK (pdffonts), so the one ratio holds for all words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"
#define CLI NPS_BINARY_DIR "/npo-survey"
#define NOTO_LINE_EM 1.448
#define MIN_PT 7.0

static char dir[64];

static void remove_dir(void)
{
    char cmd[128];
    if (!dir[0])
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

/* The fixture's report into a fresh folder; 0 on success. */
static int write_report(void)
{
    char cmd[512];
    snprintf(dir, sizeof dir, "/tmp/nps-print-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    atexit(remove_dir);
    snprintf(cmd, sizeof cmd, "SOURCE_DATE_EPOCH=1700000000 '%s' report -o '%s/r' '%s' >/dev/null 2>&1", CLI,
             dir, FIXTURE);
    return system(cmd);
}

TEST(no_word_of_the_fixture_report_is_below_7pt)
{
    char cmd[256], line[4096];
    long words = 0, small = 0, pages = 0;
    double least = 1e9;
    FILE *p;

    CHECK_INT(write_report(), 0);
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s/r/report.pdf' - 2>&1", dir);
    p = popen(cmd, "r");
    CHECK(p != NULL);
    if (!p)
        return;
    while (fgets(line, sizeof line, p)) {
        double x0, y0, x1, y1;
        const char *w = strstr(line, "<word ");
        int text_at = 0;
        if (strstr(line, "<page "))
            pages++;
        if (!w || sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n", &x0, &y0, &x1, &y1,
                         &text_at) != 4)
            continue;
        double pt = (y1 - y0) / NOTO_LINE_EM;
        words++;
        if (pt < least)
            least = pt;
        if (pt < MIN_PT - 0.005) {
            if (small++ < 10)
                fprintf(stderr, "page %ld: %.2f pt: %s", pages, pt, w + text_at);
        }
    }
    CHECK_INT(pclose(p), 0);
    fprintf(stderr, "%ld words on %ld pages, the smallest %.2f pt\n", words, pages, least);
    CHECK(pages > 30);
    CHECK(words > 3000);
    CHECK_INT(small, 0);
}

/* The ratio itself, on a chart PDF drawn at one point per unit: the
 * title is set at 16 units (chart.c), so 16 pt. */
TEST(bbox_height_ratio_matches_a_known_size)
{
    char cmd[512], line[4096];
    int found = 0;
    FILE *p;

    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/nps-print-XXXXXX");
        CHECK(mkdtemp(dir) != NULL);
        atexit(remove_dir);
    }
    snprintf(cmd, sizeof cmd, "'%s' charts --format pdf -o '%s/c' '%s' >/dev/null 2>&1", CLI, dir, FIXTURE);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s/c/fig01_q06.pdf' - 2>&1", dir);
    p = popen(cmd, "r");
    CHECK(p != NULL);
    if (!p)
        return;
    while (fgets(line, sizeof line, p)) {
        double x0, y0, x1, y1;
        const char *w = strstr(line, "<word ");
        if (found || !w || !strstr(w, ">図1（Q6）"))
            continue;
        if (sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1) == 4) {
            found = 1;
            CHECK_NEAR((y1 - y0) / NOTO_LINE_EM, 16.0, 0.01);
        }
    }
    pclose(p);
    CHECK(found);
}

UNIT_MAIN()
