/*
 * kill_rename.c — LD_PRELOAD shim for tests/e2e_publish.sh: counts the
 * rename() calls whose source or target starts with KILL_RENAME_UNDER (the
 * report folder) and, when the count reaches KILL_AT_RENAME, kills the
 * process with SIGKILL before doing that rename — a run stopped at exactly
 * that step of publishing, on the real binary, without any test hook in the
 * program. With KILL_RENAME_LOG set, every counted rename is appended to
 * that file ("N FROM -> TO"), so the test can count the steps first.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rename(const char *from, const char *to)
{
    static int (*real_rename)(const char *, const char *);
    static long count;
    const char *under = getenv("KILL_RENAME_UNDER"), *at = getenv("KILL_AT_RENAME");
    const char *log = getenv("KILL_RENAME_LOG");
    if (!real_rename)
        real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    if (under && *under && (!strncmp(from, under, strlen(under)) || !strncmp(to, under, strlen(under)))) {
        count++;
        if (log) {
            FILE *fp = fopen(log, "a");
            if (fp) {
                fprintf(fp, "%ld %s -> %s\n", count, from, to);
                fclose(fp);
            }
        }
        if (at && atol(at) == count)
            raise(SIGKILL);
    }
    return real_rename(from, to);
}
