/*
 * fileio.c — file-system helpers shared by the writers (see fileio.h).
 *
 * Invariant: nothing is removed unless lstat() says it is a regular file.
 * Ownership: paths are borrowed; no state is kept between calls; joined
 * paths belong to the caller.
 */
#include <stdio.h>
#include <stdlib.h>
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

int nps_memfile_open(nps_memfile *m)
{
    m->data = NULL;
    m->size = 0;
    m->fp = open_memstream(&m->data, &m->size);
    return m->fp ? 0 : -1;
}

int nps_memfile_close(nps_memfile *m)
{
    int rc = 0;
    if (m->fp) {
        rc = ferror(m->fp) ? -1 : 0;
        if (fclose(m->fp) != 0)
            rc = -1;
    }
    m->fp = NULL;
    return rc;
}

void nps_memfile_free(nps_memfile *m)
{
    if (m->fp)
        fclose(m->fp);
    free(m->data); /* open_memstream's buffer: libc's, not the allocation hook's */
    m->fp = NULL;
    m->data = NULL;
    m->size = 0;
}
