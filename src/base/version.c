/*
 * version.c — the library's version, set by the build from the CMake
 * project version (include/npo-survey/npo-survey.h).
 */
#include "npo-survey/npo-survey.h"

const char *nps_version(void) { return NPS_VERSION; }
