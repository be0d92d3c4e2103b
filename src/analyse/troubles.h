/*
 * troubles.h — the 32 troubles of the troubles question (Q22), their
 * categories, the response-flow trees and the organisation lists
 * (docs/analysis.md; the seed's selection method, steps 1–3).
 *
 * Categories are the questionnaire's, in its order, followed by 全体 (all
 * troubles of every category together) as the LAST category: category i <
 * nps_questionnaire_category_count() is nps_questionnaire_category_at(i).
 * Every organisation × trouble cell of a category counts once and flows down
 *
 *   全回答 ─┬─ 把握している (1–4) ─┬─ 対応する意向あり (1–3) ─┬─ 対応できている (1–2) ─┬─ 自団体で対応 (1)
 *           │                      │                          │                        └─ 他団体と連携して対応 (2)
 *           │                      │                          └─ 取り組み中 (3)
 *           │                      └─ 対応予定なし (4)
 *           ├─ 把握していない (5)
 *           └─ 無回答 (no answer)
 *
 * where an answer is the 1-based option of the question's list. Node ids
 * below are in tree (depth-first) order; every inner node's count is the sum
 * of its children's; percent = count × 100 / the category's 全回答.
 *
 * Organisation lists: for each category and each organisation (dataset row),
 * its number of answers at every node and which troubles they were (a bit
 * set over the question's rows), and whether it "knows none" of the
 * category's troubles: at least one answer 5 and no answer 1–4 (blank cells
 * allowed; an organisation that left the whole category blank does not know
 * none, it did not answer). Organisation names are absent unless the caller
 * sets reveal_names; ids are nps_dataset_org_id().
 *
 * Ownership: nps_flows owns its arrays and any revealed names; it borrows
 * the dataset (ids) and the questionnaire (labels), which must outlive it.
 */
#ifndef NPS_TROUBLES_H
#define NPS_TROUBLES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "model/dataset.h"
#include "analyse/tables.h"

#define NPS_FLOWS_ALL_CATEGORY "全体"

typedef enum nps_flow_node_id {
    NPS_FLOW_ALL = 0,     /* 全回答 */
    NPS_FLOW_KNOWN,       /* 把握している: 1–4 */
    NPS_FLOW_INTEND,      /* 対応する意向あり: 1–3 */
    NPS_FLOW_HANDLED,     /* 対応できている: 1–2 */
    NPS_FLOW_OWN,         /* 自団体で対応: 1 (leaf) */
    NPS_FLOW_PARTNER,     /* 他団体と連携して対応: 2 (leaf) */
    NPS_FLOW_WORKING,     /* 取り組み中: 3 (leaf) */
    NPS_FLOW_NO_PLAN,     /* 対応予定なし: 4 (leaf) */
    NPS_FLOW_UNKNOWN,     /* 把握していない: 5 (leaf) */
    NPS_FLOW_NO_ANSWER,   /* 無回答 (leaf) */
    NPS_FLOW_NODE_COUNT
} nps_flow_node_id;

/* One node of one category's tree. */
typedef struct nps_flow_node {
    nps_flow_node_id id;
    const char *name;     /* exactly as in docs/analysis.md, e.g. "把握している" */
    int parent;           /* node id of the parent, -1 for 全回答 */
    int depth;            /* 0 for 全回答 */
    bool leaf;
    long count;
    double percent;       /* count × 100 / 全回答, unrounded; 0 when 全回答 = 0 */
} nps_flow_node;

/* One organisation in one category. Indexed by node id; inner nodes hold
 * the sums (counts) and unions (troubles) of their children. Not stored:
 * nps_flows_org computes it from the dataset when asked, so the flows cost
 * no memory per organisation (issue 18: memory bounded by the coded data). */
typedef struct nps_flow_org {
    size_t row;           /* dataset row */
    const char *id;       /* pseudonymous id, e.g. "R007" (owned by the dataset) */
    const char *name;     /* normalised Q2 text; NULL unless reveal_names */
    int count[NPS_FLOW_NODE_COUNT];
    uint64_t troubles[NPS_FLOW_NODE_COUNT]; /* bit r-1 set: trouble row r answered there */
    bool knows_none;
} nps_flow_org;

typedef struct nps_flows_options {
    bool reveal_names;    /* put organisation names into the organisation lists */
} nps_flows_options;

/* nps_flows_build (include/npo-survey/analysis.h) builds the flows and
 * organisation lists of `d` (ids only). *out is owned
 * by the caller (nps_flows_free). NPS_ERR_QUESTIONNAIRE when the
 * questionnaire has no troubles question (a matrix whose rows' list has
 * exactly the 5 handling states) or no categories; NPS_ERR_LIMIT when a
 * trouble's row is above 64; NPS_ERR_NOMEM. */
/* nps_flows_build with options (NULL = defaults). */
nps_error nps_flows_build_opts(const nps_dataset *d, const nps_flows_options *opt,
                               nps_flows **out);

/* Static facts of the tree. */
const char *nps_flow_node_name(nps_flow_node_id id);
int nps_flow_node_parent(nps_flow_node_id id);
/* The leaf an answer (0 = none, 1..5) falls into; NPS_FLOW_NO_ANSWER for
 * anything else. */
nps_flow_node_id nps_flow_leaf_of_answer(int answer);

/* Categories: the questionnaire's, then 全体 (last). */
size_t nps_flows_category_count(const nps_flows *f);
const char *nps_flows_category_name(const nps_flows *f, size_t c);
size_t nps_flows_category_trouble_count(const nps_flows *f, size_t c);
/* Row (1-based item index of the troubles question) of trouble k of c. */
int nps_flows_category_trouble_row(const nps_flows *f, size_t c, size_t k);
/* Label of a row of the troubles question, or NULL. */
const char *nps_flows_trouble_label(const nps_flows *f, int row);
/* The troubles question's number (22 in the default questionnaire). */
int nps_flows_question(const nps_flows *f);

/* Node `id` of category c (NULL if out of range). */
const nps_flow_node *nps_flows_node(const nps_flows *f, size_t c, nps_flow_node_id id);

/* Organisation lists: one entry per dataset row, in row order.
 * nps_flows_org fills *out with organisation i of category c (its strings
 * are owned by the dataset or the flows); false, *out untouched, when c or
 * i is out of range. */
size_t nps_flows_org_count(const nps_flows *f);
bool nps_flows_org(const nps_flows *f, size_t c, size_t i, nps_flow_org *out);
/* Organisations of c that know none of its troubles, in row order: the
 * k-th into *out, false when k is out of range. */
size_t nps_flows_knows_none_count(const nps_flows *f, size_t c);
bool nps_flows_knows_none_at(const nps_flows *f, size_t c, size_t k, nps_flow_org *out);
bool nps_flows_reveals_names(const nps_flows *f);

/* nps_flows_write (include/npo-survey/analysis.h) writes the trees. csv: `category,node,count,percent`, one row per category
 * and node in tree order, percent with one decimal; text: an indented tree
 * per category; json: {"question":22,"categories":[{"name","troubles":[…],
 * "nodes":[{"node","parent","count","percent"}…]}…]}. NPS_ERR_IO on a
 * write error. */

/* Write the organisation lists. csv:
 * `category,org,organisation,knows_none,node,count,troubles` — one row per
 * category, organisation and leaf it answered at (count > 0); organisation
 * is empty unless names are revealed; troubles are the labels joined by
 * " / ". text: per category, each organisation's leaves and the knows-none
 * list; json: the same nested. */
nps_error nps_flows_write_orgs(const nps_flows *f, nps_table_format format, FILE *out);

#endif
