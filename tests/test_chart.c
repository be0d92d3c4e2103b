/*
 * test_chart.c — the chart layouts: for every kind, with the survey's data
 * and with hostile data (120-character labels, 37 rows, 0% and 100%
 * segments, every answer missing, no rows at all, a narrow canvas), every
 * text box lies inside the canvas, no two text boxes overlap, and labels
 * drawn inside shapes stay inside them. Tests check the measured layout,
 * not pixels. Also: the private font set resolves Japanese to Noto Sans CJK
 * JP, invalid UTF-8 and inconsistent input are refused before drawing, and
 * drawing reports cairo errors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include "draw/chart.h"
#include "present/palette.h"
#include "unit.h"

/* Under LeakSanitizer: pango's background FcInit parses the machine's
 * fonts.conf (which we never use) and fontconfig keeps a few hundred bytes
 * of that parse unreachable. Not ours to free. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\n";
}
/* fontconfig has no frame pointers: unwind slowly so the frame above is seen. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

static nps_fonts *the_fonts;

static void fonts_free(void)
{
    nps_fonts_free(the_fonts);
    the_fonts = NULL;
}

static nps_fonts *fonts(void)
{
    if (!the_fonts) {
        if (nps_fonts_new(NULL, &the_fonts) != NPS_OK) {
            fprintf(stderr, "cannot load Noto Sans CJK\n");
            exit(2);
        }
        atexit(fonts_free);
    }
    return the_fonts;
}

/* A label of n copies of a Japanese phrase (n*8 characters). */
static char *long_label(int chars)
{
    static const char unit[] = "子ども食堂の居場所";   /* 9 characters */
    size_t ulen = strlen(unit);
    char *s = malloc((size_t)chars / 9 * ulen + ulen + 1);
    int i;
    s[0] = '\0';
    for (i = 0; i < chars; i += 9)
        strcat(s, unit);
    return s;
}

static int boxes_overlap(const nps_chart_box *a, const nps_chart_box *b)
{
    const double eps = 0.01;
    return a->x + eps < b->x + b->width && b->x + eps < a->x + a->width &&
           a->y + eps < b->y + b->height && b->y + eps < a->y + a->height;
}

/* Every invariant of a measured layout; returns the number of violations. */
static int check_layout(const nps_chart_layout *l, const char *what)
{
    double w = nps_chart_layout_width(l), h = nps_chart_layout_height(l);
    size_t n = nps_chart_layout_box_count(l), i, j;
    const double tol = 0.5;
    int bad = 0;

    if (!(h > 0) || !(w > 0)) {
        fprintf(stderr, "%s: empty canvas %gx%g\n", what, w, h);
        bad++;
    }
    for (i = 0; i < n; i++) {
        const nps_chart_box *b = nps_chart_layout_box(l, i);
        if (b->x < -tol || b->y < -tol || b->x + b->width > w + tol || b->y + b->height > h + tol) {
            fprintf(stderr, "%s: box %zu \"%.40s\" (%g,%g %gx%g) leaves the %gx%g canvas\n", what, i,
                    b->text, b->x, b->y, b->width, b->height, w, h);
            bad++;
        }
        if (b->ink_width > 0 &&
            (b->ink_x < -tol || b->ink_y < -tol || b->ink_x + b->ink_width > w + tol ||
             b->ink_y + b->ink_height > h + tol)) {
            fprintf(stderr, "%s: ink of box %zu \"%.40s\" leaves the canvas\n", what, i, b->text);
            bad++;
        }
        if (b->inside && (b->x < b->cx - tol || b->y < b->cy - tol ||
                          b->x + b->width > b->cx + b->cw + tol ||
                          b->y + b->height > b->cy + b->ch + tol)) {
            fprintf(stderr, "%s: box %zu \"%s\" sticks out of its shape\n", what, i, b->text);
            bad++;
        }
        for (j = i + 1; j < n; j++) {
            const nps_chart_box *c = nps_chart_layout_box(l, j);
            if (boxes_overlap(b, c)) {
                fprintf(stderr, "%s: \"%.30s\" (%g,%g %gx%g) overlaps \"%.30s\" (%g,%g %gx%g)\n",
                        what, b->text, b->x, b->y, b->width, b->height, c->text, c->x, c->y,
                        c->width, c->height);
                bad++;
            }
        }
    }
    return bad;
}

/* Measure at width, check invariants, return the layout (caller frees). */
static nps_chart_layout *measure_ok(const nps_chart *c, double width, const char *what)
{
    nps_chart_layout *l = NULL;
    nps_error err = nps_chart_measure(fonts(), c, width, &l);
    CHECK_INT(err, NPS_OK);
    if (err != NPS_OK) {
        fprintf(stderr, "%s: %s\n", what, nps_strerror(err));
        return NULL;
    }
    CHECK_INT(check_layout(l, what), 0);
    return l;
}

static void measure_widths(const nps_chart *c, const char *what)
{
    static const double widths[] = {NPS_CHART_WIDTH, 560.0, NPS_CHART_MIN_WIDTH, 1200.0};
    size_t i;
    for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s@%g", what, widths[i]);
        nps_chart_layout_free(measure_ok(c, widths[i], name));
    }
}

static const nps_chart_box *find_box(const nps_chart_layout *l, const char *text)
{
    size_t i;
    for (i = 0; i < nps_chart_layout_box_count(l); i++)
        if (strcmp(nps_chart_layout_box(l, i)->text, text) == 0)
            return nps_chart_layout_box(l, i);
    return NULL;
}

static size_t count_role(const nps_chart_layout *l, nps_box_role role)
{
    size_t i, k = 0;
    for (i = 0; i < nps_chart_layout_box_count(l); i++)
        k += nps_chart_layout_box(l, i)->role == role;
    return k;
}

/* Q6, from shared/golden/seed-figures.csv (図8). */
static const nps_chart_item q6[] = {
    {"無回答", 0, NPS_ROLE_MISSING},
    {"フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）", 5, NPS_ROLE_OPTION},
    {"フリースクール、無料学習塾、相互学習の場などの学習支援（非常設のもの）", 4, NPS_ROLE_OPTION},
    {"子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）", 18, NPS_ROLE_OPTION},
    {"放課後児童クラブ（学童保育）", 2, NPS_ROLE_OPTION},
    {"保育園等（公立・認可保育所 · 地域型保育事業 · 認定こども園· 認可外保育施設など）", 2, NPS_ROLE_OPTION},
    {"その他", 17, NPS_ROLE_OTHER},
    {"子育て支援の居場所（通いの場／地域子育て支援拠点など）", 10, NPS_ROLE_OPTION},
    {"プレーパークなどのあそび場", 3, NPS_ROLE_OPTION},
    {"相互学習の場（サークルなどを含む）", 9, NPS_ROLE_OPTION},
    {"「子ども（おおむね中学生以下）」または「親子」を対象とした上記に当てはまる事業はない", 25, NPS_ROLE_NONE},
};

static nps_chart q6_chart(void)
{
    nps_chart c = {.kind = NPS_CHART_BARS,
                   .title = "図8（Q6）「子ども（おおむね中学生以下）」または「親子」を対象とした事業の内容",
                   .subtitle = "複数回答",
                   .base = 65,
                   .bars = {.items = q6, .n_items = sizeof q6 / sizeof q6[0]}};
    return c;
}

TEST(fonts_resolve_noto_sans_cjk_jp)
{
    char family[128];
    PangoContext *ctx;
    PangoLayout *layout;
    PangoFontDescription *desc, *used;
    PangoLayoutLine *line;

    CHECK_INT(nps_fonts_resolved_family(fonts(), "子ども食堂などの子どもの居場所", family, sizeof family),
              NPS_OK);
    CHECK_STR(family, "Noto Sans CJK JP");
    CHECK_INT(nps_fonts_resolved_family(fonts(), "n=65 27.7%", family, sizeof family), NPS_OK);
    CHECK_STR(family, "Noto Sans CJK JP");

    /* the same through pango directly: the font of the layout's first run */
    ctx = nps_fonts_context(fonts());
    layout = pango_layout_new(ctx);
    desc = pango_font_description_from_string("Noto Sans CJK JP Bold 13");
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_text(layout, "把握している", -1);
    line = pango_layout_get_line_readonly(layout, 0);
    CHECK(line && line->runs);
    used = pango_font_describe(((PangoGlyphItem *)line->runs->data)->item->analysis.font);
    CHECK_STR(pango_font_description_get_family(used), "Noto Sans CJK JP");
    CHECK_INT(pango_font_description_get_weight(used), PANGO_WEIGHT_BOLD);
    pango_font_description_free(used);
    pango_font_description_free(desc);
    g_object_unref(layout);
    g_object_unref(ctx);

    CHECK_INT(nps_fonts_resolved_family(fonts(), "\xff\xfe", family, sizeof family),
              NPS_ERR_ENCODING);
}

TEST(fonts_context_has_hinting_off_and_japanese)
{
    PangoContext *ctx = nps_fonts_context(fonts());
    const cairo_font_options_t *opt = pango_cairo_context_get_font_options(ctx);
    nps_fonts *missing = NULL;

    CHECK(opt != NULL);
    CHECK_INT(cairo_font_options_get_hint_style(opt), CAIRO_HINT_STYLE_NONE);
    CHECK_INT(cairo_font_options_get_hint_metrics(opt), CAIRO_HINT_METRICS_OFF);
    CHECK_INT(cairo_font_options_get_antialias(opt), CAIRO_ANTIALIAS_GRAY);
    CHECK_STR(pango_language_to_string(pango_context_get_language(ctx)), "ja");
    g_object_unref(ctx);

    CHECK_INT(nps_fonts_new("/nonexistent-font-dir", &missing), NPS_ERR_IO);
    CHECK(missing == NULL);
}

TEST(bars_q6_layout_and_order)
{
    nps_chart c = q6_chart();
    nps_chart_layout *l = measure_ok(&c, NPS_CHART_WIDTH, "q6");
    const nps_chart_box *other, *none, *missing, *play, *value, *base;

    measure_widths(&c, "q6");
    if (!l)
        return;
    CHECK_INT(count_role(l, NPS_BOX_TITLE), 1);
    CHECK_INT(count_role(l, NPS_BOX_LABEL), 11);
    CHECK_INT(count_role(l, NPS_BOX_VALUE), 11);
    base = find_box(l, "n=65");
    CHECK(base && base->role == NPS_BOX_BASE);
    value = find_box(l, "27.7%（18）");
    CHECK(value && value->role == NPS_BOX_VALUE);
    CHECK(find_box(l, "0.0%（0）") != NULL);
    CHECK(find_box(l, "複数回答") != NULL);
    /* その他, none-applies, 無回答 drawn last, in that order */
    play = find_box(l, "プレーパークなどのあそび場");
    other = find_box(l, "その他");
    none = find_box(l, "「子ども（おおむね中学生以下）」または「親子」を対象とした上記に当てはまる事業はない");
    missing = find_box(l, "無回答");
    CHECK(play && other && none && missing);
    if (play && other && none && missing) {
        CHECK(play->y < other->y);
        CHECK(other->y < none->y);
        CHECK(none->y < missing->y);
    }
    /* long labels wrapped: the label column is far narrower than the text */
    CHECK(none && none->width < NPS_CHART_WIDTH * 0.45 && none->height > 30);
    nps_chart_layout_free(l);
}

TEST(bars_hostile_inputs)
{
    char *huge = long_label(120);
    nps_chart_item items[40];
    nps_chart c = q6_chart();
    nps_chart_layout *l;
    size_t i;

    /* 0 rows */
    c.bars.n_items = 0;
    c.bars.items = NULL;
    measure_widths(&c, "bars-0-rows");
    /* a 120-character label, a 100% bar, a 0% bar, 37 rows, unit counts */
    for (i = 0; i < 37; i++) {
        items[i].label = i % 5 == 0 ? huge : "相互学習の場（サークルなどを含む）";
        items[i].count = (long)(i * 7 % 66);
        items[i].role = NPS_ROLE_OPTION;
    }
    items[1].count = 65;
    items[2].count = 0;
    items[36].label = "無回答";
    items[36].role = NPS_ROLE_MISSING;
    c.bars.items = items;
    c.bars.n_items = 37;
    measure_widths(&c, "bars-37-rows");
    c.title = huge;
    c.subtitle = huge;
    c.note = huge;
    measure_widths(&c, "bars-huge-title");
    /* every answer missing, base 0, counts as values */
    c.base = 0;
    c.bars.values = NPS_VALUES_COUNT;
    c.bars.unit = "件";
    measure_widths(&c, "bars-base-0");
    c.bars.unit = huge;                          /* a unit longer than any label */
    measure_widths(&c, "bars-huge-unit");
    c.bars.values = NPS_VALUES_PERCENT_COUNT;
    measure_widths(&c, "bars-huge-unit-percent");
    c.bars.unit = "件";
    /* height grows with rows */
    c.title = "t";
    c.subtitle = NULL;
    c.note = NULL;
    c.base = 65;
    l = measure_ok(&c, NPS_CHART_WIDTH, "bars-37");
    c.bars.n_items = 5;
    {
        nps_chart_layout *small = measure_ok(&c, NPS_CHART_WIDTH, "bars-5");
        if (l && small)
            CHECK(nps_chart_layout_height(l) > 3 * nps_chart_layout_height(small));
        nps_chart_layout_free(small);
    }
    nps_chart_layout_free(l);
    free(huge);
}

static const char *const handling[] = {
    "1.自団体で対応できている",
    "2.他団体と連携することによって対応できている",
    "3.現在対応はできていないが解決に向けて取り組んでいるところ（または取り組みたいと思っている）",
    "4.現在対応できておらず、今後も対応する予定はない（対応できないと感じている）",
    "5.特に困りごとがある人はいない（把握していない）",
    "6.無回答"};

TEST(stacked_q22_layout)
{
    static long counts[33][6];
    nps_chart_series seg[6];
    nps_chart_stack_row rows[33];
    nps_chart c = {.kind = NPS_CHART_STACKED, .title = "図23（Q22）関わっている方々が持つ困りごと",
                   .base = 65};
    nps_chart_layout *l;
    size_t i, j, inside = 0;

    for (j = 0; j < 6; j++) {
        seg[j].label = handling[j];
        seg[j].role = j == 5 ? NPS_ROLE_MISSING : NPS_ROLE_OPTION;
    }
    for (i = 0; i < 33; i++) {
        long left = 65;
        for (j = 0; j < 5; j++) {
            counts[i][j] = (long)((i * 3 + j * 7) % 17);
            if (counts[i][j] > left)
                counts[i][j] = left;
            left -= counts[i][j];
        }
        counts[i][5] = left;
        rows[i].label = "家族以外の親しい知人等との死別";
        rows[i].counts = counts[i];
    }
    c.stacked = (nps_chart_stacked){.segments = seg, .n_segments = 6, .rows = rows, .n_rows = 33};
    measure_widths(&c, "q22");
    l = measure_ok(&c, NPS_CHART_WIDTH, "q22");
    if (!l)
        return;
    CHECK_INT(count_role(l, NPS_BOX_LEGEND), 6);
    CHECK_INT(count_role(l, NPS_BOX_LABEL), 33);
    CHECK(find_box(l, "100%") != NULL);
    for (i = 0; i < nps_chart_layout_box_count(l); i++)
        inside += nps_chart_layout_box(l, i)->inside;
    CHECK(inside > 33);       /* most rows carry some percent labels inside */
    nps_chart_layout_free(l);
}

TEST(stacked_hostile_segments)
{
    static const char *const bins[] = {
        "0人", "1～5人", "6～10人", "11～20人", "21～30人", "31～40人", "41～50人", "51～60人",
        "61～70人", "71～80人", "81～90人", "91～100人", "101～200人", "201～300人", "301～400人",
        "401～500人", "501～600人", "601～700人", "701～800人", "801～900人", "901～1000人",
        "1001～2000人", "2001～3000人", "3001～4000人", "4001～5000人", "5001人～", "無回答"};
    static long counts[37][27];
    nps_chart_series seg[27];
    nps_chart_stack_row rows[37];
    char *huge = long_label(120);
    nps_chart c = {.kind = NPS_CHART_STACKED, .title = "図18（Q16）現在の利用者数・登録者数",
                   .base = 65};
    nps_chart_layout *l;
    size_t i, j;

    for (j = 0; j < 27; j++) {
        seg[j].label = bins[j];
        seg[j].role = j == 26 ? NPS_ROLE_MISSING : NPS_ROLE_OPTION;
    }
    for (i = 0; i < 37; i++) {
        for (j = 0; j < 27; j++)
            counts[i][j] = (long)((i + j) % 4);          /* many tiny segments */
        rows[i].label = i % 3 ? bins[i % 27] : huge;
        rows[i].counts = counts[i];
    }
    memset(counts[1], 0, sizeof counts[1]);
    counts[1][26] = 65;                                   /* every answer missing */
    memset(counts[2], 0, sizeof counts[2]);
    counts[2][0] = 65;                                    /* one 100% segment */
    memset(counts[3], 0, sizeof counts[3]);               /* a row summing to 0 */
    counts[4][0] = 1000000;                               /* one huge, many ~0% */
    c.stacked = (nps_chart_stacked){.segments = seg, .n_segments = 27, .rows = rows, .n_rows = 37};
    measure_widths(&c, "bins-37x27");
    l = measure_ok(&c, NPS_CHART_WIDTH, "bins");
    if (l) {
        const nps_chart_box *all = find_box(l, "100.0%");
        CHECK(all && all->inside && all->role == NPS_BOX_VALUE);
        CHECK_INT(count_role(l, NPS_BOX_LEGEND), 27);
        nps_chart_layout_free(l);
    }
    c.stacked.palette = NPS_PALETTE_CATEGORICAL;
    c.stacked.n_segments = 6;
    measure_widths(&c, "bins-categorical");
    c.stacked.n_rows = 0;
    measure_widths(&c, "stacked-0-rows");
    c.stacked.n_rows = 3;
    c.stacked.n_segments = 0;
    measure_widths(&c, "stacked-0-segments");
    free(huge);
}

TEST(donut_layout)
{
    nps_chart_item items[] = {{"あり", 9, 0}, {"なし", 16, 0}, {"無回答", 40, NPS_ROLE_MISSING}};
    nps_chart c = {.kind = NPS_CHART_DONUT,
                   .title = "図27（Q29）居室以外の談話室、交流スペースの有無（食堂を兼ねている場合を含む）",
                   .base = 65, .bars = {.items = items, .n_items = 3}};
    char *huge = long_label(120);
    nps_chart_layout *l = measure_ok(&c, NPS_CHART_WIDTH, "q29");

    measure_widths(&c, "q29");
    if (l) {
        CHECK(find_box(l, "あり　13.8%（9）") != NULL);
        CHECK(find_box(l, "無回答　61.5%（40）") != NULL);
        CHECK(find_box(l, "n=65") != NULL);
        nps_chart_layout_free(l);
    }
    items[0].count = 65;                 /* 100% and two 0% slices */
    items[1].count = 0;
    items[2].count = 0;
    measure_widths(&c, "donut-100");
    items[0].count = 0;                  /* nothing at all */
    c.base = 0;
    measure_widths(&c, "donut-empty");
    items[1].label = huge;
    c.base_label = huge;
    items[0].count = 1;
    measure_widths(&c, "donut-huge");
    c.bars.n_items = 0;
    measure_widths(&c, "donut-0");
    free(huge);
}

TEST(stars_layout)
{
    nps_chart c = {.kind = NPS_CHART_STARS,
                   .title = "図33（Q37）どの程度対応ができているかの自己評価（10段階）", .base = 65,
                   .stars = {.counts = {10, 5, 13, 2, 18, 6, 4, 4, 2, 1}, .missing = 0}};
    nps_chart_layout *l = measure_ok(&c, NPS_CHART_WIDTH, "q37");

    measure_widths(&c, "q37");
    if (l) {
        CHECK(find_box(l, "★★★★★★★★★★") != NULL);
        CHECK(find_box(l, "★") != NULL);
        CHECK(find_box(l, "27.7%（18）") != NULL);
        CHECK(find_box(l, "無回答") != NULL);
        nps_chart_layout_free(l);
    }
    c.stars.numeric_labels = 1;
    c.stars.values = NPS_VALUES_PERCENT;
    l = measure_ok(&c, NPS_CHART_WIDTH, "q37-numeric");
    if (l) {
        CHECK(find_box(l, "★10") != NULL);
        CHECK(find_box(l, "27.7%") != NULL);
        nps_chart_layout_free(l);
    }
    memset(c.stars.counts, 0, sizeof c.stars.counts);
    c.stars.missing = 65;
    measure_widths(&c, "stars-all-missing");
}

TEST(sankey_flow_layout)
{
    nps_chart_node nodes[] = {
        {"全回答", 2080, -1, 0},
        {"把握している", 1040, 0, 0},
        {"把握していない", 820, 0, 0},
        {"無回答", 220, 0, NPS_ROLE_MISSING},
        {"対応する意向あり", 850, 1, 0},
        {"対応予定なし", 190, 1, 0},
        {"対応できている", 600, 4, 0},
        {"取り組み中", 250, 4, 0},
        {"自団体で対応", 136, 6, 0},
        {"他団体と連携して対応", 464, 6, 0},
    };
    nps_chart c = {.kind = NPS_CHART_SANKEY, .title = "困りごとへの対応の流れ（人間関係）",
                   .base = 2080, .sankey = {.nodes = nodes, .n_nodes = 10}};
    char *huge = long_label(120);
    nps_chart_layout *l = measure_ok(&c, NPS_CHART_WIDTH, "flow");
    size_t i;

    measure_widths(&c, "flow");
    if (l) {
        CHECK(find_box(l, "他団体と連携して対応\n464（22.3%）") != NULL);
        CHECK(find_box(l, "全回答\n2,080") != NULL);
        CHECK(find_box(l, "n=2,080") != NULL);
        nps_chart_layout_free(l);
    }
    /* zero-count nodes are still labelled and do not overlap */
    nodes[4].count = 0;
    nodes[6].count = 0;
    nodes[7].count = 0;
    nodes[8].count = 0;
    nodes[9].count = 0;
    nodes[5].count = 0;
    nodes[1].count = 0;
    l = measure_ok(&c, NPS_CHART_WIDTH, "flow-zeros");
    if (l) {
        CHECK(find_box(l, "自団体で対応\n0（0.0%）") != NULL);
        nps_chart_layout_free(l);
    }
    measure_widths(&c, "flow-zeros");
    /* nothing at all; inconsistent counts; long labels; a second root */
    for (i = 0; i < 10; i++)
        nodes[i].count = 0;
    measure_widths(&c, "flow-empty");
    nodes[0].count = 10;
    for (i = 1; i < 10; i++)
        nodes[i].count = 50;
    nodes[3].label = huge;
    nodes[9].label = huge;
    nodes[5].label = huge;
    measure_widths(&c, "flow-inconsistent");
    nodes[2].parent = -1;
    nodes[2].count = 500;
    measure_widths(&c, "flow-two-roots");
    c.sankey.n_nodes = 1;
    measure_widths(&c, "flow-root-only");
    c.sankey.n_nodes = 0;
    measure_widths(&c, "flow-none");
    free(huge);
}

TEST(gap_labels_never_overlap)
{
    static const char *const names[] = {
        "学習支援（常設）", "学習支援（非常設）", "子ども食堂などの子どもの居場所", "放課後児童クラブ",
        "保育園等", "子育て支援の居場所", "プレーパークなどのあそび場", "相互学習の場",
        "自立援助ホーム", "その他若者の居場所", "介護保険サービス（訪問（同行援護、行動援護を含む））",
        "障害福祉サービス（就労支援）", "放課後等デイサービス", "児童発達支援", "地域生活支援事業",
        "居宅サービス", "地域サロンなどの居場所", "福祉有償運送", "制度外の生活支援サービス",
        "シェアハウス", "シェルター・一時生活支援", "コミュニティカフェ", "自助グループ、ピアサポート",
        "生活困窮者自立相談支援窓口", "子育て相談対応", "電話等での相談", "オンラインでの相談"};
    nps_chart_point pts[80];
    nps_chart c = {.kind = NPS_CHART_GAP, .title = "事業ごとの団体数と1団体あたりの人数",
                   .base = 65};
    nps_chart_layout *l;
    size_t i, n = sizeof names / sizeof names[0];

    for (i = 0; i < 80; i++) {
        pts[i].label = names[i % n];
        pts[i].x = (double)(i % 9 + 1);
        pts[i].y = 20.0 + (double)((i * 37) % 90);
        pts[i].flag = i % 11 == 0 ? NPS_GAP_HIGH : (i % 13 == 0 ? NPS_GAP_LOW : NPS_GAP_NONE);
    }
    pts[3].x = pts[4].x = pts[5].x = 2;          /* identical points */
    pts[3].y = pts[4].y = pts[5].y = 50;
    pts[7].y = 0.0 / 0.0;                          /* not drawn */
    c.gap = (nps_chart_gap){.points = pts, .n_points = 40};
    l = measure_ok(&c, NPS_CHART_WIDTH, "gap-40");
    if (l) {
        CHECK(find_box(l, "子ども食堂などの子どもの居場所") != NULL);
        CHECK(find_box(l, "事業を行う団体数（団体）") != NULL);
        CHECK(count_role(l, NPS_BOX_LEGEND) == 2);
        nps_chart_layout_free(l);
    }
    measure_widths(&c, "gap-40");
    pts[9].label = "";                             /* unlabelled points */
    pts[10].label = NULL;
    l = measure_ok(&c, NPS_CHART_WIDTH, "gap-unlabelled");
    if (l) {
        CHECK(find_box(l, "") == NULL);
        nps_chart_layout_free(l);
    }
    c.gap.n_points = 80;                           /* far too many for the plot */
    measure_widths(&c, "gap-80");
    c.gap.log_y = 1;
    measure_widths(&c, "gap-80-log");
    pts[0].y = 0;                                  /* 0 on a log axis */
    pts[1].y = 100000;
    measure_widths(&c, "gap-log-extremes");
    pts[2].x = 1e9;                                /* the largest allowed */
    pts[2].y = 1e9;
    measure_widths(&c, "gap-huge-values");
    pts[2].x = 1e10;
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_LIMIT);
    pts[2].x = 2;
    c.gap.n_points = 1;
    measure_widths(&c, "gap-1");
    c.gap.n_points = 0;
    measure_widths(&c, "gap-0");
}

/* The legend names the colour of each ring it draws — the default texts
 * and a caller's own label alike — and lists only the rings drawn. */
TEST(gap_legend_names_the_ring_colours)
{
    nps_chart_point pts[3] = {{"A", 1, 500, NPS_GAP_HIGH}, {"B", 20, 10, NPS_GAP_LOW}, {"", 5, 50, NPS_GAP_NONE}};
    nps_chart c = {.kind = NPS_CHART_GAP, .base = 65, .gap = {.points = pts, .n_points = 3}};
    char want_high[128], want_low[128];
    nps_chart_layout *l;

    snprintf(want_high, sizeof want_high, "関わる人の数に対して取り組む団体が少ない事業（%sの輪）",
             nps_palette_categorical_name(NPS_PALETTE_GAP_HIGH));
    snprintf(want_low, sizeof want_low, "関わる人の数に対して取り組む団体が多い事業（%sの輪）",
             nps_palette_categorical_name(NPS_PALETTE_GAP_LOW));
    CHECK_STR(nps_palette_categorical_name(NPS_PALETTE_GAP_HIGH), "朱色"); /* #D55E00 */
    CHECK_STR(nps_palette_categorical_name(NPS_PALETTE_GAP_LOW), "青");   /* #0072B2 */
    CHECK_INT((long)nps_palette_categorical_hex(NPS_PALETTE_GAP_HIGH), 0xD55E00);
    l = measure_ok(&c, NPS_CHART_WIDTH, "gap-legend");
    if (l) {
        CHECK(find_box(l, want_high) != NULL);
        CHECK(find_box(l, want_low) != NULL);
        nps_chart_layout_free(l);
    }
    c.gap.high_label = "少数の団体が多くの人に関わる";
    pts[1].flag = NPS_GAP_NONE;
    l = measure_ok(&c, NPS_CHART_WIDTH, "gap-legend-own");
    if (l) {
        CHECK(find_box(l, "少数の団体が多くの人に関わる（朱色の輪）") != NULL);
        CHECK(count_role(l, NPS_BOX_LEGEND) == 1);
        nps_chart_layout_free(l);
    }
}

TEST(themes_layout)
{
    nps_chart_item items[] = {{"財政面", 18, 0}, {"人材面", 22, 0}, {"モノと場所", 9, 0},
                              {"アウトリーチ", 7, 0}, {"連携", 12, 0}};
    nps_chart c = {.kind = NPS_CHART_THEMES, .title = "課題のテーマ（Q38・Q39）", .base = 65,
                   .bars = {.items = items, .n_items = 5, .unit = "件"}};
    nps_chart_layout *l = measure_ok(&c, NPS_CHART_WIDTH, "themes");

    measure_widths(&c, "themes");
    if (l) {
        CHECK(find_box(l, "22件") != NULL);
        CHECK(find_box(l, "人材面") != NULL);
        nps_chart_layout_free(l);
    }
    items[0].count = 1000000;
    measure_widths(&c, "themes-big");
}

TEST(invalid_utf8_is_refused)
{
    static const char bad[] = "子ども\xe3\x81";     /* truncated sequence */
    nps_chart_item items[] = {{"あり", 1, 0}, {bad, 2, 0}};
    nps_chart_series seg[] = {{"1", 0}, {bad, 0}};
    long counts[] = {1, 2};
    nps_chart_stack_row rows[] = {{"r", counts}};
    nps_chart_node nodes[] = {{"全回答", 3, -1, 0}, {bad, 3, 0, 0}};
    nps_chart_point pts[] = {{bad, 1, 2, 0}};
    nps_chart c;
    nps_chart_layout *l = (nps_chart_layout *)&c;   /* must be reset to NULL */

    c = q6_chart();
    c.title = "図8\xc0\xaf";                        /* overlong '/' */
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    CHECK(l == NULL);
    c = q6_chart();
    c.note = "\xed\xa0\x80";                        /* a surrogate */
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    c = (nps_chart){.kind = NPS_CHART_BARS, .base = 3, .bars = {.items = items, .n_items = 2}};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    c.kind = NPS_CHART_DONUT;
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    c = (nps_chart){.kind = NPS_CHART_BARS, .base = 3, .bars = {.items = items, .n_items = 1,
                                                                .unit = bad}};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    c = (nps_chart){.kind = NPS_CHART_STACKED, .base = 3,
                    .stacked = {.segments = seg, .n_segments = 2, .rows = rows, .n_rows = 1}};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    c = (nps_chart){.kind = NPS_CHART_SANKEY, .base = 3, .sankey = {.nodes = nodes, .n_nodes = 2}};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    c = (nps_chart){.kind = NPS_CHART_GAP, .base = 3, .gap = {.points = pts, .n_points = 1}};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    pts[0].label = "ok";
    c.gap.x_title = bad;
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_ENCODING);
    CHECK(l == NULL);
}

TEST(inconsistent_input_is_refused)
{
    nps_chart_item items[] = {{"あり", -1, 0}};
    nps_chart_node nodes[] = {{"a", 3, -1, 0}, {"b", 3, 1, 0}};
    nps_chart_node chain[40];
    nps_chart c = {.kind = NPS_CHART_BARS, .base = 3, .bars = {.items = items, .n_items = 1}};
    nps_chart_layout *l = NULL;
    int i;

    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_USAGE);
    items[0].count = 1;
    CHECK_INT(nps_chart_measure(fonts(), &c, 100.0, &l), NPS_ERR_USAGE);   /* too narrow */
    CHECK_INT(nps_chart_measure(fonts(), &c, 0.0 / 0.0, &l), NPS_ERR_USAGE);
    c.bars.items = NULL;
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_USAGE);
    c.bars.items = items;
    c.base = -1;
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_USAGE);
    c.base = 3;
    c.kind = (nps_chart_kind)99;
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_USAGE);
    c = (nps_chart){.kind = NPS_CHART_SANKEY, .base = 3, .sankey = {.nodes = nodes, .n_nodes = 2}};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_USAGE); /* self parent */
    for (i = 0; i < 40; i++)
        chain[i] = (nps_chart_node){"x", 1, i - 1, 0};
    c.sankey = (nps_chart_sankey){.nodes = chain, .n_nodes = 40};
    CHECK_INT(nps_chart_measure(fonts(), &c, NPS_CHART_WIDTH, &l), NPS_ERR_LIMIT);
    c.sankey.n_nodes = 6;                  /* 5 columns fit */
    nps_chart_layout_free(measure_ok(&c, NPS_CHART_WIDTH, "chain-6"));
    CHECK(l == NULL);
}

TEST(draw_paints_on_the_callers_context)
{
    nps_chart c = q6_chart();
    nps_chart_layout *l = measure_ok(&c, NPS_CHART_WIDTH, "q6");
    cairo_surface_t *s;
    cairo_t *cr;
    unsigned char *px;
    int stride, x, y, dark = 0;

    if (!l)
        return;
    s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, (int)(nps_chart_layout_height(l) / 2) + 1);
    cr = cairo_create(s);
    cairo_scale(cr, 0.5, 0.5);              /* the caller places and scales the canvas */
    CHECK_INT(nps_chart_draw(l, cr), NPS_OK);
    CHECK_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    {
        cairo_matrix_t m;               /* state restored */
        cairo_get_matrix(cr, &m);
        CHECK_NEAR(m.xx, 0.5, 1e-9);
    }
    cairo_surface_flush(s);
    px = cairo_image_surface_get_data(s);
    stride = cairo_image_surface_get_stride(s);
    for (y = 0; y < cairo_image_surface_get_height(s); y++)
        for (x = 0; x < 400; x++) {
            uint32_t p = *(uint32_t *)(px + y * stride + x * 4);
            if (((p >> 16) & 0xff) < 128 && ((p >> 8) & 0xff) < 128 && (p & 0xff) < 128)
                dark++;
        }
    CHECK(dark > 500);                       /* text was drawn */
    cairo_destroy(cr);

    /* a context already in an error state is reported, not drawn on */
    cr = cairo_create(s);
    cairo_restore(cr);                       /* CAIRO_STATUS_INVALID_RESTORE */
    CHECK_INT(nps_chart_draw(l, cr), NPS_ERR_RENDER);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    nps_chart_layout_free(l);
}

TEST(measuring_is_deterministic)
{
    nps_chart c = q6_chart();
    nps_chart_layout *a = measure_ok(&c, NPS_CHART_WIDTH, "a"), *b = measure_ok(&c, NPS_CHART_WIDTH, "b");
    size_t i;

    if (a && b) {
        CHECK_INT(nps_chart_layout_box_count(a), nps_chart_layout_box_count(b));
        CHECK_NEAR(nps_chart_layout_height(a), nps_chart_layout_height(b), 0);
        for (i = 0; i < nps_chart_layout_box_count(a); i++) {
            CHECK_NEAR(nps_chart_layout_box(a, i)->x, nps_chart_layout_box(b, i)->x, 0);
            CHECK_NEAR(nps_chart_layout_box(a, i)->y, nps_chart_layout_box(b, i)->y, 0);
        }
    }
    nps_chart_layout_free(a);
    nps_chart_layout_free(b);
}

/* The palette of present/palette.h: table colours exact, the workbook's
 * integer colours rounded from bytes (a tie: viridis 5 of 7). */
TEST(palette_scales)
{
    nps_rgb c = nps_palette_categorical(9);
    CHECK_NEAR(c.r, 0xE6 / 255.0, 0.0);
    CHECK_INT((long)nps_palette_categorical_hex(0), 0x0072B2);
    CHECK_INT((long)nps_palette_ordered_hex(0, 5, NPS_PALETTE_DEFAULT), 0x272F8D);
    CHECK_INT((long)nps_palette_ordered_hex(5, 7, NPS_PALETTE_SEQUENTIAL), 0x91D643);
    CHECK_INT((long)nps_rgb_hex(nps_palette_ordered(5, 7, NPS_PALETTE_SEQUENTIAL)), 0x91D642);
    CHECK_INT((long)nps_palette_ordered_hex(3, 12, NPS_PALETTE_DEFAULT),
              (long)nps_palette_ordered_hex(3, 12, NPS_PALETTE_SEQUENTIAL));
    CHECK_INT((long)nps_rgb_hex(NPS_COLOR_MISSING), 0xB0B0B0);
    CHECK_INT((long)nps_rgb_hex(NPS_COLOR_NEUTRAL), 0xD9CFBD);
}

UNIT_MAIN()
