/*
 * chart_demo.c — renders one example of every chart kind with realistic
 * Japanese data from the 2023 survey report, to look at. Built by CMake
 * with -DNPS_BUILD_TOOLS=ON (against libnpo-survey; not installed):
 *
 *   cmake -S . -B build -DNPS_BUILD_TOOLS=ON && cmake --build build
 *   build/chart_demo OUTDIR        # writes OUTDIR/<name>.png/.pdf/.svg
 *
 * Percentages of Q6, Q29 and Q37 are the published ones
 * (shared/golden/seed-figures.csv); the matrix, bin, flow and gap numbers
 * are made up in the report's proportions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "draw/chart.h"

static nps_fonts *fonts;
static const char *outdir;
static int failures;

static void render(const char *name, const nps_chart *c)
{
    static const nps_render_format fmts[] = {NPS_RENDER_PNG, NPS_RENDER_PDF, NPS_RENDER_SVG};
    nps_render_options opt = {0};
    size_t i;

    opt.png_scale = 1.0;
    for (i = 0; i < 3; i++) {
        char path[1024];
        nps_error err;
        snprintf(path, sizeof path, "%s/%s.%s", outdir, name, nps_render_format_ext(fmts[i]));
        err = nps_chart_render_file(fonts, c, NPS_CHART_WIDTH, fmts[i], path, &opt);
        if (err != NPS_OK) {
            fprintf(stderr, "%s: %s\n", path, nps_strerror(err));
            failures++;
        }
    }
}

static unsigned long rng = 12345;
static long rnd(long n)
{
    rng = rng * 1103515245UL + 12345UL;
    return (long)((rng >> 16) % (unsigned long)n);
}

/* Split 65 into k counts with a preferred shape. */
static void split(long *out, size_t k, const double *weights, long total)
{
    double sum = 0;
    long used = 0;
    size_t i;
    for (i = 0; i < k; i++)
        sum += weights[i] * (0.5 + rnd(100) / 100.0);
    for (i = 0; i < k; i++) {
        out[i] = (long)(total * weights[i] * (0.5 + rnd(100) / 100.0) / sum);
        used += out[i];
    }
    /* leftover into the largest weight */
    {
        size_t best = 0;
        for (i = 1; i < k; i++)
            if (weights[i] > weights[best])
                best = i;
        out[best] += total - used;
        if (out[best] < 0)
            out[best] = 0;
    }
}

static void demo_q6(void)
{
    static const nps_chart_item items[] = {
        {"フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）", 5, NPS_ROLE_OPTION},
        {"フリースクール、無料学習塾、相互学習の場などの学習支援（非常設のもの）", 4, NPS_ROLE_OPTION},
        {"子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）", 18, NPS_ROLE_OPTION},
        {"放課後児童クラブ（学童保育）", 2, NPS_ROLE_OPTION},
        {"保育園等（公立・認可保育所 · 地域型保育事業 · 認定こども園· 認可外保育施設など）", 2, NPS_ROLE_OPTION},
        {"子育て支援の居場所（通いの場／地域子育て支援拠点など）", 10, NPS_ROLE_OPTION},
        {"プレーパークなどのあそび場", 3, NPS_ROLE_OPTION},
        {"相互学習の場（サークルなどを含む）", 9, NPS_ROLE_OPTION},
        {"その他", 17, NPS_ROLE_OTHER},
        {"「子ども（おおむね中学生以下）」または「親子」を対象とした上記に当てはまる事業はない", 25, NPS_ROLE_NONE},
        {"無回答", 0, NPS_ROLE_MISSING},
    };
    nps_chart c = {.kind = NPS_CHART_BARS,
                   .title = "図8（Q6）「子ども（おおむね中学生以下）」または「親子」を対象とした事業の内容",
                   .subtitle = "複数回答",
                   .base = 65,
                   .note = "複数回答のため、合計は100%を超える。",
                   .bars = {.items = items, .n_items = sizeof items / sizeof items[0]}};
    render("q06_bars", &c);
}

static void demo_q34(void)
{
    static const nps_chart_item items[] = {
        {"生活保護担当", 17, 0}, {"高齢福祉担当", 14, 0}, {"障害福祉担当", 20, 0},
        {"児童福祉担当", 21, 0}, {"保険・年金担当", 7, 0}, {"女性・婦人相談担当", 7, 0},
        {"住宅担当", 5, 0}, {"ハローワーク", 12, 0}, {"その他", 5, NPS_ROLE_OTHER},
        {"連携はない", 17, NPS_ROLE_NONE}, {"無回答", 12, NPS_ROLE_MISSING},
    };
    nps_chart c = {.kind = NPS_CHART_BARS,
                   .title = "図30（Q34）個別ケースに対する協働支援、連絡調整等先（行政機関）",
                   .subtitle = "複数回答", .base = 65,
                   .bars = {.items = items, .n_items = 11, .values = NPS_VALUES_PERCENT}};
    render("q34_bars_percent", &c);
}

static const char *const q22_rows[] = {
    "いじめ（学校）", "いじめ（職場）", "DV被害", "DV加害", "ハラスメント", "病気・怪我", "犯罪被害",
    "発達障害", "発達障害グレーゾーン", "LGBTQ＋", "知的障害", "身体障害", "精神障害", "被災", "離婚",
    "家族との死別", "家族以外の親しい知人等との死別", "妊娠、出産", "失業", "機能不全家庭", "虐待",
    "介護", "８０５０/７０４０問題", "子育て世帯", "ひとり親世帯", "単身世帯", "高齢単身世帯", "非行",
    "仕事上のトラブル", "金銭トラブル（多重債務含む）", "犯罪歴がある", "外国籍", "その他"};

static void demo_q22(void)
{
    static const nps_chart_series seg[] = {
        {"1.自団体で対応できている", 0},
        {"2.他団体と連携することによって対応できている", 0},
        {"3.現在対応はできていないが解決に向けて取り組んでいるところ（または取り組みたいと思っている）", 0},
        {"4.現在対応できておらず、今後も対応する予定はない（対応できないと感じている）", 0},
        {"5.特に困りごとがある人はいない（把握していない）", NPS_ROLE_NONE},
        {"6.無回答", NPS_ROLE_MISSING}};
    static const double w[] = {0.08, 0.28, 0.08, 0.07, 0.36, 0.13};
    static long counts[33][6];
    nps_chart_stack_row rows[33];
    size_t i;
    for (i = 0; i < 33; i++) {
        split(counts[i], 6, w, 65);
        rows[i].label = q22_rows[i];
        rows[i].counts = counts[i];
    }
    {
        nps_chart c = {.kind = NPS_CHART_STACKED,
                       .title = "図23（Q22）関わっている方々が持つ困りごと",
                       .base = 65,
                       .stacked = {.segments = seg, .n_segments = 6, .rows = rows, .n_rows = 33,
                                   .palette = NPS_PALETTE_DIVERGING}};
        render("q22_stacked", &c);
    }
}

static const char *const q24_rows[] = {
    "常時ボランティア（有償・無償問わず）の受入を行っている",
    "常時利用者（登録者）の受入を行っている",
    "直接、会って話すかかわりをしている",
    "年間1回以上、既存の利用者・登録者以外の方々も含む一般に開かれた活動を行っている",
    "誰もが集えるサロン活動のような場を提供している",
    "心理的に安心できる継続的な場の提供を行っている（オンライン含む）",
    "見守り活動を行っている（定時・随時の安否確認など）",
    "日常の困りごとに対して法テラスや病院等の紹介も必要であればしている",
    "日常の困りごとに対して法テラスや病院等の同行支援も必要であればしている",
    "緊急的な相談対応が可能である",
    "いじめやハラスメント等の人間関係の重大なトラブルを抱える方の相談支援を行っている。",
    "緊急ではない一般的な相談対応を行っている",
    "就労に関するサポートが可能である（就労の場の開拓・紹介、就労準備の支援、体験就労等）",
    "一時的な住まいのサポート可能である（一定期間宿泊場所や衣食を提供すること、緊急避難場所の紹介など）",
    "食料等の現物給付を行っている（フードバンクなど）",
    "生活改善サポートを行っている（生活リズムを整えるなど、日常・社会生活自立支援など）",
    "家計改善サポートを行っている（家計管理の方法や生活費の見直し、債務整理手続きのための支援や滞納（家賃・税金・公共料金など）の解消、各種給付制度の利用に向けた同行支援など）",
    "学習支援を行っている（学校の勉強の復習、宿題の習慣づけ、学び直し、受験等のための進学支援など）",
    "地域活動に参加するなど、地域密着した活動をしている",
    "貴団体として公的な行政計画等に参画している",
    "貴団体が持つ機能以外の支援を必要とする利用者等は専門機関や他のＮＰＯ等につなぐことができる",
    "貴団体と他機関と連携・協働し勉強会・研修会を開催している",
    "貴団体と他機関と連携・協働し、ケース共有や支援のため定期的に会議を行っている",
    "緊急対応や課題解決のため関わった方と、その後も継続的につながり続けている",
    "病院や施設等の退所後の方と見守り等で継続的につながり続けている",
    "病院や専門機関に移行した後も継続的につながり続けている",
    "日常的・継続的にかかわっていた方をサロンや子ども食堂等（貴団体の活動含む）につないだことがある。",
    "貴団体に関わる方々（活動の参加者、利用者、登録者を含む）同士がつながりをつくる仕掛けを作っている",
    "貴団体に関わる方々（活動の参加者、利用者、登録者を含む）を増やす活動をしている",
    "貴団体の活動を知らない人達にも活動を知ってもらう活動を行っている",
    "貴団体の活動を知らない地域住民への広報活動をしている",
    "貴団体の活動を知らない行政や専門機関等への広報活動をしている",
    "貴団体の広報啓発のためイベントやキャンペーン企画をおこなっている",
    "貴団体をSNS等を活用し広報啓発をしている",
    "貴団体では、困りごと等を有する方へ働きかけや具体的な助けを待たずに（プッシュ型の）支援・活動をしている",
    "貴団体では実際に、これまでまったくつながりがなかった方へ働きかけ（アウトリーチ支援）をしたことがある",
    "住まいを必要とする人に対して（多機関につなぐなども含め）住まいの提供が可能である"};

static void demo_q24(void)
{
    static const nps_chart_series seg[] = {
        {"1.積極的に行っている", 0}, {"2.やや行えている", 0}, {"3.どちらともいえない", 0},
        {"4.あまり行えていない", 0}, {"5.全く行えていない", 0}, {"6.無回答", NPS_ROLE_MISSING}};
    static const double w[] = {0.3, 0.2, 0.15, 0.12, 0.15, 0.08};
    static long counts[37][6];
    nps_chart_stack_row rows[37];
    size_t i;
    for (i = 0; i < 37; i++) {
        split(counts[i], 6, w, 65);
        rows[i].label = q24_rows[i];
        rows[i].counts = counts[i];
    }
    {
        nps_chart c = {.kind = NPS_CHART_STACKED, .title = "図24（Q24）提供している機能", .base = 65,
                       .stacked = {.segments = seg, .n_segments = 6, .rows = rows, .n_rows = 37}};
        render("q24_stacked", &c);
    }
}

static void demo_q18(void)
{
    static const char *const bins[] = {
        "0人", "1～5人", "6～10人", "11～20人", "21～30人", "31～40人", "41～50人", "51～60人",
        "61～70人", "71～80人", "81～90人", "91～100人", "101～200人", "201～300人", "301～400人",
        "401～500人", "501～600人", "601～700人", "701～800人", "801～900人", "901～1000人",
        "1001～2000人", "2001～3000人", "3001～4000人", "4001～5000人", "5001人～", "無回答"};
    static const char *const items[] = {
        "①単発で支援している利用者（利用者、登録者、相談者を含む）",
        "②継続的に支援している利用者（利用者、登録者、相談者を含む）",
        "③ボランティアとして活動にかかわっている", "④コアスタッフとして活動に関わっている", "⑤その他"};
    nps_chart_series seg[27];
    static long counts[5][27];
    nps_chart_stack_row rows[5];
    double w[27];
    size_t i;
    for (i = 0; i < 27; i++) {
        seg[i].label = bins[i];
        seg[i].role = i == 26 ? NPS_ROLE_MISSING : NPS_ROLE_OPTION;
        w[i] = i == 26 ? 0.25 : (i < 4 ? 0.12 : 0.02);
    }
    for (i = 0; i < 5; i++) {
        split(counts[i], 27, w, 65);
        rows[i].label = items[i];
        rows[i].counts = counts[i];
    }
    {
        nps_chart c = {.kind = NPS_CHART_STACKED,
                       .title = "図20（Q18）前問（Q16）における関わり方（人数）", .base = 65,
                       .stacked = {.segments = seg, .n_segments = 27, .rows = rows, .n_rows = 5}};
        render("q18_bins", &c);
    }
}

static void demo_q29(void)
{
    static const nps_chart_item items[] = {
        {"あり", 9, 0}, {"なし", 16, 0}, {"無回答", 40, NPS_ROLE_MISSING}};
    nps_chart c = {.kind = NPS_CHART_DONUT,
                   .title = "図27（Q29）居室以外の談話室、交流スペースの有無（食堂を兼ねている場合を含む）",
                   .base = 65, .bars = {.items = items, .n_items = 3}};
    render("q29_donut", &c);
}

static void demo_q37(void)
{
    nps_chart c = {.kind = NPS_CHART_STARS,
                   .title = "図33（Q37）どの程度対応ができているかの自己評価（10段階）",
                   .base = 65,
                   .stars = {.counts = {10, 5, 13, 2, 18, 6, 4, 4, 2, 1}, .missing = 0}};
    render("q37_stars", &c);
    c.stars.numeric_labels = 1;
    render("q37_stars_numeric", &c);
}

static void demo_sankey(void)
{
    static const nps_chart_node nodes[] = {
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
    nps_chart c = {.kind = NPS_CHART_SANKEY,
                   .title = "困りごとへの対応の流れ（全体：32の困りごと × 65団体）",
                   .subtitle = "回答数（団体×困りごと）", .base = 2080,
                   .sankey = {.nodes = nodes, .n_nodes = 10}};
    render("flow_sankey", &c);
}

static void demo_gap(void)
{
    static const char *const names[] = {
        "学習支援（常設）", "学習支援（非常設）", "子ども食堂などの子どもの居場所", "放課後児童クラブ",
        "保育園等", "子育て支援の居場所", "プレーパークなどのあそび場", "相互学習の場（子ども）",
        "自立援助ホーム", "その他若者の居場所", "介護保険サービス（訪問）", "介護保険サービス（日中活動）",
        "介護保険サービス（施設）", "障害福祉サービス（就労支援）", "障害福祉サービス（自律訓練）",
        "障害福祉サービス（居住支援）", "放課後等デイサービス", "児童発達支援", "地域生活支援事業",
        "居宅サービス", "地域密着型サービス", "居宅介護支援事業所", "地域サロンなどの居場所",
        "福祉有償運送", "制度外の生活支援サービス", "シェアハウス", "寮、社宅", "無料低額宿泊所、無届住宅",
        "シェルター・一時生活支援", "コミュニティカフェ", "自立準備ホーム", "自助グループ、ピアサポート",
        "生活困窮者自立相談支援窓口", "障がい福祉分野の各種相談対応", "子育て相談対応",
        "高齢者分野の各種相談対応", "電話等での相談", "オンライン（LINEやメール）での相談",
        "オンラインの学習支援", "オンラインの悩み共有の場"};
    static const double x[] = {5, 4, 18, 2, 2, 10, 3, 9, 0, 16, 3, 3, 1, 9, 1, 2, 6, 3, 3, 3,
                               2, 2, 7, 1, 8, 1, 1, 1, 5, 7, 1, 8, 5, 4, 8, 4, 24, 20, 3, 5};
    nps_chart_point pts[40];
    size_t i;
    for (i = 0; i < 40; i++) {
        pts[i].label = names[i];
        pts[i].x = x[i];
        pts[i].y = x[i] > 0 ? 20 + rnd(60) + (x[i] < 3 ? rnd(300) : 0) : (0.0 / 0.0);
        pts[i].flag = NPS_GAP_NONE;
    }
    pts[12].flag = NPS_GAP_HIGH;
    pts[14].y = 380;
    pts[14].flag = NPS_GAP_HIGH;
    pts[2].flag = NPS_GAP_LOW;
    pts[36].flag = NPS_GAP_LOW;
    {
        nps_chart c = {.kind = NPS_CHART_GAP,
                       .title = "事業ごとの取り組む団体数と1団体あたりの関わる人数（スクランブル人口）",
                       .base = 65, .gap = {.points = pts, .n_points = 40}};
        render("gap", &c);
        c.gap.log_y = 1;
        render("gap_log", &c);
    }
}

static void demo_themes(void)
{
    static const nps_chart_item items[] = {
        {"財政面", 18, 0}, {"人材面", 22, 0}, {"モノと場所", 9, 0}, {"アウトリーチ", 7, 0}, {"連携", 12, 0}};
    nps_chart c = {.kind = NPS_CHART_THEMES, .title = "課題のテーマ（Q38・Q39 自由回答）",
                   .subtitle = "テーマに当てはまる回答の数", .base = 65,
                   .bars = {.items = items, .n_items = 5, .unit = "件"}};
    render("themes", &c);
}

int main(int argc, char **argv)
{
    nps_error err;
    if (argc != 2) {
        fprintf(stderr, "usage: chart_demo OUTDIR\n");
        return 2;
    }
    outdir = argv[1];
    err = nps_fonts_new(NULL, &fonts);
    if (err != NPS_OK) {
        fprintf(stderr, "fonts: %s\n", nps_strerror(err));
        return 1;
    }
    demo_q6();
    demo_q34();
    demo_q22();
    demo_q24();
    demo_q18();
    demo_q29();
    demo_q37();
    demo_sankey();
    demo_gap();
    demo_themes();
    nps_fonts_free(fonts);
    return failures ? 1 : 0;
}
