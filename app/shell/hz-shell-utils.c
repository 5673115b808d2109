/* hz-shell-utils.c — helpers shared by the shell's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hz-shell-utils.h"

gboolean
hz_shell_parse_date (const char *iso,
                     GDate      *date)
{
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (iso == NULL || strlen (iso) < 10)
    return FALSE;

  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return FALSE;

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);

  return TRUE;
}

void
hz_shell_summary_get_dating (HzCaseSummary *summary,
                             HzDating      *dating)
{
  hz_case_summary_get_dating (summary, dating);
}

char *
hz_shell_format_ga (const HzDating *dating,
                    const GDate    *today)
{
  int ga_days;

  if (dating->delivered && g_date_valid (&dating->delivery_date))
    {
      int after = g_date_days_between (&dating->delivery_date, today);

      if (after >= 0)
        return hz_ga_format_postpartum (after);
    }

  if (hz_dating_ga_at (dating, today, &ga_days) && ga_days >= 0)
    return hz_ga_format (ga_days);

  return g_strdup (_("GA unknown"));
}

int
hz_shell_ga_sort_key (const HzDating *dating,
                      const GDate    *today)
{
  int ga_days;

  if (dating->delivered)
    return -1;

  if (hz_dating_ga_at (dating, today, &ga_days) && ga_days >= 0)
    return ga_days;

  return -2;
}

gboolean
hz_shell_is_uninstalled (void)
{
  return hz_is_running_uninstalled ();
}

void
hz_shell_set_actor (GSettings     *settings,
                    HzStore       *store,
                    const HzActor *actor)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (actor != NULL);

  hz_settings_set_actor (settings, actor);

  if (store != NULL)
    hz_store_set_actor (store, actor);
}

static GtkWidget *
find_window_overlay (GtkWindow *window)
{
  GtkWidget *content;

  if (window == NULL)
    return NULL;

  if (ADW_IS_APPLICATION_WINDOW (window))
    content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  else if (ADW_IS_WINDOW (window))
    content = adw_window_get_content (ADW_WINDOW (window));
  else
    content = gtk_window_get_child (window);

  return ADW_IS_TOAST_OVERLAY (content) ? content : NULL;
}

static void
show_toast (GtkWidget       *widget,
            const char      *message,
            AdwToastPriority priority)
{
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;
  GtkRoot *root;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  /* AdwToast titles are Pango markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_set_priority (toast, priority);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  root = gtk_widget_get_root (widget);

  if (overlay == NULL && ADW_IS_PREFERENCES_WINDOW (root))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
      return;
    }

  if (overlay == NULL && GTK_IS_WINDOW (root))
    {
      overlay = find_window_overlay (GTK_WINDOW (root));
      if (overlay == NULL)
        overlay = find_window_overlay (gtk_window_get_transient_for (GTK_WINDOW (root)));
    }

  if (overlay == NULL)
    {
      g_message ("%s", message);
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
hz_shell_show_toast (GtkWidget  *widget,
                     const char *message)
{
  show_toast (widget, message, ADW_TOAST_PRIORITY_NORMAL);
}

void
hz_shell_show_error_toast (GtkWidget  *widget,
                           const char *message)
{
  show_toast (widget, message, ADW_TOAST_PRIORITY_HIGH);
}
