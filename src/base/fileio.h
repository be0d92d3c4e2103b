/*
 * fileio.h — small file-system helpers shared by every writer of the
 * library (charts, PNG images, reports) and the command line. Nothing here
 * opens or owns a file beyond the call; paths are borrowed.
 *
 * Invariant: a helper that removes only ever removes a regular file — a
 * device such as /dev/full or a folder a caller named is never touched
 * (docs/robustness.md: failed writes remove only regular files).
 */
#ifndef NPS_FILEIO_H
#define NPS_FILEIO_H

#include <stdio.h>

/* Remove what a failed write left at `path` — only if it is a regular
 * file (lstat: a symbolic link is not followed and not removed either). */
void nps_remove_partial_file(const char *path);

/* "dir/name" as a new string (nps_free); NULL when out of memory. No
 * length limit: paths are never cut. */
char *nps_path_join(const char *dir, const char *name);

/* A file in memory (open_memstream): write through `fp`, then
 * nps_memfile_close makes data/size valid; nps_memfile_free releases them.
 * Lets a writer whose library cannot survive a failed write (cairo 1.16's
 * PDF surface asserts when its stream fails at some points) render into
 * memory first and write the file afterwards, checking every write. */
typedef struct nps_memfile {
    FILE *fp;
    char *data;
    size_t size;
} nps_memfile;

int nps_memfile_open(nps_memfile *m);   /* 0, or -1 (errno) */
int nps_memfile_close(nps_memfile *m);  /* 0, or -1: the stream failed */
void nps_memfile_free(nps_memfile *m);

#endif
