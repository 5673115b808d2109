/* test-referral-page.c — the referral plugin's page and the generic form
 * renderer (GTK, needs a display)
 *
 * The page shows the case's referrals; a new referral is filled in through
 * the form rows as a clinician would type it: answers are checked as they
 * are typed, items appear by their enableWhen, a save with what is missing
 * writes nothing, a good one is stored and its row appears from the
 * case's change signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <hz-ui.h>

#include "hz-test-utils.h"
#include "hz-referral-private.h"

#define CASE_ID "c3-episode"

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 guint              *count)
{
  (*count)++;
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
test_referral_page (void)
{
  g_autoptr(HzActor) actor = hz_actor_new ("吴秀芬", HZ_TEAM_OBSTETRICS, "副主任医师", "临溪县人民医院");
  g_autofree char *dir = hz_test_make_tmp_dir ("hz-test-referral-page-XXXXXX");
  g_autofree char *demo = g_build_filename (g_getenv ("HUIZHEN_DEMO_DIR"), "demo-county-referral.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (demo);
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *list;
  GtkWidget *new_row;
  HzFormView *view;
  guint changed = 0;
  gint64 before;

  hz_store_import_file (store, file, NULL, NULL, &error);
  g_assert_no_error (error);
  kase = hz_case_load (store, CASE_ID, &error);
  g_assert_no_error (error);
  g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), &changed);

  window = gtk_window_new ();
  page = hz_referral_page_new (kase);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* the demo's own referral up, under way */
  list = hz_referral_page_get_list (HZ_REFERRAL_PAGE (page));
  g_assert_cmpuint (count_rows (list), ==, 1);
  {
    GtkWidget *row = find_row (list, "上转云州市妇幼保健院高危产科：妊娠期糖尿病血糖控制不佳合并孕前肥胖");

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "In progress"));
  }

  /* a new referral, prefilled from the case */
  g_assert_true (hz_referral_page_start (HZ_REFERRAL_PAGE (page), "referral", &error));
  g_assert_no_error (error);
  view = hz_referral_page_get_form_view (HZ_REFERRAL_PAGE (page));
  g_assert_nonnull (view);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "patient-name"))), ==, "刘海燕");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_form_view_get_row (view, "from-hospital"))), ==, "临溪县人民医院");
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
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_form_view_get_row (view, "direction")), 2);
  g_assert_cmpstr (hz_form_answers_get (hz_form_view_get_answers (view), "direction")->text, ==, "down");
  g_assert_true (gtk_widget_get_visible (hz_form_view_get_row (view, "delivery-date")));
  g_assert_false (gtk_widget_get_visible (hz_form_view_get_row (view, "transport")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_form_view_get_row (view, "direction")), 1);
  g_assert_false (gtk_widget_get_visible (hz_form_view_get_row (view, "delivery-date")));
  g_assert_true (gtk_widget_get_visible (hz_form_view_get_row (view, "transport")));

  /* what is missing is said at its row, and nothing is written */
  before = hz_store_count_resources (store, CASE_ID);
  g_assert_false (hz_referral_page_save (HZ_REFERRAL_PAGE (page), &error));
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (hz_form_view_get_problem (view, "reason"), ==, "“Reason for referral” is required");
  g_assert_cmpstr (hz_form_view_get_problem (view, "consent"), ==, "“The patient has consented” is required");
  g_assert_cmpint (hz_store_count_resources (store, CASE_ID), ==, before);

  type_into (view, "to-hospital", "云州市妇幼保健院");
  type_into (view, "reason", "血糖控制不佳");
  g_assert_null (hz_form_view_get_problem (view, "reason"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_form_view_get_row (view, "urgency")), 2);
  gtk_switch_set_active (g_object_get_data (G_OBJECT (hz_form_view_get_row (view, "consent")), "hz-switch"), TRUE);
  g_assert_null (hz_form_view_get_problem (view, "consent"));

  g_assert_true (hz_referral_page_save (HZ_REFERRAL_PAGE (page), &error));
  g_assert_no_error (error);
  g_assert_null (hz_referral_page_get_form_view (HZ_REFERRAL_PAGE (page)));

  /* its row comes from the case's change signal */
  hz_test_wait_for (&changed, 1);
  g_assert_cmpuint (count_rows (list), ==, 2);
  new_row = find_row (list, "上转：云州市妇幼保健院");
  g_assert_nonnull (new_row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (new_row)), "Draft"));

  /* a status change elsewhere (the CLI, another window) updates it in place */
  {
    g_autoptr(GPtrArray) referrals = hz_referral_list (store, NULL, &error);
    HzReferral *created = NULL;

    for (guint i = 0; i < referrals->len; i++)
      if (g_strcmp0 (((HzReferral *) g_ptr_array_index (referrals, i))->title, "上转：云州市妇幼保健院") == 0)
        created = g_ptr_array_index (referrals, i);
    g_assert_nonnull (created);
    g_assert_cmpint (created->status, ==, HZ_REFERRAL_DRAFT);
    {
      g_autoptr(HzResource) form = hz_store_get (store, "QuestionnaireResponse", created->request_form_id, &error);
      g_autoptr(HzFormAnswers) stored = hz_form_answers_new_from_response (hz_resource_get_value (form));

      /* what was typed is what was stored */
      g_assert_cmpstr (hz_form_answers_get (stored, "systolic")->text, ==, "132");
      g_assert_cmpstr (hz_form_answers_get (stored, "urgency")->text, ==, "urgent");
      g_assert_cmpstr (hz_form_answers_get (stored, "consent")->text, ==, "true");
    }
    g_assert_true (hz_referral_set_status (store, created->task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
    hz_test_wait_for (&changed, 2);
    g_assert_true (find_row (list, "上转：云州市妇幼保健院") == new_row);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (new_row)), "Requested"));

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
      g_assert_cmpstr (text, ==, "Accepted;Rejected (needs a reason);Cancelled (needs a reason);");
    }

    /* a change the flow refuses is said under the list */
    g_assert_false (hz_referral_page_change_status (HZ_REFERRAL_PAGE (page), created->task_id,
                                                    HZ_REFERRAL_COMPLETED, NULL, &error));
    g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_TRANSITION);
    g_clear_error (&error);
    g_assert_true (hz_referral_page_change_status (HZ_REFERRAL_PAGE (page), created->task_id,
                                                   HZ_REFERRAL_REJECTED, "床位已满", &error));
    g_assert_no_error (error);
    hz_test_wait_for (&changed, 3);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (new_row)), "Rejected"));
    g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (new_row), "hz-status-menu")));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  hz_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_message ("no display: run under xvfb-run (build-aux/dev test does)");
  g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/referral-page/form", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  hz_ui_init ();

  g_test_add_func ("/referral-page/form", test_referral_page);
  return g_test_run ();
}
