/* hz-conference-panel.c — the MDT decisions of a case, in its side panel
 *
 * What the case's MDT meetings left on it: each decision (a CarePlan of
 * category "decision" carrying a meeting's identifier) with its actions
 * (the Tasks based on it): what, owner, due date and status, an overdue
 * one in the error style. A row opens its meeting in the window's MDT
 * Meetings view; the group's + button puts the case on the agenda of a
 * meeting to come ("Add to MDT Meeting…"). Bound to the case's CarePlan and Task models: a row is
 * updated in place when its Task changes; the panel hides when the case
 * has no MDT decision (the list hides, the + stays).
 *
 * HzConferenceAddin adds it to every case workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-conference"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-conference-private.h"

struct _HzConferencePanel
{
  GtkWidget   parent_instance;

  HzCase     *kase;
  GListModel *plans;
  GListModel *tasks;
  GtkWidget  *group;
  GtkWidget  *list;
  GHashTable *rows;     /* Task id → AdwActionRow */
};

G_DEFINE_FINAL_TYPE (HzConferencePanel, hz_conference_panel, GTK_TYPE_WIDGET)

/* The MDT decision @reference ("CarePlan/ID") of the case, or NULL */
static HzResource *
find_decision (HzConferencePanel *self,
               const char        *reference)
{
  for (guint i = 0; reference != NULL && i < g_list_model_get_n_items (self->plans); i++)
    {
      g_autoptr(HzResource) plan = g_list_model_get_item (self->plans, i);

      if (g_strcmp0 (hz_resource_get_reference (plan), reference) == 0 &&
          g_strcmp0 (hz_fhir_jv_get_concept_code (hz_resource_get_value (plan), "category", HZ_SYSTEM_MEETING_CODE),
                     "decision") == 0)
        return g_steal_pointer (&plan);
    }
  return NULL;
}

static void
on_row_activated (AdwActionRow      *row,
                  HzConferencePanel *self)
{
  HzConferenceView *view = hz_conference_view_for_window (GTK_WIDGET (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *meeting_id = g_object_get_data (G_OBJECT (row), "hz-meeting-id");
  g_autoptr(GError) error = NULL;

  if (view == NULL || meeting_id == NULL || root == NULL || !HZ_IS_MAIN_WINDOW (root))
    return;
  hz_main_window_show_view (HZ_MAIN_WINDOW (root), "conference");
  if (!hz_conference_view_open_meeting (view, meeting_id, &error))
    hz_main_window_show_message (HZ_MAIN_WINDOW (root), error->message);
}

/* Add to MDT Meeting…: this case on the agenda of a meeting to come */

static void
on_add_input (GtkWidget *dialog)
{
  const char *question = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-question"));
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "hz-ids");

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add",
                                           *question != '\0' && ids != NULL && ids[0] != NULL);
}

static void
on_add_response (AdwMessageDialog  *dialog,
                 const char        *response,
                 HzConferencePanel *self)
{
  g_autoptr(GError) error = NULL;
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "hz-ids");
  guint selected = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "hz-meeting"));
  const char *question = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-question"));
  const char *reason = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-reason"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "add") != 0 || ids == NULL || selected >= g_strv_length (ids))
    return;
  if (hz_meeting_add_case (hz_case_get_store (self->kase), ids[selected], hz_case_get_id (self->kase), question,
                           *reason ? reason : NULL, NULL, &error))
    message = g_strdup_printf (_("%s is on the agenda"), hz_case_get_patient_name (self->kase));
  if (root != NULL && HZ_IS_MAIN_WINDOW (root))
    hz_main_window_show_message (HZ_MAIN_WINDOW (root), message ? message : error->message);
}

static void
on_add_to_meeting (HzConferencePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = hz_meeting_list (hz_case_get_store (self->kase), &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *group, *combo, *question, *reason;

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      HzMeetingInfo *info = g_ptr_array_index (meetings, i);
      g_autofree char *day = hz_ui_format_date (info->start);
      g_autofree char *label = g_strdup_printf ("%s · %s", info->title, day ? day : "");

      /* meetings to come */
      if (g_strcmp0 (info->start, now_text) < 0)
        continue;
      gtk_string_list_append (names, label);
      g_strv_builder_add (ids, info->id);
    }
  dialog = adw_message_dialog_new (root != NULL && GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add to an MDT Meeting"), NULL);
  gtk_widget_set_name (dialog, "conference-add-to-meeting-dialog");
  if (meetings == NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  else if (g_list_model_get_n_items (G_LIST_MODEL (names)) == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("No MDT meeting to come: book one in MDT Meetings"));
  group = adw_preferences_group_new ();
  combo = adw_combo_row_new ();
  gtk_widget_set_name (combo, "conference-add-to-meeting");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Meeting"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
  question = adw_entry_row_new ();
  gtk_widget_set_name (question, "conference-add-to-question");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question), _("Question for the MDT"));
  reason = adw_entry_row_new ();
  gtk_widget_set_name (reason, "conference-add-to-reason");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason for presentation"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), question);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_object_set_data_full (G_OBJECT (dialog), "hz-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (dialog), "hz-meeting", combo);
  g_object_set_data (G_OBJECT (dialog), "hz-question", question);
  g_object_set_data (G_OBJECT (dialog), "hz-reason", reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_swapped (question, "changed", G_CALLBACK (on_add_input), dialog);
  on_add_input (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       data)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (a), "hz-due"), g_object_get_data (G_OBJECT (b), "hz-due"));
}

static void
update (HzConferencePanel *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_overdue = 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->tasks); i++)
    {
      g_autoptr(HzResource) task = g_list_model_get_item (self->tasks, i);
      const HzJv *v = hz_resource_get_value (task);
      const char *status = hz_jv_get_string (v, "status");
      const char *due = hz_jv_get_path_string (v, "restriction.period.end");
      g_autoptr(HzResource) plan = find_decision (self, hz_jv_get_path_string (hz_jv_get_object_element (v, "basedOn", 0),
                                                                              "reference"));
      GtkWidget *row;
      g_autofree char *day = NULL;
      g_autofree char *subtitle = NULL;
      gboolean overdue;

      if (plan == NULL || g_strcmp0 (status, "cancelled") == 0)
        continue;
      row = g_hash_table_lookup (self->rows, hz_resource_get_id (task));
      if (row == NULL)
        {
          row = adw_action_row_new ();
          gtk_widget_set_name (row, "conference-panel-action");
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
          gtk_list_box_append (GTK_LIST_BOX (self->list), row);
          g_hash_table_insert (self->rows, g_strdup (hz_resource_get_id (task)), row);
        }
      overdue = hz_conference_action_is_overdue (status, due);
      n_overdue += overdue;
      day = hz_ui_format_date (due);
      /* Translators: an MDT action in the case's panel: owner · due date · status */
      subtitle = g_strdup_printf (_("%s · due %s · %s%s%s"), hz_jv_get_path_string (v, "owner.display"),
                                  day ? day : "", hz_conference_action_status_display (status),
                                  overdue ? " · " : "", overdue ? _("Overdue") : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hz_jv_get_string (v, "description"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (row), "hz-meeting-id",
                              g_strdup (hz_fhir_jv_get_identifier (hz_resource_get_value (plan), HZ_SYSTEM_MEETING)),
                              g_free);
      g_object_set_data_full (G_OBJECT (row), "hz-due", g_strdup (due), g_free);
      gtk_widget_set_tooltip_text (row, hz_jv_get_string (hz_resource_get_value (plan), "description"));
      if (overdue)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
      g_hash_table_add (seen, g_strdup (hz_resource_get_id (task)));
    }
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (GTK_LIST_BOX (self->list), value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
  if (n_overdue > 0)
    {
      g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action overdue",
                                                                   "%u actions overdue", n_overdue), n_overdue);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), NULL);
  gtk_widget_set_visible (self->list, g_hash_table_size (self->rows) > 0);
}

static void
on_items_changed (HzConferencePanel *self)
{
  update (self);
}

GtkWidget *
hz_conference_panel_get_list (HzConferencePanel *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_PANEL (self), NULL);
  return self->list;
}

static void
hz_conference_panel_dispose (GObject *object)
{
  HzConferencePanel *self = HZ_CONFERENCE_PANEL (object);

  if (self->plans != NULL)
    g_signal_handlers_disconnect_by_data (self->plans, self);
  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_data (self->tasks, self);
  g_clear_object (&self->plans);
  g_clear_object (&self->tasks);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->group, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_conference_panel_parent_class)->dispose (object);
}

static void
hz_conference_panel_finalize (GObject *object)
{
  g_hash_table_unref (HZ_CONFERENCE_PANEL (object)->rows);

  G_OBJECT_CLASS (hz_conference_panel_parent_class)->finalize (object);
}

static void
hz_conference_panel_class_init (HzConferencePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_conference_panel_dispose;
  G_OBJECT_CLASS (klass)->finalize = hz_conference_panel_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
hz_conference_panel_init (HzConferencePanel *self)
{
  GtkWidget *add;

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("MDT Decisions"));
  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "conference-panel-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), compare_rows, NULL, NULL);
  gtk_widget_add_css_class (self->list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), self->list);
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_name (add, "conference-panel-add");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  hz_ui_set_accessible_label (add, _("Add to MDT Meeting…"));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_to_meeting), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), add);
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));
}

GtkWidget *
hz_conference_panel_new (HzCase *kase)
{
  HzConferencePanel *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_CONFERENCE_PANEL, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), "conference-panel");
  self->kase = g_object_ref (kase);
  self->plans = g_object_ref (hz_case_get_resources (kase, "CarePlan"));
  self->tasks = g_object_ref (hz_case_get_resources (kase, "Task"));
  g_signal_connect_swapped (self->plans, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect_swapped (self->tasks, "items-changed", G_CALLBACK (on_items_changed), self);
  update (self);
  return GTK_WIDGET (self);
}

/* ------------------------------------------------------------------ */
/* The workspace addin */

struct _HzConferenceAddin
{
  GObject    parent_instance;

  GtkWidget *panel;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzConferenceAddin, hz_conference_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN, workspace_addin_iface_init))

static void
hz_conference_addin_load (HzWorkspaceAddin *addin,
                          HzWorkspace      *workspace)
{
  HzConferenceAddin *self = HZ_CONFERENCE_ADDIN (addin);

  self->panel = g_object_ref_sink (hz_conference_panel_new (hz_workspace_get_case (workspace)));
  hz_workspace_add_panel (workspace, self->panel, 30);
}

static void
hz_conference_addin_unload (HzWorkspaceAddin *addin,
                            HzWorkspace      *workspace)
{
  HzConferenceAddin *self = HZ_CONFERENCE_ADDIN (addin);

  if (self->panel != NULL)
    {
      hz_workspace_remove_panel (workspace, self->panel);
      g_clear_object (&self->panel);
    }
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_conference_addin_load;
  iface->unload = hz_conference_addin_unload;
}

static void
hz_conference_addin_dispose (GObject *object)
{
  g_clear_object (&HZ_CONFERENCE_ADDIN (object)->panel);

  G_OBJECT_CLASS (hz_conference_addin_parent_class)->dispose (object);
}

static void
hz_conference_addin_class_init (HzConferenceAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_conference_addin_dispose;
}

static void
hz_conference_addin_init (HzConferenceAddin *self)
{
}
