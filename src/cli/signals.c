/*
 * signals.c — SIGINT, SIGTERM and SIGHUP during `npo-survey report` (see
 * signals.h and docs/report.md, "The report folder"). The signals are
 * blocked in every thread and taken by one sigwait() thread, which holds
 * `sig_mutex` while it removes the current staging folder, says whether the
 * report was already in place, and exits 128 + the signal. publish.c holds
 * the same mutex while it opens the folder and publishes, so a signal waits
 * for those steps to end.
 *
 * Ownership: the copy of the staging path the thread would remove belongs
 * to this file (nps_signals_watch replaces it).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include "publish.h"
#include "signals.h"
#include "base/alloc.h"

static pthread_mutex_t sig_mutex = PTHREAD_MUTEX_INITIALIZER;
static char *sig_staging;   /* removed on a signal; guarded by sig_mutex */
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
        nps_remove_tree_at(AT_FDCWD, sig_staging, 3);
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
    char *copy = staging ? nps_strdup(staging) : NULL;
    if (staging && !copy)
        return NPS_ERR_NOMEM;
    nps_free(sig_staging);
    sig_staging = copy;
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
