/* hz-case-list.c — the searchable, sortable list of cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-case-list.h"
#include "hz-case-row.h"
#include "hz-shell-utils.h"

typedef enum {
  SORT_RISK,
  SORT_NAME,
  SORT_GESTATIONAL_AGE,
  SORT_UPDATED,
} SortMode;

static const char * const sort_mode_names[] = {
  "risk", "name", "gestational-age", "updated",
};

struct _HzCaseList
{
  AdwBin               parent_instance;

  HzStore             *store;
  gulong               changed_handler;
  GCancellable        *cancellable;

  GListStore          *cases;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkCustomSorter     *sorter;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;

  char                *needle;
  char                *selected_id;
  char                *error_title;
  char                *error_message;
  SortMode             sort_mode;
  guint                block_selection;

  guint                loading : 1;
  guint                reload_pending : 1;
  guint                loaded : 1;
  guint                search_mode_enabled : 1;

  /* template */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  GtkListView         *list_view;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (HzCaseList, hz_case_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SORT_MODE,
  PROP_SEARCH_MODE_ENABLED,
  PROP_N_CASES,
  PROP_LOADED,
  N_PROPS
};

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GQuark collate_key_quark;

static const char *
summary_collate_key (HzCaseSummary *summary)
{
  const char *key = g_object_get_qdata (G_OBJECT (summary), collate_key_quark);

  if (key == NULL)
    {
      const char *name = hz_case_summary_get_patient_name (summary);
      char *computed = g_utf8_collate_key (name != NULL ? name : "", -1);

      g_object_set_qdata_full (G_OBJECT (summary), collate_key_quark, computed, g_free);
      key = computed;
    }

  return key;
}

static int
risk_rank (HzRiskColour colour)
{
  switch (colour)
    {
    case HZ_RISK_RED:     return 0;
    case HZ_RISK_ORANGE:  return 1;
    case HZ_RISK_YELLOW:  return 2;
    case HZ_RISK_GREEN:   return 3;
    case HZ_RISK_UNKNOWN:
    default:              return 4;
    }
}

static int
compare_names (HzCaseSummary *a,
               HzCaseSummary *b)
{
  int ret = g_strcmp0 (summary_collate_key (a), summary_collate_key (b));

  if (ret == 0)
    ret = g_strcmp0 (hz_case_summary_get_case_id (a), hz_case_summary_get_case_id (b));

  return ret;
}

static int
compare_summaries (gconstpointer a_ptr,
                   gconstpointer b_ptr,
                   gpointer      user_data)
{
  HzCaseList *self = user_data;
  HzCaseSummary *a = HZ_CASE_SUMMARY ((gpointer) a_ptr);
  HzCaseSummary *b = HZ_CASE_SUMMARY ((gpointer) b_ptr);
  int ret = 0;

  switch (self->sort_mode)
    {
    case SORT_RISK:
      ret = risk_rank (hz_case_summary_get_risk (a)) - risk_rank (hz_case_summary_get_risk (b));
      if (ret == 0)
        ret = (int) hz_case_summary_get_infectious (b) - (int) hz_case_summary_get_infectious (a);
      break;

    case SORT_GESTATIONAL_AGE:
      {
        HzDating dating_a, dating_b;
        GDate today;

        hz_ga_get_today (&today);
        hz_shell_summary_get_dating (a, &dating_a);
        hz_shell_summary_get_dating (b, &dating_b);
        /* further along first */
        ret = hz_shell_ga_sort_key (&dating_b, &today) - hz_shell_ga_sort_key (&dating_a, &today);
      }
      break;

    case SORT_UPDATED:
      /* newest first; the store writes instants in one format */
      ret = g_strcmp0 (hz_case_summary_get_updated (b), hz_case_summary_get_updated (a));
      break;

    case SORT_NAME:
    default:
      break;
    }

  if (ret == 0)
    ret = compare_names (a, b);

  return ret < 0 ? GTK_ORDERING_SMALLER : ret > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_summary (gpointer item,
                gpointer user_data)
{
  HzCaseList *self = user_data;

  if (self->needle == NULL)
    return TRUE;

  return hz_case_summary_matches (HZ_CASE_SUMMARY (item), self->needle);
}

static void
hz_case_list_update_page (HzCaseList *self)
{
  const char *page;

  if (self->error_message != NULL)
    page = "error";
  else if (self->store == NULL || !self->loaded)
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->cases)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    page = "no-results";
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

static guint
find_position (HzCaseList *self,
               const char *case_id)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  if (case_id == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (hz_case_summary_get_case_id (summary), case_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
hz_case_list_sync_selection (HzCaseList *self)
{
  guint position = find_position (self, self->selected_id);

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->block_selection++;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_single_selection_set_selected (self->selection, position);
  self->block_selection--;
}

static void
emit_activated (HzCaseList    *self,
                HzCaseSummary *summary)
{
  const char *case_id = hz_case_summary_get_case_id (summary);

  if (case_id == NULL)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (case_id);

  g_signal_emit (self, signals[CASE_ACTIVATED], 0, case_id);
}

static void
on_selection_changed_cb (HzCaseList         *self,
                         guint               position,
                         guint               n_items,
                         GtkSelectionModel  *model)
{
  HzCaseSummary *summary;

  if (self->block_selection > 0)
    return;

  summary = gtk_single_selection_get_selected_item (self->selection);
  if (summary != NULL)
    emit_activated (self, summary);
}

static void
on_list_activate_cb (HzCaseList  *self,
                     guint        position,
                     GtkListView *list_view)
{
  g_autoptr(HzCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (summary == NULL)
    return;

  self->block_selection++;
  gtk_single_selection_set_selected (self->selection, position);
  self->block_selection--;

  emit_activated (self, summary);
}

static void
on_model_items_changed_cb (HzCaseList *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  hz_case_list_update_page (self);
  hz_case_list_sync_selection (self);
}

static void
on_cases_items_changed_cb (HzCaseList *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CASES]);
  hz_case_list_update_page (self);
}

static void
on_search_changed_cb (HzCaseList     *self,
                      GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  hz_case_list_update_page (self);
}

static void
on_stop_search_cb (HzCaseList     *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_search_activate_cb (HzCaseList     *self,
                       GtkSearchEntry *entry)
{
  g_autoptr(HzCaseSummary) first = g_list_model_get_item (G_LIST_MODEL (self->sort_model), 0);

  if (first == NULL)
    return;

  on_list_activate_cb (self, 0, self->list_view);
}

static void
list_cases_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  HzStore *store = task_data;
  GError *error = NULL;
  GPtrArray *cases;

  if (g_task_return_error_if_cancelled (task))
    return;

  cases = hz_store_list_cases (store, &error);

  if (cases == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cases, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_first_rows_painted (GdkFrameClock *clock,
                       gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_rows_painted, data);
  g_print ("first-rows\n");
  fflush (stdout);
}

static void
list_cases_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HzCaseList *self = HZ_CASE_LIST (object);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  HzStore *store = g_task_get_task_data (G_TASK (result));

  self->loading = FALSE;

  cases = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The store was replaced while the thread ran. */
  if (store != self->store)
    {
      hz_case_list_reload (self);
      return;
    }

  if (cases == NULL)
    {
      hz_case_list_set_error (self, _("Could Not Load Cases"), error->message);
      return;
    }

  g_clear_pointer (&self->error_title, g_free);
  g_clear_pointer (&self->error_message, g_free);

  self->block_selection++;
  g_list_store_splice (self->cases, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       cases->pdata, cases->len);
  self->block_selection--;

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

      /* tests/bench/bench-startup measures the time to the first frame
       * that shows case rows */
      if (cases->len > 0 && g_getenv ("HUIZHEN_BENCH_FIRST_FRAME") != NULL &&
          gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
        g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                          G_CALLBACK (on_first_rows_painted), NULL);
    }

  hz_case_list_sync_selection (self);
  hz_case_list_update_page (self);

  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      hz_case_list_reload (self);
    }
}

void
hz_case_list_reload (HzCaseList *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HZ_IS_CASE_LIST (self));

  if (self->store == NULL)
    return;

  if (self->loading)
    {
      self->reload_pending = TRUE;
      return;
    }

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  self->loading = TRUE;

  task = g_task_new (self, self->cancellable, list_cases_cb, NULL);
  g_task_set_source_tag (task, hz_case_list_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, list_cases_thread);
}

typedef struct
{
  HzStore       *store;
  char          *case_id;
  HzCaseSummary *summary;   /* NULL: the case is gone */
} RowUpdate;

static void
row_update_free (RowUpdate *update)
{
  g_clear_object (&update->store);
  g_clear_object (&update->summary);
  g_free (update->case_id);
  g_free (update);
}

static void
update_row_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RowUpdate *update = task_data;
  GError *error = NULL;

  update->summary = hz_store_get_case_summary (update->store, update->case_id, &error);
  if (update->summary == NULL && !g_error_matches (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  g_task_return_boolean (task, TRUE);
}

static gboolean
find_case (HzCaseList *self,
           const char *case_id,
           guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      if (g_strcmp0 (hz_case_summary_get_case_id (row), case_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
update_row_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HzCaseList *self = HZ_CASE_LIST (object);
  RowUpdate *update = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint position;
  gboolean found;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not update case %s in the list: %s", update->case_id, error->message);
      return;
    }

  if (update->store != self->store)
    return;

  /* Only the row of the case that changed: the others, the selection and
   * the scroll position stay as they are. */
  found = find_case (self, update->case_id, &position);
  self->block_selection++;
  if (found && update->summary != NULL)
    g_list_store_splice (self->cases, position, 1, (gpointer *) &update->summary, 1);
  else if (found)
    g_list_store_remove (self->cases, position);
  else if (update->summary != NULL)
    g_list_store_append (self->cases, update->summary);
  self->block_selection--;

  hz_case_list_sync_selection (self);
  hz_case_list_update_page (self);
}

static void
on_store_changed_cb (HzCaseList  *self,
                     const char  *case_id,
                     const char **resource_types,
                     HzStore     *store)
{
  g_autoptr(GTask) task = NULL;
  RowUpdate *update;

  /* a full load in flight reads this change too, or runs again after */
  if (self->loading || !self->loaded)
    {
      hz_case_list_reload (self);
      return;
    }

  update = g_new0 (RowUpdate, 1);
  update->store = g_object_ref (store);
  update->case_id = g_strdup (case_id);

  task = g_task_new (self, self->cancellable, update_row_cb, NULL);
  g_task_set_source_tag (task, on_store_changed_cb);
  g_task_set_task_data (task, update, (GDestroyNotify) row_update_free);
  g_task_run_in_thread (task, update_row_thread);
}

static void
hz_case_list_unroot (GtkWidget *widget)
{
  HzCaseList *self = HZ_CASE_LIST (widget);

  /* Leaving the window: nothing it started may outlive it. */
  g_cancellable_cancel (self->cancellable);
  self->loading = FALSE;
  self->reload_pending = FALSE;

  GTK_WIDGET_CLASS (hz_case_list_parent_class)->unroot (widget);
}

static void
hz_case_list_dispose (GObject *object)
{
  HzCaseList *self = (HzCaseList *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_CASE_LIST);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->cases);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_case_list_parent_class)->dispose (object);
}

static void
hz_case_list_finalize (GObject *object)
{
  HzCaseList *self = (HzCaseList *)object;

  g_free (self->needle);
  g_free (self->selected_id);
  g_free (self->error_title);
  g_free (self->error_message);

  G_OBJECT_CLASS (hz_case_list_parent_class)->finalize (object);
}

static void
hz_case_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HzCaseList *self = HZ_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SORT_MODE:
      g_value_set_string (value, hz_case_list_get_sort_mode (self));
      break;

    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, self->search_mode_enabled);
      break;

    case PROP_N_CASES:
      g_value_set_uint (value, hz_case_list_get_n_cases (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HzCaseList *self = HZ_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hz_case_list_set_store (self, g_value_get_object (value));
      break;

    case PROP_SORT_MODE:
      hz_case_list_set_sort_mode (self, g_value_get_string (value));
      break;

    case PROP_SEARCH_MODE_ENABLED:
      if (self->search_mode_enabled != g_value_get_boolean (value))
        {
          self->search_mode_enabled = g_value_get_boolean (value);
          if (!self->search_mode_enabled && self->search_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_list_class_init (HzCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_case_list_dispose;
  object_class->finalize = hz_case_list_finalize;
  object_class->get_property = hz_case_list_get_property;
  object_class->set_property = hz_case_list_set_property;

  widget_class->unroot = hz_case_list_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HZ_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_MODE] =
    g_param_spec_string ("sort-mode", NULL, NULL,
                         "risk",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_CASES] =
    g_param_spec_uint ("n-cases", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HzCaseList::case-activated:
   * @case_id: the EpisodeOfCare id of the chosen row
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-case-list.ui");
  gtk_widget_class_bind_template_child (widget_class, HzCaseList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HzCaseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HzCaseList, stack);
  gtk_widget_class_bind_template_child (widget_class, HzCaseList, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HzCaseList, list_view);
  gtk_widget_class_bind_template_child (widget_class, HzCaseList, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "hzcaselist");

  collate_key_quark = g_quark_from_static_string ("hz-case-list-collate-key");

  g_type_ensure (HZ_TYPE_CASE_ROW);
}

static void
hz_case_list_init (HzCaseList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->sort_mode = SORT_RISK;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cases = g_list_store_new (HZ_TYPE_CASE_SUMMARY);
  g_signal_connect_object (self->cases, "items-changed",
                           G_CALLBACK (on_cases_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (filter_summary, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->cases)),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  self->sorter = gtk_custom_sorter_new (compare_summaries, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, "/io/github/huizhen/Huizhen/hz-case-list-item.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  hz_case_list_update_page (self);
}

GtkWidget *
hz_case_list_new (void)
{
  return g_object_new (HZ_TYPE_CASE_LIST, NULL);
}

HzStore *
hz_case_list_get_store (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), NULL);

  return self->store;
}

void
hz_case_list_set_store (HzCaseList *self,
                        HzStore    *store)
{
  g_return_if_fail (HZ_IS_CASE_LIST (self));
  g_return_if_fail (!store || HZ_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);

  g_set_object (&self->store, store);

  g_clear_pointer (&self->error_title, g_free);
  g_clear_pointer (&self->error_message, g_free);

  if (self->store != NULL)
    {
      self->changed_handler =
        g_signal_connect_object (self->store, "changed",
                                 G_CALLBACK (on_store_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      hz_case_list_reload (self);
    }
  else
    {
      g_list_store_remove_all (self->cases);
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  hz_case_list_update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
hz_case_list_set_error (HzCaseList *self,
                        const char *title,
                        const char *message)
{
  g_return_if_fail (HZ_IS_CASE_LIST (self));

  g_free (self->error_title);
  g_free (self->error_message);
  self->error_title = g_strdup (title != NULL ? title : _("Could Not Load Cases"));
  self->error_message = g_strdup (message != NULL ? message : "");

  adw_status_page_set_title (self->error_page, self->error_title);
  adw_status_page_set_description (self->error_page, self->error_message);

  hz_case_list_update_page (self);
}

const char *
hz_case_list_get_sort_mode (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), NULL);

  return sort_mode_names[self->sort_mode];
}

void
hz_case_list_set_sort_mode (HzCaseList *self,
                            const char *sort_mode)
{
  SortMode mode = SORT_RISK;

  g_return_if_fail (HZ_IS_CASE_LIST (self));

  for (guint i = 0; i < G_N_ELEMENTS (sort_mode_names); i++)
    {
      if (g_strcmp0 (sort_mode, sort_mode_names[i]) == 0)
        mode = (SortMode) i;
    }

  if (mode == self->sort_mode)
    return;

  self->sort_mode = mode;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_MODE]);
}

void
hz_case_list_start_search (HzCaseList *self)
{
  g_return_if_fail (HZ_IS_CASE_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
hz_case_list_set_key_capture_widget (HzCaseList *self,
                                     GtkWidget  *widget)
{
  g_return_if_fail (HZ_IS_CASE_LIST (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

void
hz_case_list_select_case (HzCaseList *self,
                          const char *case_id)
{
  g_return_if_fail (HZ_IS_CASE_LIST (self));

  if (g_strcmp0 (self->selected_id, case_id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (case_id);
    }

  hz_case_list_sync_selection (self);
}

GListModel *
hz_case_list_get_model (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

guint
hz_case_list_get_n_cases (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->cases));
}

gboolean
hz_case_list_get_loaded (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), FALSE);

  return self->loaded;
}
