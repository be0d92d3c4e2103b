/*
 * signals.h — the signal thread of `npo-survey report` and the one
 * allocation-free folder removal it shares with publish.c (signals.c).
 * nps_report_signals_start/stop are declared in publish.h.
 */
#ifndef NPS_CLI_SIGNALS_H
#define NPS_CLI_SIGNALS_H

#include "cli_common.h"

/* Hold / release the mutex the signal thread takes before it acts. */
void nps_signals_hold(void);
void nps_signals_release(void);
/* The staging folder a signal removes (copied; NULL: none). Call while
 * holding. NPS_ERR_NOMEM when the copy cannot be made. */
nps_error nps_signals_watch(const char *staging);
/* The new report is in place: a signal now says so. Call while holding. */
void nps_signals_published(void);
/* Remove a folder of the tool's own: its files, sub-folders up to `depth`
 * levels, then the folder. Symbolic links are removed, never followed. No
 * allocation: safe on the signal thread and after memory ran out. */
void nps_remove_tree_at(int parent, const char *name, int depth);

#endif
