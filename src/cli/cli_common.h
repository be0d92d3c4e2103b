/*
 * cli_common.h — helpers shared by the CLI's command files.
 */
#ifndef NPS_CLI_COMMON_H
#define NPS_CLI_COMMON_H

#include <stdbool.h>
#include <stdio.h>
#include "commands.h"
#include "model/dataset.h"
#include "analyse/tables.h"

void nps_cli_print_diag(const nps_diag *d, nps_error err);
int nps_cli_exit_code(nps_error err);
/* Load questionnaire and export; on failure prints one line, returns 1 or 2. */
int nps_cli_load(const nps_cli_args *a, nps_questionnaire **q, nps_dataset **d);
bool nps_cli_parse_format(const char *s, nps_table_format *f);
/* A command that prints one result of the dataset in --format: */
typedef nps_error (*nps_cli_printer)(const nps_cli_args *a, const nps_dataset *d,
                                     nps_table_format fmt, FILE *out);
/* Parse --format, load, print, report errors; returns the exit status. */
int nps_cli_run_printer(const nps_cli_args *a, nps_cli_printer print);
void nps_cli_summarise_findings(const nps_dataset *d, const char *path);
/* reports/<export name>[/suffix] into out. */
void nps_cli_default_dir(const char *export_path, const char *suffix, char *out, size_t size);
/* mkdir -p; 0 on success. */
int nps_cli_make_dirs(const char *path);

#endif
