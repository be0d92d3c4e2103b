/*
 * test_change.c — Newcombe's intervals for a change between two waves
 * (analyse/change.h, docs/compare.md) against the published values:
 * Newcombe (1998) independent example 56/70 vs 48/80 → 0.0524 to 0.3339;
 * the paired example of Altman et al., Statistics with Confidence, table
 * 6.2 (a=14, b=5, c=0, d=22) → 0.0115 to 0.2265; and the row of §14's CSV
 * example (Q6: 23/80 vs 18/65; panel 12,3,0,35 → −1.9 to 14.2 points).
 */
#include "unit.h"
#include "analyse/change.h"
#include "base/format.h"

TEST(independent_published)
{
    double lo, hi;
    nps_newcombe_independent(56, 70, 48, 80, &lo, &hi);
    CHECK_NEAR(lo, 0.0524, 0.00005);
    CHECK_NEAR(hi, 0.3339, 0.00005);
}

TEST(independent_newcombe_table)
{
    /* further rows of Newcombe (1998) table II, method 10 */
    double lo, hi;
    nps_newcombe_independent(9, 10, 3, 10, &lo, &hi);
    CHECK_NEAR(lo, 0.1705, 0.00005);
    CHECK_NEAR(hi, 0.8090, 0.00005);
    nps_newcombe_independent(6, 7, 2, 7, &lo, &hi);
    CHECK_NEAR(lo, 0.0582, 0.00005);
    CHECK_NEAR(hi, 0.8062, 0.00005);
    nps_newcombe_independent(5, 56, 0, 29, &lo, &hi);
    CHECK_NEAR(lo, -0.0381, 0.00005);
    CHECK_NEAR(hi, 0.1926, 0.00005);
}

TEST(paired_published)
{
    double lo, hi;
    nps_newcombe_paired(14, 5, 0, 22, &lo, &hi);
    CHECK_NEAR(lo, 0.0115, 0.00005);
    CHECK_NEAR(hi, 0.2265, 0.00005);
}

TEST(design_example_row)
{
    double lo, hi;
    nps_newcombe_independent(23, 80, 18, 65, &lo, &hi);
    CHECK_NEAR(nps_round1(lo * 100.0), -13.7, 1e-9);
    CHECK_NEAR(nps_round1(hi * 100.0), 15.3, 1e-9);
    nps_newcombe_paired(12, 3, 0, 35, &lo, &hi);
    CHECK_NEAR(nps_round1(lo * 100.0), -1.9, 1e-9);
    CHECK_NEAR(nps_round1(hi * 100.0), 14.2, 1e-9);
}

TEST(properties)
{
    /* the interval holds the difference; swapping the waves mirrors it */
    for (long a = 0; a <= 6; a++)
        for (long b = 0; b <= 6; b++)
            for (long c = 0; c <= 6; c++)
                for (long d = 0; d <= 6; d++) {
                    double lo, hi, lo2, hi2, n = (double)(a + b + c + d), diff;
                    if (a + b + c + d == 0)
                        continue;
                    diff = (double)(b - c) / n;
                    nps_newcombe_paired(a, b, c, d, &lo, &hi);
                    nps_newcombe_paired(a, c, b, d, &lo2, &hi2);
                    CHECK(lo <= diff + 1e-12 && diff <= hi + 1e-12);
                    CHECK(lo >= -1.0 - 1e-12 && hi <= 1.0 + 1e-12);
                    CHECK_NEAR(lo, -hi2, 1e-12);
                    nps_newcombe_independent(a, a + b + 1, c, c + d + 1, &lo, &hi);
                    nps_newcombe_independent(c, c + d + 1, a, a + b + 1, &lo2, &hi2);
                    CHECK_NEAR(lo, -hi2, 1e-12);
                }
}

TEST(empty_bases)
{
    double lo = 1, hi = 1;
    nps_newcombe_paired(0, 0, 0, 0, &lo, &hi);
    CHECK_NEAR(lo, 0.0, 0);
    CHECK_NEAR(hi, 0.0, 0);
    nps_newcombe_independent(0, 0, 0, 0, &lo, &hi);
    CHECK_NEAR(lo, 0.0, 0);
    CHECK_NEAR(hi, 0.0, 0);
}

UNIT_MAIN()
