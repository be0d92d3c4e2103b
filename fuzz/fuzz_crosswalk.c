/*
 * fuzz_crosswalk.c — libFuzzer target: the crosswalk loader of `compare`
 * (nps_crosswalk_parse, docs/compare.md).
 *
 * The input is a crosswalk CSV. One that parses is then used to match the
 * default questionnaire with itself (nps_waves_match), so the question,
 * row and option look-ups and the contradiction checks run on whatever
 * the parser lets through. Invariant checked: parse and match either
 * succeed or fail with a message naming the file.
 *
 * Also compiled into tests/test_match_waves.c (NPS_FUZZ_CROSSWALK_ENTRY
 * renamed) to replay fuzz/regressions/crosswalk/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "analyse/match_waves.h"
#include "model/questionnaire.h"

#ifndef NPS_FUZZ_CROSSWALK_ENTRY
#define NPS_FUZZ_CROSSWALK_ENTRY LLVMFuzzerTestOneInput
#endif

int NPS_FUZZ_CROSSWALK_ENTRY(const uint8_t *data, size_t size);

int NPS_FUZZ_CROSSWALK_ENTRY(const uint8_t *data, size_t size)
{
    static nps_questionnaire *q; /* loaded once, kept for every input */
    nps_crosswalk *cw = NULL;
    nps_wave_match *m = NULL;
    nps_diag diag = {0};
    nps_error err;
    if (!q && nps_questionnaire_load_default(&q, &diag) != NPS_OK)
        abort();
    err = nps_crosswalk_parse("fuzz.csv", (const char *)data, size, &cw, &diag);
    if (err != NPS_OK && err != NPS_ERR_NOMEM && !diag.message[0])
        abort(); /* an error without its message */
    if (err == NPS_OK) {
        err = nps_waves_match(q, q, cw, &m, &diag);
        if (err != NPS_OK && err != NPS_ERR_NOMEM && !diag.message[0])
            abort();
        if (err == NPS_OK && nps_wave_match_field_count(m) == 0)
            abort(); /* the default questionnaire has closed fields */
    }
    nps_wave_match_free(m);
    nps_crosswalk_free(cw);
    return 0;
}
