/*
 * chart_spec.h — what a chart shows, as plain data: the chart kinds, the
 * roles of rows / segments / nodes, value-label modes, palette choices and
 * the per-kind input structs (nps_chart and its union). No graphics
 * library and no fonts here: the present stage fills these from tables,
 * flows, gap rows and theme counts, and only the draw stage (its chart.h)
 * measures and draws them.
 *
 * Ownership: all strings are UTF-8 and borrowed; they need to live only
 * during nps_chart_measure() of the draw stage, which copies what it keeps.
 * The layout invariants and errors are described in docs/charts.md.
 */
#ifndef NPS_CHART_SPEC_H
#define NPS_CHART_SPEC_H

#include <stddef.h>

typedef enum nps_chart_kind {
    NPS_CHART_BARS = 1,   /* horizontal percent bars (single / multiple choice): .bars */
    NPS_CHART_STACKED,    /* 100% stacked bars (matrices, numeric bins): .stacked */
    NPS_CHART_DONUT,      /* yes/no donut (Q29): .bars (items = slices) */
    NPS_CHART_STARS,      /* 10-star distribution (Q37): .stars */
    NPS_CHART_SANKEY,     /* response-flow tree (docs/analysis.md): .sankey */
    NPS_CHART_GAP,        /* organisations × people per organisation (docs/analysis.md): .gap */
    NPS_CHART_THEMES,     /* free-text theme counts (docs/analysis.md): .bars, counts */
    NPS_CHART_DUMBBELL    /* two waves' percents per option (docs/compare.md): .dumbbell */
} nps_chart_kind;

/* What a row / segment / slice / node stands for. OTHER, NONE and MISSING
 * rows are drawn after the options (in that order); MISSING is grey. */
typedef enum nps_chart_role {
    NPS_ROLE_OPTION = 0,  /* an ordinary option, bin or scale point */
    NPS_ROLE_OTHER,       /* その他 */
    NPS_ROLE_NONE,        /* 当てはまる事業はない (exclusive "none applies") */
    NPS_ROLE_MISSING      /* 無回答 */
} nps_chart_role;

/* Value labels. DEFAULT: percent + count for bars, stars and donut, count
 * for themes. Percent = count × 100 / base, one decimal, half away from 0. */
typedef enum nps_chart_values {
    NPS_VALUES_DEFAULT = 0,
    NPS_VALUES_PERCENT,         /* 27.7% */
    NPS_VALUES_PERCENT_COUNT,   /* 27.7%（18） */
    NPS_VALUES_COUNT            /* 18 (followed by .unit) */
} nps_chart_values;

/* Colours of ordered segments (stacked bars). Categorical colours are
 * Okabe–Ito; DIVERGING is ColorBrewer RdYlBu with the FIRST segment blue
 * (e.g. 積極的に行っている) and the last red; SEQUENTIAL is viridis from
 * dark (first bin) to yellow (last bin). MISSING segments are grey in all.
 * DEFAULT: DIVERGING for up to 11 ordered segments, SEQUENTIAL beyond. */
typedef enum nps_chart_palette {
    NPS_PALETTE_DEFAULT = 0,
    NPS_PALETTE_CATEGORICAL,
    NPS_PALETTE_DIVERGING,
    NPS_PALETTE_SEQUENTIAL
} nps_chart_palette;

/* One bar (BARS, THEMES), slice (DONUT). */
typedef struct nps_chart_item {
    const char *label;
    long count;               /* >= 0 */
    nps_chart_role role;
} nps_chart_item;

typedef struct nps_chart_bars {
    const nps_chart_item *items;  /* in the questionnaire's order */
    size_t n_items;
    nps_chart_values values;
    double axis_max;              /* BARS/THEMES axis end; 0 = automatic */
    const char *unit;             /* appended to counts, e.g. "件"; NULL = none */
} nps_chart_bars;

/* Q37: counts[k-1] organisations gave k stars; `missing` gave none. */
typedef struct nps_chart_stars {
    long counts[10];
    long missing;
    int numeric_labels;           /* 0: ★ … ★★★★★★★★★★; 1: ★1 … ★10 */
    nps_chart_values values;
} nps_chart_stars;

/* A segment of the 100% bars: its legend label and role. MISSING is grey;
 * NONE marks an answer off the ordered scale (Q22's 5.特に困りごとがある人は
 * いない) and is a neutral beige; OPTION and OTHER take the palette. */
typedef struct nps_chart_series {
    const char *label;
    nps_chart_role role;
} nps_chart_series;

typedef struct nps_chart_stack_row {
    const char *label;
    const long *counts;           /* n_segments counts, in segment order */
} nps_chart_stack_row;

/* Each row is drawn as 100% of the sum of its counts (a row with sum 0 is an
 * empty outline). Percents inside segments are of that sum. */
typedef struct nps_chart_stacked {
    const nps_chart_series *segments;
    size_t n_segments;
    const nps_chart_stack_row *rows;
    size_t n_rows;
    nps_chart_palette palette;
    /* The row labels of every chart of the group (the charts over the same
     * option list or bin set, e.g. Q22's five parts): the label column is as
     * wide as the widest of them, so the group shares one bar width and one
     * 0–100% scale (docs/charts.md). NULL: this chart's rows only. */
    const char *const *group_labels;
    size_t n_group_labels;
} nps_chart_stacked;

/* A node of the flow tree. Nodes are listed parents first: parent < own
 * index, or -1 for a root. The link parent → child carries the child's
 * count; children are drawn top to bottom in list order. Percents in node
 * labels are of the node's root count. */
typedef struct nps_chart_node {
    const char *label;
    long count;
    int parent;
    nps_chart_role role;          /* MISSING: grey */
} nps_chart_node;

typedef struct nps_chart_sankey {
    const nps_chart_node *nodes;
    size_t n_nodes;
} nps_chart_sankey;

typedef enum nps_gap_flag {
    NPS_GAP_NONE = 0,
    NPS_GAP_HIGH,     /* few organisations carry many people: red ring */
    NPS_GAP_LOW       /* many organisations share few people: blue ring */
} nps_gap_flag;

/* A business: x = organisations running it, y = people per organisation.
 * A NULL or "" label draws the point unlabelled. Points with a non-finite
 * coordinate are not drawn; negative ones are an error, above 1e9 a limit. */
typedef struct nps_chart_point {
    const char *label;
    double x, y;
    nps_gap_flag flag;
} nps_chart_point;

typedef struct nps_chart_gap {
    const nps_chart_point *points;
    size_t n_points;
    const char *x_title;          /* NULL: 事業を行う団体数 */
    const char *y_title;          /* NULL: 1団体あたりの人数（人） */
    const char *high_label;       /* NULL: default legend text of the red rings */
    const char *low_label;        /* NULL: default legend text of the blue rings */
    int log_y;                    /* 1: logarithmic y axis (y <= 0 drawn at its bottom) */
} nps_chart_gap;

/* One option of a dumbbell chart: the old and the new wave's percent on one
 * line, and the 95% interval of the change (new − old, points) drawn as a
 * band measured from the old value. Percents in [0, 100]. */
typedef struct nps_chart_dumbbell_row {
    const char *label;
    double old_percent, new_percent;
    double low, high;             /* the change's interval, points; low <= high */
    int changed;                  /* the interval excludes 0: the new point is emphasised */
} nps_chart_dumbbell_row;

typedef struct nps_chart_dumbbell {
    const nps_chart_dumbbell_row *rows;
    size_t n_rows;
    const char *old_label;        /* legend; NULL: 前回 */
    const char *new_label;        /* legend; NULL: 今回 */
} nps_chart_dumbbell;

typedef struct nps_chart {
    nps_chart_kind kind;
    const char *title;            /* e.g. "図8（Q6）…"; NULL or "" = no title */
    const char *subtitle;         /* e.g. "複数回答"; NULL = none */
    long base;                    /* n (organisations; answers for a Sankey) */
    const char *base_label;       /* NULL: "n=65"; "" = not stated */
    const char *note;             /* footnote under the chart; NULL = none */
    union {
        nps_chart_bars bars;      /* BARS, DONUT, THEMES */
        nps_chart_stars stars;    /* STARS */
        nps_chart_stacked stacked;/* STACKED */
        nps_chart_sankey sankey;  /* SANKEY */
        nps_chart_gap gap;        /* GAP */
        nps_chart_dumbbell dumbbell; /* DUMBBELL */
    };
} nps_chart;

#endif
