/*
 * test_troubles.c — response flows and organisation lists (troubles.h) on a
 * dataset built by hand over the default questionnaire.
 *
 * Four organisations answer the 32 troubles by category (answers listed in
 * the category's trouble order; 0 = blank). Every expected number below was
 * counted by hand from this table, not by the code under test:
 *
 *            人間関係     心身の状態         環境の変化    家庭起因  その他
 *   R001     5 5 5 5 5    5 5 5 5 5 5 5 5    5 5 5 5 5 5   5 5 5 5   5 5 5 5 5 5 5 5 5
 *   R002     1 2 3 4 5    2 2 2 2 2 2 2 2    0 0 0 0 0 0   5 5 0 0   3 3 3 4 4 4 5 5 5
 *   R003     2 2 0 5 5    1 1 1 1 5 5 5 5    5 5 5 5 5 4   2 2 2 2   0 0 0 0 0 0 0 0 0
 *   R004     0 0 0 0 0    3 4 5 0 2 1 2 5    2 2 2 2 2 2   1 0 3 4   1 2 1 2 1 2 1 2 0
 *
 * Q22's own その他 row is answered 1 by everyone and must count nowhere.
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/troubles.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define N_ORGS 4
#define N_CATS 5

static const int answers[N_ORGS][N_CATS][9] = {
    {{5, 5, 5, 5, 5}, {5, 5, 5, 5, 5, 5, 5, 5}, {5, 5, 5, 5, 5, 5}, {5, 5, 5, 5},
     {5, 5, 5, 5, 5, 5, 5, 5, 5}},
    {{1, 2, 3, 4, 5}, {2, 2, 2, 2, 2, 2, 2, 2}, {0, 0, 0, 0, 0, 0}, {5, 5, 0, 0},
     {3, 3, 3, 4, 4, 4, 5, 5, 5}},
    {{2, 2, 0, 5, 5}, {1, 1, 1, 1, 5, 5, 5, 5}, {5, 5, 5, 5, 5, 4}, {2, 2, 2, 2},
     {0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {{0, 0, 0, 0, 0}, {3, 4, 5, 0, 2, 1, 2, 5}, {2, 2, 2, 2, 2, 2}, {1, 0, 3, 4},
     {1, 2, 1, 2, 1, 2, 1, 2, 0}},
};

static const char *const org_names[N_ORGS] = {
    "特定非営利活動法人　ひまわりの会", "ＮＰＯ法人 北のあかり", "一般社団法人つなぐ手", "任意団体 こもれび"};

static nps_questionnaire *q;

static void unload(void) { nps_questionnaire_free(q); }

static const nps_questionnaire *questionnaire(void)
{
    nps_diag diag;
    if (!q) {
        if (nps_questionnaire_load_default(&q, &diag) != NPS_OK) {
            fprintf(stderr, "cannot load the default questionnaire: %s\n", diag.message);
            exit(1);
        }
        atexit(unload);
    }
    return q;
}

static nps_dataset *make_dataset(void)
{
    const nps_questionnaire *qq = questionnaire();
    int tq = nps_questionnaire_troubles_question(qq);
    const nps_field *name = nps_questionnaire_personal_field(qq, NPS_PERSONAL_ORGANISATION);
    const nps_question *q22 = nps_questionnaire_question(qq, tq);
    nps_dataset *d = NULL;
    if (nps_dataset_new(qq, &d) != NPS_OK)
        exit(1);
    for (size_t o = 0; o < N_ORGS; o++) {
        size_t row;
        if (nps_dataset_add_row(d, (long)o + 2, 0, &row) != NPS_OK)
            exit(1);
        nps_dataset_set_text(d, row, name, org_names[o], strlen(org_names[o]));
        for (size_t c = 0; c < N_CATS; c++) {
            const nps_category *cat = nps_questionnaire_category_at(qq, c);
            for (size_t k = 0; k < cat->n_troubles; k++)
                nps_dataset_set_choice(d, row, nps_questionnaire_field(qq, tq, cat->rows[k]),
                                       answers[o][c][k]);
        }
        /* the question's own その他 row (the last) */
        nps_dataset_set_choice(d, row, q22->fields[q22->n_fields - 1], 1);
    }
    return d;
}

static nps_flows *make_flows(nps_dataset *d, bool reveal)
{
    nps_flows_options opt = {reveal};
    nps_flows *f = NULL;
    CHECK_INT(nps_flows_build_opts(d, &opt, &f), NPS_OK);
    if (!f)
        exit(1);
    return f;
}

/* Counts per category in node order: 全回答 把握している 対応する意向あり
 * 対応できている 自団体で対応 他団体と連携して対応 取り組み中 対応予定なし
 * 把握していない 無回答 — counted by hand from the table above. */
static const struct {
    const char *category;
    long count[NPS_FLOW_NODE_COUNT];
} expected_counts[] = {
    {"人間関係", {20, 6, 5, 4, 1, 3, 1, 1, 8, 6}},
    {"心身の状態", {32, 17, 16, 15, 5, 10, 1, 1, 14, 1}},
    {"環境の変化", {24, 7, 6, 6, 0, 6, 0, 1, 11, 6}},
    {"家庭起因", {16, 7, 6, 5, 1, 4, 1, 1, 6, 3}},
    {"その他", {36, 14, 11, 8, 4, 4, 3, 3, 12, 10}},
    {"全体", {128, 51, 44, 38, 11, 27, 6, 7, 51, 26}},
};


/* Organisation i of category c by value (zeroed when out of range). */
static nps_flow_org org_at(const nps_flows *f, size_t c, size_t i)
{
    nps_flow_org o;
    if (!nps_flows_org(f, c, i, &o))
        memset(&o, 0, sizeof o);
    return o;
}

TEST(flow_counts_every_node)
{
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    CHECK_INT(nps_flows_category_count(f), COUNT_OF(expected_counts));
    for (size_t c = 0; c < COUNT_OF(expected_counts) && c < nps_flows_category_count(f); c++) {
        CHECK_STR(nps_flows_category_name(f, c), expected_counts[c].category);
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *n = nps_flows_node(f, c, (nps_flow_node_id)id);
            int before = unit_failures;
            CHECK_INT(n->count, expected_counts[c].count[id]);
            CHECK_NEAR(n->percent, 100.0 * (double)expected_counts[c].count[id] /
                                       (double)expected_counts[c].count[0], 1e-9);
            if (unit_failures != before)
                fprintf(stderr, "  ^ %s / %s\n", expected_counts[c].category, n->name);
        }
    }
    CHECK_INT(nps_flows_category_trouble_count(f, 0), 5);
    CHECK_INT(nps_flows_category_trouble_count(f, 5), 32);
    CHECK_INT(nps_flows_question(f), 22);
    nps_flows_free(f);
    nps_dataset_free(d);
}

TEST(flow_tree_shape)
{
    static const struct {
        nps_flow_node_id id;
        const char *name;
        int parent;
    } shape[] = {
        {NPS_FLOW_ALL, "全回答", -1},
        {NPS_FLOW_KNOWN, "把握している", NPS_FLOW_ALL},
        {NPS_FLOW_INTEND, "対応する意向あり", NPS_FLOW_KNOWN},
        {NPS_FLOW_HANDLED, "対応できている", NPS_FLOW_INTEND},
        {NPS_FLOW_OWN, "自団体で対応", NPS_FLOW_HANDLED},
        {NPS_FLOW_PARTNER, "他団体と連携して対応", NPS_FLOW_HANDLED},
        {NPS_FLOW_WORKING, "取り組み中", NPS_FLOW_INTEND},
        {NPS_FLOW_NO_PLAN, "対応予定なし", NPS_FLOW_KNOWN},
        {NPS_FLOW_UNKNOWN, "把握していない", NPS_FLOW_ALL},
        {NPS_FLOW_NO_ANSWER, "無回答", NPS_FLOW_ALL},
    };
    static const struct {
        int answer;
        nps_flow_node_id leaf;
    } leaves[] = {{0, NPS_FLOW_NO_ANSWER}, {1, NPS_FLOW_OWN},     {2, NPS_FLOW_PARTNER},
                  {3, NPS_FLOW_WORKING},   {4, NPS_FLOW_NO_PLAN}, {5, NPS_FLOW_UNKNOWN},
                  {6, NPS_FLOW_NO_ANSWER}, {-1, NPS_FLOW_NO_ANSWER}};
    for (size_t i = 0; i < COUNT_OF(shape); i++) {
        CHECK_STR(nps_flow_node_name(shape[i].id), shape[i].name);
        CHECK_INT(nps_flow_node_parent(shape[i].id), shape[i].parent);
    }
    for (size_t i = 0; i < COUNT_OF(leaves); i++)
        CHECK_INT(nps_flow_leaf_of_answer(leaves[i].answer), leaves[i].leaf);
}

/* Write with `fn` into a string (caller frees). */
static char *capture(nps_error (*fn)(const nps_flows *, nps_table_format, FILE *),
                     const nps_flows *f, nps_table_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        exit(1);
    CHECK_INT(fn(f, fmt, out), NPS_OK);
    fclose(out);
    return buf;
}

TEST(flow_csv_exact)
{
    static const char expected[] =
        "category,node,count,percent\n"
        "人間関係,全回答,20,100.0\n"
        "人間関係,把握している,6,30.0\n"
        "人間関係,対応する意向あり,5,25.0\n"
        "人間関係,対応できている,4,20.0\n"
        "人間関係,自団体で対応,1,5.0\n"
        "人間関係,他団体と連携して対応,3,15.0\n"
        "人間関係,取り組み中,1,5.0\n"
        "人間関係,対応予定なし,1,5.0\n"
        "人間関係,把握していない,8,40.0\n"
        "人間関係,無回答,6,30.0\n"
        "心身の状態,全回答,32,100.0\n"
        "心身の状態,把握している,17,53.1\n"
        "心身の状態,対応する意向あり,16,50.0\n"
        "心身の状態,対応できている,15,46.9\n"
        "心身の状態,自団体で対応,5,15.6\n"
        "心身の状態,他団体と連携して対応,10,31.3\n"
        "心身の状態,取り組み中,1,3.1\n"
        "心身の状態,対応予定なし,1,3.1\n"
        "心身の状態,把握していない,14,43.8\n"
        "心身の状態,無回答,1,3.1\n"
        "環境の変化,全回答,24,100.0\n"
        "環境の変化,把握している,7,29.2\n"
        "環境の変化,対応する意向あり,6,25.0\n"
        "環境の変化,対応できている,6,25.0\n"
        "環境の変化,自団体で対応,0,0.0\n"
        "環境の変化,他団体と連携して対応,6,25.0\n"
        "環境の変化,取り組み中,0,0.0\n"
        "環境の変化,対応予定なし,1,4.2\n"
        "環境の変化,把握していない,11,45.8\n"
        "環境の変化,無回答,6,25.0\n"
        "家庭起因,全回答,16,100.0\n"
        "家庭起因,把握している,7,43.8\n"
        "家庭起因,対応する意向あり,6,37.5\n"
        "家庭起因,対応できている,5,31.3\n"
        "家庭起因,自団体で対応,1,6.3\n"
        "家庭起因,他団体と連携して対応,4,25.0\n"
        "家庭起因,取り組み中,1,6.3\n"
        "家庭起因,対応予定なし,1,6.3\n"
        "家庭起因,把握していない,6,37.5\n"
        "家庭起因,無回答,3,18.8\n"
        "その他,全回答,36,100.0\n"
        "その他,把握している,14,38.9\n"
        "その他,対応する意向あり,11,30.6\n"
        "その他,対応できている,8,22.2\n"
        "その他,自団体で対応,4,11.1\n"
        "その他,他団体と連携して対応,4,11.1\n"
        "その他,取り組み中,3,8.3\n"
        "その他,対応予定なし,3,8.3\n"
        "その他,把握していない,12,33.3\n"
        "その他,無回答,10,27.8\n"
        "全体,全回答,128,100.0\n"
        "全体,把握している,51,39.8\n"
        "全体,対応する意向あり,44,34.4\n"
        "全体,対応できている,38,29.7\n"
        "全体,自団体で対応,11,8.6\n"
        "全体,他団体と連携して対応,27,21.1\n"
        "全体,取り組み中,6,4.7\n"
        "全体,対応予定なし,7,5.5\n"
        "全体,把握していない,51,39.8\n"
        "全体,無回答,26,20.3\n";
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    char *got = capture(nps_flows_write, f, NPS_FORMAT_CSV);
    CHECK_STR(got, expected);
    free(got);
    nps_flows_free(f);
    nps_dataset_free(d);
}

/* Row of trouble k of category c in the troubles question. */
static uint64_t bits(size_t c, const int *ks, size_t n)
{
    const nps_category *cat = nps_questionnaire_category_at(questionnaire(), c);
    uint64_t b = 0;
    for (size_t i = 0; i < n; i++)
        b |= (uint64_t)1 << (cat->rows[ks[i]] - 1);
    return b;
}

TEST(org_leaves_and_troubles)
{
    /* category, org, node, count, trouble positions within the category */
    static const struct {
        size_t c, org;
        nps_flow_node_id node;
        int count;
        int ks[9];
        size_t nk;
    } cases[] = {
        {0, 1, NPS_FLOW_OWN, 1, {0}, 1},
        {0, 1, NPS_FLOW_PARTNER, 1, {1}, 1},
        {0, 1, NPS_FLOW_WORKING, 1, {2}, 1},
        {0, 1, NPS_FLOW_NO_PLAN, 1, {3}, 1},
        {0, 1, NPS_FLOW_UNKNOWN, 1, {4}, 1},
        {0, 1, NPS_FLOW_NO_ANSWER, 0, {0}, 0},
        {0, 1, NPS_FLOW_KNOWN, 4, {0, 1, 2, 3}, 4},
        {0, 2, NPS_FLOW_PARTNER, 2, {0, 1}, 2},
        {0, 2, NPS_FLOW_NO_ANSWER, 1, {2}, 1},
        {0, 2, NPS_FLOW_UNKNOWN, 2, {3, 4}, 2},
        {0, 3, NPS_FLOW_NO_ANSWER, 5, {0, 1, 2, 3, 4}, 5},
        {1, 3, NPS_FLOW_WORKING, 1, {0}, 1},
        {1, 3, NPS_FLOW_NO_PLAN, 1, {1}, 1},
        {1, 3, NPS_FLOW_UNKNOWN, 2, {2, 7}, 2},
        {1, 3, NPS_FLOW_NO_ANSWER, 1, {3}, 1},
        {1, 3, NPS_FLOW_PARTNER, 2, {4, 6}, 2},
        {1, 3, NPS_FLOW_OWN, 1, {5}, 1},
        {1, 3, NPS_FLOW_HANDLED, 3, {4, 5, 6}, 3},
        {3, 3, NPS_FLOW_OWN, 1, {0}, 1},
        {3, 3, NPS_FLOW_NO_ANSWER, 1, {1}, 1},
        {3, 3, NPS_FLOW_WORKING, 1, {2}, 1},
        {3, 3, NPS_FLOW_NO_PLAN, 1, {3}, 1},
        {4, 1, NPS_FLOW_WORKING, 3, {0, 1, 2}, 3},
        {4, 1, NPS_FLOW_NO_PLAN, 3, {3, 4, 5}, 3},
        {4, 1, NPS_FLOW_UNKNOWN, 3, {6, 7, 8}, 3},
        {4, 2, NPS_FLOW_NO_ANSWER, 9, {0, 1, 2, 3, 4, 5, 6, 7, 8}, 9},
    };
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    CHECK_INT(nps_flows_org_count(f), N_ORGS);
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const nps_flow_org o_v = org_at(f, cases[i].c, cases[i].org), *o = &o_v;
        int before = unit_failures;
        CHECK_INT(o->row, cases[i].org);
        CHECK_INT(o->count[cases[i].node], cases[i].count);
        CHECK(o->troubles[cases[i].node] == bits(cases[i].c, cases[i].ks, cases[i].nk));
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
    /* 全体 holds every answer of the organisation */
    const nps_flow_org all_v = org_at(f, 5, 3), *all = &all_v;
    CHECK_INT(all->count[NPS_FLOW_ALL], 32);
    CHECK_INT(all->count[NPS_FLOW_PARTNER], 2 + 6 + 4);
    CHECK_STR(org_at(f, 0, 0).id, "R001");
    CHECK_STR(org_at(f, 0, 3).id, "R004");
    nps_flows_free(f);
    nps_dataset_free(d);
}

TEST(org_knows_none_lists)
{
    /* knows none = at least one 5 and no 1–4; a blank category is not "none" */
    static const struct {
        size_t c;
        size_t n;
        const char *ids[N_ORGS];
    } cases[] = {
        {0, 1, {"R001"}},         /* R003 has 2s beside its 5s; R004 is blank */
        {1, 1, {"R001"}},
        {2, 1, {"R001"}},         /* R003 has one 4; R002 is blank */
        {3, 2, {"R001", "R002"}}, /* R002: 5 5 and two blanks */
        {4, 1, {"R001"}},         /* R002 has 3s and 4s; R003 is blank */
        {5, 1, {"R001"}},
    };
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        CHECK_INT(nps_flows_knows_none_count(f, cases[i].c), cases[i].n);
        for (size_t k = 0; k < cases[i].n; k++) {
            nps_flow_org o;
            CHECK(nps_flows_knows_none_at(f, cases[i].c, k, &o));
            CHECK(o.knows_none);
            CHECK_STR(o.id, cases[i].ids[k]);
        }
        if (unit_failures != before)
            fprintf(stderr, "  ^ category %zu\n", cases[i].c);
    }
    CHECK(!org_at(f, 0, 3).knows_none);
    nps_flow_org none;
    CHECK(!nps_flows_knows_none_at(f, 0, 1, &none));
    CHECK(!nps_flows_org(f, 0, N_ORGS, &none));
    CHECK(!nps_flows_org(f, 6, 0, &none));
    nps_flows_free(f);
    nps_dataset_free(d);
}

TEST(org_names_only_when_revealed)
{
    static const nps_table_format formats[] = {NPS_FORMAT_TEXT, NPS_FORMAT_CSV, NPS_FORMAT_JSON};
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    nps_flows *r = make_flows(d, true);
    CHECK(!nps_flows_reveals_names(f));
    CHECK(nps_flows_reveals_names(r));
    for (size_t o = 0; o < N_ORGS; o++)
        CHECK(org_at(f, 0, o).name == NULL);
    CHECK_STR(org_at(r, 0, 0).name, "特定非営利活動法人 ひまわりの会");
    CHECK_STR(org_at(r, 2, 1).name, "NPO法人 北のあかり");
    for (size_t i = 0; i < COUNT_OF(formats); i++) {
        char *hidden = capture(nps_flows_write_orgs, f, formats[i]);
        char *shown = capture(nps_flows_write_orgs, r, formats[i]);
        char *tree = capture(nps_flows_write, r, formats[i]);
        CHECK(strstr(hidden, "ひまわり") == NULL && strstr(hidden, "あかり") == NULL);
        CHECK(strstr(shown, "ひまわりの会") != NULL && strstr(shown, "北のあかり") != NULL);
        CHECK(strstr(tree, "ひまわり") == NULL); /* names only in the lists */
        CHECK(strstr(hidden, "R003") != NULL);
        free(hidden);
        free(shown);
        free(tree);
    }
    nps_flows_free(r);
    nps_flows_free(f);
    nps_dataset_free(d);
}

TEST(org_list_csv_rows)
{
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    char *got = capture(nps_flows_write_orgs, f, NPS_FORMAT_CSV);
    static const char *const lines[] = {
        "category,org,organisation,knows_none,node,count,troubles\n",
        "人間関係,R003,,0,他団体と連携して対応,2,いじめ（学校） / いじめ（職場）\n",
        "人間関係,R003,,0,把握していない,2,DV加害 / ハラスメント\n",
        "人間関係,R003,,0,無回答,1,DV被害\n",
        "家庭起因,R002,,1,把握していない,2,虐待 / 介護\n",
        "家庭起因,R002,,1,無回答,2,機能不全家庭 / 8050/7040問題\n",
        ("環境の変化,R002,,0,無回答,6,失業 / 家族との死別 / 離婚 / 妊娠、出産 / "
         "家族以外の親しい知人等との死別 / 被災\n"),
    };
    for (size_t i = 0; i < COUNT_OF(lines); i++) {
        int before = unit_failures;
        CHECK(got && strstr(got, lines[i]) != NULL);
        if (unit_failures != before)
            fprintf(stderr, "  ^ missing line %s", lines[i]);
    }
    /* leaves with count 0 and inner nodes are not listed */
    CHECK(strstr(got, "人間関係,R003,,0,自団体で対応") == NULL);
    CHECK(strstr(got, "把握している") == NULL);
    free(got);
    nps_flows_free(f);
    nps_dataset_free(d);
}

TEST(flow_json_and_text)
{
    nps_dataset *d = make_dataset();
    nps_flows *f = make_flows(d, false);
    char *json = capture(nps_flows_write, f, NPS_FORMAT_JSON);
    char *text = capture(nps_flows_write, f, NPS_FORMAT_TEXT);
    CHECK(strncmp(json, "{\"question\":22,\"categories\":[", 29) == 0);
    CHECK(strstr(json, "{\"node\":\"全回答\",\"parent\":null,\"count\":20,\"percent\":100.0}") != NULL);
    CHECK(strstr(json, "{\"node\":\"他団体と連携して対応\",\"parent\":\"対応できている\",\"count\":27,"
                       "\"percent\":21.1}") != NULL);
    CHECK(strstr(text, "\n        他団体と連携して対応  27  21.1%\n") != NULL);
    free(json);
    free(text);
    nps_flows_free(f);
    nps_dataset_free(d);
}

TEST(flows_empty_dataset)
{
    nps_dataset *d = NULL;
    nps_flows *f = NULL;
    CHECK_INT(nps_dataset_new(questionnaire(), &d), NPS_OK);
    CHECK_INT(nps_flows_build(d, &f), NPS_OK);
    CHECK_INT(nps_flows_node(f, 5, NPS_FLOW_ALL)->count, 0);
    CHECK_NEAR(nps_flows_node(f, 5, NPS_FLOW_KNOWN)->percent, 0.0, 0.0);
    CHECK_INT(nps_flows_knows_none_count(f, 0), 0);
    CHECK(nps_flows_node(f, 6, NPS_FLOW_ALL) == NULL);
    nps_flows_free(f);
    nps_dataset_free(d);
}

/* In an NPS_FAILALLOC build: every allocation failure is NPS_ERR_NOMEM
 * and leaks nothing (LeakSanitizer); elsewhere this test is empty. */
TEST(flows_survive_allocation_failures)
{
#ifdef NPS_FAILALLOC
    nps_dataset *d = make_dataset();
    nps_flows_options opt = {true};
    (void)nps_dataset_org_id(d, 0); /* build the dataset's id cache first */
    for (long n = 0; n < 100000; n++) {
        nps_flows *f = NULL;
        nps_alloc_fail_after(n);
        nps_error err = nps_flows_build_opts(d, &opt, &f);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            CHECK_INT(nps_flows_node(f, 5, NPS_FLOW_ALL)->count, 128);
            nps_flows_free(f);
            break;
        }
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(f == NULL);
    }
    nps_dataset_free(d);
#endif
}

UNIT_MAIN()
