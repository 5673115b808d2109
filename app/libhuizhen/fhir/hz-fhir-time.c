/* hz-fhir-time.c — dates and times of records, as they are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-fhir"

#include "config.h"

#include <string.h>

#include "huizhen.h"

G_LOCK_DEFINE_STATIC (display_zone);
static char *display_zone_id;
static GTimeZone *display_zone;

gboolean
hz_fhir_set_display_time_zone (const char *identifier)
{
  GTimeZone *zone = NULL;

  if (identifier != NULL && *identifier != '\0')
    {
      zone = g_time_zone_new_identifier (identifier);
      if (zone == NULL)
        return FALSE;
    }

  G_LOCK (display_zone);
  g_clear_pointer (&display_zone, g_time_zone_unref);
  g_clear_pointer (&display_zone_id, g_free);
  display_zone = zone;
  if (zone != NULL)
    display_zone_id = g_strdup (identifier);
  G_UNLOCK (display_zone);

  return TRUE;
}

char *
hz_fhir_dup_display_time_zone (void)
{
  char *ret;

  G_LOCK (display_zone);
  ret = g_strdup (display_zone_id);
  G_UNLOCK (display_zone);

  return ret;
}

/* "2026-11-20T14:00…": a time of day; and one with an offset (Z, +08:00) */
static gboolean
has_time_part (const char *value,
               gboolean   *has_offset)
{
  const char *t = strchr (value, 'T');

  *has_offset = t != NULL && (strchr (t, 'Z') != NULL || strchr (t, '+') != NULL ||
                              strchr (t, '-') != NULL);
  return t != NULL;
}

/**
 * hz_fhir_parse_display_datetime:
 * @value: a FHIR date, dateTime or instant
 *
 * hz_fhir_parse_datetime() as it is shown: an instant with an offset in
 * the hospital's zone if one is set (Preferences), else as written; a
 * local time or a date alone as written, so that a date never moves a
 * day. What views sort and group by, and show.
 *
 * Returns: (transfer full) (nullable): the time, %NULL if @value is not valid
 */
GDateTime *
hz_fhir_parse_display_datetime (const char *value)
{
  g_autoptr(GDateTime) parsed = NULL;
  GDateTime *shown = NULL;
  gboolean has_offset;

  if (value == NULL || (parsed = hz_fhir_parse_datetime (value)) == NULL)
    return NULL;

  if (!has_time_part (value, &has_offset) || !has_offset)
    return g_steal_pointer (&parsed);

  G_LOCK (display_zone);
  if (display_zone != NULL)
    shown = g_date_time_to_timezone (parsed, display_zone);
  G_UNLOCK (display_zone);

  return shown != NULL ? shown : g_steal_pointer (&parsed);
}

gboolean
hz_fhir_get_display_time (const char *value,
                          GDate      *date,
                          gboolean   *has_time,
                          int        *hour,
                          int        *minute)
{
  g_autoptr(GDateTime) shown = NULL;
  gboolean has_offset;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (has_time != NULL)
    *has_time = FALSE;

  if (value == NULL || !hz_fhir_date_is_valid (value))
    return FALSE;

  /* a day, a month or a year: that day everywhere */
  if (!has_time_part (value, &has_offset))
    return hz_fhir_parse_date (value, date);

  shown = hz_fhir_parse_display_datetime (value);
  if (shown == NULL)
    return FALSE;

  g_date_set_dmy (date, g_date_time_get_day_of_month (shown),
                  g_date_time_get_month (shown), g_date_time_get_year (shown));
  if (has_time != NULL)
    *has_time = TRUE;
  if (hour != NULL)
    *hour = g_date_time_get_hour (shown);
  if (minute != NULL)
    *minute = g_date_time_get_minute (shown);

  return TRUE;
}

char *
hz_fhir_format_date (const char *value)
{
  GDate date;

  if (!hz_fhir_get_display_time (value, &date, NULL, NULL, NULL))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

char *
hz_fhir_format_date_time (const char *value)
{
  gboolean has_time;
  int hour = 0, minute = 0;
  GDate date;

  if (!hz_fhir_get_display_time (value, &date, &has_time, &hour, &minute))
    return NULL;

  if (!has_time)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date));

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date), hour, minute);
}
