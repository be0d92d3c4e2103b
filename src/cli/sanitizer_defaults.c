/*
 * sanitizer_defaults.c — only in AddressSanitizer builds: LeakSanitizer
 * suppressions for two one-time allocations inside system libraries that
 * are not ours and cannot be freed by a caller (see docs/charts.md):
 * fontconfig's initial configuration load (pango triggers FcInit) and
 * cairo 1.16's PDF surface finish. fast_unwind_on_malloc=0 because those
 * libraries have no frame pointers, so fast unwinding would not see the
 * frames named here. Our own leaks are never suppressed.
 */
#if defined(__SANITIZE_ADDRESS__)
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
#else
typedef int nps_sanitizer_defaults_unused; /* ISO C: no empty translation unit */
#endif
