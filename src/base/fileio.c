/*
 * fileio.c — file-system helpers shared by the writers (see fileio.h).
 *
 * Invariant: nothing is removed unless lstat() says it is a regular file.
 * Ownership: paths are borrowed; no state is kept between calls.
 */
#include <stdio.h>
#include <sys/stat.h>
#include "base/fileio.h"

void nps_remove_partial_file(const char *path)
{
    struct stat st;

    if (path && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}
