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

/* Remove what a failed write left at `path` — only if it is a regular
 * file (lstat: a symbolic link is not followed and not removed either). */
void nps_remove_partial_file(const char *path);

/* "dir/name" as a new string (nps_free); NULL when out of memory. No
 * length limit: paths are never cut. */
char *nps_path_join(const char *dir, const char *name);

#endif
