/*
 * near_memo.c — near misses (read/near.h) remembered per distinct text.
 *
 * A write-in that matches no label is checked for a near miss on every row
 * it appears in, and exports repeat their write-ins many times over (the
 * same "その他：…" on hundreds of rows). The memo keeps each distinct
 * text's answer: an open-addressing hash of the text bytes (doubled when
 * half full), the texts copied into one growing arena. Bounded: at most MEMO_MAX entries and
 * MEMO_BYTES bytes of text; beyond that (and when an allocation fails)
 * texts not yet held are computed every time. The list's labels are made
 * ready once (nps_near_labels), not on every text. Answers are those of
 * nps_near_option for the same bytes, so a memo changes nothing but time.
 *
 * Ownership: the memo owns its table and arena; it borrows nothing (the
 * list is passed with each call and must be the same list every time).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "base/alloc.h"
#include "read/near.h"
#include "read/near_memo.h"

#define MEMO_MAX 4096                 /* entries */
#define MEMO_SLOTS_MIN 64             /* slots: a power of two, at most half full */
#define MEMO_BYTES ((size_t)1 << 20)  /* text held, in bytes */

typedef struct memo_entry {
    uint64_t hash;
    size_t at, len;  /* the text: arena[at .. at+len) */
    int answer;
} memo_entry;

struct nps_near_memo {
    nps_near_labels *labels; /* the list's labels, made ready on first use; NULL if that failed */
    bool labels_failed;
    uint32_t *slots;    /* 1 + entry index, 0 = empty; n_slots of them */
    size_t n_slots;
    memo_entry *entries;
    size_t n, cap;
    char *arena;
    size_t used, arena_cap;
};

/* FNV-1a over every byte, then mixed: texts differing anywhere differ here. */
static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3u;
    h ^= h >> 32;
    return h * 0xD6E8FEB86659FD93u;
}

/* The slot holding text[0..len) or the empty slot where it would go. */
static size_t find_slot(const nps_near_memo *m, uint64_t h, const char *text, size_t len)
{
    size_t mask = m->n_slots - 1, i = (size_t)(h >> 7) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t e = m->slots[i];
        if (e == 0)
            return i;
        const memo_entry *x = &m->entries[e - 1];
        if (x->hash == h && x->len == len && memcmp(m->arena + x->at, text, len) == 0)
            return i;
    }
}

/* Twice the slots (or the first ones), the entries placed again; false
 * when out of memory (the memo is then left as it was). */
static bool more_slots(nps_near_memo *m)
{
    size_t n = m->n_slots ? 2 * m->n_slots : MEMO_SLOTS_MIN;
    uint32_t *slots = nps_calloc(n, sizeof *slots), *old = m->slots;
    if (!slots)
        return false;
    m->slots = slots;
    m->n_slots = n;
    for (size_t e = 0; e < m->n; e++) {
        size_t i = (size_t)(m->entries[e].hash >> 7) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)(e + 1);
    }
    nps_free(old);
    return true;
}

/* Remember text's answer, if there is room. */
static void remember(nps_near_memo *m, uint64_t h, const char *text, size_t len, int answer)
{
    if (m->n >= MEMO_MAX || len > MEMO_BYTES - m->used)
        return;
    if ((2 * (m->n + 1) > m->n_slots && !more_slots(m)) ||
        nps_grow((void **)&m->entries, &m->cap, m->n + 1, sizeof *m->entries, 16) != 0 ||
        nps_grow((void **)&m->arena, &m->arena_cap, m->used + len + 1, 1, 1024) != 0)
        return;
    memcpy(m->arena + m->used, text, len);
    m->entries[m->n] = (memo_entry){h, m->used, len, answer};
    m->used += len;
    m->slots[find_slot(m, h, text, len)] = (uint32_t)++m->n;
}

int nps_near_memo_option(nps_near_memo **memo, const nps_list *list, const char *text, size_t len)
{
    nps_near_memo *m = *memo;
    uint64_t h;
    int answer;
    if (!m && (m = *memo = nps_calloc(1, sizeof *m)) == NULL)
        return nps_near_option(list, text, len);
    h = text_hash(text, len);
    if (m->n_slots) {
        uint32_t e = m->slots[find_slot(m, h, text, len)];
        if (e)
            return m->entries[e - 1].answer;
    }
    if (!m->labels && !m->labels_failed)
        m->labels_failed = nps_near_labels_new(list, &m->labels) != NPS_OK;
    answer = m->labels ? nps_near_option_in(m->labels, text, len) : nps_near_option(list, text, len);
    if (answer >= 0)
        remember(m, h, text, len, answer);
    return answer;
}

size_t nps_near_memo_count(const nps_near_memo *memo)
{
    return memo ? memo->n : 0;
}

void nps_near_memo_free(nps_near_memo *memo)
{
    if (!memo)
        return;
    nps_near_labels_free(memo->labels);
    nps_free(memo->slots);
    nps_free(memo->entries);
    nps_free(memo->arena);
    nps_free(memo);
}
