/* hz-case-list.c — the searchable, sortable list of cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-case-list.h"
#include "hz-case-row.h"
#include "hz-shell-utils.h"

/* by HzCaseOrder */
static const char * const sort_mode_names[] = {
  "risk", "name", "gestational-age", "updated",
};

struct _HzCaseList
{
  AdwBin               parent_instance;

  HzStore             *store;
  gulong               changed_handler;
  GCancellable        *cancellable;

  HzCaseListModel     *cases;
  GtkSingleSelection  *selection;

  char                *selected_id;
  char                *error_title;
  char                *error_message;
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

  /* hz-case-list-pages.ui, built when one of them is first shown */
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

/* The empty, no-results and error pages are not in the template: a stack
 * page costs its construction even while hidden, and the first frame
 * needs only the rows */
static void
ensure_status_pages (HzCaseList *self)
{
  static const char * const pages[][2] = {
    { "empty", "empty_page" },
    { "no-results", "no_results_page" },
    { "error", "error_page" },
  };
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->error_page != NULL)
    return;

  builder = gtk_builder_new_from_resource ("/io/github/huizhen/Huizhen/hz-case-list-pages.ui");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_stack_add_named (self->stack, GTK_WIDGET (gtk_builder_get_object (builder, pages[i][1])), pages[i][0]);
  self->error_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "error_page"));
  if (self->error_title != NULL)
    {
      adw_status_page_set_title (self->error_page, self->error_title);
      adw_status_page_set_description (self->error_page, self->error_message);
    }
}

static void
hz_case_list_update_page (HzCaseList *self)
{
  const char *page;

  if (self->error_message != NULL)
    page = "error";
  else if (self->store == NULL)
    page = "loading";
  else if (hz_case_list_model_get_n_cases (self->cases) == 0)
    /* the first rows show while the rest are read */
    page = self->loaded ? "empty" : "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->cases)) == 0)
    page = "no-results";
  else
    page = "list";

  if (!g_str_equal (page, "list") && !g_str_equal (page, "loading"))
    ensure_status_pages (self);
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

static guint
find_position (HzCaseList *self,
               const char *case_id)
{
  guint position;

  if (!hz_case_list_model_find (self->cases, case_id, &position))
    return GTK_INVALID_LIST_POSITION;

  return position;
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

/* The arrow keys move the selection only: a case is opened (and its
 * reading audited) by Enter, a click or a tap, never by passing over it. */
static void
on_selection_changed_cb (HzCaseList         *self,
                         guint               position,
                         guint               n_items,
                         GtkSelectionModel  *model)
{
}

static void
on_list_released_cb (HzCaseList      *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  g_autoptr(HzCaseSummary) summary = NULL;
  GtkWidget *picked;

  if (n_press != 1 || self->block_selection > 0)
    return;

  /* on a row, not on the scrollbar or the empty space below the rows */
  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  while (picked != NULL && !HZ_IS_CASE_ROW (picked) && picked != GTK_WIDGET (self->list_view))
    picked = gtk_widget_get_parent (picked);
  if (picked == NULL || !HZ_IS_CASE_ROW (picked))
    {
      /* the row's box or its margins: the list item around the row */
      GtkWidget *child = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);

      for (; child != NULL && child != GTK_WIDGET (self->list_view); child = gtk_widget_get_parent (child))
        {
          GtkWidget *first = gtk_widget_get_first_child (child);

          if (first != NULL && HZ_IS_CASE_ROW (first))
            {
              picked = first;
              break;
            }
        }
    }
  if (picked == NULL || !HZ_IS_CASE_ROW (picked))
    return;

  summary = g_object_ref (hz_case_row_get_summary (HZ_CASE_ROW (picked)));
  if (summary != NULL && g_strcmp0 (hz_case_summary_get_case_id (summary), self->selected_id) != 0)
    emit_activated (self, summary);
}

static void
on_list_activate_cb (HzCaseList  *self,
                     guint        position,
                     GtkListView *list_view)
{
  g_autoptr(HzCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->cases), position);

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
on_n_cases_changed_cb (HzCaseList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CASES]);
  hz_case_list_update_page (self);
}

static void
on_search_changed_cb (HzCaseList     *self,
                      GtkSearchEntry *entry)
{
  self->block_selection++;
  hz_case_list_model_set_search (self->cases, gtk_editable_get_text (GTK_EDITABLE (entry)));
  self->block_selection--;
  hz_case_list_sync_selection (self);
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
  g_autoptr(HzCaseSummary) first = g_list_model_get_item (G_LIST_MODEL (self->cases), 0);

  if (first == NULL)
    return;

  on_list_activate_cb (self, 0, self->list_view);
}

static void
on_first_rows_painted (GdkFrameClock *clock,
                       gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_rows_painted, data);
  g_print ("first-rows\n");
  fflush (stdout);
  /* "exit-rows": stop here, so a profiler sees start-up to the rows */
  if (g_strcmp0 (g_getenv ("HUIZHEN_BENCH_FIRST_FRAME"), "exit-rows") == 0)
    exit (0);
}

typedef struct
{
  HzCaseList *self;
  HzStore    *store;
} Load;

static void
list_cases_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(HzCaseList) self = load->self;
  g_autoptr(HzStore) store = load->store;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_free (load);

  self->block_selection++;
  ok = hz_case_list_model_load_finish (HZ_CASE_LIST_MODEL (object), result, &error);
  self->block_selection--;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;

  /* The store was replaced while the thread ran. */
  if (store != self->store)
    {
      hz_case_list_reload (self);
      return;
    }

  if (!ok)
    {
      hz_case_list_set_error (self, _("Could Not Load Cases"), error->message);
      return;
    }

  g_clear_pointer (&self->error_title, g_free);
  g_clear_pointer (&self->error_message, g_free);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

      /* tests/bench/bench-startup measures the time to the first frame
       * that shows case rows */
      if (hz_case_list_model_get_n_cases (self->cases) > 0 &&
          g_getenv ("HUIZHEN_BENCH_FIRST_FRAME") != NULL &&
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
  Load *load;

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

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->store = g_object_ref (self->store);
  hz_case_list_model_load_async (self->cases, self->store, self->cancellable, list_cases_cb, load);
}

static void
update_row_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HzCaseList) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Only the row of the case that changed: the others, the selection and
   * the scroll position stay as they are. */
  self->block_selection++;
  ok = hz_case_list_model_update_case_finish (HZ_CASE_LIST_MODEL (object), result, &error);
  self->block_selection--;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not update a case in the list: %s", error->message);
      return;
    }

  hz_case_list_sync_selection (self);
  hz_case_list_update_page (self);
}

static void
on_store_changed_cb (HzCaseList  *self,
                     const char  *case_id,
                     const char **resource_types,
                     HzStore     *store)
{
  /* a full load in flight reads this change too, or runs again after */
  if (self->loading || !self->loaded)
    {
      hz_case_list_reload (self);
      return;
    }

  hz_case_list_model_update_case_async (self->cases, store, case_id, self->cancellable,
                                        update_row_cb, g_object_ref (self));
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
  g_clear_object (&self->cases);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_case_list_parent_class)->dispose (object);
}

static void
hz_case_list_finalize (GObject *object)
{
  HzCaseList *self = (HzCaseList *)object;

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
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "hzcaselist");


  g_type_ensure (HZ_TYPE_CASE_ROW);
}

static void
hz_case_list_init (HzCaseList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* 100,000 cases: the model keeps them ordered and searched (without
   * parsing them); a row's HzCaseSummary is made when the view shows it */
  self->cases = hz_case_list_model_new ();
  g_signal_connect_object (self->cases, "notify::n-cases",
                           G_CALLBACK (on_n_cases_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cases, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cases)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* a click opens the case (after the list view selected the row on press) */
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
    g_signal_connect_object (click, "released", G_CALLBACK (on_list_released_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  }

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
      hz_case_list_model_clear (self->cases);
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

  if (self->error_page != NULL)
    {
      adw_status_page_set_title (self->error_page, self->error_title);
      adw_status_page_set_description (self->error_page, self->error_message);
    }

  hz_case_list_update_page (self);
}

const char *
hz_case_list_get_sort_mode (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), NULL);

  return sort_mode_names[hz_case_list_model_get_order (self->cases)];
}

void
hz_case_list_set_sort_mode (HzCaseList *self,
                            const char *sort_mode)
{
  HzCaseOrder order = HZ_CASE_ORDER_RISK;

  g_return_if_fail (HZ_IS_CASE_LIST (self));

  for (guint i = 0; i < G_N_ELEMENTS (sort_mode_names); i++)
    {
      if (g_strcmp0 (sort_mode, sort_mode_names[i]) == 0)
        order = (HzCaseOrder) i;
    }

  if (order == hz_case_list_model_get_order (self->cases))
    return;

  self->block_selection++;
  hz_case_list_model_set_order (self->cases, order);
  self->block_selection--;
  hz_case_list_sync_selection (self);

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

  return G_LIST_MODEL (self->cases);
}

guint
hz_case_list_get_n_cases (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), 0);

  return hz_case_list_model_get_n_cases (self->cases);
}

gboolean
hz_case_list_get_loaded (HzCaseList *self)
{
  g_return_val_if_fail (HZ_IS_CASE_LIST (self), FALSE);

  return self->loaded;
}
