/*
 * commands.h — the CLI's commands. Each takes the parsed arguments, calls
 * the library, prints, and returns the exit status (0, 1 or 2). Part of the
 * executable, not the library: this is where printing is allowed.
 */
#ifndef NPS_COMMANDS_H
#define NPS_COMMANDS_H

#include <stdbool.h>

typedef struct nps_cli_args {
    const char *export_path;
    const char *format;
    const char *output_dir;
    const char *questionnaire_dir;
    const char *encoding;
    const char *title;
    const char *contact_sheet;
    bool keep_duplicates, strict, reveal_names, orgs, intervals, help;
} nps_cli_args;

int nps_cli_tabulate(const nps_cli_args *a);
int nps_cli_validate(const nps_cli_args *a);
int nps_cli_flows(const nps_cli_args *a);
int nps_cli_gap(const nps_cli_args *a);
int nps_cli_themes(const nps_cli_args *a);
int nps_cli_report(const nps_cli_args *a);
int nps_cli_charts(const nps_cli_args *a);

#endif
