/*
 * free_texts_ahead.c — nps_free_texts_mask_ahead (themes.h): every distinct
 * free text that the theme and free-text listings will quote, masked before
 * they are built, on two cores (docs/benchmarks.md, docs/determinism.md).
 *
 * The texts are collected in listing order (theme questions, then the
 * free-text questions with their write-ins), each distinct text once; the
 * first half of their bytes is masked on the calling thread, the second on
 * a thread of its own (from AHEAD_MIN_TEXTS texts; not with
 * NPS_RENDER_THREADS=1 nor in allocation-failure builds). Each text's
 * masked form depends on the text and the masker only (the masker is read,
 * never written), and the results enter the shared memo in collection
 * order after both threads end: the memo, and so every output, is the same
 * as with masking one by one.
 *
 * Ownership: the collection's arrays are freed before returning; every
 * masked text is the memo's (also on failure, through its put).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/themes.h"
#include "analyse/themes_private.h"

/* The distinct texts of the listings, masked by two threads into a shared
 * memo before the listings are built (docs/benchmarks.md). Each text's
 * masked form depends on the text and the masker only, and the memo is
 * filled in collection order after both threads end, so the result is the
 * same bytes as masking one text after the other. */
typedef struct ahead {
    const char **raw;        /* borrowed from the dataset */
    size_t *len;
    char **masked;           /* NULL: blank (or not yet masked) */
    size_t n, cap, bytes;
    nps_text_memo *seen;     /* raw → NULL: distinct texts so far */
} ahead;

typedef struct ahead_job {
    const nps_masker *m;
    ahead *a;
    size_t from, to;
    nps_error err;
} ahead_job;

/* Below this many distinct texts a second thread is not worth starting. */
#define AHEAD_MIN_TEXTS 512

static nps_error ahead_add(ahead *a, const char *raw)
{
    size_t len = strlen(raw);
    bool found;
    nps_text_memo_get(a->seen, raw, len, &found);
    if (found)
        return NPS_OK;
    if (nps_text_memo_put(a->seen, raw, len, NULL) != NPS_OK ||
        nps_grow((void **)&a->raw, &a->cap, a->n + 1, sizeof *a->raw, 256) != NPS_OK)
        return NPS_ERR_NOMEM;
    a->raw[a->n++] = raw;
    a->bytes += len;
    return NPS_OK;
}

/* The texts of the fields a listing of `list` would take. */
static nps_error ahead_collect(ahead *a, const nps_dataset *d, const nps_number_list *list, bool write_ins)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    for (size_t i = 0; i < list->n; i++) {
        const nps_question *qu = nps_questionnaire_question(q, list->numbers[i]);
        for (size_t k = 0; qu && k < qu->n_fields; k++) {
            if (!nps_themes_field_listed(qu->fields[k], write_ins))
                continue;
            for (size_t r = 0; r < nps_dataset_count(d); r++) {
                const char *raw = nps_dataset_text(d, r, qu->fields[k]);
                nps_error err = raw ? ahead_add(a, raw) : NPS_OK;
                if (err != NPS_OK)
                    return err;
            }
        }
    }
    return NPS_OK;
}

static void *ahead_main(void *arg)
{
    ahead_job *j = arg;
    for (size_t i = j->from; i < j->to && j->err == NPS_OK; i++) {
        bool blank = false;
        j->err = nps_themes_mask_one(j->m, j->a->raw[i], j->a->len[i], &j->a->masked[i], &blank);
        if (j->err == NPS_OK && blank) {
            nps_free(j->a->masked[i]);
            j->a->masked[i] = NULL;
        }
    }
    return NULL;
}

/* Whether a second thread masks half of the texts: not for a few, not with
 * NPS_RENDER_THREADS=1 (the whole report on one thread, docs/benchmarks.md),
 * never in allocation-failure builds (whose injected failures must fall at
 * the same allocation every run). */
static bool second_thread_wanted(const ahead *a)
{
#ifdef NPS_FAILALLOC
    (void)a;
    return false;
#else
    const char *env = getenv("NPS_RENDER_THREADS");
    return a->n >= AHEAD_MIN_TEXTS && !(env && *env && strtol(env, NULL, 10) == 1);
#endif
}

/* Mask texts [0, n): the second half (by bytes) on a thread of its own. */
static nps_error ahead_mask(ahead *a, const nps_masker *m)
{
    ahead_job first = {m, a, 0, a->n, NPS_OK}, second = {m, a, a->n, a->n, NPS_OK};
    pthread_t thread;
    bool started = false;
    if (second_thread_wanted(a)) {
        size_t half = 0;
        for (size_t i = 0; i < a->n && half < a->bytes / 2; i++)
            half += a->len[i], first.to = i + 1;
        second.from = first.to;
        started = pthread_create(&thread, NULL, ahead_main, &second) == 0;
        if (!started)
            first.to = a->n;
    }
    ahead_main(&first);
    if (started)
        pthread_join(thread, NULL);
    return first.err != NPS_OK ? first.err : second.err;
}

nps_error nps_free_texts_mask_ahead(const nps_dataset *d, const nps_masker *m, nps_text_memo *memo)
{
    const nps_settings *set = nps_questionnaire_settings(nps_dataset_questionnaire(d));
    ahead a;
    nps_error err = NPS_ERR_NOMEM;
    memset(&a, 0, sizeof a);
    if (!(a.seen = nps_text_memo_new()))
        goto cleanup;
    if ((err = ahead_collect(&a, d, &set->theme_questions, false)) != NPS_OK ||
        (err = ahead_collect(&a, d, &set->free_text_questions, true)) != NPS_OK)
        goto cleanup;
    nps_text_memo_free(a.seen); /* not needed while masking: memory back first */
    a.seen = NULL;
    err = NPS_ERR_NOMEM;
    if (a.n && (!(a.len = nps_calloc(a.n, sizeof *a.len)) || !(a.masked = nps_calloc(a.n, sizeof *a.masked))))
        goto cleanup;
    for (size_t i = 0; i < a.n; i++)
        a.len[i] = strlen(a.raw[i]);
    if ((err = ahead_mask(&a, m)) != NPS_OK)
        goto cleanup;
    for (size_t i = 0; i < a.n && err == NPS_OK; i++) {
        err = nps_text_memo_put(memo, a.raw[i], a.len[i], a.masked[i]);
        a.masked[i] = NULL; /* the memo's now, also when the put failed */
    }
cleanup:
    for (size_t i = 0; a.masked && i < a.n; i++)
        nps_free(a.masked[i]);
    nps_free(a.masked);
    nps_free(a.len);
    nps_free(a.raw);
    nps_text_memo_free(a.seen);
    return err;
}
