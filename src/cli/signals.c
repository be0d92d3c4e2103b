/*
 * signals.c — SIGINT, SIGTERM and SIGHUP during `npo-survey report` (see
 * signals.h and docs/report.md, "The report folder"). The signals are
 * blocked in every thread and taken by one sigwait() thread, which holds
 * `sig_mutex` while it moves the current staging folder aside and removes
 * it (move_aside: threads still writing cannot refill it), says whether the
 * report was already in place, and exits 128 + the signal. publish.c holds
 * the same mutex while it opens the folder and publishes, so a signal waits
 * for those steps to end.
 *
 * Ownership: the copy of the staging path the thread would remove belongs
 * to this file (nps_signals_watch replaces it).
 */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h> /* renameat2 */
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include "publish.h"
#include "signals.h"
#include "base/alloc.h"

static pthread_mutex_t sig_mutex = PTHREAD_MUTEX_INITIALIZER;
static char *sig_staging;   /* removed on a signal; guarded by sig_mutex */
static char *sig_tomb;      /* a same-length buffer for the name it is moved to first */
static bool sig_published;  /* the new report is in place; guarded by sig_mutex */
static pthread_t sig_thread;
static bool sig_running;

static void signal_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

/* Rename the staging folder before removing it: the threads still writing
 * the report create their files by paths through the folder's name, so
 * once it is gone from that name no new file can appear in it while it is
 * emptied (they fail instead, and the process exits before they report).
 * The new name differs in its random part only, so a folder a failed
 * removal leaves is still recognised as a stale staging folder. No
 * allocation: sig_tomb was made by nps_signals_watch. */
static bool move_aside(void)
{
    size_t n = sig_tomb ? strlen(sig_tomb) : 0;
    for (int k = 1; n >= 6 && k <= 8; k++) {
        for (size_t i = n - 6; i < n; i++) {
            char c = sig_staging[i];
            sig_tomb[i] = c >= 'a' && c <= 'z' ? (char)('a' + (c - 'a' + k) % 26)
                        : c >= 'A' && c <= 'Z' ? (char)('A' + (c - 'A' + k) % 26)
                        : c >= '0' && c <= '9' ? (char)('0' + (c - '0' + k) % 10)
                                               : c;
        }
        if (renameat2(AT_FDCWD, sig_staging, AT_FDCWD, sig_tomb, RENAME_NOREPLACE) == 0)
            return true;
    }
    return false;
}

static void *signal_main(void *unused)
{
    static const char before[] = "npo-survey: interrupted: no report written, the folder is as it was\n";
    static const char after[] = "npo-survey: interrupted after the report was written\n";
    sigset_t set;
    int sig = 0;
    ssize_t k;
    (void)unused;
    signal_set(&set);
    while (sigwait(&set, &sig) != 0)
        ;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    pthread_mutex_lock(&sig_mutex);
    if (sig_staging)
        nps_remove_tree_at(AT_FDCWD, move_aside() ? sig_tomb : sig_staging, 3);
    if (sig_published)
        k = write(STDERR_FILENO, after, sizeof after - 1);
    else
        k = write(STDERR_FILENO, before, sizeof before - 1);
    (void)k; /* nothing left to tell when stderr is gone */
    _exit(128 + sig);
    return NULL;
}

void nps_report_signals_start(void)
{
    sigset_t set;
    signal_set(&set);
    if (sig_running || pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
        return;
    sig_running = pthread_create(&sig_thread, NULL, signal_main, NULL) == 0;
    if (!sig_running)
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void nps_report_signals_stop(void)
{
    if (!sig_running)
        return;
    pthread_cancel(sig_thread);
    pthread_join(sig_thread, NULL);
    sig_running = false;
}

/* The staging folder the signal thread removes (NULL: none). The caller
 * holds sig_mutex. */
nps_error nps_signals_watch(const char *staging)
{
    char *copy = staging ? nps_strdup(staging) : NULL, *tomb = staging ? nps_strdup(staging) : NULL;
    if (staging && (!copy || !tomb)) {
        nps_free(copy);
        nps_free(tomb);
        return NPS_ERR_NOMEM;
    }
    nps_free(sig_staging);
    nps_free(sig_tomb);
    sig_staging = copy;
    sig_tomb = tomb;
    return NPS_OK;
}

/* Remove a folder of the tool's own (staging): its files, sub-folders up to
 * `depth` levels, then the folder. Symbolic links are removed, never
 * followed. No allocation: safe on the signal thread. The file `pid` goes
 * last, so a folder a race left behind is still recognised as stale. */
void nps_remove_tree_at(int parent, const char *name, int depth)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d;
    struct dirent *e;
    if (fd < 0)
        return;
    for (int pass = 0; pass < 3; pass++) {
        int dup_fd = dup(fd);
        if (dup_fd < 0 || !(d = fdopendir(dup_fd))) {
            if (dup_fd >= 0)
                close(dup_fd);
            break;
        }
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "pid"))
                continue;
            if (unlinkat(fd, e->d_name, 0) != 0 && (errno == EISDIR || errno == EPERM) && depth > 0)
                nps_remove_tree_at(fd, e->d_name, depth - 1);
        }
        closedir(d);
        unlinkat(fd, "pid", 0);
        if (unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno != ENOTEMPTY)
            break;
    }
    close(fd);
}

void nps_signals_hold(void)
{
    pthread_mutex_lock(&sig_mutex);
}

void nps_signals_release(void)
{
    pthread_mutex_unlock(&sig_mutex);
}

void nps_signals_published(void)
{
    sig_published = true;
}
