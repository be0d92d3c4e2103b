/*
 * fuzz_mask.c — libFuzzer target: the masker (docs/analysis.md §4,
 * docs/robustness.md).
 *
 * The input is free text (any bytes). It is masked by a masker that knows a
 * few respondents' names and organisations, with a planted e-mail address,
 * phone number and name between spaces before and after it, so every rule
 * and the name dictionary meet arbitrary neighbours. In the fuzz build the
 * masker's chunks are 1 KiB (fuzz/CMakeLists.txt), so inputs of a few KiB
 * put chunk boundaries inside fuzzed text and plants; the 128 KiB boundary
 * of other builds is tested by test_mask.mask_value_across_chunk_boundary.
 * Invariants checked (abort on failure):
 *   - a result exists and is valid UTF-8 (NUL bytes of the input are
 *     spaces: the masker's texts are C strings);
 *   - a rule never cuts inside a character: when the input is valid UTF-8
 *     without U+FFFD, the result holds no U+FFFD (the masker writes one for
 *     a broken character);
 *   - no planted value survives: the e-mail, the phone number and the
 *     names occur in the result no more often than in the input alone (the
 *     fuzzer writes them too, in forms that are no such value: 011-200-09736).
 * Masking is NOT idempotent and is not checked for it: a token makes a new
 * word boundary, so "x.jp3丁目" → "x.jp［住所］" → "［URL］［住所］" (found by
 * this target; docs/robustness.md).
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

/* How many times hay[0..n) holds needle. */
static size_t fuzz_mask_count(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle), c = 0;
    for (size_t i = 0; i + k <= n; i++)
        c += memcmp(hay + i, needle, k) == 0;
    return c;
}

/* The text to mask: the plants, the input (a NUL is a space: the masker's
 * texts are C strings), the plants again. New buffer, length in *len. */
static char *fuzz_mask_text(const uint8_t *data, size_t size, size_t *len)
{
    size_t plant = sizeof FUZZ_MASK_PLANT - 1;
    char *t = nps_malloc(size + 2 * plant + 1);
    if (!t)
        abort();
    memcpy(t, FUZZ_MASK_PLANT, plant);
    for (size_t i = 0; i < size; i++)
        t[plant + i] = data[i] ? (char)data[i] : ' ';
    memcpy(t + plant + size, FUZZ_MASK_PLANT, plant);
    *len = size + 2 * plant;
    t[*len] = '\0';
    return t;
}

int NPS_FUZZ_MASK_ENTRY(const uint8_t *data, size_t size)
{
    size_t len, n1, plant = sizeof FUZZ_MASK_PLANT - 1;
    char *text = fuzz_mask_text(data, size, &len);
    char *once = nps_mask_text_len(fuzz_mask_masker(), text, len);
    if (!once)
        abort();
    n1 = strlen(once);
    if (!nps_utf8_valid(once, n1))
        abort();
    if (nps_utf8_valid(text, len) && !fuzz_mask_count(text, len, "\xEF\xBF\xBD") &&
        fuzz_mask_count(once, n1, "\xEF\xBF\xBD"))
        abort(); /* a span ended inside a character */
    for (size_t i = 0; i < sizeof FUZZ_MASK_SECRETS / sizeof FUZZ_MASK_SECRETS[0]; i++)
        if (fuzz_mask_count(once, n1, FUZZ_MASK_SECRETS[i]) >
            fuzz_mask_count(text + plant, len - 2 * plant, FUZZ_MASK_SECRETS[i]))
            abort(); /* more than the input itself holds (011-200-09736 is no phone) */
    nps_free(once);
    nps_free(text);
    return 0;
}
