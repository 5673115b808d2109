/* hz-imaging-pacs-dialog.c — search the regional imaging platform (区域影像平台)
 *
 * Every call to the PACS goes through HzDicomwebClient's _async variants
 * (a worker thread each), so the window never waits on the network; one
 * call runs at a time and the Cancel button stops it. The address is
 * remembered in the setting pacs-url once a search was asked of it; the
 * password and the token are never stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-imaging-pacs-dialog.h"

struct _HzImagingPacsDialog
{
  AdwWindow      parent_instance;

  HzImagingPage *page;            /* weak */
  HzCase        *kase;
  GSettings     *settings;
  GCancellable  *cancellable;     /* the running call, NULL when none */
  GPtrArray     *results;         /* HzDicomwebStudy */
  guint          pulse_id;

  GtkWidget     *url_row;
  GtkWidget     *user_row;
  GtkWidget     *password_row;
  GtkWidget     *token_row;
  GtkWidget     *patient_id_row;
  GtkWidget     *name_row;
  GtkWidget     *from_row;
  GtkWidget     *to_row;
  GtkWidget     *modality_row;
  GtkWidget     *search_button;
  GtkWidget     *cancel_button;
  GtkWidget     *status_label;
  GtkWidget     *progress;
  GtkWidget     *results_group;
  GtkWidget     *results_list;
  GtkWidget     *first_retrieve;  /* of the results shown, or NULL */
};

G_DEFINE_FINAL_TYPE (HzImagingPacsDialog, hz_imaging_pacs_dialog, ADW_TYPE_WINDOW)

/* The modalities a search can ask for; NULL: any */
static const struct
{
  const char *code;
  const char *name;
} modalities[] = {
  /* Translators: the modality of a PACS search: 全部检查类型, 超声 (US)… */
  { NULL, N_("Any modality") },
  { "US", N_("Ultrasound (US)") },
  { "CT", N_("CT") },
  { "MR", N_("MRI (MR)") },
  { "DX", N_("Radiography (DX)") },
  { "MG", N_("Mammography (MG)") },
};

/* --- status -------------------------------------------------------------------- */

static gboolean
pulse (gpointer data)
{
  HzImagingPacsDialog *self = data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress));
  return G_SOURCE_CONTINUE;
}

/* @message NULL: nothing to say; @busy: a call runs (pulsing, Cancel) */
static void
set_status (HzImagingPacsDialog *self,
            const char          *message,
            gboolean             is_error,
            gboolean             busy)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->status_label, message != NULL);
  if (is_error)
    gtk_widget_add_css_class (self->status_label, "error");
  else
    gtk_widget_remove_css_class (self->status_label, "error");
  gtk_widget_set_visible (self->progress, busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_sensitive (self->search_button, !busy);
  gtk_widget_set_sensitive (self->results_list, !busy);
  if (busy && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (150, pulse, self);
  else if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
on_cancel (HzImagingPacsDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* --- the client ------------------------------------------------------------------ */

static const char *
row_text (GtkWidget *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  while (text != NULL && g_ascii_isspace (*text))
    text++;
  return text != NULL && *text != '\0' ? text : NULL;
}

static HzDicomwebClient *
make_client (HzImagingPacsDialog  *self,
             GError              **error)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  const char *user = row_text (self->user_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *token = row_text (self->token_row);
  HzDicomwebClient *client;

  if (*url == '\0')
    {
      g_set_error_literal (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_INVALID_URL,
                           /* Translators: 请填写区域影像平台的 DICOMweb 地址 */
                           _("Give the DICOMweb address of the regional imaging platform"));
      return NULL;
    }
  client = hz_dicomweb_client_new (url, error);
  if (client == NULL)
    return NULL;
  if (token != NULL)
    hz_dicomweb_client_set_bearer_token (client, token);
  else if (user != NULL)
    hz_dicomweb_client_set_basic_auth (client, user, password);
  hz_dicomweb_client_set_timeout (client, 20);
  return client;
}

/* A YYYY-MM-DD day of @row as YYYY-MM-DD, "" when blank, NULL (and
 * @error) when it is not a day */
static char *
row_date (GtkWidget  *row,
          GError    **error)
{
  const char *text = row_text (row);
  GDate date;

  if (text == NULL)
    return g_strdup ("");
  if (strlen (text) != 10 || !hz_fhir_parse_date (text, &date))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: a bad date in the search: “11/14” 不是日期：请按 2026-11-01 的格式填写 */
                   _("“%s” is not a date: write it as 2026-11-01"), text);
      return NULL;
    }
  return g_strdup (text);
}

/* --- results ------------------------------------------------------------------- */

/* "周^雨桐" as 周雨桐, "LIU^HAIYAN" as LIU HAIYAN: the last group given
 * (ideographic after alphabetic) */
static char *
shown_name (const char *pn)
{
  g_auto(GStrv) groups = NULL;
  const char *group = NULL;
  GString *out;
  gboolean ascii;

  if (pn == NULL)
    return NULL;
  groups = g_strsplit (pn, "=", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    if (*groups[i] != '\0')
      group = groups[i];
  if (group == NULL)
    return NULL;
  ascii = g_str_is_ascii (group);
  out = g_string_new (NULL);
  for (const char *p = group; *p != '\0'; p++)
    if (*p != '^')
      g_string_append_c (out, *p);
    else if (ascii && out->len > 0 && p[1] != '\0' && p[1] != '^')
      g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static char *
study_subtitle (const HzDicomwebStudy *study)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = shown_name (study->patient_name);
  GDate date;

  g_date_clear (&date, 1);
  if (study->study_date != NULL && strlen (study->study_date) == 8)
    {
      /* DICOM DA, YYYYMMDD */
      g_autofree char *iso = g_strdup_printf ("%.4s-%.2s-%.2s", study->study_date, study->study_date + 4,
                                              study->study_date + 6);

      hz_fhir_parse_date (iso, &date);
    }
  if (g_date_valid (&date))
    {
      g_autofree char *day = hz_ui_format_gdate (&date);

      g_string_append (text, day);
    }
  if (study->modalities != NULL && *study->modalities != '\0')
    {
      g_autofree char *codes = g_strdup (study->modalities);

      g_strdelimit (codes, "\\", '/');
      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", codes);
    }
  g_string_append (text, text->len > 0 ? " · " : "");
  /* Translators: the images of a study found: 3 幅影像 */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", study->n_instances),
                          study->n_instances);
  if (name != NULL && study->patient_id != NULL)
    /* Translators: the patient of a study found: 周雨桐（ID 110101199…） */
    g_string_append_printf (text, _("\n%s (ID %s)"), name, study->patient_id);
  else if (name != NULL)
    g_string_append_printf (text, "\n%s", name);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_retrieve_clicked (GtkButton           *button,
                     HzImagingPacsDialog *self)
{
  hz_imaging_pacs_dialog_retrieve (self, g_object_get_data (G_OBJECT (button), "hz-study-uid"));
}

static void
show_results (HzImagingPacsDialog *self)
{
  GtkWidget *child;

  self->first_retrieve = NULL;
  while ((child = gtk_widget_get_first_child (self->results_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->results_list), child);
  for (guint i = 0; i < self->results->len; i++)
    {
      const HzDicomwebStudy *study = g_ptr_array_index (self->results, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Retrieve"));
      g_autofree char *subtitle = study_subtitle (study);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     study->description != NULL && *study->description != '\0'
                                     ? study->description
                                     /* Translators: 未命名的检查 */
                                     : _("Study without a description"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_name (row, "pacs-study");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "pacs-retrieve");
      /* Translators: 将该检查调阅到本病例 */
      gtk_widget_set_tooltip_text (button, _("Bring this study into the case"));
      g_object_set_data_full (G_OBJECT (button), "hz-study-uid", g_strdup (study->study_uid), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_retrieve_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      if (i == 0)
        self->first_retrieve = button;
      gtk_list_box_append (GTK_LIST_BOX (self->results_list), row);
    }
  gtk_widget_set_visible (self->results_group, self->results->len > 0);
}

/* --- search -------------------------------------------------------------------- */

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(HzImagingPacsDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) studies = hz_dicomweb_client_search_studies_finish (HZ_DICOMWEB_CLIENT (source),
                                                                            result, &error);
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  if (studies == NULL)
    {
      set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("The search was cancelled") : error->message,
                  !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED), FALSE);
      return;
    }
  g_ptr_array_unref (self->results);
  self->results = g_steal_pointer (&studies);
  show_results (self);
  if (self->results->len == 0)
    /* Translators: 区域影像平台上没有符合条件的检查 */
    message = g_strdup (_("The platform holds no study that matches"));
  else
    /* Translators: 找到 2 项检查 */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u study found", "%u studies found",
                                            self->results->len), self->results->len);
  set_status (self, message, FALSE, FALSE);
  /* the first Retrieve button takes the focus: the view scrolls to the results */
  if (self->first_retrieve != NULL)
    gtk_widget_grab_focus (self->first_retrieve);
}

void
hz_imaging_pacs_dialog_search (HzImagingPacsDialog *self)
{
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *range = NULL;
  g_autofree char *name = NULL;
  HzDicomwebQuery query = { 0, };
  guint modality;

  g_return_if_fail (HZ_IS_IMAGING_PACS_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  client = make_client (self, &error);
  if (client == NULL ||
      (from = row_date (self->from_row, &error)) == NULL ||
      (to = row_date (self->to_row, &error)) == NULL)
    {
      set_status (self, error->message, TRUE, FALSE);
      return;
    }
  g_settings_set_string (self->settings, "pacs-url", hz_dicomweb_client_get_url (client));
  if (*from != '\0' || *to != '\0')
    range = strcmp (from, to) == 0 ? g_strdup (from) : g_strdup_printf ("%s..%s", from, to);
  query.patient_id = row_text (self->patient_id_row);
  /* a name is matched from its start: 周 finds 周雨桐 */
  if (row_text (self->name_row) != NULL)
    name = g_str_has_suffix (row_text (self->name_row), "*") ? g_strdup (row_text (self->name_row))
                                                              : g_strconcat (row_text (self->name_row), "*", NULL);
  query.patient_name = name;
  query.date_range = range;
  modality = adw_combo_row_get_selected (ADW_COMBO_ROW (self->modality_row));
  query.modality = modality < G_N_ELEMENTS (modalities) ? modalities[modality].code : NULL;

  self->cancellable = g_cancellable_new ();
  /* Translators: 正在检索区域影像平台… */
  set_status (self, _("Searching the regional imaging platform…"), FALSE, TRUE);
  hz_dicomweb_client_search_studies_async (client, &query, self->cancellable, on_searched,
                                           g_object_ref (self));
}

/* --- retrieve ------------------------------------------------------------------ */

static void
on_retrieved (GObject      *source,
              GAsyncResult *res,
              gpointer      data)
{
  g_autoptr(HzImagingPacsDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzImagingImportResult) result = hz_dicomweb_client_retrieve_finish (HZ_DICOMWEB_CLIENT (source),
                                                                                 res, &error);
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  if (result == NULL)
    {
      set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("The retrieval was cancelled") : error->message,
                  !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED), FALSE);
      return;
    }
  /* Translators: 已调阅到本病例：新增 2 个，… */
  message = g_strdup_printf (_("Retrieved into the case: %u added, %u already in the case, %u refused"),
                             result->n_added, result->n_present, result->n_refused);
  set_status (self, message, result->n_refused > 0, FALSE);
  if (self->page != NULL)
    hz_imaging_page_show_outcome (self->page, result, FALSE);
}

void
hz_imaging_pacs_dialog_retrieve (HzImagingPacsDialog *self,
                                 const char          *study_uid)
{
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HZ_IS_IMAGING_PACS_DIALOG (self));
  g_return_if_fail (study_uid != NULL);

  if (self->cancellable != NULL)
    return;
  client = make_client (self, &error);
  if (client == NULL)
    {
      set_status (self, error->message, TRUE, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  /* Translators: 正在从区域影像平台调阅检查… */
  set_status (self, _("Retrieving the study from the regional imaging platform…"), FALSE, TRUE);
  hz_dicomweb_client_retrieve_async (client, hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                                     study_uid, NULL, self->cancellable, on_retrieved, g_object_ref (self));
}

gboolean
hz_imaging_pacs_dialog_get_busy (HzImagingPacsDialog *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PACS_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

GPtrArray *
hz_imaging_pacs_dialog_get_results (HzImagingPacsDialog *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PACS_DIALOG (self), NULL);

  return self->results;
}

/* --- building ------------------------------------------------------------------ */

/* The patient's 居民身份证号, else her MRN: what the platform knows her by */
static const char *
case_patient_id (HzCase *kase)
{
  HzResource *patient = hz_case_get_patient (kase);
  const HzJv *value = patient != NULL ? hz_resource_get_value (patient) : NULL;
  const char *id;

  if (value == NULL)
    return NULL;
  id = hz_fhir_jv_get_identifier (value, HZ_SYSTEM_ID_CARD);
  return id != NULL ? id : hz_fhir_jv_get_identifier (value, HZ_SYSTEM_MRN);
}

/* An entry row in @group (an AdwPreferencesGroup or AdwExpanderRow) */
static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           const char *name,
           gboolean    password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  if (ADW_IS_EXPANDER_ROW (group))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (group), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
hz_imaging_pacs_dialog_dispose (GObject *object)
{
  HzImagingPacsDialog *self = HZ_IMAGING_PACS_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_weak_pointer (&self->page);
  g_clear_object (&self->kase);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (hz_imaging_pacs_dialog_parent_class)->dispose (object);
}

static void
hz_imaging_pacs_dialog_class_init (HzImagingPacsDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_imaging_pacs_dialog_dispose;
}

static void
hz_imaging_pacs_dialog_init (HzImagingPacsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *platform = adw_preferences_group_new ();
  GtkWidget *search = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *sign_in;
  g_autoptr(GtkStringList) modality_names = gtk_string_list_new (NULL);

  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_dicomweb_study_free);
  self->settings = hz_settings_new ();

  /* Translators: the window's title: 检索区域影像平台 */
  gtk_window_set_title (GTK_WINDOW (self), _("Search the Regional Imaging Platform"));
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  /* Translators: the PACS settings: 区域影像平台, its DICOMweb address (地址), 用户名, 密码, 令牌 */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (platform), _("Regional imaging platform"));
  self->url_row = entry_row (platform, _("DICOMweb address"), "pacs-url", FALSE);
  /* Translators: the sign-in rows, folded: 登录, 平台要求登录时填写用户名和密码或令牌 */
  sign_in = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sign_in), _("Sign-in"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (sign_in),
                                 _("A user name and password, or a token, if the platform asks for one"));
  gtk_widget_set_name (sign_in, "pacs-sign-in");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (platform), sign_in);
  {
    g_autofree char *url = g_settings_get_string (self->settings, "pacs-url");

    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  }
  self->user_row = entry_row (sign_in, _("User name"), "pacs-user", FALSE);
  self->password_row = entry_row (sign_in, _("Password"), "pacs-password", TRUE);
  self->token_row = entry_row (sign_in, _("Token (instead of a password)"), "pacs-token", TRUE);

  /* Translators: what to search for: 检索条件, 患者 ID（身份证号或病案号）, 姓名, 检查日期自, 至, 检查类型 */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (search), _("Search for"));
  self->patient_id_row = entry_row (search, _("Patient ID (ID card number or MRN)"), "pacs-patient-id", FALSE);
  self->name_row = entry_row (search, _("Name"), "pacs-name", FALSE);
  self->from_row = entry_row (search, _("Study date from (2026-11-01)"), "pacs-from", FALSE);
  self->to_row = entry_row (search, _("Study date to (2026-11-30)"), "pacs-to", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (modalities); i++)
    gtk_string_list_append (modality_names, _(modalities[i].name));
  self->modality_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->modality_row), _("Modality"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->modality_row), G_LIST_MODEL (modality_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->modality_row), 0);
  gtk_widget_set_name (self->modality_row, "pacs-modality");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (search), self->modality_row);

  /* Translators: the buttons: 检索, 取消 */
  self->search_button = gtk_button_new_with_mnemonic (_("_Search"));
  gtk_widget_add_css_class (self->search_button, "suggested-action");
  gtk_widget_set_name (self->search_button, "pacs-search");
  g_signal_connect_swapped (self->search_button, "clicked", G_CALLBACK (hz_imaging_pacs_dialog_search), self);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_name (self->cancel_button, "pacs-cancel");
  gtk_widget_set_visible (self->cancel_button, FALSE);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (buttons), self->search_button);

  self->status_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->status_label, "pacs-status");
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->status_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_set_visible (self->status_label, FALSE);
  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_name (self->progress, "pacs-progress");
  gtk_widget_set_visible (self->progress, FALSE);

  self->results_group = adw_preferences_group_new ();
  /* Translators: 检索结果 */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->results_group), _("Studies found"));
  self->results_list = gtk_list_box_new ();
  gtk_widget_set_name (self->results_list, "pacs-results");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->results_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->results_list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->results_group), self->results_list);
  gtk_widget_set_visible (self->results_group, FALSE);

  gtk_box_append (GTK_BOX (content), platform);
  gtk_box_append (GTK_BOX (content), search);
  gtk_box_append (GTK_BOX (content), buttons);
  gtk_box_append (GTK_BOX (content), self->status_label);
  gtk_box_append (GTK_BOX (content), self->progress);
  gtk_box_append (GTK_BOX (content), self->results_group);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
hz_imaging_pacs_dialog_new (HzImagingPage *page)
{
  HzImagingPacsDialog *self;
  GtkRoot *root;
  const char *id;

  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (page), NULL);

  self = g_object_new (HZ_TYPE_IMAGING_PACS_DIALOG, NULL);
  g_set_weak_pointer (&self->page, page);
  self->kase = g_object_ref (hz_imaging_page_get_case (page));
  root = gtk_widget_get_root (GTK_WIDGET (page));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  id = case_patient_id (self->kase);
  if (id != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->patient_id_row), id);
  return GTK_WIDGET (self);
}
