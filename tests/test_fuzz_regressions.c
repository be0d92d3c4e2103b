/*
 * test_fuzz_regressions.c — the fuzz targets' code in every build
 * (docs/robustness.md): nps_read_export_buffer reads exactly like nps_read_export; every
 * input under fuzz/regressions/reader/ and fuzz/regressions/questionnaire/
 * (crashes, leaks and hangs the fuzzers found, kept after the fix) and every
 * fixture export goes through the fuzz targets' entry functions, so the
 * ASan + UBSan build replays them without libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "unit.h"
#include "model/questionnaire.h"
#include "read/reader.h"

#define NPS_FUZZ_READER_ENTRY fuzz_reader_entry
#include "../fuzz/fuzz_reader.c"
#define NPS_FUZZ_QUESTIONNAIRE_ENTRY fuzz_questionnaire_entry
#include "../fuzz/fuzz_questionnaire.c"
#define NPS_FUZZ_MASK_ENTRY fuzz_mask_entry
#include "../fuzz/fuzz_mask.c"

/* Read a whole file into memory (caller frees); NULL on failure. */
static char *slurp_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        if (*len != (size_t)n) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

/* Run `entry` on every regular file of SOURCE/dir; returns how many. */
static int replay_dir(const char *dir, int (*entry)(const uint8_t *, size_t))
{
    char path[1024];
    int n = 0;
    snprintf(path, sizeof path, "%s/%s", NPS_SOURCE_DIR, dir);
    DIR *d = opendir(path);
    if (!d)
        return 0; /* no regressions yet */
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        struct stat st;
        size_t len = 0;
        char *data;
        snprintf(path, sizeof path, "%s/%s/%s", NPS_SOURCE_DIR, dir, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        data = slurp_file(path, &len);
        CHECK(data != NULL);
        if (!data)
            continue;
        fprintf(stderr, "replay %s/%s (%zu bytes)\n", dir, e->d_name, len);
        CHECK_INT(entry((const uint8_t *)data, len), 0);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

static nps_questionnaire *questionnaire(void)
{
    static nps_questionnaire *q;
    if (!q)
        CHECK_INT(nps_questionnaire_load_default(&q, NULL), NPS_OK);
    return q;
}

/* The same export from a file and from memory: same responses, same quality
 * log, same encoding. */
static void check_same_read(const char *rel)
{
    char path[1024];
    size_t len = 0;
    nps_dataset *a = NULL, *b = NULL;
    nps_diag da, db;
    snprintf(path, sizeof path, "%s/%s", NPS_SOURCE_DIR, rel);
    char *data = slurp_file(path, &len);
    CHECK(data != NULL);
    if (!data)
        return;
    nps_error ea = nps_read_export(path, questionnaire(), NULL, &a, &da);
    nps_error eb = nps_read_export_buffer(path, data, len, questionnaire(), NULL, &b, &db);
    CHECK_INT(eb, ea);
    if (ea == NPS_OK && eb == NPS_OK) {
        CHECK_INT(nps_dataset_count(b), nps_dataset_count(a));
        CHECK_INT(nps_dataset_quality_count(b), nps_dataset_quality_count(a));
        CHECK_STR(nps_dataset_read_info(b)->encoding, nps_dataset_read_info(a)->encoding);
    } else {
        CHECK_INT(db.line, da.line);
        CHECK_STR(db.message, da.message);
    }
    nps_dataset_free(a);
    nps_dataset_free(b);
    free(data);
}

TEST(buffer_reads_like_file)
{
    check_same_read("fixtures/hokkaido-2023/responses.csv");
    check_same_read("fixtures/variants/cp932_excel.csv");
    check_same_read("fixtures/variants/bom_crlf.csv");
    check_same_read("fixtures/bad/invalid_encoding.csv"); /* the line is found by re-reading the stream */
    check_same_read("fixtures/bad/unterminated_quote.csv");
    check_same_read("fixtures/bad/header_only.csv");
}

TEST(buffer_empty)
{
    nps_dataset *d = NULL;
    nps_diag diag;
    CHECK_INT(nps_read_export_buffer("empty.csv", NULL, 0, questionnaire(), NULL, &d, &diag), NPS_ERR_EMPTY);
    CHECK(d == NULL);
    CHECK_STR(diag.file, "empty.csv");
}

TEST(reader_regressions)
{
    int n = replay_dir("fuzz/regressions/reader", fuzz_reader_entry);
    fprintf(stderr, "%d reader regression inputs\n", n);
}

TEST(questionnaire_regressions)
{
    int n = replay_dir("fuzz/regressions/questionnaire", fuzz_questionnaire_entry);
    fprintf(stderr, "%d questionnaire regression inputs\n", n);
}

TEST(mask_regressions)
{
    int n = replay_dir("fuzz/regressions/mask", fuzz_mask_entry);
    fprintf(stderr, "%d mask regression inputs\n", n);
    /* and a few texts, so the target's checks run in every build */
    static const char *const texts[] = {"", "0", "@", "〒", "①011.200.0973", "a (at) b.jp",
                                        "札幌市中央区南1条西1丁目", "代表 山田 花子さん"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        CHECK_INT(fuzz_mask_entry((const uint8_t *)texts[i], strlen(texts[i])), 0);
}

/* The seeds of the corpus: every fixture export through the reader target. */
TEST(fixtures_through_reader_target)
{
    CHECK(replay_dir("fixtures/variants", fuzz_reader_entry) > 0);
    CHECK(replay_dir("fixtures/bad", fuzz_reader_entry) > 0);
    CHECK(replay_dir("fixtures/hokkaido-2023", fuzz_reader_entry) > 0);
}

UNIT_MAIN()
