/* hz-window-actions.c — the window's actions: import, search, pages, panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-shell-utils.h"
#include "hz-shortcuts-private.h"
#include "hz-window-private.h"

/* --- the shortcuts window --------------------------------------------------- */

/* The shell's own keys. A plugin's keys are its own (hz_shortcuts_register()
 * in its peas_register_types()): each key is declared once, by what
 * handles it, and goes when its plugin is unloaded. */
static const HzShortcut general_shortcuts[] = {
  { NC_("shortcut window", "Import Case"), .action_name = "win.import" },
  { NC_("shortcut window", "Preferences"), .action_name = "app.preferences" },
  { NC_("shortcut window", "Keyboard Shortcuts"), .action_name = "win.show-help-overlay" },
  { NC_("shortcut window", "Quit"), .action_name = "app.quit" },
};

static const HzShortcut case_shortcuts[] = {
  { NC_("shortcut window", "Search the Case List, or the Page Shown if It Has a Search"), "<Control>f" },
  { NC_("shortcut window", "Close Case"), .action_name = "win.close-case" },
  { NC_("shortcut window", "High-Risk Registry"), .action_name = "win.show-registry" },
};

static const HzShortcut workspace_shortcuts[] = {
  { NC_("shortcut window", "Switch to Page 1…9"), "<Alt>1...<Alt>9" },
  { NC_("shortcut window", "Show or Hide the Patient Panel"), .action_name = "win.toggle-panel" },
};

static const HzShortcutGroup shell_shortcut_groups[] = {
  { NC_("shortcut window", "General"), general_shortcuts, G_N_ELEMENTS (general_shortcuts) },
  { NC_("shortcut window", "Cases"), case_shortcuts, G_N_ELEMENTS (case_shortcuts) },
  { NC_("shortcut window", "Case Workspace"), workspace_shortcuts, G_N_ELEMENTS (workspace_shortcuts) },
};

/* Built when first asked for, anew each time it opens (the plugins loaded
 * now). As gtk/help-overlay.ui, GtkApplication built one for every new
 * window before its first frame (~15 ms of start-up). */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  HzWindow *self = HZ_WINDOW (widget);
  GtkWindow *shortcuts;

  if (self->shortcuts_window != NULL)
    {
      gtk_window_present (self->shortcuts_window);
      return;
    }

  shortcuts = hz_shortcuts_window_new (GTK_WINDOW (self), shell_shortcut_groups,
                                       G_N_ELEMENTS (shell_shortcut_groups));
  self->shortcuts_window = shortcuts;
  g_object_add_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &self->shortcuts_window);
  gtk_window_present (shortcuts);
}

/* --- import ---------------------------------------------------------------- */

typedef struct
{
  GFile  *file;
  char   *name;      /* file name shown to the user */
  char  **case_ids;  /* on success */
  GError *error;     /* on failure */
  HzStoreImportCounts counts;
  gboolean waiting;  /* it would change cases already there: asked first */
} ImportResult;

typedef struct
{
  HzStore   *store;
  GPtrArray *files;       /* GFile */
  char      *directory;   /* or: import every *.json in it */
  GPtrArray *results;     /* ImportResult */
  gboolean   open_single_case;
  gboolean   confirmed;   /* the clinician agreed to change existing cases */
} ImportData;

static void
import_result_free (gpointer data)
{
  ImportResult *result = data;

  g_clear_object (&result->file);
  g_free (result->name);
  g_strfreev (result->case_ids);
  g_clear_error (&result->error);
  g_free (result);
}

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_clear_object (&import->store);
  g_clear_pointer (&import->files, g_ptr_array_unref);
  g_clear_pointer (&import->results, g_ptr_array_unref);
  g_free (import->directory);
  g_free (import);
}

static int
compare_files_by_name (gconstpointer a,
                       gconstpointer b)
{
  g_autofree char *name_a = g_file_get_basename (*(GFile * const *) a);
  g_autofree char *name_b = g_file_get_basename (*(GFile * const *) b);

  return g_strcmp0 (name_a, name_b);
}

static gboolean
list_directory (ImportData    *import,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) directory = g_file_new_for_path (import->directory);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE,
                                          cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  while (g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
    {
      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (import->files, g_file_get_child (directory, g_file_info_get_name (info)));
    }

  if (error != NULL && *error != NULL)
    return FALSE;

  g_ptr_array_sort (import->files, compare_files_by_name);

  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  GError *error = NULL;

  if (import->directory != NULL && !list_directory (import, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < import->files->len; i++)
    {
      GFile *file = g_ptr_array_index (import->files, i);
      ImportResult *result = g_new0 (ImportResult, 1);

      if (g_cancellable_is_cancelled (cancellable))
        {
          import_result_free (result);
          break;
        }

      result->file = g_object_ref (file);
      result->name = g_file_get_basename (file);

      /* a file that would give existing resources new versions waits
       * for the clinician's yes */
      if (!import->confirmed &&
          !hz_store_preview_import_file (import->store, file, &result->counts, NULL,
                                         cancellable, &result->error))
        {
          g_ptr_array_add (import->results, result);
          continue;
        }
      if (!import->confirmed && result->counts.n_changed > 0)
        {
          result->waiting = TRUE;
          g_ptr_array_add (import->results, result);
          continue;
        }

      if (!hz_store_import_file (import->store, file, &result->case_ids, cancellable, &result->error))
        g_assert (result->error != NULL);

      g_ptr_array_add (import->results, result);
    }

  g_task_return_boolean (task, TRUE);
}

/* A store error in the words of the clinician who chose the file */
static const char *
hz_import_error_in_words (const GError *error)
{
  if (error->domain == HZ_STORE_ERROR)
    {
      switch (error->code)
        {
        case HZ_STORE_ERROR_INVALID_JSON:
          return _("the file is damaged or is not a case record (it is not readable JSON)");
        case HZ_STORE_ERROR_TOO_LARGE:
          return _("the file is too large to import");
        case HZ_STORE_ERROR_CONFLICT:
          return _("someone changed this case after the file was made; nothing was imported");
        case HZ_STORE_ERROR_READ_ONLY:
          return _("the case database may only be read on this computer");
        case HZ_STORE_ERROR_NOT_FOUND:
          return _("the file could not be found");
        default:
          break;
        }
    }

  /* the store's own message, which names what was wrong */
  return error->message;
}

static void
show_import_failures (HzWindow   *self,
                      const char *text)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = g_strstrip (g_strdup (text));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Some Files Were Not Imported"),
                                                       body));
  gtk_widget_set_name (GTK_WIDGET (dialog), "import-failures");
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void hz_window_start_import (HzWindow   *self,
                                    GPtrArray  *files,
                                    const char *directory,
                                    gboolean    open_single_case,
                                    gboolean    confirmed);

typedef struct
{
  HzWindow  *self;
  GPtrArray *files;
  gboolean   open_single_case;
} UpdateQuestion;

static void
update_question_free (UpdateQuestion *question)
{
  g_object_unref (question->self);
  g_ptr_array_unref (question->files);
  g_free (question);
}

static void
on_update_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       UpdateQuestion   *question)
{
  if (g_strcmp0 (response, "update") == 0)
    hz_window_start_import (question->self, question->files, NULL, question->open_single_case, TRUE);
}

static void
ask_to_update (HzWindow   *self,
               const char *text,
               GPtrArray  *files,
               gboolean    open_single_case)
{
  AdwMessageDialog *dialog;
  UpdateQuestion *question = g_new0 (UpdateQuestion, 1);
  g_autofree char *body = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  question->self = g_object_ref (self);
  question->files = g_ptr_array_ref (files);
  question->open_single_case = open_single_case;

  /* Translators: the question before an import changes cases already in the database; %s lists
   * each file and what it would do */
  body = g_strdup_printf (_("These files hold cases that are already here, with different data:\n\n%s\n\n"
                            "Nothing is lost: the earlier versions stay in each record's history."),
                          stripped);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Update Existing Cases?"), body));
  gtk_widget_set_name (GTK_WIDGET (dialog), "import-update");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "update", _("_Update"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "update", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_update_response_cb), question,
                         (GClosureNotify) (void (*) (void)) update_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  HzWindow *self = HZ_WINDOW (object);
  ImportData *import = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = NULL;
  g_autoptr(GString) waiting = NULL;
  g_autoptr(GPtrArray) waiting_files = NULL;
  const char *single_case = NULL;
  guint n_ok = 0;
  guint n_cases = 0;

  self->n_imports--;
  hz_window_update_actions (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s is a folder, then the reason */
      message = g_strdup_printf (_("Could not read the folder “%s”: %s"), import->directory, error->message);
      hz_window_show_error_toast (self, message);
      return;
    }

  if (import->directory != NULL && import->files->len == 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a folder */
      message = g_strdup_printf (_("No case bundles (*.json) in “%s”"), import->directory);
      hz_window_show_toast (self, message);
      return;
    }

  for (guint i = 0; i < import->results->len; i++)
    {
      ImportResult *item = g_ptr_array_index (import->results, i);

      if (item->error != NULL)
        {
          if (g_error_matches (item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            continue;

          if (failures == NULL)
            failures = g_string_new (NULL);
          /* Translators: one line of the import errors: a file name, then what was wrong with it */
          g_string_append_printf (failures, _("%s: %s"), item->name, hz_import_error_in_words (item->error));
          g_string_append (failures, "\n\n");
          continue;
        }

      if (item->waiting)
        {
          if (waiting == NULL)
            {
              waiting = g_string_new (NULL);
              waiting_files = g_ptr_array_new_with_free_func (g_object_unref);
            }
          /* Translators: a file name, before what importing it would do */
          g_string_append_printf (waiting, C_("import", "%s: "), item->name);
          g_string_append_printf (waiting,
                                  /* Translators: what importing a file would do to a case already in
                                   * the database; the three numbers are resources */
                                  _("%u new, %u changed (each keeps its earlier version), %u unchanged"),
                                  item->counts.n_new, item->counts.n_changed, item->counts.n_unchanged);
          g_string_append (waiting, "\n");
          g_ptr_array_add (waiting_files, g_object_ref (item->file));
          continue;
        }

      n_ok++;
      if (item->case_ids != NULL)
        {
          n_cases += g_strv_length (item->case_ids);
          if (item->case_ids[0] != NULL)
            single_case = item->case_ids[0];
        }
    }

  if (n_ok == 1 && import->results->len == 1)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Imported “%s”"), ((ImportResult *) g_ptr_array_index (import->results, 0))->name);
      hz_window_show_toast (self, message);
    }
  else if (n_ok > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Imported %u case",
                                              "Imported %u cases",
                                              n_cases),
                                 n_cases);
      hz_window_show_toast (self, message);
    }

  /* The list updates the imported cases' rows itself, from the store's
   * change signal: nothing to reload here. */

  if (import->open_single_case && n_ok == 1 && n_cases == 1 && single_case != NULL)
    hz_window_open_case (self, single_case);

  /* what went wrong stays on screen until it is read */
  if (failures != NULL)
    show_import_failures (self, failures->str);

  if (waiting != NULL)
    ask_to_update (self, waiting->str, waiting_files, import->open_single_case);
}

static void
hz_window_start_import (HzWindow   *self,
                        GPtrArray  *files,
                        const char *directory,
                        gboolean    open_single_case,
                        gboolean    confirmed)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import;

  if (self->store == NULL)
    return;

  import = g_new0 (ImportData, 1);
  import->store = g_object_ref (self->store);
  import->files = files != NULL ? g_ptr_array_ref (files) : g_ptr_array_new_with_free_func (g_object_unref);
  import->directory = g_strdup (directory);
  import->results = g_ptr_array_new_with_free_func (import_result_free);
  import->open_single_case = open_single_case;
  import->confirmed = confirmed;

  self->n_imports++;
  hz_window_update_actions (self);

  task = g_task_new (self, self->cancellable, import_cb, NULL);
  g_task_set_source_tag (task, hz_window_start_import);
  g_task_set_task_data (task, import, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

void
hz_window_import_files (HzWindow  *self,
                        GPtrArray *files,
                        gboolean   open_single_case)
{
  g_return_if_fail (HZ_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  hz_window_start_import (self, files, NULL, open_single_case, FALSE);
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       HzWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) selected = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (selected);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (files, g_list_model_get_item (selected, i));

      if (files->len > 0)
        hz_window_import_files (self, files, files->len == 1);
    }

  if (self->import_chooser == chooser)
    {
      gtk_native_dialog_destroy (chooser);
      g_clear_object (&self->import_chooser);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  HzWindow *self = HZ_WINDOW (widget);
  g_autoptr(GtkFileFilter) json_filter = NULL;
  g_autoptr(GtkFileFilter) all_filter = NULL;
  GtkFileChooserNative *chooser;

  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_show (self->import_chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Import Case"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  json_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (json_filter, _("FHIR Bundles (JSON)"));
  gtk_file_filter_add_mime_type (json_filter, "application/json");
  gtk_file_filter_add_mime_type (json_filter, "application/fhir+json");
  gtk_file_filter_add_pattern (json_filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter);

  all_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), json_filter);

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), self);

  self->import_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->import_chooser);
}

static void
load_demo_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  char **case_ids = NULL;

  /* the same code as "huizhen-cli demo": dated for today, marked 演示,
   * then their ultrasound stills and cine (data/demo/imaging) */
  if (hz_demo_import (HZ_STORE (task_data), NULL, NULL, &case_ids, &error) &&
      hz_imaging_import_demo (HZ_STORE (task_data), NULL, NULL, &error))
    g_task_return_pointer (task, case_ids, (GDestroyNotify) g_strfreev);
  else
    {
      g_strfreev (case_ids);
      g_task_return_error (task, error);
    }
}

static void
load_demo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HzWindow *self = HZ_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;

  if (case_ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hz_window_show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Loaded %u demo case, dated for today",
                                          "Loaded %u demo cases, dated for today",
                                          g_strv_length (case_ids)),
                             g_strv_length (case_ids));
  hz_window_show_toast (self, message);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  HzWindow *self = HZ_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;

  task = g_task_new (self, self->cancellable, load_demo_cb, NULL);
  g_task_set_source_tag (task, load_demo_action);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_demo_thread);
}

/* --- navigation ------------------------------------------------------------ */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  HzWindow *self = HZ_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  hz_case_list_start_search (self->case_list);
}

static void
close_case_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  hz_window_close_case (HZ_WINDOW (widget));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  HzWindow *self = HZ_WINDOW (widget);

  /* Folded: go back to the list, and let a tap on the same row come back. */
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  hz_case_list_select_case (self->case_list, NULL);
}

static void
show_registry_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  hz_window_show_registry (HZ_WINDOW (widget), g_str_equal (action_name, "win.show-registry-overdue"));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hz_main_window_show_view (HZ_MAIN_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  HzCaseWorkspace *workspace = hz_window_get_workspace (HZ_WINDOW (widget));

  if (workspace != NULL)
    hz_case_workspace_toggle_panel (workspace);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  HzCaseWorkspace *workspace = hz_window_get_workspace (HZ_WINDOW (widget));
  int number = g_variant_get_int32 (param);

  if (workspace != NULL && number >= 1)
    hz_case_workspace_show_page_index (workspace, (guint) number - 1);
}

void
hz_window_update_actions (HzWindow *self)
{
  HzCaseWorkspace *workspace = hz_window_get_workspace (self);
  gboolean can_write = self->store != NULL && self->has_actor && self->n_imports == 0;
  gboolean loaded = workspace != NULL && hz_case_workspace_get_loaded (workspace);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-case", workspace != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-panel", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", loaded);
}

void
hz_window_class_actions_init (HzWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.close-case", NULL, close_case_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "win.show-registry", NULL, show_registry_action);
  gtk_widget_class_install_action (widget_class, "win.show-registry-overdue", NULL, show_registry_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "i", show_page_action);

  /* Ctrl+F searches where the focus is: not an application accelerator
   * (those run before any widget sees the key), but the window's own
   * binding, which a key reaches last. A workspace page with a search of
   * its own (the timeline's events) takes Ctrl+F first, also from the
   * patient panel (hz-case-workspace.c passes shortcuts on to the visible
   * page); everywhere else it searches the case list. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

void
hz_window_actions_init (HzWindow *self)
{
  g_autoptr(GSimpleActionGroup) list_group = g_simple_action_group_new ();
  g_autoptr(GAction) sort_action = g_settings_create_action (self->settings, "case-sort");

  g_action_map_add_action (G_ACTION_MAP (list_group), sort_action);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list", G_ACTION_GROUP (list_group));
}
