/*
 * change.h — the 95% interval of a change between two survey waves
 * (docs/compare.md): Newcombe's hybrid score intervals, built on the Wilson
 * interval of each proportion (nps_wilson_interval, tables.h).
 *
 * Both functions give the interval of p1 − p2 as proportions (multiply by
 * 100 for points), p1 being the NEW wave's proportion and p2 the OLD one's.
 * They are pure functions: no allocation, no state.
 */
#ifndef NPS_CHANGE_H
#define NPS_CHANGE_H

/* Independent samples (Newcombe 1998, method 10): p1 = k1/n1, p2 = k2/n2.
 * A zero base gives a proportion of 0 with the interval [0,0]. */
void nps_newcombe_independent(long k1, long n1, long k2, long n2, double *low, double *high);

/* Paired proportions (Newcombe 1998, method 10 for paired data): a = yes in
 * both waves, b = yes only in the new, c = yes only in the old, d = neither;
 * p1 = (a+b)/n, p2 = (a+c)/n, with the continuity-corrected φ of
 * docs/compare.md. n = 0 gives [0,0]. */
void nps_newcombe_paired(long a, long b, long c, long d, double *low, double *high);

#endif
