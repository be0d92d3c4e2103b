/*
 * publish.c — the report folder of `npo-survey report` (see publish.h and
 * docs/report.md, "The report folder").
 *
 * Layout of DIR while a run writes:
 *   DIR/.npo-survey/lock       flock'ed by the run (kept; empty)
 *   DIR/.npo-survey/manifest   what the last run published, one path a line
 *   DIR/.npo-survey/journal    only during publishing: the plan (below)
 *   DIR/.npo-survey-XXXXXX/    staging: pid, report.pdf, report.xlsx,
 *                              charts/, and old/ (earlier outputs moved aside)
 *
 * Publishing: (1) list the staged outputs, (2) refuse when a name is taken
 * by a file the manifest does not list, (3) write the journal ("staging
 * NAME", "new PATH" lines, "old PATH" for files of the last report that the
 * new one no longer has) with fsync, (4) for each output move the earlier
 * file aside into staging/old/ and the new one into place, (5) write the new
 * manifest, (6) remove the journal and the staging folder. A failure in
 * (4)–(5) undoes the renames in reverse (every path is named before the
 * journal is written, so from there on nothing allocates and running out
 * of memory cannot stop the undo); a kill leaves the journal, and the
 * next run (folder_open) completes steps (4)–(6) from it: every new output
 * still in staging is renamed into place, every "old" one removed.
 *
 * Signals (signals.c): the main thread holds the signal thread's mutex
 * (nps_signals_hold) while it opens the folder and publishes, so a signal
 * waits for those steps to end.
 *
 * Ownership: the folder owns its strings and the lock descriptor.
 */
#define _DEFAULT_SOURCE /* flock */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "publish.h"
#include "signals.h"
#include "base/alloc.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "npo-survey/report.h"

#define STATE_DIR ".npo-survey"
#define STAGING_PREFIX ".npo-survey-"
#define STAGING_RANDOM 6             /* mkdtemp's XXXXXX */
#define STALE_WITHOUT_PID (60 * 60)  /* seconds: a staging folder without pid file */
#define MANIFEST_HEAD "# npo-survey manifest 1\n"
#define JOURNAL_HEAD "# npo-survey journal 1\n"

struct nps_report_folder {
    char *dir, *state;   /* DIR and DIR/.npo-survey */
    int lock_fd;
    char *staging;       /* DIR/.npo-survey-XXXXXX while there is one */
};

/* A list of paths relative to DIR, each with the checksum the manifest
 * records for it ("CRC32 SIZE", NULL when not known). */
typedef struct entry {
    char *path, *sum;
} entry;

typedef struct names {
    entry *at;
    size_t n, cap;
} names;

static void names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++) {
        nps_free(l->at[i].path);
        nps_free(l->at[i].sum);
    }
    nps_free(l->at);
    memset(l, 0, sizeof *l);
}

static nps_error names_add(names *l, const char *s, size_t len)
{
    char *copy;
    if (nps_grow((void **)&l->at, &l->cap, l->n + 1, sizeof *l->at, 32) != NPS_OK)
        return NPS_ERR_NOMEM;
    if (!(copy = nps_strndup(s, len)))
        return NPS_ERR_NOMEM;
    l->at[l->n].path = copy;
    l->at[l->n++].sum = NULL;
    return NPS_OK;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static const entry *names_find(const names *l, const char *s)
{
    entry key = {(char *)s, NULL};
    return l->n ? bsearch(&key, l->at, l->n, sizeof *l->at, compare_names) : NULL;
}

static bool names_has(const names *l, const char *s)
{
    return names_find(l, s) != NULL;
}

/* "CRC32 SIZE" of a file's bytes (zlib's crc32): how the manifest tells a
 * file the tool wrote from one the user changed since. NULL when it cannot
 * be read (errno) or out of memory. */
static char *file_sum(const char *path)
{
    unsigned char chunk[65536];
    unsigned long crc = crc32(0L, Z_NULL, 0);
    long long size = 0;
    size_t n;
    nps_strbuf b = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        crc = crc32(crc, chunk, (uInt)n);
        size += (long long)n;
    }
    if (!ferror(fp))
        nps_strbuf_addf(&b, "%08lx %lld", crc, size);
    fclose(fp);
    if (b.failed)
        errno = ENOMEM;
    return nps_strbuf_take(&b);
}

/* The files a large survey's report adds beside the workbook, when staged. */
static const char *const optional_outputs[] = {NPS_REPORT_DATA_CSV, NPS_REPORT_ORG_CSV};
#define N_OPTIONAL (sizeof optional_outputs / sizeof optional_outputs[0])

/* A path the tool may own in DIR: report.pdf, report.xlsx, the CSV files of
 * a large survey (optional_outputs) or charts/NAME (NAME without '/', not
 * hidden). Anything else in a manifest or a journal
 * is ignored, so an edited manifest cannot make the tool touch other files. */
static bool owned_name(const char *p)
{
    if (!strcmp(p, "report.pdf") || !strcmp(p, "report.xlsx"))
        return true;
    for (size_t i = 0; i < N_OPTIONAL; i++)
        if (!strcmp(p, optional_outputs[i]))
            return true;
    return !strncmp(p, "charts/", 7) && p[7] && p[7] != '.' && !strchr(p + 7, '/');
}

static bool staging_name(const char *s)
{
    size_t k = strlen(STAGING_PREFIX);
    if (strncmp(s, STAGING_PREFIX, k) != 0 || strlen(s) != k + STAGING_RANDOM)
        return false;
    for (s += k; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

/* The whole of a small file into a new string; NULL with errno ENOENT
 * when it does not exist. */
static char *read_small_file(const char *path, nps_error *err)
{
    nps_strbuf b = {0};
    char chunk[8192];
    size_t n;
    FILE *fp = fopen(path, "rb");
    *err = NPS_OK;
    if (!fp) {
        if (errno != ENOENT)
            *err = NPS_ERR_IO;
        return NULL;
    }
    nps_strbuf_add(&b, "");
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        nps_strbuf_addn(&b, chunk, n);
    if (ferror(fp))
        *err = NPS_ERR_IO;
    fclose(fp);
    if (b.failed && *err == NPS_OK)
        *err = NPS_ERR_NOMEM;
    if (*err != NPS_OK) {
        nps_strbuf_free(&b);
        return NULL;
    }
    return nps_strbuf_take(&b);
}

static nps_error write_all_fd(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t k = write(fd, text, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return NPS_ERR_IO;
        text += k;
        len -= (size_t)k;
    }
    return NPS_OK;
}

/* Replace `path` by `text` through `tmp`: a temporary file, fsync, rename,
 * fsync of the state folder — a kill leaves the old or the new file, never
 * a part. No allocation, so it also works once memory has run out. */
static nps_error write_state_at(const nps_report_folder *f, const char *path, const char *tmp, const char *text,
                                nps_diag *diag)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    nps_error err = fd < 0 ? NPS_ERR_IO : write_all_fd(fd, text, strlen(text));
    if (err == NPS_OK && fsync(fd) != 0)
        err = NPS_ERR_IO;
    if (fd >= 0 && close(fd) != 0 && err == NPS_OK)
        err = NPS_ERR_IO;
    if (err == NPS_OK && rename(tmp, path) != 0)
        err = NPS_ERR_IO;
    if (err == NPS_OK && (fd = open(f->state, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        fsync(fd); /* best effort: some file systems refuse a folder's fsync */
        close(fd);
    }
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "cannot write: %s", strerror(errno));
        unlink(tmp);
    }
    return err;
}

/* state/NAME and state/NAME.tmp, both owned by the caller. */
static nps_error state_paths(const nps_report_folder *f, const char *name, char **path, char **tmp)
{
    nps_strbuf b = {0};
    *path = nps_path_join(f->state, name);
    nps_strbuf_addf(&b, "%s/%s.tmp", f->state, name);
    *tmp = nps_strbuf_take(&b);
    return *path && *tmp ? NPS_OK : NPS_ERR_NOMEM;
}

/* Replace state/name by `text` (write_state_at). */
static nps_error write_state_file(const nps_report_folder *f, const char *name, const char *text,
                                  nps_diag *diag)
{
    char *path = NULL, *tmp = NULL;
    nps_error err = state_paths(f, name, &path, &tmp);
    if (err == NPS_OK)
        err = write_state_at(f, path, tmp, text, diag);
    else
        nps_diag_set(diag, err, f->dir, 0, "out of memory");
    nps_free(tmp);
    nps_free(path);
    return err;
}

/* The lines of state/name that start with `key` + ' ' and name an owned
 * path, sorted. A missing file is an empty list. */
static nps_error read_list(const nps_report_folder *f, const char *name, const char *key, names *out,
                           nps_diag *diag)
{
    char *path = nps_path_join(f->state, name), *text = NULL;
    size_t k = strlen(key);
    nps_error err = path ? NPS_OK : NPS_ERR_NOMEM;
    if (err == NPS_OK)
        text = read_small_file(path, &err);
    for (char *line = text; err == NPS_OK && line && *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > k && !strncmp(line, key, k) && line[k] == ' ') {
            char *p = line + k + 1, *sum = NULL;
            line[len] = '\0';
            if (strcmp(key, "old") != 0) { /* file|new CRC SIZE PATH */
                char *sp = strchr(p, ' '), *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
                sum = p;
                p = sp2 ? sp2 + 1 : p + strlen(p);
                if (sp2)
                    *sp2 = '\0';
            }
            if (owned_name(p) && (err = names_add(out, p, strlen(p))) == NPS_OK && sum &&
                !(out->at[out->n - 1].sum = nps_strdup(sum)))
                err = NPS_ERR_NOMEM;
        }
        line += len + (end ? 1 : 0);
    }
    if (err == NPS_OK && out->n > 1)
        qsort(out->at, out->n, sizeof *out->at, compare_names);
    if (err != NPS_OK)
        nps_diag_set(diag, err, path ? path : f->dir, 0, "cannot read: %s",
                     err == NPS_ERR_NOMEM ? nps_strerror(err) : strerror(errno));
    nps_free(text);
    nps_free(path);
    return err;
}

/* The journal's staging folder name ("" when there is none or it is not
 * one of the tool's names). */
static nps_error journal_staging(const nps_report_folder *f, char *out, size_t size, nps_diag *diag)
{
    char *path = nps_path_join(f->state, "journal"), *text = NULL;
    nps_error err = path ? NPS_OK : NPS_ERR_NOMEM;
    out[0] = '\0';
    if (err == NPS_OK)
        text = read_small_file(path, &err);
    if (text) {
        char *line = strstr(text, "\nstaging ");
        char *end = line ? strchr(line + 9, '\n') : NULL;
        if (end && (size_t)(end - line - 9) < size) {
            *end = '\0';
            if (staging_name(line + 9))
                snprintf(out, size, "%s", line + 9);
        }
    }
    if (err != NPS_OK)
        nps_diag_set(diag, err, path ? path : f->dir, 0, "cannot read: %s", strerror(errno));
    nps_free(text);
    nps_free(path);
    return err;
}

/* ------------------------------------------------------- the renames */

/* DIR/<p>, staging/<p> or staging/old/<p>. */
enum where { IN_DIR, STAGED, ASIDE };

static char *where_path(const nps_report_folder *f, const char *staging, enum where w, const char *p)
{
    nps_strbuf b = {0};
    if (w == IN_DIR)
        nps_strbuf_addf(&b, "%s/%s", f->dir, p);
    else
        nps_strbuf_addf(&b, "%s/%s%s", staging, w == ASIDE ? "old/" : "", p);
    return nps_strbuf_take(&b);
}

/* rename(where a of p, where b of p): 0, or an errno (ENOMEM included). */
static int move(const nps_report_folder *f, const char *staging, const char *p, enum where a, enum where b)
{
    char *from = where_path(f, staging, a, p), *to = where_path(f, staging, b, p);
    int e = !from || !to ? ENOMEM : rename(from, to) == 0 ? 0 : errno;
    nps_free(from);
    nps_free(to);
    return e;
}

static nps_error make_dir_at(const char *base, const char *name)
{
    char *p = nps_path_join(base, name);
    nps_error err = !p ? NPS_ERR_NOMEM : mkdir(p, 0755) == 0 || errno == EEXIST ? NPS_OK : NPS_ERR_IO;
    nps_free(p);
    return err;
}

/* Complete a journaled publish: every new output still staged goes into
 * place, every old one is removed, the manifest is written from the
 * journal, then the journal and the staging folder go. */
static nps_error complete_journal(nps_report_folder *f, const char *staging, nps_diag *diag)
{
    names fresh = {0}, old = {0};
    nps_strbuf manifest = {0};
    nps_error err = read_list(f, "journal", "new", &fresh, diag);
    if (err == NPS_OK)
        err = read_list(f, "journal", "old", &old, diag);
    if (err == NPS_OK && (err = make_dir_at(f->dir, "charts")) != NPS_OK)
        nps_diag_set(diag, err, f->dir, 0, "cannot create charts/: %s", strerror(errno));
    for (size_t i = 0; err == NPS_OK && i < fresh.n; i++) {
        int e = move(f, staging, fresh.at[i].path, STAGED, IN_DIR);
        if (e != 0 && e != ENOENT)
            err = nps_diag_set(diag, NPS_ERR_IO, f->dir, 0, "cannot finish the report a stopped run left: %s: %s",
                               fresh.at[i].path, strerror(e));
    }
    for (size_t i = 0; err == NPS_OK && i < old.n; i++) {
        char *p = where_path(f, staging, IN_DIR, old.at[i].path);
        if (p)
            nps_remove_partial_file(p);
        nps_free(p);
    }
    nps_strbuf_add(&manifest, MANIFEST_HEAD);
    for (size_t i = 0; i < fresh.n; i++)
        nps_strbuf_addf(&manifest, "file %s %s\n", fresh.at[i].sum ? fresh.at[i].sum : "0 0", fresh.at[i].path);
    if (err == NPS_OK && manifest.failed)
        err = nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
    if (err == NPS_OK)
        err = write_state_file(f, "manifest", nps_strbuf_get(&manifest), diag);
    if (err == NPS_OK) {
        char *j = nps_path_join(f->state, "journal");
        if (j)
            unlink(j);
        nps_free(j);
        nps_remove_tree_at(AT_FDCWD, staging, 3);
    }
    nps_strbuf_free(&manifest);
    names_free(&fresh);
    names_free(&old);
    return err;
}

/* --------------------------------------------------- opening the folder */

static bool process_alive(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* A staging folder of a run that is gone: ours by name and owner, and its
 * pid file names this host and a process that no longer runs (no pid file:
 * older than STALE_WITHOUT_PID). The folder lock is held, so no run of this
 * version is writing into DIR. */
static bool stale_staging(int dirfd, const char *name)
{
    struct stat st;
    char buf[300], host[256] = "";
    long pid = 0;
    ssize_t n;
    int fd;
    if (!staging_name(name) || fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != geteuid())
        return false;
    fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    int pfd = openat(fd, "pid", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    close(fd);
    if (pfd < 0)
        return errno == ENOENT && time(NULL) - st.st_mtime > STALE_WITHOUT_PID;
    n = read(pfd, buf, sizeof buf - 1);
    close(pfd);
    buf[n > 0 ? n : 0] = '\0';
    gethostname(host, sizeof host - 1);
    char *sp = strchr(buf, ' '), *nl = strchr(buf, '\n');
    if (!sp || !nl)
        return false;
    *nl = '\0';
    pid = strtol(buf, NULL, 10);
    return !strcmp(sp + 1, host) && !process_alive(pid);
}

static void remove_stale_stagings(const nps_report_folder *f)
{
    int fd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int dup_fd = fd >= 0 ? dup(fd) : -1;
    DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    struct dirent *e;
    names doomed = {0};
    if (!d && dup_fd >= 0)
        close(dup_fd);
    while (d && (e = readdir(d)) != NULL)
        if (stale_staging(fd, e->d_name) && names_add(&doomed, e->d_name, strlen(e->d_name)) != NPS_OK)
            break;
    if (d)
        closedir(d);
    for (size_t i = 0; i < doomed.n; i++)
        nps_remove_tree_at(fd, doomed.at[i].path, 3);
    if (fd >= 0)
        close(fd);
    names_free(&doomed);
}

static nps_error take_lock(nps_report_folder *f, nps_diag *diag)
{
    char *path = nps_path_join(f->state, "lock");
    nps_error err = NPS_OK;
    if (!path)
        return nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
    if (mkdir(f->state, 0755) != 0 && errno != EEXIST)
        err = nps_diag_set(diag, NPS_ERR_IO, f->dir, 0, "cannot write in the output folder: %s", strerror(errno));
    else if ((f->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) < 0)
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot create the folder's lock: %s", strerror(errno));
    else if (flock(f->lock_fd, LOCK_EX | LOCK_NB) != 0 && errno != ENOLCK && errno != EINVAL &&
             errno != EOPNOTSUPP) { /* a file system without locks: go on unlocked */
        if (errno == EWOULDBLOCK)
            err = nps_diag_set(diag, NPS_ERR_IO, f->dir, 0, "another npo-survey report is writing into this folder");
        else
            err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot lock the folder: %s", strerror(errno));
        nps_diag_hint(diag, "wait for it to finish, or choose another folder with -o DIR");
    }
    nps_free(path);
    return err;
}

nps_error nps_report_folder_open(const char *dir, nps_report_folder **out, nps_diag *diag)
{
    nps_report_folder *f = nps_calloc(1, sizeof *f);
    struct stat st;
    char staging[64];
    nps_error err = NPS_OK;
    *out = NULL;
    if (!f || !(f->dir = nps_strdup(dir)) || !(f->state = nps_path_join(dir, STATE_DIR))) {
        err = nps_diag_set(diag, NPS_ERR_NOMEM, dir, 0, "out of memory");
        goto cleanup;
    }
    f->lock_fd = -1;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        err = nps_diag_set(diag, NPS_ERR_IO, dir, 0, "the output folder is a file");
        nps_diag_hint(diag, "choose another folder with -o DIR");
        goto cleanup;
    }
    if (nps_cli_make_dirs(dir) != 0) {
        err = nps_diag_set(diag, NPS_ERR_IO, dir, 0, "cannot create the output folder: %s", strerror(errno));
        nps_diag_hint(diag, "choose a folder you can write to with -o DIR");
        goto cleanup;
    }
    if ((err = take_lock(f, diag)) != NPS_OK)
        goto cleanup;
    nps_signals_hold(); /* a signal waits until the folder is consistent */
    err = journal_staging(f, staging, sizeof staging, diag);
    if (err == NPS_OK && staging[0]) {
        char *s = nps_path_join(dir, staging);
        err = s ? complete_journal(f, s, diag) : nps_diag_set(diag, NPS_ERR_NOMEM, dir, 0, "out of memory");
        nps_free(s);
    }
    if (err == NPS_OK)
        remove_stale_stagings(f);
    nps_signals_release();
cleanup:
    if (err != NPS_OK)
        nps_report_folder_close(f);
    else
        *out = f;
    return err;
}

nps_error nps_report_folder_stage(nps_report_folder *f, const char **staging, nps_diag *diag)
{
    char *tmpl = nps_path_join(f->dir, STAGING_PREFIX "XXXXXX"), host[256] = "";
    nps_strbuf pid = {0};
    nps_error err = NPS_OK;
    if (!tmpl)
        return nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
    nps_signals_hold();
    if (!mkdtemp(tmpl)) {
        err = nps_diag_set(diag, NPS_ERR_IO, f->dir, 0, "cannot write in the output folder: %s", strerror(errno));
        nps_diag_hint(diag, "check its permissions or choose another with -o DIR");
        nps_free(tmpl);
        tmpl = NULL;
    }
    f->staging = tmpl;
    if (err == NPS_OK && (err = nps_signals_watch(tmpl)) != NPS_OK)
        nps_diag_set(diag, err, f->dir, 0, "out of memory");
    nps_signals_release();
    gethostname(host, sizeof host - 1);
    nps_strbuf_addf(&pid, "%ld %s\n", (long)getpid(), host);
    if (err == NPS_OK) {
        char *p = nps_path_join(tmpl, "pid");
        int fd = p ? open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644) : -1;
        if (fd < 0 || pid.failed || write_all_fd(fd, nps_strbuf_get(&pid), pid.len) != NPS_OK)
            err = nps_diag_set(diag, NPS_ERR_IO, p ? p : f->dir, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        nps_free(p);
    }
    if (err == NPS_OK && (err = make_dir_at(tmpl, "charts")) != NPS_OK)
        nps_diag_set(diag, err, tmpl, 0, "cannot create charts/: %s", strerror(errno));
    nps_strbuf_free(&pid);
    *staging = f->staging;
    return err;
}

/* ------------------------------------------------------------ publish */

/* report.pdf, report.xlsx, the optional outputs that were written and the
 * regular files of staging/charts/. */
static nps_error staged_outputs(const nps_report_folder *f, names *out, nps_diag *diag)
{
    char *charts = nps_path_join(f->staging, "charts");
    DIR *d = charts ? opendir(charts) : NULL;
    struct dirent *e;
    nps_error err = charts ? NPS_OK : NPS_ERR_NOMEM;
    if (err == NPS_OK && !d)
        err = nps_diag_set(diag, NPS_ERR_IO, charts, 0, "cannot read: %s", strerror(errno));
    if (err == NPS_OK)
        err = names_add(out, "report.pdf", 10);
    if (err == NPS_OK)
        err = names_add(out, "report.xlsx", 11);
    for (size_t i = 0; err == NPS_OK && i < N_OPTIONAL; i++) {
        char *p = nps_path_join(f->staging, optional_outputs[i]);
        if (!p)
            err = NPS_ERR_NOMEM;
        else if (access(p, F_OK) == 0)
            err = names_add(out, optional_outputs[i], strlen(optional_outputs[i]));
        nps_free(p);
    }
    while (err == NPS_OK && d && (e = readdir(d)) != NULL) {
        nps_strbuf b = {0};
        if (e->d_name[0] == '.')
            continue;
        nps_strbuf_addf(&b, "charts/%s", e->d_name);
        err = b.failed ? NPS_ERR_NOMEM : names_add(out, b.s, b.len);
        nps_strbuf_free(&b);
    }
    if (d)
        closedir(d);
    for (size_t i = 0; err == NPS_OK && i < out->n; i++) {
        char *p = where_path(f, f->staging, STAGED, out->at[i].path);
        if (!p || !(out->at[i].sum = file_sum(p)))
            err = p ? nps_diag_set(diag, NPS_ERR_IO, p, 0, "cannot read: %s", strerror(errno)) : NPS_ERR_NOMEM;
        nps_free(p);
    }
    if (err == NPS_ERR_NOMEM)
        nps_diag_set(diag, err, f->dir, 0, "out of memory");
    if (out->n > 1)
        qsort(out->at, out->n, sizeof *out->at, compare_names);
    nps_free(charts);
    return err;
}

/* A name the new report takes that holds something the tool did not
 * write (not in the manifest, or not a regular file). */
static nps_error check_conflicts(const nps_report_folder *f, const names *fresh, const names *owned, nps_diag *diag)
{
    struct stat st;
    nps_error err = NPS_OK;
    char *charts = nps_path_join(f->dir, "charts");
    if (!charts)
        return nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
    if (lstat(charts, &st) == 0 && !S_ISDIR(st.st_mode))
        err = nps_diag_set(diag, NPS_ERR_IO, charts, 0, "is not a folder, and the report writes its charts there");
    for (size_t i = 0; err == NPS_OK && i < fresh->n; i++) {
        char *p = where_path(f, NULL, IN_DIR, fresh->at[i].path);
        if (!p)
            err = nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
        else if (lstat(p, &st) == 0) {
            const entry *mine = S_ISREG(st.st_mode) ? names_find(owned, fresh->at[i].path) : NULL;
            char *sum = mine ? file_sum(p) : NULL;
            if (mine && !sum && errno == ENOMEM)
                err = nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
            else if (!mine)
                err = nps_diag_set(diag, NPS_ERR_IO, p, 0,
                                   "already exists and npo-survey did not write it: the report would replace it");
            else if (!sum || !mine->sum || strcmp(sum, mine->sum) != 0)
                err = nps_diag_set(diag, NPS_ERR_IO, p, 0,
                                   "was changed since npo-survey wrote it: the report would replace it");
            nps_free(sum);
        }
        nps_free(p);
    }
    if (err == NPS_ERR_IO)
        nps_diag_hint(diag, "move it away, or choose another folder with -o DIR");
    nps_free(charts);
    return err;
}

static nps_error write_journal(const nps_report_folder *f, const names *fresh, const names *gone, nps_diag *diag)
{
    nps_strbuf j = {0};
    const char *name = strrchr(f->staging, '/') + 1;
    nps_error err;
    nps_strbuf_addf(&j, "%sstaging %s\n", JOURNAL_HEAD, name);
    for (size_t i = 0; i < fresh->n; i++)
        nps_strbuf_addf(&j, "new %s %s\n", fresh->at[i].sum, fresh->at[i].path);
    for (size_t i = 0; i < gone->n; i++)
        nps_strbuf_addf(&j, "old %s\n", gone->at[i].path);
    err = j.failed ? nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory")
                   : write_state_file(f, "journal", nps_strbuf_get(&j), diag);
    nps_strbuf_free(&j);
    return err;
}

/* Everything steps (4)–(6) touch, named before the journal is written:
 * from there on publishing allocates nothing, so running out of memory can
 * neither stop it half way nor keep it from undoing what it did. Entry i
 * < n_fresh is a new output, the rest are files of the last report that go. */
typedef struct plan {
    size_t n, n_fresh;
    char **in_dir, **staged, **aside; /* DIR/p, staging/p, staging/old/p */
    unsigned char *state;             /* 1 = earlier moved aside, 2 = new placed */
    char *manifest, *manifest_tmp, *journal;
} plan;

static void plan_free(plan *pl)
{
    for (size_t i = 0; i < pl->n; i++) {
        if (pl->in_dir)
            nps_free(pl->in_dir[i]);
        if (pl->staged)
            nps_free(pl->staged[i]);
        if (pl->aside)
            nps_free(pl->aside[i]);
    }
    nps_free(pl->in_dir);
    nps_free(pl->staged);
    nps_free(pl->aside);
    nps_free(pl->state);
    nps_free(pl->manifest);
    nps_free(pl->manifest_tmp);
    nps_free(pl->journal);
    memset(pl, 0, sizeof *pl);
}

static nps_error plan_make(const nps_report_folder *f, const names *fresh, const names *gone, plan *pl)
{
    size_t n = fresh->n + gone->n, slots = n ? n : 1;
    memset(pl, 0, sizeof *pl);
    pl->n_fresh = fresh->n;
    pl->in_dir = nps_calloc(slots, sizeof *pl->in_dir);
    pl->staged = nps_calloc(slots, sizeof *pl->staged);
    pl->aside = nps_calloc(slots, sizeof *pl->aside);
    pl->state = nps_calloc(slots, 1);
    if (!pl->in_dir || !pl->staged || !pl->aside || !pl->state)
        return NPS_ERR_NOMEM;
    pl->n = n;
    for (size_t i = 0; i < n; i++) {
        const char *p = i < fresh->n ? fresh->at[i].path : gone->at[i - fresh->n].path;
        pl->in_dir[i] = where_path(f, f->staging, IN_DIR, p);
        pl->staged[i] = where_path(f, f->staging, STAGED, p);
        pl->aside[i] = where_path(f, f->staging, ASIDE, p);
        if (!pl->in_dir[i] || !pl->staged[i] || !pl->aside[i])
            return NPS_ERR_NOMEM;
    }
    if (state_paths(f, "manifest", &pl->manifest, &pl->manifest_tmp) != NPS_OK ||
        !(pl->journal = nps_path_join(f->state, "journal")))
        return NPS_ERR_NOMEM;
    return NPS_OK;
}

static int rename_errno(const char *from, const char *to)
{
    return rename(from, to) == 0 ? 0 : errno;
}

/* The path a message names: relative to DIR. */
static const char *plan_name(const nps_report_folder *f, const plan *pl, size_t i)
{
    return pl->in_dir[i] + strlen(f->dir) + 1;
}

/* Step (4): every earlier output aside, every new one into place. */
static nps_error apply(nps_report_folder *f, plan *pl, nps_diag *diag)
{
    nps_error err = NPS_OK;
    int e = 0;
    if ((err = make_dir_at(f->dir, "charts")) != NPS_OK || (err = make_dir_at(f->staging, "old")) != NPS_OK ||
        (err = make_dir_at(f->staging, "old/charts")) != NPS_OK) {
        e = errno;
        return nps_diag_set(diag, err, f->dir, 0, "cannot create a folder for the report: %s", strerror(e));
    }
    for (size_t i = 0; err == NPS_OK && i < pl->n; i++) {
        if ((e = rename_errno(pl->in_dir[i], pl->aside[i])) == 0)
            pl->state[i] |= 1;
        else if (e != ENOENT)
            err = NPS_ERR_IO;
        if (err == NPS_OK && i < pl->n_fresh && (e = rename_errno(pl->staged[i], pl->in_dir[i])) != 0)
            err = NPS_ERR_IO;
        if (err == NPS_OK && i < pl->n_fresh)
            pl->state[i] |= 2;
        if (err != NPS_OK)
            nps_diag_set(diag, err, f->dir, 0, "cannot move %s into place: %s", plan_name(f, pl, i), strerror(e));
    }
    return err;
}

/* Every rename apply() did, undone latest first: false when one failed. */
static bool undo(plan *pl)
{
    bool ok = true;
    for (size_t k = pl->n; k-- > 0;) {
        if ((pl->state[k] & 2) && rename(pl->in_dir[k], pl->staged[k]) != 0)
            ok = false;
        if ((pl->state[k] & 1) && rename(pl->aside[k], pl->in_dir[k]) != 0)
            ok = false;
        pl->state[k] = 0;
    }
    return ok;
}

/* A file of the last report is still as the tool wrote it (else it is the
 * user's now, and stays). */
static bool unchanged(const nps_report_folder *f, const entry *e)
{
    char *p = where_path(f, NULL, IN_DIR, e->path), *sum = p ? file_sum(p) : NULL;
    bool same = sum && e->sum && !strcmp(sum, e->sum);
    nps_free(sum);
    nps_free(p);
    return same;
}

nps_error nps_report_folder_publish(nps_report_folder *f, nps_diag *diag)
{
    names fresh = {0}, owned = {0}, gone = {0};
    nps_strbuf manifest = {0};
    plan pl = {0};
    bool undo_failed = false, journaled = false;
    nps_error err = staged_outputs(f, &fresh, diag);
    if (err == NPS_OK)
        err = read_list(f, "manifest", "file", &owned, diag);
    if (err == NPS_OK)
        err = check_conflicts(f, &fresh, &owned, diag);
    for (size_t i = 0; err == NPS_OK && i < owned.n; i++)
        if (!names_has(&fresh, owned.at[i].path) && unchanged(f, &owned.at[i]) &&
            names_add(&gone, owned.at[i].path, strlen(owned.at[i].path)) != NPS_OK)
            err = nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
    nps_strbuf_add(&manifest, MANIFEST_HEAD);
    for (size_t i = 0; i < fresh.n; i++)
        nps_strbuf_addf(&manifest, "file %s %s\n", fresh.at[i].sum ? fresh.at[i].sum : "0 0", fresh.at[i].path);
    if (err == NPS_OK && (manifest.failed || plan_make(f, &fresh, &gone, &pl) != NPS_OK))
        err = nps_diag_set(diag, NPS_ERR_NOMEM, f->dir, 0, "out of memory");
    nps_signals_hold(); /* a signal now waits for the publish to end */
    /* From the journal on nothing allocates (plan). */
    if (err == NPS_OK && (err = write_journal(f, &fresh, &gone, diag)) == NPS_OK)
        journaled = true;
    if (err == NPS_OK && (err = apply(f, &pl, diag)) != NPS_OK)
        undo_failed = !undo(&pl);
    if (err == NPS_OK && (err = write_state_at(f, pl.manifest, pl.manifest_tmp, nps_strbuf_get(&manifest), diag)) != NPS_OK)
        undo_failed = !undo(&pl);
    if (journaled && !undo_failed)
        unlink(pl.journal);
    if (undo_failed) {
        nps_diag_hint(diag, "the next report into this folder completes it; until then look in %s", f->staging);
        nps_free(f->staging); /* keep it: it holds outputs the folder needs */
        f->staging = NULL;
        nps_signals_watch(NULL);
    } else if (err == NPS_OK) {
        nps_signals_published();
        nps_remove_tree_at(AT_FDCWD, f->staging, 3);
        nps_free(f->staging);
        f->staging = NULL;
        nps_signals_watch(NULL);
    }
    nps_signals_release();
    plan_free(&pl);
    nps_strbuf_free(&manifest);
    names_free(&fresh);
    names_free(&owned);
    names_free(&gone);
    return err;
}

void nps_report_folder_close(nps_report_folder *f)
{
    if (!f)
        return;
    nps_signals_hold();
    if (f->staging)
        nps_remove_tree_at(AT_FDCWD, f->staging, 3);
    nps_signals_watch(NULL);
    nps_signals_release();
    if (f->lock_fd >= 0)
        close(f->lock_fd);
    nps_free(f->staging);
    nps_free(f->state);
    nps_free(f->dir);
    nps_free(f);
}

/* ------------------------------------------------------------ paths */

char *nps_cli_output_dir(const nps_cli_args *a, const char *suffix)
{
    return a->output_dir ? nps_strdup(a->output_dir) : nps_cli_default_dir(a->export_path, suffix);
}
