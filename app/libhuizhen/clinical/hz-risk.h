/* hz-risk.h — the one rule for the current five-colour risk grade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hz-resource.h"

G_BEGIN_DECLS

/* The five colours of 妊娠风险五色分级; purple is a flag beside them. */
typedef enum {
  HZ_RISK_UNKNOWN,
  HZ_RISK_GREEN,
  HZ_RISK_YELLOW,
  HZ_RISK_ORANGE,
  HZ_RISK_RED,
} HzRiskColour;

const char   *hz_risk_colour_to_string     (HzRiskColour colour);  /* "green"... */
HzRiskColour  hz_risk_colour_from_string   (const char *str);      /* also 绿/黄/橙/红 */
const char   *hz_risk_colour_get_display_name (HzRiskColour colour); /* translated */

/* 妊娠风险五色分级 (国卫办妇幼发〔2017〕35号), as docs/data-model.md records it:
 * one RiskAssessment per grading, kept as history (never overwritten), its
 * colour in prediction[0].outcome.coding with system HZ_SYSTEM_RISK_COLOUR;
 * purple (infectious disease) is an active Flag with the purple code, shown
 * beside the grade, never replacing it.
 *
 * Every view of "the current grade" (case list, patient panel, summary page)
 * uses these functions, so that they cannot disagree. */

/* The colour of a grading, read only from its risk-colour coding
 * (green, yellow, orange, red); HZ_RISK_UNKNOWN when it has none. */
HzRiskColour  hz_risk_assessment_get_colour (const HzJv  *assessment);

/* TRUE if a grading can be the current one: its status is not
 * entered-in-error or cancelled and it has a risk colour. */
gboolean      hz_risk_assessment_counts     (const HzJv  *assessment);

/* The current grading among @assessments: of those that count (above),
 * the latest by occurrenceDateTime (or occurrencePeriod.start), then by
 * meta.lastUpdated; a dated grading beats an undated one; on a full tie
 * the later one in the array. Sets @index and returns TRUE, or returns
 * FALSE if none counts. @assessments may be NULL when @n is 0. */
gboolean      hz_risk_pick_current          (const HzJv **assessments,
                                             guint        n,
                                             guint       *index);

/* The same rule over a model of HzResource (e.g. hz_case_get_resources
 * (kase, "RiskAssessment"); may be NULL). Returns the colour of the current
 * grading, HZ_RISK_UNKNOWN if there is none; @out (optional) receives the
 * grading, or NULL. (transfer none: the model keeps it alive) */
HzRiskColour  hz_risk_get_current           (GListModel  *risk_assessments,
                                             HzResource **out);

/* TRUE for an active Flag with the purple (infectious disease) code. */
gboolean      hz_risk_flag_is_purple        (const HzJv  *flag);

/* TRUE if any of @flags is an active purple Flag. */
gboolean      hz_risk_flags_have_purple     (const HzJv **flags,
                                             guint        n);

/* The same over a model of HzResource Flags (may be NULL). */
gboolean      hz_risk_get_infectious        (GListModel *flags);

G_END_DECLS
