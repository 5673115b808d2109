/* hz-window-views.c — the window-wide views that plugins add (HzMainWindow)
 *
 * A window addin (HzWindowAddin) adds a view that is about no single
 * case, e.g. the referral office's inbox and outbox. Each view gets a
 * button in the sidebar, under the high-risk registry's, with the same
 * two badges (how many, how many overdue), and a page of the content
 * stack named "view-NAME".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-window-private.h"

typedef struct
{
  char      *name;
  char      *title;
  GtkWidget *view;
  GtkWidget *button;
  GtkLabel  *count_label;
  GtkLabel  *urgent_label;
  int        priority;
} ViewInfo;

static void
view_info_free (gpointer data)
{
  ViewInfo *info = data;

  g_free (info->name);
  g_free (info->title);
  g_free (info);
}

static ViewInfo *
find_view (HzWindow  *self,
           GtkWidget *view,
           const char *name)
{
  for (guint i = 0; self->views != NULL && i < self->views->len; i++)
    {
      ViewInfo *info = g_ptr_array_index (self->views, i);

      if ((view != NULL && info->view == view) || (name != NULL && g_str_equal (info->name, name)))
        return info;
    }
  return NULL;
}

static char *
stack_name (const char *name)
{
  return g_strconcat ("view-", name, NULL);
}

static HzStore *
hz_window_views_get_store (HzMainWindow *window)
{
  return hz_window_get_store (HZ_WINDOW (window));
}

static GtkWidget *
new_badge (const char *name,
           gboolean    urgent)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_widget_add_css_class (label, "hz-count-badge");
  if (urgent)
    gtk_widget_add_css_class (label, "hz-overdue-badge");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
hz_window_views_add_view (HzMainWindow *window,
                          GtkWidget    *view,
                          const char   *name,
                          const char   *title,
                          const char   *icon_name,
                          const char   *tooltip,
                          int           priority)
{
  HzWindow *self = HZ_WINDOW (window);
  g_autofree char *page_name = stack_name (name);
  g_autofree char *button_name = g_strconcat ("view-button-", name, NULL);
  g_autofree char *count_name = g_strconcat ("view-count-", name, NULL);
  g_autofree char *urgent_name = g_strconcat ("view-urgent-", name, NULL);
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *sibling = NULL;
  ViewInfo *info;
  guint index;

  if (find_view (self, view, name) != NULL)
    {
      g_critical ("A view “%s” is already in the window", name);
      return;
    }

  if (self->views == NULL)
    self->views = g_ptr_array_new_with_free_func (view_info_free);

  info = g_new0 (ViewInfo, 1);
  info->name = g_strdup (name);
  info->title = g_strdup (title);
  info->view = view;
  info->priority = priority;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  if (icon_name != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (box), image);
    }
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  info->count_label = GTK_LABEL (new_badge (count_name, FALSE));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (info->count_label));
  info->urgent_label = GTK_LABEL (new_badge (urgent_name, TRUE));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (info->urgent_label));

  info->button = gtk_button_new ();
  gtk_widget_set_name (info->button, button_name);
  gtk_widget_add_css_class (info->button, "flat");
  gtk_widget_set_margin_start (info->button, 6);
  gtk_widget_set_margin_end (info->button, 6);
  gtk_widget_set_margin_top (info->button, 6);
  gtk_button_set_child (GTK_BUTTON (info->button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (info->button), "win.show-view");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (info->button), "s", name);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (info->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (info->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  /* In priority order; equal priorities keep the order they came in */
  for (index = 0; index < self->views->len; index++)
    {
      ViewInfo *other = g_ptr_array_index (self->views, index);

      if (other->priority > priority)
        break;
      sibling = other->button;
    }
  g_ptr_array_insert (self->views, index, info);
  gtk_box_insert_child_after (self->views_box, info->button, sibling);
  gtk_widget_set_visible (GTK_WIDGET (self->views_box), TRUE);

  gtk_stack_add_named (self->content_stack, view, page_name);

  if (self->pending_view != NULL && g_str_equal (self->pending_view, name))
    {
      g_clear_pointer (&self->pending_view, g_free);
      hz_main_window_show_view (window, name);
    }
}

static void
hz_window_views_remove_view (HzMainWindow *window,
                             GtkWidget    *view)
{
  HzWindow *self = HZ_WINDOW (window);
  ViewInfo *info = find_view (self, view, NULL);

  if (info == NULL)
    return;

  if (gtk_stack_get_visible_child (self->content_stack) == view)
    gtk_stack_set_visible_child_name (self->content_stack,
                                      hz_window_get_workspace (self) != NULL ? "workspace" : "empty");

  gtk_box_remove (self->views_box, info->button);
  gtk_stack_remove (self->content_stack, view);
  g_ptr_array_remove (self->views, info);
  gtk_widget_set_visible (GTK_WIDGET (self->views_box), self->views->len > 0);
}

static void
hz_window_views_set_view_counts (HzMainWindow *window,
                                 GtkWidget    *view,
                                 guint         count,
                                 guint         urgent)
{
  HzWindow *self = HZ_WINDOW (window);
  ViewInfo *info = find_view (self, view, NULL);
  g_autofree char *count_text = NULL;
  g_autofree char *urgent_text = NULL;
  g_autofree char *accessible = NULL;

  if (info == NULL)
    return;

  count_text = g_strdup_printf ("%u", count);
  gtk_label_set_text (info->count_label, count_text);
  gtk_widget_set_visible (GTK_WIDGET (info->count_label), TRUE);

  /* Translators: on a sidebar view's button: how many need action now */
  urgent_text = g_strdup_printf (ngettext ("%u overdue", "%u overdue", urgent), urgent);
  gtk_label_set_text (info->urgent_label, urgent_text);
  gtk_widget_set_visible (GTK_WIDGET (info->urgent_label), urgent > 0);

  /* Translators: what a screen reader says of a sidebar view's button:
   * "Referral office: 5, 1 overdue" */
  accessible = g_strdup_printf (_("%s: %u, %u overdue"), info->title, count, urgent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (info->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
hz_window_views_show_view (HzMainWindow *window,
                           const char   *name)
{
  HzWindow *self = HZ_WINDOW (window);
  ViewInfo *info = find_view (self, NULL, name);

  /* --view before the plugin has added it: shown when it does */
  if (info == NULL)
    {
      g_free (self->pending_view);
      self->pending_view = g_strdup (name);
      return;
    }

  gtk_stack_set_visible_child (self->content_stack, info->view);
  hz_case_list_select_case (self->case_list, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
hz_window_views_open_case (HzMainWindow *window,
                           const char   *case_id,
                           const char   *page)
{
  HzWindow *self = HZ_WINDOW (window);
  HzCaseWorkspace *workspace = hz_window_get_workspace (self);

  if (page != NULL)
    {
      /* the case already open: its page now; else once it has loaded */
      if (workspace != NULL && g_strcmp0 (hz_case_workspace_get_case_id (workspace), case_id) == 0
          && hz_case_workspace_get_loaded (workspace))
        hz_workspace_show_page (HZ_WORKSPACE (workspace), page);
      else
        hz_window_show_page_when_open (self, page);
    }
  hz_window_open_case (self, case_id);
}

static void
hz_window_views_open_database (HzMainWindow *window,
                               const char   *path,
                               const char   *case_id)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  HzWindow *other = NULL;

  for (GList *l = gtk_application_get_windows (application); l != NULL && other == NULL; l = l->next)
    if (HZ_IS_WINDOW (l->data) && g_strcmp0 (hz_window_get_db_path (l->data), path) == 0)
      other = l->data;
  if (other == NULL)
    other = g_object_new (HZ_TYPE_WINDOW,
                          "application", application,
                          "settings", hz_application_get_settings (HZ_APPLICATION (application)),
                          "db-path", path,
                          NULL);
  gtk_window_present (GTK_WINDOW (other));
  hz_window_open_case (other, case_id);
}

static void
hz_window_views_show_message (HzMainWindow *window,
                              const char   *message)
{
  hz_window_show_toast (HZ_WINDOW (window), message);
}

void
hz_window_main_window_iface_init (HzMainWindowInterface *iface)
{
  iface->get_store = hz_window_views_get_store;
  iface->add_view = hz_window_views_add_view;
  iface->remove_view = hz_window_views_remove_view;
  iface->set_view_counts = hz_window_views_set_view_counts;
  iface->show_view = hz_window_views_show_view;
  iface->open_case = hz_window_views_open_case;
  iface->show_message = hz_window_views_show_message;
  iface->open_database = hz_window_views_open_database;
}

/* --- the addins ---------------------------------------------------------- */

static void
on_window_addin_added_cb (PeasExtensionSet *set,
                          PeasPluginInfo   *plugin_info,
                          PeasExtension    *exten,
                          gpointer          user_data)
{
  hz_window_addin_load (HZ_WINDOW_ADDIN (exten), HZ_MAIN_WINDOW (user_data));
}

static void
on_window_addin_removed_cb (PeasExtensionSet *set,
                            PeasPluginInfo   *plugin_info,
                            PeasExtension    *exten,
                            gpointer          user_data)
{
  hz_window_addin_unload (HZ_WINDOW_ADDIN (exten), HZ_MAIN_WINDOW (user_data));
}

void
hz_window_setup_window_addins (HzWindow *self)
{
  PeasEngine *engine;

  g_return_if_fail (HZ_IS_WINDOW (self));

  if (self->window_addins != NULL || self->store == NULL)
    return;

  engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  self->window_addins = peas_extension_set_new (engine, HZ_TYPE_WINDOW_ADDIN, NULL);
  g_signal_connect (self->window_addins, "extension-added",
                    G_CALLBACK (on_window_addin_added_cb), self);
  g_signal_connect (self->window_addins, "extension-removed",
                    G_CALLBACK (on_window_addin_removed_cb), self);
  peas_extension_set_foreach (self->window_addins, on_window_addin_added_cb, self);
}

void
hz_window_teardown_window_addins (HzWindow *self)
{
  g_return_if_fail (HZ_IS_WINDOW (self));

  if (self->window_addins != NULL)
    {
      /* unload while the window and its store are alive, then drop the
       * set so that disposing it does not call back here */
      g_signal_handlers_disconnect_by_data (self->window_addins, self);
      peas_extension_set_foreach (self->window_addins, on_window_addin_removed_cb, self);
      g_clear_object (&self->window_addins);
    }
  g_clear_pointer (&self->views, g_ptr_array_unref);
}
