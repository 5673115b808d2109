/* hz-case-summary-private.h — how the store derives a case list row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hz-case-summary.h"

G_BEGIN_DECLS

/* The summary of a case, as stored in the case list table. Everything
 * except the next action is fixed at write time; the candidate actions are
 * kept so that "next" is decided when the list is read.
 * @observations: (element-type JsonObject) LMP, EDD and delivery Observations
 * @risk_assessments, @flags: (element-type JsonObject)
 * @actions: (element-type JsonObject) Appointments and Tasks
 * (transfer full) */
JsonObject    *hz_case_summary_build_json    (const char *case_id,
                                              JsonObject *episode,
                                              JsonObject *patient,
                                              GPtrArray  *observations,
                                              GPtrArray  *risk_assessments,
                                              GPtrArray  *flags,
                                              GPtrArray  *actions,
                                              const char *updated);

/* @now: the time "next action" is decided against. (transfer full) */
HzCaseSummary *hz_case_summary_new_from_json (JsonObject *summary,
                                              GDateTime  *now);

G_END_DECLS
