/*
 * fileio.c — file-system helpers shared by the writers (see fileio.h).
 *
 * Invariant: nothing is removed unless lstat() says it is a regular file.
 * Ownership: paths are borrowed; no state is kept between calls; joined
 * paths belong to the caller.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "base/alloc.h"
#include "base/fileio.h"

void nps_remove_partial_file(const char *path)
{
    struct stat st;

    if (path && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}

char *nps_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = nps_malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}
