/*
 * fuzz_mask.c — libFuzzer target: the masker (docs/analysis.md §4,
 * docs/robustness.md).
 *
 * The input is free text (any bytes). It is masked by a masker that knows a
 * few respondents' names and organisations, with a planted e-mail address
 * and phone number between spaces after it, so every rule and the name
 * dictionary meet arbitrary neighbours. Inputs whose length is 3 mod 4 are
 * repeated, with the plants, to over 140 KiB, so that the masker's 128 KiB
 * chunk boundary falls inside fuzzed text and plants.
 * Invariants checked (abort on failure):
 *   - a result exists and is valid UTF-8 (NUL bytes of the input are
 *     spaces: the masker's texts are C strings);
 *   - no planted value survives: neither the e-mail nor the phone number
 *     nor a known name occurs in the result;
 *   - masking is idempotent: masking the result changes nothing.
 *
 * Also compiled into tests/test_fuzz_regressions.c (NPS_FUZZ_MASK_ENTRY
 * renamed) to replay fuzz/regressions/mask/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "analyse/mask.h"

#ifndef NPS_FUZZ_MASK_ENTRY
#define NPS_FUZZ_MASK_ENTRY LLVMFuzzerTestOneInput
#endif

int NPS_FUZZ_MASK_ENTRY(const uint8_t *data, size_t size);

static const char FUZZ_MASK_PLANT[] = " info@example.org 011-200-0973 山田花子 ";
static const char *const FUZZ_MASK_SECRETS[] = {"info@example.org", "011-200-0973", "山田花子",
                                                "ふたばの会"};

static const nps_masker *fuzz_mask_masker(void)
{
    static nps_masker *m;
    if (m)
        return m;
    if (nps_masker_new(NULL, &m) != NPS_OK ||
        nps_masker_add_name(m, NPS_MASK_NAME, "山田 花子") != NPS_OK ||
        nps_masker_add_name(m, NPS_MASK_NAME, "代表 佐藤太郎") != NPS_OK ||
        nps_masker_add_name(m, NPS_MASK_ORGANISATION, "特定非営利活動法人「ふたばの会」") != NPS_OK ||
        nps_masker_add_name(m, NPS_MASK_ORGANISATION, "ABCネット 札幌支部") != NPS_OK)
        abort();
    return m;
}

/* Does hay[0..n) hold needle? */
static int fuzz_mask_holds(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

/* The text to mask: the input, the plants, and for 3 mod 4 lengths both
 * again until past 140 KiB. New buffer, length in *len. */
static char *fuzz_mask_text(const uint8_t *data, size_t size, size_t *len)
{
    size_t plant = sizeof FUZZ_MASK_PLANT - 1, unit = size + plant, reps = 1;
    if (size % 4 == 3)
        reps = (size_t)140 * 1024 / unit + 1;
    char *t = nps_malloc(unit * reps + 1);
    if (!t)
        abort();
    for (size_t r = 0; r < reps; r++) {
        for (size_t i = 0; i < size; i++) /* texts are C strings: a NUL is a space */
            t[r * unit + i] = data[i] ? (char)data[i] : ' ';
        memcpy(t + r * unit + size, FUZZ_MASK_PLANT, plant);
    }
    *len = unit * reps;
    t[*len] = '\0';
    return t;
}

int NPS_FUZZ_MASK_ENTRY(const uint8_t *data, size_t size)
{
    size_t len, n1, n2;
    char *text = fuzz_mask_text(data, size, &len);
    char *once = nps_mask_text_len(fuzz_mask_masker(), text, len);
    if (!once)
        abort();
    n1 = strlen(once);
    if (!nps_utf8_valid(once, n1))
        abort();
    for (size_t i = 0; i < sizeof FUZZ_MASK_SECRETS / sizeof FUZZ_MASK_SECRETS[0]; i++)
        if (fuzz_mask_holds(once, n1, FUZZ_MASK_SECRETS[i]))
            abort();
    char *twice = nps_mask_text_len(fuzz_mask_masker(), once, n1);
    if (!twice)
        abort();
    n2 = strlen(twice);
    if (n2 != n1 || memcmp(once, twice, n1) != 0)
        abort();
    nps_free(twice);
    nps_free(once);
    nps_free(text);
    return 0;
}
