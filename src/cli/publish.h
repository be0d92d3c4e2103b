/*
 * publish.h — the report folder of `npo-survey report` (docs/report.md,
 * "The report folder"): the tool's own state in DIR/.npo-survey/ (a lock, a
 * manifest of the files it wrote last time, a journal while publishing), a
 * staging folder DIR/.npo-survey-XXXXXX the outputs are written into, and
 * the publish step that moves them into place.
 *
 * Invariants:
 *   - Only files named in the manifest are ever replaced or removed in DIR
 *     and DIR/charts/; a file of the user's at a name the report would write
 *     stops the publish before anything moved (NPS_ERR_IO, the name in the
 *     message).
 *   - One run at a time per folder (flock on DIR/.npo-survey/lock); a second
 *     run exits with a message instead of waiting.
 *   - Publishing is journaled: the journal is on disk before the first
 *     rename, so a run killed during it (SIGKILL, power loss) is completed
 *     by the next run into the folder before anything else; SIGINT, SIGTERM
 *     and SIGHUP wait for the publish step to end and otherwise remove the
 *     staging folder before the process exits.
 *   - Staging folders of dead runs (the name pattern, the owner, the PID
 *     recorded inside no longer running) are removed when a folder is opened.
 *
 * Ownership: nps_report_folder owns its paths and the lock descriptor;
 * nps_report_folder_close releases everything.
 */
#ifndef NPS_CLI_PUBLISH_H
#define NPS_CLI_PUBLISH_H

#include "cli_common.h"

typedef struct nps_report_folder nps_report_folder;

/* Block SIGINT, SIGTERM and SIGHUP in the whole process and handle them on
 * one thread that removes the current staging folder and exits 128 + the
 * signal. Call before any other thread is started. */
void nps_report_signals_start(void);
/* Stop that thread (at the end of a run). */
void nps_report_signals_stop(void);

/* Create DIR (mkdir -p), take its lock, complete a publish a killed run
 * left unfinished and remove stale staging folders. */
nps_error nps_report_folder_open(const char *dir, nps_report_folder **out, nps_diag *diag);
/* A fresh staging folder with an empty charts/ inside; the path stays
 * valid until close. */
nps_error nps_report_folder_stage(nps_report_folder *f, const char **staging, nps_diag *diag);
/* Move the staged outputs (report.pdf, report.xlsx, charts/<files>) into
 * DIR, replace the manifest and remove the staging folder. On failure DIR
 * holds the earlier report as it was. */
nps_error nps_report_folder_publish(nps_report_folder *f, nps_diag *diag);
/* Remove the staging folder (if any), release the lock, free. NULL is fine. */
void nps_report_folder_close(nps_report_folder *f);

/* The output folder: -o DIR, else reports/<export name>[/suffix]. A new
 * string (nps_free), NULL when out of memory. */
char *nps_cli_output_dir(const nps_cli_args *a, const char *suffix);

#endif
