/*
 * compare_chapter.h — the content of the report's chapter 「前回調査との比較」
 * (docs/report.md, docs/compare.md): what the PDF and the workbook show of
 * the comparison of the previous wave with this one, as plain data and
 * finished Japanese sentences, so that both writers say the same.
 *
 *   - the changes whose 95% interval excludes 0 (status both, not 無回答),
 *     largest change first; how many others stay within the margin of error
 *     (never ranked);
 *   - one dumbbell chart per choice question (old and new percent of each
 *     option, the change's interval);
 *   - both waves' flows of the troubles question (may be absent);
 *   - the panel's movements in words (「…」を新たに挙げた団体 4、挙げなくなった団体 0);
 *   - the matching table: renumbered, renamed (crosswalk), added, dropped;
 *   - commentary sentences, every number read from the rows above.
 *
 * No organisation name is ever held: the comparison keeps none (compare.h).
 * Ownership: the chapter owns its match, comparison, flows and every string
 * and array it hands out; it borrows both datasets (and their
 * questionnaires) and the crosswalk, which must outlive it.
 */
#ifndef NPS_COMPARE_CHAPTER_H
#define NPS_COMPARE_CHAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include "analyse/compare.h"
#include "analyse/match_waves.h"
#include "analyse/troubles.h"
#include "present/chart_spec.h"

typedef struct nps_compare_chapter nps_compare_chapter;

/* A line of the matching table. */
typedef struct nps_cc_match_line {
    const char *what;     /* 番号の変更 / 対応表による対応 / 今回の追加 / 前回のみ */
    const char *old_text; /* "Q28 title" or "Q6「option」"; "" when not in the old wave */
    const char *new_text; /* "" when not in the new wave */
} nps_cc_match_line;

/* A dumbbell chart of one question. */
typedef struct nps_cc_figure {
    int question;
    nps_chart chart;      /* kind DUMBBELL; strings and rows owned by the chapter */
} nps_cc_figure;

/* Match, compare and summarise. cw may be NULL. A crosswalk that does not
 * fit the questionnaires is NPS_ERR_CSV with file and line in diag. */
nps_error nps_compare_chapter_build(const nps_dataset *old_d, const nps_dataset *new_d,
                                    const nps_crosswalk *cw, bool by_register, nps_compare_chapter **out,
                                    nps_diag *diag);
void nps_compare_chapter_free(nps_compare_chapter *ch);

const nps_compare *nps_cc_compare(const nps_compare_chapter *ch);
size_t nps_cc_old_count(const nps_compare_chapter *ch);   /* responses of the previous wave */
size_t nps_cc_new_count(const nps_compare_chapter *ch);
size_t nps_cc_panel(const nps_compare_chapter *ch);

/* The changes beyond the margin of error, largest |change| first. */
size_t nps_cc_changed_count(const nps_compare_chapter *ch);
const nps_compare_row *nps_cc_changed_at(const nps_compare_chapter *ch, size_t i);
/* Options compared in both waves whose interval includes 0. */
size_t nps_cc_within_count(const nps_compare_chapter *ch);
/* "Q6「子ども食堂などの子どもの居場所」" (matrix: "Q22 row「option」"), owned by the chapter;
 * row must be one of nps_cc_compare's rows. */
const char *nps_cc_row_label(const nps_compare_chapter *ch, const nps_compare_row *row);
/* "+12.3" / "-3.3" / "0.0": points, one decimal. */
void nps_cc_points(double v, char *buf, size_t size);

size_t nps_cc_figure_count(const nps_compare_chapter *ch);
const nps_cc_figure *nps_cc_figure_at(const nps_compare_chapter *ch, size_t i);

/* Both waves' flows; NULL when a wave has no troubles question. */
const nps_flows *nps_cc_old_flows(const nps_compare_chapter *ch);
const nps_flows *nps_cc_new_flows(const nps_compare_chapter *ch);

/* Sentences: the commentary and the panel's movements. */
size_t nps_cc_commentary_count(const nps_compare_chapter *ch);
const char *nps_cc_commentary_at(const nps_compare_chapter *ch, size_t i);
size_t nps_cc_movement_count(const nps_compare_chapter *ch);
const char *nps_cc_movement_at(const nps_compare_chapter *ch, size_t i);

size_t nps_cc_match_count(const nps_compare_chapter *ch);
const nps_cc_match_line *nps_cc_match_at(const nps_compare_chapter *ch, size_t i);

#endif
