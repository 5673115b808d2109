/* hz-case-list-model.c — the case list of a store, ordered and searched
 *
 * A regional platform holds hundreds of thousands of cases. Parsing every
 * row into an object before the first one is drawn took seconds and most
 * of the memory, so the list keeps one compact record per case — what it
 * is ordered and searched by, kept by the store beside the row
 * (HzCaseSummaryKeys), and the row's text — and makes the HzCaseSummary
 * of a row only when a view asks for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include <string.h>

#include "huizhen.h"
#include "hz-case-summary-private.h"
#include "hz-json-doc-private.h"
#include "hz-store-private.h"

typedef struct
{
  GWeakRef     item;        /* the HzCaseSummary while something holds it */
  const char  *summary;     /* the stored row, parsed on demand */
  const char  *sort_name;
  const char  *search;
  const char  *updated;
  guint64      name_prefix; /* the first bytes of sort_name, for a quicker compare */
  gint32       ga_start;
  guint8       risk_rank;
  guint8       purple : 1;
  guint8       delivered : 1;
  char         case_id[];   /* then the strings above, in one block */
} Row;

struct _HzCaseListModel
{
  GObject      parent_instance;

  GPtrArray   *rows;        /* (element-type Row): every case, in order */
  GPtrArray   *shown;       /* the rows that match the search: rows itself when there is none */
  char        *search;      /* as set */
  char        *needle;      /* stripped and case-folded; NULL: no search */
  HzCaseOrder  order;
  guint        n_cases;     /* rows->len, or while only the first page is in, the count */
  guint        generation;  /* of the load in flight */
  guint        partial : 1; /* rows is the first page of a load in flight */
};

/* The rows a view shows first arrive before the whole list is read: the
 * store reads them in the same order (HzStoreCaseOrder). */
#define FIRST_PAGE 100

G_STATIC_ASSERT ((int) HZ_STORE_CASE_ORDER_RISK == (int) HZ_CASE_ORDER_RISK + 1);
G_STATIC_ASSERT ((int) HZ_STORE_CASE_ORDER_NAME == (int) HZ_CASE_ORDER_NAME + 1);
G_STATIC_ASSERT ((int) HZ_STORE_CASE_ORDER_DATING == (int) HZ_CASE_ORDER_GESTATIONAL_AGE + 1);
G_STATIC_ASSERT ((int) HZ_STORE_CASE_ORDER_UPDATED == (int) HZ_CASE_ORDER_UPDATED + 1);

static void hz_case_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzCaseListModel, hz_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hz_case_list_model_iface_init))

enum {
  PROP_0,
  PROP_N_CASES,
  PROP_ORDER,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */
/* Rows */

static Row *
row_new (const HzStoreCaseRow *stored)
{
  const char *strings[] = {
    stored->case_id, stored->summary, stored->sort_name, stored->search, stored->updated,
  };
  gsize lengths[G_N_ELEMENTS (strings)];
  gsize total = 0;
  Row *row;
  char *p;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      lengths[i] = strings[i] != NULL ? strlen (strings[i]) + 1 : 1;
      total += lengths[i];
    }

  row = g_malloc0 (sizeof (Row) + total);
  p = row->case_id;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (strings[i] != NULL)
        memcpy (p, strings[i], lengths[i]);
      else
        *p = '\0';
      switch (i)
        {
        case 1: row->summary = p; break;
        case 2: row->sort_name = p; break;
        case 3: row->search = p; break;
        case 4: row->updated = p; break;
        default: break;
        }
      p += lengths[i];
    }

  /* big-endian, so that comparing the numbers compares the bytes */
  {
    gsize n = strlen (row->sort_name);

    for (guint i = 0; i < sizeof row->name_prefix; i++)
      row->name_prefix = (row->name_prefix << 8) | (i < n ? (guint8) row->sort_name[i] : 0);
  }

  row->risk_rank = (guint8) CLAMP (stored->risk_rank, 0, 255);
  row->purple = stored->purple;
  row->delivered = stored->delivered;
  row->ga_start = stored->ga_start;

  return row;
}

static void
row_free (Row *row)
{
  g_weak_ref_clear (&row->item);
  g_free (row);
}

static int
ga_group (const Row *row)
{
  if (row->delivered)
    return 1;
  return row->ga_start != 0 ? 0 : 2;
}

static int
compare_rows (const Row   *a,
              const Row   *b,
              HzCaseOrder  order)
{
  int ret = 0;

  switch (order)
    {
    case HZ_CASE_ORDER_RISK:
      ret = (int) a->risk_rank - (int) b->risk_rank;
      if (ret == 0)
        ret = (int) b->purple - (int) a->purple;
      break;

    case HZ_CASE_ORDER_GESTATIONAL_AGE:
      ret = ga_group (a) - ga_group (b);
      /* an earlier start is further along */
      if (ret == 0 && ga_group (a) == 0)
        ret = a->ga_start < b->ga_start ? -1 : a->ga_start > b->ga_start ? 1 : 0;
      break;

    case HZ_CASE_ORDER_UPDATED:
      ret = -strcmp (a->updated, b->updated);
      break;

    case HZ_CASE_ORDER_NAME:
    default:
      break;
    }

  if (ret == 0 && a->name_prefix != b->name_prefix)
    return a->name_prefix < b->name_prefix ? -1 : 1;
  if (ret == 0)
    ret = strcmp (a->sort_name, b->sort_name);
  if (ret == 0)
    ret = strcmp (a->case_id, b->case_id);

  return ret;
}

static int
compare_row_elements (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return compare_rows (*(Row **) a, *(Row **) b, GPOINTER_TO_INT (user_data));
}

static gboolean
row_matches (const Row  *row,
             const char *needle)
{
  /* the same test as hz_case_summary_matches_folded() */
  return needle == NULL || (strstr (row->search, needle) != NULL && strchr (needle, '\n') == NULL);
}

/* Where @row goes in the ordered @rows */
static guint
insertion_point (GPtrArray   *rows,
                 const Row   *row,
                 HzCaseOrder  order)
{
  guint lo = 0, hi = rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_rows (g_ptr_array_index (rows, mid), row, order) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* ------------------------------------------------------------------------- */
/* GListModel */

static GType
hz_case_list_model_get_item_type (GListModel *model)
{
  return HZ_TYPE_CASE_SUMMARY;
}

static guint
hz_case_list_model_get_n_items (GListModel *model)
{
  HzCaseListModel *self = HZ_CASE_LIST_MODEL (model);

  return self->shown->len;
}

static HzCaseSummary *
summary_new_for_row (const Row *row)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_key = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autoptr(HzJsonDoc) doc = NULL;
  HzJv *root;

  doc = hz_json_doc_parse (g_strdup (row->summary), strlen (row->summary), NULL);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;
  if (root == NULL || hz_jv_get_value_type (root) != HZ_JV_OBJECT)
    {
      /* the store checked it when it wrote it: a damaged file */
      g_warning ("The case list row of %s is damaged", row->case_id);
      return hz_case_summary_new ("case-id", row->case_id, NULL);
    }

  return hz_case_summary_new_from_value (root, now_key);
}

static gpointer
hz_case_list_model_get_item (GListModel *model,
                             guint       position)
{
  HzCaseListModel *self = HZ_CASE_LIST_MODEL (model);
  HzCaseSummary *item;
  Row *row;

  if (position >= self->shown->len)
    return NULL;

  row = g_ptr_array_index (self->shown, position);
  item = g_weak_ref_get (&row->item);
  if (item == NULL)
    {
      item = summary_new_for_row (row);
      g_weak_ref_set (&row->item, item);
    }

  return item;
}

static void
hz_case_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hz_case_list_model_get_item_type;
  iface->get_n_items = hz_case_list_model_get_n_items;
  iface->get_item = hz_case_list_model_get_item;
}

/* ------------------------------------------------------------------------- */

/* Rows that replace this many or more are told as a removal, then an
 * addition: a list view looks for the items of the rows it showed among
 * the added ones, which would make a summary of every row. */
#define MANY_ROWS 1000

static void
set_shown (HzCaseListModel *self,
           GPtrArray       *shown)
{
  guint removed = self->shown->len;

  g_ptr_array_unref (self->shown);
  if (removed > 0 && shown->len >= MANY_ROWS)
    {
      self->shown = g_ptr_array_new ();
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_ptr_array_unref (self->shown);
      removed = 0;
    }
  self->shown = shown;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, shown->len);
}

static GPtrArray *
filter_rows (HzCaseListModel *self)
{
  GPtrArray *shown;

  if (self->needle == NULL)
    return g_ptr_array_ref (self->rows);

  shown = g_ptr_array_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row_matches (row, self->needle))
        g_ptr_array_add (shown, row);
    }

  return shown;
}

static void
hz_case_list_model_finalize (GObject *object)
{
  HzCaseListModel *self = (HzCaseListModel *)object;

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (hz_case_list_model_parent_class)->finalize (object);
}

static void
hz_case_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HzCaseListModel *self = HZ_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_CASES:
      g_value_set_uint (value, self->n_cases);
      break;
    case PROP_ORDER:
      g_value_set_int (value, self->order);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_list_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HzCaseListModel *self = HZ_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      hz_case_list_model_set_order (self, g_value_get_int (value));
      break;
    case PROP_SEARCH:
      hz_case_list_model_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_list_model_class_init (HzCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hz_case_list_model_finalize;
  object_class->get_property = hz_case_list_model_get_property;
  object_class->set_property = hz_case_list_model_set_property;

  properties[PROP_N_CASES] =
    g_param_spec_uint ("n-cases", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_int ("order", NULL, NULL, HZ_CASE_ORDER_RISK, HZ_CASE_ORDER_UPDATED,
                      HZ_CASE_ORDER_RISK,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_case_list_model_init (HzCaseListModel *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->shown = g_ptr_array_ref (self->rows);
  self->order = HZ_CASE_ORDER_RISK;
}

HzCaseListModel *
hz_case_list_model_new (void)
{
  return g_object_new (HZ_TYPE_CASE_LIST_MODEL, NULL);
}

/* ------------------------------------------------------------------------- */
/* Reading */

typedef struct
{
  HzCaseListModel *model;       /* for the first page only: the task holds it */
  GMainContext    *context;
  HzStore         *store;
  char            *case_id;     /* NULL: the whole list */
  HzCaseOrder      order;
  guint            generation;
  gint64           n_cases;
  GPtrArray       *first_rows;  /* (element-type Row) */
  GPtrArray       *rows;        /* (element-type Row) */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_clear_pointer (&data->first_rows, g_ptr_array_unref);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

typedef struct
{
  HzCaseListModel *model;
  guint            generation;
  guint            n_cases;
  GPtrArray       *rows;
} FirstPage;

static void
first_page_free (FirstPage *page)
{
  g_object_unref (page->model);
  g_ptr_array_unref (page->rows);
  g_free (page);
}

/* On the model's thread: the first rows, while the rest are read, if the
 * list is still empty (a reload keeps the rows it has until it is done). */
static gboolean
show_first_page (gpointer user_data)
{
  FirstPage *page = user_data;
  HzCaseListModel *self = page->model;

  if (page->generation != self->generation || self->rows->len > 0 || page->rows->len == 0)
    return G_SOURCE_REMOVE;

  g_ptr_array_unref (self->rows);
  self->rows = g_ptr_array_ref (page->rows);
  self->partial = TRUE;
  self->n_cases = MAX (page->n_cases, self->rows->len);
  set_shown (self, filter_rows (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CASES]);

  return G_SOURCE_REMOVE;
}

static gboolean
collect_first_row_cb (const HzStoreCaseRow *stored,
                      gpointer              user_data)
{
  ReadData *data = user_data;

  g_ptr_array_add (data->first_rows, row_new (stored));
  return TRUE;
}

static gboolean
collect_row_cb (const HzStoreCaseRow *stored,
                gpointer              user_data)
{
  ReadData *data = user_data;

  /* the first page is complete: show it while the rest are read */
  if (data->first_rows != NULL)
    {
      FirstPage *page = g_new0 (FirstPage, 1);

      page->model = g_object_ref (data->model);
      page->generation = data->generation;
      page->n_cases = (guint) CLAMP (data->n_cases, 0, G_MAXUINT);
      page->rows = g_steal_pointer (&data->first_rows);
      g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, show_first_page,
                                  page, (GDestroyNotify) first_page_free);
    }

  g_ptr_array_add (data->rows, row_new (stored));
  return TRUE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  if (data->case_id == NULL)
    {
      data->first_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      data->n_cases = hz_store_count_cases (data->store);
    }
  if (!hz_store_foreach_case_row (data->store, data->case_id,
                                  (HzStoreCaseOrder) (data->order + 1), FIRST_PAGE,
                                  collect_first_row_cb, collect_row_cb, data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* in order here, off the main thread */
  if (data->case_id == NULL)
    g_ptr_array_sort_with_data (data->rows, compare_row_elements, GINT_TO_POINTER (data->order));

  g_task_return_boolean (task, TRUE);
}

static GTask *
read_task_new (HzCaseListModel     *self,
               HzStore             *store,
               const char          *case_id,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  data->model = self;
  data->context = g_main_context_ref_thread_default ();
  data->store = g_object_ref (store);
  data->case_id = g_strdup (case_id);
  data->order = self->order;
  if (case_id == NULL)
    data->generation = ++self->generation;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  return task;
}

void
hz_case_list_model_load_async (HzCaseListModel     *self,
                               HzStore             *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HZ_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (HZ_IS_STORE (store));

  task = read_task_new (self, store, NULL, cancellable, callback, user_data,
                        hz_case_list_model_load_async);
  g_task_run_in_thread (task, read_thread);
}

/* TRUE if @all begins with the cases of @first, in the same order */
static gboolean
starts_with_rows (GPtrArray *all,
                  GPtrArray *first)
{
  if (all->len < first->len)
    return FALSE;

  for (guint i = 0; i < first->len; i++)
    {
      const Row *a = g_ptr_array_index (all, i);
      const Row *b = g_ptr_array_index (first, i);

      if (strcmp (a->case_id, b->case_id) != 0 || strcmp (a->summary, b->summary) != 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
hz_case_list_model_load_finish (HzCaseListModel  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  ReadData *data;

  g_return_val_if_fail (HZ_IS_CASE_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));

  /* the order changed while the thread ran */
  if (data->order != self->order)
    g_ptr_array_sort_with_data (data->rows, compare_row_elements, GINT_TO_POINTER (self->order));

  if (self->partial && self->shown == self->rows && starts_with_rows (data->rows, self->rows))
    {
      /* The first page shown is the top of the whole list: the rest is
       * added after it. Replacing every row would have the view look for
       * its rows' items among all of them. */
      guint n_first = self->rows->len;

      for (guint i = 0; i < n_first; i++)
        {
          gpointer first = self->rows->pdata[i];

          self->rows->pdata[i] = data->rows->pdata[i];
          data->rows->pdata[i] = first;
        }
      g_ptr_array_unref (self->rows);
      g_ptr_array_unref (self->shown);
      self->rows = g_steal_pointer (&data->rows);
      self->shown = g_ptr_array_ref (self->rows);
      self->partial = FALSE;
      self->n_cases = self->rows->len;
      g_list_model_items_changed (G_LIST_MODEL (self), n_first, 0, self->rows->len - n_first);
    }
  else
    {
      g_ptr_array_unref (self->rows);
      self->rows = g_steal_pointer (&data->rows);
      self->partial = FALSE;
      self->n_cases = self->rows->len;
      set_shown (self, filter_rows (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CASES]);

  return TRUE;
}

void
hz_case_list_model_update_case_async (HzCaseListModel     *self,
                                      HzStore             *store,
                                      const char          *case_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HZ_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (HZ_IS_STORE (store));
  g_return_if_fail (case_id != NULL);

  task = read_task_new (self, store, case_id, cancellable, callback, user_data,
                        hz_case_list_model_update_case_async);
  g_task_run_in_thread (task, read_thread);
}

static gboolean
find_row (GPtrArray  *rows,
          const char *case_id,
          guint      *index)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);

      if (strcmp (row->case_id, case_id) == 0)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
hz_case_list_model_update_case_finish (HzCaseListModel  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  ReadData *data;
  Row *old_row = NULL;
  Row *new_row;
  guint old_index, old_shown = G_MAXUINT, new_shown = G_MAXUINT;
  gboolean filtered;

  g_return_val_if_fail (HZ_IS_CASE_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  new_row = data->rows->len > 0 ? g_ptr_array_steal_index (data->rows, 0) : NULL;
  filtered = self->shown != self->rows;

  /* Take the old row out, without telling yet: if the case stays where
   * it was, its row is replaced in one change. */
  if (find_row (self->rows, data->case_id, &old_index))
    {
      old_row = g_ptr_array_steal_index (self->rows, old_index);
      if (!filtered)
        old_shown = old_index;
      else if (g_ptr_array_find (self->shown, old_row, &old_shown))
        g_ptr_array_remove_index (self->shown, old_shown);
    }

  if (new_row != NULL && row_matches (new_row, self->needle))
    new_shown = insertion_point (self->shown, new_row, self->order);

  if (old_shown != G_MAXUINT && old_shown == new_shown)
    {
      g_ptr_array_insert (self->rows, insertion_point (self->rows, new_row, self->order), new_row);
      if (filtered)
        g_ptr_array_insert (self->shown, new_shown, new_row);
      g_list_model_items_changed (G_LIST_MODEL (self), new_shown, 1, 1);
    }
  else
    {
      if (old_shown != G_MAXUINT)
        g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 1, 0);

      if (new_row != NULL)
        {
          g_ptr_array_insert (self->rows, insertion_point (self->rows, new_row, self->order), new_row);
          if (new_shown != G_MAXUINT)
            {
              /* the old row's removal may have moved the place */
              new_shown = filtered ? insertion_point (self->shown, new_row, self->order)
                                   : insertion_point (self->rows, new_row, self->order);
              if (filtered)
                g_ptr_array_insert (self->shown, new_shown, new_row);
              g_list_model_items_changed (G_LIST_MODEL (self), new_shown, 0, 1);
            }
        }
    }

  if (old_row != NULL)
    row_free (old_row);

  if ((old_row == NULL) != (new_row == NULL))
    {
      self->n_cases = self->rows->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CASES]);
    }

  return TRUE;
}

void
hz_case_list_model_clear (HzCaseListModel *self)
{
  g_return_if_fail (HZ_IS_CASE_LIST_MODEL (self));

  /* a load in flight shows no first page now */
  self->generation++;
  if (self->rows->len == 0)
    return;

  g_ptr_array_unref (self->rows);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->partial = FALSE;
  self->n_cases = 0;
  set_shown (self, g_ptr_array_ref (self->rows));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CASES]);
}

HzCaseOrder
hz_case_list_model_get_order (HzCaseListModel *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST_MODEL (self), HZ_CASE_ORDER_RISK);

  return self->order;
}

void
hz_case_list_model_set_order (HzCaseListModel *self,
                              HzCaseOrder      order)
{
  g_return_if_fail (HZ_IS_CASE_LIST_MODEL (self));

  if (order == self->order)
    return;

  self->order = order;
  g_ptr_array_sort_with_data (self->rows, compare_row_elements, GINT_TO_POINTER (order));
  set_shown (self, filter_rows (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

const char *
hz_case_list_model_get_search (HzCaseListModel *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST_MODEL (self), NULL);

  return self->search;
}

void
hz_case_list_model_set_search (HzCaseListModel *self,
                               const char      *search)
{
  g_autofree char *stripped = NULL;
  char *needle = NULL;

  g_return_if_fail (HZ_IS_CASE_LIST_MODEL (self));

  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);

  stripped = g_strstrip (g_strdup (search != NULL ? search : ""));
  if (*stripped != '\0')
    needle = g_utf8_casefold (stripped, -1);

  if (g_strcmp0 (needle, self->needle) != 0)
    {
      g_free (self->needle);
      self->needle = needle;
      set_shown (self, filter_rows (self));
    }
  else
    g_free (needle);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

guint
hz_case_list_model_get_n_cases (HzCaseListModel *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST_MODEL (self), 0);

  return self->n_cases;
}

gboolean
hz_case_list_model_find (HzCaseListModel *self,
                         const char      *case_id,
                         guint           *position)
{
  guint index;

  g_return_val_if_fail (HZ_IS_CASE_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  if (case_id == NULL)
    return FALSE;

  if (!find_row (self->shown, case_id, &index))
    return FALSE;

  *position = index;
  return TRUE;
}
