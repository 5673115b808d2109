/* test-psychology-page.c — the psychology plugin in the real window (GTK, needs a display)
 *
 * The shell as the program makes it, on the demo cases: the woman fills in
 * the EPDS herself on the full-screen tablet form, driven by real key
 * presses and clicks, with item 10 answered "Hardly ever" (scores 1). The
 * test reads back what was written (the QuestionnaireResponse, the total
 * Observation, the self-harm-risk Flag, the same-day Task), sees the
 * banner over every page of the case, the badge in the case list and the
 * registry's entry, then closes the alert as staff and sees them go. The
 * staff's compact form refuses an incomplete screen at the field and saves
 * a complete one into the history in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <hz-ui.h>

#include "hz-application.h"
#include "hz-case-row.h"
#include "hz-case-workspace.h"
#include "hz-test-keys.h"
#include "hz-test-app.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-window.h"

#define CASE_ID "c2-episode"


/* --- helpers ------------------------------------------------------------------- */

static HzWindow *
get_window (void)
{
  return hz_test_app_get_window ();
}

static HzCaseWorkspace *
get_workspace (void)
{
  return hz_test_app_get_workspace ();
}

static gboolean
workspace_has_psychology_page (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) &&
         g_strcmp0 (hz_case_workspace_get_case_id (workspace), CASE_ID) == 0 &&
         adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), "psychology") != NULL;
}

static GtkWindow *
find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_object_get_data (G_OBJECT (window), "hz-test-answered") == NULL)
        return window;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer name)
{
  GtkWindow *window = find_toplevel (name);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
toplevel_gone (gpointer name)
{
  return find_toplevel (name) == NULL;
}

/* Clicks the middle of the widget named @name under @root */
static void
click_named (GtkWidget  *root,
             const char *name)
{
  GtkWidget *widget = hz_test_find_named (root, name);

  g_assert_nonnull (widget);
  g_assert_true (hz_test_widget_is_shown (widget));
  hz_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

static const char *
label_of (GtkWidget  *root,
          const char *name)
{
  GtkWidget *widget = hz_test_find_named (root, name);

  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

static gboolean
named_shown (gpointer name)
{
  GtkWidget *widget = hz_test_find_named (GTK_WIDGET (get_window ()), name);

  return widget != NULL && hz_test_widget_is_shown (widget);
}

/* Shown, and laid out on the screen: ready for a click */
static gboolean
named_mapped (gpointer name)
{
  GtkWidget *widget = hz_test_find_named (GTK_WIDGET (get_window ()), name);

  return widget != NULL && hz_test_widget_is_shown (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0;
}

static gboolean
named_hidden (gpointer name)
{
  return !named_shown (name);
}

/* The case list's row of the case */
static HzCaseRow *
find_case_row (GtkWidget *root)
{
  if (HZ_IS_CASE_ROW (root) && hz_case_row_get_summary (HZ_CASE_ROW (root)) != NULL &&
      g_strcmp0 (hz_case_summary_get_case_id (hz_case_row_get_summary (HZ_CASE_ROW (root))), CASE_ID) == 0)
    return HZ_CASE_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      HzCaseRow *row = find_case_row (child);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
row_badge_is (gpointer data)
{
  gboolean shown = GPOINTER_TO_INT (data);
  HzCaseRow *row = find_case_row (GTK_WIDGET (get_window ()));
  GtkWidget *badge = row != NULL ? hz_test_find_named (GTK_WIDGET (row), "alert-badge") : NULL;

  return badge != NULL && hz_test_widget_is_shown (badge) == shown;
}

/* The registry's table shows the case first, with the alert's badge
 * above its grade */
static gboolean
registry_shows_alert (gpointer data)
{
  GtkWidget *table = hz_test_find_named (GTK_WIDGET (get_window ()), "registry-table");
  g_autoptr(GPtrArray) labels = NULL;
  gint name = -1, badge = -1;

  if (table == NULL || !hz_test_widget_is_shown (table))
    return FALSE;
  labels = hz_test_shown_labels (table);
  for (guint i = 0; i < labels->len; i++)
    {
      if (name < 0 && g_str_equal (labels->pdata[i], "陈思雨"))
        name = i;
      if (badge < 0 && g_str_equal (labels->pdata[i], "Self-harm risk"))
        badge = i;
    }
  /* the first row: its name, then the alert before the grade of any other */
  return name >= 0 && badge > name && !hz_test_has_label_containing (table, "No High-Risk Cases") &&
         (guint) badge + 1 < labels->len && g_str_equal (labels->pdata[badge + 1], "Yellow");
}

static const HzRegistryEntry *
registry_entry (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const HzRegistryEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->case_id, CASE_ID))
        return entry;
    }
  return NULL;
}

static HzResource *
find_written (GPtrArray  *resources,
              const char *type,
              const char *id_prefix)
{
  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);

      if (g_strcmp0 (hz_resource_get_resource_type (resource), type) == 0 &&
          g_str_has_prefix (hz_resource_get_id (resource), id_prefix))
        return resource;
    }
  return NULL;
}

static GPtrArray *
read_case (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *resources = hz_store_read_case (hz_window_get_store (get_window ()), CASE_ID, &error);

  g_assert_no_error (error);
  return resources;
}

/* --- the woman's form ------------------------------------------------------------ */

/* The printed positions she chooses and what they score by hand: items 3
 * and 5–10 are printed from 3 down to 0. Total 1+0+1+1+0+3+1+2+0+1 = 10. */
static const int positions[] = { 1, 0, 2, 1, 3, 0, 2, 1, 3, 2 };
static const int scores[] = { 1, 0, 1, 1, 0, 3, 1, 2, 0, 1 };

static void
test_tablet (void)
{
  HzWindow *window = get_window ();
  HzCaseWorkspace *workspace;
  GtkWidget *page;
  GtkWindow *tablet;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *end_of_day = NULL;
  g_autofree char *derived = NULL;
  g_autofree char *focus = NULL;
  g_autoptr(GError) error = NULL;
  HzResource *response, *total, *flag, *task, *referral;
  const HzRegistryEntry *entry;
  const HzJv *json;
  guint n_items;

  g_assert_true (hz_test_keys_available ());

  hz_window_open_case (window, CASE_ID);
  g_assert_true (hz_test_wait_until (workspace_has_psychology_page, NULL));
  workspace = get_workspace ();
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (workspace), "psychology");
  page = adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), "psychology");
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (hz_case_workspace_get_view_stack (workspace), page)),
                   ==, "Psychology");

  /* No alert yet: no banner, no badge */
  g_assert_false (named_shown ("self-harm-banner"));
  g_assert_true (hz_test_wait_until (row_badge_is, GINT_TO_POINTER (FALSE)));

  /* The staff hands the tablet over (EPDS is the scale chosen) */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (hz_test_find_named (page, "psychology-scale"))), ==, 0);
  gtk_widget_activate (hz_test_find_named (page, "psychology-open-tablet"));
  g_assert_true (hz_test_wait_until (toplevel_shown, "psychology-tablet"));
  tablet = find_toplevel ("psychology-tablet");
  g_assert_true (gtk_window_get_modal (tablet));
  g_assert_false (gtk_window_get_deletable (tablet));

  /* One question a screen, with its progress */
  g_assert_cmpstr (label_of (GTK_WIDGET (tablet), "tablet-progress"), ==, "Question 1 of 10");
  g_assert_cmpstr (label_of (GTK_WIDGET (tablet), "tablet-question"), ==,
                   "1. I have been able to laugh and see the funny side of things");
  g_assert_false (gtk_widget_get_sensitive (hz_test_find_named (GTK_WIDGET (tablet), "tablet-next")));

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autofree char *progress = g_strdup_printf ("Question %u of 10", i + 1);
      g_autofree char *key = g_strdup_printf ("%d", positions[i]);

      g_assert_cmpstr (label_of (GTK_WIDGET (tablet), "tablet-progress"), ==, progress);
      if (i % 3 == 1)
        {
          /* a tap on the answer, and the Next button */
          g_autofree char *option = g_strdup_printf ("tablet-option-%d", positions[i]);

          click_named (GTK_WIDGET (tablet), option);
          g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (hz_test_find_named (GTK_WIDGET (tablet), option))));
          click_named (GTK_WIDGET (tablet), "tablet-next");
        }
      else if (i == 4)
        {
          /* the arrows: down to the answer, then right */
          for (int p = 0; p <= positions[i]; p++)
            hz_test_press (GTK_WIDGET (tablet), "Down");
          hz_test_press (GTK_WIDGET (tablet), "Right");
        }
      else
        {
          /* the key of the answer, then Return */
          hz_test_press (GTK_WIDGET (tablet), key);
          hz_test_press (GTK_WIDGET (tablet), "Return");
        }

      /* back once, and forward again: the answer is kept */
      if (i == 2)
        {
          hz_test_press (GTK_WIDGET (tablet), "Left");
          g_assert_cmpstr (label_of (GTK_WIDGET (tablet), "tablet-progress"), ==, "Question 3 of 10");
          g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (hz_test_find_named (GTK_WIDGET (tablet), "tablet-option-2"))));
          hz_test_press (GTK_WIDGET (tablet), "Return");
        }
    }

  /* The summary: her ten answers in words, and no score nor band */
  g_assert_true (hz_test_widget_is_shown (hz_test_find_named (GTK_WIDGET (tablet), "tablet-submit")));
  g_assert_true (hz_test_has_label_containing (hz_test_find_named (GTK_WIDGET (tablet), "tablet-summary"),
                                               "10. The thought of harming myself has occurred to me"));
  g_assert_cmpuint (hz_test_count_label (hz_test_find_named (GTK_WIDGET (tablet), "tablet-summary"), "Hardly ever"), ==, 2);   /* items 4 and 10 */
  g_assert_false (hz_test_has_label_containing (GTK_WIDGET (tablet), "Positive"));
  g_assert_false (hz_test_has_label_containing (GTK_WIDGET (tablet), "Total"));

  /* Escape does not leave the form */
  hz_test_press (GTK_WIDGET (tablet), "Escape");
  g_assert_true (find_toplevel ("psychology-tablet") == tablet);

  click_named (GTK_WIDGET (tablet), "tablet-submit");
  g_assert_true (hz_test_wait_until (named_shown, "self-harm-banner"));
  g_assert_true (hz_test_widget_is_shown (hz_test_find_named (GTK_WIDGET (tablet), "tablet-done")));

  /* What was written: the response, item by item ... */
  resources = read_case ();
  response = find_written (resources, "QuestionnaireResponse", "qr-");
  g_assert_nonnull (response);
  json = hz_resource_get_value (response);
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (json), ==, "psychology");
  g_assert_cmpstr (hz_jv_get_string (json, "questionnaire"), ==, "http://loinc.org/q/71354-5");
  g_assert_cmpstr (hz_jv_get_path_string (json, "source.reference"), ==, "Patient/c2-patient");
  n_items = hz_jv_get_length (hz_jv_get_array (json, "item"));
  g_assert_cmpuint (n_items, ==, 10);
  for (guint i = 0; i < n_items; i++)
    {
      const HzJv *item = hz_jv_get_element (hz_jv_get_array (json, "item"), i);
      const HzJv *coding = hz_jv_get_object (hz_jv_get_first (hz_jv_get_array (item, "answer")), "valueCoding");
      g_autofree char *link_id = g_strdup_printf ("epds-%u", i + 1);
      g_autofree char *code = g_strdup_printf ("%d", scores[i]);
      int score = -1;

      g_assert_cmpstr (hz_jv_get_string (item, "linkId"), ==, link_id);
      g_assert_cmpstr (hz_jv_get_string (coding, "code"), ==, code);
      g_assert_cmpstr (hz_jv_get_string (coding, "display"), ==,
                       hz_scale_get_option_text (HZ_SCALE_EPDS, i + 1, positions[i]));
      g_assert_true (hz_screening_response_get_score (json, link_id, &score));
      g_assert_cmpint (score, ==, scores[i]);
    }

  /* ... the total, exact, derived from it ... */
  total = find_written (resources, "Observation", "epds-");
  g_assert_nonnull (total);
  json = hz_resource_get_value (total);
  g_assert_cmpstr (hz_fhir_jv_get_concept_code (json, "code", HZ_SYSTEM_LOINC), ==, "99046-5");
  {
    gint64 value = 0;

    g_assert_true (hz_jv_get_int64 (hz_jv_get (json, "valueInteger"), &value));
    g_assert_cmpint (value, ==, 10);
  }
  derived = g_strdup_printf ("QuestionnaireResponse/%s", hz_resource_get_id (response));
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (json, "derivedFrom", 0), "reference"), ==, derived);
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (json), ==, "psychology");

  /* ... the alert ... */
  flag = find_written (resources, "Flag", "flag-self-harm-");
  g_assert_nonnull (flag);
  json = hz_resource_get_value (flag);
  g_assert_true (hz_screening_flag_is_alert (json));
  g_assert_cmpstr (hz_fhir_jv_get_concept_code (json, "code", HZ_SYSTEM_ALERT), ==, "self-harm-risk");
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (json), ==, "psychology");
  g_assert_nonnull (hz_jv_get_path_string (json, "period.start"));

  /* ... the same-day referral, due by the end of today ... */
  task = find_written (resources, "Task", "task-same-day-");
  g_assert_nonnull (task);
  json = hz_resource_get_value (task);
  now = g_date_time_new_now_local ();
  end_of_day = hz_screening_end_of_day (now);
  g_assert_cmpstr (hz_jv_get_path_string (json, "restriction.period.end"), ==, end_of_day);
  focus = g_strdup_printf ("Flag/%s", hz_resource_get_id (flag));
  g_assert_cmpstr (hz_jv_get_path_string (json, "focus.reference"), ==, focus);
  g_assert_cmpstr (hz_jv_get_string (json, "status"), ==, "requested");

  /* ... and the referral of a positive screen */
  referral = find_written (resources, "ServiceRequest", "sr-psychology-");
  g_assert_nonnull (referral);
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (hz_resource_get_value (referral), "category", 0), "text"),
                   ==, "转诊");
  g_assert_nonnull (find_written (resources, "Task", "task-repeat-"));

  /* The banner stands over every page of the case */
  g_assert_true (hz_test_has_label_containing (hz_test_find_named (GTK_WIDGET (window), "self-harm-banner"),
                                               "Self-harm risk: EPDS item 10 scored 1"));
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (workspace), "summary");
  g_assert_true (named_shown ("self-harm-banner"));
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (workspace), "timeline");
  g_assert_true (named_shown ("self-harm-banner"));
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (workspace), "psychology");
  g_assert_true (named_shown ("psychology-alert"));

  /* The history shows the new total with its band and source */
  {
    GtkWidget *row = hz_test_find_named (hz_test_find_named (page, "psychology-history-epds"),
                                         hz_resource_get_id (total));
    GtkWidget *value;

    g_assert_nonnull (row);
    value = g_object_get_data (G_OBJECT (row), "hz-value-label");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, "10 · Positive screen");
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (value), "Source: "));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Self-report"));
  }

  /* The case list's row carries the badge; the registry lists the case first */
  g_assert_true (hz_test_wait_until (row_badge_is, GINT_TO_POINTER (TRUE)));
  entries = hz_registry_list (hz_window_get_store (window), NULL, &error);
  g_assert_no_error (error);
  entry = registry_entry (entries);
  g_assert_nonnull (entry);
  g_assert_true (entry->alert);
  g_assert_true (g_ptr_array_index (entries, 0) == entry);

  /* ... and the registry's table in the window says so */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-registry", NULL);
  g_assert_true (hz_test_wait_until (registry_shows_alert, NULL));

  /* Only staff leave the full screen: the staff button, confirmed */
  click_named (GTK_WIDGET (tablet), "tablet-staff");
  g_assert_true (hz_test_wait_until (toplevel_shown, "tablet-release-dialog"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel ("tablet-release-dialog"));
  g_object_set_data (G_OBJECT (dialog), "hz-test-answered", GINT_TO_POINTER (TRUE));
  adw_message_dialog_response (dialog, "end");
  g_assert_true (hz_test_wait_until (toplevel_gone, "psychology-tablet"));

  /* Closing the alert: back to the case, the banner's button, a reason,
   * the confirmation */
  hz_window_close_case (window);
  hz_window_open_case (window, CASE_ID);
  g_assert_true (hz_test_wait_until (named_mapped, "self-harm-banner-close"));
  workspace = get_workspace ();
  click_named (GTK_WIDGET (window), "self-harm-banner-close");
  g_assert_true (hz_test_wait_until (toplevel_shown, "close-alert-dialog"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel ("close-alert-dialog"));
  /* no reason, no closing */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "close-alert"));
  gtk_editable_set_text (GTK_EDITABLE (hz_test_find_named (GTK_WIDGET (dialog), "close-alert-reason")),
                         "当日心理门诊评估，已制定安全计划");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "close-alert"));
  g_object_set_data (G_OBJECT (dialog), "hz-test-answered", GINT_TO_POINTER (TRUE));
  adw_message_dialog_response (dialog, "close-alert");
  g_assert_true (hz_test_wait_until (named_hidden, "self-harm-banner"));
  g_assert_false (named_shown ("psychology-alert"));

  /* a new version, inactive, with period.end; the first kept */
  {
    g_autoptr(HzResource) closed = hz_store_get (hz_window_get_store (window), "Flag",
                                                 hz_resource_get_id (flag), &error);
    g_autoptr(GPtrArray) versions = hz_store_history (hz_window_get_store (window), "Flag",
                                                      hz_resource_get_id (flag), &error);

    g_assert_no_error (error);
    json = hz_resource_get_value (closed);
    g_assert_cmpstr (hz_jv_get_string (json, "status"), ==, "inactive");
    g_assert_nonnull (hz_jv_get_path_string (json, "period.end"));
    g_assert_cmpstr (hz_jv_get_path_string (json, "meta.versionId"), ==, "2");
    g_assert_cmpuint (versions->len, ==, 2);
  }

  /* The timeline: the store's source shows the Flag; the team's source
   * adds its closing, with the note (nothing else, nothing twice) */
  {
    GType type = g_type_from_name ("HzPsychologySource");
    g_autoptr(GObject) source = NULL;
    g_autoptr(GPtrArray) events = NULL;
    HzTimelineEvent *event;

    g_assert_true (type != 0);
    source = g_object_new (type, NULL);
    hz_timeline_source_load (HZ_TIMELINE_SOURCE (source), hz_case_workspace_get_case (workspace));
    events = hz_timeline_source_list_events (HZ_TIMELINE_SOURCE (source), hz_case_workspace_get_case (workspace));
    g_assert_cmpuint (events->len, ==, 1);
    event = g_ptr_array_index (events, 0);
    g_assert_cmpstr (hz_timeline_event_get_title (event), ==, "Self-harm risk alert closed");
    g_assert_nonnull (strstr (hz_timeline_event_get_detail (event), "当日心理门诊评估，已制定安全计划"));
    g_assert_cmpint (hz_timeline_event_get_team (event), ==, HZ_TEAM_PSYCHOLOGY);
    g_assert_cmpstr (hz_timeline_event_get_resource_reference (event), ==, hz_resource_get_reference (flag));
    hz_timeline_source_unload (HZ_TIMELINE_SOURCE (source), hz_case_workspace_get_case (workspace));
  }

  g_assert_true (hz_test_wait_until (row_badge_is, GINT_TO_POINTER (FALSE)));
  after = hz_registry_list (hz_window_get_store (window), NULL, &error);
  g_assert_no_error (error);
  entry = registry_entry (after);
  g_assert_true (entry == NULL || !entry->alert);
}

/* --- the staff's compact form ------------------------------------------------------ */

typedef struct
{
  GtkWidget *page;
  guint      rows;
} HistoryWait;

static guint
count_history_rows (GtkWidget *page)
{
  GtkWidget *group = hz_test_find_named (page, "psychology-history-phq9");
  g_autoptr(GPtrArray) labels = hz_test_shown_labels (group);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_suffix (labels->pdata[i], " · Moderate"))
      n++;
  return n;
}

static gboolean
history_has_rows (gpointer data)
{
  HistoryWait *wait = data;

  return count_history_rows (wait->page) >= wait->rows;
}

static GtkDropDown *
find_drop_down (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    return GTK_DROP_DOWN (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_drop_down (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
answer_item (GtkWidget *page,
             guint      item,
             guint      position)
{
  g_autofree char *name = g_strdup_printf ("staff-item-%u", item);
  GtkWidget *row = hz_test_find_named (page, name);
  GtkDropDown *choice;

  g_assert_nonnull (row);
  choice = find_drop_down (row);
  g_assert_nonnull (choice);
  gtk_drop_down_set_selected (choice, position);
}

static void
test_staff_form (void)
{
  HzCaseWorkspace *workspace;
  GtkWidget *page;
  GtkWidget *total;
  GtkWidget *epds_row;
  /* PHQ-9: 1+1+2+1+1+1+2+1+0 = 10, moderate; item 9 zero */
  static const guint phq9[] = { 1, 1, 2, 1, 1, 1, 2, 1, 0 };
  HistoryWait wait;

  hz_window_open_case (get_window (), CASE_ID);
  g_assert_true (hz_test_wait_until (workspace_has_psychology_page, NULL));
  workspace = get_workspace ();
  page = adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), "psychology");
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (workspace), "psychology");

  /* a row of the EPDS history, to see it stay the same widget */
  epds_row = hz_test_find_named (hz_test_find_named (page, "psychology-history-epds"), "c2-obs-epds-2026-11-19");
  g_assert_nonnull (epds_row);
  g_object_add_weak_pointer (G_OBJECT (epds_row), (gpointer *) &epds_row);

  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (page, "psychology-scale")), HZ_SCALE_PHQ9);
  g_assert_nonnull (hz_test_find_named (page, "staff-item-9"));
  g_assert_null (hz_test_find_named (page, "staff-item-10"));
  total = g_object_get_data (G_OBJECT (hz_test_find_named (page, "staff-total")), "hz-value-label");

  /* eight answered: saving names the item left, at the field */
  for (guint i = 0; i < 8; i++)
    answer_item (page, i + 1, phq9[i]);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (total)), ==, "8 of 9 answered");
  g_signal_emit_by_name (hz_test_find_named (page, "staff-save"), "clicked");
  g_assert_true (hz_test_widget_is_shown (hz_test_find_named (page, "staff-error")));
  g_assert_cmpstr (label_of (page, "staff-error"), ==, "Item 9 is not answered: every item needs an answer");
  g_assert_true (gtk_widget_has_css_class (hz_test_find_named (page, "staff-item-9"), "error"));
  g_assert_cmpuint (count_history_rows (page), ==, 0);

  /* the last one: the total and band show at once, with the source */
  answer_item (page, 9, phq9[8]);
  g_assert_false (hz_test_widget_is_shown (hz_test_find_named (page, "staff-error")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (total)), ==, "10 · Moderate");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hz_test_find_named (page, "staff-total"))),
                            "Source: "));

  g_signal_emit_by_name (hz_test_find_named (page, "staff-save"), "clicked");
  wait.page = page;
  wait.rows = 1;
  g_assert_true (hz_test_wait_until (history_has_rows, &wait));
  /* a positive PHQ-9 without item 9: no alert */
  g_assert_false (named_shown ("self-harm-banner"));
  /* the EPDS history was not rebuilt */
  g_assert_nonnull (epds_row);
  g_object_remove_weak_pointer (G_OBJECT (epds_row), (gpointer *) &epds_row);
  /* the form is empty again */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (g_object_get_data (G_OBJECT (hz_test_find_named (page, "staff-total")),
                                                                     "hz-value-label"))),
                   ==, "0 of 9 answered");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-psychology-XXXXXX");
  hz_test_app_seed_demo ();
  hz_test_app_activate ();

  g_test_add_func ("/huizhen/psychology-page/tablet", test_tablet);
  g_test_add_func ("/huizhen/psychology-page/staff-form", test_staff_form);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
