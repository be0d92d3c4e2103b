/*
 * test_text_memo.c — the memo of analyse/text_memo.h: keys by their bytes
 * (not their pointers, not a prefix), a stored NULL value is found, values
 * survive growth past thousands of keys.
 */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "base/alloc.h"
#include "analyse/text_memo.h"

TEST(keys_by_bytes)
{
    nps_text_memo *m = nps_text_memo_new();
    char a[] = "特になし", b[] = "特になし", c[] = "特になしです";
    bool found = true;
    CHECK(m != NULL);
    CHECK(nps_text_memo_get(m, a, strlen(a), &found) == NULL);
    CHECK(!found);
    CHECK_INT(nps_text_memo_put(m, a, strlen(a), nps_strdup("masked")), NPS_OK);
    CHECK_STR(nps_text_memo_get(m, b, strlen(b), &found), "masked"); /* another pointer, same bytes */
    CHECK(found);
    CHECK(nps_text_memo_get(m, c, strlen(c), &found) == NULL);         /* longer text */
    CHECK(!found);
    CHECK(nps_text_memo_get(m, c, 6, &found) == NULL);                 /* a prefix */
    CHECK(!found);
    CHECK_INT(nps_text_memo_put(m, c, strlen(c), NULL), NPS_OK);        /* blank: NULL stored */
    CHECK(nps_text_memo_get(m, c, strlen(c), &found) == NULL);
    CHECK(found);
    nps_text_memo_free(m);
}

TEST(grows_and_keeps_values)
{
    enum { N = 5000 };
    static char keys[N][16];
    nps_text_memo *m = nps_text_memo_new();
    bool found;
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        char *v = nps_malloc(16);
        snprintf(v, 16, "v%d", i * 7);
        CHECK_INT(nps_text_memo_put(m, keys[i], strlen(keys[i]), v), NPS_OK);
    }
    for (int i = 0; i < N; i += 13) {
        char want[16], probe[16];
        snprintf(want, sizeof want, "v%d", i * 7);
        snprintf(probe, sizeof probe, "k%d", i);
        CHECK_STR(nps_text_memo_get(m, probe, strlen(probe), &found), want);
        CHECK(found);
    }
    CHECK(nps_text_memo_get(m, "k5000", 5, &found) == NULL);
    CHECK(!found);
    nps_text_memo_free(m);
}

UNIT_MAIN()
