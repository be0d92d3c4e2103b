/*
 * mask_cases.h — the table form of the masker's unit tests: each case is a
 * text and what nps_mask_text(NULL, …) must make of it (test_mask_*.c).
 * A failing case is named by its index and input after CHECK_STR's line.
 */
#ifndef NPS_TEST_MASK_CASES_H
#define NPS_TEST_MASK_CASES_H

#include <stdio.h>
#include <stdlib.h>
#include "analyse/mask.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct mask_case {
    const char *in;
    const char *out;
} mask_case;

static inline void check_cases(const mask_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int before = unit_failures;
        char *got = nps_mask_text(NULL, cases[i].in);
        CHECK_STR(got, cases[i].out);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\"\n", i, cases[i].in);
        free(got);
    }
}

#endif
