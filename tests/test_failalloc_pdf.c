/*
 * test_failalloc_pdf.c — the allocation-failure sweep (failalloc.h) over the
 * PDF report writer, nps_report_write_pdf, on the results of a small export
 * (NPS_FAILALLOC builds only; elsewhere the test is empty).
 *
 * A binary of its own because it needs what the CLI has in
 * src/cli/sanitizer_defaults.c: LeakSanitizer suppressions for two one-time
 * allocations inside system libraries that no caller can free —
 * fontconfig's configuration load and cairo 1.16's PDF surface finish
 * (docs/robustness.md) — and slow unwinding so that their frames are seen,
 * which makes every allocation slow. Hence the stride: every N below 100,
 * then about 50 more spread over the rest (NPS_FAILALLOC_FULL=1: every N).
 * Our own leaks are never suppressed.
 */
#include "failalloc.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\nleak:cairo_surface_finish\n";
}
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0"; }

TEST(report_pdf)
{
#ifdef NPS_FAILALLOC
    report_ctx c;
    report_setup(&c);
    CHECK_INT(nps_results_build(c.d, NULL, &c.r), NPS_OK);
    CHECK_INT(nps_fonts_new(NULL, &c.fonts), NPS_OK);
    c.pdf = true;
    snprintf(c.path, sizeof c.path, "%s/report.pdf", c.dir);
    sweep_op op = {"report.pdf (small export)", writer_run, writer_done, &c, 100, 50};
    CHECK(sweep(&op) > 100);
    report_teardown(&c);
#endif
}

UNIT_MAIN()
