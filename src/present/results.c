/*
 * results.c — see results.h. Builds in dependency order; an optional part
 * whose questionnaire settings are absent (NPS_ERR_QUESTIONNAIRE from its
 * builder) is left NULL, any other error stops the build.
 */
#include "base/alloc.h"
#include "present/results.h"

/* Optional parts: a questionnaire that lacks them is not an error. */
static nps_error optional(nps_error err)
{
    return err == NPS_ERR_QUESTIONNAIRE ? NPS_OK : err;
}

nps_error nps_results_build(const nps_dataset *d, const nps_results_options *opt, nps_results **out)
{
    nps_results *r = nps_calloc(1, sizeof *r);
    nps_flows_options fopt = {opt ? opt->reveal_names : false};
    nps_error err;
    *out = NULL;
    if (!r)
        return NPS_ERR_NOMEM;
    r->dataset = d;
    err = nps_tables_build(d, &r->tables);
    if (err == NPS_OK)
        err = optional(nps_flows_build_opts(d, &fopt, &r->flows));
    if (err == NPS_OK)
        err = optional(nps_gap_build(d, &r->gap));
    if (err == NPS_OK)
        err = nps_masker_new(d, &r->masker);
    if (err == NPS_OK)
        err = nps_publication_new(d, r->masker, opt ? opt->reveal_names : false, &r->publication);
    if (err == NPS_OK && !(r->masked = nps_text_memo_new()))
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK)
        err = nps_free_texts_mask_ahead(d, r->masker, r->masked);
    if (err == NPS_OK)
        err = optional(nps_themes_build_shared(d, r->masker, r->masked, &r->themes));
    if (err == NPS_OK)
        err = optional(nps_free_texts_build_shared(d, r->masker, r->masked, &r->free_texts));
    if (err == NPS_OK) {
        nps_figure_sources src = {d, r->tables, r->flows, r->gap, r->themes};
        err = nps_figures_build(&src, &r->figures);
    }
    if (err != NPS_OK) {
        nps_results_free(r);
        return err;
    }
    *out = r;
    return NPS_OK;
}

void nps_results_free(nps_results *r)
{
    if (!r)
        return;
    nps_publication_free(r->publication);
    nps_figures_free(r->figures);
    nps_free_texts_free(r->free_texts);
    nps_themes_free(r->themes);
    nps_text_memo_free(r->masked); /* after the listings that point into it */
    nps_masker_free(r->masker);
    nps_gap_free(r->gap);
    nps_flows_free(r->flows);
    nps_tables_free(r->tables);
    nps_free(r);
}
