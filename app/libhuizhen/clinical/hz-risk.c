/* hz-risk.c — the one rule for the current five-colour risk grade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"

/* ------------------------------------------------------------------------- */
/* Risk colours */

static const struct {
  HzRiskColour colour;
  const char  *code;
  const char  *zh;
  const char  *zh_long;
} risk_colours[] = {
  { HZ_RISK_GREEN,  "green",  "绿", "绿色" },
  { HZ_RISK_YELLOW, "yellow", "黄", "黄色" },
  { HZ_RISK_ORANGE, "orange", "橙", "橙色" },
  { HZ_RISK_RED,    "red",    "红", "红色" },
};

const char *
hz_risk_colour_to_string (HzRiskColour colour)
{
  for (guint i = 0; i < G_N_ELEMENTS (risk_colours); i++)
    if (risk_colours[i].colour == colour)
      return risk_colours[i].code;

  return "unknown";
}

HzRiskColour
hz_risk_colour_from_string (const char *str)
{
  g_autofree char *stripped = NULL;

  if (str == NULL)
    return HZ_RISK_UNKNOWN;

  stripped = g_strstrip (g_strdup (str));

  for (guint i = 0; i < G_N_ELEMENTS (risk_colours); i++)
    {
      if (g_ascii_strcasecmp (stripped, risk_colours[i].code) == 0 ||
          strcmp (stripped, risk_colours[i].zh) == 0 ||
          strcmp (stripped, risk_colours[i].zh_long) == 0)
        return risk_colours[i].colour;
    }

  return HZ_RISK_UNKNOWN;
}

const char *
hz_risk_colour_get_display_name (HzRiskColour colour)
{
  switch (colour)
    {
    case HZ_RISK_GREEN:
      return _("Green");
    case HZ_RISK_YELLOW:
      return _("Yellow");
    case HZ_RISK_ORANGE:
      return _("Orange");
    case HZ_RISK_RED:
      return _("Red");
    case HZ_RISK_UNKNOWN:
    default:
      return _("Not graded");
    }
}

/* ------------------------------------------------------------------------- */
/* The current grade */

HzRiskColour
hz_risk_assessment_get_colour (const HzJv *assessment)
{
  HzJv *prediction;
  const char *code;

  if (assessment == NULL)
    return HZ_RISK_UNKNOWN;

  prediction = hz_jv_get_object_element (assessment, "prediction", 0);
  code = hz_fhir_jv_get_concept_code (prediction, "outcome", HZ_SYSTEM_RISK_COLOUR);
  if (code == NULL)
    return HZ_RISK_UNKNOWN;

  return hz_risk_colour_from_string (code);
}

gboolean
hz_risk_assessment_counts (const HzJv *assessment)
{
  if (assessment == NULL || hz_fhir_jv_is_void (assessment))
    return FALSE;

  return hz_risk_assessment_get_colour (assessment) != HZ_RISK_UNKNOWN;
}

/* When the grading was made: RiskAssessment.occurrence[x] */
static char *
dup_occurrence_key (const HzJv *assessment)
{
  const char *value = hz_jv_get_string (assessment, "occurrenceDateTime");

  if (value == NULL)
    value = hz_jv_get_path_string (assessment, "occurrencePeriod.start");

  return hz_fhir_date_sort_key (value);
}

static char *
dup_last_updated_key (const HzJv *assessment)
{
  return hz_fhir_date_sort_key (hz_jv_get_path_string (assessment, "meta.lastUpdated"));
}

gboolean
hz_risk_pick_current (const HzJv **assessments,
                      guint        n,
                      guint       *index)
{
  g_autofree char *best_date = NULL;
  g_autofree char *best_updated = NULL;
  gboolean found = FALSE;
  guint best = 0;

  g_return_val_if_fail (assessments != NULL || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *date = NULL;
      g_autofree char *updated = NULL;
      int cmp;

      if (!hz_risk_assessment_counts (assessments[i]))
        continue;

      date = dup_occurrence_key (assessments[i]);
      updated = dup_last_updated_key (assessments[i]);

      /* g_strcmp0 puts NULL (undated) before any date */
      cmp = found ? g_strcmp0 (date, best_date) : 1;
      if (cmp == 0)
        cmp = g_strcmp0 (updated, best_updated);

      if (cmp >= 0)
        {
          found = TRUE;
          best = i;
          g_free (best_date);
          best_date = g_steal_pointer (&date);
          g_free (best_updated);
          best_updated = g_steal_pointer (&updated);
        }
    }

  if (found && index != NULL)
    *index = best;

  return found;
}

HzRiskColour
hz_risk_get_current (GListModel  *risk_assessments,
                     HzResource **out)
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const HzJv **objects = NULL;
  guint n;
  guint index;

  g_return_val_if_fail (risk_assessments == NULL || G_IS_LIST_MODEL (risk_assessments), HZ_RISK_UNKNOWN);

  if (out != NULL)
    *out = NULL;

  if (risk_assessments == NULL)
    return HZ_RISK_UNKNOWN;

  n = g_list_model_get_n_items (risk_assessments);
  objects = g_new0 (const HzJv *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      HzResource *resource = g_list_model_get_item (risk_assessments, i);

      g_ptr_array_add (resources, resource);
      objects[i] = resource != NULL ? hz_resource_get_value (resource) : NULL;
    }

  if (!hz_risk_pick_current (objects, n, &index))
    return HZ_RISK_UNKNOWN;

  if (out != NULL)
    *out = g_ptr_array_index (resources, index);

  return hz_risk_assessment_get_colour (objects[index]);
}

gboolean
hz_risk_flag_is_purple (const HzJv *flag)
{
  if (flag == NULL)
    return FALSE;

  return g_strcmp0 (hz_jv_get_string (flag, "status"), "active") == 0 &&
         g_strcmp0 (hz_fhir_jv_get_concept_code (flag, "code", HZ_SYSTEM_RISK_COLOUR), "purple") == 0;
}

gboolean
hz_risk_flags_have_purple (const HzJv **flags,
                           guint        n)
{
  g_return_val_if_fail (flags != NULL || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    if (hz_risk_flag_is_purple (flags[i]))
      return TRUE;

  return FALSE;
}

gboolean
hz_risk_get_infectious (GListModel *flags)
{
  guint n;

  g_return_val_if_fail (flags == NULL || G_IS_LIST_MODEL (flags), FALSE);

  if (flags == NULL)
    return FALSE;

  n = g_list_model_get_n_items (flags);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (flags, i);

      if (flag != NULL && hz_risk_flag_is_purple (hz_resource_get_value (flag)))
        return TRUE;
    }

  return FALSE;
}
