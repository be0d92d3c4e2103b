/*
 * troubles.c — response flows and organisation lists of the troubles
 * question (docs/analysis.md).
 *
 * One pass over the dataset: for every organisation and every trouble row of
 * every category, the answer selects a leaf; the organisation's entry of the
 * category counts it at the leaf and at every ancestor. Category totals are
 * the sums over organisations. 全体 is one more category whose rows are the
 * union of all categories' rows (each row once).
 *
 * Invariants after build: for every category and organisation,
 * count[ALL] = number of rows of the category, and every inner node equals
 * the sum of its children (so does every category node); knows_none ⇔
 * count[UNKNOWN] > 0 ∧ count[KNOWN] = 0.
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/mask.h"
#include "base/emit.h"
#include "base/text.h"
#include "analyse/troubles.h"

typedef struct flow_category {
    const char *name;
    size_t n_rows;
    int *rows;                 /* owned */
    nps_flow_node nodes[NPS_FLOW_NODE_COUNT];
    size_t *knows_none;        /* dataset rows, ascending */
    size_t n_knows_none;
} flow_category;

struct nps_flows {
    const nps_dataset *d;
    const nps_questionnaire *q;
    int question;
    size_t n_cat;
    flow_category *cats;
    size_t n_orgs;
    char **names;              /* n_orgs, or NULL unless revealed */
};

static const struct {
    const char *name;
    int parent;
    int depth;
} tree[NPS_FLOW_NODE_COUNT] = {
    {"全回答", -1, 0},           {"把握している", 0, 1},   {"対応する意向あり", 1, 2},
    {"対応できている", 2, 3},    {"自団体で対応", 3, 4},   {"他団体と連携して対応", 3, 4},
    {"取り組み中", 2, 3},        {"対応予定なし", 1, 2},   {"把握していない", 0, 1},
    {"無回答", 0, 1},
};

const char *nps_flow_node_name(nps_flow_node_id id)
{
    return (unsigned)id < NPS_FLOW_NODE_COUNT ? tree[id].name : NULL;
}

int nps_flow_node_parent(nps_flow_node_id id)
{
    return (unsigned)id < NPS_FLOW_NODE_COUNT ? tree[id].parent : -1;
}

static bool node_is_leaf(int id)
{
    for (int i = 0; i < NPS_FLOW_NODE_COUNT; i++)
        if (tree[i].parent == id)
            return false;
    return true;
}

nps_flow_node_id nps_flow_leaf_of_answer(int answer)
{
    switch (answer) {
    case 1: return NPS_FLOW_OWN;
    case 2: return NPS_FLOW_PARTNER;
    case 3: return NPS_FLOW_WORKING;
    case 4: return NPS_FLOW_NO_PLAN;
    case 5: return NPS_FLOW_UNKNOWN;
    default: return NPS_FLOW_NO_ANSWER;
    }
}

/* ---- validation --------------------------------------------------------- */

static nps_error check_row(const nps_questionnaire *q, int question, int row)
{
    const nps_field *f = nps_questionnaire_field(q, question, row);
    if (row < 1 || !f || !f->list || f->list->n_options != 5)
        return NPS_ERR_QUESTIONNAIRE;
    return row > 64 ? NPS_ERR_LIMIT : NPS_OK;
}

static nps_error check_questionnaire(const nps_questionnaire *q, int question)
{
    const nps_question *qu = nps_questionnaire_question(q, question);
    size_t nc = nps_questionnaire_category_count(q);
    if (!qu || qu->type != NPS_Q_MATRIX || nc == 0)
        return NPS_ERR_QUESTIONNAIRE;
    for (size_t c = 0; c < nc; c++) {
        const nps_category *cat = nps_questionnaire_category_at(q, c);
        for (size_t k = 0; k < cat->n_troubles; k++) {
            nps_error err = check_row(q, question, cat->rows[k]);
            if (err != NPS_OK)
                return err;
        }
    }
    return NPS_OK;
}

/* ---- building ----------------------------------------------------------- */

static void init_nodes(nps_flow_node *nodes)
{
    for (int i = 0; i < NPS_FLOW_NODE_COUNT; i++)
        nodes[i] = (nps_flow_node){(nps_flow_node_id)i, tree[i].name, tree[i].parent,
                                   tree[i].depth, node_is_leaf(i), 0, 0.0};
}

/* Category c's rows: the questionnaire's, or for 全体 the union of all. */
static nps_error category_rows(const nps_questionnaire *q, size_t c, flow_category *cat)
{
    size_t nc = nps_questionnaire_category_count(q), n = 0;
    size_t from = c < nc ? c : 0, to = c < nc ? c + 1 : nc;
    uint64_t seen = 0;
    for (size_t i = from; i < to; i++)
        n += nps_questionnaire_category_at(q, i)->n_troubles;
    cat->rows = nps_calloc(n ? n : 1, sizeof(int));
    if (!cat->rows)
        return NPS_ERR_NOMEM;
    for (size_t i = from; i < to; i++) {
        const nps_category *qc = nps_questionnaire_category_at(q, i);
        for (size_t k = 0; k < qc->n_troubles; k++) {
            uint64_t bit = (uint64_t)1 << (qc->rows[k] - 1);
            if (seen & bit)
                continue;
            seen |= bit;
            cat->rows[cat->n_rows++] = qc->rows[k];
        }
    }
    cat->name = c < nc ? nps_questionnaire_category_at(q, c)->name : NPS_FLOWS_ALL_CATEGORY;
    return NPS_OK;
}

/* Count one answer of organisation `o` to trouble `row`. */
static void org_add(nps_flow_org *o, int row, int answer)
{
    uint64_t bit = (uint64_t)1 << (row - 1);
    for (int id = nps_flow_leaf_of_answer(answer); id >= 0; id = tree[id].parent) {
        o->count[id]++;
        o->troubles[id] |= bit;
    }
}

/* Organisation `r` of `cat`, computed from the dataset (nothing per
 * organisation is kept: a category has at most 64 rows to read). */
static void org_of(const nps_flows *f, const flow_category *cat, size_t r, nps_flow_org *o)
{
    memset(o, 0, sizeof *o);
    o->row = r;
    o->id = nps_dataset_org_id(f->d, r);
    o->name = f->names ? f->names[r] : NULL;
    for (size_t k = 0; k < cat->n_rows; k++) {
        const nps_field *fl = nps_questionnaire_field(f->q, f->question, cat->rows[k]);
        org_add(o, cat->rows[k], nps_dataset_choice(f->d, r, fl));
    }
    o->knows_none = o->count[NPS_FLOW_UNKNOWN] > 0 && o->count[NPS_FLOW_KNOWN] == 0;
}

static nps_error fill_category(nps_flows *f, flow_category *cat)
{
    nps_flow_org o;
    init_nodes(cat->nodes);
    cat->knows_none = nps_calloc(f->n_orgs ? f->n_orgs : 1, sizeof(size_t));
    if (!cat->knows_none)
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < f->n_orgs; r++) {
        org_of(f, cat, r, &o);
        if (o.knows_none)
            cat->knows_none[cat->n_knows_none++] = r;
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++)
            cat->nodes[id].count += o.count[id];
    }
    for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
        long all = cat->nodes[NPS_FLOW_ALL].count;
        cat->nodes[id].percent = all > 0 ? (double)cat->nodes[id].count * 100.0 / (double)all : 0.0;
    }
    return NPS_OK;
}

static nps_error reveal_names(nps_flows *f)
{
    const nps_field *fl = nps_questionnaire_personal_field(f->q, NPS_PERSONAL_ORGANISATION);
    f->names = nps_calloc(f->n_orgs ? f->n_orgs : 1, sizeof(char *));
    if (!f->names)
        return NPS_ERR_NOMEM;
    for (size_t r = 0; fl && r < f->n_orgs; r++) {
        const char *t = nps_dataset_text(f->d, r, fl);
        if (!t)
            continue;
        f->names[r] = nps_text_nfkc(t, strlen(t));
        if (!f->names[r] && !(f->names[r] = nps_strdup(t)))
            return NPS_ERR_NOMEM;
    }
    return NPS_OK;
}

nps_error nps_flows_build_opts(const nps_dataset *d, const nps_flows_options *opt,
                               nps_flows **out)
{
    nps_error err;
    nps_flows *f = NULL;
    *out = NULL;
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    int question = nps_questionnaire_troubles_question(q);
    if ((err = check_questionnaire(q, question)) != NPS_OK)
        goto cleanup;
    err = NPS_ERR_NOMEM;
    if (!(f = nps_calloc(1, sizeof *f)))
        goto cleanup;
    f->d = d;
    f->q = q;
    f->question = question;
    f->n_orgs = nps_dataset_count(d);
    f->n_cat = nps_questionnaire_category_count(q) + 1;
    if (!(f->cats = nps_calloc(f->n_cat, sizeof(flow_category))))
        goto cleanup;
    if (opt && opt->reveal_names && (err = reveal_names(f)) != NPS_OK)
        goto cleanup;
    for (size_t c = 0; c < f->n_cat; c++) {
        if ((err = category_rows(q, c, &f->cats[c])) != NPS_OK)
            goto cleanup;
        if ((err = fill_category(f, &f->cats[c])) != NPS_OK)
            goto cleanup;
    }
    *out = f;
    f = NULL;
    err = NPS_OK;
cleanup:
    nps_flows_free(f);
    return err;
}

nps_error nps_flows_build(const nps_dataset *d, nps_flows **out)
{
    return nps_flows_build_opts(d, NULL, out);
}

void nps_flows_free(nps_flows *f)
{
    if (!f)
        return;
    for (size_t c = 0; f->cats && c < f->n_cat; c++) {
        nps_free(f->cats[c].rows);
        nps_free(f->cats[c].knows_none);
    }
    nps_free(f->cats);
    for (size_t r = 0; f->names && r < f->n_orgs; r++)
        nps_free(f->names[r]);
    nps_free(f->names);
    nps_free(f);
}

/* ---- accessors ---------------------------------------------------------- */

size_t nps_flows_category_count(const nps_flows *f) { return f->n_cat; }

const char *nps_flows_category_name(const nps_flows *f, size_t c)
{
    return c < f->n_cat ? f->cats[c].name : NULL;
}

size_t nps_flows_category_trouble_count(const nps_flows *f, size_t c)
{
    return c < f->n_cat ? f->cats[c].n_rows : 0;
}

int nps_flows_category_trouble_row(const nps_flows *f, size_t c, size_t k)
{
    return c < f->n_cat && k < f->cats[c].n_rows ? f->cats[c].rows[k] : 0;
}

const char *nps_flows_trouble_label(const nps_flows *f, int row)
{
    const nps_field *fl = nps_questionnaire_field(f->q, f->question, row);
    return fl ? fl->label : NULL;
}

int nps_flows_question(const nps_flows *f) { return f->question; }

const nps_flow_node *nps_flows_node(const nps_flows *f, size_t c, nps_flow_node_id id)
{
    return c < f->n_cat && (unsigned)id < NPS_FLOW_NODE_COUNT ? &f->cats[c].nodes[id] : NULL;
}

size_t nps_flows_org_count(const nps_flows *f) { return f->n_orgs; }

bool nps_flows_org(const nps_flows *f, size_t c, size_t i, nps_flow_org *out)
{
    if (c >= f->n_cat || i >= f->n_orgs)
        return false;
    org_of(f, &f->cats[c], i, out);
    return true;
}

size_t nps_flows_knows_none_count(const nps_flows *f, size_t c)
{
    return c < f->n_cat ? f->cats[c].n_knows_none : 0;
}

bool nps_flows_knows_none_at(const nps_flows *f, size_t c, size_t k, nps_flow_org *out)
{
    if (c >= f->n_cat || k >= f->cats[c].n_knows_none)
        return false;
    org_of(f, &f->cats[c], f->cats[c].knows_none[k], out);
    return true;
}

bool nps_flows_reveals_names(const nps_flows *f) { return f->names != NULL; }

/* ---- writers: trees ----------------------------------------------------- */

static double pct1(double p) { return nps_round1(p); }

static void write_tree_csv(const nps_flows *f, FILE *out)
{
    fputs("category,node,count,percent\n", out);
    for (size_t c = 0; c < f->n_cat; c++)
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *n = &f->cats[c].nodes[id];
            nps_write_csv_field(out, f->cats[c].name);
            fprintf(out, ",%s,%ld,%.1f\n", n->name, n->count, pct1(n->percent));
        }
}

static void write_tree_text(const nps_flows *f, FILE *out)
{
    for (size_t c = 0; c < f->n_cat; c++) {
        const flow_category *cat = &f->cats[c];
        fprintf(out, "%s%s (Q%d, %zu troubles × %zu organisations)\n", c ? "\n" : "", cat->name,
                f->question, cat->n_rows, f->n_orgs);
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *n = &cat->nodes[id];
            fprintf(out, "%*s%s  %ld  %.1f%%\n", 2 * n->depth, "", n->name, n->count,
                    pct1(n->percent));
        }
    }
}

static void write_troubles_json(const nps_flows *f, const flow_category *cat, FILE *out)
{
    fputc('[', out);
    for (size_t k = 0; k < cat->n_rows; k++) {
        fprintf(out, "%s{\"row\":%d,\"label\":", k ? "," : "", cat->rows[k]);
        nps_write_json_string(out, nps_flows_trouble_label(f, cat->rows[k]));
        fputc('}', out);
    }
    fputc(']', out);
}

static void write_tree_json(const nps_flows *f, FILE *out)
{
    fprintf(out, "{\"question\":%d,\"categories\":[", f->question);
    for (size_t c = 0; c < f->n_cat; c++) {
        const flow_category *cat = &f->cats[c];
        fputs(c ? ",\n{\"name\":" : "\n{\"name\":", out);
        nps_write_json_string(out, cat->name);
        fputs(",\"troubles\":", out);
        write_troubles_json(f, cat, out);
        fputs(",\"nodes\":[", out);
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *n = &cat->nodes[id];
            fprintf(out, "%s{\"node\":", id ? "," : "");
            nps_write_json_string(out, n->name);
            fputs(",\"parent\":", out);
            if (n->parent < 0)
                fputs("null", out);
            else
                nps_write_json_string(out, tree[n->parent].name);
            fprintf(out, ",\"count\":%ld,\"percent\":%.1f}", n->count, pct1(n->percent));
        }
        fputs("]}", out);
    }
    fputs("\n]}\n", out);
}

nps_error nps_flows_write(const nps_flows *f, nps_table_format format, FILE *out)
{
    switch (format) {
    case NPS_FORMAT_CSV: write_tree_csv(f, out); break;
    case NPS_FORMAT_JSON: write_tree_json(f, out); break;
    default: write_tree_text(f, out); break;
    }
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}

/* ---- writers: organisation lists ---------------------------------------- */

/* The labels of the rows in `set`, joined by `sep` (text/csv). */
static void write_labels(const nps_flows *f, const flow_category *cat, uint64_t set,
                         const char *sep, FILE *out)
{
    bool first = true;
    for (size_t k = 0; k < cat->n_rows; k++) {
        if (!(set & ((uint64_t)1 << (cat->rows[k] - 1))))
            continue;
        fprintf(out, "%s%s", first ? "" : sep, nps_flows_trouble_label(f, cat->rows[k]));
        first = false;
    }
}

/* The labels of the rows in `set` joined by " / ", as a new string. */
static char *join_labels(const nps_flows *f, const flow_category *cat, uint64_t set)
{
    size_t len = 0;
    char *s = NULL;
    for (int pass = 0; pass < 2; pass++) {
        size_t pos = 0;
        for (size_t k = 0; k < cat->n_rows; k++) {
            if (!(set & ((uint64_t)1 << (cat->rows[k] - 1))))
                continue;
            const char *l = nps_flows_trouble_label(f, cat->rows[k]);
            size_t n = l ? strlen(l) : 0;
            if (pass == 1) {
                if (pos)
                    memcpy(s + pos - 3, " / ", 3);
                if (n)
                    memcpy(s + pos, l, n);
            }
            pos += n + 3;
        }
        if (pass == 0) {
            len = pos;
            if (!(s = nps_calloc(len + 1, 1)))
                return NULL;
        }
    }
    if (len >= 3)
        s[len - 3] = '\0';
    return s;
}

static nps_error write_orgs_csv(const nps_flows *f, FILE *out)
{
    fputs("category,org,organisation,knows_none,node,count,troubles\n", out);
    for (size_t c = 0; c < f->n_cat; c++) {
        const flow_category *cat = &f->cats[c];
        for (size_t r = 0; r < f->n_orgs; r++) {
            nps_flow_org org;
            const nps_flow_org *o = &org;
            org_of(f, cat, r, &org);
            for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
                if (!cat->nodes[id].leaf || o->count[id] == 0)
                    continue;
                char *labels = join_labels(f, cat, o->troubles[id]);
                if (!labels)
                    return NPS_ERR_NOMEM;
                nps_write_csv_field(out, cat->name);
                fputc(',', out);
                nps_write_csv_field(out, o->id);
                fputc(',', out);
                nps_write_csv_field(out, o->name);
                fprintf(out, ",%d,%s,%d,", o->knows_none ? 1 : 0, tree[id].name, o->count[id]);
                nps_write_csv_field(out, labels);
                fputc('\n', out);
                nps_free(labels);
            }
        }
    }
    return NPS_OK;
}

static void write_org_name_text(const nps_flow_org *o, FILE *out)
{
    fputs(o->id ? o->id : "?", out);
    if (o->name)
        fprintf(out, " %s", o->name);
}

static void write_orgs_text(const nps_flows *f, FILE *out)
{
    for (size_t c = 0; c < f->n_cat; c++) {
        const flow_category *cat = &f->cats[c];
        fprintf(out, "%s%s\n", c ? "\n" : "", cat->name);
        for (size_t r = 0; r < f->n_orgs; r++) {
            nps_flow_org org;
            const nps_flow_org *o = &org;
            org_of(f, cat, r, &org);
            fputs("  ", out);
            write_org_name_text(o, out);
            fputs(o->knows_none ? "  [knows none]\n" : "\n", out);
            for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
                if (!cat->nodes[id].leaf || o->count[id] == 0)
                    continue;
                fprintf(out, "    %s %d: ", tree[id].name, o->count[id]);
                write_labels(f, cat, o->troubles[id], "、", out);
                fputc('\n', out);
            }
        }
        fprintf(out, "  knows none (%zu):", cat->n_knows_none);
        for (size_t k = 0; k < cat->n_knows_none; k++) {
            nps_flow_org org;
            org_of(f, cat, cat->knows_none[k], &org);
            fputc(' ', out);
            write_org_name_text(&org, out);
        }
        fputc('\n', out);
    }
}

static void write_org_json(const nps_flows *f, const flow_category *cat, const nps_flow_org *o,
                           FILE *out)
{
    fputs("{\"org\":", out);
    nps_write_json_string(out, o->id);
    if (o->name) {
        fputs(",\"organisation\":", out);
        nps_write_json_string(out, o->name);
    }
    fprintf(out, ",\"knows_none\":%s,\"leaves\":[", o->knows_none ? "true" : "false");
    bool first = true;
    for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
        if (!cat->nodes[id].leaf || o->count[id] == 0)
            continue;
        fprintf(out, "%s{\"node\":", first ? "" : ",");
        nps_write_json_string(out, tree[id].name);
        fprintf(out, ",\"count\":%d,\"troubles\":[", o->count[id]);
        bool ft = true;
        for (size_t k = 0; k < cat->n_rows; k++) {
            if (!(o->troubles[id] & ((uint64_t)1 << (cat->rows[k] - 1))))
                continue;
            fputs(ft ? "" : ",", out);
            nps_write_json_string(out, nps_flows_trouble_label(f, cat->rows[k]));
            ft = false;
        }
        fputs("]}", out);
        first = false;
    }
    fputs("]}", out);
}

static void write_orgs_json(const nps_flows *f, FILE *out)
{
    fprintf(out, "{\"question\":%d,\"categories\":[", f->question);
    for (size_t c = 0; c < f->n_cat; c++) {
        const flow_category *cat = &f->cats[c];
        fputs(c ? ",\n{\"name\":" : "\n{\"name\":", out);
        nps_write_json_string(out, cat->name);
        fputs(",\"organisations\":[", out);
        for (size_t r = 0; r < f->n_orgs; r++) {
            nps_flow_org org;
            org_of(f, cat, r, &org);
            fputs(r ? ",\n" : "\n", out);
            write_org_json(f, cat, &org, out);
        }
        fputs("],\"knows_none\":[", out);
        for (size_t k = 0; k < cat->n_knows_none; k++) {
            fputs(k ? "," : "", out);
            nps_write_json_string(out, nps_dataset_org_id(f->d, cat->knows_none[k]));
        }
        fputs("]}", out);
    }
    fputs("\n]}\n", out);
}

nps_error nps_flows_write_orgs(const nps_flows *f, nps_table_format format, FILE *out)
{
    nps_error err = NPS_OK;
    switch (format) {
    case NPS_FORMAT_CSV: err = write_orgs_csv(f, out); break;
    case NPS_FORMAT_JSON: write_orgs_json(f, out); break;
    default: write_orgs_text(f, out); break;
    }
    if (err != NPS_OK)
        return err;
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}
