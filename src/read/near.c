/*
 * near.c — a choice answer that matches no option label but is one slip
 * away from exactly one of them (docs/annual-cycle.md, "Near misses"): the
 * same after folding look-alike characters (〜/～/~, −/－/ー/‐/–/—/― and
 * the hyphen), or — for labels of 4 or more characters — one character
 * inserted, dropped or changed (a missing ）, one edited kanji). Such an
 * answer is counted as that option and the caller logs a finding; two or
 * more near options mean no near miss.
 *
 * Keys are NFKC without white space (base/text.h). Works on the cells that
 * matched nothing, so plain loops suffice; the labels' folded keys can be
 * made once per list (nps_near_labels: the matcher's memo keeps them, as a
 * write-in is checked on every row it appears in). nps_near_option owns
 * nothing beyond a call; a nps_near_labels owns its points.
 */
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "read/drift.h"
#include "read/near.h"

#define POINTS 256     /* code points compared */
#define EDIT_MIN 4     /* shorter labels must match after folding alone */

static unsigned fold(unsigned c)
{
    switch (c) {
    case 0x301C: case 0xFF5E: case 0x2053:
        return '~';
    case 0x2212: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x30FC: case 0xFF70: case 0xFE63:
        return '-';
    default:
        return c;
    }
}

static size_t folded_points(const char *key, unsigned *cp)
{
    size_t n = nps_drift_code_points(key, cp, POINTS);
    for (size_t i = 0; i < n; i++)
        cp[i] = fold(cp[i]);
    return n;
}

/* a[0..n) and b[0..m) equal, or one insertion, deletion or substitution apart. */
static bool within_one_edit(const unsigned *a, size_t n, const unsigned *b, size_t m)
{
    size_t i = 0;
    if (n > m + 1 || m > n + 1)
        return false;
    while (i < n && i < m && a[i] == b[i])
        i++;
    if (i == n || i == m)
        return true; /* one is the other plus at most one point at the end */
    if (n == m)
        return memcmp(a + i + 1, b + i + 1, (n - i - 1) * sizeof *a) == 0;
    if (n > m)
        return memcmp(a + i + 1, b + i, (m - i) * sizeof *a) == 0;
    return memcmp(a + i, b + i + 1, (n - i) * sizeof *a) == 0;
}

static bool near(const unsigned *a, size_t n, const unsigned *b, size_t m)
{
    if (n == m && memcmp(a, b, n * sizeof *a) == 0)
        return true;
    return n >= EDIT_MIN && m >= EDIT_MIN && within_one_edit(a, n, b, m);
}

/* The folded points of text[0..len)'s key into a[]; their number, or
 * (size_t)-1 when out of memory. */
static size_t text_points(const char *text, size_t len, unsigned *a)
{
    char *key = nps_text_key(text, len);
    size_t n;
    if (!key)
        return (size_t)-1;
    n = folded_points(key, a);
    nps_free(key);
    return n;
}

int nps_near_option(const nps_list *list, const char *text, size_t len)
{
    unsigned a[POINTS], b[POINTS];
    size_t n = text_points(text, len, a);
    int found = 0, hits = 0;
    if (n == (size_t)-1)
        return -1;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < list->n_options && hits < 2; i++) {
        size_t m = text_points(list->options[i].label, strlen(list->options[i].label), b);
        if (m == (size_t)-1)
            return -1;
        if (near(a, n, b, m)) {
            found = (int)i + 1;
            hits++;
        }
    }
    return hits == 1 ? found : 0;
}

struct nps_near_labels {
    size_t n;            /* options */
    unsigned **points;   /* folded points of each label's key */
    size_t *lens;
};

nps_error nps_near_labels_new(const nps_list *list, nps_near_labels **out)
{
    unsigned b[POINTS];
    nps_near_labels *l = nps_calloc(1, sizeof *l);
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    if (!l || !(l->points = nps_calloc(list->n_options ? list->n_options : 1, sizeof *l->points)) ||
        !(l->lens = nps_calloc(list->n_options ? list->n_options : 1, sizeof *l->lens)))
        goto cleanup;
    for (l->n = 0; l->n < list->n_options; l->n++) {
        size_t m = text_points(list->options[l->n].label, strlen(list->options[l->n].label), b);
        if (m == (size_t)-1 || !(l->points[l->n] = nps_malloc(m ? m * sizeof *b : 1)))
            goto cleanup;
        memcpy(l->points[l->n], b, m * sizeof *b);
        l->lens[l->n] = m;
    }
    *out = l;
    l = NULL;
    err = NPS_OK;
cleanup:
    nps_near_labels_free(l);
    return err;
}

int nps_near_option_in(const nps_near_labels *labels, const char *text, size_t len)
{
    unsigned a[POINTS];
    size_t n = text_points(text, len, a);
    int found = 0, hits = 0;
    if (n == (size_t)-1)
        return -1;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < labels->n && hits < 2; i++)
        if (near(a, n, labels->points[i], labels->lens[i])) {
            found = (int)i + 1;
            hits++;
        }
    return hits == 1 ? found : 0;
}

void nps_near_labels_free(nps_near_labels *labels)
{
    if (!labels)
        return;
    for (size_t i = 0; labels->points && i < labels->n; i++)
        nps_free(labels->points[i]);
    nps_free(labels->points);
    nps_free(labels->lens);
    nps_free(labels);
}
