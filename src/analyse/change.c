/*
 * change.c — Newcombe's hybrid score intervals for the difference of two
 * proportions, independent and paired (change.h, docs/compare.md).
 *
 * With Wilson intervals (l1,u1) of p1 (new) and (l2,u2) of p2 (old):
 *   independent: L = D − √((p1−l1)² + (u2−p2)²), U = D + √((u1−p1)² + (p2−l2)²)
 *   paired:      L = D − √((p1−l1)² − 2φ(p1−l1)(u2−p2) + (u2−p2)²)
 *                U = D + √((u1−p1)² − 2φ(u1−p1)(p2−l2) + (p2−l2)²)
 * where D = p1 − p2 and φ = C/√((a+b)(c+d)(a+c)(b+d)), C = B − n/2 when
 * B = ad − bc > n/2, 0 when 0 ≤ B ≤ n/2, B when B < 0 (φ = 0 when the
 * product is 0). The values are never rounded here.
 */
#include <math.h>
#include "analyse/change.h"
#include "analyse/tables.h"

/* A radicand that rounding drove a hair below zero counts as zero. */
static double root(double x)
{
    return x > 0.0 ? sqrt(x) : 0.0;
}

void nps_newcombe_independent(long k1, long n1, long k2, long n2, double *low, double *high)
{
    double l1, u1, l2, u2;
    double p1 = n1 > 0 ? (double)k1 / (double)n1 : 0.0, p2 = n2 > 0 ? (double)k2 / (double)n2 : 0.0;
    nps_wilson_interval(k1, n1, &l1, &u1);
    nps_wilson_interval(k2, n2, &l2, &u2);
    if (n1 <= 0)
        l1 = u1 = p1;
    if (n2 <= 0)
        l2 = u2 = p2;
    *low = (p1 - p2) - root((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
    *high = (p1 - p2) + root((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
}

/* φ of the 2×2 table, with Newcombe's continuity correction of B. */
static double phi_of(long a, long b, long c, long d)
{
    double n = (double)(a + b + c + d);
    double B = (double)a * (double)d - (double)b * (double)c, C;
    double product = (double)(a + b) * (double)(c + d) * (double)(a + c) * (double)(b + d);
    if (B > n / 2.0)
        C = B - n / 2.0;
    else if (B >= 0.0)
        C = 0.0;
    else
        C = B;
    return product > 0.0 ? C / sqrt(product) : 0.0;
}

void nps_newcombe_paired(long a, long b, long c, long d, double *low, double *high)
{
    long n = a + b + c + d;
    double l1, u1, l2, u2, p1, p2, phi, dl1, du2, du1, dl2;
    if (n <= 0) {
        *low = *high = 0.0;
        return;
    }
    p1 = (double)(a + b) / (double)n;
    p2 = (double)(a + c) / (double)n;
    nps_wilson_interval(a + b, n, &l1, &u1);
    nps_wilson_interval(a + c, n, &l2, &u2);
    phi = phi_of(a, b, c, d);
    dl1 = p1 - l1;
    du2 = u2 - p2;
    du1 = u1 - p1;
    dl2 = p2 - l2;
    *low = (p1 - p2) - root(dl1 * dl1 - 2.0 * phi * dl1 * du2 + du2 * du2);
    *high = (p1 - p2) + root(du1 * du1 - 2.0 * phi * du1 * dl2 + dl2 * dl2);
}
