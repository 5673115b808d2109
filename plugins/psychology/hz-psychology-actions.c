/* hz-psychology-actions.c — the psychology plugin's writes: a completed
 * screen, and closing the urgent alert
 *
 * The records themselves are libhuizhen's (hz-screening.h); here they go
 * through the store as a clinician's save (hz_save_bundle_async(),
 * hz_save_resource_async()), so that a conflict is asked about, never
 * overwritten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-psychology"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-psychology-private.h"

typedef struct
{
  HzScreeningOutcome  outcome;
  GPtrArray          *resources;
} SaveData;

static void
save_data_free (SaveData *data)
{
  hz_screening_outcome_clear (&data->outcome);
  g_clear_pointer (&data->resources, g_ptr_array_unref);
  g_free (data);
}

static void
on_bundle_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_bundle_finish (result, &error);

  if (outcome == HZ_SAVE_SAVED)
    g_task_return_boolean (task, TRUE);
  else if (outcome == HZ_SAVE_DISCARDED)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The screen was not saved: the other version was kept"));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
hz_psychology_save_async (GtkWidget           *parent,
                          HzCase              *kase,
                          HzScale              scale,
                          const int           *answers,
                          guint                n_answers,
                          HzScreeningEntry     entry,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  SaveData *data;

  g_return_if_fail (HZ_IS_CASE (kase));

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, hz_psychology_save_async);
  data = g_new0 (SaveData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  data->resources = hz_screening_build (kase, scale, answers, n_answers, entry, now,
                                        &data->outcome, &error);
  if (data->resources == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hz_save_bundle_async (parent, hz_case_get_store (kase), hz_case_get_id (kase), data->resources,
                        NULL, on_bundle_saved_cb, g_object_ref (task));
}

gboolean
hz_psychology_save_finish (GAsyncResult        *result,
                           HzScreeningOutcome  *outcome,
                           GError             **error)
{
  SaveData *data;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (outcome != NULL)
    {
      /* hand the ids over */
      *outcome = data->outcome;
      memset (&data->outcome, 0, sizeof data->outcome);
    }
  return TRUE;
}

/* --- closing the alert ---------------------------------------------------- */

typedef struct
{
  HzCase    *kase;
  GtkWidget *parent;
  GtkEntry  *reason;
} CloseData;

static void
close_data_free (CloseData *data)
{
  g_clear_object (&data->kase);
  g_clear_object (&data->parent);
  g_free (data);
}

static void
on_flag_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);
  GtkWidget *workspace = gtk_widget_get_ancestor (parent, HZ_TYPE_WORKSPACE);

  if (outcome == HZ_SAVE_FAILED && workspace != NULL)
    hz_workspace_show_message (HZ_WORKSPACE (workspace), error->message);
  else if (outcome == HZ_SAVE_FAILED)
    g_warning ("Could not close the alert: %s", error->message);
  else if (outcome == HZ_SAVE_SAVED && workspace != NULL)
    hz_workspace_show_message (HZ_WORKSPACE (workspace), _("Self-harm risk alert closed"));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      CloseData        *data)
{
  HzResource *flag;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(GError) error = NULL;
  HzStore *store;

  if (g_strcmp0 (response, "close-alert") != 0)
    return;

  flag = hz_screening_find_open_alert (data->kase);
  if (flag == NULL)
    return;

  store = hz_case_get_store (data->kase);
  now = g_date_time_new_now_local ();
  closed = hz_screening_close_alert (flag, hz_store_get_actor (store), now,
                                     gtk_editable_get_text (GTK_EDITABLE (data->reason)), &error);
  if (closed == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  hz_save_resource_async (data->parent, store, hz_case_get_id (data->kase), closed, NULL,
                          on_flag_saved_cb, g_object_ref (data->parent));
}

static void
on_reason_changed_cb (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "close-alert", *text != '\0');
}

void
hz_psychology_close_alert (GtkWidget *parent,
                           HzCase    *kase)
{
  HzResource *flag;
  GtkRoot *root;
  GtkWidget *dialog;
  GtkWidget *entry;
  CloseData *data;
  g_autofree char *body = NULL;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (HZ_IS_CASE (kase));

  flag = hz_screening_find_open_alert (kase);
  if (flag == NULL)
    return;

  root = gtk_widget_get_root (parent);
  /* Translators: the question before an urgent alert is closed; %s is its text */
  body = g_strdup_printf (_("“%s” will be closed for %s. It stays in the record as a closed "
                            "alert. Say what was done: the assessment, the plan."),
                          hz_resource_get_title (flag), hz_case_get_patient_name (kase));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Close the Self-Harm Risk Alert?"), body);
  gtk_widget_set_name (dialog, "close-alert-dialog");
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "close-alert-reason");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. assessed by the psychology clinic today, safety plan agreed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What was done"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close-alert", _("C_lose Alert"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close-alert",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close-alert", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);

  data = g_new0 (CloseData, 1);
  data->kase = g_object_ref (kase);
  data->parent = g_object_ref (parent);
  data->reason = GTK_ENTRY (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_close_response_cb), data,
                         (GClosureNotify) (void (*) (void)) close_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* --- shared formatting ------------------------------------------------------ */

char *
hz_psychology_format_source (const HzScaleResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->source == NULL)
    return g_strdup (hz_scale_band_get_display_name (result->band));
  /* Translators: a scale's band, then the guideline it comes from: "阳性 · 依据：《…》" */
  return g_strdup_printf (C_("psychology", "%s · Source: %s"), hz_scale_band_get_display_name (result->band),
                          result->source);
}

void
hz_psychology_ensure_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/huizhen/Huizhen/plugins/psychology/psychology.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
