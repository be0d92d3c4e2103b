/*
 * unit.h — the minimal test harness of the unit tests.
 *
 * A test file defines tests with TEST(name) { ... } at the start of a line
 * (CMake greps those lines to register one ctest entry per test) and ends
 * with UNIT_MAIN(). Checks record failures and go on; a test fails if any
 * check failed. Run `test_x name` for one test, `test_x` for all.
 */
#ifndef NPS_UNIT_H
#define NPS_UNIT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole file in a malloc'd buffer (one spare byte after it), its length
 * in *len; NULL (and *len 0) if it cannot be read. The caller frees it. */
static inline unsigned char *unit_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    *len = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
            *len = (size_t)n;
        else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

typedef void (*unit_fn)(void);
struct unit_case { const char *name; unit_fn fn; };

static int unit_failures;
#define UNIT_MAX_CASES 512
static struct unit_case unit_cases[UNIT_MAX_CASES];
static int unit_case_count;

#define TEST(name)                                                          \
    static void test_##name(void);                                          \
    __attribute__((constructor)) static void register_##name(void) {        \
        if (unit_case_count < UNIT_MAX_CASES)                               \
            unit_cases[unit_case_count++] = (struct unit_case){#name, test_##name}; \
    }                                                                       \
    static void test_##name(void)

#define CHECK(cond)                                                         \
    do { if (!(cond)) { unit_failures++;                                    \
        fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_INT(actual, expected)                                         \
    do { long long a_ = (long long)(actual), e_ = (long long)(expected);    \
        if (a_ != e_) { unit_failures++;                                    \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #actual, a_, e_); } } while (0)

#define CHECK_STR(actual, expected)                                         \
    do { const char *a_ = (actual), *e_ = (expected);                       \
        if (!a_ || !e_ || strcmp(a_, e_) != 0) { unit_failures++;           \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual, \
                    a_ ? a_ : "(null)", e_ ? e_ : "(null)"); } } while (0)

#define CHECK_NEAR(actual, expected, tol)                                   \
    do { double a_ = (actual), e_ = (expected);                             \
        if (!(fabs(a_ - e_) <= (tol))) { unit_failures++;                   \
            fprintf(stderr, "%s:%d: %s == %.6g, expected %.6g\n", __FILE__, __LINE__, #actual, a_, e_); } } while (0)

#define UNIT_MAIN()                                                         \
    int main(int argc, char **argv) {                                       \
        int ran = 0;                                                        \
        for (int i = 0; i < unit_case_count; i++) {                         \
            if (argc > 1 && strcmp(argv[1], unit_cases[i].name) != 0) continue; \
            unit_cases[i].fn(); ran++;                                      \
        }                                                                   \
        if (ran == 0) { fprintf(stderr, "no such test\n"); return 2; }      \
        return unit_failures ? 1 : 0;                                       \
    }

#endif
