/*
 * publish.h — the masked publish view of a dataset: everything a report
 * may print about the responses, and nothing else (docs/report.md,
 * docs/workbook.md).
 *
 * A publication is built from the dataset, its masker and the
 * reveal_names option. It exposes the questionnaire, the base n, the
 * survey period, the facts of the file as read, per organisation its
 * pseudonymous id, its answer date and its coded answers to the
 * non-personal fields, masked free texts and write-ins, and the quality
 * log with masked values. Personal fields (Q1–Q4: name, organisation,
 * e-mail, phone) are not reachable: every answer accessor returns nothing
 * for them (0, NAN, no text). An organisation's name is returned only
 * when reveal_names was given. The report writers see the responses only
 * through this view, so what they can print is a property of its types.
 *
 * Masked text is made on demand (the workbook's data sheet of 100,000
 * responses would not fit in memory pre-masked) and belongs to the caller.
 *
 * Ownership: the publication borrows the dataset and the masker, which
 * must outlive it; nps_publication_free releases only the view itself.
 */
#ifndef NPS_PUBLISH_H
#define NPS_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analyse/mask.h"
#include "analyse/text_memo.h"
#include "model/dataset.h"

typedef struct nps_publication nps_publication;

/* *out owned by the caller (nps_publication_free). */
nps_error nps_publication_new(const nps_dataset *d, const nps_masker *m, bool reveal_names,
                              nps_publication **out);
void nps_publication_free(nps_publication *p);

const nps_questionnaire *nps_publication_questionnaire(const nps_publication *p);
/* Responses: the base n of every percentage. */
size_t nps_publication_count(const nps_publication *p);
/* First and last answer time (epoch seconds); false when no response has one. */
bool nps_publication_period(const nps_publication *p, long long *first, long long *last);
/* Facts about the file as read (encoding, records, empty rows, duplicates). */
const nps_read_info *nps_publication_read_info(const nps_publication *p);

/* ---- per organisation: `org` < count, `field` from the questionnaire ---- */

/* The pseudonymous id ("R001"). */
const char *nps_publication_org_id(const nps_publication *p, size_t org);
/* The organisation's name as answered, or NULL (always NULL unless the
 * publication reveals names). */
const char *nps_publication_org_name(const nps_publication *p, size_t org);
bool nps_publication_reveals_names(const nps_publication *p);
/* The answer's timestamp, -1 = none. */
long long nps_publication_timestamp(const nps_publication *p, size_t org);
/* Coded answers; nothing (0 / 0 / NAN) for personal fields. */
int nps_publication_choice(const nps_publication *p, size_t org, const nps_field *field);
uint64_t nps_publication_choices(const nps_publication *p, size_t org, const nps_field *field);
double nps_publication_number(const nps_publication *p, size_t org, const nps_field *field);
/* The 1-based bin of a number field's answer (0 = none; also for personal fields). */
int nps_publication_bin(const nps_publication *p, size_t org, const nps_field *field);
/* The masked text of a text field, or the masked "other" write-in of a
 * select field: *masked is a new string (nps_free), NULL when there is no
 * text or the field is personal. NPS_ERR_NOMEM on allocation failure. */
nps_error nps_publication_text(const nps_publication *p, size_t org, const nps_field *field,
                               char **masked);

/* ---- the quality log ---- */

/* One entry, without its raw value (see nps_publication_quality_raw). */
typedef struct nps_published_quality {
    nps_quality_kind kind;
    long line;             /* line of the export; 0 = file-level */
    const char *column;    /* header text, or "" */
    const char *action;    /* what was done, in English */
    const char *cell;      /* an .xlsx export: "Sheet1!F7"; else NULL */
} nps_published_quality;

size_t nps_publication_quality_count(const nps_publication *p);
size_t nps_publication_quality_count_kind(const nps_publication *p, nps_quality_kind kind);
/* Entry i (< quality_count). */
nps_published_quality nps_publication_quality_at(const nps_publication *p, size_t i);
/* The masked action of entry i (it may quote an answer, e.g. a write-in
 * many organisations gave): *masked a new string (nps_free). */
nps_error nps_publication_quality_action(const nps_publication *p, size_t i, char **masked);
/* The masked raw value of entry i: *masked a new string (nps_free), NULL
 * when the entry has none (or an empty one). NPS_ERR_NOMEM on allocation failure. */
nps_error nps_publication_quality_raw(const nps_publication *p, size_t i, char **masked);
/* The same two, each masked once per distinct text through the caller's
 * memo (analyse/text_memo.h; one per thread): *raw (NULL when none) and
 * *action point into the memo and live as long as it. A long log repeats
 * the same values (なし, 約10) and actions. NPS_ERR_NOMEM on failure. */
nps_error nps_publication_quality_masked(const nps_publication *p, size_t i, nps_text_memo *memo,
                                         const char **raw, const char **action);

#endif
