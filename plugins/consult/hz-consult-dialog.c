/* hz-consult-dialog.c — the 会诊申请 dialog that starts a remote consultation
 *
 * What is asked becomes the same consultation request (会诊申请单, form
 * consultation-request, consult-type remote) that the referral page
 * writes, through hz_referral_build_create(); the consent check uses
 * hz_consult_find_unconsented(), and a consent captured now is written in
 * the same transaction (hz_save_bundle_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-consult-private.h"

#define REQUEST_FORM "consultation-request"

struct _HzConsultDialog
{
  AdwWindow     parent_instance;

  HzWorkspace  *workspace;
  GHashTable   *fields;          /* name → widget */
  GtkWidget    *consent_status;
  GtkWidget    *error_label;
  GtkWidget    *start_button;
  GCancellable *cancellable;
  HzConsultRequest *pending;     /* being saved */
};

G_DEFINE_FINAL_TYPE (HzConsultDialog, hz_consult_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const HzTeam teams[] = {
  HZ_TEAM_OBSTETRICS, HZ_TEAM_REPRODUCTIVE, HZ_TEAM_PSYCHOLOGY, HZ_TEAM_NUTRITION,
};

void
hz_consult_request_free (HzConsultRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->url);
  g_free (request->token);
  g_strfreev (request->sites);
  g_strfreev (request->teams);
  g_free (request->request_id);
  g_free (request->bundle);
  g_free (request->page);
  g_free (request);
}

HzConsultRequest *
hz_consult_request_copy (const HzConsultRequest *request)
{
  HzConsultRequest *copy = g_new0 (HzConsultRequest, 1);

  copy->url = g_strdup (request->url);
  copy->token = g_strdup (request->token);
  copy->sites = g_strdupv (request->sites);
  copy->teams = g_strdupv (request->teams);
  copy->request_id = g_strdup (request->request_id);
  copy->bundle = g_strdup (request->bundle);
  copy->page = g_strdup (request->page);
  return copy;
}

GtkWidget *
hz_consult_dialog_get_field (HzConsultDialog *self,
                             const char      *name)
{
  g_return_val_if_fail (HZ_IS_CONSULT_DIALOG (self), NULL);

  return g_hash_table_lookup (self->fields, name);
}

static const char *
field_text (HzConsultDialog *self,
            const char      *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (hz_consult_dialog_get_field (self, name)));
}

static gboolean
field_active (HzConsultDialog *self,
              const char      *name)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (hz_consult_dialog_get_field (self, name)));
}

static void
show_error (HzConsultDialog *self,
            const char      *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static void
update_consent (HzConsultDialog *self)
{
  HzCase *kase = hz_workspace_get_case (self->workspace);
  g_auto(GStrv) sites = hz_consult_split_sites (field_text (self, "sites"));
  g_auto(GStrv) missing = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  if (sites[0] == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->consent_status),
                                   _("Name the invited sites to check the patient's consent"));
      return;
    }
  missing = hz_consult_find_unconsented (kase, (const char * const *) sites);
  if (missing[0] == NULL)
    {
      joined = g_strjoinv ("、", sites);
      /* Translators: %s: the sites, e.g. 省妇幼保健院、市中心医院 */
      text = g_strdup_printf (_("Recorded: the patient agreed to share the case with %s"), joined);
    }
  else
    {
      joined = g_strjoinv ("、", missing);
      /* Translators: %s: the sites without consent */
      text = g_strdup_printf (_("Not recorded for %s: confirm below that the patient signed the consent, "
                                "and it is recorded now in your name"), joined);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->consent_status), text);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_bundle_finish (result, &error);
  HzConsultDialog *self;
  g_autoptr(HzConsultRequest) request = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_CONSULT_DIALOG (user_data);
  request = g_steal_pointer (&self->pending);
  gtk_widget_set_sensitive (self->start_button, TRUE);

  if (outcome == HZ_SAVE_FAILED)
    {
      show_error (self, error->message);
      return;
    }
  if (outcome == HZ_SAVE_DISCARDED)
    return;

  g_signal_emit (self, signals[SIGNAL_START], 0, request);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
hz_consult_dialog_start (HzConsultDialog *self)
{
  HzCase *kase = hz_workspace_get_case (self->workspace);
  HzStore *store = hz_workspace_get_store (self->workspace);
  const HzActor *actor = hz_store_get_actor (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));
  g_autoptr(GError) error = NULL;
  g_autoptr(HzForm) form = NULL;
  g_autoptr(HzFormAnswers) answers = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GStrvBuilder) team_codes = g_strv_builder_new ();
  g_autoptr(GString) specialties = g_string_new (NULL);
  g_autoptr(HzConsultRequest) request = g_new0 (HzConsultRequest, 1);
  g_auto(GStrv) missing = NULL;
  g_autofree char *sites_text = NULL;
  char *task_id = NULL;

  g_return_val_if_fail (HZ_IS_CONSULT_DIALOG (self), FALSE);

  request->sites = hz_consult_split_sites (field_text (self, "sites"));
  request->url = g_strstrip (g_strdup (field_text (self, "url")));
  request->token = g_strstrip (g_strdup (field_text (self, "token")));
  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    {
      g_autofree char *name = g_strdup_printf ("team-%s", hz_team_to_string (teams[i]));

      if (!field_active (self, name))
        continue;
      g_strv_builder_add (team_codes, hz_team_to_string (teams[i]));
      if (specialties->len > 0)
        g_string_append (specialties, "、");
      /* the form is Chinese whatever the UI's language */
      g_string_append (specialties, hz_team_get_chinese_name (teams[i]));
    }
  request->teams = g_strv_builder_end (team_codes);

  if (request->sites[0] == NULL)
    {
      show_error (self, _("Invited sites: name at least one hospital to consult"));
      return FALSE;
    }
  if (request->teams[0] == NULL)
    {
      show_error (self, _("Teams wanted: choose at least one team"));
      return FALSE;
    }
  if (request->url[0] == '\0' || request->token[0] == '\0')
    {
      show_error (self, _("Consultation server: give its address and your invitation token"));
      return FALSE;
    }

  /* The consent: recorded already for every site, or captured now */
  missing = hz_consult_find_unconsented (kase, (const char * const *) request->sites);
  if (missing[0] != NULL && !field_active (self, "consent"))
    {
      g_autofree char *joined = g_strjoinv ("、", missing);
      g_autofree char *message = g_strdup_printf (_("Consent: the patient has not agreed to share the case with %s. "
                                                    "Confirm that she signed the consent to record it now."),
                                                  joined);
      show_error (self, message);
      return FALSE;
    }

  /* The request, as the referral page makes it */
  form = hz_form_load (REQUEST_FORM, &error);
  if (form == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  answers = hz_form_answers_new ();
  hz_form_prefill (form, answers, kase, actor, today);
  sites_text = g_strjoinv ("、", request->sites);
  hz_form_answers_set (answers, "consult-type", HZ_FORM_VALUE_STRING, "remote");
  hz_form_answers_set (answers, "to-hospital", HZ_FORM_VALUE_STRING, sites_text);
  hz_form_answers_set (answers, "specialty", HZ_FORM_VALUE_STRING, specialties->str);
  hz_form_answers_set (answers, "urgency", HZ_FORM_VALUE_STRING, "routine");
  hz_form_answers_set (answers, "reason", HZ_FORM_VALUE_STRING, field_text (self, "reason"));
  hz_form_answers_set (answers, "case-summary", HZ_FORM_VALUE_STRING, field_text (self, "summary"));
  hz_form_answers_set (answers, "question", HZ_FORM_VALUE_STRING, field_text (self, "question"));
  hz_form_answers_set (answers, "remote-consent", HZ_FORM_VALUE_BOOLEAN, "true");
  if (hz_form_answers_get (answers, "diagnoses") == NULL)
    hz_form_answers_set (answers, "diagnoses", HZ_FORM_VALUE_STRING, "无");

  resources = hz_referral_build_create (store, kase, form, answers, NULL, NULL, today, &task_id, &error);
  if (resources == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  request->request_id = task_id;

  if (missing[0] != NULL)
    {
      JsonObject *consent = hz_consult_build_consent (kase, (const char * const *) missing,
                                                      field_text (self, "scope"), actor, &error);

      if (consent == NULL)
        {
          show_error (self, error->message);
          return FALSE;
        }
      g_ptr_array_insert (resources, 0, consent);
    }

  show_error (self, NULL);
  gtk_widget_set_sensitive (self->start_button, FALSE);
  hz_consult_request_free (self->pending);
  self->pending = g_steal_pointer (&request);
  hz_save_bundle_async (GTK_WIDGET (self), store, hz_case_get_id (kase), resources,
                        self->cancellable, on_saved, self);
  return TRUE;
}

/* ------------------------------------------------------------------ */

static GtkWidget *
add_entry (HzConsultDialog *self,
           AdwPreferencesGroup *group,
           const char      *name,
           const char      *title,
           const char      *text,
           gboolean         password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (name), row);
  return row;
}

static GtkWidget *
add_check (HzConsultDialog     *self,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *subtitle,
           gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (name), check);
  return check;
}

static void
on_start_clicked (GtkButton       *button,
                  HzConsultDialog *self)
{
  hz_consult_dialog_start (self);
}

static void
on_sites_changed (GtkEditable     *editable,
                  HzConsultDialog *self)
{
  update_consent (self);
}

static void
build (HzConsultDialog *self)
{
  HzCase *kase = hz_workspace_get_case (self->workspace);
  const HzActor *actor = hz_store_get_actor (hz_workspace_get_store (self->workspace));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group;
  g_autofree char *title = g_strdup_printf (_("Consultation Request — %s"), hz_case_get_patient_name (kase));
  g_autofree char *recorder = hz_actor_dup_display (actor);
  g_autofree char *recorder_text = NULL;
  GtkWidget *sites;

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self->workspace))));

  self->start_button = gtk_button_new_with_mnemonic (_("_Start Consultation"));
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  g_signal_connect (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->start_button);
  gtk_box_append (GTK_BOX (box), header);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Consultation Request"));
  adw_preferences_group_set_description (group, _("Kept on the case as a consultation request (会诊申请单)"));
  add_entry (self, group, "reason", _("Reason for consultation"), NULL, FALSE);
  add_entry (self, group, "question", _("Question to answer"), NULL, FALSE);
  add_entry (self, group, "summary", _("Case summary"), NULL, FALSE);
  sites = add_entry (self, group, "sites", _("Invited sites (separate with 、)"), NULL, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Teams Wanted"));
  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    {
      g_autofree char *name = g_strdup_printf ("team-%s", hz_team_to_string (teams[i]));

      add_check (self, group, name, hz_team_get_display_name (teams[i]), NULL,
                 actor != NULL && actor->team == teams[i]);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Informed Consent"));
  self->consent_status = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_status), _("Consent to share the case"));
  adw_preferences_group_add (group, self->consent_status);
  recorder_text = g_strdup_printf (_("Recorded by %s"), recorder != NULL ? recorder : "—");
  add_check (self, group, "consent", _("The patient signed the consent to remote consultation"),
             recorder_text, FALSE);
  add_entry (self, group, "scope", _("What is shared"), "病历摘要、检查结果、影像", FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Consultation Server"));
  add_entry (self, group, "url", _("Server address"), g_getenv ("HUIZHEN_CONSULT_URL"), FALSE);
  add_entry (self, group, "token", _("Invitation token"), g_getenv ("HUIZHEN_CONSULT_TOKEN"), TRUE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_start (self->error_label, 18);
  gtk_widget_set_margin_end (self->error_label, 18);
  gtk_widget_set_margin_bottom (self->error_label, 12);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->error_label);

  adw_window_set_content (ADW_WINDOW (self), box);
  g_signal_connect (sites, "changed", G_CALLBACK (on_sites_changed), self);
  update_consent (self);
}

static void
hz_consult_dialog_dispose (GObject *object)
{
  HzConsultDialog *self = HZ_CONSULT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->pending, hz_consult_request_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (hz_consult_dialog_parent_class)->dispose (object);
}

static void
hz_consult_dialog_class_init (HzConsultDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_consult_dialog_dispose;

  signals[SIGNAL_START] =
    g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
hz_consult_dialog_init (HzConsultDialog *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

HzConsultDialog *
hz_consult_dialog_new (HzWorkspace *workspace)
{
  HzConsultDialog *self = g_object_new (HZ_TYPE_CONSULT_DIALOG, NULL);

  self->workspace = g_object_ref (workspace);
  build (self);
  return self;
}
