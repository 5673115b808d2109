/* hz-registry-model.c — the high-risk registry as a list that follows the store
 *
 * The registry is read once in a thread; after that every HzStore::changed
 * reads the entry of that one case again (hz_registry_get_case(), in a
 * thread, one case at a time so that the last read wins) and puts it where
 * it now belongs. The other items stay the same objects, so a view keeps
 * its rows, its selection and its scroll position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include "huizhen.h"

/* --- HzRegistryItem ---------------------------------------------------------- */

struct _HzRegistryItem
{
  GObject          parent_instance;
  HzRegistryEntry *entry;
};

G_DEFINE_FINAL_TYPE (HzRegistryItem, hz_registry_item, G_TYPE_OBJECT)

static void
hz_registry_item_finalize (GObject *object)
{
  HzRegistryItem *self = HZ_REGISTRY_ITEM (object);

  hz_registry_entry_free (self->entry);

  G_OBJECT_CLASS (hz_registry_item_parent_class)->finalize (object);
}

static void
hz_registry_item_class_init (HzRegistryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hz_registry_item_finalize;
}

static void
hz_registry_item_init (HzRegistryItem *self)
{
}

/* takes @entry */
static HzRegistryItem *
hz_registry_item_new (HzRegistryEntry *entry)
{
  HzRegistryItem *self = g_object_new (HZ_TYPE_REGISTRY_ITEM, NULL);

  self->entry = entry;

  return self;
}

const HzRegistryEntry *
hz_registry_item_get_entry (HzRegistryItem *self)
{
  g_return_val_if_fail (HZ_IS_REGISTRY_ITEM (self), NULL);

  return self->entry;
}

const char *
hz_registry_item_get_case_id (HzRegistryItem *self)
{
  g_return_val_if_fail (HZ_IS_REGISTRY_ITEM (self), NULL);

  return self->entry->case_id;
}

/* --- HzRegistryModel --------------------------------------------------------- */

struct _HzRegistryModel
{
  GObject        parent_instance;

  HzStore       *store;
  GCancellable  *cancellable;
  GPtrArray     *items;        /* (element-type HzRegistryItem), in order */
  GDate          today;        /* invalid: today */
  gulong         changed_handler;

  GQueue         pending;      /* case ids to read again, each once */
  GHashTable    *pending_set;
  guint          updating : 1;
  guint          loading : 1;
  guint          loaded : 1;
  guint          reload_pending : 1;
  guint          n_overdue;
};

static void hz_registry_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzRegistryModel, hz_registry_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hz_registry_model_list_model_init))

enum {
  PROP_0,
  PROP_LOADED,
  PROP_N_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
hz_registry_model_get_item_type (GListModel *model)
{
  return HZ_TYPE_REGISTRY_ITEM;
}

static guint
hz_registry_model_get_n_items (GListModel *model)
{
  return HZ_REGISTRY_MODEL (model)->items->len;
}

static gpointer
hz_registry_model_get_item (GListModel *model,
                            guint       position)
{
  HzRegistryModel *self = HZ_REGISTRY_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
hz_registry_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hz_registry_model_get_item_type;
  iface->get_n_items = hz_registry_model_get_n_items;
  iface->get_item = hz_registry_model_get_item;
}

static void
update_n_overdue (HzRegistryModel *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      HzRegistryItem *item = g_ptr_array_index (self->items, i);

      if (item->entry->days_overdue > 0)
        n++;
    }

  if (n != self->n_overdue)
    {
      self->n_overdue = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
    }
}

static const GDate *
get_today (HzRegistryModel *self)
{
  return g_date_valid (&self->today) ? &self->today : NULL;
}

/* --- one case ---------------------------------------------------------------- */

static void process_pending (HzRegistryModel *self);

static void
read_case_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  HzRegistryModel *self = source_object;
  const char *case_id = task_data;
  HzRegistryEntry *entry = NULL;
  GError *error = NULL;

  if (!hz_registry_get_case (self->store, case_id, get_today (self), &entry, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, (GDestroyNotify) hz_registry_entry_free);
}

static gboolean
find_case (HzRegistryModel *self,
           const char      *case_id,
           guint           *position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      HzRegistryItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->entry->case_id, case_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Where @entry goes among the items (without the one it replaces) */
static guint
find_insert_position (HzRegistryModel       *self,
                      const HzRegistryEntry *entry)
{
  guint low = 0;
  guint high = self->items->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      HzRegistryItem *item = g_ptr_array_index (self->items, mid);

      if (hz_registry_entry_compare (item->entry, entry) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

/* Puts the new entry of @case_id (NULL: off the registry) in place */
static void
apply_entry (HzRegistryModel *self,
             const char      *case_id,
             HzRegistryEntry *entry)
{
  guint old_position;
  gboolean had = find_case (self, case_id, &old_position);
  guint new_position;

  if (had)
    {
      HzRegistryItem *old = g_ptr_array_steal_index (self->items, old_position);

      if (entry != NULL)
        {
          new_position = find_insert_position (self, entry);
          g_ptr_array_insert (self->items, new_position, hz_registry_item_new (entry));
        }
      g_object_unref (old);

      if (entry != NULL && new_position == old_position)
        g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 1);
      else
        {
          g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
          if (entry != NULL)
            g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
        }
    }
  else if (entry != NULL)
    {
      new_position = find_insert_position (self, entry);
      g_ptr_array_insert (self->items, new_position, hz_registry_item_new (entry));
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }

  update_n_overdue (self);
}

static void
read_case_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HzRegistryModel *self = HZ_REGISTRY_MODEL (object);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  HzRegistryEntry *entry;

  entry = g_task_propagate_pointer (task, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->updating = FALSE;

  if (error != NULL)
    g_warning ("Could not read a case of the high-risk registry again: %s", error->message);
  else
    apply_entry (self, g_task_get_task_data (task), entry);

  process_pending (self);
}

static void
process_pending (HzRegistryModel *self)
{
  g_autoptr(GTask) task = NULL;
  char *case_id;

  if (self->updating || self->loading)
    return;

  case_id = g_queue_pop_head (&self->pending);
  if (case_id == NULL)
    return;

  g_hash_table_remove (self->pending_set, case_id);

  self->updating = TRUE;
  task = g_task_new (self, self->cancellable, read_case_cb, NULL);
  g_task_set_source_tag (task, process_pending);
  g_task_set_task_data (task, case_id, g_free);
  g_task_run_in_thread (task, read_case_thread);
}

static void
on_store_changed_cb (HzRegistryModel  *self,
                     const char       *case_id,
                     const char      **resource_types,
                     HzStore          *store)
{
  if (case_id == NULL)
    return;

  /* a load in flight may not have read this change: read it all again */
  if (self->loading)
    {
      self->reload_pending = TRUE;
      return;
    }

  if (!self->loaded || g_hash_table_contains (self->pending_set, case_id))
    return;

  g_hash_table_add (self->pending_set, g_strdup (case_id));
  g_queue_push_tail (&self->pending, g_strdup (case_id));
  process_pending (self);
}

/* --- the whole registry ------------------------------------------------------ */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HzRegistryModel *self = source_object;
  GPtrArray *entries;
  GError *error = NULL;

  entries = hz_registry_list (self->store, get_today (self), &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void start_load (HzRegistryModel *self,
                        GTask           *task);

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HzRegistryModel *self = HZ_REGISTRY_MODEL (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) old = NULL;
  GError *error = NULL;
  guint n_old;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  self->loading = FALSE;

  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->reload_pending)
    {
      /* something changed while the list was read */
      self->reload_pending = FALSE;
      start_load (self, g_steal_pointer (&task));
      return;
    }

  /* a fresh read answers every change queued before it */
  g_queue_clear_full (&self->pending, g_free);
  g_hash_table_remove_all (self->pending_set);

  old = g_steal_pointer (&self->items);
  n_old = old->len;
  self->items = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (self->items, hz_registry_item_new (g_ptr_array_index (entries, i)));
  g_ptr_array_set_free_func (entries, NULL);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->items->len);
  update_n_overdue (self);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_load (HzRegistryModel *self,
            GTask           *task)
{
  g_autoptr(GTask) thread_task = NULL;

  self->loading = TRUE;
  thread_task = g_task_new (self, self->cancellable, load_cb, task);
  g_task_set_source_tag (thread_task, start_load);
  g_task_run_in_thread (thread_task, load_thread);
}

void
hz_registry_model_load_async (HzRegistryModel     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HZ_IS_REGISTRY_MODEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_registry_model_load_async);

  if (self->loading)
    {
      /* the read in flight may predate what the caller wants to see */
      self->reload_pending = TRUE;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  start_load (self, task);
}

gboolean
hz_registry_model_load_finish (HzRegistryModel  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the object -------------------------------------------------------------- */

static void
hz_registry_model_dispose (GObject *object)
{
  HzRegistryModel *self = HZ_REGISTRY_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_registry_model_parent_class)->dispose (object);
}

static void
hz_registry_model_finalize (GObject *object)
{
  HzRegistryModel *self = HZ_REGISTRY_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_queue_clear_full (&self->pending, g_free);
  g_clear_pointer (&self->pending_set, g_hash_table_unref);

  G_OBJECT_CLASS (hz_registry_model_parent_class)->finalize (object);
}

static void
hz_registry_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HzRegistryModel *self = HZ_REGISTRY_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_registry_model_class_init (HzRegistryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_registry_model_dispose;
  object_class->finalize = hz_registry_model_finalize;
  object_class->get_property = hz_registry_model_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OVERDUE] =
    g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_registry_model_init (HzRegistryModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->pending);
}

HzRegistryModel *
hz_registry_model_new (HzStore *store)
{
  HzRegistryModel *self;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  self = g_object_new (HZ_TYPE_REGISTRY_MODEL, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect_object (store, "changed",
                                                   G_CALLBACK (on_store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);

  return self;
}

void
hz_registry_model_set_today (HzRegistryModel *self,
                             const GDate     *today)
{
  g_return_if_fail (HZ_IS_REGISTRY_MODEL (self));

  if (today != NULL)
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
}

gboolean
hz_registry_model_get_loaded (HzRegistryModel *self)
{
  g_return_val_if_fail (HZ_IS_REGISTRY_MODEL (self), FALSE);

  return self->loaded;
}

guint
hz_registry_model_get_n_overdue (HzRegistryModel *self)
{
  g_return_val_if_fail (HZ_IS_REGISTRY_MODEL (self), 0);

  return self->n_overdue;
}

/**
 * hz_registry_model_dup_entries:
 *
 * Returns: (transfer full) (element-type HzRegistryEntry): copies of the
 *   entries, in order
 */
GPtrArray *
hz_registry_model_dup_entries (HzRegistryModel *self)
{
  GPtrArray *entries;

  g_return_val_if_fail (HZ_IS_REGISTRY_MODEL (self), NULL);

  entries = g_ptr_array_new_full (self->items->len, (GDestroyNotify) hz_registry_entry_free);
  for (guint i = 0; i < self->items->len; i++)
    {
      HzRegistryItem *item = g_ptr_array_index (self->items, i);

      g_ptr_array_add (entries, hz_registry_entry_copy (item->entry));
    }

  return entries;
}
