/* hz-referral-page.c — the "Referrals" page of a case workspace
 *
 * The case's referrals and consultation requests (its referral Tasks), each
 * a row with what is asked, its status and its deadline, overdue ones in
 * the error style; a new one is filled in with the generic form renderer
 * (HzFormView), prefilled from the case, and saved as a draft. The list
 * follows the case: HzCase::changed for Task or ServiceRequest updates the
 * rows in place (a row that stays keeps its widget).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-referral"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-referral-private.h"

struct _HzReferralPage
{
  GtkWidget   parent_instance;

  HzCase     *kase;
  gulong      changed_handler;

  GtkWidget  *stack;
  GtkWidget  *list;         /* GtkListBox .boxed-list */
  GtkWidget  *list_error;   /* what a status change could not do */
  GHashTable *rows;         /* task id → AdwActionRow */
  GtkWidget  *form_box;
  GtkWidget  *form_title;
  GtkWidget  *form_error;
  GtkWidget  *form_view;    /* HzFormView or NULL */
  HzForm     *form;
};

G_DEFINE_FINAL_TYPE (HzReferralPage, hz_referral_page, GTK_TYPE_WIDGET)

static char *
dup_subtitle (const HzReferral *referral)
{
  const char *status = hz_referral_status_get_display_name (referral->status);
  const char *other = referral->inbound ? referral->requester : referral->performer;
  g_autofree char *due = referral->due != NULL ? hz_ui_format_date (referral->due) : NULL;
  GString *text = g_string_new (NULL);

  if (referral->reason != NULL)
    /* Translators: a referral's status and why (rejected, cancelled) */
    g_string_append_printf (text, _("%s (%s)"), status, referral->reason);
  else
    g_string_append (text, status);
  if (referral->overdue)
    /* Translators: after a referral's status */
    g_string_append (text, _(" · overdue"));
  if (due != NULL)
    /* Translators: a referral's deadline */
    g_string_append_printf (text, _(" · due %s"), due);
  if (other != NULL)
    g_string_append_printf (text, referral->inbound ? _(" · from %s") : _(" · to %s"), other);
  return g_string_free (text, FALSE);
}

static void
on_status_clicked (GtkButton      *button,
                   HzReferralPage *self)
{
  HzReferralStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hz-status"));
  const char *task_id = g_object_get_data (G_OBJECT (button), "hz-task-id");
  GtkWidget *reason = g_object_get_data (G_OBJECT (button), "hz-reason");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  hz_referral_page_change_status (self, task_id, status,
                                  reason != NULL ? gtk_editable_get_text (GTK_EDITABLE (reason)) : NULL,
                                  NULL);
}

static void
on_reason_changed (GtkEditable *reason,
                   GtkWidget   *box)
{
  gboolean given = *gtk_editable_get_text (reason) != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && g_object_get_data (G_OBJECT (child), "hz-reason") != NULL)
      gtk_widget_set_sensitive (child, given);
}

/* The row's menu of the states the flow allows next (a reason asked for
 * rejecting or cancelling); none once it is final */
static void
update_status_menu (HzReferralPage   *self,
                    GtkWidget        *row,
                    const HzReferral *referral)
{
  HzReferralStatus next[HZ_REFERRAL_N_STATUSES];
  guint n = hz_referral_status_get_next (referral->status, next);
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "hz-status-menu");
  GtkWidget *box;
  GtkWidget *reason = NULL;
  GtkWidget *popover;

  if (button == NULL)
    {
      button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Change the status"));
      hz_ui_set_accessible_label (button, _("Change the status"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "hz-status-menu", button);
    }
  gtk_widget_set_visible (button, n > 0);
  if (n == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < n; i++)
    if (hz_referral_status_needs_reason (next[i]) && reason == NULL)
      {
        reason = gtk_entry_new ();
        gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (to reject or cancel)"));
        gtk_box_append (GTK_BOX (box), reason);
        g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed), box);
      }
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *item = gtk_button_new_with_label (hz_referral_status_get_display_name (next[i]));

      gtk_widget_add_css_class (item, "flat");
      g_object_set_data (G_OBJECT (item), "hz-status", GUINT_TO_POINTER (next[i]));
      g_object_set_data_full (G_OBJECT (item), "hz-task-id", g_strdup (referral->task_id), g_free);
      if (hz_referral_status_needs_reason (next[i]))
        {
          g_object_set_data (G_OBJECT (item), "hz-reason", reason);
          gtk_widget_set_sensitive (item, FALSE);
        }
      g_signal_connect (item, "clicked", G_CALLBACK (on_status_clicked), self);
      gtk_box_append (GTK_BOX (box), item);
    }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
}

gboolean
hz_referral_page_change_status (HzReferralPage    *self,
                                const char        *task_id,
                                HzReferralStatus   status,
                                const char        *reason,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  if (!hz_referral_set_status (hz_case_get_store (self->kase), task_id, status, reason, &local_error))
    {
      gtk_label_set_text (GTK_LABEL (self->list_error), local_error->message);
      gtk_widget_set_visible (self->list_error, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_widget_set_visible (self->list_error, FALSE);
  return TRUE;
}

static void
update_rows (HzReferralPage *self)
{
  GListModel *tasks = hz_case_get_resources (self->kase, "Task");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(HzResource) task = g_list_model_get_item (tasks, i);
      g_autoptr(HzReferral) referral = hz_referral_new_for_case (self->kase, task, now);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (referral == NULL)
        continue;
      row = g_hash_table_lookup (self->rows, referral->task_id);
      if (row == NULL)
        {
          row = adw_action_row_new ();
          gtk_list_box_prepend (GTK_LIST_BOX (self->list), row);
          g_hash_table_insert (self->rows, g_strdup (referral->task_id), row);
        }
      if (g_hash_table_lookup_extended (self->rows, referral->task_id, &key, NULL))
        g_hash_table_add (seen, key);
      subtitle = dup_subtitle (referral);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), referral->title ? referral->title : referral->task_id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      update_status_menu (self, row, referral);
      if (referral->overdue)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (GTK_LIST_BOX (self->list), value);
        g_hash_table_iter_remove (&iter);
      }
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 HzReferralPage     *self)
{
  if (types != NULL && (g_strv_contains (types, "Task") || g_strv_contains (types, "ServiceRequest")))
    update_rows (self);
}

static void
close_form (HzReferralPage *self)
{
  if (self->form_view != NULL)
    {
      gtk_box_remove (GTK_BOX (self->form_box), self->form_view);
      self->form_view = NULL;
    }
  g_clear_object (&self->form);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

gboolean
hz_referral_page_start (HzReferralPage  *self,
                        const char      *form_id,
                        GError         **error)
{
  g_autoptr(HzFormAnswers) answers = hz_form_answers_new ();

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  close_form (self);
  self->form = hz_form_load (form_id, error);
  if (self->form == NULL)
    return FALSE;
  hz_form_prefill (self->form, answers, self->kase, hz_store_get_actor (hz_case_get_store (self->kase)), NULL);
  self->form_view = hz_form_view_new (self->form, answers);
  gtk_widget_set_vexpand (self->form_view, TRUE);
  gtk_box_append (GTK_BOX (self->form_box), self->form_view);
  gtk_label_set_text (GTK_LABEL (self->form_title), hz_form_get_title (self->form));
  gtk_label_set_text (GTK_LABEL (self->form_error), "");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
  return TRUE;
}

gboolean
hz_referral_page_save (HzReferralPage  *self,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *task_id = NULL;
  HzFormView *view;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);
  g_return_val_if_fail (self->form_view != NULL, FALSE);

  view = HZ_FORM_VIEW (self->form_view);
  if (hz_form_view_validate (view, &local_error))
    task_id = hz_referral_create (hz_case_get_store (self->kase), self->kase, self->form,
                                  hz_form_view_get_answers (view), NULL, &local_error);
  if (task_id == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->form_error), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  close_form (self);
  return TRUE;
}

static void
on_new_clicked (GtkButton      *button,
                HzReferralPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!hz_referral_page_start (self, g_object_get_data (G_OBJECT (button), "hz-form-id"), &error))
    g_warning ("%s", error->message);
}

static void
on_save_clicked (GtkButton      *button,
                 HzReferralPage *self)
{
  hz_referral_page_save (self, NULL);
}

static void
on_cancel_clicked (GtkButton      *button,
                   HzReferralPage *self)
{
  close_form (self);
}

GtkWidget *
hz_referral_page_get_list (HzReferralPage *self)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), NULL);
  return self->list;
}

HzFormView *
hz_referral_page_get_form_view (HzReferralPage *self)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), NULL);
  return self->form_view != NULL ? HZ_FORM_VIEW (self->form_view) : NULL;
}

static GtkWidget *
new_button (HzReferralPage *self,
            const char     *label,
            const char     *form_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data_full (G_OBJECT (button), "hz-form-id", g_strdup (form_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_new_clicked), self);
  return button;
}

static void
build (HzReferralPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save as draft"));
  GtkWidget *placeholder = gtk_label_new (_("No referrals or consultation requests for this case"));

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  /* the list */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Referrals and consultations"));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("New _referral"), "referral"));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("New _consultation request"), "consultation-request"));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list);
  self->list_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->list_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->list_error), 0);
  gtk_widget_add_css_class (self->list_error, "error");
  gtk_widget_set_margin_top (self->list_error, 6);
  gtk_widget_set_visible (self->list_error, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_error);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_stack_add_named (GTK_STACK (self->stack), page, "list");

  /* a form being filled in */
  self->form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->form_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->form_title, "title-3");
  gtk_widget_set_hexpand (self->form_title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->form_title), 0);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), self);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_box_append (GTK_BOX (bar), self->form_title);
  gtk_box_append (GTK_BOX (bar), cancel);
  gtk_box_append (GTK_BOX (bar), save);
  self->form_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->form_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->form_error), 0);
  gtk_widget_add_css_class (self->form_error, "error");
  gtk_widget_set_margin_start (self->form_error, 12);
  gtk_widget_set_margin_end (self->form_error, 12);
  gtk_box_append (GTK_BOX (self->form_box), bar);
  gtk_box_append (GTK_BOX (self->form_box), self->form_error);
  gtk_stack_add_named (GTK_STACK (self->stack), self->form_box, "form");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

static void
hz_referral_page_dispose (GObject *object)
{
  HzReferralPage *self = HZ_REFERRAL_PAGE (object);

  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->form);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_referral_page_parent_class)->dispose (object);
}

static void
hz_referral_page_finalize (GObject *object)
{
  HzReferralPage *self = HZ_REFERRAL_PAGE (object);

  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (hz_referral_page_parent_class)->finalize (object);
}

static void
hz_referral_page_class_init (HzReferralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_referral_page_dispose;
  object_class->finalize = hz_referral_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hz_referral_page_init (HzReferralPage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build (self);
}

GtkWidget *
hz_referral_page_new (HzCase *kase)
{
  HzReferralPage *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_REFERRAL_PAGE, NULL);
  self->kase = g_object_ref (kase);
  self->changed_handler = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
  update_rows (self);
  return GTK_WIDGET (self);
}
