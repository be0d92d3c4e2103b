/*
 * fail_rename.c — LD_PRELOAD shim for tests/e2e_atomic.sh: rename() fails
 * with EIO when its target ends with the suffix in FAIL_RENAME_TO (e.g.
 * "/out/report.xlsx") and its source is a staged output (not one moved
 * aside, which is how an undo puts it back), and works normally otherwise. It lets the test make the
 * last step of publishing a report fail on the real binary, without any
 * test hook in the program.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rename(const char *from, const char *to)
{
    static int (*real_rename)(const char *, const char *);
    const char *suffix = getenv("FAIL_RENAME_TO");
    size_t n = strlen(to), k = suffix ? strlen(suffix) : 0;
    if (k && n >= k && strcmp(to + n - k, suffix) == 0 && strstr(from, "/.npo-survey-") &&
        !strstr(from, "/old-") && !strstr(from, "/old/")) {
        errno = EIO;
        return -1;
    }
    if (!real_rename)
        real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real_rename(from, to);
}
