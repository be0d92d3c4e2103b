/*
 * chart_kinds.h — the build function of each chart kind, one per file
 * (chart_bars.c: bars, themes and stars; chart_stacked.c; chart_donut.c;
 * chart_sankey.c; chart_gap.c; chart_dumbbell.c). Only chart.c calls them, through its table
 * of kinds; they build with the toolkit of chart_internal.h and return
 * l->err or an error of their own. Not part of the public API.
 */
#ifndef NPS_CHART_KINDS_H
#define NPS_CHART_KINDS_H

#include "draw/chart_internal.h"

nps_error nps_chart_build_bars(nps_chart_layout *l, const nps_chart *c);
nps_error nps_chart_build_stars(nps_chart_layout *l, const nps_chart *c);
nps_error nps_chart_build_stacked(nps_chart_layout *l, const nps_chart *c);
nps_error nps_chart_build_donut(nps_chart_layout *l, const nps_chart *c);
nps_error nps_chart_build_sankey(nps_chart_layout *l, const nps_chart *c);
nps_error nps_chart_build_gap(nps_chart_layout *l, const nps_chart *c);
nps_error nps_chart_build_dumbbell(nps_chart_layout *l, const nps_chart *c);

#endif
