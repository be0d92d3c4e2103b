/*
 * main.c — the npo-survey command line: finds the command named by the
 * first argument, has its options parsed (cli_common.c, against the
 * command's own table) and runs it; the exit codes are 0 done, 1 the input
 * or questionnaire cannot be processed, 2 usage. Printing happens only in
 * the CLI (src/cli), never in the library. Each command lives in a file of
 * its own (tabulate.c, validate.c, flows.c, gap.c, themes.c, report.c,
 * charts.c, export.c); `npo-survey --help` prints the overview below,
 * `npo-survey COMMAND --help` the command's own help.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/mask.h"
#include "cli_common.h"
#include "cli_i18n.h"

#ifdef NPS_FAILALLOC
/* Allocation-failure test builds only: NPS_FAIL_AFTER=N makes every
 * allocation after the N-th fail, so tests can check that a command fails
 * cleanly wherever memory runs out (tests/e2e_atomic.sh). */
static void print_alloc_count(void)
{
    fprintf(stderr, "npo-survey: allocations: %ld\n", nps_alloc_count());
}

static void arm_fail_injection(void)
{
    const char *n = getenv("NPS_FAIL_AFTER");
    nps_alloc_fail_after(n && *n ? strtol(n, NULL, 10) : -1);
    if (getenv("NPS_ALLOC_COUNT"))
        atexit(print_alloc_count); /* NPS_ALLOC_COUNT=1: how many a full run makes */
}
#define BUILD_NOTE " (allocation-failure test build)"
#else
static void arm_fail_injection(void) {}
#define BUILD_NOTE ""
#endif

static const char USAGE[] = N_(
    "usage: npo-survey COMMAND [options] EXPORT\n"
    "\n"
    "commands:\n"
    "  tabulate [--format text|csv|json] [--intervals] EXPORT\n"
    "                                             frequency tables of every closed question\n"
    "                                             (--intervals: add ci_low,ci_high to the CSV)\n"
    "  validate [--strict] EXPORT                 the data-quality log (--strict: findings are an error)\n"
    "  validate --questionnaire DIR               check a questionnaire folder alone\n"
    "  flows    [--format text|csv|json] [--orgs [--reveal-names]] EXPORT\n"
    "                                             response flows of the troubles by category;\n"
    "                                             --orgs: each organisation's answers by leaf (ids)\n"
    "  gap      [--format text|csv|json] EXPORT   organisations and people per business (gap chart data)\n"
    "  themes   [--format text|csv|json] [--quotes] EXPORT\n"
    "                                             free-text challenge themes; --quotes: the masked texts\n"
    "  report   [-o DIR] [--title T] [--reveal-names] [--strict] EXPORT\n"
    "                                             PDF + Excel report and charts\n"
    "  charts   [-o DIR] [--format svg|png|pdf] [--contact-sheet FILE.png] EXPORT\n"
    "                                             every figure as a file (and all on one sheet)\n"
    "  export   [--format sav|dta|csv] [-o FILE] EXPORT\n"
    "                                             the coded data for SPSS, Stata, R or Excel,\n"
    "                                             and codebook.csv beside it\n"
    "  compare  [--format text|csv|json] [--crosswalk FILE] OLD_EXPORT NEW_EXPORT\n"
    "                                             what changed since the last wave (docs/compare.md)\n"
    "\n"
    "common options:\n"
    "  --questionnaire DIR        load the questionnaire CSV files from DIR (default: built in)\n"
    "  --encoding utf-8|cp932     override encoding detection\n"
    "  --keep-duplicates          keep every response (no de-duplication by 団体名/e-mail)\n"
    "  --org-register FILE        stable organisation IDs from FILE, new ones added (docs/register.md)\n"
    "  -h, --help                 this help\n"
    "  --version                  the version\n"
    "\n"
    "exit status: 0 done (findings on stderr), 1 the input cannot be processed, 2 usage error\n");

extern const nps_cli_command nps_cli_export; /* export.c */
extern const nps_cli_command nps_cli_compare; /* compare.c */

static const nps_cli_command *const COMMANDS[] = {&nps_cli_tabulate, &nps_cli_validate, &nps_cli_flows,
                                                 &nps_cli_gap,      &nps_cli_themes,   &nps_cli_report,
                                                 &nps_cli_charts,   &nps_cli_export, &nps_cli_compare};

int main(int argc, char **argv)
{
    nps_cli_args a = {0};
    nps_cli_i18n_init();
    if (argc < 2)
        return nps_cli_usage_error(NULL, N_("a command is needed%s"), "");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(_(USAGE), stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("npo-survey %s%s\n", NPS_VERSION, BUILD_NOTE);
        return 0;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        const nps_cli_command *cmd = COMMANDS[i];
        if (strcmp(argv[1], cmd->name) != 0)
            continue;
        int rc = nps_cli_parse(cmd, argc, argv, &a);
        if (rc != 0)
            return rc;
        if (a.help) {
            nps_cli_print_help(cmd, stdout);
            return 0;
        }
        if (!a.export_path && !cmd->export_optional)
            return nps_cli_usage_error(cmd, N_("%s needs an EXPORT file"), argv[1]);
        if (nps_mask_dictionary_load() != NPS_OK) {
            fprintf(stderr, _("npo-survey: the dictionary that finds names in free text cannot be loaded "
                              "(MeCab's IPA dictionary, %s): install mecab-ipadic-utf8\n"),
                    nps_mask_dictionary_dir());
            return 1;
        }
        arm_fail_injection();
        return cmd->run(&a);
    }
    return nps_cli_usage_error(NULL, N_("unknown command '%s'"), argv[1]);
}
