/* hz-referral-page.c — the "Referrals" page of a case workspace
 *
 * Three views in a stack:
 *
 * - the list: the case's referrals and consultation requests (its referral
 *   Tasks), each a row with what is asked, its status and its deadline,
 *   overdue ones in the error style, a menu of the status changes the flow
 *   allows; activating a row opens it. "Import referral…" (or a .json file
 *   dropped on the page) imports a Bundle another hospital sent.
 * - a new request, filled in with the generic form renderer (HzFormView),
 *   prefilled from the case. What is typed is kept as a draft (an
 *   in-progress QuestionnaireResponse) a moment after each change and when
 *   the page is left; the page resumes it when it opens again. "Save"
 *   makes it the referral (status draft).
 * - an open referral: its request form (editable while it is a draft), its
 *   status history (Task.note), the status changes with a reason where one
 *   is needed, and for a consultation the 会诊意见书: typed (kept as it is
 *   typed), saved, signed (a Provenance: hz_referral_sign_opinion()),
 *   read-only once signed; "Amend" makes a new version to sign again.
 *   "Print / save PDF…", "Export bundle…" and "Send…" act on it.
 *
 * Every write goes through hz_save_resource_async() / hz_save_bundle_async()
 * (a conflict is put to the clinician; what she typed stays on failure).
 * The views follow the case: HzCase::changed updates the rows and the open
 * referral in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-referral"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-referral-private.h"

/* how long typing rests before the draft is kept */
#define DRAFT_DELAY_MS 1200

struct _HzReferralPage
{
  GtkWidget     parent_instance;

  HzCase       *kase;
  gulong        changed_handler;
  GCancellable *cancellable;

  GtkWidget    *stack;

  /* the list */
  GtkWidget    *list;         /* GtkListBox .boxed-list */
  GtkWidget    *list_error;   /* what a status change or an import could not do */
  GHashTable   *rows;         /* task id → AdwActionRow */

  /* a new request */
  GtkWidget    *form_box;
  GtkWidget    *form_title;
  GtkWidget    *form_note;    /* "draft kept at …" */
  GtkWidget    *form_error;
  GtkWidget    *form_view;    /* HzFormView or NULL */
  HzForm       *form;
  char         *draft_id;
  char         *draft_version;
  guint         draft_timeout;
  gboolean      draft_dirty;
  gboolean      draft_saving;
  gboolean      discard_pending;  /* set aside once the save under way is done */

  /* an open referral */
  char         *task_id;
  char         *pending_task;   /* to open once the case holds it */
  GtkWidget    *detail_title;
  GtkWidget    *detail_subtitle;
  GtkWidget    *detail_error;
  GtkWidget    *status_box;   /* the status changes */
  GtkWidget    *reason_entry;
  GtkWidget    *detail_stack; /* AdwViewStack: request, history, opinion */
  GtkWidget    *request_box;
  GtkWidget    *request_view;
  GtkWidget    *request_save;
  GtkWidget    *request_placeholder;
  HzForm       *request_form;
  char         *request_version;
  gboolean      request_touched;
  GtkWidget    *history_list;
  guint         n_history;
  AdwViewStackPage *request_page;
  AdwViewStackPage *opinion_page;
  GtkWidget    *opinion_box;
  GtkWidget    *opinion_view;
  GtkWidget    *opinion_signed; /* who signed, when, the hash */
  GtkWidget    *opinion_placeholder;
  GtkWidget    *opinion_save;
  GtkWidget    *opinion_sign;
  GtkWidget    *opinion_amend;
  HzForm       *opinion_form;
  char         *opinion_version;
  gboolean      opinion_touched;
  gboolean      opinion_amending;
  gboolean      sign_after_save;
  guint         opinion_timeout;
  gboolean      opinion_saving;
};

G_DEFINE_FINAL_TYPE (HzReferralPage, hz_referral_page, GTK_TYPE_WIDGET)

/* the pages alive, for a referral opened from the window's inbox */
static GPtrArray *live_pages;
/* case id → task id to open once its page is there */
static GHashTable *pending_opens;

static void refresh_detail (HzReferralPage *self);
static void save_draft (HzReferralPage *self, const char *status);
static void save_opinion_draft (HzReferralPage *self);

/* ------------------------------------------------------------------ */
/* Helpers */

static HzStore *
get_store (HzReferralPage *self)
{
  return hz_case_get_store (self->kase);
}

static void
show_message (HzReferralPage *self,
              const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && HZ_IS_MAIN_WINDOW (root))
    hz_main_window_show_message (HZ_MAIN_WINDOW (root), message);
}

static void
show_error (GtkWidget  *label,
            const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL && *message != '\0');
}

static GtkWidget *
error_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

/* "2026年12月4日 14:30" / "4 Dec 2026 14:30" */
static char *
format_date_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? hz_fhir_parse_datetime (iso) : NULL;
  g_autofree char *day = iso != NULL ? hz_ui_format_date (iso) : NULL;
  g_autofree char *clock = NULL;

  if (time == NULL || day == NULL)
    return g_strdup (iso != NULL ? iso : "");
  clock = g_date_time_format (time, "%H:%M");
  /* Translators: a date and a time of day */
  return g_strdup_printf (_("%s %s"), day, clock);
}

static const char *
version_of (const HzJv *resource)
{
  return hz_jv_get_path_string (resource, "meta.versionId");
}

static HzResource *
lookup (HzReferralPage *self,
        const char     *type,
        const char     *id)
{
  g_autofree char *reference = id != NULL ? g_strdup_printf ("%s/%s", type, id) : NULL;

  return reference != NULL ? hz_case_lookup (self->kase, reference) : NULL;
}

static HzReferral *
get_open_referral (HzReferralPage *self)
{
  HzResource *task = lookup (self, "Task", self->task_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return task != NULL ? hz_referral_new_for_case (self->kase, task, now) : NULL;
}

/* ------------------------------------------------------------------ */
/* The list */

char *
hz_referral_dup_summary (const HzReferral *referral,
                         gboolean          with_patient)
{
  const char *status = hz_referral_status_get_display_name (referral->status);
  const char *other = referral->inbound ? referral->requester : referral->performer;
  g_autofree char *due = referral->due != NULL ? hz_ui_format_date (referral->due) : NULL;
  GString *text = g_string_new (NULL);

  if (with_patient)
    /* Translators: in a list of referrals, the patient's name and the status */
    g_string_append_printf (text, _("%s · %s"),
                            referral->patient_name != NULL ? referral->patient_name : referral->case_id, status);
  else
    g_string_append (text, status);
  if (referral->reason != NULL)
    /* Translators: why a referral was rejected or cancelled, after its status */
    g_string_append_printf (text, _(" (%s)"), referral->reason);
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

/* The end of a save: the page, or NULL when the save was cancelled (the
 * page is going: @user_data is not to be touched) */
static HzReferralPage *
save_finish (GAsyncResult   *result,
             gpointer        user_data,
             HzSaveOutcome  *outcome,
             GError        **error)
{
  *outcome = hz_save_bundle_finish (result, error);
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  return HZ_REFERRAL_PAGE (user_data);
}

static void
on_status_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome;
  HzReferralPage *self = save_finish (result, user_data, &outcome, &error);

  if (self == NULL)
    return;
  if (outcome == HZ_SAVE_FAILED)
    {
      show_error (self->list_error, error->message);
      show_error (self->detail_error, error->message);
    }
}

gboolean
hz_referral_page_change_status (HzReferralPage    *self,
                                const char        *task_id,
                                const char        *seen_version,
                                HzReferralStatus   status,
                                const char        *reason,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autofree char *case_id = NULL;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  resources = hz_referral_build_status (get_store (self), task_id, seen_version, status, reason, &case_id,
                                       &local_error);
  if (resources == NULL)
    {
      show_error (self->list_error, local_error->message);
      show_error (self->detail_error, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self->list_error, NULL);
  show_error (self->detail_error, NULL);
  hz_save_bundle_async (GTK_WIDGET (self), get_store (self), case_id, resources, self->cancellable,
                        on_status_saved, self);
  return TRUE;
}

static void
on_status_clicked (GtkButton      *button,
                   HzReferralPage *self)
{
  HzReferralStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hz-status"));
  const char *task_id = g_object_get_data (G_OBJECT (button), "hz-task-id");
  const char *seen_version = g_object_get_data (G_OBJECT (button), "hz-task-version");
  GtkWidget *reason = g_object_get_data (G_OBJECT (button), "hz-reason");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (hz_referral_page_change_status (self, task_id, seen_version, status,
                                      reason != NULL ? gtk_editable_get_text (GTK_EDITABLE (reason)) : NULL,
                                      NULL) &&
      reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (reason), "");
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

/* What a button moving a referral to @status says: a verb */
static const char *
action_label (HzReferralStatus status)
{
  switch (status)
    {
    case HZ_REFERRAL_REQUESTED:   return C_("referral action", "Send Request");
    case HZ_REFERRAL_ACCEPTED:    return C_("referral action", "Accept");
    case HZ_REFERRAL_REJECTED:    return C_("referral action", "Reject");
    case HZ_REFERRAL_IN_PROGRESS: return C_("referral action", "Start");
    case HZ_REFERRAL_COMPLETED:   return C_("referral action", "Complete");
    case HZ_REFERRAL_CANCELLED:   return C_("referral action", "Cancel Referral");
    case HZ_REFERRAL_DRAFT:
    case HZ_REFERRAL_N_STATUSES:
    default:
      return hz_referral_status_get_display_name (status);
    }
}

/* Fills @box with the states the flow allows next (a reason asked for
 * rejecting or cancelling, in @reason when given, else a new entry);
 * returns how many */
static guint
fill_status_buttons (HzReferralPage   *self,
                     GtkWidget        *box,
                     GtkWidget        *reason,
                     const HzReferral *referral)
{
  HzReferralStatus next[HZ_REFERRAL_N_STATUSES];
  guint n = hz_referral_status_get_next (referral->status, next);
  gboolean needs_reason = FALSE;

  for (guint i = 0; i < n; i++)
    needs_reason |= hz_referral_status_needs_reason (next[i]);
  if (needs_reason && reason == NULL)
    {
      reason = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (to reject or cancel)"));
      gtk_box_append (GTK_BOX (box), reason);
    }
  if (reason != NULL)
    {
      gtk_widget_set_visible (reason, needs_reason);
      g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed), box);
    }
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *item = gtk_button_new_with_label (action_label (next[i]));

      if (GTK_IS_ORIENTABLE (box) &&
          gtk_orientable_get_orientation (GTK_ORIENTABLE (box)) == GTK_ORIENTATION_VERTICAL)
        gtk_widget_add_css_class (item, "flat");
      g_object_set_data (G_OBJECT (item), "hz-status", GUINT_TO_POINTER (next[i]));
      g_object_set_data_full (G_OBJECT (item), "hz-task-id", g_strdup (referral->task_id), g_free);
      g_object_set_data_full (G_OBJECT (item), "hz-task-version", g_strdup (referral->task_version), g_free);
      if (hz_referral_status_needs_reason (next[i]))
        {
          g_object_set_data (G_OBJECT (item), "hz-reason", reason);
          gtk_widget_set_sensitive (item, *gtk_editable_get_text (GTK_EDITABLE (reason)) != '\0');
          gtk_widget_add_css_class (item, "destructive-action");
        }
      g_signal_connect (item, "clicked", G_CALLBACK (on_status_clicked), self);
      gtk_box_append (GTK_BOX (box), item);
    }
  return n;
}

/* The row's menu of the states the flow allows next; none once it is final */
static void
update_status_menu (HzReferralPage   *self,
                    GtkWidget        *row,
                    const HzReferral *referral)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "hz-status-menu");
  GtkWidget *box;
  GtkWidget *popover;
  guint n;

  if (button == NULL)
    {
      button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      hz_ui_set_accessible_label (button, _("Change the status"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "hz-status-menu", button);
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  n = fill_status_buttons (self, box, NULL, referral);
  gtk_widget_set_visible (button, n > 0);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
}

static void
on_row_activated (AdwActionRow   *row,
                  HzReferralPage *self)
{
  hz_referral_page_open (self, g_object_get_data (G_OBJECT (row), "hz-task-id"));
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
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          row = adw_action_row_new ();
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "hz-task-id", g_strdup (referral->task_id), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
          gtk_list_box_prepend (GTK_LIST_BOX (self->list), row);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          g_hash_table_insert (self->rows, g_strdup (referral->task_id), row);
        }
      if (g_hash_table_lookup_extended (self->rows, referral->task_id, &key, NULL))
        g_hash_table_add (seen, key);
      subtitle = hz_referral_dup_summary (referral, FALSE);
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
  if (types == NULL)
    return;
  if (g_strv_contains (types, "Task") || g_strv_contains (types, "ServiceRequest"))
    update_rows (self);
  if (self->pending_task != NULL && lookup (self, "Task", self->pending_task) != NULL)
    {
      g_autofree char *task_id = g_steal_pointer (&self->pending_task);

      hz_referral_page_open (self, task_id);
      return;
    }
  if (self->task_id != NULL &&
      (g_strv_contains (types, "Task") || g_strv_contains (types, "QuestionnaireResponse") ||
       g_strv_contains (types, "Provenance")))
    refresh_detail (self);
}

/* ------------------------------------------------------------------ */
/* A new request, and its draft */

static void
clear_draft_state (HzReferralPage *self)
{
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_pointer (&self->draft_version, g_free);
  self->draft_dirty = FALSE;
}

static void
close_form (HzReferralPage *self)
{
  clear_draft_state (self);
  if (self->form_view != NULL)
    {
      gtk_box_remove (GTK_BOX (self->form_box), self->form_view);
      self->form_view = NULL;
    }
  g_clear_object (&self->form);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

typedef struct
{
  HzReferralPage *self;       /* unowned: the page's cancellable guards it */
  JsonObject     *draft;
  gboolean        stopped;
} DraftSave;

static void
draft_save_free (DraftSave *save)
{
  json_object_unref (save->draft);
  g_free (save);
}

static gboolean
on_draft_timeout (gpointer data)
{
  HzReferralPage *self = data;

  self->draft_timeout = 0;
  save_draft (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_draft_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DraftSave *save = user_data;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);
  HzReferralPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      draft_save_free (save);
      return;
    }
  self = save->self;
  self->draft_saving = FALSE;
  if (outcome == HZ_SAVE_SAVED && self->discard_pending && !save->stopped)
    {
      /* the version just written, set aside */
      DraftSave *again = g_new0 (DraftSave, 1);

      self->discard_pending = FALSE;
      again->self = self;
      again->draft = json_object_ref (save->draft);
      again->stopped = TRUE;
      json_object_set_string_member (again->draft, "status", "stopped");
      self->draft_saving = TRUE;
      hz_save_resource_async (GTK_WIDGET (self), get_store (self), hz_case_get_id (self->kase),
                              again->draft, self->cancellable, on_draft_saved, again);
    }
  else if (outcome == HZ_SAVE_FAILED)
    /* what was typed stays in the form; the next change tries again */
    show_error (self->form_error, error->message);
  else if (outcome == HZ_SAVE_SAVED && !save->stopped && self->form_view != NULL)
    {
      JsonObject *meta = json_object_get_object_member (save->draft, "meta");
      g_autofree char *when = NULL;
      g_autofree char *note = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_free (self->draft_id);
      self->draft_id = g_strdup (json_object_get_string_member (save->draft, "id"));
      g_free (self->draft_version);
      self->draft_version = g_strdup (json_object_get_string_member (meta, "versionId"));
      when = g_date_time_format (now, "%H:%M");
      /* Translators: %s is a time of day */
      note = g_strdup_printf (_("Draft kept at %s"), when);
      gtk_label_set_text (GTK_LABEL (self->form_note), note);
      show_error (self->form_error, NULL);
      if (self->draft_dirty && self->draft_timeout == 0)
        self->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout, self);
    }
  else if (outcome == HZ_SAVE_DISCARDED)
    {
      /* the other version is kept: the form shows it */
      close_form (self);
      hz_referral_page_resume_draft (self);
    }
  draft_save_free (save);
}

/* Keeps what is typed as the draft (@status "stopped": set aside) */
static void
save_draft (HzReferralPage *self,
            const char     *status)
{
  g_autoptr(GError) error = NULL;
  DraftSave *save;
  JsonObject *draft;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  if (self->form_view == NULL || (!self->draft_dirty && status == NULL))
    return;
  if (self->draft_saving)
    {
      /* after the one under way, on the version it makes */
      self->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout, self);
      return;
    }
  draft = hz_referral_build_draft (self->kase, self->form,
                                   hz_form_view_get_answers (HZ_FORM_VIEW (self->form_view)),
                                   self->draft_id, self->draft_version, status, &error);
  if (draft == NULL)
    {
      show_error (self->form_error, error->message);
      return;
    }
  self->draft_dirty = FALSE;
  self->draft_saving = TRUE;
  save = g_new0 (DraftSave, 1);
  save->self = self;
  save->draft = draft;
  save->stopped = status != NULL;
  hz_save_resource_async (GTK_WIDGET (self), get_store (self), hz_case_get_id (self->kase),
                          draft, self->cancellable, on_draft_saved, save);
}

static void
on_form_changed (HzFormView     *view,
                 HzReferralPage *self)
{
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout, self);
}

static void
show_form (HzReferralPage *self,
           HzFormAnswers  *answers)
{
  self->form_view = hz_form_view_new (self->form, answers);
  gtk_widget_set_vexpand (self->form_view, TRUE);
  g_signal_connect (self->form_view, "changed", G_CALLBACK (on_form_changed), self);
  gtk_box_append (GTK_BOX (self->form_box), self->form_view);
  gtk_label_set_text (GTK_LABEL (self->form_title), hz_form_get_title (self->form));
  show_error (self->form_error, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
}

gboolean
hz_referral_page_start (HzReferralPage  *self,
                        const char      *form_id,
                        GError         **error)
{
  g_autoptr(HzFormAnswers) answers = hz_form_answers_new ();

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  /* a draft open already is kept first */
  save_draft (self, NULL);
  close_form (self);
  self->form = hz_form_load (form_id, error);
  if (self->form == NULL)
    return FALSE;
  hz_form_prefill (self->form, answers, self->kase, hz_store_get_actor (get_store (self)), NULL);
  show_form (self, answers);
  gtk_label_set_text (GTK_LABEL (self->form_note), "");
  return TRUE;
}

gboolean
hz_referral_page_resume_draft (HzReferralPage *self)
{
  g_autoptr(HzResource) draft = NULL;
  g_autoptr(HzFormAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  draft = hz_referral_find_draft (self->kase);
  if (draft == NULL)
    return FALSE;
  close_form (self);
  self->form = hz_form_load_for_response (hz_resource_get_value (draft), &error);
  if (self->form == NULL)
    {
      show_error (self->list_error, error->message);
      return FALSE;
    }
  answers = hz_form_answers_new_from_response (hz_resource_get_value (draft));
  self->draft_id = g_strdup (hz_resource_get_id (draft));
  self->draft_version = g_strdup (version_of (hz_resource_get_value (draft)));
  show_form (self, answers);
  when = format_date_time (hz_jv_get_string (hz_resource_get_value (draft), "authored"));
  /* Translators: %s is a date and time */
  note = g_strdup_printf (_("Draft resumed, kept %s"), when);
  gtk_label_set_text (GTK_LABEL (self->form_note), note);
  return TRUE;
}

void
hz_referral_page_flush_draft (HzReferralPage *self)
{
  g_return_if_fail (HZ_IS_REFERRAL_PAGE (self));

  save_draft (self, NULL);
  save_opinion_draft (self);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome;
  HzReferralPage *self = save_finish (result, user_data, &outcome, &error);

  if (self == NULL)
    return;
  if (outcome == HZ_SAVE_FAILED)
    show_error (self->form_error, error->message);
  else if (outcome == HZ_SAVE_SAVED)
    {
      close_form (self);
      show_message (self, _("Referral saved as a draft"));
    }
}

gboolean
hz_referral_page_save (HzReferralPage  *self,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  HzFormView *view;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);
  g_return_val_if_fail (self->form_view != NULL, FALSE);

  view = HZ_FORM_VIEW (self->form_view);
  if (hz_form_view_validate (view, &local_error))
    resources = hz_referral_build_create (get_store (self), self->kase, self->form, hz_form_view_get_answers (view),
                                          self->draft_id, self->draft_version, NULL, NULL, &local_error);
  if (resources == NULL)
    {
      show_error (self->form_error, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_dirty = FALSE;
  hz_save_bundle_async (GTK_WIDGET (self), get_store (self), hz_case_get_id (self->kase), resources,
                        self->cancellable, on_created, self);
  return TRUE;
}

static void
on_new_clicked (GtkButton      *button,
                HzReferralPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!hz_referral_page_start (self, g_object_get_data (G_OBJECT (button), "hz-form-id"), &error))
    show_error (self->list_error, error->message);
}

static void
on_save_clicked (GtkButton      *button,
                 HzReferralPage *self)
{
  hz_referral_page_save (self, NULL);
}

void
hz_referral_page_discard_draft (HzReferralPage *self)
{
  g_return_if_fail (HZ_IS_REFERRAL_PAGE (self));

  /* set aside, not erased: the draft stays in the case's history */
  if (self->draft_saving)
    self->discard_pending = TRUE;
  else if (self->draft_id != NULL)
    save_draft (self, "stopped");
  close_form (self);
}

static void
on_discard_clicked (GtkButton      *button,
                    HzReferralPage *self)
{
  hz_referral_page_discard_draft (self);
}

/* ------------------------------------------------------------------ */
/* An open referral */

static const char *
status_word (const char *code)
{
  HzReferralStatus status;

  return hz_referral_status_from_string (code, &status) ? hz_referral_status_get_display_name (status) : code;
}

/* A note of the status history ("requested → rejected: 床位已满") in words */
static char *
dup_history_text (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) reason = NULL;
  const char *from, *to;

  if (text == NULL || strstr (text, "→") == NULL)
    return g_strdup (text != NULL ? text : "");
  reason = g_strsplit (text, ": ", 2);
  parts = g_strsplit (reason[0], " → ", 2);
  if (g_strv_length (parts) == 2)
    from = g_strstrip (parts[0]), to = g_strstrip (parts[1]);
  else
    from = NULL, to = g_strstrip (parts[0] + strlen ("→"));
  {
    g_autofree char *change = from != NULL && *from != '\0'
                              /* Translators: a referral's status change */
                              ? g_strdup_printf (_("%s → %s"), status_word (from), status_word (to))
                              : g_strdup_printf (_("→ %s"), status_word (to));

    if (reason[1] != NULL)
      /* Translators: a status change and its reason */
      return g_strdup_printf (_("%s: %s"), change, reason[1]);
    return g_steal_pointer (&change);
  }
}

static void
update_history (HzReferralPage *self,
                const HzJv     *task)
{
  guint i = 0;

  /* the history only grows: new notes are added below the ones shown */
  for (HzJv *note = hz_jv_get_first (hz_jv_get_array (task, "note")); note != NULL; note = hz_jv_get_next (note), i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *when = NULL;
      GtkWidget *row;

      if (i < self->n_history)
        continue;
      title = dup_history_text (hz_jv_get_string (note, "text"));
      when = format_date_time (hz_jv_get_string (note, "time"));
      if (hz_jv_get_string (note, "authorString") != NULL)
        /* Translators: when a status changed, and who changed it */
        subtitle = g_strdup_printf (_("%s · %s"), when, hz_jv_get_string (note, "authorString"));
      else
        subtitle = g_steal_pointer (&when);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (row, "referral-history-row");
      gtk_list_box_append (GTK_LIST_BOX (self->history_list), row);
    }
  self->n_history = i;
}

static void
update_status_buttons (HzReferralPage   *self,
                       const HzReferral *referral)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->status_box)) != NULL)
    {
      if (child == self->reason_entry)
        {
          g_signal_handlers_disconnect_by_func (child, on_reason_changed, self->status_box);
          g_object_ref (child);
        }
      gtk_box_remove (GTK_BOX (self->status_box), child);
    }
  gtk_box_append (GTK_BOX (self->status_box), self->reason_entry);
  g_object_unref (self->reason_entry);
  fill_status_buttons (self, self->status_box, self->reason_entry, referral);
}

static void
on_request_changed (HzFormView     *view,
                    HzReferralPage *self)
{
  self->request_touched = TRUE;
  gtk_widget_set_sensitive (self->request_save, TRUE);
}

static void
update_request (HzReferralPage   *self,
                const HzReferral *referral)
{
  HzResource *response = lookup (self, "QuestionnaireResponse", referral->request_form_id);
  const char *version = response != NULL ? version_of (hz_resource_get_value (response)) : NULL;
  gboolean editable = referral->status == HZ_REFERRAL_DRAFT && !referral->inbound;
  g_autoptr(HzFormAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (self->request_save, editable && response != NULL);
  gtk_widget_set_visible (self->request_placeholder, response == NULL);
  if (response == NULL || (self->request_touched && editable) ||
      (self->request_view != NULL && g_strcmp0 (version, self->request_version) == 0 &&
       hz_form_view_get_editable (HZ_FORM_VIEW (self->request_view)) == editable))
    return;

  if (self->request_view != NULL)
    gtk_box_remove (GTK_BOX (self->request_box), self->request_view);
  self->request_view = NULL;
  g_clear_object (&self->request_form);
  self->request_form = hz_form_load_for_response (hz_resource_get_value (response), &error);
  if (self->request_form == NULL)
    {
      show_error (self->detail_error, error->message);
      return;
    }
  /* the tab says which form: 转诊单, 会诊申请单 */
  adw_view_stack_page_set_title (self->request_page, hz_form_get_title (self->request_form));
  answers = hz_form_answers_new_from_response (hz_resource_get_value (response));
  self->request_view = hz_form_view_new (self->request_form, answers);
  gtk_widget_set_vexpand (self->request_view, TRUE);
  hz_form_view_set_editable (HZ_FORM_VIEW (self->request_view), editable);
  g_signal_connect (self->request_view, "changed", G_CALLBACK (on_request_changed), self);
  gtk_box_append (GTK_BOX (self->request_box), self->request_view);
  g_free (self->request_version);
  self->request_version = g_strdup (version);
  self->request_touched = FALSE;
  gtk_widget_set_sensitive (self->request_save, FALSE);
}

/* The opinion can be written: a consultation asked of this hospital
 * (inbound), accepted and not yet completed */
static gboolean
opinion_is_open (const HzReferral *referral)
{
  return g_strcmp0 (referral->kind, "consultation") == 0 && referral->inbound &&
         (referral->status == HZ_REFERRAL_ACCEPTED || referral->status == HZ_REFERRAL_IN_PROGRESS);
}

static gboolean
on_opinion_timeout (gpointer data)
{
  HzReferralPage *self = data;

  self->opinion_timeout = 0;
  save_opinion_draft (self);
  return G_SOURCE_REMOVE;
}

static void
on_opinion_changed (HzFormView     *view,
                    HzReferralPage *self)
{
  self->opinion_touched = TRUE;
  g_clear_handle_id (&self->opinion_timeout, g_source_remove);
  self->opinion_timeout = g_timeout_add (DRAFT_DELAY_MS, on_opinion_timeout, self);
}

static void
update_opinion (HzReferralPage   *self,
                const HzReferral *referral)
{
  HzResource *response = lookup (self, "QuestionnaireResponse", referral->opinion_id);
  const char *version = response != NULL ? version_of (hz_resource_get_value (response)) : NULL;
  g_autofree char *signer = NULL;
  g_autofree char *when = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_consultation = g_strcmp0 (referral->kind, "consultation") == 0;
  gboolean is_signed = FALSE;
  gboolean editable;

  adw_view_stack_page_set_visible (self->opinion_page, is_consultation);
  if (!is_consultation)
    return;

  if (response != NULL)
    is_signed = hz_referral_opinion_is_signed (get_store (self), referral->task_id, &signer, &when, &hash, &error);
  if (error != NULL)
    show_error (self->detail_error, error->message);
  editable = opinion_is_open (referral) && (!is_signed || self->opinion_amending);

  if (is_signed)
    {
      g_autofree char *time = format_date_time (when);
      g_autofree char *text = NULL;

      /* Translators: who signed the opinion, when, and the SHA-256 of what was signed */
      text = g_strdup_printf (_("Signed by %s on %s · SHA-256 %.16s…"), signer, time, hash);
      gtk_label_set_text (GTK_LABEL (self->opinion_signed), text);
      gtk_widget_set_tooltip_text (self->opinion_signed, text);
    }
  gtk_widget_set_visible (self->opinion_signed, is_signed);
  gtk_widget_set_visible (self->opinion_save, editable);
  gtk_widget_set_visible (self->opinion_sign, editable || (!is_signed && response != NULL && opinion_is_open (referral)));
  gtk_widget_set_visible (self->opinion_amend, is_signed && !self->opinion_amending && opinion_is_open (referral));
  gtk_widget_set_visible (self->opinion_placeholder, response == NULL && !editable);

  /* what the clinician is typing is hers until it is saved */
  if (self->opinion_touched && editable)
    return;
  if (self->opinion_view != NULL && g_strcmp0 (version, self->opinion_version) == 0 &&
      hz_form_view_get_editable (HZ_FORM_VIEW (self->opinion_view)) == editable)
    return;

  if (self->opinion_view != NULL)
    gtk_box_remove (GTK_BOX (self->opinion_box), self->opinion_view);
  self->opinion_view = NULL;
  if (response == NULL && !editable)
    return;

  if (self->opinion_form == NULL)
    self->opinion_form = response != NULL ? hz_form_load_for_response (hz_resource_get_value (response), &error)
                                          : hz_form_load ("consultation-opinion", &error);
  if (self->opinion_form == NULL)
    {
      show_error (self->detail_error, error->message);
      return;
    }
  {
    g_autoptr(HzFormAnswers) answers = response != NULL
                                       ? hz_form_answers_new_from_response (hz_resource_get_value (response))
                                       : hz_form_answers_new ();

    if (response == NULL)
      hz_form_prefill (self->opinion_form, answers, self->kase, hz_store_get_actor (get_store (self)), NULL);
    self->opinion_view = hz_form_view_new (self->opinion_form, answers);
  }
  gtk_widget_set_vexpand (self->opinion_view, TRUE);
  hz_form_view_set_editable (HZ_FORM_VIEW (self->opinion_view), editable);
  g_signal_connect (self->opinion_view, "changed", G_CALLBACK (on_opinion_changed), self);
  gtk_box_append (GTK_BOX (self->opinion_box), self->opinion_view);
  g_free (self->opinion_version);
  self->opinion_version = g_strdup (version);
  self->opinion_touched = FALSE;
}

static void
refresh_detail (HzReferralPage *self)
{
  g_autoptr(HzReferral) referral = get_open_referral (self);
  g_autofree char *subtitle = NULL;

  if (referral == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->detail_title), referral->title ? referral->title : referral->task_id);
  gtk_widget_set_tooltip_text (self->detail_title, referral->title);
  subtitle = hz_referral_dup_summary (referral, FALSE);
  gtk_label_set_text (GTK_LABEL (self->detail_subtitle), subtitle);
  gtk_widget_set_tooltip_text (self->detail_subtitle, subtitle);
  if (referral->overdue)
    gtk_widget_add_css_class (self->detail_subtitle, "error");
  else
    gtk_widget_remove_css_class (self->detail_subtitle, "error");
  update_status_buttons (self, referral);
  update_request (self, referral);
  update_history (self, hz_resource_get_value (lookup (self, "Task", referral->task_id)));
  update_opinion (self, referral);
}

static void
close_detail (HzReferralPage *self)
{
  g_clear_handle_id (&self->opinion_timeout, g_source_remove);
  g_clear_pointer (&self->task_id, g_free);
  if (self->request_view != NULL)
    gtk_box_remove (GTK_BOX (self->request_box), self->request_view);
  self->request_view = NULL;
  if (self->opinion_view != NULL)
    gtk_box_remove (GTK_BOX (self->opinion_box), self->opinion_view);
  self->opinion_view = NULL;
  g_clear_object (&self->request_form);
  g_clear_object (&self->opinion_form);
  g_clear_pointer (&self->request_version, g_free);
  g_clear_pointer (&self->opinion_version, g_free);
  self->request_touched = self->opinion_touched = self->opinion_amending = FALSE;
  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->history_list)) != NULL;)
    gtk_list_box_remove (GTK_LIST_BOX (self->history_list), child);
  self->n_history = 0;
  show_error (self->detail_error, NULL);
}

gboolean
hz_referral_page_open (HzReferralPage *self,
                       const char     *task_id)
{
  g_autoptr(HzReferral) referral = NULL;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);
  g_return_val_if_fail (task_id != NULL, FALSE);

  hz_referral_page_flush_draft (self);
  close_detail (self);
  self->task_id = g_strdup (task_id);
  referral = get_open_referral (self);
  if (referral == NULL)
    {
      /* not read into the case yet (written a moment ago, the case being
       * reloaded): opened when it is */
      g_clear_pointer (&self->task_id, g_free);
      g_free (self->pending_task);
      self->pending_task = g_strdup (task_id);
      return FALSE;
    }
  g_clear_pointer (&self->pending_task, g_free);
  refresh_detail (self);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->detail_stack),
                                         referral->opinion_id != NULL || opinion_is_open (referral) ? "opinion"
                                         : referral->request_form_id != NULL ? "request" : "history");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "detail");
  return TRUE;
}

const char *
hz_referral_page_get_open_task_id (HzReferralPage *self)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), NULL);
  return self->task_id;
}

static void
on_back_clicked (GtkButton      *button,
                 HzReferralPage *self)
{
  save_opinion_draft (self);
  close_detail (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

static void
on_request_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);
  HzReferralPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_REFERRAL_PAGE (user_data);
  if (outcome == HZ_SAVE_FAILED)
    show_error (self->detail_error, error->message);
  else
    {
      self->request_touched = FALSE;
      g_clear_pointer (&self->request_version, g_free);
      refresh_detail (self);
    }
}

/* A draft referral's request form, changed: a new version of it */
static void
on_request_save_clicked (GtkButton      *button,
                         HzReferralPage *self)
{
  g_autoptr(HzReferral) referral = get_open_referral (self);
  HzResource *stored = referral != NULL ? lookup (self, "QuestionnaireResponse", referral->request_form_id) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) built = NULL;
  g_autoptr(JsonObject) response = NULL;
  HzFormView *view = self->request_view != NULL ? HZ_FORM_VIEW (self->request_view) : NULL;

  if (stored == NULL || view == NULL)
    return;
  if (!hz_form_view_validate (view, &error))
    {
      show_error (self->detail_error, error->message);
      return;
    }
  built = hz_form_build_response (self->request_form, hz_form_view_get_answers (view), "completed", NULL, NULL, NULL);
  response = hz_resource_dup_json (stored);
  json_object_set_string_member (response, "authored", json_object_get_string_member (built, "authored"));
  if (json_object_has_member (built, "item"))
    json_object_set_member (response, "item", json_node_copy (json_object_get_member (built, "item")));
  else
    json_object_remove_member (response, "item");
  show_error (self->detail_error, NULL);
  hz_save_resource_async (GTK_WIDGET (self), get_store (self), hz_case_get_id (self->kase), response,
                          self->cancellable, on_request_saved, self);
}

/* --- the opinion ---------------------------------------------------- */

typedef struct
{
  HzReferralPage *self;
  gboolean        draft;
} OpinionSave;

static void sign_now (HzReferralPage *self);

static void
on_opinion_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpinionSave *save = user_data;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_bundle_finish (result, &error);
  HzReferralPage *self = save->self;
  gboolean draft = save->draft;

  g_free (save);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->opinion_saving = FALSE;
  if (outcome == HZ_SAVE_FAILED)
    {
      self->sign_after_save = FALSE;
      show_error (self->detail_error, error->message);
      return;
    }
  show_error (self->detail_error, NULL);
  if (outcome == HZ_SAVE_SAVED && !draft)
    {
      /* saved in full: what is shown is what is stored */
      self->opinion_touched = FALSE;
      g_clear_pointer (&self->opinion_version, g_free);
      if (self->sign_after_save)
        {
          self->sign_after_save = FALSE;
          sign_now (self);
          return;
        }
      show_message (self, _("Opinion saved"));
    }
  else if (outcome == HZ_SAVE_DISCARDED)
    {
      self->opinion_touched = FALSE;
      g_clear_pointer (&self->opinion_version, g_free);
    }
  refresh_detail (self);
}

/* Writes the opinion as typed: @draft, what is right so far; else all of
 * it, checked */
static gboolean
write_opinion (HzReferralPage  *self,
               gboolean         draft,
               GError         **error)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(GError) local_error = NULL;
  HzFormView *view = self->opinion_view != NULL ? HZ_FORM_VIEW (self->opinion_view) : NULL;
  OpinionSave *save;

  g_clear_handle_id (&self->opinion_timeout, g_source_remove);
  if (view == NULL || self->task_id == NULL || !hz_form_view_get_editable (view))
    {
      g_set_error_literal (error, HZ_FORM_ERROR, HZ_FORM_ERROR_SIGNED,
                           _("The opinion cannot be written now"));
      return FALSE;
    }
  if (!draft && !hz_form_view_validate (view, &local_error))
    {
      show_error (self->detail_error, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  resources = hz_referral_build_opinion (get_store (self), self->task_id, self->opinion_form,
                                         hz_form_view_get_answers (view), self->opinion_amending, draft,
                                         NULL, &case_id, NULL, &local_error);
  if (resources == NULL)
    {
      show_error (self->detail_error, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->opinion_saving = TRUE;
  save = g_new0 (OpinionSave, 1);
  save->self = self;
  save->draft = draft;
  hz_save_bundle_async (GTK_WIDGET (self), get_store (self), case_id, resources, self->cancellable,
                        on_opinion_saved, save);
  return TRUE;
}

static void
save_opinion_draft (HzReferralPage *self)
{
  g_clear_handle_id (&self->opinion_timeout, g_source_remove);
  if (!self->opinion_touched || self->opinion_view == NULL)
    return;
  if (self->opinion_saving)
    {
      self->opinion_timeout = g_timeout_add (DRAFT_DELAY_MS, on_opinion_timeout, self);
      return;
    }
  write_opinion (self, TRUE, NULL);
}

gboolean
hz_referral_page_save_opinion (HzReferralPage  *self,
                               GError         **error)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);
  return write_opinion (self, FALSE, error);
}

static void
on_signed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome;
  HzReferralPage *self = save_finish (result, user_data, &outcome, &error);

  if (self == NULL)
    return;
  if (outcome == HZ_SAVE_FAILED)
    {
      show_error (self->detail_error, error->message);
      return;
    }
  if (outcome == HZ_SAVE_SAVED)
    {
      self->opinion_amending = FALSE;
      self->opinion_touched = FALSE;
      g_clear_pointer (&self->opinion_version, g_free);
      show_message (self, _("Opinion signed"));
    }
  refresh_detail (self);
}

static void
sign_now (HzReferralPage *self)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;

  resources = hz_referral_build_signature (get_store (self), self->task_id, &case_id, &error);
  if (resources == NULL)
    {
      show_error (self->detail_error, error->message);
      return;
    }
  show_error (self->detail_error, NULL);
  hz_save_bundle_async (GTK_WIDGET (self), get_store (self), case_id, resources, self->cancellable,
                        on_signed, self);
}

gboolean
hz_referral_page_sign_opinion (HzReferralPage  *self,
                               GError         **error)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  if (self->task_id == NULL)
    return FALSE;
  /* what is on screen is what is signed: saved first, in full */
  if (self->opinion_touched || self->opinion_amending || self->opinion_version == NULL)
    {
      self->sign_after_save = TRUE;
      if (!write_opinion (self, FALSE, error))
        {
          self->sign_after_save = FALSE;
          return FALSE;
        }
      return TRUE;
    }
  sign_now (self);
  return TRUE;
}

void
hz_referral_page_amend_opinion (HzReferralPage *self)
{
  g_return_if_fail (HZ_IS_REFERRAL_PAGE (self));

  self->opinion_amending = TRUE;
  refresh_detail (self);
}

HzFormView *
hz_referral_page_get_opinion_view (HzReferralPage *self)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), NULL);
  return self->opinion_view != NULL ? HZ_FORM_VIEW (self->opinion_view) : NULL;
}

HzFormView *
hz_referral_page_get_request_view (HzReferralPage *self)
{
  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), NULL);
  return self->request_view != NULL ? HZ_FORM_VIEW (self->request_view) : NULL;
}

static void
on_opinion_save_clicked (GtkButton      *button,
                         HzReferralPage *self)
{
  hz_referral_page_save_opinion (self, NULL);
}

static void
on_opinion_sign_clicked (GtkButton      *button,
                         HzReferralPage *self)
{
  hz_referral_page_sign_opinion (self, NULL);
}

static void
on_opinion_amend_clicked (GtkButton      *button,
                          HzReferralPage *self)
{
  hz_referral_page_amend_opinion (self);
}

/* ------------------------------------------------------------------ */
/* Files: PDF, export, import */

gboolean
hz_referral_page_write_pdf (HzReferralPage  *self,
                            gboolean         opinion,
                            GFile           *file,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *message = NULL;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);
  g_return_val_if_fail (self->task_id != NULL, FALSE);

  if (!hz_referral_write_pdf (get_store (self), self->task_id, opinion, path, &local_error))
    {
      /* Translators: a file name and what went wrong */
      message = g_strdup_printf (_("Could not write “%s”: %s"), path, local_error->message);
      show_error (self->detail_error, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self->detail_error, NULL);
  {
    g_autofree char *name = g_file_get_basename (file);

    /* Translators: a file name */
    message = g_strdup_printf (_("Saved “%s”"), name);
    show_message (self, message);
  }
  return TRUE;
}

gboolean
hz_referral_page_export (HzReferralPage  *self,
                         GFile           *file,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);
  g_return_val_if_fail (self->task_id != NULL, FALSE);

  text = hz_referral_export (get_store (self), self->task_id, path, &length, &local_error);
  if (text == NULL || !g_file_set_contents (path, text, length, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not write “%s”: %s"), path, local_error->message);

      show_error (self->detail_error, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self->detail_error, NULL);
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

    show_message (self, message);
  }
  return TRUE;
}

gboolean
hz_referral_page_import_file (HzReferralPage  *self,
                              GFile           *file,
                              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *task_id = NULL;
  gsize length = 0;

  g_return_val_if_fail (HZ_IS_REFERRAL_PAGE (self), FALSE);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read “%s”: %s"), name, local_error->message);

      show_error (self->list_error, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* the library's messages name the file */
  if (!hz_referral_import (get_store (self), contents, length, name, &task_id, &local_error))
    {
      show_error (self->list_error, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self->list_error, NULL);
  {
    g_autoptr(HzReferral) referral = hz_referral_get (get_store (self), task_id, NULL, NULL);
    g_autofree char *message = NULL;

    if (referral != NULL && g_strcmp0 (referral->case_id, hz_case_get_id (self->kase)) != 0)
      /* Translators: %s is a patient's name */
      message = g_strdup_printf (_("Referral imported into the case of %s"),
                                 referral->patient_name != NULL ? referral->patient_name : referral->case_id);
    else
      message = g_strdup (_("Referral imported"));
    show_message (self, message);
  }
  return TRUE;
}

static void
on_save_dialog_response (GtkNativeDialog *dialog,
                         int              response,
                         HzReferralPage  *self)
{
  const char *what = g_object_get_data (G_OBJECT (dialog), "hz-what");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL && self->task_id != NULL)
    {
      if (g_strcmp0 (what, "export") == 0)
        hz_referral_page_export (self, file, NULL);
      else
        hz_referral_page_write_pdf (self, g_strcmp0 (what, "opinion") == 0, file, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
filter_new (const char *name,
            const char *mime_type,
            const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static void
ask_file (HzReferralPage *self,
          const char     *what,
          const char     *title,
          const char     *name,
          GtkFileFilter  *filter)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_object_set_data_full (G_OBJECT (dialog), "hz-what", g_strdup (what), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_dialog_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* a file name of the referral: 转诊单-刘海燕-20261204.pdf */
static char *
dup_file_name (HzReferralPage *self,
               const char     *what,
               const char     *extension)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  const char *name = hz_case_get_patient_name (self->kase);

  return g_strdup_printf ("%s-%s-%s.%s", what, name != NULL ? name : hz_case_get_id (self->kase), day, extension);
}

static void
on_pdf_clicked (GtkButton      *button,
                HzReferralPage *self)
{
  gboolean opinion = g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->detail_stack)),
                                "opinion") == 0;
  HzForm *form = opinion ? self->opinion_form : self->request_form;
  g_autofree char *name = dup_file_name (self, form != NULL ? hz_form_get_title (form) : _("Referral"), "pdf");

  ask_file (self, opinion ? "opinion" : "request", _("Print / Save PDF"), name,
            filter_new (_("PDF documents"), "application/pdf", "*.pdf"));
}

static void
on_export_clicked (GtkButton      *button,
                   HzReferralPage *self)
{
  g_autofree char *name = dup_file_name (self, _("referral"), "json");

  ask_file (self, "export", _("Export Bundle"), name,
            filter_new (_("FHIR Bundles (JSON)"), "application/json", "*.json"));
}

static void
on_import_dialog_response (GtkNativeDialog *dialog,
                           int              response,
                           HzReferralPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    hz_referral_page_import_file (self, file, NULL);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_import_clicked (GtkButton      *button,
                   HzReferralPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = filter_new (_("FHIR Bundles (JSON)"), "application/json", "*.json");

  dialog = gtk_file_chooser_native_new (_("Import Referral"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_dialog_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         HzReferralPage *self)
{
  GSList *files = G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ? gdk_file_list_get_files (g_value_get_boxed (value)) : NULL;
  gboolean any = FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    any |= hz_referral_page_import_file (self, l->data, NULL);
  g_slist_free (files);
  return any;
}

/* --- send ----------------------------------------------------------- */

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzReferralPage *self;
  guint status = 0;

  if (!hz_referral_send_finish (result, &status, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_REFERRAL_PAGE (user_data);
  if (error != NULL)
    show_error (self->detail_error, error->message);
  else
    {
      show_error (self->detail_error, NULL);
      show_message (self, _("Referral sent"));
    }
}

void
hz_referral_page_send (HzReferralPage *self,
                       const char     *url,
                       const char     *token)
{
  g_return_if_fail (HZ_IS_REFERRAL_PAGE (self));
  g_return_if_fail (self->task_id != NULL);

  hz_referral_send_async (get_store (self), self->task_id, url, token, self->cancellable, on_sent, self);
}

static void
on_send_response (AdwMessageDialog *dialog,
                  const char       *response,
                  HzReferralPage   *self)
{
  GtkEditable *url = g_object_get_data (G_OBJECT (dialog), "hz-url");
  GtkEditable *token = g_object_get_data (G_OBJECT (dialog), "hz-token");

  if (g_strcmp0 (response, "send") == 0 && self->task_id != NULL)
    hz_referral_page_send (self, gtk_editable_get_text (url), gtk_editable_get_text (token));
}

static void
on_send_url_changed (GtkEditable      *url,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "send", *gtk_editable_get_text (url) != '\0');
}

static void
on_send_clicked (GtkButton      *button,
                 HzReferralPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Send the Referral"),
                                              _("The referral goes as a FHIR transaction Bundle to the "
                                                "receiving hospital's endpoint."));
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *url = adw_entry_row_new ();
  GtkWidget *token = adw_password_entry_row_new ();

  gtk_widget_add_css_class (box, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (url), _("Endpoint URL"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (token), _("Access token (optional)"));
  if (g_getenv ("HUIZHEN_SEND_URL") != NULL)
    gtk_editable_set_text (GTK_EDITABLE (url), g_getenv ("HUIZHEN_SEND_URL"));
  gtk_list_box_append (GTK_LIST_BOX (box), url);
  gtk_list_box_append (GTK_LIST_BOX (box), token);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "hz-url", url);
  g_object_set_data (G_OBJECT (dialog), "hz-token", token);
  g_signal_connect (url, "changed", G_CALLBACK (on_send_url_changed), dialog);
  on_send_url_changed (GTK_EDITABLE (url), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_send_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Building */

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

static GtkWidget *
named_button (const char *label,
              const char *name,
              GCallback   callback,
              gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *name,
             GCallback   callback,
             gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, name);
  hz_ui_set_accessible_label (button, label);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

static void
build_list (HzReferralPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *placeholder = gtk_label_new (_("No referrals or consultation requests for this case"));
  GtkWidget *import = named_button (_("_Import Referral…"), "referral-import", G_CALLBACK (on_import_clicked), self);
  GtkWidget *hint = gtk_label_new (_("A referral Bundle (.json) can also be dropped here."));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Referrals and consultations"));
  gtk_box_append (GTK_BOX (buttons), import);
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("New _referral"), "referral"));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("New _consultation request"), "consultation-request"));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "referral-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list);
  self->list_error = error_label_new ();
  gtk_widget_set_name (self->list_error, "referral-list-error");
  gtk_widget_set_margin_top (self->list_error, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_error);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_halign (hint, GTK_ALIGN_END);
  gtk_widget_set_margin_top (hint, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hint);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_stack_add_named (GTK_STACK (self->stack), page, "list");
}

static void
build_form (HzReferralPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *discard = named_button (_("_Discard Draft"), "referral-discard", G_CALLBACK (on_discard_clicked), self);
  GtkWidget *save = named_button (_("_Save as Draft Referral"), "referral-save", G_CALLBACK (on_save_clicked), self);

  self->form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->form_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->form_title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (self->form_title), 0);
  self->form_note = gtk_label_new (NULL);
  gtk_widget_set_name (self->form_note, "referral-draft-note");
  gtk_widget_add_css_class (self->form_note, "dim-label");
  gtk_widget_add_css_class (self->form_note, "caption");
  gtk_label_set_xalign (GTK_LABEL (self->form_note), 0);
  gtk_box_append (GTK_BOX (titles), self->form_title);
  gtk_box_append (GTK_BOX (titles), self->form_note);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_tooltip_text (discard, _("The draft is set aside; it stays in the case's history"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_box_append (GTK_BOX (bar), titles);
  gtk_box_append (GTK_BOX (bar), discard);
  gtk_box_append (GTK_BOX (bar), save);
  self->form_error = error_label_new ();
  gtk_widget_set_margin_start (self->form_error, 12);
  gtk_widget_set_margin_end (self->form_error, 12);
  gtk_box_append (GTK_BOX (self->form_box), bar);
  gtk_box_append (GTK_BOX (self->form_box), self->form_error);
  gtk_stack_add_named (GTK_STACK (self->stack), self->form_box, "form");
}

static GtkWidget *
tab_box_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  return box;
}

static void
build_detail (HzReferralPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *files = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *switcher = adw_view_switcher_new ();
  GtkWidget *opinion_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *request_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *history_scroll = gtk_scrolled_window_new ();
  GtkWidget *history_clamp = adw_clamp_new ();
  AdwViewStackPage *page;

  hz_ui_set_accessible_label (back, _("Back to the referrals"));
  gtk_widget_set_name (back, "referral-back");
  gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
  g_signal_connect (back, "clicked", G_CALLBACK (on_back_clicked), self);
  self->detail_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->detail_title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (self->detail_title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->detail_title), PANGO_ELLIPSIZE_END);
  self->detail_subtitle = gtk_label_new (NULL);
  gtk_widget_set_name (self->detail_subtitle, "referral-detail-status");
  gtk_widget_add_css_class (self->detail_subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->detail_subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->detail_subtitle), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (titles), self->detail_title);
  gtk_box_append (GTK_BOX (titles), self->detail_subtitle);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (files), icon_button ("document-print-symbolic", _("Print / Save PDF…"), "referral-pdf",
                                                G_CALLBACK (on_pdf_clicked), self));
  gtk_box_append (GTK_BOX (files), icon_button ("document-save-as-symbolic", _("Export Bundle…"), "referral-export",
                                                G_CALLBACK (on_export_clicked), self));
  gtk_box_append (GTK_BOX (files), icon_button ("mail-send-symbolic", _("Send…"), "referral-send",
                                                G_CALLBACK (on_send_clicked), self));
  gtk_widget_set_valign (files, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), titles);
  gtk_box_append (GTK_BOX (bar), files);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_box_append (GTK_BOX (box), bar);

  /* the status changes the flow allows, a reason where one is needed */
  self->status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_name (self->status_box, "referral-status-actions");
  gtk_widget_set_margin_start (self->status_box, 12);
  gtk_widget_set_margin_end (self->status_box, 12);
  self->reason_entry = gtk_entry_new ();
  gtk_widget_set_name (self->reason_entry, "referral-reason");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->reason_entry), 20);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->reason_entry), _("Reason (to reject or cancel)"));
  gtk_box_append (GTK_BOX (self->status_box), self->reason_entry);
  gtk_box_append (GTK_BOX (box), self->status_box);
  self->detail_error = error_label_new ();
  gtk_widget_set_name (self->detail_error, "referral-detail-error");
  gtk_widget_set_margin_start (self->detail_error, 12);
  gtk_widget_set_margin_end (self->detail_error, 12);
  gtk_box_append (GTK_BOX (box), self->detail_error);

  self->detail_stack = adw_view_stack_new ();
  gtk_widget_set_vexpand (self->detail_stack, TRUE);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (self->detail_stack));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), self->detail_stack);

  /* the request form */
  self->request_box = tab_box_new ();
  self->request_save = named_button (_("Save _Changes"), "referral-request-save",
                                     G_CALLBACK (on_request_save_clicked), self);
  gtk_widget_add_css_class (self->request_save, "suggested-action");
  gtk_widget_set_halign (request_bar, GTK_ALIGN_END);
  gtk_widget_set_margin_end (request_bar, 12);
  gtk_box_append (GTK_BOX (request_bar), self->request_save);
  gtk_box_append (GTK_BOX (self->request_box), request_bar);
  self->request_placeholder = gtk_label_new (_("No request form was filled in for this referral: its status history says what was asked"));
  gtk_label_set_wrap (GTK_LABEL (self->request_placeholder), TRUE);
  gtk_widget_add_css_class (self->request_placeholder, "dim-label");
  gtk_widget_set_margin_top (self->request_placeholder, 24);
  gtk_widget_set_margin_start (self->request_placeholder, 24);
  gtk_widget_set_margin_end (self->request_placeholder, 24);
  gtk_box_append (GTK_BOX (self->request_box), self->request_placeholder);
  self->request_page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->detail_stack), self->request_box,
                                                  "request", _("Request"));
  adw_view_stack_page_set_icon_name (self->request_page, "document-edit-symbolic");

  /* the status history */
  self->history_list = gtk_list_box_new ();
  gtk_widget_set_name (self->history_list, "referral-history");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->history_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->history_list, "boxed-list");
  gtk_widget_set_valign (self->history_list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->history_list, 12);
  gtk_widget_set_margin_bottom (self->history_list, 12);
  adw_clamp_set_child (ADW_CLAMP (history_clamp), self->history_list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (history_scroll), history_clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (history_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->detail_stack), history_scroll, "history",
                                    _("Status History"));
  adw_view_stack_page_set_icon_name (page, "document-open-recent-symbolic");

  /* the opinion */
  self->opinion_box = tab_box_new ();
  self->opinion_signed = gtk_label_new (NULL);
  gtk_widget_set_name (self->opinion_signed, "referral-opinion-signed");
  gtk_widget_add_css_class (self->opinion_signed, "success");
  gtk_label_set_xalign (GTK_LABEL (self->opinion_signed), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->opinion_signed), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->opinion_signed, TRUE);
  self->opinion_save = named_button (_("Save _Opinion"), "referral-opinion-save",
                                     G_CALLBACK (on_opinion_save_clicked), self);
  self->opinion_sign = named_button (_("Si_gn"), "referral-opinion-sign",
                                     G_CALLBACK (on_opinion_sign_clicked), self);
  gtk_widget_add_css_class (self->opinion_sign, "suggested-action");
  gtk_widget_set_tooltip_text (self->opinion_sign, _("Sign the opinion as it is: it becomes read-only"));
  self->opinion_amend = named_button (_("_Amend"), "referral-opinion-amend",
                                      G_CALLBACK (on_opinion_amend_clicked), self);
  gtk_widget_set_tooltip_text (self->opinion_amend, _("Write a new version of the signed opinion, to sign again"));
  self->opinion_placeholder = gtk_label_new (_("No opinion yet: it is written once the consultation is accepted"));
  gtk_widget_add_css_class (self->opinion_placeholder, "dim-label");
  gtk_widget_set_margin_top (self->opinion_placeholder, 24);
  gtk_widget_set_margin_start (opinion_bar, 12);
  gtk_widget_set_margin_end (opinion_bar, 12);
  gtk_box_append (GTK_BOX (opinion_bar), self->opinion_signed);
  gtk_box_append (GTK_BOX (opinion_bar), self->opinion_amend);
  gtk_box_append (GTK_BOX (opinion_bar), self->opinion_save);
  gtk_box_append (GTK_BOX (opinion_bar), self->opinion_sign);
  gtk_box_append (GTK_BOX (self->opinion_box), opinion_bar);
  gtk_box_append (GTK_BOX (self->opinion_box), self->opinion_placeholder);
  self->opinion_page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->detail_stack), self->opinion_box,
                                                  "opinion", _("Consultation Opinion"));
  adw_view_stack_page_set_icon_name (self->opinion_page, "emblem-ok-symbolic");

  gtk_stack_add_named (GTK_STACK (self->stack), box, "detail");
}

static void
build (HzReferralPage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  build_list (self);
  build_form (self);
  build_detail (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* Leaving the page keeps what was typed */
static void
hz_referral_page_unmap (GtkWidget *widget)
{
  hz_referral_page_flush_draft (HZ_REFERRAL_PAGE (widget));
  GTK_WIDGET_CLASS (hz_referral_page_parent_class)->unmap (widget);
}

static void
hz_referral_page_dispose (GObject *object)
{
  HzReferralPage *self = HZ_REFERRAL_PAGE (object);

  if (live_pages != NULL)
    g_ptr_array_remove (live_pages, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  g_clear_handle_id (&self->opinion_timeout, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->form);
  g_clear_object (&self->request_form);
  g_clear_object (&self->opinion_form);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_referral_page_parent_class)->dispose (object);
}

static void
hz_referral_page_finalize (GObject *object)
{
  HzReferralPage *self = HZ_REFERRAL_PAGE (object);

  g_hash_table_unref (self->rows);
  g_free (self->draft_id);
  g_free (self->draft_version);
  g_free (self->task_id);
  g_free (self->pending_task);
  g_free (self->request_version);
  g_free (self->opinion_version);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_referral_page_parent_class)->finalize (object);
}

static void
hz_referral_page_class_init (HzReferralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_referral_page_dispose;
  object_class->finalize = hz_referral_page_finalize;
  widget_class->unmap = hz_referral_page_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hz_referral_page_init (HzReferralPage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  build (self);
}

GtkWidget *
hz_referral_page_new (HzCase *kase)
{
  HzReferralPage *self;
  const char *pending;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_REFERRAL_PAGE, NULL);
  self->kase = g_object_ref (kase);
  self->changed_handler = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
  update_rows (self);
  hz_referral_page_resume_draft (self);

  if (live_pages == NULL)
    live_pages = g_ptr_array_new ();
  g_ptr_array_add (live_pages, self);
  pending = pending_opens != NULL ? g_hash_table_lookup (pending_opens, hz_case_get_id (kase)) : NULL;
  if (pending != NULL)
    {
      hz_referral_page_open (self, pending);
      g_hash_table_remove (pending_opens, hz_case_get_id (kase));
    }
  /* for screenshots: `HUIZHEN_REFERRAL_OPEN=TASK-ID huizhen --case … --page referral` */
  else if (g_getenv ("HUIZHEN_REFERRAL_OPEN") != NULL &&
           lookup (self, "Task", g_getenv ("HUIZHEN_REFERRAL_OPEN")) != NULL)
    hz_referral_page_open (self, g_getenv ("HUIZHEN_REFERRAL_OPEN"));
  return GTK_WIDGET (self);
}

void
hz_referral_page_open_when_shown (const char *case_id,
                                  const char *task_id)
{
  g_return_if_fail (case_id != NULL && task_id != NULL);

  /* the newest first: the page of the workspace open now */
  for (guint i = live_pages != NULL ? live_pages->len : 0; i > 0; i--)
    {
      HzReferralPage *page = g_ptr_array_index (live_pages, i - 1);

      /* a page of a workspace closed may linger a moment, out of any window */
      if (page->kase != NULL && g_strcmp0 (hz_case_get_id (page->kase), case_id) == 0 &&
          gtk_widget_get_root (GTK_WIDGET (page)) != NULL)
        {
          hz_referral_page_open (page, task_id);
          return;
        }
    }
  if (pending_opens == NULL)
    pending_opens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (pending_opens, g_strdup (case_id), g_strdup (task_id));
}
