/* hz-case.c — an open case: its resources as list models, kept in step with the store
 *
 * Opening reads the case in a GTask thread (hz_store_read_case_doc(): one
 * audited read) and wraps and sorts the resources there too; only the
 * models are filled on the main context, one g_list_store_splice() per
 * resource type. The resources share the store's compact parse of the
 * case (HzJv, about a third of the memory json-glib trees take, and no
 * conversion); a json-glib copy is built only for a resource somebody
 * changes (hz_resource_dup_json()).
 *
 * After that, HzCase follows HzStore::changed for its case: it re-reads
 * the changed types in a thread and updates each model in place, replacing
 * only the items that differ, so bound views keep their rows and scroll
 * positions. A refresh is not recorded in the audit log: the case was
 * opened (and that read audited) by this clinician, and what a refresh
 * reads is what was just written, itself audited as a write. Recording
 * every refresh would add a read row per open window per commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-resource-private.h"
#include "hz-store-private.h"

struct _HzCase
{
  GObject       parent_instance;

  HzStore      *store;
  char         *id;

  GHashTable   *models;         /* type → GListStore of HzResource */
  GHashTable   *lookup;         /* "Type/id" → HzResource */
  HzResource   *episode;
  HzResource   *patient;
  char         *patient_name;

  gulong        changed_handler;
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      refreshing;
  GHashTable   *pending_types;  /* changed while loading or refreshing */
};

G_DEFINE_FINAL_TYPE (HzCase, hz_case, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_refresh (HzCase *self);

static void
hz_case_dispose (GObject *object)
{
  HzCase *self = (HzCase *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->changed_handler != 0)
    {
      g_signal_handler_disconnect (self->store, self->changed_handler);
      self->changed_handler = 0;
    }

  G_OBJECT_CLASS (hz_case_parent_class)->dispose (object);
}

static void
hz_case_finalize (GObject *object)
{
  HzCase *self = (HzCase *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->models, g_hash_table_unref);
  g_clear_pointer (&self->lookup, g_hash_table_unref);
  g_clear_pointer (&self->pending_types, g_hash_table_unref);
  g_clear_object (&self->episode);
  g_clear_object (&self->patient);
  g_clear_pointer (&self->patient_name, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_case_parent_class)->finalize (object);
}

static void
hz_case_class_init (HzCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_case_dispose;
  object_class->finalize = hz_case_finalize;

  /**
   * HzCase::changed:
   * @self: the case
   * @resource_types: (array zero-terminated=1): the types whose models changed
   *
   * Emitted after the models were updated from a store commit.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
hz_case_init (HzCase *self)
{
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

static GListStore *
ensure_model (HzCase     *self,
              const char *type)
{
  GListStore *model = g_hash_table_lookup (self->models, type);

  if (model == NULL)
    {
      model = g_list_store_new (HZ_TYPE_RESOURCE);
      g_hash_table_insert (self->models, g_strdup (type), model);
    }

  return model;
}

/* ------------------------------------------------------------------------- */
/* Reading (in a worker thread) */

static int
compare_resources (gconstpointer a,
                   gconstpointer b)
{
  HzResource *ra = *(HzResource * const *) a;
  HzResource *rb = *(HzResource * const *) b;
  GDateTime *da = hz_resource_get_date (ra);
  GDateTime *db = hz_resource_get_date (rb);

  /* oldest first, undated last */
  if (da != NULL && db != NULL)
    {
      int cmp = g_date_time_compare (da, db);

      if (cmp != 0)
        return cmp;
    }
  else if (da != NULL)
    return -1;
  else if (db != NULL)
    return 1;

  return g_strcmp0 (hz_resource_get_id (ra), hz_resource_get_id (rb));
}

typedef struct
{
  HzJsonDoc   *doc;
  HzJv       **values;
  HzResource **resources;
} WrapData;

static void
wrap_one (guint    i,
          gpointer user_data)
{
  WrapData *data = user_data;

  data->resources[i] = hz_resource_new_for_value (data->doc, data->values[i]);
}

/* type → GPtrArray of HzResource, each sorted */
static GHashTable *
group_resources (HzJsonDoc *doc)
{
  GHashTable *by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  HzJv *root = hz_json_doc_get_root (doc);
  g_autofree HzJv **values = g_new (HzJv *, root->n_children);
  g_autofree HzResource **resources = g_new0 (HzResource *, root->n_children);
  WrapData data = { doc, values, resources };
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  for (HzJv *object = root->first; object != NULL; object = object->next)
    values[n++] = object;

  /* Reading each resource's fields (dates, titles) is the bulk of the work */
  hz_parallel_for (n, 1000, wrap_one, &data);

  for (guint i = 0; i < n; i++)
    {
      HzResource *resource = resources[i];
      const char *type = hz_resource_get_resource_type (resource);
      GPtrArray *list;

      /* the store validated it; a hand-edited database might not be */
      if (type == NULL)
        {
          g_object_unref (resource);
          continue;
        }

      list = g_hash_table_lookup (by_type, type);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_type, g_strdup (type), list);
        }
      g_ptr_array_add (list, resource);
    }

  g_hash_table_iter_init (&iter, by_type);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_resources);

  return by_type;
}

typedef struct
{
  char       *case_id;
  GStrv       types;     /* NULL: the whole case */
  GHashTable *by_type;   /* result */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->case_id);
  g_strfreev (data->types);
  g_clear_pointer (&data->by_type, g_hash_table_unref);
  g_free (data);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HzStore *store = HZ_CASE (source_object)->store;
  ReadData *data = task_data;
  g_autoptr(HzJsonDoc) doc = NULL;
  GError *error = NULL;

  /* the first read of a case is audited, refreshes are not */
  doc = hz_store_read_case_doc (store, data->case_id, (const char * const *) data->types,
                                data->types == NULL, &error);
  if (doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  data->by_type = group_resources (doc);

#ifdef __GLIBC__
  /* Reading a whole case leaves tens of MB of freed rows and parse
   * buffers in this thread's malloc arena (a third of what the case
   * adds for 10,000 resources): give those pages back. A few ms. */
  if (data->types == NULL)
    malloc_trim (0);
#endif

  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------- */
/* Filling the models (on the main context) */

static const char *
version_of (HzResource *resource)
{
  return hz_jv_get_path_string (hz_resource_get_value (resource), "meta.versionId");
}

static const char *
last_updated_of (HzResource *resource)
{
  return hz_jv_get_path_string (hz_resource_get_value (resource), "meta.lastUpdated");
}

static gboolean
same_resource (HzResource *a,
               HzResource *b)
{
  return g_strcmp0 (hz_resource_get_reference (a), hz_resource_get_reference (b)) == 0 &&
         g_strcmp0 (version_of (a), version_of (b)) == 0 &&
         g_strcmp0 (last_updated_of (a), last_updated_of (b)) == 0;
}

/* Replaces only the run of items that differ. Returns TRUE if anything did. */
static gboolean
update_model (HzCase     *self,
              GListStore *model,
              GPtrArray  *items)
{
  GListModel *list = G_LIST_MODEL (model);
  guint n_old = g_list_model_get_n_items (list);
  guint n_new = items != NULL ? items->len : 0;
  guint prefix = 0;
  guint suffix = 0;
  guint n_removed;
  guint n_added;

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(HzResource) old = g_list_model_get_item (list, prefix);

      if (!same_resource (old, g_ptr_array_index (items, prefix)))
        break;
      prefix++;
    }

  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(HzResource) old = g_list_model_get_item (list, n_old - 1 - suffix);

      if (!same_resource (old, g_ptr_array_index (items, n_new - 1 - suffix)))
        break;
      suffix++;
    }

  n_removed = n_old - prefix - suffix;
  n_added = n_new - prefix - suffix;

  if (n_removed == 0 && n_added == 0)
    return FALSE;

  for (guint i = prefix; i < prefix + n_removed; i++)
    {
      g_autoptr(HzResource) old = g_list_model_get_item (list, i);
      HzResource *current = g_hash_table_lookup (self->lookup, hz_resource_get_reference (old));

      if (current == old)
        g_hash_table_remove (self->lookup, hz_resource_get_reference (old));
    }

  for (guint i = prefix; i < prefix + n_added; i++)
    {
      HzResource *resource = g_ptr_array_index (items, i);

      g_hash_table_replace (self->lookup, g_strdup (hz_resource_get_reference (resource)),
                            g_object_ref (resource));
    }

  g_list_store_splice (model, prefix, n_removed,
                       n_added > 0 ? &g_ptr_array_index (items, prefix) : NULL,
                       n_added);

  return TRUE;
}

static void
update_episode_and_patient (HzCase *self)
{
  g_autofree char *episode_ref = g_strdup_printf ("EpisodeOfCare/%s", self->id);
  HzResource *episode = g_hash_table_lookup (self->lookup, episode_ref);
  HzResource *patient = NULL;
  char *name = NULL;

  g_set_object (&self->episode, episode);

  if (episode != NULL)
    {
      const char *ref = hz_jv_get_path_string (hz_resource_get_value (episode), "patient.reference");

      if (ref != NULL)
        patient = g_hash_table_lookup (self->lookup, ref);
    }

  /* a case without an episode link: its only Patient */
  if (patient == NULL)
    {
      GListStore *patients = g_hash_table_lookup (self->models, "Patient");

      if (patients != NULL && g_list_model_get_n_items (G_LIST_MODEL (patients)) == 1)
        {
          g_autoptr(HzResource) only = g_list_model_get_item (G_LIST_MODEL (patients), 0);

          patient = only;
        }
    }

  g_set_object (&self->patient, patient);

  if (patient != NULL)
    name = hz_fhir_jv_dup_human_name (hz_resource_get_value (patient));
  g_free (self->patient_name);
  self->patient_name = name;
}

/* Applies what a read returned. @types: the types read (NULL: all).
 * Returns the types whose models changed. */
static GStrv
apply_resources (HzCase             *self,
                 const char * const *types,
                 GHashTable         *by_type)
{
  g_autoptr(GStrvBuilder) changed = g_strv_builder_new ();
  g_autoptr(GPtrArray) all_types = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (types == NULL)
    {
      /* every type we have a model for, and every type read */
      g_hash_table_iter_init (&iter, self->models);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (all_types, key);
      g_hash_table_iter_init (&iter, by_type);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (self->models, key))
          g_ptr_array_add (all_types, key);
    }
  else
    {
      for (guint i = 0; types[i] != NULL; i++)
        g_ptr_array_add (all_types, (gpointer) types[i]);
    }

  for (guint i = 0; i < all_types->len; i++)
    {
      const char *type = g_ptr_array_index (all_types, i);
      g_autofree char *type_copy = g_strdup (type);
      GListStore *model = ensure_model (self, type_copy);

      if (update_model (self, model, g_hash_table_lookup (by_type, type_copy)))
        g_strv_builder_add (changed, type_copy);
    }

  update_episode_and_patient (self);

  return g_strv_builder_end (changed);
}

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HzCase *self = HZ_CASE (object);
  ReadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = NULL;

  self->refreshing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND))
        {
          /* the case was deleted: empty every model */
          g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);

          changed = apply_resources (self, NULL, empty);
        }
      else
        g_warning ("Could not refresh case %s: %s", self->id, error->message);
    }
  else
    changed = apply_resources (self, (const char * const *) data->types, data->by_type);

  if (changed != NULL && changed[0] != NULL)
    g_signal_emit (self, signals[CHANGED], 0, changed);

  if (g_hash_table_size (self->pending_types) > 0)
    start_refresh (self);
}

static void
start_refresh (HzCase *self)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  if (self->refreshing || !self->loaded || g_hash_table_size (self->pending_types) == 0)
    return;

  data = g_new0 (ReadData, 1);
  data->case_id = g_strdup (self->id);
  data->types = (GStrv) g_hash_table_get_keys_as_array (self->pending_types, NULL);
  for (guint i = 0; data->types[i] != NULL; i++)
    data->types[i] = g_strdup (data->types[i]);
  g_hash_table_remove_all (self->pending_types);

  self->refreshing = TRUE;

  task = g_task_new (self, self->cancellable, refresh_done, NULL);
  g_task_set_source_tag (task, start_refresh);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
on_store_changed (HzStore     *store,
                  const char  *case_id,
                  const char **types,
                  HzCase      *self)
{
  if (g_strcmp0 (case_id, self->id) != 0 || types == NULL)
    return;

  for (guint i = 0; types[i] != NULL; i++)
    g_hash_table_add (self->pending_types, g_strdup (types[i]));

  start_refresh (self);
}

static HzCase *
hz_case_new (HzStore    *store,
             const char *case_id)
{
  HzCase *self = g_object_new (HZ_TYPE_CASE, NULL);

  self->store = g_object_ref (store);
  self->id = g_strdup (case_id);
  /* Connected before the read, so that no commit falls in between */
  self->changed_handler = g_signal_connect (store, "changed",
                                            G_CALLBACK (on_store_changed), self);

  return self;
}

/* ------------------------------------------------------------------------- */
/* Loading */

/**
 * hz_case_load_async:
 * @store: the store
 * @case_id: an EpisodeOfCare id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when the case is loaded
 * @user_data: data for @callback
 *
 * Reads the case in a worker thread (one audited read), then fills the
 * models on the caller's main context.
 */
void
hz_case_load_async (HzStore             *store,
                    const char          *case_id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(HzCase) self = NULL;
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (HZ_IS_STORE (store));
  g_return_if_fail (case_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self = hz_case_new (store, case_id);

  data = g_new0 (ReadData, 1);
  data->case_id = g_strdup (case_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_case_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
finish_loading (HzCase     *self,
                GHashTable *by_type)
{
  g_auto(GStrv) changed = apply_resources (self, NULL, by_type);

  self->loaded = TRUE;

  /* commits that came in while we were reading */
  start_refresh (self);
}

/**
 * hz_case_load_finish:
 *
 * Returns: (transfer full): the case, its models filled
 */
HzCase *
hz_case_load_finish (GAsyncResult  *result,
                     GError       **error)
{
  HzCase *self;
  ReadData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hz_case_load_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  self = HZ_CASE (g_task_get_source_object (G_TASK (result)));
  data = g_task_get_task_data (G_TASK (result));

  if (!self->loaded)
    finish_loading (self, data->by_type);

  return g_object_ref (self);
}

/**
 * hz_case_load:
 *
 * Synchronous variant of hz_case_load_async(), for the CLI and tests.
 *
 * Returns: (transfer full): the case
 */
HzCase *
hz_case_load (HzStore     *store,
              const char  *case_id,
              GError     **error)
{
  g_autoptr(HzCase) self = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GHashTable) by_type = NULL;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = hz_case_new (store, case_id);

  doc = hz_store_read_case_doc (store, case_id, NULL, TRUE, error);
  if (doc == NULL)
    return NULL;

  by_type = group_resources (doc);
  finish_loading (self, by_type);

  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------------- */
/* Accessors */

/**
 * hz_case_get_store:
 *
 * Returns: (transfer none): the store
 */
HzStore *
hz_case_get_store (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  return self->store;
}

const char *
hz_case_get_id (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  return self->id;
}

/**
 * hz_case_get_episode:
 *
 * Returns: (nullable) (transfer none): the EpisodeOfCare
 */
HzResource *
hz_case_get_episode (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  return self->episode;
}

/**
 * hz_case_get_patient:
 *
 * Returns: (nullable) (transfer none): the Patient
 */
HzResource *
hz_case_get_patient (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  return self->patient;
}

const char *
hz_case_get_patient_name (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  if (self->patient_name != NULL && *self->patient_name != '\0')
    return self->patient_name;

  return _("Unnamed patient");
}

/**
 * hz_case_get_resources:
 * @resource_type: a resourceType
 *
 * Returns: (transfer none): a #GListModel of #HzResource, oldest first,
 *   undated last; always the same object for a type
 */
GListModel *
hz_case_get_resources (HzCase     *self,
                       const char *resource_type)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);
  g_return_val_if_fail (resource_type != NULL, NULL);

  return G_LIST_MODEL (ensure_model (self, resource_type));
}

/**
 * hz_case_lookup:
 * @reference: "Type/id"
 *
 * Returns: (nullable) (transfer none): the resource
 */
HzResource *
hz_case_lookup (HzCase     *self,
                const char *reference)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  if (reference == NULL)
    return NULL;

  return g_hash_table_lookup (self->lookup, reference);
}

guint
hz_case_get_n_resources (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), 0);

  return g_hash_table_size (self->lookup);
}

/**
 * hz_case_find_observations:
 * @loinc_code: a LOINC code, e.g. %HZ_LOINC_LMP
 *
 * Returns: (transfer container) (element-type HzResource): the Observations
 *   with that code, oldest first
 */
GPtrArray *
hz_case_find_observations (HzCase     *self,
                           const char *loinc_code)
{
  GListModel *observations;
  GPtrArray *found;
  guint n;

  g_return_val_if_fail (HZ_IS_CASE (self), NULL);
  g_return_val_if_fail (loinc_code != NULL, NULL);

  found = g_ptr_array_new ();
  observations = g_hash_table_lookup (self->models, "Observation");
  if (observations == NULL)
    return found;

  n = g_list_model_get_n_items (observations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);

      if (g_strcmp0 (hz_resource_get_loinc_code (resource), loinc_code) == 0)
        g_ptr_array_add (found, resource);
    }

  return found;
}

static gboolean
latest_date_value (HzCase     *self,
                   const char *loinc_code,
                   GDate      *date)
{
  g_autoptr(GPtrArray) found = hz_case_find_observations (self, loinc_code);

  for (guint i = found->len; i > 0; i--)
    {
      const HzJv *json = hz_resource_get_value (g_ptr_array_index (found, i - 1));
      const char *value = hz_jv_get_string (json, "valueDateTime");

      if (value == NULL)
        value = hz_jv_get_string (json, "valueDate");

      if (!hz_fhir_jv_is_void (json) && hz_fhir_parse_date (value, date))
        return TRUE;
    }

  return FALSE;
}

/**
 * hz_case_get_latest_integer:
 * @loinc_code: a LOINC code, e.g. %HZ_LOINC_GRAVIDA
 * @value: (out): the value
 *
 * Returns: %TRUE if an Observation with that code records a valueInteger
 */
gboolean
hz_case_get_latest_integer (HzCase     *self,
                            const char *loinc_code,
                            gint64     *value)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (HZ_IS_CASE (self), FALSE);
  g_return_val_if_fail (loinc_code != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  found = hz_case_find_observations (self, loinc_code);

  for (guint i = found->len; i > 0; i--)
    {
      const HzJv *json = hz_resource_get_value (g_ptr_array_index (found, i - 1));

      if (!hz_fhir_jv_is_void (json) && hz_jv_get_int64 (hz_jv_get (json, "valueInteger"), value))
        return TRUE;
    }

  return FALSE;
}

/* A recorded count, or -1 when unknown (or not a count) */
static int
latest_count (HzCase     *self,
              const char *loinc_code)
{
  gint64 value;

  if (!hz_case_get_latest_integer (self, loinc_code, &value) || value < 0 || value > G_MAXINT)
    return -1;

  return (int) value;
}

/**
 * hz_case_format_obstetric_history:
 *
 * Returns: (transfer full) (nullable): the obstetric history, e.g.
 *   "G3P0-0-2-0", or %NULL when the case records none of it
 */
char *
hz_case_format_obstetric_history (HzCase *self)
{
  g_return_val_if_fail (HZ_IS_CASE (self), NULL);

  return hz_format_obstetric_history (latest_count (self, HZ_LOINC_GRAVIDA),
                                      latest_count (self, HZ_LOINC_PARA),
                                      latest_count (self, HZ_LOINC_BIRTHS_TERM),
                                      latest_count (self, HZ_LOINC_BIRTHS_PRETERM),
                                      latest_count (self, HZ_LOINC_ABORTIONS),
                                      latest_count (self, HZ_LOINC_LIVING_CHILDREN));
}

/* The first CRL in the dating range (7–84 mm), in mm */
static gboolean
first_crl (HzCase *self,
           GDate  *date,
           double *crl_mm)
{
  g_autoptr(GPtrArray) found = hz_case_find_observations (self, HZ_LOINC_CRL);

  for (guint i = 0; i < found->len; i++)
    {
      HzResource *resource = g_ptr_array_index (found, i);
      const HzJv *json = hz_resource_get_value (resource);
      HzJv *quantity = hz_jv_get_object (json, "valueQuantity");
      const char *unit;
      const char *when;
      double mm;

      if (hz_fhir_jv_is_void (json) || !hz_jv_get_double (hz_jv_get (quantity, "value"), &mm))
        continue;

      unit = hz_jv_get_string (quantity, "code");
      if (unit == NULL)
        unit = hz_jv_get_string (quantity, "unit");
      if (g_strcmp0 (unit, "cm") == 0)
        mm *= 10.0;

      when = hz_fhir_jv_get_resource_date (json);
      if (hz_ga_days_from_crl (mm) < 0 || !hz_fhir_parse_date (when, date))
        continue;

      *crl_mm = mm;
      return TRUE;
    }

  return FALSE;
}

/**
 * hz_case_get_embryo_transfer:
 * @transfer_date: (out caller-allocates) (optional): the transfer day
 * @embryo_age_days: (out) (optional): the embryo's age, -1 when not recorded
 * @resource: (out) (optional) (transfer none): the Observation
 *
 * The latest ART embryo-transfer Observation of the case (code
 * %HZ_CODE_EMBRYO_TRANSFER, read by hz_embryo_transfer_read()).
 *
 * Returns: %TRUE if the case records one
 */
gboolean
hz_case_get_embryo_transfer (HzCase      *self,
                             GDate       *transfer_date,
                             int         *embryo_age_days,
                             HzResource **resource)
{
  GListModel *observations;

  g_return_val_if_fail (HZ_IS_CASE (self), FALSE);

  observations = hz_case_get_resources (self, "Observation");
  for (guint i = g_list_model_get_n_items (observations); i > 0; i--)
    {
      g_autoptr(HzResource) item = g_list_model_get_item (observations, i - 1);

      if (hz_embryo_transfer_read (hz_resource_get_value (item), transfer_date, embryo_age_days, NULL))
        {
          if (resource != NULL)
            *resource = item;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * hz_case_get_dating:
 * @dating: (out caller-allocates): the dating
 *
 * The case's dating from its Observations: the latest LMP, the first CRL in
 * the dating range, the latest embryo transfer, the latest recorded EDD and
 * delivery date, through hz_dating_compute().
 */
gboolean
hz_case_is_preconception (HzCase *self)
{
  HzResource *episode;
  HzDating dating;

  g_return_val_if_fail (HZ_IS_CASE (self), FALSE);

  episode = hz_case_get_episode (self);
  hz_case_get_dating (self, &dating);
  return hz_dating_is_preconception (&dating, episode != NULL &&
                                     hz_fhir_jv_episode_began_preconception (hz_resource_get_value (episode)));
}

void
hz_case_get_dating (HzCase   *self,
                    HzDating *dating)
{
  GDate lmp, crl_date, edd, delivery, transfer;
  double crl_mm = 0;
  int embryo_age = -1;
  gboolean has_lmp, has_crl, has_edd, has_delivery, has_transfer;

  g_return_if_fail (HZ_IS_CASE (self));
  g_return_if_fail (dating != NULL);

  has_lmp = latest_date_value (self, HZ_LOINC_LMP, &lmp);
  has_crl = first_crl (self, &crl_date, &crl_mm);
  has_edd = latest_date_value (self, HZ_LOINC_EDD, &edd);
  has_delivery = latest_date_value (self, HZ_LOINC_DELIVERY_DATE, &delivery);
  has_transfer = hz_case_get_embryo_transfer (self, &transfer, &embryo_age, NULL);

  hz_dating_compute (dating,
                     has_lmp ? &lmp : NULL,
                     has_crl ? &crl_date : NULL,
                     has_crl ? crl_mm : 0,
                     has_transfer ? &transfer : NULL,
                     embryo_age,
                     has_edd ? &edd : NULL,
                     has_delivery ? &delivery : NULL);
}
