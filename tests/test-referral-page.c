/* test-referral-page.c — the referral plugin in the huizhen window, as a
 * clinician uses it (GTK, under Xvfb)
 *
 * The window is the program's own (hz-test-app.h), its database seeded
 * with the demo cases, the plugins the build tree's. On the county
 * referral case (c3):
 *
 * - a new referral typed through the form rows: answers checked as they
 *   are typed, items shown by their enableWhen, a save with what is
 *   missing writes nothing, a good one is stored through the save path and
 *   its row comes from the case's change signal; status changes from the
 *   row's menu;
 * - what is typed is kept as a draft a moment later and when the page is
 *   left (a decimal keeps its digits: 65.50), resumed when the case opens
 *   again, and becomes the request form when it is saved;
 * - a consultation opened from the list: its history, the opinion typed,
 *   signed (read-only after), amended and signed again;
 * - the PDF of the request and the opinion (pdftotext finds the titles);
 * - a Bundle file imported (and dropped), its row shown; a bad one named;
 * - the window's inbox: every referral, filters, overdue highlighted, rows
 *   updated in place, a row opening its case on the referral.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-referral-page"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <hz-ui.h>
#include <libsoup/soup.h>

#include "hz-referral-private.h"
#include "hz-test-app.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"

#define CASE_ID "c3-episode"

/* --- helpers --------------------------------------------------------------- */

static HzStore *
get_store (void)
{
  return hz_window_get_store (hz_test_app_get_window ());
}

static HzReferralPage *
get_page (void)
{
  GtkWidget *page = hz_test_app_get_page ("referral");

  return page != NULL && HZ_IS_REFERRAL_PAGE (page) ? HZ_REFERRAL_PAGE (page) : NULL;
}

static gboolean
page_shown (gpointer data)
{
  HzCaseWorkspace *workspace = hz_test_app_get_workspace ();

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) &&
         g_strcmp0 (hz_case_workspace_get_case_id (workspace), data) == 0 && get_page () != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (get_page ()));
}

static void
open_case_on_page (const char *case_id)
{
  hz_window_show_page_when_open (hz_test_app_get_window (), "referral");
  hz_window_open_case (hz_test_app_get_window (), case_id);
  g_assert_true (hz_test_wait_until (page_shown, (gpointer) case_id));
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += ADW_IS_ACTION_ROW (child);
  return n;
}

static guint
count_shown_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += ADW_IS_ACTION_ROW (child) && gtk_widget_get_child_visible (child);
  return n;
}

/* The row whose title is @title, or NULL */
static GtkWidget *
find_row (GtkWidget  *list,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
      return child;
  return NULL;
}

static GtkWidget *
find_row_of_task (GtkWidget  *list,
                  const char *task_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "hz-task-id"), task_id) == 0)
      return child;
  return NULL;
}

typedef struct
{
  GtkWidget  *list;
  const char *title;
  const char *subtitle_prefix;
} RowWait;

static gboolean
row_is_there (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = find_row (wait->list, wait->title);

  return row != NULL &&
         (wait->subtitle_prefix == NULL ||
          g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), wait->subtitle_prefix));
}

static void
type_into (HzFormView *view,
           const char *link_id,
           const char *text)
{
  GtkWidget *row = hz_form_view_get_row (view, link_id);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
choose (HzFormView *view,
        const char *link_id,
        guint       index)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_form_view_get_row (view, link_id)), index);
}

static void
switch_on (HzFormView *view,
           const char *link_id)
{
  gtk_switch_set_active (g_object_get_data (G_OBJECT (hz_form_view_get_row (view, link_id)), "hz-switch"), TRUE);
}

static gboolean
form_closed (gpointer data)
{
  return hz_referral_page_get_form_view (get_page ()) == NULL;
}

static gboolean
label_shown (gpointer data)
{
  GtkWidget *label = hz_test_find_named (GTK_WIDGET (get_page ()), data);

  return label != NULL && gtk_widget_get_visible (label) && *gtk_label_get_text (GTK_LABEL (label)) != '\0';
}

static gboolean
label_hidden (gpointer data)
{
  return !label_shown (data);
}



static void
respond (const char *name,
         const char *answer)
{
  GtkWidget *dialog = hz_test_find_toplevel (name);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), answer);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The in-progress QuestionnaireResponses of the case (drafts of a request) */
static HzResource *
stored_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (get_store (), CASE_ID, &error);

  g_assert_no_error (error);
  return hz_referral_find_draft (kase);
}

static gboolean
draft_holds (gpointer data)
{
  g_autoptr(HzResource) draft = stored_draft ();
  g_autofree char *text = draft != NULL ? hz_resource_to_string (draft) : NULL;

  return text != NULL && strstr (text, data) != NULL;
}

static gboolean
no_draft (gpointer data)
{
  g_autoptr(HzResource) draft = stored_draft ();

  return draft == NULL;
}

static HzReferral *
find_referral (const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = hz_referral_list (get_store (), NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < referrals->len; i++)
    {
      HzReferral *referral = g_ptr_array_index (referrals, i);

      if (g_strcmp0 (referral->title, title) == 0)
        return g_ptr_array_steal_index (referrals, i);
    }
  return NULL;
}

/* pdftotext's text of @path; a missing tool fails the test, with a message */
static char *
pdf_text (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (tool == NULL)
    {
      g_test_message ("pdftotext is not installed (poppler-utils; build-aux/dev installs it)");
      g_test_fail ();
      return g_strdup ("");
    }
  g_spawn_sync (NULL, (char *[]) { tool, (char *) path, (char *) "-", NULL }, NULL, G_SPAWN_DEFAULT,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The county hospital writing to the same database: what it sends is
 * inbound here */
static HzStore *
county_store (void)
{
  g_autoptr(HzActor) county = hz_actor_new ("吴秀芬", HZ_TEAM_OBSTETRICS, "副主任医师", "临溪县人民医院");
  g_autoptr(GError) error = NULL;
  HzStore *store = hz_store_new (hz_test_app_get_db_path (), &error);

  g_assert_no_error (error);
  hz_store_set_actor (store, county);
  return store;
}

/* A consultation request of c3 from the county, through the library:
 * what arrives by import in real use. Returns its Task id. */
static char *
create_consultation (HzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (store, CASE_ID, &error);
  g_autoptr(HzForm) form = hz_form_load ("consultation-request", &error);
  g_autoptr(HzFormAnswers) answers = hz_form_answers_new_from_data (
    "{\"consult-type\": \"remote\", \"to-hospital\": \"测试医院\", \"specialty\": \"产科\", "
    "\"urgency\": \"urgent\", \"reason\": \"胎儿偏大\", \"case-summary\": \"孕31周，GDM A2级\", "
    "\"diagnoses\": \"妊娠期糖尿病\", \"question\": \"分娩时机？\", \"remote-consent\": true, "
    "\"doctor\": \"吴秀芬\", \"from-hospital\": \"临溪县人民医院\", \"date\": \"2026-12-01\"}",
    -1, "answers", &error);
  char *task_id;

  g_assert_no_error (error);
  hz_form_prefill (form, answers, kase, hz_store_get_actor (store), NULL);
  task_id = hz_referral_create (store, kase, form, answers, NULL, &error);
  g_assert_no_error (error);
  return task_id;
}

/* --- a new referral --------------------------------------------------------- */

static void
test_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzReferral) created = NULL;
  HzReferralPage *page;
  GtkWidget *list;
  GtkWidget *new_row;
  HzFormView *view;
  gint64 before;

  open_case_on_page (CASE_ID);
  page = get_page ();

  /* the demo's own referral up, under way */
  list = hz_referral_page_get_list (page);
  g_assert_cmpuint (count_rows (list), ==, 1);
  {
    GtkWidget *row = find_row (list, "上转云州市妇幼保健院高危产科：妊娠期糖尿病血糖控制不佳合并孕前肥胖");

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "In progress"));
  }

  /* a new referral, prefilled from the case */
  g_assert_true (hz_referral_page_start (page, "referral", &error));
  g_assert_no_error (error);
  view = hz_referral_page_get_form_view (page);
  g_assert_nonnull (view);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "patient-name"))), ==, "刘海燕");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "from-hospital"))), ==, "测试医院");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (hz_form_view_get_row (view, "reason"))),
                   ==, "Reason for referral *");

  /* checked as typed */
  type_into (view, "systolic", "abc");
  g_assert_cmpstr (hz_form_view_get_problem (view, "systolic"), ==,
                   "“Systolic blood pressure (mmHg)” must be a whole number, not “abc”");
  g_assert_true (gtk_widget_has_css_class (hz_form_view_get_row (view, "systolic"), "error"));
  type_into (view, "systolic", "251");
  g_assert_cmpstr (hz_form_view_get_problem (view, "systolic"), ==,
                   "“Systolic blood pressure (mmHg)” must be between 50 and 250, not 251");
  type_into (view, "systolic", "132");
  g_assert_null (hz_form_view_get_problem (view, "systolic"));
  g_assert_false (gtk_widget_has_css_class (hz_form_view_get_row (view, "systolic"), "error"));
  type_into (view, "patient-id-card", "330424199508091267");
  g_assert_nonnull (strstr (hz_form_view_get_problem (view, "patient-id-card"), "it should be 6"));
  type_into (view, "patient-id-card", "330424199508091266");
  g_assert_null (hz_form_view_get_problem (view, "patient-id-card"));

  /* enableWhen: down asks for the delivery date */
  g_assert_false (gtk_widget_get_visible (hz_form_view_get_row (view, "delivery-date")));
  choose (view, "direction", 2);
  g_assert_cmpstr (hz_form_answers_get (hz_form_view_get_answers (view), "direction")->text, ==, "down");
  g_assert_true (gtk_widget_get_visible (hz_form_view_get_row (view, "delivery-date")));
  g_assert_false (gtk_widget_get_visible (hz_form_view_get_row (view, "transport")));
  choose (view, "direction", 1);
  g_assert_false (gtk_widget_get_visible (hz_form_view_get_row (view, "delivery-date")));
  g_assert_true (gtk_widget_get_visible (hz_form_view_get_row (view, "transport")));

  /* what is missing is said at its row, and no referral is written */
  before = hz_store_count_resources (get_store (), CASE_ID);
  g_assert_false (hz_referral_page_save (page, &error));
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (hz_form_view_get_problem (view, "reason"), ==, "“Reason for referral” is required");
  g_assert_cmpstr (hz_form_view_get_problem (view, "consent"), ==, "“The patient has consented” is required");

  type_into (view, "to-hospital", "云州市妇幼保健院");
  type_into (view, "reason", "血糖控制不佳");
  g_assert_null (hz_form_view_get_problem (view, "reason"));
  choose (view, "urgency", 2);
  switch_on (view, "consent");
  g_assert_null (hz_form_view_get_problem (view, "consent"));

  g_assert_true (hz_referral_page_save (page, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (form_closed, NULL));

  /* its row comes from the case's change signal; the draft became its form
   * (no more than the draft, the request, the ServiceRequest and Task) */
  {
    RowWait wait = { list, "上转：云州市妇幼保健院", "Draft" };

    g_assert_true (hz_test_wait_until (row_is_there, &wait));
  }
  g_assert_cmpuint (count_rows (list), ==, 2);
  g_assert_cmpint (hz_store_count_resources (get_store (), CASE_ID), <=, before + 3);
  new_row = find_row (list, "上转：云州市妇幼保健院");
  created = find_referral ("上转：云州市妇幼保健院");
  g_assert_nonnull (created);
  g_assert_cmpint (created->status, ==, HZ_REFERRAL_DRAFT);
  {
    g_autoptr(HzResource) form = hz_store_get (get_store (), "QuestionnaireResponse", created->request_form_id, &error);
    g_autoptr(HzFormAnswers) stored = hz_form_answers_new_from_response (hz_resource_get_value (form));

    /* what was typed is what was stored */
    g_assert_cmpstr (hz_form_answers_get (stored, "systolic")->text, ==, "132");
    g_assert_cmpstr (hz_form_answers_get (stored, "urgency")->text, ==, "urgent");
    g_assert_cmpstr (hz_form_answers_get (stored, "consent")->text, ==, "true");
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (form), "status"), ==, "completed");
  }
  g_assert_null (stored_draft ());

  /* a status change elsewhere (the CLI, another window) updates it in place */
  g_assert_true (hz_referral_set_status (get_store (), created->task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  {
    RowWait wait = { list, "上转：云州市妇幼保健院", "Requested" };

    g_assert_true (hz_test_wait_until (row_is_there, &wait));
  }
  g_assert_true (find_row (list, "上转：云州市妇幼保健院") == new_row);

  /* the row's menu offers what the flow allows: accept, reject (with a
   * reason), cancel (with a reason) */
  {
    GtkWidget *menu = g_object_get_data (G_OBJECT (new_row), "hz-status-menu");
    GtkWidget *box = gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
    GString *items = g_string_new (NULL);
    g_autofree char *text = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child))
        g_string_append_printf (items, "%s%s;", gtk_button_get_label (GTK_BUTTON (child)),
                                gtk_widget_get_sensitive (child) ? "" : " (needs a reason)");
    text = g_string_free (items, FALSE);
    g_assert_cmpstr (text, ==, "Accept;Reject (needs a reason);Cancel Referral (needs a reason);");
  }

  /* a change the flow refuses is said under the list */
  g_assert_false (hz_referral_page_change_status (page, created->task_id, NULL, HZ_REFERRAL_COMPLETED, NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_TRANSITION);
  g_clear_error (&error);
  g_assert_true (label_shown ("referral-list-error"));
  /* from a version no longer the stored one (another clinician moved it
   * on): a conflict naming both versions, nothing built or written */
  g_assert_false (hz_referral_page_change_status (page, created->task_id, "0", HZ_REFERRAL_ACCEPTED, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "after the version 0 shown here: it is now Requested. "
                                            "Look at it again before changing its status."));
  g_clear_error (&error);
  {
    /* from the version stored (the one shown): done */
    g_autoptr(HzReferral) now = hz_referral_get (get_store (), created->task_id, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (hz_referral_page_change_status (page, created->task_id, now->task_version,
                                                   HZ_REFERRAL_REJECTED, "床位已满", &error));
  }
  g_assert_no_error (error);
  {
    RowWait wait = { list, "上转：云州市妇幼保健院", "Rejected" };

    g_assert_true (hz_test_wait_until (row_is_there, &wait));
  }
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (new_row), "hz-status-menu")));
}

/* --- drafts ------------------------------------------------------------------ */

static void
test_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzResource) draft = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(HzReferral) created = NULL;
  g_autofree char *draft_id = NULL;
  HzReferralPage *page;
  HzFormView *view;

  open_case_on_page (CASE_ID);
  page = get_page ();
  g_assert_null (stored_draft ());
  g_assert_true (hz_referral_page_start (page, "referral", &error));
  view = hz_referral_page_get_form_view (page);

  /* kept a moment after typing: the decimal as typed, not 65.5 */
  type_into (view, "weight", "65.50");
  type_into (view, "reason", "胎儿偏大");
  g_assert_true (hz_test_wait_until (draft_holds, "\"valueDecimal\":65.50"));
  g_assert_true (draft_holds ("胎儿偏大"));
  g_assert_true (hz_test_wait_until (label_shown, (gpointer) "referral-draft-note"));
  /* a value still wrong is not kept, and stays in the form */
  type_into (view, "systolic", "abc");
  type_into (view, "to-hospital", "云州市妇幼保健院");

  /* another writer changes the draft meanwhile: the clinician is asked,
   * and her version is kept on top (the other stays in the history) */
  g_assert_true (hz_test_wait_until (draft_holds, "\"valueString\":\"云州市妇幼保健院\""));
  {
    g_autoptr(HzStore) other = hz_store_new (hz_test_app_get_db_path (), &error);
    g_autoptr(HzActor) someone = hz_actor_new ("另一写入者", HZ_TEAM_OBSTETRICS, NULL, NULL);
    g_autoptr(HzResource) current = stored_draft ();
    g_autoptr(JsonObject) theirs = hz_test_store_get_json (get_store (), "QuestionnaireResponse",
                                                           hz_resource_get_id (current), &error);
    g_autoptr(GPtrArray) versions = NULL;

    g_assert_no_error (error);
    hz_store_set_actor (other, someone);
    json_object_set_string_member (theirs, "authored", "2026-12-01T08:00:00+08:00");
    g_assert_true (hz_store_put (other, CASE_ID, theirs, &error));
    g_assert_no_error (error);
    type_into (view, "reason", "胎儿偏大，羊水偏多");
    g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "save-conflict-dialog"));
    respond ("save-conflict-dialog", "keep-mine");
    g_assert_true (hz_test_wait_until (draft_holds, "羊水偏多"));
    versions = hz_store_history (get_store (), "QuestionnaireResponse", hz_resource_get_id (current), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((HzStoreVersion *) g_ptr_array_index (versions, versions->len - 2))->author, ==, "另一写入者");
  }

  /* leaving the page keeps it at once */
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (hz_test_app_get_workspace ()), "summary");
  g_assert_true (hz_test_wait_until (draft_holds, "云州市妇幼保健院"));
  g_assert_false (draft_holds ("abc"));

  /* the case opened again: the draft is resumed */
  hz_window_close_case (hz_test_app_get_window ());
  open_case_on_page (CASE_ID);
  page = get_page ();
  view = hz_referral_page_get_form_view (page);
  g_assert_nonnull (view);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "weight"))), ==, "65.50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "reason"))), ==, "胎儿偏大，羊水偏多");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "to-hospital"))), ==,
                   "云州市妇幼保健院");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (hz_test_find_named (GTK_WIDGET (page),
                                                                                      "referral-draft-note"))),
                                   "Draft resumed"));

  /* saved: the draft is the request form, a new version of it */
  draft = stored_draft ();
  draft_id = g_strdup (hz_resource_get_id (draft));
  choose (view, "direction", 1);
  choose (view, "urgency", 1);
  switch_on (view, "consent");
  g_assert_true (hz_referral_page_save (page, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (form_closed, NULL));
  created = find_referral ("上转：云州市妇幼保健院");
  g_assert_nonnull (created);
  g_assert_cmpstr (created->request_form_id, ==, draft_id);
  history = hz_store_history (get_store (), "QuestionnaireResponse", draft_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 3);
  g_assert_null (stored_draft ());

  /* a draft set aside is kept, not resumed */
  g_assert_true (hz_referral_page_start (page, "consultation-request", &error));
  type_into (hz_referral_page_get_form_view (page), "reason", "再次评估");
  g_assert_true (hz_test_wait_until (draft_holds, "再次评估"));
  {
    g_autoptr(HzResource) aside = stored_draft ();
    g_autofree char *aside_id = g_strdup (hz_resource_get_id (aside));
    g_autoptr(HzResource) stopped = NULL;

    hz_referral_page_discard_draft (page);
    g_assert_null (hz_referral_page_get_form_view (page));
    g_assert_true (hz_test_wait_until (no_draft, NULL));
    stopped = hz_store_get (get_store (), "QuestionnaireResponse", aside_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (stopped), "status"), ==, "stopped");
  }
}

/* A FHIR endpoint that takes a Bundle with the token */
static void
endpoint_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  guint *received = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                            "Authorization");

  if (g_strcmp0 (authorization, "Bearer t0ken") == 0 &&
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"type\": \"transaction\"") != NULL)
    (*received)++;
  soup_server_message_set_status (message, 201, NULL);
}

static gboolean
endpoint_received (gpointer data)
{
  return *(guint *) data == 1;
}

/* --- the opinion, signed --------------------------------------------------------- */

static gboolean
opinion_signed_shown (gpointer data)
{
  return label_shown ("referral-opinion-signed") &&
         hz_referral_page_get_opinion_view (get_page ()) != NULL &&
         !hz_form_view_get_editable (hz_referral_page_get_opinion_view (get_page ()));
}

static gboolean
opinion_editable (gpointer data)
{
  HzFormView *view = hz_referral_page_get_opinion_view (get_page ());

  return view != NULL && hz_form_view_get_editable (view);
}

static void
test_opinion (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) county = county_store ();
  g_autofree char *task_id = create_consultation (county);
  g_autofree char *signer = NULL;
  g_autofree char *first_hash = NULL;
  g_autofree char *second_hash = NULL;
  g_autoptr(HzReferral) referral = NULL;
  HzReferralPage *page;
  HzFormView *view;

  /* asked of this hospital by the county (an import in real use), accepted here */
  g_assert_true (hz_referral_set_status (county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  g_assert_true (hz_referral_set_status (get_store (), task_id, HZ_REFERRAL_ACCEPTED, NULL, &error));
  g_assert_no_error (error);
  open_case_on_page (CASE_ID);
  page = get_page ();
  {
    RowWait wait = { hz_referral_page_get_list (page), "会诊申请单：测试医院 产科", "Accepted" };

    g_assert_true (hz_test_wait_until (row_is_there, &wait));
    /* activating the row opens it */
    g_signal_emit_by_name (find_row (wait.list, wait.title), "activated");
  }
  g_assert_cmpstr (hz_referral_page_get_open_task_id (page), ==, task_id);

  /* its request read-only, its history, its opinion prefilled to write */
  g_assert_false (hz_form_view_get_editable (hz_referral_page_get_request_view (page)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (hz_referral_page_get_request_view (page),
                                                                              "question"))), ==, "分娩时机？");
  {
    GtkWidget *history = hz_test_find_named (GTK_WIDGET (page), "referral-history");

    g_assert_cmpuint (count_rows (history), ==, 3);
    g_assert_nonnull (find_row (history, "→ Draft"));
    g_assert_nonnull (find_row (history, "Draft → Requested"));
    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (history, "Requested → Accepted"))),
                                     " · 测试医生 (测试医院)"));
  }
  view = hz_referral_page_get_opinion_view (page);
  g_assert_nonnull (view);
  g_assert_true (hz_form_view_get_editable (view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "consultant"))), ==, "测试医生");

  /* not complete: not signed, the problems at their rows */
  g_assert_false (hz_referral_page_sign_opinion (page, &error));
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (hz_form_view_get_problem (view, "findings"), ==, "“Findings” is required");

  type_into (view, "findings", "腹围>P90，羊水偏多");
  type_into (view, "diagnosis", "妊娠期糖尿病（A2级），巨大儿可能");
  type_into (view, "recommendations", "胰岛素加量，每周两次胎心监护");
  type_into (view, "follow-up", "2周后复查超声");
  g_assert_true (hz_referral_page_sign_opinion (page, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (opinion_signed_shown, NULL));
  g_assert_true (hz_referral_opinion_is_signed (get_store (), task_id, &signer, NULL, &first_hash, &error));
  g_assert_cmpstr (signer, ==, "测试医生 (测试医院)");
  {
    const char *text = gtk_label_get_text (GTK_LABEL (hz_test_find_named (GTK_WIDGET (page), "referral-opinion-signed")));
    g_autofree char *hash_shown = g_strdup_printf ("SHA-256 %.16s…", first_hash);

    g_assert_true (g_str_has_prefix (text, "Signed by 测试医生 (测试医院) on "));
    g_assert_nonnull (strstr (text, hash_shown));
  }
  /* read-only: nothing typed changes it, a save is refused */
  view = hz_referral_page_get_opinion_view (page);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (hz_form_view_get_row (view, "findings"))));
  g_assert_false (hz_referral_page_save_opinion (page, &error));
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_SIGNED);
  g_clear_error (&error);
  g_assert_false (gtk_widget_get_visible (hz_test_find_named (GTK_WIDGET (page), "referral-opinion-sign")));
  g_assert_true (gtk_widget_get_visible (hz_test_find_named (GTK_WIDGET (page), "referral-opinion-amend")));

  /* amended: editable again; a new version, signed again */
  hz_referral_page_amend_opinion (page);
  g_assert_true (hz_test_wait_until (opinion_editable, NULL));
  view = hz_referral_page_get_opinion_view (page);
  type_into (view, "follow-up", "1周后复查超声及血糖");
  g_assert_true (hz_referral_page_sign_opinion (page, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (opinion_signed_shown, NULL));
  g_assert_true (hz_referral_opinion_is_signed (get_store (), task_id, NULL, NULL, &second_hash, &error));
  g_assert_cmpstr (first_hash, !=, second_hash);
  referral = hz_referral_get (get_store (), task_id, NULL, &error);
  {
    g_autoptr(HzResource) opinion = hz_store_get (get_store (), "QuestionnaireResponse", referral->opinion_id, &error);
    g_autoptr(GPtrArray) history = hz_store_history (get_store (), "QuestionnaireResponse", referral->opinion_id, &error);

    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (opinion), "status"), ==, "amended");
    g_assert_cmpuint (history->len, >=, 3);
  }

  /* --- the PDFs of both, from the page ------------------------------------ */
  {
    g_autofree char *request_path = g_build_filename (hz_test_app_get_tmp_dir (), "request.pdf", NULL);
    g_autofree char *opinion_path = g_build_filename (hz_test_app_get_tmp_dir (), "opinion.pdf", NULL);
    g_autoptr(GFile) request_file = g_file_new_for_path (request_path);
    g_autoptr(GFile) opinion_file = g_file_new_for_path (opinion_path);
    g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/dir/x.pdf");
    g_autofree char *request_text = NULL;
    g_autofree char *opinion_text = NULL;

    g_assert_true (hz_referral_page_write_pdf (page, FALSE, request_file, &error));
    g_assert_no_error (error);
    g_assert_true (hz_referral_page_write_pdf (page, TRUE, opinion_file, &error));
    g_assert_no_error (error);
    request_text = pdf_text (request_path);
    opinion_text = pdf_text (opinion_path);
    g_assert_nonnull (strstr (request_text, "会诊申请单"));
    g_assert_nonnull (strstr (opinion_text, "会诊意见书"));
    g_assert_nonnull (strstr (opinion_text, "1周后复查超声及血糖"));

    /* a file that cannot be written is named */
    g_assert_false (hz_referral_page_write_pdf (page, TRUE, bad, &error));
    g_clear_error (&error);
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (hz_test_find_named (GTK_WIDGET (page),
                                                                                        "referral-detail-error"))),
                                     "Could not write “/nonexistent/dir/x.pdf”"));
  }

  /* --- Send…: to an endpoint, and to none ----------------------------------- */
  {
    g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
    g_autofree char *url = NULL;
    GSList *uris;
    guint received = 0;

    soup_server_add_handler (server, "/fhir", endpoint_cb, &received, NULL);
    g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
    g_assert_no_error (error);
    uris = soup_server_get_uris (server);
    {
      g_autofree char *base = g_uri_to_string (uris->data);

      url = g_strdup_printf ("%sfhir", base);
    }
    g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    hz_referral_page_send (page, url, "t0ken");
    g_assert_true (hz_test_wait_until (endpoint_received, &received));
    /* sent: the error of the PDF before is gone */
    g_assert_true (hz_test_wait_until (label_hidden, (gpointer) "referral-detail-error"));
    soup_server_disconnect (server);

    hz_referral_page_send (page, url, NULL);
    g_assert_true (hz_test_wait_until (label_shown, (gpointer) "referral-detail-error"));
    {
      g_autofree char *prefix = g_strdup_printf ("Could not reach “%s”", url);

      g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (hz_test_find_named (GTK_WIDGET (page),
                                                                                          "referral-detail-error"))),
                                       prefix));
    }
  }
  g_signal_emit_by_name (hz_test_find_named (GTK_WIDGET (page), "referral-back"), "clicked");
}

/* --- import --------------------------------------------------------------------- */

/* A referral Bundle from another hospital's database: the county's, down
 * to the centre (this window's clinician) */
static char *
write_county_bundle (const char *name)
{
  g_autoptr(HzActor) county = hz_actor_new ("吴秀芬", HZ_TEAM_OBSTETRICS, "副主任医师", "临溪县人民医院");
  g_autofree char *dir = g_build_filename (hz_test_app_get_tmp_dir (), "county", NULL);
  g_autofree char *demo = g_build_filename (g_getenv ("HUIZHEN_DEMO_DIR"), "demo-county-referral.json", NULL);
  g_autofree char *path = g_build_filename (hz_test_app_get_tmp_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (demo);
  g_autoptr(HzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_mkdir_with_parents (dir, 0700);
  store = hz_test_store_new (dir, county);
  hz_store_import_file (store, file, NULL, NULL, &error);
  g_clear_error (&error);
  task_id = create_consultation (store);
  g_assert_true (hz_referral_set_status (store, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  text = hz_referral_export (store, task_id, path, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
drop_file (GtkWidget *widget,
           GFile     *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
    }
  return handled;
}

static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_county_bundle ("from-county.json");
  g_autofree char *bad_path = g_build_filename (hz_test_app_get_tmp_dir (), "not-a-bundle.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  HzReferralPage *page;
  GtkWidget *list;
  guint before;

  open_case_on_page (CASE_ID);
  page = get_page ();
  list = hz_referral_page_get_list (page);
  before = count_rows (list);

  /* dropped on the page: it joins this case (the same 身份证号), its row shows */
  g_assert_true (drop_file (GTK_WIDGET (page), file));
  {
    RowWait wait = { list, "会诊申请单：测试医院 产科", "Requested" };
    GtkWidget *row;

    g_assert_true (hz_test_wait_until (row_is_there, &wait));
    row = find_row (list, wait.title);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "from 临溪县人民医院"));
  }
  g_assert_cmpuint (count_rows (list), ==, before + 1);

  /* again: nothing added, said naming the file */
  g_assert_false (hz_referral_page_import_file (page, file, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (hz_test_find_named (GTK_WIDGET (page),
                                                                                      "referral-list-error"))),
                                   "from-county.json: referral"));

  /* not JSON: named, nothing written */
  g_file_set_contents (bad_path, "{\"resourceType\": \"Bundle\",", -1, &error);
  g_assert_no_error (error);
  g_assert_false (hz_referral_page_import_file (page, bad, &error));
  g_clear_error (&error);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (hz_test_find_named (GTK_WIDGET (page),
                                                                                      "referral-list-error"))),
                                   "“not-a-bundle.json” is not valid JSON"));
  g_assert_cmpuint (count_rows (list), ==, before + 1);
}

/* --- the window's inbox ------------------------------------------------------------ */

static HzReferralInbox *
get_inbox (void)
{
  GtkWidget *inbox = hz_test_app_find_named ("referral-inbox");

  return inbox != NULL ? HZ_REFERRAL_INBOX (inbox) : NULL;
}

typedef struct
{
  const char *task_id;
  const char *needle;
} InboxWait;

static gboolean
inbox_row_says (gpointer data)
{
  InboxWait *wait = data;
  GtkWidget *row = find_row_of_task (hz_referral_inbox_get_list (get_inbox ()), wait->task_id);

  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), wait->needle) != NULL;
}

static gboolean
referral_open_in_case (gpointer data)
{
  return page_shown ((gpointer) CASE_ID) &&
         g_strcmp0 (hz_referral_page_get_open_task_id (get_page ()), data) == 0;
}

static void
test_inbox (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = hz_referral_list (get_store (), NULL, &error);
  g_autofree char *task_id = create_consultation (get_store ());
  HzReferralInbox *inbox;
  GtkWidget *list;
  GtkWidget *row;
  guint n_inbound = 0, n_outbound = 0, n_requested = 0;

  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "referral-office");
  inbox = get_inbox ();
  g_assert_nonnull (inbox);
  list = hz_referral_inbox_get_list (inbox);

  /* every referral of the store, the new one from the store's signal */
  {
    InboxWait wait = { task_id, "Draft" };

    g_assert_true (hz_test_wait_until (inbox_row_says, &wait));
  }
  g_assert_cmpuint (count_rows (list), ==, all->len + 1);
  g_ptr_array_unref (g_steal_pointer (&all));
  all = hz_referral_list (get_store (), NULL, &error);
  for (guint i = 0; i < all->len; i++)
    {
      HzReferral *referral = g_ptr_array_index (all, i);

      n_inbound += referral->inbound;
      n_outbound += !referral->inbound;
      n_requested += referral->status == HZ_REFERRAL_REQUESTED;
    }
  g_assert_cmpuint (n_inbound, >, 0);
  g_assert_cmpuint (n_outbound, >, 0);

  /* the filters */
  hz_referral_inbox_set_filter (inbox, HZ_REFERRAL_INBOX_INBOUND, HZ_REFERRAL_N_STATUSES, FALSE);
  g_assert_cmpuint (count_shown_rows (list), ==, n_inbound);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (hz_test_find_named (GTK_WIDGET (inbox),
                                                                                  "referral-inbox-direction"))), ==, 1);
  hz_referral_inbox_set_filter (inbox, HZ_REFERRAL_INBOX_OUTBOUND, HZ_REFERRAL_N_STATUSES, FALSE);
  g_assert_cmpuint (count_shown_rows (list), ==, n_outbound);
  hz_referral_inbox_set_filter (inbox, HZ_REFERRAL_INBOX_ALL, HZ_REFERRAL_REQUESTED, FALSE);
  g_assert_cmpuint (count_shown_rows (list), ==, n_requested);
  /* through the control, as a clinician picks it */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (hz_test_find_named (GTK_WIDGET (inbox), "referral-inbox-status")), 0);
  g_assert_cmpuint (count_shown_rows (list), ==, all->len);

  /* overdue: a request past its deadline, highlighted, its row the same one */
  row = find_row_of_task (list, task_id);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (hz_referral_set_status (get_store (), task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  {
    g_autoptr(JsonObject) task = hz_test_store_get_json (get_store (), "Task", task_id, &error);
    JsonObject *period = json_object_get_object_member (json_object_get_object_member (task, "restriction"), "period");

    json_object_set_string_member (period, "end", "2026-01-01T08:00:00+08:00");
    g_assert_true (hz_store_put (get_store (), CASE_ID, task, &error));
    g_assert_no_error (error);
  }
  {
    InboxWait wait = { task_id, "overdue" };

    g_assert_true (hz_test_wait_until (inbox_row_says, &wait));
  }
  g_assert_true (find_row_of_task (list, task_id) == row);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (hz_test_find_named (GTK_WIDGET (inbox), "referral-inbox-overdue")),
                                TRUE);
  g_assert_cmpuint (count_shown_rows (list), >=, 1);
  g_assert_true (gtk_widget_get_child_visible (row));
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) && gtk_widget_get_child_visible (child))
      g_assert_true (gtk_widget_has_css_class (child, "error"));
  {
    guint n_open = 0, n_overdue = 0;

    hz_referral_inbox_get_counts (inbox, &n_open, &n_overdue);
    g_assert_cmpuint (n_overdue, >=, 1);
  }

  /* a row opens its case on the referral */
  g_signal_emit_by_name (row, "activated");
  g_assert_true (hz_test_wait_until (referral_open_in_case, task_id));
}

static void
test_terms_zh_cn (void)
{
  GtkWidget *inbox;

  if (!hz_test_run_in_zh_cn ())
    return;
  open_case_on_page (CASE_ID);
  hz_test_assert_no_raw_codes (GTK_WIDGET (get_page ()));
  hz_test_assert_full_width_punctuation (GTK_WIDGET (get_page ()));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_page ()), "转诊与会诊"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_page ()), "导入转诊"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_page ()), "进行中"));

  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "referral-office");
  inbox = hz_test_app_find_named ("referral-inbox");
  g_assert_nonnull (inbox);
  g_assert_true (hz_test_has_label_containing (inbox, "所有病例的收件箱与发件箱"));
  g_assert_true (hz_test_has_label_containing (inbox, "全部状态"));
  hz_test_assert_full_width_punctuation (inbox);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-referral-page-XXXXXX");
  hz_test_app_seed_demo ();
  hz_test_app_activate ();

  g_test_add_func ("/huizhen/referral-page/form", test_form);
  g_test_add_func ("/huizhen/referral-page/draft", test_draft);
  g_test_add_func ("/huizhen/referral-page/opinion", test_opinion);
  g_test_add_func ("/huizhen/referral-page/import", test_import);
  g_test_add_func ("/huizhen/referral-page/inbox", test_inbox);
  g_test_add_func ("/huizhen/referral-page/terms/zh_CN", test_terms_zh_cn);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
