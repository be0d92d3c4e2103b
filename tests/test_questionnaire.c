/*
 * test_questionnaire.c — the questionnaire loader and validator
 * (questionnaire.h, questionnaire/README.md): the embedded default set and its model, and
 * broken sets that must each fail naming file, line and problem.
 *
 * A broken set is the real questionnaire/ copied into a temporary folder
 * with one change: a file laid over it from tests/data/questionnaire-broken/
 * <case>/ (the seed's own category typo), or one line of one file replaced,
 * deleted or swapped. Lines are found by their content, so the cases follow
 * the real files when those are edited.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "model/questionnaire.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const FILES[] = {"survey.csv", "choices.csv", "bins.csv",
                                    "troubles.csv", "themes.csv", "settings.csv"};

/* ---------- file helpers ---------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

static bool spit(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    return ok;
}

typedef struct qdir {
    char path[256];
} qdir;

/* Copy questionnaire/ into a fresh temporary folder, then lay the files of
 * tests/data/questionnaire-broken/<overlay>/ over it (overlay may be NULL). */
static bool qdir_make(qdir *d, const char *overlay)
{
    snprintf(d->path, sizeof d->path, "/tmp/nps-test-q-XXXXXX");
    if (!mkdtemp(d->path)) {
        CHECK(!"mkdtemp failed");
        return false;
    }
    for (size_t i = 0; i < COUNT_OF(FILES); i++) {
        char from[512], to[512];
        size_t len = 0;
        char *data;
        snprintf(from, sizeof from, "%s/tests/data/questionnaire-broken/%s/%s", NPS_SOURCE_DIR,
                 overlay ? overlay : "-", FILES[i]);
        data = overlay ? slurp(from, &len) : NULL;
        if (!data) {
            snprintf(from, sizeof from, "%s/questionnaire/%s", NPS_SOURCE_DIR, FILES[i]);
            data = slurp(from, &len);
        }
        snprintf(to, sizeof to, "%s/%s", d->path, FILES[i]);
        CHECK(data != NULL);
        if (!data || !spit(to, data, len)) {
            free(data);
            return false;
        }
        free(data);
    }
    return true;
}

static void qdir_remove(qdir *d)
{
    for (size_t i = 0; i < COUNT_OF(FILES); i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", d->path, FILES[i]);
        unlink(p);
    }
    rmdir(d->path);
}

/* Split a file into lines (without '\n'); returns the count. A final
 * '\n' does not start another line. */
static size_t read_lines(const char *path, char ***lines)
{
    size_t len = 0, n = 0;
    char *data = slurp(path, &len), *p;
    *lines = NULL;
    if (!data)
        return 0;
    *lines = calloc(len + 2, sizeof **lines);
    for (p = data; *lines && p < data + len;) {
        char *e = memchr(p, '\n', (size_t)(data + len - p));
        if (!e)
            e = data + len;
        *e = '\0';
        (*lines)[n++] = strdup(p);
        p = e + 1;
    }
    free(data);
    return n;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static void write_lines(const char *path, char **lines, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    for (size_t i = 0; i < n; i++)
        if (lines[i])
            fprintf(f, "%s\n", lines[i]);
    fclose(f);
}

/* 1-based line of the first line of `file` starting with `prefix`, 0 if none. */
static long find_line(const qdir *d, const char *file, const char *prefix)
{
    char path[512], **lines;
    long found = 0;
    snprintf(path, sizeof path, "%s/%s", d->path, file);
    size_t n = read_lines(path, &lines);
    for (size_t i = 0; i < n && !found; i++)
        if (strncmp(lines[i], prefix, strlen(prefix)) == 0)
            found = (long)i + 1;
    free_lines(lines, n);
    CHECK(found > 0);
    if (!found)
        fprintf(stderr, "no line starting with \"%s\" in %s\n", prefix, file);
    return found;
}

/* Replace line `line` (1-based) by `text`; NULL deletes it. */
static void set_line(const qdir *d, const char *file, long line, const char *text)
{
    char path[512], **lines;
    snprintf(path, sizeof path, "%s/%s", d->path, file);
    size_t n = read_lines(path, &lines);
    CHECK(line >= 1 && (size_t)line <= n);
    if (line >= 1 && (size_t)line <= n) {
        free(lines[line - 1]);
        lines[line - 1] = text ? strdup(text) : NULL;
        write_lines(path, lines, n);
    }
    free_lines(lines, n);
}

static void swap_lines(const qdir *d, const char *file, long a, long b)
{
    char path[512], **lines;
    snprintf(path, sizeof path, "%s/%s", d->path, file);
    size_t n = read_lines(path, &lines);
    if (a >= 1 && b >= 1 && (size_t)a <= n && (size_t)b <= n) {
        char *t = lines[a - 1];
        lines[a - 1] = lines[b - 1];
        lines[b - 1] = t;
        write_lines(path, lines, n);
    }
    free_lines(lines, n);
}

/* Line `line` of `file` with `from` replaced by `to` (first occurrence). */
static void edit_line(const qdir *d, const char *file, long line, const char *from, const char *to)
{
    char path[512], **lines;
    snprintf(path, sizeof path, "%s/%s", d->path, file);
    size_t n = read_lines(path, &lines);
    if (line >= 1 && (size_t)line <= n) {
        char *old = lines[line - 1], *at = strstr(old, from);
        CHECK(at != NULL);
        if (at) {
            size_t a = (size_t)(at - old), fl = strlen(from), tl = strlen(to);
            char *nw = malloc(strlen(old) - fl + tl + 1);
            memcpy(nw, old, a);
            memcpy(nw + a, to, tl);
            strcpy(nw + a + tl, at + fl);
            free(old);
            lines[line - 1] = nw;
            write_lines(path, lines, n);
        }
    }
    free_lines(lines, n);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Load d and expect failure at file:line with `message` in the text. */
static void expect_broken(const qdir *d, const char *file, long line, const char *message)
{
    nps_questionnaire *q = NULL;
    nps_diag diag;
    memset(&diag, 0, sizeof diag);
    nps_error err = nps_questionnaire_load_dir(d->path, &q, &diag);
    int before = unit_failures;
    CHECK_INT(err, NPS_ERR_QUESTIONNAIRE);
    CHECK(q == NULL);
    CHECK(ends_with(diag.file, file));
    CHECK(strncmp(diag.file, d->path, strlen(d->path)) == 0); /* names the folder */
    CHECK_INT(diag.line, line);
    CHECK(strstr(diag.message, message) != NULL);
    if (unit_failures != before)
        fprintf(stderr, "  ^ got %s:%ld: %s (expected %s:%ld: ...%s...)\n", diag.file, diag.line,
                diag.message, file, line, message);
    nps_questionnaire_free(q);
}

/* ---------- the default questionnaire ---------- */

static nps_questionnaire *load_default(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    nps_error err = nps_questionnaire_load_default(&q, &diag);
    CHECK_INT(err, NPS_OK);
    if (err != NPS_OK)
        fprintf(stderr, "%s:%ld: %s\n", diag.file, diag.line, diag.message);
    return q;
}

TEST(default_questions_and_fields)
{
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    CHECK_INT(nps_questionnaire_question_count(q), 39);
    CHECK_INT(nps_questionnaire_field_count(q), 157);
    for (int n = 1; n <= 39; n++) {
        const nps_question *qu = nps_questionnaire_question_at(q, (size_t)n - 1);
        CHECK(qu != NULL && qu->number == n);
        CHECK(nps_questionnaire_question(q, n) == qu);
    }
    CHECK(nps_questionnaire_question(q, 40) == NULL);
    CHECK(nps_questionnaire_question_at(q, 39) == NULL);
    CHECK_INT(nps_questionnaire_question(q, 22)->n_fields, 33);
    CHECK_INT(nps_questionnaire_question(q, 24)->n_fields, 37);
    CHECK_INT(nps_questionnaire_question(q, 25)->n_fields, 5);
    CHECK_INT(nps_questionnaire_question(q, 13)->n_fields, 5);
    CHECK_INT(nps_questionnaire_question(q, 6)->n_fields, 1);
    /* columns are dense and in questionnaire order */
    for (size_t c = 0; c < nps_questionnaire_field_count(q); c++)
        CHECK_INT(nps_questionnaire_field_at(q, c)->column, c);
    CHECK(nps_questionnaire_field_at(q, 157) == NULL);
    nps_questionnaire_free(q);
}

typedef struct type_case {
    int question, item;
    nps_ftype type;
    const char *list;       /* NULL: no list */
    const char *bins;       /* NULL: no bins */
    nps_unit unit;
    const char *label;
} type_case;

TEST(default_field_types)
{
    static const type_case cases[] = {
        {1, 0, NPS_F_TEXT, NULL, NULL, NPS_UNIT_NONE, "記入者名を記載してください。"},
        {6, 0, NPS_F_SELECT_MULTIPLE, "q6", NULL, NPS_UNIT_NONE, NULL},
        {13, 1, NPS_F_NUMBER, NULL, "count", NPS_UNIT_COUNT, "①役員（理事・監事・評議員等も含む）"},
        {14, 6, NPS_F_NUMBER, NULL, "percent", NPS_UNIT_PERCENT, "６５歳以上"},
        {16, 0, NPS_F_NUMBER, NULL, "count", NPS_UNIT_COUNT, NULL},
        {21, 2, NPS_F_TEXT, NULL, NULL, NPS_UNIT_NONE, "立ち位置・役割の名称と内容(2)"},
        {22, 1, NPS_F_SELECT_ONE, "handling", NULL, NPS_UNIT_NONE, "いじめ（学校）"},
        {22, 33, NPS_F_SELECT_ONE, "handling", NULL, NPS_UNIT_NONE, "その他"},
        {24, 37, NPS_F_SELECT_ONE, "scale5", NULL, NPS_UNIT_NONE,
         "住まいを必要とする人に対して（多機関につなぐなども含め）住まいの提供が可能である"},
        {26, 0, NPS_F_SELECT_ONE, "q26", NULL, NPS_UNIT_NONE, NULL},
        {31, 1, NPS_F_NUMBER, NULL, "q31_people", NPS_UNIT_COUNT, "１日の平均利用者数"},
        {31, 2, NPS_F_NUMBER, NULL, "area", NPS_UNIT_AREA, "広さ（〇㎡、〇坪など）"},
        {31, 3, NPS_F_TEXT, NULL, NULL, NPS_UNIT_NONE, "特徴・特色"},
        {33, 0, NPS_F_NUMBER, NULL, "q33", NPS_UNIT_AVERAGE, NULL},
        {36, 0, NPS_F_SELECT_MULTIPLE, "q36", NULL, NPS_UNIT_NONE, "地域団体等"},
        {37, 0, NPS_F_RATING, NULL, NULL, NPS_UNIT_NONE, NULL},
        {39, 3, NPS_F_TEXT, NULL, NULL, NPS_UNIT_NONE, "サポート等必要としていること"},
    };
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const type_case *c = &cases[i];
        const nps_field *f = nps_questionnaire_field(q, c->question, c->item);
        int before = unit_failures;
        CHECK(f != NULL);
        if (!f)
            continue;
        CHECK_INT(f->question, c->question);
        CHECK_INT(f->item_index, c->item);
        CHECK_INT(f->type, c->type);
        if (c->list)
            CHECK(f->list && strcmp(f->list->name, c->list) == 0);
        else
            CHECK(f->list == NULL);
        if (c->bins)
            CHECK(f->bins && strcmp(f->bins->name, c->bins) == 0);
        else
            CHECK(f->bins == NULL);
        CHECK_INT(f->unit, c->unit);
        if (c->label)
            CHECK_STR(f->label, c->label);
        if (unit_failures != before)
            fprintf(stderr, "  ^ Q%d item %d\n", c->question, c->item);
    }
    /* a single-field question has no item 1; a matrix has no item 0 */
    CHECK(nps_questionnaire_field(q, 6, 1) == NULL);
    CHECK(nps_questionnaire_field(q, 22, 0) == NULL);
    CHECK(nps_questionnaire_field(q, 22, 34) == NULL);
    nps_questionnaire_free(q);
}

TEST(default_lists_and_roles)
{
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    const nps_list *l = nps_questionnaire_field(q, 6, 0)->list;
    CHECK_INT(l->n_options, 10);
    CHECK_STR(l->options[8].label, "その他");
    CHECK_INT(l->options[8].role, NPS_OPTION_OTHER);
    CHECK_INT(l->options[9].role, NPS_OPTION_EXCLUSIVE);
    CHECK_INT(l->options[0].role, NPS_OPTION_PLAIN);
    CHECK_STR(l->options[0].name, "q6_1");
    l = nps_questionnaire_field(q, 36, 0)->list;
    CHECK_INT(l->n_options, 6);
    CHECK_STR(l->options[5].label, "連携はない");
    CHECK_INT(l->options[5].role, NPS_OPTION_EXCLUSIVE);
    l = nps_questionnaire_field(q, 22, 5)->list;
    CHECK_INT(l->n_options, 5);
    for (size_t i = 0; i < 4; i++)
        CHECK_INT(l->options[i].role, NPS_OPTION_PLAIN);
    /* 特に困りごとがある人はいない: "none applies", drawn apart from the handling states */
    CHECK_INT(l->options[4].role, NPS_OPTION_EXCLUSIVE);
    /* Q24 and Q25 rows share scale5 */
    CHECK(nps_questionnaire_field(q, 24, 1)->list == nps_questionnaire_field(q, 25, 5)->list);
    nps_questionnaire_free(q);
}

TEST(default_bins)
{
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    const nps_binset *b = nps_questionnaire_field(q, 16, 0)->bins;
    CHECK_INT(b->n_bins, 26);
    CHECK_STR(b->bins[0].label, "0人");
    CHECK(b->bins[0].low == 0 && b->bins[0].high == 0 && b->bins[0].low_closed && b->bins[0].high_closed);
    CHECK_STR(b->bins[1].label, "1～5人");
    CHECK(b->bins[1].low == 0 && b->bins[1].high == 5 && !b->bins[1].low_closed && b->bins[1].high_closed);
    CHECK_STR(b->bins[25].label, "5001人～");
    CHECK(b->bins[25].low == 5000 && isnan(b->bins[25].high));
    b = nps_questionnaire_field(q, 14, 1)->bins;
    CHECK_INT(b->n_bins, 13);
    CHECK_STR(b->bins[11].label, "91～100％");
    CHECK(b->bins[11].low == 90 && b->bins[11].high == 100 && !b->bins[11].high_closed);
    CHECK_STR(b->bins[12].label, "100%");
    b = nps_questionnaire_field(q, 31, 2)->bins;
    CHECK_INT(b->n_bins, 6);
    CHECK_INT(b->bins[3].kind, NPS_BIN_INTERVAL);
    CHECK_INT(b->bins[4].kind, NPS_BIN_OTHER);
    CHECK_STR(b->bins[4].label, "その他");
    CHECK_INT(b->bins[5].kind, NPS_BIN_UNKNOWN);
    CHECK_STR(b->bins[5].label, "不明");
    b = nps_questionnaire_field(q, 33, 0)->bins;
    CHECK_INT(b->n_bins, 6);
    CHECK_STR(b->bins[0].label, "1人未満");
    CHECK(b->bins[0].low_closed && !b->bins[0].high_closed && b->bins[0].high == 1);
    nps_questionnaire_free(q);
}

TEST(default_categories_themes_settings)
{
    static const char *const names[] = {"人間関係", "心身の状態", "環境の変化", "家庭起因", "その他"};
    static const size_t sizes[] = {5, 8, 6, 4, 9};
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    CHECK_INT(nps_questionnaire_troubles_question(q), 22);
    const nps_settings *set = nps_questionnaire_settings(q);
    CHECK_STR(set->survey_title, "孤独・孤立対策につながる活動、及び活動の運営状況等に関するアンケート");
    CHECK_INT(set->troubles_question, 22);
    CHECK_INT(set->gap_business_questions.n, 7);
    for (size_t i = 0; i < set->gap_business_questions.n; i++)
        CHECK_INT(set->gap_business_questions.numbers[i], 6 + (int)i);
    CHECK_INT(set->gap_staff_question, 13);
    CHECK(set->gap_staff_items.n == 5 && set->gap_staff_items.numbers[4] == 5);
    CHECK_INT(set->gap_users_question, 16);
    CHECK(set->theme_questions.n == 2 && set->theme_questions.numbers[0] == 38 &&
          set->theme_questions.numbers[1] == 39);
    CHECK(set->free_text_questions.n == 7 && set->free_text_questions.numbers[6] == 39);
    CHECK(set->organisation_question == 2 && set->email_question == 3);
    CHECK_INT(nps_questionnaire_category_count(q), 5);
    bool seen[33] = {false};
    for (size_t i = 0; i < 5; i++) {
        const nps_category *c = nps_questionnaire_category_at(q, i);
        CHECK_STR(c->name, names[i]);
        CHECK_INT(c->n_troubles, sizes[i]);
        for (size_t k = 0; k < c->n_troubles; k++) {
            CHECK(c->rows[k] >= 1 && c->rows[k] <= 32);
            CHECK(!seen[c->rows[k]]);
            seen[c->rows[k]] = true;
        }
    }
    CHECK(nps_questionnaire_category_at(q, 5) == NULL);
    /* 人間関係: いじめ（学校）, いじめ（職場）, DV被害, DV加害, ハラスメント = rows 1..5 */
    const nps_category *c0 = nps_questionnaire_category_at(q, 0);
    for (size_t k = 0; k < 5; k++)
        CHECK_INT(c0->rows[k], (int)k + 1);
    /* every row but その他 (33) is placed */
    for (int r = 1; r <= 32; r++)
        CHECK(seen[r]);
    CHECK_INT(nps_questionnaire_theme_count(q), 5);
    CHECK_STR(nps_questionnaire_theme_at(q, 0)->name, "財政面");
    CHECK_INT(nps_questionnaire_theme_at(q, 0)->n_keywords, 15);
    CHECK_STR(nps_questionnaire_theme_at(q, 0)->keywords[0], "財政");
    CHECK_STR(nps_questionnaire_theme_at(q, 4)->name, "連携");
    CHECK_INT(nps_questionnaire_theme_at(q, 4)->n_keywords, 16); /* 8 keywords and 8 exclusions (!農福連携 …) */
    nps_questionnaire_free(q);
}

TEST(default_personal_fields)
{
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    CHECK_INT(nps_questionnaire_personal_field(q, NPS_PERSONAL_NAME)->question, 1);
    CHECK_INT(nps_questionnaire_personal_field(q, NPS_PERSONAL_ORGANISATION)->question, 2);
    CHECK_INT(nps_questionnaire_personal_field(q, NPS_PERSONAL_EMAIL)->question, 3);
    CHECK_INT(nps_questionnaire_personal_field(q, NPS_PERSONAL_PHONE)->question, 4);
    CHECK(nps_questionnaire_personal_field(q, NPS_PERSONAL_NONE) == NULL);
    CHECK_INT(nps_questionnaire_field(q, 5, 0)->personal, NPS_PERSONAL_NONE);
    nps_questionnaire_free(q);
}

TEST(directory_matches_embedded)
{
    nps_questionnaire *a = load_default(), *b = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_questionnaire_load_dir(NPS_SOURCE_DIR "/questionnaire", &b, &diag), NPS_OK);
    if (a && b) {
        CHECK_INT(nps_questionnaire_field_count(b), nps_questionnaire_field_count(a));
        for (size_t c = 0; c < nps_questionnaire_field_count(a); c++) {
            const nps_field *fa = nps_questionnaire_field_at(a, c), *fb = nps_questionnaire_field_at(b, c);
            CHECK(fb && fa->question == fb->question && fa->item_index == fb->item_index &&
                  fa->type == fb->type && strcmp(fa->label, fb->label) == 0);
        }
    }
    nps_questionnaire_free(a);
    nps_questionnaire_free(b);
}

TEST(bom_and_crlf_accepted)
{
    qdir d;
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    if (!qdir_make(&d, NULL))
        return;
    /* a spreadsheet's BOM on survey.csv, CRLF line ends in choices.csv */
    long l1 = find_line(&d, "survey.csv", "number,");
    edit_line(&d, "survey.csv", l1, "number", "\xEF\xBB\xBFnumber");
    {
        char path[512], **lines;
        snprintf(path, sizeof path, "%s/choices.csv", d.path);
        size_t n = read_lines(path, &lines);
        FILE *f = fopen(path, "wb");
        for (size_t i = 0; f && i < n; i++)
            fprintf(f, "%s\r\n", lines[i]);
        if (f)
            fclose(f);
        free_lines(lines, n);
    }
    CHECK_INT(nps_questionnaire_load_dir(d.path, &q, &diag), NPS_OK);
    if (q) {
        CHECK_INT(nps_questionnaire_question_count(q), 39);
        CHECK_STR(nps_questionnaire_field(q, 6, 0)->list->options[8].label, "その他");
    }
    nps_questionnaire_free(q);
    qdir_remove(&d);
}

/* ---------- broken sets ---------- */

TEST(broken_seed_category_typo)
{
    /* the seed's table: DV加害 twice (once written "DV 加害"), いじめ（職場） missing */
    qdir d;
    if (!qdir_make(&d, "seed-category-typo"))
        return;
    expect_broken(&d, "/troubles.csv", 5, "is already in a category (line 3)");
    expect_broken(&d, "/troubles.csv", 5, "\"DV 加害\"");
    /* fixing the duplicate still leaves いじめ（職場） in no category */
    set_line(&d, "troubles.csv", 5, NULL);
    expect_broken(&d, "/troubles.csv", 0, "trouble \"いじめ（職場）\" (Q22 row 2) is in no category");
    qdir_remove(&d);
}

TEST(broken_trouble_in_no_category)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    set_line(&d, "troubles.csv", find_line(&d, "troubles.csv", "その他,犯罪歴がある"), NULL);
    expect_broken(&d, "/troubles.csv", 0, "trouble \"犯罪歴がある\" (Q22 row 31) is in no category");
    qdir_remove(&d);
}

TEST(broken_trouble_not_a_row)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "troubles.csv", "人間関係,ハラスメント");
    set_line(&d, "troubles.csv", line, "人間関係,パワハラ");
    expect_broken(&d, "/troubles.csv", line, "\"パワハラ\" is not a row of Q22");
    qdir_remove(&d);
}

TEST(broken_duplicate_question_number)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "5,,text,");
    edit_line(&d, "survey.csv", line, "5,,text,", "4,,text,");
    expect_broken(&d, "/survey.csv", line, "duplicate question number 4");
    qdir_remove(&d);
}

TEST(broken_unknown_list)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "6,,select_multiple,q6,");
    edit_line(&d, "survey.csv", line, ",q6,", ",q6x,");
    expect_broken(&d, "/survey.csv", line, "unknown list \"q6x\"");
    qdir_remove(&d);
}

TEST(broken_unknown_matrix_list)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "22,,matrix,handling,");
    edit_line(&d, "survey.csv", line, "handling", "handlings");
    expect_broken(&d, "/survey.csv", line, "unknown list \"handlings\"");
    qdir_remove(&d);
}

TEST(broken_unknown_bin_set)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "16,,number,,count,count,");
    edit_line(&d, "survey.csv", line, ",count,count,", ",counts,count,");
    expect_broken(&d, "/survey.csv", line, "unknown bin set \"counts\"");
    qdir_remove(&d);
}

TEST(broken_number_without_unit)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "13,1,number,,count,count,");
    edit_line(&d, "survey.csv", line, ",count,count,", ",count,people,");
    expect_broken(&d, "/survey.csv", line, "number field needs unit");
    qdir_remove(&d);
}

TEST(broken_overlapping_bins)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "bins.csv", "count,6～10人,");
    set_line(&d, "bins.csv", line, "count,6～10人,\"[5,10]\"");   /* 5 is in 1～5人 too */
    expect_broken(&d, "/bins.csv", line, "overlaps or leaves a gap");
    set_line(&d, "bins.csv", line, "count,6～10人,\"(3,10]\"");
    expect_broken(&d, "/bins.csv", line, "overlaps or leaves a gap");
    qdir_remove(&d);
}

TEST(broken_gap_between_bins)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "bins.csv", "count,6～10人,");
    set_line(&d, "bins.csv", line, "count,6～10人,\"(6,10]\"");
    expect_broken(&d, "/bins.csv", line, "bin \"6～10人\" of \"count\" overlaps or leaves a gap");
    /* (5,10] after (0,5] is right; [5,10] after (0,5) is right too, but
     * (5,10] after (0,5) leaves 5 out */
    long prev = find_line(&d, "bins.csv", "count,1～5人,");
    set_line(&d, "bins.csv", prev, "count,1～5人,\"(0,5)\"");
    set_line(&d, "bins.csv", line, "count,6～10人,\"(5,10]\"");
    expect_broken(&d, "/bins.csv", line, "overlaps or leaves a gap");
    qdir_remove(&d);
}

TEST(broken_bad_interval_syntax)
{
    static const char *const bad[] = {"5-10", "[5,10", "(5;10]", "(10,5]", "(,)", "(a,10]", "(5,5]", "others"};
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        qdir d;
        char text[128], want[64];
        if (!qdir_make(&d, NULL))
            return;
        long line = find_line(&d, "bins.csv", "count,6～10人,");
        snprintf(text, sizeof text, "count,6～10人,\"%s\"", bad[i]);
        snprintf(want, sizeof want, "bad interval \"%s\"", bad[i]);
        set_line(&d, "bins.csv", line, text);
        expect_broken(&d, "/bins.csv", line, want);
        qdir_remove(&d);
    }
}

TEST(broken_bin_set_not_consecutive)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "bins.csv", "percent,0%,");
    /* a count bin after the percent set began */
    long last = find_line(&d, "bins.csv", "count,5001人～,");
    swap_lines(&d, "bins.csv", last, line);
    expect_broken(&d, "/bins.csv", line, "rows of bin set \"count\" must be consecutive");
    qdir_remove(&d);
}

TEST(broken_duplicate_option_name)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "choices.csv", "q6,q6_2,");
    edit_line(&d, "choices.csv", line, "q6,q6_2,", "q6,q6_1,");
    expect_broken(&d, "/choices.csv", line, "duplicate option name \"q6_1\" in list \"q6\"");
    qdir_remove(&d);
}

TEST(broken_duplicate_option_label)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "choices.csv", "q29,q29_2,");
    set_line(&d, "choices.csv", line, "q29,q29_2,あり,");
    expect_broken(&d, "/choices.csv", line, "duplicate option label \"あり\" in list \"q29\"");
    qdir_remove(&d);
}

TEST(broken_option_roles)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "choices.csv", "q6,q6_9,");
    set_line(&d, "choices.csv", line, "q6,q6_9,その他,others");
    expect_broken(&d, "/choices.csv", line, "unknown role \"others\"");
    set_line(&d, "choices.csv", line, "q6,q6_9,その他,other");
    long eight = find_line(&d, "choices.csv", "q6,q6_8,");
    set_line(&d, "choices.csv", eight, "q6,q6_8,相互学習の場（サークルなどを含む）,other");
    expect_broken(&d, "/choices.csv", line, "list \"q6\" has two \"other\" options");
    qdir_remove(&d);
}

TEST(broken_unknown_question_type)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "1,,text,");
    edit_line(&d, "survey.csv", line, "1,,text,", "1,,txt,");
    expect_broken(&d, "/survey.csv", line, "unknown question type \"txt\"");
    qdir_remove(&d);
}

TEST(broken_item_rows_out_of_order)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long one = find_line(&d, "survey.csv", "13,1,"), two = find_line(&d, "survey.csv", "13,2,");
    swap_lines(&d, "survey.csv", one, two);
    expect_broken(&d, "/survey.csv", one, "items of Q13 must be numbered 1, 2, 3");
    expect_broken(&d, "/survey.csv", one, "(got 2)");
    qdir_remove(&d);
}

TEST(broken_item_row_without_question)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "13,1,");
    edit_line(&d, "survey.csv", line, "13,1,", "12,1,");
    expect_broken(&d, "/survey.csv", line, "item row of Q12 must follow its matrix or group question row");
    qdir_remove(&d);
}

TEST(broken_bad_question_number)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "7,,select_multiple,");
    edit_line(&d, "survey.csv", line, "7,,", "Q7,,");
    expect_broken(&d, "/survey.csv", line, "question number \"Q7\" is not a whole number");
    qdir_remove(&d);
}

TEST(broken_missing_column)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    set_line(&d, "choices.csv", 1, "list_name,name,text,role");
    expect_broken(&d, "/choices.csv", 1, "missing column \"label\"");
    qdir_remove(&d);
    if (!qdir_make(&d, NULL))
        return;
    set_line(&d, "survey.csv", 1, "number,item,type,list,bins,unit,label,title");
    expect_broken(&d, "/survey.csv", 1, "missing column \"personal\"");
    qdir_remove(&d);
}

TEST(broken_unterminated_quote)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "bins.csv", "count,11～20人,");
    set_line(&d, "bins.csv", line, "count,11～20人,\"(10,20]");
    expect_broken(&d, "/bins.csv", line, "a quoted field is never closed");
    qdir_remove(&d);
    /* the last line of a file, so the quote runs to the end */
    if (!qdir_make(&d, NULL))
        return;
    line = find_line(&d, "settings.csv", "email_question,");
    set_line(&d, "settings.csv", line, "email_question,\"3");
    expect_broken(&d, "/settings.csv", line, "a quoted field is never closed");
    qdir_remove(&d);
}

TEST(broken_invalid_utf8)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "5,,text,");
    edit_line(&d, "survey.csv", line, "団体の活動目的", "\x92\x63\x91\xCC"); /* 団体 in CP932 */
    expect_broken(&d, "/survey.csv", line, "invalid UTF-8");
    qdir_remove(&d);
}

TEST(broken_empty_and_missing_files)
{
    qdir d;
    char path[512];
    if (!qdir_make(&d, NULL))
        return;
    snprintf(path, sizeof path, "%s/survey.csv", d.path);
    CHECK(spit(path, "", 0));
    expect_broken(&d, "/survey.csv", 1, "file is empty");
    /* blank lines only are empty too */
    CHECK(spit(path, "\n\n", 2));
    expect_broken(&d, "/survey.csv", 1, "file is empty");
    /* a header and no questions */
    CHECK(spit(path, "number,item,type,list,bins,unit,personal,label,title\n", 53));
    expect_broken(&d, "/survey.csv", 1, "no questions");
    qdir_remove(&d);
    if (!qdir_make(&d, NULL))
        return;
    snprintf(path, sizeof path, "%s/choices.csv", d.path);
    unlink(path);
    expect_broken(&d, "/choices.csv", 0, "file is missing");
    qdir_remove(&d);
}

TEST(broken_settings)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "settings.csv", "troubles_question,");
    /* a question of the wrong type: named where it is set, not where it is used */
    set_line(&d, "settings.csv", line, "troubles_question,6");
    expect_broken(&d, "/settings.csv", line, "troubles_question: Q6 is a select_multiple question, not a matrix");
    set_line(&d, "settings.csv", line, "survey_title,again");
    expect_broken(&d, "/settings.csv", line, "duplicate key \"survey_title\"");
    /* no troubles question while troubles.csv has rows */
    set_line(&d, "settings.csv", line, "troubles_question,");
    expect_broken(&d, "/troubles.csv", 0, "troubles_question must name a matrix question");
    qdir_remove(&d);
}

/* Load d expecting failure; the diagnostic's hint must hold `hint`. */
static void expect_hint(const qdir *d, const char *hint)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_questionnaire_load_dir(d->path, &q, &diag), NPS_ERR_QUESTIONNAIRE);
    CHECK(strstr(diag.hint, hint) != NULL);
    nps_questionnaire_free(q);
}

TEST(broken_settings_unknown_key)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    /* a typo used to pass silently (and turned the gap chart's staff count off) */
    long line = find_line(&d, "settings.csv", "gap_staff_question,");
    set_line(&d, "settings.csv", line, "gap_staf_question,13");
    expect_broken(&d, "/settings.csv", line, "unknown key \"gap_staf_question\"");
    expect_hint(&d, "known keys: survey_title, troubles_question, gap_business_questions");
    qdir_remove(&d);
}

TEST(broken_settings_not_a_number)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "settings.csv", "gap_users_question,");
    set_line(&d, "settings.csv", line, "gap_users_question,Q16");
    expect_broken(&d, "/settings.csv", line, "gap_users_question: \"Q16\" is not a whole number 1–999");
    set_line(&d, "settings.csv", line, "gap_users_question,16");
    line = find_line(&d, "settings.csv", "gap_business_questions,");
    set_line(&d, "settings.csv", line, "gap_business_questions,6 7 8x 9");
    expect_broken(&d, "/settings.csv", line, "gap_business_questions: \"8x\" is not a whole number");
    set_line(&d, "settings.csv", line, "gap_business_questions,6,7");
    expect_broken(&d, "/settings.csv", line, "gap_business_questions: an extra cell \"7\"");
    set_line(&d, "settings.csv", line, "gap_business_questions,6 7");
    line = find_line(&d, "settings.csv", "gap_staff_question,");
    set_line(&d, "settings.csv", line, "gap_staff_question,13 16");
    expect_broken(&d, "/settings.csv", line, "gap_staff_question: one question number expected");
    qdir_remove(&d);
}

TEST(broken_settings_no_such_question)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "settings.csv", "theme_questions,");
    set_line(&d, "settings.csv", line, "theme_questions,38 93");
    expect_broken(&d, "/settings.csv", line, "theme_questions: the survey has no question 93");
    set_line(&d, "settings.csv", line, "theme_questions,38 39");
    line = find_line(&d, "settings.csv", "gap_business_questions,");
    set_line(&d, "settings.csv", line, "gap_business_questions,6 7 5");
    expect_broken(&d, "/settings.csv", line, "gap_business_questions: Q5 is a text question, not a select_multiple");
    set_line(&d, "settings.csv", line, "gap_business_questions,6 7");
    line = find_line(&d, "settings.csv", "gap_staff_items,");
    set_line(&d, "settings.csv", line, "gap_staff_items,1 2 9");
    expect_broken(&d, "/settings.csv", line, "gap_staff_items: Q13 has no item 9");
    qdir_remove(&d);
}

/* Set `key`'s line to "key,value" and expect the load to fail there with
 * `message` and a hint holding `hint`; then put the line back. */
static void expect_setting(qdir *d, const char *key, const char *value, const char *message,
                           const char *hint)
{
    char prefix[64], text[256], path[512], **lines;
    snprintf(prefix, sizeof prefix, "%s,", key);
    long line = find_line(d, "settings.csv", prefix);
    snprintf(path, sizeof path, "%s/settings.csv", d->path);
    size_t n = read_lines(path, &lines);
    char *old = line >= 1 && (size_t)line <= n ? strdup(lines[line - 1]) : NULL;
    free_lines(lines, n);
    snprintf(text, sizeof text, "%s,%s", key, value);
    set_line(d, "settings.csv", line, text);
    expect_broken(d, "/settings.csv", line, message);
    if (hint)
        expect_hint(d, hint);
    set_line(d, "settings.csv", line, old);
    free(old);
}

/* Settings pointing at questions of the wrong kind fail where they are set,
 * saying what the question is and what would fit (questionnaire/README.md,
 * settings). The default set must load again after each case. */
TEST(broken_settings_wrong_kind)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    expect_setting(&d, "troubles_question", "29", "troubles_question: Q29 is a select_one question, not a matrix",
                   "troubles of troubles.csv");
    expect_setting(&d, "theme_questions", "38 6", "theme_questions: Q6 is a select_multiple question without a text field",
                   "name text questions or groups with text items");
    expect_setting(&d, "theme_questions", "37", "theme_questions: Q37 is a rating question without a text field", NULL);
    /* Q1 is text, but personal data: never coded, never quoted */
    expect_setting(&d, "theme_questions", "1 38", "theme_questions: Q1 holds personal data", "remove 1 from the list");
    expect_setting(&d, "free_text_questions", "21 3", "free_text_questions: Q3 holds personal data", NULL);
    expect_setting(&d, "theme_questions", "38 39 38", "theme_questions: 38 is listed twice", NULL);
    /* Q26 (select_one with その他) may be listed as free text, but Q29 (no その他) not */
    expect_setting(&d, "free_text_questions", "21 26 29",
                   "free_text_questions: Q29 is a select_one question with neither a text field nor an その他 write-in",
                   "role other");
    expect_setting(&d, "gap_users_question", "5", "gap_users_question: Q5 is a text question without a number field",
                   "number question");
    expect_setting(&d, "gap_staff_question", "22", "gap_staff_question: Q22 is a matrix question without a number field", NULL);
    expect_setting(&d, "organisation_question", "5", "organisation_question: Q5 is not marked personal=organisation",
                   "survey.csv marks Q2 as the organisation's name");
    expect_setting(&d, "email_question", "2", "email_question: Q2 is not marked personal=email", "marks Q3");
    expect_setting(&d, "email_question", "6", "email_question: Q6 is a select_multiple question, not a text question",
                   "e-mail address");
    qdir_remove(&d);
    /* the default set, unchanged, loads */
    nps_questionnaire *q = load_default();
    CHECK(q != NULL);
    nps_questionnaire_free(q);
}

/* The troubles matrix must be over the five handling states; the gap's
 * staff items must be number fields. */
TEST(broken_settings_troubles_list_and_staff_items)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "choices.csv", "handling,none_known,");
    set_line(&d, "choices.csv", line, NULL); /* four handling states left */
    expect_broken(&d, "/settings.csv", find_line(&d, "settings.csv", "troubles_question,"),
                  "troubles_question: Q22's list \"handling\" has 4 options; the response flows need the 5 handling states");
    qdir_remove(&d);
    if (!qdir_make(&d, NULL))
        return;
    /* Q31 is a group of a number, an area and a text item: item 3 is text */
    set_line(&d, "settings.csv", find_line(&d, "settings.csv", "gap_staff_question,"), "gap_staff_question,31");
    line = find_line(&d, "settings.csv", "gap_staff_items,");
    set_line(&d, "settings.csv", line, "gap_staff_items,1 3");
    expect_broken(&d, "/settings.csv", line, "gap_staff_items: item 3 of Q31 is not a number field");
    set_line(&d, "settings.csv", line, "gap_staff_items,1 2");
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_questionnaire_load_dir(d.path, &q, &diag), NPS_OK);
    nps_questionnaire_free(q);
    qdir_remove(&d);
}

TEST(broken_two_personal_fields)
{
    qdir d;
    if (!qdir_make(&d, NULL))
        return;
    long line = find_line(&d, "survey.csv", "5,,text,");
    edit_line(&d, "survey.csv", line, "5,,text,,,,,", "5,,text,,,,email,");
    expect_broken(&d, "/survey.csv", 0, "a personal-data kind is given to 2 fields");
    edit_line(&d, "survey.csv", line, ",email,", ",secret,");
    expect_broken(&d, "/survey.csv", line, "unknown personal kind \"secret\"");
    qdir_remove(&d);
}

UNIT_MAIN()
