/*
 * near.c — a choice answer that matches no option label but is one slip
 * away from exactly one of them (docs/annual-cycle.md, "Near misses"): the
 * same after folding look-alike characters (〜/～/~, −/－/ー/‐/–/—/― and
 * the hyphen), or — for labels of 4 or more characters — one character
 * inserted, dropped or changed (a missing ）, one edited kanji). Such an
 * answer is counted as that option and the caller logs a finding; two or
 * more near options mean no near miss.
 *
 * Keys are NFKC without white space (base/text.h). Works on the rare cells
 * that matched nothing, so plain loops suffice. Owns nothing beyond a call.
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

int nps_near_option(const nps_list *list, const char *text, size_t len)
{
    unsigned a[POINTS], b[POINTS];
    char *key = nps_text_key(text, len);
    size_t n;
    int found = 0, hits = 0;
    if (!key)
        return -1;
    n = folded_points(key, a);
    nps_free(key);
    if (n == 0)
        return 0;
    for (size_t i = 0; i < list->n_options && hits < 2; i++) {
        char *k = nps_text_key(list->options[i].label, strlen(list->options[i].label));
        if (!k)
            return -1;
        size_t m = folded_points(k, b);
        nps_free(k);
        if (near(a, n, b, m)) {
            found = (int)i + 1;
            hits++;
        }
    }
    return hits == 1 ? found : 0;
}
