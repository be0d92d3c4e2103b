/*
 * cli_common.h — what the CLI's command files share: the parsed arguments,
 * the table of options each command declares, the option parser, loading
 * the questionnaire and the export, and the one-line error messages.
 *
 * Each command (tabulate.c, validate.c, flows.c, gap.c, themes.c, report.c,
 * charts.c) defines one nps_cli_command: its name, its synopsis, its own
 * options and the function that runs it. main.c dispatches on the name and
 * nps_cli_parse() accepts only the command's options and the common ones;
 * any other option is a usage error (exit 2). Part of the executable, not
 * the library: this is where printing is allowed.
 */
#ifndef NPS_CLI_COMMON_H
#define NPS_CLI_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "model/dataset.h"
#include "analyse/tables.h"
#include "cli_messages.h"
#include "base/strbuf.h"

typedef struct nps_cli_args {
    const char *export_path;
    const char *format;
    const char *output_dir;
    const char *questionnaire_dir;
    const char *encoding;
    const char *sheet;
    const char *title;
    const char *publisher, *date; /* report: the cover's issuing body and date */
    const char *contact_sheet;
    const char *org_register;
    const char *second_path;  /* compare: the second positional argument (NEW_EXPORT) */
    const char *old_questionnaire_dir, *crosswalk, *labels; /* compare */
    const char *previous, *previous_questionnaire;          /* report --previous */
    bool keep_duplicates, strict, reveal_names, orgs, quotes, intervals, help;
} nps_cli_args;

/* One option of a command: its name (and an alias, or NULL), the name of
 * its value (NULL: the option takes none), the help line, and the field of
 * nps_cli_args it sets (offsetof: a const char * when it takes a value, a
 * bool otherwise). */
typedef struct nps_cli_option {
    const char *name;
    const char *alias;
    const char *value;
    const char *help;
    size_t field;
} nps_cli_option;

#define NPS_CLI_FLAG(name, alias, field, help) {name, alias, NULL, help, offsetof(nps_cli_args, field)}
#define NPS_CLI_VALUE(name, alias, value, field, help) {name, alias, value, help, offsetof(nps_cli_args, field)}

typedef struct nps_cli_command {
    const char *name;
    const char *synopsis; /* the usage line after "npo-survey NAME " */
    const char *summary;  /* what it does, one line */
    const nps_cli_option *options;
    size_t n_options;
    /* Takes the parsed arguments, calls the library, prints, and returns
     * the exit status (0, 1 or 2). */
    int (*run)(const nps_cli_args *a);
    bool export_optional; /* runs without EXPORT (validate --questionnaire DIR) */
} nps_cli_command;

extern const nps_cli_command nps_cli_tabulate, nps_cli_validate, nps_cli_flows, nps_cli_gap,
    nps_cli_themes, nps_cli_report, nps_cli_charts;

/* "npo-survey: <message>" and "Try 'npo-survey [COMMAND] --help'." on
 * stderr; returns 2. fmt has one %s, for arg. */
int nps_cli_usage_error(const nps_cli_command *cmd, const char *fmt, const char *arg);
/* Parse argv[2..] for cmd: its options, the common ones, one EXPORT
 * (compare: two, the second into second_path).
 * Returns 0 or 2 (usage error, already printed). */
int nps_cli_parse(const nps_cli_command *cmd, int argc, char **argv, nps_cli_args *a);
/* The command's own help: usage line, its options, the common options. */
void nps_cli_print_help(const nps_cli_command *cmd, FILE *out);

/* Load questionnaire and export; on failure prints one line, returns 1 or 2. */
int nps_cli_load(const nps_cli_args *a, nps_questionnaire **q, nps_dataset **d);
bool nps_cli_parse_format(const char *s, nps_table_format *f);
/* A command that prints one result of the dataset in --format: */
typedef nps_error (*nps_cli_printer)(const nps_cli_args *a, const nps_dataset *d,
                                     nps_table_format fmt, FILE *out);
/* Parse --format, load, print, report errors; returns the exit status. */
int nps_cli_run_printer(const nps_cli_args *a, nps_cli_printer print);
/* Findings on stderr (count and the most serious, masked); 1 when out of
 * memory. nps_cli_findings_summary appends the same text to `out`. */
int nps_cli_summarise_findings(const nps_dataset *d, const char *path);
int nps_cli_findings_summary(const nps_dataset *d, const char *path, struct nps_strbuf *out);
/* reports/<export name without extension>[/suffix]: a new string
 * (nps_free), NULL when out of memory. No length limit. */
char *nps_cli_default_dir(const char *export_path, const char *suffix);
/* mkdir -p; 0 on success. */
int nps_cli_make_dirs(const char *path);

#endif
