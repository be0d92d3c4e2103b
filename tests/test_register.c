/*
 * test_register.c — the organisation register (npo-survey/register.h,
 * docs/register.md): IDs stable across two exports (shared organisations
 * keep theirs, a new one is appended, a missing one keeps its line), the
 * file's format, mode 0600 and bytes (same input, same bytes), matching by
 * the normalised name or by e-mail without a name, formula-looking cells
 * guarded and read back, and every kind of bad register named with its line.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "npo-survey/register.h"
#include "model/dataset.h"
#include "read/reader.h"

#define HEAD "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"

/* 2023: three organisations. */
static const char WAVE1[] = HEAD
    "2023/10/01 09:00:00,特定非営利活動法人 ふたばの会,futaba@example.jp,1週間未満\n"
    "2023/10/02 09:00:00,一般社団法人 わかば,wakaba@example.jp,受入不可\n"
    "2023/10/03 09:00:00,こども食堂あおぞら,aozora@example.jp,1年以上\n";
/* 2024: あおぞら first, ふたば in another legal form, わかば gone, a new one. */
static const char WAVE2[] = HEAD
    "2024/10/01 09:00:00,こども食堂 あおぞら,aozora@example.jp,1年以上\n"
    "2024/10/02 09:00:00,みどりの森,midori@example.jp,その他\n"
    "2024/10/03 09:00:00,(特非)ふたばの会,new-contact@example.jp,受入不可\n";

typedef struct dir {
    char path[64];
    char file[96];
} dir;

static bool dir_make(dir *t)
{
    snprintf(t->path, sizeof t->path, "/tmp/test_register.XXXXXX");
    if (!mkdtemp(t->path))
        return false;
    snprintf(t->file, sizeof t->file, "%s/orgs.csv", t->path);
    return true;
}

static void dir_remove(dir *t)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->path);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", t->path);
}

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fputs(text, f) != EOF;
    if (f && fclose(f) != 0)
        ok = false;
    return ok;
}

static char *read_file(const char *path)
{
    size_t len;
    char *s = (char *)unit_slurp(path, &len);
    if (s)
        s[len] = '\0';
    return s;
}

static nps_dataset *read_csv(const nps_questionnaire *q, const char *csv, size_t len)
{
    nps_dataset *d = NULL;
    nps_diag diag;
    CHECK_INT(nps_read_export_buffer("wave.csv", csv, len, q, NULL, &d, &diag), NPS_OK);
    return d;
}

/* Read `csv`, give it the IDs of the register at `path`, save it. */
static nps_dataset *run(const nps_questionnaire *q, const char *csv, size_t len, const char *path,
                        size_t *added)
{
    nps_dataset *d = read_csv(q, csv, len);
    nps_register *reg = NULL;
    nps_diag diag = {0};
    if (!d)
        return NULL;
    CHECK_INT(nps_register_open(path, &reg, &diag), NPS_OK);
    if (!reg) {
        fprintf(stderr, "%s: line %ld: %s\n", diag.file, diag.line, diag.message);
        nps_dataset_free(d);
        return NULL;
    }
    CHECK_INT(nps_register_assign(reg, d), NPS_OK);
    *added = nps_register_added(reg);
    CHECK_INT(nps_register_save(reg, &diag), NPS_OK);
    nps_register_free(reg);
    return d;
}

static nps_questionnaire *load_default(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag;
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    return q;
}

TEST(ids_stable_across_two_exports)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d1 = NULL, *d2 = NULL;
    size_t added = 0;
    struct stat st;
    char *text = NULL;
    dir t;
    if (!q || !dir_make(&t))
        goto cleanup;
    umask(0); /* the register is 0600 even so */
    d1 = run(q, WAVE1, sizeof WAVE1 - 1, t.file, &added);
    umask(022);
    if (!d1)
        goto cleanup;
    CHECK_INT(added, 3);
    CHECK_STR(nps_dataset_org_id(d1, 0), "R001");
    CHECK_STR(nps_dataset_org_id(d1, 1), "R002");
    CHECK_STR(nps_dataset_org_id(d1, 2), "R003");
    CHECK(stat(t.file, &st) == 0 && (st.st_mode & 0777) == 0600);
    d2 = run(q, WAVE2, sizeof WAVE2 - 1, t.file, &added);
    if (!d2)
        goto cleanup;
    CHECK_INT(added, 1);
    CHECK_STR(nps_dataset_org_id(d2, 0), "R003"); /* あおぞら */
    CHECK_STR(nps_dataset_org_id(d2, 1), "R004"); /* new: the next free ID */
    CHECK_STR(nps_dataset_org_id(d2, 2), "R001"); /* ふたば, another legal form and e-mail */
    CHECK(stat(t.file, &st) == 0 && (st.st_mode & 0777) == 0600);
    text = read_file(t.file);
    CHECK_STR(text, "id,name,email,first_seen\n"
                    "R001,特定非営利活動法人 ふたばの会,futaba@example.jp,2023-10-03\n"
                    "R002,一般社団法人 わかば,wakaba@example.jp,2023-10-03\n"
                    "R003,こども食堂あおぞら,aozora@example.jp,2023-10-03\n"
                    "R004,みどりの森,midori@example.jp,2024-10-03\n");
cleanup:
    free(text);
    nps_dataset_free(d1);
    nps_dataset_free(d2);
    if (q)
        dir_remove(&t);
    nps_questionnaire_free(q);
}

/* The same export and register twice: the same IDs and the same bytes;
 * a second run adds nothing and leaves the file alone. */
TEST(same_input_same_bytes)
{
    nps_questionnaire *q = load_default();
    nps_dataset *a = NULL, *b = NULL, *c = NULL;
    char *text[3] = {NULL, NULL, NULL};
    size_t added = 0;
    dir t, u;
    if (!q || !dir_make(&t) || !dir_make(&u))
        goto cleanup;
    a = run(q, WAVE2, sizeof WAVE2 - 1, t.file, &added);
    b = run(q, WAVE2, sizeof WAVE2 - 1, u.file, &added);
    text[0] = read_file(t.file);
    text[1] = read_file(u.file);
    CHECK(text[0] && text[1] && strcmp(text[0], text[1]) == 0);
    c = run(q, WAVE2, sizeof WAVE2 - 1, t.file, &added);
    CHECK_INT(added, 0);
    text[2] = read_file(t.file);
    CHECK(text[0] && text[2] && strcmp(text[0], text[2]) == 0);
    for (size_t r = 0; a && b && c && r < 3; r++) {
        CHECK_STR(nps_dataset_org_id(a, r), nps_dataset_org_id(b, r));
        CHECK_STR(nps_dataset_org_id(a, r), nps_dataset_org_id(c, r));
    }
cleanup:
    for (int i = 0; i < 3; i++)
        free(text[i]);
    nps_dataset_free(a);
    nps_dataset_free(b);
    nps_dataset_free(c);
    if (q) {
        dir_remove(&t);
        dir_remove(&u);
    }
    nps_questionnaire_free(q);
}

/* A register written by hand: its IDs are kept (gaps and all), new ones
 * start above the highest; a row without a name finds its organisation by
 * e-mail; a cell that would be a formula is guarded and read back. */
TEST(hand_written_register)
{
    static const char reg[] =
        "\xEF\xBB\xBFid,name,email,first_seen\n"
        "R010,ふたばの会,futaba@example.jp,2022-10-01\n"
        "R002,\"あおぞら, こども食堂\",aozora@example.jp,\n"
        "R007,,noname@example.jp,2022-10-01\n"
        "R003,'=わかば,wakaba@example.jp,2022-10-01\n";
    static const char csv[] = HEAD
        "2024/10/01 09:00:00,,FUTABA@example.jp,1年以上\n"           /* by e-mail: R010 */
        "2024/10/02 09:00:00,「あおぞら、こども食堂」,x@example.jp,その他\n" /* 、 is not , */
        "2024/10/03 09:00:00,,noname@example.jp,受入不可\n"            /* R007 */
        "2024/10/04 09:00:00,=わかば,w@example.jp,受入不可\n"          /* R003 */
        "2024/10/05 09:00:00,+plus,p@example.jp,受入不可\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    size_t added = 0;
    char *text = NULL;
    dir t;
    if (!q || !dir_make(&t))
        goto cleanup;
    CHECK(write_file(t.file, reg));
    d = run(q, csv, sizeof csv - 1, t.file, &added);
    if (!d)
        goto cleanup;
    CHECK_INT(added, 2);
    CHECK_STR(nps_dataset_org_id(d, 0), "R010");
    CHECK_STR(nps_dataset_org_id(d, 1), "R011");
    CHECK_STR(nps_dataset_org_id(d, 2), "R007");
    CHECK_STR(nps_dataset_org_id(d, 3), "R003");
    CHECK_STR(nps_dataset_org_id(d, 4), "R012");
    text = read_file(t.file);
    CHECK_STR(text, "id,name,email,first_seen\n"
                    "R010,ふたばの会,futaba@example.jp,2022-10-01\n"
                    "R002,\"あおぞら, こども食堂\",aozora@example.jp,\n"
                    "R007,,noname@example.jp,2022-10-01\n"
                    "R003,'=わかば,wakaba@example.jp,2022-10-01\n"
                    "R011,「あおぞら、こども食堂」,x@example.jp,2024-10-05\n"
                    "R012,'+plus,p@example.jp,2024-10-05\n");
cleanup:
    free(text);
    nps_dataset_free(d);
    if (q)
        dir_remove(&t);
    nps_questionnaire_free(q);
}

/* Each bad register: NPS_ERR_CSV naming the file and the line. */
TEST(bad_registers_name_file_and_line)
{
    static const struct { const char *text; long line; const char *what; } cases[] = {
        {"id,name,first_seen\nR001,a,2023-01-01\n", 1, "missing column \"email\""},
        {"id,name,email,first_seen\nR001,a,a@x.jp,\nR001,b,b@x.jp,\n", 3, "already used on line 2"},
        {"id,name,email,first_seen\nR001,a,a@x.jp,\nX9,b,b@x.jp,\n", 3, "is not R followed by"},
        {"id,name,email,first_seen\nR001,a,a@x.jp,\nR,b,b@x.jp,\n", 3, "is not R followed by"},
        {"id,name,email,first_seen\nR1234567890,a,a@x.jp,\n", 2, "is not R followed by"},
        {"id,name,email,first_seen\nR001,a,a@x.jp,2023/10/01\n", 2, "is not a date"},
        {"id,name,email,first_seen\nR001,a,a@x.jp,2023-13-01\n", 2, "is not a date"},
        {"id,name,email,first_seen\nR001,NPO法人 a会,a@x.jp,\nR002,(特非)a会,b@x.jp,\n", 3,
         "the same organisation as line 2"},
        {"id,name,email,first_seen\nR001,,a@x.jp,\nR002,,A@x.jp,\n", 3, "the same organisation as line 2"},
        {"id,name,email,first_seen\nR001,a,a@x.jp,,extra\n", 2, "more cells than the header"},
        {"id,name,email,first_seen\nR001,\"a,a@x.jp,\n", 2, "never closed"},
        {"id,name,email,first_seen\nR001,\xff,a@x.jp,\n", 2, "UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nps_register *reg = NULL;
        nps_diag diag = {0};
        dir t;
        if (!dir_make(&t))
            return;
        CHECK(write_file(t.file, cases[i].text));
        CHECK_INT(nps_register_open(t.file, &reg, &diag), NPS_ERR_CSV);
        CHECK(reg == NULL);
        CHECK_STR(diag.file, t.file);
        CHECK_INT(diag.line, cases[i].line);
        if (!strstr(diag.message, cases[i].what))
            fprintf(stderr, "case %zu: \"%s\" lacks \"%s\"\n", i, diag.message, cases[i].what);
        CHECK(strstr(diag.message, cases[i].what) != NULL);
        CHECK(!strstr(diag.message, "@x.jp")); /* never an e-mail or a name */
        nps_register_free(reg);
        dir_remove(&t);
    }
}

/* A register that cannot be written: NPS_ERR_IO naming it, nothing left. */
TEST(unwritable_folder)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? read_csv(q, WAVE1, sizeof WAVE1 - 1) : NULL;
    nps_register *reg = NULL;
    nps_diag diag = {0};
    dir t;
    char path[160];
    if (!d || !dir_make(&t))
        goto cleanup;
    snprintf(path, sizeof path, "%s/no-such-folder/orgs.csv", t.path);
    CHECK_INT(nps_register_open(path, &reg, &diag), NPS_OK);
    if (reg) {
        CHECK_INT(nps_register_assign(reg, d), NPS_OK);
        CHECK_INT(nps_register_count(reg), 3);
        CHECK_INT(nps_register_save(reg, &diag), NPS_ERR_IO);
        CHECK_STR(diag.file, path);
        CHECK(strstr(diag.message, "cannot write the register") != NULL);
    }
    nps_register_free(reg);
    dir_remove(&t);
cleanup:
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

#ifdef NPS_FAILALLOC
#include <dirent.h>
#include "base/alloc.h"

/* Files in the folder (to find a temporary register left behind). */
static int count_files(const char *path)
{
    DIR *folder = opendir(path);
    struct dirent *e;
    int n = 0;
    while (folder && (e = readdir(folder)) != NULL)
        n += e->d_name[0] != '.';
    if (folder)
        closedir(folder);
    return n;
}

/* Every allocation of open, assign and save failing in turn: an error
 * (never a crash or a leak: the failalloc build is an ASan build), no
 * temporary file left, and the register either not written or whole. */
static void sweep_register(void)
{
    static const char reg[] = "id,name,email,first_seen\nR001,ふたばの会,futaba@example.jp,2023-10-03\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? read_csv(q, WAVE2, sizeof WAVE2 - 1) : NULL;
    long failures = 0;
    dir t;
    if (!d || !dir_make(&t))
        goto cleanup;
    for (long n = 0;; n++) {
        nps_register *r = NULL;
        nps_diag diag = {0};
        nps_error err;
        unlink(t.file);
        CHECK(write_file(t.file, reg));
        nps_alloc_fail_after(n);
        err = nps_register_open(t.file, &r, &diag);
        if (err == NPS_OK && (err = nps_register_assign(r, d)) == NPS_OK)
            err = nps_register_save(r, &diag);
        nps_alloc_fail_after(-1);
        nps_register_free(r);
        CHECK_INT(count_files(t.path), 1);
        if (err == NPS_OK)
            break;
        CHECK(err == NPS_ERR_NOMEM || err == NPS_ERR_IO);
        failures++;
        if (failures > 10000)
            break;
    }
    CHECK(failures > 10);
    fprintf(stderr, "allocation_failures: %ld failing runs, then success\n", failures);
    {
        char *text = read_file(t.file);
        CHECK(text && strstr(text, "R004,(特非)") == NULL && strstr(text, "R003,みどりの森") != NULL);
        free(text);
    }
    dir_remove(&t);
cleanup:
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}
#endif

/* Only in NPS_FAILALLOC builds (empty in others, as test_failalloc.c). */
TEST(allocation_failures)
{
#ifdef NPS_FAILALLOC
    sweep_register();
#endif
}

UNIT_MAIN()
