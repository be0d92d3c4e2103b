/*
 * validate.c — `npo-survey validate [--strict] EXPORT`: the data-quality log
 * of the export (what was read, every finding and note with its line) on
 * stdout; --strict makes findings an error (exit 1). Every value of the
 * log is printed masked (mask.h, with the names of every response read)
 * and with terminal controls escaped (print_escaped).
 * `npo-survey validate --questionnaire DIR` without an EXPORT checks a
 * questionnaire folder alone (docs/annual-cycle.md): every problem with
 * file and line (exit 1), or a summary of what it defines.
 */
#include <stdio.h>
#include <string.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "base/alloc.h"
#include "base/text.h"
#include "analyse/mask.h"
#include "present/quality_ja.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_FLAG("--strict", NULL, strict, "data-quality findings are an error (exit 1)"),
};

/* Print s with what a terminal would act on made visible: C0 and C1
 * controls, DEL, bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9) as
 * \xNN or \u{XXXX}, invalid UTF-8 bytes as \xNN. An ESC sequence
 * becomes plain text. */
static void print_escaped(const char *s)
{
    for (size_t i = 0, n = strlen(s); i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t l = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : 4;
        unsigned long cp = c;
        if (l > n - i || !nps_utf8_valid(s + i, l)) {
            printf("\\x%02X", c);
            i++;
            continue;
        }
        if (l == 2)
            cp = (c & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu);
        else if (l == 3)
            cp = (c & 0x0Fu) << 12 | ((unsigned char)s[i + 1] & 0x3Fu) << 6 |
                 ((unsigned char)s[i + 2] & 0x3Fu);
        if (cp < 0x20 || cp == 0x7F)
            printf("\\x%02lX", cp);
        else if ((cp >= 0x80 && cp < 0xA0) || cp == 0x61C || cp == 0x200E || cp == 0x200F ||
                 (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            printf("\\u{%04lX}", cp);
        else
            fwrite(s + i, 1, l, stdout);
        i += l;
    }
}

/* The masked value, escaped, in quotes; nothing when it is empty. An
 * action (`is_action`) is given in Japanese when the messages are
 * (quality_ja.c, the words of the report's appendix). */
static void print_value(const nps_masker *m, const char *before, const char *raw, const char *after,
                        bool is_action)
{
    char *masked = raw[0] ? nps_mask_text(m, raw) : NULL;
    nps_strbuf ja = {0};
    if (!raw[0])
        return;
    if (masked && is_action && nps_cli_lang_ja() && nps_quality_action_ja(&ja, masked) && !ja.failed) {
        nps_free(masked);
        masked = nps_strbuf_take(&ja);
    }
    nps_strbuf_free(&ja);
    fputs(before, stdout);
    print_escaped(masked ? masked : _("(value not shown: out of memory)"));
    fputs(after, stdout);
    nps_free(masked);
}

static void print_quality(const nps_dataset *d, const char *path)
{
    nps_masker *m = NULL;
    if (nps_masker_new(d, &m) != NPS_OK)
        m = NULL; /* patterns only; print_value shows no value it cannot mask */
    const nps_read_info *info = nps_dataset_read_info(d);
    printf(_("file: %s\nencoding: %s\nrecords: %ld (empty rows skipped: %ld)\n"), path, info->encoding,
           info->records, info->empty_rows);
    printf(_("responses: %zu (duplicates dropped: %ld)\ncolumns: %zu (ignored: %zu)\n"),
           nps_dataset_count(d), info->duplicates_dropped, info->columns, info->columns_ignored);
    printf(_("findings: %zu, notes: %zu\n"), nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING),
           nps_dataset_quality_count_kind(d, NPS_QUALITY_NOTE));
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        printf(_("%s line %ld"), e->kind == NPS_QUALITY_FINDING ? _("finding") : _("note   "), e->line);
        if (e->cell && e->cell[0])
            printf(" %s", e->cell); /* an .xlsx export: the cell, Sheet1!F7 */
        if (e->column[0]) {
            char *cut = nps_utf8_truncate(e->column, 60);
            fputs(" [", stdout);
            print_escaped(cut ? cut : "");
            printf("%s]", strlen(e->column) > 60 ? "…" : "");
            nps_free(cut);
        }
        print_value(m, " \"", e->raw, "\"", false);
        print_value(m, ": ", e->action, "\n", true);
        if (!e->action[0])
            fputs(":\n", stdout);
    }
    nps_masker_free(m);
}

static void print_numbers(const char *name, const nps_number_list *l)
{
    printf("%s:", name);
    for (size_t i = 0; i < l->n; i++)
        printf(" Q%d", l->numbers[i]);
    printf("%s\n", l->n ? "" : _(" (none)"));
}

static void print_questionnaire(const nps_questionnaire *q, const char *dir)
{
    const nps_settings *s = nps_questionnaire_settings(q);
    size_t troubles = 0;
    for (size_t i = 0; i < nps_questionnaire_category_count(q); i++)
        troubles += nps_questionnaire_category_at(q, i)->n_troubles;
    printf(_("questionnaire: %s\nquestions: %zu (fields: %zu)\n"), dir, nps_questionnaire_question_count(q),
           nps_questionnaire_field_count(q));
    if (nps_questionnaire_troubles_question(q))
        printf(_("troubles: Q%d, %zu troubles in %zu categories\n"), nps_questionnaire_troubles_question(q),
               troubles, nps_questionnaire_category_count(q));
    printf(_("themes: %zu\n"), nps_questionnaire_theme_count(q));
    print_numbers(_("theme questions"), &s->theme_questions);
    print_numbers(_("free-text questions"), &s->free_text_questions);
    printf(_("ok: the questionnaire loads; check it against an export with "
             "'npo-survey validate --questionnaire %s EXPORT'\n"), dir);
}

/* validate --questionnaire DIR, no export: every problem found, or the
 * summary of what the folder defines. */
static int check_questionnaire(const nps_cli_args *a)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0}, *problems = NULL;
    size_t n = 0;
    nps_error err;
    if (!a->questionnaire_dir)
        return nps_cli_usage_error(NULL, N_("%s needs an EXPORT file, or --questionnaire DIR alone"), "validate");
    err = nps_questionnaire_check_dir(a->questionnaire_dir, &problems, &n, &diag);
    if (err != NPS_OK && n == 0) {
        nps_cli_print_diag(&diag, err);
    } else if (err != NPS_OK) {
        for (size_t i = 0; i < n; i++)
            nps_cli_print_diag(&problems[i], err);
        fprintf(stderr, _("npo-survey: %s: %zu problem%s (the format: questionnaire/README.md)\n"),
                a->questionnaire_dir, n, n == 1 ? "" : "s");
    } else if ((err = nps_questionnaire_load_dir(a->questionnaire_dir, &q, &diag)) == NPS_OK) {
        print_questionnaire(q, a->questionnaire_dir);
    } else {
        nps_cli_print_diag(&diag, err);
    }
    nps_free(problems);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

static int run(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    int rc;
    if (!a->export_path)
        return check_questionnaire(a);
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    print_quality(d, a->export_path);
    size_t findings = nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING);
    rc = 0;
    if (a->strict && findings) {
        fprintf(stderr, _("npo-survey: %s: %zu finding%s (--strict)\n"), a->export_path, findings,
                findings == 1 ? "" : "s");
        rc = 1;
    }
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return rc;
}

const nps_cli_command nps_cli_validate = {
    "validate", N_("[--strict] [common options] EXPORT | --questionnaire DIR"),
    N_("the data-quality log of the export; with --questionnaire DIR alone, check that questionnaire"),
    OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0], run, true};
