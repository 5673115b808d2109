/* hz-save.c — a clinician's save through the versioned store, conflicts shown
 *
 * The store refuses a write that started from an older version
 * (HZ_STORE_ERROR_CONFLICT). Here that refusal becomes a question to the
 * clinician, as GNOME Text Editor asks when a document changed on disk:
 * keep theirs on top (a new version; the other stays in the history) or
 * take the other one. Nothing happens behind their back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-ui.h"

typedef struct
{
  HzStore    *store;
  char       *case_id;
  JsonObject *resource;       /* the one the dialog is about */
  char       *resource_type;
  char       *id;
  GPtrArray  *resources;      /* (nullable): a bundle, @resource one of them */
} Save;

static void
save_free (Save *save)
{
  g_clear_object (&save->store);
  g_free (save->case_id);
  g_clear_pointer (&save->resource, json_object_unref);
  g_free (save->resource_type);
  g_free (save->id);
  g_clear_pointer (&save->resources, g_ptr_array_unref);
  g_free (save);
}

static void ask (GtkWidget    *parent,
                 GTask        *task,
                 const GError *conflict);
static void save_bundle (GtkWidget *parent,
                         GTask     *task);

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GTask            *task)
{
  g_autoptr(GTask) hold = g_object_ref (task);
  Save *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* one answer: the dialog closing afterwards is not a second one */
  g_signal_handlers_disconnect_by_func (dialog, on_response_cb, task);

  if (g_strcmp0 (response, "keep-mine") == 0)
    {
      g_autoptr(HzResource) current = hz_store_get (save->store, save->resource_type, save->id, &error);

      /* on top of the version the clinician has now seen */
      if (current != NULL)
        {
          JsonNode *meta = json_object_get_member (save->resource, "meta");

          if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta))
            {
              json_object_set_object_member (save->resource, "meta", json_object_new ());
              meta = json_object_get_member (save->resource, "meta");
            }
          json_object_set_string_member (json_node_get_object (meta), "versionId",
                                         hz_jv_get_path_string (hz_resource_get_value (current),
                                                                "meta.versionId"));
        }

      if (current == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else if (save->resources != NULL)
        /* the whole set again: another of them may have moved on too */
        save_bundle (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (dialog))), task);
      else if (hz_store_put (save->store, save->case_id, save->resource, &error))
        g_task_return_int (task, HZ_SAVE_SAVED);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_int (task, HZ_SAVE_DISCARDED);
}

/* Members the store sets itself, or that repeat the others */
static gboolean
is_bookkeeping (const char *member)
{
  return g_str_equal (member, "meta") || g_str_equal (member, "id") ||
         g_str_equal (member, "resourceType") || g_str_equal (member, "text");
}

static void
append_difference (GString    *out,
                   const char *member,
                   const HzJv *theirs,
                   const HzJv *mine)
{
  g_autofree char *their_text = theirs != NULL ? hz_fhir_jv_describe_value (theirs) : NULL;
  g_autofree char *my_text = mine != NULL ? hz_fhir_jv_describe_value (mine) : NULL;

  g_string_append_c (out, '\n');
  /* Translators: one field that differs between the two versions: its
   * name, its value in the version saved meanwhile, its value in the
   * clinician's own; e.g. "状态：对方的为“已修订”，您的为“已更正”" */
  g_string_append_printf (out, _("%s: theirs “%s”, yours “%s”"),
                          hz_fhir_field_get_display (member),
                          their_text != NULL && *their_text != '\0' ? their_text : _("(none)"),
                          my_text != NULL && *my_text != '\0' ? my_text : _("(none)"));
}

/* What the clinician would overwrite: the fields of the stored version
 * that differ from @resource, in words, one a line; "" when none does */
static char *
describe_differences (HzResource *current,
                      JsonObject *resource)
{
  g_autoptr(HzResource) own = hz_resource_new (resource);
  const HzJv *theirs = hz_resource_get_value (current);
  const HzJv *mine = hz_resource_get_value (own);
  GString *out = g_string_new (NULL);

  for (HzJv *member = hz_jv_get_first (theirs); member != NULL; member = hz_jv_get_next (member))
    {
      const char *key = hz_jv_get_key (member);
      HzJv *my_member = hz_jv_get (mine, key);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (is_bookkeeping (key))
        continue;
      a = hz_jv_to_string (member);
      b = my_member != NULL ? hz_jv_to_string (my_member) : NULL;
      if (g_strcmp0 (a, b) != 0)
        append_difference (out, key, member, my_member);
    }

  /* what only mine has */
  for (HzJv *member = hz_jv_get_first (mine); member != NULL; member = hz_jv_get_next (member))
    if (!is_bookkeeping (hz_jv_get_key (member)) && hz_jv_get (theirs, hz_jv_get_key (member)) == NULL)
      append_difference (out, hz_jv_get_key (member), NULL, member);

  return g_string_free (out, FALSE);
}

static void
ask (GtkWidget    *parent,
     GTask        *task,
     const GError *conflict)
{
  Save *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(HzResource) current = NULL;
  g_autofree char *differences = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  HzStoreVersion *newest = NULL;

  versions = hz_store_history (save->store, save->resource_type, save->id, &error);
  if (versions != NULL && versions->len > 0)
    newest = g_ptr_array_index (versions, versions->len - 1);
  current = hz_store_get (save->store, save->resource_type, save->id, NULL);
  if (current != NULL)
    differences = describe_differences (current, save->resource);

  if (newest != NULL && newest->author != NULL)
    {
      g_autofree char *when = hz_fhir_format_date_time (newest->last_updated);

      /* Translators: the store's conflict message, then who saved the other version and when */
      body = g_strdup_printf (_("%s\n\nThe other version was saved by %s at %s. Save yours on top of "
                                "it (the other stays in the history), or discard yours and keep "
                                "the other."),
                              conflict->message, newest->author, when);
    }
  else
    body = g_strdup_printf (_("%s\n\nSave yours on top of it (the other stays in the history), "
                              "or discard yours and keep the other."),
                            conflict->message);

  if (differences != NULL && *differences != '\0')
    {
      char *with = g_strdup_printf ("%s\n\n%s%s", body, _("What differs:"), differences);

      g_free (body);
      body = with;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Changed by Someone Else"), body);
  gtk_widget_set_name (dialog, "save-conflict-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard Mine"),
                                    "keep-mine", _("_Save Mine on Top"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
hz_save_resource_async (GtkWidget           *parent,
                        HzStore             *store,
                        const char          *case_id,
                        JsonObject          *resource,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Save *save;

  g_return_if_fail (HZ_IS_STORE (store));
  g_return_if_fail (resource != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_save_resource_async);
  save = g_new0 (Save, 1);
  save->store = g_object_ref (store);
  save->case_id = g_strdup (case_id);
  save->resource = json_object_ref (resource);
  g_task_set_task_data (task, save, (GDestroyNotify) save_free);

  if (hz_store_put (store, case_id, resource, &error))
    g_task_return_int (task, HZ_SAVE_SAVED);
  else if (g_error_matches (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT))
    {
      /* a conflict: the store read both, they are strings */
      save->resource_type = g_strdup (json_object_get_string_member (resource, "resourceType"));
      save->id = g_strdup (json_object_get_string_member (resource, "id"));
      ask (parent, task, error);
    }
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

HzSaveOutcome
hz_save_resource_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize outcome;

  g_return_val_if_fail (G_IS_TASK (result), HZ_SAVE_FAILED);

  outcome = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return HZ_SAVE_FAILED;
    }

  return (HzSaveOutcome) outcome;
}

/* The first resource of the bundle whose stored version is not the one it
 * was read at (a new one whose id was taken meanwhile counts too) */
static JsonObject *
find_stale (Save *save)
{
  for (guint i = 0; i < save->resources->len; i++)
    {
      JsonObject *resource = g_ptr_array_index (save->resources, i);
      const char *type = json_object_get_string_member_with_default (resource, "resourceType", NULL);
      const char *id = json_object_get_string_member_with_default (resource, "id", NULL);
      /* a new resource has no meta yet */
      JsonNode *meta_node = json_object_get_member (resource, "meta");
      JsonObject *meta = meta_node != NULL && JSON_NODE_HOLDS_OBJECT (meta_node)
                       ? json_node_get_object (meta_node) : NULL;
      const char *version = meta != NULL
                          ? json_object_get_string_member_with_default (meta, "versionId", NULL)
                          : NULL;
      g_autoptr(HzResource) current = NULL;

      if (type == NULL || id == NULL)
        continue;
      current = hz_store_get (save->store, type, id, NULL);
      if (current != NULL &&
          g_strcmp0 (hz_jv_get_path_string (hz_resource_get_value (current), "meta.versionId"), version) != 0)
        return resource;
    }

  return NULL;
}

static void
save_bundle (GtkWidget *parent,
             GTask     *task)
{
  Save *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonObject *stale;

  if (hz_store_put_all (save->store, save->case_id, save->resources, &error))
    {
      g_task_return_int (task, HZ_SAVE_SAVED);
      return;
    }
  if (!g_error_matches (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT) ||
      (stale = find_stale (save)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* ask about the one that moved on, as a lone save does */
  g_clear_pointer (&save->resource, json_object_unref);
  g_free (save->resource_type);
  g_free (save->id);
  save->resource = json_object_ref (stale);
  save->resource_type = g_strdup (json_object_get_string_member (stale, "resourceType"));
  save->id = g_strdup (json_object_get_string_member (stale, "id"));
  ask (parent, task, error);
}

/**
 * hz_save_bundle_async:
 * @parent: (nullable): the widget the conflict dialog is shown over
 * @resources: (element-type JsonObject): the resources, written together
 *
 * Writes @resources in one transaction, asking the clinician as
 * hz_save_resource_async() does when one was changed meanwhile.
 */
void
hz_save_bundle_async (GtkWidget           *parent,
                      HzStore             *store,
                      const char          *case_id,
                      GPtrArray           *resources,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Save *save;

  g_return_if_fail (HZ_IS_STORE (store));
  g_return_if_fail (resources != NULL && resources->len > 0);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_save_bundle_async);
  save = g_new0 (Save, 1);
  save->store = g_object_ref (store);
  save->case_id = g_strdup (case_id);
  save->resources = g_ptr_array_ref (resources);
  g_task_set_task_data (task, save, (GDestroyNotify) save_free);

  save_bundle (parent, task);
}

HzSaveOutcome
hz_save_bundle_finish (GAsyncResult  *result,
                       GError       **error)
{
  return hz_save_resource_finish (result, error);
}
