/* hz-referral-inbox.c — the window's inbox and outbox of referrals
 *
 * Every referral and consultation request of the store (hz_referral_list),
 * newest first: inbound (转入, sent here by another hospital) and outbound
 * (转出), filtered by direction, status and overdue; overdue rows in the
 * error style. Activating a row opens its case on the Referrals page with
 * the referral open. The view follows the store: HzStore::changed for Task
 * or ServiceRequest re-reads that case's referrals (hz_referral_list_case)
 * and updates its rows in place (a row that stays keeps its widget); a
 * minute's tick reads a case again when one of its deadlines has passed.
 *
 * HzReferralWindowAddin adds it to the main window's sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-referral"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-referral-private.h"

struct _HzReferralInbox
{
  GtkWidget                 parent_instance;

  HzStore                  *store;
  gulong                    changed_handler;
  guint                     tick;

  GtkWidget                *box;
  GtkWidget                *list;
  GtkWidget                *error;
  GtkWidget                *direction;   /* GtkDropDown */
  GtkWidget                *status;      /* GtkDropDown: all, then the statuses */
  GtkWidget                *overdue;     /* GtkToggleButton */
  GHashTable               *rows;        /* task id → AdwActionRow */

  HzReferralInboxDirection  filter_direction;
  HzReferralStatus          filter_status;
  gboolean                  filter_overdue;
  guint                     n_open;
  guint                     n_overdue;
};

G_DEFINE_FINAL_TYPE (HzReferralInbox, hz_referral_inbox, GTK_TYPE_WIDGET)

enum {
  SIGNAL_COUNTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_open (HzReferralStatus status)
{
  return status == HZ_REFERRAL_DRAFT || status == HZ_REFERRAL_REQUESTED ||
         status == HZ_REFERRAL_ACCEPTED || status == HZ_REFERRAL_IN_PROGRESS;
}

static gboolean
row_is_shown (HzReferralInbox *self,
              GtkWidget       *row)
{
  HzReferralStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "hz-status"));
  gboolean inbound = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hz-inbound"));
  gboolean overdue = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hz-overdue"));

  if (self->filter_direction == HZ_REFERRAL_INBOX_INBOUND && !inbound)
    return FALSE;
  if (self->filter_direction == HZ_REFERRAL_INBOX_OUTBOUND && inbound)
    return FALSE;
  if (self->filter_status < HZ_REFERRAL_N_STATUSES && status != self->filter_status)
    return FALSE;
  return !self->filter_overdue || overdue;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       data)
{
  return row_is_shown (data, GTK_WIDGET (row));
}

static void
on_row_activated (AdwActionRow    *row,
                  HzReferralInbox *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *case_id = g_object_get_data (G_OBJECT (row), "hz-case-id");
  const char *task_id = g_object_get_data (G_OBJECT (row), "hz-task-id");

  if (root == NULL || !HZ_IS_MAIN_WINDOW (root) || case_id == NULL)
    return;
  hz_referral_page_open_when_shown (case_id, task_id);
  hz_main_window_open_case (HZ_MAIN_WINDOW (root), case_id, "referral");
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       data)
{
  /* newest first */
  return -g_strcmp0 (g_object_get_data (G_OBJECT (a), "hz-authored"),
                     g_object_get_data (G_OBJECT (b), "hz-authored"));
}

static void
update_row (GtkWidget        *row,
            const HzReferral *referral)
{
  g_autofree char *subtitle = hz_referral_dup_summary (referral, TRUE);
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "hz-icon");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), referral->title ? referral->title : referral->task_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), referral->inbound ? "mail-unread-symbolic" : "mail-send-symbolic");
  hz_ui_set_accessible_label (icon, referral->inbound ? C_("referral direction", "Inbound")
                                                      : C_("referral direction", "Outbound"));
  g_object_set_data (G_OBJECT (row), "hz-status", GUINT_TO_POINTER (referral->status));
  g_object_set_data (G_OBJECT (row), "hz-inbound", GINT_TO_POINTER (referral->inbound));
  g_object_set_data (G_OBJECT (row), "hz-overdue", GINT_TO_POINTER (referral->overdue));
  g_object_set_data_full (G_OBJECT (row), "hz-case-id", g_strdup (referral->case_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "hz-authored", g_strdup (referral->authored), g_free);
  g_object_set_data_full (G_OBJECT (row), "hz-due", g_strdup (referral->due), g_free);
  if (referral->overdue)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* The counts of what the rows hold */
static void
update_counts (HzReferralInbox *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n_open = 0, n_overdue = 0;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      n_open += is_open (GPOINTER_TO_UINT (g_object_get_data (value, "hz-status")));
      n_overdue += GPOINTER_TO_INT (g_object_get_data (value, "hz-overdue"));
    }
  if (n_open != self->n_open || n_overdue != self->n_overdue)
    {
      self->n_open = n_open;
      self->n_overdue = n_overdue;
      g_signal_emit (self, signals[SIGNAL_COUNTS_CHANGED], 0);
    }
}

/* The rows of @referrals; with @case_id those of that case only, its
 * other rows going (NULL: every case, read whole) */
static void
update_rows (HzReferralInbox *self,
             GPtrArray       *referrals,
             const char      *case_id)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < referrals->len; i++)
    {
      HzReferral *referral = g_ptr_array_index (referrals, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, referral->task_id);

      if (row == NULL)
        {
          GtkWidget *icon = gtk_image_new ();
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          row = adw_action_row_new ();
          gtk_widget_set_name (row, "referral-inbox-row");
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "hz-task-id", g_strdup (referral->task_id), g_free);
          g_object_set_data (G_OBJECT (row), "hz-icon", icon);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
          gtk_list_box_append (GTK_LIST_BOX (self->list), row);
          g_hash_table_insert (self->rows, g_strdup (referral->task_id), row);
        }
      update_row (row, referral);
      g_hash_table_add (seen, referral->task_id);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key) &&
        (case_id == NULL || g_strcmp0 (g_object_get_data (value, "hz-case-id"), case_id) == 0))
      {
        gtk_list_box_remove (GTK_LIST_BOX (self->list), value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  update_counts (self);
}

/* @case_id: the case a change touched, read again alone; NULL: all */
static void
reload (HzReferralInbox *self,
        const char      *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) referrals = case_id != NULL ? hz_referral_list_case (self->store, case_id, now, &error)
                                                   : hz_referral_list (self->store, now, &error);

  if (referrals == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error), error->message);
      gtk_widget_set_visible (self->error, TRUE);
      return;
    }
  gtk_widget_set_visible (self->error, FALSE);
  update_rows (self, referrals, case_id);
}

static void
on_store_changed (HzStore            *store,
                  const char         *case_id,
                  const char * const *types,
                  HzReferralInbox    *self)
{
  if (types != NULL && (g_strv_contains (types, "Task") || g_strv_contains (types, "ServiceRequest")))
    reload (self, case_id);
}

/* A deadline passing makes a referral overdue: its case is read again
 * then, not every case every minute */
static gboolean
on_tick (gpointer data)
{
  HzReferralInbox *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *due = g_object_get_data (value, "hz-due");
      HzReferralStatus status = GPOINTER_TO_UINT (g_object_get_data (value, "hz-status"));
      g_autoptr(GDateTime) end = due != NULL ? hz_fhir_parse_datetime (due) : NULL;
      gboolean overdue = end != NULL && g_date_time_compare (now, end) > 0 &&
                         (status == HZ_REFERRAL_REQUESTED || status == HZ_REFERRAL_ACCEPTED);
      const char *case_id = g_object_get_data (value, "hz-case-id");

      if (overdue != GPOINTER_TO_INT (g_object_get_data (value, "hz-overdue")) &&
          !g_ptr_array_find_with_equal_func (cases, case_id, g_str_equal, NULL))
        g_ptr_array_add (cases, g_strdup (case_id));
    }
  for (guint i = 0; i < cases->len; i++)
    reload (self, g_ptr_array_index (cases, i));
  return G_SOURCE_CONTINUE;
}

void
hz_referral_inbox_set_filter (HzReferralInbox          *self,
                              HzReferralInboxDirection  direction,
                              HzReferralStatus          status,
                              gboolean                  overdue_only)
{
  g_return_if_fail (HZ_IS_REFERRAL_INBOX (self));

  self->filter_direction = direction;
  self->filter_status = status;
  self->filter_overdue = overdue_only;
  /* the controls say what is shown */
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->direction)) != (guint) direction)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->direction), direction);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status)) != (status < HZ_REFERRAL_N_STATUSES ? status + 1 : 0))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status), status < HZ_REFERRAL_N_STATUSES ? status + 1 : 0);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->overdue)) != overdue_only)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->overdue), overdue_only);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

static void
on_filter_changed (HzReferralInbox *self)
{
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status));

  hz_referral_inbox_set_filter (self, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->direction)),
                                status == 0 || status == GTK_INVALID_LIST_POSITION ? HZ_REFERRAL_N_STATUSES : status - 1,
                                gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->overdue)));
}

GtkWidget *
hz_referral_inbox_get_list (HzReferralInbox *self)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_INBOX (self), NULL);
  return self->list;
}

void
hz_referral_inbox_get_counts (HzReferralInbox *self,
                              guint           *n_open,
                              guint           *n_overdue)
{
  g_return_if_fail (HZ_IS_REFERRAL_INBOX (self));
  if (n_open != NULL)
    *n_open = self->n_open;
  if (n_overdue != NULL)
    *n_overdue = self->n_overdue;
}

static void
build (HzReferralInbox *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Referrals"), _("Inbox and outbox of every case"));
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *placeholder = gtk_label_new (_("No referrals match"));
  const char *directions[] = { C_("referral direction", "All"), C_("referral direction", "Inbound"),
                               C_("referral direction", "Outbound"), NULL };
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), header);

  self->direction = gtk_drop_down_new_from_strings (directions);
  gtk_widget_set_name (self->direction, "referral-inbox-direction");
  hz_ui_set_accessible_label (self->direction, _("Direction"));
  /* Translators: the status filter's first entry */
  gtk_string_list_append (statuses, C_("referral status filter", "Any status"));
  for (guint i = 0; i < HZ_REFERRAL_N_STATUSES; i++)
    gtk_string_list_append (statuses, hz_referral_status_get_display_name (i));
  self->status = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (statuses)), NULL);
  gtk_widget_set_name (self->status, "referral-inbox-status");
  hz_ui_set_accessible_label (self->status, _("Status"));
  self->overdue = gtk_toggle_button_new_with_mnemonic (_("_Overdue only"));
  gtk_widget_set_name (self->overdue, "referral-inbox-overdue");
  g_signal_connect_swapped (self->direction, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->status, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->overdue, "toggled", G_CALLBACK (on_filter_changed), self);
  gtk_box_append (GTK_BOX (filters), self->direction);
  gtk_box_append (GTK_BOX (filters), self->status);
  gtk_box_append (GTK_BOX (filters), self->overdue);

  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "referral-inbox-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_func, self, NULL);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), compare_rows, NULL, NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), placeholder);
  self->error = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->error, "error");
  gtk_label_set_wrap (GTK_LABEL (self->error), TRUE);
  gtk_widget_set_visible (self->error, FALSE);

  gtk_box_append (GTK_BOX (content), filters);
  gtk_box_append (GTK_BOX (content), self->list);
  gtk_box_append (GTK_BOX (content), self->error);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroll);
}

static void
hz_referral_inbox_dispose (GObject *object)
{
  HzReferralInbox *self = HZ_REFERRAL_INBOX (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_referral_inbox_parent_class)->dispose (object);
}

static void
hz_referral_inbox_finalize (GObject *object)
{
  HzReferralInbox *self = HZ_REFERRAL_INBOX (object);

  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (hz_referral_inbox_parent_class)->finalize (object);
}

static void
hz_referral_inbox_class_init (HzReferralInboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_referral_inbox_dispose;
  object_class->finalize = hz_referral_inbox_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* the open and overdue counts changed (the sidebar's badges) */
  signals[SIGNAL_COUNTS_CHANGED] = g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hz_referral_inbox_init (HzReferralInbox *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter_direction = HZ_REFERRAL_INBOX_ALL;
  self->filter_status = HZ_REFERRAL_N_STATUSES;
  build (self);
}

GtkWidget *
hz_referral_inbox_new (HzStore *store)
{
  HzReferralInbox *self;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  self = g_object_new (HZ_TYPE_REFERRAL_INBOX, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), "referral-inbox");
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  self->tick = g_timeout_add_seconds (60, on_tick, self);
  reload (self, NULL);
  return GTK_WIDGET (self);
}

/* ------------------------------------------------------------------ */
/* The window addin */

struct _HzReferralWindowAddin
{
  GObject    parent_instance;

  GtkWidget *inbox;
  gulong     counts_handler;
};

static void window_addin_iface_init (HzWindowAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzReferralWindowAddin, hz_referral_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void
on_counts_changed (HzReferralInbox *inbox,
                   HzMainWindow    *window)
{
  guint n_open, n_overdue;

  hz_referral_inbox_get_counts (inbox, &n_open, &n_overdue);
  hz_main_window_set_view_counts (window, GTK_WIDGET (inbox), n_open, n_overdue);
}

static void
hz_referral_window_addin_load (HzWindowAddin *addin,
                               HzMainWindow  *window)
{
  HzReferralWindowAddin *self = HZ_REFERRAL_WINDOW_ADDIN (addin);

  self->inbox = g_object_ref_sink (hz_referral_inbox_new (hz_main_window_get_store (window)));
  hz_main_window_add_view (window, self->inbox, "referral-office", _("Referrals"), "mail-send-receive-symbolic",
                           _("Referrals and consultations sent and received"), 20);
  self->counts_handler = g_signal_connect (self->inbox, "counts-changed", G_CALLBACK (on_counts_changed), window);
  on_counts_changed (HZ_REFERRAL_INBOX (self->inbox), window);
}

static void
hz_referral_window_addin_unload (HzWindowAddin *addin,
                                 HzMainWindow  *window)
{
  HzReferralWindowAddin *self = HZ_REFERRAL_WINDOW_ADDIN (addin);

  if (self->inbox == NULL)
    return;
  g_clear_signal_handler (&self->counts_handler, self->inbox);
  hz_main_window_remove_view (window, self->inbox);
  g_clear_object (&self->inbox);
}

static void
window_addin_iface_init (HzWindowAddinInterface *iface)
{
  iface->load = hz_referral_window_addin_load;
  iface->unload = hz_referral_window_addin_unload;
}

static void
hz_referral_window_addin_dispose (GObject *object)
{
  HzReferralWindowAddin *self = HZ_REFERRAL_WINDOW_ADDIN (object);

  if (self->inbox != NULL)
    g_clear_signal_handler (&self->counts_handler, self->inbox);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (hz_referral_window_addin_parent_class)->dispose (object);
}

static void
hz_referral_window_addin_class_init (HzReferralWindowAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_referral_window_addin_dispose;
}

static void
hz_referral_window_addin_init (HzReferralWindowAddin *self)
{
}
