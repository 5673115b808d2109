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
 * @episode, @patient: (nullable) the resources' values
 * @observations: (element-type HzJv) LMP, EDD and delivery Observations
 * @risk_assessments, @flags: (element-type HzJv)
 * @actions: (element-type HzJv) Appointments and Tasks
 * (transfer full) */
JsonObject    *hz_case_summary_build_json    (const char *case_id,
                                              const HzJv *episode,
                                              const HzJv *patient,
                                              GPtrArray  *observations,
                                              GPtrArray  *risk_assessments,
                                              GPtrArray  *flags,
                                              GPtrArray  *actions,
                                              const char *updated);

/* What the case list is ordered and searched by, kept beside each row of
 * the case list table so that a list of 100,000 cases is read without
 * parsing its rows. */
typedef struct
{
  int       risk_rank;   /* hz_case_summary_get_risk_rank() */
  gboolean  purple;      /* the infectious-disease (purple) flag */
  char     *sort_name;   /* hz_case_summary_get_sort_key() */
  char     *search;      /* case-folded name, ID card, MRN, the name in pinyin; one a line */
  gint32    ga_start;    /* Julian day of GA 0+0 of the current pregnancy; 0: not dated */
  gboolean  delivered;
} HzCaseSummaryKeys;

void           hz_case_summary_get_keys       (HzCaseSummary     *self,
                                               HzCaseSummaryKeys *keys);
void           hz_case_summary_keys_clear     (HzCaseSummaryKeys *keys);

HzCaseSummary *hz_case_summary_new_from_value (const HzJv *summary,
                                               const char *now_key);

G_END_DECLS
