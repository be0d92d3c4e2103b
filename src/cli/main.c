/*
 * main.c — the npo-survey command line: parses arguments, calls the library,
 * prints its results and maps errors to exit codes (0 done, 1 the input or
 * questionnaire cannot be processed, 2 usage). All printing happens here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "commands.h"

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

static const char USAGE[] =
    "usage: npo-survey COMMAND [options] EXPORT\n"
    "\n"
    "commands:\n"
    "  tabulate [--format text|csv|json] [--intervals] EXPORT\n"
    "                                             frequency tables of every closed question\n"
    "                                             (--intervals: add ci_low,ci_high to the CSV)\n"
    "  validate [--strict] EXPORT                 the data-quality log (--strict: findings are an error)\n"
    "  flows    [--format text|csv|json] [--orgs [--reveal-names]] EXPORT\n"
    "                                             response flows of the 32 troubles by category;\n"
    "                                             --orgs: each organisation's answers by leaf (ids)\n"
    "  gap      [--format text|csv|json] EXPORT   organisations and people per business (gap chart data)\n"
    "  themes   [--format text|csv|json] [--quotes] EXPORT\n"
    "                                             free-text challenge themes; --quotes: the masked texts\n"
    "  report   [-o DIR] [--title T] [--reveal-names] EXPORT   PDF + Excel report and charts\n"
    "  charts   [-o DIR] [--format svg|png|pdf] [--contact-sheet FILE.png] EXPORT\n"
    "                                             every figure as a file (and all on one sheet)\n"
    "\n"
    "common options:\n"
    "  --questionnaire DIR        load the questionnaire CSV files from DIR (default: built in)\n"
    "  --encoding utf-8|cp932     override encoding detection\n"
    "  --keep-duplicates          keep every response (no de-duplication by 団体名/e-mail)\n"
    "  -h, --help                 this help\n"
    "  --version                  the version\n"
    "\n"
    "exit status: 0 done (findings on stderr), 1 the input cannot be processed, 2 usage error\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("npo-survey: ", stderr);
    fprintf(stderr, fmt, arg ? arg : "");
    fputs("\nTry 'npo-survey --help'.\n", stderr);
    return 2;
}

/* Parse the options shared by every command plus the command's own. */
static int parse_args(int argc, char **argv, nps_cli_args *a)
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->help = true;
        } else if (strcmp(arg, "--format") == 0 || strcmp(arg, "-o") == 0 ||
                   strcmp(arg, "--output") == 0 || strcmp(arg, "--questionnaire") == 0 ||
                   strcmp(arg, "--encoding") == 0 || strcmp(arg, "--title") == 0 ||
                   strcmp(arg, "--contact-sheet") == 0) {
            if (!next)
                return usage_error("option %s needs a value", arg);
            if (strcmp(arg, "--format") == 0)
                a->format = next;
            else if (strcmp(arg, "--questionnaire") == 0)
                a->questionnaire_dir = next;
            else if (strcmp(arg, "--encoding") == 0)
                a->encoding = next;
            else if (strcmp(arg, "--title") == 0)
                a->title = next;
            else if (strcmp(arg, "--contact-sheet") == 0)
                a->contact_sheet = next;
            else
                a->output_dir = next;
            i++;
        } else if (strcmp(arg, "--keep-duplicates") == 0) {
            a->keep_duplicates = true;
        } else if (strcmp(arg, "--intervals") == 0) {
            a->intervals = true;
        } else if (strcmp(arg, "--strict") == 0) {
            a->strict = true;
        } else if (strcmp(arg, "--orgs") == 0 || strcmp(arg, "--quotes") == 0) {
            a->orgs = true;
        } else if (strcmp(arg, "--reveal-names") == 0) {
            a->reveal_names = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option %s", arg);
        } else if (a->export_path) {
            return usage_error("only one export file, got a second: %s", arg);
        } else {
            a->export_path = arg;
        }
    }
    return 0;
}

typedef struct command {
    const char *name;
    int (*run)(const nps_cli_args *a);
} command;

static const command COMMANDS[] = {
    {"tabulate", nps_cli_tabulate}, {"validate", nps_cli_validate}, {"flows", nps_cli_flows},
    {"gap", nps_cli_gap},           {"themes", nps_cli_themes},     {"report", nps_cli_report},
    {"charts", nps_cli_charts}};

int main(int argc, char **argv)
{
    nps_cli_args a = {0};
    if (argc < 2)
        return usage_error("a command is needed%s", "");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("npo-survey %s%s\n", NPS_VERSION, BUILD_NOTE);
        return 0;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        if (strcmp(argv[1], COMMANDS[i].name) != 0)
            continue;
        int rc = parse_args(argc, argv, &a);
        if (rc != 0)
            return rc;
        if (a.help) {
            fputs(USAGE, stdout);
            return 0;
        }
        if (!a.export_path)
            return usage_error("%s needs an EXPORT file", argv[1]);
        arm_fail_injection();
        return COMMANDS[i].run(&a);
    }
    return usage_error("unknown command '%s'", argv[1]);
}
